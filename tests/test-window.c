/* test-window.c — the main window on the real data, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test opens its own window on settings reset to their defaults,
 * and waits on conditions (a frame painted, a notify, a re-sort), never
 * for a fixed time.
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
#include "lm-weights-panel.h"
#include "lm-window-private.h"

#include "lm-test-window-fixture.h"

/* Counts notifications of one property. */
static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data > 0;
}

/* Auxiliary methods */

/* Chooses the item titled @title in the drop-down named @name, as a
 * user does. */
static void
choose_in_dropdown (GtkWidget  *parent,
                    const char *name,
                    const char *title)
{
  GtkWidget *dropdown = lm_test_find_named (parent, name);
  GListModel *items;

  g_assert_nonnull (dropdown);
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (item), title))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return;
        }
    }
  g_error ("no “%s” in the drop-down %s", title, name);
}

/* The title the window's data give the report figure @id. */
static const char *
preset_title (LmWindow   *window,
              const char *id)
{
  LmDataset *dataset = lm_model_get_dataset (lm_window_get_model (window));
  int r = lm_dataset_find_report (dataset, id);

  g_assert_cmpint (r, >=, 0);
  return lm_dataset_get_report (dataset, (guint) r)->title;
}

static guint8 *
copy_classes (LmChoropleth *map,
              guint        *n_out)
{
  const gint8 *classes = lm_choropleth_get_area_classes (map, n_out);

  g_assert_nonnull (classes);
  return g_memdup2 (classes, *n_out);
}

/* @outer holds all of @inner, to a metre (a fit rounds). */
static void
assert_contains (const LmBounds *outer,
                 const LmBounds *inner)
{
  g_assert_nonnull (outer);
  g_assert_cmpfloat (outer->xmin, <=, inner->xmin + 1);
  g_assert_cmpfloat (outer->xmax, >=, inner->xmax - 1);
  g_assert_cmpfloat (outer->ymin, <=, inner->ymin + 1);
  g_assert_cmpfloat (outer->ymax, >=, inner->ymax - 1);
}

/* As the window last told GTK (see _lm_window_update_actions). */
static gboolean
contains (const char *text,
          const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

/* Tests */

static gboolean
is_spinning (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget));
}

static gboolean
stack_at_rest (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
test_first_launch (Fixture       *fixture,
                   gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmChoropleth *map;
  LmScatterPlot *plot;
  LmModel *model;

  g_assert_cmpstr (lm_window_get_page (window), ==, "data");
  model = lm_window_get_model (window);
  g_assert_nonnull (model);
  g_assert_true (lm_view_get_model (view) == model);
  g_assert_cmpstr (lm_dataset_get_id (lm_model_get_dataset (model)), ==, "england-2019");

  /* England 2019, IMD score by ward, the "Leave vote vs CNI" plot. */
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "imd.score");
  g_assert_cmpstr (lm_view_get_palette (view), ==, LM_PALETTE_DEFAULT_SEQUENTIAL);
  map = LM_CHOROPLETH (lm_window_get_map (window));
  g_assert_cmpstr (lm_choropleth_get_level (map), ==, "ward");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "imd.score");
  g_assert_nonnull (lm_choropleth_get_current_variable (map));
  g_assert_nonnull (lm_choropleth_get_classification (map));
  g_assert_null (lm_choropleth_get_extent (map));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, 300);

  plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  g_assert_cmpstr (lm_view_get_plot_preset (view), ==, "leave-cni");
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "lad");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "eu.leave_pct");

  g_assert_cmpstr (lm_area_table_get_level (LM_AREA_TABLE (lm_window_get_table (window))), ==,
                   "ward");
  g_assert_nonnull (lm_window_get_details (window));
  g_assert_nonnull (lm_window_get_legend (window));

  /* Every panel is on screen. */
  g_assert_true (gtk_widget_get_mapped (lm_window_get_plot (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_table (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_weights_panel (window)));
  g_assert_true (gtk_widget_get_mapped (lm_window_get_details (window)));
  /* Nothing spins once the data show: GTK animates a spinning spinner
   * even on a page the window has left, drawing a frame 60 times a
   * second for as long as the window is open. The page left stays
   * mapped, its spinner spinning, while the pages cross-fade (200 ms,
   * which two frames on a busy machine may not reach). */
  lm_test_wait_until (stack_at_rest, window->stack, "the data page to fade in");
  g_assert_null (lm_test_find_widget (GTK_WIDGET (window), is_spinning, NULL));

  /* Actions that need data are enabled now; a reset needs custom weights. */
  g_assert_true (action_enabled (window, "win.zoom-in"));
  g_assert_true (action_enabled (window, "win.export-plot"));
  g_assert_false (action_enabled (window, "win.reset-weights"));
}

/* The table re-sorts once the weights rest: its first rows are then the
 * areas ranked 1, 2, 3... with the new weights. */
typedef struct
{
  GtkSelectionModel *rows;
  LmVariable        *rank;
} SortCheck;

static gboolean
table_is_sorted (gpointer data)
{
  SortCheck *check = data;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (check->rows), i);

      if (check->rank->values[lm_area_row_get_area (row)] != i + 1)
        return FALSE;
    }
  return TRUE;
}

static void
test_weight_changes_views (Fixture       *fixture,
                           gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmModel *model = lm_window_get_model (window);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  LmAreaTable *table = LM_AREA_TABLE (lm_window_get_table (window));
  LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (model), "ward");
  SortCheck check = { lm_area_table_get_rows (table), lm_level_find_variable (ward, "imd.rank") };
  g_autofree guint8 *before = NULL;
  const gint8 *after;
  guint n_before, n_after, n_changed = 0;
  double r_before, r_after;
  guint top_before;

  /* The plot that involves the IMD, chosen in the plot panel. */
  choose_in_dropdown (GTK_WIDGET (lm_window_get_plot_panel (window)), "plot-preset",
                      preset_title (window, "leave-imd"));
  g_assert_cmpstr (lm_view_get_plot_preset (lm_window_get_view (window)), ==, "leave-imd");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.score");
  r_before = lm_scatter_plot_get_stats (plot)->pearson_r;
  g_assert_false (isnan (r_before));

  g_assert_true (lm_area_table_sort_by (table, "imd.rank", GTK_SORT_ASCENDING));
  lm_test_wait_until (table_is_sorted, &check, "the table sorted by IMD rank");
  {
    g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (check.rows), 0);

    top_before = lm_area_row_get_area (row);
  }
  before = copy_classes (map, &n_before);

  /* Income weighs 60 instead of 22.5: through the window's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60.0);
  g_assert_true (lm_view_get_custom_weights (lm_window_get_view (window)));
  g_assert_true (action_enabled (window, "win.reset-weights"));

  /* The map's colours and the plot's statistics, at once. */
  after = lm_choropleth_get_area_classes (map, &n_after);
  g_assert_cmpuint (n_before, ==, n_after);
  for (guint i = 0; i < n_after; i++)
    n_changed += before[i] != (guint8) after[i];
  g_test_message ("%u of %u wards changed class", n_changed, n_after);
  g_assert_cmpuint (n_changed, >, n_after / 50);
  r_after = lm_scatter_plot_get_stats (plot)->pearson_r;
  g_test_message ("Leave vs IMD: r %.4f -> %.4f", r_before, r_after);
  g_assert_cmpfloat (fabs (r_after - r_before), >, 1e-4);

  /* The table, re-sorted by the new IMD rank once the weights rest. */
  g_assert_false (table_is_sorted (&check));
  lm_test_wait_until (table_is_sorted, &check, "the table re-sorted by the new IMD rank");
  {
    g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (check.rows), 0);

    g_test_message ("rank 1: %s, before %s", ward->names[lm_area_row_get_area (row)],
                    ward->names[top_before]);
  }

  /* Reset through the window's action: the official picture returns. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-weights", NULL));
  g_assert_true (lm_model_weights_are_default (model));
  g_assert_false (lm_view_get_custom_weights (lm_window_get_view (window)));
  after = lm_choropleth_get_area_classes (map, &n_after);
  g_assert_true (memcmp (before, after, n_after) == 0);
  g_assert_cmpfloat_with_epsilon (lm_scatter_plot_get_stats (plot)->pearson_r, r_before, 1e-9);

  /* The reset's toast offers Undo: the custom weights come back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60);
  /* One index only, from the weights panel's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-index-weights", "s",
                                             "imd"));
  g_assert_true (lm_model_weights_are_default (model));
}

static gboolean
extent_is_set (gpointer data)
{
  return lm_view_get_extent (data) != NULL;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmSearchPopover *search = lm_window_get_search_popover (window);
  LmView *view = lm_window_get_view (window);
  LmModel *model = lm_window_get_model (window);
  LmDataset *dataset = lm_model_get_dataset (model);
  LmSelection *selection = lm_model_get_selection (model);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmLevel *level = NULL;
  LmLevel *ward = lm_dataset_find_level (dataset, "ward");
  double scale_before = lm_choropleth_get_view (map)->metres_per_pixel;
  guint area = 0;
  guint n;
  const char *ward_code;

  /* An LSOA by its name; choosing it switches the map to LSOAs, selects
   * it and zooms to it. */
  n = lm_search_popover_search (search, "Tendring 018A");
  g_assert_cmpuint (n, >=, 1);
  g_assert_null (lm_search_popover_get_status (search));
  g_assert_true (lm_search_popover_get_result (search, 0, &level, &area));
  g_assert_cmpstr (level->id, ==, "lsoa");
  g_assert_cmpstr (level->names[area], ==, "Tendring 018A");

  /* As pressing Enter in the search entry does. */
  lm_search_popover_activate (search);
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
  g_assert_cmpstr (lm_choropleth_get_level (map), ==, "lsoa");
  g_assert_true (lm_choropleth_get_current_level (map) == level);
  g_assert_true (lm_selection_contains (selection, level, area));
  g_assert_cmpuint (lm_selection_count (selection, level), ==, 1);
  /* Zoomed in on one small area: once the zoom rests, it is the view's
   * extent. */
  lm_test_wait_until (extent_is_set, view, "the zoom to the area to rest");
  g_assert_cmpfloat (lm_choropleth_get_view (map)->metres_per_pixel, <, scale_before / 4);
  assert_contains (lm_view_get_extent (view),
                   &lm_shape_layer_get_feature (level->shapes, level->feature[area])->bounds);

  /* A district by its name, then its wards. */
  n = lm_search_popover_search (search, "Blackpool");
  g_assert_cmpuint (n, >, 2);
  g_assert_true (lm_search_popover_get_result (search, 0, &level, &area));
  g_assert_cmpstr (level->id, ==, "lad");
  g_assert_cmpstr (level->names[area], ==, "Blackpool");
  {
    guint blackpool = area;
    guint n_wards = 0;

    for (guint i = 1; lm_search_popover_get_result (search, i, &level, &area); i++)
      if (level == ward && ward->parent[area] == (int) blackpool)
        n_wards++;
    g_test_message ("Blackpool: %u wards listed", n_wards);
    g_assert_cmpuint (n_wards, >=, 10);
  }

  /* A ward by its code. */
  ward_code = ward->codes[ward->n_areas / 2];
  n = lm_search_popover_search (search, ward_code);
  g_assert_cmpuint (n, >=, 1);
  g_assert_true (lm_search_popover_get_result (search, 0, &level, &area));
  g_assert_true (level == ward);
  g_assert_cmpstr (ward->codes[area], ==, ward_code);
  lm_window_show_area (window, level, area);
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  g_assert_true (lm_selection_contains (selection, ward, area));

  /* Nothing found says so. */
  n = lm_search_popover_search (search, "Atlantis-upon-Sea");
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (lm_search_popover_get_status (search), ==, "No area has that name or code.");
}

static void
test_table_selects_map (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmModel *model = lm_window_get_model (window);
  LmSelection *selection = lm_model_get_selection (model);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  GtkSelectionModel *rows = lm_area_table_get_rows (LM_AREA_TABLE (lm_window_get_table (window)));
  g_autoptr(LmAreaRow) row = NULL;
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) codes = NULL;
  LmLevel *level;
  guint area;

  row = g_list_model_get_item (G_LIST_MODEL (rows), 3);
  level = lm_area_row_get_level (row);
  area = lm_area_row_get_area (row);
  g_assert_true (level == lm_choropleth_get_current_level (map));

  gtk_selection_model_select_item (rows, 3, TRUE);
  g_assert_true (lm_selection_contains (selection, level, area));
  g_assert_cmpuint (lm_selection_count (selection, level), ==, 1);
  g_assert_cmpuint (lm_selection_get_mask (selection, lm_choropleth_get_current_level (map))[area],
                    ==, 1);

  /* The view holds it as codes. */
  snapshot = lm_view_take_snapshot (lm_window_get_view (window));
  codes = lm_view_snapshot_lookup (snapshot, "selection");
  g_assert_cmpuint (g_variant_n_children (codes), ==, 1);
  {
    g_autoptr(GVariant) code = g_variant_get_child_value (codes, 0);

    g_assert_cmpstr (g_variant_get_string (code, NULL), ==, level->codes[area]);
  }
}

static void
test_level_without_variable (Fixture       *fixture,
                             gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));

  /* The CNI 2019 is a ward index: at LSOA level the map falls back to
   * the IMD score instead of going blank. */
  choose_in_dropdown (GTK_WIDGET (window), "variable",
                      lm_dataset_find_variable (lm_model_get_dataset (lm_window_get_model (window)),
                                                "ward", "cni.score")->title);
  g_assert_cmpstr (lm_view_get_variable (view), ==, "cni.score");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "cni.score");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.level", "s", "lsoa"));
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
  g_assert_cmpstr (lm_view_get_variable (view), ==, "imd.score");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "imd.score");
  g_assert_nonnull (lm_choropleth_get_current_variable (map));
  /* The header follows the view. */
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (
                     gtk_drop_down_get_selected_item (window->level_dropdown))),
                   ==, lm_dataset_find_level (lm_model_get_dataset (lm_window_get_model (window)),
                                              "lsoa")->title);

  /* A level the data lack is refused with a toast, not a critical. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.level", "s", "parish"));
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
}

static void
test_custom_plot (Fixture       *fixture,
                  gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  GtkWidget *panel = GTK_WIDGET (lm_window_get_plot_panel (window));
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  GtkRevealer *axes = NULL;

  for (GtkWidget *w = lm_test_find_named (panel, "plot-x"); w != NULL;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_REVEALER (w))
      {
        axes = GTK_REVEALER (w);
        break;
      }
  g_assert_nonnull (axes);

  /* "Any two variables" plots the map's level, and follows it. */
  lm_view_set_level (view, "lad");
  choose_in_dropdown (panel, "plot-preset", "Any Two Variables");
  g_assert_true (gtk_revealer_get_reveal_child (axes));
  g_assert_cmpstr (lm_view_get_plot_preset (view), ==, LM_VIEW_PLOT_CUSTOM);
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "lad");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "eu.leave_pct");

  /* Choosing an axis in its drop-down. */
  choose_in_dropdown (panel, "plot-x",
                      lm_dataset_find_variable (lm_model_get_dataset (lm_window_get_model (window)),
                                                "lad", "imd.income")->title);
  g_assert_cmpstr (lm_view_get_plot_x (view), ==, "imd.income");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.income");
  g_assert_cmpuint (lm_scatter_plot_get_stats (plot)->n, >, 300);

  lm_view_set_level (view, "region");
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "region");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.income");
  g_assert_cmpuint (lm_scatter_plot_get_stats (plot)->n, ==, 9);
  /* The axis drop-downs show the region's variables, the same choice. */
  {
    GtkDropDown *x = GTK_DROP_DOWN (lm_test_find_named (panel, "plot-x"));
    LmVariable *income = lm_dataset_find_variable (
      lm_model_get_dataset (lm_window_get_model (window)), "region", "imd.income");

    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (
                       gtk_drop_down_get_selected_item (x))), ==, income->title);
  }

  /* The weighted toggle is the view's too. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lm_test_find_named (panel, "plot-weighted")),
                                TRUE);
  g_assert_true (lm_view_get_weighted (view));
  g_assert_true (lm_scatter_plot_get_weighted (plot));

  /* Back to the report figure of a first launch. */
  choose_in_dropdown (panel, "plot-preset", preset_title (window, "leave-cni"));
  g_assert_false (gtk_revealer_get_reveal_child (axes));
  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "lad");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "cni.score");
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GListModel) toplevels = NULL;
  AdwAboutWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
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
}

/* The icon of the status page @page shows. */
static const char *
shown_status_icon (LmLoadPage *page)
{
  GtkWidget *stack = lm_test_find_type (GTK_WIDGET (page), GTK_TYPE_STACK);
  GtkWidget *shown = stack != NULL ? gtk_stack_get_visible_child (GTK_STACK (stack)) : NULL;

  g_assert_true (ADW_IS_STATUS_PAGE (shown));
  return adw_status_page_get_icon_name (ADW_STATUS_PAGE (shown));
}

static void
test_missing_data (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("levelmap-test-XXXXXX", &error);
  g_autofree char *absent = NULL;
  LmLoadPage *page;

  g_assert_no_error (error);

  /* A folder without the data: the page says what is missing and where
   * Levelmap looked, and offers the folder chooser. */
  lm_application_set_data_dir (app, empty);
  fixture->window = open_window ();
  page = lm_window_get_load_page (fixture->window);
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "error");
  g_assert_null (lm_window_get_model (fixture->window));
  g_assert_nonnull (lm_window_get_error_text (fixture->window));
  g_test_message ("error: %s", lm_window_get_error_text (fixture->window));
  g_assert_true (contains (lm_load_page_get_hint (page), empty));
  g_assert_true (contains (lm_load_page_get_hint (page), "--data-dir"));
  g_assert_true (contains (lm_load_page_get_hint (page), "LEVELMAP_DATA_DIR"));
  g_assert_true (lm_load_page_get_offers_folder_choice (page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  /* Its icon says what kind of problem it is (set with the problem). */
  g_assert_cmpstr (shown_status_icon (page), ==, "folder-symbolic");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));
  /* No data, so nothing to export or search. */
  g_assert_false (action_enabled (fixture->window, "win.export-map"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->search_button)));
  lm_test_window_close (fixture->window);

  /* A folder that is not there at all is named too. */
  absent = g_build_filename (empty, "no-such-folder", NULL);
  lm_application_set_data_dir (app, absent);
  fixture->window = open_window ();
  page = lm_window_get_load_page (fixture->window);
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "error");
  g_assert_true (contains (lm_window_get_error_text (fixture->window), absent));
  g_assert_true (contains (lm_load_page_get_hint (page), absent));

  /* Pointing at the right folder brings the data. */
  lm_application_set_data_dir (app, fixture->data_dir);
  lm_window_load (fixture->window, "england-2019", g_getenv ("LEVELMAP_DATA_DIR"));
  lm_test_window_wait_settled (fixture->window);
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "data");
  g_assert_nonnull (lm_window_get_model (fixture->window));
  g_assert_null (lm_window_get_error_text (fixture->window));

  g_rmdir (empty);
}

static gboolean
is_loading (gpointer data)
{
  return lm_window_get_loading (data);
}

static void
test_switch_dataset (Fixture       *fixture,
                     gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autoptr(LmModel) first = g_object_ref (lm_window_get_model (window));
  LmView *view = lm_window_get_view (window);
  LmBounds extent = { 350000, 400000, 370000, 420000 };
  AdwMessageDialog *asked;

  lm_view_set_extent (view, &extent);
  /* Choosing England 2025 in the header: the moved map is an unsaved
   * change, so the window asks first, and shows the current data
   * meanwhile. */
  choose_in_dropdown (GTK_WIDGET (window), "dataset", "England 2025");
  asked = find_message_dialog (window);
  g_assert_nonnull (asked);
  g_assert_false (lm_window_get_loading (window));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (lm_test_find_named (
                                                  GTK_WIDGET (window), "dataset"))), ==, 0);
  /* Discarded: it reloads in the background; the 2019 data stay on
   * screen meanwhile. */
  respond (asked, "discard");
  lm_test_wait_until (is_loading, window, "the other data to load");
  g_assert_true (lm_window_get_model (window) == first);
  g_assert_cmpstr (lm_window_get_page (window), ==, "data");
  lm_test_window_wait_settled (window);
  g_assert_true (lm_window_get_model (window) != first);
  g_assert_cmpstr (lm_view_get_dataset (view), ==, "england-2025");
  g_assert_cmpstr (lm_view_get_level (view), ==, "ward");
  g_assert_nonnull (lm_choropleth_get_current_variable (
                      LM_CHOROPLETH (lm_window_get_map (window))));
  /* Other data start fitted. */
  g_assert_null (lm_view_get_extent (view));
  {
    g_autofree char *remembered = g_settings_get_string (lm_application_get_settings (app),
                                                         "dataset");

    g_assert_cmpstr (remembered, ==, "england-2025");
  }
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Closed while its data still load: the load ends in its thread and its
 * result goes nowhere, the window is freed once it has, and the next
 * window loads as usual. */
static void
test_close_while_loading (Fixture       *fixture,
                          gconstpointer  data)
{
  LmWindow *window = lm_window_new (app);
  gboolean freed = FALSE;

  /* Object data go when the window is finalized, not when destroyed. */
  g_object_set_data_full (G_OBJECT (window), "test-freed", &freed, set_flag);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lm_window_get_loading (window));
  g_assert_null (lm_window_get_model (window));
  gtk_window_destroy (GTK_WINDOW (window));
  lm_test_wait_until (is_true, &freed, "the window closed while loading to be freed");

  fixture->window = open_window ();
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "data");
  g_assert_nonnull (lm_window_get_model (fixture->window));
}

/* The view's settings come back in the next window, through GSettings. */
static void
test_settings_restore (Fixture       *fixture,
                       gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmChoropleth *map;
  LmScatterPlot *plot;
  LmBounds extent = { 330000, 420000, 350000, 440000 };

  lm_view_set_level (view, "lad");
  lm_view_set_variable (view, "cni.score");
  lm_view_set_n_classes (view, 7);
  lm_view_set_palette (view, "Blues");
  lm_view_set_method (view, "jenks");
  lm_view_set_show_left_behind (view, FALSE);
  lm_view_set_custom_plot (view, "lad", "imd.income", "eu.turnout_pct");
  lm_view_set_weighted (view, TRUE);
  lm_view_set_extent (view, &extent);
  lm_test_window_close (window);

  fixture->window = window = open_window ();
  view = lm_window_get_view (window);
  map = LM_CHOROPLETH (lm_window_get_map (window));
  plot = LM_SCATTER_PLOT (lm_window_get_plot (window));
  g_assert_cmpstr (lm_choropleth_get_level (map), ==, "lad");
  g_assert_cmpstr (lm_choropleth_get_variable (map), ==, "cni.score");
  g_assert_cmpuint (lm_choropleth_get_n_classes (map), ==, 7);
  g_assert_cmpstr (lm_choropleth_get_palette (map), ==, "Blues");
  g_assert_cmpint (lm_choropleth_get_method (map), ==, LM_CLASSIFY_JENKS);
  g_assert_false (lm_choropleth_get_show_left_behind (map));
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (map), &extent));
  g_assert_cmpstr (lm_view_get_plot_preset (view), ==, LM_VIEW_PLOT_CUSTOM);
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "imd.income");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "eu.turnout_pct");
  g_assert_true (lm_scatter_plot_get_weighted (plot));
  /* The map shows all of the restored rectangle. */
  {
    LmBounds visible = lm_map_view_get_world_bounds (lm_choropleth_get_view (map));

    assert_contains (&visible, &extent);
  }
  /* Weights are an analysis, not a setting: never restored silently. */
  g_assert_false (lm_view_get_custom_weights (view));
}

static gboolean
extent_is_whole_layer (gpointer data)
{
  return lm_view_get_extent (LM_VIEW (data)) == NULL;
}

/* The map and the view move together: a zoom is one extent change once
 * it rests, a resize keeps the rectangle in view, zoom-to-fit is NULL. */
static void
test_map_extent (Fixture       *fixture,
                 gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  LmBounds extent;
  LmBounds visible;
  guint n_notified = 0;
  double cx = gtk_widget_get_width (GTK_WIDGET (map)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (map)) / 2.0;

  g_signal_connect (view, "notify::extent", G_CALLBACK (on_notify_count_cb), &n_notified);
  /* Three wheel steps: one gesture. */
  lm_choropleth_zoom_at (map, 1.25, cx, cy);
  lm_choropleth_zoom_at (map, 1.25, cx, cy);
  lm_choropleth_zoom_at (map, 1.25, cx, cy);
  g_assert_cmpuint (n_notified, ==, 0);
  lm_test_wait_until (count_reached, &n_notified, "the zoom to rest");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpuint (n_notified, ==, 1);
  extent = *lm_view_get_extent (view);
  visible = lm_map_view_get_world_bounds (lm_choropleth_get_view (map));
  g_assert_true (lm_bounds_equal (&extent, &visible));
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (map), &extent));

  /* Hiding the weights panel widens the map: the same rectangle stays
   * in view, and the view's extent does not change. */
  g_object_set (window, "show-weights", FALSE, NULL);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, (int) (2 * cx) + 100);
  visible = lm_map_view_get_world_bounds (lm_choropleth_get_view (map));
  assert_contains (&visible, &extent);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (lm_bounds_equal (lm_view_get_extent (view), &extent));

  /* Zoom to fit: the whole layer, no extent, once the animation ends. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  lm_test_wait_until (extent_is_whole_layer, view, "the zoom to fit to end");
  g_assert_cmpuint (n_notified, ==, 2);
  g_signal_handlers_disconnect_by_data (view, &n_notified);
}

/* A zoom to an area asked for before the map has a size (a search result
 * chosen while the window opens) becomes its extent once shown. */
static void
test_map_extent_before_allocation (Fixture       *fixture,
                                   gconstpointer  data)
{
  LmModel *model = lm_window_get_model (fixture->window);
  LmLevel *lad = lm_dataset_find_level (lm_model_get_dataset (model), "lad");
  guint area = (guint) lm_level_find_area (lad, "E06000009");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *map = lm_choropleth_new (model);
  guint n_notified = 0;
  const LmShapeFeature *feature;
  const LmBounds *extent;

  g_signal_connect (map, "notify::extent", G_CALLBACK (on_notify_count_cb), &n_notified);
  lm_choropleth_set_level (LM_CHOROPLETH (map), "lad");
  lm_choropleth_zoom_to_area (LM_CHOROPLETH (map), lad, area);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 500);
  gtk_window_set_child (GTK_WINDOW (window), map);
  gtk_window_present (GTK_WINDOW (window));
  lm_test_wait_until (count_reached, &n_notified, "the zoom to Blackpool to rest");
  g_assert_cmpuint (n_notified, ==, 1);

  feature = lm_shape_layer_get_feature (lad->shapes, lad->feature[area]);
  extent = lm_choropleth_get_extent (LM_CHOROPLETH (map));
  assert_contains (extent, &feature->bounds);
  /* Close to it: Blackpool, not England. */
  g_assert_cmpfloat (extent->xmax - extent->xmin, <,
                     4 * (feature->bounds.xmax - feature->bounds.xmin));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rest of the window follows the view; the weights panel's locks
 * reach it. */
static void
test_view_binds_widgets (Fixture       *fixture,
                         gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (window));
  GtkWidget *weights = lm_window_get_weights_panel (window);
  GtkWidget *lock = lm_test_find_named (weights, "imd.health-lock");
  const char *locked[] = { "imd.crime", NULL };
  gboolean action_state;

  lm_view_set_level (view, "region");
  g_assert_cmpstr (lm_choropleth_get_level (map), ==, "region");
  g_assert_cmpstr (lm_area_table_get_level (LM_AREA_TABLE (lm_window_get_table (window))), ==,
                   "region");
  lm_view_set_method (view, "stddev");
  g_assert_cmpint (lm_choropleth_get_method (map), ==, LM_CLASSIFY_STDDEV);
  lm_view_set_n_classes (view, 3);
  g_assert_cmpuint (lm_choropleth_get_n_classes (map), ==, 3);

  /* The menus' radio items are the view's state. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.palette", "s", "YlOrRd"));
  g_assert_cmpstr (lm_view_get_palette (view), ==, "YlOrRd");
  g_assert_cmpstr (lm_choropleth_get_palette (map), ==, "YlOrRd");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-left-behind", NULL));
  g_assert_false (lm_view_get_show_left_behind (view));
  g_object_get (window, "show-left-behind", &action_state, NULL);
  g_assert_false (action_state);
  g_assert_false (lm_choropleth_get_show_left_behind (map));

  /* Locks, both ways. */
  lm_view_set_locked (view, locked);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lm_test_find_named (weights,
                                                                             "imd.crime-lock"))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lock), TRUE);
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (view)), ==, 2);
  g_assert_true (g_strv_contains (lm_view_get_locked (view), "imd.health"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_window_init (&argc, &argv))
    return g_test_run ();

  ADD_TEST ("/window/first-launch", test_first_launch);
  ADD_TEST ("/window/weight-changes-views", test_weight_changes_views);
  ADD_TEST ("/window/search", test_search);
  ADD_TEST ("/window/table-selects-map", test_table_selects_map);
  ADD_TEST ("/window/level-without-variable", test_level_without_variable);
  ADD_TEST ("/window/custom-plot", test_custom_plot);
  ADD_TEST ("/window/about", test_about);
  ADD_TEST_NO_WINDOW ("/window/missing-data", test_missing_data);
  ADD_TEST ("/window/switch-dataset", test_switch_dataset);
  ADD_TEST_NO_WINDOW ("/window/close-while-loading", test_close_while_loading);
  ADD_TEST ("/window/settings-restore", test_settings_restore);
  ADD_TEST ("/window/map-extent", test_map_extent);
  ADD_TEST ("/window/map-extent-before-allocation", test_map_extent_before_allocation);
  ADD_TEST ("/window/view-binds-widgets", test_view_binds_widgets);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
