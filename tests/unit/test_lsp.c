/* test_lsp.c - the language server's lowest layers: positions in UTF-16, UTF-8 and UTF-32
 * units on CJK and astral text (and back), file URIs, the framing of messages with its
 * bounds (a 10 GB Content-Length is refused and skipped, never allocated), and the index
 * that finds what stands at a place of a compiled source. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

#include "lsp/index.h"
#include "lsp/position.h"
#include "lsp/rpc.h"
#include "lsp/uri.h"

#include <stdio.h>
#include <unistd.h>

/* ---- positions ---------------------------------------------------------------------------- */

/* 预 is 3 bytes and 1 UTF-16 unit, 😀 (U+1F600) 4 bytes and 2 units. */
static const char text[] = "ab\n预算 x\r\n😀y\rz";

static void offsets_of_positions(void **state)
{
    (void)state;
    LineMap m;
    linemap_init(&m, text, sizeof text - 1);
    assert_int_equal(m.nlines, 4);
    assert_int_equal(linemap_offset(&m, (Position){1, 0}, ENC_UTF16), 3);
    assert_int_equal(linemap_offset(&m, (Position){1, 2}, ENC_UTF16), 9);  /* after 预算 */
    assert_int_equal(linemap_offset(&m, (Position){1, 3}, ENC_UTF16), 10); /* x */
    assert_int_equal(linemap_offset(&m, (Position){1, 6}, ENC_UTF8), 9);
    assert_int_equal(linemap_offset(&m, (Position){1, 2}, ENC_UTF32), 9);
    assert_int_equal(linemap_offset(&m, (Position){2, 2}, ENC_UTF16), 17); /* y, after the pair */
    assert_int_equal(linemap_offset(&m, (Position){2, 1}, ENC_UTF32), 17);
    assert_int_equal(linemap_offset(&m, (Position){2, 4}, ENC_UTF8), 17);
    assert_int_equal(linemap_offset(&m, (Position){3, 0}, ENC_UTF16), 19); /* after a lone CR */
    linemap_free(&m);
}

static void positions_are_clamped(void **state)
{
    (void)state;
    LineMap m;
    linemap_init(&m, text, sizeof text - 1);
    assert_int_equal(linemap_offset(&m, (Position){0, 99}, ENC_UTF16), 2);  /* end of "ab", not the newline */
    assert_int_equal(linemap_offset(&m, (Position){1, 99}, ENC_UTF16), 11); /* before the CRLF */
    assert_int_equal(linemap_offset(&m, (Position){9, 0}, ENC_UTF16), sizeof text - 1);
    assert_int_equal(linemap_offset(&m, (Position){2, 1}, ENC_UTF16), 13); /* inside the pair: its start */
    assert_int_equal(linemap_offset(&m, (Position){1, 1}, ENC_UTF8), 3);  /* inside 预: its start */
    linemap_free(&m);
}

static void positions_of_offsets(void **state)
{
    (void)state;
    LineMap m;
    linemap_init(&m, text, sizeof text - 1);
    Position p = linemap_position(&m, 10, ENC_UTF16);
    assert_int_equal(p.line, 1);
    assert_int_equal(p.character, 3);
    p = linemap_position(&m, 17, ENC_UTF16);
    assert_int_equal(p.line, 2);
    assert_int_equal(p.character, 2);
    p = linemap_position(&m, 15, ENC_UTF16); /* inside 😀 */
    assert_int_equal(p.character, 0);
    p = linemap_position(&m, 12, ENC_UTF16); /* between CR and LF: the end of line 1 */
    assert_int_equal(p.line, 1);
    assert_int_equal(p.character, 4);
    p = linemap_position(&m, 999, ENC_UTF8);
    assert_int_equal(p.line, 3);
    assert_int_equal(p.character, 1);
    linemap_free(&m);
}

/* A byte that is not UTF-8 counts as one unit (the client shows U+FFFD). */
static void invalid_bytes_count_one(void **state)
{
    (void)state;
    static const char bad[] = "\xff\xfe" "a";
    LineMap m;
    linemap_init(&m, bad, 3);
    assert_int_equal(linemap_offset(&m, (Position){0, 2}, ENC_UTF16), 2);
    assert_int_equal(linemap_position(&m, 3, ENC_UTF16).character, 3);
    linemap_free(&m);
}

/* ---- URIs ------------------------------------------------------------------------------- */

static void uris(void **state)
{
    (void)state;
    char *p = uri_to_path("file:///tmp/%E9%A2%84%E7%AE%97%20a.bdl");
    assert_string_equal(p, "/tmp/预算 a.bdl");
    char *u = uri_from_path(p);
    assert_string_equal(u, "file:///tmp/%E9%A2%84%E7%AE%97%20a.bdl");
    free(p), free(u);
    p = uri_to_path("file://localhost/a/b");
    assert_string_equal(p, "/a/b");
    free(p);
    assert_null(uri_to_path("untitled:Untitled-1"));
    assert_null(uri_to_path("file://host/a"));
    assert_null(uri_to_path("file:///a%2"));
    assert_null(uri_to_path("file:///a%00b"));
}

/* ---- framing ---------------------------------------------------------------------------- */

static int stream_of(const char *bytes, size_t n)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fflush(f);
    int fd = dup(fileno(f));
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

#define STREAM(lit) stream_of((lit), sizeof(lit) - 1)

static void expect_message(RpcReader *r, const char *want)
{
    char *body, *why;
    size_t len;
    assert_int_equal(rpc_read(r, &body, &len, &why), RPC_MESSAGE);
    assert_int_equal(len, strlen(want));
    assert_string_equal(body, want);
    free(body);
}

static void expect_refused(RpcReader *r, const char *want_why)
{
    char *body, *why;
    size_t len;
    assert_int_equal(rpc_read(r, &body, &len, &why), RPC_BAD_FRAME);
    assert_null(body);
    assert_string_equal(why, want_why);
    free(why);
}

static void expect_eof(RpcReader *r)
{
    char *body, *why;
    size_t len;
    assert_int_equal(rpc_read(r, &body, &len, &why), RPC_EOF);
    assert_null(body);
}

static void framed_messages(void **state)
{
    (void)state;
    int fd = STREAM("Content-Length: 2\r\n\r\n{}"
                    "content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]"
                    "\r\nContent-Length: 4\n\n\"a\"x");
    RpcReader *r = malloc(sizeof *r);
    rpc_reader_init(r, fd, 100);
    expect_message(r, "{}");
    expect_message(r, "[1]");
    expect_message(r, "\"a\"x"); /* LF alone is accepted, a blank line before a header skipped */
    expect_eof(r);
    close(fd);
    free(r);
}

/* A 10 GB length is answered at once and its body passed over, never stored. */
static void huge_length_refused(void **state)
{
    (void)state;
    int fd = STREAM("Content-Length: 10000000000\r\n\r\n{}");
    RpcReader *r = malloc(sizeof *r);
    rpc_reader_init(r, fd, RPC_DEFAULT_MAX_BODY);
    expect_refused(r, "a message of 10000000000 bytes, more than the limit of 268435456");
    expect_eof(r); /* the stream ends inside the body being passed over */
    close(fd);
    fd = STREAM("Content-Length: 5\r\n\r\nhello" "Content-Length: 2\r\n\r\n{}");
    rpc_reader_init(r, fd, 4);
    expect_refused(r, "a message of 5 bytes, more than the limit of 4");
    expect_message(r, "{}");
    close(fd);
    free(r);
}

static void bad_headers(void **state)
{
    (void)state;
    int fd = STREAM("Content-Type: x\r\n\r\n"
                    "Content-Length: 12x\r\n\r\n"
                    "Content-Length: 99999999999999999999999\r\n\r\n"
                    "Content-Length: 2\r\n\r\n{}");
    RpcReader *r = malloc(sizeof *r);
    rpc_reader_init(r, fd, 100);
    expect_refused(r, "a message without Content-Length");
    expect_refused(r, "a Content-Length that is not a number");
    expect_refused(r, "a Content-Length that is not a number");
    expect_message(r, "{}");
    expect_eof(r);
    close(fd);
    free(r);
}

static void long_header_refused(void **state)
{
    (void)state;
    Buf b = {0};
    buf_puts(&b, "X-Padding: ");
    for (int i = 0; i < RPC_MAX_HEADER; i++)
        buf_putc(&b, 'a');
    buf_puts(&b, "\r\nContent-Length: 2\r\n\r\n{}Content-Length: 1\r\n\r\n1");
    int fd = stream_of(b.data, b.len);
    RpcReader *r = malloc(sizeof *r);
    rpc_reader_init(r, fd, 100);
    expect_refused(r, "a message header longer than 8192 bytes");
    char *body, *why;
    size_t len;
    /* the refused header's body is read as the next header: refused too, then back in step */
    RpcStatus st = rpc_read(r, &body, &len, &why);
    free(body), free(why);
    assert_int_equal(st, RPC_BAD_FRAME);
    expect_eof(r);
    close(fd);
    free(r);
    buf_free(&b);
}

static void body_cut_short(void **state)
{
    (void)state;
    int fd = STREAM("Content-Length: 10\r\n\r\n{\"a\"");
    RpcReader *r = malloc(sizeof *r);
    rpc_reader_init(r, fd, 100);
    expect_eof(r);
    close(fd);
    free(r);
}

/* What is written is framed, and bytes that are not UTF-8 come out as U+FFFD. */
static void written_messages(void **state)
{
    (void)state;
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    cJSON *m = rpc_notification("x", cJSON_CreateString("\xe9\xa2\x84\xff"));
    assert_true(rpc_write(f, m));
    cJSON_Delete(m);
    fclose(f);
    const char want[] = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xe9\xa2\x84\xef\xbf\xbd\"}";
    char *expected = str_printf("Content-Length: %zu\r\n\r\n%s", sizeof want - 1, want);
    assert_string_equal(out, expected);
    free(expected);
    free(out);
}

/* ---- the index --------------------------------------------------------------------------- */

static const char indexed[] = UNITS "budget b {\n"
                                    "  columns y1, y2\n"
                                    "  group g = 3 万元, 4 {\n"
                                    "    一般 1, 2\n"
                                    "    其他 2 万元, 2 code 201\n"
                                    "  }\n"
                                    "  assert g.一般[y1] + 一般 == 2 \"两次\"\n"
                                    "}\n";

static size_t at(const char *needle)
{
    const char *p = strstr(indexed, needle);
    assert_non_null(p);
    return (size_t)(p - indexed);
}

static void index_finds_names(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, indexed);
    Index x;
    index_build(&x, &c);
    const Item *g = item_at(&c, "g"), *general = item_at(&c, "g.一般");
    const Occ *o = index_at(&x, 0, (uint32_t)at("g.一般["));
    assert_non_null(o);
    assert_int_equal(o->kind, OCC_ITEM);
    assert_ptr_equal(o->target, g); /* the first name of a path: the target's parent */
    o = index_at(&x, 0, (uint32_t)at("一般[") + 3); /* inside the second name */
    assert_ptr_equal(o->target, general);
    assert_false(o->def);
    o = index_at(&x, 0, (uint32_t)at("y1] +") + 2); /* the end of a name counts */
    assert_int_equal(o->kind, OCC_COLUMN);
    assert_int_equal(o->column, 0);
    o = index_at(&x, 0, (uint32_t)at("一般 ==")); /* a bare name: the same item */
    assert_ptr_equal(o->target, general);
    o = index_at(&x, 0, (uint32_t)at("    一般 1") + 4);
    assert_true(o->def);
    Span def = {0, 0, 0};
    assert_true(occ_definition(o, &def));
    assert_int_equal(def.start, at("    一般 1") + 4);
    index_free(&x);
    compilation_free(&c);
}

/* A figure and the unit inside it: the innermost wins. */
static void index_finds_figures(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, indexed);
    Index x;
    index_build(&x, &c);
    const Occ *o = index_at(&x, 0, (uint32_t)at("2 万元, 2 code"));
    assert_int_equal(o->kind, OCC_VALUE);
    assert_int_equal(o->column, 0);
    o = index_at(&x, 0, (uint32_t)at("万元, 2 code"));
    assert_int_equal(o->kind, OCC_UNIT);
    assert_string_equal(((const UnitDecl *)o->target)->name.text, "万元");
    o = index_at(&x, 0, (uint32_t)at("201"));
    assert_int_equal(o->kind, OCC_CODE);
    assert_null(o->target); /* no catalogue in scope has it */
    assert_null(index_at(&x, 0, (uint32_t)at("\"两次\"") + 2));
    const IndexedCheck *k = index_check_at(&x, 0, (uint32_t)at("\"两次\""));
    assert_non_null(k);
    assert_int_equal(k->check->span.start, at("assert"));
    assert_null(index_check_at(&x, 0, (uint32_t)at("columns")));
    index_free(&x);
    compilation_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offsets_of_positions),
        cmocka_unit_test(positions_are_clamped),
        cmocka_unit_test(positions_of_offsets),
        cmocka_unit_test(invalid_bytes_count_one),
        cmocka_unit_test(uris),
        cmocka_unit_test(framed_messages),
        cmocka_unit_test(huge_length_refused),
        cmocka_unit_test(bad_headers),
        cmocka_unit_test(long_header_refused),
        cmocka_unit_test(body_cut_short),
        cmocka_unit_test(written_messages),
        cmocka_unit_test(index_finds_names),
        cmocka_unit_test(index_finds_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
