/* html.h - a budget as one self-contained, publication-ready HTML page:
 * title block, checks summary, one table per top-level group, inline SVG charts,
 * print CSS. No script, nothing fetched; every text escaped; same input, same bytes. */
#ifndef BDL_EMIT_HTML_H
#define BDL_EMIT_HTML_H

#include "compile/compile.h"

#include <stdio.h>

/* Writes the page for `b` (or for every budget of the file, one after another, when b
 * is NULL); false when the stream reports a write error. */
bool emit_html(Compilation *c, const Budget *b, FILE *out);

#endif
