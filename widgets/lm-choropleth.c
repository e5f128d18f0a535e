/* lm-choropleth.c — the map widget
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How it stays fast: the polygons are rendered by LmMapRenderer into an
 * image that covers the viewport plus a margin, wrapped in a
 * GdkMemoryTexture without copying; snapshot() only translates and
 * scales that texture (the GPU does it with the GL renderer) and draws
 * the cheap overlays (hover outline, scale bar, attribution). While the
 * map moves, new images are rendered with fast antialiasing in a worker
 * thread when the view leaves the image or its scale drifts; 150 ms after
 * the last move a sharp image replaces it. A colour change (recompute,
 * palette, selection) renders at once in the frame clock's update phase,
 * so the new colours appear in the same frame; nothing is ever rendered
 * inside snapshot().
 */
#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lm-choropleth.h"
#include "lm-legend-renderer.h"

/* Fraction of the viewport rendered beyond each edge of the cached image,
 * so that short pans need no new image. */
#define CACHE_MARGIN 0.25
/* A new image is rendered once the view's scale differs from the
 * image's by more than this factor. */
#define MAX_SCALE_DRIFT 1.5
/* The sharp redraw follows the last move by this much. */
#define SHARP_DELAY_MS 150
/* Largest cached image side in device pixels (Cairo's limit is 32767). */
#define MAX_IMAGE_SIDE 8192
/* Closest zoom, metres per logical pixel. */
#define MIN_METRES_PER_PIXEL 0.5
#define ZOOM_STEP 1.5
#define WHEEL_ZOOM_STEP 1.25
#define ANIMATION_MS 250
#define FIT_MARGIN 16
#define DRAG_THRESHOLD 4.0
#define OVERLAY_MARGIN 8.0
#define SCALE_BAR_MAX_PX 120.0

/* ------------------------------------------------------------------ */
/* Spatial index for hit-testing                                        */
/* ------------------------------------------------------------------ */

/* A uniform grid over the layer's bounds; each cell lists the features
 * whose bounding box overlaps it. Built once per level: a pick is then a
 * handful of bounding-box checks and one or two point-in-polygon tests. */
typedef struct
{
  LmShapeLayer *layer;        /* owned ref */
  double        x0;
  double        y0;
  double        cell;         /* cell side in metres */
  guint         nx;
  guint         ny;
  guint        *cell_start;   /* nx * ny + 1 */
  guint        *items;        /* feature indices */
  int          *feature_area; /* feature -> area of the level, or -1 */
} HitGrid;

static void
hit_grid_free (HitGrid *grid)
{
  g_clear_object (&grid->layer);
  g_free (grid->cell_start);
  g_free (grid->items);
  g_free (grid->feature_area);
  g_free (grid);
}

static inline void
hit_grid_cell_range (const HitGrid  *grid,
                     const LmBounds *b,
                     guint          *ix0,
                     guint          *iy0,
                     guint          *ix1,
                     guint          *iy1)
{
  double fx0 = floor ((b->xmin - grid->x0) / grid->cell);
  double fy0 = floor ((b->ymin - grid->y0) / grid->cell);
  double fx1 = floor ((b->xmax - grid->x0) / grid->cell);
  double fy1 = floor ((b->ymax - grid->y0) / grid->cell);

  *ix0 = (guint) CLAMP (fx0, 0, grid->nx - 1);
  *iy0 = (guint) CLAMP (fy0, 0, grid->ny - 1);
  *ix1 = (guint) CLAMP (fx1, 0, grid->nx - 1);
  *iy1 = (guint) CLAMP (fy1, 0, grid->ny - 1);
}

static HitGrid *
hit_grid_new (LmLevel *level)
{
  LmShapeLayer *layer = level->shapes;
  guint n_features = lm_shape_layer_get_n_features (layer);
  LmBounds bounds = lm_shape_layer_get_bounds (layer);
  double w = MAX (bounds.xmax - bounds.xmin, 1.0);
  double h = MAX (bounds.ymax - bounds.ymin, 1.0);
  HitGrid *grid = g_new0 (HitGrid, 1);
  guint n_cells, total = 0;

  grid->layer = g_object_ref (layer);
  grid->x0 = bounds.xmin;
  grid->y0 = bounds.ymin;
  /* About one feature per cell on average. */
  grid->cell = sqrt (w * h / MAX (n_features, 1));
  grid->nx = CLAMP ((guint) ceil (w / grid->cell), 1, 2048);
  grid->ny = CLAMP ((guint) ceil (h / grid->cell), 1, 2048);
  grid->cell = MAX (w / grid->nx, h / grid->ny);
  n_cells = grid->nx * grid->ny;
  grid->cell_start = g_new0 (guint, n_cells + 1);

  grid->feature_area = g_new (int, MAX (n_features, 1));
  for (guint f = 0; f < n_features; f++)
    grid->feature_area[f] = -1;
  for (guint a = 0; a < level->n_areas; a++)
    if (level->feature != NULL && level->feature[a] >= 0 && (guint) level->feature[a] < n_features)
      grid->feature_area[level->feature[a]] = (int) a;

  /* Count, prefix-sum, fill. */
  for (guint f = 0; f < n_features; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
      guint ix0, iy0, ix1, iy1;

      if (feature->n_parts == 0 || grid->feature_area[f] < 0)
        continue;
      hit_grid_cell_range (grid, &feature->bounds, &ix0, &iy0, &ix1, &iy1);
      for (guint iy = iy0; iy <= iy1; iy++)
        for (guint ix = ix0; ix <= ix1; ix++)
          grid->cell_start[iy * grid->nx + ix + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    {
      total += grid->cell_start[c + 1];
      grid->cell_start[c + 1] = total;
    }
  grid->items = g_new (guint, MAX (total, 1));
  {
    g_autofree guint *fill = g_memdup2 (grid->cell_start, sizeof (guint) * n_cells);

    for (guint f = 0; f < n_features; f++)
      {
        const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
        guint ix0, iy0, ix1, iy1;

        if (feature->n_parts == 0 || grid->feature_area[f] < 0)
          continue;
        hit_grid_cell_range (grid, &feature->bounds, &ix0, &iy0, &ix1, &iy1);
        for (guint iy = iy0; iy <= iy1; iy++)
          for (guint ix = ix0; ix <= ix1; ix++)
            grid->items[fill[iy * grid->nx + ix]++] = f;
      }
  }
  return grid;
}

/* The area containing world point (x, y), or -1. */
static int
hit_grid_pick (const HitGrid *grid,
               double         x,
               double         y)
{
  double fx = floor ((x - grid->x0) / grid->cell);
  double fy = floor ((y - grid->y0) / grid->cell);
  guint c;

  if (!(fx >= 0 && fy >= 0 && fx < grid->nx && fy < grid->ny))
    return -1;
  c = (guint) fy * grid->nx + (guint) fx;
  for (guint i = grid->cell_start[c]; i < grid->cell_start[c + 1]; i++)
    {
      guint f = grid->items[i];
      const LmShapeFeature *feature = lm_shape_layer_get_feature (grid->layer, f);

      if (x < feature->bounds.xmin || x > feature->bounds.xmax ||
          y < feature->bounds.ymin || y > feature->bounds.ymax)
        continue;
      if (lm_shape_layer_feature_contains (grid->layer, f, x, y))
        return grid->feature_area[f];
    }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Background render jobs                                               */
/* ------------------------------------------------------------------ */

/* Everything one threaded render reads, copied or referenced so that
 * the main thread may recompute, reclassify or change the selection in
 * the meantime. */
typedef struct
{
  LmDataset       *dataset;     /* ref: keeps the levels alive */
  LmMapRenderer   *renderer;    /* the widget's worker renderer, used by one job at a time */
  LmLevel         *level;
  LmMapView        view;        /* device pixels */
  LmMapStyle       style;
  gint8           *classes;
  LmColor          colors[LM_CLASSIFY_MAX_CLASSES];
  guint8          *selection_mask;
  guint8          *marked_mask;
  int              scale_factor;
  gboolean         sharp;
  guint            serial;      /* content serial at launch */
  guint            seq;         /* render sequence number */
  cairo_surface_t *surface;     /* result */
  double           render_ms;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_clear_object (&job->dataset);
  g_free (job->classes);
  g_free (job->selection_mask);
  g_free (job->marked_mask);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

/* ------------------------------------------------------------------ */
/* Frame timing (LEVELMAP_BENCH_FRAMES=FILE)                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  gint64 frame_time;     /* frame clock time, µs */
  float  interval_ms;    /* wall-clock time since the previous drawn frame ended */
  float  work_ms;        /* before-paint to after-paint: update, layout, snapshot, render */
  float  snapshot_ms;    /* time in our snapshot() */
} FrameSample;

#define FRAME_LOG_CAPACITY 4096

/* What the borders and outlines kept for colour renders were drawn
 * for; compared with memcmp, so always memset before filling in. */
typedef struct
{
  LmLevel           *level;
  LmMapView          view;
  LmLevel           *outline_level;
  LmColor            outline_color;
  double             outline_width;
  LmColor            area_border_color;
  double             area_border_width;
  cairo_antialias_t  antialias;
} LinesKey;

/* The same for the left-behind marks (their mask is kept beside it). */
typedef struct
{
  LmLevel           *level;
  LmMapView          view;
  LmLevel           *marked_level;
  LmColor            color;
  LmColor            casing;
  double             width;
  cairo_antialias_t  antialias;
} MarksKey;

/* ------------------------------------------------------------------ */
/* The widget                                                           */
/* ------------------------------------------------------------------ */

struct _LmChoropleth
{
  GtkWidget         parent_instance;

  /* Owned references */
  LmModel          *model;
  char             *level_id;
  char             *variable_id;
  char             *palette_name;     /* NULL = default for the variable */
  LmClassifyMethod  method;
  guint             n_classes;
  gboolean          show_left_behind;

  /* Borrowed from the model's dataset */
  LmDataset        *dataset;
  LmLevel          *level;
  LmVariable       *variable;
  char             *message;          /* why nothing is coloured, or NULL */

  /* Colouring */
  gboolean          have_classes;
  LmClassification  classification;
  LmColor           colors[LM_CLASSIFY_MAX_CLASSES];
  gint8            *classes;          /* level->n_areas */
  guint             n_classes_alloc;
  LmLevel          *marked_level;     /* left-behind rule level, or NULL */
  guint8           *marked_mask;      /* marked_level->n_areas */
  guint             n_marked;

  GHashTable       *grids;            /* LmLevel* -> HitGrid* */

  /* View */
  LmMapView         view;             /* logical pixels */
  gboolean          view_fitted;
  gboolean          fit_pending;      /* zoom_to_area before the first allocation */
  gboolean          auto_fit;         /* showing the whole level, untouched: refit on resize */
  LmBounds          fit_bounds;
  /* What the user asked to see (the "extent" property), kept in view at
   * any size; NULL: the whole level. A user's move becomes the extent
   * once the view rests (extent_settle_id). */
  LmBounds         *extent;
  guint             extent_settle_id;

  /* Cached base image */
  LmMapRenderer    *renderer;         /* main thread */
  LmMapRenderer    *worker_renderer;  /* background jobs only */
  GdkTexture       *texture;          /* wraps @surface without a copy */
  cairo_surface_t  *surface;
  LmMapView         texture_view;     /* device pixels */
  int               texture_scale;
  gboolean          texture_sharp;
  guint             texture_seq;
  guint             render_seq;
  guint             content_serial;
  double            last_render_ms;
  cairo_surface_t  *lines_surface;    /* borders and outlines for render_now, or NULL */
  LinesKey          lines_key;
  cairo_surface_t  *index_surface;    /* area index of index_view, or NULL */
  LmMapView         index_view;
  LmMapView         index_wanted;     /* view of the last colour render without an index */
  LmMapRenderer    *index_renderer;   /* index jobs only */
  cairo_surface_t  *marks_surface;    /* left-behind marks for render_now, or NULL */
  MarksKey          marks_key;        /* view and style they were drawn for */
  guint8           *marks_mask;       /* and the mask (marked_level->n_areas) */
  guint             marks_patched;    /* updates by patches since the last full draw */
  gboolean          index_job_running;
  gboolean          job_running;
  gboolean          job_pending;
  gboolean          job_pending_sharp;
  gboolean          sync_pending;
  GdkFrameClock    *layout_clock;     /* while realized */
  gulong            layout_id;
  guint             sharp_timeout_id;
  gboolean          disposed;

  /* Interaction */
  double            pointer_x;
  double            pointer_y;
  gboolean          pointer_inside;
  int               hover_area;
  LmMapView         drag_start_view;
  double            drag_start_dx;    /* offset at which the drag passed the threshold */
  double            drag_start_dy;
  gboolean          dragging;
  gboolean          drag_moved;
  LmMapView         zoom_start_view;
  double            zoom_start_x;
  double            zoom_start_y;
  gboolean          zooming;
  GtkGesture       *click_gesture;

  /* Animated zoom */
  guint             anim_tick_id;
  LmMapView         anim_from;
  LmMapView         anim_to;
  gint64            anim_start;

  /* Overlays: allocated once, updated only when their text changes */
  PangoLayout      *scale_layout;
  PangoLayout      *attribution_layout;
  PangoLayout      *message_layout;
  double            scale_bar_metres;
  char              scale_text[32];

  /* Frame timing */
  char             *bench_file;
  GArray           *frame_log;        /* FrameSample, preallocated */
  GdkFrameClock    *bench_clock;
  gulong            before_paint_id;
  gulong            after_paint_id;
  gint64            paint_start;
  gint64            snapshot_us;
  gint64            last_frame_time;  /* monotonic time at the end of the last drawn frame */
  gboolean          drawn_this_frame;
};

G_DEFINE_FINAL_TYPE (LmChoropleth, lm_choropleth, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LEVEL,
  PROP_VARIABLE,
  PROP_METHOD,
  PROP_N_CLASSES,
  PROP_PALETTE,
  PROP_SHOW_LEFT_BEHIND,
  PROP_EXTENT,
  N_PROPS
};

enum {
  CLASSES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_sync_render (LmChoropleth *self);
static void view_changed        (LmChoropleth *self);
static void update_classes      (LmChoropleth *self);
static void user_moved_view     (LmChoropleth *self);

GType
lm_choropleth_method_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LM_CLASSIFY_QUANTILE, "LM_CLASSIFY_QUANTILE", "quantile" },
        { LM_CLASSIFY_EQUAL, "LM_CLASSIFY_EQUAL", "equal" },
        { LM_CLASSIFY_JENKS, "LM_CLASSIFY_JENKS", "jenks" },
        { LM_CLASSIFY_STDDEV, "LM_CLASSIFY_STDDEV", "stddev" },
        { LM_CLASSIFY_DECILES, "LM_CLASSIFY_DECILES", "deciles" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("LmChoroplethMethod"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* ------------------------------------------------------------------ */
/* Auxiliary methods                                                    */
/* ------------------------------------------------------------------ */

static gboolean
is_dark (void)
{
  return adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
is_high_contrast (void)
{
  return adw_is_initialized () &&
         adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
}

static LmSelection *
get_selection (LmChoropleth *self)
{
  return self->model != NULL ? lm_model_get_selection (self->model) : NULL;
}

static gboolean
have_geometry (LmChoropleth *self)
{
  return self->level != NULL && self->level->shapes != NULL;
}

static LmBounds
get_data_bounds (LmChoropleth *self)
{
  if (have_geometry (self))
    return lm_shape_layer_get_bounds (self->level->shapes);
  return (LmBounds) { 0, 0, 700000, 700000 };
}

static double
get_fit_metres_per_pixel (LmChoropleth *self)
{
  LmMapView fit;
  LmBounds bounds = get_data_bounds (self);

  lm_map_view_fit (&fit, &bounds, MAX (self->view.width, 1), MAX (self->view.height, 1), FIT_MARGIN);
  return fit.metres_per_pixel;
}

/* Keeps the scale between street level and a little beyond the whole
 * country, and the centre over the data. */
static void
clamp_view (LmChoropleth *self,
            LmMapView    *view)
{
  LmBounds bounds = get_data_bounds (self);
  double max_mpp = get_fit_metres_per_pixel (self) * 4;

  view->metres_per_pixel = CLAMP (view->metres_per_pixel, MIN_METRES_PER_PIXEL,
                                  MAX (max_mpp, MIN_METRES_PER_PIXEL));
  view->center_x = CLAMP (view->center_x, bounds.xmin, bounds.xmax);
  view->center_y = CLAMP (view->center_y, bounds.ymin, bounds.ymax);
}

static HitGrid *
get_grid (LmChoropleth *self,
          LmLevel      *level)
{
  HitGrid *grid;

  if (level == NULL || level->shapes == NULL)
    return NULL;
  grid = g_hash_table_lookup (self->grids, level);
  if (grid == NULL || grid->layer != level->shapes)
    {
      grid = hit_grid_new (level);
      g_hash_table_replace (self->grids, level, grid);
    }
  return grid;
}

static int
pick_area (LmChoropleth *self,
           double        x,
           double        y)
{
  HitGrid *grid = get_grid (self, self->level);
  double wx, wy;

  if (grid == NULL || self->view.width <= 0)
    return -1;
  lm_map_view_pixel_to_world (&self->view, x, y, &wx, &wy);
  return hit_grid_pick (grid, wx, wy);
}

static void
update_hover (LmChoropleth *self)
{
  int area = self->pointer_inside && !self->dragging ? pick_area (self, self->pointer_x, self->pointer_y) : -1;

  if (area != self->hover_area)
    {
      self->hover_area = area;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Colours and masks for a render at @view (device pixels). */
static void
fill_style (LmChoropleth      *self,
            LmMapStyle        *style,
            const LmMapView   *view,
            int                scale_factor,
            cairo_antialias_t  antialias)
{
  LmSelection *selection = get_selection (self);
  gboolean dark = is_dark ();
  gboolean hc = is_high_contrast ();

  lm_map_style_init (style);
  if (self->variable != NULL && self->have_classes)
    {
      style->classes = self->classes;
      style->class_colors = self->colors;
      style->n_classes = self->classification.n_classes;
    }
  style->outline_level = lm_map_renderer_choose_outline_level (self->level, view);
  if (dark)
    style->outline_color = (LmColor) { 0.92, 0.92, 0.92, 0.75 };
  if (hc)
    {
      style->outline_color = dark ? (LmColor) { 1, 1, 1, 1 } : (LmColor) { 0, 0, 0, 1 };
      style->outline_width *= 1.5;
    }
  style->outline_width *= scale_factor;
  if (self->show_left_behind && self->marked_level != NULL && self->marked_level->shapes != NULL)
    {
      style->marked_level = self->marked_level;
      style->marked_mask = self->marked_mask;
    }
  style->marked_width *= scale_factor;
  if (selection != NULL && !lm_selection_is_empty (selection))
    style->selection_mask = lm_selection_get_mask (selection, self->level);
  style->selection_width *= scale_factor;
  style->antialias = antialias;
}

/* The device-pixel view of a cached image around @view, @margin of the
 * viewport beyond each edge. */
static void
make_texture_view (const LmMapView *view,
                   int              scale_factor,
                   double           margin,
                   LmMapView       *out)
{
  int w = (int) ceil ((view->width * (1 + 2 * margin)) * scale_factor);
  int h = (int) ceil ((view->height * (1 + 2 * margin)) * scale_factor);

  *out = *view;
  out->metres_per_pixel = view->metres_per_pixel / scale_factor;
  out->width = CLAMP (w, 1, MAX_IMAGE_SIDE);
  out->height = CLAMP (h, 1, MAX_IMAGE_SIDE);
}

static GdkTexture *
texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);
  g_return_val_if_fail (cairo_image_surface_get_width (surface) > 0, NULL);
  g_return_val_if_fail (cairo_image_surface_get_height (surface) > 0, NULL);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_height (surface)
                                      * (gsize) cairo_image_surface_get_stride (surface),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT,
                                 bytes,
                                 cairo_image_surface_get_stride (surface));
}

static void
set_texture (LmChoropleth    *self,
             cairo_surface_t *surface,
             const LmMapView *texture_view,
             int              scale_factor,
             gboolean         sharp,
             guint            seq)
{
  if (surface == NULL || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return;
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->texture = texture_new_for_surface (surface);
  self->surface = cairo_surface_reference (surface);
  self->texture_view = *texture_view;
  self->texture_scale = scale_factor;
  self->texture_sharp = sharp;
  self->texture_seq = seq;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether the cached image still serves the current view: it covers the
 * viewport and its scale is within MAX_SCALE_DRIFT. */
static gboolean
texture_covers_view (LmChoropleth *self)
{
  const LmMapView *tv = &self->texture_view;
  double ratio, tx0, ty1, tx1, ty0;
  LmBounds vb;

  if (self->texture == NULL || self->view.width <= 0)
    return FALSE;
  if (self->texture_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    return FALSE;
  ratio = self->view.metres_per_pixel / (tv->metres_per_pixel * self->texture_scale);
  if (ratio > MAX_SCALE_DRIFT || ratio < 1 / MAX_SCALE_DRIFT)
    return FALSE;
  tx0 = tv->center_x - tv->width / 2.0 * tv->metres_per_pixel;
  tx1 = tv->center_x + tv->width / 2.0 * tv->metres_per_pixel;
  ty0 = tv->center_y - tv->height / 2.0 * tv->metres_per_pixel;
  ty1 = tv->center_y + tv->height / 2.0 * tv->metres_per_pixel;
  vb = lm_map_view_get_world_bounds (&self->view);
  /* Half a device pixel of slack for rounding. */
  return vb.xmin >= tx0 - tv->metres_per_pixel && vb.xmax <= tx1 + tv->metres_per_pixel &&
         vb.ymin >= ty0 - tv->metres_per_pixel && vb.ymax <= ty1 + tv->metres_per_pixel;
}

static gboolean
texture_is_final (LmChoropleth *self)
{
  double ratio;

  if (!self->texture_sharp || !texture_covers_view (self))
    return FALSE;
  ratio = self->view.metres_per_pixel / (self->texture_view.metres_per_pixel * self->texture_scale);
  return fabs (ratio - 1) < 1e-9;
}

static void
clear_marks (LmChoropleth *self)
{
  g_clear_pointer (&self->marks_surface, cairo_surface_destroy);
  g_clear_pointer (&self->marks_mask, g_free);
  memset (&self->marks_key, 0, sizeof self->marks_key);
  self->marks_patched = 0;
}

static void
clear_lines (LmChoropleth *self)
{
  g_clear_pointer (&self->lines_surface, cairo_surface_destroy);
  memset (&self->lines_key, 0, sizeof self->lines_key);
}

/* Drops what colour renders keep between frames (see render_now), e.g.
 * for another level or dataset. */
static void
clear_render_caches (LmChoropleth *self)
{
  clear_marks (self);
  clear_lines (self);
  g_clear_pointer (&self->index_surface, cairo_surface_destroy);
  memset (&self->index_view, 0, sizeof self->index_view);
  memset (&self->index_wanted, 0, sizeof self->index_wanted);
}

typedef struct
{
  LmDataset       *dataset;     /* ref: keeps the level alive */
  LmMapRenderer   *renderer;    /* the widget's index renderer, one job at a time */
  LmLevel         *level;
  LmMapView        view;
  cairo_surface_t *index;       /* result */
} IndexJob;

static void
index_job_free (gpointer data)
{
  IndexJob *job = data;

  g_clear_object (&job->dataset);
  g_clear_pointer (&job->index, cairo_surface_destroy);
  g_free (job);
}

static void
index_job_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IndexJob *job = task_data;

  job->index = lm_map_renderer_render_index (job->renderer, job->level, &job->view);
  g_task_return_boolean (task, TRUE);
}

static void
index_job_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LmChoropleth *self = LM_CHOROPLETH (source);
  IndexJob *job = g_task_get_task_data (G_TASK (result));

  self->index_job_running = FALSE;
  if (self->disposed || job->index == NULL || job->level != self->level)
    return;
  g_clear_pointer (&self->index_surface, cairo_surface_destroy);
  self->index_surface = g_steal_pointer (&job->index);
  self->index_view = job->view;
}

/* The area index of @tv if there is one: with it a recolour is a look-up
 * per pixel instead of filling every polygon again (~1 ms rather than
 * ~4 ms for wards). It takes longer to make than one render, so the
 * first recolours of a view fill as before and ask for the index in the
 * background; the next ones, as during a slider drag, use it. */
static cairo_surface_t *
ensure_index (LmChoropleth    *self,
              const LmMapView *tv)
{
  g_autoptr(GTask) task = NULL;
  IndexJob *job;

  if (self->index_surface != NULL && memcmp (tv, &self->index_view, sizeof *tv) == 0)
    return self->index_surface;
  if (self->index_job_running)
    return NULL;
  /* Only from the second colour render of a view on: the first is often
   * the only one (start-up, a new level), and the index would compete
   * with it for the processor. */
  if (memcmp (tv, &self->index_wanted, sizeof *tv) != 0)
    {
      self->index_wanted = *tv;
      return NULL;
    }

  job = g_new0 (IndexJob, 1);
  job->dataset = g_object_ref (self->dataset);
  job->renderer = self->index_renderer;
  job->level = self->level;
  job->view = *tv;
  self->index_job_running = TRUE;
  task = g_task_new (self, NULL, index_job_done_cb, NULL);
  g_task_set_source_tag (task, ensure_index);
  g_task_set_task_data (task, job, index_job_free);
  g_task_run_in_thread (task, index_job_thread);
  return NULL;
}

/* The marks-only style for ensure_marks() */
static void
marks_style_init (LmMapStyle       *marks_style,
                  const LmMapStyle *style)
{
  /* Nothing but the marks: no fills (a transparent no-data colour and
   * no classes), no lines, no selection. */
  lm_map_style_init (marks_style);
  marks_style->no_data_color.alpha = 0;
  marks_style->marked_level = style->marked_level;
  marks_style->marked_mask = style->marked_mask;
  marks_style->marked_color = style->marked_color;
  marks_style->marked_casing = style->marked_casing;
  marks_style->marked_width = style->marked_width;
  marks_style->antialias = style->antialias;
}

#define MAX_MARK_PATCHES 8
#define MAX_MARK_UPDATES 32

/* Brings the kept marks up to date with @style's mask by redrawing only
 * around the areas that entered or left it: a few per slider step,
 * against some two hundred marked. Each patch is cleared and drawn with
 * every mark that crosses it, so it ends up as a full redraw would
 * leave it. FALSE if too much changed (then draw everything). */
static gboolean
update_marks (LmChoropleth     *self,
              const LmMapView  *tv,
              const LmMapStyle *style)
{
  LmLevel *level = style->marked_level;
  cairo_rectangle_int_t patches[MAX_MARK_PATCHES];
  guint n_patches = 0;
  /* Casing width plus mitres (limit 2) plus rounding, in pixels */
  int pad = (int) ceil (style->marked_width + 2) + 2;
  LmMapStyle marks_style;
  unsigned char *data;
  int stride;

  /* Cairo may place a pixel of a line differently when only part of it
   * is drawn, so patches can leave the odd pixel off at their edges; a
   * full draw now and then keeps that from adding up. */
  if (level->shapes == NULL || self->marks_patched >= MAX_MARK_UPDATES)
    return FALSE;
  for (guint a = 0; a < level->n_areas; a++)
    {
      const LmShapeFeature *feature;
      cairo_rectangle_int_t rect;
      double x0, y0, x1, y1;
      gboolean merged = FALSE;

      if (!self->marks_mask[a] == !style->marked_mask[a] || level->feature[a] < 0 ||
          (guint) level->feature[a] >= lm_shape_layer_get_n_features (level->shapes))
        continue;
      feature = lm_shape_layer_get_feature (level->shapes, level->feature[a]);
      lm_map_view_world_to_pixel (tv, feature->bounds.xmin, feature->bounds.ymax, &x0, &y0);
      lm_map_view_world_to_pixel (tv, feature->bounds.xmax, feature->bounds.ymin, &x1, &y1);
      if (!(x0 <= x1 && y0 <= y1))
        continue;
      rect.x = (int) CLAMP (floor (x0) - pad, 0, tv->width);
      rect.y = (int) CLAMP (floor (y0) - pad, 0, tv->height);
      rect.width = (int) CLAMP (ceil (x1) + pad, 0, tv->width) - rect.x;
      rect.height = (int) CLAMP (ceil (y1) + pad, 0, tv->height) - rect.y;
      if (rect.width <= 0 || rect.height <= 0)
        continue;
      /* Overlapping patches become one. */
      for (guint i = 0; i < n_patches && !merged; i++)
        {
          cairo_rectangle_int_t *p = &patches[i];

          if (rect.x < p->x + p->width && p->x < rect.x + rect.width &&
              rect.y < p->y + p->height && p->y < rect.y + rect.height)
            {
              int right = MAX (p->x + p->width, rect.x + rect.width);
              int bottom = MAX (p->y + p->height, rect.y + rect.height);

              p->x = MIN (p->x, rect.x);
              p->y = MIN (p->y, rect.y);
              p->width = right - p->x;
              p->height = bottom - p->y;
              merged = TRUE;
            }
        }
      if (merged)
        continue;
      if (n_patches == MAX_MARK_PATCHES)
        return FALSE;
      patches[n_patches++] = rect;
    }

  marks_style_init (&marks_style, style);
  /* Patches are small: threads would cost more than they save. */
  marks_style.n_threads = 1;
  cairo_surface_flush (self->marks_surface);
  data = cairo_image_surface_get_data (self->marks_surface);
  stride = cairo_image_surface_get_stride (self->marks_surface);
  for (guint i = 0; i < n_patches; i++)
    {
      const cairo_rectangle_int_t *p = &patches[i];
      cairo_surface_t *patch;
      LmMapView view = *tv;

      for (int y = p->y; y < p->y + p->height; y++)
        memset (data + (gsize) y * stride + (gsize) p->x * 4, 0, (gsize) p->width * 4);
      /* The same world-to-pixel mapping, shifted to the patch */
      view.width = p->width;
      view.height = p->height;
      view.center_x = tv->center_x + (p->x + p->width / 2.0 - tv->width / 2.0) * tv->metres_per_pixel;
      view.center_y = tv->center_y - (p->y + p->height / 2.0 - tv->height / 2.0) * tv->metres_per_pixel;
      patch = cairo_image_surface_create_for_data (data + (gsize) p->y * stride + (gsize) p->x * 4,
                                                   CAIRO_FORMAT_ARGB32, p->width, p->height, stride);
      lm_map_renderer_render_image (self->renderer, patch, self->level, &view, &marks_style);
      cairo_surface_finish (patch);
      cairo_surface_destroy (patch);
    }
  cairo_surface_mark_dirty (self->marks_surface);
  memcpy (self->marks_mask, style->marked_mask, level->n_areas);
  self->marks_patched++;
  return TRUE;
}

/* The left-behind marks of @style for @tv on a transparent image, kept
 * for the view: a slider step changes the marked areas only now and
 * then, and only a few of them (see update_marks), while stroking the
 * casing and line of all of them costs more than the rest of a
 * recolour. */
static cairo_surface_t *
ensure_marks (LmChoropleth     *self,
              const LmMapView  *tv,
              const LmMapStyle *style)
{
  LmLevel *level = style->marked_level;
  LmMapStyle marks_style;
  MarksKey key;

  if (level == NULL || level->n_areas == 0)
    return NULL;
  memset (&key, 0, sizeof key);
  key.level = self->level;
  key.view = *tv;
  key.marked_level = level;
  key.color = style->marked_color;
  key.casing = style->marked_casing;
  key.width = style->marked_width;
  key.antialias = style->antialias;
  if (self->marks_surface != NULL && memcmp (&key, &self->marks_key, sizeof key) == 0)
    {
      if (memcmp (self->marks_mask, style->marked_mask, level->n_areas) == 0)
        return self->marks_surface;
      if (update_marks (self, tv, style))
        return self->marks_surface;
    }

  clear_marks (self);
  self->marks_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tv->width, tv->height);
  if (cairo_surface_status (self->marks_surface) != CAIRO_STATUS_SUCCESS)
    {
      clear_marks (self);
      return NULL;
    }
  marks_style_init (&marks_style, style);
  lm_map_renderer_render_image (self->renderer, self->marks_surface, self->level, tv, &marks_style);
  self->marks_key = key;
  self->marks_mask = g_memdup2 (style->marked_mask, level->n_areas);
  return self->marks_surface;
}

/* The borders between areas and the coarser level's outlines for @tv,
 * drawn once per view and style: a slider drag changes only the fills
 * and now and then the left-behind marks, while these lines cost as
 * much to stroke as the fills to fill. */
static cairo_surface_t *
ensure_lines (LmChoropleth     *self,
              const LmMapView  *tv,
              const LmMapStyle *style)
{
  LinesKey key;

  if (style->outline_level == NULL && !(style->area_border_width > 0))
    return NULL;
  memset (&key, 0, sizeof key);
  key.level = self->level;
  key.view = *tv;
  key.outline_level = style->outline_level;
  key.outline_color = style->outline_color;
  key.outline_width = style->outline_width;
  key.area_border_color = style->area_border_color;
  key.area_border_width = style->area_border_width;
  key.antialias = style->antialias;
  if (self->lines_surface != NULL && memcmp (&key, &self->lines_key, sizeof key) == 0)
    return self->lines_surface;

  clear_lines (self);
  self->lines_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tv->width, tv->height);
  if (cairo_surface_status (self->lines_surface) != CAIRO_STATUS_SUCCESS)
    {
      clear_lines (self);
      return NULL;
    }
  lm_map_renderer_render_lines (self->renderer, self->lines_surface, self->level, tv, style);
  self->lines_key = key;
  return self->lines_surface;
}

/* Renders the viewport (no margin) at once on the main thread, without
 * antialiasing (half the time of the fast antialiasing): for colour
 * changes, which must show in this frame. A sharp image follows once
 * the colours stop changing. What does not change with the colours is
 * kept for the view between calls: the lines (drawn once), the area
 * index (fills become a look-up per pixel) and the left-behind marks
 * (redrawn only when the marked areas change), which brings a ward
 * recolour from ~8 ms to ~1 ms. */
static void
render_now (LmChoropleth *self)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  LmMapView tv;
  LmMapStyle style;
  cairo_surface_t *surface;
  cairo_surface_t *marks = NULL;
  gint64 start;

  if (!have_geometry (self) || self->view.width <= 0 || self->view.height <= 0)
    return;
  make_texture_view (&self->view, scale_factor, 0, &tv);
  fill_style (self, &style, &tv, scale_factor, CAIRO_ANTIALIAS_NONE);
  start = g_get_monotonic_time ();
  style.lines_image = ensure_lines (self, &tv, &style);
  style.area_index = ensure_index (self, &tv);
  /* The marks go over everything but the selection; with one, they are
   * drawn in their place as before. */
  if (style.marked_mask != NULL && style.selection_mask == NULL)
    {
      marks = ensure_marks (self, &tv, &style);
      if (marks != NULL)
        {
          style.marked_level = NULL;
          style.marked_mask = NULL;
        }
    }
  surface = lm_map_renderer_render_new_image (self->renderer, self->level, &tv, &style);
  if (marks != NULL && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_surface (cr, marks, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  self->last_render_ms = (g_get_monotonic_time () - start) / 1000.0;
  set_texture (self, surface, &tv, scale_factor, FALSE, ++self->render_seq);
  cairo_surface_destroy (surface);
}

static void
render_job_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RenderJob *job = task_data;
  gint64 start = g_get_monotonic_time ();

  job->surface = lm_map_renderer_render_new_image (job->renderer, job->level, &job->view, &job->style);
  job->render_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_task_return_boolean (task, TRUE);
}

static void launch_job (LmChoropleth *self, gboolean sharp);

static void
schedule_sharp (LmChoropleth *self);

static void
render_job_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LmChoropleth *self = LM_CHOROPLETH (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  gboolean pending_sharp = self->job_pending_sharp;
  gboolean pending = self->job_pending;

  self->job_running = FALSE;
  self->job_pending = FALSE;
  self->job_pending_sharp = FALSE;
  if (self->disposed)
    return;

  /* Keep the result unless the colours changed since it was launched or
   * a newer image is already shown. */
  if (job->serial == self->content_serial && job->seq > self->texture_seq &&
      job->scale_factor == gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      self->last_render_ms = job->render_ms;
      set_texture (self, job->surface, &job->view, job->scale_factor, job->sharp, job->seq);
    }

  if (pending || !texture_covers_view (self))
    launch_job (self, pending_sharp);
  else if (!texture_is_final (self) && self->sharp_timeout_id == 0)
    schedule_sharp (self);
}

/* Renders the viewport plus margin in a worker thread; while one job
 * runs, later requests collapse into one that starts when it finishes. */
static void
launch_job (LmChoropleth *self,
            gboolean      sharp)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (!have_geometry (self) || self->view.width <= 0 || self->view.height <= 0)
    return;
  if (self->job_running)
    {
      self->job_pending = TRUE;
      self->job_pending_sharp |= sharp;
      return;
    }

  job = g_new0 (RenderJob, 1);
  job->dataset = g_object_ref (self->dataset);
  job->renderer = self->worker_renderer;
  job->level = self->level;
  job->scale_factor = scale_factor;
  job->sharp = sharp;
  job->serial = self->content_serial;
  job->seq = ++self->render_seq;
  make_texture_view (&self->view, scale_factor, CACHE_MARGIN, &job->view);
  fill_style (self, &job->style, &job->view, scale_factor,
              sharp ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_FAST);
  /* One band thread: the other core stays free for the frames drawn
   * meanwhile (the machine we target has two). */
  job->style.n_threads = 1;
  if (job->style.classes != NULL)
    {
      job->classes = g_memdup2 (self->classes, self->level->n_areas);
      job->style.classes = job->classes;
      memcpy (job->colors, self->colors, sizeof job->colors);
      job->style.class_colors = job->colors;
    }
  if (job->style.selection_mask != NULL)
    {
      job->selection_mask = g_memdup2 (job->style.selection_mask, self->level->n_areas);
      job->style.selection_mask = job->selection_mask;
    }
  if (job->style.marked_mask != NULL)
    {
      job->marked_mask = g_memdup2 (job->style.marked_mask, self->marked_level->n_areas);
      job->style.marked_mask = job->marked_mask;
    }

  self->job_running = TRUE;
  task = g_task_new (self, NULL, render_job_done_cb, NULL);
  g_task_set_source_tag (task, launch_job);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_job_thread);
}

static void
sharp_timeout_cb (gpointer data)
{
  LmChoropleth *self = data;

  self->sharp_timeout_id = 0;
  if (self->dragging || self->zooming || self->anim_tick_id != 0)
    {
      schedule_sharp (self);
      return;
    }
  if (!texture_is_final (self))
    launch_job (self, TRUE);
}

static void
schedule_sharp (LmChoropleth *self)
{
  g_clear_handle_id (&self->sharp_timeout_id, g_source_remove);
  self->sharp_timeout_id = g_timeout_add_once (SHARP_DELAY_MS, sharp_timeout_cb, self);
}

/* The layout phase of a frame, after the window's own size allocation:
 * a colour change requested before it, in event handling or in a tick
 * callback of the same frame, is rendered in time for this frame's
 * paint. (A tick callback added from another tick callback would only
 * run in the next frame.) */
static void
on_frame_layout_cb (LmChoropleth  *self,
                    GdkFrameClock *clock)
{
  if (!self->sync_pending || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->sync_pending = FALSE;
  render_now (self);
  schedule_sharp (self);
}

/* The colours changed: render in the layout phase of the next frame,
 * so that several changes within one frame cost one render. */
static void
request_sync_render (LmChoropleth *self)
{
  self->sync_pending = TRUE;
  if (self->layout_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gdk_frame_clock_request_phase (self->layout_clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
content_changed (LmChoropleth *self)
{
  self->content_serial++;
  request_sync_render (self);
}

/* Every view change ends here: redraw from the cached image, and
 * render a new one in the background if it no longer serves. */
static void
view_changed (LmChoropleth *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_hover (self);
  if (self->texture == NULL)
    return;
  if (!texture_covers_view (self))
    launch_job (self, FALSE);
  schedule_sharp (self);
}

static void
set_view_internal (LmChoropleth    *self,
                   const LmMapView *view)
{
  int w = self->view.width;
  int h = self->view.height;

  self->view = *view;
  self->view.width = w;
  self->view.height = h;
  clamp_view (self, &self->view);
  view_changed (self);
}

static void
stop_animation (LmChoropleth *self)
{
  if (self->anim_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->anim_tick_id);
      self->anim_tick_id = 0;
    }
}

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (ANIMATION_MS * 1000.0);
  double e;
  LmMapView view = self->anim_to;

  t = CLAMP (t, 0, 1);
  e = 1 - pow (1 - t, 3);   /* ease out cubic */
  view.metres_per_pixel = exp (log (self->anim_from.metres_per_pixel) * (1 - e) +
                               log (self->anim_to.metres_per_pixel) * e);
  view.center_x = self->anim_from.center_x + (self->anim_to.center_x - self->anim_from.center_x) * e;
  view.center_y = self->anim_from.center_y + (self->anim_to.center_y - self->anim_from.center_y) * e;
  set_view_internal (self, &view);
  if (t >= 1)
    {
      self->anim_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (LmChoropleth *self)
{
  gboolean enabled = TRUE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
animate_to (LmChoropleth    *self,
            const LmMapView *target)
{
  LmMapView to = *target;

  to.width = self->view.width;
  to.height = self->view.height;
  clamp_view (self, &to);
  stop_animation (self);
  if (!animations_enabled (self))
    {
      set_view_internal (self, &to);
      return;
    }
  self->anim_from = self->view;
  self->anim_to = to;
  self->anim_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->anim_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
}

static void
zoom_animated (LmChoropleth *self,
               double        factor,
               double        x,
               double        y)
{
  LmMapView target = self->anim_tick_id != 0 ? self->anim_to : self->view;

  user_moved_view (self);
  lm_map_view_zoom_at (&target, factor, x, y);
  animate_to (self, &target);
}

static void
fit_view (LmChoropleth *self)
{
  LmBounds bounds = get_data_bounds (self);

  lm_map_view_fit (&self->view, &bounds, MAX (self->view.width, 1), MAX (self->view.height, 1),
                   FIT_MARGIN);
}

/* Shows all of the extent, centred, at the current size. */
static void
fit_extent (LmChoropleth *self)
{
  lm_map_view_fit (&self->view, self->extent, MAX (self->view.width, 1),
                   MAX (self->view.height, 1), 0);
  clamp_view (self, &self->view);
}

/* Stores @extent and notifies if it differs. */
static void
store_extent (LmChoropleth   *self,
              const LmBounds *extent)
{
  if (lm_bounds_equal (self->extent, extent))
    return;
  g_clear_pointer (&self->extent, lm_bounds_free);
  if (extent != NULL)
    self->extent = lm_bounds_copy (extent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENT]);
}

static void
extent_settle_cb (gpointer data)
{
  LmChoropleth *self = data;
  LmBounds visible;

  self->extent_settle_id = 0;
  /* Not allocated yet, there is no visible rectangle: a zoom to an area
   * settles after the allocation that applies it. */
  if (self->fit_pending || self->view.width <= 0 || self->view.height <= 0)
    return;
  if (self->dragging || self->zooming || self->anim_tick_id != 0)
    {
      self->extent_settle_id = g_timeout_add_once (SHARP_DELAY_MS, extent_settle_cb, self);
      return;
    }
  visible = lm_map_view_get_world_bounds (&self->view);
  store_extent (self, &visible);
}

/* A pan or zoom by the user: one notify of "extent" once the view has
 * rested, not one per frame of a gesture or animation. */
static void
user_moved_view (LmChoropleth *self)
{
  self->auto_fit = FALSE;
  g_clear_handle_id (&self->extent_settle_id, g_source_remove);
  self->extent_settle_id = g_timeout_add_once (SHARP_DELAY_MS, extent_settle_cb, self);
}

static void
update_accessible (LmChoropleth *self)
{
  g_autofree char *label = NULL;

  if (self->variable != NULL && self->level != NULL)
    /* Translators: accessible name of the map: variable title, level title */
    label = g_strdup_printf (_("Map of %s by %s"), self->variable->title, self->level->title);
  else
    label = g_strdup (_("Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->message != NULL ? self->message : "",
                                  -1);
}

/* The first line of the message in bold. */
static void
set_message_layout_text (LmChoropleth *self)
{
  g_auto(GStrv) lines = g_strsplit (self->message != NULL ? self->message : "", "\n", 2);
  g_autofree char *markup = NULL;

  if (lines[0] == NULL)
    markup = g_strdup ("");
  else if (lines[1] == NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>", lines[0]);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", lines[0], lines[1]);
  pango_layout_set_markup (self->message_layout, markup, -1);
}

static void
set_message (LmChoropleth *self,
             const char   *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  if (self->message_layout != NULL)
    set_message_layout_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_marked (LmChoropleth *self)
{
  LmLeftBehindRule *rule = self->dataset ? lm_dataset_get_left_behind_rule (self->dataset) : NULL;
  LmVariable *flag;

  self->n_marked = 0;
  if (rule == NULL || rule->level == NULL)
    {
      self->marked_level = NULL;
      g_clear_pointer (&self->marked_mask, g_free);
      return;
    }
  if (self->marked_level != rule->level)
    {
      g_free (self->marked_mask);
      self->marked_level = rule->level;
      self->marked_mask = g_new0 (guint8, MAX (rule->level->n_areas, 1));
    }
  flag = lm_level_find_variable (rule->level, "left_behind");
  for (guint a = 0; a < rule->level->n_areas; a++)
    {
      gboolean marked = flag != NULL && flag->values[a] == 1;

      self->marked_mask[a] = marked;
      self->n_marked += marked;
    }
}

/* Classifies the variable's current values and colours the areas. */
static void
update_classes (LmChoropleth *self)
{
  guint n = self->level != NULL ? self->level->n_areas : 0;

  if (self->n_classes_alloc < n)
    {
      g_free (self->classes);
      self->classes = g_new (gint8, n);
      self->n_classes_alloc = n;
    }
  if (self->classes != NULL)
    memset (self->classes, -1, self->n_classes_alloc);
  memset (&self->classification, 0, sizeof self->classification);
  self->have_classes = FALSE;

  if (self->variable != NULL)
    {
      self->have_classes = lm_classify (self->variable->values, n, self->method, self->n_classes,
                                        &self->classification);
      if (self->have_classes)
        {
          const LmPalette *palette = NULL;

          if (self->palette_name != NULL)
            palette = lm_palette_lookup (self->palette_name, NULL);
          if (palette == NULL)
            palette = lm_palette_get_default (self->variable);
          lm_classification_assign (&self->classification, self->variable->values, n, self->classes);
          lm_palette_get_colors_for_variable (palette, self->variable,
                                              self->classification.n_classes, self->colors);
        }
    }
  update_marked (self);
  g_signal_emit (self, signals[CLASSES_CHANGED], 0);
  content_changed (self);
}

static void
update_variable (LmChoropleth *self)
{
  g_autoptr(GError) error = NULL;

  self->variable = NULL;
  if (self->model != NULL && self->level != NULL)
    {
      self->variable = lm_model_find_variable (self->model, self->level_id, self->variable_id, &error);
      if (self->variable == NULL)
        {
          /* Translators: shown over the map; the second line says why */
          g_autofree char *text = g_strdup_printf ("%s\n%s", _("No data at this level"),
                                                   error->message);
          set_message (self, text);
        }
      else
        set_message (self, NULL);
    }
  update_accessible (self);
  update_classes (self);
}

static gboolean
ensure_shapes (LmChoropleth *self,
               LmLevel      *level,
               GError      **error)
{
  if (level == NULL || level->shapes != NULL)
    return TRUE;
  return lm_dataset_ensure_shapes (self->dataset, level, error);
}

static void
update_level (LmChoropleth *self)
{
  g_autoptr(GError) error = NULL;
  LmLeftBehindRule *rule;

  self->level = NULL;
  self->hover_area = -1;
  clear_render_caches (self);
  if (self->dataset == NULL)
    {
      update_variable (self);
      return;
    }
  self->level = lm_dataset_find_level (self->dataset, self->level_id);
  if (self->level == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("There is no level “%s” in this dataset"),
                                               self->level_id);
      set_message (self, text);
      update_accessible (self);
      update_classes (self);
      return;
    }

  /* The level itself, the coarser levels whose borders are drawn over it,
   * and the level of the left-behind rule. */
  if (!ensure_shapes (self, self->level, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  for (LmLevel *up = self->level->parent_level; up != NULL; up = up->parent_level)
    if (!ensure_shapes (self, up, &error))
      {
        g_debug ("%s", error->message);
        g_clear_error (&error);
      }
  rule = lm_dataset_get_left_behind_rule (self->dataset);
  if (rule != NULL && !ensure_shapes (self, rule->level, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }

  if ((!self->view_fitted || self->auto_fit) && self->view.width > 0)
    {
      if (self->extent != NULL)
        fit_extent (self);
      else
        fit_view (self);
      self->view_fitted = TRUE;
      self->auto_fit = self->extent == NULL;
    }
  update_variable (self);
  if (!have_geometry (self))
    {
      /* Translators: shown over the map when a level has no boundaries */
      g_autofree char *text = g_strdup_printf (_("No boundaries for %s"), self->level->title);
      set_message (self, text);
    }
  view_changed (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */
/* ------------------------------------------------------------------ */

static void
on_model_recomputed_cb (LmChoropleth *self,
                        LmModel      *model)
{
  update_classes (self);
}

static void
on_selection_changed_cb (LmChoropleth *self,
                         LmSelection  *selection)
{
  content_changed (self);
}

static void
on_style_changed_cb (LmChoropleth *self,
                     GParamSpec   *pspec,
                     gpointer      manager)
{
  content_changed (self);
}

static void
on_scale_factor_changed_cb (LmChoropleth *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  request_sync_render (self);
}

static void
on_drag_begin_cb (LmChoropleth   *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  /* A press may be the second of a double click, whose zoom animation
   * must go on: the drag takes over only once the pointer moves. */
  self->dragging = TRUE;
  self->drag_moved = FALSE;
}

static void
on_drag_update_cb (LmChoropleth   *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  LmMapView view;

  if (self->zooming || !self->dragging)
    return;
  if (!self->drag_moved)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      stop_animation (self);
      user_moved_view (self);
      self->drag_start_view = self->view;
      self->drag_start_dx = dx;
      self->drag_start_dy = dy;
      self->drag_moved = TRUE;
      self->hover_area = -1;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  /* From the start of the drag, not summed deltas: no drift. */
  view = self->drag_start_view;
  lm_map_view_pan (&view, dx - self->drag_start_dx, dy - self->drag_start_dy);
  set_view_internal (self, &view);
}

static void
on_drag_end_cb (LmChoropleth   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  self->dragging = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_hover (self);
  schedule_sharp (self);
}

static void
on_zoom_begin_cb (LmChoropleth     *self,
                  GdkEventSequence *sequence,
                  GtkGesture       *gesture)
{
  stop_animation (self);
  user_moved_view (self);
  self->zooming = TRUE;
  self->zoom_start_view = self->view;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->zoom_start_x, &self->zoom_start_y))
    {
      self->zoom_start_x = self->view.width / 2.0;
      self->zoom_start_y = self->view.height / 2.0;
    }
}

static void
on_zoom_scale_changed_cb (LmChoropleth   *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  LmMapView view = self->zoom_start_view;
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = self->zoom_start_x;
      y = self->zoom_start_y;
    }
  if (!(scale > 0))
    return;
  lm_map_view_zoom_at (&view, scale, self->zoom_start_x, self->zoom_start_y);
  lm_map_view_pan (&view, x - self->zoom_start_x, y - self->zoom_start_y);
  set_view_internal (self, &view);
}

static void
on_zoom_end_cb (LmChoropleth     *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->zooming = FALSE;
  schedule_sharp (self);
}

static gboolean
on_scroll_cb (LmChoropleth             *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  double factor, x, y;

  stop_animation (self);
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    factor = exp (-dy * 0.01);    /* touchpad: pixels */
  else
    factor = pow (WHEEL_ZOOM_STEP, -dy);
  if (self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = self->view.width / 2.0;
      y = self->view.height / 2.0;
    }
  lm_choropleth_zoom_at (self, factor, x, y);
  return TRUE;
}

static void
on_motion_cb (LmChoropleth             *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
on_leave_cb (LmChoropleth             *self,
             GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static void
on_click_pressed_cb (LmChoropleth    *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_moved = FALSE;
  if (n_press == 2)
    zoom_animated (self, 2.0, x, y);
}

static void
on_click_released_cb (LmChoropleth    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GdkModifierType state;
  LmSelectionMode mode = LM_SELECTION_REPLACE;

  if (n_press != 1 || self->drag_moved)
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (state & GDK_CONTROL_MASK)
    mode = LM_SELECTION_TOGGLE;
  else if (state & GDK_SHIFT_MASK)
    mode = LM_SELECTION_ADD;
  lm_choropleth_select_at (self, x, y, mode);
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  zoom_animated (self, ZOOM_STEP, self->view.width / 2.0, self->view.height / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  zoom_animated (self, 1 / ZOOM_STEP, self->view.width / 2.0, self->view.height / 2.0);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lm_choropleth_zoom_to_fit (LM_CHOROPLETH (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  LmMapView target = self->anim_tick_id != 0 ? self->anim_to : self->view;
  int dx, dy;

  user_moved_view (self);
  g_variant_get (parameter, "(ii)", &dx, &dy);
  lm_map_view_pan (&target, dx * self->view.width / 6.0, dy * self->view.height / 6.0);
  animate_to (self, &target);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LmSelection *selection = get_selection (LM_CHOROPLETH (widget));

  if (selection != NULL)
    lm_selection_clear (selection);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lm_choropleth_copy_to_clipboard (LM_CHOROPLETH (widget));
}

/* ------------------------------------------------------------------ */
/* Frame timing                                                         */
/* ------------------------------------------------------------------ */

static void
flush_frame_log (LmChoropleth *self)
{
  g_autoptr(GString) text = NULL;
  FILE *file;

  if (self->bench_file == NULL || self->frame_log == NULL || self->frame_log->len == 0)
    return;
  text = g_string_new (NULL);
  for (guint i = 0; i < self->frame_log->len; i++)
    {
      const FrameSample *s = &g_array_index (self->frame_log, FrameSample, i);
      g_string_append_printf (text, "%" G_GINT64_FORMAT " %.3f %.3f %.3f\n",
                              s->frame_time, s->interval_ms, s->work_ms, s->snapshot_ms);
    }
  file = fopen (self->bench_file, "a");
  if (file == NULL)
    {
      g_warning ("Cannot write frame times to %s: %s", self->bench_file, g_strerror (errno));
      return;
    }
  fwrite (text->str, 1, text->len, file);
  fclose (file);
  g_array_set_size (self->frame_log, 0);
}

static void
on_before_paint_cb (LmChoropleth  *self,
                    GdkFrameClock *clock)
{
  self->paint_start = g_get_monotonic_time ();
  self->snapshot_us = 0;
  self->drawn_this_frame = FALSE;
}

static void
on_after_paint_cb (LmChoropleth  *self,
                   GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();
  FrameSample sample;

  if (!self->drawn_this_frame)
    return;
  /* Wall-clock time between the ends of consecutive frames: the frame
   * clock's own frame time is smoothed to the refresh period and would
   * hide late frames. */
  sample.frame_time = gdk_frame_clock_get_frame_time (clock);
  sample.interval_ms = self->last_frame_time > 0 ? (now - self->last_frame_time) / 1000.0 : 0;
  sample.work_ms = (now - self->paint_start) / 1000.0;
  sample.snapshot_ms = self->snapshot_us / 1000.0;
  self->last_frame_time = now;
  g_array_append_val (self->frame_log, sample);
  if (self->frame_log->len >= FRAME_LOG_CAPACITY)
    flush_frame_log (self);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */
/* ------------------------------------------------------------------ */

static void
get_foreground (LmChoropleth *self,
                GdkRGBA      *fg,
                GdkRGBA      *bg)
{
  gboolean dark = is_dark ();

  *fg = dark ? (GdkRGBA) { 1, 1, 1, 0.92 } : (GdkRGBA) { 0, 0, 0, 0.85 };
  *bg = dark ? (GdkRGBA) { 0.12, 0.12, 0.12, 0.78 } : (GdkRGBA) { 1, 1, 1, 0.8 };
}

/* The longest round length (1, 2 or 5 × 10^k metres) that fits in
 * @max_px at @metres_per_pixel. */
static double
scale_bar_length (double metres_per_pixel,
                  double max_px)
{
  double max_m = metres_per_pixel * max_px;
  double p = pow (10, floor (log10 (max_m)));

  if (5 * p <= max_m)
    return 5 * p;
  if (2 * p <= max_m)
    return 2 * p;
  return p;
}

static void
ensure_layouts (LmChoropleth *self)
{
  PangoAttrList *attrs;

  if (self->scale_layout != NULL)
    return;
  self->scale_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (self->scale_layout, attrs);

  self->attribution_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
      _("Contains OS data © Crown copyright; IMD: MHCLG; CNI: OCSI/Local Trust"));
  pango_layout_set_attributes (self->attribution_layout, attrs);
  /* Two lines at most in a narrow map, then ellipsized. */
  pango_layout_set_wrap (self->attribution_layout, PANGO_WRAP_WORD);
  pango_layout_set_height (self->attribution_layout, -2);
  pango_layout_set_ellipsize (self->attribution_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (self->attribution_layout, PANGO_ALIGN_RIGHT);
  pango_attr_list_unref (attrs);

  self->message_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  set_message_layout_text (self);
  pango_layout_set_alignment (self->message_layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (self->message_layout, PANGO_WRAP_WORD_CHAR);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));
  pango_layout_set_attributes (self->message_layout, attrs);
  pango_attr_list_unref (attrs);
  self->scale_bar_metres = 0;
}

static void
update_scale_text (LmChoropleth *self,
                   double        metres)
{
  if (metres == self->scale_bar_metres)
    return;
  self->scale_bar_metres = metres;
  if (metres >= 1000)
    /* Translators: scale bar length */
    g_snprintf (self->scale_text, sizeof self->scale_text, _("%g km"), metres / 1000);
  else
    /* Translators: scale bar length */
    g_snprintf (self->scale_text, sizeof self->scale_text, _("%g m"), metres);
  pango_layout_set_text (self->scale_layout, self->scale_text, -1);
}

static void
snapshot_scale_bar (LmChoropleth *self,
                    GtkSnapshot  *snapshot,
                    const GdkRGBA *fg,
                    const GdkRGBA *bg)
{
  double metres = scale_bar_length (self->view.metres_per_pixel, SCALE_BAR_MAX_PX);
  double px = metres / self->view.metres_per_pixel;
  PangoRectangle ink, logical;
  double box_w, box_h, x0, y0;

  update_scale_text (self, metres);
  pango_layout_get_pixel_extents (self->scale_layout, &ink, &logical);
  box_w = MAX (px, logical.width) + 12;
  box_h = logical.height + 6 + 6 + 4;
  x0 = OVERLAY_MARGIN;
  y0 = self->view.height - OVERLAY_MARGIN - box_h;
  if (y0 < 0 || box_w + 2 * OVERLAY_MARGIN > self->view.width)
    return;

  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (x0, y0, box_w, box_h));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 6, y0 + 3));
  gtk_snapshot_append_layout (snapshot, self->scale_layout, fg);
  gtk_snapshot_restore (snapshot);
  /* The bar with end ticks. */
  {
    double bx = x0 + 6, by = y0 + box_h - 6;

    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx, by - 2, px, 2));
    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx, by - 6, 1.5, 6));
    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx + px - 1.5, by - 6, 1.5, 6));
  }
}

static void
snapshot_attribution (LmChoropleth *self,
                      GtkSnapshot  *snapshot,
                      const GdkRGBA *fg,
                      const GdkRGBA *bg)
{
  PangoRectangle logical;
  double max_w = self->view.width - 2 * OVERLAY_MARGIN - SCALE_BAR_MAX_PX - 24;
  double x0, y0;

  if (max_w < 80)
    return;
  pango_layout_set_width (self->attribution_layout, (int) (max_w * PANGO_SCALE));
  pango_layout_get_pixel_extents (self->attribution_layout, NULL, &logical);
  x0 = self->view.width - OVERLAY_MARGIN - logical.width - 8;
  y0 = self->view.height - OVERLAY_MARGIN - logical.height - 4;
  gtk_snapshot_append_color (snapshot, bg,
                             &GRAPHENE_RECT_INIT (x0, y0, logical.width + 8, logical.height + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 4 - logical.x, y0 + 2));
  gtk_snapshot_append_layout (snapshot, self->attribution_layout, fg);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_message (LmChoropleth *self,
                  GtkSnapshot  *snapshot,
                  const GdkRGBA *fg,
                  const GdkRGBA *bg)
{
  PangoRectangle logical;
  double w = MIN (self->view.width - 48, 480);
  double x0, y0;

  if (w < 40)
    return;
  pango_layout_set_width (self->message_layout, (int) (w * PANGO_SCALE));
  pango_layout_get_pixel_extents (self->message_layout, NULL, &logical);
  x0 = (self->view.width - w) / 2;
  y0 = (self->view.height - logical.height) / 2;
  gtk_snapshot_append_color (snapshot, bg,
                             &GRAPHENE_RECT_INIT (x0 - 12, y0 - 12, w + 24, logical.height + 24));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0, y0));
  gtk_snapshot_append_layout (snapshot, self->message_layout, fg);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_hover (LmChoropleth *self,
                GtkSnapshot  *snapshot)
{
  const LmShapeFeature *feature;
  double x0, y0, x1, y1;
  graphene_rect_t rect;
  LmColor color;
  cairo_t *cr;
  int f;

  if (self->hover_area < 0 || !have_geometry (self) || (guint) self->hover_area >= self->level->n_areas)
    return;
  f = self->level->feature[self->hover_area];
  if (f < 0)
    return;
  feature = lm_shape_layer_get_feature (self->level->shapes, f);
  lm_map_view_world_to_pixel (&self->view, feature->bounds.xmin, feature->bounds.ymax, &x0, &y0);
  lm_map_view_world_to_pixel (&self->view, feature->bounds.xmax, feature->bounds.ymin, &x1, &y1);
  x0 = MAX (floor (x0) - 4, -4);
  y0 = MAX (floor (y0) - 4, -4);
  x1 = MIN (ceil (x1) + 4, self->view.width + 4);
  y1 = MIN (ceil (y1) + 4, self->view.height + 4);
  if (x1 <= x0 || y1 <= y0)
    return;
  graphene_rect_init (&rect, x0, y0, x1 - x0, y1 - y0);
  color = is_dark () ? (LmColor) { 1, 1, 1, 1 } : (LmColor) { 0, 0, 0, 1 };
  cr = gtk_snapshot_append_cairo (snapshot, &rect);
  lm_map_renderer_draw_area_outline (self->renderer, cr, self->level, self->hover_area,
                                     &self->view, &color, 2.0);
  cairo_destroy (cr);
}

static gboolean
uses_cairo_renderer (LmChoropleth *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

static void
lm_choropleth_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  gint64 start = self->bench_file != NULL ? g_get_monotonic_time () : 0;
  GdkRGBA fg, bg;

  ensure_layouts (self);
  get_foreground (self, &fg, &bg);

  if (self->texture != NULL && self->view.width > 0)
    {
      const LmMapView *tv = &self->texture_view;
      int f = self->texture_scale;
      double s = tv->metres_per_pixel * f / self->view.metres_per_pixel;
      double wx0 = tv->center_x - tv->width / 2.0 * tv->metres_per_pixel;
      double wy0 = tv->center_y + tv->height / 2.0 * tv->metres_per_pixel;
      double px0, py0;

      lm_map_view_world_to_pixel (&self->view, wx0, wy0, &px0, &py0);
      if (fabs (s - 1) < 1e-9)
        {
          /* At 1:1, land on device pixels so the image stays crisp. */
          px0 = round (px0 * f) / f;
          py0 = round (py0 * f) / f;
        }
      if (uses_cairo_renderer (self))
        {
          /* GTK 4.8's Cairo renderer converts a texture's pixels one by
           * one on every frame it draws it (gdk_texture_download_surface);
           * painting the image surface itself is a plain blit, or a
           * bilinear scale while zooming. */
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                   &GRAPHENE_RECT_INIT (0, 0, self->view.width,
                                                                        self->view.height));

          cairo_translate (cr, px0, py0);
          cairo_scale (cr, s / f, s / f);
          cairo_set_source_surface (cr, self->surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr),
                                    fabs (s - 1) < 1e-9 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      else
        {
          /* GL: the texture is uploaded once and scaled on the GPU. */
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (px0, py0));
          gtk_snapshot_scale (snapshot, s, s);
          gtk_snapshot_append_texture (snapshot, self->texture,
                                       &GRAPHENE_RECT_INIT (0, 0, (double) tv->width / f,
                                                            (double) tv->height / f));
          gtk_snapshot_restore (snapshot);
        }
    }

  snapshot_hover (self, snapshot);
  if (self->message != NULL)
    snapshot_message (self, snapshot, &fg, &bg);
  if (have_geometry (self) && self->view.width > 0)
    {
      snapshot_scale_bar (self, snapshot, &fg, &bg);
      snapshot_attribution (self, snapshot, &fg, &bg);
    }

  if (self->bench_file != NULL)
    {
      self->snapshot_us += g_get_monotonic_time () - start;
      self->drawn_this_frame = TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* GtkWidget overrides                                                  */
/* ------------------------------------------------------------------ */

static void
lm_choropleth_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 700;
}

static void
lm_choropleth_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  if (width == self->view.width && height == self->view.height)
    return;
  self->view.width = width;
  self->view.height = height;
  if (self->fit_pending)
    {
      lm_map_view_fit (&self->view, &self->fit_bounds, width, height, MIN (width, height) / 8.0);
      clamp_view (self, &self->view);
      self->fit_pending = FALSE;
      user_moved_view (self);
    }
  else if (self->extent != NULL && self->extent_settle_id == 0)
    {
      /* The rectangle asked for stays in view at any size (a pane
       * moved, full screen). */
      stop_animation (self);
      fit_extent (self);
      self->view_fitted = TRUE;
    }
  else if (!self->view_fitted || self->auto_fit || !(self->view.metres_per_pixel > 0))
    {
      /* Until the user moves the map it shows the whole level at any
       * size. */
      stop_animation (self);
      fit_view (self);
      self->view_fitted = have_geometry (self);
      self->auto_fit = TRUE;
    }
  /* The centre stays; the image is re-rendered for the new size in the
   * background and drawn as it is meanwhile. */
  if (self->texture == NULL)
    request_sync_render (self);
  else
    view_changed (self);
}

static void
lm_choropleth_map (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->map (widget);
  if (self->sync_pending || self->texture == NULL)
    request_sync_render (self);
}

static void
lm_choropleth_unmap (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  stop_animation (self);
  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->unmap (widget);
}

static void
lm_choropleth_realize (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->realize (widget);
  self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_id = g_signal_connect_swapped (self->layout_clock, "layout",
                                              G_CALLBACK (on_frame_layout_cb), self);
  if (self->bench_file != NULL)
    {
      self->bench_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->before_paint_id = g_signal_connect_swapped (self->bench_clock, "before-paint",
                                                        G_CALLBACK (on_before_paint_cb), self);
      self->after_paint_id = g_signal_connect_swapped (self->bench_clock, "after-paint",
                                                       G_CALLBACK (on_after_paint_cb), self);
    }
}

static void
lm_choropleth_unrealize (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  if (self->bench_clock != NULL)
    {
      g_clear_signal_handler (&self->before_paint_id, self->bench_clock);
      g_clear_signal_handler (&self->after_paint_id, self->bench_clock);
      g_clear_object (&self->bench_clock);
      flush_frame_log (self);
    }
  g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_object (&self->layout_clock);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->unrealize (widget);
}

static void
lm_choropleth_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->css_changed (widget, change);
  if (self->scale_layout != NULL)
    {
      pango_layout_context_changed (self->scale_layout);
      pango_layout_context_changed (self->attribution_layout);
      pango_layout_context_changed (self->message_layout);
    }
}

static gboolean
lm_choropleth_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  g_autofree char *markup = NULL;

  if (keyboard_mode || self->dragging)
    return FALSE;
  markup = lm_choropleth_get_tooltip_markup (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject overrides                                                    */
/* ------------------------------------------------------------------ */

static void
disconnect_model (LmChoropleth *self)
{
  if (self->model == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_signal_handlers_disconnect_by_data (lm_model_get_selection (self->model), self);
  g_clear_object (&self->model);
  self->dataset = NULL;
  self->level = NULL;
  self->variable = NULL;
  self->marked_level = NULL;
  g_clear_pointer (&self->marked_mask, g_free);
}

static void
lm_choropleth_dispose (GObject *object)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->sharp_timeout_id, g_source_remove);
  g_clear_handle_id (&self->extent_settle_id, g_source_remove);
  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  disconnect_model (self);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  clear_render_caches (self);
  g_clear_object (&self->scale_layout);
  g_clear_object (&self->attribution_layout);
  g_clear_object (&self->message_layout);
  if (self->grids != NULL)
    g_hash_table_remove_all (self->grids);

  G_OBJECT_CLASS (lm_choropleth_parent_class)->dispose (object);
}

static void
lm_choropleth_finalize (GObject *object)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  flush_frame_log (self);
  g_clear_pointer (&self->frame_log, g_array_unref);
  g_free (self->bench_file);
  g_free (self->level_id);
  g_free (self->variable_id);
  g_free (self->palette_name);
  g_clear_pointer (&self->extent, lm_bounds_free);
  g_free (self->message);
  g_free (self->classes);
  g_free (self->marked_mask);
  g_clear_pointer (&self->grids, g_hash_table_unref);
  /* Render jobs hold a reference on the widget, so none runs now. */
  g_clear_pointer (&self->renderer, lm_map_renderer_free);
  g_clear_pointer (&self->worker_renderer, lm_map_renderer_free);
  g_clear_pointer (&self->index_renderer, lm_map_renderer_free);

  G_OBJECT_CLASS (lm_choropleth_parent_class)->finalize (object);
}

static void
lm_choropleth_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level_id);
      break;
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable_id);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_N_CLASSES:
      g_value_set_uint (value, self->n_classes);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, self->palette_name);
      break;
    case PROP_SHOW_LEFT_BEHIND:
      g_value_set_boolean (value, self->show_left_behind);
      break;
    case PROP_EXTENT:
      g_value_set_boxed (value, self->extent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_choropleth_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lm_choropleth_set_model (self, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      lm_choropleth_set_level (self, g_value_get_string (value));
      break;
    case PROP_VARIABLE:
      lm_choropleth_set_variable (self, g_value_get_string (value));
      break;
    case PROP_METHOD:
      lm_choropleth_set_method (self, g_value_get_enum (value));
      break;
    case PROP_N_CLASSES:
      lm_choropleth_set_n_classes (self, g_value_get_uint (value));
      break;
    case PROP_PALETTE:
      lm_choropleth_set_palette (self, g_value_get_string (value));
      break;
    case PROP_SHOW_LEFT_BEHIND:
      lm_choropleth_set_show_left_behind (self, g_value_get_boolean (value));
      break;
    case PROP_EXTENT:
      lm_choropleth_set_extent (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_choropleth_class_init (LmChoroplethClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_choropleth_dispose;
  object_class->finalize = lm_choropleth_finalize;
  object_class->get_property = lm_choropleth_get_property;
  object_class->set_property = lm_choropleth_set_property;

  widget_class->snapshot = lm_choropleth_snapshot;
  widget_class->measure = lm_choropleth_measure;
  widget_class->size_allocate = lm_choropleth_size_allocate;
  widget_class->map = lm_choropleth_map;
  widget_class->unmap = lm_choropleth_unmap;
  widget_class->realize = lm_choropleth_realize;
  widget_class->unrealize = lm_choropleth_unrealize;
  widget_class->css_changed = lm_choropleth_css_changed;
  widget_class->query_tooltip = lm_choropleth_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "lsoa",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, "imd.score",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, lm_choropleth_method_get_type (),
                       LM_CLASSIFY_QUANTILE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEFT_BEHIND] =
    g_param_spec_boolean ("show-left-behind", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LmChoropleth:extent: (nullable)
   *
   * The world rectangle the user asked to see, shown whole and centred
   * at any size; %NULL shows the whole level. Pans and zooms set it to
   * the visible rectangle once the view rests; zoom-to-fit sets %NULL.
   */
  properties[PROP_EXTENT] =
    g_param_spec_boxed ("extent", NULL, NULL, LM_TYPE_BOUNDS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmChoropleth::classes-changed:
   *
   * The classification, the colours or the mapped variable changed (also
   * after every recompute, since counts move): legends redraw.
   */
  signals[CLASSES_CHANGED] = g_signal_new ("classes-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "map.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "map.copy", NULL);

  gtk_widget_class_set_css_name (widget_class, "choropleth");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_choropleth_init (LmChoropleth *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  const char *bench_file;

  self->level_id = g_strdup ("lsoa");
  self->variable_id = g_strdup ("imd.score");
  self->method = LM_CLASSIFY_QUANTILE;
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  self->hover_area = -1;
  self->renderer = lm_map_renderer_new ();
  self->worker_renderer = lm_map_renderer_new ();
  self->index_renderer = lm_map_renderer_new ();
  self->grids = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) hit_grid_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  g_signal_connect_swapped (gesture, "end", G_CALLBACK (on_zoom_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->click_gesture = gesture;

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_signal_connect_swapped (manager, "notify::dark", G_CALLBACK (on_style_changed_cb), self);
      g_signal_connect_swapped (manager, "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);
    }

  bench_file = g_getenv ("LEVELMAP_BENCH_FRAMES");
  if (bench_file != NULL && *bench_file != '\0')
    {
      self->bench_file = g_strdup (bench_file);
      self->frame_log = g_array_sized_new (FALSE, FALSE, sizeof (FrameSample), FRAME_LOG_CAPACITY);
    }
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
lm_choropleth_new (LmModel *model)
{
  g_return_val_if_fail (model == NULL || LM_IS_MODEL (model), NULL);

  return g_object_new (LM_TYPE_CHOROPLETH, "model", model, NULL);
}

LmModel *
lm_choropleth_get_model (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->model;
}

void
lm_choropleth_set_model (LmChoropleth *self,
                         LmModel      *model)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (model == self->model)
    return;
  disconnect_model (self);
  g_hash_table_remove_all (self->grids);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  clear_render_caches (self);
  lm_map_renderer_clear_cache (self->renderer);
  /* The worker's cache keeps references to the old layers until the
   * next job; it holds per-layer entries, so it only costs memory. */
  self->view_fitted = FALSE;
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      self->dataset = lm_model_get_dataset (model);
      g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lm_model_get_selection (model), "changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_level (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
lm_choropleth_get_level (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->level_id;
}

void
lm_choropleth_set_level (LmChoropleth *self,
                         const char   *level_id)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (level_id != NULL);

  if (g_strcmp0 (self->level_id, level_id) == 0)
    return;
  g_free (self->level_id);
  self->level_id = g_strdup (level_id);
  update_level (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

const char *
lm_choropleth_get_variable (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->variable_id;
}

void
lm_choropleth_set_variable (LmChoropleth *self,
                            const char   *variable_id)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (variable_id != NULL);

  if (g_strcmp0 (self->variable_id, variable_id) == 0)
    return;
  g_free (self->variable_id);
  self->variable_id = g_strdup (variable_id);
  update_variable (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

LmClassifyMethod
lm_choropleth_get_method (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), LM_CLASSIFY_QUANTILE);
  return self->method;
}

void
lm_choropleth_set_method (LmChoropleth     *self,
                          LmClassifyMethod  method)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (method <= LM_CLASSIFY_DECILES);

  if (self->method == method)
    return;
  self->method = method;
  update_classes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

guint
lm_choropleth_get_n_classes (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), 0);
  return self->n_classes;
}

void
lm_choropleth_set_n_classes (LmChoropleth *self,
                             guint         n_classes)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));

  n_classes = CLAMP (n_classes, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES);
  if (self->n_classes == n_classes)
    return;
  self->n_classes = n_classes;
  update_classes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLASSES]);
}

const char *
lm_choropleth_get_palette (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->palette_name;
}

void
lm_choropleth_set_palette (LmChoropleth *self,
                           const char   *palette)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  if (g_strcmp0 (self->palette_name, palette) == 0)
    return;
  if (palette != NULL && lm_palette_lookup (palette, &error) == NULL)
    {
      g_critical ("%s", error->message);
      return;
    }
  g_free (self->palette_name);
  self->palette_name = g_strdup (palette);
  update_classes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

gboolean
lm_choropleth_get_show_left_behind (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), FALSE);
  return self->show_left_behind;
}

void
lm_choropleth_set_show_left_behind (LmChoropleth *self,
                                    gboolean      show)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));

  show = !!show;
  if (self->show_left_behind == show)
    return;
  self->show_left_behind = show;
  g_signal_emit (self, signals[CLASSES_CHANGED], 0);
  content_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEFT_BEHIND]);
}

LmLevel *
lm_choropleth_get_current_level (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->level;
}

LmVariable *
lm_choropleth_get_current_variable (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->variable;
}

const char *
lm_choropleth_get_message (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->message;
}

const LmClassification *
lm_choropleth_get_classification (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->have_classes ? &self->classification : NULL;
}

const LmColor *
lm_choropleth_get_class_colors (LmChoropleth *self,
                                guint        *n_colors)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  if (n_colors != NULL)
    *n_colors = self->have_classes ? self->classification.n_classes : 0;
  return self->colors;
}

const gint8 *
lm_choropleth_get_area_classes (LmChoropleth *self,
                                guint        *n_areas)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  if (n_areas != NULL)
    *n_areas = self->level != NULL ? self->level->n_areas : 0;
  return self->level != NULL ? self->classes : NULL;
}

LmColor
lm_choropleth_get_no_data_color (LmChoropleth *self)
{
  return lm_palette_get_no_data_color ();
}

LmLevel *
lm_choropleth_get_left_behind (LmChoropleth *self,
                               guint        *n_areas)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  if (n_areas != NULL)
    *n_areas = self->marked_level != NULL ? self->n_marked : 0;
  return self->marked_level;
}

const LmMapView *
lm_choropleth_get_view (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return &self->view;
}

void
lm_choropleth_set_view (LmChoropleth    *self,
                        const LmMapView *view)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (view != NULL && view->metres_per_pixel > 0);

  stop_animation (self);
  self->view_fitted = TRUE;
  self->fit_pending = FALSE;
  user_moved_view (self);
  set_view_internal (self, view);
}

const LmBounds *
lm_choropleth_get_extent (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->extent;
}

void
lm_choropleth_set_extent (LmChoropleth   *self,
                          const LmBounds *extent)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (extent == NULL || !lm_bounds_is_empty (extent));

  if (lm_bounds_equal (self->extent, extent))
    return;
  /* Asked for from outside: it replaces a move still settling. */
  g_clear_handle_id (&self->extent_settle_id, g_source_remove);
  store_extent (self, extent);
  stop_animation (self);
  self->fit_pending = FALSE;
  self->auto_fit = extent == NULL;
  if (self->view.width <= 0 || self->view.height <= 0)
    {
      /* Applied at the first allocation. */
      self->view_fitted = FALSE;
      return;
    }
  if (extent != NULL)
    fit_extent (self);
  else
    fit_view (self);
  self->view_fitted = TRUE;
  view_changed (self);
}

void
lm_choropleth_zoom_to_fit (LmChoropleth *self)
{
  LmMapView target = self->view;
  LmBounds bounds;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  self->fit_pending = FALSE;
  self->auto_fit = TRUE;
  g_clear_handle_id (&self->extent_settle_id, g_source_remove);
  store_extent (self, NULL);
  if (self->view.width <= 0 || self->view.height <= 0)
    {
      self->view_fitted = FALSE;
      return;
    }
  bounds = get_data_bounds (self);
  lm_map_view_fit (&target, &bounds, self->view.width, self->view.height, FIT_MARGIN);
  self->view_fitted = TRUE;
  animate_to (self, &target);
}

void
lm_choropleth_zoom_to_area (LmChoropleth *self,
                            LmLevel      *level,
                            guint         area)
{
  g_autoptr(GError) error = NULL;
  const LmShapeFeature *feature;
  LmMapView target = self->view;

  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (area < level->n_areas);

  if (!ensure_shapes (self, level, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (level->shapes == NULL || level->feature == NULL || level->feature[area] < 0)
    return;
  feature = lm_shape_layer_get_feature (level->shapes, level->feature[area]);
  if (feature->n_parts == 0)
    return;
  user_moved_view (self);
  if (self->view.width <= 0 || self->view.height <= 0)
    {
      /* Not allocated yet: fit once the size is known. */
      self->fit_pending = TRUE;
      self->fit_bounds = feature->bounds;
      self->view_fitted = TRUE;
      return;
    }
  lm_map_view_fit (&target, &feature->bounds, MAX (self->view.width, 1),
                   MAX (self->view.height, 1), MIN (self->view.width, self->view.height) / 8.0);
  self->view_fitted = TRUE;
  animate_to (self, &target);
}

void
lm_choropleth_zoom_at (LmChoropleth *self,
                       double        factor,
                       double        x,
                       double        y)
{
  LmMapView view;

  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (factor > 0);

  stop_animation (self);
  user_moved_view (self);
  view = self->view;
  /* Clamp the factor rather than the result, so that the point under
   * the pointer stays put at the zoom limits too. */
  {
    double mpp = view.metres_per_pixel / factor;
    double max_mpp = MAX (get_fit_metres_per_pixel (self) * 4, MIN_METRES_PER_PIXEL);

    mpp = CLAMP (mpp, MIN_METRES_PER_PIXEL, max_mpp);
    factor = view.metres_per_pixel / mpp;
  }
  lm_map_view_zoom_at (&view, factor, x, y);
  set_view_internal (self, &view);
}

gboolean
lm_choropleth_pick (LmChoropleth  *self,
                    double         x,
                    double         y,
                    LmLevel      **out_level,
                    guint         *out_area)
{
  int area;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), FALSE);

  area = pick_area (self, x, y);
  if (area < 0)
    return FALSE;
  if (out_level != NULL)
    *out_level = self->level;
  if (out_area != NULL)
    *out_area = (guint) area;
  return TRUE;
}

/* "Rank 123 of 32,844 · decile 1" for the index the variable belongs
 * to ("imd.income" -> imd.rank and imd.decile), or NULL. */
static char *
describe_rank (LmChoropleth *self,
               guint         area)
{
  g_autofree char *prefix = NULL;
  g_autofree char *rank_id = NULL;
  g_autofree char *decile_id = NULL;
  const char *dot;
  LmVariable *rank, *decile;
  guint n_ranked;

  if (self->variable == NULL || (dot = strchr (self->variable->id, '.')) == NULL)
    return NULL;
  prefix = g_strndup (self->variable->id, dot - self->variable->id);
  if (lm_dataset_find_index (self->dataset, prefix) == NULL)
    return NULL;
  rank_id = g_strconcat (prefix, ".rank", NULL);
  decile_id = g_strconcat (prefix, ".decile", NULL);
  rank = lm_level_find_variable (self->level, rank_id);
  decile = lm_level_find_variable (self->level, decile_id);
  if (rank == NULL || isnan (rank->values[area]))
    return NULL;
  n_ranked = lm_variable_count_values (rank);
  if (decile != NULL && !isnan (decile->values[area]))
    /* Translators: "Rank 123 of 32844, decile 1" (1 = most deprived) */
    return g_strdup_printf (_("Rank %.0f of %u, decile %.0f"), rank->values[area], n_ranked,
                            decile->values[area]);
  return g_strdup_printf (_("Rank %.0f of %u"), rank->values[area], n_ranked);
}

static char *
describe_left_behind (LmChoropleth *self,
                      guint         area)
{
  LmLevel *rule_level = self->marked_level;

  if (rule_level == NULL || self->marked_mask == NULL)
    return NULL;
  if (rule_level == self->level)
    return g_strdup (self->marked_mask[area] ? _("Left behind") : _("Not left behind"));
  if (self->level->depth < rule_level->depth)
    {
      int up = lm_level_get_ancestor (self->level, area, rule_level);

      if (up < 0)
        return NULL;
      if (self->marked_mask[up])
        /* Translators: %s is the name of a ward (or the rule's area) */
        return g_markup_printf_escaped (_("In a left-behind area (%s)"), rule_level->names[up]);
      return g_strdup (_("Not in a left-behind area"));
    }
  else
    {
      guint n = 0;

      for (guint a = 0; a < rule_level->n_areas; a++)
        if (self->marked_mask[a] && lm_level_get_ancestor (rule_level, a, self->level) == (int) area)
          n++;
      return g_strdup_printf (ngettext ("%u left-behind area within",
                                        "%u left-behind areas within", n), n);
    }
}

char *
lm_choropleth_get_tooltip_markup (LmChoropleth *self,
                                  double        x,
                                  double        y)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *left_behind = NULL;
  LmLevel *lad;
  int area;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);

  area = pick_area (self, x, y);
  if (area < 0)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>  <small>%s</small>",
                          self->level->names[area] ? self->level->names[area] : "",
                          self->level->codes[area] ? self->level->codes[area] : "");
  if (self->variable != NULL)
    {
      g_autofree char *value = lm_variable_format_value (self->variable, self->variable->values[area]);
      g_autofree char *line = g_markup_printf_escaped ("\n%s: <b>%s</b>", self->variable->title, value);

      g_string_append (text, line);
    }
  rank = describe_rank (self, area);
  if (rank != NULL)
    g_string_append_printf (text, "\n%s", rank);
  lad = lm_dataset_find_level (self->dataset, "lad");
  if (lad != NULL && lad != self->level && lad->depth > self->level->depth)
    {
      int up = lm_level_get_ancestor (self->level, area, lad);

      if (up >= 0)
        {
          /* Translators: the local authority an area lies in */
          g_autofree char *line = g_markup_printf_escaped (_("Local authority: %s"), lad->names[up]);
          g_string_append_printf (text, "\n%s", line);
        }
    }
  left_behind = describe_left_behind (self, area);
  if (left_behind != NULL)
    g_string_append_printf (text, "\n%s", left_behind);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
lm_choropleth_select_at (LmChoropleth    *self,
                         double           x,
                         double           y,
                         LmSelectionMode  mode)
{
  LmSelection *selection;
  int area;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  selection = get_selection (self);
  if (selection == NULL || self->level == NULL)
    return;
  area = pick_area (self, x, y);
  if (area < 0)
    {
      if (mode == LM_SELECTION_REPLACE)
        lm_selection_clear (selection);
      return;
    }
  {
    guint a = (guint) area;

    lm_selection_select (selection, self->level, &a, 1, mode);
  }
}

cairo_surface_t *
lm_choropleth_render_image (LmChoropleth *self)
{
  int scale_factor;
  LmMapView tv;
  LmMapStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);

  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  w = MAX (self->view.width, 1);
  h = MAX (self->view.height, 1);
  make_texture_view (&self->view, scale_factor, 0, &tv);
  tv.width = (int) (w * scale_factor);
  tv.height = (int) (h * scale_factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tv.width, tv.height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (have_geometry (self) && self->view.width > 0)
    {
      fill_style (self, &style, &tv, scale_factor, CAIRO_ANTIALIAS_DEFAULT);
      /* The image goes on white paper whatever the theme. */
      if (is_dark ())
        style.outline_color = (LmColor) { 0.15, 0.15, 0.15, 0.85 };
      cairo_surface_flush (surface);
      lm_map_renderer_render_image (self->renderer, surface, self->level, &tv, &style);
      cairo_surface_mark_dirty (surface);
    }

  cairo_scale (cr, scale_factor, scale_factor);
  /* Legend in the top right corner. */
  if (self->have_classes && self->variable != NULL)
    {
      g_autoptr(LmLegendRenderer) legend = lm_legend_renderer_new ();
      LmColor no_data = lm_palette_get_no_data_color ();
      double lw, lh;

      lm_legend_renderer_set_classes (legend, self->variable, &self->classification, self->colors,
                                      &no_data);
      lm_legend_renderer_set_title (legend, NULL, lm_dataset_get_title (self->dataset));
      lm_legend_renderer_set_left_behind (legend, self->show_left_behind && self->marked_level != NULL,
                                          NULL, self->n_marked);
      lm_legend_renderer_measure (legend, cr, &lw, &lh);
      if (lw + 2 * OVERLAY_MARGIN < w && lh + 2 * OVERLAY_MARGIN < h)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
          cairo_rectangle (cr, w - OVERLAY_MARGIN - lw - 16, OVERLAY_MARGIN, lw + 16, lh + 16);
          cairo_fill (cr);
          lm_legend_renderer_draw (legend, cr, w - OVERLAY_MARGIN - lw - 8, OVERLAY_MARGIN + 8);
        }
    }
  /* Scale bar and attribution, as on screen, in black on white. */
  if (have_geometry (self) && self->view.width > 0)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
      double metres = scale_bar_length (self->view.metres_per_pixel, SCALE_BAR_MAX_PX);
      double px = metres / self->view.metres_per_pixel;
      char label[32];
      PangoRectangle logical;

      pango_layout_set_font_description (layout, font);
      if (metres >= 1000)
        g_snprintf (label, sizeof label, _("%g km"), metres / 1000);
      else
        g_snprintf (label, sizeof label, _("%g m"), metres);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_rectangle (cr, OVERLAY_MARGIN, h - OVERLAY_MARGIN - logical.height - 16,
                       MAX (px, logical.width) + 12, logical.height + 16);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
      cairo_move_to (cr, OVERLAY_MARGIN + 6, h - OVERLAY_MARGIN - logical.height - 13);
      pango_cairo_show_layout (cr, layout);
      cairo_rectangle (cr, OVERLAY_MARGIN + 6, h - OVERLAY_MARGIN - 8, px, 2);
      cairo_rectangle (cr, OVERLAY_MARGIN + 6, h - OVERLAY_MARGIN - 12, 1.5, 6);
      cairo_rectangle (cr, OVERLAY_MARGIN + 6 + px - 1.5, h - OVERLAY_MARGIN - 12, 1.5, 6);
      cairo_fill (cr);

      pango_layout_set_text (layout,
          _("Contains OS data © Crown copyright; IMD: MHCLG; CNI: OCSI/Local Trust"), -1);
      pango_layout_set_width (layout, (int) (MAX (w - 2 * OVERLAY_MARGIN - SCALE_BAR_MAX_PX - 24, 40) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_START);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_rectangle (cr, w - OVERLAY_MARGIN - logical.width - 8, h - OVERLAY_MARGIN - logical.height - 4,
                       logical.width + 8, logical.height + 4);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
      cairo_move_to (cr, w - OVERLAY_MARGIN - logical.width - 4 - logical.x,
                     h - OVERLAY_MARGIN - logical.height - 2);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_set_device_scale (surface, 1, 1);
  return surface;
}

void
lm_choropleth_copy_to_clipboard (LmChoropleth *self)
{
  cairo_surface_t *surface;
  GdkTexture *texture;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  surface = lm_choropleth_render_image (self);
  texture = texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  if (texture != NULL)
    {
      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
      g_object_unref (texture);
    }
}

double
lm_choropleth_get_last_render_ms (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), 0);
  return self->last_render_ms;
}
