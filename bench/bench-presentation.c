/* bench-presentation.c — how long a presentation takes from one scene to
 * the next, and pictures of each scene
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under xvfb-run with a screen at least WIDTHxHEIGHT:
 *
 *   bench-presentation SCENARIO.levelmap WIDTHxHEIGHT [ROUNDS] [SHOTS-DIR]
 *
 * Opens the main window on the scenario, presents its storyboard at
 * WIDTHxHEIGHT and steps through it ROUNDS times (default 3) with the
 * keys a clicker sends (Right, then Home). Prints, as "key: value" lines:
 *
 *   transition_ms_p50   from the key press to the end of the frame that
 *   transition_ms_max   shows the scene's final state (extent and weights
 *                       moved, see LM_PRESENTATION_TRANSITION_MS)
 *   transitions         how many were measured
 *
 * With SHOTS-DIR it also writes the main window, the storyboard editor
 * and each scene of the presentation as PNG files there (the pictures in
 * docs/ are made so).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "lm-application.h"
#include "lm-choropleth.h"
#include "lm-presentation.h"
#include "lm-storyboard-editor.h"
#include "lm-window-private.h"

#include "../tests/lm-test-widgets.h"

static gboolean
scenario_open (gpointer data)
{
  LmWindow *window = data;
  LmStoryboard *storyboard = lm_document_get_storyboard (window->document);

  return !lm_window_get_loading (window) && lm_window_get_map (window) != NULL &&
         lm_document_get_file (window->document) != NULL &&
         lm_storyboard_get_n_scenes (storyboard) > 0 &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0;
}

static gboolean
still (gpointer data)
{
  return !lm_presentation_is_moving (data);
}

static gboolean
settled (gpointer data)
{
  LmPresentation *presentation = data;

  return !lm_presentation_is_moving (presentation) &&
         lm_presentation_get_last_transition_ms (presentation) > 0;
}

/* What @widget shows, through its own renderer. */
static void
save_png (GtkWidget  *widget,
          const char *folder,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width, height;

  lm_test_wait_for_frames (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  printf ("# wrote %s (%dx%d)\n", path, width, height);
}

static void
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
}

/* Each scene of the storyboard as presented. */
static void
take_scene_pictures (LmWindow   *window,
                     int         width,
                     int         height,
                     const char *shots)
{
  LmPresentation *presentation;
  guint n = lm_storyboard_get_n_scenes (lm_document_get_storyboard (window->document));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  presentation = LM_PRESENTATION (_lm_window_get_presentation (window));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("presentation-%dx%d-%u.png", width, height, i + 1);

      lm_presentation_go_to (presentation, i);
      lm_test_wait_until (still, presentation, "the scene to settle");
      save_png (GTK_WIDGET (presentation), shots, name);
    }
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  lm_test_wait_for_frames (GTK_WIDGET (window));
}

/* The example's scenes all show the whole map with the official
 * weights; a scene after the third zooms to the north-east of England
 * with income weighted 40, so that the extent and the weights move. */
static void
add_moving_scene (LmWindow *window)
{
  LmStoryboard *storyboard = lm_document_get_storyboard (window->document);
  LmView *view = lm_window_get_view (window);
  LmBounds north_east = { 380000, 500000, 480000, 600000 };
  g_autoptr(LmScene) scene = NULL;

  lm_scene_apply (lm_storyboard_get_scene (storyboard, 2), view, NULL);
  lm_view_set_extent (view, &north_east);
  g_assert_true (lm_model_set_weight (lm_window_get_model (window), "imd", "income", 40, NULL));
  scene = lm_scene_new_from_view (view, "North East, income weighted 40", "", FALSE);
  lm_storyboard_insert (storyboard, 3, scene);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
run (LmApplication  *app,
     char          **args)
{
  g_autoptr(GFile) scenario = g_file_new_for_commandline_arg (args[0]);
  g_autofree char *uri = g_file_get_uri (scenario);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GVariantBuilder options;
  LmWindow *window = lm_window_new (app);
  LmPresentation *presentation;
  int width = 0, height = 0, rounds = args[2] != NULL ? atoi (args[2]) : 3;
  const char *shots = args[2] != NULL ? args[3] : NULL;
  guint n;

  if (sscanf (args[1], "%dx%d", &width, &height) != 2)
    g_error ("WIDTHxHEIGHT, not %s", args[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "scenario", g_variant_new_string (uri));
  lm_window_apply_options (window, g_variant_builder_end (&options));
  lm_test_wait_until (scenario_open, window, "the scenario to open");
  if (shots != NULL)
    {
      save_png (GTK_WIDGET (window), shots, "window.png");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-storyboard", NULL);
      lm_storyboard_editor_select (LM_STORYBOARD_EDITOR (_lm_window_get_storyboard_editor (window)),
                                   2);
      save_png (gtk_widget_get_ancestor (_lm_window_get_storyboard_editor (window), GTK_TYPE_WINDOW),
                shots, "storyboard-editor.png");
    }

  if (shots != NULL)
    take_scene_pictures (window, width, height, shots);
  add_moving_scene (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  presentation = LM_PRESENTATION (_lm_window_get_presentation (window));
  lm_test_wait_for_frames (GTK_WIDGET (presentation));
  n = lm_storyboard_get_n_scenes (lm_document_get_storyboard (window->document));
  for (int round = 0; round < MAX (rounds, 1); round++)
    for (guint i = 0; i < n; i++)
      {
        double ms;

        press (GTK_WIDGET (presentation), i + 1 < n ? GDK_KEY_Right : GDK_KEY_Home);
        lm_test_wait_until (settled, presentation, "the scene to settle");
        lm_test_wait_for_frames (GTK_WIDGET (presentation));
        ms = lm_presentation_get_last_transition_ms (presentation);
        printf ("# scene %u to %u: %.1f ms\n", i + 1, i + 1 < n ? i + 2 : 1, ms);
        g_array_append_val (times, ms);
      }
  g_array_sort (times, compare_doubles);
  printf ("transition_ms_p50: %.1f\ntransition_ms_max: %.1f\ntransitions: %u\n",
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len - 1), times->len);
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LmApplication) app = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s SCENARIO.levelmap WIDTHxHEIGHT [ROUNDS] [SHOTS-DIR]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  app = lm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return 1;
  run (app, argv + 1);
  return 0;
}
