/* lm-decimal.h — reading numbers written by people and spreadsheets
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every number Levelmap reads from a file or a command line is a plain
 * decimal: an optional sign, digits with an optional point, and an
 * optional exponent ("-12.5", "0.999", "3e8"). strtod() on its own would
 * also take "nan", "inf", "infinity" and hexadecimal ("0x10" as 16),
 * which in a table, a manifest or a weight mean a mistake upstream rather
 * than a value, and which a CSV reader and a manifest reader must not
 * read differently. */

/* The end of the decimal number that starts at @p, or NULL if none
 * does. */
const char  *lm_decimal_scan   (const char  *p);
/* Parses @text: a decimal number, optionally with spaces or tabs around
 * it, and nothing else. A number too large for a double (it would be
 * infinite) is refused too. */
gboolean     lm_decimal_parse  (const char  *text,
                                double      *out_value);

/* Room for any number lm_decimal_format() writes, and its NUL. */
#define LM_DECIMAL_FORMAT_SIZE 32

/* Writes @value into @buffer as the tables Levelmap exports have it,
 * whatever the locale: a whole number below 10^15 in full ("%.0f"),
 * anything else to ten significant digits ("%.10g"); exactly the text
 * printf() gives in the C locale, a tenth of its cost for most values.
 * Returns @buffer. */
char        *lm_decimal_format (double       value,
                                char        *buffer);

G_END_DECLS
