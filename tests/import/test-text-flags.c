/* test-text-flags.c: what importers derive from text that is thrown away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-text-flags.h"

typedef struct
{
  const char *text;
  const char *keys;   /* expected, joined with ' ' */
} KeyCase;

static void
test_ticket_keys (void)
{
  static const KeyCase cases[] = {
    { "Fix crash in parser (PROJ-12)", "PROJ-12" },
    { "PROJ-12: again PROJ-12 and proj-12", "PROJ-12" },
    { "ABC-1, DEF_X-22 and AB1-3.", "ABC-1 DEF_X-22 AB1-3" },
    { "feature/ABC-123-login", "ABC-123" },
    { "https://jira.example.com/browse/OPS-7", "OPS-7" },
    { "Use UTF-8, ISO-8859-1, SHA-256, CVE-2024-1234 and RFC-2119", "" },
    { "version X86-64 and A-1 and ABC-", "" },
    { "Release ABC-1.2 and ABC-3-4", "" },
    { "Fixes #12, see #7 and #12 again", "#12 #7" },
    { "owner/repo#45 and gnome/gtk#6000 in a sentence", "owner/repo#45 gnome/gtk#6000" },
    { "colour #fff, entity &#123; anchor foo#3 and #0 and 1#2", "" },
    { "(#99) [#100]", "#99 #100" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) keys = uc_text_find_ticket_keys (cases[i].text, -1);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint k = 0; k < keys->len; k++)
        {
          if (k > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, g_ptr_array_index (keys, k));
        }
      g_test_message ("keys of “%s”", cases[i].text);
      g_assert_cmpstr (joined->str, ==, cases[i].keys);
    }

  /* collect: de-duplicated across calls, count of new keys returned. */
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

    g_assert_cmpuint (uc_text_collect_ticket_keys ("ABC-1 #2", -1, keys), ==, 2);
    g_assert_cmpuint (uc_text_collect_ticket_keys ("#2 ABC-1 XY-9", -1, keys), ==, 1);
    g_assert_cmpuint (keys->len, ==, 3);
    /* len limits the scan */
    g_assert_cmpuint (uc_text_collect_ticket_keys ("ZZ-1 QQ-2", 4, keys), ==, 1);
    g_assert_cmpstr (g_ptr_array_index (keys, 3), ==, "ZZ-1");
  }

  g_assert_nonnull (uc_text_ticket_key_denylist ());
}

typedef struct
{
  const char *text;
  gboolean    revert;
  gboolean    fix;
} MarkerCase;

static void
test_revert_fix (void)
{
  static const MarkerCase cases[] = {
    { "Revert \"Add login\"", TRUE, FALSE },
    { "reverted the cache change", TRUE, FALSE },
    { "Roll back the migration", TRUE, FALSE },
    { "rollback: drop index", TRUE, FALSE },
    { "Backed out changeset 1234", TRUE, FALSE },
    { "Fix crash in parser", FALSE, TRUE },
    { "fix(ui): spacing", FALSE, TRUE },
    { "Fixes #12", FALSE, TRUE },
    { "HOTFIX for prod", FALSE, TRUE },
    { "bugfix: overflow", FALSE, TRUE },
    { "Bug 1234 - crash", FALSE, TRUE },
    { "Regression in 2.0", FALSE, TRUE },
    { "Add prefix support and debug output", FALSE, FALSE },
    { "Use fixtures for tests; reverter tool", FALSE, FALSE },
    { "Add bugle and suffix", FALSE, FALSE },
    { "Revert \"Fix crash\"", TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("markers of “%s”", cases[i].text);
      g_assert_cmpint (uc_text_is_revert (cases[i].text, -1), ==, cases[i].revert);
      g_assert_cmpint (uc_text_is_fix (cases[i].text, -1), ==, cases[i].fix);
    }
  /* len limits the text */
  g_assert_false (uc_text_is_fix ("a fix", 2));
  g_assert_true (uc_text_is_fix ("a fix", 5));
}

static void
test_trailers (void)
{
  const char *body1 = "Some text here.\n\nSigned-off-by: A <a@x>\nRefs: #7\n";
  const char *body2 = "Refs: #7\n";
  const char *body3 = "This is not: a trailer block\nbecause of this line\n";
  const char *body4 = "Text.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n  continued\n\n\n";
  gssize at;

  at = uc_text_trailer_block (body1, -1);
  g_assert_cmpint (at, ==, 17);
  g_assert_true (g_str_has_prefix (body1 + at, "Signed-off-by"));
  g_assert_cmpint (uc_text_trailer_block (body2, -1), ==, 0);
  g_assert_cmpint (uc_text_trailer_block (body3, -1), ==, -1);
  g_assert_cmpint (uc_text_trailer_block (body4, -1), ==, 7);
  g_assert_cmpint (uc_text_trailer_block ("Fix.\n\nRefs: ABC-1\n(cherry picked from commit 0123abc)\n", -1), ==, 6);
  g_assert_cmpint (uc_text_trailer_block ("", -1), ==, -1);
  g_assert_cmpint (uc_text_trailer_block ("\n\n", -1), ==, -1);
}

static void
test_split_name_email (void)
{
  struct { const char *in, *name, *email; } cases[] = {
    { "Alice Example <alice@example.com>", "Alice Example", "alice@example.com" },
    { "  Bob | Tab\tName  <b@x> ", "Bob | Tab\tName", "b@x" },
    { "rganor <rganor>", "rganor", "rganor" },
    { "just@an.address", "", "just@an.address" },
    { "Only A Name", "Only A Name", "" },
    { "<lonely@example.com>", "", "lonely@example.com" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;

      uc_text_split_name_email (cases[i].in, -1, &name, &email);
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpstr (email, ==, cases[i].email);
    }
}

static void
test_ai_coauthor (void)
{
  struct { const char *text; gboolean ai; const char *name; } cases[] = {
    { "Body\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", TRUE, "Claude" },
    { "co-authored-by: GitHub Copilot <copilot@github.com>", TRUE, "GitHub Copilot" },
    { "Co-Authored-By: Copilot <198982749+Copilot@users.noreply.github.com>", TRUE, "Copilot" },
    { "Co-authored-by: ChatGPT <chatgpt@example.com>", TRUE, "ChatGPT" },
    { "Co-authored-by: Cursor Agent <cursoragent@cursor.com>", TRUE, "Cursor Agent" },
    { "Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>", TRUE, "devin-ai-integration[bot]" },
    { "Co-authored-by: aider (gpt-4o) <noreply@aider.chat>", TRUE, "aider (gpt-4o)" },
    { "Co-authored-by: Gemini <gemini@example.org>", TRUE, "Gemini" },
    { "Co-authored-by: OpenAI Codex <codex@openai.com>", TRUE, "OpenAI Codex" },
    { "Co-authored-by: Amazon Q Developer <q@example.com>", TRUE, "Amazon Q Developer" },
    { "Co-authored-by: Claude Opus 4.5 <claude@example.com>", TRUE, "Claude Opus 4.5" },
    /* people called Claude or Devin are people */
    { "Co-authored-by: Claude Dupont <claude.dupont@example.fr>", FALSE, NULL },
    { "Co-authored-by: Claude <claude@example.fr>", FALSE, NULL },
    { "Co-authored-by: Devin Smith <devin@example.com>", FALSE, NULL },
    { "Co-authored-by: Jane Doe <jane@example.com>", FALSE, NULL },
    { "Signed-off-by: Claude <noreply@anthropic.com>", FALSE, NULL },
    { "Mentions Claude <noreply@anthropic.com> in prose", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;

      g_test_message ("co-author in “%s”", cases[i].text);
      g_assert_cmpint (uc_text_find_ai_coauthor (cases[i].text, -1, &name, &email), ==, cases[i].ai);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
  g_assert_true (uc_text_find_ai_coauthor ("Co-authored-by: Claude <noreply@anthropic.com>", -1,
                                           NULL, NULL));
}

static void
test_accounts (void)
{
  struct { const char *name, *id; gboolean agent; gboolean ai; } cases[] = {
    { "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", TRUE, FALSE },
    { "Dependabot", NULL, TRUE, FALSE },
    { "renovate[bot]", NULL, TRUE, FALSE },
    { "Renovate Bot", "bot@renovateapp.com", TRUE, FALSE },
    { "github-actions[bot]", NULL, TRUE, FALSE },
    { "GitHub Actions", NULL, TRUE, FALSE },
    { "GitHub", "noreply@github.com", TRUE, FALSE },
    { "greenkeeper", NULL, TRUE, FALSE },
    { NULL, "snyk-bot", TRUE, FALSE },
    { "codecov-io", NULL, TRUE, FALSE },
    { "Mergify", NULL, TRUE, FALSE },
    { "Release Bot", "release@example.com", TRUE, FALSE },
    { "k8s-ci-robot", NULL, TRUE, FALSE },
    { "Copilot", "198982749+Copilot@users.noreply.github.com", TRUE, TRUE },
    { "Claude", "noreply@anthropic.com", TRUE, TRUE },
    { "Devin AI", NULL, TRUE, TRUE },
    /* people */
    { "Alice Example", "alice@example.com", FALSE, FALSE },
    { "Sarah Talbot", "talbot@example.com", FALSE, FALSE },
    { "Abbott", NULL, FALSE, FALSE },
    { "Claude Monet", "claude@example.fr", FALSE, FALSE },
    { "Devin", "devin@example.com", FALSE, FALSE },
    { "Jane", "12345+jane@users.noreply.github.com", FALSE, FALSE },
    { NULL, NULL, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("account %s <%s>", cases[i].name, cases[i].id);
      g_assert_cmpint (uc_text_is_agent_account (cases[i].name, cases[i].id), ==, cases[i].agent);
      g_assert_cmpint (uc_text_is_ai_assistant (cases[i].name, cases[i].id), ==, cases[i].ai);
    }
}

static void
test_objections (void)
{
  struct { const char *text; gboolean objection; } cases[] = {
    { "I disagree with this approach", TRUE },
    { "I don't think we need it", TRUE },
    { "I don’t think so (typographic apostrophe)", TRUE },
    { "Some concerns about performance", TRUE },
    { "I'm worried   about\nthe migration", TRUE },
    { "Not sure this is right", TRUE },
    { "Why not use a map instead?", TRUE },
    { "-1, this breaks the API", TRUE },
    { "NACK", TRUE },
    { "nack: see above", TRUE },
    { "I'd rather keep it", TRUE },
    { "I have to push back on this", TRUE },
    { "Does this break older clients?", TRUE },
    { "This is risky", TRUE },
    { "LGTM, ship it", FALSE },
    { "Thanks! Looks great.", FALSE },
    { "asterisk and x-1 and acknack are fine", FALSE },
    { "Acked-by: someone", FALSE },
  };
  g_auto(GStrv) custom = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("objection in “%s”", cases[i].text);
      g_assert_cmpint (uc_text_has_objection (cases[i].text, -1, NULL), ==, cases[i].objection);
    }

  g_assert_true (g_strv_length ((char **) uc_text_default_objection_markers ()) >= 15);

  custom = uc_text_parse_objection_markers ("# my lexicon\n\n  no way  \nnope*\n");
  g_assert_cmpuint (g_strv_length (custom), ==, 2);
  g_assert_cmpstr (custom[0], ==, "no way");
  g_assert_true (uc_text_has_objection ("No   way, sorry", -1, (const char * const *) custom));
  g_assert_true (uc_text_has_objection ("nopes", -1, (const char * const *) custom));
  g_assert_false (uc_text_has_objection ("I disagree", -1, (const char * const *) custom));
  g_assert_false (uc_text_has_objection (NULL, 0, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/text-flags/ticket-keys", test_ticket_keys);
  g_test_add_func ("/import/text-flags/revert-fix", test_revert_fix);
  g_test_add_func ("/import/text-flags/trailers", test_trailers);
  g_test_add_func ("/import/text-flags/split-name-email", test_split_name_email);
  g_test_add_func ("/import/text-flags/ai-coauthor", test_ai_coauthor);
  g_test_add_func ("/import/text-flags/accounts", test_accounts);
  g_test_add_func ("/import/text-flags/objections", test_objections);

  return g_test_run ();
}
