/* import_model.c - an Import's life: made empty, freed with everything its stages made. */
#include "tools/import_model.h"

#include <stdlib.h>
#include <string.h>

void import_init(Import *im, Workbook *wb, Report *d, const Rules *rules)
{
    memset(im, 0, sizeof *im);
    arena_init(&im->arena);
    im->wb = wb, im->d = d, im->rules = rules;
}

void import_free(Import *im)
{
    for (size_t i = 0; i < im->ntables; i++) {
        free(im->tables[i].cols);
        free(im->tables[i].values);
        free(im->tables[i].rows);
    }
    free(im->tables);
    free(im->skipped);
    free(im->columns);
    free(im->roots);
    free(im->asserts);
    arena_release(&im->arena);
}
