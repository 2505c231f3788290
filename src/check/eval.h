/* eval.h - evaluating claims and quoted amounts, with exact arithmetic, dimensional units
 * and not-stated propagation. */
#ifndef BDL_EVAL_H
#define BDL_EVAL_H

#include "check/context.h"

/* Resolves and evaluates every check of b in each of its columns (or once). */
void checks_evaluate(Checker *c, Budget *b);

/* An expression's value for prose, read in the budget's first column unless picked. */
typedef struct Amount {
    bool valid;     /* false after an error (reported) */
    bool is_claim;  /* true/false rather than an amount */
    bool stated;
    Num value;      /* in `unit`: the budget's unit when it measures the same thing */
    const char *unit; /* NULL for a plain number */
    const Item *missing; /* not stated: the first item that is not */
} Amount;
Amount eval_amount(Checker *c, const Expr *e);

/* "rule T1_BALANCE of department_budget (std/cn/department-budget.bdl:40:3): 收支总表…",
 * on every diagnostic about what a rule set adds to a budget (language.md 16). */
void rule_note(Checker *c, Diag *g, const RuleSet *set, const Obligation *o);

#endif
