/* lm-window-private.h — what lm-window.c, lm-window-panes.c and
 * lm-window-actions.c share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-load-page.h"
#include "lm-plot-panel.h"
#include "lm-search-popover.h"
#include "lm-window.h"

G_BEGIN_DECLS

struct _LmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
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
  GtkMenuButton        *search_button;
  GtkMenuButton        *primary_menu_button;
  LmSearchPopover      *search_popover;
  GtkWidget            *panes_box;
  GtkStack             *stack;
  LmLoadPage           *load_page;
  GtkWidget            *data_overlay;
  GtkRevealer          *weights_sheet;
  AdwClamp             *weights_clamp;
  AdwClamp             *side_clamp;
  AdwBin               *weights_sheet_bin;
  GtkRevealer          *side_sheet;
  AdwBin               *side_sheet_bin;
  GtkPaned             *sidebar_paned;
  GtkPaned             *side_paned;
  GtkPaned             *table_paned;
  GtkPaned             *plot_paned;
  AdwBin               *weights_bin;
  AdwBin               *map_bin;
  AdwBin               *legend_bin;
  GtkWidget            *zoom_box;
  GtkWidget            *map_overlay;
  AdwBin               *table_bin;
  LmPlotPanel          *plot_panel;
  AdwBin               *details_bin;
  GMenu                *palette_menu;
  GMenu                *method_section;
  gboolean              deciles_offered;

  /* Borrowed References: the views made for the model, owned by their
   * bins */
  GtkWidget            *map;
  GtkWidget            *legend;
  GtkWidget            *table;
  GtkWidget            *weights;
  GtkWidget            *details;

  /* Owned References */
  LmView               *view;            /* what is shown, and the model */
  GSettings            *settings;
  GCancellable         *load_cancellable;
  GVariant             *undo_weights;    /* the weights before the last reset */
  LmViewSnapshot       *work;            /* carried to the next dataset, or NULL */
  char                 *work_filter;     /* the table's filter, for the next table */
  gboolean              work_custom;     /* weights, thresholds or locks were set */
  guint                 work_selected;
  char                 *dataset_name;    /* shown, or being loaded */
  char                 *loading_name;    /* being loaded, or NULL */
  char                 *data_dir;        /* of the last load */
  GPtrArray            *datasets;        /* LmDatasetInfo* offered for datasets_root */
  char                 *datasets_root;
  GPtrArray            *dataset_ids;     /* char*, parallel to dataset_list */
  GPtrArray            *level_ids;       /* char*, parallel to level_list */
  GPtrArray            *variable_ids;    /* char*, parallel to variable_list */
  GHashTable           *action_states;   /* action name (static) -> enabled + 1 */

  /* State */
  guint                 updating;        /* > 0 while drop-downs are filled in code */
  guint                 applying_panes;  /* > 0 while handles are moved in code */
  guint                 panes_idle_id;
  guint                 panels_idle_id;
  guint                 panels_timeout_id;
  gulong                after_paint_id;
  GdkFrameClock        *after_paint_clock;
  gboolean              panels_pending;  /* the map is shown, the panels not yet */
  guint                 show_weights : 1;
  guint                 show_plot : 1;
  guint                 show_table : 1;
  guint                 show_details : 1;
  guint                 presentation : 1;
  /* A narrow window: the weights panel, and in a narrower one the plot
   * column too, are sheets over the map rather than panes beside it. */
  guint                 weights_folded : 1;
  guint                 side_folded : 1;
  guint                 fold_idle_id;
  int                   fold_width;       /* the width the folds were chosen for */
  guint                 legend_idle_id;
  GdkFrameClock        *layout_clock;     /* while realized */
  gulong                layout_id;
  int                   map_width;        /* at the last layout */
  int                   map_height;
  int                   legend_width;     /* unfolded, at the last layout */
  int                   legend_small;     /* -1 unknown, else whether the map was small */
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

/* lm-window.c */
LmModel  *_lm_window_get_model              (LmWindow       *self);
/* Shows @model: the view follows it, the views are made anew. */
void      _lm_window_set_model              (LmWindow       *self,
                                             LmModel        *model);
void      _lm_window_fill_dataset_dropdown  (LmWindow       *self);
void      _lm_window_notify_loading         (LmWindow       *self);

/* lm-window-load.c */
/* Before another dataset replaces the model: keeps the user's weights,
 * thresholds, locks, selection and filter. */
void        _lm_window_take_work           (LmWindow       *self);
/* After: applies what the new data allow, and says so in a toast. */
void        _lm_window_restore_work        (LmWindow       *self);
GPtrArray  *_lm_window_get_datasets        (LmWindow       *self);
const char *_lm_window_get_dataset_title    (LmWindow       *self,
                                             const char     *name);
/* The dataset to open when none is named or remembered. */
char       *_lm_window_get_default_dataset  (LmWindow       *self);
/* The application's data folder (as lm_application_find_data_dir). */
char     *_lm_window_find_data_dir          (LmWindow       *self);

/* lm-window-actions.c */
void      _lm_window_class_actions_init     (LmWindowClass  *klass);
/* What the export dialogs write: the map as the view shows it (level,
 * variable, classes, colours) or the plot as shown, to PNG, SVG or PDF. */
gboolean  _lm_window_export_figure          (LmWindow       *self,
                                             LmWindowFigure  figure,
                                             const char     *path,
                                             GError        **error);
/* +, - and 0 anywhere in the map area (the zoom buttons, the legend). */
void      _lm_window_add_map_keys           (LmWindow       *self);
/* The Classes menu offers deciles where the level has areas enough,
 * and the view gives way to quantiles where it has not. */
void      _lm_window_update_method_menu     (LmWindow       *self);
/* Where the export dialog opens (transfer full). */
GFile    *_lm_window_get_export_folder      (LmWindow       *self);
/* Enables and disables every window action from the current state. */
void      _lm_window_update_actions         (LmWindow       *self);

/* lm-window-panes.c: which panels show, at what size, and presentation
 * view */
void      _lm_window_panes_init             (LmWindow       *self);
/* Binds (or, in presentation view, unbinds) the show-* properties to
 * their settings. */
void      _lm_window_bind_panel_settings    (LmWindow       *self,
                                             gboolean        bind);
void      _lm_window_apply_panes            (LmWindow       *self);
void      _lm_window_prime_pane_positions   (LmWindow       *self);
/* After an allocation: moves the handles (in an idle) where the
 * remembered panel sizes say. */
void      _lm_window_queue_pane_positions   (LmWindow       *self);
void      _lm_window_save_panes             (LmWindow       *self);
void      _lm_window_on_pane_position       (LmWindow       *self,
                                             GParamSpec     *pspec,
                                             GtkPaned       *paned);
/* Returns TRUE if it changed. */
gboolean  _lm_window_set_presentation       (LmWindow       *self,
                                             gboolean        presentation);
/* After an allocation at @width: folds or unfolds the side panels (in
 * an idle) when the window crossed a threshold. */
void      _lm_window_queue_folds            (LmWindow       *self,
                                             int             width);
/* Folds at once for a window @width wide: before the first allocation,
 * so that a narrow window can be narrow from the start. */
void      _lm_window_fold_for_width         (LmWindow       *self,
                                             int             width);
/* After an allocation: folds the legend when the map became too small
 * for it, unfolds it when the map grew (in an idle). */
void      _lm_window_queue_legend_fold      (LmWindow       *self);
/* While realized: after each layout of the window, the legend is folded
 * or unfolded if the map's room changed. */
void      _lm_window_follow_layout          (LmWindow       *self,
                                             gboolean        follow);
/* Gives the map the focus when the data first show, unless the user
 * went elsewhere. */
void      _lm_window_focus_map_at_start     (LmWindow       *self);
/* notify::focus-widget: a menu or popover opened, the tooltips give way. */
void      _lm_window_on_focus_widget        (LmWindow       *self,
                                             GParamSpec     *pspec,
                                             gpointer        user_data);
/* Closes an open sheet; FALSE if none was open. */
gboolean  _lm_window_close_sheets           (LmWindow       *self);

G_END_DECLS
