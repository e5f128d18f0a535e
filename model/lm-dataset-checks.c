/* lm-dataset-checks.c — what a dataset's tables and layers must satisfy
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-dataset-private.h"
#include "lm-input-file.h"

/* Damaged data must never turn into a plausible map or statistic: each
 * check here is called where its table or layer is read, so that it runs
 * however the loader is ordered. Without a list of problems the first
 * one is the error; with one (`levelmap --check`) every problem goes into
 * it and loading goes on, so that one run finds them all. */

gboolean
_lm_dataset_note (LmDataset  *self,
                  GError    **error,
                  GError     *problem)
{
  if (self->problems == NULL)
    {
      g_propagate_error (error, problem);
      return FALSE;
    }
  lm_problems_add (self->problems, LM_PROBLEM_ERROR, problem);
  if (self->deferred == NULL)
    self->deferred = problem;
  else
    g_error_free (problem);
  return TRUE;
}

void
_lm_dataset_warn (LmDataset *self,
                  GError    *warning)
{
  lm_problems_add (self->warnings, LM_PROBLEM_WARNING, warning);
  if (self->problems != NULL)
    lm_problems_add (self->problems, LM_PROBLEM_WARNING, warning);
  g_error_free (warning);
}

/* Codes */

/* Two rows with one code would make the second silently replace the
 * first (or count twice): an error naming both lines. */
gboolean
_lm_dataset_check_unique (LmDataset  *self,
                          LmCsv      *csv,
                          guint       column,
                          GError    **error)
{
  GError *first = NULL;

  if (self->problems == NULL)
    return lm_csv_require_unique (csv, column, NULL, error);
  /* Every repeat is in the list already; the first is kept for the end. */
  if (!lm_csv_require_unique (csv, column, self->problems, &first))
    {
      if (self->deferred == NULL)
        self->deferred = first;
      else
        g_error_free (first);
    }
  return TRUE;
}

/* The area of @code, trying first the one after the previous row's
 * (*@hint): tables usually list areas in code order, as the levels hold
 * them, so most rows cost a string comparison rather than a hash. */
static int
find_area_near (LmLevel    *level,
                const char *code,
                int        *hint)
{
  int next = *hint + 1;

  if (next >= 0 && (guint) next < level->n_areas && strcmp (level->codes[next], code) == 0)
    return *hint = next;
  next = lm_level_find_area (level, code);
  if (next >= 0)
    *hint = next;
  return next;
}

/* Every row of a table is an area the lookup lists (unless the table may
 * add areas), once; @out_rows gets each row's area, or -1. A row the lookup lacks was dropped without a word,
 * and then its values were blamed on the table: a damaged lookup was
 * reported as a rank out of range in the IMD table. */
gboolean
_lm_dataset_check_codes (LmDataset   *self,
                         LmCsv       *csv,
                         guint        code_column,
                         LmLevel     *level,
                         gboolean     adds_areas,
                         const char  *lookup,
                         int         *out_rows,
                         GError     **error)
{
  /* The row (+ 1) that named each area, and each code added: a repeat is
   * found by the area it names, without hashing every code again. */
  g_autofree guint *named = g_new0 (guint, MAX (level->n_areas, 1));
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  int hint = -1;

  for (guint r = 0; r < lm_csv_get_n_rows (csv); r++)
    {
      const char *code = lm_csv_get (csv, r, code_column);
      int area = find_area_near (level, code, &hint);
      guint earlier = 0;
      GError *problem = NULL;

      out_rows[r] = area;

      if (*code == '\0')
        problem = g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                               _("%s, line %u: the “%s” code is empty"),
                               lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                               lm_csv_get_column_name (csv, code_column));
      else if (area >= 0)
        {
          earlier = named[area];
          if (earlier == 0)
            named[area] = r + 1;
        }
      else if (!adds_areas)
        problem = g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                               _("%s, line %u: “%s” is not one of the %s that the lookup %s "
                                 "lists; each row of a table must be an area of its level"),
                               lm_csv_get_path (csv), lm_csv_get_line (csv, r), code,
                               lm_level_get_plural (level), lookup);
      else
        {
          earlier = GPOINTER_TO_UINT (g_hash_table_lookup (added, code));
          if (earlier == 0)
            g_hash_table_insert (added, (gpointer) code, GUINT_TO_POINTER (r + 1));
        }
      if (earlier != 0)
        problem = lm_csv_new_duplicate_error (csv, earlier - 1, r, code_column);
      if (problem != NULL && !_lm_dataset_note (self, error, problem))
        return FALSE;
    }
  return TRUE;
}

/* Values */

static gboolean
is_whole (double value)
{
  return value == floor (value);
}

/* One value of a column, by its unit: any number within
 * LM_DATASET_MAX_VALUE in size; counts whole and not negative; deciles
 * whole from 1 to 10 (ranks are checked with their whole column, by
 * _lm_dataset_check_ranks()). NAN (an empty field) is a missing value and
 * always allowed. */
gboolean
_lm_dataset_check_value (LmDataset  *self,
                         LmCsv      *csv,
                         guint       row,
                         guint       column,
                         LmUnit      unit,
                         double      value,
                         GError    **error)
{
  const char *expected = NULL;

  if (_lm_dataset_value_is_plain (unit, value))
    return TRUE;
  if (fabs (value) > LM_DATASET_MAX_VALUE)
    /* Translators: the limit is 10^15, written out */
    expected = _("a value of at most 1,000,000,000,000,000 in size");
  else if (unit == LM_UNIT_COUNT && (value < 0 || !is_whole (value)))
    expected = _("a count: a whole number of 0 or more");
  else if (unit == LM_UNIT_DECILE && (value < 1 || value > 10 || !is_whole (value)))
    expected = _("a decile: a whole number from 1 to 10");
  if (expected == NULL)
    return TRUE;
  return _lm_dataset_note (self, error,
                           g_error_new (LM_CSV_ERROR, LM_CSV_ERROR_OUT_OF_RANGE,
                                        _("%s, line %u, column “%s”: expected %s, found “%s”"),
                                        lm_csv_get_path (csv), lm_csv_get_line (csv, row),
                                        lm_csv_get_column_name (csv, column), expected,
                                        lm_csv_get (csv, row, column)));
}

/* Published ranks count the areas ranked above: 1, 2, 3, … and, after a
 * tie, 1, 2, 2, 4 (England's domain ranks have such ties). So the areas
 * of rank r, if any, follow the r - 1 areas of smaller ranks. Anything
 * else (a rank past the number ranked, two areas sharing a rank whose
 * next rank is not skipped, a gap) means the column was damaged, and
 * would give exponential scores outside 0..100 or shift them without a
 * word. @values are the column's, per area, as read from @rows, of which
 * @n_ranked are not NAN. Ranks are whole numbers, so they are counted
 * rather than sorted. */
gboolean
_lm_dataset_check_ranks (LmDataset     *self,
                         LmCsv         *csv,
                         guint          column,
                         const int     *rows,
                         const double  *values,
                         guint          n_ranked,
                         LmLevel       *level,
                         GError       **error)
{
  guint n_rows = lm_csv_get_n_rows (csv);
  g_autofree guint *count = g_new0 (guint, n_ranked + 1);
  g_autofree guint *first_row = g_new (guint, n_ranked + 1);
  guint n_bad = 0, above = 0;

  /* Each rank first, in the order of the file: a rank past the end names
   * its own row, not the row whose place it took. */
  for (guint r = 0; r < n_rows; r++)
    {
      double rank = rows[r] >= 0 ? values[rows[r]] : NAN;

      if (isnan (rank))
        continue;
      /* In range first, so that the cast is defined. */
      if (rank >= 1 && rank <= n_ranked && rank == (guint) rank)
        {
          if (count[(guint) rank]++ == 0)
            first_row[(guint) rank] = r;
          continue;
        }
      n_bad++;
      if (!_lm_dataset_note (self, error,
                             g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                                          _("%s, line %u, column “%s”: the rank of “%s” is %g, "
                                            "but ranks must be whole numbers from 1 to %u (the "
                                            "number of ranked areas)"),
                                          lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                                          lm_csv_get_column_name (csv, column),
                                          level->codes[rows[r]], rank, n_ranked)))
        return FALSE;
    }
  if (n_bad > 0)
    return TRUE;

  for (guint rank = 1; rank <= n_ranked; rank++)
    {
      guint r = first_row[rank];

      if (count[rank] == 0)
        continue;
      if (rank != above + 1)
        /* One mistake shifts every rank after it: say it once. */
        return _lm_dataset_note (self, error,
                                 g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                                              g_dngettext (GETTEXT_PACKAGE,
                                                           "%s, line %u, column “%s”: the rank of "
                                                           "“%s” is %u, but %u area ranks above "
                                                           "it; a rank is one more than the number "
                                                           "of areas above it, so tied areas share "
                                                           "a rank and the next rank skips (1, 2, "
                                                           "2, 4)",
                                                           "%s, line %u, column “%s”: the rank of "
                                                           "“%s” is %u, but %u areas rank above "
                                                           "it; a rank is one more than the number "
                                                           "of areas above it, so tied areas share "
                                                           "a rank and the next rank skips (1, 2, "
                                                           "2, 4)",
                                                           above),
                                              lm_csv_get_path (csv), lm_csv_get_line (csv, r),
                                              lm_csv_get_column_name (csv, column),
                                              level->codes[rows[r]], rank, above));
      above += count[rank];
    }
  return TRUE;
}

/* Counts of an election row, each part of the one before it: the
 * electorate, the ballots cast, the valid votes, the votes for the
 * option. Leave > valid votes gave 169,291% Leave. */
gboolean
_lm_dataset_check_votes (LmDataset    *self,
                         LmCsv        *csv,
                         guint         row,
                         const guint  *columns,
                         const double *counts,
                         guint         n_counts,
                         GError      **error)
{
  for (guint c = 1; c < n_counts; c++)
    {
      if (isnan (counts[c]) || isnan (counts[c - 1]) || counts[c] <= counts[c - 1])
        continue;
      return _lm_dataset_note (self, error,
                               g_error_new (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                                            _("%s, line %u: “%s” is %.0f, more than “%s” (%.0f), "
                                              "of which it is a part"),
                                            lm_csv_get_path (csv), lm_csv_get_line (csv, row),
                                            lm_csv_get_column_name (csv, columns[c]), counts[c],
                                            lm_csv_get_column_name (csv, columns[c - 1]),
                                            counts[c - 1]));
    }
  return TRUE;
}

/* Boundaries */

static gboolean
note_shape_problem (LmProblems  *problems,
                    guint        n_errors_before,
                    GError     **error,
                    GError      *problem)
{
  /* The layer readers put what they found in @problems already, and fail
   * with the first of it; anything else (a missing file) goes in here. */
  if (problems != NULL && lm_problems_get_n_errors (problems) == n_errors_before)
    lm_problems_add (problems, LM_PROBLEM_ERROR, problem);
  g_propagate_error (error, problem);
  return FALSE;
}

/* Matches the polygons to the areas by code. No match at all is an error
 * (the wrong field or the wrong file: the map would be blank); areas
 * without a polygon beyond LM_DATASET_MAX_UNMAPPED_SHARE, or polygons of
 * no area, are a warning that says how many. */
static gboolean
match_features (LmDataset     *self,
                LmLevel       *level,
                LmShapeLayer  *shapes,
                char         **codes,
                GError       **error)
{
  LevelSource *source = &self->sources[level->depth];
  guint n_features = lm_shape_layer_get_n_features (shapes);
  g_autofree char *file = g_path_get_basename (lm_shape_layer_get_path (shapes));
  g_autoptr(GString) warning = g_string_new (NULL);
  guint n_unknown = 0, n_matched = 0, n_unmapped;
  int first_unknown = -1;

  for (guint i = 0; i < level->n_areas; i++)
    level->feature[i] = -1;
  for (guint f = 0; f < n_features; f++)
    {
      int area = lm_level_find_area (level, codes[f]);

      if (area < 0)
        {
          if (n_unknown++ == 0)
            first_unknown = (int) f;
          continue;
        }
      level->feature[area] = (int) f;
      n_matched++;
    }
  if (n_features == 0)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("%s holds no polygons, so the map would be blank"),
                   lm_shape_layer_get_path (shapes));
      return FALSE;
    }
  if (n_matched == 0)
    {
      g_set_error (error, LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                   _("%s: no polygon’s code in the field “%s” is one of the %s of the tables "
                     "(the first is “%s”), so the map would be blank; check the manifest’s "
                     "code-field and the file"),
                   lm_shape_layer_get_path (shapes), source->code_field,
                   lm_level_get_plural (level), codes[0]);
      return FALSE;
    }

  n_unmapped = level->n_areas - n_matched;
  if (n_unmapped > level->n_areas * LM_DATASET_MAX_UNMAPPED_SHARE)
    g_string_append_printf (warning,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u %s has no polygon in %s and is left out "
                                         "of the map",
                                         "%u of the %u %s have no polygon in %s and are left out "
                                         "of the map",
                                         n_unmapped),
                            n_unmapped, level->n_areas, lm_level_get_plural (level), file);
  if (n_unknown > 0)
    g_string_append_printf (warning,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%s%u polygon of %s has a code that no table lists "
                                         "(record %d, “%s”) and is not drawn",
                                         "%s%u polygons of %s have a code that no table lists "
                                         "(the first: record %d, “%s”) and are not drawn",
                                         n_unknown),
                            warning->len > 0 ? "; " : "", n_unknown, file, first_unknown + 1,
                            codes[first_unknown]);
  if (warning->len > 0)
    {
      source->warning = g_strdup_printf (_("%s: %s."), level->title, warning->str);
      _lm_dataset_warn (self, g_error_new_literal (LM_DATASET_ERROR, LM_DATASET_ERROR_DATA,
                                                   source->warning));
    }
  return TRUE;
}

/* Reads, checks and matches the boundaries of @level (see
 * lm_dataset_ensure_shapes()); checking, every damaged record and bad
 * code goes into self->problems. */
gboolean
_lm_dataset_read_shapes (LmDataset  *self,
                         LmLevel    *level,
                         GError    **error)
{
  LevelSource *source = &self->sources[level->depth];
  LmProblems *problems = self->problems;
  guint n_errors = problems != NULL ? lm_problems_get_n_errors (problems) : 0;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LmShapeLayer) shapes = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *path = NULL;

  path = _lm_dataset_resolve_shapefile (self, level, &local_error);
  if (path == NULL ||
      !_lm_dataset_take_prefetched_shapes (self, level, path, source->code_field, problems,
                                           &shapes, &codes, &local_error) ||
      !match_features (self, level, shapes, codes, &local_error))
    {
      if (local_error->domain == LM_INPUT_FILE_ERROR)
        g_prefix_error (&local_error, _("%s, line %ld: "), self->manifest_path, source->line);
      return note_shape_problem (problems, n_errors, error, g_steal_pointer (&local_error));
    }
  level->shapes = g_steal_pointer (&shapes);
  return TRUE;
}
