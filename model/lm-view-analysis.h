/* lm-view-analysis.h — the view's settings for the analyses of issue 12:
 * the weight draws and the bivariate map
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-dataset.h"
#include "lm-view-snapshot.h"
#include "lm-weight-sampler.h"

G_BEGIN_DECLS

#define LM_TYPE_VIEW_ANALYSIS (lm_view_analysis_get_type ())
G_DECLARE_FINAL_TYPE (LmViewAnalysis, lm_view_analysis, LM, VIEW_ANALYSIS, GObject)

/**
 * LmViewAnalysis:
 *
 * Part of what the user sees (LmView:analysis), kept apart so that the
 * view's own file stays small: how the Monte Carlo run draws its weights,
 * and whether and how the map shows two variables. Like the view's, every
 * property has G_PARAM_EXPLICIT_NOTIFY and its setter returns early when
 * nothing changes; "changed" follows each batch of notifications, and
 * the view passes it on as its own "changed" (a scenario is modified).
 * Scenarios save these with the rest of the view.
 *
 * Properties:
 *   "uncertainty-draws"   uint    1 to 10000 (default 1000)
 *   "uncertainty-seed"    uint64  (default 1)
 *   "uncertainty-spread"  string  narrow, medium (default), wide, none or
 *                                 a Dirichlet concentration
 *   "uncertainty-ranges"  strv    "INDEX.DOMAIN=LOW:HIGH"; any: uniform
 *                                 draws within them instead of the spread
 *   "show-bivariate"      boolean the map shows two variables
 *   "bivariate"           string  "X,Y" as lm_bivariate_parse() reads
 *                                 it, or NULL for the dataset's default
 *   "bivariate-palette"   string  a two-variable scheme, NULL = default
 *   "show-intervals"      boolean the plot draws rank intervals as error
 *                                 bars (where a run made them)
 */
LmViewAnalysis   *lm_view_analysis_new                   (void);
guint             lm_view_analysis_get_uncertainty_draws (LmViewAnalysis     *self);
void              lm_view_analysis_set_uncertainty_draws (LmViewAnalysis     *self,
                                                          guint               draws);
guint64           lm_view_analysis_get_uncertainty_seed  (LmViewAnalysis     *self);
void              lm_view_analysis_set_uncertainty_seed  (LmViewAnalysis     *self,
                                                          guint64             seed);
const char       *lm_view_analysis_get_uncertainty_spread (LmViewAnalysis    *self);
void              lm_view_analysis_set_uncertainty_spread (LmViewAnalysis    *self,
                                                           const char        *spread);
const char * const *lm_view_analysis_get_uncertainty_ranges (LmViewAnalysis  *self);
void              lm_view_analysis_set_uncertainty_ranges (LmViewAnalysis    *self,
                                                           const char * const *ranges);
gboolean          lm_view_analysis_get_show_bivariate    (LmViewAnalysis     *self);
void              lm_view_analysis_set_show_bivariate    (LmViewAnalysis     *self,
                                                          gboolean            show);
const char       *lm_view_analysis_get_bivariate         (LmViewAnalysis     *self);
void              lm_view_analysis_set_bivariate         (LmViewAnalysis     *self,
                                                          const char         *spec);
const char       *lm_view_analysis_get_bivariate_palette (LmViewAnalysis     *self);
void              lm_view_analysis_set_bivariate_palette (LmViewAnalysis     *self,
                                                          const char         *palette);

gboolean          lm_view_analysis_get_show_intervals    (LmViewAnalysis     *self);
void              lm_view_analysis_set_show_intervals    (LmViewAnalysis     *self,
                                                          gboolean            show);

/* The settings as snapshot entries ("uncertainty-draws", ...; see
 * LmViewSnapshot), added to the a{sv} @builder. */
void              lm_view_analysis_add_settings          (LmViewAnalysis     *self,
                                                          GVariantBuilder    *builder);
/* Sets what @snapshot holds of these settings, leaving the rest; the
 * snapshot's values are checked already. */
void              lm_view_analysis_apply_settings        (LmViewAnalysis     *self,
                                                          LmViewSnapshot     *snapshot);

/* A sampler for @dataset's current weights as these settings say, with
 * the @locked domains ("index.domain") kept; LM_WEIGHT_SAMPLER_ERROR for
 * a spread or range the data do not allow. */
LmWeightSampler  *lm_view_analysis_make_sampler          (LmViewAnalysis     *self,
                                                          LmDataset          *dataset,
                                                          const char * const *locked,
                                                          GError            **error);
/* The bivariate map to show on @dataset at @level_id: the "bivariate"
 * setting, or when it is NULL the variables of the left-behind rule's
 * criteria (the two indices it judges), else the first two indices'
 * scores; NULL when the level has fewer than two. Free with g_free(). */
char             *lm_view_analysis_resolve_bivariate     (LmViewAnalysis     *self,
                                                          LmDataset          *dataset,
                                                          const char         *level_id);

G_END_DECLS
