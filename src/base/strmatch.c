/* strmatch.c - Aho-Corasick: a trie of the strings, whose (node, byte) edges live in one
 * hash table, with failure links (the longest proper suffix of a node's string that is
 * also in the trie) and output links (the longest whole string among its suffixes). */
#include "base/strmatch.h"

#include "base/arena.h"
#include "base/vec.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { NO_NODE = UINT32_MAX };

struct MatchNode {
    uint32_t fail, out, depth;
    uint32_t value; /* 1 + index in values for a whole string; 0 for a prefix */
};

struct MatchSlot {
    uint32_t parent_plus1; /* 0: empty */
    uint32_t child;
    unsigned char byte;
};

/* A trie edge, listed while building. */
typedef struct Edge {
    uint32_t parent, child;
    unsigned char byte;
} Edge;

static size_t slot_of(const Matcher *m, uint32_t parent, unsigned char byte)
{
    uint64_t h = ((uint64_t)parent << 8 | byte) * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 32) & (m->capslots - 1);
    while (m->slots[i].parent_plus1 &&
           !(m->slots[i].parent_plus1 == parent + 1 && m->slots[i].byte == byte))
        i = (i + 1) & (m->capslots - 1);
    return i;
}

static uint32_t child_of(const Matcher *m, uint32_t parent, unsigned char byte)
{
    if (!m->capslots)
        return NO_NODE;
    const MatchSlot *s = &m->slots[slot_of(m, parent, byte)];
    return s->parent_plus1 ? s->child : NO_NODE;
}

static void grow_slots(Matcher *m)
{
    MatchSlot *old = m->slots;
    size_t oldcap = m->capslots;
    m->capslots = oldcap ? 2 * oldcap : 64;
    m->slots = xmalloc(m->capslots * sizeof *m->slots);
    memset(m->slots, 0, m->capslots * sizeof *m->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].parent_plus1)
            m->slots[slot_of(m, old[i].parent_plus1 - 1, old[i].byte)] = old[i];
    free(old);
}

static uint32_t new_node(Matcher *m, uint32_t depth)
{
    VEC_GROW(m->nodes, m->n, m->cap);
    m->nodes[m->n] = (MatchNode){0, NO_NODE, depth, 0};
    return (uint32_t)m->n++;
}

static uint32_t add_child(Matcher *m, uint32_t parent, unsigned char byte)
{
    uint32_t child = new_node(m, m->nodes[parent].depth + 1);
    if ((m->nslots + 1) * 4 >= m->capslots * 3)
        grow_slots(m);
    m->slots[slot_of(m, parent, byte)] = (MatchSlot){parent + 1, child, byte};
    m->nslots++;
    return child;
}

void matcher_add(Matcher *m, const char *s, size_t n, void *value)
{
    if (n == 0)
        return;
    if (!m->n)
        new_node(m, 0);
    uint32_t at = MATCH_START;
    for (size_t i = 0; i < n; i++) {
        uint32_t next = child_of(m, at, (unsigned char)s[i]);
        at = next != NO_NODE ? next : add_child(m, at, (unsigned char)s[i]);
    }
    if (m->nodes[at].value)
        return; /* the first value stays */
    VEC_GROW(m->values, m->nvalues, m->capvalues);
    m->values[m->nvalues++] = value;
    m->nodes[at].value = (uint32_t)m->nvalues;
}

/* Edges sorted by the depth of their child: a node's failure link is shorter than it, so
 * links set in this order only ever look at nodes already linked. */
static Edge *edges_by_depth(const Matcher *m)
{
    size_t *start = xmalloc((m->n + 1) * sizeof *start);
    memset(start, 0, (m->n + 1) * sizeof *start);
    for (size_t i = 0; i < m->capslots; i++)
        if (m->slots[i].parent_plus1)
            start[m->nodes[m->slots[i].child].depth]++;
    for (size_t d = 0, sum = 0; d <= m->n; d++) {
        size_t k = start[d];
        start[d] = sum;
        sum += k;
    }
    Edge *edges = xmalloc((m->nslots ? m->nslots : 1) * sizeof *edges);
    for (size_t i = 0; i < m->capslots; i++) {
        const MatchSlot *s = &m->slots[i];
        if (s->parent_plus1)
            edges[start[m->nodes[s->child].depth]++] = (Edge){s->parent_plus1 - 1, s->child, s->byte};
    }
    free(start);
    return edges;
}

void matcher_build(Matcher *m)
{
    if (!m->n)
        new_node(m, 0);
    Edge *edges = edges_by_depth(m);
    for (size_t i = 0; i < m->nslots; i++) {
        MatchNode *v = &m->nodes[edges[i].child];
        uint32_t parent = edges[i].parent;
        v->fail = parent == MATCH_START ? MATCH_START : matcher_step(m, m->nodes[parent].fail, edges[i].byte);
        v->out = v->value ? edges[i].child : m->nodes[v->fail].out;
    }
    free(edges);
}

uint32_t matcher_step(const Matcher *m, uint32_t state, unsigned char byte)
{
    for (;;) {
        uint32_t next = child_of(m, state, byte);
        if (next != NO_NODE)
            return next;
        if (state == MATCH_START)
            return MATCH_START;
        state = m->nodes[state].fail;
    }
}

void *matcher_longest(const Matcher *m, uint32_t state, size_t *len)
{
    uint32_t out = m->n ? m->nodes[state].out : NO_NODE;
    if (out == NO_NODE)
        return NULL;
    *len = m->nodes[out].depth;
    return m->values[m->nodes[out].value - 1];
}

void matcher_free(Matcher *m)
{
    free(m->nodes);
    free(m->slots);
    free(m->values);
    memset(m, 0, sizeof *m);
}
