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
/* Where the files a compilation imports are read from: the file system when the
 * compilation has no provider, or another version of the tree (bdl diff --git REV reads
 * git's objects at REV). The library is always read from the file system. */
typedef struct SourceProvider {
    /* The file at `path` (as the loader joined it, relative to the working directory),
     * shown as `name`; NULL with *err set when that version has no such file. */
    Source *(*read)(const struct SourceProvider *p, const char *path, const char *name, const char **err);
    const void *ctx;
} SourceProvider;

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
    bool depfile;       /* --depfile: every import's name must be writable in a Make rule */
    bool depfile_refused; /* an import was refused for that (E0606): no depfile is written */
    const SourceProvider *provider; /* NULL: imports are of the tree on disk */
    char **deps;        /* every file read, as opened (for --depfile) */
    size_t ndeps, capdeps;
} Compilation;

#endif
