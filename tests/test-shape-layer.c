/* test-shape-layer.c — polygon shapefiles, and what broken ones give
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-shape-layer.h"

/* The fixtures are written once into a temporary folder: a polygon layer
 * "polys" (a square, a polygon with a hole, a two-part polygon and a null
 * shape) and a point layer "points". Broken copies are made per test. */
static char *fixture_dir;

#define N_POLYS 4

static void
write_dbf (const char         *path,
           const char * const *names,
           guint               n_records)
{
  DBFHandle dbf = DBFCreate (path);

  g_assert_nonnull (dbf);
  g_assert_cmpint (DBFAddField (dbf, "NAME", FTString, 20, 0), ==, 0);
  g_assert_cmpint (DBFAddField (dbf, "CODE", FTString, 9, 0), ==, 1);
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *code = g_strdup_printf ("E%08u", i + 1);

      g_assert_true (DBFWriteStringAttribute (dbf, (int) i, 0, names[i]));
      g_assert_true (DBFWriteStringAttribute (dbf, (int) i, 1, code));
    }
  DBFClose (dbf);
}

static void
write_polygon (SHPHandle     shp,
               int           n_parts,
               const int    *part_starts,
               int           n_points,
               const double *xy)
{
  g_autofree double *x = g_new (double, n_points);
  g_autofree double *y = g_new (double, n_points);
  SHPObject *object;

  for (int i = 0; i < n_points; i++)
    {
      x[i] = xy[2 * i];
      y[i] = xy[2 * i + 1];
    }
  object = SHPCreateObject (SHPT_POLYGON, -1, n_parts, part_starts, NULL,
                            n_points, x, y, NULL, NULL);
  g_assert_cmpint (SHPWriteObject (shp, -1, object), >=, 0);
  SHPDestroyObject (object);
}

static void
write_fixtures (void)
{
  static const char * const names[N_POLYS] = { "Square", "Holey", "Two parts", "Nothing" };
  static const double square[] = { 0, 0, 0, 10, 10, 10, 10, 0, 0, 0 };
  static const double holey[] = {
    20, 0, 20, 10, 30, 10, 30, 0, 20, 0,     /* outer ring, clockwise */
    23, 3, 27, 3, 27, 7, 23, 7, 23, 3,       /* hole, anticlockwise */
  };
  static const int holey_starts[] = { 0, 5 };
  static const double two_parts[] = {
    40, 0, 40, 2, 42, 2, 42, 0, 40, 0,
    44, 0, 44, 2, 46, 2, 46, 0, 44, 0,
  };
  static const int two_parts_starts[] = { 0, 5 };
  static const int one_start[] = { 0 };
  static const double point_x[] = { 1, 2 };
  static const double point_y[] = { 3, 4 };
  g_autoptr(GError) error = NULL;
  g_autofree char *polys = NULL;
  g_autofree char *points = NULL;
  g_autofree char *polys_dbf = NULL;
  g_autofree char *points_dbf = NULL;
  SHPHandle shp;
  SHPObject *object;

  fixture_dir = g_dir_make_tmp ("lm-shape-layer-XXXXXX", &error);
  g_assert_no_error (error);

  polys = g_build_filename (fixture_dir, "polys", NULL);
  shp = SHPCreate (polys, SHPT_POLYGON);
  g_assert_nonnull (shp);
  write_polygon (shp, 1, one_start, 5, square);
  write_polygon (shp, 2, holey_starts, 10, holey);
  write_polygon (shp, 2, two_parts_starts, 10, two_parts);
  object = SHPCreateObject (SHPT_NULL, -1, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL);
  g_assert_cmpint (SHPWriteObject (shp, -1, object), >=, 0);
  SHPDestroyObject (object);
  SHPClose (shp);
  polys_dbf = g_strconcat (polys, ".dbf", NULL);
  write_dbf (polys_dbf, names, N_POLYS);

  points = g_build_filename (fixture_dir, "points", NULL);
  shp = SHPCreate (points, SHPT_POINT);
  g_assert_nonnull (shp);
  for (int i = 0; i < 2; i++)
    {
      object = SHPCreateSimpleObject (SHPT_POINT, 1, &point_x[i], &point_y[i], NULL);
      g_assert_cmpint (SHPWriteObject (shp, -1, object), >=, 0);
      SHPDestroyObject (object);
    }
  SHPClose (shp);
  points_dbf = g_strconcat (points, ".dbf", NULL);
  write_dbf (points_dbf, names, 2);
}

static void
remove_fixtures (void)
{
  GDir *dir = g_dir_open (fixture_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture_dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_dir_close (dir);
  g_assert_cmpint (g_rmdir (fixture_dir), ==, 0);
  g_clear_pointer (&fixture_dir, g_free);
}

static char *
fixture_path (const char *base,
              const char *ext)
{
  g_autofree char *name = g_strconcat (base, ".", ext, NULL);

  return g_build_filename (fixture_dir, name, NULL);
}

static char *
read_fixture (const char *base,
              const char *ext,
              gsize      *size)
{
  g_autofree char *path = fixture_path (base, ext);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, size, NULL));

  return data;
}

static void
write_fixture (const char *base,
               const char *ext,
               const char *data,
               gsize       size)
{
  g_autofree char *path = fixture_path (base, ext);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

/* Copies the listed files of the "polys" set to a set named @name and
 * returns the path of its .shp. */
static char *
copy_polys (const char         *name,
            const char * const *exts)
{
  for (guint i = 0; exts[i] != NULL; i++)
    {
      gsize size;
      g_autofree char *data = read_fixture ("polys", exts[i], &size);

      write_fixture (name, exts[i], data, size);
    }

  return fixture_path (name, "shp");
}

static const char * const all_exts[] = { "shp", "shx", "dbf", NULL };

static inline void
put_be32 (char    *p,
          guint32  value)
{
  p[0] = (char) (value >> 24);
  p[1] = (char) (value >> 16);
  p[2] = (char) (value >> 8);
  p[3] = (char) value;
}

static inline void
put_le32 (char    *p,
          guint32  value)
{
  p[0] = (char) value;
  p[1] = (char) (value >> 8);
  p[2] = (char) (value >> 16);
  p[3] = (char) (value >> 24);
}

static inline guint32
get_be32 (const char *p)
{
  const guint8 *b = (const guint8 *) p;

  return ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Loads @path, which must fail with @code, and checks that the message
 * names @file (a file name without folder). */
static char *
load_error (const char *path,
            int         code,
            const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmShapeLayer) layer = lm_shape_layer_load (path, &error);

  g_assert_null (layer);
  g_assert_error (error, LM_SHAPE_ERROR, code);
  g_test_message ("%s", error->message);
  assert_contains (error->message, fixture_dir);
  assert_contains (error->message, file);

  return g_strdup (error->message);
}

static LmShapeLayer *
load_polys (void)
{
  g_autofree char *path = fixture_path ("polys", "shp");
  g_autoptr(GError) error = NULL;
  LmShapeLayer *layer = lm_shape_layer_load (path, &error);

  g_assert_no_error (error);
  g_assert_true (LM_IS_SHAPE_LAYER (layer));

  return layer;
}

static void
test_load (void)
{
  g_autoptr(LmShapeLayer) layer = load_polys ();
  const LmShapeFeature *feature;
  const guint *part_starts;
  const double *points;
  guint n_parts;
  guint n_points;
  LmBounds bounds;

  g_assert_true (g_str_has_suffix (lm_shape_layer_get_path (layer), "polys.shp"));
  g_assert_cmpuint (lm_shape_layer_get_n_features (layer), ==, N_POLYS);

  part_starts = lm_shape_layer_get_part_starts (layer, &n_parts);
  points = lm_shape_layer_get_points (layer, &n_points);
  g_assert_cmpuint (n_parts, ==, 5);
  g_assert_cmpuint (n_points, ==, 25);
  g_assert_cmpuint (part_starts[0], ==, 0);
  g_assert_cmpuint (part_starts[1], ==, 5);
  g_assert_cmpuint (part_starts[2], ==, 10);
  g_assert_cmpuint (part_starts[3], ==, 15);
  g_assert_cmpuint (part_starts[4], ==, 20);
  g_assert_cmpuint (part_starts[5], ==, 25);

  /* Points are x, y pairs: the hole's first point is point 10. */
  g_assert_cmpfloat (points[2 * 10], ==, 23);
  g_assert_cmpfloat (points[2 * 10 + 1], ==, 3);

  feature = lm_shape_layer_get_feature (layer, 0);
  g_assert_cmpuint (feature->first_part, ==, 0);
  g_assert_cmpuint (feature->n_parts, ==, 1);
  g_assert_cmpfloat (feature->bounds.xmin, ==, 0);
  g_assert_cmpfloat (feature->bounds.xmax, ==, 10);
  g_assert_cmpfloat (feature->bounds.ymax, ==, 10);

  feature = lm_shape_layer_get_feature (layer, 1);
  g_assert_cmpuint (feature->first_part, ==, 1);
  g_assert_cmpuint (feature->n_parts, ==, 2);

  feature = lm_shape_layer_get_feature (layer, 2);
  g_assert_cmpuint (feature->first_part, ==, 3);
  g_assert_cmpuint (feature->n_parts, ==, 2);
  g_assert_cmpfloat (feature->bounds.xmin, ==, 40);
  g_assert_cmpfloat (feature->bounds.xmax, ==, 46);
  g_assert_cmpfloat (feature->bounds.ymax, ==, 2);

  /* A null shape is a feature without parts. */
  feature = lm_shape_layer_get_feature (layer, 3);
  g_assert_cmpuint (feature->n_parts, ==, 0);

  bounds = lm_shape_layer_get_bounds (layer);
  g_assert_cmpfloat (bounds.xmin, ==, 0);
  g_assert_cmpfloat (bounds.ymin, ==, 0);
  g_assert_cmpfloat (bounds.xmax, ==, 46);
  g_assert_cmpfloat (bounds.ymax, ==, 10);
}

static void
test_contains (void)
{
  g_autoptr(LmShapeLayer) layer = load_polys ();

  g_assert_true (lm_shape_layer_feature_contains (layer, 0, 5, 5));
  g_assert_true (lm_shape_layer_feature_contains (layer, 0, 0.5, 9.5));
  g_assert_false (lm_shape_layer_feature_contains (layer, 0, 15, 5));
  g_assert_false (lm_shape_layer_feature_contains (layer, 0, 5, -1));

  /* In the ring around the hole, but not in the hole. */
  g_assert_true (lm_shape_layer_feature_contains (layer, 1, 21, 5));
  g_assert_true (lm_shape_layer_feature_contains (layer, 1, 25, 8));
  g_assert_false (lm_shape_layer_feature_contains (layer, 1, 25, 5));
  g_assert_false (lm_shape_layer_feature_contains (layer, 1, 5, 5));

  /* Either part, but not the gap between them. */
  g_assert_true (lm_shape_layer_feature_contains (layer, 2, 41, 1));
  g_assert_true (lm_shape_layer_feature_contains (layer, 2, 45, 1));
  g_assert_false (lm_shape_layer_feature_contains (layer, 2, 43, 1));

  g_assert_false (lm_shape_layer_feature_contains (layer, 3, 0, 0));
}

static void
test_read_string_field (void)
{
  g_autoptr(LmShapeLayer) layer = load_polys ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) codes = NULL;

  names = lm_shape_layer_read_string_field (layer, "NAME", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, N_POLYS);
  /* The .dbf pads to the field width of 20; the padding is gone. */
  g_assert_cmpstr (names[0], ==, "Square");
  g_assert_cmpstr (names[2], ==, "Two parts");
  g_assert_cmpstr (names[3], ==, "Nothing");

  codes = lm_shape_layer_read_string_field (layer, "code", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (codes[1], ==, "E00000002");
}

static void
test_missing_field (void)
{
  g_autoptr(LmShapeLayer) layer = load_polys ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  values = lm_shape_layer_read_string_field (layer, "FOO", &error);
  g_assert_null (values);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_MISSING_FIELD);
  assert_contains (error->message, "polys.dbf has no field “FOO”");
}

static void
test_not_polygons (void)
{
  g_autofree char *path = fixture_path ("points", "shp");
  g_autofree char *message = load_error (path, LM_SHAPE_ERROR_NOT_POLYGONS, "points.shp");

  assert_contains (message, "holds points");
}

static void
test_truncated_shp (void)
{
  g_autofree char *path = copy_polys ("truncated", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *data = read_fixture ("truncated", "shp", &size);

  /* Cuts the null shape (12 bytes) and the end of the two-part polygon. */
  write_fixture ("truncated", "shp", data, size - 20);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "truncated.shp");
  assert_contains (message, "record 3");
  assert_contains (message, "truncated");
}

static void
test_truncated_header (void)
{
  g_autofree char *path = copy_polys ("stub", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *data = read_fixture ("stub", "shp", &size);

  write_fixture ("stub", "shp", data, 60);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "stub.shp");
}

static void
test_shx_disagrees (void)
{
  g_autofree char *path = copy_polys ("bad-index", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *shx = read_fixture ("bad-index", "shx", &size);

  /* Record 2's index entry points at record 1. */
  memcpy (shx + 100 + 8, shx + 100, 4);
  write_fixture ("bad-index", "shx", shx, size);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "bad-index.shp");
  assert_contains (message, "record 2");
  assert_contains (message, "bad-index.shx");
}

static void
test_shx_beyond_end (void)
{
  g_autofree char *path = copy_polys ("far-index", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *shx = read_fixture ("far-index", "shx", &size);

  /* Record 4 placed near 4 GB, and its length enormous. */
  put_be32 (shx + 100 + 3 * 8, 0x7FFFFFF0);
  put_be32 (shx + 100 + 3 * 8 + 4, 0x7FFFFFF0);
  write_fixture ("far-index", "shx", shx, size);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "far-index.shp");
  assert_contains (message, "record 4");
}

static void
test_shx_truncated (void)
{
  g_autofree char *path = copy_polys ("short-index", all_exts);
  gsize size;
  g_autofree char *shx = read_fixture ("short-index", "shx", &size);
  g_autofree char *message = NULL;

  write_fixture ("short-index", "shx", shx, size - 8);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "short-index.shx");
  assert_contains (message, "announces 4 records, but the file holds 3");
}

static void
test_bad_record_counts (void)
{
  g_autofree char *path = copy_polys ("too-many", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *shp = read_fixture ("too-many", "shp", &size);
  g_autofree char *shx = read_fixture ("too-many", "shx", NULL);
  guint32 offset = get_be32 (shx + 100 + 8) * 2;

  /* Record 2 claims a billion points, far more than its length holds. */
  put_le32 (shp + offset + 8 + 40, 1000000000);
  write_fixture ("too-many", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "too-many.shp");
  assert_contains (message, "record 2");
}

static void
test_shapelib_error (void)
{
  g_autofree char *path = copy_polys ("bad-ring", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *shp = read_fixture ("bad-ring", "shp", &size);
  g_autofree char *shx = read_fixture ("bad-ring", "shx", NULL);
  guint32 offset = get_be32 (shx + 100 + 8) * 2;

  /* Record 2's second ring starts at point 99 of 10: only shapelib looks
   * inside the part table, and its message must reach the GError. */
  put_le32 (shp + offset + 8 + 44 + 4, 99);
  write_fixture ("bad-ring", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "bad-ring.shp");
  assert_contains (message, "record 2");
  assert_contains (message, "panPartStart");
}

static void
test_missing_dbf (void)
{
  static const char * const exts[] = { "shp", "shx", NULL };
  g_autofree char *path = copy_polys ("no-dbf", exts);
  g_autofree char *message = load_error (path, LM_SHAPE_ERROR_IO, "no-dbf.dbf");

  assert_contains (message, "missing");
}

static void
test_missing_shx (void)
{
  static const char * const exts[] = { "shp", "dbf", NULL };
  g_autofree char *path = copy_polys ("no-shx", exts);
  g_autofree char *message = load_error (path, LM_SHAPE_ERROR_IO, "no-shx.shx");

  assert_contains (message, "missing");
}

static void
test_missing_shp (void)
{
  g_autofree char *path = fixture_path ("nowhere", "shp");
  g_autofree char *message = load_error (path, LM_SHAPE_ERROR_IO, "nowhere.shp");

  assert_contains (message, "missing");
}

static void
test_dbf_missing_field (void)
{
  static const char * const exts[] = { "shp", "shx", NULL };
  static const char * const names[N_POLYS] = { "a", "b", "c", "d" };
  g_autofree char *path = copy_polys ("other-dbf", exts);
  g_autofree char *dbf_path = fixture_path ("other-dbf", "dbf");
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  DBFHandle dbf = DBFCreate (dbf_path);

  /* A table with only an ID field, as when the wrong export is used. */
  g_assert_nonnull (dbf);
  g_assert_cmpint (DBFAddField (dbf, "ID", FTString, 4, 0), ==, 0);
  for (guint i = 0; i < N_POLYS; i++)
    g_assert_true (DBFWriteStringAttribute (dbf, (int) i, 0, names[i]));
  DBFClose (dbf);

  layer = lm_shape_layer_load (path, &error);
  g_assert_no_error (error);
  values = lm_shape_layer_read_string_field (layer, "NAME", &error);
  g_assert_null (values);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_MISSING_FIELD);
  assert_contains (error->message, dbf_path);
  assert_contains (error->message, "“NAME”");
}

static void
test_record_count (void)
{
  static const char * const exts[] = { "shp", "shx", NULL };
  static const char * const names[] = { "a", "b", "c" };
  g_autofree char *path = copy_polys ("short-dbf", exts);
  g_autofree char *dbf_path = fixture_path ("short-dbf", "dbf");
  g_autofree char *message = NULL;

  write_dbf (dbf_path, names, 3);
  message = load_error (path, LM_SHAPE_ERROR_RECORD_COUNT, "short-dbf.dbf");
  assert_contains (message, "short-dbf.shp");
  assert_contains (message, "3 records");
}

static void
test_truncated_dbf (void)
{
  g_autofree char *path = copy_polys ("cut-dbf", all_exts);
  g_autofree char *message = NULL;
  gsize size;
  g_autofree char *dbf = read_fixture ("cut-dbf", "dbf", &size);

  write_fixture ("cut-dbf", "dbf", dbf, size - 10);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "cut-dbf.dbf");
}

static void
test_real_lad19 (void)
{
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  LmBounds bounds;
  guint n_containing = 0;
  gint64 start;

  if (data_dir == NULL)
    {
      g_test_skip ("LEVELMAP_DATA_DIR is not set");
      return;
    }
  path = g_build_filename (data_dir, "england-2019", "boundaries", "lad19.shp", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the england-2019 boundaries are not there");
      return;
    }

  start = g_get_monotonic_time ();
  layer = lm_shape_layer_load (path, &error);
  g_test_message ("loaded %s in %.1f ms", path, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpuint (lm_shape_layer_get_n_features (layer), ==, 317);

  /* British National Grid metres: England spans about x 80,000–660,000
   * (the Isles of Scilly to the Norfolk coast), y 5,000–660,000. */
  bounds = lm_shape_layer_get_bounds (layer);
  g_assert_cmpfloat (bounds.xmin, >, 50000);
  g_assert_cmpfloat (bounds.xmin, <, 150000);
  g_assert_cmpfloat (bounds.xmax, >, 600000);
  g_assert_cmpfloat (bounds.xmax, <, 700000);
  g_assert_cmpfloat (bounds.ymin, >=, 0);
  g_assert_cmpfloat (bounds.ymax, >, 600000);
  g_assert_cmpfloat (bounds.ymax, <, 700000);

  codes = lm_shape_layer_read_string_field (layer, "LAD19CD", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, 317);
  for (guint i = 0; i < 317; i++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, i);

      g_assert_cmpuint (strlen (codes[i]), ==, 9);
      g_assert_true (codes[i][0] == 'E');
      g_assert_cmpuint (feature->n_parts, >, 0);

      /* Truro, well inside Cornwall. */
      if (lm_shape_layer_feature_contains (layer, i, 182500, 44800))
        {
          g_assert_cmpstr (codes[i], ==, "E06000052");
          n_containing++;
        }
    }
  g_assert_cmpuint (n_containing, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  write_fixtures ();

  g_test_add_func ("/model/shape-layer/load", test_load);
  g_test_add_func ("/model/shape-layer/contains", test_contains);
  g_test_add_func ("/model/shape-layer/read-string-field", test_read_string_field);
  g_test_add_func ("/model/shape-layer/missing-field", test_missing_field);
  g_test_add_func ("/model/shape-layer/not-polygons", test_not_polygons);
  g_test_add_func ("/model/shape-layer/truncated-shp", test_truncated_shp);
  g_test_add_func ("/model/shape-layer/truncated-header", test_truncated_header);
  g_test_add_func ("/model/shape-layer/shx-disagrees", test_shx_disagrees);
  g_test_add_func ("/model/shape-layer/shx-beyond-end", test_shx_beyond_end);
  g_test_add_func ("/model/shape-layer/shx-truncated", test_shx_truncated);
  g_test_add_func ("/model/shape-layer/bad-record-counts", test_bad_record_counts);
  g_test_add_func ("/model/shape-layer/shapelib-error", test_shapelib_error);
  g_test_add_func ("/model/shape-layer/missing-dbf", test_missing_dbf);
  g_test_add_func ("/model/shape-layer/missing-shx", test_missing_shx);
  g_test_add_func ("/model/shape-layer/missing-shp", test_missing_shp);
  g_test_add_func ("/model/shape-layer/dbf-missing-field", test_dbf_missing_field);
  g_test_add_func ("/model/shape-layer/record-count", test_record_count);
  g_test_add_func ("/model/shape-layer/truncated-dbf", test_truncated_dbf);
  g_test_add_func ("/model/shape-layer/real-lad19", test_real_lad19);

  result = g_test_run ();

  remove_fixtures ();

  return result;
}
