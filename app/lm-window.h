/* lm-window.h — the main window: map, plot, table, weights and details
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-application.h"
#include "lm-load-page.h"
#include "lm-model.h"
#include "lm-plot-panel.h"
#include "lm-search-popover.h"
#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_WINDOW (lm_window_get_type ())
G_DECLARE_FINAL_TYPE (LmWindow, lm_window, LM, WINDOW, AdwApplicationWindow)

/* A window that starts loading the application's initial dataset at
 * once (in a worker thread) and shows a spinner until it is ready, or a
 * page that explains what is missing. */
LmWindow   *lm_window_new             (LmApplication *application);
/* The model shown, or NULL while the first load runs or after it failed.
 * "notify::model" announces every new one. */
LmModel    *lm_window_get_model       (LmWindow      *self);
/* TRUE while a dataset loads in the background. */
gboolean    lm_window_get_loading     (LmWindow      *self);
/* Loads @dataset (an id the manifest folders offer, or a manifest path;
 * NULL for the data folder's first dataset) from @data_dir (NULL: the
 * application's data folder) in the background; the current data stay
 * on screen meanwhile. */
void        lm_window_load            (LmWindow      *self,
                                       const char    *dataset,
                                       const char    *data_dir);
/* Opens a user's own dataset manifest. */
void        lm_window_open_dataset    (LmWindow      *self,
                                       const char    *manifest_path);
/* The page shown: "loading", "error" or "data". */
const char *lm_window_get_page        (LmWindow      *self);
/* What the error page says (the GError message), or NULL when it is
 * not shown. */
const char *lm_window_get_error_text  (LmWindow      *self);

/* What the window shows: every view binds to it, and the window
 * keeps no copy of it. */
LmView     *lm_window_get_view        (LmWindow      *self);

/* The views made for the current model (NULL without one). */
GtkWidget  *lm_window_get_map         (LmWindow      *self);
GtkWidget  *lm_window_get_legend      (LmWindow      *self);
GtkWidget  *lm_window_get_plot        (LmWindow      *self);
GtkWidget  *lm_window_get_table       (LmWindow      *self);
GtkWidget  *lm_window_get_weights_panel (LmWindow    *self);
GtkWidget  *lm_window_get_details     (LmWindow      *self);

/* The parts of the window with their own API. */
LmSearchPopover *lm_window_get_search_popover (LmWindow *self);
LmPlotPanel     *lm_window_get_plot_panel     (LmWindow *self);
LmLoadPage      *lm_window_get_load_page      (LmWindow *self);

/* Switches the map to @level, selects @area (replacing the selection)
 * and zooms to it: what activating a search result does. */
void        lm_window_show_area       (LmWindow      *self,
                                       LmLevel       *level,
                                       guint          area);

/* Opens the scenario the command line names and applies its view
 * options (lm_cli_get_window_options()), once the data are loaded. */
void        lm_window_apply_options   (LmWindow      *self,
                                       GVariant      *options);

/* Shows a short message at the bottom of the window. */
void        lm_window_add_toast       (LmWindow      *self,
                                       const char    *message);

G_END_DECLS
