/* lm-presentation.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene is applied to the view at once, so the map, legend and plot
 * show it through their bindings; the map's extent and the weights are
 * then put back where they were and moved to the scene's in a tick
 * callback. The map moves by lm_choropleth_set_view(), which draws its
 * cached image transformed (cheap every frame) and renders sharply once
 * it rests.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lm-choropleth.h"
#include "lm-custom-weights.h"
#include "lm-legend.h"
#include "lm-presentation.h"
#include "lm-scatter-plot.h"
#include "lm-view-bindings.h"

struct _LmPresentation
{
  GtkWindow       parent_instance;

  /* Owned References */
  LmView         *view;
  LmStoryboard   *storyboard;
  GtkCssProvider *css;
  GVariant       *from_weights;    /* while moving */
  GVariant       *to_weights;

  /* Template Widgets (built in code) */
  GtkWidget      *stack;
  GtkWidget      *title;
  GtkWidget      *message;
  GtkWidget      *legend;
  GtkWidget      *map;
  GtkWidget      *plot;
  GtkWidget      *marker;
  GtkWidget      *credit;
  GtkWidget      *counter;

  /* State */
  guint           index;
  gboolean        blanked;
  int             css_height;
  guint           css_idle_id;
  guint           tick_id;
  gint64          requested;       /* monotonic time of the last go_to */
  gulong          after_paint_id;
  GdkFrameClock  *after_paint_clock; /* weak: the widget may be unrealized first */
  double          last_transition_ms;
  LmMapView       from_view;
  LmMapView       to_view;
  gboolean        move_extent;
  gboolean        move_weights;
  guint           weight_step;     /* of WEIGHT_STEPS */
};

/* The weights move in this many steps, the last at 80% of the
 * transition: each step recomputes and recolours the map, too much work
 * for every frame, and the frame that ends the transition then has no
 * recolouring left to do. The extent moves every frame. */
#define WEIGHT_STEPS 4
/* Between the legend, the map and the plot. */
#define BODY_SPACING 24

G_DEFINE_FINAL_TYPE (LmPresentation, lm_presentation, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_STORYBOARD,
  PROP_INDEX,
  PROP_BLANKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static guint
n_scenes (LmPresentation *self)
{
  return lm_storyboard_get_n_scenes (self->storyboard);
}

static char *
lookup_string (LmScene    *scene,
               const char *key)
{
  g_autoptr(GVariant) value = lm_view_snapshot_lookup (lm_scene_get_snapshot (scene), key);

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
         ? g_variant_dup_string (value, NULL) : NULL;
}

/* The map beside its legend keeps the larger share of the width, the
 * plot the rest: both sizes are set, since each widget's natural width
 * would otherwise decide. */
static void
update_widths (LmPresentation *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double base = MAX (self->css_height / 36.0, 12);
  int legend_w = 0, content, plot_w;

  if (width <= 0 || self->legend == NULL)
    return;
  gtk_widget_measure (self->legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &legend_w, NULL, NULL);
  content = width - 2 * (int) base - legend_w - 2 * BODY_SPACING;
  plot_w = gtk_widget_get_visible (self->plot) ? MAX (content / 2, 340) : 0;
  gtk_widget_set_size_request (self->plot, plot_w > 0 ? plot_w : -1, -1);
  gtk_widget_set_size_request (self->map, plot_w > 0 ? MAX (content - plot_w, 200) : -1, -1);
}

/* Large type from the screen's height: a 1024×768 projector and a
 * 1920×1080 screen read alike from the back of the room. */
static gboolean
update_css_idle_cb (gpointer user_data)
{
  LmPresentation *self = user_data;
  double base = MAX (self->css_height / 36.0, 12);
  g_autofree char *css = NULL;

  self->css_idle_id = 0;
  css = g_strdup_printf (".lm-presentation { padding: %dpx %dpx %dpx %dpx; }\n"
                         ".lm-presentation-title { font-size: %dpx; font-weight: 800; }\n"
                         ".lm-presentation-message { font-size: %dpx; }\n"
                         ".lm-presentation-legend { font-size: %dpx; }\n"
                         ".lm-presentation-marker { font-size: %dpx; }\n"
                         ".lm-presentation-footer { font-size: %dpx; }\n",
                         (int) (base * 0.8), (int) base, (int) (base * 0.5), (int) base,
                         (int) (base * 1.45), (int) base, (int) (base * 0.68),
                         (int) (base * 0.62), (int) (base * 0.48));
  gtk_css_provider_load_from_data (self->css, css, -1);
  if (self->plot != NULL)
    lm_scatter_plot_set_text_scale (LM_SCATTER_PLOT (self->plot), CLAMP (base / 22, 0.9, 4));
  update_widths (self);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
new_label (const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  if (wrap)
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
update_marks (LmPresentation *self)
{
  LmModel *model = lm_view_get_model (self->view);
  g_autofree char *custom = model != NULL ? lm_custom_weights_describe (model) : NULL;

  gtk_widget_set_visible (self->marker, custom != NULL);
  if (custom != NULL)
    {
      /* Translators: the marker in a presentation, then the changed domains */
      g_autofree char *text = g_strdup_printf (_("Custom weights — %s"), custom);

      gtk_label_set_text (GTK_LABEL (self->marker), text);
    }
  if (model != NULL)
    gtk_label_set_text (GTK_LABEL (self->credit),
                        lm_dataset_get_attribution_line (lm_model_get_dataset (model)));
}

static void
show_caption (LmPresentation *self,
              LmScene        *scene)
{
  const char *title = lm_scene_get_title (scene);
  const char *message = lm_scene_get_message (scene);

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_widget_set_visible (self->title, *title != '\0');
  gtk_label_set_text (GTK_LABEL (self->message), message);
  gtk_widget_set_visible (self->message, *message != '\0');
  gtk_widget_set_visible (self->plot, lm_scene_get_show_plot (scene));
  update_widths (self);
  gtk_widget_set_visible (self->counter, n_scenes (self) > 1);
  if (n_scenes (self) > 1)
    {
      /* Translators: the scene counter, "2 / 5" */
      g_autofree char *counter = g_strdup_printf (_("%u / %u"), self->index + 1, n_scenes (self));

      gtk_label_set_text (GTK_LABEL (self->counter), counter);
    }
}

/* Transitions */

static double
ease_out (double t)
{
  t = CLAMP (t, 0, 1);
  return 1 - (1 - t) * (1 - t) * (1 - t);
}

/* The centre moves straight, the scale by equal ratios per frame. */
static LmMapView
interpolate_view (const LmMapView *a,
                  const LmMapView *b,
                  double           t)
{
  LmMapView view = *b;

  view.center_x = a->center_x + (b->center_x - a->center_x) * t;
  view.center_y = a->center_y + (b->center_y - a->center_y) * t;
  view.metres_per_pixel = exp (log (a->metres_per_pixel) +
                               (log (b->metres_per_pixel) - log (a->metres_per_pixel)) * t);
  return view;
}

static GVariant *
interpolate_weights (GVariant *a,
                     GVariant *b,
                     double    t)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *index_id;
  GVariant *to;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sad}"));
  g_variant_iter_init (&iter, b);
  while (g_variant_iter_loop (&iter, "{&s@ad}", &index_id, &to))
    {
      g_autoptr(GVariant) from = g_variant_lookup_value (a, index_id, G_VARIANT_TYPE ("ad"));
      gsize nb, na = 0;
      const double *wb = g_variant_get_fixed_array (to, &nb, sizeof (double));
      const double *wa = from != NULL ? g_variant_get_fixed_array (from, &na, sizeof (double)) : NULL;
      g_autofree double *w = g_new (double, MAX (nb, 1));

      for (gsize d = 0; d < nb; d++)
        w[d] = d < na ? wa[d] + (wb[d] - wa[d]) * t : wb[d];
      g_variant_builder_add (&builder, "{s@ad}", index_id,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, nb,
                                                        sizeof (double)));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
stop_timing_paint (LmPresentation *self)
{
  if (self->after_paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->after_paint_clock);
  self->after_paint_id = 0;
  g_clear_weak_pointer (&self->after_paint_clock);
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   LmPresentation *self)
{
  self->last_transition_ms = (g_get_monotonic_time () - self->requested) / 1000.0;
  stop_timing_paint (self);
}

/* The scene's own state, exactly; the time is taken when it is painted. */
static void
finish_move (LmPresentation *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->move_weights)
    lm_view_set_weights (self->view, self->to_weights);
  if (self->move_extent)
    lm_choropleth_set_extent (LM_CHOROPLETH (self->map), lm_view_get_extent (self->view));
  self->move_weights = self->move_extent = FALSE;
  g_clear_pointer (&self->from_weights, g_variant_unref);
  g_clear_pointer (&self->to_weights, g_variant_unref);
  if (clock != NULL && self->after_paint_id == 0)
    {
      self->after_paint_id = g_signal_connect (clock, "after-paint",
                                               G_CALLBACK (on_after_paint_cb), self);
      g_set_weak_pointer (&self->after_paint_clock, clock);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LmPresentation *self = LM_PRESENTATION (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, e;

  /* Timed from the key press, not from the first frame: applying the
   * scene and the first frame count against the budget, so the final
   * state is painted LM_PRESENTATION_TRANSITION_MS after the key plus
   * one frame, however long the setup took. Frame times are monotonic. */
  t = MAX (now - self->requested, 0) / (LM_PRESENTATION_TRANSITION_MS * 1000.0);
  if (t >= 1)
    {
      finish_move (self);
      return G_SOURCE_REMOVE;
    }
  e = ease_out (t);
  if (self->move_extent)
    {
      LmMapView view = interpolate_view (&self->from_view, &self->to_view, e);

      lm_choropleth_set_view (LM_CHOROPLETH (self->map), &view);
    }
  if (self->move_weights && self->weight_step < (guint) (t * (WEIGHT_STEPS + 1)))
    {
      g_autoptr(GVariant) weights = NULL;

      self->weight_step = MIN ((guint) (t * (WEIGHT_STEPS + 1)), WEIGHT_STEPS);
      weights = interpolate_weights (self->from_weights, self->to_weights,
                                     ease_out ((double) self->weight_step / WEIGHT_STEPS));
      lm_view_set_weights (self->view, weights);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
same_map (LmPresentation *self,
          LmScene        *scene)
{
  g_autofree char *level = lookup_string (scene, "level");
  g_autofree char *variable = lookup_string (scene, "variable");

  return g_strcmp0 (level, lm_view_get_level (self->view)) == 0 &&
         g_strcmp0 (variable, lm_view_get_variable (self->view)) == 0;
}

/* Applies scene @index at once, then puts the extent and (on the same
 * map) the weights back and moves them. */
static void
show_scene (LmPresentation *self,
            guint           index,
            gboolean        animate)
{
  LmScene *scene = lm_storyboard_get_scene (self->storyboard, index);
  LmChoropleth *map = LM_CHOROPLETH (self->map);
  gboolean sized = lm_choropleth_get_view (map)->width > 0 && animate;
  gboolean weights_move = sized && same_map (self, scene);
  g_autoptr(GVariant) from_weights = lm_view_get_weights (self->view);
  g_autoptr(GVariant) to_weights = NULL;

  if (self->tick_id != 0)
    finish_move (self);
  self->requested = g_get_monotonic_time ();
  self->from_view = *lm_choropleth_get_view (map);
  self->index = index;
  lm_scene_apply (scene, self->view, NULL);
  show_caption (self, scene);
  update_marks (self);

  to_weights = lm_view_get_weights (self->view);
  self->to_view = *lm_choropleth_get_view (map);
  self->move_extent = sized && (self->from_view.center_x != self->to_view.center_x ||
                                self->from_view.center_y != self->to_view.center_y ||
                                self->from_view.metres_per_pixel != self->to_view.metres_per_pixel);
  self->move_weights = weights_move && !g_variant_equal (from_weights, to_weights);
  if (self->move_weights)
    {
      self->from_weights = g_variant_ref (from_weights);
      self->to_weights = g_variant_ref (to_weights);
      lm_view_set_weights (self->view, from_weights);
    }
  if (self->move_extent)
    lm_choropleth_set_view (map, &self->from_view);
  if (self->move_extent || self->move_weights)
    {
      self->weight_step = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else
    finish_move (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

/* Input */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LmPresentation        *self)
{
  guint n = n_scenes (self);

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_space:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (self->index + 1 < n)
        lm_presentation_go_to (self, self->index + 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      if (self->index > 0)
        lm_presentation_go_to (self, self->index - 1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      lm_presentation_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      lm_presentation_go_to (self, n - 1);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      lm_presentation_set_blanked (self, !self->blanked);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Building */

static GtkWidget *
build_content (LmPresentation *self)
{
  LmModel *model = lm_view_get_model (self->view);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, BODY_SPACING);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);

  gtk_widget_add_css_class (page, "lm-presentation");
  /* The colours of a content view: white paper in the light style. */
  gtk_widget_add_css_class (page, "view");
  self->title = new_label ("lm-presentation-title", TRUE);
  self->message = new_label ("lm-presentation-message", TRUE);
  gtk_widget_set_margin_bottom (self->message, 12);
  gtk_box_append (GTK_BOX (page), self->title);
  gtk_box_append (GTK_BOX (page), self->message);

  /* The legend in a column of its own: never over the map. */
  self->map = lm_choropleth_new (model);
  /* The footer credits the sources, once for the page. */
  lm_choropleth_set_show_attribution (LM_CHOROPLETH (self->map), FALSE);
  gtk_widget_set_hexpand (self->map, TRUE);
  gtk_widget_set_vexpand (self->map, TRUE);
  lm_view_bind_map (self->view, LM_CHOROPLETH (self->map), 0);
  self->legend = lm_legend_new (LM_CHOROPLETH (self->map));
  gtk_widget_set_valign (self->legend, GTK_ALIGN_START);
  lm_legend_set_show_counts (LM_LEGEND (self->legend), FALSE);
  gtk_widget_add_css_class (self->legend, "lm-presentation-legend");
  self->plot = lm_scatter_plot_new (model);
  lm_view_bind_plot (self->view, LM_SCATTER_PLOT (self->plot), 0);
  gtk_box_append (GTK_BOX (body), self->legend);
  gtk_box_append (GTK_BOX (body), self->map);
  gtk_box_append (GTK_BOX (body), self->plot);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (page), body);

  self->marker = new_label ("lm-presentation-marker", TRUE);
  gtk_widget_add_css_class (self->marker, "lm-custom-weights");
  gtk_widget_set_margin_top (self->marker, 8);
  gtk_box_append (GTK_BOX (page), self->marker);
  self->credit = new_label ("lm-presentation-footer", TRUE);
  gtk_widget_set_hexpand (self->credit, TRUE);
  gtk_widget_add_css_class (self->credit, "dim-label");
  self->counter = new_label ("lm-presentation-footer", FALSE);
  gtk_widget_add_css_class (self->counter, "numeric");
  gtk_box_append (GTK_BOX (footer), self->credit);
  gtk_box_append (GTK_BOX (footer), self->counter);
  gtk_widget_set_margin_top (footer, 6);
  gtk_box_append (GTK_BOX (page), footer);
  return page;
}

static void
build (LmPresentation *self)
{
  GtkWidget *blank = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), build_content (self), "scene");
  gtk_widget_add_css_class (blank, "lm-presentation-blank");
  gtk_stack_add_named (GTK_STACK (self->stack), blank, "blank");
  gtk_window_set_child (GTK_WINDOW (self), self->stack);

  /* Before the map, whose arrow keys pan it. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Widget and GObject overrides */

static void
lm_presentation_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LmPresentation *self = LM_PRESENTATION (widget);

  GTK_WIDGET_CLASS (lm_presentation_parent_class)->size_allocate (widget, width, height, baseline);
  /* Restyling queues a resize, which must not happen in this one. */
  if (height != self->css_height && self->css_idle_id == 0)
    {
      self->css_height = height;
      /* Before the next frame is drawn. */
      self->css_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_css_idle_cb, self, NULL);
    }
}

static void
lm_presentation_constructed (GObject *object)
{
  LmPresentation *self = LM_PRESENTATION (object);

  G_OBJECT_CLASS (lm_presentation_parent_class)->constructed (object);

  g_assert (LM_IS_VIEW (self->view) && lm_view_get_model (self->view) != NULL);
  g_assert (LM_IS_STORYBOARD (self->storyboard) && n_scenes (self) > 0);
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  build (self);
  g_signal_connect_object (self->view, "notify::custom-weights", G_CALLBACK (update_marks), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
}

static void
lm_presentation_dispose (GObject *object)
{
  LmPresentation *self = LM_PRESENTATION (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->css_idle_id, g_source_remove);
  stop_timing_paint (self);
  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  g_clear_object (&self->storyboard);
  g_clear_pointer (&self->from_weights, g_variant_unref);
  g_clear_pointer (&self->to_weights, g_variant_unref);

  G_OBJECT_CLASS (lm_presentation_parent_class)->dispose (object);
}

static void
lm_presentation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LmPresentation *self = LM_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_STORYBOARD:
      g_value_set_object (value, self->storyboard);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_BLANKED:
      g_value_set_boolean (value, self->blanked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_presentation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LmPresentation *self = LM_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    case PROP_STORYBOARD:
      self->storyboard = g_value_dup_object (value);
      break;
    case PROP_INDEX:
      lm_presentation_go_to (self, g_value_get_uint (value));
      break;
    case PROP_BLANKED:
      lm_presentation_set_blanked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_presentation_class_init (LmPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lm_presentation_constructed;
  object_class->dispose = lm_presentation_dispose;
  object_class->get_property = lm_presentation_get_property;
  object_class->set_property = lm_presentation_set_property;
  widget_class->size_allocate = lm_presentation_size_allocate;

  properties[PROP_VIEW] = g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW, construct);
  properties[PROP_STORYBOARD] =
    g_param_spec_object ("storyboard", NULL, NULL, LM_TYPE_STORYBOARD, construct);
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_BLANKED] = g_param_spec_boolean ("blanked", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_presentation_init (LmPresentation *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
}

/* Public API */

/**
 * lm_presentation_new:
 * @view: the view the scenes are applied to (its model loaded)
 * @storyboard: the scenes, at least one
 * @first: the scene to start at
 *
 * Returns: (transfer none): a new window without decorations showing
 *   scene @first; the caller makes it full screen where it belongs
 */
GtkWidget *
lm_presentation_new (LmView       *view,
                     LmStoryboard *storyboard,
                     guint         first)
{
  LmPresentation *self;

  g_return_val_if_fail (LM_IS_VIEW (view) && lm_view_get_model (view) != NULL, NULL);
  g_return_val_if_fail (LM_IS_STORYBOARD (storyboard), NULL);
  g_return_val_if_fail (lm_storyboard_get_n_scenes (storyboard) > 0, NULL);

  self = g_object_new (LM_TYPE_PRESENTATION, "view", view, "storyboard", storyboard, NULL);
  show_scene (self, MIN (first, n_scenes (self) - 1), FALSE);
  return GTK_WIDGET (self);
}

guint
lm_presentation_get_index (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), 0);
  return self->index;
}

void
lm_presentation_go_to (LmPresentation *self,
                       guint           index)
{
  g_return_if_fail (LM_IS_PRESENTATION (self));

  index = MIN (index, n_scenes (self) - 1);
  /* A step brings the picture back, as on a slide projector. */
  lm_presentation_set_blanked (self, FALSE);
  if (index == self->index)
    return;
  show_scene (self, index, TRUE);
}

gboolean
lm_presentation_get_blanked (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), FALSE);
  return self->blanked;
}

void
lm_presentation_set_blanked (LmPresentation *self,
                             gboolean        blanked)
{
  g_return_if_fail (LM_IS_PRESENTATION (self));

  blanked = !!blanked;
  if (self->blanked == blanked)
    return;
  self->blanked = blanked;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), blanked ? "blank" : "scene");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANKED]);
}

gboolean
lm_presentation_is_moving (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), FALSE);
  return self->tick_id != 0;
}

double
lm_presentation_get_last_transition_ms (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), 0);
  return self->last_transition_ms;
}

const char *
lm_presentation_get_caption_title (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->title));
}

GtkWidget *
lm_presentation_get_map (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), NULL);
  return self->map;
}

GtkWidget *
lm_presentation_get_plot (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), NULL);
  return self->plot;
}

GtkWidget *
lm_presentation_get_legend (LmPresentation *self)
{
  g_return_val_if_fail (LM_IS_PRESENTATION (self), NULL);
  return self->legend;
}
