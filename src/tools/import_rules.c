/* import_rules.c - a rules file: one directive per line, for layouts bdl import does not
 * recognise (docs/import.md). Words are bare or "quoted"; # starts a comment. Lines after
 * `sheet NAME` apply to that sheet (`sheet *`: to every sheet without its own rules).
 * A problem is reported at its line and column (E1014), and the rules are not used. */
#include "tools/import_model.h"

#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

typedef struct Token {
    const char *text; /* unquoted, in the arena */
    Span span;
} Token;

enum { MAX_TOKENS = 16 };

typedef struct Parser {
    Rules *r;
    Arena *a;
    Report *d;
    Source *src;
    uint32_t file;
    SheetRule *sheet; /* the block the lines go to, or NULL before the first `sheet` */
    Token tok[MAX_TOKENS];
    size_t ntok;
    bool ok;
} Parser;

static bool error(Parser *p, Span at, const char *fmt, const char *arg)
{
    Diag *g = report_span(p->d, SEV_ERROR, "E1014", at, fmt, arg);
    diag_help(g, "the directives of a rules file are listed in docs/import.md");
    p->ok = false;
    return false;
}

/* A "quoted" word (with \" and \\) or a bare one; false at a quote never closed. */
static bool word(Parser *p, const char *line, size_t *i, size_t len, uint32_t base)
{
    Buf b = {0};
    size_t start = *i;
    buf_put(&b, "", 0);
    if (line[*i] == '"') {
        for ((*i)++; *i < len && line[*i] != '"'; (*i)++) {
            if (line[*i] == '\\' && *i + 1 < len)
                (*i)++;
            buf_putc(&b, line[*i]);
        }
        if (*i >= len) {
            buf_free(&b);
            return error(p, (Span){p->file, base + (uint32_t)start, base + (uint32_t)start + 1}, "%s",
                         "the quoted word is never closed");
        }
        (*i)++;
    } else {
        while (*i < len && line[*i] != ' ' && line[*i] != '\t' && line[*i] != ',' && line[*i] != '#')
            buf_putc(&b, line[(*i)++]);
    }
    if (p->ntok == MAX_TOKENS) {
        buf_free(&b);
        return error(p, (Span){p->file, base + (uint32_t)start, base + (uint32_t)*i}, "%s", "too many words on the line");
    }
    p->tok[p->ntok++] = (Token){arena_strdup(p->a, b.data), {p->file, base + (uint32_t)start, base + (uint32_t)*i}};
    buf_free(&b);
    return true;
}

static bool split(Parser *p, const char *line, size_t len, uint32_t base)
{
    p->ntok = 0;
    for (size_t i = 0; i < len;) {
        char c = line[i];
        if (c == ' ' || c == '\t' || c == ',' || c == '\r')
            i++;
        else if (c == '#')
            break;
        else if (!word(p, line, &i, len, base))
            return false;
    }
    return true;
}

/* --- values ---------------------------------------------------------------------------- */

static bool row_range(Parser *p, const Token *t, uint32_t *from, uint32_t *to)
{
    char *end;
    unsigned long a = strtoul(t->text, &end, 10), b = a;
    if (*end == '-')
        b = strtoul(end + 1, &end, 10);
    if (*end || a == 0 || b < a || b > SHEET_MAX_ROWS || !(t->text[0] >= '0' && t->text[0] <= '9'))
        return error(p, t->span, "'%s' is not a row or a range of rows (5, or 5-30)", t->text);
    *from = (uint32_t)a, *to = (uint32_t)b;
    return true;
}

static bool column_of(Parser *p, const Token *t, int *col)
{
    uint32_t row, c;
    char *ref = str_printf("%s1", t->text);
    bool ok = cell_parse(ref, strlen(ref), &row, &c);
    free(ref);
    if (!ok)
        return error(p, t->span, "'%s' is not a column (A, B, … AA)", t->text);
    *col = (int)c;
    return true;
}

static bool unit_of(Parser *p, size_t first, UnitInfo *u)
{
    static const char *cn[] = {"元", "千元", "万元", "百万元", "亿元"};
    static const Scale scales[] = {SCALE_ONE, SCALE_THOUSAND, SCALE_TEN_THOUSAND, SCALE_MILLION, SCALE_HUNDRED_MILLION};
    const char *w = p->tok[first].text;
    for (size_t i = 0; i < 5; i++)
        if (strcmp(w, cn[i]) == 0)
            return (*u = (UnitInfo){"元", scales[i], true}), true;
    if (strcmp(w, "USD") && strcmp(w, "GBP") && strcmp(w, "EUR"))
        return error(p, p->tok[first].span, "'%s' is not a unit bdl import knows (元 千元 万元 亿元, USD GBP EUR)", w);
    *u = (UnitInfo){strcmp(w, "USD") == 0 ? "USD" : strcmp(w, "GBP") == 0 ? "GBP" : "EUR", SCALE_ONE, true};
    if (p->ntok > first + 1)
        u->scale = strcmp(p->tok[first + 1].text, "thousands") == 0 ? SCALE_THOUSAND
                   : strcmp(p->tok[first + 1].text, "millions") == 0 ? SCALE_MILLION : SCALE_ONE;
    return true;
}

/* --- directives ------------------------------------------------------------------------ */

static bool arity(Parser *p, size_t min, size_t max)
{
    if (p->ntok - 1 >= min && p->ntok - 1 <= max)
        return true;
    return error(p, p->tok[0].span, "'%s' has the wrong number of words after it", p->tok[0].text);
}

static bool in_sheet(Parser *p)
{
    if (p->sheet)
        return true;
    return error(p, p->tok[0].span, "'%s' belongs to a sheet: write sheet NAME (or sheet *) before it", p->tok[0].text);
}

static bool open_sheet(Parser *p)
{
    Rules *r = p->r;
    ARENA_GROW(p->a, r->sheets, r->nsheets, r->sheets_cap);
    SheetRule *s = &r->sheets[r->nsheets++];
    memset(s, 0, sizeof *s);
    s->sheet = strcmp(p->tok[1].text, "*") == 0 ? NULL : p->tok[1].text;
    s->at = p->tok[1].span;
    s->label_col = s->code_col = -1;
    p->sheet = s;
    return true;
}

static bool sheet_directive(Parser *p, const char *w)
{
    SheetRule *s = p->sheet;
    if (strcmp(w, "id") == 0)
        return arity(p, 1, 1) && (s->id = p->tok[1].text);
    if (strcmp(w, "title") == 0)
        return arity(p, 1, 1) && (s->title = p->tok[1].text);
    if (strcmp(w, "header") == 0)
        return arity(p, 1, 1) && row_range(p, &p->tok[1], &s->header_first, &s->header_last);
    if (strcmp(w, "rows") == 0)
        return arity(p, 1, 1) && row_range(p, &p->tok[1], &s->first_row, &s->last_row);
    if (strcmp(w, "skip") == 0) {
        if (!arity(p, 1, 1))
            return false;
        ARENA_GROW(p->a, s->skips, s->nskips, s->skips_cap);
        RowRange *range = &s->skips[s->nskips];
        return row_range(p, &p->tok[1], &range->from, &range->to) && ++s->nskips;
    }
    if (strcmp(w, "label") == 0)
        return arity(p, 1, 1) && column_of(p, &p->tok[1], &s->label_col);
    if (strcmp(w, "code") == 0)
        return arity(p, 1, 1) && column_of(p, &p->tok[1], &s->code_col);
    if (strcmp(w, "values") == 0) {
        if (!arity(p, 1, MAX_TOKENS - 1))
            return false;
        s->value_cols = arena_alloc(p->a, p->ntok * sizeof *s->value_cols);
        for (s->nvalue_cols = 0; s->nvalue_cols + 1 < p->ntok; s->nvalue_cols++)
            if (!column_of(p, &p->tok[s->nvalue_cols + 1], &s->value_cols[s->nvalue_cols]))
                return false;
        return true;
    }
    if (strcmp(w, "unit") == 0)
        return arity(p, 1, 2) && unit_of(p, 1, &s->unit);
    return arity(p, 0, 0) && (s->skip = true); /* ignore */
}

static bool directive(Parser *p)
{
    Rules *r = p->r;
    const char *w = p->tok[0].text;
    if (strcmp(w, "budget") == 0) {
        if (!arity(p, 1, 2))
            return false;
        r->budget_id = name_from_label(p->a, p->tok[1].text, "budget");
        r->budget_title = p->ntok > 2 ? p->tok[2].text : NULL;
        return true;
    }
    if (strcmp(w, "year") == 0)
        return arity(p, 1, 1) && (r->year = p->tok[1].text);
    if (strcmp(w, "delimiter") == 0) {
        if (!arity(p, 1, 1))
            return false;
        const char *d = p->tok[1].text;
        r->delimiter = strcmp(d, "tab") == 0 ? '\t' : strlen(d) == 1 && strchr(",;|", d[0]) ? d[0] : 0;
        return r->delimiter || error(p, p->tok[1].span, "'%s' is not a delimiter (, ; | or tab)", d);
    }
    if (strcmp(w, "recognise") == 0) {
        if (!arity(p, 1, 1) || (strcmp(p->tok[1].text, "no") && strcmp(p->tok[1].text, "yes")))
            return error(p, p->tok[0].span, "%s", "recognise takes yes or no");
        r->no_cn = strcmp(p->tok[1].text, "no") == 0;
        return true;
    }
    if (strcmp(w, "column") == 0) {
        if (!arity(p, 2, 3))
            return false;
        ARENA_GROW(p->a, r->columns, r->ncolumns, r->columns_cap);
        r->columns[r->ncolumns++] = (ColumnRule){p->tok[1].text, name_from_label(p->a, p->tok[2].text, "column"),
                                                 p->ntok > 3 ? p->tok[3].text : NULL};
        return true;
    }
    if (strcmp(w, "alias") == 0) {
        if (!arity(p, 2, 2))
            return false;
        ARENA_GROW(p->a, r->aliases, r->naliases, r->aliases_cap);
        r->aliases[r->naliases++] = (Alias){p->tok[1].text, p->tok[2].text};
        return true;
    }
    if (strcmp(w, "sheet") == 0)
        return arity(p, 1, 1) && open_sheet(p);
    static const char *sheet_words[] = {"id", "title", "header", "rows", "skip", "label", "code", "values", "unit",
                                        "ignore", NULL};
    for (size_t i = 0; sheet_words[i]; i++)
        if (strcmp(w, sheet_words[i]) == 0)
            return in_sheet(p) && sheet_directive(p, w);
    return error(p, p->tok[0].span, "unknown directive '%s'", w);
}

bool rules_read(Rules *r, Arena *a, const char *path, Report *d, const char **err)
{
    Source *src = source_read(path, err);
    if (!src)
        return false;
    Parser p = {.r = r, .a = a, .d = d, .src = src, .ok = true};
    p.file = report_add_source(d, src);
    for (size_t start = 0; start < src->len;) {
        const char *nl = memchr(src->text + start, '\n', src->len - start);
        size_t len = nl ? (size_t)(nl - src->text) - start : src->len - start;
        if (split(&p, src->text + start, len, (uint32_t)start) && p.ntok)
            directive(&p);
        start += len + 1;
    }
    return p.ok;
}

bool rules_check_sheets(const Rules *r, const Workbook *wb, Report *d)
{
    bool ok = true;
    for (size_t i = 0; r && i < r->nsheets; i++) {
        const SheetRule *s = &r->sheets[i];
        bool found = !s->sheet;
        for (size_t k = 0; k < wb->nsheets && !found; k++)
            found = strcmp(wb->sheets[k].name, s->sheet) == 0;
        if (!found) {
            Diag *g = report_span(d, SEV_ERROR, "E1015", s->at, "the workbook has no sheet '%s'", s->sheet);
            for (size_t k = 0; k < wb->nsheets && k < 12; k++)
                diag_note(g, "a sheet of the workbook: %s", wb->sheets[k].name);
            ok = false;
        }
    }
    return ok;
}
