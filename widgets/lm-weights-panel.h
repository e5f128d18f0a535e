/* lm-weights-panel.h — domain weights, left-behind thresholds and what
 * they change
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_WEIGHTS_PANEL (lm_weights_panel_get_type ())
G_DECLARE_FINAL_TYPE (LmWeightsPanel, lm_weights_panel, LM, WEIGHTS_PANEL, GtkWidget)

/* One slider, number entry, share and lock per domain of every index of
 * @model, reset buttons, the left-behind thresholds, a check that the
 * official weights reproduce the published ranks, and the areas that
 * entered or left the left-behind list. Scrolls by itself. Every change
 * goes straight to @model, which recomputes and emits "recomputed". */
GtkWidget *lm_weights_panel_new       (LmModel        *model);
LmModel   *lm_weights_panel_get_model (LmWeightsPanel *self);
/* The "locked" property: locked domains as "index.domain" ids. */
char     **lm_weights_panel_get_locked (LmWeightsPanel    *self);
void       lm_weights_panel_set_locked (LmWeightsPanel    *self,
                                        const char * const *locked);

G_END_DECLS
