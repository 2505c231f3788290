/* index.h - every name and figure of a compilation by where it is written, with what it
 * stands for: the language server's position lookups (hover, definition, references,
 * rename, semantic tokens) read it. Built once per compilation by a walk over the tree and
 * the checker's facts (check/sema.h). The index owns its arrays and points into the
 * compilation, which must outlive it. */
#ifndef BDL_LSP_INDEX_H
#define BDL_LSP_INDEX_H

#include "compile/compilation.h"

typedef enum OccKind {
    OCC_ITEM,   /* an item's ID where it is defined, or a name of a path naming it */
    OCC_VALUE,  /* an item's figure (a group's stated total) in one column */
    OCC_COLUMN, /* a column's ID, declared or picked */
    OCC_UNIT,   /* a unit's name, declared or used */
    OCC_CODE,   /* a classification code, in its catalogue or on an item */
    OCC_SCHEME, /* a classification's ID */
    OCC_BUDGET, /* a budget's ID */
    OCC_IMPORT  /* the path of an import */
} OccKind;

enum { NO_FILE = UINT32_MAX };

typedef struct Occ {
    Span span;
    OccKind kind;
    bool def;             /* the definition of its target */
    uint32_t column;      /* OCC_VALUE, OCC_COLUMN: a column of `budget` (or of the target) */
    uint32_t file;        /* OCC_IMPORT: the source it read, or NO_FILE */
    const Budget *budget; /* the budget it stands in; NULL outside budgets */
    const void *target;   /* Item, Item, Budget (its column), UnitDecl, ClassNode, Classification,
                           * Budget, ImportDecl by kind; NULL when it names nothing known */
} Occ;

/* A check and its budget. */
typedef struct IndexedCheck {
    const Check *check;
    const Budget *budget;
} IndexedCheck;

typedef struct Index {
    Occ *occ; /* sorted by file, then start */
    size_t n, cap;
    IndexedCheck *checks; /* sorted the same way */
    size_t nchecks, capchecks;
} Index;

void index_build(Index *x, const Compilation *c);
void index_free(Index *x);

/* The innermost occurrence at byte `offset` of `file`, its end included (where the cursor
 * stands after typing a name); NULL when none. */
const Occ *index_at(const Index *x, uint32_t file, uint32_t offset);
/* The check whose claim or keyword holds `offset`, or NULL. */
const IndexedCheck *index_check_at(const Index *x, uint32_t file, uint32_t offset);
/* The first occurrence in `file` at or after `offset` (x->occ + x->n when none). */
const Occ *index_from(const Index *x, uint32_t file, uint32_t offset);

/* Where o's target is defined; false when it has none (an unresolved name, a library
 * scheme's implicit column). An import's target is a whole file: not a span here. */
bool occ_definition(const Occ *o, Span *def);
/* Whether two occurrences of one index name the same thing. */
bool occ_same_target(const Occ *a, const Occ *b);

#endif
