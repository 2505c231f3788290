/* fuzz_parse.c - the scanner and the parser alone: any bytes must give a Program and
 * diagnostics, never a crash, a hang or a leak. Every diagnostic is kept (no
 * --max-errors), and the raw token stream the formatter reads is walked as well. */
#include "fuzz.h"

#include "lexer.h"
#include "parse.h"
#include "parser.h"

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

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Arena arena, items;
    Interns interns;
    SourceSet sources = {0};
    Diags diags;
    arena_init(&arena);
    arena_init(&items);
    interns_init(&interns, &arena);
    diags_init(&diags, &sources);
    uint32_t file = sources_add(&sources, source_from_string("fuzz.bdl", (const char *)data, size));
    parse_file(&sources, file, &arena, &items, &interns, &diags);
    diags_finish(&diags);
    check_spans(&diags, sources.items[file]);
    raw_tokens(sources.items[file]);
    diags_free(&diags);
    sources_free(&sources);
    interns_free(&interns);
    arena_release(&items);
    arena_release(&arena);
    return 0;
}
