/* json.c - budgets, their item trees, reconciliations and check results as JSON.
 * The document is streamed as it is walked (json_writer.h), never built as a tree:
 * a million-item budget would otherwise need several gigabytes of cJSON nodes. The
 * diagnostics, of which there are few, still go through diag_json's cJSON values. */
#include "emit/json.h"

#include "base/buf.h"
#include "base/map.h"
#include "base/utf8.h"
#include "check/sema.h"
#include "diag/json.h"
#include "emit/json_writer.h"
#include "emit/ledger.h"

#include <stdlib.h>
#include <string.h>

enum { JSON_FORMAT_VERSION = 1 };

static void amount(JsonWriter *w, Num v)
{
    char s[NUM_STR_MAX];
    num_format(v, s);
    json_plain(w, s);
}

static void cell(JsonWriter *w, Cell c)
{
    if (cell_stated(c))
        amount(w, cell_value(c));
    else
        json_null(w);
}

static void cells(JsonWriter *w, const Cell *cs, uint32_t n)
{
    json_array_begin(w);
    for (uint32_t i = 0; i < n; i++)
        cs ? cell(w, cs[i]) : json_null(w);
    json_array_end(w);
}

static void path_or_null(JsonWriter *w, const Item *it)
{
    char *path = it ? item_path(it) : NULL;
    json_string(w, path);
    free(path);
}

static int line_of(SourceSet *s, Span sp)
{
    return (int)source_line_number(s->items[sp.file], sp.start);
}

static const char *recon_word(ReconStatus s)
{
    static const char *words[] = {"none", "exact", "rounding", "failed", "skipped"};
    return words[s];
}

static void reconciliation(JsonWriter *w, const Budget *b, const Recon *recon)
{
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        const Recon *r = &recon[i];
        bool compared = r->status == RECON_EXACT || r->status == RECON_ROUNDING || r->status == RECON_FAILED;
        json_object_begin(w);
        json_key(w, "column");
        json_plain(w, b->columns[i].id);
        json_key(w, "status");
        json_plain(w, recon_word(r->status));
        json_key(w, "difference");
        compared ? amount(w, packed_num(r->diff)) : json_null(w);
        json_key(w, "bound");
        compared ? amount(w, packed_num(r->bound)) : json_null(w);
        json_key(w, "not_stated");
        path_or_null(w, r->missing);
        json_object_end(w);
    }
    json_array_end(w);
}

/* Only the first of a repeated key is written (a repeat is an error, E0311). Keys are
 * interned, so a map finds repeats at once, and a million tags or meta keys stay linear. */
static bool first_key(Map *seen, const char *key)
{
    if (map_get(seen, key, key))
        return false;
    map_put(seen, key, key, (void *)key);
    return true;
}

static void attrs(JsonWriter *w, const Item *it, const ItemFacts *f)
{
    json_key(w, "codes");
    json_array_begin(w);
    for (uint32_t i = 0; i < it->ncodes; i++) {
        const ClassNode *node = f->codes ? f->codes[i] : NULL;
        json_object_begin(w);
        json_key(w, "scheme");
        json_plain(w, node ? node->scheme->id : it->codes[i].scheme);
        json_key(w, "code");
        json_plain(w, it->codes[i].code);
        json_key(w, "name");
        json_string(w, node ? node->name : NULL);
        json_object_end(w);
    }
    json_array_end(w);
    json_key(w, "notes");
    json_array_begin(w);
    for (uint32_t i = 0; i < it->ntags; i++)
        if (!it->tags[i].key)
            json_string(w, it->tags[i].value);
    json_array_end(w);
    json_key(w, "tags");
    json_object_begin(w);
    Map seen = {0};
    for (uint32_t i = 0; i < it->ntags; i++) {
        const Tag *t = &it->tags[i];
        if (!t->key || !first_key(&seen, t->key))
            continue;
        json_key(w, t->key);
        json_string(w, t->value);
    }
    map_free(&seen);
    json_object_end(w);
}

/* What a view derives from: the HTML shows it as a table like a group, with this note. */
static void view_json(JsonWriter *w, const ViewDecl *v, const ViewFacts *f)
{
    json_object_begin(w);
    json_key(w, "rollup");
    json_plain(w, v->scheme.text);
    json_key(w, "of");
    path_or_null(w, f ? f->source : NULL);
    json_key(w, "depth");
    if (f && f->levels)
        json_int(w, f->levels);
    else
        json_null(w);
    json_object_end(w);
}

static const char *derived_word(DerivedStatus s)
{
    static const char *words[] = {"none", "base", "computed", "exact", "rounding", "failed", "skipped"};
    return words[s];
}

/* Per column, null for a period figure as stated or summed, else how it was derived or
 * how its stated figure compares with its formula. */
static void derived_json(JsonWriter *w, const Budget *b, const ItemFacts *f)
{
    json_key(w, "derived");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        const Derived *d = &f->derived[i];
        if (d->status == DERIVED_NONE) {
            json_null(w);
            continue;
        }
        bool stated = d->status >= DERIVED_EXACT;
        json_object_begin(w);
        json_key(w, "status");
        json_plain(w, derived_word(d->status));
        json_key(w, "stated");
        stated ? cell(w, f->value[i]) : json_null(w);
        json_key(w, "computed");
        cell(w, d->computed);
        json_object_end(w);
    }
    json_array_end(w);
}

/* A group's stated totals, computed sums and their reconciliation. */
static void group_json(JsonWriter *w, const Budget *b, const ItemFacts *f)
{
    json_key(w, "stated");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ncolumns; i++)
        f->recon[i].status != RECON_NONE ? cell(w, f->value[i]) : json_null(w);
    json_array_end(w);
    json_key(w, "computed");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ncolumns; i++)
        cell(w, f->recon[i].computed);
    json_array_end(w);
    json_key(w, "reconciliation");
    reconciliation(w, b, f->recon);
}

/* `path` holds the dotted path of the item's parent ("" at the top); it is extended for
 * the item and its children, and restored. */
static void item_json(JsonWriter *w, Compilation *c, const Budget *b, const Item *it, Buf *path)
{
    static const char *kinds[] = {"item", "group", "memo"};
    size_t parent_len = path->len;
    if (parent_len)
        buf_putc(path, '.');
    buf_puts(path, it->id);
    json_object_begin(w);
    json_key(w, "kind");
    json_plain(w, kinds[it->kind]);
    json_key(w, "id");
    json_plain(w, it->id);
    json_key(w, "path");
    json_plain_n(w, path->data, path->len);
    json_key(w, "label");
    json_string(w, sema_label(&c->sema, it));
    const ItemFacts *f = sema_item(&c->sema, it);
    json_key(w, "unit");
    json_plain(w, unit_shown(f->unit));
    json_key(w, "line");
    json_int(w, line_of(&c->sources, it->span));
    json_key(w, "values");
    cells(w, f->value, b->ncolumns);
    if (f->derived)
        derived_json(w, b, f);
    if (it->kind == ITEM_GROUP)
        group_json(w, b, f);
    attrs(w, it, f);
    json_key(w, "view");
    if (it->view)
        view_json(w, it->view, sema_view(&c->sema, it));
    else
        json_null(w);
    if (it->kind == ITEM_GROUP) {
        json_key(w, "children");
        json_array_begin(w);
        for (uint32_t i = 0; i < it->nchildren; i++)
            item_json(w, c, b, it->children[i], path);
        json_array_end(w);
    }
    json_object_end(w);
    path->len = parent_len;
    path->data[parent_len] = '\0';
}

static const char *status_word(CheckStatus s)
{
    static const char *words[] = {"passed", "failed", "skipped", "invalid"};
    return words[s];
}

static void quote(JsonWriter *w, const char *bytes, size_t len)
{
    char *text = utf8_printable(bytes, len);
    json_string(w, text);
    free(text);
}

static void slice(JsonWriter *w, Compilation *c, Span s)
{
    quote(w, c->sources.items[s.file]->text + s.start, s.end - s.start);
}

/* A piece of a check's expression, from the check's own copy of it. */
static void check_slice(JsonWriter *w, const Check *k, Span s)
{
    quote(w, check_text(k, s), s.end - s.start);
}

static void operand_json(JsonWriter *w, const Sema *s, const Budget *b, const Check *k, const Operand *op)
{
    const ItemFacts *f = sema_item(s, op->item);
    json_object_begin(w);
    json_key(w, "expr");
    check_slice(w, k, ref_span(op->ref));
    json_key(w, "path");
    path_or_null(w, op->item);
    json_key(w, "column");
    json_plain(w, b->columns[op->column].id);
    json_key(w, "value");
    cell(w, f->value[op->column]);
    json_key(w, "unit");
    json_plain(w, unit_shown(f->unit));
    json_object_end(w);
}

static void result_json(JsonWriter *w, const Sema *s, const Budget *b, const Check *k, const CheckResult *r)
{
    json_object_begin(w);
    json_key(w, "column");
    json_plain(w, r->column >= 0 ? b->columns[r->column].id : NULL);
    if (k->each) {
        json_key(w, "row");
        path_or_null(w, r->row);
    }
    json_key(w, "status");
    json_plain(w, status_word(r->status));
    json_key(w, "not_stated");
    path_or_null(w, r->missing);
    bool sides = r->has_sides && r->status == CHECK_FAILED; /* the schema: a failed comparison's */
    json_key(w, "left");
    sides ? cell(w, r->lhs) : json_null(w);
    json_key(w, "right");
    sides ? cell(w, r->rhs) : json_null(w);
    json_key(w, "operands");
    json_array_begin(w);
    for (uint32_t i = 0; i < r->noperands; i++)
        operand_json(w, s, b, k, &r->operands[i]);
    json_array_end(w);
    json_object_end(w);
}

static void check_json(JsonWriter *w, Compilation *c, const Budget *b, const Check *k)
{
    json_object_begin(w);
    json_key(w, "kind");
    json_plain(w, k->is_warn ? "warn" : "assert");
    json_key(w, "expr");
    check_slice(w, k, k->expr->span);
    json_key(w, "message");
    json_string(w, k->message);
    json_key(w, "line");
    json_int(w, line_of(&c->sources, k->span));
    const CheckFacts *f = sema_check(&c->sema, k);
    json_key(w, "status");
    json_plain(w, status_word(f->status));
    json_key(w, "results");
    json_array_begin(w);
    for (uint32_t i = 0; i < f->nresults; i++)
        result_json(w, &c->sema, b, k, &f->results[i]);
    json_array_end(w);
    json_key(w, "rule");
    cJSON *rule = check_rule_json(c, k);
    rule ? json_cjson(w, rule) : json_null(w);
    cJSON_Delete(rule);
    json_object_end(w);
}

static void count(JsonWriter *w, const char *key, size_t n)
{
    json_key(w, key);
    json_int(w, (long long)n);
}

static void stats_json(JsonWriter *w, const BudgetFacts *f)
{
    json_object_begin(w);
    count(w, "checks_passed", f->check_counts[CHECK_PASSED]);
    count(w, "checks_failed", f->check_counts[CHECK_FAILED]);
    count(w, "checks_skipped", f->check_counts[CHECK_SKIPPED]);
    count(w, "checks_invalid", f->check_counts[CHECK_INVALID]);
    count(w, "totals_exact", f->recon_counts[RECON_EXACT]);
    count(w, "totals_rounding", f->recon_counts[RECON_ROUNDING]);
    count(w, "totals_failed", f->recon_counts[RECON_FAILED]);
    count(w, "totals_skipped", f->recon_counts[RECON_SKIPPED]);
    if (f->nderived) {
        static const char *keys[] = {NULL, "derived_bases", "derived_computed", "derived_exact", "derived_rounding",
                                     "derived_failed", "derived_skipped"};
        for (int s = DERIVED_BASE; s < DERIVED_STATUSES; s++)
            count(w, keys[s], f->derived_counts[s]);
    }
    json_object_end(w);
}

/* A text as rendered, and its parts, so an emitter can mark each quoted figure. */
static void text_json(JsonWriter *w, Compilation *c, const Text *t)
{
    json_object_begin(w);
    json_key(w, "id");
    json_string(w, t->id);
    json_key(w, "title");
    json_string(w, t->title);
    json_key(w, "line");
    json_int(w, line_of(&c->sources, t->span));
    const TextFacts *tf = sema_text(&c->sema, t);
    json_key(w, "text");
    json_string(w, tf->rendered);
    json_key(w, "parts");
    json_array_begin(w);
    for (uint32_t i = 0; i < t->nparts; i++) {
        const TextPart *p = &t->parts[i];
        const TextPartFacts *pf = &tf->parts[i];
        json_object_begin(w);
        if (!p->expr) {
            json_key(w, "text");
            json_string(w, p->literal);
        } else {
            json_key(w, "expr");
            slice(w, c, p->expr->span);
            json_key(w, "value");
            if (pf->stated)
                amount(w, pf->value);
            else
                json_null(w);
            json_key(w, "unit");
            json_string(w, pf->unit);
            json_key(w, "percent");
            json_bool(w, p->percent);
            json_key(w, "shown");
            json_string(w, pf->shown);
        }
        json_object_end(w);
    }
    json_array_end(w);
    json_object_end(w);
}

/* The budgets a roll-up adds up, one per column before the last ("total"). */
static void consolidation_json(JsonWriter *w, Compilation *c, const Consolidation *k, Budget *const *members)
{
    json_object_begin(w);
    json_key(w, "budgets");
    json_array_begin(w);
    for (uint32_t i = 0; i < k->budgets.n; i++) {
        const Budget *b = members ? members[i] : NULL;
        json_object_begin(w);
        json_key(w, "id");
        json_string(w, k->budgets.items[i].text);
        json_key(w, "title");
        json_string(w, b ? b->title : NULL);
        json_key(w, "column");
        json_string(w, b && b->ncolumns ? b->columns[b->consolidation ? b->ncolumns - 1 : 0].id : NULL); /* what is summed */
        json_key(w, "file");
        json_string(w, b ? c->sources.items[b->span.file]->name : NULL);
        json_object_end(w);
    }
    json_array_end(w);
    json_key(w, "groups");
    json_array_begin(w);
    for (uint32_t i = 0; i < k->groups.n; i++)
        json_string(w, k->groups.items[i].text);
    json_array_end(w);
    json_key(w, "total_column");
    json_plain(w, "total");
    json_object_end(w);
}

static void meta_json(JsonWriter *w, const Meta *meta, uint32_t n)
{
    json_object_begin(w);
    Map seen = {0};
    for (uint32_t i = 0; i < n; i++) { /* by index: a budget without meta has none, NULL */
        if (!first_key(&seen, meta[i].key))
            continue;
        json_key(w, meta[i].key);
        json_string(w, meta[i].value);
    }
    map_free(&seen);
    json_object_end(w);
}

static const char *column_kind_word(ColumnKind k)
{
    static const char *words[] = {"period", "change", "rate", "share", "amount", "ratio"};
    return words[k];
}

/* A column; its kind and formula when the budget derives columns (else all are periods). */
static void column_json(JsonWriter *w, Compilation *c, const Column *col, const ColumnFacts *f)
{
    json_object_begin(w);
    json_key(w, "id");
    json_plain(w, col->id);
    json_key(w, "label");
    json_string(w, col->label);
    if (col->naliases) {
        json_key(w, "also");
        json_array_begin(w);
        for (uint32_t i = 0; i < col->naliases; i++)
            json_string(w, col->aliases[i]);
        json_array_end(w);
    }
    if (f) {
        json_key(w, "kind");
        json_plain(w, column_kind_word(f->kind));
        json_key(w, "formula");
        col->formula ? slice(w, c, col->formula->span) : json_null(w);
    }
    json_object_end(w);
}

static void budget_json(JsonWriter *w, Compilation *c, const Budget *b)
{
    json_object_begin(w);
    json_key(w, "id");
    json_string(w, b->id);
    json_key(w, "title");
    json_string(w, b->title);
    json_key(w, "year");
    b->has_year ? slice(w, c, b->year.span) : json_null(w);
    const BudgetFacts *f = sema_budget(&c->sema, b);
    json_key(w, "unit");
    json_plain(w, unit_shown(f->unit));
    json_key(w, "rounding");
    f->rounding_valid ? amount(w, packed_num(b->rounding.value)) : json_null(w);
    json_key(w, "columns");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ncolumns; i++)
        column_json(w, c, &b->columns[i], f->nderived ? &f->columns[i] : NULL);
    json_array_end(w);
    json_key(w, "meta");
    meta_json(w, b->meta, b->nmeta);
    json_key(w, "items");
    json_array_begin(w);
    Buf path = {0};
    buf_put(&path, "", 0);
    for (uint32_t i = 0; i < b->nitems; i++)
        item_json(w, c, b, b->items[i], &path);
    buf_free(&path);
    json_array_end(w);
    json_key(w, "checks");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->nchecks; i++)
        check_json(w, c, b, b->checks[i]);
    json_array_end(w);
    json_key(w, "texts");
    json_array_begin(w);
    for (uint32_t i = 0; i < b->ntexts; i++)
        text_json(w, c, b->texts[i]);
    json_array_end(w);
    json_key(w, "rules");
    cJSON *ledgers = ledgers_json(c, b);
    json_cjson(w, ledgers);
    cJSON_Delete(ledgers);
    json_key(w, "summary");
    stats_json(w, f);
    json_key(w, "consolidation");
    if (b->consolidation)
        consolidation_json(w, c, b->consolidation, f->members);
    else
        json_null(w);
    json_object_end(w);
}

/* Schemes are listed without their codes: items carry each code's name. */
static void classifications_json(JsonWriter *w, Compilation *c)
{
    json_array_begin(w);
    for (uint32_t i = 0; i < c->program->nclassifications; i++) {
        const Classification *k = c->program->classifications[i];
        json_object_begin(w);
        json_key(w, "id");
        json_string(w, k->id);
        json_key(w, "label");
        json_string(w, k->label);
        json_key(w, "file");
        json_string(w, c->sources.items[k->span.file]->name);
        json_key(w, "meta");
        meta_json(w, k->meta, k->nmeta);
        json_key(w, "codes");
        json_int(w, (long long)k->nnodes);
        json_object_end(w);
    }
    json_array_end(w);
}

static void units_json(JsonWriter *w, Compilation *c)
{
    json_array_begin(w);
    for (uint32_t i = 0; i < c->program->nunits; i++) {
        const UnitDecl *d = c->program->units[i];
        json_object_begin(w);
        json_key(w, "name");
        json_string(w, d->name.text);
        json_key(w, "label");
        json_string(w, d->label);
        json_key(w, "of");
        json_string(w, d->scaled ? d->of.text : NULL);
        json_key(w, "factor");
        amount(w, d->scaled ? packed_num(d->factor.value) : num_int(1));
        json_object_end(w);
    }
    json_array_end(w);
}

bool emit_json(Compilation *c, const Budget *only, FILE *out)
{
    JsonWriter *w = xmalloc(sizeof *w);
    json_init(w, out);
    json_object_begin(w);
    json_key(w, "bdl_json");
    json_int(w, JSON_FORMAT_VERSION);
    json_key(w, "source");
    json_string(w, c->sources.items[0]->name);
    json_key(w, "sources");
    json_array_begin(w);
    for (size_t i = 0; i < c->sources.n; i++)
        json_string(w, c->sources.items[i]->name);
    json_array_end(w);
    json_key(w, "units");
    units_json(w, c);
    json_key(w, "classifications");
    classifications_json(w, c);
    json_key(w, "budgets");
    json_array_begin(w);
    for (uint32_t i = 0; i < c->program->nbudgets; i++)
        if (!only || c->program->budgets[i] == only)
            budget_json(w, c, c->program->budgets[i]);
    json_array_end(w);
    json_key(w, "diagnostics");
    cJSON *diags = diags_to_json(&c->diags);
    json_cjson(w, diags);
    cJSON_Delete(diags);
    json_key(w, "counts");
    json_object_begin(w);
    count(w, "errors", c->diags.errors);
    count(w, "warnings", c->diags.warnings);
    json_object_end(w);
    json_object_end(w);
    json_raw(w, "\n", 1);
    bool ok = json_finish(w);
    free(w);
    return ok;
}
