/* test_rules.c - rule sets applied to budgets (docs/language.md 16): how roles are bound
 * and resolved, what becomes of an obligation whose role is unbound, absent or not
 * stated, the claims a rule set adds as checks, shared bindings, and the ledger. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

/* A small rule set: two figures, two columns, a threshold, an optional table. With UNITS
 * it is 24 lines, so a budget after it starts on line 25. */
#define RULES                                                                                      \
    "rules r \"测试规则\" {\n"                                                                     \
    "  column now \"本年\"\n"                                                                      \
    "  column before \"上年\"\n"                                                                   \
    "  param limit \"幅度\" = 10%\n"                                                               \
    "  role income \"收入\"\n"                                                                     \
    "  role spending \"支出\"\n"                                                                   \
    "  role fund \"基金\" optional \"基金\"\n"                                                     \
    "  obligation BAL \"收支平衡\" {\n"                                                            \
    "    assert income == spending\n"                                                              \
    "  }\n"                                                                                        \
    "  obligation FUND \"基金不为负\" {\n"                                                         \
    "    assert fund >= 0\n"                                                                       \
    "  }\n"                                                                                        \
    "  obligation GROW \"收入不减\" {\n"                                                           \
    "    assert income[now] >= income[before]\n"                                                   \
    "  }\n"                                                                                        \
    "  obligation WHY \"变动说明\" {\n"                                                            \
    "    reasons income from before to now over limit\n"                                           \
    "  }\n"                                                                                        \
    "  obligation LATER \"以后\" pending \"not yet\"\n"                                            \
    "}\n"

static const Ledger *ledger_at(const Compilation *c, uint32_t budget, uint32_t n)
{
    const Budget *b = c->program->budgets[budget];
    assert_true(n < b->napplies);
    const Ledger *l = sema_ledger(&c->sema, b->applies[n]);
    assert_non_null(l->set);
    return l;
}

static const RoleFacts *role_at(const Ledger *l, const char *id)
{
    for (uint32_t i = 0; i < l->set->nroles; i++)
        if (strcmp(l->set->roles[i].id.text, id) == 0)
            return &l->roles[i];
    fail_msg("no role %s", id);
    return NULL;
}

static const Duty *duty_at(const Ledger *l, const char *id)
{
    for (uint32_t i = 0; i < l->set->nobligations; i++)
        if (strcmp(l->duties[i].obligation->id.text, id) == 0)
            return &l->duties[i];
    fail_msg("no obligation %s", id);
    return NULL;
}

static void roles_resolve_to_items_columns_and_params(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES
                "budget b {\n  unit 万元\n  columns y26, y25\n"
                "  group g = 10, 9 note \"增加\" { a 10, 9 }\n  item s 10, 9\n"
                "  apply r {\n    now = y26\n    before = y25\n    income = g\n    spending = s\n"
                "    fund = none \"本部门无基金\"\n    limit = 20%\n  }\n}\n");
    assert_diags(&c, "");
    const Ledger *l = ledger_at(&c, 0, 0);
    assert_ptr_equal(role_at(l, "income")->item, item_at(&c, "g"));
    assert_ptr_equal(role_at(l, "spending")->item, item_at(&c, "s"));
    assert_int_equal(role_at(l, "now")->column, 0);
    assert_int_equal(role_at(l, "before")->column, 1);
    assert_numtext(role_at(l, "limit")->value, "0.2");
    assert_int_equal(duty_at(l, "BAL")->status, DUTY_PASSED);
    assert_int_equal(duty_at(l, "GROW")->status, DUTY_PASSED);
    assert_int_equal(duty_at(l, "WHY")->status, DUTY_PASSED);
    assert_int_equal(duty_at(l, "FUND")->status, DUTY_NOT_APPLICABLE);
    assert_string_equal(duty_at(l, "FUND")->reason, "本部门无基金");
    assert_int_equal(duty_at(l, "LATER")->status, DUTY_NOT_IMPLEMENTED);
    assert_int_equal(l->counts[DUTY_PASSED], 3);
    assert_int_equal(l->counts[DUTY_NOT_APPLICABLE], 1);
    assert_int_equal(l->counts[DUTY_NOT_IMPLEMENTED], 1);
    compilation_free(&c);
}

static void claims_become_checks_of_the_budget(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES
                "budget b {\n  unit 万元\n  columns y26, y25\n  item x 7, 5\n  item y 3, 4\n  item s 10, 8\n"
                "  assert s > 0\n"
                "  apply r {\n    now = y26\n    before = y25\n    income = x + y\n    spending = s\n"
                "    fund = 0\n  }\n}\n");
    /* BAL fails in y25 (9 against 8); WHY cannot read a note from an amount (E1105). */
    assert_diags(&c, "E0501 32:9, E1105 35:5");
    const Budget *b = first_budget(&c);
    assert_int_equal(b->nchecks, 4); /* its own, then BAL, FUND, GROW */
    assert_null(b->checks[0]->applied);
    const Check *bal = b->checks[1];
    assert_non_null(bal->applied);
    assert_string_equal(bal->applied->obligation->id.text, "BAL");
    assert_string_equal(bal->message, "收支平衡");
    const CheckFacts *kf = check_at(&c, 1);
    assert_int_equal(kf->status, CHECK_FAILED);
    assert_int_equal(kf->results[0].status, CHECK_PASSED);
    assert_int_equal(kf->results[1].status, CHECK_FAILED);
    /* The operands are the budget's items the binding names, read in each column. */
    assert_int_equal(kf->results[1].noperands, 3);
    assert_ptr_equal(kf->results[1].operands[0].item, item_at(&c, "x"));
    assert_ptr_equal(kf->results[1].operands[1].item, item_at(&c, "y"));
    assert_ptr_equal(kf->results[1].operands[2].item, item_at(&c, "s"));
    const Ledger *l = ledger_at(&c, 0, 0);
    assert_int_equal(duty_at(l, "BAL")->status, DUTY_FAILED);
    assert_int_equal(duty_at(l, "FUND")->status, DUTY_PASSED);
    assert_int_equal(duty_at(l, "GROW")->status, DUTY_PASSED); /* 10 >= 9, once */
    assert_int_equal(check_at(&c, 3)->nresults, 1);
    assert_int_equal(duty_at(l, "WHY")->status, DUTY_INVALID);
    compilation_free(&c);
}

static void unbound_roles_are_one_error_and_never_pass(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES "budget b {\n  unit 万元\n  item s 1\n  apply r {\n    spending = s\n  }\n}\n");
    assert_diags(&c, "E1102 28:9");
    const Diag *g = c.diags.items[0];
    assert_non_null(strstr(g->message, "now, before, income, fund"));
    const Ledger *l = ledger_at(&c, 0, 0);
    assert_int_equal(duty_at(l, "BAL")->status, DUTY_INVALID);
    assert_int_equal(duty_at(l, "FUND")->status, DUTY_INVALID);
    assert_int_equal(l->counts[DUTY_PASSED], 0);
    assert_int_equal(first_budget(&c)->nchecks, 0);
    compilation_free(&c);
}

static void unstated_and_absent_roles(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES
                "budget b {\n  unit 万元\n  columns y26, y25\n  item s 1, 1\n"
                "  apply r {\n    now = y26\n    before = none \"只有本年\"\n    income = - \"未公开\"\n"
                "    spending = s\n    fund = none \"不需要\"\n    other = 1\n  }\n}\n");
    /* `fund`'s reason need not say 基金: only a `stated` rule reads it. `other` is no role. */
    assert_diags(&c, "E1103 35:5");
    const Ledger *l = ledger_at(&c, 0, 0);
    assert_int_equal(duty_at(l, "BAL")->status, DUTY_SKIPPED);
    assert_string_equal(duty_at(l, "BAL")->reason, "未公开");
    assert_string_equal(duty_at(l, "BAL")->because->role.text, "income");
    /* GROW needs both `before` (none) and `income` (-): not applicable wins. */
    assert_int_equal(duty_at(l, "GROW")->status, DUTY_NOT_APPLICABLE);
    assert_string_equal(duty_at(l, "GROW")->reason, "只有本年");
    compilation_free(&c);
}

static void required_role_cannot_be_none(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES
                "budget b {\n  unit 万元\n  columns y26, y25\n  item s 1, 1\n"
                "  apply r {\n    now = y26\n    before = y25\n    income = none \"没有\"\n"
                "    spending = s\n    fund = 0\n    limit = s\n  }\n}\n");
    assert_diags(&c, "E1106 32:5, E1105 35:5");
    const Ledger *l = ledger_at(&c, 0, 0);
    assert_int_equal(duty_at(l, "BAL")->status, DUTY_INVALID);
    assert_int_equal(duty_at(l, "WHY")->status, DUTY_INVALID);
    assert_int_equal(duty_at(l, "FUND")->status, DUTY_PASSED);
    compilation_free(&c);
}

/* Shared bindings serve several budgets; a budget's own binding overrides them; each
 * budget's checks are its own copies, with their own results. */
static void shared_bindings_and_overrides(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS RULES
                "apply r as layout {\n  now = y26\n  before = y25\n  income = income\n  spending = spending\n"
                "  fund = none \"无基金\"\n}\n"
                "budget a {\n  unit 万元\n  columns y26, y25\n  item income 5, 5\n  item spending 5, 5\n"
                "  apply layout {\n  }\n}\n"
                "budget b {\n  unit 万元\n  columns y26, y25\n  item income 6, 6\n  item spending 5, 5\n"
                "  item fund 1, 1\n  apply layout {\n    fund = fund\n  }\n}\n");
    assert_diags(&c, "E0501 46:9");
    const Ledger *la = ledger_at(&c, 0, 0), *lb = ledger_at(&c, 1, 0);
    assert_non_null(la->shared);
    assert_int_equal(duty_at(la, "BAL")->status, DUTY_PASSED);
    assert_int_equal(duty_at(lb, "BAL")->status, DUTY_FAILED);
    assert_int_equal(duty_at(la, "FUND")->status, DUTY_NOT_APPLICABLE);
    assert_int_equal(duty_at(lb, "FUND")->status, DUTY_PASSED);
    assert_ptr_not_equal(duty_at(la, "BAL")->checks[0], duty_at(lb, "BAL")->checks[0]);
    compilation_free(&c);
}

static void within_rounding_counts_the_figures(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS
                "budget b {\n  unit 万元\n  rounding 0.01\n  item t 434.72\n  item y 434.16\n  item o 0.55\n"
                "  assert t == y + o within rounding\n  assert t == y + o + 0 within rounding\n"
                "  assert t + 0.01 == y + o within rounding\n}\n");
    /* 3 figures: 0.015 allows 0.01; a literal is no figure; 0.02 is too much. */
    assert_diags(&c, "E0501 12:10");
    assert_int_equal(check_at(&c, 0)->status, CHECK_PASSED);
    assert_int_equal(check_at(&c, 1)->status, CHECK_PASSED);
    assert_int_equal(check_at(&c, 2)->status, CHECK_FAILED);
    compilation_free(&c);
}

static void invalid_rule_set_is_never_applied(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS
                "rules bad {\n  role a\n  obligation X {\n    assert a == b\n  }\n  obligation Y\n}\n"
                "budget b {\n  item a 1\n  apply bad {\n    a = a\n  }\n}\n");
    assert_diags(&c, "E1111 7:17, E1111 9:14");
    const Budget *b = first_budget(&c);
    assert_null(sema_ledger(&c.sema, b->applies[0])->set);
    assert_int_equal(b->nchecks, 0);
    compilation_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roles_resolve_to_items_columns_and_params),
        cmocka_unit_test(claims_become_checks_of_the_budget),
        cmocka_unit_test(unbound_roles_are_one_error_and_never_pass),
        cmocka_unit_test(unstated_and_absent_roles),
        cmocka_unit_test(required_role_cannot_be_none),
        cmocka_unit_test(shared_bindings_and_overrides),
        cmocka_unit_test(within_rounding_counts_the_figures),
        cmocka_unit_test(invalid_rule_set_is_never_applied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
