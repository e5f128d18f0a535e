/* lm-legal.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lm-legal.h"

#define SOURCES_HEADING "## Sources and licences"

/* Appends @text escaped, with every http(s) address in it as a link. An
 * address ends at white space, or at a closing bracket or full stop that
 * ends the sentence rather than the address. */
static void
append_linked (GString    *markup,
               const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = strstr (p, "://");
      const char *scheme;
      const char *end;
      g_autofree char *before = NULL;
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;

      scheme = start;
      while (scheme != NULL && scheme > p && g_ascii_isalpha (scheme[-1]))
        scheme--;
      if (start == NULL ||
          !(g_str_has_prefix (scheme, "https://") || g_str_has_prefix (scheme, "http://")))
        {
          g_autofree char *rest = g_markup_escape_text (p, start != NULL ? start + 3 - p : -1);

          g_string_append (markup, rest);
          if (start == NULL)
            return;
          p = start + 3;
          continue;
        }

      end = scheme;
      while (*end != '\0' && !g_ascii_isspace (*end))
        end++;
      while (end > start + 3 && strchr (".,;:)", end[-1]) != NULL)
        end--;

      before = g_markup_escape_text (p, scheme - p);
      url = g_strndup (scheme, end - scheme);
      escaped = g_markup_escape_text (url, -1);
      g_string_append (markup, before);
      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped, escaped);
      p = end;
    }
}

/* Joins the lines of @lines[from, to) into paragraphs: a blank line or a
 * list item ("- ") starts a new one; other lines continue the current one.
 * Returns plain text, paragraphs separated by blank lines. */
static char *
reflow (char  **lines,
        guint   from,
        guint   to)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_paragraph = FALSE;

  for (guint i = from; i < to; i++)
    {
      const char *line = lines[i];
      gboolean item = g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* ");
      g_autofree char *stripped = g_strstrip (g_strdup (item ? line + 2 : line));

      if (*stripped == '\0')
        {
          in_paragraph = FALSE;
          continue;
        }
      if (in_paragraph && !item)
        g_string_append_c (text, ' ');
      else if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, stripped);
      in_paragraph = TRUE;
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

char *
lm_legal_data_sources_markup (const char *data_dir)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) markup = NULL;
  guint start = 0;
  guint end;

  g_return_val_if_fail (data_dir != NULL, NULL);

  path = g_build_filename (data_dir, "README.md", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  while (lines[start] != NULL && !g_str_has_prefix (lines[start], SOURCES_HEADING))
    start++;
  if (lines[start] == NULL)
    return NULL;
  /* The section runs to the next heading of its level or above. */
  for (end = ++start; lines[end] != NULL; end++)
    if (g_str_has_prefix (lines[end], "# ") || g_str_has_prefix (lines[end], "## "))
      break;

  text = reflow (lines, start, end);
  if (text == NULL)
    return NULL;
  markup = g_string_new (NULL);
  append_linked (markup, text);
  if (strstr (text, "Open Government Licence") != NULL)
    {
      /* Translators: %s is the licence's web address */
      g_autofree char *ogl = g_strdup_printf (_("Open Government Licence v3.0: %s"),
                                              LM_LEGAL_OGL_URL);

      g_string_append (markup, "\n\n");
      append_linked (markup, ogl);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
lm_legal_file_markup (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *markup;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      !g_utf8_validate (contents, -1, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  text = reflow (lines, 0, g_strv_length (lines));
  if (text == NULL)
    return NULL;
  markup = g_string_new (NULL);
  append_linked (markup, text);
  return g_string_free (markup, FALSE);
}

void
lm_legal_add_to_about (AdwAboutWindow *about,
                       const char     *data_dir)
{
  /* Libraries the installation bundles in its own prefix (the Flatpak
   * builds shapelib), each with the licence it is used under. */
  static const struct {
    const char *title;
    const char *file;
  } bundled[] = {
    { "shapelib", LM_INSTALLED_LICENSES_DIR "/shapelib/LICENSE-MIT" },
  };
  g_autofree char *sources = NULL;

  g_return_if_fail (ADW_IS_ABOUT_WINDOW (about));

  if (data_dir != NULL)
    sources = lm_legal_data_sources_markup (data_dir);
  if (sources != NULL)
    adw_about_window_add_legal_section (about, _("Reference Data: Sources and Licences"), NULL,
                                        GTK_LICENSE_CUSTOM, sources);

  for (guint i = 0; i < G_N_ELEMENTS (bundled); i++)
    {
      g_autofree char *markup = lm_legal_file_markup (bundled[i].file);

      if (markup != NULL)
        adw_about_window_add_legal_section (about, bundled[i].title, NULL,
                                            GTK_LICENSE_CUSTOM, markup);
    }
}
