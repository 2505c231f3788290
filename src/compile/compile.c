/* compile.c - the pipeline: source -> parse -> check. */
#include "compile/compile.h"

#include "base/vec.h"
#include "check/check.h"
#include "compile/imports.h"
#include "syntax/parse.h"

#include <stdlib.h>
#include <string.h>

void compilation_init(Compilation *c, size_t max_errors, bool werror)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
    interns_init(&c->interns, &c->arena);
    diags_init(&c->diags, &c->sources);
    c->diags.max_errors = max_errors;
    c->diags.werror = werror;
}

/* `path` is what the source was opened with (NULL: standard input or a string). */
void compile_source_at(Compilation *c, Source *src, const char *path)
{
    uint32_t file = sources_add(&c->sources, src);
    c->program = parse_file(NULL, &c->sources, file, &c->arena, &c->interns, &c->diags, false);
    if (path) {
        VEC_GROW(c->deps, c->ndeps, c->capdeps);
        c->deps[c->ndeps++] = xstrdup(path);
    }
    imports_load(c, path);
    check_program(c->program, &c->sema, &c->sources, &c->arena, &c->interns, &c->diags);
    diags_finish(&c->diags);
}

bool compile_file(Compilation *c, const char *path)
{
    Source *src = source_read(path, &c->read_error);
    if (!src)
        return false;
    compile_source_at(c, src, strcmp(path, "-") == 0 ? NULL : path);
    return true;
}

bool compile_string(Compilation *c, const char *name, const char *text, size_t len)
{
    compile_source_at(c, source_from_string(name, text, len), NULL);
    return true;
}

void compile_buffer(Compilation *c, const char *path, const char *name, const char *text, size_t len)
{
    compile_source_at(c, source_from_string(name, text, len), path);
}

void compilation_free(Compilation *c)
{
    for (size_t i = 0; i < c->ndeps; i++)
        free(c->deps[i]);
    free(c->deps);
    if (c->program)
        program_free(c->program);
    sema_free(&c->sema);
    diags_free(&c->diags);
    sources_free(&c->sources);
    interns_free(&c->interns);
    arena_release(&c->arena);
}
