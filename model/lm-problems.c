/* lm-problems.c — every problem found in the input, not just the first
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-problems.h"

typedef struct
{
  LmProblemSeverity  severity;
  GError            *error;
} Problem;

struct _LmProblems
{
  GObject  parent_instance;

  GArray  *problems;   /* of Problem, at most LM_PROBLEMS_MAX_KEPT */
  guint    n_errors;
  guint    n_warnings;
};

G_DEFINE_FINAL_TYPE (LmProblems, lm_problems, G_TYPE_OBJECT)

static void
problem_clear (Problem *problem)
{
  g_clear_error (&problem->error);
}

static void
lm_problems_finalize (GObject *object)
{
  LmProblems *self = LM_PROBLEMS (object);

  g_clear_pointer (&self->problems, g_array_unref);

  G_OBJECT_CLASS (lm_problems_parent_class)->finalize (object);
}

static void
lm_problems_class_init (LmProblemsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_problems_finalize;
}

static void
lm_problems_init (LmProblems *self)
{
  self->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (self->problems, (GDestroyNotify) problem_clear);
}

LmProblems *
lm_problems_new (void)
{
  return g_object_new (LM_TYPE_PROBLEMS, NULL);
}

static void
take (LmProblems        *self,
      LmProblemSeverity  severity,
      GError            *error)
{
  Problem problem = { severity, error };

  if (severity == LM_PROBLEM_ERROR)
    self->n_errors++;
  else
    self->n_warnings++;

  if (self->problems->len < LM_PROBLEMS_MAX_KEPT)
    g_array_append_val (self->problems, problem);
  else
    g_error_free (error);
}

void
lm_problems_add (LmProblems        *self,
                 LmProblemSeverity  severity,
                 const GError      *error)
{
  g_return_if_fail (LM_IS_PROBLEMS (self));
  g_return_if_fail (error != NULL);

  take (self, severity, g_error_copy (error));
}

void
lm_problems_add_warning (LmProblems *self,
                         GQuark      domain,
                         int         code,
                         const char *format,
                         ...)
{
  va_list args;
  GError *error;

  g_return_if_fail (LM_IS_PROBLEMS (self));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  take (self, LM_PROBLEM_WARNING, error);
}

guint
lm_problems_get_n_errors (LmProblems *self)
{
  g_return_val_if_fail (LM_IS_PROBLEMS (self), 0);

  return self->n_errors;
}

guint
lm_problems_get_n_warnings (LmProblems *self)
{
  g_return_val_if_fail (LM_IS_PROBLEMS (self), 0);

  return self->n_warnings;
}

guint
lm_problems_get_n_kept (LmProblems *self)
{
  g_return_val_if_fail (LM_IS_PROBLEMS (self), 0);

  return self->problems->len;
}

const GError *
lm_problems_get_problem (LmProblems        *self,
                         guint              index,
                         LmProblemSeverity *out_severity)
{
  const Problem *problem;

  g_return_val_if_fail (LM_IS_PROBLEMS (self), NULL);
  g_return_val_if_fail (index < self->problems->len, NULL);

  problem = &g_array_index (self->problems, Problem, index);
  if (out_severity != NULL)
    *out_severity = problem->severity;
  return problem->error;
}

char *
lm_problems_format (LmProblems *self)
{
  GString *text;
  guint n_found;

  g_return_val_if_fail (LM_IS_PROBLEMS (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const Problem *problem = &g_array_index (self->problems, Problem, i);

      g_string_append_printf (text, "%s: %s\n",
                              problem->severity == LM_PROBLEM_ERROR ? _("error") : _("warning"),
                              problem->error->message);
    }

  n_found = self->n_errors + self->n_warnings;
  if (n_found > self->problems->len)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "… and %u more problem, not listed\n",
                                         "… and %u more problems, not listed\n",
                                         n_found - self->problems->len),
                            n_found - self->problems->len);
  return g_string_free (text, FALSE);
}

void
lm_problems_note (LmProblems  *problems,
                  GError     **first,
                  GError      *error)
{
  g_return_if_fail (problems == NULL || LM_IS_PROBLEMS (problems));
  g_return_if_fail (error != NULL);

  if (problems != NULL)
    lm_problems_add (problems, LM_PROBLEM_ERROR, error);
  if (first != NULL && *first == NULL)
    *first = error;
  else
    g_error_free (error);
}
