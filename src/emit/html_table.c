/* html_table.c - one <table> per top-level group and one for the stand-alone items, laid
 * out like a published budget table: hierarchy by indentation, a subtotal row under each
 * nested group, the group's total in <tfoot>, memo (其中) rows marked and never summed,
 * the budget's derived columns as the document printed them (figures it left out computed,
 * in italics) or, when it has none, a computed change and change % between the first two
 * columns, and "—" where nothing is stated.
 * A view (rolled up by code) lists each code's row with its own figure, catalogue-style;
 * a roll-up of several budgets has one column per budget and no change columns. */
#include "emit/html_page.h"
#include "emit/layout.h"

#include <stdlib.h>
#include <string.h>

/* Which optional columns a table has. */
typedef struct Shape {
    bool code;          /* some row cites a classification code */
    bool unit;          /* some row is in a unit other than the budget's */
    bool change;        /* two columns or more, and not a roll-up of several budgets */
    const char *scheme; /* the scheme of the first code met ("" for the default) */
    bool schemes;       /* codes of several schemes: each code shows its scheme */
} Shape;

typedef enum RowKind { ROW_ITEM, ROW_MEMO, ROW_HEAD, ROW_SUBTOTAL, ROW_TOTAL, ROW_CLASS } RowKind;

static bool is_year(const char *id)
{
    return id[0] && strspn(id, "0123456789") == strlen(id);
}

/* The change between the first two columns is computed only where it means something: a
 * budget of two period columns, or whose first two columns are years. Columns of funds or
 * departments side by side have no change between them, and a budget with derived columns
 * prints its own changes: none are invented beside them. */
static bool computed_change(const HtmlPage *p)
{
    const Budget *b = p->b;
    const BudgetFacts *f = sema_budget(p->s, b);
    if (b->ncolumns < 2 || b->consolidation || f->nderived)
        return false;
    return b->ncolumns == 2 || (is_year(b->columns[0].id) && is_year(b->columns[1].id));
}

uint32_t html_table_columns(const HtmlPage *p)
{
    return p->b->ncolumns + (computed_change(p) ? 2u : 0u);
}

static Shape new_shape(const HtmlPage *p)
{
    return (Shape){.change = computed_change(p)};
}

/* Code i of `it` as resolved (NULL: not found in a catalogue). */
static const ClassNode *code_node(const HtmlPage *p, const Item *it, uint32_t i)
{
    const ClassNode **nodes = html_facts(p, it)->codes;
    return nodes ? nodes[i] : NULL;
}

/* Looks at `it` and everything under it. */
static void scan_shape(const HtmlPage *p, const Item *it, Shape *s)
{
    s->code |= it->ncodes != 0;
    s->unit |= html_facts(p, it)->unit != sema_budget(p->s, p->b)->unit;
    for (uint32_t i = 0; i < it->ncodes; i++) {
        if (!s->scheme)
            s->scheme = layout_code_scheme(p->s, it, i);
        s->schemes |= strcmp(s->scheme, layout_code_scheme(p->s, it, i)) != 0;
    }
    for (uint32_t i = 0; i < it->nchildren; i++)
        scan_shape(p, it->children[i], s);
}

static void head(HtmlPage *p, const Shape *s)
{
    const Words *w = p->w;
    buf_puts(p->out, "<thead>\n<tr>");
    if (s->code)
        buf_printf(p->out, "<th scope=\"col\" class=\"code\">%s</th>", w->code);
    buf_printf(p->out, "<th scope=\"col\" class=\"label\">%s</th>", w->item);
    if (s->unit)
        buf_printf(p->out, "<th scope=\"col\" class=\"unit\">%s</th>", w->unit);
    for (uint32_t i = 0; i < p->b->ncolumns; i++) {
        const char *cls = layout_total_column(p->b, i) ? " all" : p->b->consolidation ? " member" : "";
        buf_printf(p->out, "<th scope=\"col\" class=\"num%s\">", cls);
        html_text(p->out, html_column(p, i));
        buf_puts(p->out, "</th>");
    }
    if (s->change)
        buf_printf(p->out, "<th scope=\"col\" class=\"num change\">%s</th><th scope=\"col\" class=\"num change\">%s</th>",
                   w->change, w->change_pct);
    buf_puts(p->out, "</tr>\n</thead>\n");
}

/* A code found in its catalogue shows the catalogue's name for it on hover; the scheme is
 * written before the code only when the table mixes schemes, or when a code written with
 * a scheme could not be looked up. */
static void code_text(HtmlPage *p, const Shape *s, const Item *it, uint32_t i)
{
    const ClassNode *n = code_node(p, it, i);
    if (n) {
        buf_puts(p->out, "<span title=\"");
        html_attr(p->out, n->scheme->label ? n->scheme->label : n->scheme->id);
        buf_puts(p->out, p->w->colon);
        html_attr(p->out, n->name);
        buf_puts(p->out, "\">");
    }
    if (s->schemes || (!n && it->codes[i].scheme)) {
        html_text(p->out, layout_code_scheme(p->s, it, i));
        buf_putc(p->out, ':');
    }
    html_text(p->out, it->codes[i].code);
    if (n)
        buf_puts(p->out, "</span>");
}

static void code_cell(HtmlPage *p, const Shape *s, const Item *it)
{
    buf_puts(p->out, "<td class=\"code\">");
    for (uint32_t i = 0; i < it->ncodes; i++) {
        if (i)
            buf_putc(p->out, ' ');
        code_text(p, s, it, i);
    }
    buf_puts(p->out, "</td>");
}

/* Each note of the item becomes a numbered footnote behind its label. */
static void item_notes(HtmlPage *p, const Item *it)
{
    for (uint32_t i = 0; i < it->ntags; i++) {
        const Tag *t = &it->tags[i];
        if (t->key)
            continue;
        Buf text = {0};
        html_text(&text, t->value);
        html_footnote(p, text.data ? text.data : "");
        buf_free(&text);
    }
}

static void label_cell(HtmlPage *p, const Item *it, RowKind kind, uint32_t level)
{
    enum { MAX_INDENT = 8 };
    buf_puts(p->out, "<th scope=\"row\" class=\"label lvl-");
    buf_putu(p->out, level < MAX_INDENT ? level : MAX_INDENT);
    buf_puts(p->out, "\">");
    if (kind == ROW_TOTAL) {
        buf_puts(p->out, p->w->total);
    } else if (kind == ROW_SUBTOTAL) {
        buf_puts(p->out, p->w->subtotal_pre);
        html_text(p->out, sema_label(p->s, it));
        buf_puts(p->out, p->w->subtotal_post);
    } else {
        html_text(p->out, sema_label(p->s, it));
        item_notes(p, it);
    }
    if (kind == ROW_MEMO)
        buf_printf(p->out, " <span class=\"badge\">%s</span>", p->w->memo);
    else if (html_facts(p, it)->excluded && kind != ROW_SUBTOTAL)
        buf_printf(p->out, " <span class=\"badge\">%s</span>", p->w->excluded);
    buf_puts(p->out, "</th>");
}

static void dash_cell(HtmlPage *p, const char *cls)
{
    buf_printf(p->out, "<td class=\"%s na\">—</td>", cls);
    p->dashes = true;
}

static void recon_note(HtmlPage *p, const Item *g, uint32_t col);
static void derived_note(HtmlPage *p, const Item *it, uint32_t col);

/* A ratio column's figure as a percentage: as many decimals as the stated one shows, two
 * for a computed one. */
static void percent_figure(Buf *out, const Item *it, uint32_t col, Num v)
{
    int places = col < it->nvalues && value_stated(&it->values[col]) ? it->values[col].decimals - 2 : 2;
    Num pct;
    if (num_mul(v, num_int(100), &pct) != NUM_OK)
        pct = v;
    html_amount(out, pct, places < 0 ? 0 : places);
    buf_putc(out, '%');
}

static void value_cell(HtmlPage *p, const Item *it, uint32_t col)
{
    Cell v = html_cell(p, it, col);
    const ItemFacts *f = html_facts(p, it);
    const Recon *recon = f->recon;
    DerivedStatus d = f->derived ? f->derived[col].status : DERIVED_NONE;
    bool bad = (recon && recon[col].status == RECON_FAILED) || d == DERIVED_FAILED;
    bool ratio = column_derived(sema_budget(p->s, p->b), col) && sema_budget(p->s, p->b)->columns[col].ratio;
    if (!cell_stated(v) && (d == DERIVED_BASE || d == DERIVED_COMPUTED))
        d = DERIVED_NONE; /* nothing could be computed: a plain "—" */
    buf_puts(p->out, "<td class=\"num");
    buf_puts(p->out, layout_total_column(p->b, col) ? " all" : "");
    buf_puts(p->out, bad ? " bad" : "");
    buf_puts(p->out, d == DERIVED_BASE || d == DERIVED_COMPUTED ? " derived" : "");
    buf_puts(p->out, cell_stated(v) ? "\"" : " na\"");
    if (d == DERIVED_BASE || d == DERIVED_COMPUTED)
        buf_printf(p->out, " title=\"%s\"", d == DERIVED_BASE ? p->w->derived_base : p->w->computed);
    buf_putc(p->out, '>');
    if (cell_stated(v) && ratio)
        percent_figure(p->out, it, col, cell_value(v));
    else if (cell_stated(v))
        html_amount(p->out, cell_value(v), html_places(p, it));
    else
        buf_puts(p->out, "—"), p->dashes = true;
    if (recon && !column_derived(sema_budget(p->s, p->b), col))
        recon_note(p, it, col);
    if (d == DERIVED_FAILED)
        derived_note(p, it, col);
    buf_puts(p->out, "</td>");
}

/* Change and change % from the second column to the first. The percentage is the exact
 * quotient, rounded half-up to 0.01% only when it is shown. */
static void change_cells(HtmlPage *p, const Item *it)
{
    Cell now = html_cell(p, it, 0), before = html_cell(p, it, 1);
    Num diff, pct;
    if (!cell_stated(now) || !cell_stated(before) || num_sub(cell_value(now), cell_value(before), &diff) != NUM_OK) {
        dash_cell(p, "num change");
        dash_cell(p, "num change");
        return;
    }
    buf_puts(p->out, "<td class=\"num change\">");
    html_amount(p->out, diff, html_places(p, it));
    buf_puts(p->out, "</td>");
    if (num_is_zero(cell_value(before)) || num_div(diff, num_abs(cell_value(before)), &pct) != NUM_OK ||
        num_mul(pct, num_int(100), &pct) != NUM_OK) {
        buf_puts(p->out, "<td class=\"num change na\">—</td>");
        p->zero_base = true; /* a change from zero has no percentage */
        return;
    }
    buf_puts(p->out, "<td class=\"num change\">");
    html_amount(p->out, pct, 2);
    buf_puts(p->out, "%</td>");
}

static void figure_cells(HtmlPage *p, const Shape *s, const Item *it, RowKind kind)
{
    if (kind == ROW_HEAD) {
        /* The group's figures stand in its subtotal row, under its items. */
        for (uint32_t i = 0; i < p->b->ncolumns + (s->change ? 2u : 0u); i++)
            buf_puts(p->out, "<td class=\"num\"></td>");
        return;
    }
    for (uint32_t i = 0; i < p->b->ncolumns; i++)
        value_cell(p, it, i);
    if (s->change)
        change_cells(p, it);
}

static void row(HtmlPage *p, const Shape *s, const Item *it, RowKind kind, uint32_t level)
{
    static const char *classes[] = {"item", "memo", "group-head", "subtotal", "total", "class-head"};
    buf_puts(p->out, "<tr class=\"");
    buf_puts(p->out, classes[kind]);
    buf_puts(p->out, "\" data-level=\"");
    buf_putu(p->out, level);
    buf_puts(p->out, "\">");
    if (s->code) {
        if (kind == ROW_SUBTOTAL)
            buf_puts(p->out, "<td class=\"code\"></td>");
        else
            code_cell(p, s, it);
    }
    label_cell(p, it, kind, level);
    if (s->unit) {
        buf_puts(p->out, "<td class=\"unit\">");
        html_text(p->out, unit_name(html_facts(p, it)->unit));
        buf_puts(p->out, "</td>");
    }
    figure_cells(p, s, it, kind);
    buf_puts(p->out, "</tr>\n");
    html_spill(p);
}

/* The rows of a group's items, depth first: a nested group is its heading row, its
 * items one level deeper, then its subtotal. */
static void rows(HtmlPage *p, const Shape *s, const Item *g, uint32_t level)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        if (ch->kind == ITEM_GROUP) {
            row(p, s, ch, ROW_HEAD, level);
            rows(p, s, ch, level + 1);
            row(p, s, ch, ROW_SUBTOTAL, level);
        } else {
            row(p, s, ch, ch->kind == ITEM_MEMO ? ROW_MEMO : ROW_ITEM, level);
        }
    }
}

/* A view's rows, catalogue-style: each code's row with its own figure (which counts the
 * items coded at that level too), the codes under it one level deeper. */
static void view_rows(HtmlPage *p, const Shape *s, const Item *g, uint32_t level)
{
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        row(p, s, ch, ch->nchildren ? ROW_CLASS : ROW_ITEM, level);
        view_rows(p, s, ch, level + 1);
    }
}

/* "根据“支出预算明细”按支出功能分类科目汇总，列至第1级". */
static void view_note(HtmlPage *p, const Item *view)
{
    const Words *w = p->w;
    const ViewFacts *f = sema_view(p->s, view);
    buf_puts(p->out, "<span class=\"derived\">");
    buf_puts(p->out, w->view_pre);
    if (f && f->source)
        html_text(p->out, sema_label(p->s, f->source));
    buf_puts(p->out, w->view_by);
    html_text(p->out, f && f->scheme && f->scheme->label ? f->scheme->label : view->view->scheme.text);
    buf_puts(p->out, w->view_post);
    if (f && f->levels)
        buf_printf(p->out, "%s%u%s", w->view_depth_pre, f->levels, w->view_depth_post);
    buf_puts(p->out, "</span>");
}

/* The caption names the unit of the figures, unless the rows are in several (each row
 * then shows its own). */
static void caption(HtmlPage *p, const Shape *s, const char *title, const Item *view, int number)
{
    buf_puts(p->out, "<caption><span class=\"tno\">");
    buf_printf(p->out, "%s%d%s", p->w->table_pre, number, p->w->table_post);
    buf_puts(p->out, "</span> ");
    html_text(p->out, title);
    const Unit *unit = sema_budget(p->s, p->b)->unit;
    if (unit && !s->unit) {
        buf_printf(p->out, " <span class=\"cu\">%s", p->w->unit_line);
        html_text(p->out, unit->name);
        buf_puts(p->out, "</span>");
    }
    if (view)
        view_note(p, view);
    buf_puts(p->out, "</caption>\n");
}

static void table_end(HtmlPage *p)
{
    buf_puts(p->out, "</table>\n");
    html_flush_notes(p);
    if (p->dashes || p->zero_base)
        buf_printf(p->out, "<p class=\"legend\">%s%s%s</p>\n", p->w->note, p->dashes ? p->w->not_stated : "",
                   p->zero_base ? p->w->zero_base : "");
    p->dashes = p->zero_base = false;
}

void html_group_table(HtmlPage *p, const Item *g, int number)
{
    Shape s = new_shape(p);
    scan_shape(p, g, &s);
    const Item *view = layout_view(p->s, p->b, g);
    buf_printf(p->out, "<table class=\"budget-table%s\" id=\"b%d-t%d\">\n", view ? " view" : "", p->index,
               number);
    caption(p, &s, sema_label(p->s, g), view, number);
    head(p, &s);
    buf_puts(p->out, "<tbody>\n");
    if (view)
        view_rows(p, &s, g, 1);
    else
        rows(p, &s, g, 1);
    buf_puts(p->out, "</tbody>\n<tfoot>\n");
    row(p, &s, g, ROW_TOTAL, 0);
    buf_puts(p->out, "</tfoot>\n");
    table_end(p);
}

void html_items_table(HtmlPage *p, int number)
{
    Shape s = new_shape(p);
    for (uint32_t i = 0; i < p->b->nitems; i++)
        if (p->b->items[i]->kind != ITEM_GROUP)
            scan_shape(p, p->b->items[i], &s);
    buf_printf(p->out, "<table class=\"budget-table standalone\" id=\"b%d-t%d\">\n", p->index, number);
    caption(p, &s, p->w->others, NULL, number);
    head(p, &s);
    buf_puts(p->out, "<tbody>\n");
    for (uint32_t i = 0; i < p->b->nitems; i++) {
        const Item *it = p->b->items[i];
        if (it->kind != ITEM_GROUP)
            row(p, &s, it, it->kind == ITEM_MEMO ? ROW_MEMO : ROW_ITEM, 0);
    }
    buf_puts(p->out, "</tbody>\n");
    table_end(p);
}

/* ---- reconciliation footnotes on total and subtotal cells -------------------------- */

static void recon_figures(const HtmlPage *p, Buf *t, const Item *g, const Recon *r, uint32_t col)
{
    const Words *w = p->w;
    const char *unit = html_unit(p, g);
    buf_printf(t, "%s ", w->stated);
    html_exact(t, cell_value(html_cell(p, g, col)), unit);
    buf_printf(t, "%s%s ", w->sep, w->items_sum);
    html_exact(t, cell_value(r->computed), unit);
    buf_printf(t, "%s%s ", w->sep, w->difference);
    html_exact(t, packed_num(r->diff), unit);
    buf_printf(t, "%s%s ±", w->sep, w->allowed);
    html_exact(t, packed_num(r->bound), unit);
}

/* A rounding difference, a mismatch or a total that could not be checked, as a footnote
 * on the cell: the figures of the published total and of its items, side by side. */
static void recon_note(HtmlPage *p, const Item *g, uint32_t col)
{
    const Recon *r = &html_facts(p, g)->recon[col];
    const Words *w = p->w;
    if (r->status != RECON_ROUNDING && r->status != RECON_FAILED && r->status != RECON_SKIPPED)
        return;
    Buf t = {0};
    buf_puts(&t, "<span class=\"col\">");
    html_text(&t, html_column(p, col));
    buf_puts(&t, "</span> ");
    html_text(&t, sema_label(p->s, g));
    buf_puts(&t, w->colon);
    if (r->status == RECON_SKIPPED) {
        buf_printf(&t, "%s%s", w->recon_skipped, w->colon);
        if (r->missing)
            html_item_name(p, &t, r->missing);
        buf_printf(&t, " %s", w->not_stated_in);
    } else {
        buf_printf(&t, "%s%s%s", r->status == RECON_FAILED ? "<strong class=\"bad\">" : "",
                   r->status == RECON_FAILED ? w->recon_failed : w->recon_rounding,
                   r->status == RECON_FAILED ? "</strong>" : "");
        buf_puts(&t, w->colon);
        recon_figures(p, &t, g, r, col);
    }
    buf_puts(&t, w->stop);
    html_footnote(p, t.data);
    buf_free(&t);
}

/* A derived figure that disagrees with its column's formula (E0410), as a footnote on the
 * cell: the published figure and what the formula gives. */
static void derived_note(HtmlPage *p, const Item *it, uint32_t col)
{
    const Derived *d = &html_facts(p, it)->derived[col];
    bool ratio = sema_budget(p->s, p->b)->columns[col].ratio;
    const char *unit = ratio ? NULL : html_unit(p, it);
    Buf t = {0};
    buf_puts(&t, "<span class=\"col\">");
    html_text(&t, html_column(p, col));
    buf_puts(&t, "</span> ");
    html_text(&t, sema_label(p->s, it));
    buf_printf(&t, "%s<strong class=\"bad\">%s</strong>%s%s ", p->w->colon, p->w->derived_failed, p->w->colon,
               p->w->formula_gives);
    if (ratio)
        percent_figure(&t, it, col, cell_value(d->computed));
    else
        html_exact(&t, cell_value(d->computed), unit);
    buf_puts(&t, p->w->stop);
    html_footnote(p, t.data);
    buf_free(&t);
}
