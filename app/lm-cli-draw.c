/* lm-cli-draw.c — the command line's actions that draw
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Maps, plots, figures, storyboards and the bench's renders. They are
 * built into levelmap-draw, a module the program loads only when an
 * action draws: Cairo, Pango and the twenty-six libraries they bring
 * took some 2.5 ms to load before every action that draws nothing.
 * The module runs the whole command line with its own copy of it,
 * parsed again from the arguments (see lm_cli_draw_module_main()).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "lm-bivariate.h"
#include "lm-classify.h"
#include "lm-cli-private.h"
#include "lm-comparison-figure.h"
#include "lm-export.h"
#include "lm-map-figure.h"
#include "lm-map-renderer.h"
#include "lm-scatter-renderer.h"
#include "lm-scenario.h"
#include "lm-storyboard-export.h"
#include "lm-text.h"

#define BENCH_LOADS     5
#define BENCH_RECOMPUTES 201
#define BENCH_RENDERS   11
#define BENCH_UNCERTAINTY 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len == 0)
    return NAN;
  return g_array_index (samples, double, samples->len / 2);
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static LmDataset *
load_everything (const char  *name,
                 const char  *data_root,
                 GError     **error)
{
  g_autoptr(LmDataset) dataset = lm_dataset_open (name, data_root, error);

  if (dataset == NULL)
    return NULL;
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    if (!lm_dataset_ensure_shapes (dataset, lm_dataset_get_level (dataset, k), error))
      return NULL;
  return g_steal_pointer (&dataset);
}

static gboolean
fill_map_options (const LmCliOptions  *options,
                  LmDataset           *dataset,
                  LmMapExportOptions  *map,
                  GError             **error)
{
  if (!_lm_cli_check_classes (options, error))
    return FALSE;
  lm_map_export_options_init (map);
  map->level_id = _lm_cli_level_id (options, dataset);
  map->variable_id = options->variable ? options->variable : lm_dataset_get_default_variable (dataset);
  if (options->n_classes > 0)
    map->n_classes = (guint) options->n_classes;
  if (options->method != NULL)
    lm_classify_method_from_string (options->method, &map->method);
  map->palette = options->palette;
  map->show_left_behind = !options->hide_left_behind;
  if (options->has_extent)
    map->extent = &options->extent;
  return _lm_cli_parse_size (options->size, 1600, 2000, &map->width, &map->height, error);
}

static int
export_map (LmModel            *model,
            const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  LmDataset *dataset = lm_model_get_dataset (model);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  LmMapExportOptions map;

  if (!fill_map_options (options, dataset, &map, &error))
    return _lm_cli_fail (error);
  if (options->bivariate != NULL)
    {
      if (!lm_bivariate_parse (options->bivariate, &x, &y, &map.bivariate_x_breaks,
                               &map.bivariate_y_breaks, &error))
        return _lm_cli_fail (error);
      map.bivariate_x = x;
      map.bivariate_y = y;
      map.bivariate_palette = options->palette;
      map.palette = NULL;
    }
  if (!lm_export_map (model, &map, options->export_map, &error))
    return _lm_cli_fail (error);
  /* The figure is made, but what it leaves out must be said: areas
   * without a polygon, beyond the share the manifest docs state. */
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      const char *warning = lm_dataset_get_shapes_warning (dataset,
                                                           lm_dataset_get_level (dataset, k));
      if (warning != NULL)
        fprintf (stderr, "levelmap: %s %s\n", _("warning:"), warning);
    }
  return 0;
}

static int
export_scatter (LmModel            *model,
                const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  LmScatterExportOptions scatter = { 0 };

  if (!_lm_cli_plot_axes (options, lm_model_get_dataset (model), &scatter.level, &scatter.x, &scatter.y,
                  &error))
    return _lm_cli_fail (error);
  scatter.weighted = options->weighted;
  scatter.colour_by = LM_SCATTER_COLOUR_REGION;
  scatter.show_cutoffs = TRUE;
  if (!_lm_cli_parse_size (options->size, 1200, 900, &scatter.width, &scatter.height, &error) ||
      !lm_scatter_export (model, &scatter, options->export_scatter, &error))
    return _lm_cli_fail (error);
  return 0;
}

/* Fontconfig reads its configuration and caches, and Pango loads the
 * fonts, on first use: some twenty milliseconds before the first
 * figure's text can be laid out. Done on another core while the data
 * load, the fonts are ready when needed (see finish_font_warm_up()). */
static gpointer
warm_up_fonts (gpointer data)
{
  const LmCliOptions *options = data;
  int width = 1600, height = 2000;

  /* The body text size of a figure of that size (the map's layout). */
  _lm_cli_parse_size (options->size, width, height, &width, &height, NULL);
  return lm_text_load_fonts (CLAMP (MIN (width, height) / 90.0, 7.0, 48.0));
}

static GThread *
start_font_warm_up (const LmCliOptions *options)
{
  if (options->export_map == NULL && options->export_scatter == NULL)
    return NULL;
  return g_thread_new ("lm-fonts", warm_up_fonts, (gpointer) options);
}

/* The fonts loaded become this thread's, the one that draws. */
static void
finish_font_warm_up (GThread *thread)
{
  g_autoptr(PangoFontMap) fonts = NULL;

  if (thread == NULL)
    return;
  fonts = g_thread_join (thread);
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (fonts));
}

/* The map itself (fills, outlines, left-behind marks) as the window and
 * the export draw it, into an image of the requested size. */
static gboolean
bench_render (LmModel                  *model,
              const LmMapExportOptions *map,
              GArray                   *samples,
              GError                  **error)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  g_autoptr(LmMapFigure) figure = lm_map_figure_new (model);
  LmMapStyle style;
  LmMapView view;
  LmBounds bounds;
  cairo_surface_t *image;
  LmLevel *level;

  lm_map_figure_set_options (figure, map);
  if (!lm_map_figure_update (figure, error) || !lm_map_figure_ensure_shapes (figure, error))
    return FALSE;
  level = lm_map_figure_get_level (figure);
  lm_map_style_init (&style);
  lm_map_figure_apply (figure, &style);
  style.antialias = map->antialias;
  bounds = lm_shape_layer_get_bounds (level->shapes);
  lm_map_view_fit (&view, &bounds, map->width, map->height, 0);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, map->width, map->height);
  for (guint i = 0; i < BENCH_RENDERS; i++)
    {
      double ms;
      lm_map_renderer_render_image (renderer, image, level, &view, &style);
      ms = lm_map_renderer_get_last_render_ms (renderer);
      g_array_append_val (samples, ms);
    }
  cairo_surface_destroy (image);
  return TRUE;
}

/* Medians over repeated runs inside this process, so that start-up costs
 * (dynamic linking, page faults of the first load) don't count. */
static int
bench (LmModel            *model,
       const LmCliOptions *options,
       const char         *name,
       const char         *data_root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recomputes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) renders = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fast_renders = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  LmMapExportOptions map;
  LmIndex *index;
  LmIndexDomain *domain;
  double original;

  for (guint i = 0; i < BENCH_LOADS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(LmDataset) dataset = load_everything (name, data_root, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (dataset == NULL)
        return _lm_cli_fail (error);
      g_array_append_val (loads, ms);
    }

  /* Alternate one domain's weight so every recompute really changes the
   * index, ranks, aggregates and the left-behind set. */
  index = lm_dataset_get_index (lm_model_get_dataset (model), 0);
  domain = g_ptr_array_index (index->domains, 0);
  original = domain->weight;
  for (guint i = 0; i < BENCH_RECOMPUTES; i++)
    {
      double ms;

      domain->weight = original * (i % 2 ? 1.0 : 1.5);
      lm_model_recompute (model);
      ms = lm_model_get_last_recompute_us (model) / 1000.0;
      g_array_append_val (recomputes, ms);
    }
  domain->weight = original;
  lm_model_recompute (model);

  if (!fill_map_options (options, lm_model_get_dataset (model), &map, &error))
    return _lm_cli_fail (error);
  if (options->level == NULL)
    map.level_id = lm_dataset_get_level (lm_model_get_dataset (model), 0)->id;
  if (!bench_render (model, &map, renders, &error))
    return _lm_cli_fail (error);
  /* The same map with the fast antialiasing the window uses while the
   * map moves; render_ms is the export quality. */
  map.antialias = CAIRO_ANTIALIAS_FAST;
  if (!bench_render (model, &map, fast_renders, &error))
    return _lm_cli_fail (error);

  /* The Monte Carlo runs last: their transient rank matrices would
   * otherwise be the peak of every other measure. */
  if (options->uncertainty > 0 &&
      !_lm_cli_bench_uncertainty (model, options, BENCH_UNCERTAINTY, draws, &error))
    return _lm_cli_fail (error);

  printf ("load_ms: %.1f\nrecompute_ms: %.3f\nrender_ms: %.1f\nrender_fast_ms: %.1f\n"
          "peak_rss_mb: %.1f\n",
          median (loads), median (recomputes), median (renders), median (fast_renders),
          peak_rss_mb ());
  if (options->uncertainty > 0)
    printf ("uncertainty_draws: %d\nuncertainty_ms: %.1f\n", options->uncertainty, median (draws));
  return 0;
}

/* "left-behind" for "left-behind.levelmap". */
static char *
scenario_title (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  if (g_str_has_suffix (lower, LM_SCENARIO_SUFFIX))
    base[strlen (base) - strlen (LM_SCENARIO_SUFFIX)] = '\0';
  return g_filename_display_name (base);
}

static int
export_storyboard (LmView             *view,
                   LmStoryboard       *storyboard,
                   const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *lower = g_ascii_strdown (options->export_storyboard, -1);
  LmStoryboardExportOptions pages;

  if (view == NULL || lm_storyboard_get_n_scenes (storyboard) == 0)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           view == NULL ? _("--export-storyboard needs a scenario: give "
                                            "--scenario=FILE.levelmap")
                                        : _("The scenario has no scenes to export."));
      return _lm_cli_fail (error);
    }
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export-storyboard writes a PDF: the name must end in .pdf, not “%s”"),
                   options->export_storyboard);
      return _lm_cli_fail (error);
    }
  lm_storyboard_export_options_init (&pages);
  title = scenario_title (options->scenario);
  pages.title = title;
  if (!_lm_cli_parse_size (options->size, 1920, 1080, &pages.width, &pages.height, &error) ||
      !lm_storyboard_export_pdf (view, storyboard, options->export_storyboard, &pages, NULL, NULL,
                                 NULL, warnings, &error))
    return _lm_cli_fail (error);
  for (guint i = 0; i < warnings->len; i++)
    _lm_cli_warn (g_ptr_array_index (warnings, i));
  return 0;
}

static int
export_comparison (LmModel            *model,
                   LmComparison       *comparison,
                   const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  int width, height;

  if (!_lm_cli_parse_size (options->size, 1800, 1350, &width, &height, &error) ||
      !lm_comparison_figure_export (comparison, model, options->export_comparison, width, height,
                                    &error))
    {
      fprintf (stderr, "levelmap: %s\n", error->message);
      return 1;
    }
  return 0;
}

static const LmCliDrawing drawing = {
  start_font_warm_up,
  finish_font_warm_up,
  export_map,
  export_scatter,
  export_comparison,
  export_storyboard,
  bench,
};

/* The module's entry: the command line as given (@argv), run with the
 * actions that draw. */
G_MODULE_EXPORT int lm_cli_draw_module_main (int    argc,
                                             char **argv);

int
lm_cli_draw_module_main (int    argc,
                         char **argv)
{
  LmCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if (!lm_cli_parse (&options, &argc, &argv, &error))
    {
      fprintf (stderr, "levelmap: %s (%s)\n", error->message, _("see levelmap --help"));
      return 2;
    }
  status = lm_cli_run (&options, &drawing);
  lm_cli_options_clear (&options);
  return status;
}
