/* lm-cli-private.h — what lm-cli.c and the analysis actions share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-cli.h"
#include "lm-model.h"

G_BEGIN_DECLS

/* lm-cli-uncertainty.c: --uncertainty and the options that shape it */

/* --seed, --spread, --weight-range, --lock and --threads only make sense
 * with --uncertainty; a sentence says so otherwise. */
gboolean  _lm_cli_check_uncertainty_options (const LmCliOptions  *options,
                                             GError             **error);
/* Runs --uncertainty draws around the model's weights and keeps the
 * result in the model (its variables then exist for every action). */
gboolean  _lm_cli_run_uncertainty           (LmModel             *model,
                                             const LmCliOptions  *options,
                                             GError             **error);
/* The run's numbers as key: value lines on standard output. */
int       _lm_cli_print_uncertainty         (LmModel             *model);
/* Milliseconds of repeated runs of the same draws, into @samples. */
gboolean  _lm_cli_bench_uncertainty         (LmModel             *model,
                                             const LmCliOptions  *options,
                                             guint                n_runs,
                                             GArray              *samples,
                                             GError             **error);

G_END_DECLS
