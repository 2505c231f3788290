/* makename.c - quoting file names for GNU Make's reader (checked against make 4.3 by
 * tests/hostile.sh, which builds from the rules written). */
#define _XOPEN_SOURCE 700 /* getcwd */
#include "base/makename.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Characters a backslash quotes in a rule's names. '%' only in a target, where it would make
 * a pattern rule ("\%" in a prerequisite stays two characters); '|' only in a prerequisite,
 * where it starts the order-only ones ("\|" in a target stays two characters). */
static bool quoted(char ch, bool target)
{
    return (ch && strchr(" \t#:*?[", ch)) || ch == (target ? '%' : '|');
}

const char *make_name_problem(const char *path)
{
    size_t n = strlen(path);
    if (utf8_has_control(path, n, true))
        return "a control character";
    if (strchr(path, ';'))
        return "';', after which Make reads a recipe";
    if (strchr(path, '='))
        return "'=', which makes the line a variable assignment";
    if (n > 0 && path[n - 1] == ')' && strchr(path, '('))
        return "'(...)' at its end, which Make reads as an archive member";
    return NULL;
}

/* Words Make reads as directives or variable modifiers at the start of a line or of a
 * rule's prerequisites. */
static bool make_keyword(const char *word, size_t n)
{
    static const char *const words[] = {"define", "undefine", "endef", "export", "unexport", "override",
                                        "private", "include", "-include", "sinclude", "vpath", "load",
                                        "-load", "ifdef", "ifndef", "ifeq", "ifneq", "else", "endif"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], word, n) == 0)
            return true;
    return false;
}

/* Whether Make reads the first part of a relative path as a plain name: not "~user" (a
 * home directory), not ".NAME" (Make drops a leading "./", and .PHONY, .IGNORE or a suffix
 * rule such as .c.o would follow), not a directive; "." and ".." are plain. */
static bool plain_start(const char *path)
{
    while (strncmp(path, "./", 2) == 0)
        path += 2;
    size_t n = strcspn(path, "/");
    unsigned char c = (unsigned char)path[0];
    if ((n == 1 && c == '.') || (n == 2 && strncmp(path, "..", 2) == 0))
        return true;
    bool word = c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return word && !make_keyword(path, n);
}

static void write_quoted(Buf *out, const char *path, bool target)
{
    for (const char *p = path; *p; p++) {
        if (*p == '\\') { /* a run of backslashes is literal unless a quoted character follows */
            size_t run = strspn(p, "\\");
            bool before_quoted = !p[run] || quoted(p[run], target);
            for (size_t k = 0; k < (before_quoted ? 2 * run : run); k++)
                buf_putc(out, '\\');
            p += run - 1;
            continue;
        }
        if (quoted(*p, target))
            buf_putc(out, '\\');
        if (*p == '$')
            buf_putc(out, '$');
        buf_putc(out, *p);
    }
}

bool make_name_write(Buf *out, const char *path, bool target)
{
    if (make_name_problem(path))
        return false;
    if (path[0] == '/' || plain_start(path)) {
        write_quoted(out, path, target);
        return true;
    }
    char *cwd = getcwd(NULL, 0);
    char *absolute = cwd ? str_printf("%s/%s", cwd, path) : NULL;
    bool ok = absolute && !make_name_problem(absolute);
    if (ok)
        write_quoted(out, absolute, target);
    free(absolute);
    free(cwd);
    return ok;
}
