/* fuzz-scenario.c — libFuzzer target: the .levelmap scenario reader
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lm-fuzz.h"
#include "lm-scenario.h"

/* Scenario files travel by e-mail like datasets: anything the reader
 * accepts must be a scenario the writer can write, and what it writes
 * must read back to the same text (the format is one setting a line in
 * a stable order, so a second round trip changes nothing). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LmScenario) scenario = NULL;
  g_autoptr(LmScenario) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length, length_again;

  lm_fuzz_init ();
  scenario = lm_scenario_parse ("fuzz.levelmap", (const char *) data, size, &error);
  if (scenario == NULL)
    {
      g_assert (error != NULL && error->domain == LM_SCENARIO_ERROR);
      lm_fuzz_refused (error);
      return 0;
    }
  text = lm_scenario_to_text (scenario, &length);
  again = lm_scenario_parse ("fuzz-again.levelmap", text, length, &error);
  if (again == NULL)
    g_error ("a scenario written from an accepted file is refused: %s", error->message);
  text_again = lm_scenario_to_text (again, &length_again);
  g_assert (length == length_again && memcmp (text, text_again, length) == 0);
  return 0;
}
