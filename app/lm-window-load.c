/* lm-window-load.c — the window reading a dataset in the background,
 * and what it shows when that fails
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-area-table.h"
#include "lm-choices-private.h"
#include "lm-data-dir.h"
#include "lm-window-private.h"

/* Auxiliary methods */

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

/* Another dataset: what the user made carries over */

/* The settings that are the user's work rather than a view of the data. */
static gboolean
is_work_key (const char *key)
{
  return g_str_has_prefix (key, "weights/") || g_str_has_prefix (key, "thresholds/") ||
         g_str_equal (key, "locked") || g_str_equal (key, "selection-level") ||
         g_str_equal (key, "selection");
}

static guint
count_selected (LmView *view)
{
  LmSelection *selection = lm_view_get_selection (view);
  LmLevel *level = selection != NULL ? lm_selection_get_level (selection) : NULL;

  return level != NULL ? lm_selection_count (selection, level) : 0;
}

static gboolean
thresholds_are_official (LmView *view)
{
  LmModel *model = lm_view_get_model (view);
  LmLeftBehindRule *rule = model != NULL ? lm_dataset_get_left_behind_rule (lm_model_get_dataset (model))
                                         : NULL;

  for (guint i = 0; rule != NULL && i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);

      if (criterion->value != criterion->default_value)
        return FALSE;
    }
  return TRUE;
}

void
_lm_window_take_work (LmWindow *self)
{
  g_autoptr(LmViewSnapshot) all = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_clear_pointer (&self->work, lm_view_snapshot_unref);
  g_clear_pointer (&self->work_filter, g_free);
  if (self->drop_work || lm_view_get_model (self->view) == NULL)
    {
      self->drop_work = FALSE;
      return;
    }
  self->work_custom = lm_view_get_custom_weights (self->view) ||
                      !thresholds_are_official (self->view) ||
                      g_strv_length ((char **) lm_view_get_locked (self->view)) > 0;
  self->work_selected = count_selected (self->view);
  if (self->table != NULL)
    self->work_filter = g_strdup (lm_area_table_get_filter_text (LM_AREA_TABLE (self->table)));

  all = lm_view_take_snapshot (self->view);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (all));
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (is_work_key (key))
        g_variant_builder_add (&builder, "{sv}", key, value);
      g_variant_unref (value);
    }
  {
    g_autoptr(GVariant) settings = g_variant_ref_sink (g_variant_builder_end (&builder));

    self->work = lm_view_snapshot_new_from_variant (settings, NULL);
  }
}

/* Applies what the new data allow of the work taken, and says what
 * carried over: custom weights, thresholds and locks, the selection
 * (by area code), the table's filter. */
void
_lm_window_restore_work (LmWindow *self)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(LmViewSnapshot) work = g_steal_pointer (&self->work);
  guint selected;

  if (work == NULL)
    return;
  /* What the data lack is said below, in fewer words than the list of
   * codes the view would give. */
  lm_view_apply_snapshot (self->view, work, NULL);
  selected = count_selected (self->view);
  if (self->work_custom)
    g_string_append (message, lm_view_get_custom_weights (self->view) ||
                              !thresholds_are_official (self->view) ||
                              g_strv_length ((char **) lm_view_get_locked (self->view)) > 0
                     ? _("Your weights, thresholds and locks carry over.")
                     : _("Your weights, thresholds and locks do not fit these data."));
  if (self->work_selected > 0)
    {
      if (message->len > 0)
        g_string_append_c (message, ' ');
      if (selected == self->work_selected)
        g_string_append (message, _("The selection carries over."));
      else if (selected > 0)
        g_string_append_printf (message, _("%u of the %u selected areas are in these data."),
                                selected, self->work_selected);
      else
        g_string_append (message, _("None of the selected areas is in these data."));
    }
  if (message->len > 0)
    lm_window_add_toast (self, message->str);
}

/* Semi-private (also for the header's drop-down): the datasets the
 * manifest folders and the data folder offer, looked up once per data
 * folder (GPtrArray of LmDatasetInfo*). */
GPtrArray *
_lm_window_get_datasets (LmWindow *self)
{
  g_autofree char *root = self->data_dir != NULL ? g_strdup (self->data_dir)
                                                 : _lm_window_find_data_dir (self);

  if (self->datasets == NULL || g_strcmp0 (self->datasets_root, root) != 0)
    {
      g_clear_pointer (&self->datasets, g_ptr_array_unref);
      self->datasets = lm_data_dir_list_datasets (root);
      set_str (&self->datasets_root, root);
    }
  return self->datasets;
}

/* The title of a dataset the folders offer, or NULL for a user's own
 * manifest (a path). */
const char *
_lm_window_get_dataset_title (LmWindow   *self,
                              const char *name)
{
  GPtrArray *datasets = _lm_window_get_datasets (self);

  for (guint i = 0; name != NULL && i < datasets->len; i++)
    {
      LmDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (g_str_equal (info->id, name))
        return info->title;
    }
  return NULL;
}

/* The dataset drop-down: the datasets found, and a user's own manifest
 * while it is open. */
void
_lm_window_fill_dataset_dropdown (LmWindow *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *datasets = _lm_window_get_datasets (self);

  g_ptr_array_set_size (self->dataset_ids, 0);
  for (guint i = 0; i < datasets->len; i++)
    {
      LmDatasetInfo *info = g_ptr_array_index (datasets, i);

      g_ptr_array_add (self->dataset_ids, g_strdup (info->id));
      g_ptr_array_add (titles, g_strdup (info->title));
    }
  /* A user's own manifest gets its own entry while it is open. */
  if (self->dataset_name != NULL &&
      _lm_choices_find (self->dataset_ids, self->dataset_name) == GTK_INVALID_LIST_POSITION)
    {
      LmModel *model = lm_view_get_model (self->view);
      LmDataset *dataset = model != NULL ? lm_model_get_dataset (model) : NULL;

      g_ptr_array_add (self->dataset_ids, g_strdup (self->dataset_name));
      if (dataset != NULL)
        g_ptr_array_add (titles, g_strdup (lm_dataset_get_title (dataset)));
      else
        g_ptr_array_add (titles, g_path_get_basename (self->dataset_name));
    }

  self->updating++;
  _lm_choices_replace (self->dataset_list, titles);
  gtk_drop_down_set_selected (self->dataset_dropdown,
                              _lm_choices_find (self->dataset_ids, self->dataset_name));
  self->updating--;
}

static char *
describe_dataset (LmWindow   *self,
                  const char *name)
{
  const char *title = _lm_window_get_dataset_title (self, name);

  if (name == NULL)
    return g_strdup (_("the data"));
  if (title != NULL)
    return g_strdup (title);
  return g_path_get_basename (name);
}

static void
set_loading (LmWindow   *self,
             const char *name)
{
  gboolean was_loading = self->loading_name != NULL;
  gboolean have_model = lm_view_get_model (self->view) != NULL;

  set_str (&self->loading_name, name);
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), name != NULL && have_model);
  gtk_spinner_set_spinning (self->header_spinner, name != NULL && have_model);
  if (was_loading != (name != NULL))
    _lm_window_notify_loading (self);
  _lm_window_update_actions (self);
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

static void
show_error_page (LmWindow     *self,
                 const GError *error)
{
  gboolean own_manifest = self->dataset_name != NULL &&
                          _lm_window_get_dataset_title (self, self->dataset_name) == NULL;

  lm_load_page_show_error (self->load_page, lm_load_problem_from_error (error), error->message,
                           own_manifest ? self->dataset_name : NULL, self->data_dir,
                           get_data_dir_origin (self));
  gtk_stack_set_visible_child_name (self->stack, "status");
  gtk_window_set_title (GTK_WINDOW (self), _("Levelmap"));
  _lm_window_update_actions (self);
}

static void
show_load_error (LmWindow     *self,
                 const char   *name,
                 const GError *error)
{
  g_autofree char *what = describe_dataset (self, name);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (lm_view_get_model (self->view) == NULL)
    {
      show_error_page (self, error);
      return;
    }

  /* The current data stay; say why the other could not replace them. */
  heading = g_strdup_printf (_("Could Not Open %s"), what);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  _lm_window_fill_dataset_dropdown (self);
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
  g_settings_set_string (self->settings, "dataset", name);
  _lm_window_set_model (self, model);
}

/* Says @text once per dataset and level: @key names what was said. */
static void
toast_once (LmWindow   *self,
            LmDataset  *dataset,
            const char *key,
            const char *text)
{
  g_autofree char *data_key = g_strconcat ("levelmap-said-", key, NULL);

  /* Kept on the dataset, so that new data are reported anew. */
  if (g_object_get_data (G_OBJECT (dataset), data_key) != NULL)
    return;
  g_object_set_data (G_OBJECT (dataset), data_key, GINT_TO_POINTER (TRUE));
  lm_window_add_toast (self, text);
}

/* A coarser layer the map outlines, or the rule's layer it marks, that is
 * broken: the map is drawn without them, and says so. */
static void
report_broken_layer (LmWindow   *self,
                     LmDataset  *dataset,
                     LmLevel    *level,
                     const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  if (!lm_dataset_has_shapes (dataset, level) || lm_dataset_ensure_shapes (dataset, level, &error))
    return;
  key = g_strconcat ("broken-", level->id, NULL);
  text = g_strdup_printf (what, level->title, error->message);
  toast_once (self, dataset, key, text);
}

/* Semi-private API */

/* What the map of the view's level leaves out, said once per dataset and
 * level: areas without a polygon (beyond LM_DATASET_MAX_UNMAPPED_SHARE,
 * with the count), and broken layers of its outlines or marks. Why the
 * level itself cannot be drawn is the map's to say. */
void
_lm_window_report_boundaries (LmWindow *self)
{
  LmModel *model = lm_view_get_model (self->view);
  LmLeftBehindRule *rule;
  LmDataset *dataset;
  LmLevel *level;
  const char *warning;

  if (model == NULL)
    return;
  dataset = lm_model_get_dataset (model);
  level = lm_dataset_find_level (dataset, lm_view_get_level (self->view));
  if (level == NULL || !lm_dataset_has_shapes (dataset, level) ||
      !lm_dataset_ensure_shapes (dataset, level, NULL))
    return;
  warning = lm_dataset_get_shapes_warning (dataset, level);
  if (warning != NULL)
    {
      g_autofree char *key = g_strconcat ("unmapped-", level->id, NULL);
      toast_once (self, dataset, key, warning);
    }
  for (LmLevel *up = level->parent_level; up != NULL; up = up->parent_level)
    /* Translators: "The outlines of Local authorities (2019) are not drawn: <why>" */
    report_broken_layer (self, dataset, up, _("The outlines of %s are not drawn: %s"));
  rule = lm_dataset_get_left_behind_rule (dataset);
  if (rule != NULL && lm_view_get_show_left_behind (self->view))
    /* Translators: "The left-behind marks (Wards (2017)) are not drawn: <why>" */
    report_broken_layer (self, dataset, rule->level,
                         _("The left-behind marks (%s) are not drawn: %s"));
}

char *
_lm_window_find_data_dir (LmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (LM_IS_APPLICATION (app))
    return lm_application_find_data_dir (LM_APPLICATION (app));
  return g_strdup (g_getenv ("LEVELMAP_DATA_DIR"));
}

/* Public API */

void
lm_window_load (LmWindow   *self,
                const char *dataset,
                const char *data_dir)
{
  GtkApplication *app;
  g_autofree char *dir = NULL;
  g_autofree char *what = NULL;
  g_autofree char *first = NULL;
  const char *levels[2] = { NULL, NULL };

  g_return_if_fail (LM_IS_WINDOW (self));

  app = gtk_window_get_application (GTK_WINDOW (self));
  g_return_if_fail (LM_IS_APPLICATION (app));

  dir = data_dir != NULL ? g_strdup (data_dir) : _lm_window_find_data_dir (self);
  set_str (&self->data_dir, dir);
  if (dataset == NULL)
    dataset = first = lm_data_dir_get_default_dataset (dir);
  if (dataset == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                   _("No dataset was found: neither the data folder “%s” nor the manifest "
                     "folders hold a dataset manifest."), dir);
      show_load_error (self, NULL, error);
      return;
    }
  what = describe_dataset (self, dataset);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (lm_view_get_model (self->view) == NULL)
    set_str (&self->dataset_name, dataset);

  /* A folder that is not there needs no thread to say so. A user's own
   * manifest brings its own folder. */
  if (_lm_window_get_dataset_title (self, dataset) != NULL && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                   _("The data folder “%s” does not exist, so %s cannot be opened."),
                   dir, what);
      set_loading (self, NULL);
      show_load_error (self, dataset, error);
      return;
    }

  if (lm_view_get_model (self->view) == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Opening %s…"), what);
      g_autofree char *folder = NULL;
      g_autofree char *description = NULL;

      /* The folder the files are read from: a manifest's own, or the
       * dataset's in the data folder, not the data folder itself. */
      if (!lm_dataset_locate (dataset, dir, NULL, &folder, NULL))
        folder = g_strdup (dir);
      description = g_strdup_printf (_("Reading the tables and boundaries in %s"), folder);

      lm_load_page_show_loading (self->load_page, title, description);
      gtk_stack_set_visible_child_name (self->stack, "status");
    }

  set_loading (self, dataset);
  self->load_cancellable = g_cancellable_new ();
  levels[0] = lm_view_get_level (self->view);
  lm_application_load_model_async (LM_APPLICATION (app), dataset, dir, levels,
                                   self->load_cancellable, load_model_cb,
                                   g_object_ref (self));
}

/* After the user was asked about unsaved work: what they chose to
 * discard is not carried to the other data (_lm_window_take_work()). */
void
_lm_window_load_confirmed (LmWindow   *self,
                           const char *dataset)
{
  self->drop_work = lm_document_get_modified (self->document);
  lm_window_load (self, dataset, NULL);
}

static void
load_manifest (LmWindow *self,
               gpointer  manifest_path)
{
  _lm_window_load_confirmed (self, manifest_path);
}

void
lm_window_open_dataset (LmWindow   *self,
                        const char *manifest_path)
{
  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (manifest_path != NULL);

  /* Other data drop the weights and scenes: asked first. */
  _lm_window_file_confirm (self, G_CALLBACK (load_manifest), g_strdup (manifest_path), g_free);
}

