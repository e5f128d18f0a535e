/* lm-uncertainty.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lm-draw-plan.h"
#include "lm-uncertainty.h"
#include "lm-uncertainty-private.h"

/* Draws are handed to threads in chunks of consecutive numbers, and
 * kept ranks are stored chunk by chunk (see kept_at()). */
#define CHUNK_DRAWS  16
#define CHUNK_AREAS  256

/* The most bytes of kept ranks one pass holds (see run_passes()). */
gsize _lm_uncertainty_keep_budget = 256 * 1024 * 1024;

typedef struct
{
  char    *id;
  char    *title;
  LmLevel *level;
  LmUnit   unit;
  double  *values;
} Result;

struct _LmUncertainty
{
  GObject          parent_instance;

  LmDataset       *dataset;
  LmWeightSampler *sampler;
  guint            n_draws;
  guint64          seed;
  double           elapsed_ms;
  GPtrArray       *results;       /* Result*, in the order they are applied */
  LmLevel         *rule_level;    /* NULL without a rule */
  double          *baseline;      /* the rule's flags at the centre */
  double          *probability;   /* the rule's share of draws, in a Result */
};

G_DEFINE_FINAL_TYPE (LmUncertainty, lm_uncertainty, G_TYPE_OBJECT)
G_DEFINE_QUARK (lm-uncertainty-error-quark, lm_uncertainty_error)

/* ------------------------------------------------------------------ */
/* A pass over every draw                                             */
/* ------------------------------------------------------------------ */

/* The ranks of every draw of an index are kept until their percentiles
 * are taken (2 bytes per area per draw for up to 65,535 areas), for as
 * many indices at a time as the budget allows. The first pass also
 * counts, for every index and level, the draws in the most deprived
 * decile, and the draws left behind. */
typedef struct
{
  const LmDrawPlan      *plan;
  guint64                seed;
  guint                  n_draws;
  guint32                compute;     /* indices computed */
  gboolean               count;       /* deciles and the rule counted */
  guint32                store;       /* indices whose ranks are kept */
  gsize                  elem;        /* bytes per kept rank: 2 or 4 */
  guint8              ***ranks;       /* [index][level]: n_areas × n_draws, see kept_at() */
  guint32             ***top;         /* [index][level][area]: draws in decile 1 */
  guint32               *left_behind; /* [area of the rule's level] */
  GMutex                 lock;        /* guards merging into the counts */
  gint                   next_chunk;
  guint                  n_chunks;
  GCancellable          *cancellable;
  LmUncertaintyProgress  progress;
  gpointer               progress_data;
  gint                  *done;
  guint                  total;
} Pass;

static guint32 ***
new_counts (const LmDrawPlan *plan)
{
  guint n = lm_draw_plan_get_n_indices (plan);
  guint32 ***counts = g_new0 (guint32 **, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint n_levels = lm_draw_plan_get_n_levels (plan, i);

      counts[i] = g_new0 (guint32 *, n_levels);
      for (guint s = 0; s < n_levels; s++)
        counts[i][s] = g_new0 (guint32, MAX (lm_draw_plan_get_level (plan, i, s)->n_areas, 1));
    }
  return counts;
}

static void
free_counts (const LmDrawPlan  *plan,
             guint32         ***counts)
{
  for (guint i = 0; counts != NULL && i < lm_draw_plan_get_n_indices (plan); i++)
    {
      for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
        g_free (counts[i][s]);
      g_free (counts[i]);
    }
  g_free (counts);
}

/* Where the rank of @area in @draw is kept: a chunk's ranks together,
 * each area's side by side. A thread writing one draw's ranks then
 * strides 32 bytes, where rows of all draws made each write a page of
 * its own; reading an area's ranks takes 32 bytes per chunk. */
static inline gsize
kept_at (guint n_areas,
         guint area,
         guint draw)
{
  return ((gsize) (draw / CHUNK_DRAWS) * n_areas + area) * CHUNK_DRAWS + draw % CHUNK_DRAWS;
}

static void
keep_ranks (Pass       *pass,
            LmDrawWork *work,
            guint       draw)
{
  for (guint i = 0; i < lm_draw_plan_get_n_indices (pass->plan); i++)
    for (guint s = 0; (pass->store & (1u << i)) && s < lm_draw_plan_get_n_levels (pass->plan, i); s++)
      {
        LmDrawLevel level;
        gsize at;

        lm_draw_work_get_level (work, i, s, &level);
        at = kept_at (level.level->n_areas, 0, draw);
        if (pass->elem == 2)
          {
            guint16 *kept = (guint16 *) pass->ranks[i][s] + at;

            for (guint a = 0; a < level.level->n_areas; a++)
              kept[(gsize) a * CHUNK_DRAWS] = (guint16) level.ranks[a];
          }
        else
          {
            guint32 *kept = (guint32 *) pass->ranks[i][s] + at;

            for (guint a = 0; a < level.level->n_areas; a++)
              kept[(gsize) a * CHUNK_DRAWS] = level.ranks[a];
          }
      }
}

static void
count_draw (Pass       *pass,
            LmDrawWork *work,
            guint32  ***top,
            guint32    *left_behind)
{
  LmLevel *rule_level = lm_draw_plan_get_rule_level (pass->plan);

  for (guint i = 0; i < lm_draw_plan_get_n_indices (pass->plan); i++)
    for (guint s = 0; s < lm_draw_plan_get_n_levels (pass->plan, i); s++)
      {
        LmDrawLevel level;
        guint last;

        lm_draw_work_get_level (work, i, s, &level);
        /* Decile 1 is ceil (10 rank / n) = 1, that is 10 rank <= n. */
        last = level.n_ranked / 10;
        for (guint a = 0; a < level.level->n_areas; a++)
          top[i][s][a] += level.ranks[a] > 0 && level.ranks[a] <= last;
      }
  if (rule_level != NULL)
    {
      const double *flags = lm_draw_work_get_flags (work);

      for (guint a = 0; a < rule_level->n_areas; a++)
        left_behind[a] += flags[a] == 1;
    }
}

static gpointer
pass_worker (gpointer data)
{
  Pass *pass = data;
  const LmDrawPlan *plan = pass->plan;
  LmLevel *rule_level = lm_draw_plan_get_rule_level (plan);
  g_autoptr(LmDrawWork) work = lm_draw_work_new (plan);
  guint32 ***top = pass->count ? new_counts (plan) : NULL;
  g_autofree guint32 *left_behind = NULL;

  if (pass->count && rule_level != NULL)
    left_behind = g_new0 (guint32, MAX (rule_level->n_areas, 1));
  for (;;)
    {
      guint chunk = (guint) g_atomic_int_add (&pass->next_chunk, 1);
      guint first = chunk * CHUNK_DRAWS, last = MIN (first + CHUNK_DRAWS, pass->n_draws);
      guint done;

      if (chunk >= pass->n_chunks || g_cancellable_is_cancelled (pass->cancellable))
        break;
      for (guint draw = first; draw < last; draw++)
        {
          lm_draw_plan_run (plan, work, pass->seed, draw, pass->compute, pass->count);
          if (pass->store != 0)
            keep_ranks (pass, work, draw);
          if (pass->count)
            count_draw (pass, work, top, left_behind);
        }
      done = (guint) g_atomic_int_add (pass->done, (gint) (last - first)) + (last - first);
      if (pass->progress != NULL)
        pass->progress (done, pass->total, pass->progress_data);
    }

  /* Sums of whole numbers: the same in any order, so the same for any
   * number of threads. */
  if (pass->count)
    {
      g_mutex_lock (&pass->lock);
      for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
        for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
          for (guint a = 0; a < lm_draw_plan_get_level (plan, i, s)->n_areas; a++)
            pass->top[i][s][a] += top[i][s][a];
      for (guint a = 0; rule_level != NULL && a < rule_level->n_areas; a++)
        pass->left_behind[a] += left_behind[a];
      g_mutex_unlock (&pass->lock);
      free_counts (plan, top);
    }
  return NULL;
}

/* Runs @worker in the calling thread and @n_threads - 1 others. */
static void
run_threads (GThreadFunc worker,
             gpointer    data,
             guint       n_threads)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("lm-uncertainty", worker, data));
  worker (data);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

/* ------------------------------------------------------------------ */
/* Percentiles                                                        */
/* ------------------------------------------------------------------ */

static inline void
swap (guint32 *a,
      guint    i,
      guint    j)
{
  guint32 t = a[i];

  a[i] = a[j];
  a[j] = t;
}

/* The @k-th smallest of @a (0-based) by quickselect with a three-way
 * partition, so that many equal ranks (a narrow spread, or none) cost
 * one pass, not a quadratic worst case. */
static guint32
select_kth (guint32 *a,
            guint    n,
            guint    k)
{
  guint lo = 0, hi = n;

  while (hi - lo > 1)
    {
      guint32 x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi - 1];
      guint32 pivot = MAX (MIN (x, y), MIN (MAX (x, y), z));
      guint lt = lo, i = lo, gt = hi;

      while (i < gt)
        {
          if (a[i] < pivot)
            swap (a, lt++, i++);
          else if (a[i] > pivot)
            swap (a, i, --gt);
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  return a[k];
}

/* The ceil (m × percent / 100)-th smallest of @m values (1-based), the
 * inverse of the empirical distribution function, worked in integers so
 * that 5% of 1,000 is exactly the 50th. */
static guint
percentile_position (guint m,
                     guint percent)
{
  guint k = (guint) (((guint64) m * percent + 99) / 100);

  return MAX (k, 1) - 1;
}

/* The 5th, 50th and 95th percentiles of @m values from @lo to @hi, into
 * @out (see lm-uncertainty-private.h).
 * Ranks of one area over the draws mostly span a few thousand places:
 * then counting them (@counts holds hi - lo + 1 zeros, and is left so)
 * and walking the counts up to the 95th beats comparing them. Otherwise, quickselect: once the median is in
 * place the smaller values are all before it and the larger after it,
 * so the others are looked for in each half only. */
void
_lm_uncertainty_percentiles (guint32 *values,
                             guint    m,
                             guint32  lo,
                             guint32  hi,
                             guint32 *counts,
                             double  *out)
{
  guint k[3] = { percentile_position (m, 5), percentile_position (m, 50), percentile_position (m, 95) };

  if ((guint64) (hi - lo) <= 64 * (guint64) m)
    {
      guint seen = 0, q = 0;

      for (guint d = 0; d < m; d++)
        counts[values[d] - lo]++;
      for (guint32 v = 0; q < 3; v++)
        {
          seen += counts[v];
          for (; q < 3 && seen > k[q]; q++)
            out[q] = lo + v;
        }
      for (guint d = 0; d < m; d++)
        counts[values[d] - lo] = 0;
      return;
    }
  out[1] = select_kth (values, m, k[1]);
  out[0] = k[0] < k[1] ? select_kth (values, k[1], k[0]) : out[1];
  out[2] = k[2] > k[1] ? select_kth (values + k[1] + 1, m - k[1] - 1, k[2] - k[1] - 1) : out[1];
}

typedef struct
{
  const Pass *pass;
  guint       index;
  guint       slot;
  guint       n_areas;
  double     *p05;
  double     *median;
  double     *p95;
  gint        next_chunk;
} Percentiles;

static gpointer
percentiles_worker (gpointer data)
{
  Percentiles *job = data;
  const Pass *pass = job->pass;
  g_autofree guint32 *values = g_new (guint32, pass->n_draws);
  /* Ranks run from 1 to the number of areas. */
  g_autofree guint32 *counts = g_new0 (guint32, job->n_areas + 1);

  for (;;)
    {
      guint first = (guint) g_atomic_int_add (&job->next_chunk, 1) * CHUNK_AREAS;

      if (first >= job->n_areas)
        break;
      for (guint a = first; a < MIN (first + CHUNK_AREAS, job->n_areas); a++)
        {
          const guint8 *kept = pass->ranks[job->index][job->slot];
          guint32 lo = G_MAXUINT32, hi = 0;
          double out[3] = { NAN, NAN, NAN };
          guint m = 0;

          /* Percentiles of the draws in which the area has a rank. */
          for (guint d = 0; d < pass->n_draws; d++)
            {
              gsize at = kept_at (job->n_areas, a, d);
              guint32 rank = pass->elem == 2 ? ((const guint16 *) kept)[at] : ((const guint32 *) kept)[at];

              if (rank == 0)
                continue;
              values[m++] = rank;
              lo = MIN (lo, rank);
              hi = MAX (hi, rank);
            }
          if (m > 0)
            _lm_uncertainty_percentiles (values, m, lo, hi, counts, out);
          job->p05[a] = out[0];
          job->median[a] = out[1];
          job->p95[a] = out[2];
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Results                                                            */
/* ------------------------------------------------------------------ */

static void
result_free (Result *result)
{
  g_free (result->id);
  g_free (result->title);
  g_free (result->values);
  g_free (result);
}

static double *
add_result (LmUncertainty *self,
            LmLevel       *level,
            LmUnit         unit,
            char          *id,
            char          *title)
{
  Result *result = g_new0 (Result, 1);

  result->id = id;
  result->title = title;
  result->level = level;
  result->unit = unit;
  result->values = g_new (double, MAX (level->n_areas, 1));
  g_ptr_array_add (self->results, result);
  return result->values;
}

typedef struct
{
  double *p05;
  double *median;
  double *p95;
  double *top;
} IndexResults;

static IndexResults
add_index_results (LmUncertainty *self,
                   LmIndex       *index,
                   LmLevel       *level)
{
  LmVariable *rank = lm_index_find_variable (index, level, "rank");
  LmVariable *decile = lm_index_find_variable (index, level, "decile");
  IndexResults out;

  /* Titles built on the rank's and decile's ("IMD rank", "IMD decile"),
   * which the manifest's short title names. */
  out.p05 = add_result (self, level, LM_UNIT_RANK, g_strdup_printf ("%s.rank_p05", index->id),
                        /* Translators: "IMD rank, 5th percentile under uncertain weights" */
                        g_strdup_printf (_("%s, 5th percentile under uncertain weights"), rank->title));
  out.median = add_result (self, level, LM_UNIT_RANK, g_strdup_printf ("%s.rank_median", index->id),
                           g_strdup_printf (_("%s, median under uncertain weights"), rank->title));
  out.p95 = add_result (self, level, LM_UNIT_RANK, g_strdup_printf ("%s.rank_p95", index->id),
                        g_strdup_printf (_("%s, 95th percentile under uncertain weights"), rank->title));
  out.top = add_result (self, level, LM_UNIT_PROBABILITY,
                        g_strdup_printf ("%s.top_decile_probability", index->id),
                        /* Translators: "Chance of IMD decile 1 under uncertain weights" */
                        g_strdup_printf (_("Chance of %s 1 under uncertain weights"), decile->title));
  return out;
}

/* GObject overrides */

static void
lm_uncertainty_finalize (GObject *object)
{
  LmUncertainty *self = LM_UNCERTAINTY (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->sampler, lm_weight_sampler_unref);
  g_ptr_array_unref (self->results);
  g_free (self->baseline);

  G_OBJECT_CLASS (lm_uncertainty_parent_class)->finalize (object);
}

static void
lm_uncertainty_class_init (LmUncertaintyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lm_uncertainty_finalize;
}

static void
lm_uncertainty_init (LmUncertainty *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
}

/* ------------------------------------------------------------------ */
/* Running                                                            */
/* ------------------------------------------------------------------ */

/* The percentiles of the kept ranks, index by index and level by level. */
static void
take_percentiles (const Pass    *pass,
                  IndexResults **results,
                  guint          n_threads)
{
  for (guint i = 0; i < lm_draw_plan_get_n_indices (pass->plan); i++)
    for (guint s = 0; (pass->store & (1u << i)) && s < lm_draw_plan_get_n_levels (pass->plan, i); s++)
      {
        Percentiles job = { pass, i, s, lm_draw_plan_get_level (pass->plan, i, s)->n_areas,
                            results[i][s].p05, results[i][s].median, results[i][s].p95, 0 };

        run_threads (percentiles_worker, &job, n_threads);
      }
}

/* Bytes of kept ranks for @n_areas: whole chunks, the last one padded. */
static gsize
kept_level_size (guint n_areas,
                 guint n_draws,
                 gsize elem)
{
  return (gsize) MAX (n_areas, 1) * ((n_draws + CHUNK_DRAWS - 1) / CHUNK_DRAWS * CHUNK_DRAWS) * elem;
}

static gsize
kept_size (const LmDrawPlan *plan,
           guint             i,
           guint             n_draws,
           gsize             elem)
{
  gsize bytes = 0;

  for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
    bytes += kept_level_size (lm_draw_plan_get_level (plan, i, s)->n_areas, n_draws, elem);
  return bytes;
}

static gboolean
allocate_ranks (Pass     *pass,
                GError  **error)
{
  guint n_indices = lm_draw_plan_get_n_indices (pass->plan);
  gsize bytes = 0;

  pass->ranks = g_new0 (guint8 **, MAX (n_indices, 1));
  for (guint i = 0; i < n_indices; i++)
    if (pass->store & (1u << i))
      bytes += kept_size (pass->plan, i, pass->n_draws, pass->elem);
  for (guint i = 0; i < n_indices; i++)
    {
      guint n_levels = lm_draw_plan_get_n_levels (pass->plan, i);

      if (!(pass->store & (1u << i)))
        continue;
      pass->ranks[i] = g_new0 (guint8 *, n_levels);
      for (guint s = 0; s < n_levels; s++)
        {
          pass->ranks[i][s] = g_try_malloc (kept_level_size (lm_draw_plan_get_level (pass->plan, i, s)->n_areas,
                                                             pass->n_draws, pass->elem));
          if (pass->ranks[i][s] == NULL)
            {
              g_set_error (error, LM_UNCERTAINTY_ERROR, LM_UNCERTAINTY_ERROR_MEMORY,
                           _("There is not enough memory to keep the ranks of %u draws (about %.0f MB): "
                             "ask for fewer draws"),
                           pass->n_draws, (double) bytes / 1e6);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
free_ranks (Pass *pass)
{
  for (guint i = 0; pass->ranks != NULL && i < lm_draw_plan_get_n_indices (pass->plan); i++)
    {
      for (guint s = 0; pass->ranks[i] != NULL && s < lm_draw_plan_get_n_levels (pass->plan, i); s++)
        g_free (pass->ranks[i][s]);
      g_free (pass->ranks[i]);
    }
  g_clear_pointer (&pass->ranks, g_free);
}

/* Ranks fit two bytes when no level of any index has more areas. */
static gsize
rank_size (const LmDrawPlan *plan)
{
  for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
    for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
      if (lm_draw_plan_get_level (plan, i, s)->n_areas > G_MAXUINT16)
        return 4;
  return 2;
}

/* What does not vary is what the centre gives: an index whose weights
 * never move keeps its ranks, and every share is counted. */
static void
finish_results (LmUncertainty     *self,
                const LmDrawPlan  *plan,
                LmDrawWork        *centre,
                IndexResults     **results,
                const Pass        *first,
                double            *probability)
{
  for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
    for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
      {
        LmDrawLevel level;
        gboolean varies = lm_weight_sampler_varies (self->sampler, i);

        lm_draw_work_get_level (centre, i, s, &level);
        for (guint a = 0; a < level.level->n_areas; a++)
          {
            gboolean ranked = level.ranks[a] > 0;

            if (!varies)
              results[i][s].p05[a] = results[i][s].median[a] = results[i][s].p95[a] =
                ranked ? level.ranks[a] : NAN;
            results[i][s].top[a] = ranked ? (double) first->top[i][s][a] / self->n_draws : NAN;
          }
      }
  if (self->rule_level != NULL)
    {
      const double *flags = lm_draw_work_get_flags (centre);

      self->baseline = g_memdup2 (flags, sizeof (double) * MAX (self->rule_level->n_areas, 1));
      for (guint a = 0; a < self->rule_level->n_areas; a++)
        probability[a] = isnan (flags[a]) ? NAN : (double) first->left_behind[a] / self->n_draws;
      self->probability = probability;
    }
}

static IndexResults **
add_all_results (LmUncertainty    *self,
                 const LmDrawPlan *plan,
                 double          **probability)
{
  IndexResults **results = g_new0 (IndexResults *, MAX (lm_draw_plan_get_n_indices (plan), 1));

  for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
    {
      results[i] = g_new0 (IndexResults, lm_draw_plan_get_n_levels (plan, i));
      for (guint s = 0; s < lm_draw_plan_get_n_levels (plan, i); s++)
        results[i][s] = add_index_results (self, lm_weight_sampler_get_index (self->sampler, i),
                                           lm_draw_plan_get_level (plan, i, s));
    }
  *probability = NULL;
  if (self->rule_level != NULL)
    {
      LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (self->dataset);
      g_autofree char *flagged = g_utf8_strdown (rule->flag->title, -1);

      *probability = add_result (self, self->rule_level, LM_UNIT_PROBABILITY,
                                 g_strdup_printf ("%s_probability", rule->flag->id),
                                 /* Translators: "Chance of being left behind under uncertain weights" */
                                 g_strdup_printf (_("Chance of being %s under uncertain weights"), flagged));
    }
  return results;
}

static void
free_all_results (const LmDrawPlan  *plan,
                  IndexResults     **results)
{
  for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
    g_free (results[i]);
  g_free (results);
}

/* The indices whose ranks each pass keeps: the indices whose weights
 * vary, in order, as many to a pass as _lm_uncertainty_keep_budget
 * holds (at least one). A pass after the first computes only what it
 * keeps, but computes it again: one pass for all is the fastest (England
 * 2025 at 1,000 draws keeps 165 MB), several keep memory down when the
 * draws are many. */
static GArray *
group_passes (const LmDrawPlan *plan,
              LmWeightSampler  *sampler,
              guint             n_draws,
              gsize             elem)
{
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 group = 0;
  gsize bytes = 0;

  for (guint i = 0; i < lm_draw_plan_get_n_indices (plan); i++)
    {
      gsize size;

      if (!lm_weight_sampler_varies (sampler, i))
        continue;
      size = kept_size (plan, i, n_draws, elem);
      if (group != 0 && bytes + size > _lm_uncertainty_keep_budget)
        {
          g_array_append_val (groups, group);
          group = 0;
          bytes = 0;
        }
      group |= 1u << i;
      bytes += size;
    }
  /* Nothing varies: one pass still counts. */
  if (group != 0 || groups->len == 0)
    g_array_append_val (groups, group);
  return groups;
}

/* The passes over the draws (the first also counts). */
static gboolean
run_passes (LmUncertainty     *self,
            Pass              *pass,
            IndexResults     **results,
            guint              n_threads,
            GError           **error)
{
  const LmDrawPlan *plan = pass->plan;
  guint32 all = (guint32) ((G_GUINT64_CONSTANT (1) << lm_draw_plan_get_n_indices (plan)) - 1);
  g_autoptr(GArray) groups = NULL;
  gint done = 0;

  pass->elem = rank_size (plan);
  groups = group_passes (plan, self->sampler, self->n_draws, pass->elem);
  pass->done = &done;
  pass->total = self->n_draws * groups->len;
  pass->n_chunks = (self->n_draws + CHUNK_DRAWS - 1) / CHUNK_DRAWS;
  for (guint p = 0; p < groups->len; p++)
    {
      pass->store = g_array_index (groups, guint32, p);
      pass->compute = p == 0 ? all : pass->store;
      pass->count = p == 0;
      pass->next_chunk = 0;
      if (!allocate_ranks (pass, error))
        {
          free_ranks (pass);
          return FALSE;
        }
      run_threads (pass_worker, pass, n_threads);
      if (g_cancellable_set_error_if_cancelled (pass->cancellable, error))
        {
          free_ranks (pass);
          return FALSE;
        }
      take_percentiles (pass, results, n_threads);
      free_ranks (pass);
    }
  return TRUE;
}

LmUncertainty *
lm_uncertainty_run (LmDataset              *dataset,
                    LmWeightSampler        *sampler,
                    guint                   n_draws,
                    guint64                 seed,
                    guint                   n_threads,
                    GCancellable           *cancellable,
                    LmUncertaintyProgress   progress,
                    gpointer                user_data,
                    GError                **error)
{
  g_autoptr(LmUncertainty) self = NULL;
  g_autoptr(LmDrawPlan) plan = NULL;
  g_autoptr(LmDrawWork) centre = NULL;
  IndexResults **results;
  double *probability;
  Pass pass = { 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (LM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (sampler != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_draws < 1 || n_draws > LM_UNCERTAINTY_MAX_DRAWS)
    {
      g_set_error (error, LM_UNCERTAINTY_ERROR, LM_UNCERTAINTY_ERROR_DRAWS,
                   _("The number of weight draws must be from 1 to %u, not %u"),
                   LM_UNCERTAINTY_MAX_DRAWS, n_draws);
      return NULL;
    }
  plan = lm_draw_plan_new (dataset, sampler, error);
  if (plan == NULL)
    return NULL;
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, 256);

  self = g_object_new (LM_TYPE_UNCERTAINTY, NULL);
  self->dataset = g_object_ref (dataset);
  self->sampler = lm_weight_sampler_ref (sampler);
  self->n_draws = n_draws;
  self->seed = seed;
  self->rule_level = lm_draw_plan_get_rule_level (plan);

  /* The centre: what the weights themselves give, for what does not
   * vary and for the headline's "today". */
  centre = lm_draw_work_new (plan);
  lm_draw_plan_run (plan, centre, seed, LM_DRAW_CENTRE,
                    (guint32) ((G_GUINT64_CONSTANT (1) << lm_draw_plan_get_n_indices (plan)) - 1), TRUE);

  results = add_all_results (self, plan, &probability);
  pass.plan = plan;
  pass.seed = seed;
  pass.n_draws = n_draws;
  pass.top = new_counts (plan);
  pass.left_behind = g_new0 (guint32, self->rule_level != NULL ? MAX (self->rule_level->n_areas, 1) : 1);
  pass.cancellable = cancellable;
  pass.progress = progress;
  pass.progress_data = user_data;
  g_mutex_init (&pass.lock);

  ok = run_passes (self, &pass, results, n_threads, error);
  if (ok)
    finish_results (self, plan, centre, results, &pass, probability);

  g_mutex_clear (&pass.lock);
  free_counts (plan, pass.top);
  g_free (pass.left_behind);
  free_all_results (plan, results);
  if (!ok)
    return NULL;
  self->elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* In the background                                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  LmDataset             *dataset;
  LmWeightSampler       *sampler;
  guint                  n_draws;
  guint64                seed;
  LmUncertaintyProgress  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
  GMainContext          *context;
  gint                   last_percent;   /* the run's threads */
  guint                  last_reported;  /* the caller's context */
} AsyncRun;

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ProgressReport;

static void
async_run_free (AsyncRun *run)
{
  g_object_unref (run->dataset);
  lm_weight_sampler_unref (run->sampler);
  if (run->progress_destroy != NULL)
    run->progress_destroy (run->progress_data);
  g_main_context_unref (run->context);
  g_free (run);
}

static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  AsyncRun *run = g_task_get_task_data (report->task);

  /* A thread can be overtaken between taking its percent and queueing
   * it: a report older than the last one shown is dropped here. */
  if (report->done <= run->last_reported)
    return G_SOURCE_REMOVE;
  run->last_reported = report->done;
  run->progress (report->done, report->total, run->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

/* From the run's threads: at most one report per percent reaches the
 * caller's context. Each holds the task, so the caller's data outlive
 * the reports still queued when the run ends. */
static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  GTask *task = user_data;
  AsyncRun *run = g_task_get_task_data (task);
  gint percent = (gint) ((guint64) done * 100 / MAX (total, 1));
  gint last = g_atomic_int_get (&run->last_percent);
  ProgressReport *report;

  if (percent <= last || !g_atomic_int_compare_and_exchange (&run->last_percent, last, percent))
    return;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, report_progress_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AsyncRun *run = task_data;
  GError *error = NULL;
  LmUncertainty *result = lm_uncertainty_run (run->dataset, run->sampler, run->n_draws, run->seed, 0,
                                              cancellable, run->progress != NULL ? async_progress : NULL,
                                              task, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
lm_uncertainty_run_async (LmDataset             *dataset,
                          LmWeightSampler       *sampler,
                          guint                  n_draws,
                          guint64                seed,
                          GCancellable          *cancellable,
                          LmUncertaintyProgress  progress,
                          gpointer               progress_data,
                          GDestroyNotify         progress_destroy,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncRun *run;

  g_return_if_fail (LM_IS_DATASET (dataset));
  g_return_if_fail (sampler != NULL);

  run = g_new0 (AsyncRun, 1);
  run->dataset = g_object_ref (dataset);
  run->sampler = lm_weight_sampler_ref (sampler);
  run->n_draws = n_draws;
  run->seed = seed;
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_destroy = progress_destroy;
  run->context = g_main_context_ref_thread_default ();
  run->last_percent = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lm_uncertainty_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) async_run_free);
  g_task_run_in_thread (task, run_thread);
}

LmUncertainty *
lm_uncertainty_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lm_uncertainty_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

LmDataset *
lm_uncertainty_get_dataset (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);
  return self->dataset;
}

LmWeightSampler *
lm_uncertainty_get_sampler (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);
  return self->sampler;
}

guint
lm_uncertainty_get_n_draws (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);
  return self->n_draws;
}

guint64
lm_uncertainty_get_seed (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);
  return self->seed;
}

double
lm_uncertainty_get_elapsed_ms (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);
  return self->elapsed_ms;
}

const double *
lm_uncertainty_lookup (LmUncertainty *self,
                       const char    *level_id,
                       const char    *variable_id)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);

  for (guint r = 0; r < self->results->len; r++)
    {
      Result *result = g_ptr_array_index (self->results, r);

      if (g_strcmp0 (result->level->id, level_id) == 0 && g_strcmp0 (result->id, variable_id) == 0)
        return result->values;
    }
  return NULL;
}

void
lm_uncertainty_apply (LmUncertainty *self)
{
  g_return_if_fail (LM_IS_UNCERTAINTY (self));

  for (guint r = 0; r < self->results->len; r++)
    {
      Result *result = g_ptr_array_index (self->results, r);
      LmVariable *variable = lm_level_ensure_variable (result->level, result->id, result->title,
                                                       result->unit);

      g_return_if_fail (variable != NULL);
      memcpy (variable->values, result->values, sizeof (double) * result->level->n_areas);
    }
}

LmLevel *
lm_uncertainty_get_rule_level (LmUncertainty *self)
{
  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);
  return self->rule_level;
}

guint
lm_uncertainty_count_left_behind (LmUncertainty *self)
{
  guint n = 0;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);

  for (guint a = 0; self->rule_level != NULL && a < self->rule_level->n_areas; a++)
    n += self->baseline[a] == 1;
  return n;
}

guint
lm_uncertainty_count_staying (LmUncertainty *self,
                              double         share)
{
  guint n = 0;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);

  for (guint a = 0; self->rule_level != NULL && a < self->rule_level->n_areas; a++)
    n += self->baseline[a] == 1 && self->probability[a] >= share;
  return n;
}

guint
lm_uncertainty_count_entering (LmUncertainty *self,
                               double         share)
{
  guint n = 0;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), 0);

  for (guint a = 0; self->rule_level != NULL && a < self->rule_level->n_areas; a++)
    n += self->baseline[a] == 0 && self->probability[a] >= share;
  return n;
}

char *
lm_uncertainty_describe (LmUncertainty *self)
{
  g_autofree char *sampler = NULL;
  g_autofree char *seed = NULL;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);

  sampler = lm_weight_sampler_describe (self->sampler);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, self->seed);
  /* Translators: "1000 weight draws, seed 42. Dirichlet draws around the
   * weights, medium spread (concentration 100)." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u weight draw, seed %s. %s.",
                                       "%u weight draws, seed %s. %s.", self->n_draws),
                          self->n_draws, seed, sampler);
}

char *
lm_uncertainty_describe_variable (LmUncertainty *self,
                                  LmLevel       *level,
                                  LmVariable    *variable)
{
  g_autofree char *description = NULL;
  g_autofree char *headline = NULL;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);

  if (level == NULL || variable == NULL || lm_uncertainty_lookup (self, level->id, variable->id) == NULL)
    return NULL;
  description = lm_uncertainty_describe (self);
  headline = lm_uncertainty_describe_headline (self);
  return g_strdup_printf ("%s%s%s%s", description, headline != NULL ? " " : "",
                          headline != NULL ? headline : "",
                          lm_weight_sampler_centre_is_current (self->sampler) ? ""
                          : _(" The draws were centred on other weights than these."));
}

char *
lm_uncertainty_describe_headline (LmUncertainty *self)
{
  LmLeftBehindRule *rule;
  g_autofree char *flagged = NULL;
  guint n, staying, entering;

  g_return_val_if_fail (LM_IS_UNCERTAINTY (self), NULL);

  if (self->rule_level == NULL)
    return NULL;
  rule = lm_dataset_get_left_behind_rule (self->dataset);
  flagged = g_utf8_strdown (rule->flag->title, -1);
  n = lm_uncertainty_count_left_behind (self);
  staying = lm_uncertainty_count_staying (self, LM_UNCERTAINTY_STAYING);
  entering = lm_uncertainty_count_entering (self, LM_UNCERTAINTY_ENTERING);
  /* Translators: "Of the 1262 LSOAs left behind at these weights, 1104
   * stay left behind in at least 90% of the draws; 352 others are left
   * behind in at least 10%." */
  return g_strdup_printf (_("Of the %u %s %s at these weights, %u stay %s in at least 90%% of the "
                            "draws; %u others are %s in at least 10%%."),
                          n, lm_level_get_plural (self->rule_level), flagged, staying, flagged,
                          entering, flagged);
}
