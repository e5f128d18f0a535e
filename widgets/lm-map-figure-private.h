/* lm-map-figure-private.h — what lm-map-figure.c (colouring) and
 * lm-map-figure-draw.c (the figure's layout and drawing) share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-bivariate-map.h"
#include "lm-classify-cache.h"
#include "lm-map-figure.h"

G_BEGIN_DECLS

struct _LmMapFigure
{
  GObject           parent_instance;

  /* What to show */
  LmModel          *model;
  char             *level_id;
  char             *variable_id;
  LmClassifyMethod  method;
  guint             n_classes;
  char             *palette_name;      /* NULL: the variable's default */
  gboolean          show_left_behind;
  gboolean          show_selection;
  LmBivariateMap   *bivariate;         /* set: two variables, 3 × 3 cells */

  /* The last update; borrowed from the model's dataset */
  LmLevel          *level;
  LmVariable       *variable;
  const LmPalette  *palette;
  gboolean          have_classes;
  LmClassification  classification;
  LmColor           colors[LM_CLASSIFY_MAX_CLASSES];
  gint8            *classes;           /* level->n_areas, reused */
  guint             classes_alloc;
  LmLevel          *marked_level;
  guint8           *marked_mask;       /* marked_level->n_areas */
  guint             n_marked;

  LmMapRenderer    *renderer;          /* for draws; made on the first */
  LmClassifyCache  *classify_cache;    /* the last classifications, by their values */
};

/* Whether the left-behind marks are drawn: shown, and their polygons
 * loaded. */
gboolean  _lm_map_figure_marks_drawn (LmMapFigure *self);

G_END_DECLS
