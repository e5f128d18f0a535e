/* lm-view-apply.c — LmView's settings kept by the model (weights,
 * thresholds), and LmView to and from its snapshots
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written against LmView's public API only: a snapshot holds nothing a
 * caller could not set, and applying one goes through the same setters
 * (and their checks) as a binding. The model owns the weights and
 * thresholds; the view only passes them on (and notifies, in lm-view.c,
 * when the model recomputes with other values).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lm-view.h"
#include "lm-view-private.h"

/* At most this many unknown area codes are named in a message. */
#define MAX_NAMED_CODES 5

/* Taking a snapshot */

static void
add_setting (GVariantBuilder *builder,
             const char      *key,
             GVariant        *value)
{
  g_variant_builder_add (builder, "{sv}", key, value);
}

static void
add_model_settings (LmView          *self,
                    GVariantBuilder *builder)
{
  LmDataset *dataset = lm_model_get_dataset (lm_view_get_model (self));
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);

      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          g_autofree char *key = g_strdup_printf ("weights/%s.%s", index->id, domain->id);

          add_setting (builder, key, g_variant_new_double (domain->weight));
        }
    }
  for (guint i = 0; rule != NULL && i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      g_autofree char *key = g_strconcat ("thresholds/", criterion->variable, NULL);

      add_setting (builder, key, g_variant_new_double (criterion->value));
    }
}

static void
add_selection_settings (LmView          *self,
                        GVariantBuilder *builder)
{
  LmSelection *selection = lm_view_get_selection (self);
  LmLevel *level = lm_selection_get_level (selection);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (level != NULL)
    {
      g_autoptr(GArray) areas = lm_selection_get_areas (selection, level);

      for (guint i = 0; i < areas->len; i++)
        g_strv_builder_add (codes, level->codes[g_array_index (areas, guint, i)]);
    }
  strv = g_strv_builder_end (codes);
  add_setting (builder, "selection-level", g_variant_new_string (level != NULL ? level->id : ""));
  add_setting (builder, "selection", g_variant_new_strv ((const char * const *) strv, -1));
}

static void
add_string_setting (GVariantBuilder *builder,
                    const char      *key,
                    const char      *value)
{
  if (value != NULL)
    add_setting (builder, key, g_variant_new_string (value));
}

static void
add_extent_setting (GVariantBuilder *builder,
                    const LmBounds  *extent)
{
  GVariantBuilder values;

  g_variant_builder_init (&values, G_VARIANT_TYPE ("ad"));
  if (extent != NULL)
    {
      g_variant_builder_add (&values, "d", extent->xmin);
      g_variant_builder_add (&values, "d", extent->ymin);
      g_variant_builder_add (&values, "d", extent->xmax);
      g_variant_builder_add (&values, "d", extent->ymax);
    }
  add_setting (builder, "extent", g_variant_builder_end (&values));
}

/* Applying a snapshot */

/* Settings that need data: weights, thresholds, a selection. */
static gboolean
has_data_settings (LmViewSnapshot *snapshot)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (snapshot));
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean data = g_str_has_prefix (key, "weights/") || g_str_has_prefix (key, "thresholds/") ||
                      (g_str_equal (key, "selection-level") &&
                       *g_variant_get_string (value, NULL) != '\0');

      g_variant_unref (value);
      if (data)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  LmView         *view;
  LmViewSnapshot *snapshot;
  GPtrArray      *problems;   /* char*, sentences */
} Apply;

static char *
lookup_string (Apply      *apply,
               const char *key)
{
  g_autoptr(GVariant) value = lm_view_snapshot_lookup (apply->snapshot, key);

  return value != NULL ? g_variant_dup_string (value, NULL) : NULL;
}

static void
problem (Apply      *apply,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Apply      *apply,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (apply->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The weights of every index: the current ones with the snapshot's put
 * in, as a{sad} for lm_model_set_weights_state(). */
static GVariant *
collect_weights (Apply *apply)
{
  LmDataset *dataset = lm_model_get_dataset (lm_view_get_model (apply->view));
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sad}"));
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      g_autofree double *weights = g_new (double, MAX (index->domains->len, 1));

      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          g_autofree char *wanted = g_strdup_printf ("weights/%s.%s", index->id, domain->id);
          g_autoptr(GVariant) weight = lm_view_snapshot_lookup (apply->snapshot, wanted);

          weights[d] = weight != NULL ? g_variant_get_double (weight) : domain->weight;
        }
      g_variant_builder_add (&builder, "{s@ad}", index->id,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, weights,
                                                        index->domains->len, sizeof (double)));
    }

  /* And what these data have no domain for. */
  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (apply->snapshot));
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    if (g_str_has_prefix (key, "weights/") &&
        _lm_view_find_domain (dataset, key + strlen ("weights/")) == NULL)
      /* Translators: %s is a domain such as “imd.income” */
      problem (apply, _("These data have no domain “%s”, so its weight was left out."),
               key + strlen ("weights/"));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
apply_thresholds (Apply *apply)
{
  LmView *self = apply->view;
  LmModel *model = lm_view_get_model (self);
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (apply->snapshot));
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      const char *variable = key + strlen ("thresholds/");
      g_autoptr(GError) error = NULL;
      gboolean found = FALSE;

      if (!g_str_has_prefix (key, "thresholds/"))
        continue;
      for (guint i = 0; rule != NULL && i < rule->criteria->len; i++)
        {
          LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);

          if (g_str_equal (criterion->variable, variable))
            {
              found = TRUE;
              if (!lm_model_set_left_behind_threshold (model, i, g_variant_get_double (value),
                                                       &error))
                problem (apply, "%s", error->message);
            }
        }
      if (!found)
        /* Translators: %s is a variable id such as “cni.score” */
        problem (apply, _("These data have no left-behind threshold on “%s”."), variable);
    }
}

static void
apply_model_settings (Apply *apply)
{
  LmModel *model = lm_view_get_model (apply->view);
  g_autoptr(GVariant) weights = collect_weights (apply);
  g_autoptr(GError) error = NULL;

  /* Weights and thresholds, one recompute. */
  lm_model_freeze (model);
  if (!lm_model_set_weights_state (model, weights, &error))
    problem (apply, "%s", error->message);
  apply_thresholds (apply);
  lm_model_thaw (model);
}

static void
apply_level_and_variable (Apply *apply)
{
  LmView *self = apply->view;
  LmModel *model = lm_view_get_model (self);
  g_autofree char *level_id = lookup_string (apply, "level");
  g_autofree char *variable_id = lookup_string (apply, "variable");
  LmLevel *level;

  if (level_id == NULL)
    return;
  if (model == NULL)
    {
      lm_view_set_level_and_variable (self, level_id, variable_id);
      return;
    }
  level = lm_dataset_find_level (lm_model_get_dataset (model), level_id);
  if (level == NULL)
    {
      problem (apply, _("These data have no level “%s”."), level_id);
      level = lm_dataset_find_level (lm_model_get_dataset (model), lm_view_get_level (self));
    }
  if (variable_id != NULL && lm_level_find_variable (level, variable_id) == NULL)
    {
      problem (apply, _("“%s” is not available for %s."), variable_id, level->title);
      g_clear_pointer (&variable_id, g_free);
    }
  lm_view_set_level_and_variable (self, level->id, variable_id);
}

static gboolean
can_plot (LmModel    *model,
          const char *level_id,
          const char *x_id,
          const char *y_id)
{
  LmDataset *dataset = model != NULL ? lm_model_get_dataset (model) : NULL;

  return model == NULL ||
         (_lm_view_has_variable (dataset, level_id, x_id) &&
          _lm_view_has_variable (dataset, level_id, y_id));
}

static void
apply_plot (Apply *apply)
{
  LmView *self = apply->view;
  LmModel *model = lm_view_get_model (self);
  g_autofree char *preset = lookup_string (apply, "plot-preset");
  g_autofree char *level_id = lookup_string (apply, "plot-level");
  g_autofree char *x = lookup_string (apply, "plot-x");
  g_autofree char *y = lookup_string (apply, "plot-y");

  if (preset != NULL && !g_str_equal (preset, LM_VIEW_PLOT_CUSTOM))
    {
      const LmReportPreset *found =
        _lm_view_find_report (model != NULL ? lm_model_get_dataset (model) : NULL, preset);

      /* Without data the figure waits for them (the view reconciles). */
      if (model == NULL || (found != NULL && can_plot (model, found->level, found->x, found->y)))
        {
          lm_view_set_plot_preset (self, preset);
          return;
        }
      problem (apply, _("These data cannot show the plot “%s”."), preset);
    }
  if (level_id == NULL || x == NULL || y == NULL)
    return;
  if (!can_plot (model, level_id, x, y))
    {
      /* Translators: a scatter plot of “%s” against “%s” at level “%s” */
      problem (apply, _("These data cannot plot “%s” against “%s” for “%s”."), y, x, level_id);
      return;
    }
  lm_view_set_custom_plot (self, level_id, x, y);
}

static void
apply_selection (Apply *apply)
{
  LmModel *model = lm_view_get_model (apply->view);
  g_autofree char *level_id = lookup_string (apply, "selection-level");
  g_autoptr(GVariant) codes = lm_view_snapshot_lookup (apply->snapshot, "selection");
  LmSelection *selection = lm_model_get_selection (model);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) unknown = g_string_new (NULL);
  guint n_unknown = 0;
  LmLevel *level;
  GVariantIter iter;
  const char *code;

  if (level_id == NULL || *level_id == '\0' || codes == NULL)
    {
      if (level_id != NULL)
        lm_selection_clear (selection);
      return;
    }
  level = lm_dataset_find_level (lm_model_get_dataset (model), level_id);
  if (level == NULL)
    {
      problem (apply, _("These data have no level “%s”, so nothing was selected."), level_id);
      lm_selection_clear (selection);
      return;
    }
  g_variant_iter_init (&iter, codes);
  while (g_variant_iter_next (&iter, "&s", &code))
    {
      int area = lm_level_find_area (level, code);

      if (area >= 0)
        g_array_append_val (areas, area);
      else if (n_unknown++ < MAX_NAMED_CODES)
        g_string_append_printf (unknown, "%s%s", unknown->len > 0 ? ", " : "", code);
    }
  if (n_unknown > 0)
    problem (apply, ngettext ("%u selected area is not in these data: %s.",
                              "%u selected areas are not in these data: %s.", n_unknown),
             n_unknown, unknown->str);
  lm_selection_select (selection, level, (const guint *) areas->data, areas->len,
                       LM_SELECTION_REPLACE);
}

/* Only the domains these data have. */
static void
apply_locked (Apply    *apply,
              GVariant *locked)
{
  LmModel *model = lm_view_get_model (apply->view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  GVariantIter iter;
  const char *id;

  g_variant_iter_init (&iter, locked);
  while (g_variant_iter_next (&iter, "&s", &id))
    if (model == NULL || _lm_view_find_domain (lm_model_get_dataset (model), id) != NULL)
      g_strv_builder_add (builder, id);
    else
      /* Translators: %s is a domain such as “imd.income” */
      problem (apply, _("These data have no domain “%s” to lock."), id);
  kept = g_strv_builder_end (builder);
  lm_view_set_locked (apply->view, (const char * const *) kept);
}

static void
apply_view_settings (Apply *apply)
{
  LmView *self = apply->view;
  g_autoptr(GVariant) locked = lm_view_snapshot_lookup (apply->snapshot, "locked");
  g_autoptr(GVariant) n_classes = lm_view_snapshot_lookup (apply->snapshot, "n-classes");
  g_autoptr(GVariant) show = lm_view_snapshot_lookup (apply->snapshot, "show-left-behind");
  g_autoptr(GVariant) weighted = lm_view_snapshot_lookup (apply->snapshot, "weighted");
  g_autoptr(GVariant) extent = lm_view_snapshot_lookup (apply->snapshot, "extent");
  g_autofree char *method = lookup_string (apply, "method");
  g_autofree char *palette = lookup_string (apply, "palette");

  if (locked != NULL)
    apply_locked (apply, locked);
  apply_level_and_variable (apply);
  if (method != NULL)
    lm_view_set_method (self, method);
  if (n_classes != NULL)
    lm_view_set_n_classes (self, g_variant_get_uint32 (n_classes));
  if (palette != NULL)
    lm_view_set_palette (self, *palette != '\0' ? palette : NULL);
  if (show != NULL)
    lm_view_set_show_left_behind (self, g_variant_get_boolean (show));
  apply_plot (apply);
  if (weighted != NULL)
    lm_view_set_weighted (self, g_variant_get_boolean (weighted));
  if (extent != NULL)
    {
      gsize n;
      const double *v = g_variant_get_fixed_array (extent, &n, sizeof (double));
      LmBounds bounds = n == 4 ? (LmBounds) { v[0], v[1], v[2], v[3] } : (LmBounds) { 0 };

      lm_view_set_extent (self, n == 4 ? &bounds : NULL);
    }
}

/* Public API */

/* Sets the model's weights (one recompute); weights the model refuses
 * (an unknown index, all zero) are a programmer error. */
void
lm_view_set_weights (LmView   *self,
                     GVariant *weights)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) current = NULL;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (weights != NULL && g_variant_is_of_type (weights, G_VARIANT_TYPE ("a{sad}")));
  g_return_if_fail (lm_view_get_model (self) != NULL);

  current = lm_view_get_weights (self);
  if (g_variant_equal (weights, current))
    return;
  if (!lm_model_set_weights_state (lm_view_get_model (self), weights, &error))
    g_critical ("%s: %s", G_STRFUNC, error->message);
}

void
lm_view_set_thresholds (LmView   *self,
                        GVariant *thresholds)
{
  LmModel *model;
  LmLeftBehindRule *rule;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) current = NULL;
  gsize n;
  const double *values;

  g_return_if_fail (LM_IS_VIEW (self));
  g_return_if_fail (thresholds != NULL && g_variant_is_of_type (thresholds, G_VARIANT_TYPE ("ad")));
  g_return_if_fail (lm_view_get_model (self) != NULL);

  model = lm_view_get_model (self);
  rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));
  values = g_variant_get_fixed_array (thresholds, &n, sizeof (double));
  g_return_if_fail (rule != NULL && n == rule->criteria->len);

  current = lm_view_get_thresholds (self);
  if (g_variant_equal (thresholds, current))
    return;
  lm_model_freeze (model);
  for (guint i = 0; i < n && error == NULL; i++)
    lm_model_set_left_behind_threshold (model, i, values[i], &error);
  lm_model_thaw (model);
  if (error != NULL)
    g_critical ("%s: %s", G_STRFUNC, error->message);
}

/**
 * lm_view_take_snapshot:
 * @self: a view
 *
 * Returns: (transfer full): every setting of @self as plain values
 */
LmViewSnapshot *
lm_view_take_snapshot (LmView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) settings = NULL;
  GVariantBuilder builder;
  LmViewSnapshot *snapshot;
  LmModel *model;
  const char *palette;

  g_return_val_if_fail (LM_IS_VIEW (self), NULL);

  model = lm_view_get_model (self);
  palette = lm_view_get_palette (self);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_setting (&builder, "dataset", g_variant_new_string (model != NULL ? lm_view_get_dataset (self)
                                                                        : ""));
  if (model != NULL)
    add_model_settings (self, &builder);
  add_setting (&builder, "locked", g_variant_new_strv (lm_view_get_locked (self), -1));
  add_string_setting (&builder, "level", lm_view_get_level (self));
  add_string_setting (&builder, "variable", lm_view_get_variable (self));
  add_string_setting (&builder, "method", lm_view_get_method (self));
  add_setting (&builder, "n-classes", g_variant_new_uint32 (lm_view_get_n_classes (self)));
  add_setting (&builder, "palette", g_variant_new_string (palette != NULL ? palette : ""));
  add_setting (&builder, "show-left-behind",
               g_variant_new_boolean (lm_view_get_show_left_behind (self)));
  add_string_setting (&builder, "plot-preset", lm_view_get_plot_preset (self));
  add_string_setting (&builder, "plot-level", lm_view_get_plot_level (self));
  add_string_setting (&builder, "plot-x", lm_view_get_plot_x (self));
  add_string_setting (&builder, "plot-y", lm_view_get_plot_y (self));
  add_setting (&builder, "weighted", g_variant_new_boolean (lm_view_get_weighted (self)));
  if (model != NULL)
    add_selection_settings (self, &builder);
  add_extent_setting (&builder, lm_view_get_extent (self));
  lm_view_analysis_add_settings (lm_view_get_analysis (self), &builder);
  settings = g_variant_ref_sink (g_variant_builder_end (&builder));

  snapshot = lm_view_snapshot_new_from_variant (settings, &error);
  if (snapshot == NULL)
    g_critical ("%s: %s", G_STRFUNC, error->message);
  return snapshot;
}

gboolean
lm_view_apply_snapshot (LmView          *self,
                        LmViewSnapshot  *snapshot,
                        GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dataset = NULL;
  g_autofree char *message = NULL;
  Apply apply = { self, snapshot, problems };
  LmModel *model;

  g_return_val_if_fail (LM_IS_VIEW (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = lm_view_get_model (self);
  dataset = lookup_string (&apply, "dataset");
  g_object_freeze_notify (G_OBJECT (self));
  if (model != NULL && dataset != NULL && *dataset != '\0' &&
      !g_str_equal (dataset, lm_view_get_dataset (self)))
    /* Translators: both %s are dataset ids (manifest names) */
    problem (&apply, _("These settings were made on “%s”, not on “%s”."), dataset,
             lm_view_get_dataset (self));
  if (model != NULL)
    apply_model_settings (&apply);
  apply_view_settings (&apply);
  lm_view_analysis_apply_settings (lm_view_get_analysis (self), snapshot);
  if (model != NULL)
    apply_selection (&apply);
  else if (has_data_settings (snapshot))
    problem (&apply, _("No data are open, so weights, thresholds and the selection were left out."));
  g_object_thaw_notify (G_OBJECT (self));

  if (problems->len == 0)
    return TRUE;
  g_ptr_array_add (problems, NULL);
  message = g_strjoinv (" ", (char **) problems->pdata);
  g_set_error_literal (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE, message);
  return FALSE;
}
