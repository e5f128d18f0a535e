/* lm-classify-cache.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-classify-cache.h"
#include "lm-classify-private.h"

typedef struct
{
  /* The key: how, and of what */
  LmClassifyMethod  method;
  gboolean          diverging;
  guint             n_classes;
  guint             n;
  double           *values;
  /* The result */
  gboolean          ok;
  LmClassification  classification;
  gint8            *classes;
} Entry;

struct _LmClassifyCache
{
  GQueue  entries;       /* Entry*, most recently used first */
  guint   max_entries;
  gsize   max_bytes;
  gsize   bytes;
  guint   n_misses;
  GArray *scratch;       /* the classifier's sort, kept between misses */
};

static gsize
entry_bytes (const Entry *entry)
{
  return (gsize) entry->n * (sizeof (double) + sizeof (gint8));
}

static void
entry_free (Entry *entry)
{
  g_free (entry->values);
  g_free (entry->classes);
  g_free (entry);
}

LmClassifyCache *
lm_classify_cache_new (guint max_entries,
                       gsize max_bytes)
{
  LmClassifyCache *self;

  g_return_val_if_fail (max_entries > 0, NULL);

  self = g_new0 (LmClassifyCache, 1);
  g_queue_init (&self->entries);
  self->max_entries = max_entries;
  self->max_bytes = max_bytes;
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
  return self;
}

void
lm_classify_cache_free (LmClassifyCache *self)
{
  if (self == NULL)
    return;
  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  g_array_unref (self->scratch);
  g_free (self);
}

static gboolean
entry_matches (const Entry      *entry,
               const double     *values,
               guint             n,
               LmClassifyMethod  method,
               gboolean          diverging,
               guint             n_classes)
{
  /* The method does not matter to a diverging classification. */
  if (entry->n != n || entry->n_classes != n_classes || !entry->diverging != !diverging ||
      (!diverging && entry->method != method))
    return FALSE;
  /* Bit for bit: what lm_classify() reads is all in the values. */
  return n == 0 || memcmp (entry->values, values, (gsize) n * sizeof (double)) == 0;
}

/* Drops the least recently used entries beyond the limits, keeping the
 * newest whatever its size. */
static void
trim (LmClassifyCache *self)
{
  while (self->entries.length > 1 &&
         (self->entries.length > self->max_entries || self->bytes > self->max_bytes))
    {
      Entry *old = g_queue_pop_tail (&self->entries);

      self->bytes -= entry_bytes (old);
      entry_free (old);
    }
}

static void
copy_result (const Entry      *entry,
             LmClassification *out,
             gint8            *out_classes)
{
  *out = entry->classification;
  if (entry->n > 0)
    memcpy (out_classes, entry->classes, entry->n);
}

gboolean
lm_classify_cache_classify (LmClassifyCache  *self,
                            const double     *values,
                            guint             n,
                            LmClassifyMethod  method,
                            gboolean          diverging,
                            guint             n_classes,
                            LmClassification *out,
                            gint8            *out_classes)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (out_classes != NULL || n == 0, FALSE);

  for (GList *l = self->entries.head; l != NULL; l = l->next)
    {
      entry = l->data;
      if (!entry_matches (entry, values, n, method, diverging, n_classes))
        continue;
      /* Most recently used first */
      g_queue_unlink (&self->entries, l);
      g_queue_push_head_link (&self->entries, l);
      copy_result (entry, out, out_classes);
      return entry->ok;
    }

  self->n_misses++;
  entry = g_new0 (Entry, 1);
  entry->method = method;
  entry->diverging = diverging;
  entry->n_classes = n_classes;
  entry->n = n;
  entry->values = g_memdup2 (values, (gsize) n * sizeof (double));
  entry->classes = g_new (gint8, MAX (n, 1));
  entry->ok = diverging ? _lm_classify_diverging (values, n, n_classes, self->scratch,
                                                  &entry->classification)
                        : _lm_classify (values, n, method, n_classes, self->scratch,
                                        &entry->classification);
  if (entry->ok)
    lm_classification_assign (&entry->classification, values, n, entry->classes);
  else
    memset (entry->classes, -1, MAX (n, 1));
  g_queue_push_head (&self->entries, entry);
  self->bytes += entry_bytes (entry);
  trim (self);
  copy_result (entry, out, out_classes);
  return entry->ok;
}

guint
lm_classify_cache_get_n_misses (LmClassifyCache *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_misses;
}
