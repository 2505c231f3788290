/* state.h - what the language server's parts share: the server and its open documents,
 * each with the latest compilation of its text (a Snapshot), and the helpers that turn
 * protocol positions into byte offsets and spans into protocol locations.
 *
 * Ownership: the Server owns its Docs; a Doc owns its text and its Snapshot; a Snapshot
 * owns its Compilation and what is derived from it (paths, line maps, index), all freed
 * together when the document changes or closes. cJSON values returned by handlers pass to
 * the caller, which sends and frees them. */
#ifndef BDL_LSP_STATE_H
#define BDL_LSP_STATE_H

#include "lsp/index.h"
#include "lsp/lsp.h"
#include "lsp/position.h"
#include "lsp/rpc.h"

#include <cjson/cJSON.h>

/* One compilation of an open document and its imports. */
typedef struct Snapshot {
    Compilation c;
    char **paths;   /* per source: the canonical path it was read from (NULL: none) */
    char **uris;    /* per source: its URI, made when first needed */
    LineMap *lines; /* per source: made when first needed (starts NULL) */
    Index index;
    bool indexed;
} Snapshot;

typedef struct Doc {
    char *uri;
    char *path;     /* the file's path, canonical when the file exists; NULL: not a file URI */
    char *text;
    size_t len;
    long long version;
    Snapshot *snap; /* the compilation of text, always current */
    char **foreign; /* URIs of imported files (not open) it published diagnostics for */
    size_t nforeign;
} Doc;

typedef struct Server {
    FILE *out;
    bool out_failed; /* the client stopped reading: the server stops */
    Doc **docs;
    size_t ndocs, capdocs;
    PosEncoding enc;
    bool initialized, shut_down, exit_now;
    bool markdown;     /* hovers in Markdown (else plain text) */
    bool hierarchical; /* document symbols as a tree (else a flat list) */
    LspOptions opt;
} Server;

/* A failed request: its JSON-RPC error. */
typedef struct LspError {
    int code;
    char message[512];
} LspError;

void lsp_fail(LspError *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Sends a notification (taking params); a write failure stops the server. */
void server_notify(Server *s, const char *method, cJSON *params);

/* --- documents (documents.c) --- */
Doc *doc_find(const Server *s, const char *uri);
/* The open document whose file is `path` (canonical), or NULL. */
Doc *doc_by_path(const Server *s, const char *path);
Doc *doc_open(Server *s, const char *uri, const char *text, size_t len, long long version);
void doc_close(Server *s, Doc *d);
/* Frees every document, publishing and compiling nothing (the server is stopping). */
void docs_free(Server *s);
/* Replaces the document's text, or the bytes [start, end) of it, with text[0..len). */
void doc_edit(Doc *d, size_t start, size_t end, const char *text, size_t len);
/* Compiles the document again and publishes its diagnostics, then those of the open
 * documents that import it (they read its text from memory). */
void doc_changed(Server *s, Doc *d);
/* Every document compiled and published again (files on disk changed). */
void docs_recompile(Server *s);

/* The index of a snapshot, built when first asked for. */
const Index *snap_index(Snapshot *sn);
LineMap *snap_lines(Snapshot *sn, uint32_t file);
/* The URI of a source of the snapshot (an open document's own when it is open), or NULL
 * for a source that is no file. Owned by the snapshot. */
const char *snap_uri(const Server *s, Snapshot *sn, uint32_t file);
cJSON *snap_range(const Server *s, Snapshot *sn, Span span);
/* {uri, range}; NULL when the span's file has no URI. */
cJSON *snap_location(const Server *s, Snapshot *sn, Span span);
uint32_t snap_offset(const Server *s, Snapshot *sn, Position p);

/* --- reading requests (protocol.c) --- */
const cJSON *msg_field(const cJSON *o, const char *key);
const char *msg_string(const cJSON *o, const char *key);
bool msg_position(const cJSON *o, Position *p);
cJSON *position_json(Position p);
cJSON *range_json(Position a, Position b);
/* params.textDocument.uri, open: else an InvalidParams error. */
Doc *request_doc(Server *s, const cJSON *params, LspError *e);

/* A request about one place in a document: params.textDocument and params.position. */
typedef struct At {
    Doc *doc;
    Snapshot *snap;
    uint32_t offset;
} At;
bool request_at(Server *s, const cJSON *params, At *at, LspError *e);

/* A request about a range of a document: params.textDocument and params.range. */
typedef struct InRange {
    Doc *doc;
    Snapshot *snap;
    uint32_t from, to; /* byte offsets */
} InRange;
bool request_range(Server *s, const cJSON *params, InRange *r, LspError *e);

/* c with ASCII letters in lower case: queries and prefixes match names without case. */
static inline char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether a statement starts at `at` of text: only blanks before it on its line, or a '{'
 * or ';' ending what was before. */
bool statement_start(const char *text, size_t at);

#endif
