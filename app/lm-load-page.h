/* lm-load-page.h — the data being read, or why they cannot be and what
 * to do about it
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What kind of trouble a load ran into decides what the page suggests. */
typedef enum
{
  LM_LOAD_PROBLEM_MISSING,      /* no data folder, or no dataset of that name */
  LM_LOAD_PROBLEM_MISSING_FILE, /* the folder lacks a file the manifest names */
  LM_LOAD_PROBLEM_MANIFEST,     /* the dataset manifest is not valid */
  LM_LOAD_PROBLEM_DATA,         /* a table or layer cannot be used */
} LmLoadProblem;

/* The spinner's size in pixels; its icon is read at this size while the
 * window is built (lm-application.c), before the page is first drawn. */
#define LM_LOAD_PAGE_SPINNER_SIZE 32

#define LM_TYPE_LOAD_PAGE (lm_load_page_get_type ())
G_DECLARE_FINAL_TYPE (LmLoadPage, lm_load_page, LM, LOAD_PAGE, AdwBin)

LmLoadProblem  lm_load_problem_from_error  (const GError  *error);

GtkWidget     *lm_load_page_new            (void);
/* A spinner under @title and @description. */
void           lm_load_page_show_loading   (LmLoadPage    *self,
                                            const char    *title,
                                            const char    *description);
/**
 * lm_load_page_show_error:
 * @self: the page
 * @problem: what kind of trouble
 * @message: the GError's message, shown as it is
 * @manifest: (nullable): the path of a user's own dataset manifest, or
 *   %NULL for a dataset of the data folder
 * @data_dir: the data folder that was read
 * @data_dir_origin: where that folder came from, e.g. "(the
 *   LEVELMAP_DATA_DIR variable)"
 *
 * A title and icon for @problem, @message, and a hint that names the
 * file or folder and what to do: correct the manifest, or choose the
 * data folder (the button is offered only for the data folder's
 * datasets), with the command-line and environment alternatives. The
 * buttons activate "win.choose-data-folder" and "win.retry".
 */
void           lm_load_page_show_error     (LmLoadPage    *self,
                                            LmLoadProblem  problem,
                                            const char    *message,
                                            const char    *manifest,
                                            const char    *data_dir,
                                            const char    *data_dir_origin);
/* "loading" or "error". */
const char    *lm_load_page_get_mode       (LmLoadPage    *self);
/* The error's message and the hint, as shown (the hint without markup). */
const char    *lm_load_page_get_message    (LmLoadPage    *self);
const char    *lm_load_page_get_hint       (LmLoadPage    *self);
gboolean       lm_load_page_get_offers_folder_choice (LmLoadPage *self);

G_END_DECLS
