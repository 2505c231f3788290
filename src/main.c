/* main.c - the command line: parse arguments, run the compilation, pick outputs. */
#include "compile.h"
#include "emit_json.h"
#include "output.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BDL_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct Options {
    const char *command;
    const char **files;
    int nfiles;
    const char *out;
    bool werror, quiet;
    size_t max_errors;
    const char *color;
} Options;

static const char usage_text[] =
    "usage: bdl <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE...          check specs: diagnostics, then each check's result\n"
    "  json FILE [-o OUT]     compile a spec to JSON (standard output by default)\n"
    "  help                   show this text\n"
    "\n"
    "options:\n"
    "  -o, --output OUT       write to OUT ('-' for standard output); written whole or not at all\n"
    "  --werror               treat warnings as errors\n"
    "  --max-errors N         stop after N errors (default 50, 0 for no limit)\n"
    "  -q, --quiet            print only the summary line\n"
    "  --color WHEN           auto (default), always or never; NO_COLOR turns colour off\n"
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

static void print_diagnostics(Compilation *c, const Options *o)
{
    if (!o->quiet)
        diags_render_text(&c->diags, stderr, (TextStyle){use_color(o)});
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

static int cmd_check(const Options *o)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", "check");
    int status = EXIT_OK;
    size_t errors = 0, warnings = 0;
    for (int i = 0; i < o->nfiles; i++) {
        Compilation c;
        if (!compile_one(&c, o, o->files[i])) {
            status = EXIT_USAGE;
            continue;
        }
        print_diagnostics(&c, o);
        if (!o->quiet)
            report_checks(&c, stdout);
        errors += c.diags.errors;
        warnings += c.diags.warnings;
        if (diags_failures(&c.diags) && status == EXIT_OK)
            status = EXIT_ERRORS;
        if (o->nfiles > 1 || o->quiet)
            fprintf(stderr, "%s: ", o->files[i]);
        diags_render_summary(&c.diags, stderr);
        compilation_free(&c);
    }
    (void)errors, (void)warnings;
    return status;
}

static int cmd_json(const Options *o)
{
    if (o->nfiles != 1)
        return usage_error("%s takes exactly one FILE", "json");
    Compilation c;
    if (!compile_one(&c, o, o->files[0]))
        return EXIT_USAGE;
    print_diagnostics(&c, o);
    diags_render_summary(&c.diags, stderr);
    Output out;
    const char *err = NULL;
    int status = diags_failures(&c.diags) ? EXIT_ERRORS : EXIT_OK;
    if (!output_open(&out, o->out, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", o->out, err);
        status = EXIT_USAGE;
    } else if (!emit_json(&c, out.f)) {
        output_abandon(&out);
        fprintf(stderr, "bdl: cannot write %s: write failed\n", o->out ? o->out : "standard output");
        status = EXIT_USAGE;
    } else if (!output_commit(&out, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", o->out ? o->out : "standard output", err);
        status = EXIT_USAGE;
    }
    compilation_free(&c);
    return status;
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
        status = cmd_json(&o);
    } else {
        status = usage_error("unknown command '%s'", o.command);
    }
    free(o.files);
    return status;
}
