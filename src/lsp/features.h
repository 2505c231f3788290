/* features.h - the server's methods, one file per group of features; server.c's table
 * dispatches to them. A request handler returns its result (the caller sends and frees it)
 * or NULL with *e set; a notification handler returns nothing. */
#ifndef BDL_LSP_FEATURES_H
#define BDL_LSP_FEATURES_H

#include "lsp/state.h"

typedef cJSON *(*RequestHandler)(Server *s, const cJSON *params, LspError *e);
typedef void (*NotificationHandler)(Server *s, const cJSON *params);

/* sync.c: textDocument/didOpen, didChange, didClose, didSave; workspace/didChangeWatchedFiles */
void on_did_open(Server *s, const cJSON *params);
void on_did_change(Server *s, const cJSON *params);
void on_did_close(Server *s, const cJSON *params);
void on_did_save(Server *s, const cJSON *params);
void on_watched_files(Server *s, const cJSON *params);

/* diagnostics.c: textDocument/publishDiagnostics, sent after each compilation */
void publish_diagnostics(Server *s, Doc *d);
/* One diagnostic as the protocol has it. */
cJSON *diagnostic_json(const Server *s, Snapshot *sn, const Diag *g);
/* Empties what d published (it is closing). */
void clear_diagnostics(Server *s, Doc *d);

/* hover.c */
cJSON *on_hover(Server *s, const cJSON *params, LspError *e);

/* symbols.c: definition, references, document and workspace symbols */
cJSON *on_definition(Server *s, const cJSON *params, LspError *e);
/* Calls visit for each occurrence of what `target` (an occurrence in d's snapshot) names:
 * in d's compilation, then in the other open documents' (each file once). With
 * `declarations`, its definition too. False when target names nothing known. */
typedef void (*OccVisit)(void *ctx, Snapshot *sn, const Occ *o);
bool occurrences_of(Server *s, Doc *d, const Occ *target, bool declarations, OccVisit visit, void *ctx);
cJSON *on_references(Server *s, const cJSON *params, LspError *e);
cJSON *on_document_symbol(Server *s, const cJSON *params, LspError *e);
cJSON *on_workspace_symbol(Server *s, const cJSON *params, LspError *e);

/* complete.c */
cJSON *on_completion(Server *s, const cJSON *params, LspError *e);

/* rename.c */
cJSON *on_prepare_rename(Server *s, const cJSON *params, LspError *e);
cJSON *on_rename(Server *s, const cJSON *params, LspError *e);

/* format.c */
cJSON *on_formatting(Server *s, const cJSON *params, LspError *e);
cJSON *on_range_formatting(Server *s, const cJSON *params, LspError *e);

/* actions.c: code actions from the diagnostics' fixes, and the bdl.explain command */
cJSON *on_code_action(Server *s, const cJSON *params, LspError *e);
cJSON *on_execute_command(Server *s, const cJSON *params, LspError *e);
/* The explanation of a code as plain text: its title, what it means, how to fix it. NULL
 * for a code without one. The caller frees it. */
char *explain_text(const char *code);

/* tokens.c: semantic tokens */
cJSON *semantic_tokens_legend(void);
cJSON *on_semantic_tokens(Server *s, const cJSON *params, LspError *e);
cJSON *on_semantic_tokens_range(Server *s, const cJSON *params, LspError *e);

/* inlay.c */
cJSON *on_inlay_hint(Server *s, const cJSON *params, LspError *e);

#endif
