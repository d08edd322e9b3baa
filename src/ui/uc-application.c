/* uc-application.c: the Undercurrent application.
 *
 * `undercurrent [FILE…]` opens one window per workspace given (the first
 * one reuses an idle window). AdwApplication loads style.css and GTK the
 * keyboard shortcuts window from the resource base path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "uc-application.h"
#include "uc-window.h"

struct _UcApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (UcApplication, uc_application, ADW_TYPE_APPLICATION)

/* The active window when it shows nothing yet, else a new one. */
static UcWindow *
get_idle_window (UcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (UC_IS_WINDOW (window) &&
      uc_window_get_workspace_path (UC_WINDOW (window)) == NULL &&
      !uc_window_get_busy (UC_WINDOW (window)))
    return UC_WINDOW (window);

  return uc_window_new (ADW_APPLICATION (self));
}

static void
uc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (uc_window_new (ADW_APPLICATION (app)));

  gtk_window_present (window);
}

static void
uc_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  UcApplication *self = UC_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      UcWindow *window = get_idle_window (self);

      gtk_window_present (GTK_WINDOW (window));
      uc_window_open_file (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Closing (not destroying) lets each window save its size. */
  windows = g_list_copy_deep (gtk_application_get_windows (app),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Undercurrent developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Undercurrent"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Undercurrent developers"),
                         "developers", developers,
                         "comments", _("Undercurrent makes execution debt visible from the traces teams already leave: git history, code review, trackers and chat exports. It works offline and stores no message text."),
                         "copyright", "© 2026 The Undercurrent developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
uc_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (uc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   app);

  /* The window binds its own shortcuts; these make the menu show them. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close-workspace", close_accels);
}

static void
uc_application_class_init (UcApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = uc_application_activate;
  app_class->open = uc_application_open;
  app_class->startup = uc_application_startup;
}

static void
uc_application_init (UcApplication *self)
{
  /* Translators: the arguments in `undercurrent --help` */
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                      _("[WORKSPACE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open Undercurrent workspaces (.undercurrent files)."));
}

UcApplication *
uc_application_new (void)
{
  return g_object_new (UC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/undercurrent/Undercurrent",
                       NULL);
}
