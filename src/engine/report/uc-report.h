/* uc-report.h: the PDF summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-analysis.h"

G_BEGIN_DECLS

#define UC_REPORT_ERROR (uc_report_error_quark ())

typedef enum
{
  UC_REPORT_ERROR_WRITE,
} UcReportError;

GQuark uc_report_error_quark (void);

typedef enum
{
  UC_REPORT_PAPER_A4,
  UC_REPORT_PAPER_LETTER,
} UcReportPaper;

typedef struct
{
  UcReportPaper paper;
  const char   *title;          /* NULL: the workspace's file name */
} UcReportOptions;

void     uc_report_options_init (UcReportOptions *options);

/* Write the PDF summary of @analysis to @path. Runs in any thread. */
gboolean uc_report_write_pdf    (UcStore               *store,
                                 UcAnalysis            *analysis,
                                 const char            *path,
                                 const UcReportOptions *options,
                                 UcProgressFunc         progress,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 GError               **error);

G_END_DECLS
