/* lm-uncertainty-dialog.h — running the Monte Carlo over weights from
 * the window
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_UNCERTAINTY_DIALOG (lm_uncertainty_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LmUncertaintyDialog, lm_uncertainty_dialog, LM, UNCERTAINTY_DIALOG, AdwWindow)

/**
 * lm_uncertainty_dialog_new:
 * @view: the window's view: its model, locked domains and analysis
 *   settings (draws, seed, spread or ranges, kept two ways)
 *
 * Shows, per domain, its share now and the range it takes in 90% of the
 * draws; runs the draws in the background with a progress bar and a
 * Stop button; gives the run's results to the model (as variables of
 * every level) and says the headline numbers; offers the map of the
 * chance of being left behind. Closing the dialog stops a run.
 */
GtkWidget *lm_uncertainty_dialog_new       (LmView              *view);
/* Runs as the Run button does; for tests. */
void       lm_uncertainty_dialog_run       (LmUncertaintyDialog *self);
gboolean   lm_uncertainty_dialog_is_running (LmUncertaintyDialog *self);
/* Stops a run as the Stop button does. */
void       lm_uncertainty_dialog_stop      (LmUncertaintyDialog *self);
/* What the dialog says under the progress bar, and the headline. */
const char *lm_uncertainty_dialog_get_status   (LmUncertaintyDialog *self);
const char *lm_uncertainty_dialog_get_headline (LmUncertaintyDialog *self);

G_END_DECLS
