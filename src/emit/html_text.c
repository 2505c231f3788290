/* html_text.c - escaping, figure formatting and footnotes for the HTML page. Figures
 * never pass through floating point: every digit comes from num.h. */
#include "emit/html_page.h"
#include "emit/layout.h"

#include "base/show.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Code points HTML does not allow in a document (controls, noncharacters): a label
 * written with \u{0001} must not make the page invalid, so it shows as U+FFFD. */
static bool forbidden(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n';
    if (cp >= 0x7F && cp <= 0x9F)
        return true;
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static void escape_one(Buf *out, char ch)
{
    switch (ch) {
    case '&': buf_puts(out, "&amp;"); break;
    case '<': buf_puts(out, "&lt;"); break;
    case '>': buf_puts(out, "&gt;"); break;
    case '"': buf_puts(out, "&quot;"); break;
    case '\'': buf_puts(out, "&#39;"); break;
    case '\n': buf_puts(out, "&#10;"); break;
    default: buf_putc(out, ch);
    }
}

/* An ASCII byte that stands in HTML text as it is. A line break is written &#10; (which
 * reads the same), so that no line of the page starts with text of the spec: a page
 * printed to standard output lands in a CI log. */
static bool plain_ascii(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') || c == '\t';
}

/* The bidirectional controls of one string as it is written out (UAX #9): openers not yet
 * closed. A closer with nothing of its kind to close is dropped, and what is still open
 * at the end is closed there, so no string can reorder the text after it. */
enum { MAX_BIDI_OPEN = 125 }; /* UAX #9's max_depth: deeper openers would be ignored anyway */

typedef struct BidiStack {
    BidiControl open[MAX_BIDI_OPEN];
    size_t n;
} BidiStack;

/* Whether the control may be written, updating the stack. A PDF closes the innermost
 * embedding (none across an isolate), a PDI the innermost isolate and all inside it. */
static bool bidi_keep(BidiStack *b, BidiControl c)
{
    if (c == BIDI_EMBEDDING || c == BIDI_ISOLATE) {
        if (b->n == MAX_BIDI_OPEN)
            return false;
        b->open[b->n++] = c;
        return true;
    }
    if (c == BIDI_POP_EMBEDDING) {
        if (b->n == 0 || b->open[b->n - 1] != BIDI_EMBEDDING)
            return false;
        b->n--;
        return true;
    }
    size_t i = b->n;
    while (i > 0 && b->open[i - 1] != BIDI_ISOLATE)
        i--;
    if (i == 0)
        return false;
    b->n = i - 1;
    return true;
}

static void bidi_close(Buf *out, BidiStack *b)
{
    while (b->n > 0)
        buf_puts(out, b->open[--b->n] == BIDI_ISOLATE ? "\xE2\x81\xA9" : "\xE2\x80\xAC"); /* PDI, PDF */
}

void html_attrn(Buf *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    BidiStack bidi = {.n = 0};
    size_t run = 0; /* where the bytes that are copied as they are start */
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t len = u[i] < 0x80 ? 1 : utf8_decode(u + i, n - i, &cp);
        BidiControl c = len > 1 ? utf8_bidi_control(cp) : BIDI_NONE;
        if (len == 1 ? plain_ascii(u[i]) : len > 1 && !forbidden(cp) && (!c || bidi_keep(&bidi, c))) {
            i += len;
            continue;
        }
        buf_put(out, s + run, i - run);
        if (len == 1 && (u[i] >= 0x20 || u[i] == '\n') && u[i] != 0x7F)
            escape_one(out, s[i++]);
        else if (c)
            i += len; /* a closer that closes nothing, or an opener too deep: dropped */
        else {
            buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
            i += len ? len : 1;
        }
        run = i;
    }
    buf_put(out, s + run, n - run);
    bidi_close(out, &bidi);
}

void html_attr(Buf *out, const char *s)
{
    if (s)
        html_attrn(out, s, strlen(s));
}

void html_textn(Buf *out, const char *s, size_t n)
{
    buf_puts(out, "<bdi>");
    html_attrn(out, s, n);
    buf_puts(out, "</bdi>");
}

void html_text(Buf *out, const char *s)
{
    if (s)
        html_textn(out, s, strlen(s));
}

/* "-1234567.89" -> "-1,234,567.89": a comma every three digits of the integer part. */
static void put_grouped(Buf *out, const char *s)
{
    size_t start = strcspn(s, "0123456789");
    size_t digits = strspn(s + start, "0123456789");
    buf_put(out, s, start);
    char grouped[2 * NUM_STR_MAX], *g = grouped;
    for (size_t i = 0; i < digits; i++) {
        if (i > 0 && (digits - i) % 3 == 0)
            *g++ = ',';
        *g++ = s[start + i];
    }
    buf_put(out, grouped, (size_t)(g - grouped));
    buf_puts(out, s + start + digits); /* the decimals of a formatted number: nothing to escape */
}

void html_amount(Buf *out, Num v, int places)
{
    char s[NUM_STR_MAX];
    num_format_fixed(v, places, s);
    put_grouped(out, s);
}

void html_exact(Buf *out, Num v, const char *unit)
{
    char s[NUM_STR_MAX];
    num_show(v, s);
    put_grouped(out, s);
    if (unit && *unit) {
        buf_putc(out, ' ');
        html_text(out, unit);
    }
}

const char *html_unit(const HtmlPage *p, const Item *it)
{
    return unit_shown(html_facts(p, it)->unit);
}

int html_places(const HtmlPage *p, const Item *it)
{
    return layout_item_places(p->s, p->b, p->places, it);
}

Cell html_cell(const HtmlPage *p, const Item *it, uint32_t col)
{
    return sema_cell(p->s, it, col);
}

const char *html_column(const HtmlPage *p, uint32_t i)
{
    const Budget *b = p->b;
    if (!b->has_columns && !b->has_year && !b->consolidation)
        return p->w->one_column; /* its ID, "value", is not a heading in Chinese */
    return layout_column(p->s, p->b, i, p->w->total);
}

void html_item_name(const HtmlPage *p, Buf *out, const Item *it)
{
    buf_puts(out, "<span class=\"name\">");
    html_text(out, sema_label(p->s, it));
    buf_puts(out, "</span>");
    if (sema_given_label(p->s, it)) {
        char *path = item_path(it);
        buf_puts(out, " <code>");
        html_text(out, path);
        buf_puts(out, "</code>");
        free(path);
    }
}

void html_footnote(HtmlPage *p, const char *html)
{
    int n = ++p->nnotes;
    buf_printf(p->out, "<sup class=\"fn\"><a href=\"#b%d-n%d\">%d</a></sup>", p->index, n, n);
    buf_printf(&p->notes, "<li id=\"b%d-n%d\" value=\"%d\">%s</li>\n", p->index, n, n, html);
}

void html_spill(HtmlPage *p)
{
    enum { SPILL_BYTES = 1 << 20 };
    if (!p->file || p->out->len < SPILL_BYTES)
        return;
    size_t written = fwrite(p->out->data, 1, p->out->len, p->file);
    (void)written; /* see ferror in emit_html */
    p->out->len = 0;
    p->out->data[0] = '\0';
}

void html_flush_notes(HtmlPage *p)
{
    if (p->notes.len == 0)
        return;
    buf_puts(p->out, "<ol class=\"notes\">\n");
    buf_put(p->out, p->notes.data, p->notes.len);
    buf_puts(p->out, "</ol>\n");
    p->notes.len = 0;
}
