/* inlay.c - textDocument/inlayHint: the computed sum beside each stated total ("Σ 609.45",
 * with the difference when it does not match), and beside each side of a failed claim
 * its value in every column where it failed. */
#include "lsp/features.h"

#include "base/show.h"
#include "lsp/figures.h"

static void hint(const Server *s, Snapshot *sn, cJSON *out, uint32_t at, const char *label)
{
    cJSON *h = cJSON_CreateObject();
    LineMap *m = snap_lines(sn, 0);
    cJSON_AddItemToObject(h, "position", position_json(linemap_position(m, at, s->enc)));
    cJSON_AddStringToObject(h, "label", label);
    cJSON_AddBoolToObject(h, "paddingLeft", true);
    cJSON_AddItemToArray(out, h);
}

static void total_hint(const Server *s, Snapshot *sn, cJSON *out, const Item *g, uint32_t col)
{
    const ItemFacts *f = sema_item(&sn->c.sema, g);
    const Recon *r = &f->recon[col];
    if (r->status == RECON_NONE)
        return;
    Buf b = {0};
    buf_puts(&b, "Σ ");
    if (cell_stated(r->computed))
        show_amount(&b, cell_value(r->computed), NULL);
    else
        buf_puts(&b, "?");
    if (r->status == RECON_FAILED) {
        buf_puts(&b, ", off by ");
        show_amount(&b, packed_num(r->diff), NULL);
    } else if (r->status == RECON_ROUNDING) {
        buf_puts(&b, ", within rounding");
    }
    hint(s, sn, out, g->values[col].span.end, b.data);
    buf_free(&b);
}

/* "= 609.45", or "= [2026] 609.45, [2025] 1" when it failed in several columns. */
static void side_hint(const Server *s, Snapshot *sn, cJSON *out, const IndexedCheck *ik, bool right)
{
    const CheckFacts *f = sema_check(&sn->c.sema, ik->check);
    const Expr *e = ik->check->expr;
    Buf b = {0};
    uint32_t shown = 0, failed = 0;
    for (uint32_t i = 0; i < f->nresults; i++)
        failed += f->results[i].status == CHECK_FAILED && f->results[i].has_sides;
    for (uint32_t i = 0; i < f->nresults; i++) {
        const CheckResult *r = &f->results[i];
        if (r->status != CHECK_FAILED || !r->has_sides)
            continue;
        buf_puts(&b, shown++ ? ", " : "= ");
        if (failed > 1 && r->column >= 0)
            buf_printf(&b, "[%s] ", ik->budget->columns[r->column].id);
        put_side(&b, r, right ? r->rhs : r->lhs, right);
    }
    if (shown)
        hint(s, sn, out, (right ? e->u.op.rhs : e->u.op.lhs)->span.end, b.data);
    buf_free(&b);
}

static void group_hints(const Server *s, Snapshot *sn, cJSON *out, const Budget *b, uint32_t from, uint32_t to)
{
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        if (it->kind != ITEM_GROUP || it->view || !sema_item(&sn->c.sema, it)->recon)
            continue;
        for (uint32_t col = 0; col < it->nvalues && col < b->ncolumns; col++)
            if (it->values[col].span.end >= from && it->values[col].span.end <= to)
                total_hint(s, sn, out, it, col);
    }
}

cJSON *on_inlay_hint(Server *s, const cJSON *params, LspError *e)
{
    InRange r;
    if (!request_range(s, params, &r, e))
        return NULL;
    Snapshot *sn = r.snap;
    uint32_t from = r.from, to = r.to;
    cJSON *out = cJSON_CreateArray();
    const Program *p = sn->c.program;
    for (uint32_t i = 0; p && i < p->nbudgets; i++)
        if (p->budgets[i]->span.file == 0 && !p->budgets[i]->consolidation)
            group_hints(s, sn, out, p->budgets[i], from, to);
    const Index *x = snap_index(sn);
    for (size_t i = 0; i < x->nchecks; i++) {
        const IndexedCheck *k = &x->checks[i];
        const Expr *ex = k->check->expr;
        if (k->check->span.file != 0 || ex->kind != EXPR_BINARY || ex->span.end < from || ex->span.start > to)
            continue;
        side_hint(s, sn, out, k, false);
        side_hint(s, sn, out, k, true);
    }
    return out;
}
