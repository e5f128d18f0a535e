/* lm-table-export.h — the data as CSV, as the command line and the
 * window write them
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-model.h"

G_BEGIN_DECLS

/**
 * lm_table_export_level:
 * @level: a level of a model's dataset (its current values are written)
 * @mask: (nullable): one byte per area of @level, non-zero for the areas
 *   to write; NULL for all
 * @out: gets the CSV text
 *
 * RFC 4180 CSV: the header "code,name," and every variable id of the
 * level, then one row per area in the level's order; a missing value is
 * an empty field, whole numbers have no decimals and others up to ten
 * significant digits. This is `levelmap --export-csv`.
 */
void      lm_table_export_level        (LmLevel      *level,
                                        const guint8 *mask,
                                        GString      *out);

/**
 * lm_table_export_left_behind:
 * @model: a model whose dataset has a left-behind rule
 * @with_changes: also list the areas that are no longer left behind, and
 *   say for each whether it entered or left the list against the
 *   official weights
 * @out: gets the CSV text
 * @error: when the dataset has no left-behind rule
 *
 * The left-behind areas: code, name and the area of the context level
 * that holds each (headed by that level's noun, e.g. "local_authority"),
 * as `levelmap --left-behind` prints them. @with_changes adds the columns
 * "left_behind" (1 now, 0 not), "official" (1 with the official weights)
 * and "change" ("entered", "left" or empty).
 */
gboolean  lm_table_export_left_behind  (LmModel      *model,
                                        gboolean      with_changes,
                                        GString      *out,
                                        GError      **error);

/* One CSV field, quoted when it has to be. */
void      lm_table_export_append_field (GString      *out,
                                        const char   *text);

G_END_DECLS
