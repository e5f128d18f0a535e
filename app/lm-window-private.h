/* lm-window-private.h — what lm-window.c and lm-window-actions.c share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-window.h"

G_BEGIN_DECLS

/* One result of the area search. */
typedef struct
{
  LmLevel *level;   /* borrowed from the model's dataset */
  guint    area;
  int      tier;    /* 0 exact, 1 inside an exact match, 2 prefix, 3 substring */
  guint    order;   /* position in lm_level_search()'s answer */
} LmSearchHit;

struct _LmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  GVariant             *undo_weights;     /* the weights before the last reset */
  AdwHeaderBar         *header_bar;
  GtkToggleButton      *weights_button;
  GtkDropDown          *dataset_dropdown;
  GtkStringList        *dataset_list;
  GtkSpinner           *header_spinner;
  GtkWidget            *title_box;
  GtkDropDown          *level_dropdown;
  GtkStringList        *level_list;
  GtkDropDown          *variable_dropdown;
  GtkStringList        *variable_list;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *search_button;
  GtkPopover           *search_popover;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_status;
  GtkScrolledWindow    *search_scroller;
  GtkListBox           *search_results;
  GtkWidget            *panes_box;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  GtkLabel             *error_hint;
  GtkWidget            *choose_folder_button;
  GtkPaned             *sidebar_paned;
  GtkPaned             *side_paned;
  GtkPaned             *table_paned;
  GtkPaned             *plot_paned;
  AdwBin               *weights_bin;
  GtkOverlay           *map_overlay;
  AdwBin               *map_bin;
  AdwBin               *legend_bin;
  GtkWidget            *zoom_box;
  AdwBin               *table_bin;
  GtkWidget            *plot_box;
  GtkDropDown          *preset_dropdown;
  GtkStringList        *preset_list;
  GtkToggleButton      *weighted_button;
  GtkRevealer          *axes_revealer;
  GtkDropDown          *plot_x_dropdown;
  GtkStringList        *plot_x_list;
  GtkDropDown          *plot_y_dropdown;
  GtkStringList        *plot_y_list;
  AdwBin               *plot_bin;
  AdwBin               *details_bin;
  GMenu                *palette_menu;

  /* Borrowed References: the views made for the model, owned by their
   * bins */
  GtkWidget            *map;
  GtkWidget            *legend;
  GtkWidget            *plot;
  GtkWidget            *table;
  GtkWidget            *weights;
  GtkWidget            *details;

  /* Owned References */
  GSettings            *settings;        /* NULL without an installed schema */
  LmModel              *model;
  GCancellable         *load_cancellable;
  char                 *dataset_name;    /* shown, or being loaded */
  char                 *loading_name;    /* being loaded, or NULL */
  char                 *data_dir;        /* of the last load */
  char                 *error_text;
  GPtrArray            *dataset_ids;     /* char*, parallel to dataset_list */
  GPtrArray            *level_ids;       /* char*, parallel to level_list */
  GPtrArray            *variable_ids;    /* char*, parallel to variable_list */
  GPtrArray            *plot_var_ids;    /* char*, parallel to plot_x/y_list */
  GArray               *search_hits;     /* LmSearchHit */
  GHashTable           *action_states;   /* action name (static) -> enabled + 1 */
  char                 *level_id;
  char                 *variable_id;
  char                 *palette;
  char                 *method;
  char                 *plot_preset;     /* "leave-imd", ..., or "custom" */
  char                 *plot_x;
  char                 *plot_y;
  char                 *plot_level;

  /* State */
  guint                 n_classes;
  guint                 updating;        /* > 0 while dropdowns are filled in code */
  guint                 applying_panes;  /* > 0 while handles are moved in code */
  guint                 panes_idle_id;
  guint                 panels_idle_id;
  guint                 panels_timeout_id;
  guint                 fit_timeout_id;
  LmBounds              fit_bounds;       /* what the map showed before the panes moved */
  gulong                after_paint_id;
  GdkFrameClock        *after_paint_clock;
  gboolean              panels_pending;  /* the map is shown, the panels not yet */
  guint                 show_weights : 1;
  guint                 show_plot : 1;
  guint                 show_table : 1;
  guint                 show_details : 1;
  guint                 show_left_behind : 1;
  guint                 presentation : 1;
  /* The panels shown before presentation view, to restore after it. */
  guint                 saved_weights : 1;
  guint                 saved_table : 1;
  guint                 saved_details : 1;
  guint                 saved_plot : 1;
  int                   sidebar_width;
  int                   plot_width;
  int                   plot_height;
  int                   table_height;
};

typedef enum
{
  LM_WINDOW_FIGURE_MAP,
  LM_WINDOW_FIGURE_PLOT,
} LmWindowFigure;

void  _lm_window_class_actions_init (LmWindowClass *klass);
/* What the export dialogs write: the map as shown (level, variable,
 * classes, colours) or the plot as shown, to PNG, SVG or PDF. */
gboolean _lm_window_export_figure   (LmWindow        *self,
                                     LmWindowFigure   figure,
                                     const char      *path,
                                     GError         **error);
/* Enables and disables every window action from the current state. */
void  _lm_window_update_actions     (LmWindow      *self);
typedef enum
{
  LM_LOAD_PROBLEM_MISSING,   /* no data folder, or no dataset of that name */
  LM_LOAD_PROBLEM_MISSING_FILE, /* the folder lacks a file the manifest names */
  LM_LOAD_PROBLEM_MANIFEST,  /* the dataset manifest is not valid */
  LM_LOAD_PROBLEM_DATA,      /* a table or layer cannot be used */
} LmLoadProblem;

void  _lm_window_show_error         (LmWindow      *self,
                                     LmLoadProblem  problem,
                                     const char    *message);
void  _lm_window_apply_panes        (LmWindow      *self);
void  _lm_window_set_presentation   (LmWindow      *self,
                                     gboolean       presentation);
/* The application's data folder (as lm_application_find_data_dir). */
char *_lm_window_find_data_dir      (LmWindow      *self);

G_END_DECLS
