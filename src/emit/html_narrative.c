/* html_narrative.c - the budget's `text` blocks, after the checks summary and before the
 * tables: each a heading (its title) and its prose, one paragraph per line. Every figure
 * the compiler wrote into the prose is marked (<span class="fig">) with the expression it
 * comes from, so a reader can tell a quoted figure from words typed by hand. */
#include "emit/html_page.h"

#include <string.h>

/* Literal prose: a line break ends the paragraph; empty paragraphs are dropped. */
static void prose(HtmlPage *p, const char *s, bool *open)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        if (n && !*open) {
            buf_puts(p->out, "<p>");
            *open = true;
        }
        html_textn(p->out, s, n);
        s += n;
        if (*s == '\n') {
            if (*open)
                buf_puts(p->out, "</p>\n");
            *open = false;
            s++;
        }
    }
}

/* "<span class="fig" title="income[2026]">609.35</span>": the figure and its source. */
static void figure(HtmlPage *p, const TextPart *part, const TextPartFacts *f, bool *open)
{
    Source *src = p->c->sources.items[part->expr->span.file];
    if (!*open)
        buf_puts(p->out, "<p>");
    *open = true;
    buf_printf(p->out, "<span class=\"fig%s\" title=\"", f->stated ? "" : " na");
    html_attrn(p->out, src->text + part->expr->span.start, part->expr->span.end - part->expr->span.start);
    buf_puts(p->out, "\">");
    html_attr(p->out, f->shown ? f->shown : "-"); /* a figure bdl wrote: no <bdi> */
    buf_puts(p->out, "</span>");
}

static void text_block(HtmlPage *p, const Text *t, int number)
{
    buf_printf(p->out, "<section class=\"narrative\" aria-labelledby=\"b%d-x%d\">\n", p->index, number);
    buf_printf(p->out, "<h2 id=\"b%d-x%d\">", p->index, number);
    html_text(p->out, t->title && *t->title ? t->title : p->w->narrative);
    buf_puts(p->out, "</h2>\n");
    bool open = false;
    const TextFacts *tf = sema_text(p->s, t);
    for (uint32_t i = 0; i < t->nparts; i++) {
        if (t->parts[i].expr)
            figure(p, &t->parts[i], &tf->parts[i], &open);
        else if (t->parts[i].literal)
            prose(p, t->parts[i].literal, &open);
    }
    if (open)
        buf_puts(p->out, "</p>\n");
    buf_puts(p->out, "</section>\n");
}

void html_narrative(HtmlPage *p)
{
    int number = 0;
    for (uint32_t i = 0; i < p->b->ntexts; i++)
        text_block(p, p->b->texts[i], ++number);
}
