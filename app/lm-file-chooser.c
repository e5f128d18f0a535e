/* lm-file-chooser.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project caps the GTK API at Debian 12's 4.8 (GDK_VERSION_MAX_ALLOWED
 * in meson.build). This file alone is compiled with the cap raised to the
 * GTK at hand (app/meson.build), so that it can use GtkFileDialog, which
 * replaces the GtkFileChooserNative deprecated in 4.10, when that exists.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-file-chooser.h"

#define LM_USE_FILE_DIALOG GTK_CHECK_VERSION (4, 10, 0)

gboolean
lm_file_chooser_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

#if LM_USE_FILE_DIALOG

static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  LmFileChooserAction action = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (action == LM_FILE_CHOOSER_SAVE)
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else if (action == LM_FILE_CHOOSER_SELECT_FOLDER)
    file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (error == NULL || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
           g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_dialog (GtkWindow           *parent,
             LmFileChooserAction  action,
             const char          *title,
             const char          *accept_label,
             GListModel          *filters,
             const char          *initial_name,
             GFile               *initial_folder,
             GCancellable        *cancellable,
             GTask               *task)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);

  if (action == LM_FILE_CHOOSER_SAVE)
    gtk_file_dialog_save (dialog, parent, cancellable, dialog_done_cb, task);
  else if (action == LM_FILE_CHOOSER_SELECT_FOLDER)
    gtk_file_dialog_select_folder (dialog, parent, cancellable, dialog_done_cb, task);
  else
    gtk_file_dialog_open (dialog, parent, cancellable, dialog_done_cb, task);
}

#else /* GtkFileChooserNative */

typedef struct
{
  GtkFileChooserNative *native;
  GCancellable         *cancellable;   /* unowned: the task holds it */
  gulong                response_id;
  gulong                cancelled_id;
  gboolean              finished;
} NativeData;

/* The dialog is destroyed from an idle, never inside its own "response"
 * emission, which GTK would go on with on a destroyed dialog. */
static gboolean
destroy_native_cb (gpointer user_data)
{
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (user_data));
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
native_data_free (NativeData *data)
{
  g_idle_add (destroy_native_cb, data->native);
  g_free (data);
}

/* Ends the request once, with @file or as cancelled, and releases the
 * reference the dialog held on @task. */
static void
native_finish (GTask *task,
               GFile *file)
{
  NativeData *data = g_task_get_task_data (task);

  if (data->finished)
    return;
  data->finished = TRUE;
  g_clear_signal_handler (&data->response_id, data->native);
  if (data->cancellable != NULL)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  data->cancelled_id = 0;

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));
  g_object_unref (task);
}

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  native_finish (G_TASK (user_data), file);
}

static gboolean
native_dismiss_cb (gpointer user_data)
{
  GTask *task = user_data;
  NativeData *data = g_task_get_task_data (task);

  if (!data->finished)
    {
      gtk_native_dialog_hide (GTK_NATIVE_DIALOG (data->native));
      native_finish (task, NULL);
    }
  return G_SOURCE_REMOVE;
}

/* Cancelling closes the dialog as a dismissal would. It happens from an
 * idle: this handler may run inside g_cancellable_connect() or on another
 * thread, and finishing disconnects it, which must not happen from within. */
static void
native_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, native_dismiss_cb, g_object_ref (task), g_object_unref);
}

static void
show_dialog (GtkWindow           *parent,
             LmFileChooserAction  action,
             const char          *title,
             const char          *accept_label,
             GListModel          *filters,
             const char          *initial_name,
             GFile               *initial_folder,
             GCancellable        *cancellable,
             GTask               *task)
{
  static const GtkFileChooserAction actions[] = {
    [LM_FILE_CHOOSER_OPEN] = GTK_FILE_CHOOSER_ACTION_OPEN,
    [LM_FILE_CHOOSER_SAVE] = GTK_FILE_CHOOSER_ACTION_SAVE,
    [LM_FILE_CHOOSER_SELECT_FOLDER] = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
  };
  NativeData *data = g_new0 (NativeData, 1);
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  data->native = gtk_file_chooser_native_new (title, parent, actions[action],
                                              accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->native), TRUE);
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->native), filter);
    }
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->native), initial_name);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (data->native), initial_folder, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) native_data_free);

  data->response_id = g_signal_connect (data->native, "response",
                                        G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->native));
  if (cancellable != NULL)
    {
      data->cancellable = cancellable;
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (native_cancelled_cb),
                                                  task, NULL);
    }
}

#endif

void
lm_file_chooser_run (GtkWindow            *parent,
                     LmFileChooserAction   action,
                     const char           *title,
                     const char           *accept_label,
                     GListModel           *filters,
                     const char           *initial_name,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  lm_file_chooser_run_in (parent, action, title, accept_label, filters, initial_name, NULL,
                          cancellable, callback, user_data);
}

void
lm_file_chooser_run_in (GtkWindow            *parent,
                        LmFileChooserAction   action,
                        const char           *title,
                        const char           *accept_label,
                        GListModel           *filters,
                        const char           *initial_name,
                        GFile                *initial_folder,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (action <= LM_FILE_CHOOSER_SELECT_FOLDER);
  g_return_if_fail (title != NULL);
  g_return_if_fail (filters == NULL || G_IS_LIST_MODEL (filters));
  g_return_if_fail (initial_folder == NULL || G_IS_FILE (initial_folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_file_chooser_run);
#if LM_USE_FILE_DIALOG
  g_task_set_task_data (task, GINT_TO_POINTER (action), NULL);
#endif
  /* The task's reference passes to the dialog's callback. */
  show_dialog (parent, action, title, accept_label, filters, initial_name, initial_folder,
               cancellable, task);
}

GFile *
lm_file_chooser_run_finish (GAsyncResult  *result,
                            GtkFileFilter **filter,
                            GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == lm_file_chooser_run, NULL);

  if (filter != NULL)
    {
#if LM_USE_FILE_DIALOG
      *filter = NULL;
#else
      NativeData *data = g_task_get_task_data (task);
      GtkFileFilter *chosen = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (data->native));

      *filter = chosen != NULL ? g_object_ref (chosen) : NULL;
#endif
    }
  return g_task_propagate_pointer (task, error);
}
