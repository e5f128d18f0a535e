/* lm-storyboard.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-storyboard.h"

struct _LmStoryboard
{
  GObject    parent_instance;

  GPtrArray *scenes;   /* LmScene*, owned */
};

static void lm_storyboard_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LmStoryboard, lm_storyboard, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lm_storyboard_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
emit_changed (LmStoryboard *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_scene_notify_cb (LmStoryboard *self,
                    GParamSpec   *pspec,
                    LmScene      *scene)
{
  emit_changed (self);
}

static void
watch (LmStoryboard *self,
       LmScene      *scene)
{
  g_signal_connect_object (scene, "notify", G_CALLBACK (on_scene_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch (gpointer data,
         gpointer user_data)
{
  g_signal_handlers_disconnect_by_data (data, user_data);
}

/* GListModel */

static GType
lm_storyboard_get_item_type (GListModel *model)
{
  return LM_TYPE_SCENE;
}

static guint
lm_storyboard_get_n_items (GListModel *model)
{
  return LM_STORYBOARD (model)->scenes->len;
}

static gpointer
lm_storyboard_get_item (GListModel *model,
                        guint       position)
{
  LmStoryboard *self = LM_STORYBOARD (model);

  if (position >= self->scenes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->scenes, position));
}

static void
lm_storyboard_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lm_storyboard_get_item_type;
  iface->get_n_items = lm_storyboard_get_n_items;
  iface->get_item = lm_storyboard_get_item;
}

/* GObject overrides */

static void
lm_storyboard_dispose (GObject *object)
{
  LmStoryboard *self = LM_STORYBOARD (object);

  if (self->scenes != NULL)
    {
      g_ptr_array_foreach (self->scenes, unwatch, self);
      g_clear_pointer (&self->scenes, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (lm_storyboard_parent_class)->dispose (object);
}

static void
lm_storyboard_class_init (LmStoryboardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lm_storyboard_dispose;

  /**
   * LmStoryboard::changed:
   *
   * Once after any edit of the scenes or their order.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lm_storyboard_init (LmStoryboard *self)
{
  self->scenes = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

LmStoryboard *
lm_storyboard_new (void)
{
  return g_object_new (LM_TYPE_STORYBOARD, NULL);
}

guint
lm_storyboard_get_n_scenes (LmStoryboard *self)
{
  g_return_val_if_fail (LM_IS_STORYBOARD (self), 0);
  return self->scenes->len;
}

LmScene *
lm_storyboard_get_scene (LmStoryboard *self,
                         guint         position)
{
  g_return_val_if_fail (LM_IS_STORYBOARD (self), NULL);
  g_return_val_if_fail (position < self->scenes->len, NULL);

  return g_ptr_array_index (self->scenes, position);
}

int
lm_storyboard_find (LmStoryboard *self,
                    LmScene      *scene)
{
  guint position;

  g_return_val_if_fail (LM_IS_STORYBOARD (self), -1);

  if (scene == NULL || !g_ptr_array_find (self->scenes, scene, &position))
    return -1;
  return (int) position;
}

void
lm_storyboard_insert (LmStoryboard *self,
                      guint         position,
                      LmScene      *scene)
{
  g_return_if_fail (LM_IS_STORYBOARD (self));
  g_return_if_fail (LM_IS_SCENE (scene));
  g_return_if_fail (lm_storyboard_find (self, scene) < 0);

  position = MIN (position, self->scenes->len);
  g_ptr_array_insert (self->scenes, (int) position, g_object_ref (scene));
  watch (self, scene);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  emit_changed (self);
}

void
lm_storyboard_append (LmStoryboard *self,
                      LmScene      *scene)
{
  g_return_if_fail (LM_IS_STORYBOARD (self));

  lm_storyboard_insert (self, self->scenes->len, scene);
}

void
lm_storyboard_remove (LmStoryboard *self,
                      guint         position)
{
  g_return_if_fail (LM_IS_STORYBOARD (self));
  g_return_if_fail (position < self->scenes->len);

  unwatch (g_ptr_array_index (self->scenes, position), self);
  g_ptr_array_remove_index (self->scenes, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  emit_changed (self);
}

void
lm_storyboard_move (LmStoryboard *self,
                    guint         from,
                    guint         to)
{
  gpointer scene;
  guint first, n;

  g_return_if_fail (LM_IS_STORYBOARD (self));
  g_return_if_fail (from < self->scenes->len);
  g_return_if_fail (to < self->scenes->len);

  if (from == to)
    return;
  scene = g_ptr_array_steal_index (self->scenes, from);
  g_ptr_array_insert (self->scenes, (int) to, scene);
  first = MIN (from, to);
  n = MAX (from, to) - first + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
  emit_changed (self);
}

LmScene *
lm_storyboard_duplicate (LmStoryboard *self,
                         guint         position)
{
  g_autoptr(LmScene) copy = NULL;

  g_return_val_if_fail (LM_IS_STORYBOARD (self), NULL);
  g_return_val_if_fail (position < self->scenes->len, NULL);

  copy = lm_scene_copy (g_ptr_array_index (self->scenes, position));
  lm_storyboard_insert (self, position + 1, copy);
  return copy;
}

void
lm_storyboard_replace (LmStoryboard *self,
                       LmStoryboard *other)
{
  guint removed;

  g_return_if_fail (LM_IS_STORYBOARD (self));
  g_return_if_fail (other == NULL || LM_IS_STORYBOARD (other));
  g_return_if_fail (other != self);

  removed = self->scenes->len;
  g_ptr_array_foreach (self->scenes, unwatch, self);
  g_ptr_array_set_size (self->scenes, 0);
  for (guint i = 0; other != NULL && i < other->scenes->len; i++)
    {
      LmScene *copy = lm_scene_copy (g_ptr_array_index (other->scenes, i));

      g_ptr_array_add (self->scenes, copy);
      watch (self, copy);
    }
  if (removed == 0 && self->scenes->len == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->scenes->len);
  emit_changed (self);
}
