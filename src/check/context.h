/* context.h - state shared by the checker's phases (units.c, names.c, totals.c, eval.c). */
#ifndef BDL_CHECKER_H
#define BDL_CHECKER_H

#include "base/buf.h"
#include "check/check.h"
#include "base/map.h"

enum { MAX_DIMS = 4 };

/* A product of base units with exponents: 万元/人 is {元:1, 人:-1}. */
typedef struct Dim {
    const Unit *base[MAX_DIMS];
    int8_t exp[MAX_DIMS];
    uint8_t n;
} Dim;

/* Rounding bounds of one budget by group size (totals.c), for sizes below BOUND_CACHE. */
enum { BOUND_CACHE = 64 };
typedef struct BoundCache {
    const Budget *budget;
    uint64_t known; /* bit n: bound[n] is set */
    Num bound[BOUND_CACHE];
} BoundCache;

typedef struct Checker {
    Arena *arena;
    Interns *interns;
    Diags *diags;
    SourceSet *sources;
    Program *program;
    Map units;        /* (checker, name) -> Unit */
    Unit **unit_list;
    size_t nunits;
    Budget *budget;   /* the budget being checked */
    Map siblings;     /* (parent item or budget, id) -> Item, for scopes of many items */
    Map bare;         /* (budget, id) -> last Item with that id (back along same_name) */
    Map same_name;    /* (item, NULL) -> the item before it with its id, in the bare index */
    const Budget *bare_indexed; /* the budget whose IDs are in `bare` */
    size_t suggestions_left; /* "did you mean" scans are bounded for huge inputs */
    Map schemes;      /* (checker, id) -> Classification */
    Map codes;        /* (Classification, code) -> ClassNode */
    size_t nschemes;
    BoundCache bounds;
} Checker;

/* units.c */
void units_declare(Checker *c);
const Unit *unit_find(Checker *c, const char *name, Span at);
bool unit_same_dim(const Unit *a, const Unit *b);
/* Converts v from one unit to another of the same dimension, exactly. */
NumStatus unit_convert(Num v, const Unit *from, const Unit *to, Num *out);
Dim dim_of(const Unit *u);
bool dim_equal(const Dim *a, const Dim *b);
Dim dim_combine(const Dim *a, const Dim *b, int sign, bool *ok);
void dim_write(Buf *b, const Dim *d);
/* A rate connecting two dimensions (amount in `from` times factor = amount in `to`). */
const RateDecl *rate_find(Checker *c, const Unit *from, const Unit *to, Num *factor);

/* names.c */
void names_index(Checker *c, Budget *b);
/* The child called `id` of `parent` (of the budget's top level when NULL), or NULL. */
Item *names_child(Checker *c, const Budget *b, const Item *parent, const char *id);
void names_resolve_expr(Checker *c, Expr *e);
/* Levenshtein distance in code points, capped: the nearest-name suggestions use it. */
size_t edit_distance(const char *a, const char *b, size_t cap);

/* totals.c */
void totals_check(Checker *c, Budget *b);

/* classify.c */
void classifications_declare(Checker *c);
/* Resolves every `code` of the budget's items, checks nesting and labels. */
void codes_check(Checker *c, Budget *b);
/* Builds the rows of every `view` of the budget (after totals_check). */
void views_build(Checker *c, Budget *b);

/* consolidate.c: builds, checks and then lists every consolidation as a budget. */
void consolidations_check(Checker *c);

/* eval.c */
void checks_evaluate(Checker *c, Budget *b);

/* An expression's value for prose, read in the budget's first column unless picked. */
typedef struct Amount {
    bool valid;     /* false after an error (reported) */
    bool is_claim;  /* true/false rather than an amount */
    bool stated;
    Num value;      /* in `unit`: the budget's unit when it measures the same thing */
    const char *unit; /* NULL for a plain number */
    const Item *missing; /* not stated: the first item that is not */
} Amount;
Amount eval_amount(Checker *c, Expr *e);

/* narrative.c: writes every text's figures in and checks the numbers written by hand. */
void texts_check(Checker *c, Budget *b);

/* check.c */
/* The first thing named `name` in `scope`, or NULL (and `it` is recorded as the first):
 * duplicates found through a map, never by comparing each with all before it. */
void *first_named(Map *seen, const void *scope, const char *name, void *it);
void report_overflow(Checker *c, Span at, NumStatus st);
char *span_source(Checker *c, Span s);
void show_amount(Buf *b, Num v, const Unit *u);
void show_amount_in(Buf *b, Num v, const char *unit);
void show_percent(Buf *b, Num v);

#endif
