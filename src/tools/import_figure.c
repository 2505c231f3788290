/* import_figure.c - figures written as text ("1,234.50", "(1,234)", "$1,234", "-") and
 * units named in a table's text (单位：万元, "in thousands", "($000s)"). */
#include "tools/import_figure.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* --- units ------------------------------------------------------------------------ */

static bool has(const char *text, const char *word)
{
    return strstr(text, word) != NULL;
}

static bool has_nocase(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

/* A Chinese unit: 单位：万元, 金额单位：元, （万元）. The longest unit name wins. */
static bool chinese_unit(const char *text, UnitInfo *u)
{
    static const struct {
        const char *name;
        Scale scale;
    } units[] = {{"亿元", SCALE_HUNDRED_MILLION}, {"百万元", SCALE_MILLION}, {"万元", SCALE_TEN_THOUSAND},
                 {"千元", SCALE_THOUSAND},        {"元", SCALE_ONE}};
    bool labelled = has(text, "单位") || has(text, "（") || has(text, "(");
    for (size_t i = 0; labelled && i < sizeof units / sizeof *units; i++)
        if (has(text, units[i].name)) {
            *u = (UnitInfo){"元", units[i].scale, true};
            return true;
        }
    return false;
}

static const char *currency_of(const char *text)
{
    if (has(text, "$") || has_nocase(text, "dollar") || has_nocase(text, "usd"))
        return "USD";
    if (has(text, "\xC2\xA3") || has_nocase(text, "pound") || has_nocase(text, "gbp"))
        return "GBP";
    if (has(text, "\xE2\x82\xAC") || has_nocase(text, "euro") || has_nocase(text, "eur "))
        return "EUR";
    return NULL;
}

/* "in thousands", "($000s)", "$000", "(Dollars in Millions)", "$m". */
static bool english_unit(const char *text, UnitInfo *u)
{
    Scale scale = SCALE_ONE;
    bool named = false;
    if (has_nocase(text, "thousand") || has(text, "000s") || has(text, "$000") || has(text, "(000)") ||
        has(text, "\xC2\xA3" "000"))
        scale = SCALE_THOUSAND, named = true;
    else if (has_nocase(text, "million") || has(text, "$m)") || has(text, "($M") || has(text, "\xC2\xA3m"))
        scale = SCALE_MILLION, named = true;
    const char *cur = currency_of(text);
    if (!named && !(cur && (has_nocase(text, "in dollars") || has_nocase(text, "in pounds") || has_nocase(text, "in euros"))))
        return false;
    *u = (UnitInfo){cur, scale, true};
    return true;
}

bool unit_in_text(const char *text, UnitInfo *u)
{
    return chinese_unit(text, u) || english_unit(text, u);
}

bool unit_same(UnitInfo a, UnitInfo b)
{
    return a.scale == b.scale && ((!a.currency && !b.currency) || (a.currency && b.currency && strcmp(a.currency, b.currency) == 0));
}

const char *unit_bdl_name(UnitInfo u)
{
    static const char *cn[] = {"元", "千元", "万元", "百万元", "亿元"};
    static const char *suffix[] = {"", "_thousands", "_ten_thousands", "_millions", "_hundred_millions"};
    static char buf[64];
    if (!u.currency)
        return NULL;
    if (strcmp(u.currency, "元") == 0)
        return cn[u.scale];
    snprintf(buf, sizeof buf, "%s%s", u.currency, suffix[u.scale]);
    return buf;
}

void unit_declare(UnitInfo u, Buf *out, bool *declared)
{
    static const char *factor[] = {"1", "1000", "10000", "1000000", "100000000"};
    if (!u.currency || declared[u.scale])
        return;
    if (!declared[SCALE_ONE]) {
        buf_printf(out, "unit %s\n", unit_bdl_name((UnitInfo){u.currency, SCALE_ONE, true}));
        declared[SCALE_ONE] = true;
    }
    if (u.scale != SCALE_ONE) {
        char scaled[64];
        snprintf(scaled, sizeof scaled, "%s", unit_bdl_name(u));
        buf_printf(out, "unit %s = %s %s\n", scaled, factor[u.scale], unit_bdl_name((UnitInfo){u.currency, SCALE_ONE, true}));
        declared[u.scale] = true;
    }
}

/* --- figures ------------------------------------------------------------------------- */

typedef struct Cursor {
    const char *p, *end;
} Cursor;

static bool blank_at(const Cursor *c, size_t *n)
{
    if (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        return (*n = 1), true;
    if (c->end - c->p >= 3 && memcmp(c->p, "\xE3\x80\x80", 3) == 0) /* ideographic space */
        return (*n = 3), true;
    if (c->end - c->p >= 2 && memcmp(c->p, "\xC2\xA0", 2) == 0) /* no-break space */
        return (*n = 2), true;
    return false;
}

static void trim(Cursor *c)
{
    size_t n;
    while (blank_at(c, &n))
        c->p += n;
    for (;;) {
        Cursor back = *c;
        bool cut = false;
        for (size_t k = 1; k <= 3 && back.end - k >= back.p; k++) {
            Cursor t = {back.end - k, back.end};
            if (blank_at(&t, &n) && n == k) {
                c->end -= k, cut = true;
                break;
            }
        }
        if (!cut)
            return;
    }
}

static bool take(Cursor *c, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0) {
        c->p += n;
        return true;
    }
    return false;
}

static bool take_last(Cursor *c, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(c->end - c->p) >= n && memcmp(c->end - n, s, n) == 0) {
        c->end -= n;
        return true;
    }
    return false;
}

static bool take_currency(Cursor *c)
{
    return take(c, "$") || take(c, "\xC2\xA5") || take(c, "\xEF\xBF\xA5") || take(c, "\xC2\xA3") ||
           take(c, "\xE2\x82\xAC");
}

static bool take_minus(Cursor *c)
{
    return take(c, "-") || take(c, "\xE2\x88\x92") || take(c, "\xEF\xBC\x8D"); /* -, U+2212, U+FF0D */
}

static bool not_stated_mark(const char *s, size_t n)
{
    static const char *marks[] = {"-", "--", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x93",
                                  "\xEF\xBC\x8D", "/", "N/A", "n/a", "NA", "\xE2\x80\x95"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strlen(marks[i]) == n && memcmp(marks[i], s, n) == 0)
            return true;
    return false;
}

/* Digits with optional grouping commas (groups of three) and a point. */
static FigureStatus digits(Cursor c, bool negative, Figure *out)
{
    size_t o = 0, group = 0, intdigits = 0;
    bool point = false, grouped = false;
    out->decimals = 0;
    if (negative)
        out->text[o++] = '-';
    for (; c.p < c.end; c.p++) {
        char ch = *c.p;
        if (ch == ',' && !point && intdigits > 0 && (!grouped || group == 3) && (grouped || group <= 3)) {
            grouped = true, group = 0;
            continue;
        }
        if (ch == '.' && !point && (!grouped || group == 3)) {
            point = true;
            out->text[o++] = '.';
            continue;
        }
        if (!isdigit((unsigned char)ch))
            return FIG_NOT_A_FIGURE;
        if (o + 2 >= DECIMAL_MAX)
            return FIG_TOO_LARGE;
        out->text[o++] = ch;
        if (point)
            out->decimals++;
        else
            intdigits++, group++;
    }
    if (intdigits == 0 || (grouped && !point && group != 3) || (point && out->decimals == 0))
        return FIG_NOT_A_FIGURE;
    out->text[o] = '\0';
    out->stated = true;
    return intdigits + (size_t)out->decimals > 38 ? FIG_TOO_LARGE : FIG_OK;
}

FigureStatus figure_parse(const char *text, Figure *out)
{
    Cursor c = {text, text + strlen(text)};
    memset(out, 0, sizeof *out);
    trim(&c);
    if (c.p == c.end || not_stated_mark(c.p, (size_t)(c.end - c.p)))
        return FIG_NOT_STATED;
    bool negative = take_minus(&c);
    take_currency(&c);
    if (!negative && take(&c, "(")) {
        if (!take_last(&c, ")"))
            return FIG_NOT_A_FIGURE;
        negative = true;
        take_currency(&c);
    }
    if (!negative)
        negative = take_minus(&c);
    take(&c, "+");
    trim(&c);
    if (take_last(&c, "%"))
        return FIG_PERCENT;
    FigureStatus st = digits(c, negative, out);
    if (st == FIG_OK && strspn(out->text, "-0.") == strlen(out->text) && out->text[0] == '-')
        memmove(out->text, out->text + 1, strlen(out->text)); /* -0 is 0 */
    return st;
}

bool text_is_figure(const char *text)
{
    Figure f;
    FigureStatus st = figure_parse(text, &f);
    return st == FIG_OK || (st == FIG_NOT_STATED && *text);
}

/* The integer digits, with a comma before each group of three when grouped. */
static void put_integer(Buf *out, const char *digits, size_t n, bool grouped)
{
    for (size_t i = 0; i < n; i++) {
        if (grouped && i > 0 && (n - i) % 3 == 0)
            buf_putc(out, ',');
        buf_putc(out, digits[i]);
    }
}

void figure_write(Buf *out, const char *plain, FigureStyle st)
{
    bool negative = plain[0] == '-';
    const char *digits = plain + negative;
    size_t integer = strcspn(digits, ".");
    if (negative)
        buf_puts(out, st.parens ? "(" : st.unicode_minus ? "\xE2\x88\x92" : "-");
    if (st.sign)
        buf_puts(out, st.sign);
    put_integer(out, digits, integer, st.grouped);
    buf_puts(out, digits + integer);
    if (negative && st.parens)
        buf_putc(out, ')');
}
