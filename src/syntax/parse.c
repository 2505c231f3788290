/* parse.c - runs the scanner and parser over one source file. */
#include "syntax/parse.h"

#include "syntax/lexer.h"
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>

Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                    Interns *interns, Diags *diags)
{
    Program *program = ARENA_NEW(arena, Program);
    parse_into(program, sources, file, arena, items, interns, diags, false);
    return program;
}

void parse_into(Program *program, SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                Interns *interns, Diags *diags, bool imported)
{
    ParseCtx ctx = {arena, items, interns, diags, file, sources->items[file], program, false, imported, NULL,
                    &program->units, &program->rates, imported ? &program->imported_budgets : &program->budgets,
                    NULL, NULL, 0, 0, NULL, 0, 0, {0}};
    /* An imported file adds to lists earlier files started: find their ends once. */
    while (*ctx.units_tail)
        ctx.units_tail = &(*ctx.units_tail)->next;
    while (*ctx.rates_tail)
        ctx.rates_tail = &(*ctx.rates_tail)->next;
    while (*ctx.budgets_tail)
        ctx.budgets_tail = &(*ctx.budgets_tail)->next;
    LexState st = {0};
    st.src = sources->items[file];
    st.file = file;
    st.arena = arena;
    st.interns = interns;
    st.diags = diags;
    yyscan_t scanner = lexer_open(&st);
    if (!scanner) { /* flex fails only when out of memory, like xmalloc */
        fputs("bdl: out of memory\n", stderr);
        exit(2);
    }
    yyparse(scanner, &ctx);
    lexer_close(&st, scanner);
    free(ctx.scratch_values);
    free(ctx.scratch_parts);
    map_free(&ctx.codes);
}

Expr *parse_interpolation(ParseCtx *c, uint32_t start, uint32_t end)
{
    ParseCtx sub = *c;
    sub.expr_result = NULL;
    sub.spare_bodies = NULL; /* an expression has no body; the outer parse keeps its own */
    sub.scratch_values = NULL; /* nor a list of values */
    sub.nscratch = sub.scratch_cap = 0;
    sub.scratch_parts = NULL; /* its paths are read apart from the outer parse's */
    sub.nscratch_parts = sub.scratch_parts_cap = 0;
    sub.codes = (Map){0}; /* an expression cites no code */
    LexState st = {0};
    st.src = c->source;
    st.file = c->file;
    st.arena = c->arena;
    st.interns = c->interns;
    st.diags = c->diags;
    yyscan_t scanner = lexer_open_range(&st, start, end, EXPR_START);
    if (!scanner)
        return NULL;
    yyparse(scanner, &sub);
    lexer_close(&st, scanner);
    free(sub.scratch_parts);
    map_free(&sub.codes);
    return sub.expr_result;
}
