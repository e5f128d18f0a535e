/* lm-dbf.h — the attribute table (.dbf) of a shapefile, checked whole
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-problems.h"

G_BEGIN_DECLS

/* A dBase III table as shapefiles carry it, held in memory. Opening it
 * checks the whole layout against the file's real size: the header length
 * must match the field descriptors, every field must be at least one byte
 * wide, the record length must be the sum of the widths, and every record
 * must start with a deletion flag (' ' or '*'). A header that is off by a
 * few bytes would otherwise shift every value and give a blank map.
 *
 * Errors are in the LM_SHAPE_ERROR domain (see lm-shape-layer.h), like
 * every other problem of a shapefile set, and name the file, and the
 * record or field where there is one. */
typedef struct _LmDbf LmDbf;

/* Reads @path (a regular file, as lm_input_file_read() allows). */
LmDbf       *lm_dbf_load               (const char  *path,
                                        GError     **error);
/* @bytes is kept (referenced); @display_name is how messages name it. */
LmDbf       *lm_dbf_new_from_bytes     (const char  *display_name,
                                        GBytes      *bytes,
                                        GError     **error);
void         lm_dbf_free               (LmDbf       *dbf);
guint        lm_dbf_get_n_records      (LmDbf       *dbf);
guint        lm_dbf_get_n_fields       (LmDbf       *dbf);
const char  *lm_dbf_get_field_name     (LmDbf       *dbf,
                                        guint        field);
/* Case-insensitive, as dBase names are; -1 when there is none. */
int          lm_dbf_find_field         (LmDbf       *dbf,
                                        const char  *name);
/* One value per record of the field @name, as trimmed valid UTF-8 (text
 * that is not UTF-8 is read as Windows-1252, the usual code page of old
 * files). A missing field is LM_SHAPE_ERROR_MISSING_FIELD. The array is
 * NULL-terminated: free with g_strfreev(). */
char       **lm_dbf_read_strings       (LmDbf       *dbf,
                                        const char  *name,
                                        GError     **error);
/* Like lm_dbf_read_strings(), for a field that identifies each record:
 * an empty value, or one that is not UTF-8 or holds spaces or control
 * characters, is LM_SHAPE_ERROR_BAD_CODE; a value that two records share
 * is LM_SHAPE_ERROR_DUPLICATE_CODE naming both records. With @problems,
 * every such record is listed in it before the call fails. */
char       **lm_dbf_read_codes         (LmDbf       *dbf,
                                        const char  *name,
                                        LmProblems  *problems,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmDbf, lm_dbf_free)

G_END_DECLS
