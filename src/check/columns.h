/* columns.h - what each column is (a period, or derived by a formula: a change, a rate, a
 * share), bases derived from changes, and every derived figure checked in every row
 * (docs/language.md 4.5-4.7). */
#ifndef BDL_COLUMNS_H
#define BDL_COLUMNS_H

#include "check/context.h"

/* Resolves b's column formulas (E0307, E0330-E0332) into its facts: kinds, the order
 * derived columns are computed in, the period columns. */
void columns_resolve(Checker *c, Budget *b);
/* Whether value col of `it` is written as its column wants (a percentage in a ratio
 * column, and only there); false after E0411. */
bool columns_value_fits(Checker *c, const Item *it, uint32_t col);
/* Called for each item once its own figures are settled (children before their group):
 * how far each figure may be from the unrounded one, and a period figure the row left out
 * derived from a change (B = A - D). Does nothing when b has no derived columns. */
void columns_settle_item(Checker *c, const Item *it);
/* Every derived figure of every row: computed where not stated, checked where stated. */
void columns_check(Checker *c, Budget *b);
/* The derived figures of rows the checker made (a view's, whose figures are sums): each
 * computed from the row's own figures by its column's formula, under and including root. */
void columns_derive_rows(Checker *c, const Item *root);

#endif
