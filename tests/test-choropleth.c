/* test-choropleth.c — the map widget and its legend under a display
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under xvfb-run with GDK_BACKEND=x11 GTK_A11Y=none
 * GSK_RENDERER=cairo GSETTINGS_BACKEND=memory (meson sets all but the
 * display): xvfb-run -a meson test -C BUILD test-choropleth
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "lm-choropleth.h"
#include "lm-choropleth-private.h"
#include "lm-legend.h"
#include "lm-legend-renderer.h"
#include "lm-model.h"
#include "lm-test-widgets.h"

#include "lm-test-widgets.h"

#define WIDTH 800
#define HEIGHT 600
#define MANCHESTER "E08000003"

static LmDataset *dataset;
static LmModel *model;

typedef struct
{
  GtkWidget    *window;
  LmChoropleth *map;
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* Runs what is pending now, without blocking. */
static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  lm_selection_clear (lm_model_get_selection (model));
  fixture->window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH, HEIGHT);
  gtk_window_set_resizable (GTK_WINDOW (fixture->window), FALSE);
  fixture->map = LM_CHOROPLETH (lm_choropleth_new (model));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while ((!gtk_widget_get_mapped (GTK_WIDGET (fixture->map)) ||
          gtk_widget_get_width (GTK_WIDGET (fixture->map)) != WIDTH ||
          lm_choropleth_get_last_render_ms (fixture->map) == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->map)), ==, WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->map)), ==, HEIGHT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_context ();
  lm_selection_clear (lm_model_get_selection (model));
}

/* A widget point well inside @area of @level (all four neighbours at
 * @margin pixels pick the same area), or FALSE. */
static gboolean
find_interior_pixel (LmChoropleth *map,
                     LmLevel      *level,
                     guint         area,
                     double        margin,
                     double       *out_x,
                     double       *out_y)
{
  const LmMapView *view = lm_choropleth_get_view (map);
  const LmShapeFeature *feature;
  int f = level->feature[area];

  g_assert_cmpint (f, >=, 0);
  feature = lm_shape_layer_get_feature (level->shapes, f);
  for (int j = 1; j < 40; j++)
    for (int i = 1; i < 40; i++)
      {
        double wx = feature->bounds.xmin + (feature->bounds.xmax - feature->bounds.xmin) * i / 40.0;
        double wy = feature->bounds.ymin + (feature->bounds.ymax - feature->bounds.ymin) * j / 40.0;
        double px, py;
        LmLevel *picked_level;
        guint picked;
        gboolean inside = TRUE;

        if (!lm_shape_layer_feature_contains (level->shapes, f, wx, wy))
          continue;
        lm_map_view_world_to_pixel (view, wx, wy, &px, &py);
        px = floor (px) + 0.5;
        py = floor (py) + 0.5;
        if (px < margin + 1 || py < margin + 1 || px > view->width - margin - 1 ||
            py > view->height - margin - 1)
          continue;
        for (int k = 0; k < 5 && inside; k++)
          {
            double dx = k == 1 ? margin : k == 2 ? -margin : 0;
            double dy = k == 3 ? margin : k == 4 ? -margin : 0;

            inside = lm_choropleth_pick (map, px + dx, py + dy, &picked_level, &picked) &&
                     picked_level == level && picked == area;
          }
        if (inside)
          {
            *out_x = px;
            *out_y = py;
            return TRUE;
          }
      }
  return FALSE;
}

static guint
find_area (const char *level_id,
           const char *code)
{
  LmLevel *level = lm_dataset_find_level (dataset, level_id);
  int area = lm_level_find_area (level, code);

  g_assert_cmpint (area, >=, 0);
  return (guint) area;
}

static void
pixel_color (cairo_surface_t *surface,
             int              x,
             int              y,
             double          *r,
             double          *g,
             double          *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  cairo_surface_flush (surface);
  p = *(const guint32 *) (data + y * stride + x * 4);
  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

static gboolean
color_close (double         r,
             double         g,
             double         b,
             const LmColor *c)
{
  return fabs (r - c->red) < 0.02 && fabs (g - c->green) < 0.02 && fabs (b - c->blue) < 0.02;
}

/* What the widget draws now, rendered with Cairo as GSK_RENDERER=cairo
 * does; NULL if it has drawn nothing yet. */
static cairo_surface_t *
render_snapshot (LmChoropleth *map)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (map));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (map));
  int h = gtk_widget_get_height (GTK_WIDGET (map));
  cairo_surface_t *image;
  cairo_t *cr;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (image);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  return image;
}

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main context until @condition holds, at most 10 s. */
static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

typedef struct
{
  LmChoropleth *map;
  double        x;
  double        y;
  LmColor       color;
} PixelCheck;

/* The widget shows @color at (x, y). */
static gboolean
shows_color (gpointer data)
{
  PixelCheck *check = data;
  cairo_surface_t *image = render_snapshot (check->map);
  double r, g, b;
  gboolean ok;

  if (image == NULL)
    return FALSE;
  pixel_color (image, (int) check->x, (int) check->y, &r, &g, &b);
  ok = color_close (r, g, b, &check->color);
  cairo_surface_destroy (image);
  return ok;
}

typedef struct
{
  LmChoropleth    *map;
  cairo_surface_t *before;
  LmBounds         rect;    /* widget pixels */
} ChangeCheck;

/* The widget's drawing differs from check->before inside check->rect. */
static gboolean
drawing_changed (gpointer data)
{
  ChangeCheck *check = data;
  cairo_surface_t *image = render_snapshot (check->map);
  guint n_changed = 0;

  if (image == NULL)
    return FALSE;
  for (int y = MAX ((int) check->rect.ymin, 0); y < MIN ((int) check->rect.ymax, HEIGHT); y++)
    for (int x = MAX ((int) check->rect.xmin, 0); x < MIN ((int) check->rect.xmax, WIDTH); x++)
      {
        double r0, g0, b0, r1, g1, b1;

        pixel_color (check->before, x, y, &r0, &g0, &b0);
        pixel_color (image, x, y, &r1, &g1, &b1);
        n_changed += fabs (r0 - r1) + fabs (g0 - g1) + fabs (b0 - b1) > 0.1;
      }
  cairo_surface_destroy (image);
  return n_changed > 20;
}

/* The widget pixels of @area's bounding box. */
static LmBounds
area_pixel_rect (LmChoropleth *map,
                 LmLevel      *level,
                 guint         area)
{
  const LmShapeFeature *feature = lm_shape_layer_get_feature (level->shapes, level->feature[area]);
  const LmMapView *view = lm_choropleth_get_view (map);
  LmBounds rect;

  lm_map_view_world_to_pixel (view, feature->bounds.xmin, feature->bounds.ymax, &rect.xmin, &rect.ymin);
  lm_map_view_world_to_pixel (view, feature->bounds.xmax, feature->bounds.ymin, &rect.xmax, &rect.ymax);
  return rect;
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_pick (Fixture       *fixture,
           gconstpointer  data)
{
  LmLevel *lad = lm_dataset_find_level (dataset, "lad");
  LmLevel *lsoa = lm_dataset_find_level (dataset, "lsoa");
  guint manchester = find_area ("lad", MANCHESTER);
  g_autofree char *markup = NULL;
  LmLevel *level;
  guint area;
  double x, y;

  lm_choropleth_set_level (fixture->map, "lad");
  g_assert_true (lm_choropleth_get_current_level (fixture->map) == lad);
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);
  g_assert_true (find_interior_pixel (fixture->map, lad, manchester, 4, &x, &y));

  g_assert_true (lm_choropleth_pick (fixture->map, x, y, &level, &area));
  g_assert_true (level == lad);
  g_assert_cmpuint (area, ==, manchester);
  markup = lm_choropleth_get_tooltip_markup (fixture->map, x, y);
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "Manchester"));
  g_assert_nonnull (strstr (markup, MANCHESTER));
  g_assert_nonnull (strstr (markup, "IMD"));

  /* A map not laid out yet has nothing under any point. */
  {
    LmChoropleth *unsized = LM_CHOROPLETH (g_object_ref_sink (lm_choropleth_new (model)));

    lm_choropleth_set_level (unsized, "lad");
    g_assert_false (lm_choropleth_pick (unsized, x, y, NULL, NULL));
    g_assert_null (lm_choropleth_get_tooltip_markup (unsized, x, y));
    g_object_unref (unsized);
  }

  /* Beside England there is nothing. */
  lm_choropleth_zoom_to_fit (fixture->map);
  g_assert_false (lm_choropleth_pick (fixture->map, 2, 2, NULL, NULL));
  g_assert_null (lm_choropleth_get_tooltip_markup (fixture->map, 2, 2));

  /* LSOAs: the one under a point of Manchester lies in Manchester, and
   * its tooltip names the local authority. */
  lm_choropleth_set_level (fixture->map, "lsoa");
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);
  g_assert_true (lm_choropleth_pick (fixture->map, x, y, &level, &area));
  g_assert_true (level == lsoa);
  g_assert_cmpint (lm_level_get_ancestor (lsoa, area, lad), ==, (int) manchester);
  g_clear_pointer (&markup, g_free);
  markup = lm_choropleth_get_tooltip_markup (fixture->map, x, y);
  g_assert_nonnull (strstr (markup, lsoa->codes[area]));
  g_assert_nonnull (strstr (markup, "Local authority: Manchester"));
  g_assert_nonnull (strstr (markup, "Rank "));
}

static void
test_scroll_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEventController *motion =
    lm_test_find_controller (GTK_WIDGET (fixture->map), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  GtkEventController *scroll =
    lm_test_find_controller (GTK_WIDGET (fixture->map), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  const LmMapView *view = lm_choropleth_get_view (fixture->map);
  double px = 300.5, py = 420.25;
  double wx0, wy0, wx1, wy1, mpp0;
  gboolean handled = FALSE;

  lm_map_view_pixel_to_world (view, px, py, &wx0, &wy0);
  mpp0 = view->metres_per_pixel;
  g_signal_emit_by_name (motion, "motion", px, py);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (view->metres_per_pixel, <, mpp0 * 0.9);
  lm_map_view_pixel_to_world (view, px, py, &wx1, &wy1);
  g_assert_cmpfloat_with_epsilon (wx0, wx1, 0.01);
  g_assert_cmpfloat_with_epsilon (wy0, wy1, 0.01);

  /* Two more notches in, one out: still fixed. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, -2.0, &handled);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  lm_map_view_pixel_to_world (view, px, py, &wx1, &wy1);
  g_assert_cmpfloat_with_epsilon (wx0, wx1, 0.01);
  g_assert_cmpfloat_with_epsilon (wy0, wy1, 0.01);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, mpp0 / (1.25 * 1.25), mpp0 * 1e-9);

  /* The wheel has no end event: once it pauses, the extent becomes the
   * visible rectangle, with one notification. */
  {
    guint n_notify = 0;
    gulong id = g_signal_connect_swapped (fixture->map, "notify::extent",
                                          G_CALLBACK (g_atomic_int_inc), &n_notify);
    LmBounds shown = lm_map_view_get_world_bounds (view);

    while (n_notify == 0)
      g_main_context_iteration (NULL, TRUE);
    drain_main_context ();
    g_assert_cmpuint (n_notify, ==, 1);
    g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (fixture->map), &shown));
    g_signal_handler_disconnect (fixture->map, id);
  }

  /* The drawing follows: the area under the pointer shows its colour. */
  {
    LmLevel *level;
    guint area, n_colors;
    const gint8 *classes = lm_choropleth_get_area_classes (fixture->map, NULL);
    const LmColor *colors = lm_choropleth_get_class_colors (fixture->map, &n_colors);
    PixelCheck check = { fixture->map, 0, 0, { 0 } };

    lm_choropleth_set_level (fixture->map, "lad");
    classes = lm_choropleth_get_area_classes (fixture->map, NULL);
    colors = lm_choropleth_get_class_colors (fixture->map, &n_colors);
    level = lm_choropleth_get_current_level (fixture->map);
    lm_choropleth_zoom_to_area (fixture->map, level, find_area ("lad", MANCHESTER));
    g_assert_true (find_interior_pixel (fixture->map, level, find_area ("lad", MANCHESTER), 4,
                                        &check.x, &check.y));
    g_signal_emit_by_name (motion, "motion", check.x, check.y);
    g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
    g_assert_true (lm_choropleth_pick (fixture->map, check.x, check.y, &level, &area));
    g_assert_cmpint (classes[area], >=, 0);
    check.color = colors[classes[area]];
    g_assert_true (wait_for (shows_color, &check));
    g_signal_emit_by_name (motion, "leave");
  }

  /* Keyboard: zoom-in, zoom-out and fit are actions. */
  mpp0 = view->metres_per_pixel;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, mpp0 / 1.5, mpp0 * 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, mpp0, mpp0 * 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.pan", "(ii)", 1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.zoom-fit", NULL));
  {
    LmLevel *level = lm_choropleth_get_current_level (fixture->map);
    LmBounds bounds = lm_shape_layer_get_bounds (level->shapes);
    LmBounds shown = lm_map_view_get_world_bounds (view);

    g_assert_cmpfloat (shown.xmin, <=, bounds.xmin);
    g_assert_cmpfloat (shown.xmax, >=, bounds.xmax);
    g_assert_cmpfloat (shown.ymin, <=, bounds.ymin);
    g_assert_cmpfloat (shown.ymax, >=, bounds.ymax);
  }
}

static void
test_click_select (Fixture       *fixture,
                   gconstpointer  data)
{
  LmSelection *selection = lm_model_get_selection (model);
  GtkEventController *click =
    lm_test_find_controller (GTK_WIDGET (fixture->map), GTK_TYPE_GESTURE_CLICK);
  LmLevel *lad = lm_dataset_find_level (dataset, "lad");
  guint manchester = find_area ("lad", MANCHESTER);
  guint salford = find_area ("lad", "E08000006");
  double x, y, x2, y2;
  ChangeCheck before;

  lm_choropleth_set_level (fixture->map, "lad");
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);
  g_assert_true (find_interior_pixel (fixture->map, lad, manchester, 3, &x, &y));
  g_assert_true (find_interior_pixel (fixture->map, lad, salford, 3, &x2, &y2));

  {
    PixelCheck check = { fixture->map, x, y, { 0 } };
    const gint8 *classes = lm_choropleth_get_area_classes (fixture->map, NULL);

    /* Drawn as it is before anything is selected. */
    check.color = lm_choropleth_get_class_colors (fixture->map, NULL)[classes[manchester]];
    g_assert_true (wait_for (shows_color, &check));
    before.map = fixture->map;
    before.before = render_snapshot (fixture->map);
    before.rect = area_pixel_rect (fixture->map, lad, manchester);
  }
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_cmpuint (lm_selection_count (selection, lad), ==, 1);
  g_assert_true (lm_selection_contains (selection, lad, manchester));
  /* The selection is drawn: Manchester's outline changes the image. */
  g_assert_true (wait_for (drawing_changed, &before));
  cairo_surface_destroy (before.before);

  /* A plain click elsewhere replaces; Ctrl+click toggles. */
  g_signal_emit_by_name (click, "pressed", 1, x2, y2);
  g_signal_emit_by_name (click, "released", 1, x2, y2);
  g_assert_cmpuint (lm_selection_count (selection, lad), ==, 1);
  g_assert_true (lm_selection_contains (selection, lad, salford));
  lm_choropleth_select_at (fixture->map, x, y, LM_SELECTION_TOGGLE);
  g_assert_cmpuint (lm_selection_count (selection, lad), ==, 2);
  lm_choropleth_select_at (fixture->map, x2, y2, LM_SELECTION_TOGGLE);
  g_assert_cmpuint (lm_selection_count (selection, lad), ==, 1);
  g_assert_true (lm_selection_contains (selection, lad, manchester));

  /* Escape clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.clear-selection", NULL));
  g_assert_true (lm_selection_is_empty (selection));
  /* A click beside the map clears too. */
  lm_choropleth_select_at (fixture->map, x, y, LM_SELECTION_REPLACE);
  g_assert_false (lm_selection_is_empty (selection));
  lm_choropleth_zoom_to_fit (fixture->map);
  g_signal_emit_by_name (click, "pressed", 1, 2.0, 2.0);
  g_signal_emit_by_name (click, "released", 1, 2.0, 2.0);
  g_assert_true (lm_selection_is_empty (selection));
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);

  /* A double click zooms in about the point. */
  {
    const LmMapView *view = lm_choropleth_get_view (fixture->map);
    double mpp0 = view->metres_per_pixel;

    g_signal_emit_by_name (click, "pressed", 2, x, y);
    g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, mpp0 / 2, mpp0 * 1e-9);
  }
}

static void
test_legend_select (Fixture       *fixture,
                    gconstpointer  data)
{
  LmSelection *selection = lm_model_get_selection (model);
  GtkWidget *legend = lm_legend_new (fixture->map);
  const LmClassification *classes;
  const gint8 *area_classes;
  LmLevel *level;
  guint n_areas;
  double y;
  int row = LM_LEGEND_HIT_NONE;

  g_object_ref_sink (legend);
  lm_choropleth_set_level (fixture->map, "ward");
  lm_choropleth_set_variable (fixture->map, "cni.score");
  level = lm_choropleth_get_current_level (fixture->map);
  classes = lm_choropleth_get_classification (fixture->map);
  g_assert_nonnull (classes);
  g_assert_cmpuint (classes->n_classes, ==, 5);
  area_classes = lm_choropleth_get_area_classes (fixture->map, &n_areas);
  g_assert_cmpuint (n_areas, ==, level->n_areas);

  for (guint k = 0; k < classes->n_classes; k++)
    {
      g_autoptr(GArray) selected = NULL;
      guint expected = 0;

      g_assert_true (lm_legend_select_row (LM_LEGEND (legend), k, LM_SELECTION_REPLACE));
      selected = lm_selection_get_areas (selection, level);
      for (guint a = 0; a < n_areas; a++)
        expected += area_classes[a] == (int) k;
      g_assert_cmpuint (expected, ==, classes->count[k]);
      g_assert_cmpuint (selected->len, ==, expected);
      for (guint i = 0; i < selected->len; i++)
        g_assert_cmpint (area_classes[g_array_index (selected, guint, i)], ==, (int) k);
    }

  /* Shift adds a second class. */
  g_assert_true (lm_legend_select_row (LM_LEGEND (legend), 0, LM_SELECTION_REPLACE));
  g_assert_true (lm_legend_select_row (LM_LEGEND (legend), 1, LM_SELECTION_ADD));
  g_assert_cmpuint (lm_selection_count (selection, level), ==, classes->count[0] + classes->count[1]);

  /* A click on a class row, as the user does it: find a row by hit test
   * and emit the click gesture's "released" there. */
  for (y = 0; y < 400 && row < 0; y += 1)
    row = lm_legend_hit_test (LM_LEGEND (legend), 30, y);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (row, <, (int) classes->n_classes);
  {
    GtkEventController *click = lm_test_find_controller (legend, GTK_TYPE_GESTURE_CLICK);

    g_signal_emit_by_name (click, "released", 1, 30.0, y - 1);
  }
  g_assert_cmpuint (lm_selection_count (selection, level), ==, classes->count[row]);

  /* The left-behind row selects the left-behind wards. */
  {
    guint n_left_behind;
    LmLevel *rule_level = lm_choropleth_get_left_behind (fixture->map, &n_left_behind);

    g_assert_true (rule_level == level);
    g_assert_cmpuint (n_left_behind, >, 150);
    g_assert_true (lm_legend_select_row (LM_LEGEND (legend), LM_LEGEND_HIT_LEFT_BEHIND,
                                         LM_SELECTION_REPLACE));
    g_assert_cmpuint (lm_selection_count (selection, level), ==, n_left_behind);
  }
  g_object_unref (legend);
}

/* A viewport given its land before its size (a thread makes the mask)
 * fits the layer around a legend exactly as one given it once sized
 * (made at once), and the land moves that fit. */
static void
test_land_before_size (void)
{
  LmLevel *lad = lm_dataset_find_level (dataset, "lad");
  const LmMapRect legend = { 0, 0, 300, 150 };
  LmMapViewport *viewports[3];
  LmBounds bounds;

  g_assert_true (lm_dataset_ensure_shapes (dataset, lad, NULL));
  bounds = lm_shape_layer_get_bounds (lad->shapes);
  for (guint i = 0; i < 3; i++)
    {
      viewports[i] = lm_map_viewport_new ();
      lm_map_viewport_set_data_bounds (viewports[i], &bounds);
    }
  lm_map_viewport_set_land (viewports[0], lad->shapes);
  for (guint i = 0; i < 3; i++)
    lm_map_viewport_set_size (viewports[i], WIDTH, HEIGHT);
  lm_map_viewport_set_land (viewports[1], lad->shapes);
  for (guint i = 0; i < 3; i++)
    lm_map_viewport_set_covered (viewports[i], &legend, 1);

  {
    const LmMapView *a = lm_map_viewport_get_view (viewports[0]);
    const LmMapView *b = lm_map_viewport_get_view (viewports[1]);
    const LmMapView *none = lm_map_viewport_get_view (viewports[2]);

    g_assert_cmpfloat (a->metres_per_pixel, ==, b->metres_per_pixel);
    g_assert_cmpfloat (a->center_x, ==, b->center_x);
    g_assert_cmpfloat (a->center_y, ==, b->center_y);
    g_assert_true (a->metres_per_pixel != none->metres_per_pixel ||
                   a->center_x != none->center_x || a->center_y != none->center_y);
  }
  for (guint i = 0; i < 3; i++)
    g_object_unref (viewports[i]);
}

/* What @widget draws now, through GTK's own snapshot. */
static cairo_surface_t *
draw_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
both_drawn (gpointer data)
{
  GtkWidget **legends = data;

  return gtk_widget_get_mapped (legends[0]) && gtk_widget_get_mapped (legends[1]) &&
         gtk_widget_get_height (legends[0]) > 0 && gtk_widget_get_height (legends[1]) > 0;
}

/* A legend made with its map before it has a window lays itself out
 * only once its CSS gives it a font: in a window it shows what a legend
 * given its map after it was styled shows (size, rows, pixels). */
static void
test_legend_styled (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *legends[2];
  cairo_surface_t *images[2];
  int sizes[2][2];

  lm_choropleth_set_level (fixture->map, "ward");
  lm_choropleth_set_variable (fixture->map, "cni.score");
  legends[0] = lm_legend_new (fixture->map);
  legends[1] = lm_legend_new (NULL);
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_set_halign (legends[i], GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), legends[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  lm_test_wait_for_frames (legends[1]);
  lm_legend_set_map (LM_LEGEND (legends[1]), fixture->map);
  lm_test_wait_until (both_drawn, legends, "both legends drawn");
  lm_test_wait_for_frames (legends[1]);

  for (guint i = 0; i < 2; i++)
    {
      lm_legend_get_full_size (LM_LEGEND (legends[i]), &sizes[i][0], &sizes[i][1]);
      images[i] = draw_widget (legends[i]);
    }
  /* Five classes, the areas without data and the left-behind wards. */
  g_assert_cmpint (sizes[0][0], >, 100);
  g_assert_cmpint (sizes[0][1], >, 100);
  g_assert_cmpint (sizes[0][0], ==, sizes[1][0]);
  g_assert_cmpint (sizes[0][1], ==, sizes[1][1]);
  g_assert_cmpuint (count_children (legends[0]), ==, count_children (legends[1]));
  g_assert_cmpuint (count_children (legends[0]), >=, 1 + 5);
  g_assert_cmpint (cairo_image_surface_get_width (images[0]), ==,
                   cairo_image_surface_get_width (images[1]));
  g_assert_cmpint (cairo_image_surface_get_height (images[0]), ==,
                   cairo_image_surface_get_height (images[1]));
  for (int y = 0; y < cairo_image_surface_get_height (images[0]); y++)
    g_assert_cmpmem (cairo_image_surface_get_data (images[0]) + y * cairo_image_surface_get_stride (images[0]),
                     cairo_image_surface_get_width (images[0]) * 4,
                     cairo_image_surface_get_data (images[1]) + y * cairo_image_surface_get_stride (images[1]),
                     cairo_image_surface_get_width (images[1]) * 4);
  for (guint i = 0; i < 2; i++)
    cairo_surface_destroy (images[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static void
test_colours (Fixture       *fixture,
              gconstpointer  data)
{
  LmLevel *lad = lm_dataset_find_level (dataset, "lad");
  guint manchester = find_area ("lad", MANCHESTER);
  const gint8 *area_classes;
  const LmColor *colors;
  cairo_surface_t *image;
  double x, y, r, g, b;
  int k;

  lm_choropleth_set_level (fixture->map, "lad");
  lm_choropleth_set_palette (fixture->map, "YlOrRd");
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);
  g_assert_true (find_interior_pixel (fixture->map, lad, manchester, 4, &x, &y));
  area_classes = lm_choropleth_get_area_classes (fixture->map, NULL);
  colors = lm_choropleth_get_class_colors (fixture->map, NULL);
  k = area_classes[manchester];
  g_assert_cmpint (k, >=, 0);

  /* The clipboard image: the exported figure of what the map shows, on
   * white paper, at the widget's size. The map is zoomed to Manchester,
   * so Manchester's colour covers a large part of it (the view is the
   * district with an eighth of the size as margin on each side). */
  image = lm_choropleth_render_image (fixture->map);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, HEIGHT);
  pixel_color (image, 1, 1, &r, &g, &b);
  g_assert_cmpfloat (r + g + b, >, 2.99);
  {
    guint n_class = 0;

    for (int py = 0; py < HEIGHT; py += 2)
      for (int px = 0; px < WIDTH; px += 2)
        {
          pixel_color (image, px, py, &r, &g, &b);
          n_class += color_close (r, g, b, &colors[k]);
        }
    g_assert_cmpuint (n_class, >, (WIDTH / 2) * (HEIGHT / 2) / 10);
  }
  cairo_surface_destroy (image);

  /* What the widget draws on screen, from its cached image: render its
   * snapshot with Cairo, as GSK_RENDERER=cairo does. */
  {
    PixelCheck check = { fixture->map, x, y, colors[k] };

    g_assert_true (wait_for (shows_color, &check));
  }

  /* Palette and weights recolour: "classes-changed" tells the legend. */
  {
    guint n_changed = 0;
    gulong id = g_signal_connect_swapped (fixture->map, "classes-changed",
                                          G_CALLBACK (g_atomic_int_inc), &n_changed);
    g_autoptr(GError) error = NULL;

    lm_choropleth_set_palette (fixture->map, "viridis");
    g_assert_cmpuint (n_changed, ==, 1);
    g_assert_true (lm_model_set_weight (model, "imd", "income", 40, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_changed, ==, 2);
    lm_model_reset_weights (model, NULL);
    /* The same two variables (or none) again classify nothing anew;
     * others do, and the way back to one variable too. */
    n_changed = 0;
    lm_choropleth_set_bivariate (fixture->map, NULL, NULL);
    g_assert_cmpuint (n_changed, ==, 1);
    lm_choropleth_set_bivariate (fixture->map, NULL, NULL);
    g_assert_cmpuint (n_changed, ==, 1);
    lm_choropleth_set_bivariate (fixture->map, "imd.score,cni.score", NULL);
    g_assert_nonnull (lm_choropleth_get_bivariate (fixture->map));
    g_assert_cmpuint (n_changed, ==, 2);
    lm_choropleth_set_bivariate (fixture->map, "imd.score,cni.score", NULL);
    g_assert_cmpuint (n_changed, ==, 2);
    lm_choropleth_set_bivariate (fixture->map, "imd.score,cni.score", "green-blue");
    g_assert_cmpuint (n_changed, ==, 3);
    lm_choropleth_set_bivariate (fixture->map, NULL, NULL);
    g_assert_cmpuint (n_changed, ==, 4);
    g_signal_handler_disconnect (fixture->map, id);
  }

  /* The copy puts a texture on the clipboard. */
  lm_choropleth_copy_to_clipboard (fixture->map);
  g_assert_true (gdk_content_formats_contain_gtype (
      gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (fixture->map))),
      GDK_TYPE_TEXTURE));
}

static gboolean
has_drawn (gpointer data)
{
  cairo_surface_t *image = render_snapshot (data);

  if (image == NULL)
    return FALSE;
  cairo_surface_destroy (image);
  return TRUE;
}

/* The credit in the map's corner goes when a page around the map gives
 * it (presentation view), and comes back. */
static void
test_attribution (Fixture       *fixture,
                  gconstpointer  data)
{
  ChangeCheck check = { fixture->map, NULL, { WIDTH / 2, HEIGHT - 40, WIDTH, HEIGHT } };

  g_assert_true (wait_for (has_drawn, fixture->map));
  for (guint show = 0; show <= 1; show++)
    {
      check.before = render_snapshot (fixture->map);
      lm_choropleth_set_show_attribution (fixture->map, show);
      g_assert_true (wait_for (drawing_changed, &check));
      g_clear_pointer (&check.before, cairo_surface_destroy);
    }
}

static void
test_no_data (Fixture       *fixture,
              gconstpointer  data)
{
  /* The 2019 CNI is published for wards, never pushed down to LSOAs. */
  lm_choropleth_set_level (fixture->map, "lsoa");
  lm_choropleth_set_variable (fixture->map, "cni.score");
  g_assert_null (lm_choropleth_get_current_variable (fixture->map));
  g_assert_null (lm_choropleth_get_classification (fixture->map));
  g_assert_nonnull (lm_choropleth_get_message (fixture->map));
  g_assert_nonnull (strstr (lm_choropleth_get_message (fixture->map), "No data at this level"));

  lm_choropleth_set_level (fixture->map, "ward");
  g_assert_nonnull (lm_choropleth_get_current_variable (fixture->map));
  g_assert_null (lm_choropleth_get_message (fixture->map));
  g_assert_nonnull (lm_choropleth_get_classification (fixture->map));

  /* Properties round-trip. */
  g_object_set (fixture->map, "method", LM_CLASSIFY_DECILES, "n-classes", 7,
                "show-left-behind", FALSE, NULL);
  g_assert_cmpint (lm_choropleth_get_method (fixture->map), ==, LM_CLASSIFY_DECILES);
  g_assert_cmpuint (lm_choropleth_get_n_classes (fixture->map), ==, 7);
  g_assert_false (lm_choropleth_get_show_left_behind (fixture->map));
  g_assert_cmpuint (lm_choropleth_get_classification (fixture->map)->n_classes, ==, 10);
}

/* @outer contains @inner (to a millimetre). */
static void
assert_contains (const LmBounds *outer,
                 const LmBounds *inner)
{
  g_assert_cmpfloat (outer->xmin, <=, inner->xmin + 1e-3);
  g_assert_cmpfloat (outer->ymin, <=, inner->ymin + 1e-3);
  g_assert_cmpfloat (outer->xmax, >=, inner->xmax - 1e-3);
  g_assert_cmpfloat (outer->ymax, >=, inner->ymax - 1e-3);
}

/* Shows @rect centred and fills the view along one side of it. */
static void
assert_shows_fitted (LmChoropleth   *map,
                     const LmBounds *rect)
{
  const LmMapView *view = lm_choropleth_get_view (map);
  LmBounds shown = lm_map_view_get_world_bounds (view);
  double rw = rect->xmax - rect->xmin, rh = rect->ymax - rect->ymin;

  assert_contains (&shown, rect);
  g_assert_cmpfloat_with_epsilon (view->center_x, (rect->xmin + rect->xmax) / 2, 1e-3);
  g_assert_cmpfloat_with_epsilon (view->center_y, (rect->ymin + rect->ymax) / 2, 1e-3);
  g_assert_true (fabs ((shown.xmax - shown.xmin) - rw) < 1e-3 * rw ||
                 fabs ((shown.ymax - shown.ymin) - rh) < 1e-3 * rh);
}

static void
allocate (LmChoropleth *map,
          int           width,
          int           height)
{
  gtk_widget_size_allocate (GTK_WIDGET (map), &(GtkAllocation) { 0, 0, width, height }, -1);
  g_assert_cmpint (lm_choropleth_get_view (map)->width, ==, width);
  g_assert_cmpint (lm_choropleth_get_view (map)->height, ==, height);
}

static void
test_extent (Fixture       *fixture,
             gconstpointer  data)
{
  LmLevel *lad = lm_dataset_find_level (dataset, "lad");
  guint manchester = find_area ("lad", MANCHESTER);
  GtkEventController *drag =
    lm_test_find_controller (GTK_WIDGET (fixture->map), GTK_TYPE_GESTURE_DRAG);
  const LmMapView *view = lm_choropleth_get_view (fixture->map);
  /* Greater Manchester, roughly, in British National Grid metres */
  LmBounds rect = { 370000, 390000, 400000, 410000 };
  LmBounds england;
  guint n_notify = 0;
  gulong id;

  lm_choropleth_set_level (fixture->map, "lad");
  england = lm_shape_layer_get_bounds (lad->shapes);
  id = g_signal_connect_swapped (fixture->map, "notify::extent", G_CALLBACK (g_atomic_int_inc),
                                 &n_notify);

  /* Untouched, the map shows the whole layer. */
  g_assert_null (lm_choropleth_get_extent (fixture->map));
  assert_contains ((LmBounds[]) { lm_map_view_get_world_bounds (view) }, &england);

  /* Setting it shows the rectangle, once; the same value again is
   * nothing at all, as a two-way binding needs. */
  g_object_set (fixture->map, "extent", &rect, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (fixture->map), &rect));
  assert_shows_fitted (fixture->map, &rect);
  g_object_set (fixture->map, "extent", &rect, NULL);
  lm_choropleth_set_extent (fixture->map, &rect);
  g_assert_cmpuint (n_notify, ==, 1);

  /* A resize (or full screen) fits the same rectangle again, silently. */
  allocate (fixture->map, 400, 700);
  assert_shows_fitted (fixture->map, &rect);
  allocate (fixture->map, WIDTH, HEIGHT);
  assert_shows_fitted (fixture->map, &rect);
  g_assert_cmpuint (n_notify, ==, 1);

  /* A drag: one notification, at its end, with what is visible. */
  g_signal_emit_by_name (drag, "drag-begin", 100.0, 100.0);
  for (int i = 1; i <= 10; i++)
    g_signal_emit_by_name (drag, "drag-update", 10.0 * i, 5.0 * i);
  g_assert_cmpuint (n_notify, ==, 1);
  g_signal_emit_by_name (drag, "drag-end", 100.0, 50.0);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (fixture->map),
                                  (LmBounds[]) { lm_map_view_get_world_bounds (view) }));
  g_assert_cmpfloat (lm_choropleth_get_extent (fixture->map)->xmin, <, rect.xmin);

  /* Steps of set_view(): one notification once they pause. */
  for (int i = 0; i < 5; i++)
    {
      LmMapView step = *view;

      lm_map_view_pan (&step, 3, 0);
      lm_choropleth_set_view (fixture->map, &step);
    }
  g_assert_cmpuint (n_notify, ==, 2);
  while (n_notify == 2)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
  g_assert_cmpuint (n_notify, ==, 3);
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (fixture->map),
                                  (LmBounds[]) { lm_map_view_get_world_bounds (view) }));

  /* Zoom to an area (animations are off here): the visible rectangle,
   * which holds the area. */
  lm_choropleth_zoom_to_area (fixture->map, lad, manchester);
  g_assert_cmpuint (n_notify, ==, 4);
  assert_contains (lm_choropleth_get_extent (fixture->map),
                   &lm_shape_layer_get_feature (lad->shapes, lad->feature[manchester])->bounds);

  /* Zoom to fit: NULL, and a resize fits the whole layer again. */
  lm_choropleth_zoom_to_fit (fixture->map);
  g_assert_cmpuint (n_notify, ==, 5);
  g_assert_null (lm_choropleth_get_extent (fixture->map));
  allocate (fixture->map, 300, 700);
  assert_contains ((LmBounds[]) { lm_map_view_get_world_bounds (view) }, &england);
  g_assert_cmpfloat (view->metres_per_pixel, >, (england.xmax - england.xmin) / 300);
  allocate (fixture->map, WIDTH, HEIGHT);
  g_object_set (fixture->map, "extent", NULL, NULL);
  drain_main_context ();
  g_assert_cmpuint (n_notify, ==, 5);
  g_signal_handler_disconnect (fixture->map, id);
}

/* Set before the widget has a size, the extent is shown at the first
 * allocation. */
static void
test_extent_before_allocation (void)
{
  LmBounds rect = { 380000, 395000, 390000, 400000 };
  GtkWidget *window = gtk_window_new ();
  LmChoropleth *map = LM_CHOROPLETH (lm_choropleth_new (model));
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  lm_choropleth_set_level (map, "lad");
  lm_choropleth_set_extent (map, &rect);
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (map), &rect));
  g_assert_cmpint (lm_choropleth_get_view (map)->width, ==, 0);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (map)) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lm_choropleth_get_view (map)->width, >, 0);
  assert_shows_fitted (map, &rect);
  g_assert_true (lm_bounds_equal (lm_choropleth_get_extent (map), &rect));
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static char *data_error;

/* The data are needed: without them this fails, it does not skip. */
static void
test_data_missing (void)
{
  g_test_fail_printf ("the england-2019 data cannot be read (set LEVELMAP_DATA_DIR): %s",
                      data_error);
}

/* Pixels that differ in the rectangle from (@x0, @y0) to (@x1, @y1) of
 * two ARGB32 images of the same size. */
static guint
count_different_pixels_in (cairo_surface_t *a,
                           cairo_surface_t *b,
                           int              x0,
                           int              y0,
                           int              x1,
                           int              y1)
{
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, cairo_image_surface_get_width (a));
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, cairo_image_surface_get_height (a));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = y0; y < y1; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             (gsize) y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             (gsize) y * cairo_image_surface_get_stride (b));

      for (int x = x0; x < x1; x++)
        n += ra[x] != rb[x];
    }
  return n;
}

static guint
count_different_pixels (cairo_surface_t *a,
                        cairo_surface_t *b)
{
  return count_different_pixels_in (a, b, 0, 0, cairo_image_surface_get_width (a),
                                    cairo_image_surface_get_height (a));
}

/* A recolour of the LSOAs, once the view has settled, looks each pixel's
 * area up in an index made in the background and lays the kept borders
 * and left-behind marks over it: the very pixels of the same colouring
 * drawn afresh, for each variable, with or without a selection. The
 * index itself places specks (areas under a pixel) and the odd edge
 * pixel otherwise than the fills of each class do, on a few pixels. */
static void
test_recolour_index (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const variables[] = { "imd.income", "imd.health", "imd.score" };
  LmMapCache *cache = fixture->map->cache;
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;
  LmLevel *level = lm_choropleth_get_current_level (fixture->map);
  guint n_reused;

  g_assert_cmpstr (level->id, ==, "lsoa");
  /* Made in the background once the sharp image is in, before any
   * recolour asks for it */
  while (!lm_map_cache_has_index (cache) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lm_map_cache_has_index (cache));
  n_reused = lm_map_cache_get_n_reused_images (cache);

  for (guint i = 0; i < 2 * G_N_ELEMENTS (variables); i++)
    {
      cairo_surface_t *image = NULL;
      cairo_surface_t *reference;
      cairo_surface_t *filled;
      cairo_surface_t *shown;
      LmMapView view;
      int scale;
      guint n_pixels, n_other;

      if (i == G_N_ELEMENTS (variables))
        lm_selection_select (lm_model_get_selection (model), level,
                             (guint[]) { 10, 2000, 30000 }, 3, LM_SELECTION_REPLACE);
      lm_choropleth_set_variable (fixture->map, variables[i % G_N_ELEMENTS (variables)]);
      /* What the frame's update phase does */
      lm_map_cache_render_now (cache);
      g_assert_true (lm_map_cache_has_index (cache));
      g_assert_true (lm_map_cache_get_image (cache, NULL, &image, &view, &scale));
      reference = lm_map_cache_render_reference (cache, TRUE);
      g_assert_nonnull (reference);
      g_assert_cmpuint (count_different_pixels (image, reference), ==, 0);
      /* And the widget draws its image as it is (the middle of it: the
       * scale bar and the credits lie over the edges), once it draws */
      g_assert_cmpint (scale, ==, 1);
      while ((shown = render_snapshot (fixture->map)) == NULL &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (shown);
      g_assert_true (lm_map_cache_get_image (cache, NULL, &image, &view, &scale));
      g_assert_cmpuint (count_different_pixels_in (shown, image, view.width / 4, view.height / 4,
                                                   3 * view.width / 4, 3 * view.height / 4),
                        ==, 0);
      cairo_surface_destroy (shown);

      filled = lm_map_cache_render_reference (cache, FALSE);
      n_pixels = view.width * view.height;
      n_other = count_different_pixels (image, filled);
      g_test_message ("%s: %u of %u pixels other than the fills'",
                      variables[i % G_N_ELEMENTS (variables)], n_other, n_pixels);
      g_assert_cmpuint (n_other, <, n_pixels / 100);
      cairo_surface_destroy (filled);
      cairo_surface_destroy (reference);
    }
  /* Once painted and replaced, an image is drawn into again (cleared as
   * a new one is): the pixels above came from such images too. */
  g_assert_cmpuint (lm_map_cache_get_n_reused_images (cache) - n_reused, >=, G_N_ELEMENTS (variables));
}

/* The map's classes, as the choropleth keeps them (some from its cache),
 * against lm_classify() and lm_classification_assign() of the values
 * now. */
static void
assert_fresh_classes (LmChoropleth *map)
{
  const LmClassification *kept = lm_choropleth_get_classification (map);
  LmVariable *variable = lm_choropleth_get_current_variable (map);
  guint n = variable->level->n_areas;
  g_autofree gint8 *fresh_classes = g_new (gint8, n);
  const gint8 *classes;
  LmClassification fresh;
  guint n_areas;

  g_assert_nonnull (kept);
  g_assert_true (lm_classify (variable->values, n, lm_choropleth_get_method (map),
                              lm_choropleth_get_n_classes (map), &fresh));
  lm_classification_assign (&fresh, variable->values, n, fresh_classes);
  g_assert_cmpuint (kept->n_classes, ==, fresh.n_classes);
  g_assert_cmpuint (kept->n_missing, ==, fresh.n_missing);
  g_assert_cmpmem (kept->lower, sizeof (double) * fresh.n_classes,
                   fresh.lower, sizeof (double) * fresh.n_classes);
  g_assert_cmpmem (kept->upper, sizeof (double) * fresh.n_classes,
                   fresh.upper, sizeof (double) * fresh.n_classes);
  g_assert_cmpmem (kept->count, sizeof (guint) * fresh.n_classes,
                   fresh.count, sizeof (guint) * fresh.n_classes);
  classes = lm_choropleth_get_area_classes (map, &n_areas);
  g_assert_cmpmem (classes, n_areas, fresh_classes, n);
}

/* Switching between variables and moving the weights in between: the
 * classes found again in the cache are those of the values now. */
static void
test_classes_after_weights (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lm_choropleth_set_variable (fixture->map, "imd.score");
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_variable (fixture->map, "imd.income");
  assert_fresh_classes (fixture->map);
  /* The score moves with the weights, the income domain does not */
  g_assert_true (lm_model_set_weight (model, "imd", "income", 40, &error));
  g_assert_no_error (error);
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_variable (fixture->map, "imd.score");
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_variable (fixture->map, "imd.rank");
  assert_fresh_classes (fixture->map);
  lm_model_reset_weights (model, NULL);
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_variable (fixture->map, "imd.score");
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_n_classes (fixture->map, 7);
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_method (fixture->map, LM_CLASSIFY_JENKS);
  assert_fresh_classes (fixture->map);
  lm_choropleth_set_method (fixture->map, LM_CLASSIFY_QUANTILE);
  lm_choropleth_set_n_classes (fixture->map, 5);
  assert_fresh_classes (fixture->map);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dataset = lm_dataset_open ("england-2019", data_dir, &error);
  if (dataset == NULL)
    {
      data_error = g_strdup (error->message);
      g_test_add_func ("/choropleth/data", test_data_missing);
      return g_test_run ();
    }
  model = lm_model_new (dataset);

  g_test_add ("/choropleth/pick", Fixture, NULL, fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/choropleth/scroll-zoom", Fixture, NULL, fixture_set_up, test_scroll_zoom,
              fixture_tear_down);
  g_test_add ("/choropleth/click-select", Fixture, NULL, fixture_set_up, test_click_select,
              fixture_tear_down);
  g_test_add ("/choropleth/legend-select", Fixture, NULL, fixture_set_up, test_legend_select,
              fixture_tear_down);
  g_test_add_func ("/choropleth/land-before-size", test_land_before_size);
  g_test_add ("/choropleth/legend-styled", Fixture, NULL, fixture_set_up, test_legend_styled,
              fixture_tear_down);
  g_test_add ("/choropleth/colours", Fixture, NULL, fixture_set_up, test_colours,
              fixture_tear_down);
  g_test_add ("/choropleth/recolour-index", Fixture, NULL, fixture_set_up, test_recolour_index,
              fixture_tear_down);
  g_test_add ("/choropleth/classes-after-weights", Fixture, NULL, fixture_set_up,
              test_classes_after_weights, fixture_tear_down);
  g_test_add ("/choropleth/attribution", Fixture, NULL, fixture_set_up, test_attribution,
              fixture_tear_down);
  g_test_add ("/choropleth/no-data", Fixture, NULL, fixture_set_up, test_no_data,
              fixture_tear_down);
  g_test_add ("/choropleth/extent", Fixture, NULL, fixture_set_up, test_extent,
              fixture_tear_down);
  g_test_add_func ("/choropleth/extent-before-allocation", test_extent_before_allocation);

  {
    int status = g_test_run ();

    g_clear_object (&model);
    g_clear_object (&dataset);
    return status;
  }
}
