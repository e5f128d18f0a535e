/* lm-window-file.c — the window's scenario: New, Open, Save, Save As and
 * recent files, the title with its modified mark, asking before unsaved
 * work is lost, undo and redo, the command line's options and the
 * custom-weights marker
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's LmDocument holds the file, the storyboard and the undo
 * history. A scenario made on other data loads them first (the window's
 * usual background load) and is applied when they arrive; options from
 * the command line wait for the data, and for the scenario, likewise.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-custom-weights.h"
#include "lm-data-dir.h"
#include "lm-file-chooser.h"
#include "lm-window-private.h"

/* At most this many files in File ▸ Open Recent. */
#define MAX_RECENT 10

struct _LmWindowFile
{
  GtkWidget    *name_label;       /* the scenario's name and mark, in the header */
  GtkWidget    *custom_button;    /* "Custom weights", in the header */
  GtkWidget    *custom_label;     /* what its popover says */
  GMenu        *recent_menu;      /* borrowed from the template */
  GtkRecentManager *recent;       /* borrowed */
  LmScenario   *pending;          /* opened, waiting for its data */
  GFile        *pending_file;
  GVariant     *pending_options;  /* view options waiting for data or a scenario */
  AdwToast     *reset_toast;      /* "Official weights restored", until it goes */
  guint         reset_position;
  guint         reset_n_states;
  GCancellable *cancellable;      /* of loads and saves */
  gboolean      may_close;        /* the user chose to discard */
};

typedef void (*ContinueFunc) (LmWindow *self,
                              gpointer  data);

/* Auxiliary methods */

static LmDataset *
get_dataset (LmWindow *self)
{
  LmModel *model = _lm_window_get_model (self);

  return model != NULL ? lm_model_get_dataset (model) : NULL;
}

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

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

static void
add_recent (LmWindow *self,
            GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };
  static char *groups[] = { (char *) "Levelmap", NULL };

  data.mime_type = (char *) LM_SCENARIO_MIME_TYPE;
  data.app_name = (char *) "Levelmap";
  data.app_exec = (char *) "levelmap %f";
  data.groups = groups;
  gtk_recent_manager_add_full (_lm_window_file_get_recent (self), uri, &data);
}

/* The title and the marks */

/* Setting a tooltip, even to the text it has, makes GTK ask again for
 * the tooltip under the pointer (the map's, whose window was then shown
 * again, with a layout of the window, at every view change): set only
 * what changed. */
static void
set_tooltip_text (GtkWidget  *widget,
                  const char *text)
{
  const char *old = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (old, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

void
_lm_window_file_update_title (LmWindow *self)
{
  LmDataset *dataset = get_dataset (self);
  const char *name = lm_document_get_title (self->document);
  gboolean modified = lm_document_get_modified (self->document);
  GFile *file = lm_document_get_file (self->document);
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  /* Translators: a modified mark before a scenario's name */
  label = modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  gtk_label_set_text (GTK_LABEL (self->file->name_label), label);
  if (file != NULL)
    {
      g_autofree char *where = g_file_get_parse_name (file);
      g_autofree char *tooltip = modified ? g_strdup_printf (_("%s (changed since it was saved)"),
                                                             where)
                                          : g_strdup (where);

      set_tooltip_text (self->file->name_label, tooltip);
    }
  else
    set_tooltip_text (self->file->name_label, _("This scenario has not been saved"));
  gtk_widget_set_visible (self->file->name_label, dataset != NULL);

  if (dataset != NULL)
    /* Translators: window title, "• left-behind.levelmap — England 2019" */
    title = g_strdup_printf (_("%s — %s"), label, lm_dataset_get_title (dataset));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Levelmap"));
}

/* Custom weights are never silent: a marker in the header, with the
 * changed domains and a way back. */
static void
update_custom_marker (LmWindow *self)
{
  LmModel *model = _lm_window_get_model (self);
  g_autofree char *text = model != NULL ? lm_custom_weights_describe (model) : NULL;

  gtk_widget_set_visible (self->file->custom_button, text != NULL);
  if (text != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->file->custom_label), text);
      set_tooltip_text (self->file->custom_button, text);
    }
}

static void
update_actions (LmWindow *self)
{
  LmHistory *history = lm_document_get_history (self->document);
  gboolean has_model = _lm_window_get_model (self) != NULL;

  _lm_window_set_action_enabled (self, "win.undo", lm_history_get_can_undo (history));
  _lm_window_set_action_enabled (self, "win.redo", lm_history_get_can_redo (history));
  _lm_window_set_action_enabled (self, "win.new", has_model);
  _lm_window_set_action_enabled (self, "win.save", has_model);
  _lm_window_set_action_enabled (self, "win.save-as", has_model);
}

/* Asking before unsaved work is lost */

typedef struct
{
  LmWindow       *self;   /* owned */
  ContinueFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;
} Continuation;

static void
continuation_free (Continuation *continuation)
{
  if (continuation->destroy != NULL)
    continuation->destroy (continuation->data);
  g_object_unref (continuation->self);
  g_free (continuation);
}

static void
continuation_run (Continuation *continuation)
{
  continuation->func (continuation->self, continuation->data);
  continuation_free (continuation);
}

static void save_to (LmWindow *self, GFile *file, Continuation *then);
static void run_save_as (LmWindow *self, Continuation *then);

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Continuation     *continuation)
{
  LmWindow *self = continuation->self;
  GFile *file = lm_document_get_file (self->document);

  /* One answer: closing the dialog afterwards answers again. */
  g_signal_handlers_disconnect_by_data (dialog, continuation);
  /* Later: what follows may close the window this dialog belongs to,
   * which must outlive the dialog. */
  if (g_str_equal (response, "discard"))
    g_idle_add_once ((GSourceOnceFunc) continuation_run, continuation);
  else if (g_str_equal (response, "save") && file != NULL)
    save_to (self, file, continuation);
  else if (g_str_equal (response, "save"))
    run_save_as (self, continuation);
  else
    continuation_free (continuation);
}

void
_lm_window_file_confirm (LmWindow       *self,
                         GCallback       func,
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  Continuation *continuation = g_new0 (Continuation, 1);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  continuation->self = g_object_ref (self);
  continuation->func = (ContinueFunc) func;
  continuation->data = data;
  continuation->destroy = destroy;
  if (!lm_document_get_modified (self->document))
    {
      continuation_run (continuation);
      return;
    }
  /* Translators: %s is a scenario's name */
  body = g_strdup_printf (_("“%s” has changes that are not saved: its weights, view or scenes. "
                            "Changes that are not saved will be lost."),
                          lm_document_get_title (self->document));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), continuation);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_now (LmWindow *self,
           gpointer  data)
{
  self->file->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
_lm_window_file_may_close (LmWindow *self)
{
  if (self->file->may_close || !lm_document_get_modified (self->document))
    return TRUE;
  _lm_window_file_confirm (self, G_CALLBACK (close_now), NULL, NULL);
  return FALSE;
}

/* Saving */

typedef struct
{
  LmWindow     *self;   /* owned */
  Continuation *then;   /* nullable */
} SaveRequest;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveRequest *request = user_data;
  LmWindow *self = request->self;
  g_autoptr(GError) error = NULL;

  if (lm_document_save_finish (LM_DOCUMENT (source), result, &error))
    {
      add_recent (self, lm_document_get_file (self->document));
      if (request->then != NULL)
        continuation_run (request->then);
    }
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Save the Scenario"), error->message);
      if (request->then != NULL)
        continuation_free (request->then);
    }
  g_object_unref (self);
  g_free (request);
}

static void
save_to (LmWindow     *self,
         GFile        *file,
         Continuation *then)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->self = g_object_ref (self);
  request->then = then;
  lm_document_save_async (self->document, file, self->file->cancellable, saved_cb, request);
}

static GListModel *
scenario_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Levelmap scenarios"));
  gtk_file_filter_add_suffix (filter, "levelmap");
  gtk_file_filter_add_mime_type (filter, LM_SCENARIO_MIME_TYPE);
  g_list_store_append (filters, filter);
  return G_LIST_MODEL (filters);
}

static void
save_as_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GFile) chosen = lm_file_chooser_run_finish (result, NULL, NULL);
  g_autoptr(GFile) file = NULL;

  if (chosen != NULL)
    {
      g_autofree char *path = g_file_get_path (chosen);
      g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

      /* The extension the file manager and Levelmap know it by. */
      if (path != NULL && !g_str_has_suffix (lower, LM_SCENARIO_SUFFIX))
        {
          g_autofree char *with = g_strconcat (path, LM_SCENARIO_SUFFIX, NULL);

          file = g_file_new_for_path (with);
        }
      else
        file = g_object_ref (chosen);
      save_to (request->self, file, request->then);
      request->then = NULL;
    }
  if (request->then != NULL)
    continuation_free (request->then);
  g_object_unref (request->self);
  g_free (request);
}

static void
run_save_as (LmWindow     *self,
             Continuation *then)
{
  g_autoptr(GListModel) filters = scenario_filters ();
  SaveRequest *request = g_new0 (SaveRequest, 1);
  GFile *file = lm_document_get_file (self->document);
  g_autofree char *name = NULL;

  request->self = g_object_ref (self);
  request->then = then;
  if (file != NULL)
    name = display_name (file);
  else
    /* Translators: the name suggested for a new scenario file */
    name = g_strdup_printf (_("%s scenario%s"), lm_dataset_get_title (get_dataset (self)),
                            LM_SCENARIO_SUFFIX);
  lm_file_chooser_run (GTK_WINDOW (self), LM_FILE_CHOOSER_SAVE, _("Save the Scenario"),
                       _("_Save"), filters, name, NULL, save_as_chosen_cb, request);
}

/* Opening */

static void apply_pending_options (LmWindow *self);

static void
open_now (LmWindow   *self,
          LmScenario *scenario,
          GFile      *file)
{
  g_autoptr(GError) error = NULL;

  if (!lm_document_open (self->document, scenario, file, &error))
    {
      g_autofree char *name = file != NULL ? display_name (file) : g_strdup ("");
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Some of “%s” Could Not Be Opened"), name);

      show_message (self, heading, error->message);
    }
  if (file != NULL)
    add_recent (self, file);
  apply_pending_options (self);
}

/* Whether these data folders offer the dataset @id. */
static gboolean
knows_dataset (LmWindow   *self,
               const char *id)
{
  g_autofree char *root = self->data_dir != NULL ? g_strdup (self->data_dir)
                                                 : _lm_window_find_data_dir (self);
  g_autofree char *manifest = lm_data_dir_find_manifest (id, root);

  return manifest != NULL;
}

/* A scenario made on other data waits for them; one made on data these
 * folders do not have opens on the current ones, and says so. */
static void
open_scenario (LmWindow   *self,
               LmScenario *scenario,
               GFile      *file)
{
  const char *wanted = lm_scenario_get_dataset (scenario);
  const char *shown = lm_view_get_dataset (self->view);

  if (*wanted == '\0' || g_strcmp0 (wanted, shown) == 0 ||
      (!knows_dataset (self, wanted) && shown != NULL))
    {
      open_now (self, scenario, file);
      return;
    }
  g_set_object (&self->file->pending, scenario);
  g_set_object (&self->file->pending_file, file);
  if (g_strcmp0 (self->loading_name, wanted) != 0)
    {
      /* The scenario is the whole view: nothing of the last one carries. */
      self->drop_work = TRUE;
      lm_window_load (self, wanted, NULL);
    }
}

/* A scenario file to read, and the command line's options to apply
 * over it: they wait for it, and go with it if it is not opened. */
typedef struct
{
  LmWindow *self;      /* owned, once reading */
  GFile    *file;      /* owned */
  GVariant *options;   /* owned, nullable */
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->file);
  g_clear_pointer (&request->options, g_variant_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRequest, open_request_free)

static OpenRequest *
open_request_new (GFile    *file,
                  GVariant *options)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->file = g_object_ref (file);
  request->options = options != NULL ? g_variant_ref (options) : NULL;
  return request;
}

static void
scenario_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  LmWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LmScenario) scenario = lm_scenario_load_finish (result, &error);

  if (self->file == NULL)
    return;
  if (request->options != NULL)
    {
      g_clear_pointer (&self->file->pending_options, g_variant_unref);
      self->file->pending_options = g_steal_pointer (&request->options);
    }
  if (scenario == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = display_name (request->file);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

          show_message (self, heading, error->message);
        }
      apply_pending_options (self);
      return;
    }
  open_scenario (self, scenario, request->file);
}

static void
read_request (LmWindow    *self,
              OpenRequest *request)
{
  g_assert (request->self == NULL);
  request->self = g_object_ref (self);
  lm_scenario_load_async (request->file, self->file->cancellable, scenario_loaded_cb, request);
}

/* What a confirmation continues with: the request is the continuation's
 * (freed after this), so reading gets its own. */
static void
read_confirmed (LmWindow *self,
                gpointer  data)
{
  OpenRequest *confirmed = data;
  OpenRequest *request = open_request_new (confirmed->file, confirmed->options);

  read_request (self, request);
}

static void
load_file (LmWindow *self,
           GFile    *file)
{
  read_request (self, open_request_new (file, NULL));
}

/* Asks first if there is unsaved work; @options (nullable) go over the
 * scenario once it is open. */
static void
open_file (LmWindow *self,
           GFile    *file,
           GVariant *options)
{
  _lm_window_file_confirm (self, G_CALLBACK (read_confirmed), open_request_new (file, options),
                           (GDestroyNotify) open_request_free);
}

/* The command line's options */

static void
add_problem (GString    *problems,
             const char *sentence)
{
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, sentence);
}

static void
apply_weights (LmWindow *self,
               GVariant *options,
               GString  *problems)
{
  LmModel *model = _lm_window_get_model (self);
  LmHistory *history = lm_document_get_history (self->document);
  g_autofree const char **weights = NULL;

  if (!g_variant_lookup (options, "weights", "^a&s", &weights))
    return;
  /* One step of the history, one recompute. */
  lm_history_seal (history);
  lm_model_freeze (model);
  for (guint i = 0; weights[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!lm_model_parse_weight (model, weights[i], &error))
        add_problem (problems, error->message);
    }
  lm_model_thaw (model);
  lm_history_seal (history);
}

static void
apply_level_and_variable (LmWindow   *self,
                          const char *level_id,
                          const char *variable_id,
                          GString    *problems)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = lm_dataset_find_level (dataset, level_id != NULL ? level_id
                                                                      : lm_view_get_level (self->view));

  if (level == NULL)
    {
      g_autofree char *sentence = g_strdup_printf (_("This dataset has no level “%s”."), level_id);

      add_problem (problems, sentence);
      return;
    }
  if (variable_id != NULL && lm_level_find_variable (level, variable_id) == NULL)
    {
      g_autofree char *sentence = g_strdup_printf (_("“%s” is not available for %s."),
                                                   variable_id, level->title);

      add_problem (problems, sentence);
      variable_id = NULL;
    }
  lm_view_set_level_and_variable (self->view, level->id, variable_id);
}

static void
apply_plot (LmWindow   *self,
            const char *level_id,
            const char *x,
            const char *y,
            GString    *problems)
{
  LmDataset *dataset = get_dataset (self);
  const char *plot_level = level_id != NULL ? level_id : lm_view_get_plot_level (self->view);

  if (lm_dataset_find_variable (dataset, plot_level, x) == NULL ||
      lm_dataset_find_variable (dataset, plot_level, y) == NULL)
    {
      /* Translators: a scatter plot of “%s” against “%s” at level “%s” */
      g_autofree char *sentence = g_strdup_printf (_("These data cannot plot “%s” against “%s” "
                                                     "for “%s”."), y, x, plot_level);

      add_problem (problems, sentence);
      return;
    }
  lm_view_set_custom_plot (self->view, plot_level, x, y);
}

/* --level, --variable, --x, --y, --method, --classes, --palette,
 * --weight and --weighted: what the data lack is said, never ignored. */
static void
apply_view_options (LmWindow *self,
                    GVariant *options)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *level = NULL, *variable = NULL, *x = NULL, *y = NULL, *text = NULL;
  gint32 classes;
  gboolean weighted;

  apply_weights (self, options, problems);
  g_variant_lookup (options, "level", "&s", &level);
  g_variant_lookup (options, "variable", "&s", &variable);
  if (level != NULL || variable != NULL)
    apply_level_and_variable (self, level, variable, problems);
  if (g_variant_lookup (options, "x", "&s", &x) && g_variant_lookup (options, "y", "&s", &y))
    apply_plot (self, level, x, y, problems);
  /* Checked by the command line already. */
  if (g_variant_lookup (options, "method", "&s", &text))
    lm_view_set_method (self->view, text);
  if (g_variant_lookup (options, "palette", "&s", &text))
    lm_view_set_palette (self->view, text);
  if (g_variant_lookup (options, "classes", "i", &classes))
    lm_view_set_n_classes (self->view, (guint) classes);
  if (g_variant_lookup (options, "weighted", "b", &weighted))
    lm_view_set_weighted (self->view, weighted);
  if (problems->len > 0)
    show_message (self, _("Some Options Could Not Be Applied"), problems->str);
}

/* Once the data are there and no scenario is on its way. */
static void
apply_pending_options (LmWindow *self)
{
  g_autoptr(GVariant) options = NULL;

  if (self->file->pending_options == NULL || self->file->pending != NULL ||
      _lm_window_get_model (self) == NULL)
    return;
  options = g_steal_pointer (&self->file->pending_options);
  apply_view_options (self, options);
}

/**
 * lm_window_apply_options:
 * @self: a window
 * @options: a{sv} from lm_cli_get_window_options()
 *
 * Opens the scenario @options name (asking first if there is unsaved
 * work), then applies the view options over it, once the data are
 * loaded; if the user cancels, neither happens. What the data lack is
 * said in a dialog.
 */
void
lm_window_apply_options (LmWindow *self,
                         GVariant *options)
{
  const char *uri;

  g_return_if_fail (LM_IS_WINDOW (self));
  g_return_if_fail (options != NULL && g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT));

  if (g_variant_lookup (options, "scenario", "&s", &uri))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      /* The options wait for the file: data loaded meanwhile do not take
       * them, the scenario would cover them. */
      open_file (self, file, options);
      return;
    }
  g_clear_pointer (&self->file->pending_options, g_variant_unref);
  self->file->pending_options = g_variant_ref (options);
  apply_pending_options (self);
}

/* Recent files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *y = *(GtkRecentInfo * const *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

static gboolean
is_scenario (GtkRecentInfo *info)
{
  g_autofree char *lower = g_ascii_strdown (gtk_recent_info_get_uri (info), -1);

  return (g_strcmp0 (gtk_recent_info_get_mime_type (info), LM_SCENARIO_MIME_TYPE) == 0 ||
          g_str_has_suffix (lower, LM_SCENARIO_SUFFIX)) &&
         (!gtk_recent_info_is_local (info) || gtk_recent_info_exists (info));
}

static void
fill_recent_menu (LmWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->file->recent);
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    if (is_scenario (l->data))
      g_ptr_array_add (scenarios, l->data);
  g_ptr_array_sort (scenarios, compare_recent);
  g_menu_remove_all (self->file->recent_menu);
  for (guint i = 0; i < MIN (scenarios->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (scenarios, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->file->recent_menu, item);
    }
  if (scenarios->len == 0)
    g_menu_append (self->file->recent_menu, _("No Recent Scenarios"), NULL);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Actions */

static void
reset_document (LmWindow *self,
                gpointer  data)
{
  lm_document_reset (self->document);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _lm_window_file_confirm (LM_WINDOW (widget), G_CALLBACK (reset_document), NULL, NULL);
}

static void
open_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LmWindow) self = user_data;
  g_autoptr(GFile) file = lm_file_chooser_run_finish (result, NULL, NULL);

  if (file != NULL)
    load_file (self, file);
}

static void
choose_file (LmWindow *self,
             gpointer  data)
{
  g_autoptr(GListModel) filters = scenario_filters ();

  lm_file_chooser_run (GTK_WINDOW (self), LM_FILE_CHOOSER_OPEN, _("Open a Scenario"), _("_Open"),
                       filters, NULL, NULL, open_chosen_cb, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* Asked before the file dialog, not after it. */
  _lm_window_file_confirm (LM_WINDOW (widget), G_CALLBACK (choose_file), NULL, NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file (LM_WINDOW (widget), file, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  GFile *file = lm_document_get_file (self->document);

  if (_lm_window_get_model (self) == NULL)
    return;
  if (file != NULL && g_str_equal (action_name, "win.save"))
    save_to (self, file, NULL);
  else
    run_save_as (self, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  LmHistory *history = lm_document_get_history (self->document);

  if (g_str_equal (action_name, "win.undo"))
    lm_history_undo (history);
  else
    lm_history_redo (history);
}

/* Signal handlers */

static void
on_document_notify_cb (LmWindow   *self,
                       GParamSpec *pspec,
                       LmDocument *document)
{
  _lm_window_file_update_title (self);
}

static void
on_history_notify_cb (LmWindow   *self,
                      GParamSpec *pspec,
                      LmHistory  *history)
{
  update_actions (self);
}

/* Whether the reset's toast offers to undo the reset. */
static void
arm_reset_toast (AdwToast *toast,
                 gboolean  armed)
{
  adw_toast_set_button_label (toast, armed ? _("_Undo") : NULL);
  adw_toast_set_action_name (toast, armed ? "win.undo" : NULL);
}

static void
on_reset_toast_dismissed_cb (LmWindow *self,
                             AdwToast *toast)
{
  if (self->file != NULL && self->file->reset_toast == toast)
    g_clear_object (&self->file->reset_toast);
}

static void
on_view_changed_cb (LmWindow *self,
                    LmView   *view)
{
  LmHistory *history = lm_document_get_history (self->document);
  LmWindowFile *file = self->file;

  update_custom_marker (self);
  /* The reset's toast undoes the reset, so it loses its Undo at the next
   * change. It is not dismissed: libadwaita 1.2 frees a toast's state
   * when its slide-out ends but leaves its slide-in connected to it, so
   * a toast dismissed while it still slides in (a change within 300 ms
   * of the reset, 500 ms after another toast) crashed the window when
   * the slide-in ended. It goes at its timeout, or when closed. */
  if (file->reset_toast != NULL &&
      (lm_history_get_position (history) != file->reset_position ||
       lm_history_get_n_states (history) != file->reset_n_states))
    arm_reset_toast (file->reset_toast, FALSE);
}

static void
on_recent_changed_cb (LmWindow         *self,
                      GtkRecentManager *manager)
{
  fill_recent_menu (self);
}

/* Open Recent: the recent files are read when the main menu is attached
 * (in an idle once the window shows, or at its first opening) or a file
 * is added, not with the window: GtkRecentManager parses the whole of
 * recently-used.xbel, every application's files (2 ms of the start for
 * 64 kB here; more on a desk used for years). */
GtkRecentManager *
_lm_window_file_get_recent (LmWindow *self)
{
  LmWindowFile *file = self->file;

  if (file->recent == NULL)
    {
      file->recent = gtk_recent_manager_get_default ();
      g_signal_connect_object (file->recent, "changed", G_CALLBACK (on_recent_changed_cb), self,
                               G_CONNECT_SWAPPED);
      fill_recent_menu (self);
    }
  return file->recent;
}

/* Semi-private API */

void
_lm_window_file_reset_weights (LmWindow   *self,
                               const char *index_id)
{
  LmModel *model = _lm_window_get_model (self);
  LmHistory *history = lm_document_get_history (self->document);
  LmWindowFile *file = self->file;

  if (model == NULL)
    return;
  lm_history_seal (history);
  lm_model_reset_weights (model, index_id);
  lm_history_seal (history);
  file->reset_position = lm_history_get_position (history);
  file->reset_n_states = lm_history_get_n_states (history);
  /* One still up offers to undo this reset (never dismissed: see
   * on_view_changed_cb()). */
  if (file->reset_toast != NULL)
    {
      arm_reset_toast (file->reset_toast, TRUE);
      return;
    }
  file->reset_toast = adw_toast_new (_("Official weights restored"));
  arm_reset_toast (file->reset_toast, TRUE);
  adw_toast_set_timeout (file->reset_toast, 8);
  g_signal_connect_object (file->reset_toast, "dismissed", G_CALLBACK (on_reset_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (file->reset_toast));
}

void
_lm_window_file_model_changed (LmWindow *self)
{
  LmWindowFile *file = self->file;

  update_actions (self);
  update_custom_marker (self);
  _lm_window_file_update_title (self);
  if (file->pending != NULL &&
      g_strcmp0 (lm_scenario_get_dataset (file->pending), lm_view_get_dataset (self->view)) == 0)
    {
      g_autoptr(LmScenario) scenario = g_steal_pointer (&file->pending);
      g_autoptr(GFile) from = g_steal_pointer (&file->pending_file);

      open_now (self, scenario, from);
      return;
    }
  apply_pending_options (self);
}

static GtkWidget *
build_custom_marker (LmWindow *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Custom Weights"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Restore Official Weights"));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Custom weights"));
  gtk_widget_add_css_class (button, "lm-custom-weights");
  gtk_widget_set_name (button, "custom-weights");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  self->file->custom_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->file->custom_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->file->custom_label), 40);
  gtk_label_set_xalign (GTK_LABEL (self->file->custom_label), 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (undo), "win.undo");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "win.reset-weights");
  gtk_widget_add_css_class (reset, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), undo);
  gtk_box_append (GTK_BOX (buttons), reset);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), self->file->custom_label);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_visible (button, FALSE);
  return button;
}

void
_lm_window_file_init (LmWindow *self)
{
  LmWindowFile *file = g_new0 (LmWindowFile, 1);

  self->file = file;
  self->document = lm_document_new (self->view);
  file->cancellable = g_cancellable_new ();
  file->recent_menu = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), LM_TYPE_WINDOW,
                                                             "recent_menu"));
  file->name_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (file->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (file->name_label), 24);
  gtk_widget_add_css_class (file->name_label, "dim-label");
  gtk_widget_set_name (file->name_label, "scenario-name");
  adw_header_bar_pack_start (self->header_bar, file->name_label);
  file->custom_button = build_custom_marker (self);
  adw_header_bar_pack_start (self->header_bar, file->custom_button);

  g_signal_connect_object (self->document, "notify", G_CALLBACK (on_document_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lm_document_get_history (self->document), "notify",
                           G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "changed", G_CALLBACK (on_view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  _lm_window_file_update_title (self);
}

void
_lm_window_file_dispose (LmWindow *self)
{
  LmWindowFile *file = self->file;

  if (file == NULL)
    return;
  g_cancellable_cancel (file->cancellable);
  if (file->recent != NULL)
    g_signal_handlers_disconnect_by_data (file->recent, self);
  g_clear_object (&file->cancellable);
  g_clear_object (&file->pending);
  g_clear_object (&file->pending_file);
  g_clear_pointer (&file->pending_options, g_variant_unref);
  if (file->reset_toast != NULL)
    g_signal_handlers_disconnect_by_data (file->reset_toast, self);
  g_clear_object (&file->reset_toast);
  g_free (file);
  self->file = NULL;
  g_clear_object (&self->document);
}

void
_lm_window_file_class_init (LmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Found with gtk_widget_get_template_child(), not kept in LmWindow. */
  gtk_widget_class_bind_template_child_full (widget_class, "recent_menu", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
}
