/* lm-cli-private.h — what lm-cli.c and the analysis actions share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-cli.h"
#include "lm-comparison.h"
#include "lm-model.h"
#include "lm-storyboard.h"
#include "lm-view.h"

G_BEGIN_DECLS

struct _LmCliDrawing
{
  /* Fonts loaded on another core while the data load, then handed to
   * the thread that draws. */
  GThread *(*start_font_warm_up)  (const LmCliOptions *options);
  void     (*finish_font_warm_up) (GThread            *thread);
  int      (*export_map)          (LmModel            *model,
                                   const LmCliOptions *options);
  int      (*export_scatter)      (LmModel            *model,
                                   const LmCliOptions *options);
  int      (*export_comparison)   (LmModel            *model,
                                   LmComparison       *comparison,
                                   const LmCliOptions *options);
  int      (*export_storyboard)   (LmView             *view,
                                   LmStoryboard       *storyboard,
                                   const LmCliOptions *options);
  int      (*bench)               (LmModel            *model,
                                   const LmCliOptions *options,
                                   const char         *name,
                                   const char         *data_root);
};

/* lm-cli.c: what the actions share */

/* The error's message on standard error; returns 1, the exit status. */
int         _lm_cli_fail        (GError             *error);
/* A sentence on standard error that does not stop the action. */
void        _lm_cli_warn        (const char         *message);
/* --level, else the dataset's context level, else its finest. */
const char *_lm_cli_level_id    (const LmCliOptions *options,
                                 LmDataset          *dataset);
/* --x, --y and their level, defaulting to the first report figure. */
gboolean    _lm_cli_plot_axes   (const LmCliOptions  *options,
                                 LmDataset           *dataset,
                                 const char         **out_level,
                                 const char         **out_x,
                                 const char         **out_y,
                                 GError             **error);

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
/* Its numbers as key: value lines. */
int       _lm_cli_print_compare             (LmComparison        *comparison);

G_END_DECLS
