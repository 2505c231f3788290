/* sema.h - what the checker found about a Program, kept apart from its syntax tree:
 * every item's unit and figures, groups' sums and reconciliations, what references name,
 * checks' results, texts as rendered. Emitters read the tree and these facts; they never
 * call the checker. The facts of a node are found through its `index` (syntax/ast.h).
 * Everything here lives in the compilation's arena. */
#ifndef BDL_SEMA_H
#define BDL_SEMA_H

#include "syntax/ast.h"

/* A declared unit, as the checker settles it. */
typedef struct Unit {
    const char *name;
    const UnitDecl *decl;
    const struct Unit *base; /* the base unit of its dimension (itself for a base unit) */
    Num factor;              /* how many base units one of this unit is */
    bool resolved, failed;   /* scaled units: settled, or reported as wrong */
    Sign sign;               /* of a base unit: the currency sign its dimension is written with */
} Unit;

/* The unit's name, or "" for plain numbers (for messages). */
static inline const char *unit_name(const Unit *u)
{
    return u ? u->name : "";
}

/* The unit's name, or NULL for plain numbers (for outputs that leave it out). */
static inline const char *unit_shown(const Unit *u)
{
    return u ? u->name : NULL;
}

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

/* A group's column: the sum of its items, and how a stated total compares with it. */
typedef struct Recon {
    Cell computed;         /* the sum of the items (not stated when one of them is not) */
    PackedNum diff, bound; /* stated - computed, and the allowed |diff| (0 when not compared) */
    const Item *missing;   /* for RECON_SKIPPED: the first item not stated */
    ReconStatus status;
} Recon;

/* What a `view` rolls up, as resolved. */
typedef struct ViewFacts {
    const Classification *scheme;
    const Item *source;
    uint32_t levels; /* rows go down to this level (0: the view could not be built) */
} ViewFacts;

/* A derived column's figure in one row, or a period figure the formulas read: what the
 * formula gives, how far a published figure may be from the unrounded one, and how the
 * two compare (docs/language.md 4.6-4.7). */
typedef enum DerivedStatus {
    DERIVED_NONE,     /* a period figure as stated or summed */
    DERIVED_BASE,     /* a period figure the row did not state, derived from a change */
    DERIVED_COMPUTED, /* a derived figure the row did not state: computed */
    DERIVED_EXACT,    /* stated, and equal to the formula's value */
    DERIVED_ROUNDING, /* stated, and agreeing as published or within the rounding allowance */
    DERIVED_FAILED,   /* stated, and wrong (E0410) */
    DERIVED_SKIPPED   /* stated, but a figure the formula reads is not (or divides by zero) */
} DerivedStatus;

enum { DERIVED_STATUSES = DERIVED_SKIPPED + 1 };

typedef struct Derived {
    Cell computed;   /* the formula's value in the row (not stated when it cannot be computed) */
    PackedNum width; /* how far the figure may be from the unrounded one (0 without rounding) */
    int missing;     /* DERIVED_SKIPPED: the column not stated (-1: a division by zero) */
    DerivedStatus status;
} Derived;

typedef struct ItemFacts {
    const Unit *unit;
    Cell *value;         /* one per column: the figure every later use sees (NULL: none) */
    Recon *recon;        /* groups: one per column */
    const ClassNode **codes; /* one per code written, as resolved (NULL: unknown) */
    Derived *derived;    /* one per column when the budget has derived columns, else NULL */
    bool excluded;       /* left out of its group's sum: wrong unit or duplicate ID (reported) */
    bool incomplete;     /* a child is missing or excluded after an error: not reconciled */
} ItemFacts;

/* What a reference resolved to (EXPR_REF), and the column a pick names (EXPR_REF when
 * picked, EXPR_PICK); -1: unknown, reported. */
typedef struct ExprFacts {
    const Item *target;
    int column;
} ExprFacts;

typedef enum CheckStatus { CHECK_PASSED, CHECK_FAILED, CHECK_SKIPPED, CHECK_INVALID } CheckStatus;

enum { CHECK_STATUSES = CHECK_INVALID + 1 };

/* A reference as one evaluation of a check read it: its item's figure in that column. */
typedef struct Operand {
    const Expr *ref; /* the reference in the check (ref_span) */
    const Item *item;
    int column;
} Operand;

typedef struct CheckResult {
    Operand *operands;
    uint32_t noperands;
    Cell lhs, rhs;         /* has_sides: both sides of the comparison at the top, in side_unit
                            * (passed and failed results) */
    const char *side_unit; /* the unit both sides are shown in ("万元", "万元/人"), or NULL */
    const Item *missing;   /* for skipped results */
    const Item *row;       /* an `each` claim's row, else NULL */
    int column;            /* -1: every reference picks its column, evaluated once */
    int rhs_decimals;      /* for ~=: the published literal's precision */
    CheckStatus status;
    bool has_sides;
    bool percent;          /* sides are shares compared with a percentage */
} CheckResult;

typedef struct CheckFacts {
    CheckResult *results;
    uint32_t nresults;
    CheckStatus status;        /* over its columns: failed (or invalid) > passed > skipped */
    bool broken;               /* a part of it was reported as wrong: its result is invalid */
    const RateDecl *rate_used; /* the rate a comparison converted through, for the report */
} CheckFacts;

typedef struct TextPartFacts {
    bool stated;
    Num value;        /* in the unit below, before rounding for display */
    const char *unit; /* the unit it is shown in (the budget's unit when it measures the same) */
    char *shown;      /* as written into the prose */
} TextPartFacts;

/* A growth rate written by hand in the prose ("增长12.5%"): a percentage after an item's
 * label and a word of change, in one sentence (language.md 15). */
typedef struct RateQuote {
    const Item *item;
    Span span;             /* the percentage as written */
} RateQuote;

typedef struct TextFacts {
    char *rendered;        /* the prose with every value written in */
    TextPartFacts *parts;  /* one per part (only expressions' are set) */
    RateQuote *rates;      /* growth rates written by hand, in order */
    uint32_t nrates, caprates;
} TextFacts;

/* What a column is: the document's figures for a period, or derived by its formula. */
typedef enum ColumnKind {
    COLUMN_PERIOD,
    COLUMN_CHANGE, /* A - B */
    COLUMN_RATE,   /* (A - B) / B */
    COLUMN_SHARE,  /* share(A), share(A, PATH) */
    COLUMN_AMOUNT, /* another formula giving amounts */
    COLUMN_RATIO   /* another formula giving ratios */
} ColumnKind;

typedef struct ColumnFacts {
    ColumnKind kind;
    bool ratio;  /* its figures are rates or shares, written as percentages */
    bool broken; /* its formula was reported as wrong: nothing is derived from it */
    int to, from; /* a change or a rate: from column `from` to column `to`; else -1 */
} ColumnFacts;

/* --- rule sets applied (language.md 16) --- */

/* Where an obligation of a rule set stands for one budget: checked (passed, failed, skipped
 * because a figure is not stated, invalid after an error), not applicable (a role it needs
 * is bound to `none`), or not implemented yet (listed, never passed). */
typedef enum DutyStatus {
    DUTY_PASSED, DUTY_FAILED, DUTY_SKIPPED, DUTY_INVALID, DUTY_NOT_APPLICABLE, DUTY_NOT_IMPLEMENTED
} DutyStatus;

enum { DUTY_STATUSES = DUTY_NOT_IMPLEMENTED + 1 };

/* How a role is bound in the budget. */
typedef struct RoleFacts {
    const Binding *binding; /* NULL: unbound (reported), or a param left at its default */
    const Item *item;       /* a figure bound to a plain reference: its item */
    int column;             /* a column: its index in the budget (-1 otherwise) */
    Num value;              /* a param: the value in force */
    bool broken;            /* the binding was reported as wrong */
} RoleFacts;

/* One entry of the obligation ledger. */
typedef struct Duty {
    const Obligation *obligation;
    DutyStatus status;
    const char *reason;     /* not applicable, skipped: the binding's; not implemented: the pack's */
    const Binding *because; /* the binding it rests on, or NULL */
    Check **checks;         /* the checks it added to the budget (its claims) */
    uint32_t nchecks;
} Duty;

/* A rule set as one budget follows it: its roles' bindings and its ledger. */
typedef struct Ledger {
    const RuleSet *set;     /* NULL: no rule set to follow (reported) */
    const Apply *shared;    /* the shared bindings applied with the budget's own, or NULL */
    RoleFacts *roles;       /* one per role of set */
    Duty *duties;           /* one per obligation of set */
    size_t counts[DUTY_STATUSES];
} Ledger;

typedef struct BudgetFacts {
    const Unit *unit;
    ColumnFacts *columns; /* one per column */
    uint32_t *order;      /* the derived columns, operands before the columns they feed */
    uint32_t nderived;
    uint32_t *periods;    /* the period columns, in order: where an unpicked claim is evaluated */
    uint32_t nperiods;
    bool rounding_valid; /* has_rounding, and the step is greater than zero */
    Budget **members;    /* a consolidation's budgets, one per column but the last (NULL: unknown) */
    /* Its groups' columns by reconciliation status and its checks by overall status, counted
     * as each is settled. */
    size_t recon_counts[RECON_STATUSES];
    size_t check_counts[CHECK_STATUSES];
    size_t derived_counts[DERIVED_STATUSES];
} BudgetFacts;

/* Whether column col of a budget is derived by a formula. */
static inline bool column_derived(const BudgetFacts *f, uint32_t col)
{
    return f->columns && f->columns[col].kind != COLUMN_PERIOD;
}

/* Item facts come in chunks, so that the items the checker derives (a view's rows) get
 * theirs without moving the others'. */
enum { SEMA_CHUNK = 4096 };

typedef struct Sema {
    Arena *arena;
    ItemFacts **item_chunks;
    uint32_t nchunks;
    ExprFacts *exprs;
    CheckFacts *checks;
    TextFacts *texts;
    BudgetFacts *budgets;
    Ledger *ledgers;
    ViewFacts *views; /* apart from ItemFacts: few items are views */
    uint32_t cap_exprs, cap_checks; /* grown for the checks rule sets add */
} Sema;

/* Room for the facts of every node p numbered so far. */
void sema_init(Sema *s, Arena *arena, const Program *p);
/* Room for the facts of items numbered since (the checker's derived items). */
void sema_reserve_items(Sema *s, uint32_t nitems);
/* Room for the facts of references and checks numbered since (a rule set's claims, added
 * to a budget). Facts already found are kept; pointers to them are not. */
void sema_reserve_checks(Sema *s, uint32_t nexprs, uint32_t nchecks);
void sema_free(Sema *s);

static inline ItemFacts *sema_item(const Sema *s, const Item *it)
{
    return &s->item_chunks[it->index / SEMA_CHUNK][it->index % SEMA_CHUNK];
}

static inline ExprFacts *sema_expr(const Sema *s, const Expr *e)
{
    return &s->exprs[e->index];
}

static inline CheckFacts *sema_check(const Sema *s, const Check *k)
{
    return &s->checks[k->index];
}

static inline TextFacts *sema_text(const Sema *s, const Text *t)
{
    return &s->texts[t->index];
}

static inline BudgetFacts *sema_budget(const Sema *s, const Budget *b)
{
    return &s->budgets[b->index];
}

static inline Ledger *sema_ledger(const Sema *s, const Apply *a)
{
    return &s->ledgers[a->index];
}

/* A view's facts (all zero until the checker builds it); NULL for any other item. */
static inline ViewFacts *sema_view(const Sema *s, const Item *it)
{
    return it->view ? &s->views[it->view->index] : NULL;
}

/* The label people read: as written, else the catalogue's name for its code, else the ID. */
const char *sema_label(const Sema *s, const Item *it);
/* The same without the ID: NULL when neither the file nor the catalogue names it. */
const char *sema_given_label(const Sema *s, const Item *it);
/* An item's figure in column col; not stated when it has none. */
Cell sema_cell(const Sema *s, const Item *it, uint32_t col);
/* Overall status of a check across its results: failed > passed > skipped. */
CheckStatus check_status_of(const CheckResult *results, uint32_t n);

#endif
