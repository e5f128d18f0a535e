/* test-file-io.c — reading untrusted input files, writing outputs atomically
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lm-atomic-file.h"
#include "lm-input-file.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lm-file-io-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names in the folder, sorted and joined with spaces: shows any
 * temporary file left behind. */
static char *
list_dir (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                */
/* ---------------------------------------------------------------------- */

/* Reads @path, which must fail with @domain and @code; returns the message,
 * which must name @path. */
static char *
read_error (const char *path,
            gsize       max_bytes,
            GQuark      domain,
            int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_false (lm_input_file_read (path, max_bytes, &data, &length, &error));
  g_assert_null (data);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  assert_contains (error->message, path);
  return g_strdup (error->message);
}

static void
test_read_regular (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "a.csv");
  g_autofree char *link = path_in (fixture, "link.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *via_link = NULL;
  gsize length = 0;

  write_text (path, "a,b\n1,2\n");
  g_assert_true (lm_input_file_read (path, 100, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 8);
  g_assert_cmpstr (contents, ==, "a,b\n1,2\n");   /* NUL-terminated */

  /* A link to a regular file is read like the file; so is a file of
   * exactly the limit. */
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_true (lm_input_file_read (link, 8, &via_link, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (via_link, ==, contents);
}

static void
test_read_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "missing.csv");
  g_autofree char *message = read_error (path, 100, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_read_fifo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "pipe.csv");
  g_autofree char *message = NULL;
  gint64 start;

  /* Nobody ever writes to it: opening it for reading would block for
   * ever, reading it would wait for ever. It must be refused at once. */
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  start = g_get_monotonic_time ();
  message = read_error (path, 100, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (message, "named pipe");
  g_test_message ("refused in %.3f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_read_devices (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *link = path_in (fixture, "zero.csv");
  g_autofree char *message = NULL;
  int fds[2];
  int saved_stdin;

  message = read_error ("/dev/zero", G_MAXSIZE, LM_INPUT_FILE_ERROR,
                        LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (message, "a device");
  g_clear_pointer (&message, g_free);

  /* A table "file" that is a link to /dev/zero, as a manifest can name. */
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  message = read_error (link, G_MAXSIZE, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  g_clear_pointer (&message, g_free);

  /* /dev/stdin is whatever standard input is: make it a pipe nobody
   * writes to, which would otherwise be read for ever. */
  g_assert_cmpint (pipe (fds), ==, 0);
  saved_stdin = dup (STDIN_FILENO);
  g_assert_cmpint (dup2 (fds[0], STDIN_FILENO), ==, STDIN_FILENO);
  message = read_error ("/dev/stdin", G_MAXSIZE, LM_INPUT_FILE_ERROR,
                        LM_INPUT_FILE_ERROR_NOT_REGULAR);
  g_assert_cmpint (dup2 (saved_stdin, STDIN_FILENO), ==, STDIN_FILENO);
  close (saved_stdin);
  close (fds[0]);
  close (fds[1]);
}

static void
test_read_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *message = read_error (fixture->dir, 100, LM_INPUT_FILE_ERROR,
                                         LM_INPUT_FILE_ERROR_NOT_REGULAR);

  assert_contains (message, "a folder");
}

static void
test_read_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "big.csv");
  g_autofree char *sparse = path_in (fixture, "sparse.csv");
  g_autofree char *message = NULL;
  int fd;

  write_text (path, "0123456789x");
  message = read_error (path, 10, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_TOO_LARGE);
  g_clear_pointer (&message, g_free);

  /* One byte over the table limit, as a sparse file: it costs no disk,
   * and must cost no memory either. */
  fd = g_open (sparse, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) LM_INPUT_FILE_MAX_TABLE_BYTES + 1), ==, 0);
  close (fd);
  message = read_error (sparse, LM_INPUT_FILE_MAX_TABLE_BYTES, LM_INPUT_FILE_ERROR,
                        LM_INPUT_FILE_ERROR_TOO_LARGE);
}

/* ---------------------------------------------------------------------- */
/* Writing                                                                */
/* ---------------------------------------------------------------------- */

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

/* Writes @path, which must fail with G_IO_ERROR @code naming @path and
 * never a temporary file. */
static char *
write_error (const char *path,
             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_prefix = g_strconcat (".", base, ".", NULL);

  g_assert_false (lm_atomic_file_set_contents (path, "new", 3, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s", error->message);
  assert_contains (error->message, path);
  g_assert_null (strstr (error->message, tmp_prefix));
  return g_strdup (error->message);
}

static void
test_write_new_and_replace (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "out.csv");
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (lm_atomic_file_set_contents (path, "first", 5, &error));
  g_assert_no_error (error);
  assert_file_is (path, "first");

  /* Replacing keeps the file's permissions. */
  g_assert_cmpint (chmod (path, 0640), ==, 0);
  g_assert_true (lm_atomic_file_set_contents (path, "second", 6, &error));
  g_assert_no_error (error);
  assert_file_is (path, "second");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  listing = list_dir (fixture);
  g_assert_cmpstr (listing, ==, "out.csv");
}

static void
test_write_through_link (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *real = path_in (fixture, "real.csv");
  g_autofree char *link = path_in (fixture, "link.csv");
  g_autoptr(GError) error = NULL;
  struct stat st;

  write_text (real, "old");
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);
  g_assert_true (lm_atomic_file_set_contents (link, "new", 3, &error));
  g_assert_no_error (error);

  /* The file the link names is replaced; the link stays a link. */
  assert_file_is (real, "new");
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
}

static void
test_write_refuses_special (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *fifo = path_in (fixture, "pipe.csv");
  g_autofree char *device_link = path_in (fixture, "full.csv");
  g_autofree char *dangling = path_in (fixture, "dangling.csv");
  g_autofree char *message = NULL;
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  message = write_error (fifo, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_contains (message, "named pipe");
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* As root, renaming over /dev/full replaced the device node. */
  message = write_error ("/dev/full", G_IO_ERROR_NOT_REGULAR_FILE);
  assert_contains (message, "a device");
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  g_assert_cmpint (symlink ("/dev/full", device_link), ==, 0);
  message = write_error (device_link, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (lstat (device_link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  g_assert_cmpint (symlink ("nowhere.csv", dangling), ==, 0);
  message = write_error (dangling, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_contains (message, "link to nothing");
  g_clear_pointer (&message, g_free);

  message = write_error (fixture->dir, G_IO_ERROR_IS_DIRECTORY);
  assert_contains (message, "a folder");

  listing = list_dir (fixture);
  g_assert_cmpstr (listing, ==, "dangling.csv full.csv pipe.csv");
}

static void
test_write_missing_folder (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no", "such", "out.csv", NULL);
  g_autofree char *message = write_error (path, G_IO_ERROR_NOT_FOUND);
}

/* Runs @child in a forked process and returns its wait status. */
static int
run_forked (void (*child) (gpointer),
            gpointer  user_data)
{
  int status = 0;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      child (user_data);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

static void
write_past_size_limit (gpointer user_data)
{
  const char *path = user_data;
  struct rlimit limit = { 4096, 4096 };
  g_autofree char *big = g_malloc0 (1024 * 1024);
  g_autoptr(GError) error = NULL;

  /* A disk that fills up half way: past 4 kB every write fails. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
  if (lm_atomic_file_set_contents (path, big, 1024 * 1024, &error))
    _exit (2);
  if (error->domain != G_IO_ERROR || strstr (error->message, path) == NULL ||
      strstr (error->message, "out.csv.") != NULL)
    _exit (3);
  _exit (0);
}

static void
test_write_failure_keeps_old (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "out.csv");
  g_autofree char *listing = NULL;
  int status;

  write_text (path, "old");
  status = run_forked (write_past_size_limit, path);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* The old file is intact, and no temporary file is left. */
  assert_file_is (path, "old");
  listing = list_dir (fixture);
  g_assert_cmpstr (listing, ==, "out.csv");
}

static void
die_while_writing (gpointer user_data)
{
  const char *path = user_data;
  LmAtomicFile *file = lm_atomic_file_new (path, NULL);

  if (file == NULL)
    _exit (2);
  fputs ("half", lm_atomic_file_get_stream (file));
  fflush (lm_atomic_file_get_stream (file));
  raise (SIGTERM);
  _exit (3);
}

static void
test_write_signal_cleans_up (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "out.csv");
  g_autofree char *listing = NULL;
  int status;

  write_text (path, "old");
  status = run_forked (die_while_writing, path);

  /* The process still dies of the signal, as a shell expects ... */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGTERM);
  /* ... but its temporary file went with it. */
  assert_file_is (path, "old");
  listing = list_dir (fixture);
  g_assert_cmpstr (listing, ==, "out.csv");
}

typedef struct
{
  const char *stdout_path;   /* NULL: close standard output */
  int         expected_code;
} StdoutCase;

static void
write_to_broken_stdout (gpointer user_data)
{
  const StdoutCase *c = user_data;
  g_autoptr(GError) error = NULL;

  if (c->stdout_path != NULL)
    {
      int fd = open (c->stdout_path, O_WRONLY);

      if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
        _exit (2);
    }
  else
    {
      close (STDOUT_FILENO);
    }
  if (lm_write_stdout ("x\n", 2, &error))
    _exit (3);
  if (!g_error_matches (error, G_IO_ERROR, c->expected_code) ||
      strstr (error->message, "standard output") == NULL)
    _exit (4);
  _exit (0);
}

static void
test_stdout_failures (void)
{
  static const StdoutCase full = { "/dev/full", G_IO_ERROR_NO_SPACE };
  static const StdoutCase closed = { NULL, G_IO_ERROR_FAILED };
  int status;

  status = run_forked (write_to_broken_stdout, (gpointer) &full);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* EBADF has no G_IO_ERROR of its own. */
  status = run_forked (write_to_broken_stdout, (gpointer) &closed);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/input-file/regular", test_read_regular);
  ADD ("/model/input-file/missing", test_read_missing);
  ADD ("/model/input-file/fifo", test_read_fifo);
  ADD ("/model/input-file/devices", test_read_devices);
  ADD ("/model/input-file/folder", test_read_folder);
  ADD ("/model/input-file/too-large", test_read_too_large);
  ADD ("/model/atomic-file/new-and-replace", test_write_new_and_replace);
  ADD ("/model/atomic-file/through-link", test_write_through_link);
  ADD ("/model/atomic-file/refuses-special", test_write_refuses_special);
  ADD ("/model/atomic-file/missing-folder", test_write_missing_folder);
  ADD ("/model/atomic-file/failure-keeps-old", test_write_failure_keeps_old);
  ADD ("/model/atomic-file/signal-cleans-up", test_write_signal_cleans_up);
#undef ADD
  g_test_add_func ("/model/atomic-file/stdout-failures", test_stdout_failures);

  return g_test_run ();
}
