/* lm-cli-private.h — what lm-cli.c and the analysis actions share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-cli.h"
#include "lm-comparison.h"
#include "lm-model.h"

G_BEGIN_DECLS

/* lm-cli.c: "WxH" (or NULL for the defaults) within 16..16000 */
gboolean  _lm_cli_parse_size                (const char          *text,
                                             int                  default_width,
                                             int                  default_height,
                                             int                 *out_width,
                                             int                 *out_height,
                                             GError             **error);

/* lm-cli.c: the map's classes, method and colours, which can be
 * checked without data */
gboolean  _lm_cli_check_classes             (const LmCliOptions  *options,
                                             GError             **error);

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

/* lm-cli-compare.c: --compare and --export-comparison */

/* The dataset --compare implies when --dataset is not given (its after
 * vintage), or NULL; FALSE with an error for an unknown comparison. */
gboolean  _lm_cli_compare_dataset           (const LmCliOptions  *options,
                                             const char          *data_root,
                                             char               **out_dataset,
                                             GError             **error);
/* Runs the comparison and adds its variables to the model's dataset. */
LmComparison *_lm_cli_run_compare           (LmModel             *model,
                                             const LmCliOptions  *options,
                                             const char          *data_root,
                                             GError             **error);
/* Its numbers as key: value lines; the comparison figure. */
int       _lm_cli_print_compare             (LmComparison        *comparison);
int       _lm_cli_export_comparison         (LmModel             *model,
                                             LmComparison        *comparison,
                                             const LmCliOptions  *options);

G_END_DECLS
