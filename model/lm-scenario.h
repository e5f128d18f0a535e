/* lm-scenario.h — a .levelmap scenario file: the view state, the data it
 * was made on and its storyboard
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lm-storyboard.h"
#include "lm-view.h"

G_BEGIN_DECLS

#define LM_SCENARIO_ERROR (lm_scenario_error_quark ())

typedef enum
{
  LM_SCENARIO_ERROR_IO,         /* the file cannot be read or written */
  LM_SCENARIO_ERROR_TOO_LARGE,  /* over LM_SCENARIO_MAX_BYTES */
  LM_SCENARIO_ERROR_PARSE,      /* not well-formed XML */
  LM_SCENARIO_ERROR_FORBIDDEN,  /* a DOCTYPE or an entity: never read */
  LM_SCENARIO_ERROR_INVALID,    /* well-formed, but not a valid scenario */
  LM_SCENARIO_ERROR_VERSION,    /* written by a newer Levelmap */
} LmScenarioError;

/* The format this Levelmap writes and the newest it reads
 * (<levelmap-scenario version="1">); docs/scenarios.md describes it. */
#define LM_SCENARIO_VERSION 1
/* Limits on what is read: a file larger than this is refused unread. */
#define LM_SCENARIO_MAX_BYTES (64 * 1024 * 1024)
/* At most this many settings (or list items in all) in one view. */
#define LM_SCENARIO_MAX_ITEMS 1000000

/* The file name extension and MIME type of scenario files. */
#define LM_SCENARIO_SUFFIX    ".levelmap"
#define LM_SCENARIO_MIME_TYPE "application/x-levelmap-scenario"

#define LM_TYPE_SCENARIO (lm_scenario_get_type ())
G_DECLARE_FINAL_TYPE (LmScenario, lm_scenario, LM, SCENARIO, GObject)

/**
 * LmScenario:
 *
 * What a .levelmap file holds, as plain values: the dataset id and its
 * manifest's checksum, the view (an LmViewSnapshot: weights, locks,
 * thresholds, level, variable, classification, palette, plot, selection,
 * extent), the view's registered extra properties, and the storyboard.
 * A scenario is immutable once made; lm_scenario_apply() puts it into a
 * view and a storyboard.
 */
GQuark          lm_scenario_error_quark        (void);

/* @checksum and @properties may be NULL; @storyboard NULL is an empty
 * one. The scenes are copied. */
LmScenario     *lm_scenario_new                (const char      *dataset,
                                                const char      *checksum,
                                                LmViewSnapshot  *view,
                                                GVariant        *properties,
                                                LmStoryboard    *storyboard);
/* The state of @view (with its model's dataset and checksum) and the
 * scenes of @storyboard (NULL: none). */
LmScenario     *lm_scenario_new_from_view      (LmView          *view,
                                                LmStoryboard    *storyboard);

/* "" when the view had no data. */
const char     *lm_scenario_get_dataset        (LmScenario      *self);
/* "sha256:…" of the manifest, or NULL when not known. */
const char     *lm_scenario_get_checksum       (LmScenario      *self);
LmViewSnapshot *lm_scenario_get_view           (LmScenario      *self);
/* a{sv}: registered view property name -> value, by name. */
GVariant       *lm_scenario_get_properties     (LmScenario      *self);
/* The scenes (transfer none; do not edit: copy them out). */
LmStoryboard   *lm_scenario_get_storyboard     (LmScenario      *self);

/**
 * lm_scenario_apply:
 * @self: a scenario
 * @view: the view to set (its model's weights and thresholds too)
 * @storyboard: (nullable): gets copies of the scenes, replacing its own
 * @error: what could not be applied
 *
 * Applies what the view's data allow (see lm_view_apply_snapshot()) and
 * every scene. Returns FALSE with LM_VIEW_ERROR_INCOMPLETE when
 * something was left out; the message names each thing in a sentence:
 * other data (another dataset or a changed manifest), an unknown domain,
 * level, variable or area, an unknown extra property.
 */
gboolean        lm_scenario_apply              (LmScenario      *self,
                                                LmView          *view,
                                                LmStoryboard    *storyboard,
                                                GError         **error);

/* Reading and writing (lm-scenario-read.c, lm-scenario-write.c) */

/**
 * lm_scenario_parse:
 * @display_name: names the file in messages
 * @text: the file's bytes (need not be NUL-terminated)
 * @length: their number
 * @error: LM_SCENARIO_ERROR_* with a message naming @display_name and
 *   the line at fault
 *
 * Parses a scenario from memory, as untrusted input: no network, no
 * entities, no DOCTYPE, within the LM_SCENARIO_MAX_* limits. A newer
 * format version is refused with LM_SCENARIO_ERROR_VERSION. Unknown
 * areas, variables and extra properties are kept (lm_scenario_apply()
 * reports them); an unknown setting, a wrong type or an impossible value
 * is an error.
 *
 * Returns: (transfer full): the scenario, or NULL
 */
LmScenario     *lm_scenario_parse              (const char      *display_name,
                                                const char      *text,
                                                gsize            length,
                                                GError         **error);
/* Reads and parses @file in a worker thread. */
void            lm_scenario_load_async         (GFile           *file,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
LmScenario     *lm_scenario_load_finish        (GAsyncResult    *result,
                                                GError         **error);
/* The same, blocking (the command line). */
LmScenario     *lm_scenario_load               (GFile           *file,
                                                GCancellable    *cancellable,
                                                GError         **error);

/* The file's text: UTF-8 XML, one setting a line in a stable order, so
 * that saving, reading and saving again gives the same bytes and two
 * versions diff line by line. */
char           *lm_scenario_to_text            (LmScenario      *self,
                                                gsize           *length);
/* Writes the text with g_file_replace_contents(): a temporary file
 * renamed over @file, so a failure leaves the old file as it was. */
gboolean        lm_scenario_save               (LmScenario      *self,
                                                GFile           *file,
                                                GCancellable    *cancellable,
                                                GError         **error);

/* The extension point: extra view properties (lm-scenario.c) */

/**
 * lm_scenario_register_view_property:
 * @name: an LmView property that is readable and writable, of type
 *   boolean, int, uint, int64, uint64, double, string, strv or an enum
 *
 * Saves the property in scenario files and in every scene from now on,
 * as <property name="@name" type="…">, and restores it when they are
 * opened. Call it once, e.g. from the code that adds the property. A file
 * naming a property that is not registered opens without it, and
 * lm_scenario_apply() says so.
 */
void            lm_scenario_register_view_property (const char  *name);
/* The registered properties of @view, by name (a{sv}). */
GVariant       *lm_scenario_capture_properties (LmView          *view);
/* Sets the registered properties in @properties (a{sv}); names that are
 * not registered or values of the wrong type are left out and listed
 * in @error (LM_VIEW_ERROR_INCOMPLETE). */
gboolean        lm_scenario_apply_properties   (LmView          *view,
                                                GVariant        *properties,
                                                GError         **error);

G_END_DECLS
