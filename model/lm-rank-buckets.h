/* lm-rank-buckets.h — ranking bounded scores by buckets, for the
 * thousands of rankings of a Monte Carlo run
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A thread's working memory for lm_rank_buckets_descending(). */
typedef struct _LmRankBuckets LmRankBuckets;

LmRankBuckets *lm_rank_buckets_new        (void);
void           lm_rank_buckets_free       (LmRankBuckets *self);

/**
 * lm_rank_buckets_descending:
 * @self: working memory (grown as needed)
 * @values: (array length=n): the values, NAN for none
 * @n: how many
 * @out_ranks: (out caller-allocates) (array length=n): 1 for the largest,
 *   0 for NAN
 *
 * The very ranks lm_rank_descending() gives (ties to the earlier index,
 * -0.0 equal to 0.0), by another road: the values are spread over as many
 * buckets as there are values, by a monotonic map of their range, and
 * only the few that share a bucket are compared. For index scores, which
 * spread over their range, that is about three times as fast as six
 * radix passes over 64-bit keys; a Monte Carlo run ranks tens of
 * thousands of areas thousands of times.
 *
 * Returns: the number of ranked (non-NAN) values
 */
guint          lm_rank_buckets_descending (LmRankBuckets *self,
                                           const double  *values,
                                           guint          n,
                                           guint         *out_ranks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmRankBuckets, lm_rank_buckets_free)

G_END_DECLS
