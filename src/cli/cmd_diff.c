/* cmd_diff.c - `bdl diff OLD NEW` and `bdl diff --git REV FILE`: the semantic diff as
 * text (terminal), markdown (pull-request comment) or json. Exit 0 when nothing changed
 * in meaning, 1 when something did, 2 on errors. */
#include "cli/commands.h"

#include "base/buf.h"
#include "base/show.h"
#include "check/check.h"
#include "cli/git.h"
#include "tools/semdiff.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

typedef enum DiffFormat { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON } DiffFormat;

enum { MAX_COLUMNS = 64 };

static const char *change_word(Change c)
{
    static const char *words[] = {"added", "removed", "changed", "renamed"};
    return words[c];
}

/* A figure; a rate or share as a percentage (-0.4378 is -43.78%). */
static void cell_text(Buf *b, Cell c, bool ratio)
{
    char s[NUM_STR_MAX];
    if (!cell_stated(c)) {
        buf_puts(b, "—");
        return;
    }
    Num v = cell_value(c);
    if (ratio && num_mul(v, num_int(100), &v) != NUM_OK)
        v = cell_value(c), ratio = false;
    num_format(v, s);
    buf_printf(b, "%s%s", s, ratio ? "%" : "");
}

/* The change between two figures; between two percentages, in percentage points. */
static void delta_text(Buf *b, Cell o, Cell n, bool ratio)
{
    Num d;
    char s[NUM_STR_MAX];
    if (!cell_stated(o) || !cell_stated(n) || num_sub(cell_value(n), cell_value(o), &d) != NUM_OK ||
        (ratio && num_mul(d, num_int(100), &d) != NUM_OK)) {
        buf_puts(b, "");
        return;
    }
    num_format(d, s);
    buf_printf(b, "%s%s%s", num_cmp(d, num_int(0)) > 0 ? "+" : "", s, ratio ? " pp" : "");
}

static bool ratio_column(const Sema *s, const Budget *b, int col)
{
    const BudgetFacts *f = sema_budget(s, b);
    return col >= 0 && column_derived(f, (uint32_t)col) && f->columns[col].ratio;
}

static bool derived_column(const Sema *s, const Item *it, int col)
{
    return it && col >= 0 && sema_item(s, it)->derived && sema_item(s, it)->derived[col].status != DERIVED_NONE &&
           sema_item(s, it)->derived[col].status != DERIVED_BASE;
}

typedef Cell (*CellAt)(const Sema *s, const Item *it, int col);

static Cell cell_at(const Sema *s, const Item *it, int col)
{
    return it && col >= 0 ? sema_cell(s, it, (uint32_t)col) : packed_none();
}

static void cell_changes(Buf *b, const BudgetDiff *d, const ItemChange *c, const char *sep, CellAt at,
                         const char *what);

static Cell computed_at(const Sema *s, const Item *it, int col)
{
    const Recon *r = it ? sema_item(s, it)->recon : NULL;
    return r && col >= 0 && !derived_column(s, it, col) ? r[col].computed : packed_none();
}

static Cell stated_at(const Sema *s, const Item *it, int col)
{
    const Recon *r = it ? sema_item(s, it)->recon : NULL;
    return r && col >= 0 && r[col].status != RECON_NONE ? sema_cell(s, it, (uint32_t)col) : packed_none();
}

/* A group's figure in a derived column: checked by its formula, not summed. */
static Cell derived_at(const Sema *s, const Item *it, int col)
{
    return derived_column(s, it, col) ? sema_cell(s, it, (uint32_t)col) : packed_none();
}

/* One "[column] old → new (delta)" fragment per shared column whose cell differs; for a
 * group, its computed sum and its stated total separately. */
static void column_changes(Buf *b, const BudgetDiff *d, const ItemChange *c, const char *sep)
{
    bool group = change_item(c)->kind == ITEM_GROUP;
    cell_changes(b, d, c, sep, group ? computed_at : cell_at, group ? "sum " : "");
    if (group) {
        size_t before = b->len;
        if (before)
            buf_puts(b, sep);
        size_t mark = b->len;
        cell_changes(b, d, c, sep, stated_at, "stated ");
        if (b->len == mark)
            b->len = before; /* nothing stated changed: drop the separator */
        before = b->len;
        if (before)
            buf_puts(b, sep);
        mark = b->len;
        cell_changes(b, d, c, sep, derived_at, "");
        if (b->len == mark)
            b->len = before;
        if (b->data)
            b->data[b->len] = '\0';
    }
}

static void cell_changes(Buf *b, const BudgetDiff *d, const ItemChange *c, const char *sep, CellAt at,
                         const char *what)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = c->change == CHANGE_RENAMED ? 0 : shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    bool first = true;
    for (size_t k = 0; k < n; k++) {
        Cell o = at(d->old_sema, c->old, pairs[k][0]), nw = at(d->new_sema, c->new, pairs[k][1]);
        if (c->change == CHANGE_CHANGED && cells_equal(o, nw))
            continue;
        if (c->change == CHANGE_ADDED && !cell_stated(nw))
            continue;
        if (c->change == CHANGE_REMOVED && !cell_stated(o))
            continue;
        bool ratio = ratio_column(d->new_sema, d->new, pairs[k][1]);
        buf_printf(b, "%s%s[%s] ", first ? "" : sep, what, d->new->columns[pairs[k][1]].id);
        first = false;
        if (c->change != CHANGE_ADDED)
            cell_text(b, o, ratio);
        if (c->change == CHANGE_CHANGED)
            buf_puts(b, " → ");
        if (c->change != CHANGE_REMOVED)
            cell_text(b, nw, ratio);
        if (c->change == CHANGE_CHANGED && cell_stated(o) && cell_stated(nw)) {
            buf_puts(b, " (");
            delta_text(b, o, nw, ratio);
            buf_putc(b, ')');
        }
    }
}

/* The text format quotes the spec (labels, titles, paths): each piece of it is written
 * escaped, so that no control character acts on the terminal (show.h). */

/* `  what: "OLD" → "NEW"` after an item. */
static void text_was(Buf *out, const char *what, const char *old, const char *new)
{
    buf_printf(out, "  %s: \"", what);
    show_str(out, old);
    buf_puts(out, "\" → \"");
    show_str(out, new);
    buf_putc(out, '"');
}
static void text_item(Buf *out, const BudgetDiff *d, const ItemChange *c, const char *prefix)
{
    static const char marks[] = {'+', '-', '~', '>'};
    const Item *it = change_item(c);
    char *path = item_path(it);
    Buf cols = {0};
    column_changes(&cols, d, c, ", ");
    const Sema *sema = change_sema(d, c);
    const Unit *unit = sema_item(sema, it)->unit;
    buf_printf(out, "  %c %s", marks[c->change], prefix);
    show_str(out, path);
    buf_puts(out, " \"");
    show_str(out, sema_label(sema, it));
    buf_putc(out, '"');
    if (c->change == CHANGE_RENAMED) {
        char *old = item_path(c->old);
        buf_puts(out, " (renamed from ");
        show_str(out, old);
        buf_putc(out, ')');
        free(old);
    }
    if (cols.len) {
        buf_puts(out, "  ");
        show_str(out, cols.data);
    }
    if (unit) {
        buf_putc(out, ' ');
        show_str(out, unit->name);
    }
    if (c->label_changed && c->old && c->new)
        text_was(out, "label", sema_label(d->old_sema, c->old), sema_label(d->new_sema, c->new));
    for (int tags = 0; c->notes_changed && c->old && c->new && tags < 2; tags++) {
        char *o = item_notes_text(c->old, tags), *n = item_notes_text(c->new, tags);
        if (strcmp(o, n) != 0)
            text_was(out, tags ? "tags" : "notes", o, n);
        free(o), free(n);
    }
    buf_putc(out, '\n');
    buf_free(&cols);
    free(path);
}

static const char *check_name(const CheckChange *c, Buf *tmp)
{
    if (c->total || c->figure) {
        char *path = item_path(c->total ? c->total : c->figure);
        buf_printf(tmp, "%s of %s", c->total ? "total" : "figure", path);
        free(path);
        return tmp->data;
    }
    const Check *k = c->new ? c->new : c->old;
    if (k->message)
        buf_puts(tmp, k->message);
    else
        buf_put(tmp, k->expr_text, k->expr->span.end - k->expr->span.start);
    if (c->row) {
        char *path = item_path(c->row);
        buf_printf(tmp, ", row %s", path);
        free(path);
    }
    return tmp->data;
}

/* "  ~ title: OLD → NEW" */
static void text_setting(Buf *out, const char *indent, const Setting *s)
{
    buf_printf(out, "%s~ ", indent);
    show_str(out, s->what);
    buf_puts(out, ": ");
    show_str(out, s->old ? s->old : "(none)");
    buf_puts(out, " → ");
    show_str(out, s->new ? s->new : "(none)");
    buf_putc(out, '\n');
}

static void text_budget(Buf *out, const BudgetDiff *d)
{
    buf_puts(out, "budget ");
    show_str(out, d->new->id);
    buf_putc(out, '\n');
    for (size_t i = 0; i < d->nsettings; i++)
        text_setting(out, "  ", &d->settings[i]);
    for (size_t i = 0; i < d->nitems; i++)
        text_item(out, d, &d->items[i], "");
    for (size_t i = 0; i < d->ntotals; i++)
        text_item(out, d, &d->totals[i], "total of ");
    for (size_t i = 0; i < d->nchecks; i++) {
        const CheckChange *c = &d->checks[i];
        Buf tmp = {0};
        buf_printf(out, "  %c check ", strcmp(c->after, "failed") == 0 ? '!' : '~');
        show_str(out, check_name(c, &tmp));
        if (c->column) {
            buf_puts(out, " [");
            show_str(out, c->column);
            buf_putc(out, ']');
        }
        buf_printf(out, ": %s%s → %s\n", c->kind ? "kind " : "", c->before, c->after);
        buf_free(&tmp);
    }
}

static void render_text(FILE *out, const SemDiff *sd)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (size_t i = 0; i < sd->nsettings; i++)
        text_setting(&b, "", &sd->settings[i]);
    for (size_t i = 0; i < sd->nbudgets; i++) {
        const BudgetDiff *d = &sd->budgets[i];
        if (d->nitems + d->ntotals + d->nchecks + d->nsettings)
            text_budget(&b, d);
    }
    if (semdiff_empty(sd))
        buf_puts(&b, "no semantic changes\n");
    fputs(b.data, out);
    buf_free(&b);
}

/* Markdown for a pull-request comment, which the spec's author writes into: every string
 * of the spec goes in a code span, where no Markdown, HTML, link, image, heading or
 * @mention is read (GitHub autolinks and mentions skip code too), opened and closed by more
 * backticks than the string holds in a row. Control characters and line breaks are
 * escapes (show.h) and '|' is escaped, as a table cell needs; names (IDs, units, columns)
 * are escaped character by character. */
static void md_code(FILE *out, const char *s)
{
    if (!s || !*s)
        return;
    size_t run = 0, longest = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    Buf b = {0};
    for (size_t i = 0; i <= longest; i++)
        buf_putc(&b, '`');
    bool pad = s[0] == '`' || s[strlen(s) - 1] == '`' || s[0] == ' ';
    fprintf(out, "%s%s", b.data, pad ? " " : "");
    Buf shown = {0};
    buf_puts(&shown, "");
    show_str(&shown, s);
    for (const char *p = shown.data; *p; p++) /* line breaks are escapes by now */
        if (*p == '|')
            fputs("\\|", out);
        else
            fputc(*p, out);
    fprintf(out, "%s%s", pad ? " " : "", b.data);
    buf_free(&shown);
    buf_free(&b);
}

/* Text of names (IDs, units, columns) and figures: the characters `punct` after a backslash. */
static void md_escaped(FILE *out, const char *s, const char *punct)
{
    Buf shown = {0};
    buf_puts(&shown, "");
    show_str(&shown, s);
    for (const char *p = shown.data; *p; p++) {
        if (strchr(punct, *p))
            fputc('\\', out);
        fputc(*p, out);
    }
    buf_free(&shown);
}

/* A name: all its ASCII punctuation ('_' in a name, say) after a backslash. */
static void md_name(FILE *out, const char *s)
{
    md_escaped(out, s, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
}

/* A cell of figures bdl wrote, "[2026] 13.4 → 13.5 (+0.1)<br>...": only what a column ID
 * (a name) may hold that Markdown reads is escaped, the <br> between columns kept. */
static void md_values(FILE *out, const char *s)
{
    md_escaped(out, s, "_\\`*|");
}

/* A setting's old or new text, or "—" when it was absent. */
static void md_setting_value(FILE *out, const char *value)
{
    if (value)
        md_code(out, value);
    else
        fputs("—", out);
}

static const Item *top_of(const Item *it)
{
    while (it->parent)
        it = it->parent;
    return it;
}

static void md_row(FILE *out, const BudgetDiff *d, const ItemChange *c, const char *what)
{
    const Item *it = change_item(c);
    char *path = item_path(it);
    Buf cols = {0};
    column_changes(&cols, d, c, "<br>");
    const Sema *sema = change_sema(d, c);
    const Unit *unit = sema_item(sema, it)->unit;
    fprintf(out, "| %s | ", what);
    md_code(out, path);
    fputc(' ', out);
    md_code(out, sema_label(sema, it));
    if (c->change == CHANGE_RENAMED) {
        char *old = item_path(c->old);
        fputs(" (was ", out);
        md_code(out, old);
        fputc(')', out);
        free(old);
    }
    for (int tags = 0; c->notes_changed && c->old && c->new && tags < 2; tags++) {
        char *o = item_notes_text(c->old, tags), *n = item_notes_text(c->new, tags);
        if (strcmp(o, n) != 0) {
            fprintf(out, "<br>%s: ", tags ? "tags" : "notes");
            md_setting_value(out, *o ? o : NULL);
            fputs(" → ", out);
            md_setting_value(out, *n ? n : NULL);
        }
        free(o), free(n);
    }
    fputs(" | ", out);
    md_values(out, cols.data ? cols.data : "");
    fputs(" | ", out);
    md_name(out, unit ? unit->name : "");
    fputs(" |\n", out);
    buf_free(&cols);
    free(path);
}

/* One table per top-level group (and one for stand-alone items) that has changes. */
static void md_tables(FILE *out, const BudgetDiff *d)
{
    for (uint32_t ti = 0;; ti++) {
        const Item *top = ti < d->new->nitems ? d->new->items[ti] : NULL;
        bool header = false;
        for (size_t pass = 0; pass < 2; pass++) {
            const ItemChange *list = pass ? d->totals : d->items;
            size_t n = pass ? d->ntotals : d->nitems;
            for (size_t i = 0; i < n; i++) {
                const Item *it = change_item(&list[i]);
                const Item *t = top_of(it);
                bool mine = top ? (t->kind == ITEM_GROUP && strcmp(t->id, top->id) == 0 && t != it) ||
                                      (t == it && pass == 1 && strcmp(t->id, top->id) == 0)
                                : t->kind != ITEM_GROUP && t == it;
                if (!mine)
                    continue;
                if (!header) {
                    fputs("\n#### ", out);
                    if (top)
                        md_code(out, sema_label(d->new_sema, top));
                    else
                        fputs("Stand-alone items", out);
                    if (top) {
                        fputs(" (", out);
                        md_code(out, top->id);
                        fputc(')', out);
                    }
                    fputs("\n\n| change | item | values | unit |\n|---|---|---|---|\n", out);
                    header = true;
                }
                md_row(out, d, &list[i], pass ? (list[i].change == CHANGE_CHANGED ? "total moved" : change_word(list[i].change))
                                              : change_word(list[i].change));
            }
        }
        if (!top)
            break;
    }
}

static void md_budget(FILE *out, const BudgetDiff *d)
{
    fputs("### Budget ", out);
    md_code(out, d->new->id);
    if (d->new->title) {
        fputs(" — ", out);
        md_code(out, d->new->title);
    }
    fputc('\n', out);
    if (d->nsettings) {
        fputs("\n| setting | before | after |\n|---|---|---|\n", out);
        for (size_t i = 0; i < d->nsettings; i++) {
            fputs("| ", out);
            md_name(out, d->settings[i].what);
            fputs(" | ", out);
            md_setting_value(out, d->settings[i].old);
            fputs(" | ", out);
            md_setting_value(out, d->settings[i].new);
            fputs(" |\n", out);
        }
    }
    md_tables(out, d);
    if (d->nchecks) {
        fputs("\n#### Checks\n\n| check | column | before | after |\n|---|---|---|---|\n", out);
        for (size_t i = 0; i < d->nchecks; i++) {
            const CheckChange *c = &d->checks[i];
            Buf tmp = {0};
            fputs("| ", out);
            md_code(out, check_name(c, &tmp));
            fputs(" | ", out);
            md_name(out, c->kind ? "kind" : c->column ? c->column : "all");
            fprintf(out, " | %s | %s%s%s |\n", c->before,
                    strcmp(c->after, "failed") == 0 ? "**" : "", c->after, strcmp(c->after, "failed") == 0 ? "**" : "");
            buf_free(&tmp);
        }
    }
}

static void render_markdown(FILE *out, const SemDiff *sd)
{
    fputs("## bdl diff\n\n", out);
    if (semdiff_empty(sd)) {
        fputs("No semantic changes.\n", out);
        return;
    }
    for (size_t i = 0; i < sd->nsettings; i++) {
        fputs("- ", out);
        md_name(out, sd->settings[i].what);
        fputs(": ", out);
        md_setting_value(out, sd->settings[i].old);
        fputs(" → ", out);
        md_setting_value(out, sd->settings[i].new);
        fputc('\n', out);
    }
    for (size_t i = 0; i < sd->nbudgets; i++) {
        const BudgetDiff *d = &sd->budgets[i];
        if (d->nitems + d->ntotals + d->nchecks + d->nsettings)
            md_budget(out, d);
    }
}

static cJSON *cells_json(const BudgetDiff *d, const ItemChange *c)
{
    int pairs[MAX_COLUMNS][2];
    size_t n = shared_columns(d->old, d->new, pairs, MAX_COLUMNS);
    cJSON *a = cJSON_CreateArray();
    for (size_t k = 0; k < n; k++) {
        Cell o = cell_at(d->old_sema, c->old, pairs[k][0]), nw = cell_at(d->new_sema, c->new, pairs[k][1]);
        Buf so = {0}, sn = {0}, sd = {0};
        cJSON *col = cJSON_CreateObject();
        cJSON_AddStringToObject(col, "column", d->new->columns[pairs[k][1]].id);
        char s[NUM_STR_MAX];
        if (cell_stated(o)) num_format(cell_value(o), s);
        cJSON_AddItemToObject(col, "old", cell_stated(o) ? cJSON_CreateString(s) : cJSON_CreateNull());
        if (cell_stated(nw)) num_format(cell_value(nw), s);
        cJSON_AddItemToObject(col, "new", cell_stated(nw) ? cJSON_CreateString(s) : cJSON_CreateNull());
        delta_text(&sd, o, nw, false); /* JSON keeps exact values: a ratio as a fraction */
        cJSON_AddItemToObject(col, "delta", sd.len ? cJSON_CreateString(sd.data[0] == '+' ? sd.data + 1 : sd.data) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, col);
        buf_free(&so), buf_free(&sn), buf_free(&sd);
    }
    return a;
}

/* An item's notes, in order. */
static cJSON *notes_json(const Item *it)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; i < it->ntags; i++)
        if (!it->tags[i].key)
            cJSON_AddItemToArray(a, cJSON_CreateString(it->tags[i].value ? it->tags[i].value : ""));
    return a;
}

static cJSON *change_json(const BudgetDiff *d, const ItemChange *c)
{
    cJSON *o = cJSON_CreateObject();
    const Item *it = change_item(c);
    char *path = item_path(it), *old = c->old ? item_path(c->old) : NULL;
    cJSON_AddStringToObject(o, "change", change_word(c->change));
    cJSON_AddStringToObject(o, "kind", it->kind == ITEM_GROUP ? "group" : it->kind == ITEM_MEMO ? "memo" : "item");
    cJSON_AddStringToObject(o, "path", path);
    cJSON_AddItemToObject(o, "old_path", old ? cJSON_CreateString(old) : cJSON_CreateNull());
    const Sema *sema = change_sema(d, c);
    const Unit *unit = sema_item(sema, it)->unit;
    cJSON_AddStringToObject(o, "label", sema_label(sema, it));
    cJSON_AddItemToObject(o, "notes", notes_json(it));
    cJSON_AddItemToObject(o, "old_notes", c->old ? notes_json(c->old) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "unit", unit ? cJSON_CreateString(unit->name) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "columns", cells_json(d, c));
    free(path), free(old);
    return o;
}

static cJSON *settings_json(const Setting *s, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "setting", s[i].what);
        cJSON_AddItemToObject(o, "old", s[i].old ? cJSON_CreateString(s[i].old) : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "new", s[i].new ? cJSON_CreateString(s[i].new) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *budget_json(const BudgetDiff *d)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "id", d->new->id);
    cJSON_AddItemToObject(b, "settings", settings_json(d->settings, d->nsettings));
    cJSON *items = cJSON_AddArrayToObject(b, "items"), *totals = cJSON_AddArrayToObject(b, "totals");
    for (size_t i = 0; i < d->nitems; i++)
        cJSON_AddItemToArray(items, change_json(d, &d->items[i]));
    for (size_t i = 0; i < d->ntotals; i++)
        cJSON_AddItemToArray(totals, change_json(d, &d->totals[i]));
    cJSON *checks = cJSON_AddArrayToObject(b, "checks");
    for (size_t i = 0; i < d->nchecks; i++) {
        const CheckChange *c = &d->checks[i];
        Buf tmp = {0};
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "check", check_name(c, &tmp));
        cJSON_AddStringToObject(o, "what", c->kind ? "kind" : "result");
        cJSON_AddItemToObject(o, "column", c->column ? cJSON_CreateString(c->column) : cJSON_CreateNull());
        cJSON_AddStringToObject(o, "before", c->before);
        cJSON_AddStringToObject(o, "after", c->after);
        cJSON_AddItemToArray(checks, o);
        buf_free(&tmp);
    }
    return b;
}

static void render_json(FILE *out, const SemDiff *sd)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddBoolToObject(doc, "changed", !semdiff_empty(sd));
    cJSON_AddItemToObject(doc, "settings", settings_json(sd->settings, sd->nsettings));
    cJSON *budgets = cJSON_AddArrayToObject(doc, "budgets");
    for (size_t i = 0; i < sd->nbudgets; i++)
        cJSON_AddItemToArray(budgets, budget_json(&sd->budgets[i]));
    char *text = cJSON_Print(doc);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    cJSON_Delete(doc);
}

static bool syntax_ok(Compilation *c, const char *name)
{
    if (c->diags.scan_stopped) { /* half a file would show the rest as removed */
        diags_render_text(&c->diags, stderr, (TextStyle){false});
        cli_say("bdl: cannot compare: %s was not read to the end (more errors than "
                "--max-errors %zu allows)", name, c->diags.max_errors);
        return false;
    }
    for (size_t i = 0; i < c->diags.n; i++) {
        const char *code = c->diags.items[i]->code;
        if (code[0] == 'E' && code[1] == '0' && (code[2] == '1' || code[2] == '2')) {
            diags_render_text(&c->diags, stderr, (TextStyle){false});
            cli_say("bdl: cannot compare: %s has syntax errors", name);
            return false;
        }
    }
    return true;
}

/* The old version: OLD, or FILE as it was at --git REV, with its imports read at REV too
 * (through `provider`, which must outlive the compilation). */
static bool load_old(Compilation *c, const Options *o, const char **name, const SourceProvider *provider)
{
    if (!o->git_rev)
        return compile_one(c, o, *name = o->files[0]);
    size_t len = 0;
    const char *err;
    char *text = git_blob(o->git_rev, o->files[0], &len, &err);
    if (!text) {
        cli_say("bdl: cannot read %s at %s: %s", o->files[0], o->git_rev, err);
        return false;
    }
    *name = o->files[0];
    compilation_init(c, o->max_errors, false);
    c->allow_outside = o->allow_outside;
    c->provider = provider;
    char *label = str_printf("%s:%s", o->git_rev, o->files[0]);
    compile_source_at(c, source_from_string(label, text, len), o->files[0]);
    free(label);
    free(text);
    return true;
}

static bool parse_format(const Options *o, DiffFormat *f)
{
    const char *s = o->diff_format ? o->diff_format : "text";
    if (strcmp(s, "text") == 0)
        *f = FORMAT_TEXT;
    else if (strcmp(s, "markdown") == 0)
        *f = FORMAT_MARKDOWN;
    else if (strcmp(s, "json") == 0)
        *f = FORMAT_JSON;
    else
        return false;
    return true;
}

int cmd_diff(const Options *o, const Command *self)
{
    (void)self;
    DiffFormat format;
    if (!parse_format(o, &format))
        return usage_error("--format takes text, markdown or json, not '%s'", o->diff_format);
    if (o->nfiles != (o->git_rev ? 1 : 2))
        return usage_error("%s takes OLD NEW, or --git REV FILE", "diff");
    Compilation old, new;
    const char *old_name = NULL, *new_name = o->files[o->git_rev ? 0 : 1];
    SourceProvider at_rev = git_provider(o->git_rev);
    if (!load_old(&old, o, &old_name, &at_rev))
        return EXIT_USAGE;
    if (!compile_one(&new, o, new_name)) {
        compilation_free(&old);
        return EXIT_USAGE;
    }
    int status = EXIT_USAGE;
    if (syntax_ok(&old, old_name) && syntax_ok(&new, new_name)) {
        SemDiff sd;
        semdiff_compute((Version){old.program, &old.sema}, (Version){new.program, &new.sema}, &sd);
        void (*render[])(FILE *, const SemDiff *) = {render_text, render_markdown, render_json};
        render[format](stdout, &sd);
        status = semdiff_empty(&sd) ? EXIT_OK : EXIT_ERRORS;
        semdiff_free(&sd);
    }
    compilation_free(&old);
    compilation_free(&new);
    return status;
}
