/* xlsx_book.h - what the pieces of the workbook emitter share: the workbook being written
 * (libxlsxwriter), its cell formats, its sheet names, and the writing of text and figures.
 * Everything a Book allocates is freed by book_end; libxlsxwriter owns its workbook until
 * workbook_close. */
#ifndef BDL_XLSX_BOOK_H
#define BDL_XLSX_BOOK_H

#include "base/buf.h"
#include "base/map.h"
#include "compile/compile.h"
#include "emit/words.h"

#include <xlsxwriter.h>

/* Rows of a table sheet above its first item: title, unit line, header. */
enum { XLSX_HEAD_ROWS = 3 };

/* How a cell looks: its row's kind decides weight and slant, a failed total is red. */
typedef enum Look { LOOK_PLAIN, LOOK_MEMO, LOOK_BOLD, LOOK_TOTAL, LOOK_FAILED, LOOK_TITLE, LOOK_HEADER } Look;

typedef enum CellKind { CELL_TEXT, CELL_WRAP, CELL_LABEL, CELL_NUMBER, CELL_PERCENT } CellKind;

typedef struct BookFormat {
    CellKind kind;
    Look look;
    int n; /* CELL_LABEL: the indent; CELL_NUMBER, CELL_PERCENT: the decimals shown */
    lxw_format *format;
} BookFormat;

typedef struct Book {
    lxw_workbook *wb;
    Compilation *c;
    const Sema *s;
    const Words *w;
    BookFormat *formats;
    size_t nformats, capformats;
    Map sheet_names; /* the names given, folded to lower case and interned */
    bool several;    /* more than one budget: sheet names start with the budget's ID */
    lxw_error error; /* the first error libxlsxwriter reported */
} Book;

void book_end(Book *bk);
/* The first `max` code points of s, in the compilation's arena. */
char *book_cut(Book *bk, const char *s, size_t max);

/* The format of a cell (made once, then reused). */
lxw_format *book_format(Book *bk, CellKind kind, Look look, int n);
/* A new sheet named `name`, made valid for Excel (31 characters, none of []:*?/\) and
 * unique, with budget b's ID before it when the workbook holds several budgets. */
lxw_worksheet *book_sheet(Book *bk, const Budget *b, const char *name);

/* Text from the spec as a cell holds it: valid UTF-8 and XML characters only (others
 * become U+FFFD; line breaks and tabs stay), at most 32,767 characters. */
void book_text(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *text, lxw_format *f);
/* A figure as a number cell, shown with at least `places` decimals (more when the exact
 * figure has more); returns the display width of the figure shown. */
size_t book_number(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, Num v, int places, Look look);
/* A rate or share v (0.513) shown as a percentage with `places` decimals (51.3%). */
size_t book_percent(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, Num v, int places, Look look);
/* `formula` (=SUM(...)) with its value saved beside it, formatted like book_number. */
size_t book_formula(Book *bk, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *formula, Num v,
                    int places, Look look);
/* Records the first error of a libxlsxwriter call. */
void book_check(Book *bk, lxw_error e);
/* Sets a column's width to fit `width` display columns (a CJK character counts two). */
void book_width(Book *bk, lxw_worksheet *ws, uint32_t col, size_t width, lxw_format *f);

/* The sheets: the overview (xlsx.c), the check results (xlsx_checks.c), the tables
 * (xlsx_table.c). */
void xlsx_checks(Book *bk, const Budget *b, lxw_worksheet *ws);
void xlsx_table(Book *bk, const Budget *b, const Item *group, lxw_worksheet *ws);

/* "label path" for the checks sheet: the label people read, and the item's path when its
 * label is not its ID. The caller frees it. */
char *book_item_name(const Book *bk, const Item *it);
/* An exact figure with its unit ("609.35 万元", "≈0.33333333"), or the word for not stated. */
void book_amount(const Book *bk, Buf *out, Cell v, const char *unit);

#endif
