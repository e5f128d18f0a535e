/* lm-shape-layer.h
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-bounds.h"
#include "lm-problems.h"

G_BEGIN_DECLS

#define LM_SHAPE_ERROR (lm_shape_error_quark ())

typedef enum
{
  LM_SHAPE_ERROR_IO,             /* a file of the set is missing or unreadable */
  LM_SHAPE_ERROR_NOT_POLYGONS,   /* the layer holds points or lines */
  LM_SHAPE_ERROR_CORRUPT,        /* truncated .shp, .shx that disagrees with .shp, bad record */
  LM_SHAPE_ERROR_MISSING_FIELD,  /* the .dbf has no such field */
  LM_SHAPE_ERROR_RECORD_COUNT,   /* .dbf and .shp hold different numbers of records */
  LM_SHAPE_ERROR_OUT_OF_BOUNDS,  /* a point outside its record's or the file's bounding box */
  LM_SHAPE_ERROR_BAD_CODE,       /* an empty or invalid code in the .dbf */
  LM_SHAPE_ERROR_DUPLICATE_CODE, /* two records of the .dbf with one code */
} LmShapeError;

/* No map projection in use puts the Earth beyond this in any unit (it is
 * 4 × 10^7 in metres, 4 × 10^10 in millimetres); a bounding box that
 * reaches further is damage, and would make England a dot on the map. */
#define LM_SHAPE_MAX_COORDINATE 1e12

/* One polygon feature: parts [first_part, first_part + n_parts) of the
 * layer's part table. A part is a closed ring; holes are rings too and are
 * left open by filling with the even-odd rule. A null shape has n_parts 0. */
typedef struct
{
  guint    first_part;
  guint    n_parts;
  LmBounds bounds;
} LmShapeFeature;

#define LM_TYPE_SHAPE_LAYER (lm_shape_layer_get_type ())
G_DECLARE_FINAL_TYPE (LmShapeLayer, lm_shape_layer, LM, SHAPE_LAYER, GObject)

GQuark                lm_shape_error_quark              (void);
/* @path is the .shp; the .shx and .dbf beside it are read too, each only
 * if it is a regular file (see lm_input_file_read()). The whole geometry
 * is read into memory and checked: record lengths must match their counts
 * exactly, and every point must lie inside its record's bounding box,
 * which must lie inside the file's. The .dbf is checked whole (see
 * lm-dbf.h); its attributes are read on demand. */
LmShapeLayer         *lm_shape_layer_load               (const char    *path,
                                                         GError       **error);
/* With @problems, every damaged record is listed in it before the load
 * fails with the first (for `levelmap --check`). */
LmShapeLayer         *lm_shape_layer_load_full          (const char    *path,
                                                         LmProblems    *problems,
                                                         GError       **error);
/* The same from a set already in memory; @name ("lsoa") is how messages
 * name its files. @dbf is kept for the field readers. */
LmShapeLayer         *lm_shape_layer_new_from_bytes     (const char    *name,
                                                         GBytes        *shp,
                                                         GBytes        *shx,
                                                         GBytes        *dbf,
                                                         GError       **error);
const char           *lm_shape_layer_get_path           (LmShapeLayer  *self);
guint                 lm_shape_layer_get_n_features     (LmShapeLayer  *self);
const LmShapeFeature *lm_shape_layer_get_feature        (LmShapeLayer  *self,
                                                         guint          feature);
/* part_starts has n_parts + 1 entries: part p is the points
 * [part_starts[p], part_starts[p + 1]). Points are x,y pairs in the
 * layer's own coordinates (British National Grid metres for our data). */
const guint          *lm_shape_layer_get_part_starts    (LmShapeLayer  *self,
                                                         guint         *n_parts);
const double         *lm_shape_layer_get_points         (LmShapeLayer  *self,
                                                         guint         *n_points);
LmBounds              lm_shape_layer_get_bounds         (LmShapeLayer  *self);
/* Reads one text field for every feature (trimmed UTF-8). A missing field
 * is LM_SHAPE_ERROR_MISSING_FIELD naming the .dbf and the field. The
 * returned array has n_features entries and is owned by the caller; it is
 * NULL-terminated too, so g_strfreev() frees it. */
char                **lm_shape_layer_read_string_field  (LmShapeLayer  *self,
                                                         const char    *field,
                                                         GError       **error);
/* The same for the field that identifies each feature: every value must
 * be non-empty, valid and unique (LM_SHAPE_ERROR_BAD_CODE,
 * LM_SHAPE_ERROR_DUPLICATE_CODE naming the file and record). With
 * @problems, every bad code is listed in it before the call fails. */
char                **lm_shape_layer_read_code_field    (LmShapeLayer  *self,
                                                         const char    *field,
                                                         LmProblems    *problems,
                                                         GError       **error);
/* Features without rings (null shapes): drawn as nothing. */
guint                 lm_shape_layer_get_n_empty_features (LmShapeLayer *self);
/* Even-odd point-in-polygon test in layer coordinates. */
gboolean              lm_shape_layer_feature_contains   (LmShapeLayer  *self,
                                                         guint          feature,
                                                         double         x,
                                                         double         y);

G_END_DECLS
