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
#include "lm-legend-renderer.h"
#include "lm-map-figure.h"
#include "lm-map-renderer.h"
#include "lm-palette.h"

/* Loading the dataset is the slow part: once for every test. */
static LmModel *model;
static char *load_error;
static char *tmp_dir;

/* The data are needed: without them every test fails, none skips. */
static LmModel *
get_model (void)
{
  if (model == NULL)
    g_test_fail_printf ("the england-2019 dataset could not be loaded: %s", load_error);
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

/* The PNG painted and compressed in strips is the picture drawn whole:
 * the same pixels, but where a line crosses the seam between two strips
 * (Cairo rounds its strokes from each strip's own origin), by a level
 * or two. */
static void
test_png_strips (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("strips.png");
  LmMapExportOptions options;
  cairo_surface_t *whole, *read;
  guint n_differ = 0, max_diff = 0;

  if (m == NULL)
    return;
  small_options (&options);
  options.height = 1300;   /* six strips */
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);
  whole = lm_export_map_to_surface (m, &options, &error);
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, 1300);
  for (int y = 0; y < 1300; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (whole)
                                            + y * cairo_image_surface_get_stride (whole));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (read)
                                            + y * cairo_image_surface_get_stride (read));

      for (int x = 0; x < 640; x++)
        {
          guint diff = 0;

          for (int shift = 0; shift < 24; shift += 8)
            diff = MAX (diff, (guint) abs ((int) ((a[x] >> shift) & 0xff) -
                                           (int) ((b[x] >> shift) & 0xff)));
          n_differ += diff > 0;
          max_diff = MAX (max_diff, diff);
        }
    }
  g_test_message ("strips: %u of %u pixels differ from the whole picture, by at most %u",
                  n_differ, 640 * 1300, max_diff);
  g_assert_cmpuint (n_differ, <=, 640 * 1300 / 1000);
  cairo_surface_destroy (read);
  cairo_surface_destroy (whole);
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

/* Counts, for every element under @node, the colour of its fill
 * ("fill:rgb(r%,g%,b%)" in its style, as Cairo writes it), keyed by
 * 0xRRGGBB + 1. */
static void
count_fills (xmlNode    *node,
             GHashTable *fills)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          xmlChar *style = xmlGetProp (child, (const xmlChar *) "style");
          const char *fill = style != NULL ? strstr ((const char *) style, "fill:rgb(") : NULL;
          double r, g, b;

          if (fill != NULL && sscanf (fill, "fill:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) == 3)
            {
              guint32 rgb = ((guint32) lround (r * 2.55) << 16) | ((guint32) lround (g * 2.55) << 8) |
                            (guint32) lround (b * 2.55);
              gpointer key = GUINT_TO_POINTER (rgb + 1);

              g_hash_table_insert (fills, key,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fills, key)) + 1));
            }
          xmlFree (style);
          count_fills (child->children, fills);
        }
    }
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

  /* What is drawn: the five YlOrRd classes (ColorBrewer's published
   * values), each filled twice, once as the map's path of that class
   * and once as its legend swatch; every other fill is grey (text, no
   * data, scale bar) or the white paper. */
  {
    static const guint32 ylorrd5[] = { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026 };
    g_autoptr(GHashTable) fills = g_hash_table_new (NULL, NULL);
    GHashTableIter iter;
    gpointer key, value;

    count_fills (root, fills);
    for (guint k = 0; k < G_N_ELEMENTS (ylorrd5); k++)
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fills, GUINT_TO_POINTER (ylorrd5[k] + 1))),
                        ==, 2);
    g_hash_table_iter_init (&iter, fills);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint32 rgb = GPOINTER_TO_UINT (key) - 1;
        guint r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        gboolean is_class = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (ylorrd5); k++)
          is_class |= rgb == ylorrd5[k];
        if (!is_class)
          g_assert_true (r == g && g == b);
      }
  }
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

/* Pixels of @color (within 1 of 255 per channel) in @image. */
static guint
count_color (cairo_surface_t *image,
             const LmColor   *color)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  int r = (int) lround (color->red * 255), g = (int) lround (color->green * 255);
  int b = (int) lround (color->blue * 255);
  guint n = 0;

  cairo_surface_flush (image);
  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        n += abs ((int) ((p >> 16) & 0xff) - r) <= 1 && abs ((int) ((p >> 8) & 0xff) - g) <= 1 &&
             abs ((int) (p & 0xff) - b) <= 1;
      }
  return n;
}

/* A district whose class differs under the two
 * weightings, and its two classes. */
static gboolean
find_changed_district (const double           *official,
                       const double           *weighted,
                       const LmClassification *c_official,
                       const LmClassification *c_weighted,
                       guint                   n,
                       guint                  *out_area,
                       int                    *out_from,
                       int                    *out_to)
{
  for (guint a = 0; a < n; a++)
    {
      int from = lm_classification_find (c_official, official[a]);
      int to = lm_classification_find (c_weighted, weighted[a]);

      if (from >= 0 && to >= 0 && from != to)
        {
          *out_area = a;
          *out_from = from;
          *out_to = to;
          return TRUE;
        }
    }
  return FALSE;
}

/* Re-weighting changes the drawing where the classes change: a
 * district that moves to another class is drawn in that class's colour. */
static void
test_custom_weights (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("weighted.png");
  g_autofree double *official = NULL;
  LmMapExportOptions options;
  LmVariable *score;
  LmClassification c_official, c_weighted;
  LmColor colors[5];
  cairo_surface_t *before, *after;
  guint area = 0;
  int from = -1, to = -1;
  LmBounds box;

  if (m == NULL)
    return;
  score = lm_model_find_variable (m, "lad", "imd.score", &error);
  g_assert_no_error (error);
  official = g_memdup2 (score->values, sizeof (double) * score->level->n_areas);
  g_assert_true (lm_classify (official, score->level->n_areas, LM_CLASSIFY_QUANTILE, 5, &c_official));
  g_assert_true (lm_model_parse_weight (m, "imd.income=90", &error));
  g_assert_no_error (error);
  g_assert_true (lm_classify (score->values, score->level->n_areas, LM_CLASSIFY_QUANTILE, 5,
                              &c_weighted));
  g_assert_true (find_changed_district (official, score->values, &c_official, &c_weighted,
                                        score->level->n_areas, &area, &from, &to));
  box = lm_shape_layer_get_feature (score->level->shapes, score->level->feature[area])->bounds;
  lm_palette_get_colors_for_variable (lm_palette_lookup ("YlOrRd", NULL), score, 5, colors);
  g_test_message ("%s moves from class %d to %d", score->level->names[area], from, to);

  /* The figure of that district, official and re-weighted. */
  lm_map_export_options_init (&options);
  options.level_id = "lad";
  options.n_classes = 5;
  options.palette = "YlOrRd";
  options.width = 600;
  options.height = 600;
  options.extent = &box;
  after = lm_export_map_to_surface (m, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lm_export_map (m, &options, path, &error));
  g_assert_no_error (error);
  lm_model_reset_weights (m, NULL);
  before = lm_export_map_to_surface (m, &options, &error);
  g_assert_no_error (error);

  /* The district fills a good part of a figure fitted to it: its colour
   * comes and goes with its class. */
  g_test_message ("class %d: %u -> %u px; class %d: %u -> %u px", from,
                  count_color (before, &colors[from]), count_color (after, &colors[from]), to,
                  count_color (before, &colors[to]), count_color (after, &colors[to]));
  g_assert_cmpuint (count_color (after, &colors[to]), >, count_color (before, &colors[to]) + 600 * 600 / 20);
  g_assert_cmpuint (count_color (before, &colors[from]), >, count_color (after, &colors[from]) + 600 * 600 / 20);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* LmMapFigure colours as the three copies of colouring did before it
 * (classify, assign, palette), and marks OCSI's rule's wards. */
static void
test_figure_colouring (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LmMapFigure) figure = NULL;
  static const guint32 ylorrd5[] = { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026 };
  LmVariable *cni;
  LmClassification expected;
  g_autofree gint8 *classes = NULL;
  const gint8 *figure_classes;
  const LmColor *colors;
  guint n_colors, n_areas, n_marked, n_flagged = 0;
  const guint8 *mask;
  LmLevel *rule_level;
  LmVariable *flags;

  if (m == NULL)
    return;
  figure = lm_map_figure_new (m);
  lm_map_figure_set_level (figure, "ward");
  lm_map_figure_set_variable (figure, "cni.score");
  lm_map_figure_set_method (figure, LM_CLASSIFY_JENKS);
  lm_map_figure_set_n_classes (figure, 5);
  lm_map_figure_set_palette (figure, "YlOrRd");
  g_assert_true (lm_map_figure_update (figure, &error));
  g_assert_no_error (error);

  cni = lm_model_find_variable (m, "ward", "cni.score", NULL);
  g_assert_true (lm_classify (cni->values, cni->level->n_areas, LM_CLASSIFY_JENKS, 5, &expected));
  classes = g_new (gint8, cni->level->n_areas);
  lm_classification_assign (&expected, cni->values, cni->level->n_areas, classes);
  g_assert_true (memcmp (lm_map_figure_get_classification (figure), &expected, sizeof expected) == 0);
  figure_classes = lm_map_figure_get_area_classes (figure, &n_areas);
  g_assert_cmpuint (n_areas, ==, cni->level->n_areas);
  g_assert_true (memcmp (figure_classes, classes, n_areas) == 0);
  colors = lm_map_figure_get_class_colors (figure, &n_colors);
  g_assert_cmpuint (n_colors, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      g_assert_cmpint (lround (colors[k].red * 255), ==, ylorrd5[k] >> 16);
      g_assert_cmpint (lround (colors[k].green * 255), ==, (ylorrd5[k] >> 8) & 0xff);
      g_assert_cmpint (lround (colors[k].blue * 255), ==, ylorrd5[k] & 0xff);
    }

  /* The marks are the wards the rule flags: 226 with official weights. */
  rule_level = lm_map_figure_get_left_behind (figure, &n_marked, &mask);
  g_assert_nonnull (rule_level);
  flags = lm_level_find_variable (rule_level, "left_behind");
  for (guint a = 0; a < rule_level->n_areas; a++)
    {
      g_assert_cmpint (!!mask[a], ==, flags->values[a] == 1);
      n_flagged += flags->values[a] == 1;
    }
  g_assert_cmpuint (n_marked, ==, n_flagged);
  g_assert_cmpuint (n_marked, ==, 226);

  /* An unknown variable: the model's error, and nothing coloured. */
  lm_map_figure_set_variable (figure, "no.such.variable");
  g_clear_error (&error);
  g_assert_false (lm_map_figure_update (figure, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_assert_null (lm_map_figure_get_classification (figure));
  figure_classes = lm_map_figure_get_area_classes (figure, &n_areas);
  for (guint a = 0; a < n_areas; a++)
    g_assert_cmpint (figure_classes[a], ==, -1);
}

static cairo_surface_t *
render_lsoas (LmMapFigure *figure,
              guint        n_threads,
              gboolean     cairo_fills)
{
  g_autoptr(LmMapRenderer) renderer = lm_map_renderer_new ();
  LmLevel *level = lm_map_figure_get_level (figure);
  LmBounds bounds = lm_shape_layer_get_bounds (level->shapes);
  LmMapStyle style;
  LmMapView view;

  lm_map_style_init (&style);
  lm_map_figure_apply (figure, &style);
  style.background = (LmColor) { 1, 1, 1, 1 };
  style.antialias = CAIRO_ANTIALIAS_DEFAULT;
  style.n_threads = n_threads;
  style.cairo_fills = cairo_fills;
  lm_map_view_fit (&view, &bounds, 800, 1000, 0);
  return lm_map_renderer_render_new_image (renderer, level, &view, &style);
}

/* The exact-area fills against Cairo's (the reference) on every LSOA of
 * England: the same colours wherever a pixel is away from an edge, and
 * at edges the few levels Cairo's sampling of 15 rows per pixel is off
 * by (more where many specks share a pixel). The bands of the threads
 * do not change a pixel. */
static void
test_exact_fills (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LmMapFigure) figure = NULL;
  cairo_surface_t *reference, *one;
  const guint32 *ref, *fast;
  guint n_pixels = 800 * 1000, n_same = 0, n_far = 0, n_flat = 0, max_diff = 0;

  if (m == NULL)
    return;
  figure = lm_map_figure_new (m);
  lm_map_figure_set_level (figure, "lsoa");
  g_assert_true (lm_map_figure_update (figure, &error) &&
                 lm_map_figure_ensure_shapes (figure, &error));
  g_assert_no_error (error);

  reference = render_lsoas (figure, 1, TRUE);
  one = render_lsoas (figure, 1, FALSE);
  for (guint threads = 2; threads <= 4; threads++)
    {
      cairo_surface_t *many = render_lsoas (figure, threads, FALSE);

      g_assert_cmpmem (cairo_image_surface_get_data (one), 800 * 4 * 1000,
                       cairo_image_surface_get_data (many), 800 * 4 * 1000);
      cairo_surface_destroy (many);
    }

  g_assert_cmpint (cairo_image_surface_get_stride (reference), ==, 800 * 4);
  ref = (const guint32 *) cairo_image_surface_get_data (reference);
  fast = (const guint32 *) cairo_image_surface_get_data (one);
  for (guint y = 0; y < 1000; y++)
    for (guint x = 0; x < 800; x++)
      {
        guint32 p = ref[y * 800 + x], q = fast[y * 800 + x];
        guint diff = 0;
        gboolean flat = TRUE;

        for (int shift = 0; shift < 32; shift += 8)
          diff = MAX (diff, (guint) abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
        n_same += diff == 0;
        n_far += diff > 8;
        max_diff = MAX (max_diff, diff);
        /* Inside an area (both pictures flat around the pixel), the
         * colour is its class's in both. */
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            if (x + dx < 800 && y + dy < 1000)
              flat = flat && ref[(y + dy) * 800 + x + dx] == p &&
                     fast[(y + dy) * 800 + x + dx] == q;
        if (flat)
          {
            g_assert_cmphex (q, ==, p);
            n_flat++;
          }
      }
  g_test_message ("exact fills: %u of %u pixels as Cairo's, %u more than 8 levels apart, "
                  "at most %u", n_same, n_pixels, n_far, max_diff);
  g_assert_cmpuint (n_flat, >=, n_pixels / 2);
  g_assert_cmpuint (n_same, >=, n_pixels / 100 * 95);
  g_assert_cmpuint (n_far, <=, n_pixels / 1000);
  g_assert_cmpuint (max_diff, <=, 96);
  cairo_surface_destroy (one);
  cairo_surface_destroy (reference);
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

/* Issue 13, defect 11: the rank-change map. With the official weights
 * nothing moved: one class in the palette's neutral middle, not its
 * dark red end. With custom weights the classes lie about zero, red for
 * areas ranked more deprived, blue for less, and the legend says so. */
static void
test_rank_change_diverging (void)
{
  LmModel *m = get_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LmMapFigure) figure = NULL;
  g_autoptr(LmLegendRenderer) legend = lm_legend_renderer_new ();
  const double weights[] = { 50, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3 };
  const LmClassification *classes;
  const LmColor *colors;
  const gint8 *area_classes;
  LmVariable *change;
  g_autofree char *middle = NULL;
  guint n_colors, n_areas, centre;

  if (m == NULL)
    return;
  lm_model_reset_weights (m, NULL);
  figure = lm_map_figure_new (m);
  lm_map_figure_set_level (figure, "lad");
  lm_map_figure_set_variable (figure, "imd.rank_change");
  g_assert_true (lm_map_figure_update (figure, &error));
  g_assert_no_error (error);
  classes = lm_map_figure_get_classification (figure);
  colors = lm_map_figure_get_class_colors (figure, &n_colors);
  g_assert_cmpuint (classes->n_classes, ==, 1);
  g_assert_cmpfloat (lm_color_get_luminance (&colors[0]), >, 0.85);
  lm_legend_renderer_set_classes (legend, lm_map_figure_get_variable (figure), classes, colors, NULL);
  middle = lm_legend_renderer_describe_row (legend, 0);
  g_assert_nonnull (strstr (middle, "0 (no change)"));

  g_assert_true (lm_model_set_weights (m, "imd", weights, G_N_ELEMENTS (weights), &error));
  g_assert_true (lm_map_figure_update (figure, &error));
  classes = lm_map_figure_get_classification (figure);
  colors = lm_map_figure_get_class_colors (figure, &n_colors);
  area_classes = lm_map_figure_get_area_classes (figure, &n_areas);
  change = lm_map_figure_get_variable (figure);
  g_assert_cmpuint (classes->n_classes % 2, ==, 1);
  g_assert_cmpuint (classes->n_classes, >=, 3);
  centre = classes->n_classes / 2;
  g_assert_cmpfloat (classes->upper[centre], ==, 0);
  g_assert_cmpfloat (classes->lower[0], ==, -classes->upper[classes->n_classes - 1]);
  g_assert_cmpfloat (lm_color_get_luminance (&colors[centre]), >, 0.85);
  for (guint k = 0; k < classes->n_classes; k++)
    {
      if (k > centre)
        g_assert_cmpfloat (colors[k].red, >, colors[k].blue);
      if (k < centre)
        g_assert_cmpfloat (colors[k].blue, >, colors[k].red);
    }
  for (guint a = 0; a < n_areas; a++)
    {
      if (isnan (change->values[a]))
        continue;
      g_assert_cmpint (area_classes[a] > (int) centre, ==, change->values[a] > 0);
      g_assert_cmpint (area_classes[a] < (int) centre, ==, change->values[a] < 0);
    }
  lm_model_reset_weights (m, NULL);
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
    load_error = g_strdup (error ? error->message : "LEVELMAP_DATA_DIR is not set");

  g_test_add_func ("/render/export/draw-to-file", test_draw_to_file);
  g_test_add_func ("/render/export/png", test_png);
  g_test_add_func ("/render/export/surface", test_surface);
  g_test_add_func ("/render/export/png-strips", test_png_strips);
  g_test_add_func ("/render/export/svg", test_svg);
  g_test_add_func ("/render/export/pdf", test_pdf);
  g_test_add_func ("/render/export/errors", test_errors);
  g_test_add_func ("/render/export/failed-write", test_failed_write);
  g_test_add_func ("/render/export/deciles", test_deciles_on_lsoas);
  g_test_add_func ("/render/export/custom-weights", test_custom_weights);
  g_test_add_func ("/render/export/figure-colouring", test_figure_colouring);
  g_test_add_func ("/render/export/exact-fills", test_exact_fills);
  g_test_add_func ("/render/export/rank-change-diverging", test_rank_change_diverging);

  status = g_test_run ();

  g_clear_object (&model);
  g_clear_object (&dataset);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (load_error);
  return status;
}
