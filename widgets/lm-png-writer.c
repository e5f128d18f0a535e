/* lm-png-writer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <zlib.h>

#include "lm-atomic-file.h"
#include "lm-png-writer.h"

/* The PNG is written here rather than through libpng so that its
 * compression runs on every core: the rows are cut into strips, each
 * strip is deflated on its own thread into raw deflate data that ends
 * on a byte boundary (a sync flush), and the strips, concatenated in
 * order, are one valid zlib stream whose checksum is combined from the
 * strips' (as pigz does). The strips restart the 32 kB window, which
 * costs well under 1% of the file. */

/* Rows per strip: enough that the restarted window does not matter,
 * few enough that two cores get several strips each to balance. */
#define STRIP_ROWS 256
#define MAX_THREADS 4

typedef struct
{
  /* What every strip reads: the picture, or who paints it strip by
   * strip */
  const guint8 *data;
  LmPngPaintFunc paint;
  gpointer      paint_data;
  int           width;
  int           height;
  int           stride;
  gboolean      with_alpha;
  int           compression;
  LmPngFilter   filter;
  guint         n_strips;
  volatile gint next_strip;
  volatile gint next_slot;

  /* One result per strip */
  guint8      **out;
  gsize        *out_len;
  guint32      *adler;
  gboolean     *failed;
} Encoder;

/* Cairo keeps premultiplied native-endian 0xAARRGGBB words; PNG wants
 * straight R, G, B(, A) bytes. */
static void
convert_row (const guint32 *src,
             guint8        *dst,
             int            width,
             gboolean       with_alpha)
{
  if (!with_alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];

          dst[0] = (p >> 16) & 0xff;
          dst[1] = (p >> 8) & 0xff;
          dst[2] = p & 0xff;
          dst += 3;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24;

      if (a == 0)
        {
          dst[0] = dst[1] = dst[2] = dst[3] = 0;
        }
      else if (a == 255)
        {
          dst[0] = (p >> 16) & 0xff;
          dst[1] = (p >> 8) & 0xff;
          dst[2] = p & 0xff;
          dst[3] = 255;
        }
      else
        {
          dst[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
          dst[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
          dst[2] = ((p & 0xff) * 255 + a / 2) / a;
          dst[3] = a;
        }
      dst += 4;
    }
}

static gboolean
has_transparency (const guint8 *data,
                  int           width,
                  int           height,
                  int           stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 0xff)
          return TRUE;
    }
  return FALSE;
}

static inline guint8
paeth (guint8 a,
       guint8 b,
       guint8 c)
{
  int p = (int) a + b - c;
  int pa = abs (p - a), pb = abs (p - b), pc = abs (p - c);

  if (pa <= pb && pa <= pc)
    return a;
  return pb <= pc ? b : c;
}

/* Writes the filter byte and the filtered @cur into @out (length + 1);
 * @prev is the row above, or zeros. PNG filter types 0 to 4. */
static void
filter_row (guint8        type,
            const guint8 *cur,
            const guint8 *prev,
            guint8       *out,
            gsize         length,
            int           bpp)
{
  out[0] = type;
  out++;
  switch (type)
    {
    case 1:
      for (gsize i = 0; i < length; i++)
        out[i] = cur[i] - (i >= (gsize) bpp ? cur[i - bpp] : 0);
      break;
    case 2:
      for (gsize i = 0; i < length; i++)
        out[i] = cur[i] - prev[i];
      break;
    case 3:
      for (gsize i = 0; i < length; i++)
        out[i] = cur[i] - (((i >= (gsize) bpp ? cur[i - bpp] : 0) + prev[i]) >> 1);
      break;
    case 4:
      for (gsize i = 0; i < length; i++)
        out[i] = cur[i] - (i >= (gsize) bpp ? paeth (cur[i - bpp], prev[i], prev[i - bpp])
                                            : paeth (0, prev[i], 0));
      break;
    case 0:
    default:
      memcpy (out, cur, length);
      break;
    }
}

/* libpng's heuristic for "all filters": the one whose bytes, read as
 * signed, add up to the least. */
static guint8
choose_filter (const guint8 *cur,
               const guint8 *prev,
               guint8       *scratch,
               gsize         length,
               int           bpp)
{
  guint8 best = 0;
  guint64 best_sum = G_MAXUINT64;

  for (guint8 type = 0; type <= 4; type++)
    {
      guint64 sum = 0;

      filter_row (type, cur, prev, scratch, length, bpp);
      for (gsize i = 1; i <= length; i++)
        sum += scratch[i] < 128 ? scratch[i] : 256 - scratch[i];
      if (sum < best_sum)
        {
          best_sum = sum;
          best = type;
        }
    }
  return best;
}

static guint8
filter_type_for (LmPngFilter filter)
{
  switch (filter)
    {
    case LM_PNG_FILTER_SUB:
      return 1;
    case LM_PNG_FILTER_UP:
      return 2;
    case LM_PNG_FILTER_PAETH:
      return 4;
    case LM_PNG_FILTER_ADAPTIVE:
    case LM_PNG_FILTER_NONE:
    case LM_PNG_FILTER_DEFAULT:
    default:
      /* Measured on the England LSOA map (1600x2000, zlib level 1): no
       * filter 29 ms and 641 kB, SUB 34 ms and 835 kB, adaptive 72 ms.
       * Flat choropleth colours repeat every 3 bytes, which deflate
       * matches directly; filtering only breaks those repeats up. */
      return 0;
    }
}

static gboolean
deflate_into (z_stream *z,
              guint8   *in,
              gsize     length,
              int       flush)
{
  z->next_in = in;
  z->avail_in = (uInt) length;
  do
    {
      int status = deflate (z, flush);

      /* The output was sized with deflateBound(): it never runs out. */
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
        return FALSE;
      if (z->avail_out == 0)
        return FALSE;
    }
  while (z->avail_in > 0);
  return TRUE;
}

/* One strip of rows (@rows, @n_rows of them), deflated on its own;
 * @above is the picture's row above it for the filters, or NULL. */
static gboolean
encode_strip (Encoder       *enc,
              guint          strip,
              const guint8  *rows,
              int            stride,
              int            n_rows,
              const guint8  *above)
{
  int bpp = enc->with_alpha ? 4 : 3;
  gsize length = (gsize) enc->width * bpp;
  gboolean last = strip + 1 == enc->n_strips;
  g_autofree guint8 *buffers = g_malloc0 (2 * length + 2 * (length + 1));
  guint8 *prev = buffers, *cur = buffers + length;
  guint8 *line = cur + length, *scratch = line + length + 1;
  guint32 adler = adler32 (0, NULL, 0);
  gsize bound;
  z_stream z = { 0 };
  gboolean ok = TRUE;

  if (deflateInit2 (&z, enc->compression, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return FALSE;
  /* Untouched pages cost no memory: the bound is only reserved. */
  bound = deflateBound (&z, (uLong) ((length + 1) * n_rows)) + 64;
  enc->out[strip] = g_malloc (bound);
  z.next_out = enc->out[strip];
  z.avail_out = (uInt) bound;

  /* Filters look at the row above, also across strips. */
  if (above != NULL)
    convert_row ((const guint32 *) above, prev, enc->width, enc->with_alpha);
  for (int y = 0; y < n_rows && ok; y++)
    {
      guint8 type;
      guint8 *swap;

      convert_row ((const guint32 *) (rows + (gsize) y * stride), cur, enc->width,
                   enc->with_alpha);
      type = enc->filter == LM_PNG_FILTER_ADAPTIVE
             ? choose_filter (cur, prev, scratch, length, bpp)
             : filter_type_for (enc->filter);
      filter_row (type, cur, prev, line, length, bpp);
      adler = adler32 (adler, line, (uInt) (length + 1));
      ok = deflate_into (&z, line, length + 1, Z_NO_FLUSH);
      swap = prev, prev = cur, cur = swap;
    }
  /* A sync flush ends the strip on a byte boundary with the stream
   * still open, so that the next strip's data can follow it. */
  if (ok)
    ok = deflate_into (&z, NULL, 0, last ? Z_FINISH : Z_SYNC_FLUSH);
  enc->out_len[strip] = bound - z.avail_out;
  enc->adler[strip] = adler;
  deflateEnd (&z);
  return ok;
}

/* Takes strips until none is left: from the picture, or painted first
 * into a strip of this thread's own. */
static gpointer
encode_thread (gpointer data)
{
  Encoder *enc = data;
  guint slot = (guint) g_atomic_int_add (&enc->next_slot, 1);
  g_autofree guint8 *pixels = NULL;
  int strip_stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, enc->width);
  guint strip;

  while ((strip = (guint) g_atomic_int_add (&enc->next_strip, 1)) < enc->n_strips)
    {
      int y0 = (int) strip * STRIP_ROWS;
      int n_rows = MIN (STRIP_ROWS, enc->height - y0);

      if (enc->paint != NULL)
        {
          cairo_surface_t *rows;

          if (pixels == NULL)
            pixels = g_malloc ((gsize) strip_stride * STRIP_ROWS);
          rows = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, enc->width,
                                                      n_rows, strip_stride);
          enc->paint (rows, y0, slot, enc->paint_data);
          cairo_surface_flush (rows);
          cairo_surface_destroy (rows);
          /* No filter looks at the row above: it is in another strip. */
          enc->failed[strip] = !encode_strip (enc, strip, pixels, strip_stride, n_rows, NULL);
        }
      else
        enc->failed[strip] = !encode_strip (enc, strip, enc->data + (gsize) y0 * enc->stride,
                                            enc->stride, n_rows,
                                            y0 > 0 ? enc->data + (gsize) (y0 - 1) * enc->stride
                                                   : NULL);
    }
  return NULL;
}

static gboolean
write_chunk (FILE         *fp,
             const char   *type,
             const guint8 *head,
             gsize         head_len,
             const guint8 *data,
             gsize         length,
             const guint8 *tail,
             gsize         tail_len)
{
  guint8 header[8];
  guint8 footer[4];
  guint32 crc = crc32 (0, (const Bytef *) type, 4);
  gsize total = head_len + length + tail_len;

  header[0] = total >> 24;
  header[1] = total >> 16;
  header[2] = total >> 8;
  header[3] = total;
  memcpy (header + 4, type, 4);
  /* crc32 (crc, NULL, 0) would restart the CRC. */
  if (head_len > 0)
    crc = crc32 (crc, head, (uInt) head_len);
  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  if (tail_len > 0)
    crc = crc32 (crc, tail, (uInt) tail_len);
  footer[0] = crc >> 24;
  footer[1] = crc >> 16;
  footer[2] = crc >> 8;
  footer[3] = crc;
  return fwrite (header, 1, 8, fp) == 8 &&
         (head_len == 0 || fwrite (head, 1, head_len, fp) == head_len) &&
         (length == 0 || fwrite (data, 1, length, fp) == length) &&
         (tail_len == 0 || fwrite (tail, 1, tail_len, fp) == tail_len) &&
         fwrite (footer, 1, 4, fp) == 4;
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* The signature, IHDR, one IDAT per strip (the first opens the zlib
 * stream, the last closes it with the combined checksum), IEND. */
static gboolean
write_file (Encoder *enc,
            FILE    *fp)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13];
  guint8 zhead[2];
  guint8 ztail[4];
  guint32 adler = adler32 (0, NULL, 0);
  int flevel = enc->compression <= 1 ? 0 : enc->compression <= 5 ? 1
               : enc->compression == 6 ? 2 : 3;

  put_be32 (ihdr, enc->width);
  put_be32 (ihdr + 4, enc->height);
  ihdr[8] = 8;                          /* bits per channel */
  ihdr[9] = enc->with_alpha ? 6 : 2;    /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filtering, no interlace */
  zhead[0] = 0x78;                      /* deflate, 32 kB window */
  zhead[1] = flevel << 6;
  zhead[1] += 31 - ((zhead[0] << 8 | zhead[1]) % 31);

  for (guint s = 0; s < enc->n_strips; s++)
    {
      gsize rows = MIN (STRIP_ROWS, enc->height - (int) s * STRIP_ROWS);
      gsize length = rows * ((gsize) enc->width * (enc->with_alpha ? 4 : 3) + 1);

      adler = adler32_combine (adler, enc->adler[s], (z_off_t) length);
    }
  put_be32 (ztail, adler);

  if (fwrite (signature, 1, 8, fp) != 8 || !write_chunk (fp, "IHDR", NULL, 0, ihdr, 13, NULL, 0))
    return FALSE;
  for (guint s = 0; s < enc->n_strips; s++)
    if (!write_chunk (fp, "IDAT", zhead, s == 0 ? 2 : 0, enc->out[s], enc->out_len[s],
                      ztail, s + 1 == enc->n_strips ? 4 : 0))
      return FALSE;
  return write_chunk (fp, "IEND", NULL, 0, NULL, 0, NULL, 0);
}

/* Encodes every strip on every core, then writes the file. On failure,
 * @saved_errno is the write's errno, or 0 when the compression failed. */
static gboolean
run_encoder (Encoder *enc,
             FILE    *fp,
             int     *saved_errno)
{
  GThread *threads[MAX_THREADS] = { NULL };
  guint n_threads;
  gboolean ok = TRUE;

  enc->n_strips = MAX ((enc->height + STRIP_ROWS - 1) / STRIP_ROWS, 1);
  enc->out = g_new0 (guint8 *, enc->n_strips);
  enc->out_len = g_new0 (gsize, enc->n_strips);
  enc->adler = g_new0 (guint32, enc->n_strips);
  enc->failed = g_new0 (gboolean, enc->n_strips);

  n_threads = CLAMP (g_get_num_processors (), 1, MIN (MAX_THREADS, enc->n_strips));
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("lm-png-strip", encode_thread, enc);
  encode_thread (enc);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint s = 0; s < enc->n_strips; s++)
    ok = ok && !enc->failed[s];
  *saved_errno = 0;
  if (ok && !write_file (enc, fp))
    {
      ok = FALSE;
      *saved_errno = errno != 0 ? errno : EIO;
    }

  for (guint s = 0; s < enc->n_strips; s++)
    g_free (enc->out[s]);
  g_free (enc->out);
  g_free (enc->out_len);
  g_free (enc->adler);
  g_free (enc->failed);
  return ok;
}

static gboolean
write_png (cairo_surface_t *surface,
           FILE            *fp,
           int              compression,
           LmPngFilter      filter,
           int             *saved_errno)
{
  Encoder enc = { 0 };

  cairo_surface_flush (surface);
  enc.data = cairo_image_surface_get_data (surface);
  enc.width = cairo_image_surface_get_width (surface);
  enc.height = cairo_image_surface_get_height (surface);
  enc.stride = cairo_image_surface_get_stride (surface);
  enc.with_alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 &&
                   has_transparency (enc.data, enc.width, enc.height, enc.stride);
  enc.compression = compression;
  enc.filter = filter;
  return run_encoder (&enc, fp, saved_errno);
}

/* The errors of a write, named as lm_png_write_surface() names them. */
static gboolean
check_write (gboolean     encoded,
             int          saved_errno,
             FILE        *fp,
             const char  *name,
             GError     **error)
{
  if (!encoded && saved_errno == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the PNG file “%s”: %s."),
                   name, _("the picture could not be compressed"));
      return FALSE;
    }
  if (saved_errno != 0 || fflush (fp) != 0 || ferror (fp))
    {
      if (saved_errno == 0)
        saved_errno = errno != 0 ? errno : EIO;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the PNG file “%s”: %s."),
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
lm_png_write_surface_to_stdio (cairo_surface_t  *surface,
                               FILE             *fp,
                               const char       *name,
                               int               compression,
                               LmPngFilter       filter,
                               GError          **error)
{
  cairo_format_t format;
  gboolean encoded;
  int saved_errno;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (fp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not write “%s”: the picture to save is not a valid image."),
                   name);
      return FALSE;
    }
  format = cairo_image_surface_get_format (surface);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only colour images can be saved as PNG."),
                   name);
      return FALSE;
    }
  if (compression < 0 || compression > 9)
    compression = LM_PNG_DEFAULT_COMPRESSION;

  errno = 0;
  encoded = write_png (surface, fp, compression, filter, &saved_errno);
  return check_write (encoded, saved_errno, fp, name, error);
}

gboolean
lm_png_write_surface (cairo_surface_t  *surface,
                      const char       *path,
                      int               compression,
                      GError          **error)
{
  g_autoptr(LmAtomicFile) file = NULL;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refuses a FIFO or device at @path; removes its temporary file on
   * any failure below. */
  file = lm_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  if (!lm_png_write_surface_to_stdio (surface, lm_atomic_file_get_stream (file),
                                      lm_atomic_file_get_display (file), compression,
                                      LM_PNG_FILTER_DEFAULT, error))
    return FALSE;
  return lm_atomic_file_commit (file, error);
}

gboolean
lm_png_write_strips (const char      *path,
                     int              width,
                     int              height,
                     int              compression,
                     LmPngPaintFunc   paint,
                     gpointer         user_data,
                     GError         **error)
{
  g_autoptr(LmAtomicFile) file = NULL;
  Encoder enc = { 0 };
  gboolean encoded;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = lm_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  enc.paint = paint;
  enc.paint_data = user_data;
  enc.width = width;
  enc.height = height;
  enc.compression = compression >= 0 && compression <= 9 ? compression
                                                         : LM_PNG_DEFAULT_COMPRESSION;
  enc.filter = LM_PNG_FILTER_NONE;
  errno = 0;
  encoded = run_encoder (&enc, lm_atomic_file_get_stream (file), &saved_errno);
  if (!check_write (encoded, saved_errno, lm_atomic_file_get_stream (file),
                    lm_atomic_file_get_display (file), error))
    return FALSE;
  return lm_atomic_file_commit (file, error);
}
