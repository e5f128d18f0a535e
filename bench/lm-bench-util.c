/* lm-bench-util.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-bench-util.h"

double
lm_bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

GtkWidget *
lm_bench_find_widget (GtkWidget  *widget,
                      const char *name,
                      GType       type)
{
  if ((name != NULL && g_strcmp0 (gtk_widget_get_name (widget), name) == 0) ||
      (name == NULL && G_TYPE_CHECK_INSTANCE_TYPE (widget, type)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lm_bench_find_widget (child, name, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
