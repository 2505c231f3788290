/* test_diag_formats.c - the machine-readable diagnostics: GitHub workflow-command
 * escaping, SARIF results and the JSON rendering, on a real compilation; the Chinese
 * message a diagnostic may carry, the explanations' parts (explain.h); and a place in a
 * file that is not text (a workbook's cell, through a stand-in Source) in every format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "compile/compile.h"
#include "diag/explain.h"
#include "diag/json.h"
#include "diag/output.h"

#include <stdlib.h>
#include <string.h>

static char *escaped(const char *s, bool property)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    github_escape(f, s, property);
    fclose(f);
    return buf;
}

static void github_data_escaping(void **state)
{
    (void)state;
    char *s = escaped("100% sure\r\nnext: a, b", false);
    assert_string_equal(s, "100%25 sure%0D%0Anext: a, b");
    free(s);
}

static void github_property_escaping(void **state)
{
    (void)state;
    char *s = escaped("dir,with:colon/100%.bdl", true);
    assert_string_equal(s, "dir%2Cwith%3Acolon/100%25.bdl");
    free(s);
}

static const char failing[] = "budget b {\n  x 1\n  assert y == 1\n}\n";

static void github_line_for_a_diagnostic(void **state)
{
    (void)state;
    Compilation c;
    compilation_init(&c, 50, false);
    compile_string(&c, "a,b.bdl", failing, sizeof failing - 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diags_render_github(&c.diags, f);
    fclose(f);
    assert_string_equal(buf, "::error file=a%2Cb.bdl,line=3,col=10,endLine=3,endColumn=11,"
                             "title=E0302::unknown name 'y'%0Ahelp: did you mean 'x'?\n");
    free(buf);
    compilation_free(&c);
}

static void sarif_result_fields(void **state)
{
    (void)state;
    Compilation c;
    compilation_init(&c, 50, false);
    compile_string(&c, "t.bdl", failing, sizeof failing - 1);
    cJSON *rules = cJSON_CreateArray();
    cJSON *r = sarif_result(&c.diags, c.diags.items[0], rules);
    assert_string_equal(cJSON_GetObjectItem(r, "ruleId")->valuestring, "E0302");
    assert_int_equal(cJSON_GetObjectItem(r, "ruleIndex")->valueint, 0);
    cJSON *region = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "locations"), 0), "physicalLocation"),
        "region");
    assert_int_equal(cJSON_GetObjectItem(region, "startColumn")->valueint, 10);
    assert_int_equal(cJSON_GetObjectItem(region, "endColumn")->valueint, 11); /* exclusive */
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "partialFingerprints"), "bdlPrimary/v1"));
    assert_int_equal(cJSON_GetArraySize(rules), 1);
    cJSON_Delete(r);
    cJSON_Delete(rules);
    compilation_free(&c);
}

/* The fingerprint ignores where the line is, so inserting lines above keeps it. */
static void sarif_fingerprint_survives_moves(void **state)
{
    (void)state;
    static const char moved[] = "budget b {\n\n\n  x 1\n  assert y == 1\n}\n";
    const char *texts[] = {failing, moved};
    size_t lens[] = {sizeof failing - 1, sizeof moved - 1};
    char prints[2][32];
    for (int i = 0; i < 2; i++) {
        Compilation c;
        compilation_init(&c, 50, false);
        compile_string(&c, "t.bdl", texts[i], lens[i]);
        cJSON *rules = cJSON_CreateArray();
        cJSON *r = sarif_result(&c.diags, c.diags.items[0], rules);
        snprintf(prints[i], sizeof prints[i], "%s",
                 cJSON_GetObjectItem(cJSON_GetObjectItem(r, "partialFingerprints"), "bdlPrimary/v1")->valuestring);
        cJSON_Delete(r);
        cJSON_Delete(rules);
        compilation_free(&c);
    }
    assert_string_equal(prints[0], prints[1]);
}

static void json_diagnostic_fields(void **state)
{
    (void)state;
    Compilation c;
    compilation_init(&c, 50, false);
    compile_string(&c, "t.bdl", failing, sizeof failing - 1);
    cJSON *arr = diags_to_json(&c.diags);
    cJSON *d = cJSON_GetArrayItem(arr, 0);
    assert_string_equal(cJSON_GetObjectItem(d, "code")->valuestring, "E0302");
    assert_string_equal(cJSON_GetObjectItem(d, "severity")->valuestring, "error");
    cJSON *span = cJSON_GetObjectItem(d, "span");
    assert_int_equal(cJSON_GetObjectItem(span, "line")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItem(span, "byte_start")->valueint, 26);
    assert_string_equal(cJSON_GetObjectItem(d, "help")->valuestring, "did you mean 'x'?");
    cJSON_Delete(arr);
    compilation_free(&c);
}

/* The unknown name in `failing` has a Chinese message, with the suggestion; a syntax error
 * has none, and JSON leaves the key out. */
static void json_message_zh(void **state)
{
    (void)state;
    static const char broken[] = "budget b {\n  x 1 2 3 ,\n}\n";
    Compilation c;
    compilation_init(&c, 50, false);
    compile_string(&c, "t.bdl", failing, sizeof failing - 1);
    cJSON *arr = diags_to_json(&c.diags);
    assert_string_equal(c.diags.items[0]->message_zh, "找不到名称“y”；是否指“x”？");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0), "message_zh")->valuestring,
                        "找不到名称“y”；是否指“x”？");
    cJSON_Delete(arr);
    compilation_free(&c);
    compilation_init(&c, 50, false);
    compile_string(&c, "t.bdl", broken, sizeof broken - 1);
    assert_true(c.diags.n > 0);
    assert_string_equal(c.diags.items[0]->code, "E0201");
    assert_null(c.diags.items[0]->message_zh);
    arr = diags_to_json(&c.diags);
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0), "message_zh"));
    cJSON_Delete(arr);
    compilation_free(&c);
}

/* diag_zh keeps a copy of its text, and a second call replaces the first. */
static void diag_zh_replaces(void **state)
{
    (void)state;
    SourceSet sources = {0};
    Diags d;
    diags_init(&d, &sources);
    char text[] = "合计与明细不符";
    Diag *g = diag_report(&d, SEV_ERROR, "E0406", (Span){0, 0, 0}, "total");
    diag_zh(g, "%s", text);
    text[0] = 'x';
    assert_string_equal(g->message_zh, "合计与明细不符");
    diag_zh(g, "第%d次", 2);
    assert_string_equal(g->message_zh, "第2次");
    diags_free(&d);
}

static void explanation_parts(void **state)
{
    (void)state;
    Explanation ex;
    assert_true(explain_find("E0406", &ex));
    assert_int_equal(ex.title_len, strlen("stated total does not match its items"));
    assert_memory_equal(ex.title, "stated total does not match its items", ex.title_len);
    assert_int_equal(ex.title_zh_len, strlen("合计与明细之和不符"));
    assert_memory_equal(ex.title_zh, "合计与明细之和不符", ex.title_zh_len);
    assert_memory_equal(ex.meaning, "A group's stated total", strlen("A group's stated total"));
    assert_memory_equal(ex.fix, "Find the wrong figure", strlen("Find the wrong figure"));
    assert_memory_equal(ex.section, "## E0406:", 9);
    assert_true(explain_find("W0901", &ex));
    assert_memory_equal(ex.title_zh, "说明文字中的数字与数据不符", ex.title_zh_len);
    assert_false(explain_find("E9999", &ex));
    assert_false(explain_find("E04", &ex));
}

/* A diagnostic at cell C7 of a workbook's sheet, and one at the whole file. */
typedef struct Placed {
    SourceSet sources;
    Diags diags;
} Placed;

static void placed_init(Placed *p)
{
    memset(p, 0, sizeof *p);
    diags_init(&p->diags, &p->sources);
    uint32_t cell = sources_add(&p->sources, source_stand_in("dept.xlsx", "收支!C7", (LineCol){7, 3}, "六百\n元", 10));
    uint32_t file = sources_add(&p->sources, source_stand_in("dept.xlsx", "", (LineCol){1, 1}, "", 0));
    diag_help(diag_report(&p->diags, SEV_ERROR, "E1004", (Span){cell, 0, 10}, "'六百' is not a figure"), "write it in digits");
    diag_report(&p->diags, SEV_WARNING, "W1002", (Span){file, 0, 0}, "no catalogue");
}

static void placed_free(Placed *p)
{
    diags_free(&p->diags);
    sources_free(&p->sources);
}

static char *rendered(Placed *p, void (*render)(Diags *, FILE *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    render(&p->diags, f);
    fclose(f);
    return buf;
}

static void render_text(Diags *d, FILE *out)
{
    diags_render_text(d, out, (TextStyle){false});
}

static void a_place_in_text(void **state)
{
    (void)state;
    Placed p;
    placed_init(&p);
    char *s = rendered(&p, render_text);
    assert_string_equal(s, "dept.xlsx:收支!C7: error[E1004]: '六百' is not a figure\n"
                           "  |\n"
                           "7 | 六百 元\n"
                           "  | ^^^^^^^\n"
                           "  = help: write it in digits\n"
                           "\n"
                           "dept.xlsx: warning[W1002]: no catalogue\n"
                           "\n");
    free(s);
    placed_free(&p);
}

static void a_place_in_github(void **state)
{
    (void)state;
    Placed p;
    placed_init(&p);
    char *s = rendered(&p, diags_render_github);
    assert_string_equal(s, "::error file=dept.xlsx,line=7,col=3,endLine=7,endColumn=7,title=E1004::"
                           "收支!C7: '六百' is not a figure%0Ahelp: write it in digits\n"
                           "::warning file=dept.xlsx,line=1,col=1,endLine=1,endColumn=1,title=W1002::no catalogue\n");
    free(s);
    placed_free(&p);
}

static void a_place_in_json_sarif_codeclimate(void **state)
{
    (void)state;
    Placed p;
    placed_init(&p);
    cJSON *arr = diags_to_json(&p.diags);
    cJSON *span = cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0), "span");
    assert_string_equal(cJSON_GetObjectItem(span, "file")->valuestring, "dept.xlsx");
    assert_string_equal(cJSON_GetObjectItem(span, "place")->valuestring, "收支!C7");
    assert_int_equal(cJSON_GetObjectItem(span, "line")->valueint, 7);
    assert_int_equal(cJSON_GetObjectItem(span, "column")->valueint, 3);
    cJSON_Delete(arr);
    cJSON *rules = cJSON_CreateArray();
    cJSON *r = sarif_result(&p.diags, p.diags.items[0], rules);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "message"), "text")->valuestring,
                        "收支!C7: '六百' is not a figure\nhelp: write it in digits");
    cJSON *phys = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "locations"), 0), "physicalLocation");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(phys, "artifactLocation"), "uri")->valuestring,
                        "dept.xlsx");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(phys, "region"), "startLine")->valueint, 7);
    cJSON_Delete(r);
    cJSON_Delete(rules);
    cJSON *issue = codeclimate_issue(&p.diags, p.diags.items[0]);
    assert_string_equal(cJSON_GetObjectItem(issue, "description")->valuestring,
                        "收支!C7: '六百' is not a figure (help: write it in digits)");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(issue, "location"), "lines"), "begin")
                         ->valueint,
                     7);
    cJSON_Delete(issue);
    placed_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(github_data_escaping),
        cmocka_unit_test(github_property_escaping),
        cmocka_unit_test(github_line_for_a_diagnostic),
        cmocka_unit_test(sarif_result_fields),
        cmocka_unit_test(sarif_fingerprint_survives_moves),
        cmocka_unit_test(json_diagnostic_fields),
        cmocka_unit_test(json_message_zh),
        cmocka_unit_test(diag_zh_replaces),
        cmocka_unit_test(explanation_parts),
        cmocka_unit_test(a_place_in_text),
        cmocka_unit_test(a_place_in_github),
        cmocka_unit_test(a_place_in_json_sarif_codeclimate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
