/* test-dataset-checks.c — damaged datasets are refused with the file and
 * the place, never loaded as a plausible answer
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test writes Quadria (tests/lm-synthetic.c), breaks one thing in
 * its files and loads it.
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-csv.h"
#include "lm-input-file.h"
#include "lm-manifest.h"
#include "lm-model.h"
#include "lm-synthetic.h"
#include "lm-test-files.h"

/* Quadria, written anew for each test. */
typedef struct
{
  char *manifest;
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->manifest = lm_synthetic_write ();
  fixture->dir = g_path_get_dirname (fixture->manifest);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_synthetic_remove (fixture->manifest);
  g_free (fixture->manifest);
  g_free (fixture->dir);
}

/* A whole Quadria again, for the next breakage. */
static void
renew (Fixture *fixture)
{
  fixture_tear_down (fixture, NULL);
  fixture_set_up (fixture, NULL);
}

static LmDataset *
load (Fixture  *fixture,
      GError  **error)
{
  return lm_dataset_open (fixture->manifest, "/nonexistent", error);
}

/* The load fails with (@domain, @code) and a message holding each of the
 * NULL-terminated parts: the file, the place, what was wrong. */
static void
assert_refused (Fixture    *fixture,
                GQuark      domain,
                int         code,
                const char *first_part,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load (fixture, &error);
  va_list parts;

  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, domain, code);
  va_start (parts, first_part);
  for (const char *part = first_part; part != NULL; part = va_arg (parts, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” does not say “%s”", error->message, part);
  va_end (parts);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

/* Tables */

static void
test_header_only (Fixture       *fixture,
                  gconstpointer  data)
{
  struct { const char *file; const char *header; } tables[] = {
    { "people.csv", "parish,people\n" },
    { "hardship.csv", "parish,parish_name,wages_rank,schooling_score,air_rank\n" },
    { "lookup.csv", "parish,canton,canton_name,province,province_name\n" },
    { "plebiscite.csv", "canton,electorate,ballots,valid,yes\n" },
  };

  /* n: 0, NaN statistics and an empty left-behind list, once. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *saved = lm_synthetic_read (fixture->manifest, tables[i].file);

      lm_synthetic_overwrite (fixture->manifest, tables[i].file, tables[i].header);
      assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_NO_ROWS, tables[i].file,
                      "no data", NULL);
      lm_synthetic_overwrite (fixture->manifest, tables[i].file, saved);
    }
}

static void
test_duplicate_codes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *people = lm_synthetic_read (fixture->manifest, "people.csv");
  g_autofree char *hardship = lm_synthetic_read (fixture->manifest, "hardship.csv");
  g_autofree char *lookup = lm_synthetic_read (fixture->manifest, "lookup.csv");
  g_autofree char *plebiscite = lm_synthetic_read (fixture->manifest, "plebiscite.csv");
  g_autofree char *k3 = lm_synthetic_votes_row (2, "yes", "1");

  /* P05 is on line 7 of each parish table; a row added is line 38. */
  lm_synthetic_append (fixture->manifest, "people.csv", "P05,999\n");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE, "people.csv, lines 7 and 38",
                  "“P05”", NULL);
  lm_synthetic_overwrite (fixture->manifest, "people.csv", people);

  lm_synthetic_append (fixture->manifest, "hardship.csv", "P05,Hollow A6,9,4.75,3\n");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE, "hardship.csv, lines 7 and 38",
                  NULL);
  lm_synthetic_overwrite (fixture->manifest, "hardship.csv", hardship);

  lm_synthetic_append (fixture->manifest, "lookup.csv", "P05,K2,Velden,V1,Upper March\n");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE, "lookup.csv, lines 7 and 38",
                  NULL);
  lm_synthetic_overwrite (fixture->manifest, "lookup.csv", lookup);

  /* K3 is on line 4; K1..K9 and K99 fill lines 2 to 11. */
  lm_synthetic_append (fixture->manifest, "plebiscite.csv", k3);
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE,
                  "plebiscite.csv, lines 4 and 12", "“K3”", NULL);
  lm_synthetic_overwrite (fixture->manifest, "plebiscite.csv", plebiscite);
}

/* A counting area listed twice counted its votes twice (Hartlepool's
 * electorate came out at twice the true 70,341). */
static void
test_duplicate_lookup_row (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmVariable *electorate;
  double expected = 0;

  lm_synthetic_add_election_lookup (fixture->manifest, "");
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  electorate = lm_dataset_find_variable (dataset, "province", "plebiscite.electorate");
  for (guint k = 0; k < 3; k++)
    {
      double e, b, v, y;

      lm_synthetic_votes (k, &e, &b, &v, &y);
      expected += e;
    }
  g_assert_cmpfloat (electorate->values[0], ==, expected);
  g_clear_object (&dataset);

  renew (fixture);
  lm_synthetic_add_election_lookup (fixture->manifest, "K3,K3\n");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE, "counting.csv, lines 4 and 11",
                  "“K3”", NULL);
}

/* The lookup's levels are read side by side, but the error is still the
 * finest level's, as when they were read one after another. */
static void
test_lookup_errors_in_order (Fixture       *fixture,
                             gconstpointer  data)
{
  /* A province code missing early, a parish listed twice later. */
  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P07,K1,Ostra,V1,", "P07,K1,Ostra,,");
  lm_synthetic_append (fixture->manifest, "lookup.csv", "P08,K1,Ostra,V1,\"Upper March\"\n");
  for (guint i = 0; i < 20; i++)
    assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE, "lookup.csv, lines",
                    "“P08”", NULL);
}

/* A row the lookup lacks was dropped, and the gap then blamed on another
 * file ("ranks must be whole numbers from 1 to 32843" in the IMD table). */
static void
test_unknown_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *lookup = lm_synthetic_read (fixture->manifest, "lookup.csv");

  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P07,K1,Ostra,V1,\"Upper March\"\n", "");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "hardship.csv, line 9",
                  "“P07”", "lookup.csv", NULL);
  lm_synthetic_overwrite (fixture->manifest, "lookup.csv", lookup);

  lm_synthetic_append (fixture->manifest, "people.csv", "P99,100\n");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "people.csv, line 38",
                  "“P99”", NULL);
}

static void
test_impossible_counts (Fixture       *fixture,
                        gconstpointer  data)
{
  double e, b, v, y;
  g_autofree char *plebiscite = lm_synthetic_read (fixture->manifest, "plebiscite.csv");
  g_autofree char *k2 = lm_synthetic_votes_row (1, NULL, NULL);
  g_autofree char *more_yes = NULL;
  g_autofree char *more_ballots = NULL;
  struct { const char *column; const char *value; GQuark domain; int code; const char *says; } cases[] = {
    { "yes", NULL, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "“yes” is" },
    { "ballots", NULL, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "more than “electorate”" },
    { "electorate", "-5", LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE, "column “electorate”" },
    { "valid", "1500.5", LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE, "column “valid”" },
    { "yes", "1e400", LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER, "column “yes”" },
    { "electorate", "1e300", LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE, "column “electorate”" },
  };

  lm_synthetic_votes (1, &e, &b, &v, &y);
  more_yes = g_strdup_printf ("%.0f", v + 1);
  more_ballots = g_strdup_printf ("%.0f", e + 1);
  cases[0].value = more_yes;
  cases[1].value = more_ballots;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *row = lm_synthetic_votes_row (1, cases[i].column, cases[i].value);

      lm_synthetic_replace (fixture->manifest, "plebiscite.csv", k2, row);
      assert_refused (fixture, cases[i].domain, cases[i].code, "plebiscite.csv, line 3",
                      cases[i].says, NULL);
      lm_synthetic_overwrite (fixture->manifest, "plebiscite.csv", plebiscite);
    }

  /* Values past any statistic, and populations, are refused as well. */
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P03,Hollow A4,16,31.75,34\n", "P03,Hollow A4,16,1e300,34\n");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE, "hardship.csv, line 5",
                  "schooling_score", NULL);
}

/* England's published ranks have ties, each followed by a skipped rank
 * (1, 2, 2, 4): those load. A tie that skips nothing is damage. */
static void
test_ranks (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autofree char *hardship = lm_synthetic_read (fixture->manifest, "hardship.csv");
  LmVariable *wages;

  /* P22 has wages rank 3 and P29 rank 2: tied at 2, rank 3 is skipped. */
  g_assert_cmpuint (lm_synthetic_wages_rank (22), ==, 3);
  g_assert_cmpuint (lm_synthetic_wages_rank (29), ==, 2);
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P22,Hollow D5,3,", "P22,Hollow D5,2,");
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  wages = lm_dataset_find_variable (dataset, "parish", "hdx.wages");
  g_assert_cmpfloat_with_epsilon (wages->values[22], lm_synthetic_exp_score (2, 36), 1e-9);
  g_assert_cmpfloat (wages->values[22], ==, wages->values[29]);
  g_clear_object (&dataset);
  lm_synthetic_overwrite (fixture->manifest, "hardship.csv", hardship);

  /* P29 copied P22's rank: 1, 3, 3, 4: nothing ranks 2. */
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P29,Hollow E6,2,", "P29,Hollow E6,3,");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "hardship.csv, line",
                  "column “wages_rank”", "1 area ranks above it", NULL);
  lm_synthetic_overwrite (fixture->manifest, "hardship.csv", hardship);

  /* Past the number ranked: named at its own line. */
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P22,Hollow D5,3,", "P22,Hollow D5,37,");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "hardship.csv, line 24",
                  "“P22”", "from 1 to 36", NULL);
}

/* The domains' columns are read side by side, but the error is still the
 * first domain's in the order of the manifest, however the threads run. */
static void
test_domain_errors_in_order (Fixture       *fixture,
                             gconstpointer  data)
{
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P22,Hollow D5,3,", "P22,Hollow D5,37,");
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "column=\"air_rank\"",
                        "column=\"air_rank_gone\"");
  for (guint i = 0; i < 20; i++)
    assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "hardship.csv, line 24",
                    "“P22”", "from 1 to 36", NULL);

  /* An attribute of the first domain is checked before any column. */
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "kind=\"rank\" weight=\"2\"",
                        "kind=\"rnak\" weight=\"2\"");
  for (guint i = 0; i < 20; i++)
    assert_refused (fixture, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID, "quadria.xml, line",
                    "“rnak”", NULL);
}

static void
test_deciles_and_published_ranks (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *table = "name-column=\"parish_name\"/>";

  /* wages_rank read as a decile: P02's 11 (line 4) is the first past 10. */
  lm_synthetic_replace (fixture->manifest, "quadria.xml", table,
           "name-column=\"parish_name\">\n"
           "    <variable id=\"hdx.band\" unit=\"decile\" title=\"Band\" column=\"wages_rank\"/>\n"
           "  </table>");
  assert_refused (fixture, LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE,
                  "hardship.csv, line 4, column “wages_rank”", "from 1 to 10", "“11”", NULL);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "unit=\"decile\" title=\"Band\" column=\"wages_rank\"",
           "unit=\"rank\" title=\"Band\" column=\"schooling_score\"");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                  "hardship.csv, line 2, column “schooling_score”", "whole numbers", NULL);
}

/* Files */

static void
test_paths (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (fixture->dir);
  g_autofree char *back_inside = g_strdup_printf ("file=\"../%s/people.csv\"", base);
  g_autofree char *link = g_build_filename (fixture->dir, "linked.csv", NULL);
  g_autofree char *inner_link = g_build_filename (fixture->dir, "inner.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;

  /* Up and back in is inside: the real path counts, not the spelling. */
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"people.csv\"", back_inside);
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  g_clear_object (&dataset);

  lm_synthetic_replace (fixture->manifest, "quadria.xml", back_inside, "file=\"../../../../../../../../etc/passwd\"");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE, "quadria.xml, line 15",
                  "outside the dataset’s folder", NULL);

  /* A link in the folder that leads out of it. */
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"../../../../../../../../etc/passwd\"",
           "file=\"linked.csv\"");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE, "quadria.xml, line 15",
                  "“linked.csv”", "/etc/passwd", NULL);

  /* A link that stays inside is a file like any other. */
  g_assert_cmpint (symlink ("people.csv", inner_link), ==, 0);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"linked.csv\"", "file=\"inner.csv\"");
  dataset = load (fixture, &error);
  g_assert_no_error (error);
}

static void
test_shapefile_sibling_outside (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *dbf = g_build_filename (fixture->dir, "canton.dbf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmLevel *canton;

  g_assert_cmpint (g_unlink (dbf), ==, 0);
  g_assert_cmpint (symlink ("/etc/passwd", dbf), ==, 0);
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  canton = lm_dataset_find_level (dataset, "canton");
  g_assert_false (lm_dataset_ensure_shapes (dataset, canton, &error));
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE);
  assert_contains (error->message, "quadria.xml, line 6");
  assert_contains (error->message, "“canton.shp”");
  assert_contains (error->message, "canton.dbf");
}

static void
test_special_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.csv", NULL);
  g_autofree char *fifo_manifest = g_build_filename (fixture->dir, "fifo.xml", NULL);
  g_autofree char *big = g_build_filename (fixture->dir, "big.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autofree char *padding = g_strnfill (LM_MANIFEST_MAX_BYTES, ' ');
  g_autofree char *manifest = lm_synthetic_read (fixture->manifest, "quadria.xml");
  g_autofree char *padded = g_strconcat (manifest, "<!--", padding, "-->\n", NULL);

  /* A named pipe without a writer would block the read for ever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "file=\"people.csv\"", "file=\"fifo.csv\"");
  assert_refused (fixture, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR,
                  "quadria.xml, line 15: ", "fifo.csv", "named pipe", NULL);

  g_assert_cmpint (mkfifo (fifo_manifest, 0600), ==, 0);
  dataset = lm_dataset_open (fifo_manifest, "/nonexistent", &error);
  g_assert_null (dataset);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (big, padded, -1, NULL));
  dataset = lm_dataset_open (big, "/nonexistent", &error);
  g_assert_null (dataset);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_TOO_LARGE);
  assert_contains (error->message, "big.xml");
}

/* 60 tables on one file of 4 MB: read once, not 60 times (80 on one file
 * cost 890 MB). Run in a process of its own, whose peak memory is its. */
static void
test_read_once (Fixture       *fixture,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GString) tables = g_string_new (NULL);
      g_autoptr(GString) big = g_string_new ("parish,notes\n");
      g_autofree char *notes = g_strnfill (110 * 1000, 'x');
      g_autoptr(GError) error = NULL;
      g_autoptr(LmDataset) dataset = NULL;
      struct rusage before, after;

      for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
        g_string_append_printf (big, "P%02u,%s\n", p, notes);
      lm_synthetic_overwrite (fixture->manifest, "big.csv", big->str);
      for (guint t = 0; t < 60; t++)
        g_string_append_printf (tables, "  <table id=\"t%u\" file=\"big.csv\" level=\"parish\" "
                                "code-column=\"parish\"/>\n", t);
      g_string_append (tables, "  <table id=\"fabric\"");
      lm_synthetic_replace (fixture->manifest, "quadria.xml", "  <table id=\"fabric\"", tables->str);

      getrusage (RUSAGE_SELF, &before);
      dataset = load (fixture, &error);
      getrusage (RUSAGE_SELF, &after);
      g_assert_no_error (error);
      g_test_message ("peak grew by %ld kB", after.ru_maxrss - before.ru_maxrss);
      /* Read 60 times, it would take 240 MB. */
      g_assert_cmpint (after.ru_maxrss - before.ru_maxrss, <, 64 * 1024);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The manifest */

static void
test_manifest_limits (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint t = 0; t < 65; t++)
    g_string_append_printf (tables, "  <table id=\"t%u\" file=\"people.csv\" level=\"parish\" "
                            "code-column=\"parish\"/>\n", t);
  g_string_append (tables, "  <table id=\"fabric\"");
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "  <table id=\"fabric\"", tables->str);
  /* The 65th <table> is on line 83. */
  assert_refused (fixture, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_LIMIT, "quadria.xml, line 81",
                  "more than 64 <table>", NULL);

  renew (fixture);
  for (guint i = 0; i < LM_MANIFEST_MAX_ELEMENTS; i++)
    g_string_append (notes, "<note/>");
  g_string_append (notes, "\n</dataset>");
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "</dataset>", notes->str);
  assert_refused (fixture, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_LIMIT, "quadria.xml, line",
                  "more than 2000 elements", NULL);
}

static void
test_manifest_numbers (Fixture       *fixture,
                       gconstpointer  data)
{
  struct { const char *from; const char *to; const char *says; } cases[] = {
    /* Hexadecimal was read as 16, though no table may hold it. */
    { "weight=\"2\"", "weight=\"0x10\"", "must be a number, not “0x10”" },
    { "weight=\"2\"", "weight=\"inf\"", "must be a number, not “inf”" },
    /* Two of 1e308 summed to infinity: every score 0, r NaN. */
    { "weight=\"2\"", "weight=\"1e308\"", "from 0 to 1000000, not 1e+308" },
    { "weight=\"2\"", "weight=\"-1\"", "from 0 to 1000000, not -1" },
    { "scale=\"2\"", "scale=\"1e308\"", "at most 1000000, not 1e+308" },
    { "scale=\"2\"", "scale=\"0\"", "above 0" },
    { "top-percent=\"34\"/>\n    <criterion variable=\"hdx.score\"",
      "top-percent=\"-5\"/>\n    <criterion variable=\"hdx.score\"", "above 0 and at most 100, not -5" },
    { "top-percent=\"34\"/>\n    <criterion variable=\"hdx.score\"",
      "top-percent=\"0\"/>\n    <criterion variable=\"hdx.score\"", "above 0 and at most 100, not 0" },
    { "top-percent=\"34\"/>\n    <criterion variable=\"hdx.score\"",
      "top-percent=\"1000\"/>\n    <criterion variable=\"hdx.score\"", "at most 100, not 1000" },
  };
  g_autofree char *manifest = lm_synthetic_read (fixture->manifest, "quadria.xml");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      lm_synthetic_replace (fixture->manifest, "quadria.xml", cases[i].from, cases[i].to);
      assert_refused (fixture, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID, "quadria.xml, line",
                      cases[i].says, NULL);
      lm_synthetic_overwrite (fixture->manifest, "quadria.xml", manifest);
    }
}

/* The model refuses what the manifest refuses: --weight, the sliders and
 * scenarios all set weights through it. */
static void
test_model_weights (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load (fixture, &error);
  g_autoptr(LmModel) model = NULL;
  const double huge[] = { 1e308, 1, 1e308 };

  g_assert_no_error (error);
  model = lm_model_new (dataset);
  g_assert_false (lm_model_set_weight (model, "hdx", "wages", 1e308, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT);
  assert_contains (error->message, "from 0 to 1000000");
  g_clear_error (&error);
  g_assert_false (lm_model_set_weights (model, "hdx", huge, 3, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT);
  g_clear_error (&error);
  g_assert_false (lm_model_parse_weight (model, "hdx.wages=0x10", &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT);
  g_clear_error (&error);
  g_assert_true (lm_model_set_weight (model, "hdx", "wages", 1000000, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lm_model_get_weight (model, "hdx", "wages"), ==, 1000000);
}

/* A second <election> is read, not ignored; one id twice is refused. */
static void
test_second_election (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *end = "turnout-title=\"Plebiscite turnout (%)\"/>";
  g_autofree char *with_second = g_strdup_printf (
    "%s\n  <election id=\"recall\" title=\"Recall\" file=\"plebiscite.csv\" level=\"canton\"\n"
    "            code-column=\"canton\" electorate-column=\"electorate\" ballots-column=\"ballots\"\n"
    "            valid-column=\"valid\" votes-column=\"valid\" option=\"any\"/>", end);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmVariable *share;

  lm_synthetic_replace (fixture->manifest, "quadria.xml", end, with_second);
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lm_dataset_get_n_elections (dataset), ==, 2);
  g_assert_cmpstr (lm_dataset_get_election (dataset, 1)->share, ==, "recall.any_pct");
  share = lm_dataset_find_variable (dataset, "province", "recall.any_pct");
  g_assert_nonnull (share);
  g_assert_cmpfloat (share->values[0], ==, 100);
  g_clear_object (&dataset);

  lm_synthetic_replace (fixture->manifest, "quadria.xml", "<election id=\"recall\"", "<election id=\"plebiscite\"");
  assert_refused (fixture, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID, "quadria.xml, line",
                  "declared twice", NULL);
}

/* An added area whose parent is unknown counts in no coarser area: said,
 * with the count (England 2019 has 4 such wards, so not an error). */
static void
test_added_area_parent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmProblems *warnings;
  const GError *warning;
  LmLevel *canton;

  lm_synthetic_replace (fixture->manifest, "fabric.csv", "canton,clubs_rank,trust_rank\n",
           "canton,clubs_rank,trust_rank,province\n");
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      g_autofree char *from = g_strdup_printf ("K%u,%u,%u\n", k + 1, lm_synthetic_clubs_rank (k),
                                               lm_synthetic_trust_rank (k));
      g_autofree char *to = g_strdup_printf ("K%u,%u,%u,V%u\n", k + 1, lm_synthetic_clubs_rank (k),
                                             lm_synthetic_trust_rank (k), k / 3 + 1);
      lm_synthetic_replace (fixture->manifest, "fabric.csv", from, to);
    }
  lm_synthetic_append (fixture->manifest, "fabric.csv", "K10,,,V9\n");
  lm_synthetic_replace (fixture->manifest, "quadria.xml", "code-column=\"canton\"/>",
           "code-column=\"canton\" adds-areas=\"true\" parent-column=\"province\"/>");

  dataset = load (fixture, &error);
  g_assert_no_error (error);
  canton = lm_dataset_find_level (dataset, "canton");
  g_assert_cmpuint (canton->n_areas, ==, 10);
  g_assert_cmpint (canton->parent[lm_level_find_area (canton, "K10")], ==, -1);
  warnings = lm_dataset_get_warnings (dataset);
  g_assert_cmpuint (lm_problems_get_n_warnings (warnings), ==, 1);
  warning = lm_problems_get_problem (warnings, 0, NULL);
  assert_contains (warning->message, "fabric.csv");
  assert_contains (warning->message, "line 11, “V9”");
  assert_contains (warning->message, "1 of the cantons");
  g_clear_object (&dataset);

  /* A known parent places it, without a word. */
  lm_synthetic_replace (fixture->manifest, "fabric.csv", "K10,,,V9\n", "K10,,,V2\n");
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  canton = lm_dataset_find_level (dataset, "canton");
  g_assert_cmpint (canton->parent[lm_level_find_area (canton, "K10")], ==, 1);
  g_assert_cmpuint (lm_problems_get_n_warnings (lm_dataset_get_warnings (dataset)), ==, 0);
}

/* Boundaries */

static void
test_no_polygon_matches (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const codes[] = { "Z1", "Z2", "Z3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmLevel *province;

  lm_synthetic_write_provinces (fixture->manifest, codes);
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  province = lm_dataset_find_level (dataset, "province");
  g_assert_false (lm_dataset_ensure_shapes (dataset, province, &error));
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA);
  assert_contains (error->message, "province.shp");
  assert_contains (error->message, "PROV_CODE");
  assert_contains (error->message, "“Z1”");
  g_clear_error (&error);

  /* Read once: the error stays, for the window to show. */
  g_assert_nonnull (lm_dataset_get_shapes_error (dataset, province));
  g_assert_false (lm_dataset_ensure_shapes (dataset, province, &error));
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA);
  g_assert_null (province->shapes);
}

static void
test_unmapped_areas_warn (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const codes[] = { "V1", "V2", "V7", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmLevel *province, *parish;
  const char *warning;

  lm_synthetic_write_provinces (fixture->manifest, codes);
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  province = lm_dataset_find_level (dataset, "province");
  parish = lm_dataset_find_level (dataset, "parish");
  g_assert_true (lm_dataset_ensure_shapes (dataset, province, &error));
  g_assert_no_error (error);
  warning = lm_dataset_get_shapes_warning (dataset, province);
  g_assert_nonnull (warning);
  assert_contains (warning, "1 of the 3 provinces has no polygon in province.shp");
  assert_contains (warning, "1 polygon of province.shp has a code that no table lists "
                            "(record 3, “V7”)");
  g_assert_cmpint (province->feature[2], ==, -1);
  g_assert_cmpuint (lm_problems_get_n_warnings (lm_dataset_get_warnings (dataset)), ==, 1);

  /* Every parish has its polygon: nothing to say. */
  g_assert_true (lm_dataset_ensure_shapes (dataset, parish, &error));
  g_assert_null (lm_dataset_get_shapes_warning (dataset, parish));
}

static void
test_damaged_layers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  LmLevel *parish, *canton;
  double x[5] = { 0, 0, 1000, 1e308, 0 }, y[5] = { 5000, 6000, 6000, 5000, 5000 };
  g_autofree char *path = g_build_filename (fixture->dir, "canton", NULL);
  SHPHandle shp;
  SHPObject *object;

  /* The .dbf field descriptor's width (byte 16 of the first one, at 32):
   * a code field 0 bytes wide gave a blank map. */
  lm_synthetic_poke (fixture->manifest, "parish.dbf", 32 + 16, 0);
  /* One coordinate of 1e308 made England a dot. */
  shp = SHPOpen (path, "r+b");
  g_assert_nonnull (shp);
  object = SHPCreateSimpleObject (SHPT_POLYGON, 5, x, y, NULL);
  g_assert_cmpint (SHPWriteObject (shp, 0, object), ==, 0);
  SHPDestroyObject (object);
  SHPClose (shp);

  /* The same errors whether the layers are read when drawn or ahead, in
   * a worker thread while the tables load (the command line's way). */
  for (guint ahead = 0; ahead <= 1; ahead++)
    {
      static const char * const none[] = { NULL };
      LmDatasetNeeds needs = { none, 0, "parish" };

      dataset = ahead ? lm_dataset_open_for (fixture->manifest, "/nonexistent", &needs, &error)
                      : load (fixture, &error);
      g_assert_no_error (error);
      parish = lm_dataset_find_level (dataset, "parish");
      canton = lm_dataset_find_level (dataset, "canton");
      g_assert_false (lm_dataset_ensure_shapes (dataset, parish, &error));
      g_test_message ("%s", error->message);
      assert_contains (error->message, "parish.dbf");
      g_clear_error (&error);
      g_assert_false (lm_dataset_ensure_shapes (dataset, canton, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_OUT_OF_BOUNDS);
      assert_contains (error->message, "canton.shp");
      g_clear_error (&error);
      g_clear_object (&dataset);
    }
}

/* --check: every problem, in every file, at once */

static void
test_check_lists_everything (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  g_autoptr(LmProblems) clean = lm_problems_new ();
  g_autofree char *k2 = lm_synthetic_votes_row (1, NULL, NULL);
  g_autofree char *k2_wrong = lm_synthetic_votes_row (1, "yes", "999999");
  g_autofree char *report = NULL;
  const char * const codes[] = { "V1", "V2", NULL };

  g_assert_true (lm_dataset_check (fixture->manifest, "/nonexistent", clean));
  g_assert_cmpuint (lm_problems_get_n_errors (clean), ==, 0);
  g_assert_cmpuint (lm_problems_get_n_warnings (clean), ==, 0);

  lm_synthetic_append (fixture->manifest, "people.csv", "P05,999\nP06,1\n");
  lm_synthetic_replace (fixture->manifest, "plebiscite.csv", k2, k2_wrong);
  lm_synthetic_replace (fixture->manifest, "hardship.csv", "P03,Hollow A4,16,31.75,34\n", "P03,Hollow A4,16,x,34\n");
  lm_synthetic_poke (fixture->manifest, "parish.dbf", 32 + 16, 0);
  lm_synthetic_write_provinces (fixture->manifest, codes);

  g_assert_false (lm_dataset_check (fixture->manifest, "/nonexistent", problems));
  report = lm_problems_format (problems);
  g_test_message ("%s", report);
  assert_contains (report, "error: ");
  assert_contains (report, "people.csv, lines 7 and 38");
  assert_contains (report, "people.csv, lines 8 and 39");
  assert_contains (report, "hardship.csv, line 5, column “schooling_score”");
  assert_contains (report, "plebiscite.csv, line 3");
  assert_contains (report, "parish.dbf");
  assert_contains (report, "warning: Provinces: 1 of the 3 provinces has no polygon");
  g_assert_cmpuint (lm_problems_get_n_errors (problems), ==, 5);
  g_assert_cmpuint (lm_problems_get_n_warnings (problems), ==, 1);
}

/* The lookup lists the areas of a parent together. An area's name may
 * come from any of its rows, not only the first, and every row must put
 * it in the same parent, however many rows before agreed. */
static void
test_lookup_rows_of_one_area (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  g_autofree char *lookup = lm_synthetic_read (fixture->manifest, "lookup.csv");
  LmLevel *canton;

  /* Only K1's second row names it (its rows: P00, P01, then P06, P07). */
  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P00,K1,Ostra,", "P00,K1,,");
  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P06,K1,Ostra,", "P06,K1,,");
  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P07,K1,Ostra,", "P07,K1,,");
  dataset = load (fixture, &error);
  g_assert_no_error (error);
  canton = lm_dataset_find_level (dataset, "canton");
  g_assert_cmpstr (canton->names[lm_level_find_area (canton, "K1")], ==, "Ostra");
  g_clear_object (&dataset);
  lm_synthetic_overwrite (fixture->manifest, "lookup.csv", lookup);

  /* K1's second row puts it in another province (line 3). */
  lm_synthetic_replace (fixture->manifest, "lookup.csv", "P01,K1,Ostra,V1,", "P01,K1,Ostra,V2,");
  assert_refused (fixture, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA, "lookup.csv, line 3", "“K1”",
                  "two different areas", NULL);
}

/* A column is read whole when every field is a number, and field by field
 * otherwise: problems are still listed row by row, in the file's order,
 * whichever kind comes first. */
static char *
hardship_row (guint       parish,
              const char *schooling)
{
  g_autofree char *code = lm_synthetic_parish_code (parish);
  g_autofree char *name = lm_synthetic_parish_name (parish);
  g_autofree char *score = g_strdup_printf ("%.2f", lm_synthetic_schooling_score (parish));

  return g_strdup_printf ("%s,%s,%u,%s,%u\n", code, name, lm_synthetic_wages_rank (parish),
                          schooling != NULL ? schooling : score, lm_synthetic_air_rank (parish));
}

static void
test_check_column_problems_in_order (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  g_autofree char *report = NULL;
  g_autofree char *p03 = hardship_row (3, NULL);
  g_autofree char *p03_huge = hardship_row (3, "1e300");
  g_autofree char *p05 = hardship_row (5, NULL);
  g_autofree char *p05_text = hardship_row (5, "x");
  g_autofree char *p04_people = g_strdup_printf ("P04,%.0f\n", lm_synthetic_population (4));
  const char *out_of_range, *not_a_number;

  lm_synthetic_replace (fixture->manifest, "hardship.csv", p03, p03_huge);
  lm_synthetic_replace (fixture->manifest, "hardship.csv", p05, p05_text);
  lm_synthetic_replace (fixture->manifest, "people.csv", p04_people, "P04,many\n");
  g_assert_false (lm_dataset_check (fixture->manifest, "/nonexistent", problems));
  report = lm_problems_format (problems);
  g_test_message ("%s", report);
  assert_contains (report, "people.csv, line 6, column “people”: expected a number, found “many”");
  out_of_range = strstr (report, "hardship.csv, line 5, column “schooling_score”: expected a value");
  not_a_number = strstr (report, "hardship.csv, line 7, column “schooling_score”: expected a number, "
                                 "found “x”");
  g_assert_nonnull (out_of_range);
  g_assert_nonnull (not_a_number);
  g_assert_true (out_of_range < not_a_number);
  g_assert_cmpuint (lm_problems_get_n_errors (problems), ==, 3);
}

/* A counting area listed twice is said once, and its row of results
 * judged once, not once per listing. */
static void
test_check_counts_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  g_autofree char *k2 = lm_synthetic_votes_row (1, NULL, NULL);
  g_autofree char *k2_wrong = lm_synthetic_votes_row (1, "yes", "999999");
  g_autofree char *report = NULL;

  lm_synthetic_add_election_lookup (fixture->manifest, "K2,K2\n");
  lm_synthetic_replace (fixture->manifest, "plebiscite.csv", k2, k2_wrong);
  g_assert_false (lm_dataset_check (fixture->manifest, "/nonexistent", problems));
  report = lm_problems_format (problems);
  g_test_message ("%s", report);
  assert_contains (report, "counting.csv, lines 3 and 11");
  assert_contains (report, "plebiscite.csv, line 3: “yes” is 999999");
  g_assert_cmpuint (lm_problems_get_n_errors (problems), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/model/checks/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("header-only", test_header_only);
  ADD ("duplicate-codes", test_duplicate_codes);
  ADD ("duplicate-lookup-row", test_duplicate_lookup_row);
  ADD ("unknown-code", test_unknown_code);
  ADD ("impossible-counts", test_impossible_counts);
  ADD ("column-problems-in-order", test_check_column_problems_in_order);
  ADD ("lookup-rows-of-one-area", test_lookup_rows_of_one_area);
  ADD ("ranks", test_ranks);
  ADD ("domain-errors-in-order", test_domain_errors_in_order);
  ADD ("lookup-errors-in-order", test_lookup_errors_in_order);
  ADD ("deciles-and-published-ranks", test_deciles_and_published_ranks);
  ADD ("paths", test_paths);
  ADD ("shapefile-sibling-outside", test_shapefile_sibling_outside);
  ADD ("special-files", test_special_files);
  ADD ("read-once", test_read_once);
  ADD ("manifest-limits", test_manifest_limits);
  ADD ("manifest-numbers", test_manifest_numbers);
  ADD ("model-weights", test_model_weights);
  ADD ("second-election", test_second_election);
  ADD ("added-area-parent", test_added_area_parent);
  ADD ("no-polygon-matches", test_no_polygon_matches);
  ADD ("unmapped-areas-warn", test_unmapped_areas_warn);
  ADD ("damaged-layers", test_damaged_layers);
  ADD ("check-lists-everything", test_check_lists_everything);
  ADD ("check-counts-once", test_check_counts_once);
#undef ADD

  return g_test_run ();
}
