/* lm-uncertainty.h — how sure the ranks and the left-behind set are when
 * the weights are uncertain (Monte Carlo over weight draws)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-dataset.h"
#include "lm-weight-sampler.h"

G_BEGIN_DECLS

#define LM_UNCERTAINTY_ERROR (lm_uncertainty_error_quark ())

typedef enum
{
  LM_UNCERTAINTY_ERROR_DRAWS,    /* the number of draws is out of range */
  LM_UNCERTAINTY_ERROR_MEMORY,   /* the ranks of every draw do not fit in memory */
} LmUncertaintyError;

#define LM_UNCERTAINTY_DEFAULT_DRAWS 1000
#define LM_UNCERTAINTY_MAX_DRAWS     10000
#define LM_UNCERTAINTY_DEFAULT_SEED  1

/* The headline thresholds: left-behind areas that stay so in at least
 * 90% of draws, other areas that are so in at least 10%. */
#define LM_UNCERTAINTY_STAYING  0.9
#define LM_UNCERTAINTY_ENTERING 0.1

/* Called from the run's threads as draws finish (@done of @total steps):
 * it must be thread-safe. */
typedef void (*LmUncertaintyProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

#define LM_TYPE_UNCERTAINTY (lm_uncertainty_get_type ())
G_DECLARE_FINAL_TYPE (LmUncertainty, lm_uncertainty, LM, UNCERTAINTY, GObject)

GQuark          lm_uncertainty_error_quark   (void);

/**
 * lm_uncertainty_run:
 * @dataset: the data
 * @sampler: how the weights are drawn, centred on the weights it was made
 *   with
 * @n_draws: 1 to LM_UNCERTAINTY_MAX_DRAWS
 * @seed: any number; the same seed gives the same results
 * @n_threads: 0 for one per processor
 * @cancellable: (nullable): stops the run between draws
 * @progress: (nullable): told how far the run is, from its threads
 * @user_data: for @progress
 * @error: LM_UNCERTAINTY_ERROR, G_IO_ERROR_CANCELLED, or
 *   LM_DRAW_PLAN_ERROR for a rule draws cannot judge
 *
 * Draws @n_draws weight vectors for each index and recomputes, for each,
 * what a weight change recomputes: scores, ranks and deciles at every
 * level, and the left-behind set. Keeps, per area, the median rank and
 * its 5th and 95th percentiles (the inverse of the empirical distribution
 * function, so ranks stay whole), the share of draws in the most
 * deprived decile and the share of draws left behind. Each draw has its
 * own random stream (@seed, draw), so the results do not depend on
 * @n_threads. Runs in the calling thread and @n_threads - 1 more.
 *
 * Returns: (transfer full): the results, or NULL with @error set
 */
LmUncertainty  *lm_uncertainty_run           (LmDataset              *dataset,
                                              LmWeightSampler        *sampler,
                                              guint                   n_draws,
                                              guint64                 seed,
                                              guint                   n_threads,
                                              GCancellable           *cancellable,
                                              LmUncertaintyProgress   progress,
                                              gpointer                user_data,
                                              GError                **error);
/* The same in a worker thread, on every processor. @progress is called
 * in the thread-default main context of the caller, at most once per
 * percent; @callback too, when the run ends. */
void            lm_uncertainty_run_async     (LmDataset              *dataset,
                                              LmWeightSampler        *sampler,
                                              guint                   n_draws,
                                              guint64                 seed,
                                              GCancellable           *cancellable,
                                              LmUncertaintyProgress   progress,
                                              gpointer                progress_data,
                                              GDestroyNotify          progress_destroy,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
LmUncertainty  *lm_uncertainty_run_finish    (GAsyncResult           *result,
                                              GError                **error);

LmDataset      *lm_uncertainty_get_dataset   (LmUncertainty          *self);
LmWeightSampler *lm_uncertainty_get_sampler  (LmUncertainty          *self);
guint           lm_uncertainty_get_n_draws   (LmUncertainty          *self);
guint64         lm_uncertainty_get_seed      (LmUncertainty          *self);
/* Wall-clock time of the run, in milliseconds. */
double          lm_uncertainty_get_elapsed_ms (LmUncertainty         *self);

/* The results as variables, each at one level: ID.rank_p05,
 * ID.rank_median, ID.rank_p95 and ID.top_decile_probability at every
 * level of each index, and FLAG_probability (left_behind_probability) at
 * the rule's level. Their values, one per area, or NULL. */
const double   *lm_uncertainty_lookup        (LmUncertainty          *self,
                                              const char             *level_id,
                                              const char             *variable_id);
/* Adds the variables to the dataset's levels, or sets their values if a
 * run added them before: they are then mapped, tabled and exported like
 * any other. */
void            lm_uncertainty_apply         (LmUncertainty          *self);

/* The rule's level, or NULL without a rule. */
LmLevel        *lm_uncertainty_get_rule_level (LmUncertainty         *self);
/* Areas left behind at the sampler's centre weights. */
guint           lm_uncertainty_count_left_behind (LmUncertainty      *self);
/* Of those, how many are left behind in at least @share of the draws. */
guint           lm_uncertainty_count_staying (LmUncertainty          *self,
                                              double                  share);
/* Of the others, how many are left behind in at least @share. */
guint           lm_uncertainty_count_entering (LmUncertainty         *self,
                                              double                  share);
/* "1000 draws, seed 42. Dirichlet draws around the weights, medium
 * spread (concentration 100)." Free with g_free(). */
char           *lm_uncertainty_describe      (LmUncertainty          *self);
/* For a figure of @variable: the run's description and headline, and a
 * warning when the draws were centred on other weights than the
 * dataset's now; NULL when the run did not make @variable. Free with
 * g_free(). */
char           *lm_uncertainty_describe_variable (LmUncertainty      *self,
                                                  LmLevel            *level,
                                                  LmVariable         *variable);
/* The headline numbers in a sentence, or NULL without a rule. Free with
 * g_free(). */
char           *lm_uncertainty_describe_headline (LmUncertainty      *self);

G_END_DECLS
