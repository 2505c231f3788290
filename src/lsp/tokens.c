/* tokens.c - semantic tokens: what a TextMate grammar cannot tell from the text alone,
 * namely which names are definitions and which are references, and what each reference
 * resolved to (a group, an item, a column, a unit, a code). Only names the checker
 * resolved are marked; the grammar colours the rest. */
#include "lsp/features.h"

enum { T_NAMESPACE, T_CLASS, T_VARIABLE, T_PROPERTY, T_TYPE, T_ENUM_MEMBER, T_ENUM, NTYPES };
enum { M_DECLARATION = 1 };

cJSON *semantic_tokens_legend(void)
{
    static const char *const types[NTYPES] = {"namespace", "class", "variable", "property", "type", "enumMember", "enum"};
    static const char *const modifiers[] = {"declaration"};
    cJSON *legend = cJSON_CreateObject();
    cJSON_AddItemToObject(legend, "tokenTypes", cJSON_CreateStringArray(types, NTYPES));
    cJSON_AddItemToObject(legend, "tokenModifiers", cJSON_CreateStringArray(modifiers, 1));
    return legend;
}

/* The token type of an occurrence, or -1 for one that gets none. */
static int token_type(const Occ *o)
{
    if (!o->target)
        return -1;
    switch (o->kind) {
    case OCC_ITEM:
        return ((const Item *)o->target)->kind == ITEM_GROUP ? T_CLASS : T_VARIABLE;
    case OCC_COLUMN:
        return T_PROPERTY;
    case OCC_UNIT:
        return T_TYPE;
    case OCC_CODE:
        return T_ENUM_MEMBER;
    case OCC_SCHEME:
        return T_ENUM;
    case OCC_BUDGET:
        return T_NAMESPACE;
    case OCC_VALUE:
    case OCC_IMPORT:
        break;
    }
    return -1;
}

static void push(cJSON *data, uint32_t v)
{
    cJSON_AddItemToArray(data, cJSON_CreateNumber(v));
}

/* The tokens of the document between two byte offsets, in the protocol's relative form. */
static cJSON *tokens(const Server *s, Snapshot *sn, uint32_t from, uint32_t to)
{
    const Index *x = snap_index(sn);
    LineMap *m = snap_lines(sn, 0);
    cJSON *result = cJSON_CreateObject(), *data = cJSON_AddArrayToObject(result, "data");
    Position last = {0, 0};
    for (const Occ *o = index_from(x, 0, from); o < x->occ + x->n && o->span.file == 0 && o->span.start < to; o++) {
        int type = token_type(o);
        if (type < 0)
            continue;
        Position a = linemap_position(m, o->span.start, s->enc), b = linemap_position(m, o->span.end, s->enc);
        if (a.line != b.line)
            continue; /* a token may not span lines */
        push(data, a.line - last.line);
        push(data, a.line == last.line ? a.character - last.character : a.character);
        push(data, b.character - a.character);
        push(data, (uint32_t)type);
        push(data, o->def ? M_DECLARATION : 0);
        last = a;
    }
    return result;
}

cJSON *on_semantic_tokens(Server *s, const cJSON *params, LspError *e)
{
    Doc *d = request_doc(s, params, e);
    return d ? tokens(s, d->snap, 0, UINT32_MAX) : NULL;
}

cJSON *on_semantic_tokens_range(Server *s, const cJSON *params, LspError *e)
{
    InRange r;
    return request_range(s, params, &r, e) ? tokens(s, r.snap, r.from, r.to) : NULL;
}
