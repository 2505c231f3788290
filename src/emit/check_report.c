/* check_report.c - the check command's report: one line per check and its result,
 * "passed  收支平衡: income == by_function [2026, 2025]", then for each rule set the
 * budget follows its ledger's counts and every obligation that did not pass, with why. */
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

/* An `each` claim: how many rows failed, passed or were skipped, and the failed rows
 * (the diagnostics give their figures). */
static void rows_detail(Buf *b, const CheckFacts *k)
{
    enum { MAX_NAMED = 5 };
    size_t counts[CHECK_STATUSES] = {0}, named = 0;
    Buf failed = {0};
    for (uint32_t i = 0; i < k->nresults;) {
        uint32_t j = i;
        while (j < k->nresults && k->results[j].row == k->results[i].row)
            j++;
        CheckStatus st = check_status_of(k->results + i, j - i);
        counts[st]++;
        if (st == CHECK_FAILED && named++ < MAX_NAMED) {
            char *p = item_path(k->results[i].row);
            buf_puts(&failed, named > 1 ? ", " : ": ");
            show_str(&failed, p);
            free(p);
        }
        i = j;
    }
    buf_printf(b, " [rows: %zu passed, %zu FAILED%s%s, %zu skipped]", counts[CHECK_PASSED], counts[CHECK_FAILED],
               failed.data ? failed.data : "", named > MAX_NAMED ? ", ..." : "", counts[CHECK_SKIPPED]);
    buf_free(&failed);
}

static void columns_detail(Buf *b, const Budget *bud, const CheckFacts *k)
{
    if (k->nresults == 0)
        return;
    if (k->results[0].row) {
        rows_detail(b, k);
        return;
    }
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

/* "n/a      T6_EMPTY 政府性基金预算支出表: t6 = none \"...\"" */
static void report_duty(const Duty *d, FILE *out)
{
    static const char *const words[DUTY_STATUSES] = {"passed", "FAILED", "skipped", "invalid", "n/a", "pending"};
    const Obligation *o = d->obligation;
    fprintf(out, "  %-8s %s%s%s", words[d->status], o->id.text, o->title ? " " : "", o->title ? o->title : "");
    if (d->because)
        fprintf(out, ": %s = %s", d->because->role.text, d->because->kind == BIND_NONE ? "none" : "-");
    if (d->reason)
        fprintf(out, "%s\"%s\"", d->because ? " " : ": ", d->reason);
    fputc('\n', out);
}

static void report_ledger(const Ledger *l, FILE *out)
{
    const size_t *n = l->counts;
    fprintf(out, "  ledger   %s: %u obligations: %zu passed, %zu failed, %zu skipped, %zu invalid, "
                 "%zu not applicable, %zu not implemented\n",
            l->set->id, l->set->nobligations, n[DUTY_PASSED], n[DUTY_FAILED], n[DUTY_SKIPPED], n[DUTY_INVALID],
            n[DUTY_NOT_APPLICABLE], n[DUTY_NOT_IMPLEMENTED]);
    for (uint32_t i = 0; i < l->set->nobligations; i++)
        if (l->duties[i].status != DUTY_PASSED)
            report_duty(&l->duties[i], out);
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
        if (k->applied) { /* a rule set's claim: named by its obligation, as in the ledger */
            buf_puts(&line, k->applied->obligation->id.text);
            buf_putc(&line, ' ');
        }
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
    for (uint32_t i = 0; i < b->napplies; i++)
        if (sema_ledger(sema, b->applies[i])->set)
            report_ledger(sema_ledger(sema, b->applies[i]), out);
}

void report_checks(Compilation *c, FILE *out)
{
    for (uint32_t i = 0; i < c->program->nbudgets; i++)
        report_budget(&c->sema, c->program->budgets[i], out);
}
