/* test-weights.c — weights change the index as they should
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "lm-test-data.h"

static guint recomputed_count;

static void
on_recomputed (LmModel *model)
{
  recomputed_count++;
}

/* The mean composite rank of the 1,000 areas ranked worst on a domain. */
static double
mean_rank_of_worst (LmModel    *model,
                    const char *domain)
{
  LmVariable *rank = lm_test_variable (model, "lsoa", "imd.rank");
  LmVariable *domain_score = lm_test_variable (model, "lsoa", domain);
  double sum = 0;
  guint n = 0;

  /* Exponential score above 75 is roughly the worst 3% on that domain. */
  for (guint i = 0; i < rank->level->n_areas; i++)
    if (domain_score->values[i] > 75)
      {
        sum += rank->values[i];
        n++;
      }
  g_assert_cmpuint (n, >, 500);
  return sum / n;
}

static void
test_raising_weight_moves_areas_up (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  double before = mean_rank_of_worst (model, "imd.crime");
  double after;

  g_assert_true (lm_model_set_weight (model, "imd", "crime", 40, &error));
  g_assert_no_error (error);
  after = mean_rank_of_worst (model, "imd.crime");
  g_test_message ("mean IMD rank of the worst areas on crime: %.0f -> %.0f", before, after);
  g_assert_cmpfloat (after, <, before * 0.8);
  g_assert_false (lm_model_weights_are_default (model));
}

static void
test_weights_normalise (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  LmVariable *score = lm_test_variable (model, "lsoa", "imd.score");
  g_autofree double *official = g_memdup2 (score->values, sizeof (double) * score->level->n_areas);
  const double doubled[] = { 45, 45, 27, 27, 18.6, 18.6, 18.6 };

  /* Weights are relative: doubling all of them changes nothing. */
  g_assert_true (lm_model_set_weights (model, "imd", doubled, G_N_ELEMENTS (doubled), &error));
  g_assert_no_error (error);
  g_assert_true (lm_model_weights_are_default (model));
  for (guint i = 0; i < score->level->n_areas; i++)
    g_assert_cmpfloat_with_epsilon (score->values[i], official[i], 1e-9);
}

static void
test_zero_weight (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  LmVariable *score = lm_test_variable (model, "ward", "cni.score");
  LmVariable *civic = lm_test_variable (model, "ward", "cni.civic_assets");
  LmVariable *connected = lm_test_variable (model, "ward", "cni.connectedness");

  g_assert_true (lm_model_set_weight (model, "cni", "engaged_community", 0, &error));
  g_assert_no_error (error);
  /* Two equal weights of 1/2 each, times the scale of 3. */
  for (guint i = 0; i < score->level->n_areas; i++)
    if (!isnan (score->values[i]))
      g_assert_cmpfloat_with_epsilon (score->values[i],
                                      1.5 * (civic->values[i] + connected->values[i]), 1e-9);
}

static void
test_all_zero_rejected (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  const double zeros[] = { 0, 0, 0 };

  g_assert_true (lm_model_set_weight (model, "cni", "civic_assets", 0, NULL));
  g_assert_true (lm_model_set_weight (model, "cni", "connectedness", 0, NULL));
  g_assert_false (lm_model_set_weight (model, "cni", "engaged_community", 0, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_ALL_ZERO);
  g_assert_cmpfloat (lm_model_get_weight (model, "cni", "engaged_community"), ==, 1);
  g_clear_error (&error);
  g_assert_false (lm_model_set_weights (model, "cni", zeros, 3, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_ALL_ZERO);
  g_clear_error (&error);
  g_assert_false (lm_model_set_weight (model, "cni", "civic_assets", -1, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT);
  g_clear_error (&error);
  g_assert_false (lm_model_parse_weight (model, "imd.nonsense=3", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_DOMAIN);
  g_assert_nonnull (strstr (error->message, "imd.income"));
  g_clear_error (&error);
  g_assert_false (lm_model_parse_weight (model, "xyz.income=3", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_INDEX);
}

static void
test_signal_and_freeze (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");

  recomputed_count = 0;
  g_signal_connect (model, "recomputed", G_CALLBACK (on_recomputed), NULL);
  g_assert_true (lm_model_parse_weight (model, "imd.income=30", NULL));
  g_assert_cmpuint (recomputed_count, ==, 1);
  /* The same weight again is no change. */
  g_assert_true (lm_model_parse_weight (model, "imd.income=30", NULL));
  g_assert_cmpuint (recomputed_count, ==, 1);
  lm_model_freeze (model);
  g_assert_true (lm_model_parse_weight (model, "imd.health=5", NULL));
  g_assert_true (lm_model_parse_weight (model, "imd.crime=5", NULL));
  g_assert_cmpuint (recomputed_count, ==, 1);
  lm_model_thaw (model);
  g_assert_cmpuint (recomputed_count, ==, 2);
}

static void
test_rank_change (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmVariable *change = lm_test_variable (model, "lad", "imd.rank_change");
  LmVariable *rank = lm_test_variable (model, "lad", "imd.rank");
  g_autofree double *official = g_memdup2 (rank->values, sizeof (double) * rank->level->n_areas);
  g_autofree char *description = NULL;
  gboolean moved = FALSE;

  for (guint i = 0; i < change->level->n_areas; i++)
    g_assert_cmpfloat (change->values[i], ==, 0);
  g_assert_true (lm_model_parse_weight (model, "imd.environment=50", NULL));
  for (guint i = 0; i < change->level->n_areas; i++)
    {
      g_assert_cmpfloat (change->values[i], ==, official[i] - rank->values[i]);
      moved |= change->values[i] != 0;
    }
  g_assert_true (moved);
  description = lm_model_describe_weights (model);
  g_assert_nonnull (description);
}

static void
test_reports (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmDataset *dataset = lm_model_get_dataset (model);
  int leave_imd = lm_dataset_find_report (dataset, "leave-imd");
  int leave_cni = lm_dataset_find_report (dataset, "leave-cni");
  int imd_cni = lm_dataset_find_report (dataset, "imd-cni");
  const LmStats *imd, *cni, *wards;

  /* The three figures of the 2019 analyses, as the manifest declares them. */
  g_assert_cmpuint (lm_dataset_get_n_reports (dataset), ==, 3);
  g_assert_cmpint (leave_imd, >=, 0);
  g_assert_cmpint (leave_cni, >=, 0);
  g_assert_cmpint (imd_cni, >=, 0);
  g_assert_cmpstr (lm_dataset_get_report (dataset, leave_cni)->level, ==, "lad");
  g_assert_cmpstr (lm_dataset_get_report (dataset, leave_cni)->x, ==, "cni.score");
  g_assert_cmpstr (lm_dataset_get_report (dataset, leave_cni)->y, ==, "eu.leave_pct");
  g_assert_cmpstr (lm_dataset_get_report (dataset, imd_cni)->level, ==, "ward");
  imd = lm_model_get_report_stats (model, leave_imd);
  cni = lm_model_get_report_stats (model, leave_cni);
  wards = lm_model_get_report_stats (model, imd_cni);

  g_test_message ("Leave~IMD r %.3f, Leave~CNI r %.3f, IMD~CNI (wards) r %.3f",
                  imd->pearson_r, cni->pearson_r, wards->pearson_r);
  g_assert_cmpuint (imd->n, ==, 317);
  /* The City of London and the Isles of Scilly have no CNI. */
  g_assert_cmpuint (cni->n, ==, 315);
  g_assert_cmpuint (wards->n, ==, 7427 - 6);
  /* The published finding: Leave goes with community need far more than
   * with deprivation. */
  g_assert_cmpfloat (fabs (cni->pearson_r), >, fabs (imd->pearson_r) + 0.1);
}

static void
test_undo_state (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) custom = NULL;
  LmVariable *rank = lm_test_variable (model, "lsoa", "imd.rank");
  g_autofree double *custom_ranks = NULL;

  g_assert_true (lm_model_parse_weight (model, "imd.income=40", NULL));
  g_assert_true (lm_model_parse_weight (model, "cni.connectedness=3", NULL));
  custom = lm_model_get_weights_state (model);
  custom_ranks = g_memdup2 (rank->values, sizeof (double) * rank->level->n_areas);

  /* Reset, then undo it: the custom weights and their ranks come back. */
  lm_model_reset_weights (model, NULL);
  g_assert_true (lm_model_weights_are_default (model));
  g_assert_true (lm_model_set_weights_state (model, custom, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 40);
  g_assert_cmpfloat (lm_model_get_weight (model, "cni", "connectedness"), ==, 3);
  for (guint i = 0; i < rank->level->n_areas; i++)
    g_assert_cmpfloat (rank->values[i], ==, custom_ranks[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/weights/raise-moves-up", test_raising_weight_moves_areas_up);
  g_test_add_func ("/model/weights/normalise", test_weights_normalise);
  g_test_add_func ("/model/weights/zero", test_zero_weight);
  g_test_add_func ("/model/weights/all-zero", test_all_zero_rejected);
  g_test_add_func ("/model/weights/signal", test_signal_and_freeze);
  g_test_add_func ("/model/weights/rank-change", test_rank_change);
  g_test_add_func ("/model/weights/reports", test_reports);
  g_test_add_func ("/model/weights/undo-state", test_undo_state);
  return g_test_run ();
}
