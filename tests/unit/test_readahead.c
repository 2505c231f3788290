/* test_readahead.c - the reader thread (readahead.h) hands the parser exactly the tokens
 * its own scanner would read, stops before the first diagnostic and when the parser is
 * done, and a compilation reports the same with and without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"
#include "compile.h"
#include "lexer.h"
#include "parser.h"
#include "readahead.h"

#include <stdlib.h>
#include <string.h>

/* Enough tokens (11 a line, 15 every fifth) to go round the reader's ring several times. */
enum { LINES = 20000 };

/* `lines` line items, every fifth with a string read piece by piece (escapes), a
 * percentage and a number too wide for 64 bits; when bad_at is below lines, that line
 * holds a '$' (E0109). */
static char *spec_text(unsigned lines, unsigned bad_at, size_t *len)
{
    Buf b = {0};
    for (unsigned i = 0; i < lines; i++)
        buf_printf(&b, "item_%u \"标签%u\" %u.%02u, -%u code 301%02u note \"n\"%s%s\n", i, i % 7, i, i % 100, i,
                   i % 100, i % 5 ? "" : " note \"转\\\"义\\n\" 12.5% 123456789012345678901234567.5",
                   i == bad_at ? " $" : "");
    *len = b.len;
    return buf_take(&b);
}

typedef struct Tok {
    int kind;
    Span at;
    YYSTYPE value;
} Tok;

typedef struct Scan {
    Source *src;
    SourceSet sources;
    Arena arena;
    Interns interns;
    Diags diags;
    LexState st;
} Scan;

static void scan_open(Scan *s, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->src = source_from_string("t.bdl", text, len);
    sources_add(&s->sources, s->src);
    arena_init(&s->arena);
    interns_init(&s->interns, &s->arena);
    diags_init(&s->diags, &s->sources);
    s->st = (LexState){.src = s->src, .arena = &s->arena, .interns = &s->interns, .diags = &s->diags};
}

static void scan_close(Scan *s)
{
    diags_free(&s->diags);
    interns_free(&s->interns);
    arena_release(&s->arena);
    sources_free(&s->sources);
}

/* Every token this thread's scanner reads from `from` on, up to the end or a diagnostic. */
static Tok *serial_tokens(Scan *s, uint32_t from, size_t *n)
{
    yyscan_t scanner = from ? lexer_open_range(&s->st, from, (uint32_t)s->src->len, 0) : lexer_open(&s->st);
    assert_non_null(scanner);
    Tok *toks = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n == cap)
            toks = realloc(toks, (cap = cap ? cap * 2 : 1024) * sizeof *toks);
        Tok *t = &toks[*n];
        t->kind = lexer_next_raw(scanner, &t->value, &t->at);
        if (t->kind == 0 || s->diags.n)
            break;
        (*n)++;
    }
    lexer_close(&s->st, scanner);
    return toks;
}

static void assert_same_token(const Tok *want, int kind, Span at, const YYSTYPE *value)
{
    assert_int_equal(kind, want->kind);
    assert_int_equal(at.start, want->at.start);
    assert_int_equal(at.end, want->at.end);
    if (kind == IDENT)
        assert_string_equal(value->name, want->value.name);
    else if (kind == STRING)
        assert_string_equal(value->text, want->value.text);
    else if (kind == NUMBER) {
        assert_int_equal(num_cmp(packed_num(value->num.value), packed_num(want->value.num.value)), 0);
        assert_int_equal(value->num.decimals, want->value.num.decimals);
    }
}

/* Takes tokens from a reader over `text` and checks each against the serial scan, the
 * names interned in the parser's set. Returns where the reader stopped (UINT32_MAX: it read
 * to the end) and how many tokens it handed over. */
static uint32_t compare_reader(const char *text, size_t len, size_t *taken)
{
    Scan serial, ahead;
    scan_open(&serial, text, len);
    size_t n;
    Tok *want = serial_tokens(&serial, 0, &n);
    scan_open(&ahead, text, len);
    ReadAhead *r = readahead_start(&ahead.st);
    assert_non_null(r);
    uint32_t resume = UINT32_MAX;
    YYSTYPE value;
    Span at;
    for (*taken = 0;; (*taken)++) {
        int kind = readahead_next(r, &value, &at, &resume);
        if (kind == READAHEAD_STOPPED || kind == 0)
            break;
        assert_true(*taken < n);
        assert_same_token(&want[*taken], kind, at, &value);
        if (kind == IDENT)
            assert_ptr_equal(value.name, intern(&ahead.interns, value.name, strlen(value.name)));
    }
    assert_int_equal(*taken, n); /* every token before the end or the first diagnostic */
    readahead_finish(r, &ahead.arena);
    assert_int_equal(ahead.diags.n, 0); /* the reader's diagnostics are its own */
    free(want);
    scan_close(&ahead);
    scan_close(&serial);
    return resume;
}

static void reads_every_token_of_a_large_file(void **state)
{
    (void)state;
    size_t len, taken;
    char *text = spec_text(LINES, LINES, &len);
    assert_int_equal(compare_reader(text, len, &taken), UINT32_MAX);
    assert_int_equal(taken, 11 * LINES + 4 * LINES / 5); /* 10 tokens and the line's end, 4 more */
    free(text);
}

/* The token after the last one handed over is the one whose scan reports: the parser's
 * scanner reads it again from there. */
static void stops_before_a_diagnostic(void **state)
{
    (void)state;
    size_t len, taken;
    char *text = spec_text(LINES, LINES - 3, &len);
    uint32_t resume = compare_reader(text, len, &taken);
    const char *dollar = strchr(text, '$');
    assert_int_equal(resume, dollar - 1 - text); /* after the note's string, before the blank */
    free(text);
}

/* The parser may stop reading anywhere (an error limit, a block nested too deep): the
 * reader is stopped and joined, and the source is as it was (flex parks a NUL in it). */
static void finishes_before_the_end(void **state)
{
    (void)state;
    size_t len;
    char *text = spec_text(LINES, LINES, &len);
    for (size_t stop_at = 0; stop_at < 200000; stop_at = stop_at * 4 + 1) {
        Scan s;
        scan_open(&s, text, len);
        ReadAhead *r = readahead_start(&s.st);
        assert_non_null(r);
        YYSTYPE value;
        Span at;
        uint32_t resume;
        for (size_t i = 0; i < stop_at; i++)
            assert_true(readahead_next(r, &value, &at, &resume) > 0);
        readahead_finish(r, &s.arena);
        assert_memory_equal(s.src->text, text, len);
        scan_close(&s);
    }
    free(text);
}

/* Compiles text with and without the reader; returns the diagnostics as one string. */
static char *compile_diags(const char *text, size_t len, size_t read_ahead_min, size_t max_errors)
{
    Compilation c;
    compilation_init(&c, max_errors, false);
    c.read_ahead_min = read_ahead_min;
    assert_true(compile_string(&c, "t.bdl", text, len));
    Buf b = {0};
    buf_puts(&b, "");
    for (size_t i = 0; i < c.diags.n; i++) {
        const Diag *g = c.diags.items[i];
        buf_printf(&b, "%s %u-%u %s\n", g->code, g->span.start, g->span.end, g->message);
    }
    buf_printf(&b, "%zu errors, stopped %d\n", c.diags.errors, c.diags.scan_stopped);
    compilation_free(&c);
    return buf_take(&b);
}

/* A budget of 400 groups; in group text_at, a text (its expressions are scanned on the
 * parser's thread while the reader runs); in group bad_at, a byte no token
 * starts with (E0109); every `syntax_every` groups an assertion that does not parse. */
static char *budget_text(unsigned text_at, unsigned bad_at, unsigned syntax_every, size_t *len)
{
    Buf b = {0};
    buf_puts(&b, "unit 元\nbudget b {\n  unit 元\n  columns 2026, 2025\n");
    for (unsigned g = 0; g < 400; g++) {
        buf_printf(&b, "  group g%u \"组\" = 6, 3 {\n", g);
        for (unsigned i = 0; i < 3; i++)
            buf_printf(&b, "    x%u \"项\" 2, 1 code 301%02u\n", i, i);
        buf_printf(&b, "  }\n  assert g%u[2026] == 6\n", g);
        if (g == text_at)
            buf_puts(&b, "  text t \"{g1.x0[2026]} {g199.missing}\"\n");
        if (g == bad_at)
            buf_puts(&b, "  x \"bad\" 1 @\n");
        if (g % syntax_every == 0)
            buf_puts(&b, "  assert ) == 1\n");
    }
    buf_puts(&b, "}\n");
    *len = b.len;
    return buf_take(&b);
}

static void assert_same_compile(unsigned text_at, unsigned bad_at, unsigned syntax_every, size_t max_errors)
{
    size_t len;
    char *text = budget_text(text_at, bad_at, syntax_every, &len);
    char *serial = compile_diags(text, len, SIZE_MAX, max_errors);
    char *ahead = compile_diags(text, len, 0, max_errors);
    assert_string_equal(ahead, serial);
    assert_non_null(strstr(serial, "E0201")); /* each case has something to report */
    free(serial);
    free(ahead);
    free(text);
}

static void compiles_report_the_same(void **state)
{
    (void)state;
    assert_same_compile(200, 390, 150, 0);  /* the bad byte stops the reader near the end */
    assert_same_compile(50, 100, 150, 0);   /* ... early on */
    assert_same_compile(300, 250, 20, 3);   /* the parse stops at the third syntax error */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_token_of_a_large_file),
        cmocka_unit_test(stops_before_a_diagnostic),
        cmocka_unit_test(finishes_before_the_end),
        cmocka_unit_test(compiles_report_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
