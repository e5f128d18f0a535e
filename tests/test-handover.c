/* test-handover.c — a second `levelmap FILE.levelmap --option` hands its
 * file and options to the window already open
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a session bus of the test's own (meson runs it under
 * dbus-run-session): this process is the running Levelmap, and the
 * levelmap binary, started as a user would, finds it there.
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lm-test-files.h"
#include "lm-test-window-fixture.h"

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* levelmap with @first… as arguments, to its end (meanwhile this
 * process answers its call on the bus); with @data_dir as its
 * LEVELMAP_DATA_DIR unless NULL. */
static void
run_second_in (const char *data_dir,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("LEVELMAP_BINARY"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (data_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "LEVELMAP_DATA_DIR", data_dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_exited_cb, &done);
  lm_test_wait_until (is_set, &done, "the second levelmap to hand over and exit");
  if (g_subprocess_get_if_signaled (process))
    g_error ("the second levelmap was killed by signal %d", g_subprocess_get_term_sig (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

#define run_second(...) run_second_in (NULL, __VA_ARGS__)

static LmWindow *
find_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (LM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

typedef struct
{
  const char *level;
  const char *variable;
  guint       n_classes;
  GFile      *file;
} Expected;

static gboolean
shows (gpointer data)
{
  Expected *expected = data;
  LmWindow *window = find_window ();
  LmView *view = window != NULL ? lm_window_get_view (window) : NULL;

  return window != NULL && !lm_window_get_loading (window) &&
         lm_window_get_model (window) != NULL &&
         lm_document_get_file (window->document) != NULL &&
         g_file_equal (lm_document_get_file (window->document), expected->file) &&
         g_strcmp0 (lm_view_get_level (view), expected->level) == 0 &&
         g_strcmp0 (lm_view_get_variable (view), expected->variable) == 0 &&
         lm_view_get_n_classes (view) == expected->n_classes;
}

static void
test_handover (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-handover-XXXXXX", &error);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                    "england-2019-left-behind.levelmap", NULL);
  g_autofree char *path = g_build_filename (folder, "story.levelmap", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  Expected expected = { "lad", "imd.score", 7, NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  file = g_file_new_for_path (path);
  expected.file = file;

  /* No window yet: the second start opens one on the scenario, with the
   * options over it (the scenario shows LSOAs, 10 classes). */
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_assert_null (find_window ());
  run_second (path, "--level=lad", "--classes=7", NULL);
  lm_test_wait_until (shows, &expected, "the window to show the handed-over scenario");

  /* A window already open: its view takes the options. */
  expected.variable = "cni.score";
  run_second ("--variable=cni.score", NULL);
  lm_test_wait_until (shows, &expected, "the window to take the handed-over option");
  g_assert_true (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))) == 1);

  gtk_window_destroy (GTK_WINDOW (find_window ()));
  lm_test_remove_tree (folder);
}

/* Whether anything in, or @folder itself, was opened since the last
 * call (@fd: inotify watching it for IN_OPEN). */
static gboolean
was_opened (int fd)
{
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  gssize length = read (fd, buffer, sizeof buffer);

  if (length < 0)
    {
      g_assert_cmpint (errno, ==, EAGAIN);
      return FALSE;
    }
  return length > 0;
}

static gboolean
shows_classes (gpointer data)
{
  LmWindow *window = find_window ();

  return window != NULL && !lm_window_get_loading (window) &&
         lm_window_get_model (window) != NULL &&
         lm_view_get_n_classes (lm_window_get_view (window)) == GPOINTER_TO_UINT (data);
}

/* A second start only hands over: it reads no data. Its own load, begun
 * before it knew it was the second, ran on in its threads while the
 * process exited, which once killed it. Its data folder here is one only
 * it is told of, watched for anything opened in it. */
static void
test_second_reads_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-handover-XXXXXX", &error);
  int fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (fd, folder, IN_OPEN), >=, 0);
  /* The watch sees a folder being read. */
  g_dir_close (g_dir_open (folder, 0, NULL));
  g_assert_true (was_opened (fd));

  g_assert_null (find_window ());
  run_second_in (folder, "--classes=5", NULL);
  g_assert_false (was_opened (fd));
  /* Another, most likely while the window the first one opened still
   * loads: the later options win either way. */
  run_second_in (folder, "--classes=6", NULL);
  g_assert_false (was_opened (fd));
  lm_test_wait_until (shows_classes, GUINT_TO_POINTER (6), "the window to take the options");

  gtk_window_destroy (GTK_WINDOW (find_window ()));
  close (fd);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/handover/no-display", lm_test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  /* The running Levelmap: unique, on the test's bus. */
  app = lm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/handover/file-and-options", test_handover);
  g_test_add_func ("/handover/second-reads-nothing", test_second_reads_nothing);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
