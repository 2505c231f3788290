/* check_report.c - the check command's report: one line per check and its result,
 * "passed  收支平衡: income == by_function [2026, 2025]". */
#include "emit/check_report.h"

#include "base/buf.h"
#include "base/show.h"
#include "base/utf8.h"
#include "check/sema.h"

#include <stdlib.h>
#include <string.h>

static const char *status_word(CheckStatus s)
{
    static const char *words[] = {"passed", "FAILED", "skipped", "invalid"};
    return words[s];
}

/* "PATH not stated", the path written escaped like all text of the spec (show.h). */
static void not_stated(Buf *b, const Item *missing, const char *before)
{
    char *p = item_path(missing);
    buf_puts(b, before);
    show_str(b, p);
    buf_puts(b, " not stated");
    free(p);
}

static void columns_detail(Buf *b, const Budget *bud, const CheckFacts *k)
{
    if (k->nresults == 1 && k->results[0].column < 0) {
        if (k->results[0].status == CHECK_SKIPPED && k->results[0].missing) {
            not_stated(b, k->results[0].missing, " (");
            buf_putc(b, ')');
        }
        return;
    }
    buf_puts(b, " [");
    for (uint32_t i = 0; i < k->nresults; i++) {
        const CheckResult *r = &k->results[i];
        buf_puts(b, i ? ", " : "");
        show_str(b, bud->columns[r->column].id);
        buf_putc(b, ' ');
        buf_puts(b, r->status == CHECK_PASSED ? "passed" : status_word(r->status));
        if (r->status == CHECK_SKIPPED && r->missing)
            not_stated(b, r->missing, ": ");
    }
    buf_putc(b, ']');
}

static void report_budget(const Sema *sema, const Budget *b, FILE *out)
{
    const BudgetFacts *f = sema_budget(sema, b);
    const size_t *totals = f->recon_counts, *checks = f->check_counts;
    Buf head = {0};
    buf_printf(&head, "%s ", b->consolidation ? "consolidation" : "budget");
    show_str(&head, b->id);
    if (b->title) {
        buf_puts(&head, " — ");
        show_str(&head, b->title);
    }
    fprintf(out, "%s\n", head.data);
    buf_free(&head);
    fprintf(out, "  totals   %zu match, %zu within rounding, %zu failed, %zu skipped\n",
            totals[RECON_EXACT], totals[RECON_ROUNDING], totals[RECON_FAILED], totals[RECON_SKIPPED]);
    Buf line = {0}; /* one line per check, built without printf: there may be many */
    for (uint32_t i = 0; i < b->nchecks; i++) {
        const Check *k = b->checks[i];
        const CheckFacts *kf = sema_check(sema, k);
        int len = (int)(k->expr->span.end - k->expr->span.start);
        const char *status = status_word(kf->status);
        line.len = 0;
        buf_puts(&line, "  ");
        buf_puts(&line, status);
        buf_put(&line, "         ", 9 - strlen(status)); /* "%-8s " */
        if (k->message) {
            show_str(&line, k->message);
            buf_puts(&line, ": ");
        }
        char *text = utf8_printable(k->expr_text, (size_t)len); /* line breaks as spaces */
        enum { MAX_SHOWN = 120 };
        size_t full = strlen(text), cut = full;
        if (cut > MAX_SHOWN) {
            cut = MAX_SHOWN;
            while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--; /* never split a UTF-8 sequence */
        }
        show_text(&line, text, cut);
        buf_puts(&line, cut < full ? "…" : "");
        free(text);
        columns_detail(&line, b, kf);
        buf_putc(&line, '\n');
        fwrite(line.data, 1, line.len, out);
    }
    buf_free(&line);
    fprintf(out, "  checks   %zu passed, %zu failed, %zu skipped, %zu invalid\n", checks[CHECK_PASSED],
            checks[CHECK_FAILED], checks[CHECK_SKIPPED], checks[CHECK_INVALID]);
}

void report_checks(Compilation *c, FILE *out)
{
    for (uint32_t i = 0; i < c->program->nbudgets; i++)
        report_budget(&c->sema, c->program->budgets[i], out);
}
