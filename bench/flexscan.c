/* flexscan.c - the bench's ceiling: the project's own flex scanner (grammar/lexer.l) run
 * over a file with nothing after it. It reads the file as bdl does, then pulls every token
 * from the raw scanner (lexer_next_raw: the token actions run - names are interned, numbers
 * parsed, strings unescaped - but there is no parser, no tree and no checking).
 *
 *     flexscan FILE    prints the number of tokens; exit 0, or 2 when FILE cannot be read */
#include "syntax/lexer.h"
#include "parser.h"
#include "base/source.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: flexscan FILE\n", stderr);
        return 2;
    }
    const char *err = NULL;
    Source *src = source_read(argv[1], &err);
    if (!src) {
        fprintf(stderr, "flexscan: cannot read %s: %s\n", argv[1], err);
        return 2;
    }
    SourceSet sources = {0};
    Arena arena;
    Interns interns;
    Diags diags;
    arena_init(&arena);
    interns_init(&interns, &arena);
    diags_init(&diags, &sources);
    uint32_t file = sources_add(&sources, src);

    LexState st = {0};
    st.src = src;
    st.file = file;
    st.arena = &arena;
    st.interns = &interns;
    st.diags = &diags;
    yyscan_t scanner = lexer_open(&st);
    if (!scanner)
        return 2;
    YYSTYPE lval;
    Span lloc;
    unsigned long tokens = 0;
    while (lexer_next_raw(scanner, &lval, &lloc) != 0)
        tokens++;
    lexer_close(&st, scanner);
    printf("%lu tokens, %zu diagnostics\n", tokens, diags.n);

    diags_free(&diags);
    sources_free(&sources);
    interns_free(&interns);
    arena_release(&arena);
    return 0;
}
