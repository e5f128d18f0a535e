/* lm-synthetic.h — Quadria, a made-up country for the tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Quadria is 36 square parishes of 1 km (6 × 6), grouped 2 × 2 into 9
 * cantons, whose rows of 3 make 3 provinces. It has a hardship index of
 * three domains at parish level (one given as a score), a social fabric
 * index of two domains at canton level, a canal plebiscite counted by
 * canton (no lookup: joined by code), a "stranded" rule, two report
 * figures and its own credits. Nothing in it is English, so any English
 * word in what Levelmap shows for it comes from code.
 *
 * Areas are numbered row by row from the north-west; their codes sort in
 * that order (P00…P35, K1…K9, V1…V3), so area i of a level is area i of
 * the dataset. The functions below give the inputs written to the files,
 * for tests to work out the expected results on their own. */

#define LM_SYNTHETIC_SIDE         6
#define LM_SYNTHETIC_N_PARISHES   36
#define LM_SYNTHETIC_N_CANTONS    9
#define LM_SYNTHETIC_N_PROVINCES  3
#define LM_SYNTHETIC_METRES       1000.0

guint   lm_synthetic_canton_of       (guint parish);
guint   lm_synthetic_province_of     (guint canton);
char   *lm_synthetic_parish_code     (guint parish);
char   *lm_synthetic_parish_name     (guint parish);
const char *lm_synthetic_canton_name (guint canton);
const char *lm_synthetic_province_name (guint province);
double  lm_synthetic_population      (guint parish);
/* Hardship domains: wages and air as ranks (1 = worst of 36), schooling
 * as a score (higher is worse); weights 2, 1, 1; scale 1. */
guint   lm_synthetic_wages_rank      (guint parish);
double  lm_synthetic_schooling_score (guint parish);
guint   lm_synthetic_air_rank        (guint parish);
/* Social fabric domains, ranks of 9; weights 1, 1; scale 2. */
guint   lm_synthetic_clubs_rank      (guint canton);
guint   lm_synthetic_trust_rank      (guint canton);
/* The plebiscite's counts for a canton. */
void    lm_synthetic_votes           (guint   canton,
                                      double *electorate,
                                      double *ballots,
                                      double *valid,
                                      double *yes);

/* Writes the country (manifest, CSV files, shapefiles) into a new
 * temporary folder; returns the manifest's path. */
char   *lm_synthetic_write           (void);
/* Removes the folder lm_synthetic_write() made. */
void    lm_synthetic_remove          (const char *manifest);

/* Breaking the country: each changes one file of the Quadria whose
 * manifest is @manifest, for the tests of damaged input. */
char   *lm_synthetic_read            (const char *manifest,
                                      const char *file);
void    lm_synthetic_overwrite       (const char *manifest,
                                      const char *file,
                                      const char *text);
/* Replaces the one occurrence of @from in @file (failing if it is not
 * there exactly once). */
void    lm_synthetic_replace         (const char *manifest,
                                      const char *file,
                                      const char *from,
                                      const char *to);
void    lm_synthetic_append          (const char *manifest,
                                      const char *file,
                                      const char *text);
/* Sets byte @offset of @file to @value. */
void    lm_synthetic_poke            (const char *manifest,
                                      const char *file,
                                      gsize       offset,
                                      guint8      value);
/* The line of plebiscite.csv for @canton, with the count in @column (if
 * not NULL) written as @value. */
char   *lm_synthetic_votes_row       (guint       canton,
                                      const char *column,
                                      const char *value);
/* Gives the plebiscite a lookup of its own (counting.csv: each canton to
 * itself, then @extra_rows). */
void    lm_synthetic_add_election_lookup (const char *manifest,
                                          const char *extra_rows);
/* Rewrites the province layer: one band per code of @codes, top down. */
void    lm_synthetic_write_provinces (const char         *manifest,
                                      const char * const *codes);

/* Words that belong to England's data or to code written for it. */
extern const char * const lm_synthetic_foreign_words[];
/* Fails the test naming @where when @text contains any of them. */
void    lm_synthetic_assert_no_foreign_words (const char *text,
                                              const char *where);

/* The exponential transformation, written here independently of the
 * model: -23 ln (1 - R (1 - e^(-100/23))), R = (n - rank + 1) / n. */
double  lm_synthetic_exp_score       (double rank,
                                      guint  n);
/* Ranks of @values, 1 = largest, computed by counting. Asserts there are
 * no ties (Quadria has none, so the order needs no tie rule). */
void    lm_synthetic_rank            (const double *values,
                                      guint         n,
                                      double       *out_ranks);
/* Pearson's r of n points, straight from its definition. */
double  lm_synthetic_pearson         (const double *x,
                                      const double *y,
                                      guint         n);

G_END_DECLS
