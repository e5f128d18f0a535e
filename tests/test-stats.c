/* test-stats.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>

#include "lm-stats.h"

/* Rounds to @places decimals, for "equals the published figure to 3 dp". */
static double
round_to (double value,
          int    places)
{
  double scale = pow (10.0, places);

  return round (value * scale) / scale;
}

static void
assert_all_undefined (const LmStats *stats)
{
  g_assert_true (isnan (stats->pearson_r));
  g_assert_true (isnan (stats->spearman_rho));
  g_assert_true (isnan (stats->slope));
  g_assert_true (isnan (stats->intercept));
  g_assert_true (isnan (stats->r2));
}

/* Bit-for-bit, NAN equal to NAN. */
static void
assert_stats_identical (const LmStats *a,
                        const LmStats *b)
{
  const double fa[] = { a->pearson_r, a->spearman_rho, a->slope, a->intercept,
                        a->r2, a->mean_x, a->mean_y };
  const double fb[] = { b->pearson_r, b->spearman_rho, b->slope, b->intercept,
                        b->r2, b->mean_x, b->mean_y };

  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->weighted, ==, b->weighted);
  g_assert_cmpmem (fa, sizeof fa, fb, sizeof fb);
}

static void
assert_stats_equal (const LmStats *a,
                    const LmStats *b,
                    double         epsilon)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpfloat_with_epsilon (a->pearson_r, b->pearson_r, epsilon);
  g_assert_cmpfloat_with_epsilon (a->spearman_rho, b->spearman_rho, epsilon);
  g_assert_cmpfloat_with_epsilon (a->slope, b->slope, epsilon);
  g_assert_cmpfloat_with_epsilon (a->intercept, b->intercept, epsilon);
  g_assert_cmpfloat_with_epsilon (a->r2, b->r2, epsilon);
}

/* Anscombe (1973), "Graphs in statistical analysis": four data sets with
 * the same summary statistics and very different shapes. */
static void
test_stats_anscombe (void)
{
  const double x123[11] = { 10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5 };
  const double x4[11] = { 8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8 };
  const double y[4][11] = {
    { 8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68 },
    { 9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74 },
    { 7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73 },
    { 6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89 },
  };

  /* r, slope and intercept worked in exact rational arithmetic. Set IV's
   * r rounds to 0.817; the 0.816 quoted for all four is 3 dp truncated. */
  const double exact[4][3] = {
    { 0.816421, 0.500091, 3.000091 },
    { 0.816237, 0.500000, 3.000909 },
    { 0.816287, 0.499727, 3.002455 },
    { 0.816521, 0.499909, 3.001727 },
  };

  for (guint set = 0; set < 4; set++)
    {
      LmStats stats;

      lm_stats_compute (set < 3 ? x123 : x4, y[set], NULL, 11, &stats, NULL);

      g_assert_cmpuint (stats.n, ==, 11);
      g_assert_false (stats.weighted);
      g_assert_cmpfloat_with_epsilon (stats.pearson_r, exact[set][0], 1e-6);
      g_assert_cmpfloat_with_epsilon (stats.slope, exact[set][1], 1e-6);
      g_assert_cmpfloat_with_epsilon (stats.intercept, exact[set][2], 1e-6);

      g_assert_cmpfloat_with_epsilon (stats.pearson_r, 0.816, 0.001);
      g_assert_cmpfloat (round_to (stats.slope, 3), ==, 0.500);
      g_assert_cmpfloat (round_to (stats.intercept, 2), ==, 3.00);
      g_assert_cmpfloat (round_to (stats.r2, 2), ==, 0.67);
      g_assert_cmpfloat_with_epsilon (stats.mean_x, 9.0, 1e-12);
      g_assert_cmpfloat (round_to (stats.mean_y, 2), ==, 7.50);
      g_assert_cmpfloat_with_epsilon (stats.r2, stats.pearson_r * stats.pearson_r, 1e-15);
    }
}

static void
test_stats_small_by_hand (void)
{
  /* x = 1, 2, 3 and y = 1, 3, 2: centred dx = -1, 0, 1 and dy = -1, 1, 0,
   * so Σdx dy = 1, Σdx² = Σdy² = 2: r = 1/2, slope = 1/2, intercept
   * = 2 - 1/2 × 2 = 1. */
  const double x[] = { 1, 2, 3 };
  const double y[] = { 1, 3, 2 };
  LmStats stats;

  lm_stats_compute (x, y, NULL, 3, &stats, NULL);
  g_assert_cmpfloat_with_epsilon (stats.pearson_r, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.spearman_rho, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.slope, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.intercept, 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.r2, 0.25, 1e-15);
}

static void
test_stats_spearman_ties (void)
{
  /* x = 1, 2, 2, 3, 4 has average ranks 1, 2.5, 2.5, 4, 5;
   * y = 1, 3, 2, 4, 5 has ranks 1, 3, 2, 4, 5. Both means are 3, so
   *   dx = -2, -0.5, -0.5, 1, 2 and dy = -2, 0, -1, 1, 2;
   *   Σdx dy = 4 + 0 + 0.5 + 1 + 4 = 9.5,
   *   Σdx²   = 4 + 0.25 + 0.25 + 1 + 4 = 9.5,
   *   Σdy²   = 4 + 0 + 1 + 1 + 4 = 10,
   * rho = 9.5 / sqrt (9.5 × 10) = sqrt (0.95) = 0.97468. The shortcut
   * 1 - 6Σd²/(n(n²-1)) = 1 - 6 × 0.5 / 120 = 0.975 is wrong with ties. */
  const double x[] = { 1, 2, 2, 3, 4 };
  const double y[] = { 1, 3, 2, 4, 5 };
  LmStats stats;

  lm_stats_compute (x, y, NULL, 5, &stats, NULL);
  g_assert_cmpuint (stats.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (stats.spearman_rho, sqrt (0.95), 1e-12);
}

static void
test_stats_spearman_monotone (void)
{
  double x[50];
  double y[50];
  double y_down[50];
  LmStats stats;

  for (guint i = 0; i < 50; i++)
    {
      x[i] = (i * 37) % 50;            /* shuffled 0..49 */
      y[i] = exp (x[i] / 5.0);         /* monotone but far from linear */
      y_down[i] = -pow (x[i], 3.0);
    }

  lm_stats_compute (x, y, NULL, 50, &stats, NULL);
  g_assert_cmpfloat_with_epsilon (stats.spearman_rho, 1.0, 1e-12);
  g_assert_cmpfloat (stats.pearson_r, <, 0.9);

  lm_stats_compute (x, y_down, NULL, 50, &stats, NULL);
  g_assert_cmpfloat_with_epsilon (stats.spearman_rho, -1.0, 1e-12);
}

static void
test_stats_weighted_duplicate (void)
{
  /* A weight of 2 must act exactly like the point appearing twice. */
  const double x[] = { 1, 2, 3, 4, 5, 6 };
  const double y[] = { 2.1, 3.9, 6.5, 5.2, 10.1, 9.0 };
  const double w[] = { 1, 2, 1, 1, 3, 1 };
  const double x_dup[] = { 1, 2, 2, 3, 4, 5, 5, 5, 6 };
  const double y_dup[] = { 2.1, 3.9, 3.9, 6.5, 5.2, 10.1, 10.1, 10.1, 9.0 };
  double w_scaled[6];
  LmStats weighted;
  LmStats duplicated;
  LmStats plain;
  LmStats scaled;

  lm_stats_compute (x, y, w, 6, &weighted, NULL);
  lm_stats_compute (x_dup, y_dup, NULL, 9, &duplicated, NULL);
  lm_stats_compute (x, y, NULL, 6, &plain, NULL);

  g_assert_true (weighted.weighted);
  g_assert_cmpuint (weighted.n, ==, 6);
  g_assert_cmpfloat_with_epsilon (weighted.pearson_r, duplicated.pearson_r, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted.slope, duplicated.slope, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted.intercept, duplicated.intercept, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted.r2, duplicated.r2, 1e-12);

  /* The weights do change the fit... */
  g_assert_cmpfloat (fabs (weighted.slope - plain.slope), >, 1e-3);
  /* ...but not Spearman's rho, which duplicating the points would, nor
   * the reported means. */
  g_assert_cmpfloat_with_epsilon (weighted.spearman_rho, plain.spearman_rho, 1e-15);
  g_assert_cmpfloat (fabs (duplicated.spearman_rho - plain.spearman_rho), >, 1e-3);
  g_assert_cmpfloat_with_epsilon (weighted.mean_x, plain.mean_x, 1e-15);
  g_assert_cmpfloat_with_epsilon (weighted.mean_y, plain.mean_y, 1e-15);

  /* Only relative weights matter: populations rather than shares. */
  for (guint i = 0; i < 6; i++)
    w_scaled[i] = w[i] * 1517.0;
  lm_stats_compute (x, y, w_scaled, 6, &scaled, NULL);
  assert_stats_equal (&scaled, &weighted, 1e-12);
}

static void
test_stats_weights_skipped (void)
{
  const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  const double y[] = { 1, 9, 4, 7, 3, 8, 6, 5 };
  const double w[] = { 1, NAN, 0, -1, INFINITY, 1, 1, 1 };
  const double x_kept[] = { 1, 6, 7, 8 };
  const double y_kept[] = { 1, 8, 6, 5 };
  LmStats stats;
  LmStats expected;

  lm_stats_compute (x, y, w, 8, &stats, NULL);
  lm_stats_compute (x_kept, y_kept, NULL, 4, &expected, NULL);
  g_assert_cmpuint (stats.n, ==, 4);
  assert_stats_equal (&stats, &expected, 1e-12);
  g_assert_cmpfloat_with_epsilon (stats.mean_x, 5.5, 1e-15);
}

static void
test_stats_nan_skipped (void)
{
  const double x[] = { 1, NAN, 3, 4, 5, 6, NAN };
  const double y[] = { 2, 5, NAN, 3, 8, 7, NAN };
  const double x_kept[] = { 1, 4, 5, 6 };
  const double y_kept[] = { 2, 3, 8, 7 };
  LmStats stats;
  LmStats expected;

  lm_stats_compute (x, y, NULL, 7, &stats, NULL);
  lm_stats_compute (x_kept, y_kept, NULL, 4, &expected, NULL);
  g_assert_cmpuint (stats.n, ==, 4);
  assert_stats_equal (&stats, &expected, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.mean_x, 4.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (stats.mean_y, 5.0, 1e-15);
  g_assert_false (isnan (stats.pearson_r));
}

static void
test_stats_too_few (void)
{
  const double x[] = { 3, NAN, 5 };
  const double y[] = { 4, 1, NAN };
  LmStats stats;

  lm_stats_compute (NULL, NULL, NULL, 0, &stats, NULL);
  g_assert_cmpuint (stats.n, ==, 0);
  assert_all_undefined (&stats);
  g_assert_true (isnan (stats.mean_x));
  g_assert_true (isnan (stats.mean_y));

  /* One pair: its means exist, nothing else does. */
  lm_stats_compute (x, y, NULL, 3, &stats, NULL);
  g_assert_cmpuint (stats.n, ==, 1);
  assert_all_undefined (&stats);
  g_assert_cmpfloat (stats.mean_x, ==, 3.0);
  g_assert_cmpfloat (stats.mean_y, ==, 4.0);

  lm_stats_compute (x + 1, y + 1, NULL, 2, &stats, NULL);
  g_assert_cmpuint (stats.n, ==, 0);
  assert_all_undefined (&stats);
}

static void
test_stats_zero_variance (void)
{
  /* 0.1 + 0.1 + 0.1 rounds above 0.3, so a mean-based test for constant
   * data would see a tiny variance here. */
  const double constant[] = { 0.1, 0.1, 0.1 };
  const double varying[] = { 1, 2, 3 };
  LmStats stats;

  lm_stats_compute (constant, varying, NULL, 3, &stats, NULL);
  g_assert_cmpuint (stats.n, ==, 3);
  assert_all_undefined (&stats);

  /* A flat line fits constant y, but there is no correlation. */
  lm_stats_compute (varying, constant, NULL, 3, &stats, NULL);
  g_assert_cmpfloat (stats.slope, ==, 0.0);
  g_assert_cmpfloat (stats.intercept, ==, 0.1);
  g_assert_true (isnan (stats.pearson_r));
  g_assert_true (isnan (stats.r2));
  g_assert_true (isnan (stats.spearman_rho));
}

static void
test_stats_large_offset (void)
{
  /* Σx² - (Σx)²/n would lose every significant digit of the variance
   * here; centred sums keep it. */
  double x[100];
  double y[100];
  double x_off[100];
  double y_off[100];
  LmStats stats;
  LmStats offset;

  for (guint i = 0; i < 100; i++)
    {
      x[i] = i;
      y[i] = 2.0 * i + ((i * 7) % 11) - 5.0;
      x_off[i] = x[i] + 1e9;
      y_off[i] = y[i] + 1e9;
    }

  lm_stats_compute (x, y, NULL, 100, &stats, NULL);
  lm_stats_compute (x_off, y_off, NULL, 100, &offset, NULL);
  g_assert_cmpfloat_with_epsilon (offset.pearson_r, stats.pearson_r, 1e-9);
  g_assert_cmpfloat_with_epsilon (offset.slope, stats.slope, 1e-9);
  g_assert_cmpfloat_with_epsilon (offset.spearman_rho, stats.spearman_rho, 1e-12);
  g_assert_cmpfloat (stats.pearson_r, >, 0.99);
}

static void
test_stats_scratch (void)
{
  g_autoptr(GArray) bytes = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) doubles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  double x[500];
  double y[500];
  double w[500];

  for (guint i = 0; i < 500; i++)
    {
      x[i] = g_rand_double_range (rand, -10, 10);
      y[i] = x[i] * 0.3 + g_rand_double_range (rand, -5, 5);
      w[i] = g_rand_double_range (rand, 0, 1000);
      if (i % 17 == 0)
        y[i] = NAN;
    }

  /* Growing, then shrinking inputs through the same arrays. */
  for (guint n = 10; n <= 500; n += 245)
    for (guint weighted = 0; weighted < 2; weighted++)
      {
        const double *weights = weighted ? w : NULL;
        LmStats expected;
        LmStats stats;

        lm_stats_compute (x, y, weights, n, &expected, NULL);
        lm_stats_compute (x, y, weights, n, &stats, bytes);
        assert_stats_identical (&stats, &expected);
        lm_stats_compute (x, y, weights, n, &stats, doubles);
        assert_stats_identical (&stats, &expected);
        lm_stats_compute (x, y, weights, 500 - n, &stats, doubles);
        lm_stats_compute (x, y, weights, 500 - n, &expected, NULL);
        assert_stats_identical (&stats, &expected);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/stats/anscombe", test_stats_anscombe);
  g_test_add_func ("/model/stats/small-by-hand", test_stats_small_by_hand);
  g_test_add_func ("/model/stats/spearman-ties", test_stats_spearman_ties);
  g_test_add_func ("/model/stats/spearman-monotone", test_stats_spearman_monotone);
  g_test_add_func ("/model/stats/weighted-duplicate", test_stats_weighted_duplicate);
  g_test_add_func ("/model/stats/weights-skipped", test_stats_weights_skipped);
  g_test_add_func ("/model/stats/nan-skipped", test_stats_nan_skipped);
  g_test_add_func ("/model/stats/too-few", test_stats_too_few);
  g_test_add_func ("/model/stats/zero-variance", test_stats_zero_variance);
  g_test_add_func ("/model/stats/large-offset", test_stats_large_offset);
  g_test_add_func ("/model/stats/scratch", test_stats_scratch);

  return g_test_run ();
}
