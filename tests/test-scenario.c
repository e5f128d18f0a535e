/* test-scenario.c — scenario files: the text written, byte-identical round
 * trips, applying to the same and to other data, every malformed file
 * reported with its line, the extension point, atomic saves
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Quadria (tests/lm-synthetic.c), so that no reference data are needed.
 */
#undef G_DISABLE_ASSERT

#include <string.h>
#include <glib/gstdio.h>

#include "lm-scenario.h"
#include "lm-synthetic.h"

#include "lm-test-files.h"

#define NAME "test.levelmap"

static char *manifest;

/* Fixtures */

static LmModel *
load_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = lm_dataset_open (manifest, "/nonexistent", &error);

  g_assert_no_error (error);
  return lm_model_new (dataset);
}

static LmView *
new_view (void)
{
  g_autoptr(LmModel) model = load_model ();
  LmView *view = lm_view_new ();

  lm_view_set_model (view, model);
  return view;
}

/* A view changed in every way a file records, and two scenes. */
static LmView *
new_edited_view (LmStoryboard *storyboard)
{
  LmView *view = new_view ();
  LmModel *model = lm_view_get_model (view);
  const char * const locked[] = { "hdx.air", NULL };
  LmBounds extent = { 1000.5, 2000.25, 4000.125, 5000 };
  guint areas[] = { 1, 4 };
  g_autoptr(LmViewSnapshot) first = NULL;
  g_autoptr(LmScene) scene = NULL;

  g_assert_true (lm_model_set_weight (model, "hdx", "wages", 3, NULL));
  g_assert_true (lm_model_set_weight (model, "sfi", "trust", 0.1, NULL));
  lm_view_set_locked (view, locked);
  lm_view_set_level_and_variable (view, "canton", "sfi.score");
  lm_view_set_method (view, "jenks");
  lm_view_set_n_classes (view, 7);
  lm_view_set_palette (view, "Blues");
  lm_view_set_show_left_behind (view, FALSE);
  lm_view_set_custom_plot (view, "canton", "hdx.score", "sfi.score");
  lm_view_set_weighted (view, TRUE);
  lm_view_set_extent (view, &extent);
  /* The Monte Carlo run's settings are saved too (issue 12). */
  lm_view_analysis_set_uncertainty_seed (lm_view_get_analysis (view),
                                         G_GUINT64_CONSTANT (18446744073709551557));
  lm_view_analysis_set_uncertainty_spread (lm_view_get_analysis (view), "wide");
  lm_view_analysis_set_show_intervals (lm_view_get_analysis (view), TRUE);
  lm_selection_select (lm_model_get_selection (model),
                       lm_dataset_find_level (lm_model_get_dataset (model), "canton"),
                       areas, G_N_ELEMENTS (areas), LM_SELECTION_REPLACE);

  first = lm_view_take_snapshot (view);
  scene = lm_scene_new ("Fabric & hardship <2024>", "Two lines:\n\"quoted\"\tand tabbed.",
                        first, NULL, TRUE);
  lm_storyboard_append (storyboard, scene);
  lm_view_set_palette (view, NULL);
  g_clear_object (&scene);
  {
    g_autoptr(LmViewSnapshot) second = lm_view_take_snapshot (view);

    scene = lm_scene_new ("Second", "", second, NULL, FALSE);
    lm_storyboard_append (storyboard, scene);
  }
  return view;
}

static char *
text_of (LmScenario *scenario)
{
  return lm_scenario_to_text (scenario, NULL);
}

static LmScenario *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LmScenario *scenario = lm_scenario_parse (NAME, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

/* Tests */

/* The text is what docs/scenarios.md shows: worked out here line by
 * line for the settings that have a fixed form. */
static void
test_text (void)
{
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autoptr(LmView) view = new_edited_view (storyboard);
  g_autoptr(LmScenario) scenario = lm_scenario_new_from_view (view, storyboard);
  g_autofree char *text = text_of (scenario);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *checksum = lm_dataset_get_manifest_checksum (lm_model_get_dataset (
                                                             lm_view_get_model (view)));
  g_autofree char *dataset_line = g_strdup_printf ("  <dataset id=\"quadria\" checksum=\"%s\"/>",
                                                   checksum);
  static const char * const expected[] = {
    "    <setting key=\"dataset\" type=\"s\">quadria</setting>",
    "    <setting key=\"weights/hdx.wages\" type=\"d\">3</setting>",
    "    <setting key=\"weights/hdx.schooling\" type=\"d\">1</setting>",
    "    <setting key=\"weights/sfi.trust\" type=\"d\">0.1</setting>",
    "    <setting key=\"thresholds/sfi.score\" type=\"d\">34</setting>",
    "    <setting key=\"locked\" type=\"as\"><item>hdx.air</item></setting>",
    "    <setting key=\"level\" type=\"s\">canton</setting>",
    "    <setting key=\"method\" type=\"s\">jenks</setting>",
    "    <setting key=\"n-classes\" type=\"u\">7</setting>",
    "    <setting key=\"palette\" type=\"s\"/>",
    "    <setting key=\"show-left-behind\" type=\"b\">false</setting>",
    "    <setting key=\"weighted\" type=\"b\">true</setting>",
    "    <setting key=\"selection\" type=\"as\"><item>K2</item><item>K5</item></setting>",
    "    <setting key=\"extent\" type=\"ad\">1000.5 2000.25 4000.125 5000</setting>",
    "    <setting key=\"uncertainty-draws\" type=\"u\">1000</setting>",
    "    <setting key=\"uncertainty-seed\" type=\"t\">18446744073709551557</setting>",
    "    <setting key=\"uncertainty-spread\" type=\"s\">wide</setting>",
    "    <setting key=\"bivariate\" type=\"s\"/>",
    "    <setting key=\"show-intervals\" type=\"b\">true</setting>",
    "    <property name=\"weighted\" type=\"b\">true</property>",
    "    <scene show-plot=\"true\">",
    "      <title>Fabric &amp; hardship &lt;2024&gt;</title>",
    "      <message>Two lines:&#10;&quot;quoted&quot;&#9;and tabbed.</message>",
    "      <setting key=\"palette\" type=\"s\">Blues</setting>",
    "    <scene show-plot=\"false\">",
  };

  g_assert_nonnull (checksum);
  g_assert_true (g_str_has_prefix (checksum, "sha256:"));
  g_assert_cmpuint (strlen (checksum), ==, strlen ("sha256:") + 64);
  g_assert_cmpstr (lines[0], ==, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  g_assert_cmpstr (lines[1], ==, "<levelmap-scenario version=\"1\">");
  g_assert_cmpstr (lines[2], ==, dataset_line);
  g_assert_cmpstr (lines[3], ==, "  <view>");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_strv_contains ((const char * const *) lines, expected[i]))
      g_error ("no line “%s” in:\n%s", expected[i], text);
  g_assert_true (g_str_has_suffix (text, "  </storyboard>\n</levelmap-scenario>\n"));

  /* One setting a line: as many <setting lines in the view as the
   * snapshot has keys. */
  {
    guint n_lines = 0;
    guint n_keys = g_variant_n_children (lm_view_snapshot_to_variant (
                                           lm_scenario_get_view (scenario)));

    for (guint i = 0; lines[i] != NULL && !g_str_equal (lines[i], "  </view>"); i++)
      if (g_str_has_prefix (lines[i], "    <setting "))
        n_lines++;
    g_assert_cmpuint (n_lines, ==, n_keys);
  }
}

static void
test_round_trip (void)
{
  g_autoptr(LmStoryboard) storyboard = lm_storyboard_new ();
  g_autoptr(LmView) view = new_edited_view (storyboard);
  g_autoptr(LmScenario) saved = lm_scenario_new_from_view (view, storyboard);
  g_autoptr(LmScenario) loaded = NULL;
  g_autoptr(LmScenario) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-scenario-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "round trip.levelmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first = text_of (saved);
  g_autofree char *second = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *third = NULL;

  g_assert_no_error (error);

  /* In memory. */
  loaded = parse_ok (first);
  second = text_of (loaded);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (lm_view_snapshot_equal (lm_scenario_get_view (saved),
                                         lm_scenario_get_view (loaded)));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (lm_scenario_get_storyboard (loaded)), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (lm_scene_equal (lm_storyboard_get_scene (storyboard, i),
                                   lm_storyboard_get_scene (lm_scenario_get_storyboard (loaded),
                                                            i)));

  /* Through a file: saved, loaded and saved again, the same bytes. */
  g_assert_true (lm_scenario_save (saved, file, NULL, &error));
  g_assert_no_error (error);
  again = lm_scenario_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lm_scenario_save (again, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, first);

  /* And through a view: applied to fresh data, then captured. */
  {
    g_autoptr(LmView) other = new_view ();
    g_autoptr(LmStoryboard) scenes = lm_storyboard_new ();
    g_autoptr(LmScenario) captured = NULL;

    g_assert_true (lm_scenario_apply (again, other, scenes, &error));
    g_assert_no_error (error);
    captured = lm_scenario_new_from_view (other, scenes);
    third = text_of (captured);
    g_assert_cmpstr (third, ==, first);
  }
  lm_test_remove_tree (folder);
}

/* Other data: another checksum, an area, a variable and a domain they do
 * not have. What they have is applied; the rest is named. */
static void
test_apply_other_data (void)
{
  g_autoptr(LmView) view = new_view ();
  g_autoptr(LmStoryboard) scenes = lm_storyboard_new ();
  g_autoptr(LmScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<levelmap-scenario version=\"1\">\n"
    "  <dataset id=\"quadria\" checksum=\"sha256:0000\"/>\n"
    "  <view>\n"
    "    <setting key=\"dataset\" type=\"s\">quadria</setting>\n"
    "    <setting key=\"weights/hdx.wages\" type=\"d\">5</setting>\n"
    "    <setting key=\"weights/hdx.sunshine\" type=\"d\">9</setting>\n"
    "    <setting key=\"level\" type=\"s\">canton</setting>\n"
    "    <setting key=\"variable\" type=\"s\">rain.mm</setting>\n"
    "    <setting key=\"n-classes\" type=\"u\">4</setting>\n"
    "    <setting key=\"selection-level\" type=\"s\">canton</setting>\n"
    "    <setting key=\"selection\" type=\"as\"><item>K3</item><item>K99</item></setting>\n"
    "    <property name=\"no-such-setting\" type=\"u\">3</property>\n"
    "  </view>\n"
    "  <storyboard>\n"
    "    <scene><title>Only</title></scene>\n"
    "  </storyboard>\n"
    "</levelmap-scenario>\n";
  LmLevel *canton;

  scenario = parse_ok (text);
  g_assert_false (lm_scenario_apply (scenario, view, scenes, &error));
  g_assert_error (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "manifest has changed"));
  g_assert_nonnull (strstr (error->message, "hdx.sunshine"));
  g_assert_nonnull (strstr (error->message, "rain.mm"));
  g_assert_nonnull (strstr (error->message, "K99"));
  g_assert_null (strstr (error->message, "K3"));
  g_assert_nonnull (strstr (error->message, "no-such-setting"));

  /* What the data have was applied. */
  canton = lm_dataset_find_level (lm_model_get_dataset (lm_view_get_model (view)), "canton");
  g_assert_cmpfloat (lm_model_get_weight (lm_view_get_model (view), "hdx", "wages"), ==, 5);
  g_assert_cmpstr (lm_view_get_level (view), ==, "canton");
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 4);
  g_assert_true (lm_selection_contains (lm_view_get_selection (view), canton, 2));
  g_assert_cmpuint (lm_selection_count (lm_view_get_selection (view), canton), ==, 1);
  g_assert_cmpuint (lm_storyboard_get_n_scenes (scenes), ==, 1);
  g_assert_cmpstr (lm_scene_get_title (lm_storyboard_get_scene (scenes, 0)), ==, "Only");
  g_assert_cmpstr (lm_scene_get_message (lm_storyboard_get_scene (scenes, 0)), ==, "");
}

typedef struct
{
  const char *text;
  int         code;
  int         line;      /* 0: no line in the message */
  const char *words;     /* also in the message */
} Malformed;

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define OPEN HEAD "<levelmap-scenario version=\"1\">\n"

static const Malformed malformed[] = {
  { OPEN "  <view>\n  </vie>\n", LM_SCENARIO_ERROR_PARSE, 4, "view" },
  { "", LM_SCENARIO_ERROR_PARSE, 1, NULL },
  { HEAD "<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<levelmap-scenario version=\"1\">&e;</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_FORBIDDEN, 0, "DOCTYPE" },
  { HEAD "\n<dataset format=\"1\"/>\n", LM_SCENARIO_ERROR_INVALID, 3, "levelmap-scenario" },
  { HEAD "<levelmap-scenario>\n  <view/>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 2, "version" },
  { HEAD "<levelmap-scenario\n    version=\"2\">\n  <view/>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_VERSION, 3, "newer" },
  { HEAD "<levelmap-scenario version=\"one\">\n  <view/>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 2, "one" },
  { OPEN "</levelmap-scenario>\n", LM_SCENARIO_ERROR_INVALID, 2, "<view>" },
  { OPEN "  <view/>\n  <view/>\n</levelmap-scenario>\n", LM_SCENARIO_ERROR_INVALID, 4, "one" },
  { OPEN "  <view/>\n  <layout/>\n</levelmap-scenario>\n", LM_SCENARIO_ERROR_INVALID, 4, "layout" },
  { OPEN "  <dataset/>\n  <view/>\n</levelmap-scenario>\n", LM_SCENARIO_ERROR_INVALID, 3, "id=" },
  { OPEN "  <view>\n    stray words\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "text" },
  { OPEN "  <view>\n\n    <colour key=\"x\"/>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 5, "colour" },
  { OPEN "  <view>\n    <setting type=\"s\">x</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "key=" },
  { OPEN "  <view>\n    <setting key=\"level\">x</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "type=" },
  { OPEN "  <view>\n    <setting key=\"level\" type=\"q\">x</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "type=\"q\"" },
  { OPEN "  <view>\n    <setting key=\"mood\" type=\"s\">x</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "mood" },
  { OPEN "  <view>\n    <setting key=\"weights/imd.income\" type=\"d\">lots</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "lots" },
  { OPEN "  <view>\n    <setting key=\"weights/imd.income\" type=\"d\">-3</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "weights/imd.income" },
  { OPEN "  <view>\n    <setting key=\"weights/imd.income\" type=\"d\">1e999</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "1e999" },
  { OPEN "  <view>\n    <setting key=\"n-classes\" type=\"u\">42</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "n-classes" },
  { OPEN "  <view>\n    <setting key=\"n-classes\" type=\"u\">-5</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "-5" },
  { OPEN "  <view>\n    <setting key=\"n-classes\" type=\"s\">5</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "n-classes" },
  { OPEN "  <view>\n    <setting key=\"weighted\" type=\"b\">yes</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "yes" },
  { OPEN "  <view>\n    <setting key=\"level\" type=\"s\">a</setting>\n    <setting key=\"level\" type=\"s\">b</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 5, "twice" },
  { OPEN "  <view>\n    <setting key=\"locked\" type=\"as\"><thing/></setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "<item>" },
  { OPEN "  <view>\n    <setting key=\"extent\" type=\"ad\">1 2 3</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "extent" },
  { OPEN "  <view>\n    <setting key=\"extent\" type=\"ad\">1 2 x 4</setting>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "“x”" },
  { OPEN "  <view>\n    <property type=\"u\">1</property>\n  </view>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 4, "name=" },
  { OPEN "  <view/>\n  <storyboard>\n    <slide/>\n  </storyboard>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 5, "slide" },
  { OPEN "  <view/>\n  <storyboard>\n    <scene show-plot=\"maybe\"/>\n  </storyboard>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 5, "maybe" },
  { OPEN "  <view/>\n  <storyboard>\n    <scene>\n      <title>a</title>\n      <title>b</title>\n    </scene>\n  </storyboard>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 7, "title" },
  { OPEN "  <view/>\n  <storyboard>\n    <scene>\n      <title>a<b/></title>\n    </scene>\n  </storyboard>\n</levelmap-scenario>\n",
    LM_SCENARIO_ERROR_INVALID, 6, "only text" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      const Malformed *m = &malformed[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(LmScenario) scenario = lm_scenario_parse (NAME, m->text, strlen (m->text), &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (scenario);
      g_assert_error (error, LM_SCENARIO_ERROR, m->code);
      g_assert_true (g_str_has_prefix (error->message, NAME));
      if (m->line > 0)
        {
          g_autofree char *where = g_strdup_printf ("line %d:", m->line);

          g_assert_nonnull (strstr (error->message, where));
        }
      if (m->words != NULL)
        g_assert_nonnull (strstr (error->message, m->words));
    }
}

static void
test_too_large (void)
{
  gsize length = LM_SCENARIO_MAX_BYTES + 1;
  g_autofree char *text = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmScenario) scenario = NULL;

  memset (text, ' ', length);
  scenario = lm_scenario_parse (NAME, text, length, &error);
  g_assert_null (scenario);
  g_assert_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, NAME));
}

/* An older file (no properties, no storyboard) opens, and a view without
 * data is a file without <dataset>. */
static void
test_minimal (void)
{
  g_autoptr(LmScenario) scenario = parse_ok (OPEN "  <view>\n    <!-- a comment -->\n"
                                             "  </view>\n</levelmap-scenario>\n");
  g_autoptr(LmView) empty = lm_view_new ();
  g_autoptr(LmScenario) none = lm_scenario_new_from_view (empty, NULL);
  g_autofree char *text = text_of (none);

  g_assert_cmpstr (lm_scenario_get_dataset (scenario), ==, "");
  g_assert_null (lm_scenario_get_checksum (scenario));
  g_assert_cmpuint (lm_storyboard_get_n_scenes (lm_scenario_get_storyboard (scenario)), ==, 0);
  g_assert_null (strstr (text, "<dataset"));
  g_assert_nonnull (strstr (text, "  <storyboard/>\n"));
}

/* The extension point: a registered property goes into the file and
 * comes back; a wrong type is reported, not fatal. */
static void
test_properties (void)
{
  g_autoptr(LmView) view = new_view ();
  g_autoptr(LmScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *wrong = OPEN "  <view>\n    <setting key=\"n-classes\" type=\"u\">6</setting>\n"
                      "    <property name=\"weighted\" type=\"u\">1</property>\n"
                      "  </view>\n</levelmap-scenario>\n";

  lm_view_set_weighted (view, TRUE);
  scenario = lm_scenario_new_from_view (view, NULL);
  text = text_of (scenario);
  g_assert_nonnull (strstr (text, "<property name=\"weighted\" type=\"b\">true</property>"));

  lm_view_set_weighted (view, FALSE);
  g_assert_true (lm_scenario_apply_properties (view, lm_scenario_get_properties (scenario),
                                               &error));
  g_assert_no_error (error);
  g_assert_true (lm_view_get_weighted (view));

  g_clear_object (&scenario);
  scenario = parse_ok (wrong);
  g_assert_false (lm_scenario_apply (scenario, view, NULL, &error));
  g_assert_error (error, LM_VIEW_ERROR, LM_VIEW_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "weighted"));
  g_assert_cmpuint (lm_view_get_n_classes (view), ==, 6);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-scenario-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "kept.levelmap", NULL);
  g_autofree char *missing_path = g_build_filename (folder, "missing.levelmap", NULL);
  g_autofree char *deep_path = g_build_filename (folder, "no", "such", "x.levelmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) deep = g_file_new_for_path (deep_path);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(LmView) view = new_view ();
  g_autoptr(LmScenario) scenario = lm_scenario_new_from_view (view, NULL);
  g_autoptr(LmScenario) loaded = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);

  loaded = lm_scenario_load (missing, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.levelmap"));
  g_clear_error (&error);

  loaded = lm_scenario_load (dir, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (lm_scenario_save (scenario, deep, NULL, &error));
  g_assert_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "x.levelmap"));
  g_clear_error (&error);

  /* A save that does not finish leaves the old file whole. */
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_cancellable_cancel (cancelled);
  g_assert_false (lm_scenario_save (scenario, file, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");

  lm_test_remove_tree (folder);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LmScenario **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lm_scenario_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("levelmap-scenario-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "a.levelmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LmView) view = new_view ();
  g_autoptr(LmScenario) scenario = lm_scenario_new_from_view (view, NULL);
  g_autoptr(LmScenario) loaded = NULL;

  g_assert_true (lm_scenario_save (scenario, file, NULL, &error));
  lm_scenario_load_async (file, NULL, on_loaded_cb, &loaded);
  while (loaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lm_view_snapshot_equal (lm_scenario_get_view (scenario),
                                         lm_scenario_get_view (loaded)));
  lm_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  manifest = lm_synthetic_write ();
  /* Every test sees the same registry: "weighted" stands for the
   * properties other features add. */
  lm_scenario_register_view_property ("weighted");

  g_test_add_func ("/scenario/text", test_text);
  g_test_add_func ("/scenario/round-trip", test_round_trip);
  g_test_add_func ("/scenario/apply-other-data", test_apply_other_data);
  g_test_add_func ("/scenario/malformed", test_malformed);
  g_test_add_func ("/scenario/too-large", test_too_large);
  g_test_add_func ("/scenario/minimal", test_minimal);
  g_test_add_func ("/scenario/properties", test_properties);
  g_test_add_func ("/scenario/files", test_files);
  g_test_add_func ("/scenario/load-async", test_load_async);

  status = g_test_run ();
  lm_synthetic_remove (manifest);
  g_free (manifest);
  return status;
}
