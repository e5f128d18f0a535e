/* lm-table-export.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-decimal.h"
#include "lm-table-export.h"

/* Auxiliary methods */

static void
append_number (GString *out,
               double   value)
{
  char buffer[LM_DECIMAL_FORMAT_SIZE];

  if (!isnan (value))
    g_string_append (out, lm_decimal_format (value, buffer));
}

static guint8 *
mask_of (LmLevel *level,
         GArray  *areas)
{
  guint8 *mask = g_new0 (guint8, MAX (level->n_areas, 1));

  for (guint i = 0; i < areas->len; i++)
    mask[g_array_index (areas, guint, i)] = 1;
  return mask;
}

/* Public API */

void
lm_table_export_append_field (GString    *out,
                              const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
lm_table_export_level (LmLevel      *level,
                       const guint8 *mask,
                       GString      *out)
{
  g_return_if_fail (level != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "code,name");
  for (guint v = 0; v < level->variables->len; v++)
    g_string_append_printf (out, ",%s",
                            ((LmVariable *) g_ptr_array_index (level->variables, v))->id);
  g_string_append_c (out, '\n');
  for (guint a = 0; a < level->n_areas; a++)
    {
      if (mask != NULL && !mask[a])
        continue;
      lm_table_export_append_field (out, level->codes[a]);
      g_string_append_c (out, ',');
      lm_table_export_append_field (out, level->names[a]);
      for (guint v = 0; v < level->variables->len; v++)
        {
          g_string_append_c (out, ',');
          append_number (out, ((LmVariable *) g_ptr_array_index (level->variables, v))->values[a]);
        }
      g_string_append_c (out, '\n');
    }
}

gboolean
lm_table_export_left_behind (LmModel   *model,
                             gboolean   with_changes,
                             GString   *out,
                             GError   **error)
{
  LmDataset *dataset;
  LmLeftBehindRule *rule;
  LmLevel *context;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;
  g_autofree guint8 *entered_mask = NULL;
  g_autofree guint8 *left_mask = NULL;

  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dataset = lm_model_get_dataset (model);
  rule = lm_dataset_get_left_behind_rule (dataset);
  if (rule == NULL)
    {
      g_set_error_literal (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE,
                           _("This dataset has no left-behind rule."));
      return FALSE;
    }
  entered = lm_model_get_left_behind_changes (model, TRUE);
  left = lm_model_get_left_behind_changes (model, FALSE);
  entered_mask = mask_of (rule->level, entered);
  left_mask = mask_of (rule->level, left);

  /* The third column names the area that places each one, headed by
   * that level's noun ("local_authority"). */
  g_string_append (out, "code,name");
  context = lm_dataset_get_context_for (dataset, rule->level);
  if (context != NULL)
    {
      g_autofree char *column = lm_level_dup_column_name (context);

      g_string_append_printf (out, ",%s", column);
    }
  if (with_changes)
    g_string_append (out, ",left_behind,official,change");
  g_string_append_c (out, '\n');

  for (guint a = 0; a < rule->level->n_areas; a++)
    {
      gboolean now = rule->flag->values[a] == 1;

      if (!now && !(with_changes && left_mask[a]))
        continue;
      lm_table_export_append_field (out, rule->level->codes[a]);
      g_string_append_c (out, ',');
      lm_table_export_append_field (out, rule->level->names[a]);
      if (context != NULL)
        {
          int up = lm_level_get_ancestor (rule->level, a, context);

          g_string_append_c (out, ',');
          lm_table_export_append_field (out, up >= 0 ? context->names[up] : "");
        }
      if (with_changes)
        g_string_append_printf (out, ",%d,%d,%s", now ? 1 : 0,
                                (now && !entered_mask[a]) || left_mask[a] ? 1 : 0,
                                entered_mask[a] ? "entered" : left_mask[a] ? "left" : "");
      g_string_append_c (out, '\n');
    }
  return TRUE;
}
