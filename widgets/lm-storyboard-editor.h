/* lm-storyboard-editor.h — the scenes of a storyboard: added from the
 * view, updated, duplicated, renamed, reordered and deleted
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-storyboard.h"
#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_STORYBOARD_EDITOR (lm_storyboard_editor_get_type ())
G_DECLARE_FINAL_TYPE (LmStoryboardEditor, lm_storyboard_editor, LM, STORYBOARD_EDITOR, GtkWidget)

/**
 * LmStoryboardEditor:
 *
 * The list of scenes, numbered, with the selected scene's title, key
 * message and plot switch below it to edit. Its actions (buttons and
 * keys):
 *   storyboard.add        Ctrl+N      a scene of the view as it is, after the
 *                                     selected one
 *   storyboard.update     Ctrl+U      the selected scene takes the view as it is
 *   storyboard.duplicate  Ctrl+D
 *   storyboard.delete     Delete
 *   storyboard.move-up    Alt+Up      also by dragging a row
 *   storyboard.move-down  Alt+Down
 *   storyboard.show       Enter       the view takes the selected scene
 *                                     ("scene-activated")
 *   storyboard.present    F5          "present" from the selected scene
 *
 * Signals:
 *   "scene-activated" (guint position): show this scene in the view
 *   "present" (guint position): present from this scene
 */
GtkWidget *lm_storyboard_editor_new          (LmStoryboard       *storyboard,
                                              LmView             *view);
LmStoryboard *lm_storyboard_editor_get_storyboard (LmStoryboardEditor *self);
/* GTK_INVALID_LIST_POSITION when there are no scenes. */
guint      lm_storyboard_editor_get_selected (LmStoryboardEditor *self);
void       lm_storyboard_editor_select       (LmStoryboardEditor *self,
                                              guint               position);

G_END_DECLS
