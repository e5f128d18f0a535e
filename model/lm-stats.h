/* lm-stats.h — bivariate statistics for the scatter plots and --stats
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  n;             /* pairs where x, y (and weight, if any) are present */
  double pearson_r;
  double spearman_rho;  /* average ranks for ties; unweighted always */
  double slope;         /* y = intercept + slope * x, least squares */
  double intercept;
  double r2;
  double mean_x;
  double mean_y;
  gboolean weighted;    /* pearson_r, slope, intercept, r2 are weighted */
} LmStats;

/* Computes the statistics of y against x over the entries where neither
 * is NAN (and the weight, if @weights is not NULL, is finite and > 0).
 * With @weights, Pearson r and the fit are population-weighted (weighted
 * least squares); Spearman's rho stays unweighted. With fewer than 2
 * pairs, or no variance, the undefined fields are NAN.
 * @scratch may be NULL or a GArray the caller keeps between calls. */
void     lm_stats_compute  (const double *x,
                            const double *y,
                            const double *weights,
                            guint         n,
                            LmStats      *out_stats,
                            GArray       *scratch);

G_END_DECLS
