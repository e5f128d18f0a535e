/* test-left-behind.c — the left-behind rules reproduce OCSI's flags
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "lm-test-data.h"

typedef struct
{
  guint ours;
  guint theirs;
  guint both;
} Overlap;

static Overlap
overlap (LmModel *model)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));
  LmVariable *flag = lm_test_variable (model, rule->level->id, "left_behind");
  LmVariable *published = lm_test_variable (model, rule->level->id, rule->published);
  Overlap o = { 0, 0, 0 };

  for (guint i = 0; i < rule->level->n_areas; i++)
    {
      gboolean a = flag->values[i] == 1, b = published->values[i] == 1;
      o.ours += a;
      o.theirs += b;
      o.both += a && b;
    }
  return o;
}

static void
test_2025_exact (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2025");
  LmVariable *flag = lm_test_variable (model, "lsoa", "left_behind");
  LmVariable *published = lm_test_variable (model, "lsoa", "cni.official_left_behind");
  Overlap o = overlap (model);

  g_assert_cmpuint (o.theirs, ==, 1262);
  g_assert_cmpuint (o.ours, ==, 1262);
  g_assert_cmpuint (o.both, ==, 1262);
  for (guint i = 0; i < flag->level->n_areas; i++)
    g_assert_cmpfloat (flag->values[i], ==, published->values[i]);
}

static void
test_2019_jaccard (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  Overlap o = overlap (model);
  double jaccard = (double) o.both / (o.ours + o.theirs - o.both);

  g_test_message ("2019: ours %u, OCSI %u, both %u, Jaccard %.4f", o.ours, o.theirs, o.both, jaccard);
  g_assert_cmpuint (o.theirs, ==, 225);
  g_assert_cmpfloat (jaccard, >=, 0.9);
}

static void
test_threshold_changes_set (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;
  Overlap before = overlap (model), after;

  /* Widening the CNI cut-off to 20% can only add areas. */
  g_assert_true (lm_model_set_left_behind_threshold (model, 0, 20, &error));
  g_assert_no_error (error);
  after = overlap (model);
  g_assert_cmpuint (after.ours, >, before.ours);
  entered = lm_model_get_left_behind_changes (model, TRUE);
  left = lm_model_get_left_behind_changes (model, FALSE);
  g_assert_cmpuint (entered->len, ==, after.ours - before.ours);
  g_assert_cmpuint (left->len, ==, 0);

  g_assert_false (lm_model_set_left_behind_threshold (model, 0, 0, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT);
}

static void
test_weights_move_the_set (void)
{
  g_autoptr(LmModel) model = lm_test_load_model ("england-2019");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;

  g_assert_true (lm_model_set_weight (model, "imd", "income", 60, &error));
  g_assert_no_error (error);
  entered = lm_model_get_left_behind_changes (model, TRUE);
  left = lm_model_get_left_behind_changes (model, FALSE);
  g_test_message ("income 60: %u wards entered, %u left", entered->len, left->len);
  g_assert_cmpuint (entered->len + left->len, >, 0);

  lm_model_reset_weights (model, NULL);
  g_clear_pointer (&entered, g_array_unref);
  entered = lm_model_get_left_behind_changes (model, TRUE);
  g_assert_cmpuint (entered->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/left-behind/2025-exact", test_2025_exact);
  g_test_add_func ("/model/left-behind/2019-jaccard", test_2019_jaccard);
  g_test_add_func ("/model/left-behind/threshold", test_threshold_changes_set);
  g_test_add_func ("/model/left-behind/weights", test_weights_move_the_set);
  return g_test_run ();
}
