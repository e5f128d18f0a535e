/* test-map-renderer.c — pixels of the Cairo map renderer on tiny layers
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <shapefil.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lm-hit-grid.h"
#include "lm-map-renderer.h"

/* The fixture world is 400 x 400 metres, drawn at 1 m per pixel, so
 * world (x, y) is pixel (x, 400 - y). Areas:
 *   0  square A       (0,0)-(100,100)
 *   1  square B       (100,0)-(200,100), sharing A's east side
 *   2  ring           (0,200)-(200,400) with a hole (50,250)-(150,350)
 *   3  two parts      (300,0)-(400,100) and (300,300)-(400,400)
 *   4  no-data square (220,120)-(280,180)
 * and a parent level with one area covering A and B. */

typedef struct
{
  char    *dir;
  LmLevel *level;
  LmLevel *parent;
} Fixture;

static const LmColor class_colors[] = {
  { 1, 0, 0, 1 },     /* A */
  { 0, 0.5, 0, 1 },   /* B */
  { 0, 0, 1, 1 },     /* ring */
  { 1, 0.8, 0, 1 },   /* two parts */
};

static const gint8 classes[] = { 0, 1, 2, 3, -1 };

static void
add_ring (GArray *xs,
          GArray *ys,
          GArray *starts,
          double  x0,
          double  y0,
          double  x1,
          double  y1,
          gboolean hole)
{
  /* Shapefiles want outer rings clockwise (y up), holes anticlockwise. */
  double cw_x[] = { x0, x0, x1, x1, x0 };
  double cw_y[] = { y0, y1, y1, y0, y0 };
  int start = xs->len;

  g_array_append_val (starts, start);
  for (int i = 0; i < 5; i++)
    {
      int k = hole ? 4 - i : i;

      g_array_append_val (xs, cw_x[k]);
      g_array_append_val (ys, cw_y[k]);
    }
}

typedef struct
{
  double x0, y0, x1, y1;
  gboolean hole;
} RingSpec;

static void
write_shapefile (const char     *path,
                 const RingSpec *rings,
                 const int      *feature_of_ring,
                 guint           n_rings,
                 guint           n_features)
{
  g_autofree char *base = g_strndup (path, strlen (path) - 4);
  SHPHandle shp = SHPCreate (base, SHPT_POLYGON);
  DBFHandle dbf = DBFCreate (base);

  g_assert_nonnull (shp);
  g_assert_nonnull (dbf);
  g_assert_cmpint (DBFAddField (dbf, "CODE", FTString, 16, 0), ==, 0);

  for (guint f = 0; f < n_features; f++)
    {
      g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
      g_autofree char *code = g_strdup_printf ("F%u", f);
      SHPObject *obj;

      for (guint r = 0; r < n_rings; r++)
        if (feature_of_ring[r] == (int) f)
          add_ring (xs, ys, starts, rings[r].x0, rings[r].y0, rings[r].x1, rings[r].y1,
                    rings[r].hole);
      obj = SHPCreateObject (SHPT_POLYGON, -1, starts->len, (int *) starts->data, NULL,
                             xs->len, (double *) xs->data, (double *) ys->data, NULL, NULL);
      g_assert_cmpint (SHPWriteObject (shp, -1, obj), ==, (int) f);
      SHPDestroyObject (obj);
      g_assert_true (DBFWriteStringAttribute (dbf, f, 0, code));
    }
  SHPClose (shp);
  DBFClose (dbf);
}

static LmLevel *
level_from_shapefile (const char *path,
                      const char *id,
                      guint       depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmShapeLayer) layer = lm_shape_layer_load (path, &error);
  LmLevel *level;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (layer);
  n = lm_shape_layer_get_n_features (layer);
  level = lm_level_new (id, id, depth);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s%u", id, i);

      lm_level_add_area (level, code, code);
    }
  /* lm_level_add_area() allocated level->feature (all -1) */
  for (guint i = 0; i < n; i++)
    level->feature[i] = i;
  level->shapes = g_object_ref (layer);
  return level;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const RingSpec rings[] = {
    { 0, 0, 100, 100, FALSE },
    { 100, 0, 200, 100, FALSE },
    { 0, 200, 200, 400, FALSE },
    { 50, 250, 150, 350, TRUE },
    { 300, 0, 400, 100, FALSE },
    { 300, 300, 400, 400, FALSE },
    { 220, 120, 280, 180, FALSE },
  };
  static const int feature_of_ring[] = { 0, 1, 2, 2, 3, 3, 4 };
  static const RingSpec parent_rings[] = { { 0, 0, 200, 100, FALSE } };
  static const int parent_of_ring[] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent_path = NULL;
  LmVariable *variable;

  fixture->dir = g_dir_make_tmp ("lm-map-renderer-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "areas.shp", NULL);
  parent_path = g_build_filename (fixture->dir, "parent.shp", NULL);
  write_shapefile (path, rings, feature_of_ring, G_N_ELEMENTS (rings), 5);
  write_shapefile (parent_path, parent_rings, parent_of_ring, 1, 1);

  fixture->level = level_from_shapefile (path, "area", 0);
  fixture->parent = level_from_shapefile (parent_path, "parent", 1);
  fixture->level->parent_level = fixture->parent;
  fixture->parent->child_level = fixture->level;

  variable = lm_level_add_variable (fixture->level,
                                    lm_variable_new ("v", "Value", LM_UNIT_SCORE, fixture->level));
  for (guint i = 0; i < 4; i++)
    variable->values[i] = i;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_level_free (fixture->level);
  lm_level_free (fixture->parent);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* ------------------------------------------------------------------ */

static void
init_view (LmMapView *view)
{
  LmBounds bounds = { 0, 0, 400, 400 };

  lm_map_view_fit (view, &bounds, 400, 400, 0);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 1.0, 1e-9);
}

static void
init_style (LmMapStyle *style)
{
  lm_map_style_init (style);
  style->classes = classes;
  style->class_colors = class_colors;
  style->n_classes = G_N_ELEMENTS (class_colors);
  style->background = (LmColor) { 1, 1, 1, 1 };
  style->antialias = CAIRO_ANTIALIAS_NONE;
}

static guint32
pixel_at (cairo_surface_t *image,
          double           world_x,
          double           world_y)
{
  int x = (int) floor (world_x);
  int y = (int) floor (400 - world_y);
  const guint8 *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (image));
  return ((const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (image)))[x];
}

static guint32
argb (const LmColor *color)
{
  return 0xff000000u
         | (guint32) lround (color->red * 255) << 16
         | (guint32) lround (color->green * 255) << 8
         | (guint32) lround (color->blue * 255);
}

#define WHITE 0xffffffffu

static void
assert_color (cairo_surface_t *image,
              double           x,
              double           y,
              guint32          expected)
{
  guint32 found = pixel_at (image, x, y);

  if (found != expected)
    g_error ("pixel at world (%g, %g): expected %08x, found %08x", x, y, expected, found);
}

static cairo_surface_t *
render (Fixture          *fixture,
        const LmMapStyle *style)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  LmMapView view;

  init_view (&view);
  return lm_map_renderer_render_new_image (renderer, fixture->level, &view, style);
}

static void
test_fill_classes (Fixture       *fixture,
                   gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;

  init_style (&style);
  image = render (fixture, &style);

  assert_color (image, 50, 50, argb (&class_colors[0]));
  assert_color (image, 150, 50, argb (&class_colors[1]));
  assert_color (image, 25, 300, argb (&class_colors[2]));
  assert_color (image, 100, 225, argb (&class_colors[2]));
  /* Both parts of the multi-part area */
  assert_color (image, 350, 50, argb (&class_colors[3]));
  assert_color (image, 350, 350, argb (&class_colors[3]));
  /* Outside every area */
  assert_color (image, 250, 380, WHITE);
  assert_color (image, 250, 50, WHITE);
  cairo_surface_destroy (image);
}

static void
test_hole (Fixture       *fixture,
           gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;

  init_style (&style);
  image = render (fixture, &style);
  /* The hole shows the background; just inside and outside its edge
   * the ring's colour. */
  assert_color (image, 100, 300, WHITE);
  assert_color (image, 52, 300, WHITE);
  assert_color (image, 47, 300, argb (&class_colors[2]));
  assert_color (image, 153, 300, argb (&class_colors[2]));
  cairo_surface_destroy (image);

  /* Antialiased too (the even-odd rule, not the drawing mode). */
  style.antialias = CAIRO_ANTIALIAS_DEFAULT;
  image = render (fixture, &style);
  assert_color (image, 100, 300, WHITE);
  assert_color (image, 25, 300, argb (&class_colors[2]));
  cairo_surface_destroy (image);
}

static void
test_no_data (Fixture       *fixture,
              gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;
  LmColor no_data = lm_palette_get_no_data_color ();

  init_style (&style);
  image = render (fixture, &style);
  assert_color (image, 250, 150, argb (&no_data));
  cairo_surface_destroy (image);

  /* No classes at all: every area is no data. */
  style.classes = NULL;
  image = render (fixture, &style);
  assert_color (image, 50, 50, argb (&no_data));
  assert_color (image, 350, 350, argb (&no_data));
  assert_color (image, 100, 300, WHITE);
  cairo_surface_destroy (image);
}

static void
test_parent_outline (Fixture       *fixture,
                     gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;
  LmColor black = { 0, 0, 0, 1 };

  init_style (&style);
  style.outline_level = fixture->parent;
  style.outline_color = black;
  style.outline_width = 4;
  image = render (fixture, &style);

  /* On the parent's boundary (the outer edges of A and B) */
  assert_color (image, 0.5, 50, argb (&black));
  assert_color (image, 50, 99.5, argb (&black));
  assert_color (image, 150, 0.5, argb (&black));
  assert_color (image, 199.5, 50, argb (&black));
  /* The border between A and B is inside the parent: not outlined */
  assert_color (image, 99.5, 50, argb (&class_colors[0]));
  assert_color (image, 100.5, 50, argb (&class_colors[1]));
  /* Other areas untouched */
  assert_color (image, 0.5, 300, argb (&class_colors[2]));
  cairo_surface_destroy (image);
}

static void
test_area_borders (Fixture       *fixture,
                   gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;
  LmColor black = { 0, 0, 0, 1 };

  init_style (&style);
  style.area_border_width = 4;
  style.area_border_color = black;
  image = render (fixture, &style);
  /* Now the shared border of A and B is drawn (once), and the hole's edge */
  assert_color (image, 99.5, 50, argb (&black));
  assert_color (image, 100.5, 50, argb (&black));
  assert_color (image, 50.5, 300, argb (&black));
  assert_color (image, 50, 50, argb (&class_colors[0]));
  cairo_surface_destroy (image);
}

static void
test_marked_and_selection (Fixture       *fixture,
                           gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *image;
  guint8 marked[5] = { 1, 0, 0, 0, 0 };
  guint8 selected[5] = { 0, 1, 0, 0, 0 };
  LmColor dark = { 0, 0, 0, 1 };
  LmColor pink = { 1, 0, 1, 1 };

  init_style (&style);
  style.marked_level = fixture->level;
  style.marked_mask = marked;
  style.marked_color = dark;
  style.marked_width = 4;
  style.selection_mask = selected;
  style.selection_color = pink;
  style.selection_width = 4;
  image = render (fixture, &style);

  /* A: the dark mark on its west edge, its fill inside */
  assert_color (image, 0.5, 50, argb (&dark));
  assert_color (image, 50, 50, argb (&class_colors[0]));
  /* B: the selection on its east edge, its fill inside */
  assert_color (image, 199.5, 50, argb (&pink));
  assert_color (image, 150, 50, argb (&class_colors[1]));
  /* The white casing beside the dark line, over A's fill */
  assert_color (image, 50, 97.5, WHITE);
  /* Unmarked, unselected areas keep clean edges */
  assert_color (image, 300.5, 50, argb (&class_colors[3]));
  cairo_surface_destroy (image);
}

static void
test_threads_agree (Fixture       *fixture,
                    gconstpointer  data)
{
  LmMapStyle style;
  cairo_surface_t *one, *many;

  init_style (&style);
  style.outline_level = fixture->parent;
  style.n_threads = 1;
  one = render (fixture, &style);
  for (guint threads = 2; threads <= 4; threads++)
    {
      style.n_threads = threads;
      many = render (fixture, &style);
      cairo_surface_flush (one);
      cairo_surface_flush (many);
      g_assert_cmpmem (cairo_image_surface_get_data (one),
                       cairo_image_surface_get_stride (one) * 400,
                       cairo_image_surface_get_data (many),
                       cairo_image_surface_get_stride (many) * 400);
      cairo_surface_destroy (many);
    }
  cairo_surface_destroy (one);
}

static void
test_vector_draw (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 400);
  cairo_t *cr = cairo_create (image);
  LmMapStyle style;
  LmMapView view;

  /* The single-threaded path used for SVG and PDF, on an image here so
   * the pixels can be checked. */
  init_view (&view);
  init_style (&style);
  lm_map_renderer_draw (renderer, cr, fixture->level, &view, &style);
  cairo_destroy (cr);
  assert_color (image, 50, 50, argb (&class_colors[0]));
  assert_color (image, 100, 300, WHITE);
  assert_color (image, 350, 350, argb (&class_colors[3]));
  cairo_surface_destroy (image);
}

static void
test_specks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  LmMapView view = { 200, 200, 2000, 16, 16 };
  LmMapStyle style;
  cairo_surface_t *image;
  guint colored = 0;
  const guint8 *pixels;

  /* At 2 km per pixel every area is a speck: still drawn, as a pixel. */
  init_style (&style);
  image = lm_map_renderer_render_new_image (renderer, fixture->level, &view, &style);
  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      if (((const guint32 *) (pixels + y * cairo_image_surface_get_stride (image)))[x] != WHITE)
        colored++;
  g_assert_cmpuint (colored, >=, 1);
  g_assert_cmpuint (colored, <=, 5);
  cairo_surface_destroy (image);
}

static void
test_outline_choice (Fixture       *fixture,
                     gconstpointer  data)
{
  LmMapView view;

  /* The parent (200 x 100 m) is ~141 px across at 1 m/px: worth it... */
  init_view (&view);
  g_assert_true (lm_map_renderer_choose_outline_level (fixture->level, &view) == fixture->parent);
  /* ...but only ~1.4 px at 100 m/px. */
  view.metres_per_pixel = 100;
  g_assert_null (lm_map_renderer_choose_outline_level (fixture->level, &view));
  g_assert_null (lm_map_renderer_choose_outline_level (fixture->parent, &view));
}

static void
test_view (void)
{
  LmMapView view;
  LmBounds bounds = { 100000, 50000, 300000, 650000 };
  LmBounds shown;
  double px, py, x, y;

  lm_map_view_fit (&view, &bounds, 800, 1000, 10);
  /* 600 km tall into 980 px */
  g_assert_cmpfloat_with_epsilon (view.metres_per_pixel, 600000.0 / 980, 1e-6);
  lm_map_view_world_to_pixel (&view, 200000, 350000, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 400, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, 500, 1e-6);
  /* North is up */
  lm_map_view_world_to_pixel (&view, 200000, 650000, &px, &py);
  g_assert_cmpfloat_with_epsilon (py, 10, 1e-6);

  lm_map_view_pixel_to_world (&view, 123, 456, &x, &y);
  lm_map_view_world_to_pixel (&view, x, y, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 123, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, 456, 1e-6);

  /* Zooming about a point keeps it under the pointer */
  lm_map_view_pixel_to_world (&view, 700, 100, &x, &y);
  lm_map_view_zoom_at (&view, 3.5, 700, 100);
  lm_map_view_world_to_pixel (&view, x, y, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 700, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, 100, 1e-6);

  /* Dragging right by 10 px moves the map right by 10 px */
  lm_map_view_world_to_pixel (&view, x, y, &px, &py);
  lm_map_view_pan (&view, 10, -5);
  lm_map_view_world_to_pixel (&view, x, y, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, px + 10, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, py - 5, 1e-6);

  shown = lm_map_view_get_world_bounds (&view);
  g_assert_cmpfloat_with_epsilon ((shown.xmax - shown.xmin) / view.metres_per_pixel, 800, 1e-6);
  g_assert_cmpfloat_with_epsilon ((shown.ymax - shown.ymin) / view.metres_per_pixel, 1000, 1e-6);
}

/* Picking by the shared grid, against the fixture's known geometry. */
static void
test_hit_grid_pick (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LmHitGrid) grid = lm_hit_grid_new_for_level (fixture->level);
  static const struct { double x, y; int area; } cases[] = {
    { 50, 50, 0 },      /* inside A */
    { 150, 50, 1 },     /* inside B */
    { 20, 220, 2 },     /* the ring's body */
    { 100, 300, -1 },   /* the ring's hole */
    { 350, 50, 3 },     /* first part */
    { 350, 350, 3 },    /* second part */
    { 250, 150, 4 },    /* the no-data square still is an area */
    { 250, 250, -1 },   /* between areas */
    { -10, 50, -1 },    /* west of the layer */
    { 500, 500, -1 },   /* beyond the layer */
  };

  g_assert_nonnull (grid);
  g_assert_true (lm_hit_grid_get_layer (grid) == fixture->level->shapes);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (lm_hit_grid_pick_area (grid, fixture->level, cases[i].x, cases[i].y),
                     ==, cases[i].area);

  /* An area without a polygon is never picked, and the others still are. */
  {
    g_autoptr(LmHitGrid) partial = NULL;

    fixture->level->feature[1] = -1;
    partial = lm_hit_grid_new_for_level (fixture->level);
    g_assert_cmpint (lm_hit_grid_pick_area (partial, fixture->level, 150, 50), ==, -1);
    g_assert_cmpint (lm_hit_grid_pick_area (partial, fixture->level, 50, 50), ==, 0);
  }
}

static void
append_item (guint    item,
             gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, item);
}

/* The generic grid: which items each cell lists, worked out by hand for
 * a 4 x 4 grid of 0.25-wide cells over the unit square. */
static void
test_hit_grid_boxes (void)
{
  static const LmBounds unit = { 0, 0, 1, 1 };
  static const LmBounds boxes[] = {
    { 0.1, 0.1, 0.1, 0.1 },     /* 0: a point in cell (0, 0) */
    { 0.3, 0.1, 0.6, 0.2 },     /* 1: cells (1, 0) and (2, 0) */
    { 1, 0, 0, 1 },             /* 2: empty, left out */
    { 0.9, 0.9, 0.9, 0.9 },     /* 3: cell (3, 3) */
    { -5, 0.8, -4, 0.8 },       /* 4: west of the square: edge cell (0, 3) */
    { 0.1, 0.12, 0.1, 0.12 },   /* 5: cell (0, 0) after item 0 */
  };
  g_autoptr(LmHitGrid) grid = lm_hit_grid_new (&unit, 4, 4, boxes, G_N_ELEMENTS (boxes));
  const guint *items;
  guint n, ix0, iy0, ix1, iy1;
  guint total = 0;

  items = lm_hit_grid_get_cell_items (grid, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (items[0], ==, 0);
  g_assert_cmpuint (items[1], ==, 5);
  items = lm_hit_grid_get_cell_items (grid, 1, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 1);
  items = lm_hit_grid_get_cell_items (grid, 2, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 1);
  items = lm_hit_grid_get_cell_items (grid, 3, 3, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 3);
  items = lm_hit_grid_get_cell_items (grid, 0, 3, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 4);
  for (guint iy = 0; iy < 4; iy++)
    for (guint ix = 0; ix < 4; ix++)
      {
        lm_hit_grid_get_cell_items (grid, ix, iy, &n);
        total += n;
      }
  /* Item 1 is listed twice, item 2 never. */
  g_assert_cmpuint (total, ==, 6);

  g_assert_true (lm_hit_grid_get_cell_range (grid, &(LmBounds) { 0.3, 0.3, 0.7, 0.55 },
                                             &ix0, &iy0, &ix1, &iy1));
  g_assert_cmpuint (ix0, ==, 1);
  g_assert_cmpuint (iy0, ==, 1);
  g_assert_cmpuint (ix1, ==, 2);
  g_assert_cmpuint (iy1, ==, 2);
  g_assert_true (lm_hit_grid_get_cell_range (grid, &(LmBounds) { -1, -1, 9, 9 },
                                             &ix0, &iy0, &ix1, &iy1));
  g_assert_cmpuint (ix0, ==, 0);
  g_assert_cmpuint (ix1, ==, 3);
  g_assert_false (lm_hit_grid_get_cell_range (grid, &(LmBounds) { 2, 2, 3, 3 },
                                              &ix0, &iy0, &ix1, &iy1));
  g_assert_false (lm_hit_grid_get_cell_range (grid, &(LmBounds) { 0.6, 0.6, 0.5, 0.5 },
                                              &ix0, &iy0, &ix1, &iy1));

  /* Cells (0, 0) to (2, 0), in order: item 1 spans two of them. */
  {
    g_autoptr(GArray) visited = g_array_new (FALSE, FALSE, sizeof (guint));
    static const guint expected[] = { 0, 5, 1, 1 };

    lm_hit_grid_foreach (grid, &(LmBounds) { 0, 0, 0.7, 0.2 }, append_item, visited);
    g_assert_cmpmem (visited->data, visited->len * sizeof (guint), expected, sizeof expected);
  }
}

/* Coordinates far outside the view (the shape reader allows up to 10^12)
 * put pixel rows beyond int's range; converting those to int was
 * undefined behaviour, which the float-cast-overflow sanitizer reports.
 * The layer's corner stays at 0, since the renderer keeps floats
 * relative to it. */
static void
test_far_coordinates (void)
{
  static const RingSpec rings[] = {
    { 0, 0, 100, 100, FALSE },
    { 200, 0, 9e11, 9e11, FALSE },
  };
  static const int feature_of_ring[] = { 0, 1 };
  static const gint8 far_classes[] = { 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  g_autofree char *dir = g_dir_make_tmp ("lm-map-far-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "far.shp", NULL);
  cairo_surface_t *image;
  cairo_surface_t *index;
  LmMapStyle style;
  LmMapView view;
  LmLevel *level;

  g_assert_no_error (error);
  write_shapefile (path, rings, feature_of_ring, G_N_ELEMENTS (rings), 2);
  level = level_from_shapefile (path, "far", 0);

  init_view (&view);
  init_style (&style);
  style.classes = far_classes;
  style.n_threads = 2;
  image = lm_map_renderer_render_new_image (renderer, level, &view, &style);
  assert_color (image, 50, 50, argb (&class_colors[0]));
  assert_color (image, 300, 50, argb (&class_colors[1]));
  assert_color (image, 150, 50, WHITE);
  cairo_surface_destroy (image);

  /* The picking image goes through the speck placement too. */
  index = lm_map_renderer_render_index (renderer, level, &view);
  g_assert_nonnull (index);
  g_assert_cmpuint (pixel_at (index, 50, 50) & 0xffffff, ==, 1);
  g_assert_cmpuint (pixel_at (index, 300, 50) & 0xffffff, ==, 2);
  cairo_surface_destroy (index);

  lm_level_free (level);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/map/view", test_view);
  g_test_add_func ("/render/map/hit-grid/boxes", test_hit_grid_boxes);
  g_test_add_func ("/render/map/far-coordinates", test_far_coordinates);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/render/map/fill", test_fill_classes);
  ADD ("/render/map/hole", test_hole);
  ADD ("/render/map/no-data", test_no_data);
  ADD ("/render/map/parent-outline", test_parent_outline);
  ADD ("/render/map/area-borders", test_area_borders);
  ADD ("/render/map/marked-and-selection", test_marked_and_selection);
  ADD ("/render/map/threads", test_threads_agree);
  ADD ("/render/map/vector", test_vector_draw);
  ADD ("/render/map/specks", test_specks);
  ADD ("/render/map/outline-choice", test_outline_choice);
  ADD ("/render/map/hit-grid/pick", test_hit_grid_pick);
#undef ADD

  return g_test_run ();
}
