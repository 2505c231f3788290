/* xlsx.c - the workbook: per budget an overview sheet (title, metadata, unit, rounding,
 * columns, source, the narrative), the sheet of check results and one sheet per table;
 * the document's properties (title, entity, source) besides. The pieces live in
 * xlsx_cells.c, xlsx_table.c and xlsx_checks.c.
 *
 * Same input, same bytes: libxlsxwriter dates every part of the zip 1980-01-01 00:00, as
 * Excel does, and its document properties carry the time the workbook was created, which
 * would change every run; it is fixed to that same instant (1980-01-01T00:00:00Z).
 *
 * libxlsxwriter 1.1.4 writes only to a named file (writing to memory came in a later
 * release), so the workbook is assembled in a scratch file under $TMPDIR (else /tmp) and
 * then copied to `out`, which the caller writes whole or not at all. Its constant-memory
 * mode keeps one row in memory at a time (it streams each sheet to a temporary file), so
 * a table of a million rows costs no more memory than the rows' layout. */
#include "emit/xlsx.h"

#include "base/utf8.h"
#include "base/version.h"
#include "emit/layout.h"
#include "emit/xlsx_book.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1980-01-01T00:00:00Z, the zip format's first instant. */
static const time_t FIXED_TIME = 315532800;

enum { MAX_PROPERTY = 255 }; /* characters of a document property, Excel's limit */

/* ---- the overview sheet -------------------------------------------------------------- */

typedef struct Overview {
    Book *bk;
    lxw_worksheet *ws;
    uint32_t row;
    size_t key_width;
} Overview;

static void entry(Overview *o, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    book_text(o->bk, o->ws, o->row, 0, key, book_format(o->bk, CELL_TEXT, LOOK_BOLD, 0));
    book_text(o->bk, o->ws, o->row, 1, value, book_format(o->bk, CELL_WRAP, LOOK_PLAIN, 0));
    size_t w = utf8_width(key, strlen(key));
    if (w > o->key_width)
        o->key_width = w;
    o->row++;
}

/* The year as written (2026). */
static char *year_text(Compilation *c, const Budget *b)
{
    Span sp = b->year.span;
    return arena_strndup(&c->arena, c->sources.items[sp.file]->text + sp.start, sp.end - sp.start);
}

static void columns(Overview *o, const Budget *b)
{
    const Words *w = o->bk->w;
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        Buf key = {0};
        buf_printf(&key, "%s %s", w->column_key, b->columns[i].id);
        entry(o, key.data, layout_column(o->bk->s, b, i, w->total));
        buf_free(&key);
    }
}

/* A roll-up's departments, by their budgets' full titles, in column order. */
static void members(Overview *o, const Budget *b)
{
    Budget *const *all = sema_budget(o->bk->s, b)->members;
    if (!b->consolidation || !all)
        return;
    Buf t = {0};
    for (uint32_t i = 0; i < b->consolidation->budgets.n; i++) {
        const Budget *m = all[i];
        buf_puts(&t, i ? o->bk->w->sep : "");
        buf_puts(&t, m && m->title && *m->title ? m->title : b->consolidation->budgets.items[i].text);
    }
    entry(o, o->bk->w->members, t.data);
    buf_free(&t);
}

static void overview(Book *bk, const Budget *b, lxw_worksheet *ws)
{
    const Words *w = bk->w;
    const BudgetFacts *f = sema_budget(bk->s, b);
    Overview o = {bk, ws, 2, 0};
    book_text(bk, ws, 0, 0, b->title && *b->title ? b->title : b->id, book_format(bk, CELL_TEXT, LOOK_TITLE, 0));
    entry(&o, w->title_key, b->title);
    entry(&o, w->budget_key, b->id);
    for (uint32_t i = 0; i < b->nmeta; i++)
        entry(&o, words_meta_key(w, b->meta[i].key), b->meta[i].value);
    if (b->has_year)
        entry(&o, w->year, year_text(bk->c, b));
    if (f->unit)
        entry(&o, w->unit, f->unit->name);
    if (f->rounding_valid) {
        char r[NUM_STR_MAX];
        num_format(packed_num(b->rounding.value), r);
        entry(&o, w->rounding, r);
    }
    columns(&o, b);
    members(&o, b);
    entry(&o, w->source, bk->c->sources.items[0]->name);
    entry(&o, w->generator, "bdl " BDL_VERSION);
    entry(&o, w->remark, w->figures_note);
    for (uint32_t i = 0; i < b->ntexts; i++)
        entry(&o, b->texts[i]->title ? b->texts[i]->title : w->narrative, sema_text(bk->s, b->texts[i])->rendered);
    book_width(bk, ws, 0, o.key_width, NULL);
    book_width(bk, ws, 1, 100, NULL);
}

/* ---- document properties --------------------------------------------------------------- */

static const char *budget_title(const Budget *b)
{
    return b->title && *b->title ? b->title : b->id;
}

static const char *entity_of(const Budget *b)
{
    for (uint32_t i = 0; i < b->nmeta; i++)
        if (strcmp(b->meta[i].key, "entity") == 0)
            return b->meta[i].value;
    return NULL;
}

/* Excel refuses a property longer than 255 characters: a longer one is cut. */
static char *property(Book *bk, const char *s)
{
    return book_cut(bk, s, MAX_PROPERTY);
}

static void custom(Book *bk, const Budget *b, const char *key, const char *value)
{
    if (!value)
        return;
    Buf name = {0};
    if (bk->several && b)
        buf_printf(&name, "%s.", b->id);
    buf_puts(&name, key);
    book_check(bk, workbook_set_custom_property_string(bk->wb, property(bk, name.data), property(bk, value)));
    buf_free(&name);
}

static void budget_properties(Book *bk, const Budget *b)
{
    const BudgetFacts *f = sema_budget(bk->s, b);
    for (uint32_t i = 0; i < b->nmeta; i++)
        custom(bk, b, b->meta[i].key, b->meta[i].value);
    if (b->has_year)
        custom(bk, b, "year", year_text(bk->c, b));
    if (f->unit)
        custom(bk, b, "unit", f->unit->name);
    if (f->rounding_valid) {
        char r[NUM_STR_MAX];
        num_format(packed_num(b->rounding.value), r);
        custom(bk, b, "rounding", r);
    }
}

static void properties(Book *bk, const Budget *only)
{
    const Program *p = bk->c->program;
    Buf titles = {0}, ids = {0};
    const char *entity = NULL;
    for (uint32_t i = 0; p && i < p->nbudgets; i++) {
        const Budget *b = p->budgets[i];
        if (only && b != only)
            continue;
        buf_puts(&titles, titles.len ? " / " : "");
        buf_puts(&titles, budget_title(b));
        buf_puts(&ids, ids.len ? ", " : "");
        buf_puts(&ids, b->id);
        entity = entity ? entity : entity_of(b);
        budget_properties(bk, b);
    }
    const char *source = bk->c->sources.n ? bk->c->sources.items[0]->name : "";
    char *comments = str_printf("bdl %s: %s", BDL_VERSION, source);
    lxw_doc_properties props = {
        .title = property(bk, titles.data ? titles.data : "bdl"),
        .subject = property(bk, ids.data ? ids.data : ""),
        .company = entity ? property(bk, entity) : NULL,
        .comments = property(bk, comments),
        .keywords = "bdl",
        .created = FIXED_TIME,
    };
    book_check(bk, workbook_set_properties(bk->wb, &props));
    custom(bk, NULL, "source", source);
    free(comments);
    buf_free(&titles), buf_free(&ids);
}

/* ---- the workbook ------------------------------------------------------------------------ */

static void budget_sheets(Book *bk, const Budget *b)
{
    uint32_t n;
    const Item **tables = layout_tables(b, &n);
    lxw_worksheet *about = book_sheet(bk, b, bk->w->about);
    lxw_worksheet *checks = book_sheet(bk, b, bk->w->checks);
    lxw_worksheet **sheets = calloc(n ? n : 1, sizeof *sheets);
    for (uint32_t i = 0; i < n; i++)
        sheets[i] = book_sheet(bk, b, tables[i] ? sema_label(bk->s, tables[i]) : bk->w->others);
    if (about)
        overview(bk, b, about);
    if (checks)
        xlsx_checks(bk, b, checks);
    for (uint32_t i = 0; i < n; i++)
        if (sheets[i])
            xlsx_table(bk, b, tables[i], sheets[i]);
    free(sheets);
    free(tables);
}

static void no_budget(Book *bk)
{
    lxw_worksheet *ws = workbook_add_worksheet(bk->wb, bk->w->about);
    if (ws)
        book_text(bk, ws, 0, 0, bk->w->no_budget, NULL);
}

static void write_book(Book *bk, const Budget *only)
{
    const Program *p = bk->c->program;
    uint32_t shown = 0;
    for (uint32_t i = 0; p && i < p->nbudgets; i++)
        shown += !only || p->budgets[i] == only;
    bk->several = shown > 1;
    properties(bk, only);
    for (uint32_t i = 0; p && i < p->nbudgets; i++)
        if (!only || p->budgets[i] == only)
            budget_sheets(bk, p->budgets[i]);
    if (shown == 0)
        no_budget(bk);
}

static bool copy_file(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return false;
    char chunk[1 << 16];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, out) == n;
    ok = ok && !ferror(in) && !ferror(out);
    fclose(in);
    return ok;
}

/* What a libxlsxwriter error means for the caller's message ("cannot write OUT: ..."). */
static int error_number(lxw_error e)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return ENOMEM;
    if (e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        return EFBIG; /* a table with more rows or columns than a sheet holds */
    return errno ? errno : EIO;
}

bool emit_xlsx(Compilation *c, const Budget *only, FILE *out)
{
    const char *dir = getenv("TMPDIR");
    dir = dir && *dir ? dir : "/tmp";
    char *scratch = str_printf("%s/bdl-xlsx-XXXXXX", dir);
    int fd = mkstemp(scratch);
    if (fd < 0) {
        free(scratch);
        return false;
    }
    close(fd);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir};
    Book bk = {.c = c, .s = &c->sema, .w = layout_chinese(&c->sema, c->program, only) ? &words_zh : &words_en};
    bk.wb = workbook_new_opt(scratch, &options);
    bool ok = bk.wb != NULL;
    if (ok) {
        write_book(&bk, only);
        errno = 0;
        lxw_error closed = workbook_close(bk.wb);
        lxw_error e = bk.error != LXW_NO_ERROR ? bk.error : closed;
        ok = e == LXW_NO_ERROR && copy_file(scratch, out);
        if (e != LXW_NO_ERROR)
            errno = error_number(e);
    }
    int saved = errno;
    unlink(scratch);
    free(scratch);
    book_end(&bk);
    errno = saved;
    return ok;
}
