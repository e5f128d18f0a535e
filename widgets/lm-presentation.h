/* lm-presentation.h — a storyboard (or the current view) full screen,
 * stepped through with the keys presentation clickers send
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-storyboard.h"
#include "lm-view.h"

G_BEGIN_DECLS

/* How long the extent and the weights take to move between scenes. */
#define LM_PRESENTATION_TRANSITION_MS 200

#define LM_TYPE_PRESENTATION (lm_presentation_get_type ())
G_DECLARE_FINAL_TYPE (LmPresentation, lm_presentation, LM, PRESENTATION, GtkWindow)

/**
 * LmPresentation:
 *
 * A window of its own, full screen without a header bar, panels or
 * window buttons: the scene's title and key message as a caption in
 * large type, the map fitted to the screen with its legend in a column
 * beside it (never over it), the plot beside the map when the scene shows
 * it, the custom-weights marker, the data's credits and a scene counter.
 *
 * Keys: Right, Space and Page Down go to the next scene; Left and Page
 * Up to the previous one; Home and End to the first and last; B (or the
 * full stop clickers send) blanks the screen and brings it back; Escape
 * closes the window. Between scenes the map's extent and, when the map
 * shows the same variable, the weights move in
 * LM_PRESENTATION_TRANSITION_MS.
 *
 * The scenes are applied to @view, which the caller restores afterwards
 * (the main window does when the presentation closes). To present the
 * view as it is, give a storyboard of one scene made from it; the scene
 * counter shows only when there are several.
 *
 * Properties:
 *   "view"        LmView         construct-only
 *   "storyboard"  LmStoryboard   construct-only, at least one scene
 *   "index"       uint           the scene shown
 *   "blanked"     boolean        the screen is black
 */
GtkWidget    *lm_presentation_new                 (LmView         *view,
                                                   LmStoryboard   *storyboard,
                                                   guint           first);
guint         lm_presentation_get_index           (LmPresentation *self);
/* Moves to scene @index (clamped), with the transition. */
void          lm_presentation_go_to               (LmPresentation *self,
                                                   guint           index);
gboolean      lm_presentation_get_blanked         (LmPresentation *self);
void          lm_presentation_set_blanked         (LmPresentation *self,
                                                   gboolean        blanked);
/* TRUE while the extent or the weights are moving. */
gboolean      lm_presentation_is_moving           (LmPresentation *self);
/* Milliseconds from the last go_to() to the frame that showed its final
 * state painted; 0 before the first. For the benchmark. */
double        lm_presentation_get_last_transition_ms (LmPresentation *self);
/* What the caption says now (title and message), for tests. */
const char   *lm_presentation_get_caption_title   (LmPresentation *self);
GtkWidget    *lm_presentation_get_map             (LmPresentation *self);
GtkWidget    *lm_presentation_get_plot            (LmPresentation *self);
GtkWidget    *lm_presentation_get_legend          (LmPresentation *self);

G_END_DECLS
