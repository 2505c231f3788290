/* import_tree.c - a table's rows as a tree. The hierarchy comes from the classification
 * codes (a code nests under the row whose code is its prefix: 类 201, 款 20103, 项
 * 2010301) or else from indentation; then the total rows are placed: a total first or
 * last in a list states its parent's totals, "Total X" states those of the heading X
 * before it, and any other subtotal (本年收入合计) makes a group of the rows before it. */
#include "tools/import_model.h"

#include "base/vec.h"

#include <string.h>

static void add_kid(Arena *a, Node *parent, Node *kid)
{
    ARENA_GROW(a, parent->kids, parent->nkids, parent->cap);
    parent->kids[parent->nkids++] = kid;
}

static bool has_stated(const Row *r, size_t nvalues)
{
    for (size_t i = 0; i < nvalues; i++)
        if (r->values[i].stated)
            return true;
    return false;
}

static Node *node_of(Arena *a, const Row *r)
{
    Node *n = ARENA_NEW(a, Node);
    n->row = r;
    n->label = r->label;
    n->code = r->code;
    n->memo = r->kind == ROW_MEMO;
    return n;
}

static bool prefix_of(const char *parent, const char *code)
{
    size_t n = strlen(parent);
    return strlen(code) > n && strncmp(parent, code, n) == 0;
}

enum { MAX_DEPTH = 64 }; /* far more than any table nests; deeper rows stay at that level */

static void by_codes(Arena *a, const Table *t, Node *root)
{
    Node *stack[MAX_DEPTH];
    size_t depth = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        Node *n = node_of(a, &t->rows[i]);
        if (!n->code || n->row->kind == ROW_TOTAL) {
            add_kid(a, root, n);
            depth = 0;
            continue;
        }
        while (depth && !prefix_of(stack[depth - 1]->code, n->code))
            depth--;
        add_kid(a, depth ? stack[depth - 1] : root, n);
        if (depth < MAX_DEPTH)
            stack[depth++] = n;
    }
}

/* Indentation, or where no row is indented and lists nest (一、 over （一）), the list
 * numbers' levels. */
static bool by_numbers(const Table *t)
{
    bool nested = false;
    for (size_t i = 0; i < t->nrows; i++) {
        if (t->rows[i].indent > 0)
            return false;
        nested |= label_level(t->rows[i].label) >= 2;
    }
    return nested;
}

static void by_indent(Arena *a, const Table *t, Node *root)
{
    Node *stack[MAX_DEPTH];
    size_t depth = 0;
    bool numbers = by_numbers(t);
    for (size_t i = 0; i < t->nrows; i++) {
        Node *n = node_of(a, &t->rows[i]);
        int level = numbers ? label_level(n->label) : n->row->indent;
        while (depth && (numbers ? label_level(stack[depth - 1]->label) : stack[depth - 1]->row->indent) >= level)
            depth--;
        add_kid(a, depth ? stack[depth - 1] : root, n);
        if (depth < MAX_DEPTH && n->row->kind != ROW_TOTAL)
            stack[depth++] = n;
    }
}

static void remove_kid(Node *p, size_t i)
{
    memmove(p->kids + i, p->kids + i + 1, (p->nkids - i - 1) * sizeof *p->kids);
    p->nkids--;
}

static bool is_total(const Node *n)
{
    return n->row && n->row->kind == ROW_TOTAL && n->nkids == 0;
}

static void state_totals(Node *n, const Node *total)
{
    n->totals = total->row->values;
    n->totals_row = total->row;
}

/* A subtotal at kids[i]: the heading it closes ("Total X" after X), or a new group of the
 * rows since the previous subtotal. */
static void place_subtotal(Arena *a, Node *p, size_t *i, size_t *since)
{
    Node *t = p->kids[*i];
    const char *rest = t->row->total_rest;
    for (size_t k = *i; k-- > *since;) {
        Node *s = p->kids[k];
        if (*rest && strcmp(label_unnumbered(s->label), label_unnumbered(rest)) == 0 && !s->totals) {
            state_totals(s, t);
            remove_kid(p, *i);
            *since = (*i)--; /* the loop goes on at the row after the total */
            return;
        }
    }
    Node *g = ARENA_NEW(a, Node);
    g->label = *rest ? rest : t->label;
    g->row = NULL;
    state_totals(g, t);
    for (size_t k = *since; k < *i; k++)
        add_kid(a, g, p->kids[k]);
    p->kids[*since] = g;
    memmove(p->kids + *since + 1, p->kids + *i + 1, (p->nkids - *i - 1) * sizeof *p->kids);
    p->nkids -= *i - *since;
    *i = *since;
    *since = *i + 1;
}

static void place_totals(Arena *a, Node *p, size_t nvalues, bool is_root)
{
    for (size_t i = 0; i < p->nkids; i++)
        place_totals(a, p->kids[i], nvalues, false);
    if (p->row && !p->totals && p->nkids && has_stated(p->row, nvalues))
        p->totals = p->row->values, p->totals_row = p->row;
    if ((p->nkids > 1 || is_root) && p->nkids && is_total(p->kids[0]) && !p->totals) {
        state_totals(p, p->kids[0]);
        remove_kid(p, 0);
    }
    if (p->nkids > 1 && is_total(p->kids[p->nkids - 1]) && !p->totals) {
        const Node *last = p->kids[p->nkids - 1];
        const char *rest = last->row->total_rest;
        if (is_root || !*rest || strcmp(label_unnumbered(rest), label_unnumbered(p->label)) == 0) {
            state_totals(p, last);
            remove_kid(p, p->nkids - 1);
        }
    }
    size_t since = 0;
    for (size_t i = 0; i < p->nkids; i++)
        if (is_total(p->kids[i]) && i > since)
            place_subtotal(a, p, &i, &since);
}

void table_tree(Arena *a, const Table *t, Node *root)
{
    bool coded = false;
    for (size_t i = 0; i < t->nrows && !coded; i++)
        coded = t->rows[i].code != NULL;
    if (coded)
        by_codes(a, t, root);
    else
        by_indent(a, t, root);
    place_totals(a, root, t->nvalues, true);
}
