/* lm-view.h — what the user sees: the one view state the map, plot,
 * table, panels and window bind to
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-bounds.h"
#include "lm-model.h"
#include "lm-view-analysis.h"
#include "lm-view-snapshot.h"

G_BEGIN_DECLS

#define LM_VIEW_ERROR (lm_view_error_quark ())

typedef enum
{
  /* A snapshot was applied in part: the message lists what the data
   * lacked (another dataset, an unknown level, variable or area). */
  LM_VIEW_ERROR_INCOMPLETE,
} LmViewError;

/* The "plot-preset" of a plot of any two variables. */
#define LM_VIEW_PLOT_CUSTOM "custom"

#define LM_TYPE_VIEW (lm_view_get_type ())
G_DECLARE_FINAL_TYPE (LmView, lm_view, LM, VIEW, GObject)

/**
 * LmView:
 *
 * A plain object (no drawing, as libshumate's ShumateViewport) that owns
 * what the user sees. Every setting is a property with
 * G_PARAM_EXPLICIT_NOTIFY: a setter returns early when nothing changes,
 * so two-way bindings never loop. The dataset and the weights live in
 * the LmModel; the view exposes them ("model", "dataset", "weights",
 * "custom-weights", "thresholds") and notifies when the model
 * recomputes with other values. The view keeps itself consistent with
 * its model: a level or variable the data lack is replaced, a custom plot
 * follows the map's level.
 *
 * Properties:
 *   "model"            LmModel     the data and weights, or NULL
 *   "dataset"          string      read-only: the model's dataset id
 *   "weights"          a{sad}      index id -> relative weights in domain
 *                                  order (GVariant); set through the model
 *   "custom-weights"   boolean     read-only: some weight is not official
 *   "thresholds"       ad          left-behind thresholds, criteria order
 *   "locked"           strv        locked domains "index.domain", sorted
 *   "level"            string      level id of the map and table
 *   "variable"         string      mapped variable id
 *   "method"           string      classification ("quantile", ...)
 *   "n-classes"        uint        3 to 10 (clamped)
 *   "palette"          string      palette name, NULL for the variable's
 *                                  default; not checked here (palettes
 *                                  belong to the renderers)
 *   "show-left-behind" boolean     left-behind areas marked on the map
 *   "plot-preset"      string      a report figure id, or "custom"
 *   "plot-level"       string      the plot's level and axes: the
 *   "plot-x"           string      preset's, or chosen freely ("custom");
 *   "plot-y"           string      setting one of them makes it custom
 *   "weighted"         boolean     plot statistics weighted by population
 *   "selection"        LmSelection read-only: the model's selection; also
 *                                  notified when its areas change
 *   "extent"           LmBounds    the map rectangle asked for, in the
 *                                  layer's coordinates; NULL = the whole
 *                                  layer fitted
 *   "analysis"         LmViewAnalysis read-only, always there: the weight
 *                                  draws and the bivariate map (its own
 *                                  properties; its changes are the
 *                                  view's "changed")
 *
 * Signals:
 *   "changed": once after any of the above changed (a batch of
 *   notifications, a weight, a threshold or the selection): a scenario is
 *   then modified.
 *   "variable-substituted" (const char *wanted, const char *shown): a
 *   change of level left the mapped variable without values there, so
 *   the view shows another; a window says so.
 */
LmView           *lm_view_new                   (void);

LmModel          *lm_view_get_model             (LmView          *self);
void              lm_view_set_model             (LmView          *self,
                                                 LmModel         *model);
const char       *lm_view_get_dataset           (LmView          *self);
GVariant         *lm_view_get_weights           (LmView          *self);
void              lm_view_set_weights           (LmView          *self,
                                                 GVariant        *weights);
gboolean          lm_view_get_custom_weights    (LmView          *self);
GVariant         *lm_view_get_thresholds        (LmView          *self);
void              lm_view_set_thresholds        (LmView          *self,
                                                 GVariant        *thresholds);
const char * const *lm_view_get_locked          (LmView          *self);
void              lm_view_set_locked            (LmView          *self,
                                                 const char * const *locked);
const char       *lm_view_get_level             (LmView          *self);
void              lm_view_set_level             (LmView          *self,
                                                 const char      *level_id);
const char       *lm_view_get_variable          (LmView          *self);
void              lm_view_set_variable          (LmView          *self,
                                                 const char      *variable_id);
const char       *lm_view_get_method            (LmView          *self);
void              lm_view_set_method            (LmView          *self,
                                                 const char      *method);
guint             lm_view_get_n_classes         (LmView          *self);
void              lm_view_set_n_classes         (LmView          *self,
                                                 guint            n_classes);
const char       *lm_view_get_palette           (LmView          *self);
void              lm_view_set_palette           (LmView          *self,
                                                 const char      *palette);
gboolean          lm_view_get_show_left_behind  (LmView          *self);
void              lm_view_set_show_left_behind  (LmView          *self,
                                                 gboolean         show);
/* Level and variable in one change, without "variable-substituted";
 * a NULL variable keeps the current one where the level has it, else
 * one is chosen. With a model, both must exist. */
void              lm_view_set_level_and_variable (LmView         *self,
                                                 const char      *level_id,
                                                 const char      *variable_id);
const char       *lm_view_get_plot_preset       (LmView          *self);
void              lm_view_set_plot_preset       (LmView          *self,
                                                 const char      *preset_id);
const char       *lm_view_get_plot_level        (LmView          *self);
void              lm_view_set_plot_level        (LmView          *self,
                                                 const char      *level_id);
const char       *lm_view_get_plot_x            (LmView          *self);
void              lm_view_set_plot_x            (LmView          *self,
                                                 const char      *variable_id);
const char       *lm_view_get_plot_y            (LmView          *self);
void              lm_view_set_plot_y            (LmView          *self,
                                                 const char      *variable_id);
/* A plot of any two variables in one change ("plot-preset" becomes
 * "custom"); with a model both must have values at the level. */
void              lm_view_set_custom_plot       (LmView          *self,
                                                 const char      *level_id,
                                                 const char      *x_id,
                                                 const char      *y_id);
gboolean          lm_view_get_weighted          (LmView          *self);
void              lm_view_set_weighted          (LmView          *self,
                                                 gboolean         weighted);
LmSelection      *lm_view_get_selection         (LmView          *self);
const LmBounds   *lm_view_get_extent            (LmView          *self);
void              lm_view_set_extent            (LmView          *self,
                                                 const LmBounds  *extent);

LmViewAnalysis   *lm_view_get_analysis          (LmView          *self);

/* Every setting above as plain values (see LmViewSnapshot). */
LmViewSnapshot   *lm_view_take_snapshot         (LmView          *self);
/* Sets the view (and the model's weights and thresholds, in one
 * recompute) from @snapshot, as far as the data allow. What they do
 * not allow (another dataset, an unknown domain, level, variable or area
 * code) is left as it is and reported: FALSE with
 * LM_VIEW_ERROR_INCOMPLETE, whose message lists each. */
gboolean          lm_view_apply_snapshot        (LmView          *self,
                                                 LmViewSnapshot  *snapshot,
                                                 GError         **error);

GQuark            lm_view_error_quark           (void);

G_END_DECLS
