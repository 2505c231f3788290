/* consolidate.h - `consolidate`: the same-named groups of several budgets side by side. */
#ifndef BDL_CONSOLIDATE_H
#define BDL_CONSOLIDATE_H

#include "check/context.h"

/* Makes k's budget: its columns (one per member, and `total`) and its merged groups, with
 * their figures and reconciliations, from the members already checked. The driver then
 * checks it like any budget. */
void consolidation_build(Checker *c, Consolidation *k);

#endif
