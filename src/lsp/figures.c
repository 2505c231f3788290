/* figures.c - facts written for people: amounts, reconciliations, the sides of claims. */
#include "lsp/figures.h"

#include "base/show.h"

void put_cell(Buf *b, Cell c, const Unit *unit)
{
    if (cell_stated(c))
        show_amount(b, cell_value(c), unit_shown(unit));
    else
        buf_puts(b, "not stated");
}

void put_figure(Buf *b, const Sema *s, const Item *it, uint32_t col)
{
    const ItemFacts *f = sema_item(s, it);
    put_cell(b, f->value ? f->value[col] : packed_none(), f->unit);
}

uint32_t summed_count(const Sema *s, const Item *g)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < g->nchildren; i++)
        n += g->children[i]->kind != ITEM_MEMO && !sema_item(s, g->children[i])->excluded;
    return n;
}

void put_bound(Buf *b, const Sema *s, const Budget *budget, const Item *g, const Recon *r)
{
    const Unit *unit = sema_item(s, g)->unit;
    if (!sema_budget(s, budget)->rounding_valid) {
        buf_puts(b, "0 (without 'rounding' a total must match exactly)");
        return;
    }
    if (!budget->consolidation) { /* a consolidation's total column sums its members' bounds */
        char step[NUM_STR_MAX];
        num_format(packed_num(budget->rounding.value), step);
        buf_printf(b, "(%u + 1) × %s / 2 = ", summed_count(s, g), step);
    }
    show_amount(b, packed_num(r->bound), unit_shown(unit));
}

const char *recon_word(ReconStatus st)
{
    static const char *const words[RECON_STATUSES] = {"no total stated", "matches", "within rounding",
                                                      "does not match", "not compared"};
    return words[st];
}

const char *check_word(CheckStatus st)
{
    static const char *const words[CHECK_STATUSES] = {"passed", "failed", "skipped", "invalid"};
    return words[st];
}

void put_side(Buf *b, const CheckResult *r, Cell side, bool published)
{
    Num v = cell_value(side);
    if (published && r->rhs_decimals >= 0) {
        char s[NUM_STR_MAX];
        Num shown = v;
        if (r->percent && num_mul(v, num_int(100), &shown) != NUM_OK)
            shown = v;
        num_format_fixed(shown, r->rhs_decimals, s);
        buf_printf(b, "%s%s", s, r->percent ? "%" : "");
        if (!r->percent && r->side_unit)
            buf_printf(b, " %s", r->side_unit);
    } else if (r->percent) {
        show_percent(b, v);
    } else {
        show_amount(b, v, r->side_unit);
    }
}
