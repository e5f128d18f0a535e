/* lm-scatter-renderer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-export.h"
#include "lm-rank.h"
#include "lm-scatter-renderer-private.h"
#include "lm-text.h"

/* ------------------------------------------------------------------ */
/* Colours                                                            */
/* ------------------------------------------------------------------ */

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Paul Tol's "muted" scheme: nine colours distinct under the common
 * colour-vision deficiencies, one per English region; then three from
 * his "bright" scheme for datasets with more top-level areas. */
static const LmColor categorical[MAX_CATEGORIES] = {
  RGB (0x332288), RGB (0x88CCEE), RGB (0x44AA99), RGB (0x117733), RGB (0x999933),
  RGB (0xDDCC77), RGB (0xCC6677), RGB (0x882255), RGB (0xAA4499),
  RGB (0x4477AA), RGB (0xEE6677), RGB (0x228833),
};
/* Okabe and Ito's blue, vermilion and a neutral grey. */
static const LmColor plain_color = RGB (0x0072B2);
static const LmColor left_behind_color = RGB (0xD55E00);
static const LmColor other_color = RGB (0x8C8C8C);
static const LmColor unknown_color = RGB (0xBBBBBB);

static void
theme_init (Theme    *theme,
            gboolean  dark)
{
  static const Theme light_theme = {
    RGB (0xFFFFFF), RGB (0x1A1A1A), RGB (0x5E5E5E), RGB (0xE6E6E6), RGB (0x4D4D4D),
    RGB (0xF7F7F7), RGB (0xC8C8C8), RGB (0x7A3A00), { 0.835, 0.369, 0.0, 0.10 },
    RGB (0x000000), RGB (0x000000),
  };
  static const Theme dark_theme = {
    RGB (0x242424), RGB (0xEDEDED), RGB (0xB0B0B0), RGB (0x383838), RGB (0xB8B8B8),
    RGB (0x2E2E2E), RGB (0x505050), RGB (0xF0A060), { 0.835, 0.369, 0.0, 0.13 },
    RGB (0xFFFFFF), RGB (0xFFFFFF),
  };

  *theme = dark ? dark_theme : light_theme;
}

void
_lm_scatter_set_color (cairo_t       *cr,
                       const LmColor *color,
                       double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* ------------------------------------------------------------------ */
/* Levels                                                             */
/* ------------------------------------------------------------------ */

static gboolean
level_is_below (LmLevel *level,
                LmLevel *ancestor)
{
  for (LmLevel *l = level; l != NULL; l = l->parent_level)
    if (l == ancestor)
      return TRUE;
  return FALSE;
}

static LmLevel *
top_level (LmLevel *level)
{
  while (level->parent_level != NULL)
    level = level->parent_level;
  return level;
}

/* ------------------------------------------------------------------ */
/* Text                                                               */
/* ------------------------------------------------------------------ */

PangoLayout *
_lm_scatter_create_layout (LmScatterRenderer *self,
                           const char        *text,
                           double             size,
                           PangoWeight        weight)
{
  PangoLayout *layout = pango_layout_new (self->pango);

  lm_text_layout_setup (layout, self->family, size * self->scale, weight, text);
  return layout;
}

PangoLayout *
_lm_scatter_create_wrapped_layout (LmScatterRenderer *self,
                                   const char        *text,
                                   double             size,
                                   PangoWeight        weight,
                                   double             wrap)
{
  PangoLayout *layout = _lm_scatter_create_layout (self, text, size, weight);

  if (wrap > 0)
    {
      pango_layout_set_width (layout, (int) (wrap * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

/* The size of @text laid out, wrapped at @wrap pixels (0: not). */
static void
measure_wrapped (LmScatterRenderer *self,
                 const char        *text,
                 double             size,
                 PangoWeight        weight,
                 double             wrap,
                 double            *out_width,
                 double            *out_height)
{
  g_autoptr(PangoLayout) layout = _lm_scatter_create_wrapped_layout (self, text, size, weight, wrap);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  /* With a width set, the layout's own width would be that width. */
  if (out_width != NULL)
    *out_width = (double) logical.width / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) logical.height / PANGO_SCALE;
}

static void
measure_text (LmScatterRenderer *self,
              const char        *text,
              double             size,
              PangoWeight        weight,
              double            *out_width,
              double            *out_height)
{
  measure_wrapped (self, text, size, weight, 0, out_width, out_height);
}

/* Draws @layout with its logical box anchored at (@x, @y): @ax and @ay
 * are 0 for left/top, 0.5 for centre, 1 for right/bottom. */
void
_lm_scatter_show_layout (cairo_t     *cr,
                         PangoLayout *layout,
                         double       x,
                         double       y,
                         double       ax,
                         double       ay)
{
  PangoRectangle logical;

  pango_cairo_update_layout (cr, layout);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - ax * logical.width - logical.x, y - ay * logical.height - logical.y);
  pango_cairo_show_layout (cr, layout);
}

void
_lm_scatter_show_text (LmScatterRenderer *self,
                       cairo_t           *cr,
                       const char        *text,
                       double             size,
                       PangoWeight        weight,
                       double             x,
                       double             y,
                       double             ax,
                       double             ay)
{
  g_autoptr(PangoLayout) layout = _lm_scatter_create_layout (self, text, size, weight);

  _lm_scatter_show_layout (cr, layout, x, y, ax, ay);
}

/* ------------------------------------------------------------------ */
/* The data cache                                                     */
/* ------------------------------------------------------------------ */

static void
key_entry_free (gpointer data)
{
  KeyEntry *entry = data;

  g_free (entry->label);
  g_free (entry);
}

static void
add_key (LmScatterRenderer *self,
         KeyKind            kind,
         const LmColor     *color,
         const char        *label)
{
  KeyEntry *entry = g_new0 (KeyEntry, 1);

  entry->kind = kind;
  if (color != NULL)
    entry->color = *color;
  entry->label = g_strdup (label);
  g_ptr_array_add (self->key, entry);
}

static void
clear_data (LmScatterRenderer *self)
{
  g_clear_pointer (&self->area, g_free);
  g_clear_pointer (&self->nx, g_free);
  g_clear_pointer (&self->ny, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->point_of_area, g_free);
  g_clear_pointer (&self->colors, g_free);
  g_clear_pointer (&self->grid, lm_hit_grid_free);
  g_clear_pointer (&self->stats_lines, g_strfreev);
  g_ptr_array_set_size (self->key, 0);
  self->n_points = 0;
  self->n_categories = 0;
}

/* Colour classes by region: the top level's areas, plus one class for
 * areas outside any. */
static void
classify_by_region (LmScatterRenderer *self)
{
  LmLevel *top = top_level (self->level);
  guint n = top->n_areas;
  g_autofree guint *count = NULL;

  if (n == 0 || n > MAX_CATEGORIES)
    return;

  count = g_new0 (guint, n + 1);
  self->n_categories = n + 1;
  self->colors = g_new (LmColor, n + 1);
  for (guint k = 0; k < n; k++)
    self->colors[k] = categorical[k];
  self->colors[n] = unknown_color;

  for (guint p = 0; p < self->n_points; p++)
    {
      int region = lm_level_get_ancestor (self->level, self->area[p], top);

      self->category[p] = region >= 0 && (guint) region < n ? (guint) region : n;
      count[self->category[p]]++;
    }
  add_key (self, KEY_HEADER, NULL, lm_level_get_heading (top));
  for (guint k = 0; k < n; k++)
    if (count[k] > 0)
      add_key (self, KEY_POINT, &self->colors[k], top->names[k]);
  if (count[n] > 0)
    {
      /* Translators: key entry for points outside every top-level area, "No region" */
      g_autofree char *none = g_strdup_printf (_("No %s"), lm_level_get_singular (top));
      add_key (self, KEY_POINT, &unknown_color, none);
    }
}

/* Two classes: 1 where the area is (or contains, or lies in) a
 * left-behind area. */
static void
classify_by_left_behind (LmScatterRenderer *self)
{
  const LmVariable *flags = self->flags;
  LmLevel *rule_level;
  g_autofree guint8 *marked = NULL;
  g_autofree char *flagged = NULL;
  g_autofree char *in_label = NULL;
  g_autofree char *out_label = NULL;
  guint n_marked = 0;

  if (flags == NULL)
    return;
  rule_level = flags->level;
  /* The rule's flag as an adjective: "left behind", "stranded". */
  flagged = g_utf8_strdown (flags->title, -1);
  marked = g_malloc0 (MAX (self->level->n_areas, 1));

  if (rule_level == self->level)
    {
      for (guint a = 0; a < self->level->n_areas; a++)
        marked[a] = flags->values[a] > 0;
      in_label = g_strdup (flags->title);
      /* Translators: key entry, "Not left behind" */
      out_label = g_strdup_printf (_("Not %s"), flagged);
    }
  else if (level_is_below (rule_level, self->level))
    {
      for (guint a = 0; a < rule_level->n_areas; a++)
        {
          int up;

          if (!(flags->values[a] > 0))
            continue;
          up = lm_level_get_ancestor (rule_level, a, self->level);
          if (up >= 0)
            marked[up] = 1;
        }
      /* Translators: key entry, "Contains a left behind area" */
      in_label = g_strdup_printf (_("Contains a %s area"), flagged);
      out_label = g_strdup (_("Contains none"));
    }
  else if (level_is_below (self->level, rule_level))
    {
      for (guint a = 0; a < self->level->n_areas; a++)
        {
          int up = lm_level_get_ancestor (self->level, a, rule_level);

          marked[a] = up >= 0 && flags->values[up] > 0;
        }
      /* Translators: key entries, "In a left behind area" */
      in_label = g_strdup_printf (_("In a %s area"), flagged);
      out_label = g_strdup_printf (_("Not in a %s area"), flagged);
    }
  else
    return;

  self->n_categories = 2;
  self->colors = g_new (LmColor, 2);
  self->colors[0] = other_color;
  self->colors[1] = left_behind_color;
  for (guint p = 0; p < self->n_points; p++)
    {
      self->category[p] = marked[self->area[p]];
      n_marked += self->category[p];
    }
  {
    g_autofree char *in_count = _lm_scatter_format_fixed (n_marked, 0);
    g_autofree char *out_count = _lm_scatter_format_fixed (self->n_points - n_marked, 0);
    /* Translators: a key entry with its number of points, "Left behind (225)" */
    g_autofree char *in_text = g_strdup_printf (_("%s (%s)"), in_label, in_count);
    g_autofree char *out_text = g_strdup_printf (_("%s (%s)"), out_label, out_count);

    add_key (self, KEY_POINT, &left_behind_color, in_text);
    add_key (self, KEY_POINT, &other_color, out_text);
  }
}

static void
build_grid (LmScatterRenderer *self)
{
  guint g = (guint) CLAMP (sqrt (self->n_points / 4.0), 1, 256);
  LmBounds unit = { 0, 0, 1, 1 };
  g_autofree LmBounds *boxes = g_new (LmBounds, MAX (self->n_points, 1));

  for (guint p = 0; p < self->n_points; p++)
    boxes[p] = (LmBounds) { self->nx[p], self->ny[p], self->nx[p], self->ny[p] };
  g_clear_pointer (&self->grid, lm_hit_grid_free);
  self->grid = lm_hit_grid_new (&unit, g, g, boxes, self->n_points);
}

static char **
build_stats_lines (LmScatterRenderer *self)
{
  const LmStats *s = &self->stats;
  GPtrArray *builder = g_ptr_array_new ();
  g_autofree char *n = _lm_scatter_format_fixed (s->n, 0);
  g_autofree char *r = _lm_scatter_format_statistic (s->pearson_r);
  g_autofree char *rho = _lm_scatter_format_statistic (s->spearman_rho);
  g_autofree char *r2 = _lm_scatter_format_statistic (s->r2);

  g_ptr_array_add (builder, g_strdup (self->weighted ? _("Population-weighted statistics")
                                                         : _("Statistics")));
  g_ptr_array_add (builder, g_strdup_printf (_("n = %s"), n));
  g_ptr_array_add (builder, g_strdup_printf (_("Pearson r = %s"), r));
  if (self->weighted)
    g_ptr_array_add (builder, g_strdup_printf (_("Spearman ρ = %s (unweighted)"), rho));
  else
    g_ptr_array_add (builder, g_strdup_printf (_("Spearman ρ = %s"), rho));
  g_ptr_array_add (builder, g_strdup_printf (_("R² = %s"), r2));
  if (isfinite (s->slope) && isfinite (s->intercept))
    {
      g_autofree char *a = _lm_scatter_format_significant (s->intercept);
      g_autofree char *b = _lm_scatter_format_significant (fabs (s->slope));

      /* Translators: the fitted line, "y = 35.2 + 0.840 x" */
      g_ptr_array_add (builder, g_strdup_printf (s->slope < 0 ? _("y = %s \xe2\x88\x92 %s x")
                                                                  : _("y = %s + %s x"),
                                                     a, b));
    }
  g_ptr_array_add (builder, NULL);
  return (char **) g_ptr_array_free (builder, FALSE);
}

static void
ensure_data (LmScatterRenderer *self)
{
  LmLevel *level = self->level;
  double x_min = INFINITY, x_max = -INFINITY;
  double y_min = INFINITY, y_max = -INFINITY;
  const double *xv;
  const double *yv;
  guint p;

  if (self->data_valid)
    return;
  self->data_valid = TRUE;
  self->layout_valid = FALSE;
  clear_data (self);

  memset (&self->stats, 0, sizeof self->stats);
  self->stats.pearson_r = self->stats.spearman_rho = NAN;
  self->stats.slope = self->stats.intercept = self->stats.r2 = NAN;
  self->stats.mean_x = self->stats.mean_y = NAN;

  if (level == NULL || self->x == NULL || self->y == NULL)
    {
      _lm_scatter_axis_init (&self->axes[0], NAN, NAN);
      _lm_scatter_axis_init (&self->axes[1], NAN, NAN);
      self->stats_lines = build_stats_lines (self);
      build_grid (self);
      return;
    }

  xv = self->x->values;
  yv = self->y->values;
  for (guint a = 0; a < level->n_areas; a++)
    {
      if (isnan (xv[a]) || isnan (yv[a]))
        continue;
      self->n_points++;
      x_min = MIN (x_min, xv[a]);
      x_max = MAX (x_max, xv[a]);
      y_min = MIN (y_min, yv[a]);
      y_max = MAX (y_max, yv[a]);
    }
  self->data_x_min = x_min;
  self->data_x_max = x_max;
  _lm_scatter_axis_init (&self->axes[0], x_min, x_max);
  _lm_scatter_axis_init (&self->axes[1], y_min, y_max);

  self->area = g_new (guint, MAX (self->n_points, 1));
  self->nx = g_new (double, MAX (self->n_points, 1));
  self->ny = g_new (double, MAX (self->n_points, 1));
  self->category = g_new0 (guint8, MAX (self->n_points, 1));
  self->point_of_area = g_new (int, MAX (level->n_areas, 1));
  p = 0;
  for (guint a = 0; a < level->n_areas; a++)
    {
      const Axis *ax = &self->axes[0];
      const Axis *ay = &self->axes[1];

      if (isnan (xv[a]) || isnan (yv[a]))
        {
          self->point_of_area[a] = -1;
          continue;
        }
      self->point_of_area[a] = (int) p;
      self->area[p] = a;
      self->nx[p] = (xv[a] - ax->lo) / (ax->hi - ax->lo);
      self->ny[p] = (yv[a] - ay->lo) / (ay->hi - ay->lo);
      p++;
    }

  /* Large enough to read for 300 districts, small and faint enough for
   * 7,000 wards or 33,000 LSOAs to show their density. */
  self->radius = CLAMP (1.5 + 45.0 / sqrt (MAX (self->n_points, 1)), 1.8, 6.0);
  self->alpha = CLAMP (0.12 + 14.0 / sqrt (MAX (self->n_points, 1)), 0.3, 0.85);

  if (self->colour_by == LM_SCATTER_COLOUR_REGION)
    classify_by_region (self);
  else if (self->colour_by == LM_SCATTER_COLOUR_LEFT_BEHIND)
    classify_by_left_behind (self);
  if (self->n_categories == 0)
    {
      memset (self->category, 0, MAX (self->n_points, 1));
      self->n_categories = 1;
      self->colors = g_new (LmColor, 1);
      self->colors[0] = plain_color;
      add_key (self, KEY_POINT, &plain_color, level->title);
    }

  lm_stats_compute (xv, yv, self->weighted ? level->population : NULL, level->n_areas,
                    &self->stats, self->stats_scratch);
  self->stats_lines = build_stats_lines (self);

  if (isfinite (self->stats.slope))
    add_key (self, KEY_LINE, &self->theme.ink,
             self->weighted ? _("Weighted least-squares line") : _("Least-squares line"));
  if (self->show_cutoffs && (isfinite (self->x_cut) || isfinite (self->y_cut)))
    {
      /* Translators: key entry for the criteria's thresholds, "Left behind cut-off" */
      g_autofree char *cutoff = self->flags != NULL ? g_strdup_printf (_("%s cut-off"), self->flags->title)
                                                    : g_strdup (_("Cut-off"));

      add_key (self, KEY_DASH, &self->theme.cutoff, cutoff);
      if (isfinite (self->x_cut) && isfinite (self->y_cut))
        add_key (self, KEY_AREA, &self->theme.shade, _("Beyond both cut-offs"));
    }

  build_grid (self);
}

static inline void
invalidate_data (LmScatterRenderer *self)
{
  self->data_valid = FALSE;
  self->layout_valid = FALSE;
}

/* ------------------------------------------------------------------ */
/* Layout                                                             */
/* ------------------------------------------------------------------ */

/* The statistics box and the key, each at most @max_w wide (0: as wide
 * as their text): longer lines wrap. Sets the wrap widths draw_panel()
 * uses. */
static void
measure_panel (LmScatterRenderer *self,
               double             max_w,
               double            *out_box_w,
               double            *out_box_h,
               double            *out_key_w,
               double            *out_key_h)
{
  double s = self->scale;
  double swatch = (SWATCH + GAP * 1.5) * s;
  double box_w = 0, box_h = 0, key_w = 0, key_h = 0;

  self->stats_wrap = max_w > 0 ? MAX (max_w - 2 * PAD * s, 40 * s) : 0;
  self->key_wrap = max_w > 0 ? MAX (max_w - swatch, 40 * s) : 0;
  for (guint i = 0; self->stats_lines[i] != NULL; i++)
    {
      double w, h;

      measure_wrapped (self, self->stats_lines[i], FONT_STATS,
                       i == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, self->stats_wrap, &w, &h);
      box_w = MAX (box_w, w);
      box_h += h + (i == 0 ? 3 * s : 0);
    }
  box_w += 2 * PAD * s;
  box_h += 2 * PAD * s;

  for (guint i = 0; i < self->key->len; i++)
    {
      KeyEntry *entry = g_ptr_array_index (self->key, i);
      gboolean header = entry->kind == KEY_HEADER;
      double w, h;

      measure_wrapped (self, entry->label, FONT_KEY, header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                       header || self->key_wrap == 0 ? max_w : self->key_wrap, &w, &h);
      key_w = MAX (key_w, (header ? 0 : swatch) + w);
      key_h += MAX (h, SWATCH * s * 0.7) + 2 * s;
    }

  *out_box_w = box_w;
  *out_box_h = box_h;
  *out_key_w = key_w;
  *out_key_h = key_h;
}

void
_lm_scatter_ensure_layout (LmScatterRenderer *self)
{
  double s = self->scale;
  double w = self->width, h = self->height;
  double ytick_w = 0, xtick_h = 0, xtick_last_w = 0, title_h = 0;
  double box_w, box_h, key_w, key_h, panel_w;
  double left, right, top, bottom;
  const Axis *ax, *ay;

  ensure_data (self);
  if (self->layout_valid)
    return;
  self->layout_valid = TRUE;
  ax = &self->axes[0];
  ay = &self->axes[1];

  for (guint i = 0; i < ay->n_ticks; i++)
    {
      g_autofree char *label = _lm_scatter_format_tick (self->y, _lm_scatter_axis_tick (ay, i), ay->decimals);
      double tw;

      measure_text (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL, &tw, NULL);
      ytick_w = MAX (ytick_w, tw);
    }
  {
    g_autofree char *label = _lm_scatter_format_tick (self->x, ax->hi, ax->decimals);

    measure_text (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL, &xtick_last_w, &xtick_h);
  }
  measure_text (self, "Xg", FONT_TITLE, PANGO_WEIGHT_NORMAL, NULL, &title_h);

  left = PAD * s + title_h + 2 * GAP * s + ytick_w + GAP * s + TICK_LENGTH * s;
  bottom = TICK_LENGTH * s + GAP * s + xtick_h + 2 * GAP * s + title_h + PAD * s;
  top = PAD * s + xtick_h / 2;
  right = PAD * s + xtick_last_w / 2;

  /* The panel goes beside the plot or below it (stats and key side by
   * side), whichever leaves the plot's shorter side longer, so that a
   * narrow window or a wide strip both keep a usable plot. Beside, it
   * takes at most 40% of the width; below, each half of it at most half
   * the width; text that is longer wraps. */
  {
    double beside_max = MAX (0.4 * w, 120 * s);
    double below_max = MAX ((w - 2 * PAD * s - PANEL_GAP * s) / 2, 80 * s);
    double beside, below;

    measure_panel (self, below_max, &box_w, &box_h, &key_w, &key_h);
    below = MIN (w - left - right, h - top - bottom - MAX (box_h, key_h) - PAD * s);
    measure_panel (self, beside_max, &box_w, &box_h, &key_w, &key_h);
    panel_w = MAX (box_w, key_w);
    beside = MIN (w - left - right - panel_w - PANEL_GAP * s, h - top - bottom);
    self->panel_below = below > beside;
    if (self->panel_below)
      measure_panel (self, below_max, &box_w, &box_h, &key_w, &key_h);
  }
  if (!self->panel_below)
    {
      right = PAD * s + panel_w + PANEL_GAP * s;
    }
  else
    {
      bottom += MAX (box_h, key_h) + PAD * s;
    }

  self->plot_x = round (left);
  self->plot_y = round (top);
  self->plot_w = MAX (10, round (w - left - right));
  self->plot_h = MAX (10, round (h - top - bottom));
  self->box_w = box_w;
  self->box_h = box_h;

  if (!self->panel_below)
    {
      self->panel_x = self->plot_x + self->plot_w + PANEL_GAP * s;
      self->panel_y = self->plot_y;
      self->key_x = self->panel_x;
      self->key_y = self->panel_y + box_h + PAD * s * 1.5;
    }
  else
    {
      /* From the left edge: each half may take half the width. */
      self->panel_x = PAD * s;
      self->panel_y = h - PAD * s - MAX (box_h, key_h);
      self->key_x = self->panel_x + box_w + PANEL_GAP * s;
      self->key_y = self->panel_y + PAD * s * 0.5;
    }
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

/**
 * lm_scatter_renderer_new:
 *
 * Returns: (transfer full): an empty renderer
 */
LmScatterRenderer *
lm_scatter_renderer_new (void)
{
  LmScatterRenderer *self = g_new0 (LmScatterRenderer, 1);
  cairo_font_options_t *options;

  self->family = g_strdup ("Sans");
  self->scale = 1;
  self->x_cut = NAN;
  self->y_cut = NAN;
  self->show_cutoffs = TRUE;
  self->key = g_ptr_array_new_with_free_func (key_entry_free);
  self->stats_scratch = g_array_new (FALSE, FALSE, sizeof (double));
  theme_init (&self->theme, FALSE);

  /* Metrics unhinted, so that text measures the same on screen, in a
   * PNG and in a PDF and the layout does not shift between them. */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);

  self->width = 640;
  self->height = 480;
  return self;
}

void
lm_scatter_renderer_free (LmScatterRenderer *self)
{
  if (self == NULL)
    return;
  clear_data (self);
  g_ptr_array_unref (self->key);
  g_array_unref (self->stats_scratch);
  g_object_unref (self->pango);
  g_free (self->family);
  g_free (self);
}

void
lm_scatter_renderer_set_variables (LmScatterRenderer *self,
                                   LmLevel           *level,
                                   LmVariable        *x,
                                   LmVariable        *y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (x == NULL || x->level == level);
  g_return_if_fail (y == NULL || y->level == level);

  self->level = level;
  self->x = x;
  self->y = y;
  invalidate_data (self);
}

LmLevel *
lm_scatter_renderer_get_level (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->level;
}

LmVariable *
lm_scatter_renderer_get_x (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x;
}

LmVariable *
lm_scatter_renderer_get_y (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y;
}

void
lm_scatter_renderer_invalidate (LmScatterRenderer *self)
{
  g_return_if_fail (self != NULL);
  invalidate_data (self);
}

void
lm_scatter_renderer_set_weighted (LmScatterRenderer *self,
                                  gboolean           weighted)
{
  g_return_if_fail (self != NULL);

  weighted = !!weighted;
  if (self->weighted == weighted)
    return;
  self->weighted = weighted;
  invalidate_data (self);
}

gboolean
lm_scatter_renderer_get_weighted (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->weighted;
}

void
lm_scatter_renderer_set_colour_by (LmScatterRenderer *self,
                                   LmScatterColourBy  colour_by)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (colour_by <= LM_SCATTER_COLOUR_LEFT_BEHIND);

  if (self->colour_by == colour_by)
    return;
  self->colour_by = colour_by;
  invalidate_data (self);
}

LmScatterColourBy
lm_scatter_renderer_get_colour_by (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, LM_SCATTER_COLOUR_NONE);
  return self->colour_by;
}

void
lm_scatter_renderer_set_left_behind (LmScatterRenderer *self,
                                     const LmVariable  *flags)
{
  g_return_if_fail (self != NULL);

  self->flags = flags;
  invalidate_data (self);
}

void
lm_scatter_renderer_set_cutoffs (LmScatterRenderer *self,
                                 double             x_cut,
                                 double             y_cut)
{
  g_return_if_fail (self != NULL);

  if ((x_cut == self->x_cut || (isnan (x_cut) && isnan (self->x_cut))) &&
      (y_cut == self->y_cut || (isnan (y_cut) && isnan (self->y_cut))))
    return;
  self->x_cut = x_cut;
  self->y_cut = y_cut;
  /* Only the key depends on them; rebuilding it with the rest is cheap
   * next to a draw. */
  invalidate_data (self);
}

void
lm_scatter_renderer_set_show_cutoffs (LmScatterRenderer *self,
                                      gboolean           show)
{
  g_return_if_fail (self != NULL);

  show = !!show;
  if (self->show_cutoffs == show)
    return;
  self->show_cutoffs = show;
  invalidate_data (self);
}

void
lm_scatter_renderer_set_show_intervals (LmScatterRenderer *self,
                                        gboolean           show)
{
  g_return_if_fail (self != NULL);
  self->show_intervals = !!show;
}

void
lm_scatter_renderer_set_font (LmScatterRenderer *self,
                              const char        *family,
                              double             scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scale > 0);

  /* @family may be self->family itself. */
  if (family == NULL)
    family = "Sans";
  if (family != self->family)
    {
      g_free (self->family);
      self->family = g_strdup (family);
    }
  self->scale = scale;
  self->layout_valid = FALSE;
}

void
lm_scatter_renderer_set_dark (LmScatterRenderer *self,
                              gboolean           dark)
{
  g_return_if_fail (self != NULL);

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  theme_init (&self->theme, dark);
  /* The key holds theme colours. */
  invalidate_data (self);
}

const LmStats *
lm_scatter_renderer_get_stats (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  ensure_data (self);
  return &self->stats;
}

char **
lm_scatter_renderer_format_stats (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  ensure_data (self);
  return g_strdupv (self->stats_lines);
}

void
lm_scatter_renderer_get_axis (LmScatterRenderer *self,
                              gboolean           y_axis,
                              double            *out_lo,
                              double            *out_hi,
                              double            *out_step)
{
  const Axis *axis;

  g_return_if_fail (self != NULL);

  ensure_data (self);
  axis = &self->axes[y_axis ? 1 : 0];
  if (out_lo)
    *out_lo = axis->lo;
  if (out_hi)
    *out_hi = axis->hi;
  if (out_step)
    *out_step = axis->step;
}

guint
lm_scatter_renderer_get_n_points (LmScatterRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  ensure_data (self);
  return self->n_points;
}

void
lm_scatter_renderer_set_size (LmScatterRenderer *self,
                              double             width,
                              double             height)
{
  g_return_if_fail (self != NULL);

  if (width == self->width && height == self->height)
    return;
  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->layout_valid = FALSE;
}

void
lm_scatter_renderer_get_plot_area (LmScatterRenderer *self,
                                   cairo_rectangle_t *out_area)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out_area != NULL);

  _lm_scatter_ensure_layout (self);
  out_area->x = self->plot_x;
  out_area->y = self->plot_y;
  out_area->width = self->plot_w;
  out_area->height = self->plot_h;
}


void
lm_scatter_renderer_data_to_pixel (LmScatterRenderer *self,
                                   double             x,
                                   double             y,
                                   double            *out_px,
                                   double            *out_py)
{
  const Axis *ax, *ay;
  double px, py;

  g_return_if_fail (self != NULL);

  _lm_scatter_ensure_layout (self);
  ax = &self->axes[0];
  ay = &self->axes[1];
  _lm_scatter_norm_to_pixel (self, (x - ax->lo) / (ax->hi - ax->lo), (y - ay->lo) / (ay->hi - ay->lo),
                 &px, &py);
  if (out_px)
    *out_px = px;
  if (out_py)
    *out_py = py;
}

void
lm_scatter_renderer_pixel_to_data (LmScatterRenderer *self,
                                   double             px,
                                   double             py,
                                   double            *out_x,
                                   double            *out_y)
{
  const Axis *ax, *ay;

  g_return_if_fail (self != NULL);

  _lm_scatter_ensure_layout (self);
  ax = &self->axes[0];
  ay = &self->axes[1];
  if (out_x)
    *out_x = ax->lo + (px - self->plot_x) / self->plot_w * (ax->hi - ax->lo);
  if (out_y)
    *out_y = ay->lo + (1 - (py - self->plot_y) / self->plot_h) * (ay->hi - ay->lo);
}

gboolean
lm_scatter_renderer_get_fit_segment (LmScatterRenderer *self,
                                     double            *out_x0,
                                     double            *out_y0,
                                     double            *out_x1,
                                     double            *out_y1)
{
  double x0, x1;

  g_return_val_if_fail (self != NULL, FALSE);

  _lm_scatter_ensure_layout (self);
  if (!isfinite (self->stats.slope) || !isfinite (self->stats.intercept))
    return FALSE;
  /* Over the data, not the whole axis: the fit says nothing beyond. */
  x0 = self->data_x_min;
  x1 = self->data_x_max;
  lm_scatter_renderer_data_to_pixel (self, x0, self->stats.intercept + self->stats.slope * x0,
                                     out_x0, out_y0);
  lm_scatter_renderer_data_to_pixel (self, x1, self->stats.intercept + self->stats.slope * x1,
                                     out_x1, out_y1);
  return TRUE;
}

/* The pixel rectangle [@left, @right] x [@top, @bottom] in the
 * normalised square: FALSE when it misses the plot. */
static gboolean
pixel_rect_to_norm (LmScatterRenderer *self,
                    double             left,
                    double             top,
                    double             right,
                    double             bottom,
                    LmBounds          *out_rect)
{
  out_rect->xmin = (left - self->plot_x) / self->plot_w;
  out_rect->xmax = (right - self->plot_x) / self->plot_w;
  out_rect->ymin = 1 - (bottom - self->plot_y) / self->plot_h;
  out_rect->ymax = 1 - (top - self->plot_y) / self->plot_h;
  return !(out_rect->xmax < 0 || out_rect->xmin > 1 || out_rect->ymax < 0 || out_rect->ymin > 1);
}

typedef struct
{
  LmScatterRenderer *self;
  double             px;
  double             py;
  double             best_d2;
  int                best;      /* area */
} Nearest;

static void
nearest_cb (guint    p,
            gpointer user_data)
{
  Nearest *n = user_data;
  double qx, qy, d2;

  _lm_scatter_norm_to_pixel (n->self, n->self->nx[p], n->self->ny[p], &qx, &qy);
  d2 = (qx - n->px) * (qx - n->px) + (qy - n->py) * (qy - n->py);
  /* Ties go to the lower area index, so that the answer does not
   * depend on the bucket order. */
  if (d2 < n->best_d2 || (d2 == n->best_d2 && (n->best < 0 || n->self->area[p] < (guint) n->best)))
    {
      n->best_d2 = d2;
      n->best = (int) n->self->area[p];
    }
}

int
lm_scatter_renderer_find_nearest (LmScatterRenderer *self,
                                  double             px,
                                  double             py,
                                  double             max_distance)
{
  Nearest nearest = { self, px, py, max_distance * max_distance, -1 };
  LmBounds rect;

  g_return_val_if_fail (self != NULL, -1);

  _lm_scatter_ensure_layout (self);
  if (self->n_points == 0 || max_distance < 0 ||
      !pixel_rect_to_norm (self, px - max_distance, py - max_distance,
                           px + max_distance, py + max_distance, &rect))
    return -1;
  lm_hit_grid_foreach (self->grid, &rect, nearest_cb, &nearest);
  return nearest.best;
}

typedef struct
{
  LmScatterRenderer *self;
  double             left;
  double             top;
  double             right;
  double             bottom;
  GArray            *areas;
} InRect;

static void
in_rect_cb (guint    p,
            gpointer user_data)
{
  InRect *r = user_data;
  double qx, qy;

  _lm_scatter_norm_to_pixel (r->self, r->self->nx[p], r->self->ny[p], &qx, &qy);
  if (qx >= r->left && qx <= r->right && qy >= r->top && qy <= r->bottom)
    g_array_append_val (r->areas, r->self->area[p]);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

GArray *
lm_scatter_renderer_find_in_rect (LmScatterRenderer *self,
                                  double             x0,
                                  double             y0,
                                  double             x1,
                                  double             y1)
{
  InRect in_rect = { self, MIN (x0, x1), MIN (y0, y1), MAX (x0, x1), MAX (y0, y1), NULL };
  LmBounds rect;

  g_return_val_if_fail (self != NULL, NULL);

  _lm_scatter_ensure_layout (self);
  in_rect.areas = g_array_new (FALSE, FALSE, sizeof (guint));
  if (self->n_points == 0 ||
      !pixel_rect_to_norm (self, in_rect.left, in_rect.top, in_rect.right, in_rect.bottom, &rect))
    return in_rect.areas;
  lm_hit_grid_foreach (self->grid, &rect, in_rect_cb, &in_rect);
  g_array_sort (in_rect.areas, compare_guint);
  return in_rect.areas;
}
