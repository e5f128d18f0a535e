/* lm-level.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-level.h"

LmLevel *
lm_level_new (const char *id,
              const char *title,
              guint       depth)
{
  LmLevel *level = g_new0 (LmLevel, 1);

  level->id = g_strdup (id);
  level->title = g_strdup (title != NULL && *title != '\0' ? title : id);
  level->depth = depth;
  lm_level_set_nouns (level, NULL, NULL);
  level->strings = g_string_chunk_new (16 * 1024);
  level->variables = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_variable_free);
  return level;
}

void
lm_level_free (LmLevel *level)
{
  if (level == NULL)
    return;
  g_free (level->codes);
  g_free (level->names);
  g_free (level->parent);
  g_free (level->population);
  g_free (level->feature);
  g_clear_object (&level->shapes);
  g_string_chunk_free (level->strings);
  g_free (level->code_slots);
  g_ptr_array_unref (level->variables);
  g_free (level->id);
  g_free (level->title);
  g_free (level->singular);
  g_free (level->plural);
  g_free (level->heading);
  g_free (level);
}

static guint
capacity_for (guint n)
{
  guint capacity = 16;

  while (capacity < n)
    capacity *= 2;
  return capacity;
}

static void
grow_to (LmLevel *level,
         guint    n)
{
  guint capacity;

  /* Areas are only added while loading, before any variable exists, so
   * the per-area arrays grow together in powers of two. */
  g_assert (level->variables->len == 0);
  if (n <= level->area_capacity)
    return;
  capacity = capacity_for (n);
  level->codes = g_renew (char *, level->codes, capacity);
  level->names = g_renew (char *, level->names, capacity);
  level->parent = g_renew (int, level->parent, capacity);
  level->population = g_renew (double, level->population, capacity);
  level->feature = g_renew (int, level->feature, capacity);
  level->area_capacity = capacity;
}

/* The slot where a code's search starts: its hash's top bits, mixed so
 * that codes differing only in their last digits spread out. */
static inline guint
first_slot (LmLevel    *level,
            const char *code)
{
  return (g_str_hash (code) * 0x9E3779B1u) >> (32 - level->code_bits);
}

static void index_code (LmLevel *level,
                        guint    area);

/* Slots for @n codes at most half full, with the areas' codes so far. */
static void
resize_code_slots (LmLevel *level,
                   guint    n)
{
  guint bits = 5;

  while ((1u << bits) < 2 * n)
    bits++;
  if (bits <= level->code_bits)
    return;
  g_free (level->code_slots);
  level->code_bits = bits;
  level->code_slots = g_new0 (guint, 1u << bits);
  for (guint a = 0; a < level->n_areas; a++)
    index_code (level, a);
}

void
lm_level_reserve_areas (LmLevel *level,
                        guint    n)
{
  grow_to (level, n);
  resize_code_slots (level, n);
}

/* Enters area @area's code in the hash, which is kept at most half full:
 * tens of thousands of codes are entered while loading, and GHashTable,
 * growing step by step, cost three times as much. */
static void
index_code (LmLevel *level,
            guint    area)
{
  guint mask;
  guint slot;

  if (level->code_bits == 0 || 2 * (area + 1) > (1u << level->code_bits))
    resize_code_slots (level, area + 1);
  mask = (1u << level->code_bits) - 1;
  for (slot = first_slot (level, level->codes[area]); level->code_slots[slot] != 0;
       slot = (slot + 1) & mask)
    ;
  level->code_slots[slot] = area + 1;
}

/* The area of @code, or -1 with *@out_free_slot the slot where it would
 * go (when the slots have room for one more): a new code is hashed and
 * probed once, not again to enter it. */
static int
find_code (LmLevel    *level,
           const char *code,
           guint      *out_free_slot)
{
  guint mask;
  guint slot;

  *out_free_slot = G_MAXUINT;
  if (level->code_bits == 0)
    return -1;
  mask = (1u << level->code_bits) - 1;
  for (slot = first_slot (level, code); level->code_slots[slot] != 0; slot = (slot + 1) & mask)
    {
      guint area = level->code_slots[slot] - 1;

      if (strcmp (level->codes[area], code) == 0)
        return (int) area;
    }
  if (2 * (level->n_areas + 1) <= (1u << level->code_bits))
    *out_free_slot = slot;
  return -1;
}

guint
lm_level_add_area (LmLevel    *level,
                   const char *code,
                   const char *name)
{
  int found;
  guint free_slot;
  guint i;

  g_return_val_if_fail (code != NULL, 0);

  found = find_code (level, code, &free_slot);
  if (found >= 0)
    return (guint) found;

  i = level->n_areas;
  grow_to (level, i + 1);
  /* The codes and names are freed together with the level: one arena,
   * not two allocations an area. An area without a name shares its
   * code's text. */
  level->codes[i] = g_string_chunk_insert (level->strings, code);
  level->names[i] = name != NULL && *name != '\0' ? g_string_chunk_insert (level->strings, name)
                                                  : level->codes[i];
  level->parent[i] = -1;
  level->population[i] = 0;
  level->feature[i] = -1;
  level->n_areas = i + 1;
  if (free_slot != G_MAXUINT)
    level->code_slots[free_slot] = i + 1;
  else
    index_code (level, i);
  return i;
}

int
lm_level_find_area (LmLevel    *level,
                    const char *code)
{
  guint free_slot;

  g_return_val_if_fail (code != NULL, -1);

  return find_code (level, code, &free_slot);
}

void
lm_level_set_name (LmLevel    *level,
                   guint       area,
                   const char *name)
{
  g_return_if_fail (area < level->n_areas);
  g_return_if_fail (name != NULL);

  level->names[area] = g_string_chunk_insert (level->strings, name);
}

gboolean
lm_level_is_unnamed (LmLevel *level,
                     guint    area)
{
  g_return_val_if_fail (area < level->n_areas, FALSE);

  return level->names[area] == level->codes[area] ||
         strcmp (level->names[area], level->codes[area]) == 0;
}

LmVariable *
lm_level_find_variable (LmLevel    *level,
                        const char *id)
{
  for (guint i = 0; i < level->variables->len; i++)
    {
      LmVariable *variable = g_ptr_array_index (level->variables, i);
      if (strcmp (variable->id, id) == 0)
        return variable;
    }
  return NULL;
}

LmVariable *
lm_level_add_variable (LmLevel    *level,
                       LmVariable *variable)
{
  g_return_val_if_fail (variable->level == level, NULL);
  g_return_val_if_fail (lm_level_find_variable (level, variable->id) == NULL, NULL);

  g_ptr_array_add (level->variables, variable);
  return variable;
}

void
lm_level_aggregate_children (LmLevel      *level,
                             const double *child_values,
                             gboolean      population_weighted,
                             double       *out_values,
                             double       *scratch_sum,
                             double       *scratch_weight)
{
  LmLevel *child = level->child_level;

  g_return_if_fail (child != NULL);

  for (guint i = 0; i < level->n_areas; i++)
    {
      scratch_sum[i] = 0;
      scratch_weight[i] = 0;
    }
  for (guint i = 0; i < child->n_areas; i++)
    {
      int parent = child->parent[i];
      double value = child_values[i];
      double weight = population_weighted ? child->population[i] : 1;

      if (parent < 0 || isnan (value) || weight <= 0)
        continue;
      scratch_sum[parent] += weight * value;
      scratch_weight[parent] += weight;
    }
  for (guint i = 0; i < level->n_areas; i++)
    {
      if (scratch_weight[i] <= 0)
        out_values[i] = NAN;
      else
        out_values[i] = population_weighted ? scratch_sum[i] / scratch_weight[i] : scratch_sum[i];
    }
}

LmVariable *
lm_level_ensure_variable (LmLevel    *level,
                          const char *id,
                          const char *title,
                          LmUnit      unit)
{
  LmVariable *variable = lm_level_find_variable (level, id);

  if (variable != NULL)
    {
      g_return_val_if_fail (variable->unit == unit, NULL);
      return variable;
    }
  variable = lm_level_add_variable (level, lm_variable_new (id, title, unit, level));
  variable->native = TRUE;
  variable->aggregate = LM_AGGREGATE_NONE;
  return variable;
}

int
lm_level_get_ancestor (LmLevel *level,
                       guint    area,
                       LmLevel *ancestor)
{
  int index = (int) area;

  while (level != ancestor)
    {
      if (level == NULL || index < 0)
        return -1;
      index = level->parent[index];
      level = level->parent_level;
    }
  return index;
}

void
lm_level_set_nouns (LmLevel    *level,
                    const char *singular,
                    const char *plural)
{
  const char *first;

  g_return_if_fail (level != NULL);

  g_free (level->singular);
  g_free (level->plural);
  g_free (level->heading);
  level->singular = g_strdup (singular != NULL && *singular != '\0' ? singular : level->title);
  level->plural = g_strdup (plural != NULL && *plural != '\0' ? plural : level->title);
  /* Only the first letter is raised: "LSOA" and "local authority" become
   * "LSOA" and "Local authority". */
  first = g_utf8_next_char (level->singular);
  {
    g_autofree char *initial = g_utf8_strup (level->singular, first - level->singular);
    level->heading = g_strconcat (initial, first, NULL);
  }
}

const char *
lm_level_get_singular (LmLevel *level)
{
  g_return_val_if_fail (level != NULL, NULL);
  return level->singular;
}

const char *
lm_level_get_plural (LmLevel *level)
{
  g_return_val_if_fail (level != NULL, NULL);
  return level->plural;
}

const char *
lm_level_get_heading (LmLevel *level)
{
  g_return_val_if_fail (level != NULL, NULL);
  return level->heading;
}

char *
lm_level_dup_column_name (LmLevel *level)
{
  GString *name;
  gboolean gap = FALSE;

  g_return_val_if_fail (level != NULL, NULL);

  name = g_string_new (NULL);
  for (const char *p = level->singular; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (gap && name->len > 0)
            g_string_append_c (name, '_');
          g_string_append_c (name, g_ascii_tolower (*p));
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  /* A noun with no ASCII letter at all still needs a usable name. */
  if (name->len == 0)
    g_string_append (name, level->id);
  return g_string_free (name, FALSE);
}

static int
match_quality (const char *haystack,
               const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);
  const char *hit;

  if (strcmp (folded, needle) == 0)
    return 0;
  hit = strstr (folded, needle);
  if (hit == NULL)
    return -1;
  return hit == folded ? 1 : 2;
}

GArray *
lm_level_search (LmLevel    *level,
                 const char *text,
                 guint       max)
{
  g_autofree char *needle = NULL;
  GArray *tiers[3];
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped == '\0' || max == 0)
    return result;
  needle = g_utf8_casefold (stripped, -1);
  for (guint t = 0; t < 3; t++)
    tiers[t] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < level->n_areas; i++)
    {
      int by_name = match_quality (level->names[i], needle);
      int by_code = match_quality (level->codes[i], needle);
      int best;

      if (by_name < 0)
        best = by_code;
      else if (by_code < 0)
        best = by_name;
      else
        best = MIN (by_name, by_code);
      if (best >= 0)
        g_array_append_val (tiers[best], i);
    }
  for (guint t = 0; t < 3 && result->len < max; t++)
    g_array_append_vals (result, tiers[t]->data, MIN (tiers[t]->len, max - result->len));
  for (guint t = 0; t < 3; t++)
    g_array_unref (tiers[t]);
  return result;
}
