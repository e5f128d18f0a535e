/* lm-scenario-write.c — a scenario as text, one setting a line
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is made by hand rather than by libxml2's serialiser, so that
 * its layout is ours to keep stable: two spaces an indent, one element a
 * line, attributes in a fixed order, numbers in their shortest exact
 * form, line breaks inside text written as character references. Saving,
 * reading and saving again then gives the same bytes, and a changed
 * weight is a one-line diff.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-scenario-private.h"

/* Auxiliary methods */

/* Text for an element or an attribute: the markup characters, the
 * quote, and the whitespace a reader would fold (tab, CR, LF) escaped;
 * the other control characters, which XML 1.0 cannot carry at all,
 * become U+FFFD. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\t':
          g_string_append (out, "&#9;");
          break;
        case '\n':
          g_string_append (out, "&#10;");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append (out, "\xef\xbf\xbd");
          else
            g_string_append_c (out, *p);
        }
    }
}

/* The shortest decimal form that reads back as the same double, without
 * an exponent for the coordinates and weights people read ("5000", not
 * "5e+03"). */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  int precision;

  if (value == 0)
    {
      /* No "-0": a weight of zero is zero. */
      g_string_append_c (out, '0');
      return;
    }
  for (precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  if (strchr (buffer, 'e') != NULL && fabs (value) >= 1e-4 && fabs (value) < 1e15)
    {
      int exponent = (int) floor (log10 (fabs (value)));
      char fixed[G_ASCII_DTOSTR_BUF_SIZE];
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", MAX (0, precision - 1 - exponent));
      g_ascii_formatd (fixed, sizeof fixed, format, value);
      if (g_ascii_strtod (fixed, NULL) == value)
        {
          g_string_append (out, fixed);
          return;
        }
    }
  g_string_append (out, buffer);
}

static void
append_value (GString  *out,
              GVariant *value)
{
  const char *type = g_variant_get_type_string (value);
  GVariantIter iter;

  if (g_str_equal (type, "s"))
    append_escaped (out, g_variant_get_string (value, NULL));
  else if (g_str_equal (type, "b"))
    g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_str_equal (type, "u"))
    g_string_append_printf (out, "%" G_GUINT32_FORMAT, g_variant_get_uint32 (value));
  else if (g_str_equal (type, "i"))
    g_string_append_printf (out, "%" G_GINT32_FORMAT, g_variant_get_int32 (value));
  else if (g_str_equal (type, "x"))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_str_equal (type, "t"))
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
  else if (g_str_equal (type, "d"))
    append_double (out, g_variant_get_double (value));
  else if (g_str_equal (type, "as"))
    {
      const char *item;

      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &item))
        {
          g_string_append (out, "<item>");
          append_escaped (out, item);
          g_string_append (out, "</item>");
        }
    }
  else if (g_str_equal (type, "ad"))
    {
      gsize n;
      const double *numbers = g_variant_get_fixed_array (value, &n, sizeof (double));

      for (gsize i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_double (out, numbers[i]);
        }
    }
  else
    g_assert_not_reached ();
}

/* <ELEMENT ATTRIBUTE="NAME" type="T">VALUE</ELEMENT>, or an empty
 * element for an empty value. */
static void
append_entry (GString    *out,
              const char *indent,
              const char *element,
              const char *attribute,
              const char *name,
              GVariant   *value)
{
  gsize mark;

  g_return_if_fail (_lm_scenario_is_value_type (g_variant_get_type_string (value)));

  g_string_append_printf (out, "%s<%s %s=\"", indent, element, attribute);
  append_escaped (out, name);
  g_string_append_printf (out, "\" type=\"%s\">", g_variant_get_type_string (value));
  mark = out->len;
  append_value (out, value);
  if (out->len == mark)
    {
      /* "…>" becomes "…/>" */
      g_string_truncate (out, mark - 1);
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append_printf (out, "</%s>\n", element);
}

static void
append_settings (GString        *out,
                 const char     *indent,
                 LmViewSnapshot *snapshot,
                 GVariant       *properties)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, lm_view_snapshot_to_variant (snapshot));
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    append_entry (out, indent, "setting", "key", key, value);
  g_variant_iter_init (&iter, properties);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    append_entry (out, indent, "property", "name", key, value);
}

static void
append_text_element (GString    *out,
                     const char *indent,
                     const char *element,
                     const char *text)
{
  if (*text == '\0')
    return;
  g_string_append_printf (out, "%s<%s>", indent, element);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", element);
}

static void
append_storyboard (GString      *out,
                   LmStoryboard *storyboard)
{
  guint n = lm_storyboard_get_n_scenes (storyboard);

  if (n == 0)
    {
      g_string_append (out, "  <storyboard/>\n");
      return;
    }
  g_string_append (out, "  <storyboard>\n");
  for (guint i = 0; i < n; i++)
    {
      LmScene *scene = lm_storyboard_get_scene (storyboard, i);

      g_string_append_printf (out, "    <scene show-plot=\"%s\">\n",
                              lm_scene_get_show_plot (scene) ? "true" : "false");
      append_text_element (out, "      ", "title", lm_scene_get_title (scene));
      append_text_element (out, "      ", "message", lm_scene_get_message (scene));
      append_settings (out, "      ", lm_scene_get_snapshot (scene),
                       lm_scene_get_properties (scene));
      g_string_append (out, "    </scene>\n");
    }
  g_string_append (out, "  </storyboard>\n");
}

/* Public API */

/**
 * lm_scenario_to_text:
 * @self: a scenario
 * @length: (out) (optional): the text's length in bytes
 *
 * Returns: (transfer full): the file's text (UTF-8 XML)
 */
char *
lm_scenario_to_text (LmScenario *self,
                     gsize      *length)
{
  GString *out;
  const char *checksum;

  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out, "<levelmap-scenario version=\"%d\">\n", LM_SCENARIO_VERSION);
  if (*lm_scenario_get_dataset (self) != '\0')
    {
      g_string_append (out, "  <dataset id=\"");
      append_escaped (out, lm_scenario_get_dataset (self));
      checksum = lm_scenario_get_checksum (self);
      if (checksum != NULL)
        {
          g_string_append (out, "\" checksum=\"");
          append_escaped (out, checksum);
        }
      g_string_append (out, "\"/>\n");
    }
  g_string_append (out, "  <view>\n");
  append_settings (out, "    ", lm_scenario_get_view (self), lm_scenario_get_properties (self));
  g_string_append (out, "  </view>\n");
  append_storyboard (out, lm_scenario_get_storyboard (self));
  g_string_append (out, "</levelmap-scenario>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
lm_scenario_save (LmScenario    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (LM_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = lm_scenario_to_text (self, &length);
  /* g_file_replace_contents() writes a temporary file beside @file and
   * renames it over it only once all is written. */
  if (!g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Translators: %s is a file name, then the system's reason */
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO,
                   _("Could not save “%s”: %s"), name, local->message);
      return FALSE;
    }
  return TRUE;
}
