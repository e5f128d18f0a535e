/* lm-variable.h — one variable's values at one level
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LmLevel LmLevel;

/* What the numbers are; decides formatting, classification defaults and
 * which direction reads as "worse". */
typedef enum
{
  LM_UNIT_SCORE,    /* higher is worse (deprivation, need), one decimal */
  LM_UNIT_RANK,     /* 1 = most deprived, integer */
  LM_UNIT_DECILE,   /* 1 = most deprived tenth, integer 1..10 */
  LM_UNIT_PERCENT,  /* 0..100, one decimal and "%" */
  LM_UNIT_COUNT,    /* people or votes, integer */
  LM_UNIT_FLAG,     /* 0 or 1 */
  LM_UNIT_CHANGE,   /* signed rank change, diverging around 0 */
  LM_UNIT_PROBABILITY, /* 0..1, a share of Monte Carlo draws; shown as a percentage */
} LmUnit;

/* How a variable reaches the levels above its native one. */
typedef enum
{
  LM_AGGREGATE_NONE,       /* native level only */
  LM_AGGREGATE_MEAN,       /* population-weighted mean of the children */
  LM_AGGREGATE_SUM,        /* plain sum (population, votes) */
  LM_AGGREGATE_RANK,       /* re-ranked at each level from its score variable */
  LM_AGGREGATE_DECILE,     /* decile of that rank at each level */
  LM_AGGREGATE_RATIO,      /* 100 * sum(numerator) / sum(denominator) */
} LmAggregate;

/* The values of one variable at one level, one per area (NAN = missing).
 * Owned by its level; the index engine rewrites @values in place when
 * weights change, so views keep the pointer and re-read after the model's
 * "recomputed" signal. */
typedef struct _LmVariable
{
  char        *id;           /* stable id: "imd.score", "eu.leave_pct" */
  char        *title;        /* for legends and axes, from the manifest */
  LmUnit       unit;
  LmAggregate  aggregate;
  LmLevel     *level;        /* borrowed */
  guint        native;       /* TRUE at the level the data come from */
  guint        depends_on_weights; /* TRUE for indices, ranks, deciles, the left-behind flag */
  /* TRUE for an election's raw counts (electorate, ballots, votes): they
   * are exported, but only feed the shares, so menus leave them out. */
  guint        auxiliary;
  double      *values;       /* level->n_areas entries */
  /* For RANK/DECILE: the score variable id; for RATIO: numerator and
   * denominator ids. */
  char        *source;
  char        *source2;
} LmVariable;

LmVariable  *lm_variable_new             (const char *id,
                                          const char *title,
                                          LmUnit      unit,
                                          LmLevel    *level);
void         lm_variable_free            (LmVariable *variable);
/* TRUE where a larger value means more deprived/needy. Ranks and deciles
 * (1 = worst) are the opposite. */
gboolean     lm_variable_higher_is_worse (const LmVariable *variable);
/* Formats a value for legends, tooltips and tables: one decimal for
 * scores, "%" for percentages, integers for ranks and counts; NAN gives
 * the translated "no data". */
char        *lm_variable_format_value    (const LmVariable *variable,
                                          double            value);
guint        lm_variable_count_values    (const LmVariable *variable);
void         lm_variable_get_range       (const LmVariable *variable,
                                          double           *out_min,
                                          double           *out_max);
const char  *lm_unit_get_label           (LmUnit            unit);

G_END_DECLS
