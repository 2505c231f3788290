/* readahead.h - a large file's tokens scanned by a second thread, ahead of the parser.
 *
 * Scanning is a third of a check; on a machine with a spare core it can run beside the
 * parser, which then takes tokens from a ring of chunks instead of calling the scanner.
 * The reader has its own arena and diagnostics: the first diagnostic it meets ends its
 * run, and the parser's own scanner reads on from the end of the last token handed over,
 * so every diagnostic is reported by the same code, in the same order and under the same
 * error limit as without the reader. */
#ifndef BDL_READAHEAD_H
#define BDL_READAHEAD_H

#include "lexer.h"

typedef struct ReadAhead ReadAhead;

/* Starts a reader over st->src from its start; NULL when no thread can be had (the caller
 * then scans on its own). Identifiers are interned in st->interns as readahead_next hands
 * them over, on the parser's thread. */
ReadAhead *readahead_start(const LexState *st);
/* The next token (0 at the end of the file) and its value and span; READAHEAD_STOPPED when
 * the reader stopped before a diagnostic: the caller's scanner resumes at *resume_at. */
enum { READAHEAD_STOPPED = -1 };
int readahead_next(ReadAhead *r, void *lval, Span *lloc, uint32_t *resume_at);
/* Stops the reader (where it is, if the parse ended early) and gives its memory to
 * `arena`, which outlives the tokens' strings and numbers. */
void readahead_finish(ReadAhead *r, Arena *arena);

#endif
