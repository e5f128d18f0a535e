/* lm-parallel.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-parallel.h"

typedef struct
{
  guint          n_items;
  LmParallelFunc func;
  gpointer       user_data;
  int            next;      /* the next item not taken, atomically */
} Work;

static gpointer
run_items (gpointer data)
{
  Work *work = data;
  int item;

  while ((item = g_atomic_int_add (&work->next, 1)) < (int) work->n_items)
    work->func ((guint) item, work->user_data);
  return NULL;
}

void
lm_parallel_for (guint          n_items,
                 LmParallelFunc func,
                 gpointer       user_data)
{
  Work work = { n_items, func, user_data, 0 };
  guint n_threads = MIN ((guint) g_get_num_processors (), n_items);
  g_autofree GThread **threads = g_new0 (GThread *, MAX (n_threads, 1));

  g_return_if_fail (func != NULL);
  g_return_if_fail (n_items <= G_MAXINT / 2);

  /* Threads are started for each call: the work this is for (columns of
   * tens of thousands of values) takes far longer than starting one. */
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("lm-parallel", run_items, &work);
  run_items (&work);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}
