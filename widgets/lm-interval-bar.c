/* lm-interval-bar.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-interval-bar.h"

#define HEIGHT 14

struct _LmIntervalBar
{
  GtkWidget parent_instance;

  double    value;
  double    low;
  double    median;
  double    high;
  double    n;
};

G_DEFINE_FINAL_TYPE (LmIntervalBar, lm_interval_bar, GTK_TYPE_WIDGET)

static void
lm_interval_bar_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? HEIGHT : 60;
}

/* Rank 1 at the left edge, rank n at the right. */
static double
x_of (LmIntervalBar *self,
      double         rank,
      double         width)
{
  return self->n > 1 ? (rank - 1) / (self->n - 1) * width : 0;
}

static void
lm_interval_bar_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LmIntervalBar *self = LM_INTERVAL_BAR (widget);
  double w = gtk_widget_get_width (widget), mid = HEIGHT / 2.0;
  GdkRGBA ink;
  GdkRGBA track, band;
  double x0, x1;

  if (isnan (self->low) || isnan (self->high) || !(self->n > 1))
    return;
  /* The foreground colour, lighter for the track and the band, so the
   * bar follows the light and dark styles. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  track = ink;
  track.alpha = 0.15;
  band = ink;
  band.alpha = 0.45;
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, mid - 1, w, 2));
  x0 = x_of (self, self->low, w);
  x1 = MAX (x_of (self, self->high, w), x0 + 2);
  gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x0, mid - 3, x1 - x0, 6));
  if (!isnan (self->median))
    gtk_snapshot_append_color (snapshot, &ink,
                               &GRAPHENE_RECT_INIT (x_of (self, self->median, w) - 1, mid - 5, 2, 10));
  if (!isnan (self->value))
    {
      GskRoundedRect dot;
      double x = x_of (self, self->value, w);

      gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x - 4, mid - 4, 8, 8), 4);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &ink, &GRAPHENE_RECT_INIT (x - 4, mid - 4, 8, 8));
      gtk_snapshot_pop (snapshot);
    }
}

static void
lm_interval_bar_class_init (LmIntervalBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = lm_interval_bar_measure;
  widget_class->snapshot = lm_interval_bar_snapshot;
  gtk_widget_class_set_css_name (widget_class, "intervalbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_interval_bar_init (LmIntervalBar *self)
{
  self->value = self->low = self->median = self->high = self->n = NAN;
}

GtkWidget *
lm_interval_bar_new (void)
{
  return g_object_new (LM_TYPE_INTERVAL_BAR, NULL);
}

void
lm_interval_bar_set_values (LmIntervalBar *self,
                            double         value,
                            double         low,
                            double         median,
                            double         high,
                            double         n)
{
  g_return_if_fail (LM_IS_INTERVAL_BAR (self));

  if (self->value == value && self->low == low && self->median == median &&
      self->high == high && self->n == n)
    return;
  self->value = value;
  self->low = low;
  self->median = median;
  self->high = high;
  self->n = n;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
