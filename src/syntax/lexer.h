/* lexer.h - the scanner's state (flex's yyextra) and its entry points.
 * The scanner is reentrant: all state lives here, none in globals. */
#ifndef BDL_LEXER_H
#define BDL_LEXER_H

#include "base/arena.h"
#include "base/buf.h"
#include "diag/diag.h"
#include "base/intern.h"

#include <stdbool.h>

/* Blocks may nest this deep (budget > group > ... > group). */
enum { MAX_NESTING = 100 };

typedef struct LexState {
    Source *src;
    uint32_t file;
    Arena *arena;
    Interns *interns;
    Diags *diags;
    uint32_t pos;  /* byte offset of the next unread byte */
    int last;      /* the last token handed to the parser */
    int nesting;   /* open ( and [: newlines inside them do not end a statement */
    Span *open_braces;
    size_t nopen, capopen;
    bool at_eof, unclosed_reported, cr_reported;
    bool keep_comments; /* the formatter wants COMMENT tokens; the parser does not */
    int pending;   /* a token held back while a newline is inserted before it */
    Span held_newline; /* a newline dropped inside ( ) or after an operator */
    bool has_held_newline;
    Span pending_span;
    Diag *bad_utf8; /* the last invalid-UTF-8 report, which an adjacent bad byte extends */
    Buf str;       /* the string literal being read */
    uint32_t str_start;
    char *range_copy; /* lexer_open_range: the bytes being scanned */
    struct RecentString *recent; /* scan_plain_string's cache, allocated at the first string */
} LexState;

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
