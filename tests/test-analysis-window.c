/* test-analysis-window.c — rank uncertainty, the bivariate map and the
 * comparison of vintages in the window, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include <gtk/gtk.h>

#include "lm-application.h"
#include "lm-area-table.h"
#include "lm-bivariate-dialog.h"
#include "lm-bivariate-legend.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-scatter-plot.h"
#include "lm-test-widgets.h"
#include "lm-uncertainty-dialog.h"
#include "lm-window.h"

static LmApplication *app;

static gboolean
window_is_settled (gpointer data)
{
  LmWindow *window = data;

  return !lm_window_get_loading (window) && lm_window_get_map (window) != NULL &&
         gtk_widget_get_mapped (lm_window_get_map (window)) &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0 &&
         lm_window_get_table (window) != NULL;
}

static LmWindow *
open_window (const char *dataset)
{
  LmWindow *window = lm_window_new (app);

  g_settings_set_string (lm_application_get_settings (app), "dataset", dataset);
  g_settings_set_string (lm_application_get_settings (app), "level", "ward");
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  lm_test_wait_until (window_is_settled, window, "the window to show its data");
  if (g_strcmp0 (lm_view_get_dataset (lm_window_get_view (window)), dataset) != 0)
    {
      lm_window_load (window, dataset, g_getenv ("LEVELMAP_DATA_DIR"));
      lm_test_wait_until (window_is_settled, window, "the other data");
    }
  return window;
}

static void
close_window (LmWindow *window)
{
  lm_test_close_window (GTK_WINDOW (window));
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !lm_uncertainty_dialog_is_running (data);
}

/* The variable drop-down offers @id. */
static gboolean
offers_variable (LmWindow   *window,
                 const char *title)
{
  GtkWidget *dropdown = lm_test_find_named (GTK_WIDGET (window), "variable");
  GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (items), i), title) == 0)
      return TRUE;
  return FALSE;
}

/* Run, stop, run again; the results are variables of the window, the
 * headline is said, the map of chances is a button away. */
static void
test_uncertainty (void)
{
  LmWindow *window = open_window ("england-2019");
  LmView *view = lm_window_get_view (window);
  LmModel *model = lm_window_get_model (window);
  LmUncertaintyDialog *dialog;
  LmUncertainty *run;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.uncertainty", NULL));
  dialog = NULL;
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (LM_IS_UNCERTAINTY_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* A long run, stopped: nothing is kept, it says so. */
  lm_view_analysis_set_uncertainty_draws (lm_view_get_analysis (view), 10000);
  lm_uncertainty_dialog_run (dialog);
  g_assert_true (lm_uncertainty_dialog_is_running (dialog));
  lm_uncertainty_dialog_stop (dialog);
  lm_test_wait_until (dialog_is_idle, dialog, "the run to stop");
  g_assert_null (lm_model_get_uncertainty (model));
  g_assert_nonnull (strstr (lm_uncertainty_dialog_get_status (dialog), "Stopped"));
  g_assert_null (lm_uncertainty_dialog_get_headline (dialog));

  lm_view_analysis_set_uncertainty_draws (lm_view_get_analysis (view), 40);
  lm_view_analysis_set_uncertainty_seed (lm_view_get_analysis (view), 9);
  lm_uncertainty_dialog_run (dialog);
  lm_test_wait_until (dialog_is_idle, dialog, "the run to end");
  run = lm_model_get_uncertainty (model);
  g_assert_nonnull (run);
  g_assert_cmpuint (lm_uncertainty_get_n_draws (run), ==, 40);
  g_assert_cmpuint (lm_uncertainty_get_seed (run), ==, 9);
  g_assert_nonnull (strstr (lm_uncertainty_dialog_get_headline (dialog), "wards left behind"));
  /* Variables like any other: offered at the ward level. */
  g_assert_true (offers_variable (window, "Chance of being left behind under uncertain weights"));

  button = lm_test_find_named (GTK_WIDGET (dialog), "show-map");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "left_behind_probability");
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  lm_test_wait_for_frames (lm_window_get_map (window));
  g_assert_cmpint (lm_choropleth_get_classification (LM_CHOROPLETH (lm_window_get_map (window)))->method,
                   ==, LM_CLASSIFY_LIKELIHOOD);

  /* The details pane draws the interval of the selected area's ranks;
   * the plot draws them as error bars on request. */
  {
    LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (model), "ward");
    guint area = 0;
    g_autoptr(GString) labels = g_string_new (NULL);

    lm_selection_select (lm_model_get_selection (model), ward, &area, 1, LM_SELECTION_REPLACE);
    lm_test_wait_for_frames (lm_window_get_details (window));
    lm_test_collect_labels (lm_window_get_details (window), labels);
    g_assert_nonnull (strstr (labels->str, "Rank in 90% of weight draws"));
    lm_view_set_custom_plot (view, "ward", "imd.rank", "cni.rank");
    lm_view_analysis_set_show_intervals (lm_view_get_analysis (view), TRUE);
    g_assert_true (lm_scatter_plot_get_show_intervals (LM_SCATTER_PLOT (lm_window_get_plot (window))));
  }

  /* Moving a weight makes the results stale: the dialog says so. */
  g_assert_true (lm_model_parse_weight (model, "imd.income=40", NULL));
  g_assert_true (gtk_widget_get_visible (lm_test_find_named (GTK_WIDGET (dialog), "stale")));
  close_window (window);
}

static gboolean
key_has_cells (gpointer data)
{
  LmWindow *window = data;

  return LM_IS_BIVARIATE_LEGEND (lm_window_get_legend (window)) &&
         gtk_widget_get_width (lm_window_get_legend (window)) > 0;
}

/* The dialog's switch puts two variables on the map; a cell of the key
 * selects its areas; off again, the legend is back. */
static void
test_bivariate (void)
{
  LmWindow *window = open_window ("england-2019");
  LmView *view = lm_window_get_view (window);
  LmViewAnalysis *analysis = lm_view_get_analysis (view);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmSelection *selection = lm_model_get_selection (lm_window_get_model (window));
  LmBivariateMap *bivariate;
  GtkWidget *dialog, *show_switch;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.bivariate-map", NULL));
  dialog = NULL;
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (LM_IS_BIVARIATE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  show_switch = lm_test_find_named (dialog, "show");
  g_assert_nonnull (show_switch);
  gtk_switch_set_active (GTK_SWITCH (show_switch), TRUE);
  g_assert_true (lm_view_analysis_get_show_bivariate (analysis));
  lm_test_wait_until (key_has_cells, window, "the bivariate key");
  bivariate = lm_choropleth_get_bivariate (map);
  g_assert_nonnull (bivariate);
  /* The default pair: the two indices' scores at the ward level. */
  g_assert_cmpstr (lm_bivariate_map_get_x (bivariate)->id, ==, "imd.score");
  g_assert_cmpstr (lm_bivariate_map_get_y (bivariate)->id, ==, "cni.score");

  g_assert_true (lm_bivariate_legend_select_cell (LM_BIVARIATE_LEGEND (lm_window_get_legend (window)), 8,
                                                  LM_SELECTION_REPLACE));
  g_assert_cmpuint (lm_selection_count (selection, lm_dataset_find_level (lm_model_get_dataset (lm_window_get_model (window)), "ward")),
                    ==, lm_bivariate_map_get_classes (bivariate)->count[8]);

  /* Breaks set in the settings reach the map. */
  lm_view_analysis_set_bivariate (analysis, "imd.decile:1:3,cni.score");
  bivariate = lm_choropleth_get_bivariate (map);
  g_assert_cmpstr (lm_bivariate_map_get_x (bivariate)->id, ==, "imd.decile");
  g_assert_true (lm_bivariate_map_get_classes (bivariate)->x.given);

  gtk_switch_set_active (GTK_SWITCH (show_switch), FALSE);
  g_assert_null (lm_choropleth_get_bivariate (map));
  g_assert_true (LM_IS_LEGEND (lm_window_get_legend (window)));
  close_window (window);
}

static gboolean
compared (gpointer data)
{
  LmWindow *window = data;

  return g_str_has_prefix (lm_view_get_variable (lm_window_get_view (window)), "compare.");
}

static void
test_compare (void)
{
  LmWindow *window = open_window ("england-2025");
  LmView *view = lm_window_get_view (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  lm_test_wait_until (compared, window, "the comparison");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "compare.imd_rank_move");
  g_assert_cmpstr (lm_view_get_level (view), ==, "lad");
  g_assert_cmpstr (lm_view_get_plot_x (view), ==, "compare.imd_rank_before");
  g_assert_cmpstr (lm_view_get_plot_y (view), ==, "compare.imd_rank_after");
  /* The table shows the comparison too. */
  lm_test_wait_for_frames (lm_window_get_map (window));
  close_window (window);

  /* England 2019 is no comparison's later vintage: nothing happens. */
  window = open_window ("england-2019");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  lm_test_wait_for_frames (lm_window_get_map (window));
  g_assert_false (compared (window));
  close_window (window);
}

/* The comparison found for the data is looked up once per dataset: a
 * window that goes from data with a comparison to data without one and
 * back offers it exactly when the data shown have one. */
static void
test_compare_follows_data (void)
{
  LmWindow *window = open_window ("england-2019");
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  lm_test_wait_for_frames (lm_window_get_map (window));
  g_assert_false (compared (window));

  lm_window_load (window, "england-2025", data_dir);
  lm_test_wait_until (window_is_settled, window, "England 2025");
  g_assert_cmpstr (lm_view_get_dataset (lm_window_get_view (window)), ==, "england-2025");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  lm_test_wait_until (compared, window, "the comparison");

  lm_window_load (window, "england-2019", data_dir);
  lm_test_wait_until (window_is_settled, window, "England 2019 again");
  g_assert_cmpstr (lm_view_get_dataset (lm_window_get_view (window)), ==, "england-2019");
  g_assert_false (compared (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  lm_test_wait_for_frames (lm_window_get_map (window));
  g_assert_false (compared (window));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_nonnull (g_getenv ("LEVELMAP_DATA_DIR"));

  g_test_add_func ("/analysis-window/uncertainty", test_uncertainty);
  g_test_add_func ("/analysis-window/bivariate", test_bivariate);
  g_test_add_func ("/analysis-window/compare", test_compare);
  g_test_add_func ("/analysis-window/compare-follows-data", test_compare_follows_data);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
