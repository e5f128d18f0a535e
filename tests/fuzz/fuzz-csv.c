/* fuzz-csv.c — libFuzzer target: the CSV reader and its cell parsers
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-csv.h"
#include "lm-fuzz.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LmCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cells = 0;

  lm_fuzz_init ();
  csv = lm_csv_parse ("fuzz.csv", (const char *) data, size, &error);
  if (csv == NULL)
    {
      g_assert (error != NULL && error->domain == LM_CSV_ERROR);
      lm_fuzz_refused (error);
      return 0;
    }

  /* Every cell through each number parser, as the loaders use them,
   * bounded so that a wide table does not make one input slow. */
  for (guint row = 0; row < lm_csv_get_n_rows (csv) && n_cells < 4096; row++)
    for (guint column = 0; column < lm_csv_get_n_columns (csv) && n_cells < 4096; column++)
      {
        double value;

        n_cells++;
        lm_csv_get_double (csv, row, column, &value, NULL);
        lm_csv_get_count (csv, row, column, &value, NULL);
        g_assert (lm_csv_get_line (csv, row) >= 2);
      }
  for (guint column = 0; column < lm_csv_get_n_columns (csv) && column < 8; column++)
    {
      g_autoptr(LmProblems) report = lm_problems_new ();
      g_autoptr(GError) first = NULL;

      /* The first error and the report's first agree. */
      if (!lm_csv_require_unique (csv, column, report, &first))
        g_assert (g_strcmp0 (first->message,
                             lm_problems_get_problem (report, 0, NULL)->message) == 0);
      g_assert (lm_csv_find_column (csv, lm_csv_get_column_name (csv, column)) <= (int) column);
    }
  lm_csv_require_rows (csv, NULL);
  return 0;
}
