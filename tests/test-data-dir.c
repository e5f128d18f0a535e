/* test-data-dir.c — where Levelmap looks for its data and manifests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>

#include "lm-data-dir.h"
#include "lm-data-dir-private.h"
#include "lm-test-files.h"

typedef struct
{
  char *root;       /* a temporary folder holding everything below */
  char *first;      /* manifest folder 1 */
  char *second;     /* manifest folder 2 */
  char *data;       /* a data root, with manifests of its own */
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
write_manifest (const char *dir,
                const char *id,
                const char *title)
{
  g_autofree char *name = g_strconcat (id, ".xml", NULL);
  g_autofree char *text = g_strdup_printf ("<dataset id=\"%s\" title=\"%s\" format=\"1\"/>\n",
                                           id, title);

  write_file (dir, name, text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = g_dir_make_tmp ("levelmap-data-dir-XXXXXX", NULL);
  fixture->first = g_build_filename (fixture->root, "first", NULL);
  fixture->second = g_build_filename (fixture->root, "second", NULL);
  fixture->data = g_build_filename (fixture->root, "data", NULL);
  g_assert_cmpint (g_mkdir (fixture->first, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->second, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->data, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->first);
  g_free (fixture->second);
  g_free (fixture->data);
  g_unsetenv ("LEVELMAP_MANIFEST_DIR");
  g_unsetenv ("LEVELMAP_DATA_DIR");
}

/* --data-dir, then $LEVELMAP_DATA_DIR, whether or not they exist: the
 * user named them, and an error will say so. */
static void
test_option_then_environment (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *from_option = NULL;
  g_autofree char *from_env = NULL;

  g_setenv ("LEVELMAP_DATA_DIR", fixture->first, TRUE);
  from_option = lm_data_dir_find ("/named/on/the/command/line");
  g_assert_cmpstr (from_option, ==, "/named/on/the/command/line");
  from_env = lm_data_dir_find (NULL);
  g_assert_cmpstr (from_env, ==, fixture->first);
  g_free (from_env);
  from_env = lm_data_dir_find ("");
  g_assert_cmpstr (from_env, ==, fixture->first);
}

/* Then the configured folder and the installed one, each only if it
 * exists; with neither, the installed one, so the error names it. */
static void
test_built_in_places (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->root, "missing", NULL);
  g_autofree char *chosen = NULL;

  chosen = _lm_data_dir_choose (NULL, NULL, fixture->first, fixture->second);
  g_assert_cmpstr (chosen, ==, fixture->first);
  g_free (chosen);
  chosen = _lm_data_dir_choose (NULL, NULL, missing, fixture->second);
  g_assert_cmpstr (chosen, ==, fixture->second);
  g_free (chosen);
  /* -Ddata_dir not given: straight to the installed folder. */
  chosen = _lm_data_dir_choose (NULL, "", "", fixture->second);
  g_assert_cmpstr (chosen, ==, fixture->second);
  g_free (chosen);
  chosen = _lm_data_dir_choose (NULL, NULL, missing, missing);
  g_assert_cmpstr (chosen, ==, missing);
  g_free (chosen);
  /* The environment beats both. */
  chosen = _lm_data_dir_choose (NULL, fixture->data, fixture->first, fixture->second);
  g_assert_cmpstr (chosen, ==, fixture->data);
}

static void
test_manifest_search_order (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_strjoin (G_SEARCHPATH_SEPARATOR_S, fixture->first, "", fixture->second, NULL);
  g_auto(GStrv) dirs = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("LEVELMAP_MANIFEST_DIR", path, TRUE);
  dirs = lm_data_dir_get_manifest_dirs (fixture->data);
  g_assert_cmpuint (g_strv_length (dirs), ==, 4);
  g_assert_cmpstr (dirs[0], ==, fixture->first);
  g_assert_cmpstr (dirs[1], ==, fixture->second);
  /* The installed manifests before the data folder's own. */
  g_assert_cmpstr (dirs[2], ==, LM_INSTALLED_MANIFEST_DIR);
  g_assert_cmpstr (dirs[3], ==, fixture->data);

  write_manifest (fixture->second, "atlantis", "Atlantis (second)");
  write_manifest (fixture->data, "atlantis", "Atlantis (data)");
  found = lm_data_dir_find_manifest ("atlantis", fixture->data);
  expected = g_build_filename (fixture->second, "atlantis.xml", NULL);
  g_assert_cmpstr (found, ==, expected);
  write_manifest (fixture->first, "atlantis", "Atlantis (first)");
  g_free (found);
  g_free (expected);
  found = lm_data_dir_find_manifest ("atlantis", fixture->data);
  expected = g_build_filename (fixture->first, "atlantis.xml", NULL);
  g_assert_cmpstr (found, ==, expected);
  g_free (found);
  found = lm_data_dir_find_manifest ("lemuria", fixture->data);
  g_assert_null (found);
}

static void
assert_info (LmDatasetInfo *info,
             const char    *id,
             const char    *title,
             const char    *dir,
             gboolean       available)
{
  g_autofree char *file = g_strconcat (id, ".xml", NULL);
  g_autofree char *manifest = g_build_filename (dir, file, NULL);

  g_assert_cmpstr (info->id, ==, id);
  g_assert_cmpstr (info->title, ==, title);
  g_assert_cmpstr (info->manifest, ==, manifest);
  g_assert_cmpint (info->available, ==, available);
}

/* The datasets offered come from the manifests found: folder by folder,
 * by id within a folder, the first of an id hiding later ones, broken
 * files left out. The default is the first whose data are there. */
static void
test_list_datasets (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_strjoin (G_SEARCHPATH_SEPARATOR_S, fixture->first, fixture->second, NULL);
  g_autofree char *lemuria_data = g_build_filename (fixture->data, "lemuria", NULL);
  g_autofree char *mu_data = g_build_filename (fixture->data, "mu", NULL);
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *chosen = NULL;

  g_setenv ("LEVELMAP_MANIFEST_DIR", path, TRUE);
  datasets = lm_data_dir_list_datasets (fixture->data);
  g_assert_cmpuint (datasets->len, ==, 0);
  chosen = lm_data_dir_get_default_dataset (fixture->data);
  g_assert_null (chosen);
  g_clear_pointer (&datasets, g_ptr_array_unref);

  write_manifest (fixture->first, "mu", "Mu");
  write_manifest (fixture->first, "lemuria", "Lemuria");
  write_manifest (fixture->second, "mu", "Mu (hidden)");
  write_manifest (fixture->second, "hyperborea", "Hyperborea");
  write_manifest (fixture->data, "atlantis", "Atlantis");
  write_file (fixture->data, "notes.xml", "<notes/>\n");
  write_file (fixture->data, "broken.xml", "<dataset id=\"broken\" format=\"1\">\n");
  write_file (fixture->second, "readme.txt", "not a manifest\n");

  datasets = lm_data_dir_list_datasets (fixture->data);
  g_assert_cmpuint (datasets->len, ==, 4);
  assert_info (g_ptr_array_index (datasets, 0), "lemuria", "Lemuria", fixture->first, FALSE);
  assert_info (g_ptr_array_index (datasets, 1), "mu", "Mu", fixture->first, FALSE);
  assert_info (g_ptr_array_index (datasets, 2), "hyperborea", "Hyperborea", fixture->second, FALSE);
  assert_info (g_ptr_array_index (datasets, 3), "atlantis", "Atlantis", fixture->data, FALSE);

  /* No data anywhere: the first listed. */
  chosen = lm_data_dir_get_default_dataset (fixture->data);
  g_assert_cmpstr (chosen, ==, "lemuria");
  g_free (chosen);
  /* The first listed whose data folder exists. */
  g_assert_cmpint (g_mkdir (mu_data, 0700), ==, 0);
  chosen = lm_data_dir_get_default_dataset (fixture->data);
  g_assert_cmpstr (chosen, ==, "mu");
  g_free (chosen);
  g_assert_cmpint (g_mkdir (lemuria_data, 0700), ==, 0);
  chosen = lm_data_dir_get_default_dataset (fixture->data);
  g_assert_cmpstr (chosen, ==, "lemuria");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/model/data-dir/option-then-environment", Fixture, NULL, fixture_set_up,
              test_option_then_environment, fixture_tear_down);
  g_test_add ("/model/data-dir/built-in-places", Fixture, NULL, fixture_set_up,
              test_built_in_places, fixture_tear_down);
  g_test_add ("/model/data-dir/manifest-search-order", Fixture, NULL, fixture_set_up,
              test_manifest_search_order, fixture_tear_down);
  g_test_add ("/model/data-dir/list-datasets", Fixture, NULL, fixture_set_up,
              test_list_datasets, fixture_tear_down);
  return g_test_run ();
}
