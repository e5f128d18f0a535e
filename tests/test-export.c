/* test-export.c — map figures as PNG, SVG and PDF on the real data
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parser.h>

#include "lm-export.h"
#include "lm-palette.h"

/* Loading the dataset is the slow part: once for every test. */
static LmModel *model;
static char *tmp_dir;

static LmModel *
get_model (void)
{
  if (model == NULL)
    g_test_skip ("the england-2019 dataset could not be loaded");
  return model;
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Names in the temporary folder that look like our temporary files. */
static guint
count_leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      n++;
  return n;
}

static void
small_options (LmMapExportOptions *options)
{
  lm_map_export_options_init (options);
  options->level_id = "lsoa";
  options->variable_id = "imd.score";
  options->n_classes = 7;
  options->width = 640;
  options->height = 800;
}

static void
test_png (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("map.png");
  LmMapExportOptions options;
  LmColor colors[7];
  guint found[7] = { 0 };
  cairo_surface_t *image;
  LmVariable *variable;

  if (m == NULL)
    return;
  small_options (&options);
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);

  /* At least as many distinct fill colours as classes: each class's
   * colour fills some pixels exactly (allowing Cairo's rounding). */
  variable = lm_model_find_variable (m, "lsoa", "imd.score", NULL);
  lm_palette_get_colors_for_variable (lm_palette_get_default (variable), variable, 7, colors);
  for (int y = 0; y < 800; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image)
                                              + y * cairo_image_surface_get_stride (image));

      for (int x = 0; x < 640; x++)
        for (guint k = 0; k < 7; k++)
          if (abs ((int) ((row[x] >> 16) & 0xff) - (int) lround (colors[k].red * 255)) <= 1
              && abs ((int) ((row[x] >> 8) & 0xff) - (int) lround (colors[k].green * 255)) <= 1
              && abs ((int) (row[x] & 0xff) - (int) lround (colors[k].blue * 255)) <= 1)
            found[k]++;
    }
  for (guint k = 0; k < 7; k++)
    g_assert_cmpuint (found[k], >, 100);
  cairo_surface_destroy (image);
  g_assert_cmpuint (count_leftovers (), ==, 0);
}

static void
test_surface (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  LmMapExportOptions options;
  cairo_surface_t *image;

  if (m == NULL)
    return;
  small_options (&options);
  options.level_id = "lad";
  options.variable_id = "eu.leave_pct";
  options.width = 300;
  options.height = 200;
  image = lm_export_map_to_surface (m, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 300);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 200);
  cairo_surface_destroy (image);
}

static void
test_svg (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("map.svg");
  LmMapExportOptions options;
  xmlDoc *doc;
  xmlNode *root;

  if (m == NULL)
    return;
  small_options (&options);
  options.level_id = "ward";
  options.variable_id = "cni.score";
  options.method = LM_CLASSIFY_JENKS;
  options.n_classes = 5;
  options.palette = "YlOrRd";
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  xmlFreeDoc (doc);
  g_assert_cmpuint (count_leftovers (), ==, 0);
}

static guint
count_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;
  const char *needle = "/Type /Page";

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
  for (const char *p = contents; p + strlen (needle) < contents + length; p++)
    if (memcmp (p, needle, strlen (needle)) == 0 && p[strlen (needle)] != 's')
      pages++;
  return pages;
}

static void
test_pdf (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("map.PDF");
  LmMapExportOptions options;

  if (m == NULL)
    return;
  small_options (&options);
  options.level_id = "lad";
  options.variable_id = "imd.rank";
  options.method = LM_CLASSIFY_EQUAL;
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (path), ==, 1);
  g_assert_cmpuint (count_leftovers (), ==, 0);
}

static void
test_errors (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *gif = tmp_path ("map.gif");
  g_autofree char *png = tmp_path ("refused.png");
  LmMapExportOptions options;

  if (m == NULL)
    return;
  small_options (&options);

  /* An unknown extension names the three allowed */
  g_assert_false (lm_export_map (m, &options, gif, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "map.gif"));
  g_assert_nonnull (strstr (error->message, ".png"));
  g_assert_nonnull (strstr (error->message, ".svg"));
  g_assert_nonnull (strstr (error->message, ".pdf"));
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The CNI is published for wards: never pushed down to LSOAs */
  options.variable_id = "cni.score";
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_assert_nonnull (strstr (error->message, "not available"));
  g_clear_error (&error);

  options.variable_id = "no.such.thing";
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_clear_error (&error);

  small_options (&options);
  options.level_id = "county";
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_LEVEL);
  g_clear_error (&error);

  small_options (&options);
  options.palette = "rainbow";
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_PALETTE_ERROR, LM_PALETTE_ERROR_UNKNOWN);
  g_clear_error (&error);

  small_options (&options);
  options.width = 0;
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  options.width = 100000;
  g_assert_false (lm_export_map (m, &options, png, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_SIZE);
  g_clear_error (&error);

  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_leftovers (), ==, 0);
}

static void
test_failed_write (void)
{
  LmModel *m = get_model ();
  LmMapExportOptions options;
  const char *names[] = { "map.png", "map.svg", "map.pdf" };

  if (m == NULL)
    return;
  small_options (&options);
  options.level_id = "region";
  options.width = 200;
  options.height = 250;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *missing_dir = tmp_path ("no-such-folder");
      g_autofree char *missing = g_build_filename (missing_dir, names[i], NULL);
      g_autofree char *taken_name = g_strconcat ("taken-", names[i], NULL);
      g_autofree char *taken = tmp_path (taken_name);

      /* A folder that does not exist: an error naming the file, nothing
       * written anywhere */
      g_assert_false (lm_export_map (m, &options, missing, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      /* The rename fails at the very end (a folder has the name): the
       * temporary file must not be left behind */
      g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
      g_assert_false (lm_export_map (m, &options, taken, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (count_leftovers (), ==, 0);
      g_assert_true (g_file_test (taken, G_FILE_TEST_IS_DIR));
      g_rmdir (taken);
    }
}

static void
draw_cross (cairo_t  *cr,
            int       width,
            int       height,
            gpointer  user_data)
{
  guint *calls = user_data;

  (*calls)++;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_move_to (cr, 0, 0);
  cairo_line_to (cr, width, height);
  cairo_move_to (cr, width, 0);
  cairo_line_to (cr, 0, height);
  cairo_set_line_width (cr, 4);
  cairo_stroke (cr);
}

static void
test_draw_to_file (void)
{
  const char *names[] = { "cross.png", "cross.svg", "cross.pdf" };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = tmp_path ("cross.bmp");
  guint calls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = tmp_path (names[i]);
      LmExportFormat format;

      g_assert_true (lm_export_format_from_path (path, &format, NULL));
      g_assert_cmpint (format, ==, (int) i);
      g_assert_true (lm_export_draw_to_file (path, 120, 90, draw_cross, &calls, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpuint (calls, ==, 3);

  {
    g_autofree char *png = tmp_path ("cross.png");
    g_autofree char *pdf = tmp_path ("cross.pdf");
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 120);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 90);
    cairo_surface_destroy (image);
    g_assert_cmpuint (count_pages (pdf), ==, 1);
  }

  g_assert_false (lm_export_draw_to_file (bad, 120, 90, draw_cross, &calls, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (lm_export_format_from_path ("/tmp/no-extension", NULL, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (lm_export_format_from_path ("/tmp/dir.png/file", NULL, &error));
  g_assert_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (count_leftovers (), ==, 0);
}

static void
test_deciles_on_lsoas (void)
{
  LmModel *m = get_model ();
  LmClassification classes;
  LmVariable *rank;
  guint n_values;

  if (m == NULL)
    return;
  /* The published-decile method gives ten classes of near-equal size */
  rank = lm_model_find_variable (m, "lsoa", "imd.rank", NULL);
  g_assert_nonnull (rank);
  n_values = lm_variable_count_values (rank);
  g_assert_true (lm_classify (rank->values, rank->level->n_areas, LM_CLASSIFY_DECILES, 5,
                              &classes));
  g_assert_cmpuint (classes.n_classes, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      g_assert_cmpfloat (fabs (classes.count[k] - n_values / 10.0), <=, n_values / 100.0);
      if (k > 0)
        g_assert_cmpfloat (classes.upper[k - 1], <=, classes.lower[k]);
    }
}

static void
test_custom_weights (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("weighted.png");
  LmMapExportOptions options;

  if (m == NULL)
    return;
  g_assert_true (lm_model_parse_weight (m, "imd.income=30", &error));
  g_assert_no_error (error);
  small_options (&options);
  options.antialias = CAIRO_ANTIALIAS_FAST;
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);
  lm_model_reset_weights (m, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmDataset) dataset = NULL;
  const char *data_dir = g_getenv ("LEVELMAP_DATA_DIR");
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("lm-export-XXXXXX", &error);
  g_assert_no_error (error);
  if (data_dir != NULL)
    dataset = lm_dataset_open ("england-2019", data_dir, &error);
  if (dataset != NULL)
    model = lm_model_new (dataset);
  else
    g_test_message ("dataset not loaded: %s", error ? error->message : "LEVELMAP_DATA_DIR unset");

  g_test_add_func ("/render/export/draw-to-file", test_draw_to_file);
  g_test_add_func ("/render/export/png", test_png);
  g_test_add_func ("/render/export/surface", test_surface);
  g_test_add_func ("/render/export/svg", test_svg);
  g_test_add_func ("/render/export/pdf", test_pdf);
  g_test_add_func ("/render/export/errors", test_errors);
  g_test_add_func ("/render/export/failed-write", test_failed_write);
  g_test_add_func ("/render/export/deciles", test_deciles_on_lsoas);
  g_test_add_func ("/render/export/custom-weights", test_custom_weights);

  status = g_test_run ();

  g_clear_object (&model);
  g_clear_object (&dataset);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
