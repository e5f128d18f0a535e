/* lm-cli-compare.c — the command line's comparison of two vintages
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "lm-cli-private.h"

gboolean
_lm_cli_compare_dataset (const LmCliOptions  *options,
                         const char          *data_root,
                         char               **out_dataset,
                         GError             **error)
{
  g_autoptr(LmComparison) comparison = NULL;

  *out_dataset = NULL;
  if (options->compare == NULL || options->dataset != NULL)
    return TRUE;
  comparison = lm_comparison_open (options->compare, data_root, error);
  if (comparison == NULL)
    return FALSE;
  *out_dataset = g_strdup (lm_comparison_get_after_id (comparison));
  return TRUE;
}

LmComparison *
_lm_cli_run_compare (LmModel             *model,
                     const LmCliOptions  *options,
                     const char          *data_root,
                     GError             **error)
{
  g_autoptr(LmComparison) comparison = lm_comparison_open (options->compare, data_root, error);

  if (comparison == NULL || !lm_comparison_run (comparison, NULL, error) ||
      !lm_comparison_apply (comparison, lm_model_get_dataset (model), error))
    return NULL;
  lm_model_notify_variables_changed (model);
  return g_steal_pointer (&comparison);
}

static void
print_areas (LmComparison *comparison,
             const char   *key,
             const char   *flag)
{
  LmVariable *variable = lm_comparison_find_variable (comparison, flag);
  LmLevel *level = lm_comparison_get_level (comparison);
  guint n = 0;

  for (guint a = 0; variable != NULL && a < level->n_areas; a++)
    n += variable->values[a] == 1;
  printf ("%s: %u\n", key, n);
  for (guint a = 0; variable != NULL && a < level->n_areas; a++)
    if (variable->values[a] == 1)
      printf ("%s_area: %s %s\n", key, level->codes[a], level->names[a]);
}

int
_lm_cli_print_compare (LmComparison *comparison)
{
  LmLevel *level = lm_comparison_get_level (comparison);

  printf ("comparison: %s\nbefore: %s\nafter: %s\nlevel: %s\nareas: %u\n",
          lm_comparison_get_id (comparison), lm_comparison_get_before_id (comparison),
          lm_comparison_get_after_id (comparison), level->id, level->n_areas);
  print_areas (comparison, "entered_decile1", "imd_decile1_entered");
  print_areas (comparison, "left_decile1", "imd_decile1_left");
  if (!isnan (lm_comparison_get_national_share (comparison, FALSE)))
    printf ("left_behind_share_before: %.3f\nleft_behind_share_after: %.3f\n",
            lm_comparison_get_national_share (comparison, FALSE),
            lm_comparison_get_national_share (comparison, TRUE));
  return 0;
}
