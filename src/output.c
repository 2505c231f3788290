/* output.c - atomic output files. */
#include "output.h"

#include "arena.h"
#include "buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool output_open(Output *o, const char *path, const char **err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return true;
    }
    o->path = xstrdup(path);
    o->tmp = str_printf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        *err = strerror(errno);
        if (fd >= 0)
            close(fd);
        free(o->tmp), free(o->path);
        o->tmp = o->path = NULL;
        return false;
    }
    return true;
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
    bool ok = fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0;
    int saved = errno;
    ok = (fclose(o->f) == 0) && ok;
    o->f = NULL;
    if (ok && rename(o->tmp, o->path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        *err = strerror(saved ? saved : EIO);
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
        unlink(o->tmp);
        free(o->tmp), free(o->path);
    }
    memset(o, 0, sizeof *o);
}
