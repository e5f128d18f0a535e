/* test-check.c — `levelmap --check`, and hostile datasets through the
 * command line: a non-zero exit and a message naming the file and place,
 * within bounded memory, never a hang
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-synthetic.h"
#include "lm-test-files.h"

/* A hostile input must fail fast; one that hangs fails the test here
 * instead of holding the suite until meson's timeout. This is a guard,
 * not a performance target: those are measured, see the report. */
#define WATCHDOG_SECONDS 60
/* The bound for each hostile dataset, checked on the peak of
 * every levelmap run so far (getrusage () of the children waited for). */
#define MAX_RSS_KB (300 * 1024)

typedef struct
{
  int     status;
  char   *out;
  char   *err;
  double  seconds;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct
{
  GSubprocess *process;
  gboolean     done;
  gboolean     timed_out;
  char        *out;
  char        *err;
} Waiting;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiting *waiting = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &waiting->out,
                                        &waiting->err, &error);
  g_assert_no_error (error);
  waiting->done = TRUE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Waiting *waiting = user_data;

  waiting->timed_out = TRUE;
  g_subprocess_force_exit (waiting->process);
  return G_SOURCE_REMOVE;
}

/* Runs levelmap with @args (NULL-terminated) without a display. */
static Run
run_levelmap_argv (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Waiting waiting = { 0 };
  Run run = { 0 };
  gint64 start;
  guint watchdog;
  struct rusage usage;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_assert_nonnull (g_getenv ("LEVELMAP_BINARY"));
  g_ptr_array_add (argv, (char *) g_getenv ("LEVELMAP_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  waiting.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, &waiting);
  g_subprocess_communicate_utf8_async (waiting.process, NULL, NULL, communicated_cb, &waiting);
  while (!waiting.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (waiting.process, NULL, &error);
  g_assert_no_error (error);
  if (!waiting.timed_out)
    g_source_remove (watchdog);
  run.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_false (waiting.timed_out);
  run.status = g_subprocess_get_if_exited (waiting.process)
               ? g_subprocess_get_exit_status (waiting.process) : -1;
  run.out = g_steal_pointer (&waiting.out);
  run.err = g_steal_pointer (&waiting.err);
  g_clear_object (&waiting.process);

  getrusage (RUSAGE_CHILDREN, &usage);
  g_test_message ("%.2f s, peak of the runs so far %ld MB; stderr: %s", run.seconds,
                  usage.ru_maxrss / 1024, run.err);
  g_assert_cmpint (usage.ru_maxrss, <, MAX_RSS_KB);
  /* A sanitizer build reports here, and must not. */
  g_assert_null (strstr (run.err, "Sanitizer"));
  g_assert_null (strstr (run.err, "runtime error"));
  return run;
}

#define run_levelmap(...) run_levelmap_argv ((const char * const []) { __VA_ARGS__, NULL })

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

/* Quadria, broken by each test. */
typedef struct
{
  char *manifest;
  char *dataset;   /* --dataset=MANIFEST */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->manifest = lm_synthetic_write ();
  fixture->dataset = g_strconcat ("--dataset=", fixture->manifest, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_synthetic_remove (fixture->manifest);
  g_free (fixture->manifest);
  g_free (fixture->dataset);
}

static char *
quadria_path (Fixture    *fixture,
              const char *file)
{
  g_autofree char *dir = g_path_get_dirname (fixture->manifest);

  return g_build_filename (dir, file, NULL);
}

/* Fails with a message holding each of the NULL-terminated @parts. */
static void
assert_refused (const Run  *run,
                const char *first_part,
                ...)
{
  va_list parts;

  g_assert_cmpint (run->status, !=, 0);
  g_assert_true (g_str_has_prefix (run->err, "levelmap: "));
  va_start (parts, first_part);
  for (const char *part = first_part; part != NULL; part = va_arg (parts, const char *))
    assert_contains (run->err, part);
  va_end (parts);
}

/* The "Done when" list */

static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *fifo = quadria_path (fixture, "fifo.csv");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"people.csv\"",
                        "file=\"fifo.csv\"");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "quadria.xml, line 15", "fifo.csv", "named pipe", NULL);
  }
}

static void
test_dev_zero (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *zero = quadria_path (fixture, "zero.csv");

  /* By a link in the folder, or by a path: either leads outside it. */
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"people.csv\"",
                        "file=\"zero.csv\"");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "quadria.xml, line 15", "“zero.csv”", "outside the dataset’s folder",
                    "/dev/zero", NULL);
  }
}

static void
test_outside (Fixture       *fixture,
              gconstpointer  data)
{
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"hardship.csv\"",
                        "file=\"../../../../../../../../../etc/passwd\"");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--export-csv=-");
    assert_refused (&run, "quadria.xml, line 17", "outside the dataset’s folder", NULL);
    /* Not a line of the file, in the error or the output. */
    g_assert_null (strstr (run.err, "root:"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

static void
test_header_only_population (Fixture       *fixture,
                             gconstpointer  data)
{
  lm_synthetic_overwrite (fixture->manifest, "people.csv", "parish,people\n");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "people.csv has a header row but no data", NULL);
  }
}

static void
test_dbf_code_width_zero (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *png = quadria_path (fixture, "map.png");

  lm_synthetic_poke (fixture->manifest, "parish.dbf", 32 + 16, 0);
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--level=parish", "--export-map", png);
    assert_refused (&run, "parish.dbf, field “PAR_CODE”", "width of 0", NULL);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

static void
test_coordinate_1e308 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *png = quadria_path (fixture, "map.png");
  g_autofree char *path = quadria_path (fixture, "canton");
  double x[5] = { 0, 0, 2000, 1e308, 0 }, y[5] = { 4000, 6000, 6000, 4000, 4000 };
  SHPHandle shp = SHPOpen (path, "r+b");
  SHPObject *object;

  g_assert_nonnull (shp);
  object = SHPCreateSimpleObject (SHPT_POLYGON, 5, x, y, NULL);
  g_assert_cmpint (SHPWriteObject (shp, 0, object), ==, 0);
  SHPDestroyObject (object);
  SHPClose (shp);
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--level=canton", "--export-map", png);
    assert_refused (&run, "canton.shp, record 1", NULL);
  }
}

static void
test_duplicate_lookup_row (Fixture       *fixture,
                           gconstpointer  data)
{
  lm_synthetic_add_election_lookup (fixture->manifest, "K3,K3\n");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "counting.csv, lines 4 and 11", "“K3”", NULL);
  }
}

static void
test_more_yes_than_valid (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *k2 = lm_synthetic_votes_row (1, NULL, NULL);
  g_autofree char *k2_wrong = lm_synthetic_votes_row (1, "yes", "169291");

  lm_synthetic_replace (fixture->manifest, "plebiscite.csv", k2, k2_wrong);
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "plebiscite.csv, line 3", "“yes” is 169291, more than “valid”", NULL);
  }
}

static void
test_weights_1e308 (Fixture       *fixture,
                    gconstpointer  data)
{
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--weight=hdx.wages=1e308",
                                    "--weight=hdx.air=1e308", "--stats");
    assert_refused (&run, "“hdx.wages=1e308” is not a weight", "from 0 to 1000000", NULL);
  }
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "weight=\"2\"", "weight=\"1e308\"");
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--stats");
    assert_refused (&run, "quadria.xml, line 20", "“wages”", "from 0 to 1000000", NULL);
  }
}

/* --check */

static void
test_check_clean (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = run_levelmap (fixture->dataset, "--check");

  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "no problems found");
  g_assert_cmpstr (run.err, ==, "");
}

/* Problems in a table, an election and a layer, and a warning: one run
 * lists them all, each with its file and place. */
static void
test_check_lists_all (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *k2 = lm_synthetic_votes_row (1, NULL, NULL);
  g_autofree char *k2_wrong = lm_synthetic_votes_row (1, "ballots", "9999");
  const char * const provinces[] = { "V1", "V2", NULL };

  lm_synthetic_append (fixture->manifest, "people.csv", "P05,999\n");
  lm_synthetic_replace (fixture->manifest, "plebiscite.csv", k2, k2_wrong);
  lm_synthetic_poke (fixture->manifest, "parish.dbf", 32 + 16, 0);
  lm_synthetic_write_provinces (fixture->manifest, provinces);
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--check");

    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.out, "error: ");
    assert_contains (run.out, "people.csv, lines 7 and 38");
    assert_contains (run.out, "plebiscite.csv, line 3: “ballots” is 9999, more than "
                              "“electorate”");
    assert_contains (run.out, "parish.dbf, field “PAR_CODE”");
    assert_contains (run.out, "warning: Provinces: 1 of the 3 provinces has no polygon in "
                              "province.shp");
    assert_contains (run.out, ": 3 errors, 1 warning\n");
  }
}

/* A warning alone is no failure; the map that leaves areas out says so. */
static void
test_map_says_what_it_leaves_out (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *png = quadria_path (fixture, "map.png");
  const char * const provinces[] = { "V1", "V2", NULL };

  lm_synthetic_write_provinces (fixture->manifest, provinces);
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--check");

    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, ": 0 errors, 1 warning\n");
  }
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--level=province", "--export-map", png);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
    assert_contains (run.err, "levelmap: warning: Provinces: 1 of the 3 provinces has no "
                              "polygon in province.shp and is left out of the map");
  }
}

/* The outlines of a parish map are cantons or provinces, its marks the
 * cantons of the rule: a broken layer is an error, not a map without. */
static void
test_broken_outline_layer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *png = quadria_path (fixture, "map.png");
  g_autofree char *shp = quadria_path (fixture, "canton.shp");
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (shp, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (shp, bytes, (gssize) length - 40, NULL));
  {
    g_auto(Run) run = run_levelmap (fixture->dataset, "--level=parish", "--export-map", png);

    assert_refused (&run, "canton.shp", NULL);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

/* The real data */

static void
test_check_reference_data (void)
{
  {
    g_auto(Run) run = run_levelmap ("--dataset=england-2019", "--check");

    /* The one thing to say: 4 of the CNI's 12 wards without LSOAs are
     * placed in districts merged away in 2019. */
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "warning: ");
    assert_contains (run.out, "cni2019_ward17.csv: 4 of the wards this table adds have a parent "
                              "code that is not one of the local authorities");
    assert_contains (run.out, "england-2019: 0 errors, 1 warning\n");
  }
  {
    g_auto(Run) run = run_levelmap ("--dataset=england-2025", "--check");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "england-2025: no problems found\n");
  }
}

/* The 2019 tables copied beside the 2019 manifest, with @file's line
 * @from replaced by @to (or the table as it is for NULL). */
static char *
copy_2019_tables (const char *file,
                  const char *from,
                  const char *to)
{
  const char *tables[] = {
    "lookup_lsoa11_wd17_lad19_rgn19.csv", "population_lsoa11_mid2017.csv",
    "imd2019_lsoa11_ranks.csv", "cni2019_ward17.csv", "eu_referendum_2016.csv",
    "lookup_lad16_lad19.csv",
  };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "england-2019.xml",
                                                   NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("levelmap-check-XXXXXX", &error);
  g_autofree char *manifest_text = NULL;
  char *manifest;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *from_path = g_build_filename (g_getenv ("LEVELMAP_DATA_DIR"), "england-2019",
                                                     tables[i], NULL);
      g_autofree char *to_path = g_build_filename (dir, tables[i], NULL);
      g_autofree char *text = NULL;

      /* The data must be there: missing, this fails, never skips. */
      g_file_get_contents (from_path, &text, NULL, &error);
      g_assert_no_error (error);
      if (from != NULL && g_str_equal (tables[i], file))
        {
          g_auto(GStrv) parts = g_strsplit (text, from, -1);

          g_assert_cmpuint (g_strv_length (parts), ==, 2);
          g_free (text);
          text = g_strjoinv (to, parts);
        }
      g_file_set_contents (to_path, text, -1, &error);
      g_assert_no_error (error);
    }
  g_file_get_contents (source, &manifest_text, NULL, &error);
  g_assert_no_error (error);
  manifest = g_build_filename (dir, "england-2019.xml", NULL);
  g_file_set_contents (manifest, manifest_text, -1, &error);
  g_assert_no_error (error);
  return manifest;
}

static void
remove_copy (const char *manifest)
{
  g_autofree char *dir = g_path_get_dirname (manifest);

  lm_test_remove_tree (dir);
}

/* Hartlepool's electorate is 70,341 (the Electoral Commission's figure);
 * a duplicated row of the 2016 -> 2019 lookup counted it twice. */
static void
test_hartlepool (void)
{
  g_autofree char *intact = copy_2019_tables (NULL, NULL, NULL);
  g_autofree char *damaged = copy_2019_tables ("lookup_lad16_lad19.csv", "\n\"E06000001\",",
                                               "\n\"E06000001\",\"Hartlepool\",\"E06000001\","
                                               "\"Hartlepool\"\n\"E06000001\",");
  g_autofree char *intact_arg = g_strconcat ("--dataset=", intact, NULL);
  g_autofree char *damaged_arg = g_strconcat ("--dataset=", damaged, NULL);

  {
    g_auto(Run) run = run_levelmap (intact_arg, "--level=lad", "--export-csv=-");
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
    guint column = 0;

    g_assert_cmpint (run.status, ==, 0);
    while (header[column] != NULL && !g_str_equal (header[column], "eu.electorate"))
      column++;
    g_assert_nonnull (header[column]);
    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "E06000001,"))
        {
          g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
          g_assert_cmpstr (fields[column], ==, "70341");
        }
  }
  {
    g_auto(Run) run = run_levelmap (damaged_arg, "--stats");
    assert_refused (&run, "lookup_lad16_lad19.csv, lines 2 and 3", "“E06000001”", NULL);
  }
  remove_copy (intact);
  remove_copy (damaged);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("done-when/fifo", test_fifo);
  ADD ("done-when/dev-zero", test_dev_zero);
  ADD ("done-when/outside", test_outside);
  ADD ("done-when/header-only-population", test_header_only_population);
  ADD ("done-when/dbf-code-width-zero", test_dbf_code_width_zero);
  ADD ("done-when/coordinate-1e308", test_coordinate_1e308);
  ADD ("done-when/duplicate-lookup-row", test_duplicate_lookup_row);
  ADD ("done-when/more-yes-than-valid", test_more_yes_than_valid);
  ADD ("done-when/weights-1e308", test_weights_1e308);
  ADD ("clean", test_check_clean);
  ADD ("lists-all", test_check_lists_all);
  ADD ("map-says-what-it-leaves-out", test_map_says_what_it_leaves_out);
  ADD ("broken-outline-layer", test_broken_outline_layer);
#undef ADD
  g_test_add_func ("/cli/check/reference-data", test_check_reference_data);
  g_test_add_func ("/cli/check/hartlepool", test_hartlepool);

  return g_test_run ();
}
