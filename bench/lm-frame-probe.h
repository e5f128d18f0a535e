/* lm-frame-probe.h — frame times of one widget, measured from outside
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One painted frame in which the probed widget was drawn. */
typedef struct
{
  gint64 frame_time;     /* frame clock time, µs */
  double interval_ms;    /* wall-clock time since the previous such frame ended */
  double work_ms;        /* before-paint to after-paint: update, layout, snapshot, render */
  double snapshot_ms;    /* time in the child's snapshot */
} LmFrameSample;

#define LM_TYPE_FRAME_PROBE (lm_frame_probe_get_type ())
G_DECLARE_FINAL_TYPE (LmFrameProbe, lm_frame_probe, LM, FRAME_PROBE, GtkWidget)

/* A bin that times the frames its child is drawn in: it listens to the
 * frame clock's before-paint and after-paint and times the child's
 * snapshot, so the widget measured carries no timing code of its own.
 * Samples are kept in memory (preallocated) until taken. */
GtkWidget    *lm_frame_probe_new           (GtkWidget    *child);
GtkWidget    *lm_frame_probe_get_child     (LmFrameProbe *self);
/* The samples since the last call (LmFrameSample); the probe starts a
 * new array. */
GArray       *lm_frame_probe_take_samples  (LmFrameProbe *self);

G_END_DECLS
