/* lm-test-widgets.h — finding widgets, reading what they show and
 * waiting for them in the GUI tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

/* @widget's first event controller of @type; the widget keeps its own
 * reference. Fails the test when it has none. */
static inline GtkEventController *
lm_test_find_controller (GtkWidget *widget,
                         GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
  return NULL;
}

typedef gboolean (*LmTestWidgetMatch) (GtkWidget *widget,
                                       gpointer   data);

/* The first widget at or below @widget, in widget order, that @match
 * accepts, or NULL. */
static inline GtkWidget *
lm_test_find_widget (GtkWidget         *widget,
                     LmTestWidgetMatch  match,
                     gpointer           data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lm_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
lm_test_is_of_type (GtkWidget *widget,
                    gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

/* The first widget of @type at or below @widget, or NULL. */
static inline GtkWidget *
lm_test_find_type (GtkWidget *widget,
                   GType      type)
{
  return lm_test_find_widget (widget, lm_test_is_of_type, GSIZE_TO_POINTER (type));
}

/* Appends the text of every visible label below @widget, one a line, in
 * widget order; of a stack only the visible page. */
static inline void
lm_test_collect_labels (GtkWidget *widget,
                        GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (page != NULL)
        lm_test_collect_labels (page, text);
      return;
    }
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lm_test_collect_labels (child, text);
}

static inline gboolean
lm_test_has_name (GtkWidget *widget,
                  gpointer   name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The widgets of the weights panel, the plot panel and the header have
 * names ("imd.income-scale", "plot-preset", "level"): the first widget
 * below @widget (or @widget itself) with @name, or NULL. */
static inline GtkWidget *
lm_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  return lm_test_find_widget (widget, lm_test_has_name, (gpointer) name);
}

/* Waiting on a condition, never for a fixed time. The limit only ends a
 * hung test: a sanitizer build on a busy machine may be 20 times slower. */

#define LM_TEST_TIMEOUT_US (60 * G_USEC_PER_SEC)

typedef gboolean (*LmTestCondition) (gpointer data);

static inline gboolean
lm_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, failing after a minute; a
 * timer wakes the loop so that a condition that needs no event is seen
 * too. */
static inline void
lm_test_wait_until (LmTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;
  guint wake = g_timeout_add (20, lm_test_wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited a minute for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

typedef struct
{
  GtkWidget *widget;
  guint      n_frames;
} LmTestFrames;

static inline void
lm_test_after_paint_cb (GdkFrameClock *clock,
                        LmTestFrames  *frames)
{
  /* An idle frame clock paints nothing more: ask for the next frame. */
  if (++frames->n_frames < 2)
    gtk_widget_queue_draw (frames->widget);
}

static inline gboolean
lm_test_two_frames (gpointer data)
{
  return ((LmTestFrames *) data)->n_frames >= 2;
}

/* Two frames of @widget's window painted from now: what was queued has
 * been drawn. */
static inline void
lm_test_wait_for_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  LmTestFrames frames = { widget, 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (lm_test_after_paint_cb), &frames);
  gtk_widget_queue_draw (widget);
  lm_test_wait_until (lm_test_two_frames, &frames, "two frames painted");
  g_signal_handler_disconnect (clock, id);
}

/* Dialogs and closing */

static inline gboolean
lm_test_is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static inline gboolean
lm_test_is_unset (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The message dialog @window shows now (the last one found), or NULL. */
static inline AdwMessageDialog *
lm_test_find_message_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == window &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        found = ADW_MESSAGE_DIALOG (toplevel);
    }
  return found;
}

/* Answers @dialog as a user does, and waits until it has gone. */
static inline void
lm_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  /* As a button does: the response, then the dialog closes. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lm_test_wait_until (lm_test_is_hidden, dialog, "the dialog to close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Closes @window as a user does, and waits until it has gone; unsaved
 * work is discarded when the window asks. */
static inline void
lm_test_close_window (GtkWindow *window)
{
  GtkWindow *gone = window;
  AdwMessageDialog *asked;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &gone);
  gtk_window_close (window);
  asked = gone != NULL ? lm_test_find_message_dialog (window) : NULL;
  if (asked != NULL)
    lm_test_respond (asked, "discard");
  lm_test_wait_until (lm_test_is_unset, &gone, "the window to go");
}
