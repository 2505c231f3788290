/* xlsx_checks.c - the sheet of check results: one row per stated total and column (its
 * items' sum compared with it), then one row per check and column (or one, when every
 * reference picks its column), with its result (passed, failed, skipped, invalid) and the
 * figures behind it: both sides of the comparison, the difference, the bound a total
 * allows, the item not stated, every operand's value. The figures are text, exact as
 * `bdl check` and the page show them: they are evidence to read, and a side may have no
 * finite decimal expansion (a ratio); the tables hold the numbers. */
#include "emit/xlsx_book.h"

#include "base/show.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "emit/layout.h"

#include <stdlib.h>
#include <string.h>

enum { COL_KIND, COL_CHECK, COL_EXPR, COL_COLUMN, COL_RESULT, COL_LEFT, COL_RIGHT, COL_DIFF, COL_BOUND,
       COL_MISSING, COL_OPERANDS, COL_NOTE, NCOLS };

enum { MAX_WIDTH = 50 };

/* One row being written: its cells' texts, in order. */
typedef struct CheckRow {
    Buf cell[NCOLS];
} CheckRow;

typedef struct ChecksSheet {
    Book *bk;
    const Budget *b;
    lxw_worksheet *ws;
    uint32_t row;
    size_t width[NCOLS];
} ChecksSheet;

/* The header; the sides of a check share their columns with a total's stated figure and
 * its items' sum: "左边（公布合计）". */
static void heading(const Words *w, int col, Buf *out)
{
    const char *words[NCOLS] = {w->kind,       w->check,     w->expression, w->column_key,
                                w->result,     w->left,      w->right,      w->difference,
                                w->allowed,    w->not_stated_in, w->operands, w->remark};
    buf_puts(out, words[col]);
    if (col == COL_LEFT || col == COL_RIGHT)
        buf_printf(out, "%s%s%s", w->open, col == COL_LEFT ? w->stated : w->items_sum, w->close);
}

static void put_row(ChecksSheet *cs, CheckRow *r, CheckStatus status)
{
    lxw_format *f = status == CHECK_FAILED ? book_format(cs->bk, CELL_TEXT, LOOK_FAILED, 0) : NULL;
    for (int col = 0; col < NCOLS; col++) {
        const char *text = r->cell[col].data;
        book_text(cs->bk, cs->ws, cs->row, (uint32_t)col, text, col == COL_RESULT ? f : NULL);
        size_t width = text ? utf8_width(text, strlen(text)) : 0;
        if (width > cs->width[col])
            cs->width[col] = width < MAX_WIDTH ? width : MAX_WIDTH;
        buf_free(&r->cell[col]);
    }
    cs->row++;
}

static void put_name(const ChecksSheet *cs, Buf *out, const Item *it)
{
    char *name = book_item_name(cs->bk, it);
    buf_puts(out, name);
    free(name);
}

static const char *column_heading(const ChecksSheet *cs, int col)
{
    return col < 0 ? "" : layout_column(cs->bk->s, cs->b, (uint32_t)col, cs->bk->w->total);
}

/* ---- stated totals ------------------------------------------------------------------ */

static CheckStatus recon_result(ReconStatus s)
{
    return s == RECON_FAILED ? CHECK_FAILED : s == RECON_SKIPPED ? CHECK_SKIPPED : CHECK_PASSED;
}

static void total_row(ChecksSheet *cs, const Item *g, uint32_t col)
{
    const Words *w = cs->bk->w;
    const Recon *r = &sema_item(cs->bk->s, g)->recon[col];
    const char *unit = unit_shown(sema_item(cs->bk->s, g)->unit);
    CheckRow row = {0};
    CheckStatus status = recon_result(r->status);
    char *path = item_path(g);
    buf_puts(&row.cell[COL_KIND], w->total);
    buf_puts(&row.cell[COL_CHECK], sema_label(cs->bk->s, g));
    buf_puts(&row.cell[COL_EXPR], path);
    buf_puts(&row.cell[COL_COLUMN], column_heading(cs, (int)col));
    buf_puts(&row.cell[COL_RESULT], w->statuses[status]);
    book_amount(cs->bk, &row.cell[COL_LEFT], sema_cell(cs->bk->s, g, col), unit);
    if (status == CHECK_SKIPPED) {
        if (r->missing)
            put_name(cs, &row.cell[COL_MISSING], r->missing);
    } else {
        book_amount(cs->bk, &row.cell[COL_RIGHT], r->computed, unit);
        book_amount(cs->bk, &row.cell[COL_DIFF], r->diff, unit);
        book_amount(cs->bk, &row.cell[COL_BOUND], r->bound, unit);
    }
    if (r->status == RECON_ROUNDING || r->status == RECON_FAILED)
        buf_puts(&row.cell[COL_NOTE], r->status == RECON_ROUNDING ? w->recon_rounding : w->recon_failed);
    free(path);
    put_row(cs, &row, status);
}

static void totals(ChecksSheet *cs)
{
    for (const Item *it = cs->b->nitems ? cs->b->items[0] : NULL; it; it = item_next(cs->b, it)) {
        const Recon *recon = sema_item(cs->bk->s, it)->recon;
        for (uint32_t col = 0; recon && col < cs->b->ncolumns; col++)
            if (recon[col].status != RECON_NONE)
                total_row(cs, it, col);
    }
}

/* ---- checks --------------------------------------------------------------------------- */

/* A side of a comparison: a share as a percentage, else the exact value in its unit. */
static void side(Buf *out, const CheckResult *r, Num v)
{
    if (r->percent)
        show_percent(out, v);
    else
        show_amount(out, v, r->side_unit);
}

static void sides(const ChecksSheet *cs, const Check *k, const CheckResult *r, CheckRow *row)
{
    const Words *w = cs->bk->w;
    side(&row->cell[COL_LEFT], r, cell_value(r->lhs));
    side(&row->cell[COL_RIGHT], r, cell_value(r->rhs));
    if (k->expr->u.op.op == OP_APPROX) { /* ~=: what the left side rounds to, as published */
        char s[NUM_STR_MAX];
        Num shown = cell_value(r->lhs);
        if (r->percent && num_mul(shown, num_int(100), &shown) != NUM_OK)
            shown = cell_value(r->lhs);
        num_format_fixed(shown, r->rhs_decimals, s);
        buf_printf(&row->cell[COL_NOTE], "%s %s%s", w->rounds_to, s, r->percent ? "%" : "");
        return;
    }
    Num diff;
    if (num_sub(cell_value(r->lhs), cell_value(r->rhs), &diff) == NUM_OK)
        side(&row->cell[COL_DIFF], r, diff);
}

/* "一般公共预算拨款收入 income.general_budget [2026年预算数] = 609.35 万元; ...", each
 * reference once. */
static void operands(const ChecksSheet *cs, const CheckResult *r, Buf *out)
{
    for (uint32_t j = 0; j < r->noperands; j++) {
        const Operand *op = &r->operands[j];
        bool repeated = false;
        for (uint32_t s = 0; s < j; s++)
            repeated |= r->operands[s].item == op->item && r->operands[s].column == op->column;
        if (repeated)
            continue;
        buf_puts(out, out->len ? cs->bk->w->parts_sep : "");
        put_name(cs, out, op->item);
        if (r->column < 0)
            buf_printf(out, " [%s]", column_heading(cs, op->column));
        buf_puts(out, " = ");
        book_amount(cs->bk, out, sema_cell(cs->bk->s, op->item, (uint32_t)op->column),
                    unit_shown(sema_item(cs->bk->s, op->item)->unit));
    }
}

static void result_row(ChecksSheet *cs, const Check *k, const CheckResult *r, CheckStatus status)
{
    const Words *w = cs->bk->w;
    CheckRow row = {0};
    char *expr = utf8_printable(k->expr_text, k->expr->span.end - k->expr->span.start);
    buf_puts(&row.cell[COL_KIND], k->is_warn ? w->warn_kind : w->assert_kind);
    buf_puts(&row.cell[COL_CHECK], k->message ? k->message : "");
    buf_puts(&row.cell[COL_EXPR], expr);
    buf_puts(&row.cell[COL_COLUMN], column_heading(cs, r ? r->column : -1));
    buf_puts(&row.cell[COL_RESULT], w->statuses[status]);
    if (r && r->has_sides && status != CHECK_INVALID)
        sides(cs, k, r, &row);
    if (r && r->missing)
        put_name(cs, &row.cell[COL_MISSING], r->missing);
    if (r && status != CHECK_INVALID)
        operands(cs, r, &row.cell[COL_OPERANDS]);
    if (status == CHECK_INVALID)
        buf_puts(&row.cell[COL_NOTE], w->invalid);
    free(expr);
    put_row(cs, &row, status);
}

static void checks(ChecksSheet *cs)
{
    for (uint32_t i = 0; i < cs->b->nchecks; i++) {
        const Check *k = cs->b->checks[i];
        const CheckFacts *f = sema_check(cs->bk->s, k);
        if (f->nresults == 0) /* a check that could not be evaluated at all */
            result_row(cs, k, NULL, f->status);
        for (uint32_t j = 0; j < f->nresults; j++)
            result_row(cs, k, &f->results[j], f->results[j].status);
    }
}

/* The rows by result, counted before they are written: the tally stands above them. */
static void count(const Book *bk, const Budget *b, size_t counts[CHECK_STATUSES])
{
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        const Recon *recon = sema_item(bk->s, it)->recon;
        for (uint32_t col = 0; recon && col < b->ncolumns; col++)
            if (recon[col].status != RECON_NONE)
                counts[recon_result(recon[col].status)]++;
    }
    for (uint32_t i = 0; i < b->nchecks; i++) {
        const CheckFacts *f = sema_check(bk->s, b->checks[i]);
        if (f->nresults == 0)
            counts[f->status]++;
        for (uint32_t j = 0; j < f->nresults; j++)
            counts[f->results[j].status]++;
    }
}

/* "通过 14，未通过 0，未能核对 3，无法求值 0". */
static void tally(ChecksSheet *cs)
{
    const Words *w = cs->bk->w;
    size_t counts[CHECK_STATUSES] = {0};
    count(cs->bk, cs->b, counts);
    Buf t = {0};
    for (int s = 0; s < CHECK_STATUSES; s++)
        buf_printf(&t, "%s%s %zu", s ? w->sep : "", w->statuses[s], counts[s]);
    book_text(cs->bk, cs->ws, 1, 0, t.data, NULL);
    buf_free(&t);
}

void xlsx_checks(Book *bk, const Budget *b, lxw_worksheet *ws)
{
    ChecksSheet cs = {.bk = bk, .b = b, .ws = ws, .row = XLSX_HEAD_ROWS};
    Buf t = {0};
    buf_printf(&t, "%s%s%s", bk->w->checks, bk->w->colon, b->title && *b->title ? b->title : b->id);
    book_text(bk, ws, 0, 0, t.data, book_format(bk, CELL_TEXT, LOOK_TITLE, 0));
    tally(&cs);
    lxw_format *head = book_format(bk, CELL_TEXT, LOOK_HEADER, 0);
    for (int col = 0; col < NCOLS; col++) {
        t.len = 0;
        heading(bk->w, col, &t);
        book_text(bk, ws, XLSX_HEAD_ROWS - 1, (uint32_t)col, t.data, head);
        cs.width[col] = utf8_width(t.data, t.len);
    }
    buf_free(&t);
    totals(&cs);
    checks(&cs);
    for (int col = 0; col < NCOLS; col++)
        book_width(bk, ws, (uint32_t)col, cs.width[col], book_format(bk, CELL_WRAP, LOOK_PLAIN, 0));
    worksheet_freeze_panes(ws, XLSX_HEAD_ROWS, COL_COLUMN);
    book_check(bk, worksheet_autofilter(ws, XLSX_HEAD_ROWS - 1, 0, cs.row - 1, NCOLS - 1));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
}
