/* html_chart.c - a small inline SVG bar chart of a top-level group's largest items in the
 * first column (a roll-up's: its total column): readers look before they read. Bar lengths are whole pixels computed
 * with exact rationals (value × width / largest, truncated), never floating point, so
 * the same budget always gives the same bytes. SVG fills print, unlike CSS backgrounds. */
#include "emit/html_page.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

enum {
    MAX_BARS = 8,     /* the largest items only: a chart of everything is a table */
    CHART_W = 400,    /* every chart as wide, so the tables beside them line up */
    VALUE_W = 90,     /* room for the figure after the longest bar */
    ROW_H = 22,
    BAR_H = 14,
    MAX_LABEL = 24,   /* display columns of a label before it is cut with "…" */
    LABEL_MIN = 48,   /* pixels kept for labels even when all are short */
    COL_PX2 = 13,     /* twice the pixels one display column takes at 12px */
    GAP = 6
};

/* The column charted: the first, or a roll-up's total (the last). */
static uint32_t chart_column(const HtmlPage *p)
{
    return p->b->consolidation ? p->b->ncolumns - 1 : 0;
}

/* Items of g drawn as bars: stated and not negative in column col, largest first.
 * Zeros stay in: that all of a group comes from one line is worth seeing. */
static bool charted(const HtmlPage *p, const Item *g, const Item *ch, uint32_t col)
{
    const ItemFacts *f = html_facts(p, ch);
    return ch->kind != ITEM_MEMO && !f->excluded && cell_stated(html_cell(p, ch, col)) &&
           num_cmp(cell_value(f->value[col]), num_int(0)) >= 0 && f->unit == html_facts(p, g)->unit;
}

static Num figure(const HtmlPage *p, const Item *it, uint32_t col)
{
    return cell_value(html_facts(p, it)->value[col]);
}

static size_t pick_bars(const HtmlPage *p, const Item *g, uint32_t col, const Item **bars)
{
    size_t n = 0;
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        if (!charted(p, g, ch, col))
            continue;
        /* Insertion keeps the first written item first among equals: stable output. */
        size_t at = n;
        while (at > 0 && num_cmp(figure(p, bars[at - 1], col), figure(p, ch, col)) < 0)
            at--;
        if (at >= MAX_BARS)
            continue;
        size_t last = n < MAX_BARS ? n : MAX_BARS - 1;
        memmove(&bars[at + 1], &bars[at], (last - at) * sizeof *bars);
        bars[at] = ch;
        if (n < MAX_BARS)
            n++;
    }
    return n;
}

/* floor(v × bar_w / largest); at least one pixel when v > 0 so a small item shows. */
static long bar_length(Num v, Num largest, long bar_w)
{
    Num q;
    if (num_is_zero(v))
        return 0;
    if (num_mul(v, num_int(bar_w), &q) != NUM_OK || num_div(q, largest, &q) != NUM_OK)
        return 1;
    long px = (long)(q.num / q.den);
    return px < 1 ? 1 : px;
}

/* The label cut to MAX_LABEL display columns, for an SVG <text> (no markup: each text
 * element is laid out on its own); returns the columns it takes. */
static size_t short_label(const char *s, Buf *out)
{
    size_t n = strlen(s), cols = 0, i = 0;
    if (utf8_width(s, n) <= MAX_LABEL) {
        html_attr(out, s);
        return utf8_width(s, n);
    }
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        size_t w = len ? (size_t)utf8_cp_width(cp) : 1;
        if (cols + w > MAX_LABEL - 2)
            break;
        cols += w;
        i += len ? len : 1;
    }
    html_attrn(out, s, i);
    buf_puts(out, "…");
    return cols + 2;
}

static void bar(HtmlPage *p, const Item *it, const char *label, long y, long label_w, long len)
{
    uint32_t col = chart_column(p);
    buf_printf(p->out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\">%s</text>", label_w, y + 15, label);
    if (len > 0)
        buf_printf(p->out, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%d\" fill=\"#3f6f9f\"></rect>",
                   label_w + GAP, y + (ROW_H - BAR_H) / 2, len, BAR_H);
    buf_printf(p->out, "<text x=\"%ld\" y=\"%ld\" class=\"v\">", label_w + 2 * GAP + len, y + 15);
    html_amount(p->out, figure(p, it, col), html_places(p, it));
    buf_puts(p->out, "</text>\n");
}

/* In the <figcaption> (markup: each label isolated) and in the SVG's <title> (no markup). */
static void chart_title(HtmlPage *p, const Item *g, bool markup)
{
    void (*text)(Buf *, const char *) = markup ? html_text : html_attr;
    text(p->out, sema_label(p->s, g));
    buf_printf(p->out, "%s%s%s", p->w->colon, p->w->chart, p->w->open);
    text(p->out, html_column(p, chart_column(p)));
    buf_puts(p->out, p->w->close);
}

void html_chart(HtmlPage *p, const Item *g, int number)
{
    const Item *bars[MAX_BARS];
    if (p->b->ncolumns == 0)
        return;
    uint32_t col = chart_column(p);
    size_t n = pick_bars(p, g, col, bars);
    if (n == 0 || num_is_zero(figure(p, bars[0], col)))
        return; /* nothing to compare */
    Buf labels[MAX_BARS] = {{0}};
    long label_w = LABEL_MIN;
    for (size_t i = 0; i < n; i++) {
        long w = (long)short_label(sema_label(p->s, bars[i]), &labels[i]) * COL_PX2 / 2;
        label_w = w > label_w ? w : label_w;
    }
    long width = CHART_W, height = (long)n * ROW_H + 4, bar_w = CHART_W - label_w - 3 * GAP - VALUE_W;
    buf_printf(p->out, "<figure class=\"chart\">\n<figcaption>");
    chart_title(p, g, true);
    buf_printf(p->out, "</figcaption>\n<svg role=\"img\" aria-labelledby=\"b%d-c%d\" width=\"%ld\" height=\"%ld\" "
               "viewBox=\"0 0 %ld %ld\">\n<title id=\"b%d-c%d\">", p->index, number, width, height, width, height,
               p->index, number);
    chart_title(p, g, false);
    buf_puts(p->out, "</title>\n");
    for (size_t i = 0; i < n; i++) {
        long len = bar_length(figure(p, bars[i], col), figure(p, bars[0], col), bar_w);
        bar(p, bars[i], labels[i].data ? labels[i].data : "", 2 + (long)i * ROW_H, label_w, len);
        buf_free(&labels[i]);
    }
    buf_puts(p->out, "</svg>\n</figure>\n");
}
