/* complete.c - textDocument/completion. What may stand at the cursor is read from the text
 * before it on its line (the document is being typed, so its tree may be broken there):
 * after `a.b.` the children of a.b, inside `[ ]` the budget's columns, after `code` the
 * codes of the catalogues in scope, after a number the units, after `rollup` a scheme, at
 * the start of a statement the keywords that may start one, and elsewhere in a claim the
 * budget's items. Names come from the document's latest compilation. */
#include "lsp/features.h"

#include "base/buf.h"
#include "lsp/figures.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_COMPLETIONS = 1000 };
enum { CK_FIELD = 5, CK_CLASS = 7, CK_PROPERTY = 10, CK_UNIT = 11, CK_ENUM = 13, CK_KEYWORD = 14, CK_MEMBER = 20 };

typedef struct Completion {
    const Server *s;
    Snapshot *sn;
    const char *text;
    size_t word, offset;  /* the word being typed: text[word, offset) */
    const Budget *budget; /* the budget the cursor is in, or NULL */
    cJSON *items;
    size_t n;
    bool incomplete;
} Completion;

static bool name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

/* Whether label starts with the word typed so far (ASCII letters without case). */
static bool typed_prefix(const Completion *k, const char *label)
{
    for (size_t i = k->word; i < k->offset; i++, label++) {
        if (!*label || ascii_lower(k->text[i]) != ascii_lower(*label))
            return false;
    }
    return true;
}

static void offer(Completion *k, const char *label, int kind, const char *detail)
{
    if (!label || !typed_prefix(k, label))
        return;
    if (k->n == MAX_COMPLETIONS) {
        k->incomplete = true;
        return;
    }
    cJSON *item = cJSON_CreateObject(), *edit = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "label", label);
    cJSON_AddNumberToObject(item, "kind", kind);
    if (detail)
        cJSON_AddStringToObject(item, "detail", detail);
    cJSON_AddItemToObject(edit, "range", snap_range(k->s, k->sn, (Span){0, (uint32_t)k->word, (uint32_t)k->offset}));
    cJSON_AddStringToObject(edit, "newText", label);
    cJSON_AddItemToObject(item, "textEdit", edit);
    cJSON_AddItemToArray(k->items, item);
    k->n++;
}

/* An item, its label and first figure as the detail. */
static void offer_item(Completion *k, const Item *it)
{
    const Sema *sema = &k->sn->c.sema;
    Buf d = {0};
    const char *label = sema_given_label(sema, it);
    if (label)
        buf_printf(&d, "%s · ", label);
    put_figure(&d, sema, it, 0);
    offer(k, it->id, it->kind == ITEM_GROUP ? CK_CLASS : CK_FIELD, d.data);
    buf_free(&d);
}

static void offer_children(Completion *k, Item *const *items, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        offer_item(k, items[i]);
}

/* The item a path names in budget b: its first name a top-level item, or else the only
 * item of the budget with that ID (as the checker resolves a bare name). */
static const Item *resolve(const Budget *b, const char *path, size_t len)
{
    const Item *it = NULL;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && path[j] != '.')
            j++;
        Item *const *level = it ? it->children : b->items;
        uint32_t n = it ? it->nchildren : b->nitems;
        const Item *next = NULL;
        for (uint32_t c = 0; c < n && !next; c++)
            if (strlen(level[c]->id) == j - i && memcmp(level[c]->id, path + i, j - i) == 0)
                next = level[c];
        for (const Item *x = !it && !next && b->nitems ? b->items[0] : NULL; x; x = item_next(b, x))
            if (strlen(x->id) == j - i && memcmp(x->id, path + i, j - i) == 0) {
                if (next)
                    return NULL; /* ambiguous */
                next = x;
            }
        if (!(it = next))
            return NULL;
        i = j + 1;
    }
    return it;
}

/* After `path.`: the children of what path names. */
static void complete_path(Completion *k)
{
    size_t end = k->word - 1, start = end;
    while (start > 0 && (name_byte(k->text[start - 1]) || k->text[start - 1] == '.'))
        start--;
    const Item *it = k->budget ? resolve(k->budget, k->text + start, end - start) : NULL;
    if (it && !it->view)
        offer_children(k, it->children, it->nchildren);
}

static void complete_columns(Completion *k)
{
    for (uint32_t i = 0; k->budget && i < k->budget->ncolumns; i++)
        offer(k, k->budget->columns[i].id, CK_PROPERTY, k->budget->columns[i].label);
}

static void complete_units(Completion *k)
{
    const Program *p = k->sn->c.program;
    for (uint32_t i = 0; i < p->nunits; i++)
        offer(k, p->units[i]->name.text, CK_UNIT, p->units[i]->label);
}

static void complete_schemes(Completion *k)
{
    const Program *p = k->sn->c.program;
    for (uint32_t i = 0; i < p->nclassifications; i++)
        offer(k, p->classifications[i]->id, CK_ENUM, p->classifications[i]->label);
}

/* The codes of one scheme, or of all (scheme NULL), and the schemes' names. */
static void complete_codes(Completion *k, const char *scheme, size_t scheme_len)
{
    const Program *p = k->sn->c.program;
    if (!scheme)
        complete_schemes(k);
    for (uint32_t i = 0; i < p->nclassifications; i++) {
        const Classification *c = p->classifications[i];
        if (scheme && (strlen(c->id) != scheme_len || memcmp(c->id, scheme, scheme_len) != 0))
            continue;
        for (uint32_t j = 0; j < c->nnodes; j++)
            offer(k, c->nodes[j]->code, CK_MEMBER, c->nodes[j]->name);
    }
}

static const char *const top_keywords[] = {"unit", "rate", "import", "budget", "classification", "consolidate", NULL};
static const char *const body_keywords[] = {"group", "item",   "memo", "assert",  "warn", "unit", "year",
                                            "rounding", "columns", "meta", "text", "view", NULL};
static const char *const claim_keywords[] = {"and", "or", "not", "within", NULL};
static const char *const attr_keywords[] = {"code", "note", "tag", NULL};

static void offer_keywords(Completion *k, const char *const *words)
{
    for (; *words; words++)
        offer(k, *words, CK_KEYWORD, NULL);
}

/* The word before `at` on the same line, skipping blanks: text[*start, return). */
static size_t word_before(const char *text, size_t at, size_t *start)
{
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
        at--;
    size_t s = at;
    while (s > 0 && (name_byte(text[s - 1]) || text[s - 1] == '.'))
        s--;
    *start = s;
    return at;
}

static bool is_word(const char *text, size_t start, size_t end, const char *w)
{
    return end - start == strlen(w) && memcmp(text + start, w, end - start) == 0;
}

static bool is_number(const char *text, size_t start, size_t end)
{
    if (start == end || text[start] < '0' || text[start] > '9')
        return false;
    for (size_t i = start; i < end; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || text[i] == '.' || text[i] == '_'))
            return false;
    return true;
}

/* Inside `[ ]` on the line: a column pick. */
static bool in_brackets(const char *text, size_t at)
{
    for (size_t i = at; i > 0 && text[i - 1] != '\n'; i--)
        if (text[i - 1] == ']')
            return false;
        else if (text[i - 1] == '[')
            return true;
    return false;
}

/* The line's first word: what kind of statement the cursor is in. */
static bool line_starts_with(const char *text, size_t at, const char *w)
{
    size_t s = at;
    while (s > 0 && text[s - 1] != '\n' && text[s - 1] != '\r')
        s--;
    while (text[s] == ' ' || text[s] == '\t')
        s++;
    size_t n = strlen(w);
    return strncmp(text + s, w, n) == 0 && !name_byte(text[s + n]);
}

static void complete_by_context(Completion *k)
{
    const char *t = k->text;
    size_t ws, we = word_before(t, k->word, &ws), ws2;
    size_t we2 = word_before(t, ws, &ws2);
    if (k->word > 0 && t[k->word - 1] == '.')
        complete_path(k);
    else if (in_brackets(t, k->word))
        complete_columns(k);
    else if (is_word(t, ws, we, "code"))
        complete_codes(k, NULL, 0);
    else if (is_word(t, ws2, we2, "code") && ws < we && !is_number(t, ws, we))
        complete_codes(k, t + ws, we - ws);
    else if (is_word(t, ws, we, "rollup"))
        complete_schemes(k);
    else if (is_number(t, ws, we) || (is_word(t, ws, we, "unit") && k->budget))
        complete_units(k);
    else if (statement_start(t, k->word))
        offer_keywords(k, k->budget ? body_keywords : top_keywords);
    else if (k->budget && (line_starts_with(t, k->word, "assert") || line_starts_with(t, k->word, "warn") ||
                           is_word(t, ws, we, "of"))) {
        offer_children(k, k->budget->items, k->budget->nitems);
        for (const Item *it = k->budget->nitems ? k->budget->items[0] : NULL; it; it = item_next(k->budget, it))
            if (it->parent)
                offer_item(k, it);
        offer_keywords(k, claim_keywords);
    } else if (k->budget) {
        offer_keywords(k, attr_keywords);
    }
}

/* The budget of the document whose block holds offset, or NULL. */
static const Budget *budget_at(const Program *p, uint32_t offset)
{
    for (uint32_t i = 0; p && i < p->nbudgets; i++) {
        const Budget *b = p->budgets[i];
        if (b->span.file == 0 && b->span.start < offset && offset < b->span.end)
            return b;
    }
    return NULL;
}

cJSON *on_completion(Server *s, const cJSON *params, LspError *e)
{
    At at;
    if (!request_at(s, params, &at, e))
        return NULL;
    Completion k = {s, at.snap, at.doc->text, at.offset, at.offset, NULL, cJSON_CreateArray(), 0, false};
    while (k.word > 0 && name_byte(k.text[k.word - 1]))
        k.word--;
    k.budget = budget_at(at.snap->c.program, at.offset);
    if (at.snap->c.program && k.offset > 0)
        complete_by_context(&k);
    else if (at.snap->c.program)
        offer_keywords(&k, top_keywords);
    cJSON *result = cJSON_CreateObject();
    cJSON_AddBoolToObject(result, "isIncomplete", k.incomplete);
    cJSON_AddItemToObject(result, "items", k.items);
    return result;
}
