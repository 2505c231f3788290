/* reimport.h - `bdl import --into SPEC`: the figures of a workbook written into a spec the
 * author has gone on working on. Rows are matched to items by code, else by label among
 * the children of the group their parent matched; only the text of values (a group's stated
 * totals included) is rewritten, and new rows are inserted after their previous matched
 * sibling, so IDs, notes, comments, asserts and texts stay byte for byte. Nothing is ever
 * deleted: an item the workbook no longer has is reported (W1003) and kept. */
#ifndef BDL_REIMPORT_H
#define BDL_REIMPORT_H

#include "compile/compile.h"
#include "tools/import_model.h"

/* Appends to *out the text of the spec compiled in `spec` (its main file) with the
 * figures of the import `im` (its tables found and their trees built). `file` is the
 * index of the spec's text among im's report's Sources, where its diagnostics point.
 * False after an error diagnostic (E1016: no budget to import into). */
bool reimport(Import *im, const Compilation *spec, uint32_t file, Buf *out, ReimportCounts *counts);

#endif
