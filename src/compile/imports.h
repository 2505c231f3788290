/* imports.h - `import "path"`: finding, reading and parsing imported files into the
 * compilation's program, with the checks that keep a spec to the files it may read. */
#ifndef BDL_IMPORTS_H
#define BDL_IMPORTS_H

#include "compile/compilation.h"

/* Loads every file that the main file (the first source) imports, directly or not.
 * `path` is the path the main file was opened with, or NULL for standard input and
 * strings (imports are then relative to the working directory). */
void imports_load(Compilation *c, const char *path);

#endif
