/* lm-bivariate.h — two variables in three classes each: a 3 × 3 map
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-variable.h"

G_BEGIN_DECLS

#define LM_BIVARIATE_ERROR (lm_bivariate_error_quark ())

typedef enum
{
  LM_BIVARIATE_ERROR_SYNTAX,     /* not X,Y with each ID or ID:LOW:HIGH */
  LM_BIVARIATE_ERROR_BREAKS,     /* LOW is not below HIGH */
  LM_BIVARIATE_ERROR_NO_VALUES,  /* no area has both values */
} LmBivariateError;

/* Classes per axis, and cells of the map. */
#define LM_BIVARIATE_SIDE  3
#define LM_BIVARIATE_CELLS 9

/* How one axis is cut in three: at its tertiles (of the areas that have
 * both values), or where the user says: value <= low, low < value <=
 * high, value > high. */
typedef struct
{
  gboolean given;
  double   low;
  double   high;
} LmBivariateBreaks;

/* The result. On each axis class 2 is the worse end (the highest scores,
 * the lowest ranks and deciles: lm_variable_higher_is_worse()), so the
 * cell of both worst is 8, of both best 0. */
typedef struct
{
  LmBivariateBreaks x;        /* the breaks used, given or found */
  LmBivariateBreaks y;
  guint             count[LM_BIVARIATE_CELLS];
  guint             n_missing; /* areas without both values */
} LmBivariateClasses;

GQuark    lm_bivariate_error_quark   (void);
/* The cell of an x class and a y class (each 0..2). */
static inline guint
lm_bivariate_cell (guint x_class,
                   guint y_class)
{
  return y_class * LM_BIVARIATE_SIDE + x_class;
}

/**
 * lm_bivariate_parse:
 * @text: "X,Y", each a variable id, alone (tertiles) or with its breaks
 *   as ID:LOW:HIGH, e.g. "imd.decile:1:3,cni.score"
 * @out_x: (out): the x variable id
 * @out_y: (out): the y variable id
 * @out_x_breaks: (out): @given FALSE for tertiles
 * @out_y_breaks: (out)
 * @error: LM_BIVARIATE_ERROR_SYNTAX or _BREAKS, quoting @text
 */
gboolean  lm_bivariate_parse         (const char          *text,
                                      char               **out_x,
                                      char               **out_y,
                                      LmBivariateBreaks   *out_x_breaks,
                                      LmBivariateBreaks   *out_y_breaks,
                                      GError             **error);
/* The inverse: "imd.decile:1:3,cni.score". Free with g_free(). */
char     *lm_bivariate_to_string     (const char              *x,
                                      const char              *y,
                                      const LmBivariateBreaks *x_breaks,
                                      const LmBivariateBreaks *y_breaks);

/**
 * lm_bivariate_classify:
 * @x: the variable across (columns)
 * @y: the variable up (rows), at the same level
 * @x_breaks: (nullable): NULL or @given FALSE for tertiles
 * @y_breaks: (nullable): likewise
 * @out: the breaks used and the count of each cell
 * @out_cells: (array) (nullable): level->n_areas entries, the cell of
 *   each area or -1 without both values
 * @error: LM_BIVARIATE_ERROR_NO_VALUES, naming both, when no area has both
 */
gboolean  lm_bivariate_classify      (const LmVariable        *x,
                                      const LmVariable        *y,
                                      const LmBivariateBreaks *x_breaks,
                                      const LmBivariateBreaks *y_breaks,
                                      LmBivariateClasses      *out,
                                      gint8                   *out_cells,
                                      GError                 **error);
/* The class (0..2, 2 the worse end) of @value on an axis, -1 for NAN. */
int       lm_bivariate_class_of      (const LmVariable        *variable,
                                      const LmBivariateBreaks *breaks,
                                      double                   value);
/* The values of class @k (2 the worse end) in words for a legend:
 * "up to 12.3", "12.4 – 20.1", "above 20.1"; ranks and deciles as whole
 * numbers ("2 – 3"). Free with g_free(). */
char     *lm_bivariate_describe_class (const LmVariable       *variable,
                                       const LmBivariateBreaks *breaks,
                                       guint                   k);

G_END_DECLS
