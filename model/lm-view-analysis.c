/* lm-view-analysis.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-uncertainty.h"
#include "lm-view-analysis.h"
#include "lm-view-private.h"

struct _LmViewAnalysis
{
  GObject  parent_instance;

  guint    draws;
  guint64  seed;
  char    *spread;
  GStrv    ranges;
  gboolean show_bivariate;
  gboolean show_intervals;
  char    *bivariate;
  char    *bivariate_palette;
};

G_DEFINE_FINAL_TYPE (LmViewAnalysis, lm_view_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNCERTAINTY_DRAWS,
  PROP_UNCERTAINTY_SEED,
  PROP_UNCERTAINTY_SPREAD,
  PROP_UNCERTAINTY_RANGES,
  PROP_SHOW_BIVARIATE,
  PROP_BIVARIATE,
  PROP_BIVARIATE_PALETTE,
  PROP_SHOW_INTERVALS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GObject overrides */

static void
lm_view_analysis_dispatch_properties_changed (GObject     *object,
                                              guint        n_pspecs,
                                              GParamSpec **pspecs)
{
  G_OBJECT_CLASS (lm_view_analysis_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  g_signal_emit (object, signals[CHANGED], 0);
}

static void
lm_view_analysis_finalize (GObject *object)
{
  LmViewAnalysis *self = LM_VIEW_ANALYSIS (object);

  g_free (self->spread);
  g_strfreev (self->ranges);
  g_free (self->bivariate);
  g_free (self->bivariate_palette);

  G_OBJECT_CLASS (lm_view_analysis_parent_class)->finalize (object);
}

static void
lm_view_analysis_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LmViewAnalysis *self = LM_VIEW_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_UNCERTAINTY_DRAWS:
      g_value_set_uint (value, self->draws);
      break;
    case PROP_UNCERTAINTY_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_UNCERTAINTY_SPREAD:
      g_value_set_string (value, self->spread);
      break;
    case PROP_UNCERTAINTY_RANGES:
      g_value_set_boxed (value, self->ranges);
      break;
    case PROP_SHOW_BIVARIATE:
      g_value_set_boolean (value, self->show_bivariate);
      break;
    case PROP_BIVARIATE:
      g_value_set_string (value, self->bivariate);
      break;
    case PROP_BIVARIATE_PALETTE:
      g_value_set_string (value, self->bivariate_palette);
      break;
    case PROP_SHOW_INTERVALS:
      g_value_set_boolean (value, self->show_intervals);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_view_analysis_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LmViewAnalysis *self = LM_VIEW_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_UNCERTAINTY_DRAWS:
      lm_view_analysis_set_uncertainty_draws (self, g_value_get_uint (value));
      break;
    case PROP_UNCERTAINTY_SEED:
      lm_view_analysis_set_uncertainty_seed (self, g_value_get_uint64 (value));
      break;
    case PROP_UNCERTAINTY_SPREAD:
      lm_view_analysis_set_uncertainty_spread (self, g_value_get_string (value));
      break;
    case PROP_UNCERTAINTY_RANGES:
      lm_view_analysis_set_uncertainty_ranges (self, g_value_get_boxed (value));
      break;
    case PROP_SHOW_BIVARIATE:
      lm_view_analysis_set_show_bivariate (self, g_value_get_boolean (value));
      break;
    case PROP_BIVARIATE:
      lm_view_analysis_set_bivariate (self, g_value_get_string (value));
      break;
    case PROP_BIVARIATE_PALETTE:
      lm_view_analysis_set_bivariate_palette (self, g_value_get_string (value));
      break;
    case PROP_SHOW_INTERVALS:
      lm_view_analysis_set_show_intervals (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_view_analysis_class_init (LmViewAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispatch_properties_changed = lm_view_analysis_dispatch_properties_changed;
  object_class->finalize = lm_view_analysis_finalize;
  object_class->get_property = lm_view_analysis_get_property;
  object_class->set_property = lm_view_analysis_set_property;

  properties[PROP_UNCERTAINTY_DRAWS] =
    g_param_spec_uint ("uncertainty-draws", NULL, NULL, 1, LM_UNCERTAINTY_MAX_DRAWS,
                       LM_UNCERTAINTY_DEFAULT_DRAWS, rw);
  properties[PROP_UNCERTAINTY_SEED] =
    g_param_spec_uint64 ("uncertainty-seed", NULL, NULL, 0, G_MAXUINT64, LM_UNCERTAINTY_DEFAULT_SEED, rw);
  properties[PROP_UNCERTAINTY_SPREAD] =
    g_param_spec_string ("uncertainty-spread", NULL, NULL, "medium", rw);
  properties[PROP_UNCERTAINTY_RANGES] =
    g_param_spec_boxed ("uncertainty-ranges", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_SHOW_BIVARIATE] =
    g_param_spec_boolean ("show-bivariate", NULL, NULL, FALSE, rw);
  properties[PROP_BIVARIATE] = g_param_spec_string ("bivariate", NULL, NULL, NULL, rw);
  properties[PROP_BIVARIATE_PALETTE] = g_param_spec_string ("bivariate-palette", NULL, NULL, NULL, rw);
  properties[PROP_SHOW_INTERVALS] = g_param_spec_boolean ("show-intervals", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmViewAnalysis::changed:
   *
   * Once after a batch of property notifications.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lm_view_analysis_init (LmViewAnalysis *self)
{
  self->draws = LM_UNCERTAINTY_DEFAULT_DRAWS;
  self->seed = LM_UNCERTAINTY_DEFAULT_SEED;
  self->spread = g_strdup ("medium");
}

/* Public API */

LmViewAnalysis *
lm_view_analysis_new (void)
{
  return g_object_new (LM_TYPE_VIEW_ANALYSIS, NULL);
}

guint
lm_view_analysis_get_uncertainty_draws (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), 0);
  return self->draws;
}

void
lm_view_analysis_set_uncertainty_draws (LmViewAnalysis *self,
                                        guint           draws)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  draws = CLAMP (draws, 1, LM_UNCERTAINTY_MAX_DRAWS);
  if (self->draws == draws)
    return;
  self->draws = draws;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCERTAINTY_DRAWS]);
}

guint64
lm_view_analysis_get_uncertainty_seed (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), 0);
  return self->seed;
}

void
lm_view_analysis_set_uncertainty_seed (LmViewAnalysis *self,
                                       guint64         seed)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  if (self->seed == seed)
    return;
  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCERTAINTY_SEED]);
}

const char *
lm_view_analysis_get_uncertainty_spread (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  return self->spread;
}

void
lm_view_analysis_set_uncertainty_spread (LmViewAnalysis *self,
                                         const char     *spread)
{
  double concentration;

  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));
  g_return_if_fail (spread != NULL && lm_weight_spread_parse (spread, &concentration, NULL));

  if (_lm_view_set_string (&self->spread, spread))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCERTAINTY_SPREAD]);
}

const char * const *
lm_view_analysis_get_uncertainty_ranges (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  return (const char * const *) self->ranges;
}

void
lm_view_analysis_set_uncertainty_ranges (LmViewAnalysis     *self,
                                         const char * const *ranges)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  if (_lm_view_take_strv (&self->ranges, ranges != NULL && ranges[0] != NULL
                                           ? g_strdupv ((char **) ranges) : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCERTAINTY_RANGES]);
}

gboolean
lm_view_analysis_get_show_bivariate (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), FALSE);
  return self->show_bivariate;
}

void
lm_view_analysis_set_show_bivariate (LmViewAnalysis *self,
                                     gboolean        show)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  show = !!show;
  if (self->show_bivariate == show)
    return;
  self->show_bivariate = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BIVARIATE]);
}

const char *
lm_view_analysis_get_bivariate (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  return self->bivariate;
}

void
lm_view_analysis_set_bivariate (LmViewAnalysis *self,
                                const char     *spec)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  if (_lm_view_set_string (&self->bivariate, spec))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIVARIATE]);
}

const char *
lm_view_analysis_get_bivariate_palette (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  return self->bivariate_palette;
}

void
lm_view_analysis_set_bivariate_palette (LmViewAnalysis *self,
                                        const char     *palette)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  if (_lm_view_set_string (&self->bivariate_palette, palette))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIVARIATE_PALETTE]);
}

gboolean
lm_view_analysis_get_show_intervals (LmViewAnalysis *self)
{
  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), FALSE);
  return self->show_intervals;
}

void
lm_view_analysis_set_show_intervals (LmViewAnalysis *self,
                                     gboolean        show)
{
  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));

  show = !!show;
  if (self->show_intervals == show)
    return;
  self->show_intervals = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INTERVALS]);
}

/* Snapshots */

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value != NULL ? value : ""));
}

void
lm_view_analysis_add_settings (LmViewAnalysis  *self,
                               GVariantBuilder *builder)
{
  const char * const none[] = { NULL };

  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));
  g_return_if_fail (builder != NULL);

  g_variant_builder_add (builder, "{sv}", "uncertainty-draws", g_variant_new_uint32 (self->draws));
  g_variant_builder_add (builder, "{sv}", "uncertainty-seed", g_variant_new_uint64 (self->seed));
  add_string (builder, "uncertainty-spread", self->spread);
  g_variant_builder_add (builder, "{sv}", "uncertainty-ranges",
                         g_variant_new_strv (self->ranges != NULL ? (const char * const *) self->ranges
                                                                  : none, -1));
  g_variant_builder_add (builder, "{sv}", "show-bivariate",
                         g_variant_new_boolean (self->show_bivariate));
  add_string (builder, "bivariate", self->bivariate);
  add_string (builder, "bivariate-palette", self->bivariate_palette);
  g_variant_builder_add (builder, "{sv}", "show-intervals",
                         g_variant_new_boolean (self->show_intervals));
}

/* "" in a snapshot is NULL here: the default. */
static const char *
nullable_string (GVariant *value)
{
  const char *text = g_variant_get_string (value, NULL);

  return *text != '\0' ? text : NULL;
}

void
lm_view_analysis_apply_settings (LmViewAnalysis *self,
                                 LmViewSnapshot *snapshot)
{
  g_autoptr(GVariant) draws = NULL;
  g_autoptr(GVariant) seed = NULL;
  g_autoptr(GVariant) spread = NULL;
  g_autoptr(GVariant) ranges = NULL;
  g_autoptr(GVariant) show_bivariate = NULL;
  g_autoptr(GVariant) bivariate = NULL;
  g_autoptr(GVariant) palette = NULL;
  g_autoptr(GVariant) show_intervals = NULL;

  g_return_if_fail (LM_IS_VIEW_ANALYSIS (self));
  g_return_if_fail (snapshot != NULL);

  draws = lm_view_snapshot_lookup (snapshot, "uncertainty-draws");
  seed = lm_view_snapshot_lookup (snapshot, "uncertainty-seed");
  spread = lm_view_snapshot_lookup (snapshot, "uncertainty-spread");
  ranges = lm_view_snapshot_lookup (snapshot, "uncertainty-ranges");
  show_bivariate = lm_view_snapshot_lookup (snapshot, "show-bivariate");
  bivariate = lm_view_snapshot_lookup (snapshot, "bivariate");
  palette = lm_view_snapshot_lookup (snapshot, "bivariate-palette");
  show_intervals = lm_view_snapshot_lookup (snapshot, "show-intervals");

  /* One "changed" for the lot. */
  g_object_freeze_notify (G_OBJECT (self));
  if (draws != NULL)
    lm_view_analysis_set_uncertainty_draws (self, g_variant_get_uint32 (draws));
  if (seed != NULL)
    lm_view_analysis_set_uncertainty_seed (self, g_variant_get_uint64 (seed));
  if (spread != NULL)
    lm_view_analysis_set_uncertainty_spread (self, g_variant_get_string (spread, NULL));
  if (ranges != NULL)
    {
      g_autofree const char **strv = g_variant_get_strv (ranges, NULL);

      lm_view_analysis_set_uncertainty_ranges (self, strv);
    }
  if (show_bivariate != NULL)
    lm_view_analysis_set_show_bivariate (self, g_variant_get_boolean (show_bivariate));
  if (bivariate != NULL)
    lm_view_analysis_set_bivariate (self, nullable_string (bivariate));
  if (palette != NULL)
    lm_view_analysis_set_bivariate_palette (self, nullable_string (palette));
  if (show_intervals != NULL)
    lm_view_analysis_set_show_intervals (self, g_variant_get_boolean (show_intervals));
  g_object_thaw_notify (G_OBJECT (self));
}

LmWeightSampler *
lm_view_analysis_make_sampler (LmViewAnalysis      *self,
                               LmDataset           *dataset,
                               const char * const  *locked,
                               GError             **error)
{
  g_autoptr(LmWeightSampler) sampler = NULL;
  double concentration;

  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);

  sampler = lm_weight_sampler_new (dataset);
  if (self->ranges != NULL)
    {
      for (guint i = 0; self->ranges[i] != NULL; i++)
        if (!lm_weight_sampler_parse_range (sampler, self->ranges[i], error))
          return NULL;
    }
  else
    {
      if (!lm_weight_spread_parse (self->spread, &concentration, error))
        return NULL;
      lm_weight_sampler_set_concentration (sampler, concentration);
    }
  for (guint i = 0; locked != NULL && locked[i] != NULL; i++)
    if (!lm_weight_sampler_lock (sampler, locked[i], error))
      return NULL;
  return g_steal_pointer (&sampler);
}

char *
lm_view_analysis_resolve_bivariate (LmViewAnalysis *self,
                                    LmDataset      *dataset,
                                    const char     *level_id)
{
  LmLevel *level;
  LmVariable *scores[2] = { NULL, NULL };
  guint n = 0;

  g_return_val_if_fail (LM_IS_VIEW_ANALYSIS (self), NULL);
  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);

  if (self->bivariate != NULL)
    return g_strdup (self->bivariate);
  level = lm_dataset_find_level (dataset, level_id);
  for (guint i = 0; level != NULL && i < lm_dataset_get_n_indices (dataset) && n < 2; i++)
    {
      LmVariable *score = lm_index_find_variable (lm_dataset_get_index (dataset, i), level, "score");

      if (score != NULL)
        scores[n++] = score;
    }
  return n == 2 ? g_strdup_printf ("%s,%s", scores[0]->id, scores[1]->id) : NULL;
}
