/* xlsx.c - .xlsx workbooks: parts streamed out of the zip into expat, one set of element
 * handlers per kind of part (relationships, workbook, shared strings, styles, sheets). */
#include "sheet/xlsx.h"

#include "base/buf.h"
#include "sheet/decimal.h"
#include "sheet/numfmt.h"
#include "base/vec.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct Rel {
    char *id, *target, *type;
} Rel;

typedef struct SheetRef {
    char *name, *rid;
} SheetRef;

typedef struct Style {
    NumFmt fmt;
    uint8_t indent;
} Style;

typedef struct CustomFmt {
    int id;
    NumFmt fmt;
} CustomFmt;

/* The cell being read: its attributes and the text of its <v>, <f> and <is>. */
typedef struct CellState {
    uint32_t row, col;
    int style;
    char type[12];
    bool has_v, has_f;
    int collect; /* 0: nothing, 'v', 'f' or 'i' (an inline string's <t>) */
    Buf v, f, inl;
} CellState;

typedef struct Xlsx {
    Workbook *wb;
    Report *d;
    zip_t *zip;
    XML_Parser parser;
    const char *part;
    size_t part_bytes, book_bytes;
    bool stopped; /* a handler reported a problem and stopped the parser */
    char *book_part;
    Rel *rels;
    size_t nrels, rels_cap;
    SheetRef *refs;
    size_t nrefs, refs_cap;
    const char **strings;
    size_t nstrings, strings_cap;
    Buf si;        /* the shared string being read */
    int si_depth;  /* inside <si>: 1; inside its <rPh> (phonetic guide): 2 */
    bool in_t;
    Style *styles;
    size_t nstyles, styles_cap;
    CustomFmt *fmts;
    size_t nfmts, fmts_cap;
    bool in_cell_xfs;
    size_t sheet_index; /* the workbook sheet being read */
    uint32_t row_number; /* 1-based: the <row> being read (0 before the first) */
    CellState cell;
} Xlsx;

static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* Stops the parse after a handler's own diagnostic. */
static void stop(Xlsx *x)
{
    x->stopped = true;
    XML_StopParser(x->parser, XML_FALSE);
}

static Diag *part_error(Xlsx *x, const char *code, const char *fmt, const char *arg)
{
    Diag *g = report_file(x->d, SEV_ERROR, code, fmt, arg);
    diag_note(g, "in the workbook's part %s", x->part);
    return g;
}

static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
                                   int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    Xlsx *x = ud;
    Diag *g = part_error(x, "E1008", "%s", "the workbook's XML declares a DOCTYPE, which bdl import refuses");
    diag_note(g, "Excel never writes one; a document type can declare entities that expand without bound");
    stop(x);
}

/* --- streaming one part ------------------------------------------------------------ */

typedef struct Handlers {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;
} Handlers;

static bool too_large(Xlsx *x)
{
    bool part = x->part_bytes > SHEET_MAX_PART_BYTES;
    Diag *g = part_error(x, "E1003", "%s", part ? "a part of the workbook inflates to more than 256 MiB"
                                                : "the workbook inflates to more than 1 GiB");
    diag_note(g, "reading stopped at the limit: a real budget workbook is a few megabytes");
    return false;
}

static bool feed(Xlsx *x, zip_file_t *zf)
{
    char buf[64 * 1024];
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, sizeof buf);
        if (n < 0) {
            part_error(x, "E1001", "the workbook is damaged: %s", zip_file_strerror(zf));
            return false;
        }
        x->part_bytes += (size_t)n, x->book_bytes += (size_t)n;
        if (x->part_bytes > SHEET_MAX_PART_BYTES || x->book_bytes > SHEET_MAX_BOOK_BYTES)
            return too_large(x);
        if (XML_Parse(x->parser, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (x->stopped)
                return false;
            Diag *g = part_error(x, "E1001", "the workbook's XML is malformed: %s",
                                 XML_ErrorString(XML_GetErrorCode(x->parser)));
            diag_note(g, "at line %lu, column %lu of that part", (unsigned long)XML_GetCurrentLineNumber(x->parser),
                      (unsigned long)XML_GetCurrentColumnNumber(x->parser));
            return false;
        }
        if (n == 0)
            return !x->stopped;
    }
}

static XML_Parser new_parser(Xlsx *x, Handlers h)
{
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (!p)
        abort(); /* out of memory, as xmalloc would */
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, h.start, h.end);
    if (h.text)
        XML_SetCharacterDataHandler(p, h.text);
    XML_SetStartDoctypeDeclHandler(p, refuse_doctype);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    return p;
}

/* Streams part `name` through the handlers. A missing part is an error when required. */
static bool read_part(Xlsx *x, const char *name, Handlers h, bool required)
{
    x->part = name;
    zip_int64_t idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (required)
            part_error(x, "E1001", "%s", "the workbook lacks a part every .xlsx has");
        return !required;
    }
    zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
    if (!zf) {
        bool locked = zip_error_code_zip(zip_get_error(x->zip)) == ZIP_ER_NOPASSWD;
        part_error(x, locked ? "E1002" : "E1001", "the workbook's part cannot be read: %s", zip_strerror(x->zip));
        return false;
    }
    x->parser = new_parser(x, h);
    x->part_bytes = 0;
    x->stopped = false;
    bool ok = feed(x, zf);
    XML_ParserFree(x->parser);
    x->parser = NULL;
    zip_fclose(zf);
    return ok;
}

/* --- relationships and the workbook -------------------------------------------------- */

static void XMLCALL rel_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xlsx *x = ud;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target"), *type = attr(atts, "Type");
    if (strcmp(local(name), "Relationship") != 0 || !id || !target)
        return;
    VEC_GROW(x->rels, x->nrels, x->rels_cap);
    x->rels[x->nrels++] = (Rel){xstrdup(id), xstrdup(target), xstrdup(type ? type : "")};
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void free_rels(Xlsx *x)
{
    for (size_t i = 0; i < x->nrels; i++)
        free(x->rels[i].id), free(x->rels[i].target), free(x->rels[i].type);
    free(x->rels);
    x->rels = NULL;
    x->nrels = x->rels_cap = 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* A relationship's target as a part name: relative to the folder of `from`, or absolute. */
static char *resolve(const char *from, const char *target)
{
    if (target[0] == '/')
        return xstrdup(target + 1);
    const char *slash = strrchr(from, '/');
    int dir = slash ? (int)(slash - from + 1) : 0;
    return str_printf("%.*s%s", dir, from, target);
}

static const Rel *rel_of_type(const Xlsx *x, const char *type_tail)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (ends_with(x->rels[i].type, type_tail))
            return &x->rels[i];
    return NULL;
}

static bool find_book(Xlsx *x)
{
    if (!read_part(x, "_rels/.rels", (Handlers){rel_start, no_end, NULL}, false))
        return false;
    const Rel *r = rel_of_type(x, "/officeDocument");
    x->book_part = r ? resolve("", r->target) : xstrdup("xl/workbook.xml");
    free_rels(x);
    char *rels = resolve(x->book_part, "_rels/");
    char *path = str_printf("%s%s.rels", rels, strrchr(x->book_part, '/') ? strrchr(x->book_part, '/') + 1 : x->book_part);
    bool ok = read_part(x, path, (Handlers){rel_start, no_end, NULL}, true);
    free(rels), free(path);
    return ok;
}

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        x->wb->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0 && attr(atts, "name") && attr(atts, "id")) {
        VEC_GROW(x->refs, x->nrefs, x->refs_cap);
        x->refs[x->nrefs++] = (SheetRef){xstrdup(attr(atts, "name")), xstrdup(attr(atts, "id"))};
    }
}

/* --- shared strings ------------------------------------------------------------------ */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    Xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "si") == 0)
        x->si_depth = 1, x->si.len = 0, buf_put(&x->si, "", 0);
    else if (strcmp(el, "rPh") == 0 && x->si_depth)
        x->si_depth = 2;
    else if (strcmp(el, "t") == 0 && x->si_depth == 1)
        x->in_t = true;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    Xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "t") == 0) {
        x->in_t = false;
    } else if (strcmp(el, "rPh") == 0 && x->si_depth) {
        x->si_depth = 1;
    } else if (strcmp(el, "si") == 0) {
        if (x->nstrings >= SHEET_MAX_CELLS) {
            part_error(x, "E1003", "%s", "the workbook has more shared strings than bdl import reads (8,000,000)");
            stop(x);
            return;
        }
        VEC_GROW(x->strings, x->nstrings, x->strings_cap);
        x->strings[x->nstrings++] = arena_strndup(&x->wb->arena, x->si.data, x->si.len);
        x->si_depth = 0;
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    Xlsx *x = ud;
    if (!x->in_t || x->si_depth != 1)
        return;
    if (x->si.len + (size_t)len > SHEET_MAX_CELL_BYTES) {
        part_error(x, "E1003", "%s", "a shared string is longer than 128 KiB, the most bdl import reads in a cell");
        stop(x);
        return;
    }
    buf_put(&x->si, s, (size_t)len);
}

/* --- styles -------------------------------------------------------------------------- */

static NumFmt fmt_of(const Xlsx *x, int id)
{
    for (size_t i = 0; i < x->nfmts; i++)
        if (x->fmts[i].id == id)
            return x->fmts[i].fmt;
    return numfmt_builtin(id);
}

static void XMLCALL style_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "numFmt") == 0 && attr(atts, "numFmtId") && attr(atts, "formatCode")) {
        VEC_GROW(x->fmts, x->nfmts, x->fmts_cap);
        x->fmts[x->nfmts++] = (CustomFmt){atoi(attr(atts, "numFmtId")), numfmt_parse(attr(atts, "formatCode"))};
    } else if (strcmp(el, "cellXfs") == 0) {
        x->in_cell_xfs = true;
    } else if (strcmp(el, "xf") == 0 && x->in_cell_xfs) {
        const char *id = attr(atts, "numFmtId");
        VEC_GROW(x->styles, x->nstyles, x->styles_cap);
        x->styles[x->nstyles++] = (Style){fmt_of(x, id ? atoi(id) : 0), 0};
    } else if (strcmp(el, "alignment") == 0 && x->in_cell_xfs && x->nstyles) {
        const char *indent = attr(atts, "indent");
        int n = indent ? atoi(indent) : 0;
        x->styles[x->nstyles - 1].indent = (uint8_t)(n < 0 ? 0 : n > 250 ? 250 : n);
    }
}

static void XMLCALL style_end(void *ud, const XML_Char *name)
{
    Xlsx *x = ud;
    if (strcmp(local(name), "cellXfs") == 0)
        x->in_cell_xfs = false;
}

/* --- sheets -------------------------------------------------------------------------- */

static Sheet *current(Xlsx *x)
{
    return &x->wb->sheets[x->sheet_index];
}

static void cell_error(Xlsx *x, const char *code, const char *fmt, const char *arg)
{
    report_cell(x->d, SEV_ERROR, code, x->sheet_index, x->cell.row, x->cell.col, fmt, arg);
    stop(x);
}

static void begin_cell(Xlsx *x, const XML_Char **atts)
{
    CellState *c = &x->cell;
    const char *r = attr(atts, "r"), *s = attr(atts, "s"), *t = attr(atts, "t");
    uint32_t row = x->row_number ? x->row_number - 1 : 0, col = c->col + 1;
    if (r && !cell_parse(r, strlen(r), &row, &col)) {
        report_file(x->d, SEV_ERROR, "E1003", "a cell reference '%s' is outside the limits of a sheet", r);
        stop(x);
        return;
    }
    c->row = row, c->col = col;
    c->style = s ? atoi(s) : 0;
    snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
    c->has_v = c->has_f = false;
    c->v.len = c->f.len = c->inl.len = 0;
    buf_put(&c->v, "", 0), buf_put(&c->f, "", 0), buf_put(&c->inl, "", 0);
}

static void begin_row(Xlsx *x, const XML_Char **atts)
{
    const char *r = attr(atts, "r");
    long n = r ? atol(r) : (long)x->row_number + 1;
    if (n < 1 || n > SHEET_MAX_ROWS) {
        report_cell(x->d, SEV_ERROR, "E1003", x->sheet_index, SHEET_WHOLE, 0,
                        "the sheet has a row beyond row 1,048,576, the last a sheet has");
        stop(x);
        return;
    }
    x->row_number = (uint32_t)n;
    x->cell.col = UINT32_MAX; /* the first <c> without r= is in column A */
}

static void add_merge(Xlsx *x, const char *ref)
{
    const char *colon = ref ? strchr(ref, ':') : NULL;
    uint32_t r0, c0, r1, c1;
    if (!colon || !cell_parse(ref, (size_t)(colon - ref), &r0, &c0) || !cell_parse(colon + 1, strlen(colon + 1), &r1, &c1) ||
        r1 < r0 || c1 < c0)
        return; /* a range we cannot read merges nothing we could show */
    sheet_add_merge(current(x), (Merge){r0, c0, r1 - r0 + 1, c1 - c0 + 1});
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xlsx *x = ud;
    const char *el = local(name);
    CellState *c = &x->cell;
    if (strcmp(el, "row") == 0)
        begin_row(x, atts);
    else if (strcmp(el, "c") == 0)
        begin_cell(x, atts);
    else if (strcmp(el, "v") == 0)
        c->collect = 'v', c->has_v = true;
    else if (strcmp(el, "f") == 0)
        c->collect = 'f', c->has_f = true;
    else if (strcmp(el, "t") == 0 && c->collect != 'r')
        c->collect = 'i';
    else if (strcmp(el, "rPh") == 0)
        c->collect = 'r'; /* a phonetic guide inside an inline string: not its text */
    else if (strcmp(el, "mergeCell") == 0)
        add_merge(x, attr(atts, "ref"));
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
    Xlsx *x = ud;
    CellState *c = &x->cell;
    Buf *b = c->collect == 'v' ? &c->v : c->collect == 'f' ? &c->f : c->collect == 'i' ? &c->inl : NULL;
    if (!b)
        return;
    if (b->len + (size_t)len > SHEET_MAX_CELL_BYTES) {
        cell_error(x, "E1003", "%s", "the cell holds more than 128 KiB of text, the most bdl import reads");
        return;
    }
    buf_put(b, s, (size_t)len);
}

static Style style_of(const Xlsx *x, int index)
{
    if (index >= 0 && (size_t)index < x->nstyles)
        return x->styles[index];
    return (Style){numfmt_builtin(0), 0};
}

/* A number cell: rounded as its format shows, or a date. */
static bool number_cell(Xlsx *x, SheetCell *out, char *text)
{
    Style st = style_of(x, x->cell.style);
    if (st.fmt.date) {
        out->kind = CELL_DATE;
        if (!decimal_date(x->cell.v.data, x->wb->date1904, text))
            snprintf(text, DECIMAL_MAX, "%.60s", x->cell.v.data);
        return true;
    }
    int decimals = st.fmt.decimals;
    if (st.fmt.percent && decimals != DECIMALS_GENERAL)
        decimals += 2;
    out->kind = CELL_NUMBER;
    out->decimals = (int8_t)decimals;
    out->flags = st.fmt.percent ? CELL_PERCENT : 0;
    if (decimal_round(x->cell.v.data, decimals, text))
        return true;
    cell_error(x, "E1001", "the cell's number '%.60s' is not a number", x->cell.v.data);
    return false;
}

static bool shared_cell(Xlsx *x, SheetCell *out)
{
    char *end;
    unsigned long i = strtoul(x->cell.v.data, &end, 10);
    if (*end || end == x->cell.v.data || i >= x->nstrings) {
        cell_error(x, "E1001", "the cell names shared string %.40s, which the workbook does not have", x->cell.v.data);
        return false;
    }
    out->kind = CELL_TEXT;
    out->text = x->strings[i];
    return true;
}

/* Fills `out` from the cell just read; false when it is empty or was reported. */
static bool value_of(Xlsx *x, SheetCell *out, char *text)
{
    CellState *c = &x->cell;
    const char *t = c->type;
    out->text = text;
    if (c->has_f && !c->has_v) {
        out->kind = CELL_FORMULA, out->text = c->f.data;
        return true;
    }
    if (strcmp(t, "inlineStr") == 0) {
        out->kind = CELL_TEXT, out->text = c->inl.data;
        return c->inl.len > 0;
    }
    if (!c->has_v)
        return false;
    if (strcmp(t, "s") == 0)
        return shared_cell(x, out);
    if (strcmp(t, "str") == 0 || strcmp(t, "d") == 0) {
        out->kind = t[0] == 'd' ? CELL_DATE : CELL_TEXT, out->text = c->v.data;
        return c->v.len > 0;
    }
    if (strcmp(t, "b") == 0) {
        out->kind = CELL_BOOL, out->text = strcmp(c->v.data, "1") == 0 ? "TRUE" : "FALSE";
        return true;
    }
    if (strcmp(t, "e") == 0) {
        out->kind = CELL_ERROR, out->text = c->v.data;
        return true;
    }
    return number_cell(x, out, text);
}

static void end_cell(Xlsx *x)
{
    char text[DECIMAL_MAX];
    SheetCell cell = {.row = x->cell.row, .col = x->cell.col, .indent = style_of(x, x->cell.style).indent};
    if (!value_of(x, &cell, text))
        return;
    bool kept = cell.kind == CELL_TEXT && strcmp(x->cell.type, "s") == 0;
    if (!(kept ? sheet_add_kept(x->wb, current(x), &cell) : sheet_add(x->wb, current(x), &cell))) {
        cell_error(x, "E1003", "%s", "the workbook has more than 8,000,000 cells, the most bdl import reads");
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    Xlsx *x = ud;
    const char *el = local(name);
    CellState *c = &x->cell;
    if (strcmp(el, "c") == 0)
        end_cell(x);
    else if (strcmp(el, "v") == 0 || strcmp(el, "f") == 0 || (strcmp(el, "t") == 0 && c->collect == 'i') ||
             strcmp(el, "rPh") == 0)
        c->collect = 0;
}

static bool read_sheets(Xlsx *x)
{
    if (x->nrefs > SHEET_MAX_SHEETS) {
        report_file(x->d, SEV_ERROR, "E1003", "the workbook has %zu sheets, more than the 256 bdl import reads",
                        x->nrefs);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < x->nrefs && ok; i++) {
        const Rel *r = NULL;
        for (size_t k = 0; k < x->nrels && !r; k++)
            if (strcmp(x->rels[k].id, x->refs[i].rid) == 0)
                r = &x->rels[k];
        if (!r || !ends_with(r->type, "/worksheet"))
            continue; /* a chart sheet or a dialog has no cells */
        workbook_add_sheet(x->wb, x->refs[i].name);
        x->sheet_index = x->wb->nsheets - 1;
        x->row_number = 0;
        char *part = resolve(x->book_part, r->target);
        ok = read_part(x, part, (Handlers){sheet_start, sheet_end, sheet_text}, true);
        free(part);
        sheet_finish(current(x));
    }
    return ok;
}

static bool read_optional(Xlsx *x, const char *type_tail, const char *fallback, Handlers h)
{
    const Rel *r = rel_of_type(x, type_tail);
    char *part = r ? resolve(x->book_part, r->target) : xstrdup(fallback);
    bool ok = read_part(x, part, h, false);
    free(part);
    return ok;
}

static bool open_zip(Xlsx *x, const char *path)
{
    int code = 0;
    x->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (x->zip)
        return true;
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    Diag *g = report_file(x->d, SEV_ERROR, "E1001", "not a readable .xlsx workbook: %s", zip_error_strerror(&err));
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
        diag_note(g, "an .xlsx file is a zip archive; this one is damaged, cut short, or not a workbook");
    zip_error_fini(&err);
    return false;
}

static void cleanup(Xlsx *x)
{
    free_rels(x);
    for (size_t i = 0; i < x->nrefs; i++)
        free(x->refs[i].name), free(x->refs[i].rid);
    free(x->refs);
    free(x->strings);
    free(x->styles);
    free(x->fmts);
    free(x->book_part);
    buf_free(&x->si);
    buf_free(&x->cell.v), buf_free(&x->cell.f), buf_free(&x->cell.inl);
    if (x->zip)
        zip_discard(x->zip);
}

bool xlsx_read(Workbook *wb, const char *path, Report *d)
{
    Xlsx x = {.wb = wb, .d = d};
    report_use(d, wb);
    bool ok = open_zip(&x, path) && find_book(&x) &&
              read_part(&x, x.book_part, (Handlers){book_start, no_end, NULL}, true) &&
              read_optional(&x, "/sharedStrings", "xl/sharedStrings.xml", (Handlers){sst_start, sst_end, sst_text}) &&
              read_optional(&x, "/styles", "xl/styles.xml", (Handlers){style_start, style_end, NULL}) &&
              read_sheets(&x);
    cleanup(&x);
    return ok;
}
