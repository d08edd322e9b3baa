/* uc-window-actions.c: the window's actions and their sensitivity.
 *
 * Every action is installed on the class (GTE editor-window-actions.c);
 * _uc_window_actions_update() is the one place that decides what is
 * enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-recent.h"
#include "uc-window-private.h"

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _uc_window_show_open_dialog (UC_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  uc_window_open_file (UC_WINDOW (widget), file);
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  UcWindow *self = UC_WINDOW (widget);

  uc_recent_remove (self->settings, g_variant_get_string (param, NULL));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  uc_window_open_demo (UC_WINDOW (widget));
}

static void
close_workspace_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  uc_window_close_workspace (UC_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UcWindow *self = UC_WINDOW (widget);

  if (self->analysis_job != NULL)
    uc_job_cancel (self->analysis_job);
  if (self->demo_job != NULL)
    uc_job_cancel (self->demo_job);
}

static void
reanalyse_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _uc_window_analyse (UC_WINDOW (widget));
}

void
_uc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.close-workspace", NULL, close_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.reanalyse", NULL, reanalyse_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel", NULL);
}

void
_uc_window_actions_update (UcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean building = self->demo_job != NULL;
  gboolean analysing = self->analysis_job != NULL;
  gboolean has_workspace = self->store != NULL;

  gtk_widget_action_set_enabled (widget, "win.open", !building);
  gtk_widget_action_set_enabled (widget, "win.open-recent", !building);
  gtk_widget_action_set_enabled (widget, "win.demo", !building);
  gtk_widget_action_set_enabled (widget, "win.close-workspace", has_workspace);
  gtk_widget_action_set_enabled (widget, "win.cancel", building || analysing);
  gtk_widget_action_set_enabled (widget, "win.reanalyse", has_workspace && !analysing);
}
