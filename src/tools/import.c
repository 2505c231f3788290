/* import.c - one import: read the rules (and the spec, for --into) and the workbook, find
 * the tables, build their trees, recognise the CN standard workbook, and make the product:
 * the spec in bdl fmt's layout, the figures written into the spec, or what a dry run says. */
#include "tools/import.h"

#include "compile/compile.h"
#include "sheet/book.h"
#include "syntax/parse.h"
#include "tools/fmt.h"
#include "tools/reimport.h"
#include "tools/textdiff.h"

#include <stdlib.h>
#include <string.h>

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

/* One run: the request, the rules read, the spec written into (--into). */
typedef struct Run {
    const ImportRequest *req;
    Report *report;
    ImportResult *result;
    Rules rules;
    Compilation spec;
    uint32_t spec_file; /* the spec's text among the report's Sources */
} Run;

static ImportStatus unreadable(Run *r, const char *path, const char *why)
{
    r->result->failed = path;
    r->result->why = why;
    return IMPORT_UNREADABLE;
}

/* The first syntax error of the spec's own text. */
static const Diag *first_syntax_error(const Diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i]->span.file == 0 && d->items[i]->code[1] == '0' &&
            (d->items[i]->code[2] == '1' || d->items[i]->code[2] == '2'))
            return d->items[i];
    return d->n ? d->items[0] : NULL;
}

/* Compiles the spec to import into; a spec that does not parse is E1016 at its first
 * syntax error (its items could not be told apart from the rest of its text). */
static ImportStatus open_spec(Run *r)
{
    const char *path = r->req->into;
    if (!compile_file(&r->spec, path))
        return unreadable(r, path, r->spec.read_error);
    const Source *src = r->spec.sources.items[0];
    r->spec_file = report_add_source(r->report, source_from_string(path, src->text, src->len));
    if (!diags_syntax_errors(&r->spec.diags))
        return IMPORT_OK;
    const Diag *first = first_syntax_error(&r->spec.diags);
    Span at = first ? (Span){r->spec_file, first->span.start, first->span.end} : (Span){r->spec_file, 0, 0};
    Diag *g = report_span(r->report, SEV_ERROR, "E1016", at, "the spec has syntax errors: nothing is imported into it");
    if (first)
        diag_note(g, "the first: %s", first->message);
    diag_help(g, "fix them first ('bdl check %s' shows them all), then import again", path);
    return IMPORT_ERRORS;
}

/* The spec's text: new, rewritten into the spec (--into), or the dry run's report. */
static bool produce(Run *r, Import *im, Buf *text)
{
    if (r->req->dry_run && !r->req->into) {
        describe_import(im, text);
        return true;
    }
    if (!r->req->into) {
        write_spec(im, text);
        return true;
    }
    return reimport(im, &r->spec, r->spec_file, text, &r->result->counts);
}

/* The workbook read and converted into the text produce() makes. */
static ImportStatus read_and_convert(Run *r, Buf *text)
{
    Workbook wb;
    const char *err = NULL;
    bool read = workbook_read(&wb, r->req->table, r->rules.delimiter ? r->rules.delimiter : ',', r->report, &err);
    if (err) {
        workbook_free(&wb);
        return unreadable(r, r->req->table, err);
    }
    Import im;
    import_init(&im, &wb, r->report, &r->rules);
    ImportStatus status = read && convert(&im, &r->rules) && produce(r, &im, text) ? IMPORT_OK : IMPORT_ERRORS;
    r->result->tables = im.ntables;
    import_free(&im);
    workbook_free(&wb);
    return status;
}

/* A dry run into a spec shows what would change, as a unified diff. */
static void diff_into(Run *r, const Buf *text, Buf *out)
{
    const Source *src = r->spec.sources.items[0];
    char *a = str_printf("a/%s", r->req->into), *b = str_printf("b/%s", r->req->into);
    char *diff = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&diff, &len);
    if (f) {
        unified_diff(f, a, src->text, src->len, b, text->data, text->len);
        fclose(f);
        buf_put(out, diff, len);
    }
    free(diff), free(a), free(b);
}

/* The product of a successful run into *out. */
static ImportStatus finish(Run *r, Buf *text, Buf *out)
{
    if (r->req->into && r->req->dry_run)
        diff_into(r, text, out);
    else if (r->req->into || r->req->dry_run)
        buf_put(out, text->data, text->len);
    if (r->req->into || r->req->dry_run)
        return IMPORT_OK;
    size_t len = 0;
    char *spec = formatted(text, &len); /* the workbook is no longer held */
    if (!spec)
        return unreadable(r, r->req->table, "internal error: the spec written for it does not parse");
    buf_put(out, spec, len);
    free(spec);
    return IMPORT_OK;
}

ImportStatus import_run(const ImportRequest *req, Report *report, Buf *out, ImportResult *result)
{
    Run r = {.req = req, .report = report, .result = result};
    memset(result, 0, sizeof *result);
    compilation_init(&r.spec, 0, false);
    Arena arena;
    arena_init(&arena);
    const char *err = NULL;
    ImportStatus status = IMPORT_OK;
    if (req->rules && !rules_read(&r.rules, &arena, req->rules, report, &err))
        status = err ? unreadable(&r, req->rules, err) : IMPORT_ERRORS;
    if (status == IMPORT_OK && req->into)
        status = open_spec(&r);
    Buf text = {0};
    if (status == IMPORT_OK)
        status = read_and_convert(&r, &text);
    if (status == IMPORT_OK)
        status = finish(&r, &text, out);
    buf_free(&text);
    arena_release(&arena);
    compilation_free(&r.spec);
    return status;
}
