/* map.c - open addressing with linear probing; keys are never removed. */
#include "base/map.h"

#include "base/arena.h"
#include "base/intern.h"

#include <stdlib.h>
#include <string.h>

void map_free(Map *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static MapSlot *map_find(MapSlot *slots, size_t cap, const void *a, const void *b)
{
    size_t j = hash_ptr2(a, b) & (cap - 1);
    while (slots[j].a && !(slots[j].a == a && slots[j].b == b))
        j = (j + 1) & (cap - 1);
    return &slots[j];
}

void *map_get(const Map *m, const void *a, const void *b)
{
    if (!m->cap)
        return NULL;
    MapSlot *s = map_find(m->slots, m->cap, a, b);
    return s->a ? s->value : NULL;
}

static void map_grow(Map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    MapSlot *slots = xmalloc(cap * sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].a)
            *map_find(slots, cap, m->slots[i].a, m->slots[i].b) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

void *map_put(Map *m, const void *a, const void *b, void *value)
{
    if ((m->n + 1) * 4 >= m->cap * 3)
        map_grow(m);
    MapSlot *s = map_find(m->slots, m->cap, a, b);
    void *old = s->a ? s->value : NULL;
    if (!s->a) {
        s->a = a;
        s->b = b;
        m->n++;
    }
    s->value = value;
    return old;
}

void *map_first(Map *m, const void *scope, const char *name, void *it)
{
    void *first = map_get(m, scope, name);
    if (!first)
        map_put(m, scope, name, it);
    return first;
}
