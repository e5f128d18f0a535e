/* lm-window-present.c — the storyboard editor and presentations: the
 * storyboard full screen from a scene (F5), or the view as it is (F11)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A presentation applies its scenes to a view of its own on the window's
 * model, so the window's table and map do not follow each scene's level
 * (the table alone would take a third of a second to); the weights,
 * thresholds and selection are the model's, so the window puts them back
 * as they were when the presentation ends, and the undo history does not
 * record the scenes meanwhile. The window hides while it presents.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-presentation.h"
#include "lm-scenario.h"
#include "lm-storyboard-editor.h"
#include "lm-window-private.h"

struct _LmWindowPresent
{
  GtkWidget      *storyboard_window;  /* owned by GTK once shown, or NULL */
  GtkWidget      *editor;             /* in it */
  GtkWidget      *presentation;       /* an LmPresentation, or NULL */
  LmView         *stage;              /* its view */
  LmViewSnapshot *before;             /* the view before the presentation */
  GVariant       *before_properties;
  gboolean        storyboard_was_visible;
};

/* Auxiliary methods */

static void
on_presentation_destroy_cb (LmWindow  *self,
                            GtkWidget *presentation)
{
  LmWindowPresent *present = self->present;
  g_autoptr(GError) error = NULL;

  if (present == NULL || present->presentation != presentation)
    return;
  present->presentation = NULL;
  g_clear_object (&present->stage);
  /* The view as it was, and the history as if nothing happened. */
  lm_view_apply_snapshot (self->view, present->before, NULL);
  lm_scenario_apply_properties (self->view, present->before_properties, NULL);
  g_clear_pointer (&present->before, lm_view_snapshot_unref);
  g_clear_pointer (&present->before_properties, g_variant_unref);
  lm_history_set_recording (lm_document_get_history (self->document), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (present->storyboard_was_visible && present->storyboard_window != NULL)
    gtk_widget_set_visible (present->storyboard_window, TRUE);
  gtk_window_present (GTK_WINDOW (self));
  self->presentation = FALSE;
  g_object_notify (G_OBJECT (self), "presentation");
  _lm_window_update_actions (self);
}

/* Full screen on the window's monitor; sized to it as well, for window
 * managers (or none, as under Xvfb) that do not make it full screen. */
static void
fill_monitor (LmWindow  *self,
              GtkWindow *presentation)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface)
                                        : NULL;
  GdkRectangle geometry;

  if (monitor == NULL)
    {
      gtk_window_fullscreen (presentation);
      return;
    }
  gdk_monitor_get_geometry (monitor, &geometry);
  gtk_window_set_default_size (presentation, geometry.width, geometry.height);
  gtk_window_fullscreen_on_monitor (presentation, monitor);
}

static gboolean
start (LmWindow     *self,
       LmStoryboard *storyboard,
       guint         first)
{
  LmWindowPresent *present = self->present;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (present->presentation != NULL || _lm_window_get_model (self) == NULL ||
      lm_storyboard_get_n_scenes (storyboard) == 0)
    return FALSE;
  present->before = lm_view_take_snapshot (self->view);
  present->before_properties = lm_scenario_capture_properties (self->view);
  lm_history_set_recording (lm_document_get_history (self->document), FALSE);

  present->stage = lm_view_new ();
  lm_view_set_model (present->stage, _lm_window_get_model (self));
  present->presentation = lm_presentation_new (present->stage, storyboard, first);
  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (present->presentation), app);
  fill_monitor (self, GTK_WINDOW (present->presentation));
  g_signal_connect_object (present->presentation, "destroy",
                           G_CALLBACK (on_presentation_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (present->presentation));

  present->storyboard_was_visible = present->storyboard_window != NULL &&
                                    gtk_widget_get_visible (present->storyboard_window);
  if (present->storyboard_window != NULL)
    gtk_widget_set_visible (present->storyboard_window, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->presentation = TRUE;
  g_object_notify (G_OBJECT (self), "presentation");
  _lm_window_update_actions (self);
  return TRUE;
}

/* The view as it is, as a presentation of one scene. */
static LmStoryboard *
current_view_storyboard (LmWindow *self)
{
  LmDataset *dataset = lm_model_get_dataset (_lm_window_get_model (self));
  LmLevel *level = lm_dataset_find_level (dataset, lm_view_get_level (self->view));
  LmVariable *variable = level != NULL ? lm_level_find_variable (level,
                                                                 lm_view_get_variable (self->view))
                                       : NULL;
  g_autofree char *message = NULL;
  g_autoptr(LmScene) scene = NULL;
  LmStoryboard *storyboard = lm_storyboard_new ();

  if (level != NULL)
    /* Translators: under a presentation's title: level · dataset */
    message = g_strdup_printf (_("%s · %s"), level->title, lm_dataset_get_title (dataset));
  scene = lm_scene_new_from_view (self->view, variable != NULL ? variable->title : NULL, message,
                                  self->show_plot);
  lm_storyboard_append (storyboard, scene);
  return storyboard;
}

static void
on_scene_activated_cb (LmWindow           *self,
                       guint               position,
                       LmStoryboardEditor *editor)
{
  LmStoryboard *storyboard = lm_storyboard_editor_get_storyboard (editor);
  g_autoptr(GError) error = NULL;

  if (!lm_scene_apply (lm_storyboard_get_scene (storyboard, position), self->view, &error))
    lm_window_add_toast (self, error->message);
}

static void
on_present_cb (LmWindow           *self,
               guint               position,
               LmStoryboardEditor *editor)
{
  start (self, lm_document_get_storyboard (self->document), position);
}

static void
on_document_title_cb (LmWindow   *self,
                      GParamSpec *pspec,
                      LmDocument *document)
{
  LmWindowPresent *present = self->present;

  if (present->storyboard_window != NULL)
    {
      /* Translators: the storyboard window's title: the scenario's name */
      g_autofree char *title = g_strdup_printf (_("Storyboard — %s"),
                                                lm_document_get_title (document));

      gtk_window_set_title (GTK_WINDOW (present->storyboard_window), title);
    }
}

static GtkWidget *
build_storyboard_window (LmWindow *self)
{
  LmWindowPresent *present = self->present;
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  present->editor = lm_storyboard_editor_new (lm_document_get_storyboard (self->document),
                                              self->view);
  gtk_widget_set_vexpand (present->editor, TRUE);
  g_signal_connect_object (present->editor, "scene-activated",
                           G_CALLBACK (on_scene_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (present->editor, "present", G_CALLBACK (on_present_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), present->editor);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 640);
  gtk_window_set_hide_on_close (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  present->storyboard_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &present->storyboard_window);
  on_document_title_cb (self, NULL, self->document);
  return window;
}

/* Actions */

static void
show_storyboard_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  LmWindowPresent *present = self->present;

  if (present->storyboard_window == NULL)
    build_storyboard_window (self);
  gtk_window_present (GTK_WINDOW (present->storyboard_window));
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LmWindow *self = LM_WINDOW (widget);
  LmStoryboard *storyboard = lm_document_get_storyboard (self->document);

  if (lm_storyboard_get_n_scenes (storyboard) == 0)
    {
      lm_window_add_toast (self, _("The storyboard has no scenes yet: add the view as a scene"));
      show_storyboard_action (widget, "win.show-storyboard", NULL);
      return;
    }
  start (self, storyboard, 0);
}

static void
update_actions (LmWindow *self)
{
  gboolean has_model = _lm_window_get_model (self) != NULL;

  _lm_window_set_action_enabled (self, "win.show-storyboard", has_model);
  _lm_window_set_action_enabled (self, "win.present", has_model);
}

/* Semi-private API */

gboolean
_lm_window_set_presentation (LmWindow *self,
                             gboolean  presentation)
{
  LmWindowPresent *present = self->present;

  presentation = !!presentation;
  if (self->presentation == presentation)
    return FALSE;
  if (presentation)
    {
      g_autoptr(LmStoryboard) storyboard = NULL;

      if (_lm_window_get_model (self) == NULL)
        return FALSE;
      storyboard = current_view_storyboard (self);
      start (self, storyboard, 0);
      return FALSE;
    }
  /* Closing it restores the view (on_presentation_destroy_cb). */
  gtk_window_destroy (GTK_WINDOW (present->presentation));
  return FALSE;
}

void
_lm_window_present_class_init (LmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-storyboard", NULL,
                                   show_storyboard_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.show-storyboard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
}

void
_lm_window_present_init (LmWindow *self)
{
  self->present = g_new0 (LmWindowPresent, 1);
  g_signal_connect_object (self->document, "notify::title", G_CALLBACK (on_document_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
_lm_window_present_dispose (LmWindow *self)
{
  LmWindowPresent *present = self->present;

  if (present == NULL)
    return;
  self->present = NULL;
  if (present->presentation != NULL)
    gtk_window_destroy (GTK_WINDOW (present->presentation));
  if (present->storyboard_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (present->storyboard_window),
                                    (gpointer *) &present->storyboard_window);
      /* A focused entry going with its window would keep its cursor
       * blinking to the end. */
      gtk_window_set_focus (GTK_WINDOW (present->storyboard_window), NULL);
      gtk_window_destroy (GTK_WINDOW (present->storyboard_window));
    }
  g_clear_object (&present->stage);
  g_clear_pointer (&present->before, lm_view_snapshot_unref);
  g_clear_pointer (&present->before_properties, g_variant_unref);
  g_free (present);
}

/* Semi-private, for tests */

GtkWidget *
_lm_window_get_presentation (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->present->presentation;
}

GtkWidget *
_lm_window_get_storyboard_editor (LmWindow *self)
{
  g_return_val_if_fail (LM_IS_WINDOW (self), NULL);
  return self->present->editor;
}
