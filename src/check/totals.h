/* totals.h - every item's figures per column, group sums, and the reconciliation of stated
 * totals with the rounding bound. */
#ifndef BDL_TOTALS_H
#define BDL_TOTALS_H

#include "check/context.h"

void totals_check(Checker *c, Budget *b);
/* Counts a settled group's reconciliations into its budget's facts. */
void totals_count(BudgetFacts *f, const Recon *r, uint32_t ncolumns);

#endif
