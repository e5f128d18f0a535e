/* lm-area-details.c
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
#include "lm-area-details.h"
#include "lm-interval-bar.h"
#include "lm-rank.h"

/* The kinds of line the details are made of. Lines are reused in order
 * (see take_line), so a recompute during a slider drag only rewrites
 * label texts and bar values instead of rebuilding widgets. */
typedef enum
{
  LINE_TITLE = 1,
  LINE_SUBTITLE,
  LINE_HEADING,
  LINE_PAIR,
  LINE_BAR,
  LINE_TEXT,
  LINE_INTERVAL,
} LineKind;

struct _LmAreaDetails
{
  GtkWidget     parent_instance;

  /* Owned references */
  LmModel      *model;
  GArray       *ranks_scratch;   /* guint, for the criteria's ranks */
  GArray       *radix_scratch;   /* for lm_rank_descending */
  GArray       *values_scratch;  /* double */

  /* Children */
  GtkWidget    *stack;
  GtkWidget    *scrolled;
  GtkWidget    *content;         /* vertical GtkBox of lines */

  /* The next line to reuse while filling, or NULL to append */
  GtkWidget    *cursor;

  /* A recompute is shown once per frame, and not while hidden */
  guint         update_tick;
  gboolean      update_pending;
};

G_DEFINE_FINAL_TYPE (LmAreaDetails, lm_area_details, GTK_TYPE_WIDGET)

static GQuark kind_quark;

/* Auxiliary methods */

static char *
format_count (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static void
set_text (GtkWidget  *label,
          const char *text)
{
  /* Unchanged text keeps its layout: most lines stay the same while a
   * slider moves. */
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

static GtkWidget *
new_label (const char *css_class,
           float       xalign,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_line (LineKind kind)
{
  GtkWidget *line = NULL;

  switch (kind)
    {
    case LINE_TITLE:
      line = new_label ("title-2", 0, TRUE);
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      break;
    case LINE_SUBTITLE:
      line = new_label ("dim-label", 0, TRUE);
      break;
    case LINE_HEADING:
      line = new_label ("heading", 0, TRUE);
      gtk_widget_set_margin_top (line, 12);
      break;
    case LINE_TEXT:
      line = new_label (NULL, 0, TRUE);
      break;
    case LINE_PAIR:
      {
        GtkWidget *key = new_label ("dim-label", 0, TRUE);
        GtkWidget *value = new_label ("numeric", 1, TRUE);

        line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        gtk_widget_set_hexpand (key, TRUE);
        gtk_label_set_selectable (GTK_LABEL (value), TRUE);
        gtk_box_append (GTK_BOX (line), key);
        gtk_box_append (GTK_BOX (line), value);
      }
      break;
    case LINE_BAR:
      {
        GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *key = new_label (NULL, 0, FALSE);
        GtkWidget *value = new_label ("numeric", 1, FALSE);
        GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);

        line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        gtk_label_set_ellipsize (GTK_LABEL (key), PANGO_ELLIPSIZE_END);
        gtk_widget_set_hexpand (key, TRUE);
        gtk_widget_add_css_class (key, "caption");
        gtk_widget_add_css_class (value, "caption");
        /* One colour along the whole scale: the default offsets would
         * paint high (more deprived) values in a reassuring green. */
        gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
        gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
        gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
        gtk_box_append (GTK_BOX (top), key);
        gtk_box_append (GTK_BOX (top), value);
        gtk_box_append (GTK_BOX (line), top);
        gtk_box_append (GTK_BOX (line), bar);
      }
      break;
    case LINE_INTERVAL:
      {
        GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *key = new_label ("caption", 0, TRUE);
        GtkWidget *value = new_label ("caption", 1, FALSE);

        line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        gtk_widget_set_hexpand (key, TRUE);
        gtk_box_append (GTK_BOX (top), key);
        gtk_box_append (GTK_BOX (top), value);
        gtk_box_append (GTK_BOX (line), top);
        gtk_box_append (GTK_BOX (line), lm_interval_bar_new ());
      }
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_set_qdata (G_OBJECT (line), kind_quark, GINT_TO_POINTER (kind));
  return line;
}

/* The next line of @kind: the one at the cursor if it is of that kind,
 * else a new one inserted there. */
static GtkWidget *
take_line (LmAreaDetails *self,
           LineKind       kind)
{
  GtkWidget *line;
  GtkWidget *previous;

  if (self->cursor != NULL &&
      GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (self->cursor), kind_quark)) == (int) kind)
    {
      line = self->cursor;
      self->cursor = gtk_widget_get_next_sibling (line);
      return line;
    }
  line = create_line (kind);
  previous = self->cursor != NULL ? gtk_widget_get_prev_sibling (self->cursor)
                                  : gtk_widget_get_last_child (self->content);
  gtk_box_insert_child_after (GTK_BOX (self->content), line, previous);
  return line;
}

static void
add_label (LmAreaDetails *self,
           LineKind       kind,
           const char    *text)
{
  set_text (take_line (self, kind), text);
}

static void
add_pair (LmAreaDetails *self,
          const char    *key,
          const char    *value)
{
  GtkWidget *line = take_line (self, LINE_PAIR);

  set_text (gtk_widget_get_first_child (line), key);
  set_text (gtk_widget_get_last_child (line), value);
}

static void
add_bar (LmAreaDetails *self,
         const char    *title,
         double         value)
{
  GtkWidget *line = take_line (self, LINE_BAR);
  GtkWidget *top = gtk_widget_get_first_child (line);
  GtkWidget *bar = gtk_widget_get_last_child (line);
  g_autofree char *text = isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f", value);
  g_autofree char *accessible = NULL;

  /* Domain scores do not depend on the weights: most recomputes leave
   * the bars as they are. */
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (top))), title) == 0 &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (top))), text) == 0)
    return;
  set_text (gtk_widget_get_first_child (top), title);
  set_text (gtk_widget_get_last_child (top), text);
  gtk_widget_set_tooltip_text (gtk_widget_get_first_child (top), title);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), isnan (value) ? 0 : CLAMP (value, 0, 100));
  /* Translators: accessible name of a domain bar, "Income: 45.2 of 100" */
  accessible = g_strdup_printf (_("%s: %s of 100"), title, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* The rank's interval over a Monte Carlo run's weight draws (see
 * lm-uncertainty.h), when one made it for this level. */
static void
add_interval (LmAreaDetails *self,
              LmIndex       *index,
              LmLevel       *at,
              guint          area,
              double         rank,
              guint          n)
{
  const char *suffixes[] = { "rank_p05", "rank_median", "rank_p95" };
  double values[3];
  GtkWidget *line, *top, *bar;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      LmVariable *variable = lm_index_find_variable (index, at, suffixes[s]);

      if (variable == NULL || isnan (variable->values[area]))
        return;
      values[s] = variable->values[area];
    }
  line = take_line (self, LINE_INTERVAL);
  top = gtk_widget_get_first_child (line);
  bar = gtk_widget_get_last_child (line);
  /* Translators: "85 – 160, median 120", ranks in 90% of weight draws */
  text = g_strdup_printf (_("%.0f – %.0f, median %.0f"), values[0], values[2], values[1]);
  set_text (gtk_widget_get_first_child (top), _("Rank in 90% of weight draws"));
  set_text (gtk_widget_get_last_child (top), text);
  lm_interval_bar_set_values (LM_INTERVAL_BAR (bar), rank, values[0], values[1], values[2], n);
  /* Translators: accessible name of the interval bar */
  accessible = g_strdup_printf (_("Rank in 90%% of weight draws: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
finish_lines (LmAreaDetails *self)
{
  while (self->cursor != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (self->cursor);
      gtk_box_remove (GTK_BOX (self->content), self->cursor);
      self->cursor = next;
    }
}

/* Where a variable is not available at @level (values are never pushed
 * down), the nearest containing level that has it. */
static LmLevel *
level_with (LmLevel    *level,
            const char *variable_id,
            LmVariable **out_variable)
{
  for (LmLevel *l = level; l != NULL; l = l->parent_level)
    {
      LmVariable *variable = lm_level_find_variable (l, variable_id);
      if (variable != NULL)
        {
          *out_variable = variable;
          return l;
        }
    }
  *out_variable = NULL;
  return NULL;
}

static void
add_index (LmAreaDetails *self,
           LmIndex       *index,
           LmLevel       *level,
           guint          area)
{
  g_autofree char *score_id = g_strdup_printf ("%s.score", index->id);
  LmVariable *score;
  LmLevel *at = level_with (level, score_id, &score);
  LmVariable *rank, *decile, *change;
  int up;

  if (at == NULL)
    return;
  up = lm_level_get_ancestor (level, area, at);
  if (up < 0)
    return;

  add_label (self, LINE_HEADING, index->title);
  if (at != level)
    {
      g_autofree char *note = NULL;

      /* Translators: "Not available for single LSOAs: values of the ward
       * “Jaywick”, which contains this one" */
      note = g_strdup_printf (_("Not available for single %s: values of the %s “%s”, which contains this one"),
                              lm_level_get_plural (level), lm_level_get_singular (at), at->names[up]);
      add_label (self, LINE_SUBTITLE, note);
    }

  rank = lm_index_find_variable (index, at, "rank");
  decile = lm_index_find_variable (index, at, "decile");
  change = lm_index_find_variable (index, at, "rank_change");
  {
    g_autofree char *text = lm_variable_format_value (score, score->values[up]);
    add_pair (self, _("Score"), text);
  }
  if (rank != NULL)
    {
      g_autofree char *value = format_count (rank->values[up]);
      g_autofree char *n = format_count (lm_variable_count_values (rank));
      /* Translators: "1,204 of 7,427" */
      g_autofree char *text = isnan (rank->values[up]) ? g_strdup ("—")
                              : g_strdup_printf (_("%s of %s"), value, n);
      add_pair (self, _("Rank (1 = highest score)"), text);
      add_interval (self, index, at, (guint) up, rank->values[up], lm_variable_count_values (rank));
    }
  if (decile != NULL)
    {
      g_autofree char *text = isnan (decile->values[up]) ? g_strdup ("—")
                              : g_strdup_printf ("%.0f", decile->values[up]);
      add_pair (self, _("Decile (1 = highest 10%)"), text);
    }
  if (change != NULL && !isnan (change->values[up]))
    {
      double value = change->values[up];
      g_autofree char *text = NULL;

      gulong places = (gulong) fabs (value);
      g_autofree char *count = format_count (places);

      if (value == 0)
        text = g_strdup (_("none"));
      else if (value > 0)
        /* Translators: "up 120 places (towards rank 1)" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up %s place (towards rank 1)",
                                             "up %s places (towards rank 1)", places), count);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "down %s place", "down %s places",
                                             places), count);
      add_pair (self, _("Rank change against official weights"), text);
    }
  for (guint d = 0; d < index->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
      LmVariable *variable = lm_index_find_variable (index, at, domain->id);

      if (variable != NULL)
        add_bar (self, domain->title, variable->values[up]);
    }
}

/* The share of each election's counted option, from the area that
 * counted it when it is coarser than this one. */
static void
add_elections (LmAreaDetails *self,
               LmLevel       *level,
               guint          area)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);

  for (guint e = 0; e < lm_dataset_get_n_elections (dataset); e++)
    {
      const LmElection *election = lm_dataset_get_election (dataset, e);
      LmVariable *share;
      LmLevel *at = level_with (level, election->share, &share);
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;
      int up;

      if (at == NULL || (up = lm_level_get_ancestor (level, area, at)) < 0)
        continue;
      add_label (self, LINE_HEADING, election->title);
      value = lm_variable_format_value (share, share->values[up]);
      /* Translators: the share of an election's option, "Leave vote" */
      label = g_strdup_printf (_("%s vote"), election->option_title);
      if (at != level)
        {
          /* Translators: "69.5% (Tendring)": the vote was counted for the
           * containing local authority */
          g_autofree char *text = g_strdup_printf (_("%s (%s)"), value, at->names[up]);
          add_pair (self, label, text);
        }
      else
        add_pair (self, label, value);
    }
}

/* Ranks of @variable among the areas of its level, worst first, exactly
 * as the model ranks them for a "top percent" criterion. */
static void
rank_worst_first (LmAreaDetails *self,
                  LmVariable    *variable,
                  guint         *out_n_ranked)
{
  guint n = variable->level->n_areas;
  gboolean flip = !lm_variable_higher_is_worse (variable);
  double *values;
  guint *ranks;

  g_array_set_size (self->values_scratch, MAX (n, 1));
  g_array_set_size (self->ranks_scratch, MAX (n, 1));
  values = (double *) (void *) self->values_scratch->data;
  ranks = (guint *) (void *) self->ranks_scratch->data;
  for (guint a = 0; a < n; a++)
    values[a] = flip ? -variable->values[a] : variable->values[a];
  *out_n_ranked = lm_rank_descending (values, n, ranks, self->radix_scratch);
}

static void
add_criteria (LmAreaDetails    *self,
              LmLeftBehindRule *rule,
              guint             area)
{
  for (guint c = 0; c < rule->criteria->len; c++)
    {
      LmCriterion *criterion = g_ptr_array_index (rule->criteria, c);
      LmVariable *variable = lm_level_find_variable (rule->level, criterion->variable);
      const char *title = variable != NULL ? variable->title : criterion->variable;
      g_autofree char *text = NULL;
      g_autofree char *threshold = NULL;
      g_autofree char *line = NULL;
      gboolean meets;

      if (variable == NULL)
        continue;
      threshold = g_strdup_printf ("%g", criterion->value);
      if (isnan (variable->values[area]))
        {
          /* Translators: "CNI score: no data, so this cannot be judged" */
          line = g_strdup_printf (_("%s: no data, so this cannot be judged"), title);
        }
      else if (criterion->kind == LM_CRITERION_TOP_PERCENT)
        {
          guint n_ranked = 0, rank, cutoff;
          g_autofree char *rank_text = NULL;
          g_autofree char *n_text = NULL;
          g_autofree char *cutoff_text = NULL;

          rank_worst_first (self, variable, &n_ranked);
          rank = g_array_index (self->ranks_scratch, guint, area);
          cutoff = (guint) floor (n_ranked * criterion->value / 100.0 + 1e-9);
          meets = rank > 0 && rank <= cutoff;
          rank_text = format_count (rank);
          n_text = format_count (n_ranked);
          cutoff_text = format_count (cutoff);
          /* Translators: "CNI score in the worst 10% of wards (rank 312 of
           * 7,433; the worst 10% are ranks 1 to 743): yes" */
          line = g_strdup_printf (_("%s in the worst %s%% of %s (rank %s of %s; the worst %s%% are ranks 1 to %s): %s"),
                                  title, threshold, lm_level_get_plural (rule->level), rank_text, n_text,
                                  threshold, cutoff_text, meets ? _("yes") : _("no"));
        }
      else
        {
          g_autofree char *value = lm_variable_format_value (variable, variable->values[area]);

          meets = variable->values[area] <= criterion->value;
          /* Translators: "IMD decile at most 1 (here 3): no" */
          line = g_strdup_printf (_("%s at most %s (here %s): %s"), title, threshold, value,
                                  meets ? _("yes") : _("no"));
        }
      add_label (self, LINE_TEXT, line);
    }
}

static void
add_left_behind (LmAreaDetails *self,
                 LmLevel       *level,
                 guint          area)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  LmVariable *flag;
  int up;

  if (rule == NULL)
    return;
  flag = rule->flag;
  add_label (self, LINE_HEADING, flag->title);

  if (rule->level->depth < level->depth)
    {
      /* A coarser area is not judged itself: count its areas that are. */
      guint n = 0, n_left_behind = 0;
      g_autofree char *n_text = NULL;
      g_autofree char *text = NULL;

      for (guint a = 0; a < rule->level->n_areas; a++)
        if (lm_level_get_ancestor (rule->level, a, level) == (int) area)
          {
            n++;
            n_left_behind += flag->values[a] == 1;
          }
      n_text = format_count (n);
      /* Translators: "12 of 84 wards in this area are left behind" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %s %s in this area is left behind",
                                           "%u of %s %s in this area are left behind",
                                           n_left_behind),
                              n_left_behind, n_text, lm_level_get_plural (rule->level));
      add_label (self, LINE_TEXT, text);
      return;
    }

  up = lm_level_get_ancestor (level, area, rule->level);
  if (up < 0)
    {
      add_label (self, LINE_TEXT, _("Not part of any area the rule judges"));
      return;
    }
  if (rule->level != level)
    {
      g_autofree char *note = NULL;

      /* Translators: "Judged for the ward “Jaywick”, which contains this one" */
      note = g_strdup_printf (_("Judged for the %s “%s”, which contains this one"),
                              lm_level_get_singular (rule->level), rule->level->names[up]);
      add_label (self, LINE_SUBTITLE, note);
    }
  if (isnan (flag->values[up]))
    add_pair (self, flag->title, _("cannot be judged (data missing)"));
  else
    add_pair (self, flag->title, flag->values[up] == 1 ? _("yes") : _("no"));
  add_criteria (self, rule, up);

  if (rule->published != NULL)
    {
      LmVariable *published = lm_level_find_variable (rule->level, rule->published);

      if (published != NULL && !isnan (published->values[up]))
        add_pair (self, _("On the published list"),
                  published->values[up] == 1 ? _("yes") : _("no"));
    }
}

/* "Abbey, Alibon, Becontree and 12 more" */
static char *
list_names (LmLevel *level,
            GArray  *areas)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = MIN (areas->len, 3);

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, level->names[g_array_index (areas, guint, i)]);
    }
  if (areas->len > shown)
    /* Translators: the end of a list of names, "and 12 more" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               areas->len - shown),
                            areas->len - shown);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* How many of @areas the rule judges left behind (or, for areas coarser
 * than the rule's level, how many of the rule's areas inside them). */
static void
add_summary_left_behind (LmAreaDetails *self,
                         LmLevel       *level,
                         GArray        *areas)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  guint n = 0, n_flagged = 0;
  g_autofree char *value = NULL;
  LmLevel *counted;

  if (rule == NULL)
    return;
  counted = rule->level->depth < level->depth ? rule->level : level;
  for (guint i = 0; i < areas->len; i++)
    {
      guint area = g_array_index (areas, guint, i);

      if (counted == level)
        {
          int up = lm_level_get_ancestor (level, area, rule->level);

          n++;
          n_flagged += up >= 0 && rule->flag->values[up] == 1;
          continue;
        }
      for (guint a = 0; a < rule->level->n_areas; a++)
        if (lm_level_get_ancestor (rule->level, a, level) == (int) area)
          {
            n++;
            n_flagged += rule->flag->values[a] == 1;
          }
    }
  if (n == 0)
    return;
  add_label (self, LINE_HEADING, rule->flag->title);
  /* Translators: "12 of 40 wards (30%)" */
  value = g_strdup_printf (_("%u of %u %s (%.0f%%)"), n_flagged, n, lm_level_get_plural (counted),
                           100.0 * n_flagged / n);
  add_pair (self, counted == level ? _("Of the selected areas") : _("Within the selected areas"),
            value);
}

/* The population-weighted mean of @variable over @areas, NAN if none
 * has a value and a population. */
static double
weighted_mean (LmLevel    *level,
               LmVariable *variable,
               GArray     *areas)
{
  double sum = 0, weights = 0;

  for (guint i = 0; i < areas->len; i++)
    {
      guint area = g_array_index (areas, guint, i);
      double p = level->population != NULL ? level->population[area] : 0;

      if (isnan (variable->values[area]) || !(p > 0))
        continue;
      sum += p * variable->values[area];
      weights += p;
    }
  return weights > 0 ? sum / weights : NAN;
}

/* Several areas: their number, population, how many are left behind
 * and the population-weighted mean of each index score (issue 13), not
 * the first of them alone. */
static void
add_summary (LmAreaDetails *self,
             LmLevel       *level,
             GArray        *areas)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  g_autofree char *title = NULL;
  g_autofree char *names = list_names (level, areas);
  double population = 0;

  /* Translators: "14 wards selected" */
  title = g_strdup_printf (_("%u %s selected"), areas->len, lm_level_get_plural (level));
  add_label (self, LINE_TITLE, title);
  add_label (self, LINE_SUBTITLE, names);
  for (guint i = 0; level->population != NULL && i < areas->len; i++)
    population += level->population[g_array_index (areas, guint, i)];
  if (population > 0)
    {
      g_autofree char *text = format_count (population);

      add_pair (self, _("Population"), text);
    }
  add_summary_left_behind (self, level, areas);
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      LmVariable *score = lm_index_find_variable (index, level, "score");
      double mean;
      g_autofree char *value = NULL;
      g_autofree char *key = NULL;

      if (score == NULL || isnan (mean = weighted_mean (level, score, areas)))
        continue;
      add_label (self, LINE_HEADING, index->title);
      value = lm_variable_format_value (score, mean);
      /* Translators: "IMD score, population-weighted mean" */
      key = g_strdup_printf (_("%s, population-weighted mean"), score->title);
      add_pair (self, key, value);
    }
}

static void
update (LmAreaDetails *self)
{
  LmSelection *selection = lm_model_get_selection (self->model);
  LmDataset *dataset = lm_model_get_dataset (self->model);
  LmLevel *level = lm_selection_get_level (selection);
  g_autoptr(GArray) areas = NULL;
  g_autofree char *subtitle = NULL;
  LmVariable *population;
  guint area;

  if (level != NULL)
    areas = lm_selection_get_areas (selection, level);
  if (areas == NULL || areas->len == 0)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  self->cursor = gtk_widget_get_first_child (self->content);
  if (areas->len > 1)
    {
      add_summary (self, level, areas);
      finish_lines (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "area");
      return;
    }
  area = g_array_index (areas, guint, 0);

  add_label (self, LINE_TITLE, level->names[area]);
  /* Translators: "E05000026 · Ward" */
  subtitle = g_strdup_printf (_("%s · %s"), level->codes[area], lm_level_get_heading (level));
  add_label (self, LINE_SUBTITLE, subtitle);

  for (LmLevel *up_level = level->parent_level; up_level != NULL; up_level = up_level->parent_level)
    {
      int up = lm_level_get_ancestor (level, area, up_level);
      if (up >= 0)
        add_pair (self, lm_level_get_heading (up_level), up_level->names[up]);
    }
  population = lm_level_find_variable (level, "population");
  if (population != NULL && !isnan (population->values[area]))
    {
      g_autofree char *text = format_count (population->values[area]);
      add_pair (self, _("Population"), text);
    }

  add_left_behind (self, level, area);
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    add_index (self, lm_dataset_get_index (dataset, i), level, area);
  add_elections (self, level, area);
  finish_lines (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "area");
}

static gboolean
update_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  LmAreaDetails *self = LM_AREA_DETAILS (widget);

  self->update_tick = 0;
  self->update_pending = FALSE;
  update (self);
  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_model_recomputed_cb (LmAreaDetails *self,
                        LmModel       *model)
{
  /* A slider drag recomputes at every motion event: show the result once
   * per frame. */
  self->update_pending = TRUE;
  if (self->update_tick == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->update_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_tick_cb, NULL, NULL);
}

static void
on_selection_changed_cb (LmAreaDetails *self,
                         LmSelection   *selection)
{
  /* A new area shows at once, whether a recompute is pending or not. */
  if (self->update_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick);
  self->update_tick = 0;
  self->update_pending = FALSE;
  update (self);
  /* Another area is read from its top, not where the last one was left. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            0);
}

/* GObject overrides */

static void
lm_area_details_dispose (GObject *object)
{
  LmAreaDetails *self = LM_AREA_DETAILS (object);

  if (self->update_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick);
  self->update_tick = 0;
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  self->content = NULL;
  self->cursor = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lm_area_details_parent_class)->dispose (object);
}

static void
lm_area_details_finalize (GObject *object)
{
  LmAreaDetails *self = LM_AREA_DETAILS (object);

  g_array_unref (self->ranks_scratch);
  g_array_unref (self->radix_scratch);
  g_array_unref (self->values_scratch);

  G_OBJECT_CLASS (lm_area_details_parent_class)->finalize (object);
}

static void
lm_area_details_map (GtkWidget *widget)
{
  LmAreaDetails *self = LM_AREA_DETAILS (widget);

  GTK_WIDGET_CLASS (lm_area_details_parent_class)->map (widget);
  if (self->update_pending)
    {
      self->update_pending = FALSE;
      update (self);
    }
}

static void
lm_area_details_class_init (LmAreaDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_area_details_dispose;
  object_class->finalize = lm_area_details_finalize;
  widget_class->map = lm_area_details_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "areadetails");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  kind_quark = g_quark_from_static_string ("lm-area-details-line");
}

static void
lm_area_details_init (LmAreaDetails *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->ranks_scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->radix_scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->values_scratch = g_array_new (FALSE, FALSE, sizeof (double));

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "find-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Area Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Select an area on the map, in a plot or in the table"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (self->content, "details-content");
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 18);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->content);
  self->scrolled = scrolled;
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (scrolled), _("the area details"));
  lm_accessible_hide_decorations (empty);
  lm_accessible_name_scrollbars_below (empty, _("the area details"));
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "area");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Area details"), -1);
}

/* Public API */

/**
 * lm_area_details_new:
 * @model: the model whose selection the details follow
 *
 * Returns: (transfer floating): a new #LmAreaDetails
 */
GtkWidget *
lm_area_details_new (LmModel *model)
{
  LmAreaDetails *self;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_AREA_DETAILS, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A Monte Carlo run's rank intervals arrive this way. */
  g_signal_connect_object (model, "variables-changed", G_CALLBACK (on_model_recomputed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lm_model_get_selection (model), "changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

/**
 * lm_area_details_get_model:
 * @self: a #LmAreaDetails
 *
 * Returns: (transfer none): the model
 */
LmModel *
lm_area_details_get_model (LmAreaDetails *self)
{
  g_return_val_if_fail (LM_IS_AREA_DETAILS (self), NULL);
  return self->model;
}
