/* lm-model.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-decimal.h"
#include "lm-left-behind-rule.h"
#include "lm-model.h"
#include "lm-rank.h"

struct _LmModel
{
  GObject      parent_instance;

  LmDataset   *dataset;
  LmSelection *selection;

  /* The result with official weights, kept for rank changes and for the
   * areas entering or leaving the left-behind list. */
  GHashTable  *baseline_ranks;     /* LmVariable* (a rank) -> double* copy */
  double      *baseline_left_behind;

  LmStats     *reports;            /* one per report figure of the dataset */
  LmUncertainty *uncertainty;      /* the last Monte Carlo run, or NULL */
  guint        freeze_count;
  gboolean     pending;
  gint64       last_recompute_us;

  /* Scratch, reused by every recompute */
  double      *values;
  guint       *ranks;
  GArray      *rank_scratch;
  GArray      *stats_scratch;
};

enum {
  RECOMPUTED,
  VARIABLES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LmModel, lm_model, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-model-error-quark, lm_model_error)

/* Auxiliary methods */

static void
compute_indices (LmModel *self)
{
  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);
      lm_index_compute (index, lm_index_find_variable (index, index->level, "score")->values);
    }
}

static void
compute_rank_changes (LmModel *self)
{
  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);

      for (LmLevel *level = index->level; level != NULL; level = level->parent_level)
        {
          LmVariable *rank = lm_index_find_variable (index, level, "rank");
          LmVariable *change = lm_index_find_variable (index, level, "rank_change");
          const double *baseline = g_hash_table_lookup (self->baseline_ranks, rank);

          if (baseline == NULL)
            continue;
          /* Positive: the area moved towards rank 1 (more deprived). */
          for (guint a = 0; a < level->n_areas; a++)
            change->values[a] = baseline[a] - rank->values[a];
        }
    }
}

static void
compute_left_behind (LmModel *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (self->dataset);
  g_autofree guint8 *meets = NULL;
  guint n_areas;

  if (rule == NULL)
    return;
  n_areas = rule->level->n_areas;
  meets = g_new (guint8, MAX (n_areas, 1));

  for (guint a = 0; a < n_areas; a++)
    rule->flag->values[a] = 1;
  for (guint c = 0; c < rule->criteria->len; c++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, c);
      LmVariable *variable = lm_level_find_variable (rule->level, criterion->variable);

      lm_left_behind_rule_meets (criterion, variable->values, lm_variable_higher_is_worse (variable),
                                 n_areas, meets, self->values, self->ranks, self->rank_scratch);
      lm_left_behind_rule_combine (rule->flag->values, variable->values, meets, n_areas);
    }
}

/* The dataset's report figures were checked at load: their level and
 * variables exist. */
static void
compute_reports (LmModel *self)
{
  for (guint r = 0; r < lm_dataset_get_n_reports (self->dataset); r++)
    {
      const LmReportPreset *preset = lm_dataset_get_report (self->dataset, r);
      LmVariable *x = lm_dataset_find_variable (self->dataset, preset->level, preset->x);
      LmVariable *y = lm_dataset_find_variable (self->dataset, preset->level, preset->y);

      lm_stats_compute (x->values, y->values, NULL, x->level->n_areas,
                        &self->reports[r], self->stats_scratch);
    }
}

static void
keep_baseline (LmModel *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (self->dataset);

  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);

      for (LmLevel *level = index->level; level != NULL; level = level->parent_level)
        {
          LmVariable *rank = lm_index_find_variable (index, level, "rank");
          g_hash_table_insert (self->baseline_ranks, rank,
                               g_memdup2 (rank->values, sizeof (double) * MAX (level->n_areas, 1)));
        }
    }
  if (rule != NULL)
    self->baseline_left_behind = g_memdup2 (rule->flag->values,
                                            sizeof (double) * MAX (rule->level->n_areas, 1));
}

static LmIndex *
find_index (LmModel     *self,
            const char  *index_id,
            GError     **error)
{
  LmIndex *index = lm_dataset_find_index (self->dataset, index_id);

  if (index == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", lm_dataset_get_index (self->dataset, i)->id);
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_INDEX,
                   _("There is no index “%s” in %s; the indices are: %s"),
                   index_id, lm_dataset_get_title (self->dataset), known->str);
    }
  return index;
}

static LmIndexDomain *
find_domain (LmModel     *self,
             LmIndex     *index,
             const char  *domain_id,
             GError     **error)
{
  LmIndexDomain *domain = lm_index_find_domain (index, domain_id);

  if (domain == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      for (guint d = 0; d < index->domains->len; d++)
        g_string_append_printf (known, "%s%s.%s", d ? ", " : "", index->id,
                                ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->id);
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_DOMAIN,
                   _("The index “%s” has no domain “%s”; its domains are: %s"),
                   index->id, domain_id, known->str);
    }
  return domain;
}

static gboolean
check_weight (double   weight,
              GError **error)
{
  if (!isfinite (weight) || weight < 0 || weight > LM_INDEX_MAX_WEIGHT)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("A weight must be a number from 0 to %.0f, not %g"), LM_INDEX_MAX_WEIGHT,
                   weight);
      return FALSE;
    }
  return TRUE;
}

static void
request_recompute (LmModel *self)
{
  if (self->freeze_count > 0)
    self->pending = TRUE;
  else
    lm_model_recompute (self);
}

/* GObject overrides */

static void
lm_model_finalize (GObject *object)
{
  LmModel *self = LM_MODEL (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->uncertainty);
  g_clear_object (&self->dataset);
  g_hash_table_unref (self->baseline_ranks);
  g_free (self->baseline_left_behind);
  g_free (self->reports);
  g_free (self->values);
  g_free (self->ranks);
  g_array_unref (self->rank_scratch);
  g_array_unref (self->stats_scratch);

  G_OBJECT_CLASS (lm_model_parent_class)->finalize (object);
}

static void
lm_model_class_init (LmModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_model_finalize;

  /**
   * LmModel::recomputed:
   *
   * Emitted after every recompute: all weight-dependent values, ranks,
   * aggregates, the left-behind set and the report statistics are new.
   * Views re-read the variables they show.
   */
  signals[RECOMPUTED] = g_signal_new ("recomputed", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 0);
  /**
   * LmModel::variables-changed:
   *
   * Emitted when variables were added to the dataset's levels or their
   * values replaced outside a recompute (a Monte Carlo run's results):
   * lists of variables are made anew, views re-read them.
   */
  signals[VARIABLES_CHANGED] = g_signal_new ("variables-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
lm_model_init (LmModel *self)
{
  self->baseline_ranks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->rank_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->stats_scratch = g_array_new (FALSE, FALSE, sizeof (double));
  self->selection = lm_selection_new ();
}

/* Public API */

LmModel *
lm_model_new (LmDataset *dataset)
{
  LmModel *self;
  guint max_areas = 1;

  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);

  self = g_object_new (LM_TYPE_MODEL, NULL);
  self->dataset = g_object_ref (dataset);
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    max_areas = MAX (max_areas, lm_dataset_get_level (dataset, k)->n_areas);
  self->values = g_new (double, max_areas);
  self->ranks = g_new (guint, max_areas);
  self->reports = g_new0 (LmStats, MAX (lm_dataset_get_n_reports (dataset), 1));

  lm_model_recompute (self);
  keep_baseline (self);
  compute_rank_changes (self);
  return self;
}

LmDataset *
lm_model_get_dataset (LmModel *self)
{
  g_return_val_if_fail (LM_IS_MODEL (self), NULL);
  return self->dataset;
}

LmSelection *
lm_model_get_selection (LmModel *self)
{
  g_return_val_if_fail (LM_IS_MODEL (self), NULL);
  return self->selection;
}

void
lm_model_recompute (LmModel *self)
{
  gint64 start;

  g_return_if_fail (LM_IS_MODEL (self));

  start = g_get_monotonic_time ();
  compute_indices (self);
  lm_dataset_aggregate (self->dataset, TRUE);
  compute_rank_changes (self);
  compute_left_behind (self);
  compute_reports (self);
  self->last_recompute_us = g_get_monotonic_time () - start;
  self->pending = FALSE;

  g_signal_emit (self, signals[RECOMPUTED], 0);
}

gint64
lm_model_get_last_recompute_us (LmModel *self)
{
  g_return_val_if_fail (LM_IS_MODEL (self), 0);
  return self->last_recompute_us;
}

void
lm_model_set_uncertainty (LmModel       *self,
                          LmUncertainty *uncertainty)
{
  g_return_if_fail (LM_IS_MODEL (self));
  g_return_if_fail (uncertainty == NULL || LM_IS_UNCERTAINTY (uncertainty));
  g_return_if_fail (uncertainty == NULL || lm_uncertainty_get_dataset (uncertainty) == self->dataset);

  if (!g_set_object (&self->uncertainty, uncertainty))
    return;
  if (uncertainty != NULL)
    lm_uncertainty_apply (uncertainty);
  lm_model_notify_variables_changed (self);
}

LmUncertainty *
lm_model_get_uncertainty (LmModel *self)
{
  g_return_val_if_fail (LM_IS_MODEL (self), NULL);
  return self->uncertainty;
}

void
lm_model_notify_variables_changed (LmModel *self)
{
  g_return_if_fail (LM_IS_MODEL (self));
  g_signal_emit (self, signals[VARIABLES_CHANGED], 0);
}

gboolean
lm_model_set_weight (LmModel     *self,
                     const char  *index_id,
                     const char  *domain_id,
                     double       weight,
                     GError     **error)
{
  LmIndex *index;
  LmIndexDomain *domain;
  double previous;

  g_return_val_if_fail (LM_IS_MODEL (self), FALSE);

  if ((index = find_index (self, index_id, error)) == NULL ||
      (domain = find_domain (self, index, domain_id, error)) == NULL ||
      !check_weight (weight, error))
    return FALSE;
  if (domain->weight == weight)
    return TRUE;

  previous = domain->weight;
  domain->weight = weight;
  if (lm_index_get_weight_sum (index) <= 0)
    {
      domain->weight = previous;
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_ALL_ZERO,
                   _("At least one domain of the %s must have a weight above zero"), index->title);
      return FALSE;
    }
  request_recompute (self);
  return TRUE;
}

gboolean
lm_model_set_weights (LmModel      *self,
                      const char   *index_id,
                      const double *weights,
                      guint         n,
                      GError      **error)
{
  LmIndex *index;
  double sum = 0;

  g_return_val_if_fail (LM_IS_MODEL (self), FALSE);

  if ((index = find_index (self, index_id, error)) == NULL)
    return FALSE;
  if (n != index->domains->len)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("The %s has %u domains, but %u weights were given"),
                   index->title, index->domains->len, n);
      return FALSE;
    }
  for (guint d = 0; d < n; d++)
    {
      if (!check_weight (weights[d], error))
        return FALSE;
      sum += weights[d];
    }
  if (sum <= 0)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_ALL_ZERO,
                   _("At least one domain of the %s must have a weight above zero"), index->title);
      return FALSE;
    }
  for (guint d = 0; d < n; d++)
    ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight = weights[d];
  request_recompute (self);
  return TRUE;
}

gboolean
lm_model_parse_weight (LmModel     *self,
                       const char  *assignment,
                       GError     **error)
{
  g_auto(GStrv) sides = g_strsplit (assignment, "=", 2);
  g_auto(GStrv) names = NULL;
  double weight;

  if (g_strv_length (sides) != 2 || strchr (sides[0], '.') == NULL)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("“%s” is not a weight: write INDEX.DOMAIN=VALUE, e.g. imd.income=30"),
                   assignment);
      return FALSE;
    }
  names = g_strsplit (sides[0], ".", 2);
  if (!lm_decimal_parse (sides[1], &weight))
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("“%s” is not a weight: “%s” is not a number"), assignment, sides[1]);
      return FALSE;
    }
  return lm_model_set_weight (self, names[0], names[1], weight, error);
}

double
lm_model_get_weight (LmModel    *self,
                     const char *index_id,
                     const char *domain_id)
{
  LmIndex *index;
  LmIndexDomain *domain;

  g_return_val_if_fail (LM_IS_MODEL (self), NAN);

  index = lm_dataset_find_index (self->dataset, index_id);
  domain = index != NULL ? lm_index_find_domain (index, domain_id) : NULL;
  return domain != NULL ? domain->weight : NAN;
}

GVariant *
lm_model_get_weights_state (LmModel *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (LM_IS_MODEL (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sad}"));
  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);
      g_autofree double *weights = g_new (double, MAX (index->domains->len, 1));

      for (guint d = 0; d < index->domains->len; d++)
        weights[d] = ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight;
      g_variant_builder_add (&builder, "{s@ad}", index->id,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, weights,
                                                        index->domains->len, sizeof (double)));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

gboolean
lm_model_set_weights_state (LmModel   *self,
                            GVariant  *state,
                            GError   **error)
{
  GVariantIter iter;
  const char *index_id;
  GVariant *weights;
  gboolean ok = TRUE;

  g_return_val_if_fail (LM_IS_MODEL (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (state, G_VARIANT_TYPE ("a{sad}")), FALSE);

  /* All indices, one recompute. */
  lm_model_freeze (self);
  g_variant_iter_init (&iter, state);
  while (ok && g_variant_iter_next (&iter, "{&s@ad}", &index_id, &weights))
    {
      gsize n;
      const double *values = g_variant_get_fixed_array (weights, &n, sizeof (double));

      ok = lm_model_set_weights (self, index_id, values, (guint) n, error);
      g_variant_unref (weights);
    }
  lm_model_thaw (self);
  return ok;
}

void
lm_model_reset_weights (LmModel    *self,
                        const char *index_id)
{
  gboolean changed = FALSE;

  g_return_if_fail (LM_IS_MODEL (self));

  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);

      if (index_id != NULL && strcmp (index->id, index_id) != 0)
        continue;
      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          changed |= domain->weight != domain->default_weight;
          domain->weight = domain->default_weight;
        }
    }
  if (changed)
    request_recompute (self);
}

gboolean
lm_model_weights_are_default (LmModel *self)
{
  g_return_val_if_fail (LM_IS_MODEL (self), TRUE);

  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    if (!lm_index_weights_are_default (lm_dataset_get_index (self->dataset, i)))
      return FALSE;
  return TRUE;
}

char *
lm_model_describe_weights (LmModel *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (LM_IS_MODEL (self), NULL);

  for (guint i = 0; i < lm_dataset_get_n_indices (self->dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (self->dataset, i);
      double sum = lm_index_get_weight_sum (index);

      if (lm_index_weights_are_default (index))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: "IMD weights: income 30.0%, employment 20.0%" */
      {
        g_autofree char *name = g_ascii_strup (index->id, -1);
        g_string_append_printf (text, _("%s weights:"), name);
      }
      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          g_string_append_printf (text, "%s %s %.1f%%", d ? "," : "", domain->id,
                                  100.0 * domain->weight / sum);
        }
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
lm_model_freeze (LmModel *self)
{
  g_return_if_fail (LM_IS_MODEL (self));
  self->freeze_count++;
}

void
lm_model_thaw (LmModel *self)
{
  g_return_if_fail (LM_IS_MODEL (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->pending)
    lm_model_recompute (self);
}

gboolean
lm_model_set_left_behind_threshold (LmModel  *self,
                                    guint     i,
                                    double    value,
                                    GError  **error)
{
  LmLeftBehindRule *rule;
  LmCriterion *criterion;

  g_return_val_if_fail (LM_IS_MODEL (self), FALSE);

  rule = lm_dataset_get_left_behind_rule (self->dataset);
  g_return_val_if_fail (rule != NULL && i < rule->criteria->len, FALSE);
  criterion = g_ptr_array_index (rule->criteria, i);
  if (!isfinite (value) ||
      (criterion->kind == LM_CRITERION_TOP_PERCENT && (value <= 0 || value > 100)))
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("A left-behind threshold in percent must be above 0 and at most 100, not %g"),
                   value);
      return FALSE;
    }
  if (criterion->value != value)
    {
      criterion->value = value;
      request_recompute (self);
    }
  return TRUE;
}

LmVariable *
lm_model_find_variable (LmModel     *self,
                        const char  *level_id,
                        const char  *variable_id,
                        GError     **error)
{
  LmLevel *level;
  LmVariable *variable;

  g_return_val_if_fail (LM_IS_MODEL (self), NULL);

  level = lm_dataset_find_level (self->dataset, level_id);
  if (level == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint k = 0; k < lm_dataset_get_n_levels (self->dataset); k++)
        g_string_append_printf (known, "%s%s", k > 0 ? ", " : "",
                                lm_dataset_get_level (self->dataset, k)->id);
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_LEVEL,
                   _("There is no level “%s” in %s; the levels are %s"),
                   level_id, lm_dataset_get_title (self->dataset), known->str);
      return NULL;
    }
  variable = lm_level_find_variable (level, variable_id);
  if (variable != NULL)
    return variable;

  /* Say whether the variable exists elsewhere: values are never pushed
   * down to a finer level than the one they are published for. */
  for (guint k = 0; k < lm_dataset_get_n_levels (self->dataset); k++)
    {
      LmLevel *other = lm_dataset_get_level (self->dataset, k);
      if (lm_level_find_variable (other, variable_id) != NULL)
        {
          g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE,
                       _("“%s” is not available at the level “%s” in %s; it is available from "
                         "the level “%s” up"),
                       variable_id, level->id, lm_dataset_get_title (self->dataset), other->id);
          return NULL;
        }
    }
  g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE,
               _("There is no variable “%s”; levelmap --list-variables lists them"), variable_id);
  return NULL;
}

const LmStats *
lm_model_get_report_stats (LmModel *self,
                           guint    report)
{
  g_return_val_if_fail (LM_IS_MODEL (self), NULL);
  g_return_val_if_fail (report < lm_dataset_get_n_reports (self->dataset), NULL);
  return &self->reports[report];
}

GArray *
lm_model_get_left_behind_changes (LmModel  *self,
                                  gboolean  entered)
{
  LmLeftBehindRule *rule;
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (guint));
  LmVariable *flag;

  g_return_val_if_fail (LM_IS_MODEL (self), areas);

  rule = lm_dataset_get_left_behind_rule (self->dataset);
  if (rule == NULL || self->baseline_left_behind == NULL)
    return areas;
  flag = rule->flag;
  for (guint a = 0; a < rule->level->n_areas; a++)
    {
      gboolean now = flag->values[a] == 1;
      gboolean before = self->baseline_left_behind[a] == 1;
      if (entered ? (now && !before) : (before && !now))
        g_array_append_val (areas, a);
    }
  return areas;
}
