/* test-usability.c — the defects a new user found (issue 13), in the
 * window on the real data, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens its own window on settings reset to their defaults
 * and waits on conditions, never for a fixed time.
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "lm-choropleth-private.h"
#include "lm-window-private.h"

#include "lm-test-widgets.h"
#include "lm-test-window.h"

static LmApplication *app;

typedef struct
{
  LmWindow *window;
  int       width;
  int       height;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const int *size = data;

  fixture->width = size != NULL ? size[0] : 1280;
  fixture->height = size != NULL ? size[1] : 800;
  lm_test_reset_settings (app, fixture->width, fixture->height);
  fixture->window = lm_test_window_open (app, fixture->width, fixture->height);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_window_close (fixture->window);
}

/* Auxiliary methods */

static LmChoropleth *
get_map (Fixture *fixture)
{
  return LM_CHOROPLETH (lm_window_get_map (fixture->window));
}

static LmLevel *
find_level (Fixture    *fixture,
            const char *id)
{
  LmLevel *level = lm_dataset_find_level (lm_model_get_dataset (lm_window_get_model (fixture->window)),
                                          id);

  g_assert_nonnull (level);
  return level;
}

static guint
find_area (LmLevel    *level,
           const char *name)
{
  for (guint a = 0; a < level->n_areas; a++)
    if (g_strcmp0 (level->names[a], name) == 0)
      return a;
  g_error ("no %s called %s", level->id, name);
}

/* Where the map draws world rectangle @bounds, in its own pixels. */
static graphene_rect_t
to_pixels (LmChoropleth   *map,
           const LmBounds *bounds)
{
  const LmMapView *view = lm_choropleth_get_view (map);
  double x0, y0, x1, y1;

  lm_map_view_world_to_pixel (view, bounds->xmin, bounds->ymax, &x0, &y0);
  lm_map_view_world_to_pixel (view, bounds->xmax, bounds->ymin, &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

static graphene_rect_t
area_pixels (LmChoropleth *map,
             LmLevel      *level,
             guint         area)
{
  const LmShapeFeature *feature;

  g_assert_nonnull (level->shapes);
  feature = lm_shape_layer_get_feature (level->shapes, level->feature[area]);
  return to_pixels (map, &feature->bounds);
}

static graphene_rect_t
layer_pixels (LmChoropleth *map)
{
  LmLevel *level = lm_choropleth_get_current_level (map);
  LmBounds bounds = lm_shape_layer_get_bounds (level->shapes);

  return to_pixels (map, &bounds);
}

/* How many points of a 4-pixel grid over @rect (map pixels) have an
 * area under them. */
static guint
count_areas_under (LmChoropleth          *map,
                   const graphene_rect_t *rect)
{
  guint n = 0;

  for (double y = rect->origin.y; y < rect->origin.y + rect->size.height; y += 4)
    for (double x = rect->origin.x; x < rect->origin.x + rect->size.width; x += 4)
      n += lm_choropleth_pick (map, x, y, NULL, NULL);
  return n;
}

static graphene_rect_t
bounds_in_map (LmChoropleth *map,
               GtkWidget    *widget)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (map), &rect));
  return rect;
}

/* Where the map draws its scale bar, at its longest: 8 pixels from the
 * bottom-left corner, 120 pixels of bar and its label. */
static graphene_rect_t
scale_bar_corner (LmChoropleth *map)
{
  int height = gtk_widget_get_height (GTK_WIDGET (map));

  return GRAPHENE_RECT_INIT (8, height - 40, 132, 32);
}

typedef struct
{
  LmChoropleth *map;
  int           width;
  int           height;
} SizeWatch;

static gboolean
map_resized (gpointer data)
{
  SizeWatch *watch = data;

  return gtk_widget_get_width (GTK_WIDGET (watch->map)) != watch->width ||
         gtk_widget_get_height (GTK_WIDGET (watch->map)) != watch->height;
}

/* The panels folded or unfolded for the new width, the legend too. */
static gboolean
layout_is_settled (gpointer data)
{
  LmWindow *window = data;

  return window->fold_idle_id == 0 && window->legend_idle_id == 0 &&
         window->panes_idle_id == 0;
}

static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  SizeWatch watch = { get_map (fixture), gtk_widget_get_width (lm_window_get_map (fixture->window)),
                      gtk_widget_get_height (lm_window_get_map (fixture->window)) };

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  lm_test_wait_until (map_resized, &watch, "the map to take the new size");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  lm_test_wait_until (layout_is_settled, fixture->window, "the panels to settle");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
}

static gboolean
map_is_settled (gpointer data)
{
  LmChoropleth *map = data;

  return map->settle_timeout_id == 0 && map->anim_tick_id == 0 &&
         !lm_map_viewport_is_unsettled (map->viewport);
}

static void
wait_map_settled (LmChoropleth *map)
{
  lm_test_wait_until (map_is_settled, map, "the map to settle");
  lm_test_wait_for_frames (GTK_WIDGET (map));
}

/* The whole layer drawn inside the map, taking most of its height or
 * of its width. */
static void
assert_layer_fitted (LmChoropleth *map)
{
  graphene_rect_t layer = layer_pixels (map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));

  g_test_message ("layer at %.0f,%.0f %.0fx%.0f in a map of %dx%d", layer.origin.x,
                  layer.origin.y, layer.size.width, layer.size.height, width, height);
  g_assert_cmpfloat (layer.origin.x, >=, -1);
  g_assert_cmpfloat (layer.origin.y, >=, -1);
  g_assert_cmpfloat (layer.origin.x + layer.size.width, <=, width + 1);
  g_assert_cmpfloat (layer.origin.y + layer.size.height, <=, height + 1);
  g_assert_true (layer.size.height >= 0.8 * height || layer.size.width >= 0.8 * width);
}

/* Tests */

/* Issue 13, defect 4 and the Isles of Scilly (defect 14): nothing that
 * lies over the map hides an area of the whole country fitted. */
static void
test_legend_keeps_clear (Fixture       *fixture,
                         gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  graphene_rect_t legend = bounds_in_map (map, lm_window_get_legend (fixture->window));
  graphene_rect_t zoom = bounds_in_map (map, fixture->window->zoom_box);
  graphene_rect_t scale_bar = scale_bar_corner (map);

  g_assert_cmpuint (count_areas_under (map, &legend), ==, 0);
  g_assert_cmpuint (count_areas_under (map, &zoom), ==, 0);
  g_assert_cmpuint (count_areas_under (map, &scale_bar), ==, 0);
  assert_layer_fitted (map);
}

/* Issue 13, defect 4: zoom to an area fits it, clear of the legend. */
static void
test_zoom_to_area_keeps_clear (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char * const names[] = { "Tower Hamlets", "Blackpool", "Hartlepool" };
  LmChoropleth *map = get_map (fixture);
  LmLevel *lad = find_level (fixture, "lad");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint area = find_area (lad, names[i]);
      graphene_rect_t legend, rect;
      int width, height;

      lm_window_show_area (fixture->window, lad, area);
      wait_map_settled (map);
      legend = bounds_in_map (map, lm_window_get_legend (fixture->window));
      rect = area_pixels (map, lad, area);
      width = gtk_widget_get_width (GTK_WIDGET (map));
      height = gtk_widget_get_height (GTK_WIDGET (map));
      g_test_message ("%s at %.0f,%.0f %.0fx%.0f; legend %.0f,%.0f %.0fx%.0f", names[i],
                      rect.origin.x, rect.origin.y, rect.size.width, rect.size.height,
                      legend.origin.x, legend.origin.y, legend.size.width, legend.size.height);
      g_assert_false (graphene_rect_intersection (&rect, &legend, NULL));
      g_assert_cmpfloat (rect.origin.x, >=, 0);
      g_assert_cmpfloat (rect.origin.y, >=, 0);
      g_assert_cmpfloat (rect.origin.x + rect.size.width, <=, width);
      g_assert_cmpfloat (rect.origin.y + rect.size.height, <=, height);
      /* Fitted: it fills the room it has one way or the other. */
      g_assert_true (rect.size.width >= 0.4 * (width - legend.size.width) ||
                     rect.size.height >= 0.4 * height);
    }
}

/* Issue 13, defect 3: a larger or smaller window shows the whole
 * country anew when the user had it all in view, and keeps what the
 * user zoomed to otherwise. */
static void
test_resize_refits (Fixture       *fixture,
                    gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  LmLevel *lad = find_level (fixture, "lad");
  guint leeds = find_area (lad, "Leeds");
  const LmShapeFeature *feature;
  graphene_rect_t rect;

  /* Zoomed out a little: the whole country is still in view. */
  lm_choropleth_zoom_at (map, 0.6, gtk_widget_get_width (GTK_WIDGET (map)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (map)) / 2.0);
  wait_map_settled (map);
  resize_window (fixture, 1920, 1080);
  assert_layer_fitted (map);
  resize_window (fixture, 1100, 700);
  assert_layer_fitted (map);

  /* Zoomed to Leeds: it stays in view, about where it was. */
  lm_window_show_area (fixture->window, lad, leeds);
  wait_map_settled (map);
  resize_window (fixture, 1600, 900);
  rect = area_pixels (map, lad, leeds);
  feature = lm_shape_layer_get_feature (lad->shapes, lad->feature[leeds]);
  g_assert_nonnull (feature);
  g_assert_cmpfloat (rect.origin.x, >=, 0);
  g_assert_cmpfloat (rect.origin.y, >=, 0);
  g_assert_cmpfloat (rect.origin.x + rect.size.width, <=, gtk_widget_get_width (GTK_WIDGET (map)));
  g_assert_cmpfloat (rect.origin.y + rect.size.height, <=, gtk_widget_get_height (GTK_WIDGET (map)));
  g_assert_true (rect.size.width >= 0.25 * gtk_widget_get_width (GTK_WIDGET (map)) ||
                 rect.size.height >= 0.25 * gtk_widget_get_height (GTK_WIDGET (map)));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_gui_init (&argc, &argv, "/usability/no-display"))
    return g_test_run ();
  app = lm_test_application_new ();

  ADD_TEST ("/usability/legend-keeps-clear", test_legend_keeps_clear);
  ADD_TEST ("/usability/zoom-to-area-keeps-clear", test_zoom_to_area_keeps_clear);
  ADD_TEST ("/usability/resize-refits", test_resize_refits);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
