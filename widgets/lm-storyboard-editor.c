/* lm-storyboard-editor.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lm-storyboard-editor.h"

struct _LmStoryboardEditor
{
  GtkWidget            parent_instance;

  /* Owned References */
  LmStoryboard        *storyboard;
  LmView              *view;
  GtkSingleSelection  *selection;
  LmScene             *edited;          /* the scene the fields show */
  GBinding            *title_binding;
  GBinding            *plot_binding;

  /* Children */
  GtkWidget           *toolbar;
  GtkWidget           *stack;
  GtkWidget           *list;
  GtkWidget           *fields;
  GtkWidget           *title_entry;
  GtkWidget           *message_view;
  GtkWidget           *plot_check;

  /* State */
  guint                updating_message;
};

G_DEFINE_FINAL_TYPE (LmStoryboardEditor, lm_storyboard_editor, GTK_TYPE_WIDGET)

enum {
  SCENE_ACTIVATED,
  PRESENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static guint
n_scenes (LmStoryboardEditor *self)
{
  return lm_storyboard_get_n_scenes (self->storyboard);
}

static void
update_actions (LmStoryboardEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint selected = lm_storyboard_editor_get_selected (self);
  gboolean any = selected != GTK_INVALID_LIST_POSITION;
  gboolean has_model = lm_view_get_model (self->view) != NULL;

  gtk_widget_action_set_enabled (widget, "storyboard.add", has_model &&
                                 n_scenes (self) < LM_STORYBOARD_MAX_SCENES);
  gtk_widget_action_set_enabled (widget, "storyboard.update", any && has_model);
  gtk_widget_action_set_enabled (widget, "storyboard.duplicate",
                                 any && n_scenes (self) < LM_STORYBOARD_MAX_SCENES);
  gtk_widget_action_set_enabled (widget, "storyboard.delete", any);
  gtk_widget_action_set_enabled (widget, "storyboard.move-up", any && selected > 0);
  gtk_widget_action_set_enabled (widget, "storyboard.move-down",
                                 any && selected + 1 < n_scenes (self));
  gtk_widget_action_set_enabled (widget, "storyboard.show", any && has_model);
  gtk_widget_action_set_enabled (widget, "storyboard.present", any && has_model);
}

/* The fields edit the selected scene */

static void
on_buffer_changed_cb (LmStoryboardEditor *self,
                      GtkTextBuffer      *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->updating_message > 0 || self->edited == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lm_scene_set_message (self->edited, text);
}

static void
show_message (LmStoryboardEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->message_view));
  g_autofree char *text = NULL;
  const char *message = self->edited != NULL ? lm_scene_get_message (self->edited) : "";
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, message) == 0)
    return;
  self->updating_message++;
  gtk_text_buffer_set_text (buffer, message, -1);
  self->updating_message--;
}

static void
on_edited_message_cb (LmStoryboardEditor *self)
{
  show_message (self);
}

static void
edit_scene (LmStoryboardEditor *self,
            LmScene            *scene)
{
  if (self->edited == scene)
    return;
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->plot_binding, g_binding_unbind);
  if (self->edited != NULL)
    g_signal_handlers_disconnect_by_data (self->edited, self);
  g_set_object (&self->edited, scene);
  if (scene == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* Out of the fields before they go insensitive, or the entry keeps
       * blinking without focus. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, self->fields))
        gtk_widget_grab_focus (self->stack);
    }
  gtk_widget_set_sensitive (self->fields, scene != NULL);
  if (scene == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), "");
      show_message (self);
      return;
    }
  self->title_binding = g_object_bind_property (scene, "title", self->title_entry, "text",
                                                G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  self->plot_binding = g_object_bind_property (scene, "show-plot", self->plot_check, "active",
                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (scene, "notify::message", G_CALLBACK (on_edited_message_cb), self,
                           G_CONNECT_SWAPPED);
  show_message (self);
}

static void
on_selection_changed_cb (LmStoryboardEditor *self)
{
  edit_scene (self, gtk_single_selection_get_selected_item (self->selection));
  update_actions (self);
}

static void
on_items_changed_cb (LmStoryboardEditor *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n_scenes (self) > 0 ? "list" : "empty");
  on_selection_changed_cb (self);
}

/* Rows */

static void
update_row (GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  LmScene *scene = gtk_list_item_get_item (item);
  GtkWidget *number = g_object_get_data (G_OBJECT (row), "lm-number");
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "lm-title");
  GtkWidget *message = g_object_get_data (G_OBJECT (row), "lm-message");
  GtkWidget *plot = g_object_get_data (G_OBJECT (row), "lm-plot");
  g_autofree char *text = g_strdup_printf ("%u", gtk_list_item_get_position (item) + 1);
  const char *title_text;

  gtk_label_set_text (GTK_LABEL (number), text);
  if (scene == NULL)
    return;
  title_text = lm_scene_get_title (scene);
  gtk_label_set_text (GTK_LABEL (title), *title_text != '\0' ? title_text : _("Untitled scene"));
  gtk_label_set_text (GTK_LABEL (message), lm_scene_get_message (scene));
  gtk_widget_set_visible (message, *lm_scene_get_message (scene) != '\0');
  gtk_widget_set_visible (plot, lm_scene_get_show_plot (scene));
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkListItem   *item)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, gtk_list_item_get_position (item));
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            GtkListItem        *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  LmStoryboardEditor *self = g_object_get_data (G_OBJECT (row), "lm-editor");
  guint from = g_value_get_uint (value);
  guint to = gtk_list_item_get_position (item);

  if (from >= n_scenes (self) || to >= n_scenes (self) || from == to)
    return FALSE;
  lm_storyboard_move (self->storyboard, from, to);
  lm_storyboard_editor_select (self, to);
  return TRUE;
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LmStoryboardEditor       *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = row_label ("dim-label");
  GtkWidget *title = row_label ("heading");
  GtkWidget *message = row_label ("dim-label");
  GtkWidget *plot = gtk_image_new_from_icon_name ("lm-scatter-plot-symbolic");
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_set_size_request (number, 24, -1);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_tooltip_text (plot, _("The plot shows beside the map"));
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), plot);
  g_object_set_data (G_OBJECT (row), "lm-number", number);
  g_object_set_data (G_OBJECT (row), "lm-title", title);
  g_object_set_data (G_OBJECT (row), "lm-message", message);
  g_object_set_data (G_OBJECT (row), "lm-plot", plot);
  g_object_set_data (G_OBJECT (row), "lm-editor", self);

  /* Reordered by dragging a row onto another. */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  gtk_list_item_set_child (item, row);
  g_signal_connect (item, "notify::position", G_CALLBACK (update_row), NULL);
}

static void
on_scene_notify_cb (GtkListItem *item)
{
  update_row (item);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            LmStoryboardEditor       *self)
{
  update_row (item);
  g_signal_connect_object (gtk_list_item_get_item (item), "notify",
                           G_CALLBACK (on_scene_notify_cb), item, G_CONNECT_SWAPPED);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LmStoryboardEditor       *self)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item), item);
}

static void
on_activate_cb (GtkListView        *list,
                guint               position,
                LmStoryboardEditor *self)
{
  g_signal_emit (self, signals[SCENE_ACTIVATED], 0, position);
}

/* Actions */

/* "IMD score · Wards (2017)": what a new scene shows. */
static char *
default_title (LmStoryboardEditor *self)
{
  LmModel *model = lm_view_get_model (self->view);
  LmDataset *dataset = model != NULL ? lm_model_get_dataset (model) : NULL;
  LmLevel *level = dataset != NULL ? lm_dataset_find_level (dataset,
                                                            lm_view_get_level (self->view))
                                   : NULL;
  LmVariable *variable = level != NULL ? lm_level_find_variable (level,
                                                                 lm_view_get_variable (self->view))
                                       : NULL;

  if (variable == NULL)
    /* Translators: the title of a new scene, "Scene 3" */
    return g_strdup_printf (_("Scene %u"), n_scenes (self) + 1);
  /* Translators: the title of a new scene: variable · level */
  return g_strdup_printf (_("%s · %s"), variable->title, level->title);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LmStoryboardEditor *self = LM_STORYBOARD_EDITOR (widget);
  guint selected = lm_storyboard_editor_get_selected (self);
  guint position = selected != GTK_INVALID_LIST_POSITION ? selected + 1 : n_scenes (self);
  g_autofree char *title = default_title (self);
  g_autoptr(LmScene) scene = lm_scene_new_from_view (self->view, title, "", FALSE);

  lm_storyboard_insert (self->storyboard, position, scene);
  lm_storyboard_editor_select (self, position);
}

static void
scene_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LmStoryboardEditor *self = LM_STORYBOARD_EDITOR (widget);
  guint selected = lm_storyboard_editor_get_selected (self);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (action_name, "storyboard.update"))
    lm_scene_update_from_view (lm_storyboard_get_scene (self->storyboard, selected), self->view);
  else if (g_str_equal (action_name, "storyboard.duplicate"))
    {
      lm_storyboard_duplicate (self->storyboard, selected);
      lm_storyboard_editor_select (self, selected + 1);
    }
  else if (g_str_equal (action_name, "storyboard.delete"))
    {
      lm_storyboard_remove (self->storyboard, selected);
      if (n_scenes (self) > 0)
        lm_storyboard_editor_select (self, MIN (selected, n_scenes (self) - 1));
    }
  else if (g_str_equal (action_name, "storyboard.move-up") && selected > 0)
    {
      lm_storyboard_move (self->storyboard, selected, selected - 1);
      lm_storyboard_editor_select (self, selected - 1);
    }
  else if (g_str_equal (action_name, "storyboard.move-down") && selected + 1 < n_scenes (self))
    {
      lm_storyboard_move (self->storyboard, selected, selected + 1);
      lm_storyboard_editor_select (self, selected + 1);
    }
  else if (g_str_equal (action_name, "storyboard.show"))
    g_signal_emit (self, signals[SCENE_ACTIVATED], 0, selected);
  else if (g_str_equal (action_name, "storyboard.present"))
    g_signal_emit (self, signals[PRESENT], 0, selected);
}

/* Building */

static GtkWidget *
tool_button (const char *icon,
             const char *label,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = label != NULL ? gtk_button_new_with_mnemonic (label)
                                    : gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (label == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
build_toolbar (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *present = tool_button (NULL, _("_Present"), _("Present from This Scene (F5)"),
                                    "storyboard.present");
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_box_append (GTK_BOX (box), tool_button ("list-add-symbolic", NULL,
                                              _("Add the View as a Scene (Ctrl+N)"),
                                              "storyboard.add"));
  gtk_box_append (GTK_BOX (box), tool_button ("view-refresh-symbolic", NULL,
                                              _("Update the Scene from the View (Ctrl+U)"),
                                              "storyboard.update"));
  gtk_box_append (GTK_BOX (box), tool_button ("edit-copy-symbolic", NULL,
                                              _("Duplicate the Scene (Ctrl+D)"),
                                              "storyboard.duplicate"));
  gtk_box_append (GTK_BOX (box), tool_button ("go-up-symbolic", NULL,
                                              _("Move the Scene Up (Alt+Up)"),
                                              "storyboard.move-up"));
  gtk_box_append (GTK_BOX (box), tool_button ("go-down-symbolic", NULL,
                                              _("Move the Scene Down (Alt+Down)"),
                                              "storyboard.move-down"));
  gtk_box_append (GTK_BOX (box), tool_button ("user-trash-symbolic", NULL,
                                              _("Delete the Scene (Delete)"),
                                              "storyboard.delete"));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (box), spacer);
  gtk_widget_remove_css_class (present, "flat");
  gtk_widget_add_css_class (present, "suggested-action");
  gtk_box_append (GTK_BOX (box), present);
  return box;
}

static GtkWidget *
build_list (LmStoryboardEditor *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add the View as a Scene"));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scenes"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Scenes Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("A scene keeps the view as it is — map, plot, weights and "
                                     "selection — with a title and a key message. Step through "
                                     "the scenes full screen to present them."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "storyboard.add");
  gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_add_css_class (add, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), add);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  return self->stack;
}

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
build_fields (LmStoryboardEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextBuffer *buffer;

  self->title_entry = gtk_entry_new ();
  gtk_widget_set_name (self->title_entry, "scene-title");
  self->message_view = gtk_text_view_new ();
  gtk_widget_set_name (self->message_view, "scene-message");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->message_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->message_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->message_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->message_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->message_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->message_view), 6);
  gtk_widget_set_size_request (self->message_view, -1, 72);
  gtk_frame_set_child (GTK_FRAME (frame), self->message_view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->message_view));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->plot_check = gtk_check_button_new_with_mnemonic (_("Show the _plot beside the map"));
  gtk_widget_set_name (self->plot_check, "scene-show-plot");

  gtk_box_append (GTK_BOX (box), field_label (_("_Title"), self->title_entry));
  gtk_box_append (GTK_BOX (box), self->title_entry);
  gtk_box_append (GTK_BOX (box), field_label (_("_Key message"), self->message_view));
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), self->plot_check);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_sensitive (box, FALSE);
  self->fields = box;
  return box;
}

/* GObject overrides */

static void
lm_storyboard_editor_dispose (GObject *object)
{
  LmStoryboardEditor *self = LM_STORYBOARD_EDITOR (object);
  GtkWidget *child;

  edit_scene (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->storyboard != NULL)
    g_signal_handlers_disconnect_by_data (self->storyboard, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->storyboard);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (lm_storyboard_editor_parent_class)->dispose (object);
}

static void
lm_storyboard_editor_class_init (LmStoryboardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const scene_actions[] = {
    "storyboard.update", "storyboard.duplicate", "storyboard.delete", "storyboard.move-up",
    "storyboard.move-down", "storyboard.show", "storyboard.present",
  };

  object_class->dispose = lm_storyboard_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  signals[SCENE_ACTIVATED] =
    g_signal_new ("scene-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[PRESENT] = g_signal_new ("present", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "storyboard.add", NULL, add_action);
  for (guint i = 0; i < G_N_ELEMENTS (scene_actions); i++)
    gtk_widget_class_install_action (widget_class, scene_actions[i], NULL, scene_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "storyboard.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "storyboard.update", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "storyboard.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "storyboard.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "storyboard.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "storyboard.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "storyboard.present", NULL);
}

static void
lm_storyboard_editor_init (LmStoryboardEditor *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* Public API */

/**
 * lm_storyboard_editor_new:
 * @storyboard: the scenes to edit
 * @view: the view scenes are taken from
 *
 * Returns: (transfer floating): a new editor
 */
GtkWidget *
lm_storyboard_editor_new (LmStoryboard *storyboard,
                          LmView       *view)
{
  LmStoryboardEditor *self;

  g_return_val_if_fail (LM_IS_STORYBOARD (storyboard), NULL);
  g_return_val_if_fail (LM_IS_VIEW (view), NULL);

  self = g_object_new (LM_TYPE_STORYBOARD_EDITOR, NULL);
  self->storyboard = g_object_ref (storyboard);
  self->view = g_object_ref (view);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (storyboard)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_widget_set_parent (build_toolbar (), GTK_WIDGET (self));
  gtk_widget_set_parent (build_list (self), GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));
  gtk_widget_set_parent (build_fields (self), GTK_WIDGET (self));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (storyboard, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::model", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  on_items_changed_cb (self);
  return GTK_WIDGET (self);
}

LmStoryboard *
lm_storyboard_editor_get_storyboard (LmStoryboardEditor *self)
{
  g_return_val_if_fail (LM_IS_STORYBOARD_EDITOR (self), NULL);
  return self->storyboard;
}

guint
lm_storyboard_editor_get_selected (LmStoryboardEditor *self)
{
  g_return_val_if_fail (LM_IS_STORYBOARD_EDITOR (self), GTK_INVALID_LIST_POSITION);

  if (n_scenes (self) == 0)
    return GTK_INVALID_LIST_POSITION;
  return gtk_single_selection_get_selected (self->selection);
}

void
lm_storyboard_editor_select (LmStoryboardEditor *self,
                             guint               position)
{
  g_return_if_fail (LM_IS_STORYBOARD_EDITOR (self));
  g_return_if_fail (position < n_scenes (self));

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", position);
}
