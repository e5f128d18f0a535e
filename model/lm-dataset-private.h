/* lm-dataset-private.h — what the parts of LmDataset share while loading
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "lm-csv.h"
#include "lm-dataset.h"
#include "lm-manifest.h"
#include "lm-problems.h"

G_BEGIN_DECLS

typedef struct
{
  char   *shapefile;    /* relative to the data folder */
  char   *code_field;
  long    line;         /* of the <level> in the manifest, for messages */
  GError *error;        /* why the boundaries cannot be used, once tried */
  char   *warning;      /* areas without a polygon, once read */
} LevelSource;

/* A CSV read and parsed in a worker thread while others are parsed too.
 * Each file is read once, however many elements name it: the cache is
 * keyed by the file's real path. */
typedef struct
{
  char     *path;    /* as the manifest's folder and name give it */
  LmCsv    *csv;     /* owned by the cache; callers borrow it */
  GError   *error;
  gboolean  pending; /* while a worker thread reads it (see prefetch_one()) */
} PrefetchedCsv;

typedef struct _LmLoadPlan LmLoadPlan;

/* What deriving a variable from others needs besides the variables:
 * buffers of the largest level's size; one set per thread that derives. */
typedef struct
{
  double *sum_weighted;
  double *sum_weight;
  guint  *ranks;
  GArray *rank_scratch;
} LmDeriveBuffers;

struct _LmDataset
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  char             *data_dir;
  char             *manifest_path;
  char             *manifest_checksum; /* "sha256:…" of the manifest's bytes */
  GPtrArray        *levels;        /* LmLevel*, finest first */
  LevelSource      *sources;       /* one per level */
  GPtrArray        *indices;       /* LmIndex* */
  GPtrArray        *elections;     /* LmElection* */
  GPtrArray        *reports;       /* LmReportPreset* */
  LmLeftBehindRule *rule;          /* NULL if the manifest has none */
  LmLevel          *context_level; /* NULL if the manifest names none */
  char             *default_variable;
  GStrv             attributions;
  char             *attribution_line;

  LmProblems       *warnings;      /* found while loading and reading boundaries */
  guint64           bytes_read;    /* every distinct file read, for the limit */

  /* Polygons read in a worker thread during the load (lm-dataset-lazy.c) */
  GThread          *shapes_thread;
  GPtrArray        *shapes_jobs;   /* ShapesJob*, by level depth */

  /* Loading only */
  LmLoadPlan       *plan;          /* NULL: everything */
  LmProblems       *problems;      /* --check: every problem (loading goes on) */
  GError           *deferred;      /* with @problems: the first error, reported at the end */
  GHashTable       *prefetched;    /* real path -> PrefetchedCsv* */
  const char       *lookup_path;   /* the lookup's file, for messages */
  GHashTable       *tables;        /* table id -> LmCsv* */
  GHashTable       *table_rows;    /* table id -> int* area of each row */
  GHashTable       *table_levels;  /* table id -> LmLevel* */

  /* Aggregation scratch, sized for the largest level */
  LmDeriveBuffers   buffers;
};

/* lm-dataset-files.c: which files a manifest may name, and how much */
char        *_lm_dataset_resolve_file           (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 const char   *file,
                                                 char        **out_real,
                                                 GError      **error);
char        *_lm_dataset_resolve_shapefile      (LmDataset    *self,
                                                 LmLevel      *level,
                                                 GError      **error);
gboolean     _lm_dataset_count_bytes            (LmDataset    *self,
                                                 const char   *path,
                                                 GError      **error);

/* lm-dataset-checks.c: what the data must satisfy, checked where each
 * table or layer is read (see docs/manifest.md). With self->problems
 * each problem is listed and loading goes on; the *_note functions say
 * whether it may. */
gboolean     _lm_dataset_note                   (LmDataset    *self,
                                                 GError      **error,
                                                 GError       *problem);
void         _lm_dataset_warn                   (LmDataset    *self,
                                                 GError       *warning);
gboolean     _lm_dataset_check_codes            (LmDataset    *self,
                                                 LmCsv        *csv,
                                                 guint         code_column,
                                                 LmLevel      *level,
                                                 gboolean      adds_areas,
                                                 const char   *lookup,
                                                 int          *out_rows,
                                                 GError      **error);
gboolean     _lm_dataset_check_unique           (LmDataset    *self,
                                                 LmCsv        *csv,
                                                 guint         column,
                                                 GError      **error);
/* The common case of _lm_dataset_check_value(), checked inline for
 * every cell read: a missing value, or one in range of a unit with no
 * more to check. */
static inline gboolean
_lm_dataset_value_is_plain (LmUnit unit,
                            double value)
{
  return isnan (value) ||
         (fabs (value) <= LM_DATASET_MAX_VALUE && unit != LM_UNIT_COUNT && unit != LM_UNIT_DECILE);
}
gboolean     _lm_dataset_check_value            (LmDataset    *self,
                                                 LmCsv        *csv,
                                                 guint         row,
                                                 guint         column,
                                                 LmUnit        unit,
                                                 double        value,
                                                 GError      **error);
gboolean     _lm_dataset_check_ranks            (LmDataset    *self,
                                                 LmCsv        *csv,
                                                 guint         column,
                                                 const int    *rows,
                                                 const double *values,
                                                 guint         n_ranked,
                                                 LmLevel      *level,
                                                 GError      **error);
gboolean     _lm_dataset_check_votes            (LmDataset    *self,
                                                 LmCsv        *csv,
                                                 guint         row,
                                                 const guint  *columns,
                                                 const double *counts,
                                                 guint         n_counts,
                                                 GError      **error);
gboolean     _lm_dataset_read_shapes            (LmDataset    *self,
                                                 LmLevel      *level,
                                                 GError      **error);

/* lm-dataset-tables.c: files, levels, lookup, tables and population */
char        *_lm_dataset_data_path              (LmDataset    *self,
                                                 const char   *file);
void         _lm_prefetched_csv_free            (PrefetchedCsv *prefetched);
void         _lm_dataset_prefetch_tables        (LmDataset    *self,
                                                 LmManifest   *manifest);
/* Borrowed: each file is read once and lives until loading ends. */
LmCsv       *_lm_dataset_load_csv               (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 const char   *attribute,
                                                 GError      **error);
gboolean     _lm_dataset_require_column         (LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 LmCsv        *csv,
                                                 const char   *attribute,
                                                 guint        *out_column,
                                                 GError      **error);
LmLevel     *_lm_dataset_require_level          (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 GError      **error);
LmVariable  *_lm_dataset_add_variable_chain     (LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 GError      **error,
                                                 LmLevel      *native,
                                                 const char   *id,
                                                 const char   *title,
                                                 LmUnit        unit,
                                                 LmAggregate   aggregate,
                                                 gboolean      depends_on_weights,
                                                 const char   *source,
                                                 const char   *source2,
                                                 gboolean      every_level);
double      *_lm_dataset_read_column            (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 xmlNode      *node,
                                                 const char   *table_id,
                                                 LmUnit        unit,
                                                 GError      **error);
gboolean     _lm_dataset_load_levels            (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
gboolean     _lm_dataset_load_lookup            (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
gboolean     _lm_dataset_load_tables            (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
gboolean     _lm_dataset_load_table_variables   (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
gboolean     _lm_dataset_load_population        (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);

/* lm-dataset-lazy.c: what a partial load reads */
LmLoadPlan  *_lm_load_plan_new                  (LmManifest          *manifest,
                                                 const char * const  *variables,
                                                 LmDatasetNeedFlags   flags);
void         _lm_load_plan_free                 (LmLoadPlan   *plan);
gboolean     _lm_dataset_wants_table            (LmDataset    *self,
                                                 const char   *id);
gboolean     _lm_dataset_wants_index            (LmDataset    *self,
                                                 const char   *id);
gboolean     _lm_dataset_wants_election         (LmDataset    *self,
                                                 const char   *id);
gboolean     _lm_dataset_wants_rule             (LmDataset    *self);
gboolean     _lm_dataset_wants_file             (LmDataset    *self,
                                                 const char   *file);
gboolean     _lm_dataset_wants_report           (LmDataset    *self,
                                                 LmLevel      *level,
                                                 xmlNode      *node);
void         _lm_dataset_prefetch_shapes        (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 const char   *from_level);
/* With @problems (checking), the layer is read again, every record's
 * problems listed. */
gboolean     _lm_dataset_take_prefetched_shapes (LmDataset     *self,
                                                 LmLevel       *level,
                                                 const char    *path,
                                                 const char    *code_field,
                                                 LmProblems    *problems,
                                                 LmShapeLayer **shapes,
                                                 char        ***codes,
                                                 GError       **error);
void         _lm_dataset_drop_prefetched_shapes (LmDataset    *self);

/* lm-dataset-indices.c */
gboolean     _lm_dataset_load_indices           (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);

/* lm-dataset-elections.c */
void         _lm_election_free                  (LmElection   *election);
gboolean     _lm_dataset_load_elections         (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);

/* lm-dataset-rules.c: the left-behind rule, report figures, attributions */
void         _lm_left_behind_rule_free          (LmLeftBehindRule *rule);
void         _lm_report_preset_free             (LmReportPreset *preset);
gboolean     _lm_dataset_load_left_behind       (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
gboolean     _lm_dataset_load_reports           (LmDataset    *self,
                                                 LmManifest   *manifest,
                                                 GError      **error);
void         _lm_dataset_load_attributions      (LmDataset    *self,
                                                 LmManifest   *manifest);

G_END_DECLS
