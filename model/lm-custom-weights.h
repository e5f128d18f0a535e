/* lm-custom-weights.h — the "custom weights" marker's words
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-model.h"

G_BEGIN_DECLS

/**
 * lm_custom_weights_describe:
 * @model: a model
 *
 * Custom weights are never silent: the window, the legend, presentations,
 * copied maps and every export say which domains differ from the
 * official weights, with these words, e.g. "IMD: Income 28.9% (official
 * 22.5%)": each domain's share of its index now and officially. Only the
 * domains whose weight was changed are named (the others' shares follow
 * from them); indices are separated by "; ".
 *
 * Returns: (transfer full) (nullable): the changed domains, or NULL
 *   when every weight is the official one
 */
char *lm_custom_weights_describe (LmModel *model);

G_END_DECLS
