/* figures.h - the checker's facts written for people, as hovers, inlay hints and related
 * information show them: figures with their units, a total's reconciliation, the sides of
 * a claim. Each appends to a Buf. */
#ifndef BDL_LSP_FIGURES_H
#define BDL_LSP_FIGURES_H

#include "base/buf.h"
#include "check/sema.h"

/* "544.54 万元", or "not stated". */
void put_cell(Buf *b, Cell c, const Unit *unit);
/* An item's figure in column col (which may be past its columns: not stated). */
void put_figure(Buf *b, const Sema *s, const Item *it, uint32_t col);
/* How many items of group g its sums count (memos and excluded items aside). */
uint32_t summed_count(const Sema *s, const Item *g);
/* "(4 + 1) × 0.01 / 2 = 0.025 万元": the bound of a reconciled column of group g. */
void put_bound(Buf *b, const Sema *s, const Budget *budget, const Item *g, const Recon *r);
/* "matches", "within rounding", "does not match", "not compared", "no total stated". */
const char *recon_word(ReconStatus st);
const char *check_word(CheckStatus st);
/* One side of a comparison as the result holds it (a share as a percentage); the
 * published side of ~= with the decimals it was published with. */
void put_side(Buf *b, const CheckResult *r, Cell side, bool published);

#endif
