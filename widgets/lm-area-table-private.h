/* lm-area-table-private.h — the area table's state, shared by its files
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LmAreaTable is one type in three files: lm-area-table.c (rows, filter,
 * sort, selection, life cycle), lm-area-table-columns.c (the columns,
 * the text of their cells and how they compare) and lm-area-table-sort.c
 * (the sort menu, for the keyboard); its rows are LmAreaTableRow
 * (lm-area-table-row.c).
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-area-list.h"
#include "lm-area-row.h"
#include "lm-area-table.h"
#include "lm-area-table-row.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_LOCAL_AUTHORITY,
  COLUMN_VARIABLE,
} ColumnKind;

/* One column of the table. Columns are made once for every variable id
 * found at any level and hidden where their variable does not exist, so
 * that the user's sort column survives a change of level. */
typedef struct
{
  LmAreaTable         *table;      /* borrowed: the owner */
  guint                index;      /* in the table's columns */
  ColumnKind           kind;
  char                *id;         /* variable id, or "code", "name", "local_authority" */
  GtkColumnViewColumn *column;     /* its header; owned by the column view */
  LmVariable          *variable;   /* at the current level, or NULL; borrowed */
  /* The variable at each level (by depth), or NULL. Cells read the
   * variable of their row's level: during a change of level, cells still
   * bound to rows of the old level get re-bound or hidden. */
  LmVariable         **by_depth;
  gboolean             depends_on_weights;  /* at some level */
} Column;

/* Per level, built on first use: what filtering and sorting need. */
typedef struct
{
  LmLevel    *level;      /* borrowed from the dataset */
  char      **haystacks;  /* casefolded "name code" per area */
  guint      *name_order; /* position of each area's name in collation order, or NULL */
} LevelRows;

struct _LmAreaTable
{
  GtkWidget           parent_instance;

  /* Owned references */
  LmModel            *model;
  GPtrArray          *columns;       /* Column*, owned */
  GHashTable         *level_rows;    /* LmLevel* -> LevelRows*, owned */
  GHashTable         *bound;         /* LmAreaTableRow* of bound rows (set) */
  char               *needle;        /* casefolded filter text, or NULL */

  /* Borrowed: the current level and the lad level (for the local
   * authority column) */
  LmLevel            *level;
  LmLevel            *lad;

  /* The chain: rows (filtered and ordered by the table) -> selection
   * -> list view of LmAreaTableRows. */
  LmAreaList         *list;
  GtkMultiSelection  *selection;

  /* The column the table is sorted by and its direction (GTK 4.8 cannot
   * say; see probe_sort_column), NULL if none, and a re-sort waiting
   * for the weights to settle. */
  Column             *sort_column;
  gboolean            sort_descending;
  gboolean            probing;
  guint               resort_id;
  gboolean            resort_pending;

  /* Children */
  GtkWidget          *header;
  GtkWidget          *entry;
  GtkWidget          *count;
  GtkWidget          *sort_button;   /* the sort menu, for the keyboard */
  GSimpleActionGroup *sort_actions;  /* "table.sort-by", "table.sort-order" */
  GMenu              *sort_columns_menu;
  GtkWidget          *columns_scrolled;
  GtkWidget          *columns_view;  /* GtkColumnView of no rows: the column headers */
  GtkWidget          *scrolled;
  GtkWidget          *view;          /* GtkListView: the rows */

  /* Cells are rewritten once per frame, however many recomputes came
   * in since the last one, and not at all while hidden; in the layout
   * phase, so that a recompute made in the same frame (in its events or
   * tick callbacks) shows in it. Only rows on screen are rewritten; the
   * others are marked stale and caught up when the view scrolls or
   * changes size. */
  GdkFrameClock      *layout_clock;   /* while realized */
  gulong              layout_id;
  gboolean            refresh_pending;
  gboolean            cells_stale;
  gboolean            rows_stale;     /* bound rows off screen show old areas */

  /* A scroll asked for before the first layout */
  guint               pending_scroll;
  guint               scroll_tick;

  /* Set while the table writes the model's selection into its own (or
   * its own into the model's), so neither echoes back. */
  gboolean            syncing;
};

/* lm-area-table.c */
LevelRows  *_lm_area_table_ensure_level_rows  (LmAreaTable    *self,
                                               LmLevel        *level);
/* A column shown or hidden, or a new one: the rows write their cells
 * again. */
void        _lm_area_table_columns_changed    (LmAreaTable    *self);
/* A column resized or moved by the user: the rows follow its header. */
void        _lm_area_table_column_layout_changed (LmAreaTable *self);

/* Where a cell of a row goes: under its column's header. */
typedef struct
{
  Column *column;
  double  x;        /* in the row's coordinates */
  double  width;
} CellPlace;

/* lm-area-table-sort.c */
void        _lm_area_table_sort_init          (LmAreaTable    *self);
void        _lm_area_table_sort_dispose       (LmAreaTable    *self);
/* The columns shown, or their order, changed. */
void        _lm_area_table_sort_update_menu   (LmAreaTable    *self);
/* The sort column or direction changed (after probe_sort_column). */
void        _lm_area_table_sort_sync          (LmAreaTable    *self);

/* lm-area-table-columns.c */
void        _lm_area_table_columns_class_init (void);
void        _lm_area_table_column_free        (gpointer        data);
/* The column's variable at @level, or NULL. */
LmVariable *_lm_area_table_column_variable    (Column         *column,
                                               LmLevel        *level);
/* The text of the cell of @column for @area of @level; "—" where
 * there is no value. */
char       *_lm_area_table_format_cell        (Column         *column,
                                               LmLevel        *level,
                                               guint           area);
/* Numbers: aligned to the end, with tabular figures. */
gboolean    _lm_area_table_column_is_numeric  (Column         *column);
/* The width of the shown columns, all but the expanding one at their
 * narrowest: a row's. */
int         _lm_area_table_get_width          (LmAreaTable    *self);
/* The shown columns in the order shown, placed in @row's coordinates
 * (CellPlace). */
GArray     *_lm_area_table_get_cell_places    (LmAreaTable    *self,
                                               GtkWidget      *row);
void        _lm_area_table_build_columns      (LmAreaTable    *self);
Column     *_lm_area_table_find_column        (LmAreaTable    *self,
                                               const char     *id);
/* Writes the areas of @level into @order sorted by @column ascending,
 * ties in area order: the order the column's sorter gives. */
void        _lm_area_table_column_order       (Column         *column,
                                               LmLevel        *level,
                                               guint          *order);

/* lm-area-table-row.c */
GtkWidget  *_lm_area_table_row_new            (LmAreaTable    *table);
/* @item: the row to show, borrowed while bound; NULL when unbound. */
void        _lm_area_table_row_set_item       (LmAreaTableRow *self,
                                               LmAreaRow      *item);
/* Rewrites the cells from the row's current values: @any_column for a
 * row that now shows another area, else only weight-dependent ones. */
void        _lm_area_table_row_refresh        (LmAreaTableRow *self,
                                               gboolean        any_column);

G_END_DECLS
