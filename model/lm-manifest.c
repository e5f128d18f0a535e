/* lm-manifest.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "lm-decimal.h"
#include "lm-input-file.h"
#include "lm-manifest.h"

struct _LmManifest
{
  char   *path;
  xmlDoc *doc;
};

G_DEFINE_QUARK (lm-manifest-error-quark, lm_manifest_error)

const LmManifestLimit lm_manifest_limits[] = {
  { "level", 8 },
  { "key", 8 },
  { "table", 64 },
  { "variable", 256 },
  { "index", 8 },
  { "domain", 64 },
  { "election", 8 },
  { "criterion", 16 },
  { "report", 64 },
  { "attribution", 64 },
  { NULL, 0 },
};

/* NONET (errors are reported through the GError, not printed): no network, no entity substitution (no NOENT), no DTD
 * loading or attribute defaults, no XInclude, no huge documents. */
static int
parse_options (void)
{
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

#if LIBXML_VERSION >= 21300
  options |= XML_PARSE_NO_XXE;
#endif
  return options;
}

static gboolean
has_entities (xmlNode *node)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (child->type == XML_ENTITY_REF_NODE || child->type == XML_ENTITY_DECL)
        return TRUE;
      if (child->children != NULL && has_entities (child->children))
        return TRUE;
    }
  return FALSE;
}

/* A manifest says which format it is written in, so that a later
 * Levelmap can change the format without misreading an older file, and an
 * older Levelmap refuses a newer file instead of half-reading it. */
static gboolean
check_format (LmManifest  *manifest,
              GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (manifest->doc);
  g_autofree char *format = lm_manifest_get (root, "format");

  if (format == NULL)
    {
      g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORMAT,
                   _("%s, line %ld: <%s> needs format=\"%s\", the manifest format this "
                     "Levelmap reads"),
                   manifest->path, xmlGetLineNo (root), (const char *) root->name, LM_MANIFEST_FORMAT);
      return FALSE;
    }
  if (strcmp (format, LM_MANIFEST_FORMAT) != 0)
    {
      g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORMAT,
                   _("%s, line %ld: the manifest is in format “%s”, but this Levelmap reads "
                     "format %s only"),
                   manifest->path, xmlGetLineNo (root), format, LM_MANIFEST_FORMAT);
      return FALSE;
    }
  return TRUE;
}

/* The first element past a limit, in document order (iteratively:
 * libxml2 already bounds the depth, but a walk needs no stack for it). */
static gboolean
check_limits (LmManifest  *manifest,
              GError     **error)
{
  g_autofree guint *counts = g_new0 (guint, G_N_ELEMENTS (lm_manifest_limits));
  xmlNode *node = xmlDocGetRootElement (manifest->doc);
  guint n_elements = 0;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (++n_elements > LM_MANIFEST_MAX_ELEMENTS)
            {
              g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_LIMIT,
                           _("%s, line %ld: the manifest has more than %u elements, the most "
                             "Levelmap reads"),
                           manifest->path, xmlGetLineNo (node), LM_MANIFEST_MAX_ELEMENTS);
              return FALSE;
            }
          for (guint i = 0; lm_manifest_limits[i].element != NULL; i++)
            if (strcmp ((const char *) node->name, lm_manifest_limits[i].element) == 0 &&
                ++counts[i] > lm_manifest_limits[i].max)
              {
                g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_LIMIT,
                             _("%s, line %ld: the manifest has more than %u <%s> elements, the "
                               "most Levelmap reads"),
                             manifest->path, xmlGetLineNo (node), lm_manifest_limits[i].max,
                             lm_manifest_limits[i].element);
                return FALSE;
              }
        }
      /* Depth first: down, else along, else up until there is a way along. */
      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL)
            node = node->parent != NULL && node->parent->type == XML_ELEMENT_NODE
                   ? node->parent : NULL;
          if (node != NULL)
            node = node->next;
        }
    }
  return TRUE;
}

/* The first error libxml2 reports while parsing, with its own line and
 * column. */
typedef struct
{
  int   line;
  int   column;
  char *message;
} FirstError;

static void
keep_first_error (FirstError     *first,
                  const xmlError *error)
{
  if (first == NULL || first->message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  first->message = g_strdup (error->message != NULL ? error->message : "?");
  first->line = error->line;
  first->column = error->int2;
}

/* libxml2 2.13 has a handler per parser context; before it, the
 * context's SAX "serror" gets the context as its data. */
#if LIBXML_VERSION >= 21300
static void
on_parse_error (void           *user_data,
                const xmlError *error)
{
  keep_first_error (user_data, error);
}
#else
/* The callback's error became const in 2.12. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *LmXmlError;
#else
typedef xmlErrorPtr LmXmlError;
#endif

static void
on_parse_error (void       *user_data,
                LmXmlError  error)
{
  xmlParserCtxt *ctxt = user_data;

  keep_first_error (ctxt != NULL ? ctxt->_private : NULL, error);
}
#endif

LmManifest *
lm_manifest_parse (const char  *display_name,
                   const char  *text,
                   gsize        length,
                   GError     **error)
{
  return lm_manifest_parse_root (display_name, text, length, "dataset", error);
}

LmManifest *
lm_manifest_parse_root (const char  *display_name,
                        const char  *text,
                        gsize        length,
                        const char  *root_name,
                        GError     **error)
{
  g_autofree char *base = g_path_get_basename (display_name);
  FirstError first;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  LmManifest *manifest;

  if (length > G_MAXINT)
    {
      g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_PARSE,
                   _("%s is too large to be a dataset manifest"), display_name);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  /* libxml2 goes on after a fatal error and its last error is often a
   * consequence at the end of the file ("Premature end of data", line
   * 89): keep the first, where the document went wrong. */
  first.line = 0;
  first.column = 0;
  first.message = NULL;
#if LIBXML_VERSION >= 21300
  xmlCtxtSetErrorHandler (ctxt, on_parse_error, &first);
#else
  ctxt->_private = &first;
  ctxt->sax->serror = on_parse_error;
#endif
  doc = xmlCtxtReadMemory (ctxt, text, (int) length, base, "UTF-8", parse_options ());
  if (doc == NULL)
    {
      const xmlError *xerr = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = NULL;

      if (first.message == NULL && xerr != NULL)
        {
          first.message = g_strdup (xerr->message);
          first.line = xerr->line;
          first.column = xerr->int2;
        }
      message = g_strstrip (g_strdup (first.message != NULL ? first.message : "?"));
      if (first.column > 0)
        g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_PARSE,
                     _("%s, line %d, column %d: not a valid XML manifest (%s)"),
                     display_name, first.line, first.column, message);
      else
        g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_PARSE,
                     _("%s, line %d: not a valid XML manifest (%s)"),
                     display_name, first.line, message);
      g_free (first.message);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  g_free (first.message);
  xmlFreeParserCtxt (ctxt);

  /* A DOCTYPE is how external entities and DTD tricks get in; a manifest
   * never needs one, so refuse it outright rather than reason about it. */
  if (doc->intSubset != NULL || doc->extSubset != NULL || has_entities (doc->children))
    {
      g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_FORBIDDEN,
                   _("%s: manifests may not contain a DOCTYPE or entities; "
                     "remove the <!DOCTYPE …> declaration"),
                   display_name);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (xmlDocGetRootElement (doc) == NULL ||
      strcmp ((const char *) xmlDocGetRootElement (doc)->name, root_name) != 0)
    {
      g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID,
                   /* Translators: "not a Levelmap dataset manifest (the root element must be
                    * <dataset>)"; the second and third are the same word, untranslated */
                   _("%s: not a Levelmap %s manifest (the root element must be <%s>)"),
                   display_name, root_name, root_name);
      xmlFreeDoc (doc);
      return NULL;
    }

  manifest = g_new0 (LmManifest, 1);
  manifest->path = g_strdup (display_name);
  manifest->doc = doc;
  if (!check_format (manifest, error) || !check_limits (manifest, error))
    {
      lm_manifest_free (manifest);
      return NULL;
    }
  return manifest;
}

LmManifest *
lm_manifest_load (const char  *path,
                  GError     **error)
{
  return lm_manifest_load_root (path, "dataset", error);
}

LmManifest *
lm_manifest_load_root (const char  *path,
                       const char  *root_name,
                       GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  /* A manifest is as untrusted as the tables: a FIFO or /dev/zero in its
   * place must not hang or fill memory. */
  if (!lm_input_file_read (path, LM_MANIFEST_MAX_BYTES, &text, &length, &local_error))
    {
      if (local_error->domain == LM_INPUT_FILE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_IO,
                     _("Cannot read the dataset manifest: %s"), local_error->message);
      return NULL;
    }
  return lm_manifest_parse_root (path, text, length, root_name, error);
}

void
lm_manifest_free (LmManifest *manifest)
{
  if (manifest == NULL)
    return;
  xmlFreeDoc (manifest->doc);
  g_free (manifest->path);
  g_free (manifest);
}

const char *
lm_manifest_get_path (LmManifest *manifest)
{
  return manifest->path;
}

xmlNode *
lm_manifest_get_root (LmManifest *manifest)
{
  return xmlDocGetRootElement (manifest->doc);
}

GPtrArray *
lm_manifest_children (xmlNode    *node,
                      const char *name)
{
  GPtrArray *children = g_ptr_array_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE &&
        (name == NULL || strcmp ((const char *) child->name, name) == 0))
      g_ptr_array_add (children, child);
  return children;
}

xmlNode *
lm_manifest_child (xmlNode    *node,
                   const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
      return child;
  return NULL;
}

char *
lm_manifest_get (xmlNode    *node,
                 const char *attribute)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) attribute);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

void
lm_manifest_set_error (LmManifest  *manifest,
                       xmlNode     *node,
                       GError     **error,
                       const char  *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LM_MANIFEST_ERROR, LM_MANIFEST_ERROR_INVALID,
               _("%s, line %ld: %s"), manifest->path, xmlGetLineNo (node), message);
}

char *
lm_manifest_require (LmManifest  *manifest,
                     xmlNode     *node,
                     const char  *attribute,
                     GError     **error)
{
  char *value = lm_manifest_get (node, attribute);

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      lm_manifest_set_error (manifest, node, error,
                             _("<%s> needs a “%s” attribute"),
                             (const char *) node->name, attribute);
      return NULL;
    }
  return value;
}

gboolean
lm_manifest_require_double (LmManifest  *manifest,
                            xmlNode     *node,
                            const char  *attribute,
                            double      *out_value,
                            GError     **error)
{
  g_autofree char *text = lm_manifest_require (manifest, node, attribute, error);
  double value;

  if (text == NULL)
    return FALSE;
  /* Decimal only, as in the tables: "0x10" is not 16, "inf" no number. */
  if (!lm_decimal_parse (text, &value))
    {
      lm_manifest_set_error (manifest, node, error,
                             _("the “%s” attribute of <%s> must be a number, not “%s”"),
                             attribute, (const char *) node->name, text);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

char *
lm_manifest_get_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_auto(GStrv) words = NULL;
  char *joined;

  if (content == NULL)
    return g_strdup ("");
  words = g_strsplit_set ((const char *) content, " \t\r\n", -1);
  xmlFree (content);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();
    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_ptr_array_add (kept, words[i]);
    g_ptr_array_add (kept, NULL);
    joined = g_strjoinv (" ", (char **) kept->pdata);
  }
  return joined;
}
