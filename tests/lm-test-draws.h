/* lm-test-draws.h — datasets and shares for the Monte Carlo tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <glib.h>

#include "lm-dataset.h"
#include "lm-synthetic.h"

/* Quadria, written to a new folder; @out_manifest is its manifest, for
 * lm_synthetic_remove(). */
static inline LmDataset *
lm_test_load_quadria (char **out_manifest)
{
  g_autoptr(GError) error = NULL;
  char *manifest = lm_synthetic_write ();
  g_autofree char *dir = g_path_get_dirname (manifest);
  LmDataset *dataset = lm_dataset_load (manifest, dir, &error);

  g_assert_no_error (error);
  *out_manifest = manifest;
  return dataset;
}

/* The vintage @id from $LEVELMAP_DATA_DIR, as a dataset without a model. */
static inline LmDataset *
lm_test_load_dataset (const char *id)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("LEVELMAP_DATA_DIR");
  LmDataset *dataset;

  g_assert_nonnull (root);
  dataset = lm_dataset_open (id, root, &error);
  g_assert_no_error (error);
  return dataset;
}

/* Within @k standard errors of a share estimated from @n draws. */
static inline void
lm_test_assert_share (double observed,
                      double expected,
                      guint  n,
                      double k)
{
  double se = sqrt (expected * (1 - expected) / n);

  if (fabs (observed - expected) > k * se + 1e-12)
    g_error ("share %.5f is %.1f standard errors from %.5f", observed,
             fabs (observed - expected) / se, expected);
}
