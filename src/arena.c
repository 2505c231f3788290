/* arena.c - a chain of large blocks; each allocation bumps a pointer. Blocks come zeroed
 * from calloc (fresh pages from the system cost no clearing) and are never reused, so an
 * allocation needs no memset of its own. Each block is twice the last, up to 16 MB: pages
 * of a block not yet used are not resident, so the growth costs address space only.
 *
 * Faulting in a large block's pages (the kernel allocates, zeroes and accounts each one)
 * was a quarter of a big compilation's time. A helper thread asks the kernel to do it
 * ahead of use (MADV_POPULATE_WRITE, which leaves the contents alone), so on a machine
 * with a spare core that work overlaps the compiler's own. Where the advice or the thread
 * is not available, the pages are faulted in on first touch as before. */
#define _DEFAULT_SOURCE /* madvise */
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 16 * 1024 * 1024, ARENA_ALIGN = 16 };
/* Smaller blocks are not worth a thread: a small spec starts no helper at all. */
enum { PREFAULT_MIN = 1024 * 1024, PREFAULT_STACK = 64 * 1024, PAGE = 4096 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    pthread_t prefault;
    bool prefaulting; /* joined before the block is freed */
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

/* Starts the helper for a new block; without it (no thread to be had) nothing is lost. */
static void start_prefault(ArenaBlock *b)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return;
    pthread_attr_setstacksize(&attr, PREFAULT_STACK);
    b->prefaulting = pthread_create(&b->prefault, &attr, prefault_pages, b) == 0;
    pthread_attr_destroy(&attr);
}

void arena_release(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        if (b->prefaulting)
            pthread_join(b->prefault, NULL);
        free(b);
        b = next;
    }
    a->head = NULL;
}

static ArenaBlock *arena_grow(Arena *a, size_t need)
{
    size_t cap = ARENA_BLOCK;
    if (a->head && a->head->cap < ARENA_BLOCK_MAX)
        cap = a->head->cap * 2;
    if (cap < need)
        cap = need;
    ArenaBlock *b = calloc(1, sizeof *b + cap);
    if (!b) {
        fputs("bdl: out of memory\n", stderr);
        exit(2);
    }
    b->next = a->head;
    b->cap = cap;
    a->head = b;
    if (cap >= PREFAULT_MIN)
        start_prefault(b);
    return b;
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < size)
        b = arena_grow(a, size);
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
