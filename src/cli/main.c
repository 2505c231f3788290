/* main.c - the command line: parse the arguments, then hand over to the command. */
#include "base/arena.h"
#include "base/version.h"
#include "cli/commands.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-')
        return false;
    *out = (size_t)v;
    return true;
}

static bool flag(const char *a, Options *o)
{
    static const struct {
        const char *name;
        size_t offset;
    } flags[] = {
        {"--werror", offsetof(Options, werror)}, {"-q", offsetof(Options, quiet)},
        {"--quiet", offsetof(Options, quiet)},   {"-w", offsetof(Options, write)},
        {"--check", offsetof(Options, check)},   {"--diff", offsetof(Options, diff)},
        {"--allow-outside", offsetof(Options, allow_outside)},
        {"--dry-run", offsetof(Options, dry_run)},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (strcmp(a, flags[i].name) == 0) {
            *(bool *)((char *)o + flags[i].offset) = true;
            return true;
        }
    }
    return false;
}

/* An option with a value; returns -1 when handled, else the exit status of a usage error. */
static int valued(const char *a, const char *v, Options *o)
{
    if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
        o->out = v;
    else if (strcmp(a, "--depfile") == 0)
        o->depfile = v;
    else if (strcmp(a, "--rules") == 0)
        o->rules = v;
    else if (strcmp(a, "--into") == 0)
        o->into = v;
    else if (strcmp(a, "--git") == 0)
        o->git_rev = v;
    else if (strcmp(a, "--format") == 0)
        o->diff_format = v;
    else if (strcmp(a, "--max-errors") == 0) {
        if (!parse_count(v, &o->max_errors))
            return usage_error("--max-errors takes a whole number, not '%s'", v);
    } else if (strcmp(a, "--color") == 0) {
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return usage_error("--color takes auto, always or never, not '%s'", v);
        o->color = v;
    } else if (strcmp(a, "--diagnostics") == 0) {
        if (!diag_format_parse(v, &o->format))
        {
            cli_say("bdl: --diagnostics takes %s, not '%s'", diag_format_list(), v);
            fputs("run 'bdl help' for usage\n", stderr);
            return EXIT_USAGE;
        }
    } else {
        return 0;
    }
    return -1;
}

/* Returns -1 when parsing succeeded, else the exit status. */
static int parse_args(int argc, char **argv, Options *o)
{
    o->files = xmalloc((size_t)argc * sizeof *o->files);
    memset(o->files, 0, (size_t)argc * sizeof *o->files);
    o->max_errors = 50;
    o->color = "auto";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (flag(a, o))
            continue;
        if (a[0] == '-' && a[1] != '\0') {
            int st = i + 1 < argc ? valued(a, argv[i + 1], o) : 0;
            if (st == 0)
                return usage_error("unknown option '%s' (or it lacks its value)", a);
            if (st > 0)
                return st;
            i++;
        } else if (!o->command) {
            o->command = a;
        } else {
            o->files[o->nfiles++] = a;
        }
    }
    return -1;
}

/* --help and -h, wherever they stand, are taken out of the arguments; true when one was. */
static bool take_help(int *argc, char **argv)
{
    int kept = 1;
    for (int i = 1; i < *argc; i++)
        if (strcmp(argv[i], "--help") != 0 && strcmp(argv[i], "-h") != 0)
            argv[kept++] = argv[i];
    bool taken = kept < *argc;
    *argc = kept;
    return taken;
}

/* With --help the command is `help`, about the command named if there is one: `bdl check
 * --help` is `bdl help check`, `bdl help --help` is `bdl help help`. */
static void help_instead(Options *o)
{
    bool help = o->command && strcmp(o->command, "help") == 0;
    const char *topic = help && o->nfiles ? o->files[0] : o->command;
    o->command = "help";
    o->nfiles = topic != NULL;
    o->files[0] = topic;
}

static int dispatch(const Options *o)
{
    const Command *cmd = command_find(o->command);
    if (!cmd)
        return usage_error("unknown command '%s'", o->command);
    return cmd->run(o, cmd);
}

/* Whatever a command printed to standard output is only known to have arrived once it
 * is flushed: a full disk or a closed pipe must not end in exit status 0. */
static int finish_stdout(int status)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    if (status != EXIT_USAGE) /* else the command has said what failed */
        cli_say("bdl: cannot write standard output: %s", strerror(errno ? errno : EIO));
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--version") == 0) {
            puts("bdl " BDL_VERSION);
            return finish_stdout(EXIT_OK);
        }
    /* cJSON allocates like the rest of bdl: out of memory is a message and exit status 2,
     * never a NULL document printed. */
    cJSON_Hooks hooks = {xmalloc, free};
    cJSON_InitHooks(&hooks);
    Options o = {0};
    bool asked_help = take_help(&argc, argv);
    int status = parse_args(argc, argv, &o);
    if (status < 0 && asked_help)
        help_instead(&o);
    if (status < 0 && !o.command) {
        usage_write(stderr);
        status = EXIT_USAGE;
    } else if (status < 0) {
        status = dispatch(&o);
    }
    free(o.files);
    return finish_stdout(status);
}
