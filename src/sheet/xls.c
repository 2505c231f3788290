/* xls.c - .xls workbooks through freexl, cell by cell. */
#include "sheet/xls.h"

#include "sheet/decimal.h"

#include <freexl.h>
#include <stdio.h>
#include <string.h>

static const char *freexl_reason(int code)
{
    switch (code) {
    case FREEXL_FILE_NOT_FOUND:
        return "the file cannot be opened";
    case FREEXL_INSUFFICIENT_MEMORY:
        return "out of memory";
    case FREEXL_CRAFTED_FILE:
        return "the file is damaged in a way that looks deliberate";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return "the compound file holds no workbook";
    default:
        return "the file is damaged or is not an Excel 97-2003 workbook";
    }
}

/* A number cell's text: the double's shortest round-trip text, as General shows it. */
static void number_text(double v, char out[DECIMAL_MAX])
{
    char shortest[32];
    decimal_from_double(v, shortest);
    if (!decimal_round(shortest, DECIMALS_GENERAL, out))
        snprintf(out, DECIMAL_MAX, "%s", shortest);
}

static bool cell_of(const FreeXL_CellValue *v, SheetCell *c, char text[DECIMAL_MAX])
{
    c->text = text;
    switch (v->type) {
    case FREEXL_CELL_INT:
        c->kind = CELL_NUMBER, c->decimals = DECIMALS_GENERAL;
        snprintf(text, DECIMAL_MAX, "%d", v->value.int_value);
        return true;
    case FREEXL_CELL_DOUBLE:
        c->kind = CELL_NUMBER, c->decimals = DECIMALS_GENERAL;
        number_text(v->value.double_value, text);
        return true;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        c->kind = CELL_TEXT, c->text = v->value.text_value;
        return *c->text != '\0';
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        c->kind = CELL_DATE, c->text = v->value.text_value;
        return true;
    default:
        return false;
    }
}

static bool read_sheet(Workbook *wb, Report *d, const void *h, unsigned index)
{
    const char *name = NULL;
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_get_worksheet_name(h, (unsigned short)index, &name) != FREEXL_OK ||
        freexl_select_active_worksheet(h, (unsigned short)index) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
        report_file(d, SEV_ERROR, "E1001", "sheet %u of the workbook cannot be read", index + 1);
        return false;
    }
    Sheet *s = workbook_add_sheet(wb, name ? name : "");
    bool ok = true;
    for (unsigned r = 0; r < rows && ok; r++) {
        for (unsigned short c = 0; c < cols && ok; c++) {
            FreeXL_CellValue v;
            char text[DECIMAL_MAX];
            SheetCell cell = {.row = r, .col = c};
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK || !cell_of(&v, &cell, text))
                continue;
            if (strlen(cell.text) > SHEET_MAX_CELL_BYTES || !sheet_add(wb, s, &cell)) {
                report_cell(d, SEV_ERROR, "E1003", wb->nsheets - 1, r, c, "%s",
                                strlen(cell.text) > SHEET_MAX_CELL_BYTES ? "the cell holds more than 128 KiB of text"
                                                                        : "the workbook has more than 8,000,000 cells");
                ok = false;
            }
        }
    }
    sheet_finish(s);
    return ok;
}

static bool read_book(Workbook *wb, Report *d, const void *h)
{
    unsigned int password = 0, sheets = 0, datemode = 0;
    freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password);
    if (password == FREEXL_BIFF_OBFUSCATED) {
        Diag *g = report_file(d, SEV_ERROR, "E1002", "%s", "the workbook is password-protected (encrypted)");
        diag_help(g, "open it in Excel, remove the password (File, Info, Protect Workbook) and save it again");
        return false;
    }
    freexl_get_info(h, FREEXL_BIFF_DATEMODE, &datemode);
    wb->date1904 = datemode == FREEXL_BIFF_DATEMODE_1904;
    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &sheets);
    if (sheets > SHEET_MAX_SHEETS) {
        report_file(d, SEV_ERROR, "E1003", "the workbook has %u sheets, more than the 256 bdl import reads", sheets);
        return false;
    }
    bool ok = true;
    for (unsigned i = 0; i < sheets && ok; i++)
        ok = read_sheet(wb, d, h, i);
    return ok;
}

bool xls_read(Workbook *wb, const char *path, Report *d, bool *not_biff)
{
    const void *h = NULL;
    report_use(d, wb);
    *not_biff = false;
    int code = freexl_open(path, &h);
    bool ok = code == FREEXL_OK;
    if (ok)
        ok = read_book(wb, d, h);
    else if (code == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
        *not_biff = true;
    else
        report_file(d, SEV_ERROR, "E1001", "not a readable .xls workbook: %s", freexl_reason(code));
    if (h)
        freexl_close(h);
    return ok;
}
