/* lm-choices.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-choices-private.h"
#include "lm-steady-title.h"

guint
_lm_choices_find (GPtrArray  *ids,
                  const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Whether @list holds @titles already, in that order. */
static gboolean
holds_titles (GtkStringList *list,
              GPtrArray     *titles)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != titles->len)
    return FALSE;
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (titles, i)) != 0)
      return FALSE;
  return TRUE;
}

void
_lm_choices_replace (GtkStringList *list,
                     GPtrArray     *titles)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* The same list again (new data on the same level fill it twice, for
   * the model and for the level): a splice would make the drop-down
   * rebuild its rows for nothing. */
  if (holds_titles (list, titles))
    return;
  g_ptr_array_add (titles, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) titles->pdata);
}

/* Raw vote counts (auxiliary variables) are inputs of the shares, not
 * something to map or plot. */
static gboolean
is_offered_variable (LmVariable *variable)
{
  return !variable->auxiliary;
}

void
_lm_choices_fill_variables (LmLevel       *level,
                            GPtrArray     *ids,
                            GtkStringList *list)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (ids, 0);
  for (guint i = 0; level != NULL && i < level->variables->len; i++)
    {
      LmVariable *variable = g_ptr_array_index (level->variables, i);

      if (!is_offered_variable (variable))
        continue;
      g_ptr_array_add (ids, g_strdup (variable->id));
      g_ptr_array_add (titles, g_strdup (variable->title));
    }
  _lm_choices_replace (list, titles);
}

/* The drop-down's button shows its choice in an LmSteadyTitle: a new
 * choice is drawn, not laid out (see lm-steady-title.c). */

static void
setup_steady_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GtkDropDown              *dropdown)
{
  gtk_list_item_set_child (item, lm_steady_title_new (gtk_drop_down_get_model (dropdown)));
}

static void
bind_steady_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkDropDown              *dropdown)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  lm_steady_title_set_text (LM_STEADY_TITLE (gtk_list_item_get_child (item)),
                            string != NULL ? gtk_string_object_get_string (string) : NULL);
}

void
_lm_choices_steady_button (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (GTK_IS_STRING_LIST (gtk_drop_down_get_model (dropdown)));

  /* The drop-down's own factory stays for the rows of its list. */
  if (gtk_drop_down_get_list_factory (dropdown) == NULL)
    gtk_drop_down_set_list_factory (dropdown, gtk_drop_down_get_factory (dropdown));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_steady_cb), dropdown, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_steady_cb), dropdown, 0);
  gtk_drop_down_set_factory (dropdown, factory);
}

/* The header's title: the level's and the variable's drop-downs side by
 * side, centred. GtkCenterBox (the header bar's) gives its middle child
 * its natural width before the sides get more than their minimum: a
 * title that asked for the longest variable's width would take the
 * scenario's name's room at 1024 pixels whatever it showed, and a label
 * sized to the title shown resizes the window at every switch. So the
 * title asks for no more than its minimum, expands into what the sides
 * leave, and there gives each drop-down up to its natural width (the
 * variable's: the longest title's). Its allocation follows the window's
 * width and the sides' sizes, never the title shown. */

#define STEADY_HEADER_SPACING 6

static void
steady_header_measure (GtkWidget      *box,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *minimum += child_min;
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      n++;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum += MAX (n - 1, 0) * STEADY_HEADER_SPACING;
      *natural = *minimum;
    }
}

static void
steady_header_allocate (GtkWidget *box,
                        int        width,
                        int        height,
                        int        baseline)
{
  GtkRequestedSize sizes[8];
  GtkWidget *children[G_N_ELEMENTS (sizes)];
  int n = 0, used = 0, extra, x;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL && n < (int) G_N_ELEMENTS (sizes); child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &sizes[n].minimum_size, &sizes[n].natural_size, NULL, NULL);
      sizes[n].data = child;
      children[n] = child;
      used += sizes[n].minimum_size;
      n++;
    }
  if (n == 0)
    return;
  used += (n - 1) * STEADY_HEADER_SPACING;
  /* Up to each one's natural width, the shortest gaps filled first. */
  extra = MAX (width - used, 0);
  used += extra - gtk_distribute_natural_allocation (extra, n, sizes);
  x = MAX ((width - used) / 2, 0);
  for (int i = 0; i < n; i++)
    {
      /* Right to left in a right-to-left language, as a box's. */
      int at = gtk_widget_get_direction (box) == GTK_TEXT_DIR_RTL ? width - x - sizes[i].minimum_size
                                                                 : x;

      gtk_widget_size_allocate (children[i],
                                &(GtkAllocation) { at, 0, sizes[i].minimum_size, height },
                                baseline);
      x += sizes[i].minimum_size + STEADY_HEADER_SPACING;
    }
}

void
_lm_choices_steady_header (GtkWidget *box)
{
  g_return_if_fail (GTK_IS_WIDGET (box));

  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (NULL, steady_header_measure,
                                                             steady_header_allocate));
  gtk_widget_set_hexpand (box, TRUE);
}
