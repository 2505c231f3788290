/* parser.y - the BDL grammar. A pure, reentrant LALR(1) parser with byte-span locations.
 * Actions only call the constructors in build.h; recovery resumes at the next statement. */
%define api.pure full
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {ParseCtx *ctx}

%code requires {
#include "build.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
int yylex(YYSTYPE *lval, Span *lloc, yyscan_t scanner);
}

%code {
#include "buf.h"

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
    Value *value;
    PtrList list;
    Attrs attrs;
    Label label;
    Item *item;
    Check *check;
    Expr *expr;
    Stmt *stmt;
    StmtList stmts;
    Column *column;
    PathPart *part;
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
%token EQ "==" NE "!=" LE "<=" GE ">=" APPROX "~="

%left KW_OR
%left KW_AND
%precedence KW_NOT
%nonassoc EQ NE '<' LE '>' GE APPROX
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%type <name> name opt_unit
%type <label> opt_label
%type <num> signed_number
%type <value> value opt_within
%type <list> values opt_values opt_totals columns path args arglist
%type <attrs> attrs
%type <stmts> body
%type <stmt> stmt setting entry check
%type <expr> expr postfix primary
%type <column> column
%type <part> part

%%

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
    | KW_BUDGET name opt_label '{' body '}'
                                           { budget_add(ctx, $2, @2, $3, $5, @$); }
    | KW_BUDGET error '{' body '}'         /* a broken header: still read the body */
    ;

body
    : %empty                               { $$ = (StmtList){NULL, NULL, false}; }
    | body NL                              { $$ = $1; }
    | body stmt NL                         { $$ = $1; if ($2) stmts_append(&$$, $2); }
    | body error NL                        { $$ = $1; $$.lost = true; yyerrok; }
    ;

stmt
    : setting
    | entry
    | check
    ;

setting
    : KW_YEAR NUMBER                       { $$ = stmt_new(ctx, STMT_YEAR, @$); $$->u.num = $2; }
    | KW_UNIT IDENT                        { $$ = stmt_new(ctx, STMT_UNIT, @$);
                                             $$->u.unit.name = $2; $$->u.unit.span = @2; }
    | KW_ROUNDING NUMBER                   { $$ = stmt_new(ctx, STMT_ROUNDING, @$); $$->u.num = $2; }
    | KW_COLUMNS columns                   { $$ = stmt_new(ctx, STMT_COLUMNS, @$); $$->u.columns = $2; }
    | KW_META name STRING                  { $$ = stmt_new(ctx, STMT_META, @$);
                                             $$->u.meta = meta_new(ctx, $2, $3, @$); }
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
        { Values v = values_from(ctx, &$4, @4);
          Check *hoisted = NULL;
          Item *g = group_new(ctx, $2, @2, $3, v, $5, $7, @$, &hoisted);
          $$ = stmt_new(ctx, STMT_ITEM, @$); $$->u.item = g;
          if (hoisted) { Stmt *s = stmt_new(ctx, STMT_CHECK, hoisted->span); s->u.check = hoisted; $$->next = s; } }
    | KW_GROUP name error '{' body '}'
        { /* a broken header: keep the group and its items, but reconcile nothing */
          Check *hoisted = NULL;
          Values none = {NULL, 0, @2};
          Item *g = group_new(ctx, $2, @2, no_label(), none, (Attrs){0}, $5, @$, &hoisted);
          g->incomplete = true;
          $$ = stmt_new(ctx, STMT_ITEM, @$); $$->u.item = g;
          if (hoisted) { Stmt *s = stmt_new(ctx, STMT_CHECK, hoisted->span); s->u.check = hoisted; $$->next = s; } }
    | KW_GROUP error '{' body '}'          { $$ = NULL; /* no name to keep: skip the block whole */ }
    | KW_ITEM name opt_label opt_values attrs
        { $$ = stmt_new(ctx, STMT_ITEM, @$);
          $$->u.item = item_new(ctx, ITEM_PLAIN, $2, @2, $3, values_from(ctx, &$4, @4), $5, @$); }
    | IDENT opt_label opt_values attrs
        { $$ = stmt_new(ctx, STMT_ITEM, @$);
          $$->u.item = item_new(ctx, ITEM_PLAIN, $1, @1, $2, values_from(ctx, &$3, @3), $4, @$); }
    | KW_MEMO name opt_label opt_values attrs
        { $$ = stmt_new(ctx, STMT_ITEM, @$);
          $$->u.item = item_new(ctx, ITEM_MEMO, $2, @2, $3, values_from(ctx, &$4, @4), $5, @$); }
    ;

opt_totals
    : %empty                               { $$ = (PtrList){0}; }
    | '=' values                           { $$ = $2; }
    ;

opt_values
    : %empty                               { $$ = (PtrList){0}; }
    | values
    ;

values
    : value                                { $$ = (PtrList){0}; ptrlist_push(ctx->arena, &$$, $1); }
    | values ',' value                     { $$ = $1; ptrlist_push(ctx->arena, &$$, $3); }
    ;

value
    : signed_number opt_unit               { $$ = value_number(ctx, $1, $2, @2, @$); }
    | '-'                                  { $$ = value_not_stated(ctx, @$); }
    ;

signed_number
    : NUMBER
    | '-' NUMBER                           { $$ = $2; $$.value.num = -$$.value.num; $$.span = @$; }
    ;

opt_unit
    : %empty                               { $$ = NULL; }
    | IDENT
    ;

attrs
    : %empty                               { $$ = (Attrs){0}; }
    | attrs KW_CODE NUMBER                 { $$ = $1; attrs_add_code(ctx, &$$, NULL, @3, @2); }
    | attrs KW_CODE IDENT NUMBER           { $$ = $1; attrs_add_code(ctx, &$$, $3, @4, span_join(@2, @4)); }
    | attrs KW_NOTE STRING                 { $$ = $1; attrs_add_note(ctx, &$$, $3, span_join(@2, @3)); }
    | attrs KW_TAG name '=' STRING         { $$ = $1; attrs_add_tag(ctx, &$$, $3, $5, span_join(@2, @5)); }
    | attrs KW_TAG name '=' name           { $$ = $1; attrs_add_tag(ctx, &$$, $3, (char *)$5, span_join(@2, @5)); }
    | attrs KW_TAG name '=' NUMBER         { $$ = $1; attrs_add_tag(ctx, &$$, $3, (char *)span_text(ctx, @5), span_join(@2, @5)); }
    ;

check
    : KW_ASSERT expr opt_within opt_label  { $$ = stmt_new(ctx, STMT_CHECK, @$);
                                             $$->u.check = check_new(ctx, false, $2, $3, $4, @$); }
    | KW_WARN expr opt_within opt_label    { $$ = stmt_new(ctx, STMT_CHECK, @$);
                                             $$->u.check = check_new(ctx, true, $2, $3, $4, @$); }
    ;

opt_within
    : %empty                               { $$ = NULL; }
    | KW_WITHIN value                      { $$ = $2; }
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

postfix
    : primary
    | postfix '[' NUMBER ']'               { $$ = expr_pick(ctx, $1, span_text(ctx, @3), @3, @$); }
    | postfix '[' name ']'                 { $$ = expr_pick(ctx, $1, $3, @3, @$); }
    ;

primary
    : NUMBER                               { $$ = expr_number(ctx, EXPR_NUM, $1, @$); }
    | NUMBER IDENT                         { $$ = expr_number(ctx, EXPR_NUM, $1, @$);
                                             $$->unit = $2; $$->unit_span = @2; }
    | PERCENT                              { $$ = expr_number(ctx, EXPR_PERCENT, $1, @$); }
    | path                                 { $$ = expr_ref(ctx, &$1, @$); }
    | IDENT '(' args ')'                   { $$ = expr_call(ctx, $1, @1, &$3, @$); }
    | '(' expr ')'                         { $$ = $2; $$->span = @$; }
    ;

path
    : part                                 { $$ = (PtrList){0}; ptrlist_push(ctx->arena, &$$, $1); }
    | path '.' part                        { $$ = $1; ptrlist_push(ctx->arena, &$$, $3); }
    ;

part
    : name                                 { $$ = path_part(ctx, $1, @1); }
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
    bool number = false, statement = false, declaration = false, attribute = false, operand = false;
    for (int i = 0; i < n; i++) {
        number |= all[i] == YYSYMBOL_NUMBER;
        statement |= all[i] == YYSYMBOL_KW_ASSERT;
        declaration |= all[i] == YYSYMBOL_KW_RATE;
        attribute |= all[i] == YYSYMBOL_KW_CODE;
        operand |= all[i] == YYSYMBOL_KW_NOT; /* only where an expression may start */
    }
    /* 'code' may also name an item inside an expression: only 'not' tells them apart. */
    if (number && attribute && !operand)
        return "a value (a number or '-'), 'code', 'note', 'tag' or end of line";
    if (number)
        return "an expression (a name, a number or '(')";
    if (statement)
        return "a statement (an item, group, memo, assert, warn or setting)";
    return declaration ? "a declaration (unit, rate or budget)" : NULL;
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
