/* report.c - "passed  收支平衡: income == by_function [2026, 2025]" lines, one per check. */
#include "report.h"

#include "buf.h"
#include "check.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *status_word(CheckStatus s)
{
    static const char *words[] = {"passed", "FAILED", "skipped", "invalid"};
    return words[s];
}

static void columns_detail(Buf *b, const Budget *bud, const Check *k)
{
    if (k->nresults == 1 && k->results[0].column < 0) {
        if (k->results[0].status == CHECK_SKIPPED && k->results[0].missing) {
            char *p = item_path(k->results[0].missing);
            buf_printf(b, " (%s not stated)", p);
            free(p);
        }
        return;
    }
    buf_puts(b, " [");
    for (uint32_t i = 0; i < k->nresults; i++) {
        const CheckResult *r = &k->results[i];
        buf_printf(b, "%s%s %s", i ? ", " : "", bud->columns[r->column].id,
                   r->status == CHECK_PASSED ? "passed" : status_word(r->status));
        if (r->status == CHECK_SKIPPED && r->missing) {
            char *p = item_path(r->missing);
            buf_printf(b, ": %s not stated", p);
            free(p);
        }
    }
    buf_putc(b, ']');
}

static void report_budget(Compilation *c, const Budget *b, FILE *out)
{
    CheckStats s;
    budget_stats(b, &s);
    fprintf(out, "%s %s%s%s\n", b->consolidation ? "consolidation" : "budget", b->id, b->title ? " — " : "",
            b->title ? b->title : "");
    fprintf(out, "  totals   %zu match, %zu within rounding, %zu failed, %zu skipped\n",
            s.totals_exact, s.totals_rounding, s.totals_failed, s.totals_skipped);
    for (const Check *k = b->checks; k; k = k->next) {
        Buf line = {0};
        const char *src = c->sources.items[k->expr->span.file]->text;
        int len = (int)(k->expr->span.end - k->expr->span.start);
        if (k->message)
            buf_printf(&line, "%s: ", k->message);
        char *text = utf8_printable(src + k->expr->span.start, (size_t)len);
        enum { MAX_SHOWN = 120 };
        size_t cut = strlen(text);
        if (cut > MAX_SHOWN) {
            cut = MAX_SHOWN;
            while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--; /* never split a UTF-8 sequence */
        }
        buf_printf(&line, "%.*s%s", (int)cut, text, cut < strlen(text) ? "…" : "");
        free(text);
        columns_detail(&line, b, k);
        fprintf(out, "  %-8s %s\n", status_word(check_status(k)), line.data);
        buf_free(&line);
    }
    fprintf(out, "  checks   %zu passed, %zu failed, %zu skipped, %zu invalid\n", s.checks_passed,
            s.checks_failed, s.checks_skipped, s.checks_invalid);
}

void report_checks(Compilation *c, FILE *out)
{
    for (const Budget *b = c->program->budgets; b; b = b->next)
        report_budget(c, b, out);
}
