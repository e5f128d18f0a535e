/* bench-window.c — start-up and slider frame times of the main window
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by bench/window-frames.sh under xvfb-run. Opens the window at
 * 1366x768 on england-2019 and prints, as "key: value" lines:
 *
 *   startup_ms           process start to the end of the first frame
 *                        painted with the map drawn (frame clock
 *                        "after-paint")
 *   startup_main_cpu_ms  CPU time of the main thread, and of the whole
 *   startup_cpu_ms       process, by then (steadier than wall time when
 *                        other work shares the cores)
 *   slider_frame_ms_p50  for each step of a weight slider dragged across
 *   slider_frame_ms_p95  its range (one value per frame, set from a tick
 *                        callback): the time from the value change to the
 *                        end of the next frame's paint, which includes the
 *                        recompute and the repaint of map, plot and table
 *   rss_first_map_mb     resident memory when the map is first drawn, and
 *   rss_settled_mb       once every panel is built (SETTLE_MS later)
 *   *_cpu_ms_p50/p95     for each of the phases below, the main thread's
 *                        CPU time over the same span
 *   recolour_ms_*        the LSOA map's variable switched (a view change):
 *                        the change to the end of the first frame painted
 *   filter_keystroke_ms_* the area table at LSOA level filtered a letter
 *                        at a time ("tendring 01", then back to nothing):
 *                        each keystroke to the end of the frame showing it
 *   resort_ms_*          the LSOA table sorted by another column or way
 *   rss_end_mb           resident memory at the end
 *
 * Diagnostics: LM_BENCH_STEPS=1 prints a line per step (where its time
 * went, and why its wall time exceeds its CPU time), LM_BENCH_FRAMES=1
 * a line per frame painted after a step's change.
 *
 * The process start is $LM_BENCH_T0_NS (CLOCK_REALTIME nanoseconds taken
 * by the script just before it starts us) or, without it, the start time
 * the kernel keeps for the process (10 ms resolution).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>

#include "lm-application.h"
#include "lm-bench-util.h"
#include "lm-area-table.h"
#include "lm-choropleth.h"
#include "lm-window.h"

#define N_STEPS 120
#define SETTLE_MS 600
/* Between two steps of the later phases, as a person would pause;
 * LM_BENCH_GAP_MS=180 makes each recolour come while the sharp render
 * of the one before is still running (it starts 150 ms after it). */
static guint
step_gap_ms (void)
{
  const char *gap = g_getenv ("LM_BENCH_GAP_MS");

  return gap != NULL && *gap != '\0' ? (guint) g_ascii_strtoull (gap, NULL, 10) : 250;
}

typedef struct _Bench Bench;
typedef void (*StepFunc) (Bench *bench,
                          guint  i);

/* The phases after the slider: a name, what each step does, and how
 * many steps. */
typedef struct
{
  const char *name;
  StepFunc    setup;
  StepFunc    step;
  guint       n_steps;
} Phase;

struct _Bench
{
  LmApplication *app;
  LmWindow      *window;
  GdkFrameClock *clock;
  double         t0_ms;          /* process start, CLOCK_REALTIME ms */
  gboolean       started;
  double         startup_ms;
  GtkRange      *range;
  double         lower;
  double         upper;
  guint          step;
  gboolean       waiting;
  gint64         changed_at;     /* monotonic µs of the last value change */
  GArray        *frame_ms;       /* double */
  guint          panel_waits;
  /* Where the time of each step goes, summed over the steps (ms). */
  double         sum_handlers;   /* set_value: recompute and signal handlers */
  double         sum_update;     /* rest of the update phase (tick callbacks) */
  double         sum_layout;
  double         sum_paint;
  gint64         set_done_at;
  gint64         layout_at;
  gint64         paint_at;
  double         sum_recompute;
  double         sum_render;
  guint          tick_id;
  guint          n_recomputes;
  /* The phases after the slider */
  guint          phase;
  guint          phase_step;
  GArray        *phase_ms;       /* double */
  GArray        *phase_cpu_ms;   /* double: the main thread's CPU time */
  double         changed_cpu_ms;
  double         changed_process_cpu_ms;
  struct rusage  changed_usage;  /* the main thread's, for LM_BENCH_STEPS */
  gint64         last_frame_at;  /* monotonic µs of the last frame's end */
  double         since_frame_ms; /* from that frame's end to the change */
  double         rss_first_map_mb;
  double         startup_main_cpu_ms;
  double         startup_cpu_ms;
};

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
realtime_ms (void)
{
  return clock_ms (CLOCK_REALTIME);
}


/* When this process started, in CLOCK_REALTIME milliseconds. */
static double
process_start_ms (void)
{
  const char *env = g_getenv ("LM_BENCH_T0_NS");
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *p;
  unsigned long long start_ticks = 0;
  double uptime_s = 0;

  if (env != NULL && *env != '\0')
    return g_ascii_strtod (env, NULL) / 1e6;

  /* Field 22 of /proc/self/stat, after the parenthesised command name. */
  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) &&
      g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) &&
      (p = strrchr (stat, ')')) != NULL)
    {
      int field = 2;

      for (p++; *p != '\0' && field < 22; p++)
        if (*p == ' ')
          field++;
      start_ticks = g_ascii_strtoull (p, NULL, 10);
      uptime_s = g_ascii_strtod (uptime, NULL);
      return realtime_ms () - (uptime_s - (double) start_ticks / sysconf (_SC_CLK_TCK)) * 1e3;
    }
  return realtime_ms ();
}


static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  double rank;
  guint lo;

  if (sorted->len == 0)
    return 0;
  rank = p * (sorted->len - 1);
  lo = (guint) rank;
  if (lo + 1 >= sorted->len)
    return g_array_index (sorted, double, sorted->len - 1);
  return g_array_index (sorted, double, lo) +
         (rank - lo) * (g_array_index (sorted, double, lo + 1) -
                        g_array_index (sorted, double, lo));
}


static void
recolour_setup (Bench *bench,
                guint  i)
{
  lm_view_set_level_and_variable (lm_window_get_view (bench->window), "lsoa", "imd.score");
}

static void
recolour_step (Bench *bench,
               guint  i)
{
  static const char *variables[] = {
    "imd.income", "imd.health", "imd.score", "imd.crime", "imd.employment", "imd.rank",
  };

  lm_view_set_variable (lm_window_get_view (bench->window), variables[i % G_N_ELEMENTS (variables)]);
}

#define FILTER_TEXT "tendring 01"

static void
filter_setup (Bench *bench,
              guint  i)
{
  g_object_set (bench->window, "show-table", TRUE, NULL);
  lm_area_table_set_level (LM_AREA_TABLE (lm_window_get_table (bench->window)), "lsoa");
}

/* Typed a letter at a time, then deleted a letter at a time. */
static void
filter_step (Bench *bench,
             guint  i)
{
  guint length = strlen (FILTER_TEXT);
  g_autofree char *text = g_strndup (FILTER_TEXT, i < length ? i + 1 : 2 * length - 1 - i);

  lm_area_table_set_filter_text (LM_AREA_TABLE (lm_window_get_table (bench->window)), text);
}

static void
resort_step (Bench *bench,
             guint  i)
{
  static const struct { const char *column; GtkSortType order; } sorts[] = {
    { "imd.rank", GTK_SORT_ASCENDING }, { "imd.rank", GTK_SORT_DESCENDING },
    { "name", GTK_SORT_ASCENDING }, { "imd.score", GTK_SORT_DESCENDING },
    { "code", GTK_SORT_ASCENDING }, { "name", GTK_SORT_DESCENDING },
    { "population", GTK_SORT_ASCENDING }, { "imd.income", GTK_SORT_DESCENDING },
  };

  lm_area_table_sort_by (LM_AREA_TABLE (lm_window_get_table (bench->window)),
                         sorts[i % G_N_ELEMENTS (sorts)].column, sorts[i % G_N_ELEMENTS (sorts)].order);
}

static const Phase phases[] = {
  { "recolour", recolour_setup, recolour_step, 24 },
  { "filter_keystroke", filter_setup, filter_step, 2 * (sizeof FILTER_TEXT - 1) },
  { "resort", NULL, resort_step, 16 },
};

static void finish (Bench *bench);

static gboolean
phase_step_cb (gpointer user_data)
{
  Bench *bench = user_data;
  const Phase *phase = &phases[bench->phase];

  bench->changed_at = g_get_monotonic_time ();
  bench->changed_cpu_ms = clock_ms (CLOCK_THREAD_CPUTIME_ID);
  bench->changed_process_cpu_ms = clock_ms (CLOCK_PROCESS_CPUTIME_ID);
  getrusage (RUSAGE_THREAD, &bench->changed_usage);
  bench->since_frame_ms = (bench->changed_at - bench->last_frame_at) / 1000.0;
  bench->waiting = TRUE;
  phase->step (bench, bench->phase_step++);
  bench->set_done_at = g_get_monotonic_time ();
  bench->layout_at = 0;   /* a frame may have no layout phase */
  /* Nothing to draw (a step that changed nothing) still ends in a
   * frame: ask for one, without damaging the whole window (that would
   * time a repaint of every panel, which no step causes). */
  gdk_frame_clock_request_phase (bench->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  return G_SOURCE_REMOVE;
}

static gboolean
phase_start_cb (gpointer user_data)
{
  Bench *bench = user_data;

  g_timeout_add (step_gap_ms (), phase_step_cb, bench);
  return G_SOURCE_REMOVE;
}

/* LM_BENCH_PHASES=slider,recolour,filter_keystroke,resort: which to run
 * (all by default), e.g. to profile one. */
static gboolean
wanted (const char *name)
{
  const char *list = g_getenv ("LM_BENCH_PHASES");
  g_auto(GStrv) names = NULL;

  if (list == NULL || *list == '\0')
    return TRUE;
  names = g_strsplit (list, ",", -1);
  return g_strv_contains ((const char * const *) names, name);
}

static void
start_phase (Bench *bench)
{
  const Phase *phase;

  while (bench->phase < G_N_ELEMENTS (phases) && !wanted (phases[bench->phase].name))
    bench->phase++;
  if (bench->phase >= G_N_ELEMENTS (phases))
    {
      printf ("rss_end_mb: %.1f\n", lm_bench_rss_mb ());
      fflush (stdout);
      gtk_window_destroy (GTK_WINDOW (bench->window));
      return;
    }
  phase = &phases[bench->phase];
  bench->phase_step = 0;
  g_array_set_size (bench->phase_ms, 0);
  g_array_set_size (bench->phase_cpu_ms, 0);
  if (phase->setup != NULL)
    phase->setup (bench, 0);
  /* Time for what the setup started (a new level's first renders) */
  g_timeout_add (SETTLE_MS, phase_start_cb, bench);
}

static void
phase_frame_done (Bench  *bench,
                  double  ms)
{
  const Phase *phase = &phases[bench->phase];
  double cpu_ms = clock_ms (CLOCK_THREAD_CPUTIME_ID) - bench->changed_cpu_ms;

  g_array_append_val (bench->phase_ms, ms);
  g_array_append_val (bench->phase_cpu_ms, cpu_ms);
  /* Where a step's time goes: the change itself (its signal handlers),
   * the wait for the frame and its update phase, the layout phase with
   * GDK's paint (which runs before our "paint" handler), the rest; and
   * why its wall time may exceed its CPU time: other threads, the main
   * thread preempted or waiting, page faults, or a frame just painted
   * (GTK paints at most one frame per 16.7 ms). */
  if (g_getenv ("LM_BENCH_STEPS") != NULL)
    {
      /* A frame without a layout phase goes straight to its paint. */
      gint64 layout_at = bench->layout_at != 0 ? bench->layout_at : bench->paint_at;
      struct rusage usage;

      getrusage (RUSAGE_THREAD, &usage);
      printf ("%s %u: %.1f ms (main thread CPU %.1f ms; change %.1f, to layout %.1f, "
              "layout and paint %.1f, after %.1f; other threads CPU %.1f ms; "
              "preempted %ld, waits %ld, page faults %ld; last frame %.1f ms before; "
              "map render %.1f ms; at %.6f s)\n",
              phase->name, bench->phase_step, ms, cpu_ms,
              (bench->set_done_at - bench->changed_at) / 1000.0,
              (layout_at - bench->set_done_at) / 1000.0,
              (bench->paint_at - layout_at) / 1000.0,
              (g_get_monotonic_time () - bench->paint_at) / 1000.0,
              clock_ms (CLOCK_PROCESS_CPUTIME_ID) - bench->changed_process_cpu_ms - cpu_ms,
              usage.ru_nivcsw - bench->changed_usage.ru_nivcsw,
              usage.ru_nvcsw - bench->changed_usage.ru_nvcsw,
              usage.ru_minflt - bench->changed_usage.ru_minflt,
              bench->since_frame_ms,
              lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (bench->window))),
              bench->changed_at / 1e6);
    }
  if (bench->phase_step < phase->n_steps)
    {
      g_timeout_add (step_gap_ms (), phase_step_cb, bench);
      return;
    }
  g_array_sort (bench->phase_ms, compare_doubles);
  printf ("%s_ms_p50: %.1f\n", phase->name, percentile (bench->phase_ms, 0.50));
  printf ("%s_ms_p95: %.1f\n", phase->name, percentile (bench->phase_ms, 0.95));
  printf ("%s_ms_max: %.1f\n", phase->name, percentile (bench->phase_ms, 1.0));
  g_array_sort (bench->phase_cpu_ms, compare_doubles);
  printf ("%s_cpu_ms_p50: %.1f\n", phase->name, percentile (bench->phase_cpu_ms, 0.50));
  printf ("%s_cpu_ms_p95: %.1f\n", phase->name, percentile (bench->phase_cpu_ms, 0.95));
  fflush (stdout);
  bench->phase++;
  start_phase (bench);
}

static void
finish (Bench *bench)
{
  g_array_sort (bench->frame_ms, compare_doubles);
  printf ("startup_ms: %.0f\n", bench->startup_ms);
  printf ("startup_main_cpu_ms: %.0f\n", bench->startup_main_cpu_ms);
  printf ("startup_cpu_ms: %.0f\n", bench->startup_cpu_ms);
  printf ("rss_first_map_mb: %.1f\n", bench->rss_first_map_mb);
  printf ("slider_frame_ms_p50: %.1f\n", percentile (bench->frame_ms, 0.50));
  printf ("slider_frame_ms_p95: %.1f\n", percentile (bench->frame_ms, 0.95));
  printf ("slider_frame_ms_max: %.1f\n", percentile (bench->frame_ms, 1.0));
  printf ("slider_steps: %u\n", bench->frame_ms->len);
  printf ("slider_recomputes: %u\n", bench->n_recomputes);
  if (bench->frame_ms->len > 0)
    {
      double n = bench->frame_ms->len;

      /* Means per step: where a frame's time goes. */
      printf ("slider_mean_set_value_ms: %.1f\n", bench->sum_handlers / n);
      printf ("slider_mean_recompute_ms: %.1f\n", bench->sum_recompute / n);
      printf ("slider_mean_update_rest_ms: %.1f\n", bench->sum_update / n);
      printf ("slider_mean_map_render_ms: %.1f\n", bench->sum_render / n);
      printf ("slider_mean_layout_ms: %.1f\n", bench->sum_layout / n);
      printf ("slider_mean_paint_ms: %.1f\n", bench->sum_paint / n);
    }
  fflush (stdout);
  bench->phase = 0;
  start_phase (bench);
}

static gboolean
slider_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  double value;

  if (bench->waiting)
    return G_SOURCE_CONTINUE;
  if (bench->step > N_STEPS || !wanted ("slider"))
    {
      bench->tick_id = 0;
      finish (bench);
      return G_SOURCE_REMOVE;
    }

  /* Up across the whole range and back down a little, as a hand would. */
  value = bench->lower + (bench->upper - bench->lower) * bench->step / N_STEPS;
  bench->step++;
  bench->changed_at = g_get_monotonic_time ();
  bench->waiting = TRUE;
  gtk_range_set_value (bench->range, value);
  bench->set_done_at = g_get_monotonic_time ();
  bench->sum_handlers += (bench->set_done_at - bench->changed_at) / 1000.0;
  return G_SOURCE_CONTINUE;
}

static void
on_recomputed_cb (LmModel *model,
                  Bench   *bench)
{
  bench->n_recomputes++;
  bench->sum_recompute += lm_model_get_last_recompute_us (model) / 1000.0;
}

static void
on_layout_cb (GdkFrameClock *clock,
              Bench         *bench)
{
  bench->layout_at = g_get_monotonic_time ();
}

static void
on_paint_cb (GdkFrameClock *clock,
             Bench         *bench)
{
  bench->paint_at = g_get_monotonic_time ();
}

static gboolean
start_slider_cb (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *panel = lm_window_get_weights_panel (bench->window);
  GtkAdjustment *adjustment;
  const char *hide = g_getenv ("LM_BENCH_HIDE");

  /* LM_BENCH_HIDE=table,plot,details: which panel costs what. */
  if (hide != NULL)
    {
      g_auto(GStrv) panels = g_strsplit (hide, ",", -1);

      for (guint i = 0; panels[i] != NULL; i++)
        {
          g_autofree char *property = g_strconcat ("show-", panels[i], NULL);

          g_object_set (bench->window, property, FALSE, NULL);
        }
    }

  /* The panels are built in an idle after the first map frame; on a
   * busy machine that can come later than SETTLE_MS. */
  if (panel == NULL)
    {
      if (++bench->panel_waits > 50)
        g_error ("the weights panel did not appear");
      return G_SOURCE_CONTINUE;
    }
  printf ("rss_settled_mb: %.1f\n", lm_bench_rss_mb ());
  bench->range = GTK_RANGE (lm_bench_find_widget (panel, "imd.income-scale", G_TYPE_NONE));
  if (bench->range == NULL)
    bench->range = GTK_RANGE (lm_bench_find_widget (panel, NULL, GTK_TYPE_RANGE));
  if (bench->range == NULL)
    g_error ("no slider in the weights panel");
  adjustment = gtk_range_get_adjustment (bench->range);
  bench->lower = gtk_adjustment_get_lower (adjustment);
  bench->upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  g_signal_connect (lm_window_get_model (bench->window), "recomputed",
                    G_CALLBACK (on_recomputed_cb), bench);
  bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench->window), slider_tick_cb,
                                                 bench, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  GtkWidget *map = lm_window_get_map (bench->window);

  bench->last_frame_at = g_get_monotonic_time ();
  /* LM_BENCH_FRAMES=1: every frame, after the last change (to see
   * frames nobody asked for, such as a fading scroll bar's). */
  if (g_getenv ("LM_BENCH_FRAMES") != NULL && bench->changed_at != 0)
    printf ("frame +%.1f ms\n", (bench->last_frame_at - bench->changed_at) / 1000.0);
  if (!bench->started)
    {
      /* The first frame whose paint included the map's image: the
       * choropleth renders it in the update phase, before painting. */
      if (map != NULL && gtk_widget_get_mapped (map) &&
          lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map)) > 0)
        {
          bench->started = TRUE;
          bench->startup_ms = realtime_ms () - bench->t0_ms;
          /* CPU time holds better than wall time on a shared machine:
           * the main thread's is the part no other core can take. */
          bench->startup_main_cpu_ms = clock_ms (CLOCK_THREAD_CPUTIME_ID);
          bench->startup_cpu_ms = clock_ms (CLOCK_PROCESS_CPUTIME_ID);
          bench->rss_first_map_mb = lm_bench_rss_mb ();
          g_timeout_add (SETTLE_MS, start_slider_cb, bench);
        }
      return;
    }

  if (bench->waiting && bench->tick_id == 0)
    {
      /* A step of a later phase */
      bench->waiting = FALSE;
      phase_frame_done (bench, (g_get_monotonic_time () - bench->changed_at) / 1000.0);
      return;
    }
  if (bench->waiting)
    {
      gint64 now = g_get_monotonic_time ();
      double ms = (now - bench->changed_at) / 1000.0;

      g_array_append_val (bench->frame_ms, ms);
      bench->waiting = FALSE;
      if (bench->layout_at > bench->set_done_at && bench->paint_at >= bench->layout_at)
        {
          bench->sum_update += (bench->layout_at - bench->set_done_at) / 1000.0;
          bench->sum_layout += (bench->paint_at - bench->layout_at) / 1000.0;
          bench->sum_paint += (now - bench->paint_at) / 1000.0;
        }
      if (map != NULL)
        bench->sum_render += lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map));
      /* LM_BENCH_STEPS=1: one line per step, to see which frames are slow. */
      if (g_getenv ("LM_BENCH_STEPS") != NULL)
        printf ("step %u: %.1f ms (set_value %.1f, update %.1f, paint %.1f, after %.1f, map %.1f)\n",
                bench->step, ms, (bench->set_done_at - bench->changed_at) / 1000.0,
                (bench->layout_at - bench->set_done_at) / 1000.0,
                (bench->paint_at - bench->layout_at) / 1000.0, (now - bench->paint_at) / 1000.0,
                map != NULL ? lm_choropleth_get_last_render_ms (LM_CHOROPLETH (map)) : 0);
    }
}

static void
on_model_cb (LmWindow   *window,
             GParamSpec *pspec,
             Bench      *bench)
{
  if (g_getenv ("LM_BENCH_VERBOSE") != NULL)
    printf ("model_ready_ms: %.0f\nrss_model_ready_mb: %.1f\n", realtime_ms () - bench->t0_ms,
            lm_bench_rss_mb ());
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Bench     *bench)
{
  if (g_getenv ("LM_BENCH_VERBOSE") != NULL)
    printf ("window_realized_ms: %.0f\nrss_realized_mb: %.1f\n", realtime_ms () - bench->t0_ms,
            lm_bench_rss_mb ());
  bench->clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
  g_signal_connect (bench->clock, "layout", G_CALLBACK (on_layout_cb), bench);
  g_signal_connect (bench->clock, "paint", G_CALLBACK (on_paint_cb), bench);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Bench          *bench)
{
  if (!LM_IS_WINDOW (window) || bench->window != NULL)
    return;
  bench->window = LM_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
  g_signal_connect (window, "notify::model", G_CALLBACK (on_model_cb), bench);
  if (g_getenv ("LM_BENCH_VERBOSE") != NULL)
    printf ("window_created_ms: %.0f\n", realtime_ms () - bench->t0_ms);
}

static gboolean
give_up_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (!bench->started)
    {
      g_printerr ("bench-window: no map was drawn in two minutes (is LEVELMAP_DATA_DIR right?)\n");
      exit (1);
    }
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  char *app_argv[] = { argv[0], NULL };
  const char *data_dir = argc > 1 ? argv[1] : NULL;
  GSettings *settings;
  int status;

  bench.t0_ms = process_start_ms ();
  bench.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.phase_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.phase_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  if (g_getenv ("LM_BENCH_VERBOSE") != NULL)
    printf ("main_ms: %.0f\n", realtime_ms () - bench.t0_ms);

  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  bench.app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (bench.app), G_APPLICATION_NON_UNIQUE);
  g_object_set (bench.app, "data-dir", data_dir, "dataset", "england-2019", NULL);
  if (!g_application_register (G_APPLICATION (bench.app), NULL, NULL))
    return 1;
  /* A first launch at 1366x768. */
  settings = lm_application_get_settings (bench.app);
  if (settings != NULL)
    {
      g_settings_set_int (settings, "window-width", 1366);
      g_settings_set_int (settings, "window-height", 768);
    }
  else
    {
      g_printerr ("bench-window: the GSettings schema is not installed; set "
                  "GSETTINGS_SCHEMA_DIR to the build's resources folder\n");
    }
  g_signal_connect (bench.app, "window-added", G_CALLBACK (on_window_added_cb), &bench);
  /* A window that never draws its map (no data found) must not hang a
   * benchmark run. */
  g_timeout_add_seconds (120, give_up_cb, &bench);

  status = g_application_run (G_APPLICATION (bench.app), 1, app_argv);
  if (!bench.started)
    {
      g_printerr ("bench-window: the map was never drawn\n");
      status = 1;
    }
  g_array_unref (bench.frame_ms);
  g_array_unref (bench.phase_ms);
  g_array_unref (bench.phase_cpu_ms);
  g_object_unref (bench.app);
  return status;
}
