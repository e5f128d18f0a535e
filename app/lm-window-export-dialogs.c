/* lm-window-export-dialogs.c — what the user chooses before an export
 * starts: the file (or folder), and for a map whether it is what is on
 * screen or the whole level, and its size
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-comparison.h"
#include "lm-export.h"
#include "lm-file-chooser.h"
#include "lm-window-private.h"

typedef struct
{
  const char *title;
  int         width;
  int         height;
} SizePreset;

/* PNG sizes; SVG and PDF keep the proportions, at 96 pixels an inch. */
static const SizePreset size_presets[] = {
  { N_("Slide, 1920 × 1080 pixels"), 1920, 1080 },
  { N_("Report page, 1600 × 2000 pixels"), 1600, 2000 },
  { N_("A4 portrait at 150 dpi, 1240 × 1754 pixels"), 1240, 1754 },
  { N_("A4 portrait at 300 dpi, 2480 × 3508 pixels"), 2480, 3508 },
  { N_("A4 landscape at 300 dpi, 3508 × 2480 pixels"), 3508, 2480 },
  { N_("Custom size"), 0, 0 },
};

typedef struct
{
  LmWindow           *self;      /* owned */
  LmWindowExportKind  kind;
  int                 width;
  int                 height;
  GtkWidget          *whole;     /* the map dialog's widgets, borrowed */
  GtkWidget          *sizes;
  GtkWidget          *width_spin;
  GtkWidget          *height_spin;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_free (request);
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

/* The chosen file, with the selected filter's extension (the first of
 * @extensions when the dialog does not tell) when the name has none of
 * them. */
static char *
get_export_path (GFile              *chosen,
                 GtkFileFilter      *filter,
                 const char * const *extensions)
{
  g_autofree char *path = g_file_get_path (chosen);
  g_autofree char *lower = NULL;
  const char *extension;

  if (path == NULL)
    return NULL;
  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; extensions[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", extensions[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return g_steal_pointer (&path);
    }
  extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "lm-extension") : NULL;
  return g_strconcat (path, ".", extension != NULL ? extension : extensions[0], NULL);
}

static const char * const *
extensions_of (LmWindowExportKind kind)
{
  static const char * const figures[] = { "png", "svg", "pdf", NULL };
  static const char * const pdf[] = { "pdf", NULL };
  static const char * const csv[] = { "csv", NULL };
  static const char * const none[] = { NULL };

  switch (kind)
    {
    case LM_WINDOW_EXPORT_MAP_SHOWN:
    case LM_WINDOW_EXPORT_MAP_WHOLE:
    case LM_WINDOW_EXPORT_PLOT:
    case LM_WINDOW_EXPORT_COMPARISON:
      return figures;
    case LM_WINDOW_EXPORT_STORYBOARD_PDF:
      return pdf;
    case LM_WINDOW_EXPORT_TABLE_CSV:
    case LM_WINDOW_EXPORT_LEFT_BEHIND_CSV:
    case LM_WINDOW_EXPORT_SELECTION_CSV:
      return csv;
    default:
      return none;
    }
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

/* The next export dialog opens where this one saved. */
static void
remember_export_folder (LmWindow   *self,
                        const char *path,
                        gboolean    is_folder)
{
  g_autofree char *folder = is_folder ? g_strdup (path) : g_path_get_dirname (path);

  g_settings_set_string (self->settings, "export-folder", folder);
}

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) chosen = lm_file_chooser_run_finish (result, &filter, NULL);
  g_autofree char *path = NULL;

  if (chosen != NULL)
    {
      if (request->kind == LM_WINDOW_EXPORT_STORYBOARD_PNGS)
        path = g_file_get_path (chosen);
      else
        path = get_export_path (chosen, filter, extensions_of (request->kind));
      if (path == NULL)
        _lm_window_export_show_message (request->self, _("Could Not Export"),
                      _("Levelmap can only write to files on this computer."));
      else if (_lm_window_export_start (request->self, request->kind, path, request->width,
                                        request->height))
        remember_export_folder (request->self, path,
                                request->kind == LM_WINDOW_EXPORT_STORYBOARD_PNGS);
    }
  request_free (request);
}

/* "imd-score-ward-<dataset id>": a file name that says what is in it. */
static char *
suggest_name (LmWindow           *self,
              LmWindowExportKind  kind)
{
  LmDataset *dataset = lm_model_get_dataset (_lm_window_get_model (self));
  const char *extension = extensions_of (kind)[0];
  g_autofree char *raw = NULL;

  switch (kind)
    {
    case LM_WINDOW_EXPORT_PLOT:
      raw = g_strdup_printf ("%s-vs-%s-%s", lm_view_get_plot_y (self->view),
                             lm_view_get_plot_x (self->view), lm_view_get_plot_level (self->view));
      break;
    case LM_WINDOW_EXPORT_LEFT_BEHIND_CSV:
      raw = g_strdup ("left-behind");
      break;
    case LM_WINDOW_EXPORT_SELECTION_CSV:
      raw = g_strdup ("selection");
      break;
    case LM_WINDOW_EXPORT_TABLE_CSV:
      raw = g_strdup_printf ("table-%s", lm_view_get_level (self->view));
      break;
    case LM_WINDOW_EXPORT_STORYBOARD_PDF:
      raw = g_strdup (lm_document_get_title (self->document));
      break;
    case LM_WINDOW_EXPORT_COMPARISON:
      raw = g_strdup_printf ("%s-%s", lm_comparison_get_id (self->comparison),
                             lm_comparison_get_level_id (self->comparison));
      break;
    default:
      raw = g_strdup_printf ("%s-%s", lm_view_get_variable (self->view),
                             lm_view_get_level (self->view));
    }
  /* Custom weights are never silent: the name says so too, where the
   * file (a CSV) has no room for a note. */
  {
    g_autofree char *name = g_strdup_printf ("%s-%s%s.%s", raw, lm_dataset_get_id (dataset),
                                             lm_view_get_custom_weights (self->view)
                                             ? "-custom-weights" : "",
                                             extension != NULL ? extension : "");

    for (char *p = name; *p != '\0' && *p != '.'; p++)
      if (!g_ascii_isalnum (*p) && *p != '-')
        *p = '-';
    return g_steal_pointer (&name);
  }
}

static void
choose_file (Request *request)
{
  LmWindow *self = request->self;
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GFile) folder = _lm_window_get_export_folder (self);
  g_autofree char *name = NULL;
  const char *title;

  switch (request->kind)
    {
    case LM_WINDOW_EXPORT_STORYBOARD_PNGS:
      lm_file_chooser_run_in (GTK_WINDOW (self), LM_FILE_CHOOSER_SELECT_FOLDER,
                              _("Choose a Folder for the Pictures"), _("_Save Here"), NULL, NULL,
                              folder, NULL, file_chosen_cb, request);
      return;
    case LM_WINDOW_EXPORT_STORYBOARD_PDF:
      add_filter (filters, _("PDF document"), "pdf", "application/pdf");
      title = _("Export the Storyboard");
      break;
    case LM_WINDOW_EXPORT_TABLE_CSV:
    case LM_WINDOW_EXPORT_LEFT_BEHIND_CSV:
    case LM_WINDOW_EXPORT_SELECTION_CSV:
      add_filter (filters, _("CSV table"), "csv", "text/csv");
      title = request->kind == LM_WINDOW_EXPORT_TABLE_CSV ? _("Export the Table")
              : request->kind == LM_WINDOW_EXPORT_LEFT_BEHIND_CSV
              ? _("Export the Left-Behind List") : _("Export the Selection");
      break;
    default:
      add_filter (filters, _("PNG image"), "png", "image/png");
      add_filter (filters, _("SVG drawing"), "svg", "image/svg+xml");
      add_filter (filters, _("PDF document"), "pdf", "application/pdf");
      title = request->kind == LM_WINDOW_EXPORT_PLOT ? _("Export the Plot")
              : request->kind == LM_WINDOW_EXPORT_COMPARISON ? _("Export the Comparison")
              : _("Export the Map");
    }
  name = suggest_name (self, request->kind);
  lm_file_chooser_run_in (GTK_WINDOW (self), LM_FILE_CHOOSER_SAVE, title, _("_Export"),
                          G_LIST_MODEL (filters), name, folder, NULL, file_chosen_cb, request);
}

static void
on_size_selected_cb (GtkDropDown *sizes,
                     GParamSpec  *pspec,
                     Request     *request)
{
  const SizePreset *preset = &size_presets[gtk_drop_down_get_selected (sizes)];
  gboolean custom = preset->width == 0;

  gtk_widget_set_sensitive (request->width_spin, custom);
  gtk_widget_set_sensitive (request->height_spin, custom);
  if (!custom)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (request->width_spin), preset->width);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (request->height_spin), preset->height);
    }
}

static void
on_map_options_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            Request          *request)
{
  /* One answer: closing the dialog afterwards answers again. */
  g_signal_handlers_disconnect_by_data (dialog, request);
  if (!g_str_equal (response, "choose"))
    {
      request_free (request);
      return;
    }
  request->kind = gtk_check_button_get_active (GTK_CHECK_BUTTON (request->whole))
                  ? LM_WINDOW_EXPORT_MAP_WHOLE : LM_WINDOW_EXPORT_MAP_SHOWN;
  request->width = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (request->width_spin));
  request->height = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (request->height_spin));
  choose_file (request);
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* Where and how large, before the file: what is on screen (the
 * rectangle shown and the highlight) or all of the area; a size for
 * slides, reports or print. */
static GtkWidget *
build_map_options (LmWindow *self,
                   Request  *request)
{
  LmDataset *dataset = lm_model_get_dataset (_lm_window_get_model (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *shown = gtk_check_button_new_with_mnemonic (_("What is on _screen (the area shown "
                                                           "and the selection)"));
  g_autofree char *all_text = g_strdup_printf (_("_All of %s"), lm_dataset_get_title (dataset));
  GtkWidget *size_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  request->whole = gtk_check_button_new_with_mnemonic (all_text);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (request->whole), GTK_CHECK_BUTTON (shown));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shown), TRUE);
  gtk_box_append (GTK_BOX (box), heading_label (_("Area")));
  gtk_box_append (GTK_BOX (box), shown);
  gtk_box_append (GTK_BOX (box), request->whole);

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    gtk_string_list_append (titles, _(size_presets[i].title));
  request->sizes = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL);
  gtk_widget_set_name (request->sizes, "export-size");
  request->width_spin = gtk_spin_button_new_with_range (LM_EXPORT_MIN_SIZE, LM_EXPORT_MAX_SIZE, 10);
  request->height_spin = gtk_spin_button_new_with_range (LM_EXPORT_MIN_SIZE, LM_EXPORT_MAX_SIZE,
                                                         10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->width_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Width in pixels"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->height_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height in pixels"), -1);
  g_signal_connect (request->sizes, "notify::selected", G_CALLBACK (on_size_selected_cb), request);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (request->sizes), 1);
  on_size_selected_cb (GTK_DROP_DOWN (request->sizes), NULL, request);
  gtk_box_append (GTK_BOX (size_row), request->width_spin);
  gtk_box_append (GTK_BOX (size_row), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (size_row), request->height_spin);
  gtk_box_append (GTK_BOX (box), heading_label (_("Size")));
  gtk_box_append (GTK_BOX (box), request->sizes);
  gtk_box_append (GTK_BOX (box), size_row);
  return box;
}

static Request *
request_new (LmWindow           *self,
             LmWindowExportKind  kind)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->kind = kind;
  return request;
}

void
_lm_window_export_map_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  Request *request;
  AdwMessageDialog *dialog;

  if (_lm_window_get_model (self) == NULL)
    return;
  request = request_new (self, LM_WINDOW_EXPORT_MAP_SHOWN);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export the Map"),
                                                       NULL));
  adw_message_dialog_set_extra_child (dialog, build_map_options (self, request));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_map_options_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_lm_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  static const struct
  {
    const char         *action;
    LmWindowExportKind  kind;
  } kinds[] = {
    { "win.export-plot", LM_WINDOW_EXPORT_PLOT },
    { "win.export-storyboard", LM_WINDOW_EXPORT_STORYBOARD_PDF },
    { "win.export-scene-pictures", LM_WINDOW_EXPORT_STORYBOARD_PNGS },
    { "win.export-table", LM_WINDOW_EXPORT_TABLE_CSV },
    { "win.export-left-behind", LM_WINDOW_EXPORT_LEFT_BEHIND_CSV },
    { "win.export-selection", LM_WINDOW_EXPORT_SELECTION_CSV },
    { "win.export-comparison", LM_WINDOW_EXPORT_COMPARISON },
  };

  if (_lm_window_get_model (self) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (action_name, kinds[i].action))
      choose_file (request_new (self, kinds[i].kind));
}
