/* lm-dataset-rules.c — elections, the left-behind rule and attributions
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
#include "lm-rank.h"

void
_lm_left_behind_rule_free (LmLeftBehindRule *rule)
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

/* Election results: counts are summed from the counting areas to the
 * level's areas through the election's own lookup; shares are only ever
 * taken from those sums, never averaged. */
gboolean
_lm_dataset_load_elections (LmDataset   *self,
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
  if (id == NULL || (level = _lm_dataset_require_level (self, manifest, node, error)) == NULL)
    return FALSE;
  results = _lm_dataset_load_csv (self, manifest, node, "file", error);
  if (results == NULL || !_lm_dataset_require_column (manifest, node, results, "code-column", &code_column, error))
    return FALSE;
  for (guint c = 0; c < 4; c++)
    if (!_lm_dataset_require_column (manifest, node, results, count_attributes[c], &columns[c], error))
      return FALSE;

  lookup_node = lm_manifest_child (node, "lookup");
  if (lookup_node == NULL)
    {
      lm_manifest_set_error (manifest, node, error,
                             _("<election> needs a <lookup> from its counting areas to the level’s areas"));
      return FALSE;
    }
  lookup = _lm_dataset_load_csv (self, manifest, lookup_node, "file", error);
  if (lookup == NULL ||
      !_lm_dataset_require_column (manifest, lookup_node, lookup, "from-column", &from_column, error) ||
      !_lm_dataset_require_column (manifest, lookup_node, lookup, "to-column", &to_column, error))
    return FALSE;

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *variable_id = g_strdup_printf ("%s.%s", id, count_suffixes[c]);
      counts[c] = _lm_dataset_add_variable_chain (manifest, node, error, level, variable_id, count_titles[c],
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

    if (!_lm_dataset_add_variable_chain (manifest, node, error, level, leave_pct, _("Leave vote 2016 (%)"),
                                         LM_UNIT_PERCENT, LM_AGGREGATE_RATIO, FALSE, leave, valid, TRUE) ||
        !_lm_dataset_add_variable_chain (manifest, node, error, level, turnout_pct, _("Turnout 2016 (%)"),
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

gboolean
_lm_dataset_load_left_behind (LmDataset   *self,
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
  level = _lm_dataset_require_level (self, manifest, node, error);
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
  return _lm_dataset_add_variable_chain (manifest, node, error, level, "left_behind", _("Left behind"),
                                         LM_UNIT_FLAG, LM_AGGREGATE_NONE, TRUE, NULL, NULL, FALSE) != NULL;
}

void
_lm_dataset_load_attributions (LmDataset  *self,
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

