/* test-keyboard.c — every main task without a mouse (issue 13), with
 * real key presses in the window, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "lm-area-table-private.h"
#include "lm-choropleth.h"
#include "lm-legend.h"
#include "lm-scatter-plot.h"
#include "lm-window-private.h"

#include "lm-test-input.h"
#include "lm-test-widgets.h"
#include "lm-test-window.h"

static LmApplication *app;

typedef struct
{
  LmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  lm_test_reset_settings (app, 1280, 800);
  fixture->window = lm_test_window_open (app, 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_window_close (fixture->window);
}

/* Auxiliary methods */

static GtkWidget *
get_focus (Fixture *fixture)
{
  return gtk_window_get_focus (GTK_WINDOW (fixture->window));
}

static gboolean
focus_within (Fixture   *fixture,
              GtkWidget *ancestor)
{
  GtkWidget *focus = get_focus (fixture);

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

typedef struct
{
  Fixture   *fixture;
  GtkWidget *before;
} FocusWatch;

static gboolean
focus_moved (gpointer data)
{
  FocusWatch *watch = data;

  return get_focus (watch->fixture) != watch->before;
}

/* Presses @keys and waits until the focus has moved. */
static void
press_and_wait_for_focus (Fixture    *fixture,
                          const char *keys)
{
  FocusWatch watch = { fixture, get_focus (fixture) };

  lm_test_keys (GTK_WIDGET (fixture->window), keys);
  lm_test_wait_until (focus_moved, &watch, "the focus to move");
}

/* Tests */

/* Tab enters the area table at its filter, then its sort menu, then the
 * rows, and leaves it with one more press. */
static void
test_tab_leaves_table (Fixture       *fixture,
                       gconstpointer  data)
{
  LmAreaTable *table = LM_AREA_TABLE (lm_window_get_table (fixture->window));

  g_assert_true (gtk_widget_grab_focus (table->entry));
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_true (focus_within (fixture, table->sort_button));
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_true (focus_within (fixture, table->view));
  g_assert_false (focus_within (fixture, table->header));
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_false (focus_within (fixture, GTK_WIDGET (table)));
  /* And back in one press, to the rows. */
  press_and_wait_for_focus (fixture, "shift+Tab");
  g_assert_true (focus_within (fixture, table->view));
}

/* The text of a menu item, or NULL. */
static char *
get_item_text (GtkWidget *widget)
{
  char *text = NULL;

  if (widget != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") != NULL)
    g_object_get (widget, "text", &text, NULL);
  return text;
}

static char *
get_state_string (LmAreaTable *table,
                  const char  *action)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (table->sort_actions),
                                                               action);

  return g_variant_dup_string (state, NULL);
}

/* Opens the table's sort menu with Space and chooses @label with the
 * arrows and Return. */
static void
choose_sort_item (Fixture     *fixture,
                  LmAreaTable *table,
                  const char  *label)
{
  GtkWidget *menu;

  g_assert_true (gtk_widget_grab_focus (table->sort_button));
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  press_and_wait_for_focus (fixture, "space");
  menu = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (table->sort_button)));
  g_assert_true (focus_within (fixture, menu));
  for (guint presses = 0;; presses++)
    {
      g_autofree char *text = get_item_text (get_focus (fixture));

      if (g_strcmp0 (text, label) == 0)
        break;
      g_assert_cmpuint (presses, <, 40);
      press_and_wait_for_focus (fixture, "Down");
    }
  press_and_wait_for_focus (fixture, "Return");
  lm_test_wait_until (lm_test_is_hidden, menu, "the sort menu to close");
}

/* GTK 4.8's column headers take no focus: the table sorts from its
 * sort menu, by keys alone. Space opens it; the arrows reach a column,
 * Return sorts by it; the direction is in the same menu. */
static void
test_sort_table (Fixture       *fixture,
                 gconstpointer  data)
{
  LmAreaTable *table = LM_AREA_TABLE (lm_window_get_table (fixture->window));
  g_autofree char *sort_by = NULL;
  g_autofree char *order = NULL;

  choose_sort_item (fixture, table, "Name");
  sort_by = get_state_string (table, "sort-by");
  g_assert_cmpstr (sort_by, ==, "name");

  /* Z to A */
  choose_sort_item (fixture, table, "Descending");
  order = get_state_string (table, "sort-order");
  g_assert_cmpstr (order, ==, "descending");
  {
    GListModel *rows = G_LIST_MODEL (lm_area_table_get_rows (table));
    g_autoptr(LmAreaRow) first = g_list_model_get_item (rows, 0);
    g_autoptr(LmAreaRow) second = g_list_model_get_item (rows, 1);
    g_autoptr(LmAreaRow) last = g_list_model_get_item (rows, g_list_model_get_n_items (rows) - 1);

    g_assert_cmpint (g_utf8_collate (lm_area_row_get_name (first), lm_area_row_get_name (second)), >=, 0);
    g_assert_cmpint (g_utf8_collate (lm_area_row_get_name (first), lm_area_row_get_name (last)), >, 0);
  }
}

static gboolean
activates_action (GtkWidget *widget,
                  gpointer   action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The button below @widget that activates @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  return lm_test_find_widget (widget, activates_action, (gpointer) action);
}

/* The scale has gone past @metres_per_pixel the way @factor says (below
 * 1: zoomed in). Its direction matters: a zoom in still animating must
 * not pass for a zoom out. */
typedef struct
{
  LmChoropleth *map;
  double        metres_per_pixel;
  double        factor;
} ZoomWatch;

static gboolean
zoomed (gpointer data)
{
  ZoomWatch *watch = data;
  double now = lm_choropleth_get_view (watch->map)->metres_per_pixel;

  return watch->factor < 1 ? now < watch->factor * watch->metres_per_pixel
                           : now > watch->factor * watch->metres_per_pixel;
}

/* +, - and 0 work wherever the focus is in the map area: on the map at
 * start, and after a click on a zoom button. */
static void
test_map_keys (Fixture       *fixture,
               gconstpointer  data)
{
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (fixture->window));
  ZoomWatch watch = { map, lm_choropleth_get_view (map)->metres_per_pixel, 0.99 };
  GtkWidget *zoom_out = find_action_button (GTK_WIDGET (fixture->window), "win.zoom-out");

  /* The map has the focus when the data show. */
  g_assert_true (focus_within (fixture, GTK_WIDGET (map)));
  lm_test_keys (GTK_WIDGET (fixture->window), "plus");
  lm_test_wait_until (zoomed, &watch, "+ to zoom in");

  /* On a zoom button, as after clicking it. */
  g_assert_true (gtk_widget_grab_focus (zoom_out));
  watch.metres_per_pixel = lm_choropleth_get_view (map)->metres_per_pixel;
  watch.factor = 1.01;
  lm_test_keys (GTK_WIDGET (fixture->window), "minus");
  lm_test_wait_until (zoomed, &watch, "- to zoom out from a zoom button");
  g_assert_true (focus_within (fixture, zoom_out));

  /* On the map, Enter selects the area under the cross in the middle:
   * bring an area there first (the middle may be the sea, or Wales). */
  {
    LmSelection *selection = lm_model_get_selection (lm_window_get_model (fixture->window));
    LmMapView view = *lm_choropleth_get_view (map);
    LmLevel *level = NULL;
    guint area = 0;
    double x = view.width / 2.0, y = view.height / 2.0;

    while (!lm_choropleth_pick (map, x, y, NULL, NULL) && x < view.width)
      x += 4;
    lm_map_view_pixel_to_world (&view, x, y, &view.center_x, &view.center_y);
    lm_choropleth_set_view (map, &view);
    g_assert_true (lm_choropleth_pick (map, view.width / 2.0, view.height / 2.0, &level, &area));
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (map)));
    lm_test_keys (GTK_WIDGET (fixture->window), "Return");
    lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
    g_assert_cmpuint (lm_selection_count (selection, level), ==, 1);
    g_assert_true (lm_selection_contains (selection, level, area));
  }
}

/* The legend's rows from the keyboard: Tab reaches them, the arrows move
 * between them, Enter selects a class's areas and Shift+Enter adds. */
static void
test_legend_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  LmLegend *legend = LM_LEGEND (lm_window_get_legend (fixture->window));
  LmChoropleth *map = LM_CHOROPLETH (lm_window_get_map (fixture->window));
  LmSelection *selection = lm_model_get_selection (lm_window_get_model (fixture->window));
  const LmClassification *classes = lm_choropleth_get_classification (map);
  LmLevel *level = lm_choropleth_get_current_level (map);
  GtkWidget *toggle = gtk_widget_get_last_child (GTK_WIDGET (legend));
  guint top = classes->n_classes - 1;

  g_assert_true (GTK_IS_BUTTON (toggle));
  g_assert_true (gtk_widget_grab_focus (toggle));
  press_and_wait_for_focus (fixture, "Tab");
  /* The first row is the top class: the worst values. */
  lm_test_keys (GTK_WIDGET (fixture->window), "Return");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (lm_selection_count (selection, level), ==, classes->count[top]);
  press_and_wait_for_focus (fixture, "Down");
  lm_test_keys (GTK_WIDGET (fixture->window), "shift+Return");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (lm_selection_count (selection, level), ==,
                    classes->count[top] + classes->count[top - 1]);
  /* Tab goes on out of the legend. */
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_false (focus_within (fixture, GTK_WIDGET (legend)));
}

/* The plot's points from the keyboard: the arrows walk them, Enter
 * selects the one reached. */
static void
test_plot_points (Fixture       *fixture,
                  gconstpointer  data)
{
  LmScatterPlot *plot = LM_SCATTER_PLOT (lm_window_get_plot (fixture->window));
  LmModel *model = lm_window_get_model (fixture->window);
  LmLevel *level = lm_dataset_find_level (lm_model_get_dataset (model),
                                          lm_scatter_plot_get_level_id (plot));
  LmVariable *x = lm_model_find_variable (model, level->id, lm_scatter_plot_get_x_id (plot), NULL);
  LmTestSelectionWatch watch = { lm_model_get_selection (model), level };
  g_autoptr(GArray) selected = NULL;
  guint leftmost = G_MAXUINT;

  for (guint a = 0; a < level->n_areas; a++)
    if (isfinite (x->values[a]) && (leftmost == G_MAXUINT || x->values[a] < x->values[leftmost]))
      leftmost = a;
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (plot)));
  lm_test_keys (GTK_WIDGET (fixture->window), "Home Right Left Return");
  lm_test_wait_until (lm_test_has_selection, &watch, "Enter to select a point");
  selected = lm_selection_get_areas (watch.selection, level);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpuint (g_array_index (selected, guint, 0), ==, leftmost);
}

static gboolean
weights_folded (gpointer data)
{
  return ((LmWindow *) data)->weights_folded;
}

static gboolean
weights_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_revealer_get_child_revealed (fixture->window->weights_sheet) &&
         focus_within (fixture, lm_window_get_weights_panel (fixture->window));
}

/* At 1024 wide the weights are a sheet: F9 brings it with the focus in
 * it, Escape puts it away and gives the map the focus back. */
static void
test_weights_sheet (Fixture       *fixture,
                    gconstpointer  data)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 768);
  lm_test_wait_until (weights_folded, fixture->window, "the weights to fold at 1024");
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  lm_test_keys (GTK_WIDGET (fixture->window), "F9");
  lm_test_wait_until (weights_shown, fixture, "F9 to bring the weights");
  press_and_wait_for_focus (fixture, "Escape");
  g_assert_false (gtk_revealer_get_reveal_child (fixture->window->weights_sheet));
  g_assert_true (focus_within (fixture, lm_window_get_map (fixture->window)));
}

/* Finding an area and choosing a level with keys alone: Ctrl+F, a name
 * typed, Enter selects it; Tab to the level menu, Space opens it, an
 * arrow and Enter choose another level. */
typedef struct
{
  LmView     *view;
  const char *level;
} LevelWatch;

static gboolean
level_changed (gpointer data)
{
  LevelWatch *watch = data;

  return g_strcmp0 (lm_view_get_level (watch->view), watch->level) != 0;
}

static gboolean
focus_in_search (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *search = GTK_WIDGET (lm_window_get_search_popover (fixture->window));

  return gtk_widget_get_mapped (search) && focus_within (fixture, search);
}

static gboolean
search_has_results (gpointer data)
{
  LmLevel *level = NULL;
  guint area = 0;

  return lm_search_popover_get_result (lm_window_get_search_popover (data), 0, &level, &area) &&
         g_strcmp0 (level->names[area], "Hartlepool") == 0;
}

static void
test_find_and_choose (Fixture       *fixture,
                      gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmModel *model = lm_window_get_model (window);
  LmLevel *lad = lm_dataset_find_level (lm_model_get_dataset (model), "lad");
  LmTestSelectionWatch watch = { lm_model_get_selection (model), lad };
  LevelWatch level = { lm_window_get_view (window), NULL };
  g_autoptr(GArray) selected = NULL;
  g_autofree char *before = NULL;

  lm_test_keys (GTK_WIDGET (window), "ctrl+f");
  lm_test_wait_until (focus_in_search, fixture, "Ctrl+F to open the search");
  lm_test_run_xdotool ((const char *[]) { "type", "--delay", "20", "Hartlepool", NULL });
  lm_test_wait_until (search_has_results, window, "the search to list Hartlepool");
  lm_test_keys (GTK_WIDGET (window), "Return");
  lm_test_wait_until (lm_test_has_selection, &watch, "Enter to select Hartlepool");
  selected = lm_selection_get_areas (watch.selection, lad);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpstr (lad->names[g_array_index (selected, guint, 0)], ==, "Hartlepool");

  level.level = before = g_strdup (lm_view_get_level (level.view));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (window->level_dropdown)));
  /* Space opens the list with the focus in it, Down moves it on. */
  press_and_wait_for_focus (fixture, "space");
  press_and_wait_for_focus (fixture, "Down");
  g_assert_true (gtk_widget_is_ancestor (get_focus (fixture), GTK_WIDGET (window->level_dropdown)));
  lm_test_keys (GTK_WIDGET (window), "Return");
  lm_test_wait_until (level_changed, &level, "the arrows and Enter to choose another level");
  g_test_message ("level %s, then %s", before, lm_view_get_level (level.view));
}

/* Reading an area's details and exporting with keys alone: Tab from
 * the map reaches the details of the area selected; Ctrl+E opens the
 * export dialog and Escape closes it. */
/* Ctrl+E asks first what to export (the map as shown or whole, its
 * size), then for the file. */
static gboolean
export_dialog_is_open (gpointer data)
{
  return lm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
export_dialog_is_closed (gpointer data)
{
  return !export_dialog_is_open (data);
}

static void
test_details_and_export (Fixture       *fixture,
                         gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmModel *model = lm_window_get_model (window);
  LmLevel *lad = lm_dataset_find_level (lm_model_get_dataset (model), "lad");
  GtkWidget *details = lm_window_get_details (window);
  guint hartlepool = 0;
  guint presses = 0;

  while (g_strcmp0 (lad->names[hartlepool], "Hartlepool") != 0)
    hartlepool++;
  lm_selection_select (lm_model_get_selection (model), lad, &hartlepool, 1, LM_SELECTION_REPLACE);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (lm_window_get_map (window)));
  /* What Tab does, press after press, until the details or a lap. */
  while (!focus_within (fixture, details) && presses++ < 60)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_test_message ("%u presses of Tab from the map to the details", presses);
  g_assert_true (focus_within (fixture, details));
  g_assert_true (GTK_IS_LABEL (get_focus (fixture)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (get_focus (fixture))), "Hartlepool"));

  lm_test_keys (GTK_WIDGET (window), "ctrl+e");
  lm_test_wait_until (export_dialog_is_open, NULL, "Ctrl+E to open the export dialog");
  lm_test_keys (GTK_WIDGET (lm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "Escape");
  lm_test_wait_until (export_dialog_is_closed, NULL, "Escape to close the export dialog");
}

static gboolean
shortcuts_window_is_open (gpointer data)
{
  return lm_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static gboolean
shortcuts_window_is_closed (gpointer data)
{
  return !shortcuts_window_is_open (data);
}

/* Ctrl+? shows the keyboard shortcuts, built only when first asked for
 * (not with the window), and Escape closes them; a second press shows
 * the same window again. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->window);
  GtkShortcutsWindow *shortcuts;
  GLogLevelFlags fatal;

  g_assert_null (gtk_application_window_get_help_overlay (window));
  /* GTK 4.8's GtkShortcutsWindow measures some of its own labels at a
   * negative width ("GtkLabel … reported min width -3"), whatever the
   * shortcuts: its warning, not ours, so warnings are not fatal while it
   * is shown (GTK logs structured, past g_test_log_set_fatal_handler). */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (guint i = 0; i < 2; i++)
    {
      lm_test_keys (GTK_WIDGET (window), "ctrl+question");
      lm_test_wait_until (shortcuts_window_is_open, NULL, "Ctrl+? to show the shortcuts");
      shortcuts = gtk_application_window_get_help_overlay (window);
      g_assert_true (GTK_WINDOW (shortcuts) == lm_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
      lm_test_keys (GTK_WIDGET (shortcuts), "Escape");
      lm_test_wait_until (shortcuts_window_is_closed, NULL, "Escape to close the shortcuts");
    }
  g_log_set_always_fatal (fatal);
}

static gboolean
has_main_menu (gpointer data)
{
  LmWindow *window = data;

  return gtk_menu_button_get_menu_model (window->primary_menu_button) != NULL;
}

/* The main menu is built after the window is first shown, in the wait
 * for the data, but opens at once if asked for before that. */
static void
test_main_menu_at_once (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = lm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (gtk_menu_button_get_menu_model (window->primary_menu_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->primary_menu_button)));
  gtk_menu_button_popup (window->primary_menu_button);
  g_assert_true (gtk_menu_button_get_menu_model (window->primary_menu_button) == window->primary_menu);
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (window->primary_menu_button)));
  gtk_menu_button_popdown (window->primary_menu_button);
  lm_test_window_wait_settled (window);
  lm_test_window_close (window);

  /* Left alone, the window attaches it by itself, in an idle of low
   * priority: on a busy machine the frames of the window above can hold
   * it back until now. */
  lm_test_wait_until (has_main_menu, fixture->window, "the main menu attached by itself");
  g_assert_true (gtk_menu_button_get_menu_model (fixture->window->primary_menu_button) ==
                 fixture->window->primary_menu);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_gui_init (&argc, &argv, "/keyboard/no-display"))
    return g_test_run ();
  app = lm_test_application_new ();

  ADD_TEST ("/keyboard/tab-leaves-table", test_tab_leaves_table);
  ADD_TEST ("/keyboard/sort-table", test_sort_table);
  ADD_TEST ("/keyboard/map-keys", test_map_keys);
  ADD_TEST ("/keyboard/legend-rows", test_legend_rows);
  ADD_TEST ("/keyboard/plot-points", test_plot_points);
  ADD_TEST ("/keyboard/weights-sheet", test_weights_sheet);
  ADD_TEST ("/keyboard/find-and-choose", test_find_and_choose);
  ADD_TEST ("/keyboard/details-and-export", test_details_and_export);
  ADD_TEST ("/keyboard/shortcuts-window", test_shortcuts_window);
  ADD_TEST ("/keyboard/main-menu-at-once", test_main_menu_at_once);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
