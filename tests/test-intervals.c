/* test-intervals.c — rank intervals drawn as error bars on the scatter plot
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <glib.h>

#include "lm-scatter-renderer.h"

/* Four districts: ranks 1..4 across, a share up, and each rank's 90%
 * interval one place either side. */
typedef struct
{
  LmLevel    *level;
  LmVariable *rank;
  LmVariable *y;
  LmVariable *low;
  LmVariable *high;
} Data;

static void
data_init (Data *data)
{
  data->level = lm_level_new ("lad", "Districts", 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *code = g_strdup_printf ("D%u", i);

      lm_level_add_area (data->level, code, code);
    }
  data->rank = lm_level_add_variable (data->level, lm_variable_new ("dep.rank", "Dep rank", LM_UNIT_RANK, data->level));
  data->y = lm_level_add_variable (data->level, lm_variable_new ("y", "Share", LM_UNIT_PERCENT, data->level));
  data->low = lm_level_add_variable (data->level, lm_variable_new ("dep.rank_p05", "low", LM_UNIT_RANK, data->level));
  data->high = lm_level_add_variable (data->level, lm_variable_new ("dep.rank_p95", "high", LM_UNIT_RANK, data->level));
  for (guint i = 0; i < 4; i++)
    {
      data->rank->values[i] = i + 1;
      data->y->values[i] = 10 + 20 * i;
      data->low->values[i] = MAX (1, i);
      data->high->values[i] = MIN (4, i + 2);
    }
}

/* Dark pixels (the ink of the bars) on the horizontal line from @x0 to
 * @x1 at @y, clear of the point itself. */
static guint
dark_along (cairo_surface_t *surface,
            double           x0,
            double           x1,
            double           y,
            double           skip_x,
            double           skip)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int x = (int) ceil (x0); x <= (int) floor (x1); x++)
    {
      guint32 pixel = *(const guint32 *) (data + (int) round (y) * stride + 4 * x);
      int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

      if (fabs (x - skip_x) <= skip)
        continue;
      n += r + g + b < 600;
    }
  return n;
}

static guint
draw_and_count (Data     *data,
                gboolean  intervals,
                guint     area)
{
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);
  double x0, x1, y, px, py;
  guint n;

  lm_scatter_renderer_set_variables (renderer, data->level, data->rank, data->y);
  lm_scatter_renderer_set_show_cutoffs (renderer, FALSE);
  lm_scatter_renderer_set_show_intervals (renderer, intervals);
  lm_scatter_renderer_draw (renderer, cr, 600, 400);
  cairo_surface_flush (surface);
  lm_scatter_renderer_data_to_pixel (renderer, data->low->values[area], data->y->values[area], &x0, &y);
  lm_scatter_renderer_data_to_pixel (renderer, data->high->values[area], data->y->values[area], &x1, &y);
  lm_scatter_renderer_data_to_pixel (renderer, data->rank->values[area], data->y->values[area], &px, &py);
  n = dark_along (surface, x0 + 1, x1 - 1, y, px, 8);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

static void
test_error_bars (void)
{
  Data data;

  data_init (&data);
  /* District 2: rank 2, drawn from rank 1 to rank 3. */
  g_assert_cmpuint (draw_and_count (&data, FALSE, 1), ==, 0);
  g_assert_cmpuint (draw_and_count (&data, TRUE, 1), >, 20);
  /* Not on an axis that is no rank. */
  g_free (data.rank->id);
  data.rank->id = g_strdup ("dep.score");
  g_assert_cmpuint (draw_and_count (&data, TRUE, 1), ==, 0);
  lm_level_free (data.level);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/intervals/error-bars", test_error_bars);
  return g_test_run ();
}
