/* lm-test-data.h — loading the reference data in tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>
#include <glib.h>

#include "lm-model.h"

/* The vintage @id from $LEVELMAP_DATA_DIR (set by meson to the configured
 * data folder). The tests that need the data fail, not skip, without it:
 * CI must prove the numbers on the real files. */
static inline LmModel *
lm_test_load_model (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  const char *root = g_getenv ("LEVELMAP_DATA_DIR");

  g_assert_nonnull (root);
  dataset = lm_dataset_open (id, root, &error);
  g_assert_no_error (error);
  return lm_model_new (dataset);
}

static inline LmVariable *
lm_test_variable (LmModel    *model,
                  const char *level,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  LmVariable *variable = lm_model_find_variable (model, level, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (variable);
  return variable;
}

/* Share of areas where @a equals @b exactly, among those where both are
 * present, and the largest absolute difference. */
static inline double
lm_test_agreement (const LmVariable *a,
                   const LmVariable *b,
                   double           *out_max_diff,
                   guint            *out_n)
{
  guint n = 0, same = 0;
  double max_diff = 0;

  for (guint i = 0; i < a->level->n_areas; i++)
    {
      double x = a->values[i], y = b->values[i];
      if (isnan (x) || isnan (y))
        continue;
      n++;
      if (x == y)
        same++;
      max_diff = MAX (max_diff, fabs (x - y));
    }
  if (out_max_diff)
    *out_max_diff = max_diff;
  if (out_n)
    *out_n = n;
  return n > 0 ? (double) same / n : 0;
}
