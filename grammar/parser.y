/* parser.y - the BDL grammar: a pure, reentrant LALR(1) parser with byte-span locations.
 * Actions are thin: each returns $$ from a constructor in build.h. Recovery resumes at the
 * next statement, so one run reports many errors.
 *
 * LALR with LAC: LAC checks each lookahead before a default reduction, so a syntax error
 * is found in the state where it occurs and the "expected ..." list of E0201 is exact, as
 * canonical LR would make it, with LALR's far smaller tables. */
%define api.pure full
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {ParseCtx *ctx}

%code requires {
#include "syntax/build.h"
#include "syntax/build_rules.h"
#include "syntax/build_text.h"
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
}

%union {
    Name name;
    char *text;
    NumLit num;
    Value value;
    Within within;
    Label label;
    NameList names;
    ValueList values;
    ExprList exprs;
    ColumnList columns;
    StringList strings;
    EachRows *each;
    Column *column;
    AttrList attrs;
    Body *body;
    Entry entry;
    Check *check;
    Expr *expr;
    Stmt *stmt;
    ClassBody classes;
    ClassEntry class_entry;
    DeclAttrs decl_attrs;
    RuleDecl *decl;
    RuleBody rule_body;
    StmtList rule_stmts;
    WordList rule_words;
    BindList binds;
}

%token <name> IDENT "name"
%token <text> STRING "string"
%token <num> NUMBER "number" PERCENT "percentage"
%token <name> SIGN "currency sign"
%token DASH "dash"
%token NL "end of line"
%token COMMENT "comment" /* only in the formatter's token stream */
%token KW_UNIT "unit" KW_RATE "rate" KW_BUDGET "budget" KW_GROUP "group" KW_ITEM "item"
%token KW_MEMO "memo" KW_ASSERT "assert" KW_WARN "warn" KW_YEAR "year" KW_ROUNDING "rounding"
%token KW_COLUMNS "columns" KW_META "meta" KW_CODE "code" KW_NOTE "note" KW_TAG "tag"
%token KW_WITHIN "within" KW_AND "and" KW_OR "or" KW_NOT "not"
%token KW_IMPORT "import" KW_CLASSIFICATION "classification" KW_VIEW "view"
%token KW_CONSOLIDATE "consolidate" KW_BUDGETS "budgets" KW_GROUPS "groups" KW_TEXT "text"
%token KW_RULES "rules" KW_APPLY "apply"
%token EXPR_START "start of an interpolation" /* never scanned: parse.c injects it */
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

%type <name> name column_name
%type <label> opt_label
%type <value> value figure
%type <name> opt_sign
%type <within> opt_within
%type <values> opt_values opt_totals values
%type <names> names path
%type <exprs> args arglist
%type <columns> columns
%type <column> column
%type <strings> opt_also also_list
%type <expr> opt_formula
%type <each> each
%type <attrs> attrs
%type <body> body
%type <stmt> setting text apply
%type <strings> strings
%type <decl_attrs> decl_attrs
%type <decl> rule_decl
%type <rule_body> rule_body
%type <rule_stmts> rule_stmts
%type <rule_words> rule_words
%type <binds> bindings
%type <entry> entry view
%type <check> check
%type <expr> expr postfix primary
%type <classes> class_body
%type <class_entry> class_entry

/* Error recovery may discard a body or a group's entry before it is built into the tree. */
%destructor { body_free($$); } <body>
%destructor { entry_free($$); } <entry>

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
    : KW_UNIT IDENT opt_label opt_sign     { unit_add(ctx, $2, NULL, $3, $4, @$); }
    | KW_UNIT IDENT '=' NUMBER IDENT opt_label opt_sign
                                           { unit_add(ctx, $2, &(UnitScale){$4, $5}, $6, $7, @$); }
    | KW_RATE IDENT '=' NUMBER IDENT       { rate_add(ctx, $2, $4, $5, @$); }
    | KW_IMPORT STRING                     { import_add(ctx, $2, @2, @$); }
    | KW_CLASSIFICATION name opt_label '{' class_body '}'
                                           { classification_add(ctx, $2, $3, $5, @$); }
    | KW_BUDGET name opt_label '{' body '}'
                                           { budget_add(ctx, $2, $3, $5, @$); }
    | KW_BUDGET error '{' body '}'         { block_skipped($4); /* a broken header: read, not kept */ }
    | KW_CONSOLIDATE name opt_label '{' body '}'
                                           { consolidate_add(ctx, $2, $3, $5, @$); }
    | KW_RULES name opt_label '{' rule_body '}'
                                           { ruleset_add(ctx, $2, $3, $5, @$); }
    | KW_APPLY name IDENT name '{' bindings '}'
                                           { shared_apply_add(ctx, $2, $3, $4, $6, @$); }
    ;

body
    : %empty                               { $$ = body_new(); }
    | body NL                              { $$ = $1; }
    | body setting NL                      { $$ = body_add_setting($1, $2); }
    | body entry NL                        { $$ = body_add_entry($1, $2); }
    | body check NL                        { $$ = body_add_check($1, $2); }
    | body view NL                         { $$ = body_add_entry($1, $2); }
    | body text NL                         { $$ = body_add_setting($1, $2); }
    | body apply NL                        { $$ = body_add_setting($1, $2); }
    | body error NL                        { $$ = $1; $$->lost = true; yyerrok; }
    ;

/* text ID ["title"] "prose with {expressions}" */
text
    : KW_TEXT name STRING                  { $$ = text_new(ctx, $2, label_none(), @3, @$); }
    | KW_TEXT name STRING STRING           { $$ = text_new(ctx, $2, label_of($3, @3), @4, @$); }
    ;

/* view ID "label" = rollup SCHEME of GROUP [depth N]: the words are checked in build.c,
 * so `rollup`, `of` and `depth` stay free for names. */
view
    : KW_VIEW name opt_label '=' IDENT IDENT IDENT path
        { $$ = view_new(ctx, &(ViewHead){$2, $3, view_words(ctx, $5, $6, $7), $8, NULL}, @$); }
    | KW_VIEW name opt_label '=' IDENT IDENT IDENT path IDENT NUMBER
        { $$ = view_new(ctx, &(ViewHead){$2, $3, view_words(ctx, $5, $6, $7), $8, &$10}, @$);
          view_depth_word(ctx, $9); }
    ;

/* rules ID "title" { role ...; column ...; param ...; obligation ... { ... } }: the words
 * (role, optional, obligation, stated, from, ...) are checked in build_rules.c. */
rule_body
    : %empty                               { $$ = (RuleBody){0}; }
    | rule_body NL                         { $$ = $1; }
    | rule_body KW_META name STRING NL     { $$ = rule_body_meta(ctx, $1, $3, $4, span_join(@2, @4)); }
    | rule_body rule_decl NL               { $$ = rule_body_decl(ctx, $1, $2); }
    | rule_body error NL                   { $$ = $1; yyerrok; }
    ;

rule_decl
    : IDENT name opt_label decl_attrs      { $$ = rule_decl_new(ctx, (RuleDecl){.word = $1, .id = $2, .label = $3, .attrs = $4, .span = @$}); }
    | IDENT name opt_label decl_attrs '{' rule_stmts '}'
        { $$ = rule_decl_new(ctx, (RuleDecl){.word = $1, .id = $2, .label = $3, .attrs = $4, .has_block = true,
                                             .stmts = $6, .span = @$}); }
    ;

decl_attrs
    : %empty                               { $$ = (DeclAttrs){0}; }
    | decl_attrs IDENT strings             { $$ = decl_attrs_words(ctx, $1, $2, $3); }
    | decl_attrs '=' NUMBER                { $$ = decl_attrs_value(ctx, $1, $3, false); }
    | decl_attrs '=' PERCENT               { $$ = decl_attrs_value(ctx, $1, $3, true); }
    ;

strings
    : STRING                               { $$ = strings_add(ctx, (StringList){0}, $1); }
    | strings ',' STRING                   { $$ = strings_add(ctx, $1, $3); }
    ;

rule_stmts
    : %empty                               { $$ = (StmtList){0}; }
    | rule_stmts NL                        { $$ = $1; }
    | rule_stmts check NL                  { $$ = stmts_check(ctx, $1, $2); }
    | rule_stmts IDENT names rule_words NL { $$ = stmts_words(ctx, $1, $2, $3, $4, span_join(@2, @4)); }
    | rule_stmts error NL                  { $$ = $1; yyerrok; }
    ;

rule_words
    : %empty                               { $$ = (WordList){0}; }
    | rule_words IDENT name                { $$ = words_add(ctx, $1, $2, $3); }
    ;

/* apply RULES { ROLE = path or amount | ROLE = none "reason" | ROLE = - ["reason"] } */
apply
    : KW_APPLY name '{' bindings '}'       { $$ = apply_new(ctx, $2, $4, @$); }
    ;

bindings
    : %empty                               { $$ = (BindList){0}; }
    | bindings NL                          { $$ = $1; }
    | bindings name '=' expr NL            { $$ = binds_expr(ctx, $1, $2, $4, span_join(@2, @4)); }
    | bindings name '=' IDENT STRING NL    { $$ = binds_none(ctx, $1, $2, $4, $5, span_join(@2, @5)); }
    | bindings name '=' '-' opt_label NL   { $$ = binds_unstated(ctx, $1, $2, $5, span_join(@2, @5)); }
    | bindings error NL                    { $$ = $1; yyerrok; }
    ;

class_body
    : %empty                               { $$ = class_body_new(); }
    | class_body NL                        { $$ = $1; }
    | class_body class_entry NL            { $$ = class_body_add(ctx, $1, $2); }
    | class_body KW_META name STRING NL    { $$ = class_body_meta(ctx, $1, $3, $4, span_join(@2, @4)); }
    | class_body error NL                  { $$ = $1; yyerrok; }
    ;

class_entry
    : NUMBER STRING                        { $$ = (ClassEntry){class_node_new(ctx, @1, $2, @$), class_body_new()}; }
    | NUMBER STRING '{' class_body '}'     { $$ = (ClassEntry){class_node_new(ctx, @1, $2, @$), $4}; }
    ;

setting
    : KW_YEAR NUMBER                       { $$ = setting_number(ctx, STMT_YEAR, $2, @$); }
    | KW_UNIT IDENT                        { $$ = setting_unit(ctx, $2, @$); }
    | KW_ROUNDING NUMBER                   { $$ = setting_number(ctx, STMT_ROUNDING, $2, @$); }
    | KW_COLUMNS columns                   { $$ = setting_columns(ctx, $2, @$); }
    | KW_BUDGETS names                     { $$ = setting_names(ctx, STMT_BUDGETS, $2, @$); }
    | KW_GROUPS names                      { $$ = setting_names(ctx, STMT_GROUPS, $2, @$); }
    | KW_META name STRING                  { $$ = setting_meta(ctx, $2, $3, @$); }
    ;

names
    : name                                 { $$ = names_add(ctx, (NameList){0}, $1); }
    | names ',' name                       { $$ = names_add(ctx, $1, $3); }
    ;

columns
    : column                               { $$ = columns_add(ctx, (ColumnList){0}, $1); }
    | columns ',' column                   { $$ = columns_add(ctx, $1, $3); }
    ;

/* ID ["label"] [also "name" ...] [= FORMULA]: the word `also` is checked in build.c, so
 * it stays free for names. */
column
    : column_name opt_label opt_also opt_formula
                                           { $$ = column_new(ctx, $1, $2, $3, $4, @$); }
    ;

opt_also
    : %empty                               { $$ = (StringList){0}; }
    | IDENT also_list                      { $$ = also_names(ctx, $1, $2); }
    ;

also_list
    : STRING                               { $$ = strings_add(ctx, (StringList){0}, $1); }
    | also_list STRING                     { $$ = strings_add(ctx, $1, $2); }
    ;

opt_formula
    : %empty                               { $$ = NULL; }
    | '=' expr                             { $$ = $2; }
    ;

/* A column is named by a year (kept as written) or a name. */
column_name
    : NUMBER                               { $$ = number_name(ctx, @1); }
    | name
    ;

entry
    : KW_GROUP name opt_label opt_totals attrs '{' body '}'
                                           { $$ = group_new(ctx, $2, (ItemTail){$3, $4, $5}, $7, @$); }
    | KW_GROUP name error '{' body '}'     { $$ = group_broken(ctx, $2, $5, @$); }
    | KW_GROUP error '{' body '}'          { $$ = (Entry){0}; block_skipped($4); /* no name to keep */ }
    | KW_ITEM name opt_label opt_values attrs
                                           { $$ = item_new(ctx, ITEM_PLAIN, $2, (ItemTail){$3, $4, $5}, @$); }
    | IDENT opt_label opt_values attrs     { $$ = item_new(ctx, ITEM_PLAIN, $1, (ItemTail){$2, $3, $4}, @$); }
    | KW_MEMO name opt_label opt_values attrs
                                           { $$ = item_new(ctx, ITEM_MEMO, $2, (ItemTail){$3, $4, $5}, @$); }
    ;

opt_totals
    : %empty                               { $$ = (ValueList){0}; }
    | '=' values                           { $$ = $2; }
    ;

opt_values
    : %empty                               { $$ = (ValueList){0}; }
    | values
    ;

values
    : value                                { $$ = values_add(ctx, (ValueList){0}, $1); }
    | values ',' value                     { $$ = values_add(ctx, $1, $3); }
    ;

/* A value as written, or as printed: 1234, -1,234, $1,234, (1,234) for -1,234, with an
 * optional unit after it; '-' or a printed dash (–, —) when not stated. */
value
    : figure
    | figure IDENT                         { $$ = value_in_unit(ctx, $1, &$2, @$); }
    | '-'                                  { $$ = value_not_stated(@$); }
    | DASH                                 { $$ = value_not_stated(@$); }
    ;

figure
    : NUMBER                               { $$ = value_number($1, NULL, @$); }
    | '-' NUMBER                           { $$ = value_number(num_negated(ctx, $2, @$), NULL, @$); }
    | SIGN NUMBER                          { $$ = value_number($2, &$1, @$); }
    | '-' SIGN NUMBER                      { $$ = value_number(num_negated(ctx, $3, @$), &$2, @$); }
    | '(' NUMBER ')'                       { $$ = value_number(num_negated(ctx, $2, @$), NULL, @$); }
    | '(' SIGN NUMBER ')'                  { $$ = value_number(num_negated(ctx, $3, @$), &$2, @$); }
    | PERCENT                              { $$ = value_percent(ctx, $1, @$); }
    | '-' PERCENT                          { $$ = value_percent(ctx, num_negated(ctx, $2, @$), @$); }
    ;

/* `sign "$"` after a unit's declaration: the word is checked in build.c, so stays free. */
opt_sign
    : %empty                               { $$ = (Name){0}; }
    | IDENT STRING                         { $$ = unit_sign(ctx, $1, $2, @2); }
    ;

attrs
    : %empty                               { $$ = (AttrList){0}; }
    | attrs KW_CODE NUMBER                 { $$ = attrs_code(ctx, $1, NULL, @3, span_join(@2, @3)); }
    | attrs KW_CODE IDENT NUMBER           { $$ = attrs_code(ctx, $1, &$3, @4, span_join(@2, @4)); }
    | attrs KW_NOTE STRING                 { $$ = attrs_tag(ctx, $1, NULL, $3, span_join(@2, @3)); }
    | attrs KW_TAG name '=' STRING         { $$ = attrs_tag(ctx, $1, $3.text, $5, span_join(@2, @5)); }
    | attrs KW_TAG name '=' name           { $$ = attrs_tag(ctx, $1, $3.text, (char *)$5.text, span_join(@2, @5)); }
    | attrs KW_TAG name '=' NUMBER         { $$ = attrs_tag(ctx, $1, $3.text, (char *)number_name(ctx, @5).text, span_join(@2, @5)); }
    ;

check
    : KW_ASSERT expr opt_within opt_label  { $$ = check_new(ctx, false, NULL, $2, $3, $4, @$); }
    | KW_WARN expr opt_within opt_label    { $$ = check_new(ctx, true, NULL, $2, $3, $4, @$); }
    | KW_ASSERT each expr opt_within opt_label
                                           { $$ = check_new(ctx, false, $2, $3, $4, $5, @$); }
    | KW_WARN each expr opt_within opt_label
                                           { $$ = check_new(ctx, true, $2, $3, $4, $5, @$); }
    ;

/* each ROW in|under GROUP: the words are checked in build.c, so they stay free for names. */
each
    : IDENT name IDENT path ':'            { $$ = each_new(ctx, $1, $2, $3, $4, @$); }
    ;

opt_within
    : %empty                               { $$ = (Within){0}; }
    | KW_WITHIN value                      { $$ = within_new(ctx, $2); }
    | KW_WITHIN KW_ROUNDING                { $$ = within_rounding(ctx, @2); }
    ;

opt_label
    : %empty                               { $$ = label_none(); }
    | STRING                               { $$ = label_of($1, @1); }
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

/* `a.b[2026]`, the usual reference in a check, is one node: the column goes with the
 * path. Any other expression picks a column through a node of its own. */
postfix
    : primary
    | path '[' column_name ']'             { $$ = expr_ref(ctx, $1, &$3, @$); }
    | postfix '[' column_name ']'          { $$ = expr_pick(ctx, $1, $3, @$); }
    ;

primary
    : NUMBER                               { $$ = expr_number(ctx, EXPR_NUM, $1, NULL, @$); }
    | NUMBER IDENT                         { $$ = expr_number(ctx, EXPR_NUM, $1, name_new(ctx, &$2), @$); }
    | PERCENT                              { $$ = expr_number(ctx, EXPR_PERCENT, $1, NULL, @$); }
    | path %prec PATH                      { $$ = expr_ref(ctx, $1, NULL, @$); }
    | IDENT '(' args ')'                   { $$ = expr_call(ctx, $1, $3, @$); }
    | '(' expr ')'                         { $$ = expr_parenthesised($2, @$); }
    ;

path
    : name                                 { $$ = names_add(ctx, (NameList){0}, $1); }
    | path '.' name                        { $$ = names_add(ctx, $1, $3); }
    ;

args
    : %empty                               { $$ = (ExprList){0}; }
    | arglist
    ;

arglist
    : expr                                 { $$ = exprs_add(ctx, (ExprList){0}, $1); }
    | arglist ',' expr                     { $$ = exprs_add(ctx, $1, $3); }
    ;

/* Words that are keywords only where the grammar needs them may still name things. */
name
    : IDENT
    | keyword                              { $$ = keyword_name(ctx, @1); }
    ;

keyword
    : KW_UNIT | KW_RATE | KW_BUDGET | KW_GROUP | KW_ITEM | KW_MEMO | KW_YEAR | KW_ROUNDING
    | KW_COLUMNS | KW_META | KW_CODE | KW_NOTE | KW_TAG | KW_IMPORT | KW_CLASSIFICATION
    | KW_VIEW | KW_CONSOLIDATE | KW_BUDGETS | KW_GROUPS | KW_TEXT | KW_RULES | KW_APPLY
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
        else if (k == YYSYMBOL_IDENT || k == YYSYMBOL_STRING || k == YYSYMBOL_NUMBER || k == YYSYMBOL_PERCENT ||
                 k == YYSYMBOL_SIGN || k == YYSYMBOL_DASH)
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
    bool only_values = true, minus = false; /* every token could start a value: 1, -, (1,234), $1, — */
    for (int i = 0; i < n; i++) {
        minus |= strcmp(yysymbol_name(all[i]), "'-'") == 0;
        number |= all[i] == YYSYMBOL_NUMBER;
        only_values &= all[i] == YYSYMBOL_NUMBER || all[i] == YYSYMBOL_PERCENT || all[i] == YYSYMBOL_SIGN ||
                       all[i] == YYSYMBOL_DASH ||
                       strcmp(yysymbol_name(all[i]), "'-'") == 0 || strcmp(yysymbol_name(all[i]), "'('") == 0;
        statement |= all[i] == YYSYMBOL_KW_ASSERT;
        declaration |= all[i] == YYSYMBOL_KW_RATE;
        attribute |= all[i] == YYSYMBOL_KW_CODE;
        operand |= all[i] == YYSYMBOL_KW_NOT; /* only where an expression may start */
    }
    /* 'code' may also name an item inside an expression: only 'not' tells them apart. */
    if (number && attribute && !operand)
        return "a value (a number or '-'), 'code', 'note', 'tag' or end of line";
    if (number && minus && only_values)
        return "a value (a number or '-')";
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
    const char *kind = expected_kind(pctx);
    if (kind && strncmp(kind, "a value", 7) == 0)
        buf_puts(&want, kind);
    else if (n > 0)
        describe_expected(&want, expected, n);
    else if (kind)
        buf_puts(&want, kind);
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
