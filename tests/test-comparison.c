/* test-comparison.c — two vintages compared on one geography
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lm-comparison.h"
#include "lm-csv.h"
#include "lm-manifest.h"
#include "lm-model.h"
#include "lm-synthetic.h"
#include "lm-test-files.h"

/* ------------------------------------------------------------------ */
/* Two small vintages                                                 */
/* ------------------------------------------------------------------ */

/* "Old" has four districts, "new" three: B1 and B2 merged into A1, B3
 * became A2, B4 became A3. Both lookups start from the base codes X1..X4.
 * One index of one domain: a district's score is the exponential score
 * of its rank; the rule flags the worst 34% (one district of three or
 * four). */
static const char vintage_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<dataset id=\"%s\" title=\"%s\" format=\"1\">\n"
  "  <level id=\"district\" title=\"Districts\" singular=\"district\" plural=\"districts\"/>\n"
  "  <lookup file=\"lookup.csv\"><key level=\"district\" code-column=\"code\" name-column=\"name\"/></lookup>\n"
  "  <population file=\"t.csv\" level=\"district\" code-column=\"code\" column=\"people\"/>\n"
  "  <table id=\"t\" file=\"t.csv\" level=\"district\" code-column=\"code\"/>\n"
  "  <index id=\"imd\" title=\"Index\" short-title=\"Index\" table=\"t\" scale=\"1\">\n"
  "    <domain id=\"a\" kind=\"rank\" weight=\"1\" column=\"a\"/>\n"
  "  </index>\n"
  "  <left-behind level=\"district\"><criterion variable=\"imd.score\" top-percent=\"34\"/></left-behind>\n"
  "</dataset>\n";

static const char comparison_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<comparison id=\"old-new\" title=\"Old against new\" format=\"1\">\n"
  "  <before dataset=\"old\" title=\"Then\"/>\n"
  "  <after dataset=\"new\" title=\"Now\"/>\n"
  "  <geography level=\"district\">\n"
  "    <lookup vintage=\"before\" file=\"%s\" from-column=\"base\" to-column=\"code\"/>\n"
  "    <lookup vintage=\"after\" file=\"base.csv\" from-column=\"base\" to-column=\"code\"/>\n"
  "  </geography>\n"
  "  <index id=\"imd\"/>\n"
  "  <left-behind/>\n"
  "</comparison>\n";

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
write_vintage (const char *root,
               const char *id,
               const char *title,
               const char *lookup,
               const char *table,
               const char *base)
{
  g_autofree char *dir = g_build_filename (root, id, NULL);
  g_autofree char *manifest_name = g_strdup_printf ("%s.xml", id);
  g_autofree char *manifest = g_strdup_printf (vintage_manifest, id, title);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  write_file (root, manifest_name, manifest);
  write_file (dir, "lookup.csv", lookup);
  write_file (dir, "t.csv", table);
  write_file (dir, "base.csv", base);
}

/* Writes both vintages and the comparison into a new folder; @before_base
 * is the old vintage's lookup from the base codes. Returns the folder. */
static char *
write_fixture (const char *before_base,
               const char *before_file)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("levelmap-compare-XXXXXX", &error);
  g_autofree char *comparison = g_strdup_printf (comparison_manifest, before_file);

  g_assert_no_error (error);
  write_vintage (root, "old", "Old",
                 "code,name\nB1,Barton\nB2,Bexley Vale\nB3,Caister\nB4,Dunmore\n",
                 "code,people,a\nB1,100,1\nB2,300,2\nB3,200,3\nB4,100,4\n",
                 before_base);
  write_vintage (root, "new", "New",
                 "code,name\nA1,Barton and Bexley\nA2,Caister\nA3,Dunmore\n",
                 "code,people,a\nA1,420,2\nA2,210,1\nA3,90,3\n",
                 "base,code\nX1,A1\nX2,A1\nX3,A2\nX4,A3\n");
  write_file (root, "old-new.xml", comparison);
  return root;
}

static LmComparison *
open_fixture (const char  *root,
              GError     **error)
{
  g_autofree char *path = g_build_filename (root, "old-new.xml", NULL);

  return lm_comparison_open (path, root, error);
}

static const char good_base[] = "base,code\nX1,B1\nX2,B2\nX3,B3\nX4,B4\n";

/* Worked by hand. Old scores are X(r, 4) for ranks 1..4; A1 gets
 * (100 X(1,4) + 300 X(2,4)) / 400, A2 X(3,4), A3 X(4,4): ranked 1, 2, 3.
 * New ranks are 2, 1, 3 (scores X(r, 3)). So A1 moved 1 - 2 = -1, A2 +1.
 * Deciles of 3: ceil (10 r / 3) = 4, 7, 10: none in decile 1, none moves.
 * Left behind: the worst 34% is one district. Old: B1 (100 of 700
 * people), all in A1; new: A2 (210 of 720). */
static void
test_by_hand (void)
{
  g_autofree char *root = write_fixture (good_base, "base.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(LmComparison) comparison = open_fixture (root, &error);
  g_autoptr(LmDataset) new_dataset = NULL;
  LmVariable *before, *after, *move, *entered, *share_before, *share_after;
  g_autofree char *origin = NULL;
  double x1 = lm_synthetic_exp_score (1, 4), x2 = lm_synthetic_exp_score (2, 4);
  double x3 = lm_synthetic_exp_score (3, 4);

  g_assert_no_error (error);
  /* Found for its later vintage, and only for it. */
  {
    g_autofree char *found = lm_comparison_find_for ("new", root);
    g_autofree char *expected = g_build_filename (root, "old-new.xml", NULL);

    g_assert_cmpstr (found, ==, expected);
    g_assert_null (lm_comparison_find_for ("old", root));
  }
  g_assert_cmpstr (lm_comparison_get_id (comparison), ==, "old-new");
  g_assert_cmpstr (lm_comparison_get_after_id (comparison), ==, "new");
  g_assert_true (lm_comparison_run (comparison, NULL, &error));
  g_assert_no_error (error);

  before = lm_comparison_find_variable (comparison, "imd_rank_before");
  after = lm_comparison_find_variable (comparison, "imd_rank_after");
  move = lm_comparison_find_variable (comparison, "imd_rank_move");
  entered = lm_comparison_find_variable (comparison, "imd_decile1_entered");
  share_before = lm_comparison_find_variable (comparison, "left_behind_share_before");
  share_after = lm_comparison_find_variable (comparison, "left_behind_share_after");
  g_assert_cmpstr (before->id, ==, "compare.imd_rank_before");
  g_assert_cmpstr (before->title, ==, "Index rank in Then");
  /* A1's carried score lies between X(1,4) and X(2,4), above A2's X(3,4). */
  g_assert_cmpfloat ((100 * x1 + 300 * x2) / 400, >, x3);
  g_assert_cmpfloat (before->values[0], ==, 1);
  g_assert_cmpfloat (before->values[1], ==, 2);
  g_assert_cmpfloat (before->values[2], ==, 3);
  g_assert_cmpfloat (after->values[0], ==, 2);
  g_assert_cmpfloat (after->values[1], ==, 1);
  g_assert_cmpfloat (move->values[0], ==, -1);
  g_assert_cmpfloat (move->values[1], ==, 1);
  g_assert_cmpfloat (move->values[2], ==, 0);
  for (guint a = 0; a < 3; a++)
    g_assert_cmpfloat (entered->values[a], ==, 0);
  g_assert_cmpfloat_with_epsilon (share_before->values[0], 100.0 * 100 / 400, 1e-9);
  g_assert_cmpfloat (share_before->values[1], ==, 0);
  g_assert_cmpfloat (share_after->values[1], ==, 100);
  g_assert_cmpfloat_with_epsilon (lm_comparison_get_national_share (comparison, FALSE), 100.0 * 100 / 700, 1e-9);
  g_assert_cmpfloat_with_epsilon (lm_comparison_get_national_share (comparison, TRUE), 100.0 * 210 / 720, 1e-9);
  origin = lm_comparison_describe_origin (comparison, 0);
  g_assert_cmpstr (origin, ==, "Barton, Bexley Vale");

  /* Applied to the new vintage, the results are its variables. */
  new_dataset = lm_dataset_open ("new", root, &error);
  g_assert_no_error (error);
  g_assert_true (lm_comparison_apply (comparison, new_dataset, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lm_dataset_find_variable (new_dataset, "district", "compare.imd_rank_move")->values[1],
                     ==, 1);
  /* Not to the old one. */
  {
    g_autoptr(LmDataset) old_dataset = lm_dataset_open ("old", root, &error);

    g_assert_false (lm_comparison_apply (comparison, old_dataset, &error));
    g_assert_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_DATASET);
    g_assert_nonnull (strstr (error->message, "old"));
  }
  lm_test_remove_tree (root);
}

/* A district that would become two: named with the file and line. */
static void
test_split_district (void)
{
  g_autofree char *root = write_fixture ("base,code\nX1,B1\nX2,B2\nX3,B1\nX4,B4\n", "base.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(LmComparison) comparison = open_fixture (root, &error);
  g_autofree char *where = g_build_filename (root, "old", "base.csv", NULL);

  g_assert_no_error (error);
  g_assert_false (lm_comparison_run (comparison, NULL, &error));
  g_assert_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_assert_nonnull (strstr (error->message, "B1 (Barton)"));
  g_assert_nonnull (strstr (error->message, "Barton and Bexley"));
  g_assert_nonnull (strstr (error->message, "Caister"));
  lm_test_remove_tree (root);
}

static void
test_lookup_faults (void)
{
  const struct { const char *base; const char *says; } faults[] = {
    /* B2 in no row */
    { "base,code\nX1,B1\nX3,B3\nX4,B4\n", "B2 (Bexley Vale) is in no row" },
    /* a base code the new lookup lacks */
    { "base,code\nX1,B1\nX2,B2\nX3,B3\nX9,B4\n", "“X9” is not in" },
    /* a district the old vintage lacks */
    { "base,code\nX1,B1\nX2,B2\nX3,B3\nX4,B7\n", "“B7” is not one of the Districts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *root = write_fixture (faults[i].base, "base.csv");
      g_autoptr(GError) error = NULL;
      g_autoptr(LmComparison) comparison = open_fixture (root, &error);

      g_assert_no_error (error);
      g_assert_false (lm_comparison_run (comparison, NULL, &error));
      g_assert_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_LOOKUP);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, faults[i].says));
      g_assert_nonnull (strstr (error->message, "base.csv"));
      lm_test_remove_tree (root);
    }
}

/* A name without ".." may still be a link that leads out of the
 * vintage's folder: refused, not read. */
static void
test_lookup_link_outside (void)
{
  g_autofree char *root = write_fixture (good_base, "linked.csv");
  g_autofree char *link = g_build_filename (root, "old", "linked.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmComparison) comparison = NULL;

  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
  comparison = open_fixture (root, &error);
  g_assert_no_error (error);
  g_assert_false (lm_comparison_run (comparison, NULL, &error));
  g_assert_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_OUTSIDE);
  g_assert_nonnull (strstr (error->message, "linked.csv"));
  g_assert_nonnull (strstr (error->message, "/etc/passwd"));
  lm_test_remove_tree (root);
}

static void
test_manifest_faults (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = write_fixture (good_base, "../new/base.csv");
  g_autoptr(LmComparison) comparison = open_fixture (root, &error);
  g_autoptr(LmComparison) unknown = NULL;

  g_assert_null (comparison);
  g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "old-new.xml, line 6"));
  g_assert_nonnull (strstr (error->message, "../new/base.csv"));
  g_clear_error (&error);

  unknown = lm_comparison_open ("no-such-comparison", root, &error);
  g_assert_null (unknown);
  g_assert_error (error, LM_COMPARISON_ERROR, LM_COMPARISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-comparison"));
  g_clear_error (&error);

  /* A dataset manifest is not a comparison. */
  {
    g_autofree char *dataset = g_build_filename (root, "old.xml", NULL);

    g_assert_null (lm_comparison_open (dataset, root, &error));
    g_assert_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "<comparison>"));
  }
  lm_test_remove_tree (root);
}

/* ------------------------------------------------------------------ */
/* England                                                            */
/* ------------------------------------------------------------------ */

static GHashTable *
read_column_map (const char *path,
                 const char *key,
                 const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmCsv) csv = lm_csv_load (path, &error);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint k, v;

  g_assert_no_error (error);
  g_assert_true (lm_csv_require_column (csv, key, &k, NULL));
  g_assert_true (lm_csv_require_column (csv, value, &v, NULL));
  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    g_hash_table_insert (map, g_strdup (lm_csv_get (csv, r, k)), g_strdup (lm_csv_get (csv, r, v)));
  return map;
}

/* 1 for the largest; equal values in index order, as Levelmap ranks. */
static void
rank_by_counting (const double *values,
                  guint         n,
                  double       *out)
{
  for (guint i = 0; i < n; i++)
    {
      guint above = 0;

      for (guint j = 0; j < n; j++)
        above += values[j] > values[i] || (values[j] == values[i] && j < i);
      out[i] = above + 1;
    }
}

/* Spearman's rho of two rankings without ties. */
static double
spearman (const double *x,
          const double *y,
          guint         n)
{
  double d2 = 0;

  for (guint i = 0; i < n; i++)
    d2 += (x[i] - y[i]) * (x[i] - y[i]);
  return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
}

/* The 2019 ranks on 2024 districts, worked here from the lookups and the
 * 2019 districts' own scores (exactly), and from MHCLG's published 2019
 * district average scores (closely: those were weighted by mid-2015
 * residents, Levelmap's by mid-2017); the 2025 ranks against MHCLG's
 * published rank of average score (weighted by other residents than the
 * Census 2021 ones here). */
static void
test_england (void)
{
  const char *root = g_getenv ("LEVELMAP_DATA_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(LmComparison) comparison = NULL;
  g_autoptr(LmDataset) old_dataset = NULL;
  g_autoptr(LmModel) old_model = NULL;
  g_autofree char *base19 = NULL, *base24 = NULL, *summary19 = NULL, *summary25 = NULL;
  g_autoptr(GHashTable) to19 = NULL, to24 = NULL, score19 = NULL, rank25 = NULL;
  LmLevel *level, *lad19;
  LmVariable *before, *after, *entered, *left, *own;
  double sum[2][400] = { { 0 } }, weight[400] = { 0 }, carried[2][400], ranks[2][400], published[400];
  guint exact = 0, n_entered = 0, n_left = 0;
  double worst[3] = { 0, 0, 0 };

  g_assert_nonnull (root);
  comparison = lm_comparison_open ("england-2019-2025", root, &error);
  g_assert_no_error (error);
  g_assert_true (lm_comparison_run (comparison, NULL, &error));
  g_assert_no_error (error);
  level = lm_comparison_get_level (comparison);
  g_assert_cmpuint (level->n_areas, ==, 296);

  /* Mergers: 2019's Buckinghamshire districts became one in 2020. */
  {
    int bucks = lm_level_find_area (level, "E06000060");
    g_autofree char *origin = NULL;

    g_assert_cmpint (bucks, >=, 0);
    origin = lm_comparison_describe_origin (comparison, (guint) bucks);
    g_test_message ("Buckinghamshire was %s", origin);
    g_assert_cmpstr (origin, ==, "Aylesbury Vale, Chiltern, South Bucks, Wycombe");
  }

  old_dataset = lm_dataset_open ("england-2019", root, &error);
  g_assert_no_error (error);
  old_model = lm_model_new (old_dataset);
  lad19 = lm_dataset_find_level (old_dataset, "lad");
  own = lm_level_find_variable (lad19, "imd.score");
  base19 = g_build_filename (root, "england-2019", "lookup_lad16_lad19.csv", NULL);
  base24 = g_build_filename (root, "england-2025", "lookup_lad16_lad24.csv", NULL);
  summary19 = g_build_filename (root, "england-2019", "imd2019_lad19_summary.csv", NULL);
  summary25 = g_build_filename (root, "england-2025", "imd2025_lad24_summary.csv", NULL);
  to19 = read_column_map (base19, "LAD16CD", "LAD19CD");
  to24 = read_column_map (base24, "LAD16CD", "LAD24CD");
  score19 = read_column_map (summary19, "ltla19_code", "Score");
  rank25 = read_column_map (summary25, "ltla24_code", "imd_rank_of_average_score");
  {
    GHashTableIter iter;
    gpointer key, value;
    g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_iter_init (&iter, to19);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const char *code19 = value;
        int b = lm_level_find_area (lad19, code19);
        int a = lm_level_find_area (level, g_hash_table_lookup (to24, key));

        g_assert_cmpint (b, >=, 0);
        g_assert_cmpint (a, >=, 0);
        if (!g_hash_table_add (done, (char *) code19))
          continue;
        sum[0][a] += lad19->population[b] * own->values[b];
        sum[1][a] += lad19->population[b] * g_ascii_strtod (g_hash_table_lookup (score19, code19), NULL);
        weight[a] += lad19->population[b];
      }
  }
  for (guint k = 0; k < 2; k++)
    {
      for (guint a = 0; a < level->n_areas; a++)
        carried[k][a] = sum[k][a] / weight[a];
      rank_by_counting (carried[k], level->n_areas, ranks[k]);
    }

  before = lm_comparison_find_variable (comparison, "imd_rank_before");
  after = lm_comparison_find_variable (comparison, "imd_rank_after");
  entered = lm_comparison_find_variable (comparison, "imd_decile1_entered");
  left = lm_comparison_find_variable (comparison, "imd_decile1_left");
  for (guint a = 0; a < level->n_areas; a++)
    {
      guint d_before = (guint) ceil (10 * before->values[a] / level->n_areas);
      guint d_after = (guint) ceil (10 * after->values[a] / level->n_areas);

      published[a] = g_ascii_strtod (g_hash_table_lookup (rank25, level->codes[a]), NULL);
      exact += before->values[a] == ranks[0][a];
      worst[0] = MAX (worst[0], fabs (before->values[a] - ranks[1][a]));
      worst[1] = MAX (worst[1], fabs (after->values[a] - published[a]));
      g_assert_cmpfloat (entered->values[a], ==, d_after == 1 && d_before != 1);
      g_assert_cmpfloat (left->values[a], ==, d_before == 1 && d_after != 1);
      n_entered += entered->values[a] == 1;
      n_left += left->values[a] == 1;
    }
  g_test_message ("2019 ranks on 2024 districts: rho %.5f with the published scores, at most %.0f "
                  "places off; 2025: rho %.5f with the published ranks, at most %.0f off; %u "
                  "entered decile 1, %u left it",
                  spearman (before->values, ranks[1], level->n_areas), worst[0],
                  spearman (after->values, published, level->n_areas), worst[1], n_entered, n_left);
  g_assert_cmpuint (exact, ==, level->n_areas);
  g_assert_cmpfloat (spearman (before->values, ranks[1], level->n_areas), >=, 0.999);
  g_assert_cmpfloat (spearman (after->values, published, level->n_areas), >=, 0.999);
  g_assert_cmpfloat (worst[0], <=, 10);
  g_assert_cmpfloat (worst[1], <=, 10);
  g_assert_cmpuint (n_entered, >, 0);
  g_assert_cmpuint (n_left, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/comparison/by-hand", test_by_hand);
  g_test_add_func ("/model/comparison/split-district", test_split_district);
  g_test_add_func ("/model/comparison/lookup-faults", test_lookup_faults);
  g_test_add_func ("/model/comparison/lookup-link-outside", test_lookup_link_outside);
  g_test_add_func ("/model/comparison/manifest-faults", test_manifest_faults);
  g_test_add_func ("/model/comparison/england", test_england);
  return g_test_run ();
}
