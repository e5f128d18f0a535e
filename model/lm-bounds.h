/* lm-bounds.h — an axis-aligned rectangle in a layer's own coordinates
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Coordinates are the layer's own (British National Grid metres for the
 * English data); a rectangle with xmin > xmax is empty. */
typedef struct
{
  double xmin;
  double ymin;
  double xmax;
  double ymax;
} LmBounds;

#define LM_TYPE_BOUNDS (lm_bounds_get_type ())

GType     lm_bounds_get_type  (void) G_GNUC_CONST;
LmBounds *lm_bounds_copy      (const LmBounds *bounds);
void      lm_bounds_free      (LmBounds       *bounds);
/* NULL equals NULL; otherwise every coordinate must be equal. */
gboolean  lm_bounds_equal     (const LmBounds *a,
                               const LmBounds *b);
gboolean  lm_bounds_is_empty  (const LmBounds *bounds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmBounds, lm_bounds_free)

G_END_DECLS
