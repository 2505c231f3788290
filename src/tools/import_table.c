/* import_table.c - finding a sheet's table: the title and unit lines above it, its header
 * rows (merged cells spread over the columns they cover), each column's role (label,
 * code, figures, or left out), and its rows with their figures. A table whose header
 * has a second label column after figures (收入 | 支出 side by side) becomes two. */
#include "tools/import_model.h"

#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_HEADER_ROWS = 6 };

typedef struct Scan {
    Import *im;
    const Sheet *s;
    size_t sheet;
    const SheetRule *rule;
    Table t;
} Scan;

/* The text shown at (r, c): the cell's own, or its merged range's. */
static const char *shown(const Sheet *s, uint32_t r, uint32_t c)
{
    const SheetCell *cell = sheet_cell(s, r, c);
    if (cell)
        return cell->text;
    const Merge *m = sheet_merge_at(s, r, c);
    if (m && (cell = sheet_cell(s, m->row, m->col)))
        return cell->text;
    return "";
}

static bool is_year(const char *text)
{
    size_t n = strlen(text);
    return n == 4 && (strncmp(text, "19", 2) == 0 || strncmp(text, "20", 2) == 0) && strspn(text, "0123456789") == 4;
}

/* A cell that holds a figure (a number, or text that reads as one, or a not-stated mark). */
static bool figure_cell(const SheetCell *c)
{
    if (!c)
        return false;
    if (c->kind == CELL_NUMBER || c->kind == CELL_FORMULA || c->kind == CELL_ERROR)
        return !is_year(c->text);
    return c->kind == CELL_TEXT && text_is_figure(c->text) && !is_year(c->text) && strspn(c->text, " ") != strlen(c->text);
}

static size_t row_begin(const Sheet *s, uint32_t r)
{
    return r < s->nrows ? s->row_start[r] : s->ncells;
}

static size_t row_end(const Sheet *s, uint32_t r)
{
    return r < s->nrows ? s->row_start[r + 1] : s->ncells;
}

/* The non-empty texts of row r (a merged range counted once), and whether it has figures. */
static size_t row_texts(const Sheet *s, uint32_t r, bool *figures)
{
    size_t n = 0;
    *figures = false;
    for (size_t i = row_begin(s, r); i < row_end(s, r); i++) {
        const SheetCell *c = &s->cells[i];
        if (c->kind == CELL_EMPTY || !*c->text)
            continue;
        if (figure_cell(c))
            *figures = true;
        else
            n++;
    }
    return n;
}

static bool meta_line(const char *text)
{
    UnitInfo u;
    static const char *who[] = {"部门：", "部门:", "单位：", "单位:", "编制单位", "预算单位", "单位名称", NULL};
    for (size_t i = 0; who[i]; i++)
        if (strncmp(text, who[i], strlen(who[i])) == 0)
            return true;
    return unit_in_text(text, &u);
}

/* Title and unit lines above the header: one text each, or texts that all say who and
 * in what unit (部门：… 单位：万元). */
static bool preamble_row(Scan *sc, uint32_t r)
{
    bool figures;
    size_t texts = row_texts(sc->s, r, &figures);
    if (figures)
        return false;
    bool all_meta = true;
    for (size_t i = row_begin(sc->s, r); i < row_end(sc->s, r); i++) {
        const char *text = sc->s->cells[i].text;
        UnitInfo u;
        if (*text && unit_in_text(text, &u) && !sc->t.unit.found)
            sc->t.unit = u;
        static const char *who[] = {"编制单位：", "编制单位:", "单位名称：", "部门名称：", "部门：", NULL};
        for (size_t k = 0; *text && who[k] && !sc->t.entity; k++)
            if (strncmp(text, who[k], strlen(who[k])) == 0 && text[strlen(who[k])])
                sc->t.entity = label_clean(&sc->im->arena, text + strlen(who[k]));
        if (*text && !meta_line(text)) {
            all_meta = false;
            if (!sc->t.title && texts == 1)
                sc->t.title = label_clean(&sc->im->arena, text);
        }
    }
    return texts <= 1 || all_meta;
}

/* A row that goes on the header: part of a merge begun above it; or texts only, under a
 * header cell merged across columns (收入 over 项目 | 预算数) or with the first column
 * empty (data rows have their label there). */
static bool header_row(const Scan *sc, uint32_t r)
{
    const Sheet *s = sc->s;
    bool spread = false;
    for (size_t i = 0; i < s->nmerges; i++) {
        const Merge *m = &s->merges[i];
        if (m->row >= sc->t.header_first && m->row < r && m->row + m->rows > r)
            return true;
        spread |= m->row + m->rows == r && m->row >= sc->t.header_first && m->cols > 1;
    }
    bool figures;
    size_t texts = row_texts(s, r, &figures);
    const char *first = shown(s, r, 0);
    for (uint32_t c = 0; !s->nmerges && !spread && c < s->ncols; c++) /* a lost merge: 收入,, over 项目,预算数 */
        spread = !*shown(s, r - 1, c) && *shown(s, r, c) && c > 0 && *shown(s, r - 1, c - 1);
    return !figures && texts > 0 && (spread || !*first || strcmp(first, "栏次") == 0 || strcmp(first, "行次") == 0);
}

/* A header cell's text; in a sheet without merges (CSV, .xls) an empty cell of an upper
 * header row takes its left neighbour's text while the row below has text: that is how a
 * merged cell looks once its merge is lost. */
static const char *header_part(const Scan *sc, uint32_t r, uint32_t c)
{
    const char *text = shown(sc->s, r, c);
    if (*text || sc->s->nmerges || r == sc->t.header_last)
        return text;
    for (uint32_t k = c; k-- > 0;) {
        if (!*shown(sc->s, r + 1, k + 1))
            return "";
        if (*shown(sc->s, r, k))
            return shown(sc->s, r, k);
    }
    return "";
}

static const char *header_of(Scan *sc, uint32_t c, uint32_t *where)
{
    Buf b = {0};
    const char *last = "";
    buf_put(&b, "", 0);
    *where = sc->t.header_first;
    for (uint32_t r = sc->t.header_first; r <= sc->t.header_last; r++) {
        const char *part = label_clean(&sc->im->arena, header_part(sc, r, c));
        if (!*part || strcmp(part, last) == 0 || strcmp(part, "栏次") == 0)
            continue;
        if (b.len)
            buf_putc(&b, '/');
        buf_puts(&b, part);
        last = part, *where = r;
    }
    char *h = arena_strdup(&sc->im->arena, b.data);
    buf_free(&b);
    return h;
}

static bool header_says(const char *h, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strstr(h, words[i]))
            return true;
    return false;
}

static const char *const code_words[] = {"编码", "代码", "Code", "code", NULL};
static const char *const skip_words[] = {"栏次", "行次", "序号", "%", "％", "率", "Percent", "percent",
                                         "备注", "说明", "Note", NULL};
static const char *const label_words[] = {"项目", "名称", "科目", "Description", "description", "Item", "Fund",
                                          "Category", "Account", "Program", NULL};

static bool code_like(const char *text)
{
    size_t n = strspn(text, "0123456789");
    return n == strlen(text) && n >= 3 && n <= 9;
}

/* How the data cells of column c look. */
typedef struct ColumnStats {
    size_t figures, texts, codes;
} ColumnStats;

static ColumnStats stats_of(const Scan *sc, uint32_t c)
{
    ColumnStats st = {0};
    for (uint32_t r = sc->t.header_last + 1; r < sc->s->nrows; r++) {
        const SheetCell *cell = sheet_cell(sc->s, r, c);
        if (!cell)
            continue;
        if (code_like(cell->text))
            st.codes++;
        else if (figure_cell(cell))
            st.figures++;
        else
            st.texts++;
    }
    return st;
}

/* 类, 款 and 项 in three columns (under 科目编码): the parts of one code. */
static bool code_part(const char *h)
{
    const char *last = strrchr(h, '/');
    last = last ? last + 1 : h;
    return strcmp(last, "类") == 0 || strcmp(last, "款") == 0 || strcmp(last, "项") == 0;
}

static ColumnRole role_of(Scan *sc, TableColumn *col, bool label_seen)
{
    const char *h = col->header;
    ColumnStats st = stats_of(sc, col->col);
    if (code_part(h))
        return COL_CODE_PART;
    if (header_says(h, code_words) || (!label_seen && !*h && st.codes > st.texts && st.codes > st.figures))
        return COL_CODE;
    if (header_says(h, skip_words)) {
        col->why = "a ratio, a line number or remarks, not figures";
        return COL_SKIP;
    }
    bool no_data = st.texts == 0 && st.figures == 0 && st.codes == 0;
    if (st.texts > st.figures || (no_data && !label_seen && (header_says(h, label_words) || !*h)))
        return COL_LABEL;
    if (st.figures || *h)
        return COL_VALUE;
    return COL_NONE;
}

Row *table_add_row(Table *t, const Row *r)
{
    VEC_GROW(t->rows, t->nrows, t->rows_cap);
    t->rows[t->nrows] = *r;
    return &t->rows[t->nrows++];
}

static void add_column(Table *t, TableColumn c)
{
    VEC_GROW(t->cols, t->ncols, t->cols_cap);
    t->cols[t->ncols++] = c;
}

/* The rules' columns, where they say which. */
static bool ruled_role(const SheetRule *rule, uint32_t c, ColumnRole *role)
{
    if (!rule || (rule->label_col < 0 && rule->code_col < 0 && rule->nvalue_cols == 0))
        return false;
    *role = COL_NONE;
    if ((int)c == rule->label_col)
        *role = COL_LABEL;
    else if ((int)c == rule->code_col)
        *role = COL_CODE;
    for (size_t i = 0; i < rule->nvalue_cols; i++)
        if ((int)c == rule->value_cols[i])
            *role = COL_VALUE;
    if (*role == COL_NONE && rule->nvalue_cols == 0)
        return false; /* only the label or code given: the rest is found */
    return true;
}

static void find_columns(Scan *sc)
{
    bool label_seen = false;
    for (uint32_t c = 0; c < sc->s->ncols; c++) {
        TableColumn col = {.col = c};
        col.header = header_of(sc, c, &col.header_row);
        if (!ruled_role(sc->rule, c, &col.role))
            col.role = role_of(sc, &col, label_seen);
        if (col.role == COL_LABEL && label_seen && !sc->t.nvalues)
            col.role = COL_SKIP, col.why = "a second text column";
        if (col.role == COL_LABEL)
            label_seen = true;
        if (col.role == COL_VALUE)
            sc->t.nvalues++;
        add_column(&sc->t, col);
    }
}

/* --- rows ---------------------------------------------------------------------------- */

static void not_a_figure(Scan *sc, Table *t, const char *code, uint32_t r, const TableColumn *col, const char *fmt,
                        const char *text)
{
    Diag *g = report_cell(sc->im->d, SEV_ERROR, code, t->sheet, r, col->col, fmt, text);
    char where[16];
    cell_name(col->header_row, col->col, where);
    if (*col->header)
        diag_note(g, "the column holds figures: '%s' (%s)", col->header, where);
}

static void cut(char *out, const char *text)
{
    snprintf(out, 64, "%s", text);
    if (strlen(text) > 60)
        strcpy(out + 57, "...");
}

/* One figure of row r in column col. */
static bool read_figure(Scan *sc, Table *t, uint32_t r, const TableColumn *col, Amount *a)
{
    const SheetCell *c = sheet_cell(sc->s, r, col->col);
    char shown_text[64];
    Figure fig, *f = &fig;
    memset(a, 0, sizeof *a);
    if (!c)
        return true;
    cut(shown_text, c->text);
    if (c->kind == CELL_FORMULA) {
        not_a_figure(sc, t, "E1005", r, col, "the formula '=%s' has no value saved with it", shown_text);
        return false;
    }
    if (c->kind == CELL_DATE) {
        not_a_figure(sc, t, "E1006", r, col, "a date (%s) where a figure is expected", shown_text);
        return false;
    }
    if (c->kind == CELL_BOOL || c->kind == CELL_ERROR) {
        not_a_figure(sc, t, "E1007", r, col, "'%s' where a figure is expected", shown_text);
        return false;
    }
    FigureStatus st = figure_parse(c->text, f);
    if (st == FIG_OK && c->kind == CELL_NUMBER && (c->flags & CELL_PERCENT)) {
        not_a_figure(sc, t, "E1004", r, col, "a percentage (the cell holds %s, shown with a %% format) where a figure is expected",
                    shown_text);
        return false;
    }
    if (st == FIG_OK)
        *a = (Amount){arena_strdup(&sc->im->arena, f->text), f->decimals, true};
    if (st == FIG_OK || st == FIG_NOT_STATED)
        return true;
    if (st == FIG_TOO_LARGE)
        not_a_figure(sc, t, "E1013", r, col, "the figure %s has more digits than exact arithmetic holds (38)", shown_text);
    else
        not_a_figure(sc, t, "E1004", r, col, st == FIG_PERCENT ? "a percentage (%s) where a figure is expected"
                                                              : "'%s' is not a figure", shown_text);
    return false;
}

static bool row_skipped(const SheetRule *rule, uint32_t r)
{
    for (size_t i = 0; rule && i < rule->nskips; i++)
        if (r + 1 >= rule->skips[i].from && r + 1 <= rule->skips[i].to)
            return true;
    return false;
}

static const char *alias(const Import *im, const char *label)
{
    for (size_t i = 0; im->rules && i < im->rules->naliases; i++)
        if (strcmp(im->rules->aliases[i].from, label) == 0)
            return im->rules->aliases[i].to;
    return label;
}

/* The row's code: its code column, the parts of a split code, or digits before the label
 * ("201 一般公共服务支出"). */
static const char *row_code(Scan *sc, const Table *t, uint32_t r, const char **label)
{
    Buf b = {0};
    buf_put(&b, "", 0);
    for (size_t i = 0; i < t->ncols; i++) {
        const TableColumn *col = &t->cols[i];
        const SheetCell *c = sheet_cell(sc->s, r, col->col);
        if ((col->role == COL_CODE || col->role == COL_CODE_PART) && c)
            buf_puts(&b, c->text);
    }
    size_t digits = strspn(*label, "0123456789");
    if (b.len == 0 && digits >= 3 && (*label)[digits] == ' ') {
        buf_put(&b, *label, digits);
        *label += digits + 1;
    }
    char *code = b.len && strspn(b.data, "0123456789") == b.len ? arena_strdup(&sc->im->arena, b.data) : NULL;
    buf_free(&b);
    return code;
}

static int indent_of(const SheetCell *c)
{
    if (!c)
        return 0;
    int n = c->indent * 2;
    for (const char *p = c->text; *p; p++) {
        if (*p == ' ')
            n++;
        else if (strncmp(p, "\xE3\x80\x80", 3) == 0)
            n += 2, p += 2;
        else
            break;
    }
    return n;
}

static bool merged_figure(Scan *sc, Table *t, uint32_t r, const TableColumn *col)
{
    const Merge *m = sheet_merge_at(sc->s, r, col->col);
    if (!m || (m->rows == 1 && m->cols == 1) || m->row != r || m->col != col->col)
        return false;
    char range[40], a[16], b[16];
    cell_name(m->row, m->col, a);
    cell_name(m->row + m->rows - 1, m->col + m->cols - 1, b);
    snprintf(range, sizeof range, "%s:%s", a, b);
    Diag *g = report_cell(sc->im->d, SEV_ERROR, "E1011", t->sheet, r, col->col,
                              "a figure cell is merged over %s: which row or column does it belong to?", range);
    diag_help(g, "unmerge the cells and write each figure in its own cell");
    return true;
}

/* Reads row r into t; false when it has nothing (no label, code or figure). */
static bool read_row(Scan *sc, Table *t, uint32_t r, bool *ok)
{
    const TableColumn *lc = &t->cols[t->label_col];
    const SheetCell *label_cell = sheet_cell(sc->s, r, lc->col);
    Row row = {.row = r, .col = lc->col, .indent = indent_of(label_cell)};
    const char *label = label_cell ? label_clean(&sc->im->arena, label_cell->text) : "";
    row.code = row_code(sc, t, r, &label);
    row.label = alias(sc->im, label);
    row.values = ARENA_ARRAY(&sc->im->arena, Amount, t->nvalues ? t->nvalues : 1);
    bool any = false;
    for (size_t v = 0; v < t->nvalues; v++) {
        const TableColumn *col = &t->cols[t->values[v]];
        if (merged_figure(sc, t, r, col) || !read_figure(sc, t, r, col, &row.values[v]))
            *ok = false;
        any |= row.values[v].stated;
        if (row.values[v].decimals > t->decimals)
            t->decimals = row.values[v].decimals;
    }
    if (!any && !*row.label && !row.code)
        return false;
    if (label_is_total(row.label, &sc->im->arena, &row.total_rest))
        row.kind = ROW_TOTAL;
    else if (label_is_memo(row.label))
        row.kind = ROW_MEMO;
    if (!*row.label && any)
        report_cell(sc->im->d, SEV_WARNING, "W1001", t->sheet, r, lc->col,
                        "the row has figures but no label: it is imported as row_%u", r + 1);
    table_add_row(t, &row);
    return any || row.code;
}

static void read_rows(Scan *sc, Table *t, bool *ok)
{
    uint32_t first = t->first_row, last = sc->rule && sc->rule->last_row ? sc->rule->last_row - 1 : sc->s->nrows - 1;
    size_t kept = 0; /* rows up to the last with a figure or a code: the rest are notes */
    for (uint32_t r = first; r <= last && r < sc->s->nrows; r++)
        if (!row_skipped(sc->rule, r) && read_row(sc, t, r, ok))
            kept = t->nrows;
    t->nrows = kept;
    t->last_row = kept ? t->rows[kept - 1].row : first;
}

/* The side's name (收入 of 收入/项目) and the headers of its value columns without it. */
static void name_side(Import *im, Table *t)
{
    const char *h = t->cols[t->label_col].header, *slash = strchr(h, '/');
    if (!slash)
        return;
    size_t n = (size_t)(slash - h);
    t->side = arena_strndup(&im->arena, h, n);
    for (size_t i = 0; i < t->ncols; i++)
        if (strncmp(t->cols[i].header, h, n + 1) == 0)
            t->cols[i].header += n + 1;
}

static void index_values(Table *t)
{
    t->nvalues = 0;
    t->values_cap = t->ncols ? t->ncols : 1;
    t->values = xrealloc(t->values, t->values_cap * sizeof *t->values);
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->cols[i].role == COL_VALUE)
            t->values[t->nvalues++] = i;
        if (t->cols[i].role == COL_VALUE && !t->cols[i].key)
            t->cols[i].key = t->cols[i].header;
    }
}

/* Splits the scanned table at each label column that follows figures. */
static void split_sides(Scan *sc, Table *parts, size_t *nparts)
{
    Table *t = &sc->t;
    size_t start = 0;
    *nparts = 0;
    for (size_t i = 0; i <= t->ncols; i++) {
        bool values_before = false;
        for (size_t k = start; k < i; k++)
            values_before |= t->cols[k].role == COL_VALUE;
        if (i < t->ncols && !(t->cols[i].role == COL_LABEL && i > start && values_before))
            continue;
        Table p = *t;
        p.cols_cap = i - start + 1;
        p.cols = xmalloc(p.cols_cap * sizeof *p.cols);
        memcpy(p.cols, t->cols + start, (i - start) * sizeof *p.cols);
        p.ncols = i - start;
        p.values = NULL, p.values_cap = 0, p.rows = NULL, p.nrows = p.rows_cap = 0;
        p.label_col = SIZE_MAX;
        for (size_t k = 0; k < p.ncols; k++)
            if (p.cols[k].role == COL_LABEL && p.label_col == SIZE_MAX)
                p.label_col = k;
        if (p.label_col != SIZE_MAX && *nparts < 4)
            parts[(*nparts)++] = p;
        else
            free(p.cols);
        start = i;
    }
    free(t->cols);
}

static void add_table(Import *im, Table *t)
{
    VEC_GROW(im->tables, im->ntables, im->tables_cap);
    im->tables[im->ntables++] = *t;
}

static void skip_sheet(Import *im, const char *name)
{
    VEC_GROW(im->skipped, im->nskipped, im->skipped_cap);
    im->skipped[im->nskipped++] = name;
}

static const SheetRule *rule_for(const Import *im, const char *sheet)
{
    const SheetRule *any = NULL;
    for (size_t i = 0; im->rules && i < im->rules->nsheets; i++) {
        const SheetRule *r = &im->rules->sheets[i];
        if (r->sheet && strcmp(r->sheet, sheet) == 0)
            return r;
        if (!r->sheet)
            any = r;
    }
    return any;
}

/* The header rows: where the rules say, else after the title and unit lines. */
static bool find_header(Scan *sc)
{
    const SheetRule *rule = sc->rule;
    uint32_t r = 0;
    while (r < sc->s->nrows && preamble_row(sc, r))
        r++;
    if (rule && rule->header_first)
        r = rule->header_first - 1;
    if (r >= sc->s->nrows)
        return false;
    sc->t.header_first = sc->t.header_last = r;
    if (rule && rule->header_last)
        sc->t.header_last = rule->header_last - 1;
    else
        while (sc->t.header_last + 1 < sc->s->nrows && sc->t.header_last - r + 1 < MAX_HEADER_ROWS &&
               header_row(sc, sc->t.header_last + 1))
            sc->t.header_last++;
    sc->t.first_row = rule && rule->first_row ? rule->first_row - 1 : sc->t.header_last + 1;
    return true;
}

/* A unit written in a header cell (预算数（万元）, "Amount ($000s)") when the title
 * lines named none. */
static void unit_from_header(Table *t)
{
    for (size_t i = 0; i < t->ncols && !t->unit.found; i++)
        unit_in_text(t->cols[i].header, &t->unit);
}

/* --- wide tables: one row of figures under a header of several levels ------------------ */

static size_t wide_value(Table *t, const char *top)
{
    for (size_t v = 0; v < t->nvalues; v++)
        if (strcmp(t->cols[t->values[v]].key, top) == 0)
            return v;
    TableColumn c = {.col = UINT32_MAX, .header = top, .role = COL_VALUE, .key = top};
    add_column(t, c);
    VEC_GROW(t->values, t->nvalues, t->values_cap);
    t->values[t->nvalues++] = t->ncols - 1;
    return t->nvalues - 1;
}

/* The row a header's lower parts name: 合计, 因公出国（境）费, or 公务用车购置费 under
 * 公务用车购置及运行费 (whose 小计 is the group's own row). */
static Row *wide_row(Import *im, Table *t, const char *rest, uint32_t row, uint32_t col, size_t width)
{
    const char *slash = strchr(rest, '/'), *last = slash ? slash + 1 : rest;
    bool subtotal = slash && (strcmp(last, "小计") == 0 || strcmp(last, "合计") == 0);
    const char *label = slash && !subtotal ? last : arena_strndup(&im->arena, rest, slash ? (size_t)(slash - rest) : strlen(rest));
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].label, label) == 0)
            return &t->rows[i];
    Row r = {.row = row, .col = col, .label = label, .indent = slash && !subtotal ? 2 : 0};
    r.values = ARENA_ARRAY(&im->arena, Amount, width);
    if (label_is_total(label, &im->arena, &r.total_rest))
        r.kind = ROW_TOTAL;
    return table_add_row(t, &r);
}

/* A table without a label column and with one row of figures (the 三公 table) read
 * across: each figure's header gives its row (its lower parts) and its column (its top
 * part, 2026年预算数). */
static bool wide_table(Scan *sc, Table *t, bool *ok)
{
    uint32_t r = sc->t.header_last + 1;
    bool figures;
    if (r >= sc->s->nrows)
        return false;
    row_texts(sc->s, r, &figures);
    for (uint32_t k = r + 1; figures && k < sc->s->nrows; k++) {
        bool more;
        row_texts(sc->s, k, &more);
        if (more)
            return false; /* more than one row of figures: not a wide table */
    }
    if (!figures)
        return false;
    *t = sc->t;
    t->cols = NULL, t->ncols = t->cols_cap = 0, t->values = NULL, t->nvalues = t->values_cap = 0;
    t->rows = NULL, t->nrows = t->rows_cap = 0;
    t->wide = true, t->first_row = t->last_row = r;
    add_column(t, (TableColumn){.col = 0, .header = "", .role = COL_LABEL});
    t->label_col = 0;
    for (size_t i = 0; i < sc->t.ncols; i++) {
        TableColumn *c = &sc->t.cols[i];
        const char *slash = strchr(c->header, '/');
        if (!slash || !sheet_cell(sc->s, r, c->col))
            continue;
        size_t v = wide_value(t, arena_strndup(&sc->im->arena, c->header, (size_t)(slash - c->header)));
        Row *row = wide_row(sc->im, t, slash + 1, c->header_row, c->col, sc->t.ncols);
        if (!read_figure(sc, t, r, c, &row->values[v]))
            *ok = false;
        if (row->values[v].decimals > t->decimals)
            t->decimals = row->values[v].decimals;
    }
    return t->nrows > 0;
}

static bool scan_sheet(Import *im, size_t index, bool *ok)
{
    Scan sc = {.im = im, .s = &im->wb->sheets[index], .sheet = index};
    sc.rule = rule_for(im, sc.s->name);
    sc.t.sheet = index;
    if ((sc.rule && sc.rule->skip) || !find_header(&sc))
        return false;
    find_columns(&sc);
    Table parts[4];
    size_t nparts;
    Table wide;
    bool labelled = false;
    for (size_t i = 0; i < sc.t.ncols; i++)
        labelled |= sc.t.cols[i].role == COL_LABEL;
    if (!labelled && sc.t.ncols && wide_table(&sc, &wide, ok)) {
        wide.first_col = sc.t.cols[0].col, wide.last_col = sc.t.cols[sc.t.ncols - 1].col;
        if (!wide.title)
            wide.title = sc.s->name;
        free(sc.t.cols);
        unit_from_header(&wide);
        add_table(im, &wide);
        return true;
    }
    split_sides(&sc, parts, &nparts);
    for (size_t i = 0; i < nparts; i++) {
        Table *t = &parts[i];
        if (nparts > 1)
            name_side(im, t);
        t->first_col = t->cols[0].col, t->last_col = t->cols[t->ncols - 1].col;
        index_values(t);
        unit_from_header(t);
        if (sc.rule && sc.rule->unit.found && !t->unit.found)
            t->unit = sc.rule->unit;
        read_rows(&sc, t, ok);
        if (!t->title)
            t->title = sc.s->name;
        if (sc.rule && sc.rule->title)
            t->title = sc.rule->title;
        if (sc.rule && sc.rule->id && nparts == 1)
            t->id = sc.rule->id;
        if (t->nvalues && t->nrows)
            add_table(im, t);
        else
            free(t->cols), free(t->values), free(t->rows);
    }
    return nparts > 0;
}

bool find_tables(Import *im)
{
    bool ok = true;
    for (size_t i = 0; i < im->wb->nsheets; i++) {
        size_t before = im->ntables;
        scan_sheet(im, i, &ok);
        if (im->ntables == before)
            skip_sheet(im, im->wb->sheets[i].name);
    }
    if (ok && im->ntables == 0) {
        Diag *g = report_file(im->d, SEV_ERROR, "E1012", "%s", "no table found: no sheet has a header row with "
                                                                   "a label column and figures under it");
        diag_help(g, "say where the table is with a rules file (--rules FILE; see docs/import.md)");
        ok = false;
    }
    return ok;
}
