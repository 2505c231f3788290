/* classify.h - classification schemes, the codes items cite, and views rolled up by code. */
#ifndef BDL_CLASSIFY_H
#define BDL_CLASSIFY_H

#include "check/context.h"

/* Indexes every scheme's codes (E0704, E0705). */
void classifications_declare(Checker *c);
/* Resolves every `code` of the budget's items, checks nesting and labels (E07xx, W0701). */
void codes_check(Checker *c, Budget *b);
/* Builds the rows of every `view` of the budget (after totals_check). */
void views_build(Checker *c, Budget *b);

#endif
