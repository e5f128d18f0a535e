/* test-history.c — undo and redo of weights, locks and thresholds: a
 * drag is one step, a reset is a step, undo after a reset and a later
 * edit
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Quadria (tests/lm-synthetic.c): hardship weights 2, 1, 1.
 */
#undef G_DISABLE_ASSERT

#include "lm-history.h"
#include "lm-synthetic.h"

static char *manifest;

typedef struct
{
  LmView    *view;
  LmModel   *model;
  LmHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);

  g_assert_no_error (error);
  fixture->model = lm_model_new (dataset);
  fixture->view = lm_view_new ();
  lm_view_set_model (fixture->view, fixture->model);
  fixture->history = lm_history_new (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->view);
  g_clear_object (&fixture->model);
}

static double
wages (Fixture *fixture)
{
  return lm_model_get_weight (fixture->model, "hdx", "wages");
}

static double
air (Fixture *fixture)
{
  return lm_model_get_weight (fixture->model, "hdx", "air");
}

static void
set_weight (Fixture    *fixture,
            const char *domain,
            double      value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lm_model_set_weight (fixture->model, "hdx", domain, value, &error));
  g_assert_no_error (error);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  LmHistory *history = fixture->history;

  g_assert_false (lm_history_get_can_undo (history));
  g_assert_false (lm_history_undo (history));
  set_weight (fixture, "wages", 5);
  lm_history_seal (history);
  set_weight (fixture, "air", 3);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 3);
  g_assert_true (lm_history_get_can_undo (history));

  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_cmpfloat (air (fixture), ==, 1);
  g_assert_true (lm_history_get_can_redo (history));
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 2);
  g_assert_false (lm_history_get_can_undo (history));
  g_assert_true (lm_view_get_custom_weights (fixture->view) == FALSE);

  g_assert_true (lm_history_redo (history));
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_true (lm_history_redo (history));
  g_assert_cmpfloat (air (fixture), ==, 3);
  g_assert_false (lm_history_redo (history));

  /* A change after an undo drops what could be redone. */
  g_assert_true (lm_history_undo (history));
  set_weight (fixture, "schooling", 4);
  g_assert_false (lm_history_get_can_redo (history));
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 3);
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (lm_model_get_weight (fixture->model, "hdx", "schooling"), ==, 1);
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_cmpfloat (air (fixture), ==, 1);
}

/* A slider drag: many values of one domain in quick succession. */
static void
test_drag_is_one_step (Fixture       *fixture,
                       gconstpointer  data)
{
  LmHistory *history = fixture->history;

  for (guint i = 1; i <= 40; i++)
    set_weight (fixture, "wages", 2 + i * 0.1);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 2);
  g_assert_cmpfloat_with_epsilon (wages (fixture), 6, 1e-12);

  /* Another domain is another step, even at once. */
  set_weight (fixture, "air", 2);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 3);

  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (air (fixture), ==, 1);
  g_assert_cmpfloat_with_epsilon (wages (fixture), 6, 1e-12);
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 2);
}

/* Dragged away and back again: nothing to undo. */
static void
test_drag_back (Fixture       *fixture,
                gconstpointer  data)
{
  set_weight (fixture, "wages", 3);
  set_weight (fixture, "wages", 4);
  set_weight (fixture, "wages", 2);
  g_assert_cmpuint (lm_history_get_n_states (fixture->history), ==, 1);
  g_assert_false (lm_history_get_can_undo (fixture->history));
}

static void
test_seal (Fixture       *fixture,
           gconstpointer  data)
{
  set_weight (fixture, "wages", 3);
  lm_history_seal (fixture->history);
  set_weight (fixture, "wages", 4);
  g_assert_cmpuint (lm_history_get_n_states (fixture->history), ==, 3);
  g_assert_true (lm_history_undo (fixture->history));
  g_assert_cmpfloat (wages (fixture), ==, 3);
}

/* The reset is a step of the same history: undone after a later edit,
 * nothing of that edit is lost. */
static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  LmHistory *history = fixture->history;

  set_weight (fixture, "wages", 5);
  lm_history_seal (history);
  lm_model_reset_weights (fixture->model, NULL);
  lm_history_seal (history);
  g_assert_cmpfloat (wages (fixture), ==, 2);

  /* Undo the reset at once. */
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_true (lm_history_redo (history));
  g_assert_cmpfloat (wages (fixture), ==, 2);

  /* An edit after the reset, then undo: the edit goes, then the reset. */
  set_weight (fixture, "air", 4);
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (air (fixture), ==, 1);
  g_assert_cmpfloat (wages (fixture), ==, 2);
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_cmpfloat (air (fixture), ==, 1);
  /* And the edit can come back. */
  g_assert_true (lm_history_redo (history));
  g_assert_true (lm_history_redo (history));
  g_assert_cmpfloat (air (fixture), ==, 4);
  g_assert_cmpfloat (wages (fixture), ==, 2);

  /* Undo of a reset, then an edit: the reset can be undone no more, the
   * weights before it and the edit stay. */
  g_assert_true (lm_history_undo (history));
  g_assert_true (lm_history_undo (history));
  set_weight (fixture, "air", 3);
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_cmpfloat (air (fixture), ==, 3);
  g_assert_false (lm_history_get_can_redo (history));
  g_assert_true (lm_history_undo (history));
  g_assert_cmpfloat (wages (fixture), ==, 5);
  g_assert_cmpfloat (air (fixture), ==, 1);
}

static void
test_locks_and_thresholds (Fixture       *fixture,
                           gconstpointer  data)
{
  LmHistory *history = fixture->history;
  const char * const one[] = { "hdx.air", NULL };
  const char * const two[] = { "hdx.air", "sfi.trust", NULL };
  double values[] = { 20, 34 };
  g_autoptr(GVariant) thresholds = g_variant_ref_sink (
    g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, 2, sizeof (double)));

  /* Two locks at once are still two steps. */
  lm_view_set_locked (fixture->view, one);
  lm_view_set_locked (fixture->view, two);
  lm_view_set_thresholds (fixture->view, thresholds);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 4);

  g_assert_true (lm_history_undo (history));
  {
    g_autoptr(GVariant) now = lm_view_get_thresholds (fixture->view);
    gsize n;
    const double *v = g_variant_get_fixed_array (now, &n, sizeof (double));

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpfloat (v[0], ==, 34);
  }
  g_assert_true (lm_history_undo (history));
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (fixture->view)), ==, 1);
  g_assert_true (lm_history_undo (history));
  g_assert_cmpuint (g_strv_length ((char **) lm_view_get_locked (fixture->view)), ==, 0);
}

/* Changes of what the history does not keep are not steps. */
static void
test_other_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  lm_view_set_n_classes (fixture->view, 8);
  lm_view_set_level (fixture->view, "canton");
  g_assert_cmpuint (lm_history_get_n_states (fixture->history), ==, 1);
}

static void
test_recording (Fixture       *fixture,
                gconstpointer  data)
{
  LmHistory *history = fixture->history;

  lm_history_set_recording (history, FALSE);
  set_weight (fixture, "wages", 7);
  set_weight (fixture, "air", 7);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 1);

  /* Back as it was: nothing happened. */
  set_weight (fixture, "wages", 2);
  set_weight (fixture, "air", 1);
  lm_history_set_recording (history, TRUE);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 1);

  /* Left changed: one step, not merged with the next change. */
  lm_history_set_recording (history, FALSE);
  set_weight (fixture, "wages", 7);
  lm_history_set_recording (history, TRUE);
  set_weight (fixture, "wages", 8);
  g_assert_cmpuint (lm_history_get_n_states (history), ==, 3);
}

static void
test_new_model (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);
  g_autoptr(LmModel) model = lm_model_new (dataset);

  set_weight (fixture, "wages", 7);
  g_assert_true (lm_history_get_can_undo (fixture->history));
  lm_view_set_model (fixture->view, model);
  g_assert_false (lm_history_get_can_undo (fixture->history));
  g_assert_cmpuint (lm_history_get_n_states (fixture->history), ==, 1);

  set_weight (fixture, "wages", 7);
  lm_history_clear (fixture->history);
  g_assert_false (lm_history_get_can_undo (fixture->history));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify (Fixture       *fixture,
             gconstpointer  data)
{
  guint undo = 0, redo = 0;

  g_signal_connect (fixture->history, "notify::can-undo", G_CALLBACK (count_notify), &undo);
  g_signal_connect (fixture->history, "notify::can-redo", G_CALLBACK (count_notify), &redo);
  set_weight (fixture, "wages", 3);
  set_weight (fixture, "wages", 4);
  g_assert_cmpuint (undo, ==, 1);
  lm_history_undo (fixture->history);
  g_assert_cmpuint (undo, ==, 2);
  g_assert_cmpuint (redo, ==, 1);
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

  ADD ("/history/undo-redo", test_undo_redo);
  ADD ("/history/drag-is-one-step", test_drag_is_one_step);
  ADD ("/history/drag-back", test_drag_back);
  ADD ("/history/seal", test_seal);
  ADD ("/history/reset", test_reset);
  ADD ("/history/locks-and-thresholds", test_locks_and_thresholds);
  ADD ("/history/other-settings", test_other_settings);
  ADD ("/history/recording", test_recording);
  ADD ("/history/new-model", test_new_model);
  ADD ("/history/notify", test_notify);

  status = g_test_run ();
  lm_synthetic_remove (manifest);
  g_free (manifest);
  return status;
}
