/* lm-area-table-columns.c — the area table: columns, cell texts, sorting
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-area-table-private.h"

/* The Column of a GtkColumnViewColumn */
static GQuark column_quark;

void
_lm_area_table_columns_class_init (void)
{
  column_quark = g_quark_from_static_string ("lm-area-table-column");
}

static int
compare_keys_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  char **keys = user_data;

  return strcmp (keys[*(const guint *) a], keys[*(const guint *) b]);
}

/* Sorting by name compares positions computed once per level from
 * collation keys: g_utf8_collate in the comparison itself would cost
 * half a second for the LSOAs. */
static const guint *
get_name_order (LmAreaTable *self,
                LmLevel     *level)
{
  LevelRows *rows = _lm_area_table_ensure_level_rows (self, level);

  if (rows->name_order == NULL)
    {
      g_auto(GStrv) keys = g_new0 (char *, level->n_areas + 1);
      g_autofree guint *sorted = g_new (guint, MAX (level->n_areas, 1));

      for (guint a = 0; a < level->n_areas; a++)
        {
          keys[a] = g_utf8_collate_key (level->names[a] ? level->names[a] : "", -1);
          sorted[a] = a;
        }
      g_qsort_with_data (sorted, level->n_areas, sizeof (guint), compare_keys_cb, keys);
      rows->name_order = g_new (guint, MAX (level->n_areas, 1));
      for (guint i = 0; i < level->n_areas; i++)
        rows->name_order[sorted[i]] = i;
    }
  return rows->name_order;
}

static int
local_authority_of (LmAreaTable *self,
                    LmLevel     *level,
                    guint        area)
{
  if (self->lad == NULL || level->depth >= self->lad->depth)
    return -1;
  return lm_level_get_ancestor (level, area, self->lad);
}
void
_lm_area_table_column_free (gpointer data)
{
  Column *column = data;

  g_free (column->id);
  g_free (column->by_depth);
  g_free (column);
}

LmVariable *
_lm_area_table_column_variable (Column  *column,
                                LmLevel *level)
{
  return column->by_depth != NULL ? column->by_depth[level->depth] : NULL;
}

char *
_lm_area_table_format_cell (Column  *column,
                            LmLevel *level,
                            guint    area)
{
  LmAreaTable *self = column->table;
  int up;

  switch (column->kind)
    {
    case COLUMN_CODE:
      return g_strdup (level->codes[area]);
    case COLUMN_NAME:
      return g_strdup (level->names[area]);
    case COLUMN_LOCAL_AUTHORITY:
      up = local_authority_of (self, level, area);
      return g_strdup (up >= 0 ? self->lad->names[up] : "—");
    case COLUMN_VARIABLE:
    default:
      {
        LmVariable *variable = _lm_area_table_column_variable (column, level);
        double value = variable != NULL ? variable->values[area] : NAN;

        if (isnan (value))
          return g_strdup ("—");
        switch (variable->unit)
          {
          case LM_UNIT_COUNT:
          case LM_UNIT_RANK:
            return g_strdup_printf ("%'.0f", value);
          case LM_UNIT_CHANGE:
            return value == 0 ? g_strdup ("0") : g_strdup_printf ("%+'.0f", value);
          default:
            return lm_variable_format_value (variable, value);
          }
      }
    }
}

gboolean
_lm_area_table_column_is_numeric (Column *column)
{
  return column->kind == COLUMN_VARIABLE;
}

/* Custom sorters rather than GtkNumericSorter with an expression: on
 * 4.8 a numeric sorter evaluates a GtkExpression per row (through
 * libffi) to build its keys on every re-sort, about 25 ms for 32,844
 * LSOAs, while re-sorting nearly sorted rows after a weight change with
 * a plain C comparison takes well under a millisecond. */
static int
compare_values (double a,
                double b)
{
  /* Missing values after all others (in ascending order). */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

/* How areas @a and @b of @level compare in @column, ascending; ties go
 * by area, so the order is total. */
static int
compare_areas (Column  *column,
               LmLevel *level,
               guint    a,
               guint    b)
{
  LmAreaTable *self = column->table;
  int result = 0;

  switch (column->kind)
    {
    case COLUMN_CODE:
      result = g_strcmp0 (level->codes[a], level->codes[b]);
      break;
    case COLUMN_NAME:
      {
        const guint *order = get_name_order (self, level);
        result = (order[a] > order[b]) - (order[a] < order[b]);
      }
      break;
    case COLUMN_LOCAL_AUTHORITY:
      {
        int up_a = local_authority_of (self, level, a);
        int up_b = local_authority_of (self, level, b);

        if (up_a != up_b && (up_a < 0 || up_b < 0))
          result = (up_a < 0) - (up_b < 0);
        else if (up_a != up_b)
          {
            const guint *order = get_name_order (self, self->lad);
            result = (order[up_a] > order[up_b]) - (order[up_a] < order[up_b]);
          }
      }
      break;
    case COLUMN_VARIABLE:
    default:
      {
        LmVariable *variable = _lm_area_table_column_variable (column, level);

        if (variable != NULL)
          result = compare_values (variable->values[a], variable->values[b]);
      }
      break;
    }
  if (result == 0)
    result = (a > b) - (a < b);  /* a total order: ties keep area order */
  return result;
}

static int
compare_rows_cb (gconstpointer item_a,
                 gconstpointer item_b,
                 gpointer      user_data)
{
  Column *column = user_data;
  LmAreaTable *self = column->table;
  int result;

  if (self->probing)
    {
      /* The column view's sorter asks its primary column first and
       * stops at the first non-equal answer: the first column asked is
       * the one the table is sorted by, and the answer comes back
       * turned round if that column is sorted descending. */
      if (self->sort_column == NULL)
        self->sort_column = column;
      return GTK_ORDERING_SMALLER;
    }
  result = compare_areas (column, lm_area_row_get_level ((LmAreaRow *) item_a),
                          lm_area_row_get_area ((LmAreaRow *) item_a),
                          lm_area_row_get_area ((LmAreaRow *) item_b));
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

typedef struct
{
  Column       *column;
  LmLevel      *level;
  const double *values;   /* a variable column's, or NULL */
} SortKeys;

static int
compare_order_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SortKeys *keys = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  int result;

  if (keys->values != NULL)
    {
      /* The common case, without the column's switch per comparison. */
      result = compare_values (keys->values[x], keys->values[y]);
      return result != 0 ? result : (x > y) - (x < y);
    }
  return compare_areas (keys->column, keys->level, x, y);
}

void
_lm_area_table_column_order (Column  *column,
                             LmLevel *level,
                             guint   *order)
{
  SortKeys keys = { column, level, NULL };

  if (column->kind == COLUMN_VARIABLE)
    {
      LmVariable *variable = _lm_area_table_column_variable (column, level);

      keys.values = variable != NULL ? variable->values : NULL;
      if (variable == NULL)
        column = NULL;
    }
  for (guint a = 0; a < level->n_areas; a++)
    order[a] = a;
  /* A variable missing at this level leaves the areas' own order. */
  if (column != NULL)
    g_qsort_with_data (order, (gint) level->n_areas, sizeof (guint), compare_order_cb, &keys);
}

static void
add_column (LmAreaTable *self,
            ColumnKind   kind,
            const char  *id,
            const char  *title,
            int          width,
            gboolean     expand)
{
  Column *column = g_new0 (Column, 1);
  GtkSorter *sorter;

  column->table = self;
  column->index = self->columns->len;
  column->kind = kind;
  column->id = g_strdup (id);
  g_ptr_array_add (self->columns, column);

  /* A header only: the rows (LmAreaTableRow) draw the cells. */
  column->column = gtk_column_view_column_new (title, NULL);
  g_object_set_qdata (G_OBJECT (column->column), column_quark, column);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, column, NULL));
  gtk_column_view_column_set_sorter (column->column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (column->column, TRUE);
  gtk_column_view_column_set_expand (column->column, expand);
  /* Fixed widths: sizing to the rows on screen would make the columns
   * jump while scrolling. */
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column->column, width);
  /* The user resizes a column by dragging the edge of its header. */
  g_signal_connect_object (column->column, "notify::fixed-width",
                           G_CALLBACK (_lm_area_table_column_layout_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->columns_view), column->column);
  g_object_unref (column->column);
}

static gboolean
variable_exists (LmDataset  *dataset,
                 const char *id)
{
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    if (lm_level_find_variable (lm_dataset_get_level (dataset, k), id) != NULL)
      return TRUE;
  return FALSE;
}

/* The title of a variable at whichever level has it. */
static const char *
variable_title (LmDataset  *dataset,
                const char *id)
{
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmVariable *variable = lm_level_find_variable (lm_dataset_get_level (dataset, k), id);
      if (variable != NULL)
        return variable->title;
    }
  return id;
}

static void
add_variable_column (LmAreaTable *self,
                     const char  *id,
                     const char  *title,
                     int          width)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);

  Column *column;

  if (!variable_exists (dataset, id) || _lm_area_table_find_column (self, id) != NULL)
    return;
  add_column (self, COLUMN_VARIABLE, id, title != NULL ? title : variable_title (dataset, id),
              width, FALSE);
  column = _lm_area_table_find_column (self, id);
  column->by_depth = g_new0 (LmVariable *, lm_dataset_get_n_levels (dataset));
  for (guint k = 0; k < lm_dataset_get_n_levels (dataset); k++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, k);
      column->by_depth[level->depth] = lm_level_find_variable (level, id);
      if (column->by_depth[level->depth] != NULL)
        column->depends_on_weights |= column->by_depth[level->depth]->depends_on_weights;
    }
}

void
_lm_area_table_build_columns (LmAreaTable *self)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  guint n_indices = lm_dataset_get_n_indices (dataset);

  add_column (self, COLUMN_CODE, "code", _("Code"), 100, FALSE);
  add_column (self, COLUMN_NAME, "name", _("Name"), 200, TRUE);
  add_column (self, COLUMN_LOCAL_AUTHORITY, "local_authority",
              self->lad != NULL ? lm_level_get_heading (self->lad) : "", 150, FALSE);
  add_variable_column (self, "population", _("Population"), 100);

  /* The first index (the IMD) in full; the others by score and rank. */
  for (guint i = 0; i < n_indices; i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      g_autofree char *label = g_ascii_strup (index->id, -1);
      const char *suffixes[] = { "score", "rank", "decile" };
      /* Translators: column headers, "IMD score", "IMD rank", "IMD decile" */
      const char *formats[] = { N_("%s score"), N_("%s rank"), N_("%s decile") };

      for (guint s = 0; s < (i == 0 ? G_N_ELEMENTS (suffixes) : 2); s++)
        {
          g_autofree char *id = g_strdup_printf ("%s.%s", index->id, suffixes[s]);
          g_autofree char *title = g_strdup_printf (_(formats[s]), label);

          add_variable_column (self, id, title, s == 2 ? 80 : 90);
        }
      for (guint d = 0; i == 0 && d < index->domains->len; d++)
        {
          LmIndexDomain *domain = g_ptr_array_index (index->domains, d);
          g_autofree char *id = g_strdup_printf ("%s.%s", index->id, domain->id);
          /* Translators: column header of a domain, "IMD: Income" */
          g_autofree char *title = g_strdup_printf (_("%s: %s"), label, domain->title);

          add_variable_column (self, id, title, 110);
        }
    }
  for (guint e = 0; e < lm_dataset_get_n_elections (dataset); e++)
    {
      const LmElection *election = lm_dataset_get_election (dataset, e);
      /* Translators: column header of an election's share, "Leave %" */
      g_autofree char *title = g_strdup_printf (_("%s %%"), election->option_title);

      add_variable_column (self, election->share, title, 80);
    }
  if (lm_dataset_get_left_behind_rule (dataset) != NULL)
    add_variable_column (self, lm_dataset_get_left_behind_rule (dataset)->flag->id,
                         lm_dataset_get_left_behind_rule (dataset)->flag->title, 90);
  for (guint i = 0; i < n_indices; i++)
    {
      LmIndex *index = lm_dataset_get_index (dataset, i);
      g_autofree char *label = g_ascii_strup (index->id, -1);
      g_autofree char *id = g_strdup_printf ("%s.rank_change", index->id);
      /* Translators: column header, rank change against official weights */
      g_autofree char *title = g_strdup_printf (_("%s rank change"), label);

      add_variable_column (self, id, title, 110);
    }
}

void
lm_area_table_add_variable_column (LmAreaTable *self,
                                   const char  *id,
                                   const char  *title)
{
  g_return_if_fail (LM_IS_AREA_TABLE (self));
  g_return_if_fail (id != NULL);

  add_variable_column (self, id, title, 100);
  _lm_area_table_columns_changed (self);
}

Column *
_lm_area_table_find_column (LmAreaTable *self,
                            const char  *id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      if (g_strcmp0 (column->id, id) == 0)
        return column;
    }
  return NULL;
}

/* The header widget of the column view: its first child, whose children
 * are the columns' titles in the columns' order. NULL if that is not
 * how GTK builds it. */
static GtkWidget *
find_titles (LmAreaTable *self,
             guint        n_columns)
{
  GtkWidget *header = gtk_widget_get_first_child (self->columns_view);
  guint n = 0;

  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return NULL;
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title))
    n++;
  return n == n_columns ? header : NULL;
}

GArray *
_lm_area_table_get_cell_places (LmAreaTable *self,
                                GtkWidget   *row)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->columns_view));
  guint n = g_list_model_get_n_items (columns);
  GArray *places = g_array_sized_new (FALSE, FALSE, sizeof (CellPlace), n);
  GtkWidget *titles = find_titles (self, n);
  GtkWidget *title = titles != NULL ? gtk_widget_get_first_child (titles) : NULL;
  double x = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) header = g_list_model_get_item (columns, i);
      CellPlace place = { g_object_get_qdata (G_OBJECT (header), column_quark), 0, 0 };
      graphene_rect_t bounds;

      if (gtk_column_view_column_get_visible (header) && place.column != NULL)
        {
          /* Under the title as the column view placed it (resized,
           * expanded, scrolled, right to left); else side by side at
           * the columns' widths. */
          if (title != NULL && gtk_widget_compute_bounds (title, row, &bounds))
            {
              place.x = bounds.origin.x;
              place.width = bounds.size.width;
            }
          else
            {
              place.x = x;
              place.width = MAX (gtk_column_view_column_get_fixed_width (header), 0);
              x += place.width;
            }
          g_array_append_val (places, place);
        }
      if (title != NULL)
        title = gtk_widget_get_next_sibling (title);
    }
  return places;
}

int
_lm_area_table_get_width (LmAreaTable *self)
{
  int width = 0;

  /* Not the column view's own measure: GTK 4.8 counts its hidden
   * columns there, though it lays out the shown ones only. */
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (gtk_column_view_column_get_visible (column->column))
        width += MAX (gtk_column_view_column_get_fixed_width (column->column), 0);
    }
  return width;
}
