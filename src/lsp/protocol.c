/* protocol.c - reading the parts of requests (fields, positions, ranges, the document
 * named), making the protocol's small values (positions, ranges), and reading the text
 * around a place. */
#include "lsp/state.h"

#include <stdarg.h>
#include <stdio.h>

void lsp_fail(LspError *e, int code, const char *fmt, ...)
{
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

const cJSON *msg_field(const cJSON *o, const char *key)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

const char *msg_string(const cJSON *o, const char *key)
{
    const cJSON *v = msg_field(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A protocol uinteger: a whole number from 0 to 2^31 - 1. */
static bool msg_uint(const cJSON *o, const char *key, uint32_t *out)
{
    const cJSON *v = msg_field(o, key);
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 2147483647.0 ||
        v->valuedouble != (double)(uint32_t)v->valuedouble)
        return false;
    *out = (uint32_t)v->valuedouble;
    return true;
}

bool msg_position(const cJSON *o, Position *p)
{
    return msg_uint(o, "line", &p->line) && msg_uint(o, "character", &p->character);
}

cJSON *position_json(Position p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "line", p.line);
    cJSON_AddNumberToObject(o, "character", p.character);
    return o;
}

cJSON *range_json(Position a, Position b)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "start", position_json(a));
    cJSON_AddItemToObject(o, "end", position_json(b));
    return o;
}

Doc *request_doc(Server *s, const cJSON *params, LspError *e)
{
    const char *uri = msg_string(msg_field(params, "textDocument"), "uri");
    if (!uri) {
        lsp_fail(e, RPC_INVALID_PARAMS, "params.textDocument.uri is missing");
        return NULL;
    }
    Doc *d = doc_find(s, uri);
    if (!d)
        lsp_fail(e, RPC_INVALID_PARAMS, "%s is not open", uri);
    return d;
}

bool request_at(Server *s, const cJSON *params, At *at, LspError *e)
{
    Position p;
    if (!(at->doc = request_doc(s, params, e)))
        return false;
    if (!msg_position(msg_field(params, "position"), &p)) {
        lsp_fail(e, RPC_INVALID_PARAMS, "params.position is missing or not a position");
        return false;
    }
    at->snap = at->doc->snap;
    at->offset = snap_offset(s, at->snap, p);
    return true;
}

bool request_range(Server *s, const cJSON *params, InRange *r, LspError *e)
{
    const cJSON *range = msg_field(params, "range");
    Position a, b;
    if (!(r->doc = request_doc(s, params, e)))
        return false;
    if (!msg_position(msg_field(range, "start"), &a) || !msg_position(msg_field(range, "end"), &b)) {
        lsp_fail(e, RPC_INVALID_PARAMS, "params.range is missing or not a range");
        return false;
    }
    r->snap = r->doc->snap;
    r->from = snap_offset(s, r->snap, a);
    r->to = snap_offset(s, r->snap, b);
    return true;
}

bool statement_start(const char *text, size_t at)
{
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
        at--;
    return at == 0 || text[at - 1] == '\n' || text[at - 1] == '\r' || text[at - 1] == '{' || text[at - 1] == ';';
}
