/* import_cn.c - the standard CN 部门预算公开报表, recognised without a rules file: its
 * tables by their titles, their columns by what they hold (the year's total, 基本支出,
 * 一般公共预算拨款, …), the rows every such workbook has, the catalogues of the year for
 * the codes cited, and the identities between the tables written as asserts. */
#include "tools/import_model.h"

#include "compile/compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Kind {
    const char *title; /* found in the sheet's title or name */
    const char *id, *side_income, *side_spending;
} Kind;

/* In order: a title that holds a later entry's words must come first. */
static const Kind kinds[] = {
    {"部门收支总表", NULL, "summary_income", "summary_spending"},
    {"部门收入总表", "income", NULL, NULL},
    {"部门支出总表", "spending", NULL, NULL},
    {"财政拨款收支总表", NULL, "grants_income", "grants_spending"},
    {"基本支出", "general_basic", NULL, NULL},
    {"三公", "three_public", NULL, NULL},
    {"一般公共预算财政拨款支出", "general_spending", NULL, NULL},
    {"政府性基金", "gov_fund_spending", NULL, NULL},
    {"国有资本经营", "state_capital_spending", NULL, NULL},
    {"项目支出", "projects", NULL, NULL},
    {"政府采购", "procurement", NULL, NULL},
};

static const char *kind_of(const Import *im, const Table *t)
{
    const char *sheet = im->wb->sheets[t->sheet].name;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        const Kind *k = &kinds[i];
        if (!strstr(t->title, k->title) && !strstr(sheet, k->title))
            continue;
        if (k->id)
            return k->id;
        if (t->side && strstr(t->side, "收入"))
            return k->side_income;
        if (t->side && strstr(t->side, "支出"))
            return k->side_spending;
        return NULL;
    }
    return NULL;
}

/* What a figure column holds, by its header: one of the budget's columns. */
typedef struct HeaderColumn {
    const char *word, *key, *label;
} HeaderColumn;

/* In the order the budget's columns are written: what is spent, then where the money
 * comes from, then the economic split of 基本支出. */
static const HeaderColumn header_columns[] = {
    {"基本支出", "basic", "基本支出"},
    {"项目支出", "project", "项目支出"},
    {"一般公共预算", "general_budget", "一般公共预算拨款"},
    {"政府性基金", "gov_fund", "政府性基金预算拨款"},
    {"国有资本经营", "state_capital", "国有资本经营预算拨款"},
    {"上年结转", "carryover", "上年结转"},
    {"事业单位经营", "business", "事业单位经营收入"},
    {"事业收入", "service", "事业收入"},
    {"其他收入", "other", "其他收入"},
    {"人员经费", "personnel", "人员经费"},
    {"公用经费", "public_funds", "公用经费"},
};

size_t cn_column_rank(const char *key)
{
    for (size_t i = 0; i < sizeof header_columns / sizeof *header_columns; i++)
        if (strcmp(header_columns[i].key, key) == 0)
            return i;
    return SIZE_MAX;
}

static const char *year_of_header(Import *im, const char *h, const char *year)
{
    for (const char *p = h; *p; p++)
        if ((strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0) && strspn(p, "0123456789") == 4)
            return arena_strndup(&im->arena, p, 4);
    return year;
}

static const char *column_key(Import *im, const char *h, const char *year)
{
    const char *last = strrchr(h, '/');
    last = last ? last + 1 : h;
    for (size_t i = 0; i < sizeof header_columns / sizeof *header_columns; i++)
        if (strstr(last, header_columns[i].word))
            return header_columns[i].key;
    return year_of_header(im, h, year); /* 合计, 总计, 小计, 预算数: the year's total */
}

/* The workbook's year: the latest year a header or title names. */
static const char *workbook_year(Import *im)
{
    const char *best = NULL;
    for (size_t i = 0; i < im->ntables; i++) {
        const Table *t = &im->tables[i];
        const char *y = year_of_header(im, t->title, NULL);
        if (y && (!best || strcmp(y, best) > 0))
            best = y;
        for (size_t c = 0; c < t->ncols; c++)
            if ((y = year_of_header(im, t->cols[c].header, NULL)) && (!best || strcmp(y, best) > 0))
                best = y;
    }
    return best;
}

void cn_tables(Import *im)
{
    size_t known = 0;
    for (size_t i = 0; i < im->ntables; i++)
        known += kind_of(im, &im->tables[i]) != NULL;
    if (known < 3)
        return; /* not the standard workbook: left as found */
    im->cn = true;
    im->year = workbook_year(im);
    for (size_t i = 0; i < im->ntables; i++) {
        Table *t = &im->tables[i];
        t->kind = kind_of(im, t);
        if (t->kind && !t->id)
            t->id = t->kind;
        for (size_t c = 0; c < t->ncols; c++)
            if (t->cols[c].role == COL_VALUE && im->year)
                t->cols[c].key = column_key(im, t->cols[c].header, im->year);
        if (t->entity && !im->budget_title)
            im->budget_title = t->entity;
    }
}

/* --- rows ---------------------------------------------------------------------------- */

static const struct {
    const char *label, *id;
} row_ids[] = {
    {"一般公共预算拨款收入", "general_budget"},   {"一般公共预算拨款", "general_budget"},
    {"政府性基金预算拨款收入", "gov_fund"},       {"政府性基金预算拨款", "gov_fund"},
    {"国有资本经营预算拨款收入", "state_capital"}, {"国有资本经营预算收入", "state_capital"},
    {"国有资本经营预算拨款", "state_capital"},   {"事业收入", "service"},
    {"事业单位经营收入", "business"},            {"其他收入", "other"},
    {"上年结转", "carryover"},                   {"结转下年", "carry_forward"},
    {"本年收入", "this_year"},                   {"本年支出", "this_year"},
    {"基本支出", "basic"},                       {"项目支出", "project"},
    {"因公出国（境）费", "overseas"},            {"因公出国（境）费用", "overseas"},
    {"公务用车购置及运行费", "vehicles"},        {"公务用车购置费", "vehicle_purchase"},
    {"公务用车运行费", "vehicle_operation"},     {"公务用车运行维护费", "vehicle_operation"},
    {"公务接待费", "reception"},                 {"货物", "goods"},
    {"工程", "works"},                           {"服务", "services"},
};

/* Uncoded rows every such workbook has get the same IDs everywhere (codes keep names
 * from their labels: the catalogue gives them their meaning). */
static void name_rows(Node *n)
{
    for (size_t i = 0; i < n->nkids; i++) {
        Node *k = n->kids[i];
        const char *label = label_unnumbered(k->label);
        for (size_t r = 0; !k->code && r < sizeof row_ids / sizeof *row_ids; r++)
            if (strcmp(label, row_ids[r].label) == 0)
                k->id = row_ids[r].id;
        name_rows(k);
    }
    for (size_t i = 0; i < n->nkids; i++) /* two rows of one name: both named by the writer */
        for (size_t j = i + 1; j < n->nkids; j++)
            if (n->kids[i]->id && n->kids[j]->id && strcmp(n->kids[i]->id, n->kids[j]->id) == 0)
                n->kids[i]->id = n->kids[j]->id = NULL;
}

/* --- identities ---------------------------------------------------------------------- */

static const Node *table_node(const Import *im, const char *kind)
{
    for (size_t i = 0; i < im->ntables; i++)
        if (im->tables[i].kind && strcmp(im->tables[i].kind, kind) == 0)
            return &im->roots[i];
    return NULL;
}

/* True when the dotted path (from a table) names a row of the tree. */
static bool has_path(const Import *im, const char *path)
{
    char head[64];
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof head)
        return false;
    memcpy(head, path, n), head[n] = '\0';
    const Node *node = table_node(im, head);
    while (node && dot) {
        const char *part = dot + 1;
        dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        const Node *next = NULL;
        for (size_t i = 0; i < node->nkids && !next; i++)
            if (node->kids[i]->id && strlen(node->kids[i]->id) == len && strncmp(node->kids[i]->id, part, len) == 0)
                next = node->kids[i];
        node = next;
    }
    return node != NULL;
}

static bool has_column(const Import *im, const char *key)
{
    for (size_t i = 0; i < im->ntables; i++)
        for (size_t c = 0; c < im->tables[i].ncols; c++)
            if (im->tables[i].cols[c].role == COL_VALUE && im->tables[i].cols[c].key &&
                strcmp(im->tables[i].cols[c].key, key) == 0)
                return true;
    return false;
}

/* "a[c] == b[d]" when both paths and both columns exist ("Y" stands for the year). */
static void equal(Import *im, const char *a, const char *ca, const char *b, const char *cb, const char *message)
{
    const char *y = im->year;
    ca = strcmp(ca, "Y") == 0 ? y : ca;
    cb = strcmp(cb, "Y") == 0 ? y : cb;
    if (has_path(im, a) && has_path(im, b) && has_column(im, ca) && has_column(im, cb))
        add_assert(im, message, "%s[%s] == %s[%s]", a, ca, b, cb);
}

static void three_public(Import *im, const char *year)
{
    static const char *parts[] = {"overseas", "reception", "vehicles.vehicle_purchase", "vehicles.vehicle_operation"};
    for (size_t i = 0; i < 4; i++) {
        char path[64];
        snprintf(path, sizeof path, "three_public.%s", parts[i]);
        if (!has_path(im, path))
            return;
    }
    if (!has_column(im, year))
        return;
    add_assert(im, "“三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置费 + 公务用车运行费",
               "three_public[%s] == three_public.overseas[%s] + three_public.reception[%s] + "
               "three_public.vehicles.vehicle_purchase[%s] + three_public.vehicles.vehicle_operation[%s]",
               year, year, year, year, year);
}

static void identities(Import *im)
{
    const char *y = im->year;
    equal(im, "summary_income", "Y", "summary_spending", "Y", "收入总计 = 支出总计");
    if (has_path(im, "spending") && has_column(im, "basic") && has_column(im, "project"))
        add_assert(im, "部门支出总表：合计 = 基本支出 + 项目支出", "spending[%s] == spending[basic] + spending[project]", y);
    equal(im, "general_spending", "basic", "general_basic", "Y", "一般公共预算财政拨款基本支出：按功能分类 = 按经济分类");
    three_public(im, y);
    char prior[12]; /* any int: -O0 builds check the bound without knowing a year has 4 digits */
    snprintf(prior, sizeof prior, "%d", y ? (int)strtol(y, NULL, 10) - 1 : 0);
    three_public(im, prior);
    equal(im, "summary_income", "Y", "income", "Y", "部门收支总表的收入总计 = 部门收入总表的合计");
    equal(im, "summary_spending.this_year", "Y", "spending", "Y", "部门收支总表的本年支出合计 = 部门支出总表的合计");
    equal(im, "summary_income.this_year.general_budget", "Y", "income", "general_budget",
          "一般公共预算拨款收入：部门收支总表 = 部门收入总表");
    equal(im, "grants_income.this_year.general_budget", "Y", "general_spending", "Y",
          "一般公共预算拨款收入 = 一般公共预算财政拨款支出");
    equal(im, "grants_spending.this_year", "general_budget", "general_spending", "Y",
          "财政拨款收支总表的一般公共预算支出 = 一般公共预算财政拨款支出表的合计");
    equal(im, "grants_spending.this_year", "gov_fund", "gov_fund_spending", "Y",
          "财政拨款收支总表的政府性基金预算支出 = 政府性基金预算财政拨款支出表的合计");
    equal(im, "projects", "Y", "spending", "project", "项目支出表的合计 = 部门支出总表的项目支出");
}

/* The catalogue of the workbook's year, if the library has it. */
static bool library_has(const char *path)
{
    Compilation c;
    compilation_init(&c, 0, false);
    char *text = str_printf("import \"%s\"\n", path);
    compile_string(&c, "-", text, strlen(text));
    bool found = c.diags.errors == 0;
    free(text);
    compilation_free(&c);
    return found;
}

static bool cites_codes(const Import *im)
{
    for (size_t i = 0; i < im->ntables; i++)
        for (size_t r = 0; r < im->tables[i].nrows; r++)
            if (im->tables[i].rows[r].code)
                return true;
    return false;
}

static void catalogues(Import *im)
{
    if (!im->year || !cites_codes(im))
        return;
    const char *names[] = {"functional", "economic"};
    for (size_t i = 0; i < 2; i++) {
        char *path = str_printf("std/cn/%s/%s", im->year, names[i]);
        if (library_has(path))
            im->imports[i] = arena_strdup(&im->arena, path);
        free(path);
    }
    if (!im->imports[0]) {
        Diag *g = report_file(im->d, SEV_WARNING, "W1002",
                                  "the library has no classification catalogue for %s: the codes are written but not checked", im->year);
        diag_help(g, "add lib/std/cn/%s/functional.bdl and economic.bdl, or import the nearest year's catalogue by hand",
                  im->year);
    }
}

const char *cn_column_label(Import *im, const char *key)
{
    for (size_t i = 0; i < sizeof header_columns / sizeof *header_columns; i++)
        if (header_columns[i].key && strcmp(header_columns[i].key, key) == 0)
            return header_columns[i].label;
    Buf b = {0};
    buf_printf(&b, "%s年预算数", key);
    const char *label = arena_strdup(&im->arena, b.data);
    buf_free(&b);
    return label;
}

void cn_recognise(Import *im)
{
    if (!im->cn)
        return;
    for (size_t i = 0; i < im->ntables; i++)
        name_rows(&im->roots[i]);
    catalogues(im);
    identities(im);
    if (im->budget_title && im->year) {
        Buf b = {0};
        buf_printf(&b, "%s%s年部门预算", im->budget_title, im->year);
        im->budget_title = arena_strdup(&im->arena, b.data);
        buf_free(&b);
    }
}
