/* lm-rank.h — fast ranking used on every weight change
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ranks @n values so that the largest value gets rank 1 ("1 = most
 * deprived" for scores where higher is worse). Ties are broken by index:
 * the earlier area gets the better rank, so the result is deterministic.
 * NAN values get rank 0 (no rank) and do not count.
 * @scratch: NULL, or an array the caller keeps between calls.
 * Returns the number of ranked (non-NAN) values. Runs in O(n) (radix sort),
 * because a comparison sort of 33,000 values alone would spend the whole
 * 2 ms budget of a weight change. */
guint  lm_rank_descending   (const double *values,
                             guint         n,
                             guint        *out_ranks,
                             GArray       *scratch);
/* Decile of a rank among @n_ranked: 1 = ranks in the first tenth. Uses the
 * MHCLG convention decile = ceil (10 * rank / n). Rank 0 gives 0. */
guint  lm_rank_to_decile    (guint         rank,
                             guint         n_ranked);
/* Average ranks (ties share the mean of their positions), ascending
 * (smallest value gets 1), over the values where @mask is TRUE (or all
 * if NULL) and not NAN; others get NAN. Used for Spearman's rho. */
void   lm_rank_average      (const double   *values,
                             const gboolean *mask,
                             guint           n,
                             double         *out_ranks,
                             GArray         *scratch);
/* The exponential transformation of the English Indices of Deprivation:
 * X = -23 ln (1 - R (1 - e^{-100/23})), R = (n - rank + 1) / n. */
double lm_rank_exponential  (double         rank,
                             double         n);

G_END_DECLS
