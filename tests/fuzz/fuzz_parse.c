/* fuzz_parse.c - the scanner and the parser alone: any bytes must give a Program and
 * diagnostics, never a crash, a hang or a leak. Every diagnostic is kept (no
 * --max-errors), and the raw token stream the formatter reads is walked as well. */
#include "fuzz.h"

#include "syntax/lexer.h"
#include "syntax/parse.h"
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

/* One parse of the input, its diagnostics sorted. */
typedef struct Parse {
    Arena arena;
    Interns interns;
    SourceSet sources;
    Diags diags;
    Program *program;
} Parse;

static void parse_open(Parse *p, const unsigned char *data, size_t size)
{
    *p = (Parse){0};
    arena_init(&p->arena);
    interns_init(&p->interns, &p->arena);
    diags_init(&p->diags, &p->sources);
    uint32_t file = sources_add(&p->sources, source_from_string("fuzz.bdl", (const char *)data, size));
    p->program = parse_file(NULL, &p->sources, file, &p->arena, &p->interns, &p->diags, false);
    diags_finish(&p->diags);
}

static void parse_close(Parse *p)
{
    program_free(p->program);
    diags_free(&p->diags);
    sources_free(&p->sources);
    interns_free(&p->interns);
    arena_release(&p->arena);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Parse parse;
    parse_open(&parse, data, size);
    Source *src = parse.sources.items[0];
    check_spans(&parse.diags, src);
    raw_tokens(src);
    parse_close(&parse);
    return 0;
}
