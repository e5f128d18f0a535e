/* test-aggregate.c — area aggregates and vote sums
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "lm-csv.h"
#include "lm-stats.h"
#include "lm-test-data.h"

static LmCsv *
load_table (const char *vintage,
            const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("LEVELMAP_DATA_DIR"), vintage, file, NULL);
  LmCsv *csv = lm_csv_load (path, &error);

  g_assert_no_error (error);
  return csv;
}

static void
test_imd_district_averages (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(LmCsv) summary = load_table ("england-2019", "imd2019_lad19_summary.csv");
  LmVariable *ours = lm_test_variable (model, "lad", "imd.score");
  g_autofree double *official = g_new (double, ours->level->n_areas);
  guint code_column, score_column;
  LmStats stats;

  g_assert_true (lm_csv_require_column (summary, "ltla19_code", &code_column, NULL));
  g_assert_true (lm_csv_require_column (summary, "Score", &score_column, NULL));
  for (guint i = 0; i < ours->level->n_areas; i++)
    official[i] = NAN;
  for (guint r = 0; r < lm_csv_get_n_rows (summary); r++)
    {
      int area = lm_level_find_area (ours->level, lm_csv_get (summary, r, code_column));
      g_assert_cmpint (area, >=, 0);
      g_assert_true (lm_csv_get_double (summary, r, score_column, &official[area], NULL));
    }
  lm_stats_compute (ours->values, official, NULL, ours->level->n_areas, &stats, NULL);
  g_test_message ("district IMD averages: n %u, r %.6f", stats.n, stats.pearson_r);
  g_assert_cmpuint (stats.n, ==, 317);
  g_assert_cmpfloat (stats.pearson_r, >=, 0.9999);
}

static void
check_votes (const char *vintage,
             guint       n_districts)
{
  g_autoptr(LmModel) model = lm_test_load_model (vintage);
  g_autoptr(LmCsv) results = load_table (vintage, "eu_referendum_2016.csv");
  guint code_column, leave_column, valid_column;
  double leave = 0, valid = 0;
  const char *levels[] = { "lad", "region" };

  g_assert_true (lm_csv_require_column (results, "Area_Code", &code_column, NULL));
  g_assert_true (lm_csv_require_column (results, "Leave", &leave_column, NULL));
  g_assert_true (lm_csv_require_column (results, "Valid_Votes", &valid_column, NULL));
  for (guint r = 0; r < lm_csv_get_n_rows (results); r++)
    {
      double l, v;
      if (lm_csv_get (results, r, code_column)[0] != 'E')
        continue;
      g_assert_true (lm_csv_get_double (results, r, leave_column, &l, NULL));
      g_assert_true (lm_csv_get_double (results, r, valid_column, &v, NULL));
      leave += l;
      valid += v;
    }

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      LmVariable *leave_votes = lm_test_variable (model, levels[l], "eu.leave_votes");
      LmVariable *valid_votes = lm_test_variable (model, levels[l], "eu.valid_votes");
      LmVariable *share = lm_test_variable (model, levels[l], "eu.leave_pct");
      double sum_leave = 0, sum_valid = 0;

      for (guint i = 0; i < share->level->n_areas; i++)
        {
          g_assert_false (isnan (share->values[i]));
          g_assert_cmpfloat (share->values[i], >, 0);
          g_assert_cmpfloat (share->values[i], <, 100);
          sum_leave += leave_votes->values[i];
          sum_valid += valid_votes->values[i];
        }
      g_assert_cmpfloat (sum_leave, ==, leave);
      g_assert_cmpfloat (sum_valid, ==, valid);
    }
  g_assert_cmpuint (lm_test_variable (model, "lad", "eu.leave_pct")->level->n_areas, ==, n_districts);
  g_test_message ("%s: England Leave %.0f of %.0f valid votes (%.2f%%)", vintage, leave, valid,
                  100 * leave / valid);
}

static void
test_votes_2019 (void)
{
  check_votes ("england-2019", 317);
}

static void
test_votes_2024 (void)
{
  check_votes ("england-2025", 296);
}

static void
test_merged_district_share (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmVariable *leave = lm_test_variable (model, "lad", "eu.leave_votes");
  LmVariable *valid = lm_test_variable (model, "lad", "eu.valid_votes");
  LmVariable *share = lm_test_variable (model, "lad", "eu.leave_pct");
  int dorset = lm_level_find_area (share->level, "E06000059");

  /* Dorset (2019) merged five 2016 districts: its share is the ratio of
   * summed votes, never an average of the five percentages. */
  g_assert_cmpint (dorset, >=, 0);
  g_assert_cmpfloat_with_epsilon (share->values[dorset],
                                  100 * leave->values[dorset] / valid->values[dorset], 1e-9);
}

static void
test_population_sums (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  LmDataset *dataset = lm_model_get_dataset (model);
  double totals[4] = { 0, 0, 0, 0 };

  for (guint k = 0; k < 4; k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);
      for (guint i = 0; i < level->n_areas; i++)
        totals[k] += level->population[i];
    }
  g_assert_cmpfloat (totals[0], >, 55e6);
  for (guint k = 1; k < 4; k++)
    g_assert_cmpfloat (totals[k], ==, totals[0]);
}

/* The load derives the variables of its large levels on two cores, a
 * part of them each; deriving them all again on one, in order, gives the
 * same values, bit for bit. */
static void
test_derived_on_two_cores (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2025");
  LmDataset *dataset = lm_model_get_dataset (model);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  guint n_compared = 0, v_all = 0;

  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);
      for (guint v = 0; v < level->variables->len; v++)
        {
          LmVariable *variable = g_ptr_array_index (level->variables, v);
          g_ptr_array_add (before, g_memdup2 (variable->values, sizeof (double) * MAX (level->n_areas, 1)));
        }
    }
  lm_dataset_aggregate (dataset, FALSE);
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);
      for (guint v = 0; v < level->variables->len; v++, v_all++)
        {
          LmVariable *variable = g_ptr_array_index (level->variables, v);
          const double *old = g_ptr_array_index (before, v_all);

          if (variable->native)
            continue;
          g_assert_cmpmem (old, sizeof (double) * level->n_areas,
                           variable->values, sizeof (double) * level->n_areas);
          n_compared++;
        }
    }
  /* Every level above the LSOAs has its means, ranks and deciles. */
  g_assert_cmpuint (n_compared, >, 40);
}

static void
test_not_pushed_down (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;

  g_assert_null (lm_model_find_variable (model, "lsoa", "cni.score", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_assert_nonnull (strstr (error->message, "not available at the level"));
  g_clear_error (&error);
  g_assert_null (lm_model_find_variable (model, "ward", "eu.leave_pct", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
}

/* A level's codes: each found where it was added, whatever the order
 * and the number added (through the hash's growth, with and without
 * room reserved), a code added again is the same area, and an area
 * without a name is named by its code until named. */
static void
test_level_codes (void)
{
  for (guint reserve = 0; reserve <= 1; reserve++)
    {
      LmLevel *level = lm_level_new ("test", NULL, 0);
      const guint n = 5000;

      if (reserve)
        lm_level_reserve_areas (level, n);
      for (guint i = 0; i < n; i++)
        {
          /* Codes that differ only in their last digits, out of order */
          g_autofree char *code = g_strdup_printf ("E0%07u", (i * 7919u) % n);

          g_assert_cmpuint (lm_level_add_area (level, code, i % 2 ? "Name" : NULL), ==, i);
        }
      g_assert_cmpuint (level->n_areas, ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *code = g_strdup_printf ("E0%07u", (i * 7919u) % n);

          g_assert_cmpint (lm_level_find_area (level, code), ==, (int) i);
          g_assert_cmpuint (lm_level_add_area (level, code, "Other"), ==, i);
          g_assert_cmpstr (level->codes[i], ==, code);
          g_assert_cmpstr (level->names[i], ==, i % 2 ? "Name" : code);
          g_assert_true (lm_level_is_unnamed (level, i) == (i % 2 == 0));
        }
      g_assert_cmpuint (level->n_areas, ==, n);
      g_assert_cmpint (lm_level_find_area (level, "E00005000"), ==, -1);
      g_assert_cmpint (lm_level_find_area (level, "E0000001"), ==, -1);
      g_assert_cmpint (lm_level_find_area (level, ""), ==, -1);
      lm_level_set_name (level, 0, "Somewhere");
      g_assert_cmpstr (level->names[0], ==, "Somewhere");
      g_assert_false (lm_level_is_unnamed (level, 0));
      g_assert_cmpstr (level->codes[0], ==, "E00000000");
      lm_level_free (level);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/aggregate/imd-district-averages", test_imd_district_averages);
  g_test_add_func ("/model/aggregate/votes-2019", test_votes_2019);
  g_test_add_func ("/model/aggregate/votes-2024", test_votes_2024);
  g_test_add_func ("/model/aggregate/merged-district", test_merged_district_share);
  g_test_add_func ("/model/aggregate/population", test_population_sums);
  g_test_add_func ("/model/aggregate/derived-on-two-cores", test_derived_on_two_cores);
  g_test_add_func ("/model/aggregate/not-pushed-down", test_not_pushed_down);
  g_test_add_func ("/model/level/codes", test_level_codes);
  return g_test_run ();
}
