/* lm-file-chooser.h — one way to ask for a file or folder, through the
 * file chooser portal when sandboxed
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LM_FILE_CHOOSER_OPEN,
  LM_FILE_CHOOSER_SAVE,
  LM_FILE_CHOOSER_SELECT_FOLDER,
} LmFileChooserAction;

/**
 * lm_file_chooser_run:
 * @parent: (nullable): the window the dialog is modal for
 * @action: open a file, save one, or choose a folder
 * @title: the dialog's title
 * @accept_label: (nullable): the accept button's label, with a mnemonic
 * @filters: (nullable): a #GListModel of #GtkFileFilter, the first one
 *   selected
 * @initial_name: (nullable): the name suggested when saving
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called once the user has chosen or dismissed the dialog
 * @user_data: for @callback
 *
 * Shows the file chooser: #GtkFileDialog when built with GTK 4.10 or
 * later, #GtkFileChooserNative with GTK 4.8 (the choice is made at compile
 * time). Both go through the file chooser portal inside a Flatpak, which
 * grants the app access to what the user picked and nothing else.
 */
void   lm_file_chooser_run        (GtkWindow            *parent,
                                   LmFileChooserAction   action,
                                   const char           *title,
                                   const char           *accept_label,
                                   GListModel           *filters,
                                   const char           *initial_name,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);

/* As lm_file_chooser_run(), the dialog opening in @initial_folder
 * (NULL: wherever the toolkit likes, often the working folder). */
void   lm_file_chooser_run_in     (GtkWindow            *parent,
                                   LmFileChooserAction   action,
                                   const char           *title,
                                   const char           *accept_label,
                                   GListModel           *filters,
                                   const char           *initial_name,
                                   GFile                *initial_folder,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);

/**
 * lm_file_chooser_run_finish:
 * @result: the result given to the callback
 * @filter: (out) (optional) (nullable) (transfer full): the filter the
 *   user had selected, when the dialog tells (GtkFileChooserNative does,
 *   GtkFileDialog does not)
 * @error: %G_IO_ERROR_CANCELLED when the user dismissed the dialog or
 *   the cancellable was cancelled
 *
 * Returns: (transfer full) (nullable): the chosen file or folder
 */
GFile *lm_file_chooser_run_finish (GAsyncResult         *result,
                                   GtkFileFilter       **filter,
                                   GError              **error);

/* Whether Levelmap runs inside a Flatpak sandbox, where a chosen file
 * comes without its folder (the portal grants only what was picked). */
gboolean lm_file_chooser_is_sandboxed (void);

G_END_DECLS
