/* lm-classify-cache.h — class breaks kept for the values they were made of
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-classify.h"

G_BEGIN_DECLS

/* A map switched back to a variable classifies the same values again
 * (a sort of every area's value): this keeps the last classifications,
 * each with a copy of the values it was made of, and gives one back only
 * when the values are the same bit for bit. A weight change rewrites
 * the values in place, so no pointer or serial could say that. */
typedef struct _LmClassifyCache LmClassifyCache;

/* Keeps at most @max_entries classifications, and copies of values of
 * at most @max_bytes in all (at least the last one). */
LmClassifyCache *lm_classify_cache_new      (guint             max_entries,
                                             gsize             max_bytes);
void             lm_classify_cache_free     (LmClassifyCache  *self);

/* lm_classify() (@diverging FALSE) or lm_classify_diverging() (TRUE,
 * @method ignored) of the @n @values into @out, and each value's class
 * as lm_classification_assign() gives it into @out_classes (n entries);
 * the same result as those functions, from the cache when it holds
 * these values classified the same way. Returns what they return. */
gboolean         lm_classify_cache_classify (LmClassifyCache  *self,
                                             const double     *values,
                                             guint             n,
                                             LmClassifyMethod  method,
                                             gboolean          diverging,
                                             guint             n_classes,
                                             LmClassification *out,
                                             gint8            *out_classes);
/* How many classifications were computed rather than found (for tests). */
guint            lm_classify_cache_get_n_misses (LmClassifyCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmClassifyCache, lm_classify_cache_free)

G_END_DECLS
