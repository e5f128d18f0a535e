/* lm-area-table-row.h — one row of the area table, every column in one
 * widget
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-area-row.h"

G_BEGIN_DECLS

#define LM_TYPE_AREA_TABLE_ROW (lm_area_table_row_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaTableRow, lm_area_table_row, LM, AREA_TABLE_ROW, GtkWidget)

/* The rows of LmAreaTable are made by the table (see
 * lm-area-table-private.h). Each draws the cells of every visible column
 * under the table's column headers, as GtkInscriptions in the cells of a
 * GtkColumnView would: a line of text ellipsized at its end, numbers
 * aligned to the end with tabular figures. */

/* The area shown, or NULL while the row is not bound. */
LmAreaRow  *lm_area_table_row_get_item (LmAreaTableRow *self);
/* The text of the cell of column @column_id ("code", "imd.rank"), or
 * NULL if there is no such column or it is hidden at the row's level. */
const char *lm_area_table_row_get_text (LmAreaTableRow *self,
                                        const char     *column_id);

G_END_DECLS
