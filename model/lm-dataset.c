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
aggregate_from_children (LmDataset  *self,
                         LmVariable *variable)
{
  LmLevel *level = variable->level;
  LmLevel *child = level->child_level;
  LmVariable *source = lm_level_find_variable (child, variable->id);
  gboolean mean = variable->aggregate == LM_AGGREGATE_MEAN;

  g_assert (source != NULL);
  for (guint i = 0; i < level->n_areas; i++)
    {
      self->sum_weighted[i] = 0;
      self->sum_weight[i] = 0;
    }
  for (guint i = 0; i < child->n_areas; i++)
    {
      int parent = child->parent[i];
      double value = source->values[i];
      double weight = mean ? child->population[i] : 1;

      if (parent < 0 || isnan (value) || weight <= 0)
        continue;
      self->sum_weighted[parent] += weight * value;
      self->sum_weight[parent] += weight;
    }
  for (guint i = 0; i < level->n_areas; i++)
    {
      if (self->sum_weight[i] <= 0)
        variable->values[i] = NAN;
      else
        variable->values[i] = mean ? self->sum_weighted[i] / self->sum_weight[i] : self->sum_weighted[i];
    }
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
compute_rank (LmDataset  *self,
              LmVariable *variable)
{
  LmLevel *level = variable->level;
  LmVariable *score = lm_level_find_variable (level, variable->source);

  lm_rank_descending (score->values, level->n_areas, self->ranks, self->rank_scratch);
  for (guint i = 0; i < level->n_areas; i++)
    variable->values[i] = self->ranks[i] > 0 ? self->ranks[i] : NAN;
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

void
lm_dataset_aggregate (LmDataset *self,
                      gboolean   only_weighted)
{
  g_return_if_fail (LM_IS_DATASET (self));

  for (guint k = 0; k < self->levels->len; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);

      /* Sums and means first, then the ratios, ranks and deciles that are
       * taken from them at this level. */
      for (guint pass = 0; pass < 4; pass++)
        for (guint v = 0; v < level->variables->len; v++)
          {
            LmVariable *variable = g_ptr_array_index (level->variables, v);

            if (only_weighted && !variable->depends_on_weights)
              continue;
            if (pass == 0 && !variable->native &&
                (variable->aggregate == LM_AGGREGATE_MEAN || variable->aggregate == LM_AGGREGATE_SUM))
              aggregate_from_children (self, variable);
            else if (pass == 1 && variable->aggregate == LM_AGGREGATE_RATIO)
              compute_ratio (variable);
            else if (pass == 2 && variable->aggregate == LM_AGGREGATE_RANK)
              compute_rank (self, variable);
            else if (pass == 3 && variable->aggregate == LM_AGGREGATE_DECILE)
              compute_decile (variable);
          }
    }
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
    }
  g_free (self->sources);
  g_ptr_array_unref (self->indices);
  g_ptr_array_unref (self->elections);
  g_ptr_array_unref (self->reports);
  g_ptr_array_unref (self->levels);
  _lm_left_behind_rule_free (self->rule);
  g_strfreev (self->attributions);
  g_free (self->attribution_line);
  g_clear_pointer (&self->prefetched, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_pointer (&self->table_rows, g_hash_table_unref);
  g_clear_pointer (&self->table_levels, g_hash_table_unref);
  g_free (self->sum_weighted);
  g_free (self->sum_weight);
  g_free (self->ranks);
  g_clear_pointer (&self->rank_scratch, g_array_unref);
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
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lm_csv_free);
  self->table_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->table_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rank_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
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

/* Public API */

LmDataset *
lm_dataset_load (const char  *manifest_path,
                 const char  *data_dir,
                 GError     **error)
{
  g_autoptr(LmManifest) manifest = NULL;
  g_autoptr(LmDataset) self = NULL;
  xmlNode *root;
  guint max_areas = 1;

  g_return_val_if_fail (manifest_path != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  manifest = lm_manifest_load (manifest_path, error);
  if (manifest == NULL)
    return NULL;
  root = lm_manifest_get_root (manifest);

  self = g_object_new (LM_TYPE_DATASET, NULL);
  self->manifest_path = g_strdup (manifest_path);
  self->manifest_checksum = checksum_file (manifest_path);
  self->data_dir = g_strdup (data_dir);
  self->id = lm_manifest_require (manifest, root, "id", error);
  if (self->id == NULL)
    return NULL;
  self->title = lm_manifest_get (root, "title");
  if (self->title == NULL)
    self->title = g_strdup (self->id);

  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                   _("The data folder for %s is not there: %s. Point Levelmap at the folder "
                     "that holds “%s” with --data-dir=FOLDER or the LEVELMAP_DATA_DIR "
                     "environment variable."),
                   self->title, data_dir, self->id);
      return NULL;
    }

  _lm_dataset_prefetch_tables (self, manifest);
  if (!_lm_dataset_load_levels (self, manifest, error) ||
      !_lm_dataset_load_lookup (self, manifest, error) ||
      !_lm_dataset_load_tables (self, manifest, error) ||
      !_lm_dataset_load_population (self, manifest, error) ||
      !_lm_dataset_load_table_variables (self, manifest, error) ||
      !_lm_dataset_load_indices (self, manifest, error) ||
      !_lm_dataset_load_elections (self, manifest, error) ||
      !_lm_dataset_load_left_behind (self, manifest, error) ||
      !_lm_dataset_load_reports (self, manifest, error))
    return NULL;
  _lm_dataset_load_attributions (self, manifest);

  /* The tables are not needed once their columns are read. */
  g_clear_pointer (&self->prefetched, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_pointer (&self->table_rows, g_hash_table_unref);

  for (guint k = 0; k < self->levels->len; k++)
    max_areas = MAX (max_areas, ((LmLevel *) g_ptr_array_index (self->levels, k))->n_areas);
  self->sum_weighted = g_new (double, max_areas);
  self->sum_weight = g_new (double, max_areas);
  self->ranks = g_new (guint, max_areas);

  sum_population_up (self);
  lm_dataset_aggregate (self, FALSE);
  return g_steal_pointer (&self);
}

LmDataset *
lm_dataset_open (const char  *name,
                 const char  *data_root,
                 GError     **error)
{
  g_autofree char *manifest = NULL;
  g_autofree char *data_dir = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_has_suffix (name, ".xml") || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      /* A user's own manifest: its files are relative to its folder. */
      manifest = g_strdup (name);
      data_dir = g_path_get_dirname (name);
    }
  else
    {
      manifest = lm_data_dir_find_manifest (name, data_root);
      if (manifest == NULL)
        {
          set_unknown_dataset_error (name, data_root, error);
          return NULL;
        }
      data_dir = g_build_filename (data_root, name, NULL);
    }
  return lm_dataset_load (manifest, data_dir, error);
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
  LmIndex *index;

  g_return_val_if_fail (LM_IS_DATASET (self), NULL);

  if (self->indices->len == 0)
    return "population";
  index = g_ptr_array_index (self->indices, 0);
  return lm_index_find_variable (index, index->level, "score")->id;
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
  LevelSource *source;
  g_autofree char *path = NULL;
  g_autoptr(LmShapeLayer) shapes = NULL;
  g_auto(GStrv) codes = NULL;
  guint n_features;

  g_return_val_if_fail (LM_IS_DATASET (self), FALSE);

  if (level->shapes != NULL)
    return TRUE;
  source = &self->sources[level->depth];
  if (source->shapefile == NULL)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("The level “%s” of %s has no boundaries to draw"), level->title, self->title);
      return FALSE;
    }
  path = _lm_dataset_data_path (self, source->shapefile);
  shapes = lm_shape_layer_load (path, error);
  if (shapes == NULL)
    return FALSE;
  codes = lm_shape_layer_read_string_field (shapes, source->code_field, error);
  if (codes == NULL)
    return FALSE;
  n_features = lm_shape_layer_get_n_features (shapes);
  for (guint f = 0; f < n_features; f++)
    {
      int area = lm_level_find_area (level, codes[f]);
      /* A polygon whose code the tables don't know is simply not drawn. */
      if (area >= 0)
        level->feature[area] = (int) f;
    }
  level->shapes = g_steal_pointer (&shapes);
  return TRUE;
}
