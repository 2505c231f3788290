/* parser.y - the BDL grammar. A pure, reentrant LALR(1) parser with byte-span locations.
 * Actions only call the constructors in build.h; recovery resumes at the next statement. */
%define api.pure full
%define api.location.type {Span}
%define parse.error custom
/* Canonical LR without default reductions: a syntax error is found in the state where it
 * occurs, so the "expected ..." list of E0201 is exact, as LAC made it, without LAC's
 * trial reductions on every token (3% of a check's instructions). */
%define lr.type canonical-lr
%define lr.default-reduction consistent
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {ParseCtx *ctx}

%code requires {
#include "syntax/build.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
int yylex(YYSTYPE *lval, Span *lloc, yyscan_t scanner);
}

%code {
#include "base/buf.h"

#include <string.h>

static void yyerror(Span *at, yyscan_t scanner, ParseCtx *ctx, const char *msg);

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                       \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                     \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                       \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)

static Label no_label(void) { return (Label){NULL, {0, 0, 0}}; }
}

%union {
    const char *name;
    char *text;
    NumLit num;
    Value value;
    Value *within;
    Values values;
    PtrList list;
    AttrList attrs;
    Label label;
    Item *item;
    Check *check;
    Expr *expr;
    Stmt *stmt;
    Body *body;
    Entry entry;
    Column *column;
    ClassBody classes;
    ClassNode *class_node;
}

%token <name> IDENT "name"
%token <text> STRING "string"
%token <num> NUMBER "number" PERCENT "percentage"
%token NL "end of line"
%token COMMENT "comment" /* only in the formatter's token stream */
%token KW_UNIT "unit" KW_RATE "rate" KW_BUDGET "budget" KW_GROUP "group" KW_ITEM "item"
%token KW_MEMO "memo" KW_ASSERT "assert" KW_WARN "warn" KW_YEAR "year" KW_ROUNDING "rounding"
%token KW_COLUMNS "columns" KW_META "meta" KW_CODE "code" KW_NOTE "note" KW_TAG "tag"
%token KW_WITHIN "within" KW_AND "and" KW_OR "or" KW_NOT "not"
%token KW_IMPORT "import" KW_CLASSIFICATION "classification" KW_VIEW "view"
%token KW_CONSOLIDATE "consolidate" KW_BUDGETS "budgets" KW_GROUPS "groups" KW_TEXT "text"
%token EXPR_START "start of an interpolation" /* never scanned: parse_interpolation injects it */
%token EQ "==" NE "!=" LE "<=" GE ">=" APPROX "~="

%left KW_OR
%left KW_AND
%precedence KW_NOT
%nonassoc EQ NE '<' LE '>' GE APPROX
%left '+' '-'
%left '*' '/'
%precedence UMINUS
/* A path followed by '[' is a picked reference (postfix), not a primary of its own. */
%precedence PATH
%precedence '['

%type <name> name
%type <label> opt_label
%type <value> value
%type <within> opt_within
%type <values> opt_values opt_totals
%type <list> columns args arglist

%type <attrs> attrs
%type <body> body
%type <stmt> setting text
%type <entry> entry
%type <item> view
%type <check> check
%type <expr> expr postfix primary
%type <column> column
%type <classes> class_body
%type <class_node> class_entry

%start input

%%

/* A file, or (for a text's {...}) a lone expression. */
input
    : file
    | EXPR_START expr NL                   { ctx->expr_result = $2; }
    | EXPR_START error NL                  { ctx->expr_result = NULL; }
    ;

file
    : %empty
    | file NL
    | file top_stmt NL
    | file error NL                        { yyerrok; }
    ;

top_stmt
    : KW_UNIT IDENT opt_label              { unit_add(ctx, $2, @2, NULL, NULL, @2, $3, @$); }
    | KW_UNIT IDENT '=' NUMBER IDENT opt_label
                                           { unit_add(ctx, $2, @2, &$4, $5, @5, $6, @$); }
    | KW_RATE IDENT '=' NUMBER IDENT       { rate_add(ctx, $2, @2, $4, $5, @5, @$); }
    | KW_IMPORT STRING                     { import_add(ctx, $2, @2, @$); }
    | KW_CLASSIFICATION name opt_label '{' class_body '}'
                                           { classification_add(ctx, $2, @2, $3, $5, @$); }
    | KW_BUDGET name opt_label '{' body '}'
                                           { budget_add(ctx, $2, @2, $3, $5, @$); body_release(ctx, $5); }
    | KW_BUDGET error '{' body '}'         { body_release(ctx, $4); /* a broken header: the body is read, not kept */ }
    | KW_CONSOLIDATE name opt_label '{' body '}'
                                           { consolidate_add(ctx, $2, @2, $3, $5, @$); body_release(ctx, $5); }
    ;

body
    : %empty                               { $$ = body_new(ctx); }
    | body NL                              { $$ = $1; }
    | body setting NL                      { $$ = $1; body_add_setting($$, $2); }
    | body entry NL                        { $$ = $1; body_add_entry($$, $2); }
    | body check NL                        { $$ = $1; body_add_check($$, $2); }
    | body view NL                         { $$ = $1; body_add_entry($$, (Entry){$2, NULL, NULL}); }
    | body text NL                         { $$ = $1; body_add_setting($$, $2); }
    | body error NL                        { $$ = $1; $$->lost = true; yyerrok; }
    ;

/* text ID ["title"] "prose with {expressions}" */
text
    : KW_TEXT name STRING                  { $$ = text_new(ctx, $2, @2, no_label(), $3, @3, @$); }
    | KW_TEXT name STRING STRING           { $$ = text_new(ctx, $2, @2, (Label){$3, @3}, $4, @4, @$); }
    ;

/* view ID "label" = rollup SCHEME of GROUP [depth N]: the words are checked in view_new,
 * so `rollup`, `of` and `depth` stay free for names. */
view
    : KW_VIEW name opt_label '=' IDENT IDENT IDENT path
        { $$ = view_new(ctx, $2, @2, $3, $5, @5, $6, @6, $7, @7, parts_take(ctx), @8, NULL, @$); }
    | KW_VIEW name opt_label '=' IDENT IDENT IDENT path IDENT NUMBER
        { $$ = view_new(ctx, $2, @2, $3, $5, @5, $6, @6, $7, @7, parts_take(ctx), @8, &$10, @$);
          view_depth_word(ctx, $9, @9); }
    ;

class_body
    : %empty                               { $$ = (ClassBody){NULL, NULL, NULL}; }
    | class_body NL                        { $$ = $1; }
    | class_body class_entry NL            { $$ = $1; class_append(&$$, $2); }
    | class_body KW_META name STRING NL    { $$ = $1; class_meta(ctx, &$$, meta_new(ctx, $3, $4, span_join(@2, @4))); }
    | class_body error NL                  { $$ = $1; yyerrok; }
    ;

class_entry
    : NUMBER STRING                        { $$ = class_node_new(ctx, @1, $2, (ClassBody){0}, @$); }
    | NUMBER STRING '{' class_body '}'     { $$ = class_node_new(ctx, @1, $2, $4, @$); }
    ;

setting
    : KW_YEAR NUMBER                       { $$ = stmt_new(ctx, STMT_YEAR, @$); $$->u.num = $2; }
    | KW_UNIT IDENT                        { $$ = stmt_new(ctx, STMT_UNIT, @$);
                                             $$->u.unit.name = $2; $$->u.unit.span = @2; }
    | KW_ROUNDING NUMBER                   { $$ = stmt_new(ctx, STMT_ROUNDING, @$); $$->u.num = $2; }
    | KW_COLUMNS columns                   { $$ = stmt_new(ctx, STMT_COLUMNS, @$); $$->u.columns = $2; }
    | KW_BUDGETS names                     { $$ = stmt_new(ctx, STMT_BUDGETS, @$); $$->u.names = parts_take(ctx); }
    | KW_GROUPS names                      { $$ = stmt_new(ctx, STMT_GROUPS, @$); $$->u.names = parts_take(ctx); }
    | KW_META name STRING                  { $$ = stmt_new(ctx, STMT_META, @$);
                                             $$->u.meta = meta_new(ctx, $2, $3, @$); }
    ;

names
    : name                                 { parts_start(ctx, $1, @1); }
    | names ',' name                       { parts_push(ctx, $3, @3); }
    ;

columns
    : column                               { $$ = (PtrList){0}; ptrlist_push(ctx->arena, &$$, $1); }
    | columns ',' column                   { $$ = $1; ptrlist_push(ctx->arena, &$$, $3); }
    ;

column
    : NUMBER opt_label                     { $$ = column_new(ctx, span_text(ctx, @1), $2, @$); }
    | name opt_label                       { $$ = column_new(ctx, $1, $2, @$); }
    ;

entry
    : KW_GROUP name opt_label opt_totals attrs '{' body '}'
        { $$ = group_new(ctx, $2, @2, $3, $4, $5, $7, @$); body_release(ctx, $7); }
    | KW_GROUP name error '{' body '}'
        { /* a broken header: keep the group and its items, but reconcile nothing */
          Values none = {0};
          $$ = group_new(ctx, $2, @2, no_label(), none, (AttrList){0}, $5, @$);
          body_release(ctx, $5);
          $$.item->incomplete = true; }
    | KW_GROUP error '{' body '}'          { $$ = (Entry){0}; body_release(ctx, $4); /* no name to keep: skip the block whole */ }
    | KW_ITEM name opt_label opt_values attrs
        { $$ = (Entry){item_new(ctx, ITEM_PLAIN, $2, @2, $3, $4, $5, @$), NULL, NULL}; }
    | IDENT opt_label opt_values attrs
        { $$ = (Entry){item_new(ctx, ITEM_PLAIN, $1, @1, $2, $3, $4, @$), NULL, NULL}; }
    | KW_MEMO name opt_label opt_values attrs
        { $$ = (Entry){item_new(ctx, ITEM_MEMO, $2, @2, $3, $4, $5, @$), NULL, NULL}; }
    ;

opt_totals
    : %empty                               { $$ = (Values){0}; }
    | '=' values                           { $$ = values_take(ctx); }
    ;

opt_values
    : %empty                               { $$ = (Values){0}; }
    | values                               { $$ = values_take(ctx); }
    ;

/* Values are most of a spec, so each form ([-] NUMBER [unit], or '-' for not stated) is
 * spelled out in the list itself: a value then costs the parser no reduction of its own. */
values
    : NUMBER                               { values_start(ctx, value_number(ctx, $1, NULL, span_end(@1), @1)); }
    | NUMBER IDENT                         { values_start(ctx, value_number(ctx, $1, $2, @2, @$)); }
    | '-' NUMBER                           { values_start(ctx, value_number(ctx, num_negated(ctx, $2, @$), NULL, span_end(@2), @$)); }
    | '-' NUMBER IDENT                     { values_start(ctx, value_number(ctx, num_negated(ctx, $2, @$), $3, @3, @$)); }
    | '-'                                  { values_start(ctx, value_not_stated(@1)); }
    | values ',' NUMBER                    { values_push(ctx, value_number(ctx, $3, NULL, span_end(@3), @3)); }
    | values ',' NUMBER IDENT              { values_push(ctx, value_number(ctx, $3, $4, @4, span_join(@3, @4))); }
    | values ',' '-' NUMBER                { Span at = span_join(@3, @4);
                                             values_push(ctx, value_number(ctx, num_negated(ctx, $4, at), NULL, span_end(@4), at)); }
    | values ',' '-' NUMBER IDENT          { Span at = span_join(@3, @5);
                                             values_push(ctx, value_number(ctx, num_negated(ctx, $4, at), $5, @5, at)); }
    | values ',' '-'                       { values_push(ctx, value_not_stated(@3)); }
    ;

/* One value on its own, after `within`: the forms a list spells out itself (above). */
value
    : NUMBER                               { $$ = value_number(ctx, $1, NULL, span_end(@1), @$); }
    | NUMBER IDENT                         { $$ = value_number(ctx, $1, $2, @2, @$); }
    | '-' NUMBER                           { $$ = value_number(ctx, num_negated(ctx, $2, @$), NULL, span_end(@2), @$); }
    | '-' NUMBER IDENT                     { $$ = value_number(ctx, num_negated(ctx, $2, @$), $3, @3, @$); }
    | '-'                                  { $$ = value_not_stated(@$); }
    ;

attrs
    : %empty                               { $$ = (AttrList){0}; }
    | attrs KW_CODE NUMBER                 { $$ = $1; attrs_add_code(ctx, &$$, NULL, @3, @2); }
    | attrs KW_CODE IDENT NUMBER           { $$ = $1; attrs_add_code(ctx, &$$, $3, @4, span_join(@2, @4)); }
    | attrs KW_NOTE STRING                 { $$ = $1; attrs_add_tag(ctx, &$$, NULL, $3, span_join(@2, @3)); /* a note: no key */ }
    | attrs KW_TAG name '=' STRING         { $$ = $1; attrs_add_tag(ctx, &$$, $3, $5, span_join(@2, @5)); }
    | attrs KW_TAG name '=' name           { $$ = $1; attrs_add_tag(ctx, &$$, $3, (char *)$5, span_join(@2, @5)); }
    | attrs KW_TAG name '=' NUMBER         { $$ = $1; attrs_add_tag(ctx, &$$, $3, (char *)span_text(ctx, @5), span_join(@2, @5)); }
    ;

check
    : KW_ASSERT expr opt_within opt_label  { $$ = check_new(ctx, false, $2, $3, $4, @$); }
    | KW_WARN expr opt_within opt_label    { $$ = check_new(ctx, true, $2, $3, $4, @$); }
    ;

opt_within
    : %empty                               { $$ = NULL; }
    | KW_WITHIN value                      { $$ = ARENA_NEW(ctx->arena, Value); *$$ = $2; }
    ;

opt_label
    : %empty                               { $$ = no_label(); }
    | STRING                               { $$ = (Label){$1, @1}; }
    ;

expr
    : expr KW_OR expr                      { $$ = expr_op(ctx, OP_OR, $1, $3, @$); }
    | expr KW_AND expr                     { $$ = expr_op(ctx, OP_AND, $1, $3, @$); }
    | KW_NOT expr                          { $$ = expr_op(ctx, OP_NOT, $2, NULL, @$); }
    | expr EQ expr                         { $$ = expr_op(ctx, OP_EQ, $1, $3, @$); }
    | expr NE expr                         { $$ = expr_op(ctx, OP_NE, $1, $3, @$); }
    | expr '<' expr                        { $$ = expr_op(ctx, OP_LT, $1, $3, @$); }
    | expr LE expr                         { $$ = expr_op(ctx, OP_LE, $1, $3, @$); }
    | expr '>' expr                        { $$ = expr_op(ctx, OP_GT, $1, $3, @$); }
    | expr GE expr                         { $$ = expr_op(ctx, OP_GE, $1, $3, @$); }
    | expr APPROX expr                     { $$ = expr_op(ctx, OP_APPROX, $1, $3, @$); }
    | expr '+' expr                        { $$ = expr_op(ctx, OP_ADD, $1, $3, @$); }
    | expr '-' expr                        { $$ = expr_op(ctx, OP_SUB, $1, $3, @$); }
    | expr '*' expr                        { $$ = expr_op(ctx, OP_MUL, $1, $3, @$); }
    | expr '/' expr                        { $$ = expr_op(ctx, OP_DIV, $1, $3, @$); }
    | '-' expr %prec UMINUS                { $$ = expr_op(ctx, OP_NEG, $2, NULL, @$); }
    | postfix
    ;

/* `a.b[2026]`, the usual reference in a check, is one node: the column follows the path's
 * names as one more part. Any other expression picks a column through a node of its own. */
postfix
    : primary
    | path '[' NUMBER ']'                  { parts_push(ctx, span_text(ctx, @3), @3); $$ = expr_picked_ref(ctx, @$); }
    | path '[' name ']'                    { parts_push(ctx, $3, @3); $$ = expr_picked_ref(ctx, @$); }
    | postfix '[' NUMBER ']'               { $$ = expr_pick(ctx, $1, span_text(ctx, @3), @3, @$); }
    | postfix '[' name ']'                 { $$ = expr_pick(ctx, $1, $3, @3, @$); }
    ;

primary
    : NUMBER                               { $$ = expr_number(ctx, EXPR_NUM, $1, NULL, @$, @$); }
    | NUMBER IDENT                         { $$ = expr_number(ctx, EXPR_NUM, $1, $2, @2, @$); }
    | PERCENT                              { $$ = expr_number(ctx, EXPR_PERCENT, $1, NULL, @$, @$); }
    | path %prec PATH                      { $$ = expr_ref(ctx, @$); }
    | IDENT '(' args ')'                   { $$ = expr_call(ctx, $1, @1, &$3, @$); }
    | '(' expr ')'                         { $$ = expr_parenthesised(ctx, $2, @$); }
    ;

path
    : name                                 { parts_start(ctx, $1, @1); }
    | path '.' name                        { parts_push(ctx, $3, @3); }
    ;

args
    : %empty                               { $$ = (PtrList){0}; }
    | arglist
    ;

arglist
    : expr                                 { $$ = (PtrList){0}; ptrlist_push(ctx->arena, &$$, $1); }
    | arglist ',' expr                     { $$ = $1; ptrlist_push(ctx->arena, &$$, $3); }
    ;

/* Words that are keywords only where the grammar needs them may still name things. */
name
    : IDENT
    | KW_UNIT        { $$ = intern(ctx->interns, "unit", 4); }      | KW_RATE     { $$ = intern(ctx->interns, "rate", 4); }
    | KW_BUDGET      { $$ = intern(ctx->interns, "budget", 6); }    | KW_GROUP    { $$ = intern(ctx->interns, "group", 5); }
    | KW_ITEM        { $$ = intern(ctx->interns, "item", 4); }      | KW_MEMO     { $$ = intern(ctx->interns, "memo", 4); }
    | KW_YEAR        { $$ = intern(ctx->interns, "year", 4); }      | KW_ROUNDING { $$ = intern(ctx->interns, "rounding", 8); }
    | KW_COLUMNS     { $$ = intern(ctx->interns, "columns", 7); }   | KW_META     { $$ = intern(ctx->interns, "meta", 4); }
    | KW_CODE        { $$ = intern(ctx->interns, "code", 4); }      | KW_NOTE     { $$ = intern(ctx->interns, "note", 4); }
    | KW_TAG         { $$ = intern(ctx->interns, "tag", 3); }
    | KW_IMPORT      { $$ = intern(ctx->interns, "import", 6); }
    | KW_CLASSIFICATION { $$ = intern(ctx->interns, "classification", 14); }
    | KW_VIEW        { $$ = intern(ctx->interns, "view", 4); }
    | KW_CONSOLIDATE { $$ = intern(ctx->interns, "consolidate", 11); }
    | KW_BUDGETS     { $$ = intern(ctx->interns, "budgets", 7); }
    | KW_GROUPS      { $$ = intern(ctx->interns, "groups", 6); }
    | KW_TEXT        { $$ = intern(ctx->interns, "text", 4); }
    ;

%%

/* "expected a name, a number or \"-\"": bison's list of what could come next, in words. */
static void describe_expected(Buf *b, const yysymbol_kind_t *expected, int n)
{
    for (int i = 0; i < n; i++) {
        yysymbol_kind_t k = expected[i];
        const char *name = yysymbol_name(k);
        buf_puts(b, i == 0 ? "" : (i == n - 1 ? " or " : ", "));
        if (k == YYSYMBOL_YYEOF || k == YYSYMBOL_NL)
            buf_puts(b, name);
        else if (k == YYSYMBOL_IDENT || k == YYSYMBOL_STRING || k == YYSYMBOL_NUMBER || k == YYSYMBOL_PERCENT)
            buf_printf(b, "a %s", name);
        else if (name[0] == '\'')
            buf_puts(b, name);
        else
            buf_printf(b, "'%s'", name);
    }
}

/* When too many tokens could come next to list them, name the kind of thing expected. */
static const char *expected_kind(const yypcontext_t *pctx)
{
    yysymbol_kind_t all[YYNTOKENS];
    int n = yypcontext_expected_tokens(pctx, all, YYNTOKENS);
    bool number = false, statement = false, declaration = false, attribute = false, paren = false, operand = false;
    for (int i = 0; i < n; i++) {
        number |= all[i] == YYSYMBOL_NUMBER;
        paren |= strcmp(yysymbol_name(all[i]), "'('") == 0; /* only an expression may open one */
        statement |= all[i] == YYSYMBOL_KW_ASSERT;
        declaration |= all[i] == YYSYMBOL_KW_RATE;
        attribute |= all[i] == YYSYMBOL_KW_CODE;
        operand |= all[i] == YYSYMBOL_KW_NOT; /* only where an expression may start */
    }
    /* 'code' may also name an item inside an expression: only '(' or 'not' tell them apart. */
    if (number && attribute && !paren && !operand)
        return "a value (a number or '-'), 'code', 'note', 'tag' or end of line";
    if (number)
        return "an expression (a name, a number or '(')";
    if (statement)
        return "a statement (an item, group, memo, view, text, assert, warn or setting)";
    return declaration ? "a declaration (import, unit, rate, classification, budget or consolidate)" : NULL;
}

static int yyreport_syntax_error(const yypcontext_t *pctx, yyscan_t scanner, ParseCtx *ctx)
{
    (void)scanner;
    enum { MAX_EXPECTED = 6 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(pctx, expected, MAX_EXPECTED);
    yysymbol_kind_t got = yypcontext_token(pctx);
    Span at = *yypcontext_location(pctx);
    Buf found = {0}, want = {0};
    if (got == YYSYMBOL_YYEOF || got == YYSYMBOL_NL || got == YYSYMBOL_STRING || at.end - at.start > 40)
        describe_expected(&found, &got, 1);
    else
        buf_printf(&found, "'%.*s'", (int)(at.end - at.start), ctx->source->text + at.start);
    if (n > 0)
        describe_expected(&want, expected, n);
    else if (expected_kind(pctx))
        buf_puts(&want, expected_kind(pctx));
    if (want.data) {
        Diag *g = diag_report(ctx->diags, SEV_ERROR, "E0201", at, "expected %s, found %s",
                              want.data, found.data);
        diag_primary(g, "unexpected %s", found.data);
    } else {
        diag_report(ctx->diags, SEV_ERROR, "E0201", at, "unexpected %s", found.data);
    }
    buf_free(&found);
    buf_free(&want);
    return 0;
}

/* Bison calls this only when its stack is exhausted (syntax errors go through
 * yyreport_syntax_error): the input nests deeper than the parser can follow. */
static void yyerror(Span *at, yyscan_t scanner, ParseCtx *ctx, const char *msg)
{
    (void)scanner;
    (void)msg; /* bison's "memory exhausted": its stack, not the machine's memory */
    Diag *g = diag_report(ctx->diags, SEV_ERROR, "E0204", *at, "expression nested too deeply for the parser");
    diag_help(g, "split the expression; the rest of the file is not read (limits: docs/language.md)");
}
