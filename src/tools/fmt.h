/* fmt.h - the canonical layout of a BDL file (`bdl fmt`). It works on the token stream,
 * comments included, so nothing but white space ever changes: one statement per line,
 * two-space indentation, item values aligned in columns within each group (by display
 * width, so a CJK character counts two), blank-line groups kept (collapsed to one),
 * numbers and strings exactly as written, final newline. */
#ifndef BDL_FMT_H
#define BDL_FMT_H

#include "base/source.h"

#include <stddef.h>

/* Formats a file that parses without syntax errors; returns a malloc'd text. */
char *fmt_source(Source *src, size_t *len);

#endif
