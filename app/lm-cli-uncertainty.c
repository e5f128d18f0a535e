/* lm-cli-uncertainty.c — the command line's Monte Carlo over weights
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "lm-cli-private.h"
#include "lm-weight-sampler.h"

gboolean
_lm_cli_check_uncertainty_options (const LmCliOptions  *options,
                                   GError             **error)
{
  const char *alone = options->seed != NULL ? "--seed"
                      : options->spread != NULL ? "--spread"
                      : options->weight_ranges != NULL ? "--weight-range"
                      : options->locks != NULL ? "--lock"
                      : options->threads != 0 ? "--threads" : NULL;

  if (options->uncertainty == 0 && alone != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s shapes the weight draws of --uncertainty=N, which was not given"), alone);
      return FALSE;
    }
  if (options->uncertainty < 0 || options->uncertainty > LM_UNCERTAINTY_MAX_DRAWS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--uncertainty must be a number of draws from 1 to %u, not %d"),
                   LM_UNCERTAINTY_MAX_DRAWS, options->uncertainty);
      return FALSE;
    }
  if (options->seed != NULL &&
      !g_ascii_string_to_unsigned (options->seed, 10, 0, G_MAXUINT64, NULL, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number of zero or more, not “%s”"), options->seed);
      return FALSE;
    }
  if (options->threads < 0 || options->threads > 256)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--threads must be from 1 to 256, not %d"), options->threads);
      return FALSE;
    }
  if (options->spread != NULL && options->weight_ranges != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--spread draws around the weights and --weight-range within ranges: "
                     "give one or the other"));
      return FALSE;
    }
  return TRUE;
}

static LmWeightSampler *
make_sampler (LmModel             *model,
              const LmCliOptions  *options,
              GError             **error)
{
  g_autoptr(LmWeightSampler) sampler = lm_weight_sampler_new (lm_model_get_dataset (model));
  double concentration;

  if (options->spread != NULL)
    {
      if (!lm_weight_spread_parse (options->spread, &concentration, error))
        return NULL;
      lm_weight_sampler_set_concentration (sampler, concentration);
    }
  for (guint i = 0; options->weight_ranges != NULL && options->weight_ranges[i] != NULL; i++)
    if (!lm_weight_sampler_parse_range (sampler, options->weight_ranges[i], error))
      return NULL;
  for (guint i = 0; options->locks != NULL && options->locks[i] != NULL; i++)
    if (!lm_weight_sampler_lock (sampler, options->locks[i], error))
      return NULL;
  return g_steal_pointer (&sampler);
}

static LmUncertainty *
run_once (LmModel             *model,
          LmWeightSampler     *sampler,
          const LmCliOptions  *options,
          GError             **error)
{
  guint64 seed = LM_UNCERTAINTY_DEFAULT_SEED;

  /* Checked by _lm_cli_check_uncertainty_options(). */
  if (options->seed != NULL)
    g_ascii_string_to_unsigned (options->seed, 10, 0, G_MAXUINT64, &seed, NULL);

  return lm_uncertainty_run (lm_model_get_dataset (model), sampler, (guint) options->uncertainty,
                             seed, (guint) options->threads, NULL, NULL, NULL, error);
}

gboolean
_lm_cli_run_uncertainty (LmModel             *model,
                         const LmCliOptions  *options,
                         GError             **error)
{
  g_autoptr(LmWeightSampler) sampler = make_sampler (model, options, error);
  g_autoptr(LmUncertainty) result = NULL;

  if (sampler == NULL)
    return FALSE;
  result = run_once (model, sampler, options, error);
  if (result == NULL)
    return FALSE;
  lm_model_set_uncertainty (model, result);
  return TRUE;
}

int
_lm_cli_print_uncertainty (LmModel *model)
{
  LmUncertainty *result = lm_model_get_uncertainty (model);
  LmWeightSampler *sampler = lm_uncertainty_get_sampler (result);
  const char *name = lm_weight_spread_get_name (lm_weight_sampler_get_concentration (sampler));
  g_autofree char *description = lm_weight_sampler_describe (sampler);

  printf ("draws: %u\nseed: %" G_GUINT64_FORMAT "\n", lm_uncertainty_get_n_draws (result),
          lm_uncertainty_get_seed (result));
  if (lm_weight_sampler_get_mode (sampler) == LM_WEIGHT_SPREAD_UNIFORM)
    printf ("spread: ranges\n");
  else
    printf ("spread: %s\nconcentration: %g\n", name != NULL ? name : "custom",
            lm_weight_sampler_get_concentration (sampler));
  printf ("draws_described: %s\n", description);
  if (lm_uncertainty_get_rule_level (result) != NULL)
    printf ("rule_level: %s\nleft_behind: %u\nstaying_90: %u\nentering_10: %u\n",
            lm_uncertainty_get_rule_level (result)->id,
            lm_uncertainty_count_left_behind (result),
            lm_uncertainty_count_staying (result, LM_UNCERTAINTY_STAYING),
            lm_uncertainty_count_entering (result, LM_UNCERTAINTY_ENTERING));
  printf ("elapsed_ms: %.1f\n", lm_uncertainty_get_elapsed_ms (result));
  return 0;
}

gboolean
_lm_cli_bench_uncertainty (LmModel             *model,
                           const LmCliOptions  *options,
                           guint                n_runs,
                           GArray              *samples,
                           GError             **error)
{
  g_autoptr(LmWeightSampler) sampler = make_sampler (model, options, error);

  if (sampler == NULL)
    return FALSE;
  for (guint r = 0; r < n_runs; r++)
    {
      g_autoptr(LmUncertainty) result = run_once (model, sampler, options, error);
      double ms;

      if (result == NULL)
        return FALSE;
      ms = lm_uncertainty_get_elapsed_ms (result);
      g_array_append_val (samples, ms);
    }
  return TRUE;
}
