/* textdiff.h - a unified diff of two texts, line by line (`bdl fmt --diff`). */
#ifndef BDL_TEXTDIFF_H
#define BDL_TEXTDIFF_H

#include <stdio.h>

/* Writes a unified diff (3 lines of context) from a to b; nothing when they are equal. */
void unified_diff(FILE *out, const char *name_a, const char *a, size_t alen, const char *name_b,
                  const char *b, size_t blen);

#endif
