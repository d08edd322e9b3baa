/* uc-window-private.h: UcWindow's state, shared by uc-window*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-job.h"
#include "uc-store.h"
#include "uc-window.h"

G_BEGIN_DECLS

struct _UcWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned. */
  GSettings            *settings;
  GtkStringList        *recent_model;   /* paths, most recent first */
  UcStore              *store;          /* main-thread connection of the open workspace */
  UcAnalysis           *analysis;       /* last finished analysis */
  UcJob                *analysis_job;   /* the running analysis, or NULL */
  UcJob                *demo_job;       /* the running demo build, or NULL */
  GtkNativeDialog      *chooser;        /* the open dialog while it is shown */
  AdwToast             *toast;          /* the last toast shown */
  const char           *view;           /* static string, see uc_window_get_view () */

  /* Template children (borrowed). */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkStack             *welcome_stack;
  GtkButton            *open_button;
  GtkButton            *demo_button;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkProgressBar       *demo_progress;
  GtkLabel             *demo_message;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  AdwStatusPage        *analysing_page;
  GtkProgressBar       *analysis_progress;
  UcOverviewPage       *overview_page;
  AdwStatusPage        *no_commits_page;
  AdwStatusPage        *stopped_page;
};

/* uc-window-actions.c */
void  _uc_window_class_actions_init (GtkWidgetClass *widget_class);
void  _uc_window_actions_update     (UcWindow       *self);

/* uc-window-workspace.c */
void  _uc_window_workspace_dispose  (UcWindow       *self);
void  _uc_window_analyse            (UcWindow       *self);
void  _uc_window_show_open_dialog   (UcWindow       *self);
char *_uc_window_workspace_name     (const char     *path);

/* uc-window.c */
void  _uc_window_set_view           (UcWindow       *self,
                                     const char     *view);
void  _uc_window_refresh_recent     (UcWindow       *self);
void  _uc_window_add_toast          (UcWindow       *self,
                                     const char     *title);
void  _uc_window_show_error         (UcWindow       *self,
                                     const char     *heading,
                                     const GError   *error);
void  _uc_window_notify_busy        (UcWindow       *self);
char *_uc_window_display_dirname    (const char     *path);

G_END_DECLS
