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
  LmAreaRow         **rows;        /* by area, made when first asked for */
};

static void lm_area_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LmAreaList, lm_area_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lm_area_list_list_model_init))

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
  guint area;

  if (position >= self->n_shown)
    return NULL;
  area = self->shown[position];
  if (self->rows[area] == NULL)
    self->rows[area] = lm_area_row_new (self->level, area);
  return g_object_ref (self->rows[area]);
}

static void
lm_area_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lm_area_list_get_item_type;
  iface->get_n_items = lm_area_list_get_n_items;
  iface->get_item = lm_area_list_get_item;
}

/* Auxiliary methods */

static void
clear_rows (LmAreaList *self)
{
  for (guint a = 0; self->rows != NULL && a < self->n_areas; a++)
    g_clear_object (&self->rows[a]);
  g_clear_pointer (&self->rows, g_free);
}

static gboolean
passes (LmAreaList *self,
        guint       area)
{
  return self->needle == NULL || strstr (self->haystacks[area], self->needle) != NULL;
}

/* Makes @shown (@n_shown areas) the list, announcing only the span
 * between what the old and new lists share at their start and end, so
 * that a view keeps the rows outside it. */
static void
replace_shown (LmAreaList *self,
               guint      *shown,
               guint       n_shown)
{
  guint *old = self->shown;
  guint n_old = self->n_shown;
  guint head = 0, tail = 0;

  while (head < n_old && head < n_shown && old[head] == shown[head])
    head++;
  while (tail < n_old - head && tail < n_shown - head &&
         old[n_old - 1 - tail] == shown[n_shown - 1 - tail])
    tail++;
  self->shown = shown;
  self->n_shown = n_shown;
  g_free (old);
  if (n_old - head - tail > 0 || n_shown - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail,
                                n_shown - head - tail);
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

  clear_rows (self);
  g_free (self->order);
  g_free (self->shown);
  g_free (self->needle);

  G_OBJECT_CLASS (lm_area_list_parent_class)->finalize (object);
}

static void
lm_area_list_class_init (LmAreaListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_area_list_finalize;
}

static void
lm_area_list_init (LmAreaList *self)
{
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
  clear_rows (self);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->shown, g_free);
  self->n_shown = 0;
  self->level = level;
  self->haystacks = haystacks;
  self->n_areas = level != NULL ? level->n_areas : 0;
  self->order = g_new (guint, MAX (self->n_areas, 1));
  self->rows = g_new0 (LmAreaRow *, MAX (self->n_areas, 1));
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
