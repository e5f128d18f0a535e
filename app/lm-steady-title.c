/* lm-steady-title.c — a title as wide as the longest of its list
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drop-down's button that shows another choice should not relay the
 * window out. GtkLabel queues a resize whenever its text changes, and in
 * GTK 4 every resize reaches the toplevel: under X11, GTK 4.8 then asks
 * the X server for the monitor and its work area (some seven round
 * trips), which waits on a busy X server (issue 11). This widget asks
 * for the width of the longest title of its list as its natural width
 * and a short title's as its minimum, in its own font, and draws the
 * current one in a GtkInscription, whose new text is drawn, not laid
 * out. Its size changes only with the list or the font.
 */
#include "config.h"

#include "lm-steady-title.h"

struct _LmSteadyTitle
{
  GtkWidget             parent_instance;

  GtkWidget            *inscription;
  GListModel           *titles;
  PangoFontDescription *font;     /* the font @widest was measured in */
  int                   widest;   /* pixels; -1 when not measured */
  int                   least;    /* its minimum width */
};

/* The characters of a short title, always shown whole. */
#define SHORT_TITLE_CHARS 9

G_DEFINE_FINAL_TYPE (LmSteadyTitle, lm_steady_title, GTK_TYPE_WIDGET)

static int
get_widest (LmSteadyTitle *self)
{
  PangoContext *context = gtk_widget_get_pango_context (self->inscription);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  /* With the CSS's text attributes, as the inscription lays it out. */
  g_autoptr(PangoLayout) layout = NULL;
  int narrowest = G_MAXINT;

  if (self->widest >= 0 && self->font != NULL && pango_font_description_equal (font, self->font))
    return self->widest;
  layout = gtk_widget_create_pango_layout (self->inscription, NULL);
  self->widest = 0;
  self->least = 0;
  for (guint i = 0; i < g_list_model_get_n_items (self->titles); i++)
    {
      g_autoptr(GtkStringObject) title = g_list_model_get_item (self->titles, i);
      const char *text = gtk_string_object_get_string (title);
      int width;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      self->widest = MAX (self->widest, width);
      narrowest = MIN (narrowest, width);
      if (g_utf8_strlen (text, -1) <= SHORT_TITLE_CHARS)
        self->least = MAX (self->least, width);
    }
  /* The least it asks for: the short titles' room ("IMD score", "CNI
   * rank"), as a label showing one asked for, so that a narrow window
   * still shows those whole; the shortest title's, if none is short. */
  if (self->least == 0)
    self->least = narrowest != G_MAXINT ? narrowest : 0;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (font);
  return self->widest;
}

static void
on_titles_changed_cb (LmSteadyTitle *self,
                      guint          position,
                      guint          removed,
                      guint          added,
                      GListModel    *titles)
{
  int widest = self->widest, least = self->least;

  self->widest = -1;
  get_widest (self);
  if (widest != self->widest || least != self->least)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
lm_steady_title_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  LmSteadyTitle *self = LM_STEADY_TITLE (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_measure (self->inscription, orientation, -1, minimum, natural,
                          minimum_baseline, natural_baseline);
      return;
    }
  /* A short title's width at least, the same whichever title is shown,
   * so that neither the window's minimum width nor what the header
   * gives its title depends on it (a narrow window ellipsizes a long
   * title, and the tooltip gives it whole, where a label made the
   * window wider than asked). Another font (the header's bold, the
   * presentation's size) resizes the inscription, and so this widget,
   * which measures again. */
  *natural = get_widest (self);
  *minimum = self->least;
}

/* The whole title when it is cut short; otherwise the tooltip of the
 * drop-down around. */
static gboolean
on_query_tooltip_cb (LmSteadyTitle *self,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip)
{
  if (!lm_steady_title_is_cut (self))
    return FALSE;
  gtk_tooltip_set_text (tooltip, lm_steady_title_get_text (self));
  return TRUE;
}

static void
lm_steady_title_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LmSteadyTitle *self = LM_STEADY_TITLE (widget);
  int line;

  /* One line high, in the middle: GtkInscription draws an ellipsized
   * title at its top. */
  gtk_widget_measure (self->inscription, GTK_ORIENTATION_VERTICAL, -1, NULL, &line, NULL, NULL);
  line = MIN (line, height);
  gtk_widget_size_allocate (self->inscription,
                            &(GtkAllocation) { 0, (height - line) / 2, width, line },
                            baseline >= 0 ? baseline - (height - line) / 2 : -1);
}

static void
lm_steady_title_dispose (GObject *object)
{
  LmSteadyTitle *self = LM_STEADY_TITLE (object);

  g_clear_pointer (&self->inscription, gtk_widget_unparent);
  if (self->titles != NULL)
    g_signal_handlers_disconnect_by_data (self->titles, self);
  g_clear_object (&self->titles);
  g_clear_pointer (&self->font, pango_font_description_free);
  G_OBJECT_CLASS (lm_steady_title_parent_class)->dispose (object);
}

static void
lm_steady_title_class_init (LmSteadyTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_steady_title_dispose;
  widget_class->measure = lm_steady_title_measure;
  widget_class->size_allocate = lm_steady_title_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
lm_steady_title_init (LmSteadyTitle *self)
{
  self->widest = -1;
  self->inscription = gtk_inscription_new (NULL);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (self->inscription), 0);
  /* It asks for no width of its own: this widget's is the longest title's. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->inscription), 0);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->inscription), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_parent (self->inscription, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * lm_steady_title_new:
 * @titles: a list of #GtkStringObject: the titles it may show
 *
 * Returns: a title as wide as the longest of @titles, whichever it shows
 */
GtkWidget *
lm_steady_title_new (GListModel *titles)
{
  LmSteadyTitle *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (titles), NULL);

  self = g_object_new (LM_TYPE_STEADY_TITLE, NULL);
  self->titles = g_object_ref (titles);
  g_signal_connect_object (titles, "items-changed", G_CALLBACK (on_titles_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
lm_steady_title_set_text (LmSteadyTitle *self,
                          const char    *text)
{
  g_return_if_fail (LM_IS_STEADY_TITLE (self));

  gtk_inscription_set_text (GTK_INSCRIPTION (self->inscription), text);
  /* Whole, however much of it is drawn. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
}

const char *
lm_steady_title_get_text (LmSteadyTitle *self)
{
  g_return_val_if_fail (LM_IS_STEADY_TITLE (self), NULL);

  return gtk_inscription_get_text (GTK_INSCRIPTION (self->inscription));
}

/**
 * lm_steady_title_is_cut:
 * @self: a title
 *
 * Returns: whether the title shown is wider than the room it has (it is
 *   ellipsized, and its tooltip gives it whole)
 */
gboolean
lm_steady_title_is_cut (LmSteadyTitle *self)
{
  const char *text;
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_return_val_if_fail (LM_IS_STEADY_TITLE (self), FALSE);

  text = lm_steady_title_get_text (self);
  if (text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (self->inscription, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width > gtk_widget_get_width (self->inscription);
}
