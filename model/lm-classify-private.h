/* lm-classify-private.h — classification with the caller's working memory
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-classify.h"

G_BEGIN_DECLS

/* lm_classify() and lm_classify_diverging() sorting in @scratch (see
 * _lm_rank_reserve()), kept by a caller that classifies often, so that
 * each classification does not map and fault in a megabyte afresh. */
gboolean _lm_classify           (const double     *values,
                                 guint             n,
                                 LmClassifyMethod  method,
                                 guint             n_classes,
                                 GArray           *scratch,
                                 LmClassification *out);
gboolean _lm_classify_diverging (const double     *values,
                                 guint             n,
                                 guint             n_classes,
                                 GArray           *scratch,
                                 LmClassification *out);

G_END_DECLS
