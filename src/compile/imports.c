/* imports.c - resolving, reading and parsing imported files.
 *
 * A relative import is resolved against the directory of the importing file; a path that
 * starts with "std/" names a file of the shipped library. Because a spec may come from an
 * untrusted pull request and its outputs get published, an import whose real path (after
 * symbolic links) leaves the directory tree of the file named on the command line is
 * refused unless --allow-outside is given; library files must stay inside the library.
 * Where a path leads is worked out (compile/paths.h) before anything else is said about
 * it, and when it cannot be (a path beyond PATH_MAX), the import is refused: the check
 * fails closed. A file imported twice (a diamond) is read once; a cycle is reported with
 * every link. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compile/imports.h"

#include "base/buf.h"
#include "base/makename.h"
#include "base/map.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "compile/paths.h"
#include "syntax/parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What the loader knows about each source, indexed like the SourceSet. */
typedef struct FileInfo {
    char *open_path; /* the path it was opened with; NULL for standard input or a string */
    char *real;      /* its canonical path; NULL when there is none */
    const char *tree; /* the directory tree its imports must stay in; NULL: unknown, so none may */
    bool library;    /* read from the shipped library */
    const ImportDecl *via; /* the import that brought it in (NULL for the main file) */
    bool loading;    /* on the stack, at stack[frame]: importing it again is a cycle */
    size_t frame;
} FileInfo;

/* A file being loaded: its imports are program->imports[next, end) (a file's imports are
 * appended together when it is parsed). */
typedef struct Frame {
    uint32_t file, next, end;
} Frame;

/* Import chains may be this deep: the loader keeps its own stack, so no input can make
 * it recurse, and no real spec needs more than a few levels. */
enum { MAX_IMPORT_DEPTH = 100 };

typedef struct Loader {
    Compilation *c;
    FileInfo *files;
    size_t nfiles, capfiles;
    Frame stack[MAX_IMPORT_DEPTH]; /* the files being loaded, outermost first */
    size_t depth;
    char *root;      /* the main file's directory, canonical; NULL when it cannot be resolved */
    int root_error;  /* then why (an errno) */
    char *libdirs[3];
    char *libreal[3];
    size_t nlibdirs;
    bool libs_found;
    Map by_real;  /* (loader, interned canonical path) -> 1 + index in files */
    Map resolved; /* (tree or library, interned path as joined) -> 1 + index in files */
} Loader;

static const char LIB_PREFIX[] = "std/";

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
    char *dir = path_dir(exe);
    add_libdir(L, str_printf("%s/lib", dir));
    add_libdir(L, str_printf("%s/../lib/bdl", dir));
    free(dir);
    free(exe);
}

static void push_file(Loader *L, FileInfo info)
{
    VEC_GROW(L->files, L->nfiles, L->capfiles);
    L->files[L->nfiles++] = info;
}

static void push_dep(Compilation *c, const char *path)
{
    VEC_GROW(c->deps, c->ndeps, c->capdeps);
    c->deps[c->ndeps++] = xstrdup(path);
}

/* Where an import points: the path to open, the name to show, the tree it must stay in;
 * and where the path leads (path_canonical), worked out before anything is said about it. */
typedef struct Target {
    char *open_path, *name;
    const char *tree;
    bool library;
    char *real;  /* canonical; NULL when that cannot be worked out (then `error`) */
    bool exists; /* all of it exists */
    int error;
    Source *src;     /* read already, from the compilation's provider */
    const char *why; /* the provider's reason when it has no such file */
} Target;

/* With a provider (another version of the tree), paths are taken as written (its files
 * are not on this disk), and a file exists when the provider can read it. */
static void locate(Loader *L, Target *t)
{
    free(t->real);
    const SourceProvider *p = L->c->provider;
    if (!p || t->library) {
        t->real = path_canonical(t->open_path, &t->exists);
        t->error = t->real ? 0 : errno;
        return;
    }
    t->real = path_absolute(t->open_path);
    source_free(t->src);
    t->src = p->read(p, t->open_path, t->name ? t->name : t->open_path, &t->why);
    t->exists = t->src != NULL;
}

static void target_free(Target *t)
{
    free(t->open_path), free(t->name), free(t->real);
    source_free(t->src);
}

static bool inside_tree(const Target *t)
{
    return t->real && t->tree && path_within(t->real, t->tree);
}

/* "x" that does not exist may mean "x.bdl" (std/cn/2026/functional). That is looked for
 * only once the path is known to stay in its tree, so that a spec is told nothing about
 * which files exist outside it. */
static void add_extension(Loader *L, Target *t, const char *written)
{
    const char *base = strrchr(written, '/');
    base = base ? base + 1 : written;
    if (t->exists || !*base || strchr(base, '.') || !(L->c->allow_outside || inside_tree(t)))
        return;
    Target ext = {str_printf("%s.bdl", t->open_path), str_printf("%s.bdl", t->name), t->tree, t->library,
                  NULL, false, 0, NULL, NULL};
    locate(L, &ext);
    if (!ext.exists) {
        target_free(&ext);
        return;
    }
    target_free(t);
    *t = ext;
}

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

/* The library directory that has the file, or the first one when the path leaves the
 * library (refused later, whether or not the file exists). */
static bool find_in_library(Loader *L, const ImportDecl *d, Target *t)
{
    find_libdirs(L);
    for (size_t i = 0; i < L->nlibdirs; i++) {
        char *path = path_join(L->libdirs[i], d->path);
        *t = (Target){path, library_name(L->libdirs[i], path, d->path), L->libreal[i], true, NULL, false, 0,
                      NULL, NULL};
        locate(L, t);
        add_extension(L, t, d->path);
        if (t->exists || !inside_tree(t))
            return true;
        target_free(t);
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
    char *dir = path_dir(f->open_path), *shown_dir = path_dir(L->c->sources.items[from]->name);
    *t = (Target){path_join(dir, d->path), path_join(shown_dir, d->path), f->tree, f->library, NULL, false, 0,
                  NULL, NULL};
    free(dir), free(shown_dir);
    locate(L, t);
    add_extension(L, t, d->path);
    return true;
}

static void cannot_read(Loader *L, const ImportDecl *d, const Target *t, const char *why)
{
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0601", d->path_span, "cannot read '%s': %s",
                          t->name, why);
    diag_help(g, "the path is relative to the importing file's directory");
}

/* Also when it cannot be told (a path or the tree that cannot be resolved): the import is
 * refused then too, never allowed for want of an answer. */
static void outside_tree(Loader *L, const ImportDecl *d, const Target *t)
{
    const char *tree = t->library ? "the library" : L->c->sources.items[0]->name;
    Diag *g = t->real && t->tree
                  ? diag_report(&L->c->diags, SEV_ERROR, "E0604", d->path_span,
                                "import '%s' leaves the directory tree of %s", t->name, tree)
                  : diag_report(&L->c->diags, SEV_ERROR, "E0604", d->path_span,
                                "import '%s' cannot be shown to stay in the directory tree of %s", t->name, tree);
    if (!t->tree)
        diag_note(g, "the directory of %s cannot be resolved (%s)", tree, strerror(L->root_error));
    else if (!t->real)
        diag_note(g, "its path cannot be resolved (%s)", strerror(t->error));
    diag_note(g, "a spec may only read files in the directory tree of the file named on the command line");
    diag_help(g, "move the file into that tree, or pass --allow-outside if you trust this spec");
}

static void import_cycle(Loader *L, const ImportDecl *d, size_t first)
{
    Buf chain = {0};
    for (size_t k = first; k < L->depth; k++)
        buf_printf(&chain, "%s → ", L->c->sources.items[L->stack[k].file]->name);
    buf_puts(&chain, L->c->sources.items[L->stack[first].file]->name);
    Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0603", d->path_span, "import cycle: %s", chain.data);
    for (size_t k = first + 1; k < L->depth; k++) {
        const ImportDecl *via = L->files[L->stack[k].file].via;
        diag_label(g, via->path_span, "imports %s", L->c->sources.items[L->stack[k].file]->name);
    }
    diag_help(g, "move what both files need into a third file that each imports");
    buf_free(&chain);
}

/* The file with this canonical path, or -1 when none was read. */
static long find_loaded(Loader *L, const char *real)
{
    const char *key = intern(&L->c->interns, real, strlen(real));
    return (long)(uintptr_t)map_get(&L->by_real, L, key) - 1;
}

/* Whether file `known` (-1: none) is being loaded, so that importing it again closes a
 * cycle: reported. */
static bool closes_cycle(Loader *L, const ImportDecl *d, long known)
{
    if (known < 0 || !L->files[known].loading)
        return false;
    import_cycle(L, d, L->files[known].frame);
    return true;
}

/* Starts loading `file`: its imports are those added since `first`. */
static void push_frame(Loader *L, uint32_t file, uint32_t first)
{
    L->files[file].loading = true;
    L->files[file].frame = L->depth;
    L->stack[L->depth++] = (Frame){file, first, L->c->program->nimports};
    const char *real = L->files[file].real;
    if (real)
        map_put(&L->by_real, L, intern(&L->c->interns, real, strlen(real)), (void *)(uintptr_t)(file + 1));
}

/* Reads and parses the target of d, which becomes the innermost file being loaded; the
 * target's strings pass to the file table. Returns the file's index, or -1. */
static long read_target(Loader *L, const ImportDecl *d, Target *t)
{
    if (L->depth == MAX_IMPORT_DEPTH) {
        Diag *g = diag_report(&L->c->diags, SEV_ERROR, "E0607", d->path_span, "imports nest more than %d deep",
                              MAX_IMPORT_DEPTH);
        diag_help(g, "import the shared declarations from fewer levels of files; '%s' is not read", t->name);
        target_free(t);
        return -1;
    }
    const char *err = NULL;
    Source *src = t->src                ? t->src
                  : L->c->read_import   ? L->c->read_import(L->c->read_import_ctx, t->real, t->name, &err)
                                        : source_read_named(t->open_path, t->name, &err);
    t->src = NULL; /* it passes to the source set */
    if (!src) {
        cannot_read(L, d, t, err);
        target_free(t);
        return -1;
    }
    Compilation *c = L->c;
    uint32_t file = sources_add(&c->sources, src), first = c->program->nimports;
    push_file(L, (FileInfo){t->open_path, t->real, t->tree, t->library, d, false, 0});
    push_dep(c, t->open_path);
    free(t->name);
    parse_file(c->program, &c->sources, file, &c->arena, &c->interns, &c->diags, true);
    push_frame(L, file, first);
    return file;
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

/* What an import is known by once resolved: the path as joined from the importing file's
 * directory (as written, for the library), in the tree it must stay in. NULL when that
 * tree is unknown. The key is interned. */
static const char *import_key(Loader *L, uint32_t from, const ImportDecl *d, const void **scope)
{
    const FileInfo *f = &L->files[from];
    if (strncmp(d->path, LIB_PREFIX, sizeof LIB_PREFIX - 1) == 0) {
        *scope = &L->libs_found;
        return intern(&L->c->interns, d->path, strlen(d->path));
    }
    if (!f->tree)
        return NULL;
    char *dir = path_dir(f->open_path), *joined = path_join(dir, d->path);
    const char *key = intern(&L->c->interns, joined, strlen(joined));
    free(dir), free(joined);
    *scope = f->tree;
    return key;
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
    /* The same import written again (a file imported 100,000 times) is known at once. */
    const void *scope = NULL;
    const char *key = import_key(L, from, d, &scope);
    long known = key ? (long)(uintptr_t)map_get(&L->resolved, scope, key) - 1 : -1;
    if (known >= 0) {
        closes_cycle(L, d, known); /* otherwise a diamond: read once */
        return;
    }
    Target t;
    if (!resolve_target(L, from, d, &t))
        return;
    /* Whether it stays in its tree comes first: nothing is told about outside files. */
    const char *problem = NULL;
    if (!L->c->allow_outside && !inside_tree(&t))
        outside_tree(L, d, &t);
    else if (!t.real || !t.exists)
        cannot_read(L, d, &t, t.why ? t.why : strerror(t.real ? ENOENT : t.error));
    else if (!t.src && (problem = not_a_file(t.real)))
        diag_help(diag_report(&L->c->diags, SEV_ERROR, "E0602", d->path_span, "cannot import '%s': %s", t.name,
                              problem),
                  is_dir(t.real) ? "import a .bdl file, not a directory" : "import a regular .bdl file");
    else if (!depfile_refuses(L, d, &t) && !closes_cycle(L, d, known = find_loaded(L, t.real))) {
        if (known < 0)
            known = read_target(L, d, &t);
        else
            target_free(&t); /* a diamond: read once */
        if (known >= 0 && key)
            map_put(&L->resolved, scope, key, (void *)(uintptr_t)(known + 1));
        return;
    }
    target_free(&t);
}

/* Depth first through the imports, in the order written: the innermost file's next
 * import is followed, and a file is done when it has none left. */
static void load_all(Loader *L)
{
    while (L->depth > 0 && !diags_full(&L->c->diags)) {
        Frame *f = &L->stack[L->depth - 1];
        if (f->next < f->end) {
            import_one(L, f->file, L->c->program->imports[f->next++]);
            continue;
        }
        L->files[f->file].loading = false;
        L->depth--;
    }
}

void imports_load(Compilation *c, const char *path)
{
    Loader L = {0};
    L.c = c;
    char *dir = path_dir(path);
    bool exists;
    L.root = c->provider ? path_absolute(dir) : path_canonical(dir, &exists);
    L.root_error = errno;
    free(dir);
    char *real = !path ? NULL : c->provider ? path_absolute(path) : path_canonical(path, &exists);
    push_file(&L, (FileInfo){path ? xstrdup(path) : NULL, real, L.root, false, NULL, false, 0});
    push_frame(&L, 0, 0);
    load_all(&L);
    for (size_t i = 0; i < L.nfiles; i++)
        free(L.files[i].open_path), free(L.files[i].real);
    for (size_t i = 0; i < L.nlibdirs; i++)
        free(L.libdirs[i]), free(L.libreal[i]);
    free(L.files);
    free(L.root);
    map_free(&L.by_real);
    map_free(&L.resolved);
}
