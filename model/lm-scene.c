/* lm-scene.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-scenario.h"
#include "lm-scene.h"

struct _LmScene
{
  GObject         parent_instance;

  /* Owned References */
  char           *title;
  char           *message;
  LmViewSnapshot *snapshot;
  GVariant       *properties;   /* a{sv}, floating refs sunk */

  /* State */
  gboolean        show_plot;
};

G_DEFINE_FINAL_TYPE (LmScene, lm_scene, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MESSAGE,
  PROP_SNAPSHOT,
  PROP_PROPERTIES,
  PROP_SHOW_PLOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static GVariant *
empty_properties (void)
{
  return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
}

static gboolean
set_text (char       **field,
          const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* GObject overrides */

static void
lm_scene_finalize (GObject *object)
{
  LmScene *self = LM_SCENE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->snapshot, lm_view_snapshot_unref);
  g_clear_pointer (&self->properties, g_variant_unref);

  G_OBJECT_CLASS (lm_scene_parent_class)->finalize (object);
}

static void
lm_scene_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LmScene *self = LM_SCENE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;
    case PROP_PROPERTIES:
      g_value_set_variant (value, self->properties);
      break;
    case PROP_SHOW_PLOT:
      g_value_set_boolean (value, self->show_plot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_scene_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LmScene *self = LM_SCENE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lm_scene_set_title (self, g_value_get_string (value));
      break;
    case PROP_MESSAGE:
      lm_scene_set_message (self, g_value_get_string (value));
      break;
    case PROP_SNAPSHOT:
      lm_scene_set_snapshot (self, g_value_get_boxed (value));
      break;
    case PROP_PROPERTIES:
      lm_scene_set_properties (self, g_value_get_variant (value));
      break;
    case PROP_SHOW_PLOT:
      lm_scene_set_show_plot (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_scene_class_init (LmSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lm_scene_finalize;
  object_class->get_property = lm_scene_get_property;
  object_class->set_property = lm_scene_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "", rw);
  properties[PROP_SNAPSHOT] =
    g_param_spec_boxed ("snapshot", NULL, NULL, LM_TYPE_VIEW_SNAPSHOT, rw);
  properties[PROP_PROPERTIES] =
    g_param_spec_variant ("properties", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL, rw);
  properties[PROP_SHOW_PLOT] = g_param_spec_boolean ("show-plot", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_scene_init (LmScene *self)
{
  self->title = g_strdup ("");
  self->message = g_strdup ("");
  self->properties = empty_properties ();
}

/* Public API */

/**
 * lm_scene_new:
 * @title: (nullable): the scene's title
 * @message: (nullable): its key message
 * @snapshot: the view to show (a reference is taken)
 * @properties: (nullable): a{sv} of extra view properties
 * @show_plot: whether the plot shows beside the map
 *
 * Returns: (transfer full): a new scene
 */
LmScene *
lm_scene_new (const char     *title,
              const char     *message,
              LmViewSnapshot *snapshot,
              GVariant       *properties,
              gboolean        show_plot)
{
  LmScene *self;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (properties == NULL ||
                        g_variant_is_of_type (properties, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (LM_TYPE_SCENE, NULL);
  set_text (&self->title, title);
  set_text (&self->message, message);
  self->snapshot = lm_view_snapshot_ref (snapshot);
  if (properties != NULL)
    {
      g_variant_unref (self->properties);
      self->properties = g_variant_ref_sink (properties);
    }
  self->show_plot = !!show_plot;
  return self;
}

/**
 * lm_scene_new_from_view:
 *
 * Returns: (transfer full): a scene of @view as it is now
 */
LmScene *
lm_scene_new_from_view (LmView     *view,
                        const char *title,
                        const char *message,
                        gboolean    show_plot)
{
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) properties = NULL;

  g_return_val_if_fail (LM_IS_VIEW (view), NULL);

  snapshot = lm_view_take_snapshot (view);
  properties = lm_scenario_capture_properties (view);
  return lm_scene_new (title, message, snapshot, properties, show_plot);
}

void
lm_scene_update_from_view (LmScene *self,
                           LmView  *view)
{
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) properties = NULL;

  g_return_if_fail (LM_IS_SCENE (self));
  g_return_if_fail (LM_IS_VIEW (view));

  snapshot = lm_view_take_snapshot (view);
  properties = lm_scenario_capture_properties (view);
  g_object_freeze_notify (G_OBJECT (self));
  lm_scene_set_snapshot (self, snapshot);
  lm_scene_set_properties (self, properties);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lm_scene_apply (LmScene  *self,
                LmView   *view,
                GError  **error)
{
  g_autoptr(GError) settings = NULL;
  g_autoptr(GError) extra = NULL;

  g_return_val_if_fail (LM_IS_SCENE (self), FALSE);
  g_return_val_if_fail (LM_IS_VIEW (view), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_object_freeze_notify (G_OBJECT (view));
  lm_view_apply_snapshot (view, self->snapshot, &settings);
  lm_scenario_apply_properties (view, self->properties, &extra);
  g_object_thaw_notify (G_OBJECT (view));
  if (settings == NULL && extra == NULL)
    return TRUE;
  g_set_error (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE, "%s%s%s",
               settings != NULL ? settings->message : "",
               settings != NULL && extra != NULL ? " " : "",
               extra != NULL ? extra->message : "");
  return FALSE;
}

/**
 * lm_scene_copy:
 *
 * Returns: (transfer full): a new scene with @self's contents
 */
LmScene *
lm_scene_copy (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), NULL);

  return lm_scene_new (self->title, self->message, self->snapshot, self->properties,
                       self->show_plot);
}

const char *
lm_scene_get_title (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), NULL);
  return self->title;
}

/* NULL is the empty title. */
void
lm_scene_set_title (LmScene    *self,
                    const char *title)
{
  g_return_if_fail (LM_IS_SCENE (self));

  if (set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
lm_scene_get_message (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), NULL);
  return self->message;
}

void
lm_scene_set_message (LmScene    *self,
                      const char *message)
{
  g_return_if_fail (LM_IS_SCENE (self));

  if (set_text (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * lm_scene_get_snapshot:
 *
 * Returns: (transfer none): the view the scene shows
 */
LmViewSnapshot *
lm_scene_get_snapshot (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), NULL);
  return self->snapshot;
}

void
lm_scene_set_snapshot (LmScene        *self,
                       LmViewSnapshot *snapshot)
{
  g_return_if_fail (LM_IS_SCENE (self));
  g_return_if_fail (snapshot != NULL);

  if (self->snapshot != NULL && lm_view_snapshot_equal (self->snapshot, snapshot))
    return;
  g_clear_pointer (&self->snapshot, lm_view_snapshot_unref);
  self->snapshot = lm_view_snapshot_ref (snapshot);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

/**
 * lm_scene_get_properties:
 *
 * Returns: (transfer none): the extra view properties, a{sv}
 */
GVariant *
lm_scene_get_properties (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), NULL);
  return self->properties;
}

void
lm_scene_set_properties (LmScene  *self,
                         GVariant *extra)
{
  g_autoptr(GVariant) value = NULL;

  g_return_if_fail (LM_IS_SCENE (self));
  g_return_if_fail (extra == NULL ||
                    g_variant_is_of_type (extra, G_VARIANT_TYPE_VARDICT));

  value = extra != NULL ? g_variant_ref_sink (extra) : empty_properties ();
  if (g_variant_equal (value, self->properties))
    return;
  g_variant_unref (self->properties);
  self->properties = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPERTIES]);
}

gboolean
lm_scene_get_show_plot (LmScene *self)
{
  g_return_val_if_fail (LM_IS_SCENE (self), FALSE);
  return self->show_plot;
}

void
lm_scene_set_show_plot (LmScene  *self,
                        gboolean  show_plot)
{
  g_return_if_fail (LM_IS_SCENE (self));

  show_plot = !!show_plot;
  if (self->show_plot == show_plot)
    return;
  self->show_plot = show_plot;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PLOT]);
}

gboolean
lm_scene_equal (LmScene *a,
                LmScene *b)
{
  g_return_val_if_fail (LM_IS_SCENE (a), FALSE);
  g_return_val_if_fail (LM_IS_SCENE (b), FALSE);

  return g_str_equal (a->title, b->title) && g_str_equal (a->message, b->message) &&
         a->show_plot == b->show_plot && lm_view_snapshot_equal (a->snapshot, b->snapshot) &&
         g_variant_equal (a->properties, b->properties);
}
