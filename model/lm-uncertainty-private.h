/* lm-uncertainty-private.h — the Monte Carlo run's steps, for the tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The 5th, 50th and 95th percentiles of the @m values (all from @lo to
 * @hi, reordered) by the inverse of their empirical distribution
 * function: the ceil (m p)-th smallest. @counts holds hi - lo + 1 zeros
 * and is left so. Counts when the span is small for @m, else selects. */
void _lm_uncertainty_percentiles (guint32 *values,
                                  guint    m,
                                  guint32  lo,
                                  guint32  hi,
                                  guint32 *counts,
                                  double  *out);

/* The most bytes of kept ranks one pass over the draws holds; indices
 * beyond it are kept in further passes. Tests lower it to run those. */
extern gsize _lm_uncertainty_keep_budget;

G_END_DECLS
