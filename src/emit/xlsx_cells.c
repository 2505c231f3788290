/* xlsx_cells.c - the workbook's cells: formats made once and reused, sheet names Excel
 * accepts, text cleaned for XML, and figures written as numbers.
 *
 * Figures are exact rationals everywhere else in bdl; a spreadsheet cell holds a double.
 * book_number is the one place a figure becomes one: its exact decimal text is read with
 * strtod, so the cell holds the double nearest the exact figure (the figure itself when it
 * has at most 15 significant digits, which is what Excel keeps). No amount is computed in
 * floating point: sums stay the spreadsheet's SUM formulas, whose saved values are the
 * checker's exact sums converted the same way. */
#include "emit/xlsx_book.h"

#include "base/intern.h"
#include "base/show.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "emit/layout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_CELL_CHARS = 32767, /* Excel's limit on the characters of a cell */
    MAX_INDENT = 15,
    GREY = 0x595959,
    HEADER_FILL = 0xF2F2F2,
};

void book_end(Book *bk)
{
    free(bk->formats);
    map_free(&bk->sheet_names);
}

void book_check(Book *bk, lxw_error e)
{
    if (e != LXW_NO_ERROR && bk->error == LXW_NO_ERROR)
        bk->error = e;
}

static void look_of(lxw_format *f, Look look)
{
    switch (look) {
    case LOOK_PLAIN: break;
    case LOOK_MEMO: format_set_italic(f), format_set_font_color(f, GREY); break;
    case LOOK_BOLD: format_set_bold(f); break;
    case LOOK_TOTAL: format_set_bold(f), format_set_top(f, LXW_BORDER_THIN); break;
    case LOOK_FAILED: format_set_bold(f), format_set_font_color(f, LXW_COLOR_RED); break;
    case LOOK_TITLE: format_set_bold(f), format_set_font_size(f, 14); break;
    case LOOK_HEADER:
        format_set_bold(f), format_set_text_wrap(f), format_set_bg_color(f, HEADER_FILL);
        format_set_bottom(f, LXW_BORDER_THIN), format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        break;
    }
}

/* "#,##0.00" for two decimals: digits grouped by thousands, as the page shows them; a
 * percentage "0.0%" for one. */
static void number_format(lxw_format *f, int places, bool percent)
{
    char spec[32];
    strcpy(spec, percent ? "0" : "#,##0");
    size_t n = strlen(spec);
    if (places > 0) {
        spec[n++] = '.';
        memset(spec + n, '0', (size_t)places);
        n += (size_t)places;
    }
    strcpy(spec + n, percent ? "%" : "");
    format_set_num_format(f, spec);
}

lxw_format *book_format(Book *bk, CellKind kind, Look look, int n)
{
    for (size_t i = 0; i < bk->nformats; i++) {
        const BookFormat *bf = &bk->formats[i];
        if (bf->kind == kind && bf->look == look && bf->n == n)
            return bf->format;
    }
    lxw_format *f = workbook_add_format(bk->wb);
    look_of(f, look);
    if (kind == CELL_WRAP)
        format_set_text_wrap(f), format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    else if (kind == CELL_LABEL && n > 0)
        format_set_indent(f, (uint8_t)(n < MAX_INDENT ? n : MAX_INDENT));
    else if (kind == CELL_NUMBER || kind == CELL_PERCENT)
        number_format(f, n, kind == CELL_PERCENT);
    VEC_GROW(bk->formats, bk->nformats, bk->capformats);
    bk->formats[bk->nformats++] = (BookFormat){kind, look, n, f};
    return f;
}

/* ---- text ------------------------------------------------------------------------ */

/* Code points XML 1.0 does not allow in a document. */
static bool not_xml(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF;
}

/* s cleaned for a cell (see book_text), cut to `max` code points with "…" as the last. */
static void clean_text(Buf *out, const char *s, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), count = 0;
    buf_put(out, "", 0);
    for (size_t i = 0; i < n; count++) {
        if (count + 1 == max && utf8_count(s + i, n - i) > 1) {
            buf_puts(out, "\xE2\x80\xA6"); /* … */
            return;
        }
        uint32_t cp = u[i];
        size_t len = u[i] < 0x80 ? 1 : utf8_decode(u + i, n - i, &cp);
        if (len == 0 || not_xml(cp))
            buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
        else
            buf_put(out, s + i, len);
        i += len ? len : 1;
    }
}

void book_text(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return;
    Buf t = {0};
    clean_text(&t, text, MAX_CELL_CHARS);
    book_check(bk, worksheet_write_string(ws, row, (lxw_col_t)col, t.data, f));
    buf_free(&t);
}

/* ---- sheet names ------------------------------------------------------------------ */

/* Excel's rules: at most 31 characters, none of []:*?/\, no ' first or last, not empty. */
static void sheet_name_text(Buf *out, const char *name)
{
    Buf t = {0};
    clean_text(&t, name, SIZE_MAX);
    for (char *p = t.data; *p; p++)
        if (strchr("[]:*?/\\\n\t", *p))
            *p = '_';
    char *start = t.data;
    while (*start == '\'')
        start++;
    size_t len = strlen(start);
    while (len && start[len - 1] == '\'')
        len--;
    buf_put(out, start, len);
    if (out->len == 0)
        buf_puts(out, "Sheet");
    buf_free(&t);
}

/* The bytes of the first `max` code points of s. */
static size_t prefix_bytes(const char *s, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    for (size_t count = 0; i < n && count < max; count++) {
        uint32_t cp;
        size_t len = u[i] < 0x80 ? 1 : utf8_decode(u + i, n - i, &cp);
        i += len ? len : 1;
    }
    return i;
}

char *book_cut(Book *bk, const char *s, size_t max)
{
    return arena_strndup(&bk->c->arena, s, prefix_bytes(s, max));
}

/* Excel compares sheet names without regard to case. */
static const char *folded(Book *bk, const char *name)
{
    Buf f = {0};
    for (const char *p = name; *p; p++)
        buf_putc(&f, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
    const char *key = intern(&bk->c->interns, f.data, f.len);
    buf_free(&f);
    return key;
}

lxw_worksheet *book_sheet(Book *bk, const Budget *b, const char *name)
{
    Buf base = {0}, full = {0};
    if (bk->several)
        buf_printf(&full, "%s ", b->id);
    buf_puts(&full, name);
    sheet_name_text(&base, full.data);
    Buf candidate = {0};
    for (unsigned k = 1;; k++) {
        char suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, " (%u)", k);
        candidate.len = 0;
        buf_put(&candidate, base.data, prefix_bytes(base.data, LXW_SHEETNAME_MAX - strlen(suffix)));
        buf_puts(&candidate, suffix);
        const char *key = folded(bk, candidate.data);
        if (!map_get(&bk->sheet_names, key, NULL)) {
            map_put(&bk->sheet_names, key, NULL, (void *)key);
            break;
        }
    }
    lxw_worksheet *ws = workbook_add_worksheet(bk->wb, candidate.data);
    if (!ws)
        book_check(bk, LXW_ERROR_MEMORY_MALLOC_FAILED);
    buf_free(&base), buf_free(&full), buf_free(&candidate);
    return ws;
}

/* ---- figures ----------------------------------------------------------------------- */

/* The double nearest v, and how many decimals v has (its exact decimal's, else all that
 * are shown). */
static double cell_double(Num v, int *decimals)
{
    char s[NUM_STR_MAX];
    if (num_is_decimal(v)) {
        num_format(v, s);
        const char *dot = strchr(s, '.');
        *decimals = dot ? (int)strlen(dot + 1) : 0;
    } else {
        num_format_fixed(v, LAYOUT_MAX_PLACES, s);
        *decimals = LAYOUT_MAX_PLACES;
    }
    return strtod(s, NULL);
}

/* Display width of v shown with `places` decimals and grouped digits. */
static size_t shown_width(Num v, int places)
{
    char s[NUM_STR_MAX];
    num_format_fixed(v, places, s);
    size_t digits = strcspn(s + (s[0] == '-'), ".");
    return strlen(s) + (digits - 1) / 3;
}

static int shown_places(int places, int decimals)
{
    int p = decimals > places ? decimals : places;
    return p < LAYOUT_MAX_PLACES ? p : LAYOUT_MAX_PLACES;
}

size_t book_number(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, Num v, int places, Look look)
{
    int decimals;
    double d = cell_double(v, &decimals);
    places = shown_places(places, decimals);
    book_check(bk, worksheet_write_number(ws, row, (lxw_col_t)col, d, book_format(bk, CELL_NUMBER, look, places)));
    return shown_width(v, places);
}

size_t book_percent(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, Num v, int places, Look look)
{
    int decimals;
    double d = cell_double(v, &decimals);
    places = places < LAYOUT_MAX_PLACES ? places : LAYOUT_MAX_PLACES;
    book_check(bk, worksheet_write_number(ws, row, (lxw_col_t)col, d, book_format(bk, CELL_PERCENT, look, places)));
    return (size_t)places + 6;
}

size_t book_formula(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *formula, Num v,
                    int places, Look look)
{
    int decimals;
    double d = cell_double(v, &decimals);
    places = shown_places(places, decimals);
    lxw_format *f = book_format(bk, CELL_NUMBER, look, places);
    book_check(bk, worksheet_write_formula_num(ws, row, (lxw_col_t)col, formula, f, d));
    return shown_width(v, places);
}

void book_width(Book *bk, lxw_worksheet *ws, uint32_t col, size_t width, lxw_format *f)
{
    book_check(bk, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, (double)width + 2, f));
}

/* ---- words for the checks sheet ------------------------------------------------------ */

char *book_item_name(const Book *bk, const Item *it)
{
    Buf t = {0};
    buf_puts(&t, sema_label(bk->s, it));
    if (sema_given_label(bk->s, it)) {
        char *path = item_path(it);
        buf_printf(&t, " %s", path);
        free(path);
    }
    return buf_take(&t);
}

void book_amount(const Book *bk, Buf *out, Cell v, const char *unit)
{
    if (cell_stated(v))
        show_amount(out, cell_value(v), unit);
    else
        buf_puts(out, bk->w->not_stated_in);
}
