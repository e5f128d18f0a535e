/* test-cli.c — the headless command line, run as a user would
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lm-test-run.h"

#define run_levelmap lm_test_run_levelmap

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_stats (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--level=lad", "--x=cni.score", "--y=eu.leave_pct", "--stats", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpfloat (lm_test_stat_value (run.out, "n"), ==, 315);
  g_assert_cmpfloat (lm_test_stat_value (run.out, "pearson_r"), >, 0.6);
  g_assert_cmpfloat (lm_test_stat_value (run.out, "r2"), >, 0.36);
  g_assert_cmpfloat_with_epsilon (lm_test_stat_value (run.out, "r2"),
                                  lm_test_stat_value (run.out, "pearson_r") * lm_test_stat_value (run.out, "pearson_r"),
                                  1e-5);
}

static void
test_weights_change_stats (void)
{
  g_auto(LmTestRun) official = run_levelmap ("--stats", NULL);
  g_auto(LmTestRun) reweighted = run_levelmap ("--weight=imd.income=60", "--weight=imd.crime=0", "--stats", NULL);

  g_assert_cmpint (official.status, ==, 0);
  g_assert_cmpint (reweighted.status, ==, 0);
  g_assert_cmpfloat (lm_test_stat_value (official.out, "pearson_r"), !=,
                     lm_test_stat_value (reweighted.out, "pearson_r"));
}

static void
test_export_csv (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--level=region", "--export-csv=-", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "code,name,population,"));
  g_assert_nonnull (strstr (run.out, ",imd.score,"));
  g_assert_nonnull (strstr (run.out, "eu.leave_pct"));
  g_assert_nonnull (strstr (run.out, "\nE12000007,London,"));
  g_assert_cmpuint (count_lines (run.out), ==, 10);
}

static void
test_export_csv_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("levelmap-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wards.csv", NULL);
  g_autofree char *option = g_strdup_printf ("--export-csv=%s", path);
  g_auto(LmTestRun) run = run_levelmap ("--level=ward", option, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* 7,427 wards with LSOAs and 12 known only to the CNI, plus the header */
  g_assert_cmpuint (count_lines (text), ==, 7439 + 1);
  g_assert_nonnull (strstr (text, ",cni.score,"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_left_behind (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--dataset=england-2025", "--left-behind", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "code,name,local_authority\n"));
  g_assert_cmpuint (count_lines (run.out), ==, 1262 + 1);
}

static void
test_list_variables (void)
{
  g_auto(LmTestRun) run = run_levelmap ("--list-variables", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nimd.score\tlsoa,ward,lad,region\t"));
  g_assert_nonnull (strstr (run.out, "\ncni.score\tward,lad,region\t"));
  g_assert_nonnull (strstr (run.out, "\neu.leave_pct\tlad,region\t"));
}

/* Every mistake: non-zero exit, one sentence on stderr saying what. */
static void
check_refused (const char *expected,
               const char *first,
               ...)
{
  const char *args[6] = { NULL };
  guint n = 0;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL && n < 5; arg = va_arg (ap, const char *))
    args[n++] = arg;
  va_end (ap);

  {
    g_auto(LmTestRun) run = run_levelmap (args[0], args[1], args[2], args[3], args[4], NULL);
    g_test_message ("%s -> %d: %s", first, run.status, run.err);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_nonnull (strstr (run.err, expected));
    g_assert_cmpstr (run.out, ==, "");
  }
}

static void
test_errors (void)
{
  check_refused ("Unknown option", "--frobnicate", NULL);
  check_refused ("imd.income", "--weight=imd.nonsense=3", "--stats", NULL);
  check_refused ("no index “xyz”", "--weight=xyz.income=3", "--stats", NULL);
  check_refused ("above zero", "--weight=cni.civic_assets=0", "--weight=cni.connectedness=0",
                 "--weight=cni.engaged_community=0", "--stats", NULL);
  check_refused ("not a weight", "--weight=imd.income", "--stats", NULL);
  check_refused ("from 0 to 1000000", "--weight=imd.income=-4", "--stats", NULL);
  /* Two weights of 1e308 once summed to infinity and made every score 0;
   * hexadecimal was read as 16 although no table may hold it. */
  check_refused ("from 0 to 1000000", "--weight=imd.income=1e308", "--weight=imd.crime=1e308",
                 "--stats", NULL);
  check_refused ("from 0 to 1000000", "--weight=imd.income=0x10", "--stats", NULL);
  check_refused ("no variable “imd.sore”", "--x=imd.sore", "--stats", NULL);
  check_refused ("not available at the level “lsoa”", "--level=lsoa", "--x=cni.score", "--stats", NULL);
  check_refused ("no level “county”", "--level=county", "--stats", NULL);
  check_refused ("no dataset called “scotland”", "--dataset=scotland", "--stats", NULL);
  check_refused ("data folder", "--data-dir=/nonexistent", "--stats", NULL);
  check_refused ("--size", "--size=12", "--export-map=/tmp/x.png", NULL);
  /* One range, the export's own, in the message and in the check. */
  check_refused ("between 64 and 16384", "--size=32x32", "--export-map=/tmp/x.png", NULL);
  check_refused ("between 64 and 16384", "--size=16385x100", "--export-map=/tmp/x.png", NULL);
  check_refused ("--classes", "--classes=40", "--export-map=/tmp/x.png", NULL);
  check_refused ("--method", "--method=kmeans", "--export-map=/tmp/x.png", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/stats", test_stats);
  g_test_add_func ("/cli/weights", test_weights_change_stats);
  g_test_add_func ("/cli/export-csv", test_export_csv);
  g_test_add_func ("/cli/export-csv-file", test_export_csv_file);
  g_test_add_func ("/cli/left-behind", test_left_behind);
  g_test_add_func ("/cli/list-variables", test_list_variables);
  g_test_add_func ("/cli/errors", test_errors);
  return g_test_run ();
}
