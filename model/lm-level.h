/* lm-level.h — one geographic level (small areas, districts, regions…)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-shape-layer.h"
#include "lm-variable.h"

G_BEGIN_DECLS

/* The areas of one level, their nesting into the level above, their
 * polygons and their variables. Owned by the LmDataset; read-only for
 * everybody else (fields are public for the hot loops of renderers). */
struct _LmLevel
{
  char         *id;            /* as the manifest names it: "lsoa", "ward", "lad" */
  char         *title;         /* "Wards (2017)", from the manifest */
  char         *singular;      /* "ward": one area in running text */
  char         *plural;        /* "wards": areas counted in running text */
  char         *heading;       /* "Ward": one area as a heading or label */
  guint         depth;         /* 0 = finest */
  guint         n_areas;
  guint         area_capacity; /* of the per-area arrays */
  char        **codes;         /* n_areas, e.g. "E01000001" */
  char        **names;         /* n_areas */
  int          *parent;        /* index of the containing area one level up, or -1 */
  LmLevel      *parent_level;  /* NULL for the top level */
  LmLevel      *child_level;   /* NULL for the finest level */
  double       *population;    /* n_areas, summed up from the finest level; 0 if none */
  LmShapeLayer *shapes;        /* NULL if the level has no boundaries */
  int          *feature;       /* n_areas: feature index in @shapes, or -1 (no polygon) */
  GStringChunk *strings;       /* the text of @codes and @names */
  guint        *code_slots;    /* open-addressing hash of the codes: index + 1, or 0 */
  guint         code_bits;     /* log2 of the number of slots; 0 before the first area */
  GPtrArray    *variables;     /* LmVariable*, owned, in display order */
};

LmLevel    *lm_level_new              (const char *id,
                                       const char *title,
                                       guint       depth);
/* The nouns that name one area and several areas in running text
 * ("ward", "wards"); NULL keeps the level's title. */
void        lm_level_set_nouns        (LmLevel    *level,
                                       const char *singular,
                                       const char *plural);
void        lm_level_free             (LmLevel    *level);
/* Adds an area; returns its index. Codes must be unique (an existing code
 * returns the existing index). */
guint       lm_level_add_area         (LmLevel    *level,
                                       const char *code,
                                       const char *name);
/* Makes room for @n areas in all, so that adding them reallocates
 * nothing. */
void        lm_level_reserve_areas    (LmLevel    *level,
                                       guint       n);
/* Area index for a code, or -1. */
int         lm_level_find_area        (LmLevel    *level,
                                       const char *code);
/* Names area @area (whose name was its code until then). */
void        lm_level_set_name         (LmLevel    *level,
                                       guint       area,
                                       const char *name);
/* Whether area @area has no name of its own (its name is its code). */
gboolean    lm_level_is_unnamed       (LmLevel    *level,
                                       guint       area);
LmVariable *lm_level_find_variable    (LmLevel    *level,
                                       const char *id);
/* Adds (taking ownership) and returns the variable; its values are
 * allocated and set to NAN. */
LmVariable *lm_level_add_variable     (LmLevel    *level,
                                       LmVariable *variable);
/* Values at @level from @child_values (one per area of the level below):
 * the population-weighted mean of the children's values when
 * @population_weighted, else their plain sum; NAN where no child has a
 * value (and, for means, a population). @scratch_sum and @scratch_weight
 * hold level->n_areas doubles. The dataset's aggregation and the Monte
 * Carlo runs (one per thread, on their own buffers) both use it. */
void        lm_level_aggregate_children (LmLevel      *level,
                                         const double *child_values,
                                         gboolean      population_weighted,
                                         double       *out_values,
                                         double       *scratch_sum,
                                         double       *scratch_weight);
/* The variable @id of the level, made if there is none yet: values of
 * its own at this level (native, not aggregated, NAN until set), as
 * results computed outside a recompute are (a Monte Carlo run's, a
 * comparison's). An existing variable must have @unit. */
LmVariable *lm_level_ensure_variable  (LmLevel    *level,
                                       const char *id,
                                       const char *title,
                                       LmUnit      unit);
/* Index of the ancestor of @area in @ancestor (which must be @level or a
 * level above it), or -1. */
int         lm_level_get_ancestor     (LmLevel    *level,
                                       guint       area,
                                       LmLevel    *ancestor);
/* "ward", "local authority": one area of the level in running text. */
const char *lm_level_get_singular     (LmLevel    *level);
/* "wards", "local authorities": areas of the level in running text. */
const char *lm_level_get_plural       (LmLevel    *level);
/* "Ward", "Local authority": the singular with a capital, for headings,
 * labels and column titles. */
const char *lm_level_get_heading      (LmLevel    *level);
/* "local_authority": the singular as a CSV column name (lower case ASCII
 * letters and digits, anything else one "_"). Free with g_free(). */
char       *lm_level_dup_column_name  (LmLevel    *level);
/* Finds areas whose name or code contains @text (case-insensitive), best
 * first (exact, then prefix, then substring); at most @max results,
 * returned as a GArray of guint area indices. */
GArray     *lm_level_search           (LmLevel    *level,
                                       const char *text,
                                       guint       max);

G_END_DECLS
