/* lm-random.h — reproducible random streams for the Monte Carlo runs
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** (Blackman and Vigna, 2018), 2^256 - 1 period. Each draw of
 * a Monte Carlo run gets its own stream, keyed by the seed and the draw's
 * number (and the index it draws weights for), so a draw's numbers do
 * not depend on which thread computes it or in what order: the results
 * are the same for any number of threads. A plain struct on the stack,
 * no allocation. */
typedef struct
{
  guint64 s[4];
} LmRandom;

/* The stream (@seed, @stream, @substream): distinct keys give streams
 * that are, for all practical purposes, independent (the key is mixed by
 * SplitMix64 into the whole state). */
void    lm_random_init     (LmRandom *self,
                            guint64   seed,
                            guint64   stream,
                            guint64   substream);
guint64 lm_random_next     (LmRandom *self);
/* Uniform in the open interval (0, 1), with 53 random bits. */
double  lm_random_uniform  (LmRandom *self);
/* Standard normal (Marsaglia's polar method). */
double  lm_random_normal   (LmRandom *self);
/* Gamma with shape @shape > 0 and scale 1 (Marsaglia and Tsang, 2000;
 * for shape < 1, Gamma (shape + 1) × U^(1/shape)). */
double  lm_random_gamma    (LmRandom *self,
                            double    shape);

G_END_DECLS
