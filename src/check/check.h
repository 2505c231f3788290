/* check.h - the checker: units, names, totals and assertions (design sections 3-7).
 * It annotates the Program in place (Item cells, reconciliations, check results) and
 * reports every problem to the diagnostics engine. */
#ifndef BDL_CHECK_H
#define BDL_CHECK_H

#include "syntax/ast.h"
#include "diag/diag.h"
#include "base/intern.h"

typedef struct CheckStats {
    size_t checks_passed, checks_failed, checks_skipped, checks_invalid;
    size_t totals_exact, totals_rounding, totals_failed, totals_skipped;
} CheckStats;

void check_program(Program *p, SourceSet *sources, Arena *arena, Interns *interns, Diags *diags);

/* The unit a check result's values are shown in ("万元"), or "" for plain numbers. */
const char *unit_name(const Unit *u);
/* Overall status of a check across its columns: failed > passed > skipped. */
CheckStatus check_status(const Check *c);
void budget_stats(const Budget *b, CheckStats *out);
/* "by_nature.basic": the dotted path of an item from its budget. */
char *item_path(const Item *it);
/* An exact value for people: a decimal, or "≈0.4483263" when it has no finite expansion. */
void num_show(Num v, char buf[NUM_STR_MAX]);

#endif
