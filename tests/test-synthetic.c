/* test-synthetic.c — a made-up country through the model, numbers worked
 * out here from its inputs
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include "lm-model.h"
#include "lm-synthetic.h"

#define N_PARISHES LM_SYNTHETIC_N_PARISHES
#define N_CANTONS  LM_SYNTHETIC_N_CANTONS
#define N_PROVINCES LM_SYNTHETIC_N_PROVINCES
#define EPSILON 1e-9

static char *manifest;

/* What Quadria's numbers must be, from its inputs alone. */
typedef struct
{
  double hdx_parish[N_PARISHES];
  double hdx_rank_parish[N_PARISHES];
  double hdx_canton[N_CANTONS];
  double hdx_rank_canton[N_CANTONS];
  double sfi_canton[N_CANTONS];
  double sfi_province[N_PROVINCES];
  double yes_canton[N_CANTONS];
  double yes_province[N_PROVINCES];
  double turnout_province[N_PROVINCES];
  gboolean stranded[N_CANTONS];
} Expected;

static double
canton_population (guint canton)
{
  double sum = 0;

  for (guint p = 0; p < N_PARISHES; p++)
    if (lm_synthetic_canton_of (p) == canton)
      sum += lm_synthetic_population (p);
  return sum;
}

/* The worst @percent of @values (largest first) by count, as floor (n P / 100). */
static void
worst_percent (const double *values,
               guint         n,
               double        percent,
               gboolean     *out)
{
  double ranks[N_PARISHES];
  guint cutoff = (guint) floor (n * percent / 100.0 + 1e-9);

  lm_synthetic_rank (values, n, ranks);
  for (guint i = 0; i < n; i++)
    out[i] = ranks[i] <= cutoff;
}

/* @wages_weight: the hardship index's wages weight (2 in the manifest). */
static void
work_out (Expected *e,
          double    wages_weight)
{
  double schooling[N_PARISHES], schooling_rank[N_PARISHES];
  double weight_sum = wages_weight + 1 + 1;
  gboolean worst_sfi[N_CANTONS], worst_hdx[N_CANTONS];

  /* The schooling domain is a score: ranked first, highest = 1. */
  for (guint p = 0; p < N_PARISHES; p++)
    schooling[p] = lm_synthetic_schooling_score (p);
  lm_synthetic_rank (schooling, N_PARISHES, schooling_rank);
  for (guint p = 0; p < N_PARISHES; p++)
    e->hdx_parish[p] = 1.0 * (wages_weight * lm_synthetic_exp_score (lm_synthetic_wages_rank (p), N_PARISHES) +
                              lm_synthetic_exp_score (schooling_rank[p], N_PARISHES) +
                              lm_synthetic_exp_score (lm_synthetic_air_rank (p), N_PARISHES)) / weight_sum;
  lm_synthetic_rank (e->hdx_parish, N_PARISHES, e->hdx_rank_parish);

  /* Population-weighted means of the parishes; shares from summed votes. */
  for (guint k = 0; k < N_CANTONS; k++)
    {
      double sum = 0, electorate, ballots, valid, yes;

      for (guint p = 0; p < N_PARISHES; p++)
        if (lm_synthetic_canton_of (p) == k)
          sum += lm_synthetic_population (p) * e->hdx_parish[p];
      e->hdx_canton[k] = sum / canton_population (k);
      e->sfi_canton[k] = 2.0 * (lm_synthetic_exp_score (lm_synthetic_clubs_rank (k), N_CANTONS) +
                                lm_synthetic_exp_score (lm_synthetic_trust_rank (k), N_CANTONS)) / 2;
      lm_synthetic_votes (k, &electorate, &ballots, &valid, &yes);
      e->yes_canton[k] = 100 * yes / valid;
    }
  lm_synthetic_rank (e->hdx_canton, N_CANTONS, e->hdx_rank_canton);
  for (guint v = 0; v < N_PROVINCES; v++)
    {
      double people = 0, fabric = 0, sum_yes = 0, sum_valid = 0, sum_ballots = 0, sum_electorate = 0;

      for (guint k = 0; k < N_CANTONS; k++)
        {
          double electorate, ballots, valid, yes;

          if (lm_synthetic_province_of (k) != v)
            continue;
          lm_synthetic_votes (k, &electorate, &ballots, &valid, &yes);
          people += canton_population (k);
          fabric += canton_population (k) * e->sfi_canton[k];
          sum_yes += yes;
          sum_valid += valid;
          sum_ballots += ballots;
          sum_electorate += electorate;
        }
      e->sfi_province[v] = fabric / people;
      e->yes_province[v] = 100 * sum_yes / sum_valid;
      e->turnout_province[v] = 100 * sum_ballots / sum_electorate;
    }

  /* Stranded: the worst 34% of 9 cantons (3) on both indices. */
  worst_percent (e->sfi_canton, N_CANTONS, 34, worst_sfi);
  worst_percent (e->hdx_canton, N_CANTONS, 34, worst_hdx);
  for (guint k = 0; k < N_CANTONS; k++)
    e->stranded[k] = worst_sfi[k] && worst_hdx[k];
}

static LmModel *
load_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);

  g_assert_no_error (error);
  return lm_model_new (dataset);
}

static LmVariable *
variable (LmModel    *model,
          const char *level,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  LmVariable *found = lm_model_find_variable (model, level, id, &error);

  g_assert_no_error (error);
  return found;
}

static void
assert_values (LmVariable   *variable,
               const double *expected,
               guint         n,
               double        epsilon)
{
  g_assert_cmpuint (variable->level->n_areas, ==, n);
  for (guint i = 0; i < n; i++)
    if (fabs (variable->values[i] - expected[i]) > epsilon)
      g_error ("%s of %s: %.12g, expected %.12g", variable->id, variable->level->codes[i],
               variable->values[i], expected[i]);
}

static void
test_levels (void)
{
  g_autoptr(LmModel) model = load_model ();
  LmDataset *dataset = lm_model_get_dataset (model);
  LmLevel *parish = lm_dataset_get_level (dataset, 0);
  LmLevel *canton = lm_dataset_get_level (dataset, 1);
  LmLevel *province = lm_dataset_get_level (dataset, 2);
  g_autofree char *column = lm_level_dup_column_name (province);
  g_autofree char *name = lm_synthetic_parish_name (7);

  g_assert_cmpstr (lm_dataset_get_id (dataset), ==, "quadria");
  g_assert_cmpstr (lm_dataset_get_title (dataset), ==, "Quadria 2024");
  g_assert_cmpuint (lm_dataset_get_n_levels (dataset), ==, 3);
  g_assert_cmpuint (parish->n_areas, ==, N_PARISHES);
  g_assert_cmpuint (canton->n_areas, ==, N_CANTONS);
  g_assert_cmpuint (province->n_areas, ==, N_PROVINCES);
  g_assert_cmpstr (parish->names[7], ==, name);
  g_assert_cmpstr (canton->names[4], ==, lm_synthetic_canton_name (4));
  g_assert_cmpstr (province->names[2], ==, lm_synthetic_province_name (2));
  g_assert_cmpint (lm_level_get_ancestor (parish, 7, province), ==, 0);
  g_assert_cmpint (lm_level_get_ancestor (parish, 35, canton), ==, 8);

  g_assert_cmpstr (lm_level_get_singular (parish), ==, "parish");
  g_assert_cmpstr (lm_level_get_plural (parish), ==, "parishes");
  g_assert_cmpstr (lm_level_get_heading (canton), ==, "Canton");
  g_assert_cmpstr (column, ==, "province");
  g_assert_cmpstr (lm_dataset_get_default_variable (dataset), ==, "hdx.score");
  g_assert_true (lm_dataset_get_context_level (dataset) == province);
  g_assert_true (lm_dataset_get_context_for (dataset, parish) == province);
  g_assert_null (lm_dataset_get_context_for (dataset, province));
  g_assert_cmpstr (lm_dataset_get_attribution_line (dataset), ==,
                   "Quadria Statistical Office; Fabric: Guild of Quadria");
  g_assert_cmpuint (g_strv_length ((char **) lm_dataset_get_attributions (dataset)), ==, 3);

  for (guint k = 0; k < province->n_areas; k++)
    {
      double people = 0;

      for (guint c = 0; c < N_CANTONS; c++)
        if (lm_synthetic_province_of (c) == k)
          people += canton_population (c);
      g_assert_cmpfloat (province->population[k], ==, people);
    }
}

static void
test_indices (void)
{
  g_autoptr(LmModel) model = load_model ();
  Expected e;
  double deciles[N_PARISHES];

  work_out (&e, 2);
  /* Two hand-checked corners of the transformation: rank 1 scores 100,
   * the last rank of 36 scores -23 ln (1 - (1 - e^(-100/23)) / 36). */
  g_assert_cmpfloat_with_epsilon (lm_synthetic_exp_score (1, 36), 100.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lm_synthetic_exp_score (36, 36), 0.63943, 1e-5);

  assert_values (variable (model, "parish", "hdx.score"), e.hdx_parish, N_PARISHES, EPSILON);
  assert_values (variable (model, "parish", "hdx.rank"), e.hdx_rank_parish, N_PARISHES, 0);
  for (guint p = 0; p < N_PARISHES; p++)
    deciles[p] = ceil (10.0 * e.hdx_rank_parish[p] / N_PARISHES);
  assert_values (variable (model, "parish", "hdx.decile"), deciles, N_PARISHES, 0);
  assert_values (variable (model, "canton", "hdx.score"), e.hdx_canton, N_CANTONS, EPSILON);
  assert_values (variable (model, "canton", "hdx.rank"), e.hdx_rank_canton, N_CANTONS, 0);
  assert_values (variable (model, "canton", "sfi.score"), e.sfi_canton, N_CANTONS, EPSILON);
  assert_values (variable (model, "province", "sfi.score"), e.sfi_province, N_PROVINCES, EPSILON);

  /* Values are never pushed down a level. */
  g_assert_null (lm_dataset_find_variable (lm_model_get_dataset (model), "parish", "sfi.score"));
}

static void
test_plebiscite (void)
{
  g_autoptr(LmModel) model = load_model ();
  LmDataset *dataset = lm_model_get_dataset (model);
  const LmElection *election;
  Expected e;

  work_out (&e, 2);
  g_assert_cmpuint (lm_dataset_get_n_elections (dataset), ==, 1);
  election = lm_dataset_get_election (dataset, 0);
  g_assert_cmpstr (election->title, ==, "Canal plebiscite 2023");
  g_assert_cmpstr (election->option_title, ==, "Yes");
  g_assert_cmpstr (election->share, ==, "plebiscite.yes_pct");
  g_assert_cmpstr (variable (model, "canton", election->share)->title, ==, "Yes to the canal (%)");
  g_assert_true (variable (model, "province", "plebiscite.yes_votes")->auxiliary);
  /* Joined by code without a lookup; the row for K99 is left out. */
  assert_values (variable (model, "canton", "plebiscite.yes_pct"), e.yes_canton, N_CANTONS, 1e-12);
  assert_values (variable (model, "province", "plebiscite.yes_pct"), e.yes_province, N_PROVINCES, 1e-12);
  assert_values (variable (model, "province", "plebiscite.turnout_pct"), e.turnout_province,
                 N_PROVINCES, 1e-12);
  g_assert_null (lm_dataset_find_variable (dataset, "parish", "plebiscite.yes_pct"));
}

static void
assert_stranded (LmModel        *model,
                 const Expected *e)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));
  guint n = 0;

  g_assert_cmpstr (rule->flag->id, ==, "stranded");
  g_assert_cmpstr (rule->flag->title, ==, "Stranded");
  g_assert_cmpstr (rule->level->id, ==, "canton");
  for (guint k = 0; k < N_CANTONS; k++)
    {
      g_assert_cmpfloat (rule->flag->values[k], ==, e->stranded[k] ? 1 : 0);
      n += e->stranded[k];
    }
  /* The inputs were chosen so the rule picks somebody. */
  g_assert_cmpuint (n, >, 0);
}

static void
test_left_behind_and_weights (void)
{
  g_autoptr(LmModel) model = load_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;
  Expected official, changed;
  guint n_entered = 0, n_left = 0;

  work_out (&official, 2);
  assert_stranded (model, &official);

  /* Take wages out of the hardship index: every number follows. */
  g_assert_true (lm_model_parse_weight (model, "hdx.wages=0", &error));
  g_assert_no_error (error);
  work_out (&changed, 0);
  assert_values (variable (model, "parish", "hdx.score"), changed.hdx_parish, N_PARISHES, EPSILON);
  assert_values (variable (model, "canton", "hdx.rank"), changed.hdx_rank_canton, N_CANTONS, 0);
  assert_stranded (model, &changed);

  entered = lm_model_get_left_behind_changes (model, TRUE);
  left = lm_model_get_left_behind_changes (model, FALSE);
  for (guint k = 0; k < N_CANTONS; k++)
    {
      n_entered += changed.stranded[k] && !official.stranded[k];
      n_left += official.stranded[k] && !changed.stranded[k];
    }
  g_assert_cmpuint (entered->len, ==, n_entered);
  g_assert_cmpuint (left->len, ==, n_left);
  g_assert_cmpuint (n_entered + n_left, >, 0);
}

static void
test_reports (void)
{
  g_autoptr(LmModel) model = load_model ();
  LmDataset *dataset = lm_model_get_dataset (model);
  const LmReportPreset *preset;
  const LmStats *stats;
  Expected e;

  work_out (&e, 2);
  g_assert_cmpuint (lm_dataset_get_n_reports (dataset), ==, 2);
  preset = lm_dataset_get_report (dataset, 0);
  g_assert_cmpstr (preset->id, ==, "yes-hdx");
  g_assert_cmpstr (preset->title, ==, "Canal vote against hardship (cantons)");
  g_assert_cmpint (lm_dataset_find_report (dataset, "hdx-sfi"), ==, 1);
  g_assert_cmpint (lm_dataset_find_report (dataset, "leave-imd"), ==, -1);

  stats = lm_model_get_report_stats (model, 0);
  g_assert_cmpuint (stats->n, ==, N_CANTONS);
  g_assert_cmpfloat_with_epsilon (stats->pearson_r,
                                  lm_synthetic_pearson (e.hdx_canton, e.yes_canton, N_CANTONS), 1e-9);
  stats = lm_model_get_report_stats (model, 1);
  g_assert_cmpfloat_with_epsilon (stats->pearson_r,
                                  lm_synthetic_pearson (e.sfi_canton, e.hdx_canton, N_CANTONS), 1e-9);

  /* The statistics follow the weights. */
  work_out (&e, 0);
  g_assert_true (lm_model_parse_weight (model, "hdx.wages=0", NULL));
  g_assert_cmpfloat_with_epsilon (lm_model_get_report_stats (model, 0)->pearson_r,
                                  lm_synthetic_pearson (e.hdx_canton, e.yes_canton, N_CANTONS), 1e-9);
}

/* Every name the model gives Quadria is Quadria's own. */
static void
test_no_english (void)
{
  g_autoptr(LmModel) model = load_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *weights = NULL;
  LmDataset *dataset = lm_model_get_dataset (model);

  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);

      lm_synthetic_assert_no_foreign_words (level->title, "a level title");
      lm_synthetic_assert_no_foreign_words (lm_level_get_plural (level), "a level's plural");
      lm_synthetic_assert_no_foreign_words (lm_level_get_heading (level), "a level's heading");
      for (guint v = 0; v < level->variables->len; v++)
        {
          LmVariable *var = g_ptr_array_index (level->variables, v);

          lm_synthetic_assert_no_foreign_words (var->id, "a variable id");
          lm_synthetic_assert_no_foreign_words (var->title, "a variable title");
        }
    }
  for (guint r = 0; r < lm_dataset_get_n_reports (dataset); r++)
    lm_synthetic_assert_no_foreign_words (lm_dataset_get_report (dataset, r)->title, "a report title");
  lm_synthetic_assert_no_foreign_words (lm_dataset_get_attribution_line (dataset), "the credit line");

  g_assert_true (lm_model_parse_weight (model, "sfi.trust=3", NULL));
  weights = lm_model_describe_weights (model);
  lm_synthetic_assert_no_foreign_words (weights, "the weights' description");

  /* Mistakes are explained in Quadria's terms too. */
  g_assert_null (lm_model_find_variable (model, "ward", "hdx.score", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_LEVEL);
  g_assert_nonnull (strstr (error->message, "parish, canton, province"));
  g_clear_error (&error);
  g_assert_null (lm_model_find_variable (model, "parish", "sfi.score", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  lm_synthetic_assert_no_foreign_words (error->message, "an error");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  manifest = lm_synthetic_write ();
  g_test_add_func ("/model/synthetic/levels", test_levels);
  g_test_add_func ("/model/synthetic/indices", test_indices);
  g_test_add_func ("/model/synthetic/plebiscite", test_plebiscite);
  g_test_add_func ("/model/synthetic/left-behind-and-weights", test_left_behind_and_weights);
  g_test_add_func ("/model/synthetic/reports", test_reports);
  g_test_add_func ("/model/synthetic/no-english", test_no_english);
  status = g_test_run ();
  lm_synthetic_remove (manifest);
  g_free (manifest);
  return status;
}
