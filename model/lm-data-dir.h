/* lm-data-dir.h — where the reference data and manifests are
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The data folder, from (in order) @option (--data-dir), the
 * LEVELMAP_DATA_DIR environment variable, the folder set at configure
 * time, and the installed $datadir/levelmap/data: the first that is set
 * (for the option and the variable) or exists (for the last two).
 * Returns a newly allocated path; never NULL. */
char  *lm_data_dir_find           (const char *option);
/* Where the manifest for dataset @id ("england-2019") is, or NULL. */
char  *lm_data_dir_find_manifest  (const char *id);

G_END_DECLS
