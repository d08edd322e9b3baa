/* uc-test-ui.c: shared set-up for the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "uc-engine.h"
#include "uc-test-ui.h"

static char *scratch_dir;
static UcApplication *test_app;

gboolean
uc_test_ui_init (int    *argc,
                 char ***argv)
{
  const char *icon_dir;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;

  /* Before GLib reads them: nothing a test does reaches the real home. */
  scratch_dir = g_dir_make_tmp ("undercurrent-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (scratch_dir, "data", NULL);
  config = g_build_filename (scratch_dir, "config", NULL);
  cache = g_build_filename (scratch_dir, "cache", NULL);
  g_mkdir (data, 0700);
  g_mkdir (config, 0700);
  g_mkdir (cache, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* Transitions finish at once, so what a test asserts is what it sees. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  icon_dir = g_getenv ("UC_ICON_DIR");
  if (icon_dir != NULL)
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    icon_dir);

  return TRUE;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) &&
      !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

int
uc_test_ui_finish (int status)
{
  if (test_app != NULL)
    {
      g_application_quit (G_APPLICATION (test_app));
      g_clear_object (&test_app);
    }
  if (scratch_dir != NULL)
    remove_tree (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
  return status;
}

const char *
uc_test_ui_scratch_dir (void)
{
  return scratch_dir;
}

UcApplication *
uc_test_ui_get_app (void)
{
  if (test_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      test_app = uc_application_new ();
      g_application_set_flags (G_APPLICATION (test_app),
                               G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (test_app), NULL, &error);
      g_assert_no_error (error);
    }
  return test_app;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
uc_test_ui_wait_until (gboolean (*cond) (gpointer),
                       gpointer   data,
                       guint      timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint id;

  id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);
  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out after %u s", timeout_seconds);
  g_source_remove (id);
}

static gboolean
true_after_idle (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
uc_test_ui_flush (void)
{
  gboolean done = FALSE;

  /* Twice through a low-priority idle: layout and drawing run first. */
  for (guint i = 0; i < 2; i++)
    {
      done = FALSE;
      g_idle_add_full (G_PRIORITY_LOW + 100, true_after_idle, &done, NULL);
      uc_test_ui_wait_until (is_true, &done, 10);
    }
}

typedef struct
{
  const char *name;
  const char *email;
  guint       weight;   /* commits per week */
} Person;

typedef struct
{
  const char   *name;
  const char   *repo;
  Person        people[4];
} Team;

static const Team teams[] = {
  { UC_TEST_TEAM_EVEN, "atlas-app", {
      { "Ada Lovelace", "ada@example.org", 2 },
      { "Brian Kernighan", "brian@example.org", 2 },
      { "Chen Wei", "chen@example.org", 2 },
      { NULL, NULL, 0 } } },
  { UC_TEST_TEAM_SKEWED, "borealis-platform", {
      { "Dana Scully", "dana@example.org", 8 },
      { "Emeka Okafor", "emeka@example.org", 1 },
      { "Freya Nilsen", "freya@example.org", 1 },
      { NULL, NULL, 0 } } },
};

/* Monday 2026-01-05 00:00 UTC, the start of 2026-W02. */
#define BASE_TIME ((UcTime) 1767571200)

char *
uc_test_ui_make_workspace (const char *name,
                           gboolean    with_commits)
{
  g_autofree char *path = g_build_filename (scratch_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = NULL;
  UcId source, agent_identity, agent;
  guint n_commits = 0;

  store = uc_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_begin (store, &error));

  source = uc_store_add_source (store, "test", path, name, NULL, &error);
  g_assert_no_error (error);

  agent_identity = uc_store_ensure_identity (store, "email", "bot@example.org",
                                             "release-bot", 0, source, &error);
  g_assert_no_error (error);
  agent = uc_store_identity_person (store, agent_identity);
  g_assert_true (uc_store_set_person_agent (store, agent, TRUE, &error));

  for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
    {
      const Team *team = &teams[t];
      UcId team_id, repo;
      UcId identities[4] = { 0 };

      team_id = uc_store_ensure_team (store, team->name, source, &error);
      g_assert_no_error (error);
      repo = uc_store_ensure_repo (store, team->repo, "git", source, &error);
      g_assert_no_error (error);

      for (guint p = 0; team->people[p].name != NULL; p++)
        {
          UcId person;

          identities[p] = uc_store_ensure_identity (store, "email", team->people[p].email,
                                                    team->people[p].name, 0, source, &error);
          g_assert_no_error (error);
          person = uc_store_identity_person (store, identities[p]);
          g_assert_true (uc_store_add_person_team (store, person, team_id, 0, 0, source, &error));
        }
      if (t == 0)
        g_assert_true (uc_store_add_person_team (store, agent, team_id, 0, 0, source, &error));

      if (!with_commits)
        continue;

      for (guint week = 0; week < UC_TEST_N_WEEKS; week++)
        for (guint p = 0; team->people[p].name != NULL; p++)
          for (guint c = 0; c < team->people[p].weight; c++)
            {
              g_autofree char *sha = NULL;
              g_autofree char *file_path = NULL;
              UcCommitRow row = { 0 };
              gboolean inserted = FALSE;
              UcId commit, file;

              sha = g_strdup_printf ("%08x%032x", t + 1, ++n_commits);
              row.repo_id = repo;
              row.sha = sha;
              row.author_identity = identities[p];
              row.committer_identity = identities[p];
              row.author_time = BASE_TIME + week * 7 * 86400 + p * 86400 + 9 * 3600 + c * 600;
              row.commit_time = row.author_time;
              row.n_parents = 1;
              row.subject_len = 40;
              row.source_id = source;
              commit = uc_store_add_commit (store, &row, &inserted, &error);
              g_assert_no_error (error);
              g_assert_true (inserted);

              /* Each person owns two files and touches a shared one. */
              file_path = c == 0 && week % 2 == 0
                ? g_strdup ("src/shared.c")
                : g_strdup_printf ("src/%s-%u.c", team->people[p].email, c % 2);
              file = uc_store_ensure_file (store, repo, file_path, &error);
              g_assert_no_error (error);
              g_assert_true (uc_store_add_file_change (store, commit, file,
                                                       week == 0 && c < 2 ? UC_CHANGE_ADDED : UC_CHANGE_MODIFIED,
                                                       0, 10 + c, 2, FALSE, &error));
            }

      /* The agent commits to Atlas's repository every other week. */
      for (guint week = 0; t == 0 && week < UC_TEST_N_WEEKS; week += 2)
        {
          g_autofree char *sha = g_strdup_printf ("%08x%032x", 99, ++n_commits);
          UcCommitRow row = { 0 };
          gboolean inserted = FALSE;

          row.repo_id = repo;
          row.sha = sha;
          row.author_identity = agent_identity;
          row.committer_identity = agent_identity;
          row.author_time = BASE_TIME + week * 7 * 86400 + 4 * 86400 + 3600;
          row.commit_time = row.author_time;
          row.n_parents = 1;
          row.subject_len = 30;
          row.source_id = source;
          uc_store_add_commit (store, &row, &inserted, &error);
          g_assert_no_error (error);
        }
    }

  g_assert_true (uc_store_finish_source (store, source, n_commits, 0, BASE_TIME,
                                         BASE_TIME + UC_TEST_N_WEEKS * 7 * 86400, &error));
  g_assert_true (uc_store_commit (store, &error));

  return g_steal_pointer (&path);
}

void
uc_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("UC_SCREENSHOT_DIR");
  g_autofree char *filename = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, filename, NULL);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A widget that is between frames renders nothing: wait for the next
   * frame and try again. */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      if (attempt > 0)
        {
          gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_native (widget)));
          gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_native (widget)));
          uc_test_ui_flush ();
        }

      snapshot = gtk_snapshot_new ();
      /* A widget on its own is drawn over the window background it would
       * have, not over transparency. */
      if (!GTK_IS_NATIVE (widget))
        {
          GdkRGBA background;

          gdk_rgba_parse (&background,
                          adw_style_manager_get_dark (adw_style_manager_get_default ())
                          ? "#242424" : "#fafafa");
          gtk_snapshot_append_color (snapshot, &background,
                                     &GRAPHENE_RECT_INIT (0, 0, width, height));
        }
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

GtkWidget *
uc_test_ui_find_widget (GtkWidget     *root,
                        GType          type,
                        gboolean     (*match) (GtkWidget *, gconstpointer),
                        gconstpointer  data)
{
  if (root == NULL)
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = uc_test_ui_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
button_has_label (GtkWidget     *widget,
                  gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
label_has_text (GtkWidget     *widget,
                gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
uc_test_ui_find_button (GtkWidget  *root,
                        const char *label)
{
  return uc_test_ui_find_widget (root, GTK_TYPE_BUTTON, button_has_label, label);
}

GtkWidget *
uc_test_ui_find_label (GtkWidget  *root,
                       const char *text)
{
  return uc_test_ui_find_widget (root, GTK_TYPE_LABEL, label_has_text, text);
}
