/* bench-reference.c — how fast the host runs a fixed piece of work now
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared virtual machines the benchmarks run on change speed by half
 * within a minute (the host's other guests), which moves every window
 * figure with it. window-frames.sh runs this before each start of the
 * window, so that a report can say how fast the host was: it prints
 *
 *   host_reference_ms: …   the median of 5 runs of a fixed job (writing
 *                          8 MB a cache line at a time and 200,000
 *                          multiply-adds, three times): about 3 ms on
 *                          the reference machine when it is quiet
 *
 * Nothing of Levelmap is run: only the host is measured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_RUNS 5
#define BUFFER_SIZE (8 << 20)

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The fixed job: memory traffic and arithmetic, as a frame has both. */
static double
run_job (unsigned char *buffer)
{
  volatile double sum = 0;

  for (int k = 0; k < 3; k++)
    {
      for (size_t i = 0; i < BUFFER_SIZE; i += 64)
        buffer[i]++;
      for (int j = 0; j < 200000; j++)
        sum += j * 0.5;
    }
  return sum;
}

int
main (void)
{
  unsigned char *buffer = calloc (1, BUFFER_SIZE);
  double ms[N_RUNS];

  if (buffer == NULL)
    return 1;
  run_job (buffer);   /* the pages faulted in once, not timed */
  for (int i = 0; i < N_RUNS; i++)
    {
      double start = thread_cpu_ms ();

      run_job (buffer);
      ms[i] = thread_cpu_ms () - start;
    }
  qsort (ms, N_RUNS, sizeof ms[0], compare_doubles);
  printf ("host_reference_ms: %.2f\n", ms[N_RUNS / 2]);
  free (buffer);
  return 0;
}
