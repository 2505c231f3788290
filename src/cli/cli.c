/* cli.c - helpers shared by the commands: reading, diagnostics, atomic outputs. */
#include "cli/cli.h"

#include "base/makename.h"
#include "base/show.h"
#include "base/output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = str_vprintf(fmt, ap);
    va_end(ap);
    Buf shown = {0};
    buf_puts(&shown, "");
    show_str(&shown, text);
    fprintf(stderr, "%s\n", shown.data);
    buf_free(&shown);
    free(text);
}

int usage_error(const char *fmt, const char *arg)
{
    char *what = str_printf(fmt, arg);
    cli_say("bdl: %s", what);
    free(what);
    fputs("run 'bdl help' for usage\n", stderr);
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
    c->depfile = o->depfile != NULL;
    if (compile_file(c, path))
        return true;
    cli_say("bdl: cannot read %s: %s", path, c->read_error);
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

/* The input that `path` is (that very file: a link to it would be replaced, not written
 * through), or NULL. Writing it would destroy the spec (bdl json s.bdl -o s.bdl). */
static const char *input_at(const Compilation *c, const char *path)
{
    struct stat st;
    if (!path || strcmp(path, "-") == 0 || lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    for (size_t i = 0; i < c->sources.n; i++) {
        const SourceStamp *s = &c->sources.items[i]->stamp;
        if (s->regular && s->dev == (uint64_t)st.st_dev && s->ino == (uint64_t)st.st_ino)
            return c->sources.items[i]->name;
    }
    return NULL;
}

/* False (after a message) when path is one of c's inputs. */
static bool not_an_input(const Compilation *c, const char *path)
{
    const char *input = input_at(c, path);
    if (input)
        cli_say("bdl: cannot write %s: it is the input %s; write the output to another file", path,
                input);
    return !input;
}

static int write_product(Compilation *c, const Product *what, const char *path)
{
    Output out;
    const char *err = NULL, *name = path ? path : "standard output";
    if (!not_an_input(c, path))
        return EXIT_USAGE;
    if (!output_open(&out, path, &err)) {
        cli_say("bdl: cannot write %s: %s", name, err);
        return EXIT_USAGE;
    }
    errno = 0;
    if (!produce(c, what, out.f)) {
        int saved = errno;
        output_abandon(&out);
        cli_say("bdl: cannot write %s: %s", name, saved ? strerror(saved) : "write failed");
        return EXIT_USAGE;
    }
    if (!output_commit(&out, &err)) {
        cli_say("bdl: cannot write %s: %s", name, err);
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

/* Appends `path` in Make syntax; false (after saying why) when Make cannot read it back. */
static bool make_name(Buf *out, const char *path, bool target, const char *depfile)
{
    if (make_name_write(out, path, target))
        return true;
    const char *why = make_name_problem(path);
    cli_say("bdl: cannot write %s: Make cannot read back the name '%s' (%s)", depfile, path,
            why ? why : "its absolute form cannot be written either");
    return false;
}

bool depfile_rule(Buf *out, const char *const *targets, size_t ntargets, const Compilation *c, const char *depfile)
{
    if (!not_an_input(c, depfile))
        return false;
    if (c->depfile_refused) {
        cli_say("bdl: cannot write %s: an import's name cannot be written in a Make rule (E0605, E0606)", depfile);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < ntargets && ok; i++) {
        buf_puts(out, i ? " " : "");
        ok = make_name(out, targets[i], true, depfile);
    }
    buf_putc(out, ':');
    for (size_t i = 0; i < c->ndeps && ok; i++) {
        buf_puts(out, " \\\n  ");
        ok = make_name(out, c->deps[i], false, depfile);
    }
    buf_putc(out, '\n');
    /* Like gcc -MP: a removed import must not stop make before bdl can report it. */
    for (size_t i = 1; i < c->ndeps && ok; i++) {
        buf_putc(out, '\n');
        ok = make_name(out, c->deps[i], true, depfile);
        buf_puts(out, ":\n");
    }
    return ok;
}

int write_text(const char *path, const char *text, size_t len, const char *like)
{
    Output out;
    const char *err = NULL, *name = path && strcmp(path, "-") != 0 ? path : "standard output";
    if (!output_open(&out, path, &err)) {
        cli_say("bdl: cannot write %s: %s", name, err);
        return EXIT_USAGE;
    }
    if (like && !output_keep_attributes(&out, like, &err)) {
        output_abandon(&out);
        cli_say("bdl: cannot write %s: %s", name, err);
        return EXIT_USAGE;
    }
    if (fwrite(text, 1, len, out.f) != len) {
        output_abandon(&out);
        cli_say("bdl: cannot write %s: %s", name, strerror(errno));
        return EXIT_USAGE;
    }
    if (!output_commit(&out, &err)) {
        cli_say("bdl: cannot write %s: %s", name, err);
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
