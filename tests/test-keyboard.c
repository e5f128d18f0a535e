/* test-keyboard.c — every main task without a mouse (issue 13), with
 * real key presses in the window, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "lm-area-table-private.h"
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

/* Tab enters the area table at its filter, then at the rows, and
 * leaves it with one more press. */
static void
test_tab_leaves_table (Fixture       *fixture,
                       gconstpointer  data)
{
  LmAreaTable *table = LM_AREA_TABLE (lm_window_get_table (fixture->window));

  g_assert_true (gtk_widget_grab_focus (table->entry));
  lm_test_wait_for_frames (GTK_WIDGET (fixture->window));
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_true (focus_within (fixture, table->view));
  g_assert_false (focus_within (fixture, table->header));
  press_and_wait_for_focus (fixture, "Tab");
  g_assert_false (focus_within (fixture, GTK_WIDGET (table)));
  /* And back in one press, to the rows. */
  press_and_wait_for_focus (fixture, "shift+Tab");
  g_assert_true (focus_within (fixture, table->view));
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

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
