/* csv.h - one table of a checked budget as an RFC 4180 CSV file, for spreadsheets and
 * scripts: UTF-8 with a byte order mark (so that Excel reads Chinese labels right), CRLF
 * line ends, a header row, then one row per item with its figures exact as published. */
#ifndef BDL_EMIT_CSV_H
#define BDL_EMIT_CSV_H

#include "compile/compile.h"

#include <stdio.h>

/* Writes table `group` of budget b (a top-level group, or NULL for the budget's
 * stand-alone items: emit/layout.h's tables); false when the stream reports an error. */
bool emit_csv_table(Compilation *c, const Budget *b, const Item *group, FILE *out);

#endif
