/* lm-palette.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colour data: ColorBrewer schemes from www.ColorBrewer.org by Cynthia A.
 * Brewer, Geography, Pennsylvania State University (Apache License 2.0);
 * viridis and magma by Stéfan van der Walt and Nathaniel Smith (CC0).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-palette.h"

struct _LmPalette
{
  const char         *name;
  const char         *title;       /* N_() */
  LmPaletteKind       kind;
  /* ColorBrewer: one hand-tuned set per class count, as concatenated
   * "rrggbb" strings, sets[i] having min_classes + i colours. */
  const char * const *sets;
  guint               min_classes;
  guint               n_sets;
  /* Continuous ramps (viridis): stops at 0, 8, 16, ... 248, 255 of the
   * 256-entry original, sampled between ramp_start and ramp_end. */
  const char         *ramp;
  double              ramp_start;
  double              ramp_end;
  /* TRUE when the source lists the dark/strong ("worse") end first. We
   * keep every palette in one order, good end first, so that direction
   * is decided in one place (lm_palette_get_colors_for_variable). */
  gboolean            worse_first;
};

/* ColorBrewer sequential sets: 3..9 classes, light to dark. Diverging:
 * 3..11 classes, warm (worse) end first. */
static const char * const ylorrd_sets[] = {
  "ffeda0feb24cf03b20",
  "ffffb2fecc5cfd8d3ce31a1c",
  "ffffb2fecc5cfd8d3cf03b20bd0026",
  "ffffb2fed976feb24cfd8d3cf03b20bd0026",
  "ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026",
  "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026",
  "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026",
};
static const char * const orrd_sets[] = {
  "fee8c8fdbb84e34a33",
  "fef0d9fdcc8afc8d59d7301f",
  "fef0d9fdcc8afc8d59e34a33b30000",
  "fef0d9fdd49efdbb84fc8d59e34a33b30000",
  "fef0d9fdd49efdbb84fc8d59ef6548d7301f990000",
  "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000",
  "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000",
};
static const char * const reds_sets[] = {
  "fee0d2fc9272de2d26",
  "fee5d9fcae91fb6a4acb181d",
  "fee5d9fcae91fb6a4ade2d26a50f15",
  "fee5d9fcbba1fc9272fb6a4ade2d26a50f15",
  "fee5d9fcbba1fc9272fb6a4aef3b2ccb181d99000d",
  "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181d99000d",
  "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181da50f1567000d",
};
static const char * const purples_sets[] = {
  "efedf5bcbddc756bb1",
  "f2f0f7cbc9e29e9ac86a51a3",
  "f2f0f7cbc9e29e9ac8756bb154278f",
  "f2f0f7dadaebbcbddc9e9ac8756bb154278f",
  "f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486",
  "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486",
  "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d",
};
static const char * const blues_sets[] = {
  "deebf79ecae13182bd",
  "eff3ffbdd7e76baed62171b5",
  "eff3ffbdd7e76baed63182bd08519c",
  "eff3ffc6dbef9ecae16baed63182bd08519c",
  "eff3ffc6dbef9ecae16baed64292c62171b5084594",
  "f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594",
  "f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b",
};
static const char * const ylgnbu_sets[] = {
  "edf8b17fcdbb2c7fb8",
  "ffffcca1dab441b6c4225ea8",
  "ffffcca1dab441b6c42c7fb8253494",
  "ffffccc7e9b47fcdbb41b6c42c7fb8253494",
  "ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84",
  "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84",
  "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58",
};
static const char * const greys_sets[] = {
  "f0f0f0bdbdbd636363",
  "f7f7f7cccccc969696525252",
  "f7f7f7cccccc969696636363252525",
  "f7f7f7d9d9d9bdbdbd969696636363252525",
  "f7f7f7d9d9d9bdbdbd969696737373525252252525",
  "fffffff0f0f0d9d9d9bdbdbd969696737373525252252525",
  "fffffff0f0f0d9d9d9bdbdbd969696737373525252252525000000",
};
static const char * const rdbu_sets[] = {
  "ef8a62f7f7f767a9cf",
  "ca0020f4a58292c5de0571b0",
  "ca0020f4a582f7f7f792c5de0571b0",
  "b2182bef8a62fddbc7d1e5f067a9cf2166ac",
  "b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac",
  "b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac",
  "b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac",
  "67001fb2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac053061",
  "67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061",
};
static const char * const puor_sets[] = {
  "f1a340f7f7f7998ec3",
  "e66101fdb863b2abd25e3c99",
  "e66101fdb863f7f7f7b2abd25e3c99",
  "b35806f1a340fee0b6d8daeb998ec3542788",
  "b35806f1a340fee0b6f7f7f7d8daeb998ec3542788",
  "b35806e08214fdb863fee0b6d8daebb2abd28073ac542788",
  "b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac542788",
  "7f3b08b35806e08214fdb863fee0b6d8daebb2abd28073ac5427882d004b",
  "7f3b08b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac5427882d004b",
};
static const char * const brbg_sets[] = {
  "d8b365f5f5f55ab4ac",
  "a6611adfc27d80cdc1018571",
  "a6611adfc27df5f5f580cdc1018571",
  "8c510ad8b365f6e8c3c7eae55ab4ac01665e",
  "8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e",
  "8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e",
  "8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e",
  "5430058c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e003c30",
  "5430058c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e003c30",
};
/* viridis: every 8th of the 256 entries and the last (33 stops) */
static const char viridis_ramp[] =
  "440154470d6048186a482374472d7b4537814240863e49893b528b375b8d"
  "33638d2f6b8e2c728e297a8e26828e23898e21918c1f988b1fa08822a785"
  "28ae8032b67a3fbc734ec36b5ec96270cf5784d44b98d83eaddc30c2df23"
  "d8e219ece51bfde725"
  ;
/* magma: every 8th of the 256 entries and the last (33 stops) */
static const char magma_ramp[] =
  "0000040303120a0822130d341d114729115a36106b440f7651127c5d177f"
  "6a1c81762181832681902a819c2e7faa337db73779c43c75d0416fdc4869"
  "e75263ef5d5ef56b5cf9795dfc8961fd9869fea772feb67cfec488fed395"
  "fde2a3fcf0b2fcfdbf"
  ;
static const LmPalette palettes[] = {
  { "viridis", N_("Viridis (purple–green–yellow)"), LM_PALETTE_SEQUENTIAL,
    NULL, 0, 0, viridis_ramp, 0.0, 1.0, TRUE },
  /* The darkest tenth of magma is nearly black: outlines and the
   * left-behind marks would vanish on it, so it is left out. */
  { "magma", N_("Magma (black–red–yellow)"), LM_PALETTE_SEQUENTIAL,
    NULL, 0, 0, magma_ramp, 0.12, 1.0, TRUE },
  { "YlOrRd", N_("Yellow–orange–red"), LM_PALETTE_SEQUENTIAL,
    ylorrd_sets, 3, G_N_ELEMENTS (ylorrd_sets), NULL, 0, 0, FALSE },
  { "OrRd", N_("Orange–red"), LM_PALETTE_SEQUENTIAL,
    orrd_sets, 3, G_N_ELEMENTS (orrd_sets), NULL, 0, 0, FALSE },
  { "Reds", N_("Reds"), LM_PALETTE_SEQUENTIAL,
    reds_sets, 3, G_N_ELEMENTS (reds_sets), NULL, 0, 0, FALSE },
  { "Purples", N_("Purples"), LM_PALETTE_SEQUENTIAL,
    purples_sets, 3, G_N_ELEMENTS (purples_sets), NULL, 0, 0, FALSE },
  { "Blues", N_("Blues"), LM_PALETTE_SEQUENTIAL,
    blues_sets, 3, G_N_ELEMENTS (blues_sets), NULL, 0, 0, FALSE },
  { "YlGnBu", N_("Yellow–green–blue"), LM_PALETTE_SEQUENTIAL,
    ylgnbu_sets, 3, G_N_ELEMENTS (ylgnbu_sets), NULL, 0, 0, FALSE },
  { "Greys", N_("Greys (for print)"), LM_PALETTE_SEQUENTIAL,
    greys_sets, 3, G_N_ELEMENTS (greys_sets), NULL, 0, 0, FALSE },
  { "RdBu", N_("Red–blue (diverging)"), LM_PALETTE_DIVERGING,
    rdbu_sets, 3, G_N_ELEMENTS (rdbu_sets), NULL, 0, 0, TRUE },
  { "PuOr", N_("Orange–purple (diverging)"), LM_PALETTE_DIVERGING,
    puor_sets, 3, G_N_ELEMENTS (puor_sets), NULL, 0, 0, TRUE },
  { "BrBG", N_("Brown–teal (diverging)"), LM_PALETTE_DIVERGING,
    brbg_sets, 3, G_N_ELEMENTS (brbg_sets), NULL, 0, 0, TRUE },
};

G_DEFINE_QUARK (lm-palette-error-quark, lm_palette_error)

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/* @hex points at "rrggbb" (already validated: the tables are ours). */
static LmColor
color_from_hex (const char *hex)
{
  LmColor color;

  color.red = (hex_digit (hex[0]) * 16 + hex_digit (hex[1])) / 255.0;
  color.green = (hex_digit (hex[2]) * 16 + hex_digit (hex[3])) / 255.0;
  color.blue = (hex_digit (hex[4]) * 16 + hex_digit (hex[5])) / 255.0;
  color.alpha = 1.0;
  return color;
}

/* Interpolation happens in CIE Lab so that interpolated classes are
 * evenly spaced in lightness, as the hand-made sets are. */
typedef struct
{
  double l;
  double a;
  double b;
} Lab;

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
linear_to_srgb (double c)
{
  c = c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
  return CLAMP (c, 0.0, 1.0);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16) / 116;
}

static double
lab_f_inverse (double t)
{
  return t > 6.0 / 29.0 ? t * t * t : (116 * t - 16) * 27.0 / 24389.0;
}

static Lab
color_to_lab (const LmColor *color)
{
  double r = srgb_to_linear (color->red);
  double g = srgb_to_linear (color->green);
  double b = srgb_to_linear (color->blue);
  /* D65 white */
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  Lab lab;

  lab.l = 116 * lab_f (y) - 16;
  lab.a = 500 * (lab_f (x) - lab_f (y));
  lab.b = 200 * (lab_f (y) - lab_f (z));
  return lab;
}

static LmColor
color_from_lab (const Lab *lab)
{
  double fy = (lab->l + 16) / 116;
  double fx = fy + lab->a / 500;
  double fz = fy - lab->b / 200;
  double x = 0.95047 * lab_f_inverse (fx);
  double y = lab_f_inverse (fy);
  double z = 1.08883 * lab_f_inverse (fz);
  LmColor color;

  color.red = linear_to_srgb (3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
  color.green = linear_to_srgb (-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
  color.blue = linear_to_srgb (0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
  color.alpha = 1.0;
  return color;
}

/* Samples a piecewise-linear ramp (in Lab) of @n_stops colours at
 * positions @pos (ascending, 0..1) at @t. */
static LmColor
sample_stops (const LmColor *stops,
              const double  *pos,
              guint          n_stops,
              double         t)
{
  guint k = 0;
  double u;
  Lab a, b, mix;

  g_assert (n_stops >= 2);

  t = CLAMP (t, 0.0, 1.0);
  while (k + 2 < n_stops && t > pos[k + 1])
    k++;
  u = pos[k + 1] > pos[k] ? (t - pos[k]) / (pos[k + 1] - pos[k]) : 0;
  u = CLAMP (u, 0.0, 1.0);
  a = color_to_lab (&stops[k]);
  b = color_to_lab (&stops[k + 1]);
  mix.l = a.l + (b.l - a.l) * u;
  mix.a = a.a + (b.a - a.a) * u;
  mix.b = a.b + (b.b - a.b) * u;
  return color_from_lab (&mix);
}

/* The palette's colours for @n classes in its source order. */
static void
get_source_colors (const LmPalette *palette,
                   guint            n,
                   LmColor         *out)
{
  LmColor stops[40];
  double pos[40];
  guint n_stops;

  if (palette->sets != NULL)
    {
      guint max_classes = palette->min_classes + palette->n_sets - 1;
      const char *set;

      if (n >= palette->min_classes && n <= max_classes)
        {
          /* ColorBrewer's hand-tuned set for exactly this many classes
           * beats any interpolation. */
          set = palette->sets[n - palette->min_classes];
          for (guint i = 0; i < n; i++)
            out[i] = color_from_hex (set + 6 * i);
          return;
        }

      /* More classes than the scheme has (10 for a sequential one), or
       * fewer than 3: interpolate along its largest set. */
      set = palette->sets[palette->n_sets - 1];
      n_stops = max_classes;
      for (guint i = 0; i < n_stops; i++)
        {
          stops[i] = color_from_hex (set + 6 * i);
          pos[i] = (double) i / (n_stops - 1);
        }
      if (n == 1)
        {
          out[0] = stops[palette->worse_first ? 0 : n_stops - 1];
          return;
        }
      for (guint i = 0; i < n; i++)
        out[i] = sample_stops (stops, pos, n_stops, (double) i / (n - 1));
      return;
    }

  n_stops = strlen (palette->ramp) / 6;
  g_assert (n_stops <= G_N_ELEMENTS (stops));
  for (guint i = 0; i < n_stops; i++)
    {
      stops[i] = color_from_hex (palette->ramp + 6 * i);
      pos[i] = MIN (i * 8, 255) / 255.0;
    }
  for (guint i = 0; i < n; i++)
    {
      double u = n > 1 ? (double) i / (n - 1) : 0;
      double t = palette->ramp_start + (palette->ramp_end - palette->ramp_start) * u;

      out[i] = sample_stops (stops, pos, n_stops, t);
    }
}

const LmPalette *
lm_palette_lookup (const char  *name,
                   GError     **error)
{
  g_autofree char *names = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
      if (g_ascii_strcasecmp (palettes[i].name, name) == 0)
        return &palettes[i];

  names = lm_palette_list_names ();
  g_set_error (error, LM_PALETTE_ERROR, LM_PALETTE_ERROR_UNKNOWN,
               _("There is no colour scheme called “%s”. Choose one of: %s."),
               name != NULL ? name : "", names);
  return NULL;
}

const LmPalette *
lm_palette_get_default (const LmVariable *variable)
{
  const char *name = LM_PALETTE_DEFAULT_SEQUENTIAL;

  if (variable != NULL && variable->unit == LM_UNIT_CHANGE)
    name = LM_PALETTE_DEFAULT_DIVERGING;
  /* A share of draws: most areas are "almost never", which must stay
   * quiet (pale), and "almost always" must stand out (dark red). */
  else if (variable != NULL && variable->unit == LM_UNIT_PROBABILITY)
    name = LM_PALETTE_DEFAULT_LIKELIHOOD;
  return lm_palette_lookup (name, NULL);
}

const char *
lm_palette_get_name (const LmPalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);
  return palette->name;
}

const char *
lm_palette_get_title (const LmPalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);
  return _(palette->title);
}

LmPaletteKind
lm_palette_get_kind (const LmPalette *palette)
{
  g_return_val_if_fail (palette != NULL, LM_PALETTE_SEQUENTIAL);
  return palette->kind;
}

gboolean
lm_palette_is_colorblind_safe (const LmPalette *palette)
{
  g_return_val_if_fail (palette != NULL, FALSE);
  /* Every scheme offered here was chosen for being readable with the
   * common colour-vision deficiencies (ColorBrewer's "colorblind safe"
   * flag; viridis and magma by construction). Rainbow-like schemes such
   * as Spectral or RdYlGn are deliberately not offered. */
  return TRUE;
}

const LmPalette * const *
lm_palette_list (void)
{
  /* Addresses of static objects are constant: no initialisation race. */
  static const LmPalette * const list[] = {
    &palettes[0], &palettes[1], &palettes[2], &palettes[3], &palettes[4],
    &palettes[5], &palettes[6], &palettes[7], &palettes[8], &palettes[9],
    &palettes[10], &palettes[11], NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (list) == G_N_ELEMENTS (palettes) + 1);
  return list;
}

char *
lm_palette_list_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, palettes[i].name);
    }
  return g_string_free (names, FALSE);
}

void
lm_palette_get_colors (const LmPalette *palette,
                       guint            n_classes,
                       gboolean         reverse,
                       LmColor         *out_colors)
{
  LmColor colors[LM_PALETTE_MAX_CLASSES];
  gboolean flip;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (out_colors != NULL);

  n_classes = CLAMP (n_classes, 1, LM_PALETTE_MAX_CLASSES);
  get_source_colors (palette, n_classes, colors);

  flip = palette->worse_first != reverse;
  for (guint i = 0; i < n_classes; i++)
    out_colors[i] = colors[flip ? n_classes - 1 - i : i];
}

void
lm_palette_get_colors_for_variable (const LmPalette  *palette,
                                    const LmVariable *variable,
                                    guint             n_classes,
                                    LmColor          *out_colors)
{
  g_return_if_fail (palette != NULL);
  g_return_if_fail (variable != NULL);

  /* Classes run from the lowest values up; the palette runs from the
   * good end to the worse. Ranks and deciles count 1 as the most
   * deprived, so their lowest class takes the darkest colour. */
  lm_palette_get_colors (palette, n_classes,
                         !lm_variable_higher_is_worse (variable),
                         out_colors);
}

LmColor
lm_palette_get_no_data_color (void)
{
  /* A neutral grey between the light and dark ends of every scheme, so
   * that it is not mistaken for a class, even in greyscale. */
  LmColor color = { 0.72, 0.72, 0.72, 1.0 };

  return color;
}

gboolean
lm_color_parse (const char *spec,
                LmColor    *out_color)
{
  size_t len;

  g_return_val_if_fail (out_color != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;
  spec++;
  len = strlen (spec);
  if (len != 6 && len != 8)
    return FALSE;
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isxdigit (spec[i]))
      return FALSE;
  *out_color = color_from_hex (spec);
  if (len == 8)
    out_color->alpha = (hex_digit (spec[6]) * 16 + hex_digit (spec[7])) / 255.0;
  return TRUE;
}

char *
lm_color_to_string (const LmColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x",
                          (int) lround (CLAMP (color->red, 0.0, 1.0) * 255),
                          (int) lround (CLAMP (color->green, 0.0, 1.0) * 255),
                          (int) lround (CLAMP (color->blue, 0.0, 1.0) * 255));
}

double
lm_color_get_luminance (const LmColor *color)
{
  g_return_val_if_fail (color != NULL, 0);

  return 0.2126 * srgb_to_linear (color->red)
         + 0.7152 * srgb_to_linear (color->green)
         + 0.0722 * srgb_to_linear (color->blue);
}
