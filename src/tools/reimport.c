/* reimport.c - a workbook's figures written into an existing spec (--into): its tables
 * matched to the budget's groups, their rows to items, edits collected as byte ranges of
 * the spec's text (value spans rewritten, new rows inserted at line starts) and applied in
 * one pass, so that nothing else of the text moves. */
#include "tools/reimport.h"

#include "base/intern.h"
#include "base/map.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

/* Bytes [start, end) of the spec's text become `text` (owned). */
typedef struct Edit {
    uint32_t start, end;
    char *text;
    size_t seq; /* the order made: insertions at one place stay in it */
} Edit;

typedef struct Into {
    Import *im;
    const Budget *b;
    const char *text; /* the spec's main file */
    uint32_t len;
    uint32_t file;    /* its Source in the report */
    Interns names;    /* labels and codes of both sides, compared by pointer */
    Map matched;      /* Item -> &rows_matched or &leaf_matched */
    Map codes;        /* (table group, code) -> its item, or &ambiguous */
    Map labels;       /* (group, label) -> its first child with that label */
    Map reopened;     /* groups written on one line whose brace now has a line of its own */
    Edit *edits;
    size_t nedits, edits_cap;
    size_t *column;   /* per budget column of the import: the spec's column, or SIZE_MAX */
    ReimportCounts *counts;
} Into;

/* What a matched item was matched to: a row with rows under it, or a row alone (the
 * author's items under such a group are theirs, not missing rows). */
static char rows_matched, leaf_matched, ambiguous;

/* One table being written into its group. */
typedef struct TableInto {
    Into *x;
    const Table *t;
    Item *group;
    size_t *slot;      /* per value column of the table: the spec's column, or SIZE_MAX */
    const char *unit;  /* the table's unit's name, NULL when it names none */
    const char *after; /* the unit written after a new figure: NULL when the budget's */
} TableInto;

static Span at(const Into *x, Span s)
{
    return (Span){x->file, s.start, s.end};
}

static void add_edit(Into *x, uint32_t start, uint32_t end, char *text)
{
    VEC_GROW(x->edits, x->nedits, x->edits_cap);
    x->edits[x->nedits] = (Edit){start, end, text, x->nedits};
    x->nedits++;
}

static const char *name_of(Into *x, const char *s)
{
    return intern(&x->names, s, strlen(s));
}

static bool is_matched(const Into *x, const Item *it)
{
    return map_get(&x->matched, it, NULL) != NULL;
}

/* --- places in the text ------------------------------------------------------------ */

static uint32_t line_start(const Into *x, uint32_t pos)
{
    while (pos > 0 && x->text[pos - 1] != '\n')
        pos--;
    return pos;
}

/* The blanks that start the line holding `pos`. */
static char *margin_of(const Into *x, uint32_t pos)
{
    uint32_t start = line_start(x, pos);
    uint32_t end = start;
    while (end < x->len && (x->text[end] == ' ' || x->text[end] == '\t'))
        end++;
    return arena_strndup(&x->im->arena, x->text + start, end - start);
}

/* True when only blanks stand before `pos` on its line. */
static bool blank_before(const Into *x, uint32_t pos)
{
    for (uint32_t i = line_start(x, pos); i < pos; i++)
        if (x->text[i] != ' ' && x->text[i] != '\t')
            return false;
    return true;
}

/* Where the next line starts after `from`, if it does before `limit`; else UINT32_MAX. */
static uint32_t next_line(const Into *x, uint32_t from, uint32_t limit)
{
    const char *nl = memchr(x->text + from, '\n', limit > from ? limit - from : 0);
    return nl ? (uint32_t)(nl - x->text) + 1 : UINT32_MAX;
}

static uint32_t later(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

/* Where an item's name ends in the spec: after its label's closing quote, else its ID. The
 * tree keeps no span for a label (it would cost every item of a large spec), so the
 * string is found again after the ID: a "..." on the line, escapes skipped. */
static uint32_t name_end(const Into *x, const Item *it)
{
    uint32_t i = it->id_span.end;
    while (it->label && i < x->len && (x->text[i] == ' ' || x->text[i] == '\t'))
        i++;
    if (!it->label || i >= x->len || x->text[i] != '"')
        return it->id_span.end;
    if (i + 3 <= x->len && memcmp(x->text + i, "\"\"\"", 3) == 0) { /* """...""" */
        for (uint32_t j = i + 3; j + 3 <= x->len; j++)
            if (memcmp(x->text + j, "\"\"\"", 3) == 0)
                return j + 3;
        return it->id_span.end;
    }
    for (i++; i < x->len && x->text[i] != '"' && x->text[i] != '\n'; i++)
        if (x->text[i] == '\\')
            i++;
    return i < x->len && x->text[i] == '"' ? i + 1 : it->id_span.end;
}

/* The end of a group's header: its ID, label, totals and attributes. */
static uint32_t header_end(const Into *x, const Item *g)
{
    uint32_t end = name_end(x, g);
    if (g->nvalues)
        end = later(end, g->values[g->nvalues - 1].span.end);
    if (g->ncodes)
        end = later(end, g->codes[g->ncodes - 1].span.end);
    if (g->ntags)
        end = later(end, g->tags[g->ntags - 1].span.end);
    return end;
}

/* Inserts `rows` (whole lines) into group g (whose closing brace ends its span) at the
 * line after `from`, or, in a group written on one line, before its brace, which then
 * goes on a line of its own (after every row inserted there). */
static void insert_lines(Into *x, const Item *g, uint32_t from, Buf *rows)
{
    uint32_t close = g->span.end - 1;
    uint32_t pos = next_line(x, from, close);
    if (pos != UINT32_MAX) {
        add_edit(x, pos, pos, buf_take(rows));
        return;
    }
    Buf text = {0};
    buf_putc(&text, '\n');
    buf_put(&text, rows->data, rows->len - 1); /* the line break goes before the next one */
    add_edit(x, close, close, buf_take(&text));
    buf_free(rows);
    if (map_get(&x->reopened, g, NULL))
        return;
    map_put(&x->reopened, g, NULL, (void *)g);
    Buf brace = {0};
    buf_printf(&brace, "\n%s", margin_of(x, g->span.start));
    add_edit(x, close, close, buf_take(&brace));
    x->edits[x->nedits - 1].seq = SIZE_MAX; /* after the rows */
}

/* Where a group's body starts: the line after its opening brace. */
static uint32_t body_start(const Into *x, const Item *g)
{
    uint32_t head = header_end(x, g);
    const char *brace = memchr(x->text + head, '{', g->span.end - head);
    return brace ? (uint32_t)(brace - x->text) + 1 : head;
}

/* --- figures ---------------------------------------------------------------------- */

static const char *budget_unit(const Into *x)
{
    return x->b->unit ? x->b->unit->text : NULL;
}

/* The end of a value's figure: before its unit, if it has one. */
static uint32_t figure_end(const Into *x, const Value *v)
{
    if (!v->unit)
        return v->span.end;
    uint32_t end = v->unit->span.start;
    while (end > v->span.start && (x->text[end - 1] == ' ' || x->text[end - 1] == '\t'))
        end--;
    return end;
}

/* How the spec writes a value: kept for its new figure. A value that was not stated takes
 * the workbook's plain digits. */
static FigureStyle style_of(const Into *x, const Value *v)
{
    FigureStyle st = {0};
    if (!value_stated(v))
        return st;
    const char *s = x->text + v->span.start;
    st.grouped = v->grouped;
    st.parens = s[0] == '(';
    st.unicode_minus = strncmp(s, "\xE2\x88\x92", 3) == 0;
    st.sign = v->sign ? sign_text((Sign)v->sign) : NULL;
    return st;
}

static bool amount_num(const Amount *a, Num *out)
{
    bool negative = a->text[0] == '-';
    const char *digits = a->text + negative;
    if (num_parse(digits, strlen(digits), out, NULL) != NUM_OK)
        return false;
    return !negative || num_neg(*out, out) == NUM_OK;
}

/* True when the figure's text is three digits alone: after a grouped figure and ", " it
 * would read as the grouped figure's last group (docs/language.md 2.6, E0120). */
static bool three_digits(const char *s, size_t n)
{
    return n == 3 && strspn(s, "0123456789") >= 3;
}

/* One value's text after the rewrite: what replaces [start, end) (NULL: unchanged). */
typedef struct NewValue {
    char *text;
    uint32_t start, end;
    const char *plain; /* the figure as a plain decimal ("-1234.50"); NULL: not stated */
    FigureStyle style;
    bool unit_after;   /* the text ends with the table's unit */
} NewValue;

static void write_value(const TableInto *ti, NewValue *nv)
{
    Buf b = {0};
    if (!nv->plain)
        buf_putc(&b, '-');
    else
        figure_write(&b, nv->plain, nv->style);
    if (nv->plain && nv->unit_after)
        buf_printf(&b, " %s", ti->unit);
    free(nv->text);
    nv->text = buf_take(&b);
}

/* Value j of the item becomes the workbook's figure a (NULL: not stated). */
static void rewrite_value(const TableInto *ti, const Value *v, const Amount *a, NewValue *nv)
{
    const Into *x = ti->x;
    const char *current = v->unit ? v->unit->text : budget_unit(x);
    bool same_unit = !ti->unit || !current || strcmp(ti->unit, current) == 0;
    Num n;
    if (a && value_stated(v) && same_unit && amount_num(a, &n) && num_cmp(n, packed_num(v->num)) == 0)
        return; /* the same figure, as the author wrote it */
    if (!a && !value_stated(v))
        return;
    *nv = (NewValue){.start = v->span.start, .end = same_unit && a ? figure_end(x, v) : v->span.end,
                     .plain = a ? a->text : NULL, .style = style_of(x, v), .unit_after = !same_unit && ti->after};
    write_value(ti, nv);
}

/* Whether a value, once rewritten, ends in a grouped number that ", " may follow: the left
 * side of E0120's ambiguity (a unit or a closing parenthesis after it ends the number). */
static bool reads_grouped(const Into *x, const Value *old, const NewValue *nv)
{
    if (nv->text) {
        size_t n = strlen(nv->text);
        return nv->plain && strchr(nv->text, ',') && n && nv->text[n - 1] >= '0' && nv->text[n - 1] <= '9';
    }
    return old && value_stated(old) && old->grouped && !old->unit && x->text[old->span.end - 1] != ')';
}

static bool reads_three_digits(const Into *x, const Value *old, const NewValue *nv)
{
    if (nv->text)
        return nv->plain && three_digits(nv->text, strcspn(nv->text, " "));
    return old && value_stated(old) && three_digits(x->text + old->span.start, figure_end(x, old) - old->span.start);
}

/* A grouped figure before a figure of three digits is written without grouping. */
static void ungroup_before_three(const TableInto *ti, const Item *it, NewValue *nv, size_t n)
{
    const Into *x = ti->x;
    for (size_t j = 0; j + 1 < n; j++) {
        const Value *left = j < it->nvalues ? &it->values[j] : NULL;
        const Value *right = j + 1 < it->nvalues ? &it->values[j + 1] : NULL;
        if (!reads_grouped(x, left, &nv[j]) || !reads_three_digits(x, right, &nv[j + 1]))
            continue;
        if (!nv[j].text) { /* unchanged until now: rewritten from its own value */
            char plain[NUM_STR_MAX];
            num_format_fixed(packed_num(left->num), left->decimals, plain);
            nv[j] = (NewValue){.start = left->span.start, .end = figure_end(x, left),
                               .plain = arena_strdup(&x->im->arena, plain), .style = style_of(x, left)};
        }
        nv[j].style.grouped = false;
        write_value(ti, &nv[j]);
    }
}

/* The values after the item's last one, as one insertion (", -, 5" or " 5" or " = 5"). */
static void append_values(TableInto *ti, const Item *it, NewValue *nv, size_t from, size_t n)
{
    Into *x = ti->x;
    Buf b = {0};
    for (size_t j = from; j < n; j++) {
        buf_puts(&b, j > 0 ? ", " : it->kind == ITEM_GROUP ? " = " : " ");
        buf_puts(&b, nv[j].text ? nv[j].text : "-");
        free(nv[j].text);
    }
    uint32_t pos = it->nvalues ? it->values[it->nvalues - 1].span.end : name_end(x, it);
    add_edit(x, pos, pos, buf_take(&b));
}

/* The item's values become the row's figures `vals`, in the columns the table states. */
static void rewrite_item(TableInto *ti, const Item *it, const Amount *vals)
{
    Into *x = ti->x;
    size_t ncols = x->b->ncolumns, n = it->nvalues;
    NewValue *nv = calloc(ncols + it->nvalues + 1, sizeof *nv);
    for (size_t v = 0; v < ti->t->nvalues; v++) {
        size_t j = ti->slot[v];
        const Amount *a = vals[v].stated ? &vals[v] : NULL;
        if (j == SIZE_MAX)
            continue;
        if (j < it->nvalues)
            rewrite_value(ti, &it->values[j], a, &nv[j]);
        else if (a) {
            nv[j] = (NewValue){.plain = a->text, .unit_after = ti->after != NULL};
            write_value(ti, &nv[j]);
            n = j + 1 > n ? j + 1 : n;
        }
    }
    ungroup_before_three(ti, it, nv, n);
    for (size_t j = 0; j < it->nvalues && j < n; j++)
        if (nv[j].text) {
            add_edit(x, nv[j].start, nv[j].end, nv[j].text);
            x->counts->changed++;
        }
    for (size_t j = it->nvalues; j < n; j++)
        x->counts->changed += nv[j].text != NULL;
    if (n > it->nvalues)
        append_values(ti, it, nv, it->nvalues, n);
    free(nv);
}

/* --- rows ------------------------------------------------------------------------- */

static void index_codes(Into *x, Item *table, const Item *g)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        Item *it = g->children[i];
        if (it->view)
            continue; /* derived rows, not in the text */
        for (uint32_t c = 0; c < it->ncodes; c++) {
            const char *code = name_of(x, it->codes[c].code);
            Item *seen = map_get(&x->codes, table, code);
            if (!seen)
                map_put(&x->codes, table, code, it);
            else if (seen != it)
                map_put(&x->codes, table, code, &ambiguous);
        }
        index_codes(x, table, it);
    }
}

static void index_labels(Into *x, const Item *g)
{
    for (uint32_t i = 0; i < g->nchildren; i++)
        if (!g->children[i]->view)
            map_first(&x->labels, g, name_of(x, item_written_label(g->children[i])), g->children[i]);
}

static bool candidate(Into *x, const Item *it, const char *label)
{
    return !it->view && !is_matched(x, it) && name_of(x, item_written_label(it)) == label;
}

/* The item row k is: by code anywhere in the table, else by label among g's children (the
 * one at the cursor first: rows mostly come in the spec's order). */
static Item *find_item(TableInto *ti, const Node *k, const Item *g, uint32_t cursor)
{
    Into *x = ti->x;
    if (k->code) {
        Item *it = map_get(&x->codes, ti->group, name_of(x, k->code));
        if (it && it != (Item *)&ambiguous && !is_matched(x, it) && !it->view)
            return it;
    }
    const char *label = name_of(x, k->label);
    if (cursor < g->nchildren && candidate(x, g->children[cursor], label))
        return g->children[cursor];
    Item *first = map_get(&x->labels, g, label);
    for (uint32_t i = first ? first->sibling : g->nchildren; i < g->nchildren; i++)
        if (candidate(x, g->children[i], label))
            return g->children[i];
    return NULL;
}

static const Row *row_of(const Node *k)
{
    return k->row ? k->row : k->totals_row;
}

static size_t rows_in(const Node *k)
{
    size_t n = 1;
    for (size_t i = 0; i < k->nkids; i++)
        n += rows_in(k->kids[i]);
    return n;
}

/* The indentation of a new row in group g: its previous sibling's, else g's first child's,
 * else (and when that sibling shares g's line) two spaces more than g's. */
static const char *row_margin(Into *x, const Item *g, const Item *prev)
{
    const Item *like = prev ? prev : g->nchildren ? g->children[0] : NULL;
    if (like && line_start(x, like->span.start) != line_start(x, g->span.start))
        return margin_of(x, like->span.start);
    Buf m = {0};
    buf_printf(&m, "%s  ", margin_of(x, g->span.start));
    char *margin = arena_strdup(&x->im->arena, m.data);
    buf_free(&m);
    return margin;
}

/* A new row k (and the rows under it) in group g, after `prev` (NULL: first). */
static void insert_row(TableInto *ti, Node *k, const Item *g, const Item *prev, NameSet *used)
{
    Into *x = ti->x;
    const char *margin = row_margin(x, g, prev);
    k->id = node_id(x->im, used, k);
    Layout l = {ti->slot, x->b->ncolumns, ti->after, margin, 2};
    Buf rows = {0};
    write_node(x->im, ti->t, &l, k, 2, &rows);
    insert_lines(x, g, prev ? prev->span.end : body_start(x, g), &rows);
    x->counts->added += rows_in(k);
}

/* The rows under k have no group to go to: the spec has k as an item. */
static void cannot_place(TableInto *ti, const Node *k, const Item *it)
{
    Into *x = ti->x;
    for (size_t i = 0; i < k->nkids; i++) {
        const Row *r = row_of(k->kids[i]);
        Diag *g = r ? report_cell(x->im->d, SEV_WARNING, "W1005", ti->t->sheet, r->row, r->col,
                                  "the row '%s' is under '%s', which the spec has as an item: it is not imported",
                                  k->kids[i]->label, k->label)
                    : report_file(x->im->d, SEV_WARNING, "W1005",
                                  "the rows '%s' are under '%s', which the spec has as an item: they are not imported",
                                  k->kids[i]->label, k->label);
        diag_label(g, at(x, it->id_span), "an item here");
        diag_help(g, "make '%s' a group in the spec, and import again", it->id);
    }
}

static void match_kids(TableInto *ti, Node *n, Item *g);

/* Row k is item it: its figures (a group's: its stated totals) and the rows under it. */
static void match(TableInto *ti, Node *k, Item *it)
{
    Into *x = ti->x;
    bool group = it->kind == ITEM_GROUP;
    map_put(&x->matched, it, NULL, k->nkids || !group ? &rows_matched : &leaf_matched);
    const Amount *vals = group ? (k->totals ? k->totals : k->nkids ? NULL : k->row->values)
                               : (k->row ? k->row->values : k->totals);
    if (vals)
        rewrite_item(ti, it, vals);
    if (k->nkids && group)
        match_kids(ti, k, it);
    else if (k->nkids)
        cannot_place(ti, k, it);
}

static void match_kids(TableInto *ti, Node *n, Item *g)
{
    Into *x = ti->x;
    index_labels(x, g);
    NameSet used;
    names_init(&used, &x->im->arena);
    for (uint32_t i = 0; i < g->nchildren; i++)
        name_unique(&used, g->children[i]->id);
    uint32_t cursor = 0;
    const Item *prev = NULL;
    for (size_t i = 0; i < n->nkids; i++) {
        Node *k = n->kids[i];
        Item *it = find_item(ti, k, g, cursor);
        if (!it) {
            insert_row(ti, k, g, prev, &used);
            continue;
        }
        match(ti, k, it);
        if (it->parent == g)
            cursor = it->sibling + 1, prev = it;
    }
    names_free(&used);
}

/* Items under matched rows that no row matched: kept, and said. */
static void report_missing(Into *x, const Item *g)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *it = g->children[i];
        void *how = map_get(&x->matched, it, NULL);
        if (it->view || how == &leaf_matched)
            continue;
        if (how) {
            report_missing(x, it);
            continue;
        }
        char *path = item_path(it);
        Diag *d = report_span(x->im->d, SEV_WARNING, "W1003", at(x, it->id_span),
                              "'%s' (%s) is not in the workbook: it is kept as it was", item_written_label(it), path);
        diag_help(d, "delete it if the row is gone for good: bdl import never deletes");
        free(path);
        x->counts->missing++;
    }
}

/* --- tables and columns ----------------------------------------------------------- */

static size_t spec_column(const Into *x, const BudgetColumn *c)
{
    for (uint32_t j = 0; j < x->b->ncolumns; j++)
        if (strcmp(x->b->columns[j].id, c->id) == 0)
            return j;
    for (uint32_t j = 0; j < x->b->ncolumns; j++)
        if (x->b->columns[j].label && strcmp(x->b->columns[j].label, c->label) == 0)
            return j;
    return SIZE_MAX;
}

static void map_columns(Into *x)
{
    Span where = x->b->has_columns ? x->b->columns_span : x->b->id_span;
    x->column = xmalloc((x->im->ncolumns ? x->im->ncolumns : 1) * sizeof *x->column);
    for (size_t k = 0; k < x->im->ncolumns; k++) {
        const BudgetColumn *c = &x->im->columns[k];
        x->column[k] = spec_column(x, c);
        if (x->column[k] != SIZE_MAX)
            continue;
        Diag *g = report_span(x->im->d, SEV_WARNING, "W1004", at(x, where),
                              "the workbook's column %s '%s' is not one of the spec's: its figures are not imported",
                              c->id, c->label);
        diag_help(g, "add the column to the spec's `columns` (its ID or its label), and import again");
    }
}

/* A top-level group no table has taken yet. */
static bool free_group(const Into *x, const Item *it)
{
    return it->kind == ITEM_GROUP && !it->view && !is_matched(x, it);
}

static Item *table_group(const Into *x, const Table *t, const Node *root)
{
    for (uint32_t i = 0; i < x->b->nitems; i++)
        if (free_group(x, x->b->items[i]) && strcmp(x->b->items[i]->id, t->id) == 0)
            return x->b->items[i];
    for (uint32_t i = 0; i < x->b->nitems; i++)
        if (free_group(x, x->b->items[i]) && strcmp(item_written_label(x->b->items[i]), root->label) == 0)
            return x->b->items[i];
    return NULL;
}

/* A table the spec does not have: its group after the budget's last item. */
static void insert_table(TableInto *ti, Node *root, NameSet *used)
{
    Into *x = ti->x;
    const Budget *b = x->b;
    const Item *last = b->nitems ? b->items[b->nitems - 1] : NULL;
    char *margin = last ? margin_of(x, last->span.start) : arena_strdup(&x->im->arena, "  ");
    root->id = name_unique(used, root->id);
    Layout l = {ti->slot, b->ncolumns, ti->after, margin, 1};
    uint32_t close = b->span.end - 1;
    uint32_t pos = last ? next_line(x, last->span.end, close) : UINT32_MAX;
    Buf text = {0};
    if (pos == UINT32_MAX && blank_before(x, close)) /* the brace starts its line */
        pos = line_start(x, close);
    else if (pos == UINT32_MAX) /* the brace ends a line of the budget's */
        buf_putc(&text, '\n'), pos = close;
    buf_printf(&text, "\n%s", margin);
    write_table_place(x->im, ti->t, &text);
    write_node(x->im, ti->t, &l, root, 1, &text);
    add_edit(x, pos, pos, buf_take(&text));
    x->counts->added += rows_in(root) - 1;
    x->counts->tables++;
}

static void into_table(Into *x, size_t index, NameSet *used)
{
    const Table *t = &x->im->tables[index];
    Node *root = &x->im->roots[index];
    TableInto ti = {x, t, table_group(x, t, root), xmalloc((t->nvalues ? t->nvalues : 1) * sizeof(size_t)), NULL, NULL};
    for (size_t v = 0; v < t->nvalues; v++) {
        size_t k = import_column(x->im, t->cols[t->values[v]].key);
        ti.slot[v] = k == SIZE_MAX ? SIZE_MAX : x->column[k];
    }
    ti.unit = t->unit.found && unit_bdl_name(t->unit) ? arena_strdup(&x->im->arena, unit_bdl_name(t->unit)) : NULL;
    ti.after = table_unit(x->im, t, budget_unit(x));
    if (!ti.group) {
        insert_table(&ti, root, used);
    } else {
        index_codes(x, ti.group, ti.group);
        map_put(&x->matched, ti.group, NULL, &rows_matched);
        if (root->totals)
            rewrite_item(&ti, ti.group, root->totals);
        match_kids(&ti, root, ti.group);
        report_missing(x, ti.group);
    }
    free(ti.slot);
}

/* --- the budget and the text ------------------------------------------------------ */

/* The budget named as the import names it, else the spec's only one. */
static const Budget *pick_budget(Into *x, const Program *p)
{
    for (uint32_t i = 0; i < p->nbudgets; i++)
        if (strcmp(p->budgets[i]->id, x->im->budget_id) == 0 && !p->budgets[i]->consolidation)
            return p->budgets[i];
    if (p->nbudgets == 1 && !p->budgets[0]->consolidation)
        return p->budgets[0];
    Span where = p->nbudgets ? at(x, p->budgets[0]->id_span) : (Span){x->file, 0, 0};
    Diag *g = p->nbudgets == 0 ? report_span(x->im->d, SEV_ERROR, "E1016", where, "the spec has no budget to import into")
              : p->nbudgets == 1
                  ? report_span(x->im->d, SEV_ERROR, "E1016", where, "a consolidation is derived: it is not imported into")
                  : report_span(x->im->d, SEV_ERROR, "E1016", where,
                                "the spec has %u budgets and none is named %s: which one is the workbook's?",
                                p->nbudgets, x->im->budget_id);
    diag_help(g, "import into a spec with one department budget, or give the workbook's budget its ID (a rules "
                 "file's `budget ID`)");
    return NULL;
}

static int by_place(const void *pa, const void *pb)
{
    const Edit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void apply_edits(Into *x, Buf *out)
{
    if (x->nedits > 1)
        qsort(x->edits, x->nedits, sizeof *x->edits, by_place);
    uint32_t done = 0;
    for (size_t i = 0; i < x->nedits; i++) {
        const Edit *e = &x->edits[i];
        if (e->start < done)
            continue; /* inside a range already rewritten: every item is matched once, so never */
        buf_put(out, x->text + done, e->start - done);
        buf_puts(out, e->text);
        done = e->end;
    }
    buf_put(out, x->text + done, x->len - done);
}

bool reimport(Import *im, const Compilation *spec, uint32_t file, Buf *out, ReimportCounts *counts)
{
    const Source *src = spec->sources.items[0];
    Into x = {.im = im, .text = src->text, .len = (uint32_t)src->len, .file = file, .counts = counts};
    x.b = pick_budget(&x, spec->program);
    if (!x.b)
        return false;
    interns_init(&x.names, &im->arena);
    map_columns(&x);
    NameSet used;
    names_init(&used, &im->arena);
    for (uint32_t i = 0; i < x.b->nitems; i++)
        name_unique(&used, x.b->items[i]->id);
    for (size_t i = 0; i < im->ntables; i++)
        into_table(&x, i, &used);
    names_free(&used);
    apply_edits(&x, out);
    for (size_t i = 0; i < x.nedits; i++)
        free(x.edits[i].text);
    free(x.edits);
    free(x.column);
    map_free(&x.matched), map_free(&x.codes), map_free(&x.labels), map_free(&x.reopened);
    interns_free(&x.names);
    return true;
}
