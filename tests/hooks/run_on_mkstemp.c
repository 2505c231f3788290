/* run_on_mkstemp.c - an LD_PRELOAD library for tests/hostile.sh: when bdl creates the
 * temporary file of an output (mkstemp), the shell command in $RUN_ON_MKSTEMP runs first,
 * once. The file bdl read can so be changed at a known point after it was read and before
 * its rewrite is renamed into place, without a sleep that races. Test code only: bdl has
 * no hook of its own. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

int mkstemp(char *template);

int mkstemp(char *template)
{
    int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
    const char *set = getenv("RUN_ON_MKSTEMP");
    char *command = set && *set ? strdup(set) : NULL;
    if (command) {
        unsetenv("RUN_ON_MKSTEMP"); /* once, and not in the command's own processes */
        int status = system(command);
        (void)status;
        free(command);
    }
    return real(template);
}
