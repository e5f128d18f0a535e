/* lm-variable.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lm-level.h"
#include "lm-variable.h"

LmVariable *
lm_variable_new (const char *id,
                 const char *title,
                 LmUnit      unit,
                 LmLevel    *level)
{
  LmVariable *variable;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (level != NULL, NULL);

  variable = g_new0 (LmVariable, 1);
  variable->id = g_strdup (id);
  variable->title = g_strdup (title != NULL ? title : id);
  variable->unit = unit;
  variable->level = level;
  variable->values = g_new (double, MAX (level->n_areas, 1));
  for (guint i = 0; i < level->n_areas; i++)
    variable->values[i] = NAN;
  return variable;
}

void
lm_variable_free (LmVariable *variable)
{
  if (variable == NULL)
    return;
  g_free (variable->id);
  g_free (variable->title);
  g_free (variable->values);
  g_free (variable->source);
  g_free (variable->source2);
  g_free (variable);
}

gboolean
lm_variable_higher_is_worse (const LmVariable *variable)
{
  return variable->unit != LM_UNIT_RANK && variable->unit != LM_UNIT_DECILE;
}

char *
lm_variable_format_value (const LmVariable *variable,
                          double            value)
{
  if (isnan (value))
    return g_strdup (_("no data"));

  switch (variable->unit)
    {
    case LM_UNIT_SCORE:
      return g_strdup_printf ("%.1f", value);
    case LM_UNIT_PERCENT:
      return g_strdup_printf ("%.1f%%", value);
    case LM_UNIT_FLAG:
      return g_strdup (value != 0 ? _("yes") : _("no"));
    case LM_UNIT_CHANGE:
      return g_strdup_printf ("%+.0f", value);
    case LM_UNIT_PROBABILITY:
      return g_strdup_printf ("%.1f%%", 100 * value);
    case LM_UNIT_RANK:
    case LM_UNIT_DECILE:
    case LM_UNIT_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

guint
lm_variable_count_values (const LmVariable *variable)
{
  guint n = 0;

  for (guint i = 0; i < variable->level->n_areas; i++)
    if (!isnan (variable->values[i]))
      n++;
  return n;
}

void
lm_variable_get_range (const LmVariable *variable,
                       double           *out_min,
                       double           *out_max)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < variable->level->n_areas; i++)
    {
      double v = variable->values[i];
      if (isnan (v))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (lo > hi)
    lo = hi = NAN;
  if (out_min)
    *out_min = lo;
  if (out_max)
    *out_max = hi;
}

const char *
lm_unit_get_label (LmUnit unit)
{
  switch (unit)
    {
    case LM_UNIT_SCORE:
      return _("score");
    case LM_UNIT_RANK:
      return _("rank, 1 = most deprived");
    case LM_UNIT_DECILE:
      return _("decile, 1 = most deprived");
    case LM_UNIT_PERCENT:
      return "%";
    case LM_UNIT_COUNT:
      return _("count");
    case LM_UNIT_FLAG:
      return _("yes/no");
    case LM_UNIT_CHANGE:
      return _("places");
    case LM_UNIT_PROBABILITY:
      return _("share of draws");
    default:
      return "";
    }
}
