/* lm-model.h — the loaded dataset, the current weights and everything
 * derived from them
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-dataset.h"
#include "lm-selection.h"
#include "lm-stats.h"
#include "lm-uncertainty.h"

G_BEGIN_DECLS

#define LM_MODEL_ERROR (lm_model_error_quark ())

typedef enum
{
  LM_MODEL_ERROR_UNKNOWN_INDEX,
  LM_MODEL_ERROR_UNKNOWN_DOMAIN,
  LM_MODEL_ERROR_BAD_WEIGHT,      /* negative or not a number */
  LM_MODEL_ERROR_ALL_ZERO,        /* every weight of an index is zero */
  LM_MODEL_ERROR_UNKNOWN_VARIABLE,
  LM_MODEL_ERROR_UNKNOWN_LEVEL,
} LmModelError;

#define LM_TYPE_MODEL (lm_model_get_type ())
G_DECLARE_FINAL_TYPE (LmModel, lm_model, LM, MODEL, GObject)

GQuark                lm_model_error_quark        (void);
/* Takes the dataset and computes everything with its default weights;
 * that first result is kept as the "official" baseline for rank changes
 * and for areas entering or leaving the left-behind list. */
LmModel          *lm_model_new                    (LmDataset   *dataset);
LmDataset        *lm_model_get_dataset            (LmModel     *self);
LmSelection      *lm_model_get_selection          (LmModel     *self);
/* Sets one relative weight (>= 0) and recomputes at once. Setting every
 * weight of an index to zero is refused with LM_MODEL_ERROR_ALL_ZERO. */
gboolean          lm_model_set_weight             (LmModel     *self,
                                                   const char  *index_id,
                                                   const char  *domain_id,
                                                   double       weight,
                                                   GError     **error);
/* "imd.income=30" as on the command line. */
gboolean          lm_model_parse_weight           (LmModel     *self,
                                                   const char  *assignment,
                                                   GError     **error);
double            lm_model_get_weight             (LmModel     *self,
                                                   const char  *index_id,
                                                   const char  *domain_id);
/* Sets all of an index's weights at once (n = number of domains), one
 * recompute. */
gboolean          lm_model_set_weights            (LmModel      *self,
                                                   const char   *index_id,
                                                   const double *weights,
                                                   guint         n,
                                                   GError      **error);
/* Every index's weights as a{sad} (index id -> weights in domain
 * order), to restore later with lm_model_set_weights_state(), e.g. to undo
 * a reset. */
GVariant         *lm_model_get_weights_state      (LmModel     *self);
gboolean          lm_model_set_weights_state      (LmModel     *self,
                                                   GVariant    *state,
                                                   GError     **error);
/* NULL resets every index. */
void              lm_model_reset_weights          (LmModel     *self,
                                                   const char  *index_id);
gboolean          lm_model_weights_are_default    (LmModel     *self);
/* "imd.income=30, imd.employment=22.5" for weights that differ from the
 * defaults, or NULL if all are default (for provenance lines). */
char             *lm_model_describe_weights       (LmModel     *self);
/* Holds recomputes (and "recomputed") until thaw: a batch of weight
 * changes then costs one recompute. */
void              lm_model_freeze                 (LmModel     *self);
void              lm_model_thaw                   (LmModel     *self);
/* The left-behind criteria (see LmLeftBehindRule); @i indexes criteria. */
gboolean          lm_model_set_left_behind_threshold (LmModel  *self,
                                                   guint        i,
                                                   double       value,
                                                   GError     **error);
LmVariable       *lm_model_find_variable          (LmModel     *self,
                                                   const char  *level_id,
                                                   const char  *variable_id,
                                                   GError     **error);
/* Statistics of the report figure @report (an index into
 * lm_dataset_get_report()) after the last recompute. */
const LmStats    *lm_model_get_report_stats       (LmModel     *self,
                                                   guint        report);
/* Areas of the rule's level that are left behind now but not with the
 * official weights (entered), and the reverse (left). GArray of guint. */
GArray           *lm_model_get_left_behind_changes (LmModel    *self,
                                                   gboolean     entered);
/* Recomputes everything: indices at their native level, ranks, deciles,
 * rank changes, aggregates at every level above, the left-behind set, the
 * report statistics; then emits "recomputed". Called by the setters. */
void              lm_model_recompute              (LmModel     *self);
/* Wall-clock duration of the last recompute, in microseconds. */
gint64            lm_model_get_last_recompute_us  (LmModel     *self);
/* The last Monte Carlo run over the weights (see LmUncertainty), kept
 * with its variables applied to the dataset; NULL for none. Setting one
 * of another dataset is a programmer error. Emits "variables-changed". */
void              lm_model_set_uncertainty        (LmModel       *self,
                                                   LmUncertainty *uncertainty);
LmUncertainty    *lm_model_get_uncertainty        (LmModel     *self);
/* Says that variables were added to the dataset's levels (a run's
 * results, a comparison with another vintage): emits "variables-changed"
 * so that menus and tables list them. */
void              lm_model_notify_variables_changed (LmModel   *self);

G_END_DECLS
