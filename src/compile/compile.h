/* compile.h - one compilation: read a source, parse it and what it imports, check it. */
#ifndef BDL_COMPILE_H
#define BDL_COMPILE_H

#include "compile/compilation.h"

void compilation_init(Compilation *c, size_t max_errors, bool werror);
/* Reads, parses and checks `path` ("-" for standard input). False on an I/O failure. */
bool compile_file(Compilation *c, const char *path);
bool compile_string(Compilation *c, const char *name, const char *text, size_t len);
/* Compiles text held in memory (an editor's buffer) as the file at `path`: its imports are
 * found from that file's directory. Diagnostics name it `name`. */
void compile_buffer(Compilation *c, const char *path, const char *name, const char *text, size_t len);
/* Parses and checks src as the file at `path` (its imports found from there, through
 * c->provider when set); src passes to the compilation. */
void compile_source_at(Compilation *c, Source *src, const char *path);
void compilation_free(Compilation *c);

#endif
