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

#include "lm-accessible.h"
#include "lm-left-behind-changes.h"
#include "lm-weights-panel.h"

/* The controls of one domain. The scale and the spin button share one
 * adjustment, so they can never disagree and one user action is one
 * "value-changed". That adjustment holds the domain's share of its
 * index in percent, the one number the user sees and types; the model
 * keeps relative weights, converted in both directions here. */
typedef struct
{
  LmWeightsPanel *panel;       /* borrowed: the owner */
  LmIndex        *index;       /* borrowed from the dataset */
  guint           position;    /* in index->domains */
  GtkAdjustment  *adjustment;  /* owned by the scale and the spin */
  GtkWidget      *scale;
  GtkWidget      *spin;
  GtkWidget      *lock;
} DomainControl;

/* Shares are shown with one decimal. A share the user sets within half
 * a step of the official one is the official weight itself: typing
 * back the 22.5 shown for the IMD's income domain (22.52% of the
 * published 99.9) restores the official weights exactly. */
#define SHARE_DIGITS 1
#define SHARE_HALF_STEP 0.05

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

  /* Template-like children */
  GtkWidget  *scrolled;
  GtkWidget  *thresholds_reset;
  GtkWidget  *rule_text;      /* the left-behind rule as it stands */

  /* Set while the panel writes model values back into its controls, so
   * that those writes are not taken for user input. */
  gboolean    syncing;
  /* Set while "locked" is applied to the lock buttons: one notify. */
  gboolean    setting_locks;
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

/* The share, in percent, of the weights of the domains of @control's
 * index that are locked, other than @control's own. */
static double
locked_share (DomainControl *control)
{
  LmWeightsPanel *self = control->panel;
  double total = lm_index_get_weight_sum (control->index);
  double locked = 0;

  for (guint j = 0; j < self->domains->len; j++)
    {
      DomainControl *other = g_ptr_array_index (self->domains, j);

      if (other != control && other->index == control->index && is_locked (other))
        locked += control_domain (other)->weight;
    }
  return total > 0 ? 100 * locked / total : 0;
}

static double
official_share (DomainControl *control)
{
  double sum = 0;

  for (guint d = 0; d < control->index->domains->len; d++)
    sum += ((LmIndexDomain *) g_ptr_array_index (control->index->domains, d))->default_weight;
  return sum > 0 ? 100 * control_domain (control)->default_weight / sum : 0;
}

/* Writes the model's weights into the controls as shares; the fill
 * level shows, and enforces, what the locked domains leave. */
static void
sync_weights (LmWeightsPanel *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->domains->len; i++)
    {
      DomainControl *control = g_ptr_array_index (self->domains, i);
      double total = lm_index_get_weight_sum (control->index);
      double locked = locked_share (control);

      gtk_adjustment_set_value (control->adjustment,
                                total > 0 ? 100 * control_domain (control)->weight / total : 0);
      gtk_range_set_fill_level (GTK_RANGE (control->scale), MAX (100 - locked, 0));
      gtk_range_set_show_fill_level (GTK_RANGE (control->scale), locked > 0);
    }
  for (guint i = 0; i < self->indices->len; i++)
    {
      IndexControl *control = g_ptr_array_index (self->indices, i);
      gtk_widget_set_sensitive (control->reset, !lm_index_weights_are_default (control->index));
    }
  self->syncing = FALSE;
}

/* "Wards in the worst 15% by CNI score and in the worst 10% by IMD
 * score: 216 wards." — the rule with the thresholds as they are, which
 * the manifest's fixed sentence cannot say. */
static char *
describe_rule (LmLeftBehindRule *rule)
{
  g_autoptr(GString) criteria = g_string_new (NULL);
  g_autofree char *plural = g_strdup (lm_level_get_plural (rule->level));
  g_autofree char *count = NULL;
  guint n = 0;

  for (guint i = 0; i < rule->criteria->len; i++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);
      LmVariable *variable = lm_level_find_variable (rule->level, criterion->variable);
      const char *title = variable != NULL ? variable->title : criterion->variable;
      g_autofree char *threshold = g_strdup_printf ("%g", criterion->value);
      g_autofree char *phrase = NULL;

      if (criterion->kind == LM_CRITERION_TOP_PERCENT)
        /* Translators: one criterion of the left-behind rule, "in the worst 10% by CNI score" */
        phrase = g_strdup_printf (_("in the worst %s%% by %s"), threshold, title);
      else
        /* Translators: one criterion of the left-behind rule, "with IMD decile at most 1" */
        phrase = g_strdup_printf (_("with %s at most %s"), title, threshold);
      if (i > 0)
        /* Translators: between two criteria of the left-behind rule */
        g_string_append (criteria, _(" and "));
      g_string_append (criteria, phrase);
    }
  for (guint a = 0; a < rule->level->n_areas; a++)
    n += rule->flag->values[a] == 1;
  count = format_count (n);
  /* Sentence case for the level's plural, "wards" -> "Wards". */
  if (g_ascii_islower (plural[0]))
    plural[0] = g_ascii_toupper (plural[0]);
  /* Translators: "Wards in the worst 10% by CNI score and in the worst
   * 10% by IMD score: 226 wards." */
  return g_strdup_printf (_("%s %s: %s %s."), plural, criteria->str, count,
                          lm_level_get_plural (rule->level));
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
  {
    g_autofree char *text = describe_rule (rule);

    if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->rule_text)), text) != 0)
      gtk_label_set_text (GTK_LABEL (self->rule_text), text);
  }
  self->syncing = FALSE;
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
  double total = 0, locked = 0, others = 0, share, value, rest;
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
  if (n_others == 0 || total <= 0)
    {
      sync_weights (self);
      return;
    }
  /* A value within rounding of the share the model already has (the
   * slider hands back the value it was given, in its last bits
   * different) changes nothing: no recompute, so one per slider step. */
  if (fabs (gtk_adjustment_get_value (adjustment) - 100 * weights[control->position] / total) < 1e-9)
    return;

  /* The total stays as it is, so the shares keep summing to 100%: the
   * moved domain takes or gives weight, the unlocked others make up the
   * difference in proportion to their weights, the locked ones stay. */
  share = gtk_adjustment_get_value (adjustment);
  if (fabs (share - official_share (control)) < SHARE_HALF_STEP)
    share = official_share (control);
  value = CLAMP (share / 100 * total, 0, MAX (total - locked, 0));
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
  else if (fabs (100 * value / total - gtk_adjustment_get_value (adjustment)) > 1e-9)
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
}

/* Building */

/* A scroll over the panel scrolls the panel. Scales and spin buttons
 * take the wheel for themselves, so a panel scrolled under a resting
 * pointer would change weights on its way (issue 13): without their
 * scroll controllers the event goes on to the scrolled window. A value
 * then changes only by a drag, a click, typing or keys. */
static void
drop_scroll_controllers (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GPtrArray) scrolls = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        g_ptr_array_add (scrolls, g_object_ref (controller));
    }
  for (guint i = 0; i < scrolls->len; i++)
    gtk_widget_remove_controller (widget, g_ptr_array_index (scrolls, i));
}

static GtkWidget *
new_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
set_name (GtkWidget  *widget,
          const char *format,
          const char *first,
          const char *second)
{
  g_autofree char *name = g_strdup_printf (format, first, second);

  gtk_widget_set_name (widget, name);
}

static GtkWidget *
build_domain_row (LmWeightsPanel *self,
                  LmIndex        *index,
                  guint           position)
{
  LmIndexDomain *domain = g_ptr_array_index (index->domains, position);
  DomainControl *control = g_new0 (DomainControl, 1);
  g_autofree char *label = index_label (index);
  g_autofree char *accessible = NULL;
  g_autofree char *explanation = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = gtk_label_new (domain->title);
  GtkWidget *unit = gtk_label_new ("%");

  control->panel = self;
  control->index = index;
  control->position = position;
  control->adjustment = gtk_adjustment_new (0, 0, 100, 0.5, 5, 0);
  control->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, control->adjustment);
  control->spin = gtk_spin_button_new (control->adjustment, 1, SHARE_DIGITS);
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
  /* What the domain measures, from the manifest. */
  gtk_widget_set_tooltip_text (title, domain->description);
  set_name (title, "%s.%s-title", index->id, domain->id);

  gtk_scale_set_draw_value (GTK_SCALE (control->scale), FALSE);
  gtk_range_set_restrict_to_fill_level (GTK_RANGE (control->scale), TRUE);
  gtk_widget_set_hexpand (control->scale, TRUE);
  gtk_widget_set_valign (control->scale, GTK_ALIGN_CENTER);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (control->spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (control->spin), 4);
  gtk_widget_set_valign (control->spin, GTK_ALIGN_CENTER);
  drop_scroll_controllers (control->scale);
  drop_scroll_controllers (control->spin);

  gtk_widget_add_css_class (unit, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (unit), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_widget_add_css_class (control->lock, "flat");
  gtk_widget_add_css_class (control->lock, "circular");
  gtk_widget_set_valign (control->lock, GTK_ALIGN_CENTER);

  /* Names let tests and the inspector find a domain's controls. */
  set_name (control->scale, "%s.%s-scale", index->id, domain->id);
  set_name (control->spin, "%s.%s-spin", index->id, domain->id);
  set_name (control->lock, "%s.%s-lock", index->id, domain->id);

  /* Translators: accessible name of a weight slider, "IMD Income weight" */
  accessible = g_strdup_printf (_("%s %s weight"), label, domain->title);
  /* Translators: tooltip of a weight: "Income's share of the Index of
   * Multiple Deprivation 2019, in percent (official: 22.5%). ..." */
  explanation = g_strdup_printf (_("%s’s share of the %s, in percent (official: %.1f%%). The shares "
                                   "of an index add up to 100%%: changing one changes the unlocked "
                                   "others in proportion."),
                                 domain->title, index->title, official_share (control));
  gtk_widget_set_tooltip_text (control->spin, explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);

  /* Two lines, so that a narrow sidebar still shows the whole title:
   * title and lock above; slider, share and its unit below. */
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), control->lock);
  gtk_box_append (GTK_BOX (bottom), control->scale);
  gtk_box_append (GTK_BOX (bottom), control->spin);
  gtk_box_append (GTK_BOX (bottom), unit);
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
  GtkWidget *heading;

  control->index = index;
  g_ptr_array_add (self->indices, control);

  /* The group's own title would be cut short in a narrow sidebar
   * ("Index of Multiple Deprivati…"): a heading that wraps instead. */
  heading = g_object_new (GTK_TYPE_LABEL, "label", index->title,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_tooltip_text (heading, index->description);
  name = g_strdup_printf ("%s-heading", index->id);
  gtk_widget_set_name (heading, name);
  g_clear_pointer (&name, g_free);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);

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
  drop_scroll_controllers (spin);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  name = g_strdup_printf ("threshold-%u", position);
  gtk_widget_set_name (spin, name);
  /* The row's title names the spin button (AdwActionRow relates them);
   * a label of its own would be read after it, the name said twice. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
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

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Left Behind"));
  /* What the rule means with the thresholds as they are now, and the
   * manifest's sentence as the official definition. */
  self->rule_text = new_caption (NULL);
  gtk_widget_remove_css_class (self->rule_text, "dim-label");
  gtk_widget_set_name (self->rule_text, "left-behind-rule");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->rule_text);
  if (rule->description != NULL && *rule->description != '\0')
    {
      /* Translators: the manifest's definition of "left behind" */
      g_autofree char *official = g_strdup_printf (_("Official definition: %s"), rule->description);
      GtkWidget *caption = new_caption (official);

      gtk_widget_set_margin_bottom (caption, 6);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), caption);
    }

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

  /* The areas that entered or left the list follow the model. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lm_left_behind_changes_new (self->model));
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

  gtk_box_append (GTK_BOX (box),
                  new_caption (_("Each weight is a domain’s share of its index, in percent; the "
                                 "shares of an index add up to 100%. Changing one shares the "
                                 "difference among the unlocked domains of that index; locked "
                                 "domains keep theirs. Press F1 for how the indices are made.")));
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    gtk_box_append (GTK_BOX (box), build_index_group (self, lm_dataset_get_index (dataset, i)));
  if (rule != NULL)
    gtk_box_append (GTK_BOX (box), build_left_behind_group (self, rule));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);
  lm_accessible_hide_decorations (box);

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
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lm_weights_panel_parent_class)->dispose (object);
}

static void
lm_weights_panel_finalize (GObject *object)
{
  LmWeightsPanel *self = LM_WEIGHTS_PANEL (object);

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
lm_weights_panel_class_init (LmWeightsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_weights_panel_dispose;
  object_class->finalize = lm_weights_panel_finalize;
  object_class->get_property = lm_weights_panel_get_property;
  object_class->set_property = lm_weights_panel_set_property;

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

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (self->scrolled), _("the weights"));
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
