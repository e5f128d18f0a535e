/* lm-help-window.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of headings and paragraphs made of labels, so that screen
 * readers read it, text can be selected and copied, and it wraps to any
 * width. What belongs to a vintage (the indices, their domains, the
 * left-behind rule, the sources) is read from the manifests; how the
 * engine works and how to read statistics is the program's own text.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-data-dir.h"
#include "lm-help-window.h"
#include "lm-manifest.h"

struct _LmHelpWindow
{
  AdwWindow  parent_instance;

  GtkWidget *page;          /* vertical GtkBox of headings and paragraphs */
  GString   *text;          /* what was added, for lm_help_window_get_text */
};

G_DEFINE_FINAL_TYPE (LmHelpWindow, lm_help_window, ADW_TYPE_WINDOW)

/* Building */

static void
add_heading (LmHelpWindow *self,
             const char   *text,
             gboolean      major)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f, "wrap", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (label, major ? "title-2" : "heading");
  gtk_widget_set_margin_top (label, major ? 18 : 6);
  gtk_box_append (GTK_BOX (self->page), label);
  g_string_append_printf (self->text, "%s\n", text);
}

/* A paragraph of plain text, or of @term in bold before it. */
static void
add_paragraph (LmHelpWindow *self,
               const char   *term,
               const char   *text)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  if (term != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>  %s", term, text);
  else
    markup = g_markup_escape_text (text, -1);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (self->page), label);
  g_string_append_printf (self->text, "%s%s%s\n", term != NULL ? term : "", term != NULL ? " " : "",
                          text);
}

/* What each index and domain measures, with its official weight. */
static void
add_indices (LmHelpWindow *self,
             LmDataset    *dataset)
{
  add_heading (self, _("What the indices measure"), TRUE);
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      double sum = 0;

      add_heading (self, index->title, FALSE);
      if (index->description != NULL)
        add_paragraph (self, NULL, index->description);
      for (guint d = 0; d < index->domains->len; d++)
        sum += ((LmIndexDomain *) g_ptr_array_index (index->domains, d))->default_weight;
      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          /* Translators: a domain in the help, "Income (22.5% of the index)" */
          g_autofree char *term = g_strdup_printf (_("%s (%.1f%% of the index)"), domain->title,
                                                   sum > 0 ? 100 * domain->default_weight / sum : 0);

          add_paragraph (self, term, domain->description != NULL ? domain->description : "");
        }
    }
}

static void
add_method (LmHelpWindow *self)
{
  add_heading (self, _("How an index is made"), TRUE);
  add_paragraph (self, _("1. Rank."),
                 _("For each domain the areas are ranked from 1, the most deprived (or most in "
                   "need), to N, the least."));
  add_paragraph (self, _("2. Transform."),
                 _("Each rank becomes an exponential score, X = −23 ln(1 − R (1 − e^(−100/23))) "
                   "with R = (N − rank + 1) / N. It runs from about 0 for the least deprived to "
                   "100 for the most, and stretches the deprived end, so that a very deprived "
                   "domain is not cancelled out by a good one."));
  add_paragraph (self, _("3. Weight."),
                 _("The index score is the weighted sum of its domains' scores. A weight is the "
                   "domain's share of its index, in percent; the shares add up to 100%. Moving "
                   "one moves the unlocked others in proportion."));
  add_paragraph (self, _("4. Re-rank."),
                 _("The areas are ranked again by the index score (1 = most deprived) and put "
                   "in deciles (1 = the most deprived 10%). A weight changes the sum and so the "
                   "ranks; the domain scores themselves never change."));
  add_paragraph (self, _("Larger areas."),
                 _("Wards, local authorities and regions get the population-weighted mean of "
                   "the scores of the areas in them, then ranks and deciles of their own. Vote "
                   "shares are never averaged: votes are added up, then divided."));
}

/* The rule of one dataset, read from its manifest: the rule of the data
 * shown comes from their model, the others' from their manifests. */
static void
add_rule_from_manifest (LmHelpWindow  *self,
                        LmDatasetInfo *info)
{
  g_autoptr(LmManifest) manifest = lm_manifest_load (info->manifest, NULL);
  xmlNode *rule = manifest != NULL ? lm_manifest_child (lm_manifest_get_root (manifest),
                                                        "left-behind") : NULL;
  xmlNode *description = rule != NULL ? lm_manifest_child (rule, "description") : NULL;
  g_autofree char *text = description != NULL ? lm_manifest_get_text (description) : NULL;

  if (text != NULL)
    add_paragraph (self, info->title, text);
}

static void
add_left_behind (LmHelpWindow *self,
                 LmDataset    *dataset,
                 GPtrArray    *datasets)
{
  LmLeftBehindRule *rule = dataset != NULL ? lm_dataset_get_left_behind_rule (dataset) : NULL;

  add_heading (self, _("What “left behind” means"), TRUE);
  add_paragraph (self, NULL,
                 _("An area is left behind when it is both among the most deprived on the IMD and "
                   "among those most in need on the CNI: poor, and lacking the places, "
                   "connections and community activity that help a place recover. Each dataset "
                   "says which areas are judged and where the lines are drawn:"));
  if (rule != NULL)
    add_paragraph (self, lm_dataset_get_title (dataset), rule->description);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      LmDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (dataset == NULL || g_strcmp0 (info->id, lm_dataset_get_id (dataset)) != 0)
        add_rule_from_manifest (self, info);
    }
  add_paragraph (self, NULL,
                 _("The thresholds can be changed in the weights panel; the panel then states the "
                   "rule as it stands, and the lists say which areas entered or left it."));
}

static void
add_statistics (LmHelpWindow *self)
{
  add_heading (self, _("Reading the scatter plot"), TRUE);
  add_paragraph (self, _("Pearson’s r"),
                 _("How close the points lie to a straight line, from −1 to 1; 0 means no straight-"
                   "line relation. A few extreme areas can move it a lot."));
  add_paragraph (self, _("Spearman’s ρ"),
                 _("The same for the ranks: whether one goes up as the other does, in a straight "
                   "line or not. Extreme areas move it less."));
  add_paragraph (self, _("R²"),
                 _("The share of the spread of the vertical variable that the fitted line "
                   "accounts for."));
  add_paragraph (self, _("What they do not say"),
                 _("Neither says what causes what: a high Leave vote and high community need may "
                   "share a third cause. A relation between areas need not hold for the people in "
                   "them (the ecological fallacy). With “Weighted”, each area counts by its "
                   "population; Spearman’s ρ is not weighted."));
}

static void
add_units (LmHelpWindow *self)
{
  add_heading (self, _("Units"), TRUE);
  add_paragraph (self, _("Scores"),
                 _("Index and domain scores are points: domain scores run from about 0 to 100, "
                   "higher means more deprived or in more need."));
  add_paragraph (self, _("Ranks and deciles"),
                 _("Rank 1 is the most deprived of the areas of a level; decile 1 the most "
                   "deprived tenth. A rank change is in places: positive means ranked more "
                   "deprived than with the official weights."));
  add_paragraph (self, _("Weights and thresholds"),
                 _("Weights are percent shares of their index; thresholds are a percent of the "
                   "areas judged, or a decile."));
  add_paragraph (self, _("Votes and people"),
                 _("Vote shares are percent of valid votes; population is in people, as the "
                   "dataset's population table gives it."));
}

static void
add_sources (LmHelpWindow *self,
             LmDataset    *dataset)
{
  const char * const *attributions = lm_dataset_get_attributions (dataset);

  add_heading (self, _("Sources"), TRUE);
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    add_paragraph (self, NULL, attributions[i]);
}

static void
add_keys (LmHelpWindow *self)
{
  add_heading (self, _("Without a mouse"), TRUE);
  add_paragraph (self, NULL,
                 _("Tab moves between the panels; in the map, the arrows pan, +, − and 0 zoom, "
                   "Enter selects the area in the middle; in the legend and the plot, the arrows "
                   "move and Enter selects, Shift+Enter adds. F9 shows the weights, Ctrl+F finds "
                   "an area, Ctrl+? lists every shortcut."));
}

/* GObject overrides */

static void
lm_help_window_finalize (GObject *object)
{
  LmHelpWindow *self = LM_HELP_WINDOW (object);

  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (lm_help_window_parent_class)->finalize (object);
}

static void
lm_help_window_class_init (LmHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lm_help_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lm_help_window_init (LmHelpWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->text = g_string_new (NULL);
  self->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (self->page, 12);
  gtk_widget_set_margin_bottom (self->page, 24);
  gtk_widget_set_margin_start (self->page, 18);
  gtk_widget_set_margin_end (self->page, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->page);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (scrolled), _("the help"));
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_title (GTK_WINDOW (self), _("Levelmap Help"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
}

/* Public API */

GtkWidget *
lm_help_window_new (GtkWindow *parent,
                    LmModel   *model,
                    GPtrArray *datasets)
{
  LmHelpWindow *self;
  LmDataset *dataset;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (model == NULL || LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
  dataset = model != NULL ? lm_model_get_dataset (model) : NULL;
  if (dataset != NULL)
    add_indices (self, dataset);
  add_method (self);
  add_left_behind (self, dataset, datasets);
  add_statistics (self);
  add_units (self);
  if (dataset != NULL)
    add_sources (self, dataset);
  add_keys (self);
  return GTK_WIDGET (self);
}

char *
lm_help_window_get_text (LmHelpWindow *self)
{
  g_return_val_if_fail (LM_IS_HELP_WINDOW (self), NULL);
  return g_strdup (self->text->str);
}
