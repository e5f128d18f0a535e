/* lm-accessible.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a widget from its "label" property joined to the text
 * of what labels it, and a control with neither by its class name. The
 * inner buttons of drop-downs and menu buttons and the scroll bars of
 * scrolled windows are GTK's own, unnamed: these helpers reach them.
 * Every helper is safe to call again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-accessible.h"

void
lm_accessible_set_name (GtkWidget  *widget,
                        const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The first descendant of @widget of @type, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

void
lm_accessible_name_dropdown (GtkDropDown *dropdown,
                             const char  *label)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  lm_accessible_set_name (GTK_WIDGET (dropdown), label);
  button = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_TOGGLE_BUTTON);
  if (button != NULL)
    lm_accessible_set_name (button, label);
}

void
lm_accessible_name_menu_button (GtkMenuButton *button,
                                const char    *label)
{
  GtkWidget *inner;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  lm_accessible_set_name (GTK_WIDGET (button), label);
  inner = find_descendant (GTK_WIDGET (button), GTK_TYPE_BUTTON);
  if (inner != NULL)
    lm_accessible_set_name (inner, label);
}

void
lm_accessible_name_scrollbars (GtkScrolledWindow *scrolled,
                               const char        *what)
{
  g_autofree char *label = NULL;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_return_if_fail (what != NULL);

  /* Translators: accessible name of a scroll bar, "Scroll the weights" */
  label = g_strdup_printf (_("Scroll %s"), what);
  lm_accessible_set_name (gtk_scrolled_window_get_vscrollbar (scrolled), label);
  lm_accessible_set_name (gtk_scrolled_window_get_hscrollbar (scrolled), label);
}

void
lm_accessible_name_scrollbars_below (GtkWidget  *widget,
                                     const char *what)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (child), what);
      lm_accessible_name_scrollbars_below (child, what);
    }
}

void
lm_accessible_hide_decorations (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      else
        lm_accessible_hide_decorations (child);
    }
}
