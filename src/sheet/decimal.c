/* decimal.c - rounding decimal text in decimal; the one conversion from a double. */
#include "sheet/decimal.h"

#include "sheet/sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal as its significant digits and where the point goes:
 * value = 0.d[0]d[1]...d[n-1] x 10^point, d[0] != '0' (n == 0 for zero). */
typedef struct Digits {
    char d[DECIMAL_MAX];
    int n, point;
    bool negative;
} Digits;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The exponent after 'E'; a few digits at most (anything larger overflows DECIMAL_MAX). */
static bool parse_exponent(const char *s, int *exp)
{
    int sign = 1, v = 0, k = 0;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    for (; is_digit(*s); s++, k++) {
        if (k == 4)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (k == 0 || *s)
        return false;
    *exp = sign * v;
    return true;
}

static bool parse(const char *s, Digits *x)
{
    memset(x, 0, sizeof *x);
    if (*s == '+' || *s == '-')
        x->negative = *s++ == '-';
    int before = 0, seen = 0;
    bool point = false;
    for (; is_digit(*s) || (*s == '.' && !point); s++) {
        if (*s == '.') {
            point = true;
            continue;
        }
        seen++;
        if (x->n == 0 && *s == '0') { /* a leading zero moves the point, holds no digit */
            if (point)
                x->point--;
            continue;
        }
        if (x->n == DECIMAL_MAX - 1)
            return false;
        x->d[x->n++] = *s;
        if (!point)
            before++;
    }
    if (seen == 0)
        return false;
    x->point += before;
    int exp = 0;
    if ((*s == 'E' || *s == 'e') && !parse_exponent(s + 1, &exp))
        return false;
    if (*s && *s != 'E' && *s != 'e')
        return false;
    x->point += exp;
    return true;
}

/* Keeps the first k digits, rounding half away from zero on digit k. */
static void round_to(Digits *x, int k)
{
    if (k >= x->n)
        return;
    bool up = k >= 0 && x->d[k] >= '5';
    if (k < 0) {
        x->n = 0;
        return;
    }
    x->n = k;
    if (!up)
        return;
    int i = k - 1;
    while (i >= 0 && x->d[i] == '9')
        x->d[i--] = '0';
    if (i >= 0) {
        x->d[i]++;
        return;
    }
    memmove(x->d + 1, x->d, (size_t)x->n); /* 999 -> 1000: one more digit in front */
    x->d[0] = '1';
    x->n++;
    x->point++;
}

static void trim(Digits *x)
{
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->negative = false, x->point = 0;
}

/* digit i of the value counted from the point (i = 0 is the units digit's left neighbour
 * ... written as: position p = point - 1 - i is the units place for i = point - 1). */
static char digit_at(const Digits *x, int i)
{
    return i >= 0 && i < x->n ? x->d[i] : '0';
}

static bool write(const Digits *x, int decimals, char *out)
{
    int intlen = x->point > 0 ? x->point : 1;
    int frac = decimals >= 0 ? decimals : (x->n - x->point > 0 ? x->n - x->point : 0);
    if (intlen + frac + 3 > DECIMAL_MAX)
        return false;
    char *o = out;
    if (x->negative)
        *o++ = '-';
    for (int i = 0; i < intlen; i++)
        *o++ = x->point > 0 ? digit_at(x, i) : '0';
    if (frac > 0)
        *o++ = '.';
    for (int i = 0; i < frac; i++)
        *o++ = digit_at(x, x->point + i);
    *o = '\0';
    return true;
}

bool decimal_round(const char *text, int decimals, char out[DECIMAL_MAX])
{
    Digits x;
    if (!parse(text, &x) || decimals > DECIMAL_MAX)
        return false;
    trim(&x);
    round_to(&x, decimals >= 0 ? x.point + decimals : GENERAL_DIGITS);
    trim(&x);
    return write(&x, decimals, out);
}

void decimal_from_double(double v, char out[32])
{
    if (!isfinite(v)) {
        snprintf(out, 32, "%s", "not a number");
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, 32, "%.*g", digits, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, integers only). */
static void civil(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The seconds of a day in `frac` (the digits after the point), rounded. */
static long seconds_of(const char *frac)
{
    long long num = 0, den = 1;
    for (int i = 0; i < 9 && is_digit(frac[i]); i++)
        num = num * 10 + (frac[i] - '0'), den *= 10;
    return (long)((num * 86400 + den / 2) / den);
}

bool decimal_date(const char *serial, bool date1904, char out[32])
{
    char plain[DECIMAL_MAX];
    if (!decimal_round(serial, 9, plain) || plain[0] == '-')
        return false;
    long long days = strtoll(plain, NULL, 10);
    if (days > 2958465)
        return false;
    long secs = seconds_of(strchr(plain, '.') + 1);
    days += secs / 86400, secs %= 86400;
    int y, m, d;
    if (date1904)
        civil(days - 24107, &y, &m, &d); /* 1904-01-01 is day -24107... of 1970 */
    else if (days == 60)
        y = 1900, m = 2, d = 29; /* Lotus 1-2-3's leap day, which Excel kept */
    else
        civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
    if (secs)
        snprintf(out, 32, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
    else
        snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
    return true;
}
