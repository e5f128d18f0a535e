/* lm-view-bindings.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-view-bindings.h"

static gboolean
method_to_enum (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  LmClassifyMethod method;

  if (!lm_classify_method_from_string (g_value_get_string (from), &method))
    return FALSE;
  g_value_set_enum (to, method);
  return TRUE;
}

void
lm_view_bind_map (LmView        *view,
                  LmChoropleth  *map,
                  GBindingFlags  extent_flags)
{
  static const char * const same[] = {
    "level", "variable", "n-classes", "palette", "show-left-behind",
  };

  g_return_if_fail (LM_IS_VIEW (view));
  g_return_if_fail (LM_IS_CHOROPLETH (map));

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_object_bind_property (view, same[i], map, same[i], G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (view, "method", map, "method", G_BINDING_SYNC_CREATE,
                               method_to_enum, NULL, NULL, NULL);
  g_object_bind_property (view, "extent", map, "extent", G_BINDING_SYNC_CREATE | extent_flags);
}

void
lm_view_bind_plot (LmView        *view,
                   LmScatterPlot *plot,
                   GBindingFlags  weighted_flags)
{
  g_return_if_fail (LM_IS_VIEW (view));
  g_return_if_fail (LM_IS_SCATTER_PLOT (plot));

  g_object_bind_property (view, "plot-level", plot, "level-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (view, "plot-x", plot, "x-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (view, "plot-y", plot, "y-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (view, "weighted", plot, "weighted",
                          G_BINDING_SYNC_CREATE | weighted_flags);
  g_object_bind_property (lm_view_get_analysis (view), "show-intervals", plot, "show-intervals",
                          G_BINDING_SYNC_CREATE);
}
