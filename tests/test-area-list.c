/* test-area-list.c — the area table's list model: what it shows, and
 * that its signals describe every change: places come and go at the end
 * (items-changed), the places kept show other areas (contents-changed)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib.h>

#include "lm-area-list.h"

#define N_AREAS 500

/* The number of places, kept from items-changed alone, and whether
 * contents-changed came. */
typedef struct
{
  guint    n_items;
  guint    n_signals;
  gboolean contents_changed;
} Mirror;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Mirror     *mirror)
{
  /* Only places past the end of the shorter list come or go. */
  g_assert_cmpuint (position + removed, ==, mirror->n_items);
  g_assert_true (removed == 0 || added == 0);
  mirror->n_items = mirror->n_items - removed + added;
  mirror->n_signals++;
}

static void
on_contents_changed (LmAreaList *list,
                     Mirror     *mirror)
{
  mirror->contents_changed = TRUE;
}

static void
assert_mirror (LmAreaList *list,
               Mirror     *mirror)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (mirror->n_items, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpuint (lm_area_list_get_area (list, i), ==, lm_area_row_get_area (row));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
  g_assert_cmpuint (lm_area_list_get_area (list, n), ==, G_MAXUINT);
}

/* The areas @order lists (all if NULL) whose haystack holds @needle. */
static void
assert_shows (LmAreaList  *list,
              char       **haystacks,
              const guint *order,
              const char  *needle)
{
  guint position = 0;

  for (guint i = 0; i < N_AREAS; i++)
    {
      guint area = order != NULL ? order[i] : i;

      if (needle != NULL && strstr (haystacks[area], needle) == NULL)
        continue;
      g_assert_cmpuint (lm_area_list_get_area (list, position), ==, area);
      position++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, position);
}

static void
test_filter_and_order (void)
{
  static const char *needles[] = { "1", "12", "123", "2", NULL, "7", "x", "", "4" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  LmLevel *level = lm_level_new ("area", "Areas", 0);
  g_auto(GStrv) haystacks = g_new0 (char *, N_AREAS + 1);
  g_autoptr(LmAreaList) list = lm_area_list_new ();
  guint order[N_AREAS];
  Mirror mirror = { 0 };

  for (guint a = 0; a < N_AREAS; a++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", a);

      lm_level_add_area (level, code, code);
      haystacks[a] = g_strdup_printf ("area %u", a * 7 % 1000);
      order[a] = a;
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &mirror);
  g_signal_connect (list, "contents-changed", G_CALLBACK (on_contents_changed), &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LM_TYPE_AREA_ROW);

  lm_area_list_set_level (list, level, (const char * const *) haystacks);
  g_assert_true (lm_area_list_get_level (list) == level);
  assert_mirror (list, &mirror);
  assert_shows (list, haystacks, NULL, NULL);

  /* Needles stricter, looser and unrelated, under shuffled orders. */
  for (guint round = 0; round < 4; round++)
    {
      for (guint i = N_AREAS - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }
      lm_area_list_set_order (list, order);
      for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
        {
          const char *needle = needles[n] != NULL && *needles[n] == '\0' ? NULL : needles[n];

          lm_area_list_set_needle (list, needle);
          assert_mirror (list, &mirror);
          assert_shows (list, haystacks, order, needle);
        }
    }

  /* A new order keeps every place (and its row object): no
   * items-changed, but contents-changed, and the row at a place now
   * stands for the area the order puts there. */
  lm_area_list_set_needle (list, NULL);
  for (guint a = 0; a < N_AREAS; a++)
    order[a] = a;
  lm_area_list_set_order (list, order);
  {
    g_autoptr(LmAreaRow) place = g_list_model_get_item (G_LIST_MODEL (list), 10);
    g_autoptr(LmAreaRow) again = NULL;
    guint before = mirror.n_signals;
    guint t = order[10];

    order[10] = order[12];
    order[12] = t;
    mirror.contents_changed = FALSE;
    lm_area_list_set_order (list, order);
    g_assert_cmpuint (mirror.n_signals, ==, before);
    g_assert_true (mirror.contents_changed);
    again = g_list_model_get_item (G_LIST_MODEL (list), 10);
    g_assert_true (again == place);
    g_assert_cmpuint (lm_area_row_get_area (place), ==, 12);
    g_assert_true (lm_area_row_get_level (place) == level);
    assert_mirror (list, &mirror);
  }
  /* The same order again announces nothing at all. */
  {
    guint before = mirror.n_signals;

    mirror.contents_changed = FALSE;
    lm_area_list_set_order (list, order);
    g_assert_cmpuint (mirror.n_signals, ==, before);
    g_assert_false (mirror.contents_changed);
  }

  lm_area_list_set_level (list, NULL, NULL);
  assert_mirror (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_clear_object (&list);
  lm_level_free (level);
}

/* Rows held by a view keep their places (the same objects, showing
 * the areas there now); rows let go of are reused for other places, as
 * GTK's list views ask for every item that comes and keep few; and a
 * row outliving its place or its list is left alone. */
static void
test_rows_held (void)
{
  LmLevel *level = lm_level_new ("area", "Areas", 0);
  LmLevel *other = lm_level_new ("other", "Others", 1);
  g_auto(GStrv) haystacks = g_new0 (char *, N_AREAS + 1);
  LmAreaList *list = lm_area_list_new ();
  LmAreaRow *held[10];
  LmAreaRow *outliving;
  gpointer let_go;

  for (guint a = 0; a < N_AREAS; a++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", a);

      lm_level_add_area (level, code, code);
      lm_level_add_area (other, code, code);
      haystacks[a] = g_strdup_printf ("area %u", a);
    }
  lm_area_list_set_level (list, level, (const char * const *) haystacks);
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    held[i] = g_list_model_get_item (G_LIST_MODEL (list), i);
  /* A scan of every place, letting go of each row at once */
  for (guint i = 0; i < N_AREAS; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpuint (lm_area_row_get_area (row), ==, i);
      if (i < G_N_ELEMENTS (held))
        g_assert_true (row == held[i]);
    }
  {
    LmAreaRow *row = g_list_model_get_item (G_LIST_MODEL (list), 20);

    let_go = row;
    g_object_unref (row);
    row = g_list_model_get_item (G_LIST_MODEL (list), 30);
    g_assert_true ((gpointer) row == let_go);
    g_assert_cmpuint (lm_area_row_get_area (row), ==, 30);
    g_object_unref (row);
  }

  /* "area 5" keeps areas 5 and 50-59: the held rows show them. */
  lm_area_list_set_needle (list, "area 5");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1 + 10);
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (row == held[i]);
      g_assert_cmpuint (lm_area_row_get_area (row), ==, lm_area_list_get_area (list, i));
    }
  /* Fewer places than held rows: those past the end are the list's no
   * more. */
  lm_area_list_set_needle (list, "area 50");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  lm_area_list_set_needle (list, "area 500");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  lm_area_list_set_needle (list, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (row != held[i]);
      g_assert_cmpuint (lm_area_row_get_area (row), ==, i);
      g_object_unref (held[i]);
    }

  /* Another level: no row of the old one comes back. */
  lm_area_list_set_level (list, other, (const char * const *) haystacks);
  for (guint i = 0; i < N_AREAS; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (lm_area_row_get_level (row) == other);
    }
  outliving = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_object_unref (list);
  g_assert_cmpuint (lm_area_row_get_area (outliving), ==, 3);
  g_object_unref (outliving);
  lm_level_free (level);
  lm_level_free (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/area-list/filter-and-order", test_filter_and_order);
  g_test_add_func ("/area-list/rows-held", test_rows_held);
  return g_test_run ();
}
