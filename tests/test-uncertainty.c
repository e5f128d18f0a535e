/* test-uncertainty.c — the Monte Carlo runs over weight draws (their steps:
 * test-weight-draws.c)
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
#include "lm-synthetic.h"
#include "lm-test-draws.h"
#include "lm-test-files.h"
#include "lm-uncertainty.h"
#include "lm-uncertainty-private.h"
#include "lm-weight-sampler.h"

/* ------------------------------------------------------------------ */
/* Fixtures                                                           */
/* ------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------ */
/* Runs                                                               */
/* ------------------------------------------------------------------ */

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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = lm_test_load_dataset ("england-2019");
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

  lm_test_assert_share (flagged[0], 2.0 / 3 * (1 - u), n, 4);
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
    lm_test_assert_share (lookup (second, "area", "left_behind_probability")[0], 2.0 / 3, n, 4);
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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = lm_test_load_dataset ("england-2019");
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (dataset);
  g_autoptr(LmUncertainty) one = NULL;
  g_autoptr(LmUncertainty) two = NULL;
  g_autoptr(LmUncertainty) five = NULL;
  g_autoptr(LmUncertainty) again = NULL;
  g_autoptr(LmUncertainty) other = NULL;
  g_autoptr(LmUncertainty) split = NULL;
  gsize budget = _lm_uncertainty_keep_budget;
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

  /* A pass per index, each computing its own again: the same. */
  _lm_uncertainty_keep_budget = 1;
  split = run (dataset, sampler, 37, 42, 2);
  _lm_uncertainty_keep_budget = budget;
  assert_same_results (one, split, dataset);

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
  g_autoptr(LmDataset) dataset = lm_test_load_dataset ("england-2019");
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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
  g_autoptr(LmDataset) dataset = lm_test_load_quadria (&manifest);
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
