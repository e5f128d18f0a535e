/* lm-data-dir.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-data-dir.h"

char *
lm_data_dir_find (const char *option)
{
  const char *env = g_getenv ("LEVELMAP_DATA_DIR");

  if (option != NULL && *option != '\0')
    return g_strdup (option);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (LM_CONFIGURED_DATA_DIR, G_FILE_TEST_IS_DIR))
    return g_canonicalize_filename (LM_CONFIGURED_DATA_DIR, NULL);
  if (g_file_test (LM_INSTALLED_DATA_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (LM_INSTALLED_DATA_DIR);
  /* Nothing exists: report the configured place, so the error message
   * tells the user where Levelmap looked. */
  return g_canonicalize_filename (LM_CONFIGURED_DATA_DIR, NULL);
}

char *
lm_data_dir_find_manifest (const char *id)
{
  g_autofree char *file = g_strconcat (id, ".xml", NULL);
  const char *dirs[] = { LM_SOURCE_MANIFEST_DIR, LM_INSTALLED_MANIFEST_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
