/* lm-data-dir.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-data-dir.h"
#include "lm-data-dir-private.h"
#include "lm-manifest.h"

void
lm_dataset_info_free (LmDatasetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->title);
  g_free (info->manifest);
  g_free (info);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

char *
_lm_data_dir_choose (const char *option,
                     const char *env,
                     const char *configured,
                     const char *installed)
{
  if (is_set (option))
    return g_strdup (option);
  if (is_set (env))
    return g_strdup (env);
  if (is_set (configured) && g_file_test (configured, G_FILE_TEST_IS_DIR))
    return g_canonicalize_filename (configured, NULL);
  if (is_set (installed) && g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_strdup (installed);
  /* Nothing exists: report the place an installed Levelmap keeps its
   * data, so the error message tells the user where it looked. */
  return g_strdup (is_set (installed) ? installed : ".");
}

char *
lm_data_dir_find (const char *option)
{
  return _lm_data_dir_choose (option, g_getenv ("LEVELMAP_DATA_DIR"), LM_CONFIGURED_DATA_DIR,
                              LM_INSTALLED_DATA_DIR);
}

GStrv
lm_data_dir_get_manifest_dirs (const char *data_root)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *env = g_getenv ("LEVELMAP_MANIFEST_DIR");

  if (is_set (env))
    {
      g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        if (*dirs[i] != '\0')
          g_strv_builder_add (builder, dirs[i]);
    }
  g_strv_builder_add (builder, LM_INSTALLED_MANIFEST_DIR);
  if (is_set (data_root))
    g_strv_builder_add (builder, data_root);
  return g_strv_builder_end (builder);
}

char *
lm_data_dir_find_manifest (const char *id,
                           const char *data_root)
{
  g_autofree char *file = NULL;
  g_auto(GStrv) dirs = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  file = g_strconcat (id, ".xml", NULL);
  dirs = lm_data_dir_get_manifest_dirs (data_root);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The manifests of one folder, by file name. */
static GPtrArray *
list_manifests (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".xml") && strlen (name) > strlen (".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static LmDatasetInfo *
read_info (const char *dir,
           const char *name,
           const char *data_root)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = NULL;
  LmDatasetInfo *info;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  manifest = lm_manifest_load (path, &error);
  if (manifest == NULL)
    {
      /* A data folder may hold other XML; a broken manifest is reported
       * when it is opened by name or path. */
      g_debug ("Not offering %s: %s", path, error->message);
      return NULL;
    }
  info = g_new0 (LmDatasetInfo, 1);
  info->id = g_strndup (name, strlen (name) - strlen (".xml"));
  info->title = lm_manifest_get (lm_manifest_get_root (manifest), "title");
  if (!is_set (info->title))
    {
      g_free (info->title);
      info->title = g_strdup (info->id);
    }
  info->manifest = g_steal_pointer (&path);
  if (is_set (data_root))
    {
      g_autofree char *data = g_build_filename (data_root, info->id, NULL);
      info->available = g_file_test (data, G_FILE_TEST_IS_DIR);
    }
  return info;
}

GPtrArray *
lm_data_dir_list_datasets (const char *data_root)
{
  GPtrArray *datasets = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_dataset_info_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) dirs = lm_data_dir_get_manifest_dirs (data_root);

  for (guint d = 0; dirs[d] != NULL; d++)
    {
      g_autoptr(GPtrArray) names = list_manifests (dirs[d]);

      for (guint i = 0; i < names->len; i++)
        {
          LmDatasetInfo *info = read_info (dirs[d], g_ptr_array_index (names, i), data_root);

          if (info == NULL)
            continue;
          if (!g_hash_table_add (seen, g_strdup (info->id)))
            {
              lm_dataset_info_free (info);
              continue;
            }
          g_ptr_array_add (datasets, info);
        }
    }
  return datasets;
}

char *
lm_data_dir_get_default_dataset (const char *data_root)
{
  g_autoptr(GPtrArray) datasets = lm_data_dir_list_datasets (data_root);

  for (guint i = 0; i < datasets->len; i++)
    {
      LmDatasetInfo *info = g_ptr_array_index (datasets, i);
      if (info->available)
        return g_strdup (info->id);
    }
  return datasets->len > 0 ? g_strdup (((LmDatasetInfo *) g_ptr_array_index (datasets, 0))->id)
                           : NULL;
}
