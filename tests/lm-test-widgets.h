/* lm-test-widgets.h — reading what widgets show
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* Appends the text of every visible label below @widget, one a line, in
 * widget order; of a stack only the visible page. */
static inline void
lm_test_collect_labels (GtkWidget *widget,
                        GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (page != NULL)
        lm_test_collect_labels (page, text);
      return;
    }
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lm_test_collect_labels (child, text);
}
