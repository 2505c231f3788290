/* ast.c - walking and naming the nodes of the syntax tree. */
#include "syntax/ast.h"

#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

void program_free(Program *p)
{
    free(p->units);
    free(p->rates);
    free(p->budgets);
    free(p->imported_budgets);
    free(p->imports);
    free(p->classifications);
    free(p->consolidations);
    free(p->rulesets);
    free(p->shared_applies);
}

const char *item_written_label(const Item *it)
{
    return it->label ? it->label : it->id;
}

char *item_path(const Item *it)
{
    enum { MAX_SHOWN = 256 };
    const Item *chain[MAX_SHOWN];
    size_t n = 0;
    for (const Item *p = it; p && n < MAX_SHOWN; p = p->parent)
        chain[n++] = p;
    Buf b = {0};
    while (n > 0) {
        buf_puts(&b, chain[--n]->id);
        if (n)
            buf_putc(&b, '.');
    }
    return buf_take(&b);
}

/* The sibling after `it`, or NULL when it is the last. */
static Item *next_sibling(const Budget *b, const Item *it)
{
    uint32_t n = it->parent ? it->parent->nchildren : b->nitems;
    Item **siblings = it->parent ? it->parent->children : b->items;
    return it->sibling + 1 < n ? siblings[it->sibling + 1] : NULL;
}

Item *item_next(const Budget *b, const Item *it)
{
    if (it->nchildren)
        return it->children[0];
    for (; it; it = it->parent) {
        Item *next = next_sibling(b, it);
        if (next)
            return next;
    }
    return NULL;
}

Item *item_next_within(const Item *it, const Item *root)
{
    if (it->nchildren)
        return it->children[0];
    for (; it != root; it = it->parent) {
        const Item *p = it->parent;
        if (it->sibling + 1 < p->nchildren)
            return p->children[it->sibling + 1];
    }
    return NULL;
}

Item *item_derived(Arena *a, Program *p, ItemKind kind, const char *id, Span id_span)
{
    Item *it = ARENA_NEW(a, Item);
    *it = (Item){.kind = kind, .index = p->nitems_made++, .id = id, .id_span = id_span, .span = id_span};
    return it;
}

void item_adopt(Item *g, Item **children, uint32_t n)
{
    g->children = children;
    g->nchildren = n;
    for (uint32_t i = 0; i < n; i++) {
        children[i]->parent = g;
        children[i]->sibling = i;
    }
}

Expr *expr_derived(Arena *a, Program *p, const Expr *e)
{
    Expr *copy = ARENA_NEW(a, Expr);
    *copy = *e;
    if (e->kind == EXPR_REF || e->kind == EXPR_PICK)
        copy->index = p->nexprs_made++;
    return copy;
}

Check *check_derived(Arena *a, Program *p, const Check *origin, Expr *expr)
{
    Check *k = ARENA_NEW(a, Check);
    *k = *origin;
    k->index = p->nchecks_made++;
    k->expr = expr;
    return k;
}

Sign sign_of(const char *text)
{
    static const struct {
        const char *text;
        Sign sign;
    } signs[] = {{"$", SIGN_DOLLAR}, {"\xC2\xA5", SIGN_YEN}, {"\xEF\xBF\xA5", SIGN_YEN},
                 {"\xC2\xA3", SIGN_POUND}, {"\xE2\x82\xAC", SIGN_EURO}};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(text, signs[i].text) == 0)
            return signs[i].sign;
    return SIGN_NONE;
}

const char *sign_text(Sign s)
{
    static const char *const texts[] = {"", "$", "\xC2\xA5", "\xC2\xA3", "\xE2\x82\xAC"};
    return texts[s];
}
