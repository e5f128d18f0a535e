/* lm-map-renderer.h — draws a level's polygons with Cairo (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-level.h"
#include "lm-map-view.h"
#include "lm-palette.h"
#include "lm-shape-layer.h"

G_BEGIN_DECLS

/* Everything a map draw needs besides the geometry. Start from
 * lm_map_style_init() and change fields. All pointers are borrowed for
 * the duration of one draw call. Widths are in device pixels. */
typedef struct
{
  /* Fills: @classes has level->n_areas entries (class index, or -1 for
   * no data, e.g. from lm_classification_assign()); NULL paints every
   * area in @no_data_color. */
  const gint8       *classes;
  const LmColor     *class_colors;    /* n_classes entries */
  guint              n_classes;
  LmColor            no_data_color;   /* default lm_palette_get_no_data_color() */
  LmColor            background;      /* painted first unless alpha is 0; default transparent */

  /* Thin borders between the areas of the level itself; 0 = none (the
   * default: at national scale they would grey everything out). */
  double             area_border_width;
  LmColor            area_border_color;

  /* Outlines of a coarser level over the fills (districts over wards,
   * regions over districts); NULL for none. See
   * lm_map_renderer_choose_outline_level(). */
  LmLevel           *outline_level;
  LmColor            outline_color;
  double             outline_width;

  /* Left-behind areas: a mask of marked_level->n_areas bytes (non-zero =
   * marked). They get a dark outline over a white casing, which stays
   * visible on light and dark fills and in greyscale print. */
  LmLevel           *marked_level;
  const guint8      *marked_mask;
  LmColor            marked_color;     /* default near-black */
  LmColor            marked_casing;    /* default white */
  double             marked_width;

  /* The selection: a mask of level->n_areas bytes, e.g. from
   * lm_selection_get_mask(); NULL for none. */
  const guint8      *selection_mask;
  LmColor            selection_color;
  double             selection_width;

  /* Antialiasing of the fills: NONE for the fastest (and the picture an
   * area index reproduces); any other value fills images by exact area
   * coverage (LmRasterizer), which is both sharper and faster than
   * Cairo's own. Default FAST. Lines (borders, outlines, marks, the
   * selection) use at most Cairo's FAST, which on lines looks the same
   * as finer sampling at half the cost. */
  cairo_antialias_t  antialias;
  /* TRUE fills images with Cairo's rasteriser at @antialias instead:
   * the reference the exact fills are tested against. */
  gboolean           cairo_fills;
  /* Bands rendered in parallel by lm_map_renderer_render_image(); 0 =
   * one per processor, at most 4. Ignored by lm_map_renderer_draw(). */
  guint              n_threads;

  /* The area borders and the coarser level's outlines, already drawn
   * for this very view by lm_map_renderer_render_lines() (an ARGB32
   * image of the view's size, transparent elsewhere): render_image()
   * paints it over the fills instead of stroking them again, so that a
   * recolour only refills. NULL (the default) strokes them. Ignored by
   * lm_map_renderer_draw(). */
  cairo_surface_t   *lines_image;

  /* An area index of this very view from lm_map_renderer_render_index():
   * render_image() then colours each pixel by the area it holds
   * instead of filling the polygons, the same picture as the fills with
   * CAIRO_ANTIALIAS_NONE in a fraction of the time. NULL (the default)
   * fills. Ignored by lm_map_renderer_draw(). */
  cairo_surface_t   *area_index;
} LmMapStyle;

void      lm_map_style_init         (LmMapStyle     *style);

typedef struct _LmMapRenderer LmMapRenderer;

/* A renderer caches, per shape layer, the geometry in the form it draws
 * fastest (float coordinates, per-feature bounding boxes), so it is
 * built once per layer and not per frame. Not thread-safe: one renderer
 * per widget or export. */
LmMapRenderer *lm_map_renderer_new   (void);
void      lm_map_renderer_free      (LmMapRenderer  *self);
/* Drops the cached geometry of every layer (e.g. after a dataset change);
 * it is rebuilt on the next draw. */
void      lm_map_renderer_clear_cache (LmMapRenderer *self);

/**
 * lm_map_renderer_render_image:
 * @self: a renderer
 * @image: an ARGB32 or RGB24 image surface of @view's size
 * @level: the level whose areas are filled (needs level->shapes)
 * @view: the view; its width and height must match @image
 * @style: colours, outlines, masks, antialiasing
 *
 * The fast path, for the window and PNG export: culls by bounding box,
 * draws areas smaller than half a pixel as single pixels, batches one
 * path per colour class, and renders horizontal bands of @image on
 * separate threads. The surface is not cleared unless
 * style->background is opaque-ish (alpha > 0).
 */
void      lm_map_renderer_render_image (LmMapRenderer    *self,
                                        cairo_surface_t  *image,
                                        LmLevel          *level,
                                        const LmMapView  *view,
                                        const LmMapStyle *style);
/**
 * lm_map_renderer_render_lines:
 * @self: a renderer
 * @image: a cleared (transparent) ARGB32 image surface of @view's size
 * @level: the level shown
 * @view: the view
 * @style: as for lm_map_renderer_render_image()
 *
 * Draws only what render_image() would stroke over the fills before the
 * left-behind marks: the area borders and the coarser level's outlines,
 * with the same antialiasing and bands. None of it depends on the
 * colours or the masks, so the result can be kept and passed as
 * style->lines_image to every render_image() of the same view.
 */
void      lm_map_renderer_render_lines (LmMapRenderer    *self,
                                        cairo_surface_t  *image,
                                        LmLevel          *level,
                                        const LmMapView  *view,
                                        const LmMapStyle *style);
/**
 * lm_map_renderer_render_index:
 * @self: a renderer
 * @level: the level whose areas are filled
 * @view: the view
 *
 * Rasterises the areas of @level at @view without antialiasing into an
 * ARGB32 image whose pixels hold, in their low 24 bits, 1 + the index of
 * the area covering them (0 for none). Slower than one render_image()
 * (a fill per area rather than per class), but any number of recolours
 * of the same view can then use it as style->area_index.
 *
 * Returns: (transfer full) (nullable): the index image, or NULL without
 * geometry
 */
cairo_surface_t *lm_map_renderer_render_index (LmMapRenderer   *self,
                                               LmLevel         *level,
                                               const LmMapView *view);
/* A render drawn piece by piece, rows at a time, possibly from several
 * threads at once: for pictures never whole in memory (see
 * lm_png_write_strips()). */
typedef struct _LmMapRenderJob LmMapRenderJob;

/**
 * lm_map_renderer_begin_rows:
 * @self: a renderer, which the job uses until freed: draw nothing else
 *   with it meanwhile
 * @level: as for lm_map_renderer_render_image()
 * @view: the whole picture's view
 * @style: as for lm_map_renderer_render_image(), without lines_image and
 *   area_index (ignored); copied
 *
 * Returns: (transfer full): a job for lm_map_render_job_draw_rows()
 */
LmMapRenderJob *lm_map_renderer_begin_rows  (LmMapRenderer    *self,
                                             LmLevel          *level,
                                             const LmMapView  *view,
                                             const LmMapStyle *style);
/* Draws the view's rows [@first_row, @first_row + the height of @rows)
 * into @rows, an image as wide as the view, exactly as render_image()
 * draws them into a whole image. Threads drawing at the same time use
 * different @slot numbers (below 4). */
void      lm_map_render_job_draw_rows (LmMapRenderJob  *job,
                                       cairo_surface_t *rows,
                                       int              first_row,
                                       guint            slot);
void      lm_map_render_job_free      (LmMapRenderJob  *job);

/* The same picture on any cairo context, in one thread: SVG and PDF stay
 * vector. The context's current transform maps the view's pixels to the
 * target (translate/scale it to place the map in a page). The map is
 * clipped to the view's rectangle. */
void      lm_map_renderer_draw      (LmMapRenderer    *self,
                                     cairo_t          *cr,
                                     LmLevel          *level,
                                     const LmMapView  *view,
                                     const LmMapStyle *style);
/* A new ARGB32 surface of the view's size holding the map (for the
 * clipboard and the widget's cache); free with cairo_surface_destroy(). */
cairo_surface_t *lm_map_renderer_render_new_image (LmMapRenderer    *self,
                                                   LmLevel          *level,
                                                   const LmMapView  *view,
                                                   const LmMapStyle *style);
/* Outlines one area (hover, a single highlighted area): a cheap overlay
 * for every frame. @width in device pixels. */
void      lm_map_renderer_draw_area_outline (LmMapRenderer   *self,
                                             cairo_t         *cr,
                                             LmLevel         *level,
                                             guint            area,
                                             const LmMapView *view,
                                             const LmColor   *color,
                                             double           width);
/* The coarser level worth outlining over @level at @view: the nearest
 * ancestor whose areas are on average at least ~24 px across (so borders
 * do not turn the map grey), or NULL. Ancestors whose shapes are not
 * loaded yet are judged by their number of areas; load the returned
 * level's shapes (lm_dataset_ensure_shapes) before drawing with it. */
LmLevel  *lm_map_renderer_choose_outline_level (LmLevel         *level,
                                                const LmMapView *view);
/* Builds and keeps the renderer's own form of the polygons of @level and
 * @marked_level, and of @outline_level with its shared borders: the
 * first render needs them. Loaded shapes only (a level without is
 * skipped). Call it on any one thread while nothing else uses @self, for
 * example while the text of a figure is laid out. */
void      lm_map_renderer_prepare_geometry   (LmMapRenderer   *self,
                                              LmLevel         *level,
                                              LmLevel         *outline_level,
                                              LmLevel         *marked_level);
/* Milliseconds spent in the last render_image/draw call (for --bench). */
double    lm_map_renderer_get_last_render_ms (LmMapRenderer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmMapRenderer, lm_map_renderer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmMapRenderJob, lm_map_render_job_free)

G_END_DECLS
