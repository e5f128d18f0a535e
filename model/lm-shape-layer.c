/* lm-shape-layer.c — polygon shapefiles read into flat arrays
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-dbf.h"
#include "lm-input-file.h"
#include "lm-problems.h"
#include "lm-shape-hooks-private.h"
#include "lm-shape-layer.h"

struct _LmShapeLayer
{
  GObject         parent_instance;

  char           *path;          /* the .shp as given */
  char           *dbf_path;      /* the .dbf found beside it */
  GBytes         *dbf_bytes;     /* the .dbf itself, for a layer made from bytes */

  LmShapeFeature *features;
  guint           n_features;
  guint          *part_starts;   /* n_parts + 1 */
  guint           n_parts;
  double         *points;        /* x, y interleaved */
  guint           n_points;
  guint           n_empty_features;
  LmBounds        bounds;
};

G_DEFINE_FINAL_TYPE (LmShapeLayer, lm_shape_layer, G_TYPE_OBJECT)

G_DEFINE_QUARK (lm-shape-error-quark, lm_shape_error)

/* Sizes in the shapefile format (ESRI white paper, July 1998). */
#define FILE_HEADER_SIZE    100
#define RECORD_HEADER_SIZE  8
#define INDEX_RECORD_SIZE   8
#define FILE_CODE           9994
#define POLYGON_XY_SIZE     44   /* type, bounding box, part and point counts */

/* ---------------------------------------------------------------------- */
/* Files                                                                  */
/* ---------------------------------------------------------------------- */

static inline guint32
read_be32 (const char *p)
{
  const guint8 *b = (const guint8 *) p;

  return ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];
}

static inline guint32
read_le32 (const char *p)
{
  const guint8 *b = (const guint8 *) p;

  return ((guint32) b[3] << 24) | ((guint32) b[2] << 16) | ((guint32) b[1] << 8) | b[0];
}

static inline double
read_le_double (const char *p)
{
  guint64 bits = 0;
  double value;

  for (int i = 7; i >= 0; i--)
    bits = (bits << 8) | (guint8) p[i];
  memcpy (&value, &bits, sizeof value);
  return value;
}

/* xmin, ymin, xmax, ymax as the format stores them. */
static LmBounds
read_box (const char *p)
{
  return (LmBounds) { read_le_double (p), read_le_double (p + 8),
                      read_le_double (p + 16), read_le_double (p + 24) };
}

/* Like shapelib, takes "x.shp", "x.SHP" or plain "x" to mean the set. */
static char *
strip_extension (const char *path)
{
  const char *basename = strrchr (path, G_DIR_SEPARATOR);
  const char *dot = strrchr (basename != NULL ? basename : path, '.');

  return dot != NULL ? g_strndup (path, dot - path) : g_strdup (path);
}

/* The path of the file with extension @ext beside the .shp: lower case as
 * usual, or upper case as some old tools write it. */
static char *
sibling_path (const char *base,
              const char *ext)
{
  g_autofree char *lower = g_strconcat (base, ".", ext, NULL);
  g_autofree char *upper_ext = g_ascii_strup (ext, -1);
  g_autofree char *upper = g_strconcat (base, ".", upper_ext, NULL);

  if (!g_file_test (lower, G_FILE_TEST_EXISTS) && g_file_test (upper, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&upper);

  return g_steal_pointer (&lower);
}

static const char *
describe_shape_type (guint32 type)
{
  switch (type)
    {
    case SHPT_NULL:
      return _("no shapes");
    case SHPT_POINT:
    case SHPT_POINTZ:
    case SHPT_POINTM:
      return _("points");
    case SHPT_MULTIPOINT:
    case SHPT_MULTIPOINTZ:
    case SHPT_MULTIPOINTM:
      return _("groups of points");
    case SHPT_ARC:
    case SHPT_ARCZ:
    case SHPT_ARCM:
      return _("lines");
    case SHPT_MULTIPATCH:
      return _("3D surfaces (multipatches)");
    default:
      return _("shapes of an unknown kind");
    }
}

static inline gboolean
is_polygon_type (guint32 type)
{
  return type == SHPT_POLYGON || type == SHPT_POLYGONZ || type == SHPT_POLYGONM;
}

/* ---------------------------------------------------------------------- */
/* Validation                                                             */
/* ---------------------------------------------------------------------- */

/* The bytes of one shapefile set, checked before shapelib sees them. */
typedef struct
{
  const char *shp_display;
  const char *shp_data;
  gsize       shp_size;
  const char *shx_display;
  const char *shx_data;
  gsize       shx_size;
  guint32     shape_type;
  LmBounds    declared;     /* the file header's bounding box */
  LmProblems *problems;     /* nullable: where every bad record goes */
  guint64     n_parts;
  guint64     n_points;
} Validation;

/* Bounding boxes are written from the same doubles as the points, so they
 * should hold them exactly; a writer that rounds them through floats is
 * off by a few parts in 10^8 of the coordinates, well inside this slack
 * (under a metre for British National Grid). */
#define BOX_SLACK 1e-6

/* Relative to the box's own coordinates, so that a huge box elsewhere
 * (the file's, say) lends no slack to a small one. */
static double
box_slack (const LmBounds *box)
{
  double largest = MAX (MAX (fabs (box->xmin), fabs (box->xmax)),
                        MAX (fabs (box->ymin), fabs (box->ymax)));

  return BOX_SLACK * MAX (largest, 1.0);
}

static inline gboolean
box_contains (const LmBounds *outer,
              double          slack,
              double          x,
              double          y)
{
  return x >= outer->xmin - slack && x <= outer->xmax + slack &&
         y >= outer->ymin - slack && y <= outer->ymax + slack;
}

static inline gboolean
box_is_valid (const LmBounds *box)
{
  return isfinite (box->xmin) && isfinite (box->ymin) &&
         isfinite (box->xmax) && isfinite (box->ymax) &&
         box->xmin <= box->xmax && box->ymin <= box->ymax;
}

static inline gboolean
box_is_plausible (const LmBounds *box)
{
  return fabs (box->xmin) <= LM_SHAPE_MAX_COORDINATE && fabs (box->xmax) <= LM_SHAPE_MAX_COORDINATE &&
         fabs (box->ymin) <= LM_SHAPE_MAX_COORDINATE && fabs (box->ymax) <= LM_SHAPE_MAX_COORDINATE;
}

/* A polygon record holds exactly its counts' worth of data: the part
 * table, the points, and for Z and M types their ranges and arrays (M
 * being optional). Anything longer or shorter means a count is wrong,
 * and every coordinate after it would be read from the wrong place. */
static gboolean
content_length_matches (guint32 type,
                        guint64 length,
                        guint64 parts,
                        guint64 points)
{
  guint64 base = POLYGON_XY_SIZE + parts * 4 + points * 16;
  guint64 measure = 16 + points * 8;

  switch (type)
    {
    case SHPT_POLYGON:
      return length == base;
    case SHPT_POLYGONM:
      return length == base || length == base + measure;
    case SHPT_POLYGONZ:
      return length == base + measure || length == base + 2 * measure;
    default:
      return FALSE;
    }
}

static gboolean
validate_box (const Validation  *v,
              guint              record,
              const LmBounds    *box,
              GError           **error)
{
  if (!box_is_valid (box))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the record is damaged (its bounding box is not "
                     "a rectangle of numbers)"),
                   v->shp_display, record);
      return FALSE;
    }
  if (!box_is_plausible (box))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_OUT_OF_BOUNDS,
                   _("%s, record %u: its bounding box reaches (%g, %g)–(%g, %g), far "
                     "beyond the coordinates of any map; the record is damaged"),
                   v->shp_display, record, box->xmin, box->ymin, box->xmax, box->ymax);
      return FALSE;
    }
  if (!box_contains (&v->declared, box_slack (&v->declared), box->xmin, box->ymin) ||
      !box_contains (&v->declared, box_slack (&v->declared), box->xmax, box->ymax))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_OUT_OF_BOUNDS,
                   _("%s, record %u: its bounding box (%g, %g)–(%g, %g) lies outside the "
                     "one the file declares, (%g, %g)–(%g, %g); the record or the header "
                     "is damaged"),
                   v->shp_display, record, box->xmin, box->ymin, box->xmax, box->ymax,
                   v->declared.xmin, v->declared.ymin, v->declared.xmax, v->declared.ymax);
      return FALSE;
    }
  return TRUE;
}

/* One index entry and the record it points at. */
static gboolean
validate_record (Validation  *v,
                 guint        record,   /* numbered from 1, as in the file */
                 GError     **error)
{
  const char *entry = v->shx_data + FILE_HEADER_SIZE + (gsize) (record - 1) * INDEX_RECORD_SIZE;
  guint64 offset = (guint64) read_be32 (entry) * 2;
  guint64 index_length = (guint64) read_be32 (entry + 4) * 2;
  guint64 length, parts, points;
  const char *header;
  const char *content;
  guint32 record_type;
  LmBounds box;

  if (offset < FILE_HEADER_SIZE || offset + RECORD_HEADER_SIZE > v->shp_size)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the index %s places it at byte %llu, outside the "
                     "file (%llu bytes); the .shp is truncated or the index belongs to "
                     "another file"),
                   v->shp_display, record, v->shx_display, (unsigned long long) offset,
                   (unsigned long long) v->shp_size);
      return FALSE;
    }

  header = v->shp_data + offset;
  length = (guint64) read_be32 (header + 4) * 2;

  /* Every record header carries its own number: an index entry that
   * points anywhere else disagrees with the .shp. Some writers give the
   * index length 8 bytes too long (counting the record header); shapelib
   * accepts that, so do we. */
  if (read_be32 (header) != record ||
      (index_length != length && index_length != length + RECORD_HEADER_SIZE))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the index %s does not match the shapes file; "
                     "at the place it gives there is no record %u of that length"),
                   v->shp_display, record, v->shx_display, record);
      return FALSE;
    }

  if (offset + RECORD_HEADER_SIZE + length > v->shp_size)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the record ends at byte %llu, past the end of the "
                     "file (%llu bytes); the file is truncated"),
                   v->shp_display, record,
                   (unsigned long long) (offset + RECORD_HEADER_SIZE + length),
                   (unsigned long long) v->shp_size);
      return FALSE;
    }

  content = header + RECORD_HEADER_SIZE;
  record_type = length >= 4 ? read_le32 (content) : G_MAXUINT32;
  if (record_type == SHPT_NULL && length == 4)
    return TRUE;

  if (record_type != v->shape_type || length < POLYGON_XY_SIZE)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the record is damaged (it is not a polygon "
                     "like the rest of the file)"),
                   v->shp_display, record);
      return FALSE;
    }

  parts = read_le32 (content + 36);
  points = read_le32 (content + 40);
  if (!content_length_matches (record_type, length, parts, points))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s, record %u: the record is damaged (it claims %llu rings and "
                     "%llu points, which do not fill its %llu bytes exactly)"),
                   v->shp_display, record, (unsigned long long) parts,
                   (unsigned long long) points, (unsigned long long) length);
      return FALSE;
    }

  box = read_box (content + 4);
  if (points > 0 && !validate_box (v, record, &box, error))
    return FALSE;

  v->n_parts += parts;
  v->n_points += points;
  return TRUE;
}

/* Checks the headers of the .shp and .shx and every index entry against
 * the .shp actually read, before shapelib sees them: shapelib trusts the
 * .shx, so a truncated .shp or a stale .shx would otherwise turn into
 * reads of whatever lies at the offsets it gives. Counts the parts and
 * points so the arrays can be allocated once. */
static gboolean
validate_files (Validation  *v,
                guint       *out_n_records,
                GError     **error)
{
  guint64 declared_size;
  gsize n_records;
  GError *first = NULL;

  if (v->shp_size < FILE_HEADER_SIZE || read_be32 (v->shp_data) != FILE_CODE)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a shapefile, or its header is damaged"),
                   v->shp_display);
      return FALSE;
    }
  if (v->shx_size < FILE_HEADER_SIZE || read_be32 (v->shx_data) != FILE_CODE)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a shapefile index, or its header is damaged"),
                   v->shx_display);
      return FALSE;
    }
  /* shapelib takes the number of records from the header, so the header
   * and the real size must agree. */
  declared_size = (guint64) read_be32 (v->shx_data + 24) * 2;
  if (declared_size != v->shx_size || (v->shx_size - FILE_HEADER_SIZE) % INDEX_RECORD_SIZE != 0)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is truncated or damaged: its header announces %llu records, "
                     "but the file holds %llu"),
                   v->shx_display,
                   (unsigned long long) ((MAX (declared_size, FILE_HEADER_SIZE) - FILE_HEADER_SIZE)
                                         / INDEX_RECORD_SIZE),
                   (unsigned long long) ((v->shx_size - FILE_HEADER_SIZE) / INDEX_RECORD_SIZE));
      return FALSE;
    }

  v->shape_type = read_le32 (v->shp_data + 32);
  if (!is_polygon_type (v->shape_type))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_NOT_POLYGONS,
                   _("%s holds %s, not polygons; only polygon layers can be mapped"),
                   v->shp_display, describe_shape_type (v->shape_type));
      return FALSE;
    }
  if (read_le32 (v->shx_data + 32) != v->shape_type)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s does not belong to %s: their headers give different kinds of shapes"),
                   v->shx_display, v->shp_display);
      return FALSE;
    }

  n_records = (v->shx_size - FILE_HEADER_SIZE) / INDEX_RECORD_SIZE;
  if (n_records >= G_MAXINT)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s lists too many records to be read"),
                   v->shx_display);
      return FALSE;
    }

  /* Only a header that bounds real shapes needs to make sense; with no
   * shapes at all it is often left as zeros or NaN. */
  v->declared = read_box (v->shp_data + 36);

  /* Records are checked each on its own (the index says where each one
   * is), so with a list of problems every bad one can be listed. */
  for (gsize i = 0; i < n_records; i++)
    {
      GError *record_error = NULL;

      if (validate_record (v, (guint) i + 1, &record_error))
        continue;
      lm_problems_note (v->problems, &first, record_error);
      if (v->problems == NULL)
        break;
    }
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }

  /* Cannot happen for files shapelib can address, but the arrays are
   * indexed with guint. */
  if (v->n_parts >= G_MAXUINT || v->n_points >= G_MAXUINT / 2)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s holds too many points to be read"),
                   v->shp_display);
      return FALSE;
    }

  *out_n_records = (guint) n_records;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                */
/* ---------------------------------------------------------------------- */

/* Copies one record's points, each checked against the record's own
 * bounding box: validate_record() put that box inside the file's, so no
 * point can lie outside either, nor be absurdly far out. */
static gboolean
copy_points (LmShapeLayer    *self,
             const SHPObject *object,
             guint            point,
             const char      *shp_display,
             guint            record,
             LmBounds        *out_bounds,
             GError         **error)
{
  LmBounds box = { object->dfXMin, object->dfYMin, object->dfXMax, object->dfYMax };
  double slack = box_slack (&box);
  double xmin = G_MAXDOUBLE, ymin = G_MAXDOUBLE;
  double xmax = -G_MAXDOUBLE, ymax = -G_MAXDOUBLE;

  for (int v = 0; v < object->nVertices; v++)
    {
      double x = object->padfX[v];
      double y = object->padfY[v];

      if (!isfinite (x) || !isfinite (y))
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u, point %d: the coordinates are not numbers; "
                         "the record is damaged"),
                       shp_display, record, v + 1);
          return FALSE;
        }
      if (!box_contains (&box, slack, x, y))
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_OUT_OF_BOUNDS,
                       _("%s, record %u, point %d: (%g, %g) lies outside the record’s "
                         "bounding box (%g, %g)–(%g, %g); the record is damaged"),
                       shp_display, record, v + 1, x, y,
                       box.xmin, box.ymin, box.xmax, box.ymax);
          return FALSE;
        }
      xmin = MIN (xmin, x);
      xmax = MAX (xmax, x);
      ymin = MIN (ymin, y);
      ymax = MAX (ymax, y);
      self->points[2 * ((gsize) point + v)] = x;
      self->points[2 * ((gsize) point + v) + 1] = y;
    }

  *out_bounds = (LmBounds) { xmin, ymin, xmax, ymax };
  return TRUE;
}

/* What is wrong with a record as shapelib read it, or NULL. validate_files
 * counted from the same bytes, so the counts hold unless shapelib reads
 * the record differently; never write past the arrays on the strength
 * of that. */
static const char *
check_object (const SHPObject *object,
              guint            parts_left,
              guint            points_left)
{
  if ((guint) object->nParts > parts_left ||
      object->nVertices < 0 || (guint) object->nVertices > points_left)
    return _("its ring and point counts are inconsistent");

  for (int p = 0; p < object->nParts; p++)
    {
      int start = object->panPartStart[p];

      if ((p == 0 && start != 0) ||
          (p > 0 && start < object->panPartStart[p - 1]) ||
          start > object->nVertices)
        return _("its rings start at impossible points");
    }
  return NULL;
}

static void
extend_bounds (LmBounds       *bounds,
               const LmBounds *more,
               gboolean       *have_bounds)
{
  if (!*have_bounds)
    {
      *bounds = *more;
      *have_bounds = TRUE;
      return;
    }
  bounds->xmin = MIN (bounds->xmin, more->xmin);
  bounds->ymin = MIN (bounds->ymin, more->ymin);
  bounds->xmax = MAX (bounds->xmax, more->xmax);
  bounds->ymax = MAX (bounds->ymax, more->ymax);
}

static gboolean
read_geometry (LmShapeLayer     *self,
               SHPHandle         shp,
               const Validation *v,
               GString          *messages,
               GError          **error)
{
  guint n_parts = (guint) v->n_parts;
  guint n_points = (guint) v->n_points;
  guint part = 0;
  guint point = 0;
  gboolean have_bounds = FALSE;
  GError *first = NULL;

  self->features = g_new0 (LmShapeFeature, self->n_features);
  self->part_starts = g_new (guint, (gsize) n_parts + 1);
  self->points = g_new (double, (gsize) n_points * 2);

  /* One SHPObject is reused across records: no allocation per shape. */
  SHPSetFastModeReadObject (shp, TRUE);

  for (guint i = 0; i < self->n_features; i++)
    {
      LmShapeFeature *feature = &self->features[i];
      SHPObject *object = SHPReadObject (shp, (int) i);
      const char *problem;
      GError *point_error = NULL;

      feature->first_part = part;

      if (object == NULL)
        {
          if (messages->len > 0)
            g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                         _("%s, record %u: the record is damaged (%s)"),
                         v->shp_display, i + 1, messages->str);
          else
            g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                         _("%s, record %u: the record is damaged"),
                         v->shp_display, i + 1);
          return FALSE;
        }

      /* A polygon record without rings draws nothing, like a null shape. */
      if (object->nSHPType == SHPT_NULL || object->nParts <= 0)
        {
          self->n_empty_features++;
          SHPDestroyObject (object);
          continue;
        }

      problem = check_object (object, n_parts - part, n_points - point);
      if (problem != NULL)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record is damaged (%s)"),
                       v->shp_display, i + 1, problem);
          SHPDestroyObject (object);
          return FALSE;
        }
      if (!copy_points (self, object, point, v->shp_display, i + 1, &feature->bounds,
                        &point_error))
        {
          /* With a list of problems, the record is left empty and the
           * rest read on, so that every bad one is listed; the load still
           * fails. */
          SHPDestroyObject (object);
          lm_problems_note (v->problems, &first, point_error);
          if (v->problems == NULL)
            break;
          continue;
        }

      for (int p = 0; p < object->nParts; p++)
        self->part_starts[part + p] = point + (guint) object->panPartStart[p];

      feature->n_parts = (guint) object->nParts;
      part += (guint) object->nParts;
      point += (guint) object->nVertices;

      /* The bounds come from the points, not from the record's own box,
       * which only has to contain them. */
      if (object->nVertices > 0)
        extend_bounds (&self->bounds, &feature->bounds, &have_bounds);
      else
        feature->bounds = (LmBounds) { 0, 0, 0, 0 };   /* rings without points */

      SHPDestroyObject (object);
    }

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }

  self->part_starts[part] = point;
  self->n_parts = part;
  self->n_points = point;

  return TRUE;
}

/* Everything after the files are in memory, shared by the loader and
 * lm_shape_layer_new_from_bytes(). @dbf is only counted here. */
static gboolean
load_geometry (LmShapeLayer  *self,
               Validation    *v,
               LmDbf         *dbf,
               const char    *dbf_display,
               GError       **error)
{
  LmShapelibContext context = { 0 };
  LmShapelibContext *previous;
  SAHooks hooks;
  SHPHandle shp;
  guint n_records = 0;
  int shp_records = -1;
  gboolean ok;

  if (!validate_files (v, &n_records, error))
    return FALSE;

  /* The table must describe the same features as the shapes. */
  if (lm_dbf_get_n_records (dbf) != n_records)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_RECORD_COUNT,
                   _("%s has %u records but %s has %u shapes; "
                     "the attribute table and the shapes must describe the same areas"),
                   dbf_display, lm_dbf_get_n_records (dbf), v->shp_display, n_records);
      return FALSE;
    }

  previous = lm_shapelib_context_push (&context);
  context.shp_data = v->shp_data;
  context.shp_size = v->shp_size;
  context.shx_data = v->shx_data;
  context.shx_size = v->shx_size;
  lm_shapelib_setup_memory_hooks (&hooks);
  /* The hooks serve the bytes above whatever the name: only the
   * extension matters to them. */
  shp = SHPOpenLL ("layer.shp", "rb", &hooks);
  if (shp != NULL)
    SHPGetInfo (shp, &shp_records, NULL, NULL, NULL);

  if (shp == NULL || shp_records < 0 || (guint) shp_records != n_records)
    {
      if (context.messages->len > 0)
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read (%s)"),
                     v->shp_display, context.messages->str);
      else
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read"),
                     v->shp_display);
      if (shp != NULL)
        SHPClose (shp);
      lm_shapelib_context_pop (&context, previous);
      return FALSE;
    }

  self->n_features = n_records;
  ok = read_geometry (self, shp, v, context.messages, error);

  SHPClose (shp);
  lm_shapelib_context_pop (&context, previous);
  return ok;
}

/**
 * lm_shape_layer_load:
 * @path: the .shp file of a polygon shapefile
 * @error: return location for a #LmShapeError or #LmInputFileError
 *
 * Reads the whole geometry of a polygon layer. The .shx and .dbf must lie
 * beside the .shp; the .dbf is only checked here and read by
 * lm_shape_layer_read_string_field().
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set
 */
LmShapeLayer *
lm_shape_layer_load (const char  *path,
                     GError     **error)
{
  return lm_shape_layer_load_full (path, NULL, error);
}

/**
 * lm_shape_layer_load_full:
 * @path: the .shp file of a polygon shapefile
 * @problems: (nullable): where every damaged record goes
 * @error: return location for the first problem
 *
 * Like lm_shape_layer_load(), but with a list of problems it reads on
 * past a damaged record and lists each one (index entries, record
 * lengths, bounding boxes, points outside them) before failing.
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set
 */
LmShapeLayer *
lm_shape_layer_load_full (const char  *path,
                          LmProblems  *problems,
                          GError     **error)
{
  g_autoptr(LmShapeLayer) self = NULL;
  g_autoptr(LmDbf) dbf = NULL;
  g_autofree char *base = NULL;
  g_autofree char *shp_path = NULL;
  g_autofree char *shx_path = NULL;
  g_autofree char *shp_display = NULL;
  g_autofree char *shx_display = NULL;
  g_autofree char *dbf_display = NULL;
  g_autofree char *shp_data = NULL;
  g_autofree char *shx_data = NULL;
  Validation v = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = strip_extension (path);
  self = g_object_new (LM_TYPE_SHAPE_LAYER, NULL);
  self->path = g_strdup (path);
  shp_path = sibling_path (base, "shp");
  shx_path = sibling_path (base, "shx");
  self->dbf_path = sibling_path (base, "dbf");
  shp_display = g_filename_display_name (shp_path);
  shx_display = g_filename_display_name (shx_path);
  dbf_display = g_filename_display_name (self->dbf_path);

  if (!lm_shapefile_read_part (shp_path, LM_INPUT_FILE_MAX_GEOMETRY_BYTES,
                               &shp_data, &v.shp_size, error) ||
      !lm_shapefile_read_part (shx_path, LM_INPUT_FILE_MAX_GEOMETRY_BYTES,
                               &shx_data, &v.shx_size, error))
    return NULL;
  dbf = lm_dbf_load (self->dbf_path, error);
  if (dbf == NULL)
    return NULL;

  v.shp_display = shp_display;
  v.shp_data = shp_data;
  v.shx_display = shx_display;
  v.shx_data = shx_data;
  v.problems = problems;
  if (!load_geometry (self, &v, dbf, dbf_display, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lm_shape_layer_new_from_bytes:
 * @name: how messages name the set, e.g. "lsoa" gives "lsoa.shp"
 * @shp: the .shp bytes
 * @shx: the .shx bytes
 * @dbf: the .dbf bytes (kept for lm_shape_layer_read_string_field())
 * @error: return location for a #LmShapeError
 *
 * Like lm_shape_layer_load(), for a shapefile set already in memory.
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set
 */
LmShapeLayer *
lm_shape_layer_new_from_bytes (const char  *name,
                               GBytes      *shp,
                               GBytes      *shx,
                               GBytes      *dbf,
                               GError     **error)
{
  g_autoptr(LmShapeLayer) self = NULL;
  g_autoptr(LmDbf) table = NULL;
  g_autofree char *shp_display = NULL;
  g_autofree char *shx_display = NULL;
  Validation v = { 0 };

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (shp != NULL && shx != NULL && dbf != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (LM_TYPE_SHAPE_LAYER, NULL);
  self->path = g_strconcat (name, ".shp", NULL);
  self->dbf_path = g_strconcat (name, ".dbf", NULL);
  self->dbf_bytes = g_bytes_ref (dbf);
  shp_display = g_strdup (self->path);
  shx_display = g_strconcat (name, ".shx", NULL);

  table = lm_dbf_new_from_bytes (self->dbf_path, dbf, error);
  if (table == NULL)
    return NULL;

  v.shp_display = shp_display;
  v.shp_data = g_bytes_get_data (shp, &v.shp_size);
  v.shx_display = shx_display;
  v.shx_data = g_bytes_get_data (shx, &v.shx_size);
  /* The validation reads the headers in place; an empty GBytes may give
   * NULL data, which the size checks then never dereference. */
  if (!load_geometry (self, &v, table, self->dbf_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */
/* ---------------------------------------------------------------------- */

static void
lm_shape_layer_finalize (GObject *object)
{
  LmShapeLayer *self = (LmShapeLayer *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->dbf_path, g_free);
  g_clear_pointer (&self->dbf_bytes, g_bytes_unref);
  g_clear_pointer (&self->features, g_free);
  g_clear_pointer (&self->part_starts, g_free);
  g_clear_pointer (&self->points, g_free);

  G_OBJECT_CLASS (lm_shape_layer_parent_class)->finalize (object);
}

static void
lm_shape_layer_class_init (LmShapeLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lm_shape_layer_finalize;
}

static void
lm_shape_layer_init (LmShapeLayer *self)
{
}

/* ---------------------------------------------------------------------- */
/* Accessors                                                              */
/* ---------------------------------------------------------------------- */

const char *
lm_shape_layer_get_path (LmShapeLayer *self)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);

  return self->path;
}

guint
lm_shape_layer_get_n_features (LmShapeLayer *self)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), 0);

  return self->n_features;
}

const LmShapeFeature *
lm_shape_layer_get_feature (LmShapeLayer *self,
                            guint         feature)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);
  g_return_val_if_fail (feature < self->n_features, NULL);

  return &self->features[feature];
}

const guint *
lm_shape_layer_get_part_starts (LmShapeLayer *self,
                                guint        *n_parts)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);

  if (n_parts != NULL)
    *n_parts = self->n_parts;

  return self->part_starts;
}

const double *
lm_shape_layer_get_points (LmShapeLayer *self,
                           guint        *n_points)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);

  if (n_points != NULL)
    *n_points = self->n_points;

  return self->points;
}

LmBounds
lm_shape_layer_get_bounds (LmShapeLayer *self)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), (LmBounds) { 0 });

  return self->bounds;
}

guint
lm_shape_layer_get_n_empty_features (LmShapeLayer *self)
{
  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), 0);

  return self->n_empty_features;
}

/* The attribute table as it is now: read again from disk for a layer
 * loaded from files (the geometry is kept, the table is not, to spare the
 * memory), checked against the shapes again since the file may have been
 * replaced meanwhile. */
static LmDbf *
open_table (LmShapeLayer  *self,
            GError       **error)
{
  g_autoptr(LmDbf) dbf = NULL;

  if (self->dbf_bytes != NULL)
    dbf = lm_dbf_new_from_bytes (self->dbf_path, self->dbf_bytes, error);
  else
    dbf = lm_dbf_load (self->dbf_path, error);
  if (dbf == NULL)
    return NULL;

  if (lm_dbf_get_n_records (dbf) != self->n_features)
    {
      g_autofree char *display = g_filename_display_name (self->dbf_path);

      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_RECORD_COUNT,
                   _("%s has %u records but the shapes number %u; "
                     "the attribute table and the shapes must describe the same areas"),
                   display, lm_dbf_get_n_records (dbf), self->n_features);
      return NULL;
    }

  return g_steal_pointer (&dbf);
}

/**
 * lm_shape_layer_read_string_field:
 * @self: a #LmShapeLayer
 * @field: the name of a field of the .dbf (case does not matter)
 * @error: return location for a #LmShapeError
 *
 * Reads one field of the attribute table for every feature, as text.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): one
 *   string per feature, free with g_strfreev()
 */
char **
lm_shape_layer_read_string_field (LmShapeLayer  *self,
                                  const char    *field,
                                  GError       **error)
{
  g_autoptr(LmDbf) dbf = NULL;

  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dbf = open_table (self, error);
  if (dbf == NULL)
    return NULL;
  return lm_dbf_read_strings (dbf, field, error);
}

/**
 * lm_shape_layer_read_code_field:
 * @self: a #LmShapeLayer
 * @field: the name of the field that identifies each feature
 * @error: return location for a #LmShapeError
 *
 * Like lm_shape_layer_read_string_field(), but every value must be a
 * code of its own: an empty or invalid one is LM_SHAPE_ERROR_BAD_CODE and
 * one that two records share LM_SHAPE_ERROR_DUPLICATE_CODE, naming the
 * file and the record(s). Otherwise a polygon would silently go missing
 * from the map.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): one
 *   code per feature, free with g_strfreev()
 */
char **
lm_shape_layer_read_code_field (LmShapeLayer  *self,
                                const char    *field,
                                LmProblems    *problems,
                                GError       **error)
{
  g_autoptr(LmDbf) dbf = NULL;

  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dbf = open_table (self, error);
  if (dbf == NULL)
    return NULL;
  return lm_dbf_read_codes (dbf, field, problems, error);
}

/* ---------------------------------------------------------------------- */
/* Hit testing                                                            */
/* ---------------------------------------------------------------------- */

gboolean
lm_shape_layer_feature_contains (LmShapeLayer *self,
                                 guint         feature,
                                 double        x,
                                 double        y)
{
  const LmShapeFeature *f;
  gboolean inside = FALSE;

  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), FALSE);
  g_return_val_if_fail (feature < self->n_features, FALSE);

  f = &self->features[feature];
  if (f->n_parts == 0 ||
      x < f->bounds.xmin || x > f->bounds.xmax ||
      y < f->bounds.ymin || y > f->bounds.ymax)
    return FALSE;

  /* Even-odd over all rings at once: a point in a hole crosses the outer
   * ring and the hole, so holes and islands need no special case. */
  for (guint p = f->first_part; p < f->first_part + f->n_parts; p++)
    {
      guint start = self->part_starts[p];
      guint end = self->part_starts[p + 1];

      if (end - start < 3)
        continue;

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = self->points[2 * (gsize) i];
          double yi = self->points[2 * (gsize) i + 1];
          double xj = self->points[2 * (gsize) j];
          double yj = self->points[2 * (gsize) j + 1];

          if ((yi > y) != (yj > y) &&
              x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }

  return inside;
}
