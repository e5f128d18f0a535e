/* lm-weight-sampler.h — weight vectors drawn around the current weights
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-dataset.h"

G_BEGIN_DECLS

#define LM_WEIGHT_SAMPLER_ERROR (lm_weight_sampler_error_quark ())

typedef enum
{
  LM_WEIGHT_SAMPLER_ERROR_UNKNOWN_DOMAIN,  /* no such INDEX.DOMAIN */
  LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE,       /* not LOW:HIGH with 0 <= LOW <= HIGH */
  LM_WEIGHT_SAMPLER_ERROR_BAD_SPREAD,      /* not narrow, medium, wide or a positive number */
} LmWeightSamplerError;

typedef enum
{
  /* A Dirichlet distribution centred on the current shares: its
   * concentration says how far from them the draws go. */
  LM_WEIGHT_SPREAD_DIRICHLET,
  /* Each domain uniform within a range of relative weights given for it;
   * domains without one keep their current weight. */
  LM_WEIGHT_SPREAD_UNIFORM,
} LmWeightSpreadMode;

/* The named spreads, as Dirichlet concentrations. Each step quarters the
 * concentration, which doubles the spread: the Income domain of the IMD
 * (22.5%) then varies within about 19–26% (narrow), 16–30% (medium) or
 * 10–37% (wide) in 90% of draws. */
#define LM_WEIGHT_SPREAD_NARROW 400.0
#define LM_WEIGHT_SPREAD_MEDIUM 100.0
#define LM_WEIGHT_SPREAD_WIDE    25.0

typedef struct _LmWeightSampler LmWeightSampler;

#define LM_TYPE_WEIGHT_SAMPLER (lm_weight_sampler_get_type ())

GType             lm_weight_sampler_get_type        (void) G_GNUC_CONST;
GQuark            lm_weight_sampler_error_quark     (void);

/* "narrow", "medium", "wide", "none" (no spread: every draw is the
 * current weights) or a concentration > 0; FALSE with
 * LM_WEIGHT_SAMPLER_ERROR_BAD_SPREAD otherwise. */
gboolean          lm_weight_spread_parse            (const char       *text,
                                                     double           *out_concentration,
                                                     GError          **error);
/* "narrow", "medium", "wide", "none", or NULL for another concentration. */
const char       *lm_weight_spread_get_name         (double            concentration);

/* A sampler centred on the current weights of every index of @dataset
 * (copied: later weight changes do not move it), Dirichlet, medium
 * spread, nothing locked. Immutable once a run has it, so the threads of
 * a run share it. */
LmWeightSampler  *lm_weight_sampler_new             (LmDataset        *dataset);
LmWeightSampler  *lm_weight_sampler_ref             (LmWeightSampler  *self);
void              lm_weight_sampler_unref           (LmWeightSampler  *self);

LmWeightSpreadMode lm_weight_sampler_get_mode       (LmWeightSampler  *self);
/* Dirichlet mode. INFINITY: no spread. */
void              lm_weight_sampler_set_concentration (LmWeightSampler *self,
                                                     double            concentration);
double            lm_weight_sampler_get_concentration (LmWeightSampler *self);
/* Uniform mode (setting a range switches to it): "imd.income" drawn
 * uniformly from @low to @high, relative weights as for --weight. */
gboolean          lm_weight_sampler_set_range       (LmWeightSampler  *self,
                                                     const char       *domain,
                                                     double            low,
                                                     double            high,
                                                     GError          **error);
/* "imd.income=15:30", as on the command line. */
gboolean          lm_weight_sampler_parse_range     (LmWeightSampler  *self,
                                                     const char       *assignment,
                                                     GError          **error);
/* FALSE when @domain ("imd.income") has no range. */
gboolean          lm_weight_sampler_get_range       (LmWeightSampler  *self,
                                                     const char       *domain,
                                                     double           *out_low,
                                                     double           *out_high);
/* "imd.income": the domain keeps its share of the index in every draw
 * (in Dirichlet mode the other domains share the rest). */
gboolean          lm_weight_sampler_lock            (LmWeightSampler  *self,
                                                     const char       *domain,
                                                     GError          **error);

guint             lm_weight_sampler_get_n_indices   (LmWeightSampler  *self);
LmIndex          *lm_weight_sampler_get_index       (LmWeightSampler  *self,
                                                     guint             index);
/* The centre: the weights the sampler was made with. */
const double     *lm_weight_sampler_get_centre      (LmWeightSampler  *self,
                                                     guint             index);
/* Whether the centre is the dataset's current weights (they may have
 * moved since the sampler was made). */
gboolean          lm_weight_sampler_centre_is_current (LmWeightSampler *self);
/* Whether the draws of @index vary at all. */
gboolean          lm_weight_sampler_varies          (LmWeightSampler  *self,
                                                     guint             index);

/**
 * lm_weight_sampler_draw:
 * @self: a sampler
 * @index: which index (dataset order)
 * @seed: the run's seed
 * @draw: the draw's number
 * @out_weights: (out caller-allocates): one relative weight per domain
 *
 * The weights of @index in draw @draw of the run with @seed: always the
 * same for the same arguments, whatever was drawn before, so that a run
 * gives the same results in any number of threads. With no spread (or
 * nothing free to vary) they are the centre weights exactly.
 */
void              lm_weight_sampler_draw            (LmWeightSampler  *self,
                                                     guint             index,
                                                     guint64           seed,
                                                     guint64           draw,
                                                     double           *out_weights);
/* The range of a domain's share of its index (0..1) in which the draws
 * fall with probability @coverage (0.9: from the 5th to the 95th
 * percentile): exact for Dirichlet draws (Beta quantiles), from 20,000
 * draws of a fixed stream for uniform ranges. */
void              lm_weight_sampler_get_share_interval (LmWeightSampler *self,
                                                     guint             index,
                                                     guint             domain,
                                                     double            coverage,
                                                     double           *out_low,
                                                     double           *out_high);
/* One sentence for provenance lines: "Dirichlet around the weights,
 * medium spread (concentration 100)". Free with g_free(). */
char             *lm_weight_sampler_describe        (LmWeightSampler  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmWeightSampler, lm_weight_sampler_unref)

G_END_DECLS
