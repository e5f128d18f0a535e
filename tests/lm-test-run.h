/* lm-test-run.h — running the levelmap binary as a user would
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <string.h>
#include <glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} LmTestRun;

static inline void
lm_test_run_clear (LmTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LmTestRun, lm_test_run_clear)

/* Runs @argv to the end; @headless takes the display away, as on a
 * server. */
static inline LmTestRun
lm_test_run_argv (char     **argv,
                  gboolean   headless)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  LmTestRun run = { 0 };
  int wait_status;

  if (headless)
    {
      env = g_environ_unsetenv (env, "DISPLAY");
      env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
    }
  g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err, &wait_status,
                &error);
  g_assert_no_error (error);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}

/* Runs $LEVELMAP_BINARY with @first_arg (if not NULL) and the arguments
 * from @first to the NULL in @args, without a display. */
static inline LmTestRun
lm_test_run_levelmap_valist (const char *first_arg,
                             const char *first,
                             va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_assert_nonnull (g_getenv ("LEVELMAP_BINARY"));
  g_ptr_array_add (argv, (char *) g_getenv ("LEVELMAP_BINARY"));
  if (first_arg != NULL)
    g_ptr_array_add (argv, (char *) first_arg);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  return lm_test_run_argv ((char **) argv->pdata, TRUE);
}

/* Runs levelmap with the arguments (NULL-terminated) and no display. */
static inline LmTestRun
lm_test_run_levelmap (const char *first,
                      ...)
{
  LmTestRun run;
  va_list args;

  va_start (args, first);
  run = lm_test_run_levelmap_valist (NULL, first, args);
  va_end (args);
  return run;
}

/* The value of a "key: value" line of @out. */
static inline double
lm_test_stat_value (const char *out,
                    const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\n%s: ", key);
  g_autofree char *text = g_strconcat ("\n", out, NULL);
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return g_ascii_strtod (hit + strlen (needle), NULL);
}

/* The words of a PDF (pages @first to @last, from 1; 0 for all), read
 * with pdftotext ($LEVELMAP_PDFTOTEXT, from poppler-utils); a test that
 * needs them fails without it. */
static inline char *
lm_test_pdf_text (const char *path,
                  guint       first,
                  guint       last)
{
  const char *pdftotext = g_getenv ("LEVELMAP_PDFTOTEXT");
  g_autofree char *f = g_strdup_printf ("%u", first);
  g_autofree char *l = g_strdup_printf ("%u", last);
  char *all[] = { (char *) pdftotext, (char *) path, (char *) "-", NULL };
  char *pages[] = { (char *) pdftotext, (char *) "-f", f, (char *) "-l", l, (char *) path,
                    (char *) "-", NULL };
  LmTestRun run;

  if (pdftotext == NULL || *pdftotext == '\0')
    g_error ("pdftotext is needed to read the figures' words (Debian package poppler-utils)");
  run = lm_test_run_argv (first > 0 ? pages : all, TRUE);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  return run.out;
}
