/* numfmt.c - reading Excel number formats for decimals, dates and percentages. */
#include "sheet/numfmt.h"

#include "sheet/sheet.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static NumFmt general(void)
{
    return (NumFmt){DECIMALS_GENERAL, false, false};
}

NumFmt numfmt_builtin(int id)
{
    switch (id) {
    case 1: case 3: case 37: case 38: case 41: case 42:
        return (NumFmt){0, false, false};
    case 2: case 4: case 39: case 40: case 43: case 44:
        return (NumFmt){2, false, false};
    case 9:
        return (NumFmt){0, false, true};
    case 10:
        return (NumFmt){2, false, true};
    default:
        break;
    }
    /* 14-22 and 45-47: dates and times; 27-36 and 50-58: the dates of East Asian locales */
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return (NumFmt){0, true, false};
    return general();
}

/* The first section with what is not a placeholder taken out: quoted text, escaped
 * characters, [colour] and [$-locale] brackets, and the characters after _ and *. A
 * bracket such as [h] or [mm] (elapsed time) is kept as its letters. */
static void strip(const char *code, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *p = code; *p && *p != ';' && o + 1 < cap; p++) {
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            p += p[1] != '\0';
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            p += p[1] != '\0';
        } else if (*p == '[') {
            const char *close = strchr(p, ']');
            bool elapsed = close && strchr("hHmMsS", p[1]) && p[1];
            for (const char *q = p + 1; elapsed && q < close && o + 1 < cap; q++)
                out[o++] = *q;
            p = close ? close : p + strlen(p) - 1;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static bool is_date_letter(char c)
{
    return strchr("yYmMdDhHsS", c) != NULL;
}

NumFmt numfmt_parse(const char *code)
{
    char s[256];
    strip(code, s, sizeof s);
    NumFmt f = {0, false, strchr(s, '%') != NULL};
    bool general_word = false;
    for (const char *p = s; *p; p++) {
        if (strncasecmp(p, "general", 7) == 0)
            general_word = true, p += 6;
        else if (strncasecmp(p, "am/pm", 5) == 0 || is_date_letter(*p))
            f.date = true;
        else if ((*p == 'E' || *p == 'e') && (p[1] == '+' || p[1] == '-'))
            return general(); /* scientific: the digits shown depend on the value */
    }
    if (f.date)
        return (NumFmt){0, true, false};
    if (general_word)
        return general();
    const char *point = strchr(s, '.');
    for (const char *p = point ? point + 1 : ""; *p; p++)
        if (*p == '0' || *p == '#' || *p == '?')
            f.decimals++;
    if (!strpbrk(s, "0#?"))
        return general(); /* "@" (text) and formats without digits */
    return f;
}
