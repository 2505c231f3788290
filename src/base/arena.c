/* arena.c - a chain of large blocks; each allocation bumps a pointer. Blocks come zeroed
 * from calloc (fresh pages from the system cost no clearing) and are never reused, so an
 * allocation needs no memset of its own. Each block is twice the last, up to 2 MB. */
#include "base/arena.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 2 * 1024 * 1024, ARENA_ALIGN = 16 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("bdl: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("bdl: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void arena_release(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

void arena_adopt(Arena *into, Arena *from)
{
    ArenaBlock *tail = from->head;
    while (tail && tail->next)
        tail = tail->next;
    if (tail && into->head) { /* after the block `into` is filling, which stays first */
        tail->next = into->head->next;
        into->head->next = from->head;
    } else if (tail) {
        into->head = from->head;
    }
    into->total += from->total;
    arena_init(from);
}

static ArenaBlock *block_new(size_t cap)
{
    ArenaBlock *b = calloc(1, sizeof *b + cap);
    if (!b) {
        fputs("bdl: out of memory\n", stderr);
        exit(2);
    }
    b->cap = cap;
    return b;
}

static ArenaBlock *arena_grow(Arena *a, size_t need)
{
    size_t cap = a->head ? a->head->cap * 2 : ARENA_BLOCK; /* doubling up to the largest */
    if (cap > ARENA_BLOCK_MAX)
        cap = ARENA_BLOCK_MAX;
    ArenaBlock *b = block_new(cap < need ? need : cap);
    b->next = a->head;
    a->head = b;
    a->total += b->cap;
    return b;
}

void *arena_alloc_aligned(Arena *a, size_t size, size_t align)
{
    ArenaBlock *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < size) {
        b = arena_grow(a, size); /* a new block's data is aligned for any type */
        at = 0;
    }
    b->used = at + size;
    return b->data + at;
}

/* Grows the latest allocation in place when its block has room: an array appended to with
 * nothing allocated in between (a line's values, a path's names) takes no more than it needs. */
static bool extend_in_place(Arena *a, const void *p, size_t size, size_t grown)
{
    ArenaBlock *b = a->head;
    if (!b || (const unsigned char *)p + size != b->data + b->used || grown - size > b->cap - b->used)
        return false;
    b->used += grown - size;
    return true;
}

void *arena_grow_array(Arena *a, void *items, size_t elem, size_t align, uint32_t n, uint32_t *cap)
{
    if (items && extend_in_place(a, items, *cap * elem, (*cap + 1) * elem)) {
        *cap += 1;
        return items;
    }
    uint32_t grown = *cap ? 2 * *cap : 1;
    void *p = arena_alloc_aligned(a, grown * elem, align);
    if (n)
        memcpy(p, items, n * elem);
    *cap = grown;
    return p;
}

void *arena_alloc(Arena *a, size_t size)
{
    return arena_alloc_aligned(a, size, ARENA_ALIGN);
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_aligned(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
