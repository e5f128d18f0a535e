/* lm-test-window-fixture.h — the main window tests' fixture: one
 * application, each test its own window on settings reset to their
 * defaults
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-window-private.h"

#include "lm-test-window.h"

static LmApplication *app;

typedef struct
{
  LmWindow *window;
  char     *data_dir;    /* the application's, restored after the test */
} Fixture;

static inline gboolean
is_unset (gpointer data)
{
  return lm_test_is_unset (data);
}

static inline void
wait_until_settled (LmWindow *window)
{
  lm_test_window_wait_settled (window);
}

/* Whether a window action is enabled now. */
static inline gboolean
action_enabled (LmWindow   *window,
                const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (window->action_states, name)) == TRUE + 1;
}

static inline LmWindow *
open_window (void)
{
  return lm_test_window_open (app, 1366, 768);
}

static inline AdwMessageDialog *
find_message_dialog (LmWindow *window)
{
  return lm_test_find_message_dialog (GTK_WINDOW (window));
}

static inline void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  lm_test_respond (dialog, response);
}

static inline void
close_window (LmWindow *window)
{
  lm_test_window_close (window);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  lm_test_reset_settings (app, 1366, 768);
  fixture->data_dir = g_strdup (lm_application_get_data_dir (app));
  if (data == NULL)
    fixture->window = open_window ();
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_window_tear_down (app, &fixture->window, &fixture->data_dir);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
/* Tests that open their own window. */
#define ADD_TEST_NO_WINDOW(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (1), fixture_set_up, func, fixture_tear_down)

/* Repeatable, headless GTK and the application. FALSE without a
 * display: the test then only reports that it needs one. */
static inline gboolean
lm_test_window_init (int    *argc,
                     char ***argv)
{
  if (!lm_test_gui_init (argc, argv, "/window/no-display"))
    return FALSE;
  app = lm_test_application_new ();
  return TRUE;
}
