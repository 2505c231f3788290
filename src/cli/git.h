/* git.h - files of another version of the tree, read from git's objects (bdl diff --git
 * REV FILE): the file itself, and the files it imports, as they were at REV. */
#ifndef BDL_GIT_H
#define BDL_GIT_H

#include "compile/compilation.h"

#include <stddef.h>

/* The blob at REV:./PATH (`git cat-file blob`, run without a shell), up to 1 GiB; NULL with
 * *err set when git has no such file at REV (or fails). The caller frees the text. */
char *git_blob(const char *rev, const char *path, size_t *len, const char **err);

/* A provider that reads imports at `rev` (which must outlive it). */
SourceProvider git_provider(const char *rev);

#endif
