/* lm-search-popover.h — finding an area of any level by name or code
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_SEARCH_POPOVER (lm_search_popover_get_type ())
G_DECLARE_FINAL_TYPE (LmSearchPopover, lm_search_popover, LM, SEARCH_POPOVER, GtkPopover)

/* A search entry over a list of areas of every level of the model's
 * dataset, best first: exact names and codes, an exact match's own
 * areas one level down, then prefixes and substrings. Enter, a click or
 * a double click on a result closes the popover and emits
 * "area-chosen" (gpointer level, guint area); Down moves into the list,
 * Escape closes.
 *
 * Properties: "model" (LmModel, nullable: no results). */
GtkWidget *lm_search_popover_new        (void);
LmModel   *lm_search_popover_get_model  (LmSearchPopover *self);
void       lm_search_popover_set_model  (LmSearchPopover *self,
                                         LmModel         *model);
/* Fills the results for @text (as typing does) and returns how many
 * there are. */
guint      lm_search_popover_search     (LmSearchPopover *self,
                                         const char      *text);
/* The @i-th result of the last search. */
gboolean   lm_search_popover_get_result (LmSearchPopover *self,
                                         guint            i,
                                         LmLevel        **out_level,
                                         guint           *out_area);
/* What the popover says instead of results ("No area has that name or
 * code."), or NULL while results are shown. */
const char *lm_search_popover_get_status (LmSearchPopover *self);
/* Chooses the selected result, as Enter does. */
void       lm_search_popover_activate   (LmSearchPopover *self);

G_END_DECLS
