/* lm-cli-window.c — the command line's view options, for the window
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window honours --level, --variable, --weight and the rest once its
 * data are loaded; what is wrong whatever the data is refused here,
 * before a window opens, and the options travel as a{sv} to the window
 * (or to the running instance).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-cli-private.h"
#include "lm-decimal.h"
#include "lm-model.h"

/* The window's options */

static gboolean
check_weight (const char  *assignment,
              GError     **error)
{
  g_auto(GStrv) sides = g_strsplit (assignment, "=", 2);
  double value;

  if (g_strv_length (sides) != 2 || strchr (sides[0], '.') == NULL)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("“%s” is not a weight: write INDEX.DOMAIN=VALUE, e.g. imd.income=30"),
                   assignment);
      return FALSE;
    }
  if (!lm_decimal_parse (sides[1], &value) || value < 0)
    {
      g_set_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_BAD_WEIGHT,
                   _("“%s” is not a weight: the value must be a number of zero or more"),
                   assignment);
      return FALSE;
    }
  return TRUE;
}

gboolean
lm_cli_check_window_options (const LmCliOptions  *options,
                             GError             **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->size != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--size is the size of an exported figure: give it with "
                             "--export-map, --export-scatter or --export-storyboard"));
      return FALSE;
    }
  if ((options->x == NULL) != (options->y == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The window plots --y against --x: give both"));
      return FALSE;
    }
  for (guint i = 0; options->weights != NULL && options->weights[i] != NULL; i++)
    if (!check_weight (options->weights[i], error))
      return FALSE;
  return _lm_cli_check_classes (options, error);
}

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

GVariant *
lm_cli_get_window_options (const LmCliOptions *options)
{
  GVariantBuilder builder;

  g_return_val_if_fail (options != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (options->scenario != NULL)
    {
      /* The running instance may have another working folder. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->scenario);
      g_autofree char *uri = g_file_get_uri (file);

      add_string (&builder, "scenario", uri);
    }
  add_string (&builder, "level", options->level);
  add_string (&builder, "variable", options->variable);
  add_string (&builder, "x", options->x);
  add_string (&builder, "y", options->y);
  add_string (&builder, "method", options->method);
  add_string (&builder, "palette", options->palette);
  if (options->n_classes != 0)
    g_variant_builder_add (&builder, "{sv}", "classes", g_variant_new_int32 (options->n_classes));
  if (options->weights != NULL)
    g_variant_builder_add (&builder, "{sv}", "weights",
                           g_variant_new_strv ((const char * const *) options->weights, -1));
  if (options->weighted)
    g_variant_builder_add (&builder, "{sv}", "weighted", g_variant_new_boolean (TRUE));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}
