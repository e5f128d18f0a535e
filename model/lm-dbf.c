/* lm-dbf.c — the attribute table (.dbf) of a shapefile, checked whole
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lm-dbf.h"
#include "lm-input-file.h"
#include "lm-shape-hooks-private.h"
#include "lm-shape-layer.h"

/* Sizes in the dBase III format, as shapelib writes it. */
#define FILE_HEADER_SIZE    32
#define FIELD_HEADER_SIZE   32
#define FIELD_TERMINATOR    0x0D
#define END_OF_FILE         0x1A
/* Visual FoxPro puts a 263-byte "backlink" after the terminator. */
#define FOXPRO_BACKLINK     263
#define MAX_FIELD_NAME      11

typedef struct
{
  char  name[MAX_FIELD_NAME + 1];
  guint offset;   /* within a record; the deletion flag is byte 0 */
  guint width;
} Field;

struct _LmDbf
{
  char         *display;
  GBytes       *bytes;
  const guint8 *data;
  gsize         size;
  guint         n_records;
  guint         header_length;
  guint         record_length;
  Field        *fields;
  guint         n_fields;
};

static inline guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static inline guint
read_le16 (const guint8 *p)
{
  return ((guint) p[1] << 8) | p[0];
}

static gboolean
corrupt (GError     **error,
         const char  *display,
         const char  *problem)
{
  g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
               _("%s is not a valid attribute table: %s"), display, problem);
  return FALSE;
}

/* Reads the field descriptors up to their terminator. */
static gboolean
read_fields (LmDbf   *self,
             guint   *out_terminator,
             GError **error)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (Field));
  guint offset = 1;
  gsize at = FILE_HEADER_SIZE;

  for (;;)
    {
      const guint8 *descriptor = self->data + at;
      Field field = { { 0 } };

      /* The header length is 16 bits, which bounds the fields too. */
      if (at >= self->size || at > G_MAXUINT16)
        return corrupt (error, self->display, _("its list of fields never ends; the file is truncated"));
      if (descriptor[0] == FIELD_TERMINATOR)
        break;
      if (at + FIELD_HEADER_SIZE > self->size)
        return corrupt (error, self->display, _("its list of fields is cut short; the file is truncated"));

      memcpy (field.name, descriptor, MAX_FIELD_NAME);
      field.width = descriptor[16];
      field.offset = offset;
      if (field.width == 0)
        {
          g_autofree char *name = g_utf8_make_valid (field.name, -1);

          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, field “%s”: the header gives it a width of 0 bytes; "
                         "the header is damaged"),
                       self->display, name);
          return FALSE;
        }
      offset += field.width;
      g_array_append_val (fields, field);
      at += FIELD_HEADER_SIZE;
    }

  self->n_fields = fields->len;
  self->fields = (Field *) g_array_free (g_steal_pointer (&fields), FALSE);
  *out_terminator = (guint) at;
  return TRUE;
}

/* Every number in the header is checked against the others and against
 * the bytes really there; see lm-dbf.h for why. */
static gboolean
validate (LmDbf   *self,
          GError **error)
{
  guint terminator;
  guint64 widths = 1;
  guint64 expected;

  if (self->size < FILE_HEADER_SIZE)
    return corrupt (error, self->display, _("it is shorter than a header"));

  self->n_records = read_le32 (self->data + 4);
  self->header_length = read_le16 (self->data + 8);
  self->record_length = read_le16 (self->data + 10);
  if (self->n_records > G_MAXINT)
    return corrupt (error, self->display, _("its header announces an impossible number of records"));

  if (!read_fields (self, &terminator, error))
    return FALSE;
  for (guint i = 0; i < self->n_fields; i++)
    widths += self->fields[i].width;

  if (self->header_length != terminator + 1 &&
      self->header_length != terminator + 1 + FOXPRO_BACKLINK)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a valid attribute table: its header says it is %u bytes long, "
                     "but its %u fields take %u; the header is damaged"),
                   self->display, self->header_length, self->n_fields, terminator + 1);
      return FALSE;
    }
  if (widths != self->record_length)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is not a valid attribute table: its header gives records of %u bytes, "
                     "but its fields add up to %u; the header is damaged"),
                   self->display, self->record_length, (guint) widths);
      return FALSE;
    }

  expected = self->header_length + (guint64) self->n_records * self->record_length;
  if (self->size < expected)
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is truncated: its header announces %u records of %u bytes, "
                     "%llu bytes in all, but the file holds %llu"),
                   self->display, self->n_records, self->record_length,
                   (unsigned long long) expected, (unsigned long long) self->size);
      return FALSE;
    }
  /* One end-of-file mark is allowed after the records, nothing else. */
  if (self->size > expected + 1 ||
      (self->size == expected + 1 && self->data[expected] != END_OF_FILE))
    {
      g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                   _("%s is damaged: its header announces %u records of %u bytes, "
                     "but the file holds %llu bytes more than that"),
                   self->display, self->n_records, self->record_length,
                   (unsigned long long) (self->size - expected));
      return FALSE;
    }

  /* A record that does not start with a deletion flag means the records
   * are not where the header puts them. */
  for (guint r = 0; r < self->n_records; r++)
    {
      guint8 flag = self->data[self->header_length + (gsize) r * self->record_length];

      if (flag != ' ' && flag != '*')
        {
          g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_CORRUPT,
                       _("%s, record %u: the record does not start where the header "
                         "says; the header is damaged"),
                       self->display, r + 1);
          return FALSE;
        }
    }

  return TRUE;
}

LmDbf *
lm_dbf_new_from_bytes (const char  *display_name,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autoptr(LmDbf) self = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LmDbf, 1);
  self->display = g_strdup (display_name);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->size);
  if (!validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

LmDbf *
lm_dbf_load (const char  *path,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  char *data = NULL;
  gsize size = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lm_shapefile_read_part (path, LM_INPUT_FILE_MAX_TABLE_BYTES, &data, &size, error))
    return NULL;
  bytes = g_bytes_new_take (data, size);
  display = g_filename_display_name (path);

  return lm_dbf_new_from_bytes (display, bytes, error);
}

void
lm_dbf_free (LmDbf *self)
{
  if (self == NULL)
    return;

  g_free (self->display);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->fields);
  g_free (self);
}

guint
lm_dbf_get_n_records (LmDbf *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

guint
lm_dbf_get_n_fields (LmDbf *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

const char *
lm_dbf_get_field_name (LmDbf *self,
                       guint  field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < self->n_fields, NULL);

  return self->fields[field].name;
}

int
lm_dbf_find_field (LmDbf      *self,
                   const char *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_fields; i++)
    if (g_ascii_strcasecmp (self->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* The raw value without its padding: dBase pads text with spaces, and
 * some writers fill with NULs. */
static char *
raw_value (LmDbf *self,
           guint  record,
           guint  field)
{
  const Field *f = &self->fields[field];
  const char *start = (const char *) self->data + self->header_length +
                      (gsize) record * self->record_length + f->offset;
  const char *end = memchr (start, '\0', f->width);

  if (end == NULL)
    end = start + f->width;
  while (start < end && *start == ' ')
    start++;
  while (end > start && end[-1] == ' ')
    end--;

  return g_strndup (start, end - start);
}

/* Text fields are UTF-8 in files that come with a .cpg saying so, as ours
 * do; older files are usually in the Windows code page. A name is turned
 * into valid UTF-8 rather than refused, since a garbled name is better
 * than no map. */
static char *
to_utf8 (char *value)
{
  char *text;

  if (g_utf8_validate (value, -1, NULL))
    return value;
  text = g_convert (value, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (text == NULL)
    text = g_utf8_make_valid (value, -1);
  g_free (value);
  return text;
}

static int
require_field (LmDbf       *self,
               const char  *name,
               GError     **error)
{
  int field = lm_dbf_find_field (self, name);

  if (field < 0)
    g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_MISSING_FIELD,
                 _("%s has no field “%s”"), self->display, name);
  return field;
}

char **
lm_dbf_read_strings (LmDbf       *self,
                     const char  *name,
                     GError     **error)
{
  char **values;
  int field;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  field = require_field (self, name, error);
  if (field < 0)
    return NULL;

  values = g_new0 (char *, (gsize) self->n_records + 1);
  for (guint r = 0; r < self->n_records; r++)
    values[r] = to_utf8 (raw_value (self, r, (guint) field));
  return values;
}

static gboolean
is_valid_code (const char *code)
{
  const guchar *p = (const guchar *) code;

  /* Codes are nearly always ASCII (E01000001): check those bytes
   * directly, and only hand the rest to the Unicode tables. */
  for (; *p != '\0' && *p < 0x80; p++)
    if (*p <= ' ' || *p == 0x7f)
      return FALSE;
  if (*p == '\0')
    return TRUE;

  if (!g_utf8_validate ((const char *) p, -1, NULL))
    return FALSE;
  for (; *p != '\0'; p = (const guchar *) g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char ((const char *) p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

/* The problem with one code, or NULL if it is a good one; @seen maps the
 * codes before it to their record numbers. */
static GError *
check_code (LmDbf       *self,
            GHashTable  *seen,
            const char  *name,
            const char  *code,
            guint        record)
{
  gpointer first;

  if (*code == '\0')
    return g_error_new (LM_SHAPE_ERROR, LM_SHAPE_ERROR_BAD_CODE,
                        _("%s, record %u: the field “%s” is empty, but every shape "
                          "needs a code to be matched to its area"),
                        self->display, record, name);
  if (!is_valid_code (code))
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      return g_error_new (LM_SHAPE_ERROR, LM_SHAPE_ERROR_BAD_CODE,
                          _("%s, record %u: “%s” in the field “%s” is not a valid code "
                            "(it holds spaces, control characters or text that is not UTF-8)"),
                          self->display, record, shown, name);
    }
  if (g_hash_table_lookup_extended (seen, code, NULL, &first))
    return g_error_new (LM_SHAPE_ERROR, LM_SHAPE_ERROR_DUPLICATE_CODE,
                        _("%s, records %u and %u: both have the code “%s” in the field “%s”; "
                          "each shape must have a code of its own"),
                        self->display, GPOINTER_TO_UINT (first), record, code, name);
  g_hash_table_insert (seen, (gpointer) code, GUINT_TO_POINTER (record));
  return NULL;
}

char **
lm_dbf_read_codes (LmDbf       *self,
                   const char  *name,
                   LmProblems  *problems,
                   GError     **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) codes = NULL;
  GError *first = NULL;
  int field;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (problems == NULL || LM_IS_PROBLEMS (problems), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  field = require_field (self, name, error);
  if (field < 0)
    return NULL;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  codes = g_new0 (char *, (gsize) self->n_records + 1);
  for (guint r = 0; r < self->n_records; r++)
    {
      GError *problem;

      codes[r] = raw_value (self, r, (guint) field);
      problem = check_code (self, seen, name, codes[r], r + 1);
      if (problem == NULL)
        continue;
      lm_problems_note (problems, &first, problem);
      if (problems == NULL)
        break;
    }

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return NULL;
    }
  return g_steal_pointer (&codes);
}
