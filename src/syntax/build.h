/* build.h - what the grammar's actions build the AST with: the parser's context, the
 * lists a rule returns as $$, and one constructor per construct. Keeping them here keeps
 * parser.y a grammar. Everything is allocated in the context's arena. */
#ifndef BDL_BUILD_H
#define BDL_BUILD_H

#include "base/intern.h"
#include "base/map.h"
#include "diag/diag.h"
#include "syntax/ast.h"

/* One file being parsed into a Program. */
typedef struct ParseCtx {
    Arena *arena;
    Interns *interns;
    Diags *diags;
    uint32_t file;
    Source *source;
    Program *program;
    bool imported;        /* an imported file: its budgets are not the compilation's output */
    bool expr_too_deep_reported;
    Expr *expr_result;    /* an interpolation's expression (parse.c) */
    /* The {expressions} of the file's texts, parsed once the file is (parse.c), and the
     * texts to finish then. */
    struct Interpolation *interpolations;
    uint32_t ninterpolations, cap_interpolations;
    Text **texts;
    uint32_t ntexts, cap_texts;
} ParseCtx;

/* The lists rules return as $$; they grow in the arena (base/vec.h), from {0}. */
typedef struct NameList {
    Name *items;
    uint32_t n, cap;
} NameList;

typedef struct ValueList {
    Value *items;
    uint32_t n, cap;
} ValueList;

typedef struct ExprList {
    Expr **items;
    uint32_t n, cap;
} ExprList;

typedef struct StringList {
    char **items;
    uint32_t n, cap;
} StringList;

typedef struct ColumnList {
    Column *items;
    uint32_t n, cap;
} ColumnList;

/* An item's attributes in the order written. */
typedef struct AttrList {
    Code *codes;
    uint32_t ncodes, capcodes;
    Tag *tags;
    uint32_t ntags, captags;
} AttrList;

typedef struct Label {
    char *text; /* NULL when absent */
    Span span;
} Label;

/* What follows an item's ID: `["label"] [values] [attributes]`. */
typedef struct ItemTail {
    Label label;
    ValueList values;
    AttrList attrs;
} ItemTail;

typedef enum StmtKind {
    STMT_YEAR, STMT_UNIT, STMT_ROUNDING, STMT_COLUMNS, STMT_META,
    STMT_BUDGETS, STMT_GROUPS, /* consolidations only */
    STMT_TEXT,
    STMT_APPLY,
    STMT_VIEW, /* never a Stmt (a view is an Item): named in diagnostics only */
    STMT_NKINDS
} StmtKind;

/* A setting or text inside a body, before it is applied (or reported misplaced). */
typedef struct Stmt {
    StmtKind kind;
    Span span;
    union {
        NumLit num;
        Name unit;
        ColumnList columns;
        Names names; /* `budgets a, b` and `groups x, y` */
        Meta meta;
        Text *text;
        Apply *apply;
    } u;
} Stmt;

/* A budget or group body as it is read: its items and views, its checks (those of nested
 * groups included) and its settings and texts, each in source order. */
typedef struct Body {
    Item **items;
    uint32_t nitems, cap_items;
    Check **checks;
    uint32_t nchecks, cap_checks;
    Stmt **settings;
    uint32_t nsettings, cap_settings;
    bool lost; /* a statement was dropped by error recovery */
} Body;

/* An item or group read in a body: a group brings its body, whose checks go up with it. */
typedef struct Entry {
    Item *item;  /* NULL: nothing to keep */
    Body *body;  /* a group's, or NULL */
} Entry;

/* A classification's (or a code's) codes, each before its own codes. */
typedef struct ClassBody {
    ClassNode **nodes;
    uint32_t n, cap;
    Meta *meta;
    uint32_t nmeta, cap_meta;
} ClassBody;

/* A code of a classification, and the codes written in its block. */
typedef struct ClassEntry {
    ClassNode *node;
    ClassBody children;
} ClassEntry;

/* `view ID "label" = rollup SCHEME of GROUP [depth N]` as read. */
typedef struct ViewHead {
    Name id;
    Label label;
    Name scheme; /* text NULL: the words were wrong (reported) */
    NameList of;
    const NumLit *depth; /* NULL: no depth written */
} ViewHead;

NameList names_add(ParseCtx *c, NameList l, Name n);
ValueList values_add(ParseCtx *c, ValueList l, Value v);
ExprList exprs_add(ParseCtx *c, ExprList l, Expr *e);
ColumnList columns_add(ParseCtx *c, ColumnList l, const Column *col);
AttrList attrs_code(ParseCtx *c, AttrList a, const Name *scheme, Span code_span, Span span);
AttrList attrs_tag(ParseCtx *c, AttrList a, const char *key, char *value, Span span);

/* A keyword used as a name (`item unit 1`): its text from the source. */
Name keyword_name(ParseCtx *c, Span at);
/* A number used as a name (a column ID, a tag value): kept as written. */
Name number_name(ParseCtx *c, Span at);
/* A copy of *n in the arena (the unit after a number, a picked column), or NULL. */
const Name *name_new(ParseCtx *c, const Name *n);
/* -n, spanning `span` (the sign and the number). */
NumLit num_negated(ParseCtx *c, NumLit n, Span span);
/* A figure as written; `sign` is the currency sign before it, or NULL. */
Value value_number(NumLit n, const Name *sign, Span span);
/* A ratio column's figure written as a percentage (44.83%: 0.4483). */
Value value_percent(ParseCtx *c, NumLit n, Span span);
Value value_in_unit(ParseCtx *c, Value v, const Name *unit, Span span);
Value value_not_stated(Span span);
Label label_none(void);
Label label_of(char *text, Span span);

/* A body's lists grow on the heap while it is read: a group's items are copied into the
 * arena, exactly as many, when its block is built. A body is freed by what consumes it
 * (group_new, budget_add, ...), or by the parser when error recovery discards it. */
Body *body_new(void);
void body_free(Body *b);
void entry_free(Entry e);
Body *body_add_entry(Body *b, Entry e); /* frees e's body */
Body *body_add_check(Body *b, Check *k);
Body *body_add_setting(Body *b, Stmt *s); /* s may be NULL (nothing to add) */
/* A block whose header did not parse: read, not kept. */
void block_skipped(Body *body);

Stmt *setting_number(ParseCtx *c, StmtKind kind, NumLit n, Span span);
Stmt *setting_unit(ParseCtx *c, Name unit, Span span);
Stmt *setting_columns(ParseCtx *c, ColumnList columns, Span span);
Stmt *setting_names(ParseCtx *c, StmtKind kind, NameList names, Span span);
Stmt *setting_meta(ParseCtx *c, Name key, char *value, Span span);
Stmt *setting_text(ParseCtx *c, Text *t, Span span);

StringList strings_add(ParseCtx *c, StringList l, char *s);
/* The names after `also` (reported when the word is not `also`). */
StringList also_names(ParseCtx *c, Name word, StringList names);
/* In the arena: the parser's value stack holds pointers to what is larger than a Value. */
Column *column_new(ParseCtx *c, Name id, Label label, StringList aliases, Expr *formula, Span span);
Entry item_new(ParseCtx *c, ItemKind kind, Name id, ItemTail tail, Span span);
/* A group: the body's items become its children, its checks go up to the enclosing body
 * (with the Entry), and settings, texts and views in it are reported as misplaced. */
Entry group_new(ParseCtx *c, Name id, ItemTail head, Body *body, Span span);
/* A group whose header did not parse: its items are kept, nothing is reconciled. */
Entry group_broken(ParseCtx *c, Name id, Body *body, Span span);
/* Reports a misspelt `rollup`, `of` or `depth`; the scheme, or a Name without text. */
Name view_words(ParseCtx *c, Name rollup, Name scheme, Name of);
void view_depth_word(ParseCtx *c, Name depth);
Entry view_new(ParseCtx *c, const ViewHead *v, Span span);
/* `within TOLERANCE`, `within rounding`, or nothing (value NULL). */
typedef struct Within {
    Value *value;
    bool rounding;
} Within;

Check *check_new(ParseCtx *c, bool is_warn, EachRows *each, Expr *e, Within within, Label msg, Span span);
/* `each ROW in|under GROUP:` (NULL when the words are wrong: reported). */
EachRows *each_new(ParseCtx *c, Name each, Name row, Name in, NameList group, Span span);
Within within_new(ParseCtx *c, Value v);
/* `within rounding`: the word's span stands for the tolerance. */
Within within_rounding(ParseCtx *c, Span word);

void budget_add(ParseCtx *c, Name id, Label title, Body *body, Span span);
void consolidate_add(ParseCtx *c, Name id, Label title, Body *body, Span span);
/* `= FACTOR OF` in a unit's declaration. */
typedef struct UnitScale {
    NumLit factor;
    Name of;
} UnitScale;

/* `sign "$"`: the sign's text (text NULL when the word or the sign is wrong: reported). */
Name unit_sign(ParseCtx *c, Name word, char *sign, Span sign_span);
void unit_add(ParseCtx *c, Name name, const UnitScale *scale, Label label, Name sign, Span span);
void rate_add(ParseCtx *c, Name from, NumLit factor, Name to, Span span);
void import_add(ParseCtx *c, char *path, Span path_span, Span span);

ClassBody class_body_new(void);
ClassBody class_body_add(ParseCtx *c, ClassBody b, ClassEntry e);
ClassBody class_body_meta(ParseCtx *c, ClassBody b, Name key, char *value, Span span);
ClassNode *class_node_new(ParseCtx *c, Span code_span, char *name, Span span);
void classification_add(ParseCtx *c, Name id, Label label, ClassBody body, Span span);

/* A number in a claim; unit is the unit written after it, or NULL. */
Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, const Name *unit, Span span);
/* A reference; `column` is a picked reference's column (`a.b[2026]`), or NULL. */
Expr *expr_ref(ParseCtx *c, NameList path, const Name *column, Span span);
/* `( e )`: e, spanning the parentheses. */
Expr *expr_parenthesised(Expr *e, Span span);
Expr *expr_pick(ParseCtx *c, Expr *base, Name column, Span span);
Expr *expr_op(ParseCtx *c, Op op, Expr *lhs, Expr *rhs, Span span);
Expr *expr_call(ParseCtx *c, Name name, ExprList args, Span span);

#endif
