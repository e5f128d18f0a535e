/* lm-dataset-files.c — which files a manifest may name, and how much
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n.h>

#include "lm-dataset-private.h"
#include "lm-input-file.h"

/* A manifest travels by e-mail with its folder, so it may only name files
 * in that folder: file="../../../etc/passwd", or a link inside the folder
 * that leads out of it, would otherwise pull any readable file into
 * exports and error messages. The check is on the real paths, every link
 * resolved, so that no spelling of a path gets round it. */

static void
set_outside_error (LmDataset   *self,
                   const char  *where,
                   const char  *file,
                   const char  *real,
                   GError     **error)
{
  g_autofree char *folder = g_filename_display_name (self->data_dir);
  g_autofree char *shown = g_filename_display_name (real);

  g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE,
               _("%s names the file “%s”, which leads outside the dataset’s folder %s (to %s); "
                 "a manifest may only name files inside its own folder"),
               where, file, folder, shown);
}

/* "<manifest>.xml, line 12": where the manifest names a file. */
static char *
describe_place (LmDataset *self,
                long       line)
{
  g_autofree char *manifest = g_filename_display_name (self->manifest_path);

  return g_strdup_printf (_("%s, line %ld"), manifest, line);
}

/**
 * _lm_dataset_resolve_file:
 * @file: a file name as the manifest gives it at @node
 * @out_real: (out) (optional): the file's real path, every link resolved
 * @error: LM_DATASET_ERROR_MISSING_FILE or LM_DATASET_ERROR_OUTSIDE,
 *   naming the manifest and line
 *
 * Returns: (transfer full) (nullable): the path to read @file from (in
 *   the data folder, as messages should name it), or %NULL
 */
char *
_lm_dataset_resolve_file (LmDataset   *self,
                          LmManifest  *manifest,
                          xmlNode     *node,
                          const char  *file,
                          char       **out_real,
                          GError     **error)
{
  g_autofree char *path = _lm_dataset_data_path (self, file);
  g_autofree char *real = NULL;

  if (lm_input_file_is_inside (self->data_dir, path, &real))
    {
      if (out_real != NULL)
        *out_real = g_steal_pointer (&real);
      return g_steal_pointer (&path);
    }
  if (real == NULL)
    g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_MISSING_FILE,
                 _("%s, line %ld names the file “%s”, which is not in %s"),
                 lm_manifest_get_path (manifest), xmlGetLineNo (node), file, self->data_dir);
  else
    {
      g_autofree char *where = describe_place (self, xmlGetLineNo (node));

      set_outside_error (self, where, file, real, error);
    }
  return NULL;
}

/* The .shp of @level, and the .shx and .dbf beside it (in either case, as
 * the shape layer looks for them), must all lead inside the folder, and
 * count towards the dataset's bytes. A missing one is left to the shape
 * layer, which names it. */
char *
_lm_dataset_resolve_shapefile (LmDataset  *self,
                               LmLevel    *level,
                               GError    **error)
{
  static const char * const extensions[] = { "shp", "SHP", "shx", "SHX", "dbf", "DBF" };
  LevelSource *source = &self->sources[level->depth];
  g_autofree char *path = _lm_dataset_data_path (self, source->shapefile);
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  g_autofree char *base = NULL;

  base = dot != NULL && (slash == NULL || dot > slash) ? g_strndup (path, dot - path)
                                                       : g_strdup (path);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *sibling = g_strconcat (base, ".", extensions[i], NULL);
      g_autofree char *real = NULL;

      if (!lm_input_file_is_inside (self->data_dir, sibling, &real) && real != NULL)
        {
          g_autofree char *where = describe_place (self, source->line);
          g_autofree char *name = g_path_get_basename (sibling);
          g_autofree char *folder = g_filename_display_name (self->data_dir);
          g_autofree char *shown = g_filename_display_name (real);

          g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE,
                       _("%s names the boundaries “%s”, whose %s leads outside the dataset’s "
                         "folder %s (to %s); a manifest may only name files inside its own "
                         "folder"),
                       where, source->shapefile, name, folder, shown);
          return NULL;
        }
      if (real != NULL && !_lm_dataset_count_bytes (self, sibling, error))
        return NULL;
    }
  return g_steal_pointer (&path);
}

/* Each distinct file read counts once towards LM_DATASET_MAX_BYTES. */
gboolean
_lm_dataset_count_bytes (LmDataset   *self,
                         const char  *path,
                         GError     **error)
{
  struct stat st;

  /* What cannot be looked at is left to the reader, which says why. */
  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  if (self->bytes_read + (guint64) st.st_size > LM_DATASET_MAX_BYTES)
    {
      g_autofree char *shown = g_filename_display_name (path);
      g_autofree char *limit = g_format_size (LM_DATASET_MAX_BYTES);

      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_LIMIT,
                   _("%s would take the files of %s past %s together, the most Levelmap reads "
                     "for one dataset"),
                   shown, self->title != NULL ? self->title : self->id, limit);
      return FALSE;
    }
  self->bytes_read += (guint64) st.st_size;
  return TRUE;
}
