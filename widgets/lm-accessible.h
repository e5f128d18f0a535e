/* lm-accessible.h — names that screen readers read, where GTK 4.8
 * gives none or says one twice
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @label is the name, said once: GTK 4.8 joins a widget's label to the
 * text of the labels that label it ("_Try Again Try Again"). */
void lm_accessible_set_name              (GtkWidget         *widget,
                                          const char        *label);
/* A drop-down and the toggle button inside it, which GTK 4.8 announces
 * as "GtkToggleButton". */
void lm_accessible_name_dropdown         (GtkDropDown       *dropdown,
                                          const char        *label);
/* A menu button and the button inside it ("GtkMenuButton"). */
void lm_accessible_name_menu_button      (GtkMenuButton     *button,
                                          const char        *label);
/* The scroll bars of @scrolled ("GtkScrollbar"): "Scroll @what". */
void lm_accessible_name_scrollbars       (GtkScrolledWindow *scrolled,
                                          const char        *what);
/* The same for every scrolled window below @widget: the ones inside
 * AdwStatusPage, for one. */
void lm_accessible_name_scrollbars_below (GtkWidget         *widget,
                                          const char        *what);
/* Takes the decorative images below @widget (the icon of a status
 * page, an icon beside a text) out of what screen readers read. */
void lm_accessible_hide_decorations      (GtkWidget         *widget);

G_END_DECLS
