/* lm-rank-buckets.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-rank.h"
#include "lm-rank-buckets.h"

/* Buckets at most this full are put in order by insertion; fuller ones
 * (many equal values) by a comparison sort. */
#define INSERTION_MAX 24

struct _LmRankBuckets
{
  guint    size;
  guint32 *bucket;   /* per value */
  guint32 *start;    /* per bucket, + 1 */
  guint32 *order;    /* the values' indices, in rank order */
  GArray  *radix;    /* for lm_rank_descending() when buckets cannot work */
};


LmRankBuckets *
lm_rank_buckets_new (void)
{
  LmRankBuckets *self = g_new0 (LmRankBuckets, 1);

  self->radix = g_array_new (FALSE, FALSE, sizeof (guint64));
  return self;
}

void
lm_rank_buckets_free (LmRankBuckets *self)
{
  if (self == NULL)
    return;
  g_free (self->bucket);
  g_free (self->start);
  g_free (self->order);
  g_array_unref (self->radix);
  g_free (self);
}

static void
reserve (LmRankBuckets *self,
         guint          n)
{
  if (n <= self->size)
    return;
  self->size = n;
  self->bucket = g_renew (guint32, self->bucket, n);
  self->start = g_renew (guint32, self->start, n + 1);
  self->order = g_renew (guint32, self->order, n);
}

/* Larger value first, then the earlier index: the order
 * lm_rank_descending() gives. (-0.0 == 0.0 here, as there.) */
static int
compare_indices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const double *values = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (values[x] != values[y])
    return values[x] > values[y] ? -1 : 1;
  return (x > y) - (x < y);
}

/* Indices arrive in increasing order, so moving only past strictly
 * smaller values keeps ties in index order. */
static void
insertion_sort (const double *values,
                guint32      *order,
                guint         n)
{
  for (guint i = 1; i < n; i++)
    {
      guint32 index = order[i];
      double value = values[index];
      guint j = i;

      for (; j > 0 && values[order[j - 1]] < value; j--)
        order[j] = order[j - 1];
      order[j] = index;
    }
}

guint
lm_rank_buckets_descending (LmRankBuckets *self,
                            const double  *values,
                            guint          n,
                            guint         *out_ranks)
{
  double lo = INFINITY, hi = -INFINITY, scale;
  guint count = 0, n_buckets;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
        count++;
      }
  /* All equal (one bucket) or unbounded: the radix sort is as good. */
  if (count == 0 || !(hi > lo) || !isfinite (hi - lo))
    return lm_rank_descending (values, n, out_ranks, self->radix);

  reserve (self, n);
  n_buckets = count;
  scale = n_buckets / (hi - lo);
  for (guint b = 0; b <= n_buckets; b++)
    self->start[b] = 0;
  /* Bucket 0 holds the largest values. hi - v and the product only grow
   * as v falls (IEEE rounding is monotonic), so a larger value never
   * lands in a later bucket. -0.0 and 0.0 get the same bucket. */
  for (guint i = 0; i < n; i++)
    {
      double v = values[i];
      guint32 b;

      if (isnan (v))
        {
          out_ranks[i] = 0;
          continue;
        }
      b = (guint32) MIN ((hi - v) * scale, (double) (n_buckets - 1));
      self->bucket[i] = b;
      self->start[b + 1]++;
    }
  for (guint b = 0; b < n_buckets; b++)
    self->start[b + 1] += self->start[b];
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      self->order[self->start[self->bucket[i]]++] = i;
  /* start[b] is now where bucket b + 1 begins. */
  for (guint b = 0, first = 0; b < n_buckets; first = self->start[b++])
    {
      guint size = self->start[b] - first;

      if (size > INSERTION_MAX)
        g_qsort_with_data (self->order + first, (gint) size, sizeof (guint32), compare_indices,
                           (gpointer) values);
      else if (size > 1)
        insertion_sort (values, self->order + first, size);
    }
  for (guint r = 0; r < count; r++)
    out_ranks[self->order[r]] = r + 1;
  return count;
}
