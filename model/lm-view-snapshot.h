/* lm-view-snapshot.h — a view's settings as plain values: copied,
 * compared and diffed in one call each
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LM_VIEW_SNAPSHOT_ERROR (lm_view_snapshot_error_quark ())

typedef enum
{
  LM_VIEW_SNAPSHOT_ERROR_INVALID,   /* an unknown key, a wrong type or an impossible value */
} LmViewSnapshotError;

/* The settings of an LmView as an ordered list of key -> GVariant, by ids
 * and codes only (no pointers), so that a scenario file can write it one
 * setting a line and a storyboard scene can hold it. The keys, in their
 * stable order (a key is absent when the view had no such setting, e.g.
 * weights without data):
 *
 *   "dataset"             s     dataset id, "" without data
 *   "weights/I.D"         d     relative weight of domain D of index I
 *   "thresholds/V"        d     left-behind threshold of the criterion on
 *                               variable V
 *   "locked"              as    locked domains "I.D", sorted
 *   "level"               s     map (and table) level id
 *   "variable"            s     mapped variable id
 *   "method"              s     "quantile", "equal", "jenks", "stddev",
 *                               "deciles"
 *   "n-classes"           u     3 to 10
 *   "palette"             s     palette name, "" for the variable's default
 *   "show-left-behind"    b
 *   "plot-preset"         s     a report figure id, or "custom"
 *   "plot-level"          s     the plot's level and axes
 *   "plot-x"              s
 *   "plot-y"              s
 *   "weighted"            b     statistics weighted by population
 *   "selection-level"     s     "" when nothing is selected
 *   "selection"           as    codes of the selected areas, sorted
 *   "extent"              ad    xmin, ymin, xmax, ymax; empty: whole layer
 *   "uncertainty-draws"   u     1 to LM_UNCERTAINTY_MAX_DRAWS (LmViewAnalysis)
 *   "uncertainty-seed"    t
 *   "uncertainty-spread"  s     narrow, medium, wide, none or a concentration
 *   "uncertainty-ranges"  as    "I.D=LOW:HIGH", sorted; empty: the spread
 *   "show-bivariate"      b
 *   "bivariate"           s     "X,Y", "" for the dataset's default
 *   "bivariate-palette"   s     "" for the default scheme
 *   "show-intervals"      b
 *
 * Snapshots are immutable and reference counted: a copy is a reference. */
typedef struct _LmViewSnapshot LmViewSnapshot;

/* One setting that differs between two snapshots. */
typedef struct
{
  char     *key;
  GVariant *old_value;   /* NULL: the first snapshot lacks the key */
  GVariant *new_value;   /* NULL: the second snapshot lacks the key */
} LmViewChange;

#define LM_TYPE_VIEW_SNAPSHOT (lm_view_snapshot_get_type ())

GType           lm_view_snapshot_get_type         (void) G_GNUC_CONST;
GQuark          lm_view_snapshot_error_quark      (void);

/* Checks @settings (a{sv}: every key known, of its type, values in
 * range, no key twice) and puts the keys in their stable order. Fails
 * with LM_VIEW_SNAPSHOT_ERROR_INVALID naming the key. A floating
 * @settings is consumed, whether it is accepted or not. */
LmViewSnapshot *lm_view_snapshot_new_from_variant (GVariant              *settings,
                                                   GError               **error);
LmViewSnapshot *lm_view_snapshot_ref              (LmViewSnapshot        *self);
void            lm_view_snapshot_unref            (LmViewSnapshot        *self);
/* The settings as a{sv}, keys in their stable order (transfer none). */
GVariant       *lm_view_snapshot_to_variant       (const LmViewSnapshot  *self);
/* The value of @key, or NULL (transfer full). */
GVariant       *lm_view_snapshot_lookup           (const LmViewSnapshot  *self,
                                                   const char            *key);
/* The same keys with equal values, whatever their order. */
gboolean        lm_view_snapshot_equal            (const LmViewSnapshot  *a,
                                                   const LmViewSnapshot  *b);
/* The settings that differ from @a to @b, in @a's order and then @b's
 * new keys: a GPtrArray of LmViewChange (it frees them). */
GPtrArray      *lm_view_snapshot_diff             (const LmViewSnapshot  *a,
                                                   const LmViewSnapshot  *b);
void            lm_view_change_free               (LmViewChange          *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmViewSnapshot, lm_view_snapshot_unref)

G_END_DECLS
