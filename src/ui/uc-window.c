/* uc-window.c: the main window.
 *
 * AdwApplicationWindow → AdwToastOverlay → GtkStack: the welcome state
 * (an AdwStatusPage with Open, Try the Demo and the recent workspaces) or
 * the workspace, an AdwLeaflet of sidebar | content as in libadwaita
 * 1.2.2's demo window. Actions live in uc-window-actions.c, opening and
 * analysing workspaces in uc-window-workspace.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "uc-recent.h"
#include "uc-window-private.h"

G_DEFINE_FINAL_TYPE (UcWindow, uc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_VIEW,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* "~/Projects" rather than "/home/someone/Projects". */
char *
_uc_window_display_dirname (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 &&
      g_str_has_prefix (dir, home) &&
      (dir[home_len] == '\0' || dir[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", dir + home_len, NULL);
  return g_steal_pointer (&dir);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *path = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_autofree char *name = _uc_window_workspace_name (path);
  g_autofree char *dirname = _uc_window_display_dirname (path);
  GtkWidget *row;
  GtkWidget *remove;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_tooltip_text (row, path);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dirname);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    {
      g_autofree char *missing = NULL;

      /* Translators: subtitle of a recent workspace whose file is gone;
       * %s is its folder */
      missing = g_strdup_printf (_("Not found in %s"), dirname);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), missing);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
    }

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove From Recent Workspaces"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

void
_uc_window_refresh_recent (UcWindow *self)
{
  g_auto(GStrv) paths = uc_recent_list (self->settings);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent_model));

  gtk_string_list_splice (self->recent_model, 0, n_items,
                          (const char * const *)paths);
  gtk_widget_set_visible (self->recent_box, paths[0] != NULL);
}

static void
recent_changed_cb (UcWindow   *self,
                   const char *key,
                   GSettings  *settings)
{
  _uc_window_refresh_recent (self);
}

void
_uc_window_set_view (UcWindow   *self,
                     const char *view)
{
  g_assert (UC_IS_WINDOW (self));
  g_assert (view != NULL);

  if (g_str_equal (view, "welcome") || g_str_equal (view, "building-demo"))
    {
      self->view = g_str_equal (view, "welcome") ? "welcome" : "building-demo";
      gtk_stack_set_visible_child_name (self->welcome_stack,
                                        g_str_equal (view, "welcome") ? "actions" : "building");
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else
    {
      if (g_str_equal (view, "analysing"))
        self->view = "analysing";
      else if (g_str_equal (view, "overview"))
        self->view = "overview";
      else if (g_str_equal (view, "no-commits"))
        self->view = "no-commits";
      else if (g_str_equal (view, "stopped"))
        self->view = "stopped";
      else
        g_assert_not_reached ();

      gtk_stack_set_visible_child_name (self->content_stack, self->view);
      gtk_stack_set_visible_child_name (self->main_stack, "workspace");
      /* On a narrow window the content is what was asked for. */
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
_uc_window_add_toast (UcWindow   *self,
                      const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  /* The latest news replaces older news rather than queueing behind it. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_object (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_uc_window_show_error (UcWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_uc_window_notify_busy (UcWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
back_clicked_cb (UcWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
sidebar_row_activated_cb (UcWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  /* "Overview" is the only page so far; the content shows it (or the
   * analysis state that precedes it). */
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
leaflet_folded_cb (UcWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  /* Folded, the sidebar is a list to navigate from, not a selection. */
  if (adw_leaflet_get_folded (leaflet))
    gtk_list_box_unselect_all (self->sidebar_list);
  else
    gtk_list_box_select_row (self->sidebar_list,
                             gtk_list_box_get_row_at_index (self->sidebar_list, 0));
}

static void
restore_window_state (UcWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (UcWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
uc_window_close_request (GtkWindow *window)
{
  save_window_state (UC_WINDOW (window));

  return GTK_WINDOW_CLASS (uc_window_parent_class)->close_request (window);
}

static void
uc_window_dispose (GObject *object)
{
  UcWindow *self = UC_WINDOW (object);

  _uc_window_workspace_dispose (self);

  if (self->recent_list != NULL)
    gtk_list_box_bind_model (self->recent_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), UC_TYPE_WINDOW);

  g_clear_object (&self->recent_model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (uc_window_parent_class)->dispose (object);
}

static void
uc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UcWindow *self = UC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, uc_window_get_busy (self));
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
uc_window_class_init (UcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = uc_window_dispose;
  object_class->get_property = uc_window_get_property;

  window_class->close_request = uc_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (UC_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undercurrent/Undercurrent/ui/uc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, welcome_stack);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, demo_message);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, analysing_page);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, analysis_progress);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, no_commits_page);
  gtk_widget_class_bind_template_child (widget_class, UcWindow, stopped_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  _uc_window_class_actions_init (widget_class);
}

static void
uc_window_init (UcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->recent_model = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list,
                           G_LIST_MODEL (self->recent_model),
                           create_recent_row, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (recent_changed_cb), self,
                           G_CONNECT_SWAPPED);

  restore_window_state (self);
  _uc_window_refresh_recent (self);
  leaflet_folded_cb (self, NULL, self->leaflet);
  _uc_window_set_view (self, "welcome");
  _uc_window_actions_update (self);
}

UcWindow *
uc_window_new (AdwApplication *application)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);

  return g_object_new (UC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

const char *
uc_window_get_workspace_path (UcWindow *self)
{
  g_return_val_if_fail (UC_IS_WINDOW (self), NULL);

  return self->store != NULL ? uc_store_get_path (self->store) : NULL;
}

UcAnalysis *
uc_window_get_analysis (UcWindow *self)
{
  g_return_val_if_fail (UC_IS_WINDOW (self), NULL);

  return self->analysis;
}

gboolean
uc_window_get_busy (UcWindow *self)
{
  g_return_val_if_fail (UC_IS_WINDOW (self), FALSE);

  return self->analysis_job != NULL || self->demo_job != NULL;
}

const char *
uc_window_get_view (UcWindow *self)
{
  g_return_val_if_fail (UC_IS_WINDOW (self), NULL);

  return self->view;
}

UcOverviewPage *
uc_window_get_overview_page (UcWindow *self)
{
  g_return_val_if_fail (UC_IS_WINDOW (self), NULL);

  return self->overview_page;
}

char *
uc_window_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "undercurrent",
                           "demo.undercurrent", NULL);
}
