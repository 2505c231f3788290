/* build.c - AST constructors for the grammar actions. Statements inside a body are
 * sorted into place here, where misplaced ones (a `year` inside a group) are reported. */
#include "syntax/build.h"

#include <string.h>

void ptrlist_push(Arena *a, PtrList *l, void *p)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 4;
        void **items = ARENA_ARRAY(a, void *, cap);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = p;
}

void values_push(ParseCtx *c, Value v)
{
    if (c->nscratch == c->scratch_cap) {
        c->scratch_cap = c->scratch_cap ? c->scratch_cap * 2 : 8;
        c->scratch_values = xrealloc(c->scratch_values, c->scratch_cap * sizeof *c->scratch_values);
    }
    c->scratch_values[c->nscratch++] = v;
}

void parts_push(ParseCtx *c, const char *name, Span span)
{
    if (c->nscratch_parts == c->scratch_parts_cap) {
        c->scratch_parts_cap = c->scratch_parts_cap ? c->scratch_parts_cap * 2 : 8;
        c->scratch_parts = xrealloc(c->scratch_parts, c->scratch_parts_cap * sizeof *c->scratch_parts);
    }
    c->scratch_parts[c->nscratch_parts++] = (PathPart){name, span.start, span.end};
}

void parts_start(ParseCtx *c, const char *name, Span span)
{
    c->nscratch_parts = 0;
    parts_push(c, name, span);
}

PartList parts_take(ParseCtx *c)
{
    PartList l = {ARENA_ARRAY(c->arena, PathPart, c->nscratch_parts), c->nscratch_parts};
    memcpy(l.items, c->scratch_parts, l.n * sizeof *l.items);
    return l;
}

const char *span_text(ParseCtx *c, Span s)
{
    return intern(c->interns, c->source->text + s.start, s.end - s.start);
}

Body *body_new(ParseCtx *c)
{
    Body *b = c->spare_bodies;
    if (b)
        c->spare_bodies = b->next_spare;
    else
        b = ARENA_NEW(c->arena, Body);
    *b = (Body){0};
    return b;
}

void body_release(ParseCtx *c, Body *b)
{
    b->next_spare = c->spare_bodies;
    c->spare_bodies = b;
}

void body_add_entry(Body *b, Entry e)
{
    if (e.item) {
        if (b->last_item)
            b->last_item->next = e.item;
        else
            b->items = e.item;
        b->last_item = e.item;
        b->nitems++;
    }
    if (e.checks) {
        if (b->last_check)
            b->last_check->next = e.checks;
        else
            b->checks = e.checks;
        b->last_check = e.last_check;
    }
}

void body_add_check(Body *b, Check *k)
{
    body_add_entry(b, (Entry){NULL, k, k});
}

void body_add_setting(Body *b, Stmt *s)
{
    if (!s)
        return;
    if (b->last_setting)
        b->last_setting->next = s;
    else
        b->settings = s;
    b->last_setting = s;
}

Stmt *stmt_new(ParseCtx *c, StmtKind kind, Span span)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = kind;
    s->span = span;
    return s;
}

/* The unit written after a number, or NULL when none is. */
static const ValueUnit *written_unit(ParseCtx *c, const char *unit, Span unit_span)
{
    if (!unit)
        return NULL;
    ValueUnit *u = ARENA_NEW(c->arena, ValueUnit);
    *u = (ValueUnit){unit, unit_span};
    return u;
}

Value value_number(ParseCtx *c, NumLit n, const char *unit, Span unit_span, Span span)
{
    return (Value){.span = span, .num = n.value, .decimals = n.decimals,
                   .unit = written_unit(c, unit, unit_span)};
}

NumLit num_negated(ParseCtx *c, NumLit n, Span span)
{
    Num minus;
    if (packed_has(n.value) && num_neg(packed_num(n.value), &minus) == NUM_OK)
        n.value = num_pack(c->arena, minus);
    n.span = span;
    return n;
}

Span span_end(Span s)
{
    return (Span){s.file, s.end, s.end};
}

Value value_not_stated(Span span)
{
    return (Value){.span = span};
}

void values_start(ParseCtx *c, Value first)
{
    c->nscratch = 0;
    values_push(c, first);
}

/* Whether value v needs the 12-byte ValueInfo (a ShortValueInfo cannot hold it). */
static bool value_is_wide(const Value *v)
{
    return v->span.end - v->span.start > UINT16_MAX || v->decimals < 0 || v->decimals > UINT8_MAX;
}

static void values_put_info(Values *vs, uint32_t i, const Value *v)
{
    void *infos = vs->nums + vs->n;
    if (vs->wide)
        ((ValueInfo *)infos)[i] = (ValueInfo){v->span.start, v->span.end, v->decimals};
    else
        ((ShortValueInfo *)infos)[i] =
            (ShortValueInfo){v->span.start, (uint16_t)(v->span.end - v->span.start), (uint8_t)v->decimals};
}

Values values_take(ParseCtx *c)
{
    Values vs = {NULL, c->nscratch, false, false};
    for (uint32_t i = 0; i < vs.n; i++) {
        vs.has_units |= c->scratch_values[i].unit != NULL;
        vs.wide |= value_is_wide(&c->scratch_values[i]);
    }
    size_t size = values_units_offset(vs.n, vs.wide) + (vs.has_units ? vs.n * sizeof(ValueUnit *) : 0);
    vs.nums = arena_alloc_aligned(c->arena, size, _Alignof(PackedNum));
    const ValueUnit **units = vs.has_units ? (const ValueUnit **)((char *)vs.nums + values_units_offset(vs.n, vs.wide)) : NULL;
    for (uint32_t i = 0; i < vs.n; i++) {
        const Value *v = &c->scratch_values[i];
        vs.nums[i] = v->num;
        values_put_info(&vs, i, v);
        if (units)
            units[i] = v->unit;
    }
    return vs;
}

void attrs_add_code(ParseCtx *c, AttrList *a, const char *scheme, Span num_span, Span span)
{
    const char *code = span_text(c, num_span);
    Code *cited = map_get(&c->codes, code, scheme);
    if (!cited) {
        cited = ARENA_NEW(c->arena, Code);
        *cited = (Code){scheme, code, NULL};
        map_put(&c->codes, code, scheme, cited);
    }
    if (a->ncodes == a->capcodes) { /* doubling: an item of many codes wastes as many */
        a->capcodes = a->capcodes ? a->capcodes * 2 : 1;
        CodeRef *grown = ARENA_ARRAY(c->arena, CodeRef, a->capcodes);
        if (a->ncodes)
            memcpy(grown, a->codes, a->ncodes * sizeof *grown);
        a->codes = grown;
    }
    a->codes[a->ncodes++] = (CodeRef){cited, span.start, false, num_span.start};
}

void attrs_add_tag(ParseCtx *c, AttrList *a, const char *key, char *value, Span span)
{
    Tag *t = ARENA_NEW(c->arena, Tag);
    t->key = key;
    t->value = value;
    t->start = span.start;
    t->end = span.end;
    t->next = a->tags;
    a->tags = t;
}

/* Codes are read in order; notes and tags were prepended (constant time however long the
 * line), and are put back in the order written. */
static Attrs attrs_in_order(AttrList a)
{
    if (a.ncodes)
        a.codes[a.ncodes - 1].last = true;
    Tag *done = NULL, *rest = a.tags;
    while (rest) {
        Tag *next = rest->next;
        rest->next = done;
        done = rest;
        rest = next;
    }
    return (Attrs){a.codes, done};
}

Item *item_new(ParseCtx *c, ItemKind kind, const char *id, Span id_span, Label label,
               Values values, AttrList attrs, Span span)
{
    Item *it = kind == ITEM_GROUP ? &ARENA_NEW(c->items, Group)->item : ARENA_NEW(c->items, Item);
    *it = (Item){.id = id, .span = span, .id_start = id_span.start, .nvalues = values.n, .kind = (uint8_t)kind,
                 .values_have_units = values.has_units, .values_wide = values.wide, .label = label.text,
                 .nums = values.nums, .attrs = attrs_in_order(attrs)};
    return it;
}

static const char *stmt_word(StmtKind k)
{
    switch (k) {
    case STMT_YEAR: return "year";
    case STMT_UNIT: return "unit";
    case STMT_ROUNDING: return "rounding";
    case STMT_COLUMNS: return "columns";
    case STMT_META: return "meta";
    case STMT_VIEW: return "view";
    case STMT_BUDGETS: return "budgets";
    case STMT_GROUPS: return "groups";
    case STMT_TEXT: return "text";
    default: return "statement";
    }
}

/* `kind` (a setting, a text or a view) at `span` inside a group. */
static void misplaced_setting(ParseCtx *c, StmtKind kind, Span span)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0312", span,
                          "'%s' belongs to the budget, not to a group", stmt_word(kind));
    if (kind == STMT_TEXT) {
        diag_help(g, "move the text to the budget's body; it may quote any item of the budget");
        return;
    }
    if (kind == STMT_VIEW) {
        diag_help(g, "a view is derived, never summed: move it to the budget's body");
        return;
    }
    diag_help(g, "move this line to the budget's body, outside every group");
}

Entry group_new(ParseCtx *c, const char *id, Span id_span, Label label, Values totals,
                AttrList attrs, const Body *body, Span span)
{
    Item *g = item_new(c, ITEM_GROUP, id, id_span, label, totals, attrs, span);
    Group *gr = item_group(g);
    g->incomplete = body->lost;
    Item **tail = &gr->children;
    for (Item *it = body->items; it; it = it->next) {
        if (item_view(it)) {
            misplaced_setting(c, STMT_VIEW, it->span); /* left out of the group */
            continue;
        }
        it->parent = g;
        *tail = it;
        tail = &it->next;
        gr->nchildren++;
    }
    *tail = NULL;
    for (Stmt *s = body->settings; s; s = s->next)
        misplaced_setting(c, s->kind, s->span);
    return (Entry){g, body->checks, body->last_check};
}

Check *check_new(ParseCtx *c, bool is_warn, Expr *e, Value *within, Label msg, Span span)
{
    Check *k = ARENA_NEW(c->arena, Check);
    k->is_warn = is_warn;
    k->expr = e;
    k->expr_text = c->source->text + e->span.start;
    k->within = within;
    k->message = msg.text;
    k->span = span;
    return k;
}

Column *column_new(ParseCtx *c, const char *id, Label label, Span span)
{
    Column *col = ARENA_NEW(c->arena, Column);
    col->id = id;
    col->label = label.text;
    col->span = span;
    return col;
}

Meta *meta_new(ParseCtx *c, const char *key, char *value, Span span)
{
    Meta *m = ARENA_NEW(c->arena, Meta);
    m->key = key;
    m->value = value;
    m->span = span;
    return m;
}

static void duplicate_setting(ParseCtx *c, Stmt *s, Span first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0308", s->span, "'%s' is set twice in this budget",
                          stmt_word(s->kind));
    diag_label(g, first, "first set here");
    diag_help(g, "keep one of the two lines");
}

static void consolidation_only(ParseCtx *c, Stmt *s)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", s->span, "'%s' belongs to a consolidation",
                          stmt_word(s->kind));
    diag_help(g, "a budget lists its own figures; 'consolidate ID { budgets ...; groups ... }' sums budgets");
}

static void set_names(Stmt *s, PathPart **parts, uint32_t *n, Span *span)
{
    *n = s->u.names.n;
    *span = s->span;
    *parts = s->u.names.items;
}

/* Applies one budget-level setting; `seen` holds the first span of each kind. */
static void budget_setting(ParseCtx *c, Budget *b, Stmt *s, Span *seen, bool *set)
{
    Consolidation *k = b->consolidation;
    if ((s->kind == STMT_BUDGETS || s->kind == STMT_GROUPS) && !k) {
        consolidation_only(c, s);
        return;
    }
    if (set[s->kind]) {
        duplicate_setting(c, s, seen[s->kind]);
        return;
    }
    set[s->kind] = true;
    seen[s->kind] = s->span;
    switch (s->kind) {
    case STMT_YEAR:
        b->has_year = true;
        b->year = s->u.num;
        break;
    case STMT_UNIT:
        b->unit_name = s->u.unit.name;
        b->unit_span = s->u.unit.span;
        break;
    case STMT_ROUNDING:
        b->has_rounding = packed_has(s->u.num.value);
        b->rounding = s->u.num;
        break;
    case STMT_COLUMNS:
        b->has_columns = true;
        b->columns_span = s->span;
        b->ncolumns = s->u.columns.n;
        b->columns = ARENA_ARRAY(c->arena, Column, b->ncolumns);
        for (uint32_t i = 0; i < b->ncolumns; i++)
            b->columns[i] = *(Column *)s->u.columns.items[i];
        break;
    case STMT_BUDGETS:
        set_names(s, &k->budgets, &k->nbudgets, &k->budgets_span);
        break;
    case STMT_GROUPS:
        set_names(s, &k->groups, &k->ngroups, &k->groups_span);
        break;
    default:
        break;
    }
}

/* `what` ("'columns'", "an item or group") at `span` inside a consolidation. */
static void misplaced_in_consolidation(ParseCtx *c, const char *what, Span span)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", span, "%s cannot stand in a consolidation", what);
    diag_help(g, "a consolidation's rows and columns come from the budgets it sums; write figures in those budgets");
}

/* Puts a budget body into place; a consolidation takes only settings, texts and checks. */
static Budget *budget_build(ParseCtx *c, const char *id, Span id_span, Label title, const Body *body,
                            Span span, Consolidation *k)
{
    Budget *b = ARENA_NEW(c->arena, Budget);
    b->id = id;
    b->id_span = id_span;
    b->title = title.text;
    b->span = span;
    b->consolidation = k;
    b->checks = body->checks;
    if (k) {
        for (Item *it = body->items; it; it = it->next)
            misplaced_in_consolidation(c, "an item or group", it->span);
    } else {
        b->items = body->items;
        b->nitems = body->nitems;
    }
    Span seen[STMT_NKINDS] = {{0, 0, 0}};
    bool set[STMT_NKINDS] = {false};
    Text **texts = &b->texts;
    Meta **meta = &b->meta; /* appended at the tail: a million meta lines stay linear */
    for (Stmt *s = body->settings; s; s = s->next) {
        if (k && s->kind == STMT_COLUMNS) {
            misplaced_in_consolidation(c, "'columns'", s->span);
        } else if (s->kind == STMT_TEXT) {
            *texts = s->u.text;
            texts = &s->u.text->next;
        } else if (s->kind == STMT_META) {
            *meta = s->u.meta;
            meta = &s->u.meta->next;
        } else {
            budget_setting(c, b, s, seen, set);
        }
    }
    return b;
}

void budget_add(ParseCtx *c, const char *id, Span id_span, Label title, const Body *body, Span span)
{
    Budget *b = budget_build(c, id, id_span, title, body, span, NULL);
    *c->budgets_tail = b;
    c->budgets_tail = &b->next;
}

void consolidate_add(ParseCtx *c, const char *id, Span id_span, Label title, const Body *body, Span span)
{
    Consolidation *k = ARENA_NEW(c->arena, Consolidation);
    k->imported = c->imported;
    k->budget = budget_build(c, id, id_span, title, body, span, k);
    Consolidation **p = &c->program->consolidations;
    while (*p)
        p = &(*p)->next;
    *p = k;
}

void unit_add(ParseCtx *c, const char *name, Span name_span, NumLit *factor, const char *of,
              Span of_span, Label label, Span span)
{
    UnitDecl *u = ARENA_NEW(c->arena, UnitDecl);
    u->name = name;
    u->name_span = name_span;
    u->span = span;
    u->label = label.text;
    if (factor) {
        u->scaled = true;
        u->factor = *factor;
        u->of_name = of;
        u->of_span = of_span;
    }
    *c->units_tail = u;
    c->units_tail = &u->next;
}

void import_add(ParseCtx *c, char *path, Span path_span, Span span)
{
    ImportDecl *d = ARENA_NEW(c->arena, ImportDecl);
    d->path = path;
    d->path_span = path_span;
    d->span = span;
    ImportDecl **p = &c->program->imports;
    while (*p)
        p = &(*p)->next;
    *p = d;
}

void rate_add(ParseCtx *c, const char *from, Span from_span, NumLit factor, const char *to,
              Span to_span, Span span)
{
    RateDecl *r = ARENA_NEW(c->arena, RateDecl);
    r->from = from;
    r->from_span = from_span;
    r->factor = factor;
    r->to = to;
    r->to_span = to_span;
    r->span = span;
    *c->rates_tail = r;
    c->rates_tail = &r->next;
}

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

/* What stands for an expression cut at the depth limit: an invalid number, so the check
 * is reported invalid and never passes on what is left. */
static Expr *cut_expr(ParseCtx *c, Span span)
{
    Expr *e = ARENA_NEW(c->arena, Expr);
    e->kind = EXPR_NUM;
    e->span = span;
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

static Expr *expr_new(ParseCtx *c, ExprKind kind, Span span)
{
    Expr *e = ARENA_NEW(c->arena, Expr);
    *e = (Expr){.kind = kind, .span = span}; /* whole, like an Item (item_new) */
    return e;
}

Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, const char *unit, Span unit_span, Span span)
{
    Expr *e = expr_new(c, kind, span);
    e->u.num.value = n.value;
    e->u.num.decimals = n.decimals;
    e->u.num.unit = written_unit(c, unit, unit_span);
    if (kind == EXPR_PERCENT && packed_has(n.value)) {
        Num share;
        if (num_div(packed_num(n.value), num_int(100), &share) == NUM_OK) {
            e->u.num.value = num_pack(c->arena, share);
            e->u.num.decimals += 2;
        } else { /* 38 decimals, then two more: read as the percentage, it was 100x off */
            e->u.num.value = packed_none();
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0113", n.span,
                                  "percentage does not fit in exact 128-bit arithmetic");
            diag_note(g, "a percentage is divided by 100, which needs two more decimal places than it shows");
        }
    }
    return e;
}

/* Whether the path being read (and a picked column) is written without blanks from the
 * start of `span`: then each part starts one byte after the one before ends. */
static bool parts_compact(const ParseCtx *c, Span span)
{
    const PathPart *p = c->scratch_parts;
    if (p[0].start != span.start)
        return false;
    for (uint32_t i = 1; i < c->nscratch_parts; i++)
        if (p[i].start != p[i - 1].end + 1)
            return false;
    return true;
}

/* The reference read into the scratch list: its names alone when compact (most are). */
Expr *expr_ref(ParseCtx *c, Span span)
{
    Expr *e = expr_new(c, EXPR_REF, span);
    e->u.ref.n = c->nscratch_parts;
    if (!parts_compact(c, span)) {
        e->u.ref.parts = parts_take(c).items;
        return e;
    }
    const char **names = ARENA_ARRAY(c->arena, const char *, c->nscratch_parts);
    for (uint32_t i = 0; i < c->nscratch_parts; i++)
        names[i] = c->scratch_parts[i].name;
    e->u.ref.parts = names;
    e->u.ref.compact = true;
    return e;
}

Expr *expr_picked_ref(ParseCtx *c, Span span)
{
    Expr *e = expr_ref(c, span);
    e->u.ref.n--; /* the last part is the column */
    e->depth = 1; /* as deep as the reference inside a pick it stands for */
    e->u.ref.picked = true;
    e->u.ref.column = -1;
    return e;
}

Expr *expr_parenthesised(ParseCtx *c, Expr *e, Span span)
{
    if (e->kind == EXPR_REF && e->u.ref.compact) { /* its names no longer start the span */
        uint32_t n = e->u.ref.n + e->u.ref.picked, end = 0;
        PathPart *parts = ARENA_ARRAY(c->arena, PathPart, n);
        for (uint32_t i = 0; i < n; i++)
            parts[i] = ref_part(e, i, &end);
        e->u.ref.parts = parts;
        e->u.ref.compact = false;
    }
    e->span = span;
    return e;
}

Expr *expr_pick(ParseCtx *c, Expr *base, const char *column, Span column_span, Span span)
{
    if (too_deep(c, depth_of(base, NULL), span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, EXPR_PICK, span);
    e->depth = depth_of(base, NULL);
    e->u.pick.base = base;
    e->u.pick.column = column;
    e->u.pick.column_start = column_span.start; /* the column reads as written */
    e->u.pick.index = -1;
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

Expr *expr_call(ParseCtx *c, const char *name, Span name_span, PtrList *args, Span span)
{
    Expr *e = expr_new(c, EXPR_CALL, span);
    for (uint32_t i = 0; i < args->n; i++) {
        uint16_t d = depth_of(args->items[i], NULL);
        if (d > e->depth)
            e->depth = d;
    }
    if (too_deep(c, e->depth, span))
        return cut_expr(c, span);
    e->u.call.name = name;
    e->u.call.name_start = name_span.start;
    e->u.call.nargs = args->n;
    e->u.call.args = (Expr **)args->items;
    return e;
}

void class_append(ClassBody *b, ClassNode *n)
{
    if (b->tail)
        b->tail->next = n;
    else
        b->head = n;
    b->tail = n;
}

void class_meta(ParseCtx *c, ClassBody *b, Meta *m)
{
    (void)c;
    Meta **p = &b->meta;
    while (*p)
        p = &(*p)->next;
    *p = m;
}

static void class_meta_misplaced(ParseCtx *c, Meta *m)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0312", m->span, "'meta' belongs to the classification, not to a code");
    diag_help(g, "move this line to the classification's body, outside every code");
}

ClassNode *class_node_new(ParseCtx *c, Span code_span, char *name, ClassBody children, Span span)
{
    ClassNode *n = ARENA_NEW(c->arena, ClassNode);
    n->code = span_text(c, code_span);
    n->code_span = code_span;
    n->name = name;
    n->span = span;
    n->children = children.head;
    for (ClassNode *ch = n->children; ch; ch = ch->next)
        ch->parent = n;
    for (Meta *m = children.meta; m; m = m->next)
        class_meta_misplaced(c, m);
    return n;
}

void classification_add(ParseCtx *c, const char *id, Span id_span, Label label, ClassBody body, Span span)
{
    Classification *k = ARENA_NEW(c->arena, Classification);
    k->id = id;
    k->id_span = id_span;
    k->label = label.text;
    k->span = span;
    k->meta = body.meta;
    k->nodes = body.head;
    Classification **p = &c->program->classifications;
    while (*p)
        p = &(*p)->next;
    *p = k;
}

static bool word_is(ParseCtx *c, const char *got, Span at, const char *want)
{
    if (strcmp(got, want) == 0)
        return true;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", at, "expected '%s', found '%s'", want, got);
    diag_help(g, "a view reads: view ID \"label\" = rollup SCHEME of GROUP [depth N]");
    return false;
}

Item *view_new(ParseCtx *c, const char *id, Span id_span, Label label, const char *rollup,
               Span rollup_span, const char *scheme, Span scheme_span, const char *of, Span of_span,
               PartList path, Span path_span, NumLit *depth, Span span)
{
    if (!word_is(c, rollup, rollup_span, "rollup") || !word_is(c, of, of_span, "of"))
        return NULL;
    ViewDecl *v = ARENA_NEW(c->arena, ViewDecl);
    v->scheme = scheme;
    v->scheme_span = scheme_span;
    v->nof = path.n;
    v->of = path.items;
    v->of_span = path_span;
    if (depth) {
        v->has_depth = true;
        v->depth = *depth;
    }
    Item *it = item_new(c, ITEM_GROUP, id, id_span, label, (Values){0}, (AttrList){0}, span);
    item_group(it)->view = v;
    return it;
}

void view_depth_word(ParseCtx *c, const char *word, Span at)
{
    word_is(c, word, at, "depth");
}
