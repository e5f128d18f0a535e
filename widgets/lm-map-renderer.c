/* lm-map-renderer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-map-renderer-private.h"

/* ------------------------------------------------------------------ */
/* Styles                                                               */
/* ------------------------------------------------------------------ */

static LmColor
rgba (double r,
      double g,
      double b,
      double a)
{
  LmColor color = { r, g, b, a };

  return color;
}

void
lm_map_style_init (LmMapStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->no_data_color = lm_palette_get_no_data_color ();
  style->background = rgba (1, 1, 1, 0);
  style->area_border_width = 0;
  style->area_border_color = rgba (1, 1, 1, 0.6);
  style->outline_color = rgba (0.15, 0.15, 0.15, 0.85);
  style->outline_width = 0.8;
  style->marked_color = rgba (0.05, 0.05, 0.05, 1);
  style->marked_casing = rgba (1, 1, 1, 1);
  style->marked_width = 1.4;
  style->selection_color = rgba (1.0, 0.18, 0.69, 1);
  style->selection_width = 2.5;
  style->antialias = CAIRO_ANTIALIAS_FAST;
  style->n_threads = 0;
}

/* ------------------------------------------------------------------ */
/* The renderer                                                         */
/* ------------------------------------------------------------------ */

struct _LmMapRenderer
{
  GHashTable *geometries;   /* LmShapeLayer* -> LmMapGeometry* */
  double      last_render_ms;
  /* Scratch reused between frames: no allocation per frame once warm. */
  guint      *sorted;
  guint       sorted_size;
  guint32    *area_pixels;
  guint       area_pixels_size;
  LmRasterizer *rasterizers[MAX_THREADS];   /* one per band */
};

LmMapRenderer *
lm_map_renderer_new (void)
{
  LmMapRenderer *self = g_new0 (LmMapRenderer, 1);

  self->geometries = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                            NULL, (GDestroyNotify) lm_map_geometry_free);
  return self;
}

void
lm_map_renderer_free (LmMapRenderer *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->geometries);
  g_free (self->sorted);
  g_free (self->area_pixels);
  for (guint i = 0; i < MAX_THREADS; i++)
    lm_rasterizer_free (self->rasterizers[i]);
  g_free (self);
}

void
lm_map_renderer_clear_cache (LmMapRenderer *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->geometries);
}

double
lm_map_renderer_get_last_render_ms (LmMapRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last_render_ms;
}

/* Called before any band thread starts: the cache is only written here. */
static const LmMapGeometry *
get_geometry (LmMapRenderer *self,
              LmLevel       *level,
              gboolean       with_edges)
{
  LmMapGeometry *geo;

  if (level == NULL || level->shapes == NULL || level->feature == NULL)
    return NULL;
  geo = g_hash_table_lookup (self->geometries, level->shapes);
  if (geo == NULL)
    {
      geo = lm_map_geometry_new (level->shapes);
      g_hash_table_insert (self->geometries, level->shapes, geo);
    }
  if (with_edges && geo->edges == NULL)
    geo->edges = lm_map_geometry_build_edges (geo);
  return geo;
}

typedef struct
{
  const Job       *job;
  cairo_surface_t *surface;   /* band surface (raster) */
  cairo_t         *cr;
  cairo_surface_t *lines;     /* the band's rows of style->lines_image, or NULL */
  const guint8    *index;     /* the band's first row of style->area_index, or NULL */
  int              index_stride;
  LmRasterizer    *rasterizer; /* fills antialiased raster bands */
  double           y_offset;  /* first view row of the band */
  Rect             clip;      /* in target pixels */
} Band;

static gpointer
band_thread (gpointer data)
{
  Band *band = data;

  _lm_map_draw_band (band->job, band->cr, band->rasterizer, band->y_offset, &band->clip, band->lines,
             band->index, band->index_stride);
  cairo_surface_flush (band->surface);
  return NULL;
}

/* Groups the level's areas by fill slot (a counting sort), so that each
 * class is one path. */
static void
prepare_job (LmMapRenderer    *self,
             Job              *job,
             guint            *offsets,
             LmLevel          *level,
             const LmMapView  *view,
             const LmMapStyle *style)
{
  guint n_classes = style->class_colors != NULL ? MIN (style->n_classes, 127) : 0;
  guint n_slots = n_classes + 1;
  guint counts[129] = { 0 };

  memset (job, 0, sizeof *job);
  job->tolerance = VERTEX_TOLERANCE;
  job->level = level;
  job->view = view;
  job->style = style;
  job->geo = get_geometry (self, level, FALSE);
  job->offsets = offsets;
  job->n_slots = n_slots;
  if (style->outline_level != NULL && style->outline_level != level)
    job->outline_geo = get_geometry (self, style->outline_level, TRUE);
  if (style->area_border_width > 0)
    get_geometry (self, level, TRUE);
  if (style->marked_level != NULL && style->marked_mask != NULL)
    job->marked_geo = get_geometry (self, style->marked_level, FALSE);

  memset (offsets, 0, sizeof (guint) * (n_slots + 1));
  if (job->geo == NULL)
    return;

  if (self->sorted_size < level->n_areas)
    {
      g_free (self->sorted);
      self->sorted = g_new (guint, MAX (level->n_areas, 1));
      self->sorted_size = level->n_areas;
    }

#define SLOT_OF(a) \
  (style->classes != NULL && style->classes[a] >= 0 && (guint) style->classes[a] < n_classes \
   ? (guint) style->classes[a] + 1 : 0)

  for (guint a = 0; a < level->n_areas; a++)
    {
      int feature = level->feature[a];

      if (feature < 0 || (guint) feature >= job->geo->n_features)
        continue;
      counts[SLOT_OF (a)]++;
    }
  for (guint s = 0; s < n_slots; s++)
    offsets[s + 1] = offsets[s] + counts[s];
  memset (counts, 0, sizeof counts);
  for (guint a = 0; a < level->n_areas; a++)
    {
      int feature = level->feature[a];
      guint slot;

      if (feature < 0 || (guint) feature >= job->geo->n_features)
        continue;
      slot = SLOT_OF (a);
      self->sorted[offsets[slot] + counts[slot]++] = a;
    }
#undef SLOT_OF
  job->sorted = self->sorted;
}

/* A pixel row of @height from a coordinate that may be far outside the
 * image (or NaN): clamped as a double first, since converting a double
 * beyond int's range to int is undefined behaviour. */
static inline int
clamp_row (double y,
           int    height)
{
  return y >= 0 ? (int) MIN (y, height - 1) : 0;
}

/* g_get_num_processors() reads the kernel's files at each call (0.1 ms);
 * the number does not change while we run. */
static guint
n_processors (void)
{
  static guint n;
  guint value = g_atomic_int_get (&n);

  if (value == 0)
    {
      value = g_get_num_processors ();
      g_atomic_int_set (&n, value);
    }
  return value;
}

/* Splits the view's rows into @n bands of about equal work (vertices),
 * since England's areas are far denser in some rows (London) than in
 * others (the sea). Writes n + 1 row boundaries. */
static void
split_bands (const Job *job,
             guint      n,
             int       *rows)
{
  const LmMapView *view = job->view;
  int height = view->height;
  g_autofree double *work = g_new0 (double, height + 1);
  double total = 0, acc = 0;
  guint band = 1;
  Xform t;
  Rect clip = { 0, 0, view->width, view->height };

  rows[0] = 0;
  rows[n] = height;
  if (n == 1)
    return;

  t = xform_for (view, job->geo, 0, VERTEX_TOLERANCE);
  for (guint f = 0; f < job->geo->n_features; f++)
    {
      const LmMapGeoFeature *feature = &job->geo->features[f];
      double py0, py1;
      int r0, r1;
      double per_row;

      if (classify_feature (feature, &t, &clip, 1) == FEATURE_HIDDEN)
        continue;
      py0 = t.ty - feature->ymax * t.scale;
      py1 = t.ty - feature->ymin * t.scale;
      r0 = clamp_row (py0, height);
      r1 = clamp_row (py1, height);
      /* Rasterising costs per row covered as well as per vertex. */
      per_row = (feature->n_points + (r1 - r0 + 1)) / (double) (r1 - r0 + 1);
      work[r0] += per_row * (r1 - r0 + 1) / 2;
      work[r1] += per_row * (r1 - r0 + 1) / 2;
      total += per_row * (r1 - r0 + 1);
    }
  for (int r = 0; r < height && band < n; r++)
    {
      acc += work[r];
      if (acc >= total * band / n)
        rows[band++] = r + 1;
    }
  while (band < n)
    {
      rows[band] = rows[band - 1];
      band++;
    }
  /* Keep every band at least MIN_BAND_ROWS tall where possible. */
  for (guint b = 1; b < n; b++)
    rows[b] = CLAMP (rows[b], rows[b - 1] + MIN_BAND_ROWS, height - (int) (n - b) * MIN_BAND_ROWS);
}

/* Each area's fill as a pixel, from the slots prepare_job() sorted
 * the areas into. */
static const guint32 *
area_pixels_for (LmMapRenderer    *self,
                 LmLevel          *level,
                 const Job        *job,
                 const LmMapStyle *style)
{
  if (self->area_pixels_size < MAX (level->n_areas, 1))
    {
      g_free (self->area_pixels);
      self->area_pixels_size = MAX (level->n_areas, 1);
      self->area_pixels = g_new (guint32, self->area_pixels_size);
    }
  memset (self->area_pixels, 0, sizeof (guint32) * level->n_areas);
  for (guint slot = 0; slot < job->n_slots; slot++)
    {
      const LmColor *color = slot == 0 ? &style->no_data_color : &style->class_colors[slot - 1];
      guint32 pixel = color->alpha > 0 ? _lm_map_color_to_pixel (color) : 0;

      for (guint i = job->offsets[slot]; i < job->offsets[slot + 1]; i++)
        self->area_pixels[job->sorted[i]] = pixel;
    }
  return self->area_pixels;
}

cairo_surface_t *
lm_map_renderer_render_index (LmMapRenderer   *self,
                              LmLevel         *level,
                              const LmMapView *view)
{
  const LmMapGeometry *geo;
  cairo_surface_t *image;
  cairo_t *cr;
  Rect clip;
  Xform t;
  guint8 *data;
  int stride;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (view != NULL && view->metres_per_pixel > 0, NULL);
  g_return_val_if_fail (view->width > 0 && view->height > 0, NULL);

  geo = get_geometry (self, level, FALSE);
  if (geo == NULL || level->n_areas >= 0xffffff)
    return NULL;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }

  /* The same coverage as the fills of render_image() without
   * antialiasing: the same paths, one area at a time, each in a colour
   * that spells its number. */
  clip.x0 = 0;
  clip.y0 = 0;
  clip.x1 = view->width;
  clip.y1 = view->height;
  t = xform_for (view, geo, 0, VERTEX_TOLERANCE);
  cr = cairo_create (image);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (guint a = 0; a < level->n_areas; a++)
    {
      int feature = level->feature[a];
      const LmMapGeoFeature *f;
      guint32 id = a + 1;

      if (feature < 0 || (guint) feature >= geo->n_features)
        continue;
      f = &geo->features[feature];
      if (classify_feature (f, &t, &clip, 1) != FEATURE_PATH)
        continue;
      cairo_new_path (cr);
      _lm_map_append_feature (cr, NULL, geo, f, &t);
      cairo_set_source_rgb (cr, (id >> 16) / 255.0, ((id >> 8) & 0xff) / 255.0, (id & 0xff) / 255.0);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  /* Specks: one pixel each, as append_dot() places them. */
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint a = 0; a < level->n_areas; a++)
    {
      int feature = level->feature[a];
      const LmMapGeoFeature *f;
      double cx, cy;
      int x, y;

      if (feature < 0 || (guint) feature >= geo->n_features)
        continue;
      f = &geo->features[feature];
      if (classify_feature (f, &t, &clip, 1) != FEATURE_DOT)
        continue;
      cx = (f->xmin + f->xmax) / 2.0 * t.scale + t.tx;
      cy = t.ty - (f->ymin + f->ymax) / 2.0 * t.scale;
      /* Tested as doubles before the conversion, which is undefined
       * beyond int's range; NaN fails every comparison. */
      if (!(cx >= 0 && cx < view->width && cy >= 0 && cy < view->height))
        continue;
      x = (int) cx;
      y = (int) cy;
      ((guint32 *) (data + (gsize) y * stride))[x] = 0xff000000u | (a + 1);
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* Renders @job into @image in @n_threads horizontal bands (@rows has
 * their edges), the first on this thread. Each band is its own image
 * surface over the shared pixels, so the threads share no Cairo state
 * at all. */
static void
run_bands (LmMapRenderer   *self,
           const Job       *job,
           cairo_surface_t *image,
           guint            n_threads,
           const int       *rows,
           unsigned char   *lines_data,
           int              lines_stride,
           const guint8    *index_data,
           int              index_stride)
{
  int width = cairo_image_surface_get_width (image);
  cairo_format_t format = cairo_image_surface_get_format (image);
  Band bands[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  unsigned char *data;
  int stride;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);

  for (guint b = 0; b < n_threads; b++)
    {
      Band *band = &bands[b];
      int band_height = rows[b + 1] - rows[b];

      band->job = job;
      if (self->rasterizers[b] == NULL)
        self->rasterizers[b] = lm_rasterizer_new ();
      band->rasterizer = self->rasterizers[b];
      band->y_offset = rows[b];
      band->clip.x0 = 0;
      band->clip.y0 = 0;
      band->clip.x1 = width;
      band->clip.y1 = band_height;
      band->surface = cairo_image_surface_create_for_data (data + (gsize) rows[b] * stride,
                                                           format, width,
                                                           MAX (band_height, 0), stride);
      band->cr = cairo_create (band->surface);
      /* Its own surface over the shared pixels here too: threads share
       * no Cairo object. */
      band->index = index_data != NULL ? index_data + (gsize) rows[b] * index_stride : NULL;
      band->index_stride = index_stride;
      band->lines = lines_data != NULL
                    ? cairo_image_surface_create_for_data (lines_data + (gsize) rows[b] * lines_stride,
                                                           CAIRO_FORMAT_ARGB32, width,
                                                           MAX (band_height, 0), lines_stride)
                    : NULL;
    }

  for (guint b = 1; b < n_threads; b++)
    if (rows[b + 1] > rows[b])
      threads[b] = g_thread_new ("lm-render-band", band_thread, &bands[b]);
  if (rows[1] > rows[0])
    band_thread (&bands[0]);
  for (guint b = 1; b < n_threads; b++)
    if (threads[b] != NULL)
      g_thread_join (threads[b]);

  for (guint b = 0; b < n_threads; b++)
    {
      cairo_destroy (bands[b].cr);
      cairo_surface_destroy (bands[b].surface);
      g_clear_pointer (&bands[b].lines, cairo_surface_destroy);
    }
}

static void
render_image (LmMapRenderer    *self,
              cairo_surface_t  *image,
              LmLevel          *level,
              const LmMapView  *view,
              const LmMapStyle *style,
              gboolean          lines_only)
{
  guint offsets[130];
  Job job;
  gint64 start = g_get_monotonic_time ();
  cairo_format_t format;
  int width, height;
  guint n_threads;
  int rows[MAX_THREADS + 1];
  cairo_surface_t *lines = NULL;
  unsigned char *lines_data = NULL;
  int lines_stride = 0;
  const guint8 *index_data = NULL;
  int index_stride = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (image != NULL);
  g_return_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE);
  g_return_if_fail (level != NULL);
  g_return_if_fail (view != NULL && view->metres_per_pixel > 0);
  g_return_if_fail (style != NULL);

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  g_return_if_fail (width == view->width && height == view->height);
  format = cairo_image_surface_get_format (image);
  g_return_if_fail (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24);

  prepare_job (self, &job, offsets, level, view, style);
  job.lines_only = lines_only;
  if (!lines_only && style->lines_image != NULL)
    {
      lines = style->lines_image;
      g_return_if_fail (cairo_surface_get_type (lines) == CAIRO_SURFACE_TYPE_IMAGE);
      g_return_if_fail (cairo_image_surface_get_format (lines) == CAIRO_FORMAT_ARGB32);
      g_return_if_fail (cairo_image_surface_get_width (lines) == width &&
                        cairo_image_surface_get_height (lines) == height);
      cairo_surface_flush (lines);
      lines_data = cairo_image_surface_get_data (lines);
      lines_stride = cairo_image_surface_get_stride (lines);
    }

  if (!lines_only && style->area_index != NULL && job.geo != NULL)
    {
      g_return_if_fail (cairo_surface_get_type (style->area_index) == CAIRO_SURFACE_TYPE_IMAGE);
      g_return_if_fail (cairo_image_surface_get_width (style->area_index) == width &&
                        cairo_image_surface_get_height (style->area_index) == height);
      cairo_surface_flush (style->area_index);
      index_data = cairo_image_surface_get_data (style->area_index);
      index_stride = cairo_image_surface_get_stride (style->area_index);
      job.area_pixels = area_pixels_for (self, level, &job, style);
    }

  n_threads = style->n_threads > 0 ? style->n_threads : n_processors ();
  n_threads = CLAMP (n_threads, 1, MAX_THREADS);
  n_threads = MIN (n_threads, (guint) MAX (height / MIN_BAND_ROWS, 1));
  if (job.geo == NULL)
    n_threads = 1;
  if (n_threads > 1 && index_data == NULL)
    split_bands (&job, n_threads, rows);
  else
    {
      /* Fills from an index cost the same in every row: equal bands,
       * without a pass over every feature to weigh the rows (0.5 ms of
       * an LSOA recolour). */
      for (guint b = 0; b <= n_threads; b++)
        rows[b] = (int) ((gint64) height * b / n_threads);
    }

  run_bands (self, &job, image, n_threads, rows, lines_data, lines_stride, index_data,
             index_stride);
  cairo_surface_mark_dirty (image);

  self->last_render_ms = (g_get_monotonic_time () - start) / 1000.0;
}

void
lm_map_renderer_render_image (LmMapRenderer    *self,
                              cairo_surface_t  *image,
                              LmLevel          *level,
                              const LmMapView  *view,
                              const LmMapStyle *style)
{
  render_image (self, image, level, view, style, FALSE);
}

/* ------------------------------------------------------------------ */
/* Rendering piece by piece                                             */
/* ------------------------------------------------------------------ */

struct _LmMapRenderJob
{
  LmMapRenderer *renderer;
  LmMapView      view;
  LmMapStyle     style;
  Job            job;
  guint          offsets[130];
};

LmMapRenderJob *
lm_map_renderer_begin_rows (LmMapRenderer    *self,
                            LmLevel          *level,
                            const LmMapView  *view,
                            const LmMapStyle *style)
{
  LmMapRenderJob *job;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (view != NULL && view->metres_per_pixel > 0, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  job = g_new0 (LmMapRenderJob, 1);
  job->renderer = self;
  job->view = *view;
  job->style = *style;
  job->style.lines_image = NULL;
  job->style.area_index = NULL;
  /* Everything the threads share is made here, before any of them. */
  prepare_job (self, &job->job, job->offsets, level, &job->view, &job->style);
  for (guint i = 0; i < MAX_THREADS; i++)
    if (self->rasterizers[i] == NULL)
      self->rasterizers[i] = lm_rasterizer_new ();
  return job;
}

void
lm_map_render_job_draw_rows (LmMapRenderJob  *job,
                             cairo_surface_t *rows,
                             int              first_row,
                             guint            slot)
{
  Rect clip;
  cairo_t *cr;

  g_return_if_fail (job != NULL);
  g_return_if_fail (rows != NULL && cairo_surface_get_type (rows) == CAIRO_SURFACE_TYPE_IMAGE);
  g_return_if_fail (cairo_image_surface_get_width (rows) == job->view.width);
  g_return_if_fail (first_row >= 0 &&
                    first_row + cairo_image_surface_get_height (rows) <= job->view.height);
  g_return_if_fail (slot < MAX_THREADS);

  clip.x0 = 0;
  clip.y0 = 0;
  clip.x1 = job->view.width;
  clip.y1 = cairo_image_surface_get_height (rows);
  cr = cairo_create (rows);
  _lm_map_draw_band (&job->job, cr, job->renderer->rasterizers[slot], first_row, &clip, NULL,
                     NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (rows);
}

void
lm_map_render_job_free (LmMapRenderJob *job)
{
  g_free (job);
}

void
lm_map_renderer_render_lines (LmMapRenderer    *self,
                              cairo_surface_t  *image,
                              LmLevel          *level,
                              const LmMapView  *view,
                              const LmMapStyle *style)
{
  LmMapStyle lines_style;

  g_return_if_fail (style != NULL);

  lines_style = *style;
  lines_style.lines_image = NULL;
  render_image (self, image, level, view, &lines_style, TRUE);
}

void
lm_map_renderer_draw (LmMapRenderer    *self,
                      cairo_t          *cr,
                      LmLevel          *level,
                      const LmMapView  *view,
                      const LmMapStyle *style)
{
  guint offsets[130];
  Job job;
  Rect clip;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (level != NULL);
  g_return_if_fail (view != NULL && view->metres_per_pixel > 0);
  g_return_if_fail (style != NULL);

  prepare_job (self, &job, offsets, level, view, style);
  job.tolerance = VECTOR_VERTEX_TOLERANCE;
  clip.x0 = 0;
  clip.y0 = 0;
  clip.x1 = view->width;
  clip.y1 = view->height;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  _lm_map_draw_band (&job, cr, NULL, 0, &clip, NULL, NULL, 0);
  cairo_restore (cr);

  self->last_render_ms = (g_get_monotonic_time () - start) / 1000.0;
}

cairo_surface_t *
lm_map_renderer_render_new_image (LmMapRenderer    *self,
                                  LmLevel          *level,
                                  const LmMapView  *view,
                                  const LmMapStyle *style)
{
  cairo_surface_t *image;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (view != NULL && view->width > 0 && view->height > 0, NULL);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
    lm_map_renderer_render_image (self, image, level, view, style);
  return image;
}

void
lm_map_renderer_draw_area_outline (LmMapRenderer   *self,
                                   cairo_t         *cr,
                                   LmLevel         *level,
                                   guint            area,
                                   const LmMapView *view,
                                   const LmColor   *color,
                                   double           width)
{
  const LmMapGeometry *geo;
  int feature;
  Xform t;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (level != NULL);
  g_return_if_fail (view != NULL && view->metres_per_pixel > 0);
  g_return_if_fail (color != NULL);

  if (area >= level->n_areas)
    return;
  geo = get_geometry (self, level, FALSE);
  if (geo == NULL)
    return;
  feature = level->feature[area];
  if (feature < 0 || (guint) feature >= geo->n_features)
    return;

  t = xform_for (view, geo, 0, VECTOR_VERTEX_TOLERANCE);
  cairo_save (cr);
  cairo_new_path (cr);
  _lm_map_append_feature (cr, NULL, geo, &geo->features[feature], &t);
  _lm_map_set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
compute_mean_feature_size (LmShapeLayer *layer)
{
  guint n = lm_shape_layer_get_n_features (layer);
  double size_sum = 0;
  guint n_sized = 0;

  for (guint f = 0; f < n; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
      double w = feature->bounds.xmax - feature->bounds.xmin;
      double h = feature->bounds.ymax - feature->bounds.ymin;

      if (feature->n_parts == 0 || !(w >= 0) || !(h >= 0))
        continue;
      size_sum += sqrt (w * h);
      n_sized++;
    }
  return n_sized > 0 ? size_sum / n_sized : 0;
}

/* The mean size of a layer's features, worked out once per layer: a
 * layer never changes once read, and every render asks (a pass over
 * 32,844 features' bounds, 0.6 ms, in each recolour). Renders may run in
 * several threads: the first value stored stays, and is never freed
 * before the layer. */
static double
mean_feature_size (LmShapeLayer *layer)
{
  static GQuark quark;
  double *size;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("lm-map-renderer-mean-feature-size");
  size = g_object_get_qdata (G_OBJECT (layer), quark);
  if (size != NULL)
    return *size;
  size = g_new (double, 1);
  *size = compute_mean_feature_size (layer);
  if (!g_object_replace_qdata (G_OBJECT (layer), quark, NULL, size, g_free, NULL))
    {
      g_free (size);
      size = g_object_get_qdata (G_OBJECT (layer), quark);
    }
  return *size;
}

void
lm_map_renderer_prepare_geometry (LmMapRenderer *self,
                                  LmLevel       *level,
                                  LmLevel       *outline_level,
                                  LmLevel       *marked_level)
{
  g_return_if_fail (self != NULL);

  get_geometry (self, level, FALSE);
  if (outline_level != level)
    get_geometry (self, outline_level, TRUE);
  if (marked_level != level)
    get_geometry (self, marked_level, FALSE);
}

LmLevel *
lm_map_renderer_choose_outline_level (LmLevel         *level,
                                      const LmMapView *view)
{
  double own_size;

  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (view != NULL && view->metres_per_pixel > 0, NULL);

  own_size = level->shapes != NULL ? mean_feature_size (level->shapes) : 0;
  for (LmLevel *up = level->parent_level; up != NULL; up = up->parent_level)
    {
      double size;

      if (up->shapes != NULL)
        size = mean_feature_size (up->shapes);
      else if (own_size > 0 && up->n_areas > 0)
        /* Not loaded yet: N areas tile the same land, so they are
         * about sqrt (n / N) times as large as our n. Saves reading
         * layers that turn out too dense to draw. */
        size = own_size * sqrt ((double) level->n_areas / up->n_areas);
      else
        continue;
      /* Below ~24 px the borders alone would grey the map out. */
      if (size / view->metres_per_pixel >= 24)
        return up;
    }
  return NULL;
}
