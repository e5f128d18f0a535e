/* lm-map-figure.c — one colouring of a map: classes, palette and the
 * colour of each area, for the window and every export (the figure's
 * drawing is in lm-map-figure-draw.c)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-map-figure-private.h"


G_DEFINE_FINAL_TYPE (LmMapFigure, lm_map_figure, G_TYPE_OBJECT)

static void
lm_map_figure_finalize (GObject *object)
{
  LmMapFigure *self = LM_MAP_FIGURE (object);

  g_clear_object (&self->model);
  g_free (self->level_id);
  g_free (self->variable_id);
  g_free (self->palette_name);
  g_free (self->classes);
  g_free (self->marked_mask);
  g_clear_pointer (&self->renderer, lm_map_renderer_free);
  g_clear_pointer (&self->classify_cache, lm_classify_cache_free);
  lm_bivariate_map_free (self->bivariate);

  G_OBJECT_CLASS (lm_map_figure_parent_class)->finalize (object);
}

static void
lm_map_figure_class_init (LmMapFigureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_map_figure_finalize;
}

static void
lm_map_figure_init (LmMapFigure *self)
{
  self->method = LM_CLASSIFY_QUANTILE;
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  self->bivariate = lm_bivariate_map_new ();
  /* A map switched between variables (and back) sorts each one's values
   * once: 1.6 ms for the LSOAs. Eight LSOA variables fit in the bytes. */
  self->classify_cache = lm_classify_cache_new (8, 8 * 1024 * 1024);
}

LmMapFigure *
lm_map_figure_new (LmModel *model)
{
  LmMapFigure *self;

  g_return_val_if_fail (model == NULL || LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_MAP_FIGURE, NULL);
  lm_map_figure_set_model (self, model);
  return self;
}

LmModel *
lm_map_figure_get_model (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  return self->model;
}

static void
clear_results (LmMapFigure *self)
{
  self->level = NULL;
  self->variable = NULL;
  self->palette = NULL;
  self->have_classes = FALSE;
  memset (&self->classification, 0, sizeof self->classification);
  self->marked_level = NULL;
  self->n_marked = 0;
  g_clear_pointer (&self->marked_mask, g_free);
}

void
lm_map_figure_set_model (LmMapFigure *self,
                         LmModel     *model)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (model == self->model)
    return;
  clear_results (self);
  g_set_object (&self->model, model);
  /* The renderer caches geometry per layer: the old dataset's would
   * only take memory. */
  if (self->renderer != NULL)
    lm_map_renderer_clear_cache (self->renderer);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

void
lm_map_figure_set_level (LmMapFigure *self,
                         const char  *level_id)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  replace_string (&self->level_id, level_id);
}

void
lm_map_figure_set_variable (LmMapFigure *self,
                            const char  *variable_id)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  replace_string (&self->variable_id, variable_id);
}

void
lm_map_figure_set_method (LmMapFigure      *self,
                          LmClassifyMethod  method)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (method <= LM_CLASSIFY_DECILES);
  self->method = method;
}

void
lm_map_figure_set_n_classes (LmMapFigure *self,
                             guint        n_classes)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  self->n_classes = n_classes;
}

void
lm_map_figure_set_palette (LmMapFigure *self,
                           const char  *palette)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  replace_string (&self->palette_name, palette);
}

void
lm_map_figure_set_show_left_behind (LmMapFigure *self,
                                    gboolean     show)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  self->show_left_behind = !!show;
}

void
lm_map_figure_set_show_selection (LmMapFigure *self,
                                  gboolean     show)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  self->show_selection = !!show;
}

void
lm_map_figure_set_options (LmMapFigure              *self,
                           const LmMapExportOptions *options)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (options != NULL);

  lm_map_figure_set_level (self, options->level_id);
  lm_map_figure_set_variable (self, options->variable_id);
  lm_map_figure_set_method (self, options->method);
  lm_map_figure_set_n_classes (self, options->n_classes);
  lm_map_figure_set_palette (self, options->palette);
  lm_map_figure_set_show_left_behind (self, options->show_left_behind);
  lm_map_figure_set_show_selection (self, options->show_selection);
  lm_map_figure_set_bivariate (self, options->bivariate_x, options->bivariate_y,
                               &options->bivariate_x_breaks, &options->bivariate_y_breaks);
  lm_bivariate_map_set_palette (self->bivariate, options->bivariate_palette);
}

void
lm_map_figure_set_bivariate (LmMapFigure             *self,
                             const char              *x_id,
                             const char              *y_id,
                             const LmBivariateBreaks *x_breaks,
                             const LmBivariateBreaks *y_breaks)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  lm_bivariate_map_set (self->bivariate, x_id, y_id, x_breaks, y_breaks);
}

void
lm_map_figure_set_bivariate_palette (LmMapFigure *self,
                                     const char  *name)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  lm_bivariate_map_set_palette (self->bivariate, name);
}

LmBivariateMap *
lm_map_figure_get_bivariate (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  return lm_bivariate_map_is_set (self->bivariate) && self->have_classes ? self->bivariate : NULL;
}

/* ------------------------------------------------------------------ */
/* Colouring                                                          */
/* ------------------------------------------------------------------ */

static void
update_marked (LmMapFigure *self)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
  LmVariable *flags = rule != NULL ? rule->flag : NULL;

  self->n_marked = 0;
  if (flags == NULL)
    {
      self->marked_level = NULL;
      g_clear_pointer (&self->marked_mask, g_free);
      return;
    }
  if (self->marked_level != rule->level)
    {
      g_free (self->marked_mask);
      self->marked_level = rule->level;
      self->marked_mask = g_new0 (guint8, MAX (rule->level->n_areas, 1));
    }
  for (guint a = 0; a < rule->level->n_areas; a++)
    {
      double v = flags->values[a];
      gboolean marked = !isnan (v) && v != 0;

      self->marked_mask[a] = marked;
      self->n_marked += marked;
    }
}

/* Every area "no data", for @level. */
static void
reset_classes (LmMapFigure *self,
               LmLevel     *level)
{
  guint n = level != NULL ? level->n_areas : 0;

  self->level = level;
  self->have_classes = FALSE;
  memset (&self->classification, 0, sizeof self->classification);
  if (self->classes_alloc < n)
    {
      g_free (self->classes);
      self->classes = g_new (gint8, n);
      self->classes_alloc = n;
    }
  if (self->classes != NULL)
    memset (self->classes, -1, self->classes_alloc);
}

/* The nine cells of two variables instead of one variable's classes;
 * the x variable stands for the map where one is needed (ranks in
 * tooltips). */
static gboolean
update_bivariate (LmMapFigure  *self,
                  LmDataset    *dataset,
                  const char   *level_id,
                  GError      **error)
{
  reset_classes (self, lm_dataset_find_level (dataset, level_id));
  if (self->level == NULL)
    return lm_model_find_variable (self->model, level_id, "population", error) != NULL;
  if (!lm_bivariate_map_update (self->bivariate, self->model, level_id, self->classes, self->colors,
                                error))
    {
      memset (self->classes, -1, self->classes_alloc);
      return FALSE;
    }
  self->variable = lm_bivariate_map_get_x (self->bivariate);
  self->classification.n_classes = LM_BIVARIATE_CELLS;
  self->have_classes = TRUE;
  return TRUE;
}

/* A signed change shown with a diverging palette is classed about zero,
 * so that the palette's neutral middle is "no change" and each side
 * says which way the areas moved (issue 13). */
static gboolean
is_centred (LmMapFigure *self)
{
  return self->variable->unit == LM_UNIT_CHANGE &&
         lm_palette_get_kind (self->palette) == LM_PALETTE_DIVERGING;
}

/* The classes, and each area's class into self->classes. */
static gboolean
classify (LmMapFigure *self,
          guint        n)
{
  /* A share of draws reads as never, sometimes, usually, always. */
  return lm_classify_cache_classify (self->classify_cache, self->variable->values, n,
                                     self->variable->unit == LM_UNIT_PROBABILITY
                                       ? LM_CLASSIFY_LIKELIHOOD : self->method,
                                     is_centred (self), self->n_classes,
                                     &self->classification, self->classes);
}

/* A new line of plain text in a markup string. */
static void
append_text_line (GString    *markup,
                  const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (markup, "\n%s", escaped);
}

gboolean
lm_map_figure_update (LmMapFigure  *self,
                      GError      **error)
{
  LmDataset *dataset;
  const char *level_id;
  const char *variable_id;
  guint n;

  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dataset = lm_model_get_dataset (self->model);
  update_marked (self);
  self->palette = NULL;
  /* The model explains an unknown level, an unknown variable, and a
   * variable that exists only at coarser levels ("not available at
   * this level"). */
  level_id = self->level_id != NULL ? self->level_id : lm_dataset_get_level (dataset, 0)->id;
  if (lm_bivariate_map_is_set (self->bivariate))
    return update_bivariate (self, dataset, level_id, error);
  variable_id = self->variable_id != NULL ? self->variable_id : lm_dataset_get_default_variable (dataset);
  self->variable = lm_model_find_variable (self->model, level_id, variable_id, error);
  reset_classes (self, self->variable != NULL ? self->variable->level
                                               : lm_dataset_find_level (dataset, level_id));
  if (self->variable == NULL)
    return FALSE;

  if (self->palette_name != NULL)
    self->palette = lm_palette_lookup (self->palette_name, error);
  else
    self->palette = lm_palette_get_default (self->variable);
  if (self->palette == NULL)
    return FALSE;

  n = self->level->n_areas;
  if (!classify (self, n))
    {
      memset (&self->classification, 0, sizeof self->classification);
      g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_NO_VALUES,
                   _("“%s” has no value for any of the %s, so there is nothing to map."),
                   self->variable->title, self->level->title);
      return FALSE;
    }
  self->have_classes = TRUE;
  if (self->classification.n_classes == 1 && is_centred (self))
    {
      LmColor three[3];

      /* No change at all: the neutral middle of the palette, not its
       * darkest end. */
      lm_palette_get_colors_for_variable (self->palette, self->variable, 3, three);
      self->colors[0] = three[1];
    }
  else
    lm_palette_get_colors_for_variable (self->palette, self->variable,
                                        self->classification.n_classes, self->colors);
  return TRUE;
}

LmLevel *
lm_map_figure_get_level (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  return self->level;
}

LmVariable *
lm_map_figure_get_variable (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  return self->variable;
}

const LmPalette *
lm_map_figure_get_palette (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  return self->palette;
}

const LmClassification *
lm_map_figure_get_classification (LmMapFigure *self)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  /* A bivariate map has cells, not classes: see get_bivariate(). */
  return self->have_classes && !lm_bivariate_map_is_set (self->bivariate) ? &self->classification : NULL;
}

const LmColor *
lm_map_figure_get_class_colors (LmMapFigure *self,
                                guint       *n_colors)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  if (n_colors != NULL)
    *n_colors = self->have_classes ? self->classification.n_classes : 0;
  return self->colors;
}

const gint8 *
lm_map_figure_get_area_classes (LmMapFigure *self,
                                guint       *n_areas)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  if (n_areas != NULL)
    *n_areas = self->level != NULL ? self->level->n_areas : 0;
  return self->level != NULL ? self->classes : NULL;
}

LmLevel *
lm_map_figure_get_left_behind (LmMapFigure   *self,
                               guint         *n_marked,
                               const guint8 **mask)
{
  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  if (n_marked != NULL)
    *n_marked = self->marked_level != NULL ? self->n_marked : 0;
  if (mask != NULL)
    *mask = self->marked_mask;
  return self->marked_level;
}

gboolean
lm_map_figure_ensure_shapes (LmMapFigure  *self,
                             GError      **error)
{
  LmDataset *dataset;

  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), FALSE);
  g_return_val_if_fail (self->model != NULL && self->level != NULL, FALSE);

  dataset = lm_model_get_dataset (self->model);
  if (!lm_dataset_ensure_shapes (dataset, self->level, error))
    return FALSE;
  if (self->level->shapes == NULL || self->level->feature == NULL)
    {
      g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_NO_BOUNDARIES,
                   _("The level “%s” has no boundaries in %s, so it cannot be mapped."),
                   self->level->title, lm_dataset_get_title (dataset));
      return FALSE;
    }
  /* The outlines (the scale picks which coarser level) and the marks
   * need their layers. A level with no boundaries simply has none to
   * draw; a broken layer is an error naming it, never a figure silently
   * without its outlines or marks. */
  for (LmLevel *up = self->level->parent_level; up != NULL; up = up->parent_level)
    if (lm_dataset_has_shapes (dataset, up) && !lm_dataset_ensure_shapes (dataset, up, error))
      return FALSE;
  if (self->marked_level != NULL && self->show_left_behind &&
      lm_dataset_has_shapes (dataset, self->marked_level) &&
      !lm_dataset_ensure_shapes (dataset, self->marked_level, error))
    return FALSE;
  return TRUE;
}

/* Whether the mapped variable is the chance of the rule's flag: its own
 * classes say who is left behind how often, and today's marks would
 * only hide them. */
static gboolean
maps_left_behind_chance (LmMapFigure *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));

  return rule != NULL && self->variable != NULL && self->variable->unit == LM_UNIT_PROBABILITY &&
         self->variable->level == rule->level && g_str_has_prefix (self->variable->id, rule->flag->id);
}

/* Whether the marks are drawn: shown, and their polygons loaded; not on
 * a bivariate map, whose corner cell is already the areas worse on both. */
gboolean
_lm_map_figure_marks_drawn (LmMapFigure *self)
{
  return self->show_left_behind && self->marked_level != NULL &&
         self->marked_level->shapes != NULL && !maps_left_behind_chance (self) &&
         !lm_bivariate_map_is_set (self->bivariate);
}

void
lm_map_figure_apply (LmMapFigure *self,
                     LmMapStyle  *style)
{
  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (style != NULL);

  if (self->have_classes)
    {
      style->classes = self->classes;
      style->class_colors = self->colors;
      style->n_classes = self->classification.n_classes;
    }
  if (_lm_map_figure_marks_drawn (self))
    {
      style->marked_level = self->marked_level;
      style->marked_mask = self->marked_mask;
    }
  if (self->show_selection && self->level != NULL)
    {
      LmSelection *selection = lm_model_get_selection (self->model);

      if (selection != NULL && !lm_selection_is_empty (selection))
        style->selection_mask = lm_selection_get_mask (selection, self->level);
    }
}

/* ------------------------------------------------------------------ */
/* Describing an area                                                 */
/* ------------------------------------------------------------------ */

/* "Rank 123 of 32,844 · decile 1" for the index the variable belongs
 * to ("imd.income" -> imd.rank and imd.decile), or NULL. */
static char *
describe_rank (LmMapFigure *self,
               guint        area)
{
  g_autofree char *prefix = NULL;
  g_autofree char *rank_id = NULL;
  g_autofree char *decile_id = NULL;
  const char *dot;
  LmVariable *rank, *decile;
  guint n_ranked;

  if (self->variable == NULL || (dot = strchr (self->variable->id, '.')) == NULL)
    return NULL;
  prefix = g_strndup (self->variable->id, dot - self->variable->id);
  if (lm_dataset_find_index (lm_model_get_dataset (self->model), prefix) == NULL)
    return NULL;
  rank_id = g_strconcat (prefix, ".rank", NULL);
  decile_id = g_strconcat (prefix, ".decile", NULL);
  rank = lm_level_find_variable (self->level, rank_id);
  decile = lm_level_find_variable (self->level, decile_id);
  if (rank == NULL || isnan (rank->values[area]))
    return NULL;
  n_ranked = lm_variable_count_values (rank);
  if (decile != NULL && !isnan (decile->values[area]))
    /* Translators: "Rank 123 of 32844, decile 1" (1 = most deprived) */
    return g_strdup_printf (_("Rank %.0f of %u, decile %.0f"), rank->values[area], n_ranked,
                            decile->values[area]);
  return g_strdup_printf (_("Rank %.0f of %u"), rank->values[area], n_ranked);
}

static char *
describe_left_behind (LmMapFigure *self,
                      guint        area)
{
  const guint8 *mask = self->marked_mask;
  LmLevel *rule_level = self->marked_level;
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  g_autofree char *flagged = NULL;

  if (rule_level == NULL || mask == NULL || rule == NULL)
    return NULL;
  /* The rule's flag as an adjective: "left behind", "stranded". */
  flagged = g_utf8_strdown (rule->flag->title, -1);
  if (rule_level == self->level)
    /* Translators: "Not left behind" */
    return mask[area] ? g_strdup (rule->flag->title) : g_strdup_printf (_("Not %s"), flagged);
  if (self->level->depth < rule_level->depth)
    {
      int up = lm_level_get_ancestor (self->level, area, rule_level);

      if (up < 0)
        return NULL;
      if (mask[up])
        /* Translators: "In a left behind ward (Middleton North)" */
        return g_markup_printf_escaped (_("In a %s %s (%s)"), flagged,
                                        lm_level_get_singular (rule_level), rule_level->names[up]);
      /* Translators: "Not in a left behind ward" */
      return g_strdup_printf (_("Not in a %s %s"), flagged, lm_level_get_singular (rule_level));
    }
  else
    {
      guint n = 0;

      for (guint a = 0; a < rule_level->n_areas; a++)
        if (mask[a] && lm_level_get_ancestor (rule_level, a, self->level) == (int) area)
          n++;
      /* Translators: "3 left behind wards within" */
      return g_strdup_printf (_("%u %s %s within"), n, flagged,
                              n == 1 ? lm_level_get_singular (rule_level)
                                     : lm_level_get_plural (rule_level));
    }
}

/**
 * lm_map_figure_describe_area:
 * @self: an updated figure
 * @area: an area of the figure's level
 *
 * What a tooltip says about @area: its name and code, the variable's
 * value, its rank and decile when the variable belongs to an index, its
 * local authority and whether it is (or lies in, or holds) a
 * left-behind area.
 *
 * Returns: (transfer full): Pango markup
 */
char *
lm_map_figure_describe_area (LmMapFigure *self,
                             guint        area)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *left_behind = NULL;
  LmLevel *level, *lad;

  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  g_return_val_if_fail (self->level != NULL && area < self->level->n_areas, NULL);

  level = self->level;
  text = g_string_new (NULL);
  {
    /* Names are text, not markup: "Kidmore End & Whitchurch". */
    g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>  <small>%s</small>",
                                                      level->names[area] ? level->names[area] : "",
                                                      level->codes[area] ? level->codes[area] : "");

    g_string_append (text, title);
  }
  if (lm_map_figure_get_bivariate (self) != NULL)
    {
      g_autofree char *values = lm_bivariate_map_describe_area (self->bivariate, area);

      g_string_append (text, values);
    }
  else if (self->variable != NULL)
    {
      g_autofree char *value = lm_variable_format_value (self->variable, self->variable->values[area]);
      g_autofree char *line = g_markup_printf_escaped ("\n%s: <b>%s</b>", self->variable->title, value);

      g_string_append (text, line);
    }
  rank = describe_rank (self, area);
  if (rank != NULL)
    append_text_line (text, rank);
  lad = lm_dataset_get_context_for (lm_model_get_dataset (self->model), level);
  if (lad != NULL && lad != level && lad->depth > level->depth)
    {
      int up = lm_level_get_ancestor (level, area, lad);

      if (up >= 0)
        {
          /* Translators: the area an area lies in, "Local authority: Leeds" */
          g_autofree char *line = g_markup_printf_escaped (_("%s: %s"), lm_level_get_heading (lad),
                                                           lad->names[up]);
          g_string_append_printf (text, "\n%s", line);
        }
    }
  left_behind = describe_left_behind (self, area);
  if (left_behind != NULL)
    append_text_line (text, left_behind);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
