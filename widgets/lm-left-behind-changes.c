/* lm-left-behind-changes.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-area-row.h"
#include "lm-left-behind-changes.h"

struct _LmLeftBehindChanges
{
  GtkWidget   parent_instance;

  /* Owned references */
  LmModel    *model;
  GListStore *changes;        /* LmAreaRow of areas entering or leaving the list */
  GHashTable *bound_changes;  /* GtkListItem* of the list's bound rows (set) */

  /* Children */
  GtkWidget  *summary;
  GtkWidget  *changes_frame;
  GtkWidget  *changes_scrolled;

  /* Borrowed: the scrolled window the list may be scrolled out of, while
   * mapped */
  GtkWidget  *viewport;

  /* The rows of the change list show old rank changes: they were off
   * screen when the weights last moved (see refill_change_rows). */
  gboolean    changes_stale;
  guint       refill_idle_id;
  /* g_utf8_collate_key() of the names of the change list's areas, made
   * as they first appear (index: area of name_keys_level) */
  char      **name_keys;
  LmLevel    *name_keys_level;
};

G_DEFINE_FINAL_TYPE (LmLeftBehindChanges, lm_left_behind_changes, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static char *
index_label (LmIndex *index)
{
  return g_ascii_strup (index->id, -1);
}

typedef struct
{
  LmVariable  *flag;
  char       **name_keys;   /* see LmLeftBehindChanges */
} ChangeOrder;

static int
compare_changes (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ChangeOrder *order = user_data;
  guint area_a = lm_area_row_get_area (*(LmAreaRow **) a);
  guint area_b = lm_area_row_get_area (*(LmAreaRow **) b);
  gboolean in_a = order->flag->values[area_a] == 1;
  gboolean in_b = order->flag->values[area_b] == 1;

  /* Entered first, then by name: strcmp() of collation keys orders as
   * g_utf8_collate() does, without normalising both names again at
   * every comparison (hundreds of rows, every slider step). */
  if (in_a != in_b)
    return in_a ? -1 : 1;
  return strcmp (order->name_keys[area_a], order->name_keys[area_b]);
}

static void
free_name_keys (LmLeftBehindChanges *self)
{
  if (self->name_keys != NULL && self->name_keys_level != NULL)
    for (guint a = 0; a < self->name_keys_level->n_areas; a++)
      g_free (self->name_keys[a]);
  g_clear_pointer (&self->name_keys, g_free);
  self->name_keys_level = NULL;
}

static char *
describe_rank_changes (LmLeftBehindChanges *self,
                       LmLevel        *level,
                       guint           area)
{
  g_autoptr(GString) text = g_string_new (NULL);
  LmDataset *dataset = lm_model_get_dataset (self->model);

  for (guint i = 0; i < lm_dataset_get_n_indices (dataset); i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      LmVariable *change = lm_index_find_variable (index, level, "rank_change");
      g_autofree char *label = NULL;
      double value;

      if (change == NULL || isnan (value = change->values[area]))
        continue;
      label = index_label (index);
      if (text->len > 0)
        g_string_append (text, "   ");
      if (value == 0)
        /* Translators: a rank change of zero, e.g. "CNI rank ±0" */
        g_string_append_printf (text, _("%s rank ±0"), label);
      else
        /* Translators: a rank change, e.g. "IMD rank +120" */
        g_string_append_printf (text, _("%s rank %+'.0f"), label, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_change_row (LmLeftBehindChanges *self,
                 GtkListItem    *item)
{
  LmAreaRow *row = gtk_list_item_get_item (item);
  LmLevel *level = lm_area_row_get_level (row);
  guint area = lm_area_row_get_area (row);
  GtkWidget *grid = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  GtkWidget *status = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
  GtkWidget *parent = gtk_grid_get_child_at (GTK_GRID (grid), 0, 1);
  GtkWidget *change = gtk_grid_get_child_at (GTK_GRID (grid), 1, 1);
  LmDataset *dataset = lm_model_get_dataset (self->model);
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);
  LmVariable *flag = rule != NULL && rule->level == level ? rule->flag : NULL;
  LmLevel *context = lm_dataset_get_context_for (dataset, level);
  gboolean entered = flag != NULL && flag->values[area] == 1;
  g_autofree char *changes = describe_rank_changes (self, level, area);
  int up = context != NULL ? lm_level_get_ancestor (level, area, context) : -1;

  gtk_label_set_text (GTK_LABEL (name), level->names[area]);
  gtk_label_set_text (GTK_LABEL (parent), up >= 0 ? context->names[up] : level->codes[area]);
  gtk_label_set_text (GTK_LABEL (change), changes);
  /* Words, not only colour, say which way the area went. */
  gtk_label_set_text (GTK_LABEL (status), entered ? _("Entered") : _("Left"));
  gtk_widget_remove_css_class (status, entered ? "success" : "warning");
  gtk_widget_add_css_class (status, entered ? "warning" : "success");
}

/* Rewrites the rank changes of the list's rows, unless the list is off
 * screen (below the thresholds in a short window, as on first launch):
 * then every recompute of a drag would re-measure rows nobody sees.
 * Stale rows are caught up when the panel scrolls, resizes or shows. */
static void
refill_change_rows (LmLeftBehindChanges *self)
{
  GHashTableIter iter;
  gpointer item;
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (self->changes_frame) ||
      (self->viewport != NULL &&
       (!gtk_widget_compute_bounds (self->changes_frame, self->viewport, &bounds) ||
        bounds.origin.y >= gtk_widget_get_height (self->viewport) ||
        bounds.origin.y + bounds.size.height <= 0)))
    {
      self->changes_stale = g_hash_table_size (self->bound_changes) > 0;
      return;
    }
  self->changes_stale = FALSE;
  g_hash_table_iter_init (&iter, self->bound_changes);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_change_row (self, item);
}

static void
refill_idle_cb (gpointer data)
{
  LmLeftBehindChanges *self = data;

  self->refill_idle_id = 0;
  if (self->changes_stale)
    refill_change_rows (self);
}

/* After a scroll, a resize or being shown, once the new layout is done:
 * stale rows may have come into view. */
static void
queue_refill_check (LmLeftBehindChanges *self)
{
  if (self->changes_stale && self->refill_idle_id == 0)
    self->refill_idle_id = g_idle_add_once (refill_idle_cb, self);
}

static void
on_viewport_changed_cb (LmLeftBehindChanges *self)
{
  queue_refill_check (self);
}

static gboolean
same_areas (GListModel *model,
            GPtrArray  *rows)
{
  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (model, i);
      if (lm_area_row_get_area (row) != lm_area_row_get_area (g_ptr_array_index (rows, i)))
        return FALSE;
    }
  return TRUE;
}

/* Whether item @position of @model is @row itself. */
static gboolean
same_row (GListModel *model,
          guint       position,
          LmAreaRow  *row)
{
  g_autoptr(LmAreaRow) item = g_list_model_get_item (model, position);

  return item == row;
}

/* "3 wards entered and 2 left the left-behind list against official
 * weights", or that the list is as with them; the level's own noun
 * says what is counted (wards in 2019, LSOAs in 2023). */
static char *
describe_changes (LmLeftBehindRule *rule,
                  LmVariable       *flag,
                  guint             n_entered,
                  guint             n_left)
{
  LmLevel *level = rule->level;
  g_autofree char *in_part = NULL;
  g_autofree char *out_part = NULL;

  if (n_entered == 0 && n_left == 0)
    {
      guint n = 0;

      for (guint a = 0; a < level->n_areas; a++)
        n += flag->values[a] == 1;
      /* Translators: "The left-behind list is the same as with official
       * weights (226 wards)" */
      return g_strdup_printf (_("The left-behind list is the same as with official weights (%u %s)"),
                              n, n == 1 ? lm_level_get_singular (level) : lm_level_get_plural (level));
    }
  /* Translators: "3 wards entered", the first half of the sentence below */
  in_part = g_strdup_printf (_("%u %s entered"), n_entered,
                             n_entered == 1 ? lm_level_get_singular (level)
                                            : lm_level_get_plural (level));
  out_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left", "%u left", n_left), n_left);
  /* Translators: "3 wards entered and 2 left the left-behind list
   * against official weights" */
  return g_strdup_printf (_("%s and %s the left-behind list against official weights"),
                          in_part, out_part);
}

static GtkWidget *create_change_row (void);

/* A list view asks only for the height of the rows it has made, about
 * one: the frame is given room for up to this many rows, and scrolls
 * beyond. */
#define VISIBLE_ROWS 8

static void
fit_changes_height (LmLeftBehindChanges *self,
                    guint                n_rows)
{
  GtkWidget *sample = g_object_ref_sink (create_change_row ());
  int row_height = 0;

  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (sample), 0, 0)), "Xg");
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (sample), 0, 1)), "Xg");
  gtk_widget_measure (sample, GTK_ORIENTATION_VERTICAL, -1, NULL, &row_height, NULL, NULL);
  g_object_unref (sample);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->changes_scrolled),
                                              (int) MIN (n_rows, VISIBLE_ROWS) * row_height);
}

static void
sync_changes (LmLeftBehindChanges *self)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (self->model));
  g_autoptr(GArray) entered = NULL;
  g_autoptr(GArray) left = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *summary = NULL;
  GHashTable *old_rows;
  LmVariable *flag;
  ChangeOrder order;
  guint n_old, prefix, suffix;
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->changes_scrolled));
  gboolean at_top;

  if (rule == NULL)
    return;
  entered = lm_model_get_left_behind_changes (self->model, TRUE);
  left = lm_model_get_left_behind_changes (self->model, FALSE);
  flag = rule->flag;

  summary = describe_changes (rule, flag, entered->len, left->len);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);

  /* Areas already listed keep their row object: the list view then
   * keeps their row widgets too, instead of making new ones for the
   * whole list each time one area enters or leaves it. */
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->changes));
  old_rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  for (guint i = 0; i < n_old; i++)
    {
      LmAreaRow *row = g_list_model_get_item (G_LIST_MODEL (self->changes), i);

      if (lm_area_row_get_level (row) == rule->level)
        g_hash_table_replace (old_rows, GUINT_TO_POINTER (lm_area_row_get_area (row)), row);
      else
        g_object_unref (row);
    }
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < 2; k++)
    {
      GArray *areas = k == 0 ? entered : left;

      for (guint i = 0; i < areas->len; i++)
        {
          guint area = g_array_index (areas, guint, i);
          LmAreaRow *row = NULL;

          if (g_hash_table_steal_extended (old_rows, GUINT_TO_POINTER (area), NULL, (gpointer *) &row))
            g_ptr_array_add (rows, row);
          else
            g_ptr_array_add (rows, lm_area_row_new (rule->level, area));
        }
    }
  g_hash_table_unref (old_rows);
  if (self->name_keys_level != rule->level)
    {
      free_name_keys (self);
      self->name_keys = g_new0 (char *, MAX (rule->level->n_areas, 1));
      self->name_keys_level = rule->level;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LmAreaRow *row = g_ptr_array_index (rows, i);
      guint area = lm_area_row_get_area (row);

      if (self->name_keys[area] == NULL)
        self->name_keys[area] = g_utf8_collate_key (lm_area_row_get_name (row), -1);
    }
  order.flag = flag;
  order.name_keys = self->name_keys;
  g_ptr_array_sort_with_data (rows, compare_changes, &order);
  gtk_widget_set_visible (self->changes_frame, rows->len > 0);
  if (MIN (rows->len, VISIBLE_ROWS) != MIN (n_old, VISIBLE_ROWS))
    fit_changes_height (self, rows->len);

  /* Most slider events leave the list as it is and only move ranks:
   * rewrite the rows on screen rather than rebuilding the list. */
  if (same_areas (G_LIST_MODEL (self->changes), rows))
    {
      refill_change_rows (self);
      return;
    }

  /* Replace only the stretch between the rows that stay at the start
   * and those that stay at the end, with one splice, so the list view
   * sees one change per recompute. */
  prefix = 0;
  while (prefix < n_old && prefix < rows->len &&
         same_row (G_LIST_MODEL (self->changes), prefix, g_ptr_array_index (rows, prefix)))
    prefix++;
  suffix = 0;
  while (suffix < n_old - prefix && suffix < rows->len - prefix &&
         same_row (G_LIST_MODEL (self->changes), n_old - 1 - suffix,
                   g_ptr_array_index (rows, rows->len - 1 - suffix)))
    suffix++;
  at_top = gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment);
  g_list_store_splice (self->changes, prefix, n_old - prefix - suffix,
                       rows->len > prefix + suffix ? rows->pdata + prefix : NULL,
                       rows->len - prefix - suffix);
  /* The list view keeps the row that was at its top in view, so rows
   * entering above it would scroll the list down a little at each
   * step of a drag, until it showed only its end (and the moving view
   * showed its scroll bar, which then faded out for a second, a frame
   * every 16 ms). A list left at its top stays there. */
  if (at_top && rows->len > 0)
    gtk_widget_activate_action (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->changes_scrolled)),
                                "list.scroll-to-item", "u", 0);

  /* Rows kept around the splice still show old rank changes. */
  refill_change_rows (self);
}

/* Callbacks */

static GtkWidget *
create_change_row (void)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *parent = gtk_label_new (NULL);
  GtkWidget *change = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (parent), 0);
  gtk_label_set_ellipsize (GTK_LABEL (parent), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parent, "dim-label");
  gtk_widget_add_css_class (parent, "caption");
  gtk_label_set_xalign (GTK_LABEL (change), 1);
  gtk_widget_add_css_class (change, "caption");
  gtk_widget_add_css_class (change, "numeric");
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (status), 1);

  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), status, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), parent, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), change, 1, 1, 1, 1);
  return grid;
}

static void
on_change_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (item, create_change_row ());
}

static void
on_change_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (user_data);

  g_hash_table_add (self->bound_changes, item);
  fill_change_row (self, item);
}

static void
on_change_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (user_data);

  if (self->bound_changes != NULL)
    g_hash_table_remove (self->bound_changes, item);
}

static void
on_change_activate_cb (GtkListView *list,
                       guint        position,
                       gpointer     user_data)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (user_data);
  g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (self->changes), position);
  guint area;

  if (row == NULL)
    return;
  area = lm_area_row_get_area (row);
  lm_selection_select (lm_model_get_selection (self->model), lm_area_row_get_level (row),
                       &area, 1, LM_SELECTION_REPLACE);
}

static void
on_model_recomputed_cb (LmLeftBehindChanges *self,
                        LmModel             *model)
{
  sync_changes (self);
}

static void
build (LmLeftBehindChanges *self)
{
  GtkWidget *view;
  GtkWidget *scrolled;
  GtkListItemFactory *factory;
  GListModel *rows;

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_set_margin_top (self->summary, 12);
  gtk_widget_set_name (self->summary, "left-behind-summary");
  gtk_widget_set_parent (self->summary, GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_change_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_change_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_change_unbind_cb), self);
  rows = G_LIST_MODEL (g_object_ref (self->changes));
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (rows)), factory);
  /* One click (or Enter) selects the area everywhere. */
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), TRUE);
  gtk_widget_set_name (view, "left-behind-changes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Areas that entered or left the left-behind list"), -1);
  g_signal_connect (view, "activate", G_CALLBACK (on_change_activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (scrolled), _("the areas that entered or left"));
  self->changes_scrolled = scrolled;

  self->changes_frame = gtk_frame_new (NULL);
  gtk_widget_set_margin_top (self->changes_frame, 6);
  gtk_frame_set_child (GTK_FRAME (self->changes_frame), scrolled);
  gtk_widget_set_parent (self->changes_frame, GTK_WIDGET (self));
}

/* GtkWidget overrides */

/* The list may sit below the fold of a scrolled panel: rows scrolled
 * into view are caught up then. */
static void
lm_left_behind_changes_map (GtkWidget *widget)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (widget);

  GTK_WIDGET_CLASS (lm_left_behind_changes_parent_class)->map (widget);
  self->viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (self->viewport != NULL)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->viewport));

      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_viewport_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_viewport_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  queue_refill_check (self);
}

static void
lm_left_behind_changes_unmap (GtkWidget *widget)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (widget);

  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->viewport)), self);
  self->viewport = NULL;
  GTK_WIDGET_CLASS (lm_left_behind_changes_parent_class)->unmap (widget);
}

/* GObject overrides */

static void
lm_left_behind_changes_dispose (GObject *object)
{
  LmLeftBehindChanges *self = LM_LEFT_BEHIND_CHANGES (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_handle_id (&self->refill_idle_id, g_source_remove);
  g_clear_pointer (&self->summary, gtk_widget_unparent);
  g_clear_pointer (&self->changes_frame, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->changes);
  g_clear_pointer (&self->bound_changes, g_hash_table_unref);

  G_OBJECT_CLASS (lm_left_behind_changes_parent_class)->dispose (object);
}

static void
lm_left_behind_changes_finalize (GObject *object)
{
  free_name_keys (LM_LEFT_BEHIND_CHANGES (object));

  G_OBJECT_CLASS (lm_left_behind_changes_parent_class)->finalize (object);
}

static void
lm_left_behind_changes_class_init (LmLeftBehindChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_left_behind_changes_dispose;
  object_class->finalize = lm_left_behind_changes_finalize;
  widget_class->map = lm_left_behind_changes_map;
  widget_class->unmap = lm_left_behind_changes_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "leftbehindchanges");
}

static void
lm_left_behind_changes_init (LmLeftBehindChanges *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->changes = g_list_store_new (LM_TYPE_AREA_ROW);
  self->bound_changes = g_hash_table_new (NULL, NULL);
}

/* Public API */

/**
 * lm_left_behind_changes_new:
 * @model: a model whose dataset has a left-behind rule
 *
 * Returns: (transfer floating): a new #LmLeftBehindChanges
 */
GtkWidget *
lm_left_behind_changes_new (LmModel *model)
{
  LmLeftBehindChanges *self;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_LEFT_BEHIND_CHANGES, NULL);
  self->model = g_object_ref (model);
  build (self);
  g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                           G_CONNECT_SWAPPED);
  sync_changes (self);
  return GTK_WIDGET (self);
}
