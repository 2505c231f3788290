/* parse.h - turning one source file into a Program. */
#ifndef BDL_PARSE_H
#define BDL_PARSE_H

#include "syntax/ast.h"
#include "diag/diag.h"
#include "base/intern.h"
#include "base/map.h"

typedef struct ParseCtx {
    Arena *arena;
    Arena *items; /* Items only: see Compilation.items */
    Interns *interns;
    Diags *diags;
    uint32_t file;
    Source *source;
    Program *program;
    bool expr_too_deep_reported;
    bool imported; /* an imported file: its budgets are not the compilation's output */
    struct Expr *expr_result; /* parse_interpolation's result */
    /* Where the next declaration goes: lists are appended to at their tail, never walked,
     * so a file of a million declarations is read in linear time. */
    UnitDecl **units_tail;
    RateDecl **rates_tail;
    Budget **budgets_tail;
    struct Body *spare_bodies; /* bodies of closed blocks, for the next blocks to reuse */
    Value *scratch_values;     /* the list of values being read (values_start) */
    uint32_t nscratch, scratch_cap;
    PathPart *scratch_parts;   /* the path being read (parts_start) */
    uint32_t nscratch_parts, scratch_parts_cap;
    Map codes;                 /* the file's cited codes by (code, scheme): shared Code */
} ParseCtx;

/* Parses sources->items[file]; syntax errors go to diags, and whatever parsed is returned.
 * Items are allocated in `items`, everything else in `arena`. */
Program *parse_file(SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                    Interns *interns, Diags *diags);
/* Parses the expression in source bytes [start, end) of the file being parsed (inside a
 * text's {...}); NULL after a syntax error, which is reported at its exact position. */
struct Expr *parse_interpolation(ParseCtx *c, uint32_t start, uint32_t end);
/* Parses sources->items[file] into an existing program (an imported file). */
void parse_into(Program *program, SourceSet *sources, uint32_t file, Arena *arena, Arena *items,
                Interns *interns, Diags *diags, bool imported);

#endif
