/* lm-area-cell.h
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LM_TYPE_AREA_CELL (lm_area_cell_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaCell, lm_area_cell, LM, AREA_CELL, GtkWidget)

/* One line of text in a cell of the area table, ellipsized at its end;
 * a numeric cell is right-aligned (left in right-to-left text) with
 * tabular figures. */
GtkWidget  *lm_area_cell_new        (gboolean    numeric);
gboolean    lm_area_cell_get_numeric (LmAreaCell *self);
const char *lm_area_cell_get_text   (LmAreaCell *self);
void        lm_area_cell_set_text   (LmAreaCell *self,
                                     const char *text);

G_END_DECLS
