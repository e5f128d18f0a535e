/* lm-bivariate.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-bivariate.h"
#include "lm-classify.h"
#include "lm-level.h"

G_DEFINE_QUARK (lm-bivariate-error-quark, lm_bivariate_error)

/* Auxiliary methods */

static gboolean
parse_axis (const char         *text,
            const char         *whole,
            char              **out_id,
            LmBivariateBreaks  *out,
            GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  char *end_low = NULL, *end_high = NULL;

  memset (out, 0, sizeof *out);
  if ((n != 1 && n != 3) || *g_strstrip (parts[0]) == '\0')
    goto syntax;
  if (n == 3)
    {
      out->given = TRUE;
      out->low = g_ascii_strtod (parts[1], &end_low);
      out->high = g_ascii_strtod (parts[2], &end_high);
      if (end_low == parts[1] || *end_low != '\0' || end_high == parts[2] || *end_high != '\0' ||
          !isfinite (out->low) || !isfinite (out->high))
        goto syntax;
      if (!(out->low < out->high))
        {
          g_set_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_BREAKS,
                       _("In “%s” the breaks of %s must be two numbers, the lower first, not %g "
                         "and %g"), whole, parts[0], out->low, out->high);
          return FALSE;
        }
    }
  *out_id = g_strdup (parts[0]);
  return TRUE;

syntax:
  g_set_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_SYNTAX,
               _("“%s” is not a bivariate map: write X,Y, each a variable id alone (tertiles) or "
                 "with its breaks as ID:LOW:HIGH, e.g. imd.decile:1:3,cni.score"), whole);
  return FALSE;
}

/* The tertiles of @variable over the areas where @other has a value too. */
static void
find_tertiles (const LmVariable  *variable,
               const LmVariable  *other,
               LmBivariateBreaks *out)
{
  guint n = variable->level->n_areas;
  g_autofree double *paired = g_new (double, MAX (n, 1));
  LmClassification classes;

  for (guint a = 0; a < n; a++)
    paired[a] = isnan (other->values[a]) ? NAN : variable->values[a];
  out->given = FALSE;
  if (!lm_classify (paired, n, LM_CLASSIFY_QUANTILE, LM_BIVARIATE_SIDE, &classes))
    {
      out->low = out->high = NAN;
      return;
    }
  /* Few distinct values give fewer classes: the middle then stays empty. */
  out->low = classes.upper[0];
  out->high = classes.n_classes >= 3 ? classes.upper[1] : classes.upper[0];
}

static char *
format_bound (const LmVariable *variable,
              double            value)
{
  return lm_variable_format_value (variable, value);
}

static gboolean
is_whole (const LmVariable *variable)
{
  return variable->unit == LM_UNIT_RANK || variable->unit == LM_UNIT_DECILE ||
         variable->unit == LM_UNIT_COUNT;
}

/* Public API */

gboolean
lm_bivariate_parse (const char         *text,
                    char              **out_x,
                    char              **out_y,
                    LmBivariateBreaks  *out_x_breaks,
                    LmBivariateBreaks  *out_y_breaks,
                    GError            **error)
{
  g_auto(GStrv) axes = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  axes = g_strsplit (text, ",", -1);
  if (g_strv_length (axes) != 2)
    {
      g_set_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_SYNTAX,
                   _("“%s” is not a bivariate map: write X,Y, each a variable id alone (tertiles) "
                     "or with its breaks as ID:LOW:HIGH, e.g. imd.decile:1:3,cni.score"), text);
      return FALSE;
    }
  if (!parse_axis (axes[0], text, out_x, out_x_breaks, error))
    return FALSE;
  if (!parse_axis (axes[1], text, out_y, out_y_breaks, error))
    {
      g_clear_pointer (out_x, g_free);
      return FALSE;
    }
  return TRUE;
}

char *
lm_bivariate_to_string (const char              *x,
                        const char              *y,
                        const LmBivariateBreaks *x_breaks,
                        const LmBivariateBreaks *y_breaks)
{
  g_autoptr(GString) text = g_string_new (x);
  char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];

  if (x_breaks != NULL && x_breaks->given)
    g_string_append_printf (text, ":%s:%s", g_ascii_dtostr (low, sizeof low, x_breaks->low),
                            g_ascii_dtostr (high, sizeof high, x_breaks->high));
  g_string_append_printf (text, ",%s", y);
  if (y_breaks != NULL && y_breaks->given)
    g_string_append_printf (text, ":%s:%s", g_ascii_dtostr (low, sizeof low, y_breaks->low),
                            g_ascii_dtostr (high, sizeof high, y_breaks->high));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
lm_bivariate_class_of (const LmVariable        *variable,
                       const LmBivariateBreaks *breaks,
                       double                   value)
{
  int raw;

  if (isnan (value))
    return -1;
  raw = value <= breaks->low ? 0 : value <= breaks->high ? 1 : 2;
  /* Class 2 is the worse end whichever way the variable runs. */
  return lm_variable_higher_is_worse (variable) ? raw : 2 - raw;
}

gboolean
lm_bivariate_classify (const LmVariable        *x,
                       const LmVariable        *y,
                       const LmBivariateBreaks *x_breaks,
                       const LmBivariateBreaks *y_breaks,
                       LmBivariateClasses      *out,
                       gint8                   *out_cells,
                       GError                 **error)
{
  guint n, n_complete = 0;

  g_return_val_if_fail (x != NULL && y != NULL, FALSE);
  g_return_val_if_fail (x->level == y->level, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  n = x->level->n_areas;
  if (x_breaks != NULL && x_breaks->given)
    out->x = *x_breaks;
  else
    find_tertiles (x, y, &out->x);
  if (y_breaks != NULL && y_breaks->given)
    out->y = *y_breaks;
  else
    find_tertiles (y, x, &out->y);

  for (guint a = 0; a < n; a++)
    {
      int cx = lm_bivariate_class_of (x, &out->x, x->values[a]);
      int cy = lm_bivariate_class_of (y, &out->y, y->values[a]);
      int cell = cx < 0 || cy < 0 ? -1 : (int) lm_bivariate_cell ((guint) cx, (guint) cy);

      if (out_cells != NULL)
        out_cells[a] = (gint8) cell;
      if (cell < 0)
        out->n_missing++;
      else
        {
          out->count[cell]++;
          n_complete++;
        }
    }
  if (n_complete == 0)
    {
      g_set_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_NO_VALUES,
                   _("No %s has both “%s” and “%s”, so there is nothing to map."),
                   lm_level_get_singular (x->level), x->title, y->title);
      return FALSE;
    }
  return TRUE;
}

char *
lm_bivariate_describe_class (const LmVariable        *variable,
                             const LmBivariateBreaks *breaks,
                             guint                    k)
{
  int raw;
  double low = breaks->low;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (k < LM_BIVARIATE_SIDE, NULL);

  raw = lm_variable_higher_is_worse (variable) ? (int) k : 2 - (int) k;
  if (raw == 0)
    {
      upper = format_bound (variable, breaks->low);
      /* Translators: a class of a bivariate legend, "up to 12.3" */
      return g_strdup_printf (_("up to %s"), upper);
    }
  if (raw == 2)
    {
      lower = format_bound (variable, breaks->high);
      /* Translators: a class of a bivariate legend, "above 20.1" */
      return g_strdup_printf (_("above %s"), lower);
    }
  /* Open below: for whole numbers say the first one in the class. */
  if (is_whole (variable) && low == floor (low))
    low += 1;
  lower = format_bound (variable, low);
  upper = format_bound (variable, breaks->high);
  if (g_strcmp0 (lower, upper) == 0)
    return g_steal_pointer (&lower);
  /* Translators: a class of values in a map legend, "12.3 – 20.1" */
  return g_strdup_printf (_("%s – %s"), lower, upper);
}
