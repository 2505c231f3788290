/* rules.h - rule sets (language.md 16): declared once, usually in the library, and
 * followed by budgets through `apply` blocks that bind the set's roles to the budget's
 * figures and columns. A rule's claims become checks of the budget, evaluated with its
 * own; its other statements and the obligation ledger (check/sema.h, Ledger) are settled
 * once the budget is checked. Every problem found is reported at the `apply` block. */
#ifndef BDL_RULES_H
#define BDL_RULES_H

#include "check/context.h"

/* Indexes the program's rule sets and shared bindings, and checks each rule set's
 * own consistency (E1111) and what shared bindings apply (E1101, E1104). */
void rulesets_declare(Checker *c);
/* Binds the roles of every rule set b applies (E1101-E1106) and adds the claims of the
 * obligations that apply to b's checks; before the checks are evaluated. */
void rules_apply(Checker *c, Budget *b);
/* The other statements of those obligations (E1107-E1110), then the status of each in
 * the ledger; after the checks and texts of b. */
void rules_finish(Checker *c, Budget *b);

#endif
