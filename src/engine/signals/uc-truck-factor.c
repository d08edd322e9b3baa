/* uc-truck-factor.c: degree of authorship and truck factor.
 *
 * Avelino, Passos, Hora, Valente, "A novel approach for estimating truck
 * factors", ICPC 2016, as implemented by aserg-ufmg/Truck-Factor
 * (AuthorshipInfo.java, GreedyTruckFactor.java, config.properties:
 * normalizedDOA 0.75, absoluteDOA 3.293, tfCoverage 0.5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "uc-truck-factor.h"

double
uc_doa (gboolean first_author,
        guint64  deliveries,
        guint64  acceptances)
{
  return 3.293 + 1.098 * (first_author ? 1.0 : 0.0) +
         0.164 * (double) deliveries -
         0.321 * log1p ((double) acceptances);
}

void
uc_truck_factor_free (UcTruckFactor *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->removed, g_array_unref);
  g_free (self->n_authored);
  g_free (self->author_offsets);
  g_free (self->authors);
  g_free (self);
}

const UcFileAuthor *
uc_truck_factor_get_authors (const UcTruckFactor *self,
                             guint                file,
                             guint               *n_authors)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file < self->n_files, NULL);

  if (n_authors != NULL)
    *n_authors = self->author_offsets[file + 1] - self->author_offsets[file];
  return self->authors + self->author_offsets[file];
}

double
uc_truck_factor_get_islands (const UcTruckFactor *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (self->n_files == 0)
    return NAN;
  return (double) self->n_single_author / (double) self->n_files;
}

/* Insertion sorts: the lists are per file, almost always short. */
static void
sort_entries_by_person (UcAuthorshipEntry *e,
                        guint              n)
{
  for (guint i = 1; i < n; i++)
    {
      UcAuthorshipEntry x = e[i];
      guint j = i;

      for (; j > 0 && e[j - 1].person > x.person; j--)
        e[j] = e[j - 1];
      e[j] = x;
    }
}

static inline gboolean
author_before (const UcFileAuthor *a,
               const UcFileAuthor *b)
{
  return a->doa > b->doa || (a->doa == b->doa && a->person < b->person);
}

static void
sort_authors (UcFileAuthor *a,
              guint         n)
{
  for (guint i = 1; i < n; i++)
    {
      UcFileAuthor x = a[i];
      guint j = i;

      for (; j > 0 && author_before (&x, &a[j - 1]); j--)
        a[j] = a[j - 1];
      a[j] = x;
    }
}

guint
uc_file_authors (const UcAuthorshipEntry *entries,
                 guint                    n_entries,
                 int                      creator,
                 UcFileAuthor            *authors)
{
  guint64 total = 0;
  double max_doa = -INFINITY;
  guint n_authors = 0;

  g_return_val_if_fail (entries != NULL || n_entries == 0, 0);
  g_return_val_if_fail (authors != NULL || n_entries == 0, 0);

  for (guint i = 0; i < n_entries; i++)
    total += entries[i].changes;

  /* DOA of everyone first (kept in @authors), then the authors in place. */
  for (guint i = 0; i < n_entries; i++)
    {
      authors[i].person = entries[i].person;
      authors[i].doa = uc_doa (creator >= 0 && (guint) creator == entries[i].person,
                               entries[i].changes, total - entries[i].changes);
      max_doa = MAX (max_doa, authors[i].doa);
    }
  if (!(max_doa > 0.0))
    return 0;
  for (guint i = 0; i < n_entries; i++)
    if (authors[i].doa >= UC_DOA_ABSOLUTE_MIN &&
        authors[i].doa / max_doa > UC_DOA_NORMALIZED_MIN)
      authors[n_authors++] = authors[i];
  sort_authors (authors, n_authors);
  return n_authors;
}

typedef struct
{
  guint   person;
  guint   n_authored;
  guint64 changes;
} Candidate;

static int
compare_candidates (const void *a,
                    const void *b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->n_authored != y->n_authored)
    return x->n_authored > y->n_authored ? -1 : 1;
  if (x->changes != y->changes)
    return x->changes > y->changes ? -1 : 1;
  return (x->person > y->person) - (x->person < y->person);
}

UcTruckFactor *
uc_truck_factor_greedy (guint               n_files,
                        guint               n_persons,
                        const guint        *author_offsets,
                        const UcFileAuthor *authors,
                        const guint64      *person_changes)
{
  g_autoptr(UcTruckFactor) self = g_new0 (UcTruckFactor, 1);
  g_autofree guint *person_offsets = NULL;
  g_autofree guint *fill = NULL;
  g_autofree guint *person_files = NULL;
  g_autofree guint *remaining = NULL;
  g_autofree Candidate *candidates = NULL;
  guint n_authors, n_candidates = 0;

  g_return_val_if_fail (author_offsets != NULL, NULL);
  n_authors = author_offsets[n_files];
  g_return_val_if_fail (authors != NULL || n_authors == 0, NULL);

  self->n_files = n_files;
  self->n_persons = n_persons;
  self->removed = g_array_new (FALSE, FALSE, sizeof (guint));
  self->n_authored = g_new0 (guint, MAX (n_persons, 1));
  self->author_offsets = g_memdup2 (author_offsets, (n_files + 1) * sizeof (guint));
  self->authors = g_new (UcFileAuthor, MAX (n_authors, 1));
  if (n_authors > 0)
    memcpy (self->authors, authors, n_authors * sizeof (UcFileAuthor));

  for (guint f = 0; f < n_files; f++)
    {
      guint n = author_offsets[f + 1] - author_offsets[f];

      if (n == 0)
        self->n_unauthored++;
      else if (n == 1)
        self->n_single_author++;
    }
  for (guint a = 0; a < n_authors; a++)
    {
      g_return_val_if_fail (authors[a].person < n_persons, NULL);
      self->n_authored[authors[a].person]++;
    }

  if (n_files == 0)
    {
      self->truck_factor = -1;
      return g_steal_pointer (&self);
    }

  /* The files each person authors (inverse index). */
  person_offsets = g_new0 (guint, n_persons + 1);
  for (guint p = 0; p < n_persons; p++)
    person_offsets[p + 1] = person_offsets[p] + self->n_authored[p];
  fill = g_memdup2 (person_offsets, (n_persons + 1) * sizeof (guint));
  person_files = g_new (guint, MAX (n_authors, 1));
  remaining = g_new (guint, n_files);
  for (guint f = 0; f < n_files; f++)
    {
      remaining[f] = author_offsets[f + 1] - author_offsets[f];
      for (guint a = author_offsets[f]; a < author_offsets[f + 1]; a++)
        person_files[fill[authors[a].person]++] = f;
    }

  /* The removal order: most files authored first. Removing someone never
   * changes how many files the others author, so the order is fixed. */
  candidates = g_new (Candidate, MAX (n_persons, 1));
  for (guint p = 0; p < n_persons; p++)
    if (self->n_authored[p] > 0)
      {
        candidates[n_candidates].person = p;
        candidates[n_candidates].n_authored = self->n_authored[p];
        candidates[n_candidates].changes = person_changes != NULL ? person_changes[p] : 0;
        n_candidates++;
      }
  qsort (candidates, n_candidates, sizeof (Candidate), compare_candidates);

  self->n_orphaned = self->n_unauthored;
  self->truck_factor = 0;
  for (guint c = 0;
       c < n_candidates && 2 * (guint64) self->n_orphaned <= n_files;
       c++)
    {
      guint p = candidates[c].person;

      for (guint i = person_offsets[p]; i < person_offsets[p + 1]; i++)
        if (--remaining[person_files[i]] == 0)
          self->n_orphaned++;
      g_array_append_val (self->removed, p);
      self->truck_factor++;
    }

  return g_steal_pointer (&self);
}

UcTruckFactor *
uc_truck_factor_compute (guint                    n_files,
                         guint                    n_persons,
                         const int               *creators,
                         const UcAuthorshipEntry *entries,
                         gsize                    n_entries)
{
  g_autofree guint *file_offsets = NULL;
  g_autofree guint *fill = NULL;
  g_autofree UcAuthorshipEntry *by_file = NULL;
  g_autofree guint64 *person_changes = NULL;
  g_autofree guint *author_offsets = NULL;
  g_autofree UcFileAuthor *authors = NULL;
  guint n_authors = 0;

  g_return_val_if_fail (entries != NULL || n_entries == 0, NULL);
  g_return_val_if_fail (n_entries <= G_MAXUINT, NULL);

  for (gsize i = 0; i < n_entries; i++)
    {
      g_return_val_if_fail (entries[i].file < n_files, NULL);
      g_return_val_if_fail (entries[i].person < n_persons, NULL);
    }

  /* Group the entries by file (counting sort), then by person. */
  file_offsets = g_new0 (guint, n_files + 1);
  for (gsize i = 0; i < n_entries; i++)
    file_offsets[entries[i].file + 1]++;
  for (guint f = 0; f < n_files; f++)
    file_offsets[f + 1] += file_offsets[f];
  fill = g_memdup2 (file_offsets, (n_files + 1) * sizeof (guint));
  by_file = g_new (UcAuthorshipEntry, MAX (n_entries, 1));
  for (gsize i = 0; i < n_entries; i++)
    by_file[fill[entries[i].file]++] = entries[i];

  person_changes = g_new0 (guint64, MAX (n_persons, 1));
  author_offsets = g_new0 (guint, n_files + 1);
  authors = g_new (UcFileAuthor, MAX (n_entries, 1));

  for (guint f = 0; f < n_files; f++)
    {
      UcAuthorshipEntry *e = by_file + file_offsets[f];
      guint n = file_offsets[f + 1] - file_offsets[f];
      guint n_unique = 0, n_file_authors;

      sort_entries_by_person (e, n);
      for (guint i = 0; i < n; i++)
        {
          if (n_unique > 0 && e[n_unique - 1].person == e[i].person)
            e[n_unique - 1].changes += e[i].changes;
          else
            e[n_unique++] = e[i];
        }
      n_file_authors = uc_file_authors (e, n_unique, creators != NULL ? creators[f] : -1,
                                        authors + n_authors);
      /* Tie-break weight: changes to the files one authors. */
      for (guint a = n_authors; a < n_authors + n_file_authors; a++)
        for (guint i = 0; i < n_unique; i++)
          if (e[i].person == authors[a].person)
            person_changes[e[i].person] += e[i].changes;
      n_authors += n_file_authors;
      author_offsets[f + 1] = n_authors;
    }

  return uc_truck_factor_greedy (n_files, n_persons, author_offsets, authors, person_changes);
}
