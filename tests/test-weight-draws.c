/* test-weight-draws.c — the steps of a Monte Carlo run: random streams,
 * weight draws, ranking and percentiles
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "lm-draw-rank.h"
#include "lm-rank.h"
#include "lm-random.h"
#include "lm-synthetic.h"
#include "lm-test-draws.h"
#include "lm-uncertainty-private.h"
#include "lm-weight-sampler.h"

/* ------------------------------------------------------------------ */
/* Random streams and weight draws                                    */
/* ------------------------------------------------------------------ */

static void
test_random_streams (void)
{
  LmRandom a, b, c;
  gboolean differ = FALSE;

  lm_random_init (&a, 42, 7, 0);
  lm_random_init (&b, 42, 7, 0);
  lm_random_init (&c, 42, 8, 0);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 x = lm_random_next (&a);
      double u;

      g_assert_cmpuint (x, ==, lm_random_next (&b));
      differ |= x != lm_random_next (&c);
      u = lm_random_uniform (&b);
      g_assert_cmpfloat (u, >, 0);
      g_assert_cmpfloat (u, <, 1);
      lm_random_uniform (&a);
    }
  g_assert_true (differ);
}

/* Gamma (k, 1) has mean k and variance k. */
static void
test_random_gamma (void)
{
  const double shapes[] = { 0.3, 1, 2.5, 40 };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      const guint n = 200000;
      double k = shapes[s], sum = 0, sum2 = 0, mean, var;
      LmRandom rng;

      lm_random_init (&rng, 1, s, 0);
      for (guint i = 0; i < n; i++)
        {
          double x = lm_random_gamma (&rng, k);

          g_assert_cmpfloat (x, >=, 0);
          sum += x;
          sum2 += x * x;
        }
      mean = sum / n;
      var = sum2 / n - mean * mean;
      /* The mean's standard error is sqrt (k / n); the variance's is
       * about sqrt ((k^2 (2 + 6 / k)) / n). */
      g_assert_cmpfloat (fabs (mean - k), <, 5 * sqrt (k / n));
      g_assert_cmpfloat (fabs (var - k), <, 5 * sqrt (k * k * (2 + 6 / k) / n));
    }
}

/* A Dirichlet share has mean c and variance c (1 - c) / (a + 1); the
 * exact 90% interval agrees with the draws' own percentiles. */
static void
test_sampler_dirichlet (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  const double centre[3] = { 0.5, 0.25, 0.25 };  /* hdx: 2, 1, 1 */
  const guint n = 40000;
  g_autofree double *shares = g_new (double, n * 3);
  double weights[3];

  g_assert_cmpint (lm_weight_sampler_get_mode (sampler), ==, LM_WEIGHT_SPREAD_DIRICHLET);
  g_assert_cmpfloat (lm_weight_sampler_get_concentration (sampler), ==, LM_WEIGHT_SPREAD_MEDIUM);
  g_assert_true (lm_weight_sampler_varies (sampler, 0));
  for (guint k = 0; k < n; k++)
    {
      lm_weight_sampler_draw (sampler, 0, 99, k, weights);
      for (guint d = 0; d < 3; d++)
        shares[d * n + k] = weights[d] / (weights[0] + weights[1] + weights[2]);
    }
  for (guint d = 0; d < 3; d++)
    {
      double *x = shares + d * n, mean = 0, var = 0, lo, hi;
      double expected_var = centre[d] * (1 - centre[d]) / (LM_WEIGHT_SPREAD_MEDIUM + 1);
      guint below = 0, above = 0;

      for (guint k = 0; k < n; k++)
        mean += x[k] / n;
      for (guint k = 0; k < n; k++)
        var += (x[k] - mean) * (x[k] - mean) / (n - 1);
      g_assert_cmpfloat (fabs (mean - centre[d]), <, 5 * sqrt (expected_var / n));
      g_assert_cmpfloat (fabs (var / expected_var - 1), <, 0.05);

      lm_weight_sampler_get_share_interval (sampler, 0, d, 0.9, &lo, &hi);
      g_assert_cmpfloat (lo, <, centre[d]);
      g_assert_cmpfloat (hi, >, centre[d]);
      for (guint k = 0; k < n; k++)
        {
          below += x[k] < lo;
          above += x[k] > hi;
        }
      lm_test_assert_share ((double) below / n, 0.05, n, 5);
      lm_test_assert_share ((double) above / n, 0.05, n, 5);
    }
  lm_synthetic_remove (manifest);
}

/* IMD Income in 90% of draws of each named spread, as
 * docs/uncertainty.md quotes them. Its share c = 22.5 / 99.9 is Beta (c a,
 * (1 - c) a); the bounds are SciPy 1.10's scipy.stats.beta.ppf at 0.05
 * and 0.95. */
static void
test_sampler_named_spreads (void)
{
  g_autoptr(LmDataset) dataset = lm_test_load_dataset ("england-2019");
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  const struct { const char *name; double lo; double hi; } spreads[] = {
    { "narrow", 0.19170623, 0.26030809 },
    { "medium", 0.16008716, 0.29663913 },
    { "wide", 0.10396856, 0.37188169 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spreads); i++)
    {
      g_autoptr(GError) error = NULL;
      double concentration, lo, hi;

      g_assert_true (lm_weight_spread_parse (spreads[i].name, &concentration, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (lm_weight_spread_get_name (concentration), ==, spreads[i].name);
      lm_weight_sampler_set_concentration (sampler, concentration);
      lm_weight_sampler_get_share_interval (sampler, 0, 0, 0.9, &lo, &hi);
      g_test_message ("%s: income %.1f%%–%.1f%%", spreads[i].name, 100 * lo, 100 * hi);
      g_assert_cmpfloat (fabs (lo - spreads[i].lo), <, 1e-7);
      g_assert_cmpfloat (fabs (hi - spreads[i].hi), <, 1e-7);
    }
}

/* A locked domain keeps its share in every draw; a uniform range is
 * kept to; a domain without a range keeps its weight; no spread gives
 * the centre itself. */
static void
test_sampler_locks_and_ranges (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
  g_autoptr(LmWeightSampler) dirichlet = lm_weight_sampler_new (dataset);
  g_autoptr(LmWeightSampler) uniform = lm_weight_sampler_new (dataset);
  g_autoptr(LmWeightSampler) none = lm_weight_sampler_new (dataset);
  g_autoptr(GError) error = NULL;
  double weights[3], lo, hi;

  g_assert_true (lm_weight_sampler_lock (dirichlet, "hdx.wages", &error));
  g_assert_true (lm_weight_sampler_lock (dirichlet, "sfi.clubs", &error));
  g_assert_no_error (error);
  /* One free domain of two cannot move: the index does not vary. */
  g_assert_false (lm_weight_sampler_varies (dirichlet, 1));
  for (guint k = 0; k < 1000; k++)
    {
      lm_weight_sampler_draw (dirichlet, 0, 5, k, weights);
      g_assert_cmpfloat (fabs (weights[0] / (weights[0] + weights[1] + weights[2]) - 0.5), <, 1e-12);
      g_assert_cmpfloat (weights[1], !=, weights[2]);
    }
  lm_weight_sampler_get_share_interval (dirichlet, 0, 0, 0.9, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.5);
  g_assert_cmpfloat (hi, ==, 0.5);

  g_assert_true (lm_weight_sampler_parse_range (uniform, "hdx.air=0.5:3", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lm_weight_sampler_get_mode (uniform), ==, LM_WEIGHT_SPREAD_UNIFORM);
  g_assert_true (lm_weight_sampler_get_range (uniform, "hdx.air", &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0.5);
  g_assert_cmpfloat (hi, ==, 3);
  g_assert_false (lm_weight_sampler_get_range (uniform, "hdx.wages", &lo, &hi));
  g_assert_false (lm_weight_sampler_varies (uniform, 1));
  for (guint k = 0; k < 1000; k++)
    {
      lm_weight_sampler_draw (uniform, 0, 5, k, weights);
      g_assert_cmpfloat (weights[0], ==, 2);
      g_assert_cmpfloat (weights[1], ==, 1);
      g_assert_cmpfloat (weights[2], >, 0.5);
      g_assert_cmpfloat (weights[2], <, 3);
    }

  lm_weight_sampler_set_concentration (none, INFINITY);
  g_assert_false (lm_weight_sampler_varies (none, 0));
  lm_weight_sampler_draw (none, 0, 5, 17, weights);
  g_assert_cmpmem (weights, sizeof weights, lm_weight_sampler_get_centre (none, 0), sizeof weights);
  lm_synthetic_remove (manifest);
}

static void
test_sampler_errors (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  const char * const bad_ranges[] = { "hdx.air=3:1", "hdx.air=-1:2", "hdx.air=2", "hdx.air=a:b", "hdx.air" };
  double concentration;

  for (guint i = 0; i < G_N_ELEMENTS (bad_ranges); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lm_weight_sampler_parse_range (sampler, bad_ranges[i], &error));
      g_assert_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE);
      g_assert_nonnull (strstr (error->message, "hdx.air"));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lm_weight_sampler_parse_range (sampler, "hdx.noise=1:2", &error));
    g_assert_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_UNKNOWN_DOMAIN);
    g_assert_nonnull (strstr (error->message, "hdx.noise"));
    g_assert_nonnull (strstr (error->message, "hdx.wages"));
  }
  {
    g_autoptr(GError) error = NULL;

    /* Every weight of the fabric index could be zero. */
    g_assert_true (lm_weight_sampler_parse_range (sampler, "sfi.clubs=0:0", NULL));
    g_assert_false (lm_weight_sampler_parse_range (sampler, "sfi.trust=0:0", &error));
    g_assert_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lm_weight_spread_parse ("huge", &concentration, &error));
    g_assert_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_SPREAD);
    g_assert_nonnull (strstr (error->message, "huge"));
    g_clear_error (&error);
    g_assert_false (lm_weight_spread_parse ("-3", &concentration, &error));
    g_assert_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_SPREAD);
    g_clear_error (&error);
    g_assert_true (lm_weight_spread_parse ("250", &concentration, &error));
    g_assert_cmpfloat (concentration, ==, 250);
    g_assert_true (lm_weight_spread_parse ("none", &concentration, &error));
    g_assert_true (isinf (concentration));
  }
  lm_synthetic_remove (manifest);
}

/* ------------------------------------------------------------------ */
/* Ranks and their percentiles                                        */
/* ------------------------------------------------------------------ */

static int
compare_uints (const void *a,
               const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The draws' ranking against lm_rank_descending(), rank for rank: values
 * spread wide and narrow, exact ties, NAN, both zeros, infinities (which
 * it hands to lm_rank_descending()), and neighbours a few units in the
 * last place apart, which the short keys merge in runs short (put in
 * order by insertion) and long (sorted). */
static void
test_draw_rank (void)
{
  const guint sizes[] = { 0, 1, 2, 3, 40, 1000, 20000 };
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  LmRandom random;

  lm_random_init (&random, 11, 0, 0);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (guint pattern = 0; pattern < 7; pattern++)
      {
        guint n = sizes[z];
        g_autofree double *values = g_new (double, MAX (n, 1));
        g_autofree guint *expected = g_new (guint, MAX (n, 1));
        g_autofree guint *ranks = g_new (guint, MAX (n, 1));

        for (guint i = 0; i < n; i++)
          {
            double u = lm_random_uniform (&random);

            switch (pattern)
              {
              case 0: /* scores */
                values[i] = 100 * u;
                break;
              case 1: /* few values, many ties */
                values[i] = floor (5 * u) - 2;
                break;
              case 2: /* gaps, signs, zeros, infinities */
                values[i] = u < 0.1 ? NAN : u < 0.15 ? -0.0 : u < 0.2 ? 0.0 : u < 0.22 ? INFINITY
                          : u < 0.24 ? -INFINITY : (u - 0.6) * 1e6;
                break;
              case 3: /* neighbours merged in long runs by a wide span */
                values[i] = i % 97 == 0 ? (u < 0.5 ? -1e300 : 1e300)
                                        : nextafter (1.0, 2.0) + (double) (guint) (u * 4000) * DBL_EPSILON;
                break;
              case 4: /* neighbours merged in short runs */
                values[i] = 1000 * floor (u * 50) / 50 + (double) (guint) (lm_random_uniform (&random) * 3)
                            * 1000 * DBL_EPSILON;
                break;
              case 5: /* all equal */
                values[i] = 7;
                break;
              default: /* gaps, signs and zeros */
                values[i] = u < 0.1 ? NAN : u < 0.15 ? -0.0 : u < 0.2 ? 0.0 : (u - 0.6) * 3;
                break;
              }
          }
        g_assert_cmpuint (lm_draw_rank_descending (values, n, ranks, scratch), ==,
                          lm_rank_descending (values, n, expected, NULL));
        g_assert_cmpmem (ranks, n * sizeof (guint), expected, n * sizeof (guint));
      }
}

/* Both ways of taking percentiles (counting a narrow span, selecting in
 * a wide one) against sorting, with many equal values and none. */
static void
test_percentiles (void)
{
  const guint sizes[] = { 1, 2, 3, 19, 20, 21, 100, 1000, 1001 };
  const guint32 spans[] = { 1, 5, 300, 40000, 65535 };
  g_autofree guint32 *counts = g_new0 (guint32, 65536);
  GRand *rand = g_rand_new_with_seed (4);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (spans); j++)
      {
        guint m = sizes[i];
        g_autofree guint32 *values = g_new (guint32, m);
        g_autofree guint32 *sorted = g_new (guint32, m);
        guint32 lo = G_MAXUINT32, hi = 0;
        const guint percents[3] = { 5, 50, 95 };
        double out[3];

        for (guint d = 0; d < m; d++)
          {
            values[d] = sorted[d] = 1 + g_rand_int_range (rand, 0, (gint32) spans[j]);
            lo = MIN (lo, values[d]);
            hi = MAX (hi, values[d]);
          }
        qsort (sorted, m, sizeof (guint32), compare_uints);
        _lm_uncertainty_percentiles (values, m, lo, hi, counts, out);
        for (guint q = 0; q < 3; q++)
          {
            /* The smallest x with at least m p / 100 values <= x. */
            guint k = 0;

            while (100 * (k + 1) < (guint64) m * percents[q])
              k++;
            g_assert_cmpfloat (out[q], ==, sorted[k]);
          }
        for (guint v = 0; v < 65536; v++)
          g_assert_cmpuint (counts[v], ==, 0);
      }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/uncertainty/random/streams", test_random_streams);
  g_test_add_func ("/model/uncertainty/random/gamma", test_random_gamma);
  g_test_add_func ("/model/uncertainty/sampler/dirichlet", test_sampler_dirichlet);
  g_test_add_func ("/model/uncertainty/sampler/named-spreads", test_sampler_named_spreads);
  g_test_add_func ("/model/uncertainty/sampler/locks-and-ranges", test_sampler_locks_and_ranges);
  g_test_add_func ("/model/uncertainty/sampler/errors", test_sampler_errors);
  g_test_add_func ("/model/uncertainty/draw-rank", test_draw_rank);
  g_test_add_func ("/model/uncertainty/percentiles", test_percentiles);
  return g_test_run ();
}
