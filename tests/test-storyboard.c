/* test-storyboard.c — scenes and the storyboard: edits, their
 * "items-changed" ranges and "changed" once per edit
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "lm-storyboard.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

typedef struct
{
  GArray *items;     /* ItemsChanged */
  guint   changed;
} Watch;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  ItemsChanged event = { position, removed, added };

  g_array_append_val (watch->items, event);
}

static void
on_changed (LmStoryboard *storyboard,
            Watch        *watch)
{
  watch->changed++;
}

static void
watch_start (Watch        *watch,
             LmStoryboard *storyboard)
{
  watch->items = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  watch->changed = 0;
  g_signal_connect (storyboard, "items-changed", G_CALLBACK (on_items_changed), watch);
  g_signal_connect (storyboard, "changed", G_CALLBACK (on_changed), watch);
}

static void
assert_items_changed (Watch *watch,
                      guint  position,
                      guint  removed,
                      guint  added)
{
  ItemsChanged *last;

  g_assert_cmpuint (watch->items->len, >, 0);
  last = &g_array_index (watch->items, ItemsChanged, watch->items->len - 1);
  g_assert_cmpuint (last->position, ==, position);
  g_assert_cmpuint (last->removed, ==, removed);
  g_assert_cmpuint (last->added, ==, added);
}

static LmViewSnapshot *
snapshot_with_classes (guint n)
{
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  LmViewSnapshot *snapshot;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "n-classes", g_variant_new_uint32 (n));
  snapshot = lm_view_snapshot_new_from_variant (g_variant_builder_end (&builder), &error);
  g_assert_no_error (error);
  return snapshot;
}

static LmScene *
new_scene (const char *title,
           guint       n_classes)
{
  g_autoptr(LmViewSnapshot) snapshot = snapshot_with_classes (n_classes);

  return lm_scene_new (title, NULL, snapshot, NULL, FALSE);
}

static const char *
title_at (LmStoryboard *storyboard,
          guint         i)
{
  return lm_scene_get_title (lm_storyboard_get_scene (storyboard, i));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_scene (void)
{
  g_autoptr(LmScene) scene = new_scene ("A", 4);
  g_autoptr(LmScene) copy = NULL;
  g_autoptr(LmViewSnapshot) other = snapshot_with_classes (6);
  g_autoptr(LmViewSnapshot) same = snapshot_with_classes (6);
  guint notified = 0;

  g_assert_cmpstr (lm_scene_get_message (scene), ==, "");
  g_assert_cmpuint (g_variant_n_children (lm_scene_get_properties (scene)), ==, 0);
  copy = lm_scene_copy (scene);
  g_assert_true (copy != scene);
  g_assert_true (lm_scene_equal (scene, copy));

  g_signal_connect (scene, "notify", G_CALLBACK (count_notify), &notified);
  lm_scene_set_title (scene, "A");
  lm_scene_set_message (scene, NULL);
  g_assert_cmpuint (notified, ==, 0);
  lm_scene_set_title (scene, "B");
  lm_scene_set_message (scene, "Key message.");
  lm_scene_set_show_plot (scene, TRUE);
  lm_scene_set_snapshot (scene, other);
  g_assert_cmpuint (notified, ==, 4);
  /* An equal snapshot is no change. */
  lm_scene_set_snapshot (scene, same);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_false (lm_scene_equal (scene, copy));
}

static void
test_edits (void)
{
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autoptr(LmScene) a = new_scene ("A", 3);
  g_autoptr(LmScene) b = new_scene ("B", 4);
  g_autoptr(LmScene) c = new_scene ("C", 5);
  Watch watch;
  LmScene *copy;

  watch_start (&watch, storyboard);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (storyboard)) == LM_TYPE_SCENE);

  lm_storyboard_append (storyboard, a);
  lm_storyboard_append (storyboard, c);
  lm_storyboard_insert (storyboard, 1, b);
  assert_items_changed (&watch, 1, 0, 1);
  g_assert_cmpuint (watch.changed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (storyboard)), ==, 3);
  g_assert_cmpstr (title_at (storyboard, 0), ==, "A");
  g_assert_cmpstr (title_at (storyboard, 1), ==, "B");
  g_assert_cmpint (lm_storyboard_find (storyboard, c), ==, 2);

  /* Reordered: C first. */
  lm_storyboard_move (storyboard, 2, 0);
  assert_items_changed (&watch, 0, 3, 3);
  g_assert_cmpstr (title_at (storyboard, 0), ==, "C");
  g_assert_cmpstr (title_at (storyboard, 1), ==, "A");
  g_assert_cmpstr (title_at (storyboard, 2), ==, "B");
  lm_storyboard_move (storyboard, 0, 1);
  assert_items_changed (&watch, 0, 2, 2);
  g_assert_cmpstr (title_at (storyboard, 0), ==, "A");
  g_assert_cmpstr (title_at (storyboard, 1), ==, "C");
  g_assert_cmpuint (watch.changed, ==, 5);

  copy = lm_storyboard_duplicate (storyboard, 0);
  assert_items_changed (&watch, 1, 0, 1);
  g_assert_true (lm_storyboard_get_scene (storyboard, 1) == copy);
  g_assert_true (lm_scene_equal (copy, a));

  /* A scene's edit is the storyboard's. */
  lm_scene_set_title (copy, "A again");
  g_assert_cmpuint (watch.changed, ==, 7);

  lm_storyboard_remove (storyboard, 1);
  assert_items_changed (&watch, 1, 1, 0);
  g_assert_cmpint (lm_storyboard_find (storyboard, copy), ==, -1);
  g_assert_cmpuint (watch.changed, ==, 8);

  /* A removed scene is not watched any more. */
  lm_scene_set_title (lm_storyboard_get_scene (storyboard, 0), "A1");
  g_assert_cmpuint (watch.changed, ==, 9);
  g_array_unref (watch.items);
}

static void
test_replace (void)
{
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autoptr(LmStoryboard) other = lm_storyboard_new ();
  g_autoptr(LmScene) a = new_scene ("A", 3);
  g_autoptr(LmScene) b = new_scene ("B", 4);
  Watch watch;

  lm_storyboard_append (storyboard, a);
  lm_storyboard_append (other, b);
  watch_start (&watch, storyboard);
  lm_storyboard_replace (storyboard, other);
  assert_items_changed (&watch, 0, 1, 1);
  g_assert_cmpuint (watch.changed, ==, 1);
  /* Copies: editing the source does not edit the copy. */
  g_assert_true (lm_storyboard_get_scene (storyboard, 0) != b);
  lm_scene_set_title (b, "B changed");
  g_assert_cmpstr (title_at (storyboard, 0), ==, "B");
  g_assert_cmpuint (watch.changed, ==, 1);
  /* The old scene is not watched. */
  lm_scene_set_title (a, "A changed");
  g_assert_cmpuint (watch.changed, ==, 1);

  lm_storyboard_replace (storyboard, NULL);
  assert_items_changed (&watch, 0, 1, 0);
  /* Nothing to nothing: no signal. */
  lm_storyboard_replace (storyboard, NULL);
  g_assert_cmpuint (watch.changed, ==, 2);
  g_array_unref (watch.items);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/storyboard/scene", test_scene);
  g_test_add_func ("/storyboard/edits", test_edits);
  g_test_add_func ("/storyboard/replace", test_replace);
  return g_test_run ();
}
