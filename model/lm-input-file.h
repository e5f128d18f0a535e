/* lm-input-file.h — reading an untrusted input file whole, safely
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LM_INPUT_FILE_ERROR:
 *
 * Error domain for the refusals of lm_input_file_read(). A file that is
 * missing or cannot be opened is reported in %G_FILE_ERROR instead, as
 * g_file_get_contents() does.
 */
#define LM_INPUT_FILE_ERROR (lm_input_file_error_quark ())

typedef enum
{
  LM_INPUT_FILE_ERROR_NOT_REGULAR,  /* a folder, pipe (FIFO), device or socket */
  LM_INPUT_FILE_ERROR_TOO_LARGE,    /* larger than the reader's limit */
  LM_INPUT_FILE_ERROR_CHANGED,      /* grew or shrank while it was read */
} LmInputFileError;

/* Limits on a single input file. They are generous (the largest real
 * table is under 6 MB, the largest .shp under 10 MB) and exist so that a
 * file named by a manifest can never make Levelmap read until memory
 * runs out. */
#define LM_INPUT_FILE_MAX_TABLE_BYTES     ((gsize) 256 * 1024 * 1024)
#define LM_INPUT_FILE_MAX_GEOMETRY_BYTES  ((gsize) 1024 * 1024 * 1024)

GQuark       lm_input_file_error_quark     (void);
/* "a folder", "a named pipe", "a device", "a socket": what a path that is
 * not a regular file is, for messages. @mode is a stat() st_mode. */
const char  *lm_input_file_describe_kind   (guint        mode);
/* Reads @path whole into a new NUL-terminated buffer. Only a regular file
 * (or a symbolic link to one) is read, and only when its size is at most
 * @max_bytes: a pipe, /dev/zero or /dev/stdin is refused at once rather
 * than read forever. Every message names the file. */
gboolean     lm_input_file_read            (const char  *path,
                                            gsize        max_bytes,
                                            char       **out_contents,
                                            gsize       *out_length,
                                            GError     **error);

/* Whether @path, every link resolved, lies inside @folder (resolved too;
 * the folder itself counts as inside), so that a file a manifest names
 * cannot lead out of its folder by "..", an absolute path or a link.
 * @out_real gets the resolved path (for messages), or NULL when @path
 * cannot be resolved (it is missing); a missing path is not inside. */
gboolean     lm_input_file_is_inside       (const char  *folder,
                                            const char  *path,
                                            char       **out_real);

G_END_DECLS
