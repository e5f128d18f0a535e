/* lm-weights-panel.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "lm-area-row.h"
#include "lm-weights-panel.h"

/* The controls of one domain. The scale and the spin button share one
 * adjustment, so they can never disagree and one user action is one
 * "value-changed". */
typedef struct
{
  LmWeightsPanel *panel;       /* borrowed: the owner */
  LmIndex        *index;       /* borrowed from the dataset */
  guint           position;    /* in index->domains */
  GtkAdjustment  *adjustment;  /* owned by the scale and the spin */
  GtkWidget      *scale;
  GtkWidget      *spin;
  GtkWidget      *share;
  GtkWidget      *lock;
} DomainControl;

typedef struct
{
  LmIndex   *index;            /* borrowed from the dataset */
  GtkWidget *reset;
  GtkWidget *verification;
} IndexControl;

typedef struct
{
  LmWeightsPanel *panel;       /* borrowed: the owner */
  guint           position;    /* in rule->criteria */
  GtkAdjustment  *adjustment;
} ThresholdControl;

struct _LmWeightsPanel
{
  GtkWidget   parent_instance;

  /* Owned references */
  LmModel    *model;
  GPtrArray  *domains;        /* DomainControl*, owned */
  GPtrArray  *indices;        /* IndexControl*, owned */
  GPtrArray  *thresholds;     /* ThresholdControl*, owned */
  GListStore *changes;        /* LmAreaRow of areas entering or leaving the list */
  GHashTable *bound_changes;  /* GtkListItem* of the list's bound rows (set) */

  /* Template-like children */
  GtkWidget  *scrolled;
  GtkWidget  *summary;
  GtkWidget  *changes_frame;
  GtkWidget  *thresholds_reset;

  /* Set while the panel writes model values back into its controls, so
   * that those writes are not taken for user input. */
  gboolean    syncing;
  /* Set while "locked" is applied to the lock buttons: one notify. */
  gboolean    setting_locks;
  /* The rows of the change list show old rank changes: they were off
   * screen when the weights last moved (see refill_change_rows). */
  gboolean    changes_stale;
  guint       refill_idle_id;
  /* g_utf8_collate_key() of the names of the change list's areas, made
   * as they first appear (index: area of name_keys_level) */
  char      **name_keys;
  LmLevel    *name_keys_level;
};

G_DEFINE_FINAL_TYPE (LmWeightsPanel, lm_weights_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

/* "32,844" in locales that group digits. */
static char *
format_count (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static char *
index_label (LmIndex *index)
{
  return g_ascii_strup (index->id, -1);
}


static LmIndexDomain *
control_domain (DomainControl *control)
{
  return g_ptr_array_index (control->index->domains, control->position);
}

static gboolean
is_locked (DomainControl *control)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (control->lock));
}

static void
update_lock (DomainControl *control)
{
  gboolean locked = is_locked (control);
  LmIndexDomain *domain = control_domain (control);
  g_autofree char *label = NULL;

  gtk_button_set_icon_name (GTK_BUTTON (control->lock),
                            locked ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  label = g_strdup_printf (locked ? _("Unlock the weight of %s") : _("Lock the weight of %s"),
                           domain->title);
  gtk_widget_set_tooltip_text (control->lock, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->lock),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_sensitivity (LmWeightsPanel *self)
{
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *control = g_ptr_array_index (self->domains, i);
      guint n_free_others = 0;
      gboolean can_move;

      for (guint j = 0; j < self->domains->len; j++)
        {
          DomainControl *other = g_ptr_array_index (self->domains, j);
          if (other != control && other->index == control->index && !is_locked (other))
            n_free_others++;
        }
      /* A domain can only give or take weight if some unlocked domain of
       * the same index takes up the difference. */
      can_move = !is_locked (control) && n_free_others > 0;
      gtk_widget_set_sensitive (control->scale, can_move);
      gtk_widget_set_sensitive (control->spin, can_move);
      gtk_widget_set_tooltip_text (control->scale,
                                   is_locked (control) ? _("Locked: unlock to change this weight")
                                   : n_free_others == 0 ? _("All other domains are locked")
                                   : NULL);
    }
}

/* Writes the model's weights into the controls; also the bounds, since
 * a weight set elsewhere (command line, scenario) changes the total. */
static void
sync_weights (LmWeightsPanel *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *control = g_ptr_array_index (self->domains, i);
      LmIndexDomain *domain = control_domain (control);
      double total = lm_index_get_weight_sum (control->index);
      double locked = 0;
      g_autofree char *share = NULL;

      for (guint j = 0; j < self->domains->len; j++)
        {
          DomainControl *other = g_ptr_array_index (self->domains, j);
          if (other != control && other->index == control->index && is_locked (other))
            locked += control_domain (other)->weight;
        }
      /* Only the value moves during a drag: reconfiguring the bounds as
       * well (the total differs in its last bits after the others are
       * rescaled) would make the spin button ask for a new size. */
      if (gtk_adjustment_get_lower (control->adjustment) == 0 &&
          fabs (gtk_adjustment_get_upper (control->adjustment) - total) <= 1e-9 * MAX (total, 1))
        gtk_adjustment_set_value (control->adjustment, domain->weight);
      else
        gtk_adjustment_configure (control->adjustment, domain->weight, 0, total,
                                  total / 200, total / 20, 0);
      /* The fill level shows, and enforces, what the locked domains leave. */
      gtk_range_set_fill_level (GTK_RANGE (control->scale), MAX (total - locked, 0));
      gtk_range_set_show_fill_level (GTK_RANGE (control->scale), locked > 0);

      share = g_strdup_printf ("%.1f%%", total > 0 ? 100 * domain->weight / total : 0);
      gtk_label_set_text (GTK_LABEL (control->share), share);
    }
  for (guint i = 0; i < self->indices->len; i++)
    {
      IndexControl *control = g_ptr_array_index (self->indices, i);
      gtk_widget_set_sensitive (control->reset, !lm_index_weights_are_default (control->index));
    }
  self->syncing = FALSE;
}

static void
sync_thresholds (LmWeightsPanel *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  gboolean all_default = TRUE;

  if (rule == NULL)
    return;
  self->syncing = TRUE;
  for (guint i = 0; i < self->thresholds->len; i++)
    {
      ThresholdControl *control = g_ptr_array_index (self->thresholds, i);
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, control->position);

      gtk_adjustment_set_value (control->adjustment, criterion->value);
      all_default &= criterion->value == criterion->default_value;
    }
  gtk_widget_set_sensitive (self->thresholds_reset, !all_default);
  self->syncing = FALSE;
}

typedef struct
{
  LmVariable  *flag;
  char       **name_keys;   /* see LmWeightsPanel */
} ChangeOrder;

static int
compare_changes (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ChangeOrder *order = user_data;
  guint area_a = lm_area_row_get_area (*(LmAreaRow **) a);
  guint area_b = lm_area_row_get_area (*(LmAreaRow **) b);
  gboolean in_a = order->flag->values[area_a] == 1;
  gboolean in_b = order->flag->values[area_b] == 1;

  /* Entered first, then by name: strcmp() of collation keys orders as
   * g_utf8_collate() does, without normalising both names again at
   * every comparison (hundreds of rows, every slider step). */
  if (in_a != in_b)
    return in_a ? -1 : 1;
  return strcmp (order->name_keys[area_a], order->name_keys[area_b]);
}

static void
free_name_keys (LmWeightsPanel *self)
{
  if (self->name_keys != NULL && self->name_keys_level != NULL)
    for (guint a = 0; a < self->name_keys_level->n_areas; a++)
      g_free (self->name_keys[a]);
  g_clear_pointer (&self->name_keys, g_free);
  self->name_keys_level = NULL;
}

static char *
describe_rank_changes (LmWeightsPanel *self,
                       LmLevel        *level,
                       guint           area)
{
  g_autoptr(GString) text = g_string_new (NULL);
  LmDataset *dataset = lm_model_get_dataset (self->model);

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      LmVariable *change = lm_index_find_variable (index, level, "rank_change");
      g_autofree char *label = NULL;
      double value;

      if (change == NULL || isnan (value = change->values[area]))
        continue;
      label = index_label (index);
      if (text->len > 0)
        g_string_append (text, "   ");
      if (value == 0)
        /* Translators: a rank change of zero, e.g. "CNI rank ±0" */
        g_string_append_printf (text, _("%s rank ±0"), label);
      else
        /* Translators: a rank change, e.g. "IMD rank +120" */
        g_string_append_printf (text, _("%s rank %+'.0f"), label, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_change_row (LmWeightsPanel *self,
                 GtkListItem    *item)
{
  LmAreaRow *row = gtk_list_item_get_item (item);
  LmLevel *level = lm_area_row_get_level (row);
  guint area = lm_area_row_get_area (row);
  GtkWidget *grid = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  GtkWidget *status = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
  GtkWidget *parent = gtk_grid_get_child_at (GTK_GRID (grid), 0, 1);
  GtkWidget *change = gtk_grid_get_child_at (GTK_GRID (grid), 1, 1);
  LmVariable *flag = lm_level_find_variable (level, "left_behind");
  LmLevel *lad = lm_dataset_find_level (lm_model_get_dataset (self->model), "lad");
  gboolean entered = flag != NULL && flag->values[area] == 1;
  g_autofree char *changes = describe_rank_changes (self, level, area);
  int up = lad != NULL ? lm_level_get_ancestor (level, area, lad) : -1;

  gtk_label_set_text (GTK_LABEL (name), level->names[area]);
  gtk_label_set_text (GTK_LABEL (parent), up >= 0 && lad != level ? lad->names[up] : level->codes[area]);
  gtk_label_set_text (GTK_LABEL (change), changes);
  /* Words, not only colour, say which way the area went. */
  gtk_label_set_text (GTK_LABEL (status), entered ? _("Entered") : _("Left"));
  gtk_widget_remove_css_class (status, entered ? "success" : "warning");
  gtk_widget_add_css_class (status, entered ? "warning" : "success");
}

/* Rewrites the rank changes of the list's rows, unless the list is off
 * screen (below the thresholds in a short window, as on first launch):
 * then every recompute of a drag would re-measure rows nobody sees.
 * Stale rows are caught up when the panel scrolls, resizes or shows. */
static void
refill_change_rows (LmWeightsPanel *self)
{
  GHashTableIter iter;
  gpointer item;
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (self->changes_frame) ||
      !gtk_widget_compute_bounds (self->changes_frame, self->scrolled, &bounds) ||
      bounds.origin.y >= gtk_widget_get_height (self->scrolled) ||
      bounds.origin.y + bounds.size.height <= 0)
    {
      self->changes_stale = g_hash_table_size (self->bound_changes) > 0;
      return;
    }
  self->changes_stale = FALSE;
  g_hash_table_iter_init (&iter, self->bound_changes);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_change_row (self, item);
}

static void
refill_idle_cb (gpointer data)
{
  LmWeightsPanel *self = data;

  self->refill_idle_id = 0;
  if (self->changes_stale)
    refill_change_rows (self);
}

/* After a scroll, a resize or being shown, once the new layout is done:
 * stale rows may have come into view. */
static void
queue_refill_check (LmWeightsPanel *self)
{
  if (self->changes_stale && self->refill_idle_id == 0)
    self->refill_idle_id = g_idle_add_once (refill_idle_cb, self);
}

static void
on_scrolled_changed_cb (LmWeightsPanel *self)
{
  queue_refill_check (self);
}

static gboolean
same_areas (GListModel *model,
            GPtrArray  *rows)
{
  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (model, i);
      if (lm_area_row_get_area (row) != lm_area_row_get_area (g_ptr_array_index (rows, i)))
        return FALSE;
    }
  return TRUE;
}

/* Whether item @position of @model is @row itself. */
static gboolean
same_row (GListModel *model,
          guint       position,
          LmAreaRow  *row)
{
  g_autoptr(LmAreaRow) item = g_list_model_get_item (model, position);

  return item == row;
}

static void
sync_changes (LmWeightsPanel *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *summary = NULL;
  GHashTable *old_rows;
  LmVariable *flag;
  ChangeOrder order;
  guint n_old, prefix, suffix;

  if (rule == NULL)
    return;
  entered = lm_model_get_left_behind_changes (self->model, TRUE);
  left = lm_model_get_left_behind_changes (self->model, FALSE);
  flag = lm_level_find_variable (rule->level, "left_behind");

  if (entered->len == 0 && left->len == 0)
    {
      guint n = 0;

      for (guint a = 0; a < rule->level->n_areas; a++)
        n += flag->values[a] == 1;
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The left-behind list is the same as with official weights (%u area)",
                                              "The left-behind list is the same as with official weights (%u areas)",
                                              n), n);
    }
  else
    {
      g_autofree char *in_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u area entered", "%u areas entered",
                                                               entered->len), entered->len);
      g_autofree char *out_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u left", "%u left",
                                                                left->len), left->len);
      /* Translators: "3 areas entered and 2 left the left-behind list
       * against official weights" */
      summary = g_strdup_printf (_("%s and %s the left-behind list against official weights"),
                                 in_part, out_part);
    }
  gtk_label_set_text (GTK_LABEL (self->summary), summary);

  /* Areas already listed keep their row object: the list view then
   * keeps their row widgets too, instead of making new ones for the
   * whole list each time one area enters or leaves it. */
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->changes));
  old_rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  for (guint i = 0; i < n_old; i++)
    {
      LmAreaRow *row = g_list_model_get_item (G_LIST_MODEL (self->changes), i);

      if (lm_area_row_get_level (row) == rule->level)
        g_hash_table_replace (old_rows, GUINT_TO_POINTER (lm_area_row_get_area (row)), row);
      else
        g_object_unref (row);
    }
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < 2; k++)
    {
      GArray *areas = k == 0 ? entered : left;

      for (guint i = 0; i < areas->len; i++)
        {
          guint area = g_array_index (areas, guint, i);
          LmAreaRow *row = NULL;

          if (g_hash_table_steal_extended (old_rows, GUINT_TO_POINTER (area), NULL, (gpointer *) &row))
            g_ptr_array_add (rows, row);
          else
            g_ptr_array_add (rows, lm_area_row_new (rule->level, area));
        }
    }
  g_hash_table_unref (old_rows);
  if (self->name_keys_level != rule->level)
    {
      free_name_keys (self);
      self->name_keys = g_new0 (char *, MAX (rule->level->n_areas, 1));
      self->name_keys_level = rule->level;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LmAreaRow *row = g_ptr_array_index (rows, i);
      guint area = lm_area_row_get_area (row);

      if (self->name_keys[area] == NULL)
        self->name_keys[area] = g_utf8_collate_key (lm_area_row_get_name (row), -1);
    }
  order.flag = flag;
  order.name_keys = self->name_keys;
  g_ptr_array_sort_with_data (rows, compare_changes, &order);
  gtk_widget_set_visible (self->changes_frame, rows->len > 0);

  /* Most slider events leave the list as it is and only move ranks:
   * rewrite the rows on screen rather than rebuilding the list. */
  if (same_areas (G_LIST_MODEL (self->changes), rows))
    {
      refill_change_rows (self);
      return;
    }

  /* Replace only the stretch between the rows that stay at the start
   * and those that stay at the end, with one splice, so the list view
   * sees one change per recompute. */
  prefix = 0;
  while (prefix < n_old && prefix < rows->len &&
         same_row (G_LIST_MODEL (self->changes), prefix, g_ptr_array_index (rows, prefix)))
    prefix++;
  suffix = 0;
  while (suffix < n_old - prefix && suffix < rows->len - prefix &&
         same_row (G_LIST_MODEL (self->changes), n_old - 1 - suffix,
                   g_ptr_array_index (rows, rows->len - 1 - suffix)))
    suffix++;
  g_list_store_splice (self->changes, prefix, n_old - prefix - suffix,
                       rows->len > prefix + suffix ? rows->pdata + prefix : NULL,
                       rows->len - prefix - suffix);

  /* Rows kept around the splice still show old rank changes. */
  refill_change_rows (self);
}

/* The share of areas whose rank with official weights equals the
 * published rank. The model keeps its official-weights result only as
 * rank changes, so the baseline rank is rank + rank change; that holds
 * whatever the weights are when the panel is made. */
static char *
describe_verification (LmIndex *index,
                       char   **tooltip)
{
  g_autofree char *label = index_label (index);
  LmVariable *published = index->published_rank != NULL
                          ? lm_level_find_variable (index->level, index->published_rank) : NULL;
  LmVariable *rank = lm_index_find_variable (index, index->level, "rank");
  LmVariable *change = lm_index_find_variable (index, index->level, "rank_change");
  guint n = 0, same = 0;
  double percent;
  g_autofree char *same_text = NULL;
  g_autofree char *n_text = NULL;

  *tooltip = NULL;
  if (published == NULL || rank == NULL || change == NULL)
    return g_strdup_printf (_("%s: no published ranks to compare with"), label);

  for (guint a = 0; a < index->level->n_areas; a++)
    {
      double baseline = rank->values[a] + change->values[a];

      if (isnan (published->values[a]))
        continue;
      n++;
      if (!isnan (baseline) && fabs (baseline - published->values[a]) < 0.5)
        same++;
    }
  if (n == 0)
    return g_strdup_printf (_("%s: no published ranks to compare with"), label);

  percent = 100.0 * same / n;
  /* Never round a near miss up to a perfect score. */
  if (same < n && percent > 99.95)
    percent = 99.9;
  same_text = format_count (same);
  n_text = format_count (n);
  *tooltip = g_strdup_printf (_("With the official weights, %s of %s %s get exactly their published rank"),
                              same_text, n_text, lm_level_get_plural (index->level));
  /* Translators: "IMD: 99.7% of published ranks reproduced" */
  return g_strdup_printf (_("%s: %.1f%% of published ranks reproduced"), label, percent);
}

/* Callbacks */

static void
on_domain_value_changed_cb (DomainControl *control,
                            GtkAdjustment *adjustment)
{
  LmWeightsPanel *self = control->panel;
  LmIndex *index = control->index;
  guint n = index->domains->len;
  g_autofree double *weights = g_new (double, n);
  g_autoptr(GError) error = NULL;
  double total = 0, locked = 0, others = 0, value, rest;
  guint n_others = 0;

  if (self->syncing)
    return;

  for (guint d = 0; d < n; d++)
    {
      weights[d] = ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->weight;
      total += weights[d];
    }
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *other = g_ptr_array_index (self->domains, i);

      if (other->index != index || other == control)
        continue;
      if (is_locked (other))
        locked += weights[other->position];
      else
        {
          others += weights[other->position];
          n_others++;
        }
    }
  if (n_others == 0)
    {
      sync_weights (self);
      return;
    }

  /* The total stays as it is, so the shares keep summing to 100%: the
   * moved domain takes or gives weight, the unlocked others make up the
   * difference in proportion to their weights, the locked ones stay. */
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0, MAX (total - locked, 0));
  rest = MAX (total - locked - value, 0);
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *other = g_ptr_array_index (self->domains, i);

      if (other->index != index || other == control || is_locked (other))
        continue;
      weights[other->position] = others > 0 ? weights[other->position] * rest / others
                                            : rest / n_others;
    }
  weights[control->position] = value;

  /* One call, so one recompute per slider event. */
  if (!lm_model_set_weights (self->model, index->id, weights, n, &error))
    {
      g_warning ("%s", error->message);
      sync_weights (self);
    }
  else if (value != gtk_adjustment_get_value (adjustment))
    sync_weights (self);
}

static void
on_lock_toggled_cb (DomainControl   *control,
                    GtkToggleButton *button)
{
  update_lock (control);
  if (control->panel->setting_locks)
    return;
  update_sensitivity (control->panel);
  sync_weights (control->panel);
  g_object_notify_by_pspec (G_OBJECT (control->panel), properties[PROP_LOCKED]);
}

static void
on_reset_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (user_data);
  IndexControl *control = g_object_get_data (G_OBJECT (button), "lm-index-control");

  /* In the window, the reset goes through its action so that it can be
   * undone from a toast; on its own, the panel resets directly. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.reset-index-weights", "s",
                                   control->index->id))
    lm_model_reset_weights (self->model, control->index->id);
}

static void
on_threshold_value_changed_cb (ThresholdControl *control,
                               GtkAdjustment    *adjustment)
{
  g_autoptr(GError) error = NULL;

  if (control->panel->syncing)
    return;
  if (!lm_model_set_left_behind_threshold (control->panel->model, control->position,
                                           gtk_adjustment_get_value (adjustment), &error))
    {
      g_warning ("%s", error->message);
      sync_thresholds (control->panel);
    }
}

static void
on_thresholds_reset_clicked_cb (LmWeightsPanel *self,
                                GtkButton      *button)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));

  /* Several thresholds, one recompute. */
  lm_model_freeze (self->model);
  for (guint i = 0; i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      lm_model_set_left_behind_threshold (self->model, i, criterion->default_value, NULL);
    }
  lm_model_thaw (self->model);
}

static void
on_model_recomputed_cb (LmWeightsPanel *self,
                        LmModel        *model)
{
  sync_weights (self);
  sync_thresholds (self);
  sync_changes (self);
}

static void
on_change_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *parent = gtk_label_new (NULL);
  GtkWidget *change = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (parent), 0);
  gtk_label_set_ellipsize (GTK_LABEL (parent), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parent, "dim-label");
  gtk_widget_add_css_class (parent, "caption");
  gtk_label_set_xalign (GTK_LABEL (change), 1);
  gtk_widget_add_css_class (change, "caption");
  gtk_widget_add_css_class (change, "numeric");
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (status), 1);

  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), status, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), parent, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), change, 1, 1, 1, 1);
  gtk_list_item_set_child (item, grid);
}

static void
on_change_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (user_data);

  g_hash_table_add (self->bound_changes, item);
  fill_change_row (self, item);
}

static void
on_change_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (user_data);

  if (self->bound_changes != NULL)
    g_hash_table_remove (self->bound_changes, item);
}

static void
on_change_activate_cb (GtkListView *list,
                       guint        position,
                       gpointer     user_data)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (user_data);
  g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (self->changes), position);
  guint area;

  if (row == NULL)
    return;
  area = lm_area_row_get_area (row);
  lm_selection_select (lm_model_get_selection (self->model), lm_area_row_get_level (row),
                       &area, 1, LM_SELECTION_REPLACE);
}

/* Building */

static GtkWidget *
build_domain_row (LmWeightsPanel *self,
                  LmIndex        *index,
                  guint           position)
{
  LmIndexDomain *domain = g_ptr_array_index (index->domains, position);
  DomainControl *control = g_new0 (DomainControl, 1);
  g_autofree char *label = index_label (index);
  g_autofree char *name = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (domain->title);

  control->panel = self;
  control->index = index;
  control->position = position;
  control->adjustment = gtk_adjustment_new (domain->weight, 0, 100, 0.5, 5, 0);
  control->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, control->adjustment);
  control->spin = gtk_spin_button_new (control->adjustment, 1, lm_index_get_weight_sum (index) >= 20 ? 1 : 2);
  control->share = gtk_label_new (NULL);
  control->lock = gtk_toggle_button_new ();
  g_ptr_array_add (self->domains, control);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);

  gtk_scale_set_draw_value (GTK_SCALE (control->scale), FALSE);
  gtk_range_set_restrict_to_fill_level (GTK_RANGE (control->scale), TRUE);
  gtk_widget_set_hexpand (control->scale, TRUE);
  gtk_widget_set_valign (control->scale, GTK_ALIGN_CENTER);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (control->spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (control->spin), 4);
  gtk_widget_set_valign (control->spin, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (control->share), 1);
  gtk_widget_add_css_class (control->share, "numeric");
  gtk_widget_add_css_class (control->share, "dim-label");
  gtk_widget_set_tooltip_text (control->share, _("Share of the index"));

  gtk_widget_add_css_class (control->lock, "flat");
  gtk_widget_add_css_class (control->lock, "circular");
  gtk_widget_set_valign (control->lock, GTK_ALIGN_CENTER);

  /* Names let tests and the inspector find a domain's controls. */
  name = g_strdup_printf ("%s.%s-scale", index->id, domain->id);
  gtk_widget_set_name (control->scale, name);
  g_free (name);
  name = g_strdup_printf ("%s.%s-spin", index->id, domain->id);
  gtk_widget_set_name (control->spin, name);
  g_free (name);
  name = g_strdup_printf ("%s.%s-lock", index->id, domain->id);
  gtk_widget_set_name (control->lock, name);
  g_free (name);
  name = g_strdup_printf ("%s.%s-share", index->id, domain->id);
  gtk_widget_set_name (control->share, name);

  /* Translators: accessible name of a weight slider, "IMD Income weight" */
  accessible = g_strdup_printf (_("%s %s weight"), label, domain->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control->scale),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, control->share, NULL, -1);

  /* Two lines, so that a narrow sidebar still shows the whole title:
   * title, share and lock above; slider and number below. */
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), control->share);
  gtk_box_append (GTK_BOX (top), control->lock);
  gtk_box_append (GTK_BOX (bottom), control->scale);
  gtk_box_append (GTK_BOX (bottom), control->spin);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_signal_connect_swapped (control->adjustment, "value-changed",
                            G_CALLBACK (on_domain_value_changed_cb), control);
  g_signal_connect_swapped (control->lock, "toggled", G_CALLBACK (on_lock_toggled_cb), control);
  update_lock (control);
  return row;
}

static GtkWidget *
build_index_group (LmWeightsPanel *self,
                   LmIndex        *index)
{
  IndexControl *control = g_new0 (IndexControl, 1);
  g_autofree char *label = index_label (index);
  g_autofree char *name = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *verification = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *check = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  control->index = index;
  g_ptr_array_add (self->indices, control);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), index->title);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Translators: accessible name of a list of sliders, "IMD domain weights" */
  accessible = g_strdup_printf (_("%s domain weights"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  for (guint d = 0; d < index->domains->len; d++)
    gtk_list_box_append (GTK_LIST_BOX (list), build_domain_row (self, index, d));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  verification = describe_verification (index, &tooltip);
  control->verification = gtk_label_new (verification);
  gtk_label_set_wrap (GTK_LABEL (control->verification), TRUE);
  gtk_label_set_xalign (GTK_LABEL (control->verification), 0);
  gtk_widget_set_hexpand (control->verification, TRUE);
  gtk_widget_add_css_class (control->verification, "caption");
  gtk_widget_set_tooltip_text (control->verification, tooltip);
  name = g_strdup_printf ("%s-verification", index->id);
  gtk_widget_set_name (control->verification, name);
  g_free (name);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_visible (icon, tooltip != NULL);
  gtk_box_append (GTK_BOX (check), icon);
  gtk_box_append (GTK_BOX (check), control->verification);

  control->reset = gtk_button_new_with_mnemonic (_("_Reset to Official Weights"));
  gtk_widget_set_halign (control->reset, GTK_ALIGN_END);
  name = g_strdup_printf ("%s-reset", index->id);
  gtk_widget_set_name (control->reset, name);
  g_free (accessible);
  /* Translators: "Reset IMD to official weights" */
  accessible = g_strdup_printf (_("Reset %s to official weights"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (control->reset), "lm-index-control", control);
  g_signal_connect (control->reset, "clicked", G_CALLBACK (on_reset_clicked_cb), self);

  gtk_widget_set_margin_top (footer, 6);
  gtk_box_append (GTK_BOX (footer), check);
  gtk_box_append (GTK_BOX (footer), control->reset);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), footer);
  return group;
}

static GtkWidget *
build_threshold_row (LmWeightsPanel   *self,
                     LmLeftBehindRule *rule,
                     guint             position)
{
  LmCriterion *criterion = g_ptr_array_index (rule->criteria, position);
  LmVariable *variable = lm_level_find_variable (rule->level, criterion->variable);
  ThresholdControl *control = g_new0 (ThresholdControl, 1);
  const char *variable_title = variable != NULL ? variable->title : criterion->variable;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;

  control->panel = self;
  control->position = position;
  g_ptr_array_add (self->thresholds, control);

  if (criterion->kind == LM_CRITERION_TOP_PERCENT)
    {
      /* Translators: "CNI score: worst % of wards" */
      title = g_strdup_printf (_("%s: worst %% of %s"), variable_title, lm_level_get_plural (rule->level));
      subtitle = g_strdup_printf (_("Official threshold: %g%%"), criterion->default_value);
      control->adjustment = gtk_adjustment_new (criterion->value, 0.5, 100, 0.5, 5, 0);
    }
  else
    {
      double lo = 0, hi = 0;

      if (variable != NULL)
        lm_variable_get_range (variable, &lo, &hi);
      if (!isfinite (hi))
        hi = MAX (criterion->value, 10);
      /* Translators: "IMD decile: at most" */
      title = g_strdup_printf (_("%s: at most"), variable_title);
      subtitle = g_strdup_printf (_("Official threshold: %g"), criterion->default_value);
      control->adjustment = gtk_adjustment_new (criterion->value, isfinite (lo) ? MIN (lo, 0) : 0,
                                                hi, 1, 1, 0);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  spin = gtk_spin_button_new (control->adjustment, 1, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  name = g_strdup_printf ("threshold-%u", position);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  g_signal_connect_swapped (control->adjustment, "value-changed",
                            G_CALLBACK (on_threshold_value_changed_cb), control);
  return row;
}

static GtkWidget *
build_left_behind_group (LmWeightsPanel   *self,
                         LmLeftBehindRule *rule)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *view;
  GtkWidget *scrolled;
  GtkListItemFactory *factory;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Left Behind"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), rule->description);

  self->thresholds_reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_add_css_class (self->thresholds_reset, "flat");
  gtk_widget_set_valign (self->thresholds_reset, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->thresholds_reset, _("Reset the thresholds to the official ones"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thresholds_reset),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reset the thresholds to the official ones"), -1);
  gtk_widget_set_name (self->thresholds_reset, "thresholds-reset");
  g_signal_connect_swapped (self->thresholds_reset, "clicked",
                            G_CALLBACK (on_thresholds_reset_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->thresholds_reset);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Left-behind thresholds"), -1);
  for (guint i = 0; i < rule->criteria->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), build_threshold_row (self, rule, i));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_set_margin_top (self->summary, 12);
  gtk_widget_set_name (self->summary, "left-behind-summary");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->summary);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_change_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_change_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_change_unbind_cb), self);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->changes)))),
                            factory);
  /* One click (or Enter) selects the area everywhere. */
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), TRUE);
  gtk_widget_set_name (view, "left-behind-changes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Areas that entered or left the left-behind list"), -1);
  g_signal_connect (view, "activate", G_CALLBACK (on_change_activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  self->changes_frame = gtk_frame_new (NULL);
  gtk_widget_set_margin_top (self->changes_frame, 6);
  gtk_frame_set_child (GTK_FRAME (self->changes_frame), scrolled);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->changes_frame);
  return group;
}

static void
build (LmWeightsPanel *self)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  {
    GtkWidget *intro = gtk_label_new (_("Moving a slider shares the difference among the unlocked "
                                        "domains of its index; locked domains keep their weight."));

    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_widget_add_css_class (intro, "dim-label");
    gtk_widget_add_css_class (intro, "caption");
    gtk_box_append (GTK_BOX (box), intro);
  }
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    gtk_box_append (GTK_BOX (box), build_index_group (self, lm_dataset_get_index (dataset, i)));
  if (rule != NULL)
    gtk_box_append (GTK_BOX (box), build_left_behind_group (self, rule));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);

  update_sensitivity (self);
  on_model_recomputed_cb (self, self->model);
}

/* GObject overrides */

static void
lm_weights_panel_dispose (GObject *object)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_handle_id (&self->refill_idle_id, g_source_remove);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->changes);
  g_clear_pointer (&self->bound_changes, g_hash_table_unref);

  G_OBJECT_CLASS (lm_weights_panel_parent_class)->dispose (object);
}

static void
lm_weights_panel_finalize (GObject *object)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (object);

  free_name_keys (self);
  g_ptr_array_unref (self->domains);
  g_ptr_array_unref (self->indices);
  g_ptr_array_unref (self->thresholds);

  G_OBJECT_CLASS (lm_weights_panel_parent_class)->finalize (object);
}

static void
lm_weights_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      g_value_take_boxed (value, lm_weights_panel_get_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_weights_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      lm_weights_panel_set_locked (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_weights_panel_map (GtkWidget *widget)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (widget);

  GTK_WIDGET_CLASS (lm_weights_panel_parent_class)->map (widget);
  queue_refill_check (self);
}

static void
lm_weights_panel_class_init (LmWeightsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_weights_panel_dispose;
  object_class->finalize = lm_weights_panel_finalize;
  object_class->get_property = lm_weights_panel_get_property;
  object_class->set_property = lm_weights_panel_set_property;
  widget_class->map = lm_weights_panel_map;

  /**
   * LmWeightsPanel:locked:
   *
   * The locked domains as "index.domain" ids, sorted: what a view state
   * binds to. Locking a domain in the panel notifies it.
   */
  properties[PROP_LOCKED] =
    g_param_spec_boxed ("locked", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "weightspanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lm_weights_panel_init (LmWeightsPanel *self)
{
  self->domains = g_ptr_array_new_with_free_func (g_free);
  self->indices = g_ptr_array_new_with_free_func (g_free);
  self->thresholds = g_ptr_array_new_with_free_func (g_free);
  self->changes = g_list_store_new (LM_TYPE_AREA_ROW);
  self->bound_changes = g_hash_table_new (NULL, NULL);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  {
    GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));

    g_signal_connect_object (vadjustment, "value-changed",
                             G_CALLBACK (on_scrolled_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (vadjustment, "changed",
                             G_CALLBACK (on_scrolled_changed_cb), self, G_CONNECT_SWAPPED);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Weights"), -1);
}

/* Public API */

/**
 * lm_weights_panel_new:
 * @model: the model whose weights the panel shows and changes
 *
 * Returns: (transfer floating): a new #LmWeightsPanel
 */
GtkWidget *
lm_weights_panel_new (LmModel *model)
{
  LmWeightsPanel *self;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_WEIGHTS_PANEL, NULL);
  self->model = g_object_ref (model);
  build (self);
  g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * lm_weights_panel_get_model:
 * @self: a #LmWeightsPanel
 *
 * Returns: (transfer none): the model
 */
LmModel *
lm_weights_panel_get_model (LmWeightsPanel *self)
{
  g_return_val_if_fail (LM_IS_WEIGHTS_PANEL (self), NULL);
  return self->model;
}

static char *
control_id (DomainControl *control)
{
  return g_strconcat (control->index->id, ".", control_domain (control)->id, NULL);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lm_weights_panel_get_locked:
 * @self: a #LmWeightsPanel
 *
 * Returns: (transfer full): the locked domains, "index.domain", sorted
 */
char **
lm_weights_panel_get_locked (LmWeightsPanel *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (LM_IS_WEIGHTS_PANEL (self), NULL);

  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *control = g_ptr_array_index (self->domains, i);

      if (is_locked (control))
        g_ptr_array_add (ids, control_id (control));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * lm_weights_panel_set_locked:
 * @self: a #LmWeightsPanel
 * @locked: (nullable): "index.domain" ids to lock; the others unlock.
 *   Ids of domains the panel does not show are ignored.
 */
void
lm_weights_panel_set_locked (LmWeightsPanel     *self,
                             const char * const *locked)
{
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  g_return_if_fail (LM_IS_WEIGHTS_PANEL (self));

  before = lm_weights_panel_get_locked (self);
  self->setting_locks = TRUE;
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *control = g_ptr_array_index (self->domains, i);
      g_autofree char *id = control_id (control);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (control->lock),
                                    locked != NULL && g_strv_contains (locked, id));
    }
  self->setting_locks = FALSE;
  after = lm_weights_panel_get_locked (self);
  if (g_strv_equal ((const char * const *) before, (const char * const *) after))
    return;
  update_sensitivity (self);
  sync_weights (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}
