/* diag.c - collecting, ordering and counting diagnostics. */
#include "diag/diag.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/vec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Messages quote names and source text, which may be megabytes long. Each text of a
 * diagnostic keeps at most MAX_DIAG_TEXT characters that are not white space, and each run
 * of white space is shown as one space; a cut is marked "…". Counting only the others
 * cuts texts that differ in spacing alone (a claim before and after bdl fmt) at the same
 * place, and keeps the output bounded by --max-errors whatever the input. */
enum { MAX_DIAG_TEXT = 1000 };

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static char *diag_text(const char *fmt, va_list ap)
{
    char *s = str_vprintf(fmt, ap);
    size_t kept = 0, o = 0, i = 0;
    for (; s[i]; i++) {
        bool blank = is_blank(s[i]), inside_char = ((unsigned char)s[i] & 0xC0) == 0x80;
        if (!blank && !inside_char && kept == MAX_DIAG_TEXT)
            break;
        if (!(blank && o > 0 && s[o - 1] == ' '))
            s[o++] = blank ? ' ' : s[i];
        kept += !blank && !inside_char;
    }
    if (!s[i]) {
        s[o] = '\0';
        return s;
    }
    s = xrealloc(s, o + 4);
    memcpy(s + o, "\xE2\x80\xA6", 4); /* "…" and the NUL */
    return s;
}

/* Reports past the error limit land here; it is reset each time. */
static Diag dropped;

void diags_init(Diags *d, SourceSet *sources)
{
    memset(d, 0, sizeof *d);
    d->sources = sources;
}

static void diag_clear(Diag *g)
{
    free(g->message);
    free(g->message_zh);
    free(g->primary_label);
    for (size_t i = 0; i < g->nlabels; i++)
        free(g->labels[i].text);
    free(g->labels);
    for (size_t i = 0; i < g->nnotes; i++)
        free(g->notes[i]);
    free(g->notes);
    free(g->help);
    free(g->fix.text);
    memset(g, 0, sizeof *g);
}

void diags_free(Diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        diag_clear(d->items[i]);
        free(d->items[i]);
    }
    free(d->items);
    diag_clear(&dropped);
    d->items = NULL;
    d->n = d->cap = 0;
}

const char *severity_word(Severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static size_t *count_of(Diags *d, Severity sev)
{
    return sev == SEV_ERROR ? &d->errors : sev == SEV_WARNING ? &d->warnings : &d->notes;
}

/* Errors, warnings and notes are each kept up to the limit, so a flood stays bounded. */
static bool keep(Diags *d, Severity sev)
{
    return !d->max_errors || *count_of(d, sev) < d->max_errors;
}

Diag *diag_report(Diags *d, Severity sev, const char *code, Span span, const char *fmt, ...)
{
    bool kept = keep(d, sev);
    if (kept)
        (*count_of(d, sev))++;
    Diag *g = &dropped;
    diag_clear(&dropped);
    if (kept) {
        VEC_GROW(d->items, d->n, d->cap);
        g = xmalloc(sizeof *g);
        memset(g, 0, sizeof *g);
        g->seq = d->n;
        d->items[d->n++] = g;
    }
    g->severity = sev;
    g->code = code;
    g->span = span;
    va_list ap;
    va_start(ap, fmt);
    g->message = diag_text(fmt, ap);
    va_end(ap);
    return g;
}

void diag_label(Diag *g, Span span, const char *fmt, ...)
{
    VEC_GROW(g->labels, g->nlabels, g->caplabels);
    va_list ap;
    va_start(ap, fmt);
    g->labels[g->nlabels++] = (DiagLabel){span, diag_text(fmt, ap)};
    va_end(ap);
}

/* The texts a Diag holds one of: a second call replaces the first. */
static void replace_text(char **text, const char *fmt, va_list ap)
{
    free(*text);
    *text = diag_text(fmt, ap);
}

void diag_primary(Diag *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    replace_text(&g->primary_label, fmt, ap);
    va_end(ap);
}

void diag_note(Diag *g, const char *fmt, ...)
{
    VEC_GROW(g->notes, g->nnotes, g->capnotes);
    va_list ap;
    va_start(ap, fmt);
    g->notes[g->nnotes++] = diag_text(fmt, ap);
    va_end(ap);
}

void diag_help(Diag *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    replace_text(&g->help, fmt, ap);
    va_end(ap);
}

void diag_zh(Diag *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    replace_text(&g->message_zh, fmt, ap);
    va_end(ap);
}

void diag_fix(Diag *g, Span span, const char *text)
{
    free(g->fix.text);
    g->fix = (DiagFix){span, xstrdup(text)};
}

static int cmp_diag(const void *pa, const void *pb)
{
    const Diag *a = *(Diag *const *)pa, *b = *(Diag *const *)pb;
    if (a->span.file != b->span.file)
        return a->span.file < b->span.file ? -1 : 1;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same_diag(const Diag *a, const Diag *b)
{
    return a->span.file == b->span.file && a->span.start == b->span.start &&
           a->span.end == b->span.end && strcmp(a->code, b->code) == 0 &&
           strcmp(a->message, b->message) == 0;
}

void diags_finish(Diags *d)
{
    if (d->n > 1)
        qsort(d->items, d->n, sizeof *d->items, cmp_diag);
    size_t out = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (out > 0 && same_diag(d->items[out - 1], d->items[i])) {
            (*count_of(d, d->items[i]->severity))--;
            diag_clear(d->items[i]);
            free(d->items[i]);
            continue;
        }
        d->items[out++] = d->items[i];
    }
    d->n = out;
}

const char *diag_place(const Diags *d, const Diag *g)
{
    const char *place = d->sources->items[g->span.file]->place;
    return place && *place ? place : NULL;
}

size_t diags_failures(const Diags *d)
{
    return d->errors + (d->werror ? d->warnings : 0);
}

bool diags_syntax_errors(const Diags *d)
{
    if (d->scan_stopped)
        return true; /* the rest of the text was never read: it may hold any error */
    for (size_t i = 0; i < d->n; i++) {
        const char *code = d->items[i]->code;
        if (d->items[i]->span.file != 0)
            continue; /* an imported file's errors do not stop the main file's layout */
        if (d->items[i]->severity == SEV_ERROR && code[0] == 'E' && code[1] == '0' &&
            (code[2] == '1' || code[2] == '2'))
            return true;
    }
    return false;
}

void diag_overflow(Diags *d, Span at, NumStatus st)
{
    if (st == NUM_DIV_ZERO) {
        diag_zh(diag_report(d, SEV_ERROR, "E0405", at, "division by zero"), "除数为零");
        return;
    }
    Diag *g = diag_report(d, SEV_ERROR, "E0404", at, "arithmetic overflow: the exact result does not fit in 128 bits");
    diag_note(g, "BDL never rounds or wraps an amount; split the figure or use a larger unit");
    diag_zh(g, "算术溢出：精确结果超出 128 位；金额从不舍入或截断，请拆分该数或改用更大的单位");
}
