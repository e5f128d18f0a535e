/* test-palette.c — colour schemes: names, class counts, direction
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <glib.h>

#include "lm-level.h"
#include "lm-palette.h"

static gboolean
same_color (const LmColor *a,
            const LmColor *b)
{
  return fabs (a->red - b->red) < 1e-6 && fabs (a->green - b->green) < 1e-6
         && fabs (a->blue - b->blue) < 1e-6 && fabs (a->alpha - b->alpha) < 1e-6;
}

static void
assert_hex (const LmColor *color,
            const char    *hex)
{
  g_autofree char *found = lm_color_to_string (color);

  g_assert_cmpstr (found, ==, hex);
}

static void
test_lookup (void)
{
  g_autoptr(GError) error = NULL;
  const LmPalette *palette;

  palette = lm_palette_lookup ("viridis", &error);
  g_assert_no_error (error);
  g_assert_nonnull (palette);
  g_assert_cmpstr (lm_palette_get_name (palette), ==, "viridis");

  /* Command-line names are case-insensitive */
  palette = lm_palette_lookup ("ylorrd", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lm_palette_get_name (palette), ==, "YlOrRd");
  g_assert_cmpint (lm_palette_get_kind (palette), ==, LM_PALETTE_SEQUENTIAL);
  g_assert_cmpint (lm_palette_get_kind (lm_palette_lookup ("RdBu", NULL)), ==, LM_PALETTE_DIVERGING);

  palette = lm_palette_lookup ("rainbow", &error);
  g_assert_null (palette);
  g_assert_error (error, LM_PALETTE_ERROR, LM_PALETTE_ERROR_UNKNOWN);
  /* The message says what to choose instead */
  g_assert_nonnull (strstr (error->message, "rainbow"));
  g_assert_nonnull (strstr (error->message, "viridis"));
  g_assert_nonnull (strstr (error->message, "YlGnBu"));
}

static void
test_list (void)
{
  const LmPalette * const *list = lm_palette_list ();
  g_autofree char *names = lm_palette_list_names ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *wanted[] = { "viridis", "YlOrRd", "Reds", "Blues", "Purples", "YlGnBu",
                           "RdBu", "PuOr", "BrBG" };
  guint n = 0;

  g_assert_true (list[0] == lm_palette_lookup (LM_PALETTE_DEFAULT_SEQUENTIAL, NULL));
  for (; list[n] != NULL; n++)
    {
      const char *name = lm_palette_get_name (list[n]);

      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, (gpointer) name);
      g_assert_nonnull (strstr (names, name));
      g_assert_true (lm_palette_lookup (name, NULL) == list[n]);
      g_assert_nonnull (lm_palette_get_title (list[n]));
      g_assert_true (lm_palette_is_colorblind_safe (list[n]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_assert_true (g_hash_table_contains (seen, wanted[i]));
}

static void
test_class_counts (void)
{
  const LmPalette * const *list = lm_palette_list ();

  for (guint p = 0; list[p] != NULL; p++)
    for (guint n = 1; n <= LM_PALETTE_MAX_CLASSES; n++)
      {
        LmColor colors[LM_PALETTE_MAX_CLASSES + 1];
        LmColor sentinel = { 42, 42, 42, 42 };

        colors[n] = sentinel;
        lm_palette_get_colors (lm_palette_list ()[p], n, FALSE, colors);
        /* Writes exactly n colours */
        g_assert_true (same_color (&colors[n], &sentinel));
        for (guint i = 0; i < n; i++)
          {
            g_assert_cmpfloat (colors[i].red, >=, 0);
            g_assert_cmpfloat (colors[i].red, <=, 1);
            g_assert_cmpfloat (colors[i].green, >=, 0);
            g_assert_cmpfloat (colors[i].green, <=, 1);
            g_assert_cmpfloat (colors[i].blue, >=, 0);
            g_assert_cmpfloat (colors[i].blue, <=, 1);
            g_assert_cmpfloat (colors[i].alpha, ==, 1);
            if (i > 0)
              g_assert_false (same_color (&colors[i - 1], &colors[i]));
          }

        /* Sequential schemes get darker towards the "worse" end, one
         * step per class, also where 10 classes are interpolated. */
        if (lm_palette_get_kind (list[p]) == LM_PALETTE_SEQUENTIAL && n >= 3)
          for (guint i = 1; i < n; i++)
            g_assert_cmpfloat (lm_color_get_luminance (&colors[i]), <,
                               lm_color_get_luminance (&colors[i - 1]));

        /* Diverging schemes are light in the middle, strong at the ends */
        if (lm_palette_get_kind (list[p]) == LM_PALETTE_DIVERGING && n >= 3)
          {
            double mid = lm_color_get_luminance (&colors[n / 2]);

            g_assert_cmpfloat (lm_color_get_luminance (&colors[0]), <, mid);
            g_assert_cmpfloat (lm_color_get_luminance (&colors[n - 1]), <, mid);
          }
      }
}

static void
test_colorbrewer_sets (void)
{
  LmColor colors[LM_PALETTE_MAX_CLASSES];
  const LmPalette *ylorrd = lm_palette_lookup ("YlOrRd", NULL);
  const LmPalette *rdbu = lm_palette_lookup ("RdBu", NULL);

  /* ColorBrewer's hand-tuned 5-class set, not five samples of the 9 */
  lm_palette_get_colors (ylorrd, 5, FALSE, colors);
  assert_hex (&colors[0], "#ffffb2");
  assert_hex (&colors[1], "#fecc5c");
  assert_hex (&colors[2], "#fd8d3c");
  assert_hex (&colors[3], "#f03b20");
  assert_hex (&colors[4], "#bd0026");

  /* 10 classes: interpolated between the 9-class ends */
  lm_palette_get_colors (ylorrd, 10, FALSE, colors);
  assert_hex (&colors[0], "#ffffcc");
  assert_hex (&colors[9], "#800026");

  /* Diverging, good end first: blue ... red */
  lm_palette_get_colors (rdbu, 5, FALSE, colors);
  assert_hex (&colors[0], "#0571b0");
  assert_hex (&colors[2], "#f7f7f7");
  assert_hex (&colors[4], "#ca0020");
  lm_palette_get_colors (rdbu, 10, FALSE, colors);
  assert_hex (&colors[0], "#053061");
  assert_hex (&colors[9], "#67001f");

  /* Reverse */
  lm_palette_get_colors (ylorrd, 5, TRUE, colors);
  assert_hex (&colors[0], "#bd0026");
}

static void
test_viridis (void)
{
  LmColor colors[LM_PALETTE_MAX_CLASSES];
  const LmPalette *viridis = lm_palette_lookup ("viridis", NULL);

  /* The good end is viridis's yellow, the worse end its dark purple */
  lm_palette_get_colors (viridis, 5, FALSE, colors);
  assert_hex (&colors[0], "#fde725");
  assert_hex (&colors[4], "#440154");
}

static void
test_direction (void)
{
  LmLevel *level = lm_level_new ("lsoa", "LSOAs", 0);
  LmVariable *score = lm_variable_new ("imd.score", "IMD score", LM_UNIT_SCORE, level);
  LmVariable *rank = lm_variable_new ("imd.rank", "IMD rank", LM_UNIT_RANK, level);
  LmVariable *decile = lm_variable_new ("imd.decile", "IMD decile", LM_UNIT_DECILE, level);
  LmVariable *change = lm_variable_new ("imd.rank_change", "Rank change", LM_UNIT_CHANGE, level);
  const LmPalette * const *list = lm_palette_list ();

  for (guint p = 0; list[p] != NULL; p++)
    {
      LmColor by_score[7], by_rank[7], by_decile[7];

      lm_palette_get_colors_for_variable (list[p], score, 7, by_score);
      lm_palette_get_colors_for_variable (list[p], rank, 7, by_rank);
      lm_palette_get_colors_for_variable (list[p], decile, 7, by_decile);
      /* Scores: the highest class (most deprived) is the darkest.
       * Ranks and deciles: 1 is most deprived, so the lowest class. */
      for (guint i = 0; i < 7; i++)
        {
          g_assert_true (same_color (&by_score[i], &by_rank[6 - i]));
          g_assert_true (same_color (&by_rank[i], &by_decile[i]));
        }
      if (lm_palette_get_kind (list[p]) == LM_PALETTE_SEQUENTIAL)
        {
          g_assert_cmpfloat (lm_color_get_luminance (&by_score[6]), <,
                             lm_color_get_luminance (&by_score[0]));
          g_assert_cmpfloat (lm_color_get_luminance (&by_rank[0]), <,
                             lm_color_get_luminance (&by_rank[6]));
        }
    }

  g_assert_true (lm_palette_get_default (score) == lm_palette_lookup ("viridis", NULL));
  g_assert_true (lm_palette_get_default (rank) == lm_palette_lookup ("viridis", NULL));
  g_assert_cmpint (lm_palette_get_kind (lm_palette_get_default (change)), ==, LM_PALETTE_DIVERGING);
  {
    LmColor colors[5];

    /* A rise in deprivation rank reads warm (red), a fall cool (blue) */
    lm_palette_get_colors_for_variable (lm_palette_get_default (change), change, 5, colors);
    g_assert_cmpfloat (colors[4].red, >, colors[4].blue);
    g_assert_cmpfloat (colors[0].blue, >, colors[0].red);
  }

  lm_variable_free (score);
  lm_variable_free (rank);
  lm_variable_free (decile);
  lm_variable_free (change);
  lm_level_free (level);
}

static void
test_no_data_and_colors (void)
{
  LmColor no_data = lm_palette_get_no_data_color ();
  const LmPalette * const *list = lm_palette_list ();
  LmColor parsed;
  g_autofree char *text = NULL;

  /* A neutral grey that no scheme uses */
  g_assert_cmpfloat (no_data.red, ==, no_data.green);
  g_assert_cmpfloat (no_data.green, ==, no_data.blue);
  for (guint p = 0; list[p] != NULL; p++)
    if (strcmp (lm_palette_get_name (list[p]), "Greys") != 0)
      for (guint n = 3; n <= LM_PALETTE_MAX_CLASSES; n++)
        {
          LmColor colors[LM_PALETTE_MAX_CLASSES];

          lm_palette_get_colors (list[p], n, FALSE, colors);
          for (guint i = 0; i < n; i++)
            g_assert_false (same_color (&colors[i], &no_data));
        }

  g_assert_true (lm_color_parse ("#3366cc", &parsed));
  text = lm_color_to_string (&parsed);
  g_assert_cmpstr (text, ==, "#3366cc");
  g_assert_cmpfloat (parsed.alpha, ==, 1);
  g_assert_true (lm_color_parse ("#3366cc80", &parsed));
  g_assert_cmpfloat_with_epsilon (parsed.alpha, 128 / 255.0, 1e-9);
  g_assert_false (lm_color_parse ("3366cc", &parsed));
  g_assert_false (lm_color_parse ("#33g6cc", &parsed));
  g_assert_false (lm_color_parse ("#336", &parsed));
  g_assert_false (lm_color_parse (NULL, &parsed));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/palette/lookup", test_lookup);
  g_test_add_func ("/render/palette/list", test_list);
  g_test_add_func ("/render/palette/class-counts", test_class_counts);
  g_test_add_func ("/render/palette/colorbrewer-sets", test_colorbrewer_sets);
  g_test_add_func ("/render/palette/viridis", test_viridis);
  g_test_add_func ("/render/palette/direction", test_direction);
  g_test_add_func ("/render/palette/no-data", test_no_data_and_colors);

  return g_test_run ();
}
