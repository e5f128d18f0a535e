/* lm-comparison.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-comparison.h"
#include "lm-csv.h"
#include "lm-data-dir.h"
#include "lm-input-file.h"
#include "lm-manifest.h"
#include "lm-model.h"
#include "lm-rank.h"

typedef struct
{
  char *file;
  char *from;
  char *to;
} Lookup;

struct _LmComparison
{
  GObject       parent_instance;

  /* From the manifest */
  char         *manifest_path;
  char         *data_root;
  char         *id;
  char         *title;
  char         *prefix;
  char         *before_id;
  char         *after_id;
  char         *before_title;
  char         *after_title;
  char         *level_id;
  char         *before_level_id;
  Lookup        lookups[2];     /* before, after */
  char         *index_id;       /* NULL: no index compared */
  gboolean      left_behind;

  /* The last run */
  LmDataset    *after;          /* holds the level the results are at */
  LmLevel      *level;
  GPtrArray    *variables;      /* LmVariable*, owned, not in the level */
  GPtrArray    *origins;        /* char*: before names per after area */
  GStrv         attributions;   /* both vintages', each once */
  double        national[2];
};

G_DEFINE_FINAL_TYPE (LmComparison, lm_comparison, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-comparison-error-quark, lm_comparison_error)

enum { BEFORE, AFTER };

/* ------------------------------------------------------------------ */
/* The manifest                                                       */
/* ------------------------------------------------------------------ */

/* Files are named relative to a vintage's folder and must stay in it. */
static gboolean
check_file_name (LmManifest  *manifest,
                 xmlNode     *node,
                 const char  *file,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit_set (file, "/\\", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      goto bad;
  if (!g_path_is_absolute (file) && *file != '\0')
    return TRUE;
bad:
  lm_manifest_set_error (manifest, node, error,
                         _("the file “%s” must be named relative to the vintage’s folder, "
                           "inside it"), file);
  return FALSE;
}

static gboolean
read_lookups (LmComparison  *self,
              LmManifest    *manifest,
              xmlNode       *geography,
              GError       **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (geography, "lookup");
  gboolean seen[2] = { FALSE, FALSE };

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *vintage = lm_manifest_require (manifest, node, "vintage", error);
      int which;

      if (vintage == NULL)
        return FALSE;
      which = strcmp (vintage, "before") == 0 ? BEFORE : strcmp (vintage, "after") == 0 ? AFTER : -1;
      if (which < 0 || seen[which])
        {
          lm_manifest_set_error (manifest, node, error,
                                 _("a <lookup> is for vintage=\"before\" or \"after\", once each, "
                                   "not “%s”"), vintage);
          return FALSE;
        }
      seen[which] = TRUE;
      if ((self->lookups[which].file = lm_manifest_require (manifest, node, "file", error)) == NULL ||
          !check_file_name (manifest, node, self->lookups[which].file, error) ||
          (self->lookups[which].from = lm_manifest_require (manifest, node, "from-column", error)) == NULL ||
          (self->lookups[which].to = lm_manifest_require (manifest, node, "to-column", error)) == NULL)
        return FALSE;
    }
  if (!seen[BEFORE] || !seen[AFTER])
    {
      lm_manifest_set_error (manifest, geography, error,
                             _("<geography> needs a <lookup> for each vintage, before and after"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_manifest (LmComparison  *self,
               LmManifest    *manifest,
               GError       **error)
{
  xmlNode *root = lm_manifest_get_root (manifest);
  xmlNode *before = lm_manifest_child (root, "before");
  xmlNode *after = lm_manifest_child (root, "after");
  xmlNode *geography = lm_manifest_child (root, "geography");
  xmlNode *index = lm_manifest_child (root, "index");

  if ((self->id = lm_manifest_require (manifest, root, "id", error)) == NULL)
    return FALSE;
  if (before == NULL || after == NULL || geography == NULL)
    {
      lm_manifest_set_error (manifest, root, error,
                             _("a <comparison> needs <before>, <after> and <geography>"));
      return FALSE;
    }
  self->title = lm_manifest_get (root, "title");
  self->prefix = lm_manifest_get (root, "prefix");
  if (self->prefix == NULL)
    self->prefix = g_strdup ("compare");
  if ((self->before_id = lm_manifest_require (manifest, before, "dataset", error)) == NULL ||
      (self->after_id = lm_manifest_require (manifest, after, "dataset", error)) == NULL ||
      (self->level_id = lm_manifest_require (manifest, geography, "level", error)) == NULL)
    return FALSE;
  self->before_title = lm_manifest_get (before, "title");
  self->after_title = lm_manifest_get (after, "title");
  self->before_level_id = lm_manifest_get (geography, "before-level");
  if (self->before_level_id == NULL)
    self->before_level_id = g_strdup (self->level_id);
  if (index != NULL && (self->index_id = lm_manifest_require (manifest, index, "id", error)) == NULL)
    return FALSE;
  self->left_behind = lm_manifest_child (root, "left-behind") != NULL;
  if (self->title == NULL)
    self->title = g_strdup (self->id);
  if (self->before_title == NULL)
    self->before_title = g_strdup (self->before_id);
  if (self->after_title == NULL)
    self->after_title = g_strdup (self->after_id);
  return read_lookups (self, manifest, geography, error);
}

/* ------------------------------------------------------------------ */
/* Composing the lookups                                              */
/* ------------------------------------------------------------------ */

/* base code -> 1 + its row, from one vintage's lookup. */
static GHashTable *
read_lookup (const Lookup  *lookup,
             LmDataset     *dataset,
             LmCsv        **out_csv,
             guint         *out_from,
             guint         *out_to,
             GError       **error)
{
  g_autofree char *path = g_build_filename (lm_dataset_get_data_dir (dataset), lookup->file, NULL);
  g_autofree char *real = NULL;
  g_autoptr(LmCsv) csv = NULL;
  GHashTable *map;

  /* The name was checked for ".." when read; a link in the folder may
   * still lead out of it (lm_input_file_is_inside() resolves links). */
  if (!lm_input_file_is_inside (lm_dataset_get_data_dir (dataset), path, &real) && real != NULL)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE,
                   _("%s leads outside the folder of %s (to %s); a comparison may only name "
                     "files inside the vintage’s folder"),
                   path, lm_dataset_get_title (dataset), real);
      return NULL;
    }
  csv = lm_csv_load (path, error);
  if (csv == NULL || !lm_csv_require_column (csv, lookup->from, out_from, error) ||
      !lm_csv_require_column (csv, lookup->to, out_to, error))
    return NULL;
  map = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    g_hash_table_insert (map, (char *) lm_csv_get (csv, r, *out_from), GUINT_TO_POINTER (r + 1));
  *out_csv = g_steal_pointer (&csv);
  return map;
}

static int
find_area (LmLevel     *level,
           const char  *code,
           LmCsv       *csv,
           guint        row,
           const char  *vintage,
           GError     **error)
{
  int area = lm_level_find_area (level, code);

  if (area < 0)
    g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP,
                 _("%s, line %u: the %s area “%s” is not one of the %s"),
                 lm_csv_get_path (csv), lm_csv_get_line (csv, row), vintage, code, level->title);
  return area;
}

/* @target[before area] = the after area it became: every before area
 * exactly one, every after area at least one. */
static gboolean
compose (LmComparison  *self,
         LmDataset     *before,
         LmLevel       *before_level,
         int           *target,
         GError       **error)
{
  g_autoptr(LmCsv) before_csv = NULL;
  g_autoptr(LmCsv) after_csv = NULL;
  g_autoptr(GHashTable) after_map = NULL;
  g_autoptr(GHashTable) before_map = NULL;
  g_autofree gboolean *reached = g_new0 (gboolean, MAX (self->level->n_areas, 1));
  guint from, to, after_from, after_to;

  if ((before_map = read_lookup (&self->lookups[BEFORE], before, &before_csv, &from, &to, error)) == NULL ||
      (after_map = read_lookup (&self->lookups[AFTER], self->after, &after_csv, &after_from, &after_to,
                                error)) == NULL)
    return FALSE;
  for (guint b = 0; b < before_level->n_areas; b++)
    target[b] = -1;
  for (guint r = 0; r < lm_csv_get_n_rows (before_csv); r++)
    {
      const char *base = lm_csv_get (before_csv, r, from);
      guint after_row = GPOINTER_TO_UINT (g_hash_table_lookup (after_map, base));
      int b, a;

      if (after_row == 0)
        {
          g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP,
                       _("%s, line %u: “%s” is not in %s, so where it went is unknown"),
                       lm_csv_get_path (before_csv), lm_csv_get_line (before_csv, r), base,
                       lm_csv_get_path (after_csv));
          return FALSE;
        }
      if ((b = find_area (before_level, lm_csv_get (before_csv, r, to), before_csv, r,
                          self->before_title, error)) < 0 ||
          (a = find_area (self->level, lm_csv_get (after_csv, after_row - 1, after_to), after_csv,
                          after_row - 1, self->after_title, error)) < 0)
        return FALSE;
      if (target[b] >= 0 && target[b] != a)
        {
          g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP,
                       _("%s, line %u: the %s area %s (%s) would become both %s and %s; a "
                         "comparison needs each in exactly one"),
                       lm_csv_get_path (before_csv), lm_csv_get_line (before_csv, r),
                       self->before_title, before_level->codes[b], before_level->names[b],
                       self->level->names[target[b]], self->level->names[a]);
          return FALSE;
        }
      target[b] = a;
      reached[a] = TRUE;
    }
  for (guint b = 0; b < before_level->n_areas; b++)
    if (target[b] < 0)
      {
        g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP,
                     _("%s: the %s area %s (%s) is in no row"), lm_csv_get_path (before_csv),
                     self->before_title, before_level->codes[b], before_level->names[b]);
        return FALSE;
      }
  for (guint a = 0; a < self->level->n_areas; a++)
    if (!reached[a])
      {
        g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP,
                     _("%s: no %s area becomes the %s area %s (%s)"), lm_csv_get_path (before_csv),
                     self->before_title, self->after_title, self->level->codes[a], self->level->names[a]);
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Computing                                                          */
/* ------------------------------------------------------------------ */

static LmVariable *
add_variable (LmComparison *self,
              const char   *suffix,
              LmUnit        unit,
              char         *title)
{
  g_autofree char *owned_title = title;
  g_autofree char *id = g_strdup_printf ("%s.%s", self->prefix, suffix);
  LmVariable *variable = lm_variable_new (id, owned_title, unit, self->level);

  variable->native = TRUE;
  g_ptr_array_add (self->variables, variable);
  return variable;
}

static gboolean
find_index_variables (LmComparison  *self,
                      LmDataset     *dataset,
                      LmLevel       *level,
                      const char    *suffix,
                      LmVariable   **out,
                      GError       **error)
{
  LmIndex *index = lm_dataset_find_index (dataset, self->index_id);

  *out = index != NULL ? lm_index_find_variable (index, level, suffix) : NULL;
  if (*out == NULL)
    g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET,
                 _("%s has no index “%s” at the level “%s” to compare"),
                 lm_dataset_get_title (dataset), self->index_id, level->id);
  return *out != NULL;
}

/* The before vintage's index score, a population-weighted mean over
 * its areas, carried to the after areas the same way and ranked among
 * them; beside the after vintage's own rank and decile. */
static gboolean
compare_index (LmComparison  *self,
               LmDataset     *before,
               LmLevel       *before_level,
               const int     *target,
               GError       **error)
{
  LmVariable *score, *rank_after, *decile_after, *v[7];
  guint n = self->level->n_areas, n_ranked;
  g_autofree double *sum = g_new0 (double, MAX (n, 1));
  g_autofree double *weight = g_new0 (double, MAX (n, 1));
  g_autofree guint *ranks = g_new (guint, MAX (n, 1));
  LmVariable *rank_title_source;

  if (!find_index_variables (self, before, before_level, "score", &score, error) ||
      !find_index_variables (self, self->after, self->level, "rank", &rank_after, error) ||
      !find_index_variables (self, self->after, self->level, "decile", &decile_after, error))
    return FALSE;
  rank_title_source = rank_after;
  for (guint b = 0; b < before_level->n_areas; b++)
    if (!isnan (score->values[b]) && before_level->population[b] > 0)
      {
        sum[target[b]] += before_level->population[b] * score->values[b];
        weight[target[b]] += before_level->population[b];
      }
  for (guint a = 0; a < n; a++)
    sum[a] = weight[a] > 0 ? sum[a] / weight[a] : NAN;
  n_ranked = lm_rank_descending (sum, n, ranks, NULL);

  /* Translators: "IMD rank in 2019" */
  v[0] = add_variable (self, "imd_rank_before", LM_UNIT_RANK,
                       g_strdup_printf (_("%s in %s"), rank_title_source->title, self->before_title));
  v[1] = add_variable (self, "imd_decile_before", LM_UNIT_DECILE,
                       g_strdup_printf (_("%s in %s"), decile_after->title, self->before_title));
  v[2] = add_variable (self, "imd_rank_after", LM_UNIT_RANK,
                       g_strdup_printf (_("%s in %s"), rank_title_source->title, self->after_title));
  v[3] = add_variable (self, "imd_decile_after", LM_UNIT_DECILE,
                       g_strdup_printf (_("%s in %s"), decile_after->title, self->after_title));
  /* Translators: "IMD rank move, 2019 to 2025" */
  v[4] = add_variable (self, "imd_rank_move", LM_UNIT_CHANGE,
                       g_strdup_printf (_("%s move, %s to %s"), rank_title_source->title,
                                        self->before_title, self->after_title));
  /* Translators: "Entered IMD decile 1, 2019 to 2025" */
  v[5] = add_variable (self, "imd_decile1_entered", LM_UNIT_FLAG,
                       g_strdup_printf (_("Entered %s 1, %s to %s"), decile_after->title,
                                        self->before_title, self->after_title));
  v[6] = add_variable (self, "imd_decile1_left", LM_UNIT_FLAG,
                       g_strdup_printf (_("Left %s 1, %s to %s"), decile_after->title,
                                        self->before_title, self->after_title));
  for (guint a = 0; a < n; a++)
    {
      double before_decile = ranks[a] > 0 ? lm_rank_to_decile (ranks[a], n_ranked) : NAN;
      double after_decile = decile_after->values[a];
      gboolean both = !isnan (before_decile) && !isnan (after_decile);

      v[0]->values[a] = ranks[a] > 0 ? ranks[a] : NAN;
      v[1]->values[a] = before_decile;
      v[2]->values[a] = rank_after->values[a];
      v[3]->values[a] = after_decile;
      /* Positive: towards rank 1, as a rank change against the official
       * weights counts. */
      v[4]->values[a] = v[0]->values[a] - v[2]->values[a];
      v[5]->values[a] = both ? (after_decile == 1 && before_decile != 1) : NAN;
      v[6]->values[a] = both ? (before_decile == 1 && after_decile != 1) : NAN;
    }
  return TRUE;
}

/* Residents of the areas a vintage's rule flags, per after area and
 * over the country. */
static gboolean
sum_left_behind (LmComparison  *self,
                 LmDataset     *dataset,
                 LmLevel       *level,
                 const int     *target,
                 double        *flagged,
                 double        *people,
                 double        *national,
                 GError       **error)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
  double all = 0, in = 0;

  if (rule == NULL || rule->level->depth > level->depth)
    {
      g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET,
                   _("%s has no left-behind rule at or below the level “%s” to compare"),
                   lm_dataset_get_title (dataset), level->id);
      return FALSE;
    }
  for (guint i = 0; i < level->n_areas; i++)
    {
      int a = target != NULL ? target[i] : (int) i;

      people[a] += level->population[i];
      all += level->population[i];
    }
  for (guint r = 0; r < rule->level->n_areas; r++)
    {
      int up = lm_level_get_ancestor (rule->level, r, level);

      if (rule->flag->values[r] != 1 || up < 0)
        continue;
      flagged[target != NULL ? target[up] : up] += rule->level->population[r];
      in += rule->level->population[r];
    }
  *national = all > 0 ? 100 * in / all : NAN;
  return TRUE;
}

static gboolean
compare_left_behind (LmComparison  *self,
                     LmDataset     *before,
                     LmLevel       *before_level,
                     const int     *target,
                     GError       **error)
{
  guint n = self->level->n_areas;
  g_autofree double *flagged = g_new0 (double, 2 * MAX (n, 1));
  g_autofree double *people = g_new0 (double, 2 * MAX (n, 1));
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (self->after);
  g_autofree char *flag = NULL;
  LmVariable *share[2];

  if (!sum_left_behind (self, before, before_level, target, flagged, people, &self->national[BEFORE],
                        error) ||
      !sum_left_behind (self, self->after, self->level, NULL, flagged + n, people + n,
                        &self->national[AFTER], error))
    return FALSE;
  flag = g_utf8_strdown (rule->flag->title, -1);
  /* Translators: "Residents in left behind areas, 2019 (%)" */
  share[BEFORE] = add_variable (self, "left_behind_share_before", LM_UNIT_PERCENT,
                                g_strdup_printf (_("Residents in %s areas, %s (%%)"), flag,
                                                 self->before_title));
  share[AFTER] = add_variable (self, "left_behind_share_after", LM_UNIT_PERCENT,
                               g_strdup_printf (_("Residents in %s areas, %s (%%)"), flag,
                                                self->after_title));
  for (guint w = 0; w < 2; w++)
    for (guint a = 0; a < n; a++)
      share[w]->values[a] = people[w * n + a] > 0 ? 100 * flagged[w * n + a] / people[w * n + a] : NAN;
  return TRUE;
}

static void
describe_origins (LmComparison *self,
                  LmLevel      *before_level,
                  const int    *target)
{
  g_ptr_array_set_size (self->origins, 0);
  for (guint a = 0; a < self->level->n_areas; a++)
    {
      GString *names = g_string_new (NULL);

      for (guint b = 0; b < before_level->n_areas; b++)
        if (target[b] == (int) a)
          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", before_level->names[b]);
      g_ptr_array_add (self->origins, g_string_free (names, FALSE));
    }
}

static void
keep_attributions (LmComparison *self,
                   LmDataset    *before)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  LmDataset *vintages[2] = { before, self->after };

  for (guint v = 0; v < 2; v++)
    {
      const char * const *lines = lm_dataset_get_attributions (vintages[v]);

      for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
        if (g_hash_table_add (seen, (char *) lines[i]))
          g_strv_builder_add (builder, lines[i]);
    }
  g_strfreev (self->attributions);
  self->attributions = g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
lm_comparison_finalize (GObject *object)
{
  LmComparison *self = LM_COMPARISON (object);

  g_free (self->manifest_path);
  g_free (self->data_root);
  g_free (self->id);
  g_free (self->title);
  g_free (self->prefix);
  g_free (self->before_id);
  g_free (self->after_id);
  g_free (self->before_title);
  g_free (self->after_title);
  g_free (self->level_id);
  g_free (self->before_level_id);
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->lookups[i].file);
      g_free (self->lookups[i].from);
      g_free (self->lookups[i].to);
    }
  g_free (self->index_id);
  g_ptr_array_unref (self->variables);
  g_ptr_array_unref (self->origins);
  g_strfreev (self->attributions);
  g_clear_object (&self->after);

  G_OBJECT_CLASS (lm_comparison_parent_class)->finalize (object);
}

static void
lm_comparison_class_init (LmComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_comparison_finalize;
}

static void
lm_comparison_init (LmComparison *self)
{
  self->variables = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_variable_free);
  self->origins = g_ptr_array_new_with_free_func (g_free);
  self->national[BEFORE] = self->national[AFTER] = NAN;
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

LmComparison *
lm_comparison_open (const char  *name,
                    const char  *data_root,
                    GError     **error)
{
  g_autoptr(LmComparison) self = NULL;
  g_autoptr(LmManifest) manifest = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_has_suffix (name, ".xml") || strchr (name, G_DIR_SEPARATOR) != NULL)
    path = g_strdup (name);
  else if ((path = lm_data_dir_find_manifest (name, data_root)) == NULL)
    {
      g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_NOT_FOUND,
                   _("There is no comparison called “%s” in the manifest folders; give its "
                     "id (the name of its manifest) or the path to a comparison manifest "
                     "(.xml)."),
                   name);
      return NULL;
    }
  manifest = lm_manifest_load_root (path, "comparison", error);
  if (manifest == NULL)
    return NULL;
  self = g_object_new (LM_TYPE_COMPARISON, NULL);
  self->manifest_path = g_steal_pointer (&path);
  self->data_root = g_strdup (data_root);
  if (!read_manifest (self, manifest, error))
    return NULL;
  return g_steal_pointer (&self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char *
lm_comparison_find_for (const char *after_id,
                        const char *data_root)
{
  g_auto(GStrv) dirs = lm_data_dir_get_manifest_dirs (data_root);

  g_return_val_if_fail (after_id != NULL, NULL);

  for (guint d = 0; dirs[d] != NULL; d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (names, g_strdup (name));
      /* By name, so the same folder always offers the same one. */
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL);
          g_autoptr(LmManifest) manifest = lm_manifest_load_root (path, "comparison", NULL);
          xmlNode *after = manifest != NULL ? lm_manifest_child (lm_manifest_get_root (manifest), "after")
                                            : NULL;
          g_autofree char *id = after != NULL ? lm_manifest_get (after, "dataset") : NULL;

          if (g_strcmp0 (id, after_id) == 0)
            return g_steal_pointer (&path);
        }
    }
  return NULL;
}

const char *
lm_comparison_get_id (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->id;
}

const char *
lm_comparison_get_title (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->title;
}

const char *
lm_comparison_get_before_id (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->before_id;
}

const char *
lm_comparison_get_after_id (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->after_id;
}

const char *
lm_comparison_get_before_title (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->before_title;
}

const char *
lm_comparison_get_after_title (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->after_title;
}

const char *
lm_comparison_get_level_id (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->level_id;
}

static LmLevel *
require_level (LmDataset   *dataset,
               const char  *id,
               GError     **error)
{
  LmLevel *level = lm_dataset_find_level (dataset, id);

  if (level == NULL)
    g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET,
                 _("%s has no level “%s” to compare at"), lm_dataset_get_title (dataset), id);
  return level;
}

gboolean
lm_comparison_run (LmComparison  *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LmDataset) before = NULL;
  g_autoptr(LmModel) before_model = NULL;
  g_autoptr(LmModel) after_model = NULL;
  g_autofree int *target = NULL;
  LmLevel *before_level;

  g_return_val_if_fail (LM_IS_COMPARISON (self), FALSE);

  g_ptr_array_set_size (self->variables, 0);
  g_clear_object (&self->after);
  /* Fresh loads: the official weights, whatever a window shows. */
  if ((before = lm_dataset_open (self->before_id, self->data_root, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (self->after = lm_dataset_open (self->after_id, self->data_root, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  before_model = lm_model_new (before);
  after_model = lm_model_new (self->after);
  if ((before_level = require_level (before, self->before_level_id, error)) == NULL ||
      (self->level = require_level (self->after, self->level_id, error)) == NULL)
    return FALSE;
  target = g_new (int, MAX (before_level->n_areas, 1));
  if (!compose (self, before, before_level, target, error) ||
      (self->index_id != NULL && !compare_index (self, before, before_level, target, error)) ||
      (self->left_behind && !compare_left_behind (self, before, before_level, target, error)))
    {
      g_ptr_array_set_size (self->variables, 0);
      return FALSE;
    }
  describe_origins (self, before_level, target);
  keep_attributions (self, before);
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (lm_comparison_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lm_comparison_run_async (LmComparison        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LM_IS_COMPARISON (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_comparison_run_async);
  g_task_run_in_thread (task, run_thread);
}

gboolean
lm_comparison_run_finish (LmComparison  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

LmLevel *
lm_comparison_get_level (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return self->level;
}

guint
lm_comparison_get_n_variables (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), 0);
  return self->variables->len;
}

LmVariable *
lm_comparison_get_variable (LmComparison *self,
                            guint         i)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (i < self->variables->len, NULL);
  return g_ptr_array_index (self->variables, i);
}

LmVariable *
lm_comparison_find_variable (LmComparison *self,
                             const char   *suffix)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);

  id = g_strdup_printf ("%s.%s", self->prefix, suffix);
  for (guint i = 0; i < self->variables->len; i++)
    if (strcmp (((LmVariable *) g_ptr_array_index (self->variables, i))->id, id) == 0)
      return g_ptr_array_index (self->variables, i);
  return NULL;
}

char *
lm_comparison_describe_origin (LmComparison *self,
                               guint         area)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (area < self->origins->len, NULL);
  return g_strdup (g_ptr_array_index (self->origins, area));
}

const char * const *
lm_comparison_get_attributions (LmComparison *self)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NULL);
  return (const char * const *) self->attributions;
}

double
lm_comparison_get_national_share (LmComparison *self,
                                  gboolean      after)
{
  g_return_val_if_fail (LM_IS_COMPARISON (self), NAN);
  return self->national[after ? AFTER : BEFORE];
}

gboolean
lm_comparison_apply (LmComparison  *self,
                     LmDataset     *dataset,
                     GError       **error)
{
  LmLevel *level;

  g_return_val_if_fail (LM_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (LM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (self->level != NULL, FALSE);

  level = lm_dataset_find_level (dataset, self->level_id);
  if (g_strcmp0 (lm_dataset_get_id (dataset), self->after_id) != 0 || level == NULL)
    {
      g_set_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET,
                   _("%s compares %s with %s; open %s to see it, not %s"), self->title,
                   self->after_id, self->before_id, self->after_id, lm_dataset_get_id (dataset));
      return FALSE;
    }
  for (guint i = 0; i < self->variables->len; i++)
    {
      LmVariable *result = g_ptr_array_index (self->variables, i);
      LmVariable *variable = lm_level_ensure_variable (level, result->id, result->title, result->unit);

      for (guint a = 0; a < level->n_areas; a++)
        {
          int mine = lm_level_find_area (self->level, level->codes[a]);

          variable->values[a] = mine >= 0 ? result->values[mine] : NAN;
        }
    }
  return TRUE;
}
