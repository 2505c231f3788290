/* num.c - exact rationals on 128-bit integers, with overflow reported, not wrapped. */
#include "base/num.h"

#include <string.h>

typedef unsigned __int128 u128;

#define I128_MAX ((i128)(((u128)1 << 127) - 1))
/* The most negative i128 is never a valid numerator, so negation and abs are total. */
#define I128_MIN_INVALID (-I128_MAX - 1)

static bool fits64(i128 v)
{
    return v >= -(i128)0x7fffffffffffffffLL && v <= (i128)0x7fffffffffffffffLL;
}

static u128 mag(i128 v)
{
    return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

static unsigned long long gcd64(unsigned long long a, unsigned long long b)
{
    while (b) {
        unsigned long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u128 gcd_u(u128 a, u128 b)
{
    while (b) {
        if (a <= 0xffffffffffffffffULL && b <= 0xffffffffffffffffULL) {
            unsigned long long x = (unsigned long long)a, y = (unsigned long long)b;
            while (y) {
                unsigned long long t = x % y;
                x = y;
                y = t;
            }
            return x;
        }
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static bool add_ok(i128 a, i128 b, i128 *out)
{
    if ((b > 0 && a > I128_MAX - b) || (b < 0 && a < -I128_MAX - b))
        return false;
    *out = a + b;
    return true;
}

static bool mul_ok(i128 a, i128 b, i128 *out)
{
    if (fits64(a) && fits64(b)) {
        *out = a * b;
        return true;
    }
    u128 ma = mag(a), mb = mag(b);
    if (ma && mb > (u128)I128_MAX / ma)
        return false;
    *out = a * b;
    return true;
}

static Num make(i128 num, i128 den)
{
    if (fits64(num) && fits64(den)) { /* the common case, without 128-bit division */
        long long n = (long long)num, d = (long long)den;
        long long g = (long long)gcd64(n < 0 ? -(unsigned long long)n : (unsigned long long)n,
                                       (unsigned long long)d);
        if (g > 1) {
            n /= g;
            d /= g;
        }
        return (Num){n, d};
    }
    u128 g = gcd_u(mag(num), (u128)den);
    if (g > 1) {
        num /= (i128)g;
        den /= (i128)g;
    }
    return (Num){num, den};
}

const long long packed_pow5[28] = {
    1LL, 5LL, 25LL, 125LL, 625LL, 3125LL, 15625LL, 78125LL, 390625LL, 1953125LL, 9765625LL,
    48828125LL, 244140625LL, 1220703125LL, 6103515625LL, 30517578125LL, 152587890625LL,
    762939453125LL, 3814697265625LL, 19073486328125LL, 95367431640625LL, 476837158203125LL,
    2384185791015625LL, 11920928955078125LL, 59604644775390625LL, 298023223876953125LL,
    1490116119384765625LL, 7450580596923828125LL};

/* Whether den = 2^a 5^b, with b a power of 5 a long long holds and 2^a 5^b < 2^63. */
static bool decimal_den(i128 den, unsigned *a, unsigned *b)
{
    if (den <= 0 || !fits64(den))
        return false;
    unsigned long long d = (unsigned long long)den;
    *a = (unsigned)__builtin_ctzll(d);
    d >>= *a;
    for (*b = 0; d % 5 == 0; (*b)++)
        d /= 5;
    return d == 1 && *a < 32;
}

enum { PACKED_LIMIT_BITS = 52 };
#define PACKED_LIMIT (1ULL << PACKED_LIMIT_BITS)

/* n / (2^twos 5^fives) in lowest terms, |n| < 2^52, in one word (see num.h). */
static PackedNum pack_decimal(long long n, unsigned twos, unsigned fives)
{
    return (PackedNum){(uint64_t)n << 11 | (uint64_t)fives << 6 | (uint64_t)twos << 1 | 1};
}

PackedNum num_pack(Arena *a, Num v)
{
    unsigned twos, fives;
    if (v.num >= -(i128)PACKED_LIMIT && v.num < (i128)PACKED_LIMIT && decimal_den(v.den, &twos, &fives))
        return pack_decimal((long long)v.num, twos, fives);
    Num *big = ARENA_NEW(a, Num);
    *big = v;
    return (PackedNum){(uint64_t)(uintptr_t)big};
}

Num num_int(long long v)
{
    return (Num){v, 1};
}

bool num_is_zero(Num a)
{
    return a.num == 0;
}

NumStatus num_add(Num a, Num b, Num *out)
{
    if (fits64(a.num) && fits64(b.num) && fits64(a.den) && fits64(b.den)) {
        /* 64-bit operands: the products and their sum cannot overflow 128 bits. */
        long long ad = (long long)a.den, bd = (long long)b.den;
        long long g = (long long)gcd64((unsigned long long)ad, (unsigned long long)bd);
        *out = make(a.num * (bd / g) + b.num * (ad / g), (i128)ad * (bd / g));
        return NUM_OK;
    }
    i128 n, x, y, d;
    if (a.den == b.den) {
        if (!add_ok(a.num, b.num, &n))
            return NUM_OVERFLOW;
        *out = make(n, a.den);
        return NUM_OK;
    }
    i128 g = (i128)gcd_u((u128)a.den, (u128)b.den);
    if (!mul_ok(a.num, b.den / g, &x) || !mul_ok(b.num, a.den / g, &y) || !add_ok(x, y, &n) ||
        !mul_ok(a.den, b.den / g, &d))
        return NUM_OVERFLOW;
    *out = make(n, d);
    return NUM_OK;
}

/* s + v over the common denominator, without reducing; false when it does not fit. */
static bool sum_unreduced(NumSum *s, Num v)
{
    i128 x, n, d;
    if (fits64(s->den) && fits64(v.den)) {
        long long sd = (long long)s->den, vd = (long long)v.den;
        if (sd % vd == 0) /* the usual case: v's denominator divides the sum's */
            return mul_ok(v.num, sd / vd, &x) && add_ok(s->num, x, &s->num);
    }
    i128 g = (i128)gcd_u((u128)s->den, (u128)v.den);
    if (!mul_ok(s->den, v.den / g, &d) || !mul_ok(s->num, v.den / g, &n) ||
        !mul_ok(v.num, s->den / g, &x) || !add_ok(n, x, &n))
        return false;
    *s = (NumSum){n, d};
    return true;
}

NumStatus num_sum_add(NumSum *s, Num v)
{
    if (sum_unreduced(s, v))
        return NUM_OK;
    Num r;
    NumStatus st = num_add(num_sum_total(*s), v, &r);
    if (st == NUM_OK)
        *s = (NumSum){r.num, r.den};
    return st;
}

Num num_sum_total(NumSum s)
{
    return make(s.num, s.den);
}

NumStatus num_neg(Num a, Num *out)
{
    *out = (Num){-a.num, a.den};
    return NUM_OK;
}

NumStatus num_sub(Num a, Num b, Num *out)
{
    return num_add(a, (Num){-b.num, b.den}, out);
}

Num num_abs(Num a)
{
    return (Num){a.num < 0 ? -a.num : a.num, a.den};
}

NumStatus num_mul(Num a, Num b, Num *out)
{
    if (fits64(a.num) && fits64(b.num) && fits64(a.den) && fits64(b.den)) {
        /* 64-bit operands: reduce crosswise in 64 bits; the products fit in 128. */
        long long an = (long long)a.num, ad = (long long)a.den;
        long long bn = (long long)b.num, bd = (long long)b.den;
        long long g1 = (long long)gcd64(an < 0 ? -(unsigned long long)an : (unsigned long long)an,
                                        (unsigned long long)bd);
        long long g2 = (long long)gcd64(bn < 0 ? -(unsigned long long)bn : (unsigned long long)bn,
                                        (unsigned long long)ad);
        i128 n = (i128)(an / g1) * (bn / g2);
        *out = (Num){n, n == 0 ? 1 : (i128)(ad / g2) * (bd / g1)};
        return NUM_OK;
    }
    i128 g1 = (i128)gcd_u(mag(a.num), (u128)b.den);
    i128 g2 = (i128)gcd_u(mag(b.num), (u128)a.den);
    if (g1 == 0)
        g1 = 1;
    if (g2 == 0)
        g2 = 1;
    i128 n, d;
    if (!mul_ok(a.num / g1, b.num / g2, &n) || !mul_ok(a.den / g2, b.den / g1, &d))
        return NUM_OVERFLOW;
    *out = (Num){n, n == 0 ? 1 : d};
    return NUM_OK;
}

NumStatus num_div(Num a, Num b, Num *out)
{
    if (b.num == 0)
        return NUM_DIV_ZERO;
    Num inv = b.num < 0 ? (Num){-b.den, -b.num} : (Num){b.den, b.num};
    return num_mul(a, inv, out);
}

/* Compare a/b with c/d (b, d > 0) by continued fractions, so nothing overflows. */
static int cmp_frac(i128 a, i128 b, i128 c, i128 d)
{
    for (;;) {
        i128 qa = a / b, ra = a % b;
        if (ra < 0) {
            qa -= 1;
            ra += b;
        }
        i128 qc = c / d, rc = c % d;
        if (rc < 0) {
            qc -= 1;
            rc += d;
        }
        if (qa != qc)
            return qa < qc ? -1 : 1;
        if (ra == 0 || rc == 0)
            return ra == rc ? 0 : (ra == 0 ? -1 : 1);
        /* ra/b < rc/d  <=>  d/rc < b/ra */
        i128 na = d, nb = rc, nc = b, nd = ra;
        a = na, b = nb, c = nc, d = nd;
    }
}

int num_cmp(Num a, Num b)
{
    if (a.den == b.den)
        return a.num < b.num ? -1 : a.num > b.num;
    return cmp_frac(a.num, a.den, b.num, b.den);
}

static bool pow10_ok(int places, i128 *out)
{
    i128 p = 1;
    for (int i = 0; i < places; i++)
        if (!mul_ok(p, 10, &p))
            return false;
    *out = p;
    return true;
}

Num num_step(int places)
{
    i128 p = 1;
    pow10_ok(places, &p);
    return (Num){1, p};
}

/* num_parse for literals of any length, in 128-bit arithmetic. */
static NumStatus parse_wide(const char *s, size_t len, Num *out, int *decimals)
{
    i128 m = 0;
    int places = 0;
    bool after_point = false, any = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_')
            continue;
        if (c == '.') {
            if (after_point)
                return NUM_SYNTAX;
            after_point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return NUM_SYNTAX;
        if (!mul_ok(m, 10, &m) || !add_ok(m, c - '0', &m))
            return NUM_OVERFLOW;
        any = true;
        places += after_point;
    }
    i128 den;
    if (!any)
        return NUM_SYNTAX;
    if (!pow10_ok(places, &den))
        return NUM_OVERFLOW;
    *out = make(m, den);
    if (decimals)
        *decimals = places;
    return NUM_OK;
}

/* A literal of up to 19 digits - nearly all of them - read in 64-bit arithmetic: its value
 * m / 10^places in lowest terms is m / (2^twos 5^fives), as the two can only share factors
 * of 2 and 5. */
typedef struct ShortLiteral {
    unsigned long long m;
    int twos, fives, places;
} ShortLiteral;

/* NUM_OVERFLOW: more than 19 digits, for parse_wide. */
static NumStatus parse_short(const char *s, size_t len, ShortLiteral *out)
{
    enum { SHORT_DIGITS = 19 }; /* 10^19 - 1 fits in 64 unsigned bits */
    unsigned long long m = 0;
    int digits = 0, places = 0;
    bool after_point = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_')
            continue;
        if (c == '.') {
            if (after_point)
                return NUM_SYNTAX;
            after_point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return NUM_SYNTAX;
        if (++digits > SHORT_DIGITS)
            return NUM_OVERFLOW;
        m = m * 10 + (unsigned)(c - '0');
        places += after_point;
    }
    if (digits == 0)
        return NUM_SYNTAX;
    int twos = m ? places : 0, fives = twos;
    while (twos > 0 && m % 2 == 0)
        m /= 2, twos--;
    while (fives > 0 && m % 5 == 0)
        m /= 5, fives--;
    *out = (ShortLiteral){m, twos, fives, places};
    return NUM_OK;
}

NumStatus num_parse(const char *s, size_t len, Num *out, int *decimals)
{
    ShortLiteral lit;
    NumStatus st = parse_short(s, len, &lit);
    if (st == NUM_OVERFLOW)
        return parse_wide(s, len, out, decimals);
    if (st != NUM_OK)
        return st;
    *out = (Num){(i128)lit.m, (i128)packed_pow5[lit.fives] << lit.twos};
    if (decimals)
        *decimals = lit.places;
    return NUM_OK;
}

NumStatus num_parse_packed(Arena *a, const char *s, size_t len, PackedNum *out, int *decimals)
{
    ShortLiteral lit;
    if (parse_short(s, len, &lit) == NUM_OK && lit.m < PACKED_LIMIT) { /* packed as read */
        *out = pack_decimal((long long)lit.m, (unsigned)lit.twos, (unsigned)lit.fives);
        if (decimals)
            *decimals = lit.places;
        return NUM_OK;
    }
    Num v;
    NumStatus st = num_parse(s, len, &v, decimals);
    if (st == NUM_OK)
        *out = num_pack(a, v);
    return st;
}

NumStatus num_round(Num a, Num step, Num *out)
{
    Num q;
    NumStatus st = num_div(a, step, &q);
    if (st != NUM_OK)
        return st;
    u128 n = mag(q.num), d = (u128)q.den;
    u128 k = n / d, r = n % d;
    if (r >= d - r)
        k += 1;
    Num whole = {q.num < 0 ? -(i128)k : (i128)k, 1};
    return num_mul(whole, step, out);
}

/* Writes |v| in decimal into the end of buf, returns the first character. */
static char *utoa128(u128 v, char *end)
{
    *--end = '\0';
    for (; v > 0xffffffffffffffffULL; v /= 10)
        *--end = (char)('0' + (int)(v % 10));
    unsigned long long u = (unsigned long long)v; /* the rest without 128-bit division */
    do
        *--end = (char)('0' + (int)(u % 10));
    while (u /= 10);
    return end;
}

/* Digits after the point needed for an exact expansion, or -1 when there is none. */
static int decimal_places(i128 den)
{
    int twos = 0, fives = 0;
    while (den % 2 == 0) {
        den /= 2;
        twos++;
    }
    while (den % 5 == 0) {
        den /= 5;
        fives++;
    }
    if (den != 1)
        return -1;
    return twos > fives ? twos : fives;
}

bool num_is_decimal(Num a)
{
    return decimal_places(a.den) >= 0;
}

/* Prints sign, integer digits, and `places` fraction digits of the integer m / 10^places. */
static void put_scaled(i128 m, int places, char *buf)
{
    char digits[NUM_STR_MAX];
    char *d = utoa128(mag(m), digits + sizeof digits);
    size_t nd = strlen(d);
    char *o = buf;
    if (m < 0)
        *o++ = '-';
    if ((int)nd <= places) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < places - (int)nd; i++)
            *o++ = '0';
        memcpy(o, d, nd);
        o += nd;
    } else {
        memcpy(o, d, nd - (size_t)places);
        o += nd - (size_t)places;
        if (places > 0) {
            *o++ = '.';
            memcpy(o, d + nd - places, (size_t)places);
            o += places;
        }
    }
    *o = '\0';
}

static void put_fraction(Num a, char *buf)
{
    char tmp[NUM_STR_MAX];
    char *n = utoa128(mag(a.num), tmp + sizeof tmp / 2);
    char *d = utoa128((u128)a.den, tmp + sizeof tmp);
    char *o = buf;
    if (a.num < 0)
        *o++ = '-';
    o += strlen(strcpy(o, n));
    *o++ = '/';
    strcpy(o, d);
}

/* num_format for a 64-bit value of at most 19 decimal places, in 64-bit arithmetic only
 * (nearly every amount); false when the value is not of that kind. */
static bool format_short(Num a, char buf[NUM_STR_MAX])
{
    if (!fits64(a.num) || !fits64(a.den))
        return false;
    unsigned long long rest = (unsigned long long)a.den, scale = 1;
    int twos = 0, fives = 0;
    for (; rest % 2 == 0; rest /= 2)
        twos++;
    for (; rest % 5 == 0; rest /= 5)
        fives++;
    int places = twos > fives ? twos : fives;
    if (rest != 1 || places > 19)
        return false;
    for (int i = twos; i < places; i++)
        scale *= 2; /* scale = 10^places / den */
    for (int i = fives; i < places; i++)
        scale *= 5;
    unsigned long long m;
    if (__builtin_mul_overflow((unsigned long long)mag(a.num), scale, &m))
        return false;
    put_scaled(a.num < 0 ? -(i128)m : (i128)m, places, buf);
    return true;
}

void num_format(Num a, char buf[NUM_STR_MAX])
{
    if (format_short(a, buf))
        return;
    int places = decimal_places(a.den);
    i128 p, m;
    if (places >= 0 && pow10_ok(places, &p) && mul_ok(a.num, p / a.den, &m))
        put_scaled(m, places, buf);
    else
        put_fraction(a, buf);
}

/* num_format_fixed for a 64-bit value and at most 18 places, in 64-bit arithmetic where
 * the scaled value fits (display rounding of nearly every amount); false otherwise. */
static bool format_fixed_short(Num a, int places, char buf[NUM_STR_MAX])
{
    if (places < 0 || places > 18 || !fits64(a.num) || !fits64(a.den))
        return false;
    unsigned long long scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    u128 n = mag(a.num) * (u128)scale, d = (u128)a.den, k, r; /* |a| * 10^places = n / d */
    if (n <= 0xffffffffffffffffULL) {
        k = (unsigned long long)n / (unsigned long long)d;
        r = (unsigned long long)n % (unsigned long long)d;
    } else {
        k = n / d;
        r = n % d;
    }
    if (r >= d - r)
        k += 1; /* half away from zero, as num_round */
    put_scaled(a.num < 0 ? -(i128)k : (i128)k, places, buf);
    return true;
}

void num_format_fixed(Num a, int places, char buf[NUM_STR_MAX])
{
    if (format_fixed_short(a, places, buf))
        return;
    Num r;
    i128 p, m;
    if (places < 0 || !pow10_ok(places, &p) || num_round(a, num_step(places), &r) != NUM_OK ||
        !mul_ok(r.num, p / r.den, &m)) {
        num_format(a, buf);
        return;
    }
    put_scaled(m, places, buf);
}
