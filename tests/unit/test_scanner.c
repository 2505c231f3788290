/* test_scanner.c - the scanner and parser, driven through compile_string: every malformed
 * input gets its exact code at its exact line:column, and the parse goes on after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

/* Compiles a string literal, NUL bytes included. */
#define COMPILE(c, lit) compile_text((c), (lit), sizeof(lit) - 1)

static void compile_text(Compilation *c, const char *text, size_t len)
{
    compilation_init(c, 0, false);
    assert_true(compile_string(c, "t.bdl", text, len));
    assert_non_null(c->program);
}

/* Compiles `text` and expects exactly the diagnostics `want`; frees everything. */
#define EXPECT(lit, want)                                                                        \
    do {                                                                                         \
        Compilation c_;                                                                          \
        COMPILE(&c_, lit);                                                                       \
        assert_diag_spans(&c_, want);                                                                 \
        compilation_free(&c_);                                                                   \
    } while (0)

static const Diag *only_diag(Compilation *c, const char *code)
{
    assert_int_equal(c->diags.n, 1);
    assert_string_equal(c->diags.items[0]->code, code);
    return c->diags.items[0];
}

static LineCol at(Compilation *c, uint32_t offset)
{
    return source_linecol(c->sources.items[0], offset);
}

static const Item *first_item(Compilation *c)
{
    assert_true(first_budget(c)->nitems > 0);
    return first_budget(c)->items[0];
}

/* The item after `it` among its siblings, or NULL. */
static const Item *next_of(Compilation *c, const Item *it)
{
    Item *const *siblings = it->parent ? it->parent->children : first_budget(c)->items;
    uint32_t n = it->parent ? it->parent->nchildren : first_budget(c)->nitems;
    return it->sibling + 1 < n ? siblings[it->sibling + 1] : NULL;
}

/* ---- bytes that are not BDL text ------------------------------------------------------- */

static void invalid_utf8_byte(void **state)
{
    (void)state;
    EXPECT("unit 元\nbudget b {\n  x 1 \xFF\n}\n", "E0101 3:7-3:8");
    /* after a CJK character the column counts code points, not bytes */
    EXPECT("unit 元\nbudget b {\n  元素 1 \xC0\n}\n", "E0101 3:8-3:9");
}

static void invalid_utf8_message(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  x 1 \xFE\n}\n");
    const Diag *g = only_diag(&c, "E0101");
    assert_string_equal(g->message, "invalid UTF-8 sequence <FE>");
    assert_int_equal(g->severity, SEV_ERROR);
    compilation_free(&c);
}

static void invalid_utf8_in_string_and_comment(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x \"ab\xFF\" 1\n}\n", "E0101 2:8-2:9");
    EXPECT("budget b {\n  x 1 # note \xFE\n}\n", "E0101 2:14-2:15");
    /* a truncated sequence is one diagnostic spanning its bytes */
    EXPECT("budget b {\n  x \"\xE4\xB8\" 1\n}\n", "E0101 2:6-2:8");
    /* a leading byte order mark is skipped even right before a name */
    EXPECT("\xEF\xBB\xBFunit 元\nbudget b {\n  x 1\n}\n", "");
    /* a carriage return ends a comment, so what follows it is still read */
    EXPECT("budget b {\n  x 1 # note\r  y z\n}\n", "E0111 2:13-2:14, E0201 2:18-2:19");
}

static void nul_byte(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1\0\n}\n", "E0102 2:6-2:7");
    EXPECT("budget b {\n  x \"a\0b\" 1\n}\n", "E0102 2:7-2:8");
}

static void control_characters(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1 \x01\n}\n", "E0103 2:7-2:8");
    EXPECT("budget b {\n  x 1 \x7F\n}\n", "E0103 2:7-2:8");
    EXPECT("budget b {\n  x \"a\x1B\" 1\n}\n", "E0103 2:7-2:8");
    EXPECT("budget b {\n  x 1 # \x0C\n}\n", "E0103 2:9-2:10");
    /* tabs are whitespace, not control characters */
    EXPECT("budget b {\n\tx\t1\n}\n", "");
}

static void control_character_message(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  x 1 \x7F\n}\n");
    assert_string_equal(only_diag(&c, "E0103")->message, "control character U+007F in source");
    compilation_free(&c);
}

/* ---- strings --------------------------------------------------------------------------- */

static void unterminated_string(void **state)
{
    (void)state;
    /* the span is the opening quote; the next line still parses */
    EXPECT("budget b {\n  x \"abc\n  y 1\n}\n", "E0104 2:5-2:6");
    Compilation c;
    COMPILE(&c, "budget b {\n  x \"abc\n  y 1\n}\n");
    const Item *x = first_item(&c);
    assert_string_equal(x->label, "abc");
    assert_non_null(next_of(&c, x));
    assert_string_equal(next_of(&c, x)->id, "y");
    compilation_free(&c);
}

static void unterminated_triple_string(void **state)
{
    (void)state;
    /* the string runs to the end of the file and swallows the budget's '}': one error */
    EXPECT("budget b {\n  x \"\"\"abc\n  y 1\n}\n", "E0105 2:5-2:8");
}

static void triple_string_spans_lines(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  x \"\"\"one\n\"two\"\n\"\"\" 1\n}\n");
    assert_diag_spans(&c, "");
    const Item *x = first_item(&c);
    assert_string_equal(x->label, "one\n\"two\"\n");
    assert_int_equal(x->nvalues, 1);
    compilation_free(&c);
}

static void escapes(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  x \"a\\n\\t\\\"\\\\\\u{4E2D}\" 1\n}\n");
    assert_diag_spans(&c, "");
    assert_string_equal(first_item(&c)->label, "a\n\t\"\\中");
    compilation_free(&c);
}

static void bad_escape(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x \"a\\qb\" 1\n}\n", "E0107 2:7-2:9");
    EXPECT("budget b {\n  x \"\\u{D800}\" 1\n}\n", "E0107 2:6-2:14");
    EXPECT("budget b {\n  x \"\\u{110000}\" 1\n}\n", "E0107 2:6-2:16");
    Compilation c;
    COMPILE(&c, "budget b {\n  x \"a\\qb\" 1\n}\n");
    assert_string_equal(only_diag(&c, "E0107")->message, "unknown escape sequence");
    compilation_free(&c);
}

/* ---- numbers and characters ------------------------------------------------------------ */

static void malformed_number(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1.2.3\n}\n", "E0108 2:5-2:10");
    EXPECT("budget b {\n  x 12abc\n}\n", "E0108 2:5-2:10");
    EXPECT("budget b {\n  x 1__2\n}\n", "E0108 2:5-2:9");
}

static void malformed_number_is_not_stated(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  x 1.2.3\n}\n");
    const Item *x = first_item(&c);
    assert_int_equal(x->nvalues, 1);
    assert_false(cell_stated(sema_cell(&c.sema, x, 0)));
    compilation_free(&c);
}

static void number_too_large(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1234567890123456789012345678901234567890\n}\n", "E0113 2:5-2:45");
    EXPECT("budget b {\n  x 0.000000000000000000000000000000000000001\n}\n", "E0113 2:5-2:46");
    /* the largest numerator still fits */
    EXPECT("budget b {\n  x 170141183460469231731687303715884105727\n}\n", "");
}

static void unexpected_character(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1 @\n}\n", "E0109 2:7-2:8");
    Compilation c;
    COMPILE(&c, "budget b {\n  x 1 &\n}\n");
    const Diag *g = only_diag(&c, "E0109");
    assert_string_equal(g->message, "unexpected character '&'");
    assert_non_null(g->help);
    assert_non_null(strstr(g->help, "'and'"));
    compilation_free(&c);
}

static void full_width_comma(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  columns a, b\n  甲 1，2\n}\n");
    assert_diag_spans(&c, "E0110 3:6-3:7");
    const Diag *g = c.diags.items[0];
    assert_string_equal(g->message, "full-width '，' (U+FF0C) is not BDL punctuation");
    assert_string_equal(g->help, "write the ASCII ',' instead");
    /* it is read as ',' so the item keeps both values */
    const Item *x = first_item(&c);
    assert_string_equal(x->id, "甲");
    assert_int_equal(x->nvalues, 2);
    compilation_free(&c);
}

static void full_width_punctuation_ends_a_name(void **state)
{
    (void)state;
    EXPECT("budget b {\n  columns a, b\n  收入，2\n}\n", "E0110 3:5-3:6, E0201 3:5-3:6");
    /* read as '(' and ')' after the report: x (1), the printed form of -1 */
    Compilation c;
    COMPILE(&c, "budget b {\n  x（1）\n}\n");
    assert_diag_spans(&c, "E0110 2:4-2:5, E0110 2:6-2:7");
    assert_cell(sema_cell(&c.sema, first_item(&c), 0), "-1");
    compilation_free(&c);
}

static void lone_carriage_return(void **state)
{
    (void)state;
    /* only '\n' starts a line, so everything is on line 1; reported once per file */
    EXPECT("unit 元\rbudget b {\r  x 1\r}\r", "E0111 1:7-1:8");
}

static void crlf_is_accepted(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "unit 元\r\nbudget b {\r\n  x 1\r\n  y 2\r\n}\r\n");
    assert_diag_spans(&c, "");
    const Item *x = first_item(&c);
    assert_string_equal(x->id, "x");
    assert_string_equal(next_of(&c, x)->id, "y");
    compilation_free(&c);
}

static void bom_in_the_middle(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1 \xEF\xBB\xBF\n}\n", "E0112 2:7-2:8");
    EXPECT("budget b {\n  x 1\n}\n\xEF\xBB\xBF\n", "E0112 4:1-4:2");
}

static void leading_bom_is_skipped(void **state)
{
    (void)state;
    EXPECT("\xEF\xBB\xBF\nbudget b {\n  x 1\n}\n", "");
    EXPECT("\xEF\xBB\xBF# comment\nbudget b {\n  x 1\n}\n", "");
    EXPECT("\xEF\xBB\xBF budget b {\n  x 1\n}\n", "");
}

#ifdef BDL_KNOWN_BUGS
/* BUG: a leading BOM directly followed by a letter (the usual case: "\uFEFFunit 元") is
 * matched by the identifier rule, which is longer than the BOM rule, and reported as
 * E0110 "'\uFEFF' (U+FEFF) cannot appear outside a string" at 1:1. The design says a
 * leading BOM is skipped. Build with -DBDL_KNOWN_BUGS to run this. */
static void leading_bom_before_a_letter(void **state)
{
    (void)state;
    EXPECT("\xEF\xBB\xBFunit 元\nbudget b {\n  x 1\n}\n", "");
    EXPECT("\xEF\xBB\xBF" "budget b {\n  x 1\n}\n", "");
    /* in the middle it should be E0112, not E0110 */
    EXPECT("budget b {\n  x 1\n}\n\xEF\xBB\xBF" "budget c {\n}\n", "E0112 4:1-4:2");
}

/* BUG: a comment runs to the next '\n' ("#"|"//")[^\n]*, and scan_check_text allows '\r'
 * in it, so a lone CR after a comment is neither a line break nor E0111: the rest of the
 * line is swallowed. Here the false assertion "x == 2" vanishes and the file has no errors. */
static void lone_cr_after_comment(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1 # note\r  assert x == 2\n}\n", "E0111 2:13-2:14, E0501 2:23-2:29");
}
#endif

/* ---- syntax errors and recovery -------------------------------------------------------- */

static void syntax_error_says_what_was_expected(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "unit 元\nbudget b {\n  unit 元\n  group g = {\n    x 1\n  }\n}\n");
    const Diag *g = only_diag(&c, "E0201");
    LineCol lc = at(&c, g->span.start);
    assert_int_equal(lc.line, 4);
    assert_int_equal(lc.col, 13);
    assert_string_equal(g->message, "expected a value (a number or '-'), found '{'");
    assert_string_equal(g->primary_label, "unexpected '{'");
    compilation_free(&c);
}

static void syntax_error_at_end_of_line(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  year\n}\n");
    const Diag *g = only_diag(&c, "E0201");
    LineCol lc = at(&c, g->span.start);
    assert_int_equal(lc.line, 2);
    assert_int_equal(lc.col, 7);
    assert_string_equal(g->message, "expected a number, found end of line");
    compilation_free(&c);
}

static void unclosed_brace_points_at_it(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x 1\n", "E0202 1:10-1:11");
    /* the innermost open block is the one reported, once */
    Compilation c;
    COMPILE(&c, "budget b {\n  group g {\n    x 1\n");
    const Diag *g = only_diag(&c, "E0202");
    LineCol lc = at(&c, g->span.start);
    assert_int_equal(lc.line, 2);
    assert_int_equal(lc.col, 11);
    assert_int_equal(g->span.end - g->span.start, 1);
    assert_string_equal(g->message, "this '{' is never closed");
    assert_string_equal(g->primary_label, "block opened here");
    /* the block is closed for the parser, so the item is still there */
    const Item *grp = first_item(&c);
    assert_int_equal(grp->kind, ITEM_GROUP);
    assert_int_equal(grp->nchildren, 1);
    compilation_free(&c);
}

static void several_syntax_errors_are_all_reported(void **state)
{
    (void)state;
    /* after each error the parser resumes at the next statement, and the checker still runs */
    EXPECT("unit 元\n"
           "budget b {\n"
           "  unit 元\n"
           "  x 1 2\n"
           "  y = 3\n"
           "  z 1\n"
           "  w ) 4\n"
           "  assert z == 2\n"
           "}\n",
           "E0201 4:7-4:8, E0201 5:5-5:6, E0201 7:5-7:6, E0501 8:10-8:16");
}

static void broken_group_header_is_skipped_whole(void **state)
{
    (void)state;
    /* the group's body and '}' go with it, so the budget goes on after it */
    EXPECT("unit 元\n"
           "budget b {\n"
           "  unit 元\n"
           "  group g = {\n"
           "    x 1\n"
           "  }\n"
           "  y 5\n"
           "  assert y == 6\n"
           "}\n",
           "E0201 4:13-4:14, E0501 8:10-8:16");
}

static void errors_in_several_budgets(void **state)
{
    (void)state;
    EXPECT("budget a {\n  x 1 2\n}\nbudget b {\n  y = 3\n}\n",
           "E0201 2:7-2:8, E0201 5:5-5:6");
    Compilation c;
    COMPILE(&c, "budget a {\n  x 1 2\n}\nbudget b {\n  y = 3\n}\n");
    assert_int_equal(c.program->nbudgets, 2);
    assert_string_equal(c.program->budgets[1]->id, "b");
    compilation_free(&c);
}

/* ---- names, separators, continuation lines ---------------------------------------------- */

static void chinese_identifiers(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "unit 元\n"
                "budget 预算 {\n"
                "  unit 元\n"
                "  一般公共服务支出 5\n"
                "  group 合计 = 5 {\n"
                "    甲_1 5\n"
                "  }\n"
                "  assert 一般公共服务支出 == 合计.甲_1\n"
                "}\n");
    assert_diag_spans(&c, "");
    const Budget *b = first_budget(&c);
    assert_string_equal(b->id, "预算");
    assert_string_equal(b->items[0]->id, "一般公共服务支出");
    assert_string_equal(b->items[1]->children[0]->id, "甲_1");
    assert_int_equal(check_at(&c, 0)->results[0].status, CHECK_PASSED);
    compilation_free(&c);
}

/* UAX #31: letters of any script and combining marks after them; nothing drawn as nothing
 * (a variation selector, the Hangul filler, a tag), no bidirectional control, no symbol. */
static void names_follow_uax31(void **state)
{
    (void)state;
    EXPECT("budget b {\n  αβγ 1\n  ℕ_x 2\n  cafe\xcc\x81 3\n  Ｘ 4\n}\n", "");
    EXPECT("budget b {\n  x\xef\xb8\x80 1\n}\n", "E0114 2:4-2:5");      /* U+FE00 */
    EXPECT("budget b {\n  x\xe3\x85\xa4 1\n}\n", "E0114 2:4-2:5");      /* U+3164 */
    EXPECT("budget b {\n  x\xf3\xa0\x80\xa1 1\n}\n", "E0114 2:4-2:5");  /* U+E0021, a tag */
    EXPECT("budget b {\n  \xe2\x80\xae x 1\n}\n", "E0114 2:3-2:4");      /* U+202E */
    EXPECT("budget b {\n  x\xe2\x84\x83 1\n}\n", "E0110 2:4-2:5");      /* U+2103 ℃ */
    EXPECT("budget b {\n  \xcc\x81x 1\n}\n", "E0110 2:3-2:4");           /* a mark cannot start one */
}

/* Typed into a string or a comment, a bidirectional control must be closed on its line:
 * E0115 otherwise, W0101 when it is; an escape shows itself and is neither. */
static void bidi_controls_in_strings(void **state)
{
    (void)state;
    EXPECT("budget b {\n  x \"a\xe2\x80\xae" "b\" 1\n}\n", "E0115 2:7-2:8");
    EXPECT("budget b {\n  x \"a\xe2\x80\xae" "b\xe2\x80\xac\" 1\n}\n", "W0101 2:7-2:8");
    EXPECT("budget b {\n  x \"a\xe2\x81\xa9\" 1\n}\n", "E0115 2:7-2:8"); /* closes nothing */
    EXPECT("budget b {\n  x \"\\u{202E}\\n\" 1\n}\n", "");
    EXPECT("budget b {\n  x \"\"\"a\xe2\x81\xa6\n" "b\xe2\x81\xa9\"\"\" 1\n}\n", "E0115 2:9-2:10");
    EXPECT("# \xe2\x80\xae\nbudget b {\n  x 1\n}\n", "E0115 1:3-1:4");
}

static void semicolon_separates_statements(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n  a 5; b 6;c 7\n  group g { d 1; e 2 }\n}\n");
    assert_diag_spans(&c, "");
    const Item *it = first_item(&c);
    const char *ids[] = {"a", "b", "c", "g"};
    for (size_t i = 0; i < 4; i++, it = next_of(&c, it)) {
        assert_non_null(it);
        assert_string_equal(it->id, ids[i]);
    }
    assert_null(it);
    assert_int_equal(first_budget(&c)->nitems, 4);
    compilation_free(&c);
}

static void newline_after_comma_continues(void **state)
{
    (void)state;
    Compilation c;
    COMPILE(&c, "budget b {\n"
                "  columns a,\n"
                "          b\n"
                "  x 1,\n"
                "    2\n"
                "  assert x[a] + x[b] ==\n"
                "         3\n"
                "}\n");
    assert_diag_spans(&c, "");
    const Budget *b = first_budget(&c);
    assert_int_equal(b->ncolumns, 2);
    assert_int_equal(b->items[0]->nvalues, 2);
    assert_int_equal(check_at(&c, 0)->nresults, 1);
    assert_int_equal(check_at(&c, 0)->results[0].status, CHECK_PASSED);
    compilation_free(&c);
}

static void newline_ends_a_statement(void **state)
{
    (void)state;
    /* without a trailing ',' the next line is a new statement, so ", 2" is an error */
    EXPECT("budget b {\n  x 1\n  , 2\n}\n", "E0201 3:3-3:4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_follow_uax31),
        cmocka_unit_test(bidi_controls_in_strings),
        cmocka_unit_test(invalid_utf8_byte),
        cmocka_unit_test(invalid_utf8_message),
        cmocka_unit_test(invalid_utf8_in_string_and_comment),
        cmocka_unit_test(nul_byte),
        cmocka_unit_test(control_characters),
        cmocka_unit_test(control_character_message),
        cmocka_unit_test(unterminated_string),
        cmocka_unit_test(unterminated_triple_string),
        cmocka_unit_test(triple_string_spans_lines),
        cmocka_unit_test(escapes),
        cmocka_unit_test(bad_escape),
        cmocka_unit_test(malformed_number),
        cmocka_unit_test(malformed_number_is_not_stated),
        cmocka_unit_test(number_too_large),
        cmocka_unit_test(unexpected_character),
        cmocka_unit_test(full_width_comma),
        cmocka_unit_test(full_width_punctuation_ends_a_name),
        cmocka_unit_test(lone_carriage_return),
        cmocka_unit_test(crlf_is_accepted),
        cmocka_unit_test(bom_in_the_middle),
        cmocka_unit_test(leading_bom_is_skipped),
#ifdef BDL_KNOWN_BUGS
        cmocka_unit_test(leading_bom_before_a_letter),
        cmocka_unit_test(lone_cr_after_comment),
#endif
        cmocka_unit_test(syntax_error_says_what_was_expected),
        cmocka_unit_test(syntax_error_at_end_of_line),
        cmocka_unit_test(unclosed_brace_points_at_it),
        cmocka_unit_test(several_syntax_errors_are_all_reported),
        cmocka_unit_test(broken_group_header_is_skipped_whole),
        cmocka_unit_test(errors_in_several_budgets),
        cmocka_unit_test(chinese_identifiers),
        cmocka_unit_test(semicolon_separates_statements),
        cmocka_unit_test(newline_after_comma_continues),
        cmocka_unit_test(newline_ends_a_statement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
