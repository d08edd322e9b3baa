/* uc-job.h: the progress and cancellation of one piece of long work.
 *
 * A job is the model a progress bar and a Cancel button bind to. The
 * worker thread reports through uc_job_progress() (a UcProgressFunc);
 * the job coalesces reports and applies them on the main context it was
 * created in, at most ten times a second, so its properties only ever
 * change (and notify) on that thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UC_TYPE_JOB (uc_job_get_type ())
G_DECLARE_FINAL_TYPE (UcJob, uc_job, UC, JOB, GObject)

UcJob        *uc_job_new             (const char *title) G_GNUC_WARN_UNUSED_RESULT;
const char   *uc_job_get_title       (UcJob      *self);
double        uc_job_get_fraction    (UcJob      *self);
const char   *uc_job_get_message     (UcJob      *self);
GCancellable *uc_job_get_cancellable (UcJob      *self);
void          uc_job_cancel          (UcJob      *self);
gboolean      uc_job_is_cancelled    (UcJob      *self);

/* A UcProgressFunc: call it from any thread with the job as user data.
 * @fraction is 0..1, or < 0 when unknown (the bar pulses). */
void          uc_job_progress        (double      fraction,
                                      const char *message,
                                      gpointer    job);

G_END_DECLS
