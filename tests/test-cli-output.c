/* test-cli-output.c — the command line on hostile datasets and failing outputs
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* A copy of the england-2019 vintage with its manifest, made once; each
 * hostile dataset is a folder of hard links to it with one file swapped
 * for a broken one, so the real data are never touched. */
static char *work_dir;
static char *base_dir;

#define MANIFEST "england-2019.xml"

typedef struct
{
  int   status;       /* exit status, or -1 when killed by a signal */
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* What the child's standard output is. */
typedef enum
{
  STDOUT_NULL,
  STDOUT_FULL,
  STDOUT_CLOSED,
} StdoutKind;

static void
child_setup (gpointer user_data)
{
  StdoutKind kind = GPOINTER_TO_INT (user_data);

  if (kind == STDOUT_CLOSED)
    {
      close (STDOUT_FILENO);
    }
  else
    {
      int fd = open (kind == STDOUT_FULL ? "/dev/full" : "/dev/null", O_WRONLY);

      dup2 (fd, STDOUT_FILENO);
      close (fd);
    }
}

static Run
run_levelmap (StdoutKind  kind,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  Run run = { 0 };
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("LEVELMAP_BINARY"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_CHILD_INHERITS_STDIN,
                child_setup, GINT_TO_POINTER (kind), NULL, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d: %s", run.status, run.err);
  return run;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Failed with a message (not killed by a signal, not exit 0). */
static void
assert_failed (const Run  *run,
               const char *needle)
{
  g_assert_cmpint (run->status, >, 0);
  assert_contains (run->err, "levelmap: ");
  assert_contains (run->err, needle);
}

/* ---------------------------------------------------------------------- */
/* The copy of the data                                                   */
/* ---------------------------------------------------------------------- */

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  g_file_get_contents (from, &data, &size, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, (gssize) size, &error);
  g_assert_no_error (error);
}

/* Calls @func on every regular file under @dir (one level of folders, as
 * a vintage has), with its path relative to @dir. */
static void
for_each_file (const char *dir,
               const char *relative,
               void      (*func) (const char *dir, const char *relative, gpointer),
               gpointer    user_data)
{
  g_autofree char *path = relative ? g_build_filename (dir, relative, NULL) : g_strdup (dir);
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (dir, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        for_each_file (dir, child, func, user_data);
      else
        func (dir, child, user_data);
    }
}

static void
copy_one (const char *dir,
          const char *relative,
          gpointer    user_data)
{
  g_autofree char *from = g_build_filename (dir, relative, NULL);
  g_autofree char *to = g_build_filename (user_data, relative, NULL);
  g_autofree char *to_dir = g_path_get_dirname (to);

  g_assert_cmpint (g_mkdir_with_parents (to_dir, 0700), ==, 0);
  copy_file (from, to);
}

static void
link_one (const char *dir,
          const char *relative,
          gpointer    user_data)
{
  g_autofree char *from = g_build_filename (dir, relative, NULL);
  g_autofree char *to = g_build_filename (user_data, relative, NULL);
  g_autofree char *to_dir = g_path_get_dirname (to);

  g_assert_cmpint (g_mkdir_with_parents (to_dir, 0700), ==, 0);
  g_assert_cmpint (link (from, to), ==, 0);
}

static void
make_base (void)
{
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");
  g_autofree char *vintage = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *manifest_copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (data_dir);
  vintage = g_build_filename (data_dir, "england-2019", NULL);
  g_assert_true (g_file_test (vintage, G_FILE_TEST_IS_DIR));

  work_dir = g_dir_make_tmp ("lm-cli-output-XXXXXX", &error);
  g_assert_no_error (error);
  base_dir = g_build_filename (work_dir, "base", NULL);
  for_each_file (vintage, NULL, copy_one, base_dir);
  manifest = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", MANIFEST, NULL);
  manifest_copy = g_build_filename (base_dir, MANIFEST, NULL);
  copy_file (manifest, manifest_copy);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* A dataset folder @name like the base; returns its manifest. */
static char *
make_variant (const char *name)
{
  g_autofree char *dir = g_build_filename (work_dir, name, NULL);

  for_each_file (base_dir, NULL, link_one, dir);
  return g_build_filename (dir, MANIFEST, NULL);
}

/* The file @relative of the variant @name, unlinked so that it can be
 * replaced without touching the base. */
static char *
take_file (const char *name,
           const char *relative,
           char      **contents,
           gsize      *size)
{
  g_autofree char *path = g_build_filename (work_dir, name, relative, NULL);

  if (contents != NULL)
    g_assert_true (g_file_get_contents (path, contents, size, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  return g_steal_pointer (&path);
}

/* ---------------------------------------------------------------------- */
/* Hostile datasets: each must fail with a message naming file and place */
/* ---------------------------------------------------------------------- */

static void
test_fifo_dataset (void)
{
  g_autofree char *manifest = make_variant ("fifo");
  g_autofree char *table = take_file ("fifo", "population_lsoa11_mid2017.csv", NULL, NULL);
  g_auto(Run) run = { 0 };

  /* Nobody writes to it: the load hung for ever. */
  g_assert_cmpint (mkfifo (table, 0600), ==, 0);
  run = run_levelmap (STDOUT_NULL, "--dataset", manifest, "--stats", NULL);
  assert_failed (&run, table);
  assert_contains (run.err, "named pipe");
}

static void
test_dev_zero_dataset (void)
{
  g_autofree char *manifest = make_variant ("zero");
  g_autofree char *table = take_file ("zero", "imd2019_lsoa11_ranks.csv", NULL, NULL);
  g_auto(Run) run = { 0 };

  /* The load read until memory ran out. */
  g_assert_cmpint (symlink ("/dev/zero", table), ==, 0);
  run = run_levelmap (STDOUT_NULL, "--dataset", manifest, "--stats", NULL);
  assert_failed (&run, "imd2019_lsoa11_ranks.csv");
}

static void
test_code_width_zero (void)
{
  g_autofree char *manifest = make_variant ("width-0");
  g_autofree char *data = NULL;
  g_autofree char *out = g_build_filename (work_dir, "width-0", "map.png", NULL);
  g_autofree char *dbf = NULL;
  g_auto(Run) run = { 0 };
  gboolean found = FALSE;
  gsize size;

  /* The region code field, made 0 bytes wide: every code read as "" and
   * the map came out blank, with exit status 0. */
  dbf = take_file ("width-0", "boundaries/rgn19.dbf", &data, &size);
  for (gsize at = 32; at + 32 <= size && data[at] != 0x0D; at += 32)
    if (strcmp (data + at, "RGN19CD") == 0)
      {
        data[at + 16] = 0;
        found = TRUE;
      }
  g_assert_true (found);
  g_assert_true (g_file_set_contents (dbf, data, (gssize) size, NULL));

  run = run_levelmap (STDOUT_NULL, "--dataset", manifest, "--level=region",
                      "--export-map", out, NULL);
  assert_failed (&run, dbf);
  assert_contains (run.err, "RGN19CD");
  assert_contains (run.err, "width of 0");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_far_coordinate (void)
{
  g_autofree char *manifest = make_variant ("far");
  g_autofree char *shp_data = NULL;
  g_autofree char *shx_data = NULL;
  g_autofree char *out = g_build_filename (work_dir, "far", "map.png", NULL);
  g_autofree char *shp = NULL;
  g_autofree char *shx = NULL;
  g_auto(Run) run = { 0 };
  const guint8 *entry;
  gsize content;
  guint32 n_parts;
  double far = 1e308;
  gsize size;

  /* The first point of region 1 moved to x = 1e308: England became a
   * dot in a corner of the map. */
  shx = g_build_filename (work_dir, "far", "boundaries", "rgn19.shx", NULL);
  g_assert_true (g_file_get_contents (shx, &shx_data, NULL, NULL));
  shp = take_file ("far", "boundaries/rgn19.shp", &shp_data, &size);
  entry = (const guint8 *) shx_data + 100;
  content = (((gsize) entry[0] << 24 | entry[1] << 16 | entry[2] << 8 | entry[3]) * 2) + 8;
  memcpy (&n_parts, shp_data + content + 36, 4);
  n_parts = GUINT32_FROM_LE (n_parts);
  memcpy (shp_data + content + 44 + 4 * n_parts, &far, 8);
  g_assert_true (g_file_set_contents (shp, shp_data, (gssize) size, NULL));

  run = run_levelmap (STDOUT_NULL, "--dataset", manifest, "--level=region",
                      "--export-map", out, NULL);
  assert_failed (&run, shp);
  assert_contains (run.err, "record 1");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* ---------------------------------------------------------------------- */
/* Outputs that fail                                                      */
/* ---------------------------------------------------------------------- */

static void
test_stdout_full (void)
{
  static const char * const actions[] = {
    "--export-csv=-", "--stats", "--left-behind", "--list-variables",
  };

  /* --export-csv=- dereferenced a NULL GError here; the others exited 0
   * having written nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_auto(Run) run = run_levelmap (STDOUT_FULL, actions[i], NULL);

      assert_failed (&run, "standard output");
      assert_contains (run.err, "No space left on device");
    }
}

static void
test_stdout_closed (void)
{
  g_auto(Run) run = run_levelmap (STDOUT_CLOSED, "--stats", NULL);

  assert_failed (&run, "standard output");
}

static void
test_export_targets (void)
{
  g_autofree char *dir = g_build_filename (work_dir, "targets", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *map_fifo = g_build_filename (dir, "pipe.png", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *arg = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_files = 0;
  struct stat st;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (mkfifo (map_fifo, 0600), ==, 0);

  {
    g_auto(Run) run = { 0 };

    arg = g_strconcat ("--export-csv=", fifo, NULL);
    run = run_levelmap (STDOUT_NULL, arg, NULL);
    assert_failed (&run, fifo);
    assert_contains (run.err, "not a regular file");
    g_assert_cmpint (lstat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }
  {
    g_auto(Run) run = run_levelmap (STDOUT_NULL, "--export-csv=/dev/full", NULL);

    assert_failed (&run, "/dev/full");
    g_assert_cmpint (stat ("/dev/full", &st), ==, 0);
    g_assert_true (S_ISCHR (st.st_mode));
  }
  {
    g_auto(Run) run = { 0 };

    g_free (arg);
    arg = g_strconcat ("--export-map=", map_fifo, NULL);
    run = run_levelmap (STDOUT_NULL, "--level=region", arg, NULL);
    assert_failed (&run, map_fifo);
    g_assert_cmpint (lstat (map_fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }
  {
    g_auto(Run) run = { 0 };

    g_free (arg);
    arg = g_strconcat ("--export-csv=", good, NULL);
    run = run_levelmap (STDOUT_NULL, arg, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));
  }

  /* No temporary file was left by any of them. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_false (name[0] == '.');
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  make_base ();

  g_test_add_func ("/cli/hostile/fifo-dataset", test_fifo_dataset);
  g_test_add_func ("/cli/hostile/dev-zero-dataset", test_dev_zero_dataset);
  g_test_add_func ("/cli/hostile/code-width-zero", test_code_width_zero);
  g_test_add_func ("/cli/hostile/far-coordinate", test_far_coordinate);
  g_test_add_func ("/cli/output/stdout-full", test_stdout_full);
  g_test_add_func ("/cli/output/stdout-closed", test_stdout_closed);
  g_test_add_func ("/cli/output/export-targets", test_export_targets);

  result = g_test_run ();

  remove_tree (work_dir);
  g_free (work_dir);
  g_free (base_dir);
  return result;
}
