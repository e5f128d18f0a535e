/* lm-map-renderer-band.c — one band of a map picture: the fills (by
 * exact area coverage, with Cairo, or from an area index), the borders,
 * outlines, left-behind marks and the selection
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-map-renderer-private.h"

static inline void
append_dot (cairo_t          *cr,
            const LmMapGeoFeature *f,
            const Xform      *t)
{
  double cx = (f->xmin + f->xmax) / 2.0 * t->scale + t->tx;
  double cy = t->ty - (f->ymin + f->ymax) / 2.0 * t->scale;

  cairo_rectangle (cr, floor (cx), floor (cy), 1, 1);
}

/* The path of a feature into Cairo (@cr) or the rasteriser (@rast),
 * whichever is not NULL: the same points either way, consecutive ones
 * within the tolerance merged. */
void
_lm_map_append_feature (cairo_t               *cr,
                        LmRasterizer          *rast,
                        const LmMapGeometry   *geo,
                        const LmMapGeoFeature *f,
                        const Xform           *t)
{
  const double s = t->scale;
  const double tx = t->tx;
  const double ty = t->ty;

  for (guint r = f->first_ring; r < f->first_ring + f->n_rings; r++)
    {
      const double *p = geo->xy + 2 * (gsize) geo->ring_starts[r];
      const double *end = geo->xy + 2 * (gsize) geo->ring_starts[r + 1];
      double lx, ly;

      /* Fewer than three points enclose nothing. */
      if (end - p < 6)
        continue;
      lx = p[0] * s + tx;
      ly = ty - p[1] * s;
      if (rast != NULL)
        lm_rasterizer_move_to (rast, lx, ly);
      else
        cairo_move_to (cr, lx, ly);
      for (p += 2; p < end; p += 2)
        {
          double x = p[0] * s + tx;
          double y = ty - p[1] * s;

          if (fabs (x - lx) < t->tolerance
              && fabs (y - ly) < t->tolerance
              && p + 2 < end)
            continue;
          if (rast != NULL)
            lm_rasterizer_line_to (rast, x, y);
          else
            cairo_line_to (cr, x, y);
          lx = x;
          ly = y;
        }
      /* The rasteriser closes a subpath at the next move. */
      if (rast == NULL)
        cairo_close_path (cr);
    }
}

void
_lm_map_set_source (cairo_t       *cr,
                    const LmColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* A colour as Cairo stores it when it fills with it: premultiplied,
 * rounded to 16 bits, then cut to 8. */
guint32
_lm_map_color_to_pixel (const LmColor *color)
{
  double a = CLAMP (color->alpha, 0, 1);
  guint32 as = (guint32) (a * 65535.0 + 0.5);
  guint32 rs = (guint32) (CLAMP (color->red, 0, 1) * a * 65535.0 + 0.5);
  guint32 gs = (guint32) (CLAMP (color->green, 0, 1) * a * 65535.0 + 0.5);
  guint32 bs = (guint32) (CLAMP (color->blue, 0, 1) * a * 65535.0 + 0.5);

  return (as >> 8) << 24 | (rs >> 8) << 16 | (gs >> 8) << 8 | (bs >> 8);
}

static void
fill_slot (cairo_t     *cr,
           const Job   *job,
           guint        slot,
           const Xform *t,
           const Rect  *clip)
{
  const LmLevel *level = job->level;
  const LmMapGeometry *geo = job->geo;
  const LmColor *color;
  gboolean any_dots = FALSE;
  gboolean any_paths = FALSE;

  if (job->offsets[slot] == job->offsets[slot + 1])
    return;

  color = slot == 0 ? &job->style->no_data_color : &job->style->class_colors[slot - 1];
  if (color->alpha <= 0)
    return;

  /* One path per class: Cairo's per-fill overhead is paid n_classes
   * times, not once per area. Even-odd across areas is safe because
   * areas of a level do not overlap; within an area it opens holes. */
  cairo_new_path (cr);
  for (guint i = job->offsets[slot]; i < job->offsets[slot + 1]; i++)
    {
      const LmMapGeoFeature *f = &geo->features[level->feature[job->sorted[i]]];

      switch (classify_feature (f, t, clip, 1))
        {
        case FEATURE_PATH:
          _lm_map_append_feature (cr, NULL, geo, f, t);
          any_paths = TRUE;
          break;
        case FEATURE_DOT:
          any_dots = TRUE;
          break;
        case FEATURE_HIDDEN:
        default:
          break;
        }
    }
  _lm_map_set_source (cr, color);
  if (any_paths)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_fill (cr);
    }

  if (!any_dots)
    return;

  /* Specks get a pixel each, filled with the winding rule: two specks
   * in the same pixel must not cancel out as they would with even-odd. */
  cairo_new_path (cr);
  for (guint i = job->offsets[slot]; i < job->offsets[slot + 1]; i++)
    {
      const LmMapGeoFeature *f = &geo->features[level->feature[job->sorted[i]]];

      if (classify_feature (f, t, clip, 1) == FEATURE_DOT)
        append_dot (cr, f, t);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
}


/* fill_slot() for an image band with antialiasing, through the exact
 * area rasteriser instead of Cairo's: the same paths, the same colours
 * where a pixel is wholly inside, several times faster. */
static void
fill_slot_raster (LmRasterizer *rast,
                  guint8       *data,
                  int           stride,
                  const Job    *job,
                  guint         slot,
                  const Xform  *t,
                  const Rect   *clip)
{
  const LmLevel *level = job->level;
  const LmMapGeometry *geo = job->geo;
  const LmColor *color;
  gboolean any_dots = FALSE;
  guint32 pixel;

  if (job->offsets[slot] == job->offsets[slot + 1])
    return;
  color = slot == 0 ? &job->style->no_data_color : &job->style->class_colors[slot - 1];
  if (color->alpha <= 0)
    return;
  pixel = _lm_map_color_to_pixel (color);

  for (guint i = job->offsets[slot]; i < job->offsets[slot + 1]; i++)
    {
      const LmMapGeoFeature *f = &geo->features[level->feature[job->sorted[i]]];

      switch (classify_feature (f, t, clip, 1))
        {
        case FEATURE_PATH:
          _lm_map_append_feature (NULL, rast, geo, f, t);
          break;
        case FEATURE_DOT:
          any_dots = TRUE;
          break;
        case FEATURE_HIDDEN:
        default:
          break;
        }
    }
  lm_rasterizer_fill (rast, data, stride, pixel, LM_RASTER_FILL_EVEN_ODD);
  if (!any_dots)
    return;

  /* Specks as in fill_slot(): a pixel each, non-zero. */
  for (guint i = job->offsets[slot]; i < job->offsets[slot + 1]; i++)
    {
      const LmMapGeoFeature *f = &geo->features[level->feature[job->sorted[i]]];

      if (classify_feature (f, t, clip, 1) == FEATURE_DOT)
        lm_rasterizer_add_pixel (rast,
                                 (int) floor ((f->xmin + f->xmax) / 2.0 * t->scale + t->tx),
                                 (int) floor (t->ty - (f->ymin + f->ymax) / 2.0 * t->scale));
    }
  lm_rasterizer_fill (rast, data, stride, pixel, LM_RASTER_FILL_NONZERO);
}

/* Strokes every border of a layer once (see LmMapEdges). */
static void
stroke_edges (cairo_t        *cr,
              const LmMapGeometry *geo,
              const Xform    *t,
              const Rect     *clip,
              double          width,
              const LmColor  *color)
{
  const LmMapEdges *edges = geo->edges;
  const double s = t->scale;
  /* The chains are relative to their own corner. */
  const double tx = t->tx + edges->ox * s;
  const double ty = t->ty - edges->oy * s;
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint c = 0; c < edges->n_chains; c++)
    {
      const float *b = edges->bounds + 4 * (gsize) c;
      const float *p = edges->xy + 2 * (gsize) edges->chain_starts[c];
      const float *end = edges->xy + 2 * (gsize) edges->chain_starts[c + 1];
      double lx, ly;

      if (b[2] * s + tx < clip->x0 - width || b[0] * s + tx > clip->x1 + width
          || ty - b[1] * s < clip->y0 - width || ty - b[3] * s > clip->y1 + width)
        continue;
      lx = p[0] * s + tx;
      ly = ty - p[1] * s;
      cairo_move_to (cr, lx, ly);
      for (p += 2; p < end; p += 2)
        {
          double x = p[0] * s + tx;
          double y = ty - p[1] * s;

          if (fabs (x - lx) < t->tolerance
              && fabs (y - ly) < t->tolerance
              && p + 2 < end)
            continue;
          cairo_line_to (cr, x, y);
          lx = x;
          ly = y;
        }
      any = TRUE;
    }
  if (!any)
    return;
  _lm_map_set_source (cr, color);
  cairo_stroke (cr);
}

/* Strokes the areas of @level (with @geo) for which @mask is non-zero
 * (all if @mask is NULL) with one path. */
static void
stroke_areas (cairo_t        *cr,
              const Job      *job,
              LmLevel        *level,
              const LmMapGeometry *geo,
              const guint8   *mask,
              const Xform    *t,
              const Rect     *clip,
              double          width,
              const LmColor  *color)
{
  gboolean any = FALSE;

  if (geo == NULL || width <= 0 || color->alpha <= 0)
    return;

  cairo_set_line_width (cr, width);
  /* Round joins cost a fan of triangles at every vertex. Mitres are as
   * cheap as bevels and look round enough at these widths; the limit
   * turns the spikes of sharp corners into bevels. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_miter_limit (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (mask == NULL && geo->edges != NULL)
    {
      stroke_edges (cr, geo, t, clip, width, color);
      return;
    }

  cairo_new_path (cr);
  for (guint a = 0; a < level->n_areas; a++)
    {
      const LmMapGeoFeature *f;
      int feature = level->feature[a];

      if (feature < 0 || (guint) feature >= geo->n_features)
        continue;
      if (mask != NULL && !mask[a])
        continue;
      f = &geo->features[feature];
      if (classify_feature (f, t, clip, width) == FEATURE_HIDDEN)
        continue;
      /* Specks are stroked as their outline too, small as it is: a
       * marked or selected area must stay findable at any scale. */
      _lm_map_append_feature (cr, NULL, geo, f, t);
      any = TRUE;
    }
  if (!any)
    return;
  _lm_map_set_source (cr, color);
  cairo_stroke (cr);
}

/* The fills from an area index (see lm_map_renderer_render_index):
 * one look-up per pixel instead of rasterising every polygon again. */
static void
fill_from_index (const Job       *job,
                 cairo_surface_t *surface,
                 const guint8    *index,
                 int              index_stride)
{
  const guint32 *colors = job->area_pixels;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (index + (gsize) y * index_stride);
      guint32 *out = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 id = in[x] & 0xffffff;
          guint32 src, dst, a;

          if (id == 0)
            continue;
          src = colors[id - 1];
          a = src >> 24;
          dst = out[x];
          if (a == 255 || dst == 0)
            out[x] = src;
          else if (a > 0)
            {
              /* OVER, premultiplied, per channel */
              guint32 result = 0;

              for (int shift = 0; shift < 32; shift += 8)
                {
                  guint32 c = ((src >> shift) & 0xff) +
                              (((dst >> shift) & 0xff) * (255 - a) + 127) / 255;
                  result |= MIN (c, 255u) << shift;
                }
              out[x] = result;
            }
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* The fills of an image band through @rast, in the whole view's pixels
 * so that how the view is cut into bands changes nothing. */
static void
fill_raster (const Job    *job,
             cairo_t      *cr,
             LmRasterizer *rast,
             double        y_offset,
             const Rect   *clip)
{
  cairo_surface_t *target = cairo_get_target (cr);
  Xform t = xform_for (job->view, job->geo, 0, job->tolerance);
  Rect view_clip = { clip->x0, clip->y0 + y_offset, clip->x1, clip->y1 + y_offset };
  int rows = cairo_image_surface_get_height (target);
  guint8 *data;
  int stride;

  if (rows <= 0)
    return;
  cairo_surface_flush (target);
  data = cairo_image_surface_get_data (target);
  stride = cairo_image_surface_get_stride (target);
  lm_rasterizer_set_target (rast, cairo_image_surface_get_width (target), job->view->height,
                            (int) y_offset, rows);
  for (guint slot = 0; slot < job->n_slots; slot++)
    fill_slot_raster (rast, data, stride, job, slot, &t, &view_clip);
  cairo_surface_mark_dirty (target);
}

void
_lm_map_draw_band (const Job       *job,
                   cairo_t         *cr,
                   LmRasterizer    *rast,
                   double           y_offset,
                   const Rect      *clip,
                   cairo_surface_t *lines,
                   const guint8    *index,
                   int              index_stride)
{
  const LmMapStyle *style = job->style;
  Xform t;

  cairo_set_antialias (cr, style->antialias);

  if (style->background.alpha > 0 && !job->lines_only)
    {
      cairo_save (cr);
      cairo_rectangle (cr, clip->x0, clip->y0, clip->x1 - clip->x0, clip->y1 - clip->y0);
      _lm_map_set_source (cr, &style->background);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (job->geo == NULL)
    return;

  t = xform_for (job->view, job->geo, y_offset, job->tolerance);
  if (!job->lines_only && index != NULL && job->area_pixels != NULL)
    fill_from_index (job, cairo_get_target (cr), index, index_stride);
  else if (!job->lines_only && rast != NULL && style->antialias != CAIRO_ANTIALIAS_NONE &&
           !style->cairo_fills)
    fill_raster (job, cr, rast, y_offset, clip);
  else if (!job->lines_only)
    for (guint slot = 0; slot < job->n_slots; slot++)
      fill_slot (cr, job, slot, &t, clip);

  /* Lines (borders over thousands of edges, marks, the selection) look
   * the same with Cairo's 4x4 "fast" sampling as with the default's
   * much finer grid, at about half the cost, so they never use more. */
  if (style->antialias != CAIRO_ANTIALIAS_NONE)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  if (lines != NULL)
    {
      /* The borders and outlines, drawn earlier for this view: they do
       * not change with the colours, so a recolour only refills. */
      cairo_set_source_surface (cr, lines, 0, 0);
      cairo_paint (cr);
    }
  else
    {
      stroke_areas (cr, job, job->level, job->geo, NULL, &t, clip,
                    style->area_border_width, &style->area_border_color);

      if (job->outline_geo != NULL)
        {
          Xform ot = xform_for (job->view, job->outline_geo, y_offset, job->tolerance);

          stroke_areas (cr, job, style->outline_level, job->outline_geo, NULL, &ot, clip,
                        style->outline_width, &style->outline_color);
        }
    }
  if (job->lines_only)
    return;

  if (job->marked_geo != NULL)
    {
      Xform mt = xform_for (job->view, job->marked_geo, y_offset, job->tolerance);

      /* A white casing under a dark line: visible on every fill, light
       * or dark, and in greyscale print. */
      stroke_areas (cr, job, style->marked_level, job->marked_geo, style->marked_mask,
                    &mt, clip, style->marked_width + 2, &style->marked_casing);
      stroke_areas (cr, job, style->marked_level, job->marked_geo, style->marked_mask,
                    &mt, clip, style->marked_width, &style->marked_color);
    }

  if (style->selection_mask != NULL)
    {
      LmColor casing = { 1, 1, 1, 0.9 };

      stroke_areas (cr, job, job->level, job->geo, style->selection_mask, &t, clip,
                    style->selection_width + 2, &casing);
      stroke_areas (cr, job, job->level, job->geo, style->selection_mask, &t, clip,
                    style->selection_width, &style->selection_color);
    }
}

