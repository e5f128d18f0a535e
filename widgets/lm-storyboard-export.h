/* lm-storyboard-export.h — a storyboard's pages: one per scene, as a
 * PDF or as PNG files (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "lm-storyboard.h"
#include "lm-view.h"

G_BEGIN_DECLS

/* What the pages look like. Start from lm_storyboard_export_options_init(). */
typedef struct
{
  int         width;    /* page size in pixels: default 1920 x 1080, a 16:9 */
  int         height;   /* slide (1440 x 810 pt in a PDF) */
  const char *title;    /* the scenario's name, in each page's footer; NULL: none */
} LmStoryboardExportOptions;

/* After each page; @done of @total. Called in the exporting thread. */
typedef void (*LmStoryboardProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

void      lm_storyboard_export_options_init (LmStoryboardExportOptions *options);

/**
 * lm_storyboard_draw_page:
 * @view: a view with a model that nobody else is using (the scene's
 *   weights are put into it)
 * @scene: the scene to show
 * @index: its position, from 0
 * @n_scenes: how many there are
 * @options: the page
 * @cr: a context whose user space is @options' pixels
 * @error: what the data lacked for this scene (LM_VIEW_ERROR_INCOMPLETE);
 *   the page is drawn either way
 *
 * Applies @scene to @view and draws its page on white: the scene's title
 * and key message, the custom-weights marker when the weights are not the
 * official ones, the map with its legend beside it (never under it), the
 * plot beside the map when the scene shows it, the data's attributions,
 * a provenance line and "Scene N of M".
 *
 * Returns: FALSE when the scene could not be applied in full
 */
gboolean  lm_storyboard_draw_page           (LmView                          *view,
                                             LmScene                         *scene,
                                             guint                            index,
                                             guint                            n_scenes,
                                             const LmStoryboardExportOptions *options,
                                             cairo_t                         *cr,
                                             GError                         **error);

/**
 * lm_storyboard_export_pdf:
 * @view: a view with a model nobody else is using
 * @storyboard: the scenes
 * @path: the PDF to write
 * @options: the pages
 * @progress: (nullable): told after each page
 * @progress_data: for @progress
 * @cancellable: (nullable): stops between pages; the file is then left
 *   as it was
 * @warnings: (nullable): gets a sentence (char*) for each scene the data
 *   could not show in full
 * @error: a write failure naming the file, or G_IO_ERROR_CANCELLED
 *
 * One page per scene, written with g_file_replace(): @path is replaced
 * only once every page is written.
 */
gboolean  lm_storyboard_export_pdf          (LmView                          *view,
                                             LmStoryboard                    *storyboard,
                                             const char                      *path,
                                             const LmStoryboardExportOptions *options,
                                             LmStoryboardProgressFunc         progress,
                                             gpointer                         progress_data,
                                             GCancellable                    *cancellable,
                                             GPtrArray                       *warnings,
                                             GError                         **error);

/**
 * lm_storyboard_export_pngs:
 * @folder: an existing folder
 * @files: (nullable): gets the paths written (char*)
 *
 * One PNG per scene in @folder, named by position and title
 * ("01-the-imd-map.png"), each written atomically; otherwise as
 * lm_storyboard_export_pdf().
 */
gboolean  lm_storyboard_export_pngs         (LmView                          *view,
                                             LmStoryboard                    *storyboard,
                                             const char                      *folder,
                                             const LmStoryboardExportOptions *options,
                                             LmStoryboardProgressFunc         progress,
                                             gpointer                         progress_data,
                                             GCancellable                    *cancellable,
                                             GPtrArray                       *files,
                                             GPtrArray                       *warnings,
                                             GError                         **error);

/* "01-the-imd-map.png": the file name of scene @index (from 0). */
char     *lm_storyboard_png_name            (LmScene                         *scene,
                                             guint                            index);

G_END_DECLS
