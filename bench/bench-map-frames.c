/* bench-map-frames.c — frame times of the map widget while it pans and
 * zooms, and the time from a weight change to the recoloured frame
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a window with the map of a level (LSOAs of england-2019 by
 * default) at 1366×768, animates @frames frames of pan and zoom from a
 * tick callback, as a drag or a pinch would move the view, then changes
 * an IMD weight a few times. The map sits in an LmFrameProbe, which
 * times each frame it is drawn in from outside the widget; this program
 * prints `key: value` lines. Run it under a display, e.g. with
 * bench/map-frames.sh (xvfb-run).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lm-choropleth.h"
#include "lm-data-dir.h"
#include "lm-frame-probe.h"
#include "lm-malloc-policy.h"
#include "lm-model.h"

typedef struct
{
  LmChoropleth *map;
  LmMapView     start;
  guint         frame;
  guint         n_frames;
  gint64        first_frame_time;
  gint64        last_frame_time;
  GMainLoop    *loop;
} Animation;

static char *opt_dataset = "england-2019";
static char *opt_data_dir = NULL;
static char *opt_level = "lsoa";
static char *opt_variable = "imd.score";
static char *opt_size = "1366x768";
static int opt_frames = 300;
static int opt_recolours = 9;
static gboolean opt_baseline = FALSE;

static GOptionEntry entries[] = {
  { "dataset", 0, 0, G_OPTION_ARG_STRING, &opt_dataset, "Dataset id or manifest", "ID" },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_dir, "Data folder", "DIR" },
  { "level", 0, 0, G_OPTION_ARG_STRING, &opt_level, "Level", "ID" },
  { "variable", 0, 0, G_OPTION_ARG_STRING, &opt_variable, "Variable", "ID" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &opt_size, "Window size", "WxH" },
  { "frames", 0, 0, G_OPTION_ARG_INT, &opt_frames, "Animated frames", "N" },
  { "recolours", 0, 0, G_OPTION_ARG_INT, &opt_recolours, "Weight changes to time", "N" },
  { "baseline", 0, 0, G_OPTION_ARG_NONE, &opt_baseline,
    "Time the same frames without the map image (the floor set by the display and GSK renderer)", NULL },
  { NULL }
};

static void
wait_ms (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (ms, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
}

/* One pan/zoom path: a third panning, a third zooming in 7× about a
 * point off centre, a third zooming out while panning diagonally. */
static gboolean
animate_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  Animation *anim = data;
  LmMapView view = *lm_choropleth_get_view (anim->map);
  guint third = MAX (anim->n_frames / 3, 1);
  double px = view.width * 0.45, py = view.height * 0.6;

  if (anim->frame == 0)
    anim->first_frame_time = gdk_frame_clock_get_frame_time (clock);
  anim->last_frame_time = gdk_frame_clock_get_frame_time (clock);

  if (anim->frame < third)
    lm_map_view_pan (&view, 6, 2);
  else if (anim->frame < 2 * third)
    lm_map_view_zoom_at (&view, 1.02, px, py);
  else
    {
      lm_map_view_zoom_at (&view, 1 / 1.02, px, py);
      lm_map_view_pan (&view, -4, -3);
    }
  lm_choropleth_set_view (anim->map, &view);

  if (++anim->frame >= anim->n_frames)
    {
      g_main_loop_quit (anim->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint_quit_cb (GdkFrameClock *clock,
                        GMainLoop     *loop)
{
  g_main_loop_quit (loop);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  double *v = (double *) (gpointer) values->data;
  double rank;
  guint lo;

  if (values->len == 0)
    return NAN;
  qsort (v, values->len, sizeof (double), compare_doubles);
  rank = p / 100.0 * (values->len - 1);
  lo = (guint) floor (rank);
  if (lo + 1 >= values->len)
    return v[values->len - 1];
  return v[lo] + (v[lo + 1] - v[lo]) * (rank - lo);
}

/* Prints the time from @start to the end of the first frame with the
 * map in it, and returns the window's frame clock. */
static GdkFrameClock *
wait_for_first_map_frame (GtkWidget *window,
                          GtkWidget *map,
                          gint64     start)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GdkFrameClock *clock;

  while (!gtk_widget_get_mapped (map))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  while (!opt_baseline && lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map)) == 0)
    {
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_quit_cb), loop);

      g_main_loop_run (loop);
      g_signal_handler_disconnect (clock, id);
    }
  g_print ("first_map_frame_ms: %.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  return clock;
}

static void
print_results (GArray *intervals,
               GArray *works,
               GArray *snapshots,
               GArray *recolours,
               GArray *recomputes,
               GArray *renders)
{
  g_print ("frames: %u\n", intervals->len);
  {
    double sum = 0;

    for (guint i = 0; i < intervals->len; i++)
      sum += g_array_index (intervals, double, i);
    g_print ("pan_zoom_fps: %.1f\n", intervals->len > 0 ? 1000.0 * intervals->len / sum : 0.0);
  }
  g_print ("pan_zoom_frame_ms_p50: %.2f\n", percentile (intervals, 50));
  g_print ("pan_zoom_frame_ms_p95: %.2f\n", percentile (intervals, 95));
  g_print ("pan_zoom_work_ms_p50: %.2f\n", percentile (works, 50));
  g_print ("pan_zoom_work_ms_p95: %.2f\n", percentile (works, 95));
  g_print ("pan_zoom_snapshot_ms_p50: %.3f\n", percentile (snapshots, 50));
  g_print ("pan_zoom_snapshot_ms_p95: %.3f\n", percentile (snapshots, 95));
  g_print ("recolour_frame_ms_p50: %.2f\n", percentile (recolours, 50));
  g_print ("recolour_frame_ms_p95: %.2f\n", percentile (recolours, 95));
  g_print ("recolour_recompute_ms_p50: %.2f\n", percentile (recomputes, 50));
  g_print ("recolour_render_ms_p50: %.2f\n", percentile (renders, 50));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the map widget's frames");
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autoptr(LmModel) model = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) works = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recolours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recomputes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) renders = g_array_new (FALSE, FALSE, sizeof (double));
  Animation anim = { 0 };
  GtkWidget *window, *map, *probe;
  GdkFrameClock *clock;
  int width = 1366, height = 768;
  gint64 start;

  /* As in the window (LmApplication's startup). */
  lm_malloc_return_large_blocks ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (sscanf (opt_size, "%dx%d", &width, &height) != 2 || width < 100 || height < 100)
    {
      g_printerr ("--size must be WIDTHxHEIGHT, e.g. 1366x768\n");
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open a display; run under xvfb-run\n");
      return 1;
    }
  adw_init ();

  data_dir = lm_data_dir_find (opt_data_dir);
  start = g_get_monotonic_time ();
  dataset = lm_dataset_open (opt_dataset, data_dir, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  model = lm_model_new (dataset);
  g_print ("load_ms: %.1f\n", (g_get_monotonic_time () - start) / 1000.0);

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  map = lm_choropleth_new (model);
  if (opt_baseline)
    {
      /* No such level: the widget draws no image, only a message. */
      g_object_set (map, "level", "none", NULL);
      opt_recolours = 0;
    }
  else
    g_object_set (map, "level", opt_level, "variable", opt_variable, NULL);
  probe = lm_frame_probe_new (map);
  gtk_window_set_child (GTK_WINDOW (window), probe);
  start = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  clock = wait_for_first_map_frame (window, map, start);
  g_print ("gsk_renderer: %s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("map_size: %dx%d\n", gtk_widget_get_width (map), gtk_widget_get_height (map));
  wait_ms (800);   /* the sharp redraw */

  /* Pan and zoom. */
  anim.map = LM_CHOROPLETH (map);
  anim.n_frames = MAX (opt_frames, 3);
  anim.loop = g_main_loop_new (NULL, FALSE);
  gtk_widget_add_tick_callback (map, animate_tick_cb, &anim, NULL);
  g_main_loop_run (anim.loop);
  g_main_loop_unref (anim.loop);
  wait_ms (800);

  /* Weight changes: from the call to the end of the frame that shows
   * the new colours (the widget renders in that frame's update phase). */
  for (int i = 0; i < opt_recolours; i++)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_quit_cb), loop);
      double ms;

      start = g_get_monotonic_time ();
      if (!lm_model_set_weight (model, "imd", "income", i % 2 == 0 ? 30 : 22.5, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_main_loop_run (loop);
      g_signal_handler_disconnect (clock, id);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (recolours, ms);
      ms = lm_model_get_last_recompute_us (model) / 1000.0;
      g_array_append_val (recomputes, ms);
      ms = lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map));
      g_array_append_val (renders, ms);
      wait_ms (1000);   /* past the sharp redraw that follows */
    }

  samples = lm_frame_probe_take_samples (LM_FRAME_PROBE (probe));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < samples->len; i++)
    {
      const LmFrameSample *s = &g_array_index (samples, LmFrameSample, i);

      /* Frames of the animation, after its first (whose interval spans
       * the idle time before it). */
      if (s->frame_time <= anim.first_frame_time || s->frame_time > anim.last_frame_time + 20000)
        continue;
      g_array_append_val (intervals, s->interval_ms);
      g_array_append_val (works, s->work_ms);
      g_array_append_val (snapshots, s->snapshot_ms);
    }

  print_results (intervals, works, snapshots, recolours, recomputes, renders);
  return 0;
}
