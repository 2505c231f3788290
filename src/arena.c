/* arena.c - a chain of large blocks; each allocation bumps a pointer. Blocks come zeroed
 * from calloc (fresh pages from the system cost no clearing) and are never reused, so an
 * allocation needs no memset of its own. Each block is twice the last, up to 2 MB.
 *
 * Faulting in a block's pages (the kernel allocates, zeroes and accounts each one) was a
 * quarter of a big compilation's time. Once an arena has grown large, it keeps one spare
 * block whose pages a helper thread asks the kernel for (MADV_POPULATE_WRITE, which leaves
 * the contents alone) while the current block is being filled: on a machine with a spare
 * core that work overlaps the compiler's own, and at most one block is resident ahead of
 * use. Where the advice or the thread is not available, pages are faulted in on first
 * touch as before. */
#define _DEFAULT_SOURCE /* madvise */
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 2 * 1024 * 1024, ARENA_ALIGN = 16 };
/* A spare block is kept once the arena holds this much: a small spec starts no helper. */
enum { PREFAULT_AFTER = 16 * 1024 * 1024, PREFAULT_STACK = 64 * 1024, PAGE = 4096 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    pthread_t prefault;
    bool prefaulting; /* joined before the block is used or freed */
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
    a->head = a->spare = NULL;
    a->total = 0;
}

static void *prefault_pages(void *block)
{
#ifdef MADV_POPULATE_WRITE
    ArenaBlock *b = block;
    uintptr_t start = ((uintptr_t)b->data + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t end = ((uintptr_t)b->data + b->cap) & ~(uintptr_t)(PAGE - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_POPULATE_WRITE); /* a hint: errors ignored */
#else
    (void)block;
#endif
    return NULL;
}

/* Starts the helper for a spare block; without it (no thread to be had) nothing is lost. */
static void start_prefault(ArenaBlock *b)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return;
    pthread_attr_setstacksize(&attr, PREFAULT_STACK);
    b->prefaulting = pthread_create(&b->prefault, &attr, prefault_pages, b) == 0;
    pthread_attr_destroy(&attr);
}

static void finish_prefault(ArenaBlock *b)
{
    if (b->prefaulting)
        pthread_join(b->prefault, NULL);
    b->prefaulting = false;
}

void arena_release(Arena *a)
{
    if (a->spare) { /* freed with the others */
        a->spare->next = a->head;
        a->head = a->spare;
    }
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        finish_prefault(b);
        free(b);
        b = next;
    }
    arena_init(a);
}

void arena_adopt(Arena *into, Arena *from)
{
    if (from->spare) { /* never used: not worth keeping resident */
        finish_prefault(from->spare);
        free(from->spare);
    }
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

/* The spare if it is big enough for `need` (its helper done), else a new block. */
static ArenaBlock *next_block(Arena *a, size_t need)
{
    size_t cap = a->head ? a->head->cap * 2 : ARENA_BLOCK; /* doubling up to the largest */
    if (cap > ARENA_BLOCK_MAX)
        cap = ARENA_BLOCK_MAX;
    ArenaBlock *b = a->spare;
    if (b && b->cap >= need) {
        a->spare = NULL;
        finish_prefault(b);
        return b;
    }
    return block_new(cap < need ? need : cap);
}

static ArenaBlock *arena_grow(Arena *a, size_t need)
{
    ArenaBlock *b = next_block(a, need);
    b->next = a->head;
    a->head = b;
    a->total += b->cap;
    if (!a->spare && a->total >= PREFAULT_AFTER) {
        a->spare = block_new(ARENA_BLOCK_MAX);
        start_prefault(a->spare);
    }
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
