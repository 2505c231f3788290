/* test_compile_buffer.c - compiling an editor's buffer: compile_buffer finds imports from the
 * directory of the path it is given, and a SourceReader can serve an imported file from
 * memory instead of the disk (the language server's open documents). */
#define _XOPEN_SOURCE 700 /* mkdtemp, realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

#include <limits.h>
#include <stdio.h>
#include <unistd.h>

static char dir[] = "/tmp/bdl-compile-text-XXXXXX";
static char *common_path;

static int make_files(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    common_path = str_printf("%s/common.bdl", dir);
    FILE *f = fopen(common_path, "w");
    assert_non_null(f);
    fputs("unit 元\n", f); /* on disk: no 万元 */
    fclose(f);
    return 0;
}

static int remove_files(void **state)
{
    (void)state;
    unlink(common_path);
    rmdir(dir);
    free(common_path);
    return 0;
}

static const char main_text[] = "import \"common\"\nbudget b {\n  unit 万元\n  item a 1\n}\n";

static void imports_from_the_path_given(void **state)
{
    (void)state;
    char *path = str_printf("%s/main.bdl", dir); /* need not exist */
    Compilation c;
    compilation_init(&c, 0, false);
    compile_buffer(&c, path, "main.bdl", main_text, strlen(main_text));
    assert_int_equal(c.sources.n, 2);
    assert_string_equal(c.sources.items[1]->name, "common.bdl");
    assert_diags(&c, "E0305 3:8"); /* the disk's common.bdl has no 万元 */
    compilation_free(&c);
    free(path);
}

typedef struct Served {
    char *asked;
} Served;

static Source *serve(void *ctx, const char *real_path, const char *name, const char **err)
{
    (void)err;
    Served *s = ctx;
    s->asked = xstrdup(real_path);
    static const char text[] = "unit 元\nunit 万元 = 10000 元\n";
    return source_from_string(name, text, sizeof text - 1);
}

static void reader_serves_imports(void **state)
{
    (void)state;
    char *path = str_printf("%s/main.bdl", dir);
    Served served = {NULL};
    Compilation c;
    compilation_init(&c, 0, false);
    c.read_import = serve;
    c.read_import_ctx = &served;
    compile_buffer(&c, path, "main.bdl", main_text, strlen(main_text));
    assert_diags(&c, "");
    char *real = realpath(common_path, NULL);
    assert_string_equal(served.asked, real);
    free(real);
    free(served.asked);
    compilation_free(&c);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_from_the_path_given),
        cmocka_unit_test(reader_serves_imports),
    };
    return cmocka_run_group_tests(tests, make_files, remove_files);
}
