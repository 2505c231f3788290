/* intern.h - one copy of every identifier, so names compare by pointer. */
#ifndef BDL_INTERN_H
#define BDL_INTERN_H

#include "base/arena.h"

#include <stdint.h>

typedef struct Interns {
    Arena *arena;
    const char **slots;
    uint32_t *hashes, *lens; /* beside each slot: its string's hash and length */
    size_t n, cap;
} Interns;

void interns_init(Interns *t, Arena *arena);
void interns_free(Interns *t);
const char *intern(Interns *t, const char *s, size_t len);

uint32_t hash_bytes(const void *p, size_t n);
uint32_t hash_ptr2(const void *a, const void *b);

#endif
