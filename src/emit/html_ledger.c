/* html_ledger.c - the ledger of each rule set the budget follows, after the checks summary:
 * every obligation with its result, and for what was not checked the reason the spec
 * gives (not applicable, not stated) or the rule set's (not implemented yet). */
#include "emit/html_page.h"

#include "emit/ledger.h"

static void tally(HtmlPage *p, const Ledger *l)
{
    static const char *const classes[DUTY_STATUSES] = {"passed", "failed", "skipped", "failed", "zero", "zero"};
    buf_puts(p->out, "<p class=\"tally\">");
    for (int s = 0; s < DUTY_STATUSES; s++)
        buf_printf(p->out, "<span class=\"t %s\">%s %zu</span>", l->counts[s] ? classes[s] : "zero", p->w->duty[s],
                   l->counts[s]);
    buf_puts(p->out, "</p>\n");
}

/* "t6_spending = none：区治理中心2026年无使用政府性基金预算拨款安排的支出", or the source. */
static void note_cell(HtmlPage *p, const Duty *d)
{
    buf_puts(p->out, "<td>");
    if (d->because) {
        buf_puts(p->out, "<code>");
        html_text(p->out, d->because->role.text);
        buf_puts(p->out, d->because->kind == BIND_NONE ? " = none" : " = -");
        buf_puts(p->out, "</code>");
        if (d->reason)
            buf_puts(p->out, p->w->colon);
    }
    if (d->reason)
        html_text(p->out, d->reason);
    else if (d->obligation->source)
        buf_puts(p->out, p->w->duty_source), html_text(p->out, d->obligation->source);
    buf_puts(p->out, "</td>");
}

static void duty_row(HtmlPage *p, const Duty *d)
{
    const Obligation *o = d->obligation;
    buf_printf(p->out, "<tr class=\"%s\"><td><code>", duty_word(d->status));
    html_text(p->out, o->id.text);
    buf_puts(p->out, "</code></td><td>");
    html_text(p->out, o->title ? o->title : "");
    buf_printf(p->out, "</td><td class=\"st\">%s</td>", p->w->duty[d->status]);
    note_cell(p, d);
    buf_puts(p->out, "</tr>\n");
}

static void ledger(HtmlPage *p, const Ledger *l, uint32_t n)
{
    const Words *w = p->w;
    buf_printf(p->out, "<section class=\"ledger\" aria-labelledby=\"b%d-ledger%u\">\n", p->index, n);
    buf_printf(p->out, "<h2 id=\"b%d-ledger%u\">%s%s", p->index, n, w->ledger, w->colon);
    html_text(p->out, l->set->label ? l->set->label : l->set->id);
    buf_puts(p->out, w->open);
    buf_puts(p->out, "<code>");
    html_text(p->out, l->set->id);
    buf_printf(p->out, "</code>%s</h2>\n", w->close);
    tally(p, l);
    buf_printf(p->out, "<table class=\"ledger\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
               w->obligation, w->duty_title, w->duty_status, w->duty_note);
    for (uint32_t i = 0; i < l->set->nobligations; i++)
        duty_row(p, &l->duties[i]);
    buf_puts(p->out, "</tbody>\n</table>\n</section>\n");
}

void html_ledgers(HtmlPage *p)
{
    for (uint32_t i = 0; i < p->b->napplies; i++) {
        const Ledger *l = sema_ledger(p->s, p->b->applies[i]);
        if (l->set)
            ledger(p, l, i + 1);
    }
}
