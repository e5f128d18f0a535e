/* lm-classify.h — class breaks for choropleths and legends
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LM_CLASSIFY_QUANTILE,
  LM_CLASSIFY_EQUAL,
  LM_CLASSIFY_JENKS,
  LM_CLASSIFY_STDDEV,
  LM_CLASSIFY_DECILES,   /* the published deciles: ten classes of equal count by rank */
  /* For shares of Monte Carlo draws (0..1): four fixed classes that read
   * "almost never" (under 10%), "sometimes" (10–50%), "usually" (50–90%)
   * and "almost always" (90% or more). Not offered as a method to choose:
   * maps of such shares use it whatever the method. */
  LM_CLASSIFY_LIKELIHOOD,
} LmClassifyMethod;

#define LM_CLASSIFY_LIKELIHOOD_CLASSES 4

#define LM_CLASSIFY_MIN_CLASSES 3
#define LM_CLASSIFY_MAX_CLASSES 10

/* Class k holds values in [lower[k], upper[k]] (the first class is closed
 * below, every other open below: lower[k] < v <= upper[k]). count[k] is
 * how many values fall in it. Bounds are monotonic. */
typedef struct
{
  LmClassifyMethod method;
  guint            n_classes;
  double           lower[LM_CLASSIFY_MAX_CLASSES];
  double           upper[LM_CLASSIFY_MAX_CLASSES];
  guint            count[LM_CLASSIFY_MAX_CLASSES];
  guint            n_missing;   /* NAN values, in no class */
} LmClassification;

/* Classifies the non-NAN values. @n_classes is clamped to 3..10; DECILES
 * always gives 10 (fewer if there are fewer distinct values); LIKELIHOOD
 * always its 4, empty or not. Returns FALSE (and leaves n_classes 0)
 * when there is no value at all. */
gboolean    lm_classify                 (const double      *values,
                                         guint              n,
                                         LmClassifyMethod   method,
                                         guint              n_classes,
                                         LmClassification  *out);
/* Classes symmetric about zero for a diverging palette (a rank
 * change): a middle class of zero alone, and the same distances on
 * either side. See the function's documentation. */
gboolean    lm_classify_diverging       (const double      *values,
                                         guint              n,
                                         guint              n_classes,
                                         LmClassification  *out);
/* Class index of @value, or -1 for NAN. */
int         lm_classification_find      (const LmClassification *classes,
                                         double                  value);
/* Fills @out_classes (n entries, int8: class or -1) for fast colouring. */
void        lm_classification_assign    (const LmClassification *classes,
                                         const double           *values,
                                         guint                   n,
                                         gint8                  *out_classes);
gboolean    lm_classify_method_from_string (const char        *name,
                                            LmClassifyMethod  *out_method);
const char *lm_classify_method_to_string   (LmClassifyMethod   method);
/* The words of a LM_CLASSIFY_LIKELIHOOD class (0 = under 10% of draws),
 * translated, for legends: "Usually (50–90% of draws)". */
const char *lm_classify_likelihood_get_label (guint            k);
/* Translated, for legends and provenance lines: "quantiles", "Jenks natural breaks" */
const char *lm_classify_method_get_title   (LmClassifyMethod   method);

G_END_DECLS
