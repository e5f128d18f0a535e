/* lm-comparison.h — two vintages compared on one geography
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-dataset.h"

G_BEGIN_DECLS

#define LM_COMPARISON_ERROR (lm_comparison_error_quark ())

typedef enum
{
  LM_COMPARISON_ERROR_NOT_FOUND,  /* no comparison manifest of that name */
  LM_COMPARISON_ERROR_LOOKUP,     /* the lookups do not carry each area to one area */
  LM_COMPARISON_ERROR_DATASET,    /* a dataset lacks what the manifest compares */
} LmComparisonError;

#define LM_TYPE_COMPARISON (lm_comparison_get_type ())
G_DECLARE_FINAL_TYPE (LmComparison, lm_comparison, LM, COMPARISON, GObject)

/* A comparison manifest (<comparison>, see docs/comparison.md) names a
 * "before" and an "after" vintage, the level of the after vintage where
 * they are compared, and two lookups from a base geography both vintages
 * know (2016 districts), one to each vintage's areas: composed, they
 * carry each before area to the one after area it became. Compared at
 * the official weights of each vintage: the index's rank and decile, the
 * move, the areas that entered or left the most deprived decile, and the
 * share of residents living in areas the vintage's own rule flags. */

GQuark         lm_comparison_error_quark    (void);
/* @name: a comparison id (its manifest is found as a dataset's is) or a
 * path. Reads the manifest only; LM_MANIFEST_ERROR for a bad one,
 * LM_COMPARISON_ERROR_NOT_FOUND for an unknown id. */
LmComparison  *lm_comparison_open           (const char    *name,
                                             const char    *data_root,
                                             GError       **error);
/* The path of the first comparison manifest (in the folders datasets'
 * manifests are found in) whose after vintage is @after_id, or NULL. */
char          *lm_comparison_find_for       (const char    *after_id,
                                             const char    *data_root);
const char    *lm_comparison_get_id         (LmComparison  *self);
const char    *lm_comparison_get_title      (LmComparison  *self);
const char    *lm_comparison_get_before_id  (LmComparison  *self);
const char    *lm_comparison_get_after_id   (LmComparison  *self);
const char    *lm_comparison_get_before_title (LmComparison *self);
const char    *lm_comparison_get_after_title (LmComparison *self);
/* The after vintage's level they are compared at ("lad"). */
const char    *lm_comparison_get_level_id   (LmComparison  *self);

/**
 * lm_comparison_run:
 * @self: a comparison
 * @cancellable: (nullable): checked between the steps
 * @error: LM_DATASET_ERROR, LM_CSV_ERROR or LM_COMPARISON_ERROR naming
 *   the file and the area at fault
 *
 * Loads both vintages at their official weights, composes the lookups
 * and computes the comparison. May run in a worker thread.
 */
gboolean       lm_comparison_run            (LmComparison  *self,
                                             GCancellable  *cancellable,
                                             GError       **error);
void           lm_comparison_run_async      (LmComparison        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       lm_comparison_run_finish     (LmComparison  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* After a run: the after level as loaded by the run (names, codes,
 * nesting), and the results as variables of it, PREFIX.imd_rank_before,
 * PREFIX.imd_decile_before, PREFIX.imd_rank_after,
 * PREFIX.imd_decile_after, PREFIX.imd_rank_move (before - after:
 * positive towards rank 1), PREFIX.imd_decile1_entered,
 * PREFIX.imd_decile1_left, PREFIX.left_behind_share_before and
 * PREFIX.left_behind_share_after (percent of residents). */
LmLevel       *lm_comparison_get_level      (LmComparison  *self);
guint          lm_comparison_get_n_variables (LmComparison *self);
LmVariable    *lm_comparison_get_variable   (LmComparison  *self,
                                             guint          i);
LmVariable    *lm_comparison_find_variable  (LmComparison  *self,
                                             const char    *suffix);
/* The before areas that became after area @area, as their names joined
 * with ", " ("Forest Heath, St Edmundsbury"). Free with g_free(). */
char          *lm_comparison_describe_origin (LmComparison *self,
                                             guint          area);
/* Both vintages' attribution lines, each once, for figures. */
const char * const *lm_comparison_get_attributions (LmComparison *self);
/* Residents in left-behind areas over the whole country, percent. */
double         lm_comparison_get_national_share (LmComparison *self,
                                             gboolean       after);

/* Adds (or updates) the result variables on @dataset, which must be the
 * after vintage: matched by area code at the compared level.
 * LM_COMPARISON_ERROR_DATASET otherwise. */
gboolean       lm_comparison_apply          (LmComparison  *self,
                                             LmDataset     *dataset,
                                             GError       **error);

G_END_DECLS
