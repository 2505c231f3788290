/* output.h - writing output files whole or not at all: a temporary file in the same
 * directory, flushed and renamed over the target only when everything was written. */
#ifndef BDL_OUTPUT_H
#define BDL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct Output {
    FILE *f;
    char *path; /* NULL for standard output */
    char *tmp;
    /* Asked once everything is written, right before the rename: false (with *err set)
     * leaves the target untouched (bdl fmt -w: the file changed since it was read). */
    bool (*may_replace)(const void *ctx, const char **err);
    const void *may_replace_ctx;
} Output;

/* path "-" or NULL: standard output. On failure returns false with *err set. */
bool output_open(Output *o, const char *path, const char **err);
/* Flushes and renames into place; false (and the target untouched) on any write error. */
bool output_commit(Output *o, const char **err);
void output_abandon(Output *o);
/* Gives the pending file the owner, group and permissions of `like` (rewriting a file in
 * place); false (with *err set) when the owner and group cannot be kept. */
bool output_keep_attributes(Output *o, const char *like, const char **err);

#endif
