/* lm-window-private.h — what lm-window.c, lm-window-panes.c and
 * lm-window-actions.c share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-comparison.h"
#include "lm-document.h"
#include "lm-load-page.h"
#include "lm-plot-panel.h"
#include "lm-search-popover.h"
#include "lm-window.h"

G_BEGIN_DECLS

/* How the window binds its view and panels to its settings: read once
 * when bound, written at each change, never following the settings
 * (see bind_view_settings() in lm-window.c). */
#define LM_WINDOW_SETTINGS_BIND \
  (G_SETTINGS_BIND_GET | G_SETTINGS_BIND_SET | G_SETTINGS_BIND_GET_NO_CHANGES)

/* What lm-window-file.c, lm-window-export.c and lm-window-present.c
 * keep, each private to its file. */
typedef struct _LmWindowFile    LmWindowFile;
typedef struct _LmWindowExport  LmWindowExport;
typedef struct _LmWindowPresent LmWindowPresent;

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
  GMenuModel           *primary_menu;   /* attached by attach_primary_menu() */
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
  LmDocument           *document;        /* the scenario: file, scenes, undo */
  LmWindowFile         *file;            /* lm-window-file.c */
  LmWindowExport       *export;          /* lm-window-export.c */
  LmWindowPresent      *present;         /* lm-window-present.c */
  LmViewSnapshot       *work;            /* carried to the next dataset, or NULL */
  char                 *work_filter;     /* the table's filter, for the next table */
  gboolean              work_custom;     /* weights, thresholds or locks were set */
  gboolean              drop_work;       /* the next dataset starts afresh */
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
  /* lm-window-analysis.c */
  LmModel              *analysis_model;   /* whose variables-changed is followed */
  LmComparison         *comparison;       /* the last comparison run, or NULL */
  char                 *comparison_key;   /* dataset and data folder looked up, */
  char                 *comparison_found; /* and the comparison found for them */
  GCancellable         *compare_cancellable;
  GtkWidget            *uncertainty_dialog;
  GtkWidget            *bivariate_dialog;

  /* State */
  guint                 updating;        /* > 0 while drop-downs are filled in code */
  guint                 applying_panes;  /* > 0 while handles are moved in code */
  guint                 panes_idle_id;
  guint                 panels_idle_id;
  guint                 menu_idle_id;
  guint                 panels_timeout_id;
  gulong                after_paint_id;
  GdkFrameClock        *after_paint_clock;
  gboolean              panels_pending;  /* the map is shown, the panels not yet */
  guint                 show_weights : 1;
  guint                 show_plot : 1;
  guint                 show_table : 1;
  guint                 show_details : 1;
  guint                 presentation : 1;  /* a presentation window is open */
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

/* What lm-window-export.c writes. */
typedef enum
{
  LM_WINDOW_EXPORT_MAP_SHOWN,        /* the map as on screen: its rectangle, the highlight */
  LM_WINDOW_EXPORT_MAP_WHOLE,        /* the whole level */
  LM_WINDOW_EXPORT_PLOT,
  LM_WINDOW_EXPORT_STORYBOARD_PDF,
  LM_WINDOW_EXPORT_STORYBOARD_PNGS,  /* the path is a folder */
  LM_WINDOW_EXPORT_TABLE_CSV,        /* every variable of the map's level */
  LM_WINDOW_EXPORT_LEFT_BEHIND_CSV,  /* with entered/left against official weights */
  LM_WINDOW_EXPORT_SELECTION_CSV,
  LM_WINDOW_EXPORT_COPY_MAP,         /* to the clipboard: no path */
  LM_WINDOW_EXPORT_COMPARISON,       /* the window's comparison of vintages */
} LmWindowExportKind;

/* lm-window.c */
LmModel  *_lm_window_get_model              (LmWindow       *self);
/* Shows @model: the view follows it, the views are made anew. */
void      _lm_window_set_model              (LmWindow       *self,
                                             LmModel        *model);
void      _lm_window_fill_dataset_dropdown  (LmWindow       *self);
void      _lm_window_notify_loading         (LmWindow       *self);
/* The variable drop-down made anew (variables were added). */
void      _lm_window_refresh_variables      (LmWindow       *self);

/* lm-window-load.c */
/* Before another dataset replaces the model: keeps the user's weights,
 * thresholds, locks, selection and filter. */
void        _lm_window_take_work           (LmWindow       *self);
/* After: applies what the new data allow, and says so in a toast. */
void        _lm_window_restore_work        (LmWindow       *self);
/* Loads @dataset once the user has saved or discarded unsaved work;
 * discarded work is not carried over. */
void        _lm_window_load_confirmed      (LmWindow       *self,
                                            const char     *dataset);
GPtrArray  *_lm_window_get_datasets        (LmWindow       *self);
const char *_lm_window_get_dataset_title    (LmWindow       *self,
                                             const char     *name);
/* The dataset to open when none is named or remembered. */
char       *_lm_window_get_default_dataset  (LmWindow       *self);
/* The application's data folder (as lm_application_find_data_dir). */
char     *_lm_window_find_data_dir          (LmWindow       *self);
/* Toasts, once per dataset and level, what the shown level's map leaves
 * out: areas without a polygon, broken outline or mark layers. */
void      _lm_window_report_boundaries      (LmWindow       *self);

/* lm-window-actions.c */
void      _lm_window_class_actions_init     (LmWindowClass  *klass);
/* +, - and 0 anywhere in the map area (the zoom buttons, the legend). */
void      _lm_window_add_map_keys           (LmWindow       *self);
/* The main menu's popover is built in the wait for the data after the
 * window is realized (queue), or when the menu is first opened. */
void      _lm_window_init_primary_menu      (LmWindow       *self);
void      _lm_window_queue_primary_menu     (LmWindow       *self);
/* The Classes menu offers deciles where the level has areas enough,
 * and the view gives way to quantiles where it has not. */
void      _lm_window_update_method_menu     (LmWindow       *self);
/* Enables and disables every window action from the current state. */
void      _lm_window_update_actions         (LmWindow       *self);
/* Enables or disables one action, telling GTK only about changes;
 * @action_name is a static string. */
void      _lm_window_set_action_enabled     (LmWindow       *self,
                                             const char     *action_name,
                                             gboolean        enabled);

/* lm-window-analysis.c: the Monte Carlo dialog, the bivariate map, the
 * comparison of vintages */
void      _lm_window_analysis_init          (LmWindow       *self);
void      _lm_window_analysis_dispose       (LmWindow       *self);
void      _lm_window_class_analysis_actions_init (LmWindowClass *klass);
void      _lm_window_analysis_update_actions (LmWindow      *self);
/* New data: the comparison that follows them is looked up again. */
void      _lm_window_analysis_forget        (LmWindow       *self);
/* Shows the bivariate map and its key, or the variable's map and its
 * legend, as the view's analysis settings say. */
void      _lm_window_analysis_apply_map     (LmWindow       *self);
void      _lm_window_toast                  (LmWindow       *self,
                                             const char     *text);

/* lm-window-panes.c: which panels show, at what size */
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

/* lm-window-file.c: the scenario (New, Open, Save, recent files, the
 * title, asking before unsaved work is lost), undo, the command line's
 * options and the custom-weights marker */
void      _lm_window_file_class_init        (LmWindowClass  *klass);
void      _lm_window_file_init              (LmWindow       *self);
void      _lm_window_file_dispose           (LmWindow       *self);
/* A new model is shown: opens a scenario or applies options that were
 * waiting for it. */
void      _lm_window_file_model_changed     (LmWindow       *self);
void      _lm_window_file_update_title      (LmWindow       *self);
/* The recent files, read at the first call (which fills Open Recent). */
GtkRecentManager *_lm_window_file_get_recent (LmWindow      *self);
/* Runs @func (then frees @data) once the user has saved or discarded
 * unsaved work, or at once when there is none; not at all if they
 * cancel. */
void      _lm_window_file_confirm           (LmWindow       *self,
                                             GCallback       func,
                                             gpointer        data,
                                             GDestroyNotify  destroy);
/* TRUE when the window may close now; otherwise it asks, and closes
 * itself once the work is saved or discarded. */
gboolean  _lm_window_file_may_close        (LmWindow       *self);
/* A weight reset: a step of the undo history of its own, undone from
 * its toast. */
void      _lm_window_file_reset_weights     (LmWindow       *self,
                                             const char     *index_id);

/* lm-window-export.c: exports in a worker thread, with progress */
void      _lm_window_export_class_init      (LmWindowClass  *klass);
void      _lm_window_export_init            (LmWindow       *self);
void      _lm_window_export_dispose         (LmWindow       *self);
/* What the dialogs start once the user has chosen: the view (and the
 * scenes) as they are now, written by a worker thread on its own copy of
 * the data. @width and @height are pixels (0: the kind's default).
 * FALSE when another export runs or there are no data. */
gboolean  _lm_window_export_start           (LmWindow           *self,
                                             LmWindowExportKind  kind,
                                             const char         *path,
                                             int                 width,
                                             int                 height);
/* A heading and a sentence, with a Close button. */
void      _lm_window_export_show_message    (LmWindow       *self,
                                             const char     *heading,
                                             const char     *body);
gboolean  _lm_window_export_is_running      (LmWindow       *self);
/* Where the export dialogs open: the last export's folder, else
 * Pictures, else home (transfer full). */
GFile    *_lm_window_get_export_folder      (LmWindow       *self);
/* The last export's failure (cancelled included), or NULL. */
const GError *_lm_window_export_get_error   (LmWindow       *self);

/* lm-window-export-dialogs.c: win.export-map (asks what and how large,
 * then for the file) and the other exports' file dialogs */
void      _lm_window_export_map_action      (GtkWidget      *widget,
                                             const char     *action_name,
                                             GVariant       *parameter);
void      _lm_window_export_action          (GtkWidget      *widget,
                                             const char     *action_name,
                                             GVariant       *parameter);

/* lm-window-present.c: the storyboard editor and presentations */
void      _lm_window_present_class_init     (LmWindowClass  *klass);
void      _lm_window_present_init           (LmWindow       *self);
void      _lm_window_present_dispose        (LmWindow       *self);
/* Presents the current view full screen (FALSE: ends the presentation,
 * putting the view back). Notifies "presentation" itself: returns FALSE. */
gboolean  _lm_window_set_presentation       (LmWindow       *self,
                                             gboolean        presentation);
/* The presentation shown (an LmPresentation), or NULL; the storyboard
 * editor, or NULL until first shown. */
GtkWidget *_lm_window_get_presentation      (LmWindow       *self);
GtkWidget *_lm_window_get_storyboard_editor (LmWindow       *self);
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
