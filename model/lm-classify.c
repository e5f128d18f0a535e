/* lm-classify.c — class breaks for choropleths and legends
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lm-classify-private.h"
#include "lm-rank-private.h"

/* Jenks natural breaks are computed on at most this many values, as
 * QGIS does (it takes a random sample of max (3,000, n / 10) values). On
 * 33,000 LSOAs in ten classes the exact programme took 7.7 ms against
 * 0.8 ms for the sample, whose breaks left a within-class sum of squares
 * only 0.002 % above the optimum. Unlike QGIS the sample is evenly spaced
 * through the sorted values, including the minimum and maximum, so the
 * same data always give the same map. All values are then counted
 * against the breaks. */
#define JENKS_MAX_SAMPLE 3000

static const struct
{
  const char *name;
  const char *title;
} method_names[] = {
  [LM_CLASSIFY_QUANTILE] = { "quantile", N_("quantiles") },
  [LM_CLASSIFY_EQUAL] = { "equal", N_("equal intervals") },
  [LM_CLASSIFY_JENKS] = { "jenks", N_("Jenks natural breaks") },
  [LM_CLASSIFY_STDDEV] = { "stddev", N_("standard deviations") },
  /* Not the published deciles: ten classes of equal count of whatever
   * is mapped, at whatever level (issue 13). */
  [LM_CLASSIFY_DECILES] = { "deciles", N_("deciles (ten equal groups)") },
  [LM_CLASSIFY_LIKELIHOOD] = { "likelihood", N_("how often in the draws") },
};

/* The upper bounds of the likelihood classes: each class holds its
 * lower bound, as "90% or more" says, so the bounds are the doubles just
 * below 10%, 50% and 90% (classes are open below, closed above). */
static const double likelihood_breaks[LM_CLASSIFY_LIKELIHOOD_CLASSES - 1] = { 0.1, 0.5, 0.9 };

static const char * const likelihood_labels[LM_CLASSIFY_LIKELIHOOD_CLASSES] = {
  /* Translators: a class of a map of the chance of something over weight
   * draws; the four classes read never / sometimes / usually / always */
  N_("Almost never (under 10% of draws)"),
  N_("Sometimes (10–50% of draws)"),
  N_("Usually (50–90% of draws)"),
  N_("Almost always (90% or more)"),
};

typedef struct
{
  const double  *p1;    /* prefix sums of the centred sample */
  const double  *p2;    /* prefix sums of its squares */
  const double  *prev;  /* best cost of the first t values in one class fewer */
  double        *cur;   /* best cost of the first i values in this many classes */
  guint32       *arg;   /* where the last class starts in that best split */
} JenksPass;

/* Auxiliary methods */

static guint
count_distinct (const double *sorted,
                guint         m)
{
  guint n_distinct = 1;

  for (guint i = 1; i < m; i++)
    if (sorted[i] != sorted[i - 1])
      n_distinct++;

  return n_distinct;
}

/* The run of values equal to @value is sorted[start .. end - 1]. */
static void
find_run (const double *sorted,
          guint         m,
          double        value,
          guint        *out_start,
          guint        *out_end)
{
  guint lo = 0;
  guint hi = m;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sorted[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_start = lo;

  hi = m;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sorted[mid] <= value)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_end = lo;
}

/* Class k ideally ends at the value ceil ((k + 1) m / q) places up the
 * sorted list. For deciles this is exactly the MHCLG rule decile =
 * ceil (10 rank / n) counted from the other end, so without ties a
 * value's class is 10 minus its published decile. A break cannot fall
 * inside a run of equal values, so with ties it moves to whichever end
 * of the run is nearer; always moving up would swallow the last class
 * whenever the maximum is a common value (many zeros, or a capped score). */
static guint
quantile_breaks (const double *sorted,
                 guint         m,
                 guint         n_classes,
                 double       *breaks)
{
  guint n_breaks = 0;

  for (guint k = 0; k + 1 < n_classes; k++)
    {
      guint end = (guint) (((guint64) (k + 1) * m + n_classes - 1) / n_classes);
      guint run_start;
      guint run_end;
      gboolean up_ok;
      gboolean down_ok;

      find_run (sorted, m, sorted[end - 1], &run_start, &run_end);
      up_ok = run_end < m;
      down_ok = run_start > 0;

      if (up_ok && (!down_ok || run_end - end <= end - run_start))
        breaks[n_breaks++] = sorted[run_end - 1];
      else if (down_ok)
        breaks[n_breaks++] = sorted[run_start - 1];
    }

  return n_breaks;
}

static guint
equal_breaks (double  min,
              double  max,
              guint   n_classes,
              double *breaks)
{
  /* Divided before subtracting so that a range wider than DBL_MAX
   * does not overflow. */
  double step = max / n_classes - min / n_classes;

  for (guint k = 0; k + 1 < n_classes; k++)
    breaks[k] = min + (k + 1) * step;

  return n_classes - 1;
}

/* Classes one standard deviation wide, centred on the mean: with an even
 * number of classes the mean is a break, with an odd number it is the
 * middle of the central class. The outer classes run on to the minimum
 * and maximum, and breaks beyond the data are dropped, so skewed data get
 * fewer classes. The population standard deviation, because the areas
 * are the whole population of a level, not a sample of it. */
static guint
stddev_breaks (const double *sorted,
               guint         m,
               guint         n_classes,
               double       *breaks)
{
  double sum = 0.0;
  double ss = 0.0;
  double mean;
  double sd;

  for (guint i = 0; i < m; i++)
    sum += sorted[i];
  mean = sum / m;

  for (guint i = 0; i < m; i++)
    ss += (sorted[i] - mean) * (sorted[i] - mean);
  sd = sqrt (ss / m);

  for (guint k = 0; k + 1 < n_classes; k++)
    breaks[k] = mean + ((double) (k + 1) - n_classes / 2.0) * sd;

  return n_classes - 1;
}

/* Where the i-th of @s evenly spaced sample values lies among @m sorted
 * values: the first and last are the minimum and maximum. */
static inline guint
sample_index (guint i,
              guint m,
              guint s)
{
  if (s == m)
    return i;

  return (guint) (((guint64) i * (m - 1) + (s - 1) / 2) / (s - 1));
}

/* The within-class sum of squared deviations of sample values a .. b - 1. */
static inline double
jenks_ssd (const JenksPass *pass,
           guint            a,
           guint            b)
{
  double s1 = pass->p1[b] - pass->p1[a];
  double s2 = pass->p2[b] - pass->p2[a];
  double ssd = s2 - s1 * s1 / (double) (b - a);

  return MAX (ssd, 0.0);
}

/* Fills cur[i] and arg[i] for ilo <= i <= ihi, given that the best start
 * of the last class lies in tlo .. thi. The within-class sum of squares of
 * sorted data satisfies the quadrangle inequality, so the best start never
 * moves left as i grows; solving the middle i first halves the search
 * range on each side. This is still Fisher's exact dynamic programme, in
 * O(n log n) per class instead of O(n²). */
static void
jenks_solve (const JenksPass *pass,
             guint            ilo,
             guint            ihi,
             guint            tlo,
             guint            thi)
{
  guint mid = ilo + (ihi - ilo) / 2;
  guint last = MIN (thi, mid - 1);
  double best = INFINITY;
  guint best_t = tlo;

  for (guint t = tlo; t <= last; t++)
    {
      double cost = pass->prev[t] + jenks_ssd (pass, t, mid);

      if (cost < best)
        {
          best = cost;
          best_t = t;
        }
    }

  pass->cur[mid] = best;
  pass->arg[mid] = best_t;

  if (mid > ilo)
    jenks_solve (pass, ilo, mid - 1, tlo, best_t);
  if (mid < ihi)
    jenks_solve (pass, mid + 1, ihi, best_t, thi);
}

static guint
jenks_breaks (const double *sorted,
              guint         m,
              guint         n_classes,
              double       *breaks)
{
  g_autofree double *sample = NULL;
  g_autofree double *p1 = NULL;
  g_autofree double *p2 = NULL;
  g_autofree double *cost_a = NULL;
  g_autofree double *cost_b = NULL;
  g_autofree guint32 *args = NULL;
  guint s = MIN (m, JENKS_MAX_SAMPLE);
  double centre;
  JenksPass pass;
  guint end;

  sample = g_new (double, s);
  for (guint i = 0; i < s; i++)
    sample[i] = sorted[sample_index (i, m, s)];

  /* The sample may have fewer distinct values than the data; asking
   * for more classes than that could only split equal values. */
  n_classes = MIN (n_classes, count_distinct (sample, s));
  if (n_classes < 2)
    return 0;

  /* Sums of squares about a central value rather than about zero keep
   * s2 - s1²/w from cancelling away the variance of classes that lie far
   * from zero. */
  centre = sample[s / 2];
  p1 = g_new (double, s + 1);
  p2 = g_new (double, s + 1);
  p1[0] = p2[0] = 0.0;
  for (guint i = 0; i < s; i++)
    {
      double d = sample[i] - centre;

      p1[i + 1] = p1[i] + d;
      p2[i + 1] = p2[i] + d * d;
    }

  cost_a = g_new (double, s + 1);
  cost_b = g_new (double, s + 1);
  args = g_new (guint32, (gsize) (n_classes + 1) * (s + 1));

  pass.p1 = p1;
  pass.p2 = p2;
  pass.prev = NULL;
  pass.cur = cost_a;
  pass.arg = NULL;
  for (guint i = 1; i <= s; i++)
    cost_a[i] = jenks_ssd (&pass, 0, i);

  for (guint j = 2; j <= n_classes; j++)
    {
      pass.prev = pass.cur;
      pass.cur = pass.cur == cost_a ? cost_b : cost_a;
      pass.arg = args + (gsize) j * (s + 1);

      /* Only the split of all s values matters for the last class. */
      jenks_solve (&pass, j == n_classes ? s : j, s, j - 1, s - 1);
    }

  end = s;
  for (guint j = n_classes; j >= 2; j--)
    {
      guint start = args[(gsize) j * (s + 1) + end];
      guint lo = sample_index (start - 1, m, s);
      guint hi = sample_index (start, m, s);
      guint cut = lo;

      /* The sample only tells that class j starts after sample value
       * start - 1 and by sample value start. Among the values of the data
       * in between, cut at the widest gap, so that data with real gaps
       * get the break the whole data would give them. */
      for (guint i = lo + 1; i < hi; i++)
        if (sorted[i + 1] - sorted[i] > sorted[cut + 1] - sorted[cut])
          cut = i;

      breaks[j - 2] = sorted[cut];
      end = start;
    }

  return n_classes - 1;
}

/* Turns candidate breaks into classes: drops breaks that repeat or fall
 * outside the data, so that no class is an empty duplicate, and makes
 * each class start where the previous one ends. */
static void
set_bounds (LmClassification *out,
            double            min,
            double            max,
            const double     *breaks,
            guint             n_breaks)
{
  double previous = -INFINITY;
  guint n_classes = 0;

  for (guint k = 0; k < n_breaks; k++)
    {
      /* A break equal to the minimum is kept: the first class is closed
       * below, so it then holds just the minimum. */
      if (breaks[k] > previous && breaks[k] >= min && breaks[k] < max)
        {
          out->upper[n_classes++] = breaks[k];
          previous = breaks[k];
        }
    }
  out->upper[n_classes++] = max;

  out->lower[0] = min;
  for (guint k = 1; k < n_classes; k++)
    out->lower[k] = out->upper[k - 1];

  out->n_classes = n_classes;
}

static inline int
find_class (const LmClassification *classes,
            double                  value)
{
  guint lo = 0;
  guint hi = classes->n_classes - 1;

  /* The last class is never tested, so values above the maximum land in
   * it, and values below the minimum end up in the first. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (value <= classes->upper[mid])
        hi = mid;
      else
        lo = mid + 1;
    }

  return (int) lo;
}

/* How many of the @m @sorted values find_class() puts in each class:
 * it is monotonic in the value, so each class ends where the first
 * value above its upper bound begins, found by bisection rather than
 * by a search per value (0.2 ms for the LSOAs). */
static void
count_sorted (LmClassification *out,
              const double     *sorted,
              guint             m)
{
  guint start = 0;

  for (guint k = 0; k + 1 < out->n_classes; k++)
    {
      guint lo = start;
      guint hi = m;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (sorted[mid] <= out->upper[k])
            lo = mid + 1;
          else
            hi = mid;
        }
      out->count[k] = lo - start;
      start = lo;
    }
  out->count[out->n_classes - 1] = m - start;
}

/* Public API */

/**
 * lm_classify:
 * @values: (array length=n): the values, NAN for missing
 * @n: the number of values
 * @method: how to place the breaks
 * @n_classes: how many classes to aim for, clamped to 3..10
 * @out: (out caller-allocates): the classes
 *
 * Divides the non-NAN values into classes.
 *
 * Returns: %FALSE if there is no value to classify.
 */
gboolean
lm_classify (const double      *values,
             guint              n,
             LmClassifyMethod   method,
             guint              n_classes,
             LmClassification  *out)
{
  return _lm_classify (values, n, method, n_classes, NULL, out);
}

gboolean
_lm_classify (const double     *values,
              guint             n,
              LmClassifyMethod  method,
              guint             n_classes,
              GArray           *scratch,
              LmClassification *out)
{
  g_autofree double *sorted = NULL;
  double breaks[LM_CLASSIFY_MAX_CLASSES];
  guint n_breaks = 0;
  guint m;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n == 0 || values != NULL, FALSE);
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_names), FALSE);

  memset (out, 0, sizeof *out);
  out->method = method;

  sorted = g_new (double, MAX (n, 1));
  m = _lm_rank_sort_ascending (values, n, sorted, scratch);
  out->n_missing = n - m;
  if (m == 0)
    return FALSE;

  if (method == LM_CLASSIFY_LIKELIHOOD)
    {
      /* Fixed classes, all four shown even when empty. */
      out->n_classes = LM_CLASSIFY_LIKELIHOOD_CLASSES;
      out->lower[0] = 0;
      for (guint k = 0; k + 1 < LM_CLASSIFY_LIKELIHOOD_CLASSES; k++)
        out->upper[k] = out->lower[k + 1] = nextafter (likelihood_breaks[k], 0);
      out->upper[LM_CLASSIFY_LIKELIHOOD_CLASSES - 1] = 1;
      count_sorted (out, sorted, m);
      return TRUE;
    }
  if (method == LM_CLASSIFY_DECILES)
    n_classes = 10;
  else
    n_classes = CLAMP (n_classes, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES);
  n_classes = MIN (n_classes, count_distinct (sorted, m));

  if (n_classes > 1)
    {
      switch (method)
        {
        case LM_CLASSIFY_QUANTILE:
        case LM_CLASSIFY_DECILES:
          n_breaks = quantile_breaks (sorted, m, n_classes, breaks);
          break;

        case LM_CLASSIFY_EQUAL:
          n_breaks = equal_breaks (sorted[0], sorted[m - 1], n_classes, breaks);
          break;

        case LM_CLASSIFY_JENKS:
          n_breaks = jenks_breaks (sorted, m, n_classes, breaks);
          break;

        case LM_CLASSIFY_STDDEV:
          n_breaks = stddev_breaks (sorted, m, n_classes, breaks);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  set_bounds (out, sorted[0], sorted[m - 1], breaks, n_breaks);

  /* Counting by the rule of the search that colours the map keeps the
   * legend's counts true to the map whatever the bounds are. */
  count_sorted (out, sorted, m);

  return TRUE;
}

/* The thresholds of the sides of a diverging classification: @k
 * quantiles of the sizes @sizes (sorted ascending, @m of them, none
 * zero), strictly increasing; returns how many there are. */
static guint
side_thresholds (const double *sizes,
                 guint         m,
                 guint         k,
                 double       *out)
{
  guint n = 0;

  for (guint j = 1; j <= k; j++)
    {
      guint at = (guint) ceil ((double) j * m / k);
      double t = sizes[MIN (MAX (at, 1), m) - 1];

      if (n == 0 || t > out[n - 1])
        out[n++] = t;
    }
  return n;
}

/**
 * lm_classify_diverging:
 * @values: (array length=n): signed values (a rank change), NAN for missing
 * @n: the number of values
 * @n_classes: how many classes to aim for, clamped to 3..10
 * @out: (out caller-allocates): the classes
 *
 * Classes for a diverging palette, symmetric about zero: a middle class
 * that holds zero alone ("no change"), then as many classes on each side
 * at the same distances, from quantiles of the sizes of the changes. An
 * odd number of classes (one less than an even @n_classes), so that the
 * palette's neutral middle colour is the middle class's. When every
 * value is zero there is that one class. Values that are whole numbers
 * (ranks) get whole-number bounds.
 *
 * Returns: FALSE (and no classes) when there is no value at all.
 */
gboolean
lm_classify_diverging (const double     *values,
                       guint             n,
                       guint             n_classes,
                       LmClassification *out)
{
  return _lm_classify_diverging (values, n, n_classes, NULL, out);
}

gboolean
_lm_classify_diverging (const double     *values,
                        guint             n,
                        guint             n_classes,
                        GArray           *scratch,
                        LmClassification *out)
{
  g_autofree double *sizes = NULL;
  g_autofree double *sorted = NULL;
  double t[LM_CLASSIFY_MAX_CLASSES / 2 + 1];
  gboolean whole = TRUE;
  guint m = 0, n_present = 0, k, c = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n == 0 || values != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->method = LM_CLASSIFY_QUANTILE;
  sizes = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      n_present++;
      whole &= values[i] == floor (values[i]);
      if (values[i] != 0)
        sizes[m++] = fabs (values[i]);
    }
  out->n_missing = n - n_present;
  if (n_present == 0)
    return FALSE;

  sorted = g_new (double, MAX (m, 1));
  _lm_rank_sort_ascending (sizes, m, sorted, scratch);
  k = m > 0 ? side_thresholds (sorted, m, (CLAMP (n_classes, LM_CLASSIFY_MIN_CLASSES,
                                                 LM_CLASSIFY_MAX_CLASSES) - 1) / 2, t) : 0;

  /* Upper bounds, lowest class first: each class is open below
   * (lower < v <= upper), so the side below zero ends just under each
   * threshold, and zero has its own class. */
  for (guint j = k; j >= 1; j--)
    {
      double inner = j > 1 ? t[j - 2] : 0;

      out->upper[c++] = whole ? -inner - 1 : nextafter (-inner, -INFINITY);
    }
  out->upper[c++] = 0;
  for (guint j = 1; j <= k; j++)
    out->upper[c++] = t[j - 1];
  out->n_classes = c;
  out->lower[0] = k > 0 ? -t[k - 1] : 0;
  for (guint i = 1; i < c; i++)
    out->lower[i] = out->upper[i - 1];

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      out->count[find_class (out, values[i])]++;
  return TRUE;
}

/**
 * lm_classification_find:
 * @classes: a classification
 * @value: a value
 *
 * Returns: the class of @value, or -1 for NAN or no classes.
 */
int
lm_classification_find (const LmClassification *classes,
                        double                  value)
{
  g_return_val_if_fail (classes != NULL, -1);
  g_return_val_if_fail (classes->n_classes <= LM_CLASSIFY_MAX_CLASSES, -1);

  if (isnan (value) || classes->n_classes == 0)
    return -1;

  return find_class (classes, value);
}

/**
 * lm_classification_assign:
 * @classes: a classification
 * @values: (array length=n): the values
 * @n: the number of values
 * @out_classes: (array length=n) (out caller-allocates): the class of each
 *   value, or -1
 *
 * Classifies every value at once.
 */
void
lm_classification_assign (const LmClassification *classes,
                          const double           *values,
                          guint                   n,
                          gint8                  *out_classes)
{
  g_return_if_fail (classes != NULL);
  g_return_if_fail (classes->n_classes <= LM_CLASSIFY_MAX_CLASSES);
  g_return_if_fail (n == 0 || (values != NULL && out_classes != NULL));

  if (classes->n_classes == 0)
    {
      if (n > 0)
        memset (out_classes, -1, n);
      return;
    }

  for (guint i = 0; i < n; i++)
    out_classes[i] = isnan (values[i]) ? -1 : (gint8) find_class (classes, values[i]);
}

gboolean
lm_classify_method_from_string (const char       *name,
                                LmClassifyMethod *out_method)
{
  g_return_val_if_fail (name != NULL, FALSE);

  /* The likelihood classes are chosen by the kind of variable, not by
   * name. */
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    {
      if (i != LM_CLASSIFY_LIKELIHOOD && strcmp (name, method_names[i].name) == 0)
        {
          if (out_method != NULL)
            *out_method = (LmClassifyMethod) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lm_classify_method_to_string (LmClassifyMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_names), NULL);

  return method_names[method].name;
}

const char *
lm_classify_method_get_title (LmClassifyMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_names), NULL);

  return _(method_names[method].title);
}

const char *
lm_classify_likelihood_get_label (guint k)
{
  g_return_val_if_fail (k < LM_CLASSIFY_LIKELIHOOD_CLASSES, NULL);

  return _(likelihood_labels[k]);
}
