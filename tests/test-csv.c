/* test-csv.c — RFC 4180 parsing and the errors a bad table gives
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lm-csv.h"
#include "lm-decimal.h"
#include "lm-input-file.h"

static LmCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  LmCsv *csv = lm_csv_parse ("test.csv", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);

  return csv;
}

/* Parses @text, which must fail with @code, and returns the message. */
static char *
parse_error (const char *text,
             gsize       length,
             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmCsv) csv = lm_csv_parse ("/data/x.csv", text, length, &error);

  g_assert_null (csv);
  g_assert_error (error, LM_CSV_ERROR, code);
  g_assert_nonnull (strstr (error->message, "/data/x.csv"));
  g_test_message ("%s", error->message);

  return g_strdup (error->message);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
test_basic (void)
{
  g_autoptr(LmCsv) csv = parse ("code,name,score\nE01,Adur,1.5\nE02,Arun,2\n");

  g_assert_cmpstr (lm_csv_get_path (csv), ==, "test.csv");
  g_assert_cmpuint (lm_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpstr (lm_csv_get_column_name (csv, 0), ==, "code");
  g_assert_cmpstr (lm_csv_get_column_name (csv, 2), ==, "score");
  g_assert_cmpint (lm_csv_find_column (csv, "name"), ==, 1);
  g_assert_cmpint (lm_csv_find_column (csv, "Name"), ==, -1);
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "E01");
  g_assert_cmpstr (lm_csv_get (csv, 1, 1), ==, "Arun");
  g_assert_cmpuint (lm_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpuint (lm_csv_get_line (csv, 1), ==, 3);
}

static void
test_header_only (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b\n");
  g_autoptr(LmCsv) rows = parse ("a,b\n1,2\n");
  g_autoptr(GError) error = NULL;

  /* The parser reads it; a loader that needs rows asks for them. */
  g_assert_cmpuint (lm_csv_get_n_columns (csv), ==, 2);
  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 0);
  g_assert_false (lm_csv_require_rows (csv, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NO_ROWS);
  assert_contains (error->message, "test.csv");
  g_clear_error (&error);

  g_assert_true (lm_csv_require_rows (rows, &error));
  g_assert_no_error (error);
}

static void
test_require_unique (void)
{
  g_autoptr(LmCsv) csv = parse ("code,votes\nE1,10\n\"E2\",20\nE3,30\nE2,20\n");
  g_autoptr(LmCsv) unique = parse ("code,votes\nE1,10\nE2,10\n");
  g_autoptr(GError) error = NULL;

  /* A duplicated lookup row double-counted an electorate. The message
   * names both lines, whatever the values. */
  g_assert_false (lm_csv_require_unique (csv, 0, NULL, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE);
  g_test_message ("%s", error->message);
  assert_contains (error->message, "test.csv, lines 3 and 5");
  assert_contains (error->message, "“E2”");
  assert_contains (error->message, "“code”");
  g_clear_error (&error);

  g_assert_true (lm_csv_require_unique (unique, 0, NULL, &error));
  g_assert_no_error (error);
  /* The other column repeats, which is fine unless asked about. */
  g_assert_false (lm_csv_require_unique (unique, 1, NULL, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE);
}

static void
test_require_unique_report (void)
{
  g_autoptr(LmCsv) csv = parse ("code\nE1\nE2\nE1\nE2\nE1\n");
  g_autoptr(LmProblems) report = lm_problems_new ();
  g_autoptr(GError) error = NULL;
  const GError *problem;
  LmProblemSeverity severity;

  /* With a report every repeat is listed; the error is still the first. */
  g_assert_false (lm_csv_require_unique (csv, 0, report, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE);
  assert_contains (error->message, "lines 2 and 4");
  g_assert_cmpuint (lm_problems_get_n_errors (report), ==, 3);
  problem = lm_problems_get_problem (report, 2, &severity);
  g_assert_cmpint (severity, ==, LM_PROBLEM_ERROR);
  g_assert_error ((GError *) problem, LM_CSV_ERROR, LM_CSV_ERROR_DUPLICATE);
  assert_contains (problem->message, "lines 2 and 6");
}

static void
test_counts (void)
{
  static const char * const bad[] = { "-1", "2.5", "1e300", "9007199254740993" };
  g_autoptr(LmCsv) csv = parse ("n\n0\n70341\n\n 12 \n-0\n-1\n2.5\n1e300\n9007199254740993\nx\n");
  g_autoptr(GError) error = NULL;
  double value = -1;

  g_assert_true (lm_csv_get_count (csv, 0, 0, &value, &error));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_true (lm_csv_get_count (csv, 1, 0, &value, &error));
  g_assert_cmpfloat (value, ==, 70341);
  g_assert_true (lm_csv_get_count (csv, 2, 0, &value, &error));
  g_assert_true (isnan (value));
  g_assert_true (lm_csv_get_count (csv, 3, 0, &value, &error));
  g_assert_cmpfloat (value, ==, 12);
  g_assert_true (lm_csv_get_count (csv, 4, 0, &value, &error));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *line = g_strdup_printf ("line %u,", i + 7);

      g_assert_false (lm_csv_get_count (csv, i + 5, 0, &value, &error));
      g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE);
      assert_contains (error->message, line);
      assert_contains (error->message, bad[i]);
      g_clear_error (&error);
    }

  /* Not a number at all stays NOT_A_NUMBER. */
  g_assert_false (lm_csv_get_count (csv, 9, 0, &value, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER);
}

static void
test_load_special_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lm-csv-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "fifo.csv", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.csv", NULL);
  g_autoptr(LmCsv) csv = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);

  /* Each hung the load, or read until memory ran out. */
  csv = lm_csv_load (fifo, &error);
  g_assert_null (csv);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (error->message, fifo);
  g_clear_error (&error);

  csv = lm_csv_load (zero, &error);
  g_assert_null (csv);
  g_assert_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR);
  assert_contains (error->message, zero);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (fifo), ==, 0);
  g_assert_cmpint (g_remove (zero), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_quoted_comma (void)
{
  g_autoptr(LmCsv) csv = parse ("\"code\",\"name\"\n\"E07\",\"Bristol, City of\"\n");

  g_assert_cmpstr (lm_csv_get_column_name (csv, 1), ==, "name");
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "E07");
  g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "Bristol, City of");
}

static void
test_quoted_quote (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b,c\n\"say \"\"hi\"\"\",\"\"\"\",\"\"\n");

  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "say \"hi\"");
  g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "\"");
  g_assert_cmpstr (lm_csv_get (csv, 0, 2), ==, "");
}

static void
test_quoted_newline (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b\n\"two\nlines\",1\n\"three\r\nlines\nhere\",2\nlast,3\n");

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "two\nlines");
  g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "1");
  g_assert_cmpstr (lm_csv_get (csv, 1, 0), ==, "three\r\nlines\nhere");
  g_assert_cmpstr (lm_csv_get (csv, 2, 0), ==, "last");
  /* Line numbers count physical lines, so that messages point into the
   * file as an editor shows it. */
  g_assert_cmpuint (lm_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpuint (lm_csv_get_line (csv, 1), ==, 4);
  g_assert_cmpuint (lm_csv_get_line (csv, 2), ==, 7);
}

static void
test_crlf (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b\r\n1,\"x\"\r\n,3\r\n");

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpstr (lm_csv_get_column_name (csv, 1), ==, "b");
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "1");
  g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "x");
  g_assert_cmpstr (lm_csv_get (csv, 1, 0), ==, "");
  g_assert_cmpstr (lm_csv_get (csv, 1, 1), ==, "3");
  g_assert_cmpuint (lm_csv_get_line (csv, 1), ==, 3);
}

static void
test_no_final_newline (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b\n1,2\n3,\"4\"");
  g_autoptr(LmCsv) csv2 = parse ("a,b\n1,2\n3,");

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpstr (lm_csv_get (csv, 1, 1), ==, "4");
  g_assert_cmpuint (lm_csv_get_n_rows (csv2), ==, 2);
  g_assert_cmpstr (lm_csv_get (csv2, 1, 0), ==, "3");
  g_assert_cmpstr (lm_csv_get (csv2, 1, 1), ==, "");
}

static void
test_blank_final_line (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b\n1,2\n\n");
  g_autoptr(LmCsv) csv2 = parse ("a,b\r\n1,2\r\n\r\n");

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 1);
  g_assert_cmpuint (lm_csv_get_n_rows (csv2), ==, 1);
}

static void
test_blank_line_inside (void)
{
  const char *text = "a,b\n1,2\n\n3,4\n";
  g_autofree char *message = parse_error (text, strlen (text), LM_CSV_ERROR_SHAPE);

  assert_contains (message, "line 3");
}

static void
test_one_column_blank_line (void)
{
  /* With one column a blank line is a row with a missing value. */
  g_autoptr(LmCsv) csv = parse ("value\n1\n\n3\n\n");

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (lm_csv_get (csv, 1, 0), ==, "");
  g_assert_cmpstr (lm_csv_get (csv, 2, 0), ==, "3");
}

static void
test_bom (void)
{
  g_autoptr(LmCsv) csv = parse ("\xEF\xBB\xBF" "code,name\nE01,Adur\n");

  g_assert_cmpstr (lm_csv_get_column_name (csv, 0), ==, "code");
  g_assert_cmpint (lm_csv_find_column (csv, "code"), ==, 0);
}

static void
test_empty_is_missing (void)
{
  g_autoptr(LmCsv) csv = parse ("a,b,c\n,\"\",  \n");
  g_autoptr(GError) error = NULL;
  double value = 0;

  for (guint column = 0; column < 3; column++)
    {
      value = 0;
      g_assert_true (lm_csv_get_double (csv, 0, column, &value, &error));
      g_assert_no_error (error);
      g_assert_true (isnan (value));
    }
  g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "");
}

static void
test_numbers (void)
{
  static const struct
  {
    const char *text;
    double      value;
  } cases[] = {
    { "0", 0 },
    { "42", 42 },
    { "-3.25", -3.25 },
    { "+7", 7 },
    { ".5", 0.5 },
    { "5.", 5 },
    { "1e3", 1000 },
    { "2.5E-2", 0.025 },
    { " 12.5 ", 12.5 },
    { "\t8", 8 },
    { "32844", 32844 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("v\n\"%s\"\n", cases[i].text);
      g_autoptr(LmCsv) csv = parse (text);
      g_autoptr(GError) error = NULL;
      double value = NAN;

      g_assert_true (lm_csv_get_double (csv, 0, 0, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-12);
    }
}

static void
test_not_a_number (void)
{
  static const char *const bad[] = {
    "NA", "nan", "NaN", "inf", "-Infinity", "1.2.3", "12abc", "0x10",
    "1,5", "1e", "e5", "-", ".", "12 %", "1e999",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("code,score\nE01,1\nE02,\"%s\"\n", bad[i]);
      g_autoptr(LmCsv) csv = lm_csv_parse ("/data/x.csv", text, strlen (text), NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *found = g_strdup_printf ("found “%s”", bad[i]);
      double value = 0;

      g_assert_nonnull (csv);
      g_assert_true (lm_csv_get_double (csv, 0, 1, &value, NULL));
      g_assert_cmpfloat (value, ==, 1);

      g_assert_false (lm_csv_get_double (csv, 1, 1, &value, &error));
      g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER);
      assert_contains (error->message, "/data/x.csv");
      assert_contains (error->message, "line 3");
      assert_contains (error->message, "“score”");
      assert_contains (error->message, found);
    }
}

static void
test_not_a_number_long (void)
{
  g_autoptr(GString) text = g_string_new ("x\n");
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 30; i++)
    g_string_append (text, "abcé");
  g_string_append_c (text, '\n');
  csv = lm_csv_parse ("x.csv", text->str, text->len, NULL);

  g_assert_false (lm_csv_get_double (csv, 0, 0, NULL, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_NOT_A_NUMBER);
  /* A long field is shortened in the message, on a character boundary. */
  assert_contains (error->message, "…");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 120);
}

static void
test_unbalanced_quote (void)
{
  const char *text = "a,b\n1,2\n3,\"never\nclosed\n4,5\n";
  g_autofree char *message = parse_error (text, strlen (text), LM_CSV_ERROR_QUOTE);

  /* The line where the quoted field starts, not where the file ends. */
  assert_contains (message, "/data/x.csv, line 3:");
}

static void
test_misplaced_quote (void)
{
  const char *text1 = "a,b\n1,\"ok\"x\n";
  const char *text2 = "a,b\n1,2\n3,4 \"inch\"\n";
  g_autofree char *message1 = parse_error (text1, strlen (text1), LM_CSV_ERROR_QUOTE);
  g_autofree char *message2 = parse_error (text2, strlen (text2), LM_CSV_ERROR_QUOTE);

  assert_contains (message1, "line 2");
  assert_contains (message2, "line 3");
}

/* Fields of every length to 24 bytes, with a delimiter, line end, quote
 * mark or doubled quote at every offset: the parser skips plain bytes a
 * word at a time, and each special byte must be seen wherever it falls
 * in or across a word, and near the end of the text. The fields hold
 * blanks and punctuation, which the word scan stops at too and must pass
 * over. The expected fields are written out here byte by byte. */
static void
test_special_byte_at_every_offset (void)
{
  for (guint n = 0; n <= 24; n++)
    {
      g_autofree char *plain = g_strnfill (n, 'x');

      for (guint i = 0; i < n; i++)
        plain[i] = "x y!\t#+'"[i % 8];
      g_autofree char *text = NULL;
      g_autofree char *doubled = NULL;
      g_autoptr(LmCsv) csv = NULL;

      /* Unquoted, then the same quoted, with a line end inside it, last on
       * a line with no final newline. */
      text = g_strdup_printf ("a,b\n%s,\"%s\nz\"\n\"%s\",%s", plain, plain, plain, plain);
      csv = parse (text);
      g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 2);
      g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, plain);
      g_assert_cmpuint (strlen (lm_csv_get (csv, 0, 1)), ==, n + 2);
      g_assert_cmpmem (lm_csv_get (csv, 0, 1), n, plain, n);
      g_assert_cmpstr (lm_csv_get (csv, 0, 1) + n, ==, "\nz");
      g_assert_cmpstr (lm_csv_get (csv, 1, 0), ==, plain);
      g_assert_cmpstr (lm_csv_get (csv, 1, 1), ==, plain);
      g_assert_cmpuint (lm_csv_get_line (csv, 1), ==, 4);
      g_clear_pointer (&csv, lm_csv_free);
      g_clear_pointer (&text, g_free);

      /* A doubled quote after n bytes, then 9 more bytes. */
      text = g_strdup_printf ("a\r\n\"%s\"\"yyyyyyyyy\"\r\n", plain);
      doubled = g_strdup_printf ("%s\"yyyyyyyyy", plain);
      csv = parse (text);
      g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, doubled);
      g_clear_pointer (&csv, lm_csv_free);
      g_clear_pointer (&text, g_free);

      /* A stray quote mark after n bytes of an unquoted field, on line 3. */
      text = g_strdup_printf ("a,b\n1,2\n3,%s\"yyyyyyyyyyyyyyyy\n", plain);
      {
        g_autofree char *message = parse_error (text, strlen (text), LM_CSV_ERROR_QUOTE);
        assert_contains (message, "line 3:");
      }
      g_clear_pointer (&text, g_free);

      /* A carriage return alone ends a line too. */
      text = g_strdup_printf ("a\r%s\r%s", plain, plain);
      csv = parse (text);
      g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, (n > 0 ? 2 : 0));
      if (n > 0)
        g_assert_cmpstr (lm_csv_get (csv, 1, 0), ==, plain);
    }
}

static void
test_short_row (void)
{
  const char *text = "a,b,c,d,e\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4,5\n1,2,3\n";
  g_autofree char *message = parse_error (text, strlen (text), LM_CSV_ERROR_SHAPE);

  g_assert_cmpstr (message, ==,
                   "/data/x.csv, line 7: expected 5 fields as in the header, found 3");
}

static void
test_long_row (void)
{
  /* The row starts on line 3 although a quoted newline precedes its end. */
  const char *text = "a,b\n1,2\n3,\"x\ny\",5\n";
  g_autofree char *message = parse_error (text, strlen (text), LM_CSV_ERROR_SHAPE);

  g_assert_cmpstr (message, ==,
                   "/data/x.csv, line 3: expected 2 fields as in the header, found 3");
}

static void
test_encoding (void)
{
  const char latin1[] = "name\nCaf\xE9\n";
  const char with_nul[] = "a,b\n1,2\n3,\0\n";
  g_autofree char *message1 = parse_error (latin1, sizeof latin1 - 1, LM_CSV_ERROR_ENCODING);
  g_autofree char *message2 = parse_error (with_nul, sizeof with_nul - 1, LM_CSV_ERROR_ENCODING);

  assert_contains (message1, "line 2");
  assert_contains (message2, "line 3");
}

/* Long tables mixing ASCII and other characters: every valid one reads
 * back, and a broken byte anywhere (also where eight-byte runs and the
 * stretches checked around other characters meet) is found on its line. */
static void
test_encoding_everywhere (void)
{
  static const char *names[] = { "Ynys Môn", "Rhondda Cynon Taf", "Île", "ŵ", "→ 🗺", "Ab" };
  g_autoptr(GString) text = g_string_new ("n,name\n");
  g_autoptr(GArray) line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint i = 0; i < 200; i++)
    {
      gsize start = text->len;

      g_array_append_val (line_starts, start);
      g_string_append_printf (text, "%u,%s %s\n", i, names[i % G_N_ELEMENTS (names)],
                              names[(i + 1 + i / 6) % G_N_ELEMENTS (names)]);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LmCsv) csv = lm_csv_parse ("names.csv", text->str, text->len, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 200);
    g_assert_cmpstr (lm_csv_get (csv, 0, 1), ==, "Ynys Môn Rhondda Cynon Taf");
    g_assert_cmpstr (lm_csv_get (csv, 2, 1), ==, "Île ŵ");
  }
  for (gsize at = 8; at < text->len; at += 13)
    {
      g_autofree char *broken = g_strndup (text->str, text->len);
      g_autofree char *message = NULL;
      g_autofree char *line = NULL;
      guint row = 0;

      broken[at] = (char) 0xff;
      while (row + 1 < line_starts->len && g_array_index (line_starts, gsize, row + 1) <= at)
        row++;
      message = parse_error (broken, text->len, LM_CSV_ERROR_ENCODING);
      /* Line 1 is the header. */
      line = g_strdup_printf ("line %u:", row + 2);
      assert_contains (message, line);
    }
}

static void
test_empty (void)
{
  g_autofree char *message1 = parse_error ("", 0, LM_CSV_ERROR_SHAPE);
  g_autofree char *message2 = parse_error ("\xEF\xBB\xBF\r\n", 5, LM_CSV_ERROR_SHAPE);

  assert_contains (message1, "empty");
  assert_contains (message2, "empty");
}

static void
test_missing_column (void)
{
  g_autoptr(LmCsv) csv = parse ("code,name\nE01,Adur\n");
  g_autoptr(GError) error = NULL;
  guint column = 99;

  g_assert_true (lm_csv_require_column (csv, "name", &column, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (column, ==, 1);

  g_assert_false (lm_csv_require_column (csv, "population", &column, &error));
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_MISSING_COLUMN);
  assert_contains (error->message, "test.csv");
  assert_contains (error->message, "“population”");
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lm-csv-XXXXXX", &error);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(LmCsv) bad_csv = NULL;
  g_autoptr(LmCsv) missing_csv = NULL;

  g_assert_no_error (error);
  good = g_build_filename (dir, "good.csv", NULL);
  bad = g_build_filename (dir, "short.csv", NULL);
  missing = g_build_filename (dir, "missing.csv", NULL);

  g_assert_true (g_file_set_contents (good, "\xEF\xBB\xBF" "a,b\r\n\"1,5\",2\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "a,b\n1,2\n3\n", -1, NULL));

  csv = lm_csv_load (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lm_csv_get_path (csv), ==, good);
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "1,5");

  bad_csv = lm_csv_load (bad, &error);
  g_assert_null (bad_csv);
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_SHAPE);
  assert_contains (error->message, bad);
  assert_contains (error->message, "line 3");
  g_clear_error (&error);

  missing_csv = lm_csv_load (missing, &error);
  g_assert_null (missing_csv);
  g_assert_error (error, LM_CSV_ERROR, LM_CSV_ERROR_IO);
  assert_contains (error->message, missing);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (good), ==, 0);
  g_assert_cmpint (g_remove (bad), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_real_table (void)
{
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  guint rank_column;
  gint64 start;
  double rank = 0;

  /* The reference data must be there: a test that needs them fails
   * rather than skips without them. */
  g_assert_nonnull (data_dir);
  path = g_build_filename (data_dir, "england-2019", "imd2019_lsoa11_ranks.csv", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  start = g_get_monotonic_time ();
  csv = lm_csv_load (path, &error);
  g_test_message ("loaded %s in %.1f ms", path, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);

  g_assert_cmpuint (lm_csv_get_n_rows (csv), ==, 32844);
  g_assert_true (lm_csv_require_unique (csv, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lm_csv_get_column_name (csv, 0), ==, "LSOA code (2011)");
  g_assert_cmpstr (lm_csv_get (csv, 0, 0), ==, "E01000001");
  g_assert_true (lm_csv_require_column (csv,
                                        "Index of Multiple Deprivation (IMD) Rank "
                                        "(where 1 is most deprived)",
                                        &rank_column, &error));
  g_assert_no_error (error);
  for (guint row = 0; row < lm_csv_get_n_rows (csv); row++)
    {
      g_assert_true (lm_csv_get_double (csv, row, rank_column, &rank, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (rank, >=, 1);
      g_assert_cmpfloat (rank, <=, 32844);
    }
}

/* Numbers read by the short-decimal fast path are bit for bit what
 * strtod reads, for every length of digits on both sides of the point,
 * signs, leading zeros and the values a table holds. */
static void
test_numbers_as_strtod (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GString) text = g_string_new ("v\n");
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  static const char *fixed[] = {
    "0", "-0", "+7", "0.1", "0.3", "2.675", "1.005", "12345.6789", "999999999999999",
    "9999999999999999", "0.000000000000001", "123456789012345.6", "5.", ".5", "-.25",
    "00000000000000001", "3.14159265358979", "1e3", "-2.5E-3", "18446744073709551615",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (fields, g_strdup (fixed[i]));
  for (guint i = 0; i < 20000; i++)
    {
      guint int_digits = g_rand_int_range (rand, 0, 18);
      guint frac_digits = g_rand_int_range (rand, 0, 18);
      GString *number = g_string_new (g_rand_boolean (rand) ? "-" : "");

      if (int_digits + frac_digits == 0)
        int_digits = 1;
      for (guint d = 0; d < int_digits; d++)
        g_string_append_c (number, '0' + g_rand_int_range (rand, 0, 10));
      if (frac_digits > 0)
        g_string_append_c (number, '.');
      for (guint d = 0; d < frac_digits; d++)
        g_string_append_c (number, '0' + g_rand_int_range (rand, 0, 10));
      g_ptr_array_add (fields, g_string_free (number, FALSE));
    }
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (fields, i));

  csv = lm_csv_parse ("numbers.csv", text->str, text->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fields->len; i++)
    {
      double expected = g_ascii_strtod (g_ptr_array_index (fields, i), NULL);
      double value = 0;

      g_assert_true (lm_csv_get_double (csv, i, 0, &value, &error));
      g_assert_no_error (error);
      if (memcmp (&value, &expected, sizeof value) != 0)
        g_error ("“%s” read as %.17g, strtod reads %.17g",
                 (char *) g_ptr_array_index (fields, i), value, expected);
    }
}

static void
check_format (double value)
{
  char ours[LM_DECIMAL_FORMAT_SIZE];
  char expected[64];

  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (expected, sizeof expected, "%.0f", value);
  else
    g_snprintf (expected, sizeof expected, "%.10g", value);
  lm_decimal_format (value, ours);
  if (strcmp (ours, expected) != 0)
    g_error ("%.17g written as “%s”, printf writes “%s”", value, ours, expected);
}

/* Numbers are written as printf writes them in the C locale: whole
 * numbers in full, others to ten significant digits, at every magnitude,
 * at the points where the notation or the number of digits changes, and
 * just either side of a rounding half. */
static void
test_format_as_printf (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  static const double fixed[] = {
    0, -0.0, 1, -1, 0.5, 0.1, 0.3, 2.675, 1.005, 1.0 / 3, -2.0 / 3, 123.456, 100.5,
    999999999.5, 9999999999.5, 9.9999999995, 9.99999999949, 0.0001, 0.00009999999999,
    0.000099999999995, 1e-5, 1.5e-7, 1234567890.25, 1000000000.25, 1e15, 1e15 + 2, 1.234e15,
    -1.234e15, 1e16, 1e22, 1e23, 1e100, 1e-100, 5e-324, 1.7976931348623157e308,
    43.72342302, 9.352989648, 4.894197274, 120.0681354, 65.58621572, 69.56832972,
    INFINITY, -INFINITY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    check_format (fixed[i]);
  for (guint i = 0; i < 300000; i++)
    {
      double magnitude = pow (10, g_rand_double_range (rand, -14, 24));
      double value = g_rand_double_range (rand, 1, 10) * magnitude;

      if (g_rand_boolean (rand))
        value = -value;
      /* Ten-digit values with a half in the eleventh place, and
       * neighbours of whole numbers */
      if (i % 3 == 1)
        value = (floor (value / magnitude * 1e9) + 0.5) * magnitude / 1e9;
      else if (i % 3 == 2)
        value = nextafter (round (value), g_rand_boolean (rand) ? INFINITY : -INFINITY);
      check_format (value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/csv/basic", test_basic);
  g_test_add_func ("/model/csv/header-only", test_header_only);
  g_test_add_func ("/model/csv/require-unique", test_require_unique);
  g_test_add_func ("/model/csv/require-unique-report", test_require_unique_report);
  g_test_add_func ("/model/csv/counts", test_counts);
  g_test_add_func ("/model/csv/load-special-files", test_load_special_files);
  g_test_add_func ("/model/csv/quoted-comma", test_quoted_comma);
  g_test_add_func ("/model/csv/quoted-quote", test_quoted_quote);
  g_test_add_func ("/model/csv/quoted-newline", test_quoted_newline);
  g_test_add_func ("/model/csv/crlf", test_crlf);
  g_test_add_func ("/model/csv/no-final-newline", test_no_final_newline);
  g_test_add_func ("/model/csv/blank-final-line", test_blank_final_line);
  g_test_add_func ("/model/csv/blank-line-inside", test_blank_line_inside);
  g_test_add_func ("/model/csv/one-column-blank-line", test_one_column_blank_line);
  g_test_add_func ("/model/csv/bom", test_bom);
  g_test_add_func ("/model/csv/empty-is-missing", test_empty_is_missing);
  g_test_add_func ("/model/csv/numbers", test_numbers);
  g_test_add_func ("/model/csv/numbers-as-strtod", test_numbers_as_strtod);
  g_test_add_func ("/model/decimal/format-as-printf", test_format_as_printf);
  g_test_add_func ("/model/csv/not-a-number", test_not_a_number);
  g_test_add_func ("/model/csv/not-a-number-long", test_not_a_number_long);
  g_test_add_func ("/model/csv/unbalanced-quote", test_unbalanced_quote);
  g_test_add_func ("/model/csv/misplaced-quote", test_misplaced_quote);
  g_test_add_func ("/model/csv/short-row", test_short_row);
  g_test_add_func ("/model/csv/long-row", test_long_row);
  g_test_add_func ("/model/csv/encoding", test_encoding);
  g_test_add_func ("/model/csv/encoding-everywhere", test_encoding_everywhere);
  g_test_add_func ("/model/csv/empty", test_empty);
  g_test_add_func ("/model/csv/missing-column", test_missing_column);
  g_test_add_func ("/model/csv/load-file", test_load_file);
  g_test_add_func ("/model/csv/real-table", test_real_table);
  g_test_add_func ("/model/csv/special-byte-at-every-offset", test_special_byte_at_every_offset);

  return g_test_run ();
}
