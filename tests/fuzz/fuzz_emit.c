/* fuzz_emit.c - the JSON and HTML emitters over whatever the checker made of the input,
 * for the whole file and for each budget alone (as `bdl build` writes them). Each must
 * succeed on a working stream and produce valid UTF-8; the JSON must parse. The error
 * limit is 1, so emitters also see programs whose parse stopped at the first error. */
#include "fuzz.h"

#include "emit/html.h"
#include "emit/json.h"

#include <cjson/cJSON.h>

typedef bool (*Emit)(Compilation *c, const Budget *b, FILE *out);

static void emit_one(Compilation *c, const Budget *b, Emit emit, bool json)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        abort();
    bool ok = emit(c, b, mem);
    fclose(mem);
    if (!ok)
        fuzz_fail(json ? "emit_json failed on a memory stream" : "emit_html failed on a memory stream", NULL, 0);
    if (!fuzz_is_utf8(text, len))
        fuzz_fail(json ? "JSON output is not valid UTF-8" : "HTML output is not valid UTF-8", text, len);
    if (json) {
        cJSON *doc = cJSON_ParseWithLength(text, len);
        if (!doc)
            fuzz_fail("JSON output does not parse", text, len);
        cJSON_Delete(doc);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size, 1);
    emit_one(&c, NULL, emit_json, true);
    emit_one(&c, NULL, emit_html, false);
    for (uint32_t i = 0; i < c.program->nbudgets; i++) {
        emit_one(&c, c.program->budgets[i], emit_json, true);
        emit_one(&c, c.program->budgets[i], emit_html, false);
    }
    compilation_free(&c);
    return 0;
}
