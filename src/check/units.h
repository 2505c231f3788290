/* units.h - unit declarations, exact scale conversion, dimensions and rates. */
#ifndef BDL_UNITS_H
#define BDL_UNITS_H

#include "base/buf.h"
#include "check/context.h"

enum { MAX_DIMS = 4 };

/* A product of base units with exponents: 万元/人 is {元:1, 人:-1}. */
typedef struct Dim {
    const Unit *base[MAX_DIMS];
    int8_t exp[MAX_DIMS];
    uint8_t n;
} Dim;

/* Declares every unit and rate of the program (E03xx for what is wrong). */
void units_declare(Checker *c);
/* The unit called `name`, or NULL (reported at `at` unless its declaration already was). */
const Unit *unit_find(Checker *c, const char *name, Span at);
/* The same without a report: NULL when unknown. */
const Unit *unit_lookup(Checker *c, const char *name);
bool unit_same_dim(const Unit *a, const Unit *b);
/* A currency sign written before v must be that of its unit's dimension (E0321). */
void unit_check_sign(Checker *c, const Value *v, const Unit *u);
/* Converts v from one unit to another of the same dimension, exactly. */
NumStatus unit_convert(Num v, const Unit *from, const Unit *to, Num *out);
Dim dim_of(const Unit *u);
bool dim_equal(const Dim *a, const Dim *b);
/* a * b (sign 1) or a / b (sign -1); *ok is false when the result would need more than
 * MAX_DIMS distinct base units (the caller reports it). */
Dim dim_combine(const Dim *a, const Dim *b, int sign, bool *ok);
void dim_write(Buf *b, const Dim *d);
/* A rate connecting two dimensions (amount in `from` times factor = amount in `to`). */
const RateDecl *rate_find(Checker *c, const Unit *from, const Unit *to, Num *factor);

#endif
