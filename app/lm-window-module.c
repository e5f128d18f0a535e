/* lm-window-module.c — the window, as a module levelmap loads to open it
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK and the libraries it brings are some seventy shared libraries, and
 * loading them cost about 8 ms before main() even ran: an eighth of a
 * headless action such as --stats. So the program itself is the command
 * line, which draws with Cairo alone, and the window lives here, loaded
 * only when one opens (main.c).
 */
#include "config.h"

#include <stdio.h>
#include <gmodule.h>
#include <glib/gi18n.h>

#include "lm-application.h"
#include "lm-cli.h"

G_MODULE_EXPORT int lm_window_module_main (int    argc,
                                           char **argv);

/* @argv as levelmap was given it: parsed again here, by this module's
 * own copy of the parser, which levelmap already found correct. */
int
lm_window_module_main (int    argc,
                       char **argv)
{
  LmCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmApplication) app = NULL;
  g_autoptr(GVariant) window_options = NULL;
  char *gui_argv[] = { argv[0], NULL };

  /* The window applies the view options once the data are loaded; what
   * needs no data is refused here, before any window. */
  if (!lm_cli_parse (&options, &argc, &argv, &error) ||
      !lm_cli_check_window_options (&options, &error))
    {
      fprintf (stderr, "levelmap: %s (%s)\n", error->message, _("see levelmap --help"));
      lm_cli_options_clear (&options);
      return 2;
    }
  window_options = lm_cli_get_window_options (&options);
  app = lm_application_new ();
  g_object_set (app,
                "data-dir", options.data_dir,
                "dataset", options.dataset,
                NULL);
  lm_application_set_window_options (app, window_options);
  lm_cli_options_clear (&options);
  return g_application_run (G_APPLICATION (app), 1, gui_argv);
}
