/* lm-atomic-file.h — writing an output file so that it is never half written
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* An output file in the making: a temporary file ".NAME.XXXXXX" in the
 * target's folder, renamed over the target by lm_atomic_file_commit().
 * Freed without a commit (on any error), the temporary file is removed;
 * on SIGINT, SIGTERM or SIGHUP too, where Levelmap owns those signals.
 * Only kill -9 or a crash can leave one behind, and the target is then
 * still intact.
 *
 * The target must be a regular file or not exist yet. A symbolic link to
 * a regular file is followed, so the file it points at is replaced and the
 * link stays. Anything else (a folder, a FIFO, a device such as
 * /dev/full, a link to one of those or a dangling link) is refused with
 * G_IO_ERROR_NOT_REGULAR_FILE, because renaming over it would replace it
 * with a regular file. Errors are in the G_IO_ERROR domain and name the
 * target, never the temporary file. */
typedef struct _LmAtomicFile LmAtomicFile;

LmAtomicFile *lm_atomic_file_new           (const char    *path,
                                            GError       **error);
/* Buffered stream on the temporary file; write with stdio, then commit. */
FILE         *lm_atomic_file_get_stream    (LmAtomicFile  *file);
/* The target as shown in messages (UTF-8). */
const char   *lm_atomic_file_get_display   (LmAtomicFile  *file);
/* Flushes, checks every write, closes and renames. After a failure the
 * temporary file is gone and the target untouched. Call once. */
gboolean      lm_atomic_file_commit        (LmAtomicFile  *file,
                                            GError       **error);
/* Removes the temporary file unless committed. NULL is allowed. */
void          lm_atomic_file_free          (LmAtomicFile  *file);

/* The whole of @data to @path through an LmAtomicFile. */
gboolean      lm_atomic_file_set_contents  (const char    *path,
                                            const char    *data,
                                            gsize          length,
                                            GError       **error);

/* @data to standard output, every write checked: a full disk, a closed
 * standard output or a broken pipe is a G_IO_ERROR naming "standard
 * output". */
gboolean      lm_write_stdout              (const char    *data,
                                            gsize          length,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmAtomicFile, lm_atomic_file_free)

G_END_DECLS
