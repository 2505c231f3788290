/* html_page.h - what the pieces of the HTML emitter share: the page being written (in the
 * words of its language, emit/words.h), text escaping and figure formatting.
 * The page is built in a Buf and written in one go, so a failed write is one check. */
#ifndef BDL_HTML_PAGE_H
#define BDL_HTML_PAGE_H

#include "base/buf.h"
#include "compile/compile.h"
#include "emit/words.h"

extern const char html_css[];

typedef struct HtmlPage {
    Buf *out;
    FILE *file;   /* where `out` is written: html_spill empties it there as the page grows */
    Compilation *c;
    const Sema *s; /* c's */
    const Budget *b;
    const Words *w;
    int index;    /* 1-based position of the budget in the file: makes ids unique */
    int places;   /* decimals figures in the budget's unit are shown with */
    int nnotes;   /* footnotes numbered so far in this budget */
    bool dashes;  /* the table being written shows a not-stated cell: explain "—" under it */
    bool zero_base; /* ... or a change % from zero, which has none */
    Buf notes;    /* the <li> of the footnotes of the table being written */
} HtmlPage;

/* Text from the spec, as an attribute value (or where no markup may stand: <title>, SVG
 * text): & < > " ' escaped, characters HTML forbids replaced, and its bidirectional
 * controls balanced (a closer of nothing dropped, what is left open closed at the end). */
void html_attr(Buf *out, const char *s);
void html_attrn(Buf *out, const char *s, size_t n);
/* The same as element content, isolated in <bdi>: whatever its direction (an RTL label, an
 * override), it cannot reorder the figures written beside it. Every string from the spec
 * shown as text goes through here. */
void html_text(Buf *out, const char *s);
void html_textn(Buf *out, const char *s, size_t n);

/* Figures: rounded half-up to `places` for display, digits grouped ("1,234.50"). */
void html_amount(Buf *out, Num v, int places);
/* Decimals a row in unit u is shown with: the budget's precision in its own unit, the
 * written precision (exactly) in any other. */
int html_places(const HtmlPage *p, const Item *it);
/* An exact value with its unit (NULL: none), for the checks summary ("527.36 万元"). */
void html_exact(Buf *out, Num v, const char *unit);
/* The unit an item's figures are in (its name, or NULL). */
const char *html_unit(const HtmlPage *p, const Item *it);

/* A numbered footnote: writes the marker at the current position and queues the note
 * (already-escaped HTML) for the list under the table. */
void html_footnote(HtmlPage *p, const char *html);
/* Writes and clears the queued footnotes. */
void html_flush_notes(HtmlPage *p);
/* Writes out the page so far once it is large, so a table of a million rows is never held
 * whole; a failed write leaves the stream's error flag set for emit_html to report. */
void html_spill(HtmlPage *p);

/* The page's sections (html_checks.c, html_table.c, html_chart.c). */
void html_checks(HtmlPage *p);
/* How many figure columns the budget's tables have, computed change columns included. */
uint32_t html_table_columns(const HtmlPage *p);
void html_group_table(HtmlPage *p, const Item *g, int number);
void html_items_table(HtmlPage *p, int number);
void html_chart(HtmlPage *p, const Item *g, int number);
void html_narrative(HtmlPage *p);
void html_ledgers(HtmlPage *p);

/* An item's figure in column col; not stated when the checker attached none. */
Cell html_cell(const HtmlPage *p, const Item *it, uint32_t col);
static inline const ItemFacts *html_facts(const HtmlPage *p, const Item *it)
{
    return sema_item(p->s, it);
}
/* The label of column i ("2026年预算数", or its id); in a roll-up, a member budget's
 * column is named by its `meta entity` when it has one, and the last column is 合计. */
const char *html_column(const HtmlPage *p, uint32_t i);
/* An item's label and its id, for the checks summary. */
void html_item_name(const HtmlPage *p, Buf *out, const Item *it);

#endif
