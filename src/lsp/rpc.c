/* rpc.c - LSP's framing of JSON-RPC messages: bounded header parsing, bodies read as they
 * arrive (a claimed length is never allocated up front), refused messages skipped. */
#include "lsp/rpc.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void rpc_reader_init(RpcReader *r, int fd, size_t max_body)
{
    r->fd = fd;
    r->max_body = max_body;
    r->start = r->end = 0;
    r->skip = 0;
    r->eof = false;
}

/* Refills the buffer when it is empty; false at the end of the stream. */
static bool fill(RpcReader *r)
{
    if (r->start < r->end)
        return true;
    r->start = r->end = 0;
    while (!r->eof) {
        ssize_t got = read(r->fd, r->buf, sizeof r->buf);
        if (got > 0) {
            r->end = (size_t)got;
            return true;
        }
        if (got < 0 && errno == EINTR)
            continue;
        r->eof = true; /* end of file, or an error that will not go away */
    }
    return false;
}

/* One header line, without its line break (CRLF, or LF alone), into line[0..*n). A line
 * longer than the room left is consumed up to its end and reported by *too_long. */
static bool read_line(RpcReader *r, char *line, size_t room, size_t *n, bool *too_long)
{
    *n = 0;
    for (;;) {
        if (!fill(r))
            return false;
        char c = r->buf[r->start++];
        if (c == '\n')
            break;
        if (*n < room)
            line[*n] = c;
        else
            *too_long = true;
        ++*n;
    }
    if (*n && *n <= room && line[*n - 1] == '\r')
        --*n;
    return true;
}

/* The value of "Content-Length: N" (the name in any case); false for another header. */
static bool content_length(const char *line, size_t n, bool *valid, uint64_t *value)
{
    static const char name[] = "content-length:";
    size_t k = sizeof name - 1;
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((line[i] | (line[i] >= 'A' && line[i] <= 'Z' ? 0x20 : 0)) != name[i])
            return false;
    size_t i = k;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    *valid = i < n;
    *value = 0;
    for (; i < n && *valid; i++) {
        bool digit = line[i] >= '0' && line[i] <= '9';
        *valid = digit && *value <= (UINT64_MAX - 9) / 10;
        if (*valid)
            *value = *value * 10 + (uint64_t)(line[i] - '0');
    }
    return true;
}

typedef struct Header {
    bool has_length, bad_length, too_long;
    uint64_t length;
} Header;

/* Reads a header up to its empty line; false at the end of the stream. Blank lines before
 * a header are skipped. */
static bool read_header(RpcReader *r, Header *h)
{
    char line[RPC_MAX_HEADER];
    size_t n, total = 0;
    *h = (Header){0};
    do {
        if (!read_line(r, line, sizeof line, &n, &h->too_long))
            return false;
    } while (n == 0);
    while (n > 0) {
        bool valid;
        uint64_t value;
        total += n;
        if (total > RPC_MAX_HEADER)
            h->too_long = true;
        else if (content_length(line, n, &valid, &value))
            h->has_length = valid, h->bad_length |= !valid, h->length = value;
        if (!read_line(r, line, sizeof line, &n, &h->too_long))
            return false;
    }
    return true;
}

/* Passes over n bytes of the stream; false when it ends first. */
static bool skip(RpcReader *r, uint64_t n)
{
    while (n > 0) {
        if (!fill(r))
            return false;
        size_t have = r->end - r->start, take = have < n ? have : (size_t)n;
        r->start += take;
        n -= take;
    }
    return true;
}

/* Reads n bytes into a buffer grown as they arrive; NULL when the stream ends first. */
static char *read_body(RpcReader *r, size_t n)
{
    size_t cap = n < sizeof r->buf ? n + 1 : sizeof r->buf, got = 0;
    char *body = xmalloc(cap);
    while (got < n) {
        if (!fill(r)) {
            free(body);
            return NULL;
        }
        if (got + 1 == cap) {
            cap = 2 * cap < n + 1 ? 2 * cap : n + 1;
            body = xrealloc(body, cap);
        }
        size_t have = r->end - r->start, want = cap - 1 - got, take = have < want ? have : want;
        memcpy(body + got, r->buf + r->start, take);
        r->start += take;
        got += take;
    }
    body[n] = '\0';
    return body;
}

RpcStatus rpc_read(RpcReader *r, char **body, size_t *len, char **why)
{
    Header h;
    *body = NULL, *why = NULL;
    if (!skip(r, r->skip) || !read_header(r, &h))
        return RPC_EOF;
    r->skip = 0;
    if (h.too_long) {
        *why = str_printf("a message header longer than %d bytes", RPC_MAX_HEADER);
    } else if (h.bad_length || !h.has_length) {
        *why = xstrdup(h.bad_length ? "a Content-Length that is not a number" : "a message without Content-Length");
    } else if (h.length > r->max_body) {
        *why = str_printf("a message of %llu bytes, more than the limit of %zu", (unsigned long long)h.length,
                          r->max_body);
        r->skip = h.length; /* answered now, passed over before the next message */
    } else {
        *len = (size_t)h.length;
        *body = read_body(r, *len);
        return *body ? RPC_MESSAGE : RPC_EOF;
    }
    return RPC_BAD_FRAME;
}

/* The printed message with every byte that is not well-formed UTF-8 (from a source file's
 * text) as U+FFFD: JSON is UTF-8, and a client may refuse the whole message otherwise. JSON's
 * own syntax is ASCII, so such bytes are always inside strings. */
static void put_utf8(Buf *b, const char *s)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        uint32_t cp;
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k)
            buf_put(b, s + i, k);
        else
            buf_puts(b, "\xEF\xBF\xBD");
        i += k ? k : 1;
    }
}

bool rpc_write(FILE *out, const cJSON *msg)
{
    char *text = cJSON_PrintUnformatted(msg);
    if (!text)
        return false;
    Buf b = {0};
    put_utf8(&b, text);
    cJSON_free(text);
    bool ok = fprintf(out, "Content-Length: %zu\r\n\r\n", b.len) > 0 && fwrite(b.data, 1, b.len, out) == b.len &&
              fflush(out) == 0;
    buf_free(&b);
    return ok;
}

static cJSON *message(const cJSON *id)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
    return m;
}

cJSON *rpc_response(const cJSON *id, cJSON *result)
{
    cJSON *m = message(id);
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
    return m;
}

cJSON *rpc_error(const cJSON *id, int code, const char *text)
{
    cJSON *m = message(id), *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", text);
    cJSON_AddItemToObject(m, "error", e);
    return m;
}

cJSON *rpc_notification(const char *method, cJSON *params)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddStringToObject(m, "method", method);
    cJSON_AddItemToObject(m, "params", params);
    return m;
}
