/* show.c - exact amounts and safe text, written for people. */
#include "base/show.h"

#include "base/utf8.h"

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

bool show_escapes(uint32_t cp)
{
    return (utf8_is_control(cp) && cp != '\t') || utf8_bidi_control(cp) || utf8_default_ignorable(cp);
}

void show_text(Buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        if (u[i] >= 0x20 && u[i] < 0x7F) { /* printable ASCII, most of any text */
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (len && !show_escapes(cp)) {
            i += len;
            continue;
        }
        buf_put(b, s + run, i - run);
        if (len)
            buf_printf(b, "\\u{%x}", (unsigned)cp);
        else
            buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
        i += len ? len : 1;
        run = i;
    }
    buf_put(b, s + run, n - run);
}

void show_str(Buf *b, const char *s)
{
    if (s)
        show_text(b, s, strlen(s));
}

void show_name(Buf *b, const char *name)
{
    unsigned char c = (unsigned char)name[0];
    bool plain = c >= 0x80 || c == '_' || c == '.' || c == '/' || (c >= '0' && c <= '9') ||
                 ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || strcmp(name, "-") == 0;
    if (!plain)
        buf_puts(b, "./");
    show_str(b, name);
}

char *show_dup(const char *s)
{
    Buf b = {0};
    buf_puts(&b, "");
    show_str(&b, s);
    return buf_take(&b);
}
