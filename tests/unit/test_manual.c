/* test_manual.c - the renderer behind `bdl help COMMAND` on small mdoc pages: in-line
 * macros and their punctuation, enclosures, escapes, tagged lists, displays, filling at
 * 78 display columns (a CJK character counting two), and finding the section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli/manual.h"

#include <stdlib.h>
#include <string.h>

/* The section `name` of a page whose COMMANDS section is `body`. */
static char *render(const char *body, const char *name)
{
    Buf page = {0}, out = {0};
    buf_printf(&page, ".Sh NAME\n.Ss %s\nnot this\n.Sh COMMANDS\n%s.Ss other\nnor this\n.Sh SEE ALSO\n", name, body);
    bool found = manual_section_of(page.data, name, &out);
    buf_free(&page);
    assert_true(found);
    return buf_take(&out);
}

static void expect(const char *body, const char *want)
{
    char *got = render(body, "cmd");
    assert_string_equal(got, want);
    free(got);
}

static void synopsis_and_inline_macros(void **state)
{
    (void)state;
    expect(".Ss cmd\n.Nm\n.Cm build\n.Ar\n.Op Fl o Ar dir\n.Op Fl w | Fl -check\n.Pp\nText.\n",
           "bdl build file ... [-o dir] [-w | --check]\n\nText.\n");
    expect(".Ss cmd\nWrites\n.Ar dir Ns Pa /ID.json ,\nsee\n.Xr make 1 .\n", "Writes dir/ID.json, see make(1).\n");
    expect(".Ss cmd\n.Po Li passed , Li FAILED\nor\n.Li invalid\n.Pc .\n", "(passed, FAILED or invalid).\n");
}

static void enclosures_keep_closing_punctuation_outside(void **state)
{
    (void)state;
    expect(".Ss cmd\nIs\n.Sq - .\nThen\n.Dq 1 error, 0 warnings ,\nand\n.Pq see Xr bdl 7 :\nend.\n",
           "Is \xE2\x80\x98-\xE2\x80\x99. Then \xE2\x80\x9C" "1 error, 0 warnings\xE2\x80\x9D, and (see bdl(7)): end.\n");
    expect(".Ss cmd\n.Ql git show Ar rev Ns :./ Ns Ar file .\n",
           "\xE2\x80\x98git show rev:./file\xE2\x80\x99.\n");
}

static void escapes_become_characters(void **state)
{
    (void)state;
    expect(".Ss cmd\n.\\\" a comment line\nA \\(dqquote\\(dq, a back\\eslash, a\\~space, \\fBbold\\fR\\&. \\\" gone\n",
           "A \"quote\", a back\\slash, a space, bold.\n");
    expect(".Ss cmd\n.Ql {\\(dqa\\(dq: [...]} ;\n", "\xE2\x80\x98{\"a\": [...]}\xE2\x80\x99;\n");
}

static void tagged_lists(void **state)
{
    (void)state;
    expect(".Ss cmd\nIntro.\n.Bl -tag -width Ds\n.It Fl w\nShort tag.\n.It Fl -longer\nOwn line.\n.El\nAfter.\n",
           "Intro.\n\n-w    Short tag.\n\n--longer\n      Own line.\n\nAfter.\n");
    expect(".Ss cmd\n.Bl -tag -width Ds -compact\n.It 0\nzero\n.It 1\none\n.El\n", "0     zero\n1     one\n");
}

static void displays(void **state)
{
    (void)state;
    expect(".Ss cmd\nSays\n.Dl bdl: cannot read FILE\nthen.\n.Bd -literal -offset indent\nbdl  check   a.bdl\n.Ed\n",
           "Says\n\n    bdl: cannot read FILE\n\nthen.\n\n    bdl  check   a.bdl\n");
}

static void filling_counts_display_columns(void **state)
{
    (void)state;
    char *got = render(".Ss cmd\n"
                       "一二三四五六七八九十 一二三四五六七八九十 一二三四五六七八九十 一二三四五六七八九十 end\n",
                       "cmd");
    /* four words of 20 columns and spaces: 83 columns do not fit in 78 */
    assert_string_equal(got, "一二三四五六七八九十 一二三四五六七八九十 一二三四五六七八九十\n"
                             "一二三四五六七八九十 end\n");
    free(got);
    Buf body = {0};
    buf_puts(&body, ".Ss cmd\n");
    for (int i = 0; i < 40; i++)
        buf_puts(&body, "word ");
    buf_puts(&body, "\n");
    got = render(body.data, "cmd");
    for (char *line = got; *line;) {
        size_t n = strcspn(line, "\n");
        assert_true(n <= MANUAL_WIDTH);
        line += n + (line[n] == '\n');
    }
    free(got);
    buf_free(&body);
}

static void only_the_commands_section(void **state)
{
    (void)state;
    Buf out = {0};
    assert_false(manual_section_of(".Sh NAME\n.Ss cmd\nx\n.Sh COMMANDS\n.Ss other\ny\n", "cmd", &out));
    assert_false(manual_section_of(".Sh COMMANDS\n.Ss cmdx\ny\n", "cmd", &out));
    assert_true(manual_section("check", &out));
    assert_non_null(strstr(out.data, "bdl check"));
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(synopsis_and_inline_macros),
        cmocka_unit_test(enclosures_keep_closing_punctuation_outside),
        cmocka_unit_test(escapes_become_characters),
        cmocka_unit_test(tagged_lists),
        cmocka_unit_test(displays),
        cmocka_unit_test(filling_counts_display_columns),
        cmocka_unit_test(only_the_commands_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
