/* test_source.c - a large file's parsed bytes are given back and read again on demand
 * (source_release, source_bytes): every quote, line and column is the same as from a
 * source held whole, and a file changed since it was read is never quoted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"
#include "compile.h"
#include "emit_html.h"
#include "emit_json.h"
#include "report.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Lines of varying length, some with CJK text, numbered so that every line differs. */
static char *numbered_lines(size_t min_len, size_t *len)
{
    Buf b = {0};
    for (unsigned i = 0; b.len < min_len; i++)
        buf_printf(&b, "line %u %.*s收入 %s\n", i, (int)(i % 61), "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij",
                   i % 7 == 0 ? "\xE2\x80\x94" : "");
    *len = b.len;
    return buf_take(&b);
}

static char *write_temp(const char *text, size_t len)
{
    char *path = strdup("/tmp/bdl-test-source-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static Source *read_file(const char *path)
{
    const char *err = NULL;
    Source *s = source_read(path, &err);
    assert_non_null(s);
    return s;
}

/* After release, bytes, lines and columns anywhere agree with a source held whole. */
static void released_bytes_are_read_again(void **state)
{
    (void)state;
    size_t len;
    char *text = numbered_lines(3 * (size_t)SOURCE_RELEASE_STEP, &len);
    char *path = write_temp(text, len);
    Source *s = read_file(path), *whole = source_from_string(path, text, len);
    source_release(s, (uint32_t)(2 * SOURCE_RELEASE_STEP + 12345));
    assert_int_equal(s->released, 2 * SOURCE_RELEASE_STEP / SOURCE_CHUNK * SOURCE_CHUNK);
    for (uint32_t off = 0; off < len; off += 40009) {
        uint32_t end = off + 300 < len ? off + 300 : (uint32_t)len;
        assert_memory_equal(source_bytes(s, off, end), text + off, end - off);
        LineCol a = source_linecol(s, off), b = source_linecol(whole, off);
        assert_int_equal(a.line, b.line);
        assert_int_equal(a.col, b.col);
        size_t la, lb;
        const char *xa = source_line(s, a.line, &la), *xb = source_line(whole, b.line, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(xa, xb, la);
    }
    source_free(s);
    source_free(whole);
    unlink(path);
    free(path);
    free(text);
}

/* Asked to give back all of itself, s keeps every byte (and frees itself). */
static void assert_held_whole(Source *s, const char *text, size_t len)
{
    source_release(s, (uint32_t)len);
    assert_int_equal(s->released, 0);
    assert_memory_equal(s->text, text, len);
    source_free(s);
}

/* Files smaller than a release step, and sources made from strings, are held whole. */
static void small_files_are_held(void **state)
{
    (void)state;
    size_t len;
    char *text = numbered_lines(SOURCE_RELEASE_STEP / 2, &len);
    char *path = write_temp(text, len);
    assert_held_whole(read_file(path), text, len);
    assert_held_whole(source_from_string("-", text, len), text, len);
    unlink(path);
    free(path);
    free(text);
}

/* Standard input is held whole even when it is a large regular file: it may have been
 * opened anywhere in that file, so its bytes cannot be found again by offset. */
static void standard_input_is_held(void **state)
{
    (void)state;
    size_t len;
    char *text = numbered_lines(2 * (size_t)SOURCE_RELEASE_STEP, &len);
    char *path = write_temp(text, len);
    assert_non_null(freopen(path, "rb", stdin));
    assert_held_whole(read_file("-"), text, len);
    unlink(path);
    free(path);
    free(text);
}

/* A file rewritten after it was read gives blanks where bytes were given back: what is
 * quoted is either what was parsed or nothing. */
static void changed_file_gives_blanks(void **state)
{
    (void)state;
    size_t len;
    char *text = numbered_lines(2 * (size_t)SOURCE_RELEASE_STEP, &len);
    char *path = write_temp(text, len);
    Source *s = read_file(path);
    source_release(s, (uint32_t)(SOURCE_RELEASE_STEP + 1));
    assert_true(s->released > 0);
    memset(text, 'x', 100);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, 100, f), 100);
    fclose(f);
    struct timespec later[2] = {{0, UTIME_OMIT}, {s->mtime_ns / 1000000000 + 5, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
    const char *got = source_bytes(s, 0, 100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(got[i], ' ');
    source_free(s);
    unlink(path);
    free(path);
    free(text);
}

/* A spec big enough to be given back while it is parsed, with failures at its start and
 * end, and a text in its middle that quotes a figure and misstates another: an error's
 * excerpt, its notes' line:column, the report's quotes of every check, the text's checks
 * (its bytes are given back, and no diagnostic nearby reads them again first), and the
 * JSON and HTML documents. */
static char *big_spec(size_t *len)
{
    Buf b = {0};
    buf_puts(&b, "unit 元\nbudget big {\n  unit 元\n  group first = 4 {\n    a 1\n    b 2\n  }\n");
    bool text_written = false;
    for (unsigned g = 0; b.len < 2 * (size_t)SOURCE_RELEASE_STEP + 4096; g++) {
        if (!text_written && b.len > SOURCE_RELEASE_STEP / 2) {
            buf_puts(&b, "  group mid = 1 {\n    m \"甲项支出\" 1\n  }\n"
                         "  text intro \"说明\" \"中间合计{mid}元。甲项支出为2元。\"\n");
            text_written = true;
        }
        buf_printf(&b, "  group g%u \"第%u组\" = 6 {\n", g, g);
        for (int i = 0; i < 3; i++)
            buf_printf(&b, "    i%d \"项目 %d\" %d note \"%.*s\"\n", i, i, i + 1, 200, "........................................................................................................................................................................................................");
        buf_printf(&b, "    assert g%u == %u \"第%u组合计\"\n  }\n", g, g < 3 ? 7u : 6u, g);
    }
    buf_puts(&b, "  group last = 1 {\n    z 2\n  }\n}\n");
    *len = b.len;
    return buf_take(&b);
}

static char *compiled_output(bool from_file, const char *path, const char *text, size_t len)
{
    Compilation c;
    compilation_init(&c, 1000, false);
    assert_true(from_file ? compile_file(&c, path) : compile_string(&c, path, text, len));
    if (from_file)
        assert_true(c.sources.items[0]->released > 0);
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    /* The outputs first: a diagnostic's excerpt reads its bytes again for whatever follows. */
    assert_true(emit_html(&c, c.program->budgets, f));
    assert_true(emit_json(&c, NULL, f));
    report_checks(&c, f);
    diags_render_text(&c.diags, f, (TextStyle){false});
    fclose(f);
    compilation_free(&c);
    return out;
}

static void compile_after_release_matches_whole(void **state)
{
    (void)state;
    size_t len;
    char *text = big_spec(&len);
    char *path = write_temp(text, len);
    char *released = compiled_output(true, path, NULL, 0), *whole = compiled_output(false, path, text, len);
    assert_non_null(strstr(whole, "first")); /* the failures the comparison is about */
    assert_non_null(strstr(whole, "W0901"));
    assert_non_null(strstr(whole, "last"));
    assert_string_equal(released, whole);
    free(released);
    free(whole);
    unlink(path);
    free(path);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(released_bytes_are_read_again),
        cmocka_unit_test(small_files_are_held),
        cmocka_unit_test(standard_input_is_held),
        cmocka_unit_test(changed_file_gives_blanks),
        cmocka_unit_test(compile_after_release_matches_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
