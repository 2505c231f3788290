/* output.c - atomic output files. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "base/output.h"

#include "base/arena.h"
#include "base/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by rename:
 * it is written in place, and a write error is still reported. */
static bool is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
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
    if (is_special(path))
        return open_direct(o, path, err);
    char *target = realpath(path, NULL); /* a symlink stays a link to the new file */
    o->path = target ? target : xstrdup(path);
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

void output_copy_mode(Output *o, const char *like)
{
    struct stat st;
    if (o->tmp && stat(like, &st) == 0)
        fchmod(fileno(o->f), st.st_mode & 07777);
}
