/* lm-random.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-random.h"

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* SplitMix64's finaliser: a bijection that spreads every input bit over
 * the whole output, so neighbouring draw numbers give unrelated states. */
static inline guint64
mix (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

#define GOLDEN G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

void
lm_random_init (LmRandom *self,
                guint64   seed,
                guint64   stream,
                guint64   substream)
{
  guint64 key = mix (seed + GOLDEN);

  key = mix (key ^ mix (stream + 2 * GOLDEN));
  key = mix (key ^ mix (substream + 3 * GOLDEN));
  /* SplitMix64 steps from the key fill the state, as its authors
   * recommend for seeding xoshiro; the state is never all zero. */
  for (guint i = 0; i < 4; i++)
    {
      key += GOLDEN;
      self->s[i] = mix (key);
    }
}

guint64
lm_random_next (LmRandom *self)
{
  guint64 *s = self->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
lm_random_uniform (LmRandom *self)
{
  /* The centre of one of 2^53 equal cells: never 0 nor 1, so logs and
   * powers of it are finite. */
  return ((double) (lm_random_next (self) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double
lm_random_normal (LmRandom *self)
{
  double u, v, s;

  do
    {
      u = 2 * lm_random_uniform (self) - 1;
      v = 2 * lm_random_uniform (self) - 1;
      s = u * u + v * v;
    }
  while (s >= 1 || s == 0);
  /* The second normal of the pair is dropped: keeping it would make a
   * draw's numbers depend on how many normals the previous call used. */
  return u * sqrt (-2 * log (s) / s);
}

double
lm_random_gamma (LmRandom *self,
                 double    shape)
{
  double d, c;

  g_return_val_if_fail (shape > 0, NAN);

  if (shape < 1)
    {
      double u = lm_random_uniform (self);
      return lm_random_gamma (self, shape + 1) * pow (u, 1 / shape);
    }

  d = shape - 1.0 / 3.0;
  c = 1 / sqrt (9 * d);
  for (;;)
    {
      double x = lm_random_normal (self);
      double v = 1 + c * x;
      double u;

      if (v <= 0)
        continue;
      v = v * v * v;
      u = lm_random_uniform (self);
      if (u < 1 - 0.0331 * x * x * x * x)
        return d * v;
      if (log (u) < 0.5 * x * x + d * (1 - v + log (v)))
        return d * v;
    }
}
