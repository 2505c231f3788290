/* test_limits.c - what keeps bdl bounded on hostile input and large specs (docs/limits.md):
 * columns and lines counted on from the previous lookup, diagnostic texts cut by characters
 * that are not white space, source excerpts that show a window of a long line, and arena
 * blocks faulted in by a helper thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "compile/compile.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lines mixing ASCII, CJK, a 4-byte character and invalid bytes. */
static const char mixed[] = "ab 收入 \xF0\x9F\x98\x80 x\xE4\xB8y \x80\xFF z\n"
                            "第二行 \xED\xA0\x80 end\n"
                            "\n"
                            "last \xC0\xAF line";

static LineCol fresh_linecol(uint32_t offset)
{
    Source *s = source_from_string("t", mixed, sizeof mixed - 1);
    LineCol lc = source_linecol(s, offset);
    source_free(s);
    return lc;
}

/* Whatever order offsets are asked in, the answer is the one a fresh Source gives. */
static void linecol_cache_agrees(void **state)
{
    (void)state;
    uint32_t n = (uint32_t)sizeof mixed - 1;
    Source *s = source_from_string("t", mixed, n);
    for (int pass = 0; pass < 3; pass++) {
        for (uint32_t k = 0; k <= n; k++) {
            uint32_t off = pass == 0 ? k : pass == 1 ? n - k : (k * 7919u) % (n + 1);
            LineCol got = source_linecol(s, off), want = fresh_linecol(off);
            if (got.line != want.line || got.col != want.col)
                fail_msg("offset %u: %u:%u, expected %u:%u", off, got.line, got.col, want.line, want.col);
        }
    }
    source_free(s);
}

/* Line numbers are looked up from the previous answer forward (galloping); in any order of offsets
 * they are the number of newlines before the offset, plus one. */
static void line_numbers_agree_in_any_order(void **state)
{
    (void)state;
    Buf text = {0};
    for (int i = 0; i < 300; i++) /* lines of 0 to 12 bytes, some empty, some CRLF */
        buf_printf(&text, "%.*s%s", i % 13, "abcdefghijklm", i % 5 == 0 ? "\r\n" : "\n");
    uint32_t n = (uint32_t)text.len;
    uint32_t *want = malloc((n + 1) * sizeof *want);
    want[0] = 1;
    for (uint32_t k = 0; k < n; k++)
        want[k + 1] = want[k] + (text.data[k] == '\n');
    Source *s = source_from_string("t", text.data, n);
    for (int pass = 0; pass < 5; pass++) { /* the last pass jumps forward a few lines at a time */
        for (uint32_t k = 0; k <= n; k++) {
            uint32_t off = pass == 0 ? k : pass == 1 ? n - k : pass == 2 ? (k * 7919u) % (n + 1)
                         : pass == 3 ? k / 3 * 3 : (k * 41u) % (n + 1);
            assert_int_equal(source_line_number(s, off), want[off]);
        }
    }
    assert_int_equal(source_line_number(s, n + 1000), want[n]); /* past the end: the last line */
    source_free(s);
    free(want);
    buf_free(&text);
}

/* Blocks of a megabyte and more are faulted in by a helper thread while they are filled:
 * what is allocated is still zero, what is written stays, and release joins the thread. */
static void large_arena_blocks_are_zeroed_and_kept(void **state)
{
    (void)state;
    enum { PIECE = 3000, PIECES = 20000 }; /* 60 MB: blocks up to 16 MB */
    Arena a;
    arena_init(&a);
    unsigned char **pieces = malloc(PIECES * sizeof *pieces);
    for (uint32_t i = 0; i < PIECES; i++) {
        pieces[i] = arena_alloc(&a, PIECE);
        for (uint32_t k = 0; k < PIECE; k += 499)
            if (pieces[i][k] != 0)
                fail_msg("piece %u byte %u is not zero", i, k);
        memset(pieces[i], (int)(i % 251) + 1, PIECE);
    }
    for (uint32_t i = 0; i < PIECES; i++)
        if (pieces[i][0] != i % 251 + 1 || pieces[i][PIECE - 1] != i % 251 + 1)
            fail_msg("piece %u was overwritten", i);
    free(pieces);
    arena_release(&a);
}

/* A diagnostic whose message quotes `text`; returns the message kept (caller frees). */
static char *message_for(const char *text)
{
    SourceSet set = {0};
    sources_add(&set, source_from_string("t", "x", 1));
    Diags d;
    diags_init(&d, &set);
    Diag *g = diag_report(&d, SEV_ERROR, "E0501", (Span){0, 0, 1}, "assertion failed: %s", text);
    char *msg = xstrdup(g->message);
    diags_free(&d);
    sources_free(&set);
    return msg;
}

static size_t non_blank(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !strchr(" \t\n", *s) && ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static char *strip_blanks(const char *s)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (; *s; s++)
        if (!strchr(" \t\n", *s))
            buf_putc(&b, *s);
    return buf_take(&b);
}

/* A claim of 3000 terms, with one, two or a tab of spacing between tokens. */
static char *claim(const char *space)
{
    Buf b = {0};
    for (int i = 0; i < 3000; i++)
        buf_printf(&b, "x%s+%s", space, space);
    buf_puts(&b, "收入");
    return buf_take(&b);
}

static void long_texts_are_cut_the_same_whatever_the_spacing(void **state)
{
    (void)state;
    const char *spacings[] = {" ", "  ", "\t", ""};
    char *first = NULL;
    for (size_t i = 0; i < sizeof spacings / sizeof spacings[0]; i++) {
        char *text = claim(spacings[i]), *msg = message_for(text);
        size_t len = strlen(msg);
        assert_true(len >= 3 && strcmp(msg + len - 3, "\xE2\x80\xA6") == 0);
        assert_true(non_blank(msg) <= 1001); /* 1000 kept, and the "…" */
        assert_null(strstr(msg, "  "));
        char *stripped = strip_blanks(msg);
        if (first)
            assert_string_equal(stripped, first);
        else
            first = xstrdup(stripped);
        free(stripped), free(msg), free(text);
    }
    free(first);
}

static void short_texts_are_kept_whole(void **state)
{
    (void)state;
    char *msg = message_for("收入 == 1");
    assert_string_equal(msg, "assertion failed: 收入 == 1");
    free(msg);
}

/* Renders the diagnostics of `text` to a string. */
static char *rendered(const char *text, size_t len)
{
    Compilation c;
    compilation_init(&c, 50, false);
    compile_string(&c, "t.bdl", text, len);
    FILE *f = tmpfile();
    assert_non_null(f);
    diags_render_text(&c.diags, f, (TextStyle){false});
    compilation_free(&c);
    long n = ftell(f);
    char *out = xmalloc((size_t)n + 1);
    rewind(f);
    assert_int_equal(fread(out, 1, (size_t)n, f), (size_t)n);
    out[n] = '\0';
    fclose(f);
    return out;
}

static void excerpts_show_a_window_of_a_long_line(void **state)
{
    (void)state;
    Buf b = {0};
    buf_puts(&b, "budget b {\n  x 1 ");
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, i == 50000 ? "@" : "y ");
    buf_puts(&b, "\n}\n");
    char *out = rendered(b.data, b.len);
    assert_non_null(strstr(out, "error[E0109]"));
    size_t longest = 0, run = 0;
    for (const char *p = out; *p; p++)
        run = *p == '\n' ? 0 : run + 1, longest = run > longest ? run : longest;
    assert_true(longest < 1000);
    /* the excerpt is cut at both ends, and the caret stands under the '@' */
    const char *excerpt = strstr(strstr(out, "error[E0109]"), "\n2 | ");
    assert_non_null(excerpt);
    excerpt += 5;
    const char *eol = strchr(excerpt, '\n'), *at = strchr(excerpt, '@');
    assert_true(strncmp(excerpt, "\xE2\x80\xA6", 3) == 0 && strncmp(eol - 3, "\xE2\x80\xA6", 3) == 0);
    assert_true(at && at < eol && strncmp(eol + 1, "  | ", 4) == 0);
    const char *marks = eol + 5, *caret = strchr(marks, '^');
    assert_int_equal((size_t)(caret - marks), utf8_width(excerpt, (size_t)(at - excerpt)));
    free(out);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linecol_cache_agrees),
        cmocka_unit_test(line_numbers_agree_in_any_order),
        cmocka_unit_test(large_arena_blocks_are_zeroed_and_kept),
        cmocka_unit_test(long_texts_are_cut_the_same_whatever_the_spacing),
        cmocka_unit_test(short_texts_are_kept_whole),
        cmocka_unit_test(excerpts_show_a_window_of_a_long_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
