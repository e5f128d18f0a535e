/* lm-selection.h — the selected areas, shared by map, plots and table
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-level.h"

G_BEGIN_DECLS

typedef enum
{
  LM_SELECTION_REPLACE,
  LM_SELECTION_ADD,
  LM_SELECTION_REMOVE,
  LM_SELECTION_TOGGLE,
} LmSelectionMode;

#define LM_TYPE_SELECTION (lm_selection_get_type ())
G_DECLARE_FINAL_TYPE (LmSelection, lm_selection, LM, SELECTION, GObject)

/* A set of areas of one level (the level the user selected at). Views at
 * other levels ask for the projection: a coarser area is selected when it
 * contains a selected area; a finer area when its ancestor is selected.
 * Emits "changed" once per change. @levels are borrowed from the dataset
 * and must outlive the selection. */
LmSelection  *lm_selection_new          (void);
/* Changes the set. REPLACE starts a new set at @level; ADD, REMOVE and
 * TOGGLE with another level than the current one first convert the
 * existing set to @level by projection. @areas is read as a set. */
void          lm_selection_select       (LmSelection     *self,
                                         LmLevel         *level,
                                         const guint     *areas,
                                         guint            n_areas,
                                         LmSelectionMode  mode);
/* The same with the areas given as a mask of level->n_areas bytes
 * (non-zero = requested), as a rubber band produces them. */
void          lm_selection_select_mask  (LmSelection     *self,
                                         LmLevel         *level,
                                         const guint8    *mask,
                                         LmSelectionMode  mode);
void          lm_selection_clear        (LmSelection     *self);
gboolean      lm_selection_is_empty     (LmSelection     *self);
/* The level the set is held at, or NULL when empty. */
LmLevel      *lm_selection_get_level    (LmSelection     *self);
/* Number of areas of @level selected after projection. */
guint         lm_selection_count        (LmSelection     *self,
                                         LmLevel         *level);
gboolean      lm_selection_contains     (LmSelection     *self,
                                         LmLevel         *level,
                                         guint            area);
/* A mask of level->n_areas bytes (1 = selected) for @level, cached until
 * the next change; owned by the selection. */
const guint8 *lm_selection_get_mask     (LmSelection     *self,
                                         LmLevel         *level);
/* The selected areas of @level, ascending (GArray of guint, new ref). */
GArray       *lm_selection_get_areas    (LmSelection     *self,
                                         LmLevel         *level);

G_END_DECLS
