/* lm-atomic-file.c — writing an output file so that it is never half written
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lm-atomic-file.h"
#include "lm-input-file.h"

struct _LmAtomicFile
{
  char     *target;     /* where the rename goes: @path, or the file its link names */
  char     *display;    /* @path as given, for messages */
  char     *tmp_path;
  FILE     *stream;
  int       slot;       /* in pending[], or -1 */
  gboolean  replacing;  /* the target exists: keep its permissions, sync first */
  mode_t    mode;
};

/* ---------------------------------------------------------------------- */
/* Removing temporary files on signals                                    */
/* ---------------------------------------------------------------------- */

/* The handler may only use async-signal-safe calls, so the temporary
 * paths live in fixed slots rather than a GLib list. A slot's generation
 * changes on every claim and release; the handler copies a live path and
 * unlinks the copy only if the generation did not change meanwhile, so a
 * path being rewritten by another thread is never half read. */
#define N_PENDING 16

typedef struct
{
  atomic_int   live;
  atomic_int   claimed;
  atomic_uint  generation;
  char         path[PATH_MAX];
} PendingSlot;

static PendingSlot pending[N_PENDING];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void
remove_pending_files (void)
{
  for (guint i = 0; i < N_PENDING; i++)
    {
      char copy[PATH_MAX];
      unsigned before = atomic_load (&pending[i].generation);

      if (!atomic_load (&pending[i].live))
        continue;
      memcpy (copy, pending[i].path, sizeof copy);
      copy[sizeof copy - 1] = '\0';
      if (atomic_load (&pending[i].generation) == before && atomic_load (&pending[i].live))
        unlink (copy);
    }
}

static void
on_fatal_signal (int signum)
{
  int saved_errno = errno;

  remove_pending_files ();
  /* SA_RESETHAND restored the default action: die of the same signal,
   * so the parent sees what happened. */
  errno = saved_errno;
  raise (signum);
}

/* Only where nobody else handles the signal: an application that set its
 * own handler (GLib's g_unix_signal_add, say) keeps it. */
static void
install_handlers_once (void)
{
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old;
      struct sigaction action = { 0 };

      if (sigaction (cleanup_signals[i], NULL, &old) != 0 ||
          (old.sa_flags & SA_SIGINFO) != 0 || old.sa_handler != SIG_DFL)
        continue;
      action.sa_handler = on_fatal_signal;
      action.sa_flags = SA_RESETHAND;
      sigemptyset (&action.sa_mask);
      sigaction (cleanup_signals[i], &action, NULL);
    }
  g_once_init_leave (&installed, 1);
}

static int
pending_add (const char *path)
{
  if (strlen (path) >= PATH_MAX)
    return -1;
  install_handlers_once ();
  for (int i = 0; i < N_PENDING; i++)
    {
      int expected = 0;

      if (!atomic_compare_exchange_strong (&pending[i].claimed, &expected, 1))
        continue;
      atomic_fetch_add (&pending[i].generation, 1);
      strcpy (pending[i].path, path);
      atomic_fetch_add (&pending[i].generation, 1);
      atomic_store (&pending[i].live, 1);
      return i;
    }
  /* More exports at once than slots: this one is cleaned up on errors,
   * just not on signals. */
  return -1;
}

static void
pending_remove (int slot)
{
  if (slot < 0)
    return;
  atomic_store (&pending[slot].live, 0);
  atomic_fetch_add (&pending[slot].generation, 1);
  atomic_store (&pending[slot].claimed, 0);
}

/* ---------------------------------------------------------------------- */
/* The target                                                             */
/* ---------------------------------------------------------------------- */

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s."), display, g_strerror (saved_errno));
}

/* Decides where the rename goes, refusing every target that a rename
 * would destroy rather than replace. */
static gboolean
resolve_target (LmAtomicFile  *self,
                const char    *path,
                GError       **error)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != ENOENT)
        {
          set_errno_error (error, saved_errno, self->display);
          return FALSE;
        }
      self->target = g_strdup (path);
      return TRUE;
    }

  if (S_ISLNK (st.st_mode))
    {
      if (stat (path, &st) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("Could not write “%s”: it is a symbolic link to nothing; "
                         "remove the link or choose another name."),
                       self->display);
          return FALSE;
        }
      if (S_ISREG (st.st_mode))
        {
          char *resolved = realpath (path, NULL);

          if (resolved == NULL)
            {
              set_errno_error (error, errno, self->display);
              return FALSE;
            }
          self->target = g_strdup (resolved);
          free (resolved);
        }
    }
  else if (S_ISREG (st.st_mode))
    {
      self->target = g_strdup (path);
    }

  if (!S_ISREG (st.st_mode))
    {
      /* A folder gets GIO's own code for it, as g_file_replace() does. */
      g_set_error (error, G_IO_ERROR,
                   S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not write “%s”: it is %s, not a regular file; "
                     "choose a file name (or - for standard output)."),
                   self->display, lm_input_file_describe_kind (st.st_mode));
      return FALSE;
    }

  self->replacing = TRUE;
  self->mode = st.st_mode & 07777;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */
/* ---------------------------------------------------------------------- */

/**
 * lm_atomic_file_new:
 * @path: the file to write (not "-": standard output is not a file to
 *   replace; see lm_write_stdout())
 * @error: a G_IO_ERROR naming @path
 *
 * Returns: (transfer full) (nullable): the file in the making
 */
LmAtomicFile *
lm_atomic_file_new (const char  *path,
                    GError     **error)
{
  g_autoptr(LmAtomicFile) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  int fd;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LmAtomicFile, 1);
  self->slot = -1;
  self->display = g_filename_display_name (path);
  if (!resolve_target (self, path, error))
    return NULL;

  /* Same folder, so that the rename cannot cross file systems. */
  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  if (strlen (base) > 200)
    base[200] = '\0';
  self->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno, self->display);
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }
  self->slot = pending_add (self->tmp_path);
  self->stream = fdopen (fd, "wb");
  if (self->stream == NULL)
    {
      set_errno_error (error, errno, self->display);
      close (fd);
      return NULL;
    }
  setvbuf (self->stream, NULL, _IOFBF, 256 * 1024);

  return g_steal_pointer (&self);
}

FILE *
lm_atomic_file_get_stream (LmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

const char *
lm_atomic_file_get_display (LmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display;
}

gboolean
lm_atomic_file_commit (LmAtomicFile  *self,
                       GError       **error)
{
  FILE *stream;
  int saved_errno = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->stream != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_steal_pointer (&self->stream);
  if (fflush (stream) != 0 || ferror (stream))
    saved_errno = errno != 0 ? errno : EIO;
  /* Like g_file_set_contents: when a file is replaced, its new content
   * must be on disk before the rename, or a power cut can leave it
   * empty. A new file has no old content to lose. */
  if (saved_errno == 0 && self->replacing)
    {
      if (fchmod (fileno (stream), self->mode) != 0 || fsync (fileno (stream)) != 0)
        saved_errno = errno;
    }
  if (fclose (stream) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (self->tmp_path, self->target) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      set_errno_error (error, saved_errno, self->display);
      return FALSE;
    }

  pending_remove (self->slot);
  self->slot = -1;
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

void
lm_atomic_file_free (LmAtomicFile *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    fclose (self->stream);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  pending_remove (self->slot);
  g_free (self->tmp_path);
  g_free (self->target);
  g_free (self->display);
  g_free (self);
}

gboolean
lm_atomic_file_set_contents (const char  *path,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(LmAtomicFile) file = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  file = lm_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  if (length > 0)
    fwrite (data, 1, length, file->stream);
  /* A short write sets the stream's error flag, which commit checks. */
  return lm_atomic_file_commit (file, error);
}

gboolean
lm_write_stdout (const char  *data,
                 gsize        length,
                 GError     **error)
{
  int saved_errno = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  errno = 0;
  if ((length > 0 && fwrite (data, 1, length, stdout) != length) ||
      fflush (stdout) != 0 || ferror (stdout))
    saved_errno = errno != 0 ? errno : EIO;
  if (saved_errno == 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write to standard output: %s."), g_strerror (saved_errno));
  return FALSE;
}
