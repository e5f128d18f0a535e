/* lm-decimal.c — reading numbers written by people and spreadsheets
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

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
