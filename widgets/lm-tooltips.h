/* lm-tooltips.h — tooltips that keep out of the way of menus
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether a menu or another popover of @widget's window has the
 * keyboard focus: the map's and the plot's tooltips then stay away, or
 * GTK 4.8 leaves one drawn over the open menu (issue 13). */
gboolean lm_tooltips_are_suppressed (GtkWidget *widget);

G_END_DECLS
