/* lm-draw-plan.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-draw-plan.h"
#include "lm-draw-rank.h"
#include "lm-left-behind-rule.h"
#include "lm-rank.h"

/* At most this many indices (a bit mask says which a draw computes). */
#define MAX_INDICES 32

typedef enum
{
  SOURCE_FIXED,   /* a variable no weight changes: its values, copied */
  SOURCE_SCORE,   /* an index's score at the rule's level, this draw */
  SOURCE_RANK,
  SOURCE_DECILE,
} SourceKind;

typedef struct
{
  LmCriterion  criterion;       /* kind and threshold, copied */
  SourceKind   kind;
  guint        index;           /* for the draw's sources */
  guint        slot;            /* the rule's level in that index's chain */
  double      *fixed;           /* SOURCE_FIXED: the values */
  gboolean     higher_is_worse;
} CriterionPlan;

typedef struct
{
  LmIndex   *index;
  guint      n_levels;
  LmLevel  **levels;   /* native first */
  guint      first;    /* its levels' place among all the plan's levels */
} IndexPlan;

struct _LmDrawPlan
{
  LmWeightSampler *sampler;
  IndexPlan       *indices;
  guint            n_indices;
  guint            n_slots;      /* levels over all indices */
  guint            max_areas;
  guint            max_domains;
  LmLevel         *rule_level;   /* NULL: no rule */
  CriterionPlan   *criteria;
  guint            n_criteria;
  guint32          rule_indices;
};

struct _LmDrawWork
{
  const LmDrawPlan *plan;
  double          **scores;      /* per slot */
  guint           **ranks;       /* per slot */
  guint            *n_ranked;    /* per slot */
  double           *weights;
  double           *sum;         /* aggregation scratch */
  double           *weight;
  double           *flags;       /* rule level */
  double           *values;      /* a criterion's values, when made here */
  double           *scratch_values;
  guint            *scratch_ranks;
  guint8           *meets;
  GArray           *rank_scratch;
};

G_DEFINE_QUARK (lm-draw-plan-error-quark, lm_draw_plan_error)

/* Auxiliary methods */

static gboolean
plan_criterion (LmDrawPlan     *plan,
                LmCriterion    *criterion,
                CriterionPlan  *out,
                GError        **error)
{
  LmVariable *variable = lm_level_find_variable (plan->rule_level, criterion->variable);
  static const char * const suffixes[] = { "score", "rank", "decile" };

  g_assert (variable != NULL);
  out->criterion = *criterion;
  out->criterion.variable = NULL;
  out->higher_is_worse = lm_variable_higher_is_worse (variable);
  for (guint i = 0; i < plan->n_indices; i++)
    for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
      {
        IndexPlan *index = &plan->indices[i];
        LmVariable *candidate = lm_index_find_variable (index->index, plan->rule_level, suffixes[s]);

        if (candidate != variable)
          continue;
        out->kind = SOURCE_SCORE + s;
        out->index = i;
        for (out->slot = 0; index->levels[out->slot] != plan->rule_level; out->slot++)
          ;
        plan->rule_indices |= 1u << i;
        return TRUE;
      }
  if (variable->depends_on_weights)
    {
      g_set_error (error, LM_DRAW_PLAN_ERROR, LM_DRAW_PLAN_ERROR_UNSUPPORTED_RULE,
                   _("The left-behind rule judges “%s”, which the weights change but which is "
                     "not an index’s score, rank or decile, so weight draws cannot judge it"),
                   variable->title);
      return FALSE;
    }
  out->kind = SOURCE_FIXED;
  out->fixed = g_memdup2 (variable->values, sizeof (double) * MAX (plan->rule_level->n_areas, 1));
  return TRUE;
}

static void
plan_index (LmDrawPlan *plan,
            guint       i)
{
  IndexPlan *index = &plan->indices[i];
  guint n = 0;

  index->index = lm_weight_sampler_get_index (plan->sampler, i);
  for (LmLevel *level = index->index->level; level != NULL; level = level->parent_level)
    n++;
  index->n_levels = n;
  index->levels = g_new (LmLevel *, n);
  index->first = plan->n_slots;
  n = 0;
  for (LmLevel *level = index->index->level; level != NULL; level = level->parent_level)
    {
      index->levels[n++] = level;
      plan->max_areas = MAX (plan->max_areas, level->n_areas);
    }
  plan->n_slots += index->n_levels;
  plan->max_domains = MAX (plan->max_domains, index->index->domains->len);
}

/* Scores, aggregates and ranks of one index in one draw. */
static void
run_index (const LmDrawPlan *plan,
           LmDrawWork       *work,
           guint             i,
           guint64           seed,
           guint64           draw)
{
  const IndexPlan *index = &plan->indices[i];

  if (draw == LM_DRAW_CENTRE)
    memcpy (work->weights, lm_weight_sampler_get_centre (plan->sampler, i),
            sizeof (double) * index->index->domains->len);
  else
    lm_weight_sampler_draw (plan->sampler, i, seed, draw, work->weights);
  lm_index_compute_weights (index->index, work->weights, work->scores[index->first]);
  for (guint s = 1; s < index->n_levels; s++)
    lm_level_aggregate_children (index->levels[s], work->scores[index->first + s - 1], TRUE,
                                 work->scores[index->first + s], work->sum, work->weight);
  for (guint s = 0; s < index->n_levels; s++)
    work->n_ranked[index->first + s] = lm_draw_rank_descending (work->scores[index->first + s],
                                                                index->levels[s]->n_areas,
                                                                work->ranks[index->first + s],
                                                                work->rank_scratch);
}

/* The values a criterion judges in this draw. */
static guint
criterion_slot (const LmDrawPlan    *plan,
                const CriterionPlan *criterion)
{
  g_assert (criterion->kind != SOURCE_FIXED);
  return plan->indices[criterion->index].first + criterion->slot;
}

static const double *
criterion_values (const LmDrawPlan    *plan,
                  LmDrawWork          *work,
                  const CriterionPlan *criterion)
{
  guint n = plan->rule_level->n_areas;
  guint slot;
  const guint *ranks;

  if (criterion->kind == SOURCE_FIXED)
    return criterion->fixed;
  slot = criterion_slot (plan, criterion);
  ranks = work->ranks[slot];
  switch (criterion->kind)
    {
    case SOURCE_SCORE:
      return work->scores[slot];
    case SOURCE_RANK:
      for (guint a = 0; a < n; a++)
        work->values[a] = ranks[a] > 0 ? ranks[a] : NAN;
      return work->values;
    case SOURCE_FIXED:
    case SOURCE_DECILE:
    default:
      for (guint a = 0; a < n; a++)
        work->values[a] = ranks[a] > 0 ? lm_rank_to_decile (ranks[a], work->n_ranked[slot]) : NAN;
      return work->values;
    }
}

static void
run_rule (const LmDrawPlan *plan,
          LmDrawWork       *work)
{
  guint n = plan->rule_level->n_areas;

  for (guint a = 0; a < n; a++)
    work->flags[a] = 1;
  for (guint c = 0; c < plan->n_criteria; c++)
    {
      const CriterionPlan *criterion = &plan->criteria[c];
      const double *values = criterion_values (plan, work, criterion);

      /* A score or rank is ranked worst first already: the draw's ranks
       * are what ranking it again would give, at no cost. */
      if (criterion->criterion.kind == LM_CRITERION_TOP_PERCENT &&
          (criterion->kind == SOURCE_SCORE || criterion->kind == SOURCE_RANK))
        {
          guint slot = criterion_slot (plan, criterion);

          lm_left_behind_rule_top (work->ranks[slot], n, work->n_ranked[slot],
                                   criterion->criterion.value, work->meets);
        }
      else
        lm_left_behind_rule_meets (&criterion->criterion, values, criterion->higher_is_worse, n,
                                   work->meets, work->scratch_values, work->scratch_ranks,
                                   work->rank_scratch);
      lm_left_behind_rule_combine (work->flags, values, work->meets, n);
    }
}

/* Public API */

LmDrawPlan *
lm_draw_plan_new (LmDataset        *dataset,
                  LmWeightSampler  *sampler,
                  GError          **error)
{
  g_autoptr(LmDrawPlan) plan = NULL;
  LmLeftBehindRule *rule;

  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (sampler != NULL, NULL);
  g_return_val_if_fail (lm_weight_sampler_get_n_indices (sampler) == lm_dataset_get_n_indices (dataset), NULL);
  g_return_val_if_fail (lm_dataset_get_n_indices (dataset) <= MAX_INDICES, NULL);

  plan = g_new0 (LmDrawPlan, 1);
  plan->sampler = lm_weight_sampler_ref (sampler);
  plan->n_indices = lm_dataset_get_n_indices (dataset);
  plan->indices = g_new0 (IndexPlan, MAX (plan->n_indices, 1));
  plan->max_areas = 1;
  plan->max_domains = 1;
  for (guint i = 0; i < plan->n_indices; i++)
    plan_index (plan, i);

  rule = lm_dataset_get_left_behind_rule (dataset);
  if (rule != NULL)
    {
      plan->rule_level = rule->level;
      plan->max_areas = MAX (plan->max_areas, rule->level->n_areas);
      plan->criteria = g_new0 (CriterionPlan, rule->criteria->len);
      for (guint c = 0; c < rule->criteria->len; c++, plan->n_criteria++)
        if (!plan_criterion (plan, g_ptr_array_index (rule->criteria, c), &plan->criteria[c], error))
          return NULL;
    }
  return g_steal_pointer (&plan);
}

void
lm_draw_plan_free (LmDrawPlan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->n_indices; i++)
    g_free (plan->indices[i].levels);
  for (guint c = 0; c < plan->n_criteria; c++)
    g_free (plan->criteria[c].fixed);
  g_free (plan->criteria);
  g_free (plan->indices);
  lm_weight_sampler_unref (plan->sampler);
  g_free (plan);
}

guint
lm_draw_plan_get_n_indices (const LmDrawPlan *plan)
{
  return plan->n_indices;
}

guint
lm_draw_plan_get_n_levels (const LmDrawPlan *plan,
                           guint             index)
{
  g_return_val_if_fail (index < plan->n_indices, 0);
  return plan->indices[index].n_levels;
}

LmLevel *
lm_draw_plan_get_level (const LmDrawPlan *plan,
                        guint             index,
                        guint             slot)
{
  g_return_val_if_fail (index < plan->n_indices, NULL);
  g_return_val_if_fail (slot < plan->indices[index].n_levels, NULL);
  return plan->indices[index].levels[slot];
}

LmLevel *
lm_draw_plan_get_rule_level (const LmDrawPlan *plan)
{
  return plan->rule_level;
}

guint32
lm_draw_plan_get_rule_indices (const LmDrawPlan *plan)
{
  return plan->rule_indices;
}

LmDrawWork *
lm_draw_work_new (const LmDrawPlan *plan)
{
  LmDrawWork *work = g_new0 (LmDrawWork, 1);
  guint n = plan->max_areas;

  work->plan = plan;
  work->scores = g_new0 (double *, MAX (plan->n_slots, 1));
  work->ranks = g_new0 (guint *, MAX (plan->n_slots, 1));
  work->n_ranked = g_new0 (guint, MAX (plan->n_slots, 1));
  for (guint i = 0; i < plan->n_indices; i++)
    for (guint s = 0; s < plan->indices[i].n_levels; s++)
      {
        guint areas = MAX (plan->indices[i].levels[s]->n_areas, 1);

        work->scores[plan->indices[i].first + s] = g_new (double, areas);
        work->ranks[plan->indices[i].first + s] = g_new0 (guint, areas);
      }
  work->weights = g_new (double, plan->max_domains);
  work->sum = g_new (double, n);
  work->weight = g_new (double, n);
  work->flags = g_new (double, n);
  work->values = g_new (double, n);
  work->scratch_values = g_new (double, n);
  work->scratch_ranks = g_new (guint, n);
  work->meets = g_new (guint8, n);
  work->rank_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  return work;
}

void
lm_draw_work_free (LmDrawWork *work)
{
  if (work == NULL)
    return;
  for (guint s = 0; s < work->plan->n_slots; s++)
    {
      g_free (work->scores[s]);
      g_free (work->ranks[s]);
    }
  g_free (work->scores);
  g_free (work->ranks);
  g_free (work->n_ranked);
  g_free (work->weights);
  g_free (work->sum);
  g_free (work->weight);
  g_free (work->flags);
  g_free (work->values);
  g_free (work->scratch_values);
  g_free (work->scratch_ranks);
  g_free (work->meets);
  g_array_unref (work->rank_scratch);
  g_free (work);
}

void
lm_draw_plan_run (const LmDrawPlan *plan,
                  LmDrawWork       *work,
                  guint64           seed,
                  guint64           draw,
                  guint32           indices,
                  gboolean          left_behind)
{
  g_return_if_fail (work->plan == plan);
  g_return_if_fail (!left_behind || (indices & plan->rule_indices) == plan->rule_indices);

  for (guint i = 0; i < plan->n_indices; i++)
    if (indices & (1u << i))
      run_index (plan, work, i, seed, draw);
  if (left_behind && plan->rule_level != NULL)
    run_rule (plan, work);
}

void
lm_draw_work_get_level (LmDrawWork  *work,
                        guint        index,
                        guint        slot,
                        LmDrawLevel *out)
{
  const IndexPlan *plan;

  g_return_if_fail (index < work->plan->n_indices);
  plan = &work->plan->indices[index];
  g_return_if_fail (slot < plan->n_levels);

  out->level = plan->levels[slot];
  out->scores = work->scores[plan->first + slot];
  out->ranks = work->ranks[plan->first + slot];
  out->n_ranked = work->n_ranked[plan->first + slot];
}

const double *
lm_draw_work_get_flags (LmDrawWork *work)
{
  return work->flags;
}
