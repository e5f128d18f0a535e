/* lm-document.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lm-document.h"

struct _LmDocument
{
  GObject       parent_instance;

  /* Owned References */
  LmView       *view;
  LmStoryboard *storyboard;
  LmHistory    *history;
  GFile        *file;
  LmScenario   *saved;       /* what the file holds, or the untitled start */
  char         *title;

  /* State */
  gboolean      modified;
};

G_DEFINE_FINAL_TYPE (LmDocument, lm_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_STORYBOARD,
  PROP_HISTORY,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static gboolean
same_scenes (LmStoryboard *a,
             LmStoryboard *b)
{
  guint n = lm_storyboard_get_n_scenes (a);

  if (n != lm_storyboard_get_n_scenes (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!lm_scene_equal (lm_storyboard_get_scene (a, i), lm_storyboard_get_scene (b, i)))
      return FALSE;
  return TRUE;
}

/* What the view and storyboard hold now, against @scenario. */
static gboolean
holds (LmDocument *self,
       LmScenario *scenario)
{
  g_autoptr(LmViewSnapshot) now = lm_view_take_snapshot (self->view);
  g_autoptr(GVariant) properties = lm_scenario_capture_properties (self->view);

  return lm_view_snapshot_equal (now, lm_scenario_get_view (scenario)) &&
         g_variant_equal (properties, lm_scenario_get_properties (scenario)) &&
         same_scenes (self->storyboard, lm_scenario_get_storyboard (scenario));
}

static void
set_modified (LmDocument *self,
              gboolean    modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Without data there is nothing to lose (settings being restored are
 * not edits). */
static void
update_modified (LmDocument *self)
{
  set_modified (self, lm_view_get_model (self->view) != NULL && !holds (self, self->saved));
}

static void
update_title (LmDocument *self)
{
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      g_autofree char *parse_name = g_file_get_parse_name (self->file);

      /* The display name without asking the file system (it may be
       * slow, or the file gone). */
      title = basename != NULL ? g_filename_display_name (basename) : g_strdup (parse_name);
    }
  else
    title = g_strdup (_("Untitled Scenario"));
  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* What "modified" compares with from now on. */
static void
set_saved (LmDocument *self,
           GFile      *file,
           LmScenario *saved)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->saved, saved);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_title (self);
  update_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
rebaseline (LmDocument *self,
            GFile      *file)
{
  g_autoptr(LmScenario) now = lm_document_capture (self);

  set_saved (self, file, now);
}

static void
on_changed_cb (LmDocument *self)
{
  update_modified (self);
}

static void
on_view_model_cb (LmDocument *self,
                  GParamSpec *pspec,
                  LmView     *view)
{
  /* An untitled document moves to the new data; a file's scenario was
   * made on the old ones. */
  if (self->file == NULL)
    rebaseline (self, NULL);
  else
    update_modified (self);
}

/* GObject overrides */

static void
lm_document_constructed (GObject *object)
{
  LmDocument *self = LM_DOCUMENT (object);

  G_OBJECT_CLASS (lm_document_parent_class)->constructed (object);

  g_assert (LM_IS_VIEW (self->view));
  self->history = lm_history_new (self->view);
  g_signal_connect_object (self->view, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::model", G_CALLBACK (on_view_model_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->storyboard, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebaseline (self, NULL);
}

static void
lm_document_dispose (GObject *object)
{
  LmDocument *self = LM_DOCUMENT (object);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->history);
  g_clear_object (&self->view);
  g_clear_object (&self->storyboard);
  g_clear_object (&self->file);
  g_clear_object (&self->saved);

  G_OBJECT_CLASS (lm_document_parent_class)->dispose (object);
}

static void
lm_document_finalize (GObject *object)
{
  LmDocument *self = LM_DOCUMENT (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (lm_document_parent_class)->finalize (object);
}

static void
lm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LmDocument *self = LM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_STORYBOARD:
      g_value_set_object (value, self->storyboard);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LmDocument *self = LM_DOCUMENT (object);

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
lm_document_class_init (LmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lm_document_constructed;
  object_class->dispose = lm_document_dispose;
  object_class->finalize = lm_document_finalize;
  object_class->get_property = lm_document_get_property;
  object_class->set_property = lm_document_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LM_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORYBOARD] =
    g_param_spec_object ("storyboard", NULL, NULL, LM_TYPE_STORYBOARD, ro);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, LM_TYPE_HISTORY, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_document_init (LmDocument *self)
{
  self->storyboard = lm_storyboard_new ();
}

/* Public API */

/**
 * lm_document_new:
 * @view: the view the document saves (a reference is kept)
 *
 * Returns: (transfer full): an untitled, unmodified document
 */
LmDocument *
lm_document_new (LmView *view)
{
  g_return_val_if_fail (LM_IS_VIEW (view), NULL);

  return g_object_new (LM_TYPE_DOCUMENT, "view", view, NULL);
}

LmView *
lm_document_get_view (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);
  return self->view;
}

LmStoryboard *
lm_document_get_storyboard (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);
  return self->storyboard;
}

LmHistory *
lm_document_get_history (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);
  return self->history;
}

/**
 * lm_document_get_file:
 *
 * Returns: (transfer none) (nullable): the document's file
 */
GFile *
lm_document_get_file (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);
  return self->file;
}

gboolean
lm_document_get_modified (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

const char *
lm_document_get_title (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);
  return self->title;
}

/**
 * lm_document_capture:
 *
 * Returns: (transfer full): what a save would write now
 */
LmScenario *
lm_document_capture (LmDocument *self)
{
  g_return_val_if_fail (LM_IS_DOCUMENT (self), NULL);

  return lm_scenario_new_from_view (self->view, self->storyboard);
}

gboolean
lm_document_open (LmDocument  *self,
                  LmScenario  *scenario,
                  GFile       *file,
                  GError     **error)
{
  gboolean complete;

  g_return_val_if_fail (LM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (LM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  complete = lm_scenario_apply (scenario, self->view, self->storyboard, error);
  lm_history_clear (self->history);
  /* What the data could not take is gone from the view: the document is
   * what was opened, as far as it could be. */
  rebaseline (self, file);
  return complete;
}

void
lm_document_reset (LmDocument *self)
{
  LmModel *model;

  g_return_if_fail (LM_IS_DOCUMENT (self));

  model = lm_view_get_model (self->view);
  g_object_freeze_notify (G_OBJECT (self->view));
  if (model != NULL)
    {
      LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));

      lm_model_freeze (model);
      lm_model_reset_weights (model, NULL);
      for (guint i = 0; rule != NULL && i < rule->criteria->len; i++)
        {
          LmCriterion *criterion = g_ptr_array_index (rule->criteria, i);

          lm_model_set_left_behind_threshold (model, i, criterion->default_value, NULL);
        }
      lm_model_thaw (model);
      lm_selection_clear (lm_model_get_selection (model));
    }
  lm_view_set_locked (self->view, NULL);
  lm_view_set_extent (self->view, NULL);
  g_object_thaw_notify (G_OBJECT (self->view));
  lm_storyboard_replace (self->storyboard, NULL);
  lm_history_clear (self->history);
  rebaseline (self, NULL);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LmScenario *scenario = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "lm-file");
  GError *error = NULL;

  if (lm_scenario_save (scenario, file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lm_document_save_async (LmDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_document_save_async);
  /* Captured now, on this thread: later edits are not in this save. */
  g_task_set_task_data (task, lm_document_capture (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "lm-file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

gboolean
lm_document_save_finish (LmDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  GTask *task;

  g_return_val_if_fail (LM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  set_saved (self, g_object_get_data (G_OBJECT (task), "lm-file"), g_task_get_task_data (task));
  return TRUE;
}
