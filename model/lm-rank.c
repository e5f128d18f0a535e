/* lm-rank.c — fast ranking used on every weight change
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-parallel.h"
#include "lm-rank.h"
#include "lm-rank-private.h"

/* An LSD radix sort over 64-bit keys in 11-bit digits: six passes, with
 * all six histograms in 48 KiB. Ranking 33,755 scores, 8-bit digits
 * (eight passes) and 16-bit digits (four passes, but 256 KiB of counters
 * to clear and sum) both measured about a third slower. */
#define RADIX_BITS   11
#define RADIX_SIZE   (1u << RADIX_BITS)
#define RADIX_MASK   ((guint64) RADIX_SIZE - 1)
#define RADIX_PASSES 6  /* 6 × 11 ≥ 64 */
#define HIST_BYTES   (RADIX_PASSES * RADIX_SIZE * sizeof (guint32))

#define SIGN_BIT     G_GUINT64_CONSTANT (0x8000000000000000)

typedef struct
{
  guint64 key;
  guint32 index;
} RadixEntry;

/* Large inputs are ranked by buckets of their keys' leading bits
 * instead (see rank_by_buckets()). */
#define BUCKET_MIN_N  8192
#define BUCKET_BITS   15
#define N_BUCKETS     (1u << BUCKET_BITS)
#define BUCKET_BYTES  (N_BUCKETS * sizeof (guint32))
#define SCRATCH_HEAD  MAX (HIST_BYTES, BUCKET_BYTES)
/* From this many keys on, the buckets are sorted on two cores. */
#define PARALLEL_MIN_N 200000

G_STATIC_ASSERT (HIST_BYTES % sizeof (RadixEntry) == 0);
G_STATIC_ASSERT (BUCKET_BYTES % sizeof (RadixEntry) == 0);
G_STATIC_ASSERT (RADIX_PASSES == 6);  /* the histogram loop is unrolled */

/* Maps a double to an unsigned key with the same order: positive values
 * have their sign bit set so they sort above negatives, and negative
 * values have all bits flipped so that larger magnitudes sort lower. */
static inline guint64
double_to_key (double value)
{
  guint64 bits;

  /* -0.0 + 0.0 is +0.0, so the two zeros get one key and tie, as they
   * would under a comparison sort. */
  value += 0.0;
  memcpy (&bits, &value, sizeof bits);

  return bits ^ ((guint64) -(gint64) (bits >> 63) | SIGN_BIT);
}

static inline double
key_to_double (guint64 key)
{
  guint64 bits = (key & SIGN_BIT) ? key ^ SIGN_BIT : ~key;
  double value;

  memcpy (&value, &bits, sizeof value);

  return value;
}

/* Where the keys come from: the values where @mask (if any) is TRUE and
 * that are not NAN, each key XORed with @flip (all ones to sort largest
 * first). */
typedef struct
{
  const double   *values;
  const gboolean *mask;
  guint           n;
  guint64         flip;
} KeySource;

static inline gboolean
get_key (const KeySource *source,
         guint            i,
         guint64         *out_key)
{
  if ((source->mask != NULL && !source->mask[i]) || isnan (source->values[i]))
    return FALSE;

  *out_key = double_to_key (source->values[i]) ^ source->flip;

  return TRUE;
}

static inline guint
digit (guint64 key,
       guint   pass)
{
  return (guint) ((key >> (pass * RADIX_BITS)) & RADIX_MASK);
}

/* Sorts the keys of @source stably, ties in index order, ping-ponging
 * between @a and @b (n entries each). The first pass reads the values
 * directly, so no pass is spent copying them into entries. If @out_ranks
 * is not NULL, the last pass writes each entry's position + 1 there
 * instead of moving it, and NULL is returned; otherwise the buffer that
 * holds the sorted entries. Entries left out get no rank and are not
 * touched. */
static RadixEntry *
radix_sort (const KeySource *source,
            guint32         *hist,
            RadixEntry      *a,
            RadixEntry      *b,
            guint           *out_count,
            guint           *out_ranks)
{
  guint passes[RADIX_PASSES];
  guint n_passes = 0;
  guint64 first_key = 0;
  guint count = 0;

  memset (hist, 0, HIST_BYTES);

  for (guint i = 0; i < source->n; i++)
    {
      guint64 key;

      if (!get_key (source, i, &key))
        continue;

      if (count++ == 0)
        first_key = key;

      /* Unrolled by hand: as a loop, the variable shifts made this the
       * slowest part of the sort. */
      hist[0 * RADIX_SIZE + digit (key, 0)]++;
      hist[1 * RADIX_SIZE + digit (key, 1)]++;
      hist[2 * RADIX_SIZE + digit (key, 2)]++;
      hist[3 * RADIX_SIZE + digit (key, 3)]++;
      hist[4 * RADIX_SIZE + digit (key, 4)]++;
      hist[5 * RADIX_SIZE + digit (key, 5)]++;
    }
  *out_count = count;

  for (guint p = 0; p < RADIX_PASSES; p++)
    {
      /* Values of similar size share their sign and exponent, so the top
       * digit is often the same for all of them and its pass would only
       * copy the array. */
      if (hist[p * RADIX_SIZE + digit (first_key, p)] != count)
        passes[n_passes++] = p;
    }

  if (n_passes == 0)
    {
      /* All keys are equal (or there are fewer than two): index order. */
      for (guint i = 0, r = 0; i < source->n; i++)
        {
          guint64 key;

          if (!get_key (source, i, &key))
            continue;

          if (out_ranks != NULL)
            out_ranks[i] = r + 1;
          else
            a[r] = (RadixEntry) { key, i };
          r++;
        }

      return out_ranks != NULL ? NULL : a;
    }

  for (guint q = 0; q < n_passes; q++)
    {
      guint p = passes[q];
      guint32 *offsets = hist + p * RADIX_SIZE;
      gboolean last = q + 1 == n_passes;
      guint32 sum = 0;
      RadixEntry *swap;

      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          guint32 c = offsets[d];

          offsets[d] = sum;
          sum += c;
        }

      if (q == 0)
        {
          for (guint i = 0; i < source->n; i++)
            {
              guint64 key;

              if (!get_key (source, i, &key))
                continue;

              if (last && out_ranks != NULL)
                out_ranks[i] = ++offsets[digit (key, p)];
              else
                b[offsets[digit (key, p)]++] = (RadixEntry) { key, i };
            }
        }
      else if (last && out_ranks != NULL)
        {
          for (guint i = 0; i < count; i++)
            out_ranks[a[i].index] = ++offsets[digit (a[i].key, p)];
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

  return out_ranks != NULL ? NULL : a;
}

gsize
_lm_rank_buffer_size (guint n)
{
  return SCRATCH_HEAD + 2 * (gsize) n * sizeof (RadixEntry);
}

gpointer
_lm_rank_reserve (GArray   *scratch,
                  gsize     size,
                  gpointer *to_free)
{
  guint element_size;
  gsize n_elements;

  g_assert (to_free != NULL);

  *to_free = NULL;

  if (scratch == NULL)
    {
      *to_free = g_malloc (MAX (size, 1));
      return *to_free;
    }

  element_size = g_array_get_element_size (scratch);
  n_elements = (size + element_size - 1) / element_size;
  g_assert (n_elements <= G_MAXUINT);

  if (scratch->len < n_elements)
    g_array_set_size (scratch, (guint) n_elements);

  /* GArray keeps its data in one g_realloc()ed block, which malloc aligns
   * for any type. */
  return scratch->data;
}

static void
split_buffer (gpointer     buffer,
              guint        n,
              guint32    **hist,
              RadixEntry **entries,
              RadixEntry **tmp)
{
  *hist = buffer;
  *entries = (RadixEntry *) ((char *) buffer + SCRATCH_HEAD);
  *tmp = *entries + n;
}

static inline gboolean
entry_before (const RadixEntry *x,
              const RadixEntry *y)
{
  return x->key < y->key || (x->key == y->key && x->index < y->index);
}

/* Sorts @n entries by key, ties by index: insertion sort for a few,
 * quickest on them; else merge sort through @tmp (@n entries), with the
 * comparison inlined. g_qsort_with_data(), calling back for every
 * comparison and copying entries byte by byte, was most of a recompute
 * at 250,000 areas, whose scores crowd into some buckets. */
static void
sort_entries (RadixEntry *entries,
              guint       n,
              RadixEntry *tmp)
{
  guint half;

  if (n <= 32)
    {
      for (guint i = 1; i < n; i++)
        {
          RadixEntry e = entries[i];
          guint j = i;

          while (j > 0 && entry_before (&e, &entries[j - 1]))
            {
              entries[j] = entries[j - 1];
              j--;
            }
          entries[j] = e;
        }
      return;
    }
  half = n / 2;
  sort_entries (entries, half, tmp);
  sort_entries (entries + half, n - half, tmp);
  if (entry_before (&entries[half - 1], &entries[half]))
    return;
  memcpy (tmp, entries, half * sizeof (RadixEntry));
  for (guint i = 0, a = 0, b = half; a < half; i++)
    {
      if (b < n && entry_before (&entries[b], &tmp[a]))
        entries[i] = entries[b++];
      else
        entries[i] = tmp[a++];
    }
}

/* Buckets @first to @last - 1 of a scatter, whose entries start at
 * @start: sorted, and their ranks written. */
typedef struct
{
  const guint32 *ends;      /* counts[b]: where bucket b + 1 starts */
  RadixEntry    *entries;
  RadixEntry    *tmp;
  guint         *out_ranks;
  guint          first[2], last[2], start[2];
} BucketHalves;

static void
sort_bucket_half (guint    h,
                  gpointer data)
{
  BucketHalves *halves = data;
  guint start = halves->start[h];

  for (guint b = halves->first[h]; b < halves->last[h]; b++)
    {
      guint end = halves->ends[b];

      sort_entries (halves->entries + start, end - start, halves->tmp + start);
      start = end;
    }
  for (guint i = halves->start[h]; i < start; i++)
    halves->out_ranks[halves->entries[i].index] = i + 1;
}

/* Sorts the buckets of a scatter (@ends[b]: where bucket b + 1 starts)
 * and ranks their @count entries: on two cores from a quarter of a
 * million keys on, where the sorting is a few milliseconds, each core
 * taking the buckets of half the entries. */
static void
sort_buckets (const guint32 *ends,
              guint          count,
              RadixEntry    *entries,
              RadixEntry    *tmp,
              guint         *out_ranks)
{
  BucketHalves halves = { ends, entries, tmp, out_ranks, { 0, 0 }, { N_BUCKETS, N_BUCKETS },
                          { 0, 0 } };
  guint split = 0;

  if (count < PARALLEL_MIN_N || g_get_num_processors () < 2)
    {
      sort_bucket_half (0, &halves);
      return;
    }
  while (split < N_BUCKETS - 1 && ends[split] < count / 2)
    split++;
  halves.last[0] = split + 1;
  halves.first[1] = split + 1;
  halves.start[1] = ends[split];
  lm_parallel_for (2, sort_bucket_half, &halves);
}

/* Ranks many keys in two passes over them and one scatter, rather than
 * a radix sort's five or six: the keys are put in buckets by their
 * leading bits above the smallest key (in index order, so ties stay in
 * index order), then each bucket, a handful of keys on average, is
 * sorted on its own. At 250,000 areas this halves the time of a rank,
 * most of a recompute's. Writes each key's position + 1 to @out_ranks
 * and returns the number ranked. */
static guint
rank_by_buckets (const KeySource *source,
                 guint32         *counts,
                 RadixEntry      *entries,
                 RadixEntry      *tmp,
                 guint           *out_ranks)
{
  guint64 low = G_MAXUINT64, high = 0;
  guint count = 0;
  guint shift = 0;

  for (guint i = 0; i < source->n; i++)
    {
      guint64 key;

      if (!get_key (source, i, &key))
        continue;
      low = MIN (low, key);
      high = MAX (high, key);
      count++;
    }
  if (count == 0)
    return 0;
  while (((high - low) >> shift) >= N_BUCKETS)
    shift++;

  memset (counts, 0, BUCKET_BYTES);
  for (guint i = 0; i < source->n; i++)
    {
      guint64 key;

      if (get_key (source, i, &key))
        counts[(key - low) >> shift]++;
    }
  for (guint b = 0, sum = 0; b < N_BUCKETS; b++)
    {
      guint32 c = counts[b];

      counts[b] = sum;
      sum += c;
    }
  for (guint i = 0; i < source->n; i++)
    {
      guint64 key;

      if (get_key (source, i, &key))
        entries[counts[(key - low) >> shift]++] = (RadixEntry) { key, i };
    }

  sort_buckets (counts, count, entries, tmp, out_ranks);
  return count;
}

/**
 * lm_rank_descending:
 * @values: (array length=n): the values to rank, NAN for missing
 * @n: the number of values
 * @out_ranks: (array length=n) (out caller-allocates): the ranks
 * @scratch: (nullable): working memory kept by the caller between calls
 *
 * Ranks the values, 1 for the largest, ties broken by index.
 *
 * Returns: the number of ranked values.
 */
guint
lm_rank_descending (const double *values,
                    guint         n,
                    guint        *out_ranks,
                    GArray       *scratch)
{
  KeySource source = { values, NULL, n, G_MAXUINT64 };
  gpointer to_free;
  guint32 *hist;
  RadixEntry *entries;
  RadixEntry *tmp;
  guint count;

  g_return_val_if_fail (n == 0 || values != NULL, 0);
  g_return_val_if_fail (n == 0 || out_ranks != NULL, 0);

  if (n == 0)
    return 0;

  split_buffer (_lm_rank_reserve (scratch, _lm_rank_buffer_size (n), &to_free),
                n, &hist, &entries, &tmp);

  /* Inverting the keys sorts the largest value first, and the sort's
   * stability keeps equal values in index order. */
  if (n >= BUCKET_MIN_N)
    count = rank_by_buckets (&source, hist, entries, tmp, out_ranks);
  else
    radix_sort (&source, hist, entries, tmp, &count, out_ranks);

  if (count < n)
    {
      for (guint i = 0; i < n; i++)
        if (isnan (values[i]))
          out_ranks[i] = 0;
    }

  g_free (to_free);

  return count;
}

/**
 * lm_rank_to_decile:
 * @rank: a rank, 1 first, 0 for none
 * @n_ranked: how many values were ranked
 *
 * Returns: the decile of @rank, 1 to 10, or 0 for no rank.
 */
guint
lm_rank_to_decile (guint rank,
                   guint n_ranked)
{
  if (rank == 0 || n_ranked == 0)
    return 0;

  g_return_val_if_fail (rank <= n_ranked, 10);

  /* In integers, so the boundaries are exact by construction rather than
   * by an argument about how ceil() of a rounded quotient behaves. */
  return (guint) (((guint64) rank * 10 + n_ranked - 1) / n_ranked);
}

void
_lm_rank_average_buffer (const double   *values,
                         const gboolean *mask,
                         guint           n,
                         double         *out_ranks,
                         gpointer        buffer)
{
  KeySource source = { values, mask, n, 0 };
  guint32 *hist;
  RadixEntry *entries;
  RadixEntry *tmp;
  RadixEntry *sorted;
  guint count;

  split_buffer (buffer, n, &hist, &entries, &tmp);
  sorted = radix_sort (&source, hist, entries, tmp, &count, NULL);

  if (count < n)
    {
      for (guint i = 0; i < n; i++)
        if ((mask != NULL && !mask[i]) || isnan (values[i]))
          out_ranks[i] = NAN;
    }

  for (guint i = 0, j; i < count; i = j)
    {
      double average;

      for (j = i + 1; j < count && sorted[j].key == sorted[i].key; j++)
        ;

      /* Positions i + 1 .. j (counting from 1) share their mean. */
      average = ((double) i + 1.0 + (double) j) / 2.0;
      for (guint t = i; t < j; t++)
        out_ranks[sorted[t].index] = average;
    }
}

/**
 * lm_rank_average:
 * @values: (array length=n): the values, NAN for missing
 * @mask: (nullable) (array length=n): which values take part
 * @n: the number of values
 * @out_ranks: (array length=n) (out caller-allocates): the ranks, NAN for
 *   values that take no part
 * @scratch: (nullable): working memory kept by the caller between calls
 *
 * Ranks the values in ascending order, giving tied values the mean of
 * the positions they occupy.
 */
void
lm_rank_average (const double   *values,
                 const gboolean *mask,
                 guint           n,
                 double         *out_ranks,
                 GArray         *scratch)
{
  gpointer to_free;
  gpointer buffer;

  g_return_if_fail (n == 0 || values != NULL);
  g_return_if_fail (n == 0 || out_ranks != NULL);

  if (n == 0)
    return;

  buffer = _lm_rank_reserve (scratch, _lm_rank_buffer_size (n), &to_free);
  _lm_rank_average_buffer (values, mask, n, out_ranks, buffer);
  g_free (to_free);
}

guint
_lm_rank_sort_ascending (const double *values,
                         guint         n,
                         double       *out_sorted,
                         GArray       *scratch)
{
  KeySource source = { values, NULL, n, 0 };
  gpointer to_free;
  guint32 *hist;
  RadixEntry *entries;
  RadixEntry *tmp;
  RadixEntry *sorted;
  guint count;

  if (n == 0)
    return 0;

  split_buffer (_lm_rank_reserve (scratch, _lm_rank_buffer_size (n), &to_free),
                n, &hist, &entries, &tmp);
  sorted = radix_sort (&source, hist, entries, tmp, &count, NULL);

  for (guint i = 0; i < count; i++)
    out_sorted[i] = key_to_double (sorted[i].key);

  g_free (to_free);

  return count;
}

/**
 * lm_rank_exponential:
 * @rank: a rank, 1 first
 * @n: how many values were ranked
 *
 * Returns: the exponentially transformed score, 100 for rank 1 and
 *   nearly 0 for rank @n, or NAN for no rank.
 */
double
lm_rank_exponential (double rank,
                     double n)
{
  double r;

  /* Written so that NAN arguments fail too. */
  if (!(n >= 1.0) || !(rank >= 1.0) || rank > n)
    return NAN;

  r = (n - rank + 1.0) / n;

  /* 1 - R (1 - e^{-100/23}) = 1 + R expm1 (-100/23); log1p keeps the
   * precision of the small scores near the last rank. */
  return -23.0 * log1p (r * expm1 (-100.0 / 23.0));
}
