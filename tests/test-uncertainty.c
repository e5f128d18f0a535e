/* test-uncertainty.c — weight draws and the Monte Carlo runs over them
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lm-draw-plan.h"
#include "lm-model.h"
#include "lm-view.h"
#include "lm-random.h"
#include "lm-synthetic.h"
#include "lm-test-files.h"
#include "lm-uncertainty.h"
#include "lm-uncertainty-private.h"
#include "lm-weight-sampler.h"

/* ------------------------------------------------------------------ */
/* Fixtures                                                           */
/* ------------------------------------------------------------------ */

static LmDataset *
load_quadria (char **out_manifest)
{
  g_autoptr(GError) error = NULL;
  char *manifest = lm_synthetic_write ();
  g_autofree char *dir = g_path_get_dirname (manifest);
  LmDataset *dataset = lm_dataset_load (manifest, dir, &error);

  g_assert_no_error (error);
  *out_manifest = manifest;
  return dataset;
}

/* Triad: three areas, two indices of two domains each, and a rule that
 * flags the area ranked first on both. The domain ranks are chosen so
 * that which area comes first depends on one weight only, with
 * thresholds worked out below from the exponential scores. */
static const char triad_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<dataset id=\"triad\" title=\"Triad\" format=\"1\">\n"
  "  <level id=\"area\" title=\"Areas\" singular=\"area\" plural=\"areas\"/>\n"
  "  <lookup file=\"lookup.csv\"><key level=\"area\" code-column=\"code\" name-column=\"name\"/></lookup>\n"
  "  <population file=\"t.csv\" level=\"area\" code-column=\"code\" column=\"people\"/>\n"
  "  <table id=\"t\" file=\"t.csv\" level=\"area\" code-column=\"code\"/>\n"
  "  <index id=\"dep\" title=\"Deprivation\" short-title=\"Dep\" table=\"t\" scale=\"1\">\n"
  "    <domain id=\"a\" kind=\"rank\" weight=\"2\" column=\"a\"/>\n"
  "    <domain id=\"b\" kind=\"rank\" weight=\"1\" column=\"b\"/>\n"
  "  </index>\n"
  "  <index id=\"need\" title=\"Need\" short-title=\"Need\" table=\"t\" scale=\"1\">\n"
  "    <domain id=\"c\" kind=\"rank\" weight=\"1\" column=\"c\"/>\n"
  "    <domain id=\"d\" kind=\"rank\" weight=\"1\" column=\"d\"/>\n"
  "  </index>\n"
  "  <left-behind level=\"area\">\n"
  "    <criterion variable=\"dep.score\" top-percent=\"34\"/>\n"
  "    <criterion variable=\"need.score\" top-percent=\"34\"/>\n"
  "  </left-behind>\n"
  "</dataset>\n";

static char *
write_triad (const char *rule_variable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("levelmap-triad-XXXXXX", &error);
  g_autofree char *manifest = g_build_filename (dir, "triad.xml", NULL);
  g_autofree char *lookup = g_build_filename (dir, "lookup.csv", NULL);
  g_autofree char *table = g_build_filename (dir, "t.csv", NULL);
  g_autoptr(GString) text = g_string_new (triad_manifest);

  g_assert_no_error (error);
  if (rule_variable != NULL)
    g_string_replace (text, "\"need.score\"", rule_variable, 1);
  g_assert_true (g_file_set_contents (manifest, text->str, -1, NULL));
  g_assert_true (g_file_set_contents (lookup, "code,name\nT1,One\nT2,Two\nT3,Three\n", -1, NULL));
  g_assert_true (g_file_set_contents (table,
                                      "code,people,a,b,c,d\n"
                                      "T1,100,1,3,2,1\n"
                                      "T2,100,2,2,1,3\n"
                                      "T3,100,3,1,3,2\n", -1, NULL));
  return g_steal_pointer (&manifest);
}

static LmDataset *
load_triad (char **out_manifest)
{
  g_autoptr(GError) error = NULL;
  char *manifest = write_triad (NULL);
  g_autofree char *dir = g_path_get_dirname (manifest);
  LmDataset *dataset = lm_dataset_load (manifest, dir, &error);

  g_assert_no_error (error);
  *out_manifest = manifest;
  return dataset;
}

static void
remove_fixture (const char *manifest)
{
  g_autofree char *dir = g_path_get_dirname (manifest);

  lm_test_remove_tree (dir);
}

static LmDataset *
load_england (const char *id)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("LEVELMAP_DATA_DIR");
  LmDataset *dataset;

  g_assert_nonnull (root);
  dataset = lm_dataset_open (id, root, &error);
  g_assert_no_error (error);
  return dataset;
}

static LmUncertainty *
run (LmDataset       *dataset,
     LmWeightSampler *sampler,
     guint            n_draws,
     guint64          seed,
     guint            n_threads)
{
  g_autoptr(GError) error = NULL;
  LmUncertainty *result = lm_uncertainty_run (dataset, sampler, n_draws, seed, n_threads,
                                              NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const double *
lookup (LmUncertainty *result,
        const char    *level,
        const char    *id)
{
  const double *values = lm_uncertainty_lookup (result, level, id);

  g_assert_nonnull (values);
  return values;
}

/* Within @k standard errors of a share estimated from @n draws. */
static void
assert_share (double observed,
              double expected,
              guint  n,
              double k)
{
  double se = sqrt (expected * (1 - expected) / n);

  if (fabs (observed - expected) > k * se + 1e-12)
    g_error ("share %.5f is %.1f standard errors from %.5f", observed,
             fabs (observed - expected) / se, expected);
}

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
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
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
      assert_share ((double) below / n, 0.05, n, 5);
      assert_share ((double) above / n, 0.05, n, 5);
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
  g_autoptr(LmDataset) dataset = load_england ("england-2019");
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
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
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
/* Runs                                                               */
/* ------------------------------------------------------------------ */

static int
compare_uints (const void *a,
               const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
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

/* With no spread every draw is the weights themselves: the percentiles
 * are the ranks, the chances 0 or 1, exactly as a recompute gives them. */
static void
check_zero_spread (LmDataset       *dataset,
                   LmWeightSampler *sampler)
{
  g_autoptr(LmUncertainty) result = run (dataset, sampler, 40, 3, 2);
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
  g_autofree char *probability_id = g_strdup_printf ("%s_probability", rule->flag->id);
  const double *probability = lookup (result, rule->level->id, probability_id);
  guint n_flagged = 0;

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);

      for (LmLevel *level = index->level; level != NULL; level = level->parent_level)
        {
          LmVariable *rank = lm_index_find_variable (index, level, "rank");
          LmVariable *decile = lm_index_find_variable (index, level, "decile");
          const char *suffixes[] = { "rank_p05", "rank_median", "rank_p95" };
          g_autofree char *top_id = g_strdup_printf ("%s.top_decile_probability", index->id);
          const double *top = lookup (result, level->id, top_id);

          for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
            {
              g_autofree char *id = g_strdup_printf ("%s.%s", index->id, suffixes[s]);
              const double *values = lookup (result, level->id, id);

              g_assert_cmpmem (values, sizeof (double) * level->n_areas,
                               rank->values, sizeof (double) * level->n_areas);
            }
          for (guint a = 0; a < level->n_areas; a++)
            {
              if (isnan (decile->values[a]))
                g_assert_true (isnan (top[a]));
              else
                g_assert_cmpfloat (top[a], ==, decile->values[a] == 1 ? 1 : 0);
            }
        }
    }
  g_assert_cmpmem (probability, sizeof (double) * rule->level->n_areas,
                   rule->flag->values, sizeof (double) * rule->level->n_areas);
  for (guint a = 0; a < rule->level->n_areas; a++)
    n_flagged += rule->flag->values[a] == 1;
  g_assert_cmpuint (lm_uncertainty_count_left_behind (result), ==, n_flagged);
  g_assert_cmpuint (lm_uncertainty_count_staying (result, LM_UNCERTAINTY_STAYING), ==, n_flagged);
  g_assert_cmpuint (lm_uncertainty_count_entering (result, LM_UNCERTAINTY_ENTERING), ==, 0);
}

static void
test_zero_spread_quadria (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmModel) model = lm_model_new (dataset);
  g_autoptr(LmWeightSampler) none = NULL;
  g_autoptr(LmWeightSampler) flat = NULL;
  const double weights[3] = { 1, 3, 0.5 };

  /* Away from the defaults, so the centre is the model's weights. */
  g_assert_true (lm_model_set_weights (model, "hdx", weights, 3, NULL));
  none = lm_weight_sampler_new (dataset);
  lm_weight_sampler_set_concentration (none, INFINITY);
  check_zero_spread (dataset, none);

  /* Ranges of no width are no spread either. */
  flat = lm_weight_sampler_new (dataset);
  g_assert_true (lm_weight_sampler_parse_range (flat, "hdx.wages=1:1", NULL));
  g_assert_true (lm_weight_sampler_parse_range (flat, "sfi.trust=1:1", NULL));
  check_zero_spread (dataset, flat);
  lm_synthetic_remove (manifest);
}

static void
test_zero_spread_england (void)
{
  g_autoptr(LmDataset) dataset = load_england ("england-2019");
  g_autoptr(LmModel) model = lm_model_new (dataset);
  g_autoptr(LmWeightSampler) none = NULL;

  g_assert_true (lm_model_parse_weight (model, "imd.income=30", NULL));
  g_assert_true (lm_model_parse_weight (model, "cni.connectedness=2", NULL));
  none = lm_weight_sampler_new (dataset);
  lm_weight_sampler_set_concentration (none, INFINITY);
  check_zero_spread (dataset, none);
}

/* Triad, worked by hand. X(r) is the exponential score of rank r of 3;
 * x2 = X(2) and x3 = X(3), X(1) = 100. With Dep's weights (wa, 1):
 *   area 1 scores 100 wa + x3, area 2 x2 wa + x2, area 3 x3 wa + 100;
 * area 1 passes area 3 when wa > 1, passes area 2 when wa > t = (x2 -
 * x3) / (100 - x2), and area 3 stays ahead of area 2 for wa < 1 / t
 * (about 4.9). With wa uniform on (0, 3) Dep ranks the areas
 *   (3, 2, 1) with chance t/3, (2, 3, 1) with (1 - t)/3, (1, 3, 2) with 2/3.
 * With Need's weights (1, wd), area 1 (x2 + 100 wd) leads area 2 (100 +
 * x3 wd) when wd > u = (100 - x2) / (100 - x3), and area 3 is always last;
 * wd uniform on (0, 1). The rule flags the area first on both: area 1
 * with chance 2/3 (1 - u), the others never. */
static void
test_hand_worked (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_triad (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) result = NULL;
  const guint n = LM_UNCERTAINTY_MAX_DRAWS;
  double x2 = lm_synthetic_exp_score (2, 3), x3 = lm_synthetic_exp_score (3, 3);
  double t = (x2 - x3) / (100 - x2), u = (100 - x2) / (100 - x3);
  const double *p05, *median, *p95, *top, *flagged;

  g_assert_true (lm_weight_sampler_parse_range (sampler, "dep.a=0:3", NULL));
  g_assert_true (lm_weight_sampler_parse_range (sampler, "need.d=0:1", NULL));
  result = run (dataset, sampler, n, 2026, 0);
  p05 = lookup (result, "area", "dep.rank_p05");
  median = lookup (result, "area", "dep.rank_median");
  p95 = lookup (result, "area", "dep.rank_p95");
  top = lookup (result, "area", "dep.top_decile_probability");
  flagged = lookup (result, "area", "left_behind_probability");

  g_test_message ("t = %.4f, u = %.4f; P(area 1 left behind) = %.4f, expected %.4f",
                  t, u, flagged[0], 2.0 / 3 * (1 - u));
  /* Area 1: rank 1 (2/3), 2 ((1 - t)/3 = 0.26), 3 (t/3 = 0.07): the 95th
   * percentile is 3, as 2/3 + (1 - t)/3 = 0.93 < 0.95. */
  g_assert_cmpfloat (p05[0], ==, 1);
  g_assert_cmpfloat (median[0], ==, 1);
  g_assert_cmpfloat (p95[0], ==, 3);
  /* Area 2: rank 2 with chance t/3 = 0.069 > 0.05, else 3. */
  g_assert_cmpfloat (p05[1], ==, 2);
  g_assert_cmpfloat (median[1], ==, 3);
  g_assert_cmpfloat (p95[1], ==, 3);
  /* Area 3: rank 1 with chance 1/3, else 2. */
  g_assert_cmpfloat (p05[2], ==, 1);
  g_assert_cmpfloat (median[2], ==, 2);
  g_assert_cmpfloat (p95[2], ==, 2);
  /* Three areas have no most deprived tenth (10 × rank <= 3 never). */
  for (guint a = 0; a < 3; a++)
    g_assert_cmpfloat (top[a], ==, 0);

  assert_share (flagged[0], 2.0 / 3 * (1 - u), n, 4);
  g_assert_cmpfloat (flagged[1], ==, 0);
  g_assert_cmpfloat (flagged[2], ==, 0);
  /* At the centre (wa = 2, wd = 1) area 1 is first on both. */
  g_assert_cmpuint (lm_uncertainty_count_left_behind (result), ==, 1);
  g_assert_cmpuint (lm_uncertainty_count_staying (result, 0.9), ==, 0);
  g_assert_cmpuint (lm_uncertainty_count_staying (result, 0.1), ==, 1);
  g_assert_cmpuint (lm_uncertainty_count_entering (result, 0.1), ==, 0);

  /* With Need's weights fixed the rule follows Dep alone. */
  {
    g_autoptr(LmWeightSampler) dep_only = lm_weight_sampler_new (dataset);
    g_autoptr(LmUncertainty) second = NULL;

    g_assert_true (lm_weight_sampler_parse_range (dep_only, "dep.a=0:3", NULL));
    second = run (dataset, dep_only, n, 7, 0);
    /* Need does not vary: area 1 leads it (wd = 1 > u), so the rule
     * flags area 1 exactly when Dep ranks it first: 2/3. */
    assert_share (lookup (second, "area", "left_behind_probability")[0], 2.0 / 3, n, 4);
    g_assert_cmpfloat (lookup (second, "area", "need.rank_median")[0], ==, 1);
  }
  remove_fixture (manifest);
}

/* ------------------------------------------------------------------ */
/* An independent recomputation of Quadria's draws                    */
/* ------------------------------------------------------------------ */

/* Everything below is worked from Quadria's inputs as the manifest
 * defines the indices, with none of the engine's code but the weights
 * each draw gets. */
typedef struct
{
  double hdx_x[3][LM_SYNTHETIC_N_PARISHES];
  double sfi_x[2][LM_SYNTHETIC_N_CANTONS];
  double parish_pop[LM_SYNTHETIC_N_PARISHES];
  double canton_pop[LM_SYNTHETIC_N_CANTONS];
} Inputs;

static void
read_inputs (Inputs *in)
{
  double schooling[LM_SYNTHETIC_N_PARISHES], schooling_rank[LM_SYNTHETIC_N_PARISHES];

  memset (in, 0, sizeof *in);
  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    schooling[p] = lm_synthetic_schooling_score (p);
  lm_synthetic_rank (schooling, LM_SYNTHETIC_N_PARISHES, schooling_rank);
  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    {
      in->hdx_x[0][p] = lm_synthetic_exp_score (lm_synthetic_wages_rank (p), LM_SYNTHETIC_N_PARISHES);
      in->hdx_x[1][p] = lm_synthetic_exp_score (schooling_rank[p], LM_SYNTHETIC_N_PARISHES);
      in->hdx_x[2][p] = lm_synthetic_exp_score (lm_synthetic_air_rank (p), LM_SYNTHETIC_N_PARISHES);
      in->parish_pop[p] = lm_synthetic_population (p);
      in->canton_pop[lm_synthetic_canton_of (p)] += in->parish_pop[p];
    }
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      in->sfi_x[0][k] = lm_synthetic_exp_score (lm_synthetic_clubs_rank (k), LM_SYNTHETIC_N_CANTONS);
      in->sfi_x[1][k] = lm_synthetic_exp_score (lm_synthetic_trust_rank (k), LM_SYNTHETIC_N_CANTONS);
    }
}

/* Population-weighted mean of children into parents. */
static void
mean_up (const double *values,
         const double *pop,
         guint         n,
         guint       (*parent_of) (guint),
         double       *out,
         guint         n_out)
{
  double sum[LM_SYNTHETIC_N_PARISHES] = { 0 }, weight[LM_SYNTHETIC_N_PARISHES] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      sum[parent_of (i)] += pop[i] * values[i];
      weight[parent_of (i)] += pop[i];
    }
  for (guint j = 0; j < n_out; j++)
    out[j] = sum[j] / weight[j];
}

/* The ceil (m p / 100)-th smallest of the kept ranks. */
static double
type1_percentile (const double *sorted,
                  guint         m,
                  guint         percent)
{
  guint k = (m * percent + 99) / 100;

  return sorted[MAX (k, 1) - 1];
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  const char *level;
  const char *index;
  guint       n;
  double     *ranks;    /* n × draws */
  guint      *top;
} Expected;

static void
check_expected (LmUncertainty *result,
                Expected      *e,
                guint          draws)
{
  g_autofree char *p05_id = g_strdup_printf ("%s.rank_p05", e->index);
  g_autofree char *median_id = g_strdup_printf ("%s.rank_median", e->index);
  g_autofree char *p95_id = g_strdup_printf ("%s.rank_p95", e->index);
  g_autofree char *top_id = g_strdup_printf ("%s.top_decile_probability", e->index);
  const double *p05 = lookup (result, e->level, p05_id);
  const double *median = lookup (result, e->level, median_id);
  const double *p95 = lookup (result, e->level, p95_id);
  const double *top = lookup (result, e->level, top_id);

  for (guint a = 0; a < e->n; a++)
    {
      double *row = e->ranks + a * draws;

      qsort (row, draws, sizeof (double), compare_doubles);
      g_assert_cmpfloat (p05[a], ==, type1_percentile (row, draws, 5));
      g_assert_cmpfloat (median[a], ==, type1_percentile (row, draws, 50));
      g_assert_cmpfloat (p95[a], ==, type1_percentile (row, draws, 95));
      g_assert_cmpfloat (top[a], ==, (double) e->top[a] / draws);
    }
}

/* @draws: with many, an area's ranks span few places for their number
 * and are counted; with few, they are selected by comparison. */
static void
check_independent_quadria (guint draws)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) result = NULL;
  const guint n_p = LM_SYNTHETIC_N_PARISHES, n_k = LM_SYNTHETIC_N_CANTONS;
  const guint n_v = LM_SYNTHETIC_N_PROVINCES;
  const guint64 seed = 12345;
  Inputs in;
  Expected hdx_p = { "parish", "hdx", n_p, g_new (double, n_p * draws), g_new0 (guint, n_p) };
  Expected hdx_k = { "canton", "hdx", n_k, g_new (double, n_k * draws), g_new0 (guint, n_k) };
  Expected hdx_v = { "province", "hdx", n_v, g_new (double, n_v * draws), g_new0 (guint, n_v) };
  Expected sfi_k = { "canton", "sfi", n_k, g_new (double, n_k * draws), g_new0 (guint, n_k) };
  Expected sfi_v = { "province", "sfi", n_v, g_new (double, n_v * draws), g_new0 (guint, n_v) };
  Expected *all[] = { &hdx_p, &hdx_k, &hdx_v, &sfi_k, &sfi_v };
  guint stranded[LM_SYNTHETIC_N_CANTONS] = { 0 };
  const double *probability;

  read_inputs (&in);
  lm_weight_sampler_set_concentration (sampler, LM_WEIGHT_SPREAD_WIDE);
  for (guint d = 0; d < draws; d++)
    {
      double w[3], v[2], score_p[LM_SYNTHETIC_N_PARISHES], score_k[LM_SYNTHETIC_N_CANTONS];
      double sfi[LM_SYNTHETIC_N_CANTONS], score_v[LM_SYNTHETIC_N_PROVINCES];
      double sfi_vs[LM_SYNTHETIC_N_PROVINCES], ranks[LM_SYNTHETIC_N_PARISHES];
      double hdx_kr[LM_SYNTHETIC_N_CANTONS], sfi_kr[LM_SYNTHETIC_N_CANTONS];

      lm_weight_sampler_draw (sampler, 0, seed, d, w);
      lm_weight_sampler_draw (sampler, 1, seed, d, v);
      for (guint p = 0; p < n_p; p++)
        score_p[p] = (w[0] * in.hdx_x[0][p] + w[1] * in.hdx_x[1][p] + w[2] * in.hdx_x[2][p]) /
                     (w[0] + w[1] + w[2]);
      for (guint k = 0; k < n_k; k++)
        sfi[k] = 2 * (v[0] * in.sfi_x[0][k] + v[1] * in.sfi_x[1][k]) / (v[0] + v[1]);
      mean_up (score_p, in.parish_pop, n_p, lm_synthetic_canton_of, score_k, n_k);
      mean_up (score_k, in.canton_pop, n_k, lm_synthetic_province_of, score_v, n_v);
      mean_up (sfi, in.canton_pop, n_k, lm_synthetic_province_of, sfi_vs, n_v);

      {
        struct { double *scores; Expected *e; double *keep; } levels[] = {
          { score_p, &hdx_p, NULL }, { score_k, &hdx_k, hdx_kr }, { score_v, &hdx_v, NULL },
          { sfi, &sfi_k, sfi_kr }, { sfi_vs, &sfi_v, NULL },
        };

        for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
          {
            Expected *e = levels[l].e;

            lm_synthetic_rank (levels[l].scores, e->n, ranks);
            for (guint a = 0; a < e->n; a++)
              {
                e->ranks[a * draws + d] = ranks[a];
                e->top[a] += 10 * ranks[a] <= e->n;
                if (levels[l].keep != NULL)
                  levels[l].keep[a] = ranks[a];
              }
          }
      }
      /* Stranded: the worst 34% of 9 cantons (3) on both. */
      for (guint k = 0; k < n_k; k++)
        stranded[k] += hdx_kr[k] <= 3 && sfi_kr[k] <= 3;
    }

  result = run (dataset, sampler, draws, seed, 3);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    check_expected (result, all[i], draws);
  probability = lookup (result, "canton", "stranded_probability");
  for (guint k = 0; k < n_k; k++)
    g_assert_cmpfloat (probability[k], ==, (double) stranded[k] / draws);
  /* Not every canton is always or never stranded: the test has teeth. */
  if (draws >= 100)
    {
      gboolean some_between = FALSE;

      for (guint k = 0; k < n_k; k++)
        some_between |= probability[k] > 0.05 && probability[k] < 0.95;
      g_assert_true (some_between);
    }
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_free (all[i]->ranks);
      g_free (all[i]->top);
    }
  lm_synthetic_remove (manifest);
}

static void
test_independent_quadria (void)
{
  check_independent_quadria (300);
  check_independent_quadria (3);
}

/* ------------------------------------------------------------------ */
/* Reproducibility, spread, cancelling, the background                */
/* ------------------------------------------------------------------ */

static void
assert_same_results (LmUncertainty *a,
                     LmUncertainty *b,
                     LmDataset     *dataset)
{
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);

      for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
        {
          const char *suffixes[] = { "rank_p05", "rank_median", "rank_p95", "top_decile_probability" };

          for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
            {
              g_autofree char *id = g_strdup_printf ("%s.%s", lm_dataset_get_index (dataset, i)->id,
                                                     suffixes[s]);
              const double *x = lm_uncertainty_lookup (a, level->id, id);
              const double *y = lm_uncertainty_lookup (b, level->id, id);

              g_assert_true ((x == NULL) == (y == NULL));
              if (x != NULL)
                g_assert_cmpmem (x, level->n_areas * sizeof (double), y, level->n_areas * sizeof (double));
            }
        }
    }
  {
    LmLevel *level = lm_uncertainty_get_rule_level (a);
    LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
    g_autofree char *id = g_strdup_printf ("%s_probability", rule->flag->id);

    g_assert_cmpmem (lookup (a, level->id, id), level->n_areas * sizeof (double),
                     lookup (b, level->id, id), level->n_areas * sizeof (double));
  }
}

static void
test_threads_and_seeds (void)
{
  g_autoptr(LmDataset) dataset = load_england ("england-2019");
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) one = NULL;
  g_autoptr(LmUncertainty) two = NULL;
  g_autoptr(LmUncertainty) five = NULL;
  g_autoptr(LmUncertainty) again = NULL;
  g_autoptr(LmUncertainty) other = NULL;
  const double *x, *y;
  gboolean differ = FALSE;

  /* 37 draws: chunks of draws end mid-way, and threads race for them. */
  one = run (dataset, sampler, 37, 42, 1);
  two = run (dataset, sampler, 37, 42, 2);
  five = run (dataset, sampler, 37, 42, 5);
  again = run (dataset, sampler, 37, 42, 2);
  other = run (dataset, sampler, 37, 43, 2);
  assert_same_results (one, two, dataset);
  assert_same_results (one, five, dataset);
  assert_same_results (one, again, dataset);

  x = lookup (one, "lsoa", "imd.rank_median");
  y = lookup (other, "lsoa", "imd.rank_median");
  for (guint a = 0; a < 32844 && !differ; a++)
    differ = x[a] != y[a];
  g_assert_true (differ);
}

static double
mean_width (LmUncertainty *result,
            const char    *level,
            const char    *index)
{
  g_autofree char *p05_id = g_strdup_printf ("%s.rank_p05", index);
  g_autofree char *p95_id = g_strdup_printf ("%s.rank_p95", index);
  const double *p05 = lookup (result, level, p05_id);
  const double *p95 = lookup (result, level, p95_id);
  LmLevel *lv = lm_dataset_find_level (lm_uncertainty_get_dataset (result), level);
  double sum = 0;
  guint n = 0;

  for (guint a = 0; a < lv->n_areas; a++)
    if (!isnan (p05[a]))
      {
        g_assert_cmpfloat (p05[a], <=, p95[a]);
        sum += p95[a] - p05[a];
        n++;
      }
  return sum / n;
}

static void
test_widths_grow (void)
{
  g_autoptr(LmDataset) dataset = load_england ("england-2019");
  const char *spreads[] = { "none", "narrow", "medium", "wide" };
  double previous_imd = -1, previous_cni = -1, previous_changes = -1;

  for (guint i = 0; i < G_N_ELEMENTS (spreads); i++)
    {
      g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
      g_autoptr(LmUncertainty) result = NULL;
      double concentration, imd, cni, changes = 0;
      const double *p;

      g_assert_true (lm_weight_spread_parse (spreads[i], &concentration, NULL));
      lm_weight_sampler_set_concentration (sampler, concentration);
      result = run (dataset, sampler, 100, 8, 0);
      imd = mean_width (result, "lsoa", "imd");
      cni = mean_width (result, "ward", "cni");
      p = lookup (result, "ward", "left_behind_probability");
      for (guint a = 0; a < lm_dataset_find_level (dataset, "ward")->n_areas; a++)
        changes += !isnan (p[a]) && p[a] > 0 && p[a] < 1;
      g_test_message ("%s: IMD LSOA rank interval %.0f places, CNI ward %.0f; %.0f wards "
                      "sometimes left behind", spreads[i], imd, cni, changes);
      if (i == 0)
        {
          g_assert_cmpfloat (imd, ==, 0);
          g_assert_cmpfloat (changes, ==, 0);
        }
      g_assert_cmpfloat (imd, >, previous_imd);
      g_assert_cmpfloat (cni, >, previous_cni);
      g_assert_cmpfloat (changes, >, previous_changes);
      previous_imd = imd;
      previous_cni = cni;
      previous_changes = changes;
    }
}

static void
cancel_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  g_assert_cmpuint (done, <=, total);
  if (done >= 32)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LmUncertainty) result = NULL;

  result = lm_uncertainty_run (dataset, sampler, 5000, 1, 2, cancellable, cancel_progress,
                               cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  result = lm_uncertainty_run (dataset, sampler, 0, 1, 2, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LM_UNCERTAINTY_ERROR, LM_UNCERTAINTY_ERROR_DRAWS);
  g_clear_error (&error);
  result = lm_uncertainty_run (dataset, sampler, LM_UNCERTAINTY_MAX_DRAWS + 1, 1, 2, NULL, NULL, NULL,
                               &error);
  g_assert_error (error, LM_UNCERTAINTY_ERROR, LM_UNCERTAINTY_ERROR_DRAWS);
  lm_synthetic_remove (manifest);
}

typedef struct
{
  guint          last_done;
  guint          n_reports;
  LmUncertainty *result;
  GError        *error;
  gboolean       finished;
} AsyncState;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncState *state = user_data;

  /* In the caller's context, never backwards, never after the end. */
  g_assert_false (state->finished);
  g_assert_cmpuint (done, >, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->last_done = done;
  state->n_reports++;
}

static void
async_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = lm_uncertainty_run_finish (res, &state->error);
  state->finished = TRUE;
}

static void
test_async (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) sync = run (dataset, sampler, 2000, 77, 1);
  AsyncState state = { 0 };

  lm_uncertainty_run_async (dataset, sampler, 2000, 77, NULL, async_progress, &state, NULL,
                            async_done, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.result);
  g_assert_cmpuint (state.n_reports, >, 0);
  assert_same_results (sync, state.result, dataset);
  /* Reports still queued arrive after the end; none may call back. */
  state.finished = FALSE;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&state.result);
  lm_synthetic_remove (manifest);
}

/* The results become variables of the levels, and a second run updates
 * them rather than adding more. */
static void
test_apply (void)
{
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) first = run (dataset, sampler, 50, 1, 0);
  g_autoptr(LmUncertainty) second = run (dataset, sampler, 50, 2, 0);
  LmLevel *canton = lm_dataset_find_level (dataset, "canton");
  guint n_before = canton->variables->len;
  LmVariable *median, *stranded, *top;
  g_autofree char *description = NULL;
  g_autofree char *headline = NULL;

  lm_uncertainty_apply (first);
  median = lm_level_find_variable (canton, "hdx.rank_median");
  stranded = lm_level_find_variable (canton, "stranded_probability");
  top = lm_level_find_variable (canton, "sfi.top_decile_probability");
  g_assert_nonnull (median);
  g_assert_nonnull (stranded);
  g_assert_nonnull (top);
  g_assert_cmpint (median->unit, ==, LM_UNIT_RANK);
  g_assert_cmpint (stranded->unit, ==, LM_UNIT_PROBABILITY);
  g_assert_cmpstr (stranded->title, ==, "Chance of being stranded under uncertain weights");
  g_assert_cmpstr (median->title, ==, "Hardship rank, median under uncertain weights");
  g_assert_false (median->depends_on_weights);
  /* 4 per index (2 at cantons) and the rule's chance. */
  g_assert_cmpuint (canton->variables->len, ==, n_before + 9);
  g_assert_null (lm_level_find_variable (lm_dataset_find_level (dataset, "parish"),
                                         "stranded_probability"));
  g_assert_nonnull (lm_level_find_variable (lm_dataset_find_level (dataset, "province"),
                                            "sfi.rank_p95"));

  lm_uncertainty_apply (second);
  g_assert_cmpuint (canton->variables->len, ==, n_before + 9);
  g_assert_cmpmem (stranded->values, canton->n_areas * sizeof (double),
                   lookup (second, "canton", "stranded_probability"), canton->n_areas * sizeof (double));

  description = lm_uncertainty_describe (second);
  g_assert_cmpstr (description, ==, "50 weight draws, seed 2. Dirichlet draws around the weights, "
                                    "medium spread (concentration 100).");
  headline = lm_uncertainty_describe_headline (second);
  g_assert_nonnull (strstr (headline, "cantons stranded"));
  lm_synthetic_assert_no_foreign_words (headline, "the headline");
  lm_synthetic_assert_no_foreign_words (description, "the description");
  lm_synthetic_remove (manifest);
}

/* A rule on something the weights change that is no index's score,
 * rank or decile cannot be judged per draw: said, not guessed. */
static void
test_unsupported_rule (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = write_triad ("\"need.rank_change\"");
  g_autofree char *dir = g_path_get_dirname (manifest);
  g_autoptr(LmDataset) dataset = lm_dataset_load (manifest, dir, &error);
  g_autoptr(LmWeightSampler) sampler = NULL;
  g_autoptr(LmUncertainty) result = NULL;

  g_assert_no_error (error);
  sampler = lm_weight_sampler_new (dataset);
  result = lm_uncertainty_run (dataset, sampler, 10, 1, 1, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LM_DRAW_PLAN_ERROR, LM_DRAW_PLAN_ERROR_UNSUPPORTED_RULE);
  g_assert_nonnull (strstr (error->message, "Need rank change"));
  remove_fixture (manifest);
}

/* ------------------------------------------------------------------ */
/* The view's settings                                                */
/* ------------------------------------------------------------------ */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* Each setting notifies once, only when it changes; the view's
 * "changed" follows; the sampler takes the spread or the ranges and the
 * view's locks. */
static void
test_view_settings (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  LmViewAnalysis *analysis = lm_view_get_analysis (view);
  g_autofree char *manifest = NULL;
  g_autoptr(LmDataset) dataset = load_quadria (&manifest);
  g_autoptr(LmWeightSampler) sampler = NULL;
  g_autoptr(GError) error = NULL;
  const char *ranges[] = { "hdx.air=1:2", NULL };
  const char *locked[] = { "sfi.clubs", NULL };
  guint draws = 0, changed = 0;
  g_autofree char *pair = NULL;

  g_signal_connect (analysis, "notify::uncertainty-draws", G_CALLBACK (count_notify), &draws);
  g_signal_connect (view, "changed", G_CALLBACK (count_signal), &changed);
  lm_view_analysis_set_uncertainty_draws (analysis, 500);
  lm_view_analysis_set_uncertainty_draws (analysis, 500);
  g_assert_cmpuint (draws, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  lm_view_analysis_set_uncertainty_draws (analysis, 99999);
  g_assert_cmpuint (lm_view_analysis_get_uncertainty_draws (analysis), ==, LM_UNCERTAINTY_MAX_DRAWS);
  lm_view_analysis_set_uncertainty_seed (analysis, 77);
  lm_view_analysis_set_uncertainty_spread (analysis, "wide");
  lm_view_analysis_set_show_bivariate (analysis, TRUE);
  g_assert_cmpuint (changed, ==, 5);
  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_weight_spread_parse*");
  lm_view_analysis_set_uncertainty_spread (analysis, "huge");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (lm_view_analysis_get_uncertainty_spread (analysis), ==, "wide");

  sampler = lm_view_analysis_make_sampler (analysis, dataset, locked, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (lm_weight_sampler_get_concentration (sampler), ==, LM_WEIGHT_SPREAD_WIDE);
  g_assert_false (lm_weight_sampler_varies (sampler, 1));
  g_clear_pointer (&sampler, lm_weight_sampler_unref);
  lm_view_analysis_set_uncertainty_ranges (analysis, ranges);
  sampler = lm_view_analysis_make_sampler (analysis, dataset, NULL, &error);
  g_assert_cmpint (lm_weight_sampler_get_mode (sampler), ==, LM_WEIGHT_SPREAD_UNIFORM);

  /* The default pair is the two indices' scores where both exist. */
  pair = lm_view_analysis_resolve_bivariate (analysis, dataset, "canton");
  g_assert_cmpstr (pair, ==, "hdx.score,sfi.score");
  g_assert_null (lm_view_analysis_resolve_bivariate (analysis, dataset, "parish"));
  lm_view_analysis_set_bivariate (analysis, "hdx.air,hdx.score");
  g_clear_pointer (&pair, g_free);
  pair = lm_view_analysis_resolve_bivariate (analysis, dataset, "parish");
  g_assert_cmpstr (pair, ==, "hdx.air,hdx.score");
  lm_synthetic_remove (manifest);
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
  g_test_add_func ("/model/uncertainty/percentiles", test_percentiles);
  g_test_add_func ("/model/uncertainty/zero-spread/quadria", test_zero_spread_quadria);
  g_test_add_func ("/model/uncertainty/zero-spread/england", test_zero_spread_england);
  g_test_add_func ("/model/uncertainty/hand-worked", test_hand_worked);
  g_test_add_func ("/model/uncertainty/independent", test_independent_quadria);
  g_test_add_func ("/model/uncertainty/threads-and-seeds", test_threads_and_seeds);
  g_test_add_func ("/model/uncertainty/widths-grow", test_widths_grow);
  g_test_add_func ("/model/uncertainty/cancel", test_cancel);
  g_test_add_func ("/model/uncertainty/async", test_async);
  g_test_add_func ("/model/uncertainty/apply", test_apply);
  g_test_add_func ("/model/uncertainty/unsupported-rule", test_unsupported_rule);
  g_test_add_func ("/model/uncertainty/view-settings", test_view_settings);
  return g_test_run ();
}
