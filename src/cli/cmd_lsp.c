/* cmd_lsp.c - `bdl lsp`: the language server on standard input and output, for editors
 * (docs/editors.md). --max-errors and --allow-outside apply to every document compiled. */
#include "cli/commands.h"

#include "lsp/lsp.h"
#include "lsp/rpc.h"

#include <signal.h>
#include <unistd.h>

int cmd_lsp(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles)
        return usage_error("%s takes no FILE: the editor sends the documents", "lsp");
    if (o->out || o->depfile)
        return usage_error("%s writes no file: it answers on standard output", "lsp");
    signal(SIGPIPE, SIG_IGN); /* a client that goes away is a failed write, not a kill */
    static char out_buf[1 << 16];
    setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
    LspOptions lo = {o->max_errors, o->allow_outside, RPC_DEFAULT_MAX_BODY};
    return lsp_serve(STDIN_FILENO, stdout, &lo);
}
