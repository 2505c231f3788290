/* vec.h - the one way an array grows here: doubling, so n appends cost O(n) copies.
 * An array is three variables, (items, n, cap); its owner frees it (or its arena does). */
#ifndef BDL_VEC_H
#define BDL_VEC_H

#include "base/arena.h"

#include <string.h>

enum { VEC_FIRST_CAP = 8 };

/* Makes room for items[n] in a heap array (xrealloc: out of memory ends the run). */
#define VEC_GROW(items, n, cap)                                                   \
    do {                                                                          \
        if ((n) >= (cap)) {                                                       \
            (cap) = (cap) ? 2 * (cap) : VEC_FIRST_CAP;                            \
            (items) = xrealloc((items), (size_t)(cap) * sizeof *(items));         \
        }                                                                         \
    } while (0)

/* The same for an array in an arena (cap a uint32_t): see arena_grow_array. */
#define ARENA_GROW(arena, items, n, cap)                                                  \
    do {                                                                                  \
        if ((n) >= (cap))                                                                 \
            (items) = arena_grow_array((arena), (items), sizeof *(items),                 \
                                       _Alignof(__typeof__(*(items))), (n), &(cap));      \
    } while (0)

#endif
