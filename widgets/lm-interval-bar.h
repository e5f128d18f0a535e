/* lm-interval-bar.h — a rank with the interval it keeps under uncertain
 * weights, drawn along the whole ranking
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LM_TYPE_INTERVAL_BAR (lm_interval_bar_get_type ())
G_DECLARE_FINAL_TYPE (LmIntervalBar, lm_interval_bar, LM, INTERVAL_BAR, GtkWidget)

/* A track from rank 1 (left, most deprived) to rank @n, the band from
 * @low to @high (the 5th to 95th percentile of the draws), a tick at the
 * @median and a dot at the rank @value now. */
GtkWidget *lm_interval_bar_new        (void);
void       lm_interval_bar_set_values (LmIntervalBar *self,
                                       double         value,
                                       double         low,
                                       double         median,
                                       double         high,
                                       double         n);

G_END_DECLS
