/* fuzz_diff.c - `bdl diff` end to end: the input is two versions of a spec separated by a
 * line "~~~" (or, without one, the same spec twice), written to files and compared in
 * text, markdown and json as `bdl diff` does (output to /dev/null).
 * Property: a spec without errors compared with itself shows no change (exit 0). */
#include "fuzz.h"

#include "cli/commands.h"

#include <string.h>
#include <unistd.h>

static const char separator[] = "\n~~~\n";

static void write_file(const char *path, const unsigned char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

/* The diff command refuses files with syntax errors (and prints them): skip those. */
static bool compiles(const unsigned char *data, size_t size, bool *clean)
{
    Compilation c;
    fuzz_compile(&c, data, size, 50);
    bool ok = !diags_syntax_errors(&c.diags);
    *clean = c.diags.errors == 0;
    compilation_free(&c);
    return ok;
}

static const unsigned char *find_separator(const unsigned char *data, size_t size)
{
    for (size_t i = 0; i + sizeof separator - 1 <= size; i++)
        if (memcmp(data + i, separator, sizeof separator - 1) == 0)
            return data + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static char dir[] = "/tmp/bdl-fuzz-diff-XXXXXX", old_path[64], new_path[64];
    if (!old_path[0]) {
        if (!mkdtemp(dir) || !freopen("/dev/null", "w", stdout))
            abort();
        snprintf(old_path, sizeof old_path, "%s/old.bdl", dir);
        snprintf(new_path, sizeof new_path, "%s/new.bdl", dir);
    }
    const unsigned char *sep = find_separator(data, size), *new_data = data;
    size_t old_size = sep ? (size_t)(sep - data) : size, new_size = size;
    if (sep)
        new_data = sep + sizeof separator - 1, new_size = size - (size_t)(new_data - data);
    bool old_clean, new_clean;
    if (!compiles(data, old_size, &old_clean) || !compiles(new_data, new_size, &new_clean))
        return 0;
    write_file(old_path, data, old_size);
    write_file(new_path, new_data, new_size);
    const char *files[] = {old_path, new_path}, *formats[] = {"text", "markdown", "json"};
    for (size_t i = 0; i < 3; i++) {
        Options o = {.command = "diff", .files = files, .nfiles = 2, .max_errors = 50,
                     .color = "never", .diff_format = formats[i]};
        int status = cmd_diff(&o, command_find("diff"));
        if (status == EXIT_USAGE)
            fuzz_fail("bdl diff failed on two files that compile", NULL, 0);
        if (!sep && old_clean && status != EXIT_OK)
            fuzz_fail("a spec without errors differs from itself", (const char *)data, size);
    }
    return 0;
}
