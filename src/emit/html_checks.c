/* html_checks.c - the checks summary at the top of a budget's page. A reader must meet a
 * wrong number before the tables: failed checks first (with every operand's value and the
 * difference), then warnings, then what could not be checked and why, then what passed.
 * A stated total that does not match its items is a failed check like any assertion. */
#include "emit/html_page.h"

#include "diag/explain.h"

#include <stdlib.h>
#include <string.h>

static const Item *first_item(const Budget *b)
{
    return b->nitems ? b->items[0] : NULL;
}

static const Recon *recon_of(const HtmlPage *p, const Item *g)
{
    return html_facts(p, g)->recon;
}

static bool has_recon(const HtmlPage *p, const Item *g, ReconStatus s)
{
    const Recon *r = recon_of(p, g);
    for (uint32_t i = 0; r && i < p->b->ncolumns; i++)
        if (r[i].status == s)
            return true;
    return false;
}

static bool has_result(const CheckFacts *k, CheckStatus s)
{
    for (uint32_t i = 0; i < k->nresults; i++)
        if (k->results[i].status == s)
            return true;
    return false;
}

static bool check_failed(const CheckFacts *k)
{
    return k->status == CHECK_FAILED || k->status == CHECK_INVALID;
}

/* The expression of a check as written in the source. */
static void expr_code(HtmlPage *p, const Check *k)
{
    buf_puts(p->out, "<code>");
    html_textn(p->out, k->expr_text, k->expr->span.end - k->expr->span.start);
    buf_puts(p->out, "</code>");
}

/* The check as people read it: its message and the expression it states. */
static void check_title(HtmlPage *p, const Check *k)
{
    buf_puts(p->out, "<p class=\"what\">");
    if (k->message) {
        buf_puts(p->out, "<strong>");
        html_text(p->out, k->message);
        buf_puts(p->out, "</strong> ");
    }
    expr_code(p, k);
    buf_puts(p->out, "</p>\n");
}

static void column_tag(HtmlPage *p, int column)
{
    if (column < 0)
        return;
    buf_puts(p->out, "<span class=\"col\">");
    html_text(p->out, html_column(p, (uint32_t)column));
    buf_puts(p->out, "</span>");
}

static void cell_text(HtmlPage *p, Cell cell, const char *unit)
{
    if (cell_stated(cell))
        html_exact(p->out, cell_value(cell), unit);
    else
        buf_puts(p->out, p->w->not_stated_in);
}

/* An operand is listed once per result even when the check names it twice. */
static bool repeated(const CheckResult *r, uint32_t j)
{
    for (uint32_t s = 0; s < j; s++)
        if (r->operands[s].item == r->operands[j].item && r->operands[s].column == r->operands[j].column)
            return true;
    return false;
}

static void operands(HtmlPage *p, const CheckResult *r)
{
    buf_puts(p->out, "<ul class=\"operands\">\n");
    for (uint32_t j = 0; j < r->noperands; j++) {
        const Operand *op = &r->operands[j];
        if (repeated(r, j))
            continue;
        buf_puts(p->out, "<li>");
        html_item_name(p, p->out, op->item);
        if (r->column < 0) {
            buf_putc(p->out, ' ');
            column_tag(p, op->column);
        }
        buf_puts(p->out, " = <span class=\"v\">");
        cell_text(p, html_cell(p, op->item, (uint32_t)op->column), html_unit(p, op->item));
        buf_puts(p->out, "</span></li>\n");
    }
    buf_puts(p->out, "</ul>\n");
}

/* One side of a failed comparison; decimals >= 0 rounds it as the published figure is. */
static void side(HtmlPage *p, const CheckResult *r, Num v, int decimals)
{
    buf_puts(p->out, "<span class=\"v\">");
    Num shown = v;
    if (r->percent && num_mul(v, num_int(100), &shown) != NUM_OK)
        shown = v;
    if (decimals >= 0)
        html_amount(p->out, shown, decimals);
    else
        html_exact(p->out, shown, NULL);
    if (r->percent)
        buf_putc(p->out, '%');
    else if (r->side_unit)
        buf_putc(p->out, ' '), html_text(p->out, r->side_unit);
    buf_puts(p->out, "</span>");
}

/* "left side 527.36 万元, right side 527.3 万元, difference 0.06 万元"; for ~= the left
 * side, what it rounds to, and the published figure. */
static void sides(HtmlPage *p, const Check *k, const CheckResult *r)
{
    const Words *w = p->w;
    buf_printf(p->out, "<p class=\"sides\">%s ", w->left);
    side(p, r, cell_value(r->lhs), -1);
    if (k->expr->u.op.op == OP_APPROX) {
        buf_printf(p->out, "%s%s ", w->sep, w->rounds_to);
        side(p, r, cell_value(r->lhs), r->rhs_decimals);
        buf_printf(p->out, "%s<strong>%s ", w->sep, w->published_as);
        side(p, r, cell_value(r->rhs), r->rhs_decimals);
    } else {
        Num diff;
        buf_printf(p->out, "%s%s ", w->sep, w->right);
        side(p, r, cell_value(r->rhs), -1);
        buf_printf(p->out, "%s<strong>%s ", w->sep, w->difference);
        if (num_sub(cell_value(r->lhs), cell_value(r->rhs), &diff) == NUM_OK)
            side(p, r, diff, -1);
    }
    buf_puts(p->out, "</strong></p>\n");
}

static void failed_result(HtmlPage *p, const Check *k, const CheckResult *r)
{
    buf_puts(p->out, "<div class=\"result\">");
    column_tag(p, r->column);
    buf_puts(p->out, "\n");
    if (r->status == CHECK_INVALID) {
        buf_printf(p->out, "<p class=\"sides\">%s</p>\n", p->w->invalid);
    } else {
        operands(p, r);
        if (r->has_sides)
            sides(p, k, r);
    }
    buf_puts(p->out, "</div>\n");
}

static void failed_check(HtmlPage *p, const Check *k, const CheckFacts *kf)
{
    buf_printf(p->out, "<li class=\"check %s\">\n", k->is_warn ? "warning" : "failed");
    check_title(p, k);
    for (uint32_t i = 0; i < kf->nresults; i++)
        if (kf->results[i].status == CHECK_FAILED || kf->results[i].status == CHECK_INVALID)
            failed_result(p, k, &kf->results[i]);
    buf_puts(p->out, "</li>\n");
}

/* One column of a stated total that its items do not add up to. */
static void failed_recon_column(HtmlPage *p, const Item *g, uint32_t col)
{
    const Recon *r = &recon_of(p, g)[col];
    const Words *w = p->w;
    const char *unit = html_unit(p, g);
    buf_puts(p->out, "<div class=\"result\">");
    column_tag(p, (int)col);
    buf_printf(p->out, "\n<ul class=\"operands\">\n<li>%s = <span class=\"v\">", w->stated);
    html_exact(p->out, cell_value(html_cell(p, g, col)), unit);
    buf_printf(p->out, "</span></li>\n<li>%s = <span class=\"v\">", w->items_sum);
    html_exact(p->out, cell_value(r->computed), unit);
    buf_printf(p->out, "</span></li>\n</ul>\n<p class=\"sides\"><strong>%s ", w->difference);
    html_exact(p->out, packed_num(r->diff), unit);
    buf_printf(p->out, "</strong>%s%s ±", w->sep, w->allowed);
    html_exact(p->out, packed_num(r->bound), unit);
    buf_puts(p->out, "</p>\n</div>\n");
}

static bool has_derived(const HtmlPage *p, const Item *it, DerivedStatus s)
{
    const Derived *d = html_facts(p, it)->derived;
    for (uint32_t i = 0; d && i < p->b->ncolumns; i++)
        if (d[i].status == s)
            return true;
    return false;
}

/* A figure of a derived column is a row's claim like any assertion: published, and what
 * its column's formula gives from the row's other figures. */
static void figure_text(HtmlPage *p, const Item *it, uint32_t col, Cell v)
{
    if (!cell_stated(v)) {
        buf_puts(p->out, p->w->not_stated_in);
        return;
    }
    if (!sema_budget(p->s, p->b)->columns[col].ratio) {
        html_exact(p->out, cell_value(v), html_unit(p, it));
        return;
    }
    Num pct;
    if (num_mul(cell_value(v), num_int(100), &pct) != NUM_OK)
        pct = cell_value(v);
    html_exact(p->out, pct, NULL);
    buf_putc(p->out, '%');
}

static void failed_derived(HtmlPage *p, const Item *it)
{
    const Words *w = p->w;
    const Derived *d = html_facts(p, it)->derived;
    buf_printf(p->out, "<li class=\"check failed\">\n<p class=\"what\"><strong>%s%s", w->derived_failed, w->colon);
    html_item_name(p, p->out, it);
    buf_puts(p->out, "</strong></p>\n");
    for (uint32_t col = 0; col < p->b->ncolumns; col++) {
        if (d[col].status != DERIVED_FAILED)
            continue;
        buf_puts(p->out, "<div class=\"result\">");
        column_tag(p, (int)col);
        buf_printf(p->out, "\n<ul class=\"operands\">\n<li>%s = <span class=\"v\">", w->published);
        figure_text(p, it, col, html_cell(p, it, col));
        buf_printf(p->out, "</span></li>\n<li>%s <span class=\"v\">", w->formula_gives);
        figure_text(p, it, col, d[col].computed);
        buf_puts(p->out, "</span></li>\n</ul>\n</div>\n");
    }
    buf_puts(p->out, "</li>\n");
}

static void failed_recon(HtmlPage *p, const Item *g)
{
    buf_printf(p->out, "<li class=\"check failed\">\n<p class=\"what\"><strong>%s%s", p->w->recon_failed,
               p->w->colon);
    html_item_name(p, p->out, g);
    buf_puts(p->out, "</strong></p>\n");
    for (uint32_t col = 0; col < p->b->ncolumns; col++)
        if (recon_of(p, g)[col].status == RECON_FAILED)
            failed_recon_column(p, g, col);
    buf_puts(p->out, "</li>\n");
}

static bool in_budget(const Budget *b, const Diag *d)
{
    return d->span.file == b->span.file && d->span.start >= b->span.start && d->span.start < b->span.end;
}

/* W0901: a number typed into a text block that differs from the figure it speaks of. */
static bool typed_number(const HtmlPage *p, const Diag *d)
{
    return strcmp(d->code, "W0901") == 0 && in_budget(p->b, d);
}

static const Text *text_at(const Budget *b, Span at)
{
    for (uint32_t i = 0; i < b->ntexts; i++) {
        const Text *t = b->texts[i];
        if (at.file == t->span.file && at.start >= t->span.start && at.start < t->span.end)
            return t;
    }
    return NULL;
}

/* A diagnostic in the page's language: on a Chinese page its Chinese message, or the Chinese
 * title of its code with the English message collapsed under it; else the English message. */
static void diag_message(HtmlPage *p, const Diag *d)
{
    Explanation ex;
    if (!p->w->zh || d->message_zh) {
        html_text(p->out, p->w->zh ? d->message_zh : d->message);
        return;
    }
    if (explain_find(d->code, &ex))
        html_textn(p->out, ex.title_zh, ex.title_zh_len);
    buf_printf(p->out, "<details><summary>%s</summary>", p->w->original);
    html_text(p->out, d->message);
    buf_puts(p->out, "</details>");
}

/* "说明文字中的数字与数据不符 65.98万元（二、部门收支总体情况）", then the compiler's words:
 * its Chinese message on a Chinese page, its message and help on an English one. */
static void typed_number_warning(HtmlPage *p, const Diag *d)
{
    Source *src = p->c->sources.items[d->span.file];
    const Text *t = text_at(p->b, d->span);
    buf_printf(p->out, "<li class=\"check warning\">\n<p class=\"what\"><strong>%s</strong> <code>", p->w->typed_number);
    html_textn(p->out, src->text + d->span.start, d->span.end - d->span.start);
    buf_puts(p->out, "</code>");
    if (t && t->title) {
        buf_puts(p->out, p->w->open);
        html_text(p->out, t->title);
        buf_puts(p->out, p->w->close);
    }
    buf_puts(p->out, "</p>\n<p class=\"sides\">");
    diag_message(p, d);
    if (d->help && !p->w->zh) {
        buf_puts(p->out, "<br>");
        html_text(p->out, d->help);
    }
    buf_puts(p->out, "</p>\n</li>\n");
}

static size_t failed_list(HtmlPage *p, bool warnings)
{
    size_t n = 0;
    for (const Item *it = first_item(p->b); it && !warnings; it = item_next(p->b, it)) {
        if (has_recon(p, it, RECON_FAILED))
            failed_recon(p, it), n++;
        if (has_derived(p, it, DERIVED_FAILED))
            failed_derived(p, it), n++;
    }
    for (uint32_t i = 0; i < p->b->nchecks; i++) {
        const Check *k = p->b->checks[i];
        const CheckFacts *kf = sema_check(p->s, k);
        if (k->is_warn == warnings && check_failed(kf))
            failed_check(p, k, kf), n++;
    }
    for (size_t i = 0; warnings && i < p->c->diags.n; i++)
        if (typed_number(p, p->c->diags.items[i]))
            typed_number_warning(p, p->c->diags.items[i]), n++;
    return n;
}

/* "[2025年预算数] 政府性基金预算拨款收入 gov_fund 未列示". */
static void missing_text(HtmlPage *p, int column, const Item *missing)
{
    buf_puts(p->out, "<li>");
    column_tag(p, column);
    if (missing) {
        buf_putc(p->out, ' ');
        html_item_name(p, p->out, missing);
    }
    buf_printf(p->out, " %s</li>\n", p->w->not_stated_in);
}

static void skipped_check(HtmlPage *p, const Check *k, const CheckFacts *kf)
{
    buf_puts(p->out, "<li class=\"check skipped\">\n");
    check_title(p, k);
    buf_puts(p->out, "<ul class=\"operands\">\n");
    for (uint32_t i = 0; i < kf->nresults; i++)
        if (kf->results[i].status == CHECK_SKIPPED)
            missing_text(p, kf->results[i].column, kf->results[i].missing);
    buf_puts(p->out, "</ul>\n</li>\n");
}

static void skipped_recon(HtmlPage *p, const Item *g)
{
    buf_printf(p->out, "<li class=\"check skipped\">\n<p class=\"what\"><strong>%s%s", p->w->recon_skipped,
               p->w->colon);
    html_item_name(p, p->out, g);
    buf_puts(p->out, "</strong></p>\n<ul class=\"operands\">\n");
    for (uint32_t col = 0; col < p->b->ncolumns; col++)
        if (recon_of(p, g)[col].status == RECON_SKIPPED)
            missing_text(p, (int)col, recon_of(p, g)[col].missing);
    buf_puts(p->out, "</ul>\n</li>\n");
}

/* A derived figure whose formula reads a figure the row does not state. */
static void skipped_derived(HtmlPage *p, const Item *it)
{
    const Derived *d = html_facts(p, it)->derived;
    buf_printf(p->out, "<li class=\"check skipped\">\n<p class=\"what\"><strong>%s%s", p->w->skipped, p->w->colon);
    html_item_name(p, p->out, it);
    buf_puts(p->out, "</strong></p>\n<ul class=\"operands\">\n");
    for (uint32_t col = 0; col < p->b->ncolumns; col++) {
        if (d[col].status != DERIVED_SKIPPED)
            continue;
        buf_puts(p->out, "<li>");
        column_tag(p, (int)col);
        if (d[col].missing >= 0) {
            buf_putc(p->out, ' ');
            column_tag(p, d[col].missing);
        }
        buf_printf(p->out, " %s</li>\n", p->w->not_stated_in);
    }
    buf_puts(p->out, "</ul>\n</li>\n");
}

static size_t skipped_list(HtmlPage *p)
{
    size_t n = 0;
    for (const Item *it = first_item(p->b); it; it = item_next(p->b, it)) {
        if (has_recon(p, it, RECON_SKIPPED))
            skipped_recon(p, it), n++;
        if (has_derived(p, it, DERIVED_SKIPPED))
            skipped_derived(p, it), n++;
    }
    for (uint32_t i = 0; i < p->b->nchecks; i++) {
        const CheckFacts *kf = sema_check(p->s, p->b->checks[i]);
        if (!check_failed(kf) && has_result(kf, CHECK_SKIPPED))
            skipped_check(p, p->b->checks[i], kf), n++;
    }
    return n;
}

/* Writes a titled list produced by `fill` into the page, or nothing when it is empty. */
static size_t titled_list(HtmlPage *p, const char *cls, const char *title, size_t (*fill)(HtmlPage *, bool),
                          bool arg)
{
    Buf *page = p->out, list = {0};
    p->out = &list;
    size_t n = fill(p, arg);
    p->out = page;
    if (n) {
        buf_printf(page, "<h3 class=\"%s\">%s <span class=\"count\">%zu</span></h3>\n", cls, title, n);
        buf_printf(page, "<ol class=\"check-list %s\">\n", cls);
        buf_put(page, list.data, list.len);
        buf_puts(page, "</ol>\n");
    }
    buf_free(&list);
    return n;
}

static size_t skipped_fill(HtmlPage *p, bool unused)
{
    (void)unused;
    return skipped_list(p);
}

/* Checks passed, totals that match (exactly or within the rounding bound), and derived
 * figures that agree with their formulas. */
static size_t passed_count(const BudgetFacts *f)
{
    return f->check_counts[CHECK_PASSED] + f->recon_counts[RECON_EXACT] + f->recon_counts[RECON_ROUNDING] +
           f->derived_counts[DERIVED_EXACT] + f->derived_counts[DERIVED_ROUNDING];
}

static void passed_list(HtmlPage *p, const BudgetFacts *f)
{
    const Words *w = p->w;
    size_t rounding = f->recon_counts[RECON_ROUNDING];
    buf_printf(p->out, "<h3 class=\"passed\">%s <span class=\"count\">%zu</span></h3>\n<p class=\"passed\">",
               w->passed, passed_count(f));
    buf_printf(p->out, "%zu %s%s%zu %s", f->check_counts[CHECK_PASSED], w->checks_passed, w->sep,
               f->recon_counts[RECON_EXACT] + rounding, w->totals_ok);
    if (rounding)
        buf_printf(p->out, "%s%zu %s%s", w->open, rounding, w->within_rounding, w->close);
    if (f->nderived)
        buf_printf(p->out, "%s%zu %s", w->sep, f->derived_counts[DERIVED_EXACT] + f->derived_counts[DERIVED_ROUNDING],
                   w->derived_ok);
    buf_puts(p->out, w->stop);
    for (uint32_t i = 0; i < p->b->nchecks; i++) {
        const Check *k = p->b->checks[i];
        if (sema_check(p->s, k)->status != CHECK_PASSED)
            continue;
        buf_puts(p->out, "\n<span class=\"ok\">");
        if (k->message)
            html_text(p->out, k->message);
        else
            expr_code(p, k);
        buf_puts(p->out, "</span>");
    }
    buf_puts(p->out, "</p>\n");
}

/* "Failed 1 · Warnings 0 · Skipped 2 · Passed 8": the state of the budget at a glance. */
static void tally(HtmlPage *p, size_t failed, size_t warned, size_t skipped, size_t passed)
{
    const Words *w = p->w;
    buf_printf(p->out, "<p class=\"tally\"><span class=\"t failed%s\">%s %zu</span> ", failed ? "" : " zero",
               w->failed, failed);
    buf_printf(p->out, "<span class=\"t warning%s\">%s %zu</span> ", warned ? "" : " zero", w->warnings, warned);
    buf_printf(p->out, "<span class=\"t skipped%s\">%s %zu</span> ", skipped ? "" : " zero", w->skipped,
               skipped);
    buf_printf(p->out, "<span class=\"t passed\">%s %zu</span></p>\n", w->passed, passed);
}

/* True when a diagnostic belongs on this budget's page: it points inside the budget, or
 * outside every budget (a unit declaration all budgets use). */
static bool diag_on_page(const HtmlPage *p, const Diag *d)
{
    for (uint32_t i = 0; i < p->c->program->nbudgets; i++)
        if (in_budget(p->c->program->budgets[i], d))
            return p->c->program->budgets[i] == p->b;
    return true;
}

/* Failed assertions and totals, and numbers typed into the prose, are already in the
 * lists below with their values. */
static bool shown_elsewhere(const Diag *d)
{
    return strcmp(d->code, "E0501") == 0 || strcmp(d->code, "W0501") == 0 || strcmp(d->code, "E0406") == 0 ||
           strcmp(d->code, "W0901") == 0 || strcmp(d->code, "E0410") == 0;
}

static void diagnostic(HtmlPage *p, const Diag *d)
{
    Source *src = p->c->sources.items[d->span.file];
    LineCol lc = source_linecol(src, d->span.start);
    buf_printf(p->out, "<li class=\"%s\"><code>", severity_word(d->severity));
    html_text(p->out, d->code);
    buf_puts(p->out, "</code> <span class=\"at\">");
    html_text(p->out, src->name);
    buf_printf(p->out, ":%u:%u</span> ", lc.line, lc.col);
    diag_message(p, d);
    buf_puts(p->out, "</li>\n");
}

/* The compiler's own errors and warnings: a page built from a broken spec says so. */
static void diagnostics(HtmlPage *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->c->diags.n; i++)
        n += diag_on_page(p, p->c->diags.items[i]) && !shown_elsewhere(p->c->diags.items[i]);
    if (n == 0)
        return;
    buf_printf(p->out, "<h3 class=\"diagnostics\">%s <span class=\"count\">%zu</span></h3>\n", p->w->diagnostics, n);
    buf_puts(p->out, "<ul class=\"diags\">\n");
    for (size_t i = 0; i < p->c->diags.n; i++)
        if (diag_on_page(p, p->c->diags.items[i]) && !shown_elsewhere(p->c->diags.items[i]))
            diagnostic(p, p->c->diags.items[i]);
    buf_puts(p->out, "</ul>\n");
}

void html_checks(HtmlPage *p)
{
    const BudgetFacts *f = sema_budget(p->s, p->b);
    buf_printf(p->out, "<section class=\"checks\" aria-labelledby=\"b%d-checks\">\n", p->index);
    buf_printf(p->out, "<h2 id=\"b%d-checks\">%s</h2>\n", p->index, p->w->checks);
    Buf *page = p->out, body = {0};
    p->out = &body;
    diagnostics(p);
    size_t failed = titled_list(p, "failed", p->w->failed, failed_list, false);
    size_t warned = titled_list(p, "warning", p->w->warnings, failed_list, true);
    size_t skipped = titled_list(p, "skipped", p->w->skipped, skipped_fill, false);
    passed_list(p, f);
    p->out = page;
    tally(p, failed, warned, skipped, passed_count(f));
    buf_put(p->out, body.data, body.len);
    buf_free(&body);
    buf_puts(p->out, "</section>\n");
}
