/* parse.h - turning one source file into a Program. */
#ifndef BDL_PARSE_H
#define BDL_PARSE_H

#include "ast.h"
#include "diag.h"
#include "intern.h"

typedef struct ParseCtx {
    Arena *arena;
    Arena *items; /* Items only: see Compilation.items */
    Interns *interns;
    Diags *diags;
    uint32_t file;
    Source *source;
    Program *program;
    bool expr_too_deep_reported;
} ParseCtx;

/* Parses sources->items[file]; syntax errors go to diags, and whatever parsed is returned.
 * Items are allocated in `items`, everything else in `arena`. */
Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                    Interns *interns, Diags *diags);

#endif
