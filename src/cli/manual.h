/* manual.h - `bdl help COMMAND`: a command's section of the manual page docs/bdl.1, which
 * is compiled into the program, rendered as plain text. */
#ifndef BDL_MANUAL_H
#define BDL_MANUAL_H

#include "base/buf.h"

#include <stdbool.h>

enum { MANUAL_WIDTH = 78 }; /* columns the text is wrapped at */

/* Appends the `.Ss COMMAND` section of the page's COMMANDS to out, as plain UTF-8 text
 * wrapped at MANUAL_WIDTH display columns; false when the page has no such section. */
bool manual_section(const char *command, Buf *out);
/* The same for any mdoc text (a test renders its own). */
bool manual_section_of(const char *page, const char *command, Buf *out);

#endif
