/* uc-truck-factor.h: degree of authorship and truck factor (Avelino et
 * al., "A novel approach for estimating truck factors", ICPC 2016).
 *
 * The input is compact so the analysis can call it per team and per week:
 * files and people are small dense indices, and each (file, person) pair
 * with at least one change is one entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UC_DOA_ABSOLUTE_MIN   3.293  /* an author's DOA is at least this */
#define UC_DOA_NORMALIZED_MIN 0.75   /* and above this share of the file's best */
#define UC_TRUCK_COVERAGE     0.5    /* stop once MORE than half is orphaned */

/* DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln (1 + AC). */
double uc_doa (gboolean first_author,
               guint64  deliveries,
               guint64  acceptances);

typedef struct
{
  guint file;      /* 0 .. n_files - 1 */
  guint person;    /* 0 .. n_persons - 1 */
  guint changes;   /* DL: this person's changes to this file (>= 1) */
} UcAuthorshipEntry;

typedef struct
{
  guint  person;
  double doa;
} UcFileAuthor;

typedef struct
{
  int           truck_factor;     /* people removed; -1 when there are no files */
  guint         n_files;
  guint         n_persons;
  guint         n_unauthored;     /* files nobody authors */
  guint         n_single_author;  /* files with exactly one author */
  guint         n_orphaned;       /* files with no author left after the removals */
  GArray       *removed;          /* guint person indices, in removal order */
  guint        *n_authored;       /* per person: files they author */
  guint        *author_offsets;   /* n_files + 1: the authors of file f are
                                   * authors[author_offsets[f] .. author_offsets[f + 1]) */
  UcFileAuthor *authors;          /* sorted by DOA, highest first, then person */
} UcTruckFactor;

/* Authors of each file and the greedy truck factor.
 *
 * @creators: per file, the person who created it (FA = 1) or -1; may be
 * NULL for "unknown everywhere". A creator only counts when they have an
 * entry for the file (creating a file is itself a change, so in complete
 * input the creator always has one).
 * @entries: any order; a repeated (file, person) pair is summed.
 *
 * AC of a person on a file is the sum of everyone else's changes to it.
 * A person authors a file when DOA / max DOA on the file > 0.75 and
 * DOA >= 3.293. Greedy removal: while at most half of the files are
 * orphaned, remove the person who authors the most files. Ties go to the
 * person with more changes to the files they author (sum of their DL
 * there), then to the lower person index, so the result never depends on
 * the order of @entries. */
UcTruckFactor *uc_truck_factor_compute (guint                    n_files,
                                        guint                    n_persons,
                                        const int               *creators,
                                        const UcAuthorshipEntry *entries,
                                        gsize                    n_entries);
void           uc_truck_factor_free    (UcTruckFactor *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcTruckFactor, uc_truck_factor_free)

/* The two steps of uc_truck_factor_compute(), for callers that cache the
 * authors of files that did not change (the analysis does, per week). */

/* The authors of ONE file from its entries (one per person; the file
 * field is ignored), highest DOA first, then lower person index. @authors
 * has room for @n_entries. Returns the number of authors. */
guint          uc_file_authors         (const UcAuthorshipEntry *entries,
                                        guint                    n_entries,
                                        int                      creator,
                                        UcFileAuthor            *authors);

/* The greedy removal over given author sets (copied): the authors of
 * file f are authors[author_offsets[f] .. author_offsets[f + 1]).
 * @person_changes (may be NULL) breaks ties between people who author as
 * many files: more changes first, then the lower index. */
UcTruckFactor *uc_truck_factor_greedy  (guint                    n_files,
                                        guint                    n_persons,
                                        const guint             *author_offsets,
                                        const UcFileAuthor      *authors,
                                        const guint64           *person_changes);

/* The authors of @file (borrowed), highest DOA first. */
const UcFileAuthor *uc_truck_factor_get_authors (const UcTruckFactor *self,
                                                 guint                file,
                                                 guint               *n_authors);

/* Share of files with exactly one author; NAN with no files. */
double              uc_truck_factor_get_islands (const UcTruckFactor *self);

G_END_DECLS
