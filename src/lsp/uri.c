/* uri.c - file URIs (RFC 8089) to paths and back, with percent-encoding (RFC 3986). */
#include "lsp/uri.h"

#include "base/buf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if ((*s | 0x20) != *prefix)
            return false;
    return true;
}

char *uri_to_path(const char *uri)
{
    if (!starts_with_nocase(uri, "file://"))
        return NULL;
    const char *p = uri + 7;
    if (starts_with_nocase(p, "localhost/"))
        p += 9;
    if (*p != '/')
        return NULL;
    Buf b = {0};
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p != '%') {
            buf_putc(&b, *p);
            continue;
        }
        int hi = hex_digit(p[1]), lo = hi < 0 ? -1 : hex_digit(p[2]);
        if (lo < 0 || (hi == 0 && lo == 0)) {
            buf_free(&b);
            return NULL;
        }
        buf_putc(&b, (char)(hi * 16 + lo));
        p += 2;
    }
    return buf_take(&b);
}

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '/';
}

char *uri_from_path(const char *path)
{
    static const char digits[] = "0123456789ABCDEF";
    Buf b = {0};
    buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (unreserved(*p)) {
            buf_putc(&b, (char)*p);
            continue;
        }
        char esc[3] = {'%', digits[*p >> 4], digits[*p & 15]};
        buf_put(&b, esc, 3);
    }
    return buf_take(&b);
}
