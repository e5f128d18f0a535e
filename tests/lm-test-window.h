/* lm-test-window.h — opening, waiting for and closing the main window
 * in the GUI tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <adwaita.h>

#include "lm-application.h"
#include "lm-choropleth.h"
#include "lm-window.h"

#include "lm-test-files.h"
#include "lm-test-widgets.h"

/* The window shows its data (the map drawn, the panels made after it)
 * or an error. */
static inline gboolean
lm_test_window_is_settled (gpointer data)
{
  LmWindow *window = data;

  if (lm_window_get_loading (window))
    return FALSE;
  if (g_strcmp0 (lm_window_get_page (window), "error") == 0)
    return TRUE;
  return lm_window_get_map (window) != NULL &&
         gtk_widget_get_mapped (lm_window_get_map (window)) &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0 &&
         lm_window_get_weights_panel (window) != NULL;
}

static inline void
lm_test_window_wait_settled (LmWindow *window)
{
  lm_test_wait_until (lm_test_window_is_settled, window, "the window to show its data or an error");
  lm_test_wait_for_frames (GTK_WIDGET (window));
}

/* A first launch: every setting at its default, the window @width by
 * @height. */
static inline void
lm_test_reset_settings (LmApplication *app,
                        int            width,
                        int            height)
{
  GSettings *settings = lm_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

static inline LmWindow *
lm_test_window_open (LmApplication *app,
                     int            width,
                     int            height)
{
  LmWindow *window = lm_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  lm_test_window_wait_settled (window);
  return window;
}

/* Closes @window as a user does; unsaved work is discarded when asked. */
static inline void
lm_test_window_close (LmWindow *window)
{
  lm_test_close_window (GTK_WINDOW (window));
}

/* The end of a test that may have opened a window and pointed @app at
 * another data folder: closes the window, points @app back at
 * @data_dir and frees it. */
static inline void
lm_test_window_tear_down (LmApplication  *app,
                          LmWindow      **window,
                          char          **data_dir)
{
  if (*window != NULL)
    lm_test_window_close (*window);
  *window = NULL;
  lm_application_set_data_dir (app, *data_dir);
  g_clear_pointer (data_dir, g_free);
}

/* A registered, non-unique application for the GUI tests, with the
 * environment the tests need set if meson did not. */
static inline LmApplication *
lm_test_application_new (void)
{
  LmApplication *app = lm_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_nonnull (g_getenv ("LEVELMAP_DATA_DIR"));
  return app;
}

/* Waiting for something to be selected at @level. */
typedef struct
{
  LmSelection *selection;
  LmLevel     *level;
} LmTestSelectionWatch;

static inline gboolean
lm_test_has_selection (gpointer data)
{
  LmTestSelectionWatch *watch = data;

  return lm_selection_count (watch->selection, watch->level) > 0;
}

/* The first window on screen of @type, or NULL: a dialog the window
 * opened. */
static inline GtkWindow *
lm_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* Recent files and the like go to a folder of the test's own, never
 * the user's. */
static char *lm_test_user_data;

static inline void
lm_test_remove_user_data (void)
{
  lm_test_remove_tree (lm_test_user_data);
  g_clear_pointer (&lm_test_user_data, g_free);
}

static inline void
lm_test_no_display (void)
{
  g_test_fail_printf ("no display: run under xvfb-run -a");
}

/* Repeatable, headless GTK for the window tests (see DESIGN.md; meson
 * sets these, and the schema folder of the build). Without a display
 * the program runs one skipped test, @path. */
static inline gboolean
lm_test_gui_init (int         *argc,
                  char      ***argv,
                  const char  *path)
{
  /* Set before GLib reads it. */
  lm_test_user_data = g_dir_make_tmp ("levelmap-test-data-XXXXXX", NULL);
  g_assert_nonnull (lm_test_user_data);
  g_setenv ("XDG_DATA_HOME", lm_test_user_data, TRUE);
  atexit (lm_test_remove_user_data);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      g_test_add_func (path, lm_test_no_display);
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  return TRUE;
}
