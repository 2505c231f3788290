/* arena.h - bump allocation for everything that lives as long as one compilation.
 * AST nodes, interned strings and per-column results are carved from an arena and
 * released together, so no node needs its own free. */
#ifndef BDL_ARENA_H
#define BDL_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;  /* the block being filled, then the earlier ones */
    size_t total;      /* bytes in the chain */
} Arena;

void arena_init(Arena *a);
void arena_release(Arena *a);
/* Zero-filled, aligned for any type; aborts only when the machine is out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* The same, aligned to `align` (a power of two up to 16) only: a tree of millions of small
 * nodes and strings would spend a tenth of its memory on padding to 16 bytes. */
void *arena_alloc_aligned(Arena *a, size_t size, size_t align);
/* Room for items[n] in an array of *cap elements of `elem` bytes in the arena (n <= *cap):
 * the array is extended in place when it is the latest allocation, else copied into one
 * twice as large (the old copy stays behind, freed with the arena). Returns the array. */
void *arena_grow_array(Arena *a, void *items, size_t elem, size_t align, uint32_t n, uint32_t *cap);
/* Gives `from`'s blocks to `into`, to be freed with it; `from` is left empty. */
void arena_adopt(Arena *into, Arena *from);
/* Strings are packed byte to byte. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);

#define ARENA_NEW(a, T) ((T *)arena_alloc_aligned((a), sizeof(T), _Alignof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc_aligned((a), sizeof(T) * (size_t)(n), _Alignof(T)))

/* Out-of-memory is the one failure we do not turn into a diagnostic. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
