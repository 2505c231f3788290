/* explain.h - the explanations of diagnostic codes, from docs/diagnostics.md embedded
 * in the binary at build time (`bdl explain CODE`, SARIF rule descriptions). */
#ifndef BDL_EXPLAIN_H
#define BDL_EXPLAIN_H

#include <stddef.h>

typedef struct Explanation {
    const char *section; /* the whole "## CODE: title" section, as Markdown */
    size_t section_len;
    const char *title;   /* "stated total does not match its items" */
    size_t title_len;
    const char *meaning; /* the "What it means." paragraph */
    size_t meaning_len;
    const char *fix;     /* the "How to fix." paragraph */
    size_t fix_len;
} Explanation;

/* False when the code has no section. */
int explain_find(const char *code, Explanation *out);

#endif
