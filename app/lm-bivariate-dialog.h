/* lm-bivariate-dialog.h — choosing the two variables of the bivariate map
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_BIVARIATE_DIALOG (lm_bivariate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LmBivariateDialog, lm_bivariate_dialog, LM, BIVARIATE_DIALOG, AdwWindow)

/**
 * lm_bivariate_dialog_new:
 * @view: the window's view, whose analysis settings ("show-bivariate",
 *   "bivariate", "bivariate-palette") the dialog shows and sets
 *
 * A switch to show the bivariate map, its colour scheme, and for each
 * axis the variable (of the map's level) and where it is cut: at its
 * tertiles or at two breaks the user sets.
 */
GtkWidget *lm_bivariate_dialog_new (LmView *view);

G_END_DECLS
