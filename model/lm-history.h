/* lm-history.h — undo and redo of weights, locks and thresholds
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-view.h"

G_BEGIN_DECLS

/* Changes of the same thing (one slider's domain, or one threshold) less
 * than this far apart make one step: a drag is one undo. */
#define LM_HISTORY_COALESCE_MS 1000

#define LM_TYPE_HISTORY (lm_history_get_type ())
G_DECLARE_FINAL_TYPE (LmHistory, lm_history, LM, HISTORY, GObject)

/**
 * LmHistory:
 *
 * A linear history of an LmView's analysis settings: its weights, locks
 * and left-behind thresholds, however they were changed (sliders, typed
 * values, a reset, a scenario). It follows the view's "changed" signal,
 * so nothing has to report to it. Undoing and redoing set the view to a
 * recorded state; a change after an undo drops the states that could be
 * redone, as in a text editor.
 *
 * Successive changes of the same weights (a slider dragged, with the
 * domains it moves) or of the same threshold, each less than
 * LM_HISTORY_COALESCE_MS after the last, are one step; a lock is always a
 * step of its own; lm_history_seal() ends a step at once (a reset button
 * does, so that the reset is a step of its own). A step that ends where
 * it began disappears.
 *
 * A new model (another dataset) starts the history anew, as does
 * lm_history_clear() (a scenario opened).
 *
 * Properties:
 *   "view"       LmView   construct-only
 *   "can-undo"   boolean  read-only
 *   "can-redo"   boolean  read-only
 *   "recording"  boolean  FALSE ignores changes (a presentation steps
 *                         through scenes); set back to TRUE, a state
 *                         different from the last one is a new step
 */
LmHistory *lm_history_new            (LmView    *view);
LmView    *lm_history_get_view       (LmHistory *self);
gboolean   lm_history_get_can_undo   (LmHistory *self);
gboolean   lm_history_get_can_redo   (LmHistory *self);
/* Returns FALSE when there was nothing to undo or redo. */
gboolean   lm_history_undo           (LmHistory *self);
gboolean   lm_history_redo           (LmHistory *self);
void       lm_history_seal           (LmHistory *self);
void       lm_history_clear          (LmHistory *self);
gboolean   lm_history_get_recording  (LmHistory *self);
void       lm_history_set_recording  (LmHistory *self,
                                      gboolean   recording);
/* Recorded states (the present one included) and the present's
 * position among them, for tests and for the undo buttons' tooltips. */
guint      lm_history_get_n_states   (LmHistory *self);
guint      lm_history_get_position   (LmHistory *self);

G_END_DECLS
