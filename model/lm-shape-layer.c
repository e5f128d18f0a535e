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

#include "lm-shape-layer.h"

/* shapelib 1.6.0 added a user-data argument to the FOpen and Remove hooks
 * and made FWrite take a const buffer; SHAPELIB_AT_LEAST itself only
 * exists from 1.6.0 on, so it cannot be tested in the same #if. */
#ifdef SHAPELIB_AT_LEAST
# if SHAPELIB_AT_LEAST(1, 6, 0)
#  define LM_SHAPELIB_HOOKS_1_6 1
# endif
#endif

struct _LmShapeLayer
{
  GObject         parent_instance;

  char           *path;          /* the .shp as given */
  char           *dbf_path;      /* the .dbf found beside it */

  LmShapeFeature *features;
  guint           n_features;
  guint          *part_starts;   /* n_parts + 1 */
  guint           n_parts;
  double         *points;        /* x, y interleaved */
  guint           n_points;
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
/* shapelib hooks                                                         */
/* ---------------------------------------------------------------------- */

/* shapelib reports problems through a hook that receives only the text,
 * so the messages of the load in progress on this thread are collected
 * here. The .shp and .shx are read into memory once, validated there, and
 * served to shapelib from the same bytes: what was checked is what gets
 * parsed, even if the files change on disk meanwhile, and reading a record
 * costs a memcpy rather than a seek and a read. */
typedef struct
{
  GString    *messages;
  const char *shp_data;
  gsize       shp_size;
  const char *shx_data;
  gsize       shx_size;
} ShapelibContext;

static _Thread_local ShapelibContext *current_context;

typedef struct
{
  const char *data;
  gsize       size;
  gsize       pos;
} MemoryFile;

static void
capture_error (const char *message)
{
  if (current_context == NULL)
    {
      g_debug ("shapelib: %s", message);
      return;
    }

  if (current_context->messages->len > 0)
    g_string_append (current_context->messages, "; ");
  /* shapelib's text may carry a file name in any encoding. */
  if (g_utf8_validate (message, -1, NULL))
    {
      g_string_append (current_context->messages, message);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      g_string_append (current_context->messages, valid);
    }
}

static SAFile
memory_open (const char *filename,
             const char *access)
{
  MemoryFile *file;
  gsize len;

  /* Only reading is ever asked for: any other access mode is a bug. */
  if (current_context == NULL || strpbrk (access, "wa+") != NULL)
    return NULL;

  len = strlen (filename);
  if (len < 4)
    return NULL;

  file = g_new0 (MemoryFile, 1);
  if (g_ascii_strcasecmp (filename + len - 4, ".shp") == 0 &&
      current_context->shp_data != NULL)
    {
      file->data = current_context->shp_data;
      file->size = current_context->shp_size;
    }
  else if (g_ascii_strcasecmp (filename + len - 4, ".shx") == 0 &&
           current_context->shx_data != NULL)
    {
      file->data = current_context->shx_data;
      file->size = current_context->shx_size;
    }
  else
    {
      g_free (file);
      return NULL;
    }

  return (SAFile) file;
}

static SAOffset
memory_read (void     *buffer,
             SAOffset  size,
             SAOffset  n_items,
             SAFile    handle)
{
  MemoryFile *file = (MemoryFile *) handle;
  gsize available;
  gsize count;

  if (size == 0 || file->pos >= file->size)
    return 0;

  available = (file->size - file->pos) / size;
  count = MIN ((gsize) n_items, available);
  memcpy (buffer, file->data + file->pos, count * size);
  file->pos += count * size;

  return count;
}

static SAOffset
memory_seek (SAFile   handle,
             SAOffset offset,
             int      whence)
{
  MemoryFile *file = (MemoryFile *) handle;

  /* Unsigned arithmetic wraps, so a negative offset cast to SAOffset
   * still moves backwards as it does with fseek. */
  switch (whence)
    {
    case SEEK_SET:
      file->pos = offset;
      break;
    case SEEK_CUR:
      file->pos += offset;
      break;
    case SEEK_END:
      file->pos = file->size + offset;
      break;
    default:
      return (SAOffset) -1;
    }

  return 0;
}

static SAOffset
memory_tell (SAFile handle)
{
  return ((MemoryFile *) handle)->pos;
}

static int
memory_flush (SAFile handle)
{
  return 0;
}

static int
memory_close (SAFile handle)
{
  g_free (handle);
  return 0;
}

#ifdef LM_SHAPELIB_HOOKS_1_6
static SAFile
memory_open_hook (const char *filename,
                  const char *access,
                  void       *user_data)
{
  return memory_open (filename, access);
}

static SAOffset
memory_write_hook (const void *buffer,
                   SAOffset    size,
                   SAOffset    n_items,
                   SAFile      handle)
{
  return 0;
}
#else
static SAFile
memory_open_hook (const char *filename,
                  const char *access)
{
  return memory_open (filename, access);
}

static SAOffset
memory_write_hook (void     *buffer,
                   SAOffset  size,
                   SAOffset  n_items,
                   SAFile    handle)
{
  return 0;
}
#endif

static void
setup_memory_hooks (SAHooks *hooks)
{
  SASetupDefaultHooks (hooks);
  hooks->FOpen = memory_open_hook;
  hooks->FRead = memory_read;
  hooks->FWrite = memory_write_hook;
  hooks->FSeek = memory_seek;
  hooks->FTell = memory_tell;
  hooks->FFlush = memory_flush;
  hooks->FClose = memory_close;
  hooks->Error = capture_error;
}

/* The .dbf is read from disk with shapelib's own file functions. */
static void
setup_file_hooks (SAHooks *hooks)
{
  SASetupDefaultHooks (hooks);
  hooks->Error = capture_error;
}

static ShapelibContext *
context_push (ShapelibContext *context)
{
  ShapelibContext *previous = current_context;

  context->messages = g_string_new (NULL);
  current_context = context;

  return previous;
}

static void
context_pop (ShapelibContext *context,
             ShapelibContext *previous)
{
  current_context = previous;
  g_string_free (context->messages, TRUE);
  context->messages = NULL;
}

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

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *size,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (g_file_get_contents (path, contents, size, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                 _("%s is missing: a shapefile needs its .shp, .shx and .dbf "
                   "files side by side"),
                 display);
  else
    g_set_error_literal (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                         local_error->message);

  return FALSE;
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

/* Checks the headers of the .shp and .shx and every index entry against
 * the .shp actually on disk, before shapelib sees them: shapelib trusts
 * the .shx, so a truncated .shp or a stale .shx would otherwise turn into
 * reads of whatever lies at the offsets it gives. Counts the parts and
 * points so the arrays can be allocated once. */
static gboolean
validate_files (const char  *shp_display,
                const char  *shp_data,
                gsize        shp_size,
                const char  *shx_display,
                const char  *shx_data,
                gsize        shx_size,
                guint       *out_n_records,
                guint       *out_n_parts,
                guint       *out_n_points,
                GError     **error)
{
  guint32 shape_type;
  guint64 declared_size;
  gsize n_records;
  guint64 n_parts = 0;
  guint64 n_points = 0;

  if (shp_size < FILE_HEADER_SIZE || read_be32 (shp_data) != FILE_CODE)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a shapefile, or its header is damaged"),
                   shp_display);
      return FALSE;
    }
  if (shx_size < FILE_HEADER_SIZE || read_be32 (shx_data) != FILE_CODE)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a shapefile index, or its header is damaged"),
                   shx_display);
      return FALSE;
    }
  /* shapelib takes the number of records from the header, so the header
   * and the real size must agree. */
  declared_size = (guint64) read_be32 (shx_data + 24) * 2;
  if (declared_size != shx_size || (shx_size - FILE_HEADER_SIZE) % INDEX_RECORD_SIZE != 0)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is truncated or damaged: its header announces %llu records, "
                     "but the file holds %llu"),
                   shx_display,
                   (unsigned long long) ((MAX (declared_size, FILE_HEADER_SIZE) - FILE_HEADER_SIZE)
                                         / INDEX_RECORD_SIZE),
                   (unsigned long long) ((shx_size - FILE_HEADER_SIZE) / INDEX_RECORD_SIZE));
      return FALSE;
    }

  shape_type = read_le32 (shp_data + 32);
  if (!is_polygon_type (shape_type))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_NOT_POLYGONS,
                   _("%s holds %s, not polygons; only polygon layers can be mapped"),
                   shp_display, describe_shape_type (shape_type));
      return FALSE;
    }
  if (read_le32 (shx_data + 32) != shape_type)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s does not belong to %s: their headers give different kinds of shapes"),
                   shx_display, shp_display);
      return FALSE;
    }

  n_records = (shx_size - FILE_HEADER_SIZE) / INDEX_RECORD_SIZE;
  if (n_records >= G_MAXINT)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s lists too many records to be read"),
                   shx_display);
      return FALSE;
    }

  for (gsize i = 0; i < n_records; i++)
    {
      const char *entry = shx_data + FILE_HEADER_SIZE + i * INDEX_RECORD_SIZE;
      guint64 offset = (guint64) read_be32 (entry) * 2;
      guint64 index_length = (guint64) read_be32 (entry + 4) * 2;
      guint64 length;
      const char *header;
      const char *content;
      guint32 record_type;
      guint record = (guint) i + 1;   /* numbered from 1, as in the file */

      if (offset < FILE_HEADER_SIZE || offset + RECORD_HEADER_SIZE > shp_size)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the index %s places it at byte %llu, outside the "
                         "file (%llu bytes); the .shp is truncated or the index belongs to "
                         "another file"),
                       shp_display, record, shx_display, (unsigned long long) offset,
                       (unsigned long long) shp_size);
          return FALSE;
        }

      header = shp_data + offset;
      length = (guint64) read_be32 (header + 4) * 2;

      /* Every record header carries its own number: an index entry that
       * points anywhere else disagrees with the .shp. Some writers give
       * the index length 8 bytes too long (counting the record header);
       * shapelib accepts that, so do we. */
      if (read_be32 (header) != record ||
          (index_length != length && index_length != length + RECORD_HEADER_SIZE))
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the index %s does not match the shapes file; "
                         "at the place it gives there is no record %u of that length"),
                       shp_display, record, shx_display, record);
          return FALSE;
        }

      if (offset + RECORD_HEADER_SIZE + length > shp_size)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record ends at byte %llu, past the end of the "
                         "file (%llu bytes); the file is truncated"),
                       shp_display, record,
                       (unsigned long long) (offset + RECORD_HEADER_SIZE + length),
                       (unsigned long long) shp_size);
          return FALSE;
        }

      content = header + RECORD_HEADER_SIZE;
      record_type = length >= 4 ? read_le32 (content) : G_MAXUINT32;
      if (record_type == SHPT_NULL)
        continue;

      if (record_type != shape_type || length < POLYGON_XY_SIZE)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record is damaged (it is not a polygon "
                         "like the rest of the file)"),
                       shp_display, record);
          return FALSE;
        }
      else
        {
          guint64 record_parts = read_le32 (content + 36);
          guint64 record_points = read_le32 (content + 40);

          if (POLYGON_XY_SIZE + record_parts * 4 + record_points * 16 > length)
            {
              g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                           _("%s, record %u: the record is damaged (it claims %llu rings and "
                             "%llu points, more than it holds)"),
                           shp_display, record, (unsigned long long) record_parts,
                           (unsigned long long) record_points);
              return FALSE;
            }
          n_parts += record_parts;
          n_points += record_points;
        }
    }

  /* Cannot happen for files shapelib can address, but the arrays are
   * indexed with guint. */
  if (n_parts >= G_MAXUINT || n_points >= G_MAXUINT / 2)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s holds too many points to be read"),
                   shp_display);
      return FALSE;
    }

  *out_n_records = (guint) n_records;
  *out_n_parts = (guint) n_parts;
  *out_n_points = (guint) n_points;
  return TRUE;
}

/* Opens the .dbf (call with a ShapelibContext pushed: shapelib reports
 * through it) and checks that the header agrees with the file: shapelib 1.5 does
 * not check that the fields fit in a record, and a header that says they
 * do not would make it read past its record buffer. */
static DBFHandle
open_dbf (const char  *path,
          GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;
  SAHooks hooks;
  DBFHandle dbf;
  int n_fields;
  guint64 used = 1;   /* the deletion flag */

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                     _("%s is missing: a shapefile needs its .shp, .shx and .dbf "
                       "files side by side"),
                     display);
      else
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                     _("%s could not be read: %s"),
                     display, g_strerror (saved_errno));
      return NULL;
    }

  setup_file_hooks (&hooks);
  dbf = DBFOpenLL (path, "rb", &hooks);
  if (dbf == NULL)
    {
      if (current_context->messages->len > 0)
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read as an attribute table (%s)"),
                     display, current_context->messages->str);
      else
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read as an attribute table"),
                     display);
      return NULL;
    }

  n_fields = DBFGetFieldCount (dbf);
  for (int i = 0; i < n_fields; i++)
    {
      int width = 0;

      DBFGetFieldInfo (dbf, i, NULL, &width, NULL);
      used += (guint64) MAX (width, 0);
    }

  if (dbf->nRecords < 0 || dbf->nRecordLength <= 0 || dbf->nHeaderLength <= 0 ||
      used > (guint64) dbf->nRecordLength ||
      (guint64) dbf->nHeaderLength + (guint64) dbf->nRecords * dbf->nRecordLength >
      (guint64) st.st_size)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is truncated or damaged: its header describes more data "
                     "than the file holds"),
                   display);
      DBFClose (dbf);
      return NULL;
    }

  return dbf;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                */
/* ---------------------------------------------------------------------- */

static gboolean
read_geometry (LmShapeLayer *self,
               SHPHandle     shp,
               const char   *shp_display,
               guint         n_parts,
               guint         n_points,
               GError      **error)
{
  guint part = 0;
  guint point = 0;
  gboolean have_bounds = FALSE;

  self->features = g_new0 (LmShapeFeature, self->n_features);
  self->part_starts = g_new (guint, (gsize) n_parts + 1);
  self->points = g_new (double, (gsize) n_points * 2);

  /* One SHPObject is reused across records: no allocation per shape. */
  SHPSetFastModeReadObject (shp, TRUE);

  for (guint i = 0; i < self->n_features; i++)
    {
      LmShapeFeature *feature = &self->features[i];
      SHPObject *object = SHPReadObject (shp, (int) i);
      double xmin = G_MAXDOUBLE, ymin = G_MAXDOUBLE;
      double xmax = -G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
      const char *problem = NULL;

      feature->first_part = part;

      if (object == NULL)
        {
          if (current_context->messages->len > 0)
            g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                         _("%s, record %u: the record is damaged (%s)"),
                         shp_display, i + 1, current_context->messages->str);
          else
            g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                         _("%s, record %u: the record is damaged"),
                         shp_display, i + 1);
          return FALSE;
        }

      /* A polygon record without rings draws nothing, like a null shape. */
      if (object->nSHPType == SHPT_NULL || object->nParts <= 0)
        {
          SHPDestroyObject (object);
          continue;
        }

      /* validate_files counted from the same bytes, so these hold unless
       * shapelib reads the record differently; never write past the
       * arrays on the strength of that. */
      if ((guint) object->nParts > n_parts - part ||
          object->nVertices < 0 || (guint) object->nVertices > n_points - point)
        problem = _("its ring and point counts are inconsistent");

      for (int p = 0; problem == NULL && p < object->nParts; p++)
        {
          int start = object->panPartStart[p];

          if ((p == 0 && start != 0) ||
              (p > 0 && start < object->panPartStart[p - 1]) ||
              start > object->nVertices)
            problem = _("its rings start at impossible points");
        }

      for (int v = 0; problem == NULL && v < object->nVertices; v++)
        {
          double x = object->padfX[v];
          double y = object->padfY[v];

          if (!isfinite (x) || !isfinite (y))
            {
              problem = _("it has a point whose coordinates are not numbers");
              break;
            }
          xmin = MIN (xmin, x);
          xmax = MAX (xmax, x);
          ymin = MIN (ymin, y);
          ymax = MAX (ymax, y);
          self->points[2 * ((gsize) point + v)] = x;
          self->points[2 * ((gsize) point + v) + 1] = y;
        }

      if (problem != NULL)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record is damaged (%s)"),
                       shp_display, i + 1, problem);
          SHPDestroyObject (object);
          return FALSE;
        }

      for (int p = 0; p < object->nParts; p++)
        self->part_starts[part + p] = point + (guint) object->panPartStart[p];

      feature->n_parts = (guint) object->nParts;
      part += (guint) object->nParts;
      point += (guint) object->nVertices;

      /* The bounds come from the points, not from the record's own box,
       * which nothing forces a writer to get right. */
      if (object->nVertices > 0)
        {
          feature->bounds = (LmBounds) { xmin, ymin, xmax, ymax };
          if (!have_bounds)
            {
              self->bounds = feature->bounds;
              have_bounds = TRUE;
            }
          else
            {
              self->bounds.xmin = MIN (self->bounds.xmin, xmin);
              self->bounds.ymin = MIN (self->bounds.ymin, ymin);
              self->bounds.xmax = MAX (self->bounds.xmax, xmax);
              self->bounds.ymax = MAX (self->bounds.ymax, ymax);
            }
        }

      SHPDestroyObject (object);
    }

  self->part_starts[part] = point;
  self->n_parts = part;
  self->n_points = point;

  return TRUE;
}

/**
 * lm_shape_layer_load:
 * @path: the .shp file of a polygon shapefile
 * @error: return location for a #LmShapeError
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
  g_autoptr(LmShapeLayer) self = NULL;
  g_autofree char *base = NULL;
  g_autofree char *shp_path = NULL;
  g_autofree char *shx_path = NULL;
  g_autofree char *shp_display = NULL;
  g_autofree char *shx_display = NULL;
  g_autofree char *dbf_display = NULL;
  g_autofree char *shp_data = NULL;
  g_autofree char *shx_data = NULL;
  gsize shp_size = 0;
  gsize shx_size = 0;
  guint n_records = 0;
  guint n_parts = 0;
  guint n_points = 0;
  ShapelibContext context = { 0 };
  ShapelibContext *previous;
  SAHooks hooks;
  SHPHandle shp;
  DBFHandle dbf;
  int dbf_records;
  int shp_records = -1;
  gboolean ok;

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

  if (!read_file (shp_path, &shp_data, &shp_size, error) ||
      !read_file (shx_path, &shx_data, &shx_size, error))
    return NULL;

  if (!g_file_test (self->dbf_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                   _("%s is missing: a shapefile needs its .shp, .shx and .dbf "
                     "files side by side"),
                   dbf_display);
      return NULL;
    }

  if (!validate_files (shp_display, shp_data, shp_size,
                       shx_display, shx_data, shx_size,
                       &n_records, &n_parts, &n_points, error))
    return NULL;

  previous = context_push (&context);

  /* The table must describe the same features as the shapes; check it
   * before the expensive part. */
  dbf = open_dbf (self->dbf_path, error);
  if (dbf == NULL)
    {
      context_pop (&context, previous);
      return NULL;
    }
  dbf_records = DBFGetRecordCount (dbf);
  DBFClose (dbf);
  if (dbf_records < 0 || (guint) dbf_records != n_records)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_RECORD_COUNT,
                   _("%s has %d records but %s has %u shapes; "
                     "the attribute table and the shapes must describe the same areas"),
                   dbf_display, dbf_records, shp_display, n_records);
      context_pop (&context, previous);
      return NULL;
    }

  context.shp_data = shp_data;
  context.shp_size = shp_size;
  context.shx_data = shx_data;
  context.shx_size = shx_size;
  setup_memory_hooks (&hooks);
  shp = SHPOpenLL (shp_path, "rb", &hooks);
  if (shp != NULL)
    SHPGetInfo (shp, &shp_records, NULL, NULL, NULL);

  if (shp == NULL || shp_records < 0 || (guint) shp_records != n_records)
    {
      if (context.messages->len > 0)
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read (%s)"),
                     shp_display, context.messages->str);
      else
        g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                     _("%s could not be read"),
                     shp_display);
      if (shp != NULL)
        SHPClose (shp);
      context_pop (&context, previous);
      return NULL;
    }

  self->n_features = n_records;
  ok = read_geometry (self, shp, shp_display, n_parts, n_points, error);

  SHPClose (shp);
  context_pop (&context, previous);

  if (!ok)
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

/* Text fields are UTF-8 in files that come with a .cpg saying so, as ours
 * do; older files are usually in the Windows code page. Anything is turned
 * into valid UTF-8 rather than refused, since a garbled name is better
 * than no map. */
static char *
field_to_utf8 (const char *value)
{
  g_autofree char *text = NULL;
  gsize len;

  if (g_utf8_validate (value, -1, NULL))
    text = g_strdup (value);
  else
    text = g_convert (value, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (text == NULL)
    text = g_utf8_make_valid (value, -1);

  len = strlen (text);
  while (len > 0 && text[len - 1] == ' ')
    text[--len] = '\0';

  return g_steal_pointer (&text);
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
  g_autofree char *display = NULL;
  g_auto(GStrv) values = NULL;
  ShapelibContext context = { 0 };
  ShapelibContext *previous;
  DBFHandle dbf;
  int index;

  g_return_val_if_fail (LM_IS_SHAPE_LAYER (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (self->dbf_path);
  previous = context_push (&context);

  dbf = open_dbf (self->dbf_path, error);
  if (dbf == NULL)
    goto out;

  index = DBFGetFieldIndex (dbf, field);
  if (index < 0)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_MISSING_FIELD,
                   _("%s has no field “%s”"),
                   display, field);
      goto out;
    }

  /* The file may have been replaced since the shapes were read. */
  if (DBFGetRecordCount (dbf) < 0 || (guint) DBFGetRecordCount (dbf) != self->n_features)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_RECORD_COUNT,
                   _("%s has %d records but the shapes number %u; "
                     "the attribute table and the shapes must describe the same areas"),
                   display, DBFGetRecordCount (dbf), self->n_features);
      goto out;
    }

  values = g_new0 (char *, (gsize) self->n_features + 1);
  for (guint i = 0; i < self->n_features; i++)
    {
      const char *value = DBFReadStringAttribute (dbf, (int) i, index);

      if (value == NULL)
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record could not be read (%s)"),
                       display, i + 1,
                       context.messages->len > 0 ? context.messages->str : _("no details"));
          g_clear_pointer (&values, g_strfreev);
          goto out;
        }
      values[i] = field_to_utf8 (value);
    }

out:
  if (dbf != NULL)
    DBFClose (dbf);
  context_pop (&context, previous);

  return g_steal_pointer (&values);
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
