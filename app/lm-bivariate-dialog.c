/* lm-bivariate-dialog.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lm-bivariate-dialog.h"
#include "lm-bivariate-palette.h"
#include "lm-choices-private.h"

typedef struct
{
  GtkDropDown   *variable;
  GtkStringList *titles;
  GPtrArray     *ids;       /* char*, parallel to @titles */
  GtkDropDown   *cut;       /* tertiles, or breaks */
  GtkSpinButton *low;
  GtkSpinButton *high;
  GtkWidget     *low_row;
  GtkWidget     *high_row;
} Axis;

struct _LmBivariateDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkSwitch     *show_switch;
  GtkDropDown   *palette_dropdown;
  GtkStringList *palette_list;
  AdwPreferencesGroup *x_group;
  AdwPreferencesGroup *y_group;

  /* Owned references */
  LmView        *view;
  GStrv          palettes;      /* names, parallel to palette_list */

  Axis           axes[2];
  guint          updating;
};

G_DEFINE_FINAL_TYPE (LmBivariateDialog, lm_bivariate_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_changed_cb (LmBivariateDialog *self);

/* Auxiliary methods */

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         GtkWidget           *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  adw_preferences_group_add (group, row);
  return row;
}

static void
build_axis (LmBivariateDialog   *self,
            Axis                *axis,
            AdwPreferencesGroup *group)
{
  const char * const cuts[] = { N_("At its tertiles"), N_("At breaks I set"), NULL };
  g_autoptr(GtkStringList) cut_list = gtk_string_list_new (NULL);

  for (guint i = 0; cuts[i] != NULL; i++)
    gtk_string_list_append (cut_list, _(cuts[i]));
  axis->ids = g_ptr_array_new_with_free_func (g_free);
  axis->titles = gtk_string_list_new (NULL);
  axis->variable = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (axis->titles)), NULL));
  gtk_drop_down_set_enable_search (axis->variable, TRUE);
  gtk_drop_down_set_expression (axis->variable,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  axis->cut = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (cut_list)), NULL));
  axis->low = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1e9, 1e9, 1));
  axis->high = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1e9, 1e9, 1));
  gtk_spin_button_set_digits (axis->low, 1);
  gtk_spin_button_set_digits (axis->high, 1);
  add_row (group, _("_Variable"), GTK_WIDGET (axis->variable));
  add_row (group, _("_Cut"), GTK_WIDGET (axis->cut));
  axis->low_row = add_row (group, _("First _break (up to it: one end)"), GTK_WIDGET (axis->low));
  axis->high_row = add_row (group, _("Second b_reak (above it: the other end)"), GTK_WIDGET (axis->high));
  g_signal_connect_swapped (axis->variable, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (axis->cut, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (axis->low, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (axis->high, "value-changed", G_CALLBACK (on_changed_cb), self);
}

static LmLevel *
current_level (LmBivariateDialog *self)
{
  LmModel *model = lm_view_get_model (self->view);

  return model != NULL ? lm_dataset_find_level (lm_model_get_dataset (model), lm_view_get_level (self->view))
                       : NULL;
}

/* Breaks at the thirds of the variable's range, to start from. */
static void
suggest_breaks (LmBivariateDialog *self,
                Axis              *axis,
                const char        *id)
{
  LmLevel *level = current_level (self);
  LmVariable *variable = level != NULL ? lm_level_find_variable (level, id) : NULL;
  double lo = 0, hi = 0;

  if (variable == NULL)
    return;
  lm_variable_get_range (variable, &lo, &hi);
  if (isnan (lo))
    return;
  gtk_spin_button_set_value (axis->low, round (10 * (lo + (hi - lo) / 3)) / 10);
  gtk_spin_button_set_value (axis->high, round (10 * (lo + 2 * (hi - lo) / 3)) / 10);
}

/* The widgets as the settings (or the default pair) say. */
static void
sync_from_view (LmBivariateDialog *self)
{
  LmModel *model = lm_view_get_model (self->view);
  LmLevel *level = current_level (self);
  g_autofree char *spec = NULL;
  char *ids[2] = { NULL, NULL };
  LmBivariateBreaks breaks[2];

  if (self->updating > 0)
    return;
  self->updating++;
  if (model != NULL)
    spec = lm_view_analysis_resolve_bivariate (lm_view_get_analysis (self->view),
                                               lm_model_get_dataset (model), lm_view_get_level (self->view));
  if (spec == NULL || !lm_bivariate_parse (spec, &ids[0], &ids[1], &breaks[0], &breaks[1], NULL))
    memset (breaks, 0, sizeof breaks);
  for (guint k = 0; k < 2; k++)
    {
      Axis *axis = &self->axes[k];

      _lm_choices_fill_variables (level, axis->ids, axis->titles);
      gtk_drop_down_set_selected (axis->variable, ids[k] != NULL ? _lm_choices_find (axis->ids, ids[k])
                                                                 : GTK_INVALID_LIST_POSITION);
      gtk_drop_down_set_selected (axis->cut, breaks[k].given ? 1 : 0);
      if (breaks[k].given)
        {
          gtk_spin_button_set_value (axis->low, breaks[k].low);
          gtk_spin_button_set_value (axis->high, breaks[k].high);
        }
      gtk_widget_set_visible (axis->low_row, breaks[k].given);
      gtk_widget_set_visible (axis->high_row, breaks[k].given);
      g_free (ids[k]);
    }
  for (guint i = 0; self->palettes[i] != NULL; i++)
    if (g_strcmp0 (self->palettes[i], lm_view_analysis_get_bivariate_palette (lm_view_get_analysis (self->view))) == 0)
      gtk_drop_down_set_selected (self->palette_dropdown, i);
  self->updating--;
}

/* Callbacks */

static void
on_changed_cb (LmBivariateDialog *self)
{
  LmViewAnalysis *analysis;
  const char *ids[2];
  LmBivariateBreaks breaks[2];
  g_autofree char *spec = NULL;
  guint palette;

  if (self->updating > 0 || self->view == NULL)
    return;
  analysis = lm_view_get_analysis (self->view);
  palette = gtk_drop_down_get_selected (self->palette_dropdown);
  self->updating++;
  for (guint k = 0; k < 2; k++)
    {
      Axis *axis = &self->axes[k];
      guint selected = gtk_drop_down_get_selected (axis->variable);
      gboolean given = gtk_drop_down_get_selected (axis->cut) == 1;

      ids[k] = selected < axis->ids->len ? g_ptr_array_index (axis->ids, selected) : NULL;
      if (given && !gtk_widget_get_visible (axis->low_row) && ids[k] != NULL)
        suggest_breaks (self, axis, ids[k]);
      gtk_widget_set_visible (axis->low_row, given);
      gtk_widget_set_visible (axis->high_row, given);
      breaks[k].given = given;
      breaks[k].low = gtk_spin_button_get_value (axis->low);
      breaks[k].high = gtk_spin_button_get_value (axis->high);
      /* The breaks must rise: the second follows the first up. */
      if (given && !(breaks[k].high > breaks[k].low))
        gtk_spin_button_set_value (axis->high, breaks[k].high = breaks[k].low + 1);
    }
  if (ids[0] != NULL && ids[1] != NULL)
    {
      spec = lm_bivariate_to_string (ids[0], ids[1], &breaks[0], &breaks[1]);
      lm_view_analysis_set_bivariate (analysis, spec);
    }
  lm_view_analysis_set_bivariate_palette (analysis, palette < g_strv_length (self->palettes)
                                                    ? self->palettes[palette] : NULL);
  self->updating--;
}

/* GObject */

static void
lm_bivariate_dialog_constructed (GObject *object)
{
  LmBivariateDialog *self = LM_BIVARIATE_DIALOG (object);
  LmViewAnalysis *analysis = lm_view_get_analysis (self->view);

  G_OBJECT_CLASS (lm_bivariate_dialog_parent_class)->constructed (object);

  g_object_bind_property (analysis, "show-bivariate", self->show_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->view, "notify::level", G_CALLBACK (sync_from_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (sync_from_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (analysis, "notify::bivariate", G_CALLBACK (sync_from_view), self,
                           G_CONNECT_SWAPPED);
  sync_from_view (self);
}

static void
lm_bivariate_dialog_dispose (GObject *object)
{
  LmBivariateDialog *self = LM_BIVARIATE_DIALOG (object);

  g_clear_object (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_BIVARIATE_DIALOG);

  G_OBJECT_CLASS (lm_bivariate_dialog_parent_class)->dispose (object);
}

static void
lm_bivariate_dialog_finalize (GObject *object)
{
  LmBivariateDialog *self = LM_BIVARIATE_DIALOG (object);

  for (guint k = 0; k < 2; k++)
    {
      g_clear_pointer (&self->axes[k].ids, g_ptr_array_unref);
      g_clear_object (&self->axes[k].titles);
    }
  g_strfreev (self->palettes);

  G_OBJECT_CLASS (lm_bivariate_dialog_parent_class)->finalize (object);
}

static void
lm_bivariate_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LmBivariateDialog *self = LM_BIVARIATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_bivariate_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LmBivariateDialog *self = LM_BIVARIATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_bivariate_dialog_class_init (LmBivariateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lm_bivariate_dialog_constructed;
  object_class->dispose = lm_bivariate_dialog_dispose;
  object_class->finalize = lm_bivariate_dialog_finalize;
  object_class->set_property = lm_bivariate_dialog_set_property;
  object_class->get_property = lm_bivariate_dialog_get_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/levelmap/Levelmap/ui/lm-bivariate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LmBivariateDialog, show_switch);
  gtk_widget_class_bind_template_child (widget_class, LmBivariateDialog, palette_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LmBivariateDialog, palette_list);
  gtk_widget_class_bind_template_child (widget_class, LmBivariateDialog, x_group);
  gtk_widget_class_bind_template_child (widget_class, LmBivariateDialog, y_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
}

static void
lm_bivariate_dialog_init (LmBivariateDialog *self)
{
  g_autofree char *names = lm_bivariate_palette_list_names ();

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->palettes = g_strsplit (names, ", ", -1);
  for (guint i = 0; self->palettes[i] != NULL; i++)
    gtk_string_list_append (self->palette_list,
                            lm_bivariate_palette_get_title (lm_bivariate_palette_lookup (self->palettes[i], NULL)));
  build_axis (self, &self->axes[0], self->x_group);
  build_axis (self, &self->axes[1], self->y_group);
  self->updating--;
}

/* Public API */

GtkWidget *
lm_bivariate_dialog_new (LmView *view)
{
  g_return_val_if_fail (LM_IS_VIEW (view), NULL);
  return g_object_new (LM_TYPE_BIVARIATE_DIALOG, "view", view, NULL);
}
