/* lm-dataset-private.h — what the parts of LmDataset share while loading
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-csv.h"
#include "lm-dataset.h"
#include "lm-manifest.h"

G_BEGIN_DECLS

typedef struct
{
  char *shapefile;    /* relative to the data folder */
  char *code_field;
} LevelSource;

/* A CSV read and parsed in a worker thread while others are parsed too. */
typedef struct
{
  char    *path;
  LmCsv   *csv;
  GError  *error;
} PrefetchedCsv;

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
  GStrv             attributions;
  char             *attribution_line;

  /* Loading only */
  GHashTable       *prefetched;    /* file name -> PrefetchedCsv* */
  GHashTable       *tables;        /* table id -> LmCsv* */
  GHashTable       *table_rows;    /* table id -> int* area of each row */
  GHashTable       *table_levels;  /* table id -> LmLevel* */

  /* Aggregation scratch, sized for the largest level */
  double           *sum_weighted;
  double           *sum_weight;
  guint            *ranks;
  GArray           *rank_scratch;
};

/* lm-dataset-tables.c: files, levels, lookup, tables and population */
char        *_lm_dataset_data_path              (LmDataset    *self,
                                                 const char   *file);
void         _lm_dataset_prefetch_tables        (LmDataset    *self,
                                                 LmManifest   *manifest);
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
