/* strmatch.h - many strings found in one pass over a text (Aho-Corasick): the text is fed
 * byte by byte, and after each byte the longest of the strings that ends there is known.
 * Building costs the strings' total length, feeding a byte a constant on average, so
 * finding n strings in a text of m bytes is O(n + m) however the strings overlap.
 * The matcher owns its tables; the values are the caller's. */
#ifndef BDL_STRMATCH_H
#define BDL_STRMATCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct MatchNode MatchNode;
typedef struct MatchSlot MatchSlot;

typedef struct Matcher {
    MatchNode *nodes; /* nodes[0] is the root; a state is a node's index */
    size_t n, cap;
    MatchSlot *slots; /* (node, byte) -> child: open addressing */
    size_t nslots, capslots;
    void **values;    /* the strings' values, in the order first added */
    size_t nvalues, capvalues;
} Matcher;

enum { MATCH_START = 0 }; /* the state before any byte */

/* Adds a string (not empty) and the value it stands for; a string added twice keeps its
 * first value. Strings are added before matcher_build. */
void matcher_add(Matcher *m, const char *s, size_t n, void *value);
/* Links the strings for matching; call once, after the last matcher_add. */
void matcher_build(Matcher *m);
/* The state after one more byte of the text. */
uint32_t matcher_step(const Matcher *m, uint32_t state, unsigned char byte);
/* The value of the longest string that ends at this state (its length in *len), or NULL. */
void *matcher_longest(const Matcher *m, uint32_t state, size_t *len);
void matcher_free(Matcher *m);

#endif
