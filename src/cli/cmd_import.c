/* cmd_import.c - `bdl import`: a workbook or CSV to a spec (tools/import.h does the
 * work). The spec is written whole or not at all; its diagnostics go through the one
 * diagnostics output, in the format --diagnostics asks for. */
#include "cli/commands.h"

#include "tools/import.h"

#include <string.h>

static bool to_stdout(const char *out)
{
    return !out || strcmp(out, "-") == 0;
}

static void show_diagnostics(const Options *o, Report *report, bool product_on_stdout)
{
    diags_finish(&report->diags);
    DiagOutput d;
    begin_diagnostics(o, &d, product_on_stdout);
    if (report->diags.errors + report->diags.warnings > 0 || o->format != DIAG_TEXT)
        diag_output_add(&d, &report->diags, NULL);
    diag_output_end(&d);
}

/* Writes what the import made: the spec to -o OUT (or standard output), a dry run's
 * description to standard output. */
static int deliver(const Options *o, const Buf *product, size_t ntables)
{
    if (o->dry_run) {
        fwrite(product->data, 1, product->len, stdout);
        return EXIT_OK;
    }
    int status = write_text(o->out, product->data, product->len);
    if (status == EXIT_OK && !to_stdout(o->out))
        fprintf(stderr, "wrote %s (%zu table%s)\n", o->out, ntables, ntables == 1 ? "" : "s");
    return status;
}

int cmd_import(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles != 1)
        return usage_error("%s takes exactly one FILE (.xlsx, .xls or .csv)", "import");
    if (o->dry_run && o->out)
        return usage_error("%s --dry-run writes no file; leave out -o", "import");
    if (o->depfile)
        return usage_error("%s writes no Make dependencies; --depfile is for json, html and build", "import");
    Report report;
    report_init(&report, o->max_errors, o->werror);
    ImportRequest req = {.table = o->files[0], .rules = o->rules, .dry_run = o->dry_run};
    Buf product = {0};
    size_t ntables = 0;
    const char *failed = NULL, *why = NULL;
    ImportStatus st = import_run(&req, &report, &product, &ntables, &failed, &why);
    show_diagnostics(o, &report, o->dry_run || to_stdout(o->out));
    int status = st == IMPORT_OK ? EXIT_OK : st == IMPORT_ERRORS ? EXIT_ERRORS : EXIT_USAGE;
    if (st == IMPORT_UNREADABLE)
        fprintf(stderr, "bdl: cannot read %s: %s\n", failed, why);
    if (st == IMPORT_OK)
        status = deliver(o, &product, ntables);
    buf_free(&product);
    report_free(&report);
    return status;
}
