/* num.h - exact rational arithmetic on 128-bit integers.
 * Every amount in BDL is a Num: num/den, den > 0, always in lowest terms.
 * No operation ever rounds silently: each returns NUM_OVERFLOW or NUM_DIV_ZERO
 * instead of a wrong answer, and the caller turns that into a diagnostic. */
#ifndef BDL_NUM_H
#define BDL_NUM_H

#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 i128;

typedef struct Num {
    i128 num, den;
} Num;

/* A Num in 8 bytes, for the millions of figures a tree keeps. A figure is nearly always
 * n / (2^a 5^b), a decimal amount in lowest terms: with |n| < 2^52 it is stored whole,
 *     bits = n << 11 | b << 6 | a << 1 | 1,
 * and anything else is a pointer to the full Num in the arena (aligned: its low bit is 0).
 * 0 is a figure with no value (not stated, or a literal already reported as invalid), so
 * zeroed memory holds figures that are not stated. packed_num gives back exactly the
 * Num that was packed. */
typedef struct PackedNum {
    uint64_t bits;
} PackedNum;

extern const long long packed_pow5[28]; /* 5^0 .. 5^27, every power of 5 a long long holds */

static inline bool packed_has(PackedNum p)
{
    return p.bits != 0;
}

/* The value; 0 when there is none. */
static inline Num packed_num(PackedNum p)
{
    if (p.bits & 1) {
        long long n = (long long)p.bits >> 11; /* arithmetic: the sign comes back */
        unsigned a = (unsigned)(p.bits >> 1) & 31, b = (unsigned)(p.bits >> 6) & 31;
        return (Num){n, (i128)(packed_pow5[b] << a)};
    }
    return p.bits ? *(const Num *)(uintptr_t)p.bits : (Num){0, 1};
}

static inline PackedNum packed_none(void)
{
    return (PackedNum){0};
}

/* v packed; copied into the arena when it needs more than 64 bits. */
PackedNum num_pack(Arena *a, Num v);

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

/* A running sum reduced once, at the end: the terms are brought to a common denominator
 * (for decimal amounts it settles at a power of ten), so a term costs one division where
 * num_add costs two GCDs. Exact like num_add; a sum too wide for its unreduced form goes
 * on with num_add, so it reports overflow only where num_add would. */
typedef struct NumSum {
    i128 num, den;
} NumSum;

static inline NumSum num_sum_start(void)
{
    return (NumSum){0, 1};
}
NumStatus num_sum_add(NumSum *s, Num v);
Num num_sum_total(NumSum s);

/* Parse a decimal literal ("1_234.56"); *decimals receives the digits after the point. */
NumStatus num_parse(const char *s, size_t len, Num *out, int *decimals);
/* num_parse, then num_pack; a literal that fits the packed word goes there without a Num. */
NumStatus num_parse_packed(Arena *a, const char *s, size_t len, PackedNum *out, int *decimals);
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
