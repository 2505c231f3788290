/* fuzz_parse.c - the scanner and the parser alone: any bytes must give a Program and
 * diagnostics, never a crash, a hang or a leak. Every diagnostic is kept (no
 * --max-errors), and the raw token stream the formatter reads is walked as well. Each
 * input is parsed twice, the second time with the scanner on a reader thread, and both
 * parses must report the same. */
#include "fuzz.h"

#include "lexer.h"
#include "parse.h"
#include "parser.h"

#include <stdint.h>
#include <string.h>

typedef struct RawWalk {
    const Source *src;
    uint32_t end; /* where the previous token ended */
} RawWalk;

static void raw_token(void *walk, int kind, Span at)
{
    RawWalk *w = walk;
    (void)kind;
    if (at.start < w->end || at.end < at.start || at.end > w->src->len)
        fuzz_fail("raw token spans out of order or outside the source", NULL, 0);
    w->end = at.end;
}

/* The formatter's view: every token, comments and newlines included, spans in order. */
static void raw_tokens(Source *src)
{
    RawWalk w = {src, 0};
    lexer_each_raw(src, raw_token, &w);
}

static void check_spans(const Diags *d, const Source *src)
{
    for (size_t i = 0; i < d->n; i++) {
        Span s = d->items[i]->span;
        if (s.start > s.end || s.end > src->len)
            fuzz_fail("diagnostic span outside the source", d->items[i]->message, strlen(d->items[i]->message));
    }
}

/* One parse of the input, its diagnostics sorted; read_ahead_min as parse_file takes it. */
typedef struct Parse {
    Arena arena, items;
    Interns interns;
    SourceSet sources;
    Diags diags;
} Parse;

static void parse_open(Parse *p, const unsigned char *data, size_t size, size_t read_ahead_min)
{
    *p = (Parse){0};
    arena_init(&p->arena);
    arena_init(&p->items);
    interns_init(&p->interns, &p->arena);
    diags_init(&p->diags, &p->sources);
    uint32_t file = sources_add(&p->sources, source_from_string("fuzz.bdl", (const char *)data, size));
    parse_file(&p->sources, file, &p->arena, &p->items, &p->interns, &p->diags, read_ahead_min);
    diags_finish(&p->diags);
}

static void parse_close(Parse *p)
{
    diags_free(&p->diags);
    sources_free(&p->sources);
    interns_free(&p->interns);
    arena_release(&p->items);
    arena_release(&p->arena);
}

/* The reader thread (readahead.h) changes nothing a parse reports. */
static void same_diagnostics(const Diags *a, const Diags *b, const unsigned char *data, size_t size)
{
    bool same = a->n == b->n && a->errors == b->errors && a->warnings == b->warnings;
    for (size_t i = 0; same && i < a->n; i++) {
        const Diag *x = a->items[i], *y = b->items[i];
        same = strcmp(x->code, y->code) == 0 && x->span.start == y->span.start && x->span.end == y->span.end &&
               strcmp(x->message, y->message) == 0;
    }
    if (!same)
        fuzz_fail("the reader thread changed the diagnostics", (const char *)data, size);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Parse serial, ahead;
    parse_open(&serial, data, size, SIZE_MAX);
    parse_open(&ahead, data, size, 0);
    Source *src = serial.sources.items[0];
    check_spans(&serial.diags, src);
    same_diagnostics(&serial.diags, &ahead.diags, data, size);
    raw_tokens(src);
    parse_close(&ahead);
    parse_close(&serial);
    return 0;
}
