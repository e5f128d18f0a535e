/* test-manifest.c — broken and hostile manifests give clear errors
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib/gstdio.h>

#include "lm-csv.h"
#include "lm-dataset.h"
#include "lm-manifest.h"
#include "lm-model.h"

static char *tmp_dir;

static char *
read_source_manifest (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "england-2019.xml", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Writes the real 2019 manifest with @from replaced by @to, and loads it
 * against the real data. */
static LmDataset *
load_altered (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autofree char *text = read_source_manifest ();
  g_autofree char *path = g_build_filename (tmp_dir, "altered.xml", NULL);
  g_autofree char *data = g_build_filename (g_getenv ("LEVELMAP_DATA_DIR"), "england-2019", NULL);
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  g_autofree char *altered = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  altered = g_strjoin (to, parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (path, altered, -1, NULL));
  return lm_dataset_load (path, data, error);
}

static LmManifest *
parse (const char  *text,
       GError     **error)
{
  return lm_manifest_parse ("hostile.xml", text, strlen (text), error);
}

static void
test_real_manifests_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("<dataset", "<dataset", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (lm_dataset_get_n_levels (dataset), ==, 4);
  g_assert_cmpuint (lm_dataset_get_n_indices (dataset), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) lm_dataset_get_attributions (dataset)), ==, 5);
}

/* What the format-1 additions say for England (docs/manifest.md). */
static void
test_real_manifest_vocabulary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("<dataset", "<dataset", &error);
  LmLevel *lsoa, *lad;
  const LmElection *election;
  LmLeftBehindRule *rule;
  g_autofree char *column = NULL;

  g_assert_no_error (error);
  lsoa = lm_dataset_find_level (dataset, "lsoa");
  lad = lm_dataset_find_level (dataset, "lad");
  g_assert_cmpstr (lm_level_get_singular (lsoa), ==, "LSOA");
  g_assert_cmpstr (lm_level_get_plural (lsoa), ==, "LSOAs");
  g_assert_cmpstr (lm_level_get_heading (lsoa), ==, "LSOA");
  g_assert_cmpstr (lm_level_get_plural (lad), ==, "local authorities");
  g_assert_cmpstr (lm_level_get_heading (lad), ==, "Local authority");
  column = lm_level_dup_column_name (lad);
  g_assert_cmpstr (column, ==, "local_authority");

  g_assert_cmpstr (lm_dataset_get_default_variable (dataset), ==, "imd.score");
  g_assert_true (lm_dataset_get_context_level (dataset) == lad);
  g_assert_true (lm_dataset_get_context_for (dataset, lsoa) == lad);
  g_assert_true (lm_dataset_get_context_for (dataset, lad) == lm_dataset_find_level (dataset, "region"));
  g_assert_null (lm_dataset_get_context_for (dataset, lm_dataset_find_level (dataset, "region")));

  g_assert_cmpuint (lm_dataset_get_n_elections (dataset), ==, 1);
  election = lm_dataset_get_election (dataset, 0);
  g_assert_cmpstr (election->share, ==, "eu.leave_pct");
  g_assert_cmpstr (election->turnout, ==, "eu.turnout_pct");
  g_assert_cmpstr (election->option_title, ==, "Leave");
  g_assert_cmpstr (lm_dataset_find_variable (dataset, "lad", "eu.leave_pct")->title, ==,
                   "Leave vote 2016 (%)");
  g_assert_true (lm_dataset_find_variable (dataset, "lad", "eu.leave_votes")->auxiliary);
  g_assert_true (lm_dataset_find_variable (dataset, "region", "eu.electorate")->auxiliary);
  g_assert_false (lm_dataset_find_variable (dataset, "lad", "eu.leave_pct")->auxiliary);

  rule = lm_dataset_get_left_behind_rule (dataset);
  g_assert_cmpstr (rule->flag->id, ==, "left_behind");
  g_assert_true (rule->flag == lm_dataset_find_variable (dataset, "ward", "left_behind"));

  /* The line under the map is the one round 1 showed, now from the data. */
  g_assert_cmpstr (lm_dataset_get_attribution_line (dataset), ==,
                   "Contains OS data © Crown copyright; IMD: MHCLG; CNI: OCSI/Local Trust");
}

/* A manifest written before the additions names the Leave column with
 * leave-column: it keeps its ids, titles aside. */
static void
test_legacy_election (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("votes-column=\"Leave\" option=\"leave\" option-title=\"Leave\" "
                                               "share-title=\"Leave vote 2016 (%)\" "
                                               "turnout-title=\"Turnout 2016 (%)\"",
                                               "leave-column=\"Leave\"", &error);
  LmVariable *leave, *valid, *votes;
  double sum_leave = 0, sum_valid = 0;

  g_assert_no_error (error);
  leave = lm_dataset_find_variable (dataset, "region", "eu.leave_pct");
  votes = lm_dataset_find_variable (dataset, "region", "eu.leave_votes");
  valid = lm_dataset_find_variable (dataset, "region", "eu.valid_votes");
  g_assert_nonnull (leave);
  /* England's published totals: 15,187,583 Leave of 28,435,257 valid. */
  for (guint i = 0; i < leave->level->n_areas; i++)
    {
      sum_leave += votes->values[i];
      sum_valid += valid->values[i];
    }
  g_assert_cmpfloat (sum_leave, ==, 15187583);
  g_assert_cmpfloat (sum_valid, ==, 28435257);
  g_assert_cmpstr (lm_dataset_get_election (dataset, 0)->option_title, ==, "Leave");
}

static void
assert_invalid (LmDataset   *dataset,
                GError      *error,
                const char  *expected)
{
  g_assert_null (dataset);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL || strstr (error->message, "altered.xml, line ") == NULL)
    g_error ("“%s” does not say “%s” with the manifest's line", error->message, expected);
}

static void
test_format (void)
{
  struct { const char *to; const char *expected; } cases[] = {
    { "title=\"England 2019\" context-level", "needs format=\"1\"" },
    { "title=\"England 2019\" format=\"2\" context-level", "format “2”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LmDataset) dataset = load_altered ("title=\"England 2019\" format=\"1\" context-level",
                                                   cases[i].to, &error);

      g_assert_null (dataset);
      g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      /* The <dataset> element is on line 5 of the manifest. */
      g_assert_nonnull (strstr (error->message, "altered.xml, line 5"));
    }
}

/* An <index> without an id or a table: one error, about the first thing
 * missing (round 1 set a second GError over the first). */
static void
test_index_without_id_and_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("<index id=\"imd\" title=\"Index of Multiple Deprivation 2019\" "
                                               "short-title=\"IMD\" table=\"imd-ranks\"",
                                               "<index title=\"Index of Multiple Deprivation 2019\" "
                                               "short-title=\"IMD\"", &error);

  assert_invalid (dataset, error, "<index> needs a “id” attribute");
}

static void
test_bad_additions (void)
{
  struct { const char *from; const char *to; const char *expected; } cases[] = {
    { "context-level=\"lad\"", "context-level=\"county\"", "the context level “county”" },
    { "x=\"cni.score\" y=\"imd.score\"", "x=\"cni.score\" y=\"imd.nothing\"",
      "the variable “imd.nothing” does not exist at the level “ward”" },
    { "<report id=\"leave-cni\"", "<report id=\"leave-imd\"", "the report “leave-imd” is declared twice" },
    { "votes-column=\"Leave\" option=\"leave\"", "votes-column=\"Leave\"", "needs an “option”" },
    { "option=\"leave\"", "option=\"Leave it\"", "the option “Leave it”" },
    { "top-percent=\"10\"", "top-percent=\"110\"", "at most 100, not 110" },
    { "id=\"left_behind\" title", "id=\"cni.score\" title", "“cni.score” is declared twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LmDataset) dataset = load_altered (cases[i].from, cases[i].to, &error);

      assert_invalid (dataset, error, cases[i].expected);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("population_lsoa11_mid2017.csv", "population_gone.csv", &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_MISSING_FILE);
  g_assert_nonnull (strstr (error->message, "population_gone.csv"));
  g_assert_nonnull (strstr (error->message, "altered.xml, line "));
}

static void
test_missing_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("column=\"Crime Rank (where 1 is most deprived)\"",
                                               "column=\"Crime Rank (typo)\"", &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "imd2019_lsoa11_ranks.csv"));
  g_assert_nonnull (strstr (error->message, "Crime Rank (typo)"));
}

static void
test_missing_attribute (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("weight=\"22.5\"", "wieght=\"22.5\"", &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "<domain> needs a “weight” attribute"));
  g_assert_nonnull (strstr (error->message, "line "));
}

static void
test_unknown_level (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("level=\"ward\" published=", "level=\"parish\" published=", &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“parish”"));
}

static void
test_duplicate_variable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_altered ("id=\"cni.official_left_behind\"", "id=\"imd.score\"", &error);

  /* The index would make imd.score too: refused, not silently shadowed. */
  g_assert_null (dataset);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“imd.score” is declared twice"));
}

/* A user's own small vintage, written here: two levels, one index, no
 * boundaries, no election, no left-behind rule. */
static LmDataset *
load_tiny (const char  *income_ranks,
           GError     **error)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "tiny", NULL);
  g_autofree char *manifest = g_build_filename (dir, "tiny.xml", NULL);
  g_autofree char *ranks = g_strdup_printf ("code,name,income,health\n"
                                            "A1,Alpha,%s\n", income_ranks);
  struct { const char *name; const char *text; } files[] = {
    { "tiny.xml",
      "<dataset id=\"tiny\" title=\"Tiny\" format=\"1\">\n"
      "  <level id=\"lsoa\" title=\"Small areas\"/>\n"
      "  <level id=\"lad\" title=\"Districts\"/>\n"
      "  <lookup file=\"lookup.csv\"><key level=\"lsoa\" code-column=\"code\"/>"
      "<key level=\"lad\" code-column=\"lad\" name-column=\"lad_name\"/></lookup>\n"
      "  <population file=\"people.csv\" level=\"lsoa\" code-column=\"code\" column=\"n\"/>\n"
      "  <table id=\"t\" file=\"ranks.csv\" level=\"lsoa\" code-column=\"code\" name-column=\"name\"/>\n"
      "  <index id=\"imd\" title=\"Index\" table=\"t\" scale=\"1\">\n"
      "    <domain id=\"income\" kind=\"rank\" weight=\"1\" column=\"income\"/>\n"
      "    <domain id=\"health\" kind=\"rank\" weight=\"1\" column=\"health\"/>\n"
      "  </index>\n"
      "</dataset>\n" },
    { "lookup.csv", "code,lad,lad_name\nA1,D1,North\nA2,D1,North\nA3,D2,South\nA4,D2,South\n" },
    { "people.csv", "code,n\nA1,100\nA2,300\nA3,100\nA4,100\n" },
  };
  g_autofree char *table = g_strconcat (ranks, "A2,Beta,2,2\nA3,Gamma,3,4\nA4,Delta,4,3\n", NULL);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_assert_true (g_file_set_contents (path, files[i].text, -1, NULL));
    }
  {
    g_autofree char *path = g_build_filename (dir, "ranks.csv", NULL);
    g_assert_true (g_file_set_contents (path, table, -1, NULL));
  }
  /* A path, not a known id: its files are next to it. */
  return lm_dataset_open (manifest, "/nonexistent", error);
}

static void
test_own_vintage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = load_tiny ("1,1", &error);
  g_autoptr(LmModel) model = NULL;
  LmVariable *score, *rank;

  g_assert_no_error (error);
  model = lm_model_new (dataset);
  score = lm_dataset_find_variable (dataset, "lsoa", "imd.score");
  rank = lm_dataset_find_variable (dataset, "lad", "imd.rank");
  g_assert_nonnull (score);
  g_assert_nonnull (rank);
  /* A1 is ranked first on both domains: score 100. */
  g_assert_cmpfloat_with_epsilon (score->values[0], 100.0, 1e-9);
  /* District D1 holds A1 and the heavier A2, and ranks first. */
  g_assert_cmpfloat (rank->values[0], ==, 1);
  g_assert_cmpstr (lm_dataset_find_level (dataset, "lad")->names[1], ==, "South");
}

static void
test_bad_rank (void)
{
  const char *bad[] = { "0,1", "5,1", "1.5,1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LmDataset) dataset = load_tiny (bad[i], &error);

      g_assert_null (dataset);
      g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA);
      g_assert_nonnull (strstr (error->message, "ranks.csv, line 2, column “income”"));
      g_assert_nonnull (strstr (error->message, "“A1”"));
      g_assert_nonnull (strstr (error->message, "from 1 to 4"));
    }
}

static void
test_missing_data_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open ("england-2019", "/nonexistent/levelmap", &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/levelmap/england-2019"));
  g_assert_nonnull (strstr (error->message, "--data-dir"));
}

static void
test_unknown_dataset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open ("wales-2019", g_getenv ("LEVELMAP_DATA_DIR"), &error);

  g_assert_null (dataset);
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "wales-2019"));
}

static void
test_external_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<?xml version=\"1.0\"?>\n"
                                          "<!DOCTYPE dataset [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                                          "<dataset id=\"x\">&secret;</dataset>\n", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "hostile.xml"));
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_doctype_loading_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<?xml version=\"1.0\"?>\n"
                                          "<!DOCTYPE dataset SYSTEM \"file:///etc/passwd\">\n"
                                          "<dataset id=\"x\"/>\n", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORBIDDEN);
}

static void
test_internal_entity_bomb (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<?xml version=\"1.0\"?>\n"
                                          "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
                                          "<dataset id=\"&b;\"/>\n", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORBIDDEN);
}

static void
test_not_xml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<dataset id=\"x\">\n<level id=\"a\">\n</dataset>", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "hostile.xml, line 3"));
}

/* Issue 13, defect 9: a tag left open at line 4 and closed wrongly at
 * line 5 is reported there, at libxml2's own line and column (12: just
 * after the closing tag, as xmllint shows it), not at a
 * later consequence such as the end of the file. */
static void
test_first_error_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<dataset id=\"x\" format=\"1\">\n"
                                          "  <lookup file=\"l.csv\">\n"
                                          "    <key level=\"a\"/>\n"
                                          "    <key level=\"b\">\n"
                                          "  </lookup>\n"
                                          "  <level id=\"a\"/>\n"
                                          "  <level id=\"b\"/>\n"
                                          "</dataset>\n", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "hostile.xml, line 5, column 12:"));
  g_assert_nonnull (strstr (error->message, "key line 4 and lookup"));
}

static void
test_wrong_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmManifest) manifest = parse ("<svg/>", &error);

  g_assert_null (manifest);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("levelmap-manifest-XXXXXX", NULL);
  g_test_add_func ("/model/manifest/real", test_real_manifests_load);
  g_test_add_func ("/model/manifest/vocabulary", test_real_manifest_vocabulary);
  g_test_add_func ("/model/manifest/legacy-election", test_legacy_election);
  g_test_add_func ("/model/manifest/format", test_format);
  g_test_add_func ("/model/manifest/index-without-id-and-table", test_index_without_id_and_table);
  g_test_add_func ("/model/manifest/bad-additions", test_bad_additions);
  g_test_add_func ("/model/manifest/missing-file", test_missing_file);
  g_test_add_func ("/model/manifest/missing-column", test_missing_column);
  g_test_add_func ("/model/manifest/missing-attribute", test_missing_attribute);
  g_test_add_func ("/model/manifest/unknown-level", test_unknown_level);
  g_test_add_func ("/model/manifest/duplicate-variable", test_duplicate_variable);
  g_test_add_func ("/model/manifest/missing-data-folder", test_missing_data_folder);
  g_test_add_func ("/model/manifest/own-vintage", test_own_vintage);
  g_test_add_func ("/model/manifest/bad-rank", test_bad_rank);
  g_test_add_func ("/model/manifest/unknown-dataset", test_unknown_dataset);
  g_test_add_func ("/model/manifest/external-entity", test_external_entity);
  g_test_add_func ("/model/manifest/doctype-file", test_doctype_loading_a_file);
  g_test_add_func ("/model/manifest/entity-bomb", test_internal_entity_bomb);
  g_test_add_func ("/model/manifest/not-xml", test_not_xml);
  g_test_add_func ("/model/manifest/wrong-root", test_wrong_root);
  g_test_add_func ("/model/manifest/first-error-line", test_first_error_line);
  status = g_test_run ();
  {
    g_autofree char *altered = g_build_filename (tmp_dir, "altered.xml", NULL);
    g_autofree char *tiny = g_build_filename (tmp_dir, "tiny", NULL);
    const char *tiny_files[] = { "tiny.xml", "lookup.csv", "people.csv", "ranks.csv" };

    for (guint i = 0; i < G_N_ELEMENTS (tiny_files); i++)
      {
        g_autofree char *path = g_build_filename (tiny, tiny_files[i], NULL);
        g_unlink (path);
      }
    g_rmdir (tiny);
    g_unlink (altered);
    g_rmdir (tmp_dir);
  }
  return status;
}
