/* import_write.c - the spec's text: units, one budget with its settings and columns, a
 * group per table (each line says where it came from), and the checks. The text is
 * formatted by the caller (bdl fmt's layout). */
#include "tools/import_model.h"

#include "base/num.h"
#include "base/vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void add_assert(Import *im, const char *message, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *expr = str_vprintf(fmt, ap);
    va_end(ap);
    VEC_GROW(im->asserts, im->nasserts, im->asserts_cap);
    im->asserts[im->nasserts++] = (Assertion){arena_strdup(&im->arena, expr), message};
    free(expr);
}

/* --- columns ------------------------------------------------------------------------- */

static const char *year_in(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0) && strspn(p, "0123456789") == 4 &&
            (p == s || p[-1] < '0' || p[-1] > '9'))
            return p;
    return NULL;
}

/* Is what is left of a header, the year taken out, only words for "the amount"? */
static bool only_amount_words(const char *h, const char *year)
{
    static const char *words[] = {"年度", "年", "预算数", "预算", "合计", "小计", "总计", "金额", "执行数",
                                  "/", " ", "FY", "fy", "Budget", "budget", NULL};
    const char *p = h;
    while (*p) {
        if (p == year) {
            p += 4;
            continue;
        }
        size_t n = 0;
        for (size_t i = 0; words[i] && !n; i++)
            if (strncmp(p, words[i], strlen(words[i])) == 0)
                n = strlen(words[i]);
        if (!n)
            return false;
        p += n;
    }
    return true;
}

/* A column's ID: its year when the header says only "the YEAR amount" (2026年预算数),
 * else a name from the last part of the header (2026年预算数/基本支出 -> 基本支出). */
static const char *column_id(Import *im, const char *header, size_t index)
{
    const char *year = year_in(header);
    if (year && only_amount_words(header, year))
        return arena_strndup(&im->arena, year, 4);
    const char *last = strrchr(header, '/');
    char fallback[16];
    snprintf(fallback, sizeof fallback, "c%zu", index + 1);
    return name_from_label(&im->arena, last ? last + 1 : header, fallback);
}

static const ColumnRule *column_rule(const Import *im, const char *key)
{
    for (size_t i = 0; im->rules && i < im->rules->ncolumns; i++)
        if (strcmp(im->rules->columns[i].header, key) == 0)
            return &im->rules->columns[i];
    return NULL;
}

size_t import_column(const Import *im, const char *key)
{
    for (size_t i = 0; i < im->ncolumns; i++)
        if (strcmp(im->columns[i].key, key) == 0)
            return i;
    return SIZE_MAX;
}

static bool is_year_key(const char *k)
{
    return strlen(k) == 4 && strspn(k, "0123456789") == 4;
}

/* Which of two CN budget columns comes first: the years, the latest first (2026, 2025),
 * then the others in import_cn.c's order. */
static bool before(const BudgetColumn *a, const BudgetColumn *b)
{
    bool ya = is_year_key(a->key), yb = is_year_key(b->key);
    if (ya != yb)
        return ya;
    if (ya)
        return strcmp(a->key, b->key) > 0;
    return cn_column_rank(a->key) < cn_column_rank(b->key);
}

static void years_first(Import *im)
{
    for (size_t i = 1; i < im->ncolumns; i++) /* a dozen columns: insertion sort, stable */
        for (size_t k = i; k > 0 && before(&im->columns[k], &im->columns[k - 1]); k--) {
            BudgetColumn t = im->columns[k];
            im->columns[k] = im->columns[k - 1], im->columns[k - 1] = t;
        }
}

void collect_columns(Import *im)
{
    NameSet used;
    names_init(&used, &im->arena);
    for (size_t t = 0; t < im->ntables; t++) {
        const Table *tab = &im->tables[t];
        for (size_t v = 0; v < tab->nvalues; v++) {
            const TableColumn *c = &tab->cols[tab->values[v]];
            if (import_column(im, c->key) != SIZE_MAX)
                continue;
            BudgetColumn bc = {c->key, NULL, im->cn ? cn_column_label(im, c->key) : *c->header ? c->header : c->key};
            const ColumnRule *rule = column_rule(im, c->key);
            if (rule && rule->label)
                bc.label = rule->label;
            bc.id = name_unique(&used, rule && rule->id ? rule->id : column_id(im, c->key, im->ncolumns));
            VEC_GROW(im->columns, im->ncolumns, im->columns_cap);
            im->columns[im->ncolumns++] = bc;
        }
    }
    names_free(&used);
    if (im->cn)
        years_first(im);
}

/* --- settings ------------------------------------------------------------------------ */

static long long scale_factor(Scale s)
{
    static const long long f[] = {1, 1000, 10000, 1000000, 100000000};
    return f[s];
}

/* The coarsest step a table's figures are rounded to, in the budget's unit: a bound that
 * is too tight would report the tables' own rounding as errors. */
static bool rounding_of(const Import *im, char out[NUM_STR_MAX])
{
    Num best = {0, 1};
    bool any = false;
    for (size_t i = 0; i < im->ntables; i++) {
        const Table *t = &im->tables[i];
        Num step = num_step(t->decimals), scaled, ratio = num_int(1);
        if (im->unit.found && t->unit.found &&
            num_div(num_int(scale_factor(t->unit.scale)), num_int(scale_factor(im->unit.scale)), &ratio) != NUM_OK)
            continue;
        if (num_mul(step, ratio, &scaled) != NUM_OK)
            continue;
        if (!any || num_cmp(scaled, best) > 0)
            best = scaled, any = true;
    }
    if (any)
        num_format(best, out);
    return any;
}

static void write_settings(Import *im, Buf *out)
{
    char step[NUM_STR_MAX];
    if (im->year)
        buf_printf(out, "  year %s\n", im->year);
    if (unit_bdl_name(im->unit))
        buf_printf(out, "  unit %s\n", unit_bdl_name(im->unit));
    else if (im->unit.found && im->unit.scale != SCALE_ONE)
        buf_printf(out, "  meta scale \"%s\"\n", im->unit.scale == SCALE_THOUSAND ? "in thousands" : "in millions");
    if (rounding_of(im, step))
        buf_printf(out, "  rounding %s\n", step);
    buf_puts(out, "  columns ");
    for (size_t i = 0; i < im->ncolumns; i++) {
        buf_puts(out, i ? ",\n    " : "");
        buf_printf(out, "%s ", im->columns[i].id);
        put_string(out, im->columns[i].label);
    }
    buf_puts(out, "\n");
}

/* --- groups and items ---------------------------------------------------------------- */

static void indent(const Layout *l, Buf *out, int depth)
{
    buf_puts(out, l->margin);
    for (int i = l->base; i < depth; i++)
        buf_puts(out, "  ");
}

/* The figures in budget column order, the trailing not-stated ones left out. */
static void put_values(const Table *t, const Layout *l, const Amount *values, Buf *out)
{
    const Amount **at = calloc(l->ncolumns ? l->ncolumns : 1, sizeof *at);
    size_t last = 0;
    for (size_t v = 0; v < t->nvalues; v++)
        if (values[v].stated && l->slot[v] != SIZE_MAX) {
            at[l->slot[v]] = &values[v];
            if (l->slot[v] + 1 > last)
                last = l->slot[v] + 1;
        }
    for (size_t i = 0; i < last; i++) {
        buf_puts(out, i ? ", " : " ");
        if (!at[i]) {
            buf_putc(out, '-');
            continue;
        }
        buf_puts(out, at[i]->text);
        if (l->unit)
            buf_printf(out, " %s", l->unit);
    }
    free(at);
}

static bool any_stated(const Table *t, const Layout *l, const Amount *values)
{
    for (size_t v = 0; v < t->nvalues; v++)
        if (values[v].stated && l->slot[v] != SIZE_MAX)
            return true;
    return false;
}

const char *node_id(Import *im, NameSet *used, const Node *k)
{
    if (k->id)
        return name_unique(used, k->id);
    char fallback[32];
    if (k->code)
        snprintf(fallback, sizeof fallback, "c%s", k->code);
    else
        snprintf(fallback, sizeof fallback, "row_%u", k->row ? k->row->row + 1 : k->totals_row->row + 1);
    return name_unique(used, name_from_label(&im->arena, k->label, fallback));
}

/* The IDs recognition gave are kept (unique among themselves); the others are made. */
static void name_kids(Import *im, Node *n)
{
    NameSet used;
    names_init(&used, &im->arena);
    for (size_t i = 0; i < n->nkids; i++)
        if (n->kids[i]->id)
            name_unique(&used, n->kids[i]->id);
    for (size_t i = 0; i < n->nkids; i++)
        if (!n->kids[i]->id)
            n->kids[i]->id = node_id(im, &used, n->kids[i]);
    names_free(&used);
}

/* Where a line came from: the cell of its label ("# B8"). */
static void put_place(const Node *n, Buf *out)
{
    const Row *r = n->row ? n->row : n->totals_row;
    if (!r)
        return;
    char cell[16];
    cell_name(r->row, r->col, cell);
    buf_printf(out, "  # %s", cell);
}

void write_node(Import *im, const Table *t, const Layout *l, Node *n, int depth, Buf *out)
{
    bool group = n->nkids || depth == 1; /* a table is a group, even one of totals only */
    if (n->nkids && depth > 1 && (n->row || n->totals_row)) { /* a group's place goes above it */
        indent(l, out, depth);
        put_place(n, out);
        buf_putc(out, '\n');
    }
    indent(l, out, depth);
    buf_printf(out, "%s %s ", group ? "group" : n->memo ? "memo" : "item", n->id);
    put_string(out, n->label);
    if (group && n->totals && any_stated(t, l, n->totals)) {
        buf_puts(out, " =");
        put_values(t, l, n->totals, out);
    } else if (!group) {
        put_values(t, l, n->row->values, out);
    }
    if (n->code)
        buf_printf(out, " code %s", n->code);
    if (!group) {
        put_place(n, out);
        buf_putc(out, '\n');
        return;
    }
    buf_puts(out, " {\n");
    name_kids(im, n);
    for (size_t i = 0; i < n->nkids; i++)
        write_node(im, t, l, n->kids[i], depth + 1, out);
    indent(l, out, depth);
    buf_puts(out, "}\n");
}

void write_table_place(Import *im, const Table *t, Buf *out)
{
    char first[16], last[16];
    cell_name(t->header_first, t->first_col, first);
    cell_name(t->last_row, t->last_col, last);
    buf_printf(out, "# %s!%s:%s", im->wb->sheets[t->sheet].name, first, last);
    if (t->unit.found && unit_bdl_name(t->unit))
        buf_printf(out, " (%s)", unit_bdl_name(t->unit));
    buf_putc(out, '\n');
}

const char *table_unit(Import *im, const Table *t, const char *budget_unit)
{
    const char *name = t->unit.found ? unit_bdl_name(t->unit) : NULL;
    if (!name || !budget_unit || strcmp(name, budget_unit) == 0)
        return NULL;
    return arena_strdup(&im->arena, name);
}

static void write_table(Import *im, size_t index, Buf *out)
{
    const Table *t = &im->tables[index];
    size_t *slot = xmalloc((t->nvalues ? t->nvalues : 1) * sizeof *slot);
    for (size_t v = 0; v < t->nvalues; v++)
        slot[v] = import_column(im, t->cols[t->values[v]].key);
    const char *budget_unit = im->unit.found ? unit_bdl_name(im->unit) : NULL;
    Layout l = {slot, im->ncolumns, NULL, "", 0};
    if (budget_unit)
        l.unit = table_unit(im, t, arena_strdup(&im->arena, budget_unit));
    buf_puts(out, "\n  ");
    write_table_place(im, t, out);
    write_node(im, t, &l, &im->roots[index], 1, out);
    free(slot);
}

static void write_units(Import *im, Buf *out)
{
    static const char *currencies[] = {"元", "USD", "GBP", "EUR"};
    enum { NCURRENCIES = sizeof currencies / sizeof *currencies };
    bool declared[NCURRENCIES][5] = {{false}};
    for (size_t c = 0; c < NCURRENCIES; c++)
        for (size_t i = 0; i < im->ntables; i++) {
            UnitInfo u = im->tables[i].unit;
            if (u.found && u.currency && strcmp(u.currency, currencies[c]) == 0)
                unit_declare(u, out, declared[c]);
        }
}

void write_spec(Import *im, Buf *out)
{
    buf_printf(out, "# Imported by bdl import from %s: %zu table%s.\n", im->wb->path, im->ntables, im->ntables == 1 ? "" : "s");
    buf_puts(out, "# Each group says where its table is (SHEET!RANGE) and each line its row.\n");
    for (size_t i = 0; i < 2; i++)
        if (im->imports[i])
            buf_printf(out, "import \"%s\"\n", im->imports[i]);
    buf_putc(out, '\n');
    write_units(im, out);
    buf_printf(out, "\nbudget %s ", im->budget_id);
    put_string(out, im->budget_title);
    buf_puts(out, " {\n");
    write_settings(im, out);
    for (size_t i = 0; i < im->ntables; i++)
        write_table(im, i, out);
    if (im->nasserts)
        buf_putc(out, '\n');
    for (size_t i = 0; i < im->nasserts; i++) {
        buf_printf(out, "  assert %s ", im->asserts[i].expr);
        put_string(out, im->asserts[i].message);
        buf_putc(out, '\n');
    }
    buf_puts(out, "}\n");
}
