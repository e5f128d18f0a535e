/* lm-application.h — the Levelmap application: actions, settings, loading
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-model.h"

G_BEGIN_DECLS

#define LM_TYPE_APPLICATION (lm_application_get_type ())
G_DECLARE_FINAL_TYPE (LmApplication, lm_application, LM, APPLICATION, AdwApplication)

/* A single-instance application (io.github.levelmap.Levelmap). main.c
 * parses the command line itself and sets "data-dir" (--data-dir) and
 * "dataset" (--dataset) before g_application_run(); both may stay NULL. */
LmApplication *lm_application_new                (void);
const char    *lm_application_get_data_dir       (LmApplication  *self);
void           lm_application_set_data_dir       (LmApplication  *self,
                                                  const char     *data_dir);
const char    *lm_application_get_dataset        (LmApplication  *self);
void           lm_application_set_dataset        (LmApplication  *self,
                                                  const char     *dataset);
/* The window options of the command line (lm_cli_get_window_options():
 * a scenario to open, view options), for the next activation: this
 * instance's first window, or the window of the instance already running,
 * to which a second start hands them. A scenario there also chooses the
 * dataset to load first when "dataset" is not set. */
void           lm_application_set_window_options (LmApplication *self,
                                                  GVariant      *options);
/* The application's settings (after registration). The schema is
 * required: g_application_run() refuses to start without it (exit status
 * 1 and a sentence on how to install it), and registering without it is
 * a fatal error. */
GSettings     *lm_application_get_settings       (LmApplication  *self);
/* The data folder to use now: "data-dir" if set, else $LEVELMAP_DATA_DIR,
 * else the folder chosen earlier in the window (settings), else the
 * configured or installed one (lm_data_dir_find). */
char          *lm_application_find_data_dir      (LmApplication  *self);
/* Remembers a folder the user chose in the window; it overrides the
 * "data-dir" property from now on. */
void           lm_application_remember_data_dir  (LmApplication  *self,
                                                  const char     *data_dir);
/* The dataset to open first: "dataset" if set, else the last one, else
 * the data folder's first; NULL if there is none. */
char          *lm_application_get_initial_dataset (LmApplication *self);

/**
 * lm_application_load_model_async:
 * @self: the application
 * @dataset: a dataset id the manifest folders offer, or a manifest path
 * @data_dir: the data folder
 * @levels: (nullable): ids of levels whose boundaries to read now (the
 *   map's level); their coarser levels are read too
 * @cancellable: (nullable): cancels the hand-over (the thread finishes)
 * @callback: called on the main thread
 * @user_data: for @callback
 *
 * Opens the dataset and computes the model in a worker thread. Only that
 * thread touches the new objects until they are handed over.
 */
void           lm_application_load_model_async   (LmApplication       *self,
                                                  const char          *dataset,
                                                  const char          *data_dir,
                                                  const char * const  *levels,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
LmModel       *lm_application_load_model_finish  (LmApplication       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
