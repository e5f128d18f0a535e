/* lm-legal.h — the data's and the bundled libraries' licences, for About
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The Open Government Licence, which the reference data's statement names
 * and which asks for a link to itself wherever possible. */
#define LM_LEGAL_OGL_URL "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

/**
 * lm_legal_data_sources_markup:
 * @data_dir: the data folder in use
 *
 * The reference data's own statement of sources and licences: the
 * "Sources and licences" section of @data_dir's README.md (installed with
 * the data), one paragraph per source, web addresses as links, and a link
 * to the Open Government Licence when the statement names it.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL when the
 *   folder has no such statement (a user's own data, say)
 */
char *lm_legal_data_sources_markup (const char *data_dir);

/**
 * lm_legal_file_markup:
 * @path: a licence text file
 *
 * The file as markup: paragraphs (separated by blank lines) reflowed into
 * single lines, web addresses as links.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL when the
 *   file cannot be read
 */
char *lm_legal_file_markup         (const char *path);

/* Adds to @about the data's statement (see above) and the licences of the
 * libraries bundled in this installation's prefix (shapelib in the
 * Flatpak), each as a legal section, when they are installed. */
void  lm_legal_add_to_about        (AdwAboutWindow *about,
                                    const char     *data_dir);

G_END_DECLS
