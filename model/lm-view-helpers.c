/* lm-view-helpers.c — see lm-view-private.h
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lm-view-private.h"

gboolean
_lm_view_set_string (char       **field,
                     const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
_lm_view_take_strv (char ***field,
                    char  **value)
{
  guint n_old = *field != NULL ? g_strv_length (*field) : 0;
  guint n_new = value != NULL ? g_strv_length (value) : 0;

  if (n_old == n_new &&
      (n_old == 0 || g_strv_equal ((const char * const *) *field, (const char * const *) value)))
    {
      g_strfreev (value);
      return FALSE;
    }
  g_strfreev (*field);
  *field = value;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
_lm_view_sorted_set (const char **items,
                     gsize        n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (n > 0)
    qsort (items, n, sizeof (char *), compare_strings);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || strcmp (items[i], items[i - 1]) != 0)
      g_strv_builder_add (builder, items[i]);
  return g_strv_builder_end (builder);
}

LmIndexDomain *
_lm_view_find_domain (LmDataset  *dataset,
                      const char *id)
{
  g_auto(GStrv) parts = g_strsplit (id, ".", 2);
  LmIndex *index;

  if (g_strv_length (parts) != 2)
    return NULL;
  index = lm_dataset_find_index (dataset, parts[0]);
  return index != NULL ? lm_index_find_domain (index, parts[1]) : NULL;
}

const LmReportPreset *
_lm_view_find_report (LmDataset  *dataset,
                      const char *id)
{
  int r = dataset != NULL && id != NULL ? lm_dataset_find_report (dataset, id) : -1;

  return r >= 0 ? lm_dataset_get_report (dataset, (guint) r) : NULL;
}

gboolean
_lm_view_has_variable (LmDataset  *dataset,
                       const char *level_id,
                       const char *variable_id)
{
  LmLevel *level = dataset != NULL && level_id != NULL ? lm_dataset_find_level (dataset, level_id)
                                                       : NULL;

  return level != NULL && variable_id != NULL &&
         lm_level_find_variable (level, variable_id) != NULL;
}
