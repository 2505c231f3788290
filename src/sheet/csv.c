/* csv.c - CSV files: the encoding check, then RFC 4180 fields with their places. */
#include "sheet/csv.h"

#include "base/buf.h"
#include "base/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct Reader {
    Workbook *wb;
    Sheet *sheet;
    Report *d;
    const char *text;
    size_t len, i;
    uint32_t file; /* the Source's index among d's spans */
    char delim;
    uint32_t row, col;
    Buf field;
} Reader;

/* True when the whole text converts from GB18030 (of which GBK and GB2312 are subsets):
 * only then does the message say what the text probably is. */
static bool looks_gb18030(const char *text, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return false;
    char out[4096];
    char *in = (char *)text;
    size_t left = len;
    bool ok = true;
    while (left > 0 && ok) {
        char *o = out;
        size_t room = sizeof out;
        ok = iconv(cd, &in, &left, &o, &room) != (size_t)-1 || errno == E2BIG;
    }
    iconv_close(cd);
    return ok;
}

/* The first byte that is not valid UTF-8 text (or is NUL), or len when there is none. */
static size_t first_bad_byte(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (n == 0 || cp == 0)
            return i;
        i += n;
    }
    return len;
}

static bool check_encoding(Reader *r)
{
    size_t bad = first_bad_byte(r->text, r->len);
    if (bad == r->len)
        return true;
    Diag *g = report_span(r->d, SEV_ERROR, "E1009", (Span){r->file, (uint32_t)bad, (uint32_t)bad + 1},
                              "this CSV file is not UTF-8 text");
    if (looks_gb18030(r->text, r->len)) {
        diag_note(g, "the whole file reads as GB18030 (GBK), the encoding Chinese Excel saves CSV in");
        diag_help(g, "convert it first: iconv -f GB18030 -t UTF-8 FILE.csv > FILE-utf8.csv "
                     "(or in Excel: Save As, 'CSV UTF-8')");
    } else {
        diag_help(g, "save the file as UTF-8 text (in Excel: Save As, 'CSV UTF-8')");
    }
    return false;
}

static bool too_large(Reader *r, size_t at, const char *what, unsigned long limit)
{
    report_span(r->d, SEV_ERROR, "E1003", (Span){r->file, (uint32_t)at, (uint32_t)at + 1},
                    "%s: more than %lu, the most bdl import reads", what, limit);
    return false;
}

static bool add_field(Reader *r, size_t at, size_t end)
{
    if (r->col >= SHEET_MAX_COLS)
        return too_large(r, at, "too many columns", SHEET_MAX_COLS);
    SheetCell c = {.text = r->field.data ? r->field.data : "", .row = r->row, .col = r->col,
              .at = (uint32_t)at, .end = (uint32_t)end, .kind = r->field.len ? CELL_TEXT : CELL_EMPTY};
    if (!sheet_add(r->wb, r->sheet, &c))
        return too_large(r, at, "too many cells", SHEET_MAX_CELLS);
    r->field.len = 0;
    if (r->field.data)
        r->field.data[0] = '\0';
    return true;
}

static bool is_line_end(const Reader *r, size_t i)
{
    return i >= r->len || r->text[i] == '\n' || (r->text[i] == '\r' && i + 1 < r->len && r->text[i + 1] == '\n');
}

/* A quoted field from r->i (the opening quote); r->i ends after the closing quote. */
static bool quoted(Reader *r)
{
    size_t open = r->i++;
    for (;;) {
        if (r->i >= r->len) {
            Diag *g = report_span(r->d, SEV_ERROR, "E1010", (Span){r->file, (uint32_t)open, (uint32_t)open + 1},
                                      "quoted field is never closed");
            diag_help(g, "add the closing \" (a quote inside a quoted field is written \"\")");
            return false;
        }
        char c = r->text[r->i];
        if (c == '"' && r->i + 1 < r->len && r->text[r->i + 1] == '"') {
            buf_putc(&r->field, '"'), r->i += 2;
        } else if (c == '"') {
            r->i++;
            return true;
        } else if (c == '\r' && r->i + 1 < r->len && r->text[r->i + 1] == '\n') {
            r->i++; /* a CRLF inside a field is kept as a line feed */
        } else {
            buf_putc(&r->field, c), r->i++;
        }
        if (r->field.len > SHEET_MAX_CELL_BYTES)
            return too_large(r, open, "field longer than the limit in bytes", SHEET_MAX_CELL_BYTES);
    }
}

static bool unquoted(Reader *r)
{
    size_t start = r->i;
    while (r->i < r->len && r->text[r->i] != r->delim && !is_line_end(r, r->i))
        r->i++;
    if (r->i - start > SHEET_MAX_CELL_BYTES)
        return too_large(r, start, "field longer than the limit in bytes", SHEET_MAX_CELL_BYTES);
    buf_put(&r->field, r->text + start, r->i - start);
    return true;
}

/* One field and what follows it: a delimiter, a line end or the end of the text. */
static bool field(Reader *r)
{
    size_t at = r->i;
    bool ok = r->i < r->len && r->text[r->i] == '"' ? quoted(r) : unquoted(r);
    if (!ok)
        return false;
    if (!is_line_end(r, r->i) && r->text[r->i] != r->delim) {
        Diag *g = report_span(r->d, SEV_ERROR, "E1010", (Span){r->file, (uint32_t)r->i, (uint32_t)r->i + 1},
                                  "text after the closing quote of a field");
        diag_help(g, "quote the whole field, writing each \" inside it as \"\"");
        return false;
    }
    if (!add_field(r, at, r->i))
        return false;
    if (r->i < r->len && r->text[r->i] == r->delim) {
        r->i++, r->col++;
        return true;
    }
    r->i += r->i < r->len && r->text[r->i] == '\r' ? 2 : 1; /* the line end */
    r->col = 0;
    if (++r->row >= SHEET_MAX_ROWS && r->i < r->len)
        return too_large(r, r->i, "too many rows", SHEET_MAX_ROWS);
    return true;
}

static char *sheet_name_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *name = xmalloc(n + 1);
    memcpy(name, base, n);
    name[n] = '\0';
    return name;
}

static bool too_big_on_disk(const char *path, const char **err)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > SHEET_MAX_FILE_BYTES) {
        *err = "file is larger than 256 MiB, the largest table bdl import reads";
        return true;
    }
    return false;
}

bool csv_read(Workbook *wb, const char *path, char delimiter, Report *d, const char **err)
{
    if (too_big_on_disk(path, err))
        return false;
    Source *src = source_read(path, err);
    if (!src)
        return false;
    Reader r = {.wb = wb, .d = d, .text = src->text, .len = src->len, .delim = delimiter};
    r.file = report_add_source(d, src);
    wb->source = src, wb->source_file = r.file;
    char *name = sheet_name_of(path);
    r.sheet = workbook_add_sheet(wb, name);
    free(name);
    if (r.len >= 3 && memcmp(r.text, "\xEF\xBB\xBF", 3) == 0)
        r.i = 3;
    bool ok = check_encoding(&r);
    while (ok && r.i < r.len)
        ok = field(&r);
    buf_free(&r.field);
    sheet_finish(r.sheet);
    return ok;
}
