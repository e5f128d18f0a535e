/* test-weights-panel.c — the weights panel, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "lm-area-row.h"
#include "lm-view.h"
#include "lm-weights-panel.h"

#include "lm-test-data.h"
#include "lm-test-input.h"
#include "lm-test-widgets.h"

static LmModel *shared_model;

typedef struct
{
  LmModel   *model;
  GtkWidget *window;
  GtkWidget *panel;
  guint      recomputed;
} Fixture;

static GtkWidget *
require_named (Fixture    *fixture,
               const char *name)
{
  GtkWidget *widget = lm_test_find_named (fixture->panel, name);

  if (widget == NULL)
    g_error ("no widget named %s in the weights panel", name);
  return widget;
}

static void
on_recomputed_cb (LmModel *model,
                  Fixture *fixture)
{
  fixture->recomputed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (shared_model == NULL)
    shared_model = lm_test_load_model ("england-2019");
  fixture->model = shared_model;
  lm_model_reset_weights (fixture->model, NULL);
  lm_selection_clear (lm_model_get_selection (fixture->model));

  fixture->panel = lm_weights_panel_new (fixture->model);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->panel);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_signal_connect (fixture->model, "recomputed", G_CALLBACK (on_recomputed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (fixture->model));

  g_signal_handlers_disconnect_by_data (fixture->model, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lm_model_reset_weights (fixture->model, NULL);
  for (guint i = 0; i < rule->criteria->len; i++)
    lm_model_set_left_behind_threshold (fixture->model, i,
                                        ((LmCriterion *) g_ptr_array_index (rule->criteria, i))->default_value,
                                        NULL);
}

static double
weight_sum (LmModel    *model,
            const char *index_id)
{
  return lm_index_get_weight_sum (lm_dataset_find_index (lm_model_get_dataset (model), index_id));
}

static double
parse_percentage (const char *text,
                  const char *prefix)
{
  g_autofree char *copy = NULL;
  char *p;

  g_assert_true (g_str_has_prefix (text, prefix));
  g_assert_nonnull (strstr (text, "% of published ranks reproduced"));
  /* Accept a decimal comma. */
  copy = g_strdup (text + strlen (prefix));
  for (p = copy; *p != '\0' && *p != '%'; p++)
    if (*p == ',')
      *p = '.';
  return g_ascii_strtod (copy, NULL);
}

static void
test_verification (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *imd = require_named (fixture, "imd-verification");
  GtkWidget *cni = require_named (fixture, "cni-verification");
  double imd_percent = parse_percentage (gtk_label_get_text (GTK_LABEL (imd)), "IMD: ");
  double cni_percent = parse_percentage (gtk_label_get_text (GTK_LABEL (cni)), "CNI: ");

  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (imd)));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (cni)));
  g_assert_cmpfloat (imd_percent, >=, 99.5);
  g_assert_cmpfloat (imd_percent, <, 100);
  g_assert_cmpfloat (cni_percent, >=, 99.5);

  /* Computed from the official-weights baseline, so building the panel
   * after a weight change shows the same figure. */
  {
    GtkWidget *other;
    g_autofree char *before = g_strdup (gtk_label_get_text (GTK_LABEL (imd)));

    g_assert_true (lm_model_set_weight (fixture->model, "imd", "income", 60, NULL));
    other = lm_weights_panel_new (fixture->model);
    g_object_ref_sink (other);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (lm_test_find_named (other,
                                                                        "imd-verification"))), ==,
                     before);
    g_object_unref (other);
  }
}

static void
test_slider_redistributes (Fixture       *fixture,
                           gconstpointer  data)
{
  LmVariable *rank = lm_test_variable (fixture->model, "lsoa", "imd.rank");
  LmIndex *imd = lm_dataset_find_index (lm_model_get_dataset (fixture->model), "imd");
  g_autofree double *before = g_memdup2 (rank->values, sizeof (double) * rank->level->n_areas);
  GtkWidget *scale = require_named (fixture, "imd.income-scale");
  GtkWidget *spin = require_named (fixture, "imd.income-spin");
  double total = weight_sum (fixture->model, "imd");
  double employment = lm_model_get_weight (fixture->model, "imd", "employment");
  double others_before = total - 22.5 - 9.3;
  double shares = 0;
  guint n_changed = 0;

  /* Lock crime: it must not move. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (require_named (fixture, "imd.crime-lock")), TRUE);
  fixture->recomputed = 0;

  /* The slider and the number are the domain's share of the index, in
   * percent: 40% of the IMD's published total of 99.9. */
  gtk_range_set_value (GTK_RANGE (scale), 40);

  /* One recompute per slider event, applied at once (not on release). */
  g_assert_cmpuint (fixture->recomputed, ==, 1);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "income"),
                                  0.4 * total, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "crime"), 9.3, 1e-12);
  /* Unlocked domains share the rest in proportion. */
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "employment"),
                                  employment * (total - 9.3 - 0.4 * total) / others_before, 1e-9);
  g_assert_cmpfloat_with_epsilon (weight_sum (fixture->model, "imd"), total, 1e-9);
  for (guint d = 0; d < imd->domains->len; d++)
    shares += ((LmIndexDomain *) g_ptr_array_index (imd->domains, d))->weight / weight_sum (fixture->model, "imd");
  g_assert_cmpfloat_with_epsilon (shares, 1.0, 1e-9);

  /* The spin button shows the same share. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 40, 1e-9);

  for (guint a = 0; a < rank->level->n_areas; a++)
    n_changed += rank->values[a] != before[a];
  g_test_message ("%u LSOA ranks changed", n_changed);
  g_assert_cmpuint (n_changed, >, 1000);

  /* A locked domain's controls are insensitive. */
  g_assert_false (gtk_widget_get_sensitive (require_named (fixture, "imd.crime-scale")));
  g_assert_true (gtk_widget_get_sensitive (scale));

  /* Past what the locked domains leave, the weight stops there. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 100);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "crime"), 9.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "income"),
                                  total - 9.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "employment"), 0, 1e-9);
}

static void
test_spin_button_and_cni (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *spin = require_named (fixture, "cni.civic_assets-spin");
  double total = weight_sum (fixture->model, "cni");

  /* Two thirds of the CNI: the other two domains share the last third. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 200.0 / 3);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "cni", "civic_assets"), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "cni", "connectedness"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "cni", "engaged_community"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (weight_sum (fixture->model, "cni"), total, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (require_named (fixture, "cni.civic_assets-scale"))),
                                  200.0 / 3, 1e-9);
  /* The other index is untouched. */
  g_assert_true (lm_index_weights_are_default (lm_dataset_find_index (lm_model_get_dataset (fixture->model), "imd")));
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *reset = require_named (fixture, "imd-reset");
  LmIndex *imd = lm_dataset_find_index (lm_model_get_dataset (fixture->model), "imd");

  g_assert_false (gtk_widget_get_sensitive (reset));
  gtk_range_set_value (GTK_RANGE (require_named (fixture, "imd.health-scale")), 30);
  g_assert_false (lm_index_weights_are_default (imd));
  g_assert_true (gtk_widget_get_sensitive (reset));

  g_signal_emit_by_name (reset, "clicked");

  g_assert_true (lm_model_weights_are_default (fixture->model));
  for (guint d = 0; d < imd->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (imd->domains, d);
      g_autofree char *name = g_strdup_printf ("imd.%s-scale", domain->id);

      g_assert_cmpfloat (domain->weight, ==, domain->default_weight);
      g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (require_named (fixture, name))),
                                      100 * domain->default_weight / 99.9, 1e-9);
    }
  g_assert_false (gtk_widget_get_sensitive (reset));
}

static void
test_left_behind_changes (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *summary = require_named (fixture, "left-behind-summary");
  GtkWidget *list = require_named (fixture, "left-behind-changes");
  GtkWidget *threshold = require_named (fixture, "threshold-1");
  LmSelection *selection = lm_model_get_selection (fixture->model);
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(GArray) entered = NULL;
  g_autoptr(LmAreaRow) first = NULL;
  g_autofree char *expected = NULL;

  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (summary)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "same as with official weights"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  /* A wider IMD threshold lets areas in. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 20);
  entered = lm_model_get_left_behind_changes (fixture->model, TRUE);
  g_assert_cmpuint (entered->len, >, 0);
  expected = g_strdup_printf ("%u wards entered and 0 left the left-behind list against official weights",
                              entered->len);
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (summary)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, entered->len);

  /* Activating an area of the list selects it everywhere. */
  first = g_list_model_get_item (rows, 0);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_true (lm_selection_get_level (selection) == lm_area_row_get_level (first));
  g_assert_cmpuint (lm_selection_count (selection, lm_area_row_get_level (first)), ==, 1);
  g_assert_true (lm_selection_contains (selection, lm_area_row_get_level (first),
                                        lm_area_row_get_area (first)));

  /* The thresholds' reset restores the official list. */
  g_signal_emit_by_name (require_named (fixture, "thresholds-reset"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (threshold)), ==, 10);
}

static void
test_weights_change_list (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *list = require_named (fixture, "left-behind-changes");
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;

  /* Crime alone: the IMD list changes a lot. */
  gtk_range_set_value (GTK_RANGE (require_named (fixture, "imd.crime-scale")), 100);
  entered = lm_model_get_left_behind_changes (fixture->model, TRUE);
  left = lm_model_get_left_behind_changes (fixture->model, FALSE);
  g_test_message ("%u entered, %u left", entered->len, left->len);
  g_assert_cmpuint (entered->len + left->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, entered->len + left->len);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_locked_binds_to_view (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LmView) view = lm_view_new ();
  GtkWidget *crime = require_named (fixture, "imd.crime-lock");
  GtkWidget *assets = require_named (fixture, "cni.civic_assets-lock");
  const char *locked[] = { "imd.crime", "cni.civic_assets", NULL };
  g_auto(GStrv) now = NULL;
  guint n_notified = 0;

  lm_view_set_model (view, fixture->model);
  g_object_bind_property (view, "locked", fixture->panel, "locked",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (fixture->panel, "notify::locked", G_CALLBACK (on_notify_cb), &n_notified);

  /* The view's locks reach the buttons, with one notify for both. */
  lm_view_set_locked (view, locked);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (crime)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (assets)));
  g_assert_false (gtk_widget_get_sensitive (require_named (fixture, "imd.crime-scale")));
  g_assert_cmpuint (n_notified, ==, 1);
  now = lm_weights_panel_get_locked (LM_WEIGHTS_PANEL (fixture->panel));
  g_assert_cmpuint (g_strv_length (now), ==, 2);
  g_assert_cmpstr (now[0], ==, "cni.civic_assets");
  g_assert_cmpstr (now[1], ==, "imd.crime");

  /* A click in the panel reaches the view. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (crime), FALSE);
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (view)), ==, 1);
  g_assert_cmpstr (lm_view_get_locked (view)[0], ==, "cni.civic_assets");
  g_assert_true (gtk_widget_get_sensitive (require_named (fixture, "imd.crime-scale")));

  /* The same set again changes nothing. */
  lm_weights_panel_set_locked (LM_WEIGHTS_PANEL (fixture->panel), lm_view_get_locked (view));
  g_assert_cmpuint (n_notified, ==, 2);
}

/* Issue 13, defect 1: turning the wheel over the panel scrolls it and
 * changes no weight, wherever the pointer rests. */
typedef struct
{
  GtkAdjustment *scroll;
  double         start;
} ScrollWatch;

static gboolean
panel_scrolled (gpointer data)
{
  ScrollWatch *watch = data;

  return gtk_adjustment_get_value (watch->scroll) > watch->start;
}

static void
test_wheel_scrolls_panel (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *scale = require_named (fixture, "imd.health-scale");
  GtkWidget *spin = require_named (fixture, "imd.crime-spin");
  GtkWidget *scrolled = gtk_widget_get_ancestor (scale, GTK_TYPE_SCROLLED_WINDOW);
  LmIndex *imd = lm_dataset_find_index (lm_model_get_dataset (fixture->model), "imd");
  ScrollWatch watch;

  lm_test_wait_for_frames (fixture->panel);
  watch.scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (watch.scroll) - gtk_adjustment_get_page_size (watch.scroll),
                     >, 100);

  /* Over a slider, then over a number, as a hand scrolling down does. */
  watch.start = gtk_adjustment_get_value (watch.scroll);
  lm_test_wheel (scale, gtk_widget_get_width (scale) / 2.0, gtk_widget_get_height (scale) / 2.0, 2);
  lm_test_wait_for_event (panel_scrolled, &watch, "the weights panel to scroll");
  watch.start = gtk_adjustment_get_value (watch.scroll);
  lm_test_wheel (spin, gtk_widget_get_width (spin) / 2.0, gtk_widget_get_height (spin) / 2.0, 2);
  lm_test_wait_for_event (panel_scrolled, &watch, "the weights panel to scroll further");

  g_assert_true (lm_model_weights_are_default (fixture->model));
  g_assert_cmpuint (fixture->recomputed, ==, 0);
  for (guint d = 0; d < imd->domains->len; d++)
    {
      LmIndexDomain *domain = g_ptr_array_index (imd->domains, d);

      g_assert_cmpfloat (domain->weight, ==, domain->default_weight);
    }
}

/* Every number shown for a domain, in the order of the row: the spin
 * button's text and any label that holds a number. */
static void
collect_numbers (GtkWidget *widget,
                 GPtrArray *numbers)
{
  const char *text = NULL;

  if (GTK_IS_SPIN_BUTTON (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  if (text != NULL && g_ascii_isdigit (text[0]))
    {
      g_ptr_array_add (numbers, g_strdup_printf ("%.1f", g_ascii_strtod (text, NULL)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_numbers (child, numbers);
}

static void
assert_row_agrees (Fixture    *fixture,
                   const char *domain_id,
                   double      expected)
{
  g_autofree char *name = g_strdup_printf ("imd.%s-spin", domain_id);
  GtkWidget *row = gtk_widget_get_ancestor (require_named (fixture, name), GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *want = g_strdup_printf ("%.1f", expected);
  double share = lm_model_get_weight (fixture->model, "imd", domain_id) /
                 weight_sum (fixture->model, "imd") * 100;
  g_autofree char *model_share = g_strdup_printf ("%.1f", share);

  collect_numbers (row, numbers);
  g_assert_cmpuint (numbers->len, >=, 1);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_cmpstr (g_ptr_array_index (numbers, i), ==, want);
  g_assert_cmpstr (model_share, ==, want);
}

/* Issue 13, defect 2: the number typed is the number shown, and it is
 * the domain's share of the index the model computes with. */
static void
test_typed_share_is_shown (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *spin = require_named (fixture, "imd.income-spin");
  GtkWidget *scale = require_named (fixture, "imd.employment-scale");

  gtk_editable_set_text (GTK_EDITABLE (spin), "50");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpfloat_with_epsilon (lm_model_get_weight (fixture->model, "imd", "income") /
                                  weight_sum (fixture->model, "imd"), 0.5, 1e-12);
  assert_row_agrees (fixture, "income", 50);

  /* A drag lands between tenths: what is shown still agrees. */
  gtk_range_set_value (GTK_RANGE (scale), 20.86);
  assert_row_agrees (fixture, "employment", 20.86);

  /* Typing back the official share shown restores the official weights. */
  lm_model_reset_weights (fixture->model, NULL);
  gtk_editable_set_text (GTK_EDITABLE (spin), "30");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_false (lm_model_weights_are_default (fixture->model));
  gtk_editable_set_text (GTK_EDITABLE (spin), "22.5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_true (lm_model_weights_are_default (fixture->model));
}

/* Issue 13, defect 7: the areas that entered or left the list get room
 * for several rows, not about one. */
typedef struct
{
  GtkWidget *list;
  int        min_height;
} HeightWatch;

static gboolean
list_is_tall (gpointer data)
{
  HeightWatch *watch = data;

  return gtk_widget_get_mapped (watch->list) &&
         gtk_widget_get_height (watch->list) >= watch->min_height;
}

static void
test_changes_list_shows_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *list = require_named (fixture, "left-behind-changes");
  GtkWidget *threshold = require_named (fixture, "threshold-1");
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  /* Six rows of two lines at least: one row was about 45 px. */
  HeightWatch watch = { list, 6 * 2 * 12 };

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 20);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 8);
  lm_test_wait_for_event (list_is_tall, &watch, "the change list to show several rows");
  g_test_message ("change list %d px high", gtk_widget_get_height (list));
}

/* Areas entering the list above its first row, a step at a time as in
 * a drag, leave a list shown from its top at its top: the list view
 * keeps its top row in view, so the list used to creep down with each
 * step until it showed only its end. */
static void
test_changes_list_stays_at_top (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *list = require_named (fixture, "left-behind-changes");
  GtkRange *income = GTK_RANGE (require_named (fixture, "imd.income-scale"));
  GtkAdjustment *range = gtk_range_get_adjustment (income);
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  double lower = gtk_adjustment_get_lower (range);
  double upper = gtk_adjustment_get_upper (range);
  guint n_above = 0;

  /* The income weight dragged down across its range, in 30 steps */
  for (int i = 30; i >= 0; i--)
    {
      g_autoptr(LmAreaRow) top = g_list_model_get_n_items (rows) > 0 ? g_list_model_get_item (rows, 0) : NULL;
      g_autoptr(LmAreaRow) new_top = NULL;

      gtk_range_set_value (income, lower + (upper - lower) * i / 30);
      lm_test_wait_for_frames (fixture->panel);
      new_top = g_list_model_get_n_items (rows) > 0 ? g_list_model_get_item (rows, 0) : NULL;
      if (top != NULL && new_top != NULL && g_list_model_get_n_items (rows) > 1 &&
          lm_area_row_get_area (top) != lm_area_row_get_area (new_top))
        n_above++;
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
    }
  /* The steps did put rows above the first one, and more rows than fit. */
  g_test_message ("%u steps put a row above the first; %u rows, %g of %g px shown", n_above,
                  g_list_model_get_n_items (rows), gtk_adjustment_get_page_size (adjustment),
                  gtk_adjustment_get_upper (adjustment));
  g_assert_cmpuint (n_above, >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));

  /* A list the user scrolled stays where it was put. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment));
  lm_test_wait_for_frames (fixture->panel);
  gtk_range_set_value (income, upper);
  lm_test_wait_for_frames (fixture->panel);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_lower (adjustment));
}

/* Issue 13, defect 14: the rule the panel states follows the
 * thresholds; the manifest's sentence is marked as the official one. */
static void
test_rule_follows_thresholds (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *threshold = require_named (fixture, "threshold-0");
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 15);
  lm_test_collect_labels (fixture->panel, text);
  g_test_message ("%s", text->str);
  g_assert_nonnull (strstr (text->str, "worst 15% by CNI score"));
  g_assert_nonnull (strstr (text->str, "worst 10% by IMD score"));
  /* "10%" appears only for the IMD criterion and the official rule. */
  for (const char *p = strstr (text->str, "10%"); p != NULL; p = strstr (p + 1, "10%"))
    {
      const char *line = p;

      while (line > text->str && line[-1] != '\n')
        line--;
      g_assert_true (g_str_has_prefix (line, "Official definition:") ||
                     g_str_has_prefix (p, "10% by IMD score") ||
                     strstr (line, "Official threshold") != NULL);
    }
}

/* Issue 13, defect 5: an index's title wraps in a narrow sidebar
 * instead of ending in "…". */
static gboolean
find_label (GtkWidget   *widget,
            const char  *text,
            GtkWidget  **out)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    {
      *out = widget;
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text, out))
      return TRUE;
  return FALSE;
}

static void
test_index_title_wraps (Fixture       *fixture,
                        gconstpointer  data)
{
  LmDataset *dataset = lm_model_get_dataset (fixture->model);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 260, 700);
  lm_test_wait_for_frames (fixture->panel);
  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      GtkWidget *label = NULL;

      g_assert_true (find_label (fixture->panel, index->title, &label));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      g_assert_cmpint (gtk_widget_get_width (label), <=, gtk_widget_get_width (fixture->panel));
    }
}

/* Issue 13, on-screen help: every domain's name says what the domain
 * measures, and every weight what its number is (the share, with the
 * official one: Income is 22.5% of the IMD, MHCLG's published weight). */
static void
test_domain_tooltips (Fixture       *fixture,
                      gconstpointer  data)
{
  LmDataset *dataset = lm_model_get_dataset (fixture->model);
  const char *income;

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);

      for (guint d = 0; d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          g_autofree char *title_name = g_strdup_printf ("%s.%s-title", index->id, domain->id);
          g_autofree char *spin_name = g_strdup_printf ("%s.%s-spin", index->id, domain->id);
          const char *about = gtk_widget_get_tooltip_text (require_named (fixture, title_name));
          const char *weight = gtk_widget_get_tooltip_text (require_named (fixture, spin_name));

          g_assert_nonnull (about);
          g_assert_cmpstr (about, ==, domain->description);
          g_assert_cmpuint (strlen (about), >, strlen (domain->title) + 20);
          g_assert_nonnull (weight);
          g_assert_nonnull (strstr (weight, "share of the"));
          g_assert_nonnull (strstr (weight, index->title));
        }
    }
  income = gtk_widget_get_tooltip_text (require_named (fixture, "imd.income-spin"));
  g_assert_nonnull (strstr (income, "(official: 22.5%)"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/weights-panel/verification", Fixture, NULL, fixture_set_up, test_verification,
              fixture_tear_down);
  g_test_add ("/weights-panel/slider-redistributes", Fixture, NULL, fixture_set_up,
              test_slider_redistributes, fixture_tear_down);
  g_test_add ("/weights-panel/spin-button-cni", Fixture, NULL, fixture_set_up,
              test_spin_button_and_cni, fixture_tear_down);
  g_test_add ("/weights-panel/reset", Fixture, NULL, fixture_set_up, test_reset,
              fixture_tear_down);
  g_test_add ("/weights-panel/left-behind-changes", Fixture, NULL, fixture_set_up,
              test_left_behind_changes, fixture_tear_down);
  g_test_add ("/weights-panel/weights-change-list", Fixture, NULL, fixture_set_up,
              test_weights_change_list, fixture_tear_down);
  g_test_add ("/weights-panel/locked-binds-to-view", Fixture, NULL, fixture_set_up,
              test_locked_binds_to_view, fixture_tear_down);
  g_test_add ("/weights-panel/wheel-scrolls-panel", Fixture, NULL, fixture_set_up,
              test_wheel_scrolls_panel, fixture_tear_down);
  g_test_add ("/weights-panel/typed-share-is-shown", Fixture, NULL, fixture_set_up,
              test_typed_share_is_shown, fixture_tear_down);
  g_test_add ("/weights-panel/changes-list-shows-rows", Fixture, NULL, fixture_set_up,
              test_changes_list_shows_rows, fixture_tear_down);
  g_test_add ("/weights-panel/changes-list-stays-at-top", Fixture, NULL, fixture_set_up,
              test_changes_list_stays_at_top, fixture_tear_down);
  g_test_add ("/weights-panel/rule-follows-thresholds", Fixture, NULL, fixture_set_up,
              test_rule_follows_thresholds, fixture_tear_down);
  g_test_add ("/weights-panel/index-title-wraps", Fixture, NULL, fixture_set_up,
              test_index_title_wraps, fixture_tear_down);
  g_test_add ("/weights-panel/domain-tooltips", Fixture, NULL, fixture_set_up,
              test_domain_tooltips, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&shared_model);
  return status;
}
