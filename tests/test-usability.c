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
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include <signal.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "lm-area-table.h"
#include "lm-choropleth-private.h"
#include "lm-help-window.h"
#include "lm-legend.h"
#include "lm-legend-renderer.h"
#include "lm-window-private.h"

#include "lm-test-input.h"
#include "lm-test-widgets.h"
#include "lm-test-window.h"

static LmApplication *app;

typedef struct
{
  LmWindow *window;
  char     *data_dir;    /* the application's, restored after the test */
} Fixture;

/* How a test starts: a window of this size, or none (the test opens
 * its own). */
typedef struct
{
  int      width;
  int      height;
  gboolean no_window;
} Setup;

static const Setup desk = { 1280, 800, FALSE };
static const Setup projector = { 1024, 768, FALSE };
static const Setup small = { 800, 600, FALSE };
static const Setup own_window = { 1280, 800, TRUE };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Setup *setup = data;

  lm_test_reset_settings (app, setup->width, setup->height);
  fixture->data_dir = g_strdup (lm_application_get_data_dir (app));
  if (!setup->no_window)
    fixture->window = lm_test_window_open (app, setup->width, setup->height);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_window_tear_down (app, &fixture->window, &fixture->data_dir);
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
 * lies over the map hides an area of the whole country fitted, at any
 * size from a wide screen to 800 by 600, the legend open or folded. */
static void
assert_overlays_clear (Fixture *fixture)
{
  LmChoropleth *map = get_map (fixture);
  graphene_rect_t legend = bounds_in_map (map, lm_window_get_legend (fixture->window));
  graphene_rect_t zoom = bounds_in_map (map, fixture->window->zoom_box);
  graphene_rect_t scale_bar = scale_bar_corner (map);

  g_test_message ("window %d x %d, legend %s",
                  gtk_widget_get_width (GTK_WIDGET (fixture->window)),
                  gtk_widget_get_height (GTK_WIDGET (fixture->window)),
                  lm_legend_get_collapsed (LM_LEGEND (lm_window_get_legend (fixture->window)))
                  ? "folded" : "open");
  g_assert_cmpuint (count_areas_under (map, &legend), ==, 0);
  g_assert_cmpuint (count_areas_under (map, &zoom), ==, 0);
  g_assert_cmpuint (count_areas_under (map, &scale_bar), ==, 0);
  assert_layer_fitted (map);
}

static void
test_legend_keeps_clear (Fixture       *fixture,
                         gconstpointer  data)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 1366, 768 }, { 1024, 768 }, { 800, 600 } };
  LmLegend *legend = LM_LEGEND (lm_window_get_legend (fixture->window));

  assert_overlays_clear (fixture);
  /* Folded, the legend leaves the map the whole widget: the Isles of
   * Scilly, in its bottom-left corner, stay clear of the scale bar. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      resize_window (fixture, sizes[i][0], sizes[i][1]);
      wait_map_settled (get_map (fixture));
      assert_overlays_clear (fixture);
      lm_legend_set_collapsed (legend, !lm_legend_get_collapsed (legend));
      lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
      wait_map_settled (get_map (fixture));
      assert_overlays_clear (fixture);
    }
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

/* Full screen needs a window manager: openbox, started on the test's
 * display (the test runs alone there) and stopped after it. */
static gboolean
manager_supports_fullscreen (gpointer data)
{
  GdkDisplay *display = gdk_display_get_default ();

  return GDK_IS_X11_DISPLAY (display) &&
         gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (GDK_X11_DISPLAY (display)),
                                              "_NET_WM_STATE_FULLSCREEN");
}

static GPid window_manager;

/* Also when a test fails: the tests that follow on the display expect
 * none. */
static void
stop_window_manager (void)
{
  if (window_manager == 0)
    return;
  kill (window_manager, SIGTERM);
  g_spawn_close_pid (window_manager);
  window_manager = 0;
}

static void
start_window_manager (void)
{
  const char *openbox = g_getenv ("LEVELMAP_OPENBOX");
  const char *argv[] = { openbox, "--sm-disable", NULL };
  g_autoptr(GError) error = NULL;

  if (openbox == NULL || *openbox == '\0')
    g_error ("full screen needs a window manager: install openbox "
             "(build-aux/install-deps.sh does)");
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &window_manager, &error));
  g_assert_no_error (error);
  atexit (stop_window_manager);
  lm_test_wait_until (manager_supports_fullscreen, NULL, "the window manager to start");
}

typedef struct
{
  GtkWindow *window;
  gboolean   fullscreen;
} FullscreenWatch;

static gboolean
fullscreen_is (gpointer data)
{
  FullscreenWatch *watch = data;

  return gtk_window_is_fullscreen (watch->window) == watch->fullscreen;
}

/* Puts the window in or out of full screen and waits until the map has
 * its new size and the panels and the map have settled. */
static void
set_fullscreen (Fixture  *fixture,
                gboolean  fullscreen)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  FullscreenWatch state = { window, fullscreen };
  SizeWatch size = { get_map (fixture), gtk_widget_get_width (lm_window_get_map (fixture->window)),
                     gtk_widget_get_height (lm_window_get_map (fixture->window)) };

  if (fullscreen)
    gtk_window_fullscreen (window);
  else
    gtk_window_unfullscreen (window);
  lm_test_wait_until (fullscreen_is, &state, "the window manager to change full screen");
  lm_test_wait_until (map_resized, &size, "the map to take the new size");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  lm_test_wait_until (layout_is_settled, fixture->window, "the panels to settle");
  wait_map_settled (get_map (fixture));
}

/* Issue 13, defect 3: entering full screen fits the whole country to the
 * larger map (it was left at 60% of the height, off-centre); leaving it
 * fits it to the window again (it was left tiny). */
static void
test_fullscreen_refits (Fixture       *fixture,
                        gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  int before_w = gtk_widget_get_width (GTK_WIDGET (map));
  int before_h = gtk_widget_get_height (GTK_WIDGET (map));

  start_window_manager ();
  wait_map_settled (map);
  set_fullscreen (fixture, TRUE);
  g_test_message ("full screen: map %d x %d (was %d x %d)", gtk_widget_get_width (GTK_WIDGET (map)),
                  gtk_widget_get_height (GTK_WIDGET (map)), before_w, before_h);
  g_assert_true (gtk_widget_get_width (GTK_WIDGET (map)) > before_w ||
                 gtk_widget_get_height (GTK_WIDGET (map)) > before_h);
  assert_layer_fitted (map);
  set_fullscreen (fixture, FALSE);
  assert_layer_fitted (map);
  stop_window_manager ();
}

/* Issue 13, defect 5: at 800 by 600 the window is 800 wide, and the map
 * takes its width and most of its height, the country fitted in it. */
static void
test_small_window (Fixture       *fixture,
                   gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);

  g_test_message ("window %d x %d, map %d x %d", gtk_widget_get_width (GTK_WIDGET (fixture->window)),
                  gtk_widget_get_height (GTK_WIDGET (fixture->window)),
                  gtk_widget_get_width (GTK_WIDGET (map)), gtk_widget_get_height (GTK_WIDGET (map)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >=, 760);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (map)), >=, 300);
  assert_layer_fitted (map);
}

/* The rectangle of @widget in the window. */
static graphene_rect_t
bounds_in_window (Fixture   *fixture,
                  GtkWidget *widget)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->window), &rect));
  return rect;
}

static void
assert_inside_window (Fixture    *fixture,
                      GtkWidget  *widget,
                      const char *what)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_get_mapped (widget));
  rect = bounds_in_window (fixture, widget);
  g_test_message ("%s at %.0f,%.0f %.0fx%.0f", what, rect.origin.x, rect.origin.y,
                  rect.size.width, rect.size.height);
  g_assert_cmpfloat (rect.origin.x, >=, 0);
  g_assert_cmpfloat (rect.origin.x + rect.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (fixture->window)) + 0.5);
  g_assert_cmpfloat (rect.size.width, >=, 1);
}

static gboolean
sheet_revealed (gpointer data)
{
  GtkRevealer *sheet = data;

  return gtk_revealer_get_child_revealed (sheet);
}

/* Issue 13, defect 5: at 1024 by 768 the window fits the projector and
 * every panel and header control is on screen or a key away. */
static void
test_projector_window (Fixture       *fixture,
                       gconstpointer  data)
{
  LmWindow *window = fixture->window;
  GtkWidget *controls[] = {
    GTK_WIDGET (window->weights_button), GTK_WIDGET (window->dataset_dropdown),
    GTK_WIDGET (window->level_dropdown), GTK_WIDGET (window->variable_dropdown),
    GTK_WIDGET (window->search_button), GTK_WIDGET (window->primary_menu_button),
    window->panes_box,
  };

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    assert_inside_window (fixture, controls[i], gtk_widget_get_name (controls[i]));
  assert_inside_window (fixture, lm_window_get_map (window), "map");
  assert_inside_window (fixture, lm_window_get_plot (window), "plot");
  assert_inside_window (fixture, lm_window_get_table (window), "table");
  g_assert_cmpint (gtk_widget_get_width (lm_window_get_map (window)), >=, 480);

  /* The weights, folded away, come over the map with F9's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-weights", NULL));
  lm_test_wait_until (sheet_revealed, window->weights_sheet, "the weights to slide in");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  assert_inside_window (fixture, lm_window_get_weights_panel (window), "weights");
  /* Escape puts them away again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-sheets", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (window->weights_sheet));
  /* The details, if hidden, are a toggle away too. */
  assert_inside_window (fixture, lm_window_get_details (window), "details");
}

/* Issue 13, defect 14: the details of another area start at its top; and
 * several areas are summed up rather than the first one shown. */
static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  LmModel *model = lm_window_get_model (fixture->window);
  LmSelection *selection = lm_model_get_selection (model);
  LmLevel *lad = find_level (fixture, "lad");
  GtkWidget *details = lm_window_get_details (fixture->window);
  GtkWidget *scrolled = gtk_widget_get_ancestor (lm_test_find_named (details, "details-content"),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  LmVariable *imd = lm_model_find_variable (model, "lad", "imd.score", NULL);
  guint areas[3] = { find_area (lad, "Hartlepool"), find_area (lad, "Blackpool"),
                     find_area (lad, "Tower Hamlets") };
  double sum = 0, weights = 0, population = 0;
  g_autofree char *mean = NULL;
  g_autofree char *total = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  lm_selection_select (selection, lad, &areas[0], 1, LM_SELECTION_REPLACE);
  lm_test_wait_for_frames (details);
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 0);
  lm_selection_select (selection, lad, &areas[1], 1, LM_SELECTION_REPLACE);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);

  lm_selection_select (selection, lad, areas, 3, LM_SELECTION_REPLACE);
  lm_test_wait_for_frames (details);
  for (guint i = 0; i < 3; i++)
    {
      sum += lad->population[areas[i]] * imd->values[areas[i]];
      weights += lad->population[areas[i]];
      population += lad->population[areas[i]];
    }
  mean = lm_variable_format_value (imd, sum / weights);
  total = g_strdup_printf ("%'.0f", population);
  lm_test_collect_labels (details, text);
  g_test_message ("%s", text->str);
  g_assert_nonnull (strstr (text->str, "3 local authorities selected"));
  g_assert_nonnull (strstr (text->str, total));
  g_assert_nonnull (strstr (text->str, "IMD score, population-weighted mean"));
  g_assert_nonnull (strstr (text->str, mean));
  g_assert_nonnull (strstr (text->str, "wards ("));
  g_assert_null (strstr (text->str, "The first of"));
}

/* A copy of the 2019 data whose LSOA boundaries end half way. */
static char *
copy_with_truncated_lsoas (void)
{
  const char *root = g_getenv ("LEVELMAP_DATA_DIR");
  g_autofree char *source = g_build_filename (root, "england-2019", NULL);
  g_autofree char *copy = g_dir_make_tmp ("levelmap-truncated-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (copy, "england-2019", NULL);
  g_autofree char *shp = g_build_filename (target, "boundaries", "lsoa11.shp", NULL);
  const char *argv[] = { "cp", "-R", source, target, NULL };
  int status;
  struct stat info;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (g_stat (shp, &info), ==, 0);
  g_assert_cmpint (truncate (shp, info.st_size / 2), ==, 0);
  return g_steal_pointer (&copy);
}

static void
remove_copy (const char *folder)
{
  const char *argv[] = { "rm", "-rf", folder, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* Issue 13, defect 8: LSOA boundaries that cannot be read are said on
 * the map, for that level; nothing of the ward map stays drawn and no
 * legend describes a map that is not there. Nothing goes to stderr (a
 * warning would abort this test). */
static void
test_broken_boundaries (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *copy = copy_with_truncated_lsoas ();
  LmChoropleth *map;
  int legend_width;

  lm_application_set_data_dir (app, copy);
  fixture->window = lm_test_window_open (app, 1280, 800);
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "data");
  map = get_map (fixture);
  g_assert_cmpstr (lm_view_get_level (lm_window_get_view (fixture->window)), ==, "ward");

  lm_view_set_level (lm_window_get_view (fixture->window), "lsoa");
  lm_test_wait_for_frames (GTK_WIDGET (map));
  g_test_message ("%s", lm_choropleth_get_message (map));
  g_assert_nonnull (lm_choropleth_get_message (map));
  g_assert_nonnull (strstr (lm_choropleth_get_message (map), "LSOAs could not be read"));
  g_assert_nonnull (strstr (lm_choropleth_get_message (map), "lsoa11.shp"));
  g_assert_false (lm_map_cache_get_image (map->cache, NULL, NULL, NULL, NULL));
  lm_legend_get_full_size (LM_LEGEND (lm_window_get_legend (fixture->window)), &legend_width, NULL);
  g_assert_cmpint (legend_width, ==, 0);

  /* Back at wards, the map is there again. */
  lm_view_set_level (lm_window_get_view (fixture->window), "ward");
  lm_test_wait_until (lm_test_window_is_settled, fixture->window, "the ward map");
  g_assert_null (lm_choropleth_get_message (map));
  lm_test_window_close (fixture->window);
  fixture->window = NULL;
  remove_copy (copy);
}

/* Issue 13, defect 10: another dataset keeps the custom weights, the
 * locks, the selection where its areas are there, and the filter. */
static void
test_switch_keeps_work (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmModel *model = lm_window_get_model (window);
  LmLevel *lad = find_level (fixture, "lad");
  guint hartlepool = find_area (lad, "Hartlepool");
  const char *locked[] = { "imd.crime", NULL };
  double weights[] = { 40, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3 };
  LmLevel *new_lad;
  LmSelection *selection;

  g_assert_true (lm_model_set_weights (model, "imd", weights, G_N_ELEMENTS (weights), NULL));
  lm_view_set_locked (view, locked);
  lm_selection_select (lm_model_get_selection (model), lad, &hartlepool, 1, LM_SELECTION_REPLACE);
  lm_area_table_set_filter_text (LM_AREA_TABLE (lm_window_get_table (window)), "Hart");

  lm_window_load (window, "england-2025", NULL);
  lm_test_wait_until (lm_test_window_is_settled, window, "the 2025 data");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  model = lm_window_get_model (window);
  g_assert_cmpstr (lm_dataset_get_id (lm_model_get_dataset (model)), ==, "england-2025");
  g_assert_true (lm_view_get_custom_weights (view));
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (model, "imd", "income") /
                                  lm_index_get_weight_sum (lm_dataset_find_index (lm_model_get_dataset (model), "imd")),
                                  40 / (40 + 22.5 + 13.5 + 13.5 + 3 * 9.3), 1e-9);
  g_assert_true (g_strv_contains (lm_view_get_locked (view), "imd.crime"));
  selection = lm_model_get_selection (model);
  new_lad = lm_dataset_find_level (lm_model_get_dataset (model), "lad");
  g_assert_true (lm_selection_get_level (selection) == new_lad);
  g_assert_cmpuint (lm_selection_count (selection, new_lad), ==, 1);
  g_assert_cmpstr (new_lad->names[g_array_index (lm_selection_get_areas (selection, new_lad), guint, 0)],
                   ==, "Hartlepool");
  g_assert_cmpstr (lm_area_table_get_filter_text (LM_AREA_TABLE (lm_window_get_table (window))), ==,
                   "Hart");
}

/* Issue 13, defect 13: the legend's "Left behind" row says what it
 * counts, whatever level the map shows: wards in 2019, LSOAs in 2025
 * (1,262 of them, data/README.md). */
static void
assert_left_behind_row (Fixture    *fixture,
                        const char *counted,
                        const char *count)
{
  LmLegend *legend = LM_LEGEND (lm_window_get_legend (fixture->window));
  g_autofree char *expected = g_strdup_printf ("Left behind: %s: %s %s", counted, count, counted);
  g_autofree char *read = NULL;

  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  read = lm_legend_describe_row (legend, LM_LEGEND_HIT_LEFT_BEHIND);
  g_assert_cmpstr (read, ==, expected);
}

static void
test_left_behind_says_what (Fixture       *fixture,
                            gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  guint n_wards;

  g_assert_nonnull (lm_choropleth_get_left_behind (get_map (fixture), &n_wards));
  /* About OCSI's 225 wards: the count is the rule's, the noun the point. */
  g_assert_cmpuint (n_wards, >=, 220);
  g_assert_cmpuint (n_wards, <=, 230);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const levels[] = { "lsoa", "lad", "region" };
      g_autofree char *count = g_strdup_printf ("%u", n_wards);

      lm_view_set_level (view, levels[i]);
      assert_left_behind_row (fixture, "wards", count);
    }

  lm_window_load (window, "england-2025", NULL);
  lm_test_wait_until (lm_test_window_is_settled, window, "the 2025 data");
  lm_view_set_level (view, "lad");
  {
    /* In the locale's digits, as the legend writes counts. */
    g_autofree char *count = g_strdup_printf ("%'u", 1262);

    assert_left_behind_row (fixture, "LSOAs", count);
  }
}

/* Issue 13, defect 12: "deciles" is named for what it does, and where a
 * level has too few areas for ten classes it gives way to quantiles. */
static gboolean
menu_has_label (GMenuModel *menu,
                const char *wanted)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *link;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          strstr (label, wanted) != NULL)
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_label (link, wanted);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_deciles (Fixture       *fixture,
              gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  /* The menu itself: the button gets it only once idle after start-up
   * (or when first opened), which a loaded machine may not have reached. */
  GMenuModel *menu = window->primary_menu;

  g_assert_false (menu_has_label (menu, "Published Deciles"));
  g_assert_true (menu_has_label (menu, "Deciles (Ten Equal Groups)"));
  lm_view_set_level (view, "lsoa");
  lm_view_set_method (view, "deciles");
  lm_view_set_level (view, "region");
  g_assert_cmpstr (lm_view_get_method (view), ==, "quantile");
  g_assert_false (menu_has_label (menu, "Deciles"));
  lm_view_set_level (view, "lad");
  g_assert_true (menu_has_label (menu, "Deciles (Ten Equal Groups)"));
}

/* Issue 13, defect 14: the export dialog opens in the last export's
 * folder, else Pictures or home, never where Levelmap was started. */
static GtkFileChooser *
find_file_chooser (void)
{
  GtkWindow *window = lm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER);

  return window != NULL ? GTK_FILE_CHOOSER (window) : NULL;
}

/* The dialog is open and shows a folder (it loads it in the background). */
static gboolean
chooser_shows_folder (gpointer data)
{
  GtkFileChooser *chooser = find_file_chooser ();
  g_autoptr(GFile) folder = chooser != NULL ? gtk_file_chooser_get_current_folder (chooser) : NULL;

  return folder != NULL;
}

static gboolean
chooser_is_closed (gpointer data)
{
  return find_file_chooser () == NULL;
}

static char *
export_dialog_folder (LmWindow *window)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) folder = NULL;

  /* The plot's export goes straight to the file dialog (the map's asks
   * what to export first); all exports share the folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-plot", NULL));
  lm_test_wait_until (chooser_shows_folder, NULL, "the export dialog and its folder");
  chooser = find_file_chooser ();
  folder = gtk_file_chooser_get_current_folder (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  lm_test_wait_until (chooser_is_closed, NULL, "the export dialog to close");
  return g_file_get_path (folder);
}

static void
test_export_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  GSettings *settings = lm_application_get_settings (app);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *first = export_dialog_folder (fixture->window);
  g_autofree char *chosen = g_dir_make_tmp ("levelmap-exports-XXXXXX", NULL);
  g_autofree char *second = NULL;
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  g_test_message ("first in %s (started in %s)", first, cwd);
  g_assert_cmpstr (first, !=, cwd);
  g_assert_true (g_strcmp0 (first, g_get_home_dir ()) == 0 || g_strcmp0 (first, pictures) == 0);
  g_settings_set_string (settings, "export-folder", chosen);
  second = export_dialog_folder (fixture->window);
  g_assert_cmpstr (second, ==, chosen);
  g_rmdir (chosen);
}

/* Issue 13, defect 14: a narrow error page never breaks an option or a
 * variable across lines ("--" at the end of one, "data-dir" on the
 * next). */
static void
assert_whole_on_one_line (GtkLabel   *label,
                          const char *word)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const char *found = strstr (text, word);
  int start, end, line_start, line_end;

  g_assert_nonnull (found);
  start = (int) (found - text);
  end = start + (int) strlen (word);
  pango_layout_index_to_line_x (layout, start, FALSE, &line_start, NULL);
  pango_layout_index_to_line_x (layout, end - 1, FALSE, &line_end, NULL);
  g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
  g_assert_cmpint (line_start, ==, line_end);
}

static void
find_labels_with (GtkWidget  *widget,
                  const char *word,
                  GPtrArray  *found)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), word) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_labels_with (child, word, found);
}

static void
test_error_hint_wraps (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *empty = g_dir_make_tmp ("levelmap-empty-XXXXXX", NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  LmLoadPage *page;

  lm_application_set_data_dir (app, empty);
  fixture->window = lm_test_window_open (app, 640, 600);
  page = lm_window_get_load_page (fixture->window);
  g_assert_cmpstr (lm_window_get_page (fixture->window), ==, "error");
  for (int width = 360; width <= 620; width += 13)
    {
      gtk_widget_set_size_request (GTK_WIDGET (page), -1, -1);
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 600);
      lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
      g_ptr_array_set_size (labels, 0);
      find_labels_with (GTK_WIDGET (page), "--data-dir=FOLDER", labels);
      g_assert_cmpuint (labels->len, >=, 1);
      for (guint i = 0; i < labels->len; i++)
        {
          assert_whole_on_one_line (g_ptr_array_index (labels, i), "--data-dir=FOLDER");
          assert_whole_on_one_line (g_ptr_array_index (labels, i), "LEVELMAP_DATA_DIR");
        }
    }
  g_rmdir (empty);
}

/* Issue 13, defect 14: with a menu open, the map shows no tooltip over
 * it. */
static void
test_no_tooltip_over_menus (Fixture       *fixture,
                            gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  graphene_rect_t layer = layer_pixels (map);
  double x = layer.origin.x + layer.size.width * 0.55;
  double y = layer.origin.y + layer.size.height * 0.6;
  g_autofree char *before = lm_choropleth_get_tooltip_markup (map, x, y);
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;

  g_assert_nonnull (before);
  gtk_menu_button_popup (fixture->window->primary_menu_button);
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  during = lm_choropleth_get_tooltip_markup (map, x, y);
  g_assert_null (during);
  gtk_menu_button_popdown (fixture->window->primary_menu_button);
  gtk_widget_grab_focus (GTK_WIDGET (map));
  after = lm_choropleth_get_tooltip_markup (map, x, y);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  GtkWidget  *window;
  const char *text;    /* the text awaited, or NULL for any */
} TooltipWatch;

/* The text of the tooltip GTK shows for @window, once mapped, or NULL. */
static const char *
shown_tooltip (GtkWidget *window)
{
  /* GTK's private type, registered with the first tooltip */
  GType tooltip_type = g_type_from_name ("GtkTooltipWindow");
  GtkWidget *tooltip = tooltip_type != 0 ? lm_test_find_type (window, tooltip_type) : NULL;
  GtkWidget *label = tooltip != NULL ? lm_test_find_type (tooltip, GTK_TYPE_LABEL) : NULL;

  return label != NULL && gtk_widget_get_mapped (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
tooltip_shows (gpointer data)
{
  TooltipWatch *watch = data;
  const char *text = shown_tooltip (watch->window);

  return text != NULL && (watch->text == NULL || strcmp (text, watch->text) == 0);
}

/* The text of @map's tooltip markup at (@x, @y). */
static char *
tooltip_text_at (LmChoropleth *map,
                 double        x,
                 double        y)
{
  g_autofree char *markup = lm_choropleth_get_tooltip_markup (map, x, y);
  char *text = NULL;

  g_assert_nonnull (markup);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  return text;
}

/* The map's tooltip gives the value of the area under the pointer: a
 * variable switched from the keyboard, the pointer resting on the map,
 * changes the tooltip shown, or it would show the old variable's
 * value. */
static void
test_tooltip_follows_variable (Fixture       *fixture,
                               gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  LmView *view = lm_window_get_view (fixture->window);
  graphene_rect_t layer = layer_pixels (map);
  double x = layer.origin.x + layer.size.width * 0.55;
  double y = layer.origin.y + layer.size.height * 0.6;
  g_autofree char *before = tooltip_text_at (map, x, y);
  g_autofree char *after = NULL;
  TooltipWatch watch = { GTK_WIDGET (fixture->window), before };

  lm_test_pointer_move (GTK_WIDGET (map), x, y);
  lm_test_wait_until (tooltip_shows, &watch, "the map's tooltip");
  lm_view_set_variable (view, g_strcmp0 (lm_view_get_variable (view), "imd.income") != 0 ? "imd.income"
                                                                                       : "imd.health");
  after = tooltip_text_at (map, x, y);
  g_assert_cmpstr (after, !=, before);
  watch.text = after;
  lm_test_wait_until (tooltip_shows, &watch, "the map's tooltip to give the new variable");
}

/* Issue 13, on-screen help: F1's page says what the indices and their
 * domains measure, how an index is made, what "left behind" means in
 * each dataset on offer, what r and rho say, the units and the sources. */
static LmHelpWindow *
find_help (void)
{
  GtkWindow *window = lm_test_find_toplevel (LM_TYPE_HELP_WINDOW);

  return window != NULL ? LM_HELP_WINDOW (window) : NULL;
}

static gboolean
help_is_open (gpointer data)
{
  return find_help () != NULL;
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const expected[] = {
    "Index of Multiple Deprivation 2019", "Income (22.5% of the index)",
    "means-tested benefits", "Community Needs Index 2019", "Civic assets",
    "−23 ln", "Re-rank", "population-weighted mean",
    "England 2019 Wards in the most needy 10%", "England 2025 LSOAs in the most needy 10%",
    "Pearson’s r", "Spearman’s ρ", "ecological fallacy", "percent of valid votes",
    "OCSI / Local Trust",
  };
  LmHelpWindow *help;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.help", NULL));
  lm_test_wait_until (help_is_open, NULL, "the help window");
  help = find_help ();
  text = lm_help_window_get_text (help);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("the help does not say “%s”:\n%s", expected[i], text);
  gtk_window_destroy (GTK_WINDOW (help));
}

/* A click on the map selects the area under it, with everything that
 * now lies over the map (the sheets, the legend's buttons). */
static void
test_click_selects (Fixture       *fixture,
                    gconstpointer  data)
{
  LmChoropleth *map = get_map (fixture);
  graphene_rect_t layer = layer_pixels (map);
  LmTestSelectionWatch watch = { lm_model_get_selection (lm_window_get_model (fixture->window)),
                                 lm_choropleth_get_current_level (map) };
  double x = layer.origin.x + layer.size.width * 0.6, y = layer.origin.y + layer.size.height * 0.5;
  LmLevel *level;
  guint area;

  g_assert_true (lm_choropleth_pick (map, x, y, &level, &area));
  lm_test_pointer_move (GTK_WIDGET (map), x, y);
  lm_test_run_xdotool ((const char *[]) { "click", "1", NULL });
  lm_test_wait_until (lm_test_has_selection, &watch, "a click to select an area");
  g_assert_true (lm_selection_contains (watch.selection, level, area));
}

/* The first frame painted with the map shows the map whole: not faded
 * in over the load page, which is no longer drawn nor laid out. */
typedef struct
{
  LmWindow *window;
  gboolean  seen;           /* a frame painted with the map */
  gboolean  load_page_shown;
  gboolean  fading;
} FirstFrame;

static void
on_first_frame_cb (GdkFrameClock *clock,
                   FirstFrame    *first)
{
  GtkWidget *map = lm_window_get_map (first->window);

  if (first->seen || map == NULL || !gtk_widget_get_mapped (map) ||
      lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map)) <= 0)
    return;
  first->seen = TRUE;
  first->load_page_shown = gtk_widget_get_child_visible (GTK_WIDGET (first->window->load_page)) ||
                           gtk_widget_get_mapped (GTK_WIDGET (first->window->load_page));
  first->fading = gtk_stack_get_transition_running (first->window->stack);
}

static gboolean
first_frame_seen (gpointer data)
{
  return ((FirstFrame *) data)->seen;
}

static void
on_realize_cb (GtkWidget  *widget,
               FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_first_frame_cb), first);
}

static void
test_first_map_whole (Fixture       *fixture,
                      gconstpointer  data)
{
  FirstFrame first = { NULL };

  fixture->window = first.window = lm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  g_signal_connect (fixture->window, "realize", G_CALLBACK (on_realize_cb), &first);
  gtk_window_present (GTK_WINDOW (fixture->window));
  lm_test_wait_until (first_frame_seen, &first, "a frame painted with the map");
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)),
                                        on_first_frame_cb, &first);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->stack), ==, "data");
  g_assert_false (first.fading);
  g_assert_false (first.load_page_shown);
  lm_test_window_wait_settled (fixture->window);
}

#define ADD_TEST(path, setup, func) \
  g_test_add (path, Fixture, &setup, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_gui_init (&argc, &argv, "/usability/no-display"))
    return g_test_run ();
  app = lm_test_application_new ();

  ADD_TEST ("/usability/legend-keeps-clear", desk, test_legend_keeps_clear);
  ADD_TEST ("/usability/zoom-to-area-keeps-clear", desk, test_zoom_to_area_keeps_clear);
  ADD_TEST ("/usability/resize-refits", desk, test_resize_refits);
  ADD_TEST ("/usability/fullscreen-refits", desk, test_fullscreen_refits);
  ADD_TEST ("/usability/small-window", small, test_small_window);
  ADD_TEST ("/usability/projector-window", projector, test_projector_window);
  ADD_TEST ("/usability/details", desk, test_details);
  ADD_TEST ("/usability/broken-boundaries", own_window, test_broken_boundaries);
  ADD_TEST ("/usability/switch-keeps-work", desk, test_switch_keeps_work);
  ADD_TEST ("/usability/left-behind-says-what", desk, test_left_behind_says_what);
  ADD_TEST ("/usability/deciles", desk, test_deciles);
  ADD_TEST ("/usability/export-folder", desk, test_export_folder);
  ADD_TEST ("/usability/error-hint-wraps", own_window, test_error_hint_wraps);
  ADD_TEST ("/usability/no-tooltip-over-menus", desk, test_no_tooltip_over_menus);
  ADD_TEST ("/usability/tooltip-follows-variable", desk, test_tooltip_follows_variable);
  ADD_TEST ("/usability/help", desk, test_help);
  ADD_TEST ("/usability/click-selects", desk, test_click_selects);
  ADD_TEST ("/usability/first-map-whole", own_window, test_first_map_whole);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
