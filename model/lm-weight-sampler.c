/* lm-weight-sampler.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-random.h"
#include "lm-weight-sampler.h"

/* Enough draws for the 5th and 95th percentiles of a share to within a
 * few hundredths of a percentage point, in a few milliseconds. */
#define INTERVAL_DRAWS 20000
#define INTERVAL_SEED  G_GUINT64_CONSTANT (0x1e7e1a9)

typedef struct
{
  LmIndex  *index;    /* borrowed; the sampler holds the dataset */
  guint     n;        /* domains */
  double   *centre;   /* relative weights the draws centre on */
  double   *low;      /* uniform ranges; NAN = none */
  double   *high;
  gboolean *locked;
} IndexDraws;

struct _LmWeightSampler
{
  gatomicrefcount     ref_count;
  LmDataset          *dataset;
  LmWeightSpreadMode  mode;
  double              concentration;
  IndexDraws         *indices;
  guint               n_indices;
};

G_DEFINE_BOXED_TYPE (LmWeightSampler, lm_weight_sampler, lm_weight_sampler_ref, lm_weight_sampler_unref)
G_DEFINE_QUARK (lm-weight-sampler-error-quark, lm_weight_sampler_error)

static const struct
{
  const char *name;
  double      concentration;
} spreads[] = {
  /* The names are command-line words; N_() only lets the provenance
   * sentence say them in the user's language. */
  { N_("narrow"), LM_WEIGHT_SPREAD_NARROW },
  { N_("medium"), LM_WEIGHT_SPREAD_MEDIUM },
  { N_("wide"), LM_WEIGHT_SPREAD_WIDE },
  { N_("none"), INFINITY },
};

/* Auxiliary methods */

/* The continued fraction of the regularised incomplete beta function
 * I_x(a, b), evaluated by the modified Lentz method; it converges fast
 * for x < (a + 1) / (a + b + 2). */
static double
beta_fraction (double a,
               double b,
               double x)
{
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1), f;

  d = fabs (d) < tiny ? 1 / tiny : 1 / d;
  f = d;
  for (guint m = 1; m <= 500; m++)
    {
      double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      double delta;

      d = 1 + even * d;
      c = 1 + even / c;
      d = fabs (d) < tiny ? 1 / tiny : 1 / d;
      c = fabs (c) < tiny ? tiny : c;
      f *= d * c;
      d = 1 + odd * d;
      c = 1 + odd / c;
      d = fabs (d) < tiny ? 1 / tiny : 1 / d;
      c = fabs (c) < tiny ? tiny : c;
      delta = d * c;
      f *= delta;
      if (fabs (delta - 1) < 1e-15)
        break;
    }
  return f;
}

static double
beta_cdf (double a,
          double b,
          double x)
{
  double front;

  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  if (x < (a + 1) / (a + b + 2))
    return front * beta_fraction (a, b, x) / a;
  return 1 - front * beta_fraction (b, a, 1 - x) / b;
}

/* By bisection: the CDF is monotonic, and 60 halvings of [0, 1] are
 * below a double's resolution of a share. */
static double
beta_quantile (double a,
               double b,
               double p)
{
  double lo = 0, hi = 1;

  for (guint i = 0; i < 60; i++)
    {
      double mid = (lo + hi) / 2;

      if (beta_cdf (a, b, mid) < p)
        lo = mid;
      else
        hi = mid;
    }
  return (lo + hi) / 2;
}

static double
sum_of (const double *values,
        guint         n)
{
  double sum = 0;

  for (guint d = 0; d < n; d++)
    sum += values[d];
  return sum;
}

/* In Dirichlet mode, the domains that vary: neither locked nor at zero
 * (a Dirichlet centred on a zero share puts all its mass at zero). */
static gboolean
is_free (const IndexDraws *draws,
         guint             d)
{
  return !draws->locked[d] && draws->centre[d] > 0;
}

static guint
count_free (const IndexDraws *draws)
{
  guint n = 0;

  for (guint d = 0; d < draws->n; d++)
    n += is_free (draws, d);
  return n;
}

static gboolean
find_domain (LmWeightSampler  *self,
             const char       *name,
             guint            *out_index,
             guint            *out_domain,
             GError          **error)
{
  const char *dot = name != NULL ? strchr (name, '.') : NULL;
  g_autofree char *example = NULL;

  for (guint i = 0; dot != NULL && i < self->n_indices; i++)
    {
      LmIndex *index = self->indices[i].index;

      if (strlen (index->id) != (gsize) (dot - name) || strncmp (index->id, name, dot - name) != 0)
        continue;
      for (guint d = 0; d < index->domains->len; d++)
        if (strcmp (((LmIndexDomain *) g_ptr_array_index (index->domains, d))->id, dot + 1) == 0)
          {
            *out_index = i;
            *out_domain = d;
            return TRUE;
          }
    }
  if (self->n_indices > 0 && self->indices[0].n > 0)
    example = g_strdup_printf ("%s.%s", self->indices[0].index->id,
                               ((LmIndexDomain *) g_ptr_array_index (self->indices[0].index->domains, 0))->id);
  g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_UNKNOWN_DOMAIN,
               _("There is no domain “%s” in %s: write INDEX.DOMAIN, e.g. %s"),
               name != NULL ? name : "", lm_dataset_get_title (self->dataset),
               example != NULL ? example : "INDEX.DOMAIN");
  return FALSE;
}

static void
draw_dirichlet (LmWeightSampler  *self,
                const IndexDraws *draws,
                LmRandom         *rng,
                double           *out)
{
  double free_weight = 0, total = 0;

  for (guint d = 0; d < draws->n; d++)
    if (is_free (draws, d))
      free_weight += draws->centre[d];
  /* Each free domain gets Gamma (concentration × its share of the free
   * weight); normalised, they are Dirichlet. */
  for (guint d = 0; d < draws->n; d++)
    {
      out[d] = draws->centre[d];
      if (!is_free (draws, d))
        continue;
      out[d] = lm_random_gamma (rng, self->concentration * draws->centre[d] / free_weight);
      total += out[d];
    }
  /* Shapes far below 1 can underflow every gamma to zero: no draw then. */
  if (!(total > 0))
    {
      memcpy (out, draws->centre, sizeof (double) * draws->n);
      return;
    }
  for (guint d = 0; d < draws->n; d++)
    if (is_free (draws, d))
      out[d] = free_weight * out[d] / total;
}

static void
draw_uniform (const IndexDraws *draws,
              LmRandom         *rng,
              double           *out)
{
  for (guint d = 0; d < draws->n; d++)
    {
      if (draws->locked[d] || isnan (draws->low[d]))
        out[d] = draws->centre[d];
      else
        out[d] = draws->low[d] + (draws->high[d] - draws->low[d]) * lm_random_uniform (rng);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Public API */

gboolean
lm_weight_spread_parse (const char  *text,
                        double      *out_concentration,
                        GError     **error)
{
  char *end = NULL;
  double value;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (spreads); i++)
    if (g_ascii_strcasecmp (text, spreads[i].name) == 0)
      {
        *out_concentration = spreads[i].concentration;
        return TRUE;
      }
  value = text != NULL ? g_ascii_strtod (text, &end) : NAN;
  if (text == NULL || end == text || *end != '\0' || !(value > 0))
    {
      g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_SPREAD,
                   _("“%s” is not a spread: use narrow, medium, wide, none or a concentration "
                     "above 0 (larger is narrower)"), text != NULL ? text : "");
      return FALSE;
    }
  *out_concentration = value;
  return TRUE;
}

const char *
lm_weight_spread_get_name (double concentration)
{
  for (guint i = 0; i < G_N_ELEMENTS (spreads); i++)
    if (concentration == spreads[i].concentration)
      return spreads[i].name;
  return NULL;
}

LmWeightSampler *
lm_weight_sampler_new (LmDataset *dataset)
{
  LmWeightSampler *self;

  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);

  self = g_new0 (LmWeightSampler, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (dataset);
  self->mode = LM_WEIGHT_SPREAD_DIRICHLET;
  self->concentration = LM_WEIGHT_SPREAD_MEDIUM;
  self->n_indices = lm_dataset_get_n_indices (dataset);
  self->indices = g_new0 (IndexDraws, MAX (self->n_indices, 1));
  for (guint i = 0; i < self->n_indices; i++)
    {
      IndexDraws *draws = &self->indices[i];

      draws->index = lm_dataset_get_index (dataset, i);
      draws->n = draws->index->domains->len;
      draws->centre = g_new (double, MAX (draws->n, 1));
      draws->low = g_new (double, MAX (draws->n, 1));
      draws->high = g_new (double, MAX (draws->n, 1));
      draws->locked = g_new0 (gboolean, MAX (draws->n, 1));
      for (guint d = 0; d < draws->n; d++)
        {
          draws->centre[d] = ((LmIndexDomain *) g_ptr_array_index (draws->index->domains, d))->weight;
          draws->low[d] = draws->high[d] = NAN;
        }
    }
  return self;
}

LmWeightSampler *
lm_weight_sampler_ref (LmWeightSampler *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lm_weight_sampler_unref (LmWeightSampler *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_indices; i++)
    {
      g_free (self->indices[i].centre);
      g_free (self->indices[i].low);
      g_free (self->indices[i].high);
      g_free (self->indices[i].locked);
    }
  g_free (self->indices);
  g_object_unref (self->dataset);
  g_free (self);
}

LmWeightSpreadMode
lm_weight_sampler_get_mode (LmWeightSampler *self)
{
  g_return_val_if_fail (self != NULL, LM_WEIGHT_SPREAD_DIRICHLET);
  return self->mode;
}

void
lm_weight_sampler_set_concentration (LmWeightSampler *self,
                                     double           concentration)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (concentration > 0);

  self->mode = LM_WEIGHT_SPREAD_DIRICHLET;
  self->concentration = concentration;
}

double
lm_weight_sampler_get_concentration (LmWeightSampler *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->concentration;
}

gboolean
lm_weight_sampler_set_range (LmWeightSampler  *self,
                             const char       *domain,
                             double            low,
                             double            high,
                             GError          **error)
{
  IndexDraws *draws;
  guint i, d;
  gboolean some_weight = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!find_domain (self, domain, &i, &d, error))
    return FALSE;
  if (!isfinite (low) || !isfinite (high) || low < 0 || high < low)
    {
      g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE,
                   _("The range of %s must be two weights of zero or more, the lower first, "
                     "not %g to %g"), domain, low, high);
      return FALSE;
    }
  draws = &self->indices[i];
  /* Some weight must stay above zero in every draw. A uniform draw
   * never hits a range's ends, so a range above zero anywhere will do. */
  for (guint k = 0; k < draws->n; k++)
    {
      double top = k == d ? high : isnan (draws->low[k]) ? draws->centre[k] : draws->high[k];
      some_weight |= top > 0;
    }
  if (!some_weight)
    {
      g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE,
                   _("With the range of %s every weight of the %s would be zero"),
                   domain, draws->index->title);
      return FALSE;
    }
  self->mode = LM_WEIGHT_SPREAD_UNIFORM;
  draws->low[d] = low;
  draws->high[d] = high;
  return TRUE;
}

gboolean
lm_weight_sampler_parse_range (LmWeightSampler  *self,
                               const char       *assignment,
                               GError          **error)
{
  g_auto(GStrv) sides = g_strsplit (assignment, "=", 2);
  g_auto(GStrv) bounds = NULL;
  char *end_low = NULL, *end_high = NULL;
  double low, high;

  g_return_val_if_fail (self != NULL, FALSE);

  if (g_strv_length (sides) == 2)
    bounds = g_strsplit (sides[1], ":", 2);
  if (bounds == NULL || g_strv_length (bounds) != 2)
    {
      g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE,
                   _("“%s” is not a weight range: write INDEX.DOMAIN=LOW:HIGH, e.g. imd.income=15:30"),
                   assignment);
      return FALSE;
    }
  low = g_ascii_strtod (bounds[0], &end_low);
  high = g_ascii_strtod (bounds[1], &end_high);
  if (end_low == bounds[0] || *end_low != '\0' || end_high == bounds[1] || *end_high != '\0')
    {
      g_set_error (error, LM_WEIGHT_SAMPLER_ERROR, LM_WEIGHT_SAMPLER_ERROR_BAD_RANGE,
                   _("“%s” is not a weight range: LOW and HIGH must be numbers"), assignment);
      return FALSE;
    }
  return lm_weight_sampler_set_range (self, sides[0], low, high, error);
}

gboolean
lm_weight_sampler_get_range (LmWeightSampler *self,
                             const char      *domain,
                             double          *out_low,
                             double          *out_high)
{
  guint i, d;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!find_domain (self, domain, &i, &d, NULL) || isnan (self->indices[i].low[d]))
    return FALSE;
  *out_low = self->indices[i].low[d];
  *out_high = self->indices[i].high[d];
  return TRUE;
}

gboolean
lm_weight_sampler_lock (LmWeightSampler  *self,
                        const char       *domain,
                        GError          **error)
{
  guint i, d;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!find_domain (self, domain, &i, &d, error))
    return FALSE;
  self->indices[i].locked[d] = TRUE;
  return TRUE;
}

guint
lm_weight_sampler_get_n_indices (LmWeightSampler *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_indices;
}

LmIndex *
lm_weight_sampler_get_index (LmWeightSampler *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL && index < self->n_indices, NULL);
  return self->indices[index].index;
}

const double *
lm_weight_sampler_get_centre (LmWeightSampler *self,
                              guint            index)
{
  g_return_val_if_fail (self != NULL && index < self->n_indices, NULL);
  return self->indices[index].centre;
}

gboolean
lm_weight_sampler_centre_is_current (LmWeightSampler *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_indices; i++)
    for (guint d = 0; d < self->indices[i].n; d++)
      if (self->indices[i].centre[d] !=
          ((LmIndexDomain *) g_ptr_array_index (self->indices[i].index->domains, d))->weight)
        return FALSE;
  return TRUE;
}

gboolean
lm_weight_sampler_varies (LmWeightSampler *self,
                          guint            index)
{
  const IndexDraws *draws;

  g_return_val_if_fail (self != NULL && index < self->n_indices, FALSE);

  draws = &self->indices[index];
  if (self->mode == LM_WEIGHT_SPREAD_DIRICHLET)
    return isfinite (self->concentration) && count_free (draws) >= 2;
  for (guint d = 0; d < draws->n; d++)
    if (!draws->locked[d] && !isnan (draws->low[d]) && draws->high[d] > draws->low[d])
      return TRUE;
  return FALSE;
}

void
lm_weight_sampler_draw (LmWeightSampler *self,
                        guint            index,
                        guint64          seed,
                        guint64          draw,
                        double          *out_weights)
{
  const IndexDraws *draws;
  LmRandom rng;

  g_return_if_fail (self != NULL && index < self->n_indices);

  draws = &self->indices[index];
  if (!lm_weight_sampler_varies (self, index))
    {
      memcpy (out_weights, draws->centre, sizeof (double) * draws->n);
      return;
    }
  lm_random_init (&rng, seed, draw, index);
  if (self->mode == LM_WEIGHT_SPREAD_DIRICHLET)
    draw_dirichlet (self, draws, &rng, out_weights);
  else
    draw_uniform (draws, &rng, out_weights);
}

void
lm_weight_sampler_get_share_interval (LmWeightSampler *self,
                                      guint            index,
                                      guint            domain,
                                      double           coverage,
                                      double          *out_low,
                                      double          *out_high)
{
  const IndexDraws *draws;
  double total, tail = (1 - coverage) / 2;

  g_return_if_fail (self != NULL && index < self->n_indices);
  g_return_if_fail (domain < self->indices[index].n);
  g_return_if_fail (coverage > 0 && coverage < 1);

  draws = &self->indices[index];
  total = sum_of (draws->centre, draws->n);
  *out_low = *out_high = draws->centre[domain] / total;
  if (!lm_weight_sampler_varies (self, index))
    return;

  if (self->mode == LM_WEIGHT_SPREAD_DIRICHLET)
    {
      double free_weight = 0, share, a, b;

      if (!is_free (draws, domain))
        return;
      for (guint d = 0; d < draws->n; d++)
        if (is_free (draws, d))
          free_weight += draws->centre[d];
      /* A free domain's share of the free weight is Beta (c a, (1 - c) a). */
      share = draws->centre[domain] / free_weight;
      a = self->concentration * share;
      b = self->concentration * (1 - share);
      *out_low = free_weight / total * beta_quantile (a, b, tail);
      *out_high = free_weight / total * beta_quantile (a, b, 1 - tail);
      return;
    }

  {
    g_autofree double *shares = g_new (double, INTERVAL_DRAWS);
    g_autofree double *weights = g_new (double, draws->n);

    for (guint k = 0; k < INTERVAL_DRAWS; k++)
      {
        lm_weight_sampler_draw (self, index, INTERVAL_SEED, k, weights);
        shares[k] = weights[domain] / sum_of (weights, draws->n);
      }
    qsort (shares, INTERVAL_DRAWS, sizeof (double), compare_doubles);
    *out_low = shares[(guint) ceil (tail * INTERVAL_DRAWS) - 1];
    *out_high = shares[(guint) ceil ((1 - tail) * INTERVAL_DRAWS) - 1];
  }
}

char *
lm_weight_sampler_describe (LmWeightSampler *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) locked = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->mode == LM_WEIGHT_SPREAD_DIRICHLET && !isfinite (self->concentration))
    g_string_append (text, _("No spread: every draw has the weights themselves"));
  else if (self->mode == LM_WEIGHT_SPREAD_DIRICHLET)
    {
      const char *name = lm_weight_spread_get_name (self->concentration);

      if (name != NULL)
        /* Translators: "Dirichlet draws around the weights, medium spread
         * (concentration 100)"; the spread is narrow, medium or wide */
        g_string_append_printf (text, _("Dirichlet draws around the weights, %s spread "
                                        "(concentration %g)"), _(name), self->concentration);
      else
        g_string_append_printf (text, _("Dirichlet draws around the weights, concentration %g"),
                                self->concentration);
    }
  else
    g_string_append (text, _("Uniform draws within ranges:"));

  for (guint i = 0; i < self->n_indices; i++)
    for (guint d = 0; d < self->indices[i].n; d++)
      {
        const IndexDraws *draws = &self->indices[i];
        const char *id = ((LmIndexDomain *) g_ptr_array_index (draws->index->domains, d))->id;

        if (draws->locked[d])
          g_string_append_printf (locked, "%s%s.%s", locked->len > 0 ? ", " : "", draws->index->id, id);
        else if (self->mode == LM_WEIGHT_SPREAD_UNIFORM && !isnan (draws->low[d]))
          g_string_append_printf (text, " %s.%s %g–%g,", draws->index->id, id,
                                  draws->low[d], draws->high[d]);
      }
  if (text->str[text->len - 1] == ',')
    g_string_truncate (text, text->len - 1);
  if (locked->len > 0)
    /* Translators: "; locked: imd.income, imd.health" */
    g_string_append_printf (text, _("; locked: %s"), locked->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
