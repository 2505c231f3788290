/* ast.h - the syntax tree of a BDL file, and the facts the checker attaches to it.
 * Every node has a Span. Nodes, strings and fact arrays live in one Arena. */
#ifndef BDL_AST_H
#define BDL_AST_H

#include "num.h"
#include "source.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct Unit Unit;

/* A number as written: its exact value and how many decimals it shows. */
typedef struct NumLit {
    Num value;
    int decimals;
    bool invalid; /* the scanner already reported it; uses treat it as not stated */
    Span span;
} NumLit;

/* One column value of an item: a number with an optional unit, or "-" (not stated). */
typedef struct Value {
    Span span;
    bool stated;
    Num num;
    int decimals;
    const char *unit_name; /* NULL: the budget's default unit */
    Span unit_span;
    const Unit *unit;      /* resolved by the checker */
} Value;

typedef struct Values {
    Value *items;
    uint32_t n;
    Span span;
} Values;

typedef struct CodeRef {
    const char *scheme; /* NULL: the default scheme */
    char *code;
    Span span;
    struct CodeRef *next;
} CodeRef;

typedef struct Note {
    char *text;
    Span span;
    struct Note *next;
} Note;

typedef struct Tag {
    const char *key;
    char *value;
    Span span;
    struct Tag *next;
} Tag;

typedef struct Attrs {
    CodeRef *codes;
    Note *notes;
    Tag *tags;
    /* The last of each list, so appending stays constant time however long the line. */
    CodeRef *last_code;
    Note *last_note;
    Tag *last_tag;
} Attrs;

/* A cell of the value grid: stated (published or computable) or not. */
typedef struct Cell {
    Num v;
    bool stated;
} Cell;

typedef enum ReconStatus {
    RECON_NONE,     /* no total stated in this column */
    RECON_EXACT,    /* the stated total equals the sum */
    RECON_ROUNDING, /* within the rounding bound: recorded, not an error */
    RECON_FAILED,
    RECON_SKIPPED   /* an item in the sum is not stated */
} ReconStatus;

typedef struct Recon {
    ReconStatus status;
    Num diff, bound; /* stated - computed, and the allowed |diff| */
    const struct Item *missing; /* for RECON_SKIPPED: the first item not stated */
} Recon;

typedef enum ItemKind { ITEM_PLAIN, ITEM_GROUP, ITEM_MEMO } ItemKind;

typedef struct Item {
    ItemKind kind;
    const char *id;
    Span id_span, span;
    char *label; /* NULL: the ID is the label */
    Values values; /* an item's figures; a group's stated totals */
    Attrs attrs;
    struct Item *parent, *children, *next;
    uint32_t nchildren;
    uint32_t depth;
    bool excluded;   /* left out of its group's sum: wrong unit or duplicate ID (reported) */
    bool incomplete; /* a child is missing or excluded after an error: totals not reconciled */
    struct Item *same_name; /* the previous item with the same ID anywhere in the budget */
    /* Facts from the checker, one entry per column. */
    const Unit *unit;
    Cell *value;    /* the figure every later use sees */
    Cell *computed; /* groups: the sum of the children */
    Recon *recon;   /* groups: reconciliation of stated totals */
} Item;

typedef enum ExprKind { EXPR_NUM, EXPR_PERCENT, EXPR_REF, EXPR_PICK, EXPR_UNARY, EXPR_BINARY, EXPR_CALL } ExprKind;

typedef enum Op {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_APPROX,
    OP_AND, OP_OR, OP_NOT
} Op;

typedef struct PathPart {
    const char *name;
    Span span;
} PathPart;

typedef struct Expr Expr;

typedef struct ExprList {
    Expr **items;
    uint32_t n;
} ExprList;

/* Expressions deeper than this are refused (E0204): evaluation recurses over the tree. */
enum { MAX_EXPR_DEPTH = 1000 };

struct Expr {
    ExprKind kind;
    Span span;
    uint32_t depth;
    const char *unit; /* EXPR_NUM written with a unit ("1 万元"); NULL for a bare number */
    Span unit_span;
    union {
        NumLit num; /* EXPR_NUM, EXPR_PERCENT (value already divided by 100) */
        struct {
            PathPart *parts;
            uint32_t n;
            Item *target; /* resolved by the checker */
        } ref;
        struct {
            Expr *base;
            const char *column;
            Span column_span;
            int index; /* resolved by the checker */
        } pick;
        struct {
            Op op;
            Expr *lhs, *rhs; /* rhs is NULL for unary operators */
        } op;
        struct {
            const char *name;
            Span name_span;
            ExprList args;
        } call;
    } u;
};

typedef enum CheckStatus { CHECK_PASSED, CHECK_FAILED, CHECK_SKIPPED, CHECK_INVALID } CheckStatus;

/* A reference's value as seen by one evaluation of a check. */
typedef struct Operand {
    Span span;      /* the reference in the check */
    const Item *item;
    int column;
    Cell cell;
    const Unit *unit;
} Operand;

typedef struct CheckResult {
    int column; /* -1: every reference picks its column, evaluated once */
    CheckStatus status;
    Operand *operands;
    uint32_t noperands;
    bool has_sides; /* a comparison at the top: lhs/rhs in lhs_unit */
    Cell lhs, rhs;
    const char *side_unit; /* the unit both sides are shown in ("万元", "万元/人"), or NULL */
    bool percent;          /* sides are shares compared with a percentage */
    int rhs_decimals;      /* for ~=: the published literal's precision */
    const Item *missing; /* for skipped results */
} CheckResult;

typedef struct Check {
    bool is_warn;
    Expr *expr;
    bool has_within;
    bool broken;            /* a part of it was reported as wrong: its result is invalid */
    const void *rate_used;  /* the RateDecl a comparison converted through, for the report */
    Value within;
    char *message;
    Span span;
    struct Check *next;
    CheckResult *results;
    uint32_t nresults;
} Check;

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
    struct Budget *next;
} Budget;

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

typedef struct Program {
    UnitDecl *units;
    RateDecl *rates;
    Budget *budgets;
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
