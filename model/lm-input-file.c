/* lm-input-file.c — reading an untrusted input file whole, safely
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "lm-input-file.h"

G_DEFINE_QUARK (lm-input-file-error-quark, lm_input_file_error)

const char *
lm_input_file_describe_kind (guint mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a named pipe");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not an ordinary file");
}

static gboolean
check_regular (const char         *display,
               const struct stat  *st,
               gsize               max_bytes,
               GError            **error)
{
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_NOT_REGULAR,
                   _("%s is %s, not a regular file; data are read only from ordinary files"),
                   display, lm_input_file_describe_kind (st->st_mode));
      return FALSE;
    }
  if (st->st_size < 0 || (guint64) st->st_size > max_bytes)
    {
      g_autofree char *size = g_format_size ((guint64) MAX (st->st_size, 0));
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_TOO_LARGE,
                   _("%s is too large (%s): files over %s are not read"),
                   display, size, limit);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  STEP_OPEN,
  STEP_READ,
} Step;

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 Step         step,
                 const char  *display)
{
  if (step == STEP_OPEN)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not open %s: %s"), display, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not read %s: %s"), display, g_strerror (saved_errno));
}

/* Reads exactly @size bytes; one byte more than announced means the file
 * grew, fewer means it shrank. Either way what was read is not the file
 * that was checked. */
static gboolean
read_exactly (int          fd,
              const char  *display,
              char        *buffer,
              gsize        size,
              GError     **error)
{
  gsize done = 0;
  char extra;

  while (done < size)
    {
      gssize n = read (fd, buffer + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, STEP_READ, display);
          return FALSE;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }

  if (done == size)
    {
      gssize n;

      do
        n = read (fd, &extra, 1);
      while (n < 0 && errno == EINTR);
      if (n == 0)
        return TRUE;
    }

  g_set_error (error, LM_INPUT_FILE_ERROR, LM_INPUT_FILE_ERROR_CHANGED,
               _("%s changed while it was being read; try again once nothing is writing to it"),
               display);
  return FALSE;
}

/**
 * lm_input_file_read:
 * @path: the file
 * @max_bytes: the largest size accepted
 * @out_contents: (out): the bytes, followed by a NUL; free with g_free()
 * @out_length: (out): the number of bytes, the NUL not counted
 * @error: a %LM_INPUT_FILE_ERROR, or a %G_FILE_ERROR when the file cannot
 *   be opened or read
 *
 * The file is checked before it is opened, so that opening has no side
 * effect (a FIFO without a writer would block the open itself), and again
 * through the open descriptor, so that a file swapped in between is
 * caught too.
 *
 * Returns: %TRUE on success
 */
gboolean
lm_input_file_read (const char  *path,
                    gsize        max_bytes,
                    char       **out_contents,
                    gsize       *out_length,
                    GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize size;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (stat (path, &st) != 0)
    {
      set_errno_error (error, errno, STEP_OPEN, display);
      return FALSE;
    }
  if (!check_regular (display, &st, max_bytes, error))
    return FALSE;

  /* O_NONBLOCK: should the path have become a FIFO since the stat, the
   * open still returns at once and fstat() refuses it below. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_errno_error (error, errno, STEP_OPEN, display);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, STEP_READ, display);
      close (fd);
      return FALSE;
    }
  if (!check_regular (display, &st, max_bytes, error))
    {
      close (fd);
      return FALSE;
    }

  size = (gsize) st.st_size;
  buffer = g_try_malloc (size + 1);
  if (buffer == NULL)
    {
      g_autofree char *shown = g_format_size (size);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   _("Not enough memory to read %s (%s)"), display, shown);
      close (fd);
      return FALSE;
    }
  if (!read_exactly (fd, display, buffer, size, error))
    {
      close (fd);
      return FALSE;
    }
  close (fd);

  buffer[size] = '\0';
  *out_contents = g_steal_pointer (&buffer);
  if (out_length != NULL)
    *out_length = size;
  return TRUE;
}

static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    return NULL;
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

gboolean
lm_input_file_is_inside (const char  *folder,
                         const char  *path,
                         char       **out_real)
{
  g_autofree char *root = NULL;
  g_autofree char *real = NULL;
  gsize n;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  real = real_path (path);
  root = real_path (folder);
  if (out_real != NULL)
    *out_real = g_strdup (real);
  if (real == NULL || root == NULL)
    return FALSE;
  n = strlen (root);
  /* "/data/set" holds "/data/set/x.csv", not "/data/set-2". */
  return strncmp (real, root, n) == 0 &&
         (real[n] == '\0' || real[n] == G_DIR_SEPARATOR || root[n - 1] == G_DIR_SEPARATOR);
}
