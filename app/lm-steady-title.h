/* lm-steady-title.h — a title as wide as the longest of its list
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LM_TYPE_STEADY_TITLE (lm_steady_title_get_type ())
G_DECLARE_FINAL_TYPE (LmSteadyTitle, lm_steady_title, LM, STEADY_TITLE, GtkWidget)

GtkWidget  *lm_steady_title_new      (GListModel    *titles);
void        lm_steady_title_set_text (LmSteadyTitle *self,
                                      const char    *text);
const char *lm_steady_title_get_text (LmSteadyTitle *self);
gboolean    lm_steady_title_is_cut   (LmSteadyTitle *self);

G_END_DECLS
