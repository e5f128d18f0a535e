/* lm-bivariate-map.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-bivariate-map.h"

struct _LmBivariateMap
{
  /* What to show */
  char                     *x_id;
  char                     *y_id;
  LmBivariateBreaks         x_breaks;
  LmBivariateBreaks         y_breaks;
  char                     *palette_name;

  /* The last update; borrowed from the model's dataset */
  LmVariable               *x;
  LmVariable               *y;
  const LmBivariatePalette *palette;
  LmBivariateClasses        classes;
  LmColor                   colors[LM_BIVARIATE_CELLS];
};

LmBivariateMap *
lm_bivariate_map_new (void)
{
  return g_new0 (LmBivariateMap, 1);
}

void
lm_bivariate_map_free (LmBivariateMap *self)
{
  if (self == NULL)
    return;
  g_free (self->x_id);
  g_free (self->y_id);
  g_free (self->palette_name);
  g_free (self);
}

void
lm_bivariate_map_set (LmBivariateMap          *self,
                      const char              *x_id,
                      const char              *y_id,
                      const LmBivariateBreaks *x_breaks,
                      const LmBivariateBreaks *y_breaks)
{
  LmBivariateBreaks tertiles = { FALSE, 0, 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail ((x_id == NULL) == (y_id == NULL));

  g_free (self->x_id);
  g_free (self->y_id);
  self->x_id = g_strdup (x_id);
  self->y_id = g_strdup (y_id);
  self->x_breaks = x_breaks != NULL ? *x_breaks : tertiles;
  self->y_breaks = y_breaks != NULL ? *y_breaks : tertiles;
  self->x = self->y = NULL;
}

gboolean
lm_bivariate_map_is_set (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->x_id != NULL;
}

void
lm_bivariate_map_set_palette (LmBivariateMap *self,
                              const char     *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->palette_name);
  self->palette_name = g_strdup (name);
}

gboolean
lm_bivariate_map_update (LmBivariateMap  *self,
                         LmModel         *model,
                         const char      *level_id,
                         gint8           *out_cells,
                         LmColor         *out_colors,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL && lm_bivariate_map_is_set (self), FALSE);
  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);

  self->palette = self->palette_name != NULL
                  ? lm_bivariate_palette_lookup (self->palette_name, error)
                  : lm_bivariate_palette_get_default ();
  if (self->palette == NULL ||
      (self->x = lm_model_find_variable (model, level_id, self->x_id, error)) == NULL ||
      (self->y = lm_model_find_variable (model, level_id, self->y_id, error)) == NULL)
    {
      self->x = self->y = NULL;
      return FALSE;
    }
  if (!lm_bivariate_classify (self->x, self->y, &self->x_breaks, &self->y_breaks, &self->classes,
                              out_cells, error))
    return FALSE;
  lm_bivariate_palette_get_colors (self->palette, self->colors);
  memcpy (out_colors, self->colors, sizeof self->colors);
  return TRUE;
}

LmVariable *
lm_bivariate_map_get_x (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x;
}

LmVariable *
lm_bivariate_map_get_y (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y;
}

const LmBivariateClasses *
lm_bivariate_map_get_classes (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x != NULL ? &self->classes : NULL;
}

const LmColor *
lm_bivariate_map_get_colors (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->colors;
}

char *
lm_bivariate_map_get_title (LmBivariateMap *self)
{
  g_return_val_if_fail (self != NULL && self->x != NULL, NULL);

  /* Translators: the title of a bivariate map, "IMD decile and CNI score" */
  return g_strdup_printf (_("%s and %s"), self->x->title, self->y->title);
}

/* "tertiles" or "up to 1, 2 – 3, above 3", for one axis. */
static char *
describe_axis (const LmVariable        *variable,
               const LmBivariateBreaks *breaks)
{
  g_autofree char *worst = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *best = NULL;

  if (!breaks->given)
    return g_strdup (_("tertiles"));
  best = lm_bivariate_describe_class (variable, breaks, 0);
  middle = lm_bivariate_describe_class (variable, breaks, 1);
  worst = lm_bivariate_describe_class (variable, breaks, 2);
  return g_strdup_printf ("%s | %s | %s", best, middle, worst);
}

LmBivariateLegendRenderer *
lm_bivariate_map_make_legend (LmBivariateMap *self,
                              double          font_size,
                              double          max_width)
{
  LmBivariateLegendRenderer *legend;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (self != NULL && self->x != NULL, NULL);

  legend = lm_bivariate_legend_renderer_new ();
  lm_bivariate_legend_renderer_set_classes (legend, self->x, self->y, &self->classes, self->colors);
  subtitle = g_strdup_printf ("%s; %s",
                              !self->x_breaks.given && !self->y_breaks.given
                              ? _("tertiles of each") : _("breaks as chosen"),
                              /* Translators: under a bivariate key */
                              _("darkest: at the far end of both arrows"));
  lm_bivariate_legend_renderer_set_title (legend, NULL, subtitle);
  lm_bivariate_legend_renderer_set_font (legend, "Sans", font_size);
  lm_bivariate_legend_renderer_set_max_width (legend, max_width);
  return legend;
}

char *
lm_bivariate_map_describe_classes (LmBivariateMap *self)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (self != NULL && self->x != NULL, NULL);

  x = describe_axis (self->x, &self->x_breaks);
  y = describe_axis (self->y, &self->y_breaks);
  /* Translators: provenance of a bivariate map: "Classes of IMD decile:
   * up to 1 | 2 – 3 | above 3; of CNI score: tertiles; colours: Pink–blue
   * (Stevens)." */
  return g_strdup_printf (_("Classes of %s: %s; of %s: %s; colours: %s."), self->x->title, x,
                          self->y->title, y, lm_bivariate_palette_get_title (self->palette));
}

char *
lm_bivariate_map_describe_area (LmBivariateMap *self,
                                guint           area)
{
  g_autofree char *x_value = NULL;
  g_autofree char *y_value = NULL;

  g_return_val_if_fail (self != NULL && self->x != NULL, NULL);
  g_return_val_if_fail (area < self->x->level->n_areas, NULL);

  x_value = lm_variable_format_value (self->x, self->x->values[area]);
  y_value = lm_variable_format_value (self->y, self->y->values[area]);
  return g_markup_printf_escaped ("\n%s: <b>%s</b>\n%s: <b>%s</b>", self->x->title, x_value,
                                  self->y->title, y_value);
}
