/* names.h - item IDs: uniqueness among siblings, and what a reference names. */
#ifndef BDL_NAMES_H
#define BDL_NAMES_H

#include "check/context.h"

/* Reports duplicate IDs and tags among b's items (E0301, E0311) and indexes large scopes. */
void names_index(Checker *c, Budget *b);
/* The child called `id` of `parent` (of the budget's top level when NULL), or NULL. */
Item *names_child(Checker *c, const Budget *b, const Item *parent, const char *id);
/* Resolves every reference and column pick in e (into the Sema), reporting what is wrong. */
void names_resolve_expr(Checker *c, const Expr *e);
/* The index of the budget's column called `column`, or -1 (E0307, reported). */
int names_column(Checker *c, const Name *column);
/* True when e picks a column anywhere (`a[2026]`, `(a - b)[2026]`). */
bool names_has_pick(const Expr *e);
/* The item a dotted path names in the budget being checked, or NULL (reported). */
const Item *names_resolve_path(Checker *c, const Names *path);

/* "Did you mean": a file gets at most 100 suggestions and SUGGEST_WORK steps of comparing
 * names in all, so a flood of misspellings against a huge budget stays cheap. False when a
 * suggestion may no longer be looked for. */
bool suggest_begin(Checker *c);
/* edit_distance of the two, capped, its work taken from the file's allowance; `cap` once
 * the allowance is spent (suggest_work_left is then 0, and no suggestion is made). */
size_t suggest_distance(Checker *c, const char *name, const char *candidate, size_t cap);

#endif
