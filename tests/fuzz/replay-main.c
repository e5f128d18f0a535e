/* replay-main.c — runs a fuzz target over files, without libFuzzer
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each argument is a file or a folder of files (the committed regression
 * corpus); every one is fed to LLVMFuzzerTestOneInput, which asserts what
 * the reader promises. A sanitizer build then checks each for memory
 * errors, undefined behaviour and leaks, as libFuzzer would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lm-fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      child = g_build_filename (path, name, NULL);
      collect (child, files);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_names);

  /* An empty corpus would make this test pass without testing anything. */
  if (files->len == 0)
    {
      fprintf (stderr, "no input files found\n");
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize size;

      if (!g_file_get_contents (path, &data, &size, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const guint8 *) data, size);
    }
  printf ("replayed %u inputs\n", files->len);
  return 0;
}
