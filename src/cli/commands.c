/* commands.c - the table of commands and output formats, and the commands that compile
 * and write: check, json, html, xlsx, build, csv, explain. */
#include "cli/commands.h"

#include "base/buf.h"
#include "base/map.h"
#include "base/utf8.h"
#include "cli/manual.h"
#include "diag/explain.h"
#include "emit/check_report.h"
#include "emit/csv.h"
#include "emit/html.h"
#include "emit/json.h"
#include "emit/layout.h"
#include "emit/xlsx.h"
#include "emit/ledger.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    if (o->format == DIAG_SARIF)
        diag_output_ledgers(d, ledgers_sarif(c));
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
    if (self->format->binary && to_stdout && isatty(STDOUT_FILENO))
        return usage_error("%s writes a binary file: give -o OUT, or send standard output to a file or pipe",
                           command);
    if (o->depfile && to_stdout)
        return usage_error("--depfile needs -o OUT, the target of its rule (%s)", command);
    Compilation c;
    if (!compile_one(&c, o, o->files[0]))
        return EXIT_USAGE;
    DiagOutput d;
    begin_diagnostics(o, &d, to_stdout);
    diag_output_add(&d, &c.diags, NULL);
    if (o->format == DIAG_SARIF)
        diag_output_ledgers(&d, ledgers_sarif(&c));
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

/* The paths a command writing into a directory has written, for --depfile. */
typedef struct Written {
    char **paths;
    size_t n, cap;
} Written;

/* Writes one file of the directory's and says so; its path is kept (and taken over). */
static int wrote(Written *w, char *path, int status)
{
    if (status == EXIT_OK)
        cli_say("wrote %s", path);
    VEC_GROW(w->paths, w->n, w->cap);
    w->paths[w->n++] = path;
    return status;
}

/* bdl build: DIR/<id>.json, DIR/<id>.html, ... for every format `bdl build` writes. */
static int format_files(Compilation *c, const Budget *b, const char *dir, Written *w)
{
    int status = EXIT_OK;
    for (size_t k = 0; k < noutput_formats; k++) {
        const OutputFormat *f = &output_formats[k];
        if (!f->built)
            continue;
        char *path = str_printf("%s/%s.%s", dir, b->id, f->name);
        if (wrote(w, path, write_output(c, b, f->emit, path)) != EXIT_OK)
            status = EXIT_USAGE;
    }
    return status;
}

/* An ID as a file name: letters, digits and '_' (and any visible non-ASCII character, so
 * that Chinese IDs stay readable); anything else, a zero-width or control character among
 * them, becomes '_'. An ID has no '.' or '/', so BUDGET.TABLE cannot be misread. */
static void safe_name(Buf *out, const char *id)
{
    const unsigned char *s = (const unsigned char *)id;
    size_t n = strlen(id);
    for (size_t i = 0; i < n;) {
        uint32_t cp = s[i];
        size_t len = s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
        bool keep = len > 1 ? utf8_cp_width(cp) > 0 : len == 1 && (isalnum(s[i]) || s[i] == '_');
        if (keep)
            buf_put(out, id + i, len);
        else
            buf_putc(out, '_');
        i += len ? len : 1;
    }
}

/* "BUDGET.TABLE", made unique among the budget's files with -2, -3 ... (a group named
 * `items` beside the stand-alone items, two IDs that differ only where safe_name changed
 * them); `taken` holds the names given, interned. */
static const char *table_file_name(Compilation *c, Map *taken, const Budget *b, const Item *group)
{
    Buf base = {0};
    safe_name(&base, b->id);
    buf_putc(&base, '.');
    safe_name(&base, group ? group->id : "items");
    const char *name = intern(&c->interns, base.data, base.len);
    for (unsigned k = 2; map_get(taken, name, NULL); k++) {
        char *again = str_printf("%s-%u", base.data, k);
        name = intern(&c->interns, again, strlen(again));
        free(again);
    }
    map_put(taken, name, NULL, (void *)name);
    buf_free(&base);
    return name;
}

/* bdl csv: DIR/<budget>.<table>.csv for every table of the budget (emit/layout.h). */
static int table_files(Compilation *c, const Budget *b, const OutputFormat *f, const char *dir, Written *w)
{
    uint32_t n;
    const Item **tables = layout_tables(b, &n);
    Map taken = {0};
    int status = EXIT_OK;
    for (uint32_t i = 0; i < n; i++) {
        char *path = str_printf("%s/%s.%s", dir, table_file_name(c, &taken, b, tables[i]), f->name);
        if (wrote(w, path, write_table_output(c, b, tables[i], f->table, path)) != EXIT_OK)
            status = EXIT_USAGE;
    }
    map_free(&taken);
    free(tables);
    return status;
}

/* A command that writes files into a directory: build (format NULL: every built format)
 * or a format with one file per table (csv); rules collects --depfile's Make rules, and
 * refused says one name in them cannot be written so that Make reads it back. */
typedef struct DirRun {
    const OutputFormat *format;
    Buf rules;
    bool refused;
} DirRun;

/* Writes the files of each budget of c; says what it wrote and, for --depfile, adds a rule
 * with the files written as targets. */
static int dir_outputs(Compilation *c, const Options *o, const char *dir, DirRun *run)
{
    Written w = {0};
    int status = EXIT_OK;
    Map seen = {0};
    for (uint32_t i = 0; i < c->program->nbudgets; i++) {
        const Budget *b = c->program->budgets[i];
        if (map_first(&seen, c, b->id, (void *)b))
            continue; /* E0309 was reported; its files would overwrite the first one's */
        int st = run->format ? table_files(c, b, run->format, dir, &w) : format_files(c, b, dir, &w);
        if (st != EXIT_OK)
            status = st;
    }
    map_free(&seen);
    if (o->depfile && !run->refused && (w.n || c->depfile_refused) &&
        !depfile_rule(&run->rules, (const char *const *)w.paths, w.n, c, o->depfile))
        run->refused = true; /* one name Make cannot read spoils the rules of every file */
    for (size_t i = 0; i < w.n; i++)
        free(w.paths[i]);
    free(w.paths);
    return status;
}

static int dir_step(Compilation *c, const Options *o, const char *file, DiagOutput *d, void *ctx)
{
    diag_output_add(d, &c->diags, o->nfiles > 1 ? file : NULL);
    if (o->format == DIAG_SARIF)
        diag_output_ledgers(d, ledgers_sarif(c));
    int status = dir_outputs(c, o, o->out ? o->out : "out", ctx);
    if (status == EXIT_OK)
        status = failures(c);
    compilation_free(c);
    return status;
}

/* DIR (default out/) is created if missing, its parents are not. */
static int dir_command(const Options *o, const char *command, const OutputFormat *format)
{
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE", command);
    const char *dir = o->out ? o->out : "out";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_say("bdl: cannot create %s: %s", dir, strerror(errno));
        return EXIT_USAGE;
    }
    DirRun run = {.format = format};
    int status = each_file(o, dir_step, &run);
    int deps = run.refused ? EXIT_USAGE : write_depfile(o, &run.rules);
    buf_free(&run.rules);
    return deps != EXIT_OK ? deps : status;
}

int cmd_build(const Options *o, const Command *self)
{
    (void)self;
    return dir_command(o, "build", NULL);
}

int cmd_tables(const Options *o, const Command *self)
{
    return dir_command(o, self->name, self->format);
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
    {"json", emit_json, NULL, true, false},
    {"html", emit_html, NULL, true, false},
    {"csv", NULL, emit_csv_table, false, false},
    {"xlsx", emit_xlsx, NULL, false, true},
};
const size_t noutput_formats = sizeof output_formats / sizeof output_formats[0];

const Command commands[] = {
    {"check", "check FILE...", "check specs: diagnostics, then each check's result", cmd_check, NULL},
    {"json", "json FILE [-o OUT]", "compile a spec to JSON (standard output by default)", cmd_write,
     &output_formats[0]},
    {"html", "html FILE [-o OUT]", "compile a spec to a self-contained HTML page", cmd_write, &output_formats[1]},
    {"xlsx", "xlsx FILE -o OUT", "compile a spec to an Excel workbook, totals as live formulas", cmd_write,
     &output_formats[3]},
    {"build", "build FILE... [-o DIR]", "write DIR/<budget-id>.json and .html for every budget (default out/)",
     cmd_build, NULL},
    {"csv", "csv FILE... [-o DIR]", "write DIR/<budget-id>.<table>.csv for every table (default out/)", cmd_tables,
     &output_formats[2]},
    {"fmt", "fmt FILE...", "print the canonical layout (-w rewrite, --check, --diff)", cmd_fmt, NULL},
    {"diff", "diff OLD NEW", "what changed in budget terms (--git REV FILE, --format text|markdown|json)", cmd_diff,
     NULL},
    {"import", "import TABLE [-o OUT]", "a workbook (.xlsx, .xls) or CSV to a spec (--rules FILE, --dry-run, --into SPEC)",
     cmd_import, NULL},
    {"explain", "explain CODE", "explain a diagnostic code, e.g. bdl explain E0406", cmd_explain, NULL},
    {"lsp", "lsp", "the language server for editors, on standard input and output", cmd_lsp, NULL},
    {"help", "help [COMMAND]", "show this text, or COMMAND's section of the manual", cmd_help, NULL},
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

/* bdl help: the usage text; bdl help COMMAND: the command's section of the manual. */
int cmd_help(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles == 0) {
        usage_write(stdout);
        return EXIT_OK;
    }
    Buf text = {0};
    int status = EXIT_OK;
    if (o->nfiles > 1 || !command_find(o->files[0])) {
        buf_printf(&text, "%s '%s'; the commands are", o->nfiles > 1 ? "help takes one COMMAND, not" : "no command",
                   o->nfiles > 1 ? o->files[1] : o->files[0]);
        for (size_t i = 0; i < ncommands; i++)
            buf_printf(&text, "%s %s", i ? "," : "", commands[i].name);
        status = usage_error("%s", text.data);
    } else if (!manual_section(o->files[0], &text)) {
        fprintf(stderr, "bdl: the manual has no section on '%s'\n", o->files[0]);
        status = EXIT_USAGE;
    } else {
        fputs(text.data, stdout);
    }
    buf_free(&text);
    return status;
}
