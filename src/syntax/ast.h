/* ast.h - the syntax tree of a BDL file, and the facts the checker attaches to it.
 * Every node has a Span. Nodes, strings and fact arrays live in one Arena. */
#ifndef BDL_AST_H
#define BDL_AST_H

#include "base/num.h"
#include "base/source.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct Unit Unit;

/* A number as written: its exact value and how many decimals it shows. A literal the
 * scanner already reported as invalid has no value: uses treat it as not stated. */
typedef struct NumLit {
    PackedNum value;
    Span span;
    int decimals;
} NumLit;

/* A unit written after a value ("3 人"); most values have none and use the budget's. */
typedef struct ValueUnit {
    const char *name;
    Span span;
} ValueUnit;

/* One value as the parser reads it: a number with an optional unit, or "-" (not stated:
 * then num has no value). */
typedef struct Value {
    PackedNum num;
    Span span;
    int decimals;
    const ValueUnit *unit; /* NULL: the budget's default unit */
} Value;

static inline bool value_stated(const Value *v)
{
    return packed_has(v->num);
}

/* How one value of an item was written: its bytes in the item's file (value_span) and
 * its decimals. Its number is kept apart, in Values.nums. */
typedef struct ValueInfo {
    uint32_t start, end;
    int decimals;
} ValueInfo;

/* The same in 8 bytes, as a block keeps it when every value is shorter than 64 KB and
 * shows at most 255 decimals (all but contrived ones). */
typedef struct ShortValueInfo {
    uint32_t start;
    uint16_t len;
    uint8_t decimals;
} ShortValueInfo;

/* An item's values as written (a group's stated totals), one per column: a spec holds
 * little else. The numbers form an array of cells (not stated: no value), so that an item
 * written in the budget's unit uses them as its figures (Item.value) without a copy. In
 * the same block follow how each was written (value_info: ShortValueInfo, or ValueInfo
 * when `wide`) and, only when some value names a unit ("3 人"), their units
 * (value_unit_at). */
typedef struct Values {
    PackedNum *nums;
    uint32_t n;
    bool has_units;
    bool wide;
} Values;

static inline ValueInfo value_info(const Values *vs, uint32_t i)
{
    const void *infos = vs->nums + vs->n;
    if (vs->wide)
        return ((const ValueInfo *)infos)[i];
    const ShortValueInfo *v = &((const ShortValueInfo *)infos)[i];
    return (ValueInfo){v->start, v->start + v->len, v->decimals};
}

/* Bytes of a block of n values up to its units; they follow, aligned for pointers. */
static inline size_t values_units_offset(uint32_t n, bool wide)
{
    size_t end = n * (sizeof(PackedNum) + (wide ? sizeof(ValueInfo) : sizeof(ShortValueInfo)));
    return (end + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *);
}

/* The unit written after value i, or NULL: the budget's default unit. */
static inline const ValueUnit *value_unit_at(const Values *vs, uint32_t i)
{
    if (!vs->has_units)
        return NULL;
    return ((const ValueUnit *const *)((const char *)vs->nums + values_units_offset(vs->n, vs->wide)))[i];
}

typedef struct ClassNode ClassNode;
typedef struct Classification Classification;

/* A code as cited: a scheme (or none) and a code. The items of a file that cite the same
 * share one (most cite a few hundred codes a million times between them). */
typedef struct Code {
    const char *scheme;    /* as written; NULL: the only scheme that has the code */
    const char *code;      /* as written */
    const ClassNode *node; /* resolved by the checker (NULL: unchecked or unknown) */
} Code;

/* `code [SCHEME] CODE` on an item, in the item's file. An item's codes form an array,
 * the last one marked (code_next). */
typedef struct CodeRef {
    Code *cited;
    uint32_t start : 31; /* of the whole reference, "code economic 30309" (code_ref_span);
                          * offsets are below 2^30 (docs/limits.md) */
    uint32_t last : 1;
    uint32_t code_start; /* of the code itself (code_span) */
} CodeRef;

static inline const CodeRef *code_next(const CodeRef *r)
{
    return r->last ? NULL : r + 1;
}

static inline Span code_span(const CodeRef *r, uint32_t file)
{
    return (Span){file, r->code_start, r->code_start + (uint32_t)strlen(r->cited->code)};
}

static inline Span code_ref_span(const CodeRef *r, uint32_t file)
{
    return (Span){file, r->start, code_span(r, file).end};
}

/* `note "TEXT"` and `tag KEY=VALUE`, in the order written: a note is a tag without a key
 * (an item has one list for both, not one pointer each). */
typedef struct Tag {
    const char *key; /* NULL: a note */
    char *value;     /* the note's text, or the tag's value */
    struct Tag *next;
    uint32_t start, end; /* in the item's file (tag_span) */
} Tag;

static inline Span tag_span(const Tag *t, uint32_t file)
{
    return (Span){file, t->start, t->end};
}

typedef struct Attrs {
    const CodeRef *codes; /* in the order written (code_next) */
    Tag *tags;            /* notes and tags */
} Attrs;

/* A cell of the value grid: stated (published or computable) or not. */
typedef PackedNum Cell;

static inline bool cell_stated(Cell c)
{
    return packed_has(c);
}

static inline Num cell_value(Cell c)
{
    return packed_num(c);
}

/* Adds c to a column sum; false when c is not stated or the sum overflows (the sum is then
 * not stated either). */
static inline bool cell_sum_add(NumSum *s, Cell c)
{
    return cell_stated(c) && num_sum_add(s, cell_value(c)) == NUM_OK;
}

typedef enum ReconStatus {
    RECON_NONE,     /* no total stated in this column */
    RECON_EXACT,    /* the stated total equals the sum */
    RECON_ROUNDING, /* within the rounding bound: recorded, not an error */
    RECON_FAILED,
    RECON_SKIPPED   /* an item in the sum is not stated */
} ReconStatus;

enum { RECON_STATUSES = RECON_SKIPPED + 1 };

/* A group's column: the sum of its items, and how a stated total compares with it. The
 * differences are packed like figures (a group has one of these per column). */
typedef struct Recon {
    Cell computed;         /* the sum of the items (not stated when one of them is not) */
    PackedNum diff, bound; /* stated - computed, and the allowed |diff| */
    const struct Item *missing; /* for RECON_SKIPPED: the first item not stated */
    ReconStatus status;
} Recon;

/* Records how column r's stated total compares with its items' sum. */
static inline void recon_set(Arena *a, Recon *r, ReconStatus status, Num diff, Num bound,
                             const struct Item *missing)
{
    r->status = status;
    r->diff = num_pack(a, diff);
    r->bound = num_pack(a, bound);
    r->missing = missing;
}

typedef enum ItemKind { ITEM_PLAIN, ITEM_GROUP, ITEM_MEMO } ItemKind;

/* One name of a dotted path (or of a list of names); its bytes are in the file of the
 * path (part_span). */
typedef struct PathPart {
    const char *name;
    uint32_t start, end;
} PathPart;

static inline Span part_span(const PathPart *p, uint32_t file)
{
    return (Span){file, p->start, p->end};
}

/* `view ID = rollup SCHEME of GROUP [depth N]`: a group the checker derives from the
 * codes of GROUP's items, one row per code of SCHEME down to level N. */
typedef struct ViewDecl {
    const char *scheme;
    Span scheme_span;
    PathPart *of;
    uint32_t nof;
    Span of_span;
    bool has_depth;
    NumLit depth;
    /* Facts from the checker. */
    const Classification *in;
    const struct Item *source;
    uint32_t levels; /* the depth used: rows go down to this level */
} ViewDecl;

/* A plain item or a memo; a group is a Group, whose first member this is. */
typedef struct Item {
    const char *id;
    Span span;
    uint32_t id_start; /* the ID ends where its text does: it reads as written (item_id_span) */
    uint32_t nvalues;  /* values written (item_values) */
    uint8_t kind;      /* an ItemKind, in a byte: a spec holds a million items */
    bool excluded;     /* left out of its group's sum: wrong unit or duplicate ID (reported) */
    bool incomplete;   /* a child is missing or excluded after an error: totals not reconciled */
    bool values_have_units : 1, values_wide : 1; /* Values.has_units and .wide */
    bool is_row : 1;   /* a view's row: its ID is a code, its span the view's ID */
    char *label;       /* NULL: the ID is the label */
    PackedNum *nums;   /* the values written (a group's stated totals): see Values */
    Attrs attrs;
    struct Item *parent, *next;
    /* Facts from the checker, one entry per column. */
    const Unit *unit;
    Cell *value;    /* the figure every later use sees */
} Item;

/* An item's values as written; a group's stated totals. */
static inline Values item_values(const Item *it)
{
    return (Values){it->nums, it->nvalues, it->values_have_units, it->values_wide};
}

static inline void item_set_values(Item *it, Values vs)
{
    it->nums = vs.nums;
    it->nvalues = vs.n;
    it->values_have_units = vs.has_units;
    it->values_wide = vs.wide;
}

static inline Span item_id_span(const Item *it)
{
    if (it->is_row)
        return it->span;
    return (Span){it->span.file, it->id_start, it->id_start + (uint32_t)strlen(it->id)};
}

/* A group: an Item with items of its own. Only groups carry these fields, so the million
 * plain items of a large spec go without them. */
typedef struct Group {
    Item item;
    Item *children;
    uint32_t nchildren;
    ViewDecl *view; /* a `view`: a group the checker derives (NULL for written groups) */
    Recon *recon;   /* the sum of the children and its reconciliation with a stated total */
} Group;

/* The group `it` is, or NULL for a plain item or a memo. */
static inline Group *item_group(Item *it)
{
    return it->kind == ITEM_GROUP ? (Group *)it : NULL;
}

static inline const Group *item_cgroup(const Item *it)
{
    return it->kind == ITEM_GROUP ? (const Group *)it : NULL;
}

static inline Item *item_children(const Item *it)
{
    const Group *g = item_cgroup(it);
    return g ? g->children : NULL;
}

static inline ViewDecl *item_view(const Item *it)
{
    const Group *g = item_cgroup(it);
    return g ? g->view : NULL;
}

/* A group's reconciliations, one per column; NULL for other items and unchecked groups. */
static inline Recon *item_recon(const Item *it)
{
    const Group *g = item_cgroup(it);
    return g ? g->recon : NULL;
}

/* Where value i of item `it` was written. */
static inline Span value_span(const Item *it, uint32_t i)
{
    Values vs = item_values(it);
    ValueInfo v = value_info(&vs, i);
    return (Span){it->span.file, v.start, v.end};
}

typedef enum ExprKind { EXPR_NUM, EXPR_PERCENT, EXPR_REF, EXPR_PICK, EXPR_UNARY, EXPR_BINARY, EXPR_CALL } ExprKind;

typedef enum Op {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_APPROX,
    OP_AND, OP_OR, OP_NOT
} Op;

typedef struct Expr Expr;

/* Expressions deeper than this are refused (E0204): evaluation recurses over the tree. */
enum { MAX_EXPR_DEPTH = 1000 };

/* 40 bytes: a check of the bench spec has five. */
struct Expr {
    ExprKind kind : 8;
    uint16_t depth; /* at most MAX_EXPR_DEPTH + 1 */
    Span span;
    union {
        struct {
            PackedNum value;       /* EXPR_PERCENT: already divided by 100; none: invalid */
            const ValueUnit *unit; /* "1 万元"; NULL for a bare number */
            int decimals;
        } num; /* EXPR_NUM, EXPR_PERCENT */
        struct {
            /* The path's names, then a picked reference's column (ref_part): PathParts, or
             * for a compact reference only the names. */
            const void *parts;
            Item *target;         /* resolved by the checker */
            uint32_t n : 30;      /* names in the path */
            uint32_t picked : 1;  /* `a.b[2026]`: part n is the column */
            uint32_t compact : 1; /* written without blanks, from the start of the span */
            int column;           /* a picked reference's column, resolved by the checker (-1: unknown) */
        } ref;
        struct {
            Expr *base;
            const char *column;    /* as written (pick_column_span) */
            uint32_t column_start;
            int index; /* resolved by the checker */
        } pick;
        struct {
            Op op;
            Expr *lhs, *rhs; /* rhs is NULL for unary operators */
        } op;
        struct {
            const char *name;
            Expr **args;
            uint32_t nargs;
            uint32_t name_start; /* where the name is written (call_name_span) */
        } call;
    } u;
};

static inline Span pick_column_span(const Expr *e)
{
    uint32_t start = e->u.pick.column_start;
    return (Span){e->span.file, start, start + (uint32_t)strlen(e->u.pick.column)};
}

/* Part i of reference e (part n is a picked reference's column), read in order from part
 * 0: `end` carries the previous part's end. A compact reference ("a.b.c[2026]", the usual
 * kind) keeps only its names, each written one byte after the one before. */
static inline PathPart ref_part(const Expr *e, uint32_t i, uint32_t *end)
{
    if (!e->u.ref.compact) {
        PathPart p = ((const PathPart *)e->u.ref.parts)[i];
        *end = p.end;
        return p;
    }
    const char *name = ((const char *const *)e->u.ref.parts)[i];
    uint32_t start = i == 0 ? e->span.start : *end + 1;
    *end = start + (uint32_t)strlen(name);
    return (PathPart){name, start, *end};
}

/* Where a reference is written, as operands quote it: a picked reference's path without
 * its column (which the node's span covers); any other reference its span, with the
 * parentheses the parser widens a parenthesised expression's span to. */
static inline Span ref_span(const Expr *e)
{
    if (!e->u.ref.picked)
        return e->span;
    uint32_t end = 0, start = ref_part(e, 0, &end).start;
    for (uint32_t i = 1; i < e->u.ref.n; i++)
        ref_part(e, i, &end);
    return (Span){e->span.file, start, end};
}

static inline Span call_name_span(const Expr *e)
{
    uint32_t start = e->u.call.name_start;
    return (Span){e->span.file, start, start + (uint32_t)strlen(e->u.call.name)};
}

typedef enum CheckStatus { CHECK_PASSED, CHECK_FAILED, CHECK_SKIPPED, CHECK_INVALID } CheckStatus;

enum { CHECK_STATUSES = CHECK_INVALID + 1 };

/* A reference as one evaluation of a check read it: its item's figure in that column
 * (operand_cell), in the item's unit. Figures are settled before any check runs. */
typedef struct Operand {
    const Expr *ref; /* the reference in the check (operand_span), resolved to its item */
    int column;
} Operand;

static inline const Item *operand_item(const Operand *op)
{
    return op->ref->u.ref.target;
}

static inline Span operand_span(const Operand *op)
{
    return ref_span(op->ref);
}

static inline Cell operand_cell(const Operand *op)
{
    return operand_item(op)->value[op->column];
}

typedef struct CheckResult {
    Operand *operands;
    Cell lhs, rhs;         /* has_sides: both sides of the comparison at the top, in side_unit */
    const char *side_unit; /* the unit both sides are shown in ("万元", "万元/人"), or NULL */
    const Item *missing;   /* for skipped results */
    int column;            /* -1: every reference picks its column, evaluated once */
    uint32_t noperands;
    int rhs_decimals;      /* for ~=: the published literal's precision */
    uint8_t status;        /* a CheckStatus */
    bool has_sides;
    bool percent;          /* sides are shares compared with a percentage */
} CheckResult;

typedef struct Check {
    Expr *expr;
    /* The expression as written: its bytes in the source (expr->span long), which reports
     * and the semantic diff quote. */
    const char *expr_text;
    const void *rate_used;  /* the RateDecl a comparison converted through, for the report */
    const Value *within;    /* `within` TOLERANCE, or NULL */
    char *message;
    struct Check *next;
    CheckResult *results;
    Span span;
    uint32_t nresults;
    bool is_warn;
    bool broken;            /* a part of it was reported as wrong: its result is invalid */
} Check;

/* The text of span s, which lies inside check k's expression (a reference in it, or all of it). */
static inline const char *check_text(const Check *k, Span s)
{
    return k->expr_text + (s.start - k->expr->span.start);
}

typedef struct Column {
    const char *id;
    char *label;
    Span span;
} Column;

typedef struct Meta {
    const char *key;
    char *value;
    Span span;
    struct Meta *next;
} Meta;

typedef struct Consolidation Consolidation;

/* A piece of a text: literal prose, or an interpolated {expression}. */
typedef struct TextPart {
    Expr *expr;      /* NULL for literal prose */
    char *literal;   /* the prose, escapes resolved (literal parts) */
    bool percent;    /* {expr:%}: shown as a percentage */
    Span span;       /* the source of the part ({...} with its braces for an expression) */
    /* Facts from the checker, for expressions. */
    bool stated;
    Num value;       /* in the unit below, before rounding for display */
    const char *unit; /* the unit it is shown in (the budget's unit when it measures the same) */
    char *shown;     /* as written into the prose */
} TextPart;

/* `text ID ["title"] "prose with {expressions}"`: prose that quotes the budget's figures. */
typedef struct Text {
    const char *id;
    Span id_span, span;
    Span content; /* the prose's bytes in the source, between its quotes */
    char *title;
    TextPart *parts;
    uint32_t nparts;
    char *rendered;  /* the prose with every value written in (by the checker) */
    struct Text *next;
} Text;

typedef struct Budget {
    const char *id;
    Span id_span, span;
    char *title;
    bool has_year;
    NumLit year;
    const char *unit_name;
    Span unit_span;
    const Unit *unit;
    bool has_rounding;
    NumLit rounding;
    Column *columns;
    uint32_t ncolumns;
    bool has_columns;
    Span columns_span;
    Meta *meta;
    Item *items; /* top-level groups and stand-alone items, in order */
    uint32_t nitems;
    Check *checks;
    Consolidation *consolidation; /* a `consolidate` block: its items are built by the checker */
    Text *texts;
    struct Budget *next;
    /* Facts from the checker: its groups' columns by reconciliation status and its checks
     * by overall status, counted as each is settled (reports need them without another
     * walk over a million items). */
    size_t recon_counts[RECON_STATUSES];
    size_t check_counts[CHECK_STATUSES];
} Budget;

/* Counts a settled group's reconciliations into its budget's recon_counts. */
static inline void recon_count(Budget *b, const Recon *r, uint32_t ncolumns)
{
    for (uint32_t col = 0; col < ncolumns; col++)
        b->recon_counts[r[col].status]++;
}

/* `consolidate ID "title" { budgets A, B; groups X, Y; ... }`: the same-named groups of
 * several budgets side by side, one column per budget and a total column. */
struct Consolidation {
    Budget *budget;     /* the result: settings and checks from the block, items and columns derived */
    PathPart *budgets;  /* the budgets summed, in column order */
    uint32_t nbudgets;
    Span budgets_span;
    PathPart *groups;   /* the top-level groups summed */
    uint32_t ngroups;
    Span groups_span;
    bool imported;      /* declared in an imported file: checked, not output */
    Budget **members;   /* resolved by the checker: one per column but the last (NULL: unknown) */
    Consolidation *next;
};

typedef struct UnitDecl {
    const char *name;
    Span span, name_span;
    char *label;
    bool scaled; /* unit X = FACTOR OF */
    NumLit factor;
    const char *of_name;
    Span of_span;
    struct UnitDecl *next;
} UnitDecl;

typedef struct RateDecl {
    const char *from;
    Span span, from_span;
    NumLit factor;
    const char *to;
    Span to_span;
    struct RateDecl *next;
} RateDecl;

/* `import "path"`: another file whose declarations and budgets become visible. */
typedef struct ImportDecl {
    char *path;      /* as written */
    Span span, path_span;
    struct ImportDecl *next;
} ImportDecl;

/* One code of a classification scheme: `201 "一般公共服务支出" { ... }`. */
struct ClassNode {
    const Classification *in; /* its scheme (set by the checker) */
    const char *code; /* as written, interned */
    char *name;
    Span span, code_span;
    ClassNode *parent, *children, *next;
    uint32_t level; /* 1 for the top level (类), 2 for 款, 3 for 项 */
    uint32_t seq;   /* position in the scheme, in reading order: rows of views sort by it */
};

/* `classification ID "label" { CODE "name" { ... } ... }`. */
struct Classification {
    const char *id;
    char *label;
    Span span, id_span;
    Meta *meta;
    ClassNode *nodes;
    uint32_t nnodes;
    Classification *next;
};

typedef struct Program {
    UnitDecl *units;
    RateDecl *rates;
    Budget *budgets;          /* the budgets of the file named on the command line */
    Budget *imported_budgets; /* budgets of imported files: checked, visible, not output */
    ImportDecl *imports;      /* of every file read, in reading order */
    Classification *classifications;
    Consolidation *consolidations;
} Program;

/* A declared unit, as the checker sees it. */
struct Unit {
    const char *name;
    const UnitDecl *decl;
    const Unit *base; /* the base unit of its dimension (itself for a base unit) */
    Num factor;       /* how many base units one of this unit is */
    bool resolved, failed; /* scaled units: settled, or reported as wrong */
};

const char *item_label(const Item *it);
/* The item after `it` in pre-order (a group before its children), without recursion,
 * since groups may nest deeply; NULL after the budget's last item. */
Item *item_next(const Item *it);

#endif
