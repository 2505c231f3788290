/* makename.h - file names written into Make rules (--depfile), quoted so that GNU Make reads
 * back exactly the name, and refused where no quoting can do that. The names come from
 * specs, which may come from untrusted pull requests, and the rules are read by `make`:
 * a name Make misreads can become a recipe or a variable assignment, that is, a command. */
#ifndef BDL_MAKENAME_H
#define BDL_MAKENAME_H

#include "base/buf.h"

#include <stdbool.h>

/* Why `path` cannot be written in a Make rule, or NULL when it can: a control character
 * (a line break ends the rule and the next line may be a recipe), ';' (the rest of the
 * line is a recipe), '=' (the line becomes an assignment, SHELL=...), or a name ending in
 * "(...)" (an archive member). The reason is a static string. */
const char *make_name_problem(const char *path);

/* Appends `path` as Make reads it back: space, tab, '#', ':', '*', '?', '[' after a
 * backslash, and '%' in a target (a pattern rule) or '|' in a prerequisite (order-only);
 * backslashes before them doubled, '$' doubled. A relative path whose first part Make would read as something
 * else ("~user", ".PHONY", a directive such as "define") is written from the working
 * directory, as an absolute path. False (nothing appended) when make_name_problem refuses
 * the name. */
bool make_name_write(Buf *out, const char *path, bool target);

#endif
