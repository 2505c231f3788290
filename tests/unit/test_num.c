/* test_num.c - exact rationals (src/num.h): parsing, arithmetic, overflow, comparison,
 * rounding half away from zero, and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/num.h"

#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

#define MAX128 ((i128)(((u128)1 << 127) - 1))
#define POW2(k) ((i128)1 << (k))

/* 10^k as an i128 (k <= 38). */
static i128 pow10_i(int k)
{
    i128 p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* Own decimal printer for i128, so failures show numbers and num_format is not used to
 * check itself. */
static char *i128_text(i128 v, char *out)
{
    char tmp[48];
    size_t n = 0;
    u128 m = v < 0 ? (u128)0 - (u128)v : (u128)v;
    do {
        tmp[n++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m);
    char *o = out;
    if (v < 0)
        *o++ = '-';
    while (n)
        *o++ = tmp[--n];
    *o = '\0';
    return out;
}

static const char *frac_text(Num a, char *out)
{
    i128_text(a.num, out);
    strcat(out, "/");
    i128_text(a.den, out + strlen(out));
    return out;
}

/* Compares num and den exactly (so "in lowest terms" is checked too). */
#define assert_num(got, N, D)                                                                    \
    do {                                                                                         \
        char got_[100], want_[100];                                                              \
        assert_string_equal(frac_text((got), got_), frac_text((Num){(N), (D)}, want_));          \
    } while (0)

static Num parse_ok(const char *s, int *decimals)
{
    Num n = {0, 0};
    assert_int_equal(num_parse(s, strlen(s), &n, decimals), NUM_OK);
    return n;
}

static NumStatus parse_status(const char *s)
{
    Num n;
    int d;
    return num_parse(s, strlen(s), &n, &d);
}

static Num q(long long num, long long den)
{
    return (Num){num, den};
}

/* ---- parsing --------------------------------------------------------------------- */

static void parse_decimal(void **state)
{
    (void)state;
    int d = -1;
    assert_num(parse_ok("609.35", &d), 12187, 20);
    assert_int_equal(d, 2);
    assert_num(parse_ok("13", &d), 13, 1);
    assert_int_equal(d, 0);
    assert_num(parse_ok("0.5", &d), 1, 2);
    assert_int_equal(d, 1);
}

static void parse_underscores(void **state)
{
    (void)state;
    int d = -1;
    assert_num(parse_ok("1_234.56", &d), 30864, 25);
    assert_int_equal(d, 2);
    assert_num(parse_ok("1_234_567", &d), 1234567, 1);
    assert_int_equal(d, 0);
    assert_num(parse_ok("1_000.000_1", &d), 10000001, 10000);
    assert_int_equal(d, 4);
}

static void parse_counts_written_decimals(void **state)
{
    (void)state;
    int d = -1;
    assert_num(parse_ok("1.50", &d), 3, 2);
    assert_int_equal(d, 2);
    assert_num(parse_ok("0.000", &d), 0, 1);
    assert_int_equal(d, 3);
    assert_num(parse_ok("7.0", NULL), 7, 1);
}

static void parse_uses_only_len_bytes(void **state)
{
    (void)state;
    Num n;
    int d = -1;
    assert_int_equal(num_parse("12345", 3, &n, &d), NUM_OK);
    assert_num(n, 123, 1);
    assert_int_equal(num_parse("1.25x", 4, &n, &d), NUM_OK);
    assert_num(n, 5, 4);
    assert_int_equal(d, 2);
}

static void parse_malformed(void **state)
{
    (void)state;
    const char *bad[] = {"", ".", "_", "1.2.3", "12a", "-5", "1e3", " 1", "1,5", "５"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char got[32], want[32];
        snprintf(got, sizeof got, "'%s': %d", bad[i], (int)parse_status(bad[i]));
        snprintf(want, sizeof want, "'%s': %d", bad[i], (int)NUM_SYNTAX);
        assert_string_equal(got, want);
    }
}

static void parse_overflow(void **state)
{
    (void)state;
    /* 2^127 - 1 is the largest numerator; one more does not fit. */
    assert_num(parse_ok("170141183460469231731687303715884105727", NULL), MAX128, 1);
    assert_int_equal(parse_status("170141183460469231731687303715884105728"), NUM_OVERFLOW);
    assert_int_equal(parse_status("999999999999999999999999999999999999999"), NUM_OVERFLOW);
    assert_int_equal(parse_status("1_000_000_000_000_000_000_000_000_000_000_000_000_000"),
                     NUM_OVERFLOW);
    assert_num(parse_ok("99999999999999999999999999999999999999", NULL), pow10_i(38) - 1, 1);
}

static void parse_overflow_in_decimals(void **state)
{
    (void)state;
    /* 38 places: the denominator 10^38 fits; 39 places do not. */
    assert_num(parse_ok("0.00000000000000000000000000000000000001", NULL), 1, pow10_i(38));
    assert_int_equal(parse_status("0.000000000000000000000000000000000000001"), NUM_OVERFLOW);
    assert_int_equal(parse_status("2234567890123456789.01234567890123456789"), NUM_OVERFLOW);
}

/* ---- arithmetic ------------------------------------------------------------------ */

/* ---- packing ---------------------------------------------------------------------- */

/* Decimal figures (n / 2^a 5^b, |n| < 2^52) stay in the PackedNum's 8 bytes; any other
 * goes to the arena; both come back exactly, and "no value" is neither. */
static void pack_round_trips(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    long long edge = 1LL << 52;
    Num in_place[] = {q(0, 1), q(-609, 100), q(1, 2), q(-49, 4), q(edge - 1, 1), q(-edge, 1),
                      q(3, 7450580596923828125LL), q(1, 1LL << 31), q(7, (1LL << 31) * 5)};
    for (size_t i = 0; i < sizeof in_place / sizeof in_place[0]; i++) {
        PackedNum p = num_pack(&a, in_place[i]);
        assert_true(p.bits & 1);
        assert_true(packed_has(p));
        assert_num(packed_num(p), in_place[i].num, in_place[i].den);
    }
    i128 wide = pow10_i(30) + 7;
    Num big[] = {{wide, 1}, {-wide, 3}, {1, wide}, {edge, 1}, {-edge - 1, 1}, q(1, 3),
                 q(0x7fffffffffffffffLL, 3), q(1, 0x7fffffffffffffffLL), q(1, 1LL << 32)};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        PackedNum p = num_pack(&a, big[i]);
        assert_false(p.bits & 1);
        assert_true(packed_has(p));
        assert_num(packed_num(p), big[i].num, big[i].den);
    }
    assert_false(packed_has(packed_none()));
    assert_num(packed_num(packed_none()), 0, 1);
    arena_release(&a);
}

/* Parsing straight into the packed word gives the same bits as parsing, then packing. */
static void parse_packed_agrees(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    const char *lits[] = {"0", "0.00", "4261.34", "4261.30", "1_000.5", "0.0001", "12.25", "100",
                          "4503599627370495", "4503599627370496", "9999999999999999999",
                          "99999999999999999999", "1.0000000000000000001", "1..2", ".", "12a"};
    for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
        Num v;
        int d1 = -1, d2 = -1;
        PackedNum direct = packed_none();
        NumStatus s1 = num_parse(lits[i], strlen(lits[i]), &v, &d1);
        NumStatus s2 = num_parse_packed(&a, lits[i], strlen(lits[i]), &direct, &d2);
        assert_int_equal(s1, s2);
        if (s1 != NUM_OK)
            continue;
        assert_int_equal(d1, d2);
        PackedNum packed = num_pack(&a, v);
        if (packed.bits & 1)
            assert_true(packed.bits == direct.bits);
        else
            assert_num(packed_num(direct), v.num, v.den);
    }
    arena_release(&a);
}

static void add_and_sub(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_add(q(1, 3), q(1, 6), &r), NUM_OK);
    assert_num(r, 1, 2);
    assert_int_equal(num_add(q(1, 10), q(1, 5), &r), NUM_OK);
    assert_num(r, 3, 10);
    assert_int_equal(num_sub(q(1, 10), q(3, 10), &r), NUM_OK);
    assert_num(r, -1, 5);
    assert_int_equal(num_sub(q(-7, 4), q(5, 6), &r), NUM_OK);
    assert_num(r, -31, 12);
    assert_int_equal(num_add(q(1, 4), q(1, 4), &r), NUM_OK);
    assert_num(r, 1, 2);
}

static void results_are_reduced(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_sub(q(1, 3), q(1, 3), &r), NUM_OK);
    assert_num(r, 0, 1);
    assert_int_equal(num_add(q(5, 6), q(1, 6), &r), NUM_OK);
    assert_num(r, 1, 1);
    assert_int_equal(num_add(q(1, 6), q(1, 10), &r), NUM_OK);
    assert_num(r, 4, 15);
    assert_int_equal(num_mul(q(2, 3), q(3, 4), &r), NUM_OK);
    assert_num(r, 1, 2);
    assert_int_equal(num_mul(q(0, 1), q(-7, 9), &r), NUM_OK);
    assert_num(r, 0, 1);
}

static void mul_and_div(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_mul(q(-5, 6), q(9, 10), &r), NUM_OK);
    assert_num(r, -3, 4);
    assert_int_equal(num_div(q(1, 2), q(-1, 4), &r), NUM_OK);
    assert_num(r, -2, 1);
    assert_int_equal(num_div(q(-3, 7), q(-9, 14), &r), NUM_OK);
    assert_num(r, 2, 3);
    assert_int_equal(num_div(q(0, 1), q(5, 3), &r), NUM_OK);
    assert_num(r, 0, 1);
    assert_int_equal(num_div(q(123456, 1), q(1000000, 1), &r), NUM_OK);
    assert_num(r, 1929, 15625);
}

static void division_by_zero(void **state)
{
    (void)state;
    Num r = q(42, 1);
    assert_int_equal(num_div(q(1, 1), q(0, 1), &r), NUM_DIV_ZERO);
    assert_int_equal(num_div(q(0, 1), q(0, 1), &r), NUM_DIV_ZERO);
    assert_int_equal(num_div(q(-5, 3), num_int(0), &r), NUM_DIV_ZERO);
}

static void neg_abs_int(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_neg(q(3, 4), &r), NUM_OK);
    assert_num(r, -3, 4);
    assert_num(num_abs(q(-3, 4)), 3, 4);
    assert_num(num_abs(q(3, 4)), 3, 4);
    assert_num(num_int(-12), -12, 1);
    assert_true(num_is_zero(num_int(0)));
    assert_false(num_is_zero(q(1, 1000)));
}

/* ---- overflow -------------------------------------------------------------------- */

static void add_overflow_positive(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_add(num_int(1), (Num){MAX128, 1}, &r), NUM_OVERFLOW);
    assert_int_equal(num_add((Num){MAX128, 1}, num_int(1), &r), NUM_OVERFLOW);
    assert_int_equal(num_sub((Num){MAX128, 1}, num_int(-1), &r), NUM_OVERFLOW);
    /* (2 * MAX + 1) / 2 has a numerator of 2^128 - 1. */
    assert_int_equal(num_add((Num){MAX128, 1}, q(1, 2), &r), NUM_OVERFLOW);
    assert_int_equal(num_add((Num){MAX128 - 1, 1}, num_int(1), &r), NUM_OK);
    assert_num(r, MAX128, 1);
}

static void add_overflow_negative(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_add((Num){-MAX128, 1}, num_int(-1), &r), NUM_OVERFLOW);
    assert_int_equal(num_sub((Num){-MAX128, 1}, num_int(1), &r), NUM_OVERFLOW);
    assert_int_equal(num_sub((Num){-MAX128, 1}, q(1, 2), &r), NUM_OVERFLOW);
    assert_int_equal(num_add((Num){-MAX128 + 1, 1}, num_int(-1), &r), NUM_OK);
    assert_num(r, -MAX128, 1);
    assert_int_equal(num_add((Num){MAX128, 1}, (Num){-MAX128, 1}, &r), NUM_OK);
    assert_num(r, 0, 1);
}

static void mul_overflow_both_signs(void **state)
{
    (void)state;
    Num r;
    Num a = {POW2(64), 1}, b = {POW2(63), 1}, na = {-POW2(64), 1}, nb = {-POW2(63), 1};
    assert_int_equal(num_mul(a, b, &r), NUM_OVERFLOW);   /* 2^127 */
    assert_int_equal(num_mul(na, b, &r), NUM_OVERFLOW);  /* -2^127 is not a valid value */
    assert_int_equal(num_mul(a, nb, &r), NUM_OVERFLOW);
    assert_int_equal(num_mul(na, nb, &r), NUM_OVERFLOW);
    assert_int_equal(num_mul((Num){MAX128, 1}, num_int(2), &r), NUM_OVERFLOW);
    assert_int_equal(num_mul((Num){-MAX128, 1}, num_int(2), &r), NUM_OVERFLOW);
}

static void mul_near_limit_ok(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_mul((Num){POW2(63), 1}, (Num){POW2(63), 1}, &r), NUM_OK);
    assert_num(r, POW2(126), 1);
    assert_int_equal(num_mul((Num){-POW2(63), 1}, (Num){POW2(63), 1}, &r), NUM_OK);
    assert_num(r, -POW2(126), 1);
    assert_int_equal(num_mul((Num){MAX128, 1}, num_int(-1), &r), NUM_OK);
    assert_num(r, -MAX128, 1);
}

static void mul_cancels_before_multiplying(void **state)
{
    (void)state;
    Num r;
    i128 big = pow10_i(37);
    assert_int_equal(num_mul((Num){big, 7}, (Num){7, big}, &r), NUM_OK);
    assert_num(r, 1, 1);
    assert_int_equal(num_div((Num){MAX128, 3}, (Num){MAX128, 5}, &r), NUM_OK);
    assert_num(r, 5, 3);
}

static void denominator_overflow(void **state)
{
    (void)state;
    Num r;
    Num tiny = {1, POW2(64)};
    assert_int_equal(num_mul(tiny, tiny, &r), NUM_OVERFLOW);
    assert_int_equal(num_div(tiny, (Num){POW2(64), 1}, &r), NUM_OVERFLOW);
    /* 1/p + 1/r for large coprime denominators needs p*r. */
    assert_int_equal(num_add((Num){1, MAX128}, (Num){1, MAX128 - 1}, &r), NUM_OVERFLOW);
}

/* ---- running sums ---------------------------------------------------------------- */

/* Sums n terms both ways: num_sum_add must agree with a chain of num_add, value for
 * value and status for status. */
static void assert_sum_agrees(const Num *terms, size_t n)
{
    Num chain = num_int(0);
    NumSum sum = num_sum_start();
    for (size_t i = 0; i < n; i++) {
        NumStatus a = num_add(chain, terms[i], &chain), b = num_sum_add(&sum, terms[i]);
        assert_int_equal(b, a);
        if (a != NUM_OK)
            return;
        Num total = num_sum_total(sum);
        assert_num(total, chain.num, chain.den);
    }
}

static void sum_matches_add_chain(void **state)
{
    (void)state;
    Num decimals[] = {q(454871, 100), q(404835, 100), q(7, 20), q(-1, 4), q(3, 1), q(1, 8), q(-3, 8)};
    assert_sum_agrees(decimals, sizeof decimals / sizeof decimals[0]);
    Num thirds[] = {q(1, 3), q(1, 7), q(1, 11), q(-10, 21), q(5, 6)};
    assert_sum_agrees(thirds, sizeof thirds / sizeof thirds[0]);
    /* terms whose common denominator outgrows 128 bits: the sum goes on reduced */
    i128 p = pow10_i(19) + 39, r = pow10_i(19) + 51; /* coprime */
    Num wide[] = {{1, p}, {1, r}, {-1, p}, {5, 1}};
    assert_sum_agrees(wide, sizeof wide / sizeof wide[0]);
    Num cancel[] = {{MAX128 - 1, 1}, num_int(1), {-MAX128, 1}, q(1, 2)};
    assert_sum_agrees(cancel, sizeof cancel / sizeof cancel[0]);
}

static void sum_overflow_is_reported(void **state)
{
    (void)state;
    NumSum s = num_sum_start();
    assert_int_equal(num_sum_add(&s, (Num){MAX128, 1}), NUM_OK);
    assert_int_equal(num_sum_add(&s, num_int(1)), NUM_OVERFLOW);
    Num tiny[] = {{1, MAX128}, {1, MAX128 - 1}};
    assert_sum_agrees(tiny, 2);
}

/* ---- comparison ------------------------------------------------------------------ */

static void cmp_small(void **state)
{
    (void)state;
    assert_int_equal(num_cmp(q(1, 3), q(1, 2)), -1);
    assert_int_equal(num_cmp(q(1, 2), q(1, 3)), 1);
    assert_int_equal(num_cmp(q(-1, 2), q(-1, 3)), -1);
    assert_int_equal(num_cmp(q(-1, 3), q(-1, 2)), 1);
    assert_int_equal(num_cmp(q(-1, 3), q(1, 2)), -1);
    assert_int_equal(num_cmp(q(7, 4), q(7, 4)), 0);
    assert_int_equal(num_cmp(q(0, 1), q(-1, 1000)), 1);
    assert_int_equal(num_cmp(num_int(2), q(5, 2)), -1);
    assert_int_equal(num_cmp(q(-5, 2), num_int(-2)), -1);
}

static void cmp_cross_products_would_overflow(void **state)
{
    (void)state;
    i128 t = pow10_i(37);
    /* 1 + 1/10^37 against 1 + 1/(10^37 + 1): the cross products need ~250 bits. */
    Num a = {t + 1, t}, b = {t + 2, t + 1};
    assert_int_equal(num_cmp(a, b), 1);
    assert_int_equal(num_cmp(b, a), -1);
    assert_int_equal(num_cmp(a, a), 0);
    Num na = {-(t + 1), t}, nb = {-(t + 2), t + 1};
    assert_int_equal(num_cmp(na, nb), -1);
    assert_int_equal(num_cmp(nb, na), 1);
}

static void cmp_near_limit(void **state)
{
    (void)state;
    /* 2^127 - 1 is prime, so these are in lowest terms. */
    Num x = {MAX128, MAX128 - 1}, y = {MAX128 - 1, MAX128 - 2};
    assert_int_equal(num_cmp(x, y), -1);
    assert_int_equal(num_cmp(y, x), 1);
    assert_int_equal(num_cmp((Num){MAX128, 3}, (Num){MAX128, 2}), -1);
    assert_int_equal(num_cmp((Num){-MAX128, 3}, (Num){1, MAX128}), -1);
    assert_int_equal(num_cmp((Num){-MAX128, 2}, (Num){-MAX128, 3}), -1);
    assert_int_equal(num_cmp((Num){MAX128, 1}, (Num){MAX128, 2}), 1);
}

/* ---- rounding -------------------------------------------------------------------- */

static Num round_ok(Num a, Num step)
{
    Num r = {0, 0};
    assert_int_equal(num_round(a, step, &r), NUM_OK);
    return r;
}

static void round_half_away_from_zero(void **state)
{
    (void)state;
    Num cent = num_step(2);
    assert_num(round_ok(q(1, 8), cent), 13, 100);     /* 0.125 -> 0.13 */
    assert_num(round_ok(q(-1, 8), cent), -13, 100);   /* -0.125 -> -0.13 */
    assert_num(round_ok(q(27, 200), cent), 7, 50);    /* 0.135 -> 0.14 */
    assert_num(round_ok(q(-27, 200), cent), -7, 50);
    assert_num(round_ok(q(5, 2), num_int(1)), 3, 1);  /* 2.5 -> 3 */
    assert_num(round_ok(q(-5, 2), num_int(1)), -3, 1);
    assert_num(round_ok(q(7, 2), num_int(1)), 4, 1);  /* not to even */
}

static void round_below_half(void **state)
{
    (void)state;
    Num cent = num_step(2);
    assert_num(round_ok(q(31, 250), cent), 3, 25);    /* 0.124 -> 0.12 */
    assert_num(round_ok(q(-31, 250), cent), -3, 25);
    assert_num(round_ok(q(1, 3), cent), 33, 100);
    assert_num(round_ok(q(2, 3), cent), 67, 100);
    assert_num(round_ok(q(-2, 3), cent), -67, 100);
    assert_num(round_ok(q(-1, 250), cent), 0, 1);     /* -0.004 -> 0 */
}

static void round_percentages(void **state)
{
    (void)state;
    /* 12.3456% = 0.123456; 0.01% is a step of 0.0001. */
    Num share = q(1929, 15625);
    Num step = num_step(4);
    Num r = round_ok(share, step);
    assert_num(r, 247, 2000);                          /* 12.35% */
    assert_int_equal(num_cmp(r, q(1235, 10000)), 0);
    assert_int_not_equal(num_cmp(r, q(1234, 10000)), 0);
    assert_num(round_ok(share, num_step(3)), 123, 1000); /* 12.3% at 0.1% */
}

static void round_other_steps(void **state)
{
    (void)state;
    assert_num(round_ok(q(5, 4), q(1, 2)), 3, 2);     /* 1.25 at 0.5 -> 1.5 */
    assert_num(round_ok(q(6, 5), q(1, 2)), 1, 1);     /* 1.2 at 0.5 -> 1 */
    assert_num(round_ok(num_int(1234), num_int(100)), 1200, 1);
    assert_num(round_ok(num_int(1250), num_int(100)), 1300, 1);
    assert_num(round_ok(q(3, 4), num_int(1)), 1, 1);
}

static void round_errors(void **state)
{
    (void)state;
    Num r;
    assert_int_equal(num_round(q(1, 3), num_int(0), &r), NUM_DIV_ZERO);
    assert_int_equal(num_round((Num){MAX128, 1}, q(1, 10), &r), NUM_OVERFLOW);
}

static void step_and_decimal(void **state)
{
    (void)state;
    assert_num(num_step(0), 1, 1);
    assert_num(num_step(2), 1, 100);
    assert_num(num_step(4), 1, 10000);
    assert_true(num_is_decimal(q(1, 8)));
    assert_true(num_is_decimal(q(7, 20)));
    assert_true(num_is_decimal(num_int(-3)));
    assert_false(num_is_decimal(q(1, 3)));
    assert_false(num_is_decimal(q(1, 30)));
}

/* ---- formatting ------------------------------------------------------------------ */

static void expect_format(Num a, const char *want)
{
    char buf[NUM_STR_MAX];
    num_format(a, buf);
    assert_string_equal(buf, want);
}

static void expect_fixed(Num a, int places, const char *want)
{
    char buf[NUM_STR_MAX];
    num_format_fixed(a, places, buf);
    assert_string_equal(buf, want);
}

static void format_exact_decimals(void **state)
{
    (void)state;
    expect_format(q(12187, 20), "609.35");
    expect_format(q(3, 2), "1.5");
    expect_format(q(1, 8), "0.125");
    expect_format(q(1, 40), "0.025");
    expect_format(num_int(100), "100");
    expect_format(q(1, 100), "0.01");
    expect_format(q(30864, 25), "1234.56");
}

static void format_negative_and_zero(void **state)
{
    (void)state;
    expect_format(num_int(0), "0");
    expect_format(num_int(-12), "-12");
    expect_format(q(-1, 20), "-0.05");
    expect_format(q(-31, 12), "-31/12");
}

static void format_fractions(void **state)
{
    (void)state;
    expect_format(q(1, 3), "1/3");
    expect_format(q(-1, 3), "-1/3");
    expect_format(q(22, 7), "22/7");
    expect_format(q(1, 30), "1/30");
}

static void format_extremes(void **state)
{
    (void)state;
    expect_format((Num){MAX128, 1}, "170141183460469231731687303715884105727");
    expect_format((Num){-MAX128, 1}, "-170141183460469231731687303715884105727");
    expect_format((Num){1, pow10_i(38)}, "0.00000000000000000000000000000000000001");
    expect_format((Num){MAX128, 3}, "170141183460469231731687303715884105727/3");
    /* 10^37 + 0.5: the scaled numerator 10^38 + 5 still fits. */
    expect_format((Num){2 * pow10_i(37) + 1, 2}, "10000000000000000000000000000000000000.5");
}

static void format_round_trips_parse(void **state)
{
    (void)state;
    const char *texts[] = {"609.35", "0.001", "1234567.89", "99999999999999999999999999999999999999",
                           "3.1415926535897932384626433832795"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char buf[NUM_STR_MAX];
        num_format(parse_ok(texts[i], NULL), buf);
        assert_string_equal(buf, texts[i]);
    }
}

static void format_fixed_rounds(void **state)
{
    (void)state;
    expect_fixed(q(1, 3), 2, "0.33");
    expect_fixed(q(2, 3), 2, "0.67");
    expect_fixed(q(1, 8), 2, "0.13");
    expect_fixed(q(-1, 8), 2, "-0.13");
    expect_fixed(q(1929, 15625), 4, "0.1235");
    expect_fixed(q(3, 2), 0, "2");
    expect_fixed(q(-3, 2), 0, "-2");
}

static void format_fixed_pads(void **state)
{
    (void)state;
    expect_fixed(num_int(5), 2, "5.00");
    expect_fixed(num_int(0), 2, "0.00");
    expect_fixed(q(1, 20), 3, "0.050");
    expect_fixed(q(-1, 250), 2, "0.00"); /* never "-0.00" */
    expect_fixed(q(-7, 2), 1, "-3.5");
    expect_fixed(num_int(-40), 0, "-40");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_decimal),
        cmocka_unit_test(parse_underscores),
        cmocka_unit_test(parse_counts_written_decimals),
        cmocka_unit_test(parse_uses_only_len_bytes),
        cmocka_unit_test(parse_malformed),
        cmocka_unit_test(parse_overflow),
        cmocka_unit_test(parse_overflow_in_decimals),
        cmocka_unit_test(pack_round_trips),
        cmocka_unit_test(parse_packed_agrees),
        cmocka_unit_test(add_and_sub),
        cmocka_unit_test(sum_matches_add_chain),
        cmocka_unit_test(sum_overflow_is_reported),
        cmocka_unit_test(results_are_reduced),
        cmocka_unit_test(mul_and_div),
        cmocka_unit_test(division_by_zero),
        cmocka_unit_test(neg_abs_int),
        cmocka_unit_test(add_overflow_positive),
        cmocka_unit_test(add_overflow_negative),
        cmocka_unit_test(mul_overflow_both_signs),
        cmocka_unit_test(mul_near_limit_ok),
        cmocka_unit_test(mul_cancels_before_multiplying),
        cmocka_unit_test(denominator_overflow),
        cmocka_unit_test(cmp_small),
        cmocka_unit_test(cmp_cross_products_would_overflow),
        cmocka_unit_test(cmp_near_limit),
        cmocka_unit_test(round_half_away_from_zero),
        cmocka_unit_test(round_below_half),
        cmocka_unit_test(round_percentages),
        cmocka_unit_test(round_other_steps),
        cmocka_unit_test(round_errors),
        cmocka_unit_test(step_and_decimal),
        cmocka_unit_test(format_exact_decimals),
        cmocka_unit_test(format_negative_and_zero),
        cmocka_unit_test(format_fractions),
        cmocka_unit_test(format_extremes),
        cmocka_unit_test(format_round_trips_parse),
        cmocka_unit_test(format_fixed_rounds),
        cmocka_unit_test(format_fixed_pads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
