/* lm-bench-util.h — what the window benchmarks share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* This process's resident memory (VmRSS), in MB; 0 if unknown. */
double     lm_bench_rss_mb      (void);
/* The first widget under @widget (itself included) named @name, or
 * with @name NULL the first of @type. */
GtkWidget *lm_bench_find_widget (GtkWidget  *widget,
                                 const char *name,
                                 GType       type);

G_END_DECLS
