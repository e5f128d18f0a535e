/* test-header.c — the header's variable drop-down: the whole title
 * shown, and a variable switch that relays nothing out
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under X11 every relayout of the window makes GTK 4.8 ask the X server
 * for the monitor and its work area (issue 11): the drop-down shows its
 * choice in an inscription sized for the longest title, so that a new
 * title is drawn, not laid out.
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "lm-legend.h"
#include "lm-steady-title.h"

#include "lm-test-window-fixture.h"

/* The inscription a drop-down's button shows its choice in. */
static GtkInscription *
button_inscription (GtkDropDown *dropdown)
{
  GtkWidget *button = lm_test_find_type (GTK_WIDGET (dropdown), GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *inscription;

  g_assert_nonnull (button);
  inscription = lm_test_find_type (button, GTK_TYPE_INSCRIPTION);
  g_assert_nonnull (inscription);
  return GTK_INSCRIPTION (inscription);
}

/* The width @text takes in @widget's font, in pixels. */
static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Every variable of the LSOAs, the longest titles among them ("IMD
 * rank change against official weights", the CNI's), in the header of
 * a window @width wide: the title shown whole (or, at 1024 pixels, in
 * its tooltip), in the list's order, the window's width the same
 * throughout. */
static void
check_titles_whole (int width)
{
  LmWindow *window = lm_test_window_open (app, width, 768);
  GtkInscription *inscription = button_inscription (window->variable_dropdown);
  GListModel *titles = gtk_drop_down_get_model (window->variable_dropdown);
  int widest = 0, window_width = -1;
  guint n_cut = 0;

  lm_view_set_level (window->view, "lsoa");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (titles), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      g_autoptr(GtkStringObject) title = g_list_model_get_item (titles, i);
      const char *text = gtk_string_object_get_string (title);
      LmSteadyTitle *steady;

      lm_view_set_variable (window->view, g_ptr_array_index (window->variable_ids, i));
      lm_test_wait_for_frames (GTK_WIDGET (window));
      g_assert_cmpstr (gtk_inscription_get_text (inscription), ==, text);
      /* Room for the whole title, or (in a narrow window, for a long
       * title) its tooltip gives it whole. */
      steady = LM_STEADY_TITLE (gtk_widget_get_parent (GTK_WIDGET (inscription)));
      if (gtk_widget_get_width (GTK_WIDGET (inscription)) < text_width (GTK_WIDGET (inscription), text))
        {
          g_assert_true (lm_steady_title_is_cut (steady));
          g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (steady)));
          g_assert_cmpint (width, <, 1366);
          n_cut++;
        }
      else
        g_assert_false (lm_steady_title_is_cut (steady));
      widest = MAX (widest, text_width (GTK_WIDGET (inscription), text));
      /* The window as wide for every title (as wide as it was for the
       * longest title, when a label showed it). */
      if (window_width < 0)
        window_width = gtk_widget_get_width (GTK_WIDGET (window));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, window_width);
    }
  /* The list holds the long titles this is about. */
  g_assert_cmpint (widest, >, text_width (GTK_WIDGET (inscription), "IMD rank change against"));
  /* Only the longest title, if any, is cut short but in a window
   * narrower than the header's buttons and that title. */
  g_test_message ("%d pixels: %u of %u titles cut short", width, n_cut,
                  g_list_model_get_n_items (titles));
  if (width >= 1024)
    g_assert_cmpuint (n_cut, <=, 1);
  lm_test_window_close (window);
}

static void
test_titles_whole (Fixture       *fixture,
                   gconstpointer  data)
{
  check_titles_whole (800);
  check_titles_whole (1024);
  check_titles_whole (1366);
}

static void
on_compute_size_cb (GdkToplevel     *toplevel,
                    GdkToplevelSize *size,
                    guint           *n_layouts)
{
  (*n_layouts)++;
}

/* A variable switch lays nothing out: the window's size request stays
 * and GTK does not lay the toplevel out ("compute-size" is where GTK
 * asks the X server for the monitor). The legend is folded, since it
 * changes size with its text, a real change. */
static void
test_switch_keeps_layout (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *variables[] = {
    "imd.income", "imd.score", "imd.health", "imd.rank", "imd.crime", "imd.employment",
  };
  LmWindow *window = fixture->window;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  guint n_layouts = 0;
  int min_before, nat_before;
  gulong id;

  lm_view_set_level_and_variable (window->view, "lsoa", "imd.score");
  g_assert_true (LM_IS_LEGEND (window->legend));
  lm_legend_set_collapsed (LM_LEGEND (window->legend), TRUE);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_before, &nat_before, NULL, NULL);
  id = g_signal_connect (surface, "compute-size", G_CALLBACK (on_compute_size_cb), &n_layouts);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      int min, nat;

      lm_view_set_variable (window->view, variables[i]);
      lm_test_wait_for_frames (GTK_WIDGET (window));
      g_assert_cmpstr (lm_view_get_variable (window->view), ==, variables[i]);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, min_before);
      g_assert_cmpint (nat, ==, nat_before);
    }
  g_signal_handler_disconnect (surface, id);
  g_assert_cmpuint (n_layouts, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_window_init (&argc, &argv))
    return g_test_run ();

  ADD_TEST_NO_WINDOW ("/header/titles-whole", test_titles_whole);
  ADD_TEST ("/header/switch-keeps-layout", test_switch_keeps_layout);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
