/* compilation.h - what one compilation keeps: the arena, the string table and the
 * diagnostics engine every phase shares, the sources read, the program and its facts.
 * compile.h runs it; the import loader (imports.h) adds to it. */
#ifndef BDL_COMPILATION_H
#define BDL_COMPILATION_H

#include "base/intern.h"
#include "check/sema.h"
#include "diag/diag.h"
#include "syntax/ast.h"

/* Reads an imported file, given its canonical path and the name diagnostics show it by;
 * NULL (with *err set) when it cannot. The language server serves the files open in the
 * editor from memory this way. */
typedef Source *(*SourceReader)(void *ctx, const char *real_path, const char *name, const char **err);

typedef struct Compilation {
    Arena arena;
    Interns interns;
    SourceSet sources;
    Diags diags;
    Program *program; /* NULL when the file could not be read */
    Sema sema;        /* what the checker found about the program */
    const char *read_error;
    bool allow_outside; /* --allow-outside: imports may leave the main file's directory */
    SourceReader read_import; /* NULL: imported files are read from the file system */
    void *read_import_ctx;
    char **deps;        /* every file read, as opened (for --depfile) */
    size_t ndeps, capdeps;
} Compilation;

#endif
