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
#include "lm-hit-grid.h"
#include "lm-rank.h"
#include "lm-scatter-renderer.h"
#include "lm-text.h"

/* Sizes in pixels at scale 1. */
#define FONT_TICK      11.0
#define FONT_TITLE     12.0
#define FONT_STATS     12.0
#define FONT_KEY       11.0
#define FONT_LABEL     11.0
#define PAD            10.0
#define TICK_LENGTH     5.0
#define GAP             4.0
#define PANEL_GAP      18.0
#define SWATCH         18.0
#define TARGET_TICKS    5

/* More regions than this and colours stop being told apart: plain points. */
#define MAX_CATEGORIES 12
/* Selected points get a name label when there are at most this many. */
#define MAX_LABELS     12

typedef enum
{
  KEY_HEADER,
  KEY_POINT,
  KEY_LINE,
  KEY_DASH,
  KEY_AREA,
} KeyKind;

typedef struct
{
  KeyKind  kind;
  LmColor  color;
  char    *label;
} KeyEntry;

typedef struct
{
  double lo;
  double hi;
  double step;
  guint  n_ticks;    /* ticks at lo + i * step, i < n_ticks */
  int    decimals;
} Axis;

typedef struct
{
  LmColor paper;
  LmColor ink;
  LmColor muted;
  LmColor grid;
  LmColor axis;
  LmColor box;
  LmColor box_border;
  LmColor cutoff;
  LmColor shade;
  LmColor selection;
  LmColor hover;
} Theme;

struct _LmScatterRenderer
{
  /* Inputs; all borrowed. */
  LmLevel           *level;
  LmVariable        *x;
  LmVariable        *y;
  const LmVariable  *flags;
  gboolean           weighted;
  LmScatterColourBy  colour_by;
  gboolean           show_cutoffs;
  double             x_cut;
  double             y_cut;
  char              *family;
  double             scale;
  gboolean           dark;

  /* The data cache, rebuilt by ensure_data() when invalid. The points
   * are the areas with both values, in area order. */
  gboolean           data_valid;
  guint              n_points;
  guint             *area;          /* n_points area indices */
  double            *nx;            /* n_points, 0..1 across the x axis */
  double            *ny;            /* n_points, 0..1 up the y axis */
  guint8            *category;      /* n_points colour classes */
  int               *point_of_area; /* level->n_areas, -1 = not plotted */
  guint              n_categories;
  LmColor           *colors;        /* n_categories */
  Axis               axes[2];
  double             data_x_min;
  double             data_x_max;
  LmStats            stats;
  GArray            *stats_scratch;
  GPtrArray         *key;           /* KeyEntry* */
  char             **stats_lines;
  double             radius;        /* at scale 1 */
  double             alpha;

  /* Grid buckets over the normalised square, so that hit tests do not
   * depend on the size and survive resizing. */
  LmHitGrid         *grid;

  /* The layout, for the last size. */
  gboolean           layout_valid;
  double             width;
  double             height;
  double             plot_x;
  double             plot_y;
  double             plot_w;
  double             plot_h;
  gboolean           panel_below;
  double             panel_x;
  double             panel_y;
  double             box_w;
  double             box_h;
  double             key_x;
  double             key_y;

  PangoContext      *pango;
  Theme              theme;
};

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

static inline void
set_color (cairo_t       *cr,
           const LmColor *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                            */
/* ------------------------------------------------------------------ */

/* Replaces a leading '-' by the typographic minus sign. */
static char *
with_minus (char *text)
{
  if (text[0] == '-')
    {
      char *result = g_strconcat ("\xe2\x88\x92", text + 1, NULL);
      g_free (text);
      return result;
    }
  return text;
}

/* Thousands separators for whole numbers (ranks, counts). */
static char *
format_fixed (double value,
              int    decimals)
{
  g_autofree char *text = g_strdup_printf ("%.*f", decimals, value);
  GString *out;
  const char *digits = text;
  guint n_digits;

  if (decimals > 0 || fabs (value) < 1000)
    return with_minus (g_steal_pointer (&text));

  out = g_string_new (NULL);
  if (*digits == '-')
    {
      g_string_append (out, "\xe2\x88\x92");
      digits++;
    }
  n_digits = strlen (digits);
  for (guint i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* Three significant figures, without exponents. */
static char *
format_significant (double value)
{
  int decimals;

  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");
  if (value == 0)
    return g_strdup ("0");
  decimals = 2 - (int) floor (log10 (fabs (value)));
  return format_fixed (value, CLAMP (decimals, 0, 8));
}

static char *
format_statistic (double value)
{
  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");
  return with_minus (g_strdup_printf ("%.3f", value));
}

static char *
format_tick (const LmVariable *variable,
             double            value,
             int               decimals)
{
  g_autofree char *number = NULL;

  /* The tick at zero may come out as "-0.0" after the step arithmetic. */
  if (fabs (value) < 1e-9)
    value = 0;
  number = format_fixed (value, decimals);
  if (variable != NULL && variable->unit == LM_UNIT_PERCENT)
    return g_strconcat (number, "%", NULL);
  return g_steal_pointer (&number);
}

/* The 1-2-5 series: the nice number nearest to @raw. */
static double
nice_step (double raw)
{
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction < 1.5)
    return magnitude;
  if (fraction < 3)
    return 2 * magnitude;
  if (fraction < 7)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
axis_init (Axis   *axis,
           double  min,
           double  max)
{
  double step;

  if (!isfinite (min) || !isfinite (max))
    {
      min = 0;
      max = 1;
    }
  if (max - min < 1e-12 * MAX (1, fabs (max)))
    {
      double half = fabs (min) > 0 ? fabs (min) * 0.1 : 1;
      min -= half;
      max += half;
    }

  step = nice_step ((max - min) / TARGET_TICKS);
  axis->step = step;
  /* A tolerance keeps a value that sits on a tick from opening a whole
   * extra interval because of rounding. */
  axis->lo = floor (min / step + 1e-9) * step;
  axis->hi = ceil (max / step - 1e-9) * step;
  /* 3 x 0.1 is a hair above 0.3: keep the data inside all the same. */
  axis->lo = MIN (axis->lo, min);
  axis->hi = MAX (axis->hi, max);
  axis->n_ticks = (guint) lround ((axis->hi - axis->lo) / step) + 1;
  axis->decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);
}

static inline double
axis_tick (const Axis *axis,
           guint       i)
{
  return axis->lo + i * axis->step;
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

static PangoLayout *
create_layout (LmScatterRenderer *self,
               const char        *text,
               double             size,
               PangoWeight        weight)
{
  PangoLayout *layout = pango_layout_new (self->pango);

  lm_text_layout_setup (layout, self->family, size * self->scale, weight, text);
  return layout;
}

static void
measure_text (LmScatterRenderer *self,
              const char        *text,
              double             size,
              PangoWeight        weight,
              double            *out_width,
              double            *out_height)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text, size, weight);

  lm_text_layout_get_size (layout, out_width, out_height);
}

/* Draws @layout with its logical box anchored at (@x, @y): @ax and @ay
 * are 0 for left/top, 0.5 for centre, 1 for right/bottom. */
static void
show_layout (cairo_t     *cr,
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

static void
show_text (LmScatterRenderer *self,
           cairo_t           *cr,
           const char        *text,
           double             size,
           PangoWeight        weight,
           double             x,
           double             y,
           double             ax,
           double             ay)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text, size, weight);

  show_layout (cr, layout, x, y, ax, ay);
}

/* ------------------------------------------------------------------ */
/* Axis titles, ranks, cut-offs                                       */
/* ------------------------------------------------------------------ */

/**
 * lm_scatter_get_axis_title:
 * @variable: a variable
 *
 * Returns: (transfer full): the title with the unit added when the title
 *   does not already say it
 */
char *
lm_scatter_get_axis_title (const LmVariable *variable)
{
  const char *unit = NULL;
  g_autofree char *title = NULL;
  g_autofree char *unit_folded = NULL;

  g_return_val_if_fail (variable != NULL, NULL);

  switch (variable->unit)
    {
    case LM_UNIT_SCORE:
      unit = _("score");
      break;
    case LM_UNIT_PERCENT:
      unit = "%";
      break;
    case LM_UNIT_RANK:
    case LM_UNIT_DECILE:
      unit = _("1 = most deprived");
      break;
    case LM_UNIT_CHANGE:
      unit = _("places");
      break;
    case LM_UNIT_COUNT:
    case LM_UNIT_FLAG:
    default:
      break;
    }
  if (unit == NULL)
    return g_strdup (variable->title);

  title = g_utf8_casefold (variable->title, -1);
  unit_folded = g_utf8_casefold (unit, -1);
  if (strstr (title, unit_folded) != NULL)
    return g_strdup (variable->title);
  /* Translators: an axis title, "IMD: Income (score)" */
  return g_strdup_printf (_("%s (%s)"), variable->title, unit);
}

/**
 * lm_scatter_find_rank_variable:
 * @variable: a variable
 *
 * Returns: (transfer none) (nullable): the rank of @variable at its level
 */
LmVariable *
lm_scatter_find_rank_variable (const LmVariable *variable)
{
  LmLevel *level;

  g_return_val_if_fail (variable != NULL, NULL);

  if (variable->unit == LM_UNIT_RANK)
    return NULL;
  level = variable->level;
  for (guint i = 0; i < level->variables->len; i++)
    {
      LmVariable *candidate = g_ptr_array_index (level->variables, i);

      if (candidate->unit == LM_UNIT_RANK && g_strcmp0 (candidate->source, variable->id) == 0)
        return candidate;
    }
  return NULL;
}

/* The areas of @level meeting @criterion, by the same rule as the
 * model's left-behind flags: the worst floor (n p / 100) areas, ties
 * broken by index, or the values at most the criterion's value. */
static guint8 *
criterion_mask (const LmCriterion *criterion,
                const LmVariable  *variable)
{
  guint n = variable->level->n_areas;
  guint8 *meets = g_malloc0 (MAX (n, 1));

  if (criterion->kind == LM_CRITERION_AT_MOST)
    {
      for (guint a = 0; a < n; a++)
        meets[a] = !isnan (variable->values[a]) && variable->values[a] <= criterion->value;
    }
  else
    {
      g_autofree double *values = g_new (double, MAX (n, 1));
      g_autofree guint *ranks = g_new (guint, MAX (n, 1));
      gboolean flip = !lm_variable_higher_is_worse (variable);
      guint n_ranked, cutoff;

      for (guint a = 0; a < n; a++)
        values[a] = flip ? -variable->values[a] : variable->values[a];
      n_ranked = lm_rank_descending (values, n, ranks, NULL);
      cutoff = (guint) floor (n_ranked * criterion->value / 100.0 + 1e-9);
      for (guint a = 0; a < n; a++)
        meets[a] = ranks[a] > 0 && ranks[a] <= cutoff;
    }
  return meets;
}

/* Where the areas meeting a criterion part from the others along @axis:
 * halfway between the last one in and the first one out. NAN if the
 * criterion does not split @axis cleanly (it is about another variable). */
static double
cutoff_on_axis (const LmCriterion *criterion,
                const LmVariable  *variable,
                const LmVariable  *axis)
{
  g_autofree guint8 *meets = criterion_mask (criterion, variable);
  gboolean worse_high = lm_variable_higher_is_worse (axis);
  double in_edge = worse_high ? INFINITY : -INFINITY;
  double out_edge = worse_high ? -INFINITY : INFINITY;

  for (guint a = 0; a < axis->level->n_areas; a++)
    {
      double v = axis->values[a];

      if (isnan (v) || isnan (variable->values[a]))
        continue;
      if (meets[a])
        in_edge = worse_high ? MIN (in_edge, v) : MAX (in_edge, v);
      else
        out_edge = worse_high ? MAX (out_edge, v) : MIN (out_edge, v);
    }
  if (!isfinite (in_edge))
    return NAN;
  if (!isfinite (out_edge))
    return in_edge;
  if (worse_high ? in_edge < out_edge : in_edge > out_edge)
    return NAN;
  return (in_edge + out_edge) / 2;
}

/* TRUE if @b is @a or what @a ranks: a decile's rank, a rank's score. */
static gboolean
derives_from (const LmVariable *a,
              const LmVariable *b)
{
  for (guint i = 0; a != NULL && i < 4; i++)
    {
      if (a == b)
        return TRUE;
      if ((a->unit != LM_UNIT_RANK && a->unit != LM_UNIT_DECILE) || a->source == NULL)
        return FALSE;
      a = lm_level_find_variable (a->level, a->source);
    }
  return FALSE;
}

static gboolean
criterion_is_about (const LmVariable *criterion_variable,
                    const LmVariable *axis)
{
  return derives_from (criterion_variable, axis) || derives_from (axis, criterion_variable);
}

/**
 * lm_scatter_find_cutoffs:
 * @dataset: the dataset whose left-behind rule applies
 * @level: the plot's level
 * @x: the x variable
 * @y: the y variable
 * @out_x_cut: (out): the cut-off on x, or NAN
 * @out_y_cut: (out): the cut-off on y, or NAN
 *
 * Finds where the left-behind criteria cut the plot's axes.
 */
void
lm_scatter_find_cutoffs (LmDataset        *dataset,
                         LmLevel          *level,
                         const LmVariable *x,
                         const LmVariable *y,
                         double           *out_x_cut,
                         double           *out_y_cut)
{
  LmLeftBehindRule *rule;
  const LmVariable *axes[2] = { x, y };
  double cuts[2] = { NAN, NAN };

  g_return_if_fail (LM_IS_DATASET (dataset));
  g_return_if_fail (level != NULL);

  rule = lm_dataset_get_left_behind_rule (dataset);
  /* The rule is defined among the areas of its own level; the same
   * percentages among districts would be another rule, so other levels
   * get no lines rather than misleading ones. */
  if (rule != NULL && rule->level != level)
    rule = NULL;
  for (guint c = 0; rule != NULL && c < rule->criteria->len; c++)
    {
      const LmCriterion *criterion = g_ptr_array_index (rule->criteria, c);
      LmVariable *variable = lm_level_find_variable (level, criterion->variable);

      if (variable == NULL)
        continue;
      for (guint i = 0; i < 2; i++)
        if (axes[i] != NULL && isnan (cuts[i]) && criterion_is_about (variable, axes[i]))
          cuts[i] = cutoff_on_axis (criterion, variable, axes[i]);
    }
  if (out_x_cut)
    *out_x_cut = cuts[0];
  if (out_y_cut)
    *out_y_cut = cuts[1];
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
  add_key (self, KEY_HEADER, NULL, _("Region"));
  for (guint k = 0; k < n; k++)
    if (count[k] > 0)
      add_key (self, KEY_POINT, &self->colors[k], top->names[k]);
  if (count[n] > 0)
    add_key (self, KEY_POINT, &unknown_color, _("No region"));
}

/* Two classes: 1 where the area is (or contains, or lies in) a
 * left-behind area. */
static void
classify_by_left_behind (LmScatterRenderer *self)
{
  const LmVariable *flags = self->flags;
  LmLevel *rule_level;
  g_autofree guint8 *marked = NULL;
  const char *in_label;
  const char *out_label;
  guint n_marked = 0;

  if (flags == NULL)
    return;
  rule_level = flags->level;
  marked = g_malloc0 (MAX (self->level->n_areas, 1));

  if (rule_level == self->level)
    {
      for (guint a = 0; a < self->level->n_areas; a++)
        marked[a] = flags->values[a] > 0;
      in_label = _("Left behind");
      out_label = _("Not left behind");
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
      in_label = _("Contains a left-behind area");
      out_label = _("Contains none");
    }
  else if (level_is_below (self->level, rule_level))
    {
      for (guint a = 0; a < self->level->n_areas; a++)
        {
          int up = lm_level_get_ancestor (self->level, a, rule_level);

          marked[a] = up >= 0 && flags->values[up] > 0;
        }
      in_label = _("In a left-behind area");
      out_label = _("Not in a left-behind area");
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
    g_autofree char *in_count = format_fixed (n_marked, 0);
    g_autofree char *out_count = format_fixed (self->n_points - n_marked, 0);
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
  g_autofree char *n = format_fixed (s->n, 0);
  g_autofree char *r = format_statistic (s->pearson_r);
  g_autofree char *rho = format_statistic (s->spearman_rho);
  g_autofree char *r2 = format_statistic (s->r2);

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
      g_autofree char *a = format_significant (s->intercept);
      g_autofree char *b = format_significant (fabs (s->slope));

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
      axis_init (&self->axes[0], NAN, NAN);
      axis_init (&self->axes[1], NAN, NAN);
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
  axis_init (&self->axes[0], x_min, x_max);
  axis_init (&self->axes[1], y_min, y_max);

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
      add_key (self, KEY_DASH, &self->theme.cutoff, _("Left-behind cut-off"));
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

static void
measure_panel (LmScatterRenderer *self,
               double            *out_box_w,
               double            *out_box_h,
               double            *out_key_w,
               double            *out_key_h)
{
  double s = self->scale;
  double box_w = 0, box_h = 0, key_w = 0, key_h = 0;

  for (guint i = 0; self->stats_lines[i] != NULL; i++)
    {
      double w, h;

      measure_text (self, self->stats_lines[i], FONT_STATS,
                    i == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, &w, &h);
      box_w = MAX (box_w, w);
      box_h += h + (i == 0 ? 3 * s : 0);
    }
  box_w += 2 * PAD * s;
  box_h += 2 * PAD * s;

  for (guint i = 0; i < self->key->len; i++)
    {
      KeyEntry *entry = g_ptr_array_index (self->key, i);
      double w, h;

      measure_text (self, entry->label, FONT_KEY,
                    entry->kind == KEY_HEADER ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, &w, &h);
      key_w = MAX (key_w, (entry->kind == KEY_HEADER ? 0 : (SWATCH + GAP * 1.5) * s) + w);
      key_h += MAX (h, SWATCH * s * 0.7) + 2 * s;
    }

  *out_box_w = box_w;
  *out_box_h = box_h;
  *out_key_w = key_w;
  *out_key_h = key_h;
}

static void
ensure_layout (LmScatterRenderer *self)
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
      g_autofree char *label = format_tick (self->y, axis_tick (ay, i), ay->decimals);
      double tw;

      measure_text (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL, &tw, NULL);
      ytick_w = MAX (ytick_w, tw);
    }
  {
    g_autofree char *label = format_tick (self->x, ax->hi, ax->decimals);

    measure_text (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL, &xtick_last_w, &xtick_h);
  }
  measure_text (self, "Xg", FONT_TITLE, PANGO_WEIGHT_NORMAL, NULL, &title_h);
  measure_panel (self, &box_w, &box_h, &key_w, &key_h);
  panel_w = MAX (box_w, key_w);

  left = PAD * s + title_h + 2 * GAP * s + ytick_w + GAP * s + TICK_LENGTH * s;
  bottom = TICK_LENGTH * s + GAP * s + xtick_h + 2 * GAP * s + title_h + PAD * s;
  top = PAD * s + xtick_h / 2;
  right = PAD * s + xtick_last_w / 2;

  /* The panel goes beside the plot or below it (stats and key side by
   * side), whichever leaves the plot's shorter side longer, so that a
   * narrow window or a wide strip both keep a usable plot. */
  {
    double beside = MIN (w - left - right - panel_w - PANEL_GAP * s, h - top - bottom);
    double below = MIN (w - left - right, h - top - bottom - MAX (box_h, key_h) - PAD * s);

    self->panel_below = below > beside;
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
      self->panel_x = self->plot_x;
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

  ensure_layout (self);
  out_area->x = self->plot_x;
  out_area->y = self->plot_y;
  out_area->width = self->plot_w;
  out_area->height = self->plot_h;
}

/* Pixel position of normalised coordinates; the one formula used by
 * drawing and hit-testing alike. */
static inline void
norm_to_pixel (LmScatterRenderer *self,
               double             u,
               double             v,
               double            *px,
               double            *py)
{
  *px = self->plot_x + u * self->plot_w;
  *py = self->plot_y + (1 - v) * self->plot_h;
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

  ensure_layout (self);
  ax = &self->axes[0];
  ay = &self->axes[1];
  norm_to_pixel (self, (x - ax->lo) / (ax->hi - ax->lo), (y - ay->lo) / (ay->hi - ay->lo),
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

  ensure_layout (self);
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

  ensure_layout (self);
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

/* The cells of the normalised square that the pixel rectangle
 * [@left, @right] x [@top, @bottom] overlaps: FALSE when it misses the
 * plot. */
static gboolean
pixel_rect_cells (LmScatterRenderer *self,
                  double             left,
                  double             top,
                  double             right,
                  double             bottom,
                  guint              range[4])
{
  LmBounds rect;

  rect.xmin = (left - self->plot_x) / self->plot_w;
  rect.xmax = (right - self->plot_x) / self->plot_w;
  rect.ymin = 1 - (bottom - self->plot_y) / self->plot_h;
  rect.ymax = 1 - (top - self->plot_y) / self->plot_h;
  if (rect.xmax < 0 || rect.xmin > 1 || rect.ymax < 0 || rect.ymin > 1)
    return FALSE;
  return lm_hit_grid_get_cell_range (self->grid, &rect, &range[0], &range[1], &range[2], &range[3]);
}

int
lm_scatter_renderer_find_nearest (LmScatterRenderer *self,
                                  double             px,
                                  double             py,
                                  double             max_distance)
{
  double best_d2;
  int best = -1;
  guint range[4];

  g_return_val_if_fail (self != NULL, -1);

  ensure_layout (self);
  if (self->n_points == 0 || max_distance < 0 ||
      !pixel_rect_cells (self, px - max_distance, py - max_distance,
                         px + max_distance, py + max_distance, range))
    return -1;

  best_d2 = max_distance * max_distance;
  for (guint cy = range[1]; cy <= range[3]; cy++)
    for (guint cx = range[0]; cx <= range[2]; cx++)
      {
        guint n;
        const guint *points = lm_hit_grid_get_cell_items (self->grid, cx, cy, &n);

        for (guint k = 0; k < n; k++)
          {
            guint p = points[k];
            double qx, qy, d2;

            norm_to_pixel (self, self->nx[p], self->ny[p], &qx, &qy);
            d2 = (qx - px) * (qx - px) + (qy - py) * (qy - py);
            /* Ties go to the lower area index, so that the answer does
             * not depend on the bucket order. */
            if (d2 < best_d2 || (d2 == best_d2 && (best < 0 || self->area[p] < (guint) best)))
              {
                best_d2 = d2;
                best = (int) self->area[p];
              }
          }
      }
  return best;
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
  GArray *areas;
  double left = MIN (x0, x1), right = MAX (x0, x1);
  double top = MIN (y0, y1), bottom = MAX (y0, y1);
  guint range[4];

  g_return_val_if_fail (self != NULL, NULL);

  ensure_layout (self);
  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  if (self->n_points == 0 || !pixel_rect_cells (self, left, top, right, bottom, range))
    return areas;

  for (guint cy = range[1]; cy <= range[3]; cy++)
    for (guint cx = range[0]; cx <= range[2]; cx++)
      {
        guint n;
        const guint *points = lm_hit_grid_get_cell_items (self->grid, cx, cy, &n);

        for (guint k = 0; k < n; k++)
          {
            guint p = points[k];
            double qx, qy;

            norm_to_pixel (self, self->nx[p], self->ny[p], &qx, &qy);
            if (qx >= left && qx <= right && qy >= top && qy <= bottom)
              g_array_append_val (areas, self->area[p]);
          }
      }
  g_array_sort (areas, compare_guint);
  return areas;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */
/* ------------------------------------------------------------------ */

static void
draw_grid_and_cutoffs (LmScatterRenderer *self,
                       cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  const Axis *ax = &self->axes[0];
  const Axis *ay = &self->axes[1];
  double px, py;

  cairo_save (cr);
  cairo_set_line_width (cr, 1 * s);
  set_color (cr, &t->grid, 1);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      cairo_move_to (cr, round (px) + 0.5, self->plot_y);
      cairo_line_to (cr, round (px) + 0.5, self->plot_y + self->plot_h);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      cairo_move_to (cr, self->plot_x, round (py) + 0.5);
      cairo_line_to (cr, self->plot_x + self->plot_w, round (py) + 0.5);
    }
  cairo_stroke (cr);

  if (self->show_cutoffs)
    {
      double cx = NAN, cy = NAN;
      double dashes[] = { 6 * s, 4 * s };

      cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
      cairo_clip (cr);
      if (isfinite (self->x_cut))
        lm_scatter_renderer_data_to_pixel (self, self->x_cut, ay->lo, &cx, NULL);
      if (isfinite (self->y_cut))
        lm_scatter_renderer_data_to_pixel (self, ax->lo, self->y_cut, NULL, &cy);

      if (isfinite (cx) && isfinite (cy))
        {
          /* Beyond both: the worse side of each cut-off. */
          gboolean right = lm_variable_higher_is_worse (self->x);
          gboolean up = lm_variable_higher_is_worse (self->y);
          double x0 = right ? cx : self->plot_x;
          double x1 = right ? self->plot_x + self->plot_w : cx;
          double y0 = up ? self->plot_y : cy;
          double y1 = up ? cy : self->plot_y + self->plot_h;

          set_color (cr, &t->shade, 1);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
        }
      set_color (cr, &t->cutoff, 1);
      cairo_set_line_width (cr, 1.5 * s);
      cairo_set_dash (cr, dashes, 2, 0);
      if (isfinite (cx))
        {
          cairo_move_to (cr, cx, self->plot_y);
          cairo_line_to (cr, cx, self->plot_y + self->plot_h);
        }
      if (isfinite (cy))
        {
          cairo_move_to (cr, self->plot_x, cy);
          cairo_line_to (cr, self->plot_x + self->plot_w, cy);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static double
point_alpha (LmScatterRenderer *self,
             guint              category)
{
  /* Left-behind points are the few that matter: keep them strong. */
  if (self->colour_by == LM_SCATTER_COLOUR_LEFT_BEHIND && self->n_categories > 1 && category > 0)
    return MAX (self->alpha, 0.8);
  return self->alpha;
}

/* One point as a path: fill, then the paper-coloured outline that
 * separates neighbours when there are few points. */
static void
paint_point (LmScatterRenderer *self,
             cairo_t           *cr,
             double             px,
             double             py,
             double             r,
             guint              category,
             gboolean           outline)
{
  cairo_new_path (cr);
  cairo_arc (cr, px, py, r, 0, 2 * G_PI);
  set_color (cr, &self->colors[category], point_alpha (self, category));
  if (outline)
    {
      cairo_fill_preserve (cr);
      set_color (cr, &self->theme.paper, 0.9);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
draw_points (LmScatterRenderer *self,
             cairo_t           *cr)
{
  double s = self->scale;
  double r = self->radius * s;
  gboolean outline = self->n_points < 1000;
  /* Left-behind points last, so the few are not buried by the many. */
  guint n_passes = self->colour_by == LM_SCATTER_COLOUR_LEFT_BEHIND ? self->n_categories : 1;
  cairo_surface_t *sprites[MAX_CATEGORIES + 1] = { NULL };
  double device = 1, half = 0;

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x - r, self->plot_y - r,
                   self->plot_w + 2 * r, self->plot_h + 2 * r);
  cairo_clip (cr);
  cairo_set_line_width (cr, 0.75 * s);

  /* On raster targets each point is a stamp of a pre-drawn disc at a
   * whole device pixel: 7,000 small composites cost a few milliseconds
   * where as many arcs cost a frame. SVG and PDF keep true circles. */
  if (!target_is_vector (cr))
    {
      double dy = 1;
      int size;

      cairo_user_to_device_distance (cr, &device, &dy);
      device = fabs (device);
      if (!(device > 0))
        device = 1;
      size = (int) ceil ((2 * r + 2 * s) * device) + 2;
      half = size / 2.0 / device;
      for (guint k = 0; k < self->n_categories; k++)
        {
          cairo_t *sprite_cr;

          sprites[k] = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                           CAIRO_FORMAT_ARGB32, size, size);
          cairo_surface_set_device_scale (sprites[k], device, device);
          sprite_cr = cairo_create (sprites[k]);
          cairo_set_line_width (sprite_cr, 0.75 * s);
          paint_point (self, sprite_cr, half, half, r, k, outline);
          cairo_destroy (sprite_cr);
        }
    }

  for (guint pass = 0; pass < n_passes; pass++)
    for (guint p = 0; p < self->n_points; p++)
      {
        guint category = self->category[p];
        double px, py;

        if (n_passes > 1 && category != pass)
          continue;
        norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
        if (sprites[category] != NULL)
          {
            /* Overlapping translucent stamps darken, which is what shows
             * the density of 7,000 wards. */
            double x = round ((px - half) * device) / device;
            double y = round ((py - half) * device) / device;

            cairo_set_source_surface (cr, sprites[category], x, y);
            cairo_rectangle (cr, x, y, 2 * half, 2 * half);
            cairo_fill (cr);
          }
        else
          {
            paint_point (self, cr, px, py, r, category, outline);
          }
      }

  for (guint k = 0; k < G_N_ELEMENTS (sprites); k++)
    g_clear_pointer (&sprites[k], cairo_surface_destroy);
  cairo_restore (cr);
}

static void
draw_fit (LmScatterRenderer *self,
          cairo_t           *cr)
{
  double s = self->scale;
  double x0, y0, x1, y1;

  if (!lm_scatter_renderer_get_fit_segment (self, &x0, &y0, &x1, &y1))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  /* A paper-coloured casing keeps the line readable over dense points. */
  set_color (cr, &self->theme.paper, 0.85);
  cairo_set_line_width (cr, 5 * s);
  cairo_stroke_preserve (cr);
  set_color (cr, &self->theme.ink, 1);
  cairo_set_line_width (cr, 2 * s);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_axes (LmScatterRenderer *self,
           cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  const Axis *ax = &self->axes[0];
  const Axis *ay = &self->axes[1];
  double bottom = self->plot_y + self->plot_h;
  double x_label_bottom = 0;
  double y_label_left = self->plot_x;
  double last_right = -INFINITY;
  double px, py;

  cairo_save (cr);
  set_color (cr, &t->axis, 1);
  cairo_set_line_width (cr, 1 * s);
  cairo_move_to (cr, self->plot_x - 0.5 * s, self->plot_y);
  cairo_line_to (cr, self->plot_x - 0.5 * s, bottom + 0.5 * s);
  cairo_line_to (cr, self->plot_x + self->plot_w, bottom + 0.5 * s);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      cairo_move_to (cr, round (px) + 0.5, bottom);
      cairo_line_to (cr, round (px) + 0.5, bottom + TICK_LENGTH * s);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      cairo_move_to (cr, self->plot_x, round (py) + 0.5);
      cairo_line_to (cr, self->plot_x - TICK_LENGTH * s, round (py) + 0.5);
    }
  cairo_stroke (cr);

  set_color (cr, &t->ink, 1);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      g_autofree char *label = format_tick (self->x, axis_tick (ax, i), ax->decimals);
      g_autoptr(PangoLayout) layout = create_layout (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL);
      double w, h;

      lm_text_layout_get_size (layout, &w, &h);
      norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      /* Skip labels that would touch the previous one (narrow plots). */
      if (px - w / 2 < last_right + GAP * s)
        continue;
      show_layout (cr, layout, px, bottom + (TICK_LENGTH + GAP) * s, 0.5, 0);
      last_right = px + w / 2;
      x_label_bottom = MAX (x_label_bottom, bottom + (TICK_LENGTH + GAP) * s + h);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      g_autofree char *label = format_tick (self->y, axis_tick (ay, i), ay->decimals);
      g_autoptr(PangoLayout) layout = create_layout (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL);
      double w;

      lm_text_layout_get_size (layout, &w, NULL);
      norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      show_layout (cr, layout, self->plot_x - (TICK_LENGTH + GAP) * s, py, 1, 0.5);
      y_label_left = MIN (y_label_left, self->plot_x - (TICK_LENGTH + GAP) * s - w);
    }

  if (self->x != NULL)
    {
      g_autofree char *title = lm_scatter_get_axis_title (self->x);

      show_text (self, cr, title, FONT_TITLE, PANGO_WEIGHT_NORMAL,
                 self->plot_x + self->plot_w / 2, x_label_bottom + 2 * GAP * s, 0.5, 0);
    }
  if (self->y != NULL)
    {
      g_autofree char *title = lm_scatter_get_axis_title (self->y);

      cairo_save (cr);
      cairo_translate (cr, y_label_left - 2 * GAP * s, self->plot_y + self->plot_h / 2);
      cairo_rotate (cr, -G_PI / 2);
      show_text (self, cr, title, FONT_TITLE, PANGO_WEIGHT_NORMAL, 0, 0, 0.5, 1);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

static void
draw_swatch (LmScatterRenderer *self,
             cairo_t           *cr,
             const KeyEntry    *entry,
             double             x,
             double             cy)
{
  double s = self->scale;
  double w = SWATCH * s;

  cairo_save (cr);
  switch (entry->kind)
    {
    case KEY_POINT:
      cairo_arc (cr, x + w / 2, cy, MAX (self->radius, 3.5) * s, 0, 2 * G_PI);
      set_color (cr, &entry->color, MAX (self->alpha, 0.7));
      cairo_fill (cr);
      break;
    case KEY_LINE:
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + w, cy);
      set_color (cr, &entry->color, 1);
      cairo_set_line_width (cr, 2 * s);
      cairo_stroke (cr);
      break;
    case KEY_DASH:
      {
        double dashes[] = { 4 * s, 3 * s };

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + w, cy);
        set_color (cr, &entry->color, 1);
        cairo_set_line_width (cr, 1.5 * s);
        cairo_set_dash (cr, dashes, 2, 0);
        cairo_stroke (cr);
      }
      break;
    case KEY_HEADER:
      break;
    case KEY_AREA:
    default:
      cairo_rectangle (cr, x, cy - w * 0.35, w, w * 0.7);
      set_color (cr, &entry->color, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &self->theme.cutoff, 0.5);
      cairo_set_line_width (cr, 1 * s);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
draw_panel (LmScatterRenderer *self,
            cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  double y;

  cairo_save (cr);
  cairo_rectangle (cr, round (self->panel_x) + 0.5, round (self->panel_y) + 0.5,
                   round (self->box_w), round (self->box_h));
  set_color (cr, &t->box, 1);
  cairo_fill_preserve (cr);
  set_color (cr, &t->box_border, 1);
  cairo_set_line_width (cr, 1 * s);
  cairo_stroke (cr);

  y = self->panel_y + PAD * s;
  for (guint i = 0; self->stats_lines[i] != NULL; i++)
    {
      PangoWeight weight = i == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) layout = NULL;
      double h;

      layout = create_layout (self, self->stats_lines[i], FONT_STATS, weight);
      lm_text_layout_get_size (layout, NULL, &h);
      set_color (cr, &t->ink, 1);
      show_layout (cr, layout, self->panel_x + PAD * s, y, 0, 0);
      y += h + (i == 0 ? 3 * s : 0);
    }

  y = self->key_y;
  for (guint i = 0; i < self->key->len; i++)
    {
      const KeyEntry *entry = g_ptr_array_index (self->key, i);
      gboolean header = entry->kind == KEY_HEADER;
      PangoWeight weight = header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) layout = create_layout (self, entry->label, FONT_KEY, weight);
      double text_x = self->key_x + (header ? 0 : (SWATCH + GAP * 1.5) * s);
      double h, row;

      lm_text_layout_get_size (layout, NULL, &h);
      row = MAX (h, SWATCH * s * 0.7);
      if (!header)
        draw_swatch (self, cr, entry, self->key_x, y + row / 2);
      set_color (cr, &t->ink, 1);
      show_layout (cr, layout, text_x, y + row / 2, 0, 0.5);
      y += row + 2 * s;
    }
  cairo_restore (cr);
}

/**
 * lm_scatter_renderer_draw:
 * @self: a renderer
 * @cr: the target
 * @width: width of the output in @cr's user units
 * @height: height of the output
 *
 * Draws the plot without selection or hover (see draw_overlay).
 */
void
lm_scatter_renderer_draw (LmScatterRenderer *self,
                          cairo_t           *cr,
                          double             width,
                          double             height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  lm_scatter_renderer_set_size (self, width, height);
  ensure_layout (self);
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  set_color (cr, &self->theme.paper, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_grid_and_cutoffs (self, cr);
  draw_points (self, cr);
  draw_fit (self, cr);
  draw_axes (self, cr);
  draw_panel (self, cr);
  cairo_restore (cr);
}

static gboolean
overlaps_any (const cairo_rectangle_t *rect,
              const cairo_rectangle_t *placed,
              guint                    n_placed)
{
  for (guint i = 0; i < n_placed; i++)
    if (rect->x < placed[i].x + placed[i].width && placed[i].x < rect->x + rect->width &&
        rect->y < placed[i].y + placed[i].height && placed[i].y < rect->y + rect->height)
      return TRUE;
  return FALSE;
}

/* Labels a point right of it, else left of it, else not at all: a
 * label on top of another helps nobody. @placed (MAX_LABELS entries)
 * collects the labels drawn so far. */
static void
draw_label (LmScatterRenderer *self,
            cairo_t           *cr,
            const char        *text,
            double             px,
            double             py,
            cairo_rectangle_t *placed,
            guint             *n_placed)
{
  double s = self->scale;
  g_autoptr(PangoLayout) layout = create_layout (self, text, FONT_LABEL, PANGO_WEIGHT_NORMAL);
  double w, h, x;
  PangoRectangle logical;
  cairo_rectangle_t rect;

  lm_text_layout_get_size (layout, &w, &h);
  rect = (cairo_rectangle_t) { px + (self->radius + 4) * s, py - h / 2, w, h };
  if (rect.x + w > self->plot_x + self->plot_w || overlaps_any (&rect, placed, *n_placed))
    {
      rect.x = px - (self->radius + 4) * s - w;
      if (overlaps_any (&rect, placed, *n_placed))
        return;
    }
  x = rect.x;
  g_assert (*n_placed < MAX_LABELS);
  placed[(*n_placed)++] = rect;
  pango_cairo_update_layout (cr, layout);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - logical.x, py - h / 2 - logical.y);
  pango_cairo_layout_path (cr, layout);
  set_color (cr, &self->theme.paper, 0.9);
  cairo_set_line_width (cr, 3 * s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  set_color (cr, &self->theme.ink, 1);
  cairo_fill (cr);
}

static void
draw_marked_point (LmScatterRenderer *self,
                   cairo_t           *cr,
                   guint              p,
                   double             ring,
                   const LmColor     *ring_color,
                   double             ring_width)
{
  double s = self->scale;
  double r = self->radius * s;
  double px, py;

  norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
  cairo_new_path (cr);
  cairo_arc (cr, px, py, r + ring, 0, 2 * G_PI);
  set_color (cr, &self->theme.paper, 1);
  cairo_set_line_width (cr, ring_width + 2 * s);
  cairo_stroke (cr);
  cairo_arc (cr, px, py, MAX (r, 2.5 * s), 0, 2 * G_PI);
  set_color (cr, &self->colors[self->category[p]], 1);
  cairo_fill (cr);
  cairo_arc (cr, px, py, r + ring, 0, 2 * G_PI);
  set_color (cr, ring_color, 1);
  cairo_set_line_width (cr, ring_width);
  cairo_stroke (cr);
}

/**
 * lm_scatter_renderer_draw_overlay:
 * @self: a renderer
 * @cr: the target, with the same size as the last draw
 * @selected: (nullable): level->n_areas bytes, non-zero = selected
 * @hover: the hovered area, or -1
 *
 * Draws the selected points at full strength with a ring, their names
 * when there are few, and a larger ring around the hovered point. Cheap
 * enough for every frame.
 */
void
lm_scatter_renderer_draw_overlay (LmScatterRenderer *self,
                                  cairo_t           *cr,
                                  const guint8      *selected,
                                  int                hover)
{
  double s;
  guint n_selected = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  ensure_layout (self);
  if (self->level == NULL || self->n_points == 0)
    return;
  s = self->scale;
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x - 8 * s, self->plot_y - 8 * s,
                   self->plot_w + 16 * s, self->plot_h + 16 * s);
  cairo_clip (cr);
  if (selected != NULL)
    {
      for (guint p = 0; p < self->n_points; p++)
        if (selected[self->area[p]])
          {
            draw_marked_point (self, cr, p, 1.5 * s, &self->theme.selection, 1.5 * s);
            n_selected++;
          }
      if (n_selected > 0 && n_selected <= MAX_LABELS)
        {
          cairo_rectangle_t placed[MAX_LABELS];
          guint n_placed = 0;

          for (guint p = 0; p < self->n_points; p++)
            if (selected[self->area[p]])
              {
                double px, py;

                norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
                draw_label (self, cr, self->level->names[self->area[p]], px, py,
                            placed, &n_placed);
              }
        }
    }
  if (hover >= 0 && (guint) hover < self->level->n_areas && self->point_of_area[hover] >= 0)
    draw_marked_point (self, cr, (guint) self->point_of_area[hover], 4 * s,
                       &self->theme.hover, 2 * s);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Export                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  LmScatterRenderer *renderer;
  const guint8      *selected;
  char              *title;
  char              *subtitle;
  char              *footer;
} Figure;

static void
draw_figure (cairo_t  *cr,
             int       width,
             int       height,
             gpointer  user_data)
{
  Figure *figure = user_data;
  LmScatterRenderer *self = figure->renderer;
  /* Text and marks grow with the figure, from the screen size at about
   * 900 x 650 upwards. */
  double s = CLAMP (MIN (width / 900.0, height / 650.0), 0.75, 4.0);
  double pad = 16 * s;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  double title_h, subtitle_h, footer_h, top;

  lm_scatter_renderer_set_font (self, self->family, s);
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  set_color (cr, &self->theme.paper, 1);
  cairo_paint (cr);

  title = create_layout (self, figure->title, 17, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (title, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);
  subtitle = create_layout (self, figure->subtitle, 12, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (subtitle, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (subtitle, PANGO_WRAP_WORD);
  footer = create_layout (self, figure->footer, 9.5, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (footer, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (footer, PANGO_WRAP_WORD);
  pango_layout_set_spacing (footer, (int) (1.5 * s * PANGO_SCALE));
  lm_text_layout_get_size (title, NULL, &title_h);
  lm_text_layout_get_size (subtitle, NULL, &subtitle_h);
  lm_text_layout_get_size (footer, NULL, &footer_h);

  set_color (cr, &self->theme.ink, 1);
  show_layout (cr, title, pad, pad, 0, 0);
  set_color (cr, &self->theme.muted, 1);
  show_layout (cr, subtitle, pad, pad + title_h + 2 * s, 0, 0);
  show_layout (cr, footer, pad, height - pad - footer_h, 0, 0);

  top = pad + title_h + 2 * s + subtitle_h + 6 * s;
  cairo_translate (cr, pad - PAD * s, top);
  lm_scatter_renderer_draw (self, cr, width - 2 * (pad - PAD * s),
                            height - top - pad - footer_h - 6 * s);
  lm_scatter_renderer_draw_overlay (self, cr, figure->selected, -1);
  cairo_restore (cr);
}

static char *
figure_title (const LmScatterExportOptions *options,
              LmVariable                   *x,
              LmVariable                   *y)
{
  if (options->title != NULL)
    return g_strdup (options->title);
  for (guint r = 0; r < LM_N_REPORTS; r++)
    {
      const LmReportPreset *preset = lm_report_get_preset ((LmReport) r);

      if (g_strcmp0 (preset->level, options->level) == 0 &&
          g_strcmp0 (preset->x, options->x) == 0 &&
          g_strcmp0 (preset->y, options->y) == 0)
        return g_strdup (_(preset->title));
    }
  /* Translators: a figure title, "Leave vote 2016 (%) against IMD score" */
  return g_strdup_printf (_("%s against %s"), y->title, x->title);
}

static char *
figure_footer (LmModel *model,
               gboolean weighted)
{
  LmDataset *dataset = lm_model_get_dataset (model);
  const char * const *attributions = lm_dataset_get_attributions (dataset);
  g_autofree char *weights = lm_model_describe_weights (model);
  GString *footer = g_string_new (NULL);

  g_string_append_printf (footer, _("Data: %s."), lm_dataset_get_title (dataset));
  g_string_append_c (footer, ' ');
  if (weights != NULL)
    g_string_append_printf (footer, _("Weights differ from the official ones (%s)."), weights);
  else
    g_string_append (footer, _("Official index weights."));
  g_string_append_c (footer, ' ');
  if (weighted)
    g_string_append (footer, _("Statistics population-weighted (Spearman’s ρ unweighted)."));
  else
    g_string_append (footer, _("Statistics unweighted."));
  g_string_append_c (footer, ' ');
  g_string_append_printf (footer, _("Made with Levelmap %s."), PACKAGE_VERSION);
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    {
      g_string_append_c (footer, '\n');
      g_string_append (footer, attributions[i]);
    }
  return g_string_free (footer, FALSE);
}

/**
 * lm_scatter_export:
 * @model: the model (its current weights and selection are used)
 * @options: what to plot and how large
 * @path: the output file; .png, .svg or .pdf
 * @error: return location for a #GError
 *
 * Writes a scatter plot figure. The file is written atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
lm_scatter_export (LmModel                      *model,
                   const LmScatterExportOptions *options,
                   const char                   *path,
                   GError                      **error)
{
  g_autoptr(LmScatterRenderer) renderer = NULL;
  LmDataset *dataset;
  LmVariable *x, *y;
  LmLevel *level;
  LmLeftBehindRule *rule;
  double x_cut, y_cut;
  int width, height;
  Figure figure = { 0 };
  gboolean ok;

  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->level != NULL && options->x != NULL && options->y != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  x = lm_model_find_variable (model, options->level, options->x, error);
  if (x == NULL)
    return FALSE;
  y = lm_model_find_variable (model, options->level, options->y, error);
  if (y == NULL)
    return FALSE;
  level = x->level;
  dataset = lm_model_get_dataset (model);
  rule = lm_dataset_get_left_behind_rule (dataset);

  renderer = lm_scatter_renderer_new ();
  lm_scatter_renderer_set_variables (renderer, level, x, y);
  lm_scatter_renderer_set_weighted (renderer, options->weighted);
  lm_scatter_renderer_set_colour_by (renderer, options->colour_by);
  if (rule != NULL)
    lm_scatter_renderer_set_left_behind (renderer,
                                         lm_level_find_variable (rule->level, "left_behind"));
  lm_scatter_renderer_set_show_cutoffs (renderer, options->show_cutoffs);
  lm_scatter_find_cutoffs (dataset, level, x, y, &x_cut, &y_cut);
  lm_scatter_renderer_set_cutoffs (renderer, x_cut, y_cut);

  width = options->width > 0 ? options->width : 1200;
  height = options->height > 0 ? options->height : 900;

  figure.renderer = renderer;
  if (options->show_selection && !lm_selection_is_empty (lm_model_get_selection (model)))
    figure.selected = lm_selection_get_mask (lm_model_get_selection (model), level);
  figure.title = figure_title (options, x, y);
  /* Translators: under a figure title, "Local authority districts (2019);
   * each point is one area" */
  figure.subtitle = g_strdup_printf (_("%s; each point is one area"), level->title);
  figure.footer = figure_footer (model, options->weighted);

  ok = lm_export_draw_to_file (path, width, height, draw_figure, &figure, error);

  g_free (figure.title);
  g_free (figure.subtitle);
  g_free (figure.footer);
  return ok;
}
