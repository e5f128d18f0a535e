/* fuzz-dataset.c — libFuzzer target: a whole dataset loaded from a manifest
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a manifest, loaded against the files of Quadria (the
 * made-up country of tests/lm-synthetic.c) written once into a folder of
 * their own: every limit, path rule and table check of the loader is on
 * the way. A loaded dataset must hold no infinite value anywhere (a
 * weight, a scale or a table value that overflows), and every boundary
 * layer it names must load or fail with a message.
 */
#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "lm-csv.h"
#include "lm-fuzz.h"
#include "lm-input-file.h"
#include "lm-manifest.h"
#include "lm-model.h"
#include "lm-synthetic.h"
#include "lm-test-files.h"

static char *folder;
static char *manifest_path;

static void
remove_folder (void)
{
  lm_test_remove_tree (folder);
}

static void
write_country (void)
{
  g_autofree char *quadria = NULL;

  if (folder != NULL)
    return;
  quadria = lm_synthetic_write ();
  folder = g_path_get_dirname (quadria);
  manifest_path = g_build_filename (folder, "fuzz.xml", NULL);
  atexit (remove_folder);
}

static gboolean
is_reported (const GError *error)
{
  return error->message != NULL && *error->message != '\0' &&
         (error->domain == LM_MANIFEST_ERROR || error->domain == LM_DATASET_ERROR ||
          error->domain == LM_CSV_ERROR || error->domain == LM_INPUT_FILE_ERROR ||
          error->domain == LM_SHAPE_ERROR || error->domain == G_FILE_ERROR);
}

static void
assert_finite (LmDataset *dataset)
{
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);

      for (guint v = 0; v < level->variables->len; v++)
        {
          LmVariable *variable = g_ptr_array_index (level->variables, v);

          for (guint i = 0; i < level->n_areas; i++)
            g_assert_false (isinf (variable->values[i]));
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autoptr(LmModel) model = NULL;

  lm_fuzz_init ();
  write_country ();
  if (!g_file_set_contents (manifest_path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);

  dataset = lm_dataset_load (manifest_path, folder, &error);
  if (dataset == NULL)
    {
      g_assert_true (is_reported (error));
      lm_fuzz_refused (error);
      return 0;
    }
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      g_autoptr(GError) shapes_error = NULL;

      if (!lm_dataset_ensure_shapes (dataset, lm_dataset_get_level (dataset, k), &shapes_error))
        g_assert_true (is_reported (shapes_error));
    }
  /* The index engine on whatever weights and scales were accepted. */
  model = lm_model_new (dataset);
  assert_finite (dataset);
  return 0;
}
