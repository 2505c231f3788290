/* context.h - the state the checker's phases share while they check one Program: where
 * they report, where they allocate, the facts they write (check/sema.h) and the indexes
 * they build (units, names, codes). check.c makes one; each phase takes it. */
#ifndef BDL_CONTEXT_H
#define BDL_CONTEXT_H

#include "base/intern.h"
#include "base/map.h"
#include "base/strmatch.h"
#include "check/sema.h"
#include "diag/diag.h"

/* What "did you mean" may cost a file in all: steps of edit_distance (a code point read or a
 * cell of its table). About a tenth of a second. */
enum { SUGGEST_SUGGESTIONS = 100, SUGGEST_WORK = 30 * 1000 * 1000 };

/* Budgets by ID (consolidate.c), indexed as far as the list had grown. */
typedef struct BudgetIndex {
    Map by_id;
    uint32_t indexed;
} BudgetIndex;

typedef struct Checker {
    Arena *arena;
    Interns *interns;
    Diags *diags;
    SourceSet *sources;
    Program *program;
    Sema *sema;
    Budget *budget;   /* the budget being checked */
    BudgetFacts *facts; /* its facts */
    Map units;        /* (checker, name) -> Unit */
    Unit **unit_list;
    size_t nunits, cap_units;
    Matcher unit_names; /* the names, reversed, for the prose of texts (narrative.c) */
    const Unit *sign_units[SIGN_EURO + 1]; /* built with unit_names: each sign's base unit */
    Map rate_pairs;     /* (base, base) in pointer order -> 1 + index of the pair's first rate */
    uint32_t *rate_next; /* per rate: 1 + index of the pair's next rate, or 0 (in the arena) */
    bool unit_names_built;
    Map siblings;     /* (parent item or budget, id) -> Item, for scopes of many items */
    Map bare;         /* (budget, id) -> last Item with that id (back along same_name) */
    Map same_name;    /* (item, NULL) -> the item before it with its id, in the bare index */
    const Budget *bare_indexed; /* the budget whose IDs are in `bare` */
    const char *row_name; /* inside an `each` claim: what it calls the row (interned) */
    size_t suggestions_left; /* "did you mean" scans are bounded for huge inputs: */
    size_t suggest_work_left; /* suggestions, and steps of comparing names (names.h) */
    BudgetIndex budget_index[2]; /* the imported budgets, the main file's */
    Map schemes;      /* (checker, id) -> Classification */
    Map codes;        /* (Classification, code) -> ClassNode */
    Map code_names;   /* (Classification, interned name) -> the first ClassNode of that name */
    Map code_lengths; /* (Classification, NULL) -> uint64_t: bit n set if it has n-digit codes */
    size_t nschemes;
    Map rulesets;     /* (checker, id) -> RuleSet, the first declared */
    Map roles;        /* (RuleSet, id) -> Role, the first declared */
    Map broken_rulesets; /* (RuleSet, NULL) -> RuleSet: reported as wrong, never applied */
    Map shared_applies;  /* (checker, name) -> Apply: `apply R as NAME { ... }` */
} Checker;

/* The facts of an item, an expression, a check. */
static inline ItemFacts *facts_of(const Checker *c, const Item *it)
{
    return sema_item(c->sema, it);
}

#endif
