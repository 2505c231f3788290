/* cli.c - helpers shared by the commands: reading, diagnostics, atomic outputs. */
#include "cli/cli.h"

#include "base/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int usage_error(const char *fmt, const char *arg)
{
    fputs("bdl: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nrun 'bdl help' for usage\n", stderr);
    return EXIT_USAGE;
}

/* Colour on a terminal only, never with NO_COLOR or TERM=dumb, unless --color says so. */
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

bool compile_one(Compilation *c, const Options *o, const char *path)
{
    compilation_init(c, o->max_errors, o->werror);
    c->allow_outside = o->allow_outside;
    if (compile_file(c, path))
        return true;
    fprintf(stderr, "bdl: cannot read %s: %s\n", path, c->read_error);
    compilation_free(c);
    return false;
}

void begin_diagnostics(const Options *o, DiagOutput *d, bool product_on_stdout)
{
    bool to_stdout = o->format != DIAG_TEXT && !product_on_stdout;
    diag_output_begin(d, o->format, to_stdout ? stdout : stderr, (TextStyle){use_color(o)}, o->quiet);
}

/* What one output file holds: a document of the file's budgets (or of one), or a table. */
typedef struct Product {
    Emitter emit;
    TableEmitter table;
    const Budget *budget;
    const Item *group;
} Product;

static bool produce(Compilation *c, const Product *what, FILE *f)
{
    return what->table ? what->table(c, what->budget, what->group, f) : what->emit(c, what->budget, f);
}

static int write_product(Compilation *c, const Product *what, const char *path)
{
    Output out;
    const char *err = NULL, *name = path ? path : "standard output";
    if (!output_open(&out, path, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, err);
        return EXIT_USAGE;
    }
    errno = 0;
    if (!produce(c, what, out.f)) {
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

int write_output(Compilation *c, const Budget *only, Emitter emit, const char *path)
{
    return write_product(c, &(Product){.emit = emit, .budget = only}, path);
}

int write_table_output(Compilation *c, const Budget *b, const Item *group, TableEmitter emit, const char *path)
{
    return write_product(c, &(Product){.table = emit, .budget = b, .group = group}, path);
}

/* A path as Make reads it: spaces and '#' escaped, '$' doubled. */
static void make_path(Buf *out, const char *path)
{
    for (const char *p = path; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\')
            buf_putc(out, '\\');
        if (*p == '$')
            buf_putc(out, '$');
        buf_putc(out, *p);
    }
}

void depfile_rule(Buf *out, const char *const *targets, size_t ntargets, const Compilation *c)
{
    for (size_t i = 0; i < ntargets; i++) {
        buf_puts(out, i ? " " : "");
        make_path(out, targets[i]);
    }
    buf_putc(out, ':');
    for (size_t i = 0; i < c->ndeps; i++) {
        buf_puts(out, " \\\n  ");
        make_path(out, c->deps[i]);
    }
    buf_putc(out, '\n');
    /* Like gcc -MP: a removed import must not stop make before bdl can report it. */
    for (size_t i = 1; i < c->ndeps; i++) {
        buf_putc(out, '\n');
        make_path(out, c->deps[i]);
        buf_puts(out, ":\n");
    }
}

int write_text(const char *path, const char *text, size_t len, const char *like)
{
    Output out;
    const char *err = NULL, *name = path && strcmp(path, "-") != 0 ? path : "standard output";
    if (!output_open(&out, path, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, err);
        return EXIT_USAGE;
    }
    if (like)
        output_copy_mode(&out, like);
    if (fwrite(text, 1, len, out.f) != len) {
        output_abandon(&out);
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, strerror(errno));
        return EXIT_USAGE;
    }
    if (!output_commit(&out, &err)) {
        fprintf(stderr, "bdl: cannot write %s: %s\n", name, err);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int write_depfile(const Options *o, const Buf *rules)
{
    if (!o->depfile || !rules->data)
        return EXIT_OK;
    return write_text(o->depfile, rules->data, rules->len, NULL);
}
