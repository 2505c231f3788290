/* test_source.c - reading a file whole, and offsets mapped to lines and code-point columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static Source *from(const char *text)
{
    return source_from_string("t.bdl", text, strlen(text));
}

/* Columns count code points: a CJK character is one column, not three bytes. */
static void columns_count_code_points(void **state)
{
    (void)state;
    Source *s = from("unit 元\n收入 = 12\n");
    LineCol at = source_linecol(s, (uint32_t)(strstr(s->text, "12") - s->text));
    assert_int_equal(at.line, 2);
    assert_int_equal(at.col, 6);
    at = source_linecol(s, 0);
    assert_int_equal(at.line, 1);
    assert_int_equal(at.col, 1);
    source_free(s);
}

/* Counting on from the last lookup on a line gives what counting from its start gives. */
static void columns_counted_on_agree(void **state)
{
    (void)state;
    Source *s = from("一二三四五六七八九十 x y z\n");
    uint32_t x = (uint32_t)(strstr(s->text, "x") - s->text), z = (uint32_t)(strstr(s->text, "z") - s->text);
    assert_int_equal(source_linecol(s, x).col, 12);
    assert_int_equal(source_linecol(s, z).col, 16);
    assert_int_equal(source_linecol(s, x).col, 12); /* backwards: counted from the start */
    source_free(s);
}

static void lines_lose_their_endings(void **state)
{
    (void)state;
    Source *s = from("a\r\nbb\nccc");
    size_t len;
    const char *line = source_line(s, 1, &len);
    assert_int_equal(len, 1);
    assert_memory_equal(line, "a", 1);
    line = source_line(s, 3, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(line, "ccc", 3);
    source_line(s, 4, &len);
    assert_int_equal(len, 0);
    assert_int_equal(source_line_number(s, 4), 2);
    assert_int_equal(source_line_number(s, 1000), 3); /* past the end: the last line */
    source_free(s);
}

/* A file is read whole, with the two NULs the scanner needs after it. */
static void files_are_read_whole(void **state)
{
    (void)state;
    char path[] = "/tmp/bdl-test-source-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "budget b { item a 1 }\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    const char *err = NULL;
    Source *s = source_read(path, &err);
    assert_non_null(s);
    assert_int_equal(s->len, sizeof text - 1);
    assert_memory_equal(s->text, text, sizeof text);
    assert_int_equal(s->text[s->len + 1], '\0');
    source_free(s);
    unlink(path);
}

static void directories_are_refused(void **state)
{
    (void)state;
    const char *err = NULL;
    assert_null(source_read("/tmp", &err));
    assert_string_equal(err, "is a directory");
    assert_null(source_read("/nonexistent/bdl/file.bdl", &err));
    assert_non_null(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(columns_count_code_points),
        cmocka_unit_test(columns_counted_on_agree),
        cmocka_unit_test(lines_lose_their_endings),
        cmocka_unit_test(files_are_read_whole),
        cmocka_unit_test(directories_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
