/* lm-view-snapshot.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-classify.h"
#include "lm-uncertainty.h"
#include "lm-view-private.h"
#include "lm-view-snapshot.h"
#include "lm-weight-sampler.h"

struct _LmViewSnapshot
{
  gatomicrefcount  ref_count;
  GVariant        *settings;   /* a{sv}, keys in their stable order */
};

G_DEFINE_BOXED_TYPE (LmViewSnapshot, lm_view_snapshot, lm_view_snapshot_ref, lm_view_snapshot_unref)
G_DEFINE_QUARK (lm-view-snapshot-error-quark, lm_view_snapshot_error)

/* The keys in their stable order. A key ending in "/" is a family
 * ("weights/imd.income"), kept in the order given. */
typedef struct
{
  const char *key;
  const char *type;
  gboolean    may_be_empty;  /* for strings: "" is a value */
} KeyInfo;

static const KeyInfo keys[] = {
  { "dataset", "s", TRUE },
  { "weights/", "d", FALSE },
  { "thresholds/", "d", FALSE },
  { "locked", "as", FALSE },
  { "level", "s", FALSE },
  { "variable", "s", FALSE },
  { "method", "s", FALSE },
  { "n-classes", "u", FALSE },
  { "palette", "s", TRUE },
  { "show-left-behind", "b", FALSE },
  { "plot-preset", "s", FALSE },
  { "plot-level", "s", FALSE },
  { "plot-x", "s", FALSE },
  { "plot-y", "s", FALSE },
  { "weighted", "b", FALSE },
  { "selection-level", "s", TRUE },
  { "selection", "as", FALSE },
  { "extent", "ad", FALSE },
  { "uncertainty-draws", "u", FALSE },
  { "uncertainty-seed", "t", FALSE },
  { "uncertainty-spread", "s", FALSE },
  { "uncertainty-ranges", "as", FALSE },
  { "show-bivariate", "b", FALSE },
  { "bivariate", "s", TRUE },
  { "bivariate-palette", "s", TRUE },
  { "show-intervals", "b", FALSE },
};

/* Auxiliary methods */

static int
find_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gsize n = strlen (keys[i].key);

      if (keys[i].key[n - 1] == '/')
        {
          /* A family needs a member, "index.domain" or a variable id. */
          if (g_str_has_prefix (key, keys[i].key) && key[n] != '\0' &&
              strchr (key + n, '.') != NULL)
            return (int) i;
        }
      else if (g_str_equal (key, keys[i].key))
        {
          return (int) i;
        }
    }
  return -1;
}

static gboolean
invalid (GError     **error,
         const char  *key,
         const char  *why)
{
  /* Translators: “%s” is a setting such as “n-classes”; the second %s
   * says what is wrong with its value */
  g_set_error (error, LM_VIEW_SNAPSHOT_ERROR, LM_VIEW_SNAPSHOT_ERROR_INVALID,
               _("The setting “%s” is not valid: %s"), key, why);
  return FALSE;
}

static GVariant *
canonical_set (GVariant *strv)
{
  gsize n;
  g_autofree const char **items = g_variant_get_strv (strv, &n);
  g_auto(GStrv) sorted = _lm_view_sorted_set (items, n);

  return g_variant_new_strv ((const char * const *) sorted, -1);
}

static gboolean
check_extent (GVariant    *value,
              const char  *key,
              GError     **error)
{
  gsize n;
  const double *v = g_variant_get_fixed_array (value, &n, sizeof (double));

  if (n == 0)
    return TRUE;
  if (n != 4)
    return invalid (error, key, _("it needs four numbers, or none for the whole layer"));
  for (guint i = 0; i < 4; i++)
    if (!isfinite (v[i]))
      return invalid (error, key, _("a coordinate is not a number"));
  if (!(v[0] < v[2] && v[1] < v[3]))
    return invalid (error, key, _("the rectangle is empty"));
  return TRUE;
}

/* Checks one value; returns it in its canonical form (new ref). */
static GVariant *
check_value (const KeyInfo  *info,
             const char     *key,
             GVariant       *value,
             GError        **error)
{
  double concentration;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE (info->type)))
    {
      g_autofree char *why = g_strdup_printf (_("expected type “%s”, found “%s”"), info->type,
                                              g_variant_get_type_string (value));

      invalid (error, key, why);
      return NULL;
    }
  if (g_str_equal (info->type, "s") && !info->may_be_empty &&
      *g_variant_get_string (value, NULL) == '\0')
    {
      invalid (error, key, _("it is empty"));
      return NULL;
    }
  if (g_str_equal (info->type, "d"))
    {
      double d = g_variant_get_double (value);

      if (!isfinite (d) || (g_str_equal (info->key, "weights/") && d < 0))
        {
          invalid (error, key, _("it must be a number of zero or more"));
          return NULL;
        }
    }
  if (g_str_equal (key, "n-classes"))
    {
      guint n = g_variant_get_uint32 (value);

      if (n < LM_CLASSIFY_MIN_CLASSES || n > LM_CLASSIFY_MAX_CLASSES)
        {
          invalid (error, key, _("the number of classes must be from 3 to 10"));
          return NULL;
        }
    }
  if (g_str_equal (key, "method") &&
      !lm_classify_method_from_string (g_variant_get_string (value, NULL), NULL))
    {
      invalid (error, key, _("the methods are quantile, equal, jenks, stddev and deciles"));
      return NULL;
    }
  if (g_str_equal (key, "extent") && !check_extent (value, key, error))
    return NULL;
  if (g_str_equal (key, "uncertainty-draws") &&
      (g_variant_get_uint32 (value) < 1 || g_variant_get_uint32 (value) > LM_UNCERTAINTY_MAX_DRAWS))
    {
      g_autofree char *why = g_strdup_printf (_("the number of draws must be from 1 to %u"),
                                              LM_UNCERTAINTY_MAX_DRAWS);

      invalid (error, key, why);
      return NULL;
    }
  if (g_str_equal (key, "uncertainty-spread") &&
      !lm_weight_spread_parse (g_variant_get_string (value, NULL), &concentration, NULL))
    {
      invalid (error, key, _("the spreads are narrow, medium, wide, none or a concentration"));
      return NULL;
    }
  if (g_str_equal (info->type, "as"))
    return g_variant_ref_sink (canonical_set (value));
  return g_variant_ref (value);
}

/* Public API */

typedef struct
{
  guint     rank;    /* in keys[] */
  guint     order;   /* as given */
  GVariant *entry;   /* {sv} */
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
clear_entry (Entry *entry)
{
  g_clear_pointer (&entry->entry, g_variant_unref);
}

LmViewSnapshot *
lm_view_snapshot_new_from_variant (GVariant  *settings,
                                   GError   **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GVariant) owned = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  LmViewSnapshot *self;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A floating @settings (a builder's end) is taken, refused or not. */
  owned = g_variant_ref_sink (settings);
  g_array_set_clear_func (entries, (GDestroyNotify) clear_entry);
  g_variant_iter_init (&iter, settings);
  while (g_variant_iter_next (&iter, "{&s@v}", &key, &value))
    {
      g_autoptr(GVariant) boxed = value;
      g_autoptr(GVariant) inner = g_variant_get_variant (boxed);
      g_autoptr(GVariant) checked = NULL;
      int k = find_key (key);
      Entry entry;

      if (k < 0 || !g_hash_table_add (seen, (gpointer) key))
        {
          invalid (error, key, k < 0 ? _("no such setting") : _("it is given twice"));
          return NULL;
        }
      checked = check_value (&keys[k], key, inner, error);
      if (checked == NULL)
        return NULL;
      entry.rank = (guint) k;
      entry.order = entries->len;
      entry.entry = g_variant_ref_sink (g_variant_new_dict_entry (g_variant_new_string (key),
                                                                  g_variant_new_variant (checked)));
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < entries->len; i++)
    g_variant_builder_add_value (&builder, g_array_index (entries, Entry, i).entry);

  self = g_new0 (LmViewSnapshot, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->settings = g_variant_ref_sink (g_variant_builder_end (&builder));
  return self;
}

LmViewSnapshot *
lm_view_snapshot_ref (LmViewSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lm_view_snapshot_unref (LmViewSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_variant_unref (self->settings);
  g_free (self);
}

GVariant *
lm_view_snapshot_to_variant (const LmViewSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->settings;
}

GVariant *
lm_view_snapshot_lookup (const LmViewSnapshot *self,
                         const char           *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_variant_lookup_value (self->settings, key, NULL);
}

gboolean
lm_view_snapshot_equal (const LmViewSnapshot *a,
                        const LmViewSnapshot *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;
  if (g_variant_n_children (a->settings) != g_variant_n_children (b->settings))
    return FALSE;
  /* Every snapshot holds its keys, each once, in the keys' own order
   * (see lm_view_snapshot_new_from_variant), so two hold the same
   * settings exactly when the dictionaries are equal, as
   * g_variant_equal() compares each value in the diff. Diffing looked
   * every key up in the other dictionary, one by one: 1.4 ms in each
   * view change (the document's "modified"). */
  return g_variant_equal (a->settings, b->settings);
}

static LmViewChange *
change_new (const char *key,
            GVariant   *old_value,
            GVariant   *new_value)
{
  LmViewChange *change = g_new0 (LmViewChange, 1);

  change->key = g_strdup (key);
  change->old_value = old_value != NULL ? g_variant_ref (old_value) : NULL;
  change->new_value = new_value != NULL ? g_variant_ref (new_value) : NULL;
  return change;
}

GPtrArray *
lm_view_snapshot_diff (const LmViewSnapshot *a,
                       const LmViewSnapshot *b)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_view_change_free);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (a != NULL, changes);
  g_return_val_if_fail (b != NULL, changes);

  g_variant_iter_init (&iter, a->settings);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) other = g_variant_lookup_value (b->settings, key, NULL);

      if (other == NULL || !g_variant_equal (value, other))
        g_ptr_array_add (changes, change_new (key, value, other));
    }
  g_variant_iter_init (&iter, b->settings);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) other = g_variant_lookup_value (a->settings, key, NULL);

      if (other == NULL)
        g_ptr_array_add (changes, change_new (key, NULL, value));
    }
  return changes;
}

void
lm_view_change_free (LmViewChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_clear_pointer (&change->old_value, g_variant_unref);
  g_clear_pointer (&change->new_value, g_variant_unref);
  g_free (change);
}
