/* lm-fuzz.h — what every fuzz target shares
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#undef G_DISABLE_ASSERT

#include <stddef.h>
#include <glib.h>

int  LLVMFuzzerTestOneInput  (const guint8 *data,
                              size_t        size);

/* With LM_FUZZ_VERBOSE set (replaying a corpus by hand), says why an
 * input was refused: a seed that is refused is a poor seed. */
static inline void
lm_fuzz_refused (const GError *error)
{
  if (g_getenv ("LM_FUZZ_VERBOSE") != NULL)
    g_printerr ("refused: %s\n", error->message);
}

/* A critical or a warning from GLib means a programmer error reached by
 * input: make it a crash, so that the fuzzer reports it. */
static inline void
lm_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  done = TRUE;
}
