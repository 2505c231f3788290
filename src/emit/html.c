/* html.c - the page: document head, then per budget its title block, the checks
 * summary, the narrative (text blocks), one table (and bar chart) per top-level group and
 * one table for the stand-alone items. The page is built in memory and written in one
 * go: same input, same bytes.
 * The pieces live in html_text.c, html_checks.c, html_narrative.c, html_table.c,
 * html_chart.c, html_style.c. */
#include "emit/html.h"

#include "emit/html_page.h"
#include "emit/layout.h"

#include <string.h>

static const Words *page_words(const Compilation *c, const Budget *only)
{
    return layout_chinese(&c->sema, c->program, only) ? &words_zh : &words_en;
}

/* ---- document ---------------------------------------------------------------------- */

/* <title> must not be empty: an empty title falls back to the budget's id. */
static const char *budget_title(const Budget *b)
{
    return b->title && *b->title ? b->title : b->id;
}

static void doc_head(Buf *out, const Program *prog, const Budget *only, const Words *w)
{
    buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", w->lang);
    buf_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    buf_puts(out, "<meta name=\"generator\" content=\"bdl\">\n<title>");
    int n = 0;
    for (uint32_t i = 0; prog && i < prog->nbudgets; i++)
        if (!only || prog->budgets[i] == only) {
            buf_puts(out, n++ ? " / " : "");
            html_attr(out, budget_title(prog->budgets[i])); /* <title> holds no markup */
        }
    if (n == 0)
        buf_puts(out, "bdl");
    buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_css);
}

static void meta_entry(Buf *out, const char *key, const char *value)
{
    buf_puts(out, "<div><dt>");
    html_text(out, key);
    buf_puts(out, "</dt><dd>");
    html_text(out, value);
    buf_puts(out, "</dd></div>\n");
}

/* A roll-up names the budgets it adds up, in column order. */
static void members(HtmlPage *p)
{
    const Consolidation *k = p->b->consolidation;
    Budget *const *all = sema_budget(p->s, p->b)->members;
    if (!k || !all)
        return;
    buf_printf(p->out, "<p class=\"members\"><span class=\"k\">%s</span>", p->w->members);
    for (uint32_t i = 0; i < k->budgets.n; i++) {
        const Budget *m = all[i];
        buf_puts(p->out, i ? "<span class=\"sep\"> · </span>" : " ");
        html_text(p->out, m && m->title && *m->title ? m->title : k->budgets.items[i].text);
    }
    buf_puts(p->out, "</p>\n");
}

static void title_block(HtmlPage *p)
{
    const Budget *b = p->b;
    buf_printf(p->out, "<header class=\"title-block\">\n<h1 id=\"b%d-title\">", p->index);
    html_text(p->out, budget_title(b));
    buf_puts(p->out, "</h1>\n<dl class=\"meta\">\n");
    for (uint32_t i = 0; i < b->nmeta; i++)
        meta_entry(p->out, words_meta_key(p->w, b->meta[i].key), b->meta[i].value);
    if (b->has_year) {
        Source *src = p->c->sources.items[b->year.span.file];
        char *year = arena_strndup(&p->c->arena, src->text + b->year.span.start,
                                   b->year.span.end - b->year.span.start);
        meta_entry(p->out, p->w->year, year);
    }
    const BudgetFacts *f = sema_budget(p->s, b);
    if (f->unit) {
        buf_printf(p->out, "<div><dt>%s</dt><dd>", p->w->unit);
        html_text(p->out, f->unit->name);
        buf_puts(p->out, "</dd></div>\n");
    }
    if (f->rounding_valid) {
        char r[NUM_STR_MAX];
        num_format(packed_num(b->rounding.value), r);
        meta_entry(p->out, p->w->rounding, r);
    }
    buf_puts(p->out, "</dl>\n");
    members(p);
    buf_puts(p->out, "</header>\n");
}

/* Each top-level group: its table (with footnotes) beside its chart; a table of four
 * columns or more takes the page's width, with the chart under it. */
static void group_block(HtmlPage *p, const Item *g, int number)
{
    bool wide = html_table_columns(p) >= 4;
    buf_printf(p->out, "<div class=\"group%s\">\n<div class=\"tab\">\n", wide ? " wide" : "");
    html_group_table(p, g, number);
    buf_puts(p->out, "</div>\n");
    html_chart(p, g, number);
    buf_puts(p->out, "</div>\n");
}

static void tables(HtmlPage *p)
{
    int number = 0;
    bool standalone = false;
    for (uint32_t i = 0; i < p->b->nitems; i++) {
        if (p->b->items[i]->kind == ITEM_GROUP)
            group_block(p, p->b->items[i], ++number);
        else
            standalone = true;
    }
    if (standalone) {
        buf_puts(p->out, "<div class=\"group\">\n<div class=\"tab\">\n");
        html_items_table(p, ++number);
        buf_puts(p->out, "</div>\n</div>\n");
    }
}

static void colophon(HtmlPage *p)
{
    const char *name = p->c->sources.items[0]->name, *slash = strrchr(name, '/');
    buf_printf(p->out, "<footer class=\"colophon\">%s<code>", p->w->colophon_pre);
    html_text(p->out, slash ? slash + 1 : name);
    buf_printf(p->out, "</code>%s</footer>\n", p->w->colophon_post);
}

static void budget_section(Compilation *c, const Budget *b, int index, const Words *w, Buf *out,
                           FILE *file)
{
    HtmlPage p = {.out = out, .file = file, .c = c, .s = &c->sema, .b = b, .w = w, .index = index,
                  .places = layout_places(&c->sema, b)};
    buf_printf(out, "<section class=\"budget%s\" id=\"b%d\" aria-labelledby=\"b%d-title\">\n",
               b->consolidation ? " rollup" : "", index, index);
    title_block(&p);
    html_checks(&p);
    html_ledgers(&p);
    html_narrative(&p);
    tables(&p);
    colophon(&p);
    buf_puts(out, "</section>\n");
    buf_free(&p.notes);
}

bool emit_html(Compilation *c, const Budget *only, FILE *out)
{
    const Words *w = page_words(c, only);
    Buf page = {0};
    doc_head(&page, c->program, only, w);
    buf_puts(&page, "<main>\n");
    int shown = 0;
    for (uint32_t i = 0; c->program && i < c->program->nbudgets; i++) {
        const Budget *b = c->program->budgets[i];
        if (!only || b == only)
            budget_section(c, b, (int)i + 1, w, &page, out), shown++;
    }
    if (shown == 0)
        buf_printf(&page, "<p class=\"empty\">%s</p>\n", w->no_budget);
    buf_puts(&page, "</main>\n</body>\n</html>\n");
    bool ok = fwrite(page.data, 1, page.len, out) == page.len && !ferror(out);
    buf_free(&page);
    return ok;
}
