/* lm-bivariate-palette.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-bivariate-palette.h"

struct _LmBivariatePalette
{
  const char *name;
  const char *title;
  const char *colors[LM_BIVARIATE_CELLS];  /* rows of x classes, y from the bottom */
};

/* Joshua Stevens, "Bivariate Choropleth Maps: A How-to Guide" (2015): two
 * sequential hues that mix to a dark one, with steps of lightness that
 * stay apart in the common colour-vision deficiencies. */
static const LmBivariatePalette palettes[] = {
  { "pink-blue", N_("Pink–blue (Stevens)"),
    { "#e8e8e8", "#ace4e4", "#5ac8c8",
      "#dfb0d6", "#a5add3", "#5698b9",
      "#be64ac", "#8c62aa", "#3b4994" } },
  { "green-blue", N_("Green–blue (Stevens)"),
    { "#e8e8e8", "#b5c0da", "#6c83b5",
      "#b8d6be", "#90b2b3", "#567994",
      "#73ae80", "#5a9178", "#2a5a5b" } },
};

const LmBivariatePalette *
lm_bivariate_palette_lookup (const char  *name,
                             GError     **error)
{
  g_autofree char *known = NULL;

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (palettes); i++)
    if (g_ascii_strcasecmp (name, palettes[i].name) == 0)
      return &palettes[i];
  known = lm_bivariate_palette_list_names ();
  g_set_error (error, LM_PALETTE_ERROR, LM_PALETTE_ERROR_UNKNOWN,
               _("There is no bivariate colour scheme “%s”; the schemes are %s"),
               name != NULL ? name : "", known);
  return NULL;
}

const LmBivariatePalette *
lm_bivariate_palette_get_default (void)
{
  return &palettes[0];
}

const char *
lm_bivariate_palette_get_name (const LmBivariatePalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);
  return palette->name;
}

const char *
lm_bivariate_palette_get_title (const LmBivariatePalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);
  return _(palette->title);
}

void
lm_bivariate_palette_get_colors (const LmBivariatePalette *palette,
                                 LmColor                  *out_colors)
{
  g_return_if_fail (palette != NULL);

  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    lm_color_parse (palette->colors[c], &out_colors[c]);
}

char *
lm_bivariate_palette_list_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", palettes[i].name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}
