/* utf8.h - the few UTF-8 facts the compiler needs: decoding, and display width
 * (a CJK character takes two terminal columns, which carets and fmt alignment respect). */
#ifndef BDL_UTF8_H
#define BDL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one well-formed sequence at s[0..n); returns its length, or 0 when malformed. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp (a valid scalar value) into out; returns the length (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* A control character: C0 (tab and line feed included), DEL or C1 (U+0080-U+009F, which
 * holds CSI, the escape terminals read as ESC [). */
static inline bool utf8_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}
/* Unicode properties, from the tables base/unicode_tables.py generates from the UCD. */
typedef struct UnicodeRange {
    uint32_t lo, hi;
} UnicodeRange;
extern const UnicodeRange unicode_xid_start[], unicode_xid_continue[], unicode_default_ignorable[];
extern const size_t unicode_xid_start_count, unicode_xid_continue_count, unicode_default_ignorable_count;

/* UAX #31: what may start a name, and go on with it (XID_Start, XID_Continue). */
bool utf8_xid_start(uint32_t cp);
bool utf8_xid_continue(uint32_t cp);
/* Default_Ignorable_Code_Point: drawn as nothing (variation selectors, U+3164, tags, ...). */
bool utf8_default_ignorable(uint32_t cp);

/* The explicit bidirectional formatting characters (UAX #9), which reorder the text that
 * follows them as it is shown: openers, and the characters that close them. */
typedef enum BidiControl {
    BIDI_NONE,
    BIDI_EMBEDDING, /* LRE, RLE, LRO, RLO (U+202A, U+202B, U+202D, U+202E) */
    BIDI_ISOLATE,   /* LRI, RLI, FSI (U+2066-U+2068) */
    BIDI_POP_EMBEDDING, /* PDF (U+202C) */
    BIDI_POP_ISOLATE,   /* PDI (U+2069) */
} BidiControl;
BidiControl utf8_bidi_control(uint32_t cp);

/* Whether s[0..n) holds a control character (a tab only when !tab_allowed). */
bool utf8_has_control(const char *s, size_t n, bool tab_allowed);
/* Terminal columns taken by a code point: 0, 1 or 2. */
int utf8_cp_width(uint32_t cp);
/* Display width of a UTF-8 string of n bytes; malformed bytes count one column each. */
size_t utf8_width(const char *s, size_t n);
/* A copy of s[0..n) safe to show or embed in JSON: invalid UTF-8, NUL and control
 * characters (C1 too) become U+FFFD, line breaks and tabs a space. The caller frees it. */
char *utf8_printable(const char *s, size_t n);
/* Number of code points in s[0..n); malformed bytes count as one each. */
size_t utf8_count(const char *s, size_t n);
/* Levenshtein distance in code points between a and b, capped at `cap`; only the first 64
 * code points of each count (the "did you mean" suggestions use it). Adds the work done
 * (code points read and table cells computed) to *work unless work is NULL. */
size_t edit_distance(const char *a, const char *b, size_t cap, size_t *work);

#endif
