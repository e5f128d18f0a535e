/* lm-window-analysis.c — the window's part in issue 12: rank uncertainty,
 * the bivariate map and the comparison of vintages
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-bivariate-dialog.h"
#include "lm-area-table.h"
#include "lm-bivariate-legend.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-uncertainty-dialog.h"
#include "lm-window-private.h"

/* Auxiliary methods */

void
_lm_window_toast (LmWindow   *self,
                  const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The comparison manifest that follows the data shown, or NULL. Looked
 * up once per dataset and data folder (each look-up parses every
 * manifest, and the actions are updated several times before the first
 * map frame); new data look again (_lm_window_analysis_forget()). */
static char *
find_comparison (LmWindow *self)
{
  LmModel *model = _lm_window_get_model (self);
  g_autofree char *data_dir = NULL;
  g_autofree char *key = NULL;

  if (model == NULL)
    return NULL;
  data_dir = _lm_window_find_data_dir (self);
  key = g_strconcat (lm_dataset_get_id (lm_model_get_dataset (model)), "\n", data_dir, NULL);
  if (g_strcmp0 (key, self->comparison_key) != 0)
    {
      g_free (self->comparison_found);
      self->comparison_found = lm_comparison_find_for (lm_dataset_get_id (lm_model_get_dataset (model)),
                                                       data_dir);
      g_free (self->comparison_key);
      self->comparison_key = g_steal_pointer (&key);
    }
  return g_strdup (self->comparison_found);
}

void
_lm_window_analysis_forget (LmWindow *self)
{
  g_clear_pointer (&self->comparison_key, g_free);
  g_clear_pointer (&self->comparison_found, g_free);
}

/* The table's columns for the results: each index's rank interval and
 * chance of the first decile, the chance of being left behind, and a
 * comparison's variables. */
static void
add_result_columns (LmWindow *self)
{
  LmModel *model = _lm_window_get_model (self);
  LmDataset *dataset = model != NULL ? lm_model_get_dataset (model) : NULL;
  LmLeftBehindRule *rule = dataset != NULL ? lm_dataset_get_left_behind_rule (dataset) : NULL;

  if (self->table == NULL || dataset == NULL)
    return;
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      g_autofree char *label = g_ascii_strup (index->id, -1);
      const char *suffixes[] = { "rank_p05", "rank_median", "rank_p95", "top_decile_probability" };
      /* Translators: column headers, "IMD rank 5%", "IMD rank median",
       * "IMD rank 95%", "IMD decile 1 chance" */
      const char *formats[] = { N_("%s rank 5%%"), N_("%s rank median"), N_("%s rank 95%%"),
                                N_("%s decile 1 chance") };

      for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
        {
          g_autofree char *id = g_strdup_printf ("%s.%s", index->id, suffixes[s]);
          g_autofree char *title = g_strdup_printf (_(formats[s]), label);

          lm_area_table_add_variable_column (LM_AREA_TABLE (self->table), id, title);
        }
    }
  if (rule != NULL)
    {
      g_autofree char *id = g_strdup_printf ("%s_probability", rule->flag->id);
      /* Translators: column header, "Left behind chance" */
      g_autofree char *title = g_strdup_printf (_("%s chance"), rule->flag->title);

      lm_area_table_add_variable_column (LM_AREA_TABLE (self->table), id, title);
    }
  for (guint v = 0; self->comparison != NULL && v < lm_comparison_get_n_variables (self->comparison); v++)
    {
      LmVariable *variable = lm_comparison_get_variable (self->comparison, v);

      lm_area_table_add_variable_column (LM_AREA_TABLE (self->table), variable->id, variable->title);
    }
}

/* Callbacks */

static void
on_variables_changed_cb (LmWindow *self)
{
  _lm_window_refresh_variables (self);
  add_result_columns (self);
}

/* Another model: its variables are followed, and a comparison of other
 * data is dropped (its variables are not in these). */
static void
on_view_model_cb (LmWindow *self)
{
  LmModel *model = _lm_window_get_model (self);

  if (self->analysis_model == model)
    return;
  if (self->analysis_model != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis_model, self);
  g_set_object (&self->analysis_model, model);
  if (model != NULL)
    g_signal_connect_object (model, "variables-changed", G_CALLBACK (on_variables_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_clear_object (&self->comparison);
  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
}

static void
on_analysis_map_cb (LmWindow *self)
{
  _lm_window_analysis_apply_map (self);
}

/* Comparing */

typedef struct
{
  LmWindow     *self;   /* owned */
  LmModel      *model;  /* owned: the model it was asked for */
} CompareRequest;

static void
compare_request_free (CompareRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->model);
  g_free (request);
}

/* The move on the map, the two ranks on the plot, in the table. */
static void
show_comparison (LmWindow     *self,
                 LmComparison *comparison)
{
  LmVariable *move = lm_comparison_find_variable (comparison, "imd_rank_move");
  LmVariable *before = lm_comparison_find_variable (comparison, "imd_rank_before");
  LmVariable *after = lm_comparison_find_variable (comparison, "imd_rank_after");
  LmVariable *entered = lm_comparison_find_variable (comparison, "imd_decile1_entered");
  LmVariable *left = lm_comparison_find_variable (comparison, "imd_decile1_left");
  const char *level_id = lm_comparison_get_level_id (comparison);
  guint n_entered = 0, n_left = 0;
  g_autofree char *text = NULL;

  if (move == NULL || before == NULL || after == NULL)
    return;
  lm_view_analysis_set_show_bivariate (lm_view_get_analysis (self->view), FALSE);
  /* The move's own colours: diverging around no change. */
  lm_view_set_palette (self->view, NULL);
  lm_view_set_level_and_variable (self->view, level_id, move->id);
  lm_view_set_custom_plot (self->view, level_id, before->id, after->id);
  g_object_set (self, "show-plot", TRUE, "show-table", TRUE, NULL);
  for (guint a = 0; entered != NULL && a < entered->level->n_areas; a++)
    {
      n_entered += entered->values[a] == 1;
      n_left += left->values[a] == 1;
    }
  /* Translators: a toast after comparing: "England 2019 against 2025: 5
   * local authorities entered the most deprived decile, 5 left it." */
  text = g_strdup_printf (_("%s: %u %s entered the most deprived decile, %u left it."),
                          lm_comparison_get_title (comparison), n_entered,
                          lm_level_get_plural (move->level), n_left);
  {
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_button_label (toast, _("_Export…"));
    adw_toast_set_action_name (toast, "win.export-comparison");
    adw_toast_set_timeout (toast, 10);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CompareRequest *request = user_data;
  LmWindow *self = request->self;
  LmComparison *comparison = LM_COMPARISON (source);
  g_autoptr(GError) error = NULL;

  if (!lm_comparison_run_finish (comparison, result, &error) ||
      (_lm_window_get_model (self) == request->model &&
       !lm_comparison_apply (comparison, lm_model_get_dataset (request->model), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lm_window_toast (self, error->message);
    }
  else if (_lm_window_get_model (self) == request->model)
    {
      g_set_object (&self->comparison, comparison);
      lm_model_notify_variables_changed (request->model);
      show_comparison (self, comparison);
    }
  g_clear_object (&self->compare_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), FALSE);
  gtk_spinner_set_spinning (self->header_spinner, FALSE);
  _lm_window_update_actions (self);
  compare_request_free (request);
}

/* Action handlers */

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  g_autofree char *path = find_comparison (self);
  g_autofree char *data_dir = _lm_window_find_data_dir (self);
  g_autoptr(LmComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  CompareRequest *request;

  if (path == NULL || self->compare_cancellable != NULL)
    return;
  comparison = lm_comparison_open (path, data_dir, &error);
  if (comparison == NULL)
    {
      _lm_window_toast (self, error->message);
      return;
    }
  request = g_new0 (CompareRequest, 1);
  request->self = g_object_ref (self);
  request->model = g_object_ref (_lm_window_get_model (self));
  self->compare_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), TRUE);
  gtk_spinner_set_spinning (self->header_spinner, TRUE);
  lm_comparison_run_async (comparison, self->compare_cancellable, compare_done_cb, request);
  _lm_window_update_actions (self);
}

static void
present_dialog (LmWindow   *self,
                GtkWidget **dialog,
                GtkWidget  *(*make) (LmView *view))
{
  if (*dialog == NULL)
    {
      *dialog = make (self->view);
      g_object_add_weak_pointer (G_OBJECT (*dialog), (gpointer *) dialog);
      gtk_window_set_transient_for (GTK_WINDOW (*dialog), GTK_WINDOW (self));
    }
  gtk_window_present (GTK_WINDOW (*dialog));
}

static void
uncertainty_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  present_dialog (self, &self->uncertainty_dialog, lm_uncertainty_dialog_new);
}

static void
bivariate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  present_dialog (self, &self->bivariate_dialog, lm_bivariate_dialog_new);
}

/* Semi-private API */

void
_lm_window_analysis_init (LmWindow *self)
{
  LmViewAnalysis *analysis = lm_view_get_analysis (self->view);
  static const char * const map_settings[] = {
    "notify::show-bivariate", "notify::bivariate", "notify::bivariate-palette",
  };

  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (on_view_model_cb), self,
                           G_CONNECT_SWAPPED);
  /* The default pair of a bivariate map depends on the level. */
  g_signal_connect_object (self->view, "notify::level", G_CALLBACK (on_analysis_map_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (map_settings); i++)
    g_signal_connect_object (analysis, map_settings[i], G_CALLBACK (on_analysis_map_cb), self,
                             G_CONNECT_SWAPPED);
}

void
_lm_window_analysis_dispose (LmWindow *self)
{
  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
  if (self->analysis_model != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis_model, self);
  g_clear_object (&self->analysis_model);
  g_clear_object (&self->comparison);
  _lm_window_analysis_forget (self);
  if (self->uncertainty_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->uncertainty_dialog));
  if (self->bivariate_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bivariate_dialog));
}

void
_lm_window_class_analysis_actions_init (LmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.uncertainty", NULL, uncertainty_action);
  gtk_widget_class_install_action (widget_class, "win.bivariate-map", NULL, bivariate_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
}

void
_lm_window_analysis_update_actions (LmWindow *self)
{
  gboolean has_model = _lm_window_get_model (self) != NULL;
  g_autofree char *comparison = has_model && self->compare_cancellable == NULL ? find_comparison (self)
                                                                               : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.uncertainty", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bivariate-map", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", comparison != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-comparison",
                                 has_model && self->comparison != NULL);
}

void
_lm_window_analysis_apply_map (LmWindow *self)
{
  LmViewAnalysis *analysis = lm_view_get_analysis (self->view);
  LmModel *model = _lm_window_get_model (self);
  g_autofree char *spec = NULL;
  GtkWidget *legend;

  if (self->map == NULL || model == NULL)
    return;
  if (lm_view_analysis_get_show_bivariate (analysis))
    spec = lm_view_analysis_resolve_bivariate (analysis, lm_model_get_dataset (model),
                                               lm_view_get_level (self->view));
  lm_choropleth_set_bivariate (LM_CHOROPLETH (self->map), spec,
                               lm_view_analysis_get_bivariate_palette (analysis));
  /* The key of two variables, or the legend of one, under the map. */
  if ((spec != NULL) == LM_IS_BIVARIATE_LEGEND (self->legend))
    return;
  legend = spec != NULL ? lm_bivariate_legend_new (LM_CHOROPLETH (self->map))
                        : lm_legend_new (LM_CHOROPLETH (self->map));
  adw_bin_set_child (self->legend_bin, legend);
  self->legend = legend;
}
