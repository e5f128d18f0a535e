/* lm-load-page.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-csv.h"
#include "lm-dataset.h"
#include "lm-accessible.h"
#include "lm-load-page.h"
#include "lm-manifest.h"
#include "lm-shape-layer.h"

struct _LmLoadPage
{
  AdwBin         parent_instance;

  /* Template Widgets */
  GtkStack      *stack;
  AdwStatusPage *loading_page;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  GtkWidget     *choose_folder_button;
  GtkWidget     *retry_button;
  GtkLabel      *hint;

  gboolean       loading;       /* the spinner's page is the one chosen */
};

G_DEFINE_FINAL_TYPE (LmLoadPage, lm_load_page, ADW_TYPE_BIN)

/* Auxiliary methods */

/* Markup of @markup where an option ("--data-dir=FOLDER") or a variable
 * ("LEVELMAP_DATA_DIR") is never broken across lines: a line that ends
 * in "--" and a next one that starts with "data-dir" misleads anyone
 * who types it (issue 13). */
static char *
keep_options_whole (const char *markup)
{
  static GRegex *options;

  if (g_once_init_enter (&options))
    g_once_init_leave (&options, g_regex_new ("--[a-z][a-z-]*(=[A-Z]+)?|\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b",
                                              G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace (options, markup, -1, 0, "<span allow_breaks=\"false\">\\0</span>", 0, NULL);
}

static char *
make_hint (LmLoadProblem  problem,
           const char    *manifest,
           const char    *data_dir,
           const char    *data_dir_origin)
{
  g_autofree char *escaped_dir = g_markup_escape_text (data_dir != NULL ? data_dir : "", -1);

  if (manifest != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (manifest, -1);

      /* Translators: %s is the path of a dataset manifest (.xml) */
      return g_strdup_printf (_("This dataset is described by <b>%s</b>, and its files are read "
                                "from that file’s folder. Correct the file named above and try "
                                "again, open another dataset with Ctrl+O, or choose one of the "
                                "datasets at the top left."),
                              escaped);
    }
  if (problem == LM_LOAD_PROBLEM_MISSING || problem == LM_LOAD_PROBLEM_MISSING_FILE)
    /* Translators: the first %s is a folder, the second says where that
     * folder came from, e.g. "(the LEVELMAP_DATA_DIR variable)" */
    return g_strdup_printf (_("Levelmap looked for its data in <b>%s</b> %s. Choose the folder "
                              "that holds the datasets’ folders (one folder per dataset, named "
                              "as its manifest), start Levelmap with <tt>--data-dir=FOLDER</tt>, or set "
                              "the <tt>LEVELMAP_DATA_DIR</tt> environment variable to that "
                              "folder."),
                            escaped_dir, data_dir_origin);
  return g_strdup_printf (_("The data were read from <b>%s</b> %s. Put back a good copy of "
                            "the file named above and try again, or choose another data "
                            "folder: with the button above, the <tt>--data-dir=FOLDER</tt> "
                            "option or the <tt>LEVELMAP_DATA_DIR</tt> environment variable."),
                          escaped_dir, data_dir_origin);
}

/* GObject overrides */

static void
lm_load_page_dispose (GObject *object)
{
  /* AdwBin unparents its child itself: let go of it first, or it would
   * be unparented twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LM_TYPE_LOAD_PAGE);

  G_OBJECT_CLASS (lm_load_page_parent_class)->dispose (object);
}

/* GTK 4.8 runs a spinner's CSS animation while it spins, shown or not:
 * left spinning on a page the window has left, it kept the window
 * drawing frames (and asking X for the monitor's work area) 60 times a
 * second for as long as it stayed open. It spins only while mapped. */
static void
on_spinner_map_cb (GtkSpinner *spinner,
                   LmLoadPage *self)
{
  gtk_spinner_set_spinning (spinner, self->loading);
}

static void
on_spinner_unmap_cb (GtkSpinner *spinner,
                     LmLoadPage *self)
{
  gtk_spinner_set_spinning (spinner, FALSE);
}

static void
lm_load_page_class_init (LmLoadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_load_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/levelmap/Levelmap/ui/lm-load-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, choose_folder_button);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, LmLoadPage, hint);
}

static void
lm_load_page_init (LmLoadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), LM_LOAD_PAGE_SPINNER_SIZE,
                               LM_LOAD_PAGE_SPINNER_SIZE);
  g_signal_connect (self->spinner, "map", G_CALLBACK (on_spinner_map_cb), self);
  g_signal_connect (self->spinner, "unmap", G_CALLBACK (on_spinner_unmap_cb), self);
  /* Said once, without the mnemonic's underscore. */
  lm_accessible_set_name (self->choose_folder_button, _("Choose Data Folder…"));
  lm_accessible_set_name (self->retry_button, _("Try Again"));
  lm_accessible_hide_decorations (GTK_WIDGET (self));
  lm_accessible_name_scrollbars_below (GTK_WIDGET (self), _("the message"));
}

/* Public API */

LmLoadProblem
lm_load_problem_from_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, LM_LOAD_PROBLEM_DATA);

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

GtkWidget *
lm_load_page_new (void)
{
  return g_object_new (LM_TYPE_LOAD_PAGE, NULL);
}

void
lm_load_page_show_loading (LmLoadPage *self,
                           const char *title,
                           const char *description)
{
  g_return_if_fail (LM_IS_LOAD_PAGE (self));

  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  self->loading = TRUE;
  gtk_spinner_set_spinning (self->spinner, gtk_widget_get_mapped (GTK_WIDGET (self->spinner)));
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
lm_load_page_show_error (LmLoadPage    *self,
                         LmLoadProblem  problem,
                         const char    *message,
                         const char    *manifest,
                         const char    *data_dir,
                         const char    *data_dir_origin)
{
  g_autofree char *hint = NULL;
  g_autofree char *whole_hint = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;
  const char *title;
  const char *icon;

  g_return_if_fail (LM_IS_LOAD_PAGE (self));
  g_return_if_fail (message != NULL);

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

  hint = make_hint (problem, manifest, data_dir, data_dir_origin);
  whole_hint = keep_options_whole (hint);
  escaped = g_markup_escape_text (message, -1);
  description = keep_options_whole (escaped);
  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_title (self->error_page, title);
  /* The description is markup: a file name may hold "&". */
  adw_status_page_set_description (self->error_page, description);
  gtk_label_set_markup (self->hint, whole_hint);
  gtk_widget_set_visible (self->choose_folder_button, manifest == NULL);
  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

const char *
lm_load_page_get_mode (LmLoadPage *self)
{
  g_return_val_if_fail (LM_IS_LOAD_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
lm_load_page_get_message (LmLoadPage *self)
{
  g_return_val_if_fail (LM_IS_LOAD_PAGE (self), NULL);
  return adw_status_page_get_description (self->error_page);
}

const char *
lm_load_page_get_hint (LmLoadPage *self)
{
  g_return_val_if_fail (LM_IS_LOAD_PAGE (self), NULL);
  return gtk_label_get_text (self->hint);
}

gboolean
lm_load_page_get_offers_folder_choice (LmLoadPage *self)
{
  g_return_val_if_fail (LM_IS_LOAD_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->choose_folder_button);
}
