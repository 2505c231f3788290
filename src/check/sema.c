/* sema.c - the tables of facts the checker fills in, and what every reader of them needs. */
#include "check/sema.h"

#include <stdlib.h>
#include <string.h>

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

/* A copy of the table of facts `old` (n of them) with room for `cap` (the arena's memory
 * comes zeroed: facts not found yet are zero). */
static void *grown(Arena *a, const void *old, uint32_t n, uint32_t cap, size_t elem)
{
    void *t = arena_alloc_aligned(a, (size_t)cap * elem, 16);
    if (n)
        memcpy(t, old, (size_t)n * elem);
    return t;
}

/* At least `need`, doubling what there was once it has to grow: n additions cost O(n). */
static uint32_t room(uint32_t cap, uint32_t need)
{
    if (!cap)
        return need;
    return need > 2 * cap ? need : 2 * cap;
}

void sema_reserve_checks(Sema *s, uint32_t nexprs, uint32_t nchecks)
{
    if (nexprs + 1 > s->cap_exprs) {
        uint32_t cap = room(s->cap_exprs, nexprs + 1);
        s->exprs = grown(s->arena, s->exprs, s->cap_exprs, cap, sizeof *s->exprs);
        s->cap_exprs = cap;
    }
    if (nchecks + 1 > s->cap_checks) {
        uint32_t cap = room(s->cap_checks, nchecks + 1);
        s->checks = grown(s->arena, s->checks, s->cap_checks, cap, sizeof *s->checks);
        s->cap_checks = cap;
    }
}

void sema_init(Sema *s, Arena *arena, const Program *p)
{
    *s = (Sema){.arena = arena};
    sema_reserve_items(s, p->nitems_made);
    sema_reserve_checks(s, p->nexprs_made, p->nchecks_made);
    s->texts = ARENA_ARRAY(arena, TextFacts, p->ntexts_made + 1);
    s->budgets = ARENA_ARRAY(arena, BudgetFacts, p->nbudgets_made + 1);
    s->ledgers = ARENA_ARRAY(arena, Ledger, p->napplies_made + 1);
    s->views = ARENA_ARRAY(arena, ViewFacts, p->nviews_made + 1);
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
