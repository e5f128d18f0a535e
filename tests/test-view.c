/* test-view.c — the view state: notify, refusals, the data's corrections,
 * snapshots (copy, equal, diff, apply)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib.h>

#include "lm-view.h"

#include "lm-test-data.h"

static LmModel *shared_model;

/* Notifications of one view, by property name, and "changed" emissions. */
typedef struct
{
  GHashTable *notified;    /* name -> count */
  guint       changed;
  GPtrArray  *substituted; /* "wanted>shown" */
} Counter;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counter    *counter)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, pspec->name));

  g_hash_table_insert (counter->notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
on_changed (LmView  *view,
            Counter *counter)
{
  counter->changed++;
}

static void
on_substituted (LmView     *view,
                const char *wanted,
                const char *shown,
                Counter    *counter)
{
  g_ptr_array_add (counter->substituted, g_strconcat (wanted, ">", shown, NULL));
}

static void
counter_watch (Counter *counter,
               LmView  *view)
{
  counter->notified = g_hash_table_new (g_str_hash, g_str_equal);
  counter->substituted = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (view, "notify", G_CALLBACK (on_notify), counter);
  g_signal_connect (view, "changed", G_CALLBACK (on_changed), counter);
  g_signal_connect (view, "variable-substituted", G_CALLBACK (on_substituted), counter);
}

static guint
count (Counter    *counter,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, name));
}

static guint
total (Counter *counter)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, counter->notified);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  return n;
}

static void
counter_reset (Counter *counter)
{
  g_hash_table_remove_all (counter->notified);
  g_ptr_array_set_size (counter->substituted, 0);
  counter->changed = 0;
}

static void
counter_clear (Counter *counter)
{
  g_clear_pointer (&counter->notified, g_hash_table_unref);
  g_clear_pointer (&counter->substituted, g_ptr_array_unref);
}

static LmModel *
get_model (void)
{
  if (shared_model == NULL)
    shared_model = lm_test_load_model ("england-2019");
  /* Every test starts from the official state. */
  lm_model_reset_weights (shared_model, NULL);
  lm_model_freeze (shared_model);
  {
    LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (shared_model));

    for (guint i = 0; i < rule->criteria->len; i++)
      {
        LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);

        lm_model_set_left_behind_threshold (shared_model, i, criterion->default_value, NULL);
      }
  }
  lm_model_thaw (shared_model);
  lm_selection_clear (lm_model_get_selection (shared_model));
  return shared_model;
}

static LmViewSnapshot *
snapshot_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) settings = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
  LmViewSnapshot *snapshot;

  g_assert_no_error (error);
  snapshot = lm_view_snapshot_new_from_variant (settings, &error);
  g_assert_no_error (error);
  return snapshot;
}

/* Without data */

static void
test_defaults (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(GVariant) weights = lm_view_get_weights (view);

  g_assert_null (lm_view_get_model (view));
  g_assert_null (lm_view_get_dataset (view));
  g_assert_null (lm_view_get_level (view));
  g_assert_cmpstr (lm_view_get_method (view), ==, "quantile");
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 5);
  g_assert_true (lm_view_get_show_left_behind (view));
  g_assert_false (lm_view_get_weighted (view));
  g_assert_null (lm_view_get_palette (view));
  g_assert_null (lm_view_get_extent (view));
  g_assert_null (lm_view_get_selection (view));
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (view)), ==, 0);
  g_assert_cmpuint (g_variant_n_children (weights), ==, 0);
  g_assert_false (lm_view_get_custom_weights (view));
}

static void
test_notify (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  LmBounds extent = { 100, 200, 300, 400 };
  LmBounds same = extent;
  Counter counter = { 0 };

  counter_watch (&counter, view);

  /* Each change: one notify and one "changed"; the same value again:
   * nothing. Without data every id is taken as given. */
  lm_view_set_level (view, "ward");
  g_assert_cmpuint (count (&counter, "level"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  lm_view_set_level (view, "ward");
  g_assert_cmpuint (count (&counter, "level"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);

  lm_view_set_method (view, "jenks");
  lm_view_set_method (view, "jenks");
  g_assert_cmpuint (count (&counter, "method"), ==, 1);
  lm_view_set_palette (view, "YlOrRd");
  lm_view_set_palette (view, "YlOrRd");
  g_assert_cmpuint (count (&counter, "palette"), ==, 1);
  lm_view_set_show_left_behind (view, FALSE);
  lm_view_set_show_left_behind (view, FALSE);
  g_assert_cmpuint (count (&counter, "show-left-behind"), ==, 1);
  lm_view_set_weighted (view, TRUE);
  g_object_set (view, "weighted", TRUE, NULL);
  g_assert_cmpuint (count (&counter, "weighted"), ==, 1);

  /* Classes are clamped to 3..10, like a viewport's zoom. */
  lm_view_set_n_classes (view, 7);
  g_assert_cmpuint (count (&counter, "n-classes"), ==, 1);
  lm_view_set_n_classes (view, 50);
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 10);
  g_assert_cmpuint (count (&counter, "n-classes"), ==, 2);
  lm_view_set_n_classes (view, 12);
  g_assert_cmpuint (count (&counter, "n-classes"), ==, 2);
  lm_view_set_n_classes (view, 0);
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 3);

  /* The extent compares by value. */
  lm_view_set_extent (view, &extent);
  lm_view_set_extent (view, &same);
  g_assert_cmpuint (count (&counter, "extent"), ==, 1);
  g_assert_true (lm_bounds_equal (lm_view_get_extent (view), &extent));
  lm_view_set_extent (view, NULL);
  lm_view_set_extent (view, NULL);
  g_assert_cmpuint (count (&counter, "extent"), ==, 2);

  /* Frozen, several changes are one "changed". */
  counter_reset (&counter);
  g_object_freeze_notify (G_OBJECT (view));
  lm_view_set_level (view, "lad");
  lm_view_set_variable (view, "imd.rank");
  lm_view_set_method (view, "equal");
  g_object_thaw_notify (G_OBJECT (view));
  g_assert_cmpuint (total (&counter), ==, 3);
  g_assert_cmpuint (counter.changed, ==, 1);

  counter_clear (&counter);
}

static void
test_refuse (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  LmBounds empty = { 10, 10, 0, 0 };
  Counter counter = { 0 };

  counter_watch (&counter, view);

  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_method*");
  lm_view_set_method (view, "bogus");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (lm_view_get_method (view), ==, "quantile");

  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_level*");
  lm_view_set_level (view, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_extent*");
  lm_view_set_extent (view, &empty);
  g_test_assert_expected_messages ();
  g_assert_null (lm_view_get_extent (view));

  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_palette*");
  lm_view_set_palette (view, "");
  g_test_assert_expected_messages ();

  /* Nothing changed, nothing was announced. */
  g_assert_cmpuint (total (&counter), ==, 0);
  g_assert_cmpuint (counter.changed, ==, 0);
  counter_clear (&counter);
}

static void
test_plot_preset (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  Counter counter = { 0 };

  /* The report figures are the data's (england-2019.xml's <report>s). */
  lm_view_set_model (view, get_model ());
  lm_view_set_plot_preset (view, "imd-cni");
  counter_watch (&counter, view);

  /* A report figure brings its own level and axes. */
  lm_view_set_plot_preset (view, "leave-imd");
  g_assert_cmpstr (lm_view_get_plot_level (view), ==, "lad");
  g_assert_cmpstr (lm_view_get_plot_x (view), ==, "imd.score");
  g_assert_cmpstr (lm_view_get_plot_y (view), ==, "eu.leave_pct");
  g_assert_cmpuint (counter.changed, ==, 1);

  /* Choosing an axis makes the plot custom, in the same notification. */
  counter_reset (&counter);
  lm_view_set_plot_x (view, "cni.score");
  g_assert_cmpstr (lm_view_get_plot_preset (view), ==, LM_VIEW_PLOT_CUSTOM);
  g_assert_cmpstr (lm_view_get_plot_x (view), ==, "cni.score");
  g_assert_cmpuint (count (&counter, "plot-preset"), ==, 1);
  g_assert_cmpuint (count (&counter, "plot-x"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);

  /* A figure these data lack (from settings or a file made on other
   * data) becomes their first figure. */
  lm_view_set_plot_preset (view, "no-such-figure");
  g_assert_cmpstr (lm_view_get_plot_preset (view), ==, "leave-imd");
  g_assert_cmpstr (lm_view_get_plot_level (view), ==, "lad");
  g_assert_cmpstr (lm_view_get_plot_x (view), ==, "imd.score");
  counter_clear (&counter);
}

static void
test_snapshot_round_trip (void)
{
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(LmView) copy = lm_view_new ();
  g_autoptr(LmViewSnapshot) first = NULL;
  g_autoptr(LmViewSnapshot) second = NULL;
  g_autoptr(GError) error = NULL;
  LmBounds extent = { 300000, 100000, 420000, 250000 };
  const char *locked[] = { "imd.income", NULL };
  GVariantIter iter;
  const char *key;
  GVariant *value;
  const char *expected_order[] = { "dataset", "locked", "level", "variable", "method",
                                   "n-classes", "palette", "show-left-behind", "plot-preset",
                                   "plot-level", "plot-x", "plot-y", "weighted",
                                   "selection-level", "selection", "extent",
                                   "uncertainty-draws", "uncertainty-seed", "uncertainty-spread",
                                   "uncertainty-ranges", "show-bivariate", "bivariate",
                                   "bivariate-palette", "show-intervals" };
  const char *ranges[] = { "imd.income=0.1:0.3", NULL };
  LmViewAnalysis *analysis;
  guint i = 0;

  /* The report figures are the data's: with data both views plot them. */
  lm_view_set_model (view, get_model ());
  lm_view_set_model (copy, get_model ());
  lm_view_set_level (view, "lad");
  lm_view_set_variable (view, "cni.score");
  lm_view_set_method (view, "deciles");
  lm_view_set_n_classes (view, 4);
  lm_view_set_palette (view, "Blues");
  lm_view_set_plot_preset (view, "imd-cni");
  lm_view_set_weighted (view, TRUE);
  lm_view_set_extent (view, &extent);
  lm_view_set_locked (view, locked);
  /* The Monte Carlo run's settings and the bivariate map go with the
   * rest (a scenario saves them). */
  analysis = lm_view_get_analysis (view);
  lm_view_analysis_set_uncertainty_draws (analysis, 250);
  lm_view_analysis_set_uncertainty_seed (analysis, G_GUINT64_CONSTANT (18446744073709551557));
  lm_view_analysis_set_uncertainty_spread (analysis, "wide");
  lm_view_analysis_set_uncertainty_ranges (analysis, ranges);
  lm_view_analysis_set_show_bivariate (analysis, TRUE);
  lm_view_analysis_set_bivariate (analysis, "imd.score,eu.leave_pct");
  lm_view_analysis_set_show_intervals (analysis, TRUE);

  first = lm_view_take_snapshot (view);
  g_assert_true (lm_view_apply_snapshot (copy, first, &error));
  g_assert_no_error (error);
  second = lm_view_take_snapshot (copy);
  g_assert_true (lm_view_snapshot_equal (first, second));
  g_assert_true (g_variant_equal (lm_view_snapshot_to_variant (first),
                                  lm_view_snapshot_to_variant (second)));
  g_assert_true (lm_bounds_equal (lm_view_get_extent (copy), &extent));
  g_assert_true (g_strv_contains (lm_view_get_locked (copy), "imd.income"));
  analysis = lm_view_get_analysis (copy);
  g_assert_cmpuint (lm_view_analysis_get_uncertainty_draws (analysis), ==, 250);
  g_assert_cmpuint (lm_view_analysis_get_uncertainty_seed (analysis), ==,
                    G_GUINT64_CONSTANT (18446744073709551557));
  g_assert_cmpstr (lm_view_analysis_get_uncertainty_spread (analysis), ==, "wide");
  g_assert_cmpstr (lm_view_analysis_get_uncertainty_ranges (analysis)[0], ==, "imd.income=0.1:0.3");
  g_assert_true (lm_view_analysis_get_show_bivariate (analysis));
  g_assert_cmpstr (lm_view_analysis_get_bivariate (analysis), ==, "imd.score,eu.leave_pct");
  g_assert_null (lm_view_analysis_get_bivariate_palette (analysis));
  g_assert_true (lm_view_analysis_get_show_intervals (analysis));

  /* The stable order of the keys (each weight and threshold has a key
   * of its own, "weights/imd.income", after "dataset": checked with the
   * weights elsewhere). */
  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (first));
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    if (strchr (key, '/') == NULL)
      g_assert_cmpstr (key, ==, expected_order[i++]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected_order));

  /* A copy is a reference to the same immutable value. */
  {
    LmViewSnapshot *ref = g_boxed_copy (LM_TYPE_VIEW_SNAPSHOT, first);

    g_assert_true (ref == first);
    g_boxed_free (LM_TYPE_VIEW_SNAPSHOT, ref);
  }
}

static void
test_snapshot_order_and_sets (void)
{
  /* The same settings in another order, with a set given unsorted and
   * with a repeat: one canonical value. */
  g_autoptr(LmViewSnapshot) a =
    snapshot_from_text ("{'n-classes': <uint32 6>, 'locked': <['imd.income', 'cni.connectedness', "
                        "'imd.income']>, 'level': <'ward'>, 'dataset': <'england-2019'>}");
  g_autoptr(LmViewSnapshot) b =
    snapshot_from_text ("{'dataset': <'england-2019'>, 'locked': <['cni.connectedness', "
                        "'imd.income']>, 'level': <'ward'>, 'n-classes': <uint32 6>}");
  g_autoptr(GVariant) locked = lm_view_snapshot_lookup (a, "locked");
  g_autofree const char **ids = g_variant_get_strv (locked, NULL);
  GVariantIter iter;
  const char *key = NULL;
  GVariant *value;

  g_assert_true (lm_view_snapshot_equal (a, b));
  /* The same keys, one value other */
  {
    g_autoptr(LmViewSnapshot) c =
      snapshot_from_text ("{'dataset': <'england-2019'>, 'locked': <['cni.connectedness', "
                          "'imd.income']>, 'level': <'lsoa'>, 'n-classes': <uint32 6>}");
    g_autoptr(GPtrArray) changes = lm_view_snapshot_diff (b, c);

    g_assert_false (lm_view_snapshot_equal (b, c));
    g_assert_false (lm_view_snapshot_equal (c, a));
    g_assert_cmpuint (changes->len, ==, 1);
  }
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "cni.connectedness");
  g_assert_cmpstr (ids[1], ==, "imd.income");
  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (a));
  g_assert_true (g_variant_iter_next (&iter, "{&sv}", &key, &value));
  g_assert_cmpstr (key, ==, "dataset");
  g_variant_unref (value);
  g_assert_null (lm_view_snapshot_lookup (a, "palette"));
}

static void
test_snapshot_diff (void)
{
  g_autoptr(LmViewSnapshot) a =
    snapshot_from_text ("{'dataset': <'england-2019'>, 'level': <'ward'>, 'n-classes': <uint32 5>, "
                        "'palette': <'viridis'>, 'extent': <@ad []>}");
  g_autoptr(LmViewSnapshot) b =
    snapshot_from_text ("{'dataset': <'england-2019'>, 'level': <'ward'>, 'n-classes': <uint32 7>, "
                        "'extent': <[1.0, 2.0, 3.0, 4.0]>, 'weighted': <true>}");
  g_autoptr(GPtrArray) changes = lm_view_snapshot_diff (a, b);
  g_autoptr(GPtrArray) none = lm_view_snapshot_diff (a, a);
  LmViewChange *change;

  g_assert_false (lm_view_snapshot_equal (a, b));
  g_assert_cmpuint (none->len, ==, 0);

  /* In the first snapshot's order, then the second's new keys. */
  g_assert_cmpuint (changes->len, ==, 4);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->key, ==, "n-classes");
  g_assert_cmpuint (g_variant_get_uint32 (change->old_value), ==, 5);
  g_assert_cmpuint (g_variant_get_uint32 (change->new_value), ==, 7);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->key, ==, "palette");
  g_assert_cmpstr (g_variant_get_string (change->old_value, NULL), ==, "viridis");
  g_assert_null (change->new_value);
  change = g_ptr_array_index (changes, 2);
  g_assert_cmpstr (change->key, ==, "extent");
  g_assert_cmpuint (g_variant_n_children (change->old_value), ==, 0);
  g_assert_cmpuint (g_variant_n_children (change->new_value), ==, 4);
  change = g_ptr_array_index (changes, 3);
  g_assert_cmpstr (change->key, ==, "weighted");
  g_assert_null (change->old_value);
  g_assert_true (g_variant_get_boolean (change->new_value));
}

static void
test_snapshot_invalid (void)
{
  static const struct
  {
    const char *text;
    const char *key;
  } cases[] = {
    { "{'zoom': <2.0>}", "zoom" },
    { "{'level': <42>}", "level" },
    { "{'level': <''>}", "level" },
    { "{'n-classes': <uint32 11>}", "n-classes" },
    { "{'method': <'median'>}", "method" },
    { "{'extent': <[1.0, 2.0, 3.0]>}", "extent" },
    { "{'extent': <[5.0, 2.0, 3.0, 4.0]>}", "extent" },
    { "{'weights/imd.income': <-1.0>}", "weights/imd.income" },
    { "{'weights/income': <1.0>}", "weights/income" },
    { "{'level': <'ward'>, 'level': <'lad'>}", "level" },
    { "{'uncertainty-draws': <uint32 0>}", "uncertainty-draws" },
    { "{'uncertainty-draws': <uint32 10001>}", "uncertainty-draws" },
    { "{'uncertainty-spread': <'very wide'>}", "uncertainty-spread" },
    { "{'uncertainty-seed': <-1>}", "uncertainty-seed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) settings = g_variant_parse (G_VARIANT_TYPE_VARDICT, cases[i].text, NULL,
                                                      NULL, &error);
      g_autoptr(LmViewSnapshot) snapshot = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].key);

      g_assert_no_error (error);
      snapshot = lm_view_snapshot_new_from_variant (settings, &error);
      g_assert_null (snapshot);
      g_assert_error (error, LM_VIEW_SNAPSHOT_ERROR, LM_VIEW_SNAPSHOT_ERROR_INVALID);
      g_test_message ("%s: %s", cases[i].text, error->message);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

/* With the data */

static void
test_model_reconcile (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(LmView) other = lm_view_new ();
  Counter counter = { 0 };

  /* Ids remembered from other data: an unknown level falls back to the
   * level of the left-behind rule (wards in 2019); the variable stays
   * where it exists there. */
  lm_view_set_level (view, "parish");
  lm_view_set_variable (view, "cni.score");
  lm_view_set_plot_preset (view, "leave-cni");
  counter_watch (&counter, view);
  lm_view_set_model (view, model);
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "cni.score");
  g_assert_cmpstr (lm_view_get_dataset (view), ==, "england-2019");
  g_assert_true (lm_view_get_selection (view) == lm_model_get_selection (model));
  g_assert_cmpuint (count (&counter, "model"), ==, 1);
  g_assert_cmpuint (count (&counter, "level"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  /* Restoring the level is not the user's change of level. */
  g_assert_cmpuint (counter.substituted->len, ==, 0);

  /* The CNI 2019 has no LSOA values (never pushed down): the first
   * index's score instead. */
  lm_view_set_level (other, "lsoa");
  lm_view_set_variable (other, "cni.score");
  lm_view_set_model (other, model);
  g_assert_cmpstr (lm_view_get_level (other), ==, "lsoa");
  g_assert_cmpstr (lm_view_get_variable (other), ==, "imd.score");
  counter_clear (&counter);
}

static void
test_model_level_substitutes (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  Counter counter = { 0 };

  lm_view_set_model (view, model);
  lm_view_set_level (view, "ward");
  lm_view_set_variable (view, "cni.score");
  lm_view_set_plot_preset (view, LM_VIEW_PLOT_CUSTOM);
  counter_watch (&counter, view);

  lm_view_set_level (view, "lsoa");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "imd.score");
  g_assert_cmpuint (counter.substituted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (counter.substituted, 0), ==, "cni.score>imd.score");
  /* A custom plot follows the map to LSOAs, with two axes there. */
  g_assert_cmpstr (lm_view_get_plot_level (view), ==, "lsoa");
  g_assert_nonnull (lm_dataset_find_variable (lm_model_get_dataset (model), "lsoa",
                                              lm_view_get_plot_x (view)));
  g_assert_cmpstr (lm_view_get_plot_x (view), !=, lm_view_get_plot_y (view));
  g_assert_cmpuint (counter.changed, ==, 1);

  /* With data, ids they lack are refused. */
  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_level*");
  lm_view_set_level (view, "parish");
  g_test_assert_expected_messages ();
  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*lm_view_set_variable*");
  lm_view_set_variable (view, "cni.score");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "imd.score");
  counter_clear (&counter);
}

static void
test_model_weights_notify (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) weights = NULL;
  g_autoptr(GVariant) thresholds = NULL;
  Counter counter = { 0 };
  gsize n;
  const double *values;

  lm_view_set_model (view, model);
  counter_watch (&counter, view);

  /* A recompute that moves nothing announces nothing. */
  lm_model_recompute (model);
  g_assert_cmpuint (total (&counter), ==, 0);

  g_assert_true (lm_model_set_weight (model, "imd", "income", 30, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (&counter, "weights"), ==, 1);
  g_assert_cmpuint (count (&counter, "custom-weights"), ==, 1);
  g_assert_cmpuint (count (&counter, "thresholds"), ==, 0);
  g_assert_true (lm_view_get_custom_weights (view));
  weights = lm_view_get_weights (view);
  g_assert_true (g_variant_lookup (weights, "imd", "@ad", NULL));
  {
    g_autoptr(GVariant) imd = g_variant_lookup_value (weights, "imd", G_VARIANT_TYPE ("ad"));

    values = g_variant_get_fixed_array (imd, &n, sizeof (double));
    g_assert_cmpuint (n, ==, 7);
    g_assert_cmpfloat (values[0], ==, 30);
    g_assert_cmpfloat (values[1], ==, 22.5);
  }

  g_assert_true (lm_model_set_left_behind_threshold (model, 0, 20, &error));
  g_assert_cmpuint (count (&counter, "thresholds"), ==, 1);
  g_assert_cmpuint (count (&counter, "weights"), ==, 1);
  thresholds = lm_view_get_thresholds (view);
  values = g_variant_get_fixed_array (thresholds, &n, sizeof (double));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (values[0], ==, 20);
  g_assert_cmpfloat (values[1], ==, 10);

  /* Through the view's property: the model recomputes. */
  counter_reset (&counter);
  g_object_set (view, "weights", g_variant_new_parsed ("{'cni': [2.0, 1.0, 1.0]}"), NULL);
  g_assert_cmpfloat (lm_model_get_weight (model, "cni", "civic_assets"), ==, 2);
  g_assert_cmpuint (count (&counter, "weights"), ==, 1);

  lm_model_reset_weights (model, NULL);
  g_assert_false (lm_view_get_custom_weights (view));
  counter_clear (&counter);
}

static void
test_model_locked (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  const char *locked[] = { "imd.income", "cni.connectedness", "imd.income", NULL };
  const char *unknown[] = { "imd.income", "imd.wealth", NULL };
  const char * const *now;
  Counter counter = { 0 };

  lm_view_set_model (view, model);
  counter_watch (&counter, view);
  lm_view_set_locked (view, locked);
  now = lm_view_get_locked (view);
  g_assert_cmpuint (g_strv_length ((char **) now), ==, 2);
  g_assert_cmpstr (now[0], ==, "cni.connectedness");
  g_assert_cmpstr (now[1], ==, "imd.income");
  g_assert_true (g_strv_contains (lm_view_get_locked (view), "imd.income"));
  g_assert_false (g_strv_contains (lm_view_get_locked (view), "imd.health"));
  lm_view_set_locked (view, locked);
  g_assert_cmpuint (count (&counter, "locked"), ==, 1);

  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*imd.wealth*");
  lm_view_set_locked (view, unknown);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (view)), ==, 2);
  counter_clear (&counter);
}

static void
test_model_selection_notify (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (model), "ward");
  guint areas[] = { 3, 5 };
  Counter counter = { 0 };

  lm_view_set_model (view, model);
  counter_watch (&counter, view);
  lm_selection_select (lm_model_get_selection (model), ward, areas, 2, LM_SELECTION_REPLACE);
  g_assert_cmpuint (count (&counter, "selection"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  lm_selection_clear (lm_model_get_selection (model));
  g_assert_cmpuint (count (&counter, "selection"), ==, 2);
  counter_clear (&counter);
}

static void
test_model_snapshot_apply (void)
{
  LmModel *model = get_model ();
  LmDataset *dataset = lm_model_get_dataset (model);
  LmLevel *ward = lm_dataset_find_level (dataset, "ward");
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(LmViewSnapshot) before = NULL;
  g_autoptr(LmViewSnapshot) again = NULL;
  g_autoptr(GVariant) codes = NULL;
  g_autoptr(GVariant) income = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **strv = NULL;
  const char *locked[] = { "imd.employment", NULL };
  LmBounds extent = { 320000, 380000, 345000, 400000 };
  guint areas[] = { 10, 2, 7 };

  lm_view_set_model (view, model);
  g_assert_true (lm_model_set_weight (model, "imd", "income", 40, &error));
  g_assert_true (lm_model_set_left_behind_threshold (model, 1, 15, &error));
  lm_view_set_locked (view, locked);
  lm_view_set_level (view, "lad");
  lm_view_set_variable (view, "eu.leave_pct");
  lm_view_set_n_classes (view, 6);
  lm_view_set_extent (view, &extent);
  lm_selection_select (lm_model_get_selection (model), ward, areas, 3, LM_SELECTION_REPLACE);
  before = lm_view_take_snapshot (view);

  /* Ids and codes, not pointers: the selection is its level and its
   * areas' codes, sorted. */
  income = lm_view_snapshot_lookup (before, "weights/imd.income");
  g_assert_cmpfloat (g_variant_get_double (income), ==, 40);
  codes = lm_view_snapshot_lookup (before, "selection");
  strv = g_variant_get_strv (codes, NULL);
  g_assert_cmpuint (g_strv_length ((char **) strv), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      int area = lm_level_find_area (ward, strv[i]);

      g_assert_true (area == 2 || area == 7 || area == 10);
      if (i > 0)
        g_assert_cmpint (strcmp (strv[i - 1], strv[i]), <, 0);
    }

  /* Everything back to official, then the snapshot restores it all. */
  lm_model_reset_weights (model, NULL);
  lm_model_set_left_behind_threshold (model, 1, 10, NULL);
  lm_view_set_locked (view, NULL);
  lm_view_set_level (view, "ward");
  lm_view_set_n_classes (view, 5);
  lm_view_set_extent (view, NULL);
  lm_selection_clear (lm_model_get_selection (model));
  g_assert_false (lm_view_snapshot_equal (before, again = lm_view_take_snapshot (view)));
  g_clear_pointer (&again, lm_view_snapshot_unref);

  g_assert_true (lm_view_apply_snapshot (view, before, &error));
  g_assert_no_error (error);
  again = lm_view_take_snapshot (view);
  g_assert_true (lm_view_snapshot_equal (before, again));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 40);
  g_assert_cmpstr (lm_view_get_variable (view), ==, "eu.leave_pct");
  g_assert_cmpuint (lm_selection_count (lm_model_get_selection (model), ward), ==, 3);
  g_assert_true (lm_selection_contains (lm_model_get_selection (model), ward, 7));
}

static void
test_model_apply_incomplete (void)
{
  LmModel *model = get_model ();
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LmViewSnapshot) snapshot =
    snapshot_from_text ("{'dataset': <'england-2025'>, 'weights/imd.income': <30.0>, "
                        "'weights/imd.wealth': <5.0>, 'level': <'parish'>, "
                        "'n-classes': <uint32 8>, 'selection-level': <'ward'>, "
                        "'selection': <['E05000026', 'X00000001', 'X00000002']>}");
  LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (model), "ward");

  lm_view_set_model (view, model);
  g_assert_false (lm_view_apply_snapshot (view, snapshot, &error));
  g_assert_error (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  /* Each thing the data lack is named... */
  g_assert_nonnull (strstr (error->message, "england-2025"));
  g_assert_nonnull (strstr (error->message, "imd.wealth"));
  g_assert_nonnull (strstr (error->message, "parish"));
  g_assert_nonnull (strstr (error->message, "X00000001"));
  /* ...and the rest is applied. */
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 30);
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 8);
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  g_assert_cmpuint (lm_selection_count (lm_model_get_selection (model), ward), ==, 1);
  g_assert_true (lm_selection_contains (lm_model_get_selection (model), ward,
                                        lm_level_find_area (ward, "E05000026")));
}

static void
test_model_replaced (void)
{
  LmModel *model = get_model ();
  LmDataset *dataset = lm_model_get_dataset (model);
  g_autoptr(LmModel) second = lm_model_new (dataset);
  g_autoptr(LmView) view = lm_view_new ();
  g_autoptr(LmView) restored = lm_view_new ();
  g_autoptr(GError) error = NULL;
  const char *locked[] = { "imd.income", NULL };
  LmBounds england = { 400000, 300000, 500000, 400000 };
  LmBounds sea = { -9000000, -9000000, -8000000, -8000000 };

  /* The first data keep a remembered extent that lies over them, and
   * drop one that does not (boundaries of another country). */
  g_assert_true (lm_dataset_ensure_shapes (dataset, lm_dataset_find_level (dataset, "region"),
                                           &error));
  g_assert_no_error (error);
  lm_view_set_extent (view, &england);
  lm_view_set_locked (view, locked);
  lm_view_set_model (view, model);
  g_assert_true (lm_bounds_equal (lm_view_get_extent (view), &england));
  g_assert_true (g_strv_contains (lm_view_get_locked (view), "imd.income"));
  lm_view_set_extent (restored, &sea);
  lm_view_set_model (restored, model);
  g_assert_null (lm_view_get_extent (restored));

  /* Other data (a dataset switch) start fitted and unlocked. */
  lm_view_set_model (view, second);
  g_assert_null (lm_view_get_extent (view));
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (view)), ==, 0);
  g_assert_true (lm_view_get_selection (view) == lm_model_get_selection (second));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/defaults", test_defaults);
  g_test_add_func ("/view/notify", test_notify);
  g_test_add_func ("/view/refuse", test_refuse);
  g_test_add_func ("/view/plot-preset", test_plot_preset);
  g_test_add_func ("/view/snapshot/round-trip", test_snapshot_round_trip);
  g_test_add_func ("/view/snapshot/order-and-sets", test_snapshot_order_and_sets);
  g_test_add_func ("/view/snapshot/diff", test_snapshot_diff);
  g_test_add_func ("/view/snapshot/invalid", test_snapshot_invalid);
  g_test_add_func ("/view/model/reconcile", test_model_reconcile);
  g_test_add_func ("/view/model/level-substitutes", test_model_level_substitutes);
  g_test_add_func ("/view/model/weights-notify", test_model_weights_notify);
  g_test_add_func ("/view/model/locked", test_model_locked);
  g_test_add_func ("/view/model/selection-notify", test_model_selection_notify);
  g_test_add_func ("/view/model/snapshot-apply", test_model_snapshot_apply);
  g_test_add_func ("/view/model/apply-incomplete", test_model_apply_incomplete);
  g_test_add_func ("/view/model/replaced", test_model_replaced);

  status = g_test_run ();
  g_clear_object (&shared_model);
  return status;
}
