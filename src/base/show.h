/* show.h - exact amounts written for people (diagnostics, reports): a decimal, or a
 * rounded figure marked "≈" when the value has no finite decimal expansion. */
#ifndef BDL_SHOW_H
#define BDL_SHOW_H

#include "base/buf.h"
#include "base/num.h"

/* "609.35", or "≈0.33333333" (8 decimals) when v has no finite decimal expansion. */
void num_show(Num v, char buf[NUM_STR_MAX]);
/* v as num_show writes it, then " UNIT" when unit is not NULL. */
void show_amount(Buf *b, Num v, const char *unit);
/* A share as a percentage: 0.4483 is "44.83%". */
void show_percent(Buf *b, Num v);

#endif
