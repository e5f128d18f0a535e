/* test-scatter-plot.c — the scatter plot widget, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "lm-scatter-plot.h"

#include "lm-test-data.h"
#include "lm-test-widgets.h"

static LmModel *shared_model;

typedef struct
{
  LmModel       *model;
  GtkWidget     *window;
  LmScatterPlot *plot;
} Fixture;

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (shared_model == NULL)
    shared_model = lm_test_load_model ("england-2019");
  fixture->model = shared_model;
  lm_model_reset_weights (fixture->model, NULL);
  lm_selection_clear (lm_model_get_selection (fixture->model));

  fixture->plot = LM_SCATTER_PLOT (lm_scatter_plot_new (fixture->model));
  g_assert_true (lm_scatter_plot_set_preset (fixture->plot, (guint) lm_dataset_find_report (lm_model_get_dataset (fixture->model), "leave-cni"), &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->plot));
  gtk_window_present (GTK_WINDOW (fixture->window));
  lm_test_wait_until (is_allocated, fixture->plot, "the plot on screen");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->plot));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lm_model_reset_weights (fixture->model, NULL);
  lm_selection_clear (lm_model_get_selection (fixture->model));
}

/* Drives the drag gesture as a pointer would, by its signals (as
 * libshumate's tests/map.c drives its click gesture). */
static void
emit_drag (LmScatterPlot *plot,
           double         x0,
           double         y0,
           double         x1,
           double         y1)
{
  GtkEventController *drag = lm_test_find_controller (GTK_WIDGET (plot), GTK_TYPE_GESTURE_DRAG);

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
}

static void
assert_areas_equal (GArray *found,
                    GArray *expected)
{
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpuint (g_array_index (found, guint, i), ==, g_array_index (expected, guint, i));
}

/* The areas whose values lie inside a data rectangle, by their values. */
static GArray *
areas_in_data_rect (LmVariable *x,
                    LmVariable *y,
                    double      x_lo,
                    double      x_hi,
                    double      y_lo,
                    double      y_hi)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint a = 0; a < x->level->n_areas; a++)
    {
      double vx = x->values[a], vy = y->values[a];

      if (!isnan (vx) && !isnan (vy) && vx >= x_lo && vx <= x_hi && vy >= y_lo && vy <= y_hi)
        g_array_append_val (areas, a);
    }
  return areas;
}

static void
test_rubber_band (Fixture       *fixture,
                  gconstpointer  data)
{
  LmScatterRenderer *renderer = lm_scatter_plot_get_renderer (fixture->plot);
  LmSelection *selection = lm_model_get_selection (fixture->model);
  LmVariable *x = lm_test_variable (fixture->model, "lad", "cni.score");
  LmVariable *y = lm_test_variable (fixture->model, "lad", "eu.leave_pct");
  LmLevel *lad = x->level;
  LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (fixture->model), "ward");
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) wards = NULL;
  guint n_wards = 0;
  double x0, y0, x1, y1;

  /* A band from CNI 60.05 to 100.05 and Leave 55.05% to 70.05%, drawn
   * from its bottom-right corner to its top-left one. */
  lm_scatter_renderer_data_to_pixel (renderer, 100.05, 55.05, &x0, &y0);
  lm_scatter_renderer_data_to_pixel (renderer, 60.05, 70.05, &x1, &y1);
  expected = areas_in_data_rect (x, y, 60.05, 100.05, 55.05, 70.05);
  g_test_message ("%u districts in the band", expected->len);
  g_assert_cmpuint (expected->len, >, 20);
  g_assert_cmpuint (expected->len, <, lad->n_areas / 2);

  emit_drag (fixture->plot, x0, y0, x1, y1);

  /* The model's selection holds exactly those districts... */
  g_assert_true (lm_selection_get_level (selection) == lad);
  found = lm_selection_get_areas (selection, lad);
  assert_areas_equal (found, expected);

  /* ...and a ward map follows: the wards of those districts. */
  g_assert_nonnull (ward);
  wards = lm_selection_get_areas (selection, ward);
  for (guint w = 0; w < ward->n_areas; w++)
    {
      int parent = lm_level_get_ancestor (ward, w, lad);
      gboolean inside = FALSE;

      for (guint i = 0; parent >= 0 && i < expected->len; i++)
        inside |= g_array_index (expected, guint, i) == (guint) parent;
      if (inside)
        {
          g_assert_cmpuint (n_wards, <, wards->len);
          g_assert_cmpuint (g_array_index (wards, guint, n_wards), ==, w);
          n_wards++;
        }
    }
  g_assert_cmpuint (n_wards, ==, wards->len);
  g_assert_cmpuint (n_wards, >, expected->len);

  /* A second band with Ctrl adds. */
  {
    g_autoptr(GArray) more = areas_in_data_rect (x, y, 20.05, 40.05, 20.05, 40.05);
    g_autoptr(GArray) all = NULL;
    double a0, b0, a1, b1;

    g_assert_cmpuint (more->len, >, 0);
    lm_scatter_renderer_data_to_pixel (renderer, 20.05, 40.05, &a0, &b0);
    lm_scatter_renderer_data_to_pixel (renderer, 40.05, 20.05, &a1, &b1);
    lm_scatter_plot_select_rect (fixture->plot, a0, b0, a1, b1, LM_SELECTION_ADD);
    all = lm_selection_get_areas (selection, lad);
    g_assert_cmpuint (all->len, ==, expected->len + more->len);
  }

  /* Escape clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->plot),
                                             "scatter.clear-selection", NULL));
  g_assert_true (lm_selection_is_empty (selection));
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  LmScatterRenderer *renderer = lm_scatter_plot_get_renderer (fixture->plot);
  LmSelection *selection = lm_model_get_selection (fixture->model);
  LmVariable *x = lm_test_variable (fixture->model, "lad", "cni.score");
  LmVariable *y = lm_test_variable (fixture->model, "lad", "eu.leave_pct");
  GtkEventController *drag =
    lm_test_find_controller (GTK_WIDGET (fixture->plot), GTK_TYPE_GESTURE_DRAG);
  guint top = 0;
  double px, py;

  /* The district with the highest CNI stands apart from the rest. */
  for (guint a = 0; a < x->level->n_areas; a++)
    if (!isnan (x->values[a]) && !isnan (y->values[a]) &&
        (isnan (x->values[top]) || isnan (y->values[top]) || x->values[a] > x->values[top]))
      top = a;
  lm_scatter_renderer_data_to_pixel (renderer, x->values[top], y->values[top], &px, &py);

  g_signal_emit_by_name (drag, "drag-begin", px + 1, py - 1);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpuint (lm_selection_count (selection, x->level), ==, 1);
  g_assert_true (lm_selection_contains (selection, x->level, top));

  /* A click on empty paper clears. */
  g_signal_emit_by_name (drag, "drag-begin", 5.0, 5.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_true (lm_selection_is_empty (selection));
}

static void
test_hover (Fixture       *fixture,
            gconstpointer  data)
{
  LmScatterRenderer *renderer = lm_scatter_plot_get_renderer (fixture->plot);
  LmVariable *x = lm_test_variable (fixture->model, "lad", "cni.score");
  LmVariable *y = lm_test_variable (fixture->model, "lad", "eu.leave_pct");
  GtkEventController *motion =
    lm_test_find_controller (GTK_WIDGET (fixture->plot), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  LmLevel *lad = x->level;
  guint tested = 0;

  /* Hovering a point's pixel reports that point. */
  for (guint a = 0; a < lad->n_areas && tested < 40; a++)
    {
      double px, py;
      g_autofree char *markup = NULL;
      g_autofree char *name = NULL;

      if (isnan (x->values[a]) || isnan (y->values[a]))
        continue;
      lm_scatter_renderer_data_to_pixel (renderer, x->values[a], y->values[a], &px, &py);
      g_signal_emit_by_name (motion, "motion", px, py);
      g_assert_cmpint (lm_scatter_plot_get_hover (fixture->plot), ==, (int) a);

      markup = lm_scatter_plot_describe_area (fixture->plot, a);
      name = g_markup_escape_text (lad->names[a], -1);
      g_assert_nonnull (strstr (markup, name));
      g_assert_nonnull (strstr (markup, "%"));
      tested++;
    }
  g_assert_cmpuint (tested, ==, 40);

  {
    g_autofree char *markup = lm_scatter_plot_describe_area (fixture->plot, 0);

    g_test_message ("%s", markup);
    /* The CNI has ranks at district level. */
    g_assert_nonnull (strstr (markup, "rank"));
  }

  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpint (lm_scatter_plot_get_hover (fixture->plot), ==, -1);
}

/* A weight change moves the points and the statistics. */
static void
test_recompute (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LmVariable *x = lm_test_variable (fixture->model, "lad", "cni.score");
  LmVariable *y = lm_test_variable (fixture->model, "lad", "eu.leave_pct");
  double before = lm_scatter_plot_get_stats (fixture->plot)->pearson_r;
  LmStats expected;

  g_assert_true (lm_model_set_weight (fixture->model, "cni", "civic_assets", 5, &error));
  g_assert_no_error (error);
  lm_stats_compute (x->values, y->values, NULL, x->level->n_areas, &expected, NULL);
  g_assert_cmpfloat (lm_scatter_plot_get_stats (fixture->plot)->pearson_r, ==, expected.pearson_r);
  g_assert_cmpfloat (expected.pearson_r, !=, before);

  /* And it is drawn without complaint. */
  lm_test_wait_for_frames (GTK_WIDGET (fixture->plot));
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;

  g_assert_false (lm_scatter_plot_set_variables (fixture->plot, "lad", "imd.score", "nonsense",
                                                 &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_assert_cmpstr (lm_scatter_plot_get_y_id (fixture->plot), ==, "eu.leave_pct");

  g_assert_true (lm_scatter_plot_set_preset (fixture->plot, (guint) lm_dataset_find_report (lm_model_get_dataset (fixture->model), "imd-cni"), NULL));
  g_object_get (fixture->plot, "level-id", &level, NULL);
  g_assert_cmpstr (level, ==, "ward");
  g_assert_cmpuint (lm_scatter_plot_get_stats (fixture->plot)->n, >, 7000);

  g_object_set (fixture->plot, "weighted", TRUE, "colour-by", LM_SCATTER_COLOUR_LEFT_BEHIND, NULL);
  g_assert_true (lm_scatter_plot_get_weighted (fixture->plot));
  g_assert_true (lm_scatter_plot_get_stats (fixture->plot)->weighted);
  g_assert_cmpint (lm_scatter_plot_get_colour_by (fixture->plot), ==,
                   LM_SCATTER_COLOUR_LEFT_BEHIND);
  lm_test_wait_for_frames (GTK_WIDGET (fixture->plot));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  ADD_TEST ("/gui/scatter-plot/rubber-band", test_rubber_band);
  ADD_TEST ("/gui/scatter-plot/click", test_click);
  ADD_TEST ("/gui/scatter-plot/hover", test_hover);
  ADD_TEST ("/gui/scatter-plot/recompute", test_recompute);
  ADD_TEST ("/gui/scatter-plot/properties", test_properties);

  status = g_test_run ();
  g_clear_object (&shared_model);
  return status;
}
