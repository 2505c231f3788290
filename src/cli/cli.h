/* cli.h - what the command line asked for, and the helpers every command shares. */
#ifndef BDL_CLI_H
#define BDL_CLI_H

#include "base/buf.h"
#include "compile/compile.h"
#include "diag/output.h"

#include <stdbool.h>
#include <stdio.h>

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
    bool write, check, diff; /* fmt: -w, --check, --diff */
    const char *git_rev;     /* diff: --git REV */
    const char *diff_format; /* diff: --format text|markdown|json */
    bool allow_outside;      /* imports may leave the main file's directory tree */
    const char *depfile;     /* json, html, build: write Make dependencies here */
    const char *rules;       /* import: --rules FILE */
    const char *into;        /* import: --into SPEC */
    bool dry_run;            /* import: --dry-run */
} Options;

typedef bool (*Emitter)(Compilation *c, const Budget *only, FILE *out);
/* One table of budget b (a top-level group, or NULL for its stand-alone items). */
typedef bool (*TableEmitter)(Compilation *c, const Budget *b, const Item *group, FILE *out);

int usage_error(const char *fmt, const char *arg);
/* A line on standard error, with what it quotes of the input (file names, names) written
 * escaped: a control character in a file name cannot act on a terminal or a log (show.h). */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends "TARGETS: SOURCES" (and an empty rule per imported file) in Make syntax; false
 * (after a message naming `depfile`) when a name cannot be written so that Make reads it
 * back, or when an import was refused for that (E0606): then no depfile may be written. */
bool depfile_rule(Buf *out, const char *const *targets, size_t ntargets, const Compilation *c, const char *depfile);
/* Writes len bytes of text to path (NULL or "-": standard output), whole or not at all,
 * with the owner, group and permissions of the file `like` when it is not NULL (a file
 * rewritten in place); a failure is said on standard error and returns EXIT_USAGE. */
int write_text(const char *path, const char *text, size_t len, const char *like);
/* Writes the collected rules to o->depfile, whole or not at all. */
int write_depfile(const Options *o, const Buf *rules);
/* Compiles one file; false (after a message on standard error) when it cannot be read. */
bool compile_one(Compilation *c, const Options *o, const char *path);
/* Text diagnostics go to standard error; machine formats to standard output unless the
 * command's own product is there. */
void begin_diagnostics(const Options *o, DiagOutput *d, bool product_on_stdout);
/* Writes one output whole or not at all; path NULL or "-" is standard output. */
int write_output(Compilation *c, const Budget *only, Emitter emit, const char *path);
/* The same for one table of budget b. */
int write_table_output(Compilation *c, const Budget *b, const Item *group, TableEmitter emit, const char *path);

#endif
