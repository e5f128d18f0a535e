/* lm-window-export.c — everything the window writes out: the map (what is
 * on screen or the whole area, at a chosen size), the plot, the
 * storyboard (a PDF, or a picture per scene), the table, the left-behind
 * list and the selection as CSV, and the map copied for slides
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export runs in a worker thread on data of its own: the thread
 * loads the dataset again and applies the view (or each scene) to it, so
 * the window's model is never read while the user moves a slider, and a
 * full-size LSOA PDF never freezes the window. The header shows the
 * progress with a button that cancels; a cancelled export leaves the
 * files as they were.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lm-bivariate.h"
#include "lm-choropleth.h"
#include "lm-comparison-figure.h"
#include "lm-export.h"
#include "lm-scatter-plot.h"
#include "lm-scatter-renderer.h"
#include "lm-storyboard-export.h"
#include "lm-table-export.h"
#include "lm-window-private.h"

/* A copied map: a 16:9 slide. */
#define COPY_WIDTH  1920
#define COPY_HEIGHT 1080

struct _LmWindowExport
{
  GtkWidget    *progress_box;    /* in the header bar */
  GtkWidget    *progress_bar;
  GCancellable *cancellable;     /* of the running export, or NULL */
  guint         poll_id;
  gpointer      job;             /* the running Job (owned by its task) */
  GError       *last_error;      /* of the last export, for tests */
};

typedef struct
{
  LmWindowExportKind   kind;
  char                *manifest;
  char                *data_dir;
  LmScenario          *scenario;     /* the view (and scenes) to export */
  LmComparison        *comparison;   /* COMPARISON: the window's, run already */
  char                *path;         /* file or folder; NULL for the clipboard */
  char                *display;      /* the path's name, for messages */
  int                  width;
  int                  height;
  LmBounds             extent;       /* what is on screen */
  LmScatterColourBy    colour_by;
  gboolean             show_cutoffs;
  /* Progress, written by the thread */
  gint                 done;
  gint                 total;
  /* Results */
  GPtrArray           *warnings;     /* char* */
  GPtrArray           *files;        /* char*, written */
  GBytes              *pixels;       /* COPY_MAP: R8G8B8 rows */
} Job;

static void
job_free (Job *job)
{
  g_free (job->manifest);
  g_free (job->data_dir);
  g_clear_object (&job->scenario);
  g_clear_object (&job->comparison);
  g_free (job->path);
  g_free (job->display);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->pixels, g_bytes_unref);
  g_free (job);
}

/* ------------------------------------------------------------------ */
/* The worker thread                                                    */
/* ------------------------------------------------------------------ */

static void
on_page_cb (guint    done,
            guint    total,
            gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->total, (gint) total);
  g_atomic_int_set (&job->done, (gint) done);
}

/* The file goes to a temporary name beside @path first and is renamed
 * over it only when the export was not cancelled meanwhile (a figure's
 * drawing cannot stop half way, its result can be dropped). */
static char *
temporary_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = g_strndup (base, dot != NULL ? (gsize) (dot - base) : strlen (base));

  return g_strdup_printf ("%s%c.%s-%08x%s", dir, G_DIR_SEPARATOR, stem, g_random_int (),
                          dot != NULL ? dot : "");
}

static gboolean
finish_file (const char    *tmp,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The two variables of a bivariate map, as the view's analysis shows
 * it; @spec keeps the strings @options borrows. */
typedef struct
{
  char *x;
  char *y;
} BivariatePair;

static void
bivariate_pair_clear (BivariatePair *spec)
{
  g_clear_pointer (&spec->x, g_free);
  g_clear_pointer (&spec->y, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BivariatePair, bivariate_pair_clear)

static void
set_bivariate_options (LmView             *view,
                       LmMapExportOptions *options,
                       BivariatePair    *spec)
{
  LmViewAnalysis *analysis = lm_view_get_analysis (view);
  g_autofree char *bivariate = NULL;

  if (!lm_view_analysis_get_show_bivariate (analysis))
    return;
  bivariate = lm_view_analysis_resolve_bivariate (analysis,
                                                  lm_model_get_dataset (lm_view_get_model (view)),
                                                  lm_view_get_level (view));
  /* A level with fewer than two variables to pair (or a pair these data
   * cannot read) shows the one map, as on screen. */
  if (bivariate == NULL ||
      !lm_bivariate_parse (bivariate, &spec->x, &spec->y, &options->bivariate_x_breaks,
                           &options->bivariate_y_breaks, NULL))
    return;
  options->bivariate_x = spec->x;
  options->bivariate_y = spec->y;
  options->bivariate_palette = lm_view_analysis_get_bivariate_palette (analysis);
}

static gboolean
export_map (Job           *job,
            LmView        *view,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *tmp = temporary_path (job->path);
  g_auto(BivariatePair) bivariate = { 0 };
  LmMapExportOptions options;

  lm_map_export_options_init (&options);
  set_bivariate_options (view, &options, &bivariate);
  options.level_id = lm_view_get_level (view);
  options.variable_id = lm_view_get_variable (view);
  lm_classify_method_from_string (lm_view_get_method (view), &options.method);
  options.n_classes = lm_view_get_n_classes (view);
  options.palette = lm_view_get_palette (view);
  options.show_left_behind = lm_view_get_show_left_behind (view);
  options.width = job->width;
  options.height = job->height;
  if (job->kind == LM_WINDOW_EXPORT_MAP_SHOWN)
    {
      /* What is on screen: the rectangle shown and the highlight. */
      options.extent = &job->extent;
      options.show_selection = TRUE;
    }
  return lm_export_map (lm_view_get_model (view), &options, tmp, error) &&
         finish_file (tmp, job->path, cancellable, error);
}

/* The comparison's results go onto these data (loaded afresh for the
 * export) before its figure can draw them. */
static gboolean
export_comparison (Job           *job,
                   LmView        *view,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *tmp = temporary_path (job->path);
  LmModel *model = lm_view_get_model (view);

  return lm_comparison_apply (job->comparison, lm_model_get_dataset (model), error) &&
         lm_comparison_figure_export (job->comparison, model, tmp, job->width, job->height,
                                      error) &&
         finish_file (tmp, job->path, cancellable, error);
}

static gboolean
export_plot (Job           *job,
             LmView        *view,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *tmp = temporary_path (job->path);
  LmScatterExportOptions options = { 0 };

  options.level = lm_view_get_plot_level (view);
  options.x = lm_view_get_plot_x (view);
  options.y = lm_view_get_plot_y (view);
  options.weighted = lm_view_get_weighted (view);
  options.colour_by = job->colour_by;
  options.show_cutoffs = job->show_cutoffs;
  options.show_selection = TRUE;
  options.width = job->width;
  options.height = job->height;
  return lm_scatter_export (lm_view_get_model (view), &options, tmp, error) &&
         finish_file (tmp, job->path, cancellable, error);
}

static gboolean
export_csv (Job           *job,
            LmView        *view,
            GCancellable  *cancellable,
            GError       **error)
{
  LmModel *model = lm_view_get_model (view);
  LmSelection *selection = lm_view_get_selection (view);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GError) local = NULL;

  if (job->kind == LM_WINDOW_EXPORT_LEFT_BEHIND_CSV)
    {
      if (!lm_table_export_left_behind (model, TRUE, out, error))
        return FALSE;
    }
  else if (job->kind == LM_WINDOW_EXPORT_SELECTION_CSV)
    {
      LmLevel *level = lm_selection_get_level (selection);

      if (level == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Nothing is selected."));
          return FALSE;
        }
      lm_table_export_level (level, lm_selection_get_mask (selection, level), out);
    }
  else
    lm_table_export_level (lm_dataset_find_level (lm_model_get_dataset (model),
                                                  lm_view_get_level (view)), NULL, out);
  if (!g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, G_IO_ERROR, local->code, _("Could not save “%s”: %s"), job->display,
                     local->message);
      return FALSE;
    }
  return TRUE;
}

/* Slides want an opaque picture: R8G8B8, from Cairo's xRGB. */
static GBytes *
opaque_pixels (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guchar *rgb = g_malloc ((gsize) width * height * 3);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guchar *out = rgb + (gsize) y * width * 3;

      for (int x = 0; x < width; x++)
        {
          out[3 * x] = (row[x] >> 16) & 0xff;
          out[3 * x + 1] = (row[x] >> 8) & 0xff;
          out[3 * x + 2] = row[x] & 0xff;
        }
    }
  return g_bytes_new_take (rgb, (gsize) width * height * 3);
}

static gboolean
copy_map (Job      *job,
          LmView   *view,
          GError  **error)
{
  LmMapExportOptions options;
  cairo_surface_t *figure;
  cairo_surface_t *opaque;
  cairo_t *cr;

  lm_map_export_options_init (&options);
  options.level_id = lm_view_get_level (view);
  options.variable_id = lm_view_get_variable (view);
  lm_classify_method_from_string (lm_view_get_method (view), &options.method);
  options.n_classes = lm_view_get_n_classes (view);
  options.palette = lm_view_get_palette (view);
  options.show_left_behind = lm_view_get_show_left_behind (view);
  options.show_selection = TRUE;
  options.extent = &job->extent;
  options.width = job->width;
  options.height = job->height;
  figure = lm_export_map_to_surface (lm_view_get_model (view), &options, error);
  if (figure == NULL)
    return FALSE;
  /* On white, whatever the figure left transparent. */
  opaque = cairo_image_surface_create (CAIRO_FORMAT_RGB24, job->width, job->height);
  cr = cairo_create (opaque);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, figure, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (opaque);
  job->pixels = opaque_pixels (opaque);
  cairo_surface_destroy (opaque);
  cairo_surface_destroy (figure);
  return TRUE;
}

static gboolean
export_storyboard (Job           *job,
                   LmView        *view,
                   GCancellable  *cancellable,
                   GError       **error)
{
  LmStoryboard *storyboard = lm_scenario_get_storyboard (job->scenario);
  LmStoryboardExportOptions pages;
  gboolean ok;

  lm_storyboard_export_options_init (&pages);
  if (job->width > 0)
    {
      pages.width = job->width;
      pages.height = job->height;
    }
  pages.title = job->display;
  g_atomic_int_set (&job->total, (gint) lm_storyboard_get_n_scenes (storyboard));
  if (job->kind == LM_WINDOW_EXPORT_STORYBOARD_PDF)
    return lm_storyboard_export_pdf (view, storyboard, job->path, &pages, on_page_cb, job,
                                     cancellable, job->warnings, error);

  ok = lm_storyboard_export_pngs (view, storyboard, job->path, &pages, on_page_cb, job,
                                  cancellable, job->files, job->warnings, error);
  if (!ok)
    {
      /* Cancelled or failed half way: no half set of pictures. */
      for (guint i = 0; i < job->files->len; i++)
        g_unlink (g_ptr_array_index (job->files, i));
      g_ptr_array_set_size (job->files, 0);
    }
  return ok;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autoptr(LmModel) model = NULL;
  g_autoptr(LmView) view = NULL;
  gboolean ok = FALSE;

  dataset = lm_dataset_load (job->manifest, job->data_dir, &error);
  if (dataset != NULL)
    {
      model = lm_model_new (dataset);
      view = lm_view_new ();
      lm_view_set_model (view, model);
      /* What these data lack was reported when the view was made. */
      lm_scenario_apply (job->scenario, view, NULL, NULL);
      switch (job->kind)
        {
        case LM_WINDOW_EXPORT_MAP_SHOWN:
        case LM_WINDOW_EXPORT_MAP_WHOLE:
          ok = export_map (job, view, cancellable, &error);
          break;
        case LM_WINDOW_EXPORT_PLOT:
          ok = export_plot (job, view, cancellable, &error);
          break;
        case LM_WINDOW_EXPORT_STORYBOARD_PDF:
        case LM_WINDOW_EXPORT_STORYBOARD_PNGS:
          ok = export_storyboard (job, view, cancellable, &error);
          break;
        case LM_WINDOW_EXPORT_TABLE_CSV:
        case LM_WINDOW_EXPORT_LEFT_BEHIND_CSV:
        case LM_WINDOW_EXPORT_SELECTION_CSV:
          ok = export_csv (job, view, cancellable, &error);
          break;
        case LM_WINDOW_EXPORT_COPY_MAP:
          ok = copy_map (job, view, &error);
          break;
        case LM_WINDOW_EXPORT_COMPARISON:
          ok = export_comparison (job, view, cancellable, &error);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ------------------------------------------------------------------ */
/* Progress, results                                                    */
/* ------------------------------------------------------------------ */

static gboolean
poll_progress_cb (gpointer user_data)
{
  LmWindowExport *export = user_data;
  Job *job = export->job;
  gint total = job != NULL ? g_atomic_int_get (&job->total) : 0;

  if (total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (export->progress_bar),
                                   (double) g_atomic_int_get (&job->done) / total);
  else
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (export->progress_bar));
  return G_SOURCE_CONTINUE;
}

static void
show_progress (LmWindow *self,
               gboolean  running)
{
  LmWindowExport *export = self->export;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (export->progress_bar), 0);
  gtk_widget_set_visible (export->progress_box, running);
  g_clear_handle_id (&export->poll_id, g_source_remove);
  if (running)
    export->poll_id = g_timeout_add (100, poll_progress_cb, export);
  _lm_window_set_action_enabled (self, "win.cancel-export", running);
}

void
_lm_window_export_show_message (LmWindow   *self,
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

static void
copy_to_clipboard (LmWindow *self,
                   Job      *job)
{
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (job->width, job->height,
                                                          GDK_MEMORY_R8G8B8, job->pixels,
                                                          (gsize) job->width * 3);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  lm_window_add_toast (self, _("Map copied, with its legend and sources"));
}

static void
report_success (LmWindow *self,
                Job      *job)
{
  g_autoptr(GFile) file = job->path != NULL ? g_file_new_for_path (job->path) : NULL;

  if (job->kind == LM_WINDOW_EXPORT_COPY_MAP)
    copy_to_clipboard (self, job);
  else if (job->kind == LM_WINDOW_EXPORT_STORYBOARD_PNGS)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u picture saved in “%s”",
                                                            "%u pictures saved in “%s”",
                                                            job->files->len),
                                                  job->files->len, job->display);

      lm_window_add_toast (self, message);
    }
  else
    /* Translators: %s is a file name */
    toast_saved (self, _("Saved as “%s”"), file);
  if (job->warnings->len > 0)
    {
      g_ptr_array_add (job->warnings, NULL);
      {
        g_autofree char *body = g_strjoinv ("\n\n", (char **) job->warnings->pdata);

        _lm_window_export_show_message (self, _("Some Scenes Could Not Be Shown in Full"), body);
      }
    }
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LmWindow) self = user_data;
  LmWindowExport *export = self->export;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (export == NULL)
    return;  /* the window was closed meanwhile */
  export->job = NULL;
  g_clear_object (&export->cancellable);
  show_progress (self, FALSE);
  g_clear_error (&export->last_error);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      report_success (self, job);
      return;
    }
  export->last_error = g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lm_window_add_toast (self, _("Export cancelled"));
  else
    _lm_window_export_show_message (self, job->kind == LM_WINDOW_EXPORT_COPY_MAP ? _("Could Not Copy the Map")
                                                               : _("Could Not Export"),
                  error->message);
}

/* ------------------------------------------------------------------ */
/* Starting                                                             */
/* ------------------------------------------------------------------ */

/* The world rectangle the map shows, or the view's extent while the
 * map has no size. */
static gboolean
get_shown_extent (LmWindow *self,
                  LmBounds *out)
{
  const LmBounds *extent = lm_view_get_extent (self->view);

  if (self->map != NULL && lm_choropleth_get_view (LM_CHOROPLETH (self->map))->width > 0)
    {
      *out = lm_map_view_get_world_bounds (lm_choropleth_get_view (LM_CHOROPLETH (self->map)));
      return TRUE;
    }
  if (extent != NULL)
    {
      *out = *extent;
      return TRUE;
    }
  return FALSE;
}

static Job *
job_new (LmWindow           *self,
         LmWindowExportKind  kind,
         const char         *path,
         int                 width,
         int                 height)
{
  LmDataset *dataset = lm_model_get_dataset (_lm_window_get_model (self));
  GtkWidget *plot = lm_window_get_plot (self);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->manifest = g_strdup (lm_dataset_get_manifest_path (dataset));
  job->data_dir = g_strdup (lm_dataset_get_data_dir (dataset));
  job->scenario = lm_document_capture (self->document);
  job->path = g_strdup (path);
  job->display = path != NULL ? g_filename_display_basename (path) : NULL;
  if (kind == LM_WINDOW_EXPORT_STORYBOARD_PDF || kind == LM_WINDOW_EXPORT_STORYBOARD_PNGS)
    {
      /* The pages' footers name the scenario. */
      g_free (job->display);
      job->display = g_strdup (lm_document_get_title (self->document));
    }
  if (kind == LM_WINDOW_EXPORT_COMPARISON && self->comparison != NULL)
    job->comparison = g_object_ref (self->comparison);
  job->width = width;
  job->height = height;
  job->colour_by = LM_SCATTER_COLOUR_REGION;
  job->show_cutoffs = TRUE;
  if (plot != NULL)
    {
      job->colour_by = lm_scatter_plot_get_colour_by (LM_SCATTER_PLOT (plot));
      job->show_cutoffs = lm_scatter_plot_get_show_cutoffs (LM_SCATTER_PLOT (plot));
    }
  if (!get_shown_extent (self, &job->extent))
    job->kind = kind == LM_WINDOW_EXPORT_MAP_SHOWN ? LM_WINDOW_EXPORT_MAP_WHOLE : kind;
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  job->files = g_ptr_array_new_with_free_func (g_free);
  return job;
}

static void
default_size (LmWindowExportKind  kind,
              int                *width,
              int                *height)
{
  if (*width > 0 && *height > 0)
    return;
  switch (kind)
    {
    case LM_WINDOW_EXPORT_MAP_SHOWN:
    case LM_WINDOW_EXPORT_MAP_WHOLE:
      *width = 1600;
      *height = 2000;
      break;
    case LM_WINDOW_EXPORT_PLOT:
      *width = 1200;
      *height = 900;
      break;
    case LM_WINDOW_EXPORT_COPY_MAP:
      *width = COPY_WIDTH;
      *height = COPY_HEIGHT;
      break;
    case LM_WINDOW_EXPORT_COMPARISON:
      *width = 1800;
      *height = 1350;
      break;
    default:
      *width = *height = 0;
    }
}

gboolean
_lm_window_export_start (LmWindow           *self,
                         LmWindowExportKind  kind,
                         const char         *path,
                         int                 width,
                         int                 height)
{
  LmWindowExport *export = self->export;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL || kind == LM_WINDOW_EXPORT_COPY_MAP, FALSE);

  if (_lm_window_get_model (self) == NULL)
    return FALSE;
  if (export->cancellable != NULL)
    {
      lm_window_add_toast (self, _("An export is running: wait for it, or cancel it"));
      return FALSE;
    }
  default_size (kind, &width, &height);
  job = job_new (self, kind, path, width, height);
  export->cancellable = g_cancellable_new ();
  export->job = job;
  task = g_task_new (NULL, export->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _lm_window_export_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  show_progress (self, TRUE);
  return TRUE;
}

gboolean
_lm_window_export_is_running (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), FALSE);
  return self->export->cancellable != NULL;
}

const GError *
_lm_window_export_get_error (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->export->last_error;
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
copy_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _lm_window_export_start (LM_WINDOW (widget), LM_WINDOW_EXPORT_COPY_MAP, NULL, 0, 0);
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);

  if (self->export->cancellable != NULL)
    g_cancellable_cancel (self->export->cancellable);
}

/* What can be exported follows the data, the scenes and the selection. */
static void
update_actions (LmWindow *self)
{
  gboolean has_model = _lm_window_get_model (self) != NULL;
  gboolean has_scenes = lm_storyboard_get_n_scenes (lm_document_get_storyboard (self->document)) > 0;
  LmSelection *selection = lm_view_get_selection (self->view);

  _lm_window_set_action_enabled (self, "win.export-map", has_model);
  _lm_window_set_action_enabled (self, "win.copy-map", has_model);
  _lm_window_set_action_enabled (self, "win.export-plot", has_model);
  _lm_window_set_action_enabled (self, "win.export-table", has_model);
  _lm_window_set_action_enabled (self, "win.export-left-behind", has_model);
  _lm_window_set_action_enabled (self, "win.export-selection",
                                 selection != NULL && !lm_selection_is_empty (selection));
  _lm_window_set_action_enabled (self, "win.export-storyboard", has_model && has_scenes);
  _lm_window_set_action_enabled (self, "win.export-scene-pictures", has_model && has_scenes);
}

static void
on_changed_cb (LmWindow *self)
{
  update_actions (self);
}

/* Semi-private API */

void
_lm_window_export_class_init (LmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const exports[] = {
    "win.export-plot", "win.export-storyboard", "win.export-scene-pictures",
    "win.export-table", "win.export-left-behind", "win.export-selection",
    "win.export-comparison",
  };

  gtk_widget_class_install_action (widget_class, "win.export-map", NULL,
                                   _lm_window_export_map_action);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    gtk_widget_class_install_action (widget_class, exports[i], NULL, _lm_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-map", NULL, copy_map_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-plot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-map", NULL);
}

void
_lm_window_export_init (LmWindow *self)
{
  LmWindowExport *export = g_new0 (LmWindowExport, 1);
  GtkWidget *cancel;

  self->export = export;
  export->progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  export->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (export->progress_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (export->progress_bar, 80, -1);
  gtk_widget_set_tooltip_text (export->progress_bar, _("Exporting…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);
  cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "win.cancel-export");
  gtk_widget_set_tooltip_text (cancel, _("Cancel the Export"));
  gtk_widget_add_css_class (cancel, "flat");
  gtk_box_append (GTK_BOX (export->progress_box), export->progress_bar);
  gtk_box_append (GTK_BOX (export->progress_box), cancel);
  gtk_widget_set_visible (export->progress_box, FALSE);
  adw_header_bar_pack_end (self->header_bar, export->progress_box);
  _lm_window_set_action_enabled (self, "win.cancel-export", FALSE);

  g_signal_connect_object (self->view, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lm_document_get_storyboard (self->document), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

void
_lm_window_export_dispose (LmWindow *self)
{
  LmWindowExport *export = self->export;

  if (export == NULL)
    return;
  /* The thread finishes on its own; its result goes nowhere. */
  if (export->cancellable != NULL)
    g_cancellable_cancel (export->cancellable);
  g_clear_object (&export->cancellable);
  g_clear_handle_id (&export->poll_id, g_source_remove);
  g_clear_error (&export->last_error);
  g_free (export);
  self->export = NULL;
}
