/* lm-document.h — the scenario a window is editing: its file, whether it
 * is modified, its storyboard and its undo history
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-history.h"
#include "lm-scenario.h"

G_BEGIN_DECLS

#define LM_TYPE_DOCUMENT (lm_document_get_type ())
G_DECLARE_FINAL_TYPE (LmDocument, lm_document, LM, DOCUMENT, GObject)

/**
 * LmDocument:
 *
 * What File ▸ Save writes: an LmView (owned by the window), the
 * storyboard and the undo history that go with it, the file it was last
 * opened from or saved to, and whether anything differs from that file.
 * "Modified" compares what a save would write now with what was saved,
 * so undoing back to the saved weights clears it again.
 *
 * A new model on the view (another dataset) is a change when a file is
 * open; an untitled document simply starts on the new data.
 *
 * Properties:
 *   "view"        LmView        construct-only
 *   "storyboard"  LmStoryboard  read-only, never NULL
 *   "history"     LmHistory     read-only, never NULL
 *   "file"        GFile         read-only, NULL until saved or opened
 *   "modified"    boolean       read-only
 *   "title"       string        read-only: the file's display name, or
 *                               "Untitled Scenario"
 */
LmDocument   *lm_document_new            (LmView        *view);
LmView       *lm_document_get_view       (LmDocument    *self);
LmStoryboard *lm_document_get_storyboard (LmDocument    *self);
LmHistory    *lm_document_get_history    (LmDocument    *self);
GFile        *lm_document_get_file       (LmDocument    *self);
gboolean      lm_document_get_modified   (LmDocument    *self);
const char   *lm_document_get_title      (LmDocument    *self);

/* What a save would write now. */
LmScenario   *lm_document_capture        (LmDocument    *self);

/**
 * lm_document_open:
 * @self: a document
 * @scenario: what was read
 * @file: (nullable): where it was read from
 * @error: what the view's data could not take (LM_VIEW_ERROR_INCOMPLETE)
 *
 * Applies @scenario to the view and replaces the storyboard, forgets the
 * undo history and takes @file as the document's file, unmodified. What
 * the data lack is left out and reported; the rest is open either way.
 */
gboolean      lm_document_open           (LmDocument    *self,
                                          LmScenario    *scenario,
                                          GFile         *file,
                                          GError       **error);
/* File ▸ New: official weights, no locks, the default thresholds, no
 * selection, the whole map, no scenes, no file and no history; the
 * level, variable, classes, colours and plot stay. */
void          lm_document_reset          (LmDocument    *self);

/* Writes what the document holds now to @file (atomically, in a worker
 * thread); once written, @file is the document's file and what was
 * written is what "modified" compares with. */
void          lm_document_save_async     (LmDocument          *self,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean      lm_document_save_finish    (LmDocument          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
