/* emit_json.c - budgets, their item trees, reconciliations and check results as JSON. */
#include "emit_json.h"

#include "check.h"
#include "diag_json.h"
#include "map.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

enum { JSON_FORMAT_VERSION = 1 };

static cJSON *amount(Num v)
{
    char s[NUM_STR_MAX];
    num_format(v, s);
    return cJSON_CreateString(s);
}

static cJSON *cell(Cell c)
{
    return c.stated ? amount(c.v) : cJSON_CreateNull();
}

static cJSON *text_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *cells(const Cell *cs, uint32_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cs ? cell(cs[i]) : cJSON_CreateNull());
    return a;
}

static int line_of(SourceSet *s, Span sp)
{
    return (int)source_linecol(s->items[sp.file], sp.start).line;
}

static const char *recon_word(ReconStatus s)
{
    static const char *words[] = {"none", "exact", "rounding", "failed", "skipped"};
    return words[s];
}

static cJSON *reconciliation(const Budget *b, const Item *g)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        const Recon *r = &g->recon[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "column", b->columns[i].id);
        cJSON_AddStringToObject(o, "status", recon_word(r->status));
        bool compared = r->status == RECON_EXACT || r->status == RECON_ROUNDING || r->status == RECON_FAILED;
        cJSON_AddItemToObject(o, "difference", compared ? amount(r->diff) : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "bound", compared ? amount(r->bound) : cJSON_CreateNull());
        char *missing = r->missing ? item_path(r->missing) : NULL;
        cJSON_AddItemToObject(o, "not_stated", text_or_null(missing));
        free(missing);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* Only the first of a repeated key is written. Keys are interned, so a map finds repeats
 * at once; cJSON_HasObjectItem searches the whole object, which made a spec with a
 * million tags or meta keys quadratic. */
static bool first_key(Map *seen, const char *key)
{
    if (map_get(seen, key, key))
        return false;
    map_put(seen, key, key, (void *)key);
    return true;
}

static void add_attrs(cJSON *o, const Item *it)
{
    cJSON *codes = cJSON_AddArrayToObject(o, "codes");
    for (const CodeRef *c = it->attrs.codes; c; c = c->next) {
        cJSON *co = cJSON_CreateObject();
        cJSON_AddItemToObject(co, "scheme", text_or_null(c->scheme));
        cJSON_AddStringToObject(co, "code", c->code);
        cJSON_AddItemToArray(codes, co);
    }
    cJSON *notes = cJSON_AddArrayToObject(o, "notes");
    for (const Note *n = it->attrs.notes; n; n = n->next)
        cJSON_AddItemToArray(notes, cJSON_CreateString(n->text));
    cJSON *tags = cJSON_AddObjectToObject(o, "tags");
    Map seen = {0};
    for (const Tag *t = it->attrs.tags; t; t = t->next)
        if (first_key(&seen, t->key)) /* a repeated key is an error (E0311) */
            cJSON_AddStringToObject(tags, t->key, t->value);
    map_free(&seen);
}

static cJSON *item_json(Compilation *c, const Budget *b, const Item *it)
{
    static const char *kinds[] = {"item", "group", "memo"};
    cJSON *o = cJSON_CreateObject();
    char *path = item_path(it);
    cJSON_AddStringToObject(o, "kind", kinds[it->kind]);
    cJSON_AddStringToObject(o, "id", it->id);
    cJSON_AddStringToObject(o, "path", path);
    free(path);
    cJSON_AddStringToObject(o, "label", item_label(it));
    cJSON_AddItemToObject(o, "unit", it->unit ? cJSON_CreateString(it->unit->name) : cJSON_CreateNull());
    cJSON_AddNumberToObject(o, "line", line_of(&c->sources, it->span));
    cJSON_AddItemToObject(o, "values", cells(it->value, b->ncolumns));
    if (it->kind == ITEM_GROUP) {
        Cell *stated = ARENA_ARRAY(&c->arena, Cell, b->ncolumns);
        for (uint32_t i = 0; i < b->ncolumns; i++)
            if (it->recon[i].status != RECON_NONE)
                stated[i] = it->value[i];
        cJSON_AddItemToObject(o, "stated", cells(stated, b->ncolumns));
        cJSON_AddItemToObject(o, "computed", cells(it->computed, b->ncolumns));
        cJSON_AddItemToObject(o, "reconciliation", reconciliation(b, it));
    }
    add_attrs(o, it);
    if (it->kind == ITEM_GROUP) {
        cJSON *children = cJSON_AddArrayToObject(o, "children");
        for (const Item *ch = it->children; ch; ch = ch->next)
            cJSON_AddItemToArray(children, item_json(c, b, ch));
    }
    return o;
}

static const char *status_word(CheckStatus s)
{
    static const char *words[] = {"passed", "failed", "skipped", "invalid"};
    return words[s];
}

static cJSON *slice(Compilation *c, Span s)
{
    char *text = utf8_printable(c->sources.items[s.file]->text + s.start, s.end - s.start);
    cJSON *j = cJSON_CreateString(text);
    free(text);
    return j;
}

static cJSON *operand_json(Compilation *c, const Budget *b, const Operand *op)
{
    cJSON *o = cJSON_CreateObject();
    char *path = item_path(op->item);
    cJSON_AddItemToObject(o, "expr", slice(c, op->span));
    cJSON_AddStringToObject(o, "path", path);
    free(path);
    cJSON_AddStringToObject(o, "column", b->columns[op->column].id);
    cJSON_AddItemToObject(o, "value", cell(op->cell));
    cJSON_AddItemToObject(o, "unit", op->unit ? cJSON_CreateString(op->unit->name) : cJSON_CreateNull());
    return o;
}

static cJSON *result_json(Compilation *c, const Budget *b, const CheckResult *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "column", r->column >= 0 ? cJSON_CreateString(b->columns[r->column].id)
                                                       : cJSON_CreateNull());
    cJSON_AddStringToObject(o, "status", status_word(r->status));
    char *missing = r->missing ? item_path(r->missing) : NULL;
    cJSON_AddItemToObject(o, "not_stated", text_or_null(missing));
    free(missing);
    cJSON_AddItemToObject(o, "left", r->has_sides ? cell(r->lhs) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "right", r->has_sides ? cell(r->rhs) : cJSON_CreateNull());
    cJSON *ops = cJSON_AddArrayToObject(o, "operands");
    for (uint32_t i = 0; i < r->noperands; i++)
        cJSON_AddItemToArray(ops, operand_json(c, b, &r->operands[i]));
    return o;
}

static cJSON *check_json(Compilation *c, const Budget *b, const Check *k)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", k->is_warn ? "warn" : "assert");
    cJSON_AddItemToObject(o, "expr", slice(c, k->expr->span));
    cJSON_AddItemToObject(o, "message", text_or_null(k->message));
    cJSON_AddNumberToObject(o, "line", line_of(&c->sources, k->span));
    cJSON_AddStringToObject(o, "status", status_word(check_status(k)));
    cJSON *rs = cJSON_AddArrayToObject(o, "results");
    for (uint32_t i = 0; i < k->nresults; i++)
        cJSON_AddItemToArray(rs, result_json(c, b, &k->results[i]));
    return o;
}

static cJSON *stats_json(const Budget *b)
{
    CheckStats s;
    budget_stats(b, &s);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "checks_passed", (double)s.checks_passed);
    cJSON_AddNumberToObject(o, "checks_failed", (double)s.checks_failed);
    cJSON_AddNumberToObject(o, "checks_skipped", (double)s.checks_skipped);
    cJSON_AddNumberToObject(o, "checks_invalid", (double)s.checks_invalid);
    cJSON_AddNumberToObject(o, "totals_exact", (double)s.totals_exact);
    cJSON_AddNumberToObject(o, "totals_rounding", (double)s.totals_rounding);
    cJSON_AddNumberToObject(o, "totals_failed", (double)s.totals_failed);
    cJSON_AddNumberToObject(o, "totals_skipped", (double)s.totals_skipped);
    return o;
}

static cJSON *budget_json(Compilation *c, const Budget *b)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", b->id);
    cJSON_AddItemToObject(o, "title", text_or_null(b->title));
    cJSON_AddItemToObject(o, "year", b->has_year ? slice(c, b->year.span) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "unit", b->unit ? cJSON_CreateString(b->unit->name) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "rounding", b->has_rounding ? amount(b->rounding.value) : cJSON_CreateNull());
    cJSON *cols = cJSON_AddArrayToObject(o, "columns");
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        cJSON *col = cJSON_CreateObject();
        cJSON_AddStringToObject(col, "id", b->columns[i].id);
        cJSON_AddItemToObject(col, "label", text_or_null(b->columns[i].label));
        cJSON_AddItemToArray(cols, col);
    }
    cJSON *meta = cJSON_AddObjectToObject(o, "meta");
    Map seen = {0};
    for (const Meta *m = b->meta; m; m = m->next)
        if (first_key(&seen, m->key))
            cJSON_AddStringToObject(meta, m->key, m->value);
    map_free(&seen);
    cJSON *items = cJSON_AddArrayToObject(o, "items");
    for (const Item *it = b->items; it; it = it->next)
        cJSON_AddItemToArray(items, item_json(c, b, it));
    cJSON *checks = cJSON_AddArrayToObject(o, "checks");
    for (const Check *k = b->checks; k; k = k->next)
        cJSON_AddItemToArray(checks, check_json(c, b, k));
    cJSON_AddItemToObject(o, "summary", stats_json(b));
    return o;
}

static cJSON *units_json(Compilation *c)
{
    cJSON *a = cJSON_CreateArray();
    for (const UnitDecl *d = c->program->units; d; d = d->next) {
        cJSON *u = cJSON_CreateObject();
        cJSON_AddStringToObject(u, "name", d->name);
        cJSON_AddItemToObject(u, "label", text_or_null(d->label));
        cJSON_AddItemToObject(u, "of", text_or_null(d->scaled ? d->of_name : NULL));
        cJSON_AddItemToObject(u, "factor", d->scaled ? amount(d->factor.value) : amount(num_int(1)));
        cJSON_AddItemToArray(a, u);
    }
    return a;
}

bool emit_json(Compilation *c, const Budget *only, FILE *out)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "bdl_json", JSON_FORMAT_VERSION);
    cJSON_AddStringToObject(doc, "source", c->sources.items[0]->name);
    cJSON_AddItemToObject(doc, "units", units_json(c));
    cJSON *budgets = cJSON_AddArrayToObject(doc, "budgets");
    for (const Budget *b = c->program->budgets; b; b = b->next)
        if (!only || b == only)
            cJSON_AddItemToArray(budgets, budget_json(c, b));
    cJSON_AddItemToObject(doc, "diagnostics", diags_to_json(&c->diags));
    cJSON *counts = cJSON_AddObjectToObject(doc, "counts");
    cJSON_AddNumberToObject(counts, "errors", (double)c->diags.errors);
    cJSON_AddNumberToObject(counts, "warnings", (double)c->diags.warnings);
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    if (!text)
        return false;
    bool ok = fputs(text, out) >= 0 && fputc('\n', out) != EOF;
    cJSON_free(text);
    return ok;
}
