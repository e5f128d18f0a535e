/* lm-area-table.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-area-table-private.h"

G_DEFINE_FINAL_TYPE (LmAreaTable, lm_area_table, GTK_TYPE_WIDGET)

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Tables up to this many rows re-sort on every recompute. */
#define SMALL_TABLE 2000
#define RESORT_DELAY_MS 200


/* Auxiliary methods */


static void
level_rows_free (gpointer data)
{
  LevelRows *rows = data;

  g_strfreev (rows->haystacks);
  g_free (rows->name_order);
  g_free (rows);
}

LevelRows *
_lm_area_table_ensure_level_rows (LmAreaTable *self,
                                  LmLevel     *level)
{
  LevelRows *rows = g_hash_table_lookup (self->level_rows, level);

  if (rows != NULL)
    return rows;

  rows = g_new0 (LevelRows, 1);
  rows->level = level;
  rows->haystacks = g_new0 (char *, level->n_areas + 1);
  for (guint a = 0; a < level->n_areas; a++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", level->names[a] ? level->names[a] : "",
                                               level->codes[a] ? level->codes[a] : "");
      rows->haystacks[a] = g_utf8_casefold (text, -1);
    }
  g_hash_table_insert (self->level_rows, level, rows);
  return rows;
}










static void
update_count (LmAreaTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint total = self->level != NULL ? self->level->n_areas : 0;
  g_autofree char *text = NULL;
  g_autofree char *shown_text = g_strdup_printf ("%'u", shown);
  g_autofree char *total_text = g_strdup_printf ("%'u", total);

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s area", "%s areas", total), total_text);
  else
    /* Translators: "3 of 317 areas" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s area", "%s of %s areas", total),
                            shown_text, total_text);
  gtk_label_set_text (GTK_LABEL (self->count), text);
}

static gboolean
scroll_when_allocated_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);
  GtkWidget *list = self->view;

  /* Scrolling a list that has never been allocated leaves GTK 4.8's
   * list view showing a single row, so wait for the first layout. */
  if (gtk_widget_get_height (list) <= 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  if (self->pending_scroll < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", self->pending_scroll);
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_position (LmAreaTable *self,
                    guint        position)
{
  GtkWidget *list = self->view;

  if (gtk_widget_get_mapped (list) && gtk_widget_get_height (list) > 0)
    {
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
      return;
    }
  self->pending_scroll = position;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_when_allocated_cb,
                                                      NULL, NULL);
}

/* Makes the table's selection that of the model (projected onto the
 * table's level) and scrolls to the first selected row. */
static void
sync_from_selection (LmAreaTable *self,
                     gboolean     scroll)
{
  LmSelection *selection = lm_model_get_selection (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n);
  guint first = GTK_INVALID_LIST_POSITION;

  if (self->level == NULL)
    return;
  if (!lm_selection_is_empty (selection))
    {
      const guint8 *wanted = lm_selection_get_mask (selection, self->level);

      for (guint i = 0; i < n; i++)
        {
          if (wanted[lm_area_list_get_area (self->list, i)])
            {
              gtk_bitset_add (selected, i);
              if (first == GTK_INVALID_LIST_POSITION)
                first = i;
            }
        }
    }

  /* Setting a selection restyles every row on screen: skip it when the
   * rows already show the right one. */
  {
    g_autoptr(GtkBitset) current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

    if (!gtk_bitset_equals (current, selected))
      {
        self->syncing = TRUE;
        gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
        self->syncing = FALSE;
      }
  }

  if (scroll && first != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, first);
}

/* Finds the column the table is sorted by, and which way. */
static void
probe_sort_column (LmAreaTable *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->columns_view));
  g_autoptr(LmAreaRow) a = NULL;
  g_autoptr(LmAreaRow) b = NULL;
  GtkOrdering answer;

  self->sort_column = NULL;
  self->sort_descending = FALSE;
  if (sorter == NULL || self->level == NULL || self->level->n_areas == 0 ||
      gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return;
  /* Two distinct items: gtk_sorter_compare() answers "equal" for an
   * item compared with itself without asking anybody. */
  a = lm_area_row_new (self->level, 0);
  b = lm_area_row_new (self->level, 0);
  self->probing = TRUE;
  answer = gtk_sorter_compare (sorter, a, b);
  self->probing = FALSE;
  self->sort_descending = answer == GTK_ORDERING_LARGER;
}

/* Puts the rows in the order of the sort column. */
static void
apply_order (LmAreaTable *self)
{
  g_autofree guint *order = NULL;
  guint n;

  if (self->level == NULL)
    return;
  if (self->sort_column == NULL)
    {
      lm_area_list_set_order (self->list, NULL);
      return;
    }
  n = self->level->n_areas;
  order = g_new (guint, MAX (n, 1));
  _lm_area_table_column_order (self->sort_column, self->level, order);
  if (self->sort_descending)
    for (guint i = 0; i < n / 2; i++)
      {
        guint t = order[i];

        order[i] = order[n - 1 - i];
        order[n - 1 - i] = t;
      }
  lm_area_list_set_order (self->list, order);
}

static void
resort (LmAreaTable *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  gboolean at_top = gtk_adjustment_get_value (vadjustment) < 1;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  self->resort_pending = FALSE;
  /* The multi selection follows its rows by position: write the model's
   * selection back after they moved. */
  self->syncing = TRUE;
  apply_order (self);
  self->syncing = FALSE;
  sync_from_selection (self, FALSE);
  /* GTK 4.8's list view follows the row it had at the top to wherever
   * that row moved. Elsewhere in the table that keeps the reader's place;
   * at the top, a table sorted by rank should keep showing rank 1. */
  if (at_top)
    scroll_to_position (self, 0);
}

static void
resort_timeout_cb (gpointer user_data)
{
  LmAreaTable *self = LM_AREA_TABLE (user_data);

  self->resort_id = 0;
  resort (self);
}

/* After a recompute the order changes only if the table is sorted by a
 * value that depends on the weights. Large tables re-sort once the
 * slider rests (and only when shown), so that rows do not jump under
 * the reader during a drag; small ones at once. The values on screen
 * follow every recompute regardless. */
static void
queue_resort (LmAreaTable *self)
{
  if (self->sort_column == NULL || self->sort_column->kind != COLUMN_VARIABLE ||
      self->sort_column->variable == NULL || !self->sort_column->variable->depends_on_weights)
    return;
  if (self->level->n_areas <= SMALL_TABLE)
    {
      resort (self);
      return;
    }
  self->resort_pending = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->resort_id, g_source_remove);
  self->resort_id = g_timeout_add_once (RESORT_DELAY_MS, resort_timeout_cb, self);
}

/* The rows bound, on screen or not, are drawn again (scrolled, or
 * under new column headers: @resize, as wide as those), with @texts
 * all their texts written again. */
static void
redraw_rows (LmAreaTable *self,
             gboolean     resize,
             gboolean     texts)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (texts)
        _lm_area_table_row_refresh (key, TRUE);
      if (resize)
        gtk_widget_queue_resize (key);
      gtk_widget_queue_draw (key);
    }
}

void
_lm_area_table_column_layout_changed (LmAreaTable *self)
{
  redraw_rows (self, TRUE, FALSE);
}

static void
update_columns (LmAreaTable *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      gboolean visible;

      switch (column->kind)
        {
        case COLUMN_LOCAL_AUTHORITY:
          visible = self->lad != NULL && self->level->depth < self->lad->depth;
          break;
        case COLUMN_VARIABLE:
          column->variable = _lm_area_table_column_variable (column, self->level);
          visible = column->variable != NULL;
          break;
        case COLUMN_CODE:
        case COLUMN_NAME:
        default:
          visible = TRUE;
          break;
        }
      changed |= gtk_column_view_column_get_visible (column->column) != visible;
      gtk_column_view_column_set_visible (column->column, visible);
    }
  if (changed)
    _lm_area_table_columns_changed (self);
  _lm_area_table_sort_update_menu (self);
}

void
_lm_area_table_columns_changed (LmAreaTable *self)
{
  redraw_rows (self, TRUE, TRUE);
}


/* Rewrites the weight-dependent cells (every cell with @contents, for
 * rows that now show other areas): with @all, of every bound row;
 * otherwise only of rows on screen. GTK 4.8's list view keeps some 200
 * rows bound (thousands of cells), of which a dozen show, so only those
 * follow every change at once; the rest are marked stale and caught up
 * at once when the view scrolls or changes size. */
static void
refresh_bound_cells (LmAreaTable *self,
                     gboolean     all,
                     gboolean     contents)
{
  GtkWidget *list = all || g_hash_table_size (self->bound) == 0 ? NULL : self->view;
  graphene_rect_t bounds;
  double y0, y1;

  if (list == NULL || !gtk_widget_compute_bounds (self->scrolled, list, &bounds))
    {
      GHashTableIter iter;
      gpointer key;
      gboolean any_column = contents || self->rows_stale;

      self->cells_stale = FALSE;
      self->rows_stale = FALSE;
      g_hash_table_iter_init (&iter, self->bound);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        _lm_area_table_row_refresh (key, any_column);
      return;
    }

  y0 = bounds.origin.y;
  y1 = bounds.origin.y + bounds.size.height;
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkAllocation allocation;

      gtk_widget_get_allocation (row, &allocation);
      if (!gtk_widget_get_child_visible (row) ||
          allocation.y >= y1 || allocation.y + allocation.height <= y0)
        continue;
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (child != NULL && g_hash_table_contains (self->bound, child))
        _lm_area_table_row_refresh (LM_AREA_TABLE_ROW (child), contents || self->rows_stale);
    }
  self->cells_stale = TRUE;
  self->rows_stale |= contents;
}

static void
on_frame_layout_cb (LmAreaTable   *self,
                    GdkFrameClock *clock)
{
  if (!self->refresh_pending || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->refresh_pending = FALSE;
  refresh_bound_cells (self, FALSE, FALSE);
}

static void
queue_refresh (LmAreaTable *self)
{
  self->refresh_pending = TRUE;
  if (self->layout_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gdk_frame_clock_request_phase (self->layout_clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

/* Rows scrolled (or grown) into view show their current values. */
static void
on_vadjustment_changed_cb (LmAreaTable   *self,
                           GtkAdjustment *adjustment)
{
  if (self->cells_stale || self->rows_stale)
    refresh_bound_cells (self, TRUE, FALSE);
}


/* Callbacks */

static void
on_hadjustment_changed_cb (LmAreaTable   *self,
                           GtkAdjustment *adjustment)
{
  redraw_rows (self, FALSE, FALSE);
}

/* The headers and the rows scroll sideways together. Each keeps its own
 * adjustment: in right-to-left text GTK 4.8's list view counts its
 * offset from the right, its column view from the left. */
static void
on_hadjustment_value_changed_cb (LmAreaTable   *self,
                                 GtkAdjustment *adjustment)
{
  GtkAdjustment *rows = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  GtkAdjustment *headers = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->columns_scrolled));
  double value = gtk_adjustment_get_value (adjustment);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - value;
  gtk_adjustment_set_value (adjustment == rows ? headers : rows, value);
}





static void
on_selection_changed_cb (LmAreaTable       *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) areas = NULL;
  GtkBitsetIter iter;
  guint i;

  if (self->syncing || self->level == NULL)
    return;

  selected = gtk_selection_model_get_selection (model);
  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &i); ok;
       ok = gtk_bitset_iter_next (&iter, &i))
    {
      g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      guint area = lm_area_row_get_area (row);

      g_array_append_val (areas, area);
    }

  self->syncing = TRUE;
  if (areas->len == 0)
    lm_selection_clear (lm_model_get_selection (self->model));
  else
    lm_selection_select (lm_model_get_selection (self->model), self->level,
                         (const guint *) areas->data, areas->len, LM_SELECTION_REPLACE);
  self->syncing = FALSE;
}

static void
on_lm_selection_changed_cb (LmAreaTable *self,
                            LmSelection *selection)
{
  if (self->syncing)
    return;
  sync_from_selection (self, TRUE);
}

static void
on_model_recomputed_cb (LmAreaTable *self,
                        LmModel     *model)
{
  queue_resort (self);
  queue_refresh (self);
}

static void
on_sorter_changed_cb (LmAreaTable     *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  /* A new sort column (or direction) shows the top of the table. */
  probe_sort_column (self);
  _lm_area_table_sort_sync (self);
  self->syncing = TRUE;
  apply_order (self);
  self->syncing = FALSE;
  sync_from_selection (self, FALSE);
  scroll_to_position (self, 0);
}

static void
on_rows_items_changed_cb (LmAreaTable *self,
                            guint        position,
                            guint        removed,
                            guint        added,
                            GListModel  *model)
{
  update_count (self);
  /* A new filter can bring rows that were off screen, and so left
   * stale, into view without any scrolling. */
  if (self->cells_stale || self->rows_stale)
    refresh_bound_cells (self, TRUE, FALSE);
}

/* The places of the list show other areas: rewrite the rows on screen
 * now, the others when they come into view. */
static void
on_rows_contents_changed_cb (LmAreaTable *self,
                             LmAreaList  *list)
{
  refresh_bound_cells (self, FALSE, TRUE);
}

static void
on_entry_search_changed_cb (LmAreaTable    *self,
                            GtkSearchEntry *entry)
{
  lm_area_table_set_filter_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_entry_stop_search_cb (LmAreaTable    *self,
                         GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_row_setup_cb (LmAreaTable              *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, _lm_area_table_row_new (self));
}

static void
on_row_bind_cb (LmAreaTable              *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_add (self->bound, row);
  _lm_area_table_row_set_item (LM_AREA_TABLE_ROW (row), gtk_list_item_get_item (item));
}

static void
on_row_unbind_cb (LmAreaTable              *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound, row);
  _lm_area_table_row_set_item (LM_AREA_TABLE_ROW (row), NULL);
}

static void
on_row_teardown_cb (LmAreaTable              *self,
                    GtkListItem              *item,
                    GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL && self->bound != NULL)
    g_hash_table_remove (self->bound, row);
}

static void
on_view_activate_cb (LmAreaTable *self,
                     guint        position,
                     GtkListView *view)
{
  g_autoptr(LmAreaRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    g_signal_emit (self, signals[AREA_ACTIVATED], 0, lm_area_row_get_level (row),
                   lm_area_row_get_area (row));
}

/* Building */

/* The areas the left-behind rule judges, else the finest. */
static LmLevel *
default_level (LmDataset *dataset)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);

  return rule != NULL ? rule->level : lm_dataset_get_level (dataset, 0);
}

/* GObject overrides */

static void
lm_area_table_dispose (GObject *object)
{
  LmAreaTable *self = LM_AREA_TABLE (object);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_handle_id (&self->resort_id, g_source_remove);
  if (self->columns_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->columns_view)), self);
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->columns_view)), self);
      for (guint i = 0; i < self->columns->len; i++)
        g_signal_handlers_disconnect_by_data (((Column *) g_ptr_array_index (self->columns, i))->column,
                                              self);
    }
  /* Tearing down the column view removes its columns, which re-sorts:
   * nothing of ours may listen by then. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (lm_model_get_selection (self->model), self);
    }
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->columns_scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "table", NULL);
  _lm_area_table_sort_dispose (self);
  self->view = NULL;
  self->columns_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->level_rows, g_hash_table_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lm_area_table_parent_class)->dispose (object);
}

static void
lm_area_table_finalize (GObject *object)
{
  LmAreaTable *self = LM_AREA_TABLE (object);

  g_ptr_array_unref (self->columns);
  g_free (self->needle);

  G_OBJECT_CLASS (lm_area_table_parent_class)->finalize (object);
}

static void
lm_area_table_map (GtkWidget *widget)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);

  GTK_WIDGET_CLASS (lm_area_table_parent_class)->map (widget);
  /* Catch up with weight changes made while hidden. */
  if (self->resort_pending)
    resort (self);
  if (self->refresh_pending)
    queue_refresh (self);
}

static void
lm_area_table_realize (GtkWidget *widget)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);

  GTK_WIDGET_CLASS (lm_area_table_parent_class)->realize (widget);
  self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_id = g_signal_connect_swapped (self->layout_clock, "layout",
                                              G_CALLBACK (on_frame_layout_cb), self);
}

static void
lm_area_table_unrealize (GtkWidget *widget)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);

  g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_object (&self->layout_clock);
  GTK_WIDGET_CLASS (lm_area_table_parent_class)->unrealize (widget);
}

static gboolean
lm_area_table_grab_focus (GtkWidget *widget)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);

  return gtk_widget_grab_focus (self->view);
}

/* The rows take the focus as one stop: the row that had it last, else
 * the first selected one, else the first. */
static gboolean
focus_rows (LmAreaTable *self)
{
  GtkBitset *selected;
  guint position = 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return gtk_widget_grab_focus (self->view);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (selected))
    position = gtk_bitset_get_minimum (selected);
  gtk_bitset_unref (selected);
  if (gtk_widget_grab_focus (self->view))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      /* A list that never had a focused row focuses itself: go to one. */
      if (focus == self->view)
        gtk_widget_activate_action (focus, "list.scroll-to-item", "u", position);
      return TRUE;
    }
  return FALSE;
}

/* Tab enters the table at the filter, then the sort menu, then the
 * rows, and leaves with the next press: a list view alone would walk its
 * 32,844 rows one by one. The arrows move between rows. */
static gboolean
lm_area_table_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  LmAreaTable *self = LM_AREA_TABLE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_rows = focus != NULL && (focus == self->view || gtk_widget_is_ancestor (focus, self->view));
  gboolean in_header = focus != NULL && gtk_widget_is_ancestor (focus, self->header);

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
      if (in_rows)
        return FALSE;
      if (in_header)
        return gtk_widget_child_focus (self->header, direction) || focus_rows (self);
      return gtk_widget_child_focus (self->header, direction);
    case GTK_DIR_TAB_BACKWARD:
      if (in_rows || in_header)
        return gtk_widget_child_focus (self->header, direction);
      return focus_rows (self);
    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
    default:
      return GTK_WIDGET_CLASS (lm_area_table_parent_class)->focus (widget, direction);
    }
}

static void
lm_area_table_class_init (LmAreaTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_area_table_dispose;
  object_class->finalize = lm_area_table_finalize;
  widget_class->grab_focus = lm_area_table_grab_focus;
  widget_class->focus = lm_area_table_focus;
  widget_class->map = lm_area_table_map;
  widget_class->realize = lm_area_table_realize;
  widget_class->unrealize = lm_area_table_unrealize;

  /**
   * LmAreaTable::area-activated:
   * @self: the table
   * @level: (type gpointer): the LmLevel of the row
   * @area: the area's index in @level
   *
   * A row was activated (double click or Enter), for example to zoom
   * the map to the area.
   */
  signals[AREA_ACTIVATED] = g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "areatable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  _lm_area_table_columns_class_init ();
}

/* The rows' cells are padded as a column view's are (LmAreaTableRow):
 * the list's own padding of its rows would shift them from their
 * headers. */
static void
ensure_style (void)
{
  static GdkDisplay *styled;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled)
    return;
  styled = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, "listview.lm-area-rows > row { padding: 0; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
lm_area_table_init (LmAreaTable *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->columns = g_ptr_array_new_with_free_func (_lm_area_table_column_free);
  self->level_rows = g_hash_table_new_full (NULL, NULL, NULL, level_rows_free);
  self->bound = g_hash_table_new (NULL, NULL);
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  ensure_style ();

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (self->header, 6);
  gtk_widget_set_margin_bottom (self->header, 6);
  gtk_widget_set_margin_start (self->header, 6);
  gtk_widget_set_margin_end (self->header, 6);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->entry = gtk_search_entry_new ();
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->entry), 100);
  g_object_set (self->entry, "placeholder-text", _("Filter by name or code"), NULL);
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter areas by name or code"), -1);
  g_signal_connect_swapped (self->entry, "search-changed",
                            G_CALLBACK (on_entry_search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "stop-search",
                            G_CALLBACK (on_entry_stop_search_cb), self);
  gtk_box_append (GTK_BOX (self->header), self->entry);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_box_append (GTK_BOX (self->header), self->count);
  _lm_area_table_sort_init (self);

  /* The column headers scroll sideways with the rows, and never take
   * the focus: Tab goes from the filter to the rows. */
  self->columns_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->columns_scrolled),
                                  GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_widget_set_can_focus (self->columns_scrolled, FALSE);
  gtk_widget_set_parent (self->columns_scrolled, GTK_WIDGET (self));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* Public API */

/**
 * lm_area_table_new:
 * @model: the model whose areas the table lists
 *
 * Returns: (transfer floating): a new #LmAreaTable
 */
GtkWidget *
lm_area_table_new (LmModel *model)
{
  LmAreaTable *self;
  LmDataset *dataset;
  GtkListItemFactory *factory;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  self = g_object_new (LM_TYPE_AREA_TABLE, NULL);
  self->model = g_object_ref (model);
  dataset = lm_model_get_dataset (model);
  self->lad = lm_dataset_get_context_level (dataset);

  self->columns_view = gtk_column_view_new (NULL);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->columns_view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (self->columns_view), TRUE);
  gtk_widget_add_css_class (self->columns_view, "data-table");
  lm_accessible_set_name (self->columns_view, _("Columns of the areas"));
  /* The column view's own (empty) list of rows is GTK's, named by its
   * class. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->columns_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      lm_accessible_set_name (child, _("Columns of the areas"));
  _lm_area_table_build_columns (self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->columns_scrolled), self->columns_view);
  /* Never shown (the rows' scroll bar moves the headers), but there */
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (self->columns_scrolled), _("the column headers"));

  self->list = lm_area_list_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_row_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_row_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_row_unbind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (on_row_teardown_cb), self, G_CONNECT_SWAPPED);
  self->view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_enable_rubberband (GTK_LIST_VIEW (self->view), TRUE);
  gtk_widget_add_css_class (self->view, "lm-area-rows");
  lm_accessible_set_name (self->view, _("Areas"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->view);
  lm_accessible_name_scrollbars (GTK_SCROLLED_WINDOW (self->scrolled), _("the areas"));
  {
    GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));

    g_signal_connect_object (vadjustment, "value-changed",
                             G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (vadjustment, "changed",
                             G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  }

  /* The rows draw the columns in view only (LmAreaTableRow). */
  {
    GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled));

    g_signal_connect_object (hadjustment, "value-changed",
                             G_CALLBACK (on_hadjustment_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (hadjustment, "changed",
                             G_CALLBACK (on_hadjustment_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (hadjustment, "value-changed",
                             G_CALLBACK (on_hadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->columns_scrolled)),
                             "value-changed", G_CALLBACK (on_hadjustment_value_changed_cb), self,
                             G_CONNECT_SWAPPED);
  }
  /* The rows follow the headers when the user moves a column. */
  g_signal_connect_object (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->columns_view)),
                           "items-changed", G_CALLBACK (_lm_area_table_column_layout_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->columns_view)),
                           "items-changed", G_CALLBACK (_lm_area_table_sort_update_menu), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_rows_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "contents-changed",
                           G_CALLBACK (on_rows_contents_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->columns_view)), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate",
                           G_CALLBACK (on_view_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "recomputed",
                           G_CALLBACK (on_model_recomputed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lm_model_get_selection (model), "changed",
                           G_CALLBACK (on_lm_selection_changed_cb), self, G_CONNECT_SWAPPED);

  lm_area_table_set_level (self, default_level (dataset)->id);
  return GTK_WIDGET (self);
}

/**
 * lm_area_table_get_model:
 * @self: a #LmAreaTable
 *
 * Returns: (transfer none): the model
 */
LmModel *
lm_area_table_get_model (LmAreaTable *self)
{
  g_return_val_if_fail (LM_IS_AREA_TABLE (self), NULL);
  return self->model;
}

/**
 * lm_area_table_set_level:
 * @self: a #LmAreaTable
 * @level_id: a level id of the dataset
 *
 * Lists the areas of another level, keeping the sort column, the filter
 * and the selection (projected onto the new level).
 */
void
lm_area_table_set_level (LmAreaTable *self,
                         const char  *level_id)
{
  LmLevel *level;
  LevelRows *rows;

  g_return_if_fail (LM_IS_AREA_TABLE (self));
  g_return_if_fail (level_id != NULL);

  level = lm_dataset_find_level (lm_model_get_dataset (self->model), level_id);
  g_return_if_fail (level != NULL);
  if (level == self->level)
    return;

  self->level = level;
  rows = _lm_area_table_ensure_level_rows (self, level);
  update_columns (self);
  self->syncing = TRUE;
  lm_area_list_set_level (self->list, level, (const char * const *) rows->haystacks);
  apply_order (self);
  self->syncing = FALSE;
  update_count (self);
  sync_from_selection (self, TRUE);
}

/**
 * lm_area_table_get_level:
 * @self: a #LmAreaTable
 *
 * Returns: the id of the level listed
 */
const char *
lm_area_table_get_level (LmAreaTable *self)
{
  g_return_val_if_fail (LM_IS_AREA_TABLE (self), NULL);
  return self->level != NULL ? self->level->id : NULL;
}

/**
 * lm_area_table_get_filter_text:
 * @self: a #LmAreaTable
 *
 * Returns: the text in the filter entry, as typed ("" for none)
 */
const char *
lm_area_table_get_filter_text (LmAreaTable *self)
{
  g_return_val_if_fail (LM_IS_AREA_TABLE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/**
 * lm_area_table_set_filter_text:
 * @self: a #LmAreaTable
 * @text: (nullable): text to look for in names and codes
 *
 * Filters at once (without the entry's typing delay).
 */
void
lm_area_table_set_filter_text (LmAreaTable *self,
                               const char  *text)
{
  g_autofree char *needle = NULL;

  g_return_if_fail (LM_IS_AREA_TABLE (self));

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      if (*stripped != '\0')
        needle = g_utf8_casefold (stripped, -1);
    }
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text ? text : "") != 0)
    {
      g_signal_handlers_block_by_func (self->entry, on_entry_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
      g_signal_handlers_unblock_by_func (self->entry, on_entry_search_changed_cb, self);
    }

  self->syncing = TRUE;
  lm_area_list_set_needle (self->list, self->needle);
  self->syncing = FALSE;
  /* Rows coming back must show as selected if they are. */
  sync_from_selection (self, FALSE);
}

/**
 * lm_area_table_sort_by:
 * @self: a #LmAreaTable
 * @column_id: a variable id, or "code", "name", "local_authority"
 * @order: the direction
 *
 * Returns: %FALSE if there is no such column at the current level
 */
gboolean
lm_area_table_sort_by (LmAreaTable *self,
                       const char  *column_id,
                       GtkSortType  order)
{
  Column *column;

  g_return_val_if_fail (LM_IS_AREA_TABLE (self), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  column = _lm_area_table_find_column (self, column_id);
  if (column == NULL || !gtk_column_view_column_get_visible (column->column))
    return FALSE;
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->columns_view), column->column, order);
  return TRUE;
}

/**
 * lm_area_table_get_rows:
 * @self: a #LmAreaTable
 *
 * Returns: (transfer none): the rows as shown, filtered and sorted; its
 *   items are #LmAreaRow
 */
GtkSelectionModel *
lm_area_table_get_rows (LmAreaTable *self)
{
  g_return_val_if_fail (LM_IS_AREA_TABLE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}
