/* imports.c - resolving, reading and parsing imported files.
 *
 * A relative import is resolved against the directory of the importing file; a path that
 * starts with "std/" names a file of the shipped library. Because a spec may come from an
 * untrusted pull request and its outputs get published, an import whose real path (after
 * symbolic links) leaves the directory tree of the file named on the command line is
 * refused unless --allow-outside is given; library files must stay inside the library.
 * A file imported twice (a diamond) is read once; a cycle is reported with every link. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compile/imports.h"

#include "base/buf.h"
#include "base/makename.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "syntax/parse.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the loader knows about each source, indexed like the SourceSet. */
typedef struct FileInfo {
    char *open_path; /* the path it was opened with; NULL for standard input or a string */
    char *real;      /* its canonical path; NULL when there is none */
    const char *tree; /* the directory tree its imports must stay in */
    bool library;    /* read from the shipped library */
    const ImportDecl *via; /* the import that brought it in (NULL for the main file) */
} FileInfo;

typedef struct Loader {
    Compilation *c;
    FileInfo *files;
    size_t nfiles, capfiles;
    uint32_t *stack; /* the files being loaded, outermost first */
    size_t capstack;
    size_t depth;
    char *root;      /* the main file's directory, canonical */
    char *libdirs[3];
    char *libreal[3];
    size_t nlibdirs;
    bool libs_found;
} Loader;

static const char LIB_PREFIX[] = "std/";

char *path_normalize(const char *path)
{
    bool absolute = path[0] == '/';
    char *copy = xstrdup(path);
    const char **parts = xmalloc((strlen(path) / 2 + 2) * sizeof *parts);
    size_t n = 0;
    for (char *p = strtok(copy, "/"); p; p = strtok(NULL, "/")) {
        if (strcmp(p, ".") == 0)
            continue;
        if (strcmp(p, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0)
            n--;
        else if (strcmp(p, "..") != 0 || !absolute)
            parts[n++] = p;
    }
    Buf b = {0};
    buf_puts(&b, absolute ? "/" : "");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "/" : "", parts[i]);
    if (b.len == 0)
        buf_putc(&b, '.');
    free(parts);
    free(copy);
    return buf_take(&b);
}

/* The directory part of a path: "a/b.bdl" -> "a", "b.bdl" -> ".". The caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return str_printf("%.*s", (int)(slash - path), path);
}

static char *join(const char *dir, const char *rel)
{
    char *raw = rel[0] == '/' ? xstrdup(rel) : str_printf("%s/%s", dir, rel);
    char *norm = path_normalize(raw);
    free(raw);
    return norm;
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* `dir/written`, or `dir/written.bdl` when only that exists: the extension may be left out
 * ("std/cn/2026/functional"). *added says which. */
static char *with_extension(const char *dir, const char *written, bool *added)
{
    char *plain = join(dir, written);
    const char *base = strrchr(written, '/');
    base = base ? base + 1 : written;
    *added = false;
    if (exists(plain) || !*base || strchr(base, '.'))
        return plain;
    char *ext = str_printf("%s.bdl", plain);
    if (!exists(ext)) {
        free(ext);
        return plain;
    }
    free(plain);
    *added = true;
    return ext;
}

static bool is_inside(const char *real, const char *tree)
{
    size_t n = strlen(tree);
    if (strcmp(tree, "/") == 0)
        return true;
    return strncmp(real, tree, n) == 0 && real[n] == '/';
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Why a resolved path cannot be imported, or NULL for a regular file. Only regular files
 * are read: a FIFO would wait for a writer forever and a device (a symbolic link to
 * /dev/zero) never ends, so an untrusted spec could stall the build. */
static const char *not_a_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return NULL; /* reading it reports the error */
    return S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file (a FIFO, a device or a socket)";
}

static void add_libdir(Loader *L, char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real || !is_dir(real) || L->nlibdirs == 3) {
        free(real);
        free(dir);
        return;
    }
    L->libdirs[L->nlibdirs] = dir;
    L->libreal[L->nlibdirs++] = real;
}

/* The library: $BDL_LIB if set, then lib/ beside the executable (a build tree), then
 * ../lib/bdl beside it (an installed bdl in PREFIX/bin, its library in PREFIX/lib/bdl). */
static void find_libdirs(Loader *L)
{
    if (L->libs_found)
        return;
    L->libs_found = true;
    const char *env = getenv("BDL_LIB");
    if (env && *env)
        add_libdir(L, xstrdup(env));
    char *exe = realpath("/proc/self/exe", NULL);
    if (!exe)
        return;
    char *dir = dir_of(exe);
    add_libdir(L, str_printf("%s/lib", dir));
    add_libdir(L, str_printf("%s/../lib/bdl", dir));
    free(dir);
    free(exe);
}

static void push_file(Loader *L, FileInfo info)
{
    VEC_GROW(L->files, L->nfiles, L->capfiles);
    L->files[L->nfiles++] = info;
    VEC_GROW(L->stack, L->nfiles, L->capstack); /* room for every file at once */
}

static void push_dep(Compilation *c, const char *path)
{
    VEC_GROW(c->deps, c->ndeps, c->capdeps);
    c->deps[c->ndeps++] = xstrdup(path);
}

/* Where an import points: the path to open, the name to show, the tree it must stay in. */
typedef struct Target {
    char *open_path, *name;
    const char *tree;
    bool library;
} Target;

/* The name a library file is shown by: its path inside the library directory. A written
 * path such as "std/.." normalises to the directory itself or out of it; then it is shown
 * as written, never as this machine's path (later checks refuse it with their own code). */
static char *library_name(const char *libdir, const char *path, const char *written)
{
    size_t n = strlen(libdir);
    if (strncmp(path, libdir, n) == 0 && path[n] == '/' && path[n + 1])
        return xstrdup(path + n + 1);
    return xstrdup(written);
}

static bool find_in_library(Loader *L, const ImportDecl *d, Target *t)
{
    find_libdirs(L);
    for (size_t i = 0; i < L->nlibdirs; i++) {
        bool added;
        char *p = with_extension(L->libdirs[i], d->path, &added);
        if (exists(p)) {
            *t = (Target){p, library_name(L->libdirs[i], p, d->path), L->libreal[i], true};
            return true;
        }
        free(p);
    }
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0601", d->path_span,
                          "cannot find '%s' in the library", d->path);
    if (L->nlibdirs == 0)
        diag_note(g, "no library was found: not in $BDL_LIB, nor in lib/ or ../lib/bdl beside the bdl program");
    else
        diag_note(g, "the library has no such file; its files are listed in docs/language.md");
    return false;
}

static bool resolve_target(Loader *L, uint32_t from, const ImportDecl *d, Target *t)
{
    const FileInfo *f = &L->files[from];
    if (strncmp(d->path, LIB_PREFIX, sizeof LIB_PREFIX - 1) == 0)
        return find_in_library(L, d, t);
    char *dir = dir_of(f->open_path), *shown_dir = dir_of(L->c->sources.items[from]->name);
    bool added;
    char *open_path = with_extension(dir, d->path, &added);
    char *shown = str_printf("%s%s", d->path, added ? ".bdl" : "");
    *t = (Target){open_path, join(shown_dir, shown), f->tree, f->library};
    free(dir), free(shown_dir), free(shown);
    return true;
}

static void cannot_read(Loader *L, const ImportDecl *d, const Target *t, const char *why)
{
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0601", d->path_span, "cannot read '%s': %s",
                          t->name, why);
    diag_help(g, "the path is relative to the importing file's directory");
}

static void outside_tree(Loader *L, const ImportDecl *d, const Target *t)
{
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0604", d->path_span,
                          "import '%s' leaves the directory tree of %s", t->name,
                          t->library ? "the library" : L->c->sources.items[0]->name);
    diag_note(g, "a spec may only read files in the directory tree of the file named on the command line");
    diag_help(g, "move the file into that tree, or pass --allow-outside if you trust this spec");
}

static void import_cycle(Loader *L, const ImportDecl *d, size_t first)
{
    Buf chain = {0};
    for (size_t k = first; k < L->depth; k++)
        buf_printf(&chain, "%s → ", L->c->sources.items[L->stack[k]]->name);
    buf_puts(&chain, L->c->sources.items[L->stack[first]]->name);
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0603", d->path_span, "import cycle: %s", chain.data);
    for (size_t k = first + 1; k < L->depth; k++) {
        const ImportDecl *via = L->files[L->stack[k]].via;
        diag_label(g, via->path_span, "imports %s", L->c->sources.items[L->stack[k]]->name);
    }
    diag_help(g, "move what both files need into a third file that each imports");
    buf_free(&chain);
}

/* The index of an already loaded file with this canonical path, or -1. */
static long find_loaded(Loader *L, const char *real)
{
    for (size_t i = 0; i < L->nfiles; i++)
        if (L->files[i].real && strcmp(L->files[i].real, real) == 0)
            return (long)i;
    return -1;
}

static void load_file(Loader *L, uint32_t file);

/* Reads and parses the target of d; the target's strings pass to the file table. */
static void read_target(Loader *L, const ImportDecl *d, Target *t, char *real)
{
    const char *err = NULL;
    Source *src = source_read_named(t->open_path, t->name, &err);
    if (!src) {
        cannot_read(L, d, t, err);
        free(real), free(t->open_path), free(t->name);
        return;
    }
    Compilation *c = L->c;
    uint32_t file = sources_add(&c->sources, src);
    push_file(L, (FileInfo){t->open_path, real, t->tree, t->library, d});
    push_dep(c, t->open_path);
    free(t->name);
    parse_file(c->program, &c->sources, file, &c->arena, &c->interns, &c->diags, true);
    load_file(L, file);
}

/* For a path that does not resolve: whether its nearest existing ancestor is inside the
 * tree. A missing file outside is refused like an existing one, so diagnostics never tell
 * an untrusted spec which files exist outside its tree. */
static bool missing_inside(const char *path, const char *tree)
{
    char *dir = dir_of(path);
    char *real = realpath(dir, NULL);
    bool inside;
    if (real)
        inside = is_inside(real, tree) || strcmp(real, tree) == 0;
    else
        inside = strcmp(dir, path) == 0 || missing_inside(dir, tree);
    free(real);
    free(dir);
    return inside;
}

/* With --depfile, every file read is named in a Make rule: a name Make would misread is
 * refused before it is read, and no depfile is written (E0606). */
static bool depfile_refuses(Loader *L, const ImportDecl *d, const Target *t)
{
    const char *why = L->c->depfile ? make_name_problem(t->open_path) : NULL;
    if (!why)
        return false;
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0606", d->path_span,
                          "import '%s' cannot be named in the --depfile rule: it holds %s", t->name, why);
    diag_help(g, "rename the file (Make would read its name as something else), or build without --depfile");
    L->c->depfile_refused = true;
    return true;
}

static void import_one(Loader *L, uint32_t from, const ImportDecl *d)
{
    /* A control character (but tab) is in no name a spec needs, and cannot be shown in a
     * log or named in a Make rule safely (a line break there starts a recipe). */
    if (utf8_has_control(d->path, strlen(d->path), true)) {
        Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0605", d->path_span,
                              "import path holds a control character");
        diag_help(g, "no file a spec reads needs one in its name; rename the file");
        L->c->depfile_refused = true;
        return;
    }
    Target t;
    if (!resolve_target(L, from, d, &t))
        return;
    if (depfile_refuses(L, d, &t)) {
        free(t.open_path), free(t.name);
        return;
    }
    char *real = realpath(t.open_path, NULL);
    int why = errno;
    const char *problem = NULL;
    if (!real && !L->c->allow_outside && !missing_inside(t.open_path, t.tree))
        problem = "outside";
    else if (!real)
        problem = strerror(why);
    else if (!L->c->allow_outside && !is_inside(real, t.tree) && strcmp(real, t.tree) != 0)
        problem = "outside"; /* before the file's type: nothing is told about outside files */
    else
        problem = not_a_file(real);
    if (problem && strcmp(problem, "outside") == 0) {
        outside_tree(L, d, &t);
    } else if (problem) {
        if (real)
            diag_help(diag_report(&L->c->diags, SEV_ERROR, "E0602", d->path_span, "cannot import '%s': %s",
                                  t.name, problem),
                      is_dir(real) ? "import a .bdl file, not a directory" : "import a regular .bdl file");
        else
            cannot_read(L, d, &t, problem);
    } else {
        for (size_t k = 0; k < L->depth && !problem; k++)
            if (L->files[L->stack[k]].real && strcmp(L->files[L->stack[k]].real, real) == 0) {
                import_cycle(L, d, k);
                problem = "cycle";
            }
        if (!problem && find_loaded(L, real) < 0) {
            read_target(L, d, &t, real);
            return;
        }
    }
    free(real), free(t.open_path), free(t.name);
}

static void load_file(Loader *L, uint32_t file)
{
    L->stack[L->depth++] = file;
    const Program *p = L->c->program;
    for (uint32_t i = 0; i < p->nimports; i++) /* the list grows as files are read */
        if (p->imports[i]->span.file == file && !diags_full(&L->c->diags))
            import_one(L, file, p->imports[i]);
    L->depth--;
}

void imports_load(Compilation *c, const char *path)
{
    Loader L = {0};
    L.c = c;
    char *dir = dir_of(path);
    L.root = realpath(dir, NULL);
    free(dir);
    if (!L.root)
        L.root = xstrdup("/");
    char *real = path ? realpath(path, NULL) : NULL;
    push_file(&L, (FileInfo){path ? xstrdup(path) : NULL, real, L.root, false, NULL});
    load_file(&L, 0);
    for (size_t i = 0; i < L.nfiles; i++)
        free(L.files[i].open_path), free(L.files[i].real);
    for (size_t i = 0; i < L.nlibdirs; i++)
        free(L.libdirs[i]), free(L.libreal[i]);
    free(L.files);
    free(L.stack);
    free(L.root);
}
