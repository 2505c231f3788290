/* fuzz_check.c - the whole check, as `bdl check` runs it: parse, check, then every
 * rendering of the result (the check report and the diagnostics as text, with and
 * without colour, json, sarif and github). The error limit is the command line's
 * default of 50, so the early stop of a flooded parse is exercised too. */
#include "fuzz.h"

#include "diag/output.h"
#include "emit/check_report.h"

static void render(Compilation *c, DiagFormat format, bool color)
{
    DiagOutput d;
    diag_output_begin(&d, format, fuzz_null(), (TextStyle){color}, false);
    diag_output_add(&d, &c->diags, format == DIAG_TEXT && color ? "fuzz.bdl" : NULL);
    diag_output_end(&d);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size, 50);
    report_checks(&c, fuzz_null());
    render(&c, DIAG_TEXT, false);
    render(&c, DIAG_TEXT, true);
    render(&c, DIAG_JSON, false);
    render(&c, DIAG_SARIF, false);
    render(&c, DIAG_GITHUB, false);
    compilation_free(&c);
    return 0;
}
