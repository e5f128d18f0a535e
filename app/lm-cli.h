/* lm-cli.h — the headless command line (no display needed)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-bounds.h"

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
  char     *scenario;            /* --scenario, or the FILE.levelmap argument */
  char     *export_storyboard;

  /* Not options: what a scenario gives where the options say nothing
   * (see lm_cli_run), borrowed from its view. */
  char     *plot_level;          /* when --level is not given */
  LmBounds  extent;              /* the map's rectangle ... */
  gboolean  has_extent;          /* ... if the scenario has one */
  gboolean  hide_left_behind;
} LmCliOptions;

/* Parses the whole command line (GUI options too). On error returns FALSE
 * with a message for stderr. */
gboolean  lm_cli_parse        (LmCliOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
void      lm_cli_options_clear (LmCliOptions *options);
/* The window's checks of the view options before it starts (method,
 * classes, palette, the form of each weight, no --size): what needs the
 * data is checked by the window once they are loaded. */
gboolean  lm_cli_check_window_options (const LmCliOptions  *options,
                                       GError             **error);
/* The options the window applies (a{sv}: "scenario" as a URI, "level", "variable", "x", "y", "method", "palette" s,
 * "classes" i, "weights" as, "weighted" b), for this instance or the
 * one already running. */
GVariant *lm_cli_get_window_options   (const LmCliOptions  *options);
/* The actions that draw (maps, plots, figures, the bench's renders):
 * levelmap-draw's module has them (lm-cli-draw.c). */
typedef struct _LmCliDrawing LmCliDrawing;

/* TRUE when an action asks for headless work (export, stats, ...). */
gboolean  lm_cli_is_headless  (const LmCliOptions *options);
/* TRUE when one of them draws, which only the module can run. */
gboolean  lm_cli_draws        (const LmCliOptions *options);
/* Runs the headless actions, with @drawing for those that draw (NULL
 * when none does); returns the process exit status. */
int       lm_cli_run          (const LmCliOptions *options,
                               const LmCliDrawing *drawing);

G_END_DECLS
