/* lm-dataset-lazy.c — loading only what an action needs
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-dataset-private.h"
#include "lm-input-file.h"

/* Which parts of a manifest to read, worked out from the manifest alone
 * before any table is: the variables asked for, what they are computed
 * from (an index's table, the rule's criteria), and the files of those
 * parts. Levels, the lookup and the population are always read. */
struct _LmLoadPlan
{
  GHashTable *variables;   /* ids asked for, and those they need */
  GHashTable *tables;      /* <table> ids */
  GHashTable *indices;     /* <index> ids */
  GHashTable *elections;   /* <election> ids */
  GHashTable *files;       /* file names to read */
  gboolean    rule;
};

void
_lm_load_plan_free (LmLoadPlan *plan)
{
  if (plan == NULL)
    return;
  g_hash_table_unref (plan->variables);
  g_hash_table_unref (plan->tables);
  g_hash_table_unref (plan->indices);
  g_hash_table_unref (plan->elections);
  g_hash_table_unref (plan->files);
  g_free (plan);
}

static void
add_string (GHashTable *set,
            char       *owned)
{
  if (owned != NULL)
    g_hash_table_add (set, owned);
}

/* Whether a variable of the part @prefix ("imd" for imd.score) is asked
 * for. */
static gboolean
wants_prefix (LmLoadPlan *plan,
              const char *prefix)
{
  GHashTableIter iter;
  gpointer key;
  gsize length = prefix != NULL ? strlen (prefix) : 0;

  if (length == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, plan->variables);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strncmp (key, prefix, length) == 0 && ((const char *) key)[length] == '.')
      return TRUE;
  return FALSE;
}

/* The first report's axes and the default variable, as asked. */
static void
add_implied_variables (LmLoadPlan         *plan,
                       xmlNode            *root,
                       LmDatasetNeedFlags  flags)
{
  if (flags & LM_DATASET_NEED_DEFAULT_VARIABLE)
    {
      xmlNode *index = lm_manifest_child (root, "index");
      g_autofree char *id = index != NULL ? lm_manifest_get (index, "id") : NULL;

      add_string (plan->variables, id != NULL ? g_strdup_printf ("%s.score", id)
                                              : g_strdup ("population"));
    }
  if (flags & LM_DATASET_NEED_FIRST_REPORT)
    {
      xmlNode *report = lm_manifest_child (root, "report");

      if (report != NULL)
        {
          add_string (plan->variables, lm_manifest_get (report, "x"));
          add_string (plan->variables, lm_manifest_get (report, "y"));
        }
    }
}

/* The left-behind rule, when its flag is asked for, brings its
 * criteria's variables. */
static void
plan_rule (LmLoadPlan         *plan,
           xmlNode            *root,
           LmDatasetNeedFlags  flags)
{
  xmlNode *node = lm_manifest_child (root, "left-behind");
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) criteria = NULL;

  if (node == NULL)
    return;
  id = lm_manifest_get (node, "id");
  plan->rule = (flags & LM_DATASET_NEED_RULE) ||
               g_hash_table_contains (plan->variables, id != NULL ? id : "left_behind");
  if (!plan->rule)
    return;
  criteria = lm_manifest_children (node, "criterion");
  for (guint i = 0; i < criteria->len; i++)
    add_string (plan->variables, lm_manifest_get (g_ptr_array_index (criteria, i), "variable"));
}

/* Whether a <table> gives areas their names or adds areas. */
static gboolean
names_areas (xmlNode *table)
{
  g_autofree char *name_column = lm_manifest_get (table, "name-column");
  g_autofree char *adds = lm_manifest_get (table, "adds-areas");

  return name_column != NULL || g_strcmp0 (adds, "true") == 0;
}

static void
plan_parts (LmLoadPlan         *plan,
            xmlNode            *root,
            LmDatasetNeedFlags  flags)
{
  g_autoptr(GPtrArray) indices = lm_manifest_children (root, "index");
  g_autoptr(GPtrArray) tables = lm_manifest_children (root, "table");
  g_autoptr(GPtrArray) elections = lm_manifest_children (root, "election");

  for (guint i = 0; i < indices->len; i++)
    {
      xmlNode *node = g_ptr_array_index (indices, i);
      g_autofree char *id = lm_manifest_get (node, "id");

      if (!wants_prefix (plan, id))
        continue;
      add_string (plan->tables, lm_manifest_get (node, "table"));
      g_hash_table_add (plan->indices, g_steal_pointer (&id));
    }
  for (guint t = 0; t < tables->len; t++)
    {
      xmlNode *node = g_ptr_array_index (tables, t);
      g_autoptr(GPtrArray) variables = lm_manifest_children (node, "variable");
      g_autofree char *id = lm_manifest_get (node, "id");

      if (id != NULL && (flags & LM_DATASET_NEED_NAMES) && names_areas (node))
        g_hash_table_add (plan->tables, g_strdup (id));
      for (guint v = 0; v < variables->len && id != NULL; v++)
        {
          g_autofree char *variable = lm_manifest_get (g_ptr_array_index (variables, v), "id");

          if (variable != NULL && g_hash_table_contains (plan->variables, variable))
            g_hash_table_add (plan->tables, g_strdup (id));
        }
      if (id != NULL && g_hash_table_contains (plan->tables, id))
        add_string (plan->files, lm_manifest_get (node, "file"));
    }
  for (guint e = 0; e < elections->len; e++)
    {
      xmlNode *node = g_ptr_array_index (elections, e);
      xmlNode *lookup = lm_manifest_child (node, "lookup");
      g_autofree char *id = lm_manifest_get (node, "id");

      if (!wants_prefix (plan, id))
        continue;
      add_string (plan->files, lm_manifest_get (node, "file"));
      if (lookup != NULL)
        add_string (plan->files, lm_manifest_get (lookup, "file"));
      g_hash_table_add (plan->elections, g_steal_pointer (&id));
    }
}

LmLoadPlan *
_lm_load_plan_new (LmManifest         *manifest,
                   const char * const *variables,
                   LmDatasetNeedFlags  flags)
{
  xmlNode *root = lm_manifest_get_root (manifest);
  xmlNode *lookup = lm_manifest_child (root, "lookup");
  xmlNode *population = lm_manifest_child (root, "population");
  LmLoadPlan *plan = g_new0 (LmLoadPlan, 1);

  plan->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->indices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->elections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; variables != NULL && variables[i] != NULL; i++)
    g_hash_table_add (plan->variables, g_strdup (variables[i]));
  add_implied_variables (plan, root, flags);
  plan_rule (plan, root, flags);
  plan_parts (plan, root, flags);
  if (lookup != NULL)
    add_string (plan->files, lm_manifest_get (lookup, "file"));
  if (population != NULL)
    add_string (plan->files, lm_manifest_get (population, "file"));
  return plan;
}

gboolean
_lm_dataset_wants_table (LmDataset  *self,
                         const char *id)
{
  return self->plan == NULL || (id != NULL && g_hash_table_contains (self->plan->tables, id));
}

gboolean
_lm_dataset_wants_index (LmDataset  *self,
                         const char *id)
{
  return self->plan == NULL || (id != NULL && g_hash_table_contains (self->plan->indices, id));
}

gboolean
_lm_dataset_wants_election (LmDataset  *self,
                            const char *id)
{
  return self->plan == NULL || (id != NULL && g_hash_table_contains (self->plan->elections, id));
}

gboolean
_lm_dataset_wants_rule (LmDataset *self)
{
  return self->plan == NULL || self->plan->rule;
}

gboolean
_lm_dataset_wants_file (LmDataset  *self,
                        const char *file)
{
  return self->plan == NULL || (file != NULL && g_hash_table_contains (self->plan->files, file));
}

/* A partial load keeps only the report figures whose variables it read. */
gboolean
_lm_dataset_wants_report (LmDataset *self,
                          LmLevel   *level,
                          xmlNode   *node)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (self->plan == NULL)
    return TRUE;
  if (level == NULL)
    return FALSE;
  x = lm_manifest_get (node, "x");
  y = lm_manifest_get (node, "y");
  return x != NULL && y != NULL &&
         lm_level_find_variable (level, x) != NULL && lm_level_find_variable (level, y) != NULL;
}

/* ------------------------------------------------------------------ */
/* Polygons read while the tables load                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  char         *path;        /* NULL: the level is not read ahead */
  char         *code_field;  /* the field whose codes are read with it */
  LmShapeLayer *shapes;
  char        **codes;       /* NULL with @error set, or not read */
  GError       *error;
} ShapesJob;

static void
shapes_job_free (ShapesJob *job)
{
  g_free (job->path);
  g_free (job->code_field);
  g_clear_object (&job->shapes);
  g_strfreev (job->codes);
  g_clear_error (&job->error);
  g_free (job);
}

static gpointer
read_shapes_thread (gpointer data)
{
  GPtrArray *jobs = data;

  /* Finest first: the level drawn is the one needed first. */
  for (guint i = 0; i < jobs->len; i++)
    {
      ShapesJob *job = g_ptr_array_index (jobs, i);

      if (job->path == NULL)
        continue;
      /* The codes too: reading the attribute table is a third of the
       * work, and the areas they are matched to are not needed for it. */
      job->shapes = lm_shape_layer_load (job->path, &job->error);
      if (job->shapes != NULL && job->code_field != NULL)
        job->codes = lm_shape_layer_read_code_field (job->shapes, job->code_field, NULL,
                                                     &job->error);
    }
  return NULL;
}

/* Starts reading the polygons of the level @from_level and of every
 * coarser one in a worker thread. Reading a shapefile is independent of
 * the tables; matching its codes to areas is left to
 * lm_dataset_ensure_shapes(), which needs the areas. */
void
_lm_dataset_prefetch_shapes (LmDataset  *self,
                             LmManifest *manifest,
                             const char *from_level)
{
  g_autoptr(GPtrArray) nodes = NULL;
  gboolean reached = FALSE;

  if (from_level == NULL)
    return;
  nodes = lm_manifest_children (lm_manifest_get_root (manifest), "level");
  self->shapes_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) shapes_job_free);
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *id = lm_manifest_get (node, "id");
      g_autofree char *file = lm_manifest_get (node, "shapefile");
      ShapesJob *job = g_new0 (ShapesJob, 1);

      reached |= g_strcmp0 (id, from_level) == 0;
      /* Only a file inside the folder: the one outside is refused, not
       * read, when the level is drawn (_lm_dataset_read_shapes()). */
      if (reached && file != NULL)
        {
          g_autofree char *path = _lm_dataset_data_path (self, file);

          if (lm_input_file_is_inside (self->data_dir, path, NULL))
            {
              job->path = g_steal_pointer (&path);
              job->code_field = lm_manifest_get (node, "code-field");
            }
        }
      g_ptr_array_add (self->shapes_jobs, job);
    }
  self->shapes_thread = g_thread_new ("lm-read-shapes", read_shapes_thread, self->shapes_jobs);
}

static void
join_shapes_thread (LmDataset *self)
{
  if (self->shapes_thread != NULL)
    g_thread_join (g_steal_pointer (&self->shapes_thread));
}

/* The polygons of @level and their codes in @code_field: those read
 * ahead when there are (for the same file and field), else read now. */
gboolean
_lm_dataset_take_prefetched_shapes (LmDataset     *self,
                                    LmLevel       *level,
                                    const char    *path,
                                    const char    *code_field,
                                    LmProblems    *problems,
                                    LmShapeLayer **shapes,
                                    char        ***codes,
                                    GError       **error)
{
  ShapesJob *job = NULL;

  join_shapes_thread (self);
  if (self->shapes_jobs != NULL && level->depth < self->shapes_jobs->len)
    job = g_ptr_array_index (self->shapes_jobs, level->depth);
  /* Checking reads every record's problems; the read ahead has none. */
  if (job == NULL || g_strcmp0 (job->path, path) != 0 ||
      g_strcmp0 (job->code_field, code_field) != 0 || problems != NULL ||
      (job->codes == NULL && job->error == NULL))
    {
      *shapes = lm_shape_layer_load_full (path, problems, error);
      *codes = *shapes != NULL ? lm_shape_layer_read_code_field (*shapes, code_field, problems,
                                                                 error)
                               : NULL;
      return *codes != NULL;
    }
  g_clear_pointer (&job->path, g_free);
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  *shapes = g_steal_pointer (&job->shapes);
  *codes = g_steal_pointer (&job->codes);
  return TRUE;
}

void
_lm_dataset_drop_prefetched_shapes (LmDataset *self)
{
  join_shapes_thread (self);
  g_clear_pointer (&self->shapes_jobs, g_ptr_array_unref);
}
