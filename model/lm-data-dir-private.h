/* lm-data-dir-private.h — the search order, with its candidates given
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* lm_data_dir_find() with the built-in places passed in, so that tests
 * can check the order without installing anything. Empty or NULL
 * candidates are skipped. */
char  *_lm_data_dir_choose (const char *option,
                            const char *env,
                            const char *configured,
                            const char *installed);

G_END_DECLS
