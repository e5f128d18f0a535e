/* lm-dataset.h — one data vintage loaded from its manifest
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-index.h"
#include "lm-level.h"
#include "lm-problems.h"

G_BEGIN_DECLS

#define LM_DATASET_ERROR (lm_dataset_error_quark ())

typedef enum
{
  LM_DATASET_ERROR_MANIFEST,      /* the manifest is not valid */
  LM_DATASET_ERROR_MISSING_FILE,  /* a file the manifest names is not there */
  LM_DATASET_ERROR_DATA,          /* a table or layer does not fit the manifest */
  LM_DATASET_ERROR_NOT_FOUND,     /* no such dataset in the data folder */
  LM_DATASET_ERROR_OUTSIDE,       /* a file the manifest names leads outside the dataset's folder */
  LM_DATASET_ERROR_LIMIT,         /* the dataset's files are larger together than Levelmap reads */
} LmDatasetError;

/* What a dataset may be and hold (docs/manifest.md, "Limits" and "What
 * the data must satisfy"). All its files together, each counted once:
 * tables and boundaries that add up to more are refused rather than read
 * until memory runs out. */
#define LM_DATASET_MAX_BYTES  ((guint64) 2 * 1024 * 1024 * 1024)
/* No statistic Levelmap reads comes near this in size; a larger value is
 * damage, and would overflow to infinity once summed or weighted. */
#define LM_DATASET_MAX_VALUE  1e15
/* A level where more than this share of the areas has no polygon is
 * drawn with a warning that says how many (a few small areas without
 * boundaries are normal: England's 2019 CNI has 12 such wards of 7,433). */
#define LM_DATASET_MAX_UNMAPPED_SHARE  0.01

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

/* What an action needs besides the variables it names (see
 * lm_dataset_open_for()). */
typedef enum
{
  LM_DATASET_NEED_NOTHING_MORE      = 0,
  LM_DATASET_NEED_RULE              = 1 << 0,  /* the left-behind rule and its flag */
  LM_DATASET_NEED_FIRST_REPORT      = 1 << 1,  /* the first report figure's x and y */
  LM_DATASET_NEED_DEFAULT_VARIABLE  = 1 << 2,  /* lm_dataset_get_default_variable() */
  LM_DATASET_NEED_NAMES             = 1 << 3,  /* every area and its name */
  /* Everything, as lm_dataset_open() reads it (the variables and other
   * flags are then moot): for the window, whose first map's boundaries
   * (shapes_from) are read beside the tables rather than after them. */
  LM_DATASET_NEED_EVERYTHING        = 1 << 4,
} LmDatasetNeedFlags;

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
/* Like lm_dataset_open(), but every problem found on the way goes into
 * @problems too (errors and warnings, each naming its file and line or
 * record), and loading goes on past damaged values to find the others;
 * it still fails with the first error. For `levelmap --check`. */
LmDataset        *lm_dataset_open_full          (const char  *name,
                                                 const char  *data_root,
                                                 LmProblems  *problems,
                                                 GError     **error);
/* Where lm_dataset_open() would read @name from: the manifest and the
 * folder its file names are relative to (for a path, the manifest's own
 * folder; for an id, @data_root/<id>). */
gboolean          lm_dataset_locate             (const char  *name,
                                                 const char  *data_root,
                                                 char       **out_manifest,
                                                 char       **out_data_dir,
                                                 GError     **error);
/* Opens @name and reads the boundaries of every level that has them,
 * putting every problem found into @problems. TRUE when there is no
 * error (warnings may remain). */
gboolean          lm_dataset_check              (const char  *name,
                                                 const char  *data_root,
                                                 LmProblems  *problems);
/* What an action needs of a dataset, for lm_dataset_open_for(). */
typedef struct
{
  const char * const *variables;     /* ids it uses, at any level; NULL for none */
  LmDatasetNeedFlags  flags;
  /* A level whose polygons, and those of every coarser level, the
   * action will draw: they are read in a worker thread while the tables
   * load, and lm_dataset_ensure_shapes() takes them from there. NULL
   * for none. */
  const char         *shapes_from;
} LmDatasetNeeds;

/**
 * lm_dataset_open_for:
 * @name: as for lm_dataset_open()
 * @data_root: as for lm_dataset_open()
 * @needs: what the action uses
 * @error: as for lm_dataset_open()
 *
 * Like lm_dataset_open(), but reads only what @needs says: the levels,
 * the lookup and the population always; an index's table for any of its
 * variables (INDEX.score, INDEX.DOMAIN...); a table for a variable it
 * declares; an election for its variables; the left-behind rule for its
 * flag, with its criteria's variables; with LM_DATASET_NEED_NAMES, every
 * table that names or adds areas. Other variables, and report figures
 * whose variables were not read, are simply not there; without
 * LM_DATASET_NEED_NAMES, areas only an unread table adds are not there
 * either, and areas only an unread table names are named by their
 * codes. For the command line's actions; the window reads everything
 * (LM_DATASET_NEED_EVERYTHING).
 */
LmDataset        *lm_dataset_open_for           (const char           *name,
                                                 const char           *data_root,
                                                 const LmDatasetNeeds *needs,
                                                 GError              **error);
LmDataset        *lm_dataset_load_for           (const char           *manifest_path,
                                                 const char           *data_dir,
                                                 const LmDatasetNeeds *needs,
                                                 GError              **error);
/* FALSE for a dataset read with lm_dataset_open_for(). */
gboolean          lm_dataset_is_complete        (LmDataset   *self);
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
/* Reads the level's polygons if not yet read: the layer must be whole,
 * its codes clean and unique, and at least one polygon must match an
 * area. A layer that cannot be used is read once; later calls give the
 * same error (see lm_dataset_get_shapes_error()). */
gboolean          lm_dataset_ensure_shapes      (LmDataset   *self,
                                                 LmLevel     *level,
                                                 GError     **error);
/* Whether the manifest gives @level boundaries (a shapefile). */
gboolean          lm_dataset_has_shapes         (LmDataset   *self,
                                                 LmLevel     *level);
/* Why the boundaries of @level cannot be used, once they were tried; NULL
 * if they could or were not tried yet. */
const GError     *lm_dataset_get_shapes_error   (LmDataset   *self,
                                                 LmLevel     *level);
/* Once the boundaries of @level are read: a sentence saying how many of
 * its areas have no polygon when more than LM_DATASET_MAX_UNMAPPED_SHARE
 * do (or polygons match no area), else NULL. */
const char       *lm_dataset_get_shapes_warning (LmDataset   *self,
                                                 LmLevel     *level);
/* Every warning found so far: while loading the tables, and for each
 * level whose boundaries were read. */
LmProblems       *lm_dataset_get_warnings       (LmDataset   *self);
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
