/* rpc.h - JSON-RPC 2.0 messages over a byte stream with LSP's framing: a header of
 * "Name: value" lines (Content-Length required, the others ignored) ending in an empty
 * line, then exactly Content-Length bytes of JSON. Reads are bounded: a header longer than
 * RPC_MAX_HEADER or a body larger than the reader's limit is refused (and skipped) without
 * being stored. The reader owns its buffer; each message body read is the caller's. */
#ifndef BDL_LSP_RPC_H
#define BDL_LSP_RPC_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Error codes of JSON-RPC and LSP. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
};

enum { RPC_MAX_HEADER = 8192, RPC_DEFAULT_MAX_BODY = 256 * 1024 * 1024 };

typedef struct RpcReader {
    int fd;
    size_t max_body;
    char buf[65536];
    size_t start, end; /* the bytes read from fd and not yet used */
    uint64_t skip;     /* the body of a refused message, passed over before the next */
    bool eof;
} RpcReader;

typedef enum RpcStatus {
    RPC_MESSAGE, /* a body was read */
    RPC_BAD_FRAME, /* a header was malformed or a body too large: *why says how; reading goes on */
    RPC_EOF      /* the stream ended (in the middle of a message or not) */
} RpcStatus;

void rpc_reader_init(RpcReader *r, int fd, size_t max_body);
/* The next message body, NUL-terminated, in *body (the caller frees it) and *len. */
RpcStatus rpc_read(RpcReader *r, char **body, size_t *len, char **why);

/* Writes msg framed; false when the stream fails (the client is gone). */
bool rpc_write(FILE *out, const cJSON *msg);

/* New messages; each takes ownership of the cJSON passed in (result, params). id is copied. */
cJSON *rpc_response(const cJSON *id, cJSON *result);
cJSON *rpc_error(const cJSON *id, int code, const char *message);
cJSON *rpc_notification(const char *method, cJSON *params);

#endif
