/* lm-left-behind-changes.h — the areas that entered or left the
 * left-behind list against official weights
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_LEFT_BEHIND_CHANGES (lm_left_behind_changes_get_type ())
G_DECLARE_FINAL_TYPE (LmLeftBehindChanges, lm_left_behind_changes, LM, LEFT_BEHIND_CHANGES,
                      GtkWidget)

/* A sentence ("3 areas entered and 2 left the left-behind list against
 * official weights", widget name "left-behind-summary") over a list of
 * those areas ("left-behind-changes"): name, local authority, the way
 * it went and its rank changes; one click selects an area in the
 * model's selection. Follows the model's "recomputed", reusing the rows
 * that stay, and rewrites rank changes only of rows on screen (it finds
 * the scrolled window it sits in). Part of the weights panel. */
GtkWidget *lm_left_behind_changes_new (LmModel *model);

G_END_DECLS
