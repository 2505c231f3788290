/* fmt.c - token-stream formatter: lines, then alignment per block, then rendering. */
#include "tools/fmt.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "parser.h"
#include "syntax/lexer.h"

#include <stdlib.h>
#include <string.h>

typedef struct FTok {
    int kind;
    Span span;
} FTok;

typedef struct FLine {
    int depth;
    bool continuation; /* continues the previous line (after ',', an operator, inside ()) */
    bool blank;
    int block;         /* index of the line that opened the enclosing block, or -1 */
    size_t first, n;   /* tokens toks[first .. first+n) */
    const FTok *comment;
} FLine;

typedef struct Fmt {
    Source *src;
    FTok *toks;
    size_t ntoks, captoks;
    FLine *lines;
    size_t nlines, caplines;
} Fmt;

enum { MAX_ALIGNED_VALUES = 64 };

/* Fields of an item line, for alignment. */
typedef struct ItemFields {
    size_t prefix_end, label_end, values_end; /* token indices relative to the line */
    size_t nvalues;
    size_t value_end[MAX_ALIGNED_VALUES];
    bool binding; /* `ROLE = ...` in an apply block: the ROLE, one space, the rest */
} ItemFields;

static const char *tok_text(Fmt *f, const FTok *t, size_t *len)
{
    *len = t->span.end - t->span.start;
    return f->src->text + t->span.start;
}

static void push_tok(Fmt *f, int kind, Span span)
{
    VEC_GROW(f->toks, f->ntoks, f->captoks);
    f->toks[f->ntoks++] = (FTok){kind, span};
}

static void take_token(void *fmt, int kind, Span at)
{
    push_tok(fmt, kind, at);
}

/* All tokens of the file, comments and newlines included. */
static void tokenize(Fmt *f)
{
    lexer_each_raw(f->src, take_token, f);
}

static FLine *new_line(Fmt *f, int depth, int block)
{
    VEC_GROW(f->lines, f->nlines, f->caplines);
    FLine *l = &f->lines[f->nlines++];
    memset(l, 0, sizeof *l);
    l->depth = depth;
    l->block = block;
    return l;
}

static bool continues(int kind)
{
    switch (kind) {
    case ',': case '(': case '[': case '=': case '+': case '*': case '/': case '<': case '>':
    case EQ: case NE: case LE: case GE: case APPROX: case KW_AND: case KW_OR:
        return true;
    default:
        return false;
    }
}

typedef struct LineBuilder {
    Fmt *f;
    FLine *cur; /* NULL between lines */
    int depth, parens;
    int blocks[MAX_NESTING + 2];
    bool pending_blank, next_continues;
} LineBuilder;

static FLine *current(LineBuilder *b, size_t tok)
{
    if (!b->cur) {
        /* Blocks deeper than the parser accepts (E0203) have no line recorded. */
        int block = b->depth > 0 && b->depth <= MAX_NESTING + 1 ? b->blocks[b->depth - 1] : -1;
        if (b->pending_blank && b->f->nlines > 0) {
            FLine *prev = &b->f->lines[b->f->nlines - 1];
            bool after_open = prev->n && b->f->toks[prev->first + prev->n - 1].kind == '{';
            bool closing = b->f->toks[tok].kind == '}';
            if (!after_open && !closing)
                new_line(b->f, b->depth, block)->blank = true;
        }
        b->pending_blank = false;
        b->cur = new_line(b->f, b->depth, block);
        b->cur->first = tok;
        b->cur->continuation = b->next_continues;
    }
    return b->cur;
}

static void end_line(LineBuilder *b, bool by_newline)
{
    if (!b->cur)
        return;
    FLine *l = b->cur;
    int last = l->n ? b->f->toks[l->first + l->n - 1].kind : 0;
    b->next_continues = by_newline && l->n && (continues(last) || b->parens > 0);
    b->cur = NULL;
}

static void on_newline(LineBuilder *b, const FTok *t)
{
    bool semicolon = b->f->src->text[t->span.start] == ';';
    if (b->cur)
        end_line(b, !semicolon);
    else if (!semicolon && !b->next_continues)
        b->pending_blank = b->f->nlines > 0;
}

static void on_token(LineBuilder *b, size_t i)
{
    FTok *t = &b->f->toks[i];
    if (t->kind == '}') {
        end_line(b, false);
        if (b->depth > 0)
            b->depth--;
        b->next_continues = false;
    }
    FLine *l = current(b, i);
    if (l->n == 0)
        l->first = i;
    l->n++;
    if (t->kind == '(' || t->kind == '[')
        b->parens++;
    else if ((t->kind == ')' || t->kind == ']') && b->parens > 0)
        b->parens--;
    if (t->kind == '{') {
        if (b->depth < MAX_NESTING + 1)
            b->blocks[b->depth] = (int)(l - b->f->lines);
        b->depth++;
        end_line(b, false);
    }
}

/* Tokens stay in order; comments attach to the line they end, or stand alone. */
static void build_lines(Fmt *f)
{
    LineBuilder b = {f, NULL, 0, 0, {0}, false, false};
    for (size_t i = 0; i < f->ntoks; i++) {
        FTok *t = &f->toks[i];
        if (t->kind == NL) {
            on_newline(&b, t);
        } else if (t->kind == COMMENT) {
            current(&b, i)->comment = t; /* the newline after it ends the line */
        } else {
            if (b.cur && b.cur->comment) /* a comment ends its line */
                end_line(&b, true);
            on_token(&b, i);
        }
    }
}

static bool is_operator(int kind)
{
    return continues(kind) && kind != ',' && kind != '(' && kind != '[';
}

/* Whether a space goes between two tokens of one line. */
static bool spaced(const FTok *line, size_t i, bool in_expression)
{
    int prev = line[i - 1].kind, next = line[i].kind;
    if (next == ',' || next == ')' || next == ']' || next == '.' || next == ':' || prev == '(' || prev == '[' ||
        prev == '.')
        return false;
    if ((next == '[' || next == '(') && (prev == IDENT || prev == ']' || prev == ')') && (in_expression || next == '['))
        return false;
    if (prev == SIGN && next == NUMBER)
        return false; /* $1,234 */
    if (prev == '-' && next == SIGN && !in_expression)
        return false; /* -$1,234 */
    if (prev == '=' && i >= 3 && line[i - 3].kind == KW_TAG)
        return false;
    if (next == '=' && i >= 2 && line[i - 2].kind == KW_TAG)
        return false;
    if (prev == '-' && (next == NUMBER || next == PERCENT)) {
        if (!in_expression)
            return false;
        int before = i >= 2 ? line[i - 2].kind : 0;
        return !(i < 2 || is_operator(before) || before == ',' || before == '(' || before == '[' ||
                 before == KW_ASSERT || before == KW_WARN || before == KW_WITHIN || before == KW_NOT);
    }
    return true;
}

/* A `columns` line's formulas (`variance = fy2024 - fy2023`) are expressions: from an
 * '=' to the ',' that ends the column. */
static void put_tokens(Fmt *f, Buf *out, const FTok *toks, size_t n, bool in_expression)
{
    bool columns = n && toks[0].kind == KW_COLUMNS, formula = false;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = tok_text(f, &toks[i], &len);
        if (i > 0 && spaced(toks, i, in_expression || formula))
            buf_putc(out, ' ');
        buf_put(out, s, len);
        int k = toks[i].kind;
        depth += k == '(' ? 1 : k == ')' ? -1 : 0;
        if (columns && k == '=')
            formula = true;
        else if (columns && k == ',' && depth == 0)
            formula = false;
    }
}

static size_t text_width(const char *s, size_t n)
{
    return utf8_width(s, n);
}

/* Where the value starting at t[i] ends (before its unit): a figure as written or printed
 * (1, -1, $1, -$1, (1), ($1)), '-' or a dash; i itself when none starts there. */
static size_t value_end(const FTok *t, size_t i, size_t n)
{
    size_t j = i;
    bool paren = j < n && t[j].kind == '(';
    if (j < n && (t[j].kind == DASH || (t[j].kind == '-' && (j + 1 == n || (t[j + 1].kind != NUMBER &&
                                                                             t[j + 1].kind != PERCENT &&
                                                                             t[j + 1].kind != SIGN)))))
        return j + 1;
    if (j < n && (paren || t[j].kind == '-'))
        j++;
    if (j < n && t[j].kind == SIGN)
        j++;
    if (j >= n || (t[j].kind != NUMBER && t[j].kind != PERCENT))
        return i;
    j++;
    if (paren && (j >= n || t[j].kind != ')'))
        return i;
    return paren ? j + 1 : j;
}

/* Inside a `rules` block (its declarations and obligations) no line is an item: a line
 * starts with a word (role, obligation, stated), not an ID, and is written as it is. */
static bool in_rules(const Fmt *f, const FLine *l)
{
    for (int b = l->block; b >= 0; b = f->lines[b].block)
        if (f->lines[b].n && f->toks[f->lines[b].first].kind == KW_RULES)
            return true;
    return false;
}

/* Recognises `[item|memo] NAME ["label"] VALUE, VALUE ... [attrs]` on one line; in an
 * `apply` block, `ROLE = ...` reads as an item without values, so the '=' line up. */
static bool item_fields(Fmt *f, const FLine *l, ItemFields *it)
{
    const FTok *t = f->toks + l->first;
    size_t n = l->n, i = 0;
    if (l->continuation || n == 0 || t[n - 1].kind == '{' || continues(t[n - 1].kind) || in_rules(f, l))
        return false;
    if (t[0].kind == KW_ITEM || t[0].kind == KW_MEMO)
        i = 2;
    else if (t[0].kind == IDENT)
        i = 1;
    else
        return false;
    if (i > n)
        return false;
    memset(it, 0, sizeof *it);
    it->prefix_end = i;
    it->binding = i == 1 && n > 1 && t[1].kind == '=';
    if (i < n && t[i].kind == STRING)
        i++;
    it->label_end = i;
    for (size_t end; (end = value_end(t, i, n)) > i && it->nvalues < MAX_ALIGNED_VALUES;) {
        i = end;
        if (i < n && t[i].kind == IDENT)
            i++;
        it->value_end[it->nvalues++] = i;
        if (i < n && t[i].kind == ',')
            i++;
        else
            break;
    }
    it->values_end = i;
    return true;
}

typedef struct Widths {
    size_t prefix, label, values[MAX_ALIGNED_VALUES], nvalues;
} Widths;

static size_t span_width(Fmt *f, const FTok *t, size_t from, size_t to)
{
    Buf b = {0};
    put_tokens(f, &b, t + from, to - from, false);
    size_t w = b.len ? text_width(b.data, b.len) : 0;
    buf_free(&b);
    return w;
}

static size_t value_start(const ItemFields *it, size_t k)
{
    return k == 0 ? it->label_end : it->value_end[k - 1] + 1;
}

static void widen(Fmt *f, const FLine *l, const ItemFields *it, Widths *w)
{
    const FTok *t = f->toks + l->first;
    size_t pw = span_width(f, t, 0, it->prefix_end), lw = span_width(f, t, it->prefix_end, it->label_end);
    if (pw > w->prefix)
        w->prefix = pw;
    if (lw > w->label)
        w->label = lw;
    for (size_t k = 0; k < it->nvalues; k++) {
        size_t vw = span_width(f, t, value_start(it, k), it->value_end[k]);
        if (vw > w->values[k])
            w->values[k] = vw;
    }
    if (it->nvalues > w->nvalues)
        w->nvalues = it->nvalues;
}

static void pad(Buf *out, size_t n)
{
    while (n--)
        buf_putc(out, ' ');
}

static void put_field(Fmt *f, Buf *out, const FTok *t, size_t from, size_t to, size_t width, bool right)
{
    size_t w = span_width(f, t, from, to);
    if (right)
        pad(out, width - w);
    put_tokens(f, out, t + from, to - from, false);
    if (!right)
        pad(out, width - w);
}

/* Value column k is right-aligned to its width; a comma follows every value but a line's
 * last, so the columns stay straight whether or not a line fills them all. */
static void put_values(Fmt *f, Buf *out, const FTok *t, const ItemFields *it, const Widths *w, size_t shown)
{
    for (size_t k = 0; k < shown; k++) {
        buf_putc(out, ' ');
        if (k < it->nvalues)
            put_field(f, out, t, value_start(it, k), it->value_end[k], w->values[k], true);
        else
            pad(out, w->values[k]);
        if (k + 1 < it->nvalues)
            buf_putc(out, ',');
        else if (k + 1 < shown)
            buf_putc(out, ' '); /* the comma slot of a column this line leaves empty */
    }
}

static void put_item(Fmt *f, Buf *out, const FLine *l, const ItemFields *it, const Widths *w)
{
    const FTok *t = f->toks + l->first;
    bool has_rest = it->values_end < l->n;
    put_field(f, out, t, 0, it->prefix_end, w->prefix, false);
    if (it->binding) {
        buf_putc(out, ' ');
        put_tokens(f, out, t + it->prefix_end, l->n - it->prefix_end, true);
        return;
    }
    if (w->label || it->nvalues || has_rest) {
        buf_putc(out, ' ');
        put_field(f, out, t, it->prefix_end, it->label_end, w->label, false);
    }
    put_values(f, out, t, it, w, has_rest ? w->nvalues : it->nvalues);
    if (has_rest) {
        buf_putc(out, ' ');
        put_tokens(f, out, t + it->values_end, l->n - it->values_end, false);
    }
    while (out->len && out->data[out->len - 1] == ' ')
        out->len--; /* short lines carry no padding */
}

static void put_line(Fmt *f, Buf *out, const FLine *l, const Widths *w)
{
    if (l->blank) {
        buf_putc(out, '\n');
        return;
    }
    pad(out, (size_t)(l->depth + l->continuation) * 2);
    const FTok *t = f->toks + l->first;
    ItemFields it;
    if (l->n && w && item_fields(f, l, &it))
        put_item(f, out, l, &it, w);
    else if (l->n)
        put_tokens(f, out, t, l->n, t[0].kind == KW_ASSERT || t[0].kind == KW_WARN || l->continuation);
    if (l->comment) {
        size_t len;
        const char *s = tok_text(f, l->comment, &len);
        if (l->n)
            buf_puts(out, "  ");
        buf_put(out, s, len);
    }
    buf_putc(out, '\n');
}

/* The widths of each block that holds item lines, found by the line that opened it:
 * slot[line + 1] is 1 + the block's index in widths (0: none yet). Only those blocks get
 * widths, not every line (536 bytes a line of address space for a file of a million). */
typedef struct BlockWidths {
    uint32_t *slot;
    Widths *widths;
    size_t n, cap;
} BlockWidths;

static Widths *block_widths(BlockWidths *b, int block, bool add)
{
    uint32_t *s = &b->slot[block + 1];
    if (!*s && add) {
        VEC_GROW(b->widths, b->n, b->cap);
        memset(&b->widths[b->n], 0, sizeof b->widths[b->n]);
        *s = (uint32_t)++b->n;
    }
    return *s ? &b->widths[*s - 1] : NULL;
}

static void render(Fmt *f, Buf *out)
{
    BlockWidths b = {xmalloc((f->nlines + 1) * sizeof *b.slot), NULL, 0, 0};
    memset(b.slot, 0, (f->nlines + 1) * sizeof *b.slot);
    for (size_t i = 0; i < f->nlines; i++) {
        ItemFields it;
        FLine *l = &f->lines[i];
        if (l->n && item_fields(f, l, &it))
            widen(f, l, &it, block_widths(&b, l->block, true));
    }
    for (size_t i = 0; i < f->nlines; i++)
        put_line(f, out, &f->lines[i], block_widths(&b, f->lines[i].block, false));
    free(b.slot);
    free(b.widths);
    while (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
        out->len--;
}

char *fmt_source(Source *src, size_t *len)
{
    Fmt f = {0};
    f.src = src;
    tokenize(&f);
    build_lines(&f);
    Buf out = {0};
    render(&f, &out);
    free(f.toks);
    free(f.lines);
    *len = out.len;
    return buf_take(&out);
}
