/* lm-selection.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-selection.h"

struct _LmSelection
{
  GObject     parent_instance;

  /* The set as the user made it. @level is borrowed from the dataset;
   * @set has level->n_areas bytes and is NULL when the selection is
   * empty, so that "empty" has a single representation. */
  LmLevel    *level;
  guint8     *set;
  guint       n_selected;

  /* LmLevel* (borrowed) -> guint8* projection mask (owned). Views ask
   * for the mask of their level on every draw, so projections are kept
   * until the next change rather than recomputed per frame. */
  GHashTable *masks;
};

G_DEFINE_FINAL_TYPE (LmSelection, lm_selection, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Projection between levels                                          */
/* ------------------------------------------------------------------ */

/* TRUE if @ancestor is reached from @level by following parent_level
 * (a level is its own ancestor). */
static gboolean
level_is_below (LmLevel *level,
                LmLevel *ancestor)
{
  for (LmLevel *l = level; l != NULL; l = l->parent_level)
    if (l == ancestor)
      return TRUE;
  return FALSE;
}

/* Projects @set, held at @from, to a new mask of to->n_areas bytes.
 * Levels that are not nested in each other (say, levels of two datasets)
 * share no areas, so the projection is empty. */
static guint8 *
project (LmLevel      *from,
         const guint8 *set,
         LmLevel      *to)
{
  guint8 *mask = g_malloc0 (MAX (to->n_areas, 1));

  if (from == NULL || set == NULL)
    return mask;

  if (from == to)
    {
      memcpy (mask, set, to->n_areas);
    }
  else if (level_is_below (from, to))
    {
      /* Coarser: an area is selected if it contains a selected area. */
      for (guint i = 0; i < from->n_areas; i++)
        {
          int up;

          if (!set[i])
            continue;
          up = lm_level_get_ancestor (from, i, to);
          if (up >= 0 && (guint) up < to->n_areas)
            mask[up] = 1;
        }
    }
  else if (level_is_below (to, from))
    {
      /* Finer: an area is selected if its ancestor at @from is. */
      for (guint i = 0; i < to->n_areas; i++)
        {
          int up = lm_level_get_ancestor (to, i, from);

          if (up >= 0 && (guint) up < from->n_areas && set[up])
            mask[i] = 1;
        }
    }

  return mask;
}

static guint
count_mask (const guint8 *mask,
            guint         n)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    count += mask[i] != 0;
  return count;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
lm_selection_finalize (GObject *object)
{
  LmSelection *self = (LmSelection *) object;

  g_clear_pointer (&self->set, g_free);
  g_clear_pointer (&self->masks, g_hash_table_unref);

  G_OBJECT_CLASS (lm_selection_parent_class)->finalize (object);
}

static void
lm_selection_class_init (LmSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lm_selection_finalize;

  /**
   * LmSelection::changed:
   * @self: the selection
   *
   * Emitted once after each call that changed the selected areas of any
   * level; not emitted when a call leaves the set as it was.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
lm_selection_init (LmSelection *self)
{
  self->masks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

/**
 * lm_selection_new:
 *
 * Creates an empty selection.
 *
 * Returns: (transfer full): a new #LmSelection
 */
LmSelection *
lm_selection_new (void)
{
  return g_object_new (LM_TYPE_SELECTION, NULL);
}

/* Takes @set (level->n_areas bytes, or NULL) as the new state; emits
 * "changed" only if it differs from the current one. */
static void
commit (LmSelection *self,
        LmLevel     *level,
        guint8      *set)
{
  guint n = set != NULL ? count_mask (set, level->n_areas) : 0;

  if (n == 0)
    {
      g_clear_pointer (&set, g_free);
      level = NULL;
    }

  if (level == self->level &&
      n == self->n_selected &&
      (n == 0 || memcmp (set, self->set, level->n_areas) == 0))
    {
      g_free (set);
      return;
    }

  g_free (self->set);
  self->set = set;
  self->level = level;
  self->n_selected = n;
  g_hash_table_remove_all (self->masks);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lm_selection_select:
 * @self: a #LmSelection
 * @level: the level @areas belong to
 * @areas: (array length=n_areas): area indices in @level
 * @n_areas: the number of entries in @areas
 * @mode: how @areas combine with the current set
 *
 * Changes the set. @areas is read as a set (repeated entries count
 * once, also for %LM_SELECTION_TOGGLE). When the selection is held at
 * another level, %LM_SELECTION_REPLACE simply starts a new set at
 * @level, while ADD, REMOVE and TOGGLE first convert the existing set to
 * @level by projection (so that removing one ward from a selected
 * district leaves the district's other wards selected). A call with
 * no areas and a mode other than REPLACE changes nothing.
 */
void
lm_selection_select (LmSelection     *self,
                     LmLevel         *level,
                     const guint     *areas,
                     guint            n_areas,
                     LmSelectionMode  mode)
{
  g_autofree guint8 *request = NULL;
  guint8 *set;

  g_return_if_fail (LM_IS_SELECTION (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (areas != NULL || n_areas == 0);
  g_return_if_fail (mode <= LM_SELECTION_TOGGLE);

  for (guint i = 0; i < n_areas; i++)
    g_return_if_fail (areas[i] < level->n_areas);

  if (n_areas == 0 && mode != LM_SELECTION_REPLACE)
    return;

  request = g_malloc0 (MAX (level->n_areas, 1));
  for (guint i = 0; i < n_areas; i++)
    request[areas[i]] = 1;

  if (mode == LM_SELECTION_REPLACE)
    {
      commit (self, level, g_steal_pointer (&request));
      return;
    }

  set = project (self->level, self->set, level);
  for (guint i = 0; i < level->n_areas; i++)
    {
      switch (mode)
        {
        case LM_SELECTION_ADD:
          set[i] |= request[i];
          break;
        case LM_SELECTION_REMOVE:
          set[i] &= !request[i];
          break;
        case LM_SELECTION_TOGGLE:
          set[i] ^= request[i];
          break;
        case LM_SELECTION_REPLACE:
        default:
          g_assert_not_reached ();
        }
    }
  commit (self, level, set);
}

/**
 * lm_selection_select_mask:
 * @self: a #LmSelection
 * @level: the level of @mask
 * @mask: (array): level->n_areas bytes, non-zero = in the request
 * @mode: how the masked areas combine with the current set
 *
 * Like lm_selection_select() with the areas given as a mask, which is
 * what a rubber band or a query over a whole level produces.
 */
void
lm_selection_select_mask (LmSelection     *self,
                          LmLevel         *level,
                          const guint8    *mask,
                          LmSelectionMode  mode)
{
  g_autoptr(GArray) areas = NULL;

  g_return_if_fail (LM_IS_SELECTION (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (mask != NULL || level->n_areas == 0);

  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < level->n_areas; i++)
    if (mask[i])
      g_array_append_val (areas, i);
  lm_selection_select (self, level, (const guint *) (gpointer) areas->data, areas->len, mode);
}

/**
 * lm_selection_clear:
 * @self: a #LmSelection
 *
 * Empties the selection; emits "changed" unless it was empty.
 */
void
lm_selection_clear (LmSelection *self)
{
  g_return_if_fail (LM_IS_SELECTION (self));

  commit (self, NULL, NULL);
}

/**
 * lm_selection_is_empty:
 * @self: a #LmSelection
 *
 * Returns: %TRUE if no area is selected
 */
gboolean
lm_selection_is_empty (LmSelection *self)
{
  g_return_val_if_fail (LM_IS_SELECTION (self), TRUE);

  return self->n_selected == 0;
}

/**
 * lm_selection_get_level:
 * @self: a #LmSelection
 *
 * Returns: (transfer none) (nullable): the level the set is held at, or
 *   %NULL when the selection is empty
 */
LmLevel *
lm_selection_get_level (LmSelection *self)
{
  g_return_val_if_fail (LM_IS_SELECTION (self), NULL);

  return self->level;
}

/**
 * lm_selection_get_mask:
 * @self: a #LmSelection
 * @level: any level of the dataset
 *
 * Returns: (transfer none): level->n_areas bytes, 1 where the area is
 *   selected after projection to @level; valid until the next change
 */
const guint8 *
lm_selection_get_mask (LmSelection *self,
                       LmLevel     *level)
{
  guint8 *mask;

  g_return_val_if_fail (LM_IS_SELECTION (self), NULL);
  g_return_val_if_fail (level != NULL, NULL);

  if (level == self->level)
    return self->set;

  mask = g_hash_table_lookup (self->masks, level);
  if (mask == NULL)
    {
      mask = project (self->level, self->set, level);
      g_hash_table_insert (self->masks, level, mask);
    }
  return mask;
}

/**
 * lm_selection_count:
 * @self: a #LmSelection
 * @level: any level of the dataset
 *
 * Returns: the number of areas of @level selected after projection
 */
guint
lm_selection_count (LmSelection *self,
                    LmLevel     *level)
{
  g_return_val_if_fail (LM_IS_SELECTION (self), 0);
  g_return_val_if_fail (level != NULL, 0);

  if (self->n_selected == 0)
    return 0;
  if (level == self->level)
    return self->n_selected;
  return count_mask (lm_selection_get_mask (self, level), level->n_areas);
}

/**
 * lm_selection_contains:
 * @self: a #LmSelection
 * @level: any level of the dataset
 * @area: an area index in @level
 *
 * Returns: %TRUE if @area is selected after projection to @level
 */
gboolean
lm_selection_contains (LmSelection *self,
                       LmLevel     *level,
                       guint        area)
{
  g_return_val_if_fail (LM_IS_SELECTION (self), FALSE);
  g_return_val_if_fail (level != NULL, FALSE);
  g_return_val_if_fail (area < level->n_areas, FALSE);

  if (self->n_selected == 0)
    return FALSE;
  return lm_selection_get_mask (self, level)[area] != 0;
}

/**
 * lm_selection_get_areas:
 * @self: a #LmSelection
 * @level: any level of the dataset
 *
 * Returns: (transfer full) (element-type guint): the selected areas of
 *   @level after projection, ascending
 */
GArray *
lm_selection_get_areas (LmSelection *self,
                        LmLevel     *level)
{
  GArray *areas;
  const guint8 *mask;

  g_return_val_if_fail (LM_IS_SELECTION (self), NULL);
  g_return_val_if_fail (level != NULL, NULL);

  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  if (self->n_selected == 0)
    return areas;
  mask = lm_selection_get_mask (self, level);
  for (guint i = 0; i < level->n_areas; i++)
    if (mask[i])
      g_array_append_val (areas, i);
  return areas;
}
