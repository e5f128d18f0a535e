/* test-selection.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <glib.h>

#include "lm-selection.h"

/* A small England, four levels deep:
 *
 *   region  R0                      R1
 *   lad     L0          L1          L2
 *   ward    W0    W1    W2          W3    W4     W5
 *   lsoa    S0 S1 S2    S3 S4       S5    S6 S7  (none)   S8 (no ward)
 *
 * W5 has no LSOA and S8 no ward, as happens in the real lookups. */
typedef struct
{
  LmLevel *lsoa;
  LmLevel *ward;
  LmLevel *lad;
  LmLevel *region;
  LmSelection *selection;
  guint changed;
} Fixture;

static void
add_areas (LmLevel    *level,
           const char *prefix,
           guint       n,
           const int  *parents)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s%u", prefix, i);
      guint index = lm_level_add_area (level, code, code);

      g_assert_cmpuint (index, ==, i);
      level->parent[i] = parents != NULL ? parents[i] : -1;
      level->population[i] = 100;
    }
}

static void
link_levels (LmLevel *child,
             LmLevel *parent)
{
  child->parent_level = parent;
  parent->child_level = child;
}

static void
on_changed (LmSelection *selection,
            Fixture     *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const int lsoa_parent[] = { 0, 0, 1, 2, 2, 3, 4, 4, -1 };
  static const int ward_parent[] = { 0, 0, 1, 2, 2, 2 };
  static const int lad_parent[] = { 0, 0, 1 };

  fixture->lsoa = lm_level_new ("lsoa", "LSOAs", 0);
  fixture->ward = lm_level_new ("ward", "Wards", 1);
  fixture->lad = lm_level_new ("lad", "Local authorities", 2);
  fixture->region = lm_level_new ("region", "Regions", 3);
  add_areas (fixture->lsoa, "S", G_N_ELEMENTS (lsoa_parent), lsoa_parent);
  add_areas (fixture->ward, "W", G_N_ELEMENTS (ward_parent), ward_parent);
  add_areas (fixture->lad, "L", G_N_ELEMENTS (lad_parent), lad_parent);
  add_areas (fixture->region, "R", 2, NULL);
  link_levels (fixture->lsoa, fixture->ward);
  link_levels (fixture->ward, fixture->lad);
  link_levels (fixture->lad, fixture->region);

  fixture->selection = lm_selection_new ();
  fixture->changed = 0;
  g_signal_connect (fixture->selection, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->selection);
  lm_level_free (fixture->lsoa);
  lm_level_free (fixture->ward);
  lm_level_free (fixture->lad);
  lm_level_free (fixture->region);
}

/* Asserts that the projection of the selection to @level is exactly the
 * areas in @expected (ascending, terminated by -1), through every
 * accessor. */
static void
assert_selected (Fixture   *fixture,
                 LmLevel   *level,
                 const int *expected)
{
  g_autoptr(GArray) areas = lm_selection_get_areas (fixture->selection, level);
  const guint8 *mask = lm_selection_get_mask (fixture->selection, level);
  guint n = 0;

  while (expected[n] >= 0)
    n++;

  g_assert_nonnull (mask);
  g_assert_cmpuint (areas->len, ==, n);
  g_assert_cmpuint (lm_selection_count (fixture->selection, level), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (areas, guint, i), ==, (guint) expected[i]);
  for (guint i = 0, j = 0; i < level->n_areas; i++)
    {
      gboolean want = j < n && (guint) expected[j] == i;

      g_assert_cmpint (mask[i] != 0, ==, want);
      g_assert_cmpint (lm_selection_contains (fixture->selection, level, i), ==, want);
      if (want)
        j++;
    }
}

#define EXPECT(fixture, level, ...) \
  G_STMT_START { \
    static const int expected_[] = { __VA_ARGS__ }; \
    assert_selected (fixture, level, expected_); \
  } G_STMT_END

#define SELECT(fixture, level, mode, ...) \
  G_STMT_START { \
    static const guint areas_[] = { __VA_ARGS__ }; \
    lm_selection_select (fixture->selection, level, areas_, G_N_ELEMENTS (areas_), mode); \
  } G_STMT_END

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_true (lm_selection_is_empty (fixture->selection));
  g_assert_null (lm_selection_get_level (fixture->selection));
  EXPECT (fixture, fixture->lsoa, -1);
  EXPECT (fixture, fixture->ward, -1);
  EXPECT (fixture, fixture->lad, -1);
  EXPECT (fixture, fixture->region, -1);

  lm_selection_clear (fixture->selection);
  lm_selection_select (fixture->selection, fixture->ward, NULL, 0, LM_SELECTION_REPLACE);
  lm_selection_select (fixture->selection, fixture->ward, NULL, 0, LM_SELECTION_ADD);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_null (lm_selection_get_level (fixture->selection));
}

/* A ward selected: its LSOAs below, its district and region above. */
static void
test_ward_projects (Fixture       *fixture,
                    gconstpointer  data)
{
  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 2);

  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_false (lm_selection_is_empty (fixture->selection));
  g_assert_true (lm_selection_get_level (fixture->selection) == fixture->ward);
  EXPECT (fixture, fixture->ward, 2, -1);
  EXPECT (fixture, fixture->lsoa, 3, 4, -1);
  EXPECT (fixture, fixture->lad, 1, -1);
  EXPECT (fixture, fixture->region, 0, -1);
}

/* An LSOA selected: its ward, district and region light up, its sibling
 * LSOAs do not. */
static void
test_lsoa_projects_up (Fixture       *fixture,
                       gconstpointer  data)
{
  SELECT (fixture, fixture->lsoa, LM_SELECTION_REPLACE, 6);

  EXPECT (fixture, fixture->lsoa, 6, -1);
  EXPECT (fixture, fixture->ward, 4, -1);
  EXPECT (fixture, fixture->lad, 2, -1);
  EXPECT (fixture, fixture->region, 1, -1);

  /* An LSOA with no ward projects nowhere. */
  SELECT (fixture, fixture->lsoa, LM_SELECTION_REPLACE, 8);
  EXPECT (fixture, fixture->lsoa, 8, -1);
  EXPECT (fixture, fixture->ward, -1);
  EXPECT (fixture, fixture->lad, -1);
  EXPECT (fixture, fixture->region, -1);
}

/* A district selected: all its wards (with or without LSOAs) and all
 * their LSOAs. */
static void
test_lad_projects_down (Fixture       *fixture,
                        gconstpointer  data)
{
  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 2);

  EXPECT (fixture, fixture->ward, 3, 4, 5, -1);
  EXPECT (fixture, fixture->lsoa, 5, 6, 7, -1);
  EXPECT (fixture, fixture->region, 1, -1);

  SELECT (fixture, fixture->region, LM_SELECTION_REPLACE, 0);
  EXPECT (fixture, fixture->lad, 0, 1, -1);
  EXPECT (fixture, fixture->ward, 0, 1, 2, -1);
  EXPECT (fixture, fixture->lsoa, 0, 1, 2, 3, 4, -1);
  g_assert_cmpuint (fixture->changed, ==, 2);
}

/* Two wards of different districts select both districts. */
static void
test_several_up (Fixture       *fixture,
                 gconstpointer  data)
{
  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 0, 1, 3);

  EXPECT (fixture, fixture->lad, 0, 2, -1);
  EXPECT (fixture, fixture->region, 0, 1, -1);
  EXPECT (fixture, fixture->lsoa, 0, 1, 2, 5, -1);
}

static void
test_set_operations (Fixture       *fixture,
                     gconstpointer  data)
{
  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 0, 2);
  EXPECT (fixture, fixture->ward, 0, 2, -1);

  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 2, 3);
  EXPECT (fixture, fixture->ward, 0, 2, 3, -1);

  SELECT (fixture, fixture->ward, LM_SELECTION_REMOVE, 0, 4);
  EXPECT (fixture, fixture->ward, 2, 3, -1);

  SELECT (fixture, fixture->ward, LM_SELECTION_TOGGLE, 3, 4);
  EXPECT (fixture, fixture->ward, 2, 4, -1);

  /* Repeated entries count once, also for toggling. */
  SELECT (fixture, fixture->ward, LM_SELECTION_TOGGLE, 1, 1, 1);
  EXPECT (fixture, fixture->ward, 1, 2, 4, -1);

  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 5);
  EXPECT (fixture, fixture->ward, 5, -1);
  g_assert_cmpuint (fixture->changed, ==, 6);

  /* Removing the last area empties the selection and forgets its level. */
  SELECT (fixture, fixture->ward, LM_SELECTION_REMOVE, 5);
  g_assert_true (lm_selection_is_empty (fixture->selection));
  g_assert_null (lm_selection_get_level (fixture->selection));
  EXPECT (fixture, fixture->ward, -1);
  g_assert_cmpuint (fixture->changed, ==, 7);

  /* Toggling into an empty selection. */
  SELECT (fixture, fixture->lad, LM_SELECTION_TOGGLE, 1);
  EXPECT (fixture, fixture->lad, 1, -1);
  g_assert_true (lm_selection_get_level (fixture->selection) == fixture->lad);

  {
    guint8 mask[6] = { 1, 0, 0, 0, 1, 0 };

    lm_selection_select_mask (fixture->selection, fixture->ward, mask, LM_SELECTION_REPLACE);
    EXPECT (fixture, fixture->ward, 0, 4, -1);
  }
  g_assert_cmpuint (fixture->changed, ==, 9);
}

/* ADD, REMOVE and TOGGLE at another level first convert the set. */
static void
test_convert_level (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Removing one ward from a selected district keeps its other wards. */
  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 0);
  SELECT (fixture, fixture->ward, LM_SELECTION_REMOVE, 0);
  g_assert_true (lm_selection_get_level (fixture->selection) == fixture->ward);
  EXPECT (fixture, fixture->ward, 1, -1);
  EXPECT (fixture, fixture->lsoa, 2, -1);
  EXPECT (fixture, fixture->lad, 0, -1);

  /* Adding a ward of another district to a district selection. */
  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 1);
  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 3);
  EXPECT (fixture, fixture->ward, 2, 3, -1);
  EXPECT (fixture, fixture->lad, 1, 2, -1);

  /* Toggling a district while wards are held: the wards become their
   * districts first. */
  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 0);
  SELECT (fixture, fixture->lad, LM_SELECTION_TOGGLE, 2);
  g_assert_true (lm_selection_get_level (fixture->selection) == fixture->lad);
  EXPECT (fixture, fixture->lad, 0, 2, -1);
  SELECT (fixture, fixture->lad, LM_SELECTION_TOGGLE, 0);
  EXPECT (fixture, fixture->lad, 2, -1);

  /* REPLACE at another level does not convert. */
  SELECT (fixture, fixture->lsoa, LM_SELECTION_REPLACE, 0);
  EXPECT (fixture, fixture->lsoa, 0, -1);
  EXPECT (fixture, fixture->lad, 0, -1);
  g_assert_cmpuint (fixture->changed, ==, 8);
}

/* One "changed" per change; none when a call changes nothing. */
static void
test_signal_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 1, 2);
  g_assert_cmpuint (fixture->changed, ==, 1);

  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 2, 1);
  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 1);
  SELECT (fixture, fixture->ward, LM_SELECTION_REMOVE, 4);
  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 2, 2, 1);
  g_assert_cmpuint (fixture->changed, ==, 1);

  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 3);
  g_assert_cmpuint (fixture->changed, ==, 2);
  SELECT (fixture, fixture->ward, LM_SELECTION_TOGGLE, 3);
  g_assert_cmpuint (fixture->changed, ==, 3);

  /* Adding a district's own ward converts the set to wards: the level it
   * is held at changes, which is a change (lm_selection_get_level). */
  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 0);
  g_assert_cmpuint (fixture->changed, ==, 4);
  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 0);
  g_assert_cmpuint (fixture->changed, ==, 5);
  EXPECT (fixture, fixture->ward, 0, 1, -1);
  SELECT (fixture, fixture->ward, LM_SELECTION_ADD, 1);
  g_assert_cmpuint (fixture->changed, ==, 5);

  lm_selection_clear (fixture->selection);
  g_assert_cmpuint (fixture->changed, ==, 6);
  lm_selection_clear (fixture->selection);
  g_assert_cmpuint (fixture->changed, ==, 6);
}

/* Masks are cached until the next change and then reflect it. */
static void
test_mask_cache (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint8 *a, *b;

  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 0);
  a = lm_selection_get_mask (fixture->selection, fixture->lsoa);
  b = lm_selection_get_mask (fixture->selection, fixture->lsoa);
  g_assert_true (a == b);
  g_assert_cmpuint (a[0], ==, 1);
  g_assert_cmpuint (a[5], ==, 0);

  SELECT (fixture, fixture->lad, LM_SELECTION_REPLACE, 2);
  a = lm_selection_get_mask (fixture->selection, fixture->lsoa);
  g_assert_cmpuint (a[0], ==, 0);
  g_assert_cmpuint (a[5], ==, 1);
}

static void
test_bad_area (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint areas[] = { 1, 99 };

  SELECT (fixture, fixture->ward, LM_SELECTION_REPLACE, 0);
  g_test_expect_message ("lm-model", G_LOG_LEVEL_CRITICAL, "*areas[i] < level->n_areas*");
  lm_selection_select (fixture->selection, fixture->ward, areas, 2, LM_SELECTION_ADD);
  g_test_assert_expected_messages ();
  EXPECT (fixture, fixture->ward, 0, -1);
  g_assert_cmpuint (fixture->changed, ==, 1);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/model/selection/empty", test_empty);
  ADD_TEST ("/model/selection/ward-projects", test_ward_projects);
  ADD_TEST ("/model/selection/lsoa-projects-up", test_lsoa_projects_up);
  ADD_TEST ("/model/selection/lad-projects-down", test_lad_projects_down);
  ADD_TEST ("/model/selection/several-up", test_several_up);
  ADD_TEST ("/model/selection/set-operations", test_set_operations);
  ADD_TEST ("/model/selection/convert-level", test_convert_level);
  ADD_TEST ("/model/selection/signal-counts", test_signal_counts);
  ADD_TEST ("/model/selection/mask-cache", test_mask_cache);
  ADD_TEST ("/model/selection/bad-area", test_bad_area);

  return g_test_run ();
}
