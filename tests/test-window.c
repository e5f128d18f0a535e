/* test-window.c — the main window on the real data, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "lm-application.h"
#include "lm-area-row.h"
#include "lm-area-table.h"
#include "lm-choropleth.h"
#include "lm-scatter-plot.h"
#include "lm-window-private.h"

static LmApplication *app;

/* Auxiliary methods */

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
window_is_settled (LmWindow *window)
{
  return !lm_window_get_loading (window) &&
         (lm_window_get_model (window) != NULL ||
          g_strcmp0 (lm_window_get_page (window), "error") == 0);
}

static void
wait_until_settled (LmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!window_is_settled (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* Let the views lay out and draw once. */
  iterate (150);
}

static LmWindow *
open_window (void)
{
  LmWindow *window = lm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_settled (window);
  return window;
}

static void
close_window (LmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (20);
}

static guint8 *
copy_classes (LmChoropleth *map,
              guint        *n_out)
{
  const gint8 *classes = lm_choropleth_get_area_classes (map, n_out);

  g_assert_nonnull (classes);
  return g_memdup2 (classes, *n_out);
}

static gboolean
label_contains (GtkLabel   *label,
                const char *text)
{
  return strstr (gtk_label_get_text (label), text) != NULL;
}

/* Tests */

static void
test_first_launch (void)
{
  LmWindow *window = open_window ();
  LmChoropleth *map;
  LmScatterPlot *plot;
  LmModel *model;

  g_assert_cmpstr (lm_window_get_page (window), ==, "data");
  model = lm_window_get_model (window);
  g_assert_nonnull (model);
  g_assert_cmpstr (lm_dataset_get_id (lm_model_get_dataset (model)), ==, "england-2019");

  /* England 2019, IMD score by ward, the "Leave vote vs CNI" plot. */
  g_assert_cmpstr (lm_window_get_level (window), ==, "ward");
  g_assert_cmpstr (lm_window_get_variable (window), ==, "imd.score");
  map = LM_CHOROPLETH (lm_window_get_map (window));
  g_assert_cmpstr (lm_choropleth_get_level (map), ==, "ward");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "imd.score");
  g_assert_nonnull (lm_choropleth_get_current_variable (map));
  g_assert_nonnull (lm_choropleth_get_classification (map));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, 300);

  plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "lad");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "eu.leave_pct");

  g_assert_cmpstr (lm_area_table_get_level (LM_AREA_TABLE (lm_window_get_table (window))), ==,
                   "ward");
  g_assert_nonnull (lm_window_get_weights_panel (window));
  g_assert_nonnull (lm_window_get_details (window));
  g_assert_nonnull (lm_window_get_legend (window));

  /* Every panel is on screen. */
  g_assert_true (gtk_widget_get_mapped (lm_window_get_plot (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_table (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_weights_panel (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_details (window)));

  /* Actions that need data are enabled now. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));

  close_window (window);
}

static void
test_weight_changes_views (void)
{
  LmWindow *window = open_window ();
  LmModel *model = lm_window_get_model (window);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  LmAreaTable *table = LM_AREA_TABLE (lm_window_get_table (window));
  GtkSelectionModel *rows;
  LmLevel *ward;
  LmVariable *rank;
  g_autofree guint8 *before = NULL;
  const gint8 *after;
  guint n_before, n_after, n_changed = 0;
  double r_before, r_after;
  guint top_before[20], top_after[20];
  cairo_surface_t *image_before, *image_after;
  guint n_pixels_changed = 0;

  /* The plot that involves the IMD: chosen in the window's dropdown. */
  gtk_drop_down_set_selected (window->preset_dropdown, (guint) lm_dataset_find_report (lm_model_get_dataset (lm_window_get_model (window)), "leave-imd"));
  iterate (50);
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.score");
  r_before = lm_scatter_plot_get_stats (plot)->pearson_r;
  g_assert_false (isnan (r_before));

  g_assert_true (lm_area_table_sort_by (table, "imd.rank", GTK_SORT_ASCENDING));
  iterate (50);
  rows = lm_area_table_get_rows (table);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >, 7000);
  for (guint i = 0; i < G_N_ELEMENTS (top_before); i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      top_before[i] = lm_area_row_get_area (row);
    }

  before = copy_classes (map, &n_before);
  image_before = lm_choropleth_render_image (map);

  /* Income weighs 60 instead of 22.5: through the window's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  /* A table of thousands of rows re-sorts once the weights rest. */
  iterate (600);
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60.0);
  g_assert_false (lm_model_weights_are_default (model));

  /* The map's colours. */
  after = lm_choropleth_get_area_classes (map, &n_after);
  g_assert_cmpuint (n_before, ==, n_after);
  for (guint i = 0; i < n_after; i++)
    n_changed += before[i] != (guint8) after[i];
  g_test_message ("%u of %u wards changed class", n_changed, n_after);
  g_assert_cmpuint (n_changed, >, n_after / 50);
  image_after = lm_choropleth_render_image (map);
  g_assert_cmpint (cairo_image_surface_get_width (image_before), ==,
                   cairo_image_surface_get_width (image_after));
  g_assert_cmpint (cairo_image_surface_get_height (image_before), ==,
                   cairo_image_surface_get_height (image_after));
  {
    int stride = cairo_image_surface_get_stride (image_after);
    int height = cairo_image_surface_get_height (image_after);
    const guchar *a = cairo_image_surface_get_data (image_before);
    const guchar *b = cairo_image_surface_get_data (image_after);

    for (int y = 0; y < height; y++)
      for (int x = 0; x < stride; x += 4)
        n_pixels_changed += memcmp (a + y * stride + x, b + y * stride + x, 4) != 0;
  }
  g_test_message ("%u pixels changed colour", n_pixels_changed);
  g_assert_cmpuint (n_pixels_changed, >, 1000);
  cairo_surface_destroy (image_before);
  cairo_surface_destroy (image_after);

  /* The plot's statistics. */
  r_after = lm_scatter_plot_get_stats (plot)->pearson_r;
  g_test_message ("Leave vs IMD: r %.4f -> %.4f", r_before, r_after);
  g_assert_cmpfloat (fabs (r_after - r_before), >, 1e-4);

  /* The table's ranks: re-sorted by the new IMD rank. */
  ward = lm_dataset_find_level (lm_model_get_dataset (model), "ward");
  rank = lm_level_find_variable (ward, "imd.rank");
  for (guint i = 0; i < G_N_ELEMENTS (top_after); i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      top_after[i] = lm_area_row_get_area (row);
      g_assert_cmpfloat (rank->values[top_after[i]], ==, i + 1);
    }
  g_assert_true (memcmp (top_before, top_after, sizeof top_before) != 0);

  /* Reset through the window's action: the official picture returns. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-weights", NULL));
  iterate (100);
  g_assert_true (lm_model_weights_are_default (model));
  after = lm_choropleth_get_area_classes (map, &n_after);
  g_assert_true (memcmp (before, after, n_after) == 0);
  g_assert_cmpfloat_with_epsilon (lm_scatter_plot_get_stats (plot)->pearson_r, r_before, 1e-9);

  /* The reset's toast offers Undo: the custom weights come back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-reset-weights", NULL));
  iterate (100);
  g_assert_false (lm_model_weights_are_default (model));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60);
  /* One index only, from the weights panel's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-index-weights", "s", "imd"));
  iterate (100);
  g_assert_true (lm_model_weights_are_default (model));

  /* The plot choice is remembered: leave the first-launch one. */
  gtk_drop_down_set_selected (window->preset_dropdown, (guint) lm_dataset_find_report (lm_model_get_dataset (lm_window_get_model (window)), "leave-cni"));
  close_window (window);
}

static void
test_search (void)
{
  LmWindow *window = open_window ();
  LmModel *model = lm_window_get_model (window);
  LmDataset *dataset = lm_model_get_dataset (model);
  LmSelection *selection = lm_model_get_selection (model);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmLevel *level = NULL;
  LmLevel *ward = lm_dataset_find_level (dataset, "ward");
  guint area = 0;
  guint n;
  const char *ward_code;

  /* An LSOA by its name; activating it switches the map to LSOAs,
   * selects it and zooms to it. */
  n = lm_window_search (window, "Tendring 018A");
  g_assert_cmpuint (n, >=, 1);
  g_assert_true (lm_window_get_search_result (window, 0, &level, &area));
  g_assert_cmpstr (level->id, ==, "lsoa");
  g_assert_cmpstr (level->names[area], ==, "Tendring 018A");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->search_scroller)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (window->search_results, 0));
  {
    const LmMapView *view_before = lm_choropleth_get_view (map);
    double scale_before = view_before->metres_per_pixel;

    /* As pressing Enter in the search entry does. */
    g_signal_emit_by_name (window->search_entry, "activate");
    iterate (800);
    g_assert_cmpstr (lm_window_get_level (window), ==, "lsoa");
    g_assert_cmpstr (lm_choropleth_get_level (map), ==, "lsoa");
    g_assert_true (lm_choropleth_get_current_level (map) == level);
    g_assert_true (lm_selection_contains (selection, level, area));
    g_assert_cmpuint (lm_selection_count (selection, level), ==, 1);
    g_assert_cmpuint (lm_selection_get_mask (selection,
                                             lm_choropleth_get_current_level (map))[area], ==, 1);
    /* Zoomed in on one small area. */
    g_assert_cmpfloat (lm_choropleth_get_view (map)->metres_per_pixel, <, scale_before / 4);
  }

  /* A district by its name, then its wards. */
  n = lm_window_search (window, "Blackpool");
  g_assert_cmpuint (n, >, 2);
  g_assert_true (lm_window_get_search_result (window, 0, &level, &area));
  g_assert_cmpstr (level->id, ==, "lad");
  g_assert_cmpstr (level->names[area], ==, "Blackpool");
  {
    guint blackpool = area;
    guint n_wards = 0;

    for (guint i = 1; lm_window_get_search_result (window, i, &level, &area); i++)
      if (level == ward && ward->parent[area] == (int) blackpool)
        n_wards++;
    g_test_message ("Blackpool: %u wards listed", n_wards);
    g_assert_cmpuint (n_wards, >=, 10);
  }

  /* A ward by its code. */
  ward_code = ward->codes[ward->n_areas / 2];
  n = lm_window_search (window, ward_code);
  g_assert_cmpuint (n, >=, 1);
  g_assert_true (lm_window_get_search_result (window, 0, &level, &area));
  g_assert_true (level == ward);
  g_assert_cmpstr (ward->codes[area], ==, ward_code);
  lm_window_show_area (window, level, area);
  iterate (100);
  g_assert_cmpstr (lm_window_get_level (window), ==, "ward");
  g_assert_true (lm_selection_contains (selection, ward, area));

  /* Nothing found says so. */
  n = lm_window_search (window, "Atlantis-upon-Sea");
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->search_status)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->search_scroller)));

  lm_selection_clear (selection);
  close_window (window);
}

static void
test_table_selects_map (void)
{
  LmWindow *window = open_window ();
  LmModel *model = lm_window_get_model (window);
  LmSelection *selection = lm_model_get_selection (model);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  GtkSelectionModel *rows = lm_area_table_get_rows (LM_AREA_TABLE (lm_window_get_table (window)));
  g_autoptr(LmAreaRow) row = NULL;
  LmLevel *level;
  guint area;

  lm_selection_clear (selection);
  iterate (20);
  row = g_list_model_get_item (G_LIST_MODEL (rows), 3);
  level = lm_area_row_get_level (row);
  area = lm_area_row_get_area (row);
  g_assert_true (level == lm_choropleth_get_current_level (map));

  gtk_selection_model_select_item (rows, 3, TRUE);
  iterate (50);
  g_assert_true (lm_selection_contains (selection, level, area));
  g_assert_cmpuint (lm_selection_count (selection, level), ==, 1);
  g_assert_cmpuint (lm_selection_get_mask (selection, lm_choropleth_get_current_level (map))[area],
                    ==, 1);

  lm_selection_clear (selection);
  close_window (window);
}

static void
test_level_without_variable (void)
{
  LmWindow *window = open_window ();
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));

  /* The CNI 2019 is a ward index: at LSOA level the map falls back to
   * the IMD score instead of going blank. */
  lm_window_set_variable (window, "cni.score");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "cni.score");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.level", "s", "lsoa"));
  iterate (50);
  g_assert_cmpstr (lm_window_get_level (window), ==, "lsoa");
  g_assert_cmpstr (lm_window_get_variable (window), ==, "imd.score");
  g_assert_nonnull (lm_choropleth_get_current_variable (map));

  lm_window_set_level (window, "ward");
  lm_window_set_variable (window, "imd.score");
  close_window (window);
}

static void
test_custom_plot (void)
{
  LmWindow *window = open_window ();
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (window));

  /* "Any two variables" plots the map's level, and follows it. */
  gtk_drop_down_set_selected (window->preset_dropdown, (guint) lm_dataset_find_report (lm_model_get_dataset (lm_window_get_model (window)), "leave-cni"));
  lm_window_set_level (window, "lad");
  gtk_drop_down_set_selected (window->preset_dropdown, lm_dataset_get_n_reports (lm_model_get_dataset (lm_window_get_model (window))));
  iterate (50);
  g_assert_true (gtk_revealer_get_reveal_child (window->axes_revealer));
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "lad");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "eu.leave_pct");

  /* Choosing an axis in its dropdown. */
  for (guint i = 0; i < window->plot_var_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (window->plot_var_ids, i), "imd.income"))
      gtk_drop_down_set_selected (window->plot_x_dropdown, i);
  iterate (50);
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.income");
  g_assert_cmpuint (lm_scatter_plot_get_stats (plot)->n, >, 300);

  lm_window_set_level (window, "region");
  iterate (50);
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "region");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.income");
  g_assert_cmpuint (lm_scatter_plot_get_stats (plot)->n, ==, 9);

  /* Back to the report figure of a first launch. */
  gtk_drop_down_set_selected (window->preset_dropdown, (guint) lm_dataset_find_report (lm_model_get_dataset (lm_window_get_model (window)), "leave-cni"));
  iterate (50);
  g_assert_false (gtk_revealer_get_reveal_child (window->axes_revealer));
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
  lm_window_set_level (window, "ward");
  close_window (window);
}

static void
test_presentation (void)
{
  LmWindow *window = open_window ();
  GtkWidget *widget = GTK_WIDGET (window);
  gboolean presentation;

  g_assert_true (gtk_widget_activate_action (widget, "win.presentation", NULL));
  iterate (100);
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  g_assert_true (gtk_widget_has_css_class (widget, "presentation"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->weights_bin)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->table_bin)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_plot (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_map (window)));

  g_assert_true (gtk_widget_activate_action (widget, "win.leave-presentation", NULL));
  iterate (100);
  g_assert_false (gtk_widget_has_css_class (widget, "presentation"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->weights_bin)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->table_bin)));

  /* The panels can be hidden one by one. */
  g_assert_true (gtk_widget_activate_action (widget, "win.show-table", NULL));
  iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->table_bin)));
  g_assert_true (gtk_widget_activate_action (widget, "win.show-table", NULL));

  close_window (window);
}

static void
test_about (void)
{
  LmWindow *window = open_window ();
  g_autoptr(GListModel) toplevels = NULL;
  AdwAboutWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate (100);
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  gtk_window_destroy (GTK_WINDOW (about));
  close_window (window);
}

static void
test_export (void)
{
  LmWindow *window = open_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-export-XXXXXX", &error);
  g_autofree char *png = g_build_filename (folder, "map.png", NULL);
  g_autofree char *svg = g_build_filename (folder, "plot.svg", NULL);
  g_autofree char *bad = g_build_filename (folder, "map.bmp", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);

  /* What the export dialogs write, as shown in the window. */
  g_assert_true (_lm_window_export_figure (window, LM_WINDOW_FIGURE_MAP, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
  g_clear_pointer (&contents, g_free);

  g_assert_true (_lm_window_export_figure (window, LM_WINDOW_FIGURE_PLOT, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  /* An unknown format is an error with a sentence, not a crash. */
  g_assert_false (_lm_window_export_figure (window, LM_WINDOW_FIGURE_MAP, bad, &error));
  g_assert_nonnull (error);
  g_test_message ("bad format: %s", error->message);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (folder);
  close_window (window);
}

static void
test_missing_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("levelmap-test-XXXXXX", &error);
  g_autofree char *absent = NULL;
  g_autofree char *saved = g_strdup (lm_application_get_data_dir (app));
  LmWindow *window;

  g_assert_no_error (error);

  /* A folder without the data: the page says what is missing and where
   * Levelmap looked, and offers the folder chooser. */
  lm_application_set_data_dir (app, empty);
  window = open_window ();
  g_assert_cmpstr (lm_window_get_page (window), ==, "error");
  g_assert_null (lm_window_get_model (window));
  g_assert_nonnull (lm_window_get_error_text (window));
  g_test_message ("error: %s", lm_window_get_error_text (window));
  g_assert_true (label_contains (window->error_hint, empty));
  g_assert_true (label_contains (window->error_hint, "--data-dir"));
  g_assert_true (label_contains (window->error_hint, "LEVELMAP_DATA_DIR"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->error_page)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window->error_page)));
  /* No map, so nothing to export or search. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map", NULL) &&
                  lm_window_get_map (window) != NULL);
  close_window (window);

  /* A folder that is not there at all is named too. */
  absent = g_build_filename (empty, "no-such-folder", NULL);
  lm_application_set_data_dir (app, absent);
  window = open_window ();
  g_assert_cmpstr (lm_window_get_page (window), ==, "error");
  g_assert_nonnull (strstr (lm_window_get_error_text (window), absent));
  g_assert_true (label_contains (window->error_hint, absent));

  /* Pointing at the right folder brings the data. */
  lm_application_set_data_dir (app, saved);
  lm_window_load (window, "england-2019", g_getenv ("LEVELMAP_DATA_DIR"));
  wait_until_settled (window);
  g_assert_cmpstr (lm_window_get_page (window), ==, "data");
  g_assert_nonnull (lm_window_get_model (window));
  close_window (window);

  g_rmdir (empty);
}

static void
test_switch_dataset (void)
{
  LmWindow *window = open_window ();
  LmModel *first = lm_window_get_model (window);

  g_object_ref (first);
  /* Choosing England 2025 in the header reloads in the background; the
   * 2019 data stay on screen meanwhile. */
  gtk_drop_down_set_selected (window->dataset_dropdown, 1);
  g_assert_true (lm_window_get_loading (window));
  g_assert_true (lm_window_get_model (window) == first);
  g_assert_cmpstr (lm_window_get_page (window), ==, "data");
  wait_until_settled (window);
  g_assert_true (lm_window_get_model (window) != first);
  g_assert_cmpstr (lm_dataset_get_id (lm_model_get_dataset (lm_window_get_model (window))), ==,
                   "england-2025");
  g_assert_cmpstr (lm_window_get_level (window), ==, "ward");
  g_assert_nonnull (lm_choropleth_get_current_variable (
                      LM_CHOROPLETH (lm_window_get_map (window))));
  g_object_unref (first);
  close_window (window);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run -a");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *schema_dir = NULL;
  const char *build_dir;
  int status;

  /* Repeatable, headless GTK (see DESIGN.md); meson sets most of these. */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  /* The schema compiled in the build tree, so the window's settings are
   * exercised rather than skipped. */
  build_dir = g_getenv ("G_TEST_BUILDDIR");
  if (build_dir != NULL)
    {
      schema_dir = g_build_filename (build_dir, "..", "resources", NULL);
      if (g_file_test (schema_dir, G_FILE_TEST_IS_DIR))
        g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, FALSE);
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);

  app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_nonnull (g_getenv ("LEVELMAP_DATA_DIR"));

  g_test_add_func ("/window/first-launch", test_first_launch);
  g_test_add_func ("/window/weight-changes-views", test_weight_changes_views);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/table-selects-map", test_table_selects_map);
  g_test_add_func ("/window/level-without-variable", test_level_without_variable);
  g_test_add_func ("/window/custom-plot", test_custom_plot);
  g_test_add_func ("/window/presentation", test_presentation);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/export", test_export);
  g_test_add_func ("/window/missing-data", test_missing_data);
  g_test_add_func ("/window/switch-dataset", test_switch_dataset);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
