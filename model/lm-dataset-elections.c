/* lm-dataset-elections.c — election results, summed to the dataset's levels
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

/* The counts every election has, in this order; the counted option's
 * votes come last (N_COUNTS - 1). */
enum { ELECTORATE, BALLOTS, VALID, OPTION_VOTES, N_COUNTS };

static const char * const count_attributes[N_COUNTS] = {
  "electorate-column", "ballots-column", "valid-column", NULL
};

void
_lm_election_free (LmElection *election)
{
  if (election == NULL)
    return;
  g_free (election->id);
  g_free (election->title);
  g_free (election->option_title);
  g_free (election->share);
  g_free (election->turnout);
  g_free (election);
}

static gboolean
is_id_part (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Which column holds the counted option's votes, and what the option is
 * called. Format 1 first named it with leave-column (the 2016 EU
 * referendum), which keeps its ids eu.leave_votes and eu.leave_pct; any
 * other election names it with votes-column and option. */
static gboolean
read_option (LmManifest  *manifest,
             xmlNode     *node,
             const char **out_column_attribute,
             char       **out_option,
             char       **out_option_title,
             GError     **error)
{
  g_autofree char *votes = lm_manifest_get (node, "votes-column");
  g_autofree char *leave = lm_manifest_get (node, "leave-column");
  g_autofree char *option = lm_manifest_get (node, "option");
  g_autofree char *option_title = lm_manifest_get (node, "option-title");

  if (votes != NULL)
    {
      *out_column_attribute = "votes-column";
      if (option == NULL)
        {
          lm_manifest_set_error (manifest, node, error,
                                 _("<election> with a “votes-column” needs an “option”, the id of "
                                   "the option counted (as in option=\"yes\")"));
          return FALSE;
        }
    }
  else if (leave != NULL)
    {
      *out_column_attribute = "leave-column";
      if (option == NULL)
        option = g_strdup ("leave");
      if (option_title == NULL)
        option_title = g_strdup ("Leave");
    }
  else
    {
      lm_manifest_set_error (manifest, node, error,
                             _("<election> needs a “votes-column” attribute naming the column of "
                               "the votes for the option counted"));
      return FALSE;
    }
  if (!is_id_part (option))
    {
      lm_manifest_set_error (manifest, node, error,
                             _("the option “%s” must be lower-case letters, digits and “_”: it "
                               "becomes part of variable ids"),
                             option);
      return FALSE;
    }
  *out_option_title = option_title != NULL ? g_steal_pointer (&option_title) : g_strdup (option);
  *out_option = g_steal_pointer (&option);
  return TRUE;
}

/* The counts, the share for the option and the turnout, at the election's
 * level and every coarser one; shares are only ever ratios of sums. */
static gboolean
add_variables (LmManifest  *manifest,
               xmlNode     *node,
               LmElection  *election,
               const char  *option,
               LmVariable **counts,
               GError     **error)
{
  g_autofree char *share_title = lm_manifest_get (node, "share-title");
  g_autofree char *turnout_title = lm_manifest_get (node, "turnout-title");
  g_autofree char *votes_title = g_strdup_printf (_("%s votes"), election->option_title);
  const char *count_titles[N_COUNTS] = {
    _("Electorate"), _("Ballot papers"), _("Valid votes"), votes_title
  };
  g_autofree char *option_votes = g_strdup_printf ("%s_votes", option);
  const char *count_suffixes[N_COUNTS] = { "electorate", "ballots", "valid_votes", option_votes };
  g_autoptr(GPtrArray) count_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < N_COUNTS; c++)
    {
      char *id = g_strdup_printf ("%s.%s", election->id, count_suffixes[c]);

      g_ptr_array_add (count_ids, id);
      counts[c] = _lm_dataset_add_variable_chain (manifest, node, error, election->level, id,
                                                  count_titles[c], LM_UNIT_COUNT, LM_AGGREGATE_SUM,
                                                  FALSE, NULL, NULL, FALSE);
      if (counts[c] == NULL)
        return FALSE;
      for (LmLevel *level = election->level; level != NULL; level = level->parent_level)
        lm_level_find_variable (level, id)->auxiliary = TRUE;
    }

  election->share = g_strdup_printf ("%s.%s_pct", election->id, option);
  election->turnout = g_strdup_printf ("%s.turnout_pct", election->id);
  if (share_title == NULL)
    /* Translators: the default title of an election's share, "Yes vote (%)" */
    share_title = g_strdup_printf (_("%s vote (%%)"), election->option_title);
  if (turnout_title == NULL)
    turnout_title = g_strdup (_("Turnout (%)"));
  return _lm_dataset_add_variable_chain (manifest, node, error, election->level, election->share,
                                         share_title, LM_UNIT_PERCENT, LM_AGGREGATE_RATIO, FALSE,
                                         g_ptr_array_index (count_ids, OPTION_VOTES),
                                         g_ptr_array_index (count_ids, VALID), TRUE) != NULL &&
         _lm_dataset_add_variable_chain (manifest, node, error, election->level, election->turnout,
                                         turnout_title, LM_UNIT_PERCENT, LM_AGGREGATE_RATIO, FALSE,
                                         g_ptr_array_index (count_ids, BALLOTS),
                                         g_ptr_array_index (count_ids, ELECTORATE), TRUE) != NULL;
}

/* Adds one row of results to @area. Counts are whole and not negative,
 * and each is part of the one before it (the option's votes of the valid
 * votes, of the ballots, of the electorate). */
static gboolean
add_result (LmDataset   *self,
            LmCsv       *results,
            guint        row,
            const guint *columns,
            LmVariable **counts,
            guint        area,
            GError     **error)
{
  double values[N_COUNTS];

  for (guint c = 0; c < N_COUNTS; c++)
    {
      GError *problem = NULL;

      if (!lm_csv_get_count (results, row, columns[c], &values[c], &problem))
        return _lm_dataset_note (self, error, problem);
      if (!_lm_dataset_check_value (self, results, row, columns[c], LM_UNIT_COUNT, values[c],
                                    error))
        return FALSE;
    }
  if (!_lm_dataset_check_votes (self, results, row, columns, values, N_COUNTS, error))
    return FALSE;
  for (guint c = 0; c < N_COUNTS; c++)
    {
      if (isnan (counts[c]->values[area]))
        counts[c]->values[area] = 0;
      counts[c]->values[area] += values[c];
    }
  return TRUE;
}

/* Counting areas that are not the level's areas (the 2016 districts for
 * 2019 districts) go through the election's own lookup. */
static gboolean
sum_through_lookup (LmDataset    *self,
                    LmManifest   *manifest,
                    xmlNode      *lookup_node,
                    LmLevel      *level,
                    LmCsv        *results,
                    guint         code_column,
                    const guint  *columns,
                    LmVariable  **counts,
                    GError      **error)
{
  g_autoptr(GHashTable) result_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  LmCsv *lookup;
  guint from_column, to_column;

  /* A counting area listed twice counted its votes twice: Hartlepool's
   * electorate came out at twice the true 70,341. */
  lookup = _lm_dataset_load_csv (self, manifest, lookup_node, "file", error);
  if (lookup == NULL ||
      !_lm_dataset_require_column (manifest, lookup_node, lookup, "from-column", &from_column, error) ||
      !_lm_dataset_require_column (manifest, lookup_node, lookup, "to-column", &to_column, error) ||
      !_lm_dataset_check_unique (self, lookup, from_column, error))
    return FALSE;

  for (guint r = 0; r < lm_csv_get_n_rows (results); r++)
    g_hash_table_insert (result_rows, (gpointer) lm_csv_get (results, r, code_column),
                         GUINT_TO_POINTER (r + 1));
  for (guint r = 0; r < lm_csv_get_n_rows (lookup); r++)
    {
      const char *from = lm_csv_get (lookup, r, from_column);
      const char *to = lm_csv_get (lookup, r, to_column);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (result_rows, from));
      int area = lm_level_find_area (level, to);
      GError *problem = NULL;

      /* A second row for a counting area (reported above, with both
       * lines, when there is a list of problems) is not counted again. */
      if (!g_hash_table_add (counted, (gpointer) from))
        continue;
      if (row == 0)
        problem = g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                               _("%s, line %u: the counting area “%s” has no result in %s"),
                               lm_csv_get_path (lookup), lm_csv_get_line (lookup, r), from,
                               lm_csv_get_path (results));
      else if (area < 0)
        problem = g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                               _("%s, line %u: “%s” is not an area of the level “%s”"),
                               lm_csv_get_path (lookup), lm_csv_get_line (lookup, r), to,
                               level->id);
      if (problem != NULL)
        {
          if (!_lm_dataset_note (self, error, problem))
            return FALSE;
          continue;
        }
      if (!add_result (self, results, row - 1, columns, counts, (guint) area, error))
        return FALSE;
    }
  return TRUE;
}

/* Without a lookup the counting areas are the level's own areas: rows
 * join by code. Rows for other places (results often cover a whole
 * country and more) are left out, but a file that matches no area at all
 * is the wrong file. */
static gboolean
sum_by_code (LmDataset    *self,
             LmLevel      *level,
             LmCsv        *results,
             guint         code_column,
             const guint  *columns,
             LmVariable  **counts,
             GError      **error)
{
  g_autofree guint8 *seen = g_new0 (guint8, MAX (level->n_areas, 1));
  guint n_matched = 0;

  for (guint r = 0; r < lm_csv_get_n_rows (results); r++)
    {
      const char *code = lm_csv_get (results, r, code_column);
      int area = lm_level_find_area (level, code);

      /* A second row (said already, with both lines) is not added again. */
      if (area < 0 || seen[area])
        continue;
      seen[area] = TRUE;
      n_matched++;
      if (!add_result (self, results, r, columns, counts, (guint) area, error))
        return FALSE;
    }
  if (n_matched == 0)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("%s: no row’s code is an area of the level “%s”; give the <election> a "
                     "<lookup> when the results are counted for other areas"),
                   lm_csv_get_path (results), level->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_election (LmDataset   *self,
               LmManifest  *manifest,
               xmlNode     *node,
               GError     **error)
{
  LmElection *election = g_new0 (LmElection, 1);
  LmCsv *results;
  g_autofree char *option = NULL;
  const char *option_attribute = NULL;
  xmlNode *lookup_node;
  LmVariable *counts[N_COUNTS];
  guint columns[N_COUNTS];
  guint code_column;

  g_ptr_array_add (self->elections, election);
  election->id = lm_manifest_require (manifest, node, "id", error);
  if (election->id == NULL ||
      (election->level = _lm_dataset_require_level (self, manifest, node, error)) == NULL ||
      !read_option (manifest, node, &option_attribute, &option, &election->option_title, error))
    return FALSE;
  election->title = lm_manifest_get (node, "title");
  if (election->title == NULL)
    election->title = g_strdup (election->id);

  results = _lm_dataset_load_csv (self, manifest, node, "file", error);
  if (results == NULL ||
      !_lm_dataset_require_column (manifest, node, results, "code-column", &code_column, error) ||
      !_lm_dataset_check_unique (self, results, code_column, error))
    return FALSE;
  for (guint c = 0; c < N_COUNTS; c++)
    if (!_lm_dataset_require_column (manifest, node, results,
                                     c == OPTION_VOTES ? option_attribute : count_attributes[c],
                                     &columns[c], error))
      return FALSE;
  if (!add_variables (manifest, node, election, option, counts, error))
    return FALSE;

  lookup_node = lm_manifest_child (node, "lookup");
  if (lookup_node != NULL)
    return sum_through_lookup (self, manifest, lookup_node, election->level, results, code_column,
                               columns, counts, error);
  return sum_by_code (self, election->level, results, code_column, columns, counts, error);
}

gboolean
_lm_dataset_load_elections (LmDataset   *self,
                            LmManifest  *manifest,
                            GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "election");

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *id = lm_manifest_get (node, "id");

      if (_lm_dataset_wants_election (self, id) && !load_election (self, manifest, node, error))
        return FALSE;
    }
  return TRUE;
}
