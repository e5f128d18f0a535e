/* lm-legend.c — the on-screen legend of a choropleth
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lm-custom-weights.h"
#include "lm-accessible.h"
#include "lm-legend.h"
#include "lm-legend-private.h"
#include "lm-legend-renderer.h"

#define PADDING 8.0

struct _LmLegend
{
  GtkWidget         parent_instance;

  /* Owned references */
  LmChoropleth     *map;
  LmLegendRenderer *renderer;
  GskRenderNode    *node;          /* cached drawing, dropped on change */

  /* Children: the button that folds the legend away, and one focusable
   * button over each drawn row, for the keyboard and screen readers
   * (GTK 4.8 has no accessible objects for drawn parts). Pointer events
   * pass through the row buttons to the legend's own gesture. */
  GtkWidget        *toggle;
  GtkWidget        *toggle_icon;
  GtkWidget        *toggle_label;
  GPtrArray        *rows;          /* GtkWidget* row buttons, children */
  GPtrArray        *spare_rows;    /* more, hidden children, for more rows */

  gboolean          have_classes;
  gboolean          collapsed;
  gboolean          styled;         /* css_changed() has given it its font */
  gboolean          layout_pending; /* update_legend() waited for that */
  double            width;
  double            height;
  int               hover_row;

  /* The widest it has been for this level of these data in this font:
   * a variable switch does not narrow it, so that switching back and
   * forth does not relay the window out (issue 11). */
  double            steady_width;
  gconstpointer     steady_level;
  char             *steady_font;   /* the family and size it was for */
};

G_DEFINE_FINAL_TYPE (LmLegend, lm_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_COLLAPSED,
  N_PROPS
};

#define ROW_QUARK (row_quark ())
G_DEFINE_QUARK (lm-legend-row, row)

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Shared with LmBivariateLegend (lm-legend-private.h)                  */
/* ------------------------------------------------------------------ */

gboolean
_lm_legend_is_dark (void)
{
  return adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
_lm_legend_add_controllers (GtkWidget *legend,
                            GCallback  on_motion,
                            GCallback  on_leave,
                            GCallback  on_released,
                            GCallback  on_dark_changed)
{
  GtkEventController *controller = gtk_event_controller_motion_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  g_signal_connect_swapped (controller, "enter", on_motion, legend);
  g_signal_connect_swapped (controller, "motion", on_motion, legend);
  g_signal_connect_swapped (controller, "leave", on_leave, legend);
  gtk_widget_add_controller (legend, controller);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", on_released, legend);
  gtk_widget_add_controller (legend, GTK_EVENT_CONTROLLER (gesture));

  if (adw_is_initialized ())
    g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", on_dark_changed,
                              legend);
}

void
_lm_legend_select_areas (LmModel         *model,
                         LmLevel         *level,
                         GArray          *areas,
                         LmSelectionMode  mode)
{
  LmSelection *selection = lm_model_get_selection (model);

  if (areas->len > 0)
    lm_selection_select (selection, level, (const guint *) (gpointer) areas->data, areas->len,
                         mode);
  else if (mode == LM_SELECTION_REPLACE)
    lm_selection_clear (selection);
}

/* ------------------------------------------------------------------ */
/* Auxiliary methods                                                    */
/* ------------------------------------------------------------------ */

static void
update_accessible (LmLegend *self)
{
  const LmClassification *classes = self->map ? lm_choropleth_get_classification (self->map) : NULL;
  LmVariable *variable = self->map ? lm_choropleth_get_current_variable (self->map) : NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  if (classes != NULL && variable != NULL)
    {
      g_string_append_printf (description, "%s.", variable->title);
      for (int k = (int) classes->n_classes - 1; k >= 0; k--)
        {
          g_autofree char *lower = lm_variable_format_value (variable, classes->lower[k]);
          g_autofree char *upper = lm_variable_format_value (variable, classes->upper[k]);

          g_string_append_c (description, ' ');
          /* Translators: one legend class for screen readers: bounds and count */
          g_string_append_printf (description,
                                  ngettext ("%s to %s: %u area.", "%s to %s: %u areas.",
                                            classes->count[k]),
                                  lower, upper, classes->count[k]);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map legend"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* The legend's type follows the CSS font of the widget, so the
 * presentation view's larger type reaches it too. The renderer's own
 * default (13 px) matches the normal 11 pt interface font. */
gboolean
lm_legend_get_context_font (PangoContext  *context,
                            const char   **family,
                            double        *px_size)
{
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size, dpi;

  if (desc == NULL || pango_font_description_get_size (desc) <= 0)
    return FALSE;
  size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    {
      dpi = pango_cairo_context_get_resolution (context);
      size *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  *family = pango_font_description_get_family (desc);
  *px_size = size * 13.0 / (11.0 * 96.0 / 72.0);
  return TRUE;
}

static void
sync_font (LmLegend *self)
{
  PangoContext *context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  g_autofree char *font = NULL;
  const char *family;
  double size;

  if (lm_legend_get_context_font (context, &family, &size))
    {
      lm_legend_renderer_set_font (self->renderer, family, size);
      /* Every change of style comes here (a hover too): only another
       * font starts the steady width afresh. */
      font = g_strdup_printf ("%s %g", family, size);
      if (g_strcmp0 (font, self->steady_font) != 0)
        {
          g_free (self->steady_font);
          self->steady_font = g_steal_pointer (&font);
          self->steady_width = 0;
        }
    }
  g_object_unref (context);
}

static int
row_id (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (row), ROW_QUARK));
}

/* "27.5 – 87.1: 1,485 wards": a row read out, counting in the noun of
 * the level it counts. */
static char *
describe_row (LmLegend *self,
              int       id)
{
  g_autofree char *text = lm_legend_renderer_describe_row (self->renderer, id);
  LmLevel *level = id == LM_LEGEND_HIT_LEFT_BEHIND ? lm_choropleth_get_left_behind (self->map, NULL)
                                                   : lm_choropleth_get_current_level (self->map);
  const char *end;

  if (text == NULL || level == NULL || (end = g_strrstr (text, " ")) == NULL)
    return g_steal_pointer (&text);
  /* The renderer says "areas"; the level knows what they are. */
  return g_strdup_printf ("%.*s %s", (int) (end - text), text, lm_level_get_plural (level));
}

static void
on_row_clicked_cb (LmLegend  *self,
                   GtkButton *row)
{
  lm_legend_select_row (self, row_id (GTK_WIDGET (row)), LM_SELECTION_REPLACE);
}

/* One focusable button per drawn row, in the drawn order; rebuilt only
 * when the rows themselves change, not their counts. */
static void
sync_rows (LmLegend *self)
{
  static const int extra[] = { LM_LEGEND_HIT_NO_DATA, LM_LEGEND_HIT_LEFT_BEHIND };
  const LmClassification *classes = self->have_classes ? lm_choropleth_get_classification (self->map)
                                                       : NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  double x, y, w, h;
  gboolean same;

  for (int k = classes != NULL ? (int) classes->n_classes - 1 : -1; k >= 0; k--)
    g_array_append_val (ids, k);
  for (guint i = 0; classes != NULL && i < G_N_ELEMENTS (extra); i++)
    if (lm_legend_renderer_get_row_rect (self->renderer, extra[i], &x, &y, &w, &h))
      g_array_append_val (ids, extra[i]);

  same = ids->len == self->rows->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = row_id (g_ptr_array_index (self->rows, i)) == g_array_index (ids, int, i);
  if (!same)
    {
      /* The buttons stay children, hidden when spare: a child added or
       * removed relays the window out, even in a folded legend. */
      while (self->rows->len > 0)
        {
          GtkWidget *row = g_ptr_array_steal_index (self->rows, self->rows->len - 1);

          gtk_widget_set_child_visible (row, FALSE);
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          g_ptr_array_add (self->spare_rows, row);
        }
      for (guint i = 0; i < ids->len; i++)
        {
          GtkWidget *row;

          if (self->spare_rows->len > 0)
            row = g_ptr_array_steal_index (self->spare_rows, self->spare_rows->len - 1);
          else
            {
              row = gtk_button_new ();
              gtk_widget_add_css_class (row, "flat");
              gtk_widget_add_css_class (row, "lm-legend-row");
              gtk_widget_set_can_target (row, FALSE);
              gtk_widget_insert_before (row, GTK_WIDGET (self), self->toggle);
              g_signal_connect_object (row, "clicked", G_CALLBACK (on_row_clicked_cb), self,
                                       G_CONNECT_SWAPPED);
            }
          g_object_set_qdata (G_OBJECT (row), ROW_QUARK, GINT_TO_POINTER (g_array_index (ids, int, i)));
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
          gtk_widget_set_child_visible (row, !self->collapsed);
          g_ptr_array_add (self->rows, row);
        }
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *label = describe_row (self, row_id (row));

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Enter selects these areas; Shift+Enter adds them"), -1);
    }
}

static void
remove_row (gpointer data)
{
  gtk_widget_unparent (data);
}

static void
update_toggle (LmLegend *self)
{
  const char *label = self->collapsed ? _("Show the legend") : _("Hide the legend");

  gtk_widget_set_visible (self->toggle_label, self->collapsed);
  gtk_widget_set_tooltip_text (self->toggle, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_STATE_EXPANDED,
                               !self->collapsed, -1);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->toggle_icon),
                                self->collapsed ? "pan-down-symbolic" : "pan-up-symbolic");
}

static void
on_toggle_clicked_cb (LmLegend  *self,
                      GtkButton *toggle)
{
  lm_legend_set_collapsed (self, !self->collapsed);
}

/* Measured on the kind of surface snapshot() draws on (GTK records a
 * Cairo node's drawing), so that the renderer lays the text out with
 * the same font settings and keeps it for the drawing. */
static void
measure (LmLegend *self)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  lm_legend_renderer_measure (self->renderer, cr, &self->width, &self->height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
layout_legend (LmLegend *self)
{
  const LmClassification *classes = NULL;
  LmVariable *variable = NULL;
  double old_width, old_height;
  gboolean had_classes = self->have_classes;
  LmColor fg;

  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->hover_row = LM_LEGEND_HIT_NONE;
  if (self->map != NULL)
    {
      classes = lm_choropleth_get_classification (self->map);
      variable = lm_choropleth_get_current_variable (self->map);
    }
  /* A legend without a map drawn (no boundaries for the level) would
   * describe nothing on screen. */
  self->have_classes = classes != NULL && variable != NULL &&
                       lm_choropleth_get_current_level (self->map) != NULL &&
                       lm_choropleth_get_current_level (self->map)->shapes != NULL;
  if (self->have_classes)
    {
      LmModel *model = lm_choropleth_get_model (self->map);
      LmLevel *level = lm_choropleth_get_current_level (self->map);
      LmColor no_data = lm_choropleth_get_no_data_color (self->map);
      const LmColor *colors = lm_choropleth_get_class_colors (self->map, NULL);
      g_autofree char *subtitle = NULL;
      g_autofree char *custom = model != NULL ? lm_custom_weights_describe (model) : NULL;
      LmLevel *rule_level;
      guint n_left_behind;

      lm_legend_renderer_set_classes (self->renderer, variable, classes, colors, &no_data);
      lm_legend_renderer_set_custom_weights (self->renderer, custom);
      if (model != NULL && level != NULL)
        subtitle = g_strdup_printf ("%s · %s", lm_dataset_get_title (lm_model_get_dataset (model)),
                                    level->title);
      lm_legend_renderer_set_title (self->renderer, NULL, subtitle);
      rule_level = lm_choropleth_get_left_behind (self->map, &n_left_behind);
      if (rule_level != NULL)
        {
          /* What is counted: wards in 2019, LSOAs in 2023, whatever
           * level the map shows (issue 13). */
          /* TRANSLATORS: legend row, e.g. "Left behind: wards" */
          g_autofree char *label = g_strdup_printf (_("Left behind: %s"),
                                                    lm_level_get_plural (rule_level));

          lm_legend_renderer_set_left_behind (self->renderer,
                                              lm_choropleth_get_show_left_behind (self->map),
                                              label, n_left_behind);
        }
      else
        lm_legend_renderer_set_left_behind (self->renderer, FALSE, NULL, 0);
    }
  fg = _lm_legend_is_dark () ? (LmColor) { 0.95, 0.95, 0.95, 1 } : (LmColor) { 0.1, 0.1, 0.1, 1 };
  lm_legend_renderer_set_foreground (self->renderer, &fg);
  old_width = self->width;
  old_height = self->height;
  if (self->have_classes)
    {
      int toggle;

      gtk_widget_measure (self->toggle, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &toggle, NULL, NULL);
      lm_legend_renderer_set_title_inset (self->renderer, toggle);
      /* Another level or data (or font: sync_font()) start afresh. */
      if (lm_choropleth_get_current_level (self->map) != self->steady_level)
        {
          self->steady_level = lm_choropleth_get_current_level (self->map);
          self->steady_width = 0;
        }
      lm_legend_renderer_set_min_width (self->renderer, self->steady_width);
      measure (self);
      self->steady_width = MAX (self->steady_width, self->width);
    }
  else
    self->width = self->height = 0;
  update_accessible (self);
  sync_rows (self);
  /* Every weight change lands here: relayout the window only when the
   * legend's size really changed, or the slider misses its frame. A
   * folded legend is its toggle, whatever it holds. */
  if (self->have_classes != had_classes ||
      (!self->collapsed && (self->width != old_width || self->height != old_height)))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Until its CSS gives it a font (css_changed()), a legend lays nothing
 * out: css_changed() lays it out then. The window's legend was laid out
 * with the renderer's default font when the map's classes came, and
 * again with the CSS font in the first map frame (12 million
 * instructions each). What reads the layout before that, outside a
 * window, asks for it (ensure_layout()). */
static void
update_legend (LmLegend *self)
{
  if (!self->styled)
    {
      self->layout_pending = TRUE;
      g_clear_pointer (&self->node, gsk_render_node_unref);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }
  self->layout_pending = FALSE;
  layout_legend (self);
}

static void
ensure_layout (LmLegend *self)
{
  if (!self->layout_pending)
    return;
  self->layout_pending = FALSE;
  layout_legend (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */
/* ------------------------------------------------------------------ */

static void
on_classes_changed_cb (LmLegend     *self,
                       LmChoropleth *map)
{
  update_legend (self);
}

static void
on_style_changed_cb (LmLegend   *self,
                     GParamSpec *pspec,
                     gpointer    manager)
{
  update_legend (self);
}

static void
on_motion_cb (LmLegend                 *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  int row = lm_legend_hit_test (self, x, y);

  if (row == LM_LEGEND_HIT_TITLE)
    row = LM_LEGEND_HIT_NONE;
  if (row == self->hover_row)
    return;
  self->hover_row = row;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), row != LM_LEGEND_HIT_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (LmLegend                 *self,
             GtkEventControllerMotion *controller)
{
  if (self->hover_row != LM_LEGEND_HIT_NONE)
    {
      self->hover_row = LM_LEGEND_HIT_NONE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_click_released_cb (LmLegend        *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int row = lm_legend_hit_test (self, x, y);

  lm_legend_select_row (self, row, (state & GDK_SHIFT_MASK) ? LM_SELECTION_ADD : LM_SELECTION_REPLACE);
}

/* ------------------------------------------------------------------ */
/* GtkWidget overrides                                                  */
/* ------------------------------------------------------------------ */

static void
lm_legend_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lm_legend_parent_class)->css_changed (widget, change);
  LM_LEGEND (widget)->styled = TRUE;
  sync_font (LM_LEGEND (widget));
  update_legend (LM_LEGEND (widget));
}

static void
lm_legend_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  LmLegend *self = LM_LEGEND (widget);
  int toggle_min, toggle_nat;

  ensure_layout (self);
  gtk_widget_measure (self->toggle, orientation, -1, &toggle_min, &toggle_nat, NULL, NULL);
  if (self->collapsed || !self->have_classes)
    {
      *minimum = *natural = self->have_classes ? toggle_nat : 0;
      return;
    }
  /* The toggle sits in the room the title leaves it (its inset). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) ceil (self->width + 2 * PADDING);
  else
    *minimum = *natural = MAX ((int) ceil (self->height + 2 * PADDING), toggle_nat);
}

static void
lm_legend_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  LmLegend *self = LM_LEGEND (widget);
  GtkRequisition toggle;

  ensure_layout (self);
  gtk_widget_get_preferred_size (self->toggle, NULL, &toggle);
  gtk_widget_size_allocate (self->toggle,
                            &(GtkAllocation) { self->collapsed ? 0 : width - PADDING - toggle.width,
                                               self->collapsed ? 0 : (int) PADDING / 2,
                                               self->collapsed ? width : toggle.width,
                                               self->collapsed ? height : toggle.height },
                            -1);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      double x, y, w, h;

      /* Measured, even if drawn over: GTK wants every child measured. */
      gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      if (!lm_legend_renderer_get_row_rect (self->renderer, row_id (row), &x, &y, &w, &h))
        x = y = w = h = 0;
      gtk_widget_size_allocate (row,
                                &(GtkAllocation) { (int) floor (PADDING + x - 4),
                                                   (int) floor (PADDING + y),
                                                   (int) ceil (w + 8), (int) ceil (h) },
                                -1);
    }
}

/* Tab enters the legend at its toggle, then at one row, and leaves;
 * the arrows move between rows, as in a list. */
static gboolean
lm_legend_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  LmLegend *self = LM_LEGEND (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);
  gboolean on_row = focus != NULL && focus != self->toggle;
  gboolean rows;
  guint at = 0;

  ensure_layout (self);
  rows = !self->collapsed && self->rows->len > 0;
  if (on_row)
    g_ptr_array_find (self->rows, focus, &at);
  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
      if (focus == NULL)
        return gtk_widget_grab_focus (self->toggle);
      if (focus == self->toggle && rows)
        return gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
      return FALSE;
    case GTK_DIR_TAB_BACKWARD:
      if (focus == NULL && rows)
        return gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
      if (focus == NULL || on_row)
        return gtk_widget_grab_focus (self->toggle);
      return FALSE;
    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
      if (!on_row)
        return FALSE;
      if (direction == GTK_DIR_UP && at > 0)
        return gtk_widget_grab_focus (g_ptr_array_index (self->rows, at - 1));
      if (direction == GTK_DIR_DOWN && at + 1 < self->rows->len)
        return gtk_widget_grab_focus (g_ptr_array_index (self->rows, at + 1));
      /* At the ends the focus stays: the arrows do not leave a list. */
      gtk_widget_error_bell (widget);
      return TRUE;
    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
    default:
      return on_row;
    }
}

static void
lm_legend_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  LmLegend *self = LM_LEGEND (widget);
  double x, y, w, h;

  ensure_layout (self);
  if (!self->have_classes)
    return;
  if (!self->collapsed)
    {
      if (self->node == NULL)
        {
          GtkSnapshot *child = gtk_snapshot_new ();
          cairo_t *cr = gtk_snapshot_append_cairo (child,
                                                   &GRAPHENE_RECT_INIT (0, 0,
                                                                        self->width + 2 * PADDING,
                                                                        self->height + 2 * PADDING));
          lm_legend_renderer_draw (self->renderer, cr, PADDING, PADDING);
          cairo_destroy (cr);
          self->node = gtk_snapshot_free_to_node (child);
        }
      if (self->hover_row != LM_LEGEND_HIT_NONE &&
          lm_legend_renderer_get_row_rect (self->renderer, self->hover_row, &x, &y, &w, &h))
        {
          GdkRGBA tint = _lm_legend_is_dark () ? (GdkRGBA) { 1, 1, 1, 0.1 }
                                               : (GdkRGBA) { 0, 0, 0, 0.07 };

          gtk_snapshot_append_color (snapshot, &tint,
                                     &GRAPHENE_RECT_INIT (PADDING + x - 4, PADDING + y, w + 8, h));
        }
      if (self->node != NULL)
        gtk_snapshot_append_node (snapshot, self->node);
      for (guint i = 0; i < self->rows->len; i++)
        gtk_widget_snapshot_child (widget, g_ptr_array_index (self->rows, i), snapshot);
    }
  gtk_widget_snapshot_child (widget, self->toggle, snapshot);
}

/* ------------------------------------------------------------------ */
/* GObject overrides                                                    */
/* ------------------------------------------------------------------ */

static void
lm_legend_dispose (GObject *object)
{
  LmLegend *self = LM_LEGEND (object);

  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->spare_rows != NULL)
    g_ptr_array_set_size (self->spare_rows, 0);
  g_clear_pointer (&self->toggle, gtk_widget_unparent);

  G_OBJECT_CLASS (lm_legend_parent_class)->dispose (object);
}

static void
lm_legend_finalize (GObject *object)
{
  LmLegend *self = LM_LEGEND (object);

  g_clear_pointer (&self->renderer, lm_legend_renderer_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  g_clear_pointer (&self->steady_font, g_free);

  G_OBJECT_CLASS (lm_legend_parent_class)->finalize (object);
}

static void
lm_legend_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LmLegend *self = LM_LEGEND (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_legend_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LmLegend *self = LM_LEGEND (object);

  switch (prop_id)
    {
    case PROP_MAP:
      lm_legend_set_map (self, g_value_get_object (value));
      break;
    case PROP_COLLAPSED:
      lm_legend_set_collapsed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LmLegend *self = LM_LEGEND (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);

  if (focus != NULL && focus != self->toggle)
    lm_legend_select_row (self, row_id (focus), LM_SELECTION_ADD);
}

static void
lm_legend_class_init (LmLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_legend_dispose;
  object_class->finalize = lm_legend_finalize;
  object_class->get_property = lm_legend_get_property;
  object_class->set_property = lm_legend_set_property;

  widget_class->measure = lm_legend_measure;
  widget_class->size_allocate = lm_legend_size_allocate;
  widget_class->focus = lm_legend_focus;
  widget_class->css_changed = lm_legend_css_changed;
  widget_class->snapshot = lm_legend_snapshot;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, LM_TYPE_CHOROPLETH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LmLegend:collapsed:
   *
   * Folded away to one "Legend" button, to leave a small map its room.
   */
  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Shift+Enter on a row adds its areas, as Shift+click does. */
  gtk_widget_class_install_action (widget_class, "legend.add-row", NULL, add_row_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK,
                                       "legend.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK,
                                       "legend.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_SHIFT_MASK,
                                       "legend.add-row", NULL);

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lm_legend_init (LmLegend *self)
{
  self->renderer = lm_legend_renderer_new ();
  self->hover_row = LM_LEGEND_HIT_NONE;
  self->rows = g_ptr_array_new_with_free_func (remove_row);
  self->spare_rows = g_ptr_array_new_with_free_func (remove_row);

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->toggle = gtk_button_new ();
    self->toggle_icon = gtk_image_new ();
    /* TRANSLATORS: the button a folded legend shrinks to */
    self->toggle_label = gtk_label_new (_("Legend"));
    gtk_box_append (GTK_BOX (box), self->toggle_icon);
    gtk_box_append (GTK_BOX (box), self->toggle_label);
    gtk_button_set_child (GTK_BUTTON (self->toggle), box);
    lm_accessible_hide_decorations (box);
    gtk_widget_add_css_class (self->toggle, "flat");
    gtk_widget_add_css_class (self->toggle, "lm-legend-toggle");
    gtk_widget_set_parent (self->toggle, GTK_WIDGET (self));
    g_signal_connect_object (self->toggle, "clicked", G_CALLBACK (on_toggle_clicked_cb), self,
                             G_CONNECT_SWAPPED);
    update_toggle (self);
  }

  _lm_legend_add_controllers (GTK_WIDGET (self), G_CALLBACK (on_motion_cb),
                              G_CALLBACK (on_leave_cb), G_CALLBACK (on_click_released_cb),
                              G_CALLBACK (on_style_changed_cb));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Click a class to select its areas; Shift+click adds them"));
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
lm_legend_new (LmChoropleth *map)
{
  g_return_val_if_fail (map == NULL || LM_IS_CHOROPLETH (map), NULL);

  return g_object_new (LM_TYPE_LEGEND, "map", map, NULL);
}

LmChoropleth *
lm_legend_get_map (LmLegend *self)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), NULL);
  return self->map;
}

void
lm_legend_set_map (LmLegend     *self,
                   LmChoropleth *map)
{
  g_return_if_fail (LM_IS_LEGEND (self));
  g_return_if_fail (map == NULL || LM_IS_CHOROPLETH (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_object (map, "classes-changed", G_CALLBACK (on_classes_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (map, "notify::show-left-behind", G_CALLBACK (on_classes_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

int
lm_legend_hit_test (LmLegend *self,
                    double    x,
                    double    y)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), LM_LEGEND_HIT_NONE);

  ensure_layout (self);
  if (!self->have_classes || self->collapsed)
    return LM_LEGEND_HIT_NONE;
  return lm_legend_renderer_hit_test (self->renderer, x - PADDING, y - PADDING);
}

void
lm_legend_set_show_counts (LmLegend *self,
                           gboolean  show_counts)
{
  g_return_if_fail (LM_IS_LEGEND (self));

  lm_legend_renderer_set_show_counts (self->renderer, show_counts);
  update_legend (self);
}

char *
lm_legend_describe_row (LmLegend *self,
                        int       row)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), NULL);

  ensure_layout (self);
  return self->have_classes ? describe_row (self, row) : NULL;
}

gboolean
lm_legend_select_row (LmLegend        *self,
                      int              row,
                      LmSelectionMode  mode)
{
  g_autoptr(GArray) areas = NULL;
  LmModel *model;
  LmLevel *level = NULL;
  const gint8 *classes;
  guint n_areas = 0;

  g_return_val_if_fail (LM_IS_LEGEND (self), FALSE);

  if (self->map == NULL || (model = lm_choropleth_get_model (self->map)) == NULL)
    return FALSE;
  areas = g_array_new (FALSE, FALSE, sizeof (guint));

  if (row == LM_LEGEND_HIT_LEFT_BEHIND)
    {
      LmVariable *flag;

      level = lm_choropleth_get_left_behind (self->map, NULL);
      if (level == NULL)
        return FALSE;
      flag = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model))->flag;
      for (guint a = 0; flag != NULL && a < level->n_areas; a++)
        if (flag->values[a] == 1)
          g_array_append_val (areas, a);
    }
  else if (row >= 0 || row == LM_LEGEND_HIT_NO_DATA)
    {
      int wanted = row >= 0 ? row : -1;

      level = lm_choropleth_get_current_level (self->map);
      classes = lm_choropleth_get_area_classes (self->map, &n_areas);
      if (level == NULL || classes == NULL)
        return FALSE;
      for (guint a = 0; a < n_areas; a++)
        if (classes[a] == wanted)
          g_array_append_val (areas, a);
    }
  else
    return FALSE;

  _lm_legend_select_areas (model, level, areas, mode);
  return TRUE;
}

gboolean
lm_legend_get_collapsed (LmLegend *self)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), FALSE);
  return self->collapsed;
}

void
lm_legend_set_collapsed (LmLegend *self,
                         gboolean  collapsed)
{
  GtkWidget *focus;

  g_return_if_fail (LM_IS_LEGEND (self));

  collapsed = !!collapsed;
  if (self->collapsed == collapsed)
    return;
  ensure_layout (self);
  focus = gtk_widget_get_focus_child (GTK_WIDGET (self));
  self->collapsed = collapsed;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_child_visible (g_ptr_array_index (self->rows, i), !collapsed);
  /* A row about to vanish hands the focus to the toggle. */
  if (collapsed && focus != NULL && focus != self->toggle)
    gtk_widget_grab_focus (self->toggle);
  update_toggle (self);
  self->hover_row = LM_LEGEND_HIT_NONE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);
}

void
lm_legend_get_full_size (LmLegend *self,
                         int      *width,
                         int      *height)
{
  g_return_if_fail (LM_IS_LEGEND (self));

  ensure_layout (self);
  if (width != NULL)
    *width = self->have_classes ? (int) ceil (self->width + 2 * PADDING) : 0;
  if (height != NULL)
    *height = self->have_classes ? (int) ceil (self->height + 2 * PADDING) : 0;
}
