/* lm-malloc-policy.h — how the process's allocator gives memory back
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <malloc.h>

/* glibc raises its mmap threshold to the size of any large block freed,
 * after which large blocks come from heaps that rarely shrink (one per
 * thread that allocates: the loader's, the map cache's renderers'). The
 * tables' buffers, freed after loading, then stayed resident beside the
 * pictures that followed, and a window's memory crept up with every
 * render. A fixed threshold returns every large block to the system
 * when it is freed: 5 MB less at the peak of a map export, and in a
 * scripted window session 95–111 MB at the ends of rounds instead of
 * 128–180 MB. The window (once its first data are shown) and the drawing
 * actions use this. */
static inline void
lm_malloc_return_large_blocks (void)
{
#ifdef M_MMAP_THRESHOLD
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  /* glibc's default, should lm_malloc_keep_freed_blocks() have raised it */
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

/* For a short action that draws nothing: its peak is while the tables
 * are read, and blocks freed then can serve the variables made after,
 * whose pages would otherwise each be mapped and zeroed afresh (a tenth
 * of the time of such an action). The process ends soon. The window
 * uses it too until its first data are shown. */
static inline void
lm_malloc_keep_freed_blocks (void)
{
#ifdef M_MMAP_THRESHOLD
  mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
}
