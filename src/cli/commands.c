/* commands.c - check, json, html, build and explain. */
#include "cli/cli.h"

#include "base/buf.h"
#include "emit/html.h"
#include "emit/json.h"
#include "diag/explain.h"
#include "emit/check_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*FileStep)(Compilation *c, const Options *o, const char *file, DiagOutput *d, void *ctx);

/* Compiles every FILE in turn and runs `step` on it; the exit status is the worst seen. */
static int each_file(const Options *o, FileStep step, void *ctx)
{
    int status = EXIT_OK;
    DiagOutput d;
    begin_diagnostics(o, &d, false);
    for (int i = 0; i < o->nfiles; i++) {
        Compilation c;
        int st = compile_one(&c, o, o->files[i]) ? step(&c, o, o->files[i], &d, ctx) : EXIT_USAGE;
        if (st > status)
            status = st;
    }
    diag_output_end(&d);
    return status;
}

static int failures(const Compilation *c)
{
    return diags_failures(&c->diags) ? EXIT_ERRORS : EXIT_OK;
}

static int check_step(Compilation *c, const Options *o, const char *file, DiagOutput *d, void *ctx)
{
    (void)ctx;
    if (o->format == DIAG_TEXT && !o->quiet)
        report_checks(c, stdout);
    fflush(stdout);
    diag_output_add(d, &c->diags, o->nfiles > 1 || o->quiet ? file : NULL);
    int status = failures(c);
    compilation_free(c);
    return status;
}

int cmd_check(const Options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "check");
    if (o->out)
        return usage_error("%s writes no file; use 'bdl json' or 'bdl build' for outputs", "check");
    if (o->depfile)
        return usage_error("%s writes no file, so --depfile has no target; use it with json, html or build", "check");
    return each_file(o, check_step, NULL);
}

/* `json` and `html`: one file in, one document out. */
static int cmd_single(const Options *o, const char *command, Emitter emit)
{
    if (o->nfiles != 1)
        return usage_error("%s takes exactly one FILE", command);
    bool to_stdout = !o->out || strcmp(o->out, "-") == 0;
    if (o->depfile && to_stdout)
        return usage_error("--depfile needs -o OUT, the target of its rule (%s)", command);
    Compilation c;
    if (!compile_one(&c, o, o->files[0]))
        return EXIT_USAGE;
    DiagOutput d;
    begin_diagnostics(o, &d, to_stdout);
    diag_output_add(&d, &c.diags, NULL);
    diag_output_end(&d);
    int status = write_output(&c, NULL, emit, o->out);
    if (status == EXIT_OK && o->depfile) {
        Buf rules = {0};
        depfile_rule(&rules, &o->out, 1, &c);
        status = write_depfile(o, &rules);
        buf_free(&rules);
    }
    if (status == EXIT_OK && diags_failures(&c.diags))
        status = EXIT_ERRORS;
    compilation_free(&c);
    return status;
}

/* Writes DIR/<id>.json and DIR/<id>.html for each budget of c; says what it wrote and,
 * for --depfile, adds a rule with the files written as targets. */
static int build_outputs(Compilation *c, const char *dir, Buf *rules)
{
    char **written = NULL;
    size_t nwritten = 0;
    static const struct {
        const char *ext;
        Emitter emit;
    } kinds[] = {{"json", emit_json}, {"html", emit_html}};
    int status = EXIT_OK;
    for (uint32_t i = 0; i < c->program->nbudgets; i++) {
        const Budget *b = c->program->budgets[i];
        bool repeated = false;
        for (uint32_t j = 0; j < i; j++)
            repeated |= c->program->budgets[j]->id == b->id;
        if (repeated)
            continue; /* E0309 was reported; its files would overwrite the first one's */
        for (size_t k = 0; k < 2; k++) {
            char *path = str_printf("%s/%s.%s", dir, b->id, kinds[k].ext);
            if (write_output(c, b, kinds[k].emit, path) == EXIT_OK)
                fprintf(stderr, "wrote %s\n", path);
            else
                status = EXIT_USAGE;
            written = xrealloc(written, (nwritten + 1) * sizeof *written);
            written[nwritten++] = path;
        }
    }
    if (nwritten)
        depfile_rule(rules, (const char *const *)written, nwritten, c);
    for (size_t i = 0; i < nwritten; i++)
        free(written[i]);
    free(written);
    return status;
}

/* ctx: the Make rules collected for --depfile. */
static int build_step(Compilation *c, const Options *o, const char *file, DiagOutput *d, void *ctx)
{
    diag_output_add(d, &c->diags, o->nfiles > 1 ? file : NULL);
    int status = build_outputs(c, o->out ? o->out : "out", ctx);
    if (status == EXIT_OK)
        status = failures(c);
    compilation_free(c);
    return status;
}

int cmd_build(const Options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "build");
    const char *dir = o->out ? o->out : "out";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "bdl: cannot create %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    Buf rules = {0};
    int status = each_file(o, build_step, &rules);
    int deps = write_depfile(o, &rules);
    buf_free(&rules);
    return deps != EXIT_OK ? deps : status;
}

int cmd_explain(const Options *o)
{
    if (o->nfiles != 1)
        return usage_error("%s takes one diagnostic code, e.g. E0406", "explain");
    char code[8] = "";
    snprintf(code, sizeof code, "%s", o->files[0]);
    if (code[0] == 'e' || code[0] == 'w')
        code[0] = (char)(code[0] - 'a' + 'A');
    Explanation ex;
    if (!explain_find(code, &ex)) {
        fprintf(stderr, "bdl: no diagnostic code '%s' (codes look like E0406 or W0501; see docs/diagnostics.md)\n",
                o->files[0]);
        return EXIT_USAGE;
    }
    fwrite(ex.section, 1, ex.section_len, stdout);
    fputc('\n', stdout);
    return EXIT_OK;
}

int cmd_json(const Options *o)
{
    return cmd_single(o, "json", emit_json);
}

int cmd_html(const Options *o)
{
    return cmd_single(o, "html", emit_html);
}
