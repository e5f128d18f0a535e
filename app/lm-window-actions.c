/* lm-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-choropleth.h"
#include "lm-file-chooser.h"
#include "lm-help-window.h"
#include "lm-window-private.h"

/* Auxiliary methods */

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

/* A reset throws away weights the user may have spent a while on, so it
 * is a step of the undo history, undone from its toast too. @parameter:
 * an index id, or none for all. */
static void
reset_weights_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _lm_window_file_reset_weights (LM_WINDOW (widget),
                                 parameter != NULL ? g_variant_get_string (parameter, NULL)
                                                   : NULL);
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

/* The main menu's popover is built when its model is set (10 ms of
 * widgets): not before the window is first shown, but in the wait for
 * the data that follows, or when the menu is first opened if sooner. */
static void
attach_primary_menu (LmWindow *self)
{
  g_clear_handle_id (&self->menu_idle_id, g_source_remove);
  if (gtk_menu_button_get_menu_model (self->primary_menu_button) == NULL)
    {
      _lm_window_file_get_recent (self);
      gtk_menu_button_set_menu_model (self->primary_menu_button, self->primary_menu);
    }
}

static gboolean
attach_primary_menu_idle_cb (gpointer user_data)
{
  LmWindow *self = user_data;

  self->menu_idle_id = 0;
  attach_primary_menu (self);
  return G_SOURCE_REMOVE;
}

static void
on_primary_menu_popup_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  attach_primary_menu (LM_WINDOW (user_data));
}

void
_lm_window_init_primary_menu (LmWindow *self)
{
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, on_primary_menu_popup_cb,
                                         self, NULL);
}

/* Once the window is realized. */
void
_lm_window_queue_primary_menu (LmWindow *self)
{
  if (gtk_menu_button_get_menu_model (self->primary_menu_button) == NULL && self->menu_idle_id == 0)
    self->menu_idle_id = g_idle_add_full (G_PRIORITY_LOW, attach_primary_menu_idle_cb, self, NULL);
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
 * items bound to the action. @action_name must be a static string. */
void
_lm_window_set_action_enabled (LmWindow   *self,
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
    "win.search", "win.set-weight",
    "win.zoom-in", "win.zoom-out", "win.zoom-fit",
    "win.show-weights", "win.show-plot", "win.show-table", "win.show-details",
    "win.show-left-behind", "win.presentation", "win.level", "win.variable",
    "win.palette", "win.method", "win.n-classes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (model_actions); i++)
    _lm_window_set_action_enabled (self, model_actions[i], has_model);

  _lm_window_set_action_enabled (self, "win.reset-weights", lm_view_get_custom_weights (self->view));
  _lm_window_set_action_enabled (self, "win.retry", !loading);
  _lm_window_set_action_enabled (self, "win.choose-data-folder", TRUE);
  _lm_window_set_action_enabled (self, "win.leave-presentation", self->presentation);
  _lm_window_set_action_enabled (self, "win.close-sheets",
                                 (self->weights_folded && self->show_weights) ||
                                 (self->side_folded && (self->show_plot || self->show_details)));

  _lm_window_analysis_update_actions (self);

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
  gtk_widget_class_install_action (widget_class, "win.reset-weights", NULL,
                                   reset_weights_action);
  gtk_widget_class_install_action (widget_class, "win.reset-index-weights", "s",
                                   reset_weights_action);
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
