/* explain.c - finding a code's section in the embedded docs/diagnostics.md. */
#include "diag/explain.h"

#include <stdio.h>
#include <string.h>

extern const char diagnostics_md[]; /* generated from docs/diagnostics.md */

/* The paragraph that starts with `lead` inside [from, to), up to the next blank line. */
static const char *paragraph(const char *from, const char *to, const char *lead, size_t *len)
{
    size_t n = strlen(lead);
    for (const char *p = from; p && p < to; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        if (p + n > to || strncmp(p, lead, n) != 0)
            continue;
        const char *start = p + n;
        while (*start == ' ')
            start++;
        const char *end = strstr(start, "\n\n");
        if (!end || end > to)
            end = to;
        while (end > start && (end[-1] == '\n' || end[-1] == ' '))
            end--; /* the last section ends with the file's newline */
        *len = (size_t)(end - start);
        return start;
    }
    *len = 0;
    return "";
}

int explain_find(const char *code, Explanation *out)
{
    char heading[32];
    size_t hn = (size_t)snprintf(heading, sizeof heading, "\n## %s:", code);
    const char *start = strstr(diagnostics_md, heading);
    if (!start || strlen(code) != 5)
        return 0;
    start++;
    const char *end = strstr(start + hn, "\n## ");
    if (!end)
        end = start + strlen(start);
    out->section = start;
    out->section_len = (size_t)(end - start);
    out->title = start + hn - 1;
    while (*out->title == ' ')
        out->title++;
    out->title_len = strcspn(out->title, "\n");
    out->title_zh = paragraph(start, end, "**中文：**", &out->title_zh_len);
    out->meaning = paragraph(start, end, "**What it means.**", &out->meaning_len);
    out->fix = paragraph(start, end, "**How to fix.**", &out->fix_len);
    return 1;
}
