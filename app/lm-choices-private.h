/* lm-choices-private.h — the ids behind a drop-down's titles, shared by
 * the window's header and the plot panel
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-level.h"

G_BEGIN_DECLS

/* The position of @id in @ids (char*), or GTK_INVALID_LIST_POSITION. */
guint _lm_choices_find             (GPtrArray     *ids,
                                    const char    *id);
/* Replaces every string of @list by @titles (char*; a NULL is added). */
void  _lm_choices_replace          (GtkStringList *list,
                                    GPtrArray     *titles);
/* The variables worth offering at @level (not the raw vote counts that
 * only feed the percentages): ids into @ids, titles into @list. */
void  _lm_choices_fill_variables   (LmLevel       *level,
                                    GPtrArray     *ids,
                                    GtkStringList *list);
/* Shows @dropdown's choice (its model a GtkStringList) in a button as
 * wide as its longest title, which does not relay the window out when
 * the choice changes; call once, after its model is set. */
void  _lm_choices_steady_button    (GtkDropDown   *dropdown);
/* Lays the drop-downs in @box (the header's title) out side by side,
 * centred, each up to its natural width where the header's sides leave
 * room, without asking the header for more than their minimum. */
void  _lm_choices_steady_header    (GtkWidget     *box);

G_END_DECLS
