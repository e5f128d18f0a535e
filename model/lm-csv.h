/* lm-csv.h
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-problems.h"

G_BEGIN_DECLS

/**
 * LM_CSV_ERROR:
 *
 * Error domain for reading CSV tables. Every message names the file and,
 * where there is one, the line and column.
 */
#define LM_CSV_ERROR (lm_csv_error_quark ())

typedef enum
{
  LM_CSV_ERROR_IO,              /* file missing or unreadable */
  LM_CSV_ERROR_ENCODING,        /* not UTF-8 */
  LM_CSV_ERROR_QUOTE,           /* unbalanced or misplaced quote */
  LM_CSV_ERROR_SHAPE,           /* a row with fewer or more fields than the header, or no header */
  LM_CSV_ERROR_MISSING_COLUMN,  /* a column the caller needs is not in the header */
  LM_CSV_ERROR_NOT_A_NUMBER,    /* a field that should be a number is not */
  LM_CSV_ERROR_NO_ROWS,         /* a header and nothing else */
  LM_CSV_ERROR_DUPLICATE,       /* a value that must be unique in its column is not */
  LM_CSV_ERROR_OUT_OF_RANGE,    /* a number, but not one the column allows */
} LmCsvError;

/* An RFC 4180 table held in memory: header row plus data rows. Fields are
 * unquoted NUL-terminated UTF-8; an empty field is "" (a missing value). */
typedef struct _LmCsv LmCsv;

GQuark       lm_csv_error_quark      (void);
LmCsv       *lm_csv_load             (const char  *path,
                                      GError     **error);
LmCsv       *lm_csv_parse            (const char  *display_name,
                                      const char  *text,
                                      gsize        length,
                                      GError     **error);
void         lm_csv_free             (LmCsv       *csv);
const char  *lm_csv_get_path         (LmCsv       *csv);
guint        lm_csv_get_n_rows       (LmCsv       *csv);
guint        lm_csv_get_n_columns    (LmCsv       *csv);
const char  *lm_csv_get_column_name  (LmCsv       *csv,
                                      guint        column);
/* -1 when the header has no such column */
int          lm_csv_find_column      (LmCsv       *csv,
                                      const char  *name);
/* Like find_column, but a missing column is an LM_CSV_ERROR_MISSING_COLUMN
 * naming the file and the column. */
gboolean     lm_csv_require_column   (LmCsv       *csv,
                                      const char  *name,
                                      guint       *out_column,
                                      GError     **error);
/* The field at data row @row (0 = first row after the header). */
const char  *lm_csv_get              (LmCsv       *csv,
                                      guint        row,
                                      guint        column);
/* Line number in the file (1 = header) where data row @row starts. */
guint        lm_csv_get_line         (LmCsv       *csv,
                                      guint        row);
/* Parses a number. An empty field gives NAN and TRUE; anything that is not
 * a whole decimal number (surrounding spaces allowed; "NA" is not a number)
 * gives LM_CSV_ERROR_NOT_A_NUMBER naming file, line and column. */
gboolean     lm_csv_get_double       (LmCsv       *csv,
                                      guint        row,
                                      guint        column,
                                      double      *out_value,
                                      GError     **error);
/* lm_csv_get_double() for every row of @column at once, into
 * @out_values (one per data row); fails at the first field that is not
 * a number, with that function's error. */
gboolean     lm_csv_get_column_doubles (LmCsv     *csv,
                                        guint      column,
                                        double    *out_values,
                                        GError   **error);

/* Table-level checks for the loaders. Each fails with the error named,
 * naming the file and the line(s). */

/* LM_CSV_ERROR_NO_ROWS when the table has a header but no data row. */
gboolean     lm_csv_require_rows     (LmCsv       *csv,
                                      GError     **error);
/* LM_CSV_ERROR_DUPLICATE naming both lines when two rows hold the same
 * text in @column (such as an area code); an empty field counts as a
 * value too. With @problems, every repeat is listed in it. */
gboolean     lm_csv_require_unique   (LmCsv       *csv,
                                      guint        column,
                                      LmProblems  *problems,
                                      GError     **error);
/* The LM_CSV_ERROR_DUPLICATE of lm_csv_require_unique(), for callers
 * that find repeats their own way: rows @first_row and @row both hold the
 * same value in @column. */
GError      *lm_csv_new_duplicate_error (LmCsv   *csv,
                                         guint    first_row,
                                         guint    row,
                                         guint    column);
/* Like lm_csv_get_double(), but the number must be a count: whole and
 * zero or more (votes, electors, residents); otherwise
 * LM_CSV_ERROR_OUT_OF_RANGE. An empty field gives NAN and TRUE. */
gboolean     lm_csv_get_count        (LmCsv       *csv,
                                      guint        row,
                                      guint        column,
                                      double      *out_value,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmCsv, lm_csv_free)

G_END_DECLS
