/* book.c - telling a table file's kind and handing it to its reader. */
#include "sheet/book.h"

#include "sheet/csv.h"
#include "sheet/xls.h"
#include "sheet/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static bool has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), m = strlen(ext);
    return n > m && strcasecmp(path + n - m, ext) == 0;
}

/* The first bytes of a regular file; false (with *err) when it cannot be opened. */
static bool first_bytes(const char *path, unsigned char *head, size_t cap, size_t *got, const char **err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *err = strerror(errno);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        *err = "is a directory";
        return false;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = strerror(errno);
        return false;
    }
    *got = fread(head, 1, cap, f);
    fclose(f);
    return true;
}

static bool contains(const void *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp((const char *)hay + i, needle, m) == 0)
            return true;
    return false;
}

/* An encrypted .xlsx is a compound file whose directory names an "EncryptedPackage"
 * stream (in UTF-16). The directory of a small file sits in its first sectors, which is
 * all that is searched: a compound file without that name goes to the .xls reader. */
static bool names_encrypted_package(const char *path)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    enum { SEARCHED = 1 << 20 };
    char *buf = xmalloc(SEARCHED);
    size_t n = fread(buf, 1, SEARCHED, f);
    fclose(f);
    bool found = contains(buf, n, name, sizeof name - 1);
    free(buf);
    return found;
}

static bool compound_file(Workbook *wb, const char *path, Report *d)
{
    wb->format = BOOK_XLS;
    if (names_encrypted_package(path)) {
        Diag *g = report_file(d, SEV_ERROR, "E1002", "%s",
                                  "the workbook is password-protected: an encrypted .xlsx is not a zip but a "
                                  "compound file holding the encrypted package");
        diag_help(g, "open it in Excel, remove the password (File, Info, Protect Workbook) and save it again");
        return false;
    }
    bool not_biff;
    if (xls_read(wb, path, d, &not_biff))
        return true;
    if (not_biff)
        report_file(d, SEV_ERROR, "E1001", "%s", "not a readable workbook: an OLE compound file without a workbook in it");
    return false;
}

/* A file with an Excel name that is neither a zip nor a compound file. Budget systems
 * often export an HTML table named .xls; say so when the text shows it. */
static void not_excel(Report *d, const unsigned char *head, size_t got)
{
    bool html = contains(head, got, "<html", 5) || contains(head, got, "<HTML", 5) ||
                contains(head, got, "<table", 6) || contains(head, got, "<?xml", 5);
    Diag *g = report_file(d, SEV_ERROR, "E1001", "%s", "not a readable workbook: it is neither an .xlsx (a zip archive) nor an .xls");
    if (html)
        diag_note(g, "it starts like an HTML or XML page, which some systems export under an Excel name");
    diag_help(g, "open it in Excel or LibreOffice and save it as .xlsx, or export the table as CSV");
}

bool workbook_read(Workbook *wb, const char *path, char delimiter, Report *d, const char **err)
{
    unsigned char head[512];
    size_t got = 0;
    workbook_init(wb, path, BOOK_CSV);
    report_use(d, wb);
    bool text_name = has_extension(path, ".csv") || has_extension(path, ".tsv") || has_extension(path, ".txt");
    if (strcmp(path, "-") == 0)
        return csv_read(wb, path, delimiter, d, err);
    if (!first_bytes(path, head, sizeof head, &got, err))
        return false;
    if (got >= 4 && memcmp(head, zip_magic, 4) == 0) {
        wb->format = BOOK_XLSX;
        return xlsx_read(wb, path, d);
    }
    if (got >= 8 && memcmp(head, cfb_magic, 8) == 0)
        return compound_file(wb, path, d);
    if (text_name)
        return csv_read(wb, path, has_extension(path, ".tsv") && delimiter == ',' ? '\t' : delimiter, d, err);
    if (has_extension(path, ".xlsx") || has_extension(path, ".xls") || has_extension(path, ".xlsm")) {
        not_excel(d, head, got);
        return false;
    }
    *err = "unknown kind of file: bdl import reads .xlsx, .xls and .csv";
    return false;
}
