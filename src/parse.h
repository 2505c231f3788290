/* parse.h - turning one source file into a Program. */
#ifndef BDL_PARSE_H
#define BDL_PARSE_H

#include "ast.h"
#include "diag.h"
#include "intern.h"

typedef struct ParseCtx {
    Arena *arena;
    Interns *interns;
    Diags *diags;
    uint32_t file;
    Source *source;
    Program *program;
    bool expr_too_deep_reported;
    /* Where the next declaration goes: lists are appended to at their tail, never walked,
     * so a file of a million declarations is read in linear time. */
    UnitDecl **units_tail;
    RateDecl **rates_tail;
    Budget **budgets_tail;
} ParseCtx;

/* Parses sources->items[file]; syntax errors go to diags, and whatever parsed is returned. */
Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Interns *interns,
                    Diags *diags);

#endif
