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

#include "lm-legend.h"
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

  if (self->show_weights && !self->weights_folded &&
      gtk_widget_get_width (GTK_WIDGET (self->weights_bin)) > 0)
    self->sidebar_width = gtk_paned_get_position (self->sidebar_paned);
  if ((self->show_plot || self->show_details) && !self->side_folded && side_w > 0)
    self->plot_width = side_w - gtk_paned_get_position (self->side_paned);
  if (self->show_table && table_h > 0)
    self->table_height = table_h - gtk_paned_get_position (self->table_paned);
  if (self->show_plot && self->show_details &&
      gtk_widget_get_height (GTK_WIDGET (self->plot_paned)) > 0)
    self->plot_height = gtk_paned_get_position (self->plot_paned);
}

/* Beside docked panels the map keeps at least this width; a plot column
 * narrower than PLOT_MIN_WIDTH becomes a sheet instead. */
#define MAP_MIN_WIDTH 480
#define PLOT_MIN_WIDTH 340

/* In a medium window the plot column gives the map its minimum. */
static int
get_plot_width (LmWindow *self,
                int       side_width)
{
  return MAX (MIN (self->plot_width, side_width - MAP_MIN_WIDTH), PLOT_MIN_WIDTH);
}

/* The table never takes more than 40% of its column: on a projector
 * at 800 by 600 the map keeps most of the height. */
static int
get_table_height (LmWindow *self,
                  int       column_height)
{
  return MIN (self->table_height, column_height * 2 / 5);
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
  if (self->show_weights && !self->weights_folded)
    moved |= set_pane_position (self, self->sidebar_paned, self->sidebar_width, dry_run);
  if ((self->show_plot || self->show_details) && !self->side_folded && side_w > 0)
    moved |= set_pane_position (self, self->side_paned, side_w - get_plot_width (self, side_w),
                                dry_run);
  if (self->show_table && table_h > 0)
    moved |= set_pane_position (self, self->table_paned, table_h - get_table_height (self, table_h),
                                dry_run);
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

static gboolean
is_folded (LmWindow   *self,
           const char *key)
{
  if (g_str_equal (key, "show-weights"))
    return self->weights_folded;
  if (g_str_equal (key, "show-plot") || g_str_equal (key, "show-details"))
    return self->side_folded;
  return FALSE;
}

/* Folding: narrow windows */

/* The folds for a window @width wide. The weights panel folds first: it
 * is used to change the analysis and then put away, while the plot
 * column beside the map is the analysis. */
static void
choose_folds (LmWindow *self,
              int       width,
              gboolean *out_weights,
              gboolean *out_side)
{
  gboolean side = g_settings_get_boolean (self->settings, "show-plot") ||
                  g_settings_get_boolean (self->settings, "show-details");

  *out_side = side && width < PLOT_MIN_WIDTH + MAP_MIN_WIDTH;
  *out_weights = width < self->sidebar_width + (side ? MAX (self->plot_width, PLOT_MIN_WIDTH) : 0) +
                         MAP_MIN_WIDTH;
}

/* Moves @child out of its pane into a sheet over the map, or back. */
static void
move_panel (GtkWidget *child,
            GtkPaned  *paned,
            gboolean   start,
            AdwBin    *sheet,
            gboolean   fold)
{
  g_object_ref (child);
  if (fold)
    {
      if (start)
        gtk_paned_set_start_child (paned, NULL);
      else
        gtk_paned_set_end_child (paned, NULL);
      adw_bin_set_child (sheet, child);
    }
  else
    {
      adw_bin_set_child (sheet, NULL);
      if (start)
        gtk_paned_set_start_child (paned, child);
      else
        gtk_paned_set_end_child (paned, child);
    }
  g_object_unref (child);
}

static void
set_folds (LmWindow *self,
           gboolean  weights,
           gboolean  side)
{
  if (weights == self->weights_folded && side == self->side_folded)
    return;
  remember_panes (self);
  /* What a sheet shows is not a choice to remember: unbound meanwhile,
   * the setting comes back when the panel docks again. */
  _lm_window_bind_panel_settings (self, FALSE);
  if (weights != self->weights_folded)
    {
      self->weights_folded = weights;
      move_panel (GTK_WIDGET (self->weights_bin), self->sidebar_paned, TRUE,
                  self->weights_sheet_bin, weights);
      if (weights)
        self->show_weights = FALSE;
    }
  if (side != self->side_folded)
    {
      self->side_folded = side;
      move_panel (GTK_WIDGET (self->plot_paned), self->side_paned, FALSE, self->side_sheet_bin,
                  side);
      if (side)
        self->show_plot = self->show_details = FALSE;
    }
  if (!self->presentation)
    _lm_window_bind_panel_settings (self, TRUE);
  /* A sheet is as wide as its panel was, and leaves a strip of map. */
  {
    int side_width = MIN (MAX (self->plot_width, PLOT_MIN_WIDTH), self->fold_width - 48);

    gtk_widget_set_size_request (GTK_WIDGET (self->weights_sheet_bin), self->sidebar_width, -1);
    adw_clamp_set_maximum_size (self->weights_clamp, self->sidebar_width);
    gtk_widget_set_size_request (GTK_WIDGET (self->side_sheet_bin), side_width, -1);
    adw_clamp_set_maximum_size (self->side_clamp, side_width);
  }
  g_object_notify (G_OBJECT (self), "show-weights");
  g_object_notify (G_OBJECT (self), "show-plot");
  g_object_notify (G_OBJECT (self), "show-details");
  _lm_window_apply_panes (self);
  _lm_window_prime_pane_positions (self);
}

static void
fold_idle_cb (gpointer user_data)
{
  LmWindow *self = user_data;
  gboolean weights, side;

  self->fold_idle_id = 0;
  choose_folds (self, self->fold_width, &weights, &side);
  set_folds (self, weights, side);
}

void
_lm_window_fold_for_width (LmWindow *self,
                           int       width)
{
  gboolean weights, side;

  g_clear_handle_id (&self->fold_idle_id, g_source_remove);
  self->fold_width = width;
  choose_folds (self, width, &weights, &side);
  set_folds (self, weights, side);
}

void
_lm_window_queue_folds (LmWindow *self,
                        int       width)
{
  gboolean weights, side;

  /* Presentation view has its own layout. */
  if (width <= 0 || self->presentation || width == self->fold_width)
    return;
  self->fold_width = width;
  choose_folds (self, width, &weights, &side);
  /* Moving panels queues a new allocation, which must not happen during
   * this one. */
  if ((weights != self->weights_folded || side != self->side_folded) && self->fold_idle_id == 0)
    self->fold_idle_id = g_idle_add_once (fold_idle_cb, self);
}

/* The legend: folded where it would crowd the map */

/* A map less than this many times the legend's size folds the legend:
 * the map is fitted around what covers it (lm_choropleth_add_overlay),
 * and beyond that the country would shrink for it. */
#define LEGEND_ROOM 1.6

/* The classes' legend, which folds; NULL when there is none or the map
 * shows two variables under a key of its own (that one does not fold). */
static LmLegend *
get_folding_legend (LmWindow *self)
{
  return self->legend != NULL && LM_IS_LEGEND (self->legend) ? LM_LEGEND (self->legend) : NULL;
}

static void
legend_idle_cb (gpointer user_data)
{
  LmWindow *self = user_data;
  int legend_w, legend_h;
  gboolean small;

  self->legend_idle_id = 0;
  if (get_folding_legend (self) == NULL || self->map == NULL || !gtk_widget_get_mapped (self->map))
    return;
  lm_legend_get_full_size (get_folding_legend (self), &legend_w, &legend_h);
  if (legend_w <= 0)
    return;
  small = gtk_widget_get_width (self->map) < LEGEND_ROOM * legend_w ||
          gtk_widget_get_height (self->map) < LEGEND_ROOM * legend_h;
  /* Only a change of room folds or unfolds it: the user's own choice
   * holds until then. */
  if (small == self->legend_small)
    return;
  self->legend_small = small;
  lm_legend_set_collapsed (get_folding_legend (self), small);
}

void
_lm_window_queue_legend_fold (LmWindow *self)
{
  if (self->legend != NULL && self->legend_idle_id == 0)
    self->legend_idle_id = g_idle_add_once (legend_idle_cb, self);
}

/* After every layout of the window: the map's room may have changed
 * without the window's own size (a handle moved, a panel shown). */
static void
on_clock_layout_cb (LmWindow      *self,
                    GdkFrameClock *clock)
{
  int width = self->map != NULL ? gtk_widget_get_width (self->map) : 0;
  int height = self->map != NULL ? gtk_widget_get_height (self->map) : 0;
  int legend_width = 0;

  if (get_folding_legend (self) != NULL)
    lm_legend_get_full_size (get_folding_legend (self), &legend_width, NULL);
  if (width == self->map_width && height == self->map_height && legend_width == self->legend_width)
    return;
  self->map_width = width;
  self->map_height = height;
  self->legend_width = legend_width;
  _lm_window_queue_legend_fold (self);
}

void
_lm_window_follow_layout (LmWindow *self,
                          gboolean  follow)
{
  if (follow)
    {
      self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->layout_id = g_signal_connect_object (self->layout_clock, "layout",
                                                 G_CALLBACK (on_clock_layout_cb), self,
                                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  else
    {
      g_clear_signal_handler (&self->layout_id, self->layout_clock);
      g_clear_object (&self->layout_clock);
    }
}

/* The focus */

/* The map is what the window is about: the keyboard starts there (its
 * keys +, - and 0 work at once), unless the user went elsewhere. */
void
_lm_window_focus_map_at_start (LmWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->header_bar)) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->load_page)))
    gtk_widget_grab_focus (self->map);
}

/* A menu or popover opened (by keys too: F10, Ctrl+F) takes the focus:
 * the map's and the plot's tooltips are asked again, and give way. */
void
_lm_window_on_focus_widget (LmWindow   *self,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  if (self->map != NULL)
    gtk_widget_trigger_tooltip_query (self->map);
  if (lm_window_get_plot (self) != NULL)
    gtk_widget_trigger_tooltip_query (lm_window_get_plot (self));
}

gboolean
_lm_window_close_sheets (LmWindow *self)
{
  gboolean open = (self->weights_folded && self->show_weights) ||
                  (self->side_folded && (self->show_plot || self->show_details));

  if (!open)
    return FALSE;
  if (self->weights_folded)
    g_object_set (self, "show-weights", FALSE, NULL);
  if (self->side_folded)
    g_object_set (self, "show-plot", FALSE, "show-details", FALSE, NULL);
  return TRUE;
}

/* A panel slid over the map takes the focus once it is there, so that
 * the keyboard can use it at once (F9, then Tab through the weights). */
static void
on_sheet_revealed_cb (GtkRevealer *sheet,
                      GParamSpec  *pspec,
                      LmWindow    *self)
{
  if (gtk_revealer_get_child_revealed (sheet))
    gtk_widget_child_focus (gtk_revealer_get_child (sheet), GTK_DIR_TAB_FORWARD);
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
  g_signal_connect_object (self->weights_sheet, "notify::child-revealed",
                           G_CALLBACK (on_sheet_revealed_cb), self, 0);
  g_signal_connect_object (self->side_sheet, "notify::child-revealed",
                           G_CALLBACK (on_sheet_revealed_cb), self, 0);
  _lm_window_bind_panel_settings (self, TRUE);
}

void
_lm_window_bind_panel_settings (LmWindow *self,
                                gboolean  bind)
{
  /* Binding reads the setting at once: leaving presentation view
   * restores the panels chosen before it. A panel folded into a sheet
   * is shown and hidden for the moment only. */
  for (guint i = 0; i < G_N_ELEMENTS (panel_keys); i++)
    {
      if (bind && !is_folded (self, panel_keys[i]))
        g_settings_bind (self->settings, panel_keys[i], self, panel_keys[i],
                         LM_WINDOW_SETTINGS_BIND);
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
  /* The map's room changed with the handle. */
  _lm_window_queue_legend_fold (self);
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
  side_w = stack_w - (self->show_weights && !self->weights_folded ? self->sidebar_width + 1 : 0);
  self->applying_panes++;
  if (self->show_weights && !self->weights_folded)
    gtk_paned_set_position (self->sidebar_paned, self->sidebar_width);
  if ((self->show_plot || self->show_details) && !self->side_folded)
    gtk_paned_set_position (self->side_paned,
                            MAX (side_w - get_plot_width (self, side_w), side_w / 3));
  if (self->show_table)
    gtk_paned_set_position (self->table_paned, stack_h - get_table_height (self, stack_h));
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
  gtk_revealer_set_reveal_child (self->weights_sheet, self->weights_folded && self->show_weights);
  gtk_revealer_set_reveal_child (self->side_sheet, self->side_folded && side);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _lm_window_update_actions (self);
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
