/* actions.c - textDocument/codeAction and workspace/executeCommand. Quick fixes apply the
 * replacement a diagnostic's help line suggests (Diag.fix: set a stated total to its
 * items' sum, change a misspelled name to the nearest one); each diagnostic also gets an
 * action that explains its code (the `bdl.explain` command, `bdl explain CODE`'s text). */
#include "lsp/features.h"

#include "base/buf.h"
#include "diag/explain.h"

#include <stdlib.h>
#include <string.h>

char *explain_text(const char *code)
{
    Explanation ex;
    if (!explain_find(code, &ex))
        return NULL;
    Buf b = {0};
    buf_printf(&b, "%s %.*s\n\n%.*s\n\n", code, (int)ex.title_len, ex.title, (int)ex.meaning_len, ex.meaning);
    if (ex.fix_len)
        buf_printf(&b, "How to fix. %.*s\n\n", (int)ex.fix_len, ex.fix);
    buf_printf(&b, "'bdl explain %s' shows the whole explanation, with an example.", code);
    return buf_take(&b);
}

static bool wanted(const cJSON *only, const char *kind)
{
    if (!cJSON_IsArray(only))
        return true;
    const cJSON *k;
    cJSON_ArrayForEach(k, only)
        if (cJSON_IsString(k) && kind && strncmp(kind, k->valuestring, strlen(k->valuestring)) == 0)
            return true;
    return false;
}

static char *fix_title(const Snapshot *sn, const Diag *g)
{
    if (strcmp(g->code, "E0406") == 0)
        return str_printf("Set the stated total to its items' sum, %s", g->fix.text);
    const char *text = sn->c.sources.items[0]->text;
    return str_printf("Change '%.*s' to '%s'", (int)(g->fix.span.end - g->fix.span.start), text + g->fix.span.start,
                      g->fix.text);
}

static cJSON *quick_fix(const Server *s, const Doc *d, const Diag *g)
{
    cJSON *a = cJSON_CreateObject(), *edit = cJSON_CreateObject(), *te = cJSON_CreateObject();
    char *title = fix_title(d->snap, g);
    cJSON_AddStringToObject(a, "title", title);
    free(title);
    cJSON_AddStringToObject(a, "kind", "quickfix");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(a, "diagnostics"), diagnostic_json(s, d->snap, g));
    cJSON_AddBoolToObject(a, "isPreferred", true);
    cJSON_AddItemToObject(te, "range", snap_range(s, d->snap, g->fix.span));
    cJSON_AddStringToObject(te, "newText", g->fix.text);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(cJSON_AddObjectToObject(edit, "changes"), d->uri), te);
    cJSON_AddItemToObject(a, "edit", edit);
    return a;
}

static cJSON *explain_action(const char *code)
{
    cJSON *a = cJSON_CreateObject(), *cmd = cJSON_CreateObject();
    char *title = str_printf("Explain %s", code);
    cJSON_AddStringToObject(a, "title", title);
    cJSON_AddStringToObject(cmd, "title", title);
    free(title);
    cJSON_AddStringToObject(cmd, "command", "bdl.explain");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(cmd, "arguments"), cJSON_CreateString(code));
    cJSON_AddItemToObject(a, "command", cmd);
    return a;
}

cJSON *on_code_action(Server *s, const cJSON *params, LspError *e)
{
    InRange r;
    const cJSON *only = msg_field(msg_field(params, "context"), "only");
    if (!request_range(s, params, &r, e))
        return NULL;
    Doc *d = r.doc;
    uint32_t from = r.from, to = r.to;
    cJSON *out = cJSON_CreateArray();
    const Diags *ds = &d->snap->c.diags;
    for (size_t i = 0; i < ds->n; i++) {
        const Diag *g = ds->items[i];
        if (g->span.file != 0 || g->span.end < from || g->span.start > to)
            continue;
        if (g->fix.text && g->fix.span.file == 0 && wanted(only, "quickfix"))
            cJSON_AddItemToArray(out, quick_fix(s, d, g));
        if (wanted(only, NULL) && explain_find(g->code, &(Explanation){0}))
            cJSON_AddItemToArray(out, explain_action(g->code));
    }
    return out;
}

/* bdl.explain CODE: the explanation, shown as a message and returned. */
cJSON *on_execute_command(Server *s, const cJSON *params, LspError *e)
{
    const char *command = msg_string(params, "command");
    const cJSON *args = msg_field(params, "arguments");
    const cJSON *code = cJSON_IsArray(args) ? cJSON_GetArrayItem(args, 0) : NULL;
    if (!command || strcmp(command, "bdl.explain") != 0) {
        lsp_fail(e, RPC_INVALID_PARAMS, "unknown command '%s' (the server has bdl.explain)", command ? command : "");
        return NULL;
    }
    char *md = cJSON_IsString(code) ? explain_text(code->valuestring) : NULL;
    if (!md) {
        lsp_fail(e, RPC_INVALID_PARAMS, "bdl.explain takes a diagnostic code, e.g. [\"E0406\"]");
        return NULL;
    }
    cJSON *msg = cJSON_CreateObject();
    cJSON_AddNumberToObject(msg, "type", 3); /* Info */
    cJSON_AddStringToObject(msg, "message", md);
    server_notify(s, "window/showMessage", msg);
    cJSON *result = cJSON_CreateString(md);
    free(md);
    return result;
}
