/* lm-problems.h — every problem found in the input, not just the first
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LM_PROBLEM_ERROR,    /* the data cannot be used as they are */
  LM_PROBLEM_WARNING,  /* usable, but a user should know */
} LmProblemSeverity;

/* Problems are kept up to this many; beyond it they are only counted, so
 * that a table with a million bad rows cannot fill memory with messages. */
#define LM_PROBLEMS_MAX_KEPT 1000

/* A list of problems, each a GError (domain, code and a message naming
 * the file and place) with a severity. Readers that take an LmProblems
 * put every problem they find into it and still fail with the first
 * error in their GError, so a caller that only wants to know whether the
 * input is good passes none; `levelmap --check` passes one to list them
 * all. */
#define LM_TYPE_PROBLEMS (lm_problems_get_type ())
G_DECLARE_FINAL_TYPE (LmProblems, lm_problems, LM, PROBLEMS, GObject)

LmProblems    *lm_problems_new             (void);
/* Copies @error. */
void           lm_problems_add             (LmProblems         *self,
                                            LmProblemSeverity   severity,
                                            const GError       *error);
void           lm_problems_add_warning     (LmProblems         *self,
                                            GQuark              domain,
                                            int                 code,
                                            const char         *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* Counted whether kept or not. */
guint          lm_problems_get_n_errors    (LmProblems         *self);
guint          lm_problems_get_n_warnings  (LmProblems         *self);
/* The problems kept, in the order they were found. */
guint          lm_problems_get_n_kept      (LmProblems         *self);
const GError  *lm_problems_get_problem     (LmProblems         *self,
                                            guint               index,
                                            LmProblemSeverity  *out_severity);
/* One line per problem kept ("error: …", "warning: …"), then a line
 * saying how many more were found, if any. */
char          *lm_problems_format          (LmProblems         *self);

/* What a reader that takes an optional list does with a problem it
 * found: @error goes into @problems (if any), and into @first unless
 * that already holds one. Takes @error. */
void           lm_problems_note            (LmProblems         *problems,
                                            GError            **first,
                                            GError             *error);

G_END_DECLS
