/* lm-manifest.h — a dataset manifest (XML), parsed safely
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define LM_MANIFEST_ERROR (lm_manifest_error_quark ())

typedef enum
{
  LM_MANIFEST_ERROR_IO,
  LM_MANIFEST_ERROR_PARSE,      /* not well-formed XML */
  LM_MANIFEST_ERROR_FORBIDDEN,  /* a DOCTYPE or entity: never loaded */
  LM_MANIFEST_ERROR_INVALID,    /* well-formed, but not a manifest we understand */
  LM_MANIFEST_ERROR_FORMAT,     /* no format="1", or a format this version does not read */
  LM_MANIFEST_ERROR_LIMIT,      /* more elements than lm_manifest_limits allow */
} LmManifestError;

/* The manifest format this Levelmap reads (<dataset format="1">). Later
 * additions to format 1 are optional, so every format-1 manifest keeps
 * loading. */
#define LM_MANIFEST_FORMAT "1"

/* Limits on what one manifest may ask for (docs/manifest.md, "Limits").
 * Each element makes the loader read columns into arrays as long as a
 * level, so a small manifest naming thousands of them could cost
 * gigabytes; the limits are far above what a real vintage needs (England
 * 2019 has 4 levels, 2 tables, 5 variables and 10 domains). */
#define LM_MANIFEST_MAX_BYTES     ((gsize) 1024 * 1024)
#define LM_MANIFEST_MAX_ELEMENTS  2000

typedef struct
{
  const char *element;
  guint       max;
} LmManifestLimit;

/* The most elements of each name a manifest may hold, ended by {NULL}. */
extern const LmManifestLimit lm_manifest_limits[];

/* The manifest describes one data vintage: its levels, lookup, tables,
 * indices, election results, left-behind rule and attributions (see
 * docs/manifest.md). Parsing never touches the network, never expands
 * entities and refuses any document carrying a DOCTYPE, because manifests
 * are shared between colleagues and may come from anywhere. */
typedef struct _LmManifest LmManifest;

GQuark       lm_manifest_error_quark     (void);
LmManifest  *lm_manifest_load            (const char  *path,
                                          GError     **error);
LmManifest  *lm_manifest_parse           (const char  *display_name,
                                          const char  *text,
                                          gsize        length,
                                          GError     **error);
/* The same for other manifests of the same rules (a <comparison>): the
 * root element must be <@root_name>, with format="1". */
LmManifest  *lm_manifest_load_root       (const char  *path,
                                          const char  *root_name,
                                          GError     **error);
LmManifest  *lm_manifest_parse_root      (const char  *display_name,
                                          const char  *text,
                                          gsize        length,
                                          const char  *root_name,
                                          GError     **error);
void         lm_manifest_free            (LmManifest  *manifest);
const char  *lm_manifest_get_path        (LmManifest  *manifest);
xmlNode     *lm_manifest_get_root        (LmManifest  *manifest);
/* Element children of @node named @name (all elements if NULL). */
GPtrArray   *lm_manifest_children        (xmlNode     *node,
                                          const char  *name);
xmlNode     *lm_manifest_child           (xmlNode     *node,
                                          const char  *name);
/* An attribute, or NULL (newly allocated). */
char        *lm_manifest_get             (xmlNode     *node,
                                          const char  *attribute);
/* An attribute that must be there: otherwise LM_MANIFEST_ERROR_INVALID
 * naming the manifest, the line and the element. */
char        *lm_manifest_require         (LmManifest  *manifest,
                                          xmlNode     *node,
                                          const char  *attribute,
                                          GError     **error);
gboolean     lm_manifest_require_double  (LmManifest  *manifest,
                                          xmlNode     *node,
                                          const char  *attribute,
                                          double      *out_value,
                                          GError     **error);
/* The text content of @node, whitespace collapsed. */
char        *lm_manifest_get_text        (xmlNode     *node);
/* Sets LM_MANIFEST_ERROR_INVALID with "<manifest>, line N: <message>". */
void         lm_manifest_set_error       (LmManifest  *manifest,
                                          xmlNode     *node,
                                          GError     **error,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmManifest, lm_manifest_free)

G_END_DECLS
