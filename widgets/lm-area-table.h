/* lm-area-table.h — the areas of one level as a sortable, filterable
 * table linked to the shared selection
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_AREA_TABLE (lm_area_table_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaTable, lm_area_table, LM, AREA_TABLE, GtkWidget)

/* A filter entry over a table of the areas of the current level
 * (initially the level the left-behind rule judges, else the finest):
 * code, name, the area of the context level, population, the first
 * index's score, rank, decile and domains, the other indices' score and
 * rank, each election's share, the left-behind flag, and the rank
 * changes against official weights; columns whose variable does
 * not exist at the level are hidden. Rows follow the model's LmSelection
 * and selecting rows changes it. The column headers are a GtkColumnView
 * (titles, sorting, widths, order), the rows a GtkListView whose rows
 * are one LmAreaTableRow each.
 *
 * Signals:
 *   "area-activated" (gpointer level, guint area): a row was activated
 *   (double click or Enter), e.g. to zoom the map to it. @level is the
 *   LmLevel* of the table. */
GtkWidget  *lm_area_table_new             (LmModel     *model);
LmModel    *lm_area_table_get_model       (LmAreaTable *self);
/* A level id of the dataset ("lsoa"); unknown ids are a programmer error. */
void        lm_area_table_set_level       (LmAreaTable *self,
                                           const char  *level_id);
const char *lm_area_table_get_level       (LmAreaTable *self);
/* Shows only areas whose name or code contains @text (case-insensitive);
 * NULL or "" shows all. Also puts @text into the table's filter entry. */
const char *lm_area_table_get_filter_text (LmAreaTable *self);
void        lm_area_table_set_filter_text (LmAreaTable *self,
                                           const char  *text);
/* Sorts by a variable id ("imd.rank"), or by "code" / "name" /
 * "local_authority". Returns FALSE if the table has no such column at
 * the current level. */
gboolean    lm_area_table_sort_by         (LmAreaTable *self,
                                           const char  *column_id,
                                           GtkSortType  order);
/* The rows as shown (filtered and sorted), as a GtkMultiSelection whose
 * items are LmAreaRow. */
GtkSelectionModel *lm_area_table_get_rows (LmAreaTable *self);

/* Adds a column of the variable @id (at whichever levels have it) after
 * the others, titled @title; nothing if there is such a column already or
 * no such variable. For results made after the table (a Monte Carlo
 * run's rank intervals, a comparison). */
void          lm_area_table_add_variable_column (LmAreaTable *self,
                                                 const char  *id,
                                                 const char  *title);

G_END_DECLS
