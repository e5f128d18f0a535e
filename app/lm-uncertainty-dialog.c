/* lm-uncertainty-dialog.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lm-uncertainty-dialog.h"

/* The spreads offered, in the drop-down's order; the last item is the
 * ranges. */
static const char * const spreads[] = { "narrow", "medium", "wide" };
#define RANGES_ITEM G_N_ELEMENTS (spreads)

struct _LmUncertaintyDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *run_button;
  GtkWidget      *stop_button;
  GtkAdjustment  *draws_adjustment;
  GtkAdjustment  *seed_adjustment;
  GtkDropDown    *spread_dropdown;
  GtkWidget      *domains_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkLabel       *headline_label;
  GtkWidget      *stale_label;
  GtkWidget      *show_map_button;

  /* Owned references */
  LmView         *view;
  LmModel        *model;          /* followed for its recomputes */
  GCancellable   *cancellable;    /* while running */

  guint           updating;
};

G_DEFINE_FINAL_TYPE (LmUncertaintyDialog, lm_uncertainty_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* The domains and their ranges                                         */
/* ------------------------------------------------------------------ */

static LmViewAnalysis *
analysis_of (LmUncertaintyDialog *self)
{
  return lm_view_get_analysis (self->view);
}

static gboolean
is_locked (LmUncertaintyDialog *self,
           LmIndex             *index,
           LmIndexDomain       *domain)
{
  g_autofree char *id = g_strdup_printf ("%s.%s", index->id, domain->id);

  return g_strv_contains (lm_view_get_locked (self->view), id);
}

/* The ranges as the spin buttons hold them, into the settings. */
static void
on_range_changed_cb (LmUncertaintyDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ranges = NULL;
  GtkWidget *row;

  if (self->updating > 0)
    return;
  /* Each index is a heading over a list of its domains. */
  for (GtkWidget *group = gtk_widget_get_first_child (self->domains_box); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    for (row = gtk_widget_get_first_child (gtk_widget_get_last_child (group)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkSpinButton *low = g_object_get_data (G_OBJECT (row), "lm-low");
        GtkSpinButton *high = g_object_get_data (G_OBJECT (row), "lm-high");
        char lo_text[G_ASCII_DTOSTR_BUF_SIZE], hi_text[G_ASCII_DTOSTR_BUF_SIZE];
        g_autofree char *range = NULL;

        if (low == NULL)
          continue;
        range = g_strdup_printf ("%s=%s:%s", (char *) g_object_get_data (G_OBJECT (row), "lm-domain"),
                                 g_ascii_dtostr (lo_text, sizeof lo_text, gtk_spin_button_get_value (low)),
                                 g_ascii_dtostr (hi_text, sizeof hi_text,
                                                 MAX (gtk_spin_button_get_value (low),
                                                      gtk_spin_button_get_value (high))));
        g_strv_builder_add (builder, range);
      }
  ranges = g_strv_builder_end (builder);
  self->updating++;
  lm_view_analysis_set_uncertainty_ranges (analysis_of (self), (const char * const *) ranges);
  self->updating--;
}

static GtkWidget *
range_spin (LmUncertaintyDialog *self,
            double               value,
            const char          *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000, 0.5);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_range_changed_cb), self);
  return spin;
}

/* One domain: its share now, and the 90% range of the draws or, for
 * ranges, two spin buttons of relative weights. */
static GtkWidget *
domain_row (LmUncertaintyDialog *self,
            LmWeightSampler     *sampler,
            guint                i,
            guint                d,
            gboolean             ranges)
{
  LmIndex *index = lm_weight_sampler_get_index (sampler, i);
  LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
  g_autofree char *id = g_strdup_printf ("%s.%s", index->id, domain->id);
  double now = domain->weight / lm_index_get_weight_sum (index), lo, hi;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->title);
  g_object_set_data_full (G_OBJECT (row), "lm-domain", g_strdup (id), g_free);
  if (is_locked (self, index, domain))
    /* Translators: a domain's weight in the uncertainty dialog */
    subtitle = g_strdup_printf (_("%.1f%% now; locked, so in every draw"), 100 * now);
  else if (ranges)
    {
      double low, high;
      g_autofree char *from = g_strdup_printf (_("Lowest weight of %s"), domain->title);
      g_autofree char *to = g_strdup_printf (_("Highest weight of %s"), domain->title);
      GtkWidget *low_spin, *high_spin;

      if (!lm_weight_sampler_get_range (sampler, id, &low, &high))
        low = high = domain->weight;
      lm_weight_sampler_get_share_interval (sampler, i, d, 0.9, &lo, &hi);
      subtitle = g_strdup_printf (_("%.1f%% now; %.1f%%–%.1f%% in 90%% of draws. Relative weights:"),
                                  100 * now, 100 * lo, 100 * hi);
      low_spin = range_spin (self, low, from);
      high_spin = range_spin (self, high, to);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), low_spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("to")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), high_spin);
      g_object_set_data (G_OBJECT (row), "lm-low", low_spin);
      g_object_set_data (G_OBJECT (row), "lm-high", high_spin);
    }
  else
    {
      lm_weight_sampler_get_share_interval (sampler, i, d, 0.9, &lo, &hi);
      subtitle = g_strdup_printf (_("%.1f%% now; %.1f%%–%.1f%% in 90%% of draws"), 100 * now,
                                  100 * lo, 100 * hi);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* Ranges of ±50% around each free domain's weight, for a start. */
static void
start_ranges (LmUncertaintyDialog *self)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ranges = NULL;

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);

      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *range = NULL;

          if (is_locked (self, index, domain))
            continue;
          range = g_strdup_printf ("%s.%s=%s:%s", index->id, domain->id,
                                   g_ascii_dtostr (lo, sizeof lo, domain->weight * 0.5),
                                   g_ascii_dtostr (hi, sizeof hi, domain->weight * 1.5));
          g_strv_builder_add (builder, range);
        }
    }
  ranges = g_strv_builder_end (builder);
  lm_view_analysis_set_uncertainty_ranges (analysis_of (self), (const char * const *) ranges);
}

static void
fill_domains (LmUncertaintyDialog *self)
{
  g_autoptr(LmWeightSampler) sampler = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ranges = lm_view_analysis_get_uncertainty_ranges (analysis_of (self)) != NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->domains_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->domains_box), child);
  if (self->model == NULL)
    return;
  sampler = lm_view_analysis_make_sampler (analysis_of (self), lm_model_get_dataset (self->model),
                                           lm_view_get_locked (self->view), &error);
  if (sampler == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  self->updating++;
  for (guint i = 0; i < lm_weight_sampler_get_n_indices (sampler); i++)
    {
      LmIndex *index = lm_weight_sampler_get_index (sampler, i);
      GtkWidget *list = gtk_list_box_new (), *heading = gtk_label_new (index->title), *box;

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), list);
      for (guint d = 0; d < index->domains->len; d++)
        gtk_list_box_append (GTK_LIST_BOX (list), domain_row (self, sampler, i, d, ranges));
      gtk_box_append (GTK_BOX (self->domains_box), box);
    }
  self->updating--;
}

/* ------------------------------------------------------------------ */
/* Running                                                              */
/* ------------------------------------------------------------------ */

static void
set_running (LmUncertaintyDialog *self,
             gboolean             running)
{
  gtk_widget_set_visible (self->run_button, !running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_sensitive (self->domains_box, !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->spread_dropdown), !running);
}

/* The headline and whether the weights moved since the run. */
static void
show_result (LmUncertaintyDialog *self)
{
  LmUncertainty *run = self->model != NULL ? lm_model_get_uncertainty (self->model) : NULL;
  g_autofree char *headline = run != NULL ? lm_uncertainty_describe_headline (run) : NULL;

  gtk_label_set_text (self->headline_label, headline != NULL ? headline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline != NULL);
  gtk_widget_set_visible (self->show_map_button, run != NULL && lm_uncertainty_get_rule_level (run) != NULL);
  gtk_widget_set_visible (self->stale_label,
                          run != NULL && !lm_weight_sampler_centre_is_current (lm_uncertainty_get_sampler (run)));
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  LmUncertaintyDialog *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%.0f%% done"), 100.0 * done / MAX (total, 1));

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / MAX (total, 1));
  gtk_label_set_text (self->status_label, text);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LmUncertaintyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LmUncertainty) run = lm_uncertainty_run_finish (result, &error);

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (run == NULL)
    {
      gtk_label_set_text (self->status_label,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Stopped; the results of the last run are kept.") : error->message);
      return;
    }
  /* The data may have changed while it ran. */
  if (self->model == NULL || lm_model_get_dataset (self->model) != lm_uncertainty_get_dataset (run))
    {
      gtk_label_set_text (self->status_label, _("Other data were opened while it ran: run it again."));
      return;
    }
  {
    g_autofree char *description = lm_uncertainty_describe (run);
    g_autofree char *text = g_strdup_printf (_("%s Took %.1f s."), description,
                                             lm_uncertainty_get_elapsed_ms (run) / 1000);

    gtk_label_set_text (self->status_label, text);
  }
  lm_model_set_uncertainty (self->model, run);
  show_result (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */
/* ------------------------------------------------------------------ */

static void
on_run_clicked_cb (LmUncertaintyDialog *self)
{
  lm_uncertainty_dialog_run (self);
}

static void
on_stop_clicked_cb (LmUncertaintyDialog *self)
{
  lm_uncertainty_dialog_stop (self);
}

static void
on_show_map_clicked_cb (LmUncertaintyDialog *self)
{
  LmUncertainty *run = self->model != NULL ? lm_model_get_uncertainty (self->model) : NULL;
  LmLeftBehindRule *rule;
  g_autofree char *id = NULL;

  if (run == NULL || lm_uncertainty_get_rule_level (run) == NULL)
    return;
  rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  id = g_strdup_printf ("%s_probability", rule->flag->id);
  lm_view_analysis_set_show_bivariate (analysis_of (self), FALSE);
  /* The chance's own colours: pale for "almost never", red for
   * "almost always". */
  lm_view_set_palette (self->view, NULL);
  lm_view_set_level_and_variable (self->view, rule->level->id, id);
}

static void
on_spread_selected_cb (LmUncertaintyDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->spread_dropdown);

  if (self->updating > 0 || self->model == NULL)
    return;
  if (selected == RANGES_ITEM)
    start_ranges (self);
  else if (selected < G_N_ELEMENTS (spreads))
    {
      lm_view_analysis_set_uncertainty_ranges (analysis_of (self), NULL);
      lm_view_analysis_set_uncertainty_spread (analysis_of (self), spreads[selected]);
    }
}

/* The drop-down as the settings say, and the domains anew. */
static void
sync_from_settings (LmUncertaintyDialog *self)
{
  LmViewAnalysis *analysis = analysis_of (self);
  guint selected = 1;

  if (self->updating > 0)
    return;
  if (lm_view_analysis_get_uncertainty_ranges (analysis) != NULL)
    selected = RANGES_ITEM;
  else
    for (guint i = 0; i < G_N_ELEMENTS (spreads); i++)
      if (g_strcmp0 (lm_view_analysis_get_uncertainty_spread (analysis), spreads[i]) == 0)
        selected = i;
  self->updating++;
  gtk_drop_down_set_selected (self->spread_dropdown, selected);
  self->updating--;
  fill_domains (self);
}

static void
on_model_recomputed_cb (LmUncertaintyDialog *self)
{
  /* The shares now move with the weights; the ranges follow them. */
  if (self->cancellable == NULL)
    fill_domains (self);
  show_result (self);
}

static void
on_view_model_cb (LmUncertaintyDialog *self)
{
  LmModel *model = lm_view_get_model (self->view);

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                             G_CONNECT_SWAPPED);
  lm_uncertainty_dialog_stop (self);
  fill_domains (self);
  show_result (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static gboolean
lm_uncertainty_dialog_close_request (GtkWindow *window)
{
  lm_uncertainty_dialog_stop (LM_UNCERTAINTY_DIALOG (window));
  return GTK_WINDOW_CLASS (lm_uncertainty_dialog_parent_class)->close_request (window);
}

static void
lm_uncertainty_dialog_constructed (GObject *object)
{
  LmUncertaintyDialog *self = LM_UNCERTAINTY_DIALOG (object);
  LmViewAnalysis *analysis = analysis_of (self);
  static const char * const settings[] = {
    "notify::uncertainty-spread", "notify::uncertainty-ranges",
  };

  G_OBJECT_CLASS (lm_uncertainty_dialog_parent_class)->constructed (object);

  g_object_bind_property (analysis, "uncertainty-draws", self->draws_adjustment, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (analysis, "uncertainty-seed", self->seed_adjustment, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_signal_connect_object (analysis, settings[i], G_CALLBACK (sync_from_settings), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::locked", G_CALLBACK (fill_domains), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (on_view_model_cb), self,
                           G_CONNECT_SWAPPED);
  on_view_model_cb (self);
  sync_from_settings (self);
}

static void
lm_uncertainty_dialog_dispose (GObject *object)
{
  LmUncertaintyDialog *self = LM_UNCERTAINTY_DIALOG (object);

  lm_uncertainty_dialog_stop (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_UNCERTAINTY_DIALOG);

  G_OBJECT_CLASS (lm_uncertainty_dialog_parent_class)->dispose (object);
}

static void
lm_uncertainty_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LmUncertaintyDialog *self = LM_UNCERTAINTY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_uncertainty_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LmUncertaintyDialog *self = LM_UNCERTAINTY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_uncertainty_dialog_class_init (LmUncertaintyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lm_uncertainty_dialog_constructed;
  object_class->dispose = lm_uncertainty_dialog_dispose;
  object_class->set_property = lm_uncertainty_dialog_set_property;
  object_class->get_property = lm_uncertainty_dialog_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = lm_uncertainty_dialog_close_request;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/levelmap/Levelmap/ui/lm-uncertainty-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, draws_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, seed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, spread_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, domains_box);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, headline_label);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, stale_label);
  gtk_widget_class_bind_template_child (widget_class, LmUncertaintyDialog, show_map_button);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_map_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spread_selected_cb);
}

static void
lm_uncertainty_dialog_init (LmUncertaintyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
lm_uncertainty_dialog_new (LmView *view)
{
  g_return_val_if_fail (LM_IS_VIEW (view), NULL);
  return g_object_new (LM_TYPE_UNCERTAINTY_DIALOG, "view", view, NULL);
}

void
lm_uncertainty_dialog_run (LmUncertaintyDialog *self)
{
  g_autoptr(LmWeightSampler) sampler = NULL;
  g_autoptr(GError) error = NULL;
  LmViewAnalysis *analysis;

  g_return_if_fail (LM_IS_UNCERTAINTY_DIALOG (self));

  if (self->model == NULL || self->cancellable != NULL)
    return;
  analysis = analysis_of (self);
  sampler = lm_view_analysis_make_sampler (analysis, lm_model_get_dataset (self->model),
                                           lm_view_get_locked (self->view), &error);
  if (sampler == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->status_label, _("Drawing weights…"));
  lm_uncertainty_run_async (lm_model_get_dataset (self->model), sampler,
                            lm_view_analysis_get_uncertainty_draws (analysis),
                            lm_view_analysis_get_uncertainty_seed (analysis), self->cancellable,
                            progress_cb, g_object_ref (self), g_object_unref, run_done_cb,
                            g_object_ref (self));
}

gboolean
lm_uncertainty_dialog_is_running (LmUncertaintyDialog *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

void
lm_uncertainty_dialog_stop (LmUncertaintyDialog *self)
{
  g_return_if_fail (LM_IS_UNCERTAINTY_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

const char *
lm_uncertainty_dialog_get_status (LmUncertaintyDialog *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
lm_uncertainty_dialog_get_headline (LmUncertaintyDialog *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->headline_label))
         ? gtk_label_get_text (self->headline_label) : NULL;
}
