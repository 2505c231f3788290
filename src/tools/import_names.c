/* import_names.c - labels as shown, total and memo rows, and the BDL names and strings
 * the spec is written with. */
#include "tools/import_names.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

char *label_clean(Arena *a, const char *text)
{
    Buf b = {0};
    buf_put(&b, "", 0);
    const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text);
    bool pending = false; /* white space seen since the last character kept */
    uint32_t last = 0;
    while (p < end) {
        uint32_t cp;
        size_t n = utf8_decode(p, (size_t)(end - p), &cp);
        bool bad = n == 0;
        if (bad)
            n = 1, cp = 0xFFFD;
        if (is_space_cp(cp)) {
            pending = b.len > 0;
        } else {
            if (pending && !(last >= 0x80 && cp >= 0x80)) /* no blank between two CJK characters */
                buf_putc(&b, ' ');
            buf_put(&b, bad ? "\xEF\xBF\xBD" : (const char *)p, bad ? 3 : n);
            pending = false, last = cp;
        }
        p += n;
    }
    char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};

static size_t numeral_run(const char *s)
{
    size_t n = 0;
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; numerals[i]; i++)
            if (strncmp(s + n, numerals[i], strlen(numerals[i])) == 0) {
                n += strlen(numerals[i]), more = true;
                break;
            }
    }
    return n;
}

static size_t skip_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? n : 0;
}

/* "一、", "（二）", "(三)", "3.", "3、", "(4)", "4)" at the start of s: its length. */
static size_t list_number(const char *s)
{
    size_t open = skip_prefix(s, "（") + skip_prefix(s, "(");
    size_t n = numeral_run(s + open), digits = 0;
    if (n == 0)
        while (s[open + digits] >= '0' && s[open + digits] <= '9' && digits < 3)
            digits++;
    size_t body = open + n + digits;
    if (body == open)
        return 0;
    size_t close = skip_prefix(s + body, "）") + skip_prefix(s + body, ")");
    if (open && !close)
        return 0;
    size_t sep = close ? 0 : skip_prefix(s + body, "、") + skip_prefix(s + body, "．") + skip_prefix(s + body, ".");
    if (!close && !sep)
        return 0;
    if (digits && sep == 1 && s[body + 1] >= '0' && s[body + 1] <= '9')
        return 0; /* "3.5" is a number, not a list number */
    return body + close + sep;
}

int label_level(const char *label)
{
    size_t n = list_number(label);
    if (n == 0)
        return 0;
    bool open = strncmp(label, "（", 3) == 0 || label[0] == '(';
    bool numeral = numeral_run(label + (open ? (label[0] == '(' ? 1 : 3) : 0)) > 0;
    return numeral ? (open ? 2 : 1) : (open ? 4 : 3);
}

const char *label_unnumbered(const char *label)
{
    const char *s = label;
    s += list_number(s);
    s += skip_prefix(s, "其中：") + skip_prefix(s, "其中:");
    while (*s == ' ')
        s++;
    return *s ? s : label;
}

bool label_is_memo(const char *label)
{
    const char *s = label + list_number(label);
    return strncmp(s, "其中", strlen("其中")) == 0 || strncasecmp(s, "of which", 8) == 0;
}

static bool ends_with(const char *s, const char *tail, size_t *at)
{
    size_t n = strlen(s), m = strlen(tail);
    if (n < m || strcmp(s + n - m, tail) != 0)
        return false;
    *at = n - m;
    return true;
}

bool label_is_total(const char *label, Arena *a, const char **rest)
{
    static const char *cn[] = {"合计", "总计", "小计", "共计"};
    static const char *en[] = {"grand total", "subtotal", "sub-total", "total", NULL};
    const char *s = label + list_number(label);
    for (size_t i = 0; i < 4; i++) {
        size_t at;
        if (ends_with(s, cn[i], &at)) {
            *rest = label_clean(a, arena_strndup(a, s, at));
            return true;
        }
    }
    for (size_t i = 0; en[i]; i++) {
        size_t n = strlen(en[i]);
        if (strncasecmp(s, en[i], n) == 0 && (s[n] == '\0' || s[n] == ' ' || s[n] == ':')) {
            const char *r = s + n;
            while (*r == ' ' || *r == ':')
                r++;
            *rest = r;
            return true;
        }
    }
    return false;
}

/* --- names ------------------------------------------------------------------------- */

/* Non-ASCII punctuation ends a name (docs/language.md 2.4). */
static bool punctuation(uint32_t c)
{
    return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) ||
           c == 0x3030 || (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) || c == 0xFEFF ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD;
}

static bool keyword(const char *s)
{
    static const char *words[] = {"unit", "rate", "budget", "group", "item", "memo", "year", "rounding", "columns",
                                  "meta", "code", "note", "tag", "import", "classification", "view", "consolidate",
                                  "budgets", "groups", "text", "assert", "warn", "within", "and", "or", "not", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

enum { NAME_MAX_CHARS = 40 };

static void name_char(Buf *b, const unsigned char *p, size_t n, uint32_t cp, size_t *chars)
{
    bool ascii_word = cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
    if (ascii_word) {
        buf_putc(b, (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    } else if (cp >= 0x80 && !punctuation(cp)) {
        buf_put(b, (const char *)p, n);
    } else {
        if (b->len > 0 && b->data[b->len - 1] != '_')
            buf_putc(b, '_');
        return;
    }
    (*chars)++;
}

char *name_from_label(Arena *a, const char *label, const char *fallback)
{
    Buf b = {0};
    buf_put(&b, "", 0);
    const unsigned char *p = (const unsigned char *)label_unnumbered(label), *end = p + strlen((const char *)p);
    size_t chars = 0;
    while (p < end && chars < NAME_MAX_CHARS) {
        uint32_t cp;
        size_t n = utf8_decode(p, (size_t)(end - p), &cp);
        if (n == 0)
            n = 1, cp = 0xFFFD;
        name_char(&b, p, n, cp, &chars);
        p += n;
    }
    while (b.len > 0 && b.data[b.len - 1] == '_')
        b.data[--b.len] = '\0';
    if (b.len == 0)
        buf_puts(&b, fallback);
    if (b.data[0] >= '0' && b.data[0] <= '9') {
        char *digits = buf_take(&b);
        buf_printf(&b, "_%s", digits);
        free(digits);
    }
    if (keyword(b.data))
        buf_putc(&b, '_');
    char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

void names_init(NameSet *s, Arena *a)
{
    memset(s, 0, sizeof *s);
    interns_init(&s->names, a);
}

void names_free(NameSet *s)
{
    interns_free(&s->names);
    map_free(&s->taken);
}

const char *name_unique(NameSet *s, const char *name)
{
    const char *candidate = intern(&s->names, name, strlen(name));
    for (unsigned k = 2; map_get(&s->taken, s, candidate); k++) {
        char *next = str_printf("%s_%u", name, k);
        candidate = intern(&s->names, next, strlen(next));
        free(next);
    }
    map_put(&s->taken, s, candidate, (void *)candidate);
    return candidate;
}

void put_string(Buf *b, const char *s)
{
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_putc(b, '\\'), buf_putc(b, (char)*p);
        else if (*p == '\n')
            buf_puts(b, "\\n");
        else if (*p == '\t')
            buf_puts(b, "\\t");
        else if (*p < 0x20 || *p == 0x7F)
            buf_printf(b, "\\u{%X}", *p);
        else
            buf_putc(b, (char)*p);
    }
    buf_putc(b, '"');
}
