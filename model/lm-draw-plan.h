/* lm-draw-plan.h — one Monte Carlo draw: what a weight change recomputes,
 * on buffers of its own
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-dataset.h"
#include "lm-weight-sampler.h"

G_BEGIN_DECLS

/* What every draw of a run computes, fixed when the run starts: for each
 * index the chain of levels from its native one up, and for the
 * left-behind rule where each criterion's values come from (a draw's
 * score, rank or decile, or a fixed variable copied now). Immutable, so
 * the threads of a run share one. Reads only what never changes after
 * loading (exponential domain scores, nesting, populations), never the
 * variables a weight change rewrites: the window may recompute while a
 * run goes on. */
typedef struct _LmDrawPlan LmDrawPlan;

/* One thread's buffers for the draws it computes. */
typedef struct _LmDrawWork LmDrawWork;

/* Results of the last draw computed in a work, for index @index at the
 * @slot-th level of its chain (0 = its native level). */
typedef struct
{
  LmLevel      *level;
  const double *scores;    /* level->n_areas, NAN = no value */
  const guint  *ranks;     /* 1 = most deprived, 0 = no value */
  guint         n_ranked;
} LmDrawLevel;

#define LM_DRAW_PLAN_ERROR (lm_draw_plan_error_quark ())

typedef enum
{
  /* The rule has a criterion on a variable that depends on the weights
   * other than an index's score, rank or decile. */
  LM_DRAW_PLAN_ERROR_UNSUPPORTED_RULE,
} LmDrawPlanError;

GQuark        lm_draw_plan_error_quark  (void);
LmDrawPlan   *lm_draw_plan_new          (LmDataset        *dataset,
                                         LmWeightSampler  *sampler,
                                         GError          **error);
void          lm_draw_plan_free         (LmDrawPlan       *plan);
guint         lm_draw_plan_get_n_indices (const LmDrawPlan *plan);
/* Levels in the chain of @index (native first). */
guint         lm_draw_plan_get_n_levels (const LmDrawPlan *plan,
                                         guint             index);
LmLevel      *lm_draw_plan_get_level    (const LmDrawPlan *plan,
                                         guint             index,
                                         guint             slot);
/* The rule's level, or NULL without a rule. */
LmLevel      *lm_draw_plan_get_rule_level (const LmDrawPlan *plan);
/* The indices the rule's criteria depend on, as a bit mask. */
guint32       lm_draw_plan_get_rule_indices (const LmDrawPlan *plan);

LmDrawWork   *lm_draw_work_new          (const LmDrawPlan *plan);
void          lm_draw_work_free         (LmDrawWork       *work);

/**
 * lm_draw_plan_run:
 * @plan: the plan
 * @work: this thread's buffers
 * @seed: the run's seed
 * @draw: the draw's number, or G_MAXUINT64 for the centre (the weights
 *   the sampler was made with, no draw)
 * @indices: bit i set: compute index i (its weights, scores at every
 *   level of its chain, ranks)
 * @left_behind: judge the rule (its indices must be in @indices)
 *
 * Computes one draw into @work. The same arguments give the same bits in
 * any thread, and the centre gives those of a weight change to the same
 * weights.
 */
void          lm_draw_plan_run          (const LmDrawPlan *plan,
                                         LmDrawWork       *work,
                                         guint64           seed,
                                         guint64           draw,
                                         guint32           indices,
                                         gboolean          left_behind);
void          lm_draw_work_get_level    (LmDrawWork       *work,
                                         guint             index,
                                         guint             slot,
                                         LmDrawLevel      *out);
/* The rule's flags after a run with @left_behind: 1, 0 or NAN (cannot be
 * judged), one per area of the rule's level. */
const double *lm_draw_work_get_flags    (LmDrawWork       *work);

#define LM_DRAW_CENTRE G_MAXUINT64

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmDrawPlan, lm_draw_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmDrawWork, lm_draw_work_free)

G_END_DECLS
