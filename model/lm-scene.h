/* lm-scene.h — one scene of a storyboard: a view to show, its title and
 * its key message
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_SCENE (lm_scene_get_type ())
G_DECLARE_FINAL_TYPE (LmScene, lm_scene, LM, SCENE, GObject)

/**
 * LmScene:
 *
 * What one step of a presentation shows: a snapshot of the view (see
 * LmViewSnapshot), the view's registered extra properties (a{sv}, see
 * lm_scenario_register_view_property()), a title, a key message of a
 * sentence or two, and whether the scatter plot is shown beside the map.
 *
 * Properties (all G_PARAM_EXPLICIT_NOTIFY):
 *   "title"       string          never NULL ("" for none)
 *   "message"     string          never NULL
 *   "snapshot"    LmViewSnapshot  the view to show; never NULL
 *   "properties"  GVariant a{sv}  extra view properties; never NULL
 *   "show-plot"   boolean         the plot beside the map
 */
LmScene        *lm_scene_new            (const char     *title,
                                         const char     *message,
                                         LmViewSnapshot *snapshot,
                                         GVariant       *properties,
                                         gboolean        show_plot);
/* The view as it is now (snapshot and registered properties). */
LmScene        *lm_scene_new_from_view  (LmView         *view,
                                         const char     *title,
                                         const char     *message,
                                         gboolean        show_plot);
/* Sets @view to the scene, as far as its data allow: FALSE with
 * LM_VIEW_ERROR_INCOMPLETE naming what they lack. */
gboolean        lm_scene_apply          (LmScene        *self,
                                         LmView         *view,
                                         GError        **error);
/* Takes the view as it is now ("Update"). */
void            lm_scene_update_from_view (LmScene      *self,
                                         LmView         *view);
/* A new scene with the same contents ("Duplicate"). */
LmScene        *lm_scene_copy           (LmScene        *self);

const char     *lm_scene_get_title      (LmScene        *self);
void            lm_scene_set_title      (LmScene        *self,
                                         const char     *title);
const char     *lm_scene_get_message    (LmScene        *self);
void            lm_scene_set_message    (LmScene        *self,
                                         const char     *message);
LmViewSnapshot *lm_scene_get_snapshot   (LmScene        *self);
void            lm_scene_set_snapshot   (LmScene        *self,
                                         LmViewSnapshot *snapshot);
GVariant       *lm_scene_get_properties (LmScene        *self);
/* @properties: a{sv}, or NULL for none. */
void            lm_scene_set_properties (LmScene        *self,
                                         GVariant       *properties);
gboolean        lm_scene_get_show_plot  (LmScene        *self);
void            lm_scene_set_show_plot  (LmScene        *self,
                                         gboolean        show_plot);
/* Same title, message, plot flag, snapshot and properties. */
gboolean        lm_scene_equal          (LmScene        *a,
                                         LmScene        *b);

G_END_DECLS
