/* test-document.c — the document a window edits: modified or not, saved,
 * opened, new
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "lm-document.h"
#include "lm-synthetic.h"

#include "lm-test-files.h"

static char *manifest;

typedef struct
{
  LmModel    *model;
  LmView     *view;
  LmDocument *document;
  char       *folder;
} Fixture;

static LmModel *
load_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);

  g_assert_no_error (error);
  return lm_model_new (dataset);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->model = load_model ();
  fixture->view = lm_view_new ();
  lm_view_set_model (fixture->view, fixture->model);
  fixture->document = lm_document_new (fixture->view);
  fixture->folder = g_dir_make_tmp ("levelmap-document-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->document);
  g_clear_object (&fixture->view);
  g_clear_object (&fixture->model);
  lm_test_remove_tree (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lm_document_save_finish (LM_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static GFile *
save (Fixture    *fixture,
      const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  GFile *file = g_file_new_for_path (path);
  gboolean done = FALSE;

  lm_document_save_async (fixture->document, file, NULL, on_saved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return file;
}

static LmScene *
scene_of_view (Fixture    *fixture,
               const char *title)
{
  g_autoptr(LmViewSnapshot) snapshot = lm_view_take_snapshot (fixture->view);

  return lm_scene_new (title, "", snapshot, NULL, FALSE);
}

static void
test_modified (Fixture       *fixture,
               gconstpointer  data)
{
  LmDocument *document = fixture->document;
  g_autoptr(LmScene) scene = NULL;

  g_assert_false (lm_document_get_modified (document));
  g_assert_null (lm_document_get_file (document));
  g_assert_cmpstr (lm_document_get_title (document), ==, "Untitled Scenario");

  g_assert_true (lm_model_set_weight (fixture->model, "hdx", "wages", 4, NULL));
  g_assert_true (lm_document_get_modified (document));
  /* Undone back to where it was: not modified. */
  g_assert_true (lm_history_undo (lm_document_get_history (document)));
  g_assert_false (lm_document_get_modified (document));

  /* The view's other settings, the selection and the scenes count. */
  lm_view_set_n_classes (fixture->view, 9);
  g_assert_true (lm_document_get_modified (document));
  lm_view_set_n_classes (fixture->view, 5);
  g_assert_false (lm_document_get_modified (document));
  scene = scene_of_view (fixture, "One");
  lm_storyboard_append (lm_document_get_storyboard (document), scene);
  g_assert_true (lm_document_get_modified (document));
  lm_storyboard_remove (lm_document_get_storyboard (document), 0);
  g_assert_false (lm_document_get_modified (document));
}

static void
test_save_and_open (Fixture       *fixture,
                    gconstpointer  data)
{
  LmDocument *document = fixture->document;
  g_autoptr(LmScene) scene = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LmScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_assert_true (lm_model_set_weight (fixture->model, "hdx", "air", 3, NULL));
  scene = scene_of_view (fixture, "Air matters");
  lm_storyboard_append (lm_document_get_storyboard (document), scene);
  file = save (fixture, "air.levelmap");
  g_assert_false (lm_document_get_modified (document));
  g_assert_true (g_file_equal (lm_document_get_file (document), file));
  g_assert_cmpstr (lm_document_get_title (document), ==, "air.levelmap");

  /* Another window's document opens it. */
  scenario = lm_scenario_load (file, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LmModel) model = load_model ();
    g_autoptr(LmView) view = lm_view_new ();
    g_autoptr(LmDocument) other = NULL;

    lm_view_set_model (view, model);
    other = lm_document_new (view);
    g_assert_true (lm_model_set_weight (model, "hdx", "wages", 9, NULL));
    g_assert_true (lm_document_open (other, scenario, file, &error));
    g_assert_no_error (error);
    g_assert_false (lm_document_get_modified (other));
    g_assert_false (lm_history_get_can_undo (lm_document_get_history (other)));
    g_assert_cmpfloat (lm_model_get_weight (model, "hdx", "air"), ==, 3);
    g_assert_cmpfloat (lm_model_get_weight (model, "hdx", "wages"), ==, 2);
    g_assert_cmpuint (lm_storyboard_get_n_scenes (lm_document_get_storyboard (other)), ==, 1);
    g_assert_cmpstr (lm_document_get_title (other), ==, "air.levelmap");

    /* Another dataset under a file's scenario is a change. */
    {
      g_autoptr(LmModel) next = load_model ();

      lm_view_set_model (view, next);
      g_assert_true (lm_document_get_modified (other));
    }
  }
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  LmDocument *document = fixture->document;
  g_autoptr(LmScene) scene = NULL;
  g_autoptr(GFile) file = NULL;
  const char * const locked[] = { "hdx.air", NULL };
  LmBounds extent = { 0, 0, 10, 10 };
  guint area = 3;

  g_assert_true (lm_model_set_weight (fixture->model, "hdx", "air", 3, NULL));
  g_assert_true (lm_model_set_left_behind_threshold (fixture->model, 0, 10, NULL));
  lm_view_set_locked (fixture->view, locked);
  lm_view_set_extent (fixture->view, &extent);
  lm_view_set_n_classes (fixture->view, 8);
  lm_selection_select (lm_view_get_selection (fixture->view),
                       lm_dataset_get_level (lm_model_get_dataset (fixture->model), 0), &area, 1,
                       LM_SELECTION_REPLACE);
  scene = scene_of_view (fixture, "One");
  lm_storyboard_append (lm_document_get_storyboard (document), scene);
  file = save (fixture, "before.levelmap");

  lm_document_reset (document);
  g_assert_null (lm_document_get_file (document));
  g_assert_false (lm_document_get_modified (document));
  g_assert_false (lm_history_get_can_undo (lm_document_get_history (document)));
  g_assert_true (lm_model_weights_are_default (fixture->model));
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (fixture->view)), ==, 0);
  g_assert_null (lm_view_get_extent (fixture->view));
  g_assert_true (lm_selection_is_empty (lm_view_get_selection (fixture->view)));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (lm_document_get_storyboard (document)), ==, 0);
  {
    g_autoptr(GVariant) thresholds = lm_view_get_thresholds (fixture->view);
    gsize n;
    const double *v = g_variant_get_fixed_array (thresholds, &n, sizeof (double));

    g_assert_cmpfloat (v[0], ==, 34);
  }
  /* A preference, not an analysis: kept. */
  g_assert_cmpuint (lm_view_get_n_classes (fixture->view), ==, 8);

  /* An untitled document moves to new data unmodified. */
  {
    g_autoptr(LmModel) next = load_model ();

    lm_view_set_model (fixture->view, next);
    g_assert_false (lm_document_get_modified (document));
  }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  manifest = lm_synthetic_write ();

  ADD ("/document/modified", test_modified);
  ADD ("/document/save-and-open", test_save_and_open);
  ADD ("/document/reset", test_reset);

  status = g_test_run ();
  lm_synthetic_remove (manifest);
  g_free (manifest);
  return status;
}
