/* test-text.c — figure text set up in device pixels
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "lm-text.h"

static PangoLayout *
new_layout (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  PangoLayout *layout = pango_layout_new (context);

  g_object_unref (context);
  return layout;
}

/* The font is absolute (pixels, not points), so a figure is the same
 * size whatever the screen's resolution. */
static void
test_setup (void)
{
  g_autoptr(PangoLayout) layout = new_layout ();
  const PangoFontDescription *desc;

  lm_text_layout_setup (layout, NULL, 13.5, PANGO_WEIGHT_BOLD, "Left behind");
  desc = pango_layout_get_font_description (layout);
  g_assert_nonnull (desc);
  g_assert_true (pango_font_description_get_size_is_absolute (desc));
  g_assert_cmpint (pango_font_description_get_size (desc), ==, (int) (13.5 * PANGO_SCALE));
  g_assert_cmpint (pango_font_description_get_weight (desc), ==, PANGO_WEIGHT_BOLD);
  g_assert_cmpstr (pango_font_description_get_family (desc), ==, "Sans");
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "Left behind");

  lm_text_layout_setup (layout, "Serif", 9, PANGO_WEIGHT_NORMAL, "IMD");
  desc = pango_layout_get_font_description (layout);
  g_assert_cmpstr (pango_font_description_get_family (desc), ==, "Serif");
  g_assert_cmpint (pango_font_description_get_weight (desc), ==, PANGO_WEIGHT_NORMAL);
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "IMD");
}

/* The size in pixels is Pango's, unscaled; twice the font, about twice
 * the text. */
static void
test_size (void)
{
  g_autoptr(PangoLayout) layout = new_layout ();
  double w10, h10, w20, h20;
  int pw, ph;

  lm_text_layout_setup (layout, NULL, 10, PANGO_WEIGHT_NORMAL, "Index of Multiple Deprivation");
  lm_text_layout_get_size (layout, &w10, &h10);
  pango_layout_get_size (layout, &pw, &ph);
  g_assert_cmpfloat (w10, ==, (double) pw / PANGO_SCALE);
  g_assert_cmpfloat (h10, ==, (double) ph / PANGO_SCALE);
  g_assert_cmpfloat (w10, >, 50);
  g_assert_cmpfloat (h10, >, 8);

  lm_text_layout_setup (layout, NULL, 20, PANGO_WEIGHT_NORMAL, "Index of Multiple Deprivation");
  lm_text_layout_get_size (layout, &w20, &h20);
  g_assert_cmpfloat (fabs (w20 / w10 - 2), <, 0.2);
  g_assert_cmpfloat (fabs (h20 / h10 - 2), <, 0.2);

  /* Either output may be left out. */
  lm_text_layout_get_size (layout, NULL, &h10);
  g_assert_cmpfloat (h10, ==, h20);
  lm_text_layout_get_size (layout, &w10, NULL);
  g_assert_cmpfloat (w10, ==, w20);

  /* No text: no width. */
  lm_text_layout_setup (layout, NULL, 20, PANGO_WEIGHT_NORMAL, "");
  lm_text_layout_get_size (layout, &w20, NULL);
  g_assert_cmpfloat (w20, ==, 0);
}

static gpointer
load_fonts_thread (gpointer data)
{
  return lm_text_load_fonts (12);
}

static gpointer
measure_with_fonts_thread (gpointer data)
{
  PangoFontMap *fonts = data;
  g_autoptr(PangoLayout) layout = NULL;
  double *size = g_new (double, 2);

  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (fonts));
  layout = new_layout ();
  lm_text_layout_setup (layout, NULL, 17, PANGO_WEIGHT_BOLD, "Index of Multiple Deprivation");
  lm_text_layout_get_size (layout, &size[0], &size[1]);
  return size;
}

/* Fonts loaded ahead on one thread, then made another's default, lay out
 * text exactly as that thread's own fonts would. */
static void
test_fonts_loaded_ahead (void)
{
  g_autoptr(PangoFontMap) fonts = g_thread_join (g_thread_new ("load", load_fonts_thread, NULL));
  g_autoptr(PangoLayout) layout = new_layout ();
  g_autofree double *ahead = NULL;
  double width, height;

  g_assert_true (PANGO_IS_CAIRO_FONT_MAP (fonts));
  g_assert_true (fonts != pango_cairo_font_map_get_default ());
  ahead = g_thread_join (g_thread_new ("measure", measure_with_fonts_thread, fonts));
  lm_text_layout_setup (layout, NULL, 17, PANGO_WEIGHT_BOLD, "Index of Multiple Deprivation");
  lm_text_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (width, >, 100);
  g_assert_cmpfloat (ahead[0], ==, width);
  g_assert_cmpfloat (ahead[1], ==, height);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/text/setup", test_setup);
  g_test_add_func ("/render/text/size", test_size);
  g_test_add_func ("/render/text/fonts-loaded-ahead", test_fonts_loaded_ahead);
  return g_test_run ();
}
