/* import.c - one import: read the rules and the workbook, find the tables, build their
 * trees, recognise the CN standard workbook, and write the spec in bdl fmt's layout (or,
 * for --dry-run, what would be read). */
#include "tools/import.h"

#include "compile/compile.h"
#include "sheet/book.h"
#include "syntax/parse.h"
#include "tools/fmt.h"

#include <stdlib.h>
#include <string.h>

void import_init(Import *im, Workbook *wb, Report *d, const Rules *rules)
{
    memset(im, 0, sizeof *im);
    arena_init(&im->arena);
    im->wb = wb, im->d = d, im->rules = rules;
}

void import_free(Import *im)
{
    for (size_t i = 0; i < im->ntables; i++) {
        free(im->tables[i].cols);
        free(im->tables[i].values);
        free(im->tables[i].rows);
    }
    free(im->tables);
    free(im->skipped);
    free(im->columns);
    free(im->roots);
    free(im->asserts);
    arena_release(&im->arena);
}

static const char *table_label(Import *im, const Table *t)
{
    if (!t->side)
        return t->title;
    Buf b = {0};
    buf_printf(&b, "%s（%s）", t->title, t->side);
    const char *s = arena_strdup(&im->arena, b.data);
    buf_free(&b);
    return s;
}

static void build_trees(Import *im)
{
    NameSet used;
    names_init(&used, &im->arena);
    im->roots = xmalloc((im->ntables ? im->ntables : 1) * sizeof *im->roots);
    for (size_t i = 0; i < im->ntables; i++) {
        Table *t = &im->tables[i];
        Node *root = &im->roots[i];
        memset(root, 0, sizeof *root);
        root->label = table_label(im, t);
        table_tree(&im->arena, t, root);
        const char *id = t->id ? t->id : name_from_label(&im->arena, root->label, "table");
        root->id = t->id = name_unique(&used, id);
    }
    names_free(&used);
}

/* The largest year a table's title names (2026年部门预算), for `year`. */
static const char *year_of(Import *im)
{
    const char *best = NULL;
    for (size_t i = 0; i < im->ntables; i++)
        for (const char *p = im->tables[i].title; *p; p++)
            if ((strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0) && strspn(p, "0123456789") == 4 &&
                (!best || strncmp(p, best, 4) > 0))
                best = p;
    return best ? arena_strndup(&im->arena, best, 4) : NULL;
}

static void budget_settings(Import *im)
{
    const Rules *r = im->rules;
    const char *path = im->wb->path, *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    char *stem = arena_strndup(&im->arena, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    if (!im->budget_id)
        im->budget_id = name_from_label(&im->arena, stem, "budget");
    if (!im->budget_title)
        im->budget_title = stem;
    if (!im->year)
        im->year = year_of(im);
    if (r && r->budget_id)
        im->budget_id = r->budget_id;
    if (r && r->budget_title)
        im->budget_title = r->budget_title;
    if (r && r->year)
        im->year = r->year;
    for (size_t i = 0; i < im->ntables && !im->unit.found; i++)
        im->unit = im->tables[i].unit;
}

/* The spec in bdl fmt's layout; NULL when the text does not parse (a fault of this
 * program, never of the workbook: every string and name in it was made valid). */
static char *formatted(const Buf *text, size_t *len)
{
    Compilation c;
    compilation_init(&c, 0, false);
    sources_add(&c.sources, source_from_string("import", text->data, text->len));
    c.program = parse_file(NULL, &c.sources, 0, &c.arena, &c.interns, &c.diags, false);
    char *out = diags_syntax_errors(&c.diags) ? NULL : fmt_source(c.sources.items[0], len);
    compilation_free(&c);
    return out;
}

/* Finds the tables and makes the budget of them; false after an error diagnostic. */
static bool convert(Import *im, const Rules *rules)
{
    if (!rules_check_sheets(rules, im->wb, im->d) || !find_tables(im))
        return false;
    if (!rules->no_cn)
        cn_tables(im);
    build_trees(im);
    if (!rules->no_cn)
        cn_recognise(im);
    collect_columns(im);
    budget_settings(im);
    return diags_failures(&im->d->diags) == 0;
}

static ImportStatus unreadable(const char *path, const char *err, const char **failed, const char **why)
{
    *failed = path;
    *why = err;
    return IMPORT_UNREADABLE;
}

/* The workbook read and converted: the spec's text (unformatted) or the description. */
static ImportStatus read_and_convert(const ImportRequest *req, Report *report, const Rules *rules, Buf *text,
                                     size_t *ntables, const char **failed, const char **why)
{
    Workbook wb;
    const char *err = NULL;
    bool read = workbook_read(&wb, req->table, rules->delimiter ? rules->delimiter : ',', report, &err);
    if (err) {
        workbook_free(&wb);
        return unreadable(req->table, err, failed, why);
    }
    Import im;
    import_init(&im, &wb, report, rules);
    ImportStatus status = read && convert(&im, rules) ? IMPORT_OK : IMPORT_ERRORS;
    if (status == IMPORT_OK && req->dry_run)
        describe_import(&im, text);
    else if (status == IMPORT_OK)
        write_spec(&im, text);
    *ntables = im.ntables;
    import_free(&im);
    workbook_free(&wb);
    return status;
}

ImportStatus import_run(const ImportRequest *req, Report *report, Buf *out, size_t *ntables, const char **failed,
                        const char **why)
{
    Rules rules = {0};
    Arena arena;
    arena_init(&arena);
    const char *err = NULL;
    ImportStatus status = IMPORT_OK;
    if (req->rules && !rules_read(&rules, &arena, req->rules, report, &err))
        status = err ? unreadable(req->rules, err, failed, why) : IMPORT_ERRORS;
    Buf text = {0};
    if (status == IMPORT_OK)
        status = read_and_convert(req, report, &rules, &text, ntables, failed, why);
    arena_release(&arena);
    if (status != IMPORT_OK || req->dry_run) {
        *out = text;
        return status;
    }
    size_t len = 0;
    char *spec = formatted(&text, &len); /* the workbook is no longer held */
    buf_free(&text);
    if (!spec)
        return unreadable(req->table, "internal error: the spec written for it does not parse", failed, why);
    buf_put(out, spec, len);
    free(spec);
    return IMPORT_OK;
}
