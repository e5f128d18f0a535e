/* test-rank.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "lm-rank.h"

typedef struct
{
  double value;
  guint  index;
} RefEntry;

/* The comparison sort the radix sort replaces: largest first, equal
 * values (including -0.0 and 0.0) in index order. */
static int
compare_descending (const void *a,
                    const void *b)
{
  const RefEntry *ea = a;
  const RefEntry *eb = b;

  if (ea->value > eb->value)
    return -1;
  if (ea->value < eb->value)
    return 1;
  return (ea->index > eb->index) - (ea->index < eb->index);
}

static guint
reference_rank (const double *values,
                guint         n,
                guint        *out_ranks)
{
  g_autofree RefEntry *entries = g_new (RefEntry, n);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      out_ranks[i] = 0;
      if (!isnan (values[i]))
        {
          entries[count].value = values[i];
          entries[count].index = i;
          count++;
        }
    }

  qsort (entries, count, sizeof (RefEntry), compare_descending);
  for (guint r = 0; r < count; r++)
    out_ranks[entries[r].index] = r + 1;

  return count;
}

static void
test_rank_ties (void)
{
  const double values[] = { 5, 3, 5, 1, 5, 7 };
  const guint expected[] = { 2, 5, 3, 6, 4, 1 };
  guint ranks[G_N_ELEMENTS (values)];
  guint n_ranked;

  n_ranked = lm_rank_descending (values, G_N_ELEMENTS (values), ranks, NULL);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);
}

static void
test_rank_nan (void)
{
  const double values[] = { NAN, 2, NAN, 1, 3, NAN };
  const guint expected[] = { 0, 2, 0, 3, 1, 0 };
  guint ranks[G_N_ELEMENTS (values)];
  const double all_nan[] = { NAN, NAN };
  guint nan_ranks[2] = { 99, 99 };

  g_assert_cmpuint (lm_rank_descending (values, G_N_ELEMENTS (values), ranks, NULL), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);

  g_assert_cmpuint (lm_rank_descending (all_nan, 2, nan_ranks, NULL), ==, 0);
  g_assert_cmpuint (nan_ranks[0], ==, 0);
  g_assert_cmpuint (nan_ranks[1], ==, 0);

  g_assert_cmpuint (lm_rank_descending (NULL, 0, NULL, NULL), ==, 0);
}

static void
test_rank_signs (void)
{
  /* Negative values rank below positive ones, larger magnitudes lower;
   * -0.0 and 0.0 are equal, so index order decides between them. */
  const double values[] = { -0.0, 0.0, -1.0, 1.0, -INFINITY, INFINITY, -1e-300, 1e-300 };
  const guint expected[] = { 4, 5, 7, 2, 8, 1, 6, 3 };
  guint ranks[G_N_ELEMENTS (values)];

  lm_rank_descending (values, G_N_ELEMENTS (values), ranks, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);
}

static double *
make_awkward_values (guint n,
                     guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      int kind = g_rand_int_range (rand, 0, 100);

      if (kind < 20)
        values[i] = g_rand_int_range (rand, -5, 6);         /* many duplicates */
      else if (kind < 24)
        values[i] = g_rand_boolean (rand) ? 0.0 : -0.0;
      else if (kind < 25)
        values[i] = NAN;
      else if (kind < 26)
        {
          const double special[] = { INFINITY, -INFINITY, DBL_MAX, -DBL_MAX,
                                     DBL_MIN, -DBL_MIN, 5e-324, -5e-324 };
          values[i] = special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))];
        }
      else if (kind < 60)
        values[i] = g_rand_double_range (rand, -1e6, 1e6);
      else
        values[i] = g_rand_double_range (rand, -3.0, 100.0);
    }

  return values;
}

static void
test_rank_matches_qsort (void)
{
  const guint n = 100000;
  g_autofree double *values = make_awkward_values (n, 20260101);
  g_autofree guint *ranks = g_new (guint, n);
  g_autofree guint *expected = g_new (guint, n);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_expected;

  n_expected = reference_rank (values, n, expected);
  g_assert_cmpuint (n_expected, <, n);  /* the data do contain NANs */

  g_assert_cmpuint (lm_rank_descending (values, n, ranks, NULL), ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);

  /* And again through a scratch array that first has to grow, then is
   * reused for a shorter input. */
  g_assert_cmpuint (lm_rank_descending (values, n, ranks, scratch), ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);

  n_expected = reference_rank (values, 1000, expected);
  g_assert_cmpuint (lm_rank_descending (values, 1000, ranks, scratch), ==, n_expected);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);
}

/* Large inputs go by buckets of leading bits, sorted on one core, or on
 * two from 200,000 keys: every shape of data that could fill one bucket
 * or spread thin gives the reference's ranks. */
static void
check_rank_buckets (guint n)
{
  g_autofree double *values = g_new (double, n);
  g_autofree guint *ranks = g_new (guint, n);
  g_autofree guint *expected = g_new (guint, n);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint shape = 0; shape < 6; shape++)
    {
      for (guint i = 0; i < n; i++)
        switch (shape)
          {
          case 0:   /* all equal: one bucket */
            values[i] = 42.5;
            break;
          case 1:   /* equal but a few far outliers: one full bucket */
            values[i] = i % 997 == 0 ? g_rand_double_range (rand, -1e300, 1e300) : 7;
            break;
          case 2:   /* scores like the IMD's, with many exact ties */
            values[i] = round (g_rand_double_range (rand, 0, 1) * g_rand_double_range (rand, 0, 1) * 9000) / 100;
            break;
          case 3:   /* every magnitude and both signs */
            values[i] = ldexp (g_rand_double_range (rand, -1, 1), g_rand_int_range (rand, -1000, 1000));
            break;
          case 4:   /* two values only */
            values[i] = i % 3 ? -0.0 : 0.0;
            break;
          default:  /* NANs among a few distinct values */
            values[i] = i % 5 == 0 ? NAN : (double) (i % 11);
            break;
          }
      {
        guint n_expected = reference_rank (values, n, expected);

        g_assert_cmpuint (lm_rank_descending (values, n, ranks, scratch), ==, n_expected);
        for (guint i = 0; i < n; i++)
          if (ranks[i] != expected[i])
            g_error ("shape %u, value %u (%g): rank %u, expected %u", shape, i, values[i], ranks[i],
                     expected[i]);
      }
    }
}

static void
test_rank_buckets (void)
{
  check_rank_buckets (60000);
  check_rank_buckets (250000);
}

static void
test_rank_scratch_element_size (void)
{
  const double values[] = { 0.5, 0.25, 0.75, 0.25 };
  const guint expected[] = { 2, 3, 1, 4 };
  g_autoptr(GArray) bytes = g_array_new (FALSE, TRUE, 1);
  g_autoptr(GArray) odd = g_array_new (FALSE, FALSE, 3);
  guint ranks[4];

  lm_rank_descending (values, 4, ranks, bytes);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);

  lm_rank_descending (values, 4, ranks, odd);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);
}

static void
test_rank_decile (void)
{
  const guint n = 32844;

  /* The boundaries of MHCLG's published deciles for the 32,844 LSOAs of
   * 2019: 10 × 3284 / 32844 < 1 but 10 × 3285 / 32844 > 1. */
  g_assert_cmpuint (lm_rank_to_decile (1, n), ==, 1);
  g_assert_cmpuint (lm_rank_to_decile (3284, n), ==, 1);
  g_assert_cmpuint (lm_rank_to_decile (3285, n), ==, 2);
  g_assert_cmpuint (lm_rank_to_decile (29559, n), ==, 9);
  g_assert_cmpuint (lm_rank_to_decile (29560, n), ==, 10);
  g_assert_cmpuint (lm_rank_to_decile (n, n), ==, 10);
  g_assert_cmpuint (lm_rank_to_decile (0, n), ==, 0);
  g_assert_cmpuint (lm_rank_to_decile (0, 0), ==, 0);

  /* Exact multiples stay in the lower decile. */
  g_assert_cmpuint (lm_rank_to_decile (10, 100), ==, 1);
  g_assert_cmpuint (lm_rank_to_decile (11, 100), ==, 2);
  g_assert_cmpuint (lm_rank_to_decile (1, 1), ==, 10);

  /* Every decile of n = 32844 holds 3284 or 3285 ranks. */
  {
    guint counts[11] = { 0 };

    for (guint r = 1; r <= n; r++)
      counts[lm_rank_to_decile (r, n)]++;
    g_assert_cmpuint (counts[0], ==, 0);
    for (guint d = 1; d <= 10; d++)
      {
        g_assert_cmpuint (counts[d], >=, 3284);
        g_assert_cmpuint (counts[d], <=, 3285);
      }
  }
}

static void
test_rank_exponential (void)
{
  const double n = 32844;
  const double c = 1.0 - exp (-100.0 / 23.0);
  double previous = INFINITY;

  g_assert_cmpfloat_with_epsilon (lm_rank_exponential (1, n), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_rank_exponential (1, 1), 100.0, 1e-9);
  g_assert_cmpfloat (lm_rank_exponential (n, n), >, 0.0);
  g_assert_cmpfloat (lm_rank_exponential (n, n), <, 0.001);

  /* The formula as published, at a few ranks. */
  for (double rank = 1; rank <= n; rank += 1013)
    {
      double r = (n - rank + 1) / n;
      double expected = -23.0 * log (1.0 - r * c);
      double x = lm_rank_exponential (rank, n);

      g_assert_cmpfloat_with_epsilon (x, expected, 1e-9);
      g_assert_cmpfloat (x, <, previous);
      previous = x;
    }

  g_assert_true (isnan (lm_rank_exponential (0, n)));
  g_assert_true (isnan (lm_rank_exponential (NAN, n)));
  g_assert_true (isnan (lm_rank_exponential (1, 0)));
  g_assert_true (isnan (lm_rank_exponential (n + 1, n)));
}

static void
test_rank_average (void)
{
  const double values[] = { 10, 20, 20, NAN, 5, 30, 20 };
  const gboolean mask[] = { TRUE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE };
  double ranks[G_N_ELEMENTS (values)];
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));

  /* Without the mask: 5 → 1, 10 → 2, the three 20s share positions
   * 3, 4, 5 → 4, and 30 → 6. */
  lm_rank_average (values, NULL, G_N_ELEMENTS (values), ranks, scratch);
  g_assert_cmpfloat (ranks[0], ==, 2.0);
  g_assert_cmpfloat (ranks[1], ==, 4.0);
  g_assert_cmpfloat (ranks[2], ==, 4.0);
  g_assert_true (isnan (ranks[3]));
  g_assert_cmpfloat (ranks[4], ==, 1.0);
  g_assert_cmpfloat (ranks[5], ==, 6.0);
  g_assert_cmpfloat (ranks[6], ==, 4.0);

  /* With 5 masked out everything moves down one. */
  lm_rank_average (values, mask, G_N_ELEMENTS (values), ranks, NULL);
  g_assert_cmpfloat (ranks[0], ==, 1.0);
  g_assert_cmpfloat (ranks[1], ==, 3.0);
  g_assert_true (isnan (ranks[3]));
  g_assert_true (isnan (ranks[4]));
  g_assert_cmpfloat (ranks[5], ==, 5.0);

  /* Two ties: positions 1, 2 → 1.5 and 3, 4 → 3.5; -0.0 ties with 0.0. */
  {
    const double pairs[] = { 2, -0.0, 2, 0.0 };
    double pair_ranks[4];

    lm_rank_average (pairs, NULL, 4, pair_ranks, scratch);
    g_assert_cmpfloat (pair_ranks[0], ==, 3.5);
    g_assert_cmpfloat (pair_ranks[1], ==, 1.5);
    g_assert_cmpfloat (pair_ranks[2], ==, 3.5);
    g_assert_cmpfloat (pair_ranks[3], ==, 1.5);
  }
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Run with -m perf: the median time to rank 33,755 composite scores, the
 * number of LSOAs in England in 2021, in batches so the microsecond clock
 * resolves them. */
static void
test_rank_perf (void)
{
  const guint n = 33755;
  const guint batch = 20;
  const guint n_batches = 200;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *values = g_new (double, n);
  g_autofree guint *ranks = g_new (guint, n);
  g_autofree guint *expected = g_new (guint, n);
  g_autofree gint64 *times = g_new (gint64, n_batches);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  double median_ms;
  gint64 start;

  /* Like a weighted sum of exponential domain scores: 0..100, distinct. */
  for (guint i = 0; i < n; i++)
    {
      double sum = 0.0;

      for (guint d = 0; d < 7; d++)
        sum += lm_rank_exponential (g_rand_int_range (rand, 1, n + 1), n) / 7.0;
      values[i] = sum;
    }

  lm_rank_descending (values, n, ranks, scratch);
  for (guint b = 0; b < n_batches; b++)
    {
      start = g_get_monotonic_time ();
      for (guint i = 0; i < batch; i++)
        lm_rank_descending (values, n, ranks, scratch);
      times[b] = g_get_monotonic_time () - start;
    }
  qsort (times, n_batches, sizeof (gint64), compare_gint64);
  median_ms = times[n_batches / 2] / 1000.0 / batch;
  g_test_message ("radix rank of %u values: median %.3f ms", n, median_ms);
  g_test_minimized_result (median_ms, "radix rank of %u values: %.3f ms", n, median_ms);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < batch; i++)
    reference_rank (values, n, expected);
  g_test_message ("qsort rank of %u values: mean %.3f ms", n,
                  (g_get_monotonic_time () - start) / 1000.0 / batch);

  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (ranks[i], ==, expected[i]);
  g_assert_cmpfloat (median_ms, <, 0.4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/rank/ties", test_rank_ties);
  g_test_add_func ("/model/rank/nan", test_rank_nan);
  g_test_add_func ("/model/rank/signs", test_rank_signs);
  g_test_add_func ("/model/rank/matches-qsort", test_rank_matches_qsort);
  g_test_add_func ("/model/rank/buckets", test_rank_buckets);
  g_test_add_func ("/model/rank/scratch-element-size", test_rank_scratch_element_size);
  g_test_add_func ("/model/rank/decile", test_rank_decile);
  g_test_add_func ("/model/rank/exponential", test_rank_exponential);
  g_test_add_func ("/model/rank/average", test_rank_average);
  if (g_test_perf ())
    g_test_add_func ("/model/rank/perf", test_rank_perf);

  return g_test_run ();
}
