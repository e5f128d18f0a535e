/* test-settings-refused.c — the window where its settings cannot be
 * saved
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a session bus, dconf takes each write at once, then finds it
 * cannot save it and changes the key back. A window whose view followed
 * its keys went back with them, which changed other keys (a level
 * brings its variable), whose writes were refused in turn: it spun for
 * ever and never drew. The backend below refuses every write as dconf
 * does then.
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "lm-test-window-fixture.h"

#define REFUSING_TYPE (refusing_backend_get_type ())
G_DECLARE_FINAL_TYPE (RefusingBackend, refusing_backend, REFUSING, BACKEND, GSettingsBackend)

struct _RefusingBackend
{
  GSettingsBackend parent_instance;
};

G_DEFINE_TYPE (RefusingBackend, refusing_backend, G_TYPE_SETTINGS_BACKEND)

static guint n_refused;

static GVariant *
refusing_read (GSettingsBackend   *backend,
               const char         *key,
               const GVariantType *expected_type,
               gboolean            default_value)
{
  return NULL;  /* nothing saved: every key at its default */
}

typedef struct
{
  GSettingsBackend *backend;
  char             *key;
} Revert;

static void
revert_cb (gpointer data)
{
  Revert *revert = data;

  g_settings_backend_changed (revert->backend, revert->key, NULL);
  g_object_unref (revert->backend);
  g_free (revert->key);
  g_free (revert);
}

static gboolean
refusing_write (GSettingsBackend *backend,
                const char       *key,
                GVariant         *value,
                gpointer          origin_tag)
{
  Revert *revert = g_new (Revert, 1);

  g_variant_unref (g_variant_ref_sink (value));
  n_refused++;
  /* Taken at once, then changed back, as dconf does. */
  g_settings_backend_changed (backend, key, origin_tag);
  revert->backend = g_object_ref (backend);
  revert->key = g_strdup (key);
  g_idle_add_once (revert_cb, revert);
  return TRUE;
}

static gboolean
refusing_write_tree (GSettingsBackend *backend,
                     GTree            *tree,
                     gpointer          origin_tag)
{
  return FALSE;
}

static void
refusing_reset (GSettingsBackend *backend,
                const char       *key,
                gpointer          origin_tag)
{
}

static gboolean
refusing_get_writable (GSettingsBackend *backend,
                       const char       *key)
{
  return TRUE;
}

static void
refusing_backend_class_init (RefusingBackendClass *klass)
{
  GSettingsBackendClass *backend_class = G_SETTINGS_BACKEND_CLASS (klass);

  backend_class->read = refusing_read;
  backend_class->write = refusing_write;
  backend_class->write_tree = refusing_write_tree;
  backend_class->reset = refusing_reset;
  backend_class->get_writable = refusing_get_writable;
}

static void
refusing_backend_init (RefusingBackend *self)
{
}

static guint n_level_changes;

static void
on_level_changed_cb (LmView     *view,
                     GParamSpec *pspec,
                     gpointer    data)
{
  n_level_changes++;
}

/* The window draws, a level switch is made once and stays, and the
 * window settles with its writes refused. */
static void
test_refused_writes (void)
{
  LmWindow *window = lm_test_window_open (app, 1366, 768);
  LmView *view = lm_window_get_view (window);
  guint refused = n_refused;

  g_signal_connect (view, "notify::level", G_CALLBACK (on_level_changed_cb), NULL);
  lm_view_set_level (view, "lsoa");
  for (guint i = 0; i < 5; i++)
    lm_test_wait_for_frames (GTK_WIDGET (window));
  g_test_message ("%u writes refused, the level changed %u times", n_refused - refused,
                  n_level_changes);
  g_assert_cmpuint (n_refused, >, refused);
  g_assert_cmpuint (n_level_changes, ==, 1);
  g_assert_cmpstr (lm_view_get_level (view), ==, "lsoa");
  g_signal_handlers_disconnect_by_func (view, on_level_changed_cb, NULL);
  lm_test_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GIO's extension points exist once its modules are loaded. */
  g_vfs_get_default ();
  g_io_extension_point_implement (G_SETTINGS_BACKEND_EXTENSION_POINT_NAME, REFUSING_TYPE,
                                  "lm-test-refusing", 1000);
  g_setenv ("GSETTINGS_BACKEND", "lm-test-refusing", TRUE);
  if (!lm_test_window_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/settings/refused-writes", test_refused_writes);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
