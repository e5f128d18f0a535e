/* lm-help-window.h — what the indices are, how they are made and read
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_HELP_WINDOW (lm_help_window_get_type ())
G_DECLARE_FINAL_TYPE (LmHelpWindow, lm_help_window, LM, HELP_WINDOW, AdwWindow)

/**
 * lm_help_window_new:
 * @parent: (nullable): the window it belongs to
 * @model: (nullable): the data shown, whose manifest describes the
 *   indices, their domains, the left-behind rule and the sources
 * @datasets: (nullable) (element-type LmDatasetInfo): the datasets on
 *   offer: their manifests say what "left behind" means in each
 *
 * The help page (F1): what the IMD and the CNI measure and what each
 * domain means, how an index is made (rank, exponential transform,
 * weights, re-rank), what "left behind" means in each dataset, what
 * Pearson's r and Spearman's ρ say and do not, the units, and the
 * sources. Everything specific to a vintage comes from the manifests.
 */
GtkWidget  *lm_help_window_new      (GtkWindow    *parent,
                                     LmModel      *model,
                                     GPtrArray    *datasets);
/* The whole text shown, one paragraph a line (for tests). */
char       *lm_help_window_get_text (LmHelpWindow *self);

G_END_DECLS
