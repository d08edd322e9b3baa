/* uc-job.c: progress and cancellation of one piece of long work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-job.h"

/* At most ten updates a second reach the main thread. */
#define UPDATE_INTERVAL_USEC (G_USEC_PER_SEC / 10)

struct _UcJob
{
  GObject       parent_instance;

  char         *title;          /* owned */
  GCancellable *cancellable;    /* owned */
  GMainContext *context;        /* owned: where properties change */

  /* Main thread only. */
  double        fraction;
  char         *message;        /* owned */

  /* Written by the worker, read on the main thread: under @lock. */
  GMutex        lock;
  double        pending_fraction;
  char         *pending_message; /* owned */
  gboolean      update_queued;
  gint64        last_update;     /* monotonic µs of the last applied update */
};

G_DEFINE_FINAL_TYPE (UcJob, uc_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
uc_job_finalize (GObject *object)
{
  UcJob *self = (UcJob *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->pending_message, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (uc_job_parent_class)->finalize (object);
}

static void
uc_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  UcJob *self = UC_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
uc_job_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  UcJob *self = UC_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
uc_job_class_init (UcJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = uc_job_finalize;
  object_class->get_property = uc_job_get_property;
  object_class->set_property = uc_job_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * UcJob:fraction:
   *
   * Done so far, 0..1, or -1 while unknown.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         -1.0, 1.0, -1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
uc_job_init (UcJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->fraction = -1.0;
  self->pending_fraction = -1.0;
}

UcJob *
uc_job_new (const char *title)
{
  return g_object_new (UC_TYPE_JOB,
                       "title", title,
                       NULL);
}

const char *
uc_job_get_title (UcJob *self)
{
  g_return_val_if_fail (UC_IS_JOB (self), NULL);

  return self->title;
}

double
uc_job_get_fraction (UcJob *self)
{
  g_return_val_if_fail (UC_IS_JOB (self), -1.0);

  return self->fraction;
}

const char *
uc_job_get_message (UcJob *self)
{
  g_return_val_if_fail (UC_IS_JOB (self), NULL);

  return self->message;
}

GCancellable *
uc_job_get_cancellable (UcJob *self)
{
  g_return_val_if_fail (UC_IS_JOB (self), NULL);

  return self->cancellable;
}

void
uc_job_cancel (UcJob *self)
{
  g_return_if_fail (UC_IS_JOB (self));

  g_cancellable_cancel (self->cancellable);
}

gboolean
uc_job_is_cancelled (UcJob *self)
{
  g_return_val_if_fail (UC_IS_JOB (self), FALSE);

  return g_cancellable_is_cancelled (self->cancellable);
}

/* Main thread: publish the latest report. */
static gboolean
apply_update (gpointer user_data)
{
  UcJob *self = user_data;
  g_autofree char *message = NULL;
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->pending_fraction;
  message = g_steal_pointer (&self->pending_message);
  self->update_queued = FALSE;
  self->last_update = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

void
uc_job_progress (double      fraction,
                 const char *message,
                 gpointer    job)
{
  UcJob *self = job;
  gint64 now, wait_usec = 0;
  gboolean queue;

  g_return_if_fail (UC_IS_JOB (self));

  if (fraction > 1.0)
    fraction = 1.0;
  else if (fraction < 0.0 || isnan (fraction))
    fraction = -1.0;

  g_mutex_lock (&self->lock);
  self->pending_fraction = fraction;
  if (message != NULL)
    {
      g_free (self->pending_message);
      self->pending_message = g_strdup (message);
    }
  queue = !self->update_queued;
  if (queue)
    {
      self->update_queued = TRUE;
      now = g_get_monotonic_time ();
      if (now - self->last_update < UPDATE_INTERVAL_USEC)
        wait_usec = UPDATE_INTERVAL_USEC - (now - self->last_update);
    }
  g_mutex_unlock (&self->lock);

  if (!queue)
    return;

  if (wait_usec == 0)
    {
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                                  apply_update, g_object_ref (self),
                                  g_object_unref);
    }
  else
    {
      g_autoptr(GSource) source = NULL;

      source = g_timeout_source_new ((guint) (wait_usec / 1000) + 1);
      g_source_set_static_name (source, "[undercurrent] job progress");
      g_source_set_callback (source, apply_update, g_object_ref (self),
                             g_object_unref);
      g_source_attach (source, self->context);
    }
}
