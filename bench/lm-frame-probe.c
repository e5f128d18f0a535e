/* lm-frame-probe.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-frame-probe.h"

/* Preallocated so that recording allocates nothing while frames run. */
#define INITIAL_CAPACITY 4096

struct _LmFrameProbe
{
  GtkWidget      parent_instance;

  GtkWidget     *child;
  GdkFrameClock *clock;            /* while realized */
  gulong         before_paint_id;
  gulong         after_paint_id;
  gint64         paint_start;
  gint64         snapshot_us;
  gint64         last_frame_end;   /* monotonic µs at the end of the last drawn frame */
  gboolean       drawn_this_frame;
  GArray        *samples;          /* LmFrameSample */
};

G_DEFINE_FINAL_TYPE (LmFrameProbe, lm_frame_probe, GTK_TYPE_WIDGET)

static void
on_before_paint_cb (LmFrameProbe  *self,
                    GdkFrameClock *clock)
{
  self->paint_start = g_get_monotonic_time ();
  self->snapshot_us = 0;
  self->drawn_this_frame = FALSE;
}

static void
on_after_paint_cb (LmFrameProbe  *self,
                   GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();
  LmFrameSample sample;

  if (!self->drawn_this_frame)
    return;
  /* Wall-clock time between the ends of consecutive frames: the frame
   * clock's own frame time is smoothed to the refresh period and would
   * hide late frames. */
  sample.frame_time = gdk_frame_clock_get_frame_time (clock);
  sample.interval_ms = self->last_frame_end > 0 ? (now - self->last_frame_end) / 1000.0 : 0;
  sample.work_ms = (now - self->paint_start) / 1000.0;
  sample.snapshot_ms = self->snapshot_us / 1000.0;
  self->last_frame_end = now;
  g_array_append_val (self->samples, sample);
}

static void
lm_frame_probe_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LmFrameProbe *self = LM_FRAME_PROBE (widget);
  gint64 start = g_get_monotonic_time ();

  gtk_widget_snapshot_child (widget, self->child, snapshot);
  self->snapshot_us += g_get_monotonic_time () - start;
  self->drawn_this_frame = TRUE;
}

static void
lm_frame_probe_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LmFrameProbe *self = LM_FRAME_PROBE (widget);

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
lm_frame_probe_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LmFrameProbe *self = LM_FRAME_PROBE (widget);

  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
lm_frame_probe_realize (GtkWidget *widget)
{
  LmFrameProbe *self = LM_FRAME_PROBE (widget);

  GTK_WIDGET_CLASS (lm_frame_probe_parent_class)->realize (widget);
  self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->before_paint_id = g_signal_connect_swapped (self->clock, "before-paint",
                                                    G_CALLBACK (on_before_paint_cb), self);
  self->after_paint_id = g_signal_connect_swapped (self->clock, "after-paint",
                                                   G_CALLBACK (on_after_paint_cb), self);
}

static void
lm_frame_probe_unrealize (GtkWidget *widget)
{
  LmFrameProbe *self = LM_FRAME_PROBE (widget);

  g_clear_signal_handler (&self->before_paint_id, self->clock);
  g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->clock);
  GTK_WIDGET_CLASS (lm_frame_probe_parent_class)->unrealize (widget);
}

static void
lm_frame_probe_dispose (GObject *object)
{
  LmFrameProbe *self = LM_FRAME_PROBE (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (lm_frame_probe_parent_class)->dispose (object);
}

static void
lm_frame_probe_finalize (GObject *object)
{
  LmFrameProbe *self = LM_FRAME_PROBE (object);

  g_clear_pointer (&self->samples, g_array_unref);
  G_OBJECT_CLASS (lm_frame_probe_parent_class)->finalize (object);
}

static void
lm_frame_probe_class_init (LmFrameProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_frame_probe_dispose;
  object_class->finalize = lm_frame_probe_finalize;
  widget_class->snapshot = lm_frame_probe_snapshot;
  widget_class->measure = lm_frame_probe_measure;
  widget_class->size_allocate = lm_frame_probe_size_allocate;
  widget_class->realize = lm_frame_probe_realize;
  widget_class->unrealize = lm_frame_probe_unrealize;
}

static void
lm_frame_probe_init (LmFrameProbe *self)
{
  self->samples = g_array_sized_new (FALSE, FALSE, sizeof (LmFrameSample), INITIAL_CAPACITY);
}

GtkWidget *
lm_frame_probe_new (GtkWidget *child)
{
  LmFrameProbe *self;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  self = g_object_new (LM_TYPE_FRAME_PROBE, NULL);
  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

GtkWidget *
lm_frame_probe_get_child (LmFrameProbe *self)
{
  g_return_val_if_fail (LM_IS_FRAME_PROBE (self), NULL);
  return self->child;
}

GArray *
lm_frame_probe_take_samples (LmFrameProbe *self)
{
  GArray *samples;

  g_return_val_if_fail (LM_IS_FRAME_PROBE (self), NULL);

  samples = g_steal_pointer (&self->samples);
  self->samples = g_array_sized_new (FALSE, FALSE, sizeof (LmFrameSample), INITIAL_CAPACITY);
  return samples;
}
