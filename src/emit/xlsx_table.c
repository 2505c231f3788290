/* xlsx_table.c - one sheet per table, laid out like the HTML page's table: a title line
 * (the group's label), a unit line (单位：万元), the header row, then the items indented by
 * depth, each nested group as a heading row, its items one level deeper and a subtotal row
 * (…小计), and the 合计 row last. Memo rows (其中) are italic and marked in the note
 * column; codes stand in their own column as text.
 *
 * Every subtotal and total is a live SUM formula over the cells of what the checker adds
 * up (the items not memo and not left out for their unit; a nested group by its
 * published total), saved with the checker's exact sum; a total in another unit than its
 * items (20000 元 over figures in 万元) holds that sum as a number. Where a published total differs
 * from that sum (reconciliation `rounding` or `failed`), the published figure stands
 * beside it in a "stated total" column of its own. A view's rows are its codes with their
 * own figures, catalogue-style; a roll-up's last column adds up the departments' columns
 * of its row. The rows are laid out first (so that each SUM knows its cells), then
 * written in order, as libxlsxwriter's constant-memory mode requires. */
#include "emit/xlsx_book.h"

#include "base/utf8.h"
#include "base/vec.h"
#include "emit/layout.h"

#include <stdlib.h>
#include <string.h>

typedef enum RowKind { ROW_ITEM, ROW_MEMO, ROW_HEAD, ROW_SUBTOTAL, ROW_TOTAL, ROW_CLASS } RowKind;

typedef struct Row {
    const Item *it;
    RowKind kind;
    uint32_t level;    /* indentation */
    uint32_t first, n; /* subtotal and total rows: the rows they add up, refs[first...] */
} Row;

/* Row numbers, growing. */
typedef struct Rows32 {
    uint32_t *at;
    uint32_t n, cap;
} Rows32;

enum { NO_COLUMN = UINT32_MAX, MAX_FORMULA = 8192, MAX_SUM_ARGS = 255, MAX_LABEL_WIDTH = 60, MAX_VALUE_WIDTH = 22 };

typedef struct Sheet {
    Book *bk;
    const Sema *s;
    const Budget *b;
    const Item *view; /* the view the table is laid out as, or NULL */
    lxw_worksheet *ws;
    Row *rows;
    uint32_t nrows, caprows;
    Rows32 refs;
    int places;
    /* columns: code? label unit? values... stated totals... note? */
    bool has_code, has_unit, has_note, schemes;
    const char *scheme; /* the scheme of the first code met */
    uint32_t col_label, col_unit, col_value, col_note, ncols;
    uint32_t *stated_col; /* per budget column: where its stated totals stand, or NO_COLUMN */
    size_t *width;        /* per sheet column */
} Sheet;

static const ItemFacts *facts(const Sheet *sh, const Item *it)
{
    return sema_item(sh->s, it);
}

/* ---- laying out the rows ----------------------------------------------------------- */

static uint32_t add_row(Sheet *sh, const Item *it, RowKind kind, uint32_t level)
{
    VEC_GROW(sh->rows, sh->nrows, sh->caprows);
    sh->rows[sh->nrows] = (Row){it, kind, level, 0, 0};
    return sh->nrows++;
}

static void push(Rows32 *v, uint32_t row)
{
    VEC_GROW(v->at, v->n, v->cap);
    v->at[v->n++] = row;
}

/* A subtotal or total row adding up `sum`. */
static uint32_t add_sum_row(Sheet *sh, const Item *g, RowKind kind, uint32_t level, const Rows32 *sum)
{
    uint32_t at = add_row(sh, g, kind, level);
    sh->rows[at].first = sh->refs.n;
    sh->rows[at].n = sum->n;
    for (uint32_t i = 0; i < sum->n; i++)
        push(&sh->refs, sum->at[i]);
    return at;
}

/* What a group's sum counts: neither memos nor items left out for their unit. */
static bool counted(const Sheet *sh, const Item *it)
{
    return it->kind != ITEM_MEMO && !facts(sh, it)->excluded;
}

/* The rows of g's children; the rows of what g's sum counts go to *sum. */
static void child_rows(Sheet *sh, const Item *g, uint32_t level, Rows32 *sum)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        uint32_t at;
        if (ch->kind == ITEM_GROUP) {
            Rows32 inner = {0};
            add_row(sh, ch, ROW_HEAD, level);
            child_rows(sh, ch, level + 1, &inner);
            at = add_sum_row(sh, ch, ROW_SUBTOTAL, level, &inner);
            free(inner.at);
        } else {
            at = add_row(sh, ch, ch->kind == ITEM_MEMO ? ROW_MEMO : ROW_ITEM, level);
        }
        if (counted(sh, ch))
            push(sum, at);
    }
}

/* A view's rows: each code with its own figure, the codes under it one level deeper; the
 * view's total adds up its first level (sum NULL below it). */
static void view_rows(Sheet *sh, const Item *g, uint32_t level, Rows32 *sum)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        uint32_t at = add_row(sh, ch, ch->nchildren ? ROW_CLASS : ROW_ITEM, level);
        if (sum)
            push(sum, at);
        view_rows(sh, ch, level + 1, NULL);
    }
}

static void lay_out(Sheet *sh, const Item *group)
{
    if (!group) {
        for (uint32_t i = 0; i < sh->b->nitems; i++) {
            const Item *it = sh->b->items[i];
            if (it->kind != ITEM_GROUP)
                add_row(sh, it, it->kind == ITEM_MEMO ? ROW_MEMO : ROW_ITEM, 0);
        }
        return;
    }
    Rows32 sum = {0};
    if (sh->view)
        view_rows(sh, group, 0, &sum);
    else
        child_rows(sh, group, 0, &sum);
    add_sum_row(sh, group, ROW_TOTAL, 0, &sum);
    free(sum.at);
}

/* ---- which columns the sheet has ---------------------------------------------------- */

static bool sum_row(const Row *r)
{
    return r->kind == ROW_SUBTOTAL || r->kind == ROW_TOTAL;
}

static ReconStatus recon_status(const Sheet *sh, const Row *r, uint32_t col)
{
    const Recon *recon = facts(sh, r->it)->recon;
    return sum_row(r) && recon ? recon[col].status : RECON_NONE;
}

/* A published total its items' sum differs from: it stands beside the SUM. */
static bool stated_apart(const Sheet *sh, const Row *r, uint32_t col)
{
    ReconStatus st = recon_status(sh, r, col);
    return (st == RECON_ROUNDING || st == RECON_FAILED) && !layout_total_column(sh->b, col);
}

static bool has_notes(const Item *it)
{
    for (uint32_t i = 0; i < it->ntags; i++)
        if (!it->tags[i].key)
            return true;
    return false;
}

static bool row_has_note(const Sheet *sh, const Row *r)
{
    if (r->kind == ROW_MEMO || (facts(sh, r->it)->excluded && r->kind != ROW_SUBTOTAL))
        return true;
    if (!sum_row(r))
        return has_notes(r->it);
    if (r->kind == ROW_TOTAL && sh->view)
        return true;
    for (uint32_t col = 0; col < sh->b->ncolumns; col++)
        if (stated_apart(sh, r, col) || recon_status(sh, r, col) == RECON_SKIPPED)
            return true;
    return false;
}

static void scan_codes(Sheet *sh, const Item *it)
{
    for (uint32_t i = 0; i < it->ncodes; i++) {
        const char *scheme = layout_code_scheme(sh->s, it, i);
        sh->has_code = true;
        if (!sh->scheme)
            sh->scheme = scheme;
        sh->schemes |= strcmp(sh->scheme, scheme) != 0;
    }
}

static void shape(Sheet *sh)
{
    const Budget *b = sh->b;
    bool *apart = calloc(b->ncolumns ? b->ncolumns : 1, sizeof *apart);
    for (uint32_t i = 0; i < sh->nrows; i++) {
        const Row *r = &sh->rows[i];
        if (!sum_row(r))
            scan_codes(sh, r->it);
        sh->has_unit |= facts(sh, r->it)->unit != sema_budget(sh->s, b)->unit;
        sh->has_note |= row_has_note(sh, r);
        for (uint32_t col = 0; col < b->ncolumns; col++)
            apart[col] |= stated_apart(sh, r, col);
    }
    uint32_t at = sh->has_code;
    sh->col_label = at++;
    sh->col_unit = sh->has_unit ? at++ : NO_COLUMN;
    sh->col_value = at;
    at += b->ncolumns;
    sh->stated_col = malloc((b->ncolumns ? b->ncolumns : 1) * sizeof *sh->stated_col);
    for (uint32_t col = 0; col < b->ncolumns; col++)
        sh->stated_col[col] = apart[col] ? at++ : NO_COLUMN;
    sh->col_note = sh->has_note ? at++ : NO_COLUMN;
    sh->ncols = at;
    sh->width = calloc(at, sizeof *sh->width);
    free(apart);
}

static void widen(Sheet *sh, uint32_t col, size_t width)
{
    if (width > sh->width[col])
        sh->width[col] = width;
}

static size_t text_width(const char *s)
{
    return s ? utf8_width(s, strlen(s)) : 0;
}

/* ---- the title, unit and header rows -------------------------------------------------- */

static void heading(Sheet *sh, uint32_t col, const char *text, size_t cap)
{
    book_text(sh->bk, sh->ws, XLSX_HEAD_ROWS - 1, col, text, book_format(sh->bk, CELL_TEXT, LOOK_HEADER, 0));
    size_t w = text_width(text);
    widen(sh, col, w < cap ? w : cap);
}

static const char *column_heading(const Sheet *sh, uint32_t col)
{
    return layout_column(sh->s, sh->b, col, sh->bk->w->total);
}

static void head(Sheet *sh, const char *title)
{
    Book *bk = sh->bk;
    const Words *w = bk->w;
    book_text(bk, sh->ws, 0, 0, title, book_format(bk, CELL_TEXT, LOOK_TITLE, 0));
    const Unit *unit = sema_budget(sh->s, sh->b)->unit;
    if (unit) {
        Buf line = {0};
        buf_printf(&line, "%s%s", w->unit_line, unit->name);
        book_text(bk, sh->ws, 1, 0, line.data, NULL);
        buf_free(&line);
    }
    if (sh->has_code)
        heading(sh, 0, w->code, MAX_VALUE_WIDTH);
    heading(sh, sh->col_label, w->item, MAX_LABEL_WIDTH);
    if (sh->has_unit)
        heading(sh, sh->col_unit, w->unit, MAX_VALUE_WIDTH);
    for (uint32_t col = 0; col < sh->b->ncolumns; col++) {
        heading(sh, sh->col_value + col, column_heading(sh, col), MAX_VALUE_WIDTH);
        if (sh->stated_col[col] == NO_COLUMN)
            continue;
        Buf t = {0};
        buf_printf(&t, "%s%s%s%s", column_heading(sh, col), w->open, w->stated, w->close);
        heading(sh, sh->stated_col[col], t.data, MAX_VALUE_WIDTH);
        buf_free(&t);
    }
    if (sh->has_note)
        heading(sh, sh->col_note, w->remark, MAX_LABEL_WIDTH);
}

/* ---- the rows ------------------------------------------------------------------------ */

static Look row_look(RowKind kind)
{
    static const Look looks[] = {LOOK_PLAIN, LOOK_MEMO, LOOK_BOLD, LOOK_BOLD, LOOK_TOTAL, LOOK_BOLD};
    return looks[kind];
}

/* Codes as written; the scheme before a code only when the table mixes schemes, or when a
 * code written with a scheme could not be looked up (as on the page). */
static void code_cell(Sheet *sh, uint32_t row, const Item *it)
{
    Buf t = {0};
    const ClassNode **nodes = facts(sh, it)->codes;
    for (uint32_t i = 0; i < it->ncodes; i++) {
        buf_puts(&t, i ? " " : "");
        if (sh->schemes || ((!nodes || !nodes[i]) && it->codes[i].scheme))
            buf_printf(&t, "%s:", layout_code_scheme(sh->s, it, i));
        buf_puts(&t, it->codes[i].code);
    }
    book_text(sh->bk, sh->ws, row, 0, t.data, NULL);
    widen(sh, 0, t.len ? text_width(t.data) : 0);
    buf_free(&t);
}

static void label_cell(Sheet *sh, uint32_t row, const Row *r)
{
    const Words *w = sh->bk->w;
    Buf t = {0};
    if (r->kind == ROW_TOTAL)
        buf_puts(&t, w->total);
    else if (r->kind == ROW_SUBTOTAL)
        buf_printf(&t, "%s%s%s", w->subtotal_pre, sema_label(sh->s, r->it), w->subtotal_post);
    else
        buf_puts(&t, sema_label(sh->s, r->it));
    lxw_format *f = book_format(sh->bk, CELL_LABEL, row_look(r->kind), (int)r->level);
    book_text(sh->bk, sh->ws, row, sh->col_label, t.data, f);
    size_t width = text_width(t.data) + 2 * r->level;
    widen(sh, sh->col_label, width < MAX_LABEL_WIDTH ? width : MAX_LABEL_WIDTH);
    buf_free(&t);
}

static void cell_ref(Buf *out, uint32_t row, uint32_t col)
{
    char name[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(name, row, (lxw_col_t)col);
    buf_puts(out, name);
}

/* The cell a sum reads for a row it adds: its figure, or for a nested group whose
 * published total differs from its items' sum, that published total (what the checker
 * adds up). */
static uint32_t summed_col(const Sheet *sh, const Row *r, uint32_t col)
{
    return stated_apart(sh, r, col) ? sh->stated_col[col] : sh->col_value + col;
}

/* "=SUM(C4:C9,D12)"; runs of rows become ranges, and more arguments than a function takes
 * become SUM(...)+SUM(...). False for a group with nothing to add (its sum is 0) and when
 * the formula would be longer than Excel allows: the cell then holds the checker's sum. */
static bool sum_formula(const Sheet *sh, const Row *r, uint32_t col, Buf *out)
{
    if (r->n == 0)
        return false;
    buf_puts(out, "=SUM(");
    uint32_t args = 0;
    for (uint32_t i = 0; i < r->n;) {
        uint32_t row = sh->refs.at[r->first + i], c = summed_col(sh, &sh->rows[row], col), j = i + 1;
        while (j < r->n && sh->refs.at[r->first + j] == row + (j - i) &&
               summed_col(sh, &sh->rows[row + (j - i)], col) == c)
            j++;
        if (args && args % MAX_SUM_ARGS == 0)
            buf_puts(out, ")+SUM(");
        else if (args)
            buf_putc(out, ',');
        cell_ref(out, XLSX_HEAD_ROWS + row, c);
        if (j - i > 1) {
            buf_putc(out, ':');
            cell_ref(out, XLSX_HEAD_ROWS + row + (j - i) - 1, c);
        }
        args++, i = j;
    }
    buf_putc(out, ')');
    return out->len <= MAX_FORMULA;
}

/* True when the rows a sum adds are in its own unit: a total of 20000 元 over items in
 * 万元 is the checker's converted sum, which a SUM of the cells is not. */
static bool alike(const Sheet *sh, const Row *r)
{
    const Unit *unit = facts(sh, r->it)->unit;
    for (uint32_t i = 0; i < r->n; i++)
        if (facts(sh, sh->rows[sh->refs.at[r->first + i]].it)->unit != unit)
            return false;
    return true;
}

/* A roll-up's total column: "=SUM(C7:G7)", the departments' figures of the row. */
static void across_formula(const Sheet *sh, uint32_t row, Buf *out)
{
    buf_puts(out, "=SUM(");
    cell_ref(out, row, sh->col_value);
    buf_putc(out, ':');
    cell_ref(out, row, sh->col_value + sh->b->ncolumns - 2);
    buf_putc(out, ')');
}

static void figure(Sheet *sh, uint32_t row, uint32_t at, const Row *r, Num v, const Buf *formula, Look look)
{
    int places = layout_item_places(sh->s, sh->b, sh->places, r->it);
    size_t width = formula && formula->len ? book_formula(sh->bk, sh->ws, row, at, formula->data, v, places, look)
                                           : book_number(sh->bk, sh->ws, row, at, v, places, look);
    widen(sh, at, width);
}

/* What the cell of a row in a budget column holds, decided here alone (a column of
 * another kind would be one more case): a roll-up's total column sums the row, a
 * subtotal or total sums its items, anything else is its figure. */
/* A rate or share: a percentage with the decimals the row states it with (two when it
 * is computed); never a SUM, since rates and shares do not add up. */
static void ratio_cell(Sheet *sh, uint32_t row, const Row *r, uint32_t col)
{
    Cell v = sema_cell(sh->s, r->it, col);
    const Derived *d = facts(sh, r->it)->derived;
    const Item *it = r->it;
    int places = col < it->nvalues && value_stated(&it->values[col]) ? it->values[col].decimals - 2 : 2;
    Look look = d && d[col].status == DERIVED_FAILED ? LOOK_FAILED : row_look(r->kind);
    if (cell_stated(v))
        widen(sh, sh->col_value + col,
              book_percent(sh->bk, sh->ws, row, sh->col_value + col, cell_value(v), places < 0 ? 0 : places, look));
}

static void value_cell(Sheet *sh, uint32_t row, const Row *r, uint32_t col)
{
    const BudgetFacts *bf = sema_budget(sh->s, sh->b);
    if (column_derived(bf, col) && bf->columns[col].ratio) {
        ratio_cell(sh, row, r, col);
        return;
    }
    Cell v = sema_cell(sh->s, r->it, col);
    const Recon *recon = facts(sh, r->it)->recon;
    const Derived *d = facts(sh, r->it)->derived;
    bool failed = recon_status(sh, r, col) == RECON_FAILED || (d && d[col].status == DERIVED_FAILED);
    Look look = failed ? LOOK_FAILED : row_look(r->kind);
    Buf formula = {0};
    if (layout_total_column(sh->b, col) && sh->b->ncolumns > 1 && cell_stated(v)) {
        across_formula(sh, row, &formula);
    } else if (sum_row(r) && recon && cell_stated(recon[col].computed) && recon[col].status != RECON_SKIPPED) {
        if (!alike(sh, r) || !sum_formula(sh, r, col, &formula))
            formula.len = 0;
        v = recon[col].computed;
    }
    if (cell_stated(v))
        figure(sh, row, sh->col_value + col, r, cell_value(v), &formula, look);
    if (stated_apart(sh, r, col))
        figure(sh, row, sh->stated_col[col], r, cell_value(sema_cell(sh->s, r->it, col)), NULL, look);
    buf_free(&formula);
}

/* "2026年预算数：因四舍五入原因，明细直接加总与合计不等：公布合计 609.35 万元，明细之和 …". */
static void recon_note(const Sheet *sh, Buf *t, const Row *r, uint32_t col)
{
    const Words *w = sh->bk->w;
    const Recon *rc = &facts(sh, r->it)->recon[col];
    const char *unit = unit_shown(facts(sh, r->it)->unit);
    buf_printf(t, "%s%s", column_heading(sh, col), w->colon);
    if (rc->status == RECON_SKIPPED) {
        buf_printf(t, "%s%s", w->recon_skipped, w->colon);
        if (rc->missing) {
            char *name = book_item_name(sh->bk, rc->missing);
            buf_printf(t, "%s ", name);
            free(name);
        }
        buf_puts(t, w->not_stated_in);
        return;
    }
    buf_printf(t, "%s%s%s ", rc->status == RECON_FAILED ? w->recon_failed : w->recon_rounding, w->colon, w->stated);
    book_amount(sh->bk, t, sema_cell(sh->s, r->it, col), unit);
    buf_printf(t, "%s%s ", w->sep, w->items_sum);
    book_amount(sh->bk, t, rc->computed, unit);
    buf_printf(t, "%s%s ", w->sep, w->difference);
    book_amount(sh->bk, t, rc->diff, unit);
    buf_printf(t, "%s%s ±", w->sep, w->allowed);
    book_amount(sh->bk, t, rc->bound, unit);
}

/* "根据“支出预算明细”按支出功能分类科目汇总，列至第1级" (as the page's caption says). */
static void view_note(const Sheet *sh, Buf *t)
{
    const Words *w = sh->bk->w;
    const ViewFacts *f = sema_view(sh->s, sh->view);
    buf_puts(t, w->view_pre);
    if (f && f->source)
        buf_puts(t, sema_label(sh->s, f->source));
    buf_puts(t, w->view_by);
    buf_puts(t, f && f->scheme && f->scheme->label ? f->scheme->label : sh->view->view->scheme.text);
    buf_puts(t, w->view_post);
    if (f && f->levels)
        buf_printf(t, "%s%u%s", w->view_depth_pre, f->levels, w->view_depth_post);
}

static void note_part(Buf *t, const Words *w)
{
    if (t->len)
        buf_puts(t, w->parts_sep);
}

static void note_cell(Sheet *sh, uint32_t row, const Row *r)
{
    const Words *w = sh->bk->w;
    Buf t = {0};
    if (r->kind == ROW_MEMO)
        buf_puts(&t, w->memo);
    else if (facts(sh, r->it)->excluded && r->kind != ROW_SUBTOTAL)
        buf_puts(&t, w->excluded);
    for (uint32_t i = 0; !sum_row(r) && i < r->it->ntags; i++)
        if (!r->it->tags[i].key)
            note_part(&t, w), buf_puts(&t, r->it->tags[i].value);
    for (uint32_t col = 0; sum_row(r) && col < sh->b->ncolumns; col++)
        if (stated_apart(sh, r, col) || recon_status(sh, r, col) == RECON_SKIPPED)
            note_part(&t, w), recon_note(sh, &t, r, col);
    if (r->kind == ROW_TOTAL && sh->view)
        note_part(&t, w), view_note(sh, &t);
    book_text(sh->bk, sh->ws, row, sh->col_note, t.data, book_format(sh->bk, CELL_WRAP, LOOK_PLAIN, 0));
    size_t width = t.len ? text_width(t.data) : 0;
    widen(sh, sh->col_note, width < MAX_LABEL_WIDTH ? width : MAX_LABEL_WIDTH);
    buf_free(&t);
}

/* A total row's border runs across the whole table. */
static void total_rule(Sheet *sh, uint32_t row)
{
    lxw_format *f = book_format(sh->bk, CELL_TEXT, LOOK_TOTAL, 0);
    for (uint32_t col = 0; col < sh->ncols; col++)
        if (col != sh->col_label && (col < sh->col_value || col >= sh->col_value + sh->b->ncolumns))
            book_check(sh->bk, worksheet_write_blank(sh->ws, row, (lxw_col_t)col, f));
}

static void write_row(Sheet *sh, const Row *r, uint32_t row)
{
    if (sh->has_code && !sum_row(r))
        code_cell(sh, row, r->it);
    if (r->kind == ROW_TOTAL)
        total_rule(sh, row);
    label_cell(sh, row, r);
    if (sh->has_unit) {
        const char *unit = unit_name(facts(sh, r->it)->unit);
        book_text(sh->bk, sh->ws, row, sh->col_unit, unit, NULL);
        widen(sh, sh->col_unit, text_width(unit));
    }
    for (uint32_t col = 0; r->kind != ROW_HEAD && col < sh->b->ncolumns; col++)
        value_cell(sh, row, r, col);
    if (sh->has_note)
        note_cell(sh, row, r);
}

/* Column widths that fit the widest cell (a CJK character counts two), frozen header rows
 * and label columns, and printing: A4 landscape, one page wide, the header on every page. */
static void finish(Sheet *sh)
{
    for (uint32_t col = 0; col < sh->ncols; col++) {
        lxw_format *f = col == sh->col_note ? book_format(sh->bk, CELL_WRAP, LOOK_PLAIN, 0) : NULL;
        book_width(sh->bk, sh->ws, col, sh->width[col], f);
    }
    worksheet_freeze_panes(sh->ws, XLSX_HEAD_ROWS, (lxw_col_t)sh->col_value);
    worksheet_set_landscape(sh->ws);
    worksheet_set_paper(sh->ws, 9); /* A4 */
    worksheet_fit_to_pages(sh->ws, 1, 0);
    book_check(sh->bk, worksheet_repeat_rows(sh->ws, 0, XLSX_HEAD_ROWS - 1));
    if (sh->has_code && sh->nrows) /* codes are text on purpose: "201", "2010301" */
        book_check(sh->bk, worksheet_ignore_errors(sh->ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:A1048576"));
}

void xlsx_table(Book *bk, const Budget *b, const Item *group, lxw_worksheet *ws)
{
    Sheet sh = {.bk = bk, .s = bk->s, .b = b, .ws = ws, .places = layout_places(bk->s, b)};
    sh.view = group ? layout_view(bk->s, b, group) : NULL;
    lay_out(&sh, group);
    shape(&sh);
    if (XLSX_HEAD_ROWS + (uint64_t)sh.nrows > LXW_ROW_MAX || sh.ncols > LXW_COL_MAX) {
        book_check(bk, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE); /* more than a sheet holds */
    } else {
        head(&sh, group ? sema_label(bk->s, group) : bk->w->others);
        for (uint32_t i = 0; i < sh.nrows; i++)
            write_row(&sh, &sh.rows[i], XLSX_HEAD_ROWS + i);
        finish(&sh);
    }
    free(sh.rows), free(sh.refs.at), free(sh.stated_col), free(sh.width);
}
