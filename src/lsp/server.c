/* server.c - the server's life: the message loop, the lifecycle (initialize, shutdown,
 * exit), the table of methods and the JSON-RPC errors for messages that are not what the
 * protocol says. Nothing a client sends stops the server but `exit` or the end of input. */
#include "lsp/features.h"

#include "base/arena.h"
#include "base/version.h"

#include <stdlib.h>
#include <string.h>

static void send(Server *s, cJSON *msg)
{
    if (!s->out_failed && !rpc_write(s->out, msg))
        s->out_failed = true;
    cJSON_Delete(msg);
}

void server_notify(Server *s, const char *method, cJSON *params)
{
    send(s, rpc_notification(method, params));
}

static bool has_string(const cJSON *array, const char *want)
{
    const cJSON *v;
    cJSON_ArrayForEach(v, array)
        if (cJSON_IsString(v) && strcmp(v->valuestring, want) == 0)
            return true;
    return false;
}

static const cJSON *capability(const cJSON *caps, const char *group, const char *name)
{
    return msg_field(msg_field(caps, group), name);
}

/* UTF-8 when the client can count in bytes (as bdl does), else UTF-32, else UTF-16. */
static PosEncoding choose_encoding(const cJSON *caps)
{
    const cJSON *offered = capability(caps, "general", "positionEncodings");
    if (has_string(offered, "utf-8"))
        return ENC_UTF8;
    if (has_string(offered, "utf-32"))
        return ENC_UTF32;
    return ENC_UTF16;
}

/* initializationOptions: {"maxErrors": N, "allowOutside": true}, as the command line's
 * --max-errors and --allow-outside. */
static void read_options(Server *s, const cJSON *o)
{
    const cJSON *max = msg_field(o, "maxErrors"), *outside = msg_field(o, "allowOutside");
    if (cJSON_IsNumber(max) && max->valuedouble >= 0 && max->valuedouble <= 1e9)
        s->opt.max_errors = (size_t)max->valuedouble;
    if (cJSON_IsBool(outside))
        s->opt.allow_outside = cJSON_IsTrue(outside);
}

static cJSON *server_capabilities(const Server *s, bool prepare_rename)
{
    cJSON *c = cJSON_CreateObject(), *sync = cJSON_CreateObject(), *save = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "positionEncoding", pos_encoding_name(s->enc));
    cJSON_AddBoolToObject(sync, "openClose", true);
    cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
    cJSON_AddBoolToObject(save, "includeText", false);
    cJSON_AddItemToObject(sync, "save", save);
    cJSON_AddItemToObject(c, "textDocumentSync", sync);
    static const char *const plain[] = {"hoverProvider", "definitionProvider", "referencesProvider",
                                        "documentSymbolProvider", "workspaceSymbolProvider",
                                        "documentFormattingProvider", "documentRangeFormattingProvider",
                                        "inlayHintProvider"};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        cJSON_AddBoolToObject(c, plain[i], true);
    cJSON *completion = cJSON_AddObjectToObject(c, "completionProvider");
    static const char *const triggers[] = {".", "["};
    cJSON_AddItemToObject(completion, "triggerCharacters", cJSON_CreateStringArray(triggers, 2));
    if (prepare_rename)
        cJSON_AddBoolToObject(cJSON_AddObjectToObject(c, "renameProvider"), "prepareProvider", true);
    else
        cJSON_AddBoolToObject(c, "renameProvider", true);
    static const char *const quickfix[] = {"quickfix"};
    cJSON_AddItemToObject(cJSON_AddObjectToObject(c, "codeActionProvider"), "codeActionKinds",
                          cJSON_CreateStringArray(quickfix, 1));
    cJSON *tokens = cJSON_AddObjectToObject(c, "semanticTokensProvider");
    cJSON_AddItemToObject(tokens, "legend", semantic_tokens_legend());
    cJSON_AddBoolToObject(tokens, "full", true);
    cJSON_AddBoolToObject(tokens, "range", true);
    static const char *const commands[] = {"bdl.explain"};
    cJSON_AddItemToObject(cJSON_AddObjectToObject(c, "executeCommandProvider"), "commands",
                          cJSON_CreateStringArray(commands, 1));
    return c;
}

static cJSON *on_initialize(Server *s, const cJSON *params, LspError *e)
{
    if (s->initialized) {
        lsp_fail(e, RPC_INVALID_REQUEST, "the server is already initialized");
        return NULL;
    }
    const cJSON *caps = msg_field(params, "capabilities");
    s->initialized = true;
    s->enc = choose_encoding(caps);
    s->markdown = has_string(msg_field(capability(caps, "textDocument", "hover"), "contentFormat"), "markdown");
    s->hierarchical = cJSON_IsTrue(
        msg_field(capability(caps, "textDocument", "documentSymbol"), "hierarchicalDocumentSymbolSupport"));
    read_options(s, msg_field(params, "initializationOptions"));
    bool prepare = cJSON_IsTrue(msg_field(capability(caps, "textDocument", "rename"), "prepareSupport"));
    cJSON *result = cJSON_CreateObject(), *info = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "capabilities", server_capabilities(s, prepare));
    cJSON_AddStringToObject(info, "name", "bdl");
    cJSON_AddStringToObject(info, "version", BDL_VERSION);
    cJSON_AddItemToObject(result, "serverInfo", info);
    return result;
}

static cJSON *on_shutdown(Server *s, const cJSON *params, LspError *e)
{
    (void)params, (void)e;
    s->shut_down = true;
    return cJSON_CreateNull();
}

static void on_exit(Server *s, const cJSON *params)
{
    (void)params;
    s->exit_now = true;
}

static void ignore(Server *s, const cJSON *params)
{
    (void)s, (void)params;
}

typedef struct Method {
    const char *name;
    RequestHandler request;    /* a request's, or NULL */
    NotificationHandler notify; /* a notification's, or NULL */
} Method;

static const Method methods[] = {
    {"initialize", on_initialize, NULL},
    {"initialized", NULL, ignore},
    {"shutdown", on_shutdown, NULL},
    {"exit", NULL, on_exit},
    {"textDocument/didOpen", NULL, on_did_open},
    {"textDocument/didChange", NULL, on_did_change},
    {"textDocument/didClose", NULL, on_did_close},
    {"textDocument/didSave", NULL, on_did_save},
    {"workspace/didChangeWatchedFiles", NULL, on_watched_files},
    {"workspace/didChangeConfiguration", NULL, ignore},
    {"textDocument/hover", on_hover, NULL},
    {"textDocument/definition", on_definition, NULL},
    {"textDocument/references", on_references, NULL},
    {"textDocument/documentSymbol", on_document_symbol, NULL},
    {"workspace/symbol", on_workspace_symbol, NULL},
    {"textDocument/completion", on_completion, NULL},
    {"textDocument/prepareRename", on_prepare_rename, NULL},
    {"textDocument/rename", on_rename, NULL},
    {"textDocument/formatting", on_formatting, NULL},
    {"textDocument/rangeFormatting", on_range_formatting, NULL},
    {"textDocument/codeAction", on_code_action, NULL},
    {"workspace/executeCommand", on_execute_command, NULL},
    {"textDocument/semanticTokens/full", on_semantic_tokens, NULL},
    {"textDocument/semanticTokens/range", on_semantic_tokens_range, NULL},
    {"textDocument/inlayHint", on_inlay_hint, NULL},
};

static const Method *find_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return &methods[i];
    return NULL;
}

static void request(Server *s, const cJSON *id, const char *name, const cJSON *params)
{
    const Method *m = find_method(name);
    LspError e = {0, ""};
    cJSON *result = NULL;
    if (!s->initialized && strcmp(name, "initialize") != 0)
        lsp_fail(&e, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized: send 'initialize' first");
    else if (s->shut_down)
        lsp_fail(&e, RPC_INVALID_REQUEST, "the server is shut down: only 'exit' is accepted");
    else if (!m)
        lsp_fail(&e, RPC_METHOD_NOT_FOUND, "unknown method '%s'", name);
    else if (!m->request)
        lsp_fail(&e, RPC_INVALID_REQUEST, "'%s' is a notification: it is sent without an id", name);
    else
        result = m->request(s, params, &e);
    send(s, result ? rpc_response(id, result) : rpc_error(id, e.code ? e.code : RPC_INTERNAL_ERROR, e.message));
}

static void notification(Server *s, const char *name, const cJSON *params)
{
    const Method *m = find_method(name);
    if (m && m->notify && (strcmp(name, "exit") == 0 || (s->initialized && !s->shut_down)))
        m->notify(s, params);
}

/* Why a parsed message is not a request or notification, or NULL. */
static const char *malformed(const cJSON *m, const cJSON *id)
{
    if (!cJSON_IsObject(m))
        return cJSON_IsArray(m) ? "batches of messages are not supported" : "a message must be a JSON object";
    const char *version = msg_string(m, "jsonrpc");
    if (!version || strcmp(version, "2.0") != 0)
        return "not a JSON-RPC 2.0 message: \"jsonrpc\" must be \"2.0\"";
    if (id && !cJSON_IsNumber(id) && !cJSON_IsString(id))
        return "\"id\" must be a number or a string";
    if (!cJSON_IsString(msg_field(m, "method")))
        return "a message needs a \"method\" string";
    const cJSON *params = msg_field(m, "params");
    if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params) && !cJSON_IsNull(params))
        return "\"params\" must be an object or an array"; /* null: as if left out, as some clients send */
    return NULL;
}

static void handle(Server *s, const char *body, size_t len)
{
    cJSON *m = cJSON_ParseWithLength(body, len);
    if (!m) {
        send(s, rpc_error(NULL, RPC_PARSE_ERROR, "the message is not valid JSON"));
        return;
    }
    const cJSON *id = msg_field(m, "id");
    bool response = id && !msg_field(m, "method") && (msg_field(m, "result") || msg_field(m, "error"));
    const char *why = response ? NULL : malformed(m, id);
    if (why && (id || !cJSON_IsObject(m)))
        send(s, rpc_error(cJSON_IsNumber(id) || cJSON_IsString(id) ? id : NULL, RPC_INVALID_REQUEST, why));
    else if (!why && !response && id)
        request(s, id, msg_string(m, "method"), msg_field(m, "params"));
    else if (!why && !response)
        notification(s, msg_string(m, "method"), msg_field(m, "params"));
    cJSON_Delete(m); /* a response to a request of ours: the server sends none, so none is awaited */
}

int lsp_serve(int in_fd, FILE *out, const LspOptions *o)
{
    Server s;
    memset(&s, 0, sizeof s);
    s.out = out;
    s.opt = *o;
    RpcReader *in = xmalloc(sizeof *in);
    rpc_reader_init(in, in_fd, o->max_message);
    while (!s.exit_now && !s.out_failed) {
        char *body, *why;
        size_t len = 0;
        RpcStatus st = rpc_read(in, &body, &len, &why);
        if (st == RPC_EOF)
            break;
        if (st == RPC_BAD_FRAME)
            send(&s, rpc_error(NULL, RPC_PARSE_ERROR, why));
        else
            handle(&s, body, len);
        free(body);
        free(why);
    }
    docs_free(&s);
    free(in);
    return s.shut_down ? 0 : 1;
}
