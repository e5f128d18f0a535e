/* lm-storyboard.h — the scenes of a presentation, in order
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-scene.h"

G_BEGIN_DECLS

/* At most this many scenes (a scenario file with more is refused). */
#define LM_STORYBOARD_MAX_SCENES 500

#define LM_TYPE_STORYBOARD (lm_storyboard_get_type ())
G_DECLARE_FINAL_TYPE (LmStoryboard, lm_storyboard, LM, STORYBOARD, GObject)

/**
 * LmStoryboard:
 *
 * A GListModel of LmScene, so a GtkListView can show it. Besides
 * "items-changed", it emits "changed" once after any edit: a scene added,
 * removed or moved, or a property of a scene changed (a scenario is then
 * modified).
 */
LmStoryboard *lm_storyboard_new             (void);
guint         lm_storyboard_get_n_scenes    (LmStoryboard *self);
/* (transfer none) */
LmScene      *lm_storyboard_get_scene       (LmStoryboard *self,
                                             guint         position);
/* The position of @scene, or -1. */
int           lm_storyboard_find            (LmStoryboard *self,
                                             LmScene      *scene);
/* @position past the end appends. A reference is taken. */
void          lm_storyboard_insert          (LmStoryboard *self,
                                             guint         position,
                                             LmScene      *scene);
void          lm_storyboard_append          (LmStoryboard *self,
                                             LmScene      *scene);
void          lm_storyboard_remove          (LmStoryboard *self,
                                             guint         position);
/* Moves the scene at @from so that it ends up at @to. */
void          lm_storyboard_move            (LmStoryboard *self,
                                             guint         from,
                                             guint         to);
/* Inserts a copy after @position and returns it (transfer none). */
LmScene      *lm_storyboard_duplicate       (LmStoryboard *self,
                                             guint         position);
/* Replaces every scene by copies of @other's (NULL: none), in one
 * "items-changed". */
void          lm_storyboard_replace         (LmStoryboard *self,
                                             LmStoryboard *other);

G_END_DECLS
