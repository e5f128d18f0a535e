/* test-area-table.c — the area table and the area details, under Xvfb
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "lm-area-details.h"
#include "lm-area-row.h"
#include "lm-area-table-private.h"

#include "lm-test-data.h"
#include "lm-test-widgets.h"

static LmModel *shared_model;

typedef struct
{
  LmModel   *model;
  GtkWidget *window;
  GtkWidget *table;
  GtkWidget *details;
} Fixture;

static void
wait_for_allocation (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  while ((gtk_widget_get_height (widget) <= 0 || !gtk_widget_get_mapped (widget)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
}

/* Views show recomputes once per frame: let two frames pass. */
static void
wait_for_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);
  gint64 deadline = g_get_monotonic_time () + LM_TEST_TIMEOUT_US;

  while (gdk_frame_clock_get_frame_counter (clock) < counter + 2 &&
         g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  if (shared_model == NULL)
    shared_model = lm_test_load_model ("england-2019");
  fixture->model = shared_model;
  lm_model_reset_weights (fixture->model, NULL);
  lm_selection_clear (lm_model_get_selection (fixture->model));

  fixture->table = lm_area_table_new (fixture->model);
  fixture->details = lm_area_details_new (fixture->model);
  gtk_widget_set_hexpand (fixture->table, TRUE);
  gtk_widget_set_size_request (fixture->details, 320, -1);
  gtk_box_append (GTK_BOX (box), fixture->table);
  gtk_box_append (GTK_BOX (box), fixture->details);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_allocation (fixture->table);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lm_model_reset_weights (fixture->model, NULL);
  lm_selection_clear (lm_model_get_selection (fixture->model));
}

static LmAreaRow *
row_at (Fixture *fixture,
        guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (lm_area_table_get_rows (LM_AREA_TABLE (fixture->table))),
                                position);
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (lm_area_table_get_rows (LM_AREA_TABLE (fixture->table))));
}

/* The texts of the cells of every bound row, each as "|text|". */
static void
collect_cells (GtkWidget *widget,
               GString   *text)
{
  if (LM_IS_AREA_TABLE_ROW (widget) && lm_area_table_row_get_item (LM_AREA_TABLE_ROW (widget)) != NULL)
    {
      LmAreaTable *table = LM_AREA_TABLE (gtk_widget_get_ancestor (widget, LM_TYPE_AREA_TABLE));

      for (guint i = 0; i < table->columns->len; i++)
        {
          Column *column = g_ptr_array_index (table->columns, i);
          const char *cell = lm_area_table_row_get_text (LM_AREA_TABLE_ROW (widget), column->id);

          if (cell != NULL)
            g_string_append_printf (text, "|%s|", cell);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, text);
}

static char *
details_text (Fixture *fixture)
{
  GString *text = g_string_new (NULL);

  lm_test_collect_labels (fixture->details, text);
  return g_string_free (text, FALSE);
}

static void
test_rows_per_level (Fixture       *fixture,
                     gconstpointer  data)
{
  /* Wards by default, as the window opens. */
  g_assert_cmpstr (lm_area_table_get_level (LM_AREA_TABLE (fixture->table)), ==, "ward");
  g_assert_cmpuint (n_rows (fixture), ==,
                    lm_dataset_find_level (lm_model_get_dataset (fixture->model), "ward")->n_areas);

  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  g_assert_cmpuint (n_rows (fixture), ==, 317);
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lsoa");
  g_assert_cmpuint (n_rows (fixture), ==, 32844);
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "region");
  g_assert_cmpuint (n_rows (fixture), ==, 9);

  /* Columns follow the level: no CNI rank for LSOAs. */
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lsoa");
  g_assert_false (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "cni.rank", GTK_SORT_ASCENDING));
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "cni.rank", GTK_SORT_ASCENDING));
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "eu.leave_pct", GTK_SORT_DESCENDING));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "Tendring");
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  {
    g_autoptr(LmAreaRow) row = row_at (fixture, 0);
    g_assert_cmpstr (lm_area_row_get_name (row), ==, "Tendring");
  }

  /* Case does not matter, and codes match too. */
  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "tendRING");
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "E07000076");
  g_assert_cmpuint (n_rows (fixture), ==, 1);

  /* At LSOA level every row matches by name. */
  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lsoa");
  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "Tendring");
  g_assert_cmpuint (n_rows (fixture), >, 50);
  for (guint i = 0; i < n_rows (fixture); i++)
    {
      g_autoptr(LmAreaRow) row = row_at (fixture, i);
      g_assert_true (g_str_has_prefix (lm_area_row_get_name (row), "Tendring "));
    }
  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "Tendring 018A");
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  /* The row on screen shows the area now at its place. */
  wait_for_frames (fixture->table);
  {
    g_autoptr(GString) cells = g_string_new (NULL);

    collect_cells (fixture->table, cells);
    g_assert_nonnull (strstr (cells->str, "|Tendring 018A|"));
  }

  lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "");
  g_assert_cmpuint (n_rows (fixture), ==, 32844);
}

static void
assert_sorted_by_rank (Fixture    *fixture,
                       LmVariable *rank)
{
  double previous = 0;

  for (guint i = 0; i < n_rows (fixture); i++)
    {
      g_autoptr(LmAreaRow) row = row_at (fixture, i);
      double value = rank->values[lm_area_row_get_area (row)];

      g_assert_cmpfloat (value, >, previous);
      previous = value;
    }
}

/* The table's first row holds the LSOA ranked first (after a re-sort). */
static gboolean
top_is_first_ranked (gpointer data)
{
  Fixture *fixture = data;
  LmVariable *lsoa_rank = lm_test_variable (fixture->model, "lsoa", "imd.rank");
  g_autoptr(LmAreaRow) row = row_at (fixture, 0);

  return lsoa_rank->values[lm_area_row_get_area (row)] == 1;
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows come in the order the column view's own sorter (the
 * columns' comparisons, turned round for descending) puts them. */
static void
assert_order_is_sorters (Fixture *fixture)
{
  GtkWidget *view = find_column_view (fixture->table);
  GtkSorter *sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view));
  guint n = n_rows (fixture);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(LmAreaRow) a = row_at (fixture, i);
      g_autoptr(LmAreaRow) b = row_at (fixture, i + 1);

      g_assert_cmpint (gtk_sorter_compare (sorter, a, b), ==, GTK_ORDERING_SMALLER);
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  LmVariable *rank = lm_test_variable (fixture->model, "lad", "imd.rank");
  g_autoptr(LmAreaRow) first = NULL;
  g_autoptr(LmAreaRow) new_first = NULL;
  guint official_first;

  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "imd.rank", GTK_SORT_ASCENDING));
  first = row_at (fixture, 0);
  g_assert_cmpfloat (rank->values[lm_area_row_get_area (first)], ==, 1);
  assert_sorted_by_rank (fixture, rank);
  official_first = lm_area_row_get_area (first);
  g_test_message ("rank 1 with official weights: %s", lm_area_row_get_name (first));

  /* Weights that make another district the most deprived; the table
   * re-sorts by itself. */
  g_assert_true (lm_model_set_weight (fixture->model, "imd", "crime", 1000, NULL));
  new_first = row_at (fixture, 0);
  g_test_message ("rank 1 with crime weighted: %s", lm_area_row_get_name (new_first));
  g_assert_cmpuint (lm_area_row_get_area (new_first), !=, official_first);
  g_assert_cmpfloat (rank->values[lm_area_row_get_area (new_first)], ==, 1);
  assert_sorted_by_rank (fixture, rank);

  /* The cells on screen show the new values. */
  wait_for_frames (fixture->table);
  {
    LmVariable *change = lm_test_variable (fixture->model, "lad", "imd.rank_change");
    g_autoptr(GString) cells = g_string_new (NULL);
    g_autofree char *expected = g_strdup_printf ("|%+.0f|", change->values[lm_area_row_get_area (new_first)]);

    g_assert_cmpfloat (change->values[lm_area_row_get_area (new_first)], >, 0);
    collect_cells (fixture->table, cells);
    g_assert_nonnull (strstr (cells->str, expected));
    g_assert_nonnull (strstr (cells->str, "|Manchester|"));
  }

  /* Descending puts the least deprived first. */
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "imd.rank", GTK_SORT_DESCENDING));
  {
    g_autoptr(LmAreaRow) last = row_at (fixture, 0);
    g_assert_cmpfloat (rank->values[lm_area_row_get_area (last)], ==, 317);
  }
  assert_order_is_sorters (fixture);
  /* Every kind of column, both ways, under a filter too. */
  {
    static const char *columns[] = { "code", "name", "local_authority", "eu.leave_pct" };

    lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "ward");
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      for (int order = GTK_SORT_ASCENDING; order <= GTK_SORT_DESCENDING; order++)
        {
          g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), columns[c], order) ||
                         strcmp (columns[c], "eu.leave_pct") == 0);
          assert_order_is_sorters (fixture);
        }
    lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), "north");
    g_assert_cmpuint (n_rows (fixture), >, 10);
    assert_order_is_sorters (fixture);
    lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), NULL);
    lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  }

  /* By name, and the LSOAs sort quickly enough. */
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "name", GTK_SORT_ASCENDING));
  {
    g_autoptr(LmAreaRow) a = row_at (fixture, 0);
    g_autoptr(LmAreaRow) b = row_at (fixture, 1);
    g_assert_cmpint (g_utf8_collate (lm_area_row_get_name (a), lm_area_row_get_name (b)), <=, 0);
  }

  /* The LSOAs re-sort once the weights rest; a recompute alone stays
   * cheap for the table. */
  {
    LmVariable *lsoa_rank = lm_test_variable (fixture->model, "lsoa", "imd.rank");
    gint64 start;
    double elapsed;
    g_autoptr(LmAreaRow) top = NULL;

    lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lsoa");
    g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "imd.rank", GTK_SORT_ASCENDING));
    start = g_get_monotonic_time ();
    g_assert_true (lm_model_set_weight (fixture->model, "imd", "crime", 5, NULL));
    elapsed = (g_get_monotonic_time () - start) / 1000.0;
    g_test_message ("LSOA weight change with the table shown: %.1f ms", elapsed);

    /* Waited on, not timed: a sanitizer build on a busy machine is slow. */
    lm_test_wait_until (top_is_first_ranked, fixture, "the LSOAs to re-sort");
    top = row_at (fixture, 0);
    g_assert_cmpfloat (lsoa_rank->values[lm_area_row_get_area (top)], ==, 1);
    assert_sorted_by_rank (fixture, lsoa_rank);
  }
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSelectionModel *rows = lm_area_table_get_rows (LM_AREA_TABLE (fixture->table));
  LmSelection *selection = lm_model_get_selection (fixture->model);
  LmLevel *lad = lm_dataset_find_level (lm_model_get_dataset (fixture->model), "lad");
  LmLevel *lsoa = lm_dataset_find_level (lm_model_get_dataset (fixture->model), "lsoa");
  g_autoptr(LmAreaRow) row = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  int tendring = lm_level_find_area (lad, "E07000076");
  guint area;

  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lad");
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "imd.rank", GTK_SORT_ASCENDING));

  /* Table to model. */
  gtk_selection_model_select_item (rows, 5, TRUE);
  row = row_at (fixture, 5);
  g_assert_true (lm_selection_get_level (selection) == lad);
  g_assert_cmpuint (lm_selection_count (selection, lad), ==, 1);
  g_assert_true (lm_selection_contains (selection, lad, lm_area_row_get_area (row)));

  /* Model to table. */
  g_assert_cmpint (tendring, >=, 0);
  area = tendring;
  lm_selection_select (selection, lad, &area, 1, LM_SELECTION_REPLACE);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  {
    g_autoptr(LmAreaRow) shown = row_at (fixture, gtk_bitset_get_nth (selected, 0));
    g_assert_cmpuint (lm_area_row_get_area (shown), ==, area);
  }

  /* A finer selection (an LSOA on the map) selects its district. */
  {
    int first_lsoa = lm_level_find_area (lsoa, lsoa->codes[0]);
    int district = lm_level_get_ancestor (lsoa, first_lsoa, lad);
    g_autoptr(GtkBitset) now = NULL;
    g_autoptr(LmAreaRow) shown = NULL;

    area = first_lsoa;
    lm_selection_select (selection, lsoa, &area, 1, LM_SELECTION_REPLACE);
    now = gtk_selection_model_get_selection (rows);
    g_assert_cmpuint (gtk_bitset_get_size (now), ==, 1);
    shown = row_at (fixture, gtk_bitset_get_nth (now, 0));
    g_assert_cmpint (lm_area_row_get_area (shown), ==, district);
    /* ... and the model keeps the LSOA: no echo from the table. */
    g_assert_true (lm_selection_get_level (selection) == lsoa);
  }

  /* The selection survives a re-sort after a weight change. */
  area = tendring;
  lm_selection_select (selection, lad, &area, 1, LM_SELECTION_REPLACE);
  g_assert_true (lm_model_set_weight (fixture->model, "imd", "income", 80, NULL));
  {
    g_autoptr(GtkBitset) now = gtk_selection_model_get_selection (rows);
    g_autoptr(LmAreaRow) shown = NULL;

    g_assert_cmpuint (gtk_bitset_get_size (now), ==, 1);
    shown = row_at (fixture, gtk_bitset_get_nth (now, 0));
    g_assert_cmpuint (lm_area_row_get_area (shown), ==, area);
    g_assert_cmpuint (lm_selection_count (selection, lad), ==, 1);
  }

  /* Clearing the table's selection clears the model's. */
  gtk_selection_model_unselect_all (rows);
  g_assert_true (lm_selection_is_empty (selection));
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  LmSelection *selection = lm_model_get_selection (fixture->model);
  LmLevel *ward = lm_dataset_find_level (lm_model_get_dataset (fixture->model), "ward");
  LmLevel *lsoa = lm_dataset_find_level (lm_model_get_dataset (fixture->model), "lsoa");
  LmVariable *flag = lm_test_variable (fixture->model, "ward", "left_behind");
  g_autofree char *empty = details_text (fixture);
  guint area = G_MAXUINT;

  g_assert_nonnull (strstr (empty, "Select an area on the map, in a plot or in the table"));

  for (guint a = 0; a < ward->n_areas && area == G_MAXUINT; a++)
    if (flag->values[a] == 1)
      area = a;
  g_assert_cmpuint (area, !=, G_MAXUINT);
  lm_selection_select (selection, ward, &area, 1, LM_SELECTION_REPLACE);
  {
    g_autofree char *text = details_text (fixture);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, ward->names[area]));
    g_assert_nonnull (strstr (text, ward->codes[area]));
    g_assert_nonnull (strstr (text, "CNI score in the worst 10% of wards (rank "));
    g_assert_nonnull (strstr (text, "IMD score in the worst 10% of wards (rank "));
    g_assert_null (strstr (text, "): no"));
    g_assert_nonnull (strstr (text, "Income"));
    g_assert_nonnull (strstr (text, "Civic assets"));
  }

  /* A weight change that drops the ward from the list says why. */
  g_assert_true (lm_model_set_left_behind_threshold (fixture->model, 1, 0.5, NULL));
  wait_for_frames (fixture->details);
  {
    g_autofree char *text = details_text (fixture);
    g_assert_nonnull (strstr (text, "IMD score in the worst 0.5% of wards (rank "));
    g_assert_nonnull (strstr (text, "): no"));
  }
  g_assert_true (lm_model_set_left_behind_threshold (fixture->model, 1, 10, NULL));
  wait_for_frames (fixture->details);

  /* An LSOA is judged by its ward, and has no CNI of its own. */
  {
    guint child = G_MAXUINT;
    g_autofree char *text = NULL;

    for (guint a = 0; a < lsoa->n_areas && child == G_MAXUINT; a++)
      if (lm_level_get_ancestor (lsoa, a, ward) == (int) area)
        child = a;
    g_assert_cmpuint (child, !=, G_MAXUINT);
    lm_selection_select (selection, lsoa, &child, 1, LM_SELECTION_REPLACE);
    text = details_text (fixture);
    g_assert_nonnull (strstr (text, lsoa->names[child]));
    g_assert_nonnull (strstr (text, "Judged for the"));
    g_assert_nonnull (strstr (text, ward->names[area]));
  }

  lm_selection_clear (selection);
  {
    g_autofree char *text = details_text (fixture);
    g_assert_nonnull (strstr (text, "Select an area on the map, in a plot or in the table"));
  }
}

static cairo_surface_t *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
has_ink (cairo_surface_t *surface,
         int              x,
         int              y,
         int              width,
         int              height)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      if (((const guint32 *) (data + j * stride))[i] != 0)
        return TRUE;
  return FALSE;
}

/* The rows built that show an area: with @shown, only those GTK
 * shows (on screen, or nearly). */
static GPtrArray *
bound_rows (Fixture  *fixture,
            gboolean  shown)
{
  LmAreaTable *table = LM_AREA_TABLE (fixture->table);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *item = gtk_widget_get_first_child (table->view); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && LM_IS_AREA_TABLE_ROW (row) && (!shown || gtk_widget_get_child_visible (item)) &&
          lm_area_table_row_get_item (LM_AREA_TABLE_ROW (row)) != NULL)
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static int
compare_row_tops (gconstpointer a,
                  gconstpointer b)
{
  GtkWidget *row_a = *(GtkWidget **) a, *row_b = *(GtkWidget **) b;
  GtkAllocation allocation_a, allocation_b;

  gtk_widget_get_allocation (gtk_widget_get_parent (row_a), &allocation_a);
  gtk_widget_get_allocation (gtk_widget_get_parent (row_b), &allocation_b);
  return (allocation_a.y > allocation_b.y) - (allocation_a.y < allocation_b.y);
}

/* Every row shown shows a row of the list, each once, in the list's
 * order from top to bottom and without gaps; with few enough matches,
 * every match has its row built (none blank or stale); and the cells
 * say the area's code, name and rank, as worked out here. */
static void
assert_rows_shown (Fixture    *fixture,
                   LmVariable *rank)
{
  GListModel *model = G_LIST_MODEL (lm_area_table_get_rows (LM_AREA_TABLE (fixture->table)));
  g_autoptr(GPtrArray) rows = bound_rows (fixture, TRUE);
  g_autoptr(GPtrArray) built = bound_rows (fixture, FALSE);
  guint n = g_list_model_get_n_items (model);
  guint first = G_MAXUINT;

  g_ptr_array_sort (rows, compare_row_tops);
  if (n <= 100)
    g_assert_cmpuint (built->len, ==, n);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, n);
  for (guint i = 0; i < n && first == G_MAXUINT; i++)
    {
      g_autoptr(LmAreaRow) item = g_list_model_get_item (model, i);

      if (item == lm_area_table_row_get_item (g_ptr_array_index (rows, 0)))
        first = i;
    }
  g_assert_cmpuint (first, !=, G_MAXUINT);
  for (guint r = 0; r < rows->len; r++)
    {
      LmAreaTableRow *row = g_ptr_array_index (rows, r);
      g_autoptr(LmAreaRow) item = g_list_model_get_item (model, first + r);
      LmLevel *level = lm_area_row_get_level (item);
      guint area = lm_area_row_get_area (item);
      g_autofree char *rank_text = g_strdup_printf ("%'.0f", rank->values[area]);

      g_assert_true (lm_area_table_row_get_item (row) == item);
      g_assert_cmpstr (lm_area_table_row_get_text (row, "code"), ==, level->codes[area]);
      g_assert_cmpstr (lm_area_table_row_get_text (row, "name"), ==, level->names[area]);
      g_assert_cmpstr (lm_area_table_row_get_text (row, "imd.rank"), ==, rank_text);
      /* Hidden at this level: no cell. */
      g_assert_null (lm_area_table_row_get_text (row, "cni.rank"));
    }
}

/* Typed and deleted a letter at a time, across the 200 rows GTK keeps
 * built either way: the rows show the current matches after each. */
static void
test_rows_shown (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char text[] = "tendring 01";
  LmVariable *rank = lm_test_variable (fixture->model, "lsoa", "imd.rank");
  guint length = strlen (text);
  gboolean crossed_down = FALSE, crossed_up = FALSE;
  guint before;

  lm_area_table_set_level (LM_AREA_TABLE (fixture->table), "lsoa");
  g_assert_true (lm_area_table_sort_by (LM_AREA_TABLE (fixture->table), "imd.rank", GTK_SORT_ASCENDING));
  wait_for_frames (fixture->table);
  assert_rows_shown (fixture, rank);
  before = n_rows (fixture);
  for (guint i = 0; i < 2 * length; i++)
    {
      g_autofree char *typed = g_strndup (text, i < length ? i + 1 : 2 * length - 1 - i);
      guint now;

      lm_area_table_set_filter_text (LM_AREA_TABLE (fixture->table), typed);
      wait_for_frames (fixture->table);
      now = n_rows (fixture);
      g_test_message ("“%s”: %u rows", typed, now);
      crossed_down |= before > 200 && now < 200;
      crossed_up |= before < 200 && now > 200;
      before = now;
      assert_rows_shown (fixture, rank);
    }
  g_assert_cmpuint (n_rows (fixture), ==, 32844);
  g_assert_true (crossed_down && crossed_up);
}

/* Each cell of a row is drawn as a GtkInscription (what the table's
 * cells were, as a GtkColumnView) draws its text, pixel for pixel, at
 * the cell's place under its column header: names and numbers,
 * ellipsized or not, right-aligned numbers, the first column and the
 * others after a separator. */
static void
test_cells_like_inscription (Fixture       *fixture,
                             gconstpointer  data)
{
  LmAreaTable *table = LM_AREA_TABLE (fixture->table);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  Column *name = _lm_area_table_find_column (table, "name");
  g_autoptr(GPtrArray) rows = NULL;
  guint compared = 0, ellipsized = 0;

  lm_area_table_set_level (table, "ward");
  g_assert_true (lm_area_table_sort_by (table, "imd.rank", GTK_SORT_ASCENDING));
  /* A narrow name column ellipsizes names; the rows follow its header. */
  gtk_column_view_column_set_fixed_width (name->column, 90);
  wait_for_frames (fixture->table);
  rows = bound_rows (fixture, TRUE);
  g_ptr_array_sort (rows, compare_row_tops);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  for (guint r = 0; r < MIN (rows->len, 4); r++)
    {
      GtkWidget *row = g_ptr_array_index (rows, r);
      g_autoptr(GArray) places = _lm_area_table_get_cell_places (table, row);
      cairo_surface_t *drawn = render_widget (row);
      int height = gtk_widget_get_height (row);
      graphene_rect_t shown;

      /* The cells scrolled into view are drawn. */
      g_assert_true (gtk_widget_compute_bounds (table->scrolled, row, &shown));
      g_assert_cmpfloat (shown.origin.x, ==, 0);

      g_assert_cmpuint (places->len, >=, 10);
      /* Under the headers: the first cell at the row's start, each next
       * where the previous ends. */
      g_assert_cmpfloat (g_array_index (places, CellPlace, 0).x, ==, 0);
      for (guint i = 0; i < places->len; i++)
        {
          CellPlace *place = &g_array_index (places, CellPlace, i);
          const char *text = lm_area_table_row_get_text (LM_AREA_TABLE_ROW (row), place->column->id);
          int x = (int) place->x + (i > 0 ? 1 : 0) + 6;
          int width = (int) place->width - (i > 0 ? 1 : 0) - 12;
          GtkWidget *inscription = gtk_inscription_new (text);
          cairo_surface_t *expected;
          const guchar *a, *b;

          if (i > 0)
            g_assert_cmpfloat (place->x, ==, g_array_index (places, CellPlace, i - 1).x +
                                             g_array_index (places, CellPlace, i - 1).width);
          if (place->x >= shown.size.width)
            {
              /* Out of view: not drawn at all. */
              g_assert_false (has_ink (drawn, (int) place->x, 0,
                                       MIN ((int) place->width, gtk_widget_get_width (row) - (int) place->x),
                                       height));
              continue;
            }
          if (x + width > shown.size.width)
            continue;
          gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                             GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
          if (_lm_area_table_column_is_numeric (place->column))
            {
              gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1);
              gtk_widget_add_css_class (inscription, "numeric");
            }
          gtk_widget_set_size_request (inscription, width, -1);
          gtk_widget_set_halign (inscription, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (box), inscription);
          wait_for_frames (box);
          g_assert_cmpint (gtk_widget_get_height (inscription) + 4, ==, height);
          expected = render_widget (inscription);
          /* Something to compare: the text is drawn. */
          g_assert_true (has_ink (expected, 0, 0, width, height - 4));
          for (int y = 0; y < height - 4; y++)
            {
              a = cairo_image_surface_get_data (drawn) + (y + 2) * cairo_image_surface_get_stride (drawn) + 4 * x;
              b = cairo_image_surface_get_data (expected) + y * cairo_image_surface_get_stride (expected);
              if (memcmp (a, b, 4 * width) != 0)
                g_error ("the cell “%s” of column %s (%d px) is drawn unlike GtkInscription draws it",
                         text, place->column->id, width);
            }
          if (place->column == name && g_strcmp0 (text, "") != 0)
            {
              PangoLayout *layout = gtk_widget_create_pango_layout (inscription, text);
              int text_width;

              pango_layout_get_pixel_size (layout, &text_width, NULL);
              ellipsized += text_width > width;
              g_object_unref (layout);
            }
          gtk_box_remove (GTK_BOX (box), inscription);
          cairo_surface_destroy (expected);
          compared++;
        }
      cairo_surface_destroy (drawn);
    }
  /* The headers scroll sideways with the rows, and back. */
  {
    GtkAdjustment *rows_h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (table->scrolled));
    GtkAdjustment *headers_h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (table->columns_scrolled));

    g_assert_cmpfloat (gtk_adjustment_get_upper (rows_h), ==, gtk_adjustment_get_upper (headers_h));
    g_assert_cmpfloat (gtk_adjustment_get_upper (rows_h), >, gtk_adjustment_get_page_size (rows_h) + 100);
    gtk_adjustment_set_value (rows_h, 100);
    g_assert_cmpfloat (gtk_adjustment_get_value (headers_h), ==, 100);
    gtk_adjustment_set_value (headers_h, 0);
    g_assert_cmpfloat (gtk_adjustment_get_value (rows_h), ==, 0);
  }
  g_test_message ("%u cells compared, %u names ellipsized", compared, ellipsized);
  g_assert_cmpuint (compared, >=, 4 * 8);
  g_assert_cmpuint (ellipsized, >, 0);
  gtk_column_view_column_set_fixed_width (name->column, 200);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_area_activated (LmAreaTable *table,
                   gpointer     level,
                   guint        area,
                   guint       *activated)
{
  g_assert_true (level == lm_dataset_find_level (lm_model_get_dataset (lm_area_table_get_model (table)),
                                                 "lad"));
  *activated = area;
}

/* Enter or a double click on a row (the list's "activate-item") says
 * which area the row shows. */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  LmAreaTable *table = LM_AREA_TABLE (fixture->table);
  guint activated = G_MAXUINT;

  lm_area_table_set_level (table, "lad");
  g_assert_true (lm_area_table_sort_by (table, "name", GTK_SORT_DESCENDING));
  g_signal_connect (table, "area-activated", G_CALLBACK (on_area_activated), &activated);
  wait_for_frames (fixture->table);
  g_assert_true (gtk_widget_activate_action (table->view, "list.activate-item", "u", 3));
  {
    g_autoptr(LmAreaRow) row = row_at (fixture, 3);

    g_assert_cmpuint (activated, ==, lm_area_row_get_area (row));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/area-table/rows-per-level", Fixture, NULL, fixture_set_up, test_rows_per_level,
              fixture_tear_down);
  g_test_add ("/area-table/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);
  g_test_add ("/area-table/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/area-table/selection", Fixture, NULL, fixture_set_up, test_selection,
              fixture_tear_down);
  g_test_add ("/area-table/activate", Fixture, NULL, fixture_set_up, test_activate,
              fixture_tear_down);
  g_test_add ("/area-table/rows-shown", Fixture, NULL, fixture_set_up, test_rows_shown,
              fixture_tear_down);
  g_test_add ("/area-table/cells-like-inscription", Fixture, NULL, fixture_set_up,
              test_cells_like_inscription, fixture_tear_down);
  g_test_add ("/area-details/left-behind", Fixture, NULL, fixture_set_up, test_details,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&shared_model);
  return status;
}
