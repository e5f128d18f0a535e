/* test-file-chooser.c — the file chooser wrapper ends every request once
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <gtk/gtk.h>

#include "lm-file-chooser.h"

typedef struct
{
  gboolean  done;
  guint     n_calls;
  GFile    *file;
  GError   *error;
} Outcome;

static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;
  g_autoptr(GtkFileFilter) filter = NULL;

  outcome->n_calls++;
  outcome->file = lm_file_chooser_run_finish (result, &filter, &outcome->error);
  outcome->done = TRUE;
}

/* Cancelling closes the dialog and finishes the request with
 * G_IO_ERROR_CANCELLED, whichever dialog is used and even when the
 * cancellable was cancelled before the dialog was shown. */
static void
check_cancel (LmFileChooserAction action,
              gboolean            cancel_first)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  Outcome outcome = { 0 };

  gtk_file_filter_set_name (png, "PNG image");
  gtk_file_filter_add_suffix (png, "png");
  g_list_store_append (filters, png);
  gtk_window_present (parent);

  if (cancel_first)
    g_cancellable_cancel (cancellable);
  lm_file_chooser_run (parent, action, "Test", "_Choose", G_LIST_MODEL (filters),
                       action == LM_FILE_CHOOSER_SAVE ? "figure.png" : NULL,
                       cancellable, chosen_cb, &outcome);
  if (!cancel_first)
    g_cancellable_cancel (cancellable);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  /* A later dismissal must not finish it a second time. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (outcome.n_calls, ==, 1);
  g_assert_null (outcome.file);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  gtk_window_destroy (parent);
}

static void
test_cancel_open (void)
{
  check_cancel (LM_FILE_CHOOSER_OPEN, FALSE);
}

static void
test_cancel_save (void)
{
  check_cancel (LM_FILE_CHOOSER_SAVE, FALSE);
}

static void
test_cancel_folder_before (void)
{
  check_cancel (LM_FILE_CHOOSER_SELECT_FOLDER, TRUE);
}

static void
test_not_sandboxed (void)
{
  /* The tests never run inside Flatpak; the check reads /.flatpak-info. */
  g_assert_cmpint (lm_file_chooser_is_sandboxed (), ==,
                   g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-chooser/cancel-open", test_cancel_open);
  g_test_add_func ("/file-chooser/cancel-save", test_cancel_save);
  g_test_add_func ("/file-chooser/cancel-folder-before-shown", test_cancel_folder_before);
  g_test_add_func ("/file-chooser/sandboxed", test_not_sandboxed);
  return g_test_run ();
}
