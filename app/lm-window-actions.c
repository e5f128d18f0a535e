/* lm-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-choropleth.h"
#include "lm-export.h"
#include "lm-file-chooser.h"
#include "lm-help-window.h"
#include "lm-scatter-plot.h"
#include "lm-scatter-renderer.h"
#include "lm-window-private.h"

typedef LmWindowFigure ExportKind;
#define EXPORT_MAP  LM_WINDOW_FIGURE_MAP
#define EXPORT_PLOT LM_WINDOW_FIGURE_PLOT

/* Auxiliary methods */

static void
show_message (LmWindow   *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_saved (LmWindow   *self,
             const char *format,
             GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *title = g_strdup_printf (format, escaped);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "imd-score-ward-<dataset id>": a file name that says what is in it. */
static char *
suggest_base_name (LmWindow   *self,
                   const char *what,
                   const char *level_id)
{
  LmDataset *dataset = lm_model_get_dataset (_lm_window_get_model (self));
  g_autofree char *raw = g_strdup_printf ("%s-%s-%s", what, level_id,
                                          lm_dataset_get_id (dataset));

  for (char *p = raw; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      *p = '-';
  return g_steal_pointer (&raw);
}

static void
add_filter (GListStore *filters,
            const char *title,
            const char *extension,
            const char *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_suffix (filter, extension);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data_full (G_OBJECT (filter), "lm-extension", g_strdup (extension), g_free);
  g_list_store_append (filters, filter);
}

/* The chosen file, with the selected filter's extension (PNG when the
 * dialog does not tell) added when the name has none of the three. */
static GFile *
get_export_file (GFile         *chosen,
                 GtkFileFilter *filter)
{
  g_autoptr(GFile) file = g_object_ref (chosen);
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  const char *extension;

  path = g_file_get_path (file);
  if (path == NULL)
    return g_steal_pointer (&file);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
      g_str_has_suffix (lower, ".pdf"))
    return g_steal_pointer (&file);

  extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "lm-extension") : NULL;
  {
    g_autofree char *with = g_strconcat (path, ".", extension != NULL ? extension : "png", NULL);

    return g_file_new_for_path (with);
  }
}

static gboolean
export_map (LmWindow    *self,
            const char  *path,
            GError     **error)
{
  LmView *view = lm_window_get_view (self);
  LmMapExportOptions options;

  /* The map as the view shows it: the window keeps no copy. */
  lm_map_export_options_init (&options);
  options.level_id = lm_view_get_level (view);
  options.variable_id = lm_view_get_variable (view);
  lm_classify_method_from_string (lm_view_get_method (view), &options.method);
  options.n_classes = lm_view_get_n_classes (view);
  options.palette = lm_view_get_palette (view);
  options.show_left_behind = lm_view_get_show_left_behind (view);
  return lm_export_map (lm_view_get_model (view), &options, path, error);
}

static gboolean
export_plot (LmWindow    *self,
             const char  *path,
             GError     **error)
{
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (self));
  LmScatterExportOptions options = { 0 };

  options.level = lm_scatter_plot_get_level_id (plot);
  options.x = lm_scatter_plot_get_x_id (plot);
  options.y = lm_scatter_plot_get_y_id (plot);
  options.weighted = lm_scatter_plot_get_weighted (plot);
  options.colour_by = lm_scatter_plot_get_colour_by (plot);
  options.show_cutoffs = lm_scatter_plot_get_show_cutoffs (plot);
  return lm_scatter_export (_lm_window_get_model (self), &options, path, error);
}

gboolean
_lm_window_export_figure (LmWindow        *self,
                          LmWindowFigure   figure,
                          const char      *path,
                          GError         **error)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (_lm_window_get_model (self) == NULL ||
      (figure == LM_WINDOW_FIGURE_PLOT && lm_window_get_plot (self) == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is nothing to export until the data are loaded."));
      return FALSE;
    }
  if (figure == LM_WINDOW_FIGURE_MAP)
    return export_map (self, path, error);
  return export_plot (self, path, error);
}

typedef struct
{
  LmWindow   *self;   /* owned */
  ExportKind  kind;
} ExportRequest;

static void
export_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ExportRequest *request = user_data;
  g_autoptr(LmWindow) self = request->self;
  ExportKind kind = request->kind;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) chosen = lm_file_chooser_run_finish (result, &filter, NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_free (request);
  if (chosen == NULL || _lm_window_get_model (self) == NULL)
    return;

  file = get_export_file (chosen, filter);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_message (self, _("Could Not Export"),
                    _("Levelmap can only write to files on this computer."));
      return;
    }

  ok = _lm_window_export_figure (self, kind, path, &error);
  if (ok)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = parent != NULL ? g_file_get_path (parent) : NULL;

      if (folder != NULL)
        g_settings_set_string (self->settings, "export-folder", folder);
    }
  if (!ok)
    show_message (self, kind == EXPORT_MAP ? _("Could Not Export the Map")
                                           : _("Could Not Export the Plot"),
                  error->message);
  else
    /* Translators: %s is a file name */
    toast_saved (self, kind == EXPORT_MAP ? _("Map saved as “%s”") : _("Plot saved as “%s”"),
                 file);
}

GFile *
_lm_window_get_export_folder (LmWindow *self)
{
  g_autofree char *remembered = g_settings_get_string (self->settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  /* The last export's folder, else Pictures, else home: never the
   * folder Levelmap happened to start in (the source tree, issue 13). */
  if (*remembered != '\0' && g_file_test (remembered, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (remembered);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
run_export_dialog (LmWindow   *self,
                   ExportKind  kind)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  ExportRequest *request;

  if (_lm_window_get_model (self) == NULL)
    return;

  if (kind == EXPORT_MAP)
    base = suggest_base_name (self, lm_view_get_variable (self->view),
                              lm_view_get_level (self->view));
  else
    {
      LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (self));
      g_autofree char *what = g_strdup_printf ("%s-vs-%s", lm_scatter_plot_get_y_id (plot),
                                               lm_scatter_plot_get_x_id (plot));

      base = suggest_base_name (self, what, lm_scatter_plot_get_level_id (plot));
    }
  name = g_strconcat (base, ".png", NULL);

  add_filter (filters, _("PNG image"), "png", "image/png");
  add_filter (filters, _("SVG drawing"), "svg", "image/svg+xml");
  add_filter (filters, _("PDF document"), "pdf", "application/pdf");
  request = g_new (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->kind = kind;
  folder = _lm_window_get_export_folder (self);
  lm_file_chooser_run_in (GTK_WINDOW (self), LM_FILE_CHOOSER_SAVE,
                          kind == EXPORT_MAP ? _("Export Map") : _("Export Plot"), _("_Export"),
                          G_LIST_MODEL (filters), name, folder, NULL, export_chosen_cb, request);
}

static void
choose_folder_chosen_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LmWindow) self = user_data;
  g_autoptr(GFile) folder = lm_file_chooser_run_finish (result, NULL, NULL);

  if (folder != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (path != NULL)
        {
          if (LM_IS_APPLICATION (app))
            lm_application_remember_data_dir (LM_APPLICATION (app), path);
          /* The same dataset from the new folder, or its first one. */
          lm_window_load (self, self->dataset_name, path);
        }
    }
}

/* Action handlers */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  /* The popover puts the focus in its entry as it shows. */
  gtk_menu_button_popup (self->search_button);
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_export_dialog (LM_WINDOW (widget), EXPORT_MAP);
}

static void
export_plot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_export_dialog (LM_WINDOW (widget), EXPORT_PLOT);
}

static void
copy_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  if (self->map == NULL)
    return;
  lm_choropleth_copy_to_clipboard (LM_CHOROPLETH (self->map));
  lm_window_add_toast (self, _("Map copied to the clipboard"));
}

/* A reset throws away weights the user may have spent a while on, so it
 * can be undone from its toast. @parameter: an index id, or none for all. */
static void
reset_weights_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  const char *index_id = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;
  AdwToast *toast;
  LmModel *model;

  model = _lm_window_get_model (self);
  if (model == NULL)
    return;
  g_clear_pointer (&self->undo_weights, g_variant_unref);
  self->undo_weights = lm_model_get_weights_state (model);
  lm_model_reset_weights (model, index_id);
  toast = adw_toast_new (_("Official weights restored"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-reset-weights");
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_reset_weights_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = g_steal_pointer (&self->undo_weights);
  LmModel *model = _lm_window_get_model (self);

  if (model == NULL || state == NULL)
    return;
  if (!lm_model_set_weights_state (model, state, &error))
    lm_window_add_toast (self, error->message);
}

static void
set_weight_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  LmModel *model = _lm_window_get_model (self);
  const char *index_id;
  const char *domain_id;
  double weight;

  if (model == NULL)
    return;
  g_variant_get (parameter, "(&s&sd)", &index_id, &domain_id, &weight);
  if (!lm_model_set_weight (model, index_id, domain_id, weight, &error))
    lm_window_add_toast (self, error->message);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  LmChoropleth *map;
  double cx, cy;

  if (self->map == NULL)
    return;
  map = LM_CHOROPLETH (self->map);
  cx = gtk_widget_get_width (self->map) / 2.0;
  cy = gtk_widget_get_height (self->map) / 2.0;

  if (g_str_equal (action_name, "win.zoom-in"))
    lm_choropleth_zoom_at (map, 1.5, cx, cy);
  else if (g_str_equal (action_name, "win.zoom-out"))
    lm_choropleth_zoom_at (map, 1.0 / 1.5, cx, cy);
  else
    lm_choropleth_zoom_to_fit (map);
}

static void
choose_data_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  lm_file_chooser_run (GTK_WINDOW (self), LM_FILE_CHOOSER_SELECT_FOLDER,
                       _("Choose the Data Folder"), _("_Select"), NULL, NULL, NULL,
                       choose_folder_chosen_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  lm_window_load (self, self->dataset_name, NULL);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  GtkWidget *help = lm_help_window_new (GTK_WINDOW (self), _lm_window_get_model (self),
                                        _lm_window_get_datasets (self));

  gtk_window_present (GTK_WINDOW (help));
}

static void
close_sheets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  if (_lm_window_close_sheets (self) && self->map != NULL)
    gtk_widget_grab_focus (self->map);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_object_set (widget, "presentation", FALSE, NULL);
}

/* The map's keys (+, -, 0) work wherever the focus is in the map area:
 * on the zoom buttons or the legend as on the map itself. */
static gboolean
map_key_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  LmWindow *self = LM_WINDOW (gtk_widget_get_root (widget));

  if (self->map == NULL)
    return FALSE;
  return gtk_widget_activate_action (self->map, g_variant_get_string (args, NULL), NULL);
}

void
_lm_window_add_map_keys (LmWindow *self)
{
  static const struct
  {
    guint       keyval;
    const char *action;
  } keys[] = {
    { GDK_KEY_plus, "map.zoom-in" }, { GDK_KEY_equal, "map.zoom-in" },
    { GDK_KEY_KP_Add, "map.zoom-in" }, { GDK_KEY_minus, "map.zoom-out" },
    { GDK_KEY_KP_Subtract, "map.zoom-out" }, { GDK_KEY_0, "map.zoom-fit" },
    { GDK_KEY_KP_0, "map.zoom-fit" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                gtk_callback_action_new (map_key_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].action));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (self->map_overlay, controller);
}

/* Deciles are ten classes of equal count: offered where a level has
 * areas enough for ten classes of ten (nine regions gave one region a
 * class, issue 13). */
#define DECILES_MIN_AREAS 100

void
_lm_window_update_method_menu (LmWindow *self)
{
  LmModel *model = lm_view_get_model (self->view);
  LmDataset *dataset = model != NULL ? lm_model_get_dataset (model) : NULL;
  LmLevel *level = dataset != NULL ? lm_dataset_find_level (dataset, lm_view_get_level (self->view))
                                   : NULL;
  gboolean allowed = level == NULL || level->n_areas >= DECILES_MIN_AREAS;

  if (allowed && !self->deciles_offered)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Deciles (Ten Equal Groups)"), NULL);

      g_menu_item_set_action_and_target_value (item, "win.method", g_variant_new_string ("deciles"));
      g_menu_append_item (self->method_section, item);
    }
  else if (!allowed && self->deciles_offered)
    g_menu_remove (self->method_section, g_menu_model_get_n_items (G_MENU_MODEL (self->method_section)) - 1);
  self->deciles_offered = allowed;
  if (!allowed && g_strcmp0 (lm_view_get_method (self->view), "deciles") == 0)
    {
      /* Translators: "Regions are too few for deciles; showing quantiles." */
      g_autofree char *message = g_strdup_printf (_("%s are too few for deciles; showing quantiles."),
                                                  level->title);

      lm_view_set_method (self->view, "quantile");
      lm_window_add_toast (self, message);
    }
}

/* Class setup */

/* Tells GTK only about changes: every call notifies the buttons and menu
 * items bound to the action. */
static void
set_action_enabled (LmWindow   *self,
                    const char *action_name,
                    gboolean    enabled)
{
  gpointer known = g_hash_table_lookup (self->action_states, action_name);

  enabled = !!enabled;
  if (known != NULL && GPOINTER_TO_INT (known) - 1 == enabled)
    return;
  g_hash_table_insert (self->action_states, (gpointer) action_name,
                       GINT_TO_POINTER (enabled + 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, enabled);
}

void
_lm_window_update_actions (LmWindow *self)
{
  gboolean has_model = _lm_window_get_model (self) != NULL;
  gboolean loading = self->loading_name != NULL;
  static const char * const model_actions[] = {
    "win.search", "win.export-map", "win.copy-map", "win.set-weight",
    "win.zoom-in", "win.zoom-out", "win.zoom-fit",
    "win.show-weights", "win.show-plot", "win.show-table", "win.show-details",
    "win.show-left-behind", "win.presentation", "win.level", "win.variable",
    "win.palette", "win.method", "win.n-classes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (model_actions); i++)
    set_action_enabled (self, model_actions[i], has_model);

  set_action_enabled (self, "win.export-plot", has_model && lm_window_get_plot (self) != NULL);
  set_action_enabled (self, "win.reset-weights", lm_view_get_custom_weights (self->view));
  set_action_enabled (self, "win.retry", !loading);
  set_action_enabled (self, "win.choose-data-folder", TRUE);
  set_action_enabled (self, "win.leave-presentation", self->presentation);
  set_action_enabled (self, "win.close-sheets",
                      (self->weights_folded && self->show_weights) ||
                      (self->side_folded && (self->show_plot || self->show_details)));

  /* Unchanged visibility costs nothing. */
  gtk_widget_set_visible (self->title_box, has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->weights_button), has_model);
  gtk_widget_set_visible (self->panes_box, has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_model);
}

void
_lm_window_class_actions_init (LmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "win.export-plot", NULL, export_plot_action);
  gtk_widget_class_install_action (widget_class, "win.copy-map", NULL, copy_map_action);
  gtk_widget_class_install_action (widget_class, "win.reset-weights", NULL,
                                   reset_weights_action);
  gtk_widget_class_install_action (widget_class, "win.reset-index-weights", "s",
                                   reset_weights_action);
  gtk_widget_class_install_action (widget_class, "win.undo-reset-weights", NULL,
                                   undo_reset_weights_action);
  /* ("imd", "income", 60.0): one relative weight, as --weight sets it. */
  gtk_widget_class_install_action (widget_class, "win.set-weight", "(ssd)", set_weight_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.choose-data-folder", NULL,
                                   choose_data_folder_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL,
                                   leave_presentation_action);
  gtk_widget_class_install_action (widget_class, "win.close-sheets", NULL, close_sheets_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);

  gtk_widget_class_install_property_action (widget_class, "win.show-weights", "show-weights");
  gtk_widget_class_install_property_action (widget_class, "win.show-plot", "show-plot");
  gtk_widget_class_install_property_action (widget_class, "win.show-table", "show-table");
  gtk_widget_class_install_property_action (widget_class, "win.show-details", "show-details");
  gtk_widget_class_install_property_action (widget_class, "win.show-left-behind",
                                            "show-left-behind");
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.level", "level");
  gtk_widget_class_install_property_action (widget_class, "win.variable", "variable");
  gtk_widget_class_install_property_action (widget_class, "win.palette", "palette");
  gtk_widget_class_install_property_action (widget_class, "win.method", "method");
  gtk_widget_class_install_property_action (widget_class, "win.n-classes", "n-classes");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-plot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reset-weights", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-weights", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-weights", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-plot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.show-table", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "win.show-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-fit", NULL);
}
