/* bench-session.c — a long scripted session in the real window, with
 * its resident memory sampled as it goes
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by bench/session.sh under xvfb-run. Opens the window on
 * england-2019 and, for LM_SESSION_SECONDS (600 by default), repeats a
 * round of what a person does in an evidence session: drags a weight
 * slider across its range and back, switches the level and the map's
 * variable, filters and sorts the area table, exports the map (PNG) and
 * a scatter plot (PDF), and every other round opens the other dataset
 * (england-2025, then back). Prints `key: value` lines: the resident
 * memory every LM_SESSION_SAMPLE seconds (10), then where it started
 * (after the first round), ended and peaked, each round's end, the growth (between the ends of rounds at
 * the same point of the script's four-round cycle, from the first after
 * a whole cycle: see GROWTH_FROM_ROUND; the last sample minus the start,
 * which falls anywhere in a round, and the first round's end to the
 * last on its dataset are printed too) and the trend (the slope of the
 * memory at the ends of the later rounds, in MB per ten minutes). The
 * window and the application are then torn down, so that a
 * LeakSanitizer build reports only what really leaked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lm-application.h"
#include "lm-bench-util.h"
#include "lm-area-table.h"
#include "lm-export.h"
#include "lm-scatter-renderer.h"
#include "lm-window.h"

#define STEP_MS 120

typedef struct
{
  LmApplication *app;
  LmWindow      *window;
  const char    *data_dir;
  char          *tmp_dir;
  gint64         started;
  gint64         deadline;
  gint64         next_sample;
  guint          round;
  guint          step;
  double         start_rss;      /* after the first round */
  char          *start_dataset;  /* the dataset shown then */
  double         same_end_rss;   /* after the last round that ended on it */
  double         cycle_start_rss; /* see GROWTH_FROM_ROUND */
  double         cycle_end_rss;
  double         peak_rss;
  double         last_rss;
  gboolean       waiting_load;
  guint          n_exports;
  GArray        *round_ends;     /* double pairs: seconds, MB */
} Session;



static void
sample (Session *session)
{
  gint64 now = g_get_monotonic_time ();

  session->last_rss = lm_bench_rss_mb ();
  session->peak_rss = MAX (session->peak_rss, session->last_rss);
  if (now >= session->next_sample)
    {
      printf ("rss_mb_at_%.0fs: %.1f\n", (now - session->started) / 1e6, session->last_rss);
      fflush (stdout);
      session->next_sample = now + (gint64) (g_ascii_strtod (g_getenv ("LM_SESSION_SAMPLE") ?
                                                             g_getenv ("LM_SESSION_SAMPLE") : "10",
                                                             NULL) * G_USEC_PER_SEC);
    }
}

static void
export_figures (Session *session)
{
  LmModel *model = lm_window_get_model (session->window);
  LmView *view = lm_window_get_view (session->window);
  g_autofree char *png = g_build_filename (session->tmp_dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (session->tmp_dir, "plot.pdf", NULL);
  g_autoptr(GError) error = NULL;
  LmMapExportOptions map;
  LmScatterExportOptions scatter = { 0 };
  const LmReportPreset *report;

  lm_map_export_options_init (&map);
  map.level_id = lm_view_get_level (view);
  map.variable_id = lm_view_get_variable (view);
  map.width = 1200;
  map.height = 1500;
  if (!lm_export_map (model, &map, png, &error))
    g_error ("map export: %s", error->message);
  report = lm_dataset_get_report (lm_model_get_dataset (model), 0);
  scatter.level = report->level;
  scatter.x = report->x;
  scatter.y = report->y;
  scatter.width = 1200;
  scatter.height = 900;
  scatter.colour_by = LM_SCATTER_COLOUR_REGION;
  scatter.show_cutoffs = TRUE;
  if (!lm_scatter_export (model, &scatter, pdf, &error))
    g_error ("plot export: %s", error->message);
  session->n_exports += 2;
}

/* One step of a round; returns FALSE at the round's end. */
static gboolean
do_step (Session *session,
         guint    step)
{
  static const char *levels[] = { "lsoa", "ward", "lad", "region", "lsoa" };
  static const char *variables[] = { "imd.income", "imd.health", "imd.rank", "population", "imd.score" };
  static const char *filters[] = { "man", "manchester", "", "e0", "" };
  LmView *view = lm_window_get_view (session->window);
  GtkWidget *table = lm_window_get_table (session->window);

  if (step < 40)
    {
      /* A slider dragged up and back down, one value per step */
      GtkWidget *panel = lm_window_get_weights_panel (session->window);
      GtkRange *range = panel != NULL ? GTK_RANGE (lm_bench_find_widget (panel, NULL, GTK_TYPE_RANGE)) : NULL;

      if (range != NULL)
        {
          GtkAdjustment *adjustment = gtk_range_get_adjustment (range);
          double lower = gtk_adjustment_get_lower (adjustment);
          double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
          double t = step < 20 ? step / 20.0 : (40 - step) / 20.0;

          gtk_range_set_value (range, lower + t * (upper - lower) * 0.6);
        }
      return TRUE;
    }
  step -= 40;
  if (step < G_N_ELEMENTS (levels))
    {
      lm_view_set_level (view, levels[step]);
      return TRUE;
    }
  step -= G_N_ELEMENTS (levels);
  if (step < G_N_ELEMENTS (variables))
    {
      lm_view_set_variable (view, variables[step]);
      return TRUE;
    }
  step -= G_N_ELEMENTS (variables);
  if (step < G_N_ELEMENTS (filters))
    {
      if (table != NULL)
        {
          lm_area_table_set_level (LM_AREA_TABLE (table), step % 2 ? "lsoa" : "ward");
          lm_area_table_set_filter_text (LM_AREA_TABLE (table), filters[step]);
          lm_area_table_sort_by (LM_AREA_TABLE (table), step % 2 ? "imd.rank" : "name",
                                 step % 3 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        }
      return TRUE;
    }
  step -= G_N_ELEMENTS (filters);
  if (step == 0)
    {
      export_figures (session);
      return TRUE;
    }
  if (step == 1 && session->round % 2 == 1)
    {
      /* The other dataset, then back the next time */
      const char *other = g_strcmp0 (lm_view_get_dataset (view), "england-2019") == 0
                          ? "england-2025" : "england-2019";

      lm_window_load (session->window, other, session->data_dir);
      session->waiting_load = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* The script repeats every four rounds: a round that opens the other
 * dataset, one that shows it again, then the same back. The memory at a
 * round's end depends on where in that cycle it is: a round that
 * switched ends with the old dataset's caches gone and few of the new
 * one's made, some 30 MB below the round after it. So the growth
 * compares the ends of rounds at the same point of the cycle: from the
 * end of the first round after a whole cycle (both datasets shown, every
 * kind of cache made) to the end of the last round at that point. */
#define CYCLE_ROUNDS      4
#define GROWTH_FROM_ROUND (CYCLE_ROUNDS + 1)

/* The least-squares slope of the memory at the ends of the rounds: a
 * dataset held twice for a moment, or a cache filling, shows as noise
 * around it; a leak as a slope. */
static void
print_trend (GArray *points)
{
  guint n = points->len / 2;
  double st = 0, sm = 0, stt = 0, stm = 0;
  const double *p = (const double *) points->data;

  if (n < 3)
    return;
  for (guint i = 0; i < n; i++)
    {
      st += p[2 * i];
      sm += p[2 * i + 1];
      stt += p[2 * i] * p[2 * i];
      stm += p[2 * i] * p[2 * i + 1];
    }
  printf ("session_rss_trend_mb_per_10min: %.1f\n",
          600 * (n * stm - st * sm) / (n * stt - st * st));
}

static gboolean
tick_cb (gpointer user_data)
{
  Session *session = user_data;

  if (session->waiting_load)
    {
      if (lm_window_get_loading (session->window) ||
          lm_window_get_weights_panel (session->window) == NULL)
        return G_SOURCE_CONTINUE;
      session->waiting_load = FALSE;
    }
  sample (session);
  if (do_step (session, session->step++))
    return G_SOURCE_CONTINUE;

  session->step = 0;
  session->round++;
  if (session->round == 1)
    {
      session->start_rss = session->same_end_rss = lm_bench_rss_mb ();
      session->start_dataset = g_strdup (lm_view_get_dataset (lm_window_get_view (session->window)));
      printf ("rss_mb_round_1_end_%s: %.1f\n", session->start_dataset, session->start_rss);
    }
  else
    {
      /* The end of each later round, for the trend: the same point of
       * the round each time, where the samples above fall anywhere. */
      double point[2] = { (g_get_monotonic_time () - session->started) / 1e6, lm_bench_rss_mb () };

      g_array_append_vals (session->round_ends, point, 2);
      printf ("rss_mb_round_%u_end_%s: %.1f\n", session->round,
              lm_view_get_dataset (lm_window_get_view (session->window)), point[1]);
      if (g_strcmp0 (lm_view_get_dataset (lm_window_get_view (session->window)),
                     session->start_dataset) == 0)
        session->same_end_rss = point[1];
      if (session->round == GROWTH_FROM_ROUND)
        session->cycle_start_rss = point[1];
      if (session->round >= GROWTH_FROM_ROUND &&
          (session->round - GROWTH_FROM_ROUND) % CYCLE_ROUNDS == 0)
        session->cycle_end_rss = point[1];
    }
  if (g_get_monotonic_time () < session->deadline)
    return G_SOURCE_CONTINUE;

  printf ("session_seconds: %.0f\n", (g_get_monotonic_time () - session->started) / 1e6);
  printf ("session_rounds: %u\n", session->round);
  printf ("session_exports: %u\n", session->n_exports);
  printf ("session_rss_start_mb: %.1f\n", session->start_rss);
  printf ("session_rss_end_mb: %.1f\n", session->last_rss);
  printf ("session_rss_peak_mb: %.1f\n", session->peak_rss);
  printf ("session_rss_last_sample_minus_start_mb: %.1f\n", session->last_rss - session->start_rss);
  printf ("session_rss_first_round_to_last_on_its_dataset_mb: %.1f\n",
          session->same_end_rss - session->start_rss);
  if (session->round >= GROWTH_FROM_ROUND + CYCLE_ROUNDS)
    printf ("session_rss_growth_mb: %.1f\n", session->cycle_end_rss - session->cycle_start_rss);
  print_trend (session->round_ends);
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (session->window));
  return G_SOURCE_REMOVE;
}

static gboolean
start_cb (gpointer user_data)
{
  Session *session = user_data;

  /* The panels come after the first map. */
  if (lm_window_get_loading (session->window) || lm_window_get_weights_panel (session->window) == NULL)
    return G_SOURCE_CONTINUE;
  session->started = g_get_monotonic_time ();
  session->next_sample = session->started;
  session->deadline = session->started +
                      (gint64) (g_ascii_strtod (g_getenv ("LM_SESSION_SECONDS") ?
                                                g_getenv ("LM_SESSION_SECONDS") : "600", NULL) *
                                G_USEC_PER_SEC);
  g_timeout_add (STEP_MS, tick_cb, session);
  return G_SOURCE_REMOVE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Session        *session)
{
  if (!LM_IS_WINDOW (window) || session->window != NULL)
    return;
  session->window = LM_WINDOW (window);
  g_timeout_add (200, start_cb, session);
}

int
main (int   argc,
      char *argv[])
{
  Session session = { 0 };
  char *app_argv[] = { argv[0], NULL };
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int status;

  session.data_dir = argc > 1 ? argv[1] : g_getenv ("LEVELMAP_DATA_DIR");
  session.round_ends = g_array_new (FALSE, FALSE, sizeof (double));
  session.tmp_dir = g_dir_make_tmp ("lm-session-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  session.app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (session.app), G_APPLICATION_NON_UNIQUE);
  g_object_set (session.app, "data-dir", session.data_dir, "dataset", "england-2019", NULL);
  if (!g_application_register (G_APPLICATION (session.app), NULL, NULL))
    return 1;
  settings = lm_application_get_settings (session.app);
  if (settings != NULL)
    {
      g_settings_set_int (settings, "window-width", 1366);
      g_settings_set_int (settings, "window-height", 768);
    }
  g_signal_connect (session.app, "window-added", G_CALLBACK (on_window_added_cb), &session);
  status = g_application_run (G_APPLICATION (session.app), 1, app_argv);
  g_object_unref (session.app);
  {
    g_autofree char *png = g_build_filename (session.tmp_dir, "map.png", NULL);
    g_autofree char *pdf = g_build_filename (session.tmp_dir, "plot.pdf", NULL);

    g_unlink (png);
    g_unlink (pdf);
    g_rmdir (session.tmp_dir);
  }
  g_free (session.tmp_dir);
  g_array_unref (session.round_ends);
  g_free (session.start_dataset);
  return session.round > 0 ? status : 1;
}
