/* lm-index.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-index.h"
#include "lm-parallel.h"
#include "lm-rank.h"

static void
domain_free (LmIndexDomain *domain)
{
  g_free (domain->id);
  g_free (domain->title);
  g_free (domain->description);
  g_free (domain->exp_scores);
  g_free (domain);
}

LmIndex *
lm_index_new (const char *id,
              const char *title,
              LmLevel    *level,
              double      scale)
{
  LmIndex *index = g_new0 (LmIndex, 1);

  index->id = g_strdup (id);
  index->title = g_strdup (title != NULL ? title : id);
  index->level = level;
  index->scale = scale;
  index->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) domain_free);
  return index;
}

void
lm_index_free (LmIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->domains);
  g_free (index->id);
  g_free (index->title);
  g_free (index->description);
  g_free (index->published_rank);
  g_free (index->published_score);
  g_free (index);
}

guint
lm_index_count_ranked (const double *ranks,
                       guint         n_areas)
{
  guint n_ranked = 0;

  for (guint i = 0; i < n_areas; i++)
    if (!isnan (ranks[i]))
      n_ranked++;
  return n_ranked;
}

double *
lm_index_exp_table (guint n)
{
  double *table = g_new (double, n + 1);

  table[0] = NAN;
  for (guint r = 1; r <= n; r++)
    table[r] = lm_rank_exponential (r, n);
  return table;
}

double *
lm_index_exp_scores (const double *ranks,
                     guint         n_areas,
                     const double *table,
                     guint         table_n)
{
  double *exp_scores = g_new (double, MAX (n_areas, 1));
  /* N is the number of ranked areas, as in the published transformation:
   * areas without a rank (a ward missing from the CNI table) don't count. */
  guint n_ranked = lm_index_count_ranked (ranks, n_areas);

  if (table_n != n_ranked)
    table = NULL;
  for (guint i = 0; i < n_areas; i++)
    {
      double rank = ranks[i];

      if (table != NULL && rank >= 1 && rank <= n_ranked && rank == (guint) rank)
        exp_scores[i] = table[(guint) rank];
      else
        exp_scores[i] = isnan (rank) ? NAN : lm_rank_exponential (rank, n_ranked);
    }
  return exp_scores;
}

LmIndexDomain *
lm_index_add_domain (LmIndex    *index,
                     const char *id,
                     const char *title,
                     double      default_weight,
                     double     *exp_scores)
{
  LmIndexDomain *domain = g_new0 (LmIndexDomain, 1);

  domain->id = g_strdup (id);
  domain->title = g_strdup (title != NULL ? title : id);
  domain->default_weight = default_weight;
  domain->weight = default_weight;
  domain->exp_scores = exp_scores;
  g_ptr_array_add (index->domains, domain);
  return domain;
}

LmIndexDomain *
lm_index_find_domain (LmIndex    *index,
                      const char *id)
{
  for (guint d = 0; d < index->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
      if (strcmp (domain->id, id) == 0)
        return domain;
    }
  return NULL;
}

LmVariable *
lm_index_find_variable (LmIndex    *index,
                        LmLevel    *level,
                        const char *suffix)
{
  g_autofree char *id = g_strdup_printf ("%s.%s", index->id, suffix);

  return lm_level_find_variable (level, id);
}

double
lm_index_get_weight_sum (LmIndex *index)
{
  double sum = 0;

  for (guint d = 0; d < index->domains->len; d++)
    sum += ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight;
  return sum;
}

gboolean
lm_index_weights_are_default (LmIndex *index)
{
  double sum = lm_index_get_weight_sum (index);
  double default_sum = 0;

  for (guint d = 0; d < index->domains->len; d++)
    default_sum += ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->default_weight;

  /* Weights are relative: 45/45/27/... is the same index as 22.5/22.5/... */
  for (guint d = 0; d < index->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
      if (fabs (domain->weight / sum - domain->default_weight / default_sum) > 1e-9)
        return FALSE;
    }
  return TRUE;
}

void
lm_index_compute (LmIndex *index,
                  double  *out_scores)
{
  g_autofree double *weights = g_new (double, MAX (index->domains->len, 1));

  for (guint d = 0; d < index->domains->len; d++)
    weights[d] = ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight;
  lm_index_compute_weights (index, weights, out_scores);
}

/* From this many areas on, an index is computed on two cores. */
#define PARALLEL_MIN_AREAS 100000

/* The weighted sum of the domains' scores of areas @start to @end - 1.
 * Domain-major loops: each pass streams one contiguous array, which is
 * what keeps a weight change well under a millisecond. NAN propagates,
 * so an area missing any weighted domain has no index value. */
static void
sum_weighted (const LmIndex *index,
              const double  *weights,
              double         sum,
              double        *out_scores,
              guint          start,
              guint          end)
{
  gboolean first = TRUE;

  for (guint d = 0; d < index->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
      double w = index->scale * weights[d] / sum;
      const double *x = domain->exp_scores;

      if (weights[d] == 0)
        continue;
      if (first)
        {
          for (guint i = start; i < end; i++)
            out_scores[i] = w * x[i];
          first = FALSE;
        }
      else
        {
          for (guint i = start; i < end; i++)
            out_scores[i] += w * x[i];
        }
    }
}

typedef struct
{
  const LmIndex *index;
  const double  *weights;
  double         sum;
  double        *out_scores;
  guint          middle;
} WeightedSum;

static void
sum_weighted_half (guint    half,
                   gpointer data)
{
  WeightedSum *halves = data;

  sum_weighted (halves->index, halves->weights, halves->sum, halves->out_scores,
                half == 0 ? 0 : halves->middle,
                half == 0 ? halves->middle : halves->index->level->n_areas);
}

void
lm_index_compute_weights (const LmIndex *index,
                          const double  *weights,
                          double        *out_scores)
{
  guint n_areas = index->level->n_areas;
  double sum = 0;

  /* Summed in domain order, as lm_index_get_weight_sum() does, so that
   * the same weights give the same bits whichever way they come. */
  for (guint d = 0; d < index->domains->len; d++)
    sum += weights[d];
  g_return_if_fail (sum > 0);

  /* From 100,000 areas on, two cores take half the areas each: the
   * same operations on each area, so the same bits. */
  if (n_areas >= PARALLEL_MIN_AREAS && g_get_num_processors () > 1)
    {
      WeightedSum halves = { index, weights, sum, out_scores, n_areas / 2 };

      lm_parallel_for (2, sum_weighted_half, &halves);
      return;
    }
  sum_weighted (index, weights, sum, out_scores, 0, n_areas);
}
