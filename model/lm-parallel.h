/* lm-parallel.h — independent pieces of work on every core
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*LmParallelFunc) (guint    item,
                                gpointer user_data);

/* Calls @func for each item from 0 to @n_items - 1, on the calling
 * thread and up to one more thread per further core, each taking the
 * next item not taken yet; returns when every item is done. The items
 * must be independent of each other: the order they run in is not
 * known. */
void lm_parallel_for (guint          n_items,
                      LmParallelFunc func,
                      gpointer       user_data);

G_END_DECLS
