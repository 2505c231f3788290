/* cmd_diff.c - placeholder until the semantic diff lands. */
#include "cli.h"

int cmd_diff(const Options *o)
{
    (void)o;
    return usage_error("%s is not implemented yet", "diff");
}
