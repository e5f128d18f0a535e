/* lm-scenario.c — the scenario object, capturing and applying it, and
 * the registered extra view properties
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lm-scenario-private.h"

struct _LmScenario
{
  GObject         parent_instance;

  char           *dataset;      /* "" without data */
  char           *checksum;     /* NULL: not known */
  LmViewSnapshot *view;
  GVariant       *properties;   /* a{sv}, sorted by name */
  LmStoryboard   *storyboard;
};

G_DEFINE_FINAL_TYPE (LmScenario, lm_scenario, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-scenario-error-quark, lm_scenario_error)

/* The registered view property names (char*, static once added). */
G_LOCK_DEFINE_STATIC (registry);
static GPtrArray *registry;

/* Auxiliary methods */

gboolean
_lm_scenario_is_value_type (const char *type)
{
  static const char * const types[] = { "s", "b", "u", "i", "x", "t", "d", "as", "ad" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const char *x, *y;

  g_variant_get_child (*(GVariant * const *) a, 0, "&s", &x);
  g_variant_get_child (*(GVariant * const *) b, 0, "&s", &y);
  return strcmp (x, y);
}

GVariant *
_lm_scenario_sort_properties (GVariant *properties)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (properties != NULL)
    {
      g_variant_iter_init (&iter, properties);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    g_variant_builder_add_value (&builder, g_ptr_array_index (entries, i));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
is_registered (const char *name)
{
  gboolean found = FALSE;

  G_LOCK (registry);
  for (guint i = 0; registry != NULL && i < registry->len && !found; i++)
    found = g_str_equal (g_ptr_array_index (registry, i), name);
  G_UNLOCK (registry);
  return found;
}

static char **
dup_registered (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  G_LOCK (registry);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (registry, i));
  G_UNLOCK (registry);
  return g_strv_builder_end (builder);
}

/* A property's value as the file keeps it; NULL for a type it cannot. */
static GVariant *
value_to_variant (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_BOOLEAN)
    return g_variant_new_boolean (g_value_get_boolean (value));
  if (type == G_TYPE_INT)
    return g_variant_new_int32 (g_value_get_int (value));
  if (type == G_TYPE_UINT)
    return g_variant_new_uint32 (g_value_get_uint (value));
  if (type == G_TYPE_INT64)
    return g_variant_new_int64 (g_value_get_int64 (value));
  if (type == G_TYPE_UINT64)
    return g_variant_new_uint64 (g_value_get_uint64 (value));
  if (type == G_TYPE_DOUBLE)
    return g_variant_new_double (g_value_get_double (value));
  if (type == G_TYPE_STRING)
    return g_variant_new_string (g_value_get_string (value) != NULL ? g_value_get_string (value)
                                                                    : "");
  if (type == G_TYPE_STRV)
    return g_variant_new_strv (g_value_get_boxed (value), -1);
  if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_peek (type);
      GEnumValue *nick = g_enum_get_value (klass, g_value_get_enum (value));

      return nick != NULL ? g_variant_new_string (nick->value_nick) : NULL;
    }
  return NULL;
}

/* The reverse, into @value (initialised to the property's type). */
static gboolean
variant_to_value (GVariant *variant,
                  GValue   *value)
{
  GType type = G_VALUE_TYPE (value);

#define IS(t) g_variant_is_of_type (variant, G_VARIANT_TYPE (t))
  if (type == G_TYPE_BOOLEAN && IS ("b"))
    g_value_set_boolean (value, g_variant_get_boolean (variant));
  else if (type == G_TYPE_INT && IS ("i"))
    g_value_set_int (value, g_variant_get_int32 (variant));
  else if (type == G_TYPE_UINT && IS ("u"))
    g_value_set_uint (value, g_variant_get_uint32 (variant));
  else if (type == G_TYPE_INT64 && IS ("x"))
    g_value_set_int64 (value, g_variant_get_int64 (variant));
  else if (type == G_TYPE_UINT64 && IS ("t"))
    g_value_set_uint64 (value, g_variant_get_uint64 (variant));
  else if (type == G_TYPE_DOUBLE && IS ("d"))
    g_value_set_double (value, g_variant_get_double (variant));
  else if (type == G_TYPE_STRING && IS ("s"))
    g_value_set_string (value, g_variant_get_string (variant, NULL));
  else if (type == G_TYPE_STRV && IS ("as"))
    g_value_take_boxed (value, g_variant_dup_strv (variant, NULL));
  else if (G_TYPE_IS_ENUM (type) && IS ("s"))
    {
      GEnumClass *klass = g_type_class_peek (type);
      GEnumValue *found = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

      if (found == NULL)
        return FALSE;
      g_value_set_enum (value, found->value);
    }
  else
    return FALSE;
#undef IS
  return TRUE;
}

static GParamSpec *
find_view_property (LmView     *view,
                    const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (view), name);

  if (pspec == NULL || (pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
    return NULL;
  return pspec;
}

static void
add_problem (GString    *problems,
             const char *sentence)
{
  if (problems->len > 0)
    g_string_append_c (problems, ' ');
  g_string_append (problems, sentence);
}

/* GObject overrides */

static void
lm_scenario_finalize (GObject *object)
{
  LmScenario *self = LM_SCENARIO (object);

  g_clear_pointer (&self->dataset, g_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->view, lm_view_snapshot_unref);
  g_clear_pointer (&self->properties, g_variant_unref);
  g_clear_object (&self->storyboard);

  G_OBJECT_CLASS (lm_scenario_parent_class)->finalize (object);
}

static void
lm_scenario_class_init (LmScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_scenario_finalize;
}

static void
lm_scenario_init (LmScenario *self)
{
  self->storyboard = lm_storyboard_new ();
}

/* Public API */

/**
 * lm_scenario_new:
 * @dataset: the dataset id, "" without data
 * @checksum: (nullable): the manifest's checksum
 * @view: the view's snapshot
 * @properties: (nullable): a{sv} of extra view properties
 * @storyboard: (nullable): scenes to copy
 *
 * Returns: (transfer full): a new scenario
 */
LmScenario *
lm_scenario_new (const char     *dataset,
                 const char     *checksum,
                 LmViewSnapshot *view,
                 GVariant       *properties,
                 LmStoryboard   *storyboard)
{
  LmScenario *self;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (properties == NULL ||
                        g_variant_is_of_type (properties, G_VARIANT_TYPE_VARDICT), NULL);
  g_return_val_if_fail (storyboard == NULL || LM_IS_STORYBOARD (storyboard), NULL);

  self = g_object_new (LM_TYPE_SCENARIO, NULL);
  self->dataset = g_strdup (dataset);
  self->checksum = g_strdup (checksum);
  self->view = lm_view_snapshot_ref (view);
  {
    g_autoptr(GVariant) sunk = properties != NULL ? g_variant_ref_sink (properties) : NULL;

    self->properties = _lm_scenario_sort_properties (sunk);
  }
  if (storyboard != NULL)
    lm_storyboard_replace (self->storyboard, storyboard);
  return self;
}

/**
 * lm_scenario_new_from_view:
 * @view: a view
 * @storyboard: (nullable): its storyboard
 *
 * Returns: (transfer full): what a file saved now would hold
 */
LmScenario *
lm_scenario_new_from_view (LmView       *view,
                           LmStoryboard *storyboard)
{
  g_autoptr(LmViewSnapshot) snapshot = NULL;
  g_autoptr(GVariant) properties = NULL;
  LmModel *model;
  const char *checksum = NULL;
  const char *dataset = "";

  g_return_val_if_fail (LM_IS_VIEW (view), NULL);
  g_return_val_if_fail (storyboard == NULL || LM_IS_STORYBOARD (storyboard), NULL);

  model = lm_view_get_model (view);
  if (model != NULL)
    {
      dataset = lm_dataset_get_id (lm_model_get_dataset (model));
      checksum = lm_dataset_get_manifest_checksum (lm_model_get_dataset (model));
    }
  snapshot = lm_view_take_snapshot (view);
  properties = lm_scenario_capture_properties (view);
  return lm_scenario_new (dataset, checksum, snapshot, properties, storyboard);
}

const char *
lm_scenario_get_dataset (LmScenario *self)
{
  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);
  return self->dataset;
}

const char *
lm_scenario_get_checksum (LmScenario *self)
{
  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);
  return self->checksum;
}

/**
 * lm_scenario_get_view:
 *
 * Returns: (transfer none): the view's settings
 */
LmViewSnapshot *
lm_scenario_get_view (LmScenario *self)
{
  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);
  return self->view;
}

/**
 * lm_scenario_get_properties:
 *
 * Returns: (transfer none): the extra view properties, a{sv}
 */
GVariant *
lm_scenario_get_properties (LmScenario *self)
{
  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);
  return self->properties;
}

LmStoryboard *
lm_scenario_get_storyboard (LmScenario *self)
{
  g_return_val_if_fail (LM_IS_SCENARIO (self), NULL);
  return self->storyboard;
}

gboolean
lm_scenario_apply (LmScenario    *self,
                   LmView        *view,
                   LmStoryboard  *storyboard,
                   GError       **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  LmModel *model;

  g_return_val_if_fail (LM_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (LM_IS_VIEW (view), FALSE);
  g_return_val_if_fail (storyboard == NULL || LM_IS_STORYBOARD (storyboard), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The same dataset id on other data: the numbers may not be those the
   * scenario's author saw. Another id is reported by the view. */
  model = lm_view_get_model (view);
  if (model != NULL && self->checksum != NULL &&
      g_str_equal (self->dataset, lm_view_get_dataset (view)))
    {
      const char *now = lm_dataset_get_manifest_checksum (lm_model_get_dataset (model));

      if (now != NULL && !g_str_equal (now, self->checksum))
        add_problem (problems, _("The dataset’s manifest has changed since this scenario was "
                                 "saved, so its numbers may differ from those first shown."));
    }
  if (!lm_view_apply_snapshot (view, self->view, &local))
    {
      add_problem (problems, local->message);
      g_clear_error (&local);
    }
  if (!lm_scenario_apply_properties (view, self->properties, &local))
    add_problem (problems, local->message);
  if (storyboard != NULL)
    lm_storyboard_replace (storyboard, self->storyboard);

  if (problems->len == 0)
    return TRUE;
  g_set_error_literal (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE, problems->str);
  return FALSE;
}

/* Extra view properties */

void
lm_scenario_register_view_property (const char *name)
{
  g_return_if_fail (name != NULL);

  if (is_registered (name))
    return;
  G_LOCK (registry);
  if (registry == NULL)
    registry = g_ptr_array_new ();
  g_ptr_array_add (registry, (gpointer) g_intern_string (name));
  G_UNLOCK (registry);
}

/**
 * lm_scenario_capture_properties:
 *
 * Returns: (transfer full): the registered properties of @view, a{sv}
 *   sorted by name
 */
GVariant *
lm_scenario_capture_properties (LmView *view)
{
  g_auto(GStrv) names = NULL;
  GVariantBuilder builder;

  g_return_val_if_fail (LM_IS_VIEW (view), NULL);

  names = dup_registered ();
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GParamSpec *pspec = find_view_property (view, names[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      GVariant *variant;

      if (pspec == NULL)
        {
          g_critical ("%s: LmView has no read-write property “%s”", G_STRFUNC, names[i]);
          continue;
        }
      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (view), names[i], &value);
      variant = value_to_variant (&value);
      if (variant == NULL)
        g_critical ("%s: scenarios cannot keep “%s” of type %s", G_STRFUNC, names[i],
                    g_type_name (pspec->value_type));
      else
        g_variant_builder_add (&builder, "{sv}", names[i], variant);
    }
  {
    g_autoptr(GVariant) unsorted = g_variant_ref_sink (g_variant_builder_end (&builder));

    return _lm_scenario_sort_properties (unsorted);
  }
}

gboolean
lm_scenario_apply_properties (LmView    *view,
                              GVariant  *properties,
                              GError   **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GVariantIter iter;
  const char *name;
  GVariant *value;

  g_return_val_if_fail (LM_IS_VIEW (view), FALSE);
  g_return_val_if_fail (properties != NULL &&
                        g_variant_is_of_type (properties, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_object_freeze_notify (G_OBJECT (view));
  g_variant_iter_init (&iter, properties);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    {
      GParamSpec *pspec = is_registered (name) ? find_view_property (view, name) : NULL;
      g_auto(GValue) gvalue = G_VALUE_INIT;
      g_autofree char *sentence = NULL;

      if (pspec != NULL)
        {
          g_value_init (&gvalue, pspec->value_type);
          if (variant_to_value (value, &gvalue) &&
              !g_param_value_validate (pspec, &gvalue))
            {
              g_object_set_property (G_OBJECT (view), name, &gvalue);
              continue;
            }
          /* Translators: %s is a setting's name, e.g. “uncertainty-draws” */
          sentence = g_strdup_printf (_("The setting “%s” has a value this Levelmap cannot use, "
                                        "so it was left out."), name);
        }
      else
        /* Translators: %s is a setting's name, e.g. “uncertainty-draws” */
        sentence = g_strdup_printf (_("This Levelmap has no setting “%s”, so it was left out."),
                                    name);
      add_problem (problems, sentence);
    }
  g_object_thaw_notify (G_OBJECT (view));

  if (problems->len == 0)
    return TRUE;
  g_set_error_literal (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE, problems->str);
  return FALSE;
}
