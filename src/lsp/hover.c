/* hover.c - textDocument/hover: what the checker knows about the thing under the cursor.
 * An item's figures per column with their unit; a group's stated total, the sum of its
 * items, the difference and the rounding bound; a check's result per column with both
 * sides; a code's name in its catalogue; a unit's size; a column, a budget, an import. A
 * diagnostic at the place adds its code and what the code means (`bdl explain`). Markdown
 * when the client shows it, else the same text without the marks. */
#include "lsp/features.h"

#include "base/show.h"
#include "diag/explain.h"
#include "lsp/figures.h"

#include <stdlib.h>
#include <string.h>

typedef struct Hover {
    Buf b;
    bool md;
    const Sema *sema;
} Hover;

/* Prose from a source file (a label), its Markdown punctuation escaped. */
static void text(Hover *h, const char *s)
{
    for (; s && *s; s++) {
        if (h->md && strchr("\\`*_{}[]<>()#+-!|~", *s))
            buf_putc(&h->b, '\\');
        buf_putc(&h->b, *s == '\n' ? ' ' : *s);
    }
}

/* An ID or a claim as written: in backticks (they cannot hold one). */
static void code(Hover *h, const char *s)
{
    buf_printf(&h->b, h->md ? "`%s`" : "%s", s);
}

static void strong(Hover *h, const char *s)
{
    buf_printf(&h->b, h->md ? "**%s**" : "%s", s);
}

static void title(Hover *h, const char *id, const char *label)
{
    code(h, id);
    if (label) {
        buf_putc(&h->b, ' ');
        text(h, label);
    }
    buf_puts(&h->b, "\n\n");
}

static void column_head(Hover *h, const Budget *b, uint32_t col)
{
    buf_puts(&h->b, "- ");
    strong(h, b->columns[col].id);
    if (b->columns[col].label) {
        buf_putc(&h->b, ' ');
        text(h, b->columns[col].label);
    }
}

/* One column of a group: the stated total against the sum of its items. */
static void group_column(Hover *h, const Budget *b, const Item *g, uint32_t col)
{
    const ItemFacts *f = sema_item(h->sema, g);
    const Recon *r = &f->recon[col];
    column_head(h, b, col);
    buf_printf(&h->b, ": %s\n", recon_word(r->status));
    if (r->status != RECON_NONE) {
        buf_puts(&h->b, "  - stated total: ");
        put_cell(&h->b, col < g->nvalues ? f->value[col] : packed_none(), f->unit);
        buf_putc(&h->b, '\n');
    }
    if (r->status == RECON_SKIPPED && !r->missing) {
        buf_puts(&h->b, "  - not compared: a line of the group did not parse, or an item is left out after an error\n");
        return;
    }
    buf_puts(&h->b, "  - sum of the items: ");
    if (r->status == RECON_SKIPPED) {
        buf_puts(&h->b, "unknown: ");
        code(h, r->missing->id);
        buf_puts(&h->b, " is not stated\n");
        return;
    }
    put_cell(&h->b, r->computed, f->unit);
    buf_putc(&h->b, '\n');
    if (r->status == RECON_EXACT || r->status == RECON_ROUNDING || r->status == RECON_FAILED) {
        buf_puts(&h->b, "  - difference: ");
        show_amount(&h->b, packed_num(r->diff), unit_shown(f->unit));
        buf_printf(&h->b, "\n  - rounding bound: ");
        put_bound(&h->b, h->sema, b, g, r);
        buf_putc(&h->b, '\n');
    }
}

static void codes(Hover *h, const Item *it, const ItemFacts *f)
{
    for (uint32_t i = 0; i < it->ncodes; i++) {
        const ClassNode *n = f->codes ? f->codes[i] : NULL;
        buf_puts(&h->b, "\ncode ");
        code(h, it->codes[i].code);
        if (n) {
            buf_puts(&h->b, " ");
            text(h, n->name);
            buf_puts(&h->b, " (");
            code(h, n->scheme->id);
            buf_puts(&h->b, ")");
        } else {
            buf_puts(&h->b, ": not in any classification in scope");
        }
        buf_putc(&h->b, '\n');
    }
}

static void where(Hover *h, const Budget *b, const Item *it)
{
    const char *kind = it->view ? "view" : it->kind == ITEM_GROUP ? "group" : it->kind == ITEM_MEMO ? "memo (其中, not summed)" : "item";
    buf_puts(&h->b, kind);
    if (it->kind == ITEM_GROUP)
        buf_printf(&h->b, " of %u summed items", summed_count(h->sema, it));
    if (it->parent) {
        buf_puts(&h->b, " in ");
        char *path = item_path(it->parent);
        code(h, path);
        free(path);
    }
    buf_puts(&h->b, " · budget ");
    code(h, b->id);
    buf_puts(&h->b, "\n\n");
}

static void hover_item(Hover *h, const Budget *b, const Item *it, int only_column)
{
    const ItemFacts *f = sema_item(h->sema, it);
    char *path = item_path(it);
    title(h, path, sema_given_label(h->sema, it));
    free(path);
    where(h, b, it);
    for (uint32_t col = 0; col < b->ncolumns; col++) {
        if (only_column >= 0 && col != (uint32_t)only_column)
            continue;
        if (it->kind == ITEM_GROUP && f->recon && !it->view) {
            group_column(h, b, it, col);
            continue;
        }
        column_head(h, b, col);
        buf_puts(&h->b, ": ");
        put_figure(&h->b, h->sema, it, col);
        buf_putc(&h->b, '\n');
    }
    codes(h, it, f);
}

/* The unit's size in the unit it is declared by, then in its base unit. */
static void hover_unit(Hover *h, const Program *p, const UnitDecl *u)
{
    buf_puts(&h->b, "unit ");
    code(h, u->name.text);
    if (u->label) {
        buf_putc(&h->b, ' ');
        text(h, u->label);
    }
    if (!u->scaled) {
        buf_puts(&h->b, "\n\na base unit: it starts a dimension of its own\n");
        return;
    }
    char f[NUM_STR_MAX];
    num_format(packed_num(u->factor.value), f);
    buf_printf(&h->b, "\n\n1 %s = %s %s", u->name.text, f, u->of.text);
    Num factor = packed_num(u->factor.value);
    const UnitDecl *base = u;
    for (uint32_t hops = 0; base && base->scaled && hops < p->nunits; hops++) {
        const UnitDecl *next = NULL;
        for (uint32_t i = 0; i < p->nunits && !next; i++)
            if (p->units[i]->name.text == base->of.text)
                next = p->units[i];
        if (next && next->scaled && num_mul(factor, packed_num(next->factor.value), &factor) != NUM_OK)
            next = NULL;
        base = next;
    }
    if (base && base != u && base->name.text != u->of.text) {
        char s[NUM_STR_MAX];
        num_show(factor, s);
        buf_printf(&h->b, " = %s %s", s, base->name.text);
    }
    buf_putc(&h->b, '\n');
}

static void hover_code(Hover *h, const ClassNode *n)
{
    buf_puts(&h->b, "code ");
    code(h, n->code);
    buf_putc(&h->b, ' ');
    text(h, n->name);
    buf_puts(&h->b, "\n\nclassification ");
    code(h, n->scheme->id);
    if (n->scheme->label) {
        buf_putc(&h->b, ' ');
        text(h, n->scheme->label);
    }
    buf_printf(&h->b, ", level %u\n", n->level);
    for (const ClassNode *p = n->parent; p; p = p->parent) {
        buf_puts(&h->b, "\n- in ");
        code(h, p->code);
        buf_putc(&h->b, ' ');
        text(h, p->name);
    }
    buf_putc(&h->b, '\n');
}

static void hover_scheme(Hover *h, const Classification *k)
{
    buf_puts(&h->b, "classification ");
    code(h, k->id);
    if (k->label) {
        buf_putc(&h->b, ' ');
        text(h, k->label);
    }
    buf_printf(&h->b, "\n\n%u codes\n", k->nnodes);
}

static void hover_budget(Hover *h, const Budget *b)
{
    const BudgetFacts *f = sema_budget(h->sema, b);
    buf_puts(&h->b, b->consolidation ? "consolidation " : "budget ");
    title(h, b->id, b->title);
    const size_t *r = f->recon_counts, *k = f->check_counts;
    buf_printf(&h->b, "- totals: %zu match, %zu within rounding, %zu failed, %zu not compared\n", r[RECON_EXACT],
               r[RECON_ROUNDING], r[RECON_FAILED], r[RECON_SKIPPED]);
    buf_printf(&h->b, "- checks: %zu passed, %zu failed, %zu skipped, %zu invalid\n", k[CHECK_PASSED], k[CHECK_FAILED],
               k[CHECK_SKIPPED], k[CHECK_INVALID]);
}

static void hover_column(Hover *h, const Budget *b, uint32_t col)
{
    buf_puts(&h->b, "column ");
    title(h, b->columns[col].id, b->columns[col].label);
    buf_printf(&h->b, "column %u of %u of budget ", col + 1, b->ncolumns);
    code(h, b->id);
    buf_putc(&h->b, '\n');
}

static void result_line(Hover *h, const Budget *b, const CheckResult *r)
{
    buf_puts(&h->b, "- ");
    if (r->column >= 0) {
        strong(h, b->columns[r->column].id);
        buf_puts(&h->b, ": ");
    }
    buf_puts(&h->b, check_word(r->status));
    if (r->status == CHECK_SKIPPED && r->missing) {
        buf_puts(&h->b, ", ");
        char *path = item_path(r->missing);
        code(h, path);
        free(path);
        buf_puts(&h->b, " is not stated");
    } else if (r->has_sides) {
        buf_puts(&h->b, " — left ");
        put_side(&h->b, r, r->lhs, false);
        buf_puts(&h->b, r->rhs_decimals >= 0 ? ", published " : ", right ");
        put_side(&h->b, r, r->rhs, true);
    }
    buf_putc(&h->b, '\n');
}

static void hover_check(Hover *h, const IndexedCheck *ik)
{
    const Check *k = ik->check;
    const CheckFacts *f = sema_check(h->sema, k);
    strong(h, k->is_warn ? "warn" : "assert");
    buf_putc(&h->b, ' ');
    char *claim = str_printf("%.*s", (int)(k->expr->span.end - k->expr->span.start), k->expr_text);
    code(h, claim);
    free(claim);
    buf_printf(&h->b, ": %s\n\n", check_word(f->status));
    if (k->message) {
        text(h, k->message);
        buf_puts(&h->b, "\n\n");
    }
    for (uint32_t i = 0; i < f->nresults; i++)
        result_line(h, ik->budget, &f->results[i]);
}

static void hover_import(Hover *h, const Snapshot *sn, const Occ *o)
{
    buf_puts(&h->b, "import ");
    code(h, ((const ImportDecl *)o->target)->path);
    buf_putc(&h->b, '\n');
    if (o->file != NO_FILE) {
        buf_puts(&h->b, "\nreads ");
        code(h, sn->paths[o->file] ? sn->paths[o->file] : sn->c.sources.items[o->file]->name);
        buf_putc(&h->b, '\n');
    } else {
        buf_puts(&h->b, "\nnot read (see its diagnostic)\n");
    }
}

static void describe(Hover *h, Snapshot *sn, const Occ *o)
{
    switch (o->kind) {
    case OCC_ITEM:
        hover_item(h, o->budget, o->target, -1);
        break;
    case OCC_VALUE:
        hover_item(h, o->budget, o->target, o->column < o->budget->ncolumns ? (int)o->column : -1);
        break;
    case OCC_COLUMN:
        hover_column(h, o->target, o->column);
        break;
    case OCC_UNIT:
        hover_unit(h, sn->c.program, o->target);
        break;
    case OCC_CODE:
        hover_code(h, o->target);
        break;
    case OCC_SCHEME:
        hover_scheme(h, o->target);
        break;
    case OCC_BUDGET:
        hover_budget(h, o->target);
        break;
    case OCC_IMPORT:
        hover_import(h, sn, o);
        break;
    }
}

/* Each diagnostic of the document at offset, by its code and title: the code action
 * "Explain" (bdl.explain) shows the whole explanation. */
static void diagnostics_here(Hover *h, Snapshot *sn, uint32_t offset, Span *range, bool *found)
{
    const Diags *ds = &sn->c.diags;
    for (size_t i = 0; i < ds->n; i++) {
        const Diag *g = ds->items[i];
        Explanation ex;
        if (g->span.file != 0 || offset < g->span.start || offset > g->span.end || !explain_find(g->code, &ex))
            continue;
        buf_puts(&h->b, h->b.len ? "\n---\n\n" : "");
        strong(h, g->code);
        buf_printf(&h->b, " %.*s (", (int)ex.title_len, ex.title);
        char *command = str_printf("bdl explain %s", g->code);
        code(h, command);
        free(command);
        buf_puts(&h->b, ")\n");
        if (!*found)
            *range = g->span;
        *found = true;
    }
}

cJSON *on_hover(Server *s, const cJSON *params, LspError *e)
{
    At at;
    if (!request_at(s, params, &at, e))
        return NULL;
    const Index *x = snap_index(at.snap);
    Hover h = {{0}, s->markdown, &at.snap->c.sema};
    const Occ *o = index_at(x, 0, at.offset);
    if (o && !o->target && o->kind != OCC_IMPORT)
        o = NULL; /* a name that resolves to nothing: its diagnostic says why */
    const IndexedCheck *k = o ? NULL : index_check_at(x, 0, at.offset);
    bool found = o || k;
    Span range = o ? o->span : k ? k->check->span : (Span){0, 0, 0};
    if (o)
        describe(&h, at.snap, o);
    else if (k)
        hover_check(&h, k);
    diagnostics_here(&h, at.snap, at.offset, &range, &found);
    if (!found) {
        buf_free(&h.b);
        return cJSON_CreateNull();
    }
    cJSON *result = cJSON_CreateObject(), *contents = cJSON_CreateObject();
    cJSON_AddStringToObject(contents, "kind", s->markdown ? "markdown" : "plaintext");
    cJSON_AddStringToObject(contents, "value", h.b.data);
    cJSON_AddItemToObject(result, "contents", contents);
    cJSON_AddItemToObject(result, "range", snap_range(s, at.snap, range));
    buf_free(&h.b);
    return result;
}
