/* test-png-writer.c — PNG files written, read back and compared
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lm-png-writer.h"

#define W 37
#define H 23

static char *tmp_dir;

/* A picture with every kind of pixel a map has: flat colours, a
 * gradient, and (with @alpha) translucent and fully transparent ones.
 * Cairo stores premultiplied ARGB. */
static cairo_surface_t *
make_sized_image (cairo_format_t format,
                  gboolean       alpha,
                  int            width,
                  int            height)
{
  cairo_surface_t *image = cairo_image_surface_create (format, width, height);
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = 255, r = (x * 7) & 0xff, g = (y * 11) & 0xff, b = (x * y) & 0xff;

        if (x < 5)
          r = 0xbd, g = 0x00, b = 0x26;           /* a class colour */
        if (alpha && y == 3)
          a = 0;
        else if (alpha && y == 4)
          a = 128;
        r = r * a / 255;
        g = g * a / 255;
        b = b * a / 255;
        *(guint32 *) (data + y * stride + x * 4) = (a << 24) | (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (image);
  return image;
}

static cairo_surface_t *
make_image (cairo_format_t format,
            gboolean       alpha)
{
  return make_sized_image (format, alpha, W, H);
}

/* Every pixel of @read equals @written's (premultiplied; translucent
 * ones within the rounding of unpremultiplying and premultiplying). */
static void
assert_same_pixels (cairo_surface_t *written,
                    cairo_surface_t *read,
                    gboolean         opaque)
{
  const guint8 *a = cairo_image_surface_get_data (written);
  const guint8 *b = cairo_image_surface_get_data (read);
  int sa = cairo_image_surface_get_stride (written);
  int sb = cairo_image_surface_get_stride (read);
  int width = cairo_image_surface_get_width (written);
  int height = cairo_image_surface_get_height (written);

  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, height);
  cairo_surface_flush (read);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (a + y * sa + x * 4);
        guint32 q = *(const guint32 *) (b + y * sb + x * 4);

        if (opaque)
          {
            /* RGB24 leaves the top byte undefined. */
            g_assert_cmphex (p & 0xffffff, ==, q & 0xffffff);
            g_assert_cmphex (q >> 24, ==, 0xff);
            continue;
          }
        for (int shift = 0; shift < 32; shift += 8)
          g_assert_cmpint (abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)), <=, 1);
      }
}

static void
test_round_trip (void)
{
  static const struct { cairo_format_t format; gboolean alpha; } cases[] = {
    { CAIRO_FORMAT_ARGB32, FALSE },
    { CAIRO_FORMAT_ARGB32, TRUE },
    { CAIRO_FORMAT_RGB24, FALSE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int compression = -1; compression <= 9; compression += 5)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_build_filename (tmp_dir, "round-trip.png", NULL);
        cairo_surface_t *image = make_image (cases[c].format, cases[c].alpha);
        cairo_surface_t *read;

        g_assert_true (lm_png_write_surface (image, path, compression, &error));
        g_assert_no_error (error);
        read = cairo_image_surface_create_from_png (path);
        /* An opaque picture is written as RGB, a translucent one as RGBA,
         * which Cairo reads back as RGB24 and ARGB32. */
        g_assert_cmpint (cairo_image_surface_get_format (read), ==,
                         cases[c].alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24);
        assert_same_pixels (image, read, !cases[c].alpha);
        cairo_surface_destroy (read);
        cairo_surface_destroy (image);
      }
}

/* Every row filter gives the same pixels. */
static void
test_filters (void)
{
  static const LmPngFilter filters[] = {
    LM_PNG_FILTER_DEFAULT, LM_PNG_FILTER_NONE, LM_PNG_FILTER_SUB, LM_PNG_FILTER_UP,
    LM_PNG_FILTER_PAETH, LM_PNG_FILTER_ADAPTIVE,
  };
  cairo_surface_t *image = make_image (CAIRO_FORMAT_ARGB32, TRUE);

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (tmp_dir, "filter.png", NULL);
      FILE *fp = fopen (path, "wb");
      cairo_surface_t *read;

      g_assert_nonnull (fp);
      g_assert_true (lm_png_write_surface_to_stdio (image, fp, "filter.png", 6, filters[f], &error));
      g_assert_no_error (error);
      g_assert_cmpint (fclose (fp), ==, 0);
      read = cairo_image_surface_create_from_png (path);
      assert_same_pixels (image, read, FALSE);
      cairo_surface_destroy (read);
    }
  cairo_surface_destroy (image);
}

/* A picture tall enough to be compressed in several strips (on as many
 * threads as there are cores): every filter looks across the strips'
 * seams, and the strips make one valid stream. */
static void
test_strips (void)
{
  static const LmPngFilter filters[] = {
    LM_PNG_FILTER_DEFAULT, LM_PNG_FILTER_SUB, LM_PNG_FILTER_UP, LM_PNG_FILTER_PAETH,
    LM_PNG_FILTER_ADAPTIVE,
  };

  for (guint alpha = 0; alpha <= 1; alpha++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_build_filename (tmp_dir, "strips.png", NULL);
        cairo_surface_t *image = make_sized_image (CAIRO_FORMAT_ARGB32, alpha, 53, 1100);
        FILE *fp = fopen (path, "wb");
        cairo_surface_t *read;

        g_assert_nonnull (fp);
        g_assert_true (lm_png_write_surface_to_stdio (image, fp, "strips.png", f % 2 ? 9 : 1,
                                                      filters[f], &error));
        g_assert_no_error (error);
        g_assert_cmpint (fclose (fp), ==, 0);
        read = cairo_image_surface_create_from_png (path);
        assert_same_pixels (image, read, !alpha);
        cairo_surface_destroy (read);
        cairo_surface_destroy (image);
      }
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-folder", "map.png", NULL);
  g_autofree char *existing = g_build_filename (tmp_dir, "existing.png", NULL);
  g_autofree char *folder = g_build_filename (tmp_dir, "a-folder.png", NULL);
  cairo_surface_t *image = make_image (CAIRO_FORMAT_ARGB32, FALSE);
  cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_A8, W, H);
  g_autofree char *contents = NULL;
  guint n_entries;
  FILE *full;

  /* A folder that does not exist: the error names the file. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lm_png_write_surface (image, missing, -1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "map.png"));
  }

  /* A picture PNG cannot hold: refused, and the file already there is
   * left as it was, with no temporary file beside it. */
  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
  n_entries = count_entries (tmp_dir);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lm_png_write_surface (mask, existing, -1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "existing.png"));
  }
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_cmpuint (count_entries (tmp_dir), ==, n_entries);

  /* A folder in the way: the rename fails, nothing is left behind. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  n_entries = count_entries (tmp_dir);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lm_png_write_surface (image, folder, -1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_assert_nonnull (strstr (error->message, "a-folder.png"));
  }
  g_assert_cmpuint (count_entries (tmp_dir), ==, n_entries);
  g_rmdir (folder);

  /* A full disk. */
  full = fopen ("/dev/full", "wb");
  if (full != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lm_png_write_surface_to_stdio (image, full, "full.png", -1,
                                                     LM_PNG_FILTER_DEFAULT, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "full.png"));
      fclose (full);
    }
  g_unlink (existing);
  cairo_surface_destroy (mask);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("lm-png-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/render/png/round-trip", test_round_trip);
  g_test_add_func ("/render/png/filters", test_filters);
  g_test_add_func ("/render/png/strips", test_strips);
  g_test_add_func ("/render/png/errors", test_errors);

  status = g_test_run ();
  {
    g_autofree char *round_trip = g_build_filename (tmp_dir, "round-trip.png", NULL);
    g_autofree char *filter = g_build_filename (tmp_dir, "filter.png", NULL);

    g_unlink (round_trip);
    g_unlink (filter);
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
