/* paths.h - where a path leads, for the import loader's confinement: lexical joining, and
 * the canonical form of a path whether or not it exists, so that whether an import stays in
 * its tree is decided before (and without) telling whether the file is there. Every string
 * returned is the caller's to free. */
#ifndef BDL_PATHS_H
#define BDL_PATHS_H

#include <stdbool.h>

/* "a/./b/../c.bdl" -> "a/c.bdl", lexically (no file system access). */
char *path_normalize(const char *path);
/* The directory part: "a/b.bdl" -> "a", "b.bdl" -> ".", NULL -> ".". */
char *path_dir(const char *path);
/* dir/rel normalised, or rel alone when it is absolute. */
char *path_join(const char *dir, const char *rel);

/* `path` made absolute from the working directory and normalised, lexically (for a tree
 * that is not on this disk: another version of it in git). */
char *path_absolute(const char *path);

/* The canonical path of `path` (absolute, without ".", ".." or symbolic links) like
 * realpath(3), except that a part that does not exist, or the target of a dangling link,
 * is taken as written: where a path points is known whether or not it exists. *exists says
 * whether all of it does. NULL (errno set) when that cannot be worked out: a path longer
 * than PATH_MAX, more than 40 links, a directory that cannot be searched. */
char *path_canonical(const char *path, bool *exists);
/* Whether canonical path `real` is `tree` or lies under it, compared by whole parts. */
bool path_within(const char *real, const char *tree);

#endif
