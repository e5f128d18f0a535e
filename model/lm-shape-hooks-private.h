/* lm-shape-hooks-private.h — the files of a shapefile set, and shapelib
 * reading them from memory
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <shapefil.h>

G_BEGIN_DECLS

/* shapelib 1.6.0 added a user-data argument to the FOpen and Remove hooks
 * and made FWrite take a const buffer; SHAPELIB_AT_LEAST itself only
 * exists from 1.6.0 on, so it cannot be tested in the same #if. */
#ifdef SHAPELIB_AT_LEAST
# if SHAPELIB_AT_LEAST(1, 6, 0)
#  define LM_SHAPELIB_HOOKS_1_6 1
# endif
#endif

/* shapelib reports problems through a hook that receives only the text,
 * so the messages of the load in progress on this thread are collected
 * in the context pushed last. The .shp and .shx are read into memory
 * once, validated there, and served to shapelib from the same bytes: what
 * was checked is what gets parsed, even if the files change on disk
 * meanwhile, and reading a record costs a memcpy rather than a seek and a
 * read. */
typedef struct
{
  GString    *messages;
  const char *shp_data;
  gsize       shp_size;
  const char *shx_data;
  gsize       shx_size;
} LmShapelibContext;

/* Makes @context the current one of this thread (its messages start
 * empty); returns the one before, to be given back to _pop. */
LmShapelibContext *lm_shapelib_context_push        (LmShapelibContext *context);
void               lm_shapelib_context_pop         (LmShapelibContext *context,
                                                    LmShapelibContext *previous);
/* Hooks that open "*.shp" and "*.shx" as the current context's bytes
 * (nothing else, and only for reading) and collect messages into it. */
void               lm_shapelib_setup_memory_hooks  (SAHooks           *hooks);

/* Reads one file of a set (.shp, .shx or .dbf) with lm_input_file_read():
 * a missing one is LM_SHAPE_ERROR_IO saying that the three go together,
 * one that cannot be opened LM_SHAPE_ERROR_IO with the reason, and a
 * non-regular or oversized one the #LmInputFileError. */
gboolean           lm_shapefile_read_part          (const char        *path,
                                                    gsize              max_bytes,
                                                    char             **out_contents,
                                                    gsize             *out_size,
                                                    GError           **error);

G_END_DECLS
