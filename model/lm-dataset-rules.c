/* lm-dataset-rules.c — the left-behind rule, report figures and attributions
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-dataset-private.h"

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


void
_lm_report_preset_free (LmReportPreset *preset)
{
  if (preset == NULL)
    return;
  g_free (preset->id);
  g_free (preset->title);
  g_free (preset->level);
  g_free (preset->x);
  g_free (preset->y);
  g_free (preset);
}

static LmVariable *
require_variable (LmManifest  *manifest,
                  xmlNode     *node,
                  const char  *attribute,
                  LmLevel     *level,
                  GError     **error)
{
  g_autofree char *id = lm_manifest_require (manifest, node, attribute, error);
  LmVariable *variable;

  if (id == NULL)
    return NULL;
  variable = lm_level_find_variable (level, id);
  if (variable == NULL)
    lm_manifest_set_error (manifest, node, error,
                           _("the variable “%s” does not exist at the level “%s”"),
                           id, level->id);
  return variable;
}

static gboolean
load_criteria (LmManifest        *manifest,
               xmlNode           *node,
               LmLeftBehindRule  *rule,
               GError           **error)
{
  g_autoptr(GPtrArray) criteria = lm_manifest_children (node, "criterion");

  for (guint i = 0; i < criteria->len; i++)
    {
      xmlNode *child = g_ptr_array_index (criteria, i);
      g_autofree char *top = lm_manifest_get (child, "top-percent");
      LmVariable *variable = require_variable (manifest, child, "variable", rule->level, error);
      LmCriterion *criterion;

      if (variable == NULL)
        return FALSE;
      criterion = g_new0 (LmCriterion, 1);
      criterion->variable = g_strdup (variable->id);
      g_ptr_array_add (rule->criteria, criterion);
      criterion->kind = top != NULL ? LM_CRITERION_TOP_PERCENT : LM_CRITERION_AT_MOST;
      if (!lm_manifest_require_double (manifest, child, top != NULL ? "top-percent" : "at-most",
                                       &criterion->value, error))
        return FALSE;
      if (criterion->kind == LM_CRITERION_TOP_PERCENT &&
          (criterion->value <= 0 || criterion->value > 100))
        {
          lm_manifest_set_error (manifest, child, error,
                                 _("“top-percent” must be above 0 and at most 100, not %g"),
                                 criterion->value);
          return FALSE;
        }
      criterion->default_value = criterion->value;
    }
  if (rule->criteria->len == 0)
    {
      lm_manifest_set_error (manifest, node, error, _("<left-behind> has no <criterion>"));
      return FALSE;
    }
  return TRUE;
}

/* The rule makes one flag variable at its level. Format 1 first had no
 * way to name it, so it is "left_behind", "Left behind" unless the
 * manifest says otherwise with id and title. */
gboolean
_lm_dataset_load_left_behind (LmDataset   *self,
                              LmManifest  *manifest,
                              GError     **error)
{
  xmlNode *node = lm_manifest_child (lm_manifest_get_root (manifest), "left-behind");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  xmlNode *description;
  LmLeftBehindRule *rule;
  LmLevel *level;

  if (node == NULL || !_lm_dataset_wants_rule (self))
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

  if (!load_criteria (manifest, node, rule, error))
    return FALSE;
  id = lm_manifest_get (node, "id");
  title = lm_manifest_get (node, "title");
  rule->flag = _lm_dataset_add_variable_chain (manifest, node, error, level,
                                               id != NULL ? id : "left_behind",
                                               title != NULL ? title : _("Left behind"),
                                               LM_UNIT_FLAG, LM_AGGREGATE_NONE, TRUE, NULL, NULL,
                                               FALSE);
  return rule->flag != NULL;
}

static gboolean
load_report (LmDataset   *self,
             LmManifest  *manifest,
             xmlNode     *node,
             GError     **error)
{
  LmReportPreset *preset = g_new0 (LmReportPreset, 1);
  LmLevel *level;
  LmVariable *x, *y;

  g_ptr_array_add (self->reports, preset);
  preset->id = lm_manifest_require (manifest, node, "id", error);
  if (preset->id == NULL ||
      (level = _lm_dataset_require_level (self, manifest, node, error)) == NULL ||
      (x = require_variable (manifest, node, "x", level, error)) == NULL ||
      (y = require_variable (manifest, node, "y", level, error)) == NULL)
    return FALSE;
  if (lm_dataset_find_report (self, preset->id) != (int) self->reports->len - 1)
    {
      lm_manifest_set_error (manifest, node, error, _("the report “%s” is declared twice"), preset->id);
      return FALSE;
    }
  preset->level = g_strdup (level->id);
  preset->x = g_strdup (x->id);
  preset->y = g_strdup (y->id);
  preset->title = lm_manifest_get (node, "title");
  if (preset->title == NULL)
    /* Translators: a figure title, "Turnout (%) against Hardship score" */
    preset->title = g_strdup_printf (_("%s against %s"), y->title, x->title);
  return TRUE;
}

/* The scatter figures whose statistics the model keeps current, and that
 * the window offers first. */
gboolean
_lm_dataset_load_reports (LmDataset   *self,
                          LmManifest  *manifest,
                          GError     **error)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "report");

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *level_id = lm_manifest_get (node, "level");

      if (_lm_dataset_wants_report (self, lm_dataset_find_level (self, level_id), node) &&
          !load_report (self, manifest, node, error))
        return FALSE;
    }
  return TRUE;
}

/* Every attribution in full for figures and the about dialog, and one
 * line for the map on screen built from their short forms: short="" keeps
 * an attribution off that line; without short it appears in full. */
void
_lm_dataset_load_attributions (LmDataset  *self,
                               LmManifest *manifest)
{
  g_autoptr(GPtrArray) nodes = lm_manifest_children (lm_manifest_get_root (manifest), "attribution");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *text = lm_manifest_get_text (node);
      g_autofree char *short_text = lm_manifest_get (node, "short");
      const char *shown = short_text != NULL ? g_strstrip (short_text) : text;

      g_strv_builder_add (builder, text);
      if (*shown == '\0')
        continue;
      if (line->len > 0)
        g_string_append (line, "; ");
      g_string_append (line, shown);
    }
  self->attributions = g_strv_builder_end (builder);
  self->attribution_line = g_string_free (g_steal_pointer (&line), FALSE);
}
