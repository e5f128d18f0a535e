/* lm-rank-private.h — the radix sort shared by ranking, statistics and classes
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes of working memory the functions below need for @n values. */
gsize    _lm_rank_buffer_size     (guint           n);
/* Returns at least @size bytes, 16-byte aligned: from @scratch (grown as
 * needed, whatever its element size) or, if @scratch is NULL, a new block
 * stored in @to_free for the caller to g_free(). */
gpointer _lm_rank_reserve         (GArray         *scratch,
                                   gsize           size,
                                   gpointer       *to_free);
/* lm_rank_average() working in @buffer (_lm_rank_buffer_size (n) bytes),
 * so that callers that already carved up a scratch array can use it. */
void     _lm_rank_average_buffer  (const double   *values,
                                   const gboolean *mask,
                                   guint           n,
                                   double         *out_ranks,
                                   gpointer        buffer);
/* Copies the non-NAN values of @values into @out_sorted in ascending
 * order (-0.0 comes out as 0.0) and returns how many there are. */
guint    _lm_rank_sort_ascending  (const double   *values,
                                   guint           n,
                                   double         *out_sorted,
                                   GArray         *scratch);

G_END_DECLS
