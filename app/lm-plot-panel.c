/* lm-plot-panel.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-choices-private.h"
#include "lm-accessible.h"
#include "lm-plot-panel.h"
#include "lm-scatter-plot.h"
#include "lm-view-bindings.h"

struct _LmPlotPanel
{
  AdwBin           parent_instance;

  /* Template Widgets */
  GtkDropDown     *preset_dropdown;
  GtkStringList   *preset_list;
  GtkToggleButton *weighted_button;
  GtkToggleButton *intervals_button;
  GtkRevealer     *axes_revealer;
  GtkDropDown     *x_dropdown;
  GtkStringList   *x_list;
  GtkDropDown     *y_dropdown;
  GtkStringList   *y_list;
  AdwBin          *plot_bin;

  /* Borrowed References */
  GtkWidget       *plot;            /* owned by plot_bin */

  /* Owned References */
  LmView          *view;
  LmModel         *model;
  GBinding        *weighted_binding;
  GBinding        *intervals_binding;
  GPtrArray       *preset_ids;      /* char*, parallel to preset_list */
  GPtrArray       *variable_ids;    /* char*, parallel to x_list and y_list */

  /* State */
  double           text_scale;
  guint            updating;        /* > 0 while the drop-downs are set in code */
};

G_DEFINE_FINAL_TYPE (LmPlotPanel, lm_plot_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_TEXT_SCALE,
  N_PROPS
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

static gboolean
preset_fits (LmModel              *model,
             const LmReportPreset *preset)
{
  return lm_model_find_variable (model, preset->level, preset->x, NULL) != NULL &&
         lm_model_find_variable (model, preset->level, preset->y, NULL) != NULL;
}

/* The report figures the data can show, then "Any Two Variables". */
static void
fill_presets (LmPlotPanel *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->preset_ids, 0);
  LmDataset *dataset = self->model != NULL ? lm_model_get_dataset (self->model) : NULL;

  for (guint r = 0; dataset != NULL && r < lm_dataset_get_n_reports (dataset); r++)
    {
      const LmReportPreset *preset = lm_dataset_get_report (dataset, r);

      if (!preset_fits (self->model, preset))
        continue;
      g_ptr_array_add (self->preset_ids, g_strdup (preset->id));
      g_ptr_array_add (titles, g_strdup (preset->title));
    }
  g_ptr_array_add (self->preset_ids, g_strdup (LM_VIEW_PLOT_CUSTOM));
  g_ptr_array_add (titles, g_strdup (_("Any Two Variables")));

  self->updating++;
  _lm_choices_replace (self->preset_list, titles);
  self->updating--;
}

/* The variables of the plot's level, offered on both axes: with a new
 * level or new data only, since an axis change is often the drop-down's
 * own choice. */
static void
fill_axes (LmPlotPanel *self)
{
  LmDataset *dataset = self->model != NULL ? lm_model_get_dataset (self->model) : NULL;
  const char *level_id = self->view != NULL ? lm_view_get_plot_level (self->view) : NULL;
  LmLevel *level = dataset != NULL && level_id != NULL ? lm_dataset_find_level (dataset, level_id)
                                                       : NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  self->updating++;
  _lm_choices_fill_variables (level, self->variable_ids, self->x_list);
  for (guint i = 0; i < self->variable_ids->len; i++)
    g_ptr_array_add (titles, g_strdup (gtk_string_list_get_string (self->x_list, i)));
  _lm_choices_replace (self->y_list, titles);
  self->updating--;
}

/* Shows what the view says: the figure, and the axes of a custom plot. */
static void
sync_from_view (LmPlotPanel *self)
{
  const char *preset;

  if (self->view == NULL)
    return;

  preset = lm_view_get_plot_preset (self->view);
  self->updating++;
  gtk_drop_down_set_selected (self->preset_dropdown, _lm_choices_find (self->preset_ids, preset));
  gtk_revealer_set_reveal_child (self->axes_revealer,
                                 g_strcmp0 (preset, LM_VIEW_PLOT_CUSTOM) == 0);
  gtk_drop_down_set_selected (self->x_dropdown, _lm_choices_find (self->variable_ids,
                                                                 lm_view_get_plot_x (self->view)));
  gtk_drop_down_set_selected (self->y_dropdown, _lm_choices_find (self->variable_ids,
                                                                 lm_view_get_plot_y (self->view)));
  self->updating--;
}

static void
on_view_plot_level_cb (LmPlotPanel *self)
{
  fill_axes (self);
  sync_from_view (self);
}

static void
on_plot_area_activated_cb (LmPlotPanel *self,
                           gpointer     level,
                           guint        area,
                           GtkWidget   *plot)
{
  g_signal_emit (self, signals[AREA_ACTIVATED], 0, level, area);
}

/* A new plot follows the view from the start: level and axes, weights. */
static void
create_plot (LmPlotPanel *self)
{
  self->plot = lm_scatter_plot_new (self->model);
  lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), self->text_scale);
  if (self->view != NULL)
    lm_view_bind_plot (self->view, LM_SCATTER_PLOT (self->plot), G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->plot, "area-activated", G_CALLBACK (on_plot_area_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->plot_bin, self->plot);
}

/* The plot, the figures and the drop-downs for the current model and
 * view. */
static void
rebuild (LmPlotPanel *self)
{
  adw_bin_set_child (self->plot_bin, NULL);
  self->plot = NULL;
  fill_presets (self);
  fill_axes (self);
  if (self->model != NULL)
    create_plot (self);
  sync_from_view (self);
}

static void
on_variables_changed_cb (LmPlotPanel *self)
{
  fill_axes (self);
  sync_from_view (self);
}

static void
disconnect_view (LmPlotPanel *self)
{
  if (self->view == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_pointer (&self->weighted_binding, g_binding_unbind);
  g_clear_pointer (&self->intervals_binding, g_binding_unbind);
  g_clear_object (&self->view);
}

/* Template callbacks */

static void
on_preset_selected_cb (LmPlotPanel *self,
                       GParamSpec  *pspec,
                       GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || self->view == NULL || selected >= self->preset_ids->len)
    return;
  lm_view_set_plot_preset (self->view, g_ptr_array_index (self->preset_ids, selected));
}

static void
on_axis_selected_cb (LmPlotPanel *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *id;

  if (self->updating > 0 || self->view == NULL || selected >= self->variable_ids->len)
    return;
  id = g_ptr_array_index (self->variable_ids, selected);
  if (dropdown == self->x_dropdown)
    lm_view_set_plot_x (self->view, id);
  else
    lm_view_set_plot_y (self->view, id);
}

/* GObject overrides */

static void
lm_plot_panel_dispose (GObject *object)
{
  LmPlotPanel *self = LM_PLOT_PANEL (object);

  disconnect_view (self);
  self->plot = NULL;
  g_clear_object (&self->model);
  /* AdwBin unparents its child itself: let go of it first, or it would
   * be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_PLOT_PANEL);

  G_OBJECT_CLASS (lm_plot_panel_parent_class)->dispose (object);
}

static void
lm_plot_panel_finalize (GObject *object)
{
  LmPlotPanel *self = LM_PLOT_PANEL (object);

  g_clear_pointer (&self->preset_ids, g_ptr_array_unref);
  g_clear_pointer (&self->variable_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (lm_plot_panel_parent_class)->finalize (object);
}

static void
lm_plot_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LmPlotPanel *self = LM_PLOT_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_plot_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LmPlotPanel *self = LM_PLOT_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      lm_plot_panel_set_view (self, g_value_get_object (value));
      break;
    case PROP_TEXT_SCALE:
      lm_plot_panel_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_plot_panel_class_init (LmPlotPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_plot_panel_dispose;
  object_class->finalize = lm_plot_panel_finalize;
  object_class->get_property = lm_plot_panel_get_property;
  object_class->set_property = lm_plot_panel_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmPlotPanel::area-activated:
   * @self: the panel
   * @level: (type gpointer): the plot's LmLevel
   * @area: the area double-clicked
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  g_type_ensure (LM_TYPE_SCATTER_PLOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/levelmap/Levelmap/ui/lm-plot-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, preset_list);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, weighted_button);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, intervals_button);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, axes_revealer);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, x_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, x_list);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, y_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, y_list);
  gtk_widget_class_bind_template_child (widget_class, LmPlotPanel, plot_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_axis_selected_cb);
}

/* A figure's title can be long ("Leave vote vs CNI (local authorities)"):
 * on the button it gives way to the map beside the plot, ellipsized; the
 * list below shows it whole. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

static void
lm_plot_panel_init (LmPlotPanel *self)
{
  g_autoptr(GtkListItemFactory) button_factory = label_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory_new (FALSE);

  self->preset_ids = g_ptr_array_new_with_free_func (g_free);
  self->variable_ids = g_ptr_array_new_with_free_func (g_free);
  self->text_scale = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_factory (self->preset_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->preset_dropdown, list_factory);
  lm_accessible_name_dropdown (self->preset_dropdown, _("Scatter plot"));
  lm_accessible_name_dropdown (self->x_dropdown, _("Horizontal axis"));
  lm_accessible_name_dropdown (self->y_dropdown, _("Vertical axis"));
}

/* Public API */

GtkWidget *
lm_plot_panel_new (void)
{
  return g_object_new (LM_TYPE_PLOT_PANEL, NULL);
}

LmView *
lm_plot_panel_get_view (LmPlotPanel *self)
{
  g_return_val_if_fail (LM_IS_PLOT_PANEL (self), NULL);
  return self->view;
}

void
lm_plot_panel_set_view (LmPlotPanel *self,
                        LmView      *view)
{
  static const char * const followed[] = {
    "notify::plot-preset", "notify::plot-x", "notify::plot-y",
  };

  g_return_if_fail (LM_IS_PLOT_PANEL (self));
  g_return_if_fail (view == NULL || LM_IS_VIEW (view));

  if (self->view == view)
    return;
  disconnect_view (self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (followed); i++)
        g_signal_connect_object (view, followed[i], G_CALLBACK (sync_from_view), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::plot-level", G_CALLBACK (on_view_plot_level_cb),
                               self, G_CONNECT_SWAPPED);
      self->weighted_binding =
        g_object_bind_property (view, "weighted", self->weighted_button, "active",
                                G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
      self->intervals_binding =
        g_object_bind_property (lm_view_get_analysis (view), "show-intervals", self->intervals_button,
                                "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
    }
  /* The plot's bindings are made with the plot: a new one for the view. */
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
lm_plot_panel_set_model (LmPlotPanel *self,
                         LmModel     *model)
{
  g_return_if_fail (LM_IS_PLOT_PANEL (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_variables_changed_cb, self);
  g_set_object (&self->model, model);
  /* A run's or a comparison's results are variables to plot too. */
  if (model != NULL)
    g_signal_connect_object (model, "variables-changed", G_CALLBACK (on_variables_changed_cb), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
}

GtkWidget *
lm_plot_panel_get_plot (LmPlotPanel *self)
{
  g_return_val_if_fail (LM_IS_PLOT_PANEL (self), NULL);
  return self->plot;
}

double
lm_plot_panel_get_text_scale (LmPlotPanel *self)
{
  g_return_val_if_fail (LM_IS_PLOT_PANEL (self), 1.0);
  return self->text_scale;
}

void
lm_plot_panel_set_text_scale (LmPlotPanel *self,
                              double       scale)
{
  g_return_if_fail (LM_IS_PLOT_PANEL (self));
  g_return_if_fail (scale >= 0.5 && scale <= 4.0);

  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  if (self->plot != NULL)
    lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), scale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}
