/* parse.c - runs the scanner and parser over one source file. */
#include "parse.h"

#include "lexer.h"
#include "parser.h"

Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                    Interns *interns, Diags *diags)
{
    Program *program = ARENA_NEW(arena, Program);
    ParseCtx ctx = {arena, items, interns, diags, file, sources->items[file], program, false};
    LexState st = {0};
    st.src = sources->items[file];
    st.file = file;
    st.arena = arena;
    st.interns = interns;
    st.diags = diags;
    yyscan_t scanner = lexer_open(&st);
    if (!scanner) {
        diag_report(diags, SEV_ERROR, "E0001", (Span){file, 0, 0}, "out of memory starting the scanner");
        return program;
    }
    yyparse(scanner, &ctx);
    lexer_close(&st, scanner);
    return program;
}
