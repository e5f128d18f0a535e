/* lm-data-dir.h — where the reference data and the dataset manifests are
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A dataset a manifest folder offers (see lm_data_dir_list_datasets()). */
typedef struct
{
  char     *id;         /* the manifest's file name without .xml: --dataset=ID */
  char     *title;      /* its title="…", or the id */
  char     *manifest;   /* path of the manifest */
  gboolean  available;  /* its data folder, <data root>/<id>, exists */
} LmDatasetInfo;

void        lm_dataset_info_free            (LmDatasetInfo *info);

/* The data folder, from (in order) @option (--data-dir), the
 * LEVELMAP_DATA_DIR environment variable, the folder set at configure time
 * (-Ddata_dir, if it was set), and the installed $datadir/levelmap/data:
 * the first that is set (for the option and the variable) or exists (for
 * the last two). No source-tree path is built in: uninstalled runs get
 * theirs from the environment (meson devenv, the tests, run-levelmap.sh).
 * Returns a newly allocated path; never NULL. */
char       *lm_data_dir_find                (const char    *option);
/* The folders searched for manifests, in order: each folder of the
 * LEVELMAP_MANIFEST_DIR search path, the installed manifest folder
 * ($datadir/levelmap/manifests), and @data_root itself (if not NULL). */
GStrv       lm_data_dir_get_manifest_dirs   (const char    *data_root);
/* The manifest "<id>.xml" from the first of those folders that has it,
 * or NULL. */
char       *lm_data_dir_find_manifest       (const char    *id,
                                             const char    *data_root);
/* Every dataset those folders offer, folder by folder in search order and
 * by id within a folder; an id found again later is hidden by the first.
 * Files that are not readable manifests are left out. GPtrArray of
 * LmDatasetInfo*, with a free function. */
GPtrArray  *lm_data_dir_list_datasets       (const char    *data_root);
/* The dataset to open when none is named: the first listed whose data are
 * there, else the first listed; NULL if there is none. */
char       *lm_data_dir_get_default_dataset (const char    *data_root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmDatasetInfo, lm_dataset_info_free)

G_END_DECLS
