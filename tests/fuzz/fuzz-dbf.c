/* fuzz-dbf.c — libFuzzer target: a shapefile's attribute table (.dbf)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-dbf.h"
#include "lm-fuzz.h"
#include "lm-shape-layer.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LmDbf) dbf = NULL;
  g_autoptr(GError) error = NULL;

  lm_fuzz_init ();
  dbf = lm_dbf_new_from_bytes ("fuzz.dbf", bytes, &error);
  if (dbf == NULL)
    {
      g_assert (error != NULL && error->domain == LM_SHAPE_ERROR);
      lm_fuzz_refused (error);
      return 0;
    }

  for (guint field = 0; field < lm_dbf_get_n_fields (dbf) && field < 16; field++)
    {
      g_autofree char *name = g_strdup (lm_dbf_get_field_name (dbf, field));
      g_auto(GStrv) strings = lm_dbf_read_strings (dbf, name, NULL);
      g_autoptr(LmProblems) report = lm_problems_new ();
      g_auto(GStrv) codes = lm_dbf_read_codes (dbf, name, report, NULL);

      /* A field name with a NUL or a case twin finds an earlier field. */
      g_assert (strings != NULL);
      g_assert (g_strv_length (strings) == lm_dbf_get_n_records (dbf));
      for (guint r = 0; strings[r] != NULL; r++)
        g_assert (g_utf8_validate (strings[r], -1, NULL));
      if (codes != NULL)
        g_assert (g_strv_length (codes) == lm_dbf_get_n_records (dbf));
      g_assert ((codes == NULL) == (lm_problems_get_n_errors (report) > 0));
    }
  return 0;
}
