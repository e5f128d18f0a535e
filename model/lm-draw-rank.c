/* lm-draw-rank.c — ranking for the Monte Carlo draws
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-draw-rank.h"
#include "lm-rank.h"
#include "lm-rank-private.h"

/* A run ranks every level of every index in every draw, and
 * lm_rank_descending()'s six passes over 16-byte entries were half of
 * its time. Here each value gets a 22-bit short key, its distance below
 * the draw's largest value scaled to 0 .. 2^22 - 1: two 11-bit passes
 * over 8-byte entries. Subtracting, multiplying and truncating are each
 * monotonic in IEEE arithmetic, so the short keys keep the order but
 * can merge neighbours; a run of equal short keys is then put in order
 * by lm-rank.c's full 64-bit key, so that the ranks are
 * lm_rank_descending()'s to the last tie. Ranking 33,755 scores this
 * way took half the time, whether they were all positive or z-scores;
 * cutting lm-rank.c's key to its top bits instead was as fast on the
 * first but no faster than lm_rank_descending() on the second, whose
 * keys spend most of their range on tiny magnitudes. */
#define DRAW_BITS    11
#define DRAW_SIZE    (1u << DRAW_BITS)
#define DRAW_MASK    (DRAW_SIZE - 1)
#define DRAW_PASSES  2
#define DRAW_TOP     ((1u << (DRAW_PASSES * DRAW_BITS)) - 1)  /* the largest short key */
#define HIST_BYTES   (DRAW_PASSES * DRAW_SIZE * sizeof (guint32))
/* Longer runs of merged keys are sorted rather than inserted. */
#define INSERT_MAX   32

#define SIGN_BIT     G_GUINT64_CONSTANT (0x8000000000000000)

typedef struct
{
  guint32 key;
  guint32 index;
} Entry;

G_STATIC_ASSERT (HIST_BYTES % sizeof (Entry) == 0);

/* lm-rank.c's key, inverted so that the largest value comes first. */
static inline guint64
full_key (double value)
{
  guint64 bits;

  value += 0.0;  /* -0.0 and 0.0 tie */
  memcpy (&bits, &value, sizeof bits);

  return ~(bits ^ ((guint64) -(gint64) (bits >> 63) | SIGN_BIT));
}

typedef struct
{
  const double *values;
  double        top;    /* the largest value */
  double        scale;  /* short keys per unit */
} ShortKeys;

static inline guint32
short_key (const ShortKeys *keys,
           double           value)
{
  return (guint32) MIN ((keys->top - value) * keys->scale, (double) DRAW_TOP);
}

static inline guint
digit (guint32 key,
       guint   pass)
{
  return (key >> (pass * DRAW_BITS)) & DRAW_MASK;
}

static int
compare_full (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const double *values = data;
  const Entry *ea = a;
  const Entry *eb = b;
  guint64 ka = full_key (values[ea->index]);
  guint64 kb = full_key (values[eb->index]);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

/* @group holds entries with one short key, in index order; puts them in
 * the order of their full keys, keeping index order among equal ones. */
static void
order_group (const double *values,
             Entry        *group,
             guint         n)
{
  guint64 previous = full_key (values[group[0].index]);
  guint t;

  /* Exact ties (equal scores) are the common case: nothing to move. */
  for (t = 1; t < n; t++)
    {
      guint64 key = full_key (values[group[t].index]);

      if (key < previous)
        break;
      previous = key;
    }
  if (t == n)
    return;

  if (n > INSERT_MAX)
    {
      g_qsort_with_data (group, (gint) n, sizeof (Entry), compare_full, (gpointer) values);
      return;
    }
  for (t = 1; t < n; t++)
    {
      Entry entry = group[t];
      guint64 key = full_key (values[entry.index]);
      guint s = t;

      for (; s > 0 && full_key (values[group[s - 1].index]) > key; s--)
        group[s] = group[s - 1];
      group[s] = entry;
    }
}

/* Stable LSD radix sort of the short keys, ping-ponging between @a and
 * @b; returns the buffer that holds the result. */
static Entry *
sort_short (const ShortKeys *keys,
            guint            n,
            guint            count,
            guint32         *hist,
            Entry           *a,
            Entry           *b)
{
  guint32 first = 0;
  gboolean have_first = FALSE;
  guint passes[DRAW_PASSES];
  guint n_passes = 0;

  memset (hist, 0, HIST_BYTES);
  for (guint i = 0; i < n; i++)
    {
      guint32 key;

      if (isnan (keys->values[i]))
        continue;
      key = short_key (keys, keys->values[i]);
      if (!have_first)
        first = key, have_first = TRUE;
      hist[0 * DRAW_SIZE + digit (key, 0)]++;
      hist[1 * DRAW_SIZE + digit (key, 1)]++;
    }
  for (guint p = 0; p < DRAW_PASSES; p++)
    if (hist[p * DRAW_SIZE + digit (first, p)] != count)
      passes[n_passes++] = p;
  /* The largest value's key is 0 and the smallest's DRAW_TOP. */
  g_assert (n_passes > 0);

  for (guint q = 0; q < n_passes; q++)
    {
      guint32 *offsets = hist + passes[q] * DRAW_SIZE;
      guint p = passes[q];
      guint32 sum = 0;
      Entry *swap;

      for (guint d = 0; d < DRAW_SIZE; d++)
        {
          guint32 c = offsets[d];

          offsets[d] = sum;
          sum += c;
        }
      if (q == 0)
        {
          /* The first pass reads the values: no pass only copies them. */
          for (guint i = 0; i < n; i++)
            {
              guint32 key;

              if (isnan (keys->values[i]))
                continue;
              key = short_key (keys, keys->values[i]);
              b[offsets[digit (key, p)]++] = (Entry) { key, i };
            }
        }
      else
        {
          for (guint i = 0; i < count; i++)
            b[offsets[digit (a[i].key, p)]++] = a[i];
        }
      swap = a;
      a = b;
      b = swap;
    }
  return a;
}

guint
lm_draw_rank_descending (const double *values,
                         guint         n,
                         guint        *out_ranks,
                         GArray       *scratch)
{
  ShortKeys keys = { values, -INFINITY, 0 };
  double bottom = INFINITY;
  guint count = 0;
  gpointer to_free;
  guint32 *hist;
  Entry *sorted;

  g_return_val_if_fail (n == 0 || values != NULL, 0);
  g_return_val_if_fail (n == 0 || out_ranks != NULL, 0);

  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        {
          out_ranks[i] = 0;
          continue;
        }
      keys.top = MAX (keys.top, values[i]);
      bottom = MIN (bottom, values[i]);
      count++;
    }
  if (count == 0)
    return 0;
  if (keys.top == bottom)
    {
      /* All equal (the two zeros too): index order. */
      for (guint i = 0, r = 0; i < n; i++)
        if (!isnan (values[i]))
          out_ranks[i] = ++r;
      return count;
    }
  keys.scale = DRAW_TOP / (keys.top - bottom);
  /* Infinities, or a span too wide or too narrow for doubles. */
  if (!isfinite (keys.top - bottom) || !isfinite (keys.scale) || keys.scale == 0)
    return lm_rank_descending (values, n, out_ranks, scratch);

  hist = _lm_rank_reserve (scratch, HIST_BYTES + 2 * (gsize) count * sizeof (Entry), &to_free);
  sorted = sort_short (&keys, n, count, hist, (Entry *) (hist + DRAW_PASSES * DRAW_SIZE),
                       (Entry *) (hist + DRAW_PASSES * DRAW_SIZE) + count);

  for (guint i = 0, j; i < count; i = j)
    {
      for (j = i + 1; j < count && sorted[j].key == sorted[i].key; j++)
        ;
      if (j - i > 1)
        order_group (values, sorted + i, j - i);
      for (guint t = i; t < j; t++)
        out_ranks[sorted[t].index] = t + 1;
    }
  g_free (to_free);
  return count;
}
