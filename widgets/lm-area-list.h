/* lm-area-list.h — the areas of a level as a filtered, ordered list model
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-area-row.h"

G_BEGIN_DECLS

#define LM_TYPE_AREA_LIST (lm_area_list_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaList, lm_area_list, LM, AREA_LIST, GObject)

/* A GListModel of LmAreaRow items: the areas of one level, in an order
 * the owner sets and under a text filter. Filtering and ordering are
 * array work on area numbers.
 *
 * Its items are places in the list, not areas: after a filter or a new
 * order the item at a position is the same object, now standing for
 * another area (lm_area_row_get_area() says which), and items-changed
 * only adds or removes places at the end; "contents-changed" says the
 * places show other areas. GTK 4.8's list views destroy and rebuild the
 * widgets of every row an items-changed touches (some 200 rows of
 * cells), which made each keystroke of a filter or a re-sort of the
 * LSOAs cost hundreds of milliseconds; rewriting the text of the rows on
 * screen costs a few. A place has its row object while anyone holds
 * it; rows no one else holds are kept for reuse at other places (GTK's
 * list views ask for every item that comes, thousands, and keep some
 * 200). Changing the level replaces every item. */
LmAreaList *lm_area_list_new           (void);
/* @haystacks: one casefolded text per area that the filter looks in,
 * borrowed (they must live as long as the list shows @level); NULL
 * empties the list. The order becomes the areas' own and the filter
 * stays. */
void        lm_area_list_set_level     (LmAreaList          *self,
                                        LmLevel             *level,
                                        const char * const  *haystacks);
LmLevel    *lm_area_list_get_level     (LmAreaList          *self);
/* Shows the areas whose haystack contains @needle (casefolded), all
 * of them for NULL. */
void        lm_area_list_set_needle    (LmAreaList          *self,
                                        const char          *needle);
/* @order: every area of the level once, in the order to show them;
 * NULL for the areas' own order. Copied. */
void        lm_area_list_set_order     (LmAreaList          *self,
                                        const guint         *order);
/* The area at @position (as shown), or G_MAXUINT. Unlike the item at
 * @position, the answer does not follow later changes. */
guint       lm_area_list_get_area      (LmAreaList          *self,
                                        guint                position);

G_END_DECLS
