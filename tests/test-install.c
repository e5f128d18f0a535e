/* test-install.c — what `meson install` puts in place, and its validation
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Installs the build into a temporary DESTDIR once, then checks the tree
 * a distribution or the Flatpak gets: binary, data, manifests, schema,
 * desktop file, metainfo, icons, MIME type, licences and man page, each
 * validated by the tool a software centre or packager would use.
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lm-legal.h"

#define APP_ID       "io.github.levelmap.Levelmap"
#define MIME_TYPE    "application/x-levelmap-scenario"

static char *destdir;   /* the DESTDIR, removed at the end */
static char *root;      /* destdir + prefix */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static Run
run_argv (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}

/* A path inside the installed tree: root, then @first and more elements. */
static char *
installed (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static void
assert_file (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is not installed", path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The value of @key in the [Desktop Entry] of the installed desktop file. */
static char *
desktop_value (const char *key)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = installed (LM_TEST_DATADIR, "applications", APP_ID ".desktop", NULL);
  g_autoptr(GError) error = NULL;
  char *value;

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  value = g_key_file_get_string (file, "Desktop Entry", key, &error);
  g_assert_no_error (error);
  return value;
}

static void
test_tree (void)
{
  const char *datadir = LM_TEST_DATADIR;
  g_autofree char *binary = installed (LM_TEST_BINDIR, "levelmap", NULL);
  const char *files[][4] = {
    { datadir, "levelmap/manifests", "england-2019.xml" },
    { datadir, "levelmap/manifests", "england-2025.xml" },
    { datadir, "levelmap/examples", "england-2019-left-behind.levelmap" },
    { datadir, "levelmap/data/england-2019", "imd2019_lsoa11_ranks.csv" },
    { datadir, "levelmap/data/england-2019/boundaries", "lsoa11.shp" },
    { datadir, "levelmap/data/england-2025", "imd2025_lsoa21.csv" },
    { datadir, "levelmap/data/england-2025/boundaries", "lsoa21.dbf" },
    { datadir, "levelmap/data", "README.md" },
    { datadir, "glib-2.0/schemas", APP_ID ".gschema.xml" },
    { datadir, "applications", APP_ID ".desktop" },
    { datadir, "metainfo", APP_ID ".metainfo.xml" },
    { datadir, "icons/hicolor/scalable/apps", APP_ID ".svg" },
    { datadir, "icons/hicolor/symbolic/apps", APP_ID "-symbolic.svg" },
    { datadir, "mime/packages", APP_ID ".xml" },
    { datadir, "licenses/levelmap", "COPYING" },
    { LM_TEST_MANDIR, "man1", "levelmap.1" },
    { LM_TEST_LIBDIR, "levelmap", "levelmap-window.so" },
    { LM_TEST_LIBDIR, "levelmap", "levelmap-draw.so" },
  };

  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = installed (files[i][0], files[i][1], files[i][2], NULL);

      assert_file (path);
    }
}

/* The program is the command line that draws nothing; Cairo and Pango
 * are the drawing module's, GTK the window module's: an action that
 * draws nothing loads none of their libraries (some 8 ms and 2.5 ms a
 * run). */
static void
test_headless_libraries (void)
{
  g_autofree char *binary = installed (LM_TEST_BINDIR, "levelmap", NULL);
  g_autofree char *window_module = installed (LM_TEST_LIBDIR, "levelmap", "levelmap-window.so",
                                              NULL);
  g_autofree char *draw_module = installed (LM_TEST_LIBDIR, "levelmap", "levelmap-draw.so", NULL);
  const char *program_argv[] = { "env", "LD_TRACE_LOADED_OBJECTS=1", binary, NULL };
  const char *window_argv[] = { "ldd", window_module, NULL };
  const char *draw_argv[] = { "ldd", draw_module, NULL };
  g_auto(Run) program = run_argv (program_argv);
  g_auto(Run) window = run_argv (window_argv);
  g_auto(Run) draw = run_argv (draw_argv);

  g_assert_cmpint (program.status, ==, 0);
  g_assert_nonnull (strstr (program.out, "libglib-2.0"));
  g_assert_null (strstr (program.out, "libcairo"));
  g_assert_null (strstr (program.out, "libpango"));
  g_assert_null (strstr (program.out, "libgtk"));
  g_assert_null (strstr (program.out, "libadwaita"));
  g_assert_cmpint (draw.status, ==, 0);
  g_assert_nonnull (strstr (draw.out, "libcairo"));
  g_assert_nonnull (strstr (draw.out, "libpangocairo"));
  g_assert_null (strstr (draw.out, "libgtk"));
  g_assert_cmpint (window.status, ==, 0);
  g_assert_nonnull (strstr (window.out, "libgtk-4"));
}

/* The installed files name one another consistently: the desktop file's
 * icon, program and MIME type exist in the tree. */
static void
test_desktop_file (void)
{
  g_autofree char *path = installed (LM_TEST_DATADIR, "applications", APP_ID ".desktop", NULL);
  g_autofree char *icon = desktop_value ("Icon");
  g_autofree char *exec = desktop_value ("Exec");
  g_autofree char *mime_types = desktop_value ("MimeType");
  g_autofree char *categories = desktop_value ("Categories");
  g_autofree char *icon_file = g_strconcat (icon, ".svg", NULL);
  g_autofree char *icon_path = installed (LM_TEST_DATADIR, "icons/hicolor/scalable/apps",
                                          icon_file, NULL);
  g_auto(GStrv) exec_argv = g_strsplit (exec, " ", -1);
  g_autofree char *exec_path = installed (LM_TEST_BINDIR, exec_argv[0], NULL);
  const char *validate[] = { "desktop-file-validate", path, NULL };
  g_auto(Run) run = run_argv (validate);
  g_autofree char *expected_hint = g_strdup_printf (
    "%s: hint: value \"Education;Science;Geography;\" for key \"Categories\" in group "
    "\"Desktop Entry\" contains more than one main category; application might appear more "
    "than once in the application menu\n", path);

  g_assert_cmpint (run.status, ==, 0);
  /* desktop-file-validate exits 0 on warnings and hints too, so its output
   * is read: the one hint allowed is for the categories issue 14 asks for
   * (Education and Science are both main categories). */
  g_assert_cmpstr (run.out, ==, expected_hint);
  g_assert_cmpstr (categories, ==, "Education;Science;Geography;");
  g_assert_cmpstr (icon, ==, APP_ID);
  assert_file (icon_path);
  g_assert_true (g_file_test (exec_path, G_FILE_TEST_IS_EXECUTABLE));
  g_assert_cmpstr (mime_types, ==, MIME_TYPE ";");
}

/* appstreamcli's strictest offline check: --strict fails on any warning
 * or info, and the pedantic hints are read too. Allowed: the reverse-DNS
 * id's capital (pedantic; every GNOME application id has one) and
 * <developer>, which AppStream 1.0 (GNOME 50, Flathub) wants and Debian
 * 12's AppStream 0.16 does not know yet. */
static void
test_metainfo (void)
{
  g_autofree char *path = installed (LM_TEST_DATADIR, "metainfo", APP_ID ".metainfo.xml", NULL);
  const char *validate[] = { "appstreamcli", "validate", "--no-net", "--pedantic", "--strict",
                             path, NULL };
  g_auto(Run) run = run_argv (validate);
  g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
  g_autofree char *contents = NULL;
  g_autofree char *release = NULL;
  guint n_issues = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0' || line[0] == ' ' || g_str_has_prefix (line, "\342\234"))
        continue;  /* blank, explanation, or the closing ✔/✘ line */
      n_issues++;
      if (g_str_has_prefix (line, "P: " APP_ID ":") &&
          g_str_has_suffix (line, ": cid-contains-uppercase-letter " APP_ID))
        continue;
      if (g_str_has_prefix (line, "I: " APP_ID ":") &&
          g_str_has_suffix (line, ": unknown-tag developer"))
        continue;
      g_error ("appstreamcli validate: unexpected issue: %s\n%s", line, run.out);
    }
  g_assert_cmpuint (n_issues, ==, 2);
  /* With --strict the info above fails the run (status 3); anything worse
   * would have been caught line by line. */
  g_assert_cmpint (run.status, ==, 3);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<id>" APP_ID "</id>"));
  g_assert_nonnull (strstr (contents, "<launchable type=\"desktop-id\">" APP_ID ".desktop</launchable>"));
  g_assert_nonnull (strstr (contents, "<binary>levelmap</binary>"));
  g_assert_nonnull (strstr (contents, "<mediatype>" MIME_TYPE "</mediatype>"));
  g_assert_nonnull (strstr (contents, "<content_rating type=\"oars-1.1\""));
  g_assert_nonnull (strstr (contents, "<developer id="));
  g_assert_nonnull (strstr (contents, "<branding>"));
  /* The newest release is the version being installed. */
  release = g_strdup_printf ("<release version=\"%s\" date=\"", PACKAGE_VERSION);
  g_assert_nonnull (strstr (contents, release));
  g_assert_true (strstr (contents, "<release ") == strstr (contents, release));
}

/* GIO, as a file manager uses it, finds the type from the installed
 * shared-mime-info XML once the MIME database is built. */
static void
test_mime_type (void)
{
  g_autofree char *mime_dir = installed (LM_TEST_DATADIR, "mime", NULL);
  const char *update[] = { "update-mime-database", mime_dir, NULL };
  g_auto(Run) run = run_argv (update);
  g_autofree char *type = NULL;
  g_autofree char *description = NULL;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  type = g_content_type_guess ("Evidence session.levelmap", NULL, 0, NULL);
  g_assert_cmpstr (type, ==, MIME_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/xml"));
  description = g_content_type_get_description (type);
  g_assert_cmpstr (description, ==, "Levelmap scenario");
}

/* Every option `levelmap --help-all` lists is in the man page, and the
 * man page names no option the program does not have. */
static void
test_man_page (void)
{
  g_autofree char *path = installed (LM_TEST_MANDIR, "man1", "levelmap.1", NULL);
  const char *help[] = { g_getenv ("LEVELMAP_BINARY"), "--help-all", NULL };
  g_auto(Run) run = run_argv (help);
  g_autofree char *source = NULL;
  g_autoptr(GRegex) option = g_regex_new ("--([a-z](?:[a-z-]*[a-z])?)", 0, 0, NULL);
  g_autoptr(GHashTable) in_help = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_man = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) man = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GHashTableIter iter;
  const char *name;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  g_assert_nonnull (strstr (source, ".TH LEVELMAP 1 ") );
  g_assert_nonnull (strstr (source, "Levelmap " PACKAGE_VERSION));
  man = g_string_new (source);
  g_string_replace (man, "\\-", "-", 0);

  for (g_regex_match (option, run.out, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    g_hash_table_add (in_help, g_match_info_fetch (match, 1));
  g_clear_pointer (&match, g_match_info_free);
  for (g_regex_match (option, man->str, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    g_hash_table_add (in_man, g_match_info_fetch (match, 1));

  g_assert_cmpuint (g_hash_table_size (in_help), >=, 20);
  g_hash_table_iter_init (&iter, in_help);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (in_man, name))
      g_error ("--%s is in levelmap --help but not in the man page (docs/levelmap.1.in)", name);
  g_hash_table_iter_init (&iter, in_man);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (in_help, name))
      g_error ("the man page names --%s, which levelmap does not have", name);
}

static void
test_version (void)
{
  const char *version[] = { g_getenv ("LEVELMAP_BINARY"), "--version", NULL };
  g_auto(Run) run = run_argv (version);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "levelmap " PACKAGE_VERSION "\n");
}

/* The data's statement of sources and licences, as About shows it: from
 * the README installed with the data, with the licence it names linked. */
static void
test_data_licences (void)
{
  g_autofree char *data_dir = installed (LM_TEST_DATADIR, "levelmap", "data", NULL);
  g_autofree char *markup = lm_legal_data_sources_markup (data_dir);
  g_autofree char *copying = installed (LM_TEST_DATADIR, "licenses", "levelmap", "COPYING", NULL);
  g_autofree char *gpl = NULL;

  g_assert_nonnull (markup);
  /* Valid markup for a GtkLabel: Pango markup plus <a href> links. */
  {
    g_autoptr(GRegex) links = g_regex_new ("</?a( href=\"[^\"<>]*\")?>", 0, 0, NULL);
    g_autofree char *pango = g_regex_replace_literal (links, markup, -1, 0, "", 0, NULL);

    g_assert_true (pango_parse_markup (pango, -1, 0, NULL, NULL, NULL, NULL));
  }
  /* Each source of the data, one paragraph each. */
  g_assert_nonnull (strstr (markup, "Boundaries: Office for National Statistics"));
  g_assert_nonnull (strstr (markup, "Community Needs Index, OCSI / Local Trust"));
  g_assert_nonnull (strstr (markup, "The Electoral Commission"));
  g_assert_nonnull (strstr (markup, "Open Government Licence v3.0"));
  g_assert_nonnull (strstr (markup, "<a href=\"" LM_LEGAL_OGL_URL "\">"));
  g_assert_null (strstr (markup, "## "));

  g_assert_true (g_file_get_contents (copying, &gpl, NULL, NULL));
  g_assert_nonnull (strstr (gpl, "GNU GENERAL PUBLIC LICENSE"));
  g_assert_nonnull (strstr (gpl, "Version 3, 29 June 2007"));
}

/* A licence file: paragraphs reflowed, addresses linked, text escaped. */
static void
test_licence_file (void)
{
  g_autofree char *path = g_build_filename (destdir, "LICENSE-TEST", NULL);
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "Copyright (c) 1999, A <a@b.org> & others\n"
                       "\n"
                       "Permission is hereby granted, free of charge,\n"
                       "to any person (see https://example.org/mit).\n",
                       -1, &error);
  g_assert_no_error (error);
  markup = lm_legal_file_markup (path);
  g_assert_cmpstr (markup, ==,
                   "Copyright (c) 1999, A &lt;a@b.org&gt; &amp; others\n"
                   "\n"
                   "Permission is hereby granted, free of charge, to any person (see "
                   "<a href=\"https://example.org/mit\">https://example.org/mit</a>).");
  g_assert_null (lm_legal_file_markup ("/nonexistent/LICENSE"));
  g_unlink (path);
}

/* Every file POTFILES.in lists gives the build's template at least one
 * string: its extraction rules (C, GtkBuilder, desktop, AppStream,
 * GSettings, shared-mime-info) all work. */
static void
test_pot (void)
{
  g_autofree char *pot_path = g_build_filename (LM_TEST_BUILD_ROOT, "po", "levelmap.pot", NULL);
  g_autofree char *list_path = g_build_filename (LM_TEST_SOURCE_ROOT, "po", "POTFILES.in", NULL);
  g_autofree char *pot = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_files = 0;

  g_assert_true (g_file_get_contents (pot_path, &pot, NULL, NULL));
  g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
  g_assert_nonnull (strstr (pot, "\"Project-Id-Version: levelmap " PACKAGE_VERSION "\\n\""));
  lines = g_strsplit (list, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *reference = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      reference = g_strconcat (" ", lines[i], ":", NULL);
      if (strstr (pot, reference) == NULL)
        g_error ("po/levelmap.pot has no string from %s", lines[i]);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *install[] = { g_getenv ("MESON"), "install", "--no-rebuild", "--quiet",
                            "-C", LM_TEST_BUILD_ROOT, "--destdir", NULL, NULL };
  int status;

  g_test_init (&argc, &argv, NULL);

  destdir = g_dir_make_tmp ("levelmap-install-XXXXXX", &error);
  g_assert_no_error (error);
  root = g_build_filename (destdir, LM_TEST_PREFIX, NULL);
  /* GIO reads the MIME database of these folders when first asked. */
  {
    g_autofree char *share = g_build_filename (root, LM_TEST_DATADIR, NULL);
    g_autofree char *home = g_build_filename (destdir, "home", NULL);

    g_setenv ("XDG_DATA_DIRS", share, TRUE);
    g_setenv ("XDG_DATA_HOME", home, TRUE);
  }

  /* Installed once for all the tests; the data must be there (they are
   * copied from the configured data folder). */
  g_assert_nonnull (install[0]);
  install[7] = destdir;
  {
    g_auto(Run) run = run_argv (install);

    if (run.status != 0)
      g_error ("meson install failed:\n%s%s", run.out, run.err);
  }

  g_test_add_func ("/install/tree", test_tree);
  g_test_add_func ("/install/headless-libraries", test_headless_libraries);
  g_test_add_func ("/install/desktop-file", test_desktop_file);
  g_test_add_func ("/install/metainfo", test_metainfo);
  g_test_add_func ("/install/mime-type", test_mime_type);
  g_test_add_func ("/install/man-page", test_man_page);
  g_test_add_func ("/install/version", test_version);
  g_test_add_func ("/install/data-licences", test_data_licences);
  g_test_add_func ("/install/licence-file", test_licence_file);
  g_test_add_func ("/install/pot", test_pot);
  status = g_test_run ();

  remove_tree (destdir);
  g_free (root);
  g_free (destdir);
  return status;
}
