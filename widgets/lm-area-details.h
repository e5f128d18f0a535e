/* lm-area-details.h — everything about the selected area, and whether it
 * is left behind and why
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_AREA_DETAILS (lm_area_details_get_type ())
G_DECLARE_FINAL_TYPE (LmAreaDetails, lm_area_details, LM, AREA_DETAILS, GtkWidget)

/* Shows the first area of the model's LmSelection (at the selection's
 * level): name, code, parent areas, population, each index's score, rank
 * and decile, each domain as a bar on the 0–100 exponential scale, the
 * share of each election's counted option, and the left-behind verdict with the threshold each
 * criterion meets or misses. Follows "recomputed" and the selection's
 * "changed". Scrolls by itself. */
GtkWidget *lm_area_details_new       (LmModel       *model);
LmModel   *lm_area_details_get_model (LmAreaDetails *self);

G_END_DECLS
