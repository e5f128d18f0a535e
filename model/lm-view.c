/* lm-view.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-classify.h"
#include "lm-view.h"
#include "lm-view-private.h"

struct _LmView
{
  GObject          parent_instance;

  /* Owned References */
  LmModel         *model;
  /* The weights and thresholds as last notified: the model recomputes
   * for other reasons too, and only a real change is announced. */
  GVariant        *weights;
  GVariant        *thresholds;
  char           **locked;          /* sorted, never NULL */
  char            *level_id;
  char            *variable_id;
  char            *method;
  char            *palette;         /* NULL: the variable's default */
  char            *plot_preset;
  char            *plot_level;
  char            *plot_x;
  char            *plot_y;
  LmBounds        *extent;          /* NULL: the whole layer */
  LmViewAnalysis  *analysis;        /* the draws and the bivariate map */

  /* State */
  guint            n_classes;
  guint            custom_weights : 1;
  guint            show_left_behind : 1;
  guint            weighted : 1;
};

G_DEFINE_FINAL_TYPE (LmView, lm_view, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-view-error-quark, lm_view_error)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DATASET,
  PROP_WEIGHTS,
  PROP_CUSTOM_WEIGHTS,
  PROP_THRESHOLDS,
  PROP_LOCKED,
  PROP_LEVEL,
  PROP_VARIABLE,
  PROP_METHOD,
  PROP_N_CLASSES,
  PROP_PALETTE,
  PROP_SHOW_LEFT_BEHIND,
  PROP_PLOT_PRESET,
  PROP_PLOT_LEVEL,
  PROP_PLOT_X,
  PROP_PLOT_Y,
  PROP_WEIGHTED,
  PROP_SELECTION,
  PROP_EXTENT,
  PROP_ANALYSIS,
  N_PROPS
};

enum {
  CHANGED,
  VARIABLE_SUBSTITUTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
notify (LmView *self,
        guint   prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static LmDataset *
get_dataset (LmView *self)
{
  return self->model != NULL ? lm_model_get_dataset (self->model) : NULL;
}

static LmLevel *
find_level (LmView     *self,
            const char *level_id)
{
  LmDataset *dataset = get_dataset (self);

  return dataset != NULL && level_id != NULL ? lm_dataset_find_level (dataset, level_id) : NULL;
}

static gboolean
has_variable (LmView     *self,
              const char *level_id,
              const char *variable_id)
{
  return _lm_view_has_variable (get_dataset (self), level_id, variable_id);
}

/* A variable that exists at @level: @wanted if it does, else the score
 * of @wanted's index, else the score of the dataset's first index, else
 * the level's first variable. */
static const char *
choose_variable (LmView     *self,
                 LmLevel    *level,
                 const char *wanted)
{
  LmDataset *dataset = get_dataset (self);
  const char *dot;

  if (wanted != NULL && lm_level_find_variable (level, wanted) != NULL)
    return wanted;
  if (wanted != NULL && (dot = strchr (wanted, '.')) != NULL)
    {
      g_autofree char *score = g_strdup_printf ("%.*s.score", (int) (dot - wanted), wanted);
      LmVariable *variable = lm_level_find_variable (level, score);

      if (variable != NULL)
        return variable->id;
    }
  if (lm_dataset_get_n_indices (dataset) > 0)
    {
      LmIndex *index = lm_dataset_get_index (dataset, 0);
      LmVariable *variable = lm_index_find_variable (index, level, "score");

      if (variable != NULL)
        return variable->id;
    }
  if (level->variables->len > 0)
    return ((LmVariable *) g_ptr_array_index (level->variables, 0))->id;
  return NULL;
}

/* The level a dataset opens at when the one asked for is not there: the
 * level of its left-behind rule, else its finest. */
static LmLevel *
get_default_level (LmDataset *dataset)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);

  if (rule != NULL)
    return rule->level;
  return lm_dataset_get_level (dataset, 0);
}

static gboolean
preset_fits (LmView               *self,
             const LmReportPreset *preset)
{
  return self->model == NULL ||
         (has_variable (self, preset->level, preset->x) &&
          has_variable (self, preset->level, preset->y));
}

static gboolean
is_custom_plot (LmView *self)
{
  return g_strcmp0 (self->plot_preset, LM_VIEW_PLOT_CUSTOM) == 0;
}

static void
set_plot_axes (LmView     *self,
               const char *level_id,
               const char *x_id,
               const char *y_id)
{
  if (_lm_view_set_string (&self->plot_level, level_id))
    notify (self, PROP_PLOT_LEVEL);
  if (_lm_view_set_string (&self->plot_x, x_id))
    notify (self, PROP_PLOT_X);
  if (_lm_view_set_string (&self->plot_y, y_id))
    notify (self, PROP_PLOT_Y);
}

/* Keeps the plot's axes where @level has them; two different ones if
 * the level has two variables. */
static void
plot_at_level (LmView  *self,
               LmLevel *level)
{
  const char *x = choose_variable (self, level, self->plot_x);
  const char *y = choose_variable (self, level, self->plot_y);

  if (g_strcmp0 (x, y) == 0)
    {
      for (guint i = 0; i < level->variables->len; i++)
        {
          LmVariable *other = g_ptr_array_index (level->variables, i);

          if (g_strcmp0 (other->id, x) != 0)
            {
              y = other->id;
              break;
            }
        }
    }
  set_plot_axes (self, level->id, x, y);
}

/* Setting an axis by hand leaves the report figures behind. */
static void
make_plot_custom (LmView *self)
{
  if (_lm_view_set_string (&self->plot_preset, LM_VIEW_PLOT_CUSTOM))
    notify (self, PROP_PLOT_PRESET);
}

static GVariant *
get_thresholds (LmDataset *dataset)
{
  LmLeftBehindRule *rule = dataset != NULL ? lm_dataset_get_left_behind_rule (dataset) : NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ad"));
  for (guint i = 0; rule != NULL && i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);

      g_variant_builder_add (&builder, "d", criterion->value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* After a recompute (or a new model): announce weights and thresholds
 * only if they moved. */
static void
update_model_values (LmView *self)
{
  g_autoptr(GVariant) weights = NULL;
  g_autoptr(GVariant) thresholds = get_thresholds (get_dataset (self));
  gboolean custom = self->model != NULL && !lm_model_weights_are_default (self->model);

  if (self->model != NULL)
    weights = lm_model_get_weights_state (self->model);
  else
    weights = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sad}"), NULL, 0));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->weights == NULL || !g_variant_equal (self->weights, weights))
    {
      g_clear_pointer (&self->weights, g_variant_unref);
      self->weights = g_steal_pointer (&weights);
      notify (self, PROP_WEIGHTS);
    }
  if (self->thresholds == NULL || !g_variant_equal (self->thresholds, thresholds))
    {
      g_clear_pointer (&self->thresholds, g_variant_unref);
      self->thresholds = g_steal_pointer (&thresholds);
      notify (self, PROP_THRESHOLDS);
    }
  if (self->custom_weights != custom)
    {
      self->custom_weights = custom;
      notify (self, PROP_CUSTOM_WEIGHTS);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_domain (LmView     *self,
           const char *id)
{
  return _lm_view_find_domain (get_dataset (self), id) != NULL;
}

/* Sorted, without repeats, and (with a model) only the domains it has. */
static char **
normalise_locked (LmView             *self,
                  const char * const *locked)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; locked != NULL && locked[i] != NULL; i++)
    if (self->model == NULL || is_domain (self, locked[i]))
      g_ptr_array_add (ids, (gpointer) locked[i]);
  return _lm_view_sorted_set ((const char **) ids->pdata, ids->len);
}

static void
store_locked (LmView *self,
              char  **locked)
{
  if (_lm_view_take_strv (&self->locked, locked))
    notify (self, PROP_LOCKED);
}

/* A rectangle over none of the loaded boundaries (left from another
 * country's data) would show an empty map. */
static gboolean
extent_fits (LmView         *self,
             const LmBounds *extent)
{
  LmDataset *dataset = get_dataset (self);
  gboolean any = FALSE;

  for (guint i = 0; i < lm_dataset_get_n_levels (dataset); i++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, i);
      LmBounds bounds;

      if (level->shapes == NULL)
        continue;
      any = TRUE;
      bounds = lm_shape_layer_get_bounds (level->shapes);
      if (extent->xmin <= bounds.xmax && extent->xmax >= bounds.xmin &&
          extent->ymin <= bounds.ymax && extent->ymax >= bounds.ymin)
        return TRUE;
    }
  return !any;
}

/* The plot of a new dataset: the same figure if its variables are
 * there, else the first figure that is, else any two variables. */
static void
reconcile_plot (LmView  *self,
                LmLevel *map_level)
{
  const LmReportPreset *preset = _lm_view_find_report (get_dataset (self), self->plot_preset);

  if (is_custom_plot (self))
    {
      LmLevel *level = find_level (self, self->plot_level);

      plot_at_level (self, level != NULL ? level : map_level);
      return;
    }
  if (preset == NULL || !preset_fits (self, preset))
    {
      preset = NULL;
      LmDataset *dataset = get_dataset (self);

      for (guint r = 0; preset == NULL && dataset != NULL && r < lm_dataset_get_n_reports (dataset); r++)
        if (preset_fits (self, lm_dataset_get_report (dataset, r)))
          preset = lm_dataset_get_report (dataset, r);
    }
  if (preset == NULL)
    {
      make_plot_custom (self);
      plot_at_level (self, map_level);
      return;
    }
  if (_lm_view_set_string (&self->plot_preset, preset->id))
    notify (self, PROP_PLOT_PRESET);
  set_plot_axes (self, preset->level, preset->x, preset->y);
}

/* Makes every setting valid for the new model's data. */
static void
reconcile (LmView   *self,
           gboolean  first_model)
{
  LmDataset *dataset = get_dataset (self);
  LmLevel *level = find_level (self, self->level_id);

  if (level == NULL)
    level = get_default_level (dataset);
  if (_lm_view_set_string (&self->level_id, level->id))
    notify (self, PROP_LEVEL);
  if (_lm_view_set_string (&self->variable_id, choose_variable (self, level, self->variable_id)))
    notify (self, PROP_VARIABLE);
  reconcile_plot (self, level);

  /* Locks and a moved map belong to the data they were made on; the
   * first data restore what was remembered, if it fits. */
  store_locked (self, first_model ? normalise_locked (self, (const char * const *) self->locked)
                                  : g_new0 (char *, 1));
  if (self->extent != NULL && (!first_model || !extent_fits (self, self->extent)))
    lm_view_set_extent (self, NULL);
}

static void
on_model_recomputed_cb (LmView  *self,
                        LmModel *model)
{
  update_model_values (self);
}

static void
on_selection_changed_cb (LmView      *self,
                         LmSelection *selection)
{
  notify (self, PROP_SELECTION);
}

/* GObject overrides */

static void
lm_view_dispatch_properties_changed (GObject     *object,
                                     guint        n_pspecs,
                                     GParamSpec **pspecs)
{
  G_OBJECT_CLASS (lm_view_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  g_signal_emit (object, signals[CHANGED], 0);
}

static void
lm_view_dispose (GObject *object)
{
  LmView *self = LM_VIEW (object);

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (lm_model_get_selection (self->model), self);
      g_clear_object (&self->model);
    }

  G_OBJECT_CLASS (lm_view_parent_class)->dispose (object);
}

static void
lm_view_finalize (GObject *object)
{
  LmView *self = LM_VIEW (object);

  g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->weights, g_variant_unref);
  g_clear_pointer (&self->thresholds, g_variant_unref);
  g_clear_pointer (&self->locked, g_strfreev);
  g_clear_pointer (&self->level_id, g_free);
  g_clear_pointer (&self->variable_id, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->palette, g_free);
  g_clear_pointer (&self->plot_preset, g_free);
  g_clear_pointer (&self->plot_level, g_free);
  g_clear_pointer (&self->plot_x, g_free);
  g_clear_pointer (&self->plot_y, g_free);
  g_clear_pointer (&self->extent, lm_bounds_free);

  G_OBJECT_CLASS (lm_view_parent_class)->finalize (object);
}

static void
lm_view_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LmView *self = LM_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_DATASET:
      g_value_set_string (value, lm_view_get_dataset (self));
      break;
    case PROP_WEIGHTS:
      g_value_take_variant (value, lm_view_get_weights (self));
      break;
    case PROP_CUSTOM_WEIGHTS:
      g_value_set_boolean (value, self->custom_weights);
      break;
    case PROP_THRESHOLDS:
      g_value_take_variant (value, lm_view_get_thresholds (self));
      break;
    case PROP_LOCKED:
      g_value_set_boxed (value, self->locked);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level_id);
      break;
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable_id);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_N_CLASSES:
      g_value_set_uint (value, self->n_classes);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, self->palette);
      break;
    case PROP_SHOW_LEFT_BEHIND:
      g_value_set_boolean (value, self->show_left_behind);
      break;
    case PROP_PLOT_PRESET:
      g_value_set_string (value, self->plot_preset);
      break;
    case PROP_PLOT_LEVEL:
      g_value_set_string (value, self->plot_level);
      break;
    case PROP_PLOT_X:
      g_value_set_string (value, self->plot_x);
      break;
    case PROP_PLOT_Y:
      g_value_set_string (value, self->plot_y);
      break;
    case PROP_WEIGHTED:
      g_value_set_boolean (value, self->weighted);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, lm_view_get_selection (self));
      break;
    case PROP_EXTENT:
      g_value_set_boxed (value, self->extent);
      break;
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_view_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  LmView *self = LM_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lm_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_WEIGHTS:
      lm_view_set_weights (self, g_value_get_variant (value));
      break;
    case PROP_THRESHOLDS:
      lm_view_set_thresholds (self, g_value_get_variant (value));
      break;
    case PROP_LOCKED:
      lm_view_set_locked (self, g_value_get_boxed (value));
      break;
    case PROP_LEVEL:
      lm_view_set_level (self, g_value_get_string (value));
      break;
    case PROP_VARIABLE:
      lm_view_set_variable (self, g_value_get_string (value));
      break;
    case PROP_METHOD:
      lm_view_set_method (self, g_value_get_string (value));
      break;
    case PROP_N_CLASSES:
      lm_view_set_n_classes (self, g_value_get_uint (value));
      break;
    case PROP_PALETTE:
      lm_view_set_palette (self, g_value_get_string (value));
      break;
    case PROP_SHOW_LEFT_BEHIND:
      lm_view_set_show_left_behind (self, g_value_get_boolean (value));
      break;
    case PROP_PLOT_PRESET:
      lm_view_set_plot_preset (self, g_value_get_string (value));
      break;
    case PROP_PLOT_LEVEL:
      lm_view_set_plot_level (self, g_value_get_string (value));
      break;
    case PROP_PLOT_X:
      lm_view_set_plot_x (self, g_value_get_string (value));
      break;
    case PROP_PLOT_Y:
      lm_view_set_plot_y (self, g_value_get_string (value));
      break;
    case PROP_WEIGHTED:
      lm_view_set_weighted (self, g_value_get_boolean (value));
      break;
    case PROP_EXTENT:
      lm_view_set_extent (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_view_class_init (LmViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispatch_properties_changed = lm_view_dispatch_properties_changed;
  object_class->dispose = lm_view_dispose;
  object_class->finalize = lm_view_finalize;
  object_class->get_property = lm_view_get_property;
  object_class->set_property = lm_view_set_property;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL, rw);
  properties[PROP_DATASET] = g_param_spec_string ("dataset", NULL, NULL, NULL, ro);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("a{sad}"), NULL, rw);
  properties[PROP_CUSTOM_WEIGHTS] =
    g_param_spec_boolean ("custom-weights", NULL, NULL, FALSE, ro);
  properties[PROP_THRESHOLDS] =
    g_param_spec_variant ("thresholds", NULL, NULL, G_VARIANT_TYPE ("ad"), NULL, rw);
  properties[PROP_LOCKED] = g_param_spec_boxed ("locked", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, rw);
  properties[PROP_VARIABLE] = g_param_spec_string ("variable", NULL, NULL, NULL, rw);
  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, "quantile", rw);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES,
                       5, rw);
  properties[PROP_PALETTE] = g_param_spec_string ("palette", NULL, NULL, NULL, rw);
  properties[PROP_SHOW_LEFT_BEHIND] =
    g_param_spec_boolean ("show-left-behind", NULL, NULL, TRUE, rw);
  properties[PROP_PLOT_PRESET] = g_param_spec_string ("plot-preset", NULL, NULL, NULL, rw);
  properties[PROP_PLOT_LEVEL] = g_param_spec_string ("plot-level", NULL, NULL, NULL, rw);
  properties[PROP_PLOT_X] = g_param_spec_string ("plot-x", NULL, NULL, NULL, rw);
  properties[PROP_PLOT_Y] = g_param_spec_string ("plot-y", NULL, NULL, NULL, rw);
  properties[PROP_WEIGHTED] = g_param_spec_boolean ("weighted", NULL, NULL, FALSE, rw);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, LM_TYPE_SELECTION, ro);
  properties[PROP_EXTENT] = g_param_spec_boxed ("extent", NULL, NULL, LM_TYPE_BOUNDS, rw);
  properties[PROP_ANALYSIS] = g_param_spec_object ("analysis", NULL, NULL, LM_TYPE_VIEW_ANALYSIS,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[VARIABLE_SUBSTITUTED] =
    g_signal_new ("variable-substituted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
on_analysis_changed_cb (LmView *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
lm_view_init (LmView *self)
{
  self->locked = g_new0 (char *, 1);
  self->method = g_strdup ("quantile");
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  /* Its changes are the view's: a scenario is modified. */
  self->analysis = lm_view_analysis_new ();
  g_signal_connect_swapped (self->analysis, "changed", G_CALLBACK (on_analysis_changed_cb), self);
  update_model_values (self);
}

/* Public API */

/**
 * lm_view_new:
 *
 * A view without data: every setting is accepted as given until a model
 * arrives, which then corrects what its data lack.
 *
 * Returns: (transfer full): a new #LmView
 */
LmView *
lm_view_new (void)
{
  return g_object_new (LM_TYPE_VIEW, NULL);
}

LmModel *
lm_view_get_model (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->model;
}

/**
 * lm_view_set_model:
 * @self: a view
 * @model: (nullable): the data to show
 *
 * Shows @model: the level and variable are kept where its data have
 * them, else replaced; so is the plot. The first model keeps the
 * remembered locks and map extent (if the extent lies over its
 * boundaries); a later one (another dataset) starts unlocked and fitted.
 */
void
lm_view_set_model (LmView  *self,
                   LmModel *model)
{
  gboolean first;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (self->model == model)
    return;

  first = self->model == NULL;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (lm_model_get_selection (self->model), self);
    }
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lm_model_get_selection (model), "changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      reconcile (self, first);
    }
  update_model_values (self);
  notify (self, PROP_MODEL);
  notify (self, PROP_DATASET);
  notify (self, PROP_SELECTION);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lm_view_get_dataset (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->model != NULL ? lm_dataset_get_id (get_dataset (self)) : NULL;
}

/**
 * lm_view_get_weights:
 *
 * Returns: (transfer full): every index's relative weights, a{sad}
 */
GVariant *
lm_view_get_weights (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return g_variant_ref (self->weights);
}

gboolean
lm_view_get_custom_weights (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), FALSE);
  return self->custom_weights;
}

/**
 * lm_view_get_thresholds:
 *
 * Returns: (transfer full): the left-behind thresholds in criteria
 *   order, "ad" (empty without data or without a rule)
 */
GVariant *
lm_view_get_thresholds (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return g_variant_ref (self->thresholds);
}

/**
 * lm_view_get_locked:
 *
 * Returns: (transfer none): the locked domains, "index.domain", sorted
 */
const char * const *
lm_view_get_locked (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return (const char * const *) self->locked;
}

/* With a model, every id must name one of its domains. */
void
lm_view_set_locked (LmView             *self,
                    const char * const *locked)
{
  g_return_if_fail (LM_IS_VIEW (self));

  for (guint i = 0; self->model != NULL && locked != NULL && locked[i] != NULL; i++)
    if (!is_domain (self, locked[i]))
      {
        g_critical ("%s: these data have no domain “%s”", G_STRFUNC, locked[i]);
        return;
      }
  store_locked (self, normalise_locked (self, locked));
}

const char *
lm_view_get_level (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->level_id;
}

/**
 * lm_view_set_level:
 * @self: a view
 * @level_id: a level of the model's dataset (any id without a model)
 *
 * Shows @level_id. If the mapped variable has no values there, the
 * view shows another (see choose_variable) and emits
 * "variable-substituted"; a custom plot moves to the level too.
 */
void
lm_view_set_level (LmView     *self,
                   const char *level_id)
{
  g_autofree char *wanted = NULL;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (level_id != NULL);
  g_return_if_fail (self->model == NULL || find_level (self, level_id) != NULL);

  if (g_strcmp0 (self->level_id, level_id) == 0)
    return;
  wanted = g_strdup (self->variable_id);
  lm_view_set_level_and_variable (self, level_id, NULL);
  if (wanted != NULL && g_strcmp0 (wanted, self->variable_id) != 0)
    g_signal_emit (self, signals[VARIABLE_SUBSTITUTED], 0, wanted, self->variable_id);
}

const char *
lm_view_get_variable (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->variable_id;
}

/* With a model, @variable_id must have values at the current level. */
void
lm_view_set_variable (LmView     *self,
                      const char *variable_id)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (variable_id != NULL);
  g_return_if_fail (self->model == NULL || has_variable (self, self->level_id, variable_id));

  if (_lm_view_set_string (&self->variable_id, variable_id))
    notify (self, PROP_VARIABLE);
}

const char *
lm_view_get_method (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->method;
}

void
lm_view_set_method (LmView     *self,
                    const char *method)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (method != NULL && lm_classify_method_from_string (method, NULL));

  if (_lm_view_set_string (&self->method, method))
    notify (self, PROP_METHOD);
}

guint
lm_view_get_n_classes (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), 0);
  return self->n_classes;
}

/* Clamped to LM_CLASSIFY_MIN_CLASSES..LM_CLASSIFY_MAX_CLASSES. */
void
lm_view_set_n_classes (LmView *self,
                       guint   n_classes)
{
  g_return_if_fail (LM_IS_VIEW (self));

  n_classes = CLAMP (n_classes, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES);
  if (self->n_classes == n_classes)
    return;
  self->n_classes = n_classes;
  notify (self, PROP_N_CLASSES);
}

const char *
lm_view_get_palette (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->palette;
}

void
lm_view_set_palette (LmView     *self,
                     const char *palette)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (palette == NULL || *palette != '\0');

  if (_lm_view_set_string (&self->palette, palette))
    notify (self, PROP_PALETTE);
}

gboolean
lm_view_get_show_left_behind (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), FALSE);
  return self->show_left_behind;
}

void
lm_view_set_show_left_behind (LmView   *self,
                              gboolean  show)
{
  g_return_if_fail (LM_IS_VIEW (self));

  show = !!show;
  if (self->show_left_behind == show)
    return;
  self->show_left_behind = show;
  notify (self, PROP_SHOW_LEFT_BEHIND);
}

const char *
lm_view_get_plot_preset (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->plot_preset;
}

/**
 * lm_view_set_plot_preset:
 * @self: a view
 * @preset_id: a report figure id, or %LM_VIEW_PLOT_CUSTOM
 *
 * A report figure sets the plot's level and axes to its own. "custom"
 * keeps the axes shown and moves them to the map's level, as far as it
 * has them.
 */
void
lm_view_set_plot_preset (LmView     *self,
                         const char *preset_id)
{
  const LmReportPreset *preset;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (preset_id != NULL);

  preset = _lm_view_find_report (get_dataset (self), preset_id);
  if (!_lm_view_set_string (&self->plot_preset, preset_id))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_PLOT_PRESET);
  if (preset != NULL)
    set_plot_axes (self, preset->level, preset->x, preset->y);
  else if (!g_str_equal (preset_id, LM_VIEW_PLOT_CUSTOM) && get_dataset (self) != NULL)
    /* Presets come from the data (and from settings or files made on
     * other data): an id these data lack becomes their first figure
     * that fits. Without data it waits for them (see reconcile). */
    {
      LmLevel *level = find_level (self, self->level_id);

      reconcile_plot (self, level != NULL ? level : get_default_level (get_dataset (self)));
    }
  else if (find_level (self, self->level_id) != NULL)
    plot_at_level (self, find_level (self, self->level_id));
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lm_view_get_plot_level (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->plot_level;
}

/* Makes the plot custom; the axes stay where the level has them. */
void
lm_view_set_plot_level (LmView     *self,
                        const char *level_id)
{
  LmLevel *level;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (level_id != NULL);
  g_return_if_fail (self->model == NULL || find_level (self, level_id) != NULL);

  if (g_strcmp0 (self->plot_level, level_id) == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  make_plot_custom (self);
  level = find_level (self, level_id);
  if (level != NULL)
    plot_at_level (self, level);
  else if (_lm_view_set_string (&self->plot_level, level_id))
    notify (self, PROP_PLOT_LEVEL);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lm_view_get_plot_x (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->plot_x;
}

static void
set_plot_axis (LmView      *self,
               char       **field,
               const char  *variable_id,
               guint        prop_id)
{
  if (g_strcmp0 (*field, variable_id) == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  make_plot_custom (self);
  _lm_view_set_string (field, variable_id);
  notify (self, prop_id);
  g_object_thaw_notify (G_OBJECT (self));
}

/* With a model, @variable_id must have values at the plot's level.
 * Makes the plot custom. */
void
lm_view_set_plot_x (LmView     *self,
                    const char *variable_id)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (variable_id != NULL);
  g_return_if_fail (self->model == NULL || has_variable (self, self->plot_level, variable_id));

  set_plot_axis (self, &self->plot_x, variable_id, PROP_PLOT_X);
}

const char *
lm_view_get_plot_y (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->plot_y;
}

void
lm_view_set_plot_y (LmView     *self,
                    const char *variable_id)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (variable_id != NULL);
  g_return_if_fail (self->model == NULL || has_variable (self, self->plot_level, variable_id));

  set_plot_axis (self, &self->plot_y, variable_id, PROP_PLOT_Y);
}

gboolean
lm_view_get_weighted (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), FALSE);
  return self->weighted;
}

void
lm_view_set_weighted (LmView   *self,
                      gboolean  weighted)
{
  g_return_if_fail (LM_IS_VIEW (self));

  weighted = !!weighted;
  if (self->weighted == weighted)
    return;
  self->weighted = weighted;
  notify (self, PROP_WEIGHTED);
}

/**
 * lm_view_get_selection:
 *
 * Returns: (transfer none) (nullable): the model's selection
 */
LmSelection *
lm_view_get_selection (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->model != NULL ? lm_model_get_selection (self->model) : NULL;
}

LmViewAnalysis *
lm_view_get_analysis (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->analysis;
}

const LmBounds *
lm_view_get_extent (LmView *self)
{
  g_return_val_if_fail (LM_IS_VIEW (self), NULL);
  return self->extent;
}

/* NULL shows the whole layer; an empty rectangle is a programmer error. */
void
lm_view_set_extent (LmView         *self,
                    const LmBounds *extent)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (extent == NULL || !lm_bounds_is_empty (extent));

  if (lm_bounds_equal (self->extent, extent))
    return;
  g_clear_pointer (&self->extent, lm_bounds_free);
  if (extent != NULL)
    self->extent = lm_bounds_copy (extent);
  notify (self, PROP_EXTENT);
}

/**
 * lm_view_set_level_and_variable:
 * @self: a view
 * @level_id: a level of the model's dataset (any id without a model)
 * @variable_id: (nullable): a variable with values at that level, or
 *   %NULL to keep the current one where it has values, else choose one
 *
 * Both in one change, without "variable-substituted": what restoring a
 * saved view needs.
 */
void
lm_view_set_level_and_variable (LmView     *self,
                                const char *level_id,
                                const char *variable_id)
{
  LmLevel *level;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (level_id != NULL);
  g_return_if_fail (self->model == NULL || find_level (self, level_id) != NULL);
  g_return_if_fail (self->model == NULL || variable_id == NULL ||
                    has_variable (self, level_id, variable_id));

  level = find_level (self, level_id);
  if (level != NULL && variable_id == NULL)
    variable_id = choose_variable (self, level, self->variable_id);

  g_object_freeze_notify (G_OBJECT (self));
  if (_lm_view_set_string (&self->level_id, level_id))
    notify (self, PROP_LEVEL);
  if (variable_id != NULL && _lm_view_set_string (&self->variable_id, variable_id))
    notify (self, PROP_VARIABLE);
  if (level != NULL && is_custom_plot (self))
    plot_at_level (self, level);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lm_view_set_custom_plot:
 * @self: a view
 * @level_id: the plot's level
 * @x_id: its horizontal variable
 * @y_id: its vertical variable
 *
 * A plot of any two variables, in one change; with a model both must
 * have values at the level.
 */
void
lm_view_set_custom_plot (LmView     *self,
                         const char *level_id,
                         const char *x_id,
                         const char *y_id)
{
  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (level_id != NULL && x_id != NULL && y_id != NULL);
  g_return_if_fail (self->model == NULL ||
                    (has_variable (self, level_id, x_id) && has_variable (self, level_id, y_id)));

  g_object_freeze_notify (G_OBJECT (self));
  make_plot_custom (self);
  set_plot_axes (self, level_id, x_id, y_id);
  g_object_thaw_notify (G_OBJECT (self));
}
