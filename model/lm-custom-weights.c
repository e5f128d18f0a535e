/* lm-custom-weights.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-custom-weights.h"

static double
default_sum (LmIndex *index)
{
  double sum = 0;

  for (guint d = 0; d < index->domains->len; d++)
    sum += ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->default_weight;
  return sum;
}

char *
lm_custom_weights_describe (LmModel *model)
{
  g_autoptr(GString) text = g_string_new (NULL);
  LmDataset *dataset;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  dataset = lm_model_get_dataset (model);
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      double sum = lm_index_get_weight_sum (index);
      double official_sum = default_sum (index);
      g_autofree char *name = g_ascii_strup (index->id, -1);
      gboolean first = TRUE;

      if (lm_index_weights_are_default (index))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s: ", name);
      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          double share = sum > 0 ? 100 * domain->weight / sum : 0;
          double official = official_sum > 0 ? 100 * domain->default_weight / official_sum : 0;

          if (domain->weight == domain->default_weight)
            continue;
          if (!first)
            g_string_append (text, ", ");
          /* Translators: a changed domain weight and the official one,
           * "Income 28.9% (official 22.5%)" */
          g_string_append_printf (text, _("%s %.1f%% (official %.1f%%)"), domain->title, share,
                                  official);
          first = FALSE;
        }
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
