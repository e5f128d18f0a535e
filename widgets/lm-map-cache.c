/* lm-map-cache.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is ever rendered inside the widget's snapshot(): the image is
 * wrapped in a GdkMemoryTexture without copying and only translated
 * and scaled there.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lm-classify.h"
#include "lm-map-cache.h"

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
/* Background jobs at once: a render and an area index. */
#define N_BACKGROUND_THREADS 2

/* ------------------------------------------------------------------ */
/* Background threads                                                   */
/* ------------------------------------------------------------------ */

/* The sharp render and the area index only replace what is on screen
 * with the same colours drawn better or found faster: they must never
 * take a core from a frame (the recolour's render and its band thread,
 * GTK's paint), which on two cores they did at the same priority. So
 * they run in threads of their own, lowered once below the main thread
 * (see lower_thread_priority): any other thread of the window that wakes
 * takes the core at once, and the jobs get what is left. (Not GLib's
 * shared pool: a lowered thread there would run others' tasks too.) */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} BackgroundWork;

/* Below the thread that made the pool (the main thread), whose policy
 * a new thread inherits: SCHED_IDLE under the normal policy; one step
 * below it under a real-time one (a process run with chrt), where
 * SCHED_IDLE would put the jobs below every other process too. */
static void
lower_thread_priority (void)
{
  struct sched_param param = { 0 };
  int policy;

  if (pthread_getschedparam (pthread_self (), &policy, &param) == 0 &&
      (policy == SCHED_FIFO || policy == SCHED_RR) &&
      param.sched_priority > sched_get_priority_min (policy))
    {
      param.sched_priority--;
      if (pthread_setschedparam (pthread_self (), policy, &param) == 0)
        return;
    }
  param.sched_priority = 0;
  if (pthread_setschedparam (pthread_self (), SCHED_IDLE, &param) == 0)
    return;
  /* Refused (a kernel without it): the nicest a thread can be. */
  if (setpriority (PRIO_PROCESS, (id_t) gettid (), 19) != 0)
    g_debug ("Background renders at normal priority: %s", g_strerror (errno));
}

static void
background_thread (gpointer data,
                   gpointer user_data)
{
  static GPrivate lowered = G_PRIVATE_INIT (NULL);
  BackgroundWork *work = data;

  if (g_private_get (&lowered) == NULL)
    {
      lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (TRUE));
    }
  work->func (work->task, g_task_get_source_object (work->task), g_task_get_task_data (work->task),
              g_task_get_cancellable (work->task));
  g_object_unref (work->task);
  g_free (work);
}

/* g_task_run_in_thread() at background priority; the task's callback
 * comes in its context as usual. Jobs are launched on the main thread
 * only. */
static void
run_in_background (GTask           *task,
                   GTaskThreadFunc  func)
{
  static GThreadPool *pool;
  static gboolean tried;
  BackgroundWork *work;

  if (!tried)
    {
      g_autoptr(GError) error = NULL;

      tried = TRUE;
      /* Exclusive: these threads serve no one else. */
      pool = g_thread_pool_new (background_thread, NULL, N_BACKGROUND_THREADS, TRUE, &error);
      if (pool == NULL)
        g_warning ("No threads of its own for the map's background renders: %s", error->message);
    }
  if (pool == NULL)
    {
      g_task_run_in_thread (task, func);
      return;
    }
  work = g_new (BackgroundWork, 1);
  work->task = g_object_ref (task);
  work->func = func;
  g_thread_pool_push (pool, work, NULL);
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
  LmMapRenderer   *renderer;    /* the cache's worker renderer, used by one job at a time */
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


struct _LmMapCache
{
  GObject              parent_instance;

  LmMapCacheStyleFunc  style_func;       /* NULL: stopped */
  gpointer             style_data;
  LmDataset           *dataset;          /* owned ref */
  LmLevel             *level;
  LmMapView            view;             /* the widget's, logical pixels */
  int                  scale_factor;
  gboolean             moving;

  LmMapRenderer       *renderer;         /* main thread */
  LmMapRenderer       *worker_renderer;  /* background jobs only */
  LmMapRenderer       *index_renderer;   /* index jobs only */
  GdkTexture          *texture;          /* wraps @surface without a copy */
  cairo_surface_t     *surface;
  cairo_surface_t     *spare;            /* the image shown before, to draw the next into */
  guint                n_reused_images;  /* colour renders drawn into it */
  LmMapView            texture_view;     /* device pixels */
  int                  texture_scale;
  gboolean             texture_sharp;
  guint                texture_seq;
  guint                render_seq;
  guint                content_serial;
  double               last_render_ms;
  cairo_surface_t     *lines_surface;    /* borders and outlines for render_now, or NULL */
  LinesKey             lines_key;
  cairo_surface_t     *index_surface;    /* area index of index_view, or NULL */
  LmMapView            index_view;
  LmMapView            index_wanted;     /* view of the last colour render without an index */
  cairo_surface_t     *marks_surface;    /* left-behind marks for render_now, or NULL */
  MarksKey             marks_key;        /* view and style they were drawn for */
  guint8              *marks_mask;       /* and the mask (marked_level->n_areas) */
  guint                marks_patched;    /* updates by patches since the last full draw */
  gboolean             index_job_running;
  gboolean             job_running;
  gboolean             job_pending;
  gboolean             job_pending_sharp;
  guint                sharp_timeout_id;
};

G_DEFINE_FINAL_TYPE (LmMapCache, lm_map_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether a render can be made: not stopped, a level with polygons and
 * a view with a size. */
static gboolean
can_render (LmMapCache *self)
{
  return self->style_func != NULL && self->level != NULL && self->level->shapes != NULL &&
         self->view.width > 0 && self->view.height > 0;
}

static void
fill_style (LmMapCache        *self,
            LmMapStyle        *style,
            const LmMapView   *view,
            int                scale_factor,
            cairo_antialias_t  antialias)
{
  lm_map_style_init (style);
  self->style_func (style, view, scale_factor, antialias, self->style_data);
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

GdkTexture *
lm_map_cache_texture_new_for_surface (cairo_surface_t *surface)
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
set_texture (LmMapCache      *self,
             cairo_surface_t *surface,
             const LmMapView *texture_view,
             int              scale_factor,
             gboolean         sharp,
             guint            seq)
{
  if (surface == NULL || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return;
  g_clear_object (&self->texture);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
  self->spare = g_steal_pointer (&self->surface);
  self->texture = lm_map_cache_texture_new_for_surface (surface);
  self->surface = cairo_surface_reference (surface);
  self->texture_view = *texture_view;
  self->texture_scale = scale_factor;
  self->texture_sharp = sharp;
  self->texture_seq = seq;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether the cached image still serves the current view: it covers the
 * viewport and its scale is within MAX_SCALE_DRIFT. */
static gboolean
texture_covers_view (LmMapCache *self)
{
  const LmMapView *tv = &self->texture_view;
  double ratio, tx0, ty1, tx1, ty0;
  LmBounds vb;

  if (self->texture == NULL || self->view.width <= 0)
    return FALSE;
  if (self->texture_scale != self->scale_factor)
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
texture_is_final (LmMapCache *self)
{
  double ratio;

  if (!self->texture_sharp || !texture_covers_view (self))
    return FALSE;
  ratio = self->view.metres_per_pixel / (self->texture_view.metres_per_pixel * self->texture_scale);
  return fabs (ratio - 1) < 1e-9;
}

static void
clear_marks (LmMapCache *self)
{
  g_clear_pointer (&self->marks_surface, cairo_surface_destroy);
  g_clear_pointer (&self->marks_mask, g_free);
  memset (&self->marks_key, 0, sizeof self->marks_key);
  self->marks_patched = 0;
}

static void
clear_lines (LmMapCache *self)
{
  g_clear_pointer (&self->lines_surface, cairo_surface_destroy);
  memset (&self->lines_key, 0, sizeof self->lines_key);
}

/* Drops what colour renders keep between frames (see render_now), e.g.
 * for another level or dataset. */
static void
clear_render_caches (LmMapCache *self)
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
  LmMapRenderer   *renderer;    /* the cache's index renderer, one job at a time */
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

static void prepare_index (LmMapCache *self);

static void
index_job_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LmMapCache *self = LM_MAP_CACHE (source);
  IndexJob *job = g_task_get_task_data (G_TASK (result));

  self->index_job_running = FALSE;
  if (self->style_func == NULL || job->index == NULL || job->level != self->level)
    return;
  g_clear_pointer (&self->index_surface, cairo_surface_destroy);
  self->index_surface = g_steal_pointer (&job->index);
  self->index_view = job->view;
  /* The view may have moved on meanwhile and settled. */
  if (texture_is_final (self))
    prepare_index (self);
}

static void
launch_index_job (LmMapCache      *self,
                  const LmMapView *tv)
{
  g_autoptr(GTask) task = NULL;
  IndexJob *job;

  job = g_new0 (IndexJob, 1);
  job->dataset = g_object_ref (self->dataset);
  job->renderer = self->index_renderer;
  job->level = self->level;
  job->view = *tv;
  self->index_job_running = TRUE;
  task = g_task_new (self, NULL, index_job_done_cb, NULL);
  g_task_set_source_tag (task, launch_index_job);
  g_task_set_task_data (task, job, index_job_free);
  run_in_background (task, index_job_thread);
}

static gboolean
have_index (LmMapCache      *self,
            const LmMapView *tv)
{
  return self->index_surface != NULL && memcmp (tv, &self->index_view, sizeof *tv) == 0;
}

/* The area index of @tv if there is one: with it a recolour is a look-up
 * per pixel instead of filling every polygon again (~1 ms rather than
 * ~4 ms for wards, 1.3 ms rather than ~20 ms for LSOAs). It takes longer
 * to make than one render: it is made in the background once the view
 * is still (see prepare_index), or else from the second colour render
 * of a view on; until it is there, colour renders fill. */
static cairo_surface_t *
ensure_index (LmMapCache      *self,
              const LmMapView *tv)
{
  if (have_index (self, tv))
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
  launch_index_job (self, tv);
  return NULL;
}

/* The map is still (its sharp render starts, or is in): make the index
 * of what the next colour render draws, beside the sharp render, so that
 * the first recolour after a start, a pan or a zoom is a look-up rather
 * than a fill of every polygon on the main thread (for the LSOAs, most
 * of a recolour's time). */
static void
prepare_index (LmMapCache *self)
{
  LmMapView tv;

  if (!can_render (self) || self->index_job_running || self->moving)
    return;
  make_texture_view (&self->view, self->scale_factor, 0, &tv);
  if (!have_index (self, &tv))
    launch_index_job (self, &tv);
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
update_marks (LmMapCache       *self,
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
ensure_marks (LmMapCache       *self,
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
ensure_lines (LmMapCache       *self,
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

/* The image shown before the current one, cleared as a new one is, if
 * no one else holds it any more (the texture that wrapped it and the
 * frame that painted it have let it go) and it has @tv's size: with
 * every large block given back to the system when freed, a new image
 * would be mapped and its pages faulted in afresh at every recolour. */
static cairo_surface_t *
take_spare (LmMapCache      *self,
            const LmMapView *tv)
{
  cairo_surface_t *spare = self->spare;

  if (spare == NULL || cairo_surface_get_reference_count (spare) != 1 ||
      cairo_image_surface_get_width (spare) != tv->width ||
      cairo_image_surface_get_height (spare) != tv->height ||
      cairo_image_surface_get_format (spare) != CAIRO_FORMAT_ARGB32)
    return NULL;
  self->spare = NULL;
  cairo_surface_flush (spare);
  memset (cairo_image_surface_get_data (spare), 0,
          (gsize) cairo_image_surface_get_stride (spare) * (gsize) tv->height);
  cairo_surface_mark_dirty (spare);
  return spare;
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
render_now (LmMapCache *self)
{
  int scale_factor = self->scale_factor;
  LmMapView tv;
  LmMapStyle style;
  cairo_surface_t *surface;
  cairo_surface_t *marks = NULL;
  gint64 start;

  if (!can_render (self))
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
  surface = take_spare (self, &tv);
  if (surface != NULL)
    {
      lm_map_renderer_render_image (self->renderer, surface, self->level, &tv, &style);
      self->n_reused_images++;
    }
  else
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

cairo_surface_t *
lm_map_cache_render_reference (LmMapCache *self,
                               gboolean    use_index)
{
  LmMapView tv;
  LmMapStyle style;
  g_autoptr(LmMapRenderer) renderer = NULL;

  g_return_val_if_fail (LM_IS_MAP_CACHE (self), NULL);

  if (!can_render (self))
    return NULL;
  make_texture_view (&self->view, self->scale_factor, 0, &tv);
  fill_style (self, &style, &tv, self->scale_factor, CAIRO_ANTIALIAS_NONE);
  if (use_index && have_index (self, &tv))
    style.area_index = self->index_surface;
  style.n_threads = 1;
  renderer = lm_map_renderer_new ();
  return lm_map_renderer_render_new_image (renderer, self->level, &tv, &style);
}

gboolean
lm_map_cache_has_index (LmMapCache *self)
{
  LmMapView tv;

  g_return_val_if_fail (LM_IS_MAP_CACHE (self), FALSE);

  make_texture_view (&self->view, self->scale_factor, 0, &tv);
  return have_index (self, &tv);
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

static void launch_job (LmMapCache *self, gboolean sharp);

static void
schedule_sharp (LmMapCache *self);

static void
render_job_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LmMapCache *self = LM_MAP_CACHE (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  gboolean pending_sharp = self->job_pending_sharp;
  gboolean pending = self->job_pending;

  self->job_running = FALSE;
  self->job_pending = FALSE;
  self->job_pending_sharp = FALSE;
  if (self->style_func == NULL)
    return;

  /* Keep the result unless the colours changed since it was launched or
   * a newer image is already shown. */
  if (job->serial == self->content_serial && job->seq > self->texture_seq &&
      job->scale_factor == self->scale_factor)
    {
      self->last_render_ms = job->render_ms;
      set_texture (self, job->surface, &job->view, job->scale_factor, job->sharp, job->seq);
    }

  if (pending || !texture_covers_view (self))
    launch_job (self, pending_sharp);
  else if (!texture_is_final (self) && self->sharp_timeout_id == 0)
    schedule_sharp (self);
  else if (texture_is_final (self))
    prepare_index (self);
}

/* Renders the viewport plus margin in a worker thread; while one job
 * runs, later requests collapse into one that starts when it finishes. */
static void
launch_job (LmMapCache *self,
            gboolean      sharp)
{
  int scale_factor = self->scale_factor;
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (!can_render (self))
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
      job->classes = g_memdup2 (job->style.classes, self->level->n_areas);
      job->style.classes = job->classes;
      memcpy (job->colors, job->style.class_colors, sizeof (LmColor) * job->style.n_classes);
      job->style.class_colors = job->colors;
    }
  if (job->style.selection_mask != NULL)
    {
      job->selection_mask = g_memdup2 (job->style.selection_mask, self->level->n_areas);
      job->style.selection_mask = job->selection_mask;
    }
  if (job->style.marked_mask != NULL)
    {
      job->marked_mask = g_memdup2 (job->style.marked_mask, job->style.marked_level->n_areas);
      job->style.marked_mask = job->marked_mask;
    }

  self->job_running = TRUE;
  task = g_task_new (self, NULL, render_job_done_cb, NULL);
  g_task_set_source_tag (task, launch_job);
  g_task_set_task_data (task, job, render_job_free);
  run_in_background (task, render_job_thread);
}

static void
sharp_timeout_cb (gpointer data)
{
  LmMapCache *self = data;

  self->sharp_timeout_id = 0;
  if (self->moving)
    {
      schedule_sharp (self);
      return;
    }
  if (!texture_is_final (self))
    launch_job (self, TRUE);
  /* The view is still: its index too, on the other core */
  prepare_index (self);
}

static void
schedule_sharp (LmMapCache *self)
{
  g_clear_handle_id (&self->sharp_timeout_id, g_source_remove);
  self->sharp_timeout_id = g_timeout_add_once (SHARP_DELAY_MS, sharp_timeout_cb, self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
lm_map_cache_dispose (GObject *object)
{
  LmMapCache *self = LM_MAP_CACHE (object);

  self->style_func = NULL;
  g_clear_handle_id (&self->sharp_timeout_id, g_source_remove);
  lm_map_cache_drop_image (self);
  clear_render_caches (self);
  g_clear_object (&self->dataset);
  self->level = NULL;

  G_OBJECT_CLASS (lm_map_cache_parent_class)->dispose (object);
}

static void
lm_map_cache_finalize (GObject *object)
{
  LmMapCache *self = LM_MAP_CACHE (object);

  /* Jobs hold a reference on the cache, so none runs now. */
  g_clear_pointer (&self->renderer, lm_map_renderer_free);
  g_clear_pointer (&self->worker_renderer, lm_map_renderer_free);
  g_clear_pointer (&self->index_renderer, lm_map_renderer_free);

  G_OBJECT_CLASS (lm_map_cache_parent_class)->finalize (object);
}

static void
lm_map_cache_class_init (LmMapCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lm_map_cache_dispose;
  object_class->finalize = lm_map_cache_finalize;

  /**
   * LmMapCache::changed:
   *
   * There is a new image to draw.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lm_map_cache_init (LmMapCache *self)
{
  self->scale_factor = 1;
  self->renderer = lm_map_renderer_new ();
  self->worker_renderer = lm_map_renderer_new ();
  self->index_renderer = lm_map_renderer_new ();
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

LmMapCache *
lm_map_cache_new (void)
{
  return g_object_new (LM_TYPE_MAP_CACHE, NULL);
}

void
lm_map_cache_set_style_func (LmMapCache          *self,
                             LmMapCacheStyleFunc  func,
                             gpointer             user_data)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));

  self->style_func = func;
  self->style_data = user_data;
  if (func == NULL)
    g_clear_handle_id (&self->sharp_timeout_id, g_source_remove);
}

void
lm_map_cache_set_level (LmMapCache *self,
                        LmDataset  *dataset,
                        LmLevel    *level)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));
  g_return_if_fail (dataset == NULL || LM_IS_DATASET (dataset));

  clear_render_caches (self);
  g_set_object (&self->dataset, dataset);
  self->level = dataset != NULL ? level : NULL;
}

void
lm_map_cache_drop_image (LmMapCache *self)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
}

void
lm_map_cache_clear (LmMapCache *self)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));

  lm_map_cache_drop_image (self);
  clear_render_caches (self);
  lm_map_renderer_clear_cache (self->renderer);
  /* The worker's cache keeps references to the old layers until the
   * next job; it holds per-layer entries, so it only costs memory. */
}

void
lm_map_cache_set_view (LmMapCache      *self,
                       const LmMapView *view,
                       int              scale_factor)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));
  g_return_if_fail (view != NULL);

  self->view = *view;
  self->scale_factor = MAX (scale_factor, 1);
  if (self->texture == NULL)
    return;
  if (!texture_covers_view (self))
    launch_job (self, FALSE);
  schedule_sharp (self);
}

void
lm_map_cache_set_moving (LmMapCache *self,
                         gboolean    moving)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));

  moving = !!moving;
  if (self->moving == moving)
    return;
  self->moving = moving;
  /* The sharp render comes a moment after the movement ends. */
  if (!moving && self->texture != NULL)
    schedule_sharp (self);
}

void
lm_map_cache_content_changed (LmMapCache *self)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));
  self->content_serial++;
}

void
lm_map_cache_render_now (LmMapCache *self)
{
  g_return_if_fail (LM_IS_MAP_CACHE (self));

  render_now (self);
  if (self->style_func != NULL)
    schedule_sharp (self);
}

gboolean
lm_map_cache_get_image (LmMapCache       *self,
                        GdkTexture      **texture,
                        cairo_surface_t **surface,
                        LmMapView        *view,
                        int              *scale_factor)
{
  g_return_val_if_fail (LM_IS_MAP_CACHE (self), FALSE);

  if (self->texture == NULL)
    return FALSE;
  if (texture != NULL)
    *texture = self->texture;
  if (surface != NULL)
    *surface = self->surface;
  if (view != NULL)
    *view = self->texture_view;
  if (scale_factor != NULL)
    *scale_factor = self->texture_scale;
  return TRUE;
}

LmMapRenderer *
lm_map_cache_get_renderer (LmMapCache *self)
{
  g_return_val_if_fail (LM_IS_MAP_CACHE (self), NULL);
  return self->renderer;
}

guint
lm_map_cache_get_n_reused_images (LmMapCache *self)
{
  g_return_val_if_fail (LM_IS_MAP_CACHE (self), 0);
  return self->n_reused_images;
}

double
lm_map_cache_get_last_render_ms (LmMapCache *self)
{
  g_return_val_if_fail (LM_IS_MAP_CACHE (self), 0);
  return self->last_render_ms;
}
