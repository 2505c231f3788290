/* test_diag_formats.c - the machine-readable diagnostics: GitHub workflow-command
 * escaping, SARIF results and the JSON rendering, on a real compilation; and a place in a
 * file that is not text (a workbook's cell, through a stand-in Source) in every format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "compile/compile.h"
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
        cmocka_unit_test(a_place_in_text),
        cmocka_unit_test(a_place_in_github),
        cmocka_unit_test(a_place_in_json_sarif_codeclimate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
