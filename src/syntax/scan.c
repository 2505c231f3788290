/* scan.c - the scanner's actions: numbers, strings, names, and malformed input. */
#include "syntax/scan.h"

#include "parser.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

static Span at_bytes(LexState *st, uint32_t start, uint32_t len)
{
    return (Span){st->file, start, start + len};
}

/* A run of invalid bytes (a GBK character, a surrogate) is one diagnostic, not one per byte. */
static void bad_utf8(LexState *st, Span at, unsigned char b)
{
    Diag *prev = st->bad_utf8;
    if (prev && prev->span.end == at.start && prev->span.end - prev->span.start < 16) {
        prev->span.end = at.end;
        size_t n = strlen(prev->message);
        char *grown = str_printf("%.*s %02X>", (int)n - 1, prev->message, b);
        free(prev->message);
        prev->message = grown;
        return;
    }
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0101", at, "invalid UTF-8 sequence <%02X>", b);
    diag_help(g, "save the file as UTF-8 (GBK and other encodings are not accepted)");
    st->bad_utf8 = st->diags->n && st->diags->items[st->diags->n - 1] == g ? g : NULL;
}

void scan_bad_byte(LexState *st, Span at, const char *byte)
{
    unsigned char b = (unsigned char)byte[0];
    Diag *g;
    if (b == 0) {
        g = diag_report(st->diags, SEV_ERROR, "E0102", at, "NUL byte in source");
        diag_help(g, "BDL sources are UTF-8 text; remove the NUL byte");
    } else if (b >= 0x80) {
        bad_utf8(st, at, b);
    } else if (b == '\r') {
        g = diag_report(st->diags, SEV_ERROR, "E0103", at, "carriage return inside a string");
        diag_help(g, "a string ends on its line; write \\n for a line break, or use \"\"\"...\"\"\" for text over several lines");
    } else {
        g = diag_report(st->diags, SEV_ERROR, "E0103", at, "control character U+%04X in source", b);
        diag_help(g, "remove it; only tab, line feed and carriage return are allowed");
    }
}

/* Bidirectional controls typed into a string or a comment (an escape such as \u{202E} shows
 * itself): unless each line closes what it opens, the text after one is shown reordered
 * (Trojan source, CVE-2021-42574; rustc and gcc refuse it too) — E0115. Closed ones still
 * make the source read otherwise than it is: W0101, once per string or comment. */
enum { MAX_BIDI_DEPTH = 64 };

static void bidi_report(LexState *st, uint32_t at, uint32_t cp, const char *where, bool balanced)
{
    Span s = at_bytes(st, at, 3);
    if (balanced) {
        Diag *g = diag_report(st->diags, SEV_WARNING, "W0101", s, "bidirectional control U+%04X in %s", cp, where);
        diag_note(g, "it changes the order in which the text around it is shown");
        diag_help(g, "write it as \\u{%X}, so that whoever reads the source sees it", cp);
        return;
    }
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0115", s, "unbalanced bidirectional control U+%04X in %s", cp, where);
    diag_note(g, "the text after it on its line is shown reordered, so the source does not read as it is");
    diag_help(g, "close it on its line (U+202C after U+202A-U+202E, U+2069 after U+2066-U+2068), or write it as \\u{%X}",
              cp);
}

/* The offset of the first bidirectional control of text that no later one closes on its
 * line (or that closes nothing), or -1 when each is closed; *first is the first one. */
static long unbalanced_bidi(const unsigned char *s, size_t len, long *first)
{
    long open_at[MAX_BIDI_DEPTH];
    BidiControl open[MAX_BIDI_DEPTH];
    size_t depth = 0, n;
    *first = -1;
    for (size_t i = 0; i <= len; i += n ? n : 1) {
        uint32_t cp = '\n';
        n = i < len ? utf8_decode(s + i, len - i, &cp) : 1;
        BidiControl b = utf8_bidi_control(cp);
        if (cp == '\n' && depth > 0)
            return open_at[0];
        if (b == BIDI_NONE)
            continue;
        if (*first < 0)
            *first = (long)i;
        if (b == BIDI_POP_EMBEDDING || b == BIDI_POP_ISOLATE) {
            BidiControl opener = b == BIDI_POP_EMBEDDING ? BIDI_EMBEDDING : BIDI_ISOLATE;
            if (depth == 0 || open[depth - 1] != opener)
                return (long)i;
            depth--;
        } else if (depth == MAX_BIDI_DEPTH) {
            return (long)i;
        } else {
            open[depth] = b;
            open_at[depth++] = (long)i;
        }
    }
    return -1;
}

static void check_bidi(LexState *st, uint32_t start, const char *text, size_t len, const char *where)
{
    if (!memchr(text, 0xE2, len))
        return; /* every bidirectional control is E2 80 xx or E2 81 xx */
    const unsigned char *s = (const unsigned char *)text;
    long first, bad = unbalanced_bidi(s, len, &first);
    long at = bad >= 0 ? bad : first;
    uint32_t cp;
    if (at >= 0 && utf8_decode(s + at, len - (size_t)at, &cp))
        bidi_report(st, start + (uint32_t)at, cp, where, bad < 0);
}

/* Comments may hold any text, but it must still be valid UTF-8 without NULs. */
void scan_check_text(LexState *st, uint32_t start, const char *text, size_t len)
{
    check_bidi(st, start, text, len, "a comment");
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        bool bad = n == 0 || cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\r') || cp == 0x7F;
        if (bad)
            scan_bad_byte(st, at_bytes(st, start + (uint32_t)i, 1), text + i);
        i += n ? n : 1;
    }
}

void scan_lone_cr(LexState *st, Span at)
{
    if (st->cr_reported)
        return;
    st->cr_reported = true;
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0111", at,
                          "carriage return without line feed (old Mac line ending)");
    diag_help(g, "save the file with LF or CRLF line endings");
}

void scan_bom(LexState *st, Span at)
{
    if (at.start == 0)
        return; /* a leading byte order mark is allowed and skipped */
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0112", at, "byte order mark inside the file");
    diag_help(g, "a BOM may only stand at the very start; remove this one (files joined with cat?)");
}

void scan_bad_char(LexState *st, Span at, char c)
{
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0109", at, "unexpected character '%c'", c);
    if (c == '\'')
        diag_help(g, "strings use double quotes: \"...\"");
    else if (c == '&' || c == '|')
        diag_help(g, "logical operators are written 'and', 'or' and 'not'");
}

int scan_c_operator(LexState *st, Span at, const char *text)
{
    const char *word = text[0] == '!' ? "not" : text[0] == '&' ? "and" : "or";
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0109", at, "'%s' is not a BDL operator", text);
    diag_help(g, "write '%s'", word);
    return text[0] == '!' ? KW_NOT : text[0] == '&' ? KW_AND : KW_OR;
}

/* Punctuation that is not ASCII: it ends a name. The list covers the symbols a
 * Chinese input method produces, so they get a precise diagnostic, and the printed forms
 * of a figure (U+2212 minus, currency signs). Sorted by range. */
static bool is_foreign_punct(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x80, 0xBF},     {0xD7, 0xD7},     {0xF7, 0xF7},     {0x2000, 0x206F},
        {0x20AC, 0x20AC}, {0x2212, 0x2212}, {0x2E00, 0x2E7F}, {0x3000, 0x3004},
        {0x3008, 0x3020}, {0x3030, 0x3030}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE6F},
        {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40},
        {0xFF5B, 0xFF65}, {0xFFE5, 0xFFE5},
    };
    /* The ranges are sorted, so the search stops at the first one above cp. */
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0] && cp >= ranges[i][0]; i++)
        if (cp <= ranges[i][1])
            return true;
    return false;
}

/* A character that may stand in a name (UAX #31: XID_Start first, XID_Continue after it),
 * unless it is drawn as nothing (Default_Ignorable: `income` followed by U+FE00 would look
 * like `income` and be another name) or is punctuation, which ends a name. */
static bool name_char(uint32_t cp, bool first)
{
    if (is_foreign_punct(cp) || utf8_default_ignorable(cp))
        return false;
    return first ? utf8_xid_start(cp) : utf8_xid_continue(cp);
}

size_t scan_ident_prefix(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len && s[i] < 0x80)
        i++; /* the scanner only matches ASCII letters, digits and '_' in a name */
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0 || !name_char(cp, i == 0))
            break;
        i += n;
    }
    return i;
}

static const struct {
    uint32_t cp;
    const char *ascii;
    int token; /* what the parser is given after the report; 0: nothing */
} foreign_table[] = {
    {0xFF0C, ",", ','}, {0x3001, ",", ','}, {0xFF08, "(", '('}, {0xFF09, ")", ')'},
    {0xFF1D, "=", '='}, {0xFF1B, ";", NL},  {0xFF0E, ".", '.'}, {0xFF3B, "[", '['},
    {0xFF3D, "]", ']'}, {0xFF1A, ":", 0},   {0x201C, "\"", 0},  {0x201D, "\"", 0},
    {0x3000, " ", 0},   {0xFF05, "%", 0},   {0xFF0B, "+", '+'}, {0xFF0D, "-", '-'},
    {0xFF1C, "<", '<'}, {0xFF1E, ">", '>'}, {0xFF0A, "*", '*'}, {0xFF0F, "/", '/'},
};

/* The printed forms of a figure: a minus sign, a dash for "none", a currency sign. */
static int printed_form(LexState *st, uint32_t cp, const char *text, size_t n, Span at, Name *name)
{
    if (cp == 0x2212)
        return '-';
    if (cp == 0x2013 || cp == 0x2014)
        return DASH;
    if (cp == 0xA3 || cp == 0xA5 || cp == 0x20AC || cp == 0xFFE5) {
        *name = (Name){intern(st->interns, text, n), at};
        return SIGN;
    }
    return 0;
}

int scan_foreign_punct(LexState *st, const char *text, size_t len, Span *at, Name *name)
{
    uint32_t cp = 0;
    size_t n = utf8_decode((const unsigned char *)text, len, &cp);
    at->end = at->start + (uint32_t)n;
    if (cp == 0xFEFF) {
        scan_bom(st, *at);
        return 0;
    }
    if (utf8_bidi_control(cp) || utf8_default_ignorable(cp)) {
        bool bidi = utf8_bidi_control(cp) != BIDI_NONE;
        Diag *g = diag_report(st->diags, SEV_ERROR, "E0114", *at, "%s U+%04X outside a string",
                              bidi ? "bidirectional control" : "invisible character", cp);
        diag_note(g, bidi ? "it reorders how the rest of the line is shown, so the code does not read as it is"
                          : "it is drawn as nothing, so a name holding it looks like another name");
        diag_help(g, "remove it; put text that needs it in a string, written as \\u{%X}", cp);
        return 0;
    }
    int printed = printed_form(st, cp, text, n, *at, name);
    if (printed)
        return printed;
    for (size_t i = 0; i < sizeof foreign_table / sizeof foreign_table[0]; i++) {
        if (foreign_table[i].cp != cp)
            continue;
        Diag *g = diag_report(st->diags, SEV_ERROR, "E0110", *at,
                              "full-width '%.*s' (U+%04X) is not BDL punctuation", (int)n, text, cp);
        diag_help(g, "write the ASCII '%s' instead", foreign_table[i].ascii);
        return foreign_table[i].token;
    }
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0110", *at,
                          "'%.*s' (U+%04X) cannot appear outside a string", (int)n, text, cp);
    diag_help(g, "names are letters, digits and '_'; put other text in a \"label\"");
    return 0;
}

void scan_number(LexState *st, const char *text, size_t len, Span at, NumLit *out)
{
    *out = (NumLit){.span = at};
    NumStatus s = num_parse_packed(st->arena, text, len, &out->value, &out->decimals);
    if (s == NUM_OK)
        return;
    out->value = packed_none();
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0113", at,
                          "number does not fit in exact 128-bit arithmetic");
    diag_note(g, "BDL keeps every amount exact; at most 38 significant digits are supported");
}

/* Whether text (digits, '_' and commas) groups its digits by three: 1,234 or 22,770,776. */
static bool well_grouped(const char *text, size_t len)
{
    size_t group = 0, groups = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == ',') {
            if ((groups == 0 && (group < 1 || group > 3)) || (groups > 0 && group != 3))
                return false;
            groups++;
            group = 0;
        } else if (text[i] == '_') {
            return false; /* one way of grouping at a time */
        } else {
            group++;
        }
    }
    return group == 3;
}

void scan_grouped_number(LexState *st, const char *text, size_t len, Span at, NumLit *out)
{
    size_t point = strcspn(text, ".");
    if (point > len)
        point = len;
    bool in_call = st->nesting > 0 && st->calls[st->nesting - 1];
    if (!well_grouped(text, point) || in_call) {
        *out = (NumLit){.value = packed_none(), .span = at};
        Diag *g = diag_report(st->diags, SEV_ERROR, "E0120", at, "'%.*s' is %s", (int)len, text,
                              in_call ? "digit grouping in a function's arguments"
                                      : "neither one figure with digit grouping nor a list of values");
        if (in_call)
            diag_help(g, "separate the arguments with ', ' or write the figure without commas");
        else
            diag_help(g, "digits are grouped by three (22,770,776); separate values with ', ' (1, 5); "
                         "decimals follow a point (1.5)");
        return;
    }
    Buf digits = {0};
    for (size_t i = 0; i < len; i++)
        if (text[i] != ',')
            buf_putc(&digits, text[i]);
    scan_number(st, digits.data, digits.len, at, out);
    buf_free(&digits);
    out->grouped = true;
}

void scan_grouping_blank(LexState *st, Span at)
{
    Span comma = {at.file, at.end, at.end + 1};
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0120", comma,
                          "a figure with digit grouping is followed by ', ' and three digits");
    diag_help(g, "one figure has no blank after its commas (1,234,567); two values are separated "
                 "by ', ' and not grouped alike (1,234, 5)");
}

void scan_bad_number(LexState *st, Span at, NumLit *out)
{
    *out = (NumLit){.value = packed_none(), .span = at};
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0108", at, "malformed number");
    diag_help(g, "numbers look like 609.35, 1_234_567.89 or 5%%; a name cannot start with a digit");
}

/* Labels repeat: a budget of a million items may use a few thousand. A string equal to a
 * recent one of the same hash shares its copy (strings are never written to once read).
 * A cache, not a set: a string whose slot holds another is copied, and takes the slot.
 * A slot keeps the string's first and last eight bytes, which are all of a string of up to
 * 16 bytes (most labels): those compare without reading the copy. */
enum { RECENT_BITS = 12 };

struct RecentString {
    uint64_t head, tail;
    const char *text;
    size_t len;
};

char *scan_plain_string(LexState *st, const char *text, size_t len)
{
    check_bidi(st, st->pos - 1 - (uint32_t)len, text, len, "a string");
    if (!st->recent) {
        size_t size = ((size_t)1 << RECENT_BITS) * sizeof *st->recent;
        st->recent = memset(xmalloc(size), 0, size);
    }
    uint64_t head = 0, tail = 0;
    size_t k = len < 8 ? len : 8;
    memcpy(&head, text, k);
    memcpy(&tail, text + len - k, k);
    uint64_t key = (head * 0x9E3779B97F4A7C15ull) ^ ((tail + len) * 0xC2B2AE3D27D4EB4Full);
    struct RecentString *slot = &st->recent[key >> (64 - RECENT_BITS)];
    if (slot->text && slot->len == len && slot->head == head && slot->tail == tail &&
        (len <= 16 || memcmp(slot->text + 8, text + 8, len - 16) == 0))
        return (char *)slot->text;
    char *copy = arena_strndup(st->arena, text, len);
    *slot = (struct RecentString){head, tail, copy, len};
    return copy;
}

void scan_string_begin(LexState *st, uint32_t start)
{
    st->str.len = 0;
    buf_put(&st->str, "", 0);
    st->str_start = start;
}

void scan_string_end(LexState *st, char **out, Span *at)
{
    /* The string as written (flex has not touched those bytes: it scans a copy, or parks its
     * NUL after the closing quote), for what its escapes do not show. */
    check_bidi(st, st->str_start, st->src->text + st->str_start, st->pos - st->str_start, "a string");
    *out = arena_strndup(st->arena, st->str.data ? st->str.data : "", st->str.len);
    *at = (Span){st->file, st->str_start, st->pos};
}

void scan_unterminated(LexState *st, const char *code)
{
    bool triple = strcmp(code, "E0105") == 0;
    Span open = at_bytes(st, st->str_start, triple ? 3 : 1);
    Diag *g = diag_report(st->diags, SEV_ERROR, code, open,
                          triple ? "unterminated multi-line string" : "unterminated string");
    diag_primary(g, "string starts here");
    if (triple)
        st->unclosed_reported = true; /* braces the string swallowed are not a second error */
    diag_help(g, triple ? "close it with \"\"\"" : "close it with \" before the end of the line (use \"\"\" for text over several lines)");
}

void scan_escape(LexState *st, char c)
{
    buf_putc(&st->str, c == 'n' ? '\n' : c == 't' ? '\t' : c);
}

void scan_unicode_escape(LexState *st, Span at, const char *text)
{
    unsigned long cp = 0;
    for (const char *p = text + 3; *p != '}'; p++)
        cp = cp * 16 + (unsigned long)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        Diag *g = diag_report(st->diags, SEV_ERROR, "E0107", at,
                              "\\u{%lX} is not a Unicode scalar value", cp);
        diag_help(g, "use a code point from U+0001 to U+10FFFF, surrogates excluded");
        return;
    }
    char enc[4];
    buf_put(&st->str, enc, utf8_encode((uint32_t)cp, enc));
}

void scan_bad_escape(LexState *st, Span at)
{
    Diag *g = diag_report(st->diags, SEV_ERROR, "E0107", at, "unknown escape sequence");
    diag_help(g, "the escapes are \\\" \\\\ \\n \\t and \\u{XXXX}");
}
