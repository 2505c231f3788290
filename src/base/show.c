/* show.c - exact amounts written for people. */
#include "base/show.h"

#include <stdio.h>
#include <string.h>

void num_show(Num v, char buf[NUM_STR_MAX])
{
    if (num_is_decimal(v)) {
        num_format(v, buf);
        return;
    }
    char fixed[NUM_STR_MAX];
    num_format_fixed(v, 8, fixed);
    memcpy(buf, "\xE2\x89\x88", 3); /* ≈ */
    snprintf(buf + 3, NUM_STR_MAX - 3, "%.*s", NUM_STR_MAX - 4, fixed);
}

void show_amount(Buf *b, Num v, const char *unit)
{
    char s[NUM_STR_MAX];
    num_show(v, s);
    buf_puts(b, s);
    if (unit)
        buf_printf(b, " %s", unit);
}

void show_percent(Buf *b, Num v)
{
    Num pct;
    char s[NUM_STR_MAX];
    if (num_mul(v, num_int(100), &pct) != NUM_OK)
        pct = v;
    num_show(pct, s);
    buf_printf(b, "%s%%", s);
}
