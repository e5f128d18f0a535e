/* lm-area-row.h — one area of one level as a list item
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-level.h"

G_BEGIN_DECLS

#define LM_TYPE_AREA_ROW (lm_area_row_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaRow, lm_area_row, LM, AREA_ROW, GObject)

/* A tiny item for GListModels of areas: the values stay in the level's
 * variables (which the model rewrites in place on every weight change),
 * so a row only says which area it is. @level is borrowed from the
 * dataset and must outlive the row. In an LmAreaList a row stands for a
 * place in the list, and shows another area when the list is filtered
 * or re-ordered (see lm_area_list_new()). */
LmAreaRow  *lm_area_row_new       (LmLevel   *level,
                                   guint      area);
LmLevel    *lm_area_row_get_level (LmAreaRow *self);
guint       lm_area_row_get_area  (LmAreaRow *self);
/* For LmAreaList: the row now stands for @area of its level. */
void        lm_area_row_set_area  (LmAreaRow *self,
                                   guint      area);
/* For LmAreaList: the place in the list the row stands for. */
void        lm_area_row_set_place (LmAreaRow *self,
                                   guint      place);
guint       lm_area_row_get_place (LmAreaRow *self);
const char *lm_area_row_get_name  (LmAreaRow *self);
const char *lm_area_row_get_code  (LmAreaRow *self);

G_END_DECLS
