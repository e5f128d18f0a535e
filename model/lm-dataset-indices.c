/* lm-dataset-indices.c — the composite indices of a manifest
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
#include "lm-parallel.h"
#include "lm-rank.h"

/* Indices */

/* The optional <description> of an index or a domain: what it
 * measures, for tooltips and the help page. */
static char *
read_description (xmlNode *node)
{
  xmlNode *description = lm_manifest_child (node, "description");

  return description != NULL ? lm_manifest_get_text (description) : NULL;
}

/* The exponential score of each rank, shared by the domains of an index
 * that rank as many areas (the first to be read sets the number): one
 * log1p() a rank rather than one a domain and an area. */
typedef struct
{
  GMutex  lock;
  guint   n;
  double *scores;   /* NULL until a domain asks */
} ExpTable;

static const double *
exp_table_for (ExpTable *table,
               guint     n)
{
  g_mutex_lock (&table->lock);
  if (table->scores == NULL)
    {
      table->n = n;
      table->scores = lm_index_exp_table (n);
    }
  g_mutex_unlock (&table->lock);
  return table->n == n ? table->scores : NULL;
}

/* A domain's column: its ranks (a score column is ranked first, as
 * MHCLG ranks domain scores before the exponential transformation) and
 * their exponential scores. A rank column is checked as a ranking as it
 * is read. */
static double *
read_domain_scores (LmDataset   *self,
                    LmManifest  *manifest,
                    xmlNode     *domain_node,
                    const char  *table_id,
                    gboolean     is_score,
                    LmLevel     *level,
                    ExpTable    *table,
                    GError     **error)
{
  g_autofree double *values = _lm_dataset_read_column (self, manifest, domain_node, table_id,
                                                       is_score ? LM_UNIT_SCORE : LM_UNIT_RANK,
                                                       error);
  guint n_ranked;

  if (values == NULL)
    return NULL;
  if (is_score)
    {
      g_autofree guint *ranks = g_new (guint, MAX (level->n_areas, 1));

      lm_rank_descending (values, level->n_areas, ranks, NULL);
      for (guint i = 0; i < level->n_areas; i++)
        values[i] = ranks[i] > 0 ? ranks[i] : NAN;
    }
  n_ranked = lm_index_count_ranked (values, level->n_areas);
  return lm_index_exp_scores (values, level->n_areas, exp_table_for (table, n_ranked), n_ranked);
}

/* The columns of an index's domains, read side by side on every core:
 * the larger part of loading an index, and independent of each other. */
typedef struct
{
  LmDataset   *dataset;
  LmManifest  *manifest;
  const char  *table_id;
  LmLevel     *level;
  GPtrArray   *nodes;
  double     **scores;   /* per domain; NULL with errors[d], or not read */
  GError     **errors;
  ExpTable     exp_table;
} DomainColumns;

static gboolean
domain_kind_is (xmlNode    *node,
                const char *kind)
{
  g_autofree char *value = lm_manifest_get (node, "kind");

  return g_strcmp0 (value, kind) == 0;
}

static void
read_domain_column (guint    d,
                    gpointer data)
{
  DomainColumns *columns = data;
  xmlNode *node = g_ptr_array_index (columns->nodes, d);
  gboolean is_score = domain_kind_is (node, "score");

  /* A domain of no known kind is refused before its column is read. */
  if (is_score || domain_kind_is (node, "rank"))
    columns->scores[d] = read_domain_scores (columns->dataset, columns->manifest, node,
                                             columns->table_id, is_score, columns->level,
                                             &columns->exp_table, &columns->errors[d]);
}

static void
read_domain_columns_ahead (DomainColumns *columns)
{
  /* Checking, every problem goes into one list, in order: one thread. */
  if (columns->dataset->problems == NULL)
    lm_parallel_for (columns->nodes->len, read_domain_column, columns);
}

static void
domain_columns_clear (DomainColumns *columns)
{
  for (guint d = 0; d < columns->nodes->len; d++)
    {
      g_free (columns->scores[d]);
      g_clear_error (&columns->errors[d]);
    }
  g_free (columns->scores);
  g_free (columns->errors);
  g_free (columns->exp_table.scores);
  g_mutex_clear (&columns->exp_table.lock);
}

/* One domain: the checks of its attributes, in the order of the file,
 * its exponential scores (read ahead, or now) and the variable
 * ID.DOMAIN at the index's level. */
static gboolean
load_domain (LmDataset     *self,
             LmManifest    *manifest,
             DomainColumns *columns,
             guint          d,
             LmIndex       *index,
             const char    *label,
             GError       **error)
{
  xmlNode *domain_node = g_ptr_array_index (columns->nodes, d);
  LmLevel *level = index->level;
  g_autofree char *domain_id = lm_manifest_require (manifest, domain_node, "id", error);
  g_autofree char *domain_title = lm_manifest_get (domain_node, "title");
  g_autofree char *kind = lm_manifest_get (domain_node, "kind");
  g_autofree char *variable_id = NULL;
  g_autofree char *variable_title = NULL;
  double *exp_scores;
  LmIndexDomain *domain;
  LmVariable *variable;
  double weight;

  if (domain_id == NULL ||
      !lm_manifest_require_double (manifest, domain_node, "weight", &weight, error))
    return FALSE;
  if (lm_index_find_domain (index, domain_id) != NULL)
    {
      lm_manifest_set_error (manifest, domain_node, error,
                             _("the domain “%s” is declared twice"), domain_id);
      return FALSE;
    }
  if (weight < 0 || weight > LM_INDEX_MAX_WEIGHT)
    {
      lm_manifest_set_error (manifest, domain_node, error,
                             _("the weight of the domain “%s” must be from 0 to %.0f, not %g"),
                             domain_id, LM_INDEX_MAX_WEIGHT, weight);
      return FALSE;
    }
  if (g_strcmp0 (kind, "rank") != 0 && g_strcmp0 (kind, "score") != 0)
    {
      lm_manifest_set_error (manifest, domain_node, error,
                             _("a domain’s kind must be “rank” (1 = most deprived) or “score” (higher is worse), not “%s”"),
                             kind ? kind : "");
      return FALSE;
    }
  if (columns->errors[d] != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&columns->errors[d]));
      return FALSE;
    }
  exp_scores = g_steal_pointer (&columns->scores[d]);
  if (exp_scores == NULL)
    exp_scores = read_domain_scores (self, manifest, domain_node, columns->table_id,
                                     g_str_equal (kind, "score"), level, &columns->exp_table,
                                     error);
  if (exp_scores == NULL)
    return FALSE;
  domain = lm_index_add_domain (index, domain_id, domain_title, weight, exp_scores);
  domain->description = read_description (domain_node);
  variable_id = g_strdup_printf ("%s.%s", index->id, domain_id);
  variable_title = g_strdup_printf ("%s: %s", label, domain->title);
  variable = _lm_dataset_add_variable_chain (manifest, domain_node, error, level, variable_id,
                                             variable_title, LM_UNIT_SCORE, LM_AGGREGATE_MEAN, FALSE,
                                             NULL, NULL, FALSE);
  if (variable == NULL)
    return FALSE;
  memcpy (variable->values, domain->exp_scores, sizeof (double) * level->n_areas);
  return TRUE;
}

static gboolean
load_index (LmDataset   *self,
            LmManifest  *manifest,
            xmlNode     *node,
            GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *title = lm_manifest_get (node, "title");
  g_autofree char *short_title = lm_manifest_get (node, "short-title");
  g_autofree char *table_id = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  xmlNode *published;
  LmLevel *level;
  LmIndex *index;
  DomainColumns columns;
  double scale;
  const char *label;

  /* One requirement at a time: the first missing attribute is the error. */
  if ((id = lm_manifest_require (manifest, node, "id", error)) == NULL ||
      (table_id = lm_manifest_require (manifest, node, "table", error)) == NULL ||
      !lm_manifest_require_double (manifest, node, "scale", &scale, error))
    return FALSE;
  level = g_hash_table_lookup (self->table_levels, table_id);
  if (level == NULL)
    {
      lm_manifest_set_error (manifest, node, error, _("there is no <table id=\"%s\">"), table_id);
      return FALSE;
    }
  if (lm_dataset_find_index (self, id) != NULL)
    {
      lm_manifest_set_error (manifest, node, error, _("the index “%s” is declared twice"), id);
      return FALSE;
    }
  /* S times a score of up to 100 must stay a number: scale="1e308" made
   * every score infinite. */
  if (scale <= 0 || scale > LM_INDEX_MAX_SCALE)
    {
      lm_manifest_set_error (manifest, node, error,
                             _("the scale of the index “%s” must be above 0 and at most %.0f, "
                               "not %g"),
                             id, LM_INDEX_MAX_SCALE, scale);
      return FALSE;
    }
  index = lm_index_new (id, title, level, scale);
  index->description = read_description (node);
  g_ptr_array_add (self->indices, index);
  label = short_title != NULL ? short_title : id;

  domains = lm_manifest_children (node, "domain");
  if (domains->len == 0)
    {
      lm_manifest_set_error (manifest, node, error, _("the index “%s” has no <domain>"), id);
      return FALSE;
    }
  columns.dataset = self;
  columns.manifest = manifest;
  columns.table_id = table_id;
  columns.level = level;
  columns.nodes = domains;
  columns.scores = g_new0 (double *, domains->len);
  columns.errors = g_new0 (GError *, domains->len);
  columns.exp_table.scores = NULL;
  g_mutex_init (&columns.exp_table.lock);
  read_domain_columns_ahead (&columns);
  for (guint d = 0; d < domains->len; d++)
    if (!load_domain (self, manifest, &columns, d, index, label, error))
      {
        domain_columns_clear (&columns);
        return FALSE;
      }
  domain_columns_clear (&columns);
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

    if (!_lm_dataset_add_variable_chain (manifest, node, error, level, score_id, score_title, LM_UNIT_SCORE,
                                         LM_AGGREGATE_MEAN, TRUE, NULL, NULL, FALSE) ||
        !_lm_dataset_add_variable_chain (manifest, node, error, level, rank_id, rank_title, LM_UNIT_RANK,
                                         LM_AGGREGATE_RANK, TRUE, score_id, NULL, TRUE) ||
        !_lm_dataset_add_variable_chain (manifest, node, error, level, decile_id, decile_title, LM_UNIT_DECILE,
                                         LM_AGGREGATE_DECILE, TRUE, rank_id, NULL, TRUE) ||
        !_lm_dataset_add_variable_chain (manifest, node, error, level, change_id, change_title, LM_UNIT_CHANGE,
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

gboolean
_lm_dataset_load_indices (LmDataset   *self,
                          LmManifest  *manifest,
                          GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "index");

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *id = lm_manifest_get (node, "id");

      if (_lm_dataset_wants_index (self, id) && !load_index (self, manifest, node, error))
        return FALSE;
    }
  return TRUE;
}
