/* layout.c - the table layout the HTML page, the workbook and the CSV files share. */
#include "emit/layout.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

const Item **layout_tables(const Budget *b, uint32_t *n)
{
    const Item **tables = calloc((size_t)b->nitems + 1, sizeof *tables);
    bool standalone = false;
    *n = 0;
    for (uint32_t i = 0; i < b->nitems; i++) {
        if (b->items[i]->kind == ITEM_GROUP)
            tables[(*n)++] = b->items[i];
        else
            standalone = true;
    }
    if (standalone)
        tables[(*n)++] = NULL;
    return tables;
}

/* ---- language: the fixed words are Chinese when the budget's own words are ---------- */

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

bool layout_has_han(const char *s)
{
    if (!s)
        return false;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (len && is_han(cp))
            return true;
        i += len ? len : 1;
    }
    return false;
}

static bool items_have_han(const Sema *s, Item *const *items, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (layout_has_han(sema_given_label(s, items[i])) ||
            items_have_han(s, items[i]->children, items[i]->nchildren))
            return true;
    return false;
}

static bool budget_has_han(const Sema *s, const Budget *b)
{
    if (layout_has_han(b->title) || items_have_han(s, b->items, b->nitems))
        return true;
    /* A roll-up's total column is labelled by the compiler, not the author. */
    uint32_t written = b->consolidation && b->ncolumns ? b->ncolumns - 1 : b->ncolumns;
    for (uint32_t i = 0; i < written; i++)
        if (layout_has_han(b->columns[i].label))
            return true;
    for (uint32_t i = 0; i < b->nmeta; i++)
        if (layout_has_han(b->meta[i].value))
            return true;
    for (uint32_t i = 0; i < b->nchecks; i++)
        if (layout_has_han(b->checks[i]->message))
            return true;
    for (uint32_t i = 0; i < b->ntexts; i++)
        if (layout_has_han(b->texts[i]->title) || layout_has_han(sema_text(s, b->texts[i])->rendered))
            return true;
    return false;
}

bool layout_chinese(const Sema *s, const Program *p, const Budget *only)
{
    for (uint32_t i = 0; p && i < p->nbudgets; i++) {
        const Budget *b = p->budgets[i];
        if ((!only || b == only) && budget_has_han(s, b))
            return true;
    }
    return false;
}

/* ---- precision: figures are shown to the budget's `rounding` ------------------------ */

static int most_decimals(Item *const *items, uint32_t n)
{
    int most = 0;
    for (uint32_t k = 0; k < n; k++) {
        const Item *it = items[k];
        for (uint32_t i = 0; i < it->nvalues; i++) {
            const Value *v = &it->values[i];
            if (value_stated(v) && !v->unit && !v->percent && v->decimals > most)
                most = v->decimals;
        }
        int d = most_decimals(it->children, it->nchildren);
        most = d > most ? d : most;
    }
    return most;
}

/* Without `rounding`, as many decimals as the most precise figure written in the budget's
 * unit, so that the column still lines up. */
int layout_places(const Sema *s, const Budget *b)
{
    int places = sema_budget(s, b)->rounding_valid ? b->rounding.decimals : most_decimals(b->items, b->nitems);
    return places < LAYOUT_MAX_PLACES ? places : LAYOUT_MAX_PLACES;
}

/* The most decimals any value of the subtree is written with. */
static int written_places(const Item *it)
{
    int most = 0;
    for (uint32_t i = 0; i < it->nvalues; i++)
        if (value_stated(&it->values[i]) && !it->values[i].percent && it->values[i].decimals > most)
            most = it->values[i].decimals;
    for (uint32_t i = 0; i < it->nchildren; i++) {
        int d = written_places(it->children[i]);
        most = d > most ? d : most;
    }
    return most;
}

int layout_item_places(const Sema *s, const Budget *b, int places, const Item *it)
{
    if (sema_item(s, it)->unit == sema_budget(s, b)->unit)
        return places;
    return written_places(it);
}

/* ---- columns ------------------------------------------------------------------------ */

/* The department a roll-up's column adds up (its budget's `meta entity`), or NULL. */
static const char *member_entity(const Sema *s, const Budget *b, uint32_t i)
{
    const Consolidation *k = b->consolidation;
    Budget *const *members = sema_budget(s, b)->members;
    if (!k || !members || i >= k->budgets.n || !members[i])
        return NULL;
    const Budget *m = members[i];
    for (uint32_t j = 0; j < m->nmeta; j++)
        if (strcmp(m->meta[j].key, "entity") == 0 && m->meta[j].value && *m->meta[j].value)
            return m->meta[j].value;
    return NULL;
}

const char *layout_column(const Sema *s, const Budget *b, uint32_t i, const char *total_word)
{
    const char *entity = member_entity(s, b, i);
    if (entity)
        return entity;
    if (layout_total_column(b, i))
        return total_word;
    return b->columns[i].label ? b->columns[i].label : b->columns[i].id;
}

bool layout_total_column(const Budget *b, uint32_t i)
{
    return b->consolidation && i + 1 == b->ncolumns;
}

const char *layout_code_scheme(const Sema *s, const Item *it, uint32_t i)
{
    const ClassNode **nodes = sema_item(s, it)->codes;
    const ClassNode *n = nodes ? nodes[i] : NULL;
    return n ? n->scheme->id : it->codes[i].scheme ? it->codes[i].scheme : "";
}

const Item *layout_view(const Sema *s, const Budget *b, const Item *g)
{
    const Consolidation *k = b->consolidation;
    Budget *const *members = sema_budget(s, b)->members;
    if (g->view || !k || !members || !k->budgets.n || !members[0])
        return g->view ? g : NULL;
    const Budget *first = members[0];
    for (uint32_t i = 0; i < first->nitems; i++)
        if (first->items[i]->id == g->id)
            return first->items[i]->view ? first->items[i] : NULL;
    return NULL;
}
