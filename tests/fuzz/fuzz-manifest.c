/* fuzz-manifest.c — libFuzzer target: the dataset manifest parser
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-fuzz.h"
#include "lm-manifest.h"

/* Walks the tree as the loader does: children, attributes, text. */
static void
walk (LmManifest *manifest,
      xmlNode    *node,
      guint       depth)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  double value;

  if (depth > 32)
    return;
  id = lm_manifest_get (node, "id");
  text = lm_manifest_get_text (node);
  lm_manifest_require_double (manifest, node, "weight", &value, NULL);
  children = lm_manifest_children (node, NULL);
  for (guint i = 0; i < children->len; i++)
    walk (manifest, g_ptr_array_index (children, i), depth + 1);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LmManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  lm_fuzz_init ();
  manifest = lm_manifest_parse ("fuzz.xml", (const char *) data, size, &error);
  if (manifest == NULL)
    {
      g_assert (error != NULL && error->domain == LM_MANIFEST_ERROR);
      lm_fuzz_refused (error);
      return 0;
    }
  walk (manifest, lm_manifest_get_root (manifest), 0);
  return 0;
}
