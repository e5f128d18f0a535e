/* lm-dataset-tables.c — reading the levels, lookup, tables and population
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-csv.h"
#include "lm-dataset-private.h"
#include "lm-input-file.h"
#include "lm-parallel.h"
#include "lm-rank.h"

char *
_lm_dataset_data_path (LmDataset  *self,
                       const char *file)
{
  return g_build_filename (self->data_dir, file, NULL);
}

/* A table must have rows: a header alone would give n: 0, NaN
 * statistics and an empty left-behind list without a word. */
static LmCsv *
read_table (const char  *path,
            GError     **error)
{
  g_autoptr(LmCsv) csv = lm_csv_load (path, error);

  if (csv == NULL || !lm_csv_require_rows (csv, error))
    return NULL;
  return g_steal_pointer (&csv);
}

/* Guards every PrefetchedCsv's @pending, and is signalled as each file is
 * read: the load waits for the one table it needs next, not for all, so
 * that matching the lookup's rows to areas overlaps reading the others. */
static GMutex prefetch_lock;
static GCond prefetch_done;

static void
prefetch_one (gpointer data,
              gpointer user_data)
{
  PrefetchedCsv *prefetched = data;
  GError *error = NULL;
  LmCsv *csv = read_table (prefetched->path, &error);

  g_mutex_lock (&prefetch_lock);
  prefetched->csv = csv;
  prefetched->error = error;
  prefetched->pending = FALSE;
  g_cond_broadcast (&prefetch_done);
  g_mutex_unlock (&prefetch_lock);
}

static void
wait_for_prefetched (PrefetchedCsv *prefetched)
{
  g_mutex_lock (&prefetch_lock);
  while (prefetched->pending)
    g_cond_wait (&prefetch_done, &prefetch_lock);
  g_mutex_unlock (&prefetch_lock);
}

/* Reads a CSV the manifest names in attribute @attribute of @node, with an
 * error naming the manifest line when the file is not there at all or
 * lies outside the dataset's folder. Each file is read once, however
 * many elements name it: the result (or the error) is kept by its real
 * path. */
LmCsv *
_lm_dataset_load_csv (LmDataset   *self,
                      LmManifest  *manifest,
                      xmlNode     *node,
                      const char  *attribute,
                      GError     **error)
{
  g_autofree char *file = lm_manifest_require (manifest, node, attribute, error);
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;
  PrefetchedCsv *entry;

  if (file == NULL)
    return NULL;
  path = _lm_dataset_resolve_file (self, manifest, node, file, &real, error);
  if (path == NULL)
    return NULL;
  entry = g_hash_table_lookup (self->prefetched, real);
  if (entry != NULL)
    wait_for_prefetched (entry);
  else
    {
      entry = g_new0 (PrefetchedCsv, 1);
      entry->path = g_strdup (path);
      g_hash_table_insert (self->prefetched, g_steal_pointer (&real), entry);
      if (_lm_dataset_count_bytes (self, path, &entry->error))
        entry->csv = read_table (path, &entry->error);
    }
  if (entry->csv != NULL)
    return entry->csv;
  g_propagate_error (error, g_error_copy (entry->error));
  /* A file that could not be read at all (a pipe, a device, too large):
   * which line of the manifest named it. */
  if (entry->error->domain == LM_INPUT_FILE_ERROR ||
      g_error_matches (entry->error, LM_CSV_ERROR, LM_CSV_ERROR_IO))
    g_prefix_error (error, _("%s, line %ld: "), lm_manifest_get_path (manifest),
                    xmlGetLineNo (node));
  return NULL;
}

void
_lm_prefetched_csv_free (PrefetchedCsv *prefetched)
{
  /* A load that failed early may leave a worker still reading. */
  wait_for_prefetched (prefetched);
  g_free (prefetched->path);
  g_clear_pointer (&prefetched->csv, lm_csv_free);
  g_clear_error (&prefetched->error);
  g_free (prefetched);
}

/* One pool for the process, never freed: a pool made and freed for each
 * load is freed by its last worker after g_thread_pool_free() returns,
 * which a leak checker running just then reports as a leak. */
static GThreadPool *
get_prefetch_pool (void)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, (gsize) g_thread_pool_new (prefetch_one, NULL,
                                                         (int) MIN (g_get_num_processors (), 4),
                                                         FALSE, NULL));
  return (GThreadPool *) pool;
}

static void
collect_files (LmDataset  *self,
               xmlNode    *node,
               GPtrArray  *nodes)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *file = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      file = lm_manifest_get (child, "file");
      if (file != NULL && g_str_has_suffix (file, ".csv") && _lm_dataset_wants_file (self, file))
        g_ptr_array_add (nodes, child);
      collect_files (self, child, nodes);
    }
}

/* Reading and parsing the tables is most of the load time and each table
 * is independent, so they are parsed on all cores, in the manifest's
 * order (the lookup first), while the load goes on with the tables
 * already read (_lm_dataset_load_csv() waits for the one it needs). A
 * file that is missing, outside the folder or not a regular file is left
 * to load_csv(), which names the manifest line. */
void
_lm_dataset_prefetch_tables (LmDataset  *self,
                             LmManifest *manifest)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  collect_files (self, lm_manifest_get_root (manifest), nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *file = lm_manifest_get (node, "file");
      g_autofree char *real = NULL;
      g_autofree char *path = NULL;
      PrefetchedCsv *prefetched;

      path = _lm_dataset_resolve_file (self, manifest, node, file, &real, NULL);
      if (path == NULL || g_hash_table_contains (self->prefetched, real) ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !_lm_dataset_count_bytes (self, path, NULL))
        continue;
      prefetched = g_new0 (PrefetchedCsv, 1);
      prefetched->path = g_steal_pointer (&path);
      prefetched->pending = TRUE;
      g_hash_table_insert (self->prefetched, g_steal_pointer (&real), prefetched);
      g_thread_pool_push (get_prefetch_pool (), prefetched, NULL);
    }
}

gboolean
_lm_dataset_require_column (LmManifest  *manifest,
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

LmLevel *
_lm_dataset_require_level (LmDataset   *self,
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
LmVariable *
_lm_dataset_add_variable_chain (LmManifest  *manifest,
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

/* The level named beside an area to place it: "in Tendring". */
static gboolean
load_context_level (LmDataset   *self,
                    LmManifest  *manifest,
                    GError     **error)
{
  xmlNode *root = lm_manifest_get_root (manifest);
  g_autofree char *id = lm_manifest_get (root, "context-level");

  if (id == NULL)
    return TRUE;
  self->context_level = lm_dataset_find_level (self, id);
  if (self->context_level == NULL)
    {
      lm_manifest_set_error (manifest, root, error,
                             _("the context level “%s” is not one of the <level>s"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lm_dataset_load_levels (LmDataset   *self,
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
      {
        g_autofree char *singular = lm_manifest_get (node, "singular");
        g_autofree char *plural = lm_manifest_get (node, "plural");
        lm_level_set_nouns (level, singular, plural);
      }
      self->sources[i].line = xmlGetLineNo (node);
      self->sources[i].shapefile = lm_manifest_get (node, "shapefile");
      self->sources[i].code_field = lm_manifest_get (node, "code-field");
      if (self->sources[i].shapefile != NULL && self->sources[i].code_field == NULL)
        {
          lm_manifest_set_error (manifest, node, error,
                                 _("<level> with a shapefile needs a “code-field” attribute"));
          return FALSE;
        }
    }
  return load_context_level (self, manifest, error);
}

/* Names the areas from the lookup's name columns (the first name given
 * wins) and places each in its parent, refusing an area the lookup puts
 * in two parents. @areas holds each row's area at each level. */
static gboolean
name_and_nest_areas (LmDataset   *self,
                     LmCsv       *csv,
                     const int   *name_columns,
                     const guint *areas,
                     GError     **error)
{
  guint n_levels = self->levels->len;
  guint n_rows = lm_csv_get_n_rows (csv);
  /* Whether the row before left its area of each level named. Lookups
   * list the areas of a parent together: a row with the area and the
   * parent of the row before changes nothing once the area is named. */
  g_autofree gboolean *named = g_new0 (gboolean, MAX (n_levels, 1));

  for (guint r = 0; r < n_rows; r++)
    for (guint k = 0; k < n_levels; k++)
      {
        LmLevel *level = g_ptr_array_index (self->levels, k);
        const guint *level_areas = areas + (gsize) k * n_rows;
        guint area = level_areas[r];
        gboolean same = r > 0 && level_areas[r - 1] == area;

        if (name_columns[k] >= 0 && !(same && named[k]))
          {
            if (lm_level_is_unnamed (level, area))
              {
                const char *name = lm_csv_get (csv, r, (guint) name_columns[k]);
                if (*name != '\0')
                  lm_level_set_name (level, area, name);
              }
            named[k] = !lm_level_is_unnamed (level, area);
          }
        if (k + 1 < n_levels && !(same && areas[(gsize) (k + 1) * n_rows + r] ==
                                          areas[(gsize) (k + 1) * n_rows + r - 1]))
          {
            LmLevel *parent = level->parent_level;
            int parent_area = (int) areas[(gsize) (k + 1) * n_rows + r];
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

static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      codes)
{
  const char * const *strings = codes;

  return strcmp (strings[*(const guint *) a], strings[*(const guint *) b]);
}

/* Whether the codes of @column are all non-empty and strictly
 * ascending. */
static gboolean
codes_ascend (LmCsv *csv,
              guint  column)
{
  guint n_rows = lm_csv_get_n_rows (csv);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *code = lm_csv_get (csv, r, column);

      if (*code == '\0' || (r > 0 && strcmp (lm_csv_get (csv, r - 1, column), code) >= 0))
        return FALSE;
    }
  return TRUE;
}

/* Adds the areas of one level from the lookup's code column, in code
 * order, and writes each row's area into @areas: every code is hashed
 * once here, not again for each use. */
static gboolean
add_lookup_areas (LmDataset *self,
                  LmLevel   *level,
                  LmCsv     *csv,
                  guint      column,
                  gboolean   unique,
                  guint     *areas,
                  GError   **error)
{
  guint n_rows = lm_csv_get_n_rows (csv);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree guint *first_row = NULL;   /* of each code, for a repeat's message */
  g_autofree guint *order = NULL;
  g_autofree guint *area_of = NULL;

  if (unique && codes_ascend (csv, column))
    {
      /* The finest level's codes usually come sorted: no hashing or
       * sorting needed to know they are distinct and in order. */
      lm_level_reserve_areas (level, level->n_areas + n_rows);
      for (guint r = 0; r < n_rows; r++)
        areas[r] = lm_level_add_area (level, lm_csv_get (csv, r, column), NULL);
      return TRUE;
    }

  first_row = g_new (guint, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      const char *code = lm_csv_get (csv, r, column);
      gpointer slot;

      if (*code == '\0')
        {
          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                       _("%s, line %u: the “%s” code is empty"),
                       lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                       lm_csv_get_column_name (csv, column));
          return FALSE;
        }
      /* Lookups list the areas of a parent together: most rows repeat
       * the code of the row before. */
      if (r > 0 && !unique && strcmp (code, lm_csv_get (csv, r - 1, column)) == 0)
        {
          areas[r] = areas[r - 1];
          continue;
        }
      slot = g_hash_table_lookup (seen, code);
      if (slot == NULL)
        {
          first_row[codes->len] = r;
          g_ptr_array_add (codes, (gpointer) code);
          slot = GUINT_TO_POINTER (codes->len);
          g_hash_table_insert (seen, (gpointer) code, slot);
        }
      /* Each finest area once: a second row would place it twice. */
      else if (unique &&
               !_lm_dataset_note (self, error,
                                  lm_csv_new_duplicate_error (csv,
                                                              first_row[GPOINTER_TO_UINT (slot) - 1],
                                                              r, column)))
        return FALSE;
      areas[r] = GPOINTER_TO_UINT (slot) - 1;
    }

  /* The codes in code order become the areas. */
  order = g_new (guint, MAX (codes->len, 1));
  area_of = g_new (guint, MAX (codes->len, 1));
  for (guint i = 0; i < codes->len; i++)
    order[i] = i;
  lm_level_reserve_areas (level, level->n_areas + codes->len);
  g_qsort_with_data (order, (gint) codes->len, sizeof (guint), compare_codes, codes->pdata);
  for (guint i = 0; i < codes->len; i++)
    area_of[order[i]] = lm_level_add_area (level, g_ptr_array_index (codes, order[i]), NULL);
  for (guint r = 0; r < n_rows; r++)
    areas[r] = area_of[areas[r]];
  return TRUE;
}

/* The areas of every level, a level per core: each level's are
 * independent of the others'. */
typedef struct
{
  LmDataset    *dataset;
  LmCsv        *csv;
  const guint  *code_columns;
  guint        *areas;
  GError      **errors;   /* per level */
} LookupLevels;

static void
add_level_areas (guint    k,
                 gpointer data)
{
  LookupLevels *levels = data;
  gsize n_rows = lm_csv_get_n_rows (levels->csv);

  add_lookup_areas (levels->dataset, g_ptr_array_index (levels->dataset->levels, k), levels->csv,
                    levels->code_columns[k], k == 0, levels->areas + k * n_rows,
                    &levels->errors[k]);
}

static gboolean
add_all_lookup_areas (LmDataset    *self,
                      LmCsv        *csv,
                      const guint  *code_columns,
                      guint        *areas,
                      GError      **error)
{
  guint n_levels = self->levels->len;
  g_autofree GError **errors = g_new0 (GError *, MAX (n_levels, 1));
  LookupLevels levels = { self, csv, code_columns, areas, errors };
  gboolean ok = TRUE;

  /* Checking, every problem goes into one list, in order: one thread. */
  if (self->problems != NULL)
    {
      for (guint k = 0; k < n_levels; k++)
        if (!add_lookup_areas (self, g_ptr_array_index (self->levels, k), csv, code_columns[k],
                               k == 0, areas + (gsize) k * lm_csv_get_n_rows (csv), error))
          return FALSE;
      return TRUE;
    }
  lm_parallel_for (n_levels, add_level_areas, &levels);
  /* The finest level's error first, as when read one after another. */
  for (guint k = 0; k < n_levels; k++)
    if (errors[k] != NULL)
      {
        if (ok)
          g_propagate_error (error, g_steal_pointer (&errors[k]));
        else
          g_clear_error (&errors[k]);
        ok = FALSE;
      }
  return ok;
}

/* The lookup lists every finest-level area with the codes of the areas
 * containing it. Areas of each level are added in code order, so that
 * "ties broken by index" means "ties broken by code" at every level. */
gboolean
_lm_dataset_load_lookup (LmDataset   *self,
                         LmManifest  *manifest,
                         GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "lookup");
  g_autoptr(GPtrArray) keys = NULL;
  LmCsv *csv;
  g_autofree guint *code_columns = NULL;
  g_autofree int *name_columns = NULL;
  g_autofree guint *areas = NULL;
  guint n_levels = self->levels->len;
  guint n_rows;

  if (node == NULL)
    {
      lm_manifest_set_error (manifest, lm_manifest_get_root (manifest), error,
                             _("the manifest has no <lookup> nesting its levels"));
      return FALSE;
    }
  csv = _lm_dataset_load_csv (self, manifest, node, "file", error);
  if (csv == NULL)
    return FALSE;
  self->lookup_path = lm_csv_get_path (csv);

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
      if (!_lm_dataset_require_column (manifest, key, csv, "code-column", &code_columns[k], error))
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
  areas = g_new (guint, MAX ((gsize) n_levels * n_rows, 1));
  if (!add_all_lookup_areas (self, csv, code_columns, areas, error))
    return FALSE;
  return name_and_nest_areas (self, csv, name_columns, areas, error);
}

/* Given each row's area (rows[r], -1 for none), names the areas the
 * lookup left unnamed, and adds the areas a table with
 * adds-areas="true" brings, placed in their parent by @parent_column. A
 * parent code that is no area of the level above leaves such an area
 * out of every coarser level: England's 2019 CNI places 4 of its 12
 * added wards in districts merged away in 2019, so that is a warning,
 * with the count. */
static void
match_rows (LmDataset *self,
            LmCsv     *csv,
            LmLevel   *level,
            guint      code_column,
            int        name_column,
            int        parent_column,
            gboolean   adds_areas,
            int       *rows)
{
  guint n_orphans = 0;
  int first_orphan = -1;

  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      const char *code = lm_csv_get (csv, r, code_column);
      int area = rows[r];

      if (area < 0 && adds_areas && *code != '\0')
        {
          area = (int) lm_level_add_area (level, code, NULL);
          if (parent_column >= 0 && level->parent_level != NULL)
            {
              level->parent[area] = lm_level_find_area (level->parent_level,
                                                        lm_csv_get (csv, r, (guint) parent_column));
              if (level->parent[area] < 0 && n_orphans++ == 0)
                first_orphan = (int) r;
            }
        }
      rows[r] = area;
      if (area >= 0 && name_column >= 0 && lm_level_is_unnamed (level, (guint) area))
        {
          const char *name = lm_csv_get (csv, r, (guint) name_column);
          if (*name != '\0' && strcmp (name, code) != 0)
            lm_level_set_name (level, (guint) area, name);
        }
    }
  if (n_orphans > 0)
    _lm_dataset_warn (self, g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "%s: %u of the %s this table adds has a "
                                                      "parent code that is not one of the %s "
                                                      "(line %u, “%s”), so it counts in no %s",
                                                      "%s: %u of the %s this table adds have a "
                                                      "parent code that is not one of the %s "
                                                      "(the first: line %u, “%s”), so they "
                                                      "count in no %s",
                                                      n_orphans),
                                         lm_csv_get_path (csv), n_orphans,
                                         lm_level_get_plural (level),
                                         lm_level_get_plural (level->parent_level),
                                         lm_csv_get_line (csv, (guint) first_orphan),
                                         lm_csv_get (csv, (guint) first_orphan,
                                                     (guint) parent_column),
                                         lm_level_get_singular (level->parent_level)));
}

/* Tables: every <table> is read once; its rows are matched to areas, and
 * tables with adds-areas="true" bring areas the lookup lacks. */
gboolean
_lm_dataset_load_tables (LmDataset   *self,
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

      if (id == NULL || (level = _lm_dataset_require_level (self, manifest, node, error)) == NULL)
        return FALSE;
      if (!_lm_dataset_wants_table (self, id))
        continue;
      if (g_hash_table_contains (self->tables, id))
        {
          lm_manifest_set_error (manifest, node, error, _("the table “%s” is declared twice"), id);
          return FALSE;
        }
      csv = _lm_dataset_load_csv (self, manifest, node, "file", error);
      if (csv == NULL)
        return FALSE;
      g_hash_table_insert (self->tables, g_strdup (id), csv);
      g_hash_table_insert (self->table_levels, g_strdup (id), level);
      if (!_lm_dataset_require_column (manifest, node, csv, "code-column", &code_column, error))
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

      rows = g_new (int, MAX (lm_csv_get_n_rows (csv), 1));
      g_hash_table_insert (self->table_rows, g_strdup (id), rows);
      if (!_lm_dataset_check_codes (self, csv, code_column, level, g_strcmp0 (adds, "true") == 0,
                                    self->lookup_path, rows, error))
        return FALSE;
      match_rows (self, csv, level, code_column, name_column, parent_column,
                  g_strcmp0 (adds, "true") == 0, rows);
    }
  return TRUE;
}

/* One field of a column: a number, or for a flag "TRUE"/"FALSE" (or 1/0)
 * as 1/0; an empty field is NAN. */
static gboolean
read_field (LmCsv   *csv,
            guint    row,
            guint    column,
            LmUnit   unit,
            double  *out_value,
            GError **error)
{
  const char *text;

  if (unit != LM_UNIT_FLAG)
    return lm_csv_get_double (csv, row, column, out_value, error);
  text = lm_csv_get (csv, row, column);
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *out_value = 1;
  else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *out_value = 0;
  else if (*text == '\0')
    *out_value = NAN;
  else
    {
      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER,
                   _("%s, line %u, column “%s”: expected TRUE or FALSE, found “%s”"),
                   lm_csv_get_path (csv), lm_csv_get_line (csv, row),
                   lm_csv_get_column_name (csv, column), text);
      return FALSE;
    }
  return TRUE;
}

/* The numbers of a whole column, one per row, when every field is a
 * number (NULL otherwise, and for flags): then each row's value is taken
 * from there, and only a damaged column is read field by field, so that
 * its problems are told row by row as before. */
static double *
read_whole_column (LmCsv  *csv,
                   guint   column,
                   LmUnit  unit)
{
  g_autofree double *values = NULL;

  if (unit == LM_UNIT_FLAG)
    return NULL;
  values = g_new (double, MAX (lm_csv_get_n_rows (csv), 1));
  if (!lm_csv_get_column_doubles (csv, column, values, NULL))
    return NULL;
  return g_steal_pointer (&values);
}

/* Reads one numeric column of a table into per-area values (NAN where the
 * table has no row), each checked for its unit; a rank column must be a
 * ranking as a whole. */
double *
_lm_dataset_read_column (LmDataset   *self,
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
  g_autofree double *by_row = NULL;
  guint column;

  if (csv == NULL)
    {
      lm_manifest_set_error (manifest, node, error, _("there is no <table id=\"%s\">"), table_id);
      return NULL;
    }
  if (!_lm_dataset_require_column (manifest, node, csv, "column", &column, error))
    return NULL;
  values = g_new (double, MAX (level->n_areas, 1));
  for (guint i = 0; i < level->n_areas; i++)
    values[i] = NAN;
  by_row = read_whole_column (csv, column, unit);
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      GError *problem = NULL;
      double value = NAN;

      if (rows[r] < 0)
        continue;
      if (by_row != NULL)
        value = by_row[r];
      else if (!read_field (csv, r, column, unit, &value, &problem))
        {
          if (!_lm_dataset_note (self, error, problem))
            return NULL;
          continue;
        }
      if (!_lm_dataset_value_is_plain (unit, value) &&
          !_lm_dataset_check_value (self, csv, r, column, unit, value, error))
        return NULL;
      values[rows[r]] = value;
    }
  if (unit == LM_UNIT_RANK)
    {
      guint n_ranked = 0;

      for (guint i = 0; i < level->n_areas; i++)
        n_ranked += !isnan (values[i]);
      if (!_lm_dataset_check_ranks (self, csv, column, rows, values, n_ranked, level, error))
        return NULL;
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

gboolean
_lm_dataset_load_table_variables (LmDataset   *self,
                                  LmManifest  *manifest,
                                  GError     **error)
{
  g_autoptr(GPtrArray) tables = lm_manifest_children (lm_manifest_get_root (manifest), "table");

  for (guint t = 0; t < tables->len; t++)
    {
      xmlNode *table = g_ptr_array_index (tables, t);
      g_autofree char *table_id = lm_manifest_get (table, "id");
      LmLevel *level = g_hash_table_lookup (self->table_levels, table_id);
      g_autoptr(GPtrArray) nodes = NULL;

      if (!_lm_dataset_wants_table (self, table_id))
        continue;
      nodes = lm_manifest_children (table, "variable");

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
          values = _lm_dataset_read_column (self, manifest, node, table_id, unit, error);
          if (values == NULL)
            return FALSE;
          variable = _lm_dataset_add_variable_chain (manifest, node, error, level, id, title, unit,
                                                     LM_AGGREGATE_NONE, FALSE, NULL, NULL, FALSE);
          if (variable == NULL)
            return FALSE;
          memcpy (variable->values, values, sizeof (double) * level->n_areas);
        }
    }
  return TRUE;
}

gboolean
_lm_dataset_load_population (LmDataset   *self,
                             LmManifest  *manifest,
                             GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "population");
  LmLevel *finest = g_ptr_array_index (self->levels, 0);
  g_autofree char *title = NULL;
  g_autofree int *rows = NULL;
  g_autofree double *by_row = NULL;
  LmCsv *csv;
  LmVariable *variable;
  guint code_column, value_column;

  if (node == NULL)
    {
      lm_manifest_set_error (manifest, lm_manifest_get_root (manifest), error,
                             _("the manifest has no <population>, needed to weight area averages"));
      return FALSE;
    }
  if (_lm_dataset_require_level (self, manifest, node, error) != finest)
    {
      if (error == NULL || *error == NULL)
        lm_manifest_set_error (manifest, node, error,
                               _("<population> must be given for the finest level, “%s”"), finest->id);
      return FALSE;
    }
  csv = _lm_dataset_load_csv (self, manifest, node, "file", error);
  if (csv == NULL ||
      !_lm_dataset_require_column (manifest, node, csv, "code-column", &code_column, error) ||
      !_lm_dataset_require_column (manifest, node, csv, "column", &value_column, error))
    return FALSE;
  rows = g_new (int, MAX (lm_csv_get_n_rows (csv), 1));
  if (!_lm_dataset_check_codes (self, csv, code_column, finest, FALSE, self->lookup_path, rows,
                                error))
    return FALSE;

  title = lm_manifest_get (node, "title");
  variable = _lm_dataset_add_variable_chain (manifest, node, error, finest, "population",
                                             title ? title : _("Population"),
                                             LM_UNIT_COUNT, LM_AGGREGATE_SUM, FALSE, NULL, NULL, FALSE);
  if (variable == NULL)
    return FALSE;
  by_row = read_whole_column (csv, value_column, LM_UNIT_COUNT);
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      int area = rows[r];
      GError *problem = NULL;
      double value = NAN;

      if (area < 0)
        continue;
      if (by_row != NULL)
        value = by_row[r];
      else
        lm_csv_get_double (csv, r, value_column, &value, &problem);
      if (problem == NULL && value < 0)
        problem = g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                               _("%s, line %u: a population cannot be negative (%g)"),
                               lm_csv_get_path (csv), lm_csv_get_line (csv, r), value);
      if (problem == NULL && !_lm_dataset_value_is_plain (LM_UNIT_SCORE, value) &&
          !_lm_dataset_check_value (self, csv, r, value_column, LM_UNIT_SCORE, value, error))
        return FALSE;
      if (problem != NULL)
        {
          if (!_lm_dataset_note (self, error, problem))
            return FALSE;
          continue;
        }
      variable->values[area] = value;
    }
  return TRUE;
}
