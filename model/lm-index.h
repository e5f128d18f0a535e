/* lm-index.h — one composite index (IMD, CNI): domains and weights
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-level.h"

G_BEGIN_DECLS

/* Weights are relative, so their size means nothing on its own, but a
 * sum that overflows makes every w / sum w zero and every score 0 without
 * a word. These bounds are far above any real weight (percentages, or 1
 * for equal weights) and keep a sum of any number of domains finite; the
 * scale bound keeps S times a score of 100 far from overflow too. */
#define LM_INDEX_MAX_WEIGHT  1e6
#define LM_INDEX_MAX_SCALE   1e6

typedef struct
{
  char   *id;              /* "income" (the variable id is "imd.income") */
  char   *title;           /* "Income" */
  char   *description;     /* what the domain measures (manifest), or NULL */
  double  default_weight;  /* relative, as in the manifest */
  double  weight;          /* current, relative; >= 0 */
  double *exp_scores;      /* level->n_areas exponential scores, NAN = missing */
} LmIndexDomain;

/* A composite index at its native level. The domain exponential scores
 * depend only on the domain ranks, so they are computed once at load;
 * a weight change is then only a weighted sum (lm_index_compute). */
typedef struct
{
  char          *id;        /* "imd" */
  char          *title;     /* "Index of Multiple Deprivation" */
  char          *description;  /* what the index measures (manifest), or NULL */
  LmLevel       *level;     /* native level, borrowed */
  double         scale;     /* S in S * sum (w / sum w) X */
  GPtrArray     *domains;   /* LmIndexDomain*, owned */
  char          *published_rank;   /* variable id, or NULL */
  char          *published_score;  /* variable id, or NULL */
} LmIndex;

LmIndex       *lm_index_new              (const char *id,
                                          const char *title,
                                          LmLevel    *level,
                                          double      scale);
void           lm_index_free             (LmIndex    *index);
/* How many of @n_areas ranks are ranks (not NAN): the N of the
 * exponential transformation. */
guint           lm_index_count_ranked     (const double *ranks,
                                          guint         n_areas);
/* The exponential scores of ranks 1 to @n when @n areas are ranked
 * (element 0 is NAN), to share between domains that rank as many areas.
 * Free with g_free(). */
double         *lm_index_exp_table        (guint         n);
/* The exponential scores of @n_areas ranks (1 = most deprived; NAN =
 * missing), with N = the number of areas with a rank, as published.
 * @table, if not NULL, is lm_index_exp_table (@table_n): the scores of
 * whole ranks are taken from it when @table_n is that N. Free with
 * g_free(). */
double         *lm_index_exp_scores       (const double *ranks,
                                          guint         n_areas,
                                          const double *table,
                                          guint         table_n);
/* Adds a domain with the exponential scores of lm_index_exp_scores()
 * for the index's level, which it takes. */
LmIndexDomain *lm_index_add_domain       (LmIndex      *index,
                                          const char   *id,
                                          const char   *title,
                                          double        default_weight,
                                          double       *exp_scores);
LmIndexDomain *lm_index_find_domain      (LmIndex      *index,
                                          const char   *id);
/* The variable "<index id>.<suffix>" ("score", "rank", a domain id) at
 * @level, or NULL. */
LmVariable    *lm_index_find_variable    (LmIndex      *index,
                                          LmLevel      *level,
                                          const char   *suffix);
double         lm_index_get_weight_sum   (LmIndex      *index);
gboolean       lm_index_weights_are_default (LmIndex   *index);
/* out_scores[i] = S * sum_d (w_d / sum w) X_d[i]; NAN where any domain with
 * a non-zero weight is missing. */
void           lm_index_compute          (LmIndex      *index,
                                          double       *out_scores);
/* The same with @weights (one per domain, relative, >= 0, not all zero)
 * instead of the domains' current weights. Reads only what loading set
 * (the exponential scores), so threads may call it at once, each with
 * its own @out_scores (the Monte Carlo runs do). */
void           lm_index_compute_weights  (const LmIndex *index,
                                          const double  *weights,
                                          double        *out_scores);

G_END_DECLS
