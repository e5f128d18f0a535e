/* test-lazy-load.c — datasets read in part give the values of a whole
 * read for everything they hold, and hold what their actions need
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <glib.h>

#include "lm-dataset.h"
#include "lm-model.h"

static const char *data_dir;

static LmDataset *
open_or_fail (const char          *name,
              const char * const  *variables,
              LmDatasetNeedFlags   flags,
              gboolean             partial)
{
  g_autoptr(GError) error = NULL;
  LmDataset *dataset;

  if (data_dir == NULL)
    {
      g_test_fail_printf ("LEVELMAP_DATA_DIR is not set: the reference data are needed");
      return NULL;
    }
  if (partial)
    {
      LmDatasetNeeds needs = { variables, flags, NULL };

      dataset = lm_dataset_open_for (name, data_dir, &needs, &error);
    }
  else
    dataset = lm_dataset_open (name, data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* The area of @whole's parent level that holds the same code as the
 * parent of area @a of @part, or -1. */
static int
whole_parent (LmLevel *part,
              guint    a,
              LmLevel *whole)
{
  if (part->parent[a] < 0)
    return -1;
  return lm_level_find_area (whole->parent_level, part->parent_level->codes[part->parent[a]]);
}

/* Every variable of @part, at every level, has the whole read's values
 * for the same area codes (after each model computed them). */
static void
assert_same_values (LmModel  *part,
                    LmModel  *whole,
                    gboolean  names)
{
  LmDataset *p = lm_model_get_dataset (part);
  LmDataset *w = lm_model_get_dataset (whole);

  g_assert_cmpuint (lm_dataset_get_n_levels (p), ==, lm_dataset_get_n_levels (w));
  for (guint k = 0; k < lm_dataset_get_n_levels (p); k++)
    {
      LmLevel *pl = lm_dataset_get_level (p, k);
      LmLevel *wl = lm_dataset_get_level (w, k);

      g_assert_cmpstr (pl->id, ==, wl->id);
      if (names)
        g_assert_cmpuint (pl->n_areas, ==, wl->n_areas);
      for (guint v = 0; v < pl->variables->len; v++)
        {
          LmVariable *pv = g_ptr_array_index (pl->variables, v);
          LmVariable *wv = lm_level_find_variable (wl, pv->id);

          g_assert_nonnull (wv);
          for (guint a = 0; a < pl->n_areas; a++)
            {
              int wa = lm_level_find_area (wl, pl->codes[a]);
              double x, y;

              g_assert_cmpint (wa, >=, 0);
              if (names)
                g_assert_cmpstr (pl->names[a], ==, wl->names[wa]);
              g_assert_cmpint (whole_parent (pl, a, wl), ==, wl->parent[wa]);
              x = pv->values[a];
              y = wv->values[wa];
              if (isnan (x) || isnan (y))
                {
                  if (isnan (x) != isnan (y))
                    g_error ("%s of %s at %s: %g in part, %g in whole", pv->id, pl->codes[a],
                             pl->id, x, y);
                  continue;
                }
              if (x != y)
                g_error ("%s of %s at %s: %.17g in part, %.17g in whole", pv->id, pl->codes[a],
                         pl->id, x, y);
            }
        }
    }
}

static gboolean
has_variable (LmDataset  *dataset,
              const char *level,
              const char *id)
{
  return lm_dataset_find_variable (dataset, level, id) != NULL;
}

/* What the command line asks for its actions, with and without custom
 * weights. */
static void
test_parts (gconstpointer data)
{
  const char *name = data;
  g_autoptr(LmDataset) whole = open_or_fail (name, NULL, 0, FALSE);
  g_autoptr(LmModel) whole_model = NULL;
  static const char * const map[] = { "imd.score", NULL };
  static const char * const stats[] = { "cni.score", "eu.leave_pct", NULL };
  static const char * const none[] = { NULL };
  struct { const char * const *variables; LmDatasetNeedFlags flags; } parts[] = {
    { map, LM_DATASET_NEED_RULE },
    { none, LM_DATASET_NEED_DEFAULT_VARIABLE | LM_DATASET_NEED_RULE },
    { none, LM_DATASET_NEED_FIRST_REPORT },
    { stats, 0 },
    { none, LM_DATASET_NEED_RULE | LM_DATASET_NEED_NAMES },
    { none, LM_DATASET_NEED_NAMES },
    { none, 0 },
  };

  if (whole == NULL)
    return;
  g_assert_true (lm_dataset_is_complete (whole));
  whole_model = lm_model_new (whole);
  g_assert_true (lm_model_parse_weight (whole_model, "imd.income=30", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(LmDataset) part = open_or_fail (name, parts[i].variables, parts[i].flags, TRUE);
      g_autoptr(LmModel) model = lm_model_new (part);
      LmLevel *finest = lm_dataset_get_level (part, 0);

      g_assert_false (lm_dataset_is_complete (part));
      g_assert_true (has_variable (part, finest->id, "population"));
      for (guint v = 0; parts[i].variables[v] != NULL; v++)
        {
          gboolean found = FALSE;

          for (guint k = 0; k < lm_dataset_get_n_levels (part); k++)
            found |= has_variable (part, lm_dataset_get_level (part, k)->id, parts[i].variables[v]);
          g_assert_true (found);
        }
      if (parts[i].flags & LM_DATASET_NEED_RULE)
        g_assert_nonnull (lm_dataset_get_left_behind_rule (part));
      if (parts[i].flags & LM_DATASET_NEED_DEFAULT_VARIABLE)
        g_assert_true (has_variable (part, finest->id, lm_dataset_get_default_variable (part)));
      if (parts[i].flags & LM_DATASET_NEED_FIRST_REPORT)
        {
          const LmReportPreset *report;

          g_assert_cmpuint (lm_dataset_get_n_reports (part), >=, 1);
          report = lm_dataset_get_report (part, 0);
          g_assert_cmpstr (report->id, ==, lm_dataset_get_report (whole, 0)->id);
          g_assert_true (has_variable (part, report->level, report->x));
          g_assert_true (has_variable (part, report->level, report->y));
        }
      /* The default variable is the manifest's, read or not. */
      g_assert_cmpstr (lm_dataset_get_default_variable (part), ==,
                       lm_dataset_get_default_variable (whole));

      /* Nothing a part holds without the IMD depends on its weights. */
      if (lm_dataset_find_index (part, "imd") != NULL)
        g_assert_true (lm_model_parse_weight (model, "imd.income=30", NULL));
      assert_same_values (model, whole_model, (parts[i].flags & LM_DATASET_NEED_NAMES) != 0);
    }
}

/* The least a read can be: levels, areas and population only. */
static void
test_least (void)
{
  static const char * const none[] = { NULL };
  g_autoptr(LmDataset) part = open_or_fail ("england-2019", none, 0, TRUE);

  if (part == NULL)
    return;
  g_assert_cmpuint (lm_dataset_get_n_indices (part), ==, 0);
  g_assert_cmpuint (lm_dataset_get_n_elections (part), ==, 0);
  g_assert_cmpuint (lm_dataset_get_n_reports (part), ==, 0);
  g_assert_null (lm_dataset_get_left_behind_rule (part));
  g_assert_cmpuint (lm_dataset_get_level (part, 0)->n_areas, ==, 32844);
  g_assert_true (has_variable (part, "region", "population"));
}

/* Polygons read ahead in a worker thread are the ones read on demand,
 * matched to the same areas; a dataset dropped before it draws anything
 * waits for the thread and leaks nothing. */
static void
test_shapes_ahead (void)
{
  static const char * const map[] = { "imd.score", NULL };
  LmDatasetNeeds needs = { map, LM_DATASET_NEED_RULE, "ward" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) ahead = NULL;
  g_autoptr(LmDataset) plain = open_or_fail ("england-2019", NULL, 0, FALSE);
  g_autoptr(LmDataset) dropped = NULL;

  if (plain == NULL)
    return;
  ahead = lm_dataset_open_for ("england-2019", data_dir, &needs, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < lm_dataset_get_n_levels (ahead); k++)
    {
      LmLevel *a = lm_dataset_get_level (ahead, k);
      LmLevel *p = lm_dataset_get_level (plain, k);
      guint n;

      g_assert_true (lm_dataset_ensure_shapes (ahead, a, &error));
      g_assert_no_error (error);
      g_assert_true (lm_dataset_ensure_shapes (plain, p, &error));
      n = lm_shape_layer_get_n_features (a->shapes);
      g_assert_cmpuint (n, ==, lm_shape_layer_get_n_features (p->shapes));
      for (guint i = 0; i < a->n_areas; i++)
        g_assert_cmpint (a->feature[i], ==, p->feature[lm_level_find_area (p, a->codes[i])]);
      for (guint f = 0; f < n; f++)
        g_assert_cmpmem (lm_shape_layer_get_feature (a->shapes, f), sizeof (LmShapeFeature),
                         lm_shape_layer_get_feature (p->shapes, f), sizeof (LmShapeFeature));
    }

  dropped = lm_dataset_open_for ("england-2019", data_dir, &needs, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  data_dir = g_getenv ("LEVELMAP_DATA_DIR");

  g_test_add_data_func ("/model/lazy-load/parts/england-2019", "england-2019", test_parts);
  g_test_add_data_func ("/model/lazy-load/parts/england-2025", "england-2025", test_parts);
  g_test_add_func ("/model/lazy-load/least", test_least);
  g_test_add_func ("/model/lazy-load/shapes-ahead", test_shapes_ahead);
  return g_test_run ();
}
