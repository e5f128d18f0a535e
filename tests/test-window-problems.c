/* test-window-problems.c — what the window says about a damaged dataset
 * it can still show, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quadria (tests/lm-synthetic.c), each test with one thing broken; the
 * window opens it as a user's own manifest.
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include <adwaita.h>

#include "lm-application.h"
#include "lm-choropleth.h"
#include "lm-load-page.h"
#include "lm-window.h"
#include "lm-synthetic.h"
#include "lm-test-files.h"
#include "lm-test-widgets.h"

static LmApplication *app;

typedef struct
{
  char     *manifest;
  char     *empty;     /* a data folder without datasets */
  LmWindow *window;
} Fixture;

static gboolean
shows_data (gpointer data)
{
  LmWindow *window = data;

  return !lm_window_get_loading (window) &&
         g_strcmp0 (lm_window_get_page (window), "data") == 0 &&
         lm_window_get_map (window) != NULL &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0;
}

static gboolean
shows_error (gpointer data)
{
  LmWindow *window = data;

  return !lm_window_get_loading (window) && g_strcmp0 (lm_window_get_page (window), "error") == 0;
}

static char *
window_text (LmWindow *window)
{
  GString *text = g_string_new (NULL);

  lm_test_collect_labels (GTK_WIDGET (window), text);
  return g_string_free (text, FALSE);
}

typedef struct
{
  LmWindow   *window;
  const char *text;
} Showing;

static gboolean
shows_text (gpointer data)
{
  Showing *showing = data;
  g_autofree char *text = window_text (showing->window);

  return strstr (text, showing->text) != NULL;
}

static void
wait_for_text (LmWindow   *window,
               const char *text)
{
  Showing showing = { window, text };

  lm_test_wait_until (shows_text, &showing, text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->manifest = lm_synthetic_write ();
  fixture->empty = g_dir_make_tmp ("levelmap-empty-XXXXXX", &error);
  g_assert_no_error (error);
  /* No dataset to open at first: the window shows its error page, and
   * then the loading page for Quadria. */
  lm_application_set_data_dir (app, fixture->empty);
  g_settings_reset (lm_application_get_settings (app), "dataset");
  g_settings_reset (lm_application_get_settings (app), "level");
  fixture->window = lm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  lm_test_wait_until (shows_error, fixture->window, "the page saying there is no dataset");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_close_window (GTK_WINDOW (fixture->window));
  lm_synthetic_remove (fixture->manifest);
  g_rmdir (fixture->empty);
  g_free (fixture->manifest);
  g_free (fixture->empty);
}

static void
open_quadria (Fixture *fixture)
{
  lm_window_load (fixture->window, fixture->manifest, NULL);
  lm_test_wait_until (shows_data, fixture->window, "the map of Quadria");
}

/* The loading page named the data folder, where nothing of a user's own
 * manifest is read. */
static void
test_loading_names_the_folder (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->manifest);
  g_autofree char *text = NULL;
  GString *page = g_string_new (NULL);

  lm_window_load (fixture->window, fixture->manifest, NULL);
  g_assert_cmpstr (lm_load_page_get_mode (lm_window_get_load_page (fixture->window)), ==,
                   "loading");
  lm_test_collect_labels (GTK_WIDGET (lm_window_get_load_page (fixture->window)), page);
  text = g_string_free (page, FALSE);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, folder));
  g_assert_null (strstr (text, fixture->empty));
  lm_test_wait_until (shows_data, fixture->window, "the map of Quadria");
}

/* A level with areas missing from its layer is drawn, and the window says
 * how many are left out. */
static void
test_unmapped_areas (Fixture       *fixture,
                     gconstpointer  data)
{
  const char * const provinces[] = { "V1", "V2", NULL };

  lm_synthetic_write_provinces (fixture->manifest, provinces);
  open_quadria (fixture);
  lm_view_set_level (lm_window_get_view (fixture->window), "province");
  wait_for_text (fixture->window, "Provinces: 1 of the 3 provinces has no polygon in province.shp");
}

/* The outlines over parishes and cantons come from a broken layer: the
 * map is drawn without them, and says so. */
static void
test_broken_outline_layer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->manifest);
  g_autofree char *shp = g_build_filename (dir, "province.shp", NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (shp, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (shp, bytes, (gssize) length - 40, NULL));
  open_quadria (fixture);
  lm_view_set_level (lm_window_get_view (fixture->window), "parish");
  wait_for_text (fixture->window, "The outlines of Provinces are not drawn:");
  wait_for_text (fixture->window, "province.shp");
}

static void
test_no_display (void)
{
  g_test_fail_printf ("no display: run under xvfb-run -a");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/window/problems/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add ("/window/problems/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("loading-names-the-folder", test_loading_names_the_folder);
  ADD ("unmapped-areas", test_unmapped_areas);
  ADD ("broken-outline-layer", test_broken_outline_layer);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
