/* lm-application.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lm-application.h"
#include "lm-data-dir.h"
#include "lm-dataset.h"
#include "lm-file-chooser.h"
#include "lm-legal.h"
#include "lm-legend.h"
#include "lm-legend-renderer.h"
#include "lm-load-page.h"
#include "lm-malloc-policy.h"
#include "lm-scenario.h"
#include "lm-text.h"
#include "lm-window.h"

struct _LmApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *data_dir;     /* --data-dir, or NULL */
  char           *dataset;      /* --dataset, or NULL */
  GSettings      *settings;
  GVariant       *window_options;  /* a{sv} for the next activation, or NULL */

  /* The first dataset starts loading at start-up, while the window is
   * being built; the window's first load request then takes it over. */
  char           *preload_key;  /* "dataset\ndata-dir", or NULL */
  gboolean        preload_done;
  LmModel        *preload_model;
  GError         *preload_error;
  GTask          *preload_waiter;

  gboolean        theme_entry;    /* see place_theme_entry() */
  gboolean        theme_skipped;
  GThread        *font_thread;    /* see load_fonts() */
};

G_DEFINE_FINAL_TYPE (LmApplication, lm_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

typedef struct
{
  char  *dataset;
  char  *data_dir;
  char **levels;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->dataset);
  g_free (data->data_dir);
  g_strfreev (data->levels);
  g_free (data);
}

static void
load_model_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LoadData *data = task_data;
  /* The first level's boundaries are read in a thread of their own while
   * the tables load, instead of after them. */
  LmDatasetNeeds needs = {
    .flags = LM_DATASET_NEED_EVERYTHING,
    .shapes_from = data->levels != NULL ? data->levels[0] : NULL,
  };
  g_autoptr(LmDataset) dataset = NULL;
  g_autoptr(LmModel) model = NULL;
  g_autoptr(GError) error = NULL;

  dataset = lm_dataset_open_for (data->dataset, data->data_dir, &needs, &error);
  if (dataset == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Read the boundaries the first map needs here, off the main thread:
   * the level shown and the coarser ones drawn as outlines over it. A
   * missing shapefile is then reported like any other missing file. */
  for (guint i = 0; data->levels != NULL && data->levels[i] != NULL; i++)
    {
      for (LmLevel *level = lm_dataset_find_level (dataset, data->levels[i]);
           level != NULL;
           level = level->parent_level)
        {
          if (!lm_dataset_ensure_shapes (dataset, level, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
    }

  model = lm_model_new (dataset);
  g_task_return_pointer (task, g_steal_pointer (&model), g_object_unref);
}

static char *
make_load_key (const char *dataset,
               const char *data_dir)
{
  return g_strconcat (dataset, "\n", data_dir, NULL);
}

static void
drop_preload (LmApplication *self)
{
  g_autoptr(GTask) waiter = g_steal_pointer (&self->preload_waiter);

  /* A window still waiting for it has moved on (its own request was
   * replaced), but its task must end. */
  if (waiter != NULL)
    g_task_return_new_error (waiter, G_IO_ERROR, G_IO_ERROR_CANCELLED, "replaced");
  g_clear_pointer (&self->preload_key, g_free);
  g_clear_object (&self->preload_model);
  g_clear_error (&self->preload_error);
  self->preload_done = FALSE;
}

static void
preload_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LmApplication *self = LM_APPLICATION (source);
  g_autofree char *key = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LmModel) model = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GTask) waiter = g_steal_pointer (&self->preload_waiter);

  /* Nobody wants it any more (another dataset or folder was asked for). */
  if (g_strcmp0 (key, self->preload_key) != 0)
    return;

  if (waiter != NULL)
    {
      drop_preload (self);
      if (model != NULL)
        g_task_return_pointer (waiter, g_steal_pointer (&model), g_object_unref);
      else
        g_task_return_error (waiter, g_steal_pointer (&error));
      return;
    }
  self->preload_done = TRUE;
  self->preload_model = g_steal_pointer (&model);
  self->preload_error = g_steal_pointer (&error);
}

static void
start_preload (LmApplication *self)
{
  g_autofree char *dataset = lm_application_get_initial_dataset (self);
  g_autofree char *data_dir = lm_application_find_data_dir (self);
  g_autofree char *level = NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  /* A missing folder, or one without datasets, is reported by the
   * window without a thread. */
  if (dataset == NULL || !g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    return;

  level = g_settings_get_string (self->settings, "level");
  data = g_new0 (LoadData, 1);
  data->dataset = g_strdup (dataset);
  data->data_dir = g_strdup (data_dir);
  data->levels = g_new0 (char *, 2);
  data->levels[0] = g_steal_pointer (&level);

  self->preload_key = make_load_key (dataset, data_dir);
  task = g_task_new (self, NULL, preload_done_cb, g_strdup (self->preload_key));
  g_task_set_source_tag (task, start_preload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_model_thread);
}

/* A scenario to open at start-up: load its data first, rather than the
 * last dataset and then those. The file is small, and read again by the
 * window, which reports what is wrong with it. */
static void
choose_scenario_dataset (LmApplication *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(LmScenario) scenario = NULL;
  g_autofree char *root = NULL;
  g_autofree char *manifest = NULL;
  const char *uri;

  if (self->dataset != NULL || self->window_options == NULL ||
      !g_variant_lookup (self->window_options, "scenario", "&s", &uri))
    return;
  file = g_file_new_for_uri (uri);
  scenario = lm_scenario_load (file, NULL, NULL);
  if (scenario == NULL || *lm_scenario_get_dataset (scenario) == '\0')
    return;
  root = lm_application_find_data_dir (self);
  manifest = lm_data_dir_find_manifest (lm_scenario_get_dataset (scenario), root);
  if (manifest != NULL)
    lm_application_set_dataset (self, lm_scenario_get_dataset (scenario));
}

/* Once: the scenario's data if one is opened at start, else the last
 * dataset. */
static void
begin_preload (LmApplication *self)
{
  if (self->preload_key != NULL)
    return;
  choose_scenario_dataset (self);
  start_preload (self);
}

/* libadwaita adds its own icons to the display's icon theme while it
 * starts, and GTK then forgets the theme it had begun to read in a thread
 * of its own: the first icon the window showed read the themes' index
 * files and folders again, on the main thread (some 10 ms of each start,
 * before the first frame). A lookup reads them; GTK's icon theme is made
 * for lookups from other threads (it locks itself), so this one runs in a
 * thread while the window is built.
 *
 * The load page's spinner is an SVG in the Adwaita theme, and the first
 * SVG read loads librsvg and GdkPixbuf's SVG module: 44 million
 * instructions on the main thread in the page's first frame (7% of the
 * start). Looked up here as the spinner's CSS image looks it up (its size,
 * no flags) and drawn once, it waits in the theme's cache of icons. */
static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GtkIconTheme *theme = task_data;
  g_autoptr(GtkIconPaintable) spinner = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gtk_icon_theme_has_icon (theme, "open-menu-symbolic");
  spinner = gtk_icon_theme_lookup_icon (theme, "process-working-symbolic", NULL,
                                        LM_LOAD_PAGE_SPINNER_SIZE, 1, GTK_TEXT_DIR_NONE, 0);
  gdk_paintable_snapshot (GDK_PAINTABLE (spinner), GDK_SNAPSHOT (snapshot),
                          LM_LOAD_PAGE_SPINNER_SIZE, LM_LOAD_PAGE_SPINNER_SIZE);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_task_return_boolean (task, TRUE);
}

static void
read_icon_theme (LmApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, read_icon_theme);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)),
                        g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

/* Whether this is the process's only thread, as putenv() needs. */
static gboolean
is_only_thread (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return FALSE;
  line = strstr (status, "\nThreads:");
  return line != NULL && g_ascii_strtoull (line + strlen ("\nThreads:"), NULL, 10) == 1;
}

/* GTK parses its default theme (140 kB of CSS: 81 million instructions,
 * 12% of the main thread's work before the first map) when it makes the
 * display's settings, and libadwaita then swaps it for an empty one
 * ("Adwaita-empty") under its own stylesheet. GTK takes the theme's name
 * from GTK_THEME first: naming GTK's empty theme there while GTK makes
 * its settings, GTK parses nothing; libadwaita, which leaves the theme
 * alone when GTK_THEME is set, must then find it unset.
 *
 * setenv() and unsetenv() rearrange the environment's array, which other
 * threads may be reading, and GTK starts threads of its own (fontconfig's,
 * GDBus's) while it starts. So this string is put in the environment once,
 * while the process has a single thread, and hidden at once by writing a
 * NUL over its '=' (getenv() then no longer matches it); it shows, its
 * '=' back, only while GTK starts (see start_gtk_without_theme()). The
 * array itself never changes again. Not when the user set GTK_THEME. */
static char gtk_theme_entry[] = "GTK_THEME=Empty";
#define GTK_THEME_EQUALS (sizeof "GTK_THEME" - 1)

static gboolean
place_theme_entry (void)
{
  static gboolean placed;

  if (!placed && !gtk_is_initialized () && g_getenv ("GTK_THEME") == NULL && is_only_thread () &&
      putenv (gtk_theme_entry) == 0)
    {
      gtk_theme_entry[GTK_THEME_EQUALS] = '\0';
      placed = TRUE;
    }
  return placed;
}

/* GTK starts here rather than in GtkApplication's startup, with the
 * empty theme named (see place_theme_entry()). A display that cannot be
 * opened ends the program here, with GTK's usual message. */
static void
start_gtk_without_theme (LmApplication *self)
{
  if (!self->theme_entry || gtk_is_initialized ())
    return;
  gtk_theme_entry[GTK_THEME_EQUALS] = '=';
  gtk_init ();
  gtk_settings_get_default ();
  gtk_theme_entry[GTK_THEME_EQUALS] = '\0';
  self->theme_skipped = TRUE;
}

/* After libadwaita's start: it names its empty theme, and GTK loads that.
 * Where it keeps the user's theme instead (beside Granite), GTK is told
 * to load that theme, as it would have at first. */
static void
restore_theme (LmApplication *self)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *name = NULL;

  if (!self->theme_skipped || settings == NULL)
    return;
  self->theme_skipped = FALSE;
  g_object_get (settings, "gtk-theme-name", &name, NULL);
  if (g_strcmp0 (name, "Adwaita-empty") != 0)
    g_object_notify (G_OBJECT (settings), "gtk-theme-name");
}

/* The first text the window measures loads its fonts: fontconfig's
 * match for each weight, the faces, their metrics and the glyphs' sizes
 * (10 million instructions on the main thread before the data, on the
 * critical path: the main thread is busy all through the start). GTK has
 * made its font map by now, and nothing uses it while libadwaita starts
 * (mostly parsing its stylesheet, 140 million instructions): a thread
 * loads the interface's fonts into it meanwhile, through a context made
 * as GTK makes its widgets' (font, resolution, options), and the main
 * thread joins it before the window is made. The font map is used by one
 * thread at a time, the join ordering the two.
 *
 * The legend lays its text out on a recording surface (its own font
 * options), in faces of its own (lm_legend_renderer_get_faces()) at a
 * size of its own (lm_legend_get_context_font()): loading those too takes
 * 13 of the 191 million instructions the main thread spends between the
 * data and the first map frame. */
static gpointer
load_fonts_thread (gpointer data)
{
  /* The interface's weights, and the map's scale bar and credit line
   * (0.85 of the interface font: ensure_layouts() in
   * lm-choropleth-draw.c), measured in the first map frame's layout
   * (4 million instructions when their font had to be loaded then). */
  static const LmTextFace ui_faces[] = {
    { 1.0, PANGO_WEIGHT_NORMAL }, { 1.0, PANGO_WEIGHT_BOLD }, { 1.0, PANGO_WEIGHT_ULTRABOLD },
    { 0.85, PANGO_WEIGHT_NORMAL },
  };
  PangoContext *context = data;
  const LmTextFace *legend_faces;
  const char *family;
  double legend_size;
  guint n_legend_faces;

  /* Letters, digits and the punctuation of titles and numbers */
  lm_text_load_faces (context, pango_context_get_font_description (context), ui_faces,
                      G_N_ELEMENTS (ui_faces),
                      "Levelmap England 2019 Wards (2017) \u2013 IMD score: "
                      "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ "
                      "abcdefghijklmnopqrstuvwxyz \u2026,.\u00b7%");
  legend_faces = lm_legend_renderer_get_faces (&n_legend_faces);
  if (lm_legend_get_context_font (context, &family, &legend_size))
    {
      /* The legend measures on a recording surface, and GTK records what
       * a Cairo node draws: their font options, not an image's. */
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);

      lm_text_load_surface_faces (pango_context_get_font_map (context), surface, family,
                                  legend_size, legend_faces, n_legend_faces,
                                  "IMD score: wards No data 0123456789 \u2013 ,.");
      cairo_surface_destroy (surface);
    }
  g_object_unref (context);
  return NULL;
}

static void
load_fonts (LmApplication *self)
{
  GtkWidget *label;
  PangoContext *context;

  if (!gtk_is_initialized () || self->font_thread != NULL)
    return;
  /* A lone label's context is what the window's labels get: GTK's font
   * map, the settings' font, resolution and font options. */
  label = g_object_ref_sink (gtk_label_new (NULL));
  context = gtk_widget_create_pango_context (label);
  g_object_unref (label);
  self->font_thread = g_thread_new ("lm-fonts", load_fonts_thread, context);
}

static void
finish_loading_fonts (LmApplication *self)
{
  if (self->font_thread != NULL)
    g_thread_join (g_steal_pointer (&self->font_thread));
}

static GtkWindow *
get_active_window (LmApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

/* Action handlers */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LmApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing (rather than destroying) lets each window save its state. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LmApplication *self = user_data;
  GtkWindow *window = get_active_window (self);
  AdwAboutWindow *about;
  LmModel *model = NULL;
  const char *developers[] = { "The Levelmap authors", NULL };

  if (LM_IS_WINDOW (window))
    model = lm_window_get_model (LM_WINDOW (window));

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  g_object_set (about,
                "application-name", _("Levelmap"),
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Levelmap authors"),
                "developers", developers,
                "copyright", _("© 2026 The Levelmap authors"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", "https://github.com/levelmap/levelmap",
                "issue-url", "https://github.com/levelmap/levelmap/issues",
                "comments", _("Where are the left-behind places, what goes with what, and how much "
                              "does the answer depend on the weights? Maps and plots of England’s "
                              "Indices of Deprivation, the Community Needs Index and the 2016 EU "
                              "referendum."),
                /* Translators: your names, one per line */
                "translator-credits", _("translator-credits"),
                NULL);

  if (model != NULL)
    {
      LmDataset *dataset = lm_model_get_dataset (model);
      const char * const *lines = lm_dataset_get_attributions (dataset);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
        {
          g_autofree char *escaped = g_markup_escape_text (lines[i], -1);

          if (text->len > 0)
            g_string_append (text, "\n\n");
          g_string_append (text, escaped);
        }
      if (text->len > 0)
        {
          g_autofree char *title = g_strdup_printf (_("Data: %s"), lm_dataset_get_title (dataset));

          adw_about_window_add_legal_section (about, title, NULL, GTK_LICENSE_CUSTOM, text->str);
        }
    }
  {
    g_autofree char *data_dir = lm_application_find_data_dir (self);

    lm_legal_add_to_about (about, data_dir);
  }

  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LmApplication *self = user_data;
  GtkWindow *window = get_active_window (self);

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/levelmap/Levelmap/ui/lm-shortcuts-window.ui");
      GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

      /* Built when first asked for rather than with every window (10 ms
       * of each start): GtkApplication would load gtk/help-overlay.ui. */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (overlay));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* In a Flatpak the portal grants only what the user picked, and a
 * manifest's tables and boundaries lie beside it, so there the user picks
 * the dataset's folder and the manifest in it is opened: the one XML file
 * there, or an error naming them all when there are several. */
static char *
find_folder_manifest (const char  *folder,
                      GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) manifests = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *names = NULL;
  const char *name;
  guint n;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (manifests, g_strdup (name));
  n = manifests->len;
  if (n == 1)
    return g_build_filename (folder, g_ptr_array_index (manifests, 0), NULL);

  g_ptr_array_sort (manifests, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (manifests, NULL);
  names = g_strjoinv (", ", (char **) manifests->pdata);
  if (n == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The folder “%s” holds no dataset manifest (an .xml file)."), folder);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("The folder “%s” holds several manifests (%s): keep one dataset per folder."),
                 folder, names);
  return NULL;
}

static void
open_dataset_chosen_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LmApplication) self = user_data;
  GtkWindow *window = get_active_window (self);
  g_autoptr(GFile) file = lm_file_chooser_run_finish (result, NULL, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *manifest = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || !LM_IS_WINDOW (window))
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    manifest = g_steal_pointer (&path);
  else if ((manifest = find_folder_manifest (path, &error)) == NULL)
    {
      lm_window_add_toast (LM_WINDOW (window), error->message);
      return;
    }
  lm_window_open_dataset (LM_WINDOW (window), manifest);
}

static void
open_dataset_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LmApplication *self = user_data;
  GtkWindow *window = get_active_window (self);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) manifests = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (lm_file_chooser_is_sandboxed ())
    {
      lm_file_chooser_run (window, LM_FILE_CHOOSER_SELECT_FOLDER, _("Open a Dataset Folder"),
                           _("_Open"), NULL, NULL, NULL, open_dataset_chosen_cb,
                           g_object_ref (self));
      return;
    }
  gtk_file_filter_set_name (manifests, _("Dataset manifests (XML)"));
  gtk_file_filter_add_suffix (manifests, "xml");
  gtk_file_filter_add_mime_type (manifests, "application/xml");
  gtk_file_filter_add_mime_type (manifests, "text/xml");
  g_list_store_append (filters, manifests);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, all);
  lm_file_chooser_run (window, LM_FILE_CHOOSER_OPEN, _("Open a Dataset Manifest"), _("_Open"),
                       G_LIST_MODEL (filters), NULL, NULL, open_dataset_chosen_cb,
                       g_object_ref (self));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "open-dataset", open_dataset_activated },
};

/* The window remembers the last view in GSettings: without the schema
 * it cannot, and g_settings_new() would abort with a cryptic message. */
static GSettingsSchema *
find_schema (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    /* Translators: %s is the application id; the paths are commands */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The settings schema %s is not installed. Install Levelmap with “meson "
                   "install”, or run it from the build folder with “meson devenv” or with "
                   "GSETTINGS_SCHEMA_DIR set to the build’s resources folder."),
                 APPLICATION_ID);
  return schema;
}

/* GApplication overrides */

static int
lm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  /* Before any window: one clear line and a failure status. */
  schema = find_schema (&error);
  if (schema == NULL)
    {
      g_printerr ("levelmap: %s\n", error->message);
      return 1;
    }
  /* Registered here rather than by g_application_run() just after: only
   * the primary instance reads data. Its startup, which registering
   * emits, begins the load before GTK starts. A second start hands its
   * options over and exits; a load begun in it would still run in its
   * threads while the process ends under them (test-handover once saw
   * such a second start killed by a signal). */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("levelmap: %s\n", error->message);
      return 1;
    }
  return G_APPLICATION_CLASS (lm_application_parent_class)->handle_local_options (app, options);
}

static void
lm_application_startup (GApplication *app)
{
  LmApplication *self = LM_APPLICATION (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  /* Ctrl+O opens a scenario (win.open); a dataset is the rarer choice. */
  const char *open_accels[] = { "<Shift><Control>o", NULL };

  /* g_application_run() has refused to start without the schema (see
   * handle_local_options); a program that registers the application by
   * itself (a test, a benchmark) fails here, as clearly. */
  schema = find_schema (&error);
  if (schema == NULL)
    g_error ("%s", error->message);
  if (self->settings == NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  /* Here rather than in main(), so that every program that runs the
   * window (the benchmarks, the tests) runs it as users do. Until the
   * first data are shown, freed blocks are kept for reuse: the load's
   * threads free and allocate large buffers by the hundred, and with
   * every one mapped afresh (and its pages faulted and zeroed), the
   * threads held the address space's lock while the main thread's own
   * page faults waited on it (20-30 ms of a start, perf sched), and the
   * whole start cost 60 ms more CPU (alternated bench-window runs under
   * chrt: main thread 156 -> 135 ms, process 344 -> 284 ms). The window
   * gives the memory back and sets the lasting policy once it has built
   * its panels (panels_idle_cb() in lm-window.c). */
  lm_malloc_keep_freed_blocks ();
  /* The data load is the longest part of a start: it begins here, on
   * another core, before GTK and libadwaita start (some 50 ms) and the
   * window is built. Only the primary instance gets here. */
  begin_preload (self);

  start_gtk_without_theme (self);
  load_fonts (self);
  G_APPLICATION_CLASS (lm_application_parent_class)->startup (app);
  finish_loading_fonts (self);
  restore_theme (self);
  read_icon_theme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-dataset",
                                         open_accels);
}

/* A second start sends its options with the activation (see main.c). */
static void
lm_application_add_platform_data (GApplication    *app,
                                  GVariantBuilder *builder)
{
  LmApplication *self = LM_APPLICATION (app);

  G_APPLICATION_CLASS (lm_application_parent_class)->add_platform_data (app, builder);
  if (self->window_options != NULL)
    g_variant_builder_add (builder, "{sv}", "levelmap-options", self->window_options);
}

static void
lm_application_before_emit (GApplication *app,
                            GVariant     *platform_data)
{
  LmApplication *self = LM_APPLICATION (app);
  g_autoptr(GVariant) options = NULL;

  G_APPLICATION_CLASS (lm_application_parent_class)->before_emit (app, platform_data);
  options = g_variant_lookup_value (platform_data, "levelmap-options", G_VARIANT_TYPE_VARDICT);
  if (options != NULL)
    {
      g_clear_pointer (&self->window_options, g_variant_unref);
      self->window_options = g_steal_pointer (&options);
    }
}

static void
lm_application_activate (GApplication *app)
{
  LmApplication *self = LM_APPLICATION (app);
  g_autoptr(GVariant) options = g_steal_pointer (&self->window_options);
  GtkWindow *window = NULL;

  /* A second start (single instance) brings the main window forward. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LM_IS_WINDOW (l->data))
        {
          window = l->data;
          break;
        }
    }
  if (window == NULL)
    window = GTK_WINDOW (lm_window_new (self));
  gtk_window_present (window);
  if (options != NULL)
    lm_window_apply_options (LM_WINDOW (window), options);
}

/* GObject overrides */

static void
lm_application_finalize (GObject *object)
{
  LmApplication *self = LM_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->dataset, g_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->window_options, g_variant_unref);
  g_clear_object (&self->preload_waiter);
  drop_preload (self);

  G_OBJECT_CLASS (lm_application_parent_class)->finalize (object);
}

static void
lm_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LmApplication *self = LM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_DATASET:
      g_value_set_string (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LmApplication *self = LM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      lm_application_set_data_dir (self, g_value_get_string (value));
      break;
    case PROP_DATASET:
      lm_application_set_dataset (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_application_class_init (LmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lm_application_finalize;
  object_class->get_property = lm_application_get_property;
  object_class->set_property = lm_application_set_property;

  app_class->handle_local_options = lm_application_handle_local_options;
  app_class->startup = lm_application_startup;
  app_class->activate = lm_application_activate;
  app_class->add_platform_data = lm_application_add_platform_data;
  app_class->before_emit = lm_application_before_emit;

  /**
   * LmApplication:data-dir:
   *
   * The data folder given with --data-dir, or %NULL.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LmApplication:dataset:
   *
   * The dataset given with --dataset (an id the manifest folders offer, or a
   * manifest path), or %NULL for the one opened last.
   */
  properties[PROP_DATASET] =
    g_param_spec_string ("dataset", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_application_init (LmApplication *self)
{
}

/* Public API */

/* With GSK_RENDERER=cairo GTK draws without OpenGL, yet GDK 4.8 still
 * sets OpenGL up when it opens the display, which loads the whole Mesa
 * stack: some 60 MB resident (llvmpipe) and a slower start, for
 * nothing. Told so, GDK skips it. A GDK_DEBUG the user set wins. */
static void
skip_unused_gl (void)
{
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

/**
 * lm_application_new:
 *
 * Returns: (transfer full): the application
 */
LmApplication *
lm_application_new (void)
{
  LmApplication *self;
  gboolean theme_entry;

  skip_unused_gl ();
  theme_entry = place_theme_entry ();
  /* Default flags: one instance per session; without a session bus (as
   * under xvfb in CI) GApplication simply runs as a lone instance. The
   * resource base path follows from the id. */
  self = g_object_new (LM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
  self->theme_entry = theme_entry;
  return self;
}

const char *
lm_application_get_data_dir (LmApplication *self)
{
  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);
  return self->data_dir;
}

void
lm_application_set_data_dir (LmApplication *self,
                             const char    *data_dir)
{
  g_return_if_fail (LM_IS_APPLICATION (self));

  if (data_dir != NULL && *data_dir == '\0')
    data_dir = NULL;
  if (g_strcmp0 (self->data_dir, data_dir) == 0)
    return;
  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_DIR]);
}

const char *
lm_application_get_dataset (LmApplication *self)
{
  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);
  return self->dataset;
}

void
lm_application_set_dataset (LmApplication *self,
                            const char    *dataset)
{
  g_return_if_fail (LM_IS_APPLICATION (self));

  if (dataset != NULL && *dataset == '\0')
    dataset = NULL;
  if (g_strcmp0 (self->dataset, dataset) == 0)
    return;
  g_free (self->dataset);
  self->dataset = g_strdup (dataset);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

void
lm_application_set_window_options (LmApplication *self,
                                   GVariant      *options)
{
  g_return_if_fail (LM_IS_APPLICATION (self));
  g_return_if_fail (options == NULL || g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT));

  g_clear_pointer (&self->window_options, g_variant_unref);
  if (options != NULL && g_variant_n_children (options) > 0)
    self->window_options = g_variant_ref_sink (options);
}

GSettings *
lm_application_get_settings (LmApplication *self)
{
  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);
  return self->settings;
}

char *
lm_application_find_data_dir (LmApplication *self)
{
  const char *env;

  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);

  if (self->data_dir != NULL)
    return g_strdup (self->data_dir);
  env = g_getenv ("LEVELMAP_DATA_DIR");
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  {
    g_autofree char *chosen = g_settings_get_string (self->settings, "data-dir");

    if (*chosen != '\0' && g_file_test (chosen, G_FILE_TEST_IS_DIR))
      return g_steal_pointer (&chosen);
  }
  return lm_data_dir_find (NULL);
}

void
lm_application_remember_data_dir (LmApplication *self,
                                  const char    *data_dir)
{
  g_return_if_fail (LM_IS_APPLICATION (self));
  g_return_if_fail (data_dir != NULL);

  /* The folder the user picked wins over the command line from now on. */
  lm_application_set_data_dir (self, data_dir);
  g_settings_set_string (self->settings, "data-dir", data_dir);
}

char *
lm_application_get_initial_dataset (LmApplication *self)
{
  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);

  if (self->dataset != NULL)
    return g_strdup (self->dataset);
  {
    g_autofree char *last = g_settings_get_string (self->settings, "dataset");

    if (*last != '\0')
      return g_steal_pointer (&last);
  }
  {
    g_autofree char *data_dir = lm_application_find_data_dir (self);

    return lm_data_dir_get_default_dataset (data_dir);
  }
}

void
lm_application_load_model_async (LmApplication       *self,
                                 const char          *dataset,
                                 const char          *data_dir,
                                 const char * const  *levels,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (LM_IS_APPLICATION (self));
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (data_dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_application_load_model_async);

  /* The start-up load of the same data: take it over. */
  if (self->preload_key != NULL)
    {
      g_autofree char *key = make_load_key (dataset, data_dir);

      if (g_str_equal (key, self->preload_key))
        {
          if (!self->preload_done)
            {
              /* Only one request waits: an earlier one was replaced. */
              g_autoptr(GTask) earlier = g_steal_pointer (&self->preload_waiter);

              if (earlier != NULL)
                g_task_return_new_error (earlier, G_IO_ERROR, G_IO_ERROR_CANCELLED, "replaced");
              self->preload_waiter = g_steal_pointer (&task);
              return;
            }
          if (self->preload_model != NULL)
            g_task_return_pointer (task, g_steal_pointer (&self->preload_model), g_object_unref);
          else
            g_task_return_error (task, g_steal_pointer (&self->preload_error));
          drop_preload (self);
          return;
        }
      drop_preload (self);
    }

  data = g_new0 (LoadData, 1);
  data->dataset = g_strdup (dataset);
  data->data_dir = g_strdup (data_dir);
  data->levels = g_strdupv ((char **) levels);

  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  /* A cancelled load still finishes in its thread; its result is then
   * dropped here instead of reaching a window that moved on. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_model_thread);
}

LmModel *
lm_application_load_model_finish (LmApplication  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (LM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
