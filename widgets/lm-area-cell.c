/* lm-area-cell.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-area-cell.h"

/* What GtkInscription does for a list cell, at a fraction of the cost
 * where the area table spends it. GTK 4.8's column view keeps some 200
 * rows of 7 cells, and builds or destroys dozens of rows whenever a
 * filter keystroke makes the matches cross that number: a GtkInscription
 * made a Pango context of its own when built, and measured its height by
 * shaping Pango's sample text again every time (pango_context_get_
 * metrics), a third of the cost of a new row. These cells share the
 * column view's context and measure its font once, and lay out their
 * text only when drawn. */

/* Matches GtkInscription's default "min-chars". */
#define MIN_CHARS 3

typedef struct
{
  guint serial;     /* of the context they were measured in */
  int   width;      /* MIN_CHARS characters, in pixels */
  int   height;     /* a line, in pixels */
  int   baseline;   /* from the top of a line, in pixels */
} Metrics;

struct _LmAreaCell
{
  GtkWidget    parent_instance;

  char        *text;
  gboolean     numeric;
  PangoLayout *layout;        /* made when first drawn */
  gboolean     layout_stale;  /* the text changed since */
};

G_DEFINE_FINAL_TYPE (LmAreaCell, lm_area_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_NUMERIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark metrics_quark;

/* Auxiliary methods */

/* The context of the column view the cell is in: cells take their font
 * from it, and one context serves them all. */
static PangoContext *
get_context (LmAreaCell *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_COLUMN_VIEW);

  return gtk_widget_get_pango_context (view != NULL ? view : GTK_WIDGET (self));
}

static const Metrics *
get_metrics (LmAreaCell *self)
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

      if (line == 0)
        line = pango_font_metrics_get_ascent (font) + pango_font_metrics_get_descent (font);
      metrics->width =
        PANGO_PIXELS_CEIL (MIN_CHARS * pango_font_metrics_get_approximate_char_width (font));
      metrics->height = PANGO_PIXELS_CEIL (line);
      metrics->baseline = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (font));
      metrics->serial = pango_context_get_serial (context);
      pango_font_metrics_unref (font);
    }
  return metrics;
}

static PangoLayout *
get_layout (LmAreaCell *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (get_context (self));
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->numeric)
        {
          PangoAttrList *attributes = pango_attr_list_new ();

          /* Adwaita's .numeric: tabular figures, so that columns align. */
          pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attributes);
          pango_attr_list_unref (attributes);
        }
      self->layout_stale = TRUE;
    }
  if (self->layout_stale)
    {
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      self->layout_stale = FALSE;
    }
  pango_layout_set_alignment (self->layout, self->numeric != rtl ? PANGO_ALIGN_RIGHT
                                                                 : PANGO_ALIGN_LEFT);
  return self->layout;
}

/* GtkWidget overrides */

static GtkSizeRequestMode
lm_area_cell_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
lm_area_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  const Metrics *metrics = get_metrics (LM_AREA_CELL (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = metrics->width;
      return;
    }
  *minimum = *natural = metrics->height;
  *minimum_baseline = *natural_baseline = metrics->baseline;
}

static void
lm_area_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LmAreaCell *self = LM_AREA_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  PangoRectangle logical;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  layout = get_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  /* Centred on the line, as GtkInscription's default yalign puts it. */
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0,
                              floor ((height - logical.height) / 2.0), layout);
}

static void
lm_area_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

/* GObject overrides */

static void
lm_area_cell_finalize (GObject *object)
{
  LmAreaCell *self = LM_AREA_CELL (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (lm_area_cell_parent_class)->finalize (object);
}

static void
lm_area_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LmAreaCell *self = LM_AREA_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_NUMERIC:
      g_value_set_boolean (value, self->numeric);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_area_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LmAreaCell *self = LM_AREA_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      lm_area_cell_set_text (self, g_value_get_string (value));
      break;
    case PROP_NUMERIC:
      self->numeric = g_value_get_boolean (value);
      if (self->numeric)
        gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_area_cell_class_init (LmAreaCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lm_area_cell_finalize;
  object_class->get_property = lm_area_cell_get_property;
  object_class->set_property = lm_area_cell_set_property;

  widget_class->get_request_mode = lm_area_cell_get_request_mode;
  widget_class->measure = lm_area_cell_measure;
  widget_class->snapshot = lm_area_cell_snapshot;
  widget_class->direction_changed = lm_area_cell_direction_changed;

  /**
   * LmAreaCell:text:
   *
   * The text shown, or %NULL.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LmAreaCell:numeric:
   *
   * Whether the cell shows a number: aligned to the end, with tabular
   * figures.
   */
  properties[PROP_NUMERIC] =
    g_param_spec_boolean ("numeric", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  metrics_quark = g_quark_from_static_string ("lm-area-cell-metrics");
}

static void
lm_area_cell_init (LmAreaCell *self)
{
}

/* Public API */

GtkWidget *
lm_area_cell_new (gboolean numeric)
{
  return g_object_new (LM_TYPE_AREA_CELL, "numeric", numeric, NULL);
}

gboolean
lm_area_cell_get_numeric (LmAreaCell *self)
{
  g_return_val_if_fail (LM_IS_AREA_CELL (self), FALSE);
  return self->numeric;
}

const char *
lm_area_cell_get_text (LmAreaCell *self)
{
  g_return_val_if_fail (LM_IS_AREA_CELL (self), NULL);
  return self->text;
}

void
lm_area_cell_set_text (LmAreaCell *self,
                       const char *text)
{
  g_return_if_fail (LM_IS_AREA_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->layout_stale = TRUE;
  /* The size does not depend on the text: a redraw, never a relayout. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
