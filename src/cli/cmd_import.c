/* cmd_import.c - `bdl import`: a workbook or CSV to a spec, or its figures into an
 * existing spec (--into); tools/import.h does the work. What is written is written whole
 * or not at all; the diagnostics go through the one diagnostics output, in the format
 * --diagnostics asks for. */
#include "cli/commands.h"

#include "tools/import.h"

#include <string.h>

static bool to_stdout(const char *out)
{
    return !out || strcmp(out, "-") == 0;
}

/* Where the product goes: -o OUT, else the spec itself (--into), else standard output. */
static const char *target(const Options *o)
{
    return o->dry_run ? NULL : o->out ? o->out : o->into;
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

static void plural(size_t n, const char *one, const char *many)
{
    fprintf(stderr, "%zu %s", n, n == 1 ? one : many);
}

static void say_written(const Options *o, const ImportResult *r)
{
    if (!o->into) {
        fprintf(stderr, "wrote %s (", o->out);
        plural(r->tables, "table)\n", "tables)\n");
        return;
    }
    fprintf(stderr, "%s %s: ", o->out ? "wrote" : "updated", target(o));
    plural(r->counts.changed, "figure changed, ", "figures changed, ");
    plural(r->counts.added, "row added, ", "rows added, ");
    if (r->counts.tables)
        plural(r->counts.tables, "table added, ", "tables added, ");
    plural(r->counts.missing, "item not in the workbook\n", "items not in the workbook\n");
}

/* Writes what the import made: a dry run's report to standard output, the spec to its
 * target (a spec rewritten in place keeps its permissions). */
static int deliver(const Options *o, const Buf *product, const ImportResult *r)
{
    if (o->dry_run) {
        fwrite(product->data, 1, product->len, stdout);
        return EXIT_OK;
    }
    const char *path = target(o);
    bool in_place = o->into && !o->out;
    int status = write_text(path, product->data, product->len, in_place ? o->into : NULL);
    if (status == EXIT_OK && !to_stdout(path))
        say_written(o, r);
    return status;
}

static int check_usage(const Options *o)
{
    if (o->nfiles != 1)
        return usage_error("%s takes exactly one FILE (.xlsx, .xls or .csv)", "import");
    if (o->dry_run && o->out)
        return usage_error("%s --dry-run writes no file; leave out -o", "import");
    if (o->depfile)
        return usage_error("%s writes no Make dependencies; --depfile is for json, html and build", "import");
    if (o->into && strcmp(o->into, "-") == 0)
        return usage_error("import --into names the spec to rewrite: a file, not '%s'", o->into);
    return EXIT_OK;
}

int cmd_import(const Options *o, const Command *self)
{
    (void)self;
    int status = check_usage(o);
    if (status != EXIT_OK)
        return status;
    Report report;
    report_init(&report, o->max_errors, o->werror);
    ImportRequest req = {.table = o->files[0], .rules = o->rules, .into = o->into, .dry_run = o->dry_run};
    Buf product = {0};
    ImportResult result;
    ImportStatus st = import_run(&req, &report, &product, &result);
    show_diagnostics(o, &report, to_stdout(target(o)));
    status = st == IMPORT_OK ? EXIT_OK : st == IMPORT_ERRORS ? EXIT_ERRORS : EXIT_USAGE;
    if (st == IMPORT_UNREADABLE)
        fprintf(stderr, "bdl: cannot read %s: %s\n", result.failed, result.why);
    if (st == IMPORT_OK)
        status = deliver(o, &product, &result);
    buf_free(&product);
    report_free(&report);
    return status;
}
