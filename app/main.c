/* main.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <gmodule.h>
#include <glib/gi18n.h>

#include "lm-cli.h"
#include "lm-malloc-policy.h"

#define WINDOW_MODULE "levelmap-window." G_MODULE_SUFFIX
#define DRAW_MODULE   "levelmap-draw." G_MODULE_SUFFIX

typedef int (*ModuleMain) (int argc, char **argv);

/* A module (@file): beside the program in a build tree, else where it
 * was installed. */
static char *
find_module (const char  *file,
             char       **looked_in)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *program_dir = program != NULL ? g_path_get_dirname (program) : NULL;
  const char *dirs[] = { program_dir, LM_MODULE_DIR };
  g_autoptr(GString) tried = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = dirs[i] != NULL ? g_build_filename (dirs[i], file, NULL) : NULL;

      if (path == NULL)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
      g_string_append_printf (tried, "%s%s", tried->len > 0 ? ", " : "", path);
    }
  *looked_in = g_string_free (g_steal_pointer (&tried), FALSE);
  return NULL;
}

/* Runs module @file's @symbol with the command line as given (@argv):
 * the window's, or the actions that draw. */
static int
run_module (const char  *file,
            const char  *symbol,
            int          argc,
            char       **argv)
{
  g_autofree char *looked_in = NULL;
  g_autofree char *path = find_module (file, &looked_in);
  g_autofree char **args = NULL;
  GModule *module;
  ModuleMain module_main;

  if (path == NULL)
    {
      /* TRANSLATORS: %s is a list of file paths */
      fprintf (stderr, _("levelmap: a part of Levelmap is missing (looked for %s); "
                         "reinstall Levelmap\n"),
               looked_in);
      return 1;
    }
  /* Never unloaded: the window's types and threads live until the end. */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, symbol, (gpointer *) &module_main))
    {
      fprintf (stderr, _("levelmap: cannot load %s: %s\n"), path, g_module_error ());
      return 1;
    }
  g_module_make_resident (module);
  /* The parser takes options out of the array, not its strings: a copy
   * of the array, so that @argv still frees them all. */
  args = g_memdup2 (argv, sizeof (char *) * ((gsize) argc + 1));
  return module_main (argc, args);
}

int
main (int   argc,
      char *argv[])
{
  LmCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) given = g_strdupv (argv);
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line is parsed here, not by GApplication, so that the
   * headless actions never need a display or a session bus. */
  if (!lm_cli_parse (&options, &argc, &argv, &error))
    {
      /* One line, as for every other mistake: what is wrong, then where
       * the options are explained. */
      fprintf (stderr, "levelmap: %s (%s)\n", error->message, _("see levelmap --help"));
      return 2;
    }
  if (lm_cli_is_headless (&options) && !lm_cli_draws (&options))
    {
      lm_malloc_keep_freed_blocks ();
      status = lm_cli_run (&options, NULL);
      lm_cli_options_clear (&options);
      return status;
    }
  /* The window sets its own (LmApplication's startup), so that a
   * benchmark or test that runs it gets the same. */
  if (lm_cli_is_headless (&options))
    {
      lm_malloc_return_large_blocks ();
      status = run_module (DRAW_MODULE, "lm_cli_draw_module_main", g_strv_length (given), given);
    }
  else
    status = run_module (WINDOW_MODULE, "lm_window_module_main", g_strv_length (given), given);
  lm_cli_options_clear (&options);
  return status;
}
