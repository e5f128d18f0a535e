/* fuzz-shapefile.c — libFuzzer target: a whole shapefile set, through
 * shapelib's in-memory hooks (the 1.5 API, or the 1.6 one when built
 * against shapelib 1.6)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lm-fuzz.h"
#include "lm-shape-layer.h"

/* One input holds the three files: the lengths of the .shp and the .shx
 * (32-bit little-endian), then the .shp, the .shx and the .dbf. Lengths
 * beyond the input are cut to what is there. */
static GBytes *
take (const guint8 **data,
      size_t        *size,
      guint32        length)
{
  GBytes *bytes;

  length = MIN (length, *size);
  bytes = g_bytes_new (*data, length);
  *data += length;
  *size -= length;
  return bytes;
}

static guint32
read_length (const guint8 **data,
             size_t        *size)
{
  guint32 value = 0;

  if (*size < 4)
    return 0;
  memcpy (&value, *data, 4);
  *data += 4;
  *size -= 4;
  return GUINT32_FROM_LE (value);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  guint32 shp_length = read_length (&data, &size);
  guint32 shx_length = read_length (&data, &size);
  g_autoptr(GBytes) shp = take (&data, &size, shp_length);
  g_autoptr(GBytes) shx = take (&data, &size, shx_length);
  g_autoptr(GBytes) dbf = take (&data, &size, (guint32) MIN (size, G_MAXUINT32));
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  const guint *part_starts;
  const double *points;
  guint n_parts, n_points;

  lm_fuzz_init ();
  layer = lm_shape_layer_new_from_bytes ("fuzz", shp, shx, dbf, &error);
  if (layer == NULL)
    {
      g_assert (error != NULL);
      lm_fuzz_refused (error);
      return 0;
    }

  /* What the reader promises the renderer: parts in order inside the
   * points, finite coordinates within the plausible range, features'
   * bounds holding their points. */
  part_starts = lm_shape_layer_get_part_starts (layer, &n_parts);
  points = lm_shape_layer_get_points (layer, &n_points);
  g_assert (part_starts[n_parts] == n_points);
  for (guint p = 0; p < n_parts; p++)
    g_assert (part_starts[p] <= part_starts[p + 1]);
  for (guint i = 0; i < 2 * n_points; i++)
    g_assert (isfinite (points[i]) && fabs (points[i]) <= 2 * LM_SHAPE_MAX_COORDINATE);
  for (guint f = 0; f < lm_shape_layer_get_n_features (layer); f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);

      g_assert (feature->first_part + feature->n_parts <= n_parts);
      if (feature->n_parts > 0)
        lm_shape_layer_feature_contains (layer, f,
                                         (feature->bounds.xmin + feature->bounds.xmax) / 2,
                                         (feature->bounds.ymin + feature->bounds.ymax) / 2);
    }

  codes = lm_shape_layer_read_code_field (layer, "CODE", NULL, NULL);
  if (codes != NULL)
    g_assert (g_strv_length (codes) == lm_shape_layer_get_n_features (layer));
  return 0;
}
