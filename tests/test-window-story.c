/* test-window-story.c — the window's scenarios, undo, storyboard editor,
 * presentations and exports, on the real data under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys reach a presentation as a user's do: through its key controller.
 * Exports are waited for, never slept on.
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lm-csv.h"
#include "lm-export.h"
#include "lm-legend.h"
#include "lm-presentation.h"
#include "lm-storyboard-editor.h"
#include "lm-storyboard-export.h"

#include "lm-test-files.h"
#include "lm-test-run.h"
#include "lm-test-window-fixture.h"

/* Auxiliary methods */

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "england-2019-left-behind.levelmap",
                                NULL);
}

/* A new folder for a test's files; the test removes it. */
static char *
make_folder (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return folder;
}

/* A copy of the example in a new folder, so that it can be saved. */
static char *
copy_example (char **out_folder)
{
  g_autofree char *original = example_path ();
  g_autofree char *contents = NULL;
  char *folder = make_folder ("levelmap-story-XXXXXX");
  char *path = g_build_filename (folder, "story.levelmap", NULL);

  g_assert_true (g_file_get_contents (original, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  *out_folder = folder;
  return path;
}

static gboolean
opened (gpointer data)
{
  LmWindow *window = data;

  return !lm_window_get_loading (window) && lm_document_get_file (window->document) != NULL &&
         lm_window_get_map (window) != NULL &&
         lm_choropleth_get_last_render_ms (LM_CHOROPLETH (lm_window_get_map (window))) > 0;
}

/* The options of `levelmap PATH`, to which more can be added. */
static void
init_options (GVariantBuilder *options,
              const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_variant_builder_init (options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (options, "{sv}", "scenario",
                         g_variant_new_take_string (g_file_get_uri (file)));
}

/* Opens @path as the command line does (the same code as File ▸ Open
 * once the file is chosen). */
static void
open_scenario (LmWindow   *window,
               const char *path)
{
  GVariantBuilder options;

  init_options (&options, path);
  lm_window_apply_options (window, g_variant_builder_end (&options));
  lm_test_wait_until (opened, window, "the scenario to open");
  lm_test_wait_for_frames (GTK_WIDGET (window));
}

static gboolean
not_modified (gpointer data)
{
  return !lm_document_get_modified (data);
}

static gboolean
export_done (gpointer data)
{
  return !_lm_window_export_is_running (data);
}

/* Starts an export, waits for it, and fails on an error. */
static void
export_ok (LmWindow           *window,
           LmWindowExportKind  kind,
           const char         *path,
           int                 width,
           int                 height)
{
  g_assert_true (_lm_window_export_start (window, kind, path, width, height));
  lm_test_wait_until (export_done, window, "the export to finish");
  g_assert_no_error (_lm_window_export_get_error (window));
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static LmScene *
scene_at (LmWindow *window,
          guint     i)
{
  return lm_storyboard_get_scene (lm_document_get_storyboard (window->document), i);
}

static guint
n_scenes (LmWindow *window)
{
  return lm_storyboard_get_n_scenes (lm_document_get_storyboard (window->document));
}

/* Tests: files */

static void
test_open_and_save (Fixture       *fixture,
                    gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *folder = NULL;
  g_autofree char *path = copy_example (&folder);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  open_scenario (window, path);
  g_assert_cmpuint (n_scenes (window), ==, 5);
  g_assert_cmpstr (lm_view_get_level (lm_window_get_view (window)), ==, "lsoa");
  g_assert_cmpstr (lm_view_get_method (lm_window_get_view (window)), ==, "deciles");
  g_assert_false (lm_document_get_modified (window->document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "story.levelmap"));

  /* A change: the title says so; undone, it does not. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 40.0));
  g_assert_true (lm_document_get_modified (window->document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• story"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (lm_document_get_modified (window->document));

  /* Saved in place (Ctrl+S on a file: no dialog), once with the change
   * and the data's checksum. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  lm_test_wait_until (not_modified, window->document, "the save");
  first = read_text (path);
  g_assert_nonnull (strstr (first, "<setting key=\"weights/imd.income\" type=\"d\">40</setting>"));
  g_assert_nonnull (strstr (first, "checksum=\"sha256:"));

  /* Opened again and saved again: the same bytes. */
  close_window (window);
  fixture->window = window = open_window ();
  open_scenario (window, path);
  g_assert_true (lm_view_get_custom_weights (lm_window_get_view (window)));
  second = g_strdup (first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  lm_test_wait_until (not_modified, window->document, "the save");
  third = read_text (path);
  g_assert_cmpstr (third, ==, second);
  lm_test_remove_tree (folder);
}

/* A scenario made on other data than those shown loads them first. */
static void
test_open_other_data (Fixture       *fixture,
                      gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *path = example_path ();

  lm_window_load (window, "england-2025", NULL);
  wait_until_settled (window);
  g_assert_cmpstr (lm_view_get_dataset (lm_window_get_view (window)), ==, "england-2025");
  open_scenario (window, path);
  g_assert_cmpstr (lm_view_get_dataset (lm_window_get_view (window)), ==, "england-2019");
  g_assert_cmpstr (lm_view_get_level (lm_window_get_view (window)), ==, "lsoa");
  g_assert_false (lm_document_get_modified (window->document));
}

/* The position of @uri in File ▸ Open Recent, or -1. */
static int
find_recent (LmWindow   *window,
             const char *uri)
{
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  LM_TYPE_WINDOW, "recent_menu"));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
        menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), uri))
        return i;
    }
  return -1;
}

typedef struct
{
  LmWindow   *window;
  const char *uri;
} Recent;

static gboolean
is_recent (gpointer data)
{
  Recent *recent = data;

  return find_recent (recent->window, recent->uri) >= 0;
}

/* The main menu is attached (its idle ran): what it holds can be seen. */
static gboolean
has_main_menu (gpointer data)
{
  LmWindow *window = data;

  return gtk_menu_button_get_menu_model (window->primary_menu_button) != NULL;
}

static gboolean
is_open (gpointer data)
{
  Recent *recent = data;
  GFile *file = lm_document_get_file (recent->window->document);
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  return !lm_window_get_loading (recent->window) && g_strcmp0 (uri, recent->uri) == 0;
}

/* A scenario opened is in File ▸ Open Recent, and opens from there. */
static void
test_open_recent (Fixture       *fixture,
                  gconstpointer  data)
{
  LmWindow *window = fixture->window;
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  LM_TYPE_WINDOW, "recent_menu"));
  g_autofree char *folder = NULL;
  g_autofree char *path = copy_example (&folder);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  Recent recent = { window, uri };

  /* Open Recent is filled when the main menu is attached. The tests'
   * own recent files: none yet. */
  lm_test_wait_until (has_main_menu, window, "the main menu");
  g_assert_cmpint (find_recent (window, uri), <, 0);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);

  open_scenario (window, path);
  lm_test_wait_until (is_recent, &recent, "the scenario in Open Recent");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_null (lm_document_get_file (window->document));
  g_assert_cmpuint (n_scenes (window), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  lm_test_wait_until (is_open, &recent, "the recent scenario to open");
  g_assert_cmpuint (n_scenes (window), ==, 5);
  lm_test_remove_tree (folder);
}

/* The command line's options go over the scenario they come with, even
 * when data arrive while its file is still being read. */
/* As `levelmap --level=lad --classes=7 EXAMPLE` hands them over. */
static GVariant *
example_with_options (void)
{
  g_autofree char *path = example_path ();
  GVariantBuilder options;

  init_options (&options, path);
  g_variant_builder_add (&options, "{sv}", "level", g_variant_new_string ("lad"));
  g_variant_builder_add (&options, "{sv}", "classes", g_variant_new_int32 (7));
  return g_variant_builder_end (&options);
}

static void
test_open_with_options (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);

  lm_window_apply_options (window, example_with_options ());
  /* As a dataset finishing its load now would: the options wait. */
  _lm_window_file_model_changed (window);
  g_assert_cmpstr (lm_view_get_level (view), !=, "lad");
  lm_test_wait_until (opened, window, "the scenario to open");
  g_assert_cmpstr (lm_view_get_level (view), ==, "lad");
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 7);
  /* The scenario's own settings stay where the options say nothing. */
  g_assert_cmpstr (lm_view_get_method (view), ==, "deciles");
}

/* Cancelling the question about unsaved work cancels the options that
 * came with the file too: they do not land on the work kept. */
static void
test_open_with_options_cancelled (Fixture       *fixture,
                                  gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmModel *model = lm_window_get_model (window);
  g_autofree char *level = g_strdup (lm_view_get_level (view));
  guint n_classes = lm_view_get_n_classes (view);
  AdwMessageDialog *asked;

  g_assert_cmpstr (level, !=, "lad");
  g_assert_cmpuint (n_classes, !=, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  g_assert_true (lm_document_get_modified (window->document));
  lm_window_apply_options (window, example_with_options ());
  asked = find_message_dialog (window);
  g_assert_nonnull (asked);
  respond (asked, "cancel");
  /* Data arriving later (a dataset switch, say) find nothing waiting. */
  _lm_window_file_model_changed (window);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_null (find_message_dialog (window));
  g_assert_null (lm_document_get_file (window->document));
  g_assert_true (lm_document_get_modified (window->document));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60);
  g_assert_cmpstr (lm_view_get_level (view), ==, level);
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, n_classes);
}

/* What the data lack is said, the rest opened; a damaged file is said
 * with its line; a newer one is refused. */
static void
test_open_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *folder = make_folder ("levelmap-story-XXXXXX");
  g_autofree char *partial = g_build_filename (folder, "partial.levelmap", NULL);
  g_autofree char *damaged = g_build_filename (folder, "damaged.levelmap", NULL);
  g_autofree char *newer = g_build_filename (folder, "newer.levelmap", NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (partial,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"1\">\n"
    "  <dataset id=\"england-2019\" checksum=\"sha256:00\"/>\n  <view>\n"
    "    <setting key=\"level\" type=\"s\">ward</setting>\n"
    "    <setting key=\"variable\" type=\"s\">cni.score</setting>\n"
    "    <setting key=\"selection-level\" type=\"s\">ward</setting>\n"
    "    <setting key=\"selection\" type=\"as\"><item>E05000026</item><item>X99999999</item></setting>\n"
    "  </view>\n</levelmap-scenario>\n", -1, NULL));
  g_assert_true (g_file_set_contents (damaged,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"1\">\n  <view>\n"
    "    <setting key=\"n-classes\" type=\"u\">many</setting>\n  </view>\n</levelmap-scenario>\n",
    -1, NULL));
  g_assert_true (g_file_set_contents (newer,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<levelmap-scenario version=\"7\">\n"
    "  <view/>\n</levelmap-scenario>\n", -1, NULL));

  open_scenario (window, partial);
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "X99999999"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "manifest has changed"));
  respond (dialog, "close");
  g_assert_cmpstr (lm_view_get_level (lm_window_get_view (window)), ==, "ward");
  g_assert_cmpuint (lm_selection_count (lm_view_get_selection (lm_window_get_view (window)),
                                        lm_selection_get_level (lm_view_get_selection (
                                                                  lm_window_get_view (window)))),
                    ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      GVariantBuilder options;

      init_options (&options, i == 0 ? damaged : newer);
      lm_window_apply_options (window, g_variant_builder_end (&options));
      lm_test_wait_until ((LmTestCondition) find_message_dialog, window, "the error");
      dialog = find_message_dialog (window);
      g_test_message ("%s", adw_message_dialog_get_body (dialog));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), i == 0 ? "line 4" : "newer"));
      respond (dialog, "close");
    }
  /* Nothing of the refused files was opened. */
  g_assert_true (g_str_has_suffix (g_file_peek_path (lm_document_get_file (window->document)),
                                   "partial.levelmap"));
  lm_test_remove_tree (folder);
}

/* Tests: undo */

static void
test_undo_reset (Fixture       *fixture,
                 gconstpointer  data)
{
  LmWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  LmModel *model = lm_window_get_model (window);

  g_assert_false (action_enabled (window, "win.undo"));
  g_assert_true (gtk_widget_activate_action (widget, "win.set-weight", "(ssd)", "imd", "income",
                                             60.0));
  g_assert_true (gtk_widget_activate_action (widget, "win.reset-weights", NULL));
  g_assert_true (lm_model_weights_are_default (model));
  /* A later edit, then undo: the edit goes, then the reset. */
  g_assert_true (gtk_widget_activate_action (widget, "win.set-weight", "(ssd)", "imd", "health",
                                             30.0));
  g_assert_true (gtk_widget_activate_action (widget, "win.undo", NULL));
  g_assert_true (lm_model_weights_are_default (model));
  g_assert_true (gtk_widget_activate_action (widget, "win.undo", NULL));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "income"), ==, 60);
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "health"), ==, 13.5);
  /* The marker says so. */
  g_assert_true (gtk_widget_get_visible (lm_test_find_named (widget, "custom-weights")));
  g_assert_true (gtk_widget_activate_action (widget, "win.undo", NULL));
  g_assert_true (lm_model_weights_are_default (model));
  g_assert_false (gtk_widget_get_visible (lm_test_find_named (widget, "custom-weights")));
  /* And forward again. */
  g_assert_true (gtk_widget_activate_action (widget, "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "win.redo", NULL));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "health"), ==, 30);
}

/* The toast the window shows, or NULL (once no other slides out). */
static AdwToast *
shown_toast (LmWindow *window)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "toast") != NULL)
      {
        g_autoptr(AdwToast) toast = NULL;

        g_object_get (child, "toast", &toast, NULL);
        return toast;
      }
  return NULL;
}

typedef struct
{
  GdkFrameClock *clock;
  gint64         until;
} FrameTime;

static gboolean
frame_time_reached (gpointer data)
{
  FrameTime *wait = data;

  return gdk_frame_clock_get_frame_time (wait->clock) >= wait->until;
}

/* Lets libadwaita's toast slide-ins and slide-outs (at most 500 ms) end. */
static void
wait_toasts_still (LmWindow *window)
{
  FrameTime wait = { gtk_widget_get_frame_clock (GTK_WIDGET (window)), 0 };

  wait.until = gdk_frame_clock_get_frame_time (wait.clock) + 600 * 1000;
  lm_test_wait_until (frame_time_reached, &wait, "the toasts to come and go");
  lm_test_wait_for_frames (GTK_WIDGET (window));
}

/* Resets in quick succession, each followed by an edit, as when weights
 * are tried live: the reset's toast was dismissed at the next change,
 * while it still slid in, and libadwaita 1.2 then crashed the window
 * (SIGSEGV) when the slide-in ended. The toast now stays, its Undo taken
 * away at the next change and given back by the next reset. */
static void
test_reset_toasts (Fixture       *fixture,
                   gconstpointer  data)
{
  LmWindow *window = fixture->window;
  GtkWidget *widget = GTK_WIDGET (window);
  LmModel *model = lm_window_get_model (window);
  AdwToast *toast;

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (widget, "win.set-weight", "(ssd)", "imd",
                                                 "income", 50.0 + i));
      g_assert_true (gtk_widget_activate_action (widget, "win.reset-weights", NULL));
      g_assert_true (lm_model_weights_are_default (model));
    }
  g_assert_true (gtk_widget_activate_action (widget, "win.set-weight", "(ssd)", "imd", "health",
                                             30.0));
  wait_toasts_still (window);

  /* One toast, which no longer offers to undo the reset: the edit came
   * after it. */
  toast = shown_toast (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Official weights restored");
  g_assert_null (adw_toast_get_button_label (toast));
  g_assert_null (adw_toast_get_action_name (toast));

  /* Another reset: the same toast offers Undo again, which brings the
   * edit back. */
  g_assert_true (gtk_widget_activate_action (widget, "win.reset-weights", NULL));
  g_assert_true (shown_toast (window) == toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo");
  wait_toasts_still (window);
  g_assert_true (gtk_widget_activate_action (widget, adw_toast_get_action_name (toast), NULL));
  g_assert_cmpfloat (lm_model_get_weight (model, "imd", "health"), ==, 30);
}

/* Tests: presentations */

/* A key as a clicker sends it, through the presentation's controller. */
static void
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  /* Ours is in the capture phase; GtkWindow has its own too. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

static gboolean
still (gpointer data)
{
  return !lm_presentation_is_moving (data);
}

static void
assert_scene (LmWindow       *window,
              LmPresentation *presentation,
              guint           index)
{
  g_assert_cmpuint (lm_presentation_get_index (presentation), ==, index);
  g_assert_cmpstr (lm_presentation_get_caption_title (presentation), ==,
                   lm_scene_get_title (scene_at (window, index)));
  g_assert_true (gtk_widget_get_visible (lm_presentation_get_plot (presentation)) ==
                 lm_scene_get_show_plot (scene_at (window, index)));
}

/* Presses @keyval, lets the move end, and checks that scene @index is
 * shown. */
static void
step (LmWindow       *window,
      LmPresentation *presentation,
      guint           keyval,
      guint           index)
{
  press (GTK_WIDGET (presentation), keyval);
  lm_test_wait_until (still, presentation, "the scene to settle");
  lm_test_wait_for_frames (GTK_WIDGET (presentation));
  assert_scene (window, presentation, index);
}

/* @a lies wholly left of @b in the window. */
static void
assert_left_of (GtkWidget *a,
                GtkWidget *b)
{
  graphene_rect_t ra, rb;

  g_assert_true (gtk_widget_compute_bounds (a, gtk_widget_get_parent (b), &ra));
  g_assert_true (gtk_widget_compute_bounds (b, gtk_widget_get_parent (b), &rb));
  g_assert_cmpfloat (ra.origin.x + ra.size.width, <=, rb.origin.x);
  g_assert_cmpfloat (ra.size.width, >, 0);
}

static gboolean
is_gone (gpointer data)
{
  return _lm_window_get_presentation (data) == NULL;
}

static void
test_presentation_keys (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  g_autofree char *path = example_path ();
  g_autoptr(LmViewSnapshot) before = NULL;
  g_autoptr(LmViewSnapshot) after = NULL;
  LmPresentation *presentation;

  open_scenario (window, path);
  before = lm_view_take_snapshot (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  presentation = LM_PRESENTATION (_lm_window_get_presentation (window));
  g_assert_nonnull (presentation);
  lm_test_wait_for_frames (GTK_WIDGET (presentation));
  /* Its own window, without decorations; the main window out of the way. */
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (presentation)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  assert_scene (window, presentation, 0);
  /* The legend beside the map, never over it. */
  assert_left_of (lm_presentation_get_legend (presentation), lm_presentation_get_map (presentation));

  step (window, presentation, GDK_KEY_Right, 1);
  step (window, presentation, GDK_KEY_space, 2);
  step (window, presentation, GDK_KEY_Page_Down, 3);
  /* The plot beside the map. */
  g_assert_true (gtk_widget_get_mapped (lm_presentation_get_plot (presentation)));
  assert_left_of (lm_presentation_get_map (presentation), lm_presentation_get_plot (presentation));
  step (window, presentation, GDK_KEY_Left, 2);
  step (window, presentation, GDK_KEY_Page_Up, 1);
  step (window, presentation, GDK_KEY_End, 4);
  /* No further than the last. */
  step (window, presentation, GDK_KEY_Right, 4);
  step (window, presentation, GDK_KEY_Home, 0);

  /* B blanks and brings back; a step brings back too. */
  press (GTK_WIDGET (presentation), GDK_KEY_b);
  g_assert_true (lm_presentation_get_blanked (presentation));
  press (GTK_WIDGET (presentation), GDK_KEY_B);
  g_assert_false (lm_presentation_get_blanked (presentation));
  press (GTK_WIDGET (presentation), GDK_KEY_period);
  g_assert_true (lm_presentation_get_blanked (presentation));
  step (window, presentation, GDK_KEY_Right, 1);
  g_assert_false (lm_presentation_get_blanked (presentation));
  g_test_message ("last transition: %.1f ms", lm_presentation_get_last_transition_ms (presentation));

  /* Escape leaves: the window as it was, nothing to undo or save. */
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  lm_test_wait_until (is_gone, window, "the presentation to close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  after = lm_view_take_snapshot (view);
  g_assert_true (lm_view_snapshot_equal (before, after));
  g_assert_false (lm_document_get_modified (window->document));
  g_assert_false (action_enabled (window, "win.undo"));
}

/* A presentation left before its last step is painted: it stops timing
 * that paint although it no longer has a frame clock (it is unrealized
 * before it is disposed), and no paint afterwards reaches it. */
static void
test_leave_before_paint (Fixture       *fixture,
                         gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *path = example_path ();
  LmPresentation *presentation;

  open_scenario (window, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  presentation = LM_PRESENTATION (_lm_window_get_presentation (window));
  lm_test_wait_for_frames (GTK_WIDGET (presentation));
  /* To the plot's scene, another map: shown at once, its paint timed. */
  lm_presentation_go_to (presentation, 3);
  g_assert_false (lm_presentation_is_moving (presentation));
  press (GTK_WIDGET (presentation), GDK_KEY_Escape);
  lm_test_wait_until (is_gone, window, "the presentation to close");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

/* F11: the view as it is, with its own title and no counter. */
static void
test_present_view (Fixture       *fixture,
                   gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmPresentation *presentation;
  gboolean presenting;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 50.0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_object_get (window, "presentation", &presenting, NULL);
  g_assert_true (presenting);
  presentation = LM_PRESENTATION (_lm_window_get_presentation (window));
  lm_test_wait_for_frames (GTK_WIDGET (presentation));
  g_assert_cmpstr (lm_presentation_get_caption_title (presentation), ==, "IMD score");
  g_assert_cmpuint (lm_presentation_get_index (presentation), ==, 0);
  /* Custom weights are said there too. */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    lm_test_collect_labels (GTK_WIDGET (presentation), text);
    g_assert_nonnull (strstr (text->str, "Custom weights"));
    g_assert_nonnull (strstr (text->str, "Income"));
  }
  press (GTK_WIDGET (presentation), GDK_KEY_Right);
  g_assert_cmpuint (lm_presentation_get_index (presentation), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  lm_test_wait_until (is_gone, window, "the presentation to close");
  g_object_get (window, "presentation", &presenting, NULL);
  g_assert_false (presenting);
  g_assert_cmpfloat (lm_model_get_weight (lm_view_get_model (view), "imd", "income"), ==, 50);
}

/* Tests: the storyboard editor */

/* Whether @widget is an editor's row showing the scene titled @title. */
static gboolean
is_row_of (GtkWidget *widget,
           gpointer   title)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (widget), "lm-title");

  return label != NULL && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return lm_test_find_widget (root, is_row_of, (gpointer) title);
}

/* Drags the row of scene @from onto the row of scene @to, through the
 * rows' own drag source and drop target, as a pointer would. */
static void
drag_scene (LmWindow           *window,
            LmStoryboardEditor *editor,
            guint               from,
            guint               to)
{
  GtkWidget *source_row, *target_row;
  GtkEventController *source, *target;
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  gboolean dropped = FALSE;

  lm_test_wait_for_frames (GTK_WIDGET (editor));
  source_row = find_row (GTK_WIDGET (editor), lm_scene_get_title (scene_at (window, from)));
  target_row = find_row (GTK_WIDGET (editor), lm_scene_get_title (scene_at (window, to)));
  g_assert_nonnull (source_row);
  g_assert_nonnull (target_row);
  source = lm_test_find_controller (source_row, GTK_TYPE_DRAG_SOURCE);
  target = lm_test_find_controller (target_row, GTK_TYPE_DROP_TARGET);
  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_UINT);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &dropped);
  g_assert_true (dropped);
}

static void
test_storyboard_editor (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmStoryboard *storyboard = lm_document_get_storyboard (window->document);
  LmStoryboardEditor *editor;
  GtkWidget *title;
  g_autoptr(LmViewSnapshot) first = NULL;
  g_autoptr(LmViewSnapshot) now = NULL;

  g_assert_false (action_enabled (window, "win.export-storyboard"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-storyboard", NULL));
  editor = LM_STORYBOARD_EDITOR (_lm_window_get_storyboard_editor (window));
  lm_test_wait_for_frames (GTK_WIDGET (editor));

  /* Added from the view, titled after what it shows, then renamed. */
  lm_view_set_level_and_variable (view, "lsoa", "imd.score");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.add", NULL));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (storyboard), ==, 1);
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 0)), ==, "IMD score · LSOAs (2011)");
  g_assert_true (lm_document_get_modified (window->document));
  g_assert_true (action_enabled (window, "win.export-storyboard"));
  title = lm_test_find_named (GTK_WIDGET (editor), "scene-title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Deprivation");
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 0)), ==, "Deprivation");
  first = lm_view_snapshot_ref (lm_scene_get_snapshot (scene_at (window, 0)));

  /* Another view, a second scene; duplicated; reordered; deleted. */
  lm_view_set_level (view, "ward");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.add", NULL));
  g_assert_cmpuint (lm_storyboard_editor_get_selected (editor), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.duplicate", NULL));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (storyboard), ==, 3);
  lm_scene_set_title (scene_at (window, 2), "Copy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.move-up", NULL));
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 1)), ==, "Copy");
  g_assert_cmpuint (lm_storyboard_editor_get_selected (editor), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.move-up", NULL));
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 0)), ==, "Copy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.delete", NULL));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (storyboard), ==, 2);
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 0)), ==, "Deprivation");
  /* Dragged onto the other row, and back. */
  drag_scene (window, editor, 0, 1);
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 1)), ==, "Deprivation");
  g_assert_cmpuint (lm_storyboard_editor_get_selected (editor), ==, 1);
  drag_scene (window, editor, 1, 0);
  g_assert_cmpstr (lm_scene_get_title (scene_at (window, 0)), ==, "Deprivation");
  g_assert_cmpuint (lm_storyboard_editor_get_selected (editor), ==, 0);

  /* Shown: the view takes the scene. Updated: the scene takes the view. */
  lm_storyboard_editor_select (editor, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.show", NULL));
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
  lm_view_set_n_classes (view, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.update", NULL));
  now = lm_view_take_snapshot (view);
  g_assert_true (lm_view_snapshot_equal (lm_scene_get_snapshot (scene_at (window, 0)), now));
  g_assert_false (lm_view_snapshot_equal (first, now));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.delete", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "storyboard.delete", NULL));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (storyboard), ==, 0);
  g_assert_false (action_enabled (window, "win.export-storyboard"));
}

/* Tests: exports */

typedef struct
{
  LmWindow *window;
  guint     ticks;      /* of a 10 ms timeout while the export ran */
} Ticks;

static gboolean
tick_cb (gpointer data)
{
  ((Ticks *) data)->ticks++;
  return G_SOURCE_CONTINUE;
}

/* The map as the view shows it: the same file as an export with those
 * settings given by hand; the part on screen is another picture. */
static void
test_export_map (Fixture       *fixture,
                 gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_folder ("levelmap-export-XXXXXX");
  g_autofree char *whole = g_build_filename (folder, "whole.png", NULL);
  g_autofree char *shown = g_build_filename (folder, "shown.png", NULL);
  g_autofree char *expected = g_build_filename (folder, "expected.png", NULL);
  g_autofree char *plot = g_build_filename (folder, "plot.svg", NULL);
  g_autofree char *bad = g_build_filename (folder, "map.bmp", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  gsize na, nb, nc;
  LmBounds extent = { 380000, 500000, 480000, 600000 };
  LmMapExportOptions options;

  lm_view_set_level (view, "lad");
  lm_view_set_variable (view, "cni.score");
  lm_view_set_method (view, "equal");
  lm_view_set_n_classes (view, 4);
  lm_view_set_palette (view, "Blues");
  lm_view_set_show_left_behind (view, FALSE);
  export_ok (window, LM_WINDOW_EXPORT_MAP_WHOLE, whole, 800, 1000);
  lm_map_export_options_init (&options);
  options.level_id = "lad";
  options.variable_id = "cni.score";
  options.method = LM_CLASSIFY_EQUAL;
  options.n_classes = 4;
  options.palette = "Blues";
  options.show_left_behind = FALSE;
  options.width = 800;
  options.height = 1000;
  g_assert_true (lm_export_map (lm_window_get_model (window), &options, expected, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (whole, &a, &na, NULL));
  g_assert_true (g_file_get_contents (expected, &b, &nb, NULL));
  g_assert_true (memcmp (a, "\x89PNG", 4) == 0);
  g_assert_cmpuint (na, ==, nb);
  g_assert_true (memcmp (a, b, na) == 0);

  /* What is on screen: the zoomed part. */
  lm_view_set_extent (view, &extent);
  lm_test_wait_for_frames (GTK_WIDGET (window));
  export_ok (window, LM_WINDOW_EXPORT_MAP_SHOWN, shown, 800, 1000);
  g_assert_true (g_file_get_contents (shown, &c, &nc, NULL));
  g_assert_true (nc != na || memcmp (a, c, na) != 0);

  export_ok (window, LM_WINDOW_EXPORT_PLOT, plot, 0, 0);
  g_clear_pointer (&a, g_free);
  a = read_text (plot);
  g_assert_nonnull (strstr (a, "<svg"));

  /* An unknown format: an error that says why, and no file. */
  g_assert_true (_lm_window_export_start (window, LM_WINDOW_EXPORT_MAP_WHOLE, bad, 0, 0));
  lm_test_wait_until (export_done, window, "the export to finish");
  g_assert_error (_lm_window_export_get_error (window), LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  respond (find_message_dialog (window), "close");
  lm_test_remove_tree (folder);
}

/* The CSV files, checked against `levelmap --export-csv` and
 * `--left-behind` run with the same weights. */
static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmModel *model = lm_window_get_model (window);
  g_autofree char *folder = make_folder ("levelmap-export-XXXXXX");
  g_autofree char *table = g_build_filename (folder, "table.csv", NULL);
  g_autofree char *left = g_build_filename (folder, "left.csv", NULL);
  g_autofree char *selected = g_build_filename (folder, "selected.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(LmTestRun) cli = { 0 };
  g_auto(LmTestRun) cli_left = { 0 };
  g_auto(GStrv) rows = NULL;
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) gone = NULL;
  guint n_entered = 0, n_left = 0;
  guint areas[] = { 3, 7 };
  LmLevel *lad;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  lm_view_set_level (view, "lad");
  export_ok (window, LM_WINDOW_EXPORT_TABLE_CSV, table, 0, 0);
  cli = lm_test_run_levelmap ("--dataset=england-2019", "--weight=imd.income=60", "--level=lad",
                              "--export-csv=-", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  text = read_text (table);
  g_assert_cmpstr (text, ==, cli.out);

  /* The left-behind list: the command line's rows, then whether each
   * entered or left against the official weights. */
  export_ok (window, LM_WINDOW_EXPORT_LEFT_BEHIND_CSV, left, 0, 0);
  cli_left = lm_test_run_levelmap ("--dataset=england-2019", "--weight=imd.income=60",
                                   "--left-behind", NULL);
  g_assert_cmpint (cli_left.status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = read_text (left);
  {
    g_autoptr(GError) csv_error = NULL;
    LmCsv *window_csv = lm_csv_parse ("left.csv", text, strlen (text), &csv_error);
    LmCsv *cli_csv = lm_csv_parse ("cli", cli_left.out, strlen (cli_left.out), &csv_error);
    guint row = 0;

    g_assert_no_error (csv_error);
    g_assert_cmpuint (lm_csv_get_n_columns (window_csv), ==, 6);
    g_assert_cmpstr (lm_csv_get_column_name (window_csv, 5), ==, "change");
    for (guint i = 0; i < lm_csv_get_n_rows (window_csv); i++)
      {
        n_entered += g_str_equal (lm_csv_get (window_csv, i, 5), "entered");
        n_left += g_str_equal (lm_csv_get (window_csv, i, 5), "left");
        if (!g_str_equal (lm_csv_get (window_csv, i, 3), "1"))
          continue;
        /* The command line's rows, in its order. */
        for (guint c = 0; c < 3; c++)
          g_assert_cmpstr (lm_csv_get (window_csv, i, c), ==, lm_csv_get (cli_csv, row, c));
        row++;
      }
    g_assert_cmpuint (row, ==, lm_csv_get_n_rows (cli_csv));
    lm_csv_free (window_csv);
    lm_csv_free (cli_csv);
  }
  entered = lm_model_get_left_behind_changes (model, TRUE);
  gone = lm_model_get_left_behind_changes (model, FALSE);
  g_assert_cmpuint (n_entered, ==, entered->len);
  g_assert_cmpuint (n_left, ==, gone->len);
  g_assert_cmpuint (n_entered + n_left, >, 0);

  /* The selection: those rows of the table. */
  lad = lm_dataset_find_level (lm_model_get_dataset (model), "lad");
  lm_selection_select (lm_view_get_selection (view), lad, areas, 2, LM_SELECTION_REPLACE);
  export_ok (window, LM_WINDOW_EXPORT_SELECTION_CSV, selected, 0, 0);
  g_clear_pointer (&text, g_free);
  text = read_text (selected);
  rows = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 4);
  {
    g_auto(GStrv) table_rows = g_strsplit (cli.out, "\n", -1);

    g_assert_cmpstr (rows[0], ==, table_rows[0]);
    g_assert_cmpstr (rows[1], ==, table_rows[1 + areas[0]]);
    g_assert_cmpstr (rows[2], ==, table_rows[1 + areas[1]]);
  }
  lm_test_remove_tree (folder);
}

/* The fractions the header's progress bar showed. */
typedef struct
{
  double   last;
  double   highest;
  gboolean backwards;
} Progress;

static void
on_fraction_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                Progress       *progress)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  /* Each export starts from 0; within one it only grows. */
  progress->backwards |= fraction > 0 && fraction < progress->last;
  progress->last = fraction;
  progress->highest = MAX (progress->highest, fraction);
}

/* One page per scene, each with its title; a picture per scene. */
static void
test_export_storyboard (Fixture       *fixture,
                        gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *folder = make_folder ("levelmap-export-XXXXXX");
  g_autofree char *pdf = g_build_filename (folder, "story.pdf", NULL);
  g_autofree char *path = example_path ();
  Progress progress = { 0 };
  GtkWidget *bar;
  gulong id;
  guint n;

  open_scenario (window, path);
  n = n_scenes (window);
  /* The header shows how far it has got, scene by scene, and only while
   * it runs. */
  bar = lm_test_find_type (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  g_assert_false (gtk_widget_is_visible (bar));
  id = g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction_cb), &progress);
  g_assert_true (_lm_window_export_start (window, LM_WINDOW_EXPORT_STORYBOARD_PDF, pdf, 1280, 720));
  g_assert_true (gtk_widget_is_visible (bar));
  lm_test_wait_until (export_done, window, "the export to finish");
  g_assert_no_error (_lm_window_export_get_error (window));
  g_signal_handler_disconnect (bar, id);
  g_assert_false (gtk_widget_is_visible (bar));
  g_test_message ("progress shown up to %.2f", progress.highest);
  g_assert_cmpfloat (progress.highest, >, 0);
  g_assert_cmpfloat (progress.highest, <=, 1);
  g_assert_false (progress.backwards);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *words = lm_test_pdf_text (pdf, i + 1, i + 1);
      g_autofree char *counter = g_strdup_printf ("Scene %u of %u", i + 1, n);

      g_assert_nonnull (strstr (words, lm_scene_get_title (scene_at (window, i))));
      g_assert_nonnull (strstr (words, counter));
      for (guint j = 0; j < n; j++)
        if (j != i)
          g_assert_null (strstr (words, lm_scene_get_title (scene_at (window, j))));
    }
  /* Not one page more. */
  {
    g_autofree char *beyond = g_strdup_printf ("Scene %u of", n + 1);
    g_autofree char *all = lm_test_pdf_text (pdf, 0, 0);

    g_assert_null (strstr (all, beyond));
  }

  export_ok (window, LM_WINDOW_EXPORT_STORYBOARD_PNGS, folder, 640, 360);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = lm_storyboard_png_name (scene_at (window, i), i);
      g_autofree char *png = g_build_filename (folder, name, NULL);
      g_autofree char *bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (png, &bytes, &length, NULL));
      g_assert_cmpuint (length, >, 24);
      /* The width and height of the IHDR chunk. */
      g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (bytes + 16)), ==, 640);
      g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (bytes + 20)), ==, 360);
    }
  lm_test_remove_tree (folder);
}

/* Custom weights are never silent: the figures exported say so, with the
 * domain changed, and name the data's sources; official weights say
 * nothing of the kind. */
static void
test_export_custom_weights (Fixture       *fixture,
                            gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmView *view = lm_window_get_view (window);
  LmStoryboard *storyboard = lm_document_get_storyboard (window->document);
  const char * const *attributions = lm_dataset_get_attributions (
    lm_model_get_dataset (lm_window_get_model (window)));
  g_autofree char *folder = make_folder ("levelmap-export-XXXXXX");
  g_autofree char *official = g_build_filename (folder, "official.pdf", NULL);
  g_autofree char *custom = g_build_filename (folder, "custom.pdf", NULL);
  g_autofree char *story = g_build_filename (folder, "story.pdf", NULL);
  g_autofree char *words = NULL;
  g_autoptr(LmScene) scene = NULL;

  g_assert_true (attributions != NULL && attributions[0] != NULL);
  lm_view_set_level_and_variable (view, "lad", "imd.score");
  export_ok (window, LM_WINDOW_EXPORT_MAP_SHOWN, official, 1200, 900);
  words = lm_test_pdf_text (official, 0, 0);
  g_assert_null (strstr (words, "Custom weights"));
  g_clear_pointer (&words, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  export_ok (window, LM_WINDOW_EXPORT_MAP_SHOWN, custom, 1200, 900);
  words = lm_test_pdf_text (custom, 0, 0);
  g_test_message ("%s", words);
  g_assert_nonnull (strstr (words, "Custom weights"));
  g_assert_nonnull (strstr (words, "Income"));
  g_assert_nonnull (strstr (words, "official"));
  /* The first words of each source: pdftotext may break the rest. */
  for (guint i = 0; attributions[i] != NULL; i++)
    {
      g_autofree char *start = g_strndup (attributions[i], 12);

      g_assert_nonnull (strstr (words, start));
    }
  g_clear_pointer (&words, g_free);

  /* A scene keeps its weights: its page says so, whatever the window's. */
  scene = lm_scene_new_from_view (view, "Income counts more", "", FALSE);
  lm_storyboard_append (storyboard, scene);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-weights", NULL));
  export_ok (window, LM_WINDOW_EXPORT_STORYBOARD_PDF, story, 1280, 720);
  words = lm_test_pdf_text (story, 1, 1);
  g_assert_nonnull (strstr (words, "Income counts more"));
  g_assert_nonnull (strstr (words, "Custom weights"));
  g_assert_nonnull (strstr (words, "Income"));
  lm_test_remove_tree (folder);
}

/* Closing the window with unsaved work asks first; Cancel keeps both. */
static void
test_close_asks (Fixture       *fixture,
                 gconstpointer  data)
{
  LmWindow *window = fixture->window;
  LmWindow *gone = window;
  AdwMessageDialog *asked;

  /* Nothing to lose: it goes without a question (one would keep it). */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &gone);
  gtk_window_close (GTK_WINDOW (window));
  lm_test_wait_until (is_unset, &gone, "the window to go");
  fixture->window = window = open_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-weight", "(ssd)",
                                             "imd", "income", 60.0));
  gtk_window_close (GTK_WINDOW (window));
  asked = find_message_dialog (window);
  g_assert_nonnull (asked);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (asked), "not saved"));
  respond (asked, "cancel");
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (lm_document_get_modified (window->document));
  g_assert_cmpfloat (lm_model_get_weight (lm_window_get_model (window), "imd", "income"), ==, 60);
}

static gboolean
clipboard_has_texture (gpointer data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (data);

  return gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                            GDK_TYPE_TEXTURE);
}

/* Copy Map: an opaque slide-sized picture, not the widget's size. */
static void
test_copy_map (Fixture       *fixture,
               gconstpointer  data)
{
  LmWindow *window = fixture->window;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  GdkTexture *texture;
  guint transparent = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-map", NULL));
  lm_test_wait_until (export_done, window, "the copy");
  g_assert_no_error (_lm_window_export_get_error (window));
  lm_test_wait_until (clipboard_has_texture, window, "the clipboard");
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value,
                                                 &error));
  g_assert_no_error (error);
  texture = g_value_get_object (&value);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);
  pixels = g_malloc ((gsize) 1920 * 1080 * 4);
  gdk_texture_download (texture, pixels, 1920 * 4);
  for (gsize i = 3; i < (gsize) 1920 * 1080 * 4; i += 4)
    transparent += pixels[i] != 0xff;
  g_assert_cmpuint (transparent, ==, 0);
}

/* A full-size LSOA PDF does not stop the window: a timeout keeps firing
 * while it is written, and Cancel leaves no file behind. */
static void
test_export_in_background (Fixture       *fixture,
                           gconstpointer  data)
{
  LmWindow *window = fixture->window;
  g_autofree char *folder = make_folder ("levelmap-export-XXXXXX");
  g_autofree char *pdf = g_build_filename (folder, "lsoa.pdf", NULL);
  g_autofree char *cancelled = g_build_filename (folder, "cancelled.pdf", NULL);
  Ticks ticks = { window, 0 };
  guint id;

  lm_view_set_level (lm_window_get_view (window), "lsoa");
  /* The switch to 32,844 areas is the window's own work, done in its
   * first frames: slow in a sanitizer build on a busy machine, it would
   * hold the main loop while the export ran, which is what is measured. */
  lm_test_wait_for_frames (GTK_WIDGET (window));
  lm_test_wait_for_frames (GTK_WIDGET (window));
  id = g_timeout_add (10, tick_cb, &ticks);
  export_ok (window, LM_WINDOW_EXPORT_MAP_WHOLE, pdf, 1600, 2000);
  g_source_remove (id);
  g_test_message ("%u ticks of 10 ms while the LSOA PDF was written", ticks.ticks);
  g_assert_cmpuint (ticks.ticks, >=, 3);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_assert_true (_lm_window_export_start (window, LM_WINDOW_EXPORT_MAP_WHOLE, cancelled, 1600,
                                          2000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-export", NULL));
  lm_test_wait_until (export_done, window, "the export to stop");
  g_assert_error (_lm_window_export_get_error (window), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The thread may still finish its drawing; its file is dropped. */
  lm_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  lm_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lm_test_window_init (&argc, &argv))
    return g_test_run ();

  ADD_TEST ("/window/story/open-and-save", test_open_and_save);
  ADD_TEST ("/window/story/open-other-data", test_open_other_data);
  ADD_TEST ("/window/story/open-recent", test_open_recent);
  ADD_TEST ("/window/story/open-with-options", test_open_with_options);
  ADD_TEST ("/window/story/open-with-options-cancelled", test_open_with_options_cancelled);
  ADD_TEST ("/window/story/open-problems", test_open_problems);
  ADD_TEST ("/window/story/close-asks", test_close_asks);
  ADD_TEST ("/window/story/undo-reset", test_undo_reset);
  ADD_TEST ("/window/story/reset-toasts", test_reset_toasts);
  ADD_TEST ("/window/story/presentation-keys", test_presentation_keys);
  ADD_TEST ("/window/story/leave-before-paint", test_leave_before_paint);
  ADD_TEST ("/window/story/present-view", test_present_view);
  ADD_TEST ("/window/story/storyboard-editor", test_storyboard_editor);
  ADD_TEST ("/window/story/export-map", test_export_map);
  ADD_TEST ("/window/story/export-csv", test_export_csv);
  ADD_TEST ("/window/story/export-storyboard", test_export_storyboard);
  ADD_TEST ("/window/story/export-custom-weights", test_export_custom_weights);
  ADD_TEST ("/window/story/copy-map", test_copy_map);
  ADD_TEST ("/window/story/export-in-background", test_export_in_background);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
