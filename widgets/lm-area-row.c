/* lm-area-row.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lm-area-row.h"

struct _LmAreaRow
{
  GObject  parent_instance;

  LmLevel *level;  /* borrowed from the dataset */
  guint    area;
  guint    place;  /* in an LmAreaList */
};

G_DEFINE_FINAL_TYPE (LmAreaRow, lm_area_row, G_TYPE_OBJECT)

static void
lm_area_row_class_init (LmAreaRowClass *klass)
{
}

static void
lm_area_row_init (LmAreaRow *self)
{
}

/**
 * lm_area_row_new:
 * @level: the level the area belongs to (borrowed)
 * @area: the area's index in @level
 *
 * Returns: (transfer full): a new row
 */
LmAreaRow *
lm_area_row_new (LmLevel *level,
                 guint    area)
{
  LmAreaRow *self;

  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (area < level->n_areas, NULL);

  self = g_object_new (LM_TYPE_AREA_ROW, NULL);
  self->level = level;
  self->area = area;
  return self;
}

LmLevel *
lm_area_row_get_level (LmAreaRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_ROW (self), NULL);
  return self->level;
}

guint
lm_area_row_get_area (LmAreaRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_ROW (self), 0);
  return self->area;
}

void
lm_area_row_set_area (LmAreaRow *self,
                      guint      area)
{
  g_return_if_fail (LM_IS_AREA_ROW (self));
  g_return_if_fail (area < self->level->n_areas);
  self->area = area;
}

void
lm_area_row_set_place (LmAreaRow *self,
                       guint      place)
{
  g_return_if_fail (LM_IS_AREA_ROW (self));
  self->place = place;
}

guint
lm_area_row_get_place (LmAreaRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_ROW (self), 0);
  return self->place;
}

const char *
lm_area_row_get_name (LmAreaRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_ROW (self), NULL);
  return self->level->names[self->area];
}

const char *
lm_area_row_get_code (LmAreaRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_ROW (self), NULL);
  return self->level->codes[self->area];
}
