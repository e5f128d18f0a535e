/* test-shape-layer.c — polygon shapefiles, and what broken ones give
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-input-file.h"
#include "lm-shape-layer.h"

/* The fixtures are written once into a temporary folder: a polygon layer
 * "polys" (a square, a polygon with a hole, a two-part polygon and a null
 * shape) and a point layer "points". Broken copies are made per test. */
static char *fixture_dir;

#define N_POLYS 4

/* NAME (20 bytes) and CODE (9 bytes): @codes, or E00000001, ... */
static void
write_dbf_codes (const char         *path,
                 const char * const *names,
                 const char * const *codes,
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
      g_assert_true (DBFWriteStringAttribute (dbf, (int) i, 1,
                                              codes != NULL ? codes[i] : code));
    }
  DBFClose (dbf);
}

static void
write_dbf (const char         *path,
           const char * const *names,
           guint               n_records)
{
  write_dbf_codes (path, names, NULL, n_records);
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

/* Reads the field @field of the layer at @path, which loads, as codes;
 * that must fail with @code naming the .dbf. */
static char *
code_error (const char *path,
            const char *field,
            int         code,
            const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmShapeLayer) layer = lm_shape_layer_load (path, &error);
  g_auto(GStrv) codes = NULL;

  g_assert_no_error (error);
  codes = lm_shape_layer_read_code_field (layer, field, NULL, &error);
  g_assert_null (codes);
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


/* ---------------------------------------------------------------------- */
/* Hostile attribute tables                                               */
/* ---------------------------------------------------------------------- */

/* The fixture's .dbf: a 32-byte header, NAME and CODE descriptors of 32
 * bytes each, the terminator (97 bytes), then records of 1 + 20 + 9. */
#define DBF_HEADER_LENGTH  97
#define DBF_RECORD_LENGTH  30
#define DBF_CODE_WIDTH_AT  (32 + 32 + 16)

static inline void
put_le16 (char  *p,
          guint  value)
{
  p[0] = (char) value;
  p[1] = (char) (value >> 8);
}

/* A copy of "polys" named @name whose .dbf went through @damage. */
static char *
copy_with_damaged_dbf (const char  *name,
                       void       (*damage) (char *dbf, gsize *size))
{
  g_autofree char *path = copy_polys (name, all_exts);
  gsize size;
  g_autofree char *dbf = read_fixture (name, "dbf", &size);

  g_assert_cmpuint (size, ==, DBF_HEADER_LENGTH + N_POLYS * DBF_RECORD_LENGTH + 1);
  dbf = g_realloc (dbf, size + 64);
  damage (dbf, &size);
  write_fixture (name, "dbf", dbf, size);
  return g_steal_pointer (&path);
}

static void
zero_code_width (char *dbf, gsize *size)
{
  dbf[DBF_CODE_WIDTH_AT] = 0;
}

static void
lengthen_header (char *dbf, gsize *size)
{
  put_le16 (dbf + 8, DBF_HEADER_LENGTH + 1);
}

static void
lengthen_records (char *dbf, gsize *size)
{
  put_le16 (dbf + 10, DBF_RECORD_LENGTH + 1);
}

static void
append_garbage (char *dbf, gsize *size)
{
  memset (dbf + *size, 'x', 40);
  *size += 40;
}

static void
shift_record_3 (char *dbf, gsize *size)
{
  dbf[DBF_HEADER_LENGTH + 2 * DBF_RECORD_LENGTH] = 'X';
}

typedef struct
{
  const char *name;
  void      (*damage) (char *dbf, gsize *size);
  const char *expected[3];
} DbfDamage;

/* Each of these was read as a table of shifted or empty values: an
 * entirely blank map, exit status 0. */
static const DbfDamage dbf_damages[] = {
  { "width-0", zero_code_width, { "field “CODE”", "width of 0" } },
  { "long-header", lengthen_header, { "98 bytes long" } },
  { "long-records", lengthen_records, { "records of 31 bytes", "add up to 30" } },
  { "trailing", append_garbage, { "41 bytes more" } },
  { "shifted", shift_record_3, { "record 3" } },
};

static void
test_dbf_damage (gconstpointer data)
{
  const DbfDamage *damage = data;
  g_autofree char *path = copy_with_damaged_dbf (damage->name, damage->damage);
  g_autofree char *file = g_strconcat (damage->name, ".dbf", NULL);
  g_autofree char *message = load_error (path, LM_SHAPE_ERROR_CORRUPT, file);

  for (guint i = 0; i < G_N_ELEMENTS (damage->expected) && damage->expected[i] != NULL; i++)
    assert_contains (message, damage->expected[i]);
}

static char *
polys_with_codes (const char         *name,
                  const char * const *codes)
{
  static const char * const exts[] = { "shp", "shx", NULL };
  static const char * const names[N_POLYS] = { "a", "b", "c", "d" };
  g_autofree char *path = copy_polys (name, exts);
  g_autofree char *dbf_path = fixture_path (name, "dbf");

  write_dbf_codes (dbf_path, names, codes, N_POLYS);
  return g_steal_pointer (&path);
}

static void
test_codes (void)
{
  static const struct
  {
    const char *name;
    const char *codes[N_POLYS];
    int         error;
    const char *place;
  } cases[] = {
    /* Each of these silently dropped a polygon from the map. */
    { "duplicate", { "E1", "E2", "E3", "E2" }, LM_SHAPE_ERROR_DUPLICATE_CODE, "records 2 and 4" },
    { "empty", { "E1", "E2", "", "E4" }, LM_SHAPE_ERROR_BAD_CODE, "record 3" },
    { "spaced", { "E1", "E 2", "E3", "E4" }, LM_SHAPE_ERROR_BAD_CODE, "record 2" },
    { "control", { "E1", "E2", "E3", "E\t4" }, LM_SHAPE_ERROR_BAD_CODE, "record 4" },
  };
  static const char * const fine[N_POLYS] = { "E1", "E2", "E3", "E4" };
  g_autofree char *path = NULL;
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *broken = polys_with_codes (cases[i].name, cases[i].codes);
      g_autofree char *file = g_strconcat (cases[i].name, ".dbf", NULL);
      g_autofree char *message = code_error (broken, "CODE", cases[i].error, file);

      assert_contains (message, cases[i].place);
      assert_contains (message, "“CODE”");
    }

  /* Names may repeat and be empty: only codes must be unique. */
  path = polys_with_codes ("fine", fine);
  layer = lm_shape_layer_load (path, &error);
  g_assert_no_error (error);
  codes = lm_shape_layer_read_code_field (layer, "code", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (codes[3], ==, "E4");
  missing = lm_shape_layer_read_code_field (layer, "NOPE", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_MISSING_FIELD);
}

static void
test_codes_report (void)
{
  static const char * const codes[N_POLYS] = { "E1", "", "E1", "E 4" };
  g_autofree char *path = polys_with_codes ("many-bad", codes);
  g_autoptr(LmProblems) report = lm_problems_new ();
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *text = NULL;

  /* With a report, every bad code is listed; the error is the first. */
  layer = lm_shape_layer_load (path, &error);
  g_assert_no_error (error);
  values = lm_shape_layer_read_code_field (layer, "CODE", report, &error);
  g_assert_null (values);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_BAD_CODE);
  assert_contains (error->message, "record 2");
  g_assert_cmpuint (lm_problems_get_n_errors (report), ==, 3);
  text = lm_problems_format (report);
  g_test_message ("%s", text);
  assert_contains (text, "error: ");
  assert_contains (text, "records 1 and 3");
  assert_contains (text, "record 4");
}

static void
test_dbf_fifo (void)
{
  static const char * const exts[] = { "shp", "shx", NULL };
  g_autofree char *path = copy_polys ("fifo-dbf", exts);
  g_autofree char *dbf_path = fixture_path ("fifo-dbf", "dbf");
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (dbf_path, 0600), ==, 0);
  layer = lm_shape_layer_load (path, &error);
  g_assert_null (layer);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (error->message, dbf_path);
}

/* ---------------------------------------------------------------------- */
/* Hostile geometry                                                       */
/* ---------------------------------------------------------------------- */

static inline void
put_le_double (char   *p,
               double  value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  for (int i = 0; i < 8; i++)
    p[i] = (char) (bits >> (8 * i));
}

/* Where record @record (from 1) starts its content in the .shp. */
static gsize
record_content (const char *shx,
                guint       record)
{
  return (gsize) get_be32 (shx + 100 + (record - 1) * 8) * 2 + 8;
}

#define CONTENT_XMAX   (4 + 16)
#define CONTENT_NPARTS 36
#define HEADER_XMAX    (36 + 16)

static char *
copy_with_damaged_shp (const char *name,
                       char      **shp,
                       gsize      *size,
                       char      **shx)
{
  g_autofree char *path = copy_polys (name, all_exts);

  *shp = read_fixture (name, "shp", size);
  *shx = read_fixture (name, "shx", NULL);
  return g_steal_pointer (&path);
}

static void
test_far_point (void)
{
  g_autofree char *shp = NULL;
  g_autofree char *shx = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gsize size;
  gsize content;

  /* One coordinate of 1e308 in the square (record 1, whose single ring
   * starts at content + 48), its bounding box left as it was. */
  path = copy_with_damaged_shp ("far-point", &shp, &size, &shx);
  content = record_content (shx, 1);
  put_le_double (shp + content + 48 + 2 * 16, 1e308);
  write_fixture ("far-point", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_OUT_OF_BOUNDS, "far-point.shp");
  assert_contains (message, "record 1, point 3: (1e+308, 10)");
  assert_contains (message, "outside the record’s bounding box");
  g_clear_pointer (&message, g_free);

  /* The record's box made to agree: the box itself is absurd. */
  put_le_double (shp + content + CONTENT_XMAX, 1e308);
  write_fixture ("far-point", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_OUT_OF_BOUNDS, "far-point.shp");
  assert_contains (message, "record 1");
  assert_contains (message, "far beyond");
  g_clear_pointer (&message, g_free);

  /* And the file's too: still the record is named. */
  put_le_double (shp + HEADER_XMAX, 1e308);
  write_fixture ("far-point", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_OUT_OF_BOUNDS, "far-point.shp");
  assert_contains (message, "record 1");
}

static gsize size_of_two_bad;

static void
test_records_report (void)
{
  g_autofree char *shp = NULL;
  g_autofree char *shx = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LmProblems) report = lm_problems_new ();
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;

  /* Record 2 a ring short, record 1 a point at 1e308: a report lists
   * both, whichever step finds them. */
  path = copy_with_damaged_shp ("two-bad", &shp, &size_of_two_bad, &shx);
  put_le32 (shp + record_content (shx, 2) + CONTENT_NPARTS, 1);
  put_le_double (shp + record_content (shx, 1) + 48 + 2 * 16, 1e308);
  write_fixture ("two-bad", "shp", shp, size_of_two_bad);
  layer = lm_shape_layer_load_full (path, report, &error);
  g_assert_null (layer);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT);
  assert_contains (error->message, "record 2");
  g_assert_cmpuint (lm_problems_get_n_errors (report), ==, 1);
  g_clear_error (&error);

  /* Record 2 mended: now the points are read, and record 1 is found. */
  put_le32 (shp + record_content (shx, 2) + CONTENT_NPARTS, 2);
  put_le_double (shp + record_content (shx, 3) + 44 + 2 * 4 + 16, 1e308);
  write_fixture ("two-bad", "shp", shp, size_of_two_bad);
  layer = lm_shape_layer_load_full (path, report, &error);
  g_assert_null (layer);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_OUT_OF_BOUNDS);
  assert_contains (error->message, "record 1, point 3");
  g_assert_cmpuint (lm_problems_get_n_errors (report), ==, 3);
  assert_contains (lm_problems_get_problem (report, 2, NULL)->message, "record 3, point 2");
}

static void
test_outside_file_bounds (void)
{
  g_autofree char *shp = NULL;
  g_autofree char *shx = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gsize size;

  /* The header says the layer ends at x = 30; record 3 lies at 40–46. */
  path = copy_with_damaged_shp ("narrow", &shp, &size, &shx);
  put_le_double (shp + HEADER_XMAX, 30);
  write_fixture ("narrow", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_OUT_OF_BOUNDS, "narrow.shp");
  assert_contains (message, "record 3");
  assert_contains (message, "outside the one the file declares");
}

static void
test_part_count_off_by_one (void)
{
  g_autofree char *shp = NULL;
  g_autofree char *shx = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gsize size;

  /* Record 2 has two rings; claiming one shifts every coordinate by the
   * 4 bytes of a ring start, which was accepted as garbage. */
  path = copy_with_damaged_shp ("one-ring-short", &shp, &size, &shx);
  put_le32 (shp + record_content (shx, 2) + CONTENT_NPARTS, 1);
  write_fixture ("one-ring-short", "shp", shp, size);
  message = load_error (path, LM_SHAPE_ERROR_CORRUPT, "one-ring-short.shp");
  assert_contains (message, "record 2");
  assert_contains (message, "claims 1 rings and 10 points");
}

static void
test_shp_fifo (void)
{
  static const char * const exts[] = { "shx", "dbf", NULL };
  g_autofree char *path = copy_polys ("fifo-shp", exts);
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  layer = lm_shape_layer_load (path, &error);
  g_assert_null (layer);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (error->message, path);
}

static void
test_from_bytes (void)
{
  gsize shp_size, shx_size, dbf_size;
  char *shp = read_fixture ("polys", "shp", &shp_size);
  char *shx = read_fixture ("polys", "shx", &shx_size);
  char *dbf = read_fixture ("polys", "dbf", &dbf_size);
  g_autoptr(GBytes) shp_bytes = g_bytes_new_take (shp, shp_size);
  g_autoptr(GBytes) shx_bytes = g_bytes_new_take (shx, shx_size);
  g_autoptr(GBytes) dbf_bytes = g_bytes_new_take (dbf, dbf_size);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(LmShapeLayer) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  LmBounds bounds;

  layer = lm_shape_layer_new_from_bytes ("memory", shp_bytes, shx_bytes, dbf_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lm_shape_layer_get_n_features (layer), ==, N_POLYS);
  g_assert_cmpuint (lm_shape_layer_get_n_empty_features (layer), ==, 1);
  bounds = lm_shape_layer_get_bounds (layer);
  g_assert_cmpfloat (bounds.xmax, ==, 46);
  codes = lm_shape_layer_read_code_field (layer, "CODE", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (codes[2], ==, "E00000003");
  g_assert_true (lm_shape_layer_feature_contains (layer, 1, 21, 5));

  broken = lm_shape_layer_new_from_bytes ("memory", empty, shx_bytes, dbf_bytes, &error);
  g_assert_null (broken);
  g_assert_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT);
  assert_contains (error->message, "memory.shp");
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

  /* The reference data must be there: a test that needs them fails
   * rather than skips without them. */
  g_assert_nonnull (data_dir);
  path = g_build_filename (data_dir, "england-2019", "boundaries", "lad19.shp", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

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

  codes = lm_shape_layer_read_code_field (layer, "LAD19CD", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, 317);
  g_assert_cmpuint (lm_shape_layer_get_n_empty_features (layer), ==, 0);
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
  for (guint i = 0; i < G_N_ELEMENTS (dbf_damages); i++)
    {
      g_autofree char *test_path = g_strconcat ("/model/shape-layer/dbf-damage/",
                                                dbf_damages[i].name, NULL);

      g_test_add_data_func (test_path, &dbf_damages[i], test_dbf_damage);
    }
  g_test_add_func ("/model/shape-layer/dbf-fifo", test_dbf_fifo);
  g_test_add_func ("/model/shape-layer/codes", test_codes);
  g_test_add_func ("/model/shape-layer/codes-report", test_codes_report);
  g_test_add_func ("/model/shape-layer/records-report", test_records_report);
  g_test_add_func ("/model/shape-layer/far-point", test_far_point);
  g_test_add_func ("/model/shape-layer/outside-file-bounds", test_outside_file_bounds);
  g_test_add_func ("/model/shape-layer/part-count-off-by-one", test_part_count_off_by_one);
  g_test_add_func ("/model/shape-layer/shp-fifo", test_shp_fifo);
  g_test_add_func ("/model/shape-layer/from-bytes", test_from_bytes);
  g_test_add_func ("/model/shape-layer/real-lad19", test_real_lad19);

  result = g_test_run ();

  remove_fixtures ();

  return result;
}
