/* lm-cli.h — the headless command line (no display needed)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *data_dir;
  char     *dataset;
  char    **weights;
  char     *level;
  char     *variable;
  char     *x;
  char     *y;
  int       n_classes;
  char     *method;
  char     *palette;
  char     *size;
  gboolean  weighted;
  gboolean  list_variables;
  char     *export_csv;
  gboolean  stats;
  gboolean  left_behind;
  char     *export_map;
  char     *export_scatter;
  gboolean  bench;
  gboolean  check;
  gboolean  version;
  char     *bivariate;       /* "X,Y" for --export-map */
  char     *compare;         /* a comparison id or path */
  char     *export_comparison;
  /* Monte Carlo over the weights (lm-cli-uncertainty.c) */
  int       uncertainty;     /* draws; 0 = none */
  char     *seed;            /* as given; a whole number */
  char     *spread;
  char    **weight_ranges;
  char    **locks;
  int       threads;
} LmCliOptions;

/* Parses the whole command line (GUI options too). On error returns FALSE
 * with a message for stderr. */
gboolean  lm_cli_parse        (LmCliOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
void      lm_cli_options_clear (LmCliOptions *options);
/* TRUE when an action asks for headless work (export, stats, ...). */
gboolean  lm_cli_is_headless  (const LmCliOptions *options);
/* Runs the headless action; returns the process exit status. */
int       lm_cli_run          (const LmCliOptions *options);

G_END_DECLS
