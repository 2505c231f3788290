/* commands.c - the table of commands and output formats, and the commands that compile
 * and write: check, json, html, build, explain. */
#include "cli/commands.h"

#include "base/buf.h"
#include "base/map.h"
#include "diag/explain.h"
#include "emit/check_report.h"
#include "emit/html.h"
#include "emit/json.h"

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

int cmd_check(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "check");
    if (o->out)
        return usage_error("%s writes no file; use 'bdl json' or 'bdl build' for outputs", "check");
    if (o->depfile)
        return usage_error("%s writes no file, so --depfile has no target; use it with json, html or build", "check");
    return each_file(o, check_step, NULL);
}

int cmd_write(const Options *o, const Command *self)
{
    const char *command = self->name;
    Emitter emit = self->format->emit;
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
        status = depfile_rule(&rules, &o->out, 1, &c, o->depfile) ? write_depfile(o, &rules) : EXIT_USAGE;
        buf_free(&rules);
    }
    if (status == EXIT_OK && diags_failures(&c.diags))
        status = EXIT_ERRORS;
    compilation_free(&c);
    return status;
}

/* The Make rules collected for --depfile; one name Make cannot read spoils them all. */
typedef struct Rules {
    Buf text;
    bool refused;
} Rules;

/* Writes DIR/<id>.json and DIR/<id>.html for each budget of c; says what it wrote and,
 * for --depfile, adds a rule with the files written as targets. */
static int build_outputs(Compilation *c, const Options *o, const char *dir, Rules *rules)
{
    char **written = NULL;
    size_t nwritten = 0, cap = 0;
    int status = EXIT_OK;
    Map seen = {0};
    for (uint32_t i = 0; i < c->program->nbudgets; i++) {
        const Budget *b = c->program->budgets[i];
        if (map_first(&seen, c, b->id, (void *)b))
            continue; /* E0309 was reported; its files would overwrite the first one's */
        for (size_t k = 0; k < noutput_formats; k++) {
            const OutputFormat *f = &output_formats[k];
            if (!f->built)
                continue;
            char *path = str_printf("%s/%s.%s", dir, b->id, f->name);
            if (write_output(c, b, f->emit, path) == EXIT_OK)
                cli_say("wrote %s", path);
            else
                status = EXIT_USAGE;
            VEC_GROW(written, nwritten, cap);
            written[nwritten++] = path;
        }
    }
    map_free(&seen);
    if (o->depfile && !rules->refused && (nwritten || c->depfile_refused) &&
        !depfile_rule(&rules->text, (const char *const *)written, nwritten, c, o->depfile))
        rules->refused = true;
    for (size_t i = 0; i < nwritten; i++)
        free(written[i]);
    free(written);
    return status;
}

/* ctx: the Rules collected for --depfile. */
static int build_step(Compilation *c, const Options *o, const char *file, DiagOutput *d, void *ctx)
{
    diag_output_add(d, &c->diags, o->nfiles > 1 ? file : NULL);
    int status = build_outputs(c, o, o->out ? o->out : "out", ctx);
    if (status == EXIT_OK)
        status = failures(c);
    compilation_free(c);
    return status;
}

int cmd_build(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "build");
    const char *dir = o->out ? o->out : "out";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_say("bdl: cannot create %s: %s", dir, strerror(errno));
        return EXIT_USAGE;
    }
    Rules rules = {{0}, false};
    int status = each_file(o, build_step, &rules);
    int deps = rules.refused ? EXIT_USAGE : write_depfile(o, &rules.text);
    buf_free(&rules.text);
    return deps != EXIT_OK ? deps : status;
}

int cmd_explain(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles != 1)
        return usage_error("%s takes one diagnostic code, e.g. E0406", "explain");
    char code[8] = "";
    snprintf(code, sizeof code, "%s", o->files[0]);
    if (code[0] == 'e' || code[0] == 'w')
        code[0] = (char)(code[0] - 'a' + 'A');
    Explanation ex;
    if (!explain_find(code, &ex)) {
        cli_say("bdl: no diagnostic code '%s' (codes look like E0406 or W0501; see docs/diagnostics.md)",
                o->files[0]);
        return EXIT_USAGE;
    }
    fwrite(ex.section, 1, ex.section_len, stdout);
    fputc('\n', stdout);
    return EXIT_OK;
}

const OutputFormat output_formats[] = {
    {"json", emit_json, true},
    {"html", emit_html, true},
};
const size_t noutput_formats = sizeof output_formats / sizeof output_formats[0];

const Command commands[] = {
    {"check", "check FILE...", "check specs: diagnostics, then each check's result", cmd_check, NULL},
    {"json", "json FILE [-o OUT]", "compile a spec to JSON (standard output by default)", cmd_write,
     &output_formats[0]},
    {"html", "html FILE [-o OUT]", "compile a spec to a self-contained HTML page", cmd_write, &output_formats[1]},
    {"build", "build FILE... [-o DIR]", "write DIR/<budget-id>.json and .html for every budget (default out/)",
     cmd_build, NULL},
    {"fmt", "fmt FILE...", "print the canonical layout (-w rewrite, --check, --diff)", cmd_fmt, NULL},
    {"diff", "diff OLD NEW", "what changed in budget terms (--git REV FILE, --format text|markdown|json)", cmd_diff,
     NULL},
    {"explain", "explain CODE", "explain a diagnostic code, e.g. bdl explain E0406", cmd_explain, NULL},
    {"help", "help", "show this text", cmd_help, NULL},
};
const size_t ncommands = sizeof commands / sizeof commands[0];

const Command *command_find(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static const char options_text[] =
    "options:\n"
    "  -o, --output OUT       write to OUT ('-' for standard output); written whole or not at all\n"
    "  --werror               treat warnings as errors\n"
    "  --max-errors N         stop after N errors (default 50, 0 for no limit)\n"
    "  -q, --quiet            print only the summary line\n"
    "  --color WHEN           auto (default), always or never; NO_COLOR turns colour off\n"
    "  --diagnostics FORMAT   %s (default text)\n"
    "  --allow-outside        let imports read files outside the main file's directory\n"
    "  --depfile FILE         json, html, build: write the sources read as Make dependencies\n"
    "  --version              print the version\n"
    "\n"
    "FILE '-' reads standard input. Exit status: 0 no errors, 1 errors (or warnings with\n"
    "--werror; for fmt --check and diff: a difference), 2 usage or I/O failure.\n";

void usage_write(FILE *out)
{
    fputs("usage: bdl <command> [options] FILE...\n\ncommands:\n", out);
    for (size_t i = 0; i < ncommands; i++)
        fprintf(out, "  %-22s %s\n", commands[i].synopsis, commands[i].help);
    fputs("\n", out);
    fprintf(out, options_text, diag_format_list());
}

int cmd_help(const Options *o, const Command *self)
{
    (void)o, (void)self;
    usage_write(stdout);
    return EXIT_OK;
}
