/* lm-area-table-row.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-area-table-private.h"

/* One widget per row, not a GtkColumnView row. GTK 4.8's list views
 * keep some 200 rows alive and build or destroy dozens at a time when a
 * filter keystroke makes the matches cross that number; a column view
 * row is a row widget plus, for each of the table's 20 columns (hidden
 * ones too), a cell widget with a list item, a click gesture and a
 * focus controller, and the cell's own child: 0.45 ms a row, 50 to 100 ms
 * a keystroke. This row is one widget, whatever the number of columns;
 * it lays out a cell's text only when the cell is drawn. The column
 * view above it keeps the headers (titles, sorting, widths, order), and
 * the row draws each cell where that column's header is. */

/* Adwaita's column view cells in a .data-table with column separators:
 * 2 px above and below, 6 px either side, a 1 px line on the left of
 * every cell but the first. */
#define CELL_PADDING_X 6
#define CELL_PADDING_Y 2
#define SEPARATOR_WIDTH 1
#define SEPARATOR_ALPHA 0.15

typedef struct
{
  char        *text;       /* NULL until formatted */
  PangoLayout *layout;     /* made when first drawn */
  gboolean     layout_stale;
} Cell;

typedef struct
{
  guint serial;     /* of the context they were measured in */
  int   height;     /* a line, in pixels */
} Metrics;

struct _LmAreaTableRow
{
  GtkWidget    parent_instance;

  LmAreaTable *table;   /* borrowed: it owns the list that owns us */
  LmAreaRow   *item;    /* borrowed while bound */
  GArray      *cells;   /* Cell, by the table's column index */

  /* Rows off screen (GTK keeps some 200 built, a few dozen show) write
   * their texts when they next show, or are asked for them: every
   * column's (the row shows another area), or only the weights'. */
  gboolean     texts_stale;
  gboolean     values_stale;
  gboolean     label_stale;   /* the accessible label */
};

G_DEFINE_FINAL_TYPE (LmAreaTableRow, lm_area_table_row, GTK_TYPE_WIDGET)

static GQuark metrics_quark;

/* Auxiliary methods */

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_pointer (&cell->text, g_free);
  g_clear_object (&cell->layout);
}

/* The rows share the row list's Pango context and its font's height. */
static PangoContext *
get_context (LmAreaTableRow *self)
{
  return gtk_widget_get_pango_context (self->table != NULL ? self->table->view : GTK_WIDGET (self));
}

static int
get_line_height (LmAreaTableRow *self)
{
  PangoContext *context = get_context (self);
  Metrics *metrics = g_object_get_qdata (G_OBJECT (context), metrics_quark);

  if (metrics == NULL)
    {
      metrics = g_new0 (Metrics, 1);
      g_object_set_qdata_full (G_OBJECT (context), metrics_quark, metrics, g_free);
    }
  if (metrics->serial == 0 || metrics->serial != pango_context_get_serial (context))
    {
      PangoFontMetrics *font = pango_context_get_metrics (context, NULL, NULL);
      int line = pango_font_metrics_get_height (font);

      /* As GtkInscription measures a line. */
      if (line == 0)
        line = pango_font_metrics_get_ascent (font) + pango_font_metrics_get_descent (font);
      metrics->height = PANGO_PIXELS_CEIL (line);
      metrics->serial = pango_context_get_serial (context);
      pango_font_metrics_unref (font);
    }
  return metrics->height;
}

static Cell *
get_cell (LmAreaTableRow *self,
          Column         *column)
{
  if (column->index >= self->cells->len)
    g_array_set_size (self->cells, column->index + 1);
  return &g_array_index (self->cells, Cell, column->index);
}

/* Returns whether the text changed. */
static gboolean
set_cell_text (LmAreaTableRow *self,
               Column         *column)
{
  Cell *cell = get_cell (self, column);
  g_autofree char *text = _lm_area_table_format_cell (column, lm_area_row_get_level (self->item),
                                                      lm_area_row_get_area (self->item));

  if (g_strcmp0 (cell->text, text) == 0)
    return FALSE;
  g_free (cell->text);
  cell->text = g_steal_pointer (&text);
  cell->layout_stale = TRUE;
  return TRUE;
}

/* What a screen reader says for the row: each shown column's title and
 * text, as it would read a row of cells. */
static void
update_accessible_label (LmAreaTableRow *self)
{
  g_autoptr(GString) label = g_string_new (NULL);

  self->label_stale = FALSE;
  for (guint i = 0; i < self->table->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->table->columns, i);
      Cell *cell = get_cell (self, column);

      if (cell->text == NULL || !gtk_column_view_column_get_visible (column->column))
        continue;
      if (label->len > 0)
        g_string_append (label, ", ");
      g_string_append_printf (label, "%s: %s", gtk_column_view_column_get_title (column->column),
                              cell->text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
}

/* Writes the stale texts; returns whether any changed. */
static gboolean
write_texts (LmAreaTableRow *self)
{
  gboolean any_column = self->texts_stale;
  LmLevel *level;
  gboolean changed = FALSE;

  if (!self->texts_stale && !self->values_stale)
    return FALSE;
  self->texts_stale = self->values_stale = FALSE;
  if (self->item == NULL || self->table == NULL)
    return FALSE;
  level = lm_area_row_get_level (self->item);
  for (guint i = 0; i < self->table->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->table->columns, i);
      LmVariable *variable;

      /* Hidden columns are formatted when they show (see draw_cell). */
      if (!gtk_column_view_column_get_visible (column->column))
        {
          Cell *cell = get_cell (self, column);

          g_clear_pointer (&cell->text, g_free);
          continue;
        }
      if (!any_column)
        {
          if (!column->depends_on_weights)
            continue;
          variable = _lm_area_table_column_variable (column, level);
          if (variable == NULL || !variable->depends_on_weights)
            continue;
        }
      changed |= set_cell_text (self, column);
    }
  self->label_stale |= changed;
  return changed;
}

static PangoLayout *
get_layout (LmAreaTableRow *self,
            Column         *column,
            Cell           *cell)
{
  gboolean numeric = _lm_area_table_column_is_numeric (column);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (cell->layout == NULL)
    {
      cell->layout = pango_layout_new (get_context (self));
      pango_layout_set_ellipsize (cell->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (cell->layout, TRUE);
      if (numeric)
        {
          PangoAttrList *attributes = pango_attr_list_new ();

          /* Adwaita's .numeric: tabular figures, so that columns align. */
          pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (cell->layout, attributes);
          pango_attr_list_unref (attributes);
        }
      cell->layout_stale = TRUE;
    }
  if (cell->layout_stale)
    {
      pango_layout_set_text (cell->layout, cell->text != NULL ? cell->text : "", -1);
      cell->layout_stale = FALSE;
    }
  pango_layout_set_alignment (cell->layout, numeric != rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  return cell->layout;
}

/* GtkWidget overrides */

static GtkSizeRequestMode
lm_area_table_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
lm_area_table_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  LmAreaTableRow *self = LM_AREA_TABLE_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As wide as the headers, so that the rows scroll with them. */
      *minimum = *natural = self->table != NULL ? _lm_area_table_get_width (self->table) : 0;
      return;
    }
  *minimum = *natural = get_line_height (self) + 2 * CELL_PADDING_Y;
}

static void
draw_cell (LmAreaTableRow *self,
           GtkSnapshot    *snapshot,
           GtkStyleContext *style,
           Column         *column,
           double          x,
           double          width)
{
  Cell *cell = get_cell (self, column);
  int text_width, text_height = get_line_height (self);
  PangoLayout *layout;
  PangoRectangle logical;

  if (cell->text == NULL)
    set_cell_text (self, column);
  text_width = (int) width - 2 * CELL_PADDING_X;
  if (cell->text == NULL || *cell->text == '\0' || text_width <= 0)
    return;
  layout = get_layout (self, column, cell);
  pango_layout_set_width (layout, text_width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  /* Centred on the line, as GtkInscription's default yalign puts it. */
  gtk_snapshot_render_layout (snapshot, style, x + CELL_PADDING_X,
                              CELL_PADDING_Y + floor ((text_height - logical.height) / 2.0),
                              layout);
}

static void
lm_area_table_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LmAreaTableRow *self = LM_AREA_TABLE_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GArray) places = NULL;
  graphene_rect_t shown;
  GdkRGBA separator;

  if (self->table == NULL || self->item == NULL)
    return;
  write_texts (self);
  places = _lm_area_table_get_cell_places (self->table, widget);
  /* Only the columns scrolled into view: a row is as wide as all the
   * columns, of which the table shows about half. The table draws the
   * rows again when they scroll sideways. */
  if (!gtk_widget_compute_bounds (self->table->scrolled, widget, &shown))
    graphene_rect_init (&shown, 0, 0, gtk_widget_get_width (widget), height);
  gtk_style_context_get_color (style, &separator);
  separator.alpha *= SEPARATOR_ALPHA;
  for (guint i = 0; i < places->len; i++)
    {
      CellPlace *place = &g_array_index (places, CellPlace, i);
      double x = place->x, width = place->width;

      if (x + width <= shown.origin.x || x >= shown.origin.x + shown.size.width)
        continue;
      if (i > 0)
        {
          gtk_snapshot_append_color (snapshot, &separator,
                                     &GRAPHENE_RECT_INIT (x, 0, SEPARATOR_WIDTH, height));
          x += SEPARATOR_WIDTH;
          width -= SEPARATOR_WIDTH;
        }
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, 0, width, height));
      draw_cell (self, snapshot, style, place->column, x, width);
      gtk_snapshot_pop (snapshot);
    }
}

static void
lm_area_table_row_map (GtkWidget *widget)
{
  LmAreaTableRow *self = LM_AREA_TABLE_ROW (widget);

  GTK_WIDGET_CLASS (lm_area_table_row_parent_class)->map (widget);
  /* What a screen reader says of a row that comes on screen */
  write_texts (self);
  if (self->label_stale)
    update_accessible_label (self);
}

static void
lm_area_table_row_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

/* GObject overrides */

static void
lm_area_table_row_finalize (GObject *object)
{
  LmAreaTableRow *self = LM_AREA_TABLE_ROW (object);

  g_array_unref (self->cells);

  G_OBJECT_CLASS (lm_area_table_row_parent_class)->finalize (object);
}

static void
lm_area_table_row_class_init (LmAreaTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lm_area_table_row_finalize;

  widget_class->get_request_mode = lm_area_table_row_get_request_mode;
  widget_class->measure = lm_area_table_row_measure;
  widget_class->snapshot = lm_area_table_row_snapshot;
  widget_class->map = lm_area_table_row_map;
  widget_class->direction_changed = lm_area_table_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "arearow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  metrics_quark = g_quark_from_static_string ("lm-area-table-row-metrics");
}

static void
lm_area_table_row_init (LmAreaTableRow *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
}

/* Private API (lm-area-table-private.h) */

GtkWidget *
_lm_area_table_row_new (LmAreaTable *table)
{
  LmAreaTableRow *self = g_object_new (LM_TYPE_AREA_TABLE_ROW, NULL);

  self->table = table;
  return GTK_WIDGET (self);
}

void
_lm_area_table_row_set_item (LmAreaTableRow *self,
                             LmAreaRow      *item)
{
  g_return_if_fail (LM_IS_AREA_TABLE_ROW (self));

  self->item = item;
  if (item != NULL)
    _lm_area_table_row_refresh (self, TRUE);
}

void
_lm_area_table_row_refresh (LmAreaTableRow *self,
                            gboolean        any_column)
{
  g_return_if_fail (LM_IS_AREA_TABLE_ROW (self));

  if (self->item == NULL)
    return;
  self->texts_stale |= any_column;
  self->values_stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Written when drawn: a redraw, never a relayout. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (write_texts (self))
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->label_stale)
    update_accessible_label (self);
}

/* Public API */

LmAreaRow *
lm_area_table_row_get_item (LmAreaTableRow *self)
{
  g_return_val_if_fail (LM_IS_AREA_TABLE_ROW (self), NULL);
  return self->item;
}

const char *
lm_area_table_row_get_text (LmAreaTableRow *self,
                            const char     *column_id)
{
  Column *column;

  g_return_val_if_fail (LM_IS_AREA_TABLE_ROW (self), NULL);
  g_return_val_if_fail (column_id != NULL, NULL);

  if (self->table == NULL || self->item == NULL)
    return NULL;
  write_texts (self);
  column = _lm_area_table_find_column (self->table, column_id);
  if (column == NULL || !gtk_column_view_column_get_visible (column->column))
    return NULL;
  if (get_cell (self, column)->text == NULL)
    set_cell_text (self, column);
  return get_cell (self, column)->text;
}
