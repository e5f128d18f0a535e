/* lm-bivariate-palette.h — colour schemes designed for two variables
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-bivariate.h"
#include "lm-palette.h"

G_BEGIN_DECLS

/* Static tables: never freed, safe to share between threads. */
typedef struct _LmBivariatePalette LmBivariatePalette;

#define LM_BIVARIATE_PALETTE_DEFAULT "pink-blue"

/* "pink-blue" or "green-blue" (case-insensitive); NULL with
 * LM_PALETTE_ERROR_UNKNOWN, naming the known ones, otherwise. */
const LmBivariatePalette *lm_bivariate_palette_lookup     (const char               *name,
                                                           GError                  **error);
const LmBivariatePalette *lm_bivariate_palette_get_default (void);
const char               *lm_bivariate_palette_get_name   (const LmBivariatePalette *palette);
/* Translated, for menus and provenance lines. */
const char               *lm_bivariate_palette_get_title  (const LmBivariatePalette *palette);
/* One colour per cell (lm_bivariate_cell()): light grey for best on
 * both, one hue growing along x, another along y, dark where both are
 * worst. */
void                      lm_bivariate_palette_get_colors (const LmBivariatePalette *palette,
                                                           LmColor                  *out_colors);
/* "pink-blue, green-blue"; free with g_free(). */
char                     *lm_bivariate_palette_list_names (void);

G_END_DECLS
