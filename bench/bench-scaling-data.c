/* bench-scaling-data.c — synthetic datasets of many more areas, made by
 * cutting England's LSOAs into pieces, for the scaling benchmarks
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-scaling-data DATA_DIR/england-2019 OUT_DIR PIECES
 *
 * Cuts each LSOA polygon along a grid over its bounding box (1, 2x2 or
 * 4x2 cells for PIECES 1, 4 or 8; pieces a cell misses are left out), so
 * the pieces tile England exactly and nest in the real wards, districts
 * and regions. Writes into OUT_DIR: areas.shp/.shx/.dbf (field CODE),
 * the lookup, population (the LSOA's split evenly), a deprivation table
 * whose seven domain scores are the LSOA's ranks with a little noise per
 * piece, links to the real ward, district and region boundaries, CNI
 * table and referendum results, and scaling.xml, a manifest with the
 * 2019 index, rule and report figures over them. Used by
 * bench/scaling.sh; the files stay out of the repository.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-csv.h"
#include "lm-shape-layer.h"

static const char *domains[] = {
  "Income", "Employment", "Education, Skills and Training", "Health Deprivation and Disability",
  "Crime", "Barriers to Housing and Services", "Living Environment",
};
static const char *domain_ids[] = {
  "income", "employment", "education", "health", "crime", "housing", "environment",
};
static const double domain_weights[] = { 22.5, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3 };

/* Clips a closed ring (@n points of @xy) to the half plane
 * @sign * (coordinate @axis - @at) >= 0 (Sutherland-Hodgman). */
static GArray *
clip_half (GArray *ring,
           int     axis,
           double  at,
           double  sign)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = ring->len / 2;
  const double *p = (const double *) ring->data;

  for (guint i = 0; i < n; i++)
    {
      const double *a = p + 2 * i;
      const double *b = p + 2 * ((i + 1) % n);
      double da = sign * (a[axis] - at), db = sign * (b[axis] - at);

      if (da >= 0)
        g_array_append_vals (out, a, 2);
      if ((da >= 0) != (db >= 0))
        {
          double t = da / (da - db);
          double q[2] = { a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]) };

          q[axis] = at;
          g_array_append_vals (out, q, 2);
        }
    }
  g_array_unref (ring);
  return out;
}

static double
ring_area (GArray *ring)
{
  guint n = ring->len / 2;
  const double *p = (const double *) ring->data;
  double area = 0;

  for (guint i = 0; i < n; i++)
    {
      const double *a = p + 2 * i, *b = p + 2 * ((i + 1) % n);

      area += a[0] * b[1] - b[0] * a[1];
    }
  return area / 2;
}

/* Writes the part of feature @f of @layer inside the rectangle as one
 * shape; FALSE (nothing written) when that part has no area. */
static gboolean
write_piece (SHPHandle      shp,
             LmShapeLayer  *layer,
             guint          f,
             double         x0,
             double         y0,
             double         x1,
             double         y1)
{
  const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
  const guint *starts;
  const double *points;
  guint n_parts, n_points;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) part_starts = g_array_new (FALSE, FALSE, sizeof (int));
  double total = 0;
  SHPObject *object;

  starts = lm_shape_layer_get_part_starts (layer, &n_parts);
  points = lm_shape_layer_get_points (layer, &n_points);
  for (guint p = feature->first_part; p < feature->first_part + feature->n_parts; p++)
    {
      GArray *ring = g_array_new (FALSE, FALSE, sizeof (double));
      int start = xs->len;

      g_array_append_vals (ring, points + 2 * (gsize) starts[p], 2 * (starts[p + 1] - starts[p]));
      ring = clip_half (ring, 0, x0, 1);
      ring = clip_half (ring, 0, x1, -1);
      ring = clip_half (ring, 1, y0, 1);
      ring = clip_half (ring, 1, y1, -1);
      if (ring->len >= 6 && fabs (ring_area (ring)) > 1e-6)
        {
          const double *q = (const double *) ring->data;

          total += fabs (ring_area (ring));
          g_array_append_val (part_starts, start);
          for (guint i = 0; i < ring->len / 2; i++)
            {
              g_array_append_val (xs, q[2 * i]);
              g_array_append_val (ys, q[2 * i + 1]);
            }
          /* Shapefile rings are closed explicitly. */
          g_array_append_val (xs, q[0]);
          g_array_append_val (ys, q[1]);
        }
      g_array_unref (ring);
    }
  if (part_starts->len == 0 || total < 1)
    return FALSE;
  object = SHPCreateObject (SHPT_POLYGON, -1, part_starts->len, (int *) part_starts->data, NULL,
                            xs->len, (double *) xs->data, (double *) ys->data, NULL, NULL);
  SHPWriteObject (shp, -1, object);
  SHPDestroyObject (object);
  return TRUE;
}

/* A copy, not a link: a dataset may only read files inside its own
 * folder, links resolved (issue 10). */
static void
link_file (const char *data,
           const char *out,
           const char *name)
{
  g_autofree char *from = g_build_filename (data, name, NULL);
  g_autofree char *to = g_build_filename (out, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents (to, contents, (gssize) length, &error))
    g_error ("cannot copy %s: %s", from, error->message);
}

static LmCsv *
load_csv (const char *data,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data, name, NULL);
  LmCsv *csv = lm_csv_load (path, &error);

  g_assert_no_error (error);
  return csv;
}

static guint
column (LmCsv      *csv,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  guint c = 0;

  if (!lm_csv_require_column (csv, name, &c, &error))
    g_error ("%s", error->message);
  return c;
}

static void
write_manifest (const char *out)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (out, "scaling.xml", NULL);

  g_string_append (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- Made by bench/bench-scaling-data: England's LSOAs cut into pieces. -->\n"
    "<dataset id=\"scaling\" title=\"Scaling test\" format=\"1\" context-level=\"lad\">\n"
    "  <level id=\"area\" title=\"Pieces of LSOAs\" singular=\"piece\" plural=\"pieces\" "
    "shapefile=\"areas.shp\" code-field=\"CODE\"/>\n"
    "  <level id=\"ward\" title=\"Wards (2017)\" shapefile=\"boundaries/ward17.shp\" code-field=\"WD17CD\"/>\n"
    "  <level id=\"lad\" title=\"Local authorities (2019)\" shapefile=\"boundaries/lad19.shp\" code-field=\"LAD19CD\"/>\n"
    "  <level id=\"region\" title=\"Regions\" shapefile=\"boundaries/rgn19.shp\" code-field=\"RGN19CD\"/>\n"
    "  <lookup file=\"lookup.csv\">\n"
    "    <key level=\"area\" code-column=\"code\"/>\n"
    "    <key level=\"ward\" code-column=\"WD17CD\" name-column=\"WD17NM\"/>\n"
    "    <key level=\"lad\" code-column=\"LAD19CD\" name-column=\"LAD19NM\"/>\n"
    "    <key level=\"region\" code-column=\"RGN19CD\" name-column=\"RGN19NM\"/>\n"
    "  </lookup>\n"
    "  <population file=\"population.csv\" level=\"area\" code-column=\"code\" column=\"population\"/>\n"
    "  <table id=\"imd\" file=\"imd.csv\" level=\"area\" code-column=\"code\" name-column=\"name\"/>\n"
    "  <table id=\"cni\" file=\"cni2019_ward17.csv\" level=\"ward\" code-column=\"ward17_code\" "
    "name-column=\"ward17_name\" parent-column=\"lad19_code\" adds-areas=\"true\">\n"
    "    <variable id=\"cni.official_score\" unit=\"score\" column=\"Community Needs Index score\"/>\n"
    "  </table>\n"
    "  <index id=\"imd\" title=\"Index of Multiple Deprivation (synthetic)\" short-title=\"IMD\" "
    "table=\"imd\" scale=\"0.999\">\n");
  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    g_string_append_printf (xml, "    <domain id=\"%s\" title=\"%s\" kind=\"score\" weight=\"%g\" "
                            "column=\"%s\"/>\n", domain_ids[d], domains[d], domain_weights[d],
                            domains[d]);
  g_string_append (xml,
    "  </index>\n"
    "  <index id=\"cni\" title=\"Community Needs Index 2019\" short-title=\"CNI\" table=\"cni\" scale=\"3\">\n"
    "    <domain id=\"civic_assets\" kind=\"rank\" weight=\"1\" column=\"Civic Assets rank\"/>\n"
    "    <domain id=\"connectedness\" kind=\"rank\" weight=\"1\" column=\"Connectedness rank\"/>\n"
    "    <domain id=\"engaged_community\" kind=\"rank\" weight=\"1\" column=\"Engaged community rank\"/>\n"
    "  </index>\n"
    "  <election id=\"eu\" title=\"EU referendum 2016\" file=\"eu_referendum_2016.csv\" level=\"lad\" "
    "code-column=\"Area_Code\" electorate-column=\"Electorate\" ballots-column=\"VerifiedBallotPapers\" "
    "valid-column=\"Valid_Votes\" votes-column=\"Leave\" option=\"leave\" option-title=\"Leave\">\n"
    "    <lookup file=\"lookup_lad16_lad19.csv\" from-column=\"LAD16CD\" to-column=\"LAD19CD\"/>\n"
    "  </election>\n"
    "  <left-behind id=\"left_behind\" title=\"Left behind\" level=\"ward\">\n"
    "    <description>Wards in the most needy 10% on the CNI and the most deprived 10% on the IMD.</description>\n"
    "    <criterion variable=\"cni.score\" top-percent=\"10\"/>\n"
    "    <criterion variable=\"imd.score\" top-percent=\"10\"/>\n"
    "  </left-behind>\n"
    "  <report id=\"leave-imd\" level=\"lad\" x=\"imd.score\" y=\"eu.leave_pct\"/>\n"
    "  <report id=\"leave-cni\" level=\"lad\" x=\"cni.score\" y=\"eu.leave_pct\"/>\n"
    "  <report id=\"imd-cni\" level=\"ward\" x=\"cni.score\" y=\"imd.score\"/>\n"
    "  <attribution short=\"Synthetic pieces of ONS LSOAs\">Boundaries: Office for National "
    "Statistics, cut into pieces for a benchmark. Contains OS data (c) Crown copyright and "
    "database right.</attribution>\n"
    "</dataset>\n");
  if (!g_file_set_contents (path, xml->str, xml->len, NULL))
    g_error ("cannot write %s", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LmShapeLayer) layer = NULL;
  g_autoptr(LmCsv) lookup = NULL;
  g_autoptr(LmCsv) population = NULL;
  g_autoptr(LmCsv) ranks = NULL;
  g_autoptr(GHashTable) lookup_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) population_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) rank_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) lookup_out = g_string_new ("code,WD17CD,WD17NM,LAD19CD,LAD19NM,RGN19CD,RGN19NM\n");
  g_autoptr(GString) population_out = g_string_new ("code,population\n");
  g_autoptr(GString) imd_out = g_string_new ("code,name");
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_auto(GStrv) codes = NULL;
  g_autofree char *shp_path = NULL;
  g_autofree char *base = NULL;
  const char *data, *out;
  guint pieces, gx, gy, n_written = 0, n_features;
  guint lookup_columns[7], rank_columns[G_N_ELEMENTS (domains)], population_column, name_column;
  SHPHandle shp;
  DBFHandle dbf;

  if (argc != 4)
    {
      g_printerr ("usage: %s DATA_DIR/england-2019 OUT_DIR PIECES(1, 4 or 8)\n", argv[0]);
      return 2;
    }
  data = argv[1];
  out = argv[2];
  pieces = (guint) atoi (argv[3]);
  gx = pieces >= 8 ? 4 : pieces >= 4 ? 2 : 1;
  gy = pieces >= 4 ? 2 : 1;
  g_mkdir_with_parents (out, 0755);

  shp_path = g_build_filename (data, "boundaries", "lsoa11.shp", NULL);
  layer = lm_shape_layer_load (shp_path, &error);
  g_assert_no_error (error);
  codes = lm_shape_layer_read_string_field (layer, "LSOA11CD", &error);
  g_assert_no_error (error);

  lookup = load_csv (data, "lookup_lsoa11_wd17_lad19_rgn19.csv");
  population = load_csv (data, "population_lsoa11_mid2017.csv");
  ranks = load_csv (data, "imd2019_lsoa11_ranks.csv");
  {
    const char *names[] = { "LSOA11CD", "WD17CD", "WD17NM", "LAD19CD", "LAD19NM", "RGN19CD", "RGN19NM" };

    for (guint c = 0; c < 7; c++)
      lookup_columns[c] = column (lookup, names[c]);
  }
  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    {
      g_autofree char *name = g_strdup_printf ("%s Rank (where 1 is most deprived)", domains[d]);

      rank_columns[d] = column (ranks, name);
      g_string_append_printf (imd_out, ",\"%s\"", domains[d]);
    }
  g_string_append_c (imd_out, '\n');
  name_column = column (ranks, "LSOA name (2011)");
  population_column = column (population, "All Ages");
  for (guint r = 0; r < lm_csv_get_n_rows (lookup); r++)
    g_hash_table_insert (lookup_rows, (gpointer) lm_csv_get (lookup, r, lookup_columns[0]),
                         GUINT_TO_POINTER (r + 1));
  for (guint r = 0; r < lm_csv_get_n_rows (population); r++)
    g_hash_table_insert (population_rows, (gpointer) lm_csv_get (population, r, 0),
                         GUINT_TO_POINTER (r + 1));
  for (guint r = 0; r < lm_csv_get_n_rows (ranks); r++)
    g_hash_table_insert (rank_rows, (gpointer) lm_csv_get (ranks, r, 0), GUINT_TO_POINTER (r + 1));

  base = g_build_filename (out, "areas", NULL);
  shp = SHPCreate (base, SHPT_POLYGON);
  dbf = DBFCreate (base);
  if (shp == NULL || dbf == NULL || DBFAddField (dbf, "CODE", FTString, 16, 0) != 0)
    g_error ("cannot create %s.shp", base);

  n_features = lm_shape_layer_get_n_features (layer);
  for (guint f = 0; f < n_features; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
      guint lr = GPOINTER_TO_UINT (g_hash_table_lookup (lookup_rows, codes[f]));
      guint pr = GPOINTER_TO_UINT (g_hash_table_lookup (population_rows, codes[f]));
      guint rr = GPOINTER_TO_UINT (g_hash_table_lookup (rank_rows, codes[f]));
      double people, w, h;
      guint written = 0;
      g_autoptr(GPtrArray) piece_codes = g_ptr_array_new_with_free_func (g_free);

      if (lr == 0 || pr == 0 || rr == 0 || feature->n_parts == 0)
        continue;
      w = (feature->bounds.xmax - feature->bounds.xmin) / gx;
      h = (feature->bounds.ymax - feature->bounds.ymin) / gy;
      for (guint j = 0; j < gy; j++)
        for (guint i = 0; i < gx; i++)
          if (write_piece (shp, layer, f, feature->bounds.xmin + i * w, feature->bounds.ymin + j * h,
                           feature->bounds.xmin + (i + 1) * w, feature->bounds.ymin + (j + 1) * h))
            {
              char *code = g_strdup_printf ("%s_%u", codes[f], written++);

              DBFWriteStringAttribute (dbf, n_written++, 0, code);
              g_ptr_array_add (piece_codes, code);
            }
      if (!lm_csv_get_double (population, pr - 1, population_column, &people, &error))
        g_error ("%s", error->message);
      for (guint k = 0; k < piece_codes->len; k++)
        {
          const char *code = g_ptr_array_index (piece_codes, k);

          g_string_append_printf (lookup_out, "%s", code);
          for (guint c = 1; c < 7; c++)
            g_string_append_printf (lookup_out, ",\"%s\"", lm_csv_get (lookup, lr - 1, lookup_columns[c]));
          g_string_append_printf (population_out, "%s,%.0f\n", code, round (people / piece_codes->len));
          g_string_append_printf (imd_out, "%s,\"%s %u\"", code, lm_csv_get (ranks, rr - 1, name_column), k);
          /* Higher is worse: the LSOA's rank turned round, with noise
           * that orders its pieces and ties nothing. */
          for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
            {
              double rank;

              if (!lm_csv_get_double (ranks, rr - 1, rank_columns[d], &rank, &error))
                g_error ("%s", error->message);
              g_string_append_printf (imd_out, ",%.6f", 40000 - rank + g_rand_double (rand));
            }
          g_string_append_c (lookup_out, '\n');
          g_string_append_c (imd_out, '\n');
        }
    }
  SHPClose (shp);
  DBFClose (dbf);

  {
    const char *tables[][2] = {
      { "lookup.csv", lookup_out->str }, { "population.csv", population_out->str },
      { "imd.csv", imd_out->str },
    };

    for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
      {
        g_autofree char *path = g_build_filename (out, tables[t][0], NULL);

        if (!g_file_set_contents (path, tables[t][1], -1, &error))
          g_error ("%s", error->message);
      }
  }
  {
    g_autofree char *boundaries = g_build_filename (out, "boundaries", NULL);
    g_autofree char *real = g_build_filename (data, "boundaries", NULL);
    const char *layers[] = { "ward17", "lad19", "rgn19" };
    const char *extensions[] = { "shp", "shx", "dbf", "prj", "cpg" };

    g_mkdir_with_parents (boundaries, 0755);
    for (guint l = 0; l < G_N_ELEMENTS (layers); l++)
      for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", layers[l], extensions[e]);

          link_file (real, boundaries, name);
        }
    link_file (data, out, "cni2019_ward17.csv");
    link_file (data, out, "eu_referendum_2016.csv");
    link_file (data, out, "lookup_lad16_lad19.csv");
  }
  write_manifest (out);
  printf ("areas: %u\n", n_written);
  return 0;
}
