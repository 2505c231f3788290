/* layout.h - how a budget's tables are laid out in every output that shows them as tables
 * (the HTML page, the workbook, the CSV files): which tables there are, whether their fixed
 * words are Chinese, the precision figures are shown to, and each column's heading. It
 * reads the tree and the checker's facts only; nothing here allocates but layout_tables. */
#ifndef BDL_EMIT_LAYOUT_H
#define BDL_EMIT_LAYOUT_H

#include "check/sema.h"

/* Figures are never shown with more decimals than this. */
enum { LAYOUT_MAX_PLACES = 12 };

/* The tables of a budget, in order: one per top-level group (its Item), then, when the
 * budget has stand-alone items, one more whose entry is NULL. *n is the count; the caller
 * frees the array. */
const Item **layout_tables(const Budget *b, uint32_t *n);

/* True when s holds a Han (CJK ideograph) character. */
bool layout_has_han(const char *s);
/* True when the budgets written (`only`, or every budget of p when NULL) speak Chinese:
 * their titles, labels, column labels, metadata, check messages or texts hold Han. */
bool layout_chinese(const Sema *s, const Program *p, const Budget *only);

/* Decimals the budget's figures are shown with: its `rounding`'s (0.01: 2); without one,
 * the most any figure in the budget's unit is written with. */
int layout_places(const Sema *s, const Budget *b);
/* Decimals a row is shown with: `places` (the budget's) in the budget's unit, the written
 * precision in any other (a count of vehicles). */
int layout_item_places(const Sema *s, const Budget *b, int places, const Item *it);

/* The heading of column i: its label, or its ID; in a roll-up, a member budget's column is
 * named by its `meta entity` when it has one, and the last column is `total_word`. */
const char *layout_column(const Sema *s, const Budget *b, uint32_t i, const char *total_word);
/* True for a roll-up's last column, which adds up the others. */
bool layout_total_column(const Budget *b, uint32_t i);

/* The scheme code i of `it` belongs to: the one it resolved to, else as written ("" when
 * neither says). */
const char *layout_code_scheme(const Sema *s, const Item *it, uint32_t i);

/* The view top-level group g is laid out as: g itself when it is a view, or in a roll-up
 * the view its first budget states under g's ID (the roll-up merges the budgets' views row
 * by row); NULL when g is an ordinary group. */
const Item *layout_view(const Sema *s, const Budget *b, const Item *g);

#endif
