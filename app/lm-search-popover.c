/* lm-search-popover.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lm-accessible.h"
#include "lm-search-popover.h"

#define SEARCH_MAX_PER_LEVEL   40
#define SEARCH_MAX_RESULTS     80
#define SEARCH_MAX_CHILDREN    60

/* One result. */
typedef struct
{
  LmLevel *level;   /* borrowed from the model's dataset */
  guint    area;
  int      tier;    /* 0 exact, 1 inside an exact match, 2 prefix, 3 substring */
  guint    order;   /* position in lm_level_search()'s answer */
} Hit;

struct _LmSearchPopover
{
  GtkPopover         parent_instance;

  /* Template Widgets */
  GtkSearchEntry    *entry;
  GtkLabel          *status;
  GtkScrolledWindow *scroller;
  GtkListBox        *results;

  /* Owned References */
  LmModel           *model;
  GArray            *hits;     /* Hit */
};

G_DEFINE_FINAL_TYPE (LmSearchPopover, lm_search_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

enum {
  AREA_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* The name of the area that gives @area its context: its area of the
 * dataset's context level below that level, else its parent's. */
static const char *
get_area_context (LmSearchPopover *self,
                  LmLevel         *level,
                  guint            area)
{
  LmLevel *context = lm_dataset_get_context_for (lm_model_get_dataset (self->model), level);
  int index;

  if (context == NULL)
    return NULL;
  index = lm_level_get_ancestor (level, area, context);
  if (index < 0 || (guint) index >= context->n_areas)
    return NULL;
  return context->names[index];
}

static int
match_tier (const char *text,
            const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return G_MAXINT;
  folded = g_utf8_casefold (text, -1);
  if (g_str_equal (folded, needle))
    return 0;
  if (g_str_has_prefix (folded, needle))
    return 2;
  return 3;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->tier != y->tier)
    return x->tier < y->tier ? -1 : 1;
  /* Coarser levels first: "Blackpool" the district before its LSOAs. */
  if (x->level->depth != y->level->depth)
    return x->level->depth > y->level->depth ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return 0;
}

/* An exact match's own areas one level down come next ("Blackpool"
 * lists the district, then its wards), as long as they are few. */
static void
add_children_of_exact_matches (LmSearchPopover *self)
{
  guint n_exact_parents = 0;

  for (guint i = 0, n = self->hits->len; i < n && n_exact_parents < 3; i++)
    {
      Hit parent = g_array_index (self->hits, Hit, i);
      LmLevel *child = parent.level->child_level;
      guint n_children = 0;

      if (parent.tier != 0 || child == NULL)
        continue;
      n_exact_parents++;
      for (guint a = 0; a < child->n_areas && n_children < SEARCH_MAX_CHILDREN; a++)
        {
          if (child->parent[a] == (int) parent.area)
            {
              Hit hit = { child, a, 1, n_children++ };

              g_array_append_val (self->hits, hit);
            }
        }
    }
}

static void
collect_hits (LmSearchPopover *self,
              const char      *text)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = g_utf8_casefold (stripped, -1);

  for (guint l = 0; l < lm_dataset_get_n_levels (dataset); l++)
    {
      LmLevel *level = lm_dataset_get_level (dataset, l);
      g_autoptr(GArray) found = lm_level_search (level, stripped, SEARCH_MAX_PER_LEVEL);

      for (guint i = 0; i < found->len; i++)
        {
          Hit hit = { level, g_array_index (found, guint, i), 0, i };

          hit.tier = MIN (match_tier (level->names[hit.area], needle),
                          match_tier (level->codes[hit.area], needle));
          g_array_append_val (self->hits, hit);
        }
    }
  add_children_of_exact_matches (self);
  g_array_sort (self->hits, compare_hits);

  /* A child already listed as a match of its own keeps the better tier. */
  for (guint i = 0; i < self->hits->len; i++)
    {
      Hit *a = &g_array_index (self->hits, Hit, i);

      for (guint j = i + 1; j < self->hits->len;)
        {
          Hit *b = &g_array_index (self->hits, Hit, j);

          if (a->level == b->level && a->area == b->area)
            g_array_remove_index (self->hits, j);
          else
            j++;
        }
    }
  if (self->hits->len > SEARCH_MAX_RESULTS)
    g_array_set_size (self->hits, SEARCH_MAX_RESULTS);
}

static GtkWidget *
create_row (LmSearchPopover *self,
            const Hit       *hit)
{
  GtkWidget *row = adw_action_row_new ();
  const char *context = get_area_context (self, hit->level, hit->area);
  const char *name = hit->level->names[hit->area];
  const char *code = hit->level->codes[hit->area];
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (g_strcmp0 (name, code) == 0)
    code = NULL;
  if (context != NULL && code != NULL)
    /* Translators: search result: "Ward · Blackpool · E05001234" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), lm_level_get_heading (hit->level), context, code);
  else if (context != NULL || code != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), lm_level_get_heading (hit->level),
                                context != NULL ? context : code);
  else
    subtitle = g_strdup (lm_level_get_heading (hit->level));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
choose (LmSearchPopover *self,
        guint            index)
{
  Hit hit;

  if (index >= self->hits->len)
    return;
  hit = g_array_index (self->hits, Hit, index);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[AREA_CHOSEN], 0, hit.level, hit.area);
}

/* Template callbacks */

static void
on_show_cb (LmSearchPopover *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
on_search_changed_cb (LmSearchPopover *self,
                      GtkSearchEntry  *entry)
{
  lm_search_popover_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_activate_cb (LmSearchPopover *self,
                GtkSearchEntry  *entry)
{
  lm_search_popover_activate (self);
}

static void
on_stop_search_cb (LmSearchPopover *self,
                   GtkSearchEntry  *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated_cb (LmSearchPopover *self,
                     GtkListBoxRow   *row,
                     GtkListBox      *box)
{
  choose (self, gtk_list_box_row_get_index (row));
}

static gboolean
on_key_pressed_cb (LmSearchPopover       *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_row_at_index (self->results, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->results, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/* GObject overrides */

static void
lm_search_popover_dispose (GObject *object)
{
  LmSearchPopover *self = LM_SEARCH_POPOVER (object);

  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), LM_TYPE_SEARCH_POPOVER);

  G_OBJECT_CLASS (lm_search_popover_parent_class)->dispose (object);
}

static void
lm_search_popover_finalize (GObject *object)
{
  LmSearchPopover *self = LM_SEARCH_POPOVER (object);

  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (lm_search_popover_parent_class)->finalize (object);
}

static void
lm_search_popover_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LmSearchPopover *self = LM_SEARCH_POPOVER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_search_popover_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LmSearchPopover *self = LM_SEARCH_POPOVER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lm_search_popover_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_search_popover_class_init (LmSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_search_popover_dispose;
  object_class->finalize = lm_search_popover_finalize;
  object_class->get_property = lm_search_popover_get_property;
  object_class->set_property = lm_search_popover_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmSearchPopover::area-chosen:
   * @self: the popover
   * @level: (type gpointer): the result's LmLevel
   * @area: its area index
   */
  signals[AREA_CHOSEN] =
    g_signal_new ("area-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/levelmap/Levelmap/ui/lm-search-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, LmSearchPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, LmSearchPopover, status);
  gtk_widget_class_bind_template_child (widget_class, LmSearchPopover, scroller);
  gtk_widget_class_bind_template_child (widget_class, LmSearchPopover, results);
  gtk_widget_class_bind_template_callback (widget_class, on_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
}

static void
lm_search_popover_init (LmSearchPopover *self)
{
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  gtk_widget_init_template (GTK_WIDGET (self));
  lm_accessible_name_scrollbars (self->scroller, _("the areas found"));
}

/* Public API */

GtkWidget *
lm_search_popover_new (void)
{
  return g_object_new (LM_TYPE_SEARCH_POPOVER, NULL);
}

LmModel *
lm_search_popover_get_model (LmSearchPopover *self)
{
  g_return_val_if_fail (LM_IS_SEARCH_POPOVER (self), NULL);
  return self->model;
}

void
lm_search_popover_set_model (LmSearchPopover *self,
                             LmModel         *model)
{
  g_return_if_fail (LM_IS_SEARCH_POPOVER (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  /* The old results point into the old data. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  lm_search_popover_search (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
lm_search_popover_search (LmSearchPopover *self,
                          const char      *text)
{
  g_autofree char *stripped = NULL;
  GtkWidget *child;
  gboolean empty;

  g_return_val_if_fail (LM_IS_SEARCH_POPOVER (self), 0);

  g_array_set_size (self->hits, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  empty = *stripped == '\0';
  if (!empty && self->model != NULL)
    collect_hits (self, stripped);

  for (guint i = 0; i < self->hits->len; i++)
    gtk_list_box_append (self->results, create_row (self, &g_array_index (self->hits, Hit, i)));
  if (self->hits->len > 0)
    gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));

  gtk_widget_set_visible (GTK_WIDGET (self->scroller), self->hits->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status), self->hits->len == 0);
  if (empty)
    gtk_label_set_text (self->status,
                        _("Type a name such as “Blackpool” or “Tendring 018A”, or a code such as "
                          "“E05001234”."));
  else if (self->hits->len == 0)
    gtk_label_set_text (self->status, _("No area has that name or code."));

  return self->hits->len;
}

gboolean
lm_search_popover_get_result (LmSearchPopover  *self,
                              guint             i,
                              LmLevel         **out_level,
                              guint            *out_area)
{
  const Hit *hit;

  g_return_val_if_fail (LM_IS_SEARCH_POPOVER (self), FALSE);

  if (i >= self->hits->len)
    return FALSE;
  hit = &g_array_index (self->hits, Hit, i);
  if (out_level != NULL)
    *out_level = hit->level;
  if (out_area != NULL)
    *out_area = hit->area;
  return TRUE;
}

const char *
lm_search_popover_get_status (LmSearchPopover *self)
{
  g_return_val_if_fail (LM_IS_SEARCH_POPOVER (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status)))
    return NULL;
  return gtk_label_get_text (self->status);
}

void
lm_search_popover_activate (LmSearchPopover *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (LM_IS_SEARCH_POPOVER (self));

  row = gtk_list_box_get_selected_row (self->results);
  choose (self, row != NULL ? (guint) gtk_list_box_row_get_index (row) : 0);
}
