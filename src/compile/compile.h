/* compile.h - one compilation: read a source, parse it, check it. Every phase shares
 * the arena, the string table and the diagnostics engine kept here. */
#ifndef BDL_COMPILE_H
#define BDL_COMPILE_H

#include "syntax/ast.h"
#include "diag/diag.h"
#include "base/intern.h"

typedef struct Compilation {
    Arena arena;
    /* The items of the tree, apart from everything else: densely packed, in source order,
     * so the walks over a large tree (names, totals, outputs) read memory in sequence. */
    Arena items;
    Interns interns;
    SourceSet sources;
    Diags diags;
    Program *program; /* NULL when the file could not be read */
    const char *read_error;
    bool allow_outside; /* --allow-outside: imports may leave the main file's directory */
    char **deps;        /* every file read, as opened (for --depfile) */
    size_t ndeps;
} Compilation;

void compilation_init(Compilation *c, size_t max_errors, bool werror);
/* Reads, parses and checks `path` ("-" for standard input). False on an I/O failure. */
bool compile_file(Compilation *c, const char *path);
bool compile_string(Compilation *c, const char *name, const char *text, size_t len);
void compilation_free(Compilation *c);

#endif
