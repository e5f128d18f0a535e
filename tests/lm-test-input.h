/* lm-test-input.h — real pointer and key events in the GUI tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 cannot make an event from a test, and emitting a controller's
 * signal skips the very thing some tests are about: which widget the
 * event reaches. These helpers have the X server send the event
 * (xdotool, through XTEST; meson passes its path as LEVELMAP_XDOTOOL),
 * then let GTK deliver it. Without xdotool the test fails and says so.
 */
#pragma once

#include <math.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "lm-test-widgets.h"

static inline const char *
lm_test_xdotool (void)
{
  const char *path = g_getenv ("LEVELMAP_XDOTOOL");

  if (path == NULL || *path == '\0')
    g_error ("these tests need xdotool (Debian package xdotool); "
             "LEVELMAP_XDOTOOL is not set");
  return path;
}

static inline void
lm_test_run_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) lm_test_xdotool ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("xdotool: %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("xdotool failed: %s %s", error->message, err != NULL ? err : "");
}

/* Makes sure the X server knows the window of @widget and where it is:
 * everything queued has been drawn. */
static inline gulong
lm_test_xid (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);

  lm_test_wait_for_frames (widget);
  return (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native));
}

/* Moves the pointer to (@x, @y) of @widget. */
static inline void
lm_test_pointer_move (GtkWidget *widget,
                      double     x,
                      double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;
  g_autofree char *xid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  /* Surface coordinates include the client-side shadow. */
  gtk_native_get_surface_transform (native, &sx, &sy);
  xid = g_strdup_printf ("%lu", lm_test_xid (widget));
  px = g_strdup_printf ("%d", (int) round (point.x + sx));
  py = g_strdup_printf ("%d", (int) round (point.y + sy));
  lm_test_run_xdotool ((const char *[]) { "mousemove", "--sync", "--window", xid, px, py, NULL });
}

/* Moves the pointer off every window, to the screen's last pixel (the
 * test windows open at its top left): where a test before left it, it
 * hovers a widget, whose tooltip then shows and lays the window out. */
static inline void
lm_test_pointer_away (GtkWidget *widget)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;

  gdk_monitor_get_geometry (monitor, &screen);
  px = g_strdup_printf ("%d", screen.x + screen.width - 1);
  py = g_strdup_printf ("%d", screen.y + screen.height - 1);
  lm_test_run_xdotool ((const char *[]) { "mousemove", "--sync", px, py, NULL });
}

/* Turns the wheel @clicks notches down (or up, if negative) over
 * (@x, @y) of @widget. */
static inline void
lm_test_wheel (GtkWidget *widget,
               double     x,
               double     y,
               int        clicks)
{
  g_autofree char *repeat = g_strdup_printf ("%d", ABS (clicks));

  lm_test_pointer_move (widget, x, y);
  lm_test_run_xdotool ((const char *[]) { "click", "--repeat", repeat, "--delay", "20",
                                          clicks > 0 ? "5" : "4", NULL });
}

/* Presses and releases the keys of @keys (xdotool names: "plus",
 * "Tab", "shift+Tab") in the window of @widget, which has the focus. */
static inline void
lm_test_keys (GtkWidget  *widget,
              const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autofree char *xid = g_strdup_printf ("%lu", lm_test_xid (widget));

  lm_test_run_xdotool ((const char *[]) { "windowfocus", "--sync", xid, NULL });
  for (guint i = 0; names[i] != NULL; i++)
    lm_test_run_xdotool ((const char *[]) { "key", "--delay", "20", names[i], NULL });
}

/* Lets GTK take in what the X server sent: runs the main loop until
 * @condition holds. */
#define lm_test_wait_for_event(condition, data, what) \
  lm_test_wait_until ((condition), (data), (what))
