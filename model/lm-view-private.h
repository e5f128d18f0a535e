/* lm-view-private.h — what lm-view.c, lm-view-apply.c,
 * lm-view-analysis.c and lm-view-snapshot.c share: storing string and
 * string-list settings, and finding the ids they name in the data
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-dataset.h"

G_BEGIN_DECLS

/* Copies @value into *@field unless they are equal; TRUE if it did (the
 * caller notifies). */
gboolean              _lm_view_set_string   (char               **field,
                                             const char          *value);
/* Puts @value (taken; NULL and empty are the same list) into *@field
 * unless the lists are equal, when it frees @value; TRUE if it did. */
gboolean              _lm_view_take_strv    (char              ***field,
                                             char               **value);
/* The @n strings of @items sorted and without repeats, so that one set
 * has one form. Sorts @items in place. */
char                **_lm_view_sorted_set   (const char         **items,
                                             gsize                n);
/* The domain @id ("index.domain") names in @dataset, or NULL. */
LmIndexDomain        *_lm_view_find_domain  (LmDataset           *dataset,
                                             const char          *id);
/* The report figure @id, or NULL (also without data or id). */
const LmReportPreset *_lm_view_find_report  (LmDataset           *dataset,
                                             const char          *id);
/* Whether @variable_id has values at @level_id (FALSE without data). */
gboolean              _lm_view_has_variable (LmDataset           *dataset,
                                             const char          *level_id,
                                             const char          *variable_id);

G_END_DECLS
