/* lm-shape-hooks.c — the files of a shapefile set, and shapelib reading
 * them from memory with its messages collected
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lm-input-file.h"
#include "lm-shape-hooks-private.h"
#include "lm-shape-layer.h"

/* Thread-local, since shapelib 1.5's hooks carry no user data. */
static _Thread_local LmShapelibContext *current_context;

typedef struct
{
  const char *data;
  gsize       size;
  gsize       pos;
} MemoryFile;

static void
capture_error (const char *message)
{
  if (current_context == NULL)
    {
      g_debug ("shapelib: %s", message);
      return;
    }

  if (current_context->messages->len > 0)
    g_string_append (current_context->messages, "; ");
  /* shapelib's text may carry a file name in any encoding. */
  if (g_utf8_validate (message, -1, NULL))
    {
      g_string_append (current_context->messages, message);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      g_string_append (current_context->messages, valid);
    }
}

static SAFile
memory_open (const char *filename,
             const char *access)
{
  MemoryFile *file;
  gsize len;

  /* Only reading is ever asked for: any other access mode is a bug. */
  if (current_context == NULL || strpbrk (access, "wa+") != NULL)
    return NULL;

  len = strlen (filename);
  if (len < 4)
    return NULL;

  file = g_new0 (MemoryFile, 1);
  if (g_ascii_strcasecmp (filename + len - 4, ".shp") == 0 &&
      current_context->shp_data != NULL)
    {
      file->data = current_context->shp_data;
      file->size = current_context->shp_size;
    }
  else if (g_ascii_strcasecmp (filename + len - 4, ".shx") == 0 &&
           current_context->shx_data != NULL)
    {
      file->data = current_context->shx_data;
      file->size = current_context->shx_size;
    }
  else
    {
      g_free (file);
      return NULL;
    }

  return (SAFile) file;
}

static SAOffset
memory_read (void     *buffer,
             SAOffset  size,
             SAOffset  n_items,
             SAFile    handle)
{
  MemoryFile *file = (MemoryFile *) handle;
  gsize available;
  gsize count;

  if (size == 0 || file->pos >= file->size)
    return 0;

  available = (file->size - file->pos) / size;
  count = MIN ((gsize) n_items, available);
  memcpy (buffer, file->data + file->pos, count * size);
  file->pos += count * size;

  return count;
}

static SAOffset
memory_seek (SAFile   handle,
             SAOffset offset,
             int      whence)
{
  MemoryFile *file = (MemoryFile *) handle;

  /* Unsigned arithmetic wraps, so a negative offset cast to SAOffset
   * still moves backwards as it does with fseek. */
  switch (whence)
    {
    case SEEK_SET:
      file->pos = offset;
      break;
    case SEEK_CUR:
      file->pos += offset;
      break;
    case SEEK_END:
      file->pos = file->size + offset;
      break;
    default:
      return (SAOffset) -1;
    }

  return 0;
}

static SAOffset
memory_tell (SAFile handle)
{
  return ((MemoryFile *) handle)->pos;
}

static int
memory_flush (SAFile handle)
{
  return 0;
}

static int
memory_close (SAFile handle)
{
  g_free (handle);
  return 0;
}

#ifdef LM_SHAPELIB_HOOKS_1_6
static SAFile
memory_open_hook (const char *filename,
                  const char *access,
                  void       *user_data)
{
  return memory_open (filename, access);
}

static SAOffset
memory_write_hook (const void *buffer,
                   SAOffset    size,
                   SAOffset    n_items,
                   SAFile      handle)
{
  return 0;
}
#else
static SAFile
memory_open_hook (const char *filename,
                  const char *access)
{
  return memory_open (filename, access);
}

static SAOffset
memory_write_hook (void     *buffer,
                   SAOffset  size,
                   SAOffset  n_items,
                   SAFile    handle)
{
  return 0;
}
#endif

void
lm_shapelib_setup_memory_hooks (SAHooks *hooks)
{
  SASetupDefaultHooks (hooks);
  hooks->FOpen = memory_open_hook;
  hooks->FRead = memory_read;
  hooks->FWrite = memory_write_hook;
  hooks->FSeek = memory_seek;
  hooks->FTell = memory_tell;
  hooks->FFlush = memory_flush;
  hooks->FClose = memory_close;
  hooks->Error = capture_error;
}

LmShapelibContext *
lm_shapelib_context_push (LmShapelibContext *context)
{
  LmShapelibContext *previous = current_context;

  context->messages = g_string_new (NULL);
  current_context = context;

  return previous;
}

void
lm_shapelib_context_pop (LmShapelibContext *context,
             LmShapelibContext *previous)
{
  current_context = previous;
  g_string_free (context->messages, TRUE);
  context->messages = NULL;
}

gboolean
lm_shapefile_read_part (const char  *path,
                        gsize        max_bytes,
                        char       **out_contents,
                        gsize       *out_size,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  if (lm_input_file_read (path, max_bytes, out_contents, out_size, &local_error))
    return TRUE;

  display = g_filename_display_name (path);
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_set_error (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO,
                 _("%s is missing: a shapefile needs its .shp, .shx and .dbf "
                   "files side by side"),
                 display);
  else if (local_error->domain == G_FILE_ERROR)
    g_set_error_literal (error, LM_SHAPE_ERROR, LM_SHAPE_ERROR_IO, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
