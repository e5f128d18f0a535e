/* lm-history.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lm-history.h"

struct _LmHistory
{
  GObject    parent_instance;

  /* Owned References */
  LmView    *view;
  GPtrArray *states;      /* GVariant* "(a{sad}asad)": weights, locked, thresholds */
  char      *last_key;    /* what the present step changed; NULL: nothing to merge with */

  /* State */
  guint      position;    /* the present state */
  gint64     last_time;   /* of the last recorded change, monotonic µs */
  guint      applying;    /* > 0 while undo or redo sets the view */
  gboolean   recording;
  gboolean   can_undo;
  gboolean   can_redo;
};

G_DEFINE_FINAL_TYPE (LmHistory, lm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_RECORDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static GVariant *
current_state (LmHistory *self)
{
  g_autoptr(GVariant) weights = lm_view_get_weights (self->view);
  g_autoptr(GVariant) thresholds = lm_view_get_thresholds (self->view);
  GVariant *children[3];

  children[0] = weights;
  children[1] = g_variant_new_strv (lm_view_get_locked (self->view), -1);
  children[2] = thresholds;
  return g_variant_ref_sink (g_variant_new_tuple (children, 3));
}

static GVariant *
present_state (LmHistory *self)
{
  return g_ptr_array_index (self->states, self->position);
}

/* What changed from @a to @b: "locked", or the weights by index and
 * domain position and the thresholds by position ("w:imd:0;t:1;"). Two
 * changes with the same key are the same control moving. */
static char *
describe_change (GVariant *a,
                 GVariant *b)
{
  g_autoptr(GVariant) weights_a = g_variant_get_child_value (a, 0);
  g_autoptr(GVariant) locked_a = g_variant_get_child_value (a, 1);
  g_autoptr(GVariant) thresholds_a = g_variant_get_child_value (a, 2);
  g_autoptr(GVariant) weights_b = g_variant_get_child_value (b, 0);
  g_autoptr(GVariant) locked_b = g_variant_get_child_value (b, 1);
  g_autoptr(GVariant) thresholds_b = g_variant_get_child_value (b, 2);
  g_autoptr(GString) key = g_string_new (NULL);
  GVariantIter iter;
  const char *index_id;
  GVariant *values_b;
  gsize na, nb;
  const double *ta, *tb;

  if (!g_variant_equal (locked_a, locked_b))
    return g_strdup ("locked");

  g_variant_iter_init (&iter, weights_b);
  while (g_variant_iter_loop (&iter, "{&s@ad}", &index_id, &values_b))
    {
      g_autoptr(GVariant) values_a = g_variant_lookup_value (weights_a, index_id,
                                                            G_VARIANT_TYPE ("ad"));
      const double *wb = g_variant_get_fixed_array (values_b, &nb, sizeof (double));
      const double *wa = values_a != NULL ? g_variant_get_fixed_array (values_a, &na, sizeof (double))
                                          : NULL;

      for (gsize d = 0; d < nb; d++)
        if (wa == NULL || d >= na || wa[d] != wb[d])
          g_string_append_printf (key, "w:%s:%" G_GSIZE_FORMAT ";", index_id, d);
    }
  ta = g_variant_get_fixed_array (thresholds_a, &na, sizeof (double));
  tb = g_variant_get_fixed_array (thresholds_b, &nb, sizeof (double));
  for (gsize i = 0; i < MAX (na, nb); i++)
    if (i >= na || i >= nb || ta[i] != tb[i])
      g_string_append_printf (key, "t:%" G_GSIZE_FORMAT ";", i);
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
update_flags (LmHistory *self)
{
  gboolean can_undo = self->position > 0;
  gboolean can_redo = self->position + 1 < self->states->len;

  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

static void
restart (LmHistory *self)
{
  g_ptr_array_set_size (self->states, 0);
  g_ptr_array_add (self->states, current_state (self));
  self->position = 0;
  g_clear_pointer (&self->last_key, g_free);
  update_flags (self);
}

/* A new state: merged into the present step when it moves the same
 * control again soon, else a step of its own (dropping what could be
 * redone). */
static void
record (LmHistory *self,
        GVariant  *state)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *key = describe_change (present_state (self), state);
  gboolean merge = self->last_key != NULL && self->position > 0 &&
                   g_str_equal (key, self->last_key) && !g_str_equal (key, "locked") &&
                   now - self->last_time < LM_HISTORY_COALESCE_MS * 1000;

  /* What could be redone is dropped. */
  g_ptr_array_set_size (self->states, self->position + 1);
  if (merge)
    {
      g_variant_unref (g_ptr_array_index (self->states, self->position));
      g_ptr_array_index (self->states, self->position) = g_variant_ref (state);
      /* Dragged back to where the step began: no step at all. */
      if (g_variant_equal (state, g_ptr_array_index (self->states, self->position - 1)))
        {
          g_ptr_array_set_size (self->states, self->position);
          self->position--;
          g_clear_pointer (&self->last_key, g_free);
        }
    }
  else
    {
      g_ptr_array_add (self->states, g_variant_ref (state));
      self->position++;
      g_free (self->last_key);
      self->last_key = g_steal_pointer (&key);
    }
  self->last_time = now;
}

static void
on_view_changed_cb (LmHistory *self,
                    LmView    *view)
{
  g_autoptr(GVariant) state = NULL;

  if (self->applying > 0 || !self->recording)
    return;
  state = current_state (self);
  if (g_variant_equal (state, present_state (self)))
    return;
  record (self, state);
  update_flags (self);
}

static void
on_view_model_cb (LmHistory  *self,
                  GParamSpec *pspec,
                  LmView     *view)
{
  restart (self);
}

static void
apply_state (LmHistory *self,
             GVariant  *state)
{
  LmModel *model = lm_view_get_model (self->view);
  g_autoptr(GVariant) weights = g_variant_get_child_value (state, 0);
  g_autoptr(GVariant) locked = g_variant_get_child_value (state, 1);
  g_autoptr(GVariant) thresholds = g_variant_get_child_value (state, 2);
  g_autofree const char **strv = g_variant_get_strv (locked, NULL);

  if (model == NULL)
    return;
  self->applying++;
  lm_model_freeze (model);
  lm_view_set_locked (self->view, strv);
  lm_view_set_weights (self->view, weights);
  if (g_variant_n_children (thresholds) > 0)
    lm_view_set_thresholds (self->view, thresholds);
  lm_model_thaw (model);
  self->applying--;
  /* The next change is a step of its own. */
  g_clear_pointer (&self->last_key, g_free);
}

/* GObject overrides */

static void
lm_history_constructed (GObject *object)
{
  LmHistory *self = LM_HISTORY (object);

  G_OBJECT_CLASS (lm_history_parent_class)->constructed (object);

  g_assert (LM_IS_VIEW (self->view));
  g_signal_connect_object (self->view, "changed", G_CALLBACK (on_view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (on_view_model_cb), self,
                           G_CONNECT_SWAPPED);
  restart (self);
}

static void
lm_history_dispose (GObject *object)
{
  LmHistory *self = LM_HISTORY (object);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (lm_history_parent_class)->dispose (object);
}

static void
lm_history_finalize (GObject *object)
{
  LmHistory *self = LM_HISTORY (object);

  g_clear_pointer (&self->states, g_ptr_array_unref);
  g_clear_pointer (&self->last_key, g_free);

  G_OBJECT_CLASS (lm_history_parent_class)->finalize (object);
}

static void
lm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LmHistory *self = LM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_RECORDING:
      g_value_set_boolean (value, self->recording);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LmHistory *self = LM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    case PROP_RECORDING:
      lm_history_set_recording (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_history_class_init (LmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lm_history_constructed;
  object_class->dispose = lm_history_dispose;
  object_class->finalize = lm_history_finalize;
  object_class->get_property = lm_history_get_property;
  object_class->set_property = lm_history_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_history_init (LmHistory *self)
{
  self->states = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  self->recording = TRUE;
}

/* Public API */

/**
 * lm_history_new:
 * @view: the view whose weights, locks and thresholds to follow
 *
 * Returns: (transfer full): a history whose only state is @view's now
 */
LmHistory *
lm_history_new (LmView *view)
{
  g_return_val_if_fail (LM_IS_VIEW (view), NULL);

  return g_object_new (LM_TYPE_HISTORY, "view", view, NULL);
}

LmView *
lm_history_get_view (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), NULL);
  return self->view;
}

gboolean
lm_history_get_can_undo (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), FALSE);
  return self->can_undo;
}

gboolean
lm_history_get_can_redo (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), FALSE);
  return self->can_redo;
}

gboolean
lm_history_undo (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), FALSE);

  if (self->position == 0)
    return FALSE;
  self->position--;
  apply_state (self, present_state (self));
  update_flags (self);
  return TRUE;
}

gboolean
lm_history_redo (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), FALSE);

  if (self->position + 1 >= self->states->len)
    return FALSE;
  self->position++;
  apply_state (self, present_state (self));
  update_flags (self);
  return TRUE;
}

void
lm_history_seal (LmHistory *self)
{
  g_return_if_fail (LM_IS_HISTORY (self));

  g_clear_pointer (&self->last_key, g_free);
}

void
lm_history_clear (LmHistory *self)
{
  g_return_if_fail (LM_IS_HISTORY (self));

  restart (self);
}

gboolean
lm_history_get_recording (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), FALSE);
  return self->recording;
}

void
lm_history_set_recording (LmHistory *self,
                          gboolean   recording)
{
  g_return_if_fail (LM_IS_HISTORY (self));

  recording = !!recording;
  if (self->recording == recording)
    return;
  self->recording = recording;
  if (recording)
    {
      /* What changed meanwhile is one step, never merged. */
      lm_history_seal (self);
      on_view_changed_cb (self, self->view);
      lm_history_seal (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

guint
lm_history_get_n_states (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), 0);
  return self->states->len;
}

guint
lm_history_get_position (LmHistory *self)
{
  g_return_val_if_fail (LM_IS_HISTORY (self), 0);
  return self->position;
}
