/* test-scenario-cli.c — --scenario, --export-storyboard, FILE.levelmap
 * and the window's options, run as a user would (no display)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lm-test-files.h"
#include "lm-test-run.h"

static char *folder;

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "england-2019-left-behind.levelmap",
                                NULL);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* The scenes' titles, as written in the example. */
static char **
scene_titles (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  const char *p;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (p = strstr (text, "<title>"); p != NULL; p = strstr (p + 1, "<title>"))
    {
      const char *end = strstr (p, "</title>");
      g_autofree char *title = g_strndup (p + strlen ("<title>"), end - p - strlen ("<title>"));

      g_strv_builder_add (titles, title);
    }
  return g_strv_builder_end (titles);
}

static void
test_export_storyboard (void)
{
  g_autofree char *scenario = example_path ();
  g_autofree char *option = g_strconcat ("--scenario=", scenario, NULL);
  g_autofree char *pdf = g_build_filename (folder, "story.pdf", NULL);
  g_autofree char *output = g_strconcat ("--export-storyboard=", pdf, NULL);
  g_auto(GStrv) titles = scene_titles (scenario);
  g_auto(LmTestRun) run = lm_test_run_levelmap (option, output, "--size=1280x720", NULL);
  guint n = g_strv_length (titles);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (n, ==, 5);
  /* One page per scene: each holds its own title, and no other. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *words = lm_test_pdf_text (pdf, i + 1, i + 1);
      g_autofree char *counter = g_strdup_printf ("Scene %u of %u", i + 1, n);

      g_test_message ("page %u: %s", i + 1, titles[i]);
      g_assert_nonnull (strstr (words, titles[i]));
      g_assert_nonnull (strstr (words, counter));
      g_assert_nonnull (strstr (words, "Made with Levelmap"));
      for (guint j = 0; j < n; j++)
        if (j != i)
          g_assert_null (strstr (words, titles[j]));
    }
  {
    g_autofree char *all = lm_test_pdf_text (pdf, 0, 0);
    g_autofree char *beyond = g_strdup_printf ("Scene %u of", n + 1);

    g_assert_null (strstr (all, beyond));
  }
}

/* Every action starts from the scenario: its level for the table, its
 * plot for the statistics; the options given override it. */
static void
test_actions_start_from_scenario (void)
{
  g_autofree char *scenario = example_path ();
  g_autofree char *option = g_strconcat ("--scenario=", scenario, NULL);
  g_auto(LmTestRun) csv = lm_test_run_levelmap (option, "--export-csv=-", NULL);
  g_auto(LmTestRun) lsoa = lm_test_run_levelmap ("--dataset=england-2019", "--level=lsoa",
                                                 "--export-csv=-", NULL);
  g_auto(LmTestRun) stats = lm_test_run_levelmap (option, "--stats", NULL);
  g_auto(LmTestRun) cni = lm_test_run_levelmap (option, "--stats", "--x=cni.score", NULL);
  g_auto(LmTestRun) positional = lm_test_run_levelmap (scenario, "--stats", "--level=lad",
                                                       "--x=cni.score", "--y=eu.leave_pct", NULL);

  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==, lsoa.out);
  /* The first scene's plot: the Leave vote against the IMD of local
   * authorities (Pearson's r 0.269 on these data). */
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_nonnull (strstr (stats.out, "level: lad\nx: imd.score\ny: eu.leave_pct\n"));
  g_assert_cmpfloat_with_epsilon (lm_test_stat_value (stats.out, "pearson_r"), 0.269, 0.001);
  g_assert_cmpfloat_with_epsilon (lm_test_stat_value (cni.out, "pearson_r"), 0.666, 0.001);
  g_assert_cmpint (positional.status, ==, 0);
  g_assert_cmpstr (positional.out, ==, cni.out);
}

/* The weights of a scenario, then --weight over them. */
static void
test_weights (void)
{
  g_autofree char *scenario = write_file ("weights.levelmap",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"1\">\n"
    "  <dataset id=\"england-2019\"/>\n  <view>\n"
    "    <setting key=\"weights/imd.income\" type=\"d\">40</setting>\n"
    "    <setting key=\"level\" type=\"s\">lad</setting>\n"
    "  </view>\n</levelmap-scenario>\n");
  g_autofree char *option = g_strconcat ("--scenario=", scenario, NULL);
  g_auto(LmTestRun) from_file = lm_test_run_levelmap (option, "--export-csv=-", NULL);
  g_auto(LmTestRun) by_hand = lm_test_run_levelmap ("--dataset=england-2019", "--level=lad",
                                                    "--weight=imd.income=40", "--export-csv=-",
                                                    NULL);
  g_auto(LmTestRun) both = lm_test_run_levelmap (option, "--weight=imd.health=20",
                                                 "--export-csv=-", NULL);
  g_auto(LmTestRun) both_by_hand = lm_test_run_levelmap ("--dataset=england-2019", "--level=lad",
                                                         "--weight=imd.income=40",
                                                         "--weight=imd.health=20",
                                                         "--export-csv=-", NULL);

  g_assert_cmpint (from_file.status, ==, 0);
  g_assert_cmpstr (from_file.out, ==, by_hand.out);
  g_assert_cmpstr (both.out, ==, both_by_hand.out);
  g_assert_cmpstr (both.out, !=, by_hand.out);
}

/* What the data lack is a warning; a damaged or newer file an error
 * that names the file and the line. */
static void
test_problems (void)
{
  g_autofree char *partial = write_file ("partial.levelmap",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"1\">\n"
    "  <dataset id=\"england-2019\"/>\n  <view>\n"
    "    <setting key=\"level\" type=\"s\">parish</setting>\n"
    "  </view>\n</levelmap-scenario>\n");
  g_autofree char *damaged = write_file ("damaged.levelmap",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"1\">\n  <view>\n"
    "    <setting key=\"n-classes\" type=\"u\">99</setting>\n  </view>\n</levelmap-scenario>\n");
  g_autofree char *newer = write_file ("newer.levelmap",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"2\">\n"
    "  <view/>\n</levelmap-scenario>\n");
  g_autofree char *p_option = g_strconcat ("--scenario=", partial, NULL);
  g_autofree char *d_option = g_strconcat ("--scenario=", damaged, NULL);
  g_autofree char *n_option = g_strconcat ("--scenario=", newer, NULL);
  g_auto(LmTestRun) p = lm_test_run_levelmap (p_option, "--stats", NULL);
  g_auto(LmTestRun) d = lm_test_run_levelmap (d_option, "--stats", NULL);
  g_auto(LmTestRun) n = lm_test_run_levelmap (n_option, "--stats", NULL);
  g_auto(LmTestRun) none = lm_test_run_levelmap ("--export-storyboard=x.pdf", NULL);
  g_autofree char *example = example_path ();
  g_autofree char *e_option = g_strconcat ("--scenario=", example, NULL);
  g_auto(LmTestRun) not_pdf = lm_test_run_levelmap (e_option, "--export-storyboard=x.png", NULL);
  g_auto(LmTestRun) no_scenes = lm_test_run_levelmap (p_option, "--export-storyboard=x.pdf", NULL);

  g_assert_cmpint (p.status, ==, 0);
  g_assert_nonnull (strstr (p.err, "warning"));
  g_assert_nonnull (strstr (p.err, "parish"));
  g_assert_nonnull (strstr (p.out, "pearson_r"));

  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, "damaged.levelmap, line 4"));
  g_assert_nonnull (strstr (d.err, "n-classes"));
  g_assert_cmpint (n.status, ==, 1);
  g_assert_nonnull (strstr (n.err, "newer.levelmap, line 2"));
  g_assert_nonnull (strstr (n.err, "newer Levelmap"));

  g_assert_cmpint (none.status, ==, 1);
  g_assert_nonnull (strstr (none.err, "--scenario"));
  g_assert_cmpint (not_pdf.status, ==, 1);
  g_assert_nonnull (strstr (not_pdf.err, ".pdf"));
  g_assert_cmpint (no_scenes.status, ==, 1);
  g_assert_nonnull (strstr (no_scenes.err, "no scenes"));
}

/* The window's options: what can be checked without data is refused at
 * once (before any window), never ignored. */
static void
test_window_options (void)
{
  static const char * const bad[][2] = {
    { "--method=bogus", "--method" },
    { "--classes=42", "--classes" },
    { "--palette=Mauve", "Mauve" },
    { "--weight=imd.income", "INDEX.DOMAIN=VALUE" },
    { "--weight=imd.income=-1", "zero or more" },
    { "--size=100x100", "--size" },
    { "--x=cni.score", "--y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(LmTestRun) run = lm_test_run_levelmap (bad[i][0], NULL);

      g_test_message ("%s: %s", bad[i][0], run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, bad[i][1]));
    }
  {
    g_auto(LmTestRun) run = lm_test_run_levelmap ("notes.txt", NULL);
    g_auto(LmTestRun) two = lm_test_run_levelmap ("a.levelmap", "b.levelmap", NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "notes.txt"));
    g_assert_cmpint (two.status, ==, 2);
    g_assert_nonnull (strstr (two.err, "b.levelmap"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("levelmap-scenario-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/scenario/export-storyboard", test_export_storyboard);
  g_test_add_func ("/cli/scenario/actions-start-from-it", test_actions_start_from_scenario);
  g_test_add_func ("/cli/scenario/weights", test_weights);
  g_test_add_func ("/cli/scenario/problems", test_problems);
  g_test_add_func ("/cli/scenario/window-options", test_window_options);

  status = g_test_run ();
  lm_test_remove_tree (folder);
  g_free (folder);
  return status;
}
