/* test-startup.c — what the application does to start sooner changes
 * nothing the user sees
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lm_application_new() starts GTK with GTK_THEME naming GTK's empty
 * theme, so that GTK does not parse its default theme only for
 * libadwaita to replace it (lm-application.c, skip_unused_theme). That
 * can only be checked in a process where GTK has not started: each case
 * runs in a subprocess of its own, and the parent compares what they
 * drew with what a process that started GTK itself drew.
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "lm-application.h"

#define SUBPROCESS_TIMEOUT (60 * G_USEC_PER_SEC)

static gboolean
frame_drawn_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *n_frames = user_data;

  (*n_frames)++;
  return G_SOURCE_CONTINUE;
}

/* A window of the widgets the application's windows are made of, each
 * state that the theme styles differently. */
static GtkWidget *
make_sampler (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *suggested = gtk_button_new_with_label ("Choose Data Folder…");
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1);
  GtkWidget *check = gtk_check_button_new_with_label ("Weighted");
  GtkWidget *dim = gtk_label_new ("Untitled Scenario");
  const char *strings[] = { "IMD score", "CNI score", NULL };

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 320);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), gtk_drop_down_new_from_strings (strings));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           gtk_menu_button_new ());
  gtk_widget_add_css_class (suggested, "suggested-action");
  gtk_widget_add_css_class (suggested, "pill");
  gtk_button_set_icon_name (GTK_BUTTON (toggle), "zoom-in-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_range_set_value (GTK_RANGE (scale), 22.5);
  gtk_widget_add_css_class (dim, "dim-label");
  gtk_box_append (GTK_BOX (row), suggested);
  gtk_box_append (GTK_BOX (row), toggle);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scale);
  gtk_box_append (GTK_BOX (box), dim);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_window_set_child (GTK_WINDOW (window), box);
  return window;
}

/* Draws the sampler (as the Cairo renderer does, whatever renderer the
 * window has) into the PNG @path. */
static void
draw_sampler (const char *path)
{
  GtkWidget *window = make_sampler ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint n_frames = 0;

  gtk_widget_add_tick_callback (window, frame_drawn_cb, &n_frames, NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* Icons and fonts settle over the first frames. */
  while (n_frames < 3)
    g_main_context_iteration (NULL, TRUE);
  paintable = gtk_widget_paintable_new (window);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  gsk_renderer_unrealize (renderer);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The PNG a child draws for the parent, named after the parent. */
static char *
sample_path (int         parent,
             const char *variant)
{
  g_autofree char *base = g_strdup_printf ("levelmap-test-startup-%d-%s.png", parent, variant);

  return g_build_filename (g_get_tmp_dir (), base, NULL);
}

/* An application as levelmap makes it, without data to load. */
static LmApplication *
start_application (void)
{
  LmApplication *app = lm_application_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (app, "data-dir", "/nonexistent", NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static void
check_theme_name (void)
{
  g_autofree char *name = NULL;

  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &name, NULL);
  g_assert_cmpstr (name, ==, "Adwaita-empty");
}

/* In the child: a start as levelmap's ("skipped"), or one where GTK was
 * started first, parsing its default theme before libadwaita replaced
 * it, as every start did before ("gtk-first"). */
static void
draw_start (const char *variant)
{
  g_autofree char *path = sample_path (getppid (), variant);
  g_autoptr(LmApplication) app = NULL;

  g_assert_false (gtk_is_initialized ());
  if (g_str_equal (variant, "gtk-first"))
    gtk_init ();
  app = start_application ();
  /* GTK is running, the variable is gone, and the theme is the one
   * libadwaita chose. */
  g_assert_true (gtk_is_initialized ());
  g_assert_null (g_getenv ("GTK_THEME"));
  check_theme_name ();
  draw_sampler (path);
}

static GdkTexture *
load_sample (const char *variant)
{
  g_autofree char *path = sample_path (getpid (), variant);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  g_unlink (path);
  return texture;
}

/* Both starts draw the very same pixels. */
static void
test_same_pixels (void)
{
  const char *variant = g_getenv ("LM_TEST_START");
  g_autoptr(GdkTexture) a = NULL;
  g_autoptr(GdkTexture) b = NULL;
  g_autofree guchar *pixels_a = NULL;
  g_autofree guchar *pixels_b = NULL;
  int width, height;
  gsize stride, size;

  if (g_test_subprocess ())
    {
      draw_start (variant);
      return;
    }
  /* This process has no other thread: the children read the variant. */
  for (guint i = 0; i < 2; i++)
    {
      g_setenv ("LM_TEST_START", i == 0 ? "skipped" : "gtk-first", TRUE);
      g_test_trap_subprocess (NULL, SUBPROCESS_TIMEOUT, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  g_unsetenv ("LM_TEST_START");

  a = load_sample ("skipped");
  b = load_sample ("gtk-first");
  width = gdk_texture_get_width (a);
  height = gdk_texture_get_height (a);
  g_assert_cmpint (width, ==, gdk_texture_get_width (b));
  g_assert_cmpint (height, ==, gdk_texture_get_height (b));
  g_assert_cmpint (width, >=, 400);
  stride = (gsize) width * 4;
  size = stride * (gsize) height;
  pixels_a = g_malloc (size);
  pixels_b = g_malloc (size);
  gdk_texture_download (a, pixels_a, stride);
  gdk_texture_download (b, pixels_b, stride);
  g_assert_true (memcmp (pixels_a, pixels_b, size) == 0);
}

/* A theme the user chose with GTK_THEME stays chosen. */
static void
test_user_theme (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LmApplication) app = start_application ();

      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Default");
      return;
    }
  g_setenv ("GTK_THEME", "Default", TRUE);
  g_test_trap_subprocess (NULL, SUBPROCESS_TIMEOUT, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GTK_THEME");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/startup/theme/same-pixels", test_same_pixels);
  g_test_add_func ("/startup/theme/user-theme", test_user_theme);
  return g_test_run ();
}
