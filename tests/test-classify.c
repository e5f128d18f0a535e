/* test-classify.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lm-classify.h"
#include "lm-classify-cache.h"
#include "lm-rank.h"

static const LmClassifyMethod all_methods[] = {
  LM_CLASSIFY_QUANTILE,
  LM_CLASSIFY_EQUAL,
  LM_CLASSIFY_JENKS,
  LM_CLASSIFY_STDDEV,
  LM_CLASSIFY_DECILES,
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
shuffle (double *values,
         guint   n,
         guint   seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      double t = values[i];

      values[i] = values[j];
      values[j] = t;
    }
}

/* Everything the header promises about any classification of @values. */
static void
assert_consistent (const LmClassification *c,
                   const double           *values,
                   guint                   n)
{
  guint counts[LM_CLASSIFY_MAX_CLASSES] = { 0 };
  guint n_missing = 0;
  guint total = 0;
  double min = INFINITY;
  double max = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      int k = lm_classification_find (c, values[i]);

      if (isnan (values[i]))
        {
          g_assert_cmpint (k, ==, -1);
          n_missing++;
          continue;
        }

      g_assert_cmpint (k, >=, 0);
      g_assert_cmpint (k, <, (int) c->n_classes);
      counts[k]++;
      min = MIN (min, values[i]);
      max = MAX (max, values[i]);

      /* Values sit inside their class: closed below only in the first. */
      g_assert_cmpfloat (values[i], <=, c->upper[k]);
      if (k == 0)
        g_assert_cmpfloat (values[i], >=, c->lower[0]);
      else
        g_assert_cmpfloat (values[i], >, c->lower[k]);
    }

  g_assert_cmpuint (c->n_missing, ==, n_missing);
  g_assert_cmpuint (c->n_classes, >=, 1);
  g_assert_cmpuint (c->n_classes, <=, LM_CLASSIFY_MAX_CLASSES);
  g_assert_cmpfloat (c->lower[0], ==, min);
  g_assert_cmpfloat (c->upper[c->n_classes - 1], ==, max);

  for (guint k = 0; k < c->n_classes; k++)
    {
      g_assert_cmpfloat (c->lower[k], <=, c->upper[k]);
      if (k > 0)
        {
          g_assert_cmpfloat (c->lower[k], ==, c->upper[k - 1]);
          g_assert_cmpfloat (c->upper[k - 1], <, c->upper[k]);
        }
      g_assert_cmpuint (c->count[k], ==, counts[k]);
      total += c->count[k];
    }
  g_assert_cmpuint (total, ==, n - n_missing);
}

static void
test_classify_jenks_textbook (void)
{
  /* The classic example, shuffled. Splitting 1 2 4 5 7 9 10 20 in three:
   *   {1,2,4,5}: mean 3, SSD 4+1+1+4 = 10; {7,9,10}: mean 26/3, SSD 14/3;
   *   {20}: 0; total 14.67. The nearest rivals are worse:
   *   {1,2,4} {5,7,9,10} {20}: 14/3 + 14.75 = 19.42;
   *   {1,2,4,5,7} {9,10} {20}: 22.8 + 0.5 = 23.3;
   *   {1,2} {4,5,7,9,10} {20}: 0.5 + 26 = 26.5;
   *   {1,2,4,5} {7,9} {10,20}: 10 + 2 + 50 = 62. */
  const double values[] = { 10, 1, 20, 5, 2, 9, 4, 7 };
  LmClassification c;

  g_assert_true (lm_classify (values, G_N_ELEMENTS (values), LM_CLASSIFY_JENKS, 3, &c));
  g_assert_cmpint (c.method, ==, LM_CLASSIFY_JENKS);
  g_assert_cmpuint (c.n_classes, ==, 3);
  g_assert_cmpfloat (c.lower[0], ==, 1);
  g_assert_cmpfloat (c.upper[0], ==, 5);
  g_assert_cmpfloat (c.upper[1], ==, 10);
  g_assert_cmpfloat (c.upper[2], ==, 20);
  g_assert_cmpuint (c.count[0], ==, 4);
  g_assert_cmpuint (c.count[1], ==, 3);
  g_assert_cmpuint (c.count[2], ==, 1);
  assert_consistent (&c, values, G_N_ELEMENTS (values));
}

static double
ssd_of (const double *values,
        guint         n)
{
  double sum = 0.0;
  double ssd = 0.0;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  for (guint i = 0; i < n; i++)
    ssd += (values[i] - sum / n) * (values[i] - sum / n);

  return ssd;
}

/* Fisher's dynamic programme written the slow, obvious way. */
static double
optimal_ssd (const double *sorted,
             guint         n,
             guint         k)
{
  g_autofree double *best = g_new (double, (k + 1) * (n + 1));
  double result;

  for (guint i = 1; i <= n; i++)
    best[1 * (n + 1) + i] = ssd_of (sorted, i);

  for (guint j = 2; j <= k; j++)
    for (guint i = j; i <= n; i++)
      {
        double b = INFINITY;

        for (guint t = j - 1; t < i; t++)
          b = MIN (b, best[(j - 1) * (n + 1) + t] + ssd_of (sorted + t, i - t));
        best[j * (n + 1) + i] = b;
      }

  result = best[k * (n + 1) + n];

  return result;
}

static double
classification_ssd (const LmClassification *c,
                    const double           *values,
                    guint                   n)
{
  double total = 0.0;

  for (guint k = 0; k < c->n_classes; k++)
    {
      g_autofree double *members = g_new (double, n);
      guint m = 0;

      for (guint i = 0; i < n; i++)
        if (lm_classification_find (c, values[i]) == (int) k)
          members[m++] = values[i];
      total += ssd_of (members, m);
    }

  return total;
}

static void
test_classify_jenks_optimal (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint round = 0; round < 40; round++)
    {
      guint n = g_rand_int_range (rand, 12, 60);
      g_autofree double *values = g_new (double, n);
      g_autofree double *sorted = g_new (double, n);
      guint k = g_rand_int_range (rand, 3, 8);
      guint n_distinct = 1;
      LmClassification c;

      for (guint i = 0; i < n; i++)
        {
          /* Half the rounds with many ties. */
          if (round % 2)
            values[i] = g_rand_int_range (rand, 0, 25);
          else
            values[i] = pow (g_rand_double (rand), 3.0) * 1000.0;
        }
      memcpy (sorted, values, n * sizeof (double));
      qsort (sorted, n, sizeof (double), compare_doubles);
      for (guint i = 1; i < n; i++)
        n_distinct += sorted[i] != sorted[i - 1];

      g_assert_true (lm_classify (values, n, LM_CLASSIFY_JENKS, k, &c));
      assert_consistent (&c, values, n);
      g_assert_cmpuint (c.n_classes, <=, MIN (k, n_distinct));
      g_assert_cmpfloat_with_epsilon (classification_ssd (&c, values, n),
                                      optimal_ssd (sorted, n, MIN (k, n_distinct)),
                                      1e-9 * (1.0 + optimal_ssd (sorted, n, 1)));
    }
}

static void
test_classify_jenks_sampled (void)
{
  /* Three well separated clusters of 11,000 values each: far more than
   * the Jenks sample, yet the breaks must fall exactly between them and
   * every value must be counted. */
  const guint n = 33000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  double top[3] = { -INFINITY, -INFINITY, -INFINITY };
  LmClassification c;

  for (guint i = 0; i < n; i++)
    {
      guint cluster = i % 3;

      values[i] = cluster * 40.0 + g_rand_double_range (rand, 10.0, 20.0);
      top[cluster] = MAX (top[cluster], values[i]);
    }

  g_assert_true (lm_classify (values, n, LM_CLASSIFY_JENKS, 3, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 3);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpuint (c.count[k], ==, 11000);
  /* Exactly the tops of the clusters, although the sample of 3,000 need
   * not contain them. */
  g_assert_cmpfloat (c.upper[0], ==, top[0]);
  g_assert_cmpfloat (c.upper[1], ==, top[1]);
  g_assert_cmpfloat (c.upper[2], ==, top[2]);

  g_assert_true (lm_classify (values, n, LM_CLASSIFY_JENKS, 10, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 10);
}

static void
test_classify_quantile (void)
{
  const guint n = 1000;
  g_autofree double *values = g_new (double, n + 3);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  LmClassification c;

  for (guint i = 0; i < n; i++)
    values[i] = i + 1;
  values[n] = values[n + 1] = values[n + 2] = NAN;
  shuffle (values, n + 3, 1);

  /* ceil (1000 / 3) = 334 in the first class, then 333 and 333. */
  g_assert_true (lm_classify (values, n + 3, LM_CLASSIFY_QUANTILE, 3, &c));
  assert_consistent (&c, values, n + 3);
  g_assert_cmpuint (c.n_classes, ==, 3);
  g_assert_cmpuint (c.n_missing, ==, 3);
  g_assert_cmpfloat (c.upper[0], ==, 334);
  g_assert_cmpfloat (c.upper[1], ==, 667);
  g_assert_cmpuint (c.count[0], ==, 334);
  g_assert_cmpuint (c.count[1], ==, 333);
  g_assert_cmpuint (c.count[2], ==, 333);

  /* Distinct random values: every class size within one of n / q. */
  for (guint q = 3; q <= 10; q++)
    {
      guint m = 997;
      g_autofree double *random = g_new (double, m);

      for (guint i = 0; i < m; i++)
        random[i] = g_rand_double_range (rand, -50, 50) * g_rand_double (rand);

      g_assert_true (lm_classify (random, m, LM_CLASSIFY_QUANTILE, q, &c));
      assert_consistent (&c, random, m);
      g_assert_cmpuint (c.n_classes, ==, q);
      for (guint k = 0; k < q; k++)
        {
          g_assert_cmpuint (c.count[k], >=, m / q);
          g_assert_cmpuint (c.count[k], <=, m / q + 1);
        }
    }
}

static void
test_classify_quantile_ties (void)
{
  /* Sixty zeros in a hundred values: the quantile breaks at 20 % and 40 %
   * fall among the zeros and merge into one break at zero. */
  double values[100];
  LmClassification c;

  for (guint i = 0; i < 100; i++)
    values[i] = i < 60 ? 0.0 : i;

  g_assert_true (lm_classify (values, 100, LM_CLASSIFY_QUANTILE, 5, &c));
  assert_consistent (&c, values, 100);
  g_assert_cmpuint (c.n_classes, ==, 3);
  g_assert_cmpfloat (c.upper[0], ==, 0.0);
  g_assert_cmpuint (c.count[0], ==, 60);
  g_assert_cmpfloat (c.upper[1], ==, 79);
  g_assert_cmpuint (c.count[1], ==, 20);
  g_assert_cmpuint (c.count[2], ==, 20);

  /* 1..20, forty 50s, then 61..100, in quarters: the first quartile (the
   * 25th value) falls 5 values into the run of 50s and moves down to
   * 20, the median falls 10 from its end and moves up to 50, so all four
   * classes survive. */
  for (guint i = 0; i < 100; i++)
    values[i] = i < 20 ? i + 1 : i < 60 ? 50 : i + 1;

  g_assert_true (lm_classify (values, 100, LM_CLASSIFY_QUANTILE, 4, &c));
  assert_consistent (&c, values, 100);
  g_assert_cmpuint (c.n_classes, ==, 4);
  g_assert_cmpfloat (c.upper[0], ==, 20);
  g_assert_cmpfloat (c.upper[1], ==, 50);
  g_assert_cmpfloat (c.upper[2], ==, 75);
  g_assert_cmpuint (c.count[0], ==, 20);
  g_assert_cmpuint (c.count[1], ==, 40);
  g_assert_cmpuint (c.count[2], ==, 15);
  g_assert_cmpuint (c.count[3], ==, 25);
}

static void
test_classify_equal (void)
{
  const double values[] = { 0, 3, 26, 50, 51, 75, 100, NAN };
  LmClassification c;

  g_assert_true (lm_classify (values, G_N_ELEMENTS (values), LM_CLASSIFY_EQUAL, 4, &c));
  assert_consistent (&c, values, G_N_ELEMENTS (values));
  g_assert_cmpuint (c.n_classes, ==, 4);
  g_assert_cmpfloat (c.lower[0], ==, 0);
  g_assert_cmpfloat (c.upper[0], ==, 25);
  g_assert_cmpfloat (c.upper[1], ==, 50);
  g_assert_cmpfloat (c.upper[2], ==, 75);
  g_assert_cmpfloat (c.upper[3], ==, 100);
  /* 50 and 75 sit on bounds and belong to the class below. */
  g_assert_cmpuint (c.count[0], ==, 2);
  g_assert_cmpuint (c.count[1], ==, 2);
  g_assert_cmpuint (c.count[2], ==, 2);
  g_assert_cmpuint (c.count[3], ==, 1);

  /* Negative ranges and the clamp to 3..10 classes. */
  {
    const double wide[] = { -30, -10, 0, 10, 20, 29, 30, 1, 2, 3, 4, 5 };

    g_assert_true (lm_classify (wide, G_N_ELEMENTS (wide), LM_CLASSIFY_EQUAL, 1, &c));
    assert_consistent (&c, wide, G_N_ELEMENTS (wide));
    g_assert_cmpuint (c.n_classes, ==, 3);
    g_assert_cmpfloat_with_epsilon (c.upper[0], -10, 1e-12);
    g_assert_cmpfloat_with_epsilon (c.upper[1], 10, 1e-12);

    g_assert_true (lm_classify (wide, G_N_ELEMENTS (wide), LM_CLASSIFY_EQUAL, 50, &c));
    assert_consistent (&c, wide, G_N_ELEMENTS (wide));
    g_assert_cmpuint (c.n_classes, ==, 10);
    for (guint k = 0; k + 1 < 10; k++)
      g_assert_cmpfloat_with_epsilon (c.upper[k], -30 + 6.0 * (k + 1), 1e-12);
  }
}

static void
test_classify_deciles (void)
{
  const guint n = 1000;
  g_autofree double *values = g_new (double, n);
  LmClassification c;

  for (guint i = 0; i < n; i++)
    values[i] = i + 1;
  shuffle (values, n, 2);

  /* The requested number of classes does not matter for deciles. */
  g_assert_true (lm_classify (values, n, LM_CLASSIFY_DECILES, 4, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      g_assert_cmpuint (c.count[k], ==, 100);
      g_assert_cmpfloat (c.upper[k], ==, 100.0 * (k + 1));
    }
}

static void
test_classify_deciles_match_ranks (void)
{
  /* With distinct values the decile classes are the published deciles,
   * counted from the other end: the highest scores are decile 1. */
  const guint n = 32844;
  g_autofree double *values = g_new (double, n);
  g_autofree guint *ranks = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  LmClassification c;

  for (guint i = 0; i < n; i++)
    values[i] = g_rand_double_range (rand, 0, 90) + i * 1e-6;

  g_assert_cmpuint (lm_rank_descending (values, n, ranks, NULL), ==, n);
  g_assert_true (lm_classify (values, n, LM_CLASSIFY_DECILES, 10, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 10);

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (lm_classification_find (&c, values[i]), ==,
                     10 - (int) lm_rank_to_decile (ranks[i], n));
}

static void
test_classify_stddev (void)
{
  const guint n = 1000;
  g_autofree double *values = g_new (double, n);
  double mean = 500.5;
  double sd;
  double ss = 0.0;
  LmClassification c;

  for (guint i = 0; i < n; i++)
    {
      values[i] = i + 1;
      ss += (values[i] - mean) * (values[i] - mean);
    }
  sd = sqrt (ss / n);   /* population: sqrt ((n² - 1) / 12) = 288.67 */
  g_assert_cmpfloat_with_epsilon (sd, sqrt ((1000.0 * 1000.0 - 1.0) / 12.0), 1e-9);

  /* Even: the mean is the middle break, classes one sd wide. */
  g_assert_true (lm_classify (values, n, LM_CLASSIFY_STDDEV, 4, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 4);
  g_assert_cmpfloat_with_epsilon (c.upper[0], mean - sd, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.upper[1], mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.upper[2], mean + sd, 1e-9);

  /* Odd: the central class is centred on the mean. */
  g_assert_true (lm_classify (values, n, LM_CLASSIFY_STDDEV, 5, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 5);
  g_assert_cmpfloat_with_epsilon ((c.lower[2] + c.upper[2]) / 2.0, mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.upper[2] - c.lower[2], sd, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.upper[1] - c.lower[1], sd, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.upper[0], mean - 1.5 * sd, 1e-9);
  g_assert_cmpfloat (c.lower[0], ==, 1);
  g_assert_cmpfloat (c.upper[4], ==, 1000);

  /* Six would need breaks at the mean ± 2 sd = -76.8 and 1077.8, beyond
   * the data: those are dropped and the outer classes run to the ends. */
  g_assert_true (lm_classify (values, n, LM_CLASSIFY_STDDEV, 6, &c));
  assert_consistent (&c, values, n);
  g_assert_cmpuint (c.n_classes, ==, 4);
  g_assert_cmpfloat_with_epsilon (c.upper[1], mean, 1e-9);
}

/* Issue 13, defect 11: a rank change is classed about zero, with zero
 * alone in the middle class and the same distances on either side. */
static void
test_classify_diverging (void)
{
  const double values[] = { -10, -5, -1, 0, 0, 2, 3, 8, NAN };
  const double zeros[] = { 0, 0, NAN, 0 };
  const double fractions[] = { -0.5, 0, 0.25, 1.5 };
  LmClassification c;

  /* Five classes: the sizes 1 2 3 5 8 10 split at their median, 3. */
  g_assert_true (lm_classify_diverging (values, G_N_ELEMENTS (values), 5, &c));
  g_assert_cmpuint (c.n_classes, ==, 5);
  g_assert_cmpuint (c.n_missing, ==, 1);
  g_assert_cmpfloat (c.lower[0], ==, -10);
  g_assert_cmpfloat (c.upper[0], ==, -4);
  g_assert_cmpfloat (c.upper[1], ==, -1);
  g_assert_cmpfloat (c.lower[2], ==, -1);
  g_assert_cmpfloat (c.upper[2], ==, 0);
  g_assert_cmpfloat (c.upper[3], ==, 3);
  g_assert_cmpfloat (c.upper[4], ==, 10);
  g_assert_cmpuint (c.count[0], ==, 2);
  g_assert_cmpuint (c.count[1], ==, 1);
  g_assert_cmpuint (c.count[2], ==, 2);
  g_assert_cmpuint (c.count[3], ==, 2);
  g_assert_cmpuint (c.count[4], ==, 1);
  g_assert_cmpint (lm_classification_find (&c, 0), ==, 2);
  g_assert_cmpint (lm_classification_find (&c, -4), ==, 0);
  g_assert_cmpint (lm_classification_find (&c, -3), ==, 1);
  g_assert_cmpint (lm_classification_find (&c, 4), ==, 4);

  /* An even count gives one class less, so there is a middle. */
  g_assert_true (lm_classify_diverging (values, G_N_ELEMENTS (values), 6, &c));
  g_assert_cmpuint (c.n_classes, ==, 5);

  /* Nothing moved: one class, zero. */
  g_assert_true (lm_classify_diverging (zeros, G_N_ELEMENTS (zeros), 7, &c));
  g_assert_cmpuint (c.n_classes, ==, 1);
  g_assert_cmpfloat (c.lower[0], ==, 0);
  g_assert_cmpfloat (c.upper[0], ==, 0);
  g_assert_cmpuint (c.count[0], ==, 3);

  /* Fractions: zero still has a class of its own. */
  g_assert_true (lm_classify_diverging (fractions, G_N_ELEMENTS (fractions), 3, &c));
  g_assert_cmpuint (c.n_classes, ==, 3);
  g_assert_cmpint (lm_classification_find (&c, -0.5), ==, 0);
  g_assert_cmpint (lm_classification_find (&c, 0), ==, 1);
  g_assert_cmpint (lm_classification_find (&c, 0.25), ==, 2);
  g_assert_cmpuint (c.count[1], ==, 1);

  g_assert_false (lm_classify_diverging (zeros + 2, 1, 5, &c));
}

static void
test_classify_monotonic (void)
{
  const guint n = 2000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (guint shape = 0; shape < 4; shape++)
    {
      for (guint i = 0; i < n; i++)
        {
          switch (shape)
            {
            case 0: values[i] = g_rand_double_range (rand, -1, 1); break;
            case 1: values[i] = exp (g_rand_double_range (rand, 0, 12)); break;
            case 2: values[i] = g_rand_int_range (rand, 0, 6); break;
            default: values[i] = i % 7 == 0 ? NAN : -pow (g_rand_double (rand), 8.0); break;
            }
        }

      for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
        for (guint q = 0; q <= 12; q++)
          {
            LmClassification c;

            g_assert_true (lm_classify (values, n, all_methods[m], q, &c));
            g_assert_cmpint (c.method, ==, all_methods[m]);
            assert_consistent (&c, values, n);
            if (shape == 2)
              g_assert_cmpuint (c.n_classes, <=, 6);
          }
    }
}

static void
test_classify_few_distinct (void)
{
  const double values[] = { 7, 2, NAN, 7, 2, 7 };
  const double same[] = { 4, 4, 4 };
  const double none[] = { NAN, NAN };
  LmClassification c;

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_assert_true (lm_classify (values, G_N_ELEMENTS (values), all_methods[m], 5, &c));
      assert_consistent (&c, values, G_N_ELEMENTS (values));
      g_assert_cmpuint (c.n_classes, ==, 2);
      g_assert_cmpuint (c.count[0], ==, 2);
      g_assert_cmpuint (c.count[1], ==, 3);
      g_assert_cmpuint (c.n_missing, ==, 1);

      g_assert_true (lm_classify (same, G_N_ELEMENTS (same), all_methods[m], 5, &c));
      assert_consistent (&c, same, G_N_ELEMENTS (same));
      g_assert_cmpuint (c.n_classes, ==, 1);
      g_assert_cmpfloat (c.lower[0], ==, 4);
      g_assert_cmpfloat (c.upper[0], ==, 4);
      g_assert_cmpuint (c.count[0], ==, 3);

      g_assert_false (lm_classify (none, G_N_ELEMENTS (none), all_methods[m], 5, &c));
      g_assert_cmpuint (c.n_classes, ==, 0);
      g_assert_cmpuint (c.n_missing, ==, 2);
      g_assert_cmpint (lm_classification_find (&c, 1.0), ==, -1);

      g_assert_false (lm_classify (NULL, 0, all_methods[m], 5, &c));
      g_assert_cmpuint (c.n_classes, ==, 0);
    }
}

static void
test_classify_find (void)
{
  double values[101];
  double probes[] = { NAN, -5, 0, 25, 25.000001, 50, 99.9, 100, 1000 };
  const int expected[] = { -1, 0, 0, 0, 1, 1, 3, 3, 3 };
  gint8 classes[G_N_ELEMENTS (probes)];
  LmClassification c;

  for (guint i = 0; i <= 100; i++)
    values[i] = i;
  g_assert_true (lm_classify (values, 101, LM_CLASSIFY_EQUAL, 4, &c));

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_assert_cmpint (lm_classification_find (&c, probes[i]), ==, expected[i]);

  lm_classification_assign (&c, probes, G_N_ELEMENTS (probes), classes);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_assert_cmpint (classes[i], ==, expected[i]);

  c.n_classes = 0;
  lm_classification_assign (&c, probes, G_N_ELEMENTS (probes), classes);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_assert_cmpint (classes[i], ==, -1);
}

static void
test_classify_names (void)
{
  const char *names[] = { "quantile", "equal", "jenks", "stddev", "deciles" };
  const char *titles[] = { "quantiles", "equal intervals", "Jenks natural breaks",
                           "standard deviations", "deciles (ten equal groups)" };
  LmClassifyMethod method;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (lm_classify_method_from_string (names[i], &method));
      g_assert_cmpint (method, ==, all_methods[i]);
      g_assert_cmpstr (lm_classify_method_to_string (all_methods[i]), ==, names[i]);
      g_assert_cmpstr (lm_classify_method_get_title (all_methods[i]), ==, titles[i]);
    }

  method = LM_CLASSIFY_STDDEV;
  g_assert_false (lm_classify_method_from_string ("natural", &method));
  g_assert_false (lm_classify_method_from_string ("", &method));
  g_assert_false (lm_classify_method_from_string ("Quantile", &method));
  g_assert_cmpint (method, ==, LM_CLASSIFY_STDDEV);
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Run with -m perf. */
static void
test_classify_perf (void)
{
  const guint n = 33000;
  const guint runs = 21;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  gint64 times[G_N_ELEMENTS (all_methods)][21];

  for (guint i = 0; i < n; i++)
    values[i] = 100.0 * pow (g_rand_double (rand), 2.5);

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      double median_ms;

      for (guint r = 0; r < runs; r++)
        {
          LmClassification c;
          gint64 start = g_get_monotonic_time ();

          lm_classify (values, n, all_methods[m], 10, &c);
          times[m][r] = g_get_monotonic_time () - start;
          /* Skewed data leave too few standard deviations for ten. */
          if (all_methods[m] != LM_CLASSIFY_STDDEV)
            g_assert_cmpuint (c.n_classes, ==, 10);
        }
      qsort (times[m], runs, sizeof (gint64), compare_gint64);
      median_ms = times[m][runs / 2] / 1000.0;
      g_test_message ("%s of %u values in 10 classes: median %.3f ms",
                      lm_classify_method_to_string (all_methods[m]), n, median_ms);
      if (all_methods[m] == LM_CLASSIFY_JENKS)
        g_assert_cmpfloat (median_ms, <, 100.0);
    }
}

static void
assert_same_classification (const LmClassification *a,
                            const LmClassification *b)
{
  g_assert_cmpint (a->method, ==, b->method);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  g_assert_cmpuint (a->n_missing, ==, b->n_missing);
  for (guint k = 0; k < a->n_classes; k++)
    {
      /* The same doubles, not just close ones */
      g_assert_true (memcmp (&a->lower[k], &b->lower[k], sizeof (double)) == 0);
      g_assert_true (memcmp (&a->upper[k], &b->upper[k], sizeof (double)) == 0);
      g_assert_cmpuint (a->count[k], ==, b->count[k]);
    }
}

/* What the cache must give: lm_classify() or lm_classify_diverging(),
 * then lm_classification_assign(). */
static void
check_cached (LmClassifyCache  *cache,
              const double     *values,
              guint             n,
              LmClassifyMethod  method,
              gboolean          diverging,
              guint             n_classes,
              gboolean          expect_hit)
{
  LmClassification fresh, cached;
  g_autofree gint8 *fresh_classes = g_new (gint8, MAX (n, 1));
  g_autofree gint8 *cached_classes = g_new (gint8, MAX (n, 1));
  guint misses = lm_classify_cache_get_n_misses (cache);
  gboolean fresh_ok, cached_ok;

  memset (&fresh, 0, sizeof fresh);
  memset (&cached, 0x55, sizeof cached);
  memset (fresh_classes, -1, n);
  memset (cached_classes, 7, n);
  fresh_ok = diverging ? lm_classify_diverging (values, n, n_classes, &fresh)
                       : lm_classify (values, n, method, n_classes, &fresh);
  if (fresh_ok)
    lm_classification_assign (&fresh, values, n, fresh_classes);
  cached_ok = lm_classify_cache_classify (cache, values, n, method, diverging, n_classes,
                                          &cached, cached_classes);
  g_assert_cmpint (cached_ok, ==, fresh_ok);
  if (fresh_ok)
    assert_same_classification (&cached, &fresh);
  g_assert_cmpmem (cached_classes, n, fresh_classes, n);
  g_assert_cmpuint (lm_classify_cache_get_n_misses (cache), ==, misses + (expect_hit ? 0 : 1));
}

/* Values rewritten in place, as a weight change does, are classified
 * anew; back to the old values, the old classes come back; every answer
 * is what lm_classify() gives. */
static void
test_classify_cache (void)
{
  const guint n = 4000;
  g_autoptr(LmClassifyCache) cache = lm_classify_cache_new (16, 1 << 24);
  g_autofree double *values = g_new (double, n);
  g_autofree double *before = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < n; i++)
    values[i] = i % 97 == 0 ? NAN : g_rand_double_range (rand, -50, 80);
  before = g_memdup2 (values, n * sizeof (double));

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      check_cached (cache, values, n, all_methods[m], FALSE, 5, FALSE);
      check_cached (cache, values, n, all_methods[m], FALSE, 5, TRUE);
      /* Another number of classes is another classification */
      check_cached (cache, values, n, all_methods[m], FALSE, 7, FALSE);
    }
  /* Diverging: whatever the method */
  check_cached (cache, values, n, LM_CLASSIFY_QUANTILE, TRUE, 5, FALSE);
  check_cached (cache, values, n, LM_CLASSIFY_JENKS, TRUE, 5, TRUE);

  /* A weight change: the same array, other values (one of them is
   * enough) */
  values[n / 2] += 1;
  check_cached (cache, values, n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  for (guint i = 0; i < n; i++)
    values[i] = isnan (values[i]) ? values[i] : values[i] * 0.9 + 3;
  check_cached (cache, values, n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  check_cached (cache, values, n, LM_CLASSIFY_QUANTILE, FALSE, 5, TRUE);
  /* ...and back */
  memcpy (values, before, n * sizeof (double));
  check_cached (cache, values, n, LM_CLASSIFY_QUANTILE, FALSE, 5, TRUE);
  /* Fewer values of the same array are other values */
  check_cached (cache, values, n - 1, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  /* More values than any before: the cache's working memory grows, and
   * what earlier sorts left in it changes nothing. */
  {
    g_autofree double *more = g_new (double, 3 * n);

    for (guint i = 0; i < 3 * n; i++)
      more[i] = i % 89 == 0 ? NAN : g_rand_double_range (rand, -20, 30);
    check_cached (cache, more, 3 * n, LM_CLASSIFY_JENKS, FALSE, 6, FALSE);
    check_cached (cache, more, 3 * n, LM_CLASSIFY_QUANTILE, TRUE, 7, FALSE);
    check_cached (cache, values, n, LM_CLASSIFY_STDDEV, FALSE, 4, FALSE);
  }
}

/* Old entries go, by count and by size; no value at all is remembered
 * as such. */
static void
test_classify_cache_limits (void)
{
  const guint n = 1000;
  g_autoptr(LmClassifyCache) cache = lm_classify_cache_new (2, 1 << 24);
  g_autoptr(LmClassifyCache) tiny = lm_classify_cache_new (8, 16);
  double *values[3];
  g_autofree double *missing = g_new (double, n);

  for (guint v = 0; v < 3; v++)
    {
      values[v] = g_new (double, n);
      for (guint i = 0; i < n; i++)
        values[v][i] = (double) ((i * (v + 3)) % 101);
    }
  check_cached (cache, values[0], n, LM_CLASSIFY_EQUAL, FALSE, 4, FALSE);
  check_cached (cache, values[1], n, LM_CLASSIFY_EQUAL, FALSE, 4, FALSE);
  check_cached (cache, values[0], n, LM_CLASSIFY_EQUAL, FALSE, 4, TRUE);
  /* Two entries: values[1] was the least recently used */
  check_cached (cache, values[2], n, LM_CLASSIFY_EQUAL, FALSE, 4, FALSE);
  check_cached (cache, values[0], n, LM_CLASSIFY_EQUAL, FALSE, 4, TRUE);
  check_cached (cache, values[1], n, LM_CLASSIFY_EQUAL, FALSE, 4, FALSE);

  /* Smaller than one entry: the last one is kept all the same */
  check_cached (tiny, values[0], n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  check_cached (tiny, values[0], n, LM_CLASSIFY_QUANTILE, FALSE, 5, TRUE);
  check_cached (tiny, values[1], n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  check_cached (tiny, values[0], n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);

  for (guint i = 0; i < n; i++)
    missing[i] = NAN;
  check_cached (cache, missing, n, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  check_cached (cache, missing, n, LM_CLASSIFY_QUANTILE, FALSE, 5, TRUE);
  /* No values at all */
  check_cached (cache, NULL, 0, LM_CLASSIFY_QUANTILE, FALSE, 5, FALSE);
  check_cached (cache, NULL, 0, LM_CLASSIFY_QUANTILE, FALSE, 5, TRUE);
  for (guint v = 0; v < 3; v++)
    g_free (values[v]);
}

/* Shares of draws: "under 10%", "10-50%", "50-90%", "90% or more",
 * counted by those words, the breaks themselves included. */
static void
test_classify_likelihood (void)
{
  static const double values[] = { 0, 0.05, 0.1, 0.1, 0.3, 0.5, 0.6, 0.89, 0.9, 1, NAN, 0.0999 };
  guint expected[LM_CLASSIFY_LIKELIHOOD_CLASSES] = { 0 };
  LmClassification c;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (!isnan (values[i]))
      expected[values[i] < 0.1 ? 0 : values[i] < 0.5 ? 1 : values[i] < 0.9 ? 2 : 3]++;
  g_assert_true (lm_classify (values, G_N_ELEMENTS (values), LM_CLASSIFY_LIKELIHOOD, 5, &c));
  g_assert_cmpuint (c.n_classes, ==, LM_CLASSIFY_LIKELIHOOD_CLASSES);
  g_assert_cmpuint (c.n_missing, ==, 1);
  for (guint k = 0; k < LM_CLASSIFY_LIKELIHOOD_CLASSES; k++)
    g_assert_cmpuint (c.count[k], ==, expected[k]);
  assert_consistent (&c, values, G_N_ELEMENTS (values));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/classify/jenks/textbook", test_classify_jenks_textbook);
  g_test_add_func ("/model/classify/jenks/optimal", test_classify_jenks_optimal);
  g_test_add_func ("/model/classify/jenks/sampled", test_classify_jenks_sampled);
  g_test_add_func ("/model/classify/quantile", test_classify_quantile);
  g_test_add_func ("/model/classify/quantile-ties", test_classify_quantile_ties);
  g_test_add_func ("/model/classify/equal", test_classify_equal);
  g_test_add_func ("/model/classify/deciles", test_classify_deciles);
  g_test_add_func ("/model/classify/deciles-match-ranks", test_classify_deciles_match_ranks);
  g_test_add_func ("/model/classify/stddev", test_classify_stddev);
  g_test_add_func ("/model/classify/monotonic", test_classify_monotonic);
  g_test_add_func ("/model/classify/diverging", test_classify_diverging);
  g_test_add_func ("/model/classify/few-distinct", test_classify_few_distinct);
  g_test_add_func ("/model/classify/find", test_classify_find);
  g_test_add_func ("/model/classify/names", test_classify_names);
  g_test_add_func ("/model/classify/likelihood", test_classify_likelihood);
  g_test_add_func ("/model/classify/cache", test_classify_cache);
  g_test_add_func ("/model/classify/cache-limits", test_classify_cache_limits);
  if (g_test_perf ())
    g_test_add_func ("/model/classify/perf", test_classify_perf);

  return g_test_run ();
}
