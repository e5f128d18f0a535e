/* lm-left-behind-rule.h — judging areas by a left-behind rule's criteria
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-dataset.h"

G_BEGIN_DECLS

/* The steps of LmLeftBehindRule (see lm-dataset.h), written once for the
 * model's recompute and for the Monte Carlo runs, which judge every draw
 * in its own thread on its own buffers: nothing here keeps state. */

/* How many of @n_ranked areas are "the worst @percent":
 * floor (n_ranked × percent / 100), as OCSI counts its top 10%. */
guint   lm_left_behind_rule_cutoff   (guint              n_ranked,
                                      double             percent);
/* @meets[a] = 1 when @ranks[a] (1 = worst, 0 = no rank) is within the
 * worst @percent of @n_ranked areas. */
void    lm_left_behind_rule_top      (const guint       *ranks,
                                      guint              n,
                                      guint              n_ranked,
                                      double             percent,
                                      guint8            *meets);
/* @meets[a] = 1 when @criterion holds for @values[a] (NAN never meets
 * it). For a top-percent criterion the values are ranked worst first:
 * largest first when @higher_is_worse, else smallest first (ranks,
 * deciles). @scratch_values and @scratch_ranks hold @n entries;
 * @rank_scratch is as for lm_rank_descending(). */
void    lm_left_behind_rule_meets    (const LmCriterion *criterion,
                                      const double      *values,
                                      gboolean           higher_is_worse,
                                      guint              n,
                                      guint8            *meets,
                                      double            *scratch_values,
                                      guint             *scratch_ranks,
                                      GArray            *rank_scratch);
/* Folds one criterion into @flags (1 = flagged so far, start with 1):
 * an area without a value for it cannot be judged (NAN); one that does
 * not meet it is not flagged (0). */
void    lm_left_behind_rule_combine  (double            *flags,
                                      const double      *values,
                                      const guint8      *meets,
                                      guint              n);

G_END_DECLS
