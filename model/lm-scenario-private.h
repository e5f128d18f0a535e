/* lm-scenario-private.h — what lm-scenario.c, lm-scenario-read.c and
 * lm-scenario-write.c share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-scenario.h"

G_BEGIN_DECLS

/* The value types a setting or property may have in a file, as GVariant
 * type strings: s b u i x t d as ad. */
gboolean  _lm_scenario_is_value_type   (const char *type);
/* a{sv} with its keys sorted, so that one set of properties has one
 * form (and one text). */
GVariant *_lm_scenario_sort_properties (GVariant   *properties);

G_END_DECLS
