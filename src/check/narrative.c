/* narrative.c - `text` blocks: each {expression} is evaluated and written into the prose
 * at the budget's precision, so the published explanation cannot contradict the tables;
 * and a number written into the prose by hand (81.99万元) is compared with the figure it
 * speaks of, found from the item label before it in the same sentence. The prose is read
 * once per text, with every label and unit name matched in that one pass (base/strmatch.h),
 * so the cost grows with the text and the budget, not with their product. */
#include "check/narrative.h"

#include "base/show.h"
#include "base/strmatch.h"
#include "check/eval.h"
#include "check/names.h"
#include "check/units.h"

#include <stdlib.h>
#include <string.h>

/* --- writing values in -------------------------------------------------------------- */

/* Half-up to the budget's rounding step (0.01 when it has none and the value has no
 * finite decimal form); then the shortest exact decimal: 13.40 is written 13.4. */
static char *shown_value(Checker *c, const Budget *b, const TextPart *p, Num value)
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
    char s[NUM_STR_MAX + 1];
    num_format(r, s);
    if (p->percent)
        strcat(s, "%");
    return arena_strdup(c->arena, s);
}

static void not_stated(Checker *c, const TextPart *p, const Item *missing)
{
    char *path = missing ? item_path(missing) : xstrdup("this value");
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0902", p->span, "'%s' is not stated here, so the text shows '-'", path);
    diag_help(g, "pick a column where the figures are stated, e.g. {x[2026]}");
    free(path);
}

static void value_part(Checker *c, const Budget *b, const TextPart *p, TextPartFacts *f)
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
    f->shown = a.stated ? shown_value(c, b, p, a.value) : "-";
}

static void render(Checker *c, const Budget *b, const Text *t)
{
    TextFacts *tf = sema_text(c->sema, t);
    tf->parts = ARENA_ARRAY(c->arena, TextPartFacts, t->nparts);
    Buf out = {0};
    buf_puts(&out, "");
    for (uint32_t i = 0; i < t->nparts; i++) {
        const TextPart *p = &t->parts[i];
        if (p->expr)
            value_part(c, b, p, &tf->parts[i]);
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

/* Every unit name (of a unit declared without error), reversed: fed a text from its end,
 * the matcher knows after each byte the longest unit name that starts there. Built once
 * per program, at the first text. */
static const Matcher *unit_names(Checker *c)
{
    if (c->unit_names_built)
        return &c->unit_names;
    c->unit_names_built = true;
    for (size_t i = 0; i < c->nunits; i++) {
        if (c->unit_list[i]->failed)
            continue;
        const char *name = c->unit_list[i]->name;
        size_t n = strlen(name);
        char *reversed = xmalloc(n + 1);
        for (size_t k = 0; k < n; k++)
            reversed[k] = name[n - 1 - k];
        matcher_add(&c->unit_names, reversed, n, c->unit_list[i]);
        free(reversed);
    }
    matcher_build(&c->unit_names);
    return &c->unit_names;
}

/* For each offset of the prose, the longest declared unit name that starts there (NULL
 * where none does): one pass from the end, whatever the number of units. */
static const Unit **units_starting(Checker *c, const char *m, uint32_t len)
{
    const Matcher *names = unit_names(c);
    const Unit **at = xmalloc((len + 1) * sizeof *at);
    at[len] = NULL;
    uint32_t state = MATCH_START;
    for (uint32_t i = len; i-- > 0;) {
        size_t n;
        state = matcher_step(names, state, (unsigned char)m[i]);
        at[i] = matcher_longest(names, state, &n);
    }
    return at;
}

/* The next number followed by a declared unit at or after *at; false at the end. */
static bool next_written(const char *m, uint32_t len, const Unit **units, uint32_t *at, Written *w)
{
    for (uint32_t i = *at; i < len; i++) {
        if (!is_digit(m[i]) || (i > 0 && part_of_word(m[i - 1])))
            continue;
        uint32_t j = i;
        while (j < len && is_digit(m[j]))
            j++;
        if (j + 1 < len && m[j] == '.' && is_digit(m[j + 1]))
            for (j++; j < len && is_digit(m[j]);)
                j++;
        uint32_t u = j < len && m[j] == ' ' ? j + 1 : j;
        const Unit *unit = units[u];
        *at = j;
        if (!unit || num_parse(m + i, j - i, &w->value, &w->decimals) != NUM_OK)
            continue;
        w->start = i;
        w->end = u + (uint32_t)strlen(unit->name);
        w->unit = unit;
        *at = w->end;
        return true;
    }
    return false;
}

/* The words of change, and whether each speaks of an increase. */
static const struct {
    const char *word;
    int sign;
} change_words[] = {
    {"增加", 1}, {"增长", 1}, {"上升", 1}, {"提高", 1}, {"减少", -1}, {"下降", -1}, {"降低", -1},
};

/* What the prose read so far says about the sentence the next number stands in: where the
 * sentence starts (after 。；！？; or a line break), the item whose label ends last in it
 * (the longest of those ending there), and where the last word of change of each kind
 * starts. The prose is read once, however many numbers and labels it has. */
typedef struct Reading {
    const Matcher *labels;
    uint32_t state, fed;
    uint32_t sentence;
    const Item *subject;
    uint32_t label_end;
    long last_up, last_down; /* -1: none in the sentence */
} Reading;

static bool sentence_ends(const char *m, uint32_t end)
{
    static const char *const ends[] = {"\xE3\x80\x82", "\xEF\xBC\x9B", "\xEF\xBC\x81", "\xEF\xBC\x9F"};
    if (m[end - 1] == ';' || m[end - 1] == '\n')
        return true;
    for (size_t k = 0; end >= 3 && k < sizeof ends / sizeof ends[0]; k++)
        if (memcmp(m + end - 3, ends[k], 3) == 0)
            return true;
    return false;
}

/* Reads the prose up to offset `to`. */
static void read_up_to(Reading *r, const char *m, uint32_t to)
{
    for (; r->fed < to; r->fed++) {
        uint32_t end = r->fed + 1;
        r->state = matcher_step(r->labels, r->state, (unsigned char)m[r->fed]);
        if (sentence_ends(m, end)) {
            *r = (Reading){r->labels, r->state, r->fed, end, NULL, 0, -1, -1};
            continue;
        }
        size_t n;
        const Item *it = matcher_longest(r->labels, r->state, &n);
        if (it && end - n >= r->sentence) {
            r->subject = it;
            r->label_end = end;
        }
        for (size_t k = 0; k < sizeof change_words / sizeof change_words[0]; k++) {
            size_t wn = strlen(change_words[k].word);
            if (end >= wn && memcmp(m + end - wn, change_words[k].word, wn) == 0)
                *(change_words[k].sign > 0 ? &r->last_up : &r->last_down) = (long)(end - wn);
        }
    }
}

/* +1 when a word between the subject and the number speaks of an increase, -1 a decrease
 * (a decrease wins when both stand there). */
static int change_since_subject(const Reading *r)
{
    if (r->last_down >= (long)r->label_end)
        return -1;
    return r->last_up >= (long)r->label_end ? 1 : 0;
}

/* The labels a number may speak of: 4 bytes or more (shorter ones would match anywhere),
 * of items that are counted and have values; an equal label names the first such item. A
 * label holding a sentence end never stands inside one sentence, so it is left out. */
static void index_labels(Checker *c, const Budget *b, Matcher *labels)
{
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        const ItemFacts *f = facts_of(c, it);
        const char *label = sema_given_label(c->sema, it);
        size_t n = label ? strlen(label) : 0;
        bool has_end = false;
        for (uint32_t k = 1; k <= n && !has_end; k++)
            has_end = sentence_ends(label, k);
        if (n >= 4 && !has_end && !f->excluded && f->value)
            matcher_add(labels, label, n, (void *)it);
    }
    matcher_build(labels);
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

static void check_written(Checker *c, const Budget *b, const Text *t, const Reading *r, const Written *w)
{
    const Item *it = r->subject;
    if (!it)
        return; /* nothing to compare with: numbers the compiler cannot place are not checked */
    int change = change_since_subject(r);
    Num expected, rounded;
    if (!expected_value(c, b, it, change, w->unit, &expected))
        return;
    bool budget_unit = c->facts->rounding_valid && w->unit == c->facts->unit;
    Num step = budget_unit ? packed_num(b->rounding.value) : num_step(w->decimals);
    if (num_round(expected, step, &rounded) != NUM_OK || num_cmp(rounded, w->value) == 0)
        return;
    wrong_number(c, b, t, w, it, change, expected);
}

/* labels: the budget's, indexed at its first hand-written number (most texts have none). */
static void check_numbers(Checker *c, const Budget *b, const Text *t, Matcher *labels, bool *indexed)
{
    char *m = masked_prose(c, t);
    uint32_t len = t->content.end - t->content.start, at = 0;
    const Unit **units = units_starting(c, m, len);
    Reading r = {labels, MATCH_START, 0, 0, NULL, 0, -1, -1};
    Written w;
    while (next_written(m, len, units, &at, &w)) {
        if (!*indexed)
            index_labels(c, b, labels);
        *indexed = true;
        read_up_to(&r, m, w.start);
        check_written(c, b, t, &r, &w);
    }
    free(units);
    free(m);
}

void texts_check(Checker *c, Budget *b)
{
    Matcher labels = {0};
    bool indexed = false;
    for (uint32_t i = 0; i < b->ntexts; i++) {
        render(c, b, b->texts[i]);
        check_numbers(c, b, b->texts[i], &labels, &indexed);
    }
    matcher_free(&labels);
}
