/* build.h - constructors the grammar actions call to assemble the AST.
 * Keeping them here keeps parser.y a grammar rather than a program. */
#ifndef BDL_BUILD_H
#define BDL_BUILD_H

#include "syntax/ast.h"
#include "syntax/parse.h"

/* A growable array of pointers carved from the arena (lists in the grammar). */
typedef struct PtrList {
    void **items;
    uint32_t n, cap;
} PtrList;

void ptrlist_push(Arena *a, PtrList *l, void *p);

/* The values of an item or group are read into the parser's scratch list (one list is
 * read at a time: an item's, or a group header's before its body) and kept in their
 * final form once the list ends. */
void values_start(ParseCtx *c, Value first);
void values_push(ParseCtx *c, Value v);
Values values_take(ParseCtx *c);

/* The names of a dotted path (or of a list of names). They are read into the parser's
 * scratch list (a path ends before the next one starts) and kept once it ends. */
typedef struct PartList {
    PathPart *items;
    uint32_t n;
} PartList;

void parts_start(ParseCtx *c, const char *name, Span span);
void parts_push(ParseCtx *c, const char *name, Span span);
PartList parts_take(ParseCtx *c);

typedef enum StmtKind {
    STMT_YEAR, STMT_UNIT, STMT_ROUNDING, STMT_COLUMNS, STMT_META,
    STMT_BUDGETS, STMT_GROUPS, /* consolidations only */
    STMT_TEXT,
    STMT_VIEW, /* never a Stmt (a view is an Item): named in diagnostics only */
    STMT_NKINDS
} StmtKind;

/* A setting or text inside a body, before it is applied (or reported misplaced). */
typedef struct Stmt {
    StmtKind kind;
    Span span;
    struct Stmt *next;
    union {
        NumLit num;
        struct {
            const char *name;
            Span span;
        } unit;
        PtrList columns; /* of Column* */
        PartList names;  /* `budgets a, b` and `groups x, y` */
        Meta *meta;
        Text *text;
    } u;
} Stmt;

/* A budget or group body as it is read: its items and views (linked by next), its checks
 * (those of nested groups included) and its settings and texts, each in source order.
 * Appending is O(1). */
typedef struct Body {
    Item *items, *last_item;
    uint32_t nitems;
    Check *checks, *last_check;
    Stmt *settings, *last_setting;
    bool lost; /* a statement was dropped by error recovery */
    struct Body *next_spare;
} Body;

/* An item or group read in a body; a group hands the checks of its body up with it. */
typedef struct Entry {
    Item *item; /* NULL: nothing to keep */
    Check *checks, *last_check;
} Entry;

typedef struct Label {
    char *text; /* NULL when absent */
    Span span;
} Label;

/* The body of a classification or of one of its codes. */
typedef struct ClassBody {
    ClassNode *head, *tail;
    Meta *meta;
} ClassBody;

void class_append(ClassBody *b, ClassNode *n);
void class_meta(ParseCtx *c, ClassBody *b, Meta *m);
ClassNode *class_node_new(ParseCtx *c, Span code_span, char *name, ClassBody children, Span span);
void classification_add(ParseCtx *c, const char *id, Span id_span, Label label, ClassBody body, Span span);
/* view ID "label" = rollup SCHEME of PATH [depth N]; reports misspelt words (NULL then). */
Item *view_new(ParseCtx *c, const char *id, Span id_span, Label label, const char *rollup,
               Span rollup_span, const char *scheme, Span scheme_span, const char *of, Span of_span,
               PartList path, Span path_span, NumLit *depth, Span span);
void view_depth_word(ParseCtx *c, const char *word, Span at);
/* text ID ["title"] "prose": splits the prose at its {expressions} and parses each. */
Stmt *text_new(ParseCtx *c, const char *id, Span id_span, Label title, char *body, Span body_span, Span span);

/* The parser holds a body by pointer: a 64-byte Body in its value union made every shift
 * and reduction copy 64 bytes. A body is released when its block has been built, and the
 * next block reuses it, so only as many exist as blocks are open at once. */
Body *body_new(ParseCtx *c);
void body_release(ParseCtx *c, Body *b);
void body_add_entry(Body *b, Entry e);
void body_add_check(Body *b, Check *k);
void body_add_setting(Body *b, Stmt *s); /* s may be NULL (nothing to add) */
Stmt *stmt_new(ParseCtx *c, StmtKind kind, Span span);

Value value_number(ParseCtx *c, NumLit n, const char *unit, Span unit_span, Span span);
Value value_not_stated(Span span);
/* -n, spanning `span` (the sign and the number). */
NumLit num_negated(ParseCtx *c, NumLit n, Span span);
/* The empty span at the end of s. */
Span span_end(Span s);

/* An item's attributes as the parser reads them: codes in an array that grows (most
 * items have one), notes and tags prepended. */
typedef struct AttrList {
    CodeRef *codes;
    uint32_t ncodes, capcodes;
    Tag *tags;
} AttrList;

void attrs_add_code(ParseCtx *c, AttrList *a, const char *scheme, Span num_span, Span span);
void attrs_add_tag(ParseCtx *c, AttrList *a, const char *key, char *value, Span span);

Item *item_new(ParseCtx *c, ItemKind kind, const char *id, Span id_span, Label label,
               Values values, AttrList attrs, Span span);
/* A group: the body's items become its children, its checks are handed up to the
 * enclosing body, and settings, texts and views in it are reported as misplaced. */
Entry group_new(ParseCtx *c, const char *id, Span id_span, Label label, Values totals,
                AttrList attrs, const Body *body, Span span);
Check *check_new(ParseCtx *c, bool is_warn, Expr *e, Value *within, Label msg, Span span);
Column *column_new(ParseCtx *c, const char *id, Label label, Span span);
Meta *meta_new(ParseCtx *c, const char *key, char *value, Span span);

void budget_add(ParseCtx *c, const char *id, Span id_span, Label title, const Body *body, Span span);
void consolidate_add(ParseCtx *c, const char *id, Span id_span, Label title, const Body *body, Span span);
void unit_add(ParseCtx *c, const char *name, Span name_span, NumLit *factor, const char *of,
              Span of_span, Label label, Span span);
void import_add(ParseCtx *c, char *path, Span path_span, Span span);
void rate_add(ParseCtx *c, const char *from, Span from_span, NumLit factor, const char *to,
              Span to_span, Span span);

/* A number in a claim; unit is the unit written after it, or NULL. */
Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, const char *unit, Span unit_span, Span span);
/* The path read (parts_start, parts_push) as a reference. */
Expr *expr_ref(ParseCtx *c, Span span);
/* `a.b[2026]`: the path's names were read, then the column. */
Expr *expr_picked_ref(ParseCtx *c, Span span);
/* `( e )`: e, spanning the parentheses. */
Expr *expr_parenthesised(ParseCtx *c, Expr *e, Span span);
Expr *expr_pick(ParseCtx *c, Expr *base, const char *column, Span column_span, Span span);
Expr *expr_op(ParseCtx *c, Op op, Expr *lhs, Expr *rhs, Span span);
Expr *expr_call(ParseCtx *c, const char *name, Span name_span, PtrList *args, Span span);

/* Interned source text of a span (column IDs such as 2026 are kept as written). */
const char *span_text(ParseCtx *c, Span s);

#endif
