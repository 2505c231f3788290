/* parse.h - turning one source file into (more of) a Program. */
#ifndef BDL_PARSE_H
#define BDL_PARSE_H

#include "base/intern.h"
#include "diag/diag.h"
#include "syntax/ast.h"

/* Parses sources->items[file] into `program` (a new one when NULL); syntax errors go to
 * diags, and whatever parsed is kept. Nodes are allocated in `arena`. An imported file's
 * budgets go to the program's imported_budgets. */
Program *parse_file(Program *program, SourceSet *sources, uint32_t file, Arena *arena,
                    Interns *interns, Diags *diags, bool imported);

#endif
