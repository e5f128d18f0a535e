/* lm-stats.c — bivariate statistics for the scatter plots and --stats
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-rank-private.h"
#include "lm-stats.h"

typedef struct
{
  double r;
  double slope;
  double intercept;
} Fit;

static inline gboolean
pair_is_present (const double *x,
                 const double *y,
                 const double *weights,
                 guint         i)
{
  if (isnan (x[i]) || isnan (y[i]))
    return FALSE;

  /* Written so that a NAN weight fails too. */
  return weights == NULL || (weights[i] > 0.0 && isfinite (weights[i]));
}

/* Least squares of y on x, weighted by @w if it is not NULL. Two passes,
 * means first and then centred sums, because the one-pass formula
 * Σx² - (Σx)²/n cancels catastrophically for values far from zero (ranks
 * in the tens of thousands, or scores with a large common offset). */
static Fit
fit_line (const double *x,
          const double *y,
          const double *w,
          guint         m)
{
  Fit fit = { NAN, NAN, NAN };
  double sw = 0.0;
  double swx = 0.0;
  double swy = 0.0;
  double min_x = x[0];
  double max_x = x[0];
  double min_y = y[0];
  double max_y = y[0];
  double mean_x;
  double mean_y;
  double sxx = 0.0;
  double syy = 0.0;
  double sxy = 0.0;

  if (m < 2)
    return fit;

  for (guint i = 0; i < m; i++)
    {
      double wi = w != NULL ? w[i] : 1.0;

      sw += wi;
      swx += wi * x[i];
      swy += wi * y[i];
      min_x = MIN (min_x, x[i]);
      max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]);
      max_y = MAX (max_y, y[i]);
    }

  mean_x = swx / sw;
  mean_y = swy / sw;

  for (guint i = 0; i < m; i++)
    {
      double wi = w != NULL ? w[i] : 1.0;
      double dx = x[i] - mean_x;
      double dy = y[i] - mean_y;

      sxx += wi * dx * dx;
      syy += wi * dy * dy;
      sxy += wi * dx * dy;
    }

  /* Constant data are recognised from min = max rather than from sxx = 0:
   * the rounded mean of equal values need not equal them, which leaves a
   * tiny positive sxx and a meaningless slope. Constant y has a flat line
   * but no correlation. */
  if (min_x == max_x)
    return fit;

  if (min_y == max_y)
    {
      fit.slope = 0.0;
      fit.intercept = min_y;
      return fit;
    }

  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  fit.r = CLAMP (sxy / (sqrt (sxx) * sqrt (syy)), -1.0, 1.0);

  return fit;
}

/**
 * lm_stats_compute:
 * @x: (array length=n): the explanatory values, NAN for missing
 * @y: (array length=n): the response values, NAN for missing
 * @weights: (nullable) (array length=n): population weights
 * @n: the number of entries
 * @out_stats: (out caller-allocates): the statistics
 * @scratch: (nullable): working memory kept by the caller between calls
 *
 * Computes correlation and the least-squares line of @y on @x.
 */
void
lm_stats_compute (const double *x,
                  const double *y,
                  const double *weights,
                  guint         n,
                  LmStats      *out_stats,
                  GArray       *scratch)
{
  gpointer to_free;
  char *buffer;
  double *xs;
  double *ys;
  double *ws;
  double *rx;
  double *ry;
  double sum_x = 0.0;
  double sum_y = 0.0;
  guint m = 0;
  Fit fit;
  Fit spearman;

  g_return_if_fail (out_stats != NULL);
  g_return_if_fail (n == 0 || (x != NULL && y != NULL));

  out_stats->n = 0;
  out_stats->pearson_r = NAN;
  out_stats->spearman_rho = NAN;
  out_stats->slope = NAN;
  out_stats->intercept = NAN;
  out_stats->r2 = NAN;
  out_stats->mean_x = NAN;
  out_stats->mean_y = NAN;
  out_stats->weighted = weights != NULL;

  for (guint i = 0; i < n; i++)
    if (pair_is_present (x, y, weights, i))
      m++;

  out_stats->n = m;
  if (m == 0)
    return;

  /* The present pairs are packed together first, so that the fits and
   * the rank sorts run over plain arrays with no test per element. */
  buffer = _lm_rank_reserve (scratch,
                             _lm_rank_buffer_size (m) + 5 * (gsize) m * sizeof (double),
                             &to_free);
  xs = (double *) (buffer + _lm_rank_buffer_size (m));
  ys = xs + m;
  ws = ys + m;
  rx = ws + m;
  ry = rx + m;

  for (guint i = 0, j = 0; i < n; i++)
    {
      if (!pair_is_present (x, y, weights, i))
        continue;

      xs[j] = x[i];
      ys[j] = y[i];
      if (weights != NULL)
        ws[j] = weights[i];
      j++;
    }

  /* The means reported are plain means of the present pairs even with
   * weights: the header promises only r and the fit are weighted. */
  for (guint j = 0; j < m; j++)
    {
      sum_x += xs[j];
      sum_y += ys[j];
    }
  out_stats->mean_x = sum_x / m;
  out_stats->mean_y = sum_y / m;

  if (m < 2)
    goto out;

  fit = fit_line (xs, ys, weights != NULL ? ws : NULL, m);
  out_stats->pearson_r = fit.r;
  out_stats->slope = fit.slope;
  out_stats->intercept = fit.intercept;
  /* With one regressor and an intercept, R² of the (weighted) least
   * squares line is the square of the (weighted) correlation. */
  out_stats->r2 = fit.r * fit.r;

  /* Spearman's rho is Pearson's r of the average ranks. It stays
   * unweighted: population weights say how many people an area stands
   * for, not how often its rank occurs. */
  _lm_rank_average_buffer (xs, NULL, m, rx, buffer);
  _lm_rank_average_buffer (ys, NULL, m, ry, buffer);
  spearman = fit_line (rx, ry, NULL, m);
  out_stats->spearman_rho = spearman.r;

out:
  g_free (to_free);
}
