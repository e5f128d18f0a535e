/* test-index.c — the index engine reproduces the published indices
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>

#include "lm-rank.h"
#include "lm-test-data.h"

static void
test_exponential_transform (void)
{
  g_assert_cmpfloat_with_epsilon (lm_rank_exponential (1, 32844), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_rank_exponential (32844, 32844), 0.0, 0.01);
  /* The median area: -23 ln (1 - 0.5 (1 - e^{-100/23})) */
  g_assert_cmpfloat_with_epsilon (lm_rank_exponential (16422.5, 32844),
                                  -23 * log (1 - 0.5 * (1 - exp (-100.0 / 23))), 1e-3);
}

static void
test_imd_2019_ranks (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmVariable *rank = lm_test_variable (model, "lsoa", "imd.rank");
  LmVariable *published = lm_test_variable (model, "lsoa", "imd.official_rank");
  LmVariable *decile = lm_test_variable (model, "lsoa", "imd.decile");
  LmVariable *published_decile = lm_test_variable (model, "lsoa", "imd.official_decile");
  double max_diff, share;
  guint n;

  share = lm_test_agreement (rank, published, &max_diff, &n);
  g_test_message ("IMD 2019: %.4f%% of %u ranks exact, at most %.0f places off", 100 * share, n, max_diff);
  g_assert_cmpuint (n, ==, 32844);
  g_assert_cmpfloat (share, >=, 0.995);
  g_assert_cmpfloat (max_diff, <=, 2);
  share = lm_test_agreement (decile, published_decile, NULL, NULL);
  g_assert_cmpfloat (share, >=, 0.999);
}

static void
test_imd_2025_scores (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2025");
  LmVariable *score = lm_test_variable (model, "lsoa", "imd.score");
  LmVariable *published = lm_test_variable (model, "lsoa", "imd.official_score");
  LmVariable *rank = lm_test_variable (model, "lsoa", "imd.rank");
  LmVariable *published_rank = lm_test_variable (model, "lsoa", "imd.official_rank");
  double max_diff = 0, rank_diff;
  guint n = 0;

  for (guint i = 0; i < score->level->n_areas; i++)
    {
      g_assert_false (isnan (score->values[i]));
      max_diff = MAX (max_diff, fabs (score->values[i] - published->values[i]));
      n++;
    }
  g_test_message ("IMD 2025: %u scores, largest difference %.5f", n, max_diff);
  g_assert_cmpuint (n, ==, 33755);
  g_assert_cmpfloat (max_diff, <=, 0.001);
  g_assert_cmpfloat (lm_test_agreement (rank, published_rank, &rank_diff, NULL), >=, 0.9999);
  g_assert_cmpfloat (rank_diff, <=, 1);
}

static void
check_cni (const char *id,
           const char *level,
           guint       expected_n)
{
  g_autoptr(LmModel) model = lm_test_load_model (id);
  LmVariable *rank = lm_test_variable (model, level, "cni.rank");
  LmVariable *published = lm_test_variable (model, level, "cni.official_rank");
  double max_diff, share;
  guint n;

  share = lm_test_agreement (rank, published, &max_diff, &n);
  g_test_message ("CNI %s: %.4f%% of %u ranks exact, at most %.0f places off", id, 100 * share, n, max_diff);
  g_assert_cmpuint (n, ==, expected_n);
  g_assert_cmpfloat (share, >=, 0.995);
  g_assert_cmpfloat (max_diff, <=, 3);
}

static void
test_cni_2019_ranks (void)
{
  check_cni ("england-2019", "ward", 7433);
}

static void
test_cni_2023_ranks (void)
{
  check_cni ("england-2025", "lsoa", 33755);
}

static void
test_cni_2019_scores (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmVariable *score = lm_test_variable (model, "ward", "cni.score");
  LmVariable *published = lm_test_variable (model, "ward", "cni.official_score");
  double max_diff = 0;

  /* Each published domain score is the exponential score of its rank to
   * within 0.01, so the sum of three is within 0.03. */
  for (guint i = 0; i < score->level->n_areas; i++)
    if (!isnan (published->values[i]))
      max_diff = MAX (max_diff, fabs (score->values[i] - published->values[i]));
  g_test_message ("CNI 2019: largest score difference %.4f", max_diff);
  g_assert_cmpfloat (max_diff, <=, 0.03);
}

/* The scores of whole ranks taken from a shared table are the scores
 * computed one by one, bit for bit; ranks the table cannot give (missing,
 * not whole, a table for another N) are computed as before. */
static void
test_exp_table (void)
{
  const double ranks[] = { 1, 2, 2, 4, NAN, 6, 7, 7.5, 8 };
  const guint n = G_N_ELEMENTS (ranks);
  guint n_ranked = lm_index_count_ranked (ranks, n);
  g_autofree double *table = lm_index_exp_table (n_ranked);
  g_autofree double *other = lm_index_exp_table (n_ranked + 1);
  g_autofree double *direct = lm_index_exp_scores (ranks, n, NULL, 0);
  g_autofree double *shared = lm_index_exp_scores (ranks, n, table, n_ranked);
  g_autofree double *mismatched = lm_index_exp_scores (ranks, n, other, n_ranked + 1);

  g_assert_cmpuint (n_ranked, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      /* -23 ln (1 - R (1 - e^(-100/23))), R = (N - rank + 1) / N */
      double expected = -23 * log (1 - (n_ranked - ranks[i] + 1) / n_ranked *
                                       (1 - exp (-100.0 / 23)));

      if (isnan (ranks[i]))
        g_assert_true (isnan (direct[i]));
      else
        g_assert_cmpfloat_with_epsilon (direct[i], expected, 1e-9);
      g_assert_cmpmem (&shared[i], sizeof (double), &direct[i], sizeof (double));
      g_assert_cmpmem (&mismatched[i], sizeof (double), &direct[i], sizeof (double));
    }
  g_assert_cmpfloat_with_epsilon (direct[0], 100, 1e-9);
}

/* An index of many areas is computed on two cores: each area's score is
 * still the weighted sum of its domains, summed in domain order. */
static void
test_index_many_areas (void)
{
  const guint n = 150001;
  const double weights[] = { 2, 0, 1.5 };
  LmLevel *level = lm_level_new ("piece", NULL, 0);
  LmIndex *index;
  g_autofree double *scores = g_new (double, n);

  for (guint a = 0; a < n; a++)
    {
      g_autofree char *code = g_strdup_printf ("P%06u", a);
      lm_level_add_area (level, code, NULL);
    }
  index = lm_index_new ("test", "Test", level, 0.5);
  for (guint d = 0; d < G_N_ELEMENTS (weights); d++)
    {
      double *exp_scores = g_new (double, n);
      g_autofree char *id = g_strdup_printf ("d%u", d);

      for (guint a = 0; a < n; a++)
        exp_scores[a] = a % 1000 == d ? NAN : fmod (a * (d + 1) * 0.37, 100);
      lm_index_add_domain (index, id, NULL, weights[d], exp_scores);
    }
  lm_index_compute_weights (index, weights, scores);
  for (guint a = 0; a < n; a++)
    {
      const double *x0 = ((LmIndexDomain *) g_ptr_array_index (index->domains, 0))->exp_scores;
      const double *x2 = ((LmIndexDomain *) g_ptr_array_index (index->domains, 2))->exp_scores;
      double expected = 0.5 * 2 / 3.5 * x0[a];

      expected += 0.5 * 1.5 / 3.5 * x2[a];
      if (isnan (expected))
        g_assert_true (isnan (scores[a]));
      else
        g_assert_cmpmem (&scores[a], sizeof (double), &expected, sizeof (double));
    }
  lm_index_free (index);
  lm_level_free (level);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/index/exponential", test_exponential_transform);
  g_test_add_func ("/model/index/exp-table", test_exp_table);
  g_test_add_func ("/model/index/many-areas", test_index_many_areas);
  g_test_add_func ("/model/index/imd-2019-ranks", test_imd_2019_ranks);
  g_test_add_func ("/model/index/imd-2025-scores", test_imd_2025_scores);
  g_test_add_func ("/model/index/cni-2019-ranks", test_cni_2019_ranks);
  g_test_add_func ("/model/index/cni-2019-scores", test_cni_2019_scores);
  g_test_add_func ("/model/index/cni-2023-ranks", test_cni_2023_ranks);
  return g_test_run ();
}
