/* position.h - LSP positions (line, character) and byte offsets into a text. The protocol
 * counts characters in UTF-16 code units, unless client and server agree on UTF-8 or
 * UTF-32 (positionEncoding); a CJK ideograph is one UTF-16 unit and three UTF-8 bytes, an
 * emoji two units and four bytes. Lines end at LF, CRLF or a lone CR, as the protocol and
 * the BDL scanner both say. A LineMap borrows its text and owns its table of line starts. */
#ifndef BDL_LSP_POSITION_H
#define BDL_LSP_POSITION_H

#include <stddef.h>
#include <stdint.h>

typedef enum PosEncoding { ENC_UTF16, ENC_UTF8, ENC_UTF32 } PosEncoding;

typedef struct Position {
    uint32_t line, character;
} Position;

typedef struct LineMap {
    const char *text;
    size_t len;
    uint32_t *starts; /* the byte offset where each line starts */
    size_t nlines;
} LineMap;

void linemap_init(LineMap *m, const char *text, size_t len);
void linemap_free(LineMap *m);

/* The byte offset of p. A line past the last is the end of the text, a character past the
 * end of its line the end of that line, and a position inside a character (between the two
 * units of a surrogate pair, inside a UTF-8 sequence) the start of that character. */
size_t linemap_offset(const LineMap *m, Position p, PosEncoding enc);
/* The position of a byte offset (clamped to the text); inside a character, its start. */
Position linemap_position(const LineMap *m, size_t offset, PosEncoding enc);

/* "utf-16", "utf-8", "utf-32". */
const char *pos_encoding_name(PosEncoding enc);

#endif
