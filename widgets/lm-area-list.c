/* lm-area-list.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-area-list.h"

struct _LmAreaList
{
  GObject             parent_instance;

  LmLevel            *level;       /* borrowed */
  const char * const *haystacks;   /* borrowed, one per area */
  guint               n_areas;
  guint              *order;       /* every area, in the order shown */
  guint              *shown;       /* the areas passing the filter, in order */
  guint               n_shown;
  char               *needle;      /* casefolded, or NULL */
  GPtrArray          *rows;        /* LmAreaRow* by position, while held (else NULL) */
  GPtrArray          *spare;       /* LmAreaRow* held by nobody else, to reuse */
};

/* Rows no one holds kept for reuse: GTK 4.8's list views ask for every
 * item that comes (15,000 when a filter keystroke widens to all LSOAs)
 * and let go of all but some 200 at once. */
#define MAX_SPARE 256

enum {
  CONTENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void lm_area_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LmAreaList, lm_area_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lm_area_list_list_model_init))

static void row_toggled_cb (gpointer  data,
                            GObject  *object,
                            gboolean  is_last_ref);

/* GListModel */

static GType
lm_area_list_get_item_type (GListModel *model)
{
  return LM_TYPE_AREA_ROW;
}

static guint
lm_area_list_get_n_items (GListModel *model)
{
  return LM_AREA_LIST (model)->n_shown;
}

static gpointer
lm_area_list_get_item (GListModel *model,
                       guint       position)
{
  LmAreaList *self = LM_AREA_LIST (model);
  LmAreaRow *row;

  if (position >= self->n_shown)
    return NULL;
  if (position >= self->rows->len)
    g_ptr_array_set_size (self->rows, position + 1);
  row = g_ptr_array_index (self->rows, position);
  if (row != NULL)
    return g_object_ref (row);
  if (self->spare->len > 0)
    {
      row = g_object_ref (g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1));
      lm_area_row_set_area (row, self->shown[position]);
    }
  else
    {
      row = lm_area_row_new (self->level, self->shown[position]);
      /* The list's own reference, which tells it when no one else
       * holds the row (row_toggled_cb); the caller has the other. */
      g_object_add_toggle_ref (G_OBJECT (row), row_toggled_cb, self);
    }
  lm_area_row_set_place (row, position);
  g_ptr_array_index (self->rows, position) = row;
  return row;
}

static void
lm_area_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lm_area_list_get_item_type;
  iface->get_n_items = lm_area_list_get_n_items;
  iface->get_item = lm_area_list_get_item;
}

/* Auxiliary methods */

/* A row no one else holds leaves its place (no one can tell it from
 * another row there any more) and waits for reuse. */
static void
row_toggled_cb (gpointer  data,
                GObject  *object,
                gboolean  is_last_ref)
{
  LmAreaList *self = data;
  guint place = lm_area_row_get_place (LM_AREA_ROW (object));

  if (!is_last_ref)
    return;
  if (place < self->rows->len && g_ptr_array_index (self->rows, place) == object)
    g_ptr_array_index (self->rows, place) = NULL;
  if (self->spare->len < MAX_SPARE)
    g_ptr_array_add (self->spare, object);
  else
    g_object_remove_toggle_ref (object, row_toggled_cb, self);
}

/* Lets go of the rows of the places from @n on, and of the spare rows
 * with @spare. */
static void
truncate_rows (LmAreaList *self,
               guint       n,
               gboolean    spare)
{
  for (guint i = n; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        g_object_remove_toggle_ref (row, row_toggled_cb, self);
    }
  if (self->rows->len > n)
    g_ptr_array_set_size (self->rows, n);
  for (guint i = 0; spare && i < self->spare->len; i++)
    g_object_remove_toggle_ref (g_ptr_array_index (self->spare, i), row_toggled_cb, self);
  if (spare)
    g_ptr_array_set_size (self->spare, 0);
}

static gboolean
passes (LmAreaList *self,
        guint       area)
{
  return self->needle == NULL || strstr (self->haystacks[area], self->needle) != NULL;
}

/* Makes @shown (@n_shown areas) the list: the places both lists have
 * show their new areas, and only places past the end of the shorter
 * come or go. */
static void
replace_shown (LmAreaList *self,
               guint      *shown,
               guint       n_shown)
{
  guint n_old = self->n_shown;
  guint common = MIN (n_old, n_shown);
  gboolean moved = FALSE;

  for (guint i = 0; i < common && !moved; i++)
    moved = self->shown[i] != shown[i];
  g_free (self->shown);
  self->shown = shown;
  self->n_shown = n_shown;
  for (guint i = 0; i < MIN (common, self->rows->len); i++)
    {
      LmAreaRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        lm_area_row_set_area (row, shown[i]);
    }
  /* Places past the end go with their rows. */
  truncate_rows (self, n_shown, FALSE);
  if (n_old != n_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), common, n_old - common, n_shown - common);
  if (moved)
    g_signal_emit (self, signals[CONTENTS_CHANGED], 0);
}

/* Filters @from (@n areas, in order) into a new list. */
static void
refilter (LmAreaList  *self,
          const guint *from,
          guint        n)
{
  guint *shown = g_new (guint, MAX (n, 1));
  guint n_shown = 0;

  for (guint i = 0; i < n; i++)
    if (passes (self, from[i]))
      shown[n_shown++] = from[i];
  replace_shown (self, shown, n_shown);
}

/* GObject overrides */

static void
lm_area_list_finalize (GObject *object)
{
  LmAreaList *self = LM_AREA_LIST (object);

  truncate_rows (self, 0, TRUE);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->spare);
  g_free (self->order);
  g_free (self->shown);
  g_free (self->needle);

  G_OBJECT_CLASS (lm_area_list_parent_class)->finalize (object);
}

static void
lm_area_list_class_init (LmAreaListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_area_list_finalize;

  /**
   * LmAreaList::contents-changed:
   *
   * Places of the list (items) now show other areas: views rewrite the
   * rows they show from their items.
   */
  signals[CONTENTS_CHANGED] = g_signal_new ("contents-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
lm_area_list_init (LmAreaList *self)
{
  self->rows = g_ptr_array_new ();
  self->spare = g_ptr_array_new ();
}

/* Public API */

LmAreaList *
lm_area_list_new (void)
{
  return g_object_new (LM_TYPE_AREA_LIST, NULL);
}

void
lm_area_list_set_level (LmAreaList          *self,
                        LmLevel             *level,
                        const char * const  *haystacks)
{
  guint n_old;

  g_return_if_fail (LM_IS_AREA_LIST (self));
  g_return_if_fail (level == NULL || haystacks != NULL);

  n_old = self->n_shown;
  /* Spare rows are of the old level. */
  truncate_rows (self, 0, TRUE);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->shown, g_free);
  self->n_shown = 0;
  self->level = level;
  self->haystacks = haystacks;
  self->n_areas = level != NULL ? level->n_areas : 0;
  self->order = g_new (guint, MAX (self->n_areas, 1));
  for (guint a = 0; a < self->n_areas; a++)
    self->order[a] = a;
  self->shown = g_new (guint, MAX (self->n_areas, 1));
  for (guint a = 0; a < self->n_areas; a++)
    if (passes (self, a))
      self->shown[self->n_shown++] = a;
  /* Other areas altogether: no span is shared. */
  if (n_old > 0 || self->n_shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->n_shown);
}

LmLevel *
lm_area_list_get_level (LmAreaList *self)
{
  g_return_val_if_fail (LM_IS_AREA_LIST (self), NULL);
  return self->level;
}

void
lm_area_list_set_needle (LmAreaList *self,
                         const char *needle)
{
  gboolean stricter;

  g_return_if_fail (LM_IS_AREA_LIST (self));

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  /* A longer needle that holds the old one only hides rows: only the
   * rows shown need looking at. */
  stricter = needle != NULL && (self->needle == NULL || strstr (needle, self->needle) != NULL);
  g_free (self->needle);
  self->needle = g_strdup (needle);
  if (self->level == NULL)
    return;
  if (stricter)
    {
      g_autofree guint *from = g_memdup2 (self->shown, sizeof (guint) * MAX (self->n_shown, 1));

      refilter (self, from, self->n_shown);
    }
  else
    refilter (self, self->order, self->n_areas);
}

void
lm_area_list_set_order (LmAreaList  *self,
                        const guint *order)
{
  g_return_if_fail (LM_IS_AREA_LIST (self));

  if (self->level == NULL)
    return;
  for (guint a = 0; a < self->n_areas; a++)
    self->order[a] = order != NULL ? order[a] : a;
  refilter (self, self->order, self->n_areas);
}

guint
lm_area_list_get_area (LmAreaList *self,
                       guint       position)
{
  g_return_val_if_fail (LM_IS_AREA_LIST (self), G_MAXUINT);
  return position < self->n_shown ? self->shown[position] : G_MAXUINT;
}
