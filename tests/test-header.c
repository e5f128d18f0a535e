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

#include <string.h>

#include <adwaita.h>

#include "lm-legend.h"
#include "lm-steady-title.h"

#include "lm-test-input.h"
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

/* Every variable of @level, in the header of a window @width wide:
 * the title shown, in the list's order; whole, or (in a narrow window,
 * for a long title) ellipsized with its tooltip and accessible name
 * whole; the window as wide throughout (a label sized to the longest
 * titles made an 800-pixel window 1020 wide). Returns how many titles
 * were cut short. */
static guint
check_level_titles (LmWindow   *window,
                    const char *level,
                    int         width)
{
  GtkInscription *inscription = button_inscription (window->variable_dropdown);
  GListModel *titles = gtk_drop_down_get_model (window->variable_dropdown);
  int widest = 0, window_width;
  guint n_cut = 0;

  lm_view_set_level (window->view, level);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  window_width = gtk_widget_get_width (GTK_WIDGET (window));
  g_test_message ("a window %d pixels wide asked for, %d given", width, window_width);
  g_assert_cmpuint (g_list_model_get_n_items (titles), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      g_autoptr(GtkStringObject) title = g_list_model_get_item (titles, i);
      const char *text = gtk_string_object_get_string (title);
      LmSteadyTitle *steady;

      lm_view_set_variable (window->view, g_ptr_array_index (window->variable_ids, i));
      lm_test_wait_for_frames (GTK_WIDGET (window));
      g_assert_cmpstr (gtk_inscription_get_text (inscription), ==, text);
      steady = LM_STEADY_TITLE (gtk_widget_get_parent (GTK_WIDGET (inscription)));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (steady), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           text);
      if (gtk_widget_get_width (GTK_WIDGET (inscription)) < text_width (GTK_WIDGET (inscription), text))
        {
          g_test_message ("%d pixels: \"%s\" cut short", width, text);
          g_assert_true (lm_steady_title_is_cut (steady));
          g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (steady)));
          /* Short titles ("IMD score", "CNI rank") are whole in the
           * narrowest window, as a label showed them; every title is
           * whole where the header has room. */
          g_assert_cmpuint (g_utf8_strlen (text, -1), >, 9);
          g_assert_cmpint (width, <, 1366);
          n_cut++;
        }
      else
        g_assert_false (lm_steady_title_is_cut (steady));
      widest = MAX (widest, text_width (GTK_WIDGET (inscription), text));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, window_width);
    }
  /* The list holds the long titles this is about. */
  g_assert_cmpint (widest, >, text_width (GTK_WIDGET (inscription), "IMD rank change against"));
  return n_cut;
}

/* The LSOAs' titles and the wards' (the CNI's among them) in a window
 * @width wide. */
static void
check_titles_whole (int width)
{
  LmWindow *window = lm_test_window_open (app, width, 768);
  guint n_cut = check_level_titles (window, "lsoa", width) +
                check_level_titles (window, "ward", width);

  g_test_message ("%d pixels: %u titles cut short", width, n_cut);
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

/* Switches among @variables of @level lay nothing out: the window's
 * size request stays and GTK does not lay the toplevel out
 * ("compute-size" is where GTK asks the X server for the monitor). */
static void
check_switches_keep_layout (LmWindow          *window,
                            const char        *level,
                            const char *const *variables)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  guint n_layouts = 0;
  int min_before, nat_before;
  gulong id;

  lm_view_set_level_and_variable (window->view, level, variables[0]);
  /* A tooltip shown or moved lays the window out to place it. */
  lm_test_pointer_away (GTK_WIDGET (window));
  lm_test_wait_for_frames (GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_before, &nat_before, NULL, NULL);
  id = g_signal_connect (surface, "compute-size", G_CALLBACK (on_compute_size_cb), &n_layouts);
  for (guint i = 1; variables[i] != NULL; i++)
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

/* The short titles and the longest ("IMD rank change against official
 * weights", "IMD: Barriers to housing and services", the CNI's), at the
 * LSOAs and the wards. The legend is folded, since it changes size with
 * its text, a real change; not back to the wards' IMD score, where the
 * scenario's name loses its modified mark, another real change. */
static void
test_switch_keeps_layout (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *lsoa[] = {
    "imd.score", "imd.income", "imd.rank_change", "imd.health", "imd.rank", "imd.housing",
    "imd.crime", "imd.employment", NULL,
  };
  static const char *ward[] = {
    "cni.score", "cni.rank_change", "imd.rank", "cni.engaged_community", "imd.rank_change",
    "cni.rank", NULL,
  };
  LmWindow *window = fixture->window;

  lm_view_set_level_and_variable (window->view, "lsoa", "imd.score");
  g_assert_true (LM_IS_LEGEND (window->legend));
  lm_legend_set_collapsed (LM_LEGEND (window->legend), TRUE);
  check_switches_keep_layout (window, "lsoa", lsoa);
  check_switches_keep_layout (window, "ward", ward);
}

/* Whether @label shows its whole text, as wide as it asks to be. */
static gboolean
label_has_room (GtkWidget *label)
{
  int natural;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("\"%s\": %d of %d pixels, the window %d", gtk_label_get_text (GTK_LABEL (label)),
                  gtk_widget_get_width (label), natural, gtk_widget_get_width (gtk_widget_get_ancestor (label, GTK_TYPE_WINDOW)));
  return gtk_widget_get_mapped (label) && gtk_widget_get_width (label) >= natural &&
         !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* The scenario's name keeps its room in a window that had room for it
 * beside a short title (at 1024 pixels, where a label sized to the
 * title took it for the long ones, and a title as wide as the longest
 * took it whatever the title): every variable of the LSOAs and the
 * wards, the window as wide throughout. */
static void
check_name_keeps_room (int width)
{
  LmWindow *window = lm_test_window_open (app, width, 768);
  g_autoptr(LmScenario) scenario = lm_document_capture (window->document);
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/coast-towns.levelmap");
  GtkWidget *name = lm_test_find_named (GTK_WIDGET (window), "scenario-name");
  static const char *levels[] = { "lsoa", "ward" };
  g_autoptr(GError) error = NULL;
  int window_width = gtk_widget_get_width (GTK_WIDGET (window));

  g_assert_nonnull (name);
  g_assert_true (lm_document_open (window->document, scenario, file, &error));
  g_assert_no_error (error);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      lm_view_set_level (window->view, levels[l]);
      for (guint i = 0; i < window->variable_ids->len; i++)
        {
          lm_view_set_variable (window->view, g_ptr_array_index (window->variable_ids, i));
          lm_test_wait_for_frames (GTK_WIDGET (window));
          /* "• coast-towns.levelmap", modified by the switch. */
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (name)), "coast-towns.levelmap"));
          g_assert_true (label_has_room (name));
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, window_width);
        }
    }
  lm_test_window_close (window);
}

static void
test_name_keeps_room (Fixture       *fixture,
                      gconstpointer  data)
{
  check_name_keeps_room (1024);
  check_name_keeps_room (1366);
}

static int
legend_width (LmWindow *window)
{
  int width;

  gtk_widget_measure (window->legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

/* The legend keeps the widest it has been at a level: the bench's
 * switches (IMD health's classes are the widest) lay the window out
 * only until the legend has been that wide; another level starts
 * afresh. */
static void
test_legend_steady (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *variables[] = {
    "imd.income", "imd.health", "imd.score", "imd.crime", "imd.employment", "imd.rank", NULL,
  };
  LmWindow *window = fixture->window;
  int narrow, wide;

  lm_view_set_level_and_variable (window->view, "lsoa", "imd.score");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_false (lm_legend_get_collapsed (LM_LEGEND (window->legend)));
  narrow = legend_width (window);
  lm_view_set_variable (window->view, "imd.health");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  wide = legend_width (window);
  g_test_message ("the legend %d pixels wide, %d for IMD health", narrow, wide);
  /* What this is about: a wider legend for one of them. */
  g_assert_cmpint (wide, >, narrow);
  lm_view_set_variable (window->view, "imd.score");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (legend_width (window), ==, wide);
  check_switches_keep_layout (window, "lsoa", variables);
  /* Another level and back: as narrow as its content again. */
  lm_view_set_level (window->view, "ward");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  lm_view_set_level_and_variable (window->view, "lsoa", "imd.score");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (legend_width (window), ==, narrow);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps what the widgets tell it, so
   * that the title's accessible name can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!lm_test_window_init (&argc, &argv))
    return g_test_run ();

  ADD_TEST_NO_WINDOW ("/header/titles-whole", test_titles_whole);
  ADD_TEST ("/header/switch-keeps-layout", test_switch_keeps_layout);
  ADD_TEST_NO_WINDOW ("/header/name-keeps-room", test_name_keeps_room);
  ADD_TEST ("/header/legend-steady", test_legend_steady);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
