/* compilation.h - what one compilation keeps: the arena, the string table and the
 * diagnostics engine every phase shares, the sources read, the program and its facts.
 * compile.h runs it; the import loader (imports.h) adds to it. */
#ifndef BDL_COMPILATION_H
#define BDL_COMPILATION_H

#include "base/intern.h"
#include "check/sema.h"
#include "diag/diag.h"
#include "syntax/ast.h"

typedef struct Compilation {
    Arena arena;
    Interns interns;
    SourceSet sources;
    Diags diags;
    Program *program; /* NULL when the file could not be read */
    Sema sema;        /* what the checker found about the program */
    const char *read_error;
    bool allow_outside; /* --allow-outside: imports may leave the main file's directory */
    bool depfile;       /* --depfile: every import's name must be writable in a Make rule */
    bool depfile_refused; /* an import was refused for that (E0606): no depfile is written */
    char **deps;        /* every file read, as opened (for --depfile) */
    size_t ndeps, capdeps;
} Compilation;

#endif
