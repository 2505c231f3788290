/* narrative.c - `text` blocks: each {expression} is evaluated and written into the prose
 * at the budget's precision, so the published explanation cannot contradict the tables;
 * and a number written into the prose by hand (81.99万元) is compared with the figure it
 * speaks of, found from the item label before it in the same sentence; a growth rate
 * written by hand is recorded with its item, for the rule sets that check rates. Each
 * text's prose is indexed once (every unit name, item label and column name found in one
 * pass, base/strmatch.h), so the cost grows with the text and the budget, not with their
 * product (docs/limits.md). */
#include "check/narrative.h"

#include "base/show.h"
#include "base/strmatch.h"
#include "check/eval.h"
#include "check/names.h"
#include "check/units.h"
#include "check/zh.h"

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
    diag_zh(g, "%s在此未列示，文字中显示为“-”；请改为引用列示了数据的列", missing ? zh_item(c, missing) : "该数值");
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

static void render(Checker *c, const Budget *b, const Text *t, bool grouped)
{
    TextFacts *tf = sema_text(c->sema, t);
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

/* A hand-written figure in the prose: "81.99万元", "$22,770,776" or "43.78%". */
typedef struct Written {
    uint32_t start, end; /* offsets in the masked prose: the number with its unit, sign or % */
    Num value;           /* a percentage as the share it means */
    int decimals;        /* a percentage's as a share: 43.78% has 4 */
    const Unit *unit;    /* NULL for a percentage */
    bool percent;
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

/* Every unit name (of a unit declared without error) reversed, so that fed a text from its
 * end the matcher knows the longest unit name starting at each offset; and the base unit
 * of each currency sign. Built once per program, at the first text. */
static const Matcher *unit_names(Checker *c)
{
    if (c->unit_names_built)
        return &c->unit_names;
    c->unit_names_built = true;
    for (size_t i = 0; i < c->nunits; i++) {
        const Unit *u = c->unit_list[i];
        if (u->base == u && u->sign && !c->sign_units[u->sign])
            c->sign_units[u->sign] = u;
        if (u->failed)
            continue;
        size_t n = strlen(u->name);
        char *reversed = xmalloc(n + 1);
        for (size_t k = 0; k < n; k++)
            reversed[k] = u->name[n - 1 - k];
        matcher_add(&c->unit_names, reversed, n, (void *)u);
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

/* The unit a figure written with a currency sign just before m[at] is in: the budget's
 * unit when its currency has that sign, else the base unit that has it. */
static const Unit *sign_unit(Checker *c, const char *m, uint32_t at)
{
    static const char *const signs[] = {"$", "\xC2\xA5", "\xEF\xBF\xA5", "\xC2\xA3", "\xE2\x82\xAC"}; /* $ ¥ ￥ £ € */
    Sign sign = SIGN_NONE;
    for (size_t k = 0; k < sizeof signs / sizeof signs[0] && !sign; k++) {
        size_t n = strlen(signs[k]);
        if (at >= n && memcmp(m + at - n, signs[k], n) == 0)
            sign = sign_of(signs[k]);
    }
    const Unit *d = c->facts->unit;
    if (!sign)
        return NULL;
    if (d && d->base && d->base->sign == sign)
        return d;
    unit_names(c);
    return c->sign_units[sign];
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

/* Where the digits starting at m[i] end: 22,770,776.5 (groups of three after one to three
 * digits, then decimals). */
static uint32_t number_end(const char *m, uint32_t len, uint32_t i)
{
    uint32_t j = i;
    while (j < len && is_digit(m[j]))
        j++;
    bool may_group = j - i <= 3;
    while (may_group && j + 3 < len && m[j] == ',' && is_digit(m[j + 1]) && is_digit(m[j + 2]) &&
           is_digit(m[j + 3]) && (j + 4 == len || !is_digit(m[j + 4])))
        j += 4;
    if (j + 1 < len && m[j] == '.' && is_digit(m[j + 1]))
        for (j++; j < len && is_digit(m[j]);)
            j++;
    return j;
}

/* What follows the number m[i, j): '%' (or '％'), a declared unit, or nothing the checker
 * reads; a currency sign before it gives its unit. */
static bool written_kind(Checker *c, const char *m, uint32_t len, const Unit **units, uint32_t i, uint32_t j,
                         Written *w)
{
    size_t n;
    if (j < len && m[j] == '%')
        n = 1;
    else if (j + 3 <= len && memcmp(m + j, "\xEF\xBC\x85", 3) == 0)
        n = 3;
    else
        n = 0;
    if (n) {
        w->percent = true;
        w->end = j + (uint32_t)n;
        return num_div(w->value, num_int(100), &w->value) == NUM_OK && (w->decimals += 2, true);
    }
    uint32_t u = j < len && m[j] == ' ' ? j + 1 : j;
    w->unit = units[u];
    w->end = u + (uint32_t)(w->unit ? strlen(w->unit->name) : 0);
    if (!w->unit) {
        w->unit = sign_unit(c, m, i);
        w->end = j;
    }
    return w->unit != NULL;
}

/* The next figure the checker can read at or after *at; false at the end. */
static bool next_written(Checker *c, const char *m, uint32_t len, const Unit **units, uint32_t *at, Written *w)
{
    for (uint32_t i = *at; i < len; i++) {
        if (!is_digit(m[i]) || (i > 0 && part_of_word(m[i - 1])))
            continue;
        uint32_t j = number_end(m, len, i);
        *at = j;
        *w = (Written){.start = i};
        if (!parse_written(m + i, j - i, w) || !written_kind(c, m, len, units, i, j, w))
            continue;
        *at = w->end;
        return true;
    }
    return false;
}

/* Whether a sentence ends just before m[i]: after 。；！？; or a line break. */
static bool sentence_ends(const char *m, uint32_t i)
{
    static const char *const ends[] = {"\xE3\x80\x82", "\xEF\xBC\x9B", "\xEF\xBC\x81", "\xEF\xBC\x9F"};
    if (i >= 1 && (m[i - 1] == ';' || m[i - 1] == '\n'))
        return true;
    for (size_t k = 0; i >= 3 && k < sizeof ends / sizeof ends[0]; k++)
        if (memcmp(m + i - 3, ends[k], 3) == 0)
            return true;
    return false;
}

/* a[0..n) equals b[0..n), ASCII letters in either case ("Compared" is "compared"). */
static bool same_words(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Where `word` occurs last in m[from, to), or -1. ASCII words must stand alone
 * ("vs", not "canvas"). */
static int64_t last_word(const char *m, uint32_t from, uint32_t to, const char *word)
{
    size_t n = strlen(word);
    bool ascii = (unsigned char)word[0] < 0x80;
    if (to < from + n)
        return -1;
    for (uint32_t i = to - (uint32_t)n + 1; i-- > from;) {
        if (!same_words(m + i, word, n))
            continue;
        uint32_t after = i + (uint32_t)n;
        bool joined_after = after < to && part_of_word(m[after]) &&
                            !(m[after] == '.' && !(after + 1 < to && is_digit(m[after + 1]))); /* "2023." ends */
        if (ascii && ((i > 0 && part_of_word(m[i - 1])) || joined_after))
            continue;
        return i;
    }
    return -1;
}

/* --- the names in a text, found in one pass ------------------------------------------ */

/* The names of one kind (item labels, column names) found in a text: at[e] the longest
 * that ends at offset e and stands as a word there, last[i] the greatest such e <= i (0:
 * none). Names are matched with ASCII letters in lower case, as the prose is. */
typedef struct Found {
    const void *what;
    uint32_t len;
} Found;

typedef struct Sightings {
    Found *at;
    uint32_t *last;
} Sightings;

static unsigned char lower_ascii(char ch)
{
    return (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
}

static void add_name(Matcher *names, const char *name, const void *what)
{
    size_t n = strlen(name);
    char *lower = xmalloc(n + 1);
    for (size_t k = 0; k < n; k++)
        lower[k] = (char)lower_ascii(name[k]);
    matcher_add(names, lower, n, (void *)what);
    free(lower);
}

/* Whether the name m[start, end) stands as a word: one that starts with an ASCII letter
 * must not be joined to a letter or digit on either side ("vs", not "canvas"). */
static bool stands_alone(const char *m, uint32_t len, uint32_t start, uint32_t end)
{
    if ((unsigned char)m[start] >= 0x80)
        return true;
    bool joined_after = end < len && part_of_word(m[end]) &&
                        !(m[end] == '.' && !(end + 1 < len && is_digit(m[end + 1]))); /* "2023." ends */
    return !(start > 0 && part_of_word(m[start - 1])) && !joined_after;
}

static void find_names(const Matcher *names, const char *m, uint32_t len, Sightings *x)
{
    x->at = xmalloc((len + 1) * sizeof *x->at);
    x->last = xmalloc((len + 1) * sizeof *x->last);
    x->at[0] = (Found){NULL, 0};
    x->last[0] = 0;
    uint32_t state = MATCH_START;
    for (uint32_t e = 1; e <= len; e++) {
        size_t n = 0;
        state = matcher_step(names, state, lower_ascii(m[e - 1]));
        const void *what = matcher_longest(names, state, &n);
        if (what && !stands_alone(m, len, e - (uint32_t)n, e))
            what = NULL;
        x->at[e] = (Found){what, (uint32_t)n};
        x->last[e] = what ? e : x->last[e - 1];
    }
}

/* The name that ends last in m[from, to) (where to <= the text's length), or NULL;
 * m[*start, *end) is where it stands. A name that starts before `from` gives way to one that ends before
 * it, a few names back at most: past that nothing is found, and the number is not checked
 * rather than read against a guess. */
static const void *name_in(const Sightings *x, uint32_t from, uint32_t to, uint32_t *start, uint32_t *end)
{
    enum { MAX_STEPS = 64 };
    uint32_t e = x->last[to];
    for (int steps = 0; e > from && steps < MAX_STEPS; steps++) {
        if (e - x->at[e].len >= from) {
            *start = e - x->at[e].len;
            *end = e;
            return x->at[e].what;
        }
        e = x->last[e - 1];
    }
    return NULL;
}

static void names_free(Sightings *x)
{
    free(x->at);
    free(x->last);
}

/* The labels a number may speak of: 4 bytes or more (shorter ones would match anywhere),
 * of items that are counted and have values; an equal label names the first such item. */
static void index_labels(Checker *c, const Budget *b, Matcher *labels)
{
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        const ItemFacts *f = facts_of(c, it);
        const char *label = sema_given_label(c->sema, it);
        if (label && strlen(label) >= 4 && !f->excluded && f->value)
            add_name(labels, label, it);
    }
    matcher_build(labels);
}

/* A name of a column, for the prose: an ID must not be joined to digits (2025 in 20251). */
typedef struct ColumnName {
    uint32_t column;
    bool is_id;
} ColumnName;

/* The names of the period columns but the first (a sentence compares with those): each
 * one's label, `also` names and ID. */
static ColumnName *index_columns(Checker *c, const Budget *b, Matcher *names)
{
    const BudgetFacts *f = c->facts;
    uint32_t n = 0;
    for (uint32_t k = 1; k < f->nperiods; k++)
        n += 2 + b->columns[f->periods[k]].naliases;
    ColumnName *list = xmalloc((n ? n : 1) * sizeof *list), *next = list;
    for (uint32_t k = 1; k < f->nperiods; k++) {
        const Column *col = &b->columns[f->periods[k]];
        *next = (ColumnName){f->periods[k], false};
        if (col->label && *col->label)
            add_name(names, col->label, next);
        for (uint32_t i = 0; i < col->naliases; i++)
            if (*col->aliases[i])
                add_name(names, col->aliases[i], next);
        next++;
        *next = (ColumnName){f->periods[k], true};
        add_name(names, col->id, next++);
    }
    matcher_build(names);
    return list;
}

/* What the numbers of one budget's texts are read against: its labels and column names,
 * indexed at the first hand-written number (most texts have none). */
typedef struct Lexicon {
    Matcher labels, columns;
    ColumnName *column_names;
    bool built;
} Lexicon;

/* The first of some stops at or after `from` is at `at` (known: computed). */
typedef struct Stop {
    uint32_t from, at;
    bool known;
} Stop;

/* One text's prose, with the names found in it, read forward once: the numbers come in
 * order, and the sentence holding the next one, the last 占 in it and the stops after it
 * are carried on from the number before. */
typedef struct Prose {
    const char *m;
    uint32_t len;
    Sightings labels, columns;
    uint32_t read;     /* the prose before this offset is read */
    uint32_t sentence; /* where the sentence holding `read` starts */
    int64_t zhan;      /* where the last 占 of that sentence stands, or -1 */
    Stop clause_end, of_end;
} Prose;

static void read_to(Prose *p, uint32_t to)
{
    while (p->read < to) {
        uint32_t i = ++p->read;
        if (sentence_ends(p->m, i)) {
            p->sentence = i;
            p->zhan = -1;
        } else if (i >= 3 && memcmp(p->m + i - 3, "\xE5\x8D\xA0", 3) == 0) { /* 占 */
            p->zhan = i - 3;
        }
    }
}

/* The first offset at or after `from` where stops_at holds (the text's length if none);
 * from grows from number to number, so each byte is looked at about once. */
static uint32_t next_stop(const Prose *p, Stop *cache, uint32_t from, bool (*stops_at)(const Prose *, uint32_t))
{
    if (cache->known && from >= cache->from && from <= cache->at)
        return cache->at;
    uint32_t i = from;
    while (i < p->len && !stops_at(p, i))
        i++;
    *cache = (Stop){from, i, true};
    return i;
}

/* The item whose label ends last in m[from, to): the subject the number speaks of. */
static const Item *subject(const Prose *p, uint32_t from, uint32_t to, uint32_t *label_start, uint32_t *label_end)
{
    *label_start = *label_end = 0;
    return name_in(&p->labels, from, to, label_start, label_end);
}

/* +1 when the last word of change in m[from, to) speaks of an increase, -1 a decrease, 0
 * when there is none; *at is where it stands. */
static int change_word(const char *m, uint32_t from, uint32_t to, int64_t *at)
{
    static const char *const words[] = {"增加", "增长", "上升", "提高", "increase", "increased", "grew", "rose", "up",
                                        "减少", "下降", "降低", "decrease", "decreased", "declined", "fell", "down"};
    enum { UP_WORDS = 9 };
    int dir = 0;
    *at = -1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        int64_t i = last_word(m, from, to, words[k]);
        if (i > *at) {
            *at = i;
            dir = k < UP_WORDS ? 1 : -1;
        }
    }
    return dir;
}

/* Whether the word of change at m[word] is followed by 到, 至 or "to" before m[to]: the
 * number after it is where the figure went, not by how much. */
static bool reaches(const char *m, uint32_t word, uint32_t to)
{
    return last_word(m, word, to, "到") >= 0 || last_word(m, word, to, "至") >= 0 || last_word(m, word, to, "to") >= 0;
}

/* --- which column a sentence compares with (docs/language.md 15.2) -------------------- */

enum { AGAINST_NONE = -1, AGAINST_UNKNOWN = -2 };

/* What the sentence being read compares with, carried from clause to clause. */
typedef struct Sentence {
    uint32_t start;         /* where it starts in the masked prose */
    uint32_t clause;        /* where the clause of the next number starts */
    int against;            /* a column, AGAINST_NONE or AGAINST_UNKNOWN */
    uint32_t phrase_start, phrase_end; /* AGAINST_UNKNOWN: the words that compare */
} Sentence;

/* The column of the year before the first column's (2025 beside 2026), or -1. */
static int year_before(const Checker *c, const Budget *b)
{
    const BudgetFacts *f = c->facts;
    const char *main = b->columns[f->periods[0]].id;
    char *end;
    long year = strtol(main, &end, 10);
    if (*end || end == main || year < 1 || year > 99999)
        return -1;
    char want[16];
    snprintf(want, sizeof want, "%ld", year - 1);
    for (uint32_t k = 1; k < f->nperiods; k++)
        if (strcmp(b->columns[f->periods[k]].id, want) == 0)
            return (int)f->periods[k];
    return -1;
}

/* Where words for the year before (上年, last year) end last in m[from, to); 0: none. */
static uint32_t last_year_named(const char *m, uint32_t from, uint32_t to)
{
    static const char *const words[] = {"上年", "上年度", "去年", "上一年", "last year", "prior year", "previous year"};
    uint32_t best = 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        int64_t at = last_word(m, from, to, words[k]);
        if (at >= 0 && (uint32_t)at + strlen(words[k]) > best)
            best = (uint32_t)at + (uint32_t)strlen(words[k]);
    }
    return best;
}

/* The period column other than the first named last in m[from, to) (by its label, an
 * `also` name, its ID, a numeric ID as a year: 2025年), or -1. */
static int named_column(Checker *c, const Budget *b, const Prose *p, uint32_t from, uint32_t to)
{
    uint32_t start = 0, end = 0;
    const ColumnName *n = name_in(&p->columns, from, to, &start, &end);
    if (n && n->is_id && ((start > 0 && is_digit(p->m[start - 1])) || is_digit(p->m[end])))
        n = NULL, end = 0;
    int best = n ? (int)n->column : -1;
    int before = year_before(c, b);
    if (before >= 0 && last_year_named(p->m, from, to) > end)
        best = before;
    return best;
}

/* Where the last word that compares with something stands in m[from, to), or -1. */
static int64_t comparing_word(const char *m, uint32_t from, uint32_t to)
{
    static const char *const words[] = {"较", "比", "相比", "同比", "对比", "compared", "than", "versus", "vs", "over", "from"};
    int64_t last = -1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        int64_t at = last_word(m, from, to, words[k]);
        bool share_word = k == 1 && at >= 0 && ((at >= 3 && memcmp(m + at - 3, "占", 3) == 0) ||
                                               memcmp(m + at + 3, "重", 3) == 0 || memcmp(m + at + 3, "例", 3) == 0);
        if (at > last && !share_word)
            last = at;
    }
    return last;
}

/* Reads the clause m[from, to) of sentence s for the column it compares with. */
static void read_clause(Checker *c, const Budget *b, const Prose *p, uint32_t from, uint32_t to, Sentence *s)
{
    int col = named_column(c, b, p, from, to);
    int64_t word = comparing_word(p->m, from, to);
    if (col >= 0) {
        s->against = col;
    } else if (word >= 0) {
        s->against = AGAINST_UNKNOWN;
        s->phrase_start = (uint32_t)word;
        s->phrase_end = to;
    }
}

static bool ends_clause(const Prose *p, uint32_t i)
{
    static const char *const ends[] = {"\xEF\xBC\x8C", "\xE3\x80\x81", "\xEF\xBC\x9B", "\xE3\x80\x82"}; /* ，、；。 */
    char ch = p->m[i];
    if (ch == ',' || ch == ';' || ch == '\n' || (ch == '.' && i + 1 < p->len && p->m[i + 1] == ' '))
        return true;
    for (size_t k = 0; i + 3 <= p->len && k < sizeof ends / sizeof ends[0]; k++)
        if (memcmp(p->m + i, ends[k], 3) == 0)
            return true;
    return false;
}

/* A comparison whose column is named just after its figure, before the clause ends. */
static void name_after(Checker *c, const Budget *b, Prose *p, uint32_t from, Sentence *s)
{
    int col = named_column(c, b, p, from, next_stop(p, &p->clause_end, from, ends_clause));
    if (col >= 0)
        s->against = col;
}

/* The column a change or a rate in the sentence is against. */
static int against(const Checker *c, const Sentence *s)
{
    if (s->against != AGAINST_NONE)
        return s->against;
    return c->facts->nperiods == 2 ? (int)c->facts->periods[1] : AGAINST_UNKNOWN;
}

static void unknown_column(Checker *c, const Budget *b, const Text *t, const Written *w, const Sentence *s, const char *m)
{
    Span at = {t->content.file, t->content.start + w->start, t->content.start + w->end};
    Diag *g;
    if (s->against == AGAINST_UNKNOWN) {
        int64_t word;
        uint32_t end = s->phrase_end;
        if (change_word(m, s->phrase_start, end, &word) && word > s->phrase_start)
            end = (uint32_t)word; /* the comparison's words, without the word of change */
        while (end > s->phrase_start && strchr(" $(:", m[end - 1]))
            end--; /* "from $": the words, not the figure's sign */
        g = diag_report(c->diags, SEV_NOTE, "N0901", at, "cannot tell which column '%.*s' compares with, so this figure is not checked",
                        (int)(end - s->phrase_start), m + s->phrase_start);
        diag_zh(g, "无法判断“%.*s”与哪一列比较，此数字未核对；可在该列的名称后用 also 写上文中的说法",
                (int)(end - s->phrase_start), m + s->phrase_start);
    } else {
        g = diag_report(c->diags, SEV_NOTE, "N0901", at,
                        "the sentence names no column to compare with, so this figure is not checked");
        diag_zh(g, "句中没有说明与哪一列比较，此数字未核对；可在句中写明所比较的列，或在该列的名称后用 also 写上文中的说法");
    }
    Buf cols = {0};
    for (uint32_t k = 1; k < c->facts->nperiods; k++) {
        const Column *col = &b->columns[c->facts->periods[k]];
        buf_printf(&cols, "%s%s", k > 1 ? "; " : "", col->id);
        if (col->label)
            buf_printf(&cols, " \"%s\"", col->label);
        for (uint32_t i = 0; i < col->naliases; i++)
            buf_printf(&cols, "%s\"%s\"", i ? " " : " also ", col->aliases[i]);
    }
    diag_note(g, "the columns it could compare with: %s", cols.data ? cols.data : "none");
    diag_help(g, "name the column in the sentence, or add its words to the column: %s ... also \"...\"",
              c->facts->nperiods > 1 ? b->columns[c->facts->periods[1]].id : "ID");
    buf_free(&cols);
}

/* --- the figure a number speaks of ----------------------------------------------------- */

/* How far a figure may be from the unrounded one: as the columns found, else r/2 for a
 * stated figure and the sum of its items' for a group's computed one. */
static Num figure_width(Checker *c, const Item *it, uint32_t col)
{
    const ItemFacts *f = facts_of(c, it);
    Num w = num_int(0), x;
    if (f->derived)
        return packed_num(f->derived[col].width);
    if (!c->facts->rounding_valid)
        return w;
    if (it->kind != ITEM_GROUP || (col < it->nvalues && value_stated(&it->values[col]))) {
        num_div(packed_num(c->budget->rounding.value), num_int(2), &w);
        return w;
    }
    for (uint32_t i = 0; i < it->nchildren; i++) {
        const Item *ch = it->children[i];
        if (ch->kind == ITEM_MEMO || facts_of(c, ch)->excluded)
            continue;
        if (unit_convert(figure_width(c, ch, col), facts_of(c, ch)->unit, f->unit, &x) != NUM_OK ||
            num_add(w, x, &w) != NUM_OK)
            break;
    }
    return w;
}

/* A ratio of two figures and the range it may lie in: `num` over `den`, each off by up
 * to its width. */
typedef struct Ratio {
    Num at, lo, hi;
} Ratio;

static bool ratio_of(Num num, Num wn, Num den, Num wd, Ratio *r)
{
    Num nl, nh, dl, dh, q[4];
    if (num_div(num, den, &r->at) != NUM_OK || num_sub(num, wn, &nl) != NUM_OK || num_add(num, wn, &nh) != NUM_OK ||
        num_sub(den, wd, &dl) != NUM_OK || num_add(den, wd, &dh) != NUM_OK)
        return false;
    if (num_cmp(dl, num_int(0)) <= 0 && num_cmp(dh, num_int(0)) >= 0)
        return false; /* the base may be zero: any ratio is possible */
    if (num_div(nl, dl, &q[0]) != NUM_OK || num_div(nl, dh, &q[1]) != NUM_OK || num_div(nh, dl, &q[2]) != NUM_OK ||
        num_div(nh, dh, &q[3]) != NUM_OK)
        return false;
    r->lo = r->hi = q[0];
    for (int i = 1; i < 4; i++) {
        r->lo = num_cmp(q[i], r->lo) < 0 ? q[i] : r->lo;
        r->hi = num_cmp(q[i], r->hi) > 0 ? q[i] : r->hi;
    }
    return true;
}

/* A percentage agrees as published: the ratio rounded to the decimals written equals it,
 * or, allowing for rounding, some ratio in its range does. */
static bool ratio_agrees(const Ratio *r, const Written *w)
{
    Num rounded, half, lo, hi;
    if (num_cmp(r->lo, r->hi) == 0)
        return num_round(r->at, num_step(w->decimals), &rounded) == NUM_OK && num_cmp(rounded, w->value) == 0;
    if (num_div(num_step(w->decimals), num_int(2), &half) != NUM_OK || num_sub(w->value, half, &lo) != NUM_OK ||
        num_add(w->value, half, &hi) != NUM_OK)
        return true; /* cannot tell: not a warning */
    return num_cmp(r->lo, hi) <= 0 && num_cmp(r->hi, lo) >= 0;
}

/* The claim a number makes about the item it speaks of. */
typedef struct Claim {
    const Item *it;
    const Item *whole; /* a share: of this item */
    int change;        /* +1 an increase, -1 a decrease, 0 the figure itself */
    int column;        /* a change or rate: against this column */
} Claim;

/* The figure the number should equal, in the number's unit; false when it has none. */
static bool expected_value(Checker *c, const Claim *k, const Unit *unit, Num *out)
{
    const ItemFacts *f = facts_of(c, k->it);
    uint32_t main = !k->change && k->column >= 0 ? (uint32_t)k->column : c->facts->periods[0];
    Cell now = f->value[main], before = k->change ? f->value[k->column] : now;
    Num x = cell_value(now);
    if (!cell_stated(now) || !cell_stated(before) || !unit_same_dim(f->unit, unit))
        return false;
    if (k->change && (k->change > 0 ? num_sub(x, cell_value(before), &x) : num_sub(cell_value(before), x, &x)) != NUM_OK)
        return false;
    return unit_convert(x, f->unit, unit, out) == NUM_OK;
}

/* A share or a rate of change, in the range rounding allows; false when it has none. */
static bool expected_ratio(Checker *c, const Claim *k, Ratio *r)
{
    uint32_t main = c->facts->periods[0];
    const ItemFacts *f = facts_of(c, k->it);
    const Item *den_item = k->whole ? k->whole : k->it;
    uint32_t den_col = k->whole ? main : (uint32_t)k->column;
    const ItemFacts *df = facts_of(c, den_item);
    Cell part = f->value[main], base = df->value[den_col];
    if (!cell_stated(part) || !cell_stated(base) || !unit_same_dim(f->unit, df->unit))
        return false;
    Num num, den = cell_value(base), wn = figure_width(c, k->it, main), wd = figure_width(c, den_item, den_col);
    if (unit_convert(cell_value(part), f->unit, df->unit, &num) != NUM_OK || unit_convert(wn, f->unit, df->unit, &wn) != NUM_OK)
        return false;
    if (!k->whole && (num_sub(num, den, &num) != NUM_OK || num_add(wn, wd, &wn) != NUM_OK))
        return false; /* a rate: (now - before) / before */
    if (k->change < 0 && num_neg(num, &num) != NUM_OK)
        return false;
    return ratio_of(num, wn, den, wd, r);
}

/* "by_nature.basic[2026] - by_nature.basic[2025]": the expression the text should quote. */
static char *claim_expr(const Checker *c, const Claim *k, bool percent)
{
    const Budget *b = c->budget;
    char *path = item_path(k->it);
    const char *now = b->columns[c->facts->periods[0]].id, *then = k->column >= 0 ? b->columns[k->column].id : now;
    char *what;
    if (k->whole) {
        char *whole = item_path(k->whole);
        what = str_printf("%s[%s] / %s[%s]", path, now, whole, now);
        free(whole);
    } else if (k->change && percent) {
        what = k->change > 0 ? str_printf("(%s[%s] - %s[%s]) / %s[%s]", path, now, path, then, path, then)
                             : str_printf("(%s[%s] - %s[%s]) / %s[%s]", path, then, path, now, path, then);
    } else if (k->change) {
        what = k->change > 0 ? str_printf("%s[%s] - %s[%s]", path, now, path, then)
                             : str_printf("%s[%s] - %s[%s]", path, then, path, now);
    } else {
        what = str_printf("%s[%s]", path, k->column >= 0 ? then : now);
    }
    free(path);
    return what;
}

static const char *claim_reading(const Claim *k)
{
    if (k->whole)
        return "the share";
    return k->change > 0 ? "the increase" : k->change < 0 ? "the decrease" : "the figure";
}

static const char *claim_reading_zh(const Claim *k, bool percent)
{
    if (k->whole)
        return "占比";
    if (percent)
        return k->change > 0 ? "增长率" : "下降率";
    return k->change > 0 ? "增加额" : k->change < 0 ? "减少额" : "数值";
}

static void wrong_number(Checker *c, const Text *t, const Written *w, const Claim *k, const char *shown)
{
    char *what = claim_expr(c, k, w->percent);
    Span at = {t->content.file, t->content.start + w->start, t->content.start + w->end};
    char *said = span_printable(c->sources, at), *path = item_path(k->it);
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0901", at, "the text says %s, but %s is %s", said, what, shown);
    diag_note(g, "read as %s of '%s' (%s), the item named last before it in the sentence", claim_reading(k),
              sema_label(c->sema, k->it), path);
    if (k->whole) {
        char *whole = item_path(k->whole);
        diag_note(g, "a share of '%s' (%s)", sema_label(c->sema, k->whole), whole);
        free(whole);
    } else if (k->change && c->facts->nperiods > 2) { /* with two period columns there is no choice */
        const Column *col = &c->budget->columns[k->column];
        diag_note(g, "against column %s%s%s%s, which the sentence names", col->id, col->label ? " (" : "",
                  col->label ? col->label : "", col->label ? ")" : "");
    }
    diag_help(g, "write {%s%s} so the text follows the figures", what, w->percent ? ":%" : "");
    diag_zh(g, "说明文字写的是%s，但按句中最后提到的%s理解，其%s为 %s（%s）；可改写为 {%s%s}，使文字随数据更新", said,
            zh_item(c, k->it), claim_reading_zh(k, w->percent), shown, what, what, w->percent ? ":%" : "");
    free(said);
    free(path);
    free(what);
}

static void check_amount(Checker *c, const Budget *b, const Text *t, const Written *w, const Claim *k)
{
    Num expected, rounded;
    if (!expected_value(c, k, w->unit, &expected))
        return;
    bool budget_unit = c->facts->rounding_valid && w->unit == c->facts->unit;
    Num step = budget_unit ? packed_num(b->rounding.value) : num_step(w->decimals);
    if (num_round(expected, step, &rounded) != NUM_OK || num_cmp(rounded, w->value) == 0)
        return;
    char e[NUM_STR_MAX];
    num_show(expected, e);
    char *shown = str_printf("%s %s", e, w->unit->name);
    wrong_number(c, t, w, k, shown);
    free(shown);
}

static void check_percent(Checker *c, const Text *t, const Written *w, const Claim *k)
{
    Ratio r;
    if (!expected_ratio(c, k, &r) || ratio_agrees(&r, w))
        return;
    Num rounded, pct;
    char s[NUM_STR_MAX];
    if (num_round(r.at, num_step(w->decimals), &rounded) != NUM_OK || num_mul(rounded, num_int(100), &pct) != NUM_OK)
        return;
    num_format_fixed(pct, w->decimals - 2, s);
    char *shown = str_printf("%s%%", s);
    wrong_number(c, t, w, k, shown);
    free(shown);
}

static bool ends_of_phrase(const Prose *p, uint32_t i)
{
    return p->m[i] == '\n' || p->m[i] == '.' || p->m[i] == ',' || p->m[i] == ';';
}

/* The whole a share in the prose is of: the item named between 占 and the number, or after
 * "of"; else the item before the part when 其中 introduces it (just before the part). */
static const Item *share_whole(Prose *p, const Written *w, uint32_t sentence, const Item **part)
{
    enum { QIZHONG_REACH = 64 };
    uint32_t ps, pe, ws, we;
    if (p->zhan >= 0) {
        uint32_t zhan = (uint32_t)p->zhan;
        *part = subject(p, sentence, zhan, &ps, &pe);
        const Item *whole = subject(p, zhan, w->start, &ws, &we);
        if (whole || !*part)
            return whole;
        const Item *before = subject(p, sentence, ps, &ws, &we);
        uint32_t near = ps > we + QIZHONG_REACH ? ps - QIZHONG_REACH : we;
        return before && last_word(p->m, near, ps, "其中") >= 0 ? before : NULL;
    }
    uint32_t after = w->end;
    while (after < p->len && p->m[after] == ' ')
        after++;
    if (after + 3 > p->len || !same_words(p->m + after, "of ", 3))
        return NULL;
    uint32_t stop = next_stop(p, &p->of_end, after + 3, ends_of_phrase);
    *part = subject(p, sentence, w->start, &ps, &pe);
    return subject(p, after + 3, stop, &ws, &we);
}

/* A growth rate written by hand after an item's label and a word of change
 * ("公务接待费比上年增长100%"), which rule sets may check (16). */
static void record_rate(Checker *c, const Text *t, const Written *w, const Item *it)
{
    TextFacts *tf = sema_text(c->sema, t);
    ARENA_GROW(c->arena, tf->rates, tf->nrates, tf->caprates);
    tf->rates[tf->nrates++] = (RateQuote){it, {t->content.file, t->content.start + w->start, t->content.start + w->end}};
}

static void check_written(Checker *c, const Budget *b, const Text *t, Prose *p, const Written *w, Sentence *s)
{
    const char *m = p->m;
    read_to(p, w->start);
    uint32_t start = p->sentence, ls, le;
    if (start != s->start || s->clause < start)
        *s = (Sentence){.start = start, .clause = start, .against = AGAINST_NONE};
    read_clause(c, b, p, s->clause, w->start, s);
    if (s->against == AGAINST_UNKNOWN && s->phrase_start >= s->clause)
        name_after(c, b, p, w->end, s); /* "from $21,542,000 in 2023" */
    Claim k = {subject(p, start, w->start, &ls, &le), NULL, 0, -1};
    uint32_t clause = s->clause > le ? s->clause : le;
    s->clause = w->end;
    if (!k.it || !c->facts->nperiods)
        return; /* nothing to compare with: numbers the compiler cannot place are not checked */
    int64_t word;
    k.change = change_word(m, clause, w->start, &word);
    if (k.change && reaches(m, (uint32_t)word, w->start))
        k.change = 0; /* 增加到 X, grew to X: the new figure, not the change */
    if (w->percent && k.change)
        record_rate(c, t, w, k.it);
    if (!k.change && !w->percent && comparing_word(m, clause, w->start) >= 0) {
        k.column = against(c, s); /* 比上年的 X, from X: the figure compared with */
        if (k.column < 0)
            unknown_column(c, b, t, w, s, m);
        else
            check_amount(c, b, t, w, &k);
        return;
    }
    if (w->percent && !k.change) {
        k.whole = share_whole(p, w, start, &k.it);
        if (k.whole && k.it && k.whole != k.it)
            check_percent(c, t, w, &k);
        return;
    }
    if (k.change && (k.column = against(c, s)) < 0) {
        unknown_column(c, b, t, w, s, m);
        return;
    }
    if (w->percent)
        check_percent(c, t, w, &k);
    else
        check_amount(c, b, t, w, &k);
}

static void lexicon_build(Checker *c, const Budget *b, Lexicon *lex)
{
    if (lex->built)
        return;
    lex->built = true;
    index_labels(c, b, &lex->labels);
    lex->column_names = index_columns(c, b, &lex->columns);
}

static void lexicon_free(Lexicon *lex)
{
    matcher_free(&lex->labels);
    matcher_free(&lex->columns);
    free(lex->column_names);
}

static void check_numbers(Checker *c, const Budget *b, const Text *t, Lexicon *lex)
{
    char *m = masked_prose(c, t);
    uint32_t len = t->content.end - t->content.start, at = 0;
    const Unit **units = units_starting(c, m, len);
    Prose p = {.m = m, .len = len, .zhan = -1};
    bool found = false;
    Written w;
    Sentence s = {.start = UINT32_MAX};
    while (next_written(c, m, len, units, &at, &w)) {
        if (!found) {
            lexicon_build(c, b, lex);
            find_names(&lex->labels, m, len, &p.labels);
            find_names(&lex->columns, m, len, &p.columns);
            found = true;
        }
        check_written(c, b, t, &p, &w, &s);
    }
    if (found) {
        names_free(&p.labels);
        names_free(&p.columns);
    }
    free(units);
    free(m);
}

void texts_check(Checker *c, Budget *b)
{
    bool grouped = b->ntexts && groups_digits(b);
    Lexicon lex = {0};
    for (uint32_t i = 0; i < b->ntexts; i++) {
        render(c, b, b->texts[i], grouped);
        check_numbers(c, b, b->texts[i], &lex);
    }
    lexicon_free(&lex);
}
