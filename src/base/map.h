/* map.h - a hash map from a pair of pointers to a pointer. Names are interned, so
 * (scope, name) pairs identify siblings and bare names without string compares. */
#ifndef BDL_MAP_H
#define BDL_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct MapSlot {
    const void *a, *b;
    void *value;
} MapSlot;

typedef struct Map {
    MapSlot *slots;
    size_t n, cap;
} Map;

void map_free(Map *m);
void *map_get(const Map *m, const void *a, const void *b);
/* Inserts or replaces; returns the previous value (NULL if none). */
void *map_put(Map *m, const void *a, const void *b, void *value);
/* The first thing put under (scope, name), or NULL after recording `it` as the first:
 * duplicates found through a map, never by comparing each with all before it. */
void *map_first(Map *m, const void *scope, const char *name, void *it);

#endif
