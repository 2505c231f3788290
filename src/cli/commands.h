/* commands.h - the one table of commands, and of the formats a checked budget is written
 * in. The dispatcher (main.c), `bdl build` and `bdl help` read it: a new output format
 * touches its emitter, its test and one row here. */
#ifndef BDL_COMMANDS_H
#define BDL_COMMANDS_H

#include "cli/cli.h"

/* A format a compiled budget can be written in. */
typedef struct OutputFormat {
    const char *name;   /* also its command and its file extension: "json" */
    Emitter emit;       /* one document of the file's budgets (or of one: bdl build) */
    TableEmitter table; /* instead: one file per table of each budget (csv) */
    bool built;         /* written by `bdl build` for every budget */
    bool binary;        /* not text: never written to a terminal */
} OutputFormat;

typedef struct Command Command;
struct Command {
    const char *name;
    const char *synopsis; /* "json FILE [-o OUT]" */
    const char *help;     /* one line */
    int (*run)(const Options *o, const Command *self);
    const OutputFormat *format; /* the format a writing command writes, else NULL */
};

extern const Command commands[];
extern const size_t ncommands;
extern const OutputFormat output_formats[];
extern const size_t noutput_formats;

/* The command called `name`, or NULL. */
const Command *command_find(const char *name);
/* What `bdl help` prints: the commands of the table, one line each, and the options. */
void usage_write(FILE *out);

int cmd_check(const Options *o, const Command *self);
/* json, html, ...: one file in, one document of self->format out. */
int cmd_write(const Options *o, const Command *self);
int cmd_build(const Options *o, const Command *self);
/* csv: one file per table of every budget, into a directory. */
int cmd_tables(const Options *o, const Command *self);
int cmd_explain(const Options *o, const Command *self);
int cmd_fmt(const Options *o, const Command *self);
int cmd_diff(const Options *o, const Command *self);
int cmd_lsp(const Options *o, const Command *self);
int cmd_import(const Options *o, const Command *self);
int cmd_help(const Options *o, const Command *self);

#endif
