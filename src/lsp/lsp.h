/* lsp.h - `bdl lsp`: a Language Server Protocol 3.17 server. It reads JSON-RPC messages
 * from a file descriptor and writes its answers to a stream until the client says `exit`
 * or the input ends; every open document is compiled as the command line would compile its
 * file, so the editor shows what `bdl check` shows. */
#ifndef BDL_LSP_H
#define BDL_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct LspOptions {
    size_t max_errors;  /* as --max-errors (a client's initializationOptions may change it) */
    bool allow_outside; /* as --allow-outside */
    size_t max_message; /* the largest message body read, in bytes */
} LspOptions;

/* Serves one client; returns the exit status the protocol asks for: 0 when `shutdown` came
 * before the end, 1 otherwise. */
int lsp_serve(int in_fd, FILE *out, const LspOptions *o);

#endif
