/* check.h - the checker: units, names, codes, totals, checks, consolidations and texts of
 * a Program (docs/language.md 3-15). It writes what it finds into a Sema (check/sema.h),
 * never into the syntax tree, and reports every problem to the diagnostics engine. */
#ifndef BDL_CHECK_H
#define BDL_CHECK_H

#include "base/intern.h"
#include "check/sema.h"
#include "diag/diag.h"

/* Checks p; `sema` is initialised here and lives in `arena`. */
void check_program(Program *p, Sema *sema, SourceSet *sources, Arena *arena, Interns *interns, Diags *diags);

#endif
