/* explain.h - the explanations of diagnostic codes, from docs/diagnostics.md embedded
 * in the binary at build time (`bdl explain CODE`, SARIF rule descriptions, the Chinese
 * titles a zh-CN page shows). */
#ifndef BDL_EXPLAIN_H
#define BDL_EXPLAIN_H

#include <stddef.h>

typedef struct Explanation {
    const char *section; /* the whole "## CODE: title" section, as Markdown */
    size_t section_len;
    const char *title;   /* "stated total does not match its items" */
    size_t title_len;
    const char *title_zh; /* "合计与明细之和不符": the "**中文：**" line under the heading */
    size_t title_zh_len;
    const char *meaning; /* the "What it means." paragraph */
    size_t meaning_len;
    const char *fix;     /* the "How to fix." paragraph */
    size_t fix_len;
} Explanation;

/* False when the code has no section. The texts point into the embedded page (never freed);
 * a part the section lacks is "" with length 0. */
int explain_find(const char *code, Explanation *out);

#endif
