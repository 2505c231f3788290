/* scan.h - the scanner's state (flex's yyextra) and its actions, kept out of lexer.l so
 * that file stays a token table. Each action reports malformed input at its exact span
 * and lets scanning continue. */
#ifndef BDL_SCAN_H
#define BDL_SCAN_H

#include "base/buf.h"
#include "base/intern.h"
#include "diag/diag.h"
#include "syntax/ast.h"

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
    bool *calls;   /* per open ( or [: whether it opens a function's arguments */
    size_t capcalls;
    bool in_claim; /* between assert/warn (or an interpolation's start) and the line's end */
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


void scan_check_text(LexState *st, uint32_t start, const char *text, size_t len);
void scan_lone_cr(LexState *st, Span at);
void scan_bom(LexState *st, Span at);
void scan_bad_byte(LexState *st, Span at, const char *byte);
void scan_bad_char(LexState *st, Span at, char c);
/* `!`, `&&`, `||`: reported, then read as not, and, or so the claim keeps its meaning. */
int scan_c_operator(LexState *st, Span at, const char *text);

/* Bytes at the start of text that may stand in a name (0: it starts with punctuation). */
size_t scan_ident_prefix(const char *text, size_t len);
/* Non-ASCII punctuation at the start of text: a printed minus (U+2212) is '-', a printed
 * dash (– —) DASH, a currency sign SIGN (its text in *name); full-width punctuation is
 * reported. Narrows *at to the character and returns the token it stands for (',' for
 * '，'), or 0 to skip it. */
int scan_foreign_punct(LexState *st, const char *text, size_t len, Span *at, Name *name);

void scan_number(LexState *st, const char *text, size_t len, Span at, NumLit *out);
/* A figure with digit grouping (22,770,776): groups of exactly three digits after the
 * first of one to three; anything else (1,5 or 12,34,567), or grouping inside a function's
 * arguments, is reported (E0120) and reads as not stated. */
void scan_grouped_number(LexState *st, const char *text, size_t len, Span at, NumLit *out);
/* 1,234, 567: the grouped figure at `at` is followed by a comma, blanks and three digits. */
void scan_grouping_blank(LexState *st, Span at);
void scan_bad_number(LexState *st, Span at, NumLit *out);

/* The text of a string written without escapes: a copy, or an earlier equal one. */
char *scan_plain_string(LexState *st, const char *text, size_t len);
void scan_string_begin(LexState *st, uint32_t start);
void scan_string_end(LexState *st, char **out, Span *at);
void scan_unterminated(LexState *st, const char *code);
void scan_escape(LexState *st, char c);
void scan_unicode_escape(LexState *st, Span at, const char *text);
void scan_bad_escape(LexState *st, Span at);

#endif
