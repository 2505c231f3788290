/* parse.c - runs the scanner and parser over one source file, then over the {expressions}
 * of its texts, each read where it stands in the file. */
#include "syntax/parse.h"

#include "parser.h"
#include "syntax/build_text.h"
#include "syntax/lexer.h"

#include <stdio.h>
#include <stdlib.h>

static LexState lex_state(const ParseCtx *c)
{
    return (LexState){.src = c->source, .file = c->file, .arena = c->arena, .interns = c->interns,
                      .diags = c->diags};
}

static void out_of_memory(void)
{
    fputs("bdl: out of memory\n", stderr); /* flex fails only when it cannot allocate */
    exit(2);
}

/* The expression in source bytes [start, end) of c's file; NULL after a syntax error, which
 * is reported at its exact position. */
static Expr *parse_interpolation(const ParseCtx *c, uint32_t start, uint32_t end)
{
    ParseCtx sub = *c;
    sub.expr_result = NULL;
    LexState st = lex_state(c);
    yyscan_t scanner = lexer_open_range(&st, start, end, EXPR_START);
    if (!scanner)
        out_of_memory();
    yyparse(scanner, &sub);
    lexer_close(&st, scanner);
    return sub.expr_result;
}

static void parse_texts(ParseCtx *c)
{
    for (uint32_t i = 0; i < c->ninterpolations; i++) {
        const Interpolation *in = &c->interpolations[i];
        in->text->parts[in->part].expr = parse_interpolation(c, in->start, in->end);
    }
    for (uint32_t i = 0; i < c->ntexts; i++)
        text_finish(c->texts[i]);
}

Program *parse_file(Program *program, SourceSet *sources, uint32_t file, Arena *arena,
                    Interns *interns, Diags *diags, bool imported)
{
    if (!program)
        program = ARENA_NEW(arena, Program);
    ParseCtx ctx = {.arena = arena, .interns = interns, .diags = diags, .file = file,
                    .source = sources->items[file], .program = program, .imported = imported};
    LexState st = lex_state(&ctx);
    yyscan_t scanner = lexer_open(&st);
    if (!scanner)
        out_of_memory();
    yyparse(scanner, &ctx);
    lexer_close(&st, scanner);
    parse_texts(&ctx);
    return program;
}
