/* main.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "lm-application.h"
#include "lm-cli.h"

int
main (int   argc,
      char *argv[])
{
  LmCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LmApplication) app = NULL;
  g_autoptr(GVariant) window_options = NULL;
  char *gui_argv[] = { argv[0], NULL };
  int status;

  /* glibc raises its mmap threshold to the size of any large block freed,
   * after which large blocks come from heaps that rarely shrink: the
   * tables' buffers, freed after loading, then stayed resident beside
   * the pictures that followed. A fixed threshold returns every large
   * block to the system when it is freed (5 MB less at the peak of a
   * map export, and a window whose memory follows its use). */
#ifdef M_MMAP_THRESHOLD
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
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
  if (lm_cli_is_headless (&options))
    {
      status = lm_cli_run (&options);
      lm_cli_options_clear (&options);
      return status;
    }

  /* The window applies the view options once the data are loaded; what
   * needs no data is refused here, before any window. */
  if (!lm_cli_check_window_options (&options, &error))
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
