/* lm-comparison-figure.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-comparison-figure.h"
#include "lm-export.h"
#include "lm-map-renderer.h"
#include "lm-text.h"

#define N_MOVE_CLASSES 7
/* Upper bounds of the move classes in places (whole numbers); the last
 * class takes the rest. */
static const double move_breaks[N_MOVE_CLASSES - 1] = { -51, -21, -6, 5, 20, 50 };

static const char * const move_labels[N_MOVE_CLASSES] = {
  /* Translators: classes of a map of rank moves between two vintages */
  N_("Less deprived by over 50 places"),
  N_("Less deprived by 21 to 50 places"),
  N_("Less deprived by 6 to 20 places"),
  N_("About the same (within 5 places)"),
  N_("More deprived by 6 to 20 places"),
  N_("More deprived by 21 to 50 places"),
  N_("More deprived by over 50 places"),
};

/* At most this many areas are named in each list under the chart. */
#define MAX_LISTED 12

typedef struct
{
  LmComparison     *comparison;
  LmModel          *model;
  LmLevel          *level;
  LmVariable       *before;     /* ranks */
  LmVariable       *after;
  LmVariable       *move;
  LmVariable       *entered;
  LmVariable       *left;
  LmClassification  classes;
  LmColor           colors[LM_CLASSIFY_MAX_CLASSES];
  gint8            *cells;
  double            base;
  LmColor           text;
  LmColor           muted;
} Figure;

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      wrap)
{
  return lm_text_layout_new (cr, NULL, size, bold, wrap, text);
}

/* Shows @text at (@x, @y) and returns its height. */
static double
show_text (cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         size,
           gboolean       bold,
           double         wrap,
           const LmColor *color)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, wrap);
  double height;

  lm_text_layout_get_size (layout, NULL, &height);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static double
text_height (cairo_t    *cr,
             const char *text,
             double      size,
             double      wrap)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, FALSE, wrap);
  double height;

  lm_text_layout_get_size (layout, NULL, &height);
  return height;
}

static void
set_color (cairo_t       *cr,
           const LmColor *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

void
lm_comparison_figure_classify_moves (const LmVariable *move,
                                     LmClassification *out_classes,
                                     LmColor          *out_colors)
{
  double lo = 0, hi = 0;

  g_return_if_fail (move != NULL && out_classes != NULL && out_colors != NULL);

  lm_variable_get_range (move, &lo, &hi);
  memset (out_classes, 0, sizeof *out_classes);
  out_classes->method = LM_CLASSIFY_EQUAL;
  out_classes->n_classes = N_MOVE_CLASSES;
  out_classes->lower[0] = isnan (lo) ? move_breaks[0] : MIN (lo, move_breaks[0]);
  for (guint k = 0; k < N_MOVE_CLASSES - 1; k++)
    out_classes->upper[k] = out_classes->lower[k + 1] = move_breaks[k];
  out_classes->upper[N_MOVE_CLASSES - 1] = isnan (hi) ? move_breaks[N_MOVE_CLASSES - 2] + 1
                                                      : MAX (hi, move_breaks[N_MOVE_CLASSES - 2] + 1);
  for (guint a = 0; a < move->level->n_areas; a++)
    {
      int k = lm_classification_find (out_classes, move->values[a]);

      if (k >= 0)
        out_classes->count[k]++;
      else
        out_classes->n_missing++;
    }
  /* The palette's own order ends at its strong red: the greatest rise
   * towards rank 1. */
  lm_palette_get_colors (lm_palette_lookup ("RdBu", NULL), N_MOVE_CLASSES, FALSE, out_colors);
}

/* ------------------------------------------------------------------ */
/* The parts                                                          */
/* ------------------------------------------------------------------ */

static void
draw_map (Figure  *figure,
          cairo_t *cr,
          double   x,
          double   y,
          double   w,
          double   h)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  LmBounds bounds = lm_shape_layer_get_bounds (figure->level->shapes);
  /* Grey, not white: "about the same" is nearly white itself. */
  LmColor border = { 0.62, 0.62, 0.62, 1 };
  LmMapStyle style;
  LmMapView view;

  lm_map_style_init (&style);
  style.classes = figure->cells;
  style.class_colors = figure->colors;
  style.n_classes = figure->classes.n_classes;
  style.area_border_width = MAX (0.5, figure->base / 20);
  style.area_border_color = border;
  style.antialias = CAIRO_ANTIALIAS_DEFAULT;
  lm_map_view_fit (&view, &bounds, (int) w, (int) h, 0);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  lm_map_renderer_draw (renderer, cr, figure->level, &view, &style);
  cairo_restore (cr);
}

/* The move classes as a key: swatch, words, count, on a veil of paper
 * where it lies over the map. */
static void
draw_key (Figure  *figure,
          cairo_t *cr,
          double   x,
          double   y)
{
  double f = figure->base * 0.85, row = f * 1.55, label_w = 0, title_h, pad = f * 0.5;
  g_autoptr(PangoLayout) title = text_layout (cr, figure->move->title, f * 1.05, TRUE, figure->base * 18);

  for (guint k = 0; k < N_MOVE_CLASSES; k++)
    {
      g_autoptr(PangoLayout) label = text_layout (cr, _(move_labels[k]), f, FALSE, 0);
      double w;

      lm_text_layout_get_size (label, &w, NULL);
      label_w = MAX (label_w, w);
    }
  lm_text_layout_get_size (title, NULL, &title_h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_rectangle (cr, x - pad, y - pad, f * 1.8 + label_w + f * 4.5 + 2 * pad,
                   title_h + f * 0.4 + N_MOVE_CLASSES * row + 2 * pad);
  cairo_fill (cr);
  y += show_text (cr, figure->move->title, x, y, f * 1.05, TRUE, figure->base * 18, &figure->text);
  y += f * 0.4;
  for (int k = N_MOVE_CLASSES - 1; k >= 0; k--)
    {
      g_autofree char *count = g_strdup_printf ("%'u", figure->classes.count[k]);

      set_color (cr, &figure->colors[k], 1);
      cairo_rectangle (cr, x, y + row * 0.15, f * 1.3, row * 0.7);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.6, 0.6, 0.6, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + row * 0.15 + 0.5, f * 1.3 - 1, row * 0.7 - 1);
      cairo_stroke (cr);
      show_text (cr, _(move_labels[k]), x + f * 1.8, y + row * 0.12, f, FALSE, 0, &figure->text);
      show_text (cr, count, x + f * 2.3 + label_w, y + row * 0.12, f, FALSE, 0, &figure->muted);
      y += row;
    }
}

static double
rank_y (double rank,
        guint  n,
        double top,
        double height)
{
  return top + (rank - 1) / MAX (n - 1, 1) * height;
}

/* Names beside the strong lines, nudged apart so none overlaps. */
static void
draw_names (Figure     *figure,
            cairo_t    *cr,
            GArray     *areas,
            gboolean    at_end,
            double      x,
            double      top,
            double      height,
            double      f)
{
  double last = -G_MAXDOUBLE, line = f * 1.25;

  for (guint i = 0; i < areas->len; i++)
    {
      guint a = g_array_index (areas, guint, i);
      double rank = (at_end ? figure->after : figure->before)->values[a];
      double y = MAX (rank_y (rank, figure->level->n_areas, top, height) - line / 2, last + line);
      g_autoptr(PangoLayout) layout = text_layout (cr, figure->level->names[a], f, FALSE, 0);
      double w;

      lm_text_layout_get_size (layout, &w, NULL);
      set_color (cr, &figure->text, 1);
      cairo_move_to (cr, at_end ? x : x - w, y);
      pango_cairo_show_layout (cr, layout);
      last = y;
    }
}

static int
compare_by_after (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const double *ranks = user_data;
  double x = ranks[*(const guint *) a], y = ranks[*(const guint *) b];

  return (x > y) - (x < y);
}

/* The areas whose @flag is set, by rank in @by. */
static GArray *
flagged_areas (Figure     *figure,
               LmVariable *flag,
               LmVariable *by)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint a = 0; flag != NULL && a < figure->level->n_areas; a++)
    if (flag->values[a] == 1)
      g_array_append_val (areas, a);
  g_array_sort_with_data (areas, compare_by_after, by->values);
  return areas;
}

static void
draw_slopes (Figure  *figure,
             cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  guint n = figure->level->n_areas;
  double f = figure->base * 0.8, name_w = figure->base * 9;
  double x0 = x + name_w, x1 = x + w - name_w, top = y + f * 3.2, height = h - f * 4.4;
  double decile_end = rank_y (n / 10.0 + 0.5, n, top, height);
  g_autoptr(GArray) entered = flagged_areas (figure, figure->entered, figure->after);
  g_autoptr(GArray) left = flagged_areas (figure, figure->left, figure->before);
  LmColor band = { 0.92, 0.92, 0.92, 1 };
  LmColor rose = { 0.70, 0.09, 0.17, 1 }, fell = { 0.13, 0.40, 0.67, 1 };

  /* The most deprived decile, where the story is. */
  set_color (cr, &band, 1);
  cairo_rectangle (cr, x0, top, x1 - x0, decile_end - top);
  cairo_fill (cr);
  show_text (cr, _("Most deprived decile"), (x0 + x1) / 2 - f * 4.5, top + f * 0.2, f * 0.85, FALSE, 0,
             &figure->muted);
  show_text (cr, lm_comparison_get_before_title (figure->comparison), x0 - f, y, f * 1.1, TRUE, 0, &figure->text);
  show_text (cr, lm_comparison_get_after_title (figure->comparison), x1 - f * 2, y, f * 1.1, TRUE, 0, &figure->text);
  show_text (cr, _("rank 1 = most deprived"), x0 - f, y + f * 1.5, f * 0.8, FALSE, 0, &figure->muted);

  cairo_set_line_width (cr, MAX (0.6, figure->base / 18));
  for (guint a = 0; a < n; a++)
    {
      int k = figure->cells[a];

      if (k < 0 || isnan (figure->before->values[a]) || isnan (figure->after->values[a]))
        continue;
      set_color (cr, &figure->colors[k], 0.55);
      cairo_move_to (cr, x0, rank_y (figure->before->values[a], n, top, height));
      cairo_line_to (cr, x1, rank_y (figure->after->values[a], n, top, height));
      cairo_stroke (cr);
    }
  cairo_set_line_width (cr, MAX (1.5, figure->base / 6));
  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *areas = pass == 0 ? entered : left;

      for (guint i = 0; i < areas->len; i++)
        {
          guint a = g_array_index (areas, guint, i);

          set_color (cr, pass == 0 ? &rose : &fell, 1);
          cairo_move_to (cr, x0, rank_y (figure->before->values[a], n, top, height));
          cairo_line_to (cr, x1, rank_y (figure->after->values[a], n, top, height));
          cairo_stroke (cr);
        }
    }
  /* The axes, with a few ranks marked. */
  set_color (cr, &figure->text, 1);
  cairo_set_line_width (cr, 1);
  for (guint side = 0; side < 2; side++)
    {
      double ax = side == 0 ? x0 : x1;

      cairo_move_to (cr, ax, top);
      cairo_line_to (cr, ax, top + height);
      cairo_stroke (cr);
    }
  draw_names (figure, cr, entered, TRUE, x1 + f * 0.5, top, height, f * 0.85);
  draw_names (figure, cr, left, FALSE, x0 - f * 0.5, top, height, f * 0.85);
}

/* "Entered the most deprived decile (12)" and the areas, ranks beside. */
static double
draw_list (Figure     *figure,
           cairo_t    *cr,
           const char *heading,
           GArray     *areas,
           double      x,
           double      y,
           double      w)
{
  double f = figure->base * 0.8;
  g_autofree char *title = g_strdup_printf ("%s (%u)", heading, areas->len);
  double y0 = y;

  y += show_text (cr, title, x, y, f * 1.05, TRUE, w, &figure->text) + f * 0.3;
  for (guint i = 0; i < MIN (areas->len, MAX_LISTED); i++)
    {
      guint a = g_array_index (areas, guint, i);
      g_autofree char *origin = lm_comparison_describe_origin (figure->comparison, a);
      g_autofree char *line = NULL;

      /* Translators: a district and its ranks, "Hastings: 43 → 28"; a
       * merged district also says what it was formed from */
      if (strcmp (origin, figure->level->names[a]) != 0)
        line = g_strdup_printf (_("%s: %.0f → %.0f (formed from %s)"), figure->level->names[a],
                                figure->before->values[a], figure->after->values[a], origin);
      else
        line = g_strdup_printf (_("%s: %.0f → %.0f"), figure->level->names[a],
                                figure->before->values[a], figure->after->values[a]);
      y += show_text (cr, line, x, y, f, FALSE, w, &figure->text);
    }
  if (areas->len > MAX_LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), areas->len - MAX_LISTED);

      y += show_text (cr, more, x, y, f, FALSE, w, &figure->muted);
    }
  return y - y0;
}

static char *
describe_shares (Figure *figure)
{
  double before = lm_comparison_get_national_share (figure->comparison, FALSE);
  double after = lm_comparison_get_national_share (figure->comparison, TRUE);

  if (isnan (before) || isnan (after))
    return NULL;
  /* Translators: "Residents of left-behind areas: 4.1% in 2019, 3.8% in 2025
   * (each vintage's own rule: wards in one, neighbourhoods in the other)" */
  return g_strdup_printf (_("Residents of left-behind areas: %.1f%% in %s, %.1f%% in %s (each "
                            "vintage by its own rule and areas)."),
                          before, lm_comparison_get_before_title (figure->comparison), after,
                          lm_comparison_get_after_title (figure->comparison));
}

static char *
describe_provenance (Figure *figure)
{
  /* Translators: provenance of the comparison figure: version, the
   * comparison's id, the two datasets */
  return g_strdup_printf (_("Made with Levelmap %s from the comparison %s of %s and %s, each at its "
                            "official weights; the earlier areas carried to the later ones by "
                            "composing both vintages’ lookups from a common base geography."),
                          PACKAGE_VERSION, lm_comparison_get_id (figure->comparison),
                          lm_comparison_get_before_id (figure->comparison),
                          lm_comparison_get_after_id (figure->comparison));
}

/* ------------------------------------------------------------------ */
/* The whole                                                          */
/* ------------------------------------------------------------------ */

static gboolean
figure_init (Figure       *figure,
             LmComparison *comparison,
             LmModel      *model,
             GError      **error)
{
  LmDataset *dataset = lm_model_get_dataset (model);
  const char *level_id = lm_comparison_get_level_id (comparison);
  const char *ids[] = { "imd_rank_before", "imd_rank_after", "imd_rank_move" };
  LmVariable *found[G_N_ELEMENTS (ids)];
  LmColor text = { 0.1, 0.1, 0.1, 1 }, muted = { 0.35, 0.35, 0.35, 1 };

  memset (figure, 0, sizeof *figure);
  figure->comparison = comparison;
  figure->model = model;
  figure->text = text;
  figure->muted = muted;
  figure->level = lm_dataset_find_level (dataset, level_id);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LmVariable *result = lm_comparison_find_variable (comparison, ids[i]);

      found[i] = result != NULL && figure->level != NULL
                 ? lm_level_find_variable (figure->level, result->id) : NULL;
      if (found[i] == NULL)
        {
          g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET,
                       _("%s has no ranks of %s to draw: apply the comparison to it first"),
                       lm_dataset_get_title (dataset), lm_comparison_get_title (comparison));
          return FALSE;
        }
    }
  figure->before = found[0];
  figure->after = found[1];
  figure->move = found[2];
  figure->entered = lm_level_find_variable (figure->level,
                                            lm_comparison_find_variable (comparison, "imd_decile1_entered")->id);
  figure->left = lm_level_find_variable (figure->level,
                                         lm_comparison_find_variable (comparison, "imd_decile1_left")->id);
  lm_comparison_figure_classify_moves (figure->move, &figure->classes, figure->colors);
  figure->cells = g_new (gint8, MAX (figure->level->n_areas, 1));
  lm_classification_assign (&figure->classes, figure->move->values, figure->level->n_areas, figure->cells);
  return TRUE;
}

static double
draw_footer (Figure  *figure,
             cairo_t *cr,
             double   x,
             double   bottom,
             double   w)
{
  const char * const *lines = lm_comparison_get_attributions (figure->comparison);
  g_autofree char *attributions = lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");
  g_autofree char *provenance = describe_provenance (figure);
  double f = figure->base * 0.7;
  double h = text_height (cr, attributions, f, w) + f * 0.4 + text_height (cr, provenance, f, w);
  double y = bottom - h;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x, y - figure->base * 0.6, w, 1);
  cairo_fill (cr);
  y += show_text (cr, attributions, x, y, f, FALSE, w, &figure->muted) + f * 0.4;
  show_text (cr, provenance, x, y, f, FALSE, w, &figure->muted);
  return h + figure->base;
}

void
lm_comparison_figure_draw (LmComparison *comparison,
                           LmModel      *model,
                           cairo_t      *cr,
                           int           width,
                           int           height)
{
  Figure figure;
  double margin, inner_w, y, body_h, left_w, footer_h;
  g_autofree char *subtitle = NULL;
  g_autofree char *shares = NULL;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;

  g_return_if_fail (LM_IS_COMPARISON (comparison) && LM_IS_MODEL (model) && cr != NULL);

  if (!figure_init (&figure, comparison, model, NULL))
    g_return_if_reached ();
  g_return_if_fail (figure.level->shapes != NULL);
  figure.base = CLAMP (MIN (width, height) / 70.0, 8.0, 40.0);
  margin = round (figure.base * 1.6);
  inner_w = width - 2 * margin;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  y = margin;
  y += show_text (cr, lm_comparison_get_title (comparison), margin, y, figure.base * 1.8, TRUE, inner_w,
                  &figure.text);
  /* Translators: subtitle of the comparison figure: the level, what moved */
  subtitle = g_strdup_printf (_("%s · %s"), figure.level->title, figure.move->title);
  y += figure.base * 0.2 + show_text (cr, subtitle, margin, y, figure.base * 1.05, FALSE, inner_w,
                                      &figure.muted);
  y += figure.base;

  footer_h = draw_footer (&figure, cr, margin, height - margin, inner_w);
  body_h = height - margin - footer_h - y;
  left_w = inner_w * 0.5;
  draw_map (&figure, cr, margin, y, left_w, body_h);
  draw_key (&figure, cr, margin, y);

  /* Right: the slopes over the lists and the shares. */
  {
    double rx = margin + left_w + figure.base, rw = inner_w - left_w - figure.base;
    double slopes_h = body_h * 0.62, ly = y + slopes_h + figure.base;

    draw_slopes (&figure, cr, rx, y, rw, slopes_h);
    entered = flagged_areas (&figure, figure.entered, figure.after);
    left = flagged_areas (&figure, figure.left, figure.before);
    ly += figure.base + MAX (draw_list (&figure, cr, _("Entered the most deprived decile"), entered, rx, ly,
                                        rw / 2 - figure.base),
                             draw_list (&figure, cr, _("Left it"), left, rx + rw / 2, ly, rw / 2));
    shares = describe_shares (&figure);
    if (shares != NULL)
      show_text (cr, shares, rx, ly, figure.base * 0.85, TRUE, rw, &figure.text);
  }
  g_free (figure.cells);
}

typedef struct
{
  LmComparison *comparison;
  LmModel      *model;
} Draw;

static void
draw_to_file (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  user_data)
{
  Draw *draw = user_data;

  lm_comparison_figure_draw (draw->comparison, draw->model, cr, width, height);
}

gboolean
lm_comparison_figure_export (LmComparison  *comparison,
                             LmModel       *model,
                             const char    *path,
                             int            width,
                             int            height,
                             GError       **error)
{
  Draw draw = { comparison, model };
  LmDataset *dataset;
  Figure check;

  g_return_val_if_fail (LM_IS_COMPARISON (comparison), FALSE);
  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);

  dataset = lm_model_get_dataset (model);
  if (!figure_init (&check, comparison, model, error))
    return FALSE;
  g_free (check.cells);
  if (!lm_dataset_ensure_shapes (dataset, check.level, error))
    return FALSE;
  return lm_export_draw_to_file (path, width, height, draw_to_file, &draw, error);
}
