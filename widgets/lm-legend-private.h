/* lm-legend-private.h — what the map's two legends share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LmLegend (the classes of one variable) and LmBivariateLegend (the 3×3
 * key of two) take the pointer, follow the dark style and select the
 * areas of a key entry in the same way; lm-legend.c holds the code.
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

gboolean _lm_legend_is_dark         (void);
/* Hover ("enter" and "motion" to @on_motion, "leave"), the release of a
 * primary click, and the style manager's "notify::dark", each connected
 * swapped to @legend. */
void     _lm_legend_add_controllers (GtkWidget       *legend,
                                     GCallback        on_motion,
                                     GCallback        on_leave,
                                     GCallback        on_released,
                                     GCallback        on_dark_changed);
/* Selects @areas (guint) of @level as a click on a key entry (REPLACE)
 * or a Shift+click (ADD) does: an entry without areas clears what a
 * click replaces and adds nothing. */
void     _lm_legend_select_areas    (LmModel         *model,
                                     LmLevel         *level,
                                     GArray          *areas,
                                     LmSelectionMode  mode);

G_END_DECLS
