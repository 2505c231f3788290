/* parse.c - runs the scanner and parser over one source file. */
#include "parse.h"

#include "lexer.h"
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>

Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Interns *interns,
                    Diags *diags)
{
    Program *program = ARENA_NEW(arena, Program);
    ParseCtx ctx = {arena, interns, diags, file, sources->items[file], program, false,
                    &program->units, &program->rates, &program->budgets};
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
    return program;
}
