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
#include "lm-dataset.h"
#include "lm-manifest.h"
#include "lm-rank.h"

typedef struct
{
  char *shapefile;    /* relative to the data folder */
  char *code_field;
} LevelSource;

/* A CSV read and parsed in a worker thread while others are parsed too. */
typedef struct
{
  char    *path;
  LmCsv   *csv;
  GError  *error;
} PrefetchedCsv;

struct _LmDataset
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  char             *data_dir;
  char             *manifest_path;
  GPtrArray        *levels;        /* LmLevel*, finest first */
  LevelSource      *sources;       /* one per level */
  GPtrArray        *indices;       /* LmIndex* */
  LmLeftBehindRule *rule;          /* NULL if the manifest has none */
  GStrv             attributions;

  /* Loading only */
  GHashTable       *prefetched;    /* file name -> PrefetchedCsv* */
  GHashTable       *tables;        /* table id -> LmCsv* */
  GHashTable       *table_rows;    /* table id -> int* area of each row */
  GHashTable       *table_levels;  /* table id -> LmLevel* */

  /* Aggregation scratch, sized for the largest level */
  double           *sum_weighted;
  double           *sum_weight;
  guint            *ranks;
  GArray           *rank_scratch;
};

G_DEFINE_FINAL_TYPE (LmDataset, lm_dataset, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-dataset-error-quark, lm_dataset_error)

/* Auxiliary methods */

static void
rule_free (LmLeftBehindRule *rule)
{
  if (rule == NULL)
    return;
  for (guint i = 0; i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      g_free (criterion->variable);
      g_free (criterion);
    }
  g_ptr_array_unref (rule->criteria);
  g_free (rule->published);
  g_free (rule->description);
  g_free (rule);
}

static char *
data_path (LmDataset  *self,
           const char *file)
{
  return g_build_filename (self->data_dir, file, NULL);
}

/* Reads a CSV the manifest names in attribute @attribute of @node, with an
 * error naming the manifest line when the file is not there at all. */
static LmCsv *
load_csv (LmDataset   *self,
          LmManifest  *manifest,
          xmlNode     *node,
          const char  *attribute,
          GError     **error)
{
  g_autofree char *file = lm_manifest_require (manifest, node, attribute, error);
  g_autofree char *path = NULL;

  if (file == NULL)
    return NULL;
  path = data_path (self, file);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_MISSING_FILE,
                   _("%s, line %ld names the file “%s”, which is not in %s"),
                   lm_manifest_get_path (manifest), xmlGetLineNo (node), file,
                   self->data_dir);
      return NULL;
    }
  if (self->prefetched != NULL)
    {
      PrefetchedCsv *prefetched = g_hash_table_lookup (self->prefetched, file);
      if (prefetched != NULL && prefetched->csv != NULL)
        return g_steal_pointer (&prefetched->csv);
      if (prefetched != NULL && prefetched->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&prefetched->error));
          return NULL;
        }
    }
  return lm_csv_load (path, error);
}

static void
prefetched_csv_free (PrefetchedCsv *prefetched)
{
  g_free (prefetched->path);
  g_clear_pointer (&prefetched->csv, lm_csv_free);
  g_clear_error (&prefetched->error);
  g_free (prefetched);
}

static void
prefetch_one (gpointer data,
              gpointer user_data)
{
  PrefetchedCsv *prefetched = data;

  prefetched->csv = lm_csv_load (prefetched->path, &prefetched->error);
}

static void
collect_files (xmlNode    *node,
               GPtrArray  *files)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      char *file;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      file = lm_manifest_get (child, "file");
      if (file != NULL && g_str_has_suffix (file, ".csv"))
        g_ptr_array_add (files, file);
      else
        g_free (file);
      collect_files (child, files);
    }
}

/* Reading and parsing the tables is most of the load time and each table
 * is independent, so they are parsed on all cores before the (sequential)
 * matching of rows to areas. A missing file is left to load_csv(), which
 * names the manifest line. */
static void
prefetch_tables (LmDataset  *self,
                 LmManifest *manifest)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  GThreadPool *pool;

  collect_files (lm_manifest_get_root (manifest), files);
  self->prefetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) prefetched_csv_free);
  pool = g_thread_pool_new (prefetch_one, NULL, (int) MIN (g_get_num_processors (), 4),
                            FALSE, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      PrefetchedCsv *prefetched;
      g_autofree char *path = data_path (self, file);

      if (g_hash_table_contains (self->prefetched, file) ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      prefetched = g_new0 (PrefetchedCsv, 1);
      prefetched->path = g_steal_pointer (&path);
      g_hash_table_insert (self->prefetched, g_strdup (file), prefetched);
      g_thread_pool_push (pool, prefetched, NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
}

static gboolean
require_column (LmManifest  *manifest,
                xmlNode     *node,
                LmCsv       *csv,
                const char  *attribute,
                guint       *out_column,
                GError     **error)
{
  g_autofree char *name = lm_manifest_require (manifest, node, attribute, error);

  if (name == NULL)
    return FALSE;
  return lm_csv_require_column (csv, name, out_column, error);
}

static LmLevel *
require_level (LmDataset   *self,
               LmManifest  *manifest,
               xmlNode     *node,
               GError     **error)
{
  g_autofree char *id = lm_manifest_require (manifest, node, "level", error);
  LmLevel *level;

  if (id == NULL)
    return NULL;
  level = lm_dataset_find_level (self, id);
  if (level == NULL)
    lm_manifest_set_error (manifest, node, error,
                           _("there is no level “%s” (declare it with <level id=\"%s\">)"),
                           id, id);
  return level;
}

/* Creates a variable at @native and, when it reaches coarser levels, an
 * empty one at each of them for lm_dataset_aggregate() to fill. */
static LmVariable *
add_variable_chain (LmManifest  *manifest,
                    xmlNode     *node,
                    GError     **error,
                    LmLevel     *native,
                    const char  *id,
                    const char  *title,
                    LmUnit       unit,
                    LmAggregate  aggregate,
                    gboolean     depends_on_weights,
                    const char  *source,
                    const char  *source2,
                    gboolean     every_level)
{
  LmVariable *native_variable = NULL;

  /* Ids are the user's handle on a variable (command line, scenarios):
   * a manifest that gives two variables one id is refused. */
  for (LmLevel *level = native; level != NULL; level = level->parent_level)
    if (lm_level_find_variable (level, id) != NULL)
      {
        lm_manifest_set_error (manifest, node, error,
                               _("the variable “%s” is declared twice (ids must be unique; "
                                 "an index makes ID.score, ID.rank, ID.decile and ID.DOMAIN)"),
                               id);
        return NULL;
      }
  for (LmLevel *level = native; level != NULL; level = level->parent_level)
    {
      LmVariable *variable;

      if (level != native && aggregate == LM_AGGREGATE_NONE && !every_level)
        break;
      variable = lm_level_add_variable (level, lm_variable_new (id, title, unit, level));
      variable->aggregate = aggregate;
      variable->native = (level == native);
      variable->depends_on_weights = depends_on_weights;
      variable->source = g_strdup (source);
      variable->source2 = g_strdup (source2);
      if (level == native)
        native_variable = variable;
    }
  return native_variable;
}

/* Levels, lookup and areas */

static gboolean
load_levels (LmDataset   *self,
             LmManifest  *manifest,
             GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "level");

  if (nodes->len == 0)
    {
      lm_manifest_set_error (manifest, lm_manifest_get_root (manifest), error,
                             _("the manifest declares no <level>"));
      return FALSE;
    }
  self->sources = g_new0 (LevelSource, nodes->len);
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *id = lm_manifest_require (manifest, node, "id", error);
      g_autofree char *title = lm_manifest_get (node, "title");
      LmLevel *level;

      if (id == NULL)
        return FALSE;
      if (lm_dataset_find_level (self, id) != NULL)
        {
          lm_manifest_set_error (manifest, node, error, _("the level “%s” is declared twice"), id);
          return FALSE;
        }
      level = lm_level_new (id, title, i);
      if (i > 0)
        {
          LmLevel *child = g_ptr_array_index (self->levels, i - 1);
          child->parent_level = level;
          level->child_level = child;
        }
      g_ptr_array_add (self->levels, level);
      self->sources[i].shapefile = lm_manifest_get (node, "shapefile");
      self->sources[i].code_field = lm_manifest_get (node, "code-field");
      if (self->sources[i].shapefile != NULL && self->sources[i].code_field == NULL)
        {
          lm_manifest_set_error (manifest, node, error,
                                 _("<level> with a shapefile needs a “code-field” attribute"));
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The lookup lists every finest-level area with the codes of the areas
 * containing it. Areas of each level are added in code order, so that
 * "ties broken by index" means "ties broken by code" at every level. */
static gboolean
load_lookup (LmDataset   *self,
             LmManifest  *manifest,
             GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "lookup");
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(LmCsv) csv = NULL;
  g_autofree guint *code_columns = NULL;
  g_autofree int *name_columns = NULL;
  guint n_levels = self->levels->len;
  guint n_rows;

  if (node == NULL)
    {
      lm_manifest_set_error (manifest, lm_manifest_get_root (manifest), error,
                             _("the manifest has no <lookup> nesting its levels"));
      return FALSE;
    }
  csv = load_csv (self, manifest, node, "file", error);
  if (csv == NULL)
    return FALSE;

  keys = lm_manifest_children (node, "key");
  if (keys->len != n_levels)
    {
      lm_manifest_set_error (manifest, node, error,
                             _("<lookup> needs one <key> per level, finest first (%u levels, %u keys)"),
                             n_levels, keys->len);
      return FALSE;
    }
  code_columns = g_new0 (guint, n_levels);
  name_columns = g_new0 (int, n_levels);
  for (guint k = 0; k < n_levels; k++)
    {
      xmlNode *key = g_ptr_array_index (keys, k);
      g_autofree char *level_id = lm_manifest_require (manifest, key, "level", error);
      g_autofree char *name_column = lm_manifest_get (key, "name-column");
      LmLevel *level = g_ptr_array_index (self->levels, k);

      if (level_id == NULL)
        return FALSE;
      if (strcmp (level_id, level->id) != 0)
        {
          lm_manifest_set_error (manifest, key, error,
                                 _("<key> number %u should be for the level “%s”, not “%s”"),
                                 k + 1, level->id, level_id);
          return FALSE;
        }
      if (!require_column (manifest, key, csv, "code-column", &code_columns[k], error))
        return FALSE;
      name_columns[k] = -1;
      if (name_column != NULL)
        {
          guint column;
          if (!lm_csv_require_column (csv, name_column, &column, error))
            return FALSE;
          name_columns[k] = (int) column;
        }
    }

  n_rows = lm_csv_get_n_rows (csv);
  for (guint k = 0; k < n_levels; k++)
    {
      LmLevel *level = g_ptr_array_index (self->levels, k);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      for (guint r = 0; r < n_rows; r++)
        {
          const char *code = lm_csv_get (csv, r, code_columns[k]);
          if (*code == '\0')
            {
              g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                           _("%s, line %u: the “%s” code is empty"),
                           lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                           lm_csv_get_column_name (csv, code_columns[k]));
              return FALSE;
            }
          if (g_hash_table_add (seen, (gpointer) code))
            g_ptr_array_add (codes, (gpointer) code);
          else if (k == 0)
            {
              g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                           _("%s, line %u: the area “%s” is listed twice"),
                           lm_csv_get_path (csv), lm_csv_get_line (csv, r), code);
              return FALSE;
            }
        }
      g_ptr_array_sort (codes, compare_strings);
      for (guint i = 0; i < codes->len; i++)
        lm_level_add_area (level, g_ptr_array_index (codes, i), NULL);
    }

  for (guint r = 0; r < n_rows; r++)
    for (guint k = 0; k < n_levels; k++)
      {
        LmLevel *level = g_ptr_array_index (self->levels, k);
        guint area = (guint) lm_level_find_area (level, lm_csv_get (csv, r, code_columns[k]));

        if (name_columns[k] >= 0 && strcmp (level->names[area], level->codes[area]) == 0)
          {
            const char *name = lm_csv_get (csv, r, name_columns[k]);
            if (*name != '\0')
              {
                g_free (level->names[area]);
                level->names[area] = g_strdup (name);
              }
          }
        if (k + 1 < n_levels)
          {
            LmLevel *parent = level->parent_level;
            int parent_area = lm_level_find_area (parent, lm_csv_get (csv, r, code_columns[k + 1]));
            if (level->parent[area] >= 0 && level->parent[area] != parent_area)
              {
                g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                             _("%s, line %u: “%s” is placed in two different areas of the level “%s”"),
                             lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                             level->codes[area], parent->id);
                return FALSE;
              }
            level->parent[area] = parent_area;
          }
      }
  return TRUE;
}

/* Tables: every <table> is read once; its rows are matched to areas, and
 * tables with adds-areas="true" bring areas the lookup lacks. */
static gboolean
load_tables (LmDataset   *self,
             LmManifest  *manifest,
             GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "table");

  for (guint t = 0; t < nodes->len; t++)
    {
      xmlNode *node = g_ptr_array_index (nodes, t);
      g_autofree char *id = lm_manifest_require (manifest, node, "id", error);
      g_autofree char *adds = lm_manifest_get (node, "adds-areas");
      g_autofree char *name_column_name = lm_manifest_get (node, "name-column");
      g_autofree char *parent_column_name = lm_manifest_get (node, "parent-column");
      LmLevel *level;
      LmCsv *csv;
      guint code_column;
      int name_column = -1, parent_column = -1;
      int *rows;
      guint n_rows;

      if (id == NULL || (level = require_level (self, manifest, node, error)) == NULL)
        return FALSE;
      if (g_hash_table_contains (self->tables, id))
        {
          lm_manifest_set_error (manifest, node, error, _("the table “%s” is declared twice"), id);
          return FALSE;
        }
      csv = load_csv (self, manifest, node, "file", error);
      if (csv == NULL)
        return FALSE;
      g_hash_table_insert (self->tables, g_strdup (id), csv);
      g_hash_table_insert (self->table_levels, g_strdup (id), level);
      if (!require_column (manifest, node, csv, "code-column", &code_column, error))
        return FALSE;
      if (name_column_name != NULL)
        {
          guint column;
          if (!lm_csv_require_column (csv, name_column_name, &column, error))
            return FALSE;
          name_column = (int) column;
        }
      if (parent_column_name != NULL)
        {
          guint column;
          if (!lm_csv_require_column (csv, parent_column_name, &column, error))
            return FALSE;
          parent_column = (int) column;
        }

      n_rows = lm_csv_get_n_rows (csv);
      rows = g_new (int, MAX (n_rows, 1));
      g_hash_table_insert (self->table_rows, g_strdup (id), rows);
      for (guint r = 0; r < n_rows; r++)
        {
          const char *code = lm_csv_get (csv, r, code_column);
          int area = lm_level_find_area (level, code);

          if (area < 0 && g_strcmp0 (adds, "true") == 0 && *code != '\0')
            {
              area = (int) lm_level_add_area (level, code, NULL);
              if (parent_column >= 0 && level->parent_level != NULL)
                level->parent[area] = lm_level_find_area (level->parent_level,
                                                          lm_csv_get (csv, r, (guint) parent_column));
            }
          rows[r] = area;
          if (area >= 0 && name_column >= 0 &&
              strcmp (level->names[area], level->codes[area]) == 0)
            {
              const char *name = lm_csv_get (csv, r, (guint) name_column);
              if (*name != '\0' && strcmp (name, code) != 0)
                {
                  g_free (level->names[area]);
                  level->names[area] = g_strdup (name);
                }
            }
        }
    }
  return TRUE;
}

/* Reads one numeric column of a table into per-area values (NAN where the
 * table has no row). "TRUE"/"FALSE" read as 1/0 for flag columns. */
static double *
read_column (LmDataset   *self,
             LmManifest  *manifest,
             xmlNode     *node,
             const char  *table_id,
             LmUnit       unit,
             GError     **error)
{
  LmCsv *csv = g_hash_table_lookup (self->tables, table_id);
  const int *rows = g_hash_table_lookup (self->table_rows, table_id);
  LmLevel *level = g_hash_table_lookup (self->table_levels, table_id);
  g_autofree double *values = NULL;
  guint column;

  if (csv == NULL)
    {
      lm_manifest_set_error (manifest, node, error, _("there is no <table id=\"%s\">"), table_id);
      return NULL;
    }
  if (!require_column (manifest, node, csv, "column", &column, error))
    return NULL;
  values = g_new (double, MAX (level->n_areas, 1));
  for (guint i = 0; i < level->n_areas; i++)
    values[i] = NAN;
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      double value;

      if (rows[r] < 0)
        continue;
      if (unit == LM_UNIT_FLAG)
        {
          const char *text = lm_csv_get (csv, r, column);
          if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
            value = 1;
          else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
            value = 0;
          else if (*text == '\0')
            value = NAN;
          else
            {
              g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER,
                           _("%s, line %u, column “%s”: expected TRUE or FALSE, found “%s”"),
                           lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                           lm_csv_get_column_name (csv, column), text);
              return NULL;
            }
        }
      else if (!lm_csv_get_double (csv, r, column, &value, error))
        return NULL;
      values[rows[r]] = value;
    }
  return g_steal_pointer (&values);
}

static gboolean
parse_unit (const char *text,
            LmUnit     *out_unit)
{
  static const struct { const char *name; LmUnit unit; } units[] = {
    { "score", LM_UNIT_SCORE }, { "rank", LM_UNIT_RANK }, { "decile", LM_UNIT_DECILE },
    { "percent", LM_UNIT_PERCENT }, { "count", LM_UNIT_COUNT }, { "flag", LM_UNIT_FLAG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (text, units[i].name) == 0)
      {
        *out_unit = units[i].unit;
        return TRUE;
      }
  return FALSE;
}

static gboolean
load_table_variables (LmDataset   *self,
                      LmManifest  *manifest,
                      GError     **error)
{
  g_autoptr(GPtrArray) tables = lm_manifest_children (lm_manifest_get_root (manifest), "table");

  for (guint t = 0; t < tables->len; t++)
    {
      xmlNode *table = g_ptr_array_index (tables, t);
      g_autofree char *table_id = lm_manifest_get (table, "id");
      LmLevel *level = g_hash_table_lookup (self->table_levels, table_id);
      g_autoptr(GPtrArray) nodes = lm_manifest_children (table, "variable");

      for (guint v = 0; v < nodes->len; v++)
        {
          xmlNode *node = g_ptr_array_index (nodes, v);
          g_autofree char *id = lm_manifest_require (manifest, node, "id", error);
          g_autofree char *unit_name = lm_manifest_get (node, "unit");
          g_autofree char *title = lm_manifest_get (node, "title");
          g_autofree double *values = NULL;
          LmVariable *variable;
          LmUnit unit = LM_UNIT_SCORE;

          if (id == NULL)
            return FALSE;
          if (unit_name != NULL && !parse_unit (unit_name, &unit))
            {
              lm_manifest_set_error (manifest, node, error,
                                     _("unknown unit “%s” (expected score, rank, decile, percent, count or flag)"),
                                     unit_name);
              return FALSE;
            }
          values = read_column (self, manifest, node, table_id, unit, error);
          if (values == NULL)
            return FALSE;
          variable = add_variable_chain (manifest, node, error, level, id, title, unit,
                                         LM_AGGREGATE_NONE, FALSE, NULL, NULL, FALSE);
          if (variable == NULL)
            return FALSE;
          memcpy (variable->values, values, sizeof (double) * level->n_areas);
        }
    }
  return TRUE;
}

static gboolean
load_population (LmDataset   *self,
                 LmManifest  *manifest,
                 GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "population");
  LmLevel *finest = g_ptr_array_index (self->levels, 0);
  g_autofree char *title = NULL;
  g_autoptr(LmCsv) csv = NULL;
  LmVariable *variable;
  guint code_column, value_column;

  if (node == NULL)
    {
      lm_manifest_set_error (manifest, lm_manifest_get_root (manifest), error,
                             _("the manifest has no <population>, needed to weight area averages"));
      return FALSE;
    }
  if (require_level (self, manifest, node, error) != finest)
    {
      if (error == NULL || *error == NULL)
        lm_manifest_set_error (manifest, node, error,
                               _("<population> must be given for the finest level, “%s”"), finest->id);
      return FALSE;
    }
  csv = load_csv (self, manifest, node, "file", error);
  if (csv == NULL ||
      !require_column (manifest, node, csv, "code-column", &code_column, error) ||
      !require_column (manifest, node, csv, "column", &value_column, error))
    return FALSE;

  title = lm_manifest_get (node, "title");
  variable = add_variable_chain (manifest, node, error, finest, "population",
                                 title ? title : _("Population"),
                                 LM_UNIT_COUNT, LM_AGGREGATE_SUM, FALSE, NULL, NULL, FALSE);
  if (variable == NULL)
    return FALSE;
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      int area = lm_level_find_area (finest, lm_csv_get (csv, r, code_column));
      double value;

      if (area < 0)
        continue;
      if (!lm_csv_get_double (csv, r, value_column, &value, error))
        return FALSE;
      if (!isnan (value) && value < 0)
        {
          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                       _("%s, line %u: a population cannot be negative (%g)"),
                       lm_csv_get_path (csv), lm_csv_get_line (csv, r), value);
          return FALSE;
        }
      variable->values[area] = value;
    }
  return TRUE;
}

/* Indices */

/* Published ranks run from 1 to N, the number of ranked areas; anything
 * else (a zero, a rank past the end, a fraction) would give exponential
 * scores outside 0..100 without a word, so it is refused. */
static gboolean
check_ranks (LmDataset     *self,
             LmManifest    *manifest,
             xmlNode       *node,
             const char    *table_id,
             LmLevel       *level,
             const double  *ranks,
             GError       **error)
{
  LmCsv *csv = g_hash_table_lookup (self->tables, table_id);
  g_autofree char *column = lm_manifest_get (node, "column");
  guint n_ranked = 0;

  for (guint i = 0; i < level->n_areas; i++)
    if (!isnan (ranks[i]))
      n_ranked++;
  for (guint i = 0; i < level->n_areas; i++)
    {
      double rank = ranks[i];

      if (isnan (rank) || (rank >= 1 && rank <= n_ranked && rank == floor (rank)))
        continue;
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("%s, column “%s”: the rank of “%s” is %g, but ranks must be whole numbers "
                     "from 1 to %u (the number of ranked areas)"),
                   csv != NULL ? lm_csv_get_path (csv) : table_id, column, level->codes[i], rank,
                   n_ranked);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_index (LmDataset   *self,
            LmManifest  *manifest,
            xmlNode     *node,
            GError     **error)
{
  g_autofree char *id = lm_manifest_require (manifest, node, "id", error);
  g_autofree char *title = lm_manifest_get (node, "title");
  g_autofree char *short_title = lm_manifest_get (node, "short-title");
  g_autofree char *table_id = lm_manifest_require (manifest, node, "table", error);
  g_autoptr(GPtrArray) domains = NULL;
  xmlNode *published;
  LmLevel *level;
  LmIndex *index;
  double scale;
  const char *label;

  if (id == NULL || table_id == NULL ||
      !lm_manifest_require_double (manifest, node, "scale", &scale, error))
    return FALSE;
  level = g_hash_table_lookup (self->table_levels, table_id);
  if (level == NULL)
    {
      lm_manifest_set_error (manifest, node, error, _("there is no <table id=\"%s\">"), table_id);
      return FALSE;
    }
  if (lm_dataset_find_index (self, id) != NULL || scale <= 0)
    {
      lm_manifest_set_error (manifest, node, error,
                             _("the index “%s” is declared twice or has a scale that is not positive"), id);
      return FALSE;
    }
  index = lm_index_new (id, title, level, scale);
  g_ptr_array_add (self->indices, index);
  label = short_title != NULL ? short_title : id;

  domains = lm_manifest_children (node, "domain");
  if (domains->len == 0)
    {
      lm_manifest_set_error (manifest, node, error, _("the index “%s” has no <domain>"), id);
      return FALSE;
    }
  for (guint d = 0; d < domains->len; d++)
    {
      xmlNode *domain_node = g_ptr_array_index (domains, d);
      g_autofree char *domain_id = lm_manifest_require (manifest, domain_node, "id", error);
      g_autofree char *domain_title = lm_manifest_get (domain_node, "title");
      g_autofree char *kind = lm_manifest_get (domain_node, "kind");
      g_autofree char *variable_id = NULL;
      g_autofree char *variable_title = NULL;
      g_autofree double *values = NULL;
      LmIndexDomain *domain;
      LmVariable *variable;
      double weight;

      if (domain_id == NULL ||
          !lm_manifest_require_double (manifest, domain_node, "weight", &weight, error))
        return FALSE;
      if (weight < 0 || lm_index_find_domain (index, domain_id) != NULL)
        {
          lm_manifest_set_error (manifest, domain_node, error,
                                 _("the domain “%s” is declared twice or has a negative weight"),
                                 domain_id);
          return FALSE;
        }
      values = read_column (self, manifest, domain_node, table_id, LM_UNIT_SCORE, error);
      if (values == NULL)
        return FALSE;
      if (g_strcmp0 (kind, "score") == 0)
        {
          /* A score where higher is worse: rank it first, as MHCLG ranks
           * domain scores before the exponential transformation. */
          g_autofree guint *ranks = g_new (guint, MAX (level->n_areas, 1));
          lm_rank_descending (values, level->n_areas, ranks, NULL);
          for (guint i = 0; i < level->n_areas; i++)
            values[i] = ranks[i] > 0 ? ranks[i] : NAN;
        }
      else if (g_strcmp0 (kind, "rank") == 0)
        {
          if (!check_ranks (self, manifest, domain_node, table_id, level, values, error))
            return FALSE;
        }
      else
        {
          lm_manifest_set_error (manifest, domain_node, error,
                                 _("a domain’s kind must be “rank” (1 = most deprived) or “score” (higher is worse), not “%s”"),
                                 kind ? kind : "");
          return FALSE;
        }
      domain = lm_index_add_domain_ranks (index, domain_id, domain_title, weight, values);
      variable_id = g_strdup_printf ("%s.%s", id, domain_id);
      variable_title = g_strdup_printf ("%s: %s", label, domain->title);
      variable = add_variable_chain (manifest, domain_node, error, level, variable_id,
                                     variable_title, LM_UNIT_SCORE, LM_AGGREGATE_MEAN, FALSE,
                                     NULL, NULL, FALSE);
      if (variable == NULL)
        return FALSE;
      memcpy (variable->values, domain->exp_scores, sizeof (double) * level->n_areas);
    }
  if (lm_index_get_weight_sum (index) <= 0)
    {
      lm_manifest_set_error (manifest, node, error, _("the default weights of “%s” are all zero"), id);
      return FALSE;
    }

  {
    g_autofree char *score_id = g_strdup_printf ("%s.score", id);
    g_autofree char *rank_id = g_strdup_printf ("%s.rank", id);
    g_autofree char *decile_id = g_strdup_printf ("%s.decile", id);
    g_autofree char *change_id = g_strdup_printf ("%s.rank_change", id);
    g_autofree char *score_title = g_strdup_printf (_("%s score"), label);
    g_autofree char *rank_title = g_strdup_printf (_("%s rank"), label);
    g_autofree char *decile_title = g_strdup_printf (_("%s decile"), label);
    g_autofree char *change_title = g_strdup_printf (_("%s rank change against official weights"), label);

    if (!add_variable_chain (manifest, node, error, level, score_id, score_title, LM_UNIT_SCORE,
                             LM_AGGREGATE_MEAN, TRUE, NULL, NULL, FALSE) ||
        !add_variable_chain (manifest, node, error, level, rank_id, rank_title, LM_UNIT_RANK,
                             LM_AGGREGATE_RANK, TRUE, score_id, NULL, TRUE) ||
        !add_variable_chain (manifest, node, error, level, decile_id, decile_title, LM_UNIT_DECILE,
                             LM_AGGREGATE_DECILE, TRUE, rank_id, NULL, TRUE) ||
        !add_variable_chain (manifest, node, error, level, change_id, change_title, LM_UNIT_CHANGE,
                             LM_AGGREGATE_NONE, TRUE, rank_id, NULL, TRUE))
      return FALSE;
  }

  published = lm_manifest_child (node, "published");
  if (published != NULL)
    {
      index->published_rank = lm_manifest_get (published, "rank");
      index->published_score = lm_manifest_get (published, "score");
    }
  return TRUE;
}

static gboolean
load_indices (LmDataset   *self,
              LmManifest  *manifest,
              GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "index");

  for (guint i = 0; i < nodes->len; i++)
    if (!load_index (self, manifest, g_ptr_array_index (nodes, i), error))
      return FALSE;
  return TRUE;
}

/* Election results: counts are summed from the counting areas to the
 * level's areas through the election's own lookup; shares are only ever
 * taken from those sums, never averaged. */
static gboolean
load_election (LmDataset   *self,
               LmManifest  *manifest,
               GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "election");
  static const char *count_attributes[] = {
    "electorate-column", "ballots-column", "valid-column", "leave-column"
  };
  static const char *count_suffixes[] = { "electorate", "ballots", "valid_votes", "leave_votes" };
  const char *count_titles[] = { _("Electorate"), _("Ballot papers"), _("Valid votes"), _("Leave votes") };
  g_autofree char *id = NULL;
  g_autoptr(LmCsv) results = NULL;
  g_autoptr(LmCsv) lookup = NULL;
  g_autoptr(GHashTable) result_rows = NULL;
  xmlNode *lookup_node;
  LmVariable *counts[4];
  guint columns[4];
  guint code_column, from_column, to_column;
  LmLevel *level;

  if (node == NULL)
    return TRUE;
  id = lm_manifest_require (manifest, node, "id", error);
  if (id == NULL || (level = require_level (self, manifest, node, error)) == NULL)
    return FALSE;
  results = load_csv (self, manifest, node, "file", error);
  if (results == NULL || !require_column (manifest, node, results, "code-column", &code_column, error))
    return FALSE;
  for (guint c = 0; c < 4; c++)
    if (!require_column (manifest, node, results, count_attributes[c], &columns[c], error))
      return FALSE;

  lookup_node = lm_manifest_child (node, "lookup");
  if (lookup_node == NULL)
    {
      lm_manifest_set_error (manifest, node, error,
                             _("<election> needs a <lookup> from its counting areas to the level’s areas"));
      return FALSE;
    }
  lookup = load_csv (self, manifest, lookup_node, "file", error);
  if (lookup == NULL ||
      !require_column (manifest, lookup_node, lookup, "from-column", &from_column, error) ||
      !require_column (manifest, lookup_node, lookup, "to-column", &to_column, error))
    return FALSE;

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *variable_id = g_strdup_printf ("%s.%s", id, count_suffixes[c]);
      counts[c] = add_variable_chain (manifest, node, error, level, variable_id, count_titles[c],
                                      LM_UNIT_COUNT, LM_AGGREGATE_SUM, FALSE, NULL, NULL, FALSE);
      if (counts[c] == NULL)
        return FALSE;
    }
  {
    g_autofree char *leave_pct = g_strdup_printf ("%s.leave_pct", id);
    g_autofree char *turnout_pct = g_strdup_printf ("%s.turnout_pct", id);
    g_autofree char *leave = g_strdup_printf ("%s.leave_votes", id);
    g_autofree char *valid = g_strdup_printf ("%s.valid_votes", id);
    g_autofree char *ballots = g_strdup_printf ("%s.ballots", id);
    g_autofree char *electorate = g_strdup_printf ("%s.electorate", id);

    if (!add_variable_chain (manifest, node, error, level, leave_pct, _("Leave vote 2016 (%)"),
                             LM_UNIT_PERCENT, LM_AGGREGATE_RATIO, FALSE, leave, valid, TRUE) ||
        !add_variable_chain (manifest, node, error, level, turnout_pct, _("Turnout 2016 (%)"),
                             LM_UNIT_PERCENT, LM_AGGREGATE_RATIO, FALSE, ballots, electorate, TRUE))
      return FALSE;
  }

  result_rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < lm_csv_get_n_rows (results); r++)
    g_hash_table_insert (result_rows, (gpointer) lm_csv_get (results, r, code_column),
                         GUINT_TO_POINTER (r + 1));

  for (guint r = 0; r < lm_csv_get_n_rows (lookup); r++)
    {
      const char *from = lm_csv_get (lookup, r, from_column);
      const char *to = lm_csv_get (lookup, r, to_column);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (result_rows, from));
      int area = lm_level_find_area (level, to);

      if (row == 0)
        {
          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                       _("%s, line %u: the counting area “%s” has no result in %s"),
                       lm_csv_get_path (lookup), lm_csv_get_line (lookup, r), from,
                       lm_csv_get_path (results));
          return FALSE;
        }
      if (area < 0)
        {
          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                       _("%s, line %u: “%s” is not an area of the level “%s”"),
                       lm_csv_get_path (lookup), lm_csv_get_line (lookup, r), to, level->id);
          return FALSE;
        }
      for (guint c = 0; c < 4; c++)
        {
          double value;
          if (!lm_csv_get_double (results, row - 1, columns[c], &value, error))
            return FALSE;
          if (isnan (counts[c]->values[area]))
            counts[c]->values[area] = 0;
          counts[c]->values[area] += value;
        }
    }
  return TRUE;
}

static gboolean
load_left_behind (LmDataset   *self,
                  LmManifest  *manifest,
                  GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "left-behind");
  g_autoptr(GPtrArray) criteria = NULL;
  xmlNode *description;
  LmLeftBehindRule *rule;
  LmLevel *level;

  if (node == NULL)
    return TRUE;
  level = require_level (self, manifest, node, error);
  if (level == NULL)
    return FALSE;
  rule = g_new0 (LmLeftBehindRule, 1);
  rule->level = level;
  rule->criteria = g_ptr_array_new ();
  rule->published = lm_manifest_get (node, "published");
  description = lm_manifest_child (node, "description");
  rule->description = description ? lm_manifest_get_text (description) : g_strdup ("");
  self->rule = rule;

  criteria = lm_manifest_children (node, "criterion");
  for (guint i = 0; i < criteria->len; i++)
    {
      xmlNode *child = g_ptr_array_index (criteria, i);
      g_autofree char *variable = lm_manifest_require (manifest, child, "variable", error);
      g_autofree char *top = lm_manifest_get (child, "top-percent");
      LmCriterion *criterion;

      if (variable == NULL)
        return FALSE;
      if (lm_level_find_variable (level, variable) == NULL)
        {
          lm_manifest_set_error (manifest, child, error,
                                 _("the variable “%s” does not exist at the level “%s”"),
                                 variable, level->id);
          return FALSE;
        }
      criterion = g_new0 (LmCriterion, 1);
      criterion->variable = g_steal_pointer (&variable);
      g_ptr_array_add (rule->criteria, criterion);
      criterion->kind = top != NULL ? LM_CRITERION_TOP_PERCENT : LM_CRITERION_AT_MOST;
      if (!lm_manifest_require_double (manifest, child, top != NULL ? "top-percent" : "at-most",
                                       &criterion->value, error))
        return FALSE;
      criterion->default_value = criterion->value;
    }
  if (rule->criteria->len == 0)
    {
      lm_manifest_set_error (manifest, node, error, _("<left-behind> has no <criterion>"));
      return FALSE;
    }
  return add_variable_chain (manifest, node, error, level, "left_behind", _("Left behind"),
                             LM_UNIT_FLAG, LM_AGGREGATE_NONE, TRUE, NULL, NULL, FALSE) != NULL;
}

static void
load_attributions (LmDataset  *self,
                   LmManifest *manifest)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "attribution");
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *text = lm_manifest_get_text (g_ptr_array_index (nodes, i));
      g_strv_builder_add (builder, text);
    }
  self->attributions = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
}

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
  g_ptr_array_unref (self->levels);
  rule_free (self->rule);
  g_strfreev (self->attributions);
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
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lm_csv_free);
  self->table_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->table_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rank_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
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

  prefetch_tables (self, manifest);
  if (!load_levels (self, manifest, error) ||
      !load_lookup (self, manifest, error) ||
      !load_tables (self, manifest, error) ||
      !load_population (self, manifest, error) ||
      !load_table_variables (self, manifest, error) ||
      !load_indices (self, manifest, error) ||
      !load_election (self, manifest, error) ||
      !load_left_behind (self, manifest, error))
    return NULL;
  load_attributions (self, manifest);

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
      manifest = lm_data_dir_find_manifest (name);
      if (manifest == NULL)
        {
          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND,
                       _("There is no dataset called “%s”. Known datasets are england-2019 and "
                         "england-2025; a path to a manifest (.xml) works too."),
                       name);
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

const char * const *
lm_dataset_get_attributions (LmDataset *self)
{
  g_return_val_if_fail (LM_IS_DATASET (self), NULL);
  return (const char * const *) self->attributions;
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
  path = data_path (self, source->shapefile);
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
