/* semdiff.c - matching items by path (and renames by value), comparing cells exactly. */
#include "tools/semdiff.h"

#include "base/buf.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_COLUMNS = 64 };

/* The lists a diff is built in. */
typedef struct Changes {
    ItemChange *items;
    size_t n, cap;
} Changes;

typedef struct CheckChanges {
    CheckChange *items;
    size_t n, cap;
} CheckChanges;

typedef struct Settings {
    Setting *items;
    size_t n, cap;
} Settings;

static void add_change(Changes *v, ItemChange c)
{
    VEC_GROW(v->items, v->n, v->cap);
    v->items[v->n++] = c;
}

static void add_check_change(CheckChanges *v, CheckChange c)
{
    VEC_GROW(v->items, v->n, v->cap);
    v->items[v->n++] = c;
}

/* Lookups by name are binary searches in a sorted index, the first of equal names (in
 * list order) winning. Items, checks, units, meta keys and budgets used to be looked for
 * by walking the other version's list: comparing two versions of a spec with 40,000
 * items took 48 s, growing with the square. */
typedef struct Named {
    char *name; /* owned */
    const void *it;
    size_t seq;
} Named;

typedef struct Index {
    Named *v;
    size_t n, cap;
} Index;

static void index_add(Index *x, char *name, const void *it)
{
    VEC_GROW(x->v, x->n, x->cap);
    x->v[x->n] = (Named){name, it, x->n};
    x->n++;
}

static int cmp_named(const void *pa, const void *pb)
{
    const Named *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static void index_sort(Index *x)
{
    if (x->n > 1)
        qsort(x->v, x->n, sizeof *x->v, cmp_named);
}

/* The first entry whose name is not below `name` (or, with `after`, above it). */
static size_t index_bound(const Index *x, const char *name, bool after)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(x->v[mid].name, name);
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first thing named `name`, or NULL; *count (when asked) is how many share it. */
static const void *index_find(const Index *x, const char *name, size_t *count)
{
    size_t first = index_bound(x, name, false);
    if (count)
        *count = index_bound(x, name, true) - first;
    return first < x->n && strcmp(x->v[first].name, name) == 0 ? x->v[first].it : NULL;
}

static void index_free(Index *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->v[i].name);
    free(x->v);
    memset(x, 0, sizeof *x);
}

bool cells_equal(Cell a, Cell b)
{
    return cell_stated(a) == cell_stated(b) && (!cell_stated(a) || num_cmp(cell_value(a), cell_value(b)) == 0);
}

size_t shared_columns(const Budget *old, const Budget *new, int (*pairs)[2], size_t max)
{
    size_t n = 0;
    for (uint32_t j = 0; j < new->ncolumns && n < max; j++)
        for (uint32_t i = 0; i < old->ncolumns; i++)
            if (strcmp(old->columns[i].id, new->columns[j].id) == 0) {
                pairs[n][0] = (int)i;
                pairs[n++][1] = (int)j;
            }
    return n;
}

static const Item *first_item(const Budget *b)
{
    return b->nitems ? b->items[0] : NULL;
}

static void index_items(const Budget *b, Index *x)
{
    for (const Item *it = first_item(b); it; it = item_next(b, it))
        index_add(x, item_path(it), it);
    index_sort(x);
}

static bool values_equal(const BudgetDiff *d, const Item *a, const Item *b)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    const Cell *va = sema_item(d->old_sema, a)->value, *vb = sema_item(d->new_sema, b)->value;
    if (!va || !vb)
        return va == vb;
    for (size_t k = 0; k < n; k++)
        if (!cells_equal(va[pairs[k][0]], vb[pairs[k][1]]))
            return false;
    return true;
}

static bool totals_equal(const BudgetDiff *d, const Item *a, const Item *b)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    const Recon *ra = sema_item(d->old_sema, a)->recon, *rb = sema_item(d->new_sema, b)->recon;
    for (size_t k = 0; k < n; k++)
        if (!cells_equal(ra[pairs[k][0]].computed, rb[pairs[k][1]].computed))
            return false;
    return values_equal(d, a, b);
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

char *item_notes_text(const Item *it, bool tags)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (uint32_t i = 0; i < it->ntags; i++) {
        const Tag *t = &it->tags[i];
        if ((t->key != NULL) != tags)
            continue;
        buf_puts(&b, b.len ? (tags ? ", " : "; ") : "");
        if (tags)
            buf_printf(&b, "%s=", t->key);
        buf_puts(&b, t->value ? t->value : "");
    }
    return buf_take(&b);
}

/* Whether the notes and tags, which are published with the item, differ. */
static bool notes_differ(const Item *o, const Item *n)
{
    bool differ = false;
    for (int tags = 0; tags < 2 && !differ; tags++) {
        char *a = item_notes_text(o, tags), *b = item_notes_text(n, tags);
        differ = strcmp(a, b) != 0;
        free(a), free(b);
    }
    return differ;
}

static void compare_item(BudgetDiff *d, Changes *items, Changes *totals, const Item *o, const Item *n)
{
    bool label = !same_text(sema_label(d->old_sema, o), sema_label(d->new_sema, n));
    bool unit = !same_text(unit_name(sema_item(d->old_sema, o)->unit), unit_name(sema_item(d->new_sema, n)->unit));
    bool notes = notes_differ(o, n);
    if (n->kind == ITEM_GROUP && o->kind == ITEM_GROUP) {
        if (!totals_equal(d, o, n) || label || notes)
            add_change(totals, (ItemChange){CHANGE_CHANGED, o, n, true, label, unit, notes});
        return;
    }
    bool values = !values_equal(d, o, n) || o->kind != n->kind;
    if (values || label || unit || notes)
        add_change(items, (ItemChange){CHANGE_CHANGED, o, n, values, label, unit, notes});
}

/* What a rename keeps: the parent, the kind and the values in the shared columns (exact
 * decimal text, "-" when not stated). Items with equal keys are rename candidates. */
static char *rename_key(const Sema *s, const Item *it, int (*pairs)[2], size_t n, int side)
{
    Buf k = {0};
    char *parent = it->parent ? item_path(it->parent) : NULL;
    buf_printf(&k, "%s\n%d\n", parent ? parent : "", (int)it->kind);
    free(parent);
    const Cell *value = sema_item(s, it)->value;
    if (!value)
        buf_puts(&k, "none");
    for (size_t i = 0; value && i < n; i++) {
        char text[NUM_STR_MAX] = "-";
        if (cell_stated(value[pairs[i][side]]))
            num_format(cell_value(value[pairs[i][side]]), text);
        buf_printf(&k, "%s\n", text);
    }
    return buf_take(&k);
}

/* A removed and an added item under the same parent with the same values, the added one
 * the only such candidate, were renamed. */
static void find_renames(BudgetDiff *d, Changes *items)
{
    ItemChange *v = items->items;
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    Index added = {0};
    for (size_t j = 0; j < items->n; j++)
        if (v[j].change == CHANGE_ADDED)
            index_add(&added, rename_key(d->new_sema, v[j].new, pairs, n, 1), &v[j]);
    index_sort(&added);
    for (size_t i = 0; i < items->n; i++) {
        if (v[i].change != CHANGE_REMOVED || v[i].old->kind == ITEM_GROUP)
            continue;
        char *key = rename_key(d->old_sema, v[i].old, pairs, n, 0);
        size_t count;
        ItemChange *match = (ItemChange *)index_find(&added, key, &count);
        free(key);
        if (count != 1 || match->change != CHANGE_ADDED)
            continue;
        v[i] = (ItemChange){CHANGE_RENAMED, v[i].old, match->new, false,
                            !same_text(sema_label(d->old_sema, v[i].old), sema_label(d->new_sema, match->new)), false,
                            notes_differ(v[i].old, match->new)};
        match->change = CHANGE_RENAMED; /* marked, then dropped below */
        match->old = NULL;
    }
    index_free(&added);
    size_t out = 0;
    for (size_t i = 0; i < items->n; i++)
        if (!(v[i].change == CHANGE_RENAMED && !v[i].old))
            v[out++] = v[i];
    items->n = out;
}

static void diff_items(BudgetDiff *d)
{
    Changes items = {0}, totals = {0};
    Index old_paths = {0}, new_paths = {0};
    index_items(d->old, &old_paths);
    index_items(d->new, &new_paths);
    for (const Item *n = first_item(d->new); n; n = item_next(d->new, n)) {
        char *path = item_path(n);
        const Item *o = index_find(&old_paths, path, NULL);
        free(path);
        if (o)
            compare_item(d, &items, &totals, o, n);
        else
            add_change(n->kind == ITEM_GROUP ? &totals : &items, (ItemChange){CHANGE_ADDED, NULL, n, true, false, false, false});
    }
    for (const Item *o = first_item(d->old); o; o = item_next(d->old, o)) {
        char *path = item_path(o);
        bool gone = !index_find(&new_paths, path, NULL);
        free(path);
        if (gone)
            add_change(o->kind == ITEM_GROUP ? &totals : &items, (ItemChange){CHANGE_REMOVED, o, NULL, true, false, false, false});
    }
    index_free(&old_paths);
    index_free(&new_paths);
    find_renames(d, &items);
    d->items = items.items, d->nitems = items.n;
    d->totals = totals.items, d->ntotals = totals.n;
}

const Item *change_item(const ItemChange *c)
{
    return c->new ? c->new : c->old;
}

const Sema *change_sema(const BudgetDiff *d, const ItemChange *c)
{
    return c->new ? d->new_sema : d->old_sema;
}

static const char *status_name(CheckStatus s)
{
    static const char *names[] = {"passed", "failed", "skipped", "invalid"};
    return names[s];
}

/* Checks are matched by their text (white space aside) and message, whatever their kind:
 * an assert that became a warn is one check whose kind changed. */
static char *check_key(const Check *k)
{
    Buf b = {0};
    for (uint32_t i = 0; i < k->expr->span.end - k->expr->span.start; i++)
        if (k->expr_text[i] != ' ' && k->expr_text[i] != '\t')
            buf_putc(&b, k->expr_text[i]);
    buf_printf(&b, "|%s", k->message ? k->message : "");
    return buf_take(&b);
}

/* A budget's checks by text and by message (for the checks that have one). */
typedef struct CheckIndex {
    Index by_text, by_message;
} CheckIndex;

static char *message_key(const Check *k)
{
    return xstrdup(k->message);
}

static void index_checks(const Budget *b, CheckIndex *x)
{
    memset(x, 0, sizeof *x);
    for (uint32_t i = 0; i < b->nchecks; i++) {
        const Check *k = b->checks[i];
        index_add(&x->by_text, check_key(k), k);
        if (k->message)
            index_add(&x->by_message, message_key(k), k);
    }
    index_sort(&x->by_text);
    index_sort(&x->by_message);
}

/* The same claim in the other version: the same text, or else the same message (the
 * claim was edited but says it is the same one). */
static const Check *find_check(const CheckIndex *x, const Check *like)
{
    char *key = check_key(like);
    const Check *k = index_find(&x->by_text, key, NULL);
    free(key);
    if (k || !like->message)
        return k;
    key = message_key(like);
    k = index_find(&x->by_message, key, NULL);
    free(key);
    return k;
}

static bool same_row(const Item *a, const Item *b)
{
    if (!a || !b)
        return a == b;
    char *pa = item_path(a), *pb = item_path(b);
    bool same = strcmp(pa, pb) == 0;
    free(pa), free(pb);
    return same;
}

/* The result of check k in a column (NULL: evaluated once), for one row of an `each`. */
static const char *result_in(const CheckFacts *k, const char *column, const Item *row, const Budget *b)
{
    for (uint32_t i = 0; i < k->nresults; i++) {
        int col = k->results[i].column;
        if ((!column || col < 0 || strcmp(b->columns[col].id, column) == 0) && same_row(k->results[i].row, row))
            return status_name(k->results[i].status);
    }
    return "absent";
}

static const char *recon_name(ReconStatus s)
{
    static const char *names[] = {"absent", "passed", "passed", "failed", "skipped"};
    return names[s];
}

/* A stated total that stops (or starts) reconciling is a check that changed result. */
static const char *recon_in(const Sema *s, const Item *it, int col)
{
    const Recon *r = it ? sema_item(s, it)->recon : NULL;
    return r ? recon_name(r[col].status) : "absent";
}

static void diff_reconciliations(BudgetDiff *d, CheckChanges *v)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    for (size_t i = 0; i < d->ntotals; i++) {
        const ItemChange *c = &d->totals[i];
        for (size_t k = 0; k < n; k++) {
            const char *before = recon_in(d->old_sema, c->old, pairs[k][0]);
            const char *after = recon_in(d->new_sema, c->new, pairs[k][1]);
            if (strcmp(before, after) != 0)
                add_check_change(v, (CheckChange){.total = change_item(c), .column = d->new->columns[pairs[k][1]].id,
                                                   .before = before, .after = after});
        }
    }
}

/* A derived figure is the row's claim: one that starts or stops agreeing with its formula
 * changed result like a check. */
static const char *derived_in(const Sema *s, const Item *it, int col)
{
    static const char *names[] = {"absent", "absent", "absent", "passed", "passed", "failed", "skipped"};
    const Derived *dv = it ? sema_item(s, it)->derived : NULL;
    return dv ? names[dv[col].status] : "absent";
}

static void diff_derived(BudgetDiff *d, CheckChanges *v)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    Index old_items = {0};
    index_items(d->old, &old_items);
    for (const Item *it = first_item(d->new); it && sema_budget(d->new_sema, d->new)->nderived; it = item_next(d->new, it)) {
        char *path = item_path(it);
        const Item *o = index_find(&old_items, path, NULL);
        free(path);
        for (size_t k = 0; k < n; k++) {
            const char *before = derived_in(d->old_sema, o, pairs[k][0]);
            const char *after = derived_in(d->new_sema, it, pairs[k][1]);
            if (strcmp(before, after) != 0)
                add_check_change(v, (CheckChange){.figure = it, .column = d->new->columns[pairs[k][1]].id,
                                                   .before = before, .after = after});
        }
    }
    index_free(&old_items);
}

static void diff_checks(BudgetDiff *d)
{
    CheckChanges v = {0};
    CheckIndex old_checks, new_checks;
    index_checks(d->old, &old_checks);
    index_checks(d->new, &new_checks);
    for (uint32_t j = 0; j < d->new->nchecks; j++) {
        const Check *n = d->new->checks[j], *o = find_check(&old_checks, n);
        const CheckFacts *nf = sema_check(d->new_sema, n);
        if (!o) {
            add_check_change(&v, (CheckChange){.new = n, .before = "absent", .after = status_name(nf->status)});
            continue;
        }
        const CheckFacts *of = sema_check(d->old_sema, o);
        if (o->is_warn != n->is_warn)
            add_check_change(&v, (CheckChange){o, n, .before = o->is_warn ? "warn" : "assert",
                                               .after = n->is_warn ? "warn" : "assert", .kind = true});
        for (uint32_t i = 0; i < nf->nresults; i++) {
            int col = nf->results[i].column;
            const char *colname = col >= 0 ? d->new->columns[col].id : NULL;
            const char *before = colname || nf->results[i].row ? result_in(of, colname, nf->results[i].row, d->old)
                                                               : status_name(of->results[0].status);
            const char *after = status_name(nf->results[i].status);
            if (strcmp(before, after) != 0)
                add_check_change(&v, (CheckChange){o, n, .column = colname, .row = nf->results[i].row, .before = before,
                                                    .after = after});
        }
    }
    for (uint32_t j = 0; j < d->old->nchecks; j++) {
        const Check *o = d->old->checks[j];
        if (!find_check(&new_checks, o))
            add_check_change(&v, (CheckChange){.old = o, .before = status_name(sema_check(d->old_sema, o)->status),
                                                .after = "absent"});
    }
    index_free(&old_checks.by_text), index_free(&old_checks.by_message);
    index_free(&new_checks.by_text), index_free(&new_checks.by_message);
    diff_reconciliations(d, &v);
    diff_derived(d, &v);
    d->checks = v.items, d->nchecks = v.n;
}

static void setting(Settings *v, const char *what, const char *old, const char *new)
{
    if (same_text(old, new))
        return;
    VEC_GROW(v->items, v->n, v->cap);
    v->items[v->n++] = (Setting){what, old ? xstrdup(old) : NULL, new ? xstrdup(new) : NULL};
}

static char *columns_text(const Budget *b)
{
    Buf t = {0};
    for (uint32_t i = 0; i < b->ncolumns; i++)
        buf_printf(&t, "%s%s \"%s\"", i ? ", " : "", b->columns[i].id, b->columns[i].label ? b->columns[i].label : "");
    return buf_take(&t);
}

/* "variance (change: fy2024 - fy2023)", "fy2024 (period)": what column col is. */
static char *column_kind_text(const Sema *s, const Budget *b, uint32_t col)
{
    static const char *kinds[] = {"period", "change", "rate", "share", "amount", "ratio"};
    const Column *c = &b->columns[col];
    const BudgetFacts *f = sema_budget(s, b);
    const char *kind = f->columns ? kinds[f->columns[col].kind] : "period";
    if (!c->formula)
        return str_printf("%s (%s)", c->id, kind);
    return str_printf("%s (%s: %.*s)", c->id, kind, (int)(c->formula->span.end - c->formula->span.start),
                      c->formula_text);
}

/* `2019 also "上年" "上年决算"`, or NULL without `also` names. */
static char *aliases_text(const Column *c)
{
    if (!c->naliases)
        return NULL;
    Buf t = {0};
    buf_printf(&t, "%s also", c->id);
    for (uint32_t i = 0; i < c->naliases; i++)
        buf_printf(&t, " \"%s\"", c->aliases[i]);
    return buf_take(&t);
}

/* A column that keeps its ID but changes what it is, or the names it is known by. */
static void diff_column_kinds(BudgetDiff *d, Settings *v)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    for (size_t k = 0; k < n; k++) {
        uint32_t o = (uint32_t)pairs[k][0], nw = (uint32_t)pairs[k][1];
        char *ok = column_kind_text(d->old_sema, d->old, o), *nk = column_kind_text(d->new_sema, d->new, nw);
        char *oa = aliases_text(&d->old->columns[o]), *na = aliases_text(&d->new->columns[nw]);
        setting(v, "column", ok, nk);
        setting(v, "column names", oa, na);
        free(ok), free(nk), free(oa), free(na);
    }
}

static void index_meta(const Budget *b, Index *x)
{
    for (uint32_t i = 0; i < b->nmeta; i++)
        index_add(x, xstrdup(b->meta[i].key), &b->meta[i]);
    index_sort(x);
}

static const char *meta_value(const Index *x, const char *key)
{
    const Meta *m = index_find(x, key, NULL);
    return m ? m->value : NULL;
}

static void diff_settings(BudgetDiff *d)
{
    Settings v = {0};
    char ro[NUM_STR_MAX] = "", rn[NUM_STR_MAX] = "";
    const BudgetFacts *of = sema_budget(d->old_sema, d->old), *nf = sema_budget(d->new_sema, d->new);
    setting(&v, "title", d->old->title, d->new->title);
    setting(&v, "unit", unit_name(of->unit), unit_name(nf->unit));
    if (of->rounding_valid)
        num_format(packed_num(d->old->rounding.value), ro);
    if (nf->rounding_valid)
        num_format(packed_num(d->new->rounding.value), rn);
    setting(&v, "rounding", ro, rn);
    char *co = columns_text(d->old), *cn = columns_text(d->new);
    setting(&v, "columns", co, cn);
    free(co), free(cn);
    diff_column_kinds(d, &v);
    Index old_meta = {0}, new_meta = {0};
    index_meta(d->old, &old_meta);
    index_meta(d->new, &new_meta);
    for (uint32_t i = 0; i < d->new->nmeta; i++) {
        const Meta *m = &d->new->meta[i];
        setting(&v, m->key, meta_value(&old_meta, m->key), m->value);
    }
    for (uint32_t i = 0; i < d->old->nmeta; i++) {
        const Meta *m = &d->old->meta[i];
        if (!meta_value(&new_meta, m->key))
            setting(&v, m->key, m->value, NULL);
    }
    index_free(&old_meta);
    index_free(&new_meta);
    d->settings = v.items, d->nsettings = v.n;
}

static char *unit_text(const UnitDecl *u)
{
    if (!u)
        return NULL;
    if (!u->scaled)
        return str_printf("unit %s", u->name.text);
    char f[NUM_STR_MAX];
    num_format(packed_num(u->factor.value), f);
    return str_printf("unit %s = %s %s", u->name.text, f, u->of.text);
}

static void index_units(const Program *p, Index *x)
{
    for (uint32_t i = 0; i < p->nunits; i++)
        index_add(x, xstrdup(p->units[i]->name.text), p->units[i]);
    index_sort(x);
}

static void diff_file_settings(const Program *old, const Program *new, Settings *v)
{
    Index old_units = {0}, new_units = {0};
    index_units(old, &old_units);
    index_units(new, &new_units);
    for (uint32_t i = 0; i < new->nunits; i++) {
        const UnitDecl *u = new->units[i];
        char *a = unit_text(index_find(&old_units, u->name.text, NULL)), *b = unit_text(u);
        setting(v, "unit declaration", a, b);
        free(a), free(b);
    }
    for (uint32_t i = 0; i < old->nunits; i++) {
        const UnitDecl *u = old->units[i];
        if (index_find(&new_units, u->name.text, NULL))
            continue;
        char *a = unit_text(u);
        setting(v, "unit declaration", a, NULL);
        free(a);
    }
    index_free(&old_units);
    index_free(&new_units);
}

static void index_budgets(const Program *p, Index *x)
{
    for (uint32_t i = 0; i < p->nbudgets; i++)
        index_add(x, xstrdup(p->budgets[i]->id), p->budgets[i]);
    index_sort(x);
}

void semdiff_compute(Version old, Version new, SemDiff *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    Settings settings = {0};
    Index old_budgets = {0}, new_budgets = {0};
    index_budgets(old.program, &old_budgets);
    index_budgets(new.program, &new_budgets);
    diff_file_settings(old.program, new.program, &settings);
    for (uint32_t i = 0; i < new.program->nbudgets; i++) {
        const Budget *nb = new.program->budgets[i], *ob = index_find(&old_budgets, nb->id, NULL);
        if (!ob) {
            setting(&settings, "budget", NULL, nb->id);
            continue;
        }
        VEC_GROW(out->budgets, out->nbudgets, cap);
        BudgetDiff *d = &out->budgets[out->nbudgets++];
        *d = (BudgetDiff){.old = ob, .new = nb, .old_sema = old.sema, .new_sema = new.sema};
        diff_items(d);
        diff_checks(d);
        diff_settings(d);
    }
    for (uint32_t i = 0; i < old.program->nbudgets; i++)
        if (!index_find(&new_budgets, old.program->budgets[i]->id, NULL))
            setting(&settings, "budget", old.program->budgets[i]->id, NULL);
    index_free(&old_budgets);
    index_free(&new_budgets);
    out->settings = settings.items, out->nsettings = settings.n;
}

bool semdiff_empty(const SemDiff *d)
{
    if (d->nsettings)
        return false;
    for (size_t i = 0; i < d->nbudgets; i++) {
        const BudgetDiff *b = &d->budgets[i];
        if (b->nitems || b->ntotals || b->nchecks || b->nsettings)
            return false;
    }
    return true;
}

static void free_settings(Setting *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i].old), free(s[i].new);
    free(s);
}

void semdiff_free(SemDiff *d)
{
    for (size_t i = 0; i < d->nbudgets; i++) {
        BudgetDiff *b = &d->budgets[i];
        free(b->items), free(b->totals), free(b->checks);
        free_settings(b->settings, b->nsettings);
    }
    free(d->budgets);
    free_settings(d->settings, d->nsettings);
    memset(d, 0, sizeof *d);
}
