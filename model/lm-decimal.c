/* lm-decimal.c — reading numbers written by people and spreadsheets
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-decimal.h"

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

const char *
lm_decimal_scan (const char *p)
{
  gboolean digits = FALSE;

  g_return_val_if_fail (p != NULL, NULL);

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }
  if (!digits)
    return NULL;
  if (*p == 'e' || *p == 'E')
    {
      const char *exponent = p + 1;

      if (*exponent == '+' || *exponent == '-')
        exponent++;
      if (!g_ascii_isdigit (*exponent))
        return NULL;
      while (g_ascii_isdigit (*exponent))
        exponent++;
      p = exponent;
    }
  return p;
}

gboolean
lm_decimal_parse (const char *text,
                  double     *out_value)
{
  const char *start = text;
  const char *end;
  char *parsed_end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);

  while (is_blank (*start))
    start++;
  end = lm_decimal_scan (start);
  if (end == NULL)
    return FALSE;
  for (const char *rest = end; *rest != '\0'; rest++)
    if (!is_blank (*rest))
      return FALSE;

  /* g_ascii_strtod() reads the same characters lm_decimal_scan() found
   * (both stop at the same place for a plain decimal); a number too large
   * for a double comes back infinite. */
  value = g_ascii_strtod (start, &parsed_end);
  if (parsed_end != end || !isfinite (value))
    return FALSE;
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

/* Writes the digits of @whole, most significant first, at @out; returns
 * the end. */
static char *
write_digits (guint64  whole,
              char    *out)
{
  char digits[20];
  int n = 0;

  do
    digits[n++] = (char) ('0' + whole % 10);
  while ((whole /= 10) != 0);
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

/* printf's "%.10g" of a finite, non-zero @value from its ten significant
 * digits @digits (10^9 <= @digits < 10^10) and decimal exponent
 * @exponent: fixed notation for exponents -4 to 9, else scientific; no
 * trailing zeros after the point. */
static void
write_g10 (gboolean  negative,
           guint64   digits,
           int       exponent,
           char     *out)
{
  char text[10];
  int n = 10;

  write_digits (digits, text);
  while (n > 1 && text[n - 1] == '0')
    n--;
  if (negative)
    *out++ = '-';
  if (exponent < -4 || exponent >= 10)
    {
      *out++ = text[0];
      if (n > 1)
        {
          *out++ = '.';
          memcpy (out, text + 1, n - 1);
          out += n - 1;
        }
      *out++ = 'e';
      *out++ = exponent < 0 ? '-' : '+';
      if (ABS (exponent) < 10)
        *out++ = '0';
      out = write_digits (ABS (exponent), out);
    }
  else if (exponent < 0)
    {
      *out++ = '0';
      *out++ = '.';
      for (int i = -1; i > exponent; i--)
        *out++ = '0';
      memcpy (out, text, n);
      out += n;
    }
  else
    {
      memcpy (out, text, MIN (n, exponent + 1));
      out += MIN (n, exponent + 1);
      for (int i = n; i < exponent + 1; i++)
        *out++ = '0';
      if (n > exponent + 1)
        {
          *out++ = '.';
          memcpy (out, text + exponent + 1, n - exponent - 1);
          out += n - exponent - 1;
        }
    }
  *out = '\0';
}

/* The ten significant digits of @magnitude (> 0) and its decimal
 * exponent, correctly rounded; FALSE where one multiplication by a power
 * of ten cannot tell which way to round (within 2·10^-6 of a half, or
 * out of the range of exact powers), left to printf(). Scaled to
 * [10^9, 10^10), the product's rounding error is at most 1.2·10^-6. */
static gboolean
ten_digits (double   magnitude,
            guint64 *out_digits,
            int     *out_exponent)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  int exponent = (int) floor (log10 (magnitude));
  double scaled, whole, fraction;

  for (int tries = 0; tries < 2; tries++)
    {
      int shift = 9 - exponent;

      if (shift > 22 || shift < -22)
        return FALSE;
      scaled = shift >= 0 ? magnitude * powers[shift] : magnitude / powers[-shift];
      if (scaled < 1e9)
        exponent--;
      else if (scaled >= 1e10)
        exponent++;
      else
        break;
    }
  if (scaled < 1e9 || scaled >= 1e10)
    return FALSE;
  whole = floor (scaled);
  fraction = scaled - whole;
  if (fabs (fraction - 0.5) < 2e-6)
    return FALSE;
  *out_digits = (guint64) whole + (fraction > 0.5);
  if (*out_digits == G_GUINT64_CONSTANT (10000000000))
    {
      *out_digits /= 10;
      exponent++;
    }
  *out_exponent = exponent;
  return TRUE;
}

char *
lm_decimal_format (double  value,
                   char   *buffer)
{
  guint64 digits;
  int exponent;

  g_return_val_if_fail (buffer != NULL, NULL);

  if (value == floor (value) && fabs (value) < 1e15)
    {
      char *end = buffer;

      /* printf writes -0 for negative zero */
      if (signbit (value))
        *end++ = '-';
      *write_digits ((guint64) fabs (value), end) = '\0';
    }
  else if (isfinite (value) && ten_digits (fabs (value), &digits, &exponent))
    write_g10 (signbit (value), digits, exponent, buffer);
  else
    g_ascii_formatd (buffer, LM_DECIMAL_FORMAT_SIZE, "%.10g", value);
  return buffer;
}
