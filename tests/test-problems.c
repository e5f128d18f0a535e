/* test-problems.c — the list of problems a reader can fill
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include <glib.h>

#include "lm-problems.h"

#define TEST_ERROR (g_quark_from_static_string ("test-error"))

static void
test_note (void)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  GError *first = NULL;
  LmProblemSeverity severity = LM_PROBLEM_WARNING;

  /* The first error is kept for the caller, every one is listed. */
  lm_problems_note (problems, &first, g_error_new (TEST_ERROR, 1, "a.csv, line 2: one"));
  lm_problems_note (problems, &first, g_error_new (TEST_ERROR, 2, "a.csv, line 5: two"));
  g_assert_error (first, TEST_ERROR, 1);
  g_assert_cmpuint (lm_problems_get_n_errors (problems), ==, 2);
  g_assert_cmpuint (lm_problems_get_n_kept (problems), ==, 2);
  g_assert_error ((GError *) lm_problems_get_problem (problems, 1, &severity), TEST_ERROR, 2);
  g_assert_cmpint (severity, ==, LM_PROBLEM_ERROR);
  g_clear_error (&first);

  /* Without a list, only the first is kept; without a place for it,
   * nothing leaks. */
  lm_problems_note (NULL, &first, g_error_new (TEST_ERROR, 3, "three"));
  lm_problems_note (NULL, &first, g_error_new (TEST_ERROR, 4, "four"));
  g_assert_error (first, TEST_ERROR, 3);
  g_clear_error (&first);
  lm_problems_note (NULL, NULL, g_error_new (TEST_ERROR, 5, "five"));
}

static void
test_format_and_limit (void)
{
  g_autoptr(LmProblems) problems = lm_problems_new ();
  g_autoptr(GError) error = g_error_new (TEST_ERROR, 1, "b.dbf, record 7: bad");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  lm_problems_add (problems, LM_PROBLEM_ERROR, error);
  for (guint i = 0; i < LM_PROBLEMS_MAX_KEPT + 4; i++)
    lm_problems_add_warning (problems, TEST_ERROR, 2, "c.csv, line %u: odd", i + 2);

  /* Everything is counted; only so many are kept. */
  g_assert_cmpuint (lm_problems_get_n_errors (problems), ==, 1);
  g_assert_cmpuint (lm_problems_get_n_warnings (problems), ==, LM_PROBLEMS_MAX_KEPT + 4);
  g_assert_cmpuint (lm_problems_get_n_kept (problems), ==, LM_PROBLEMS_MAX_KEPT);

  text = lm_problems_format (problems);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "error: b.dbf, record 7: bad");
  g_assert_cmpstr (lines[1], ==, "warning: c.csv, line 2: odd");
  g_assert_cmpstr (lines[LM_PROBLEMS_MAX_KEPT], ==, "… and 5 more problems, not listed");
  g_assert_cmpstr (lines[LM_PROBLEMS_MAX_KEPT + 1], ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/problems/note", test_note);
  g_test_add_func ("/model/problems/format-and-limit", test_format_and_limit);

  return g_test_run ();
}
