/* narrative.c - `text` blocks: each {expression} is evaluated and written into the prose
 * at the budget's precision, so the published explanation cannot contradict the tables;
 * and a number written into the prose by hand (81.99万元) is compared with the figure it
 * speaks of, found from the item label before it in the same sentence; a growth rate
 * written by hand is recorded with its item, for the rule sets that check rates. */
#include "check/narrative.h"

#include "base/show.h"
#include "check/eval.h"
#include "check/names.h"
#include "check/units.h"

#include <stdlib.h>
#include <string.h>

/* --- writing values in -------------------------------------------------------------- */

/* Whether the budget's figures are written with digit grouping (22,770,776): its prose
 * then shows them so too. */
static bool groups_digits(const Budget *b)
{
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it))
        for (uint32_t i = 0; i < it->nvalues; i++)
            if (it->values[i].grouped)
                return true;
    return false;
}

/* "22770776.5" as "22,770,776.5". */
static void group_digits(const char *s, Buf *out)
{
    size_t sign = s[0] == '-', digits = sign + strspn(s + sign, "0123456789");
    buf_put(out, s, sign);
    for (size_t i = sign; i < digits; i++) {
        if (i > sign && (digits - i) % 3 == 0)
            buf_putc(out, ',');
        buf_putc(out, s[i]);
    }
    buf_puts(out, s + digits);
}

/* Half-up to the budget's rounding step (0.01 when it has none and the value has no
 * finite decimal form); then the shortest exact decimal: 13.40 is written 13.4, and
 * grouped by three when the budget's figures are. */
static char *shown_value(Checker *c, const Budget *b, const TextPart *p, Num value, bool grouped)
{
    bool rounding = c->facts->rounding_valid;
    Num v = value, step = rounding ? packed_num(b->rounding.value) : num_step(2);
    if (p->percent && num_mul(v, num_int(100), &v) != NUM_OK)
        v = value;
    if (p->percent)
        step = num_step(2);
    Num r = v;
    if ((p->percent || rounding || !num_is_decimal(v)) && num_round(v, step, &r) != NUM_OK)
        r = v;
    char s[NUM_STR_MAX];
    num_format(r, s);
    Buf out = {0};
    if (grouped && !p->percent)
        group_digits(s, &out);
    else
        buf_puts(&out, s);
    if (p->percent)
        buf_putc(&out, '%');
    char *shown = arena_strdup(c->arena, out.data);
    buf_free(&out);
    return shown;
}

static void not_stated(Checker *c, const TextPart *p, const Item *missing)
{
    char *path = missing ? item_path(missing) : xstrdup("this value");
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0902", p->span, "'%s' is not stated here, so the text shows '-'", path);
    diag_help(g, "pick a column where the figures are stated, e.g. {x[2026]}");
    free(path);
}

static void value_part(Checker *c, const Budget *b, const TextPart *p, TextPartFacts *f, bool grouped)
{
    names_resolve_expr(c, p->expr);
    Amount a = eval_amount(c, p->expr);
    if (a.is_claim) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0902", p->span, "a text shows amounts, not true/false claims");
        diag_help(g, "quote a figure, e.g. {income[2026] - income[2025]}; put claims in an assert");
    } else if (a.valid && !a.stated) {
        not_stated(c, p, a.missing);
    }
    f->stated = a.stated;
    f->value = a.value;
    f->unit = a.unit;
    f->shown = a.stated ? shown_value(c, b, p, a.value, grouped) : "-";
}

static void render(Checker *c, const Budget *b, const Text *t)
{
    TextFacts *tf = sema_text(c->sema, t);
    bool grouped = groups_digits(b);
    tf->parts = ARENA_ARRAY(c->arena, TextPartFacts, t->nparts);
    Buf out = {0};
    buf_puts(&out, "");
    for (uint32_t i = 0; i < t->nparts; i++) {
        const TextPart *p = &t->parts[i];
        if (p->expr)
            value_part(c, b, p, &tf->parts[i], grouped);
        buf_puts(&out, p->expr ? tf->parts[i].shown : p->literal);
    }
    tf->rendered = arena_strdup(c->arena, out.data);
    buf_free(&out);
}

/* --- numbers written by hand -------------------------------------------------------- */

/* The prose's source bytes with every {expression} and escape blanked out, so that
 * offsets still match the source and nothing inside an expression looks like prose. */
static char *masked_prose(Checker *c, const Text *t)
{
    uint32_t len = t->content.end - t->content.start;
    char *m = xmalloc(len + 1);
    memcpy(m, c->sources->items[t->content.file]->text + t->content.start, len);
    m[len] = '\0';
    for (uint32_t i = 0; i < t->nparts; i++)
        if (t->parts[i].expr)
            memset(m + t->parts[i].span.start - t->content.start, ' ', t->parts[i].span.end - t->parts[i].span.start);
    for (uint32_t i = 0; i < len; i++) {
        if (m[i] != '\\')
            continue;
        char next = i + 1 < len ? m[i + 1] : ' ';
        m[i] = next == 'n' ? '\n' : ' '; /* an escaped line break still ends a sentence */
        if (i + 1 < len)
            m[i + 1] = ' ';
    }
    return m;
}

/* A hand-written amount in the prose: "81.99万元". */
typedef struct Written {
    uint32_t start, end; /* offsets in the masked prose: the number and its unit */
    Num value;
    int decimals;
    const Unit *unit;
} Written;

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A character that makes a digit after it part of a longer token (x2, 1.5, a_1). */
static bool part_of_word(char ch)
{
    char lower = (char)(ch | 0x20);
    return is_digit(ch) || ch == '.' || ch == '_' || (lower >= 'a' && lower <= 'z');
}

static const Unit *unit_at(Checker *c, const char *s, size_t *len)
{
    const Unit *best = NULL;
    *len = 0;
    for (size_t i = 0; i < c->nunits; i++) {
        size_t n = strlen(c->unit_list[i]->name);
        if (n > *len && strncmp(s, c->unit_list[i]->name, n) == 0 && !c->unit_list[i]->failed) {
            best = c->unit_list[i];
            *len = n;
        }
    }
    return best;
}

/* The number at s[0..n), digit grouping aside. */
static bool parse_written(const char *s, size_t n, Written *w)
{
    char digits[NUM_STR_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof digits; i++)
        if (s[i] != ',')
            digits[k++] = s[i];
    return k < sizeof digits && num_parse(digits, k, &w->value, &w->decimals) == NUM_OK;
}

/* The next number followed by a declared unit at or after *at; false at the end. */
static bool next_written(Checker *c, const char *m, uint32_t len, uint32_t *at, Written *w)
{
    for (uint32_t i = *at; i < len; i++) {
        if (!is_digit(m[i]) || (i > 0 && part_of_word(m[i - 1])))
            continue;
        uint32_t j = i;
        while (j < len && is_digit(m[j]))
            j++;
        bool may_group = j - i <= 3; /* 22,770,776: groups of three after one to three digits */
        while (may_group && j + 3 < len && m[j] == ',' && is_digit(m[j + 1]) && is_digit(m[j + 2]) &&
               is_digit(m[j + 3]) && (j + 4 == len || !is_digit(m[j + 4])))
            j += 4;
        if (j + 1 < len && m[j] == '.' && is_digit(m[j + 1]))
            for (j++; j < len && is_digit(m[j]);)
                j++;
        uint32_t u = j < len && m[j] == ' ' ? j + 1 : j;
        size_t ulen;
        const Unit *unit = unit_at(c, m + u, &ulen);
        *at = j;
        if (!unit || !parse_written(m + i, j - i, w))
            continue;
        w->start = i;
        w->end = u + (uint32_t)ulen;
        w->unit = unit;
        *at = w->end;
        return true;
    }
    return false;
}

/* Where the sentence holding offset `at` starts: after 。；！？; or a line break. */
static uint32_t sentence_start(const char *m, uint32_t at)
{
    static const char *ends[] = {"\xE3\x80\x82", "\xEF\xBC\x9B", "\xEF\xBC\x81", "\xEF\xBC\x9F", ";", "\n"};
    uint32_t start = 0;
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        size_t n = strlen(ends[k]);
        for (uint32_t i = at; i >= n; i--)
            if (memcmp(m + i - n, ends[k], n) == 0) {
                if (i > start)
                    start = i;
                break;
            }
    }
    return start;
}

/* The item whose label ends last in m[from, to): the subject the number speaks of. */
static const Item *subject(Checker *c, const Budget *b, const char *m, uint32_t from, uint32_t to,
                           uint32_t *label_end)
{
    const Item *best = NULL;
    size_t best_len = 0;
    *label_end = 0;
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        const ItemFacts *f = facts_of(c, it);
        const char *label = sema_given_label(c->sema, it);
        size_t n = label ? strlen(label) : 0;
        if (n < 4 || f->excluded || !f->value)
            continue; /* short labels would match anywhere */
        for (uint32_t i = from; i + n <= to; i++) {
            if (memcmp(m + i, label, n) != 0)
                continue;
            uint32_t end = i + (uint32_t)n;
            if (end > *label_end || (end == *label_end && n > best_len)) {
                best = it;
                best_len = n;
                *label_end = end;
            }
        }
    }
    return best;
}

static bool has_word(const char *m, uint32_t from, uint32_t to, const char *const *words, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(words[k]);
        for (uint32_t i = from; i + len <= to; i++)
            if (memcmp(m + i, words[k], len) == 0)
                return true;
    }
    return false;
}

/* +1 when the words between subject and number speak of an increase, -1 a decrease. */
static int change_between(const char *m, uint32_t from, uint32_t to)
{
    static const char *const up[] = {"增加", "增长", "上升", "提高"};
    static const char *const down[] = {"减少", "下降", "降低"};
    if (has_word(m, from, to, down, sizeof down / sizeof down[0]))
        return -1;
    return has_word(m, from, to, up, sizeof up / sizeof up[0]) ? 1 : 0;
}

/* The figure the number should equal, in the number's unit; false when it has none. */
static bool expected_value(Checker *c, const Budget *b, const Item *it, int change, const Unit *unit, Num *out)
{
    const ItemFacts *f = facts_of(c, it);
    const Cell *v = f->value;
    Num x = cell_value(v[0]);
    if (!cell_stated(v[0]) || !unit_same_dim(f->unit, unit))
        return false;
    Num now = x, before = b->ncolumns >= 2 ? cell_value(v[1]) : num_int(0);
    if (change && (b->ncolumns < 2 || !cell_stated(v[1]) ||
                   (change > 0 ? num_sub(now, before, &x) : num_sub(before, now, &x)) != NUM_OK))
        return false;
    return unit_convert(x, f->unit, unit, out) == NUM_OK;
}

static void wrong_number(Checker *c, const Budget *b, const Text *t, const Written *w, const Item *it,
                         int change, Num expected)
{
    char *path = item_path(it);
    const char *c0 = b->columns[0].id, *c1 = b->ncolumns > 1 ? b->columns[1].id : c0;
    char *what = change > 0   ? str_printf("%s[%s] - %s[%s]", path, c0, path, c1)
                 : change < 0 ? str_printf("%s[%s] - %s[%s]", path, c1, path, c0)
                              : str_printf("%s[%s]", path, c0);
    char e[NUM_STR_MAX];
    num_show(expected, e);
    Span at = {t->content.file, t->content.start + w->start, t->content.start + w->end};
    char *said = span_printable(c->sources, at);
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0901", at, "the text says %s, but %s is %s %s", said, what, e,
                          w->unit->name);
    free(said);
    diag_note(g, "read as %s of '%s' (%s), the item named last before it in the sentence",
              change ? (change > 0 ? "the increase" : "the decrease") : "the figure", sema_label(c->sema, it), path);
    diag_help(g, "write {%s} so the text follows the figures", what);
    free(path);
    free(what);
}

static void check_written(Checker *c, const Budget *b, const Text *t, const char *m, const Written *w)
{
    uint32_t label_end;
    const Item *it = subject(c, b, m, sentence_start(m, w->start), w->start, &label_end);
    if (!it)
        return; /* nothing to compare with: numbers the compiler cannot place are not checked */
    int change = change_between(m, label_end, w->start);
    Num expected, rounded;
    if (!expected_value(c, b, it, change, w->unit, &expected))
        return;
    bool budget_unit = c->facts->rounding_valid && w->unit == c->facts->unit;
    Num step = budget_unit ? packed_num(b->rounding.value) : num_step(w->decimals);
    if (num_round(expected, step, &rounded) != NUM_OK || num_cmp(rounded, w->value) == 0)
        return;
    wrong_number(c, b, t, w, it, change, expected);
}

/* --- growth rates written by hand ------------------------------------------------------ */

/* The next percentage at or after *at ("12.5%", "100％"): its bytes [*start, *end). */
static bool next_percent(const char *m, uint32_t len, uint32_t *at, uint32_t *start, uint32_t *end)
{
    static const char wide[] = "\xEF\xBC\x85"; /* ％, the full-width percent sign */
    for (uint32_t i = *at; i < len; i++) {
        if (!is_digit(m[i]) || (i > 0 && part_of_word(m[i - 1])))
            continue;
        uint32_t j = i;
        while (j < len && (is_digit(m[j]) || (m[j] == '.' && j + 1 < len && is_digit(m[j + 1]))))
            j++;
        *at = j;
        uint32_t sign = j < len && m[j] == '%' ? 1 : j + 3 <= len && memcmp(m + j, wide, 3) == 0 ? 3 : 0;
        if (!sign)
            continue;
        *start = i;
        *end = j + sign;
        *at = *end;
        return true;
    }
    return false;
}

/* Records each percentage written after an item's label and a word of change in one
 * sentence ("公务接待费比上年增长100%"): a growth rate, which rule sets may check (16). */
static void find_rates(Checker *c, const Budget *b, const Text *t, const char *m)
{
    TextFacts *tf = sema_text(c->sema, t);
    uint32_t len = t->content.end - t->content.start, at = 0, start, end, label_end, cap = 0;
    while (next_percent(m, len, &at, &start, &end)) {
        const Item *it = subject(c, b, m, sentence_start(m, start), start, &label_end);
        if (!it || !change_between(m, label_end, start))
            continue;
        ARENA_GROW(c->arena, tf->rates, tf->nrates, cap);
        tf->rates[tf->nrates++] = (RateQuote){it, {t->content.file, t->content.start + start, t->content.start + end}};
    }
}

static void check_numbers(Checker *c, const Budget *b, const Text *t)
{
    char *m = masked_prose(c, t);
    uint32_t len = t->content.end - t->content.start, at = 0;
    Written w;
    while (next_written(c, m, len, &at, &w))
        check_written(c, b, t, m, &w);
    find_rates(c, b, t, m);
    free(m);
}

void texts_check(Checker *c, Budget *b)
{
    for (uint32_t i = 0; i < b->ntexts; i++) {
        render(c, b, b->texts[i]);
        check_numbers(c, b, b->texts[i]);
    }
}
