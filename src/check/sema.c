/* sema.c - the tables of facts the checker fills in, and what every reader of them needs. */
#include "check/sema.h"

#include <stdlib.h>

void sema_reserve_items(Sema *s, uint32_t nitems)
{
    uint32_t need = (nitems + SEMA_CHUNK - 1) / SEMA_CHUNK;
    if (need <= s->nchunks)
        return;
    s->item_chunks = xrealloc(s->item_chunks, need * sizeof *s->item_chunks);
    for (uint32_t i = s->nchunks; i < need; i++)
        s->item_chunks[i] = ARENA_ARRAY(s->arena, ItemFacts, SEMA_CHUNK);
    s->nchunks = need;
}

void sema_init(Sema *s, Arena *arena, const Program *p)
{
    *s = (Sema){.arena = arena};
    sema_reserve_items(s, p->nitems_made);
    s->exprs = ARENA_ARRAY(arena, ExprFacts, p->nexprs_made + 1);
    s->checks = ARENA_ARRAY(arena, CheckFacts, p->nchecks_made + 1);
    s->texts = ARENA_ARRAY(arena, TextFacts, p->ntexts_made + 1);
    s->budgets = ARENA_ARRAY(arena, BudgetFacts, p->nbudgets_made + 1);
}

void sema_free(Sema *s)
{
    free(s->item_chunks);
    *s = (Sema){0};
}

/* A coded item written without a label reads the catalogue's name of its first code found. */
const char *sema_given_label(const Sema *s, const Item *it)
{
    if (it->label)
        return it->label;
    const ClassNode **codes = sema_item(s, it)->codes;
    for (uint32_t i = 0; codes && i < it->ncodes; i++)
        if (codes[i])
            return codes[i]->name;
    return NULL;
}

const char *sema_label(const Sema *s, const Item *it)
{
    const char *given = sema_given_label(s, it);
    return given ? given : it->id;
}

Cell sema_cell(const Sema *s, const Item *it, uint32_t col)
{
    const Cell *v = sema_item(s, it)->value;
    return v ? v[col] : packed_none();
}

CheckStatus check_status_of(const CheckResult *results, uint32_t n)
{
    CheckStatus s = CHECK_SKIPPED;
    for (uint32_t i = 0; i < n; i++) {
        CheckStatus r = results[i].status;
        if (r == CHECK_FAILED || r == CHECK_INVALID)
            return r;
        if (r == CHECK_PASSED)
            s = CHECK_PASSED;
    }
    return s;
}
