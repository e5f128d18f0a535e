/* lm-cli.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "lm-atomic-file.h"
#include "lm-classify.h"
#include "lm-bivariate-palette.h"
#include "lm-cli-private.h"
#include "lm-data-dir.h"
#include "lm-decimal.h"
#include "lm-export.h"
#include "lm-model.h"
#include "lm-palette.h"
#include "lm-scenario.h"
#include "lm-table-export.h"

/* The process ends when an action is done, and the kernel then takes
 * its memory back at once: freeing the dataset's tens of thousands of
 * areas one by one first cost some 5 ms of a 60 ms action. Kept
 * reachable, so that leak checkers do not count it as lost. */
static LmDataset *kept_dataset;

static void
keep_until_exit (LmDataset *dataset)
{
  g_clear_object (&kept_dataset);
  kept_dataset = dataset;
}

/* Option parsing */

/* One FILE.levelmap may follow the options: the scenario to open (or,
 * with an action, to start from). */
static gboolean
take_scenario_argument (LmCliOptions  *options,
                        int            argc,
                        char         **argv,
                        GError       **error)
{
  g_autofree char *lower = NULL;

  if (argc < 2)
    return TRUE;
  lower = g_ascii_strdown (argv[1], -1);
  if (argc > 2 || !g_str_has_suffix (lower, LM_SCENARIO_SUFFIX))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”: only one scenario file (.levelmap) may follow "
                     "the options"), argv[argc > 2 && g_str_has_suffix (lower, LM_SCENARIO_SUFFIX)
                                         ? 2 : 1]);
      return FALSE;
    }
  if (options->scenario != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Give the scenario once: “%s” and --scenario=%s"), argv[1],
                   options->scenario);
      return FALSE;
    }
  options->scenario = g_strdup (argv[1]);
  return TRUE;
}

gboolean
lm_cli_parse (LmCliOptions  *options,
              int           *argc,
              char        ***argv,
              GError       **error)
{
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("Folder holding the data vintages (default: $LEVELMAP_DATA_DIR, then the configured or installed folder)"), N_("DIR") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &options->dataset,
      N_("A dataset id, i.e. the name of a manifest in the manifest or data folders (default: the first one found), or the path of a manifest"), N_("NAME") },
    { "weight", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->weights,
      N_("Relative weight of a domain, e.g. imd.income=30 (repeatable)"), N_("INDEX.DOMAIN=VALUE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &options->level,
      N_("A level id of the dataset (default: its context level; --bench renders the finest)"), N_("LEVEL") },
    { "variable", 0, 0, G_OPTION_ARG_STRING, &options->variable,
      N_("Variable to map (default: the first index’s score); see --list-variables"), N_("ID") },
    { "x", 0, 0, G_OPTION_ARG_STRING, &options->x,
      N_("Variable on the x axis (default: that of the dataset’s first report figure)"), N_("ID") },
    { "y", 0, 0, G_OPTION_ARG_STRING, &options->y,
      N_("Variable on the y axis (default: that of the dataset’s first report figure)"), N_("ID") },
    { "classes", 0, 0, G_OPTION_ARG_INT, &options->n_classes,
      N_("Number of map classes, 3 to 10 (default 5)"), N_("N") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &options->method,
      N_("quantile (default), equal, jenks, stddev or deciles"), N_("METHOD") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &options->palette,
      N_("Colour scheme (default viridis; see below)"), N_("NAME") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size,
      N_("Size of an exported figure in pixels (PNG) or points (SVG, PDF); default 1600x2000 for maps, 1200x900 for plots"), N_("WxH") },
    { "weighted", 0, 0, G_OPTION_ARG_NONE, &options->weighted,
      N_("Population-weighted statistics (weighted r and least squares)"), NULL },
    { "list-variables", 0, 0, G_OPTION_ARG_NONE, &options->list_variables,
      N_("List the variable ids with the levels they exist at"), NULL },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &options->export_csv,
      N_("Write every variable of --level to a CSV file (- for standard output)"), N_("FILE") },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &options->stats,
      N_("Print n, pearson_r, spearman_rho, slope, intercept and r2 of --y against --x"), NULL },
    { "left-behind", 0, 0, G_OPTION_ARG_NONE, &options->left_behind,
      N_("Print the left-behind areas as CSV (code, name, and the area of the context level containing each)"), NULL },
    { "export-map", 0, 0, G_OPTION_ARG_FILENAME, &options->export_map,
      N_("Export the map of --variable at --level"), N_("FILE.{png,svg,pdf}") },
    { "export-scatter", 0, 0, G_OPTION_ARG_FILENAME, &options->export_scatter,
      N_("Export the scatter plot of --y against --x at --level"), N_("FILE.{png,svg,pdf}") },
    { "bivariate", 0, 0, G_OPTION_ARG_STRING, &options->bivariate,
      N_("With --export-map, a 3 × 3 map of two variables at --level, each cut at its tertiles or where given: X,Y with each ID or ID:LOW:HIGH, e.g. imd.decile:1:3,cni.score; --palette then names a two-variable scheme (pink-blue, green-blue)"), N_("X,Y") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &options->compare,
      N_("Compare two vintages as a comparison manifest describes (its id, or a path): adds their ranks, the move and the areas entering or leaving the most deprived decile as variables of the later vintage, which --dataset defaults to; alone, print them"), N_("NAME") },
    { "export-comparison", 0, 0, G_OPTION_ARG_FILENAME, &options->export_comparison,
      N_("With --compare, export the comparison figure: the map of the move, a slope chart and the areas listed"), N_("FILE.{png,svg,pdf}") },
    { "uncertainty", 0, 0, G_OPTION_ARG_INT, &options->uncertainty,
      N_("Recompute everything for N weight draws around the weights (1 to 10000) and add the rank intervals and chances as variables; alone, print how many left-behind areas stay so"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &options->seed,
      N_("Seed of the weight draws (default 1): the same seed gives the same results"), N_("S") },
    { "spread", 0, 0, G_OPTION_ARG_STRING, &options->spread,
      N_("How far the draws go from the weights: narrow, medium (default), wide, none or a Dirichlet concentration"), N_("SPREAD") },
    { "weight-range", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->weight_ranges,
      N_("Draw a domain's relative weight uniformly within a range instead, e.g. imd.income=15:30 (repeatable)"), N_("INDEX.DOMAIN=LOW:HIGH") },
    { "lock", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->locks,
      N_("Keep a domain's share fixed in every draw (repeatable)"), N_("INDEX.DOMAIN") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &options->threads,
      N_("Threads for the draws (default: one per processor); the results do not depend on it"), N_("N") },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &options->scenario,
      N_("A scenario (.levelmap) whose data, weights and view every action starts from; the options given override it"), N_("FILE") },
    { "export-storyboard", 0, 0, G_OPTION_ARG_FILENAME, &options->export_storyboard,
      N_("Export the --scenario's storyboard, one page per scene (--size: the page, default 1920x1080)"), N_("FILE.pdf") },
    { "bench", 0, 0, G_OPTION_ARG_NONE, &options->bench,
      N_("Measure load_ms, recompute_ms, render_ms, render_fast_ms (medians) and peak_rss_mb; with --uncertainty also uncertainty_ms"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options->check,
      N_("Check the dataset: list every problem in its manifest, tables and boundaries, each with its file and line or record; exits with 1 if any is an error"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *palettes = lm_palette_list_names ();
  g_autofree char *description = NULL;

  context = g_option_context_new (_("[FILE.levelmap]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Maps and plots of England’s left-behind places: the Index of Multiple Deprivation, the "
      "Community Needs Index and the 2016 EU referendum, recomputed for any domain weights.\n"
      "Without an action option, opens the window on FILE.levelmap (or --scenario), with the "
      "view options applied; a second start hands them to the window already open.\n"
      "The actions below run without a display and exit."));
  description = g_strdup_printf (_("Palettes: %s.\n"
                                   "Levels and variables: see --list-variables.\n"
                                   "Examples:\n"
                                   "  levelmap --weight=imd.income=30 --level=lsoa --export-map=map.png --size=1600x2000\n"
                                   "  levelmap --level=lad --x=cni.score --y=eu.leave_pct --stats\n"
                                   "  levelmap --left-behind > left-behind.csv"),
                                 palettes);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!take_scenario_argument (options, *argc, *argv, error))
    return FALSE;
  if (options->export_comparison != NULL && options->compare == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export-comparison draws what --compare computes, which was not given"));
      return FALSE;
    }
  if (options->bivariate != NULL && options->export_map == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--bivariate says what --export-map draws, which was not given"));
      return FALSE;
    }
  return _lm_cli_check_uncertainty_options (options, error);
}

void
lm_cli_options_clear (LmCliOptions *options)
{
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->dataset, g_free);
  g_clear_pointer (&options->weights, g_strfreev);
  g_clear_pointer (&options->level, g_free);
  g_clear_pointer (&options->variable, g_free);
  g_clear_pointer (&options->x, g_free);
  g_clear_pointer (&options->y, g_free);
  g_clear_pointer (&options->method, g_free);
  g_clear_pointer (&options->palette, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->export_csv, g_free);
  g_clear_pointer (&options->export_map, g_free);
  g_clear_pointer (&options->export_scatter, g_free);
  g_clear_pointer (&options->bivariate, g_free);
  g_clear_pointer (&options->compare, g_free);
  g_clear_pointer (&options->export_comparison, g_free);
  g_clear_pointer (&options->seed, g_free);
  g_clear_pointer (&options->spread, g_free);
  g_clear_pointer (&options->weight_ranges, g_strfreev);
  g_clear_pointer (&options->locks, g_strfreev);
  g_clear_pointer (&options->scenario, g_free);
  g_clear_pointer (&options->export_storyboard, g_free);
}

gboolean
lm_cli_is_headless (const LmCliOptions *options)
{
  return options->list_variables || options->export_csv != NULL || options->stats ||
         options->left_behind || options->export_map != NULL ||
         options->export_scatter != NULL || options->export_storyboard != NULL ||
         options->bench || options->check || options->version || options->uncertainty != 0 ||
         options->compare != NULL;
}

/* Helpers */

int
_lm_cli_fail (GError *error)
{
  fprintf (stderr, "levelmap: %s\n", error->message);
  return 1;
}

/* The level named beside an area is the natural one to list or map; a
 * dataset that names none starts at its finest level. */
const char *
_lm_cli_level_id (const LmCliOptions *options,
                  LmDataset          *dataset)
{
  LmLevel *context = lm_dataset_get_context_level (dataset);

  if (options->level != NULL)
    return options->level;
  return (context != NULL ? context : lm_dataset_get_level (dataset, 0))->id;
}

/* --x, --y and their level default to the dataset's first report figure. */
gboolean
_lm_cli_plot_axes (const LmCliOptions  *options,
                   LmDataset           *dataset,
                   const char         **out_level,
                   const char         **out_x,
                   const char         **out_y,
                   GError             **error)
{
  const LmReportPreset *preset = lm_dataset_get_n_reports (dataset) > 0
                                 ? lm_dataset_get_report (dataset, 0) : NULL;

  if (preset == NULL && (options->x == NULL || options->y == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s declares no report figure to plot by default: give --x and --y"),
                   lm_dataset_get_title (dataset));
      return FALSE;
    }
  *out_level = options->plot_level != NULL ? options->plot_level
               : options->level != NULL ? options->level
               : preset != NULL ? preset->level : _lm_cli_level_id (options, dataset);
  *out_x = options->x != NULL ? options->x : preset->x;
  *out_y = options->y != NULL ? options->y : preset->y;
  return TRUE;
}

gboolean
_lm_cli_parse_size (const char  *text,
            int          default_width,
            int          default_height,
            int         *out_width,
            int         *out_height,
            GError     **error)
{
  int width, height;
  char tail;

  if (text == NULL)
    {
      *out_width = default_width;
      *out_height = default_height;
      return TRUE;
    }
  /* The range is the export's own (one message, one range), checked
   * here too so that a wrong --size fails before the data are read. */
  if (sscanf (text, "%dx%d%c", &width, &height, &tail) != 2 ||
      width < LM_EXPORT_MIN_SIZE || height < LM_EXPORT_MIN_SIZE ||
      width > LM_EXPORT_MAX_SIZE || height > LM_EXPORT_MAX_SIZE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--size must be WIDTHxHEIGHT with each between %d and %d, e.g. 1600x2000, "
                     "not “%s”"),
                   LM_EXPORT_MIN_SIZE, LM_EXPORT_MAX_SIZE, text);
      return FALSE;
    }
  *out_width = width;
  *out_height = height;
  return TRUE;
}

/* All --weight options are applied to a copy of each index's weights and
 * set at once, so that the order of the options never matters and an
 * all-zero index is judged on the final weights. */
static gboolean
apply_weights (LmModel     *model,
               char       **assignments,
               GError     **error)
{
  LmDataset *dataset = lm_model_get_dataset (model);
  guint n_indices = lm_dataset_get_n_indices (dataset);
  g_autoptr(GPtrArray) weights = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *touched = g_new0 (gboolean, MAX (n_indices, 1));

  for (guint i = 0; i < n_indices; i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      double *copy = g_new (double, index->domains->len);
      for (guint d = 0; d < index->domains->len; d++)
        copy[d] = ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight;
      g_ptr_array_add (weights, copy);
    }

  for (guint a = 0; assignments != NULL && assignments[a] != NULL; a++)
    {
      g_autoptr(LmModel) probe = NULL;
      g_auto(GStrv) sides = g_strsplit (assignments[a], "=", 2);
      g_auto(GStrv) names = NULL;
      LmIndex *index = NULL;
      double value;
      guint i, d;

      if (g_strv_length (sides) != 2 || strchr (sides[0], '.') == NULL)
        {
          g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                       _("“%s” is not a weight: write INDEX.DOMAIN=VALUE, e.g. imd.income=30"),
                       assignments[a]);
          return FALSE;
        }
      names = g_strsplit (sides[0], ".", 2);
      for (i = 0; i < n_indices; i++)
        if (strcmp (lm_dataset_get_index (dataset, i)->id, names[0]) == 0)
          break;
      if (i == n_indices)
        {
          /* Let the model phrase the error: it lists the indices. */
          lm_model_set_weight (model, names[0], names[1], 1, error);
          return FALSE;
        }
      index = lm_dataset_get_index (dataset, i);
      for (d = 0; d < index->domains->len; d++)
        if (strcmp (((LmIndexDomain *) g_ptr_array_index (index->domains, d))->id, names[1]) == 0)
          break;
      if (d == index->domains->len)
        {
          lm_model_set_weight (model, names[0], names[1], 1, error);
          return FALSE;
        }
      if (!lm_decimal_parse (sides[1], &value) || value < 0 || value > LM_INDEX_MAX_WEIGHT)
        {
          g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                       _("“%s” is not a weight: the value must be a number from 0 to %.0f"),
                       assignments[a], LM_INDEX_MAX_WEIGHT);
          return FALSE;
        }
      ((double *) g_ptr_array_index (weights, i))[d] = value;
      touched[i] = TRUE;
    }

  lm_model_freeze (model);
  for (guint i = 0; i < n_indices; i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      if (touched[i] &&
          !lm_model_set_weights (model, index->id, g_ptr_array_index (weights, i),
                                 index->domains->len, error))
        {
          lm_model_thaw (model);
          return FALSE;
        }
    }
  lm_model_thaw (model);
  return TRUE;
}



/* Every action's output goes through here, so that a full disk, a
 * closed standard output or an unwritable target is always an error
 * with a message, never a silent exit 0. A file is written atomically:
 * a failure leaves no half file and no temporary behind, and a FIFO or a
 * device at @path is refused rather than replaced. */
static gboolean
write_output (const char  *path,
              GString     *text,
              GError     **error)
{
  if (path == NULL || strcmp (path, "-") == 0)
    return lm_write_stdout (text->str, text->len, error);
  return lm_atomic_file_set_contents (path, text->str, text->len, error);
}

static int
write_or_fail (const char *path,
               GString    *text)
{
  g_autoptr(GError) error = NULL;

  if (!write_output (path, text, &error))
    return _lm_cli_fail (error);
  return 0;
}

/* Actions */

static int
list_variables (LmDataset *dataset)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);
      for (guint v = 0; v < level->variables->len; v++)
        {
          LmVariable *variable = g_ptr_array_index (level->variables, v);
          GPtrArray *where = g_hash_table_lookup (levels, variable->id);
          if (where == NULL)
            {
              where = g_ptr_array_new ();
              g_hash_table_insert (levels, variable->id, where);
              g_hash_table_insert (titles, variable->id, variable->title);
              g_ptr_array_add (ids, variable->id);
            }
          g_ptr_array_add (where, level->id);
        }
    }
  g_string_append (out, "id\tlevels\ttitle\n");
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      GPtrArray *where = g_hash_table_lookup (levels, id);

      g_string_append_printf (out, "%s\t", id);
      for (guint k = 0; k < where->len; k++)
        g_string_append_printf (out, "%s%s", k ? "," : "", (char *) g_ptr_array_index (where, k));
      g_string_append_printf (out, "\t%s\n", (char *) g_hash_table_lookup (titles, id));
    }
  return write_or_fail ("-", out);
}

static int
export_csv (LmModel            *model,
            const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *id = _lm_cli_level_id (options, lm_model_get_dataset (model));
  LmLevel *level = lm_dataset_find_level (lm_model_get_dataset (model), id);

  if (level == NULL)
    {
      lm_model_find_variable (model, id, "population", &error);
      return _lm_cli_fail (error);
    }
  lm_table_export_level (level, NULL, out);
  return write_or_fail (options->export_csv, out);
}

static int
print_stats (LmModel            *model,
             const LmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  const char *level_id, *x_id, *y_id;
  LmVariable *x = NULL, *y = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  LmStats stats;

  if (!_lm_cli_plot_axes (options, lm_model_get_dataset (model), &level_id, &x_id, &y_id, &error) ||
      (x = lm_model_find_variable (model, level_id, x_id, &error)) == NULL ||
      (y = lm_model_find_variable (model, level_id, y_id, &error)) == NULL)
    return _lm_cli_fail (error);
  lm_stats_compute (x->values, y->values, options->weighted ? x->level->population : NULL,
                    x->level->n_areas, &stats, NULL);
  g_string_append_printf (out, "level: %s\nx: %s\ny: %s\nweighted: %s\n", x->level->id, x_id, y_id,
                          options->weighted ? "true" : "false");
  g_string_append_printf (out, "n: %u\npearson_r: %.6f\nspearman_rho: %.6f\nslope: %.6f\n"
                          "intercept: %.6f\nr2: %.6f\n",
                          stats.n, stats.pearson_r, stats.spearman_rho, stats.slope,
                          stats.intercept, stats.r2);
  return write_or_fail ("-", out);
}

static int
print_left_behind (LmModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!lm_table_export_left_behind (model, FALSE, out, &error))
    return _lm_cli_fail (error);
  return write_or_fail ("-", out);
}

/* What can be checked without data: the map's classes, method and
 * colours. */
gboolean
_lm_cli_check_classes (const LmCliOptions  *options,
                       GError             **error)
{
  if (options->n_classes != 0 &&
      (options->n_classes < LM_CLASSIFY_MIN_CLASSES || options->n_classes > LM_CLASSIFY_MAX_CLASSES))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--classes must be between %d and %d, not %d"),
                   LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES, options->n_classes);
      return FALSE;
    }
  if (options->method != NULL && !lm_classify_method_from_string (options->method, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown --method “%s”: use quantile, equal, jenks, stddev or deciles"),
                   options->method);
      return FALSE;
    }
  /* With --bivariate, --palette names a scheme for two variables. */
  if (options->palette != NULL && options->bivariate == NULL &&
      lm_palette_lookup (options->palette, error) == NULL)
    return FALSE;
  return options->palette == NULL || options->bivariate == NULL ||
         lm_bivariate_palette_lookup (options->palette, error) != NULL;
}




/* Every problem a dataset has, errors and warnings, in one report that a
 * user can act on before presenting from it. */
static int
check_dataset (const char *name,
               const char *data_root)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *list = NULL;
  guint n_errors, n_warnings;
  int status;

  lm_dataset_check (name, data_root, problems);
  n_errors = lm_problems_get_n_errors (problems);
  n_warnings = lm_problems_get_n_warnings (problems);
  list = lm_problems_format (problems);
  g_string_append (out, list);
  if (n_errors == 0 && n_warnings == 0)
    g_string_append_printf (out, _("%s: no problems found\n"), name);
  else
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                              "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                                "%u warnings", n_warnings),
                                                   n_warnings);

      /* Translators: "<dataset id>: 2 errors, 1 warning" */
      g_string_append_printf (out, _("%s: %s, %s\n"), name, errors, warnings);
    }
  status = write_or_fail ("-", out);
  return status != 0 ? status : n_errors > 0;
}


/* What the actions asked for need of the dataset: the variables they
 * read, the rule's flag, the polygons they draw; or everything (FALSE)
 * for the actions that show every variable or time the whole load.
 * @variables gets the ids. */
static gboolean
plan_needs (const LmCliOptions *options,
            LmDatasetNeeds     *needs,
            GPtrArray          *variables)
{
  memset (needs, 0, sizeof *needs);
  /* A Monte Carlo run, a comparison and a bivariate map draw on every
   * index and the rule at once; a scenario sets every weight, the view
   * and the selection, and may name any variable. */
  if (options->list_variables || options->export_csv != NULL ||
      options->export_scatter != NULL || options->bench || options->uncertainty > 0 ||
      options->compare != NULL || options->bivariate != NULL || options->scenario != NULL)
    return FALSE;
  if (options->stats)
    {
      if (options->x == NULL || options->y == NULL)
        needs->flags |= LM_DATASET_NEED_FIRST_REPORT;
      if (options->x != NULL)
        g_ptr_array_add (variables, g_strdup (options->x));
      if (options->y != NULL)
        g_ptr_array_add (variables, g_strdup (options->y));
    }
  /* The list names the areas. */
  if (options->left_behind)
    needs->flags |= LM_DATASET_NEED_RULE | LM_DATASET_NEED_NAMES;
  if (options->export_map != NULL)
    {
      /* The figure marks the left-behind areas and outlines coarser
       * areas over the level drawn (the finest by default). */
      needs->flags |= LM_DATASET_NEED_RULE;
      if (options->variable != NULL)
        g_ptr_array_add (variables, g_strdup (options->variable));
      else
        needs->flags |= LM_DATASET_NEED_DEFAULT_VARIABLE;
      needs->shapes_from = options->level;
    }
  /* A weight needs its index, whatever is shown. */
  for (guint i = 0; options->weights != NULL && options->weights[i] != NULL; i++)
    {
      const char *dot = strchr (options->weights[i], '.');

      if (dot != NULL)
        g_ptr_array_add (variables, g_strdup_printf ("%.*s.score",
                                                     (int) (dot - options->weights[i]),
                                                     options->weights[i]));
    }
  g_ptr_array_add (variables, NULL);
  needs->variables = (const char * const *) variables->pdata;
  return TRUE;
}




/* The dataset with what the actions need (see plan_needs()). */
static LmDataset *
open_dataset (const LmCliOptions  *options,
              const char          *name,
              const char          *data_root,
              GError             **error)
{
  g_autoptr(GPtrArray) variables = g_ptr_array_new_with_free_func (g_free);
  LmDatasetNeeds needs;

  if (!plan_needs (options, &needs, variables))
    return lm_dataset_open (name, data_root, error);
  return lm_dataset_open_for (name, data_root, &needs, error);
}




/* --uncertainty and --compare alone print their numbers; with an action
 * their results go into what that action writes. */
static gboolean
has_other_action (const LmCliOptions *options)
{
  return options->list_variables || options->export_csv != NULL || options->stats ||
         options->left_behind || options->export_map != NULL || options->export_scatter != NULL ||
         options->bench || options->export_comparison != NULL ||
         options->export_storyboard != NULL;
}

/* apply_weights(), with the message of the whole dataset when a part of
 * it does not know an index: the part knows only the indices it read,
 * the whole lists them all. */
static gboolean
apply_weights_explained (LmModel     *model,
                         GStrv        weights,
                         const char  *name,
                         const char  *data_root,
                         GError     **error)
{
  g_autoptr(LmDataset) whole = NULL;
  g_autoptr(LmModel) whole_model = NULL;
  GError *whole_error = NULL;

  if (apply_weights (model, weights, error))
    return TRUE;
  if (!g_error_matches (*error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_INDEX) ||
      lm_dataset_is_complete (lm_model_get_dataset (model)))
    return FALSE;
  whole = lm_dataset_open (name, data_root, NULL);
  whole_model = whole != NULL ? lm_model_new (whole) : NULL;
  if (whole_model != NULL && !apply_weights (whole_model, weights, &whole_error))
    {
      g_clear_error (error);
      g_propagate_error (error, whole_error);
    }
  return FALSE;
}

/* Whether the only thing asked for is the list of variables: the
 * dataset's, with nothing to compute (no model, a tenth of the run). */
static gboolean
only_lists_variables (const LmCliOptions *options)
{
  LmCliOptions others = *options;

  others.list_variables = FALSE;
  return options->list_variables && !has_other_action (&others) && options->weights == NULL &&
         options->scenario == NULL && options->uncertainty == 0 && options->compare == NULL &&
         options->bivariate == NULL;
}

/* Scenarios */

/* The scenario's view where the options say nothing. The strings are
 * the view's. */
static void
fill_from_view (LmCliOptions       *effective,
                const LmCliOptions *options,
                LmView             *view)
{
  const LmBounds *extent = lm_view_get_extent (view);

  if (options->level == NULL)
    {
      effective->level = (char *) lm_view_get_level (view);
      effective->plot_level = (char *) lm_view_get_plot_level (view);
    }
  if (options->variable == NULL)
    effective->variable = (char *) lm_view_get_variable (view);
  if (options->x == NULL)
    effective->x = (char *) lm_view_get_plot_x (view);
  if (options->y == NULL)
    effective->y = (char *) lm_view_get_plot_y (view);
  if (options->method == NULL)
    effective->method = (char *) lm_view_get_method (view);
  if (options->n_classes == 0)
    effective->n_classes = (int) lm_view_get_n_classes (view);
  if (options->palette == NULL)
    effective->palette = (char *) lm_view_get_palette (view);
  effective->weighted = options->weighted || lm_view_get_weighted (view);
  effective->hide_left_behind = !lm_view_get_show_left_behind (view);
  effective->has_extent = extent != NULL;
  if (extent != NULL)
    effective->extent = *extent;
}

void
_lm_cli_warn (const char *message)
{
  /* Translators: before a sentence the command line writes on standard
   * error without stopping */
  fprintf (stderr, "levelmap: %s %s\n", _("warning:"), message);
}



static LmView *
open_scenario (LmScenario    *scenario,
               LmModel       *model,
               LmStoryboard  *storyboard)
{
  g_autoptr(GError) error = NULL;
  LmView *view = lm_view_new ();

  lm_view_set_model (view, model);
  if (!lm_scenario_apply (scenario, view, storyboard, &error))
    _lm_cli_warn (error->message);
  return view;
}

static char *
find_dataset (const LmCliOptions *options,
              LmScenario         *scenario,
              const char         *data_root)
{
  g_auto(GStrv) dirs = NULL;
  g_autofree char *searched = NULL;
  char *name;

  if (options->dataset != NULL)
    return g_strdup (options->dataset);
  if (scenario != NULL && *lm_scenario_get_dataset (scenario) != '\0')
    return g_strdup (lm_scenario_get_dataset (scenario));
  name = lm_data_dir_get_default_dataset (data_root);
  if (name != NULL)
    return name;
  dirs = lm_data_dir_get_manifest_dirs (data_root);
  searched = g_strjoinv (", ", dirs);
  fprintf (stderr, "levelmap: ");
  fprintf (stderr, _("No dataset manifest was found in %s; give --dataset=PATH, or the folder "
                     "of the manifests in LEVELMAP_MANIFEST_DIR (meson devenv sets it "
                     "for a build folder)"), searched);
  fprintf (stderr, "\n");
  return NULL;
}

gboolean
lm_cli_draws (const LmCliOptions *options)
{
  return options->export_map != NULL || options->export_scatter != NULL || options->bench ||
         options->export_comparison != NULL || options->export_storyboard != NULL;
}

int
lm_cli_run (const LmCliOptions *options,
            const LmCliDrawing *drawing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmScenario) scenario = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autoptr(LmModel) model = NULL;
  g_autoptr(LmComparison) comparison = NULL;
  g_autoptr(LmView) view = NULL;
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autofree char *data_root = NULL;
  g_autofree char *name = NULL;
  LmCliOptions effective = *options;
  GThread *fonts = NULL;
  int status = 0;

  g_return_val_if_fail (drawing != NULL || !lm_cli_draws (options), 1);

  if (options->version)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "levelmap %s\n", PACKAGE_VERSION);
      return write_or_fail ("-", out);
    }
  if (options->scenario != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->scenario);

      scenario = lm_scenario_load (file, NULL, &error);
      if (scenario == NULL)
        return _lm_cli_fail (error);
    }

  data_root = lm_data_dir_find (options->data_dir);
  if (!_lm_cli_compare_dataset (options, data_root, &name, &error))
    return _lm_cli_fail (error);
  if (name == NULL)
    name = find_dataset (options, scenario, data_root);
  if (name == NULL)
    return 1;
  /* The check reads the dataset its own way: on past what it finds. */
  if (options->check)
    {
      status = check_dataset (name, data_root);
      if (!lm_write_stdout (NULL, 0, &error))
        status = _lm_cli_fail (error);
      return status;
    }
  fonts = drawing != NULL ? drawing->start_font_warm_up (options) : NULL;
  dataset = open_dataset (options, name, data_root, &error);
  if (drawing != NULL)
    drawing->finish_font_warm_up (fonts);
  if (dataset == NULL)
    return _lm_cli_fail (error);
  if (only_lists_variables (options))
    {
      status = list_variables (dataset);
      if (status == 0 && !lm_write_stdout (NULL, 0, &error))
        status = _lm_cli_fail (error);
      keep_until_exit (g_steal_pointer (&dataset));
      return status;
    }
  model = lm_model_new (dataset);
  /* The scenario first, so that the options given override it. */
  if (scenario != NULL)
    {
      view = open_scenario (scenario, model, storyboard);
      fill_from_view (&effective, options, view);
    }
  if (!apply_weights_explained (model, options->weights, name, data_root, &error))
    return _lm_cli_fail (error);
  if (options->uncertainty > 0 && !_lm_cli_run_uncertainty (model, options, &error))
    return _lm_cli_fail (error);
  if (options->compare != NULL &&
      (comparison = _lm_cli_run_compare (model, options, data_root, &error)) == NULL)
    return _lm_cli_fail (error);

  if (status == 0 && options->list_variables)
    status = list_variables (dataset);
  if (status == 0 && options->export_csv != NULL)
    status = export_csv (model, &effective);
  if (status == 0 && options->stats)
    status = print_stats (model, &effective);
  if (status == 0 && options->left_behind)
    status = print_left_behind (model);
  if (status == 0 && options->export_map != NULL)
    status = drawing->export_map (model, &effective);
  if (status == 0 && options->export_scatter != NULL)
    status = drawing->export_scatter (model, &effective);
  if (status == 0 && options->bench)
    status = drawing->bench (model, &effective, name, data_root);
  if (status == 0 && options->export_comparison != NULL)
    status = drawing->export_comparison (model, comparison, options);
  if (status == 0 && options->uncertainty > 0 && !has_other_action (options))
    status = _lm_cli_print_uncertainty (model);
  if (status == 0 && comparison != NULL && !has_other_action (options))
    status = _lm_cli_print_compare (comparison);
  /* Last: each scene puts its own weights into the model. */
  if (status == 0 && options->export_storyboard != NULL)
    status = drawing->export_storyboard (view, storyboard, &effective);
  /* Whatever else was printed (--bench) is checked too. */
  if (status == 0 && !lm_write_stdout (NULL, 0, &error))
    status = _lm_cli_fail (error);
  keep_until_exit (g_steal_pointer (&dataset));
  return status;
}
