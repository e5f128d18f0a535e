/* lm-legend-renderer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-legend-renderer.h"
#include "lm-text.h"

/* Rows: up to 10 classes, "No data", "Left behind". */
#define MAX_ROWS (LM_CLASSIFY_MAX_CLASSES + 2)

/* The texts laid out, one slot each (see make_layout) */
enum
{
  SLOT_TITLE,
  SLOT_SUBTITLE,
  SLOT_HEADING,
  SLOT_BODY,
  SLOT_NOTE,
  SLOT_LABELS,
  SLOT_COUNTS = SLOT_LABELS + MAX_ROWS,
  N_SLOTS = SLOT_COUNTS + MAX_ROWS
};

typedef struct
{
  int    id;       /* class index or LM_LEGEND_HIT_* */
  double y;
  double height;
} Row;

struct _LmLegendRenderer
{
  /* Content */
  const LmVariable *variable;    /* borrowed until the next set_classes */
  LmClassification  classes;
  LmColor           colors[LM_CLASSIFY_MAX_CLASSES];
  LmColor           no_data_color;
  gboolean          has_classes;
  char             *title;
  char             *subtitle;
  gboolean          show_left_behind;
  char             *left_behind_label;
  guint             left_behind_count;
  char             *custom_weights;  /* the changed domains, or NULL */

  /* Look */
  char             *family;
  double            font_size;
  LmColor           foreground;
  gboolean          show_counts;
  double            max_width;
  double            min_width;
  double            title_inset;

  /* The texts as last laid out, kept while neither they nor the
   * context's font settings change: a legend on screen is measured
   * once per change and then drawn, and laying every string out twice
   * cost as much as the rest of the legend. */
  PangoContext     *context;
  cairo_font_options_t *context_options; /* the font settings it follows */
  cairo_matrix_t    context_matrix;  /* and the transformation, no offset */
  guint             content_serial;  /* bumped by every change of what is laid out */
  guint             laid_out_serial; /* @content_serial when laid out */
  PangoLayout      *layouts[N_SLOTS];

  /* Layout of the last measure or draw, relative to the origin */
  double            width;
  double            height;
  double            title_height;
  Row               rows[MAX_ROWS];
  guint             n_rows;
};

LmLegendRenderer *
lm_legend_renderer_new (void)
{
  LmLegendRenderer *self = g_new0 (LmLegendRenderer, 1);
  LmColor fg = { 0.1, 0.1, 0.1, 1 };

  self->family = g_strdup ("Sans");
  self->font_size = 13;
  self->foreground = fg;
  self->show_counts = TRUE;
  self->no_data_color = lm_palette_get_no_data_color ();
  return self;
}

static void
clear_layouts (LmLegendRenderer *self)
{
  for (guint i = 0; i < N_SLOTS; i++)
    g_clear_object (&self->layouts[i]);
}

void
lm_legend_renderer_free (LmLegendRenderer *self)
{
  if (self == NULL)
    return;
  clear_layouts (self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->context_options, cairo_font_options_destroy);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->left_behind_label);
  g_free (self->custom_weights);
  g_free (self->family);
  g_free (self);
}

void
lm_legend_renderer_set_classes (LmLegendRenderer       *self,
                                const LmVariable       *variable,
                                const LmClassification *classes,
                                const LmColor          *colors,
                                const LmColor          *no_data_color)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  self->variable = variable;
  self->has_classes = classes != NULL && classes->n_classes > 0 && colors != NULL;
  if (classes != NULL)
    self->classes = *classes;
  else
    memset (&self->classes, 0, sizeof self->classes);
  self->classes.n_classes = MIN (self->classes.n_classes, LM_CLASSIFY_MAX_CLASSES);
  if (self->has_classes)
    memcpy (self->colors, colors, sizeof (LmColor) * self->classes.n_classes);
  if (no_data_color != NULL)
    self->no_data_color = *no_data_color;
}

void
lm_legend_renderer_set_title (LmLegendRenderer *self,
                              const char       *title,
                              const char       *subtitle)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

void
lm_legend_renderer_set_left_behind (LmLegendRenderer *self,
                                    gboolean          show,
                                    const char       *label,
                                    guint             count)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  self->show_left_behind = show;
  g_free (self->left_behind_label);
  self->left_behind_label = g_strdup (label);
  self->left_behind_count = count;
}

void
lm_legend_renderer_set_custom_weights (LmLegendRenderer *self,
                                       const char       *text)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  g_free (self->custom_weights);
  self->custom_weights = g_strdup (text);
}

void
lm_legend_renderer_set_font (LmLegendRenderer *self,
                             const char       *family,
                             double            size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (size > 0);

  self->content_serial++;
  g_free (self->family);
  self->family = g_strdup (family != NULL ? family : "Sans");
  self->font_size = size;
}

void
lm_legend_renderer_set_foreground (LmLegendRenderer *self,
                                   const LmColor    *color)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (color != NULL);

  self->foreground = *color;
}

void
lm_legend_renderer_set_show_counts (LmLegendRenderer *self,
                                    gboolean          show)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  self->show_counts = show;
}

void
lm_legend_renderer_set_title_inset (LmLegendRenderer *self,
                                    double            inset)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  self->title_inset = MAX (inset, 0);
}

void
lm_legend_renderer_set_max_width (LmLegendRenderer *self,
                                  double            max_width)
{
  g_return_if_fail (self != NULL);

  self->content_serial++;
  self->max_width = MAX (max_width, 0);
}

void
lm_legend_renderer_set_min_width (LmLegendRenderer *self,
                                  double            min_width)
{
  g_return_if_fail (self != NULL);

  min_width = MAX (min_width, 0);
  if (min_width == self->min_width)
    return;
  self->content_serial++;
  self->min_width = min_width;
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */
/* ------------------------------------------------------------------ */

static const char *
get_title (LmLegendRenderer *self)
{
  if (self->title != NULL)
    return self->title;
  if (self->variable != NULL)
    return self->variable->title;
  return _("Legend");
}

/* Classes are listed worst first, like a league table: the darkest
 * swatch at the top. */
static guint
class_at_row (LmLegendRenderer *self,
              guint             i)
{
  guint n = self->classes.n_classes;
  gboolean higher_is_worse = self->variable == NULL
                             || lm_variable_higher_is_worse (self->variable);

  return higher_is_worse ? n - 1 - i : i;
}

static char *
format_value (LmLegendRenderer *self,
              double            value)
{
  if (self->variable != NULL)
    return lm_variable_format_value (self->variable, value);
  return g_strdup_printf ("%g", value);
}

static char *
format_bounds (LmLegendRenderer *self,
               guint             k)
{
  double low = self->classes.lower[k];
  double high = self->classes.upper[k];
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  if (self->classes.method == LM_CLASSIFY_LIKELIHOOD)
    return g_strdup (lm_classify_likelihood_get_label (k));

  /* Every class but the first is open below (lower < v <= upper). For
   * whole numbers say so plainly: ranks "65 – 127", not "64 – 127",
   * which would seem to put rank 64 in two classes. */
  if (k > 0 && self->variable != NULL
      && (self->variable->unit == LM_UNIT_RANK
          || self->variable->unit == LM_UNIT_DECILE
          || self->variable->unit == LM_UNIT_COUNT
          || self->variable->unit == LM_UNIT_CHANGE)
      && low == floor (low) && low + 1 <= high)
    low += 1;
  if (self->variable != NULL && self->variable->unit == LM_UNIT_CHANGE && low == 0 && high == 0)
    /* TRANSLATORS: the middle class of a rank-change legend */
    return g_strdup (_("0 (no change)"));
  lower = format_value (self, low);
  upper = format_value (self, high);

  if (g_strcmp0 (lower, upper) == 0)
    return g_steal_pointer (&lower);
  /* TRANSLATORS: a class of values in a map legend, "12.3 – 20.1" */
  return g_strdup_printf (_("%s – %s"), lower, upper);
}

static char *
format_count (guint count)
{
  /* Thousands separators per the locale: "32,844" reads at a glance. */
  return g_strdup_printf ("%'u", count);
}

/* Follows @cr's font settings and transformation, as
 * pango_cairo_create_layout() would: the kept layouts go when they
 * change, or when the content did. (pango_cairo_update_context() on a
 * context that did not change would still make every layout of it lay
 * itself out again.) */
static void
update_context (LmLegendRenderer *self,
                cairo_t          *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_t *own = cairo_font_options_create ();
  cairo_matrix_t matrix;

  /* What Pango merges: the target's settings, the context's over them */
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_font_options (cr, own);
  cairo_font_options_merge (options, own);
  cairo_font_options_destroy (own);
  cairo_get_matrix (cr, &matrix);
  matrix.x0 = matrix.y0 = 0;
  /* Pango's default font map is the thread's. */
  if (self->context == NULL ||
      pango_context_get_font_map (self->context) != pango_cairo_font_map_get_default () ||
      !cairo_font_options_equal (options, self->context_options) ||
      memcmp (&matrix, &self->context_matrix, sizeof matrix) != 0)
    {
      clear_layouts (self);
      g_clear_object (&self->context);
      self->context = pango_cairo_create_context (cr);
      g_clear_pointer (&self->context_options, cairo_font_options_destroy);
      self->context_options = g_steal_pointer (&options);
      self->context_matrix = matrix;
    }
  g_clear_pointer (&options, cairo_font_options_destroy);
  if (self->laid_out_serial != self->content_serial)
    {
      clear_layouts (self);
      self->laid_out_serial = self->content_serial;
    }
}

/* The scales and weights that run_layout()'s title, subtitle and class
 * rows pass to make_layout(): kept beside it. */
const LmTextFace *
lm_legend_renderer_get_faces (guint *n_faces)
{
  static const LmTextFace faces[] = {
    { 1.15, PANGO_WEIGHT_BOLD }, { 0.9, PANGO_WEIGHT_NORMAL }, { 1.0, PANGO_WEIGHT_NORMAL },
  };

  *n_faces = G_N_ELEMENTS (faces);
  return faces;
}

/* The layout of @text in @slot: the one kept from the last measure or
 * draw if nothing changed since (see update_context), else a new one,
 * kept. A slot always holds the same text for the same content. */
static PangoLayout *
make_layout (LmLegendRenderer *self,
             guint             slot,
             const char       *text,
             double            scale,
             gboolean          bold)
{
  if (self->layouts[slot] == NULL)
    {
      self->layouts[slot] = pango_layout_new (self->context);
      lm_text_layout_setup (self->layouts[slot], self->family, self->font_size * scale,
                            bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
    }
  return g_object_ref (self->layouts[slot]);
}

/* ------------------------------------------------------------------ */
/* Layout and drawing: one function, so measure and draw agree          */
/* ------------------------------------------------------------------ */

typedef struct
{
  int         id;
  char       *label;
  char       *count;
  LmColor     color;
  gboolean    marked;   /* drawn as the left-behind outline */
} RowContent;

static guint
collect_rows (LmLegendRenderer *self,
              RowContent       *rows)
{
  guint n = 0;

  if (self->has_classes)
    for (guint i = 0; i < self->classes.n_classes; i++)
      {
        guint k = class_at_row (self, i);

        rows[n].id = k;
        rows[n].label = format_bounds (self, k);
        rows[n].count = format_count (self->classes.count[k]);
        rows[n].color = self->colors[k];
        rows[n].marked = FALSE;
        n++;
      }
  if (self->has_classes && self->classes.n_missing > 0)
    {
      rows[n].id = LM_LEGEND_HIT_NO_DATA;
      rows[n].label = g_strdup (_("No data"));
      rows[n].count = format_count (self->classes.n_missing);
      rows[n].color = self->no_data_color;
      rows[n].marked = FALSE;
      n++;
    }
  if (self->show_left_behind)
    {
      LmColor white = { 1, 1, 1, 0 };

      rows[n].id = LM_LEGEND_HIT_LEFT_BEHIND;
      rows[n].label = g_strdup (self->left_behind_label != NULL
                                ? self->left_behind_label : _("Left behind"));
      rows[n].count = format_count (self->left_behind_count);
      rows[n].color = white;
      rows[n].marked = TRUE;
      n++;
    }
  return n;
}

static void
free_rows (RowContent *rows,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (rows[i].label);
      g_free (rows[i].count);
    }
}

static void
set_source (cairo_t       *cr,
            const LmColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Lays the legend out with @cr's font settings; draws too when @draw. */
/* Wraps @layout at @wrap pixels and gives the size of the text laid out:
 * with a width set, the layout's own size would be that width. */
static void
wrap_layout (PangoLayout *layout,
             double       wrap,
             double      *out_width,
             double      *out_height)
{
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (wrap * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_get_extents (layout, NULL, &logical);
  *out_width = (double) (logical.x + logical.width) / PANGO_SCALE;
  *out_height = (double) logical.height / PANGO_SCALE;
}

static void
draw_swatch (LmLegendRenderer *self,
             cairo_t          *cr,
             const RowContent *row,
             double            x,
             double            y,
             double            w,
             double            h)
{
  if (row->marked)
    {
      LmColor casing = { 1, 1, 1, 1 };
      LmColor dark = { 0.05, 0.05, 0.05, 1 };

      /* The same dark-on-white outline the map uses. */
      cairo_rectangle (cr, x + 2, y + 2, w - 4, h - 4);
      set_source (cr, &casing);
      cairo_set_line_width (cr, 3.4);
      cairo_stroke_preserve (cr);
      set_source (cr, &dark);
      cairo_set_line_width (cr, 1.4);
      cairo_stroke (cr);
    }
  else
    {
      LmColor edge = self->foreground;

      edge.alpha *= 0.35;
      cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
      set_source (cr, &row->color);
      cairo_fill_preserve (cr);
      set_source (cr, &edge);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

/* Custom weights are never silent: a note under the rows, in the
 * legend's own box, wherever the legend goes. Returns the new @y. */
static double
layout_custom_weights (LmLegendRenderer *self,
                       cairo_t          *cr,
                       double            x0,
                       double            y0,
                       double            y,
                       double           *width,
                       gboolean          draw)
{
  LmColor accent = { 0.72, 0.28, 0.0, 1 };
  double size = self->font_size;
  double bar = MAX (2, round (size * 0.22));
  double indent = bar + round (size * 0.5);
  double wrap = MAX (*width, size * 12) - indent;
  double heading_w, heading_h, body_w, body_h;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) body = NULL;

  if (self->custom_weights == NULL)
    return y;
  heading = make_layout (self, SLOT_HEADING, _("Custom weights"), 1.0, TRUE);
  body = make_layout (self, SLOT_BODY, self->custom_weights, 0.9, FALSE);
  wrap_layout (heading, wrap, &heading_w, &heading_h);
  wrap_layout (body, wrap, &body_w, &body_h);
  y += round (size * 0.3);
  if (draw)
    {
      set_source (cr, &accent);
      cairo_rectangle (cr, x0, y0 + y, bar, heading_h + body_h);
      cairo_fill (cr);
      cairo_move_to (cr, x0 + indent, y0 + y);
      pango_cairo_show_layout (cr, heading);
      set_source (cr, &self->foreground);
      cairo_move_to (cr, x0 + indent, y0 + y + heading_h);
      pango_cairo_show_layout (cr, body);
    }
  *width = MAX (*width, indent + MAX (heading_w, body_w));
  return y + heading_h + body_h + round (size * 0.3);
}

/* Which way is which on a map of rank changes: a legend of signed
 * numbers alone does not say that a positive change is a move towards
 * rank 1, the most deprived. NULL for other variables. */
static PangoLayout *
make_note (LmLegendRenderer *self,
           double            wrap,
           double           *out_height)
{
  PangoLayout *note;
  double w;

  *out_height = 0;
  if (self->variable == NULL || self->variable->unit != LM_UNIT_CHANGE)
    return NULL;
  note = make_layout (self, SLOT_NOTE,
                      /* TRANSLATORS: the foot of a rank-change legend */
                      _("Above 0: ranked more deprived than with the official weights; "
                        "below 0: ranked less deprived"),
                      0.85, FALSE);
  wrap_layout (note, wrap, &w, out_height);
  return note;
}

static void
run_layout (LmLegendRenderer *self,
            cairo_t          *cr,
            double            x0,
            double            y0,
            gboolean          draw)
{
  RowContent rows[MAX_ROWS];
  guint n_rows = collect_rows (self, rows);
  double size = self->font_size;
  double swatch_w = round (size * 1.8);
  double swatch_h = round (size * 1.15);
  double gap = round (size * 0.6);
  double row_gap = round (size * 0.3);
  double label_w = 0, count_w = 0, title_w = 0, title_h = 0, sub_w = 0, sub_h = 0;
  double width, y;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  PangoLayout *labels[MAX_ROWS] = { NULL };
  PangoLayout *counts[MAX_ROWS] = { NULL };
  double row_h[MAX_ROWS];
  LmColor muted = self->foreground;

  muted.alpha *= 0.75;

  update_context (self, cr);
  title = make_layout (self, SLOT_TITLE, get_title (self), 1.15, TRUE);
  if (self->subtitle != NULL && *self->subtitle)
    subtitle = make_layout (self, SLOT_SUBTITLE, self->subtitle, 0.9, FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      double w, h;

      labels[i] = make_layout (self, SLOT_LABELS + i, rows[i].label, 1.0, FALSE);
      lm_text_layout_get_size (labels[i], &w, &h);
      label_w = MAX (label_w, w);
      row_h[i] = MAX (h, swatch_h);
      if (self->show_counts)
        {
          counts[i] = make_layout (self, SLOT_COUNTS + i, rows[i].count, 1.0, FALSE);
          lm_text_layout_get_size (counts[i], &w, &h);
          count_w = MAX (count_w, w);
        }
    }

  width = swatch_w + gap + label_w + (self->show_counts ? 2 * gap + count_w : 0);
  /* Titles wrap to the rows' width (or the caller's limit) rather than
   * widen the legend over the map. */
  {
    double wrap = MAX (width, self->max_width > 0 ? MIN (self->max_width, size * 22) : size * 22);

    /* The title leaves its inset free (a button sits there on screen). */
    wrap_layout (title, MAX (wrap - self->title_inset, size * 4), &title_w, &title_h);
    title_w += self->title_inset;
    if (subtitle != NULL)
      wrap_layout (subtitle, wrap, &sub_w, &sub_h);
  }
  width = MAX (MAX (width, self->min_width), MAX (title_w, sub_w));

  if (draw)
    {
      set_source (cr, &self->foreground);
      cairo_move_to (cr, x0, y0);
      pango_cairo_show_layout (cr, title);
      if (subtitle != NULL)
        {
          set_source (cr, &muted);
          cairo_move_to (cr, x0, y0 + title_h);
          pango_cairo_show_layout (cr, subtitle);
        }
    }
  y = title_h + sub_h + round (size * 0.6);
  self->title_height = y;

  self->n_rows = n_rows;
  for (guint i = 0; i < n_rows; i++)
    {
      double h = row_h[i];
      double sy = y + (h - swatch_h) / 2;
      double lw, lh;

      self->rows[i].id = rows[i].id;
      self->rows[i].y = y - row_gap / 2;
      self->rows[i].height = h + row_gap;

      if (draw)
        {
          draw_swatch (self, cr, &rows[i], x0, y0 + sy, swatch_w, swatch_h);
          lm_text_layout_get_size (labels[i], &lw, &lh);
          set_source (cr, &self->foreground);
          cairo_move_to (cr, x0 + swatch_w + gap, y0 + y + (h - lh) / 2);
          pango_cairo_show_layout (cr, labels[i]);
          if (counts[i] != NULL)
            {
              double cw, ch;

              /* Counts right-aligned in their own column. */
              lm_text_layout_get_size (counts[i], &cw, &ch);
              set_source (cr, &muted);
              cairo_move_to (cr, x0 + width - cw, y0 + y + (h - ch) / 2);
              pango_cairo_show_layout (cr, counts[i]);
            }
        }
      y += h + row_gap;
    }

  y = layout_custom_weights (self, cr, x0, y0, y, &width, draw);
  {
    double note_h;
    g_autoptr(PangoLayout) note = make_note (self, width, &note_h);

    if (note != NULL)
      {
        if (draw)
          {
            set_source (cr, &muted);
            cairo_move_to (cr, x0, y0 + y + row_gap);
            pango_cairo_show_layout (cr, note);
          }
        y += row_gap + note_h + row_gap;
      }
  }

  self->width = ceil (width);
  self->height = ceil (y - row_gap);

  for (guint i = 0; i < n_rows; i++)
    {
      g_clear_object (&labels[i]);
      g_clear_object (&counts[i]);
    }
  free_rows (rows, n_rows);
}

void
lm_legend_renderer_measure (LmLegendRenderer *self,
                            cairo_t          *cr,
                            double           *out_width,
                            double           *out_height)
{
  g_return_if_fail (self != NULL);

  if (cr == NULL)
    {
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *scratch_cr = cairo_create (scratch);

      run_layout (self, scratch_cr, 0, 0, FALSE);
      cairo_destroy (scratch_cr);
      cairo_surface_destroy (scratch);
    }
  else
    run_layout (self, cr, 0, 0, FALSE);

  if (out_width)
    *out_width = self->width;
  if (out_height)
    *out_height = self->height;
}

void
lm_legend_renderer_draw (LmLegendRenderer *self,
                         cairo_t          *cr,
                         double            x,
                         double            y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  run_layout (self, cr, x, y, TRUE);
  cairo_restore (cr);
}

int
lm_legend_renderer_hit_test (LmLegendRenderer *self,
                             double            x,
                             double            y)
{
  g_return_val_if_fail (self != NULL, LM_LEGEND_HIT_NONE);

  if (x < 0 || x > self->width || y < 0 || y > self->height)
    return LM_LEGEND_HIT_NONE;
  if (self->n_rows == 0 || y < self->rows[0].y)
    return LM_LEGEND_HIT_TITLE;
  for (guint i = 0; i < self->n_rows; i++)
    if (y >= self->rows[i].y && y < self->rows[i].y + self->rows[i].height)
      return self->rows[i].id;
  return LM_LEGEND_HIT_NONE;
}

gboolean
lm_legend_renderer_get_row_rect (LmLegendRenderer *self,
                                 int               row,
                                 double           *out_x,
                                 double           *out_y,
                                 double           *out_width,
                                 double           *out_height)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_rows; i++)
    if (self->rows[i].id == row)
      {
        if (out_x)
          *out_x = 0;
        if (out_y)
          *out_y = self->rows[i].y;
        if (out_width)
          *out_width = self->width;
        if (out_height)
          *out_height = self->rows[i].height;
        return TRUE;
      }
  return FALSE;
}

char *
lm_legend_renderer_describe_row (LmLegendRenderer *self,
                                 int               row)
{
  RowContent rows[MAX_ROWS];
  guint n_rows;
  char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  n_rows = collect_rows (self, rows);
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].id == row)
      {
        guint count = row >= 0 ? self->classes.count[row]
                      : row == LM_LEGEND_HIT_NO_DATA ? self->classes.n_missing
                      : self->left_behind_count;

        /* TRANSLATORS: a legend row read out: "65 – 127: 63 areas" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s area", "%s: %s areas", count),
                                rows[i].label, rows[i].count);
        break;
      }
  free_rows (rows, n_rows);
  return text;
}
