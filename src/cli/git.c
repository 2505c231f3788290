/* git.c - reading files at a revision through `git cat-file blob`. */
#include "cli/git.h"

#include "base/buf.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs git with its standard output on a pipe (its errors on /dev/null: a file missing at
 * REV is an answer, not a failure to show); returns git's pid, or -1. */
static pid_t spawn_git(const char *spec, int *out)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(fd[1], 1);
        if (null >= 0)
            dup2(null, 2);
        close(fd[0]), close(fd[1]);
        execlp("git", "git", "cat-file", "blob", spec, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    if (pid < 0)
        close(fd[0]);
    *out = fd[0];
    return pid;
}

char *git_blob(const char *rev, const char *path, size_t *len, const char **err)
{
    char *spec = str_printf("%s:./%s", rev, path);
    int fd = -1;
    pid_t pid = spawn_git(spec, &fd);
    free(spec);
    Buf b = {0};
    char chunk[65536];
    ssize_t n;
    bool too_large = false;
    while (pid > 0 && !too_large && (n = read(fd, chunk, sizeof chunk)) > 0) {
        buf_put(&b, chunk, (size_t)n);
        too_large = b.len > SOURCE_MAX_BYTES;
    }
    if (pid > 0)
        close(fd);
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    *err = too_large ? "file is larger than 1 GiB, the largest source bdl accepts" : "it is not in that version";
    if (pid < 0 || too_large || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? buf_take(&b) : xstrdup("");
}

static Source *read_at(const SourceProvider *p, const char *path, const char *name, const char **err)
{
    size_t len;
    char *text = git_blob(p->ctx, path, &len, err);
    Source *src = text ? source_from_string(name, text, len) : NULL;
    free(text);
    return src;
}

SourceProvider git_provider(const char *rev)
{
    return (SourceProvider){read_at, rev};
}
