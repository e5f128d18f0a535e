/* lm-draw-rank.h — ranking for the Monte Carlo draws: lm_rank_descending()'s
 * ranks, in about half the time
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ranks @values exactly as lm_rank_descending() does (1 for the largest,
 * ties in index order, 0 for NAN, the two zeros tied) and returns how
 * many were ranked. @scratch is working memory the caller keeps between
 * calls; it may be shared with lm_rank_descending(). */
guint lm_draw_rank_descending (const double *values,
                               guint         n,
                               guint        *out_ranks,
                               GArray       *scratch);

G_END_DECLS
