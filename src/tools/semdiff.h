/* semdiff.h - what changed between two versions of a spec, in budget terms: items
 * added, removed, renamed and changed (per column, with the delta), totals that moved,
 * checks whose result changed, and changed units, columns and metadata. */
#ifndef BDL_SEMDIFF_H
#define BDL_SEMDIFF_H

#include "check/sema.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum Change { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED, CHANGE_RENAMED } Change;

typedef struct ItemChange {
    Change change;
    const Item *old, *new; /* old is NULL when added, new is NULL when removed */
    bool values_changed, label_changed, unit_changed;
    bool notes_changed; /* its notes or tags (published with it) */
} ItemChange;

typedef struct CheckChange {
    const Check *old, *new;
    const Item *total;  /* set instead of the checks for a group's reconciliation */
    const Item *figure; /* set instead of the checks for a derived column's figure of this row */
    const Item *row;    /* with the checks: the row of an `each` claim */
    const char *column; /* NULL: the check as a whole */
    const char *before, *after; /* "passed", "failed", "skipped", "invalid", "absent" */
    bool kind;          /* before and after are the check's kind instead: "assert", "warn" */
} CheckChange;

typedef struct Setting {
    const char *what; /* "title", "unit", "columns", "meta entity", "unit 万元", ... */
    char *old, *new;  /* NULL when absent */
} Setting;

/* One version of a spec: its program and what the checker found in it. */
typedef struct Version {
    const Program *program;
    const Sema *sema;
} Version;

typedef struct BudgetDiff {
    const Budget *old, *new;
    const Sema *old_sema, *new_sema;
    ItemChange *items;  /* leaves and memos, in the new file's order (removed ones last) */
    size_t nitems;
    ItemChange *totals; /* groups whose stated total or computed sum moved */
    size_t ntotals;
    CheckChange *checks;
    size_t nchecks;
    Setting *settings;
    size_t nsettings;
} BudgetDiff;

typedef struct SemDiff {
    BudgetDiff *budgets;
    size_t nbudgets;
    Setting *settings; /* file level: units, budgets added or removed */
    size_t nsettings;
} SemDiff;

void semdiff_compute(Version old, Version new, SemDiff *out);
bool semdiff_empty(const SemDiff *d);
void semdiff_free(SemDiff *d);

/* The columns two budgets share, by ID: (index in old, index in new). */
size_t shared_columns(const Budget *old, const Budget *new, int (*pairs)[2], size_t max);
bool cells_equal(Cell a, Cell b);
/* The item a change is about: the new one, or the old one when it was removed; and the
 * facts of its version. */
const Item *change_item(const ItemChange *c);
const Sema *change_sema(const BudgetDiff *d, const ItemChange *c);
/* An item's notes ("; " between them) or its tags ("k=v, ..."), as the diff shows them; the
 * caller frees the text. */
char *item_notes_text(const Item *it, bool tags);

#endif
