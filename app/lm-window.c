/* lm-window.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window holds an LmView and binds every part to it: the header's
 * drop-downs, the map, the plot panel, the table, the weights panel and
 * GSettings. It keeps no copy of what the view holds; the properties
 * "level", "variable", "palette", "method", "n-classes" and
 * "show-left-behind" only forward to the view, because
 * gtk_widget_class_install_property_action() needs a property of the
 * widget for the menus' radio items.
 */
#include "config.h"

#include <malloc.h>

#include <math.h>
#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-area-details.h"
#include "lm-area-table.h"
#include "lm-choices-private.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-malloc-policy.h"
#include "lm-view-bindings.h"
#include "lm-weights-panel.h"
#include "lm-data-dir.h"
#include "lm-window-private.h"

G_DEFINE_FINAL_TYPE (LmWindow, lm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADING,
  PROP_LEVEL,
  PROP_VARIABLE,
  PROP_PALETTE,
  PROP_METHOD,
  PROP_N_CLASSES,
  PROP_SHOW_LEFT_BEHIND,
  PROP_SHOW_WEIGHTS,
  PROP_SHOW_PLOT,
  PROP_SHOW_TABLE,
  PROP_SHOW_DETAILS,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static LmDataset *
get_dataset (LmWindow *self)
{
  LmModel *model = lm_view_get_model (self->view);

  return model != NULL ? lm_model_get_dataset (model) : NULL;
}

/* The header's drop-downs */

/* The levels of the data: with every new model. */
static void
fill_level_dropdown (LmWindow *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  LmDataset *dataset = get_dataset (self);

  g_ptr_array_set_size (self->level_ids, 0);
  for (guint i = 0; dataset != NULL && i < lm_dataset_get_n_levels (dataset); i++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, i);

      g_ptr_array_add (self->level_ids, g_strdup (level->id));
      g_ptr_array_add (titles, g_strdup (level->title));
    }
  self->updating++;
  _lm_choices_replace (self->level_list, titles);
  self->updating--;
}

/* The view's level and variable, and the variables of that level; the
 * lists are not touched when only the variable changes, since that is
 * often the drop-down's own choice. */
static void
show_level_and_variable (LmWindow *self,
                         gboolean  level_changed)
{
  LmDataset *dataset = get_dataset (self);
  const char *level_id = lm_view_get_level (self->view);

  self->updating++;
  gtk_drop_down_set_selected (self->level_dropdown, _lm_choices_find (self->level_ids, level_id));
  if (level_changed)
    _lm_choices_fill_variables (dataset != NULL ? lm_dataset_find_level (dataset, level_id) : NULL,
                                self->variable_ids, self->variable_list);
  gtk_drop_down_set_selected (self->variable_dropdown,
                              _lm_choices_find (self->variable_ids,
                                                lm_view_get_variable (self->view)));
  self->updating--;
}

/* Following the view */

static void
on_view_notify_cb (LmWindow   *self,
                   GParamSpec *pspec,
                   LmView     *view)
{
  static const struct
  {
    const char *name;
    guint       prop_id;
  } forwarded[] = {
    { "model", PROP_MODEL }, { "level", PROP_LEVEL }, { "variable", PROP_VARIABLE },
    { "palette", PROP_PALETTE }, { "method", PROP_METHOD }, { "n-classes", PROP_N_CLASSES },
    { "show-left-behind", PROP_SHOW_LEFT_BEHIND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    if (g_str_equal (pspec->name, forwarded[i].name))
      g_object_notify_by_pspec (G_OBJECT (self), properties[forwarded[i].prop_id]);

  if (g_str_equal (pspec->name, "model"))
    fill_level_dropdown (self);
  if (g_str_equal (pspec->name, "model") || g_str_equal (pspec->name, "level") ||
      g_str_equal (pspec->name, "method"))
    _lm_window_update_method_menu (self);
  if (g_str_equal (pspec->name, "model") || g_str_equal (pspec->name, "level") ||
      g_str_equal (pspec->name, "variable"))
    show_level_and_variable (self, !g_str_equal (pspec->name, "variable"));
  /* What the map of the level leaves out, said once. */
  if (g_str_equal (pspec->name, "model") || g_str_equal (pspec->name, "level") ||
      g_str_equal (pspec->name, "show-left-behind"))
    _lm_window_report_boundaries (self);
  /* The table has no "level" property to bind (yet). */
  if (g_str_equal (pspec->name, "level") && self->table != NULL)
    lm_area_table_set_level (LM_AREA_TABLE (self->table), lm_view_get_level (view));
  /* "Reset weights" is enabled with custom weights only. */
  if (g_str_equal (pspec->name, "custom-weights"))
    _lm_window_update_actions (self);
}

static void
on_variable_substituted_cb (LmWindow   *self,
                            const char *wanted,
                            const char *shown,
                            LmView     *view)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = lm_dataset_find_level (dataset, lm_view_get_level (view));
  LmVariable *old = NULL;
  LmVariable *now = lm_level_find_variable (level, shown);
  g_autofree char *message = NULL;

  /* The old variable's title, from any level that has it. */
  for (guint i = 0; old == NULL && i < lm_dataset_get_n_levels (dataset); i++)
    old = lm_level_find_variable (lm_dataset_get_level (dataset, i), wanted);
  if (old == NULL || now == NULL)
    return;
  /* Translators: "CNI score is not available for LSOAs (2011); showing IMD score." */
  message = g_strdup_printf (_("%s is not available for %s; showing %s."),
                             old->title, level->title, now->title);
  lm_window_add_toast (self, message);
}

/* Settings: what GSettings keeps of the view */

/* An unknown palette name (from an older version) gives the default. */
static gboolean
palette_from_setting (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  if (*name == '\0')
    {
      g_value_set_string (value, NULL);
      return TRUE;
    }
  if (lm_palette_lookup (name, NULL) == NULL)
    return FALSE;
  g_value_set_string (value, name);
  return TRUE;
}

static GVariant *
palette_to_setting (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  const char *name = g_value_get_string (value);

  return g_variant_new_string (name != NULL ? name : "");
}

/* "ad": xmin, ymin, xmax, ymax, or empty for the whole layer. */
static gboolean
extent_from_setting (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  gsize n;
  const double *v = g_variant_get_fixed_array (variant, &n, sizeof (double));
  LmBounds bounds;

  if (n == 0)
    {
      g_value_set_boxed (value, NULL);
      return TRUE;
    }
  if (n != 4)
    return FALSE;
  bounds = (LmBounds) { v[0], v[1], v[2], v[3] };
  if (lm_bounds_is_empty (&bounds) || !isfinite (v[0] + v[1] + v[2] + v[3]))
    return FALSE;
  g_value_set_boxed (value, &bounds);
  return TRUE;
}

static GVariant *
extent_to_setting (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  const LmBounds *bounds = g_value_get_boxed (value);
  static const double none[1] = { 0 };

  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, bounds != NULL ? (gconstpointer) bounds
                                                                          : none,
                                    bounds != NULL ? 4 : 0, sizeof (double));
}

/* The last view comes back at start-up. The plot's level and axes come
 * before its figure, which would otherwise be taken for custom axes.
 * The view does not follow its keys (LM_WINDOW_SETTINGS_BIND): where
 * dconf cannot save, it changes a refused key back, and a view that
 * followed changed its other keys back and forth for ever. */
static void
bind_view_settings (LmWindow *self)
{
  static const char * const keys[] = {
    "level", "variable", "method", "n-classes", "show-left-behind",
    "plot-level", "plot-x", "plot-y", "plot-preset", "weighted",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self->view, keys[i], LM_WINDOW_SETTINGS_BIND);
  g_settings_bind_with_mapping (self->settings, "palette", self->view, "palette",
                                LM_WINDOW_SETTINGS_BIND, palette_from_setting, palette_to_setting,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "extent", self->view, "extent",
                                LM_WINDOW_SETTINGS_BIND, extent_from_setting, extent_to_setting,
                                NULL, NULL);
}

/* Views */

static void
clear_views (LmWindow *self)
{
  adw_bin_set_child (self->legend_bin, NULL);
  adw_bin_set_child (self->map_bin, NULL);
  adw_bin_set_child (self->table_bin, NULL);
  adw_bin_set_child (self->weights_bin, NULL);
  adw_bin_set_child (self->details_bin, NULL);
  lm_plot_panel_set_model (self->plot_panel, NULL);
  self->map = NULL;
  self->legend = NULL;
  self->table = NULL;
  self->weights = NULL;
  self->details = NULL;
}

static void
on_view_area_activated_cb (LmWindow *self,
                           gpointer  level,
                           guint     area)
{
  if (self->map != NULL && level != NULL)
    lm_choropleth_zoom_to_area (LM_CHOROPLETH (self->map), level, area);
}

/* The map and its legend come first; the panels around it follow once
 * the map has been drawn (see schedule_panels), so that the map shows
 * as early as it can. */
static void
create_map_views (LmWindow *self)
{
  LmModel *model = lm_view_get_model (self->view);
  LmClassifyMethod method = LM_CLASSIFY_QUANTILE;

  /* What the view binds, before the model: a map given its model first
   * would read the boundaries of the finest level (LSOAs: 25 ms on the
   * main thread, before the first frame), and each property bound after
   * it would classify the areas and lay the legend out again. */
  if (!lm_classify_method_from_string (lm_view_get_method (self->view), &method))
    method = LM_CLASSIFY_QUANTILE;
  self->map = g_object_new (LM_TYPE_CHOROPLETH,
                            "level", lm_view_get_level (self->view),
                            "variable", lm_view_get_variable (self->view),
                            "n-classes", lm_view_get_n_classes (self->view),
                            "palette", lm_view_get_palette (self->view),
                            "method", method,
                            "show-left-behind", lm_view_get_show_left_behind (self->view),
                            "model", model,
                            NULL);
  gtk_widget_set_hexpand (self->map, TRUE);
  gtk_widget_set_vexpand (self->map, TRUE);
  /* Both ways: pans and zooms come back to the view, and to settings. */
  lm_view_bind_map (self->view, LM_CHOROPLETH (self->map), G_BINDING_BIDIRECTIONAL);
  adw_bin_set_child (self->map_bin, self->map);

  self->legend = lm_legend_new (LM_CHOROPLETH (self->map));
  self->legend_small = -1;
  adw_bin_set_child (self->legend_bin, self->legend);
  _lm_window_analysis_apply_map (self);
  /* Fits keep clear of what lies over the map. */
  lm_choropleth_add_overlay (LM_CHOROPLETH (self->map), GTK_WIDGET (self->legend_bin));
  lm_choropleth_add_overlay (LM_CHOROPLETH (self->map), self->zoom_box);
}

static void
create_panels (LmWindow *self)
{
  LmModel *model = lm_view_get_model (self->view);

  lm_plot_panel_set_model (self->plot_panel, model);

  self->table = lm_area_table_new (model);
  lm_area_table_set_level (LM_AREA_TABLE (self->table), lm_view_get_level (self->view));
  if (self->work_filter != NULL)
    lm_area_table_set_filter_text (LM_AREA_TABLE (self->table), self->work_filter);
  g_clear_pointer (&self->work_filter, g_free);
  adw_bin_set_child (self->table_bin, self->table);
  g_signal_connect_object (self->table, "area-activated",
                           G_CALLBACK (on_view_area_activated_cb), self, G_CONNECT_SWAPPED);

  self->weights = lm_weights_panel_new (model);
  g_object_bind_property (self->view, "locked", self->weights, "locked",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  adw_bin_set_child (self->weights_bin, self->weights);

  self->details = lm_area_details_new (model);
  adw_bin_set_child (self->details_bin, self->details);
}

static void
stop_waiting_for_map (LmWindow *self)
{
  if (self->after_paint_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->after_paint_clock);
      g_clear_object (&self->after_paint_clock);
    }
  g_clear_handle_id (&self->panels_timeout_id, g_source_remove);
}

static void
panels_idle_cb (gpointer user_data)
{
  LmWindow *self = user_data;

  self->panels_idle_id = 0;
  stop_waiting_for_map (self);
  if (!self->panels_pending || lm_view_get_model (self->view) == NULL)
    return;

  /* The application kept freed blocks while its first data were read
   * and drawn (lm_application_startup()); from here on every large
   * block goes back to the system when freed. */
  lm_malloc_return_large_blocks ();
  create_panels (self);
  self->panels_pending = FALSE;
  _lm_window_update_actions (self);
  /* The load and the first frames freed much (tables read, first
   * renders): give it back to the system. */
#ifdef M_TRIM_THRESHOLD
  malloc_trim (0);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
queue_panels (LmWindow *self)
{
  stop_waiting_for_map (self);
  if (self->panels_idle_id == 0)
    self->panels_idle_id = g_idle_add_once (panels_idle_cb, self);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   LmWindow      *self)
{
  /* The map renders in the update phase of a frame: once a frame has
   * been painted with it, build the rest. */
  if (self->map == NULL || lm_choropleth_get_last_render_ms (LM_CHOROPLETH (self->map)) > 0)
    queue_panels (self);
}

static void
panels_timeout_cb (gpointer user_data)
{
  LmWindow *self = user_data;

  /* A map that draws nothing (no boundaries at this level) or a window
   * that is not on screen: do not wait for it. */
  self->panels_timeout_id = 0;
  queue_panels (self);
}

static void
schedule_panels (LmWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  stop_waiting_for_map (self);
  g_clear_handle_id (&self->panels_idle_id, g_source_remove);
  self->panels_pending = TRUE;
  if (clock != NULL)
    {
      self->after_paint_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint",
                                               G_CALLBACK (on_after_paint_cb), self);
    }
  self->panels_timeout_id = g_timeout_add_once (clock != NULL ? 1000 : 50,
                                                panels_timeout_cb, self);
}

void
_lm_window_set_model (LmWindow *self,
                      LmModel  *model)
{
  g_assert (LM_IS_MODEL (model));

  if (lm_view_get_model (self->view) == model)
    return;

  _lm_window_take_work (self);
  _lm_window_analysis_forget (self);
  clear_views (self);
  lm_search_popover_set_model (self->search_popover, model);
  /* The view corrects what the new data lack, and so the drop-downs. */
  lm_view_set_model (self->view, model);
  _lm_window_restore_work (self);
  _lm_window_fill_dataset_dropdown (self);
  create_map_views (self);
  schedule_panels (self);

  _lm_window_apply_panes (self);
  _lm_window_prime_pane_positions (self);
  /* The map shows whole in its first frame, rather than fading in over
   * the load page: a crossfade kept the load page laid out in every frame
   * of it, its wrapped labels measured again and again (some 140 layouts,
   * a sixth of the main thread's work between the data and the panels). */
  gtk_stack_set_visible_child_full (self->stack, "data", GTK_STACK_TRANSITION_TYPE_NONE);
  _lm_window_update_actions (self);
  /* A scenario or command-line options may have waited for these data. */
  _lm_window_file_model_changed (self);
  _lm_window_focus_map_at_start (self);
}

/* Template callbacks */

static void
load_dataset (LmWindow *self,
              gpointer  id)
{
  _lm_window_load_confirmed (self, id);
}

static void
on_dataset_selected_cb (LmWindow    *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autofree char *wanted = NULL;
  const char *id;

  if (self->updating > 0 || selected >= self->dataset_ids->len)
    return;
  id = g_ptr_array_index (self->dataset_ids, selected);
  if (g_strcmp0 (id, self->dataset_name) == 0 && self->loading_name == NULL)
    return;
  /* Other data drop the weights and scenes: the drop-down shows the
   * current data until the user has saved or discarded them. */
  wanted = g_strdup (id);
  _lm_window_fill_dataset_dropdown (self);
  _lm_window_file_confirm (self, G_CALLBACK (load_dataset), g_steal_pointer (&wanted), g_free);
}

static void
on_level_selected_cb (LmWindow    *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected >= self->level_ids->len)
    return;
  lm_view_set_level (self->view, g_ptr_array_index (self->level_ids, selected));
}

static void
on_variable_selected_cb (LmWindow    *self,
                         GParamSpec  *pspec,
                         GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected >= self->variable_ids->len)
    return;
  lm_view_set_variable (self->view, g_ptr_array_index (self->variable_ids, selected));
}

static void
on_search_area_chosen_cb (LmWindow        *self,
                          gpointer         level,
                          guint            area,
                          LmSearchPopover *popover)
{
  lm_window_show_area (self, level, area);
}

/* The forwarded properties: user input, hence toasts rather than
 * criticals for what the data lack. */
static void
set_level (LmWindow   *self,
           const char *level_id)
{
  LmDataset *dataset = get_dataset (self);

  if (level_id == NULL)
    return;
  if (dataset != NULL && lm_dataset_find_level (dataset, level_id) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This dataset has no level “%s”."), level_id);

      lm_window_add_toast (self, message);
      return;
    }
  lm_view_set_level (self->view, level_id);
}

static void
set_variable (LmWindow   *self,
              const char *variable_id)
{
  LmDataset *dataset = get_dataset (self);
  const char *level_id = lm_view_get_level (self->view);

  if (variable_id == NULL)
    return;
  if (dataset != NULL && lm_dataset_find_variable (dataset, level_id, variable_id) == NULL)
    {
      LmLevel *level = lm_dataset_find_level (dataset, level_id);
      g_autofree char *message = g_strdup_printf (_("“%s” is not available for %s."), variable_id,
                                                  level != NULL ? level->title : level_id);

      lm_window_add_toast (self, message);
      return;
    }
  lm_view_set_variable (self->view, variable_id);
}

static void
set_show_flag (LmWindow *self,
               guint     prop_id,
               gboolean  value)
{
  gboolean changed = FALSE;

  value = !!value;
  switch (prop_id)
    {
    case PROP_SHOW_WEIGHTS:
      changed = self->show_weights != value;
      self->show_weights = value;
      break;
    case PROP_SHOW_PLOT:
      changed = self->show_plot != value;
      self->show_plot = value;
      break;
    case PROP_SHOW_TABLE:
      changed = self->show_table != value;
      self->show_table = value;
      break;
    case PROP_SHOW_DETAILS:
      changed = self->show_details != value;
      self->show_details = value;
      break;
    default:
      g_assert_not_reached ();
    }
  if (!changed)
    return;
  _lm_window_apply_panes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Window overrides */

static gboolean
lm_window_close_request (GtkWindow *window)
{
  LmWindow *self = LM_WINDOW (window);
  int width, height;

  /* Unsaved work: asked first, and closed from there. */
  if (!_lm_window_file_may_close (self))
    return TRUE;
  if (!self->presentation)
    {
      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  _lm_window_save_panes (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (lm_window_parent_class)->close_request (window);
}

static void
lm_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  GTK_WIDGET_CLASS (lm_window_parent_class)->size_allocate (widget, width, height, baseline);
  _lm_window_queue_folds (LM_WINDOW (widget), width);
  _lm_window_queue_pane_positions (LM_WINDOW (widget));
}

static void
lm_window_realize (GtkWidget *widget)
{
  LmWindow *self = LM_WINDOW (widget);

  GTK_WIDGET_CLASS (lm_window_parent_class)->realize (widget);
  _lm_window_follow_layout (self, TRUE);
  _lm_window_queue_primary_menu (self);
}

static void
lm_window_unrealize (GtkWidget *widget)
{
  LmWindow *self = LM_WINDOW (widget);

  _lm_window_follow_layout (self, FALSE);
  GTK_WIDGET_CLASS (lm_window_parent_class)->unrealize (widget);
}

/* GObject overrides */

/* Reads the remembered state and starts loading; needs the application,
 * which GtkWindow only has after construction. */
static void
start (LmWindow *self)
{
  LmApplication *app = LM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *dataset = lm_application_get_initial_dataset (app);

  self->settings = g_object_ref (lm_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  _lm_window_panes_init (self);
  _lm_window_fold_for_width (self, g_settings_get_int (self->settings, "window-width"));
  bind_view_settings (self);

  g_free (self->dataset_name);
  self->dataset_name = g_steal_pointer (&dataset);
  _lm_window_fill_dataset_dropdown (self);
  _lm_window_apply_panes (self);
  _lm_window_update_actions (self);

  lm_window_load (self, self->dataset_name, NULL);
}

static void
lm_window_dispose (GObject *object)
{
  LmWindow *self = LM_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->panes_idle_id, g_source_remove);
  g_clear_handle_id (&self->fold_idle_id, g_source_remove);
  g_clear_handle_id (&self->legend_idle_id, g_source_remove);
  g_clear_handle_id (&self->menu_idle_id, g_source_remove);
  g_clear_handle_id (&self->panels_idle_id, g_source_remove);
  stop_waiting_for_map (self);
  _lm_window_analysis_dispose (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  _lm_window_present_dispose (self);
  _lm_window_export_dispose (self);
  _lm_window_file_dispose (self);
  clear_views (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_WINDOW);

  G_OBJECT_CLASS (lm_window_parent_class)->dispose (object);
}

static void
lm_window_finalize (GObject *object)
{
  LmWindow *self = LM_WINDOW (object);

  g_clear_object (&self->view);
  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->work, lm_view_snapshot_unref);
  g_clear_pointer (&self->work_filter, g_free);
  g_clear_pointer (&self->dataset_name, g_free);
  g_clear_pointer (&self->loading_name, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  g_clear_pointer (&self->datasets_root, g_free);
  g_clear_pointer (&self->dataset_ids, g_ptr_array_unref);
  g_clear_pointer (&self->level_ids, g_ptr_array_unref);
  g_clear_pointer (&self->variable_ids, g_ptr_array_unref);
  g_clear_pointer (&self->action_states, g_hash_table_unref);

  G_OBJECT_CLASS (lm_window_parent_class)->finalize (object);
}

static void
lm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LmWindow *self = LM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, lm_view_get_model (self->view));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, lm_window_get_loading (self));
      break;
    case PROP_LEVEL:
    case PROP_VARIABLE:
    case PROP_PALETTE:
    case PROP_METHOD:
      /* A property action's state cannot be a NULL string: "" is no
       * choice (no data yet, or each variable's own palette). */
      g_object_get_property (G_OBJECT (self->view), pspec->name, value);
      if (g_value_get_string (value) == NULL)
        g_value_set_static_string (value, "");
      break;
    case PROP_N_CLASSES:
    case PROP_SHOW_LEFT_BEHIND:
      g_object_get_property (G_OBJECT (self->view), pspec->name, value);
      break;
    case PROP_SHOW_WEIGHTS:
      g_value_set_boolean (value, self->show_weights);
      break;
    case PROP_SHOW_PLOT:
      g_value_set_boolean (value, self->show_plot);
      break;
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->show_details);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LmWindow *self = LM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      set_level (self, g_value_get_string (value));
      break;
    case PROP_VARIABLE:
      set_variable (self, g_value_get_string (value));
      break;
    case PROP_PALETTE:
    case PROP_METHOD:
    case PROP_N_CLASSES:
    case PROP_SHOW_LEFT_BEHIND:
      g_object_set_property (G_OBJECT (self->view), pspec->name, value);
      break;
    case PROP_SHOW_WEIGHTS:
    case PROP_SHOW_PLOT:
    case PROP_SHOW_TABLE:
    case PROP_SHOW_DETAILS:
      set_show_flag (self, prop_id, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      if (_lm_window_set_presentation (self, g_value_get_boolean (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Forwarded to the view: see the comment at the top. */
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, rw);
  properties[PROP_VARIABLE] = g_param_spec_string ("variable", NULL, NULL, NULL, rw);
  properties[PROP_PALETTE] = g_param_spec_string ("palette", NULL, NULL, NULL, rw);
  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, "quantile", rw);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES,
                       5, rw);
  properties[PROP_SHOW_LEFT_BEHIND] =
    g_param_spec_boolean ("show-left-behind", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_WEIGHTS] = g_param_spec_boolean ("show-weights", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_PLOT] = g_param_spec_boolean ("show-plot", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_TABLE] = g_param_spec_boolean ("show-table", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_DETAILS] = g_param_spec_boolean ("show-details", NULL, NULL, TRUE, rw);
  properties[PROP_PRESENTATION] = g_param_spec_boolean ("presentation", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_window_class_init (LmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lm_window_dispose;
  object_class->finalize = lm_window_finalize;
  object_class->get_property = lm_window_get_property;
  object_class->set_property = lm_window_set_property;
  widget_class->size_allocate = lm_window_size_allocate;
  widget_class->realize = lm_window_realize;
  widget_class->unrealize = lm_window_unrealize;
  window_class->close_request = lm_window_close_request;
  install_properties (object_class);

  g_type_ensure (LM_TYPE_SEARCH_POPOVER);
  g_type_ensure (LM_TYPE_LOAD_PAGE);
  g_type_ensure (LM_TYPE_PLOT_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/levelmap/Levelmap/ui/lm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, dataset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, dataset_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, title_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, level_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, variable_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, variable_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, panes_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, load_page);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, data_overlay);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_sheet);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_sheet_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_clamp);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, side_clamp);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, side_sheet);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, side_sheet_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, table_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, legend_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, table_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_panel);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, details_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, palette_menu);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, method_section);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_variable_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_area_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_area_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_pane_position_cb",
                                                G_CALLBACK (_lm_window_on_pane_position));

  _lm_window_class_actions_init (klass);
  _lm_window_class_analysis_actions_init (klass);
  _lm_window_file_class_init (klass);
  _lm_window_export_class_init (klass);
  _lm_window_present_class_init (klass);
}

static void
fill_palette_menu (LmWindow *self)
{
  const LmPalette * const *palettes = lm_palette_list ();
  g_autoptr(GMenu) sequential = g_menu_new ();
  g_autoptr(GMenu) diverging = g_menu_new ();

  for (guint i = 0; palettes[i] != NULL; i++)
    {
      const LmPalette *palette = palettes[i];
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (lm_palette_is_colorblind_safe (palette))
        /* Translators: a palette in the Map Colours menu */
        label = g_strdup_printf (_("%s (colour-blind safe)"), lm_palette_get_title (palette));
      else
        label = g_strdup (lm_palette_get_title (palette));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.palette",
                                               g_variant_new_string (
                                                 lm_palette_get_name (palette)));
      g_menu_append_item (lm_palette_get_kind (palette) == LM_PALETTE_SEQUENTIAL ? sequential
                                                                                 : diverging,
                          item);
    }
  g_menu_append_section (self->palette_menu, NULL, G_MENU_MODEL (sequential));
  g_menu_append_section (self->palette_menu, NULL, G_MENU_MODEL (diverging));
}

static void
lm_window_init (LmWindow *self)
{
  GtkEventController *shortcuts;
  GtkShortcut *escape;

  self->dataset_ids = g_ptr_array_new_with_free_func (g_free);
  self->level_ids = g_ptr_array_new_with_free_func (g_free);
  self->variable_ids = g_ptr_array_new_with_free_func (g_free);
  self->action_states = g_hash_table_new (g_str_hash, g_str_equal);
  self->show_weights = self->show_plot = self->show_table = self->show_details = TRUE;
  self->view = lm_view_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A variable switch draws the new title without a relayout; the level
   * switch fills the list of variables anew, which may change its size
   * anyway (and the level's own drop-down keeps the width it needs). The
   * title takes only the room the header's sides leave (the scenario's
   * name first). */
  _lm_choices_steady_button (self->variable_dropdown);
  _lm_choices_steady_header (self->title_box);
  lm_accessible_name_dropdown (self->dataset_dropdown, _("Dataset"));
  lm_accessible_name_dropdown (self->level_dropdown, _("Level"));
  lm_accessible_name_dropdown (self->variable_dropdown, _("Variable"));
  lm_accessible_name_menu_button (self->primary_menu_button, _("Main menu"));
  _lm_window_init_primary_menu (self);
  lm_accessible_name_menu_button (self->search_button, _("Find an area"));
  fill_palette_menu (self);
  _lm_window_update_method_menu (self);
  _lm_window_add_map_keys (self);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (_lm_window_on_focus_widget), NULL);
  lm_plot_panel_set_view (self->plot_panel, self->view);
  g_signal_connect_object (self->view, "notify", G_CALLBACK (on_view_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "variable-substituted",
                           G_CALLBACK (on_variable_substituted_cb), self, G_CONNECT_SWAPPED);
  _lm_window_analysis_init (self);

  _lm_window_file_init (self);
  _lm_window_export_init (self);
  _lm_window_present_init (self);

  /* Escape closes a panel slid over the map in a narrow window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_named_action_new ("win.close-sheets"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), escape);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Semi-private API */

LmModel *
_lm_window_get_model (LmWindow *self)
{
  return lm_view_get_model (self->view);
}

void
_lm_window_refresh_variables (LmWindow *self)
{
  show_level_and_variable (self, TRUE);
}

void
_lm_window_notify_loading (LmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Public API */

/**
 * lm_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window, owned by @application
 */
LmWindow *
lm_window_new (LmApplication *application)
{
  LmWindow *self;

  g_return_val_if_fail (LM_IS_APPLICATION (application), NULL);

  self = g_object_new (LM_TYPE_WINDOW, "application", application, NULL);
  start (self);
  return self;
}

LmModel *
lm_window_get_model (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return lm_view_get_model (self->view);
}

gboolean
lm_window_get_loading (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);
  return self->loading_name != NULL || self->panels_pending;
}

const char *
lm_window_get_page (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") == 0)
    return "data";
  return lm_load_page_get_mode (self->load_page);
}

const char *
lm_window_get_error_text (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);

  if (g_strcmp0 (lm_window_get_page (self), "error") != 0)
    return NULL;
  return lm_load_page_get_message (self->load_page);
}

LmView *
lm_window_get_view (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->view;
}

GtkWidget *
lm_window_get_map (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->map;
}

GtkWidget *
lm_window_get_legend (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->legend;
}

GtkWidget *
lm_window_get_plot (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return lm_plot_panel_get_plot (self->plot_panel);
}

GtkWidget *
lm_window_get_table (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->table;
}

GtkWidget *
lm_window_get_weights_panel (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->weights;
}

GtkWidget *
lm_window_get_details (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->details;
}

LmSearchPopover *
lm_window_get_search_popover (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->search_popover;
}

LmPlotPanel *
lm_window_get_plot_panel (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->plot_panel;
}

LmLoadPage *
lm_window_get_load_page (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->load_page;
}

void
lm_window_show_area (LmWindow *self,
                     LmLevel  *level,
                     guint     area)
{
  LmModel *model;

  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (area < level->n_areas);

  model = lm_view_get_model (self->view);
  if (model == NULL)
    return;

  /* A level without boundaries (none in the shipped data) cannot be
   * mapped: select it and let the map show its containing areas. */
  lm_view_set_level (self->view, level->id);
  lm_selection_select (lm_model_get_selection (model), level, &area, 1, LM_SELECTION_REPLACE);
  if (self->map != NULL)
    lm_choropleth_zoom_to_area (LM_CHOROPLETH (self->map), level, area);
}

void
lm_window_add_toast (LmWindow   *self,
                     const char *message)
{
  AdwToast *toast;
  g_autofree char *escaped = NULL;

  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup; file names and messages are not. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
