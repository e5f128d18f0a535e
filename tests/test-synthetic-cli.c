/* test-synthetic-cli.c — every headless action on a made-up country
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lm-synthetic.h"
#include "lm-test-run.h"

static char *manifest;
static char *dataset_option;
static char *out_dir;

/* levelmap --dataset=<Quadria> and the arguments (NULL-terminated), with
 * no display. */
static LmTestRun
run_levelmap (const char *first,
              ...)
{
  LmTestRun run;
  va_list args;

  va_start (args, first);
  run = lm_test_run_levelmap_valist (dataset_option, first, args);
  va_end (args);
  return run;
}

static void
assert_success (const LmTestRun *run,
                const char      *action)
{
  if (run->status != 0)
    g_error ("%s failed (%d): %s", action, run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
  lm_synthetic_assert_no_foreign_words (run->out, action);
}

/* Canton hardship scores, worked out from Quadria's inputs. */
static void
hardship_by_canton (double  wages_weight,
                    double *out)
{
  double schooling[LM_SYNTHETIC_N_PARISHES], schooling_rank[LM_SYNTHETIC_N_PARISHES];
  double sum[LM_SYNTHETIC_N_CANTONS] = { 0 }, people[LM_SYNTHETIC_N_CANTONS] = { 0 };

  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    schooling[p] = lm_synthetic_schooling_score (p);
  lm_synthetic_rank (schooling, LM_SYNTHETIC_N_PARISHES, schooling_rank);
  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    {
      double score = (wages_weight * lm_synthetic_exp_score (lm_synthetic_wages_rank (p), 36) +
                      lm_synthetic_exp_score (schooling_rank[p], 36) +
                      lm_synthetic_exp_score (lm_synthetic_air_rank (p), 36)) / (wages_weight + 2);
      guint k = lm_synthetic_canton_of (p);

      sum[k] += lm_synthetic_population (p) * score;
      people[k] += lm_synthetic_population (p);
    }
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    out[k] = sum[k] / people[k];
}

static void
yes_by_canton (double *out)
{
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      double electorate, ballots, valid, yes;

      lm_synthetic_votes (k, &electorate, &ballots, &valid, &yes);
      out[k] = 100 * yes / valid;
    }
}

static void
test_list_variables (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--list-variables", NULL);

  assert_success (&run, "--list-variables");
  g_assert_true (g_str_has_prefix (run.out, "id\tlevels\ttitle\n"));
  g_assert_nonnull (strstr (run.out, "\nhdx.score\tparish,canton,province\tHardship score\n"));
  g_assert_nonnull (strstr (run.out, "\nsfi.score\tcanton,province\tFabric score\n"));
  g_assert_nonnull (strstr (run.out, "\nplebiscite.yes_pct\tcanton,province\tYes to the canal (%)\n"));
  g_assert_nonnull (strstr (run.out, "\nstranded\tcanton\tStranded\n"));
  g_assert_nonnull (strstr (run.out, "\npopulation\tparish,canton,province\tResidents (2024 count)\n"));
}

/* The default level is the context level: the three provinces. */
static void
test_export_csv (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--export-csv=-", NULL);
  g_auto(LmTestRun) cantons = run_levelmap ("--export-csv=-", "--level=canton", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  double hardship[LM_SYNTHETIC_N_CANTONS];
  int column = -1;

  assert_success (&run, "--export-csv");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + LM_SYNTHETIC_N_PROVINCES + 1);
  g_assert_true (g_str_has_prefix (lines[0], "code,name,population,"));
  g_assert_true (g_str_has_prefix (lines[1], "V1,Upper March,"));
  g_assert_true (g_str_has_prefix (lines[3], "V3,Lower March,"));

  assert_success (&cantons, "--export-csv --level=canton");
  g_strfreev (lines);
  lines = g_strsplit (cantons.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + LM_SYNTHETIC_N_CANTONS + 1);
  header = g_strsplit (lines[0], ",", -1);
  for (guint c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], "hdx.score"))
      column = (int) c;
  g_assert_cmpint (column, >=, 0);
  hardship_by_canton (2, hardship);
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[k + 1], ",", -1);

      g_assert_cmpstr (fields[1], ==, lm_synthetic_canton_name (k));
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[column], NULL), hardship[k], 1e-8);
    }
}

/* By default the first report figure: the canal vote against hardship. */
static void
test_stats (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--stats", NULL);
  g_auto(LmTestRun) reweighted = run_levelmap ("--stats", "--weight=hdx.wages=0", NULL);
  double hardship[LM_SYNTHETIC_N_CANTONS], yes[LM_SYNTHETIC_N_CANTONS];

  assert_success (&run, "--stats");
  g_assert_nonnull (strstr (run.out, "level: canton\nx: hdx.score\ny: plebiscite.yes_pct\n"));
  g_assert_cmpfloat (lm_test_stat_value (run.out, "n"), ==, LM_SYNTHETIC_N_CANTONS);
  hardship_by_canton (2, hardship);
  yes_by_canton (yes);
  /* Printed to six decimals. */
  g_assert_cmpfloat_with_epsilon (lm_test_stat_value (run.out, "pearson_r"),
                                  lm_synthetic_pearson (hardship, yes, LM_SYNTHETIC_N_CANTONS), 1e-6);

  assert_success (&reweighted, "--stats --weight");
  hardship_by_canton (0, hardship);
  g_assert_cmpfloat_with_epsilon (lm_test_stat_value (reweighted.out, "pearson_r"),
                                  lm_synthetic_pearson (hardship, yes, LM_SYNTHETIC_N_CANTONS), 1e-6);
}

/* Stranded cantons, placed in their province under a "province" column. */
static void
test_left_behind (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--left-behind", NULL);
  g_auto(GStrv) lines = NULL;
  guint n_rows = 0;

  assert_success (&run, "--left-behind");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code,name,province");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      guint k = (guint) g_ascii_strtoull (fields[0] + 1, NULL, 10) - 1;

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpstr (fields[1], ==, lm_synthetic_canton_name (k));
      g_assert_cmpstr (fields[2], ==, lm_synthetic_province_name (lm_synthetic_province_of (k)));
      n_rows++;
    }
  /* test-synthetic works out which: K3 and K7 with the manifest's weights. */
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_nonnull (strstr (run.out, "\nK3,Marrow,Upper March\n"));
  g_assert_nonnull (strstr (run.out, "\nK7,Brask,Lower March\n"));
}

/* The words of a PDF figure, as pdftotext reads them. */
static char *
pdf_text (const char *path)
{
  return lm_test_pdf_text (path, 0, 0);
}

static void
assert_file_starts (const char *path,
                    const char *magic,
                    gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, length);
  g_assert_true (memcmp (contents, magic, length) == 0);
}

/* Exports a figure as PNG, SVG and PDF with @action ("--export-map") and
 * one more argument; returns the words of the PDF. */
static char *
export_each_format (const char *action,
                    const char *argument)
{
  const char *extensions[] = { "png", "svg", "pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };
  char *text = NULL;

  for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
    {
      g_autofree char *name = g_strdup_printf ("figure.%s", extensions[e]);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autofree char *option = g_strdup_printf ("%s=%s", action, path);
      g_auto(LmTestRun) run = run_levelmap (option, argument, NULL);

      assert_success (&run, option);
      assert_file_starts (path, magic[e], strlen (magic[e]));
      if (e == 2)
        text = pdf_text (path);
      g_unlink (path);
    }
  return text;
}

static void
test_export_map (void)
{
  g_autofree char *text = export_each_format ("--export-map", "--level=parish");

  /* Title, legend, credits and provenance are Quadria's. */
  g_assert_nonnull (strstr (text, "Hardship score"));
  g_assert_nonnull (strstr (text, "Parishes"));
  g_assert_nonnull (strstr (text, "Quadria 2024"));
  g_assert_nonnull (strstr (text, "Guild of"));
  lm_synthetic_assert_no_foreign_words (text, "the map figure");
}

static void
test_export_scatter (void)
{
  g_autofree char *text = export_each_format ("--export-scatter", "--size=900x650");

  g_assert_nonnull (strstr (text, "Canal vote against hardship (cantons)"));
  g_assert_nonnull (strstr (text, "Quadria 2024"));
  /* The key: points coloured by province, the rule's cut-off. */
  g_assert_nonnull (strstr (text, "Province"));
  g_assert_nonnull (strstr (text, "Upper March"));
  g_assert_nonnull (strstr (text, "Stranded cut-off"));
  lm_synthetic_assert_no_foreign_words (text, "the scatter figure");
}

/* Mistakes are explained in Quadria's terms. */
static void
test_errors (void)
{
  g_auto(LmTestRun) level = run_levelmap ("--export-csv=-", "--level=ward", NULL);
  g_auto(LmTestRun) weight = run_levelmap ("--stats", "--weight=imd.income=30", NULL);

  g_assert_cmpint (level.status, !=, 0);
  g_assert_nonnull (strstr (level.err, "parish, canton, province"));
  g_assert_cmpint (weight.status, !=, 0);
  g_assert_nonnull (strstr (weight.err, "hdx, sfi"));
  g_assert_null (strstr (weight.err, "England"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("LEVELMAP_BINARY"));
  manifest = lm_synthetic_write ();
  dataset_option = g_strdup_printf ("--dataset=%s", manifest);
  out_dir = g_dir_make_tmp ("levelmap-quadria-out-XXXXXX", NULL);
  g_test_add_func ("/cli/synthetic/list-variables", test_list_variables);
  g_test_add_func ("/cli/synthetic/export-csv", test_export_csv);
  g_test_add_func ("/cli/synthetic/stats", test_stats);
  g_test_add_func ("/cli/synthetic/left-behind", test_left_behind);
  g_test_add_func ("/cli/synthetic/export-map", test_export_map);
  g_test_add_func ("/cli/synthetic/export-scatter", test_export_scatter);
  g_test_add_func ("/cli/synthetic/errors", test_errors);
  status = g_test_run ();
  g_rmdir (out_dir);
  lm_synthetic_remove (manifest);
  g_free (manifest);
  g_free (dataset_option);
  g_free (out_dir);
  return status;
}
