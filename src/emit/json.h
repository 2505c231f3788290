/* json.h - the JSON document of a compilation (docs/schema/bdl.schema.json). Amounts are
 * exact decimal strings; the same input always gives the same bytes. */
#ifndef BDL_EMIT_JSON_H
#define BDL_EMIT_JSON_H

#include "compile/compile.h"

#include <stdio.h>

/* Writes the document with every budget, or only `only` when it is not NULL;
 * false when the stream reports a write error. */
bool emit_json(Compilation *c, const Budget *only, FILE *out);

#endif
