/* build.c - the AST constructors the grammar's actions call. Statements inside a body are
 * sorted into place here, where misplaced ones (a `year` inside a group) are reported. */
#include "syntax/build.h"

#include <stdlib.h>
#include <string.h>

/* --- lists ------------------------------------------------------------------------ */

NameList names_add(ParseCtx *c, NameList l, Name n)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = n;
    return l;
}

ValueList values_add(ParseCtx *c, ValueList l, Value v)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = v;
    return l;
}

ExprList exprs_add(ParseCtx *c, ExprList l, Expr *e)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = e;
    return l;
}

ColumnList columns_add(ParseCtx *c, ColumnList l, const Column *col)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = *col;
    return l;
}

static Names names_of(NameList l)
{
    return (Names){l.items, l.n};
}

/* Interned source text of a span. */
static const char *span_text(ParseCtx *c, Span s)
{
    return intern(c->interns, c->source->text + s.start, s.end - s.start);
}

Name keyword_name(ParseCtx *c, Span at)
{
    return (Name){span_text(c, at), at};
}

Name number_name(ParseCtx *c, Span at)
{
    return (Name){span_text(c, at), at};
}

/* --- values and attributes ----------------------------------------------------------- */

const Name *name_new(ParseCtx *c, const Name *n)
{
    if (!n)
        return NULL;
    Name *copy = ARENA_NEW(c->arena, Name);
    *copy = *n;
    return copy;
}

NumLit num_negated(ParseCtx *c, NumLit n, Span span)
{
    Num minus;
    if (packed_has(n.value) && num_neg(packed_num(n.value), &minus) == NUM_OK)
        n.value = num_pack(c->arena, minus);
    n.span = span;
    return n;
}

/* A percentage is kept as the share it means: 5% is 0.05, two more decimals. */
static NumLit percent_share(ParseCtx *c, NumLit n)
{
    Num share;
    if (!packed_has(n.value))
        return n;
    if (num_div(packed_num(n.value), num_int(100), &share) == NUM_OK) {
        n.value = num_pack(c->arena, share);
        n.decimals += 2;
        return n;
    }
    /* 38 decimals, then two more: read as the percentage, it was 100x off */
    n.value = packed_none();
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0113", n.span, "percentage does not fit in exact 128-bit arithmetic");
    diag_note(g, "a percentage is divided by 100, which needs two more decimal places than it shows");
    return n;
}

Value value_number(NumLit n, const Name *sign, Span span)
{
    return (Value){.num = n.value, .span = span, .decimals = (int16_t)n.decimals,
                   .sign = (uint8_t)(sign ? sign_of(sign->text) : SIGN_NONE), .grouped = n.grouped};
}

Value value_percent(ParseCtx *c, NumLit n, Span span)
{
    Value v = value_number(percent_share(c, n), NULL, span);
    v.percent = true;
    return v;
}

Value value_in_unit(ParseCtx *c, Value v, const Name *unit, Span span)
{
    v.unit = name_new(c, unit);
    v.span = span;
    return v;
}

Value value_not_stated(Span span)
{
    return (Value){.span = span};
}

Label label_none(void)
{
    return (Label){NULL, {0, 0, 0}};
}

Label label_of(char *text, Span span)
{
    return (Label){text, span};
}

AttrList attrs_code(ParseCtx *c, AttrList a, const Name *scheme, Span code_span, Span span)
{
    ARENA_GROW(c->arena, a.codes, a.ncodes, a.capcodes);
    a.codes[a.ncodes++] = (Code){scheme ? scheme->text : NULL, span_text(c, code_span), span, code_span.start};
    return a;
}

AttrList attrs_tag(ParseCtx *c, AttrList a, const char *key, char *value, Span span)
{
    ARENA_GROW(c->arena, a.tags, a.ntags, a.captags);
    a.tags[a.ntags++] = (Tag){key, value, span};
    return a;
}

/* --- bodies ------------------------------------------------------------------------ */

Body *body_new(void)
{
    Body *b = xmalloc(sizeof *b);
    *b = (Body){0};
    return b;
}

void body_free(Body *b)
{
    if (!b)
        return;
    free(b->items);
    free(b->checks);
    free(b->settings);
    free(b);
}

void entry_free(Entry e)
{
    body_free(e.body);
}

static void add_check(Body *b, Check *k)
{
    VEC_GROW(b->checks, b->nchecks, b->cap_checks);
    b->checks[b->nchecks++] = k;
}

Body *body_add_entry(Body *b, Entry e)
{
    if (e.item) {
        VEC_GROW(b->items, b->nitems, b->cap_items);
        b->items[b->nitems++] = e.item;
    }
    for (uint32_t i = 0; e.body && i < e.body->nchecks; i++)
        add_check(b, e.body->checks[i]);
    entry_free(e);
    return b;
}

Body *body_add_check(Body *b, Check *k)
{
    add_check(b, k);
    return b;
}

Body *body_add_setting(Body *b, Stmt *s)
{
    if (s) {
        VEC_GROW(b->settings, b->nsettings, b->cap_settings);
        b->settings[b->nsettings++] = s;
    }
    return b;
}

/* A copy of n pointers in the arena, exactly as many. */
static void *arena_copy(ParseCtx *c, void *items, uint32_t n, size_t elem)
{
    void *copy = arena_alloc_aligned(c->arena, n * elem, _Alignof(void *));
    if (n)
        memcpy(copy, items, n * elem);
    return copy;
}

static Stmt *stmt_new(ParseCtx *c, StmtKind kind, Span span)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = kind;
    s->span = span;
    return s;
}

Stmt *setting_number(ParseCtx *c, StmtKind kind, NumLit n, Span span)
{
    Stmt *s = stmt_new(c, kind, span);
    s->u.num = n;
    return s;
}

Stmt *setting_unit(ParseCtx *c, Name unit, Span span)
{
    Stmt *s = stmt_new(c, STMT_UNIT, span);
    s->u.unit = unit;
    return s;
}

Stmt *setting_columns(ParseCtx *c, ColumnList columns, Span span)
{
    Stmt *s = stmt_new(c, STMT_COLUMNS, span);
    s->u.columns = columns;
    return s;
}

Stmt *setting_names(ParseCtx *c, StmtKind kind, NameList names, Span span)
{
    Stmt *s = stmt_new(c, kind, span);
    s->u.names = names_of(names);
    return s;
}

Stmt *setting_meta(ParseCtx *c, Name key, char *value, Span span)
{
    Stmt *s = stmt_new(c, STMT_META, span);
    s->u.meta = (Meta){key.text, value, span};
    return s;
}

Stmt *setting_text(ParseCtx *c, Text *t, Span span)
{
    Stmt *s = stmt_new(c, STMT_TEXT, span);
    s->u.text = t;
    return s;
}

StringList strings_add(ParseCtx *c, StringList l, char *s)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = s;
    return l;
}

StringList also_names(ParseCtx *c, Name word, StringList names)
{
    if (strcmp(word.text, "also") == 0)
        return names;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", word.span, "expected 'also', '=', ',' or end of line, found '%s'",
                          word.text);
    diag_help(g, "a column reads: ID [\"label\"] [also \"name\" ...] [= FORMULA]");
    return (StringList){0};
}

/* In a column's formula a number names a column (`2024 - 2023`), so it is read as a
 * reference to that column's ID as written. */
static void formula_columns(ParseCtx *c, Expr *e)
{
    switch (e->kind) {
    case EXPR_NUM: {
        if (e->u.num.unit)
            return; /* `5 万元`: not a column; the checker says so */
        Name *id = ARENA_NEW(c->arena, Name);
        *id = number_name(c, e->span);
        e->kind = EXPR_REF;
        e->index = c->program->nexprs_made++;
        e->u.ref.path = (Names){id, 1};
        e->u.ref.column = NULL;
        return;
    }
    case EXPR_PICK: formula_columns(c, e->u.pick.base); return;
    case EXPR_UNARY: formula_columns(c, e->u.op.lhs); return;
    case EXPR_BINARY:
        formula_columns(c, e->u.op.lhs);
        formula_columns(c, e->u.op.rhs);
        return;
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            formula_columns(c, e->u.call.args[i]);
        return;
    default: return;
    }
}

Column *column_new(ParseCtx *c, Name id, Label label, StringList aliases, Expr *formula, Span span)
{
    if (formula)
        formula_columns(c, formula);
    Column *col = ARENA_NEW(c->arena, Column);
    *col = (Column){.id = id.text, .label = label.text, .aliases = aliases.items, .naliases = aliases.n,
                    .formula = formula, .formula_text = formula ? c->source->text + formula->span.start : NULL,
                    .span = span};
    return col;
}

/* --- items and groups ---------------------------------------------------------------- */

static Item *item_alloc(ParseCtx *c, ItemKind kind, Name id, Label label, Span span)
{
    Item *it = ARENA_NEW(c->arena, Item);
    *it = (Item){.kind = kind, .index = c->program->nitems_made++, .id = id.text, .id_span = id.span,
                 .label = label.text, .span = span};
    return it;
}

static void item_set_tail(Item *it, const ItemTail *t)
{
    it->values = t->values.items;
    it->nvalues = t->values.n;
    it->codes = t->attrs.codes;
    it->ncodes = t->attrs.ncodes;
    it->tags = t->attrs.tags;
    it->ntags = t->attrs.ntags;
}

Entry item_new(ParseCtx *c, ItemKind kind, Name id, ItemTail tail, Span span)
{
    Item *it = item_alloc(c, kind, id, tail.label, span);
    item_set_tail(it, &tail);
    return (Entry){it, NULL};
}

static const char *stmt_word(StmtKind k)
{
    static const char *const words[STMT_NKINDS] = {"year", "unit", "rounding", "columns", "meta",
                                                   "budgets", "groups", "text", "apply", "view"};
    return words[k];
}

/* `kind` (a setting, a text or a view) at `span` inside a group. */
static void misplaced_setting(ParseCtx *c, StmtKind kind, Span span)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0312", span,
                          "'%s' belongs to the budget, not to a group", stmt_word(kind));
    if (kind == STMT_TEXT)
        diag_help(g, "move the text to the budget's body; it may quote any item of the budget");
    else if (kind == STMT_VIEW)
        diag_help(g, "a view is derived, never summed: move it to the budget's body");
    else if (kind == STMT_APPLY)
        diag_help(g, "a budget follows a rule set: move the block to the budget's body");
    else
        diag_help(g, "move this line to the budget's body, outside every group");
}

/* The body's items as g's children; views are left out (reported). */
static void adopt_body(ParseCtx *c, Item *g, const Body *body)
{
    Item **children = ARENA_ARRAY(c->arena, Item *, body->nitems);
    uint32_t n = 0;
    for (uint32_t i = 0; i < body->nitems; i++) {
        if (body->items[i]->view)
            misplaced_setting(c, STMT_VIEW, body->items[i]->span);
        else
            children[n++] = body->items[i];
    }
    item_adopt(g, children, n);
    for (uint32_t i = 0; i < body->nsettings; i++)
        misplaced_setting(c, body->settings[i]->kind, body->settings[i]->span);
}

Entry group_new(ParseCtx *c, Name id, ItemTail head, Body *body, Span span)
{
    Item *g = item_alloc(c, ITEM_GROUP, id, head.label, span);
    item_set_tail(g, &head);
    g->broken = body->lost;
    adopt_body(c, g, body);
    return (Entry){g, body};
}

void block_skipped(Body *body)
{
    body_free(body);
}

Entry group_broken(ParseCtx *c, Name id, Body *body, Span span)
{
    Entry e = group_new(c, id, (ItemTail){0}, body, span);
    e.item->broken = true;
    return e;
}

static bool word_is(ParseCtx *c, Name got, const char *want)
{
    if (strcmp(got.text, want) == 0)
        return true;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", got.span, "expected '%s', found '%s'", want, got.text);
    diag_help(g, "a view reads: view ID \"label\" = rollup SCHEME of GROUP [depth N]");
    return false;
}

Name view_words(ParseCtx *c, Name rollup, Name scheme, Name of)
{
    if (!word_is(c, rollup, "rollup") || !word_is(c, of, "of"))
        scheme.text = NULL;
    return scheme;
}

void view_depth_word(ParseCtx *c, Name depth)
{
    word_is(c, depth, "depth");
}

Entry view_new(ParseCtx *c, const ViewHead *v, Span span)
{
    if (!v->scheme.text)
        return (Entry){0};
    ViewDecl *d = ARENA_NEW(c->arena, ViewDecl);
    *d = (ViewDecl){.index = c->program->nviews_made++, .scheme = v->scheme, .of = names_of(v->of), .has_depth = v->depth != NULL};
    if (v->depth)
        d->depth = *v->depth;
    Item *it = item_alloc(c, ITEM_GROUP, v->id, v->label, span);
    it->view = d;
    return (Entry){it, NULL};
}

EachRows *each_new(ParseCtx *c, Name each, Name row, Name in, NameList group, Span span)
{
    (void)span;
    bool under = strcmp(in.text, "under") == 0;
    const char *problem = strcmp(each.text, "each") != 0 ? each.text : !under && strcmp(in.text, "in") != 0 ? in.text : NULL;
    if (problem) {
        Span at = problem == each.text ? each.span : in.span;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", at, "expected '%s', found '%s'",
                              problem == each.text ? "each" : "in' or 'under", problem);
        diag_help(g, "a claim over rows reads: assert each ROW in GROUP: CLAIM");
        return NULL;
    }
    EachRows *e = ARENA_NEW(c->arena, EachRows);
    *e = (EachRows){.row = row, .group = names_of(group), .under = under};
    return e;
}

Check *check_new(ParseCtx *c, bool is_warn, EachRows *each, Expr *e, Within within, Label msg, Span span)
{
    Check *k = ARENA_NEW(c->arena, Check);
    *k = (Check){.is_warn = is_warn, .each = each, .index = c->program->nchecks_made++, .expr = e,
                 .expr_text = c->source->text + e->span.start, .within = within.value,
                 .within_rounding = within.rounding, .message = msg.text, .span = span};
    return k;
}

Within within_new(ParseCtx *c, Value v)
{
    Value *w = ARENA_NEW(c->arena, Value);
    *w = v;
    return (Within){w, false};
}

Within within_rounding(ParseCtx *c, Span word)
{
    Within w = within_new(c, value_not_stated(word));
    w.rounding = true;
    return w;
}

/* --- budgets and consolidations ------------------------------------------------------ */

static void duplicate_setting(ParseCtx *c, const Stmt *s, Span first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0308", s->span, "'%s' is set twice in this budget",
                          stmt_word(s->kind));
    diag_label(g, first, "first set here");
    diag_help(g, "keep one of the two lines");
}

static void consolidation_only(ParseCtx *c, const Stmt *s)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", s->span, "'%s' belongs to a consolidation",
                          stmt_word(s->kind));
    diag_help(g, "a budget lists its own figures; 'consolidate ID { budgets ...; groups ... }' sums budgets");
}

/* `what` ("'columns'", "an item or group") at `span` inside a consolidation. */
static void misplaced_in_consolidation(ParseCtx *c, const char *what, Span span)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", span, "%s cannot stand in a consolidation", what);
    diag_help(g, "a consolidation's rows and columns come from the budgets it sums; write figures in those budgets");
}

static void apply_setting(ParseCtx *c, Budget *b, const Stmt *s)
{
    switch (s->kind) {
    case STMT_YEAR:
        b->has_year = true;
        b->year = s->u.num;
        break;
    case STMT_UNIT:
        b->unit = name_new(c, &s->u.unit);
        break;
    case STMT_ROUNDING:
        b->has_rounding = packed_has(s->u.num.value);
        b->rounding = s->u.num;
        break;
    case STMT_COLUMNS:
        b->has_columns = true;
        b->columns_span = s->span;
        b->columns = s->u.columns.items;
        b->ncolumns = s->u.columns.n;
        break;
    case STMT_BUDGETS:
        b->consolidation->budgets = s->u.names;
        break;
    case STMT_GROUPS:
        b->consolidation->groups = s->u.names;
        break;
    default:
        break;
    }
}

/* Applies one budget-level setting; `seen` holds the first span of each kind. */
static void budget_setting(ParseCtx *c, Budget *b, const Stmt *s, Span *seen, bool *set)
{
    if ((s->kind == STMT_BUDGETS || s->kind == STMT_GROUPS) && !b->consolidation) {
        consolidation_only(c, s);
        return;
    }
    if (set[s->kind]) {
        duplicate_setting(c, s, seen[s->kind]);
        return;
    }
    set[s->kind] = true;
    seen[s->kind] = s->span;
    apply_setting(c, b, s);
}

/* Without a `columns` line a budget has one column, named after its year if any. */
static void default_column(ParseCtx *c, Budget *b)
{
    Span y = b->year.span;
    const char *id = b->has_year ? span_text(c, y) : intern(c->interns, "value", 5);
    b->ncolumns = 1;
    b->columns = ARENA_NEW(c->arena, Column);
    b->columns[0] = (Column){.id = id, .span = b->id_span};
}

static void budget_items(ParseCtx *c, Budget *b, const Body *body)
{
    if (b->consolidation) {
        for (uint32_t i = 0; i < body->nitems; i++)
            misplaced_in_consolidation(c, "an item or group", body->items[i]->span);
        return;
    }
    b->items = arena_copy(c, body->items, body->nitems, sizeof *b->items);
    b->nitems = body->nitems;
    for (uint32_t i = 0; i < b->nitems; i++)
        b->items[i]->sibling = i;
}

/* Settings, texts and meta lines in the order written. */
static void budget_settings(ParseCtx *c, Budget *b, const Body *body)
{
    Span seen[STMT_NKINDS] = {{0, 0, 0}};
    bool set[STMT_NKINDS] = {false};
    uint32_t cap_texts = 0, cap_meta = 0, cap_applies = 0;
    for (uint32_t i = 0; i < body->nsettings; i++) {
        const Stmt *s = body->settings[i];
        if (b->consolidation && s->kind == STMT_COLUMNS) {
            misplaced_in_consolidation(c, "'columns'", s->span);
        } else if (b->consolidation && s->kind == STMT_APPLY) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", s->span, "'apply' cannot stand in a consolidation");
            diag_help(g, "apply the rule set in each budget the consolidation sums");
        } else if (s->kind == STMT_APPLY) {
            ARENA_GROW(c->arena, b->applies, b->napplies, cap_applies);
            b->applies[b->napplies++] = s->u.apply;
        } else if (s->kind == STMT_TEXT) {
            ARENA_GROW(c->arena, b->texts, b->ntexts, cap_texts);
            b->texts[b->ntexts++] = s->u.text;
        } else if (s->kind == STMT_META) {
            ARENA_GROW(c->arena, b->meta, b->nmeta, cap_meta);
            b->meta[b->nmeta++] = s->u.meta;
        } else {
            budget_setting(c, b, s, seen, set);
        }
    }
}

/* Puts a budget body into place; a consolidation takes only settings, texts and checks. */
static Budget *budget_build(ParseCtx *c, Name id, Label title, const Body *body, Span span,
                            Consolidation *k)
{
    Budget *b = ARENA_NEW(c->arena, Budget);
    *b = (Budget){.index = c->program->nbudgets_made++, .id = id.text, .id_span = id.span,
                  .title = title.text, .span = span, .consolidation = k};
    budget_items(c, b, body);
    b->checks = arena_copy(c, body->checks, body->nchecks, sizeof *b->checks);
    b->nchecks = body->nchecks;
    budget_settings(c, b, body);
    if (!b->has_columns)
        default_column(c, b);
    return b;
}

void budget_add(ParseCtx *c, Name id, Label title, Body *body, Span span)
{
    Budget *b = budget_build(c, id, title, body, span, NULL);
    body_free(body);
    if (c->imported)
        PROGRAM_APPEND(c->program, imported_budgets, b);
    else
        PROGRAM_APPEND(c->program, budgets, b);
}

void consolidate_add(ParseCtx *c, Name id, Label title, Body *body, Span span)
{
    Consolidation *k = ARENA_NEW(c->arena, Consolidation);
    k->imported = c->imported;
    k->budget = budget_build(c, id, title, body, span, k);
    body_free(body);
    PROGRAM_APPEND(c->program, consolidations, k);
}

Name unit_sign(ParseCtx *c, Name word, char *sign, Span sign_span)
{
    if (strcmp(word.text, "sign") != 0) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", word.span, "expected 'sign' or end of line, found '%s'",
                              word.text);
        diag_help(g, "a unit reads: unit NAME [= FACTOR OTHER] [\"label\"] [sign \"$\"]");
        return (Name){0};
    }
    if (sign_of(sign) == SIGN_NONE) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0320", sign_span, "\"%s\" is not a currency sign bdl reads", sign);
        diag_help(g, "the signs are \"$\", \"¥\" (or \"￥\"), \"£\" and \"€\"");
        return (Name){0};
    }
    return (Name){sign, sign_span};
}

void unit_add(ParseCtx *c, Name name, const UnitScale *scale, Label label, Name sign, Span span)
{
    UnitDecl *u = ARENA_NEW(c->arena, UnitDecl);
    *u = (UnitDecl){.name = name, .span = span, .label = label.text, .scaled = scale != NULL,
                    .sign = sign.text ? sign_of(sign.text) : SIGN_NONE, .sign_span = sign.span};
    if (scale) {
        u->factor = scale->factor;
        u->of = scale->of;
    }
    PROGRAM_APPEND(c->program, units, u);
}

void rate_add(ParseCtx *c, Name from, NumLit factor, Name to, Span span)
{
    RateDecl *r = ARENA_NEW(c->arena, RateDecl);
    *r = (RateDecl){from, to, factor, span};
    PROGRAM_APPEND(c->program, rates, r);
}

void import_add(ParseCtx *c, char *path, Span path_span, Span span)
{
    ImportDecl *d = ARENA_NEW(c->arena, ImportDecl);
    *d = (ImportDecl){path, span, path_span};
    PROGRAM_APPEND(c->program, imports, d);
}

/* --- classifications ------------------------------------------------------------------ */

ClassBody class_body_new(void)
{
    return (ClassBody){0};
}

static ClassBody class_body_push(ParseCtx *c, ClassBody b, ClassNode *n)
{
    ARENA_GROW(c->arena, b.nodes, b.n, b.cap);
    b.nodes[b.n++] = n;
    return b;
}

/* The entry's code, then its codes (each already before its own), under it. */
ClassBody class_body_add(ParseCtx *c, ClassBody b, ClassEntry e)
{
    ClassNode *n = e.node;
    const ClassBody *children = &e.children;
    b = class_body_push(c, b, n);
    for (uint32_t i = 0; i < children->n; i++) {
        if (!children->nodes[i]->parent)
            children->nodes[i]->parent = n;
        b = class_body_push(c, b, children->nodes[i]);
    }
    for (uint32_t i = 0; i < children->nmeta; i++) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0312", children->meta[i].span,
                              "'meta' belongs to the classification, not to a code");
        diag_help(g, "move this line to the classification's body, outside every code");
    }
    return b;
}

ClassBody class_body_meta(ParseCtx *c, ClassBody b, Name key, char *value, Span span)
{
    ARENA_GROW(c->arena, b.meta, b.nmeta, b.cap_meta);
    b.meta[b.nmeta++] = (Meta){key.text, value, span};
    return b;
}

ClassNode *class_node_new(ParseCtx *c, Span code_span, char *name, Span span)
{
    ClassNode *n = ARENA_NEW(c->arena, ClassNode);
    *n = (ClassNode){.code = span_text(c, code_span), .name = name, .span = span, .code_span = code_span};
    return n;
}

void classification_add(ParseCtx *c, Name id, Label label, ClassBody body, Span span)
{
    Classification *k = ARENA_NEW(c->arena, Classification);
    *k = (Classification){id.text, label.text, span, id.span, body.meta, body.nmeta, body.nodes, body.n};
    for (uint32_t i = 0; i < body.n; i++) {
        ClassNode *n = body.nodes[i];
        n->scheme = k;
        n->seq = i;
        n->level = n->parent ? n->parent->level + 1 : 1;
    }
    PROGRAM_APPEND(c->program, classifications, k);
}

/* --- expressions ---------------------------------------------------------------------- */

/* Keeps every expression within MAX_EXPR_DEPTH; a deeper one is cut (after one report). */
static bool too_deep(ParseCtx *c, uint32_t depth, Span span)
{
    if (depth <= MAX_EXPR_DEPTH)
        return false;
    if (!c->expr_too_deep_reported) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0204", span,
                              "expression nested more than %d deep", MAX_EXPR_DEPTH);
        diag_help(g, "split the claim into several assertions");
        c->expr_too_deep_reported = true;
    }
    return true;
}

static Expr *expr_new(ParseCtx *c, ExprKind kind, Span span)
{
    Expr *e = ARENA_NEW(c->arena, Expr);
    *e = (Expr){.kind = kind, .span = span};
    if (kind == EXPR_REF || kind == EXPR_PICK)
        e->index = c->program->nexprs_made++;
    return e;
}

/* What stands for an expression cut at the depth limit: an invalid number, so the check
 * is reported invalid and never passes on what is left. */
static Expr *cut_expr(ParseCtx *c, Span span)
{
    Expr *e = expr_new(c, EXPR_NUM, span);
    e->u.num.value = packed_none();
    return e;
}

static uint16_t depth_of(const Expr *a, const Expr *b)
{
    uint16_t d = a->depth;
    if (b && b->depth > d)
        d = b->depth;
    return (uint16_t)(d + 1); /* at most MAX_EXPR_DEPTH + 1: a deeper one is cut */
}

Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, const Name *unit, Span span)
{
    Expr *e = expr_new(c, kind, span);
    if (kind == EXPR_PERCENT)
        n = percent_share(c, n);
    e->u.num.value = n.value;
    e->u.num.decimals = n.decimals;
    e->u.num.unit = unit;
    return e;
}

Expr *expr_ref(ParseCtx *c, NameList path, const Name *column, Span span)
{
    Expr *e = expr_new(c, EXPR_REF, span);
    e->u.ref.path = names_of(path);
    if (column) {
        e->depth = 1; /* as deep as the reference inside a pick it stands for */
        e->u.ref.column = name_new(c, column);
    }
    return e;
}

Expr *expr_parenthesised(Expr *e, Span span)
{
    e->span = span;
    return e;
}

Expr *expr_pick(ParseCtx *c, Expr *base, Name column, Span span)
{
    if (too_deep(c, depth_of(base, NULL), span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, EXPR_PICK, span);
    e->depth = depth_of(base, NULL);
    e->u.pick.base = base;
    e->u.pick.column = name_new(c, &column);
    return e;
}

Expr *expr_op(ParseCtx *c, Op op, Expr *lhs, Expr *rhs, Span span)
{
    if (too_deep(c, depth_of(lhs, rhs), span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, rhs ? EXPR_BINARY : EXPR_UNARY, span);
    e->depth = depth_of(lhs, rhs);
    e->u.op.op = op;
    e->u.op.lhs = lhs;
    e->u.op.rhs = rhs;
    return e;
}

Expr *expr_call(ParseCtx *c, Name name, ExprList args, Span span)
{
    uint16_t depth = 0;
    for (uint32_t i = 0; i < args.n; i++)
        if (depth_of(args.items[i], NULL) > depth)
            depth = depth_of(args.items[i], NULL);
    if (too_deep(c, depth, span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, EXPR_CALL, span);
    e->depth = depth;
    e->u.call.name = name_new(c, &name);
    e->u.call.args = args.items;
    e->u.call.nargs = args.n;
    return e;
}
