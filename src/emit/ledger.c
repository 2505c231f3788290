/* ledger.c - a budget's obligation ledgers as JSON values: for each rule set it follows,
 * how every role is bound and where every obligation stands, with the reason the spec
 * gives for what is not applicable and the pack's for what is not implemented yet. */
#include "emit/ledger.h"

#include "base/utf8.h"
#include "check/sema.h"

#include <stdlib.h>

const char *duty_word(DutyStatus s)
{
    static const char *const words[DUTY_STATUSES] = {"passed", "failed", "skipped", "invalid",
                                                     "not_applicable", "not_implemented"};
    return words[s];
}

static int line_at(Compilation *c, Span s)
{
    return (int)source_line_number(c->sources.items[s.file], s.start);
}

static void add_text(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

/* The source text of a span, as it is written (control characters shown). */
static void add_source(Compilation *c, cJSON *o, const char *key, Span s)
{
    char *text = utf8_printable(c->sources.items[s.file]->text + s.start, s.end - s.start);
    cJSON_AddStringToObject(o, key, text);
    free(text);
}

static cJSON *counts_json(const Ledger *l)
{
    cJSON *o = cJSON_CreateObject();
    for (int s = 0; s < DUTY_STATUSES; s++)
        cJSON_AddNumberToObject(o, duty_word((DutyStatus)s), (double)l->counts[s]);
    return o;
}

static const char *bound_word(const Binding *bi)
{
    static const char *const words[] = {"expr", "none", "not_stated"};
    return bi ? words[bi->kind] : "default";
}

static cJSON *role_json(Compilation *c, const Budget *b, const Role *r, const RoleFacts *rf)
{
    static const char *const kinds[] = {"role", "column", "param"};
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "role", r->id.text);
    cJSON_AddStringToObject(o, "kind", kinds[r->kind]);
    add_text(o, "label", r->label);
    cJSON_AddStringToObject(o, "bound", rf->broken ? "invalid" : bound_word(rf->binding));
    const Binding *bi = rf->binding;
    if (bi && bi->kind == BIND_EXPR)
        add_source(c, o, "expr", bi->expr->span);
    else
        cJSON_AddNullToObject(o, "expr");
    char *path = rf->item ? item_path(rf->item) : NULL;
    add_text(o, "path", path);
    free(path);
    add_text(o, "column", rf->column >= 0 ? b->columns[rf->column].id : NULL);
    char v[NUM_STR_MAX] = "";
    bool valued = r->kind == ROLE_PARAM && !rf->broken;
    if (valued)
        num_format(rf->value, v);
    add_text(o, "value", valued ? v : NULL);
    add_text(o, "reason", bi ? bi->reason : NULL);
    return o;
}

/* The positions of the checks an obligation added, in the budget's list of checks: they
 * follow its own checks, in the order of its apply blocks and of their obligations. */
static cJSON *check_indexes(const Budget *b, const Duty *d)
{
    cJSON *a = cJSON_CreateArray();
    uint32_t k = 0;
    for (uint32_t i = 0; i < d->nchecks; i++) {
        while (k < b->nchecks && b->checks[k] != d->checks[i])
            k++;
        if (k < b->nchecks)
            cJSON_AddItemToArray(a, cJSON_CreateNumber(k));
    }
    return a;
}

static cJSON *duty_json(Compilation *c, const Budget *b, const Duty *d, bool full)
{
    const Obligation *o = d->obligation;
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", o->id.text);
    add_text(j, "title", o->title);
    if (full) {
        add_text(j, "source", o->source);
        cJSON_AddNumberToObject(j, "line", line_at(c, o->id.span));
    }
    cJSON_AddStringToObject(j, "status", duty_word(d->status));
    add_text(j, "reason", d->reason);
    add_text(j, "because", d->because ? d->because->role.text : NULL);
    if (full)
        cJSON_AddItemToObject(j, "checks", check_indexes(b, d));
    return j;
}

static cJSON *ledger_json(Compilation *c, const Budget *b, const Apply *a, bool full)
{
    const Ledger *l = sema_ledger(&c->sema, a);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rules", l->set->id);
    add_text(o, "title", l->set->label);
    cJSON_AddStringToObject(o, "file", c->sources.items[l->set->span.file]->name);
    cJSON_AddNumberToObject(o, "apply_line", line_at(c, a->span));
    add_text(o, "shared", l->shared ? l->shared->as.text : NULL);
    cJSON_AddItemToObject(o, "counts", counts_json(l));
    if (full) {
        cJSON *roles = cJSON_AddArrayToObject(o, "roles");
        for (uint32_t i = 0; i < l->set->nroles; i++)
            cJSON_AddItemToArray(roles, role_json(c, b, &l->set->roles[i], &l->roles[i]));
    }
    cJSON *duties = cJSON_AddArrayToObject(o, "obligations");
    for (uint32_t i = 0; i < l->set->nobligations; i++)
        cJSON_AddItemToArray(duties, duty_json(c, b, &l->duties[i], full));
    return o;
}

cJSON *ledgers_json(Compilation *c, const Budget *b)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; i < b->napplies; i++)
        if (sema_ledger(&c->sema, b->applies[i])->set)
            cJSON_AddItemToArray(a, ledger_json(c, b, b->applies[i], true));
    return a;
}

cJSON *ledgers_sarif(Compilation *c)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; c->program && i < c->program->nbudgets; i++) {
        const Budget *b = c->program->budgets[i];
        for (uint32_t k = 0; k < b->napplies; k++) {
            if (!sema_ledger(&c->sema, b->applies[k])->set)
                continue;
            cJSON *l = ledger_json(c, b, b->applies[k], false);
            cJSON_AddStringToObject(l, "budget", b->id);
            cJSON_AddStringToObject(l, "source", c->sources.items[b->span.file]->name);
            cJSON_AddItemToArray(a, l);
        }
    }
    return a;
}

cJSON *check_rule_json(Compilation *c, const Check *k)
{
    if (!k->applied)
        return NULL;
    const Obligation *o = k->applied->obligation;
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "rules", k->applied->set->id);
    cJSON_AddStringToObject(j, "obligation", o->id.text);
    cJSON_AddStringToObject(j, "file", c->sources.items[o->id.span.file]->name);
    cJSON_AddNumberToObject(j, "line", line_at(c, k->applied->origin->span));
    return j;
}
