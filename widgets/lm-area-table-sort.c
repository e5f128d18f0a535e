/* lm-area-table-sort.c — sorting the area table without a pointer
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's column headers take no focus, so a click on a header was the
 * only way to sort the table: a keyboard or screen-reader user could not.
 * A menu button beside the filter offers the same choice, the column and
 * the direction, as two stateful actions ("table.sort-by",
 * "table.sort-order") that sort through the column view, so that a
 * header click and the menu stay one state.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-area-table-private.h"

static Column *
find_column_of_header (LmAreaTable         *self,
                       GtkColumnViewColumn *header)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (column->column == header)
        return column;
    }
  return NULL;
}

static void
on_sort_by_activate_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LmAreaTable *self = user_data;

  /* The direction the menu shows checked stays. */
  lm_area_table_sort_by (self, g_variant_get_string (parameter, NULL),
                         self->sort_descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
on_sort_order_activate_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  LmAreaTable *self = user_data;

  if (self->sort_column != NULL)
    lm_area_table_sort_by (self, self->sort_column->id,
                           strcmp (g_variant_get_string (parameter, NULL), "descending") == 0
                             ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* The menu's columns: those shown, in the order of their headers, which
 * the user may have changed by dragging one. */
void
_lm_area_table_sort_update_menu (LmAreaTable *self)
{
  GListModel *headers;

  if (self->sort_columns_menu == NULL || self->columns_view == NULL)
    return;
  headers = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->columns_view));
  g_menu_remove_all (self->sort_columns_menu);
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr(GtkColumnViewColumn) header = g_list_model_get_item (headers, i);
      Column *column = find_column_of_header (self, header);
      g_autoptr(GMenuItem) item = NULL;

      if (column == NULL || !gtk_column_view_column_get_visible (header))
        continue;
      item = g_menu_item_new (gtk_column_view_column_get_title (header), NULL);
      g_menu_item_set_action_and_target_value (item, "table.sort-by", g_variant_new_string (column->id));
      g_menu_append_item (self->sort_columns_menu, item);
    }
}

/* The actions' states follow the column view's sorter, however it was
 * set: by a header, by the menu, or by the table itself. */
void
_lm_area_table_sort_sync (LmAreaTable *self)
{
  GAction *sort_by_action, *sort_order_action;

  if (self->sort_actions == NULL)
    return;
  sort_by_action = g_action_map_lookup_action (G_ACTION_MAP (self->sort_actions), "sort-by");
  sort_order_action = g_action_map_lookup_action (G_ACTION_MAP (self->sort_actions), "sort-order");
  g_simple_action_set_state (G_SIMPLE_ACTION (sort_by_action),
                             g_variant_new_string (self->sort_column != NULL ? self->sort_column->id : ""));
  g_simple_action_set_state (G_SIMPLE_ACTION (sort_order_action),
                             g_variant_new_string (self->sort_descending ? "descending" : "ascending"));
  /* A direction needs a column to apply to. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (sort_order_action), self->sort_column != NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->sort_button),
                                 self->sort_descending ? "view-sort-descending-symbolic"
                                                       : "view-sort-ascending-symbolic");
}

void
_lm_area_table_sort_init (LmAreaTable *self)
{
  const GActionEntry entries[] = {
    { "sort-by", on_sort_by_activate_cb, "s", "''", NULL },
    { "sort-order", on_sort_order_activate_cb, "s", "'ascending'", NULL },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();

  self->sort_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->sort_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "table", G_ACTION_GROUP (self->sort_actions));

  /* The direction first: the columns are many, and the menu scrolls
   * when the screen is short. */
  g_menu_append (order, _("Ascending"), "table.sort-order::ascending");
  g_menu_append (order, _("Descending"), "table.sort-order::descending");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  self->sort_columns_menu = g_menu_new ();
  g_menu_append_section (menu, _("Sort By"), G_MENU_MODEL (self->sort_columns_menu));

  self->sort_button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->sort_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->sort_button, _("Sort the areas"));
  lm_accessible_set_name (self->sort_button, _("Sort the areas"));
  gtk_box_append (GTK_BOX (self->header), self->sort_button);
  _lm_area_table_sort_sync (self);
}

void
_lm_area_table_sort_dispose (LmAreaTable *self)
{
  g_clear_object (&self->sort_actions);
  g_clear_object (&self->sort_columns_menu);
}
