/* main.c - the command line: parse arguments, run the compilation, pick outputs. */
#include "compile.h"
#include "diag_output.h"
#include "explain.h"
#include "emit_html.h"
#include "emit_json.h"
#include "output.h"
#include "report.h"
#include "version.h"

#include "buf.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>


enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct Options {
    const char *command;
    const char **files;
    int nfiles;
    const char *out;
    bool werror, quiet;
    size_t max_errors;
    const char *color;
    DiagFormat format;
} Options;

static const char usage_text[] =
    "usage: bdl <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE...          check specs: diagnostics, then each check's result\n"
    "  json FILE [-o OUT]     compile a spec to JSON (standard output by default)\n"
    "  html FILE [-o OUT]     compile a spec to a self-contained HTML page\n"
    "  build FILE... [-o DIR] write DIR/<budget-id>.json and .html for every budget (default out/)\n"
    "  explain CODE           explain a diagnostic code, e.g. bdl explain E0406\n"
    "  help                   show this text\n"
    "\n"
    "options:\n"
    "  -o, --output OUT       write to OUT ('-' for standard output); written whole or not at all\n"
    "  --werror               treat warnings as errors\n"
    "  --max-errors N         stop after N errors (default 50, 0 for no limit)\n"
    "  -q, --quiet            print only the summary line\n"
    "  --color WHEN           auto (default), always or never; NO_COLOR turns colour off\n"
    "  --diagnostics FORMAT   text (default), json, sarif or github\n"
    "  --version              print the version\n"
    "\n"
    "FILE '-' reads standard input. Exit status: 0 no errors, 1 errors (or warnings with\n"
    "--werror), 2 usage or I/O failure.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("bdl: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nrun 'bdl help' for usage\n", stderr);
    return EXIT_USAGE;
}

static bool parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-')
        return false;
    *out = (size_t)v;
    return true;
}

/* Returns -1 when parsing succeeded, else the exit status. */
static int parse_args(int argc, char **argv, Options *o)
{
    o->files = calloc((size_t)argc, sizeof *o->files);
    o->max_errors = 50;
    o->color = "auto";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_next = i + 1 < argc;
        if (strcmp(a, "--werror") == 0)
            o->werror = true;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            o->quiet = true;
        else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has_next)
            o->out = argv[++i];
        else if (strcmp(a, "--max-errors") == 0 && has_next) {
            if (!parse_count(argv[++i], &o->max_errors))
                return usage_error("--max-errors takes a whole number, not '%s'", argv[i]);
        } else if (strcmp(a, "--color") == 0 && has_next) {
            o->color = argv[++i];
            if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
                return usage_error("--color takes auto, always or never, not '%s'", o->color);
        } else if (strcmp(a, "--diagnostics") == 0 && has_next) {
            if (!diag_format_parse(argv[++i], &o->format))
                return usage_error("--diagnostics takes text, json, sarif or github, not '%s'", argv[i]);
        } else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option '%s' (or it lacks its value)", a);
        else if (!o->command)
            o->command = a;
        else
            o->files[o->nfiles++] = a;
    }
    return -1;
}

static bool use_color(const Options *o)
{
    if (strcmp(o->color, "always") == 0)
        return true;
    if (strcmp(o->color, "never") == 0)
        return false;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if ((no_color && *no_color) || (term && strcmp(term, "dumb") == 0))
        return false;
    return isatty(fileno(stderr));
}

/* Compiles one file; returns false (after a message) when it cannot be read. */
static bool compile_one(Compilation *c, const Options *o, const char *path)
{
    compilation_init(c, o->max_errors, o->werror);
    if (compile_file(c, path))
        return true;
    fprintf(stderr, "bdl: cannot read %s: %s\n", path, c->read_error);
    compilation_free(c);
    return false;
}

/* Machine-readable diagnostics of `check` go to standard output, where CI reads them;
 * for commands whose product is on standard output they go to standard error. */
static void begin_diagnostics(const Options *o, DiagOutput *d, bool product_on_stdout)
{
    bool to_stdout = o->format != DIAG_TEXT && !product_on_stdout;
    diag_output_begin(d, o->format, to_stdout ? stdout : stderr, (TextStyle){use_color(o)}, o->quiet);
}

static int cmd_check(const Options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "check");
    int status = EXIT_OK;
    DiagOutput d;
    begin_diagnostics(o, &d, false);
    for (int i = 0; i < o->nfiles; i++) {
        Compilation c;
        if (!compile_one(&c, o, o->files[i])) {
            status = EXIT_USAGE;
            continue;
        }
        if (o->format == DIAG_TEXT && !o->quiet)
            report_checks(&c, stdout);
        fflush(stdout);
        diag_output_add(&d, &c.diags, o->nfiles > 1 || o->quiet ? o->files[i] : NULL);
        if (diags_failures(&c.diags) && status == EXIT_OK)
            status = EXIT_ERRORS;
        compilation_free(&c);
    }
    diag_output_end(&d);
    return status;
}

typedef bool (*Emitter)(Compilation *c, const Budget *only, FILE *out);

/* Writes one output whole or not at all; path NULL or "-" is standard output. */
static int write_output(Compilation *c, const Budget *only, Emitter emit, const char *path)
{
    Output out;
    const char *err = NULL, *name = path ? path : "standard output";
    if (!output_open(&out, path, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, err);
        return EXIT_USAGE;
    }
    errno = 0;
    if (!emit(c, only, out.f)) {
        int saved = errno;
        output_abandon(&out);
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, saved ? strerror(saved) : "write failed");
        return EXIT_USAGE;
    }
    if (!output_commit(&out, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, err);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* `json` and `html`: one file in, one document out. */
static int cmd_single(const Options *o, const char *command, Emitter emit)
{
    if (o->nfiles != 1)
        return usage_error("%s takes exactly one FILE", command);
    Compilation c;
    if (!compile_one(&c, o, o->files[0]))
        return EXIT_USAGE;
    DiagOutput d;
    begin_diagnostics(o, &d, !o->out || strcmp(o->out, "-") == 0);
    diag_output_add(&d, &c.diags, NULL);
    diag_output_end(&d);
    int status = write_output(&c, NULL, emit, o->out);
    if (status == EXIT_OK && diags_failures(&c.diags))
        status = EXIT_ERRORS;
    compilation_free(&c);
    return status;
}

/* Writes DIR/<id>.json and DIR/<id>.html for each budget of c; prints what it wrote. */
static int build_outputs(Compilation *c, const char *dir)
{
    static const struct {
        const char *ext;
        Emitter emit;
    } kinds[] = {{"json", emit_json}, {"html", emit_html}};
    int status = EXIT_OK;
    for (const Budget *b = c->program->budgets; b; b = b->next) {
        for (size_t k = 0; k < 2; k++) {
            char *path = str_printf("%s/%s.%s", dir, b->id, kinds[k].ext);
            if (write_output(c, b, kinds[k].emit, path) == EXIT_OK)
                fprintf(stderr, "wrote %s\n", path);
            else
                status = EXIT_USAGE;
            free(path);
        }
    }
    return status;
}

static int cmd_build(const Options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "build");
    const char *dir = o->out ? o->out : "out";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "bdl: cannot create %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    DiagOutput d;
    begin_diagnostics(o, &d, false);
    for (int i = 0; i < o->nfiles; i++) {
        Compilation c;
        if (!compile_one(&c, o, o->files[i])) {
            status = EXIT_USAGE;
            continue;
        }
        diag_output_add(&d, &c.diags, o->nfiles > 1 ? o->files[i] : NULL);
        int written = build_outputs(&c, dir);
        if (written != EXIT_OK)
            status = written;
        else if (diags_failures(&c.diags) && status == EXIT_OK)
            status = EXIT_ERRORS;
        compilation_free(&c);
    }
    diag_output_end(&d);
    return status;
}

static int cmd_explain(const Options *o)
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

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--version") == 0) {
            puts("bdl " BDL_VERSION);
            return EXIT_OK;
        }
    Options o = {0};
    int status = parse_args(argc, argv, &o);
    if (status >= 0) {
        free(o.files);
        return status;
    }
    if (!o.command || strcmp(o.command, "help") == 0 || strcmp(o.command, "--help") == 0) {
        fputs(usage_text, o.command ? stdout : stderr);
        status = o.command ? EXIT_OK : EXIT_USAGE;
    } else if (strcmp(o.command, "check") == 0) {
        status = cmd_check(&o);
    } else if (strcmp(o.command, "json") == 0) {
        status = cmd_single(&o, "json", emit_json);
    } else if (strcmp(o.command, "html") == 0) {
        status = cmd_single(&o, "html", emit_html);
    } else if (strcmp(o.command, "build") == 0) {
        status = cmd_build(&o);
    } else if (strcmp(o.command, "explain") == 0) {
        status = cmd_explain(&o);
    } else {
        status = usage_error("unknown command '%s'", o.command);
    }
    free(o.files);
    return status;
}
