/* test-synthetic-window.c — the map, legend, table, details and plot on a
 * made-up country speak its language, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include <gtk/gtk.h>

#include "lm-area-details.h"
#include "lm-area-table.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-scatter-plot.h"
#include "lm-synthetic.h"
#include "lm-test-widgets.h"

static char *manifest;

typedef struct
{
  LmModel   *model;
  GtkWidget *window;
  GtkWidget *map;
  GtkWidget *legend;
  GtkWidget *table;
  GtkWidget *details;
  GtkWidget *plot;
} Fixture;

/* Iterates the main context until @done says so (or 10 s pass). */
static gboolean
wait_until (gboolean (*done) (Fixture *fixture),
            Fixture  *fixture)
{
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  while (!done (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return done (fixture);
}

static gboolean
all_mapped (Fixture *fixture)
{
  GtkWidget *widgets[] = { fixture->map, fixture->legend, fixture->table, fixture->details,
                           fixture->plot };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (!gtk_widget_get_mapped (widgets[i]) || gtk_widget_get_height (widgets[i]) <= 0)
      return FALSE;
  return lm_choropleth_get_classification (LM_CHOROPLETH (fixture->map)) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);
  GtkWidget *grid = gtk_grid_new ();

  g_assert_no_error (error);
  fixture->model = lm_model_new (dataset);
  fixture->map = lm_choropleth_new (fixture->model);
  lm_choropleth_set_level (LM_CHOROPLETH (fixture->map), "parish");
  lm_choropleth_set_variable (LM_CHOROPLETH (fixture->map), "hdx.score");
  fixture->legend = lm_legend_new (LM_CHOROPLETH (fixture->map));
  fixture->table = lm_area_table_new (fixture->model);
  fixture->details = lm_area_details_new (fixture->model);
  /* A new plot shows the dataset's first report figure. */
  fixture->plot = lm_scatter_plot_new (fixture->model);

  gtk_widget_set_size_request (fixture->map, 500, 400);
  gtk_widget_set_size_request (fixture->legend, 200, 200);
  gtk_widget_set_size_request (fixture->table, 700, 300);
  gtk_widget_set_size_request (fixture->details, 300, 400);
  gtk_widget_set_size_request (fixture->plot, 500, 300);
  gtk_grid_attach (GTK_GRID (grid), fixture->map, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), fixture->legend, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), fixture->details, 2, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), fixture->table, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), fixture->plot, 1, 1, 1, 1);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1500, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), grid);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_until (all_mapped, fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->model);
}

/* An accessible property's text. The test AT context keeps what widgets
 * set; gtk_test_accessible_check_property() returns the value when it
 * differs from the one asked about, and nothing a widget says is "\x01". */
static char *
accessible_text (GtkWidget             *widget,
                 GtkAccessibleProperty  property)
{
  char *value;

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property));
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x01");
  g_assert_nonnull (value);
  return value;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_map_and_legend (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *map_label = accessible_text (fixture->map, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_autofree char *legend = accessible_text (fixture->legend, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_autofree char *tooltip = NULL;
  const LmMapView *view = lm_choropleth_get_view (LM_CHOROPLETH (fixture->map));
  double x, y;

  assert_contains (map_label, "Hardship score");
  assert_contains (map_label, "Parishes");
  lm_synthetic_assert_no_foreign_words (map_label, "the map's accessible name");
  /* The legend is titled by the variable and lists the classes. */
  g_assert_true (g_str_has_prefix (legend, "Hardship score."));
  lm_synthetic_assert_no_foreign_words (legend, "the legend");

  /* The tooltip of parish 7 (row B, column 2), at its centre. */
  lm_map_view_world_to_pixel (view, 1.5 * LM_SYNTHETIC_METRES, 4.5 * LM_SYNTHETIC_METRES, &x, &y);
  tooltip = lm_choropleth_get_tooltip_markup (LM_CHOROPLETH (fixture->map), x, y);
  g_assert_nonnull (tooltip);
  assert_contains (tooltip, "Hollow B2");
  assert_contains (tooltip, "Hardship score");
  lm_synthetic_assert_no_foreign_words (tooltip, "the map's tooltip");
}

/* Every column header, hidden or not: the table's own words and the
 * manifest's, never England's. */
static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (lm_test_find_type (fixture->table, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns;
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autofree char *label = NULL;

  g_assert_nonnull (view);
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);

      g_string_append_printf (headers, "%s|", title != NULL ? title : "");
    }
  g_test_message ("headers: %s", headers->str);
  assert_contains (headers->str, "|Province|");
  assert_contains (headers->str, "|Yes %|");
  assert_contains (headers->str, "|Stranded|");
  assert_contains (headers->str, "Low wages");
  lm_synthetic_assert_no_foreign_words (headers->str, "the table's headers");

  /* It starts at the level the rule judges: the 9 cantons. */
  g_assert_cmpstr (lm_area_table_get_level (LM_AREA_TABLE (fixture->table)), ==, "canton");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lm_area_table_get_rows (LM_AREA_TABLE (fixture->table)))),
                    ==, LM_SYNTHETIC_N_CANTONS);
  label = accessible_text (GTK_WIDGET (view), GTK_ACCESSIBLE_PROPERTY_LABEL);
  lm_synthetic_assert_no_foreign_words (label, "the table's accessible name");
}

static gboolean
details_show_marrow (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new (NULL);

  lm_test_collect_labels (fixture->details, text);
  return strstr (text->str, "Marrow\n") != NULL;
}

/* A stranded canton, K3 Marrow: its province, its plebiscite, the rule. */
static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  LmDataset *dataset = lm_model_get_dataset (fixture->model);
  LmLevel *canton = lm_dataset_find_level (dataset, "canton");
  g_autoptr(GString) text = g_string_new (NULL);
  guint marrow = 2;

  lm_selection_select (lm_model_get_selection (fixture->model), canton, &marrow, 1,
                       LM_SELECTION_REPLACE);
  g_assert_true (wait_until (details_show_marrow, fixture));
  lm_test_collect_labels (fixture->details, text);
  g_test_message ("details:\n%s", text->str);
  assert_contains (text->str, "K3 · Canton\n");
  assert_contains (text->str, "Province\nUpper March\n");
  assert_contains (text->str, "Canal plebiscite 2023\n");
  assert_contains (text->str, "Yes vote\n");
  assert_contains (text->str, "Stranded\nyes\n");
  assert_contains (text->str, "Hardship index\n");
  lm_synthetic_assert_no_foreign_words (text->str, "the details pane");
}

static void
test_plot (Fixture       *fixture,
           gconstpointer  data)
{
  LmScatterPlot *plot = LM_SCATTER_PLOT (fixture->plot);
  g_autofree char *label = accessible_text (fixture->plot, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_autofree char *description = accessible_text (fixture->plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_autofree char *point = NULL;

  g_assert_cmpstr (lm_scatter_plot_get_level_id (plot), ==, "canton");
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "hdx.score");
  g_assert_cmpstr (lm_scatter_plot_get_y_id (plot), ==, "plebiscite.yes_pct");
  g_assert_cmpuint (lm_scatter_plot_get_stats (plot)->n, ==, LM_SYNTHETIC_N_CANTONS);
  assert_contains (label, "Yes to the canal (%)");
  lm_synthetic_assert_no_foreign_words (label, "the plot's accessible name");
  lm_synthetic_assert_no_foreign_words (description, "the plot's accessible description");
  point = lm_scatter_plot_describe_area (plot, 6);
  assert_contains (point, "Brask");
  lm_synthetic_assert_no_foreign_words (point, "a point's tooltip");

  g_assert_true (lm_scatter_plot_set_preset (plot, 1, NULL));
  g_assert_cmpstr (lm_scatter_plot_get_x_id (plot), ==, "sfi.score");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test AT context keeps the accessible properties where tests can
   * read them, with no session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  manifest = lm_synthetic_write ();
  g_test_add ("/gui/synthetic/map-and-legend", Fixture, NULL, fixture_set_up, test_map_and_legend,
              fixture_tear_down);
  g_test_add ("/gui/synthetic/table", Fixture, NULL, fixture_set_up, test_table, fixture_tear_down);
  g_test_add ("/gui/synthetic/details", Fixture, NULL, fixture_set_up, test_details, fixture_tear_down);
  g_test_add ("/gui/synthetic/plot", Fixture, NULL, fixture_set_up, test_plot, fixture_tear_down);
  status = g_test_run ();
  lm_synthetic_remove (manifest);
  g_free (manifest);
  return status;
}
