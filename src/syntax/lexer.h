/* lexer.h - the scanner's entry points (grammar/lexer.l). It is reentrant: all its state
 * is a LexState (syntax/scan.h), none in globals. */
#ifndef BDL_LEXER_H
#define BDL_LEXER_H

#include "syntax/scan.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* Starts scanning st->src in place; NULL when flex cannot allocate its state. */
yyscan_t lexer_open(LexState *st);
/* Scans only source bytes [start, end), handing `first_token` to the parser first (the
 * expression inside a text's {...}); spans are still offsets in the source. */
yyscan_t lexer_open_range(LexState *st, uint32_t start, uint32_t end, int first_token);
void lexer_close(LexState *st, yyscan_t scanner);
/* The scanner's own tokens, before the parser's newline handling (for the formatter).
 * lval must point to a YYSTYPE from parser.h; returns 0 at end of input. */
int lexer_next_raw(yyscan_t scanner, void *lval, Span *lloc);
/* Every token of src as the scanner reads it, comments and newlines included, in order
 * (the formatter's view of a file); the scanner's diagnostics are dropped. */
void lexer_each_raw(Source *src, void (*each)(void *ctx, int kind, Span at), void *ctx);

#endif
