/* lm-left-behind-rule.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-left-behind-rule.h"
#include "lm-rank.h"

guint
lm_left_behind_rule_cutoff (guint  n_ranked,
                            double percent)
{
  /* The epsilon keeps 10% of 7,430 at 743 where the product rounds to
   * 742.99999. */
  return (guint) floor (n_ranked * percent / 100.0 + 1e-9);
}

void
lm_left_behind_rule_top (const guint *ranks,
                         guint        n,
                         guint        n_ranked,
                         double       percent,
                         guint8      *meets)
{
  guint cutoff = lm_left_behind_rule_cutoff (n_ranked, percent);

  for (guint a = 0; a < n; a++)
    meets[a] = ranks[a] > 0 && ranks[a] <= cutoff;
}

void
lm_left_behind_rule_meets (const LmCriterion *criterion,
                           const double      *values,
                           gboolean           higher_is_worse,
                           guint              n,
                           guint8            *meets,
                           double            *scratch_values,
                           guint             *scratch_ranks,
                           GArray            *rank_scratch)
{
  guint n_ranked;

  g_return_if_fail (criterion != NULL);

  if (criterion->kind == LM_CRITERION_AT_MOST)
    {
      for (guint a = 0; a < n; a++)
        meets[a] = !isnan (values[a]) && values[a] <= criterion->value;
      return;
    }

  /* Top percent: the worst areas first, whichever way the variable runs. */
  for (guint a = 0; a < n; a++)
    scratch_values[a] = higher_is_worse ? values[a] : -values[a];
  n_ranked = lm_rank_descending (scratch_values, n, scratch_ranks, rank_scratch);
  lm_left_behind_rule_top (scratch_ranks, n, n_ranked, criterion->value, meets);
}

void
lm_left_behind_rule_combine (double       *flags,
                             const double *values,
                             const guint8 *meets,
                             guint         n)
{
  for (guint a = 0; a < n; a++)
    {
      if (isnan (values[a]))
        flags[a] = NAN;
      else if (!meets[a] && !isnan (flags[a]))
        flags[a] = 0;
    }
}
