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
    bool unit_names_built;
    Map siblings;     /* (parent item or budget, id) -> Item, for scopes of many items */
    Map bare;         /* (budget, id) -> last Item with that id (back along same_name) */
    Map same_name;    /* (item, NULL) -> the item before it with its id, in the bare index */
    const Budget *bare_indexed; /* the budget whose IDs are in `bare` */
    size_t suggestions_left; /* "did you mean" scans are bounded for huge inputs */
    Map schemes;      /* (checker, id) -> Classification */
    Map codes;        /* (Classification, code) -> ClassNode */
    size_t nschemes;
} Checker;

/* The facts of an item, an expression, a check. */
static inline ItemFacts *facts_of(const Checker *c, const Item *it)
{
    return sema_item(c->sema, it);
}

#endif
