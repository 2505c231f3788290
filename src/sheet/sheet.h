/* sheet.h - the model every table reader fills: a workbook of sheets of cells. A cell has
 * its kind, its text as stored (a number as exact decimal text, never a double), the
 * decimals its number format shows, and where it came from; each sheet lists its merged
 * ranges. A Workbook owns everything in it: the strings live in its arena, the arrays
 * are its own, and workbook_free releases all of it. */
#ifndef BDL_SHEET_H
#define BDL_SHEET_H

#include "base/arena.h"
#include "base/source.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum SheetCellKind {
    CELL_EMPTY,
    CELL_TEXT,    /* a string */
    CELL_NUMBER,  /* text: the decimal, rounded to the decimals its format shows */
    CELL_BOOL,    /* text: TRUE or FALSE */
    CELL_ERROR,   /* text: the error as stored, #DIV/0! */
    CELL_DATE,    /* a number shown as a date; text: YYYY-MM-DD (with the time if any) */
    CELL_FORMULA, /* a formula without a cached value; text: the formula */
} SheetCellKind;

enum { DECIMALS_GENERAL = -1 }; /* a format that shows as many digits as needed */

enum { CELL_PERCENT = 1 }; /* flags: the number is shown as a percentage */

typedef struct SheetCell {
    const char *text; /* NUL-terminated, never NULL ("" for an empty cell) */
    uint32_t row, col;  /* 0-based */
    uint32_t at, end;   /* CSV: the field's bytes [at, end) in the workbook's source */
    uint8_t kind;       /* SheetCellKind */
    int8_t decimals;    /* numbers: the decimals shown (DECIMALS_GENERAL: General) */
    uint8_t indent;     /* the format's indentation level (xlsx), 0 elsewhere */
    uint8_t flags;
} SheetCell;

typedef struct Merge {
    uint32_t row, col, rows, cols; /* the top-left cell and the size */
} Merge;

typedef struct Sheet {
    const char *name;
    SheetCell *cells; /* in row-major order once sheet_finish has run */
    size_t ncells, cap;
    Merge *merges;
    size_t nmerges, merges_cap;
    uint32_t nrows, ncols; /* one past the last row and column holding a cell */
    size_t *row_start;     /* row r's cells are cells[row_start[r] .. row_start[r + 1]) */
} Sheet;

typedef enum WorkbookFormat { BOOK_CSV, BOOK_XLSX, BOOK_XLS } WorkbookFormat;

typedef struct Workbook {
    Arena arena;
    char *path;     /* as given on the command line */
    WorkbookFormat format;
    Sheet *sheets;
    size_t nsheets, cap;
    size_t ncells;  /* in all its sheets, bounded by SHEET_MAX_CELLS */
    bool date1904;  /* xlsx/xls: dates count from 1904 */
    /* CSV: its text, so that a cell has a line and a column (owned by the Report the
     * reader reported to, at index source_file of its Sources); else NULL. */
    Source *source;
    uint32_t source_file;
} Workbook;

/* Limits that bound time and memory whatever the file (docs/limits.md). */
enum {
    SHEET_MAX_SHEETS = 256,
    SHEET_MAX_ROWS = 1048576, /* Excel's own limits */
    SHEET_MAX_COLS = 16384,
    SHEET_MAX_CELLS = 8000000,           /* non-empty cells in a workbook */
    SHEET_MAX_CELL_BYTES = 128 * 1024,   /* a cell's text */
    SHEET_MAX_PART_BYTES = 256u << 20,   /* one part of an .xlsx, inflated */
    SHEET_MAX_BOOK_BYTES = 1024u << 20,  /* all parts of an .xlsx, inflated */
    SHEET_MAX_FILE_BYTES = 256u << 20,   /* a CSV or .xls file on disk */
};

void workbook_init(Workbook *wb, const char *path, WorkbookFormat format);
void workbook_free(Workbook *wb);
Sheet *workbook_add_sheet(Workbook *wb, const char *name);
/* Adds a cell (its text copied into the arena); false when SHEET_MAX_CELLS is reached. */
bool sheet_add(Workbook *wb, Sheet *s, const SheetCell *c);
/* The same for a text that already lives in wb's arena (a shared string): not copied. */
bool sheet_add_kept(Workbook *wb, Sheet *s, const SheetCell *c);
void sheet_add_merge(Sheet *s, Merge m);
/* Sorts the cells into row-major order (readers may add them in any order) and builds
 * the row index. Two cells at one address keep the last one added. */
void sheet_finish(Sheet *s);
/* The cell at (row, col), or NULL when there is none or it is empty. */
const SheetCell *sheet_cell(const Sheet *s, uint32_t row, uint32_t col);
/* The same, but an empty cell that was stored (a CSV's empty field, with its place) too. */
const SheetCell *sheet_cell_at(const Sheet *s, uint32_t row, uint32_t col);
/* The merged range covering (row, col), or NULL. */
const Merge *sheet_merge_at(const Sheet *s, uint32_t row, uint32_t col);

/* "C7" for row 6, column 2 (0-based). */
void cell_name(uint32_t row, uint32_t col, char out[16]);
/* "C" for column 2. */
void column_name(uint32_t col, char out[8]);
/* Parses "C7" (or "$C$7"); false when it is not a cell reference within the limits. */
bool cell_parse(const char *s, size_t len, uint32_t *row, uint32_t *col);

#endif
