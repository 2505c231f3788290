/* paths.c - lexical paths and canonical paths that need not exist (see paths.h). */
#define _XOPEN_SOURCE 700 /* lstat, readlink, getcwd */
#include "compile/paths.h"

#include "base/arena.h"
#include "base/buf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_LINKS = 40 };

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

char *path_dir(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return str_printf("%.*s", (int)(slash - path), path);
}

char *path_join(const char *dir, const char *rel)
{
    char *raw = rel[0] == '/' ? xstrdup(rel) : str_printf("%s/%s", dir, rel);
    char *norm = path_normalize(raw);
    free(raw);
    return norm;
}

char *path_absolute(const char *path)
{
    char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
    char *joined = cwd ? str_printf("%s/%s", cwd, path) : xstrdup(path);
    char *norm = path_normalize(joined);
    free(cwd), free(joined);
    return norm;
}

/* Appends one part to the canonical prefix `done` ("" stands for the root): "." changes
 * nothing and ".." drops the last part, which is right because `done` has no link left. */
static void append_part(Buf *done, const char *part, size_t n)
{
    if (n == 1 && part[0] == '.')
        return;
    if (n == 2 && part[0] == '.' && part[1] == '.') {
        char *slash = strrchr(done->data, '/');
        done->len = slash ? (size_t)(slash - done->data) : 0;
        done->data[done->len] = '\0';
        return;
    }
    buf_putc(done, '/');
    buf_put(done, part, n);
}

/* The path a link at `link` leads to, followed by what came after the link in the path. */
static char *through_link(const char *link, const char *rest)
{
    char target[PATH_MAX + 1];
    ssize_t len = readlink(link, target, PATH_MAX);
    if (len < 0)
        return NULL;
    target[len] = '\0';
    return str_printf("%s/%s", target, rest);
}

/* One step of path_canonical: the part of todo at *at is appended to done and, while
 * everything so far exists, looked at; a link replaces *todo by its target and the rest.
 * False (errno set) when the path cannot be worked out. */
static bool canonical_step(Buf *done, char **todo, size_t *at, int *links, bool *exists)
{
    size_t n = strcspn(*todo + *at, "/"), before = done->len;
    append_part(done, *todo + *at, n);
    *at += n;
    if (!*exists || done->len <= before)
        return true; /* past a missing part the rest is taken as written */
    struct stat st;
    errno = ENAMETOOLONG;
    if (done->len > PATH_MAX || lstat(done->data, &st) != 0) {
        *exists = false;
        return errno == ENOENT || errno == ENOTDIR;
    }
    if (!S_ISLNK(st.st_mode))
        return true;
    char *next = ++*links <= MAX_LINKS ? through_link(done->data, *todo + *at) : NULL;
    if (!next) {
        if (*links > MAX_LINKS)
            errno = ELOOP;
        return false;
    }
    done->len = next[0] == '/' ? 0 : before; /* a relative target starts at the link's directory */
    done->data[done->len] = '\0';
    free(*todo);
    *todo = next;
    *at = 0;
    return true;
}

char *path_canonical(const char *path, bool *exists)
{
    char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
    if (path[0] != '/' && !cwd)
        return NULL;
    char *todo = cwd ? str_printf("%s/%s", cwd, path) : xstrdup(path);
    free(cwd);
    Buf done = {0};
    buf_put(&done, "", 0);
    int links = 0;
    bool ok = true;
    *exists = true;
    for (size_t at = 0; ok && todo[at += strspn(todo + at, "/")];)
        ok = canonical_step(&done, &todo, &at, &links, exists);
    int saved = errno;
    free(todo);
    if (!ok) {
        buf_free(&done);
        errno = saved;
        return NULL;
    }
    if (done.len == 0)
        buf_putc(&done, '/');
    return buf_take(&done);
}

bool path_within(const char *real, const char *tree)
{
    size_t n = strlen(tree);
    if (strcmp(tree, "/") == 0)
        return real[0] == '/';
    return strncmp(real, tree, n) == 0 && (real[n] == '/' || real[n] == '\0');
}
