/* lm-dataset.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-csv.h"
#include "lm-data-dir.h"
#include "lm-dataset-private.h"
#include "lm-parallel.h"
#include "lm-rank.h"

G_DEFINE_FINAL_TYPE (LmDataset, lm_dataset, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-dataset-error-quark, lm_dataset_error)

/* Auxiliary methods */

static void
sum_population_up (LmDataset *self)
{
  for (guint k = 0; k < self->levels->len; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);
      LmVariable *population = lm_level_find_variable (level, "population");

      for (guint i = 0; i < level->n_areas; i++)
        level->population[i] = 0;
      if (k == 0)
        {
          for (guint i = 0; i < level->n_areas; i++)
            level->population[i] = isnan (population->values[i]) ? 0 : population->values[i];
        }
      else
        {
          LmLevel *child = level->child_level;
          for (guint i = 0; i < child->n_areas; i++)
            if (child->parent[i] >= 0)
              level->population[child->parent[i]] += child->population[i];
        }
    }
}

/* Aggregation */

static void
derive_buffers_init (LmDeriveBuffers *buffers,
                     guint            n)
{
  buffers->sum_weighted = g_new (double, MAX (n, 1));
  buffers->sum_weight = g_new (double, MAX (n, 1));
  buffers->ranks = g_new (guint, MAX (n, 1));
  buffers->rank_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
derive_buffers_clear (LmDeriveBuffers *buffers)
{
  g_clear_pointer (&buffers->sum_weighted, g_free);
  g_clear_pointer (&buffers->sum_weight, g_free);
  g_clear_pointer (&buffers->ranks, g_free);
  g_clear_pointer (&buffers->rank_scratch, g_array_unref);
}

static void
aggregate_from_children (LmVariable      *variable,
                         LmDeriveBuffers *buffers)
{
  LmLevel *level = variable->level;
  LmVariable *source = lm_level_find_variable (level->child_level, variable->id);

  g_assert (source != NULL);
  lm_level_aggregate_children (level, source->values, variable->aggregate == LM_AGGREGATE_MEAN,
                               variable->values, buffers->sum_weighted, buffers->sum_weight);
}

static void
compute_ratio (LmVariable *variable)
{
  LmLevel *level = variable->level;
  LmVariable *numerator = lm_level_find_variable (level, variable->source);
  LmVariable *denominator = lm_level_find_variable (level, variable->source2);

  for (guint i = 0; i < level->n_areas; i++)
    {
      double d = denominator->values[i];
      variable->values[i] = (isnan (d) || d <= 0) ? NAN : 100.0 * numerator->values[i] / d;
    }
}

static void
compute_rank (LmVariable      *variable,
              LmDeriveBuffers *buffers)
{
  LmLevel *level = variable->level;
  LmVariable *score = lm_level_find_variable (level, variable->source);

  lm_rank_descending (score->values, level->n_areas, buffers->ranks, buffers->rank_scratch);
  for (guint i = 0; i < level->n_areas; i++)
    variable->values[i] = buffers->ranks[i] > 0 ? buffers->ranks[i] : NAN;
}

static void
compute_decile (LmVariable *variable)
{
  LmLevel *level = variable->level;
  LmVariable *rank = lm_level_find_variable (level, variable->source);
  guint n_ranked = 0;

  for (guint i = 0; i < level->n_areas; i++)
    if (!isnan (rank->values[i]))
      n_ranked++;
  for (guint i = 0; i < level->n_areas; i++)
    variable->values[i] = isnan (rank->values[i]) ? NAN
                          : lm_rank_to_decile ((guint) rank->values[i], n_ranked);
}

/* Levels of fewer areas derive their variables on one core: a pass
 * over them costs less than starting a thread. */
#define PARALLEL_MIN_AREAS 1000

/* Which variables aggregate_variables() derives. */
typedef enum
{
  DERIVE_ALL,
  DERIVE_WEIGHTED,  /* those that depend on the weights */
  DERIVE_FIXED,     /* those that do not */
} Derive;

/* Whether @variable is one of @which, derived in pass @pass of
 * aggregate_variables(). */
static gboolean
derived_in_pass (const LmVariable *variable,
                 Derive            which,
                 guint             pass)
{
  if ((which == DERIVE_WEIGHTED && !variable->depends_on_weights) ||
      (which == DERIVE_FIXED && variable->depends_on_weights))
    return FALSE;
  switch (pass)
    {
    case 0:
      return !variable->native &&
             (variable->aggregate == LM_AGGREGATE_MEAN || variable->aggregate == LM_AGGREGATE_SUM);
    case 1:
      return variable->aggregate == LM_AGGREGATE_RATIO;
    case 2:
      return variable->aggregate == LM_AGGREGATE_RANK;
    case 3:
    default:
      return variable->aggregate == LM_AGGREGATE_DECILE;
    }
}

static void
derive_variable (LmVariable      *variable,
                 Derive           which,
                 guint            pass,
                 LmDeriveBuffers *buffers)
{
  if (!derived_in_pass (variable, which, pass))
    return;
  switch (pass)
    {
    case 0:
      aggregate_from_children (variable, buffers);
      break;
    case 1:
      compute_ratio (variable);
      break;
    case 2:
      compute_rank (variable, buffers);
      break;
    case 3:
    default:
      compute_decile (variable);
      break;
    }
}

static guint
count_derived (LmLevel *level,
               Derive   which,
               guint    pass)
{
  guint n = 0;

  for (guint v = 0; v < level->variables->len; v++)
    n += derived_in_pass (g_ptr_array_index (level->variables, v), which, pass);
  return n;
}

/* One pass over a level's variables, in two parts on two cores: the
 * variables of a pass only read those of earlier passes and levels, and
 * each writes its own values. */
typedef struct
{
  LmLevel         *level;
  Derive           which;
  guint            pass;
  LmDeriveBuffers *buffers[2];
} DeriveParts;

static void
derive_part (guint    part,
             gpointer data)
{
  DeriveParts *parts = data;

  for (guint v = part; v < parts->level->variables->len; v += 2)
    derive_variable (g_ptr_array_index (parts->level->variables, v), parts->which, parts->pass,
                     parts->buffers[part]);
}

/* With @second, a second set of buffers, the passes over levels of many
 * areas run on two cores (the load's; a weight change's recompute stays
 * on one, where starting a thread for each pass would cost more than it
 * saves). */
static void
aggregate_variables (LmDataset       *self,
                     Derive           which,
                     LmDeriveBuffers *second)
{
  for (guint k = 0; k < self->levels->len; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);
      gboolean large = second != NULL && level->n_areas >= PARALLEL_MIN_AREAS;

      /* Sums and means first, then the ratios, ranks and deciles that are
       * taken from them at this level. */
      for (guint pass = 0; pass < 4; pass++)
        if (large && count_derived (level, which, pass) >= 2)
          {
            DeriveParts parts = { level, which, pass, { &self->buffers, second } };

            lm_parallel_for (2, derive_part, &parts);
          }
        else
          for (guint v = 0; v < level->variables->len; v++)
            derive_variable (g_ptr_array_index (level->variables, v), which, pass,
                             &self->buffers);
    }
}

void
lm_dataset_aggregate (LmDataset *self,
                      gboolean   only_weighted)
{
  g_return_if_fail (LM_IS_DATASET (self));

  aggregate_variables (self, only_weighted ? DERIVE_WEIGHTED : DERIVE_ALL, NULL);
}

/* GObject overrides */

static void
lm_dataset_finalize (GObject *object)
{
  LmDataset *self = LM_DATASET (object);

  for (guint i = 0; self->sources != NULL && i < self->levels->len; i++)
    {
      g_free (self->sources[i].shapefile);
      g_free (self->sources[i].code_field);
      g_clear_error (&self->sources[i].error);
      g_free (self->sources[i].warning);
    }
  g_free (self->sources);
  g_ptr_array_unref (self->indices);
  g_ptr_array_unref (self->elections);
  g_ptr_array_unref (self->reports);
  g_ptr_array_unref (self->levels);
  _lm_left_behind_rule_free (self->rule);
  g_strfreev (self->attributions);
  g_free (self->attribution_line);
  g_free (self->default_variable);
  g_clear_pointer (&self->plan, _lm_load_plan_free);
  _lm_dataset_drop_prefetched_shapes (self);
  g_clear_pointer (&self->prefetched, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_pointer (&self->table_rows, g_hash_table_unref);
  g_clear_pointer (&self->table_levels, g_hash_table_unref);
  g_clear_object (&self->warnings);
  g_clear_object (&self->problems);
  g_clear_error (&self->deferred);
  derive_buffers_clear (&self->buffers);
  g_free (self->id);
  g_free (self->title);
  g_free (self->data_dir);
  g_free (self->manifest_path);
  g_free (self->manifest_checksum);

  G_OBJECT_CLASS (lm_dataset_parent_class)->finalize (object);
}

static void
lm_dataset_class_init (LmDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_dataset_finalize;
}

static void
lm_dataset_init (LmDataset *self)
{
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_level_free);
  self->indices = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_index_free);
  self->elections = g_ptr_array_new_with_free_func ((GDestroyNotify) _lm_election_free);
  self->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) _lm_report_preset_free);
  self->prefetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) _lm_prefetched_csv_free);
  /* Borrowed from @prefetched, which reads each file once. */
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = lm_problems_new ();
  self->table_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->table_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Says which datasets there are, and where Levelmap looked. */
static void
set_unknown_dataset_error (const char  *name,
                           const char  *data_root,
                           GError     **error)
{
  g_autoptr(GPtrArray) datasets = lm_data_dir_list_datasets (data_root);
  g_auto(GStrv) dirs = lm_data_dir_get_manifest_dirs (data_root);
  g_autofree char *searched = g_strjoinv (", ", dirs);
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < datasets->len; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "",
                            ((LmDatasetInfo *) g_ptr_array_index (datasets, i))->id);
  if (known->len > 0)
    g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                 _("There is no dataset called “%s”. The datasets found are %s; a path to a "
                   "manifest (.xml) works too."),
                 name, known->str);
  else
    g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                 _("There is no dataset called “%s”: no manifest was found in %s. Give the path "
                   "to a manifest (.xml), or its folder in the LEVELMAP_MANIFEST_DIR "
                   "environment variable."),
                 name, searched);
}

/* The manifest has just been read, so a failure here is a race with
 * its removal: the checksum is then only unknown. */
static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *hex = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_strconcat ("sha256:", hex, NULL);
}

/* Boundaries are read once: a layer that cannot be used keeps its error,
 * so that a broken outline layer is not read again at every frame. */
static gboolean
ensure_shapes (LmDataset   *self,
               LmLevel     *level,
               GError     **error)
{
  LevelSource *source = &self->sources[level->depth];
  g_autoptr(GError) local_error = NULL;

  if (level->shapes != NULL)
    return TRUE;
  if (source->error != NULL)
    {
      g_propagate_error (error, g_error_copy (source->error));
      return FALSE;
    }
  if (source->shapefile == NULL)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("The level “%s” of %s has no boundaries to draw"), level->title, self->title);
      return FALSE;
    }
  if (!_lm_dataset_read_shapes (self, level, &local_error))
    {
      source->error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Reads everything the manifest names but the boundaries. With
 * @problems, every problem also goes into it and loading goes on past
 * damaged values: the dataset is returned with the first of them in
 * self->deferred, for the caller to fail with (or, checking, to read its
 * boundaries too). */
static LmDataset *
load_full (const char           *manifest_path,
           const char           *data_dir,
           const LmDatasetNeeds *needs,
           LmProblems           *problems,
           GError              **error)
{
  g_autoptr(LmManifest) manifest = NULL;
  g_autoptr(LmDataset) self = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlNode *root;
  guint max_areas = 1;

  manifest = lm_manifest_load (manifest_path, &local_error);
  if (manifest == NULL)
    goto failed;
  root = lm_manifest_get_root (manifest);

  self = g_object_new (LM_TYPE_DATASET, NULL);
  self->manifest_path = g_strdup (manifest_path);
  self->manifest_checksum = checksum_file (manifest_path);
  self->data_dir = g_strdup (data_dir);
  self->problems = problems != NULL ? g_object_ref (problems) : NULL;
  self->id = lm_manifest_require (manifest, root, "id", &local_error);
  if (self->id == NULL)
    goto failed;
  self->title = lm_manifest_get (root, "title");
  if (self->title == NULL)
    self->title = g_strdup (self->id);

  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (&local_error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                   _("The data folder for %s is not there: %s. Point Levelmap at the folder "
                     "that holds “%s” with --data-dir=FOLDER or the LEVELMAP_DATA_DIR "
                     "environment variable."),
                   self->title, data_dir, self->id);
      goto failed;
    }

  if (needs != NULL)
    {
      if (!(needs->flags & LM_DATASET_NEED_EVERYTHING))
        self->plan = _lm_load_plan_new (manifest, needs->variables, needs->flags);
      _lm_dataset_prefetch_shapes (self, manifest, needs->shapes_from);
    }
  {
    xmlNode *index = lm_manifest_child (root, "index");
    g_autofree char *index_id = index != NULL ? lm_manifest_get (index, "id") : NULL;

    self->default_variable = index_id != NULL ? g_strdup_printf ("%s.score", index_id)
                                              : g_strdup ("population");
  }

  _lm_dataset_prefetch_tables (self, manifest);
  if (!_lm_dataset_load_levels (self, manifest, &local_error) ||
      !_lm_dataset_load_lookup (self, manifest, &local_error) ||
      !_lm_dataset_load_tables (self, manifest, &local_error) ||
      !_lm_dataset_load_population (self, manifest, &local_error) ||
      !_lm_dataset_load_table_variables (self, manifest, &local_error) ||
      !_lm_dataset_load_indices (self, manifest, &local_error) ||
      !_lm_dataset_load_elections (self, manifest, &local_error) ||
      !_lm_dataset_load_left_behind (self, manifest, &local_error) ||
      !_lm_dataset_load_reports (self, manifest, &local_error))
    goto failed;
  _lm_dataset_load_attributions (self, manifest);
  g_clear_object (&self->problems);

  /* The tables are not needed once their columns are read. */
  g_clear_pointer (&self->prefetched, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_pointer (&self->table_rows, g_hash_table_unref);

  for (guint k = 0; k < self->levels->len; k++)
    max_areas = MAX (max_areas, ((LmLevel *) g_ptr_array_index (self->levels, k))->n_areas);
  derive_buffers_init (&self->buffers, max_areas);

  sum_population_up (self);
  /* The variables that depend on the weights have no values until a
   * model computes the indices, and it derives them then: doing it here
   * too was a tenth of the work after reading. */
  {
    LmDeriveBuffers second;

    derive_buffers_init (&second, max_areas);
    aggregate_variables (self, DERIVE_FIXED, &second);
    derive_buffers_clear (&second);
  }
  return g_steal_pointer (&self);

failed:
  /* What stopped the loading is a problem too; an earlier damaged value,
   * found first, stays the error. */
  if (problems != NULL)
    lm_problems_add (problems, LM_PROBLEM_ERROR, local_error);
  if (self != NULL && self->deferred != NULL)
    g_propagate_error (error, g_steal_pointer (&self->deferred));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Public API */

LmDataset *
lm_dataset_load (const char  *manifest_path,
                 const char  *data_dir,
                 GError     **error)
{
  g_return_val_if_fail (manifest_path != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  return load_full (manifest_path, data_dir, NULL, NULL, error);
}

/* @needs NULL reads everything. */
LmDataset *
lm_dataset_load_for (const char           *manifest_path,
                     const char           *data_dir,
                     const LmDatasetNeeds *needs,
                     GError              **error)
{
  g_return_val_if_fail (manifest_path != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  return load_full (manifest_path, data_dir, needs, NULL, error);
}

gboolean
lm_dataset_locate (const char  *name,
                   const char  *data_root,
                   char       **out_manifest,
                   char       **out_data_dir,
                   GError     **error)
{
  g_autofree char *manifest = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_has_suffix (name, ".xml") || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      /* A user's own manifest: its files are relative to its folder. */
      if (out_data_dir != NULL)
        *out_data_dir = g_path_get_dirname (name);
      if (out_manifest != NULL)
        *out_manifest = g_strdup (name);
      return TRUE;
    }
  manifest = lm_data_dir_find_manifest (name, data_root);
  if (manifest == NULL)
    {
      set_unknown_dataset_error (name, data_root, error);
      return FALSE;
    }
  if (out_data_dir != NULL)
    *out_data_dir = g_build_filename (data_root, name, NULL);
  if (out_manifest != NULL)
    *out_manifest = g_steal_pointer (&manifest);
  return TRUE;
}

/* lm_dataset_open_full() and lm_dataset_open_for() in one. */
static LmDataset *
open_with (const char           *name,
           const char           *data_root,
           const LmDatasetNeeds *needs,
           LmProblems           *problems,
           GError              **error)
{
  g_autofree char *manifest = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LmDataset) self = NULL;

  if (!lm_dataset_locate (name, data_root, &manifest, &data_dir, &local_error))
    {
      if (problems != NULL)
        lm_problems_add (problems, LM_PROBLEM_ERROR, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self = load_full (manifest, data_dir, needs, problems, error);
  /* Damaged values were listed and loading went on: the first of them is
   * the error. */
  if (self != NULL && self->deferred != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->deferred));
      return NULL;
    }
  return g_steal_pointer (&self);
}

LmDataset *
lm_dataset_open_full (const char  *name,
                      const char  *data_root,
                      LmProblems  *problems,
                      GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (problems == NULL || LM_IS_PROBLEMS (problems), NULL);

  return open_with (name, data_root, NULL, problems, error);
}

LmDataset *
lm_dataset_open (const char  *name,
                 const char  *data_root,
                 GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  return open_with (name, data_root, NULL, NULL, error);
}

LmDataset *
lm_dataset_open_for (const char           *name,
                     const char           *data_root,
                     const LmDatasetNeeds *needs,
                     GError              **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  return open_with (name, data_root, needs, NULL, error);
}

gboolean
lm_dataset_check (const char *name,
                  const char *data_root,
                  LmProblems *problems)
{
  g_autoptr(LmDataset) self = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (LM_IS_PROBLEMS (problems), FALSE);

  if (!lm_dataset_locate (name, data_root, &manifest, &data_dir, &error))
    {
      lm_problems_add (problems, LM_PROBLEM_ERROR, error);
      return FALSE;
    }
  /* Damaged tables do not keep the boundaries from being checked. */
  self = load_full (manifest, data_dir, NULL, problems, NULL);
  if (self == NULL)
    return FALSE;
  /* Every layer, each on its own: a broken one does not hide the others. */
  self->problems = g_object_ref (problems);
  for (guint k = 0; k < self->levels->len; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);

      if (self->sources[k].shapefile != NULL && level->shapes == NULL)
        ensure_shapes (self, level, NULL);
    }
  g_clear_object (&self->problems);
  return lm_problems_get_n_errors (problems) == 0;
}

gboolean
lm_dataset_is_complete (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), FALSE);
  return self->plan == NULL;
}

const char *
lm_dataset_get_id (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->id;
}

const char *
lm_dataset_get_title (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->title;
}

const char *
lm_dataset_get_data_dir (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->data_dir;
}

const char *
lm_dataset_get_manifest_path (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->manifest_path;
}

/* NULL only if the manifest could not be read a second time. */
const char *
lm_dataset_get_manifest_checksum (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->manifest_checksum;
}

guint
lm_dataset_get_n_levels (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), 0);
  return self->levels->len;
}

LmLevel *
lm_dataset_get_level (LmDataset *self,
                      guint      depth)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (depth < self->levels->len, NULL);
  return g_ptr_array_index (self->levels, depth);
}

LmLevel *
lm_dataset_find_level (LmDataset  *self,
                       const char *id)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);

  for (guint k = 0; id != NULL && k < self->levels->len; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);
      if (strcmp (level->id, id) == 0)
        return level;
    }
  return NULL;
}

guint
lm_dataset_get_n_indices (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), 0);
  return self->indices->len;
}

LmIndex *
lm_dataset_get_index (LmDataset *self,
                      guint      i)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (i < self->indices->len, NULL);
  return g_ptr_array_index (self->indices, i);
}

LmIndex *
lm_dataset_find_index (LmDataset  *self,
                       const char *id)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);

  for (guint i = 0; id != NULL && i < self->indices->len; i++)
    {
      LmIndex *index = g_ptr_array_index (self->indices, i);
      if (strcmp (index->id, id) == 0)
        return index;
    }
  return NULL;
}

LmLeftBehindRule *
lm_dataset_get_left_behind_rule (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->rule;
}

guint
lm_dataset_get_n_elections (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), 0);
  return self->elections->len;
}

const LmElection *
lm_dataset_get_election (LmDataset *self,
                         guint      i)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (i < self->elections->len, NULL);
  return g_ptr_array_index (self->elections, i);
}

guint
lm_dataset_get_n_reports (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), 0);
  return self->reports->len;
}

const LmReportPreset *
lm_dataset_get_report (LmDataset *self,
                       guint      i)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (i < self->reports->len, NULL);
  return g_ptr_array_index (self->reports, i);
}

int
lm_dataset_find_report (LmDataset  *self,
                        const char *id)
{
  g_return_val_if_fail (LM_IS_DATASET (self), -1);

  for (guint i = 0; id != NULL && i < self->reports->len; i++)
    if (g_strcmp0 (((LmReportPreset *) g_ptr_array_index (self->reports, i))->id, id) == 0)
      return (int) i;
  return -1;
}

LmLevel *
lm_dataset_get_context_level (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->context_level;
}

LmLevel *
lm_dataset_get_context_for (LmDataset *self,
                            LmLevel   *level)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (level != NULL, NULL);

  if (self->context_level != NULL && self->context_level->depth > level->depth)
    return self->context_level;
  return level->parent_level;
}

const char *
lm_dataset_get_default_variable (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  /* From the manifest: a partial load may have skipped its index. */
  return self->default_variable;
}

const char * const *
lm_dataset_get_attributions (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return (const char * const *) self->attributions;
}

const char *
lm_dataset_get_attribution_line (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return self->attribution_line;
}

LmVariable *
lm_dataset_find_variable (LmDataset  *self,
                          const char *level_id,
                          const char *variable_id)
{
  LmLevel *level = lm_dataset_find_level (self, level_id);

  return level != NULL ? lm_level_find_variable (level, variable_id) : NULL;
}

gboolean
lm_dataset_ensure_shapes (LmDataset  *self,
                          LmLevel    *level,
                          GError    **error)
{
  g_return_val_if_fail (LM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (level != NULL, FALSE);

  return ensure_shapes (self, level, error);
}

gboolean
lm_dataset_has_shapes (LmDataset *self,
                       LmLevel   *level)
{
  g_return_val_if_fail (LM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (level != NULL && level->depth < self->levels->len, FALSE);

  return self->sources[level->depth].shapefile != NULL;
}

const GError *
lm_dataset_get_shapes_error (LmDataset *self,
                             LmLevel   *level)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (level != NULL && level->depth < self->levels->len, NULL);

  return self->sources[level->depth].error;
}

const char *
lm_dataset_get_shapes_warning (LmDataset *self,
                               LmLevel   *level)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  g_return_val_if_fail (level != NULL && level->depth < self->levels->len, NULL);

  return self->sources[level->depth].warning;
}

LmProblems *
lm_dataset_get_warnings (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);

  return self->warnings;
}
