/* build_rules.h - rule sets and their application as the grammar reads them: `rules ID
 * { role ...; obligation ... { ... } }` and `apply RULES { ROLE = ...; }` (language.md 16).
 * The lists grow in the parse context's arena, from {0}; misspelt words are E0201. */
#ifndef BDL_BUILD_RULES_H
#define BDL_BUILD_RULES_H

#include "syntax/build.h"

/* `WORD "text", ...` after a declaration's label: `optional "政府性基金", "无"`. */
typedef struct DeclWord {
    Name word;
    StringList strings;
} DeclWord;

/* What follows a declaration's ID and label: words with strings, and a param's `= 10%`. */
typedef struct DeclAttrs {
    DeclWord *items;
    uint32_t n, cap;
    bool has_value, percent;
    NumLit value;
} DeclAttrs;

typedef struct StmtList {
    RuleStmt *items;
    uint32_t n, cap;
} StmtList;

/* `from previous`, `over change_threshold`: the words after a statement's roles. */
typedef struct RuleWord {
    Name word, arg;
} RuleWord;

typedef struct WordList {
    RuleWord *items;
    uint32_t n, cap;
} WordList;

/* A line of a rule set: `role`, `column`, `param` or `obligation`, with an obligation's
 * block when it has one. */
typedef struct RuleDecl {
    Name word, id;
    Label label;
    DeclAttrs attrs;
    bool has_block;
    StmtList stmts;
    Span span;
} RuleDecl;

typedef struct RuleBody {
    Role *roles;
    uint32_t nroles, cap_roles;
    Obligation *obligations;
    uint32_t nobligations, cap_obligations;
    Meta *meta;
    uint32_t nmeta, cap_meta;
} RuleBody;

typedef struct BindList {
    Binding *items;
    uint32_t n, cap;
} BindList;

DeclAttrs decl_attrs_words(ParseCtx *c, DeclAttrs a, Name word, StringList strings);
DeclAttrs decl_attrs_value(ParseCtx *c, DeclAttrs a, NumLit value, bool percent);
WordList words_add(ParseCtx *c, WordList l, Name word, Name arg);
StmtList stmts_check(ParseCtx *c, StmtList l, Check *k);
/* `stated a, b`, `reasons a from previous to current over threshold`, ... */
StmtList stmts_words(ParseCtx *c, StmtList l, Name word, NameList roles, WordList words, Span span);
RuleBody rule_body_meta(ParseCtx *c, RuleBody b, Name key, char *value, Span span);
/* A declaration of a rule set's body, in the arena (the parser's values stay small). */
RuleDecl *rule_decl_new(ParseCtx *c, RuleDecl d);
RuleBody rule_body_decl(ParseCtx *c, RuleBody b, const RuleDecl *d);
void ruleset_add(ParseCtx *c, Name id, Label title, RuleBody body, Span span);

/* `ROLE = expr`, `ROLE = none "reason"`, `ROLE = - ["reason"]`. */
BindList binds_expr(ParseCtx *c, BindList l, Name role, Expr *e, Span span);
BindList binds_none(ParseCtx *c, BindList l, Name role, Name none, char *reason, Span span);
BindList binds_unstated(ParseCtx *c, BindList l, Name role, Label reason, Span span);
/* `apply RULES { ... }` in a budget: a statement of its body. */
Stmt *apply_new(ParseCtx *c, Name rules, BindList binds, Span span);
/* `apply RULES as NAME { ... }` at the top of a file. */
void shared_apply_add(ParseCtx *c, Name rules, Name as, Name name, BindList binds, Span span);

#endif
