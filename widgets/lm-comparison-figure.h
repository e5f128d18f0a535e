/* lm-comparison-figure.h — two vintages compared in one figure (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-classify.h"
#include "lm-comparison.h"
#include "lm-model.h"
#include "lm-palette.h"

G_BEGIN_DECLS

/* The classes of a rank move, symmetric around no change so that the
 * diverging colours mean the same both ways: falls and rises of more
 * than 50, 21 to 50 and 6 to 20 places, and "about the same" (5 places
 * or fewer). Colours: RdBu, rises towards rank 1 (more deprived) red.
 * @colors holds LM_CLASSIFY_MAX_CLASSES. */
void      lm_comparison_figure_classify_moves (const LmVariable *move,
                                               LmClassification *out_classes,
                                               LmColor          *out_colors);

/**
 * lm_comparison_figure_draw:
 * @comparison: a comparison that has run
 * @model: the after vintage's model, with the comparison applied and the
 *   compared level's polygons loaded
 * @cr: a context whose user space is @width × @height pixels
 *
 * On white paper: the title; a map of the rank move in diverging
 * colours with its legend; a slope chart of every area's rank before and
 * after (the most deprived decile shaded, the areas that entered or left
 * it drawn strong and named); the list of those areas with their ranks;
 * the share of residents in left-behind areas in each vintage; the
 * attributions of both vintages and a provenance line.
 */
void      lm_comparison_figure_draw           (LmComparison     *comparison,
                                               LmModel          *model,
                                               cairo_t          *cr,
                                               int               width,
                                               int               height);
/* The figure to a .png, .svg or .pdf file, atomically (see
 * lm_export_draw_to_file()); loads the compared level's polygons. */
gboolean  lm_comparison_figure_export         (LmComparison     *comparison,
                                               LmModel          *model,
                                               const char       *path,
                                               int               width,
                                               int               height,
                                               GError          **error);

G_END_DECLS
