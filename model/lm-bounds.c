/* lm-bounds.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-bounds.h"

G_DEFINE_BOXED_TYPE (LmBounds, lm_bounds, lm_bounds_copy, lm_bounds_free)

LmBounds *
lm_bounds_copy (const LmBounds *bounds)
{
  g_return_val_if_fail (bounds != NULL, NULL);

  return g_memdup2 (bounds, sizeof *bounds);
}

void
lm_bounds_free (LmBounds *bounds)
{
  g_free (bounds);
}

gboolean
lm_bounds_equal (const LmBounds *a,
                 const LmBounds *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->xmin == b->xmin && a->ymin == b->ymin &&
         a->xmax == b->xmax && a->ymax == b->ymax;
}

gboolean
lm_bounds_is_empty (const LmBounds *bounds)
{
  g_return_val_if_fail (bounds != NULL, TRUE);

  return !(bounds->xmin <= bounds->xmax && bounds->ymin <= bounds->ymax);
}
