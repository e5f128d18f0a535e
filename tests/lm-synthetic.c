/* lm-synthetic.c — Quadria, a made-up country for the tests
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "lm-synthetic.h"
#include "lm-test-files.h"

static const char * const canton_names[LM_SYNTHETIC_N_CANTONS] = {
  "Ostra", "Velden", "Marrow", "Quist", "Tarnby", "Ulmen", "Brask", "Corvo", "Dalen",
};
static const char * const province_names[LM_SYNTHETIC_N_PROVINCES] = {
  "Upper March", "Middle March", "Lower March",
};

const char * const lm_synthetic_foreign_words[] = {
  "England", "English", "MHCLG", "OCSI", "LSOA", "Leave", "leave", "Ward", "ward",
  "uthorit", "Region", "IMD", "CNI", "Deprivation", "referendum", "Referendum",
  NULL
};

/* Inputs */

guint
lm_synthetic_canton_of (guint parish)
{
  guint row = parish / LM_SYNTHETIC_SIDE, column = parish % LM_SYNTHETIC_SIDE;

  return (row / 2) * 3 + column / 2;
}

guint
lm_synthetic_province_of (guint canton)
{
  return canton / 3;
}

char *
lm_synthetic_parish_code (guint parish)
{
  return g_strdup_printf ("P%02u", parish);
}

char *
lm_synthetic_parish_name (guint parish)
{
  return g_strdup_printf ("Hollow %c%u", 'A' + parish / LM_SYNTHETIC_SIDE,
                          parish % LM_SYNTHETIC_SIDE + 1);
}

const char *
lm_synthetic_canton_name (guint canton)
{
  return canton_names[canton];
}

const char *
lm_synthetic_province_name (guint province)
{
  return province_names[province];
}

double
lm_synthetic_population (guint parish)
{
  return 500 + (parish * 73 % 11) * 100;
}

/* 5, 11, 7 and 2 are prime to 36 and 9: each gives a permutation. */
guint
lm_synthetic_wages_rank (guint parish)
{
  return parish * 5 % LM_SYNTHETIC_N_PARISHES + 1;
}

double
lm_synthetic_schooling_score (guint parish)
{
  return (parish * 7 % LM_SYNTHETIC_N_PARISHES) * 1.5 + 0.25;
}

guint
lm_synthetic_air_rank (guint parish)
{
  return parish * 11 % LM_SYNTHETIC_N_PARISHES + 1;
}

guint
lm_synthetic_clubs_rank (guint canton)
{
  return canton * 2 % LM_SYNTHETIC_N_CANTONS + 1;
}

/* Offset so that no two cantons swap the same pair of ranks (a tie). */
guint
lm_synthetic_trust_rank (guint canton)
{
  return (canton * 2 + 6) % LM_SYNTHETIC_N_CANTONS + 1;
}

void
lm_synthetic_votes (guint   canton,
                    double *electorate,
                    double *ballots,
                    double *valid,
                    double *yes)
{
  *electorate = 2000 + 100 * canton;
  *ballots = floor (*electorate * (0.6 + 0.03 * canton));
  *valid = *ballots - 10 - canton;
  *yes = floor (*valid * (30 + 5 * canton) / 100.0);
}

/* Writing the country */

static void
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
lookup_csv (void)
{
  GString *csv = g_string_new ("parish,canton,canton_name,province,province_name\n");

  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    {
      g_autofree char *code = lm_synthetic_parish_code (p);
      guint canton = lm_synthetic_canton_of (p);
      guint province = lm_synthetic_province_of (canton);

      g_string_append_printf (csv, "%s,K%u,%s,V%u,\"%s\"\n", code, canton + 1, canton_names[canton],
                              province + 1, province_names[province]);
    }
  return g_string_free (csv, FALSE);
}

static char *
parish_tables (gboolean hardship)
{
  GString *csv = g_string_new (hardship ? "parish,parish_name,wages_rank,schooling_score,air_rank\n"
                                        : "parish,people\n");

  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    {
      g_autofree char *code = lm_synthetic_parish_code (p);
      g_autofree char *name = lm_synthetic_parish_name (p);

      if (hardship)
        g_string_append_printf (csv, "%s,%s,%u,%.2f,%u\n", code, name, lm_synthetic_wages_rank (p),
                                lm_synthetic_schooling_score (p), lm_synthetic_air_rank (p));
      else
        g_string_append_printf (csv, "%s,%.0f\n", code, lm_synthetic_population (p));
    }
  return g_string_free (csv, FALSE);
}

static char *
canton_tables (gboolean votes)
{
  GString *csv = g_string_new (votes ? "canton,electorate,ballots,valid,yes\n"
                                     : "canton,clubs_rank,trust_rank\n");

  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      double electorate, ballots, valid, yes;

      lm_synthetic_votes (k, &electorate, &ballots, &valid, &yes);
      if (votes)
        g_string_append_printf (csv, "K%u,%.0f,%.0f,%.0f,%.0f\n", k + 1, electorate, ballots, valid, yes);
      else
        g_string_append_printf (csv, "K%u,%u,%u\n", k + 1, lm_synthetic_clubs_rank (k),
                                lm_synthetic_trust_rank (k));
    }
  /* Results are often published for more places than the map has. */
  if (votes)
    g_string_append (csv, "K99,5000,4000,3990,100\n");
  return g_string_free (csv, FALSE);
}

/* One rectangle per area, clockwise as shapefiles want outer rings. */
static void
write_layer (const char   *dir,
             const char   *name,
             const char   *field,
             guint         n,
             const double *x0,
             const double *y0,
             const double *x1,
             const double *y1,
             char * const *codes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  SHPHandle shp = SHPCreate (path, SHPT_POLYGON);
  DBFHandle dbf = DBFCreate (path);

  g_assert_nonnull (shp);
  g_assert_nonnull (dbf);
  g_assert_cmpint (DBFAddField (dbf, field, FTString, 12, 0), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      double xs[5] = { x0[i], x0[i], x1[i], x1[i], x0[i] };
      double ys[5] = { y0[i], y1[i], y1[i], y0[i], y0[i] };
      SHPObject *object = SHPCreateSimpleObject (SHPT_POLYGON, 5, xs, ys, NULL);

      g_assert_cmpint (SHPWriteObject (shp, -1, object), ==, (int) i);
      SHPDestroyObject (object);
      g_assert_true (DBFWriteStringAttribute (dbf, (int) i, 0, codes[i]));
    }
  SHPClose (shp);
  DBFClose (dbf);
}

static void
write_boundaries (const char *dir)
{
  const double side = LM_SYNTHETIC_METRES, top = LM_SYNTHETIC_SIDE * LM_SYNTHETIC_METRES;
  double x0[LM_SYNTHETIC_N_PARISHES], y0[LM_SYNTHETIC_N_PARISHES];
  double x1[LM_SYNTHETIC_N_PARISHES], y1[LM_SYNTHETIC_N_PARISHES];
  char *codes[LM_SYNTHETIC_N_PARISHES + 1] = { NULL };

  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    {
      guint row = p / LM_SYNTHETIC_SIDE, column = p % LM_SYNTHETIC_SIDE;

      x0[p] = column * side;
      x1[p] = x0[p] + side;
      y1[p] = top - row * side;
      y0[p] = y1[p] - side;
      codes[p] = lm_synthetic_parish_code (p);
    }
  write_layer (dir, "parish", "PAR_CODE", LM_SYNTHETIC_N_PARISHES, x0, y0, x1, y1, codes);
  for (guint p = 0; p < LM_SYNTHETIC_N_PARISHES; p++)
    g_free (codes[p]);

  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    {
      x0[k] = (k % 3) * 2 * side;
      x1[k] = x0[k] + 2 * side;
      y1[k] = top - (k / 3) * 2 * side;
      y0[k] = y1[k] - 2 * side;
      codes[k] = g_strdup_printf ("K%u", k + 1);
    }
  codes[LM_SYNTHETIC_N_CANTONS] = NULL;
  write_layer (dir, "canton", "KAN_CODE", LM_SYNTHETIC_N_CANTONS, x0, y0, x1, y1, codes);
  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    g_free (codes[k]);

  for (guint v = 0; v < LM_SYNTHETIC_N_PROVINCES; v++)
    {
      x0[v] = 0;
      x1[v] = top;
      y1[v] = top - v * 2 * side;
      y0[v] = y1[v] - 2 * side;
      codes[v] = g_strdup_printf ("V%u", v + 1);
    }
  codes[LM_SYNTHETIC_N_PROVINCES] = NULL;
  write_layer (dir, "province", "PROV_CODE", LM_SYNTHETIC_N_PROVINCES, x0, y0, x1, y1, codes);
  for (guint v = 0; v < LM_SYNTHETIC_N_PROVINCES; v++)
    g_free (codes[v]);
}

static const char manifest_text[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<dataset id=\"quadria\" title=\"Quadria 2024\" format=\"1\" context-level=\"province\">\n"
  "  <level id=\"parish\" title=\"Parishes\" singular=\"parish\" plural=\"parishes\"\n"
  "         shapefile=\"parish.shp\" code-field=\"PAR_CODE\"/>\n"
  "  <level id=\"canton\" title=\"Cantons\" singular=\"canton\" plural=\"cantons\"\n"
  "         shapefile=\"canton.shp\" code-field=\"KAN_CODE\"/>\n"
  "  <level id=\"province\" title=\"Provinces\" singular=\"province\" plural=\"provinces\"\n"
  "         shapefile=\"province.shp\" code-field=\"PROV_CODE\"/>\n"
  "  <lookup file=\"lookup.csv\">\n"
  "    <key level=\"parish\" code-column=\"parish\"/>\n"
  "    <key level=\"canton\" code-column=\"canton\" name-column=\"canton_name\"/>\n"
  "    <key level=\"province\" code-column=\"province\" name-column=\"province_name\"/>\n"
  "  </lookup>\n"
  "  <population file=\"people.csv\" level=\"parish\" code-column=\"parish\" column=\"people\"\n"
  "              title=\"Residents (2024 count)\"/>\n"
  "  <table id=\"hardship\" file=\"hardship.csv\" level=\"parish\" code-column=\"parish\"\n"
  "         name-column=\"parish_name\"/>\n"
  "  <table id=\"fabric\" file=\"fabric.csv\" level=\"canton\" code-column=\"canton\"/>\n"
  "  <index id=\"hdx\" title=\"Hardship index\" short-title=\"Hardship\" table=\"hardship\" scale=\"1\">\n"
  "    <domain id=\"wages\" title=\"Low wages\" kind=\"rank\" weight=\"2\" column=\"wages_rank\"/>\n"
  "    <domain id=\"schooling\" title=\"Schooling\" kind=\"score\" weight=\"1\" column=\"schooling_score\"/>\n"
  "    <domain id=\"air\" title=\"Air quality\" kind=\"rank\" weight=\"1\" column=\"air_rank\"/>\n"
  "  </index>\n"
  "  <index id=\"sfi\" title=\"Social fabric index\" short-title=\"Fabric\" table=\"fabric\" scale=\"2\">\n"
  "    <domain id=\"clubs\" title=\"Clubs and halls\" kind=\"rank\" weight=\"1\" column=\"clubs_rank\"/>\n"
  "    <domain id=\"trust\" title=\"Trust\" kind=\"rank\" weight=\"1\" column=\"trust_rank\"/>\n"
  "  </index>\n"
  "  <election id=\"plebiscite\" title=\"Canal plebiscite 2023\" file=\"plebiscite.csv\" level=\"canton\"\n"
  "            code-column=\"canton\" electorate-column=\"electorate\" ballots-column=\"ballots\"\n"
  "            valid-column=\"valid\" votes-column=\"yes\" option=\"yes\" option-title=\"Yes\"\n"
  "            share-title=\"Yes to the canal (%)\" turnout-title=\"Plebiscite turnout (%)\"/>\n"
  "  <left-behind id=\"stranded\" title=\"Stranded\" level=\"canton\">\n"
  "    <description>Cantons in the worst third on both indices.</description>\n"
  "    <criterion variable=\"sfi.score\" top-percent=\"34\"/>\n"
  "    <criterion variable=\"hdx.score\" top-percent=\"34\"/>\n"
  "  </left-behind>\n"
  "  <report id=\"yes-hdx\" title=\"Canal vote against hardship (cantons)\" level=\"canton\"\n"
  "          x=\"hdx.score\" y=\"plebiscite.yes_pct\"/>\n"
  "  <report id=\"hdx-sfi\" title=\"Hardship against fabric (cantons)\" level=\"canton\"\n"
  "          x=\"sfi.score\" y=\"hdx.score\"/>\n"
  "  <attribution short=\"Quadria Statistical Office\">Boundaries, residents and hardship: Quadria\n"
  "    Statistical Office, open data.</attribution>\n"
  "  <attribution short=\"Fabric: Guild of Quadria\">Social fabric survey 2024, Guild of\n"
  "    Quadria.</attribution>\n"
  "  <attribution short=\"\">Plebiscite results: Quadria Returning Office.</attribution>\n"
  "</dataset>\n";

char *
lm_synthetic_write (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("levelmap-quadria-XXXXXX", &error);
  char *tables[5];
  const char *names[5] = { "lookup.csv", "people.csv", "hardship.csv", "fabric.csv", "plebiscite.csv" };

  g_assert_no_error (error);
  tables[0] = lookup_csv ();
  tables[1] = parish_tables (FALSE);
  tables[2] = parish_tables (TRUE);
  tables[3] = canton_tables (FALSE);
  tables[4] = canton_tables (TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      write_text (dir, names[i], tables[i]);
      g_free (tables[i]);
    }
  write_text (dir, "quadria.xml", manifest_text);
  write_boundaries (dir);
  {
    char *manifest = g_build_filename (dir, "quadria.xml", NULL);
    g_free (dir);
    return manifest;
  }
}

void
lm_synthetic_remove (const char *manifest)
{
  g_autofree char *dir = g_path_get_dirname (manifest);

  lm_test_remove_tree (dir);
}

/* Breaking the country */

static char *
file_path (const char *manifest,
           const char *file)
{
  g_autofree char *dir = g_path_get_dirname (manifest);

  return g_build_filename (dir, file, NULL);
}

char *
lm_synthetic_read (const char *manifest,
                   const char *file)
{
  g_autofree char *path = file_path (manifest, file);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

void
lm_synthetic_overwrite (const char *manifest,
                        const char *file,
                        const char *text)
{
  g_autofree char *path = file_path (manifest, file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

void
lm_synthetic_replace (const char *manifest,
                      const char *file,
                      const char *from,
                      const char *to)
{
  g_autofree char *text = lm_synthetic_read (manifest, file);
  g_auto(GStrv) parts = g_strsplit (text, from, -1);
  g_autofree char *changed = NULL;

  if (g_strv_length (parts) != 2)
    g_error ("“%s” is in %s %u times, not once", from, file, g_strv_length (parts) - 1);
  changed = g_strjoinv (to, parts);
  lm_synthetic_overwrite (manifest, file, changed);
}

void
lm_synthetic_append (const char *manifest,
                     const char *file,
                     const char *text)
{
  g_autofree char *old = lm_synthetic_read (manifest, file);
  g_autofree char *longer = g_strconcat (old, text, NULL);

  lm_synthetic_overwrite (manifest, file, longer);
}

void
lm_synthetic_poke (const char *manifest,
                   const char *file,
                   gsize       offset,
                   guint8      value)
{
  g_autofree char *path = file_path (manifest, file);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (offset, <, length);
  bytes[offset] = (char) value;
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
}

char *
lm_synthetic_votes_row (guint       canton,
                        const char *column,
                        const char *value)
{
  const char *names[4] = { "electorate", "ballots", "valid", "yes" };
  GString *row = g_string_new (NULL);
  double counts[4];

  lm_synthetic_votes (canton, &counts[0], &counts[1], &counts[2], &counts[3]);
  g_string_append_printf (row, "K%u", canton + 1);
  for (guint c = 0; c < 4; c++)
    {
      if (g_strcmp0 (column, names[c]) == 0)
        g_string_append_printf (row, ",%s", value);
      else
        g_string_append_printf (row, ",%.0f", counts[c]);
    }
  g_string_append_c (row, '\n');
  return g_string_free (row, FALSE);
}

void
lm_synthetic_add_election_lookup (const char *manifest,
                                  const char *extra_rows)
{
  g_autoptr(GString) lookup = g_string_new ("from,to\n");

  for (guint k = 0; k < LM_SYNTHETIC_N_CANTONS; k++)
    g_string_append_printf (lookup, "K%u,K%u\n", k + 1, k + 1);
  g_string_append (lookup, extra_rows);
  lm_synthetic_overwrite (manifest, "counting.csv", lookup->str);
  lm_synthetic_replace (manifest, "quadria.xml", "turnout-title=\"Plebiscite turnout (%)\"/>",
                        "turnout-title=\"Plebiscite turnout (%)\">\n"
                        "    <lookup file=\"counting.csv\" from-column=\"from\" to-column=\"to\"/>\n"
                        "  </election>");
}

void
lm_synthetic_write_provinces (const char         *manifest,
                              const char * const *codes)
{
  const double top = LM_SYNTHETIC_SIDE * LM_SYNTHETIC_METRES, band = 2 * LM_SYNTHETIC_METRES;
  double x0[LM_SYNTHETIC_N_PROVINCES + 1], y0[LM_SYNTHETIC_N_PROVINCES + 1];
  double x1[LM_SYNTHETIC_N_PROVINCES + 1], y1[LM_SYNTHETIC_N_PROVINCES + 1];
  g_autofree char *dir = g_path_get_dirname (manifest);
  guint n = g_strv_length ((char **) codes);

  g_assert_cmpuint (n, <=, LM_SYNTHETIC_N_PROVINCES + 1);
  for (guint i = 0; i < n; i++)
    {
      x0[i] = 0;
      x1[i] = top;
      y1[i] = top - i * band;
      y0[i] = y1[i] - band;
    }
  write_layer (dir, "province", "PROV_CODE", n, x0, y0, x1, y1, (char * const *) codes);
}

/* Checks */

void
lm_synthetic_assert_no_foreign_words (const char *text,
                                      const char *where)
{
  g_assert_nonnull (text);
  for (guint i = 0; lm_synthetic_foreign_words[i] != NULL; i++)
    if (strstr (text, lm_synthetic_foreign_words[i]) != NULL)
      g_error ("%s says “%s” about Quadria: “%s”", where, lm_synthetic_foreign_words[i], text);
}

double
lm_synthetic_exp_score (double rank,
                        guint  n)
{
  double r = (n - rank + 1) / (double) n;

  return -23.0 * log (1.0 - r * (1.0 - exp (-100.0 / 23.0)));
}

void
lm_synthetic_rank (const double *values,
                   guint         n,
                   double       *out_ranks)
{
  for (guint i = 0; i < n; i++)
    {
      guint above = 0;

      for (guint j = 0; j < n; j++)
        {
          g_assert_true (j == i || values[j] != values[i]);
          above += values[j] > values[i];
        }
      out_ranks[i] = above + 1;
    }
}

double
lm_synthetic_pearson (const double *x,
                      const double *y,
                      guint         n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

  for (guint i = 0; i < n; i++)
    {
      mx += x[i] / n;
      my += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  return sxy / sqrt (sxx * syy);
}
