/* lm-dataset.h — one data vintage loaded from its manifest
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-index.h"
#include "lm-level.h"

G_BEGIN_DECLS

#define LM_DATASET_ERROR (lm_dataset_error_quark ())

typedef enum
{
  LM_DATASET_ERROR_MANIFEST,      /* the manifest is not valid */
  LM_DATASET_ERROR_MISSING_FILE,  /* a file the manifest names is not there */
  LM_DATASET_ERROR_DATA,          /* a table or layer does not fit the manifest */
  LM_DATASET_ERROR_NOT_FOUND,     /* no such dataset in the data folder */
} LmDatasetError;

/* A left-behind criterion: an area meets it when its value of @variable
 * is in the worst @value percent of the level (TOP_PERCENT) or is at most
 * @value (AT_MOST, e.g. "IMD decile 1"). */
typedef enum
{
  LM_CRITERION_TOP_PERCENT,
  LM_CRITERION_AT_MOST,
} LmCriterionKind;

typedef struct
{
  char            *variable;       /* id at the rule's level */
  LmCriterionKind  kind;
  double           value;          /* current threshold */
  double           default_value;  /* from the manifest */
} LmCriterion;

typedef struct
{
  LmLevel   *level;         /* borrowed */
  GPtrArray *criteria;      /* LmCriterion*, owned; all must hold */
  char      *published;     /* variable id of the published flag, or NULL */
  char      *description;   /* translated sentence from the manifest */
} LmLeftBehindRule;

#define LM_TYPE_DATASET (lm_dataset_get_type ())
G_DECLARE_FINAL_TYPE (LmDataset, lm_dataset, LM, DATASET, GObject)

GQuark            lm_dataset_error_quark        (void);
/* Loads the tables of a manifest (geometry is loaded lazily, see
 * lm_dataset_ensure_shapes). @data_dir is the folder the manifest's file
 * names are relative to. */
LmDataset        *lm_dataset_load               (const char  *manifest_path,
                                                 const char  *data_dir,
                                                 GError     **error);
/* @name is "england-2019", "england-2025" or a path to a manifest. The
 * manifest is looked for in the installed and source manifest folders;
 * the vintage's files in @data_root/<id>/. */
LmDataset        *lm_dataset_open               (const char  *name,
                                                 const char  *data_root,
                                                 GError     **error);
const char       *lm_dataset_get_id             (LmDataset   *self);
const char       *lm_dataset_get_title          (LmDataset   *self);
const char       *lm_dataset_get_data_dir       (LmDataset   *self);
guint             lm_dataset_get_n_levels       (LmDataset   *self);
/* 0 = finest */
LmLevel          *lm_dataset_get_level          (LmDataset   *self,
                                                 guint        depth);
LmLevel          *lm_dataset_find_level         (LmDataset   *self,
                                                 const char  *id);
guint             lm_dataset_get_n_indices      (LmDataset   *self);
LmIndex          *lm_dataset_get_index          (LmDataset   *self,
                                                 guint        i);
LmIndex          *lm_dataset_find_index         (LmDataset   *self,
                                                 const char  *id);
LmLeftBehindRule *lm_dataset_get_left_behind_rule (LmDataset *self);
/* Attribution lines to show with maps and in the about dialog. */
const char * const *lm_dataset_get_attributions (LmDataset   *self);
/* Reads the level's polygons if not yet read. */
gboolean          lm_dataset_ensure_shapes      (LmDataset   *self,
                                                 LmLevel     *level,
                                                 GError     **error);
/* A variable by id at a level, or NULL. */
LmVariable       *lm_dataset_find_variable      (LmDataset   *self,
                                                 const char  *level_id,
                                                 const char  *variable_id);
/* Re-derives every variable above its native level (means, sums,
 * ratios, ranks, deciles). Called by the model after each recompute;
 * @only_weighted limits it to variables that depend on weights. */
void              lm_dataset_aggregate          (LmDataset   *self,
                                                 gboolean     only_weighted);

G_END_DECLS
