/* classify.c - classification schemes (docs/language.md 13): declaring their codes, checking
 * the codes items cite (the code exists, nests under the parent's code, and the label
 * agrees with the scheme's name), and deriving `view`s that roll items up by code. */
#include "check/classify.h"

#include "base/buf.h"
#include "base/vec.h"
#include "check/columns.h"
#include "check/names.h"
#include "check/units.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

static void duplicate_code(Checker *c, const Classification *k, const ClassNode *n, const ClassNode *first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0704", n->code_span, "code %s appears twice in '%s'",
                          n->code, k->id);
    diag_label(g, first->code_span, "first defined here");
    diag_zh(g, "科目编码 %s 在%s中重复定义", n->code, zh_scheme(c, k));
}

static void declare_codes(Checker *c, const Classification *k)
{
    uint64_t *lengths = ARENA_NEW(c->arena, uint64_t);
    map_put(&c->code_lengths, k, NULL, lengths);
    for (uint32_t i = 0; i < k->nnodes; i++) {
        ClassNode *n = k->nodes[i];
        const ClassNode *first = map_first(&c->codes, k, n->code, n);
        if (first)
            duplicate_code(c, k, n, first);
        map_first(&c->code_names, k, intern(c->interns, n->name, strlen(n->name)), n);
        size_t len = strlen(n->code);
        *lengths |= len < 64 ? UINT64_C(1) << len : 0;
    }
}

void classifications_declare(Checker *c)
{
    for (uint32_t i = 0; i < c->program->nclassifications; i++) {
        Classification *k = c->program->classifications[i];
        const Classification *first = map_first(&c->schemes, c, k->id, k);
        if (first) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0705", k->id_span,
                                  "classification '%s' is declared twice", k->id);
            diag_label(g, first->id_span, "first declared here");
            diag_help(g, "import each catalogue once; a second scheme needs its own ID");
            diag_zh(g, "科目分类%s重复声明；每个科目目录只需导入一次，另一套分类须使用自己的 ID", zh_scheme(c, k));
            continue;
        }
        c->nschemes++;
        declare_codes(c, k);
    }
}

static void unknown_scheme(Checker *c, const char *id, Span at)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0701", at, "unknown classification '%s'", id);
    diag_zh(g, "科目分类“%s”不存在：既未声明，也未导入", id);
    Buf names = {0};
    for (uint32_t i = 0; i < c->program->nclassifications; i++)
        buf_printf(&names, "%s%s", names.len ? ", " : "", c->program->classifications[i]->id);
    if (names.data)
        diag_note(g, "the classifications are: %s", names.data);
    else
        diag_help(g, "import one, e.g. import \"std/cn/2026/functional\"");
    buf_free(&names);
}

static const Classification *find_scheme(Checker *c, const char *id, Span at)
{
    const Classification *k = map_get(&c->schemes, c, id);
    if (!k)
        unknown_scheme(c, id, at);
    return k;
}

static const ClassNode *code_node(Checker *c, const Classification *k, const char *code)
{
    return map_get(&c->codes, k, code);
}

/* The longest code of k that `code` starts with ("201" for 20199999), or NULL. */
static const ClassNode *closest_code(Checker *c, const Classification *k, const char *code)
{
    size_t n = strlen(code);
    while (n-- > 1) {
        const ClassNode *p = code_node(c, k, intern(c->interns, code, n));
        if (p)
            return p;
    }
    return NULL;
}

static void note_closest(Diag *g, const Classification *k, const ClassNode *p)
{
    if (p)
        diag_note(g, "the closest code in '%s' is %s %s", k->id, p->code, p->name);
}

/* Whether k has codes of `len` digits: a code of that length fits one of its levels. */
static bool has_codes_of_length(Checker *c, const Classification *k, size_t len)
{
    const uint64_t *lengths = map_get(&c->code_lengths, k, NULL);
    return lengths && len < 64 && (*lengths >> len & 1);
}

static const char *meta_of(const Classification *k, const char *key)
{
    for (uint32_t i = 0; i < k->nmeta; i++)
        if (strcmp(k->meta[i].key, key) == 0)
            return k->meta[i].value;
    return NULL;
}

/* A code of a level k has, under a code k has, but missing itself: the shipped catalogues
 * are partial (lib/std/README.md), so this is a warning that names the file as shipped. */
static void missing_code(Checker *c, const Code *r, const Classification *k, const ClassNode *closest)
{
    const char *year = meta_of(k, "year");
    const char *file = c->sources->items[k->id_span.file]->name;
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0703", code_span(r), "code %s is not in the %s%scatalogue '%s' as shipped (%s)",
                          r->code, year ? year : "", year ? " " : "", k->id, file);
    note_closest(g, k, closest);
    diag_note(g, "until it is added, an item with this code is left out of views by '%s'", k->id);
    diag_help(g, "if the code is in the year's published catalogue, add it to %s with its source", file);
    diag_zh(g, "科目编码 %s 不在所附%s%s目录%s（%s）中（最接近的是 %s %s）；该目录并不完整，若本年度公布的目录中有此编码，请连同出处补入",
            r->code, year ? year : "", year ? "年" : "", zh_scheme(c, k), file, closest->code, closest->name);
}

/* A code without a scheme that no scheme has: the closest code of the first few schemes
 * that have one is named (a spec may declare thousands), and the help writes the scheme of
 * the longest closest code of all. */
static void in_no_scheme(Checker *c, const Code *r)
{
    enum { MAX_NOTED = 3 };
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0702", code_span(r), "code %s is in no classification", r->code);
    const Classification *best = NULL;
    size_t best_len = 0;
    int noted = 0;
    for (uint32_t i = 0; i < c->program->nclassifications; i++) {
        const Classification *k = c->program->classifications[i];
        const ClassNode *p = map_get(&c->schemes, c, k->id) == k ? closest_code(c, k, r->code) : NULL;
        if (p && noted++ < MAX_NOTED)
            note_closest(g, k, p);
        if (p && strlen(p->code) > best_len)
            best = k, best_len = strlen(p->code);
    }
    if (best)
        diag_help(g, "name the scheme, as in code %s %s, to check it against that catalogue", best->id, r->code);
    else
        diag_help(g, "check the code against the catalogue of the budget's year");
    diag_zh(g, "科目编码 %s 不属于任何科目分类；请对照本年度的科目目录核对", r->code);
}

static void unknown_code(Checker *c, const Code *r, const Classification *k)
{
    const ClassNode *closest = closest_code(c, k, r->code);
    if (closest && has_codes_of_length(c, k, strlen(r->code))) {
        missing_code(c, r, k, closest);
        return;
    }
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0702", code_span(r), "code %s is not in '%s'%s%s", r->code, k->id,
                          k->label ? ", " : "", k->label ? k->label : "");
    note_closest(g, k, closest);
    diag_help(g, "check the code against the catalogue of the budget's year");
    if (closest)
        diag_zh(g, "科目编码 %s 不在%s中（最接近的是 %s %s）；请对照本年度的科目目录核对", r->code, zh_scheme(c, k),
                closest->code, closest->name);
    else
        diag_zh(g, "科目编码 %s 不在%s中；请对照本年度的科目目录核对", r->code, zh_scheme(c, k));
}

/* A code without a scheme: the only scheme, or the one scheme that has the code. */
static const Classification *scheme_of_bare(Checker *c, const Code *r)
{
    const Classification *found = NULL;
    for (uint32_t i = 0; i < c->program->nclassifications; i++) {
        const Classification *k = c->program->classifications[i];
        if (map_get(&c->schemes, c, k->id) != k || !code_node(c, k, r->code))
            continue;
        if (found) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0706", code_span(r),
                                  "code %s is in both '%s' and '%s'", r->code, found->id, k->id);
            diag_help(g, "name the scheme: code %s %s", found->id, r->code);
            diag_zh(g, "科目编码 %s 同时属于%s和%s，请写明所属分类", r->code, zh_scheme(c, found), zh_scheme(c, k));
            return NULL;
        }
        found = k;
    }
    if (!found && c->nschemes == 1) /* with one scheme, say which and what is closest */
        unknown_code(c, r, map_get(&c->schemes, c, c->program->classifications[0]->id));
    else if (!found)
        in_no_scheme(c, r);
    return found;
}

static const ClassNode *resolve_code(Checker *c, const Code *r)
{
    const Classification *k = r->scheme ? find_scheme(c, r->scheme, r->span) : scheme_of_bare(c, r);
    if (!k)
        return NULL;
    const ClassNode *n = code_node(c, k, r->code);
    if (!n && r->scheme)
        unknown_code(c, r, k);
    return n;
}

/* The code (and its node) of the nearest enclosing group that cites one in scheme k. */
static const Code *parent_code(Checker *c, const Item *it, const Classification *k, const ClassNode **node)
{
    for (const Item *p = it->parent; p; p = p->parent) {
        const ClassNode **nodes = facts_of(c, p)->codes;
        for (uint32_t i = 0; nodes && i < p->ncodes; i++)
            if (nodes[i] && nodes[i]->scheme == k) {
                *node = nodes[i];
                return &p->codes[i];
            }
    }
    return NULL;
}

static bool descends_from(const ClassNode *n, const ClassNode *ancestor)
{
    for (const ClassNode *p = n->parent; p; p = p->parent)
        if (p == ancestor)
            return true;
    return false;
}

static void check_nesting(Checker *c, const Item *it, const Code *r, const ClassNode *n)
{
    const ClassNode *up_node = NULL;
    const Code *up = parent_code(c, it, n->scheme, &up_node);
    if (!up || descends_from(n, up_node))
        return;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0703", code_span(r), "code %s of '%s' does not nest under %s",
                          r->code, it->id, up->code);
    diag_label(g, code_span(up), "the enclosing group's code");
    diag_note(g, "%s %s is not a sub-code of %s %s in '%s'", r->code, n->name, up->code, up_node->name, n->scheme->id);
    diag_help(g, "move the item to the group of its code, or correct the code");
    diag_zh(g, "%s的科目编码 %s（%s）不是所在分组科目 %s（%s）的下级；请把该项移到其科目所属的分组，或更正编码",
            zh_item(c, it), r->code, n->name, up->code, up_node->name);
}

static void check_label(Checker *c, const Item *it, const Code *r, const ClassNode *n)
{
    if (!it->label) /* a coded item without a label reads the scheme's name (sema_given_label) */
        return;
    if (strcmp(it->label, n->name) == 0)
        return;
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0701", code_span(r), "'%s' is labelled \"%s\", but code %s is \"%s\" in '%s'",
                          it->id, it->label, r->code, n->name, n->scheme->id);
    diag_help(g, "write the catalogue's name, or leave the label out to use it");
    diag_zh(g, "%s的名称与科目名称不一致：科目编码 %s 在%s中为“%s”；可改用目录中的名称，或不写名称以沿用目录名称",
            zh_item(c, it), r->code, zh_scheme(c, n->scheme), n->name);
}

static bool names_an_ancestor(const ClassNode *n, const char *label)
{
    for (const ClassNode *p = n; p; p = p->parent)
        if (strcmp(p->name, label) == 0)
            return true;
    return false;
}

/* The code named `label` at the level of n's parent, when it is not n's parent. */
static const ClassNode *other_parent_named(Checker *c, const ClassNode *n, const char *label)
{
    if (!n->parent || names_an_ancestor(n, label))
        return NULL;
    const ClassNode *q = map_get(&c->code_names, n->scheme, intern(c->interns, label, strlen(label)));
    return q && q->level == n->parent->level ? q : NULL;
}

/* The code under `parent` with n's name (2013101 行政运行 under 20131), if k has it. */
static const ClassNode *namesake_under(const ClassNode *parent, const ClassNode *n)
{
    const Classification *k = n->scheme;
    for (uint32_t i = parent->seq + 1; i < k->nnodes && k->nodes[i]->level > parent->level; i++)
        if (k->nodes[i]->parent == parent && strcmp(k->nodes[i]->name, n->name) == 0)
            return k->nodes[i];
    return NULL;
}

/* An item in a group whose label is the catalogue's name for another 款 than its code's:
 * 2010301 行政运行 (under 20103 政府办公厅…) in a group "党委办公厅（室）及相关机构事务".
 * A group with a code of its own is checked by check_nesting instead. */
static void check_group_label(Checker *c, const Item *it, const Code *r, const ClassNode *n)
{
    const Item *g = it->parent;
    const ClassNode **codes = g ? facts_of(c, g)->codes : NULL;
    for (uint32_t i = 0; codes && i < g->ncodes; i++)
        if (codes[i] && codes[i]->scheme == n->scheme)
            return;
    const ClassNode *named = g && g->label ? other_parent_named(c, n, g->label) : NULL;
    if (!named)
        return;
    Diag *d = diag_report(c->diags, SEV_WARNING, "W0701", code_span(r),
                          "code %s of '%s' is \"%s\" under %s %s in '%s', but its group is labelled \"%s\"", r->code,
                          it->id, n->name, n->parent->code, n->parent->name, n->scheme->id, g->label);
    diag_label(d, g->id_span, "the group");
    const ClassNode *meant = namesake_under(named, n);
    if (meant)
        diag_help(d, "under %s %s, \"%s\" is code %s", named->code, named->name, n->name, meant->code);
    else
        diag_help(d, "correct the code, or label the group \"%s\"", n->parent->name);
}

static void item_codes(Checker *c, const Item *it)
{
    const ClassNode **nodes = ARENA_ARRAY(c->arena, const ClassNode *, it->ncodes);
    facts_of(c, it)->codes = nodes;
    bool labelled = false;
    for (uint32_t i = 0; i < it->ncodes; i++) {
        const Code *r = &it->codes[i];
        nodes[i] = resolve_code(c, r);
        if (!nodes[i])
            continue;
        check_nesting(c, it, r, nodes[i]);
        check_group_label(c, it, r, nodes[i]);
        if (!labelled)
            check_label(c, it, r, nodes[i]);
        labelled = true;
    }
}

void codes_check(Checker *c, Budget *b)
{
    if (!c->program->nclassifications)
        return; /* without a scheme, codes are carried through as written */
    for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it))
        if (it->ncodes)
            item_codes(c, it);
}

/* --- views ---------------------------------------------------------------------- */

/* A row being built, and the rows put under it so far. */
typedef struct Row {
    Item *item;
    const ClassNode *node;
    struct Row **rows;
    uint32_t nrows, cap;
} Row;

typedef struct ViewBuild {
    Checker *c;
    const Item *view;
    const ViewFacts *facts;
    const Unit *unit;
    uint32_t ncols;
    Map rows;    /* (parent Row, ClassNode) -> Row */
    Row root;
} ViewBuild;

/* The code an item is counted under: its own in the scheme, else its nearest group's. */
static const ClassNode *code_in(Checker *c, const Item *it, const Item *stop, const Classification *k)
{
    for (const Item *p = it; p; p = p == stop ? NULL : p->parent) {
        const ClassNode **nodes = facts_of(c, p)->codes;
        for (uint32_t i = 0; nodes && i < p->ncodes; i++)
            if (nodes[i] && nodes[i]->scheme == k)
                return nodes[i];
    }
    return NULL;
}

static Item *new_row(ViewBuild *vb, const ClassNode *n)
{
    Checker *c = vb->c;
    Item *row = item_derived(c->arena, c->program, ITEM_PLAIN, n->code, vb->view->id_span);
    sema_reserve_items(c->sema, c->program->nitems_made);
    row->label = n->name;
    row->codes = ARENA_NEW(c->arena, Code);
    *row->codes = (Code){vb->facts->scheme->id, n->code, row->span, row->span.start};
    row->ncodes = 1;
    ItemFacts *f = facts_of(c, row);
    f->unit = vb->unit;
    f->codes = ARENA_NEW(c->arena, const ClassNode *);
    f->codes[0] = n;
    f->value = ARENA_ARRAY(c->arena, Cell, vb->ncols);
    for (uint32_t i = 0; i < vb->ncols; i++)
        f->value[i] = num_pack(c->arena, num_int(0));
    return row;
}

/* The row for node n under `parent`, made when missing. */
static Row *row_for(ViewBuild *vb, Row *parent, const ClassNode *n)
{
    Row *row = map_get(&vb->rows, parent, n);
    if (row)
        return row;
    row = ARENA_NEW(vb->c->arena, Row);
    *row = (Row){new_row(vb, n), n, NULL, 0, 0};
    map_put(&vb->rows, parent, n, row);
    ARENA_GROW(vb->c->arena, parent->rows, parent->nrows, parent->cap);
    parent->rows[parent->nrows++] = row;
    return row;
}

static void add_cells(ViewBuild *vb, Item *row, const Item *leaf)
{
    Cell *into = facts_of(vb->c, row)->value;
    const ItemFacts *lf = facts_of(vb->c, leaf);
    for (uint32_t col = 0; col < vb->ncols; col++) {
        Num v, sum;
        if (!cell_stated(into[col]))
            continue;
        if (!cell_stated(lf->value[col])) {
            into[col] = packed_none();
            continue;
        }
        NumStatus st = unit_convert(cell_value(lf->value[col]), lf->unit, vb->unit, &v);
        if (st == NUM_OK)
            st = num_add(cell_value(into[col]), v, &sum);
        if (st != NUM_OK) {
            diag_overflow(vb->c->diags, leaf->span, st);
            into[col] = packed_none();
        } else {
            into[col] = num_pack(vb->c->arena, sum);
        }
    }
}

/* Adds a leaf to the row of each level of its code's path, down to the view's depth. */
static void add_leaf(ViewBuild *vb, const Item *leaf, const ClassNode *n)
{
    enum { MAX_LEVELS = 64 };
    const ClassNode *path[MAX_LEVELS];
    uint32_t len = 0;
    for (const ClassNode *p = n; p && len < MAX_LEVELS; p = p->parent)
        path[len++] = p;
    Row *row = &vb->root;
    for (uint32_t i = len; i-- > 0 && len - i <= vb->facts->levels;) {
        row = row_for(vb, row, path[i]);
        add_cells(vb, row->item, leaf);
    }
}

static void uncoded_leaf(Checker *c, const Item *view, const Item *leaf, const Classification *k)
{
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0702", leaf->id_span,
                          "'%s' has no '%s' code, so view '%s' leaves it out", leaf->id, k->id, view->id);
    diag_label(g, view->id_span, "view defined here");
    diag_help(g, "give it (or its group) a code, e.g. code %s ...", k->id);
    diag_zh(g, "%s没有%s的科目编码，视图%s未将其纳入汇总；请为该项（或其所属分组）写明科目编码", zh_item(c, leaf),
            zh_scheme(c, k), zh_item(c, view));
}

static bool is_leaf(Checker *c, const Item *it)
{
    const ItemFacts *f = facts_of(c, it);
    return it->kind != ITEM_MEMO && !f->excluded && !it->nchildren && f->value;
}

static uint32_t deepest_level(Checker *c, const Item *source, const Classification *k)
{
    uint32_t deepest = 1;
    for (const Item *it = item_next_within(source, source); it; it = item_next_within(it, source)) {
        const ClassNode *n = is_leaf(c, it) ? code_in(c, it, source, k) : NULL;
        if (n && n->level > deepest)
            deepest = n->level;
    }
    return deepest;
}

static int by_catalogue_order(const void *a, const void *b)
{
    const Row *x = *(Row *const *)a, *y = *(Row *const *)b;
    return x->node->seq < y->node->seq ? -1 : x->node->seq > y->node->seq;
}

/* Puts each row's rows under it, in catalogue order; a row with rows is a group, whose
 * computed sum is the sum of its rows, like any group's. */
static void settle_rows(ViewBuild *vb, Item *item, Row *row)
{
    if (row->nrows > 1)
        qsort(row->rows, row->nrows, sizeof *row->rows, by_catalogue_order);
    Item **children = ARENA_ARRAY(vb->c->arena, Item *, row->nrows);
    for (uint32_t i = 0; i < row->nrows; i++)
        children[i] = row->rows[i]->item;
    item_adopt(item, children, row->nrows);
    if (!row->nrows && item != vb->view)
        return;
    item->kind = ITEM_GROUP;
    ItemFacts *f = facts_of(vb->c, item);
    f->recon = ARENA_ARRAY(vb->c->arena, Recon, vb->ncols);
    for (uint32_t col = 0; col < vb->ncols; col++) {
        NumSum sum = num_sum_start();
        bool stated = !column_derived(vb->c->facts, col); /* derived: by formula, not summed */
        for (uint32_t i = 0; i < row->nrows && stated; i++)
            stated = cell_sum_add(&sum, facts_of(vb->c, children[i])->value[col]);
        f->recon[col].computed = stated ? num_pack(vb->c->arena, num_sum_total(sum)) : packed_none();
    }
    for (uint32_t i = 0; i < row->nrows; i++)
        settle_rows(vb, children[i], row->rows[i]);
}

static const Item *view_source(Checker *c, const ViewDecl *d)
{
    const Item *src = names_resolve_path(c, &d->of);
    if (src && (src->kind != ITEM_GROUP || src->view)) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0707", names_span(&d->of), "a view rolls up a group, but '%s' is %s",
                              src->id, src->view ? "a view" : "not a group");
        diag_label(g, src->id_span, "defined here");
        diag_zh(g, "汇总视图只能汇总分组，但%s%s", zh_item(c, src), src->view ? "本身是视图" : "不是分组");
        src = NULL;
    }
    return src;
}

static bool view_depth(Checker *c, const ViewDecl *d, ViewFacts *f)
{
    if (!d->has_depth)
        return true;
    Num v = packed_num(d->depth.value);
    if (!packed_has(d->depth.value) || v.den != 1 || v.num < 1 || v.num > 64) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0707", d->depth.span, "a view's depth is a level from 1 to 64");
        diag_help(g, "depth 1 gives the top level (类), depth 2 adds 款, depth 3 adds 项");
        diag_zh(g, "视图的汇总级次应为 1 至 64 的整数：1 列至类，2 列至款，3 列至项");
        return false;
    }
    f->levels = (uint32_t)v.num;
    return true;
}

static void roll_up(Checker *c, Budget *b, Item *v, const ViewFacts *vf)
{
    ItemFacts *f = facts_of(c, v);
    f->unit = facts_of(c, vf->source)->unit;
    ViewBuild vb = {c, v, vf, f->unit, b->ncolumns, {0}, {v, NULL, NULL, 0, 0}};
    for (const Item *it = item_next_within(vf->source, vf->source); it; it = item_next_within(it, vf->source)) {
        if (!is_leaf(c, it))
            continue;
        const ClassNode *n = code_in(c, it, vf->source, vf->scheme);
        if (n)
            add_leaf(&vb, it, n);
        else
            uncoded_leaf(c, v, it, vf->scheme);
    }
    settle_rows(&vb, v, &vb.root);
    map_free(&vb.rows);
    for (uint32_t col = 0; col < b->ncolumns; col++)
        f->value[col] = f->recon[col].computed;
    columns_derive_rows(c, v); /* rates and shares of the rows: by formula, not summed */
}

static void build_view(Checker *c, Budget *b, Item *v)
{
    const ViewDecl *d = v->view;
    ViewFacts *vf = sema_view(c->sema, v);
    vf->scheme = find_scheme(c, d->scheme.text, d->scheme.span);
    vf->source = view_source(c, d);
    if (!vf->scheme || !vf->source || !view_depth(c, d, vf)) {
        vf->levels = 0;
        return;
    }
    if (!d->has_depth)
        vf->levels = deepest_level(c, vf->source, vf->scheme);
    roll_up(c, b, v, vf);
}

void views_build(Checker *c, Budget *b)
{
    for (uint32_t i = 0; i < b->nitems; i++)
        if (b->items[i]->view)
            build_view(c, b, b->items[i]);
}
