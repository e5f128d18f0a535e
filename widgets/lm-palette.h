/* lm-palette.h — named colour schemes for choropleth classes
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-variable.h"

G_BEGIN_DECLS

#define LM_PALETTE_ERROR (lm_palette_error_quark ())

typedef enum
{
  LM_PALETTE_ERROR_UNKNOWN,   /* no palette of that name */
} LmPaletteError;

typedef enum
{
  LM_PALETTE_SEQUENTIAL,  /* one hue or a few, light to dark */
  LM_PALETTE_DIVERGING,   /* two hues meeting at a light middle */
} LmPaletteKind;

/* A colour with components in 0..1, ready for cairo_set_source_rgba(). */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} LmColor;

/* Palettes are static tables: never freed, safe to share between threads. */
typedef struct _LmPalette LmPalette;

#define LM_PALETTE_DEFAULT_SEQUENTIAL "viridis"
#define LM_PALETTE_DEFAULT_DIVERGING  "RdBu"
#define LM_PALETTE_DEFAULT_LIKELIHOOD "OrRd"
#define LM_PALETTE_MIN_CLASSES 3
#define LM_PALETTE_MAX_CLASSES 10

GQuark              lm_palette_error_quark          (void);

/**
 * lm_palette_lookup:
 * @name: a palette name as on the command line ("viridis", "YlOrRd", ...);
 *   case-insensitive
 * @error: set to LM_PALETTE_ERROR_UNKNOWN (listing the known names) when
 *   there is no such palette
 *
 * Returns: (transfer none) (nullable): the palette, or %NULL
 */
const LmPalette    *lm_palette_lookup               (const char       *name,
                                                     GError          **error);
/* The colour-blind-safe default for a variable: viridis for scores,
 * ranks, deciles, percentages and counts; RdBu for signed rank changes;
 * OrRd for shares of Monte Carlo draws. */
const LmPalette    *lm_palette_get_default          (const LmVariable *variable);
/* Canonical name ("YlOrRd"), as accepted by lm_palette_lookup(). */
const char         *lm_palette_get_name             (const LmPalette  *palette);
/* Translated, for menus: "Yellow–orange–red". */
const char         *lm_palette_get_title            (const LmPalette  *palette);
LmPaletteKind       lm_palette_get_kind             (const LmPalette  *palette);
gboolean            lm_palette_is_colorblind_safe   (const LmPalette  *palette);

/**
 * lm_palette_list:
 *
 * Returns: (transfer none): every palette, %NULL-terminated, sequential
 *   ones first, the default first of all
 */
const LmPalette * const *lm_palette_list            (void);
/* "viridis, magma, YlOrRd, ..." for --help and error messages; free with
 * g_free(). */
char               *lm_palette_list_names           (void);

/**
 * lm_palette_get_colors:
 * @palette: a palette
 * @n_classes: 1..LM_PALETTE_MAX_CLASSES (clamped)
 * @reverse: %FALSE for the palette's own order (light/neutral "good" end
 *   first, dark/strong "worse" end last), %TRUE for the opposite
 * @out_colors: (out caller-allocates) (array length=n_classes): colours
 *
 * Gives @n_classes colours: ColorBrewer's own hand-tuned set for that
 * class count where it exists, otherwise colours interpolated along the
 * scheme in CIE Lab. Colours are opaque.
 */
void                lm_palette_get_colors           (const LmPalette  *palette,
                                                     guint             n_classes,
                                                     gboolean          reverse,
                                                     LmColor          *out_colors);
/**
 * lm_palette_get_colors_for_variable:
 * @palette: a palette
 * @variable: the variable being mapped
 * @n_classes: number of classes, lowest values first
 * @out_colors: (out caller-allocates): one colour per class, lowest values first
 *
 * Like lm_palette_get_colors(), with the direction chosen so that the
 * more deprived/needy end reads darker or stronger: for scores the
 * highest class is darkest, for ranks and deciles (1 = most deprived) the
 * lowest class is. (Uses lm_variable_higher_is_worse().)
 */
void                lm_palette_get_colors_for_variable (const LmPalette  *palette,
                                                        const LmVariable *variable,
                                                        guint             n_classes,
                                                        LmColor          *out_colors);
/* The fill for areas without a value: a mid grey that no palette uses. */
LmColor             lm_palette_get_no_data_color    (void);
/* Parses "#rrggbb" or "#rrggbbaa". */
gboolean            lm_color_parse                  (const char       *spec,
                                                     LmColor          *out_color);
/* "#rrggbb"; free with g_free(). */
char               *lm_color_to_string              (const LmColor    *color);
/* Relative luminance (0 = black, 1 = white), e.g. to choose a text colour
 * over a swatch or check that classes survive greyscale. */
double              lm_color_get_luminance          (const LmColor    *color);

G_END_DECLS
