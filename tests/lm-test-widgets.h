/* lm-test-widgets.h — finding widgets in the GUI tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* The widgets of the weights panel, the plot panel and the header have
 * names ("imd.income-scale", "plot-preset", "level"): the first widget
 * below @widget (or @widget itself) with @name, or NULL. */
static inline GtkWidget *
lm_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lm_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}
