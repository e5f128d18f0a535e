/* lm-scenario-read.c — reading a scenario file, as untrusted input
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scenario files travel by e-mail between colleagues, so they are read as
 * the manifests are: libxml2 without network, entities or DTDs, any
 * DOCTYPE refused, within documented limits, and every fault reported
 * with the file's name and the line.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "lm-scenario-private.h"

typedef struct
{
  const char *name;     /* the file, for messages */
  guint       n_items;  /* settings, properties and list items so far */
} Reader;

/* Auxiliary methods */

static int
parse_options (void)
{
  /* No network, no entity substitution, no DTD loading or attribute
   * defaults, no XInclude, no huge documents; line numbers past 65535. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

#if LIBXML_VERSION >= 21300
  options |= XML_PARSE_NO_XXE;
#endif
  return options;
}

static gboolean
fail (Reader     *reader,
      xmlNode    *node,
      GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

/* "FILE, line N: SENTENCE" as LM_SCENARIO_ERROR_INVALID. */
static gboolean
fail (Reader     *reader,
      xmlNode    *node,
      GError    **error,
      const char *format,
      ...)
{
  g_autofree char *sentence = NULL;
  va_list args;

  va_start (args, format);
  sentence = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a file name, a line number and what is wrong there */
  g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID, _("%s, line %ld: %s"),
               reader->name, xmlGetLineNo (node), sentence);
  return FALSE;
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

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
require_attribute (Reader      *reader,
                   xmlNode     *node,
                   const char  *name,
                   GError     **error)
{
  char *value = get_attribute (node, name);

  if (value == NULL)
    /* Translators: <setting> needs key="…" */
    fail (reader, node, error, _("<%s> needs %s=\"…\"."), (const char *) node->name, name);
  return value;
}

/* Elements may hold only elements, whitespace and comments. */
static gboolean
check_no_text (Reader   *reader,
               xmlNode  *node,
               GError  **error)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        {
          for (const xmlChar *p = child->content; p != NULL && *p != '\0'; p++)
            if (!g_ascii_isspace (*p))
              {
                /* libxml2 numbers a text node by the line it ends on. */
                long line = xmlGetLineNo (child);

                for (const xmlChar *q = p; *q != '\0'; q++)
                  line -= *q == '\n';
                g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID,
                             _("%s, line %ld: %s"), reader->name, MAX (line, 1),
                             _("text is not expected here."));
                return FALSE;
              }
        }
      else if (child->type == XML_CDATA_SECTION_NODE)
        return fail (reader, child, error, _("text is not expected inside <%s>."),
                     (const char *) node->name);
    }
  return TRUE;
}

/* The text of an element that holds only text (the exact characters). */
static gboolean
get_text (Reader   *reader,
          xmlNode  *node,
          char    **out,
          GError  **error)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
      else if (child->type != XML_COMMENT_NODE)
        {
          g_string_free (text, TRUE);
          return fail (reader, child, error, _("<%s> may hold only text."),
                       (const char *) node->name);
        }
    }
  *out = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
count_item (Reader   *reader,
            xmlNode  *node,
            GError  **error)
{
  if (++reader->n_items <= LM_SCENARIO_MAX_ITEMS)
    return TRUE;
  return fail (reader, node, error, _("the file holds more than %d settings and list items."),
               LM_SCENARIO_MAX_ITEMS);
}

/* Values */

static gboolean
parse_integer (const char *text,
               gboolean    is_signed,
               gint64     *out_signed,
               guint64    *out_unsigned)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text) || (!is_signed && *text == '-') || *text == '+')
    return FALSE;
  errno = 0;
  if (is_signed)
    *out_signed = g_ascii_strtoll (text, &end, 10);
  else
    *out_unsigned = g_ascii_strtoull (text, &end, 10);
  return errno == 0 && end != text && *end == '\0';
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out) && errno != ERANGE;
}

static GVariant *
parse_scalar (const char *type,
              const char *text)
{
  gint64 i64 = 0;
  guint64 u64 = 0;
  double d;

  if (g_str_equal (type, "s"))
    return g_variant_new_string (text);
  if (g_str_equal (type, "b"))
    {
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return g_variant_new_boolean (g_str_equal (text, "true"));
      return NULL;
    }
  if (g_str_equal (type, "u") && parse_integer (text, FALSE, NULL, &u64) && u64 <= G_MAXUINT32)
    return g_variant_new_uint32 ((guint32) u64);
  if (g_str_equal (type, "i") && parse_integer (text, TRUE, &i64, NULL) &&
      i64 >= G_MININT32 && i64 <= G_MAXINT32)
    return g_variant_new_int32 ((gint32) i64);
  if (g_str_equal (type, "x") && parse_integer (text, TRUE, &i64, NULL))
    return g_variant_new_int64 (i64);
  if (g_str_equal (type, "t") && parse_integer (text, FALSE, NULL, &u64))
    return g_variant_new_uint64 (u64);
  if (g_str_equal (type, "d") && parse_double (text, &d))
    return g_variant_new_double (d);
  return NULL;
}

static GVariant *
parse_strings (Reader   *reader,
               xmlNode  *node,
               GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if (!check_no_text (reader, node, error))
    return NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *text = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_named (child, "item"))
        {
          fail (reader, child, error, _("a list holds <item> elements, not <%s>."),
                (const char *) child->name);
          return NULL;
        }
      if (!count_item (reader, child, error) || !get_text (reader, child, &text, error))
        return NULL;
      g_strv_builder_add (builder, text);
    }
  items = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) items, -1);
}

static GVariant *
parse_doubles (Reader     *reader,
               xmlNode    *node,
               const char *text,
               GError    **error)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; words[i] != NULL; i++)
    {
      double value;

      if (*words[i] == '\0')
        continue;
      if (!count_item (reader, node, error))
        return NULL;
      if (!parse_double (words[i], &value))
        {
          fail (reader, node, error, _("“%s” is not a number."), words[i]);
          return NULL;
        }
      g_array_append_val (numbers, value);
    }
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, numbers->data, numbers->len,
                                    sizeof (double));
}

/* The value of a <setting> or <property>, by its type="…". */
static GVariant *
parse_value (Reader   *reader,
             xmlNode  *node,
             GError  **error)
{
  g_autofree char *type = require_attribute (reader, node, "type", error);
  g_autofree char *text = NULL;
  GVariant *value;

  if (type == NULL)
    return NULL;
  if (!_lm_scenario_is_value_type (type))
    {
      fail (reader, node, error,
            _("type=\"%s\" is not one of s, b, u, i, x, t, d, as and ad."), type);
      return NULL;
    }
  if (g_str_equal (type, "as"))
    return parse_strings (reader, node, error);
  if (!get_text (reader, node, &text, error))
    return NULL;
  if (g_str_equal (type, "ad"))
    return parse_doubles (reader, node, text, error);
  value = parse_scalar (type, text);
  if (value == NULL)
    /* Translators: “abc” is not a value of type “d” */
    fail (reader, node, error, _("“%s” is not a value of type “%s”."), text, type);
  return value;
}

/* Settings and properties */

typedef struct
{
  GVariantBuilder settings;    /* a{sv} */
  GVariantBuilder properties;  /* a{sv} */
  GHashTable     *seen;        /* "setting:KEY" / "property:NAME" */
} Entries;

static void
entries_init (Entries *entries)
{
  g_variant_builder_init (&entries->settings, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_init (&entries->properties, G_VARIANT_TYPE_VARDICT);
  entries->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
entries_clear (Entries *entries)
{
  g_variant_builder_clear (&entries->settings);
  g_variant_builder_clear (&entries->properties);
  g_clear_pointer (&entries->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entries, entries_clear)

/* A <setting> is checked on its own, so that a bad one is reported with
 * its line. */
static gboolean
check_setting (Reader      *reader,
               xmlNode     *node,
               const char  *key,
               GVariant    *value,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(LmViewSnapshot) one = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", key, value);
  one = lm_view_snapshot_new_from_variant (g_variant_builder_end (&builder), &local);
  if (one != NULL)
    return TRUE;
  return fail (reader, node, error, "%s", local->message);
}

static gboolean
read_entry (Reader   *reader,
            xmlNode  *node,
            Entries  *entries,
            GError  **error)
{
  gboolean setting = is_named (node, "setting");
  g_autofree char *name = require_attribute (reader, node, setting ? "key" : "name", error);
  g_autoptr(GVariant) value = NULL;
  g_autofree char *tag = NULL;

  if (name == NULL || !count_item (reader, node, error))
    return FALSE;
  tag = g_strconcat (setting ? "setting:" : "property:", name, NULL);
  if (!g_hash_table_add (entries->seen, g_steal_pointer (&tag)))
    return fail (reader, node, error, setting ? _("the setting “%s” is given twice.")
                                              : _("the property “%s” is given twice."), name);
  value = parse_value (reader, node, error);
  if (value == NULL)
    return FALSE;
  g_variant_ref_sink (value);
  if (setting && !check_setting (reader, node, name, value, error))
    return FALSE;
  g_variant_builder_add (setting ? &entries->settings : &entries->properties, "{sv}", name, value);
  return TRUE;
}

static gboolean
finish_entries (Reader          *reader,
                xmlNode         *node,
                Entries         *entries,
                LmViewSnapshot **out_snapshot,
                GVariant       **out_properties,
                GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GVariant) properties = NULL;

  *out_snapshot = lm_view_snapshot_new_from_variant (g_variant_builder_end (&entries->settings),
                                                     &local);
  g_variant_builder_init (&entries->settings, G_VARIANT_TYPE_VARDICT);
  if (*out_snapshot == NULL)
    return fail (reader, node, error, "%s", local->message);
  properties = g_variant_ref_sink (g_variant_builder_end (&entries->properties));
  g_variant_builder_init (&entries->properties, G_VARIANT_TYPE_VARDICT);
  *out_properties = _lm_scenario_sort_properties (properties);
  return TRUE;
}

/* Elements */

static gboolean
read_view (Reader          *reader,
           xmlNode         *node,
           LmViewSnapshot **out_snapshot,
           GVariant       **out_properties,
           GError         **error)
{
  g_auto(Entries) entries = { 0 };

  entries_init (&entries);
  if (!check_no_text (reader, node, error))
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_named (child, "setting") && !is_named (child, "property"))
        return fail (reader, child, error,
                     _("<%s> is not expected inside <view>: it holds <setting> and <property>."),
                     (const char *) child->name);
      if (!read_entry (reader, child, &entries, error))
        return FALSE;
    }
  return finish_entries (reader, node, &entries, out_snapshot, out_properties, error);
}

static gboolean
read_boolean_attribute (Reader      *reader,
                        xmlNode     *node,
                        const char  *name,
                        gboolean    *out,
                        GError     **error)
{
  g_autofree char *value = get_attribute (node, name);

  *out = FALSE;
  if (value == NULL)
    return TRUE;
  if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
    return fail (reader, node, error, _("%s=\"%s\" must be true or false."), name, value);
  *out = g_str_equal (value, "true");
  return TRUE;
}

static gboolean
read_scene_text (Reader      *reader,
                 xmlNode     *child,
                 char       **field,
                 GError     **error)
{
  if (*field != NULL)
    return fail (reader, child, error, _("a scene has one <%s>."), (const char *) child->name);
  return get_text (reader, child, field, error);
}

static LmScene *
read_scene (Reader   *reader,
            xmlNode  *node,
            GError  **error)
{
  g_auto(Entries) entries = { 0 };
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) properties = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  gboolean show_plot;

  entries_init (&entries);
  if (!read_boolean_attribute (reader, node, "show-plot", &show_plot, error) ||
      !check_no_text (reader, node, error))
    return NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      gboolean ok;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_named (child, "title"))
        ok = read_scene_text (reader, child, &title, error);
      else if (is_named (child, "message"))
        ok = read_scene_text (reader, child, &message, error);
      else if (is_named (child, "setting") || is_named (child, "property"))
        ok = read_entry (reader, child, &entries, error);
      else
        ok = fail (reader, child, error,
                   _("<%s> is not expected inside <scene>: it holds <title>, <message>, "
                     "<setting> and <property>."),
                   (const char *) child->name);
      if (!ok)
        return NULL;
    }
  if (!finish_entries (reader, node, &entries, &snapshot, &properties, error))
    return NULL;
  return lm_scene_new (title, message, snapshot, properties, show_plot);
}

static gboolean
read_storyboard (Reader        *reader,
                 xmlNode       *node,
                 LmStoryboard  *storyboard,
                 GError       **error)
{
  if (!check_no_text (reader, node, error))
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autoptr(LmScene) scene = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_named (child, "scene"))
        return fail (reader, child, error,
                     _("<%s> is not expected inside <storyboard>: it holds <scene>."),
                     (const char *) child->name);
      if (lm_storyboard_get_n_scenes (storyboard) >= LM_STORYBOARD_MAX_SCENES)
        return fail (reader, child, error, _("a storyboard holds at most %d scenes."),
                     LM_STORYBOARD_MAX_SCENES);
      scene = read_scene (reader, child, error);
      if (scene == NULL)
        return FALSE;
      lm_storyboard_append (storyboard, scene);
    }
  return TRUE;
}

/* version="N": newer than this Levelmap reads is its own error, so that
 * the window can say "update Levelmap" rather than "damaged file". */
static gboolean
check_version (Reader   *reader,
               xmlNode  *root,
               GError  **error)
{
  g_autofree char *version = require_attribute (reader, root, "version", error);
  guint64 number = 0;

  if (version == NULL)
    return FALSE;
  if (!parse_integer (version, FALSE, NULL, &number) || number == 0)
    return fail (reader, root, error, _("version=\"%s\" is not a format version."), version);
  if (number > LM_SCENARIO_VERSION)
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_VERSION,
                   _("%s, line %ld: this scenario was saved by a newer Levelmap, in format %s; "
                     "this Levelmap reads format %d. Open it with a newer Levelmap."),
                   reader->name, xmlGetLineNo (root), version, LM_SCENARIO_VERSION);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  xmlNode *dataset;
  xmlNode *view;
  xmlNode *storyboard;
} Parts;

static gboolean
find_parts (Reader   *reader,
            xmlNode  *root,
            Parts    *parts,
            GError  **error)
{
  if (!check_no_text (reader, root, error))
    return FALSE;
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      xmlNode **slot;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_named (child, "dataset"))
        slot = &parts->dataset;
      else if (is_named (child, "view"))
        slot = &parts->view;
      else if (is_named (child, "storyboard"))
        slot = &parts->storyboard;
      else
        return fail (reader, child, error,
                     _("<%s> is not expected here: a scenario holds <dataset>, <view> and "
                       "<storyboard>."),
                     (const char *) child->name);
      if (*slot != NULL)
        return fail (reader, child, error, _("a scenario has one <%s>."),
                     (const char *) child->name);
      *slot = child;
    }
  if (parts->view == NULL)
    return fail (reader, root, error, _("the scenario has no <view>."));
  return TRUE;
}

static LmScenario *
read_scenario (Reader   *reader,
               xmlNode  *root,
               GError  **error)
{
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) properties = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *checksum = NULL;
  Parts parts = { NULL, NULL, NULL };

  if (!check_version (reader, root, error) || !find_parts (reader, root, &parts, error))
    return NULL;
  if (parts.dataset != NULL)
    {
      dataset = require_attribute (reader, parts.dataset, "id", error);
      if (dataset == NULL)
        return NULL;
      checksum = get_attribute (parts.dataset, "checksum");
    }
  if (!read_view (reader, parts.view, &snapshot, &properties, error))
    return NULL;
  if (parts.storyboard != NULL && !read_storyboard (reader, parts.storyboard, storyboard, error))
    return NULL;
  return lm_scenario_new (dataset != NULL ? dataset : "", checksum, snapshot, properties,
                          storyboard);
}

/* The first error, which says where the file went wrong; libxml2
 * carries on and would otherwise report the end of the file. */
typedef struct
{
  int   line;
  char *message;
} FirstError;

static void
on_xml_error_cb (void        *data,
                 xmlErrorPtr  error)
{
  xmlParserCtxt *ctxt = data;
  FirstError *first = ctxt->_private;

  if (first->message == NULL && error->level >= XML_ERR_ERROR && error->message != NULL)
    {
      first->line = error->line;
      first->message = g_strstrip (g_strdup (error->message));
    }
}

static xmlDoc *
read_document (Reader      *reader,
               const char  *text,
               gsize        length,
               GError     **error)
{
  g_autofree char *base = g_path_get_basename (reader->name);
  FirstError first = { 0, NULL };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO,
                   _("%s: not enough memory to read it"), reader->name);
      return NULL;
    }
  ctxt->_private = &first;
  ctxt->sax->serror = on_xml_error_cb;
  doc = xmlCtxtReadMemory (ctxt, text, (int) length, base, "UTF-8", parse_options ());
  if (doc == NULL)
    g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_PARSE,
                 _("%s, line %d: this is not a valid scenario file (%s)"),
                 reader->name, MAX (first.line, 1),
                 first.message != NULL ? first.message : _("it is empty or cut short"));
  xmlFreeParserCtxt (ctxt);
  g_free (first.message);
  return doc;
}

/* Public API */

LmScenario *
lm_scenario_parse (const char  *display_name,
                   const char  *text,
                   gsize        length,
                   GError     **error)
{
  Reader reader = { display_name, 0 };
  LmScenario *scenario;
  xmlNode *root;
  xmlDoc *doc;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > LM_SCENARIO_MAX_BYTES)
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_TOO_LARGE,
                   _("%s is larger than a scenario may be (%d MB)."), display_name,
                   LM_SCENARIO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  doc = read_document (&reader, text != NULL ? text : "", length, error);
  if (doc == NULL)
    return NULL;

  /* A DOCTYPE is how external entities and DTD tricks get in; a scenario
   * never needs one. */
  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL || has_entities (doc->children))
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_FORBIDDEN,
                   _("%s: scenario files may not contain a DOCTYPE or entities."), display_name);
      scenario = NULL;
    }
  else if (root == NULL || !is_named (root, "levelmap-scenario"))
    {
      fail (&reader, root != NULL ? root : (xmlNode *) doc, error,
            _("this is not a Levelmap scenario (the root element must be "
              "<levelmap-scenario>)."));
      scenario = NULL;
    }
  else
    scenario = read_scenario (&reader, root, error);
  xmlFreeDoc (doc);
  return scenario;
}

static LmScenario *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Refused before it is read into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO,
                   _("%s is not a file."), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > LM_SCENARIO_MAX_BYTES)
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_TOO_LARGE,
                   _("%s is larger than a scenario may be (%d MB)."), name,
                   LM_SCENARIO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        /* Translators: a file name, then the system's reason */
        g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO,
                     _("Could not read %s: %s"), name, local->message);
      return NULL;
    }
  return lm_scenario_parse (name, contents, length, error);
}

LmScenario *
lm_scenario_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_file (file, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LmScenario *scenario = load_file (task_data, cancellable, &error);

  if (scenario == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scenario, g_object_unref);
}

void
lm_scenario_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_scenario_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * lm_scenario_load_finish:
 *
 * Returns: (transfer full): the scenario, or NULL with @error set
 */
LmScenario *
lm_scenario_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lm_scenario_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
