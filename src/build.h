/* build.h - constructors the grammar actions call to assemble the AST.
 * Keeping them here keeps parser.y a grammar rather than a program. */
#ifndef BDL_BUILD_H
#define BDL_BUILD_H

#include "ast.h"
#include "parse.h"

/* A growable array of pointers carved from the arena (lists in the grammar). */
typedef struct PtrList {
    void **items;
    uint32_t n, cap;
} PtrList;

void ptrlist_push(Arena *a, PtrList *l, void *p);

typedef enum StmtKind {
    STMT_ITEM, STMT_CHECK, STMT_YEAR, STMT_UNIT, STMT_ROUNDING, STMT_COLUMNS, STMT_META, STMT_VIEW,
    STMT_BUDGETS, STMT_GROUPS, /* consolidations only */
    STMT_TEXT,
    STMT_NKINDS
} StmtKind;

/* A statement inside a budget or group body, before it is sorted into place. */
typedef struct Stmt {
    StmtKind kind;
    Span span;
    struct Stmt *next;
    union {
        Item *item;
        Check *check;
        NumLit num;
        struct {
            const char *name;
            Span span;
        } unit;
        PtrList columns; /* of Column* */
        PtrList names;   /* of PathPart*: `budgets a, b` and `groups x, y` */
        Meta *meta;
        Text *text;
    } u;
} Stmt;

typedef struct StmtList {
    Stmt *head, *tail;
    bool lost; /* a statement was dropped by error recovery */
} StmtList;

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
/* view ID "label" = rollup SCHEME of PATH [depth N]; reports misspelt words. */
Stmt *view_new(ParseCtx *c, const char *id, Span id_span, Label label, const char *rollup,
               Span rollup_span, const char *scheme, Span scheme_span, const char *of, Span of_span,
               PtrList *path, Span path_span, NumLit *depth, Span span);
void view_depth_word(ParseCtx *c, const char *word, Span at);
/* text ID ["title"] "prose": splits the prose at its {expressions} and parses each. */
Stmt *text_new(ParseCtx *c, const char *id, Span id_span, Label title, char *body, Span body_span, Span span);

void stmts_append(StmtList *l, Stmt *s);
Stmt *stmt_new(ParseCtx *c, StmtKind kind, Span span);

Value *value_number(ParseCtx *c, NumLit n, const char *unit, Span unit_span, Span span);
Value *value_not_stated(ParseCtx *c, Span span);
Values values_from(ParseCtx *c, PtrList *l, Span span);

void attrs_add_code(ParseCtx *c, Attrs *a, const char *scheme, Span num_span, Span span);
void attrs_add_note(ParseCtx *c, Attrs *a, char *text, Span span);
void attrs_add_tag(ParseCtx *c, Attrs *a, const char *key, char *value, Span span);

Item *item_new(ParseCtx *c, ItemKind kind, const char *id, Span id_span, Label label,
               Values values, Attrs attrs, Span span);
/* Sorts a group body: items become children; checks are hoisted; settings are errors. */
Item *group_new(ParseCtx *c, const char *id, Span id_span, Label label, Values totals,
                Attrs attrs, StmtList body, Span span, Check **hoisted);
Check *check_new(ParseCtx *c, bool is_warn, Expr *e, Value *within, Label msg, Span span);
Column *column_new(ParseCtx *c, const char *id, Label label, Span span);
Meta *meta_new(ParseCtx *c, const char *key, char *value, Span span);

void budget_add(ParseCtx *c, const char *id, Span id_span, Label title, StmtList body, Span span);
void consolidate_add(ParseCtx *c, const char *id, Span id_span, Label title, StmtList body, Span span);
void unit_add(ParseCtx *c, const char *name, Span name_span, NumLit *factor, const char *of,
              Span of_span, Label label, Span span);
void import_add(ParseCtx *c, char *path, Span path_span, Span span);
void rate_add(ParseCtx *c, const char *from, Span from_span, NumLit factor, const char *to,
              Span to_span, Span span);

Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, Span span);
Expr *expr_ref(ParseCtx *c, PtrList *parts, Span span);
PathPart *path_part(ParseCtx *c, const char *name, Span span);
Expr *expr_pick(ParseCtx *c, Expr *base, const char *column, Span column_span, Span span);
Expr *expr_op(ParseCtx *c, Op op, Expr *lhs, Expr *rhs, Span span);
Expr *expr_call(ParseCtx *c, const char *name, Span name_span, PtrList *args, Span span);

/* Interned source text of a span (column IDs such as 2026 are kept as written). */
const char *span_text(ParseCtx *c, Span s);

#endif
