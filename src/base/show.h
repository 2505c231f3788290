/* show.h - what bdl writes for people to read, in a terminal or a CI log: exact amounts (a
 * decimal, or a rounded figure marked "≈" when the value has no finite decimal expansion),
 * and text from the input made safe to print (a spec may come from anyone). */
#ifndef BDL_SHOW_H
#define BDL_SHOW_H

#include "base/buf.h"
#include "base/num.h"

#include <stdbool.h>
#include <stdint.h>

/* "609.35", or "≈0.33333333" (8 decimals) when v has no finite decimal expansion. */
void num_show(Num v, char buf[NUM_STR_MAX]);
/* v as num_show writes it, then " UNIT" when unit is not NULL. */
void show_amount(Buf *b, Num v, const char *unit);
/* A share as a percentage: 0.4483 is "44.83%". */
void show_percent(Buf *b, Num v);

/* Whether a code point is written as an escape (\u{1b}): a control character but tab
 * (a terminal acts on ESC, CSI and CR, and a line break would start a line the input
 * wrote), a bidirectional control (it reorders the line), a character drawn as nothing. */
bool show_escapes(uint32_t cp);
/* s[0..n) with those escaped and invalid UTF-8 shown as U+FFFD. */
void show_text(Buf *b, const char *s, size_t n);
void show_str(Buf *b, const char *s);
/* A file name at the start of a line: escaped, and after "./" when it does not start with a
 * letter, a digit, '_', '.' or '/', so that no line starts with what the input chose
 * ("::error::" is a GitHub Actions command, "##[" an Azure one). "-" stays "-". */
void show_name(Buf *b, const char *name);
/* show_str into a fresh string, for messages built with printf; the caller frees it. */
char *show_dup(const char *s);

#endif
