/* emit_html.c - placeholder until the HTML emitter lands: a minimal valid page. */
#include "emit_html.h"

bool emit_html(Compilation *c, const Budget *b, FILE *out)
{
    (void)c;
    (void)b;
    return fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bdl</title></head><body></body></html>\n", out) >= 0;
}
