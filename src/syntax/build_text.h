/* build_text.h - `text` blocks: their prose split into literal parts and {expressions}. */
#ifndef BDL_BUILD_TEXT_H
#define BDL_BUILD_TEXT_H

#include "syntax/build.h"

/* An {expression} of a text, to be parsed from source bytes [start, end). */
typedef struct Interpolation {
    Text *text;
    uint32_t part;
    uint32_t start, end;
} Interpolation;

/* text ID ["title"] "prose with {expressions}": the prose split, its expressions queued
 * in c->interpolations. */
Stmt *text_new(ParseCtx *c, Name id, Label title, Span body_span, Span span);
/* Once its expressions are parsed: parts whose expression did not parse are dropped, and
 * the layout (indentation, blank lines around the prose) is trimmed. */
void text_finish(Text *t);

#endif
