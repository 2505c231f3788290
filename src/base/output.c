/* output.c - atomic output files. */
#define _XOPEN_SOURCE 700 /* realpath, lstat, readlink */
#include "base/output.h"

#include "base/arena.h"
#include "base/buf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of a path, resolved; NULL when it cannot be. */
static char *real_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? str_printf("%.*s", slash == path ? 1 : (int)(slash - path), path) : xstrdup(".");
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

/* Where the link at `path` (in the resolved directory `dir`) points; NULL for no link. */
static char *link_target(const char *path, const char *dir)
{
    char target[PATH_MAX + 1];
    struct stat st;
    ssize_t n = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ? readlink(path, target, PATH_MAX) : -1;
    if (n < 0)
        return NULL;
    target[n] = '\0';
    return target[0] == '/' ? xstrdup(target) : str_printf("%s/%s", dir, target);
}

/* /dev/stdout and /dev/fd/1 lead into /proc, where the kernel names the files a process
 * has open: writing them means writing that open file (a pipe, or the file the shell
 * redirected to), never replacing it. */
static bool names_open_file(const char *path)
{
    char *at = xstrdup(path);
    bool found = false;
    for (int hops = 0; at && !found && hops < 40; hops++) {
        char *dir = real_dir(at);
        found = dir && (strcmp(dir, "/proc") == 0 || strncmp(dir, "/proc/", 6) == 0);
        char *next = dir && !found ? link_target(at, dir) : NULL;
        free(dir), free(at);
        at = next;
    }
    free(at);
    return found;
}

/* A device, a FIFO or a socket (/dev/full, a named pipe) cannot be replaced by a rename, and
 * /dev/stdout names an open file: they are written in place (a write error is still
 * reported). Any other symbolic link is replaced by the new file, like a regular file:
 * a link committed in a repository (out/b.html -> ../victim/authorized_keys) never
 * leads the output elsewhere. */
static bool written_in_place(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return false;
    return S_ISLNK(st.st_mode) ? names_open_file(path) : !S_ISREG(st.st_mode);
}

static bool open_direct(Output *o, const char *path, const char **err)
{
    o->f = fopen(path, "wb");
    if (!o->f) {
        *err = strerror(errno);
        return false;
    }
    o->path = xstrdup(path);
    return true;
}

bool output_open(Output *o, const char *path, const char **err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return true;
    }
    if (written_in_place(path))
        return open_direct(o, path, err);
    o->path = xstrdup(path); /* renamed over: a link is replaced, its target untouched */
    o->tmp = str_printf("%s.tmp-XXXXXX", o->path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        *err = strerror(errno);
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp), free(o->path);
        o->tmp = o->path = NULL;
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask); /* mkstemp makes 0600; outputs are ordinary files */
    return true;
}

static bool close_stream(FILE *f, bool sync, int *saved)
{
    bool ok = fflush(f) == 0 && !ferror(f);
    if (ok && sync && fsync(fileno(f)) != 0)
        ok = false;
    *saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        *saved = errno;
    }
    return ok;
}

bool output_commit(Output *o, const char **err)
{
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            *err = strerror(errno);
            return false;
        }
        return true;
    }
    int saved = 0;
    bool ok = close_stream(o->f, o->tmp != NULL, &saved);
    o->f = NULL;
    const char *refused = NULL;
    if (ok && o->tmp && o->may_replace && !o->may_replace(o->may_replace_ctx, &refused))
        ok = false;
    if (ok && o->tmp && rename(o->tmp, o->path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        *err = refused ? refused : strerror(saved ? saved : EIO);
        if (o->tmp)
            unlink(o->tmp);
    }
    free(o->tmp), free(o->path);
    o->tmp = o->path = NULL;
    return ok;
}

void output_abandon(Output *o)
{
    if (o->path) {
        if (o->f)
            fclose(o->f);
        if (o->tmp)
            unlink(o->tmp);
        free(o->tmp), free(o->path);
    }
    memset(o, 0, sizeof *o);
}

bool output_keep_attributes(Output *o, const char *like, const char **err)
{
    struct stat st;
    if (!o->tmp || lstat(like, &st) != 0)
        return true;
    int fd = fileno(o->f);
    bool same_owner = st.st_uid == geteuid() && st.st_gid == getegid();
    if (!same_owner && fchown(fd, st.st_uid, st.st_gid) != 0) {
        *err = strerror(errno);
        return false;
    }
    fchmod(fd, st.st_mode & 07777); /* after fchown, which may clear set-user-ID bits */
    return true;
}
