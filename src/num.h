/* num.h - exact rational arithmetic on 128-bit integers.
 * Every amount in BDL is a Num: num/den, den > 0, always in lowest terms.
 * No operation ever rounds silently: each returns NUM_OVERFLOW or NUM_DIV_ZERO
 * instead of a wrong answer, and the caller turns that into a diagnostic. */
#ifndef BDL_NUM_H
#define BDL_NUM_H

#include <stdbool.h>
#include <stddef.h>

typedef __int128 i128;

typedef struct Num {
    i128 num, den;
} Num;

typedef enum NumStatus { NUM_OK, NUM_OVERFLOW, NUM_DIV_ZERO, NUM_SYNTAX } NumStatus;

/* Longest decimal string num_format can produce, with sign, point and NUL. */
enum { NUM_STR_MAX = 96 };

Num num_int(long long v);
bool num_is_zero(Num a);
NumStatus num_add(Num a, Num b, Num *out);
NumStatus num_sub(Num a, Num b, Num *out);
NumStatus num_mul(Num a, Num b, Num *out);
NumStatus num_div(Num a, Num b, Num *out);
NumStatus num_neg(Num a, Num *out);
Num num_abs(Num a); /* callers only pass values produced by num_neg-safe paths */
int num_cmp(Num a, Num b); /* exact, never overflows */

/* Parse a decimal literal ("1_234.56"); *decimals receives the digits after the point. */
NumStatus num_parse(const char *s, size_t len, Num *out, int *decimals);
/* 10^-places, e.g. num_step(2) == 0.01. */
Num num_step(int places);
/* Round to a multiple of step, halves away from zero (四舍五入). step > 0. */
NumStatus num_round(Num a, Num step, Num *out);
/* Exact text: a decimal when the value has a finite expansion, else "num/den". */
void num_format(Num a, char buf[NUM_STR_MAX]);
/* Decimal text rounded half away from zero to `places` digits (for display only). */
void num_format_fixed(Num a, int places, char buf[NUM_STR_MAX]);
/* True when the value has a finite decimal expansion. */
bool num_is_decimal(Num a);

#endif
