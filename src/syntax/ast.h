/* ast.h - the syntax tree of BDL files: what was written, with a Span on every node.
 *
 * Nodes are plain structs in the compilation's arena, freed with it; every list is an
 * array, so any node is reached by index. The tree records only what the files say: what
 * the checker finds (figures, sums, reconciliations, results) is kept apart, in
 * check/sema.h, found through the `index` that items, expressions, checks, texts and
 * budgets carry (dense, counted by the Program). */
#ifndef BDL_AST_H
#define BDL_AST_H

#include "base/num.h"
#include "base/source.h"
#include "base/vec.h"

#include <stdbool.h>
#include <stdint.h>

/* A name as written: interned text and where it stands. */
typedef struct Name {
    const char *text;
    Span span;
} Name;

/* Names separated by '.' (a path: income.general_budget) or ',' (budgets a, b). */
typedef struct Names {
    Name *items;
    uint32_t n;
} Names;

/* From the first name to the last. */
static inline Span names_span(const Names *n)
{
    if (!n->n)
        return (Span){0, 0, 0};
    Span first = n->items[0].span, last = n->items[n->n - 1].span;
    return (Span){first.file, first.start, last.end};
}

/* A number as written: its exact value and how many decimals it shows. A literal the
 * scanner already reported as invalid has no value: uses treat it as not stated. */
typedef struct NumLit {
    PackedNum value;
    Span span;
    int decimals;
    bool grouped; /* written with digit grouping: 22,770,776 */
} NumLit;

/* A currency sign written before a figure ($1,234): checked against the figure's unit. */
typedef enum Sign { SIGN_NONE, SIGN_DOLLAR, SIGN_YEN, SIGN_POUND, SIGN_EURO } Sign;

/* The sign a text stands for ("$", "¥" or its full-width "￥", "£", "€"), or SIGN_NONE. */
Sign sign_of(const char *text);
/* The sign as written in messages: "$", "¥", "£", "€". */
const char *sign_text(Sign s);

/* One value of an item (a group's stated total), or the tolerance after `within`: a number
 * with an optional unit ("3 人"), or '-' (not stated: num has no value). In 32 bytes
 * (pointers first, the flags in one byte): a budget has one per figure, two or more per
 * line item, and peak memory per item is a target of bench/results.md. */
typedef struct Value {
    PackedNum num;    /* a percentage already divided by 100 */
    const Name *unit; /* NULL: the budget's default unit */
    Span span;
    int16_t decimals; /* of a percentage: as a fraction (44.83% has 4) */
    uint8_t sign;     /* a Sign written before the figure */
    bool grouped : 1; /* written with digit grouping */
    bool percent : 1; /* written as a percentage: a ratio column's figure */
} Value;

static inline bool value_stated(const Value *v)
{
    return packed_has(v->num);
}

/* `code [SCHEME] CODE` on an item or group. */
typedef struct Code {
    const char *scheme;  /* as written; NULL: the scheme that has the code */
    const char *code;    /* as written, interned */
    Span span;           /* the whole attribute, "code economic 30309" */
    uint32_t code_start; /* where the code starts: it ends the attribute */
} Code;

static inline Span code_span(const Code *c)
{
    return (Span){c->span.file, c->code_start, c->span.end};
}

/* `note "TEXT"` (no key) or `tag KEY=VALUE`, in the order written. */
typedef struct Tag {
    const char *key; /* NULL: a note */
    char *value;
    Span span;
} Tag;

typedef enum ItemKind { ITEM_PLAIN, ITEM_GROUP, ITEM_MEMO } ItemKind;

typedef struct Item Item;

/* `view ID = rollup SCHEME of GROUP [depth N]`: a group the checker derives from the codes
 * of GROUP's items, one row per code of SCHEME down to level N. */
typedef struct ViewDecl {
    uint32_t index; /* dense in the Program: its facts in the Sema */
    Name scheme;
    Names of;
    bool has_depth;
    NumLit depth;
} ViewDecl;

/* An item, memo or group. A group's children are its items, memos and groups in order;
 * a view's are the rows the checker derives. */
struct Item {
    const char *id;     /* interned */
    char *label;        /* NULL: none written */
    Value *values;      /* one per column, as written; a group's stated totals */
    Code *codes;
    Tag *tags;
    Item *parent;       /* NULL at the top of a budget */
    Item **children;
    ViewDecl *view;     /* a `view` (then kind is ITEM_GROUP), else NULL */
    Span span, id_span;
    uint32_t nvalues, ncodes, ntags, nchildren;
    uint32_t index;     /* dense in the Program: its facts in the Sema */
    uint32_t sibling;   /* its position among its parent's children (or the budget's items) */
    ItemKind kind;
    bool broken;        /* a group whose header did not parse: nothing to reconcile */
};

typedef enum ExprKind { EXPR_NUM, EXPR_PERCENT, EXPR_REF, EXPR_PICK, EXPR_UNARY, EXPR_BINARY, EXPR_CALL } ExprKind;

typedef enum Op {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_APPROX,
    OP_AND, OP_OR, OP_NOT
} Op;

typedef struct Expr Expr;

/* Expressions deeper than this are refused (E0204): evaluation recurses over the tree. */
enum { MAX_EXPR_DEPTH = 1000 };

struct Expr {
    ExprKind kind;
    uint16_t depth;  /* at most MAX_EXPR_DEPTH + 1 */
    uint32_t index;  /* references and picks: dense in the Program, what they resolve to in
                      * the Sema (other kinds have none) */
    Span span;       /* a parenthesised expression's span includes its parentheses */
    union {
        struct {
            PackedNum value;  /* EXPR_PERCENT: already divided by 100; none: invalid */
            int decimals;
            const Name *unit; /* "1 万元"; NULL for a bare number */
        } num;                /* EXPR_NUM, EXPR_PERCENT */
        struct {
            Names path;
            const Name *column; /* `a.b[2026]`: one node, its column; NULL: not picked */
        } ref;
        struct {
            Expr *base;
            const Name *column;
        } pick;               /* `(a - b)[2026]` */
        struct {
            Op op;
            Expr *lhs, *rhs;  /* rhs is NULL for unary operators */
        } op;
        struct {
            const Name *name;
            Expr **args;
            uint32_t nargs;
        } call;               /* the rare kinds hold names by pointer: an Expr is 48 bytes */
    } u;
};

/* Where a reference is written, as operands quote it: a picked reference's path without
 * its column; any other reference its span (with any parentheses around it). */
static inline Span ref_span(const Expr *e)
{
    return e->u.ref.column ? names_span(&e->u.ref.path) : e->span;
}

typedef struct Applied Applied;

/* `each ROW in GROUP:` before a claim: the claim is made of every row of the group. */
typedef struct EachRows {
    Name row;      /* what the claim calls the row */
    Names group;
    bool under;    /* every item below the group, not only its own */
} EachRows;

typedef struct Check {
    bool is_warn;
    EachRows *each;         /* NULL: the claim is made once */
    uint32_t index;         /* dense in the Program: its results in the Sema */
    Expr *expr;
    const char *expr_text;  /* the expression's bytes in the source (expr->span long) */
    Value *within;          /* `within` TOLERANCE (or the word `rounding`), or NULL */
    bool within_rounding;   /* `within rounding`: the rounding of the figures compared (11.3) */
    char *message;
    Span span;
    const Applied *applied; /* a check a rule set adds to a budget (16): its rule and where it
                             * was applied; NULL for a check written in the budget */
} Check;

/* The text of span s, which lies inside check k's expression. */
static inline const char *check_text(const Check *k, Span s)
{
    return k->expr_text + (s.start - k->expr->span.start);
}

/* A value column: `ID ["label"] [also "name" ...] [= FORMULA]`. */
typedef struct Column {
    const char *id;  /* interned, as written (2026, budget) */
    char *label;
    char **aliases;  /* the other names the document uses for it (`also`) */
    uint32_t naliases;
    Expr *formula;   /* a derived column's (NULL: a period column, the document's figures) */
    const char *formula_text; /* the formula's bytes in the source (formula->span long) */
    Span span;
} Column;

typedef struct Meta {
    const char *key;
    char *value;
    Span span;
} Meta;

/* A piece of a text: literal prose, or an interpolated {expression}. */
typedef struct TextPart {
    Expr *expr;    /* NULL for literal prose */
    char *literal; /* the prose, escapes resolved */
    bool percent;  /* {expr:%}: shown as a percentage */
    Span span;     /* the part's source ({...} with its braces for an expression) */
} TextPart;

/* `text ID ["title"] "prose with {expressions}"`: prose that quotes the budget's figures. */
typedef struct Text {
    uint32_t index; /* dense in the Program: the rendered prose in the Sema */
    const char *id;
    Span id_span, span;
    Span content;   /* the prose's bytes in the source, between its quotes */
    char *title;
    TextPart *parts;
    uint32_t nparts;
} Text;

typedef struct Consolidation Consolidation;
typedef struct Apply Apply;

typedef struct Budget {
    uint32_t index; /* dense in the Program */
    const char *id;
    Span id_span, span;
    char *title;
    bool has_year;
    NumLit year;
    const Name *unit; /* the default unit; NULL: none */
    bool has_rounding;
    NumLit rounding;
    Column *columns;  /* without a `columns` line: one, named by the year (or `value`) */
    uint32_t ncolumns;
    bool has_columns;
    Span columns_span;
    Meta *meta;
    uint32_t nmeta;
    Item **items;     /* top-level groups and stand-alone items, in order */
    uint32_t nitems;
    Check **checks;   /* those written inside groups too, in source order */
    uint32_t nchecks;
    Text **texts;
    uint32_t ntexts;
    Consolidation *consolidation; /* a `consolidate` block: its items are built by the checker */
    Apply **applies;  /* the rule sets it follows (16), in order */
    uint32_t napplies;
} Budget;

/* `consolidate ID "title" { budgets A, B; groups X, Y; ... }`: the same-named groups of
 * several budgets side by side, one column per budget and a total column. */
struct Consolidation {
    Budget *budget;   /* settings and checks from the block; items and columns derived */
    Names budgets;    /* the budgets summed, in column order */
    Names groups;     /* the top-level groups summed */
    bool imported;    /* declared in an imported file: checked, not output */
};

typedef struct UnitDecl {
    Name name;
    Span span;
    char *label;
    Sign sign;        /* `sign "$"`: figures of this dimension may be written $1,234 */
    Span sign_span;
    bool scaled;      /* unit X = FACTOR OF */
    NumLit factor;
    Name of;
} UnitDecl;

typedef struct RateDecl {
    Name from, to;
    NumLit factor;
    Span span;
} RateDecl;

/* `import "path"`: another file whose declarations and budgets become visible. */
typedef struct ImportDecl {
    char *path; /* as written */
    Span span, path_span;
} ImportDecl;

typedef struct Classification Classification;

/* One code of a classification scheme: `201 "一般公共服务支出" { ... }`. */
typedef struct ClassNode {
    const Classification *scheme;
    const char *code; /* as written, interned */
    char *name;
    Span span, code_span;
    struct ClassNode *parent;
    uint32_t level;   /* 1 for the top level (类), 2 for 款, 3 for 项 */
    uint32_t seq;     /* its position in the scheme's nodes: rows of views sort by it */
} ClassNode;

/* `classification ID "label" { CODE "name" { ... } ... }`. */
struct Classification {
    const char *id;
    char *label;
    Span span, id_span;
    Meta *meta;
    uint32_t nmeta;
    ClassNode **nodes; /* every code, in reading order (a parent before its children) */
    uint32_t nnodes;
};

/* --- rule sets (docs/language.md 16) --------------------------------------------------- */

/* What a rule set names and a budget binds: a figure (an item or an amount), one of the
 * budget's columns, or a setting with a default (a threshold). */
typedef enum RoleKind { ROLE_FIGURE, ROLE_COLUMN, ROLE_PARAM } RoleKind;

/* `role ID "label" [optional "WORD", ...]`, `column ID "label"`, `param ID "label" = 10%`. */
typedef struct Role {
    RoleKind kind;
    Name id;
    char *label;
    bool optional;     /* may be bound to `none` (a table legitimately absent) */
    char **empty_words; /* what the reason of `none` (or the note of an empty table) must say */
    uint32_t nempty_words;
    NumLit value;      /* a param's default (a percentage is kept as its share) */
    Span span;
} Role;

typedef enum RuleKind {
    RULE_CLAIM,     /* assert / warn over roles: a check added to the budget */
    RULE_STATED,    /* `stated R, ...`: each is bound to a figure, or stated empty as required */
    RULE_REASONS,   /* `reasons R, ... from C to C over P`: a large change carries a note */
    RULE_ZERO_BASE, /* `zero_base R, ... from C`: no growth rate quoted on a zero base */
    RULE_SUMS       /* `sums R, ... in C`: column C is the sum of the other columns */
} RuleKind;

/* One statement of an obligation. */
typedef struct RuleStmt {
    RuleKind kind;
    Check *check;   /* RULE_CLAIM */
    Names roles;    /* the other kinds: the figures they look at */
    Name from, to;  /* columns (a name's text is NULL when not written) */
    Name over;      /* RULE_REASONS: the param holding the threshold */
    Span span;
} RuleStmt;

/* `obligation ID "title" [source "..."] [pending "..."] { statements }`: one duty of the
 * rules a pack follows; without statements it is listed as not implemented yet. */
typedef struct Obligation {
    Name id;
    char *title;
    char *source;
    char *pending;
    RuleStmt *stmts;
    uint32_t nstmts;
    Span span;
} Obligation;

/* `rules ID "title" { roles, columns, params, obligations }`. */
typedef struct RuleSet {
    const char *id;
    char *label;
    Span span, id_span;
    Meta *meta;
    uint32_t nmeta;
    Role *roles;
    uint32_t nroles;
    Obligation *obligations;
    uint32_t nobligations;
} RuleSet;

typedef enum BindKind {
    BIND_EXPR,     /* ROLE = path or amount (a column: its ID; a param: a number) */
    BIND_NONE,     /* ROLE = none "reason": legitimately absent */
    BIND_UNSTATED  /* ROLE = - ["reason"]: exists, but its figures are not in the spec */
} BindKind;

typedef struct Binding {
    Name role;
    BindKind kind;
    Expr *expr;   /* BIND_EXPR */
    char *reason; /* BIND_NONE, BIND_UNSTATED (may be NULL) */
    Span span;
} Binding;

/* `apply RULES { bindings }` in a budget: the budget follows a rule set; `apply RULES as
 * NAME { bindings }` at the top of a file: bindings several budgets share, applied as
 * `apply NAME { more bindings }`. */
struct Apply {
    Name rules;
    Name as;          /* a shared binding's name; text NULL in a budget */
    Binding *bindings;
    uint32_t nbindings;
    uint32_t index;   /* dense in the Program: its ledger in the Sema */
    Span span;
};

/* What a check added by a rule set comes from. */
struct Applied {
    const Apply *apply;
    const RuleSet *set;
    const Obligation *obligation;
    const Check *origin; /* the claim as the rule set writes it */
};

/* A list of the Program's declarations, appended to as files are read. */
#define PROGRAM_LIST(T, name) \
    T **name;                 \
    uint32_t n##name, cap_##name

/* Everything read for one compilation: the file named on the command line and the files
 * it imports. */
typedef struct Program {
    PROGRAM_LIST(UnitDecl, units);
    PROGRAM_LIST(RateDecl, rates);
    PROGRAM_LIST(Budget, budgets);          /* the main file's: checked and output */
    PROGRAM_LIST(Budget, imported_budgets); /* imported files': checked, visible, not output */
    PROGRAM_LIST(ImportDecl, imports);      /* of every file read, in reading order */
    PROGRAM_LIST(Classification, classifications);
    PROGRAM_LIST(Consolidation, consolidations);
    PROGRAM_LIST(RuleSet, rulesets);
    PROGRAM_LIST(Apply, shared_applies);    /* `apply R as NAME { ... }` at the top of a file */
    uint32_t nitems_made, nexprs_made, nchecks_made, ntexts_made, nbudgets_made, napplies_made,
             nviews_made; /* indexes given */
} Program;

#undef PROGRAM_LIST

/* Appends p to one of the Program's lists (the lists are the Program's: program_free). */
#define PROGRAM_APPEND(prog, name, p)                                              \
    do {                                                                          \
        VEC_GROW((prog)->name, (prog)->n##name, (prog)->cap_##name);              \
        (prog)->name[(prog)->n##name++] = (p);                                    \
    } while (0)

void program_free(Program *p);

/* The label as written, or the ID. */
const char *item_written_label(const Item *it);
/* "by_nature.basic": the dotted path of an item from its budget (the caller frees it). */
char *item_path(const Item *it);
/* The item after `it` in pre-order (a group before its children) in budget b, without
 * recursion, since groups may nest deeply; NULL after the budget's last item. */
Item *item_next(const Budget *b, const Item *it);
/* The same inside the subtree of `root`: NULL after root's last descendant. */
Item *item_next_within(const Item *it, const Item *root);
/* A new item the checker derives (a view's row, a consolidation's row): numbered in p. */
Item *item_derived(Arena *a, Program *p, ItemKind kind, const char *id, Span id_span);
/* Puts `children` (n of them, allocated by the caller) under g, numbering their siblings. */
void item_adopt(Item *g, Item **children, uint32_t n);
/* A copy of node e (its children shared) that the checker derives (a rule's claim,
 * instantiated for one budget): a reference or pick gets a new index in p. */
Expr *expr_derived(Arena *a, Program *p, const Expr *e);
/* A check the checker derives from `origin` (a rule's claim), numbered in p. */
Check *check_derived(Arena *a, Program *p, const Check *origin, Expr *expr);

#endif
