/* lm-test-window.h — the main window in the GUI tests: one application,
 * each test its own window on settings reset to their defaults
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-application.h"
#include "lm-choropleth.h"
#include "lm-window-private.h"

#include "lm-test-files.h"
#include "lm-test-widgets.h"

static LmApplication *app;

typedef struct
{
  LmWindow *window;
  char     *data_dir;    /* the application's, restored after the test */
} Fixture;

/* Waiting */

static inline gboolean
window_is_settled (gpointer data)
{
  LmWindow *window = data;

  if (lm_window_get_loading (window))
    return FALSE;
  if (g_strcmp0 (lm_window_get_page (window), "error") == 0)
    return TRUE;
  /* The map has been drawn and the panels made after it. */
  return lm_window_get_map (window) != NULL &&
         gtk_widget_get_mapped (lm_window_get_map (window)) &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0 &&
         lm_window_get_weights_panel (window) != NULL;
}

static inline void
wait_until_settled (LmWindow *window)
{
  lm_test_wait_until (window_is_settled, window, "the window to show its data or an error");
  lm_test_wait_for_frames (GTK_WIDGET (window));
}

static inline gboolean
is_unset (gpointer data)
{
  return lm_test_is_unset (data);
}

/* Whether a window action is enabled now. */
static inline gboolean
action_enabled (LmWindow   *window,
                const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (window->action_states, name)) == TRUE + 1;
}

/* The window */

static inline LmWindow *
open_window (void)
{
  LmWindow *window = lm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_settled (window);
  return window;
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
  lm_test_close_window (GTK_WINDOW (window));
}

/* A first launch: every setting at its default. */
static inline void
reset_settings (void)
{
  GSettings *settings = lm_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  reset_settings ();
  fixture->data_dir = g_strdup (lm_application_get_data_dir (app));
  if (data == NULL)
    fixture->window = open_window ();
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture->window);
  lm_application_set_data_dir (app, fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
/* Tests that open their own window. */
#define ADD_TEST_NO_WINDOW(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (1), fixture_set_up, func, fixture_tear_down)

static inline void
lm_test_window_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run -a");
}

/* Repeatable, headless GTK (see DESIGN.md) and the application. FALSE
 * without a display: the test then only reports that it needs one. */
static char *lm_test_user_data;

static inline void
lm_test_remove_user_data (void)
{
  lm_test_remove_tree (lm_test_user_data);
  g_clear_pointer (&lm_test_user_data, g_free);
}

static inline gboolean
lm_test_window_init (int    *argc,
                     char ***argv)
{
  /* Recent files and the like go to a folder of the test's own, never
   * the user's; set before GLib reads it. */
  lm_test_user_data = g_dir_make_tmp ("levelmap-test-data-XXXXXX", NULL);
  g_assert_nonnull (lm_test_user_data);
  g_setenv ("XDG_DATA_HOME", lm_test_user_data, TRUE);
  atexit (lm_test_remove_user_data);
  /* meson sets these, and the schema folder of the build. */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      g_test_add_func ("/window/no-display", lm_test_window_no_display);
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_nonnull (g_getenv ("LEVELMAP_DATA_DIR"));
  return TRUE;
}
