/* fuzz_lsp.c - the language server's message handling. Each input runs twice:
 *   1. as the raw byte stream a client sends (framing, JSON, JSON-RPC, any method);
 *   2. as a document, opened and then worked on by a sequence of requests and changes
 *      that the input's bytes choose (method, position in or past the text, edits that
 *      insert and delete bytes, UTF-16 or UTF-8 positions), ended by shutdown and exit.
 * Properties: the output is well framed, each message is JSON, and in the second run every
 * request gets exactly one answer and the server exits with status 0. */
#include "fuzz.h"

#include "base/buf.h"
#include "lsp/lsp.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <unistd.h>

enum { MAX_OPS = 24 };

/* Runs the server on the bytes as its input; its output in *out (the caller frees it). */
static int serve(const char *in, size_t n, char **out, size_t *outlen)
{
    FILE *f = tmpfile(), *o = open_memstream(out, outlen);
    if (!f || !o || fwrite(in, 1, n, f) != n || fflush(f) != 0)
        abort();
    rewind(f);
    LspOptions opt = {50, false, 1 << 20};
    int status = lsp_serve(fileno(f), o, &opt);
    fclose(f);
    fclose(o);
    return status;
}

/* Checks the framing and counts the answers to requests 1..nrequests. */
static void check_output(const char *out, size_t n, int nrequests)
{
    int *answers = calloc((size_t)nrequests + 1, sizeof *answers);
    for (size_t i = 0; i < n;) {
        unsigned long len;
        int used = 0;
        if (sscanf(out + i, "Content-Length: %lu\r\n\r\n%n", &len, &used) != 1 || used == 0 || i + used + len > n)
            fuzz_fail("an answer is not framed", out + i, n - i);
        cJSON *m = cJSON_ParseWithLength(out + i + used, len);
        if (!m)
            fuzz_fail("an answer is not JSON", out + i + used, len);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
        if (cJSON_IsNumber(id) && id->valueint >= 1 && id->valueint <= nrequests)
            answers[id->valueint]++;
        cJSON_Delete(m);
        i += (size_t)used + len;
    }
    for (int k = 1; k <= nrequests; k++)
        if (answers[k] != 1)
            fuzz_fail("a request did not get exactly one answer", out, n);
    free(answers);
}

static void frame(Buf *b, cJSON *msg)
{
    char *text = cJSON_PrintUnformatted(msg);
    buf_printf(b, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
    cJSON_free(text);
    cJSON_Delete(msg);
}

static cJSON *message(int id, const char *method, cJSON *params)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    if (id)
        cJSON_AddNumberToObject(m, "id", id);
    cJSON_AddStringToObject(m, "method", method);
    cJSON_AddItemToObject(m, "params", params ? params : cJSON_CreateObject());
    return m;
}

static const char uri[] = "file:///nonexistent-bdl-fuzz/fuzz.bdl";

static cJSON *doc_params(void)
{
    cJSON *p = cJSON_CreateObject(), *td = cJSON_AddObjectToObject(p, "textDocument");
    cJSON_AddStringToObject(td, "uri", uri);
    return p;
}

static cJSON *position(unsigned line, unsigned character)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "line", line);
    cJSON_AddNumberToObject(p, "character", character);
    return p;
}

static cJSON *range(unsigned l0, unsigned c0, unsigned l1, unsigned c1)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "start", position(l0, c0));
    cJSON_AddItemToObject(r, "end", position(l1, c1));
    return r;
}

/* The input's bytes, read one at a time to choose the operations. */
typedef struct Dice {
    const unsigned char *data;
    size_t size, at;
    unsigned lines;
} Dice;

static unsigned roll(Dice *d, unsigned n)
{
    unsigned v = d->size ? d->data[(d->at++ * 7919u) % d->size] : 0;
    return n ? v % n : v;
}

static const char *const requests[] = {
    "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
    "textDocument/prepareRename", "textDocument/rename", "textDocument/codeAction", "textDocument/inlayHint",
    "textDocument/rangeFormatting", "textDocument/semanticTokens/range", "textDocument/documentSymbol",
    "textDocument/formatting", "textDocument/semanticTokens/full", "workspace/symbol",
};
enum { NREQUESTS = sizeof requests / sizeof requests[0] };

/* One request the dice choose; positions fall in the text or a little past it. */
static cJSON *request(Dice *d, int id)
{
    const char *method = requests[roll(d, NREQUESTS)];
    cJSON *p = doc_params();
    unsigned line = roll(d, d->lines + 2), ch = roll(d, 90);
    if (strcmp(method, "workspace/symbol") == 0) {
        cJSON_Delete(p);
        p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "query", roll(d, 2) ? "" : "a");
    } else if (strstr(method, "Formatting") || strstr(method, "range") || strstr(method, "inlay") ||
               strstr(method, "codeAction")) {
        cJSON_AddItemToObject(p, "range", range(line, ch, line + roll(d, 5), roll(d, 90)));
        cJSON_AddItemToObject(cJSON_AddObjectToObject(p, "context"), "diagnostics", cJSON_CreateArray());
    } else if (!strstr(method, "Symbol") && !strstr(method, "semanticTokens/full") && strcmp(method, "textDocument/formatting")) {
        cJSON_AddItemToObject(p, "position", position(line, ch));
        cJSON_AddBoolToObject(cJSON_AddObjectToObject(p, "context"), "includeDeclaration", roll(d, 2));
        static const char *const names[] = {"x", "一般", "assert", "9a", "total"};
        cJSON_AddStringToObject(p, "newName", names[roll(d, 5)]);
    }
    return message(id, method, p);
}

/* An edit: a few bytes of the input put in place of a range of the text. */
static cJSON *change(Dice *d, int version)
{
    cJSON *p = doc_params(), *changes = cJSON_AddArrayToObject(p, "contentChanges"), *c = cJSON_CreateObject();
    cJSON_AddNumberToObject(cJSON_GetObjectItem(p, "textDocument"), "version", version);
    unsigned line = roll(d, d->lines + 1), ch = roll(d, 60);
    cJSON_AddItemToObject(c, "range", range(line, ch, line + roll(d, 2), roll(d, 60)));
    static const char *const pieces[] = {"x", "1", " ", ".", "=", "\n", "{", "}", "[", "]", "\"", "-", "一", "😀"};
    Buf text = {0};
    buf_puts(&text, "");
    for (unsigned i = 0, n = roll(d, 4); i < n; i++)
        buf_puts(&text, pieces[roll(d, sizeof pieces / sizeof pieces[0])]);
    cJSON_AddStringToObject(c, "text", text.data);
    buf_free(&text);
    cJSON_AddItemToArray(changes, c);
    return message(0, "textDocument/didChange", p);
}

/* The session of the second run; returns how many requests it makes. */
static int session(Buf *b, const unsigned char *data, size_t size)
{
    Dice d = {data, size, 0, 1};
    for (size_t i = 0; i < size; i++)
        d.lines += data[i] == '\n';
    cJSON *init = cJSON_CreateObject(), *caps = cJSON_AddObjectToObject(init, "capabilities");
    static const char *const utf8[] = {"utf-8"};
    if (roll(&d, 2))
        cJSON_AddItemToObject(cJSON_AddObjectToObject(caps, "general"), "positionEncodings", cJSON_CreateStringArray(utf8, 1));
    int id = 0;
    frame(b, message(++id, "initialize", init));
    cJSON *open = doc_params(), *td = cJSON_GetObjectItem(open, "textDocument");
    char *text = fuzz_is_utf8((const char *)data, size) ? strndup((const char *)data, size) : strdup("budget b {}");
    cJSON_AddStringToObject(td, "text", text);
    free(text);
    frame(b, message(0, "textDocument/didOpen", open));
    for (int k = 0, n = 1 + (int)roll(&d, MAX_OPS); k < n; k++)
        if (roll(&d, 4) == 0)
            frame(b, change(&d, k + 2));
        else
            frame(b, request(&d, ++id));
    frame(b, message(++id, "shutdown", NULL));
    frame(b, message(0, "exit", NULL));
    return id;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *out;
    size_t n;
    serve((const char *)data, size, &out, &n);
    check_output(out, n, 0);
    free(out);
    Buf b = {0};
    int nrequests = session(&b, data, size);
    if (serve(b.data, b.len, &out, &n) != 0)
        fuzz_fail("the session did not end with status 0", b.data, b.len);
    check_output(out, n, nrequests);
    free(out);
    buf_free(&b);
    return 0;
}
