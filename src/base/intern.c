/* intern.c - an open-addressing set of strings owned by the compilation's arena. */
#include "base/intern.h"

#include <stdlib.h>
#include <string.h>

uint32_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h;
}

uint32_t hash_ptr2(const void *a, const void *b)
{
    uint64_t x = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15ull;
    x ^= (uint64_t)(uintptr_t)b + 0x632BE59BD9B4E019ull + (x << 6) + (x >> 2);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(x ^ (x >> 29));
}

void interns_init(Interns *t, Arena *arena)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
}

void interns_free(Interns *t)
{
    free(t->slots);
    free(t->hashes);
    free(t->lens);
    memset(t, 0, sizeof *t);
}

static void interns_grow(Interns *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    const char **slots = xmalloc(cap * sizeof *slots);
    uint32_t *hashes = xmalloc(cap * sizeof *hashes), *lens = xmalloc(cap * sizeof *lens);
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i])
            continue;
        size_t j = t->hashes[i] & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
        hashes[j] = t->hashes[i];
        lens[j] = t->lens[i];
    }
    free(t->slots);
    free(t->hashes);
    free(t->lens);
    t->slots = slots;
    t->hashes = hashes;
    t->lens = lens;
    t->cap = cap;
}

const char *intern(Interns *t, const char *s, size_t len)
{
    if ((t->n + 1) * 4 >= t->cap * 3)
        interns_grow(t);
    uint32_t h = hash_bytes(s, len);
    size_t j = h & (t->cap - 1);
    while (t->slots[j]) {
        if (t->hashes[j] == h && t->lens[j] == len && memcmp(t->slots[j], s, len) == 0)
            return t->slots[j];
        j = (j + 1) & (t->cap - 1);
    }
    t->slots[j] = arena_strndup(t->arena, s, len);
    t->hashes[j] = h;
    t->lens[j] = (uint32_t)len;
    t->n++;
    return t->slots[j];
}
