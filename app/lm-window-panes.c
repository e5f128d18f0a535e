/* lm-window-panes.c — which panels the window shows, and at what size
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is remembered is the size of each side panel (the weights
 * panel's width, the plot column's width, the table's height, the
 * plot's height), not the handle positions, so that the map takes what a
 * larger or smaller window gives. The positions follow from those sizes
 * at every allocation; a handle the user drags changes the size.
 */
#include "config.h"

#include "lm-scatter-plot.h"
#include "lm-window-private.h"

static const char * const panel_keys[] = {
  "show-weights", "show-plot", "show-table", "show-details",
};

/* Auxiliary methods */

static gboolean
is_pointer_pressed (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkDevice *pointer = seat != NULL ? gdk_seat_get_pointer (seat) : NULL;

  return pointer != NULL &&
         (gdk_device_get_modifier_state (pointer) & GDK_BUTTON1_MASK) != 0;
}

static gboolean
shows_data (LmWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") == 0;
}

static void
remember_panes (LmWindow *self)
{
  int side_w = gtk_widget_get_width (GTK_WIDGET (self->side_paned));
  int table_h = gtk_widget_get_height (GTK_WIDGET (self->table_paned));

  if (self->show_weights && gtk_widget_get_width (GTK_WIDGET (self->weights_bin)) > 0)
    self->sidebar_width = gtk_paned_get_position (self->sidebar_paned);
  if ((self->show_plot || self->show_details) && side_w > 0)
    self->plot_width = side_w - gtk_paned_get_position (self->side_paned);
  if (self->show_table && table_h > 0)
    self->table_height = table_h - gtk_paned_get_position (self->table_paned);
  if (self->show_plot && self->show_details &&
      gtk_widget_get_height (GTK_WIDGET (self->plot_paned)) > 0)
    self->plot_height = gtk_paned_get_position (self->plot_paned);
}

/* Returns TRUE if the handle had to move. */
static gboolean
set_pane_position (LmWindow *self,
                   GtkPaned *paned,
                   int       position,
                   gboolean  dry_run)
{
  int min, max;

  g_object_get (paned, "min-position", &min, "max-position", &max, NULL);
  if (max > min)
    position = CLAMP (position, min, max);
  /* Setting an unchanged position would queue another allocation. */
  if (position == gtk_paned_get_position (paned))
    return FALSE;
  if (!dry_run)
    {
      self->applying_panes++;
      gtk_paned_set_position (paned, position);
      self->applying_panes--;
    }
  return TRUE;
}

static gboolean
apply_pane_positions (LmWindow *self,
                      gboolean  dry_run)
{
  int side_w = gtk_widget_get_width (GTK_WIDGET (self->side_paned));
  int table_h = gtk_widget_get_height (GTK_WIDGET (self->table_paned));
  gboolean moved = FALSE;

  if (!shows_data (self))
    return FALSE;
  if (self->show_weights)
    moved |= set_pane_position (self, self->sidebar_paned, self->sidebar_width, dry_run);
  if ((self->show_plot || self->show_details) && side_w > 0)
    moved |= set_pane_position (self, self->side_paned, side_w - self->plot_width,
                                dry_run);
  if (self->show_table && table_h > 0)
    moved |= set_pane_position (self, self->table_paned, table_h - self->table_height, dry_run);
  if (self->show_plot && self->show_details)
    moved |= set_pane_position (self, self->plot_paned, self->plot_height, dry_run);
  return moved;
}

static void
apply_panes_idle_cb (gpointer user_data)
{
  LmWindow *self = user_data;

  self->panes_idle_id = 0;
  if (!is_pointer_pressed (GTK_WIDGET (self)))
    apply_pane_positions (self, FALSE);
}

/* On a first launch the plot takes a little over half its column, and
 * the column a third of a wide window. */
static int
get_first_size (LmWindow   *self,
                const char *key,
                int         first_launch)
{
  g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, key);

  return user != NULL ? g_variant_get_int32 (user) : first_launch;
}

/* Semi-private API */

void
_lm_window_panes_init (LmWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  self->sidebar_width = g_settings_get_int (self->settings, "sidebar-width");
  self->table_height = g_settings_get_int (self->settings, "table-height");
  self->plot_height = get_first_size (self, "plot-height", MAX (400, height * 11 / 20));
  self->plot_width = get_first_size (self, "plot-width", MAX (460, width * 3 / 10));
  _lm_window_bind_panel_settings (self, TRUE);
}

void
_lm_window_bind_panel_settings (LmWindow *self,
                                gboolean  bind)
{
  /* Binding reads the setting at once: leaving presentation view
   * restores the panels chosen before it. */
  for (guint i = 0; i < G_N_ELEMENTS (panel_keys); i++)
    {
      if (bind)
        g_settings_bind (self->settings, panel_keys[i], self, panel_keys[i],
                         G_SETTINGS_BIND_DEFAULT);
      else
        g_settings_unbind (self, panel_keys[i]);
    }
}

void
_lm_window_on_pane_position (LmWindow   *self,
                             GParamSpec *pspec,
                             GtkPaned   *paned)
{
  /* Positions also change when GtkPaned clamps them to a small window;
   * only a drag of the handle is the user's choice. */
  if (self->applying_panes == 0 && gtk_widget_get_mapped (GTK_WIDGET (paned)) &&
      is_pointer_pressed (GTK_WIDGET (paned)))
    remember_panes (self);
}

/* Before the data page is first shown its panes have no size yet: derive
 * their positions from the stack's, so that the map's first allocation
 * is already the final one. */
void
_lm_window_prime_pane_positions (LmWindow *self)
{
  int stack_w = gtk_widget_get_width (GTK_WIDGET (self->stack));
  int stack_h = gtk_widget_get_height (GTK_WIDGET (self->stack));
  int side_w;

  if (shows_data (self))
    return;
  /* The data can be ready before the window's first allocation: then
   * the window's default size says what the stack will get. */
  if (stack_w <= 0 || stack_h <= 0)
    {
      int header_h = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &stack_w, &stack_h);
      gtk_widget_measure (GTK_WIDGET (self->header_bar), GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &header_h, NULL, NULL);
      stack_h -= header_h;
    }
  if (stack_w <= 0 || stack_h <= 0)
    return;
  side_w = stack_w - (self->show_weights ? self->sidebar_width + 1 : 0);
  self->applying_panes++;
  if (self->show_weights)
    gtk_paned_set_position (self->sidebar_paned, self->sidebar_width);
  if (self->show_plot || self->show_details)
    gtk_paned_set_position (self->side_paned,
                            MAX (side_w - self->plot_width, side_w / 3));
  if (self->show_table)
    gtk_paned_set_position (self->table_paned, MAX (stack_h - self->table_height, stack_h / 3));
  if (self->show_plot && self->show_details)
    gtk_paned_set_position (self->plot_paned, self->plot_height);
  self->applying_panes--;
}

void
_lm_window_apply_panes (LmWindow *self)
{
  gboolean side = self->show_plot || self->show_details;

  gtk_widget_set_visible (GTK_WIDGET (self->weights_bin), self->show_weights);
  gtk_widget_set_visible (GTK_WIDGET (self->table_bin), self->show_table);
  gtk_widget_set_visible (GTK_WIDGET (self->plot_panel), self->show_plot);
  gtk_widget_set_visible (GTK_WIDGET (self->details_bin), self->show_details);
  gtk_widget_set_visible (GTK_WIDGET (self->plot_paned), side);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_lm_window_queue_pane_positions (LmWindow *self)
{
  /* With the panes' sizes known, see whether the handles are where the
   * remembered panel sizes say; moving them queues a new allocation,
   * which must not happen during this one. */
  if (self->panes_idle_id == 0 && !is_pointer_pressed (GTK_WIDGET (self)) &&
      apply_pane_positions (self, TRUE))
    self->panes_idle_id = g_idle_add_once (apply_panes_idle_cb, self);
}

void
_lm_window_save_panes (LmWindow *self)
{
  remember_panes (self);
  g_settings_set_int (self->settings, "sidebar-width", self->sidebar_width);
  g_settings_set_int (self->settings, "plot-width", self->plot_width);
  g_settings_set_int (self->settings, "plot-height", self->plot_height);
  g_settings_set_int (self->settings, "table-height", self->table_height);
}
