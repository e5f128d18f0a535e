/* lm-window.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-area-details.h"
#include "lm-csv.h"
#include "lm-manifest.h"
#include "lm-shape-layer.h"
#include "lm-area-table.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-scatter-plot.h"
#include "lm-weights-panel.h"
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
  PROP_SHOW_WEIGHTS,
  PROP_SHOW_PLOT,
  PROP_SHOW_TABLE,
  PROP_SHOW_DETAILS,
  PROP_SHOW_LEFT_BEHIND,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SEARCH_MAX_PER_LEVEL   40
#define SEARCH_MAX_RESULTS     80
#define SEARCH_MAX_CHILDREN    60
#define CUSTOM_PRESET          "custom"

static const char * const known_datasets[] = { "england-2019", "england-2025" };

static void set_model            (LmWindow *self,
                                  LmModel  *model);
static void prime_pane_positions (LmWindow *self);

/* Auxiliary methods */

static char *
settings_get_string (LmWindow   *self,
                     const char *key,
                     const char *fallback)
{
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, key);
  return g_strdup (fallback);
}

static int
settings_get_int (LmWindow   *self,
                  const char *key,
                  int         fallback)
{
  if (self->settings != NULL)
    return g_settings_get_int (self->settings, key);
  return fallback;
}

static gboolean
settings_get_boolean (LmWindow   *self,
                      const char *key,
                      gboolean    fallback)
{
  if (self->settings != NULL)
    return g_settings_get_boolean (self->settings, key);
  return fallback;
}

static void
settings_set_string (LmWindow   *self,
                     const char *key,
                     const char *value)
{
  if (self->settings != NULL && value != NULL)
    g_settings_set_string (self->settings, key, value);
}

static void
settings_set_int (LmWindow   *self,
                  const char *key,
                  int         value)
{
  if (self->settings != NULL)
    g_settings_set_int (self->settings, key, value);
}

static void
settings_set_boolean (LmWindow   *self,
                      const char *key,
                      gboolean    value)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, key, value);
}

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static LmDataset *
get_dataset (LmWindow *self)
{
  return self->model != NULL ? lm_model_get_dataset (self->model) : NULL;
}

static guint
get_n_reports (LmWindow *self)
{
  return get_dataset (self) != NULL ? lm_dataset_get_n_reports (get_dataset (self)) : 0;
}

/* "Ward", "LSOA": one area of a level, for search results. */
static const char *
get_level_singular (LmLevel *level)
{
  if (g_str_equal (level->id, "lsoa"))
    return _("LSOA");
  if (g_str_equal (level->id, "ward"))
    return _("Ward");
  if (g_str_equal (level->id, "lad"))
    return _("Local authority");
  if (g_str_equal (level->id, "region"))
    return _("Region");
  return level->title;
}

/* The name of the area that gives @area its context: its local
 * authority below that level, its region for a local authority. */
static const char *
get_area_context (LmWindow *self,
                  LmLevel  *level,
                  guint     area)
{
  LmLevel *lad = lm_dataset_find_level (get_dataset (self), "lad");
  LmLevel *context = NULL;
  int index;

  if (lad != NULL && level->depth < lad->depth)
    context = lad;
  else
    context = level->parent_level;
  if (context == NULL)
    return NULL;
  index = lm_level_get_ancestor (level, area, context);
  if (index < 0 || (guint) index >= context->n_areas)
    return NULL;
  return context->names[index];
}

static const char *
get_dataset_title (const char *name)
{
  if (g_strcmp0 (name, "england-2019") == 0)
    return _("England 2019");
  if (g_strcmp0 (name, "england-2025") == 0)
    return _("England 2025");
  return NULL;
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
replace_strings (GtkStringList *list,
                 GPtrArray     *titles)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_ptr_array_add (titles, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) titles->pdata);
}

static void
fill_dataset_dropdown (LmWindow *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->dataset_ids, 0);
  for (guint i = 0; i < G_N_ELEMENTS (known_datasets); i++)
    {
      g_ptr_array_add (self->dataset_ids, g_strdup (known_datasets[i]));
      g_ptr_array_add (titles, g_strdup (get_dataset_title (known_datasets[i])));
    }
  /* A user's own manifest gets its own entry while it is open. */
  if (self->dataset_name != NULL && find_id (self->dataset_ids, self->dataset_name) ==
      GTK_INVALID_LIST_POSITION)
    {
      LmDataset *dataset = get_dataset (self);

      g_ptr_array_add (self->dataset_ids, g_strdup (self->dataset_name));
      if (dataset != NULL)
        g_ptr_array_add (titles, g_strdup (lm_dataset_get_title (dataset)));
      else
        g_ptr_array_add (titles, g_path_get_basename (self->dataset_name));
    }

  self->updating++;
  replace_strings (self->dataset_list, titles);
  gtk_drop_down_set_selected (self->dataset_dropdown,
                              find_id (self->dataset_ids, self->dataset_name));
  self->updating--;
}

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
  replace_strings (self->level_list, titles);
  gtk_drop_down_set_selected (self->level_dropdown, find_id (self->level_ids, self->level_id));
  self->updating--;
}

/* Variables worth offering: everything at the level but the raw vote
 * counts, which only feed the percentages. */
static gboolean
is_offered_variable (LmVariable *variable)
{
  return !g_str_equal (variable->id, "eu.electorate") &&
         !g_str_equal (variable->id, "eu.ballots") &&
         !g_str_equal (variable->id, "eu.valid_votes") &&
         !g_str_equal (variable->id, "eu.leave_votes");
}

static void
fill_variable_list (LmLevel       *level,
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
  replace_strings (list, titles);
}

static void
fill_variable_dropdown (LmWindow *self)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = dataset != NULL ? lm_dataset_find_level (dataset, self->level_id) : NULL;

  self->updating++;
  fill_variable_list (level, self->variable_ids, self->variable_list);
  gtk_drop_down_set_selected (self->variable_dropdown,
                              find_id (self->variable_ids, self->variable_id));
  self->updating--;
}

static void
fill_preset_dropdown (LmWindow *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint selected = get_n_reports (self);

  for (guint r = 0; r < get_n_reports (self); r++)
    {
      const LmReportPreset *preset = lm_dataset_get_report (get_dataset (self), r);

      g_ptr_array_add (titles, g_strdup (preset->title));
      if (g_strcmp0 (preset->id, self->plot_preset) == 0)
        selected = r;
    }
  g_ptr_array_add (titles, g_strdup (_("Any Two Variables")));

  self->updating++;
  replace_strings (self->preset_list, titles);
  gtk_drop_down_set_selected (self->preset_dropdown, selected);
  gtk_revealer_set_reveal_child (self->axes_revealer, selected == get_n_reports (self));
  self->updating--;
}

static void
fill_plot_axes (LmWindow *self)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = dataset != NULL ? lm_dataset_find_level (dataset, self->plot_level) : NULL;

  self->updating++;
  fill_variable_list (level, self->plot_var_ids, self->plot_x_list);
  /* Both axes offer the same variables. */
  {
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plot_x_list));

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (titles, g_strdup (gtk_string_list_get_string (self->plot_x_list, i)));
    replace_strings (self->plot_y_list, titles);
  }
  gtk_drop_down_set_selected (self->plot_x_dropdown, find_id (self->plot_var_ids, self->plot_x));
  gtk_drop_down_set_selected (self->plot_y_dropdown, find_id (self->plot_var_ids, self->plot_y));
  self->updating--;
}

static void
apply_plot (LmWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->plot == NULL)
    return;

  if (g_strcmp0 (self->plot_preset, CUSTOM_PRESET) == 0)
    {
      ok = lm_scatter_plot_set_variables (LM_SCATTER_PLOT (self->plot), self->plot_level,
                                          self->plot_x, self->plot_y, &error);
    }
  else
    {
      for (guint r = 0; r < get_n_reports (self); r++)
        if (g_strcmp0 (lm_dataset_get_report (get_dataset (self), r)->id, self->plot_preset) == 0)
          ok = lm_scatter_plot_set_preset (LM_SCATTER_PLOT (self->plot), r, &error);
    }
  if (!ok)
    lm_window_add_toast (self, error->message);
}

static void
apply_map (LmWindow *self)
{
  LmChoropleth *map = LM_CHOROPLETH (self->map);
  LmClassifyMethod method = LM_CLASSIFY_QUANTILE;

  if (map == NULL)
    return;
  lm_classify_method_from_string (self->method, &method);
  lm_choropleth_set_level (map, self->level_id);
  lm_choropleth_set_variable (map, self->variable_id);
  lm_choropleth_set_method (map, method);
  lm_choropleth_set_n_classes (map, self->n_classes);
  lm_choropleth_set_palette (map, self->palette);
  lm_choropleth_set_show_left_behind (map, self->show_left_behind);
}

/* Picks a variable that exists at @level: the current one if it does,
 * else the same index's score, else the IMD score, else the first. */
static const char *
choose_variable (LmLevel    *level,
                 const char *wanted)
{
  g_autofree char *score = NULL;
  const char *dot;

  if (wanted != NULL && lm_level_find_variable (level, wanted) != NULL)
    return wanted;
  if (wanted != NULL && (dot = strchr (wanted, '.')) != NULL)
    {
      score = g_strdup_printf ("%.*s.score", (int) (dot - wanted), wanted);
      if (lm_level_find_variable (level, score) != NULL)
        return lm_level_find_variable (level, score)->id;
    }
  if (lm_level_find_variable (level, "imd.score") != NULL)
    return "imd.score";
  if (level->variables->len > 0)
    return ((LmVariable *) g_ptr_array_index (level->variables, 0))->id;
  return NULL;
}

/* Views */

static void
clear_views (LmWindow *self)
{
  adw_bin_set_child (self->legend_bin, NULL);
  adw_bin_set_child (self->map_bin, NULL);
  adw_bin_set_child (self->plot_bin, NULL);
  adw_bin_set_child (self->table_bin, NULL);
  adw_bin_set_child (self->weights_bin, NULL);
  adw_bin_set_child (self->details_bin, NULL);
  self->map = NULL;
  self->legend = NULL;
  self->plot = NULL;
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

static void
on_plot_weighted_changed_cb (LmWindow   *self,
                             GParamSpec *pspec,
                             GObject    *plot)
{
  gboolean weighted = lm_scatter_plot_get_weighted (LM_SCATTER_PLOT (plot));

  if (gtk_toggle_button_get_active (self->weighted_button) != weighted)
    gtk_toggle_button_set_active (self->weighted_button, weighted);
}

static void
on_model_recomputed_cb (LmWindow *self,
                        LmModel  *model)
{
  _lm_window_update_actions (self);
}

/* The map and its legend come first; the panels around it follow once
 * the map has been drawn (see schedule_panels), so that the map shows
 * as early as it can. */
static void
create_map_views (LmWindow *self)
{
  g_assert (self->model != NULL);

  self->map = lm_choropleth_new (self->model);
  gtk_widget_set_hexpand (self->map, TRUE);
  gtk_widget_set_vexpand (self->map, TRUE);
  adw_bin_set_child (self->map_bin, self->map);
  apply_map (self);

  self->legend = lm_legend_new (LM_CHOROPLETH (self->map));
  adw_bin_set_child (self->legend_bin, self->legend);

  g_signal_connect_object (self->model, "recomputed",
                           G_CALLBACK (on_model_recomputed_cb), self, G_CONNECT_SWAPPED);
}

static void
create_panels (LmWindow *self)
{
  g_assert (self->model != NULL);

  self->plot = lm_scatter_plot_new (self->model);
  lm_scatter_plot_set_weighted (LM_SCATTER_PLOT (self->plot),
                                gtk_toggle_button_get_active (self->weighted_button));
  if (self->presentation)
    lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), 1.5);
  adw_bin_set_child (self->plot_bin, self->plot);
  apply_plot (self);
  g_signal_connect_object (self->plot, "area-activated",
                           G_CALLBACK (on_view_area_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot, "notify::weighted",
                           G_CALLBACK (on_plot_weighted_changed_cb), self, G_CONNECT_SWAPPED);

  self->table = lm_area_table_new (self->model);
  lm_area_table_set_level (LM_AREA_TABLE (self->table), self->level_id);
  adw_bin_set_child (self->table_bin, self->table);
  g_signal_connect_object (self->table, "area-activated",
                           G_CALLBACK (on_view_area_activated_cb), self, G_CONNECT_SWAPPED);

  self->weights = lm_weights_panel_new (self->model);
  adw_bin_set_child (self->weights_bin, self->weights);

  self->details = lm_area_details_new (self->model);
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
  if (!self->panels_pending || self->model == NULL)
    return;

  create_panels (self);
  self->panels_pending = FALSE;
  _lm_window_update_actions (self);
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

static void
update_title (LmWindow *self)
{
  LmDataset *dataset = get_dataset (self);
  g_autofree char *title = NULL;

  if (dataset != NULL)
    title = g_strdup_printf (_("%s — Levelmap"), lm_dataset_get_title (dataset));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Levelmap"));
}

static void
set_model (LmWindow *self,
           LmModel  *model)
{
  LmDataset *dataset;
  LmLevel *level;

  if (self->model == model)
    return;

  clear_views (self);
  g_set_object (&self->model, model);
  lm_window_search (self, NULL);

  if (model == NULL)
    {
      stop_waiting_for_map (self);
      g_clear_handle_id (&self->panels_idle_id, g_source_remove);
      self->panels_pending = FALSE;
      _lm_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
      return;
    }

  dataset = lm_model_get_dataset (model);

  /* Keep the level and variable when the new data have them. */
  level = lm_dataset_find_level (dataset, self->level_id);
  if (level == NULL)
    level = lm_dataset_find_level (dataset, "ward");
  if (level == NULL)
    level = lm_dataset_get_level (dataset, 0);
  set_str (&self->level_id, level->id);
  set_str (&self->variable_id, choose_variable (level, self->variable_id));
  if (g_strcmp0 (self->plot_preset, CUSTOM_PRESET) == 0 ||
      lm_dataset_find_level (dataset, self->plot_level) == NULL)
    set_str (&self->plot_level, self->level_id);

  fill_dataset_dropdown (self);
  fill_level_dropdown (self);
  fill_variable_dropdown (self);
  fill_preset_dropdown (self);
  fill_plot_axes (self);
  create_map_views (self);
  schedule_panels (self);
  update_title (self);

  _lm_window_apply_panes (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    prime_pane_positions (self);
  gtk_stack_set_visible_child_name (self->stack, "data");
  _lm_window_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

/* Loading */

static void
set_loading (LmWindow   *self,
             const char *name)
{
  gboolean was_loading = self->loading_name != NULL;

  set_str (&self->loading_name, name);
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), name != NULL && self->model != NULL);
  gtk_spinner_set_spinning (self->header_spinner, name != NULL && self->model != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, name != NULL);
  if (was_loading != (name != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  _lm_window_update_actions (self);
}

static char *
describe_dataset (const char *name)
{
  const char *title = get_dataset_title (name);

  if (title != NULL)
    return g_strdup (title);
  return g_path_get_basename (name);
}

/* What kind of trouble a load ran into decides what the page suggests. */
static LmLoadProblem
classify_load_error (const GError *error)
{
  if (error->domain == LM_MANIFEST_ERROR)
    return error->code == LM_MANIFEST_ERROR_IO ? LM_LOAD_PROBLEM_MISSING
                                               : LM_LOAD_PROBLEM_MANIFEST;
  if (error->domain == LM_DATASET_ERROR)
    {
      switch (error->code)
        {
        case LM_DATASET_ERROR_MANIFEST:
          return LM_LOAD_PROBLEM_MANIFEST;
        case LM_DATASET_ERROR_DATA:
          return LM_LOAD_PROBLEM_DATA;
        case LM_DATASET_ERROR_MISSING_FILE:
          return LM_LOAD_PROBLEM_MISSING_FILE;
        default:
          return LM_LOAD_PROBLEM_MISSING;
        }
    }
  if (g_error_matches (error, LM_CSV_ERROR, LM_CSV_ERROR_IO) ||
      g_error_matches (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO) ||
      error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return LM_LOAD_PROBLEM_MISSING;
  return LM_LOAD_PROBLEM_DATA;
}

static void
show_load_error (LmWindow     *self,
                 const char   *name,
                 const GError *error)
{
  g_autofree char *what = describe_dataset (name);
  LmLoadProblem problem = classify_load_error (error);
  if (self->model == NULL)
    {
      _lm_window_show_error (self, problem, error->message);
      return;
    }

  /* The current data stay; say why the other could not replace them. */
  {
    g_autofree char *heading = g_strdup_printf (_("Could Not Open %s"), what);
    AdwMessageDialog *dialog;

    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                         error->message));
    adw_message_dialog_add_response (dialog, "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
  fill_dataset_dropdown (self);
}

static void
load_model_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LmModel) model = NULL;
  g_autofree char *name = NULL;

  model = lm_application_load_model_finish (LM_APPLICATION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = g_strdup (self->loading_name);
  g_clear_object (&self->load_cancellable);
  set_loading (self, NULL);

  if (model == NULL)
    {
      show_load_error (self, name, error);
      return;
    }

  set_str (&self->dataset_name, name);
  settings_set_string (self, "dataset", name);
  g_clear_pointer (&self->error_text, g_free);
  set_model (self, model);
}

char *
_lm_window_find_data_dir (LmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (LM_IS_APPLICATION (app))
    return lm_application_find_data_dir (LM_APPLICATION (app));
  return g_strdup (g_getenv ("LEVELMAP_DATA_DIR"));
}

/* Where the data folder came from, for the error page. */
static const char *
get_data_dir_origin (LmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *env = g_getenv ("LEVELMAP_DATA_DIR");

  if (LM_IS_APPLICATION (app) &&
      g_strcmp0 (lm_application_get_data_dir (LM_APPLICATION (app)), self->data_dir) == 0)
    return _("(the --data-dir option or the folder you chose)");
  if (env != NULL && g_strcmp0 (env, self->data_dir) == 0)
    return _("(the LEVELMAP_DATA_DIR variable)");
  return _("(where Levelmap was installed to find it)");
}

void
_lm_window_show_error (LmWindow      *self,
                       LmLoadProblem  problem,
                       const char    *message)
{
  g_autofree char *escaped_dir = g_markup_escape_text (self->data_dir != NULL ? self->data_dir : "",
                                                       -1);
  gboolean own_manifest = self->dataset_name != NULL &&
                          get_dataset_title (self->dataset_name) == NULL;
  g_autofree char *hint = NULL;
  const char *title;
  const char *icon;

  set_str (&self->error_text, message);

  switch (problem)
    {
    case LM_LOAD_PROBLEM_MANIFEST:
      title = _("The Dataset Description Is Broken");
      icon = "dialog-warning-symbolic";
      break;
    case LM_LOAD_PROBLEM_DATA:
      title = _("A Data File Cannot Be Used");
      icon = "dialog-warning-symbolic";
      break;
    case LM_LOAD_PROBLEM_MISSING_FILE:
      title = _("A Data File Is Missing");
      icon = "folder-symbolic";
      break;
    case LM_LOAD_PROBLEM_MISSING:
    default:
      title = _("Levelmap Cannot Find Its Data");
      icon = "folder-symbolic";
      break;
    }

  if (own_manifest)
    {
      g_autofree char *escaped = g_markup_escape_text (self->dataset_name, -1);

      /* Translators: %s is the path of a dataset manifest (.xml) */
      hint = g_strdup_printf (_("This dataset is described by <b>%s</b>, and its files are read "
                                "from that file’s folder. Correct the file named above and try "
                                "again, open another dataset with Ctrl+O, or choose England 2019 "
                                "or 2025 at the top left."),
                              escaped);
    }
  else if (problem == LM_LOAD_PROBLEM_MISSING || problem == LM_LOAD_PROBLEM_MISSING_FILE)
    {
      /* Translators: the first %s is a folder, the second says where that
       * folder came from, e.g. "(the LEVELMAP_DATA_DIR variable)" */
      hint = g_strdup_printf (_("Levelmap looked for its data in <b>%s</b> %s. Choose the folder "
                                "that holds the <tt>england-2019</tt> and <tt>england-2025</tt> "
                                "folders, start Levelmap with <tt>--data-dir=FOLDER</tt>, or set "
                                "the <tt>LEVELMAP_DATA_DIR</tt> environment variable to that "
                                "folder."),
                              escaped_dir, get_data_dir_origin (self));
    }
  else
    {
      hint = g_strdup_printf (_("The data were read from <b>%s</b> %s. Put back a good copy of "
                                "the file named above and try again, or choose another data "
                                "folder: with the button above, the <tt>--data-dir=FOLDER</tt> "
                                "option or the <tt>LEVELMAP_DATA_DIR</tt> environment variable."),
                              escaped_dir, get_data_dir_origin (self));
    }

  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_label_set_markup (self->error_hint, hint);
  gtk_widget_set_visible (self->choose_folder_button, !own_manifest);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_window_set_title (GTK_WINDOW (self), _("Levelmap"));
  _lm_window_update_actions (self);
}

/* Search */

static int
match_tier (const char *text,
            const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return G_MAXINT;
  folded = g_utf8_casefold (text, -1);
  if (g_str_equal (folded, needle))
    return 0;
  if (g_str_has_prefix (folded, needle))
    return 2;
  return 3;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const LmSearchHit *x = a;
  const LmSearchHit *y = b;

  if (x->tier != y->tier)
    return x->tier < y->tier ? -1 : 1;
  /* Coarser levels first: "Blackpool" the district before its LSOAs. */
  if (x->level->depth != y->level->depth)
    return x->level->depth > y->level->depth ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return 0;
}

static void
collect_hits (LmWindow   *self,
              const char *text)
{
  LmDataset *dataset = get_dataset (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = g_utf8_casefold (stripped, -1);
  guint n_exact_parents = 0;
  guint n_levels = lm_dataset_get_n_levels (dataset);

  for (guint l = 0; l < n_levels; l++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, l);
      g_autoptr(GArray) found = lm_level_search (level, stripped, SEARCH_MAX_PER_LEVEL);

      for (guint i = 0; i < found->len; i++)
        {
          LmSearchHit hit = { level, g_array_index (found, guint, i), 0, i };

          hit.tier = MIN (match_tier (level->names[hit.area], needle),
                          match_tier (level->codes[hit.area], needle));
          g_array_append_val (self->search_hits, hit);
        }
    }

  /* An exact match's own areas one level down come next ("Blackpool"
   * lists the district, then its wards), as long as they are few. */
  for (guint i = 0, n = self->search_hits->len; i < n && n_exact_parents < 3; i++)
    {
      LmSearchHit parent = g_array_index (self->search_hits, LmSearchHit, i);
      LmLevel *child = parent.level->child_level;
      guint n_children = 0;

      if (parent.tier != 0 || child == NULL)
        continue;
      n_exact_parents++;
      for (guint a = 0; a < child->n_areas && n_children < SEARCH_MAX_CHILDREN; a++)
        {
          if (child->parent[a] == (int) parent.area)
            {
              LmSearchHit hit = { child, a, 1, n_children++ };

              g_array_append_val (self->search_hits, hit);
            }
        }
    }
  g_array_sort (self->search_hits, compare_hits);

  /* A child already listed as a match of its own keeps the better tier. */
  for (guint i = 0; i < self->search_hits->len; i++)
    {
      LmSearchHit *a = &g_array_index (self->search_hits, LmSearchHit, i);

      for (guint j = i + 1; j < self->search_hits->len;)
        {
          LmSearchHit *b = &g_array_index (self->search_hits, LmSearchHit, j);

          if (a->level == b->level && a->area == b->area)
            g_array_remove_index (self->search_hits, j);
          else
            j++;
        }
    }
  if (self->search_hits->len > SEARCH_MAX_RESULTS)
    g_array_set_size (self->search_hits, SEARCH_MAX_RESULTS);
}

static GtkWidget *
create_search_row (LmWindow          *self,
                   const LmSearchHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  const char *context = get_area_context (self, hit->level, hit->area);
  const char *name = hit->level->names[hit->area];
  const char *code = hit->level->codes[hit->area];
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (g_strcmp0 (name, code) == 0)
    code = NULL;
  if (context != NULL && code != NULL)
    /* Translators: search result: "Ward · Blackpool · E05001234" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), get_level_singular (hit->level), context, code);
  else if (context != NULL || code != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), get_level_singular (hit->level),
                                context != NULL ? context : code);
  else
    subtitle = g_strdup (get_level_singular (hit->level));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
on_search_changed_cb (LmWindow       *self,
                      GtkSearchEntry *entry)
{
  lm_window_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
activate_hit (LmWindow *self,
              guint     index)
{
  LmSearchHit hit;

  if (index >= self->search_hits->len)
    return;
  hit = g_array_index (self->search_hits, LmSearchHit, index);
  gtk_popover_popdown (self->search_popover);
  lm_window_show_area (self, hit.level, hit.area);
}

static void
on_search_activate_cb (LmWindow       *self,
                       GtkSearchEntry *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->search_results);

  activate_hit (self, row != NULL ? (guint) gtk_list_box_row_get_index (row) : 0);
}

static void
on_search_stop_cb (LmWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_popover_popdown (self->search_popover);
}

static void
on_search_row_activated_cb (LmWindow      *self,
                            GtkListBoxRow *row,
                            GtkListBox    *box)
{
  activate_hit (self, gtk_list_box_row_get_index (row));
}

static gboolean
on_search_key_pressed_cb (LmWindow              *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_row_at_index (self->search_results, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->search_results, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_search_popover_show_cb (LmWindow   *self,
                           GtkPopover *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Header and pane callbacks */

static void
on_dataset_selected_cb (LmWindow    *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *id;

  if (self->updating > 0 || selected >= self->dataset_ids->len)
    return;
  id = g_ptr_array_index (self->dataset_ids, selected);
  if (g_strcmp0 (id, self->dataset_name) == 0 && self->loading_name == NULL)
    return;
  lm_window_load (self, id, NULL);
}

static void
on_level_selected_cb (LmWindow    *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected >= self->level_ids->len)
    return;
  lm_window_set_level (self, g_ptr_array_index (self->level_ids, selected));
}

static void
on_variable_selected_cb (LmWindow    *self,
                         GParamSpec  *pspec,
                         GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected >= self->variable_ids->len)
    return;
  lm_window_set_variable (self, g_ptr_array_index (self->variable_ids, selected));
}

/* A custom plot shows the areas of the map's level; keep its axes where
 * that level has them. */
static void
follow_map_level (LmWindow *self)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = dataset != NULL ? lm_dataset_find_level (dataset, self->level_id) : NULL;
  const char *x, *y;

  if (level == NULL)
    return;
  set_str (&self->plot_level, level->id);
  x = choose_variable (level, self->plot_x);
  y = choose_variable (level, self->plot_y);
  /* Two different axes, if the level has two variables. */
  if (g_strcmp0 (x, y) == 0 && level->variables->len > 1)
    y = choose_variable (level, g_strcmp0 (x, "eu.leave_pct") == 0 ? "imd.score" : "eu.leave_pct");
  set_str (&self->plot_x, x);
  set_str (&self->plot_y, y);
  fill_plot_axes (self);
  settings_set_string (self, "plot-level", self->plot_level);
  settings_set_string (self, "plot-x", self->plot_x);
  settings_set_string (self, "plot-y", self->plot_y);
}

static void
on_preset_selected_cb (LmWindow    *self,
                       GParamSpec  *pspec,
                       GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected < get_n_reports (self))
    {
      set_str (&self->plot_preset, lm_dataset_get_report (get_dataset (self), selected)->id);
    }
  else
    {
      /* "Any two variables" plots the areas of the map's level, starting
       * from the axes the plot shows when they exist there. */
      if (self->plot != NULL && g_strcmp0 (self->plot_preset, CUSTOM_PRESET) != 0)
        {
          LmScatterPlot *plot = LM_SCATTER_PLOT (self->plot);

          set_str (&self->plot_x, lm_scatter_plot_get_x_id (plot));
          set_str (&self->plot_y, lm_scatter_plot_get_y_id (plot));
        }
      set_str (&self->plot_preset, CUSTOM_PRESET);
      follow_map_level (self);
    }
  gtk_revealer_set_reveal_child (self->axes_revealer, selected >= get_n_reports (self));
  settings_set_string (self, "plot-preset", self->plot_preset);
  apply_plot (self);
}

static void
on_plot_axis_selected_cb (LmWindow    *self,
                          GParamSpec  *pspec,
                          GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || selected >= self->plot_var_ids->len)
    return;
  if (dropdown == self->plot_x_dropdown)
    set_str (&self->plot_x, g_ptr_array_index (self->plot_var_ids, selected));
  else
    set_str (&self->plot_y, g_ptr_array_index (self->plot_var_ids, selected));
  settings_set_string (self, "plot-level", self->plot_level);
  settings_set_string (self, "plot-x", self->plot_x);
  settings_set_string (self, "plot-y", self->plot_y);
  apply_plot (self);
}

static void
on_weighted_toggled_cb (LmWindow        *self,
                        GtkToggleButton *button)
{
  if (self->plot != NULL)
    lm_scatter_plot_set_weighted (LM_SCATTER_PLOT (self->plot),
                                  gtk_toggle_button_get_active (button));
}

/* Panes. What is remembered is the size of each side panel (the weights
 * panel's width, the plot column's width, the table's height, the
 * plot's height), not the handle positions, so that the map takes what
 * a larger or smaller window gives. The positions follow from those
 * sizes at every allocation; a handle the user drags changes the size. */

static gboolean
is_pointer_pressed (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkDevice *pointer = seat != NULL ? gdk_seat_get_pointer (seat) : NULL;

  return pointer != NULL &&
         (gdk_device_get_modifier_state (pointer) & GDK_BUTTON1_MASK) != 0;
}

static void
remember_panes (LmWindow *self)
{
  int side_w = gtk_widget_get_width (GTK_WIDGET (self->side_paned));
  int table_h = gtk_widget_get_height (GTK_WIDGET (self->table_paned));

  /* Presentation view has its own proportions, not to be kept. */
  if (self->presentation)
    return;

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

static void
on_pane_position_cb (LmWindow   *self,
                     GParamSpec *pspec,
                     GtkPaned   *paned)
{
  /* Positions also change when GtkPaned clamps them to a small window;
   * only a drag of the handle is the user's choice. */
  if (self->applying_panes == 0 && gtk_widget_get_mapped (GTK_WIDGET (paned)) &&
      is_pointer_pressed (GTK_WIDGET (paned)))
    remember_panes (self);
}

/* In presentation view map and plot share the window about evenly. */
static int
get_plot_width (LmWindow *self,
                int       side_width)
{
  if (self->presentation)
    return side_width * 9 / 20;
  return self->plot_width;
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

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    return FALSE;
  if (self->show_weights)
    moved |= set_pane_position (self, self->sidebar_paned, self->sidebar_width, dry_run);
  if ((self->show_plot || self->show_details) && side_w > 0)
    moved |= set_pane_position (self, self->side_paned, side_w - get_plot_width (self, side_w),
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

/* Before the data page is first shown its panes have no size yet: derive
 * their positions from the stack's, so that the map's first allocation
 * (where it fits England into its view) is already the final one. */
static void
prime_pane_positions (LmWindow *self)
{
  int stack_w = gtk_widget_get_width (GTK_WIDGET (self->stack));
  int stack_h = gtk_widget_get_height (GTK_WIDGET (self->stack));
  int side_w;

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
                            MAX (side_w - get_plot_width (self, side_w), side_w / 3));
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
  gtk_widget_set_visible (self->plot_box, self->show_plot);
  gtk_widget_set_visible (GTK_WIDGET (self->details_bin), self->show_details);
  gtk_widget_set_visible (GTK_WIDGET (self->plot_paned), side);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Window overrides */

static void
save_state (LmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  remember_panes (self);
  if (!self->presentation)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
        {
          settings_set_int (self, "window-width", width);
          settings_set_int (self, "window-height", height);
        }
      settings_set_boolean (self, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
    }
  settings_set_int (self, "sidebar-width", self->sidebar_width);
  settings_set_int (self, "plot-width", self->plot_width);
  settings_set_int (self, "plot-height", self->plot_height);
  settings_set_int (self, "table-height", self->table_height);
}

static gboolean
lm_window_close_request (GtkWindow *window)
{
  LmWindow *self = LM_WINDOW (window);

  save_state (self);
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
  LmWindow *self = LM_WINDOW (widget);

  GTK_WIDGET_CLASS (lm_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* With the panes' sizes known, see whether the handles are where the
   * remembered panel sizes say; moving them queues a new allocation,
   * which must not happen during this one. */
  if (self->panes_idle_id == 0 && !is_pointer_pressed (widget) &&
      apply_pane_positions (self, TRUE))
    self->panes_idle_id = g_idle_add_once (apply_panes_idle_cb, self);
}

/* GObject overrides */

/* Reads the remembered state and starts loading; needs the application,
 * which GtkWindow only has after construction. */
static void
start (LmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *dataset = NULL;
  int width, height;

  if (LM_IS_APPLICATION (app))
    {
      GSettings *settings = lm_application_get_settings (LM_APPLICATION (app));

      if (settings != NULL)
        self->settings = g_object_ref (settings);
      dataset = lm_application_get_initial_dataset (LM_APPLICATION (app));
    }
  else
    {
      dataset = g_strdup ("england-2019");
    }

  /* Remembered state (or the defaults of a first launch). */
  width = settings_get_int (self, "window-width", 1280);
  height = settings_get_int (self, "window-height", 800);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (settings_get_boolean (self, "window-maximized", FALSE))
    gtk_window_maximize (GTK_WINDOW (self));

  g_free (self->level_id);
  self->level_id = settings_get_string (self, "level", "ward");
  g_free (self->variable_id);
  self->variable_id = settings_get_string (self, "variable", "imd.score");
  g_free (self->palette);
  self->palette = settings_get_string (self, "palette", LM_PALETTE_DEFAULT_SEQUENTIAL);
  if (lm_palette_lookup (self->palette, NULL) == NULL)
    set_str (&self->palette, LM_PALETTE_DEFAULT_SEQUENTIAL);
  g_free (self->method);
  self->method = settings_get_string (self, "method", "quantile");
  self->n_classes = CLAMP (settings_get_int (self, "n-classes", 5), LM_CLASSIFY_MIN_CLASSES,
                           LM_CLASSIFY_MAX_CLASSES);
  g_free (self->plot_preset);
  self->plot_preset = settings_get_string (self, "plot-preset", "leave-cni");
  g_free (self->plot_level);
  self->plot_level = settings_get_string (self, "plot-level", "lad");
  g_free (self->plot_x);
  self->plot_x = settings_get_string (self, "plot-x", "imd.score");
  g_free (self->plot_y);
  self->plot_y = settings_get_string (self, "plot-y", "eu.leave_pct");
  self->show_weights = settings_get_boolean (self, "show-weights", TRUE);
  self->show_plot = settings_get_boolean (self, "show-plot", TRUE);
  self->show_table = settings_get_boolean (self, "show-table", TRUE);
  self->show_details = settings_get_boolean (self, "show-details", TRUE);
  self->sidebar_width = settings_get_int (self, "sidebar-width", 320);
  /* On a first launch the plot takes a little over half the column. */
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, "plot-height");

      self->plot_height = user != NULL ? g_variant_get_int32 (user) : MAX (400, height * 11 / 20);
    }
  else
    {
      self->plot_height = MAX (400, height * 11 / 20);
    }
  self->table_height = settings_get_int (self, "table-height", 230);
  /* On a first launch the plot column takes a third of a wide window. */
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, "plot-width");

      self->plot_width = user != NULL ? g_variant_get_int32 (user) : MAX (460, width * 3 / 10);
    }
  else
    {
      self->plot_width = MAX (460, width * 3 / 10);
    }

  set_str (&self->dataset_name, dataset);
  fill_dataset_dropdown (self);
  _lm_window_apply_panes (self);
  _lm_window_update_actions (self);

  lm_window_load (self, dataset, NULL);
}

static void
lm_window_dispose (GObject *object)
{
  LmWindow *self = LM_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->panes_idle_id, g_source_remove);
  g_clear_handle_id (&self->panels_idle_id, g_source_remove);
  g_clear_handle_id (&self->fit_timeout_id, g_source_remove);
  stop_waiting_for_map (self);
  clear_views (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_WINDOW);

  G_OBJECT_CLASS (lm_window_parent_class)->dispose (object);
}

static void
lm_window_finalize (GObject *object)
{
  LmWindow *self = LM_WINDOW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->undo_weights, g_variant_unref);
  g_clear_pointer (&self->dataset_name, g_free);
  g_clear_pointer (&self->loading_name, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->dataset_ids, g_ptr_array_unref);
  g_clear_pointer (&self->level_ids, g_ptr_array_unref);
  g_clear_pointer (&self->variable_ids, g_ptr_array_unref);
  g_clear_pointer (&self->plot_var_ids, g_ptr_array_unref);
  g_clear_pointer (&self->search_hits, g_array_unref);
  g_clear_pointer (&self->action_states, g_hash_table_unref);
  g_clear_pointer (&self->level_id, g_free);
  g_clear_pointer (&self->variable_id, g_free);
  g_clear_pointer (&self->palette, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->plot_preset, g_free);
  g_clear_pointer (&self->plot_level, g_free);
  g_clear_pointer (&self->plot_x, g_free);
  g_clear_pointer (&self->plot_y, g_free);

  G_OBJECT_CLASS (lm_window_parent_class)->finalize (object);
}

static void
set_show_flag (LmWindow   *self,
               guint       prop_id,
               gboolean    value)
{
  const char *key = NULL;
  gboolean changed = FALSE;

  value = !!value;
  switch (prop_id)
    {
    case PROP_SHOW_WEIGHTS:
      changed = self->show_weights != value;
      self->show_weights = value;
      key = "show-weights";
      break;
    case PROP_SHOW_PLOT:
      changed = self->show_plot != value;
      self->show_plot = value;
      key = "show-plot";
      break;
    case PROP_SHOW_TABLE:
      changed = self->show_table != value;
      self->show_table = value;
      key = "show-table";
      break;
    case PROP_SHOW_DETAILS:
      changed = self->show_details != value;
      self->show_details = value;
      key = "show-details";
      break;
    default:
      g_assert_not_reached ();
    }
  if (!changed)
    return;
  /* Presentation view hides panels for the room; that is not a choice
   * to remember. */
  if (!self->presentation)
    settings_set_boolean (self, key, value);
  _lm_window_apply_panes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
fit_map_cb (gpointer user_data)
{
  LmWindow *self = user_data;

  self->fit_timeout_id = 0;
  if (self->map != NULL)
    {
      LmMapView view = *lm_choropleth_get_view (LM_CHOROPLETH (self->map));

      /* Keep what the presenter was looking at (an area found by search,
       * a zoomed-in town) rather than jumping back to all of England. */
      if (view.width > 0 && view.height > 0 && self->fit_bounds.xmax > self->fit_bounds.xmin)
        {
          lm_map_view_fit (&view, &self->fit_bounds, view.width, view.height, 0);
          lm_choropleth_set_view (LM_CHOROPLETH (self->map), &view);
        }
      else
        lm_choropleth_zoom_to_fit (LM_CHOROPLETH (self->map));
    }
}

/* Once the panes have settled in their new proportions. */
static void
queue_fit_map (LmWindow *self)
{
  if (self->fit_timeout_id == 0 && self->map != NULL)
    self->fit_bounds = lm_map_view_get_world_bounds (lm_choropleth_get_view (LM_CHOROPLETH (self->map)));
  g_clear_handle_id (&self->fit_timeout_id, g_source_remove);
  self->fit_timeout_id = g_timeout_add_once (300, fit_map_cb, self);
}

void
_lm_window_set_presentation (LmWindow *self,
                             gboolean  presentation)
{
  presentation = !!presentation;
  if (self->presentation == presentation)
    return;

  if (presentation)
    {
      remember_panes (self);
      self->saved_weights = self->show_weights;
      self->saved_table = self->show_table;
      self->saved_details = self->show_details;
      self->saved_plot = self->show_plot;
      self->presentation = TRUE;
      set_show_flag (self, PROP_SHOW_WEIGHTS, FALSE);
      set_show_flag (self, PROP_SHOW_TABLE, FALSE);
      set_show_flag (self, PROP_SHOW_DETAILS, FALSE);
      set_show_flag (self, PROP_SHOW_PLOT, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      if (self->plot != NULL)
        lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), 1.5);
      gtk_window_fullscreen (GTK_WINDOW (self));
      queue_fit_map (self);
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      if (self->plot != NULL)
        lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), 1.0);
      set_show_flag (self, PROP_SHOW_WEIGHTS, self->saved_weights);
      set_show_flag (self, PROP_SHOW_TABLE, self->saved_table);
      set_show_flag (self, PROP_SHOW_DETAILS, self->saved_details);
      set_show_flag (self, PROP_SHOW_PLOT, self->saved_plot);
      self->presentation = FALSE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      queue_fit_map (self);
    }
  _lm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
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
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading_name != NULL || self->panels_pending);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level_id);
      break;
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable_id);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, self->palette);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_N_CLASSES:
      g_value_set_uint (value, self->n_classes);
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
    case PROP_SHOW_LEFT_BEHIND:
      g_value_set_boolean (value, self->show_left_behind);
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
      lm_window_set_level (self, g_value_get_string (value));
      break;
    case PROP_VARIABLE:
      lm_window_set_variable (self, g_value_get_string (value));
      break;
    case PROP_PALETTE:
      {
        const char *palette = g_value_get_string (value);

        if (palette == NULL || lm_palette_lookup (palette, NULL) == NULL)
          break;
        if (set_str (&self->palette, palette))
          {
            settings_set_string (self, "palette", palette);
            apply_map (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_METHOD:
      {
        const char *method = g_value_get_string (value);
        LmClassifyMethod m;

        if (method == NULL || !lm_classify_method_from_string (method, &m))
          break;
        if (set_str (&self->method, method))
          {
            settings_set_string (self, "method", method);
            apply_map (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_N_CLASSES:
      {
        guint n = CLAMP (g_value_get_uint (value), LM_CLASSIFY_MIN_CLASSES,
                         LM_CLASSIFY_MAX_CLASSES);

        if (n != self->n_classes)
          {
            self->n_classes = n;
            settings_set_int (self, "n-classes", (int) n);
            apply_map (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_SHOW_WEIGHTS:
    case PROP_SHOW_PLOT:
    case PROP_SHOW_TABLE:
    case PROP_SHOW_DETAILS:
      set_show_flag (self, prop_id, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEFT_BEHIND:
      if (self->show_left_behind != g_value_get_boolean (value))
        {
          self->show_left_behind = g_value_get_boolean (value);
          apply_map (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PRESENTATION:
      _lm_window_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  window_class->close_request = lm_window_close_request;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "ward",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, "imd.score",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL, LM_PALETTE_DEFAULT_SEQUENTIAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, "quantile",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL,
                       LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_WEIGHTS] =
    g_param_spec_boolean ("show-weights", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PLOT] =
    g_param_spec_boolean ("show-plot", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEFT_BEHIND] =
    g_param_spec_boolean ("show-left-behind", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LM_TYPE_CHOROPLETH);
  g_type_ensure (LM_TYPE_SCATTER_PLOT);

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
  gtk_widget_class_bind_template_child (widget_class, LmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_status);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_scroller);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, panes_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, error_hint);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, choose_folder_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, table_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_paned);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weights_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, legend_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, table_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_box);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, preset_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, weighted_button);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, axes_revealer);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_x_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_x_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_y_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_y_list);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, plot_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, details_bin);
  gtk_widget_class_bind_template_child (widget_class, LmWindow, palette_menu);

  _lm_window_class_actions_init (klass);
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
  GtkEventController *keys;
  GtkEventController *shortcuts;
  GtkShortcut *escape;

  self->dataset_ids = g_ptr_array_new_with_free_func (g_free);
  self->level_ids = g_ptr_array_new_with_free_func (g_free);
  self->variable_ids = g_ptr_array_new_with_free_func (g_free);
  self->plot_var_ids = g_ptr_array_new_with_free_func (g_free);
  self->search_hits = g_array_new (FALSE, FALSE, sizeof (LmSearchHit));
  self->action_states = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  self->level_id = g_strdup ("ward");
  self->variable_id = g_strdup ("imd.score");
  self->palette = g_strdup (LM_PALETTE_DEFAULT_SEQUENTIAL);
  self->method = g_strdup ("quantile");
  self->plot_preset = g_strdup ("leave-cni");
  self->plot_level = g_strdup ("lad");
  self->plot_x = g_strdup ("imd.score");
  self->plot_y = g_strdup ("eu.leave_pct");

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_palette_menu (self);

  /* Escape leaves presentation view even when the map, whose own Escape
   * clears the selection, has the focus; the action is disabled (and the
   * key goes on) outside presentation view. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_named_action_new ("win.leave-presentation"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), escape);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->dataset_dropdown, "notify::selected",
                           G_CALLBACK (on_dataset_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_dropdown, "notify::selected",
                           G_CALLBACK (on_level_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->variable_dropdown, "notify::selected",
                           G_CALLBACK (on_variable_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preset_dropdown, "notify::selected",
                           G_CALLBACK (on_preset_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_x_dropdown, "notify::selected",
                           G_CALLBACK (on_plot_axis_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_y_dropdown, "notify::selected",
                           G_CALLBACK (on_plot_axis_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weighted_button, "toggled",
                           G_CALLBACK (on_weighted_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (on_search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (on_search_stop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_results, "row-activated",
                           G_CALLBACK (on_search_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_popover, "show",
                           G_CALLBACK (on_search_popover_show_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (on_search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  g_signal_connect_object (self->sidebar_paned, "notify::position",
                           G_CALLBACK (on_pane_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_paned, "notify::position",
                           G_CALLBACK (on_pane_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table_paned, "notify::position",
                           G_CALLBACK (on_pane_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_paned, "notify::position",
                           G_CALLBACK (on_pane_position_cb), self, G_CONNECT_SWAPPED);
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
  return self->model;
}

gboolean
lm_window_get_loading (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);
  return self->loading_name != NULL || self->panels_pending;
}

void
lm_window_load (LmWindow   *self,
                const char *dataset,
                const char *data_dir)
{
  GtkApplication *app;
  g_autofree char *dir = NULL;
  g_autofree char *what = NULL;
  const char *levels[2] = { NULL, NULL };

  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (dataset != NULL);

  app = gtk_window_get_application (GTK_WINDOW (self));
  g_return_if_fail (LM_IS_APPLICATION (app));

  dir = data_dir != NULL ? g_strdup (data_dir) : _lm_window_find_data_dir (self);
  set_str (&self->data_dir, dir);
  what = describe_dataset (dataset);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->model == NULL)
    set_str (&self->dataset_name, dataset);

  /* A folder that is not there needs no thread to say so. A user's own
   * manifest brings its own folder. */
  if (get_dataset_title (dataset) != NULL && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                   _("The data folder “%s” does not exist, so %s cannot be opened."),
                   dir, what);
      set_loading (self, NULL);
      show_load_error (self, dataset, error);
      return;
    }

  if (self->model == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Opening %s…"), what);
      g_autofree char *description = g_strdup_printf (_("Reading the tables and boundaries in %s"),
                                                      dir);

      adw_status_page_set_title (self->loading_page, title);
      adw_status_page_set_description (self->loading_page, description);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  set_loading (self, dataset);
  self->load_cancellable = g_cancellable_new ();
  levels[0] = self->level_id;
  lm_application_load_model_async (LM_APPLICATION (app), dataset, dir, levels,
                                   self->load_cancellable, load_model_cb,
                                   g_object_ref (self));
}

void
lm_window_open_dataset (LmWindow   *self,
                        const char *manifest_path)
{
  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (manifest_path != NULL);

  lm_window_load (self, manifest_path, NULL);
}

const char *
lm_window_get_page (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
lm_window_get_error_text (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->error_text;
}

const char *
lm_window_get_level (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->level_id;
}

void
lm_window_set_level (LmWindow   *self,
                     const char *level_id)
{
  LmDataset *dataset;
  LmLevel *level;
  const char *variable;

  g_return_if_fail (LM_IS_WINDOW (self));

  if (level_id == NULL)
    return;
  dataset = get_dataset (self);
  if (dataset == NULL)
    {
      /* Before the data are there: remembered for the first map. */
      if (set_str (&self->level_id, level_id))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
      return;
    }
  level = lm_dataset_find_level (dataset, level_id);
  if (level == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This dataset has no level “%s”."), level_id);

      lm_window_add_toast (self, message);
      return;
    }
  if (!set_str (&self->level_id, level_id))
    return;

  settings_set_string (self, "level", level_id);

  variable = choose_variable (level, self->variable_id);
  if (variable != NULL && g_strcmp0 (variable, self->variable_id) != 0)
    {
      LmVariable *old = lm_dataset_find_variable (dataset, NULL, self->variable_id);
      LmVariable *now = lm_level_find_variable (level, variable);
      g_autofree char *message = NULL;

      if (old == NULL)
        {
          /* Look for the old variable's title at any level. */
          for (guint i = 0; old == NULL && i < lm_dataset_get_n_levels (dataset); i++)
            old = lm_level_find_variable (lm_dataset_get_level (dataset, i), self->variable_id);
        }
      if (old != NULL && now != NULL)
        {
          /* Translators: "CNI score is not available for LSOAs (2011); showing IMD score." */
          message = g_strdup_printf (_("%s is not available for %s; showing %s."),
                                     old->title, level->title, now->title);
          lm_window_add_toast (self, message);
        }
      set_str (&self->variable_id, variable);
      settings_set_string (self, "variable", variable);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
    }

  self->updating++;
  gtk_drop_down_set_selected (self->level_dropdown, find_id (self->level_ids, level_id));
  self->updating--;
  fill_variable_dropdown (self);

  if (self->map != NULL)
    {
      lm_choropleth_set_level (LM_CHOROPLETH (self->map), self->level_id);
      lm_choropleth_set_variable (LM_CHOROPLETH (self->map), self->variable_id);
    }
  if (self->table != NULL)
    lm_area_table_set_level (LM_AREA_TABLE (self->table), self->level_id);
  if (g_strcmp0 (self->plot_preset, CUSTOM_PRESET) == 0)
    {
      follow_map_level (self);
      apply_plot (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

const char *
lm_window_get_variable (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->variable_id;
}

void
lm_window_set_variable (LmWindow   *self,
                        const char *variable_id)
{
  LmDataset *dataset;

  g_return_if_fail (LM_IS_WINDOW (self));

  if (variable_id == NULL)
    return;
  dataset = get_dataset (self);
  if (dataset != NULL && lm_dataset_find_variable (dataset, self->level_id, variable_id) == NULL)
    {
      LmLevel *level = lm_dataset_find_level (dataset, self->level_id);
      g_autofree char *message = g_strdup_printf (_("“%s” is not available for %s."), variable_id,
                                                  level != NULL ? level->title : self->level_id);

      lm_window_add_toast (self, message);
      return;
    }
  if (!set_str (&self->variable_id, variable_id))
    return;

  settings_set_string (self, "variable", variable_id);
  self->updating++;
  gtk_drop_down_set_selected (self->variable_dropdown,
                              find_id (self->variable_ids, variable_id));
  self->updating--;
  if (self->map != NULL)
    lm_choropleth_set_variable (LM_CHOROPLETH (self->map), variable_id);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
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
  return self->plot;
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

guint
lm_window_search (LmWindow   *self,
                  const char *text)
{
  GtkWidget *child;
  gboolean empty;

  g_return_val_if_fail (LM_IS_WINDOW (self), 0);

  g_array_set_size (self->search_hits, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))) != NULL)
    gtk_list_box_remove (self->search_results, child);

  {
    g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

    empty = *stripped == '\0';
  }
  if (!empty && self->model != NULL)
    collect_hits (self, text);

  for (guint i = 0; i < self->search_hits->len; i++)
    gtk_list_box_append (self->search_results,
                         create_search_row (self, &g_array_index (self->search_hits,
                                                                  LmSearchHit, i)));
  if (self->search_hits->len > 0)
    gtk_list_box_select_row (self->search_results,
                             gtk_list_box_get_row_at_index (self->search_results, 0));

  gtk_widget_set_visible (GTK_WIDGET (self->search_scroller), self->search_hits->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_status), self->search_hits->len == 0);
  if (empty)
    gtk_label_set_text (self->search_status,
                        _("Type a name such as “Blackpool” or “Tendring 018A”, or a code such as "
                          "“E05001234”."));
  else if (self->search_hits->len == 0)
    gtk_label_set_text (self->search_status, _("No area has that name or code."));

  return self->search_hits->len;
}

gboolean
lm_window_get_search_result (LmWindow  *self,
                             guint      i,
                             LmLevel  **out_level,
                             guint     *out_area)
{
  const LmSearchHit *hit;

  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);

  if (i >= self->search_hits->len)
    return FALSE;
  hit = &g_array_index (self->search_hits, LmSearchHit, i);
  if (out_level != NULL)
    *out_level = hit->level;
  if (out_area != NULL)
    *out_area = hit->area;
  return TRUE;
}

void
lm_window_show_area (LmWindow *self,
                     LmLevel  *level,
                     guint     area)
{
  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (area < level->n_areas);

  if (self->model == NULL)
    return;

  /* A level without boundaries (none in the shipped data) cannot be
   * mapped: select it and let the map show its containing areas. */
  lm_window_set_level (self, level->id);
  lm_selection_select (lm_model_get_selection (self->model), level, &area, 1,
                       LM_SELECTION_REPLACE);
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
