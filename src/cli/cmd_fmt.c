/* cmd_fmt.c - `bdl fmt`: print, rewrite (-w), list (--check) or diff (--diff). A file
 * with syntax errors is never formatted: its diagnostics are shown and it is left alone. */
#include "cli/commands.h"

#include "base/buf.h"
#include "base/show.h"

#include "tools/fmt.h"
#include "base/output.h"
#include "tools/textdiff.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool fmt_emit(Compilation *c, const Budget *only, FILE *out)
{
    (void)only;
    size_t len;
    char *text = fmt_source(c->sources.items[0], &len);
    bool ok = fwrite(text, 1, len, out) == len;
    free(text);
    return ok;
}

/* The file is replaced only if it is still what was read and formatted: a file edited (or
 * touched) while bdl ran keeps the edit, and the run fails. */
typedef struct AsRead {
    const Source *src;
    const char *path;
} AsRead;

static bool still_as_read(const void *ctx, const char **err)
{
    const AsRead *r = ctx;
    return source_unchanged(r->src, r->path, err);
}

/* Why `path` may not be rewritten, or NULL. The new file replaces it (rename), so a link
 * would be replaced by a copy of its target, and a read-only file would be changed by
 * anyone allowed to write its directory: both are refused. */
static const char *cannot_rewrite(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return strerror(errno);
    if (S_ISLNK(st.st_mode))
        return "it is a symbolic link (format the file it points to)";
    if (!S_ISREG(st.st_mode))
        return "it is not a regular file";
    bool writable = geteuid() == 0 ? (st.st_mode & 0222) != 0 : faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
    return writable ? NULL : "it is read-only";
}

static int rewrite(Compilation *c, const char *path)
{
    Output out;
    const char *err = cannot_rewrite(path);
    if (err || !output_open(&out, path, &err)) {
        cli_say("bdl: cannot write %s: %s", path, err);
        return EXIT_USAGE;
    }
    if (!output_keep_attributes(&out, path, &err)) {
        output_abandon(&out);
        cli_say("bdl: cannot write %s: cannot keep its owner and group (%s)", path, err);
        return EXIT_USAGE;
    }
    AsRead as_read = {c->sources.items[0], path};
    out.may_replace = still_as_read;
    out.may_replace_ctx = &as_read;
    if (!fmt_emit(c, NULL, out.f) || !output_commit(&out, &err)) {
        output_abandon(&out);
        cli_say("bdl: cannot write %s: %s", path, err ? err : "write failed");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Formats one file; returns its exit status. */
static int fmt_one(const Options *o, const char *path)
{
    Compilation c;
    if (!compile_one(&c, o, path))
        return EXIT_USAGE;
    int status = EXIT_OK;
    Source *src = c.sources.items[0];
    if (diags_syntax_errors(&c.diags)) {
        DiagOutput d;
        begin_diagnostics(o, &d, true);
        diag_output_add(&d, &c.diags, path);
        diag_output_end(&d);
        if (c.diags.scan_stopped)
            cli_say("bdl: %s not formatted: it was not read to the end (more errors than "
                            "--max-errors %zu allows)", path, o->max_errors);
        else
            cli_say("bdl: %s not formatted: it has syntax errors", path);
        compilation_free(&c);
        return EXIT_ERRORS;
    }
    size_t len;
    char *text = fmt_source(src, &len);
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    if (o->check && !same) {
        Buf name = {0}; /* a line that starts with a file name: escaped, never a CI command */
        show_name(&name, path);
        printf("%s\n", name.data);
        buf_free(&name);
    }
    if (o->diff && !same) {
        char *a = str_printf("a/%s", path), *b = str_printf("b/%s", path);
        unified_diff(stdout, a, src->text, src->len, b, text, len);
        free(a), free(b);
    }
    if ((o->check || o->diff) && !same)
        status = EXIT_ERRORS;
    bool stdin_file = strcmp(path, "-") == 0;
    if (o->write && !stdin_file && !same)
        status = rewrite(&c, path);
    else if ((!o->write || stdin_file) && !o->check && !o->diff)
        fwrite(text, 1, len, stdout); /* -w on standard input writes standard output */
    free(text);
    compilation_free(&c);
    return status;
}

int cmd_fmt(const Options *o, const Command *self)
{
    (void)self;
    if (o->nfiles == 0)
        return usage_error("%s needs at least one FILE ('-' for standard input)", "fmt");
    int status = EXIT_OK;
    for (int i = 0; i < o->nfiles; i++) {
        int st = fmt_one(o, o->files[i]);
        if (st > status)
            status = st;
    }
    return status;
}
