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
  LmLevel    *level;        /* borrowed */
  LmVariable *flag;         /* borrowed: 1 where left behind, at @level */
  GPtrArray  *criteria;     /* LmCriterion*, owned; all must hold */
  char       *published;    /* variable id of the published flag, or NULL */
  char       *description;  /* a sentence from the manifest */
} LmLeftBehindRule;

/* An election's results, summed from its counting areas to @level (see
 * docs/manifest.md). Its variables are ID.OPTION_pct (the share of valid
 * votes for the counted option), ID.turnout_pct and the raw counts,
 * which are marked auxiliary. */
typedef struct
{
  char    *id;            /* "eu" */
  char    *title;         /* "EU referendum 2016" */
  LmLevel *level;         /* borrowed: the level the results reach first */
  char    *option_title;  /* "Leave": the option whose share is shown */
  char    *share;         /* variable id of that share, "eu.leave_pct" */
  char    *turnout;       /* variable id of the turnout, "eu.turnout_pct" */
} LmElection;

/* A scatter figure the manifest declares (<report>): y against x for the
 * areas of a level. The model keeps its statistics current. */
typedef struct
{
  char *id;     /* "leave-imd" */
  char *title;  /* "Leave vote vs IMD (local authorities)" */
  char *level;  /* level id */
  char *x;      /* variable id */
  char *y;      /* variable id */
} LmReportPreset;

#define LM_TYPE_DATASET (lm_dataset_get_type ())
G_DECLARE_FINAL_TYPE (LmDataset, lm_dataset, LM, DATASET, GObject)

GQuark            lm_dataset_error_quark        (void);
/* Loads the tables of a manifest (geometry is loaded lazily, see
 * lm_dataset_ensure_shapes). @data_dir is the folder the manifest's file
 * names are relative to. */
LmDataset        *lm_dataset_load               (const char  *manifest_path,
                                                 const char  *data_dir,
                                                 GError     **error);
/* @name is a dataset id or a path to a manifest. The manifest of an id
 * is looked for as lm_data_dir_find_manifest() says; the vintage's files
 * are in @data_root/<id>/. A path's files are next to it. */
LmDataset        *lm_dataset_open               (const char  *name,
                                                 const char  *data_root,
                                                 GError     **error);
const char       *lm_dataset_get_id             (LmDataset   *self);
const char       *lm_dataset_get_title          (LmDataset   *self);
const char       *lm_dataset_get_data_dir       (LmDataset   *self);
/* The manifest read, and "sha256:" and the hex SHA-256 of its bytes as
 * read: scenario files record it to tell when the data have changed. */
const char       *lm_dataset_get_manifest_path  (LmDataset   *self);
const char       *lm_dataset_get_manifest_checksum (LmDataset *self);
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
guint             lm_dataset_get_n_elections    (LmDataset   *self);
const LmElection *lm_dataset_get_election       (LmDataset   *self,
                                                 guint        i);
/* The scatter figures of the manifest, in its order (possibly none). */
guint             lm_dataset_get_n_reports      (LmDataset   *self);
const LmReportPreset *lm_dataset_get_report     (LmDataset   *self,
                                                 guint        i);
/* The index of the report @id in lm_dataset_get_report() order, or -1. */
int               lm_dataset_find_report        (LmDataset   *self,
                                                 const char  *id);
/* The level named beside an area to place it ("context-level" in the
 * manifest, e.g. local authorities), or NULL if the manifest names none. */
LmLevel          *lm_dataset_get_context_level  (LmDataset   *self);
/* The level whose area is named beside an area of @level: the context
 * level when it is coarser than @level, else @level's parent; NULL for
 * the top level. */
LmLevel          *lm_dataset_get_context_for    (LmDataset   *self,
                                                 LmLevel     *level);
/* The variable a map shows when none is chosen: the first index's score
 * ("imd.score"), else the population. */
const char       *lm_dataset_get_default_variable (LmDataset *self);
/* Attribution lines to show with maps and in the about dialog. */
const char * const *lm_dataset_get_attributions (LmDataset   *self);
/* The short line credited on screen under a map: the attributions' short
 * forms joined with "; " (see docs/manifest.md). */
const char       *lm_dataset_get_attribution_line (LmDataset *self);
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
