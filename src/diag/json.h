/* json.h - diagnostics as JSON values (for `bdl json` and --diagnostics json). */
#ifndef BDL_DIAG_JSON_H
#define BDL_DIAG_JSON_H

#include "diag/diag.h"

#include <cjson/cJSON.h>

cJSON *diags_to_json(Diags *d);
/* {"line": L, "column": C, "end_line": ..., "end_column": ..., "byte_start", "byte_end"} */
cJSON *span_to_json(SourceSet *sources, Span s);

#endif
