/* test-cli-analysis.c — --uncertainty, --bivariate and --compare, run as
 * a user would
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lm-test-files.h"
#include "lm-test-run.h"

static LmTestRun
run_levelmap (const char *first,
              ...)
{
  LmTestRun run;
  va_list args;

  va_start (args, first);
  run = lm_test_run_levelmap_valist (NULL, first, args);
  va_end (args);
  return run;
}

/* The columns of a CSV header line, and the row of @code. */
static void
csv_row (const char   *csv,
         const char   *code,
         GStrv        *out_header,
         GStrv        *out_row)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  *out_header = g_strsplit (lines[0], ",", -1);
  *out_row = NULL;
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], code))
      *out_row = g_strsplit (lines[i], ",", -1);
  g_assert_nonnull (*out_row);
}

static double
field (GStrv       header,
       GStrv       row,
       const char *column)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], column) == 0)
      return row[i][0] == '\0' ? NAN : g_ascii_strtod (row[i], NULL);
  g_error ("no column %s", column);
  return NAN;
}

/* Alone, --uncertainty prints its numbers; the same seed the same ones,
 * with any number of threads. */
static void
test_uncertainty_summary (void)
{
  g_auto(LmTestRun) one = run_levelmap ("--uncertainty=40", "--seed=7", "--threads=1", NULL);
  g_auto(LmTestRun) two = run_levelmap ("--uncertainty=40", "--seed=7", "--threads=2", NULL);
  g_auto(LmTestRun) other = run_levelmap ("--uncertainty=40", "--seed=8", "--spread=wide", NULL);
  g_auto(LmTestRun) none = run_levelmap ("--uncertainty=5", "--spread=none", NULL);

  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_cmpfloat (lm_test_stat_value (one.out, "draws"), ==, 40);
  g_assert_cmpfloat (lm_test_stat_value (one.out, "seed"), ==, 7);
  g_assert_nonnull (strstr (one.out, "spread: medium\n"));
  g_assert_nonnull (strstr (one.out, "rule_level: ward\n"));
  g_assert_cmpfloat (lm_test_stat_value (one.out, "left_behind"), ==, 226);
  g_assert_cmpfloat (lm_test_stat_value (one.out, "staying_90"), <=, 226);
  g_assert_cmpfloat (lm_test_stat_value (one.out, "staying_90"), ==, lm_test_stat_value (two.out, "staying_90"));
  g_assert_cmpfloat (lm_test_stat_value (one.out, "entering_10"), ==, lm_test_stat_value (two.out, "entering_10"));
  g_assert_cmpint (other.status, ==, 0);
  g_assert_nonnull (strstr (other.out, "spread: wide\n"));
  /* No spread: every one of today's left-behind wards stays, none enters. */
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpfloat (lm_test_stat_value (none.out, "staying_90"), ==, 226);
  g_assert_cmpfloat (lm_test_stat_value (none.out, "entering_10"), ==, 0);
}

/* With --export-csv the results are columns like any other. */
static void
test_uncertainty_csv (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--uncertainty=30", "--level=ward", "--export-csv=-", NULL);
  g_auto(LmTestRun) plain = run_levelmap ("--level=ward", "--export-csv=-", NULL);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) plain_header = NULL;
  g_auto(GStrv) plain_row = NULL;

  g_assert_cmpint (run.status, ==, 0);
  /* Golf Green (Tendring, with Jaywick), left behind in 2019. */
  csv_row (run.out, "E05004235", &header, &row);
  csv_row (plain.out, "E05004235", &plain_header, &plain_row);
  g_assert_cmpfloat (field (header, row, "imd.rank_p05"), <=, field (header, row, "imd.rank_median"));
  g_assert_cmpfloat (field (header, row, "imd.rank_median"), <=, field (header, row, "imd.rank_p95"));
  g_assert_cmpfloat (field (header, row, "left_behind_probability"), >=, 0);
  g_assert_cmpfloat (field (header, row, "left_behind_probability"), <=, 1);
  g_assert_cmpfloat (field (header, row, "cni.top_decile_probability"), >=, 0);
  /* Without the option, no such columns. */
  g_assert_cmpuint (g_strv_length (header), >, g_strv_length (plain_header));
  g_assert_false (g_strv_contains ((const char * const *) plain_header, "imd.rank_median"));
}

static void
test_uncertainty_errors (void)
{
  const struct { const char *args[3]; const char *says; } cases[] = {
    { { "--seed=3", NULL }, "--seed" },
    { { "--spread=wide", NULL }, "--spread" },
    { { "--uncertainty=10", "--seed=minus", NULL }, "minus" },
    { { "--uncertainty=20000", NULL }, "10000" },
    { { "--uncertainty=10", "--spread=huge", NULL }, "huge" },
    { { "--uncertainty=10", "--weight-range=imd.income=3:1", NULL }, "imd.income" },
    { { "--uncertainty=10", "--lock=imd.noise", NULL }, "imd.noise" },
    { { "--uncertainty=10", "--spread=wide", "--weight-range=imd.income=1:3" }, "--weight-range" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LmTestRun) run = run_levelmap (cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);

      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_nonnull (strstr (run.err, cases[i].says));
      g_assert_true (g_str_has_prefix (run.err, "levelmap: "));
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
assert_png (const char *path,
            guint       width,
            guint       height)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, width);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, height);
}

static void
test_maps (void)
{
  g_autofree char *dir = g_dir_make_tmp ("levelmap-analysis-XXXXXX", NULL);
  g_autofree char *chance = g_build_filename (dir, "chance.png", NULL);
  g_autofree char *bivariate = g_build_filename (dir, "bivariate.svg", NULL);
  g_autofree char *chance_arg = g_strdup_printf ("--export-map=%s", chance);
  g_autofree char *bivariate_arg = g_strdup_printf ("--export-map=%s", bivariate);
  g_autofree char *svg = NULL;
  g_auto(LmTestRun) one = run_levelmap ("--uncertainty=20", "--level=ward", "--variable=left_behind_probability",
                                        chance_arg, "--size=400x500", NULL);
  g_auto(LmTestRun) two = run_levelmap ("--level=ward", "--bivariate=imd.decile:1:3,cni.score", bivariate_arg,
                                        "--size=400x500", "--palette=green-blue", NULL);
  g_auto(LmTestRun) bad = run_levelmap ("--level=ward", "--bivariate=imd.decile:3:1,cni.score", bivariate_arg, NULL);
  g_auto(LmTestRun) alone = run_levelmap ("--bivariate=imd.score,cni.score", NULL);
  g_auto(LmTestRun) wrong_palette = run_levelmap ("--level=ward", "--bivariate=imd.score,cni.score",
                                                  bivariate_arg, "--palette=viridis", NULL);

  g_assert_cmpint (one.status, ==, 0);
  assert_png (chance, 400, 500);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_true (g_file_get_contents (bivariate, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "imd.decile:3:1"));
  g_assert_cmpint (alone.status, !=, 0);
  g_assert_nonnull (strstr (alone.err, "--export-map"));
  g_assert_cmpint (wrong_palette.status, !=, 0);
  g_assert_nonnull (strstr (wrong_palette.err, "pink-blue"));
  lm_test_remove_tree (dir);
}

static void
test_compare (void)
{
  g_autofree char *dir = g_dir_make_tmp ("levelmap-compare-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "comparison.png", NULL);
  g_autofree char *png_arg = g_strdup_printf ("--export-comparison=%s", png);
  g_auto(LmTestRun) summary = run_levelmap ("--compare=england-2019-2025", NULL);
  g_auto(LmTestRun) csv = run_levelmap ("--compare=england-2019-2025", "--export-csv=-", NULL);
  g_auto(LmTestRun) figure = run_levelmap ("--compare=england-2019-2025", png_arg, "--size=900x700", NULL);
  g_auto(LmTestRun) wrong = run_levelmap ("--compare=england-2019-2025", "--dataset=england-2019",
                                          "--export-csv=-", NULL);
  g_auto(LmTestRun) unknown = run_levelmap ("--compare=somewhere", NULL);
  g_auto(LmTestRun) alone = run_levelmap (png_arg, NULL);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;

  g_assert_cmpint (summary.status, ==, 0);
  g_assert_cmpfloat (lm_test_stat_value (summary.out, "areas"), ==, 296);
  g_assert_cmpfloat (lm_test_stat_value (summary.out, "entered_decile1"), >, 0);
  g_assert_nonnull (strstr (summary.out, "\nentered_decile1_area: E"));
  g_assert_cmpfloat (lm_test_stat_value (summary.out, "left_behind_share_before"), >, 0);

  /* The 2024 districts get the comparison as columns; a district formed
   * by mergers, Buckinghamshire, has a 2019 rank too. */
  g_assert_cmpint (csv.status, ==, 0);
  csv_row (csv.out, "E06000060", &header, &row);
  g_assert_false (isnan (field (header, row, "compare.imd_rank_before")));
  g_assert_cmpfloat (field (header, row, "compare.imd_rank_move"), ==,
                     field (header, row, "compare.imd_rank_before") - field (header, row, "compare.imd_rank_after"));

  g_assert_cmpint (figure.status, ==, 0);
  assert_png (png, 900, 700);
  g_assert_cmpint (wrong.status, !=, 0);
  g_assert_nonnull (strstr (wrong.err, "england-2025"));
  g_assert_cmpint (unknown.status, !=, 0);
  g_assert_nonnull (strstr (unknown.err, "somewhere"));
  g_assert_cmpint (alone.status, !=, 0);
  g_assert_nonnull (strstr (alone.err, "--compare"));
  lm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/uncertainty/summary", test_uncertainty_summary);
  g_test_add_func ("/cli/uncertainty/csv", test_uncertainty_csv);
  g_test_add_func ("/cli/uncertainty/errors", test_uncertainty_errors);
  g_test_add_func ("/cli/maps", test_maps);
  g_test_add_func ("/cli/compare", test_compare);
  return g_test_run ();
}
