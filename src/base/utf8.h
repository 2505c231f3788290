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
/* Whether s[0..n) holds a control character (a tab only when !tab_allowed). */
bool utf8_has_control(const char *s, size_t n, bool tab_allowed);
/* Terminal columns taken by a code point: 0, 1 or 2. */
int utf8_cp_width(uint32_t cp);
/* Display width of a UTF-8 string of n bytes; malformed bytes count one column each. */
size_t utf8_width(const char *s, size_t n);
/* A copy of s[0..n) safe to show or embed in JSON: invalid UTF-8, NUL and control
 * characters become U+FFFD, line breaks and tabs a space. The caller frees it. */
char *utf8_printable(const char *s, size_t n);
/* Number of code points in s[0..n); malformed bytes count as one each. */
size_t utf8_count(const char *s, size_t n);
/* Levenshtein distance in code points between a and b, capped at `cap`; only the first 64
 * code points of each count (the "did you mean" suggestions use it). Adds the work done
 * (code points read and table cells computed) to *work unless work is NULL. */
size_t edit_distance(const char *a, const char *b, size_t cap, size_t *work);

#endif
