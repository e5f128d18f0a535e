/* lm-scatter-axes.c — scatter plots: numbers, ticks, axis titles, cut-offs
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lm-export.h"
#include "lm-rank.h"
#include "lm-scatter-renderer-private.h"
#include "lm-text.h"

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
char *
_lm_scatter_format_fixed (double value,
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
char *
_lm_scatter_format_significant (double value)
{
  int decimals;

  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");
  if (value == 0)
    return g_strdup ("0");
  decimals = 2 - (int) floor (log10 (fabs (value)));
  return _lm_scatter_format_fixed (value, CLAMP (decimals, 0, 8));
}

char *
_lm_scatter_format_statistic (double value)
{
  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");
  return with_minus (g_strdup_printf ("%.3f", value));
}

char *
_lm_scatter_format_tick (const LmVariable *variable,
                         double            value,
                         int               decimals)
{
  g_autofree char *number = NULL;

  /* The tick at zero may come out as "-0.0" after the step arithmetic. */
  if (fabs (value) < 1e-9)
    value = 0;
  number = _lm_scatter_format_fixed (value, decimals);
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

void
_lm_scatter_axis_init (Axis   *axis,
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

double
_lm_scatter_axis_tick (const Axis *axis,
                       guint       i)
{
  return axis->lo + i * axis->step;
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
