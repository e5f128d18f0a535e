/* lm-csv.c — RFC 4180 tables read in one pass
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lm-csv.h"
#include "lm-decimal.h"
#include "lm-input-file.h"
#include "lm-problems.h"

/* The whole file stays in one buffer and is unquoted in place: every
 * field becomes a NUL-terminated string inside @data (a closing quote or
 * a delimiter is overwritten by the NUL; unquoting never makes a field
 * longer), and @offsets locates them. The IMD table has 33,000 rows of 20
 * fields, so one allocation per field would cost more than the parse. */
struct _LmCsv
{
  char    *path;       /* as given to lm_csv_load, or the display name */
  char    *display;    /* UTF-8, for messages */
  char    *data;       /* owned; the unquoted text */
  guint    n_columns;
  guint    n_rows;     /* data rows, the header excluded */
  guint32 *offsets;    /* (n_rows + 1) × n_columns, the header first */
  guint32 *lines;      /* n_rows + 1: the line each row starts on */
};

G_DEFINE_QUARK (lm-csv-error-quark, lm_csv_error)

/* Longest field text quoted back in an error message, in characters: a
 * whole paragraph in a message box helps nobody find the cell. */
#define MAX_QUOTED_CHARS 40

/* ---------------------------------------------------------------------- */
/* Parsing                                                                */
/* ---------------------------------------------------------------------- */

/* Bytes that end an unquoted field or make it invalid. NUL only occurs at
 * the end of the buffer, because UTF-8 validation rejects embedded NULs. */
static const guint8 stops_unquoted[256] = {
  ['\0'] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1,
};

typedef struct
{
  guint32 *offsets;
  gsize    n_offsets;
  gsize    offsets_size;
  guint32 *lines;
  gsize    n_lines;
  gsize    lines_size;
} Tables;

static inline void
push_offset (Tables  *t,
             guint32  offset)
{
  if (G_UNLIKELY (t->n_offsets == t->offsets_size))
    {
      t->offsets_size = MAX (64, t->offsets_size * 2);
      t->offsets = g_renew (guint32, t->offsets, t->offsets_size);
    }
  t->offsets[t->n_offsets++] = offset;
}

static inline void
push_line (Tables  *t,
           guint32  line)
{
  if (G_UNLIKELY (t->n_lines == t->lines_size))
    {
      t->lines_size = MAX (64, t->lines_size * 2);
      t->lines = g_renew (guint32, t->lines, t->lines_size);
    }
  t->lines[t->n_lines++] = line;
}

static guint
count_lines_before (const char *start,
                    const char *end)
{
  guint line = 1;

  for (const char *p = start; p < end; p++)
    {
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      line++;
    }

  return line;
}

static gboolean
only_line_ends_remain (const char *p,
                       const char *end)
{
  while (p < end && (*p == '\n' || *p == '\r'))
    p++;
  return p == end;
}

/* g_utf8_validate_len(), with runs of plain ASCII (no NUL) skipped eight
 * bytes at a time: tables are nearly all ASCII, and validating them byte
 * by byte cost as much as parsing them. Only the stretches around other
 * bytes go to GLib, each starting at a character boundary. */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **invalid)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *stop;
      const char *bad = NULL;

      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, 8);
          /* A byte of 0x80 or more, or a NUL (whose subtraction borrows) */
          if (((word | (word - G_GUINT64_CONSTANT (0x0101010101010101))) &
               G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          p += 8;
        }
      /* Up to the next ASCII byte after 64 bytes, so that no character
       * is cut. */
      stop = p + MIN ((gsize) (end - p), 64);
      while (stop < end && ((guint8) *stop & 0x80) != 0)
        stop++;
      if (!g_utf8_validate_len (p, stop - p, &bad))
        {
          *invalid = bad;
          return FALSE;
        }
      p = stop;
    }
  return TRUE;
}

/* Word-at-a-time scanning. Fields are short and almost never need the
 * byte loops below, which stay the reference: these helpers only move a
 * pointer over bytes that the byte loop would pass over unchanged, and
 * stop at the first byte it must look at. Every byte that ends a field is
 * below ',' + 1 (and inside quotes, below '"' + 1), as are blanks and
 * some punctuation, which a field may hold: one test of a word finds the
 * first such byte, and a second look tells it apart. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
#define SCAN_BY_WORDS 1
#define ONE_IN_EACH_BYTE G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_IN_EACH_BYTE G_GUINT64_CONSTANT (0x8080808080808080)

/* Sets the high bit of the bytes of @word below @limit (at most 128).
 * Only the lowest mark is sure, which is all the scan needs: a byte above
 * a marked one may be marked by its borrow, but a borrow only starts at a
 * marked byte. */
static inline guint64
bytes_below (guint64 word,
             guint8  limit)
{
  return (word - ONE_IN_EACH_BYTE * limit) & ~word & HIGH_IN_EACH_BYTE;
}
#endif

/* Bytes that end a quoted field's plain run: its closing (or a doubled)
 * quote mark, and a line end, which the byte loop counts. */
static const guint8 stops_quoted[256] = {
  ['"'] = 1, ['\n'] = 1,
};

/* The first byte from @p that is one of @stops, all of them below
 * @limit, or a place before it within 8 bytes of @end (where the NUL
 * is). */
static inline char *
skip_plain (char          *p,
            const char    *end,
            guint8         limit,
            const guint8  *stops)
{
#ifdef SCAN_BY_WORDS
  while (end - p >= 8)
    {
      guint64 word, hits;

      memcpy (&word, p, 8);
      hits = bytes_below (word, limit);
      if (hits == 0)
        {
          p += 8;
          continue;
        }
      p += __builtin_ctzll (hits) >> 3;
      if (stops[(guint8) *p])
        return p;
      p++;
    }
#else
  (void) end;
  (void) limit;
  (void) stops;
#endif
  return p;
}

/* Parses @data (@length bytes followed by a NUL, owned by the caller and
 * modified in place) into @csv. */
static gboolean
parse_in_place (LmCsv   *csv,
                char    *data,
                gsize    length,
                GError **error)
{
  const char *end = data + length;
  const char *invalid = NULL;
  char *r = data;
  guint line = 1;
  guint n_columns = 0;
  gboolean have_header = FALSE;
  Tables t = { 0 };

  /* Offsets are 32-bit to halve the table; no real table comes near. */
  if (length >= G_MAXUINT32)
    {
      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_IO,
                   _("%s is too large: tables of 4 GB or more are not supported"),
                   csv->display);
      return FALSE;
    }

  if (!validate_utf8 (data, length, &invalid))
    {
      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_ENCODING,
                   _("%s, line %u: the text is not valid UTF-8; "
                     "save the table as UTF-8 text and try again"),
                   csv->display, count_lines_before (data, invalid));
      return FALSE;
    }

  /* A UTF-8 byte order mark, as spreadsheet programs write it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r += 3;

  if (only_line_ends_remain (r, end))
    {
      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_SHAPE,
                   _("%s is empty: expected a header row naming the columns"),
                   csv->display);
      goto failed;
    }

  while (r < end)
    {
      guint row_line = line;
      guint n_fields = 0;

      if (*r == '\n' || *r == '\r')
        {
          /* Editors often leave blank lines at the end; they are not rows.
           * In the middle of a table a blank line is a row of one empty
           * field, which is only right when there is one column. */
          if (only_line_ends_remain (r, end))
            break;
          if (!have_header || n_columns != 1)
            {
              if (!have_header)
                g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_SHAPE,
                             _("%s, line %u: the line is empty; "
                               "expected a header row naming the columns"),
                             csv->display, row_line);
              else
                g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_SHAPE,
                             _("%s, line %u: the line is empty; "
                               "expected %u fields as in the header"),
                             csv->display, row_line, n_columns);
              goto failed;
            }
        }

      push_line (&t, row_line);

      for (;;)
        {
          char *field;
          char c;

          if (*r == '"')
            {
              guint quote_line = line;
              char *w;

              /* Until a doubled quote, unquoting moves nothing. */
              field = ++r;
              r = w = skip_plain (r, end, '"' + 1, stops_quoted);
              for (;;)
                {
                  c = *r;
                  if (c == '"')
                    {
                      if (r[1] != '"')
                        break;
                      /* A doubled quote is one quote in the value. */
                      *w++ = '"';
                      r += 2;
                      continue;
                    }
                  if (G_UNLIKELY (c == '\0'))
                    {
                      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_QUOTE,
                                   _("%s, line %u: a quoted field is never closed; "
                                     "a closing quote mark is missing"),
                                   csv->display, quote_line);
                      goto failed;
                    }
                  if (c == '\n')
                    line++;
                  *w++ = c;
                  r++;
                }
              r++;          /* past the closing quote */
              *w = '\0';    /* w is at or before the closing quote */
              c = *r;
              if (G_UNLIKELY (c != ',' && c != '\n' && c != '\r' && c != '\0'))
                {
                  g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_QUOTE,
                               _("%s, line %u: text follows a closing quote mark; "
                                 "quote marks inside a quoted field must be doubled"),
                               csv->display, line);
                  goto failed;
                }
            }
          else
            {
              field = r;
              r = skip_plain (r, end, ',' + 1, stops_unquoted);
              while (!stops_unquoted[(guint8) *r])
                r++;
              c = *r;
              if (G_UNLIKELY (c == '"'))
                {
                  g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_QUOTE,
                               _("%s, line %u: a quote mark in the middle of a field; "
                                 "a field that contains quote marks must be enclosed "
                                 "in quote marks, with the inner ones doubled"),
                               csv->display, line);
                  goto failed;
                }
              *r = '\0';
            }

          if (!have_header || n_fields < n_columns)
            push_offset (&t, (guint32) (field - data));
          n_fields++;

          if (c == ',')
            {
              r++;
              continue;
            }
          if (c == '\r')
            {
              r++;
              if (*r == '\n')
                r++;
              line++;
            }
          else if (c == '\n')
            {
              r++;
              line++;
            }
          break;
        }

      if (!have_header)
        {
          n_columns = n_fields;
          have_header = TRUE;
        }
      else if (n_fields != n_columns)
        {
          g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_SHAPE,
                       _("%s, line %u: expected %u fields as in the header, found %u"),
                       csv->display, row_line, n_columns, n_fields);
          goto failed;
        }
    }

  csv->data = data;
  csv->n_columns = n_columns;
  csv->n_rows = t.n_lines - 1;
  csv->offsets = t.offsets;
  csv->lines = t.lines;
  return TRUE;

failed:
  g_free (t.offsets);
  g_free (t.lines);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */
/* ---------------------------------------------------------------------- */

/**
 * lm_csv_parse:
 * @display_name: how messages name the text, usually a file name
 * @text: the table
 * @length: bytes in @text
 * @error: return location for a #LmCsvError
 *
 * Parses a table held in memory; @text is copied.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
LmCsv *
lm_csv_parse (const char  *display_name,
              const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(LmCsv) csv = NULL;
  char *data;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  csv = g_new0 (LmCsv, 1);
  csv->path = g_strdup (display_name);
  csv->display = g_strdup (display_name);

  data = g_malloc (length + 1);
  if (length > 0)
    memcpy (data, text, length);
  data[length] = '\0';

  if (!parse_in_place (csv, data, length, error))
    {
      g_free (data);
      return NULL;
    }

  return g_steal_pointer (&csv);
}

/**
 * lm_csv_load:
 * @path: a CSV file
 * @error: return location for a #LmCsvError
 *
 * Reads and parses a whole file at once. Only a regular file within
 * %LM_INPUT_FILE_MAX_TABLE_BYTES is read; anything else is an
 * #LmInputFileError naming the file. A missing or unreadable file is
 * %LM_CSV_ERROR_IO.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
LmCsv *
lm_csv_load (const char  *path,
             GError     **error)
{
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  csv = g_new0 (LmCsv, 1);
  csv->path = g_strdup (path);
  csv->display = g_filename_display_name (path);

  /* The buffer comes NUL-terminated, which the parser relies on to end
   * the last field. A pipe, a device or a huge file is refused before
   * anything is read. */
  if (!lm_input_file_read (path, LM_INPUT_FILE_MAX_TABLE_BYTES, &data, &length, &local_error))
    {
      if (local_error->domain == LM_INPUT_FILE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* The message already names the file and the reason. */
      g_set_error_literal (error, LM_CSV_ERROR, LM_CSV_ERROR_IO,
                           local_error->message);
      return NULL;
    }

  if (!parse_in_place (csv, data, length, error))
    {
      g_free (data);
      return NULL;
    }

  return g_steal_pointer (&csv);
}

void
lm_csv_free (LmCsv *csv)
{
  if (csv == NULL)
    return;

  g_free (csv->path);
  g_free (csv->display);
  g_free (csv->data);
  g_free (csv->offsets);
  g_free (csv->lines);
  g_free (csv);
}

const char *
lm_csv_get_path (LmCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);

  return csv->path;
}

guint
lm_csv_get_n_rows (LmCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->n_rows;
}

guint
lm_csv_get_n_columns (LmCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->n_columns;
}

const char *
lm_csv_get_column_name (LmCsv *csv,
                        guint  column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (column < csv->n_columns, NULL);

  return csv->data + csv->offsets[column];
}

int
lm_csv_find_column (LmCsv      *csv,
                    const char *name)
{
  g_return_val_if_fail (csv != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < csv->n_columns; i++)
    {
      if (strcmp (csv->data + csv->offsets[i], name) == 0)
        return (int) i;
    }

  return -1;
}

gboolean
lm_csv_require_column (LmCsv       *csv,
                       const char  *name,
                       guint       *out_column,
                       GError     **error)
{
  int column;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  column = lm_csv_find_column (csv, name);
  if (column < 0)
    {
      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_MISSING_COLUMN,
                   _("%s has no column “%s”"),
                   csv->display, name);
      return FALSE;
    }

  if (out_column != NULL)
    *out_column = (guint) column;

  return TRUE;
}

/* The field at a checked @row and @column. */
static inline const char *
field_at (LmCsv *csv,
          guint  row,
          guint  column)
{
  return csv->data + csv->offsets[((gsize) row + 1) * csv->n_columns + column];
}

const char *
lm_csv_get (LmCsv *csv,
            guint  row,
            guint  column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (row < csv->n_rows, NULL);
  g_return_val_if_fail (column < csv->n_columns, NULL);

  return field_at (csv, row, column);
}

guint
lm_csv_get_line (LmCsv *csv,
                 guint  row)
{
  g_return_val_if_fail (csv != NULL, 0);
  g_return_val_if_fail (row < csv->n_rows, 0);

  return csv->lines[row + 1];
}

/* A field as quoted back in a message: long ones are cut short. */
static char *
quote_field (const char *field)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (field, -1) <= MAX_QUOTED_CHARS)
    return g_strdup (field);
  head = g_utf8_substring (field, 0, MAX_QUOTED_CHARS);
  return g_strconcat (head, "…", NULL);
}

/* Clinger's fast path: a field that is a plain decimal of at most 15
 * digits (no blanks, no exponent) is an integer and a power of ten that
 * are both exact in a double, so one division gives the correctly
 * rounded value, the very one strtod gives, at a fraction of its cost.
 * Most fields of a table are such numbers. FALSE leaves the field to the
 * full reading below. */
static gboolean
parse_short_decimal (const char *p,
                     double     *out_value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  gboolean negative = FALSE;
  guint64 mantissa = 0;   /* may wrap past 19 digits: rejected below */
  const char *start;
  gsize digits, fraction = 0;
  double value;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  start = p;
  while ((guint) (*p - '0') < 10)
    mantissa = mantissa * 10 + (guint64) (*p++ - '0');
  digits = p - start;
  if (*p == '.')
    {
      const char *point = p++;

      while ((guint) (*p - '0') < 10)
        mantissa = mantissa * 10 + (guint64) (*p++ - '0');
      fraction = p - point - 1;
      digits += fraction;
    }
  if (*p != '\0' || digits == 0 || digits > 15)
    return FALSE;
  value = (double) mantissa;
  if (fraction > 0)
    value /= powers[fraction];
  *out_value = negative ? -value : value;
  return TRUE;
}

gboolean
lm_csv_get_double (LmCsv   *csv,
                   guint    row,
                   guint    column,
                   double  *out_value,
                   GError **error)
{
  const char *field;
  const char *start;
  double value = NAN;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (row < csv->n_rows, FALSE);
  g_return_val_if_fail (column < csv->n_columns, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  field = field_at (csv, row, column);
  if (parse_short_decimal (field, &value))
    {
      if (out_value != NULL)
        *out_value = value;
      return TRUE;
    }
  start = field;
  while (*start == ' ' || *start == '\t')
    start++;

  /* An empty field is a missing value, not an error. */
  if (*start != '\0' && !lm_decimal_parse (start, &value))
    {
      g_autofree char *shown = quote_field (field);

      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER,
                   _("%s, line %u, column “%s”: expected a number, found “%s”"),
                   csv->display, lm_csv_get_line (csv, row),
                   lm_csv_get_column_name (csv, column), shown);
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}

/* A column is read for tens of thousands of rows at a time, and the
 * checks and calls of lm_csv_get_double() for each were most of the
 * cost of reading a plain number. */
gboolean
lm_csv_get_column_doubles (LmCsv   *csv,
                           guint    column,
                           double  *out_values,
                           GError **error)
{
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (column < csv->n_columns, FALSE);
  g_return_val_if_fail (out_values != NULL || csv->n_rows == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint r = 0; r < csv->n_rows; r++)
    if (!parse_short_decimal (field_at (csv, r, column), &out_values[r]) &&
        !lm_csv_get_double (csv, r, column, &out_values[r], error))
      return FALSE;
  return TRUE;
}

gboolean
lm_csv_require_rows (LmCsv   *csv,
                     GError **error)
{
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (csv->n_rows > 0)
    return TRUE;

  g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NO_ROWS,
               _("%s has a header row but no data below it"),
               csv->display);
  return FALSE;
}

GError *
lm_csv_new_duplicate_error (LmCsv *csv,
                            guint  first_row,
                            guint  row,
                            guint  column)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (first_row < csv->n_rows && row < csv->n_rows, NULL);
  g_return_val_if_fail (column < csv->n_columns, NULL);

  shown = quote_field (lm_csv_get (csv, row, column));
  return g_error_new (LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE,
                      _("%s, lines %u and %u: both rows have “%s” in column “%s”, "
                        "which must name each row once"),
                      csv->display, lm_csv_get_line (csv, first_row),
                      lm_csv_get_line (csv, row), shown, lm_csv_get_column_name (csv, column));
}

gboolean
lm_csv_require_unique (LmCsv       *csv,
                       guint        column,
                       LmProblems  *problems,
                       GError     **error)
{
  g_autoptr(GHashTable) seen = NULL;
  GError *first = NULL;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (column < csv->n_columns, FALSE);
  g_return_val_if_fail (problems == NULL || LM_IS_PROBLEMS (problems), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Values point into the table, rows are stored as row + 1 so that the
   * first row is not NULL. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint row = 0; row < csv->n_rows; row++)
    {
      const char *value = lm_csv_get (csv, row, column);
      gpointer earlier;

      if (!g_hash_table_lookup_extended (seen, value, NULL, &earlier))
        {
          g_hash_table_insert (seen, (gpointer) value, GUINT_TO_POINTER (row + 1));
          continue;
        }
      lm_problems_note (problems, &first,
                        lm_csv_new_duplicate_error (csv, GPOINTER_TO_UINT (earlier) - 1, row,
                                                    column));
      if (problems == NULL)
        break;
    }

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}

gboolean
lm_csv_get_count (LmCsv   *csv,
                  guint    row,
                  guint    column,
                  double  *out_value,
                  GError **error)
{
  double value;

  if (!lm_csv_get_double (csv, row, column, &value, error))
    return FALSE;

  /* From 2^53 on a double no longer holds every whole number: 2^53 + 1
   * would read as 2^53. */
  if (!isnan (value) && (value < 0 || value != floor (value) || value >= 9007199254740992.0))
    {
      g_autofree char *shown = quote_field (lm_csv_get (csv, row, column));

      g_set_error (error, LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE,
                   _("%s, line %u, column “%s”: expected a whole number of 0 or more, "
                     "found “%s”"),
                   csv->display, lm_csv_get_line (csv, row),
                   lm_csv_get_column_name (csv, column), shown);
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}
